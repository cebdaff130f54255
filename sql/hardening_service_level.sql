-- Bad input to service levels (service_level, service_level_agg, the state and its accessors), tried
-- with NULL, empty, zero, negative, NaN, +-Infinity, huge values and malformed text and bytes.  Each
-- case gives a documented result or an error of SQLSTATE class 22 (doc/hardening.md points to this
-- table).
SET extra_float_digits = 0;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';

-- outcome(query [, setting]) and recv(type, bytes): test/regress/hardening_helpers.sql.
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/hardening_helpers.sql

CREATE TEMP TABLE cases (n serial, function text, input text, query text);
-- Samples: :sl0 no ratings (tolerance 0), :sl3 one low, standard and wow (tolerance 0.5).
INSERT INTO samples VALUES
('sl0', $$'v2;tolerance=0;low=0;standard=0;wow=0'::service_level_state$$),
('sl3', $$'v2;tolerance=0.5;low=1;standard=1;wow=1'::service_level_state$$);
-- service_level: low when perceived < expected - tolerance, wow when perceived > expected + tolerance
INSERT INTO cases (function, input, query) SELECT 'service_level(float8,float8,float8)', * FROM (VALUES
('expected NULL', $$service_level(NULL, 3)$$),
('tolerance NULL', $$service_level(3, 3, NULL)$$),
('4, 3.5, tolerance 0.5 (edge)', $$service_level(4, 3.5, 0.5)$$),
('4, 3.4, tolerance 0.5', $$service_level(4, 3.4, 0.5)$$),
('expected NaN', $$service_level('NaN', 3)$$),
('perceived Infinity', $$service_level(3, 'Infinity')$$),
('perceived -Infinity', $$service_level(3, '-Infinity')$$),
('tolerance -1', $$service_level(3, 3, -1)$$),
('tolerance NaN', $$service_level(3, 3, 'NaN')$$),
('tolerance Infinity', $$service_level(3, 3, 'Infinity')$$),
('expected 1e308, perceived -1e308', $$service_level(1e308, -1e308)$$),
('expected -1e308, perceived 1e308, tolerance 1e308', $$service_level(-1e308, 1e308, 1e308)$$)) v;
-- service_level_agg
INSERT INTO cases (function, input, query) SELECT 'service_level_agg(float8,float8,float8)', * FROM (VALUES
('no rows', $$service_level_agg(e, p, 0)::text FROM (VALUES (1.0, 1.0)) v(e, p) WHERE false$$),
('NULL perceived skipped', $$service_level_agg(e, p, 0.5)::text FROM (VALUES (3, NULL), (3, 2), (3, 3.5), (3, 4)) v(e, p)$$),
('tolerance NULL', $$service_level_agg(e, p, NULL)::text FROM (VALUES (3, 3)) v(e, p)$$),
('tolerance changes within a group', $$service_level_agg(e, p, e / 10.0)::text FROM (VALUES (3, 3), (4, 4)) v(e, p)$$),
('perceived NaN', $$service_level_agg(e, p, 0)::text FROM (VALUES (3, 'NaN'::float8)) v(e, p)$$),
('tolerance -0.5', $$service_level_agg(e, p, -0.5)::text FROM (VALUES (3, 3)) v(e, p)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'service_level_agg(float8,float8)', * FROM (VALUES
('expected Infinity', $$service_level_agg(e, p)::text FROM (VALUES ('Infinity'::float8, 3)) v(e, p)$$),
('moving window of 2 (low/standard/wow)', $$string_agg(level_count(s, 'low') || '/' || level_count(s, 'standard') || '/' || level_count(s, 'wow'), ' ' ORDER BY i) FROM (SELECT i, service_level_agg(3, p) OVER (ORDER BY i ROWS 1 PRECEDING) s FROM (VALUES (1, 2), (2, 3), (3, 4)) v(i, p)) w$$),
('moving window, NaN in the frame', $$string_agg(level_count(s, 'low')::text, ' ') FROM (SELECT service_level_agg(3, p) OVER (ORDER BY i ROWS 1 PRECEDING) s FROM (VALUES (1, 2::float8), (2, 'NaN'), (3, 4)) v(i, p)) w$$)) v;
INSERT INTO cases (function, input, query) SELECT 'rollup(service_level_state)', * FROM (VALUES
('different tolerances', $$rollup(s)::text FROM (VALUES ('v2;tolerance=0;low=1;standard=0;wow=0'::service_level_state), ('v2;tolerance=0.5;low=1;standard=0;wow=0')) v(s)$$),
('count overflow', $$rollup(s)::text FROM (VALUES ('v2;tolerance=0;low=9223372036854775807;standard=0;wow=0'::service_level_state), ('v2;tolerance=0;low=1;standard=0;wow=0')) v(s)$$),
('total overflow', $$response_count(rollup(s)) FROM (VALUES ('v2;tolerance=0;low=9223372036854775807;standard=0;wow=0'::service_level_state), ('v2;tolerance=0;low=0;standard=0;wow=1')) v(s)$$),
('only NULLs', $$rollup(s)::text FROM (VALUES (NULL::service_level_state), (NULL)) v(s)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'service_level_state_in(cstring)', * FROM (VALUES
('empty text', $$''::service_level_state::text$$),
('version v3', $$'v3;tolerance=0;low=1;standard=0;wow=0'::service_level_state::text$$),
('the released 1.0 form (v1, fields separated by spaces)', $$'v1 tolerance=0.5 low=1 standard=2 wow=3'::service_level_state::text$$),
('the 1.0 form with the new separator (v1;)', $$'v1;tolerance=0.5;low=1;standard=2;wow=3'::service_level_state::text$$),
('v2 with spaces', $$'v2 tolerance=0.5 low=1 standard=2 wow=3'::service_level_state::text$$),
('an empty field (;;)', $$'v2;;tolerance=0.5;low=1;standard=2;wow=3'::service_level_state::text$$),
('fields out of order', $$'v2;low=1;tolerance=0.5;standard=2;wow=3'::service_level_state::text$$),
('a trailing ;', $$'v2;tolerance=0.5;low=1;standard=2;wow=3;'::service_level_state::text$$),
('an unterminated quote', $$'v2;tolerance=0.5;low=1;standard=2;wow=3"'::service_level_state::text$$),
('negative count', $$'v2;tolerance=0;low=-1;standard=0;wow=0'::service_level_state::text$$),
('count 2^63', $$'v2;tolerance=0;low=9223372036854775808;standard=0;wow=0'::service_level_state::text$$),
('counts with total past 2^63 - 1', $$'v2;tolerance=0;low=9223372036854775807;standard=1;wow=0'::service_level_state::text$$),
('tolerance -1', $$'v2;tolerance=-1;low=1;standard=0;wow=0'::service_level_state::text$$),
('tolerance NaN', $$'v2;tolerance=NaN;low=1;standard=0;wow=0'::service_level_state::text$$),
('tolerance Infinity', $$'v2;tolerance=Infinity;low=1;standard=0;wow=0'::service_level_state::text$$),
('missing wow', $$'v2;tolerance=0;low=1;standard=0'::service_level_state::text$$),
('trailing text', $$'v2;tolerance=0;low=1;standard=0;wow=0;x'::service_level_state::text$$)) v;
INSERT INTO cases (function, input, query) SELECT 'response_count(service_level_state)', * FROM (VALUES
('NULL', $$response_count(NULL::service_level_state)$$),
('no responses', $$response_count(:sl0)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'level_count(service_level_state,service_level)', * FROM (VALUES
('no responses, low', $$level_count(:sl0, 'low')$$),
('no responses, standard', $$level_count(:sl0, 'standard')$$),
('no responses, wow', $$level_count(:sl0, 'wow')$$),
('one of each (tolerance 0.5)', $$level_count(:sl3, 'low') || '/' || level_count(:sl3, 'standard') || '/' || level_count(:sl3, 'wow')$$),
('level NULL', $$level_count(:sl3, NULL)$$),
('level ''great'' (no such level)', $$level_count(:sl3, 'great')$$)) v;
INSERT INTO cases (function, input, query) SELECT 'level_share(service_level_state,service_level)', * FROM (VALUES
('no responses, low', $$level_share(:sl0, 'low')$$),
('no responses, standard', $$level_share(:sl0, 'standard')$$),
('no responses, wow', $$level_share(:sl0, 'wow')$$),
('2^63 - 1 wow of 2^63 - 1', $$level_share('v2;tolerance=0;low=0;standard=0;wow=9223372036854775807'::service_level_state, 'wow')$$),
('1 low, 2 standard, 4 wow', $$level_share(s, 'low') || '/' || level_share(s, 'standard') || '/' || level_share(s, 'wow') FROM (VALUES ('v2;tolerance=0;low=1;standard=2;wow=4'::service_level_state)) v(s)$$),
('level NULL', $$level_share(:sl3, NULL)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'level_tolerance(service_level_state)', * FROM (VALUES
('tolerance 0.5', $$level_tolerance('v2;tolerance=0.5;low=0;standard=0;wow=0'::service_level_state)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'level_counts(service_level_state)', * FROM (VALUES
('no responses', $$level_counts(:sl0)$$)) v;

-- binary input: the receive function reads bytes given through COPY (FORMAT binary)
INSERT INTO cases (function, input, query) SELECT 'service_level_state_send(service_level_state)', * FROM (VALUES
('NULL', $$service_level_state_send(NULL::service_level_state)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'service_level_state_recv(internal)', * FROM (VALUES
('the bytes of send', $$pg_temp.recv('service_level_state', service_level_state_send(:sl3))$$),
('no bytes', $$pg_temp.recv('service_level_state', '\x')$$),
('last byte missing', $$pg_temp.recv('service_level_state', pg_temp.chop(service_level_state_send(:sl3)))$$),
('a byte too many', $$pg_temp.recv('service_level_state', service_level_state_send(:sl3) || '\x00'::bytea)$$),
('first byte 0xff', $$pg_temp.recv('service_level_state', pg_temp.poke(service_level_state_send(:sl3), 1, '\xff'))$$),
('bytes 5-8 0xff', $$pg_temp.recv_any('service_level_state', pg_temp.poke(service_level_state_send(:sl3), 5, '\xffffffff'))$$)) v;

SELECT n, function, input, pg_temp.outcome(query) AS outcome FROM cases ORDER BY n;

-- Every error above is of class 22, except 08P01
-- for binary input of the wrong length (PostgreSQL's message reader raises it for every type's
-- receive function, built-in types included).
SELECT n, function, input, pg_temp.outcome(query) AS outcome
FROM cases WHERE pg_temp.outcome(query) LIKE 'ERROR%' AND pg_temp.outcome(query) NOT LIKE 'ERROR 22%'
  AND NOT (function LIKE '%\_recv(internal)' AND pg_temp.outcome(query) = 'ERROR 08P01');

DROP TABLE cases;
