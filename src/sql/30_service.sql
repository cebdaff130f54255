-- ===================================================================
-- Service quality: service levels, response-time standards,
-- importance-performance analysis, the complaint signal
-- ===================================================================

-- ---------- service levels: expectation against perception ----------

CREATE TYPE service_level AS ENUM ('low', 'standard', 'wow');
COMMENT ON TYPE service_level IS
    'Service level of one experience: low (below expectation), standard (meets it), wow (exceeds it)';

CREATE FUNCTION service_level(expected double precision, perceived double precision,
                              tolerance double precision DEFAULT 0) RETURNS service_level
    AS 'MODULE_PATHNAME', 'cf_service_level_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION service_level(double precision, double precision, double precision) IS
    'low when perceived < expected - tolerance, wow when perceived > expected + tolerance, else standard (edges included)';

CREATE TYPE service_level_state;
CREATE FUNCTION service_level_state_in(cstring) RETURNS service_level_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION service_level_state_out(service_level_state) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION service_level_state_recv(internal) RETURNS service_level_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION service_level_state_send(service_level_state) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE service_level_state (
    INPUT = service_level_state_in,
    OUTPUT = service_level_state_out,
    RECEIVE = service_level_state_recv,
    SEND = service_level_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE service_level_state IS
    'Experiences counted per service level (low, standard, wow) with the tolerance band they were judged with: the state of service_level_agg';
COMMENT ON FUNCTION service_level_state_in(cstring) IS 'Input function of service_level_state (text form "v1 tolerance=... low=... standard=... wow=...")';
COMMENT ON FUNCTION service_level_state_out(service_level_state) IS 'Output function of service_level_state';
COMMENT ON FUNCTION service_level_state_recv(internal) IS 'Binary input function of service_level_state';
COMMENT ON FUNCTION service_level_state_send(service_level_state) IS 'Binary output function of service_level_state';

CREATE FUNCTION cf_level_trans(service_level_state, double precision, double precision, double precision)
    RETURNS service_level_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_level_inv(service_level_state, double precision, double precision, double precision)
    RETURNS service_level_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_level_trans(service_level_state, double precision, double precision)
    RETURNS service_level_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_level_inv(service_level_state, double precision, double precision)
    RETURNS service_level_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_level_combine(service_level_state, service_level_state) RETURNS service_level_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cf_level_trans(service_level_state, double precision, double precision, double precision) IS 'Transition of service_level_agg: counts the level of (expected, perceived) with a tolerance';
COMMENT ON FUNCTION cf_level_inv(service_level_state, double precision, double precision, double precision) IS 'Moving-aggregate inverse of cf_level_trans';
COMMENT ON FUNCTION cf_level_trans(service_level_state, double precision, double precision) IS 'Transition of service_level_agg without tolerance (tolerance 0)';
COMMENT ON FUNCTION cf_level_inv(service_level_state, double precision, double precision) IS 'Moving-aggregate inverse of cf_level_trans without tolerance';
COMMENT ON FUNCTION cf_level_combine(service_level_state, service_level_state) IS 'Combine function of service_level_agg and transition of rollup(service_level_state): adds counts of the same tolerance';

CREATE FUNCTION responses(service_level_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_level_responses' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION low(service_level_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_level_low' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION standard(service_level_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_level_standard' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION wow(service_level_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_level_wow' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION low_share(service_level_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_level_low_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION standard_share(service_level_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_level_standard_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION wow_share(service_level_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_level_wow_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION tolerance(service_level_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_level_tolerance' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION counts(service_level_state) RETURNS bigint[]
    AS 'MODULE_PATHNAME', 'cf_level_counts_array' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION responses(service_level_state) IS 'Number of experiences counted';
COMMENT ON FUNCTION low(service_level_state) IS 'Experiences below expectation (perceived < expected - tolerance)';
COMMENT ON FUNCTION standard(service_level_state) IS 'Experiences meeting expectation (within expected +/- tolerance, edges included)';
COMMENT ON FUNCTION wow(service_level_state) IS 'Experiences above expectation (perceived > expected + tolerance)';
COMMENT ON FUNCTION low_share(service_level_state) IS 'Low / all experiences, a fraction in [0, 1]; NULL without experiences';
COMMENT ON FUNCTION standard_share(service_level_state) IS 'Standard / all experiences, a fraction in [0, 1]; NULL without experiences';
COMMENT ON FUNCTION wow_share(service_level_state) IS 'Wow / all experiences, a fraction in [0, 1]; NULL without experiences';
COMMENT ON FUNCTION tolerance(service_level_state) IS 'The tolerance the experiences were judged with';
COMMENT ON FUNCTION counts(service_level_state) IS 'Experiences per level as {low, standard, wow}';

CREATE AGGREGATE service_level_agg(expected double precision, perceived double precision, tolerance double precision) (
    SFUNC = cf_level_trans, STYPE = service_level_state, COMBINEFUNC = cf_level_combine,
    MSFUNC = cf_level_trans, MINVFUNC = cf_level_inv, MSTYPE = service_level_state,
    PARALLEL = SAFE
);
CREATE AGGREGATE service_level_agg(expected double precision, perceived double precision) (
    SFUNC = cf_level_trans, STYPE = service_level_state, COMBINEFUNC = cf_level_combine,
    MSFUNC = cf_level_trans, MINVFUNC = cf_level_inv, MSTYPE = service_level_state,
    PARALLEL = SAFE
);
CREATE AGGREGATE rollup(service_level_state) (
    SFUNC = cf_level_combine, STYPE = service_level_state, COMBINEFUNC = cf_level_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE service_level_agg(double precision, double precision, double precision) IS
    'Experiences counted per service level (low, standard, wow) with a tolerance band; rows with a NULL value are ignored';
COMMENT ON AGGREGATE service_level_agg(double precision, double precision) IS
    'Experiences counted per service level with tolerance 0';
COMMENT ON AGGREGATE rollup(service_level_state) IS 'Merges stored service-level states of the same tolerance';

-- ---------- response-time standards ----------

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

CREATE FUNCTION responses(response_time_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_rt_responses' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION compliant(response_time_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_rt_compliant' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION compliance(response_time_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_rt_compliance' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION target(response_time_state) RETURNS double precision
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
COMMENT ON FUNCTION responses(response_time_state) IS 'Number of response times counted';
COMMENT ON FUNCTION compliant(response_time_state) IS 'Responses within the target (time <= target)';
COMMENT ON FUNCTION compliance(response_time_state) IS 'Share of responses within the target, a fraction in [0, 1]; NULL without responses';
COMMENT ON FUNCTION target(response_time_state) IS 'The target in seconds';
COMMENT ON FUNCTION mean_response(response_time_state) IS 'Mean response time in seconds (sum kept exact to 2^-32 s per time)';
COMMENT ON FUNCTION min_response(response_time_state) IS 'Shortest response time in seconds (exact)';
COMMENT ON FUNCTION max_response(response_time_state) IS 'Longest response time in seconds (exact)';
COMMENT ON FUNCTION response_percentile(response_time_state, double precision) IS
    'Response time at a fraction (0..1), interpolated like percentile_cont; within 1 % of percentile_cont over the same times';
COMMENT ON FUNCTION response_percentile(response_time_state, double precision[]) IS
    'Response times at several fractions, like percentile_cont(double precision[])';

CREATE AGGREGATE response_time_agg(seconds double precision, target double precision) (
    SFUNC = cf_rt_trans, STYPE = response_time_state, COMBINEFUNC = cf_rt_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE response_time_agg(response interval, target interval) (
    SFUNC = cf_rt_trans, STYPE = response_time_state, COMBINEFUNC = cf_rt_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE compliance(seconds double precision, target double precision) (
    SFUNC = cf_rt_trans, STYPE = response_time_state, FINALFUNC = compliance, COMBINEFUNC = cf_rt_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE compliance(response interval, target interval) (
    SFUNC = cf_rt_trans, STYPE = response_time_state, FINALFUNC = compliance, COMBINEFUNC = cf_rt_combine,
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
COMMENT ON AGGREGATE compliance(double precision, double precision) IS 'Share of response times within the target (time <= target)';
COMMENT ON AGGREGATE compliance(interval, interval) IS 'Share of response intervals within the target interval';
COMMENT ON AGGREGATE rollup(response_time_state) IS 'Merges stored response-time states of the same target';

-- ---------- importance-performance analysis ----------

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

CREATE FUNCTION factors(ipa_state)
    RETURNS TABLE (factor text, importance double precision, performance double precision,
                   gap double precision, quadrant text, rank integer)
    AS 'MODULE_PATHNAME', 'cf_ipa_factors' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;
CREATE FUNCTION factors(ipa_state, importance_threshold double precision, performance_threshold double precision)
    RETURNS TABLE (factor text, importance double precision, performance double precision,
                   gap double precision, quadrant text, rank integer)
    AS 'MODULE_PATHNAME', 'cf_ipa_factors' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;
CREATE FUNCTION grand_means(ipa_state, OUT importance double precision, OUT performance double precision)
    AS 'MODULE_PATHNAME', 'cf_ipa_grand_means_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION factors(ipa_state) IS
    'Importance-performance analysis: per factor the mean importance and performance, the gap (importance - performance), the quadrant against the grand means and the rank by gap; in rank order';
COMMENT ON FUNCTION factors(ipa_state, double precision, double precision) IS
    'Importance-performance analysis with the quadrant thresholds given (importance, performance)';
COMMENT ON FUNCTION grand_means(ipa_state) IS 'Means of the factor means (each factor once): the default quadrant thresholds';

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

-- ---------- the complaint signal ----------

CREATE TYPE complaint_state;
CREATE FUNCTION complaint_state_in(cstring) RETURNS complaint_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION complaint_state_out(complaint_state) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION complaint_state_recv(internal) RETURNS complaint_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION complaint_state_send(complaint_state) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE complaint_state (
    INPUT = complaint_state_in,
    OUTPUT = complaint_state_out,
    RECEIVE = complaint_state_recv,
    SEND = complaint_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE complaint_state IS 'Orders and complaints counted: the state of complaint_agg';
COMMENT ON FUNCTION complaint_state_in(cstring) IS 'Input function of complaint_state';
COMMENT ON FUNCTION complaint_state_out(complaint_state) IS 'Output function of complaint_state';
COMMENT ON FUNCTION complaint_state_recv(internal) IS 'Binary input function of complaint_state';
COMMENT ON FUNCTION complaint_state_send(complaint_state) IS 'Binary output function of complaint_state';

CREATE FUNCTION cf_complaint_trans(complaint_state, boolean) RETURNS complaint_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_complaint_inv(complaint_state, boolean) RETURNS complaint_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_complaint_trans(complaint_state, integer) RETURNS complaint_state
    AS 'MODULE_PATHNAME', 'cf_complaint_count_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_complaint_inv(complaint_state, integer) RETURNS complaint_state
    AS 'MODULE_PATHNAME', 'cf_complaint_count_inv' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_complaint_combine(complaint_state, complaint_state) RETURNS complaint_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cf_complaint_trans(complaint_state, boolean) IS 'Transition of complaint_agg: counts an order and whether it drew a complaint';
COMMENT ON FUNCTION cf_complaint_inv(complaint_state, boolean) IS 'Moving-aggregate inverse of cf_complaint_trans';
COMMENT ON FUNCTION cf_complaint_trans(complaint_state, integer) IS 'Transition of complaint_agg: counts an order and its number of complaints';
COMMENT ON FUNCTION cf_complaint_inv(complaint_state, integer) IS 'Moving-aggregate inverse of cf_complaint_trans over complaint counts';
COMMENT ON FUNCTION cf_complaint_combine(complaint_state, complaint_state) IS 'Combine function of complaint_agg and transition of rollup(complaint_state): adds counts';

CREATE FUNCTION orders(complaint_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_complaint_orders' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION complaints(complaint_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_complaint_complaints' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION complaints_per_1000(complaint_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_complaints_per_1000' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION silent(complaint_state, min_orders bigint DEFAULT 500) RETURNS boolean
    AS 'MODULE_PATHNAME', 'cf_complaint_silent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION orders(complaint_state) IS 'Number of orders counted';
COMMENT ON FUNCTION complaints(complaint_state) IS 'Number of complaints counted';
COMMENT ON FUNCTION complaints_per_1000(complaint_state) IS 'Complaints per 1,000 orders; NULL without orders';
COMMENT ON FUNCTION silent(complaint_state, bigint) IS
    'True for a busy segment (orders >= min_orders) without a single complaint: a sign that feedback channels are broken';

CREATE AGGREGATE complaint_agg(complained boolean) (
    SFUNC = cf_complaint_trans, STYPE = complaint_state, COMBINEFUNC = cf_complaint_combine,
    MSFUNC = cf_complaint_trans, MINVFUNC = cf_complaint_inv, MSTYPE = complaint_state,
    PARALLEL = SAFE
);
CREATE AGGREGATE complaint_agg(complaints integer) (
    SFUNC = cf_complaint_trans, STYPE = complaint_state, COMBINEFUNC = cf_complaint_combine,
    MSFUNC = cf_complaint_trans, MINVFUNC = cf_complaint_inv, MSTYPE = complaint_state,
    PARALLEL = SAFE
);
CREATE AGGREGATE complaints_per_1000(complained boolean) (
    SFUNC = cf_complaint_trans, STYPE = complaint_state, FINALFUNC = complaints_per_1000,
    COMBINEFUNC = cf_complaint_combine,
    MSFUNC = cf_complaint_trans, MINVFUNC = cf_complaint_inv, MSTYPE = complaint_state,
    MFINALFUNC = complaints_per_1000,
    PARALLEL = SAFE
);
CREATE AGGREGATE rollup(complaint_state) (
    SFUNC = cf_complaint_combine, STYPE = complaint_state, COMBINEFUNC = cf_complaint_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE complaint_agg(boolean) IS 'Orders and complaints: one row per order, true when it drew a complaint; NULL rows are ignored';
COMMENT ON AGGREGATE complaint_agg(integer) IS 'Orders and complaints: one row per order with its number of complaints; NULL rows are ignored';
COMMENT ON AGGREGATE complaints_per_1000(boolean) IS 'Complaints per 1,000 orders, one row per order';
COMMENT ON AGGREGATE rollup(complaint_state) IS 'Merges stored complaint states';
