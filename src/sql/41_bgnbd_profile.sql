-- ===================================================================
-- BG/NBD and CLV from customer profiles (customer_profile, 20_profile.sql):
-- (x, t_x, T) are model_summary(profile, as_of, unit_days), in units of
-- unit_days days (default 1: days; 7 for weeks)
-- ===================================================================

CREATE FUNCTION cf_bgnbd_profile_trans(bgnbd_state, customer_profile, timestamptz) RETURNS bgnbd_state
    AS 'MODULE_PATHNAME', 'cf_bgnbd_profile_trans' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION cf_bgnbd_profile_trans(bgnbd_state, customer_profile, timestamptz, double precision) RETURNS bgnbd_state
    AS 'MODULE_PATHNAME', 'cf_bgnbd_profile_trans' LANGUAGE C STABLE PARALLEL SAFE;
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
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    AS $$ SELECT @extschema@.bgnbd_p_alive(model, s.x, s.t_x, s.t)
          FROM @extschema@.model_summary(profile, as_of, unit_days) AS s $$;
CREATE FUNCTION bgnbd_expected_purchases(model bgnbd_model, horizon double precision, profile customer_profile,
                                         as_of timestamptz, unit_days double precision DEFAULT 1) RETURNS double precision
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    AS $$ SELECT @extschema@.bgnbd_expected_purchases(model, horizon, s.x, s.t_x, s.t)
          FROM @extschema@.model_summary(profile, as_of, unit_days) AS s $$;
COMMENT ON FUNCTION bgnbd_p_alive(bgnbd_model, customer_profile, timestamptz, double precision) IS
    'P(alive) of the customer whose profile is given, at as_of (the model''s time unit must be unit_days days)';
COMMENT ON FUNCTION bgnbd_expected_purchases(bgnbd_model, double precision, customer_profile, timestamptz, double precision) IS
    'Expected purchases in the next horizon time units of the customer whose profile is given, at as_of';
