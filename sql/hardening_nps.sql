-- Bad input to the NPS family (issue 7): every SQL-callable function tried
-- with NULL, empty, zero, negative, NaN, +-Infinity, huge values and malformed
-- text.  Each case gives a documented result or an error of SQLSTATE class 22
-- (doc/hardening.md points to this table).  Also the regression tests of the bugs
-- the fuzzer found (the crash reproducers of test/fuzz/corpus/fuzz_nps_parse.txt).
SET extra_float_digits = 0;

-- outcome(query [, setting]) and recv(type, bytes): test/regress/hardening_helpers.sql.
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/hardening_helpers.sql

CREATE TEMP TABLE nps_cases (n serial, function text, input text, query text);
-- Samples on the scale 1..5 (promoters 4-5, detractors 1-2): :two one response at each end,
-- :none no responses, :ramp counts 1,2,3,4,5, :fives five promoters, :max 2^63 - 1 detractors;
-- on 0..10 (promoters 9-10, detractors 0-6): :none10 no responses, :two10 one at each end.
INSERT INTO samples VALUES
('two', $$'v2;scale=1..5;promoter_min=4;detractor_max=2;counts=1,0,0,0,1'::nps_state$$),
('none', $$'v2;scale=1..5;promoter_min=4;detractor_max=2;counts=0,0,0,0,0'::nps_state$$),
('ramp', $$'v2;scale=1..5;promoter_min=4;detractor_max=2;counts=1,2,3,4,5'::nps_state$$),
('fives', $$'v2;scale=1..5;promoter_min=4;detractor_max=2;counts=0,0,0,0,5'::nps_state$$),
('max', $$'v2;scale=1..5;promoter_min=4;detractor_max=2;counts=9223372036854775807,0,0,0,0'::nps_state$$),
('none10', $$'v2;scale=0..10;promoter_min=9;detractor_max=6;counts=0,0,0,0,0,0,0,0,0,0,0'::nps_state$$),
('two10', $$'v2;scale=0..10;promoter_min=9;detractor_max=6;counts=1,0,0,0,0,0,0,0,0,0,1'::nps_state$$);
-- aggregates over scores
INSERT INTO nps_cases (function, input, query) SELECT 'nps(integer)', * FROM (VALUES
('no rows', $$nps(s) FROM unnest('{}'::int[]) s$$),
('only NULL scores', $$nps(s) FROM unnest('{NULL,NULL}'::int[]) s$$),
('NULL among scores', $$round(nps(s)::numeric, 4) FROM unnest('{10,NULL,0}'::int[]) s$$),
('all zero', $$nps(s) FROM unnest('{0,0,0}'::int[]) s$$),
('score -1', $$nps(s) FROM unnest('{-1}'::int[]) s$$),
('score 11', $$nps(s) FROM unnest('{11}'::int[]) s$$),
('score 2147483647', $$nps(s) FROM unnest('{2147483647}'::int[]) s$$),
('score -2147483648', $$nps(s) FROM unnest('{-2147483648}'::int[]) s$$)) v;
INSERT INTO nps_cases (function, input, query) SELECT 'csat(integer)', * FROM (VALUES
('score 0 (scale 1-5)', $$csat(s) FROM unnest('{0}'::int[]) s$$),
('score 6 (scale 1-5)', $$csat(s) FROM unnest('{6}'::int[]) s$$)) v;
INSERT INTO nps_cases (function, input, query) SELECT 'ces(integer)', * FROM (VALUES
('score 8 (scale 1-7)', $$ces(s) FROM unnest('{8}'::int[]) s$$),
('scores 1 and 7', $$ces(s) FROM unnest('{1,7}'::int[]) s$$)) v;
-- custom scales
INSERT INTO nps_cases (function, input, query) SELECT 'score_agg(integer,integer,integer,integer,integer)', * FROM (VALUES
('NULL scale argument', $$score_agg(s, NULL, 10, 9, 6)::text FROM unnest('{1}'::int[]) s$$),
('NULL score, NULL scale', $$score_agg(s, NULL, NULL, NULL, NULL)::text FROM unnest('{NULL}'::int[]) s$$),
('min = max', $$score_agg(s, 5, 5, 5, 5)::text FROM unnest('{5}'::int[]) s$$),
('min > max', $$score_agg(s, 10, 0, 9, 6)::text FROM unnest('{5}'::int[]) s$$),
('102 points', $$score_agg(s, 0, 101, 90, 60)::text FROM unnest('{5}'::int[]) s$$),
('bound 10001', $$score_agg(s, 9950, 10001, 10000, 9960)::text FROM unnest('{9999}'::int[]) s$$),
('bound -2147483648', $$score_agg(s, -2147483648, 10, 9, 6)::text FROM unnest('{5}'::int[]) s$$),
('detractor_max = promoter_min', $$score_agg(s, 0, 10, 6, 6)::text FROM unnest('{5}'::int[]) s$$),
('promoter_min off the scale', $$score_agg(s, 0, 10, 11, 6)::text FROM unnest('{5}'::int[]) s$$),
('scale changes within a group', $$score_agg(s, 0, s + 10, 9, 6)::text FROM unnest('{1,2}'::int[]) s$$),
('negative scale -3..3', $$score_agg(s, -3, 3, 2, -1)::text FROM unnest('{-3,3}'::int[]) s$$)) v;
-- text input of nps_state
INSERT INTO nps_cases (function, input, query) SELECT 'nps_state_in(cstring)', * FROM (VALUES
('empty text', $$''::nps_state::text$$),
('version v4', $$'v4;scale=0..10;promoter_min=9;detractor_max=6;skipped=0;counts=0,0,0,0,0,0,0,0,0,0,0'::nps_state::text$$),
('the released 1.0 form (v1, fields separated by spaces)', $$'v1 scale=0..10 promoter_min=9 detractor_max=6 counts=2,0,0,0,0,1,1,1,1,1,3'::nps_state::text$$),
('the 1.0 form with the new separator (v1;)', $$'v1;scale=0..10;promoter_min=9;detractor_max=6;counts=2,0,0,0,0,1,1,1,1,1,3'::nps_state::text$$),
('v2 with spaces', $$'v2 scale=0..10 promoter_min=9 detractor_max=6 counts=2,0,0,0,0,1,1,1,1,1,3'::nps_state::text$$),
('an empty field (;;)', $$'v2;;scale=0..10;promoter_min=9;detractor_max=6;counts=2,0,0,0,0,1,1,1,1,1,3'::nps_state::text$$),
('fields out of order', $$'v2;promoter_min=9;scale=0..10;detractor_max=6;counts=2,0,0,0,0,1,1,1,1,1,3'::nps_state::text$$),
('a trailing ;', $$'v2;scale=0..10;promoter_min=9;detractor_max=6;counts=2,0,0,0,0,1,1,1,1,1,3;'::nps_state::text$$),
('an unterminated quote', $$'v2;scale=0..10;promoter_min=9;detractor_max=6;counts=2,0,0,0,0,1,1,1,1,1,3"'::nps_state::text$$),
('garbage', $$'hello'::nps_state::text$$),
('too few counts', $$'v2;scale=0..10;promoter_min=9;detractor_max=6;counts=1,2'::nps_state::text$$),
('too many counts', $$'v2;scale=1..5;promoter_min=4;detractor_max=2;counts=1,2,3,4,5,6'::nps_state::text$$),
('negative count', $$'v2;scale=1..5;promoter_min=4;detractor_max=2;counts=1,-2,3,4,5'::nps_state::text$$),
('count 2^63', $$'v2;scale=1..5;promoter_min=4;detractor_max=2;counts=9223372036854775808,0,0,0,0'::nps_state::text$$),
('count 2^63 - 1', $$response_count('v2;scale=1..5;promoter_min=4;detractor_max=2;counts=9223372036854775807,0,0,0,0'::nps_state)::text$$),
('count NaN', $$'v2;scale=1..5;promoter_min=4;detractor_max=2;counts=NaN,0,0,0,0'::nps_state::text$$),
('count 1.5', $$'v2;scale=1..5;promoter_min=4;detractor_max=2;counts=1.5,0,0,0,0'::nps_state::text$$),
('count 1e3', $$'v2;scale=1..5;promoter_min=4;detractor_max=2;counts=1e3,0,0,0,0'::nps_state::text$$),
('inverted thresholds', $$'v2;scale=1..5;promoter_min=2;detractor_max=4;counts=0,0,0,0,0'::nps_state::text$$),
('scale bound 10001', $$'v2;scale=10000..10001;promoter_min=10001;detractor_max=10000;counts=0,0'::nps_state::text$$),
('trailing text', $$'v2;scale=1..5;promoter_min=4;detractor_max=2;counts=0,0,0,0,0;x'::nps_state::text$$),
('v3 with skipped', $$'v3;scale=0..10;promoter_min=9;detractor_max=6;skipped=2;counts=0,0,0,0,0,0,0,0,0,0,0'::nps_state::text$$),
('v3 without skipped', $$'v3;scale=0..10;promoter_min=9;detractor_max=6;counts=0,0,0,0,0,0,0,0,0,0,0'::nps_state::text$$),
('v3 skipped -1', $$'v3;scale=0..10;promoter_min=9;detractor_max=6;skipped=-1;counts=0,0,0,0,0,0,0,0,0,0,0'::nps_state::text$$),
('v3 skipped 2^63', $$'v3;scale=0..10;promoter_min=9;detractor_max=6;skipped=9223372036854775808;counts=0,0,0,0,0,0,0,0,0,0,0'::nps_state::text$$),
('v2 with skipped', $$'v2;scale=0..10;promoter_min=9;detractor_max=6;skipped=2;counts=0,0,0,0,0,0,0,0,0,0,0'::nps_state::text$$),
('v3 skipped after counts', $$'v3;scale=0..10;promoter_min=9;detractor_max=6;counts=0,0,0,0,0,0,0,0,0,0,0;skipped=2'::nps_state::text$$),
('spaces and signs (1.0 tolerated them; refused since 1.1)', $$' v1  scale=+1..+5 promoter_min=4 detractor_max=2 counts=0,0,0,0,1 '::nps_state::text$$)) v;
-- accessors
INSERT INTO nps_cases (function, input, query) SELECT 'nps(nps_state)', * FROM (VALUES
('NULL', $$nps(NULL::nps_state)$$),
('no responses', $$nps(:none10)$$)) v;
INSERT INTO nps_cases (function, input, query) SELECT 'response_count(nps_state)', * FROM (VALUES
('no responses', $$response_count(:none10)$$)) v;
INSERT INTO nps_cases (function, input, query) SELECT 'promoter_share(nps_state)', * FROM (VALUES
('no responses', $$promoter_share(:none)$$)) v;
INSERT INTO nps_cases (function, input, query) SELECT 'mean_score(nps_state)', * FROM (VALUES
('no responses', $$mean_score(:none)$$)) v;
INSERT INTO nps_cases (function, input, query) SELECT 'score_counts(nps_state)', * FROM (VALUES
('no responses', $$score_counts(:none)$$)) v;
INSERT INTO nps_cases (function, input, query) SELECT 'nps_moe(nps_state,float8)', * FROM (VALUES
('confidence NULL', $$nps_moe(:two, NULL)$$),
('confidence 0', $$nps_moe(:two, 0)$$),
('confidence 1', $$nps_moe(:two, 1)$$),
('confidence -0.5', $$nps_moe(:two, -0.5)$$),
('confidence NaN', $$nps_moe(:two, 'NaN')$$),
('confidence Infinity', $$nps_moe(:two, 'Infinity')$$),
('confidence -Infinity', $$nps_moe(:two, '-Infinity')$$),
('confidence 1e-300', $$round(nps_moe(:two, 1e-300)::numeric, 6)$$),
('no responses', $$nps_moe(:none)$$)) v;
INSERT INTO nps_cases (function, input, query) SELECT 'nps_ci(nps_state,float8)', * FROM (VALUES
('confidence NaN', $$nps_ci(:two, 'NaN')::text$$),
('all promoters', $$nps_ci(:fives)::text$$)) v;
INSERT INTO nps_cases (function, input, query) SELECT 'nps_compare(nps_state,nps_state)', * FROM (VALUES
('different scales', $$nps_compare(:two, :two10)::text$$),
('one side empty', $$nps_compare(:two, :none)::text$$),
('no spread, equal', $$nps_compare('v2;scale=1..5;promoter_min=4;detractor_max=2;counts=0,0,0,0,3'::nps_state, :fives)::text$$),
('no spread, different', $$nps_compare('v2;scale=1..5;promoter_min=4;detractor_max=2;counts=3,0,0,0,0'::nps_state, :fives)::text$$)) v;
INSERT INTO nps_cases (function, input, query) SELECT 'nps_moe(nps_state,float8,text)', * FROM (VALUES
('method NULL', $$nps_moe(:two, 0.95, NULL)$$),
('method unknown', $$nps_moe(:two, 0.95, 'agresti')$$),
('method in capitals', $$nps_moe(:two, 0.95, 'WALD')$$),
('method empty', $$nps_moe(:two, 0.95, '')$$),
('confidence 1', $$nps_moe(:two, 1, 'adjusted_wald')$$),
('confidence NaN', $$nps_moe(:two, 'NaN', 'adjusted_wald')$$),
('no responses', $$nps_moe(:none, 0.95, 'adjusted_wald')$$)) v;
INSERT INTO nps_cases (function, input, query) SELECT 'nps_ci(nps_state,float8,text)', * FROM (VALUES
('method unknown', $$nps_ci(:two, 0.95, 'wilson')::text$$),
('confidence 0', $$nps_ci(:two, 0, 'wald')::text$$),
('all promoters, Wald: zero width', $$nps_ci(:fives, 0.95, 'wald')::text$$),
('all promoters, adjusted Wald: below 100', $$round((nps_ci(:fives, 0.95, 'adjusted_wald')).lower::numeric, 4)$$),
('no responses', $$nps_ci(:none, 0.95, 'adjusted_wald')::text$$)) v;
INSERT INTO nps_cases (function, input, query) SELECT 'top_box_ci(nps_state,float8,text)', * FROM (VALUES
('share unknown', $$top_box_ci(:two, 0.95, 'top2')::text$$),
('share NULL', $$top_box_ci(:two, 0.95, NULL)::text$$),
('confidence -Infinity', $$top_box_ci(:two, '-Infinity')::text$$),
('all promoters: upper 1', $$(top_box_ci(:fives)).upper$$),
('no detractors: lower 0', $$(top_box_ci(:fives, 0.95, 'detractors')).lower$$),
('no responses', $$top_box_ci(:none)::text$$)) v;
INSERT INTO nps_cases (function, input, query) SELECT 'skipped_count(nps_state)', * FROM (VALUES
('v3 text', $$skipped_count('v3;scale=1..5;promoter_min=4;detractor_max=2;skipped=9223372036854775807;counts=0,0,0,0,0'::nps_state)$$),
('v2 text: unknown', $$skipped_count(:two)$$),
('only NULL scores', $$skipped_count(nps_agg(s)) FROM unnest('{NULL,NULL}'::int[]) s$$),
('NULL', $$skipped_count(NULL::nps_state)$$)) v;
INSERT INTO nps_cases (function, input, query) SELECT 'answer_share(nps_state)', * FROM (VALUES
('no rows at all', $$answer_share('v3;scale=1..5;promoter_min=4;detractor_max=2;skipped=0;counts=0,0,0,0,0'::nps_state)$$),
('only skipped', $$answer_share('v3;scale=1..5;promoter_min=4;detractor_max=2;skipped=3;counts=0,0,0,0,0'::nps_state)$$),
('v2 text: unknown', $$answer_share(:two)$$),
('2 of 3', $$answer_share(nps_agg(s)) = 2 / 3.0::float8 FROM unnest('{1,NULL,10}'::int[]) s$$)) v;
INSERT INTO nps_cases (function, input, query) SELECT 'small_cell_suppress(nps_state,integer)', * FROM (VALUES
('min_n -1', $$small_cell_suppress(:two, -1)::text$$),
('min_n NULL', $$small_cell_suppress(:two, NULL)::text$$),
('min_n 0, no responses', $$small_cell_suppress(:none, 0)::text$$),
('min_n 2147483647', $$small_cell_suppress(:max, 2147483647) IS NOT NULL$$)) v;
INSERT INTO nps_cases (function, input, query) SELECT 'nps_compare(nps_state,nps_state,text)', * FROM (VALUES
('method unknown', $$nps_compare(:two, :ramp, 'bootstrap')::text$$),
('different scales', $$nps_compare(:two, :two10, 'adjusted_wald')::text$$),
('one side empty', $$nps_compare(:two, :none, 'adjusted_wald')::text$$),
('no spread, different', $$round((nps_compare('v2;scale=1..5;promoter_min=4;detractor_max=2;counts=3,0,0,0,0'::nps_state, :fives, 'adjusted_wald')).z::numeric, 4)$$)) v;
INSERT INTO nps_cases (function, input, query) SELECT 'nps_compare(nps_state,float8,text)', * FROM (VALUES
('benchmark 101', $$nps_compare(:two, 101, 'wald')::text$$),
('benchmark NaN', $$nps_compare(:two, 'NaN'::float8, 'wald')::text$$),
('benchmark -Infinity', $$nps_compare(:two, '-Infinity'::float8, 'adjusted_wald')::text$$),
('method unknown', $$nps_compare(:two, 32, 'z')::text$$),
('no spread, Wald, equal to the benchmark', $$nps_compare(:fives, 100, 'wald')::text$$),
('no responses', $$nps_compare(:none, 0, 'wald')::text$$)) v;
INSERT INTO nps_cases (function, input, query) SELECT 'nps_shift(nps_state,nps_state,float8)', * FROM (VALUES
('confidence 1', $$nps_shift(:two, :ramp, 1)$$),
('confidence NaN', $$nps_shift(:two, :ramp, 'NaN')$$),
('different scales', $$nps_shift(:two, :two10)$$),
('no responses', $$nps_shift(:none, :ramp)$$)) v;
INSERT INTO nps_cases (function, input, query) SELECT 'nps_trend(nps_state,integer)', * FROM (VALUES
('no rows', $$nps_trend(s, p)::text FROM (SELECT :two, 1 WHERE false) v(s, p)$$),
('one period', $$nps_trend(s, p)::text FROM (VALUES (:two, 1), (:ramp, 1)) v(s, p)$$),
('NULL states and periods only', $$nps_trend(s, p)::text FROM (VALUES (NULL::nps_state, 1), (:two, NULL)) v(s, p)$$),
('periods without answers', $$nps_trend(s, p)::text FROM (VALUES (:none, 1), (:none, 2)) v(s, p)$$),
('different scales', $$nps_trend(s, p)::text FROM (VALUES (:two, 1), (:two10, 2)) v(s, p)$$),
('period -2147483648 and 2147483647', $$(nps_trend(s, p)).df FROM (VALUES (:two, -2147483648), (:ramp, 2147483647)) v(s, p)$$),
('count overflow in a period', $$nps_trend(s, p)::text FROM (VALUES (:max, 1), (:max, 1), (:two, 2)) v(s, p)$$),
('one answer per period: no standard error', $$nps_trend(s, p)::text FROM (VALUES ('v2;scale=1..5;promoter_min=4;detractor_max=2;counts=1,0,0,0,0'::nps_state, 1), ('v2;scale=1..5;promoter_min=4;detractor_max=2;counts=0,0,0,0,1'::nps_state, 2)) v(s, p)$$),
('every answer on the line', $$nps_trend(s, p)::text FROM (VALUES ('v2;scale=1..5;promoter_min=4;detractor_max=2;counts=2,0,0,0,0'::nps_state, 1), ('v2;scale=1..5;promoter_min=4;detractor_max=2;counts=0,0,2,0,0'::nps_state, 2), ('v2;scale=1..5;promoter_min=4;detractor_max=2;counts=0,0,0,0,2'::nps_state, 3)) v(s, p)$$)) v;
INSERT INTO nps_cases (function, input, query) SELECT 'score_distribution(nps_state,integer)', * FROM (VALUES
('width -1', $$count(*) FROM score_distribution(:two, -1)$$),
('width 0', $$string_agg(bar, '|') FROM score_distribution(:two, 0)$$),
('width 1001', $$count(*) FROM score_distribution(:two, 1001)$$),
('width NULL', $$count(*) FROM score_distribution(:two, NULL)$$),
('no responses', $$string_agg(coalesce(share::text, 'NULL'), ',') FROM score_distribution(:none)$$)) v;
INSERT INTO nps_cases (function, input, query) SELECT 'rollup(nps_state)', * FROM (VALUES
('different scales', $$rollup(s)::text FROM (VALUES (:two), ('v2;scale=1..7;promoter_min=5;detractor_max=3;counts=1,0,0,0,0,0,1')) v(s)$$),
('count overflow in a bucket', $$rollup(s)::text FROM (VALUES (:max), ('v2;scale=1..5;promoter_min=4;detractor_max=2;counts=1,0,0,0,0')) v(s)$$),
('only NULLs', $$rollup(s)::text FROM (VALUES (NULL::nps_state), (NULL)) v(s)$$)) v;
INSERT INTO nps_cases (function, input, query) SELECT 'cf_nps_trans(nps_state,integer)', * FROM (VALUES
('called directly', $$cf_nps_trans(NULL, 5)::text$$)) v;

