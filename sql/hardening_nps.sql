-- Bad input to the NPS family (issue 7): every SQL-callable function tried
-- with NULL, empty, zero, negative, NaN, +-Infinity, huge values and malformed
-- text.  Each case gives a documented result or an error of SQLSTATE class 22
-- (docs/hardening.md has this table).  Also the regression tests of the bugs
-- the fuzzer found (test/fuzz/regressions/fuzz_nps_parse/).
SET extra_float_digits = 0;

-- The outcome of a query of one value: the value as text, NULL, or the error's SQLSTATE.
CREATE FUNCTION pg_temp.outcome(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    result text;
BEGIN
    EXECUTE query INTO result;
    RETURN coalesce(result, 'NULL');
EXCEPTION WHEN OTHERS THEN
    RETURN 'ERROR ' || SQLSTATE;
END
$$;

CREATE TEMP TABLE nps_cases (n serial, function text, input text, query text);
INSERT INTO nps_cases (function, input, query) VALUES
-- aggregates over scores
('nps(integer)', 'no rows', $q$SELECT nps(s) FROM unnest('{}'::int[]) s$q$),
('nps(integer)', 'only NULL scores', $q$SELECT nps(s) FROM unnest('{NULL,NULL}'::int[]) s$q$),
('nps(integer)', 'NULL among scores', $q$SELECT round(nps(s)::numeric, 4) FROM unnest('{10,NULL,0}'::int[]) s$q$),
('nps(integer)', 'all zero', $q$SELECT nps(s) FROM unnest('{0,0,0}'::int[]) s$q$),
('nps(integer)', 'score -1', $q$SELECT nps(s) FROM unnest('{-1}'::int[]) s$q$),
('nps(integer)', 'score 11', $q$SELECT nps(s) FROM unnest('{11}'::int[]) s$q$),
('nps(integer)', 'score 2147483647', $q$SELECT nps(s) FROM unnest('{2147483647}'::int[]) s$q$),
('nps(integer)', 'score -2147483648', $q$SELECT nps(s) FROM unnest('{-2147483648}'::int[]) s$q$),
('csat(integer)', 'score 0 (scale 1-5)', $q$SELECT csat(s) FROM unnest('{0}'::int[]) s$q$),
('csat(integer)', 'score 6 (scale 1-5)', $q$SELECT csat(s) FROM unnest('{6}'::int[]) s$q$),
('ces(integer)', 'score 8 (scale 1-7)', $q$SELECT ces(s) FROM unnest('{8}'::int[]) s$q$),
('ces(integer)', 'scores 1 and 7', $q$SELECT ces(s) FROM unnest('{1,7}'::int[]) s$q$),
-- custom scales
('score_agg', 'NULL scale argument', $q$SELECT score_agg(s, NULL, 10, 9, 6)::text FROM unnest('{1}'::int[]) s$q$),
('score_agg', 'NULL score, NULL scale', $q$SELECT score_agg(s, NULL, NULL, NULL, NULL)::text FROM unnest('{NULL}'::int[]) s$q$),
('score_agg', 'min = max', $q$SELECT score_agg(s, 5, 5, 5, 5)::text FROM unnest('{5}'::int[]) s$q$),
('score_agg', 'min > max', $q$SELECT score_agg(s, 10, 0, 9, 6)::text FROM unnest('{5}'::int[]) s$q$),
('score_agg', '102 points', $q$SELECT score_agg(s, 0, 101, 90, 60)::text FROM unnest('{5}'::int[]) s$q$),
('score_agg', 'bound 10001', $q$SELECT score_agg(s, 9950, 10001, 10000, 9960)::text FROM unnest('{9999}'::int[]) s$q$),
('score_agg', 'bound -2147483648', $q$SELECT score_agg(s, -2147483648, 10, 9, 6)::text FROM unnest('{5}'::int[]) s$q$),
('score_agg', 'detractor_max = promoter_min', $q$SELECT score_agg(s, 0, 10, 6, 6)::text FROM unnest('{5}'::int[]) s$q$),
('score_agg', 'promoter_min off the scale', $q$SELECT score_agg(s, 0, 10, 11, 6)::text FROM unnest('{5}'::int[]) s$q$),
('score_agg', 'scale changes within a group', $q$SELECT score_agg(s, 0, s + 10, 9, 6)::text FROM unnest('{1,2}'::int[]) s$q$),
('score_agg', 'negative scale -3..3', $q$SELECT score_agg(s, -3, 3, 2, -1)::text FROM unnest('{-3,3}'::int[]) s$q$),
-- text input of nps_state
('nps_state input', 'empty text', $q$SELECT ''::nps_state::text$q$),
('nps_state input', 'version v2', $q$SELECT 'v2 scale=0..10 promoter_min=9 detractor_max=6 counts=0,0,0,0,0,0,0,0,0,0,0'::nps_state::text$q$),
('nps_state input', 'garbage', $q$SELECT 'hello'::nps_state::text$q$),
('nps_state input', 'too few counts', $q$SELECT 'v1 scale=0..10 promoter_min=9 detractor_max=6 counts=1,2'::nps_state::text$q$),
('nps_state input', 'too many counts', $q$SELECT 'v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,2,3,4,5,6'::nps_state::text$q$),
('nps_state input', 'negative count', $q$SELECT 'v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,-2,3,4,5'::nps_state::text$q$),
('nps_state input', 'count 2^63', $q$SELECT 'v1 scale=1..5 promoter_min=4 detractor_max=2 counts=9223372036854775808,0,0,0,0'::nps_state::text$q$),
('nps_state input', 'count 2^63 - 1', $q$SELECT responses('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=9223372036854775807,0,0,0,0'::nps_state)::text$q$),
('nps_state input', 'count NaN', $q$SELECT 'v1 scale=1..5 promoter_min=4 detractor_max=2 counts=NaN,0,0,0,0'::nps_state::text$q$),
('nps_state input', 'count 1.5', $q$SELECT 'v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1.5,0,0,0,0'::nps_state::text$q$),
('nps_state input', 'count 1e3', $q$SELECT 'v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1e3,0,0,0,0'::nps_state::text$q$),
('nps_state input', 'inverted thresholds', $q$SELECT 'v1 scale=1..5 promoter_min=2 detractor_max=4 counts=0,0,0,0,0'::nps_state::text$q$),
('nps_state input', 'scale bound 10001', $q$SELECT 'v1 scale=10000..10001 promoter_min=10001 detractor_max=10000 counts=0,0'::nps_state::text$q$),
('nps_state input', 'trailing text', $q$SELECT 'v1 scale=1..5 promoter_min=4 detractor_max=2 counts=0,0,0,0,0 x'::nps_state::text$q$),
('nps_state input', 'spaces and signs', $q$SELECT ' v1  scale=+1..+5 promoter_min=4 detractor_max=2 counts=0,0,0,0,1 '::nps_state::text$q$),
-- accessors
('nps(nps_state)', 'NULL', $q$SELECT nps(NULL::nps_state)$q$),
('nps(nps_state)', 'no responses', $q$SELECT nps('v1 scale=0..10 promoter_min=9 detractor_max=6 counts=0,0,0,0,0,0,0,0,0,0,0'::nps_state)$q$),
('responses(nps_state)', 'no responses', $q$SELECT responses('v1 scale=0..10 promoter_min=9 detractor_max=6 counts=0,0,0,0,0,0,0,0,0,0,0'::nps_state)$q$),
('promoter_share(nps_state)', 'no responses', $q$SELECT promoter_share('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=0,0,0,0,0'::nps_state)$q$),
('mean_score(nps_state)', 'no responses', $q$SELECT mean_score('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=0,0,0,0,0'::nps_state)$q$),
('counts(nps_state)', 'no responses', $q$SELECT counts('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=0,0,0,0,0'::nps_state)$q$),
('nps_moe', 'confidence NULL', $q$SELECT nps_moe('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1'::nps_state, NULL)$q$),
('nps_moe', 'confidence 0', $q$SELECT nps_moe('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1'::nps_state, 0)$q$),
('nps_moe', 'confidence 1', $q$SELECT nps_moe('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1'::nps_state, 1)$q$),
('nps_moe', 'confidence -0.5', $q$SELECT nps_moe('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1'::nps_state, -0.5)$q$),
('nps_moe', 'confidence NaN', $q$SELECT nps_moe('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1'::nps_state, 'NaN')$q$),
('nps_moe', 'confidence Infinity', $q$SELECT nps_moe('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1'::nps_state, 'Infinity')$q$),
('nps_moe', 'confidence -Infinity', $q$SELECT nps_moe('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1'::nps_state, '-Infinity')$q$),
('nps_moe', 'confidence 1e-300', $q$SELECT round(nps_moe('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1'::nps_state, 1e-300)::numeric, 6)$q$),
('nps_moe', 'no responses', $q$SELECT nps_moe('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=0,0,0,0,0'::nps_state)$q$),
('nps_ci', 'confidence NaN', $q$SELECT nps_ci('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1'::nps_state, 'NaN')::text$q$),
('nps_ci', 'all promoters', $q$SELECT nps_ci('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=0,0,0,0,5'::nps_state)::text$q$),
('nps_compare', 'different scales', $q$SELECT nps_compare('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1'::nps_state, 'v1 scale=0..10 promoter_min=9 detractor_max=6 counts=1,0,0,0,0,0,0,0,0,0,1'::nps_state)::text$q$),
('nps_compare', 'one side empty', $q$SELECT nps_compare('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1'::nps_state, 'v1 scale=1..5 promoter_min=4 detractor_max=2 counts=0,0,0,0,0'::nps_state)::text$q$),
('nps_compare', 'no spread, equal', $q$SELECT nps_compare('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=0,0,0,0,3'::nps_state, 'v1 scale=1..5 promoter_min=4 detractor_max=2 counts=0,0,0,0,5'::nps_state)::text$q$),
('nps_compare', 'no spread, different', $q$SELECT nps_compare('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=3,0,0,0,0'::nps_state, 'v1 scale=1..5 promoter_min=4 detractor_max=2 counts=0,0,0,0,5'::nps_state)::text$q$),
('distribution', 'width -1', $q$SELECT count(*) FROM distribution('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1'::nps_state, -1)$q$),
('distribution', 'width 0', $q$SELECT string_agg(bar, '|') FROM distribution('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1'::nps_state, 0)$q$),
('distribution', 'width 1001', $q$SELECT count(*) FROM distribution('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1'::nps_state, 1001)$q$),
('distribution', 'width NULL', $q$SELECT count(*) FROM distribution('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1'::nps_state, NULL)$q$),
('distribution', 'no responses', $q$SELECT string_agg(coalesce(share::text, 'NULL'), ',') FROM distribution('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=0,0,0,0,0'::nps_state)$q$),
('rollup(nps_state)', 'different scales', $q$SELECT rollup(s)::text FROM (VALUES ('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1'::nps_state), ('v1 scale=1..7 promoter_min=5 detractor_max=3 counts=1,0,0,0,0,0,1')) v(s)$q$),
('rollup(nps_state)', 'count overflow in a bucket', $q$SELECT rollup(s)::text FROM (VALUES ('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=9223372036854775807,0,0,0,0'::nps_state), ('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,0')) v(s)$q$),
('rollup(nps_state)', 'only NULLs', $q$SELECT rollup(s)::text FROM (VALUES (NULL::nps_state), (NULL)) v(s)$q$),
('cf_nps_trans', 'called directly', $q$SELECT cf_nps_trans(NULL, 5)::text$q$);

SELECT n, function, input, pg_temp.outcome(query) AS outcome FROM nps_cases ORDER BY n;

-- Every error above is of class 22, or 0A000 for a support function called
-- outside an aggregate.
SELECT function, input, pg_temp.outcome(query) AS outcome
FROM nps_cases
WHERE pg_temp.outcome(query) LIKE 'ERROR%' AND pg_temp.outcome(query) NOT LIKE 'ERROR 22%'
  AND function <> 'cf_nps_trans';

-- Regression tests of bugs the fuzzer found (test/fuzz/regressions/fuzz_nps_parse/).
-- 1. Counts whose total exceeds 2^63 - 1: the total must not wrap around
--    (it gave responses = -2 and a NULL NPS).  Either the input or the
--    accessor must refuse it with a class 22 error.
SELECT pg_temp.outcome($q$SELECT responses('v1 scale=0..10 promoter_min=9 detractor_max=6 counts=9223372036854775807,0,0,0,0,0,0,0,0,0,9223372036854775807'::nps_state)$q$) LIKE 'ERROR 22%' AS total_overflow_refused,
       pg_temp.outcome($q$SELECT nps('v1 scale=0..10 promoter_min=9 detractor_max=6 counts=9223372036854775807,0,0,0,0,0,0,0,0,0,9223372036854775807'::nps_state)$q$) LIKE 'ERROR 22%' AS nps_of_total_overflow_refused;
-- The same total reached by rollup() of two sound states.
SELECT pg_temp.outcome($q$SELECT responses(rollup(s)) FROM (VALUES ('v1 scale=0..10 promoter_min=9 detractor_max=6 counts=9223372036854775807,0,0,0,0,0,0,0,0,0,0'::nps_state), ('v1 scale=0..10 promoter_min=9 detractor_max=6 counts=0,0,0,0,0,0,0,0,0,0,9223372036854775807')) v(s)$q$) LIKE 'ERROR 22%' AS rollup_total_overflow_refused;
-- 2. The net score stays within [-100, 100] for large counts (it gave
--    100.00000000000001: 100.0 * (p - d) / n rounds up when 100 * n > 2^53).
SELECT nps('v1 scale=1..5 promoter_min=3 detractor_max=2 counts=0,0,0,0,372036854775807'::nps_state) <= 100 AS nps_at_most_100,
       nps('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,2,3,7017579225649512452,4023660'::nps_state) <= 100 AS nps_at_most_100_huge,
       nps('v1 scale=1..5 promoter_min=3 detractor_max=2 counts=372036854775807,0,0,0,0'::nps_state) >= -100 AS nps_at_least_minus_100;

DROP TABLE nps_cases;
