-- ===================================================================
-- Customer lifetime value over the BG/NBD and Gamma-Gamma models
-- ===================================================================

CREATE FUNCTION customer_lifetime_value(bgnbd bgnbd_model, spend gamma_gamma_model, x integer, t_x double precision,
                                        t double precision, mean_value double precision, horizon double precision,
                                        margin double precision DEFAULT 1, discount_rate double precision DEFAULT 0)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_clv_sql' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION expected_lost_value(bgnbd bgnbd_model, spend gamma_gamma_model, x integer, t_x double precision,
                                    t double precision, mean_value double precision, horizon double precision,
                                    margin double precision DEFAULT 1, discount_rate double precision DEFAULT 0)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_lost_value_sql' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION customer_lifetime_value(bgnbd_model, gamma_gamma_model, integer, double precision, double precision, double precision, double precision, double precision, double precision) IS
    'Customer lifetime value over horizon time units: expected purchases per unit period, discounted at discount_rate per unit, times expected spend and margin; NULL margin or discount_rate take the defaults 1 and 0, mean_value may be NULL when x = 0';
COMMENT ON FUNCTION expected_lost_value(bgnbd_model, gamma_gamma_model, integer, double precision, double precision, double precision, double precision, double precision, double precision) IS
    'Predictive value of a customer who may have gone: (1 - P(alive)) times the value they would bring if alive; customer_lifetime_value + expected_lost_value is that value';

-- The profile form (issue 17 item 7): x, t_x, T = model_summary(profile, as_of, unit_days),
-- mean_value = repeat_mean_value(profile).
CREATE FUNCTION customer_lifetime_value(bgnbd bgnbd_model, spend gamma_gamma_model, profile customer_profile,
                                        as_of timestamptz, unit_days double precision, horizon double precision,
                                        margin double precision DEFAULT 1, discount_rate double precision DEFAULT 0)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_clv_profile' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION customer_lifetime_value(bgnbd_model, gamma_gamma_model, customer_profile, timestamptz, double precision, double precision, double precision, double precision) IS
    'Customer lifetime value of a profile at as_of over horizon units of unit_days days: the row form over model_summary(profile, as_of, unit_days) and repeat_mean_value(profile); an error when the first day''s revenue is unknown';

-- Deprecated 1.0 names (CONTRIBUTING, naming table, rule 7): the same C functions.
CREATE FUNCTION clv(bgnbd bgnbd_model, spend gamma_gamma_model, x integer, t_x double precision,
                    t double precision, mean_value double precision, horizon double precision,
                    margin double precision DEFAULT 1, discount_rate double precision DEFAULT 0)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_clv_sql' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION lost_customer_value(bgnbd bgnbd_model, spend gamma_gamma_model, x integer, t_x double precision,
                                    t double precision, mean_value double precision, horizon double precision,
                                    margin double precision DEFAULT 1, discount_rate double precision DEFAULT 0)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_lost_value_sql' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION clv(bgnbd_model, gamma_gamma_model, integer, double precision, double precision, double precision, double precision, double precision, double precision) IS
    'Deprecated alias of customer_lifetime_value(bgnbd, spend, x, t_x, t, mean_value, horizon, margin, discount_rate), the 1.0 name';
COMMENT ON FUNCTION lost_customer_value(bgnbd_model, gamma_gamma_model, integer, double precision, double precision, double precision, double precision, double precision, double precision) IS
    'Deprecated alias of expected_lost_value(bgnbd, spend, x, t_x, t, mean_value, horizon, margin, discount_rate), the 1.0 name (the other lost_customer_value forms are exact numeric)';
