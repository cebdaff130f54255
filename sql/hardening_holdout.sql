-- Bad input to holdout validation (issue 17): calibration_holdout, holdout_agg (both
-- forms), rollup, the accessors, holdout_table and the text and binary input of
-- holdout_state, tried with NULL, empty, negative, NaN, +-Infinity, huge values and
-- malformed text.  Each case gives a documented result or an error of SQLSTATE
-- class 22 (doc/hardening.md points to this table).
SET extra_float_digits = 0;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';

-- outcome(query [, setting]) and recv(type, bytes): test/regress/hardening_helpers.sql.
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/hardening_helpers.sql

CREATE TEMP TABLE cases (n serial, function text, input text, query text, setting text);
-- Samples: :h2 a state of two customers (x 0 and 3, one buyer, p_any 0.25 and 0.75);
-- :prof a profile with orders on 2024-01-01 and 2024-03-05.
INSERT INTO samples VALUES
('h2', $$'v1;abs_error=1.5;squared_error=1.25;error=-0.5;brier=0.125;x=0:1:1:0.5;x=3:1:0:1;bin=1024:0:1;bin=3072:1:0'::holdout_state$$),
('prof', $$'v1;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20.00;moment=175800.00;days=2024-01-01+64'::customer_profile$$);
INSERT INTO cases (function, input, query) SELECT 'calibration_holdout(customer_profile,timestamptz,timestamptz,float8)', * FROM (VALUES
('both ends after the history', $$calibration_holdout(:prof, '2024-06-01', '2024-07-01', 7)::text$$),
('the split inside the history', $$calibration_holdout(:prof, '2024-02-01', '2024-07-01')::text$$),
('first purchase after calibration_end', $$calibration_holdout(:prof, '2023-12-31', '2024-07-01')::text$$),
('equal ends', $$calibration_holdout(:prof, '2024-03-05', '2024-03-05')::text$$),
('observation_end before calibration_end', $$calibration_holdout(:prof, '2024-03-05', '2024-03-04')::text$$),
('calibration_end -infinity', $$calibration_holdout(:prof, '-infinity', '2024-03-04')::text$$),
('observation_end infinity', $$calibration_holdout(:prof, '2024-03-05', 'infinity')::text$$),
('unit_days 0', $$calibration_holdout(:prof, '2024-03-05', '2024-04-05', 0)::text$$),
('unit_days NaN', $$calibration_holdout(:prof, '2024-03-05', '2024-04-05', 'NaN')::text$$),
('unit_days Infinity', $$calibration_holdout(:prof, '2024-03-05', '2024-04-05', 'Infinity')::text$$),
('unit_days 1e-320 (t overflows)', $$calibration_holdout(:prof, '2024-03-05', '2024-04-05', 1e-320)::text$$),
('NULL profile', $$calibration_holdout(NULL, '2024-03-05', '2024-04-05')::text$$)) v;
INSERT INTO cases (function, input, query) SELECT 'holdout_agg(bigint,float8,float8)', * FROM (VALUES
('no rows', $$holdout_agg(1, 1, 1)::text FROM generate_series(1, 0)$$),
('one row', $$holdout_agg(2, 1.5, 1)::text$$),
('x NULL', $$holdout_agg(NULL, 1.5, 1)::text$$),
('x -1', $$holdout_agg(-1, 1.5, 1)::text$$),
('x 2^63 - 1', $$holdout_agg(9223372036854775807, 1.5, 1)::text$$),
('expected NaN', $$holdout_agg(1, 'NaN', 1)::text$$),
('expected Infinity', $$holdout_agg(1, 'Infinity', 1)::text$$),
('expected 1e9 (the largest)', $$holdout_agg(1, 1e9, -1e9)::text$$),
('expected 1.0000001e9', $$holdout_agg(1, 1.0000001e9, 1)::text$$),
('actual -Infinity', $$holdout_agg(1, 1, '-Infinity')::text$$),
('expected -0', $$holdout_agg(1, '-0', 0)::text$$),
('expected 1e-300', $$holdout_agg(1, 1e-300, 0)::text$$)) v;
INSERT INTO cases (function, input, query) SELECT 'holdout_agg(bigint,float8,float8,float8)', * FROM (VALUES
('one row', $$holdout_agg(2, 1.5, 1, 0.5)::text$$),
('p_any NULL', $$holdout_agg(2, 1.5, 1, NULL)::text$$),
('p_any 0 and 1', $$holdout_agg(2, 1.5, a, p)::text FROM (VALUES (0, 0), (1, 1)) v(a, p)$$),
('p_any -0.1', $$holdout_agg(2, 1.5, 1, -0.1)::text$$),
('p_any 1.0000001', $$holdout_agg(2, 1.5, 1, 1.0000001)::text$$),
('p_any NaN', $$holdout_agg(2, 1.5, 1, 'NaN')::text$$),
('p_any Infinity', $$holdout_agg(2, 1.5, 1, 'Infinity')::text$$)) v;
INSERT INTO cases (function, input, query) SELECT 'rollup(holdout_state)', * FROM (VALUES
('no rows', $$rollup(s)::text FROM (SELECT :h2 s) q WHERE false$$),
('NULL and a state', $$rollup(s)::text FROM (VALUES (NULL::holdout_state), (:h2)) v(s)$$),
('a state twice', $$rollup(s)::text FROM (VALUES (:h2), (:h2)) v(s)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'mean_absolute_error(holdout_state)', * FROM (VALUES
('two customers', $$mean_absolute_error(:h2)$$), ('NULL', $$mean_absolute_error(NULL)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'rms_error(holdout_state)', * FROM (VALUES
('two customers', $$rms_error(:h2)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'mean_bias(holdout_state)', * FROM (VALUES
('two customers', $$mean_bias(:h2)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'brier_score(holdout_state)', * FROM (VALUES
('two customers', $$brier_score(:h2)$$),
('no p_any', $$brier_score('v1;abs_error=0;squared_error=0;error=0;brier=0;x=0:1:0:0'::holdout_state)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'roc_auc(holdout_state)', * FROM (VALUES
('one buyer, one non-buyer', $$roc_auc(:h2)$$),
('no non-buyer', $$roc_auc('v1;abs_error=0;squared_error=0;error=0;brier=0;x=0:1:1:1;bin=5:1:0'::holdout_state)$$),
('one bin', $$roc_auc('v1;abs_error=2;squared_error=2;error=0;brier=0.5;x=0:2:1:1;bin=5:1:1'::holdout_state)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'holdout_table(holdout_state)', * FROM (VALUES
('two customers', $$string_agg(t::text, ' ') FROM holdout_table(:h2) t$$)) v;
INSERT INTO cases (function, input, query) SELECT 'holdout_table(holdout_state,bigint)', * FROM (VALUES
('cap 0', $$string_agg(t::text, ' ') FROM holdout_table(:h2, 0) t$$),
('cap 3', $$string_agg(t::text, ' ') FROM holdout_table(:h2, 3) t$$),
('cap -1', $$string_agg(t::text, ' ') FROM holdout_table(:h2, -1) t$$),
('cap NULL', $$string_agg(t::text, ' ') FROM holdout_table(:h2, NULL) t$$)) v;
-- text input: one case per rule of the grammar
INSERT INTO cases (function, input, query) SELECT 'holdout_state_in(cstring)', * FROM (VALUES
('the sample', $$'v1;abs_error=1.5;squared_error=1.25;error=-0.5;brier=0.125;x=0:1:1:0.5;x=3:1:0:1;bin=1024:0:1;bin=3072:1:0'::holdout_state::text$$),
('empty', $$''::holdout_state::text$$),
('v2', $$'v2;abs_error=0;squared_error=0;error=0;brier=0;x=0:1:0:0'::holdout_state::text$$),
('1.0 separator', $$'v1 abs_error=0 squared_error=0 error=0 brier=0 x=0:1:0:0'::holdout_state::text$$),
('no rows', $$'v1;abs_error=0;squared_error=0;error=0;brier=0'::holdout_state::text$$),
('trailing ;', $$'v1;abs_error=0;squared_error=0;error=0;brier=0;x=0:1:0:0;'::holdout_state::text$$),
('empty field', $$'v1;abs_error=0;;squared_error=0;error=0;brier=0;x=0:1:0:0'::holdout_state::text$$),
('fields out of order', $$'v1;squared_error=0;abs_error=0;error=0;brier=0;x=0:1:0:0'::holdout_state::text$$),
('bin before x', $$'v1;abs_error=0;squared_error=0;error=0;brier=0;bin=1:1:0;x=0:1:0:0'::holdout_state::text$$),
('x not increasing', $$'v1;abs_error=0;squared_error=0;error=0;brier=0;x=1:1:0:0;x=1:1:0:0'::holdout_state::text$$),
('x -1', $$'v1;abs_error=0;squared_error=0;error=0;brier=0;x=-1:1:0:0'::holdout_state::text$$),
('customers 0', $$'v1;abs_error=0;squared_error=0;error=0;brier=0;x=0:0:0:0'::holdout_state::text$$),
('customers total 2^63', $$'v1;abs_error=0;squared_error=0;error=0;brier=0;x=0:9223372036854775807:0:0;x=1:1:0:0'::holdout_state::text$$),
('bin 4096', $$'v1;abs_error=0;squared_error=0;error=0;brier=0;x=0:1:0:0;bin=4096:1:0'::holdout_state::text$$),
('bin counts 0:0', $$'v1;abs_error=0;squared_error=0;error=0;brier=0;x=0:1:0:0;bin=1:0:0'::holdout_state::text$$),
('more scored than customers', $$'v1;abs_error=0;squared_error=0;error=0;brier=0;x=0:1:0:0;bin=1:1:1'::holdout_state::text$$),
('abs_error negative', $$'v1;abs_error=-1;squared_error=0;error=0;brier=0;x=0:1:0:0'::holdout_state::text$$),
('brier above the scored customers', $$'v1;abs_error=0;squared_error=0;error=0;brier=2;x=0:1:0:0;bin=1:1:0'::holdout_state::text$$),
('sum 1e300', $$'v1;abs_error=1e300;squared_error=0;error=0;brier=0;x=0:1:0:0'::holdout_state::text$$),
('sum with a lo part', $$'v1;abs_error=1,1e-17;squared_error=0;error=0;brier=0;x=0:1:0:0'::holdout_state::text$$),
('sum not normalized', $$'v1;abs_error=1,0.5;squared_error=0;error=0;brier=0;x=0:1:0:0'::holdout_state::text$$),
('sum nan', $$'v1;abs_error=nan;squared_error=0;error=0;brier=0;x=0:1:0:0'::holdout_state::text$$),
('sum in hex', $$'v1;abs_error=0x1p0;squared_error=0;error=0;brier=0;x=0:1:0:0'::holdout_state::text$$),
('x sums above 1e9 per customer', $$'v1;abs_error=0;squared_error=0;error=0;brier=0;x=0:1:2e9:0'::holdout_state::text$$),
('an x part missing', $$'v1;abs_error=0;squared_error=0;error=0;brier=0;x=0:1:0'::holdout_state::text$$),
('unknown field', $$'v1;abs_error=0;squared_error=0;error=0;brier=0;x=0:1:0:0;y=1'::holdout_state::text$$)) v;
-- binary input: the receive function reads bytes given through COPY (FORMAT binary)
INSERT INTO cases (function, input, query) SELECT 'holdout_state_send(holdout_state)', * FROM (VALUES
('NULL', $$holdout_state_send(NULL::holdout_state)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'holdout_state_recv(internal)', * FROM (VALUES
('the bytes of send', $$pg_temp.recv('holdout_state', holdout_state_send(:h2))$$),
('no bytes', $$pg_temp.recv('holdout_state', '\x')$$),
('last byte missing', $$pg_temp.recv('holdout_state', pg_temp.chop(holdout_state_send(:h2)))$$),
('a byte too many', $$pg_temp.recv('holdout_state', holdout_state_send(:h2) || '\x00'::bytea)$$),
('version 2', $$pg_temp.recv('holdout_state', pg_temp.poke(holdout_state_send(:h2), 1, '\x02'))$$),
('rows 2^31 - 1', $$pg_temp.recv('holdout_state', pg_temp.poke(holdout_state_send(:h2), 2, '\x7fffffff'))$$),
('bins -1', $$pg_temp.recv('holdout_state', pg_temp.poke(holdout_state_send(:h2), 6, '\xffffffff'))$$),
('abs_error NaN', $$pg_temp.recv('holdout_state', overlay(holdout_state_send(:h2) placing float8send('NaN') from 10 for 8))$$),
('abs_error lo not normalized', $$pg_temp.recv('holdout_state', overlay(holdout_state_send(:h2) placing float8send(0.75) from 18 for 8))$$),
('first x -1', $$pg_temp.recv('holdout_state', overlay(holdout_state_send(:h2) placing int8send(-1) from 74 for 8))$$)) v;

SELECT n, function, input, pg_temp.outcome(query, setting) AS outcome FROM cases ORDER BY n;

-- Every error above is of class 22, or 0A000 for a support function called outside an aggregate;
-- and 08P01 for binary input of the wrong length (PostgreSQL's message reader raises it for every
-- type's receive function, built-in types included).
SELECT n, function, input, pg_temp.outcome(query, setting) AS outcome
FROM cases WHERE pg_temp.outcome(query, setting) LIKE 'ERROR%' AND pg_temp.outcome(query, setting) NOT LIKE 'ERROR 22%'
  AND function NOT LIKE 'cf\_%'
  AND NOT (function LIKE '%\_recv(internal)' AND pg_temp.outcome(query, setting) = 'ERROR 08P01');

DROP TABLE cases;