-- the other accessors and aggregates; counts 1,2,3,4,5 on 1..5: 4 + 5 = 9 promoters, 3 passives,
-- 1 + 2 = 3 detractors of 15; CSAT = share of 4 and 5 = 60 %; CES = mean = (1 + 4 + 9 + 16 + 25) / 15 = 55/15
INSERT INTO nps_cases (function, input, query) SELECT 'promoter_count(nps_state)', * FROM (VALUES
('counts 1,2,3,4,5', $$promoter_count(:ramp)$$)) v;
INSERT INTO nps_cases (function, input, query) SELECT 'passive_count(nps_state)', * FROM (VALUES
('counts 1,2,3,4,5', $$passive_count(:ramp)$$)) v;
INSERT INTO nps_cases (function, input, query) SELECT 'detractor_count(nps_state)', * FROM (VALUES
('counts 1,2,3,4,5', $$detractor_count(:ramp)$$)) v;
INSERT INTO nps_cases (function, input, query) SELECT 'promoter_count(nps_state)', * FROM (VALUES
('NULL', $$promoter_count(NULL::nps_state)$$)) v;
INSERT INTO nps_cases (function, input, query) SELECT 'passive_share(nps_state)', * FROM (VALUES
('no responses', $$passive_share(:none)$$)) v;
INSERT INTO nps_cases (function, input, query) SELECT 'detractor_share(nps_state)', * FROM (VALUES
('counts 1,2,3,4,5', $$detractor_share(:ramp) = 3 / 15.0::float8$$)) v;
INSERT INTO nps_cases (function, input, query) SELECT 'csat(nps_state)', * FROM (VALUES
('counts 1,2,3,4,5', $$csat(:ramp)$$),
('no responses', $$csat(:none)$$)) v;
INSERT INTO nps_cases (function, input, query) SELECT 'ces(nps_state)', * FROM (VALUES
('counts 1,2,3,4,5', $$ces(:ramp) = 55 / 15.0::float8$$),
('no responses', $$ces(:none)$$)) v;
INSERT INTO nps_cases (function, input, query) SELECT 'nps_agg(integer)', * FROM (VALUES
('score 11', $$nps_agg(s)::text FROM unnest('{11}'::int[]) s$$),
('no rows', $$nps_agg(s)::text FROM unnest('{}'::int[]) s$$),
('moving window, score 11 in the frame', $$string_agg(nps(a)::text, ' ') FROM (SELECT nps_agg(s) OVER (ORDER BY i ROWS 1 PRECEDING) a FROM unnest('{10,0,11}'::int[]) WITH ORDINALITY u(s, i)) w$$),
('moving window', $$string_agg(nps(a)::text, ' ' ORDER BY i) FROM (SELECT i, nps_agg(s) OVER (ORDER BY i ROWS 1 PRECEDING) a FROM unnest('{10,0,NULL,7}'::int[]) WITH ORDINALITY u(s, i)) w$$)) v;
INSERT INTO nps_cases (function, input, query) SELECT 'csat_agg(integer)', * FROM (VALUES
('score 0 (scale 1-5)', $$csat_agg(s)::text FROM unnest('{0}'::int[]) s$$),
('moving window', $$string_agg(csat(a)::text, ' ' ORDER BY i) FROM (SELECT i, csat_agg(s) OVER (ORDER BY i ROWS 1 PRECEDING) a FROM unnest('{5,1,4}'::int[]) WITH ORDINALITY u(s, i)) w$$)) v;
INSERT INTO nps_cases (function, input, query) SELECT 'ces_agg(integer)', * FROM (VALUES
('score -2147483648', $$ces_agg(s)::text FROM unnest('{-2147483648}'::int[]) s$$),
('moving window', $$string_agg(ces(a)::text, ' ' ORDER BY i) FROM (SELECT i, ces_agg(s) OVER (ORDER BY i ROWS 1 PRECEDING) a FROM unnest('{1,7,4}'::int[]) WITH ORDINALITY u(s, i)) w$$)) v;
INSERT INTO nps_cases (function, input, query) SELECT 'score_agg(integer,integer,integer,integer,integer)', * FROM (VALUES
('moving window', $$string_agg(response_count(a)::text, ' ' ORDER BY i) FROM (SELECT i, score_agg(s, 0, 3, 3, 1) OVER (ORDER BY i ROWS 1 PRECEDING) a FROM unnest('{0,3,NULL}'::int[]) WITH ORDINALITY u(s, i)) w$$)) v;

