-- ===================================================================
-- Gamma-Gamma spend
-- (Fader & Hardie 2013, "The Gamma-Gamma Model of Monetary Value")
-- ===================================================================

CREATE TYPE gamma_gamma_state;

CREATE FUNCTION gamma_gamma_state_in(cstring) RETURNS gamma_gamma_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gamma_gamma_state_out(gamma_gamma_state) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gamma_gamma_state_recv(internal) RETURNS gamma_gamma_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gamma_gamma_state_send(gamma_gamma_state) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE gamma_gamma_state (
    INPUT = gamma_gamma_state_in,
    OUTPUT = gamma_gamma_state_out,
    RECEIVE = gamma_gamma_state_recv,
    SEND = gamma_gamma_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended   -- states of many customers exceed a page: TOAST them (readers detoast)
);
COMMENT ON TYPE gamma_gamma_state IS
    'Repeat customers summarised as distinct (x, mean value) pairs with counts: the mergeable state of the Gamma-Gamma fit';

CREATE TYPE gamma_gamma_model AS (
    p double precision,
    q double precision,
    gamma double precision,
    log_likelihood double precision,
    n bigint,
    converged boolean
);
COMMENT ON TYPE gamma_gamma_model IS
    'A fitted Gamma-Gamma spend model: transaction values ~ Gamma(p, nu), nu ~ Gamma(q, gamma); log-likelihood, customers and whether the fit converged';

-- Support functions of the aggregates (not for direct use).
CREATE FUNCTION cf_gg_trans(gamma_gamma_state, integer, double precision) RETURNS gamma_gamma_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_gg_combine(gamma_gamma_state, gamma_gamma_state) RETURNS gamma_gamma_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cf_gg_final(gamma_gamma_state) RETURNS gamma_gamma_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cf_gg_fit_final(gamma_gamma_state) RETURNS gamma_gamma_model
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cf_gg_trans(gamma_gamma_state, integer, double precision) IS
    'Transition of gamma_gamma_agg and gamma_gamma_fit: counts a repeat customer (x, mean value); x = 0 and NULLs are skipped';
COMMENT ON FUNCTION cf_gg_combine(gamma_gamma_state, gamma_gamma_state) IS
    'Combine function of the Gamma-Gamma aggregates and transition of rollup(gamma_gamma_state): adds counts';
COMMENT ON FUNCTION cf_gg_final(gamma_gamma_state) IS
    'Final function of gamma_gamma_agg and rollup(gamma_gamma_state): the state sorted, merged and without spare room';
COMMENT ON FUNCTION cf_gg_fit_final(gamma_gamma_state) IS
    'Final function of the gamma_gamma_fit aggregate: fits the model; an error when there are no repeat customers';

-- Accessors and the fit of a stored state.
CREATE FUNCTION customer_count(gamma_gamma_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_gg_customers' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gamma_gamma_fit(gamma_gamma_state) RETURNS gamma_gamma_model
    AS 'MODULE_PATHNAME', 'cf_gg_fit_state' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION customer_count(gamma_gamma_state) IS 'Number of repeat customers in the state';
COMMENT ON FUNCTION gamma_gamma_fit(gamma_gamma_state) IS
    'Maximum-likelihood Gamma-Gamma fit of the customers in a state; WARNING and converged = false if it stops early';
-- Deprecated 1.0 name (CONTRIBUTING, naming table, rule 7): the same C function.
CREATE FUNCTION customers(gamma_gamma_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_gg_customers' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION customers(gamma_gamma_state) IS 'Deprecated alias of customer_count(gamma_gamma_state), the 1.0 name';

-- Predictions.
CREATE FUNCTION gamma_gamma_expected_mean(model gamma_gamma_model, x integer, mean_value double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_gg_expected_mean_sql' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION gamma_gamma_expected_mean(gamma_gamma_model, integer, double precision) IS
    'Expected mean transaction value of a customer with x repeat transactions of mean mean_value (the population mean when x = 0; mean_value may then be NULL)';

-- Aggregates: the two-step form returning the state, the one-step fit, rollup.
CREATE AGGREGATE gamma_gamma_agg(x integer, mean_value double precision) (
    SFUNC = cf_gg_trans, STYPE = gamma_gamma_state, FINALFUNC = cf_gg_final,
    COMBINEFUNC = cf_gg_combine, PARALLEL = SAFE
);
CREATE AGGREGATE gamma_gamma_fit(x integer, mean_value double precision) (
    SFUNC = cf_gg_trans, STYPE = gamma_gamma_state, FINALFUNC = cf_gg_fit_final,
    COMBINEFUNC = cf_gg_combine, PARALLEL = SAFE
);
CREATE AGGREGATE rollup(gamma_gamma_state) (
    SFUNC = cf_gg_combine, STYPE = gamma_gamma_state, FINALFUNC = cf_gg_final,
    COMBINEFUNC = cf_gg_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE gamma_gamma_agg(integer, double precision) IS
    'Summary of repeat customers (x transactions of mean value mean_value) for a Gamma-Gamma fit; x = 0 and NULLs are skipped';
COMMENT ON AGGREGATE gamma_gamma_fit(integer, double precision) IS
    'Fits the Gamma-Gamma spend model by maximum likelihood over repeat customers (x > 0), as in the paper';
COMMENT ON AGGREGATE rollup(gamma_gamma_state) IS 'Merges stored Gamma-Gamma states';

-- Gamma-Gamma from customer profiles (issue 17 item 7): x = purchase days - 1 and
-- mean_value = repeat_mean_value(profile)::float8; one-day customers are skipped.
CREATE FUNCTION cf_gg_profile_trans(gamma_gamma_state, customer_profile) RETURNS gamma_gamma_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cf_gg_profile_trans(gamma_gamma_state, customer_profile) IS
    'Transition of gamma_gamma_agg/gamma_gamma_fit(customer_profile): counts (purchase days - 1, repeat_mean_value(profile)::float8) of a repeat customer; one-day profiles and NULLs are skipped';
CREATE AGGREGATE gamma_gamma_agg(profile customer_profile) (
    SFUNC = cf_gg_profile_trans, STYPE = gamma_gamma_state, FINALFUNC = cf_gg_final,
    COMBINEFUNC = cf_gg_combine, PARALLEL = SAFE
);
CREATE AGGREGATE gamma_gamma_fit(profile customer_profile) (
    SFUNC = cf_gg_profile_trans, STYPE = gamma_gamma_state, FINALFUNC = cf_gg_fit_final,
    COMBINEFUNC = cf_gg_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE gamma_gamma_agg(customer_profile) IS
    'Gamma-Gamma summary of customer profiles: equal to gamma_gamma_agg(purchase_day_count(profile) - 1, repeat_mean_value(profile)::float8)';
COMMENT ON AGGREGATE gamma_gamma_fit(customer_profile) IS
    'Fits the Gamma-Gamma spend model to customer profiles (repeat customers, their repeat purchase days'' mean revenue), no hand-made summary';
