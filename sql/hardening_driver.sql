-- Bad input to key-driver analysis (issue 18 item 5): driver_agg, driver_state's text
-- and binary input, rollup(driver_state) and driver_weights tried with NULL, empty,
-- NaN, +-Infinity, huge values, unequal and oversized arrays, bad names, malformed
-- text forms and damaged bytes.  Each case gives a documented result or an error of
-- SQLSTATE class 22 (doc/hardening.md points to this table).
SET extra_float_digits = 0;

-- outcome(query [, setting]) and recv(type, bytes): test/regress/hardening_helpers.sql.
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/hardening_helpers.sql

CREATE TEMP TABLE cases (n serial, function text, input text, query text);
-- Samples: d1 = one factor x, one row (y 2, x 3); d4 = four rows of two factors.
INSERT INTO samples VALUES
('d1', $$'v1;n=1;factor="x";row=2:0,3:0;row=4:0,6:0;row=9:0'::driver_state$$),
('d4', $$(SELECT driver_agg(y, ARRAY[a, b], ARRAY['price', 'speed']) FROM (VALUES (9.0::float8, 4.0::float8, 3.0::float8), (7, 3, 3), (10, 5, 4), (3, 1, 2)) AS v(y, a, b))$$);
-- driver_agg: a row with a NULL anywhere is skipped (listwise); the arrays' rules are errors
INSERT INTO cases (function, input, query) SELECT 'driver_agg(float8,float8[],text[])', * FROM (VALUES
('one row', $$driver_agg(1, '{2}', '{a}')::text$$),
('outcome NULL', $$driver_agg(NULL, '{2}', '{a}')::text$$),
('ratings NULL', $$driver_agg(1, NULL, '{a}')::text$$),
('names NULL', $$driver_agg(1, '{2}', NULL)::text$$),
('a rating NULL', $$driver_agg(1, '{2,NULL}', '{a,b}')::text$$),
('a rating NULL, lengths unequal', $$driver_agg(1, '{2,NULL}', '{a}')::text$$),
('empty arrays', $$driver_agg(1, '{}', '{}')::text$$),
('2 ratings, 1 name', $$driver_agg(1, '{2,3}', '{a}')::text$$),
('1 rating, 2 names', $$driver_agg(1, '{2}', '{a,b}')::text$$),
('51 factors', $$driver_agg(1, array_fill(1::float8, ARRAY[51]), (SELECT array_agg('f' || s) FROM generate_series(1, 51) s))::text$$),
('50 factors', $$length(driver_agg(1, array_fill(1::float8, ARRAY[50]), (SELECT array_agg('f' || s) FROM generate_series(1, 50) s))::text)$$),
('a NULL name', $$driver_agg(1, '{2,3}', '{a,NULL}')::text$$),
('an empty name', $$driver_agg(1, '{2,3}', '{a,""}')::text$$),
('a repeated name', $$driver_agg(1, '{2,3}', '{a,a}')::text$$),
('a name of 127 bytes', $$length(driver_agg(1, '{2}', ARRAY[repeat('n', 127)])::text)$$),
('a name of 128 bytes', $$driver_agg(1, '{2}', ARRAY[repeat('n', 128)])::text$$),
('names differ between rows', $$driver_agg(y, '{1}', n)::text FROM (VALUES (1, '{a}'::text[]), (2, '{b}')) v(y, n)$$),
('names in another order', $$driver_agg(y, '{1,2}', n)::text FROM (VALUES (1, '{a,b}'::text[]), (2, '{b,a}')) v(y, n)$$),
('outcome NaN', $$driver_agg('NaN', '{2}', '{a}')::text$$),
('outcome Infinity', $$driver_agg('Infinity', '{2}', '{a}')::text$$),
('outcome 1e101', $$driver_agg(1e101, '{2}', '{a}')::text$$),
('outcome 1e100', $$length(driver_agg(1e100, '{2}', '{a}')::text)$$),
('rating -Infinity', $$driver_agg(1, '{-Infinity}', '{a}')::text$$),
('rating -1e101', $$driver_agg(1, '{-1e101}', '{a}')::text$$),
('ratings two-dimensional', $$driver_agg(1, '{{2},{3}}', '{a,b}')::text$$),
('names two-dimensional', $$driver_agg(1, '{2,3}', '{{a},{b}}')::text$$),
('ratings from index 0', $$driver_agg(1, '[0:1]={2,3}', '{a,b}')::text$$)) v;
-- rollup(driver_state): states of the same factors only
INSERT INTO cases (function, input, query) SELECT 'rollup(driver_state)', * FROM (VALUES
('two states', $$rollup(s)::text FROM (VALUES (:d1), (:d1)) v(s)$$),
('different factors', $$rollup(s)::text FROM (VALUES (:d1), (:d4)) v(s)$$),
('only NULLs', $$rollup(s)::text FROM (VALUES (NULL::driver_state), (NULL)) v(s)$$),
('n overflow', $$rollup(s)::text FROM (VALUES ('v1;n=9223372036854775807;factor="x";row=2:0,3:0;row=4:0,6:0;row=9:0'::driver_state), (:d1)) v(s)$$)) v;
-- driver_weights: an error when no regression exists
INSERT INTO cases (function, input, query) SELECT 'driver_weights(driver_state)', * FROM (VALUES
('NULL', $$count(*) FROM driver_weights(NULL)$$),
('one row of one factor', $$count(*) FROM driver_weights(:d1)$$),
('four rows of two factors', $$string_agg(factor || ' ' || rank, ', ') FROM driver_weights(:d4)$$),
('three rows of one factor', $$string_agg(factor || ' ' || round(relative_weight::numeric, 6), ', ') FROM driver_weights((SELECT driver_agg(y, ARRAY[x], '{x}') FROM (VALUES (1.0::float8, 1.0::float8), (2, 3), (4, 4)) v(y, x)))$$),
('constant factor', $$count(*) FROM driver_weights((SELECT driver_agg(i, ARRAY[i, 7], '{a,b}') FROM generate_series(1, 9) i))$$),
('constant outcome', $$count(*) FROM driver_weights((SELECT driver_agg(7, ARRAY[i], '{a}') FROM generate_series(1, 9) i))$$),
('collinear factors', $$count(*) FROM driver_weights((SELECT driver_agg(i % 3, ARRAY[i, 2 * i + 1], '{a,b}') FROM generate_series(1, 9) i))$$),
('a correlation beyond 1', $$count(*) FROM driver_weights('v1;n=5;factor="a";row=0:0,0:0;row=1:0,100:0;row=1:0')$$),
('sums near 1e300', $$count(*) FROM driver_weights('v1;n=3;factor="a";row=1e150:0,1e150:0;row=1e300:0,1e300:0;row=1e300:0')$$)) v;
-- driver_state_in: one case per rule of the grammar
INSERT INTO cases (function, input, query) SELECT 'driver_state_in(cstring)', * FROM (VALUES
('a valid form', $$'v1;n=1;factor="x";row=2:0,3:0;row=4:0,6:0;row=9:0'::driver_state::text$$),
('empty', $$''::driver_state::text$$),
('version 2', $$'v2;n=1;factor="x";row=2:0,3:0;row=4:0,6:0;row=9:0'::driver_state::text$$),
('1.0 separator', $$'v1 n=1 factor="x" row=2:0,3:0 row=4:0,6:0 row=9:0'::driver_state::text$$),
('n 0', $$'v1;n=0;factor="x";row=2:0,3:0;row=4:0,6:0;row=9:0'::driver_state::text$$),
('n negative', $$'v1;n=-1;factor="x";row=2:0,3:0;row=4:0,6:0;row=9:0'::driver_state::text$$),
('no factor', $$'v1;n=1;row=2:0,3:0;row=4:0,6:0;row=9:0'::driver_state::text$$),
('unquoted factor', $$'v1;n=1;factor=x;row=2:0,3:0;row=4:0,6:0;row=9:0'::driver_state::text$$),
('unterminated quote', $$'v1;n=1;factor="x;row=2:0,3:0;row=4:0,6:0;row=9:0'::driver_state::text$$),
('empty factor name', $$'v1;n=1;factor="";row=2:0,3:0;row=4:0,6:0;row=9:0'::driver_state::text$$),
('repeated factor name', $$'v1;n=1;factor="x";factor="x";row=1:0,1:0,1:0;row=1:0,1:0,1:0;row=1:0,1:0;row=1:0'::driver_state::text$$),
('fields out of order', $$'v1;factor="x";n=1;row=2:0,3:0;row=4:0,6:0;row=9:0'::driver_state::text$$),
('a row missing', $$'v1;n=1;factor="x";row=2:0,3:0;row=4:0,6:0'::driver_state::text$$),
('a row too many', $$'v1;n=1;factor="x";row=2:0,3:0;row=4:0,6:0;row=9:0;row=1:0'::driver_state::text$$),
('a sum too many', $$'v1;n=1;factor="x";row=2:0,3:0;row=4:0,6:0;row=9:0,1:0'::driver_state::text$$),
('a sum without lo', $$'v1;n=1;factor="x";row=2:0,3:0;row=4:0,6:0;row=9'::driver_state::text$$),
('an empty field', $$'v1;n=1;;factor="x";row=2:0,3:0;row=4:0,6:0;row=9:0'::driver_state::text$$),
('trailing separator', $$'v1;n=1;factor="x";row=2:0,3:0;row=4:0,6:0;row=9:0;'::driver_state::text$$),
('a NaN sum', $$'v1;n=1;factor="x";row=NaN:0,3:0;row=4:0,6:0;row=9:0'::driver_state::text$$),
('an infinite sum', $$'v1;n=1;factor="x";row=1e309:0,3:0;row=4:0,6:0;row=9:0'::driver_state::text$$),
('a negative sum of squares', $$'v1;n=1;factor="x";row=2:0,3:0;row=4:0,6:0;row=-9:0'::driver_state::text$$)) v;
INSERT INTO cases (function, input, query) SELECT 'driver_state_send(driver_state)', * FROM (VALUES
('NULL', $$driver_state_send(NULL::driver_state)$$),
('bytes', $$length(driver_state_send(:d1))$$)) v;
-- driver_state_recv: damaged bytes
INSERT INTO cases (function, input, query) SELECT 'driver_state_recv(internal)', * FROM (VALUES
('the bytes of send', $$pg_temp.recv('driver_state', driver_state_send(:d4))$$),
('no bytes', $$pg_temp.recv('driver_state', '\x')$$),
('last byte missing', $$pg_temp.recv('driver_state', pg_temp.chop(driver_state_send(:d4)))$$),
('a byte too many', $$pg_temp.recv('driver_state', driver_state_send(:d4) || '\x00'::bytea)$$),
('version 0xffff', $$pg_temp.recv('driver_state', pg_temp.poke(driver_state_send(:d4), 1, '\xffff'))$$),
('factor count 51', $$pg_temp.recv('driver_state', pg_temp.poke(driver_state_send(:d4), 3, '\x0033'))$$),
('names size 0x7fffffff', $$pg_temp.recv('driver_state', pg_temp.poke(driver_state_send(:d4), 13, '\x7fffffff'))$$),
('n 0', $$pg_temp.recv('driver_state', pg_temp.poke(driver_state_send(:d4), 5, '\x0000000000000000'))$$),
('a name length byte 0xff', $$pg_temp.recv('driver_state', pg_temp.poke(driver_state_send(:d4), 17, '\xff'))$$),
('a sum NaN', $$pg_temp.recv('driver_state', pg_temp.poke(driver_state_send(:d4), 29, '\x7ff8000000000000'))$$),
('a name byte 0xff (not UTF-8)', $$pg_temp.recv('driver_state', pg_temp.poke(driver_state_send(:d4), 18, '\xff'))$$)) v;

SELECT n, function, input, pg_temp.outcome(query) AS outcome FROM cases ORDER BY n;

-- Every error above is of class 22, and 08P01 (PostgreSQL's own message-format error) for
-- binary input of the wrong length.
SELECT n, function, input, pg_temp.outcome(query) AS outcome
FROM cases WHERE pg_temp.outcome(query) LIKE 'ERROR%' AND pg_temp.outcome(query) NOT LIKE 'ERROR 22%'
  AND NOT (function LIKE '%\_recv(internal)' AND pg_temp.outcome(query) = 'ERROR 08P01');

DROP TABLE cases;
