-- Bad input to importance-performance analysis (ipa_agg, the state, ipa_factors, grand_means), tried
-- with NULL, empty, zero, negative, NaN, +-Infinity, huge values and malformed text and bytes.  Each
-- case gives a documented result or an error of SQLSTATE class 22, or the documented limit of 100 IPA
-- factors (54000) (doc/hardening.md points to this table).
SET extra_float_digits = 0;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';

-- outcome(query [, setting]) and recv(type, bytes): test/regress/hardening_helpers.sql.
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/hardening_helpers.sql

CREATE TEMP TABLE cases (n serial, function text, input text, query text);
-- Samples: :ipa2 two factors, :ipa1 one.
INSERT INTO samples VALUES
('ipa2', $$'v2;scale_min=1;scale_max=5;"delivery"=5/1,2/1;"price"=4/1,3/1'::ipa_state$$),
('ipa1', $$'v2;scale_min=1;scale_max=5;"price"=4/1,3/1'::ipa_state$$);
INSERT INTO cases (function, input, query) SELECT 'ipa_agg(text,float8,float8)', * FROM (VALUES
('no rows', $$ipa_agg(f, i, p)::text FROM (VALUES ('price', 4, 3)) v(f, i, p) WHERE false$$),
('NULL factor and ratings skipped', $$ipa_agg(f, i, p)::text FROM (VALUES ('price', 4, 3), (NULL, 5, 5), ('price', NULL, 5), ('price', 5, NULL)) v(f, i, p)$$),
('importance 6', $$ipa_agg(f, i, p)::text FROM (VALUES ('price', 6, 3)) v(f, i, p)$$),
('performance 0', $$ipa_agg(f, i, p)::text FROM (VALUES ('price', 4, 0)) v(f, i, p)$$),
('importance NaN', $$ipa_agg(f, i, p)::text FROM (VALUES ('price', 'NaN'::float8, 3)) v(f, i, p)$$),
('performance -Infinity', $$ipa_agg(f, i, p)::text FROM (VALUES ('price', 4, '-Infinity'::float8)) v(f, i, p)$$),
('empty factor name', $$ipa_agg(f, i, p)::text FROM (VALUES ('', 4, 3)) v(f, i, p)$$),
('factor name with quote and space', $$ipa_agg(f, i, p)::text::ipa_state::text = ipa_agg(f, i, p)::text FROM (VALUES ('a "b" c', 4, 3)) v(f, i, p)$$),
('factor name of 127 bytes', $$length(factor) FROM ipa_factors((SELECT ipa_agg(repeat('x', 127), 4, 3)))$$),
('factor name of 128 bytes', $$ipa_agg(repeat('x', 128), 4, 3)::text$$),
('100 factors', $$count(*) FROM ipa_factors((SELECT ipa_agg('f' || i, 4, 3) FROM generate_series(1, 100) i))$$),
('101 factors', $$count(*) FROM ipa_factors((SELECT ipa_agg('f' || i, 4, 3) FROM generate_series(1, 101) i))$$)) v;
INSERT INTO cases (function, input, query) SELECT 'ipa_agg(text,float8,float8,float8,float8)', * FROM (VALUES
('scale 0..10, rating 10', $$ipa_agg(f, i, p, 0, 10)::text FROM (VALUES ('price', 10, 0)) v(f, i, p)$$),
('scale NULL', $$ipa_agg(f, i, p, NULL, 10)::text FROM (VALUES ('price', 4, 3)) v(f, i, p)$$),
('scale min = max', $$ipa_agg(f, i, p, 5, 5)::text FROM (VALUES ('price', 5, 5)) v(f, i, p)$$),
('scale min > max', $$ipa_agg(f, i, p, 5, 1)::text FROM (VALUES ('price', 4, 3)) v(f, i, p)$$),
('scale NaN', $$ipa_agg(f, i, p, 'NaN', 5)::text FROM (VALUES ('price', 4, 3)) v(f, i, p)$$),
('scale -Infinity..5', $$ipa_agg(f, i, p, '-Infinity', 5)::text FROM (VALUES ('price', 4, 3)) v(f, i, p)$$),
('scale 0..1e6', $$ipa_agg(f, i, p, 0, 1e6)::text FROM (VALUES ('price', 1e6, 0)) v(f, i, p)$$),
('scale 0..1e6 + 1', $$ipa_agg(f, i, p, 0, 1e6 + 1)::text FROM (VALUES ('price', 4, 3)) v(f, i, p)$$),
('scale changes within a group', $$ipa_agg(f, i, p, 1, i + 1)::text FROM (VALUES ('price', 4, 3), ('price', 5, 3)) v(f, i, p)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'rollup(ipa_state)', * FROM (VALUES
('different scales', $$rollup(s)::text FROM (VALUES (:ipa1), ('v2;scale_min=0;scale_max=10;"price"=4/1,3/1')) v(s)$$),
('same factor merged', $$rollup(s)::text FROM (VALUES (:ipa1), ('v2;scale_min=1;scale_max=5;"delivery"=5/1,2/1;"price"=5/1,5/1')) v(s)$$),
('101 factors in all', $$count(*) FROM ipa_factors((SELECT rollup(s) FROM (SELECT ipa_agg('f' || i, 4, 3) s FROM generate_series(1, 101) i GROUP BY i / 60) a))$$)) v;
INSERT INTO cases (function, input, query) SELECT 'ipa_state_in(cstring)', * FROM (VALUES
('empty text', $$''::ipa_state::text$$),
('version v3', $$'v3;scale_min=1;scale_max=5;"price"=4/1,3/1'::ipa_state::text$$),
('the released 1.0 form (v1, fields separated by spaces)', $$'v1 scale_min=1 scale_max=5 "delivery"=5/1,2/1 "price"=4/1,3/1'::ipa_state::text$$),
('the 1.0 form with the new separator (v1;)', $$'v1;scale_min=1;scale_max=5;"delivery"=5/1,2/1;"price"=4/1,3/1'::ipa_state::text$$),
('v2 with spaces', $$'v2 scale_min=1 scale_max=5 "delivery"=5/1,2/1 "price"=4/1,3/1'::ipa_state::text$$),
('an empty field (;;)', $$'v2;;scale_min=1;scale_max=5;"delivery"=5/1,2/1;"price"=4/1,3/1'::ipa_state::text$$),
('fields out of order', $$'v2;scale_max=5;scale_min=1;"delivery"=5/1,2/1;"price"=4/1,3/1'::ipa_state::text$$),
('a trailing ;', $$'v2;scale_min=1;scale_max=5;"delivery"=5/1,2/1;"price"=4/1,3/1;'::ipa_state::text$$),
('an unterminated quote', $$'v2;scale_min=1;scale_max=5;"delivery"=5/1,2/1;"price"=4/1,3/1"'::ipa_state::text$$),
('no factors', $$'v2;scale_min=1;scale_max=5'::ipa_state::text$$),
('factors unsorted', $$'v2;scale_min=1;scale_max=5;"price"=4/1,3/1;"delivery"=5/1,2/1'::ipa_state::text$$),
('factor twice', $$'v2;scale_min=1;scale_max=5;"price"=4/1,3/1;"price"=4/1,3/1'::ipa_state::text$$),
('mean rating off the scale', $$'v2;scale_min=1;scale_max=5;"price"=12/2,3/1'::ipa_state::text$$),
('no importance rating (0/0)', $$'v2;scale_min=1;scale_max=5;"price"=0/0,3/1'::ipa_state::text$$),
('negative count', $$'v2;scale_min=1;scale_max=5;"price"=4/-1,3/1'::ipa_state::text$$),
('sum NaN', $$'v2;scale_min=1;scale_max=5;"price"=NaN/1,3/1'::ipa_state::text$$),
('scale min > max', $$'v2;scale_min=5;scale_max=1;"price"=4/1,3/1'::ipa_state::text$$),
('unterminated factor name', $$'v2;scale_min=1;scale_max=5;"price=4/1,3/1'::ipa_state::text$$)) v;
INSERT INTO cases (function, input, query) SELECT 'ipa_factors(ipa_state)', * FROM (VALUES
('NULL', $$count(*) FROM ipa_factors(NULL::ipa_state)$$),
('two factors (grand means 4.5, 2.5)', $$string_agg(factor || ':' || quadrant || ':' || rank, ' ' ORDER BY rank) FROM ipa_factors(:ipa2)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'ipa_factors(ipa_state,float8,float8)', * FROM (VALUES
('thresholds NULL', $$count(*) FROM ipa_factors(:ipa1, NULL, 3)$$),
('threshold NaN', $$count(*) FROM ipa_factors(:ipa1, 'NaN', 3)$$),
('threshold Infinity', $$count(*) FROM ipa_factors(:ipa1, 3, 'Infinity')$$),
('thresholds off the scale (100, -100)', $$string_agg(quadrant, ' ') FROM ipa_factors(:ipa1, 100, -100)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'grand_means(ipa_state)', * FROM (VALUES
('NULL', $$grand_means(NULL::ipa_state)::text$$),
('means (4 + 5) / 2, (3 + 2) / 2', $$grand_means(:ipa2)::text$$)) v;

-- binary input: the receive function reads bytes given through COPY (FORMAT binary)
INSERT INTO cases (function, input, query) SELECT 'ipa_state_send(ipa_state)', * FROM (VALUES
('NULL', $$ipa_state_send(NULL::ipa_state)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'ipa_state_recv(internal)', * FROM (VALUES
('the bytes of send', $$pg_temp.recv('ipa_state', ipa_state_send(:ipa2))$$),
('no bytes', $$pg_temp.recv('ipa_state', '\x')$$),
('last byte missing', $$pg_temp.recv('ipa_state', pg_temp.chop(ipa_state_send(:ipa2)))$$),
('a byte too many', $$pg_temp.recv('ipa_state', ipa_state_send(:ipa2) || '\x00'::bytea)$$),
('first byte 0xff', $$pg_temp.recv('ipa_state', pg_temp.poke(ipa_state_send(:ipa2), 1, '\xff'))$$),
('bytes 5-8 0xff', $$pg_temp.recv_any('ipa_state', pg_temp.poke(ipa_state_send(:ipa2), 5, '\xffffffff'))$$),
('a factor name that is not UTF-8: "deliver\xff" (issue 14)', $$pg_temp.recv('ipa_state', pg_temp.poke(ipa_state_send(:ipa2), 34, '\xff'))$$),
('a factor name cut inside a UTF-8 character (issue 14)', $$pg_temp.recv('ipa_state', overlay(ipa_state_send('v2;scale_min=1;scale_max=5;"dé"=5/1,2/1'::ipa_state) placing '\x00000002'::bytea || '\x64c3'::bytea from 23 for 7))$$)) v;

SELECT n, function, input, pg_temp.outcome(query) AS outcome FROM cases ORDER BY n;

-- Every error above is of class 22, except the documented limit of 100 factors (54000); and 08P01
-- for binary input of the wrong length (PostgreSQL's message reader raises it for every type's
-- receive function, built-in types included).
SELECT n, function, input, pg_temp.outcome(query) AS outcome
FROM cases WHERE pg_temp.outcome(query) LIKE 'ERROR%' AND pg_temp.outcome(query) NOT LIKE 'ERROR 22%'
  AND pg_temp.outcome(query) <> 'ERROR 54000'
  AND NOT (function LIKE '%\_recv(internal)' AND pg_temp.outcome(query) = 'ERROR 08P01');

DROP TABLE cases;
