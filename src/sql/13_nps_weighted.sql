-- ===================================================================
-- Weighted score distributions: nps_agg/csat_agg/ces_agg/score_agg(score, weight)
-- ===================================================================

CREATE TYPE nps_weighted_state;

CREATE FUNCTION nps_weighted_state_in(cstring) RETURNS nps_weighted_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_weighted_state_out(nps_weighted_state) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_weighted_state_recv(internal) RETURNS nps_weighted_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_weighted_state_send(nps_weighted_state) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE nps_weighted_state (
    INPUT = nps_weighted_state_in,
    OUTPUT = nps_weighted_state_out,
    RECEIVE = nps_weighted_state_recv,
    SEND = nps_weighted_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE nps_weighted_state IS
    'Per score on a scale: answers (exact), the sum of their weights and of their squared weights (double-double), with the thresholds: the state of the weighted NPS, CSAT, CES and score aggregates';
COMMENT ON FUNCTION nps_weighted_state_in(cstring) IS 'Text input function of nps_weighted_state';
COMMENT ON FUNCTION nps_weighted_state_out(nps_weighted_state) IS 'Text output function of nps_weighted_state (v1;scale=..;skipped=<rows>:<weight>;score=<s>:<rows>:<weight>:<squared weight>...)';
COMMENT ON FUNCTION nps_weighted_state_recv(internal) IS 'Binary input function of nps_weighted_state';
COMMENT ON FUNCTION nps_weighted_state_send(nps_weighted_state) IS 'Binary output function of nps_weighted_state';

-- Support functions of the aggregates (not for direct use).
CREATE FUNCTION cf_nps_weighted_trans(nps_weighted_state, integer, double precision) RETURNS nps_weighted_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_csat_weighted_trans(nps_weighted_state, integer, double precision) RETURNS nps_weighted_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_ces_weighted_trans(nps_weighted_state, integer, double precision) RETURNS nps_weighted_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_score_weighted_trans(nps_weighted_state, integer, double precision, integer, integer, integer, integer)
    RETURNS nps_weighted_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_nps_weighted_combine(nps_weighted_state, nps_weighted_state) RETURNS nps_weighted_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cf_nps_weighted_trans(nps_weighted_state, integer, double precision) IS 'Transition of nps_agg(score, weight) and nps(score, weight): adds a weighted 0-10 score';
COMMENT ON FUNCTION cf_csat_weighted_trans(nps_weighted_state, integer, double precision) IS 'Transition of csat_agg(score, weight) and csat(score, weight): adds a weighted 1-5 score';
COMMENT ON FUNCTION cf_ces_weighted_trans(nps_weighted_state, integer, double precision) IS 'Transition of ces_agg(score, weight) and ces(score, weight): adds a weighted 1-7 score';
COMMENT ON FUNCTION cf_score_weighted_trans(nps_weighted_state, integer, double precision, integer, integer, integer, integer) IS 'Transition of score_agg(score, weight, ...): adds a weighted score on a custom scale';
COMMENT ON FUNCTION cf_nps_weighted_combine(nps_weighted_state, nps_weighted_state) IS 'Combine function of the weighted score aggregates and transition of rollup(nps_weighted_state): adds counts and double-double sums';

-- Accessors: nps_state's, with summed weights for counts and Kish's effective sample size for n.
CREATE FUNCTION nps(nps_weighted_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION csat(nps_weighted_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_csat' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ces(nps_weighted_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_mean_score' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION mean_score(nps_weighted_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_mean_score' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION response_count(nps_weighted_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_responses' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION promoter_count(nps_weighted_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_promoters' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION passive_count(nps_weighted_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_passives' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION detractor_count(nps_weighted_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_detractors' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION promoter_share(nps_weighted_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_promoter_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION passive_share(nps_weighted_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_passive_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION detractor_share(nps_weighted_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_detractor_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION score_counts(nps_weighted_state) RETURNS double precision[]
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_counts' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION effective_n(nps_weighted_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_effective_n' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION skipped_count(nps_weighted_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_skipped_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION answer_share(nps_weighted_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_answer_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_moe(nps_weighted_state, confidence double precision DEFAULT 0.95) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_moe' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_moe(nps_weighted_state, confidence double precision, method text) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_moe' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_ci(nps_weighted_state, confidence double precision DEFAULT 0.95,
                       OUT lower double precision, OUT upper double precision)
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_ci' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_ci(nps_weighted_state, confidence double precision, method text,
                       OUT lower double precision, OUT upper double precision)
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_ci' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION top_box_ci(nps_weighted_state, confidence double precision DEFAULT 0.95, share text DEFAULT 'promoters',
                           OUT lower double precision, OUT upper double precision)
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_top_box_ci' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_compare(a nps_weighted_state, b nps_weighted_state,
                            OUT difference double precision, OUT std_error double precision,
                            OUT z double precision, OUT p_value double precision)
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_compare' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_compare(a nps_weighted_state, b nps_weighted_state, method text,
                            OUT difference double precision, OUT std_error double precision,
                            OUT z double precision, OUT p_value double precision)
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_compare' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_compare(state nps_weighted_state, benchmark double precision, method text,
                            OUT difference double precision, OUT std_error double precision,
                            OUT z double precision, OUT p_value double precision)
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_compare_benchmark' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_shift(previous nps_weighted_state, current nps_weighted_state, confidence double precision DEFAULT 0.95)
    RETURNS text
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_shift' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION small_cell_suppress(nps_weighted_state, min_n integer) RETURNS nps_weighted_state
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_small_cell_suppress' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION score_distribution(nps_weighted_state, width integer DEFAULT 40)
    RETURNS TABLE (score integer, responses double precision, share double precision, bar text)
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_distribution' LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 11;

COMMENT ON FUNCTION nps(nps_weighted_state) IS 'Weighted net score in points: % promoters - % detractors by weight, in [-100, 100]; NULL when the weights sum to 0';
COMMENT ON FUNCTION csat(nps_weighted_state) IS 'Weighted top-box share in percent (scores at or above promoter_min)';
COMMENT ON FUNCTION ces(nps_weighted_state) IS 'Weighted customer effort score: the weighted mean score';
COMMENT ON FUNCTION mean_score(nps_weighted_state) IS 'Weighted mean score of the answers';
COMMENT ON FUNCTION response_count(nps_weighted_state) IS 'Sum of the weights of the answers';
COMMENT ON FUNCTION promoter_count(nps_weighted_state) IS 'Sum of the weights of answers at or above promoter_min';
COMMENT ON FUNCTION passive_count(nps_weighted_state) IS 'Sum of the weights of answers between detractor_max and promoter_min';
COMMENT ON FUNCTION detractor_count(nps_weighted_state) IS 'Sum of the weights of answers at or below detractor_max';
COMMENT ON FUNCTION promoter_share(nps_weighted_state) IS 'Promoters'' weight / the answers'' weight, a fraction in [0, 1]';
COMMENT ON FUNCTION passive_share(nps_weighted_state) IS 'Passives'' weight / the answers'' weight, a fraction in [0, 1]';
COMMENT ON FUNCTION detractor_share(nps_weighted_state) IS 'Detractors'' weight / the answers'' weight, a fraction in [0, 1]';
COMMENT ON FUNCTION score_counts(nps_weighted_state) IS 'Sum of the weights per scale point, from scale_min to scale_max';
COMMENT ON FUNCTION effective_n(nps_weighted_state) IS 'Kish''s effective sample size of the answers: (sum of weights)^2 / sum of squared weights; NULL when the weights sum to 0';
COMMENT ON FUNCTION skipped_count(nps_weighted_state) IS 'Sum of the weights of the rows with a NULL score (skipped questions)';
COMMENT ON FUNCTION answer_share(nps_weighted_state) IS 'Answers'' weight / (answers'' + skipped weight), a fraction in [0, 1]; NULL when both are 0';
COMMENT ON FUNCTION nps_moe(nps_weighted_state, double precision) IS 'Wald margin of error of the weighted net score in points, over the effective sample size';
COMMENT ON FUNCTION nps_moe(nps_weighted_state, double precision, text) IS 'Margin of error of the weighted net score by method ''wald'' or ''adjusted_wald'', over the effective sample size';
COMMENT ON FUNCTION nps_ci(nps_weighted_state, double precision) IS 'Wald confidence interval of the weighted net score over the effective sample size, clipped to [-100, 100]';
COMMENT ON FUNCTION nps_ci(nps_weighted_state, double precision, text) IS 'Confidence interval of the weighted net score by method ''wald'' or ''adjusted_wald'' over the effective sample size, clipped to [-100, 100]';
COMMENT ON FUNCTION top_box_ci(nps_weighted_state, double precision, text) IS 'Wilson interval of the weighted share of ''promoters'', ''passives'' or ''detractors'' over the effective sample size, as fractions in [0, 1]';
COMMENT ON FUNCTION nps_compare(nps_weighted_state, nps_weighted_state) IS 'Difference of two weighted net scores with its Wald standard error (effective sample sizes) and the two-sided p-value';
COMMENT ON FUNCTION nps_compare(nps_weighted_state, nps_weighted_state, text) IS 'Difference of two weighted net scores by method ''wald'' or ''adjusted_wald'' (effective sample sizes) with its standard error and two-sided p-value';
COMMENT ON FUNCTION nps_compare(nps_weighted_state, double precision, text) IS 'Weighted net score minus a benchmark (points) by method, with its standard error (effective sample size) and two-sided p-value';
COMMENT ON FUNCTION nps_shift(nps_weighted_state, nps_weighted_state, double precision) IS '''up'' or ''down'' when the adjusted-Wald test of current - previous (effective sample sizes) is significant at the confidence, else ''flat''';
COMMENT ON FUNCTION small_cell_suppress(nps_weighted_state, integer) IS 'The state when it has at least min_n answers (rows, not weights), else NULL';
COMMENT ON FUNCTION score_distribution(nps_weighted_state, integer) IS 'One row per scale point: summed weight, weighted share and a text bar scaled to the largest bucket';

-- Aggregates: two-step forms returning the state, one-step forms returning the figure.
-- No moving-window form: taking a weight out of a double-double sum is not exact.
CREATE AGGREGATE nps_agg(score integer, weight double precision) (
    SFUNC = cf_nps_weighted_trans, STYPE = nps_weighted_state, COMBINEFUNC = cf_nps_weighted_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE nps(score integer, weight double precision) (
    SFUNC = cf_nps_weighted_trans, STYPE = nps_weighted_state, FINALFUNC = nps,
    COMBINEFUNC = cf_nps_weighted_combine, PARALLEL = SAFE
);
CREATE AGGREGATE csat_agg(score integer, weight double precision) (
    SFUNC = cf_csat_weighted_trans, STYPE = nps_weighted_state, COMBINEFUNC = cf_nps_weighted_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE csat(score integer, weight double precision) (
    SFUNC = cf_csat_weighted_trans, STYPE = nps_weighted_state, FINALFUNC = csat,
    COMBINEFUNC = cf_nps_weighted_combine, PARALLEL = SAFE
);
CREATE AGGREGATE ces_agg(score integer, weight double precision) (
    SFUNC = cf_ces_weighted_trans, STYPE = nps_weighted_state, COMBINEFUNC = cf_nps_weighted_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE ces(score integer, weight double precision) (
    SFUNC = cf_ces_weighted_trans, STYPE = nps_weighted_state, FINALFUNC = ces,
    COMBINEFUNC = cf_nps_weighted_combine, PARALLEL = SAFE
);
CREATE AGGREGATE score_agg(score integer, weight double precision, scale_min integer, scale_max integer,
                           promoter_min integer, detractor_max integer) (
    SFUNC = cf_score_weighted_trans, STYPE = nps_weighted_state, COMBINEFUNC = cf_nps_weighted_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE rollup(nps_weighted_state) (
    SFUNC = cf_nps_weighted_combine, STYPE = nps_weighted_state, COMBINEFUNC = cf_nps_weighted_combine,
    PARALLEL = SAFE
);

COMMENT ON AGGREGATE nps_agg(integer, double precision) IS 'Weighted distribution of 0-10 recommend scores (promoters 9-10, detractors 0-6); weights 0 or in [1e-100, 1e100]; NULL scores are skipped answers with their weight';
COMMENT ON AGGREGATE nps(integer, double precision) IS 'Weighted Net Promoter Score of 0-10 scores in points; NULL when the weights sum to 0';
COMMENT ON AGGREGATE csat_agg(integer, double precision) IS 'Weighted distribution of 1-5 satisfaction scores (top-2-box 4-5, bottom-2-box 1-2)';
COMMENT ON AGGREGATE csat(integer, double precision) IS 'Weighted CSAT of 1-5 scores: top-2-box share of the weight in percent';
COMMENT ON AGGREGATE ces_agg(integer, double precision) IS 'Weighted distribution of 1-7 customer-effort scores (agree 5-7, disagree 1-3)';
COMMENT ON AGGREGATE ces(integer, double precision) IS 'Weighted customer effort score of 1-7 scores: the weighted mean score';
COMMENT ON AGGREGATE score_agg(integer, double precision, integer, integer, integer, integer) IS 'Weighted distribution of scores on a custom scale with custom promoter_min and detractor_max';
COMMENT ON AGGREGATE rollup(nps_weighted_state) IS 'Merges stored weighted score distributions of the same scale (e.g. daily states to months)';
