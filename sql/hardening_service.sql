-- Bad input to the service-quality family (issue 7): service levels,
-- response-time standards, importance-performance analysis and the complaint
-- signal (aggregates, rollup, accessors, text input of the four states) tried
-- with NULL, empty, zero, negative, NaN, +-Infinity, huge values and
-- malformed text.  Each case gives a documented result or an error of
-- SQLSTATE class 22, except the documented limit of 100 IPA factors (54000)
-- (doc/hardening.md points to this table).
SET extra_float_digits = 0;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';

-- outcome(query [, setting]) and recv(type, bytes): test/regress/hardening_helpers.sql.
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/hardening_helpers.sql

CREATE TEMP TABLE cases (n serial, function text, input text, query text);
-- Samples: :rt4 four responses (0 to 40 s, sum 75 s, 2 within the target of 20 s), :ipa2 two factors, :ipa1 one,
-- :sl0 no ratings (tolerance 0), :sl3 one low, standard and wow (tolerance 0.5), :c2 two orders and a complaint,
-- :c600 600 orders without one.
INSERT INTO samples VALUES
('rt4', $$'v2;target=20;accuracy=0.01;responses=4;compliant=2;min=0;max=40;sum=75;zeros=1;buckets=116:1,161:1,185:1'::response_time_state$$),
('ipa2', $$'v2;scale_min=1;scale_max=5;"delivery"=5/1,2/1;"price"=4/1,3/1'::ipa_state$$),
('ipa1', $$'v2;scale_min=1;scale_max=5;"price"=4/1,3/1'::ipa_state$$),
('sl0', $$'v2;tolerance=0;low=0;standard=0;wow=0'::service_level_state$$),
('sl3', $$'v2;tolerance=0.5;low=1;standard=1;wow=1'::service_level_state$$),
('c2', $$'v2;orders=2;complaints=1'::complaint_state$$),
('c600', $$'v2;orders=600;complaints=0'::complaint_state$$);
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
-- response times
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
-- importance-performance analysis (default scale 1..5)
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
-- complaints
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

-- binary input: the receive functions read bytes given through COPY (FORMAT binary)
INSERT INTO cases (function, input, query) SELECT 'service_level_state_send(service_level_state)', * FROM (VALUES
('NULL', $$service_level_state_send(NULL::service_level_state)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'service_level_state_recv(internal)', * FROM (VALUES
('the bytes of send', $$pg_temp.recv('service_level_state', service_level_state_send(:sl3))$$),
('no bytes', $$pg_temp.recv('service_level_state', '\x')$$),
('last byte missing', $$pg_temp.recv('service_level_state', pg_temp.chop(service_level_state_send(:sl3)))$$),
('a byte too many', $$pg_temp.recv('service_level_state', service_level_state_send(:sl3) || '\x00'::bytea)$$),
('first byte 0xff', $$pg_temp.recv('service_level_state', pg_temp.poke(service_level_state_send(:sl3), 1, '\xff'))$$),
('bytes 5-8 0xff', $$pg_temp.recv_any('service_level_state', pg_temp.poke(service_level_state_send(:sl3), 5, '\xffffffff'))$$)) v;
INSERT INTO cases (function, input, query) SELECT 'response_time_state_send(response_time_state)', * FROM (VALUES
('NULL', $$response_time_state_send(NULL::response_time_state)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'response_time_state_recv(internal)', * FROM (VALUES
('the bytes of send', $$pg_temp.recv('response_time_state', response_time_state_send(:rt4))$$),
('no bytes', $$pg_temp.recv('response_time_state', '\x')$$),
('last byte missing', $$pg_temp.recv('response_time_state', pg_temp.chop(response_time_state_send(:rt4)))$$),
('a byte too many', $$pg_temp.recv('response_time_state', response_time_state_send(:rt4) || '\x00'::bytea)$$),
('first byte 0xff', $$pg_temp.recv('response_time_state', pg_temp.poke(response_time_state_send(:rt4), 1, '\xff'))$$),
('bytes 5-8 0xff', $$pg_temp.recv_any('response_time_state', pg_temp.poke(response_time_state_send(:rt4), 5, '\xffffffff'))$$)) v;
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

-- Every error above is of class 22, except the documented limit of 100 factors (54000); and 08P01
-- for binary input of the wrong length (PostgreSQL's message reader raises it for every type's
-- receive function, built-in types included).
SELECT n, function, input, pg_temp.outcome(query) AS outcome
FROM cases WHERE pg_temp.outcome(query) LIKE 'ERROR%' AND pg_temp.outcome(query) NOT LIKE 'ERROR 22%'
  AND pg_temp.outcome(query) <> 'ERROR 54000'
  AND NOT (function LIKE '%\_recv(internal)' AND pg_temp.outcome(query) = 'ERROR 08P01');

DROP TABLE cases;
