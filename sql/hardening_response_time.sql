-- Bad input to response-time standards (response_time_agg, compliant_share, the state and its
-- accessors), tried with NULL, empty, zero, negative, NaN, +-Infinity, huge values and malformed text
-- and bytes.  Each case gives a documented result or an error of SQLSTATE class 22 (doc/hardening.md
-- points to this table).
SET extra_float_digits = 0;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';

-- outcome(query [, setting]) and recv(type, bytes): test/regress/hardening_helpers.sql.
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/hardening_helpers.sql

CREATE TEMP TABLE cases (n serial, function text, input text, query text);
-- Samples: :rt4 four responses (0 to 40 s, sum 75 s, 2 within the target of 20 s).
INSERT INTO samples VALUES
('rt4', $$'v2;target=20;accuracy=0.01;responses=4;compliant=2;min=0;max=40;sum=75;zeros=1;buckets=116:1,161:1,185:1'::response_time_state$$);
INSERT INTO cases (function, input, query) SELECT 'response_time_agg(float8,float8)', * FROM (VALUES
('no rows', $$response_time_agg(s, 20)::text FROM (VALUES (1.0)) v(s) WHERE false$$),
('only NULL times', $$response_time_agg(s, 20)::text FROM (VALUES (NULL::float8), (NULL)) v(s)$$),
('times 0 and 1e12 (responses, compliant, min, max)', $$response_count(s) || ' ' || compliant_count(s) || ' ' || min_response(s) || ' ' || max_response(s) FROM (SELECT response_time_agg(s, 20) s FROM (VALUES (0), (1e12)) v(s)) a$$),
('time -1.5', $$response_time_agg(s, 20)::text FROM (VALUES (-1.5)) v(s)$$),
('time -0.0', $$min_response(response_time_agg(s, 20)) || ' ' || response_time_agg(s, 20)::text FROM (VALUES ('-0'::float8)) v(s)$$),
('time 1e12 + 1', $$response_time_agg(s, 20)::text FROM (VALUES (1e12 + 1)) v(s)$$),
('time NaN', $$response_time_agg(s, 20)::text FROM (VALUES ('NaN'::float8)) v(s)$$),
('time Infinity', $$response_time_agg(s, 20)::text FROM (VALUES ('Infinity'::float8)) v(s)$$),
('target NULL', $$response_time_agg(s, NULL)::text FROM (VALUES (1.0)) v(s)$$),
('target NULL, time NULL', $$response_time_agg(s, NULL)::text FROM (VALUES (NULL::float8)) v(s)$$),
('target -1', $$response_time_agg(s, -1)::text FROM (VALUES (1.0)) v(s)$$),
('target NaN', $$response_time_agg(s, 'NaN')::text FROM (VALUES (1.0)) v(s)$$),
('target Infinity', $$response_time_agg(s, 'Infinity')::text FROM (VALUES (1.0)) v(s)$$),
('target 1e12 + 1', $$response_time_agg(s, 1e12 + 1)::text FROM (VALUES (1.0)) v(s)$$),
('target 0, time 0', $$compliant_share(response_time_agg(s, 0)) FROM (VALUES (0)) v(s)$$),
('target changes within a group', $$response_time_agg(s, s)::text FROM (VALUES (1.0), (2.0)) v(s)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'response_time_agg(interval,interval)', * FROM (VALUES
('negative interval', $$response_time_agg(s, '20 seconds')::text FROM (VALUES ('-1 second'::interval)) v(s)$$),
('interval of 100000 years', $$response_time_agg(s, '20 seconds')::text FROM (VALUES ('100000 years'::interval)) v(s)$$),
('target -1 second', $$response_time_agg(s, '-1 second')::text FROM (VALUES ('1 second'::interval)) v(s)$$),
('1 month (30 days) against 30 days', $$compliant_share(response_time_agg(s, '30 days')) FROM (VALUES ('1 month'::interval)) v(s)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'compliant_share(float8,float8)', * FROM (VALUES
('2 of 4 within 20 s', $$compliant_share(s, 20) FROM (VALUES (10), (20), (20.5), (40)) v(s)$$),
('no rows', $$compliant_share(s, 20) FROM (VALUES (1.0)) v(s) WHERE false$$),
('time NaN', $$compliant_share(s, 20) FROM (VALUES ('NaN'::float8)) v(s)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'compliant_share(interval,interval)', * FROM (VALUES
('target NULL', $$compliant_share(s, NULL) FROM (VALUES ('1 second'::interval)) v(s)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'rollup(response_time_state)', * FROM (VALUES
('different targets', $$rollup(s)::text FROM (SELECT response_time_agg(t, t) s FROM (VALUES (1.0), (2.0)) v(t) GROUP BY t) a$$),
('only NULLs', $$rollup(s)::text FROM (VALUES (NULL::response_time_state)) v(s)$$),
('count overflow', $$rollup(s)::text FROM (VALUES ('v2;target=20;accuracy=0.01;responses=9223372036854775807;compliant=0;min=40;max=40;sum=368934881474191032320;zeros=0;buckets=185:9223372036854775807'::response_time_state), ('v2;target=20;accuracy=0.01;responses=1;compliant=0;min=40;max=40;sum=40;zeros=0;buckets=185:1')) v(s)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'response_time_state_in(cstring)', * FROM (VALUES
('empty text', $$''::response_time_state::text$$),
('garbage', $$'garbage'::response_time_state::text$$),
('round trip', $$'v2;target=20;accuracy=0.01;responses=4;compliant=2;min=0;max=40;sum=75;zeros=1;buckets=116:1,161:1,185:1'::response_time_state::text$$),
('version v3', $$'v3;target=20;accuracy=0.01;responses=4;compliant=2;min=0;max=40;sum=75;zeros=1;buckets=116:1,161:1,185:1'::response_time_state::text$$),
('the released 1.0 form (v1, fields separated by spaces)', $$'v1 target=20 accuracy=0.01 responses=4 compliant=2 min=0 max=40 sum=75 zeros=1 buckets=116:1,161:1,185:1'::response_time_state::text$$),
('the 1.0 form with the new separator (v1;)', $$'v1;target=20;accuracy=0.01;responses=4;compliant=2;min=0;max=40;sum=75;zeros=1;buckets=116:1,161:1,185:1'::response_time_state::text$$),
('v2 with spaces', $$'v2 target=20 accuracy=0.01 responses=4 compliant=2 min=0 max=40 sum=75 zeros=1 buckets=116:1,161:1,185:1'::response_time_state::text$$),
('an empty field (;;)', $$'v2;;target=20;accuracy=0.01;responses=4;compliant=2;min=0;max=40;sum=75;zeros=1;buckets=116:1,161:1,185:1'::response_time_state::text$$),
('fields out of order', $$'v2;accuracy=0.01;target=20;responses=4;compliant=2;min=0;max=40;sum=75;zeros=1;buckets=116:1,161:1,185:1'::response_time_state::text$$),
('a trailing ;', $$'v2;target=20;accuracy=0.01;responses=4;compliant=2;min=0;max=40;sum=75;zeros=1;buckets=116:1,161:1,185:1;'::response_time_state::text$$),
('an unterminated quote', $$'v2;target=20;accuracy=0.01;responses=4;compliant=2;min=0;max=40;sum=75;zeros=1;buckets=116:1,161:1,185:1"'::response_time_state::text$$),
('accuracy 0.02', $$'v2;target=20;accuracy=0.02;responses=4;compliant=2;min=0;max=40;sum=75;zeros=1;buckets=116:1,161:1,185:1'::response_time_state::text$$),
('responses do not add up', $$'v2;target=20;accuracy=0.01;responses=5;compliant=2;min=0;max=40;sum=75;zeros=1;buckets=116:1,161:1,185:1'::response_time_state::text$$),
('compliant > responses', $$'v2;target=20;accuracy=0.01;responses=4;compliant=5;min=0;max=40;sum=75;zeros=1;buckets=116:1,161:1,185:1'::response_time_state::text$$),
('min > max', $$'v2;target=20;accuracy=0.01;responses=4;compliant=2;min=50;max=40;sum=75;zeros=1;buckets=116:1,161:1,185:1'::response_time_state::text$$),
('sum NaN', $$'v2;target=20;accuracy=0.01;responses=4;compliant=2;min=0;max=40;sum=NaN;zeros=1;buckets=116:1,161:1,185:1'::response_time_state::text$$),
('sum above responses * max', $$'v2;target=20;accuracy=0.01;responses=4;compliant=2;min=0;max=40;sum=1000;zeros=1;buckets=116:1,161:1,185:1'::response_time_state::text$$),
('buckets unsorted', $$'v2;target=20;accuracy=0.01;responses=4;compliant=2;min=0;max=40;sum=75;zeros=1;buckets=161:1,116:1,185:1'::response_time_state::text$$),
('bucket key -1 (times near 1 s)', $$'v2;target=20;accuracy=0.01;responses=4;compliant=2;min=0;max=40;sum=75;zeros=1;buckets=-1:1,161:1,185:1'::response_time_state::text$$),
('target NaN', $$'v2;target=NaN;accuracy=0.01;responses=4;compliant=2;min=0;max=40;sum=75;zeros=1;buckets=116:1,161:1,185:1'::response_time_state::text$$),
('max 1e13', $$'v2;target=20;accuracy=0.01;responses=1;compliant=0;min=1e13;max=1e13;sum=1e13;zeros=0;buckets=185:1'::response_time_state::text$$)) v;
INSERT INTO cases (function, input, query) SELECT 'response_count(response_time_state)', * FROM (VALUES
('NULL', $$response_count(NULL::response_time_state)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'compliant_count(response_time_state)', * FROM (VALUES
('NULL', $$compliant_count(NULL::response_time_state)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'compliant_share(response_time_state)', * FROM (VALUES
('2 of 4', $$compliant_share(:rt4)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'response_target(response_time_state)', * FROM (VALUES
('target 20', $$response_target(:rt4)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'mean_response(response_time_state)', * FROM (VALUES
('75 / 4', $$mean_response(:rt4)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'min_response(response_time_state)', * FROM (VALUES
('NULL', $$min_response(NULL::response_time_state)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'max_response(response_time_state)', * FROM (VALUES
('NULL', $$max_response(NULL::response_time_state)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'response_percentile(response_time_state,float8)', * FROM (VALUES
('fraction 0 (the minimum)', $$response_percentile(:rt4, 0)$$),
('fraction 1 (the maximum)', $$response_percentile(:rt4, 1)$$),
('fraction NULL', $$response_percentile(:rt4, NULL::float8)$$),
('fraction -0.1', $$response_percentile(:rt4, -0.1)$$),
('fraction 1.1', $$response_percentile(:rt4, 1.1)$$),
('fraction NaN', $$response_percentile(:rt4, 'NaN'::float8)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'response_percentile(response_time_state,float8[])', * FROM (VALUES
('fractions {0,1}', $$response_percentile(:rt4, '{0,1}'::float8[])::text$$),
('no fractions', $$response_percentile(:rt4, '{}'::float8[])::text$$),
('a NULL fraction', $$response_percentile(:rt4, '{0,NULL}'::float8[])::text$$),
('a fraction Infinity', $$response_percentile(:rt4, '{0,Infinity}'::float8[])::text$$),
('two-dimensional array', $$response_percentile(:rt4, '{{0,1},{0,1}}'::float8[])::text$$)) v;

-- binary input: the receive function reads bytes given through COPY (FORMAT binary)
INSERT INTO cases (function, input, query) SELECT 'response_time_state_send(response_time_state)', * FROM (VALUES
('NULL', $$response_time_state_send(NULL::response_time_state)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'response_time_state_recv(internal)', * FROM (VALUES
('the bytes of send', $$pg_temp.recv('response_time_state', response_time_state_send(:rt4))$$),
('no bytes', $$pg_temp.recv('response_time_state', '\x')$$),
('last byte missing', $$pg_temp.recv('response_time_state', pg_temp.chop(response_time_state_send(:rt4)))$$),
('a byte too many', $$pg_temp.recv('response_time_state', response_time_state_send(:rt4) || '\x00'::bytea)$$),
('first byte 0xff', $$pg_temp.recv('response_time_state', pg_temp.poke(response_time_state_send(:rt4), 1, '\xff'))$$),
('bytes 5-8 0xff', $$pg_temp.recv_any('response_time_state', pg_temp.poke(response_time_state_send(:rt4), 5, '\xffffffff'))$$)) v;

SELECT n, function, input, pg_temp.outcome(query) AS outcome FROM cases ORDER BY n;

-- Every error above is of class 22, except 08P01
-- for binary input of the wrong length (PostgreSQL's message reader raises it for every type's
-- receive function, built-in types included).
SELECT n, function, input, pg_temp.outcome(query) AS outcome
FROM cases WHERE pg_temp.outcome(query) LIKE 'ERROR%' AND pg_temp.outcome(query) NOT LIKE 'ERROR 22%'
  AND NOT (function LIKE '%\_recv(internal)' AND pg_temp.outcome(query) = 'ERROR 08P01');

DROP TABLE cases;
