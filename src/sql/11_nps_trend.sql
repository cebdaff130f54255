-- ===================================================================
-- Tests on survey scores: two states, a state and a benchmark, k periods
-- ===================================================================

CREATE FUNCTION nps_compare(a nps_state, b nps_state, method text,
                            OUT difference double precision, OUT std_error double precision,
                            OUT z double precision, OUT p_value double precision)
    AS 'MODULE_PATHNAME', 'cf_nps_compare' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_compare(state nps_state, benchmark double precision, method text,
                            OUT difference double precision, OUT std_error double precision,
                            OUT z double precision, OUT p_value double precision)
    AS 'MODULE_PATHNAME', 'cf_nps_compare_benchmark' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_shift(previous nps_state, current nps_state, confidence double precision DEFAULT 0.95)
    RETURNS text
    AS 'MODULE_PATHNAME', 'cf_nps_shift' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_compare(nps_state, nps_state, text) IS 'Difference of two net scores by method ''wald'' or ''adjusted_wald'' with its standard error and the two-sided p-value of a z-test for independent samples';
COMMENT ON FUNCTION nps_compare(nps_state, double precision, text) IS 'Net score minus a benchmark net score (points) by method ''wald'' or ''adjusted_wald'', with its standard error and the two-sided p-value of a z-test';
COMMENT ON FUNCTION nps_shift(nps_state, nps_state, double precision) IS '''up'' or ''down'' when the adjusted-Wald test of current - previous is significant at the confidence, else ''flat''';

CREATE TYPE nps_trend AS (
    chi_square double precision,
    df integer,
    p_value double precision,
    slope double precision,
    slope_std_error double precision,
    slope_p_value double precision
);
COMMENT ON TYPE nps_trend IS
    'Result of nps_trend: chi-square test of homogeneity of the promoter/passive/detractor split across periods (chi_square, df, p_value), then the least-squares slope of the net score per period number with its standard error and two-sided p-value';

CREATE TYPE nps_trend_state;
CREATE FUNCTION nps_trend_state_in(cstring) RETURNS nps_trend_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_trend_state_out(nps_trend_state) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_trend_state_recv(internal) RETURNS nps_trend_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_trend_state_send(nps_trend_state) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE nps_trend_state (
    INPUT = nps_trend_state_in,
    OUTPUT = nps_trend_state_out,
    RECEIVE = nps_trend_state_recv,
    SEND = nps_trend_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE nps_trend_state IS
    'Promoters, passives and detractors per period number with the scale: the state of the nps_trend aggregate (text v1;scale=..;period=<n>:<p>,<a>,<d>;...)';
COMMENT ON FUNCTION nps_trend_state_in(cstring) IS 'Text input function of nps_trend_state';
COMMENT ON FUNCTION nps_trend_state_out(nps_trend_state) IS 'Text output function of nps_trend_state (periods merged and sorted)';
COMMENT ON FUNCTION nps_trend_state_recv(internal) IS 'Binary input function of nps_trend_state';
COMMENT ON FUNCTION nps_trend_state_send(nps_trend_state) IS 'Binary output function of nps_trend_state';

-- Support functions of the aggregate (not for direct use).
CREATE FUNCTION cf_nps_trend_trans(nps_trend_state, nps_state, integer) RETURNS nps_trend_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_nps_trend_combine(nps_trend_state, nps_trend_state) RETURNS nps_trend_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_nps_trend_final(nps_trend_state) RETURNS nps_trend
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cf_nps_trend_trans(nps_trend_state, nps_state, integer) IS 'Transition of nps_trend: records the state''s counts under its period';
COMMENT ON FUNCTION cf_nps_trend_combine(nps_trend_state, nps_trend_state) IS 'Combine function of nps_trend: adds the periods of two partial states';
COMMENT ON FUNCTION cf_nps_trend_final(nps_trend_state) IS 'Final function of nps_trend: merges the periods and runs both tests';

CREATE AGGREGATE nps_trend(state nps_state, period integer) (
    SFUNC = cf_nps_trend_trans, STYPE = nps_trend_state, FINALFUNC = cf_nps_trend_final,
    COMBINEFUNC = cf_nps_trend_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps_trend(nps_state, integer) IS
    'Tests over stored states, one or more per period number (gaps allowed): chi-square homogeneity of the three classes across periods, then the linear trend of the net score per period';
