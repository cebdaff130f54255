-- ===================================================================
-- BG/NBD: who is still a customer, and how much will they buy
-- (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way")
-- ===================================================================

CREATE TYPE bgnbd_state;

CREATE FUNCTION bgnbd_state_in(cstring) RETURNS bgnbd_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION bgnbd_state_out(bgnbd_state) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION bgnbd_state_recv(internal) RETURNS bgnbd_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION bgnbd_state_send(bgnbd_state) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE bgnbd_state (
    INPUT = bgnbd_state_in,
    OUTPUT = bgnbd_state_out,
    RECEIVE = bgnbd_state_recv,
    SEND = bgnbd_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended   -- states of many customers exceed a page: TOAST them (readers detoast)
);
COMMENT ON TYPE bgnbd_state IS
    'Customers summarised as distinct (x, t_x, T) triples with counts: the mergeable state of the BG/NBD fit';

CREATE TYPE bgnbd_model AS (
    r double precision,
    alpha double precision,
    a double precision,
    b double precision,
    log_likelihood double precision,
    n bigint,
    converged boolean
);
COMMENT ON TYPE bgnbd_model IS
    'A fitted BG/NBD model: purchase rates ~ Gamma(r, alpha), dropout probability ~ Beta(a, b); log-likelihood, customers and whether the fit converged';

-- Support functions of the aggregates (not for direct use).
CREATE FUNCTION cf_bgnbd_trans(bgnbd_state, integer, double precision, double precision) RETURNS bgnbd_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_bgnbd_combine(bgnbd_state, bgnbd_state) RETURNS bgnbd_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cf_bgnbd_final(bgnbd_state) RETURNS bgnbd_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cf_bgnbd_fit_final(bgnbd_state) RETURNS bgnbd_model
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cf_bgnbd_trans(bgnbd_state, integer, double precision, double precision) IS
    'Transition of bgnbd_agg and bgnbd_fit: counts a customer (x, t_x, T), skipping rows with a NULL';
COMMENT ON FUNCTION cf_bgnbd_combine(bgnbd_state, bgnbd_state) IS
    'Combine function of the BG/NBD aggregates and transition of rollup(bgnbd_state): adds counts';
COMMENT ON FUNCTION cf_bgnbd_final(bgnbd_state) IS
    'Final function of bgnbd_agg and rollup(bgnbd_state): the state sorted, merged and without spare room';
COMMENT ON FUNCTION cf_bgnbd_fit_final(bgnbd_state) IS
    'Final function of the bgnbd_fit aggregate: fits the model; an error when there are no customers';

-- Accessors and the fit of a stored state.
CREATE FUNCTION customer_count(bgnbd_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_bgnbd_customers' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION bgnbd_fit(bgnbd_state) RETURNS bgnbd_model
    AS 'MODULE_PATHNAME', 'cf_bgnbd_fit_state' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION customer_count(bgnbd_state) IS 'Number of customers in the state';
COMMENT ON FUNCTION bgnbd_fit(bgnbd_state) IS
    'Maximum-likelihood BG/NBD fit of the customers in a state (BFGS in log parameters, Nelder-Mead fallback); WARNING and converged = false if it stops early';
-- Deprecated 1.0 name (CONTRIBUTING, naming table, rule 7): the same C function.
CREATE FUNCTION customers(bgnbd_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_bgnbd_customers' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION customers(bgnbd_state) IS 'Deprecated alias of customer_count(bgnbd_state), the 1.0 name';

-- Predictions.
CREATE FUNCTION bgnbd_p_alive(model bgnbd_model, x integer, t_x double precision, t double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_bgnbd_p_alive_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION bgnbd_expected_purchases(model bgnbd_model, horizon double precision,
                                         x integer, t_x double precision, t double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_bgnbd_expected_purchases_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION bgnbd_expected_purchases_new(model bgnbd_model, horizon double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_bgnbd_expected_purchases_new_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION bgnbd_p_alive(bgnbd_model, integer, double precision, double precision) IS
    'Probability that a customer with x repeat purchases, the last at t_x, observed for T, is still active (1 when x = 0)';
COMMENT ON FUNCTION bgnbd_expected_purchases(bgnbd_model, double precision, integer, double precision, double precision) IS
    'Expected purchases of the customer (x, t_x, T) in the next horizon time units (FHL eq. 10)';
COMMENT ON FUNCTION bgnbd_expected_purchases_new(bgnbd_model, double precision) IS
    'Expected repeat purchases of a customer in the first horizon time units after the first purchase (FHL eq. 9)';

-- Simulation (benchmarks, model checks).
CREATE FUNCTION bgnbd_simulate(model bgnbd_model, t double precision, seed bigint,
                               OUT x integer, OUT t_x double precision)
    AS 'MODULE_PATHNAME', 'cf_bgnbd_simulate_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION bgnbd_simulate(bgnbd_model, double precision, bigint) IS
    'One customer simulated from the model and observed for t after the first purchase: repeat purchases x and the time of the last, t_x; deterministic in (model, t, seed)';

-- Aggregates: the two-step form returning the state, the one-step fit, rollup.
CREATE AGGREGATE bgnbd_agg(x integer, t_x double precision, t double precision) (
    SFUNC = cf_bgnbd_trans, STYPE = bgnbd_state, FINALFUNC = cf_bgnbd_final,
    COMBINEFUNC = cf_bgnbd_combine, PARALLEL = SAFE
);
CREATE AGGREGATE bgnbd_fit(x integer, t_x double precision, t double precision) (
    SFUNC = cf_bgnbd_trans, STYPE = bgnbd_state, FINALFUNC = cf_bgnbd_fit_final,
    COMBINEFUNC = cf_bgnbd_combine, PARALLEL = SAFE
);
CREATE AGGREGATE rollup(bgnbd_state) (
    SFUNC = cf_bgnbd_combine, STYPE = bgnbd_state, FINALFUNC = cf_bgnbd_final,
    COMBINEFUNC = cf_bgnbd_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE bgnbd_agg(integer, double precision, double precision) IS
    'Summary of customers (x repeat purchases, last at t_x, observed for T) for a BG/NBD fit; rows with a NULL are skipped';
COMMENT ON AGGREGATE bgnbd_fit(integer, double precision, double precision) IS
    'Fits the BG/NBD model by maximum likelihood to one row per customer (x, t_x, T); an error when there are no customers';
COMMENT ON AGGREGATE rollup(bgnbd_state) IS 'Merges stored BG/NBD states (e.g. per shard or per cohort)';

-- ===================================================================
-- BG/NBD and CLV from customer profiles (customer_profile, 20_customer_profile.sql):
-- (x, t_x, T) are model_summary(profile, as_of, unit_days), in units of
-- unit_days days (default 1: days; 7 for weeks)
-- ===================================================================

CREATE FUNCTION cf_bgnbd_profile_trans(bgnbd_state, customer_profile, timestamptz) RETURNS bgnbd_state
    AS 'MODULE_PATHNAME', 'cf_bgnbd_profile_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_bgnbd_profile_trans(bgnbd_state, customer_profile, timestamptz, double precision) RETURNS bgnbd_state
    AS 'MODULE_PATHNAME', 'cf_bgnbd_profile_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cf_bgnbd_profile_trans(bgnbd_state, customer_profile, timestamptz) IS
    'Transition of bgnbd_fit(customer_profile, timestamptz): counts model_summary(profile, as_of) in days';
COMMENT ON FUNCTION cf_bgnbd_profile_trans(bgnbd_state, customer_profile, timestamptz, double precision) IS
    'Transition of bgnbd_agg/bgnbd_fit(customer_profile, timestamptz, double precision): counts model_summary(profile, as_of, unit_days)';

CREATE AGGREGATE bgnbd_agg(profile customer_profile, as_of timestamptz) (
    SFUNC = cf_bgnbd_profile_trans, STYPE = bgnbd_state, FINALFUNC = cf_bgnbd_final,
    COMBINEFUNC = cf_bgnbd_combine, PARALLEL = SAFE
);
CREATE AGGREGATE bgnbd_agg(profile customer_profile, as_of timestamptz, unit_days double precision) (
    SFUNC = cf_bgnbd_profile_trans, STYPE = bgnbd_state, FINALFUNC = cf_bgnbd_final,
    COMBINEFUNC = cf_bgnbd_combine, PARALLEL = SAFE
);
CREATE AGGREGATE bgnbd_fit(profile customer_profile, as_of timestamptz) (
    SFUNC = cf_bgnbd_profile_trans, STYPE = bgnbd_state, FINALFUNC = cf_bgnbd_fit_final,
    COMBINEFUNC = cf_bgnbd_combine, PARALLEL = SAFE
);
CREATE AGGREGATE bgnbd_fit(profile customer_profile, as_of timestamptz, unit_days double precision) (
    SFUNC = cf_bgnbd_profile_trans, STYPE = bgnbd_state, FINALFUNC = cf_bgnbd_fit_final,
    COMBINEFUNC = cf_bgnbd_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE bgnbd_agg(customer_profile, timestamptz) IS
    'BG/NBD summary of customer profiles at as_of, times in days';
COMMENT ON AGGREGATE bgnbd_agg(customer_profile, timestamptz, double precision) IS
    'BG/NBD summary of customer profiles at as_of, times in units of unit_days days';
COMMENT ON AGGREGATE bgnbd_fit(customer_profile, timestamptz) IS
    'Fits the BG/NBD model to customer profiles at as_of, times in days';
COMMENT ON AGGREGATE bgnbd_fit(customer_profile, timestamptz, double precision) IS
    'Fits the BG/NBD model to customer profiles at as_of, times in units of unit_days days (7: weeks)';

CREATE FUNCTION bgnbd_p_alive(model bgnbd_model, profile customer_profile, as_of timestamptz,
                              unit_days double precision DEFAULT 1) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_bgnbd_p_alive_profile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION bgnbd_expected_purchases(model bgnbd_model, horizon double precision, profile customer_profile,
                                         as_of timestamptz, unit_days double precision DEFAULT 1) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_bgnbd_expected_purchases_profile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION bgnbd_p_alive(bgnbd_model, customer_profile, timestamptz, double precision) IS
    'P(alive) of the customer whose profile is given, at as_of (the model''s time unit must be unit_days days)';
COMMENT ON FUNCTION bgnbd_expected_purchases(bgnbd_model, double precision, customer_profile, timestamptz, double precision) IS
    'Expected purchases in the next horizon time units of the customer whose profile is given, at as_of';

-- ===================================================================
-- Churn windows: the chance of no purchase in a horizon, the purchase-count
-- distribution of a new customer and of an existing one, and P(alive) through a
-- customer's history
-- ===================================================================

CREATE FUNCTION bgnbd_p_no_purchase(model bgnbd_model, horizon double precision,
                                    x integer, t_x double precision, t double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_bgnbd_p_no_purchase_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION bgnbd_p_no_purchase(model bgnbd_model, horizon double precision, profile customer_profile,
                                    as_of timestamptz, unit_days double precision DEFAULT 1)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_bgnbd_p_no_purchase_profile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION bgnbd_pmf_new(model bgnbd_model, n integer, horizon double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_bgnbd_pmf_new_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION bgnbd_p_alive_path(model bgnbd_model, profile customer_profile, as_of timestamptz,
                                   step interval, unit_days double precision DEFAULT 1)
    RETURNS TABLE (day date, p_alive double precision)
    AS 'MODULE_PATHNAME', 'cf_bgnbd_p_alive_path' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION bgnbd_p_no_purchase(bgnbd_model, double precision, integer, double precision, double precision) IS
    'Probability that the customer (x, t_x, T) makes no purchase in the next horizon time units: (1 - P(alive)) + P(alive) ((alpha + T)/(alpha + T + horizon))^(r + x)';
COMMENT ON FUNCTION bgnbd_p_no_purchase(bgnbd_model, double precision, customer_profile, timestamptz, double precision) IS
    'Probability that the customer whose profile is given makes no purchase in the horizon after as_of';
COMMENT ON FUNCTION bgnbd_pmf_new(bgnbd_model, integer, double precision) IS
    'Probability that a new customer makes exactly n repeat purchases in the first horizon time units (FHL 2005 eq. 8)';
COMMENT ON FUNCTION bgnbd_p_alive_path(bgnbd_model, customer_profile, timestamptz, interval, double precision) IS
    'P(alive) of the customer on the first purchase day, every step days after it and on the as_of day, each from the purchases up to that day';

-- The conditional PMF of an existing customer: P(n purchases in (T, T + horizon] | x, t_x, T)
-- (derivation in src/core/bgnbd.h).
CREATE FUNCTION bgnbd_pmf(model bgnbd_model, n integer, horizon double precision,
                          x integer, t_x double precision, t double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_bgnbd_pmf_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION bgnbd_pmf(model bgnbd_model, n integer, horizon double precision, profile customer_profile,
                          as_of timestamptz, unit_days double precision DEFAULT 1)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_bgnbd_pmf_profile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION bgnbd_pmf(bgnbd_model, integer, double precision, integer, double precision, double precision) IS
    'Probability that the customer (x, t_x, T) makes exactly n purchases in the next horizon time units: [n = 0] (1 - P(alive)) + P(alive) bgnbd_pmf_new(n) with (r + x, alpha + T, a, b + x)';
COMMENT ON FUNCTION bgnbd_pmf(bgnbd_model, integer, double precision, customer_profile, timestamptz, double precision) IS
    'Probability that the customer whose profile is given makes exactly n purchases in the horizon after as_of';
