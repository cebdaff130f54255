-- ===================================================================
-- MBG/NBD: the BG/NBD with a dropout chance right after the first purchase
-- (Batislam, Denizel & Filiztekin 2007; BTYDplus), fitted on bgnbd_state
-- ===================================================================

CREATE TYPE mbgnbd_model AS (
    r double precision,
    alpha double precision,
    a double precision,
    b double precision,
    log_likelihood double precision,
    n bigint,
    converged boolean
);
COMMENT ON TYPE mbgnbd_model IS
    'A fitted MBG/NBD model: purchase rates ~ Gamma(r, alpha), dropout probability ~ Beta(a, b), also right after the first purchase; log-likelihood, customers and whether the fit converged';

-- Support function of the aggregates (not for direct use).
CREATE FUNCTION cf_mbgnbd_fit_final(bgnbd_state) RETURNS mbgnbd_model
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cf_mbgnbd_fit_final(bgnbd_state) IS
    'Final function of the mbgnbd_fit aggregates: fits the model; an error when there are no customers';

CREATE FUNCTION mbgnbd_fit(bgnbd_state) RETURNS mbgnbd_model
    AS 'MODULE_PATHNAME', 'cf_mbgnbd_fit_state' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mbgnbd_fit(bgnbd_state) IS
    'Maximum-likelihood MBG/NBD fit of the customers in a BG/NBD state (BFGS in log parameters, Nelder-Mead fallback); WARNING and converged = false if it stops early or at a boundary';

