-- ===================================================================
-- Score distributions: NPS, CSAT, CES and custom scales
-- ===================================================================

CREATE TYPE nps_state;

CREATE FUNCTION nps_state_in(cstring) RETURNS nps_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_state_out(nps_state) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_state_recv(internal) RETURNS nps_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_state_send(nps_state) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE nps_state (
    INPUT = nps_state_in,
    OUTPUT = nps_state_out,
    RECEIVE = nps_state_recv,
    SEND = nps_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE nps_state IS
    'Count of responses per score on a scale, with the promoter and detractor thresholds: the state of the NPS, CSAT, CES and score aggregates';

-- Support functions of the aggregates (not for direct use).
CREATE FUNCTION cf_nps_trans(nps_state, integer) RETURNS nps_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_nps_inv(nps_state, integer) RETURNS nps_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_csat_trans(nps_state, integer) RETURNS nps_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_csat_inv(nps_state, integer) RETURNS nps_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_ces_trans(nps_state, integer) RETURNS nps_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_ces_inv(nps_state, integer) RETURNS nps_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_score_trans(nps_state, integer, integer, integer, integer, integer) RETURNS nps_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_score_inv(nps_state, integer, integer, integer, integer, integer) RETURNS nps_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_nps_combine(nps_state, nps_state) RETURNS nps_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cf_nps_trans(nps_state, integer) IS 'Transition of nps_agg and nps: counts a 0-10 score';
COMMENT ON FUNCTION cf_nps_inv(nps_state, integer) IS 'Moving-aggregate inverse of cf_nps_trans';
COMMENT ON FUNCTION cf_csat_trans(nps_state, integer) IS 'Transition of csat_agg and csat: counts a 1-5 score';
COMMENT ON FUNCTION cf_csat_inv(nps_state, integer) IS 'Moving-aggregate inverse of cf_csat_trans';
COMMENT ON FUNCTION cf_ces_trans(nps_state, integer) IS 'Transition of ces_agg and ces: counts a 1-7 score';
COMMENT ON FUNCTION cf_ces_inv(nps_state, integer) IS 'Moving-aggregate inverse of cf_ces_trans';
COMMENT ON FUNCTION cf_score_trans(nps_state, integer, integer, integer, integer, integer) IS 'Transition of score_agg: counts a score on a custom scale';
COMMENT ON FUNCTION cf_score_inv(nps_state, integer, integer, integer, integer, integer) IS 'Moving-aggregate inverse of cf_score_trans';
COMMENT ON FUNCTION cf_nps_combine(nps_state, nps_state) IS 'Combine function of the score aggregates and transition of rollup(nps_state): adds counts';

-- Accessors.
CREATE FUNCTION nps(nps_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION response_count(nps_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_nps_responses' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION promoter_count(nps_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_nps_promoters' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION passive_count(nps_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_nps_passives' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION detractor_count(nps_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_nps_detractors' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION promoter_share(nps_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_promoter_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION passive_share(nps_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_passive_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION detractor_share(nps_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_detractor_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION csat(nps_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_csat' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION mean_score(nps_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_mean_score' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ces(nps_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_mean_score' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION score_counts(nps_state) RETURNS bigint[]
    AS 'MODULE_PATHNAME', 'cf_nps_counts' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_moe(nps_state, confidence double precision DEFAULT 0.95) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_moe' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_ci(nps_state, confidence double precision DEFAULT 0.95,
                       OUT lower double precision, OUT upper double precision)
    AS 'MODULE_PATHNAME', 'cf_nps_ci' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_compare(a nps_state, b nps_state,
                            OUT difference double precision, OUT std_error double precision,
                            OUT z double precision, OUT p_value double precision)
    AS 'MODULE_PATHNAME', 'cf_nps_compare' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_moe(nps_state, confidence double precision, method text) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_moe' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_ci(nps_state, confidence double precision, method text,
                       OUT lower double precision, OUT upper double precision)
    AS 'MODULE_PATHNAME', 'cf_nps_ci' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION top_box_ci(nps_state, confidence double precision DEFAULT 0.95, share text DEFAULT 'promoters',
                           OUT lower double precision, OUT upper double precision)
    AS 'MODULE_PATHNAME', 'cf_nps_top_box_ci' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION skipped_count(nps_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_nps_skipped_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION answer_share(nps_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_answer_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION small_cell_suppress(nps_state, min_n integer) RETURNS nps_state
    AS 'MODULE_PATHNAME', 'cf_nps_small_cell_suppress' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION score_distribution(nps_state, width integer DEFAULT 40)
    RETURNS TABLE (score integer, responses bigint, share double precision, bar text)
    AS 'MODULE_PATHNAME', 'cf_nps_distribution' LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 11;

COMMENT ON FUNCTION nps(nps_state) IS 'Net score in points: % promoters - % detractors, in [-100, 100]; NULL without responses';
COMMENT ON FUNCTION response_count(nps_state) IS 'Number of responses counted';
COMMENT ON FUNCTION promoter_count(nps_state) IS 'Responses at or above promoter_min (9-10 for NPS)';
COMMENT ON FUNCTION passive_count(nps_state) IS 'Responses between detractor_max and promoter_min (7-8 for NPS)';
COMMENT ON FUNCTION detractor_count(nps_state) IS 'Responses at or below detractor_max (0-6 for NPS)';
COMMENT ON FUNCTION promoter_share(nps_state) IS 'Promoters / responses, a fraction in [0, 1]';
COMMENT ON FUNCTION passive_share(nps_state) IS 'Passives / responses, a fraction in [0, 1]';
COMMENT ON FUNCTION detractor_share(nps_state) IS 'Detractors / responses, a fraction in [0, 1]';
COMMENT ON FUNCTION csat(nps_state) IS 'Top-box share in percent: responses at or above promoter_min (4-5 on the CSAT scale)';
COMMENT ON FUNCTION mean_score(nps_state) IS 'Mean score of the responses';
COMMENT ON FUNCTION ces(nps_state) IS 'Customer effort score: the mean score (1-7 scale for ces_agg)';
COMMENT ON FUNCTION score_counts(nps_state) IS 'Responses per scale point, from scale_min to scale_max';
COMMENT ON FUNCTION nps_moe(nps_state, double precision) IS 'Margin of error of the net score in points: z * 100 * sqrt((p + d - (p - d)^2) / n)';
COMMENT ON FUNCTION nps_ci(nps_state, double precision) IS 'Confidence interval of the net score (net score +/- margin of error, clipped to [-100, 100])';
COMMENT ON FUNCTION nps_compare(nps_state, nps_state) IS 'Difference of two net scores with its standard error and the two-sided p-value of a z-test for independent samples';
COMMENT ON FUNCTION nps_moe(nps_state, double precision, text) IS 'Margin of error of the net score in points by method ''wald'' or ''adjusted_wald'' (n + 3, 3/4 added to promoters and detractors; recommended)';
COMMENT ON FUNCTION nps_ci(nps_state, double precision, text) IS 'Confidence interval of the net score by method ''wald'' (net score +/- margin) or ''adjusted_wald'' (adjusted net score +/- its margin), clipped to [-100, 100]';
COMMENT ON FUNCTION top_box_ci(nps_state, double precision, text) IS 'Wilson interval of the share of ''promoters'' (the top box of a CSAT or CES state), ''passives'' or ''detractors'', as fractions in [0, 1]';
COMMENT ON FUNCTION skipped_count(nps_state) IS 'Rows with a NULL score (skipped questions); NULL for a state stored before they were counted';
COMMENT ON FUNCTION answer_share(nps_state) IS 'Answers / (answers + skipped), a fraction in [0, 1]; NULL when the skipped count is unknown or there are no rows';
COMMENT ON FUNCTION small_cell_suppress(nps_state, integer) IS 'The state when it has at least min_n answers, else NULL: publish states without revealing small cells';
COMMENT ON FUNCTION score_distribution(nps_state, integer) IS 'One row per scale point: responses, share and a text bar scaled to the largest bucket';

-- Deprecated 1.0 names (CONTRIBUTING, naming table, rule 7): the same C functions.
CREATE FUNCTION responses(nps_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_nps_responses' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION promoters(nps_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_nps_promoters' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION passives(nps_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_nps_passives' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION detractors(nps_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_nps_detractors' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION counts(nps_state) RETURNS bigint[]
    AS 'MODULE_PATHNAME', 'cf_nps_counts' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION distribution(nps_state, width integer DEFAULT 40)
    RETURNS TABLE (score integer, responses bigint, share double precision, bar text)
    AS 'MODULE_PATHNAME', 'cf_nps_distribution' LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 11;
COMMENT ON FUNCTION responses(nps_state) IS 'Deprecated alias of response_count(nps_state), the 1.0 name';
COMMENT ON FUNCTION promoters(nps_state) IS 'Deprecated alias of promoter_count(nps_state), the 1.0 name';
COMMENT ON FUNCTION passives(nps_state) IS 'Deprecated alias of passive_count(nps_state), the 1.0 name';
COMMENT ON FUNCTION detractors(nps_state) IS 'Deprecated alias of detractor_count(nps_state), the 1.0 name';
COMMENT ON FUNCTION counts(nps_state) IS 'Deprecated alias of score_counts(nps_state), the 1.0 name';
COMMENT ON FUNCTION distribution(nps_state, integer) IS 'Deprecated alias of score_distribution(nps_state, width), the 1.0 name';

-- Aggregates: two-step forms returning the state, one-step forms returning the figure.
CREATE AGGREGATE nps_agg(integer) (
    SFUNC = cf_nps_trans, STYPE = nps_state, COMBINEFUNC = cf_nps_combine,
    MSFUNC = cf_nps_trans, MINVFUNC = cf_nps_inv, MSTYPE = nps_state,
    PARALLEL = SAFE
);
CREATE AGGREGATE nps(integer) (
    SFUNC = cf_nps_trans, STYPE = nps_state, FINALFUNC = nps, COMBINEFUNC = cf_nps_combine,
    MSFUNC = cf_nps_trans, MINVFUNC = cf_nps_inv, MSTYPE = nps_state, MFINALFUNC = nps,
    PARALLEL = SAFE
);
CREATE AGGREGATE csat_agg(integer) (
    SFUNC = cf_csat_trans, STYPE = nps_state, COMBINEFUNC = cf_nps_combine,
    MSFUNC = cf_csat_trans, MINVFUNC = cf_csat_inv, MSTYPE = nps_state,
    PARALLEL = SAFE
);
CREATE AGGREGATE csat(integer) (
    SFUNC = cf_csat_trans, STYPE = nps_state, FINALFUNC = csat, COMBINEFUNC = cf_nps_combine,
    MSFUNC = cf_csat_trans, MINVFUNC = cf_csat_inv, MSTYPE = nps_state, MFINALFUNC = csat,
    PARALLEL = SAFE
);
CREATE AGGREGATE ces_agg(integer) (
    SFUNC = cf_ces_trans, STYPE = nps_state, COMBINEFUNC = cf_nps_combine,
    MSFUNC = cf_ces_trans, MINVFUNC = cf_ces_inv, MSTYPE = nps_state,
    PARALLEL = SAFE
);
CREATE AGGREGATE ces(integer) (
    SFUNC = cf_ces_trans, STYPE = nps_state, FINALFUNC = ces, COMBINEFUNC = cf_nps_combine,
    MSFUNC = cf_ces_trans, MINVFUNC = cf_ces_inv, MSTYPE = nps_state, MFINALFUNC = ces,
    PARALLEL = SAFE
);
CREATE AGGREGATE score_agg(score integer, scale_min integer, scale_max integer,
                           promoter_min integer, detractor_max integer) (
    SFUNC = cf_score_trans, STYPE = nps_state, COMBINEFUNC = cf_nps_combine,
    MSFUNC = cf_score_trans, MINVFUNC = cf_score_inv, MSTYPE = nps_state,
    PARALLEL = SAFE
);
CREATE AGGREGATE rollup(nps_state) (
    SFUNC = cf_nps_combine, STYPE = nps_state, COMBINEFUNC = cf_nps_combine,
    PARALLEL = SAFE
);

COMMENT ON AGGREGATE nps_agg(integer) IS 'Distribution of 0-10 recommend scores (NPS: promoters 9-10, detractors 0-6); NULL scores are counted as skipped answers';
COMMENT ON AGGREGATE nps(integer) IS 'Net Promoter Score of 0-10 scores in points, in [-100, 100]; NULL for no responses';
COMMENT ON AGGREGATE csat_agg(integer) IS 'Distribution of 1-5 satisfaction scores (top-2-box 4-5, bottom-2-box 1-2)';
COMMENT ON AGGREGATE csat(integer) IS 'CSAT of 1-5 scores: top-2-box share in percent';
COMMENT ON AGGREGATE ces_agg(integer) IS 'Distribution of 1-7 customer-effort scores (agree 5-7, disagree 1-3)';
COMMENT ON AGGREGATE ces(integer) IS 'Customer effort score of 1-7 scores: the mean score';
COMMENT ON AGGREGATE score_agg(integer, integer, integer, integer, integer) IS 'Distribution of scores on a custom scale with custom promoter_min and detractor_max';
COMMENT ON AGGREGATE rollup(nps_state) IS 'Merges stored score distributions of the same scale (e.g. daily states to months)';
