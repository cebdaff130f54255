-- Bad input to the weighted score states (issue 18 item 4): every SQL-callable function tried
-- with NULL, empty, zero, negative, NaN, +-Infinity, huge and tiny values and malformed text.
-- Each case gives a documented result or an error of SQLSTATE class 22 (doc/hardening.md).
SET extra_float_digits = 0;

-- outcome(query [, setting]) and recv(type, bytes): test/regress/hardening_helpers.sql.
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/hardening_helpers.sql

CREATE TEMP TABLE weighted_cases (n serial, function text, input text, query text);
-- Samples on the scale 1..5 (promoters 4-5, detractors 1-2): :wnone no answers, :wzero two answers
-- of weight 0, :wramp weights 1, 3, 2, 4 on scores 1, 2, 4, 5 (6 answers) and 0.5 skipped,
-- :wmax 2^63 - 2 answers of weight 9e118 in all and one of 1e-100; on 0..10: :wnps one detractor
-- of weight 1 and one promoter of weight 3.
INSERT INTO samples VALUES
('wnone', $$'v1;scale=1..5;promoter_min=4;detractor_max=2;skipped=0:0'::nps_weighted_state$$),
('wzero', $$'v1;scale=1..5;promoter_min=4;detractor_max=2;skipped=0:0;score=3:2:0:0'::nps_weighted_state$$),
('wramp', $$'v1;scale=1..5;promoter_min=4;detractor_max=2;skipped=1:0.5;score=1:1:1:1;score=2:2:3:4.5;score=4:1:2:4;score=5:2:4:8'::nps_weighted_state$$),
('wmax', $$'v1;scale=1..5;promoter_min=4;detractor_max=2;skipped=0:0;score=1:9223372036854775806:9e118:8.1e237;score=5:1:1e-100:1e-200'::nps_weighted_state$$),
('wnps', $$'v1;scale=0..10;promoter_min=9;detractor_max=6;skipped=0:0;score=0:1:1:1;score=10:1:3:9'::nps_weighted_state$$);
-- aggregates over scores and weights
INSERT INTO weighted_cases (function, input, query) SELECT 'nps_agg(integer,double precision)', * FROM (VALUES
('no rows', $$nps_agg(s, 1)::text FROM unnest('{}'::int[]) s$$),
('only NULL scores', $$nps_agg(s, 2)::text FROM unnest('{NULL,NULL}'::int[]) s$$),
('weight -1', $$nps_agg(s, -1)::text FROM unnest('{9}'::int[]) s$$),
('weight -0', $$nps_agg(s, '-0')::text FROM unnest('{9}'::int[]) s$$),
('weight NaN', $$nps_agg(s, 'NaN')::text FROM unnest('{9}'::int[]) s$$),
('weight Infinity', $$nps_agg(s, 'Infinity')::text FROM unnest('{9}'::int[]) s$$),
('weight -Infinity', $$nps_agg(s, '-Infinity')::text FROM unnest('{9}'::int[]) s$$),
('weight NULL', $$nps_agg(s, NULL)::text FROM unnest('{9}'::int[]) s$$),
('weight NULL with a NULL score', $$nps_agg(s, NULL)::text FROM unnest('{NULL}'::int[]) s$$),
('weight NaN with a NULL score', $$nps_agg(s, 'NaN')::text FROM unnest('{NULL}'::int[]) s$$),
('weight 1e-100 (smallest)', $$nps_agg(s, 1e-100)::text FROM unnest('{9}'::int[]) s$$),
('weight 1e100 (largest)', $$nps_agg(s, 1e100)::text FROM unnest('{9}'::int[]) s$$),
('weight 9.9e-101', $$nps_agg(s, 9.9e-101)::text FROM unnest('{9}'::int[]) s$$),
('weight 1.01e100', $$nps_agg(s, 1.01e100)::text FROM unnest('{9}'::int[]) s$$),
('weight 5e-324 (subnormal)', $$nps_agg(s, 5e-324)::text FROM unnest('{9}'::int[]) s$$),
('weight 1.7976931348623157e308', $$nps_agg(s, 1.7976931348623157e308)::text FROM unnest('{9}'::int[]) s$$),
('score -1', $$nps_agg(s, 1)::text FROM unnest('{-1}'::int[]) s$$),
('score 11', $$nps_agg(s, 1)::text FROM unnest('{11}'::int[]) s$$),
('score 2147483647', $$nps_agg(s, 1)::text FROM unnest('{2147483647}'::int[]) s$$)) v;
INSERT INTO weighted_cases (function, input, query) SELECT 'nps(integer,double precision)', * FROM (VALUES
('no rows', $$nps(s, 1) FROM unnest('{}'::int[]) s$$),
('all weights 0', $$nps(s, 0) FROM unnest('{10,0}'::int[]) s$$),
('weights 1e100 and 1e-100', $$nps(s, CASE s WHEN 10 THEN 1e100 ELSE 1e-100 END) FROM unnest('{10,0}'::int[]) s$$),
('weight -1', $$nps(s, -1) FROM unnest('{9}'::int[]) s$$)) v;
INSERT INTO weighted_cases (function, input, query) SELECT 'csat_agg(integer,double precision)', * FROM (VALUES
('score 0 (scale 1-5)', $$csat_agg(s, 1)::text FROM unnest('{0}'::int[]) s$$),
('score 6 (scale 1-5)', $$csat_agg(s, 1)::text FROM unnest('{6}'::int[]) s$$)) v;
INSERT INTO weighted_cases (function, input, query) SELECT 'csat(integer,double precision)', * FROM (VALUES
('scores 4 and 1, weights 3 and 1', $$csat(s, CASE s WHEN 4 THEN 3 ELSE 1 END) FROM unnest('{4,1}'::int[]) s$$),
('weight NaN', $$csat(s, 'NaN') FROM unnest('{4}'::int[]) s$$)) v;
INSERT INTO weighted_cases (function, input, query) SELECT 'ces_agg(integer,double precision)', * FROM (VALUES
('score 8 (scale 1-7)', $$ces_agg(s, 1)::text FROM unnest('{8}'::int[]) s$$),
('weight -1e-300', $$ces_agg(s, -1e-300)::text FROM unnest('{3}'::int[]) s$$)) v;
INSERT INTO weighted_cases (function, input, query) SELECT 'ces(integer,double precision)', * FROM (VALUES
('scores 1 and 7, weights 1 and 2', $$ces(s, CASE s WHEN 7 THEN 2 ELSE 1 END) FROM unnest('{1,7}'::int[]) s$$),
('all weights 0', $$ces(s, 0) FROM unnest('{1,7}'::int[]) s$$)) v;
INSERT INTO weighted_cases (function, input, query) SELECT 'score_agg(integer,double precision,integer,integer,integer,integer)', * FROM (VALUES
('NULL scale argument', $$score_agg(s, 1, NULL, 10, 9, 6)::text FROM unnest('{1}'::int[]) s$$),
('NULL score, NULL scale', $$score_agg(s, 1, NULL, NULL, NULL, NULL)::text FROM unnest('{NULL}'::int[]) s$$),
('NULL score, NULL scale, NULL weight', $$score_agg(s, NULL, NULL, NULL, NULL, NULL)::text FROM unnest('{NULL}'::int[]) s$$),
('min > max', $$score_agg(s, 1, 10, 0, 9, 6)::text FROM unnest('{5}'::int[]) s$$),
('102 points', $$score_agg(s, 1, 0, 101, 90, 60)::text FROM unnest('{5}'::int[]) s$$),
('scale changes within a group', $$score_agg(s, 1, 0, s + 10, 9, 6)::text FROM unnest('{1,2}'::int[]) s$$),
('negative scale -3..3', $$score_agg(s, 0.5, -3, 3, 2, -1)::text FROM unnest('{-3,3}'::int[]) s$$)) v;
INSERT INTO weighted_cases (function, input, query) SELECT 'rollup(nps_weighted_state)', * FROM (VALUES
('different scales', $$rollup(x)::text FROM (VALUES (:wramp), (:wnps)) v(x)$$),
('answers beyond 2^63 - 1', $$rollup(x)::text FROM (VALUES (:wmax), (:wmax)) v(x)$$),
('empty and NULL states', $$rollup(x)::text FROM (VALUES (:wnone), (NULL), (:wzero)) v(x)$$),
('no rows', $$rollup(x)::text FROM (VALUES (:wnone)) v(x) WHERE false$$)) v;
-- text input
INSERT INTO weighted_cases (function, input, query) SELECT 'nps_weighted_state_in(cstring)', * FROM (VALUES
('empty text', $$''::nps_weighted_state::text$$),
('version v2', $$'v2;scale=1..5;promoter_min=4;detractor_max=2;skipped=0:0'::nps_weighted_state::text$$),
('v1 with spaces', $$'v1 scale=1..5 promoter_min=4 detractor_max=2 skipped=0:0'::nps_weighted_state::text$$),
('an nps_state text', $$'v3;scale=0..10;promoter_min=9;detractor_max=6;skipped=0;counts=0,0,0,0,0,0,0,0,0,0,1'::nps_weighted_state::text$$),
('no skipped field', $$'v1;scale=1..5;promoter_min=4;detractor_max=2;score=3:1:1:1'::nps_weighted_state::text$$),
('an empty field (;;)', $$'v1;;scale=1..5;promoter_min=4;detractor_max=2;skipped=0:0'::nps_weighted_state::text$$),
('a trailing ;', $$'v1;scale=1..5;promoter_min=4;detractor_max=2;skipped=0:0;'::nps_weighted_state::text$$),
('an unknown field', $$'v1;scale=1..5;promoter_min=4;detractor_max=2;skipped=0:0;weight=3'::nps_weighted_state::text$$),
('scale of 102 points', $$'v1;scale=0..101;promoter_min=90;detractor_max=60;skipped=0:0'::nps_weighted_state::text$$),
('score off the scale', $$'v1;scale=1..5;promoter_min=4;detractor_max=2;skipped=0:0;score=6:1:1:1'::nps_weighted_state::text$$),
('scores out of order', $$'v1;scale=1..5;promoter_min=4;detractor_max=2;skipped=0:0;score=4:1:1:1;score=3:1:1:1'::nps_weighted_state::text$$),
('a score twice', $$'v1;scale=1..5;promoter_min=4;detractor_max=2;skipped=0:0;score=3:1:1:1;score=3:1:1:1'::nps_weighted_state::text$$),
('0 answers', $$'v1;scale=1..5;promoter_min=4;detractor_max=2;skipped=0:0;score=3:0:0:0'::nps_weighted_state::text$$),
('negative answers', $$'v1;scale=1..5;promoter_min=4;detractor_max=2;skipped=0:0;score=3:-1:1:1'::nps_weighted_state::text$$),
('answers 2^63', $$'v1;scale=1..5;promoter_min=4;detractor_max=2;skipped=0:0;score=3:9223372036854775808:1:1'::nps_weighted_state::text$$),
('answers totalling 2^63', $$'v1;scale=1..5;promoter_min=4;detractor_max=2;skipped=0:0;score=3:9223372036854775807:1:1;score=4:1:1:1'::nps_weighted_state::text$$),
('negative weight sum', $$'v1;scale=1..5;promoter_min=4;detractor_max=2;skipped=0:0;score=3:1:-1:1'::nps_weighted_state::text$$),
('weight sum nan', $$'v1;scale=1..5;promoter_min=4;detractor_max=2;skipped=0:0;score=3:1:nan:1'::nps_weighted_state::text$$),
('weight sum inf', $$'v1;scale=1..5;promoter_min=4;detractor_max=2;skipped=0:0;score=3:1:inf:1'::nps_weighted_state::text$$),
('weight sum 1e309', $$'v1;scale=1..5;promoter_min=4;detractor_max=2;skipped=0:0;score=3:1:1e309:1'::nps_weighted_state::text$$),
('weight sum in hex', $$'v1;scale=1..5;promoter_min=4;detractor_max=2;skipped=0:0;score=3:1:0x1p3:64'::nps_weighted_state::text$$),
('weight sum above 1e100 per answer', $$'v1;scale=1..5;promoter_min=4;detractor_max=2;skipped=0:0;score=3:1:1e101:1e202'::nps_weighted_state::text$$),
('sum not normalized (1,1)', $$'v1;scale=1..5;promoter_min=4;detractor_max=2;skipped=0:0;score=3:1:1,1:1'::nps_weighted_state::text$$),
('low part without a high part (0,1e-17)', $$'v1;scale=1..5;promoter_min=4;detractor_max=2;skipped=0:0;score=3:1:0,1e-17:0'::nps_weighted_state::text$$),
('-0 sums read as 0', $$'v1;scale=1..5;promoter_min=4;detractor_max=2;skipped=0:-0;score=3:1:-0:-0'::nps_weighted_state::text$$),
('squares without weight', $$'v1;scale=1..5;promoter_min=4;detractor_max=2;skipped=0:0;score=3:1:0:1'::nps_weighted_state::text$$),
('weight without squares', $$'v1;scale=1..5;promoter_min=4;detractor_max=2;skipped=0:0;score=3:1:1:0'::nps_weighted_state::text$$),
('squares above (sum w)^2', $$'v1;scale=1..5;promoter_min=4;detractor_max=2;skipped=0:0;score=3:2:1:2'::nps_weighted_state::text$$),
('(sum w)^2 above n sum w^2', $$'v1;scale=1..5;promoter_min=4;detractor_max=2;skipped=0:0;score=3:2:2:1'::nps_weighted_state::text$$),
('skipped weight without skipped rows', $$'v1;scale=1..5;promoter_min=4;detractor_max=2;skipped=0:1'::nps_weighted_state::text$$),
('negative skipped weight', $$'v1;scale=1..5;promoter_min=4;detractor_max=2;skipped=1:-1'::nps_weighted_state::text$$),
('the largest sample', $$:wmax::text$$)) v;
-- binary input: the receive function reads bytes given through COPY (FORMAT binary)
INSERT INTO weighted_cases (function, input, query) SELECT 'nps_weighted_state_send(nps_weighted_state)', * FROM (VALUES
('ramp', $$nps_weighted_state_send(:wramp)$$)) v;
INSERT INTO weighted_cases (function, input, query) SELECT 'nps_weighted_state_recv(internal)', * FROM (VALUES
('the bytes of send', $$pg_temp.recv('nps_weighted_state', nps_weighted_state_send(:wramp))$$),
('the bytes of the largest sample', $$pg_temp.recv('nps_weighted_state', nps_weighted_state_send(:wmax))$$),
('no bytes', $$pg_temp.recv('nps_weighted_state', '\x')$$),
('last byte missing', $$pg_temp.recv('nps_weighted_state', pg_temp.chop(nps_weighted_state_send(:wramp)))$$),
('version 2', $$pg_temp.recv('nps_weighted_state', pg_temp.poke(nps_weighted_state_send(:wramp), 1, '\x0002'))$$),
('scale 5..1', $$pg_temp.recv('nps_weighted_state', pg_temp.poke(nps_weighted_state_send(:wramp), 3, '\x00050001'))$$),
('negative skipped rows', $$pg_temp.recv('nps_weighted_state', pg_temp.poke(nps_weighted_state_send(:wramp), 11, '\xffffffffffffffff'))$$),
('first count negative', $$pg_temp.recv('nps_weighted_state', pg_temp.poke(nps_weighted_state_send(:wramp), 35, '\xffffffffffffffff'))$$),
('first weight NaN', $$pg_temp.recv('nps_weighted_state', pg_temp.poke(nps_weighted_state_send(:wramp), 43, '\x7ff8000000000000'))$$),
('first weight Infinity', $$pg_temp.recv('nps_weighted_state', pg_temp.poke(nps_weighted_state_send(:wramp), 43, '\x7ff0000000000000'))$$),
('first low part not below the high part', $$pg_temp.recv('nps_weighted_state', pg_temp.poke(nps_weighted_state_send(:wramp), 51, '\x3ff0000000000000'))$$),
('skipped weight -0 (text has one 0)', $$pg_temp.recv('nps_weighted_state', pg_temp.poke(nps_weighted_state_send(:wnone), 19, '\x8000000000000000'))$$)) v;
-- accessors
INSERT INTO weighted_cases (function, input, query) SELECT 'nps(nps_weighted_state)', * FROM (VALUES
('no answers', $$nps(:wnone)$$), ('zero weights', $$nps(:wzero)$$), ('ramp', $$nps(:wramp)$$), ('largest', $$nps(:wmax)$$), ('0..10', $$nps(:wnps)$$)) v;
INSERT INTO weighted_cases (function, input, query) SELECT 'csat(nps_weighted_state)', * FROM (VALUES
('no answers', $$csat(:wnone)$$), ('ramp', $$csat(:wramp)$$), ('largest', $$csat(:wmax)$$)) v;
INSERT INTO weighted_cases (function, input, query) SELECT 'ces(nps_weighted_state)', * FROM (VALUES
('zero weights', $$ces(:wzero)$$), ('ramp', $$ces(:wramp)$$)) v;
INSERT INTO weighted_cases (function, input, query) SELECT 'mean_score(nps_weighted_state)', * FROM (VALUES
('no answers', $$mean_score(:wnone)$$), ('ramp', $$mean_score(:wramp)$$), ('largest', $$mean_score(:wmax)$$)) v;
INSERT INTO weighted_cases (function, input, query) SELECT 'response_count(nps_weighted_state)', * FROM (VALUES
('no answers', $$response_count(:wnone)$$), ('zero weights', $$response_count(:wzero)$$), ('largest', $$response_count(:wmax)$$)) v;
INSERT INTO weighted_cases (function, input, query) SELECT 'promoter_count(nps_weighted_state)', * FROM (VALUES
('ramp', $$promoter_count(:wramp)$$), ('largest', $$promoter_count(:wmax)$$)) v;
INSERT INTO weighted_cases (function, input, query) SELECT 'passive_count(nps_weighted_state)', * FROM (VALUES
('ramp', $$passive_count(:wramp)$$), ('zero weights', $$passive_count(:wzero)$$)) v;
INSERT INTO weighted_cases (function, input, query) SELECT 'detractor_count(nps_weighted_state)', * FROM (VALUES
('ramp', $$detractor_count(:wramp)$$), ('no answers', $$detractor_count(:wnone)$$)) v;
INSERT INTO weighted_cases (function, input, query) SELECT 'promoter_share(nps_weighted_state)', * FROM (VALUES
('no answers', $$promoter_share(:wnone)$$), ('ramp', $$promoter_share(:wramp)$$), ('largest', $$promoter_share(:wmax)$$)) v;
INSERT INTO weighted_cases (function, input, query) SELECT 'passive_share(nps_weighted_state)', * FROM (VALUES
('zero weights', $$passive_share(:wzero)$$), ('ramp', $$passive_share(:wramp)$$)) v;
INSERT INTO weighted_cases (function, input, query) SELECT 'detractor_share(nps_weighted_state)', * FROM (VALUES
('ramp', $$detractor_share(:wramp)$$), ('largest', $$detractor_share(:wmax)$$)) v;
INSERT INTO weighted_cases (function, input, query) SELECT 'score_counts(nps_weighted_state)', * FROM (VALUES
('no answers', $$score_counts(:wnone)$$), ('ramp', $$score_counts(:wramp)$$), ('largest', $$score_counts(:wmax)$$)) v;
INSERT INTO weighted_cases (function, input, query) SELECT 'effective_n(nps_weighted_state)', * FROM (VALUES
('no answers', $$effective_n(:wnone)$$), ('zero weights', $$effective_n(:wzero)$$), ('ramp', $$effective_n(:wramp)$$),
('largest', $$effective_n(:wmax)$$), ('0..10', $$effective_n(:wnps)$$)) v;
INSERT INTO weighted_cases (function, input, query) SELECT 'skipped_count(nps_weighted_state)', * FROM (VALUES
('no answers', $$skipped_count(:wnone)$$), ('ramp', $$skipped_count(:wramp)$$)) v;
INSERT INTO weighted_cases (function, input, query) SELECT 'answer_share(nps_weighted_state)', * FROM (VALUES
('no answers', $$answer_share(:wnone)$$), ('zero weights', $$answer_share(:wzero)$$), ('ramp', $$answer_share(:wramp)$$)) v;
INSERT INTO weighted_cases (function, input, query) SELECT 'nps_moe(nps_weighted_state,float8)', * FROM (VALUES
('no answers', $$nps_moe(:wnone)$$), ('ramp', $$nps_moe(:wramp)$$), ('largest', $$nps_moe(:wmax)$$),
('confidence 0', $$nps_moe(:wramp, 0)$$), ('confidence 1', $$nps_moe(:wramp, 1)$$), ('confidence NaN', $$nps_moe(:wramp, 'NaN')$$),
('confidence NULL', $$nps_moe(:wramp, NULL)$$)) v;
INSERT INTO weighted_cases (function, input, query) SELECT 'nps_moe(nps_weighted_state,float8,text)', * FROM (VALUES
('adjusted_wald', $$nps_moe(:wramp, 0.95, 'adjusted_wald')$$), ('adjusted_wald, zero weights', $$nps_moe(:wzero, 0.95, 'adjusted_wald')$$),
('adjusted_wald, largest', $$nps_moe(:wmax, 0.95, 'adjusted_wald')$$),
('method wilson', $$nps_moe(:wramp, 0.95, 'wilson')$$), ('method empty', $$nps_moe(:wramp, 0.95, '')$$)) v;
INSERT INTO weighted_cases (function, input, query) SELECT 'nps_ci(nps_weighted_state,float8)', * FROM (VALUES
('no answers', $$nps_ci(:wnone)$$), ('ramp', $$nps_ci(:wramp)$$), ('confidence -0.5', $$nps_ci(:wramp, -0.5)$$)) v;
INSERT INTO weighted_cases (function, input, query) SELECT 'nps_ci(nps_weighted_state,float8,text)', * FROM (VALUES
('adjusted_wald', $$nps_ci(:wramp, 0.9, 'adjusted_wald')$$), ('adjusted_wald, largest', $$nps_ci(:wmax, 0.9, 'adjusted_wald')$$),
('method WALD', $$nps_ci(:wramp, 0.9, 'WALD')$$), ('confidence Infinity', $$nps_ci(:wramp, 'Infinity', 'wald')$$)) v;
INSERT INTO weighted_cases (function, input, query) SELECT 'top_box_ci(nps_weighted_state,float8,text)', * FROM (VALUES
('no answers', $$top_box_ci(:wnone)$$), ('ramp', $$top_box_ci(:wramp)$$), ('ramp, detractors', $$top_box_ci(:wramp, 0.9, 'detractors')$$),
('largest, passives', $$top_box_ci(:wmax, 0.9, 'passives')$$), ('share top', $$top_box_ci(:wramp, 0.9, 'top')$$),
('confidence 1.5', $$top_box_ci(:wramp, 1.5)$$)) v;
INSERT INTO weighted_cases (function, input, query) SELECT 'nps_compare(nps_weighted_state,nps_weighted_state)', * FROM (VALUES
('ramp with itself', $$nps_compare(:wramp, :wramp)$$), ('with no answers', $$nps_compare(:wramp, :wnone)$$),
('different scales', $$nps_compare(:wramp, :wnps)$$), ('largest and ramp', $$nps_compare(:wmax, :wramp)$$)) v;
INSERT INTO weighted_cases (function, input, query) SELECT 'nps_compare(nps_weighted_state,nps_weighted_state,text)', * FROM (VALUES
('adjusted_wald', $$nps_compare(:wramp, :wmax, 'adjusted_wald')$$), ('method z', $$nps_compare(:wramp, :wramp, 'z')$$),
('different scales', $$nps_compare(:wramp, :wnps, 'wald')$$)) v;
INSERT INTO weighted_cases (function, input, query) SELECT 'nps_compare(nps_weighted_state,float8,text)', * FROM (VALUES
('benchmark 0', $$nps_compare(:wramp, 0, 'adjusted_wald')$$), ('benchmark 100.5', $$nps_compare(:wramp, 100.5, 'wald')$$),
('benchmark NaN', $$nps_compare(:wramp, 'NaN'::float8, 'wald')$$), ('no answers', $$nps_compare(:wnone, 10, 'wald')$$)) v;
INSERT INTO weighted_cases (function, input, query) SELECT 'nps_shift(nps_weighted_state,nps_weighted_state,float8)', * FROM (VALUES
('ramp to 0..10', $$nps_shift(:wramp, :wnps)$$), ('ramp to largest', $$nps_shift(:wramp, :wmax)$$),
('zero weights', $$nps_shift(:wzero, :wramp)$$), ('confidence 1', $$nps_shift(:wramp, :wramp, 1)$$)) v;
INSERT INTO weighted_cases (function, input, query) SELECT 'small_cell_suppress(nps_weighted_state,integer)', * FROM (VALUES
('min_n -1', $$small_cell_suppress(:wramp, -1)::text$$), ('min_n 6 (answers)', $$small_cell_suppress(:wramp, 6) IS NOT NULL$$),
('min_n 7', $$small_cell_suppress(:wramp, 7) IS NULL$$), ('zero weights, min_n 2', $$small_cell_suppress(:wzero, 2) IS NOT NULL$$),
('largest, min_n 2147483647', $$small_cell_suppress(:wmax, 2147483647) IS NOT NULL$$)) v;
INSERT INTO weighted_cases (function, input, query) SELECT 'score_distribution(nps_weighted_state,integer)', * FROM (VALUES
('no answers', $$array_agg(share) FROM score_distribution(:wnone)$$), ('ramp, width 4', $$string_agg(bar, '|') FROM score_distribution(:wramp, 4)$$),
('largest', $$array_agg(responses) FROM score_distribution(:wmax, 2)$$),
('width -1', $$count(*) FROM score_distribution(:wramp, -1)$$), ('width 1001', $$count(*) FROM score_distribution(:wramp, 1001)$$)) v;
INSERT INTO weighted_cases (function, input, query) SELECT 'cf_nps_weighted_trans(nps_weighted_state,integer,double precision)', * FROM (VALUES
('called directly', $$cf_nps_weighted_trans(NULL, 9, 1)::text$$)) v;

SELECT n, function, input, pg_temp.outcome(query) AS outcome FROM weighted_cases ORDER BY n;

-- Every error above is of class 22, or 0A000 for a support function called outside an aggregate;
-- and 08P01 for binary input of the wrong length (PostgreSQL's message reader raises it).
SELECT function, input, pg_temp.outcome(query) AS outcome
FROM weighted_cases
WHERE pg_temp.outcome(query) LIKE 'ERROR%' AND pg_temp.outcome(query) NOT LIKE 'ERROR 22%'
  AND function NOT LIKE 'cf\_%'
  AND NOT (function LIKE '%\_recv(internal)' AND pg_temp.outcome(query) = 'ERROR 08P01');
