-- ===================================================================
-- Importance-performance analysis
-- ===================================================================

CREATE TYPE ipa_state;
CREATE FUNCTION ipa_state_in(cstring) RETURNS ipa_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ipa_state_out(ipa_state) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ipa_state_recv(internal) RETURNS ipa_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ipa_state_send(ipa_state) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- STORAGE = extended: up to 100 factors of 176 bytes, more than a page.
CREATE TYPE ipa_state (
    INPUT = ipa_state_in,
    OUTPUT = ipa_state_out,
    RECEIVE = ipa_state_recv,
    SEND = ipa_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE ipa_state IS
    'Importance and performance ratings per purchase factor (exact sums and counts) on a rating scale: the state of ipa_agg';
COMMENT ON FUNCTION ipa_state_in(cstring) IS 'Input function of ipa_state';
COMMENT ON FUNCTION ipa_state_out(ipa_state) IS 'Output function of ipa_state';
COMMENT ON FUNCTION ipa_state_recv(internal) IS 'Binary input function of ipa_state';
COMMENT ON FUNCTION ipa_state_send(ipa_state) IS 'Binary output function of ipa_state';

CREATE FUNCTION cf_ipa_trans(ipa_state, text, double precision, double precision) RETURNS ipa_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_ipa_trans(ipa_state, text, double precision, double precision, double precision, double precision)
    RETURNS ipa_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_ipa_combine(ipa_state, ipa_state) RETURNS ipa_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cf_ipa_trans(ipa_state, text, double precision, double precision) IS 'Transition of ipa_agg on the 1-5 scale';
COMMENT ON FUNCTION cf_ipa_trans(ipa_state, text, double precision, double precision, double precision, double precision) IS 'Transition of ipa_agg on a given scale';
COMMENT ON FUNCTION cf_ipa_combine(ipa_state, ipa_state) IS 'Combine function of ipa_agg and transition of rollup(ipa_state): adds sums per factor';

CREATE FUNCTION ipa_factors(ipa_state)
    RETURNS TABLE (factor text, importance double precision, performance double precision,
                   gap double precision, quadrant text, rank integer)
    AS 'MODULE_PATHNAME', 'cf_ipa_factors' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;
CREATE FUNCTION ipa_factors(ipa_state, importance_threshold double precision, performance_threshold double precision)
    RETURNS TABLE (factor text, importance double precision, performance double precision,
                   gap double precision, quadrant text, rank integer)
    AS 'MODULE_PATHNAME', 'cf_ipa_factors' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;
CREATE FUNCTION grand_means(ipa_state, OUT importance double precision, OUT performance double precision)
    AS 'MODULE_PATHNAME', 'cf_ipa_grand_means_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ipa_factors(ipa_state) IS
    'Importance-performance analysis: per factor the mean importance and performance, the gap (importance - performance), the quadrant against the grand means and the rank by gap; in rank order';
COMMENT ON FUNCTION ipa_factors(ipa_state, double precision, double precision) IS
    'Importance-performance analysis with the quadrant thresholds given (importance, performance)';
COMMENT ON FUNCTION grand_means(ipa_state) IS 'Means of the factor means (each factor once): the default quadrant thresholds';

-- Deprecated 1.0 name (CONTRIBUTING, naming table, rule 7): the same C function.
CREATE FUNCTION factors(ipa_state)
    RETURNS TABLE (factor text, importance double precision, performance double precision,
                   gap double precision, quadrant text, rank integer)
    AS 'MODULE_PATHNAME', 'cf_ipa_factors' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;
CREATE FUNCTION factors(ipa_state, importance_threshold double precision, performance_threshold double precision)
    RETURNS TABLE (factor text, importance double precision, performance double precision,
                   gap double precision, quadrant text, rank integer)
    AS 'MODULE_PATHNAME', 'cf_ipa_factors' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;
COMMENT ON FUNCTION factors(ipa_state) IS 'Deprecated alias of ipa_factors(ipa_state), the 1.0 name';
COMMENT ON FUNCTION factors(ipa_state, double precision, double precision) IS
    'Deprecated alias of ipa_factors(ipa_state, importance_threshold, performance_threshold), the 1.0 name';

CREATE AGGREGATE ipa_agg(factor text, importance double precision, performance double precision) (
    SFUNC = cf_ipa_trans, STYPE = ipa_state, COMBINEFUNC = cf_ipa_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE ipa_agg(factor text, importance double precision, performance double precision,
                         scale_min double precision, scale_max double precision) (
    SFUNC = cf_ipa_trans, STYPE = ipa_state, COMBINEFUNC = cf_ipa_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE rollup(ipa_state) (
    SFUNC = cf_ipa_combine, STYPE = ipa_state, COMBINEFUNC = cf_ipa_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE ipa_agg(text, double precision, double precision) IS
    'Importance and performance ratings per factor on the 1-5 scale; NULL ratings are ignored';
COMMENT ON AGGREGATE ipa_agg(text, double precision, double precision, double precision, double precision) IS
    'Importance and performance ratings per factor on the scale scale_min..scale_max';
COMMENT ON AGGREGATE rollup(ipa_state) IS 'Merges stored importance-performance states of the same scale';

