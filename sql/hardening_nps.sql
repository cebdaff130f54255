-- Bad input to the NPS family (issue 7): every SQL-callable function tried
-- with NULL, empty, zero, negative, NaN, +-Infinity, huge values and malformed
-- text.  Each case gives a documented result or an error of SQLSTATE class 22
-- (the README's "Bad input" section has this table).  Also the regression tests of the bugs
-- the fuzzer found (the crash reproducers of test/fuzz/corpus/fuzz_nps_parse.txt).
SET extra_float_digits = 0;

-- outcome(query [, setting]) and recv(type, bytes): test/regress/hardening_helpers.sql.
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/hardening_helpers.sql

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
('score_agg(integer,integer,integer,integer,integer)', 'NULL scale argument', $q$SELECT score_agg(s, NULL, 10, 9, 6)::text FROM unnest('{1}'::int[]) s$q$),
('score_agg(integer,integer,integer,integer,integer)', 'NULL score, NULL scale', $q$SELECT score_agg(s, NULL, NULL, NULL, NULL)::text FROM unnest('{NULL}'::int[]) s$q$),
('score_agg(integer,integer,integer,integer,integer)', 'min = max', $q$SELECT score_agg(s, 5, 5, 5, 5)::text FROM unnest('{5}'::int[]) s$q$),
('score_agg(integer,integer,integer,integer,integer)', 'min > max', $q$SELECT score_agg(s, 10, 0, 9, 6)::text FROM unnest('{5}'::int[]) s$q$),
('score_agg(integer,integer,integer,integer,integer)', '102 points', $q$SELECT score_agg(s, 0, 101, 90, 60)::text FROM unnest('{5}'::int[]) s$q$),
('score_agg(integer,integer,integer,integer,integer)', 'bound 10001', $q$SELECT score_agg(s, 9950, 10001, 10000, 9960)::text FROM unnest('{9999}'::int[]) s$q$),
('score_agg(integer,integer,integer,integer,integer)', 'bound -2147483648', $q$SELECT score_agg(s, -2147483648, 10, 9, 6)::text FROM unnest('{5}'::int[]) s$q$),
('score_agg(integer,integer,integer,integer,integer)', 'detractor_max = promoter_min', $q$SELECT score_agg(s, 0, 10, 6, 6)::text FROM unnest('{5}'::int[]) s$q$),
('score_agg(integer,integer,integer,integer,integer)', 'promoter_min off the scale', $q$SELECT score_agg(s, 0, 10, 11, 6)::text FROM unnest('{5}'::int[]) s$q$),
('score_agg(integer,integer,integer,integer,integer)', 'scale changes within a group', $q$SELECT score_agg(s, 0, s + 10, 9, 6)::text FROM unnest('{1,2}'::int[]) s$q$),
('score_agg(integer,integer,integer,integer,integer)', 'negative scale -3..3', $q$SELECT score_agg(s, -3, 3, 2, -1)::text FROM unnest('{-3,3}'::int[]) s$q$),
-- text input of nps_state
('nps_state_in(cstring)', 'empty text', $q$SELECT ''::nps_state::text$q$),
('nps_state_in(cstring)', 'version v2', $q$SELECT 'v2 scale=0..10 promoter_min=9 detractor_max=6 counts=0,0,0,0,0,0,0,0,0,0,0'::nps_state::text$q$),
('nps_state_in(cstring)', 'garbage', $q$SELECT 'hello'::nps_state::text$q$),
('nps_state_in(cstring)', 'too few counts', $q$SELECT 'v1 scale=0..10 promoter_min=9 detractor_max=6 counts=1,2'::nps_state::text$q$),
('nps_state_in(cstring)', 'too many counts', $q$SELECT 'v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,2,3,4,5,6'::nps_state::text$q$),
('nps_state_in(cstring)', 'negative count', $q$SELECT 'v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,-2,3,4,5'::nps_state::text$q$),
('nps_state_in(cstring)', 'count 2^63', $q$SELECT 'v1 scale=1..5 promoter_min=4 detractor_max=2 counts=9223372036854775808,0,0,0,0'::nps_state::text$q$),
('nps_state_in(cstring)', 'count 2^63 - 1', $q$SELECT responses('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=9223372036854775807,0,0,0,0'::nps_state)::text$q$),
('nps_state_in(cstring)', 'count NaN', $q$SELECT 'v1 scale=1..5 promoter_min=4 detractor_max=2 counts=NaN,0,0,0,0'::nps_state::text$q$),
('nps_state_in(cstring)', 'count 1.5', $q$SELECT 'v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1.5,0,0,0,0'::nps_state::text$q$),
('nps_state_in(cstring)', 'count 1e3', $q$SELECT 'v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1e3,0,0,0,0'::nps_state::text$q$),
('nps_state_in(cstring)', 'inverted thresholds', $q$SELECT 'v1 scale=1..5 promoter_min=2 detractor_max=4 counts=0,0,0,0,0'::nps_state::text$q$),
('nps_state_in(cstring)', 'scale bound 10001', $q$SELECT 'v1 scale=10000..10001 promoter_min=10001 detractor_max=10000 counts=0,0'::nps_state::text$q$),
('nps_state_in(cstring)', 'trailing text', $q$SELECT 'v1 scale=1..5 promoter_min=4 detractor_max=2 counts=0,0,0,0,0 x'::nps_state::text$q$),
('nps_state_in(cstring)', 'spaces and signs', $q$SELECT ' v1  scale=+1..+5 promoter_min=4 detractor_max=2 counts=0,0,0,0,1 '::nps_state::text$q$),
-- accessors
('nps(nps_state)', 'NULL', $q$SELECT nps(NULL::nps_state)$q$),
('nps(nps_state)', 'no responses', $q$SELECT nps('v1 scale=0..10 promoter_min=9 detractor_max=6 counts=0,0,0,0,0,0,0,0,0,0,0'::nps_state)$q$),
('responses(nps_state)', 'no responses', $q$SELECT responses('v1 scale=0..10 promoter_min=9 detractor_max=6 counts=0,0,0,0,0,0,0,0,0,0,0'::nps_state)$q$),
('promoter_share(nps_state)', 'no responses', $q$SELECT promoter_share('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=0,0,0,0,0'::nps_state)$q$),
('mean_score(nps_state)', 'no responses', $q$SELECT mean_score('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=0,0,0,0,0'::nps_state)$q$),
('counts(nps_state)', 'no responses', $q$SELECT counts('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=0,0,0,0,0'::nps_state)$q$),
('nps_moe(nps_state,float8)', 'confidence NULL', $q$SELECT nps_moe('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1'::nps_state, NULL)$q$),
('nps_moe(nps_state,float8)', 'confidence 0', $q$SELECT nps_moe('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1'::nps_state, 0)$q$),
('nps_moe(nps_state,float8)', 'confidence 1', $q$SELECT nps_moe('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1'::nps_state, 1)$q$),
('nps_moe(nps_state,float8)', 'confidence -0.5', $q$SELECT nps_moe('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1'::nps_state, -0.5)$q$),
('nps_moe(nps_state,float8)', 'confidence NaN', $q$SELECT nps_moe('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1'::nps_state, 'NaN')$q$),
('nps_moe(nps_state,float8)', 'confidence Infinity', $q$SELECT nps_moe('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1'::nps_state, 'Infinity')$q$),
('nps_moe(nps_state,float8)', 'confidence -Infinity', $q$SELECT nps_moe('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1'::nps_state, '-Infinity')$q$),
('nps_moe(nps_state,float8)', 'confidence 1e-300', $q$SELECT round(nps_moe('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1'::nps_state, 1e-300)::numeric, 6)$q$),
('nps_moe(nps_state,float8)', 'no responses', $q$SELECT nps_moe('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=0,0,0,0,0'::nps_state)$q$),
('nps_ci(nps_state,float8)', 'confidence NaN', $q$SELECT nps_ci('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1'::nps_state, 'NaN')::text$q$),
('nps_ci(nps_state,float8)', 'all promoters', $q$SELECT nps_ci('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=0,0,0,0,5'::nps_state)::text$q$),
('nps_compare(nps_state,nps_state)', 'different scales', $q$SELECT nps_compare('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1'::nps_state, 'v1 scale=0..10 promoter_min=9 detractor_max=6 counts=1,0,0,0,0,0,0,0,0,0,1'::nps_state)::text$q$),
('nps_compare(nps_state,nps_state)', 'one side empty', $q$SELECT nps_compare('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1'::nps_state, 'v1 scale=1..5 promoter_min=4 detractor_max=2 counts=0,0,0,0,0'::nps_state)::text$q$),
('nps_compare(nps_state,nps_state)', 'no spread, equal', $q$SELECT nps_compare('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=0,0,0,0,3'::nps_state, 'v1 scale=1..5 promoter_min=4 detractor_max=2 counts=0,0,0,0,5'::nps_state)::text$q$),
('nps_compare(nps_state,nps_state)', 'no spread, different', $q$SELECT nps_compare('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=3,0,0,0,0'::nps_state, 'v1 scale=1..5 promoter_min=4 detractor_max=2 counts=0,0,0,0,5'::nps_state)::text$q$),
('distribution(nps_state,integer)', 'width -1', $q$SELECT count(*) FROM distribution('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1'::nps_state, -1)$q$),
('distribution(nps_state,integer)', 'width 0', $q$SELECT string_agg(bar, '|') FROM distribution('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1'::nps_state, 0)$q$),
('distribution(nps_state,integer)', 'width 1001', $q$SELECT count(*) FROM distribution('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1'::nps_state, 1001)$q$),
('distribution(nps_state,integer)', 'width NULL', $q$SELECT count(*) FROM distribution('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1'::nps_state, NULL)$q$),
('distribution(nps_state,integer)', 'no responses', $q$SELECT string_agg(coalesce(share::text, 'NULL'), ',') FROM distribution('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=0,0,0,0,0'::nps_state)$q$),
('rollup(nps_state)', 'different scales', $q$SELECT rollup(s)::text FROM (VALUES ('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1'::nps_state), ('v1 scale=1..7 promoter_min=5 detractor_max=3 counts=1,0,0,0,0,0,1')) v(s)$q$),
('rollup(nps_state)', 'count overflow in a bucket', $q$SELECT rollup(s)::text FROM (VALUES ('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=9223372036854775807,0,0,0,0'::nps_state), ('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,0')) v(s)$q$),
('rollup(nps_state)', 'only NULLs', $q$SELECT rollup(s)::text FROM (VALUES (NULL::nps_state), (NULL)) v(s)$q$),
('cf_nps_trans(nps_state,integer)', 'called directly', $q$SELECT cf_nps_trans(NULL, 5)::text$q$);

-- the other accessors and aggregates; counts 1,2,3,4,5 on 1..5: 4 + 5 = 9 promoters, 3 passives,
-- 1 + 2 = 3 detractors of 15; CSAT = share of 4 and 5 = 60 %; CES = mean = (1 + 4 + 9 + 16 + 25) / 15 = 55/15
INSERT INTO nps_cases (function, input, query) VALUES
('promoters(nps_state)', 'counts 1,2,3,4,5', $q$SELECT promoters('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,2,3,4,5'::nps_state)$q$),
('passives(nps_state)', 'counts 1,2,3,4,5', $q$SELECT passives('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,2,3,4,5'::nps_state)$q$),
('detractors(nps_state)', 'counts 1,2,3,4,5', $q$SELECT detractors('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,2,3,4,5'::nps_state)$q$),
('promoters(nps_state)', 'NULL', $q$SELECT promoters(NULL::nps_state)$q$),
('passive_share(nps_state)', 'no responses', $q$SELECT passive_share('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=0,0,0,0,0'::nps_state)$q$),
('detractor_share(nps_state)', 'counts 1,2,3,4,5', $q$SELECT detractor_share('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,2,3,4,5'::nps_state) = 3 / 15.0::float8$q$),
('csat(nps_state)', 'counts 1,2,3,4,5', $q$SELECT csat('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,2,3,4,5'::nps_state)$q$),
('csat(nps_state)', 'no responses', $q$SELECT csat('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=0,0,0,0,0'::nps_state)$q$),
('ces(nps_state)', 'counts 1,2,3,4,5', $q$SELECT ces('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,2,3,4,5'::nps_state) = 55 / 15.0::float8$q$),
('ces(nps_state)', 'no responses', $q$SELECT ces('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=0,0,0,0,0'::nps_state)$q$),
('nps_agg(integer)', 'score 11', $q$SELECT nps_agg(s)::text FROM unnest('{11}'::int[]) s$q$),
('nps_agg(integer)', 'no rows', $q$SELECT nps_agg(s)::text FROM unnest('{}'::int[]) s$q$),
('nps_agg(integer)', 'moving window, score 11 in the frame', $q$SELECT string_agg(nps(a)::text, ' ') FROM (SELECT nps_agg(s) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) a FROM unnest('{10,0,11}'::int[]) WITH ORDINALITY u(s, i)) w$q$),
('nps_agg(integer)', 'moving window', $q$SELECT string_agg(nps(a)::text, ' ' ORDER BY i) FROM (SELECT i, nps_agg(s) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) a FROM unnest('{10,0,NULL,7}'::int[]) WITH ORDINALITY u(s, i)) w$q$),
('csat_agg(integer)', 'score 0 (scale 1-5)', $q$SELECT csat_agg(s)::text FROM unnest('{0}'::int[]) s$q$),
('csat_agg(integer)', 'moving window', $q$SELECT string_agg(csat(a)::text, ' ' ORDER BY i) FROM (SELECT i, csat_agg(s) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) a FROM unnest('{5,1,4}'::int[]) WITH ORDINALITY u(s, i)) w$q$),
('ces_agg(integer)', 'score -2147483648', $q$SELECT ces_agg(s)::text FROM unnest('{-2147483648}'::int[]) s$q$),
('ces_agg(integer)', 'moving window', $q$SELECT string_agg(ces(a)::text, ' ' ORDER BY i) FROM (SELECT i, ces_agg(s) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) a FROM unnest('{1,7,4}'::int[]) WITH ORDINALITY u(s, i)) w$q$),
('score_agg(integer,integer,integer,integer,integer)', 'moving window', $q$SELECT string_agg(responses(a)::text, ' ' ORDER BY i) FROM (SELECT i, score_agg(s, 0, 3, 3, 1) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) a FROM unnest('{0,3,NULL}'::int[]) WITH ORDINALITY u(s, i)) w$q$);

