-- Bad input to the complaint signal (complaint_agg, complaints_per_1000, the state and its accessors),
-- tried with NULL, empty, zero, negative, NaN, +-Infinity, huge values and malformed text and bytes.
-- Each case gives a documented result or an error of SQLSTATE class 22 (doc/hardening.md points to
-- this table).
SET extra_float_digits = 0;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';

-- outcome(query [, setting]) and recv(type, bytes): test/regress/hardening_helpers.sql.
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/hardening_helpers.sql

CREATE TEMP TABLE cases (n serial, function text, input text, query text);
-- Samples: :c2 two orders and a complaint, :c600 600 orders without one.
INSERT INTO samples VALUES
('c2', $$'v2;orders=2;complaints=1'::complaint_state$$),
('c600', $$'v2;orders=600;complaints=0'::complaint_state$$);
INSERT INTO cases (function, input, query) SELECT 'complaint_agg(boolean)', * FROM (VALUES
('no rows', $$complaint_agg(c)::text FROM (VALUES (true)) v(c) WHERE false$$),
('only NULLs', $$complaint_agg(c)::text FROM (VALUES (NULL::boolean), (NULL)) v(c)$$),
('moving window of 2 (complaints/orders)', $$string_agg(complaint_count(s) || '/' || order_count(s), ' ' ORDER BY i) FROM (SELECT i, complaint_agg(c) OVER (ORDER BY i ROWS 1 PRECEDING) s FROM (VALUES (1, true), (2, false), (3, NULL), (4, true)) v(i, c)) w$$)) v;
INSERT INTO cases (function, input, query) SELECT 'complaint_agg(integer)', * FROM (VALUES
('count -1', $$complaint_agg(c)::text FROM (VALUES (-1)) v(c)$$),
('counts 2147483647 and 0', $$complaint_agg(c)::text FROM (VALUES (2147483647), (0), (NULL)) v(c)$$),
('moving window, -1 in the frame', $$string_agg(complaint_count(s)::text, ' ') FROM (SELECT complaint_agg(c) OVER (ORDER BY i ROWS 1 PRECEDING) s FROM (VALUES (1, 1), (2, -1)) v(i, c)) w$$)) v;
INSERT INTO cases (function, input, query) SELECT 'complaints_per_1000(boolean)', * FROM (VALUES
('1 of 4 orders', $$complaints_per_1000(c) FROM (VALUES (true), (false), (false), (false), (NULL)) v(c)$$),
('no rows', $$complaints_per_1000(c) FROM (VALUES (true)) v(c) WHERE false$$)) v;
INSERT INTO cases (function, input, query) SELECT 'complaints_per_1000(complaint_state)', * FROM (VALUES
('no orders', $$complaints_per_1000('v2;orders=0;complaints=0'::complaint_state)$$),
('complaints without orders', $$complaints_per_1000('v2;orders=0;complaints=1'::complaint_state)$$),
('3 complaints on 2 orders', $$complaints_per_1000('v2;orders=2;complaints=3'::complaint_state)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'order_count(complaint_state)', * FROM (VALUES
('NULL', $$order_count(NULL::complaint_state)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'complaint_count(complaint_state)', * FROM (VALUES
('NULL', $$complaint_count(NULL::complaint_state)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'alarming_silence(complaint_state,bigint)', * FROM (VALUES
('min_orders NULL', $$alarming_silence(:c600, NULL)$$),
('600 orders, none, default 500', $$alarming_silence(:c600)$$),
('499 orders, none, default 500', $$alarming_silence('v2;orders=499;complaints=0'::complaint_state)$$),
('min_orders 1, no orders', $$alarming_silence('v2;orders=0;complaints=0'::complaint_state, 1)$$),
('min_orders 0', $$alarming_silence(:c600, 0)$$),
('min_orders -1', $$alarming_silence(:c600, -1)$$),
('min_orders 2^63 - 1', $$alarming_silence('v2;orders=9223372036854775807;complaints=0'::complaint_state, 9223372036854775807)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'rollup(complaint_state)', * FROM (VALUES
('orders overflow', $$rollup(s)::text FROM (VALUES ('v2;orders=9223372036854775807;complaints=0'::complaint_state), ('v2;orders=1;complaints=0')) v(s)$$),
('complaints overflow', $$rollup(s)::text FROM (VALUES ('v2;orders=1;complaints=9223372036854775807'::complaint_state), ('v2;orders=1;complaints=1')) v(s)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'complaint_state_in(cstring)', * FROM (VALUES
('empty text', $$''::complaint_state::text$$),
('version v3', $$'v3;orders=1;complaints=0'::complaint_state::text$$),
('the released 1.0 form (v1, fields separated by spaces)', $$'v1 orders=2 complaints=1'::complaint_state::text$$),
('the 1.0 form with the new separator (v1;)', $$'v1;orders=2;complaints=1'::complaint_state::text$$),
('v2 with spaces', $$'v2 orders=2 complaints=1'::complaint_state::text$$),
('an empty field (;;)', $$'v2;;orders=2;complaints=1'::complaint_state::text$$),
('fields out of order', $$'v2;complaints=1;orders=2'::complaint_state::text$$),
('a trailing ;', $$'v2;orders=2;complaints=1;'::complaint_state::text$$),
('an unterminated quote', $$'v2;orders=2;complaints=1"'::complaint_state::text$$),
('negative orders', $$'v2;orders=-1;complaints=0'::complaint_state::text$$),
('complaints without orders', $$'v2;orders=0;complaints=1'::complaint_state::text$$),
('orders 2^63', $$'v2;orders=9223372036854775808;complaints=0'::complaint_state::text$$),
('orders 1.5', $$'v2;orders=1.5;complaints=0'::complaint_state::text$$),
('trailing text', $$'v2;orders=1;complaints=0;x'::complaint_state::text$$)) v;

-- binary input: the receive function reads bytes given through COPY (FORMAT binary)
INSERT INTO cases (function, input, query) SELECT 'complaint_state_send(complaint_state)', * FROM (VALUES
('NULL', $$complaint_state_send(NULL::complaint_state)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'complaint_state_recv(internal)', * FROM (VALUES
('the bytes of send', $$pg_temp.recv('complaint_state', complaint_state_send(:c2))$$),
('no bytes', $$pg_temp.recv('complaint_state', '\x')$$),
('last byte missing', $$pg_temp.recv('complaint_state', pg_temp.chop(complaint_state_send(:c2)))$$),
('a byte too many', $$pg_temp.recv('complaint_state', complaint_state_send(:c2) || '\x00'::bytea)$$),
('first byte 0xff', $$pg_temp.recv('complaint_state', pg_temp.poke(complaint_state_send(:c2), 1, '\xff'))$$),
('bytes 5-8 0xff', $$pg_temp.recv_any('complaint_state', pg_temp.poke(complaint_state_send(:c2), 5, '\xffffffff'))$$)) v;

SELECT n, function, input, pg_temp.outcome(query) AS outcome FROM cases ORDER BY n;

-- Every error above is of class 22, except 08P01
-- for binary input of the wrong length (PostgreSQL's message reader raises it for every type's
-- receive function, built-in types included).
SELECT n, function, input, pg_temp.outcome(query) AS outcome
FROM cases WHERE pg_temp.outcome(query) LIKE 'ERROR%' AND pg_temp.outcome(query) NOT LIKE 'ERROR 22%'
  AND NOT (function LIKE '%\_recv(internal)' AND pg_temp.outcome(query) = 'ERROR 08P01');

DROP TABLE cases;