-- text input of nps_trend_state
INSERT INTO nps_cases (function, input, query) SELECT 'nps_trend_state_in(cstring)', * FROM (VALUES
('no periods', $$'v1;scale=0..10;promoter_min=9;detractor_max=6'::nps_trend_state::text$$),
('two periods', $$'v1;scale=0..10;promoter_min=9;detractor_max=6;period=-3:1,2,3;period=7:0,0,1'::nps_trend_state::text$$),
('empty text', $$''::nps_trend_state::text$$),
('version v2', $$'v2;scale=0..10;promoter_min=9;detractor_max=6'::nps_trend_state::text$$),
('spaces for separators', $$'v1 scale=0..10 promoter_min=9 detractor_max=6'::nps_trend_state::text$$),
('an empty field (;;)', $$'v1;scale=0..10;;promoter_min=9;detractor_max=6'::nps_trend_state::text$$),
('fields out of order', $$'v1;promoter_min=9;scale=0..10;detractor_max=6'::nps_trend_state::text$$),
('a trailing ;', $$'v1;scale=0..10;promoter_min=9;detractor_max=6;period=1:1,1,1;'::nps_trend_state::text$$),
('an unterminated quote', $$'v1;scale=0..10;promoter_min=9;detractor_max=6;period=1:1,1,1"'::nps_trend_state::text$$),
('periods out of order', $$'v1;scale=0..10;promoter_min=9;detractor_max=6;period=2:1,1,1;period=1:1,1,1'::nps_trend_state::text$$),
('a period twice', $$'v1;scale=0..10;promoter_min=9;detractor_max=6;period=1:1,1,1;period=1:1,1,1'::nps_trend_state::text$$),
('period 2147483648', $$'v1;scale=0..10;promoter_min=9;detractor_max=6;period=2147483648:1,1,1'::nps_trend_state::text$$),
('negative count', $$'v1;scale=0..10;promoter_min=9;detractor_max=6;period=1:1,-1,1'::nps_trend_state::text$$),
('two counts', $$'v1;scale=0..10;promoter_min=9;detractor_max=6;period=1:1,1'::nps_trend_state::text$$),
('a period total of 2^63', $$'v1;scale=0..10;promoter_min=9;detractor_max=6;period=1:9223372036854775807,1,0'::nps_trend_state::text$$),
('inverted thresholds', $$'v1;scale=0..10;promoter_min=6;detractor_max=9'::nps_trend_state::text$$),
('another key', $$'v1;scale=0..10;promoter_min=9;detractor_max=6;counts=1,1,1'::nps_trend_state::text$$)) v;
INSERT INTO nps_cases (function, input, query) SELECT 'nps_trend_state_send(nps_trend_state)', * FROM (VALUES
('NULL', $$nps_trend_state_send(NULL::nps_trend_state)$$)) v;
INSERT INTO nps_cases (function, input, query) SELECT 'nps_trend_state_recv(internal)', * FROM (VALUES
('the bytes of send', $$pg_temp.recv('nps_trend_state', nps_trend_state_send('v1;scale=1..5;promoter_min=4;detractor_max=2;period=1:1,2,3;period=4:5,0,0'))$$),
('no bytes', $$pg_temp.recv('nps_trend_state', '\x')$$),
('last byte missing', $$pg_temp.recv('nps_trend_state', pg_temp.chop(nps_trend_state_send('v1;scale=1..5;promoter_min=4;detractor_max=2;period=1:1,2,3')))$$),
('first byte 0xff', $$pg_temp.recv('nps_trend_state', pg_temp.poke(nps_trend_state_send('v1;scale=1..5;promoter_min=4;detractor_max=2;period=1:1,2,3'), 1, '\xff'))$$),
('period count 0x7fffffff', $$pg_temp.recv('nps_trend_state', pg_temp.poke(nps_trend_state_send('v1;scale=1..5;promoter_min=4;detractor_max=2;period=1:1,2,3'), 11, '\x7fffffff'))$$),
('periods out of order', $$pg_temp.recv_any('nps_trend_state', pg_temp.poke(nps_trend_state_send('v1;scale=1..5;promoter_min=4;detractor_max=2;period=1:1,2,3;period=4:5,0,0'), 43, '\x00000000'))$$)) v;