CREATE FUNCTION mbgnbd_p_alive(model mbgnbd_model, x integer, t_x double precision, t double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_mbgnbd_p_alive_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION mbgnbd_expected_purchases(model mbgnbd_model, horizon double precision,
                                          x integer, t_x double precision, t double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_mbgnbd_expected_purchases_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION mbgnbd_expected_purchases_new(model mbgnbd_model, horizon double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_mbgnbd_expected_purchases_new_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION mbgnbd_simulate(model mbgnbd_model, t double precision, seed bigint,
                                OUT x integer, OUT t_x double precision)
    AS 'MODULE_PATHNAME', 'cf_mbgnbd_simulate_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mbgnbd_p_alive(mbgnbd_model, integer, double precision, double precision) IS
    'Probability that a customer with x repeat purchases, the last at t_x, observed for T, is still active (below 1 also when x = 0)';
COMMENT ON FUNCTION mbgnbd_expected_purchases(mbgnbd_model, double precision, integer, double precision, double precision) IS
    'Expected purchases of the customer (x, t_x, T) in the next horizon time units';
COMMENT ON FUNCTION mbgnbd_expected_purchases_new(mbgnbd_model, double precision) IS
    'Expected repeat purchases of a customer in the first horizon time units after the first purchase';
COMMENT ON FUNCTION mbgnbd_simulate(mbgnbd_model, double precision, bigint) IS
    'One customer simulated from the MBG/NBD model and observed for t after the first purchase: repeat purchases x and the time of the last, t_x; deterministic in (model, t, seed)';

-- One-step fits over rows and over customer profiles (bgnbd_agg's transitions).
CREATE AGGREGATE mbgnbd_fit(x integer, t_x double precision, t double precision) (
    SFUNC = cf_bgnbd_trans, STYPE = bgnbd_state, FINALFUNC = cf_mbgnbd_fit_final,
    COMBINEFUNC = cf_bgnbd_combine, PARALLEL = SAFE
);
CREATE AGGREGATE mbgnbd_fit(profile customer_profile, as_of timestamptz) (
    SFUNC = cf_bgnbd_profile_trans, STYPE = bgnbd_state, FINALFUNC = cf_mbgnbd_fit_final,
    COMBINEFUNC = cf_bgnbd_combine, PARALLEL = SAFE
);
CREATE AGGREGATE mbgnbd_fit(profile customer_profile, as_of timestamptz, unit_days double precision) (
    SFUNC = cf_bgnbd_profile_trans, STYPE = bgnbd_state, FINALFUNC = cf_mbgnbd_fit_final,
    COMBINEFUNC = cf_bgnbd_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE mbgnbd_fit(integer, double precision, double precision) IS
    'Fits the MBG/NBD model by maximum likelihood to one row per customer (x, t_x, T); an error when there are no customers';
COMMENT ON AGGREGATE mbgnbd_fit(customer_profile, timestamptz) IS
    'Fits the MBG/NBD model to customer profiles at as_of, times in days';
COMMENT ON AGGREGATE mbgnbd_fit(customer_profile, timestamptz, double precision) IS
    'Fits the MBG/NBD model to customer profiles at as_of, times in units of unit_days days (7: weeks)';

-- Profile forms (C, as the BG/NBD's) and churn windows.
CREATE FUNCTION mbgnbd_p_alive(model mbgnbd_model, profile customer_profile, as_of timestamptz,
                               unit_days double precision DEFAULT 1) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_mbgnbd_p_alive_profile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION mbgnbd_expected_purchases(model mbgnbd_model, horizon double precision, profile customer_profile,
                                          as_of timestamptz, unit_days double precision DEFAULT 1) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_mbgnbd_expected_purchases_profile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION mbgnbd_p_no_purchase(model mbgnbd_model, horizon double precision,
                                     x integer, t_x double precision, t double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_mbgnbd_p_no_purchase_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION mbgnbd_p_no_purchase(model mbgnbd_model, horizon double precision, profile customer_profile,
                                     as_of timestamptz, unit_days double precision DEFAULT 1)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_mbgnbd_p_no_purchase_profile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION mbgnbd_pmf_new(model mbgnbd_model, n integer, horizon double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_mbgnbd_pmf_new_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mbgnbd_p_alive(mbgnbd_model, customer_profile, timestamptz, double precision) IS
    'P(alive) of the customer whose profile is given, at as_of (the model''s time unit must be unit_days days)';
COMMENT ON FUNCTION mbgnbd_expected_purchases(mbgnbd_model, double precision, customer_profile, timestamptz, double precision) IS
    'Expected purchases in the next horizon time units of the customer whose profile is given, at as_of';
COMMENT ON FUNCTION mbgnbd_p_no_purchase(mbgnbd_model, double precision, integer, double precision, double precision) IS
    'Probability that the customer (x, t_x, T) makes no purchase in the next horizon time units: (1 - P(alive)) + P(alive) ((alpha + T)/(alpha + T + horizon))^(r + x)';
COMMENT ON FUNCTION mbgnbd_p_no_purchase(mbgnbd_model, double precision, customer_profile, timestamptz, double precision) IS
    'Probability that the customer whose profile is given makes no purchase in the horizon after as_of';
COMMENT ON FUNCTION mbgnbd_pmf_new(mbgnbd_model, integer, double precision) IS
    'Probability that a new customer makes exactly n repeat purchases in the first horizon time units (a/(a+b) more at n = 0: gone right after the first purchase)';
CREATE FUNCTION mbgnbd_p_alive_path(model mbgnbd_model, profile customer_profile, as_of timestamptz,
                                    step interval, unit_days double precision DEFAULT 1)
    RETURNS TABLE (day date, p_alive double precision)
    AS 'MODULE_PATHNAME', 'cf_mbgnbd_p_alive_path' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION mbgnbd_p_alive_path(mbgnbd_model, customer_profile, timestamptz, interval, double precision) IS
    'P(alive) of the customer on the first purchase day, every step days after it and on the as_of day, each from the purchases up to that day';
-- The conditional PMF of an existing customer (derivation in src/core/mbgnbd.h).
CREATE FUNCTION mbgnbd_pmf(model mbgnbd_model, n integer, horizon double precision,
                           x integer, t_x double precision, t double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_mbgnbd_pmf_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION mbgnbd_pmf(model mbgnbd_model, n integer, horizon double precision, profile customer_profile,
                           as_of timestamptz, unit_days double precision DEFAULT 1)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_mbgnbd_pmf_profile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mbgnbd_pmf(mbgnbd_model, integer, double precision, integer, double precision, double precision) IS
    'Probability that the customer (x, t_x, T) makes exactly n purchases in the next horizon time units: [n = 0] (1 - P(alive)) + P(alive) bgnbd_pmf_new(n) with (r + x, alpha + T, a, b + x + 1)';
COMMENT ON FUNCTION mbgnbd_pmf(mbgnbd_model, integer, double precision, customer_profile, timestamptz, double precision) IS
    'Probability that the customer whose profile is given makes exactly n purchases in the horizon after as_of';
