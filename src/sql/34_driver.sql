-- ===================================================================
-- Key-driver analysis: what moves an outcome (standardized betas and
-- Johnson's relative weights of factor ratings)
-- ===================================================================

CREATE TYPE driver_state;
CREATE FUNCTION driver_state_in(cstring) RETURNS driver_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION driver_state_out(driver_state) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION driver_state_recv(internal) RETURNS driver_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION driver_state_send(driver_state) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- STORAGE = extended: 50 factors hold 1,377 double-double sums (22 kB), more than a page.
CREATE TYPE driver_state (
    INPUT = driver_state_in,
    OUTPUT = driver_state_out,
    RECEIVE = driver_state_recv,
    SEND = driver_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE driver_state IS
    'Complete rows of an outcome and k factor ratings (k <= 50): their count and the sums of all products (double-double): the state of driver_agg';
COMMENT ON FUNCTION driver_state_in(cstring) IS 'Input function of driver_state';
COMMENT ON FUNCTION driver_state_out(driver_state) IS 'Output function of driver_state';
COMMENT ON FUNCTION driver_state_recv(internal) IS 'Binary input function of driver_state';
COMMENT ON FUNCTION driver_state_send(driver_state) IS 'Binary output function of driver_state';

CREATE FUNCTION cf_driver_trans(driver_state, double precision, double precision[], text[]) RETURNS driver_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_driver_combine(driver_state, driver_state) RETURNS driver_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cf_driver_trans(driver_state, double precision, double precision[], text[]) IS
    'Transition of driver_agg: adds a complete row (a row with a NULL anywhere is skipped)';
COMMENT ON FUNCTION cf_driver_combine(driver_state, driver_state) IS
    'Combine function of driver_agg and transition of rollup(driver_state): adds counts and sums of the same factors';

CREATE AGGREGATE driver_agg(outcome double precision, ratings double precision[], names text[]) (
    SFUNC = cf_driver_trans, STYPE = driver_state, COMBINEFUNC = cf_driver_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE rollup(driver_state) (
    SFUNC = cf_driver_combine, STYPE = driver_state, COMBINEFUNC = cf_driver_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE driver_agg(double precision, double precision[], text[]) IS
    'Key-driver state of an outcome and its factor ratings (names: one per rating, the same array in every row); rows with any NULL are skipped (listwise)';
COMMENT ON AGGREGATE rollup(driver_state) IS 'Merges stored key-driver states of the same factors';

CREATE FUNCTION driver_weights(driver_state)
    RETURNS TABLE (factor text, correlation double precision, beta double precision,
                   relative_weight double precision, rank integer)
    AS 'MODULE_PATHNAME', 'cf_driver_weights_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;
COMMENT ON FUNCTION driver_weights(driver_state) IS
    'Key drivers in rank order: per factor its correlation with the outcome, standardized regression coefficient (beta) and Johnson''s (2000) relative weight (the weights sum to the regression''s R^2)';