-- binary input: the receive functions read bytes given through COPY (FORMAT binary)
INSERT INTO nps_cases (function, input, query) SELECT 'nps_state_send(nps_state)', * FROM (VALUES
('NULL', $$nps_state_send(NULL::nps_state)$$)) v;
INSERT INTO nps_cases (function, input, query) SELECT 'nps_state_recv(internal)', * FROM (VALUES
('the bytes of send', $$pg_temp.recv('nps_state', nps_state_send(:two))$$),
('no bytes', $$pg_temp.recv('nps_state', '\x')$$),
('last byte missing', $$pg_temp.recv('nps_state', pg_temp.chop(nps_state_send(:two)))$$),
('a byte too many', $$pg_temp.recv('nps_state', nps_state_send(:two) || '\x00'::bytea)$$),
('the bytes 1.0 sent (format 1)', $$pg_temp.recv('nps_state', '\x00010001000500040002'::bytea || int8send(1) || int8send(0) || int8send(0) || int8send(0) || int8send(1))$$),
('format 1 with a skipped count (a byte too many)', $$pg_temp.recv('nps_state', '\x00010001000500040002'::bytea || int8send(3) || int8send(1) || int8send(0) || int8send(0) || int8send(0) || int8send(1))$$),
('format 2, skipped -2', $$pg_temp.recv('nps_state', pg_temp.poke(nps_state_send(:two), 11, int8send(-2)))$$),
('first byte 0xff', $$pg_temp.recv('nps_state', pg_temp.poke(nps_state_send(:two), 1, '\xff'))$$),
('bytes 5-8 0xff', $$pg_temp.recv_any('nps_state', pg_temp.poke(nps_state_send(:two), 5, '\xffffffff'))$$)) v;

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
SELECT pg_temp.outcome($q$SELECT response_count('v2;scale=0..10;promoter_min=9;detractor_max=6;counts=9223372036854775807,0,0,0,0,0,0,0,0,0,9223372036854775807'::nps_state)$q$) LIKE 'ERROR 22%' AS total_overflow_refused,
       pg_temp.outcome($q$SELECT nps('v2;scale=0..10;promoter_min=9;detractor_max=6;counts=9223372036854775807,0,0,0,0,0,0,0,0,0,9223372036854775807'::nps_state)$q$) LIKE 'ERROR 22%' AS nps_of_total_overflow_refused;
