-- ===================================================================
-- Pareto/NBD: Poisson purchases while alive, exponential lifetimes
-- (Schmittlein, Morrison & Colombo 1987; Fader & Hardie 2005), fitted on bgnbd_state
-- ===================================================================

CREATE TYPE pnbd_model AS (
    r double precision,
    alpha double precision,
    s double precision,
    beta double precision,
    log_likelihood double precision,
    n bigint,
    converged boolean
);
COMMENT ON TYPE pnbd_model IS
    'A fitted Pareto/NBD model: purchase rates ~ Gamma(r, alpha) while alive, dropout rates ~ Gamma(s, beta); log-likelihood, customers and whether the fit converged';

-- Support function of the aggregates (not for direct use).
CREATE FUNCTION cf_pnbd_fit_final(bgnbd_state) RETURNS pnbd_model
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cf_pnbd_fit_final(bgnbd_state) IS
    'Final function of the pnbd_fit aggregates: fits the model; an error when there are no customers';

CREATE FUNCTION pnbd_fit(bgnbd_state) RETURNS pnbd_model
    AS 'MODULE_PATHNAME', 'cf_pnbd_fit_state' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION pnbd_fit(bgnbd_state) IS
    'Maximum-likelihood Pareto/NBD fit of the customers in a BG/NBD state (BFGS in log parameters, Nelder-Mead fallback); WARNING and converged = false if it stops early or at a boundary';