-- binary input: the receive functions read bytes given through COPY (FORMAT binary)
INSERT INTO nps_cases (function, input, query) VALUES
('nps_state_send(nps_state)', 'NULL', $q$SELECT nps_state_send(NULL::nps_state)$q$),
('nps_state_recv(internal)', 'the bytes of send', $q$SELECT pg_temp.recv('nps_state', nps_state_send('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1'::nps_state))$q$),
('nps_state_recv(internal)', 'no bytes', $q$SELECT pg_temp.recv('nps_state', '\x')$q$),
('nps_state_recv(internal)', 'last byte missing', $q$SELECT pg_temp.recv('nps_state', substr(nps_state_send('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1'::nps_state), 1, length(nps_state_send('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1'::nps_state)) - 1))$q$),
('nps_state_recv(internal)', 'a byte too many', $q$SELECT pg_temp.recv('nps_state', nps_state_send('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1'::nps_state) || '\x00'::bytea)$q$),
('nps_state_recv(internal)', 'first byte 0xff', $q$SELECT pg_temp.recv('nps_state', overlay(nps_state_send('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1'::nps_state) placing '\xff'::bytea from 1 for 1))$q$),
('nps_state_recv(internal)', 'bytes 5-8 0xff', $q$SELECT CASE WHEN r LIKE 'ERROR%' THEN r ELSE 'another valid value' END FROM (SELECT pg_temp.recv('nps_state', overlay(nps_state_send('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1'::nps_state) placing '\xffffffff'::bytea from 5 for 4)) r) x$q$);

SELECT n, function, input, pg_temp.outcome(query) AS outcome FROM nps_cases ORDER BY n;

-- Every error above is of class 22, or 0A000 for a support function called outside an aggregate;
-- and 08P01 for binary input of the wrong length (PostgreSQL's message reader raises it for every
-- type's receive function, built-in types included).
SELECT function, input, pg_temp.outcome(query) AS outcome
FROM nps_cases
WHERE pg_temp.outcome(query) LIKE 'ERROR%' AND pg_temp.outcome(query) NOT LIKE 'ERROR 22%'
  AND function NOT LIKE 'cf\_%'
  AND NOT (function LIKE '%\_recv(internal)' AND pg_temp.outcome(query) = 'ERROR 08P01');

-- Regression tests of bugs the fuzzer found (the crash reproducers of test/fuzz/corpus/fuzz_nps_parse.txt).
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