-- The same total reached by rollup() of two sound states.
SELECT pg_temp.outcome($q$SELECT response_count(rollup(s)) FROM (VALUES ('v2;scale=0..10;promoter_min=9;detractor_max=6;counts=9223372036854775807,0,0,0,0,0,0,0,0,0,0'::nps_state), ('v2;scale=0..10;promoter_min=9;detractor_max=6;counts=0,0,0,0,0,0,0,0,0,0,9223372036854775807')) v(s)$q$) LIKE 'ERROR 22%' AS rollup_total_overflow_refused;
-- 2. The net score stays within [-100, 100] for large counts (it gave
--    100.00000000000001: 100.0 * (p - d) / n rounds up when 100 * n > 2^53).
SELECT nps('v2;scale=1..5;promoter_min=3;detractor_max=2;counts=0,0,0,0,372036854775807'::nps_state) <= 100 AS nps_at_most_100,
       nps('v2;scale=1..5;promoter_min=4;detractor_max=2;counts=1,2,3,7017579225649512452,4023660'::nps_state) <= 100 AS nps_at_most_100_huge,
       nps('v2;scale=1..5;promoter_min=3;detractor_max=2;counts=372036854775807,0,0,0,0'::nps_state) >= -100 AS nps_at_least_minus_100;

DROP TABLE nps_cases;