CREATE FUNCTION pnbd_p_alive(model pnbd_model, x integer, t_x double precision, t double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_pnbd_p_alive_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION pnbd_expected_purchases(model pnbd_model, horizon double precision,
                                          x integer, t_x double precision, t double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_pnbd_expected_purchases_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION pnbd_expected_purchases_new(model pnbd_model, horizon double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_pnbd_expected_purchases_new_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION pnbd_p_alive(model pnbd_model, profile customer_profile, as_of timestamptz,
                             unit_days double precision DEFAULT 1) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_pnbd_p_alive_profile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION pnbd_expected_purchases(model pnbd_model, horizon double precision, profile customer_profile,
                                        as_of timestamptz, unit_days double precision DEFAULT 1) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_pnbd_expected_purchases_profile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION pnbd_simulate(model pnbd_model, t double precision, seed bigint,
                                OUT x integer, OUT t_x double precision)
    AS 'MODULE_PATHNAME', 'cf_pnbd_simulate_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION pnbd_p_alive(pnbd_model, integer, double precision, double precision) IS
    'Probability that a customer with x repeat purchases, the last at t_x, observed for T, is still active';
COMMENT ON FUNCTION pnbd_expected_purchases(pnbd_model, double precision, integer, double precision, double precision) IS
    'Expected purchases of the customer (x, t_x, T) in the next horizon time units';
COMMENT ON FUNCTION pnbd_p_alive(pnbd_model, customer_profile, timestamptz, double precision) IS
    'P(alive) of the customer whose profile is given, at as_of (the model''s time unit must be unit_days days)';
COMMENT ON FUNCTION pnbd_expected_purchases(pnbd_model, double precision, customer_profile, timestamptz, double precision) IS
    'Expected purchases in the next horizon time units of the customer whose profile is given, at as_of';
COMMENT ON FUNCTION pnbd_expected_purchases_new(pnbd_model, double precision) IS
    'Expected repeat purchases of a customer in the first horizon time units after the first purchase';
COMMENT ON FUNCTION pnbd_simulate(pnbd_model, double precision, bigint) IS
    'One customer simulated from the Pareto/NBD model and observed for t after the first purchase: repeat purchases x and the time of the last, t_x; deterministic in (model, t, seed)';

-- One-step fits over rows and over customer profiles (bgnbd_agg's transitions).
CREATE AGGREGATE pnbd_fit(x integer, t_x double precision, t double precision) (
    SFUNC = cf_bgnbd_trans, STYPE = bgnbd_state, FINALFUNC = cf_pnbd_fit_final,
    COMBINEFUNC = cf_bgnbd_combine, PARALLEL = SAFE
);
CREATE AGGREGATE pnbd_fit(profile customer_profile, as_of timestamptz) (
    SFUNC = cf_bgnbd_profile_trans, STYPE = bgnbd_state, FINALFUNC = cf_pnbd_fit_final,
    COMBINEFUNC = cf_bgnbd_combine, PARALLEL = SAFE
);
CREATE AGGREGATE pnbd_fit(profile customer_profile, as_of timestamptz, unit_days double precision) (
    SFUNC = cf_bgnbd_profile_trans, STYPE = bgnbd_state, FINALFUNC = cf_pnbd_fit_final,
    COMBINEFUNC = cf_bgnbd_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE pnbd_fit(integer, double precision, double precision) IS
    'Fits the Pareto/NBD model by maximum likelihood to one row per customer (x, t_x, T); an error when there are no customers';
COMMENT ON AGGREGATE pnbd_fit(customer_profile, timestamptz) IS
    'Fits the Pareto/NBD model to customer profiles at as_of, times in days';
COMMENT ON AGGREGATE pnbd_fit(customer_profile, timestamptz, double precision) IS
    'Fits the Pareto/NBD model to customer profiles at as_of, times in units of unit_days days (7: weeks)';

-- P(alive) through a customer's history (as bgnbd_p_alive_path).
CREATE FUNCTION pnbd_p_alive_path(model pnbd_model, profile customer_profile, as_of timestamptz,
                                  step interval, unit_days double precision DEFAULT 1)
    RETURNS TABLE (day date, p_alive double precision)
    AS 'MODULE_PATHNAME', 'cf_pnbd_p_alive_path' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION pnbd_p_alive_path(pnbd_model, customer_profile, timestamptz, interval, double precision) IS
    'P(alive) of the customer on the first purchase day, every step days after it and on the as_of day, each from the purchases up to that day';

-- Churn windows (issue 17 item 3; derivation in src/core/pnbd.h).
CREATE FUNCTION pnbd_p_no_purchase(model pnbd_model, horizon double precision,
                                   x integer, t_x double precision, t double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_pnbd_p_no_purchase_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION pnbd_p_no_purchase(model pnbd_model, horizon double precision, profile customer_profile,
                                   as_of timestamptz, unit_days double precision DEFAULT 1)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_pnbd_p_no_purchase_profile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION pnbd_pmf_new(model pnbd_model, n integer, horizon double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_pnbd_pmf_new_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION pnbd_pmf(model pnbd_model, n integer, horizon double precision,
                         x integer, t_x double precision, t double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_pnbd_pmf_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION pnbd_pmf(model pnbd_model, n integer, horizon double precision, profile customer_profile,
                         as_of timestamptz, unit_days double precision DEFAULT 1)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_pnbd_pmf_profile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION pnbd_p_no_purchase(pnbd_model, double precision, integer, double precision, double precision) IS
    'Probability that the customer (x, t_x, T) makes no purchase in the next horizon time units: (1 - P(alive)) + P(alive) pnbd_pmf_new(0) with (r + x, alpha + T, s, beta + T)';
COMMENT ON FUNCTION pnbd_p_no_purchase(pnbd_model, double precision, customer_profile, timestamptz, double precision) IS
    'Probability that the customer whose profile is given makes no purchase in the horizon after as_of';
COMMENT ON FUNCTION pnbd_pmf_new(pnbd_model, integer, double precision) IS
    'Probability that a new customer makes exactly n repeat purchases in the first horizon time units (alive throughout, or gone after the n-th)';
COMMENT ON FUNCTION pnbd_pmf(pnbd_model, integer, double precision, integer, double precision, double precision) IS
    'Probability that the customer (x, t_x, T) makes exactly n purchases in the next horizon time units: [n = 0] (1 - P(alive)) + P(alive) pnbd_pmf_new(n) with (r + x, alpha + T, s, beta + T)';
COMMENT ON FUNCTION pnbd_pmf(pnbd_model, integer, double precision, customer_profile, timestamptz, double precision) IS
    'Probability that the customer whose profile is given makes exactly n purchases in the horizon after as_of';
