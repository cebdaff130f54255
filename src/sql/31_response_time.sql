-- ===================================================================
-- Response-time standards
-- ===================================================================

CREATE TYPE response_time_state;
CREATE FUNCTION response_time_state_in(cstring) RETURNS response_time_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION response_time_state_out(response_time_state) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION response_time_state_recv(internal) RETURNS response_time_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION response_time_state_send(response_time_state) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- STORAGE = extended: a state can reach about 29 kB (2,400 buckets), more than a page.
CREATE TYPE response_time_state (
    INPUT = response_time_state_in,
    OUTPUT = response_time_state_out,
    RECEIVE = response_time_state_recv,
    SEND = response_time_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE response_time_state IS
    'Response times against a target: count, compliant count, exact min, max and sum, and a log-bucketed histogram (1 % relative accuracy) for percentiles';
COMMENT ON FUNCTION response_time_state_in(cstring) IS 'Input function of response_time_state';
COMMENT ON FUNCTION response_time_state_out(response_time_state) IS 'Output function of response_time_state';
COMMENT ON FUNCTION response_time_state_recv(internal) IS 'Binary input function of response_time_state';
COMMENT ON FUNCTION response_time_state_send(response_time_state) IS 'Binary output function of response_time_state';

CREATE FUNCTION cf_rt_trans(response_time_state, double precision, double precision) RETURNS response_time_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_rt_trans(response_time_state, interval, interval) RETURNS response_time_state
    AS 'MODULE_PATHNAME', 'cf_rt_trans_interval' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_rt_combine(response_time_state, response_time_state) RETURNS response_time_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cf_rt_trans(response_time_state, double precision, double precision) IS 'Transition of response_time_agg: adds a response time in seconds';
COMMENT ON FUNCTION cf_rt_trans(response_time_state, interval, interval) IS 'Transition of response_time_agg over intervals';
COMMENT ON FUNCTION cf_rt_combine(response_time_state, response_time_state) IS 'Combine function of response_time_agg and transition of rollup(response_time_state): merges states of the same target';

CREATE FUNCTION response_count(response_time_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_rt_responses' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION compliant_count(response_time_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_rt_compliant' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION compliant_share(response_time_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_rt_compliance' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION response_target(response_time_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_rt_target' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION mean_response(response_time_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_rt_mean_time' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION min_response(response_time_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_rt_min_time' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION max_response(response_time_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_rt_max_time' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION response_percentile(response_time_state, fraction double precision) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_rt_percentile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION response_percentile(response_time_state, fractions double precision[]) RETURNS double precision[]
    AS 'MODULE_PATHNAME', 'cf_rt_percentiles' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION response_count(response_time_state) IS 'Number of response times counted';
COMMENT ON FUNCTION compliant_count(response_time_state) IS 'Responses within the target (time <= target)';
COMMENT ON FUNCTION compliant_share(response_time_state) IS 'Share of responses within the target, a fraction in [0, 1]; NULL without responses';
COMMENT ON FUNCTION response_target(response_time_state) IS 'The target in seconds';
COMMENT ON FUNCTION mean_response(response_time_state) IS 'Mean response time in seconds (sum kept exact to 2^-32 s per time)';
COMMENT ON FUNCTION min_response(response_time_state) IS 'Shortest response time in seconds (exact)';
COMMENT ON FUNCTION max_response(response_time_state) IS 'Longest response time in seconds (exact)';
COMMENT ON FUNCTION response_percentile(response_time_state, double precision) IS
    'Response time at a fraction (0..1), interpolated like percentile_cont; within 1 % of percentile_cont over the same times';
COMMENT ON FUNCTION response_percentile(response_time_state, double precision[]) IS
    'Response times at several fractions, like percentile_cont(double precision[])';

-- Deprecated 1.0 names (CONTRIBUTING, naming table, rule 7): the same C functions.
CREATE FUNCTION responses(response_time_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_rt_responses' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION compliant(response_time_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_rt_compliant' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION compliance(response_time_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_rt_compliance' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION target(response_time_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_rt_target' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION responses(response_time_state) IS 'Deprecated alias of response_count(response_time_state), the 1.0 name';
COMMENT ON FUNCTION compliant(response_time_state) IS 'Deprecated alias of compliant_count(response_time_state), the 1.0 name';
COMMENT ON FUNCTION compliance(response_time_state) IS 'Deprecated alias of compliant_share(response_time_state), the 1.0 name';
COMMENT ON FUNCTION target(response_time_state) IS 'Deprecated alias of response_target(response_time_state), the 1.0 name';

CREATE AGGREGATE response_time_agg(seconds double precision, target double precision) (
    SFUNC = cf_rt_trans, STYPE = response_time_state, COMBINEFUNC = cf_rt_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE response_time_agg(response interval, target interval) (
    SFUNC = cf_rt_trans, STYPE = response_time_state, COMBINEFUNC = cf_rt_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE compliant_share(seconds double precision, target double precision) (
    SFUNC = cf_rt_trans, STYPE = response_time_state, FINALFUNC = compliant_share, COMBINEFUNC = cf_rt_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE compliant_share(response interval, target interval) (
    SFUNC = cf_rt_trans, STYPE = response_time_state, FINALFUNC = compliant_share, COMBINEFUNC = cf_rt_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE rollup(response_time_state) (
    SFUNC = cf_rt_combine, STYPE = response_time_state, COMBINEFUNC = cf_rt_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE response_time_agg(double precision, double precision) IS
    'Response times in seconds against a target in seconds; NULL times are ignored';
COMMENT ON AGGREGATE response_time_agg(interval, interval) IS
    'Response times as intervals against a target interval (seconds as EXTRACT(EPOCH) counts them)';
COMMENT ON AGGREGATE compliant_share(double precision, double precision) IS 'Share of response times within the target (time <= target)';
COMMENT ON AGGREGATE compliant_share(interval, interval) IS 'Share of response intervals within the target interval';
-- Deprecated 1.0 names of the one-step aggregates: the same support functions.
CREATE AGGREGATE compliance(seconds double precision, target double precision) (
    SFUNC = cf_rt_trans, STYPE = response_time_state, FINALFUNC = compliance, COMBINEFUNC = cf_rt_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE compliance(response interval, target interval) (
    SFUNC = cf_rt_trans, STYPE = response_time_state, FINALFUNC = compliance, COMBINEFUNC = cf_rt_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE compliance(double precision, double precision) IS 'Deprecated alias of compliant_share(seconds, target), the 1.0 name';
COMMENT ON AGGREGATE compliance(interval, interval) IS 'Deprecated alias of compliant_share(response, target), the 1.0 name';
COMMENT ON AGGREGATE rollup(response_time_state) IS 'Merges stored response-time states of the same target';

