-- Bad input to the service-quality family (issue 7): service levels,
-- response-time standards, importance-performance analysis and the complaint
-- signal (aggregates, rollup, accessors, text input of the four states) tried
-- with NULL, empty, zero, negative, NaN, +-Infinity, huge values and
-- malformed text.  Each case gives a documented result or an error of
-- SQLSTATE class 22, except the documented limit of 100 IPA factors (54000)
-- (the README's "Bad input" section has this table).
SET extra_float_digits = 0;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';

-- The outcome of a query of one value: the value as text, NULL, or the error's SQLSTATE.
CREATE FUNCTION pg_temp.outcome(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    result text;
BEGIN
    EXECUTE query INTO result;
    RETURN coalesce(result, 'NULL');
EXCEPTION WHEN OTHERS THEN
    RETURN 'ERROR ' || SQLSTATE;
END
$$;

-- The outcome of binary input: the bytes, sent through COPY ... (FORMAT binary)
-- into a column of the type, read by its receive function.
CREATE FUNCTION pg_temp.recv(typ regtype, bytes bytea) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    result text;
BEGIN
    EXECUTE format('CREATE TEMP TABLE recv_target (v %s)', typ);
    EXECUTE format('COPY (SELECT %L::bytea) TO PROGRAM %L (FORMAT binary)', bytes, 'cat > cf_hardening_recv.bin');
    EXECUTE 'COPY recv_target FROM PROGRAM ''exec 3< cf_hardening_recv.bin; rm -f cf_hardening_recv.bin; cat <&3'' (FORMAT binary)';
    EXECUTE 'SELECT v::text FROM recv_target' INTO result;
    -- leave through an error so that the table is dropped with the block's subtransaction
    RAISE EXCEPTION USING ERRCODE = 'CFOK0', MESSAGE = coalesce(result, 'NULL');
EXCEPTION
    WHEN SQLSTATE 'CFOK0' THEN RETURN SQLERRM;
    WHEN OTHERS THEN RETURN 'ERROR ' || SQLSTATE;
END
$$;

CREATE TEMP TABLE cases (n serial, function text, input text, query text);
INSERT INTO cases (function, input, query) VALUES
-- service_level: low when perceived < expected - tolerance, wow when perceived > expected + tolerance
('service_level(float8,float8,float8)', 'expected NULL', $q$SELECT service_level(NULL, 3)$q$),
('service_level(float8,float8,float8)', 'tolerance NULL', $q$SELECT service_level(3, 3, NULL)$q$),
('service_level(float8,float8,float8)', '4, 3.5, tolerance 0.5 (edge)', $q$SELECT service_level(4, 3.5, 0.5)$q$),
('service_level(float8,float8,float8)', '4, 3.4, tolerance 0.5', $q$SELECT service_level(4, 3.4, 0.5)$q$),
('service_level(float8,float8,float8)', 'expected NaN', $q$SELECT service_level('NaN', 3)$q$),
('service_level(float8,float8,float8)', 'perceived Infinity', $q$SELECT service_level(3, 'Infinity')$q$),
('service_level(float8,float8,float8)', 'perceived -Infinity', $q$SELECT service_level(3, '-Infinity')$q$),
('service_level(float8,float8,float8)', 'tolerance -1', $q$SELECT service_level(3, 3, -1)$q$),
('service_level(float8,float8,float8)', 'tolerance NaN', $q$SELECT service_level(3, 3, 'NaN')$q$),
('service_level(float8,float8,float8)', 'tolerance Infinity', $q$SELECT service_level(3, 3, 'Infinity')$q$),
('service_level(float8,float8,float8)', 'expected 1e308, perceived -1e308', $q$SELECT service_level(1e308, -1e308)$q$),
('service_level(float8,float8,float8)', 'expected -1e308, perceived 1e308, tolerance 1e308', $q$SELECT service_level(-1e308, 1e308, 1e308)$q$),
-- service_level_agg
('service_level_agg(float8,float8,float8)', 'no rows', $q$SELECT service_level_agg(e, p, 0)::text FROM (VALUES (1.0, 1.0)) v(e, p) WHERE false$q$),
('service_level_agg(float8,float8,float8)', 'NULL perceived skipped', $q$SELECT service_level_agg(e, p, 0.5)::text FROM (VALUES (3, NULL), (3, 2), (3, 3.5), (3, 4)) v(e, p)$q$),
('service_level_agg(float8,float8,float8)', 'tolerance NULL', $q$SELECT service_level_agg(e, p, NULL)::text FROM (VALUES (3, 3)) v(e, p)$q$),
('service_level_agg(float8,float8,float8)', 'tolerance changes within a group', $q$SELECT service_level_agg(e, p, e / 10.0)::text FROM (VALUES (3, 3), (4, 4)) v(e, p)$q$),
('service_level_agg(float8,float8,float8)', 'perceived NaN', $q$SELECT service_level_agg(e, p, 0)::text FROM (VALUES (3, 'NaN'::float8)) v(e, p)$q$),
('service_level_agg(float8,float8,float8)', 'tolerance -0.5', $q$SELECT service_level_agg(e, p, -0.5)::text FROM (VALUES (3, 3)) v(e, p)$q$),
('service_level_agg(float8,float8)', 'expected Infinity', $q$SELECT service_level_agg(e, p)::text FROM (VALUES ('Infinity'::float8, 3)) v(e, p)$q$),
('service_level_agg(float8,float8)', 'moving window of 2 (low/standard/wow)', $q$SELECT string_agg(low(s) || '/' || standard(s) || '/' || wow(s), ' ' ORDER BY i) FROM (SELECT i, service_level_agg(3, p) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) s FROM (VALUES (1, 2), (2, 3), (3, 4)) v(i, p)) w$q$),
('service_level_agg(float8,float8)', 'moving window, NaN in the frame', $q$SELECT string_agg(low(s)::text, ' ') FROM (SELECT service_level_agg(3, p) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) s FROM (VALUES (1, 2::float8), (2, 'NaN'), (3, 4)) v(i, p)) w$q$),
('rollup(service_level_state)', 'different tolerances', $q$SELECT rollup(s)::text FROM (VALUES ('v1 tolerance=0 low=1 standard=0 wow=0'::service_level_state), ('v1 tolerance=0.5 low=1 standard=0 wow=0')) v(s)$q$),
('rollup(service_level_state)', 'count overflow', $q$SELECT rollup(s)::text FROM (VALUES ('v1 tolerance=0 low=9223372036854775807 standard=0 wow=0'::service_level_state), ('v1 tolerance=0 low=1 standard=0 wow=0')) v(s)$q$),
('rollup(service_level_state)', 'total overflow', $q$SELECT responses(rollup(s)) FROM (VALUES ('v1 tolerance=0 low=9223372036854775807 standard=0 wow=0'::service_level_state), ('v1 tolerance=0 low=0 standard=0 wow=1')) v(s)$q$),
('rollup(service_level_state)', 'only NULLs', $q$SELECT rollup(s)::text FROM (VALUES (NULL::service_level_state), (NULL)) v(s)$q$),
('service_level_state_in(cstring)', 'empty text', $q$SELECT ''::service_level_state::text$q$),
('service_level_state_in(cstring)', 'version v2', $q$SELECT 'v2 tolerance=0 low=1 standard=0 wow=0'::service_level_state::text$q$),
('service_level_state_in(cstring)', 'negative count', $q$SELECT 'v1 tolerance=0 low=-1 standard=0 wow=0'::service_level_state::text$q$),
('service_level_state_in(cstring)', 'count 2^63', $q$SELECT 'v1 tolerance=0 low=9223372036854775808 standard=0 wow=0'::service_level_state::text$q$),
('service_level_state_in(cstring)', 'counts with total past 2^63 - 1', $q$SELECT 'v1 tolerance=0 low=9223372036854775807 standard=1 wow=0'::service_level_state::text$q$),
('service_level_state_in(cstring)', 'tolerance -1', $q$SELECT 'v1 tolerance=-1 low=1 standard=0 wow=0'::service_level_state::text$q$),
('service_level_state_in(cstring)', 'tolerance NaN', $q$SELECT 'v1 tolerance=NaN low=1 standard=0 wow=0'::service_level_state::text$q$),
('service_level_state_in(cstring)', 'tolerance Infinity', $q$SELECT 'v1 tolerance=Infinity low=1 standard=0 wow=0'::service_level_state::text$q$),
('service_level_state_in(cstring)', 'missing wow', $q$SELECT 'v1 tolerance=0 low=1 standard=0'::service_level_state::text$q$),
('service_level_state_in(cstring)', 'trailing text', $q$SELECT 'v1 tolerance=0 low=1 standard=0 wow=0 x'::service_level_state::text$q$),
('responses(service_level_state)', 'NULL', $q$SELECT responses(NULL::service_level_state)$q$),
('responses(service_level_state)', 'no responses', $q$SELECT responses('v1 tolerance=0 low=0 standard=0 wow=0'::service_level_state)$q$),
('low(service_level_state)', 'no responses', $q$SELECT low('v1 tolerance=0 low=0 standard=0 wow=0'::service_level_state)$q$),
('standard(service_level_state)', 'no responses', $q$SELECT standard('v1 tolerance=0 low=0 standard=0 wow=0'::service_level_state)$q$),
('wow(service_level_state)', 'no responses', $q$SELECT wow('v1 tolerance=0 low=0 standard=0 wow=0'::service_level_state)$q$),
('low_share(service_level_state)', 'no responses', $q$SELECT low_share('v1 tolerance=0 low=0 standard=0 wow=0'::service_level_state)$q$),
('standard_share(service_level_state)', 'no responses', $q$SELECT standard_share('v1 tolerance=0 low=0 standard=0 wow=0'::service_level_state)$q$),
('wow_share(service_level_state)', 'no responses', $q$SELECT wow_share('v1 tolerance=0 low=0 standard=0 wow=0'::service_level_state)$q$),
('wow_share(service_level_state)', '2^63 - 1 wow of 2^63 - 1', $q$SELECT wow_share('v1 tolerance=0 low=0 standard=0 wow=9223372036854775807'::service_level_state)$q$),
('tolerance(service_level_state)', 'tolerance 0.5', $q$SELECT tolerance('v1 tolerance=0.5 low=0 standard=0 wow=0'::service_level_state)$q$),
('counts(service_level_state)', 'no responses', $q$SELECT counts('v1 tolerance=0 low=0 standard=0 wow=0'::service_level_state)$q$),
-- response times
('response_time_agg(float8,float8)', 'no rows', $q$SELECT response_time_agg(s, 20)::text FROM (VALUES (1.0)) v(s) WHERE false$q$),
('response_time_agg(float8,float8)', 'only NULL times', $q$SELECT response_time_agg(s, 20)::text FROM (VALUES (NULL::float8), (NULL)) v(s)$q$),
('response_time_agg(float8,float8)', 'times 0 and 1e12 (responses, compliant, min, max)', $q$SELECT responses(s) || ' ' || compliant(s) || ' ' || min_response(s) || ' ' || max_response(s) FROM (SELECT response_time_agg(s, 20) s FROM (VALUES (0), (1e12)) v(s)) a$q$),
('response_time_agg(float8,float8)', 'time -1.5', $q$SELECT response_time_agg(s, 20)::text FROM (VALUES (-1.5)) v(s)$q$),
('response_time_agg(float8,float8)', 'time -0.0', $q$SELECT min_response(response_time_agg(s, 20)) || ' ' || response_time_agg(s, 20)::text FROM (VALUES ('-0'::float8)) v(s)$q$),
('response_time_agg(float8,float8)', 'time 1e12 + 1', $q$SELECT response_time_agg(s, 20)::text FROM (VALUES (1e12 + 1)) v(s)$q$),
('response_time_agg(float8,float8)', 'time NaN', $q$SELECT response_time_agg(s, 20)::text FROM (VALUES ('NaN'::float8)) v(s)$q$),
('response_time_agg(float8,float8)', 'time Infinity', $q$SELECT response_time_agg(s, 20)::text FROM (VALUES ('Infinity'::float8)) v(s)$q$),
('response_time_agg(float8,float8)', 'target NULL', $q$SELECT response_time_agg(s, NULL)::text FROM (VALUES (1.0)) v(s)$q$),
('response_time_agg(float8,float8)', 'target NULL, time NULL', $q$SELECT response_time_agg(s, NULL)::text FROM (VALUES (NULL::float8)) v(s)$q$),
('response_time_agg(float8,float8)', 'target -1', $q$SELECT response_time_agg(s, -1)::text FROM (VALUES (1.0)) v(s)$q$),
('response_time_agg(float8,float8)', 'target NaN', $q$SELECT response_time_agg(s, 'NaN')::text FROM (VALUES (1.0)) v(s)$q$),
('response_time_agg(float8,float8)', 'target Infinity', $q$SELECT response_time_agg(s, 'Infinity')::text FROM (VALUES (1.0)) v(s)$q$),
('response_time_agg(float8,float8)', 'target 1e12 + 1', $q$SELECT response_time_agg(s, 1e12 + 1)::text FROM (VALUES (1.0)) v(s)$q$),
('response_time_agg(float8,float8)', 'target 0, time 0', $q$SELECT compliance(response_time_agg(s, 0)) FROM (VALUES (0)) v(s)$q$),
('response_time_agg(float8,float8)', 'target changes within a group', $q$SELECT response_time_agg(s, s)::text FROM (VALUES (1.0), (2.0)) v(s)$q$),
('response_time_agg(interval,interval)', 'negative interval', $q$SELECT response_time_agg(s, '20 seconds')::text FROM (VALUES ('-1 second'::interval)) v(s)$q$),
('response_time_agg(interval,interval)', 'interval of 100000 years', $q$SELECT response_time_agg(s, '20 seconds')::text FROM (VALUES ('100000 years'::interval)) v(s)$q$),
('response_time_agg(interval,interval)', 'target -1 second', $q$SELECT response_time_agg(s, '-1 second')::text FROM (VALUES ('1 second'::interval)) v(s)$q$),
('response_time_agg(interval,interval)', '1 month (30 days) against 30 days', $q$SELECT compliance(response_time_agg(s, '30 days')) FROM (VALUES ('1 month'::interval)) v(s)$q$),
('compliance(float8,float8)', '2 of 4 within 20 s', $q$SELECT compliance(s, 20) FROM (VALUES (10), (20), (20.5), (40)) v(s)$q$),
('compliance(float8,float8)', 'no rows', $q$SELECT compliance(s, 20) FROM (VALUES (1.0)) v(s) WHERE false$q$),
('compliance(float8,float8)', 'time NaN', $q$SELECT compliance(s, 20) FROM (VALUES ('NaN'::float8)) v(s)$q$),
('compliance(interval,interval)', 'target NULL', $q$SELECT compliance(s, NULL) FROM (VALUES ('1 second'::interval)) v(s)$q$),
('rollup(response_time_state)', 'different targets', $q$SELECT rollup(s)::text FROM (SELECT response_time_agg(t, t) s FROM (VALUES (1.0), (2.0)) v(t) GROUP BY t) a$q$),
('rollup(response_time_state)', 'only NULLs', $q$SELECT rollup(s)::text FROM (VALUES (NULL::response_time_state)) v(s)$q$),
('rollup(response_time_state)', 'count overflow', $q$SELECT rollup(s)::text FROM (VALUES ('v1 target=20 accuracy=0.01 responses=9223372036854775807 compliant=0 min=40 max=40 sum=368934881474191032320 zeros=0 buckets=185:9223372036854775807'::response_time_state), ('v1 target=20 accuracy=0.01 responses=1 compliant=0 min=40 max=40 sum=40 zeros=0 buckets=185:1')) v(s)$q$),
('response_time_state_in(cstring)', 'empty text', $q$SELECT ''::response_time_state::text$q$),
('response_time_state_in(cstring)', 'garbage', $q$SELECT 'garbage'::response_time_state::text$q$),
('response_time_state_in(cstring)', 'round trip', $q$SELECT 'v1 target=20 accuracy=0.01 responses=4 compliant=2 min=0 max=40 sum=75 zeros=1 buckets=116:1,161:1,185:1'::response_time_state::text$q$),
('response_time_state_in(cstring)', 'version v2', $q$SELECT 'v2 target=20 accuracy=0.01 responses=4 compliant=2 min=0 max=40 sum=75 zeros=1 buckets=116:1,161:1,185:1'::response_time_state::text$q$),
('response_time_state_in(cstring)', 'accuracy 0.02', $q$SELECT 'v1 target=20 accuracy=0.02 responses=4 compliant=2 min=0 max=40 sum=75 zeros=1 buckets=116:1,161:1,185:1'::response_time_state::text$q$),
('response_time_state_in(cstring)', 'responses do not add up', $q$SELECT 'v1 target=20 accuracy=0.01 responses=5 compliant=2 min=0 max=40 sum=75 zeros=1 buckets=116:1,161:1,185:1'::response_time_state::text$q$),
('response_time_state_in(cstring)', 'compliant > responses', $q$SELECT 'v1 target=20 accuracy=0.01 responses=4 compliant=5 min=0 max=40 sum=75 zeros=1 buckets=116:1,161:1,185:1'::response_time_state::text$q$),
('response_time_state_in(cstring)', 'min > max', $q$SELECT 'v1 target=20 accuracy=0.01 responses=4 compliant=2 min=50 max=40 sum=75 zeros=1 buckets=116:1,161:1,185:1'::response_time_state::text$q$),
('response_time_state_in(cstring)', 'sum NaN', $q$SELECT 'v1 target=20 accuracy=0.01 responses=4 compliant=2 min=0 max=40 sum=NaN zeros=1 buckets=116:1,161:1,185:1'::response_time_state::text$q$),
('response_time_state_in(cstring)', 'sum above responses * max', $q$SELECT 'v1 target=20 accuracy=0.01 responses=4 compliant=2 min=0 max=40 sum=1000 zeros=1 buckets=116:1,161:1,185:1'::response_time_state::text$q$),
('response_time_state_in(cstring)', 'buckets unsorted', $q$SELECT 'v1 target=20 accuracy=0.01 responses=4 compliant=2 min=0 max=40 sum=75 zeros=1 buckets=161:1,116:1,185:1'::response_time_state::text$q$),
('response_time_state_in(cstring)', 'bucket key -1 (times near 1 s)', $q$SELECT 'v1 target=20 accuracy=0.01 responses=4 compliant=2 min=0 max=40 sum=75 zeros=1 buckets=-1:1,161:1,185:1'::response_time_state::text$q$),
('response_time_state_in(cstring)', 'target NaN', $q$SELECT 'v1 target=NaN accuracy=0.01 responses=4 compliant=2 min=0 max=40 sum=75 zeros=1 buckets=116:1,161:1,185:1'::response_time_state::text$q$),
('response_time_state_in(cstring)', 'max 1e13', $q$SELECT 'v1 target=20 accuracy=0.01 responses=1 compliant=0 min=1e13 max=1e13 sum=1e13 zeros=0 buckets=185:1'::response_time_state::text$q$),
('responses(response_time_state)', 'NULL', $q$SELECT responses(NULL::response_time_state)$q$),
('compliant(response_time_state)', 'NULL', $q$SELECT compliant(NULL::response_time_state)$q$),
('compliance(response_time_state)', '2 of 4', $q$SELECT compliance('v1 target=20 accuracy=0.01 responses=4 compliant=2 min=0 max=40 sum=75 zeros=1 buckets=116:1,161:1,185:1'::response_time_state)$q$),
('target(response_time_state)', 'target 20', $q$SELECT target('v1 target=20 accuracy=0.01 responses=4 compliant=2 min=0 max=40 sum=75 zeros=1 buckets=116:1,161:1,185:1'::response_time_state)$q$),
('mean_response(response_time_state)', '75 / 4', $q$SELECT mean_response('v1 target=20 accuracy=0.01 responses=4 compliant=2 min=0 max=40 sum=75 zeros=1 buckets=116:1,161:1,185:1'::response_time_state)$q$),
('min_response(response_time_state)', 'NULL', $q$SELECT min_response(NULL::response_time_state)$q$),
('max_response(response_time_state)', 'NULL', $q$SELECT max_response(NULL::response_time_state)$q$),
('response_percentile(response_time_state,float8)', 'fraction 0 (the minimum)', $q$SELECT response_percentile('v1 target=20 accuracy=0.01 responses=4 compliant=2 min=0 max=40 sum=75 zeros=1 buckets=116:1,161:1,185:1'::response_time_state, 0)$q$),
('response_percentile(response_time_state,float8)', 'fraction 1 (the maximum)', $q$SELECT response_percentile('v1 target=20 accuracy=0.01 responses=4 compliant=2 min=0 max=40 sum=75 zeros=1 buckets=116:1,161:1,185:1'::response_time_state, 1)$q$),
('response_percentile(response_time_state,float8)', 'fraction NULL', $q$SELECT response_percentile('v1 target=20 accuracy=0.01 responses=4 compliant=2 min=0 max=40 sum=75 zeros=1 buckets=116:1,161:1,185:1'::response_time_state, NULL::float8)$q$),
('response_percentile(response_time_state,float8)', 'fraction -0.1', $q$SELECT response_percentile('v1 target=20 accuracy=0.01 responses=4 compliant=2 min=0 max=40 sum=75 zeros=1 buckets=116:1,161:1,185:1'::response_time_state, -0.1)$q$),
('response_percentile(response_time_state,float8)', 'fraction 1.1', $q$SELECT response_percentile('v1 target=20 accuracy=0.01 responses=4 compliant=2 min=0 max=40 sum=75 zeros=1 buckets=116:1,161:1,185:1'::response_time_state, 1.1)$q$),
('response_percentile(response_time_state,float8)', 'fraction NaN', $q$SELECT response_percentile('v1 target=20 accuracy=0.01 responses=4 compliant=2 min=0 max=40 sum=75 zeros=1 buckets=116:1,161:1,185:1'::response_time_state, 'NaN'::float8)$q$),
('response_percentile(response_time_state,float8[])', 'fractions {0,1}', $q$SELECT response_percentile('v1 target=20 accuracy=0.01 responses=4 compliant=2 min=0 max=40 sum=75 zeros=1 buckets=116:1,161:1,185:1'::response_time_state, '{0,1}'::float8[])::text$q$),
('response_percentile(response_time_state,float8[])', 'no fractions', $q$SELECT response_percentile('v1 target=20 accuracy=0.01 responses=4 compliant=2 min=0 max=40 sum=75 zeros=1 buckets=116:1,161:1,185:1'::response_time_state, '{}'::float8[])::text$q$),
('response_percentile(response_time_state,float8[])', 'a NULL fraction', $q$SELECT response_percentile('v1 target=20 accuracy=0.01 responses=4 compliant=2 min=0 max=40 sum=75 zeros=1 buckets=116:1,161:1,185:1'::response_time_state, '{0,NULL}'::float8[])::text$q$),
('response_percentile(response_time_state,float8[])', 'a fraction Infinity', $q$SELECT response_percentile('v1 target=20 accuracy=0.01 responses=4 compliant=2 min=0 max=40 sum=75 zeros=1 buckets=116:1,161:1,185:1'::response_time_state, '{0,Infinity}'::float8[])::text$q$),
('response_percentile(response_time_state,float8[])', 'two-dimensional array', $q$SELECT response_percentile('v1 target=20 accuracy=0.01 responses=4 compliant=2 min=0 max=40 sum=75 zeros=1 buckets=116:1,161:1,185:1'::response_time_state, '{{0,1},{0,1}}'::float8[])::text$q$),
-- importance-performance analysis (default scale 1..5)
('ipa_agg(text,float8,float8)', 'no rows', $q$SELECT ipa_agg(f, i, p)::text FROM (VALUES ('price', 4, 3)) v(f, i, p) WHERE false$q$),
('ipa_agg(text,float8,float8)', 'NULL factor and ratings skipped', $q$SELECT ipa_agg(f, i, p)::text FROM (VALUES ('price', 4, 3), (NULL, 5, 5), ('price', NULL, 5), ('price', 5, NULL)) v(f, i, p)$q$),
('ipa_agg(text,float8,float8)', 'importance 6', $q$SELECT ipa_agg(f, i, p)::text FROM (VALUES ('price', 6, 3)) v(f, i, p)$q$),
('ipa_agg(text,float8,float8)', 'performance 0', $q$SELECT ipa_agg(f, i, p)::text FROM (VALUES ('price', 4, 0)) v(f, i, p)$q$),
('ipa_agg(text,float8,float8)', 'importance NaN', $q$SELECT ipa_agg(f, i, p)::text FROM (VALUES ('price', 'NaN'::float8, 3)) v(f, i, p)$q$),
('ipa_agg(text,float8,float8)', 'performance -Infinity', $q$SELECT ipa_agg(f, i, p)::text FROM (VALUES ('price', 4, '-Infinity'::float8)) v(f, i, p)$q$),
('ipa_agg(text,float8,float8)', 'empty factor name', $q$SELECT ipa_agg(f, i, p)::text FROM (VALUES ('', 4, 3)) v(f, i, p)$q$),
('ipa_agg(text,float8,float8)', 'factor name with quote and space', $q$SELECT ipa_agg(f, i, p)::text::ipa_state::text = ipa_agg(f, i, p)::text FROM (VALUES ('a "b" c', 4, 3)) v(f, i, p)$q$),
('ipa_agg(text,float8,float8)', 'factor name of 127 bytes', $q$SELECT length(factor) FROM factors((SELECT ipa_agg(repeat('x', 127), 4, 3)))$q$),
('ipa_agg(text,float8,float8)', 'factor name of 128 bytes', $q$SELECT ipa_agg(repeat('x', 128), 4, 3)::text$q$),
('ipa_agg(text,float8,float8)', '100 factors', $q$SELECT count(*) FROM factors((SELECT ipa_agg('f' || i, 4, 3) FROM generate_series(1, 100) i))$q$),
('ipa_agg(text,float8,float8)', '101 factors', $q$SELECT count(*) FROM factors((SELECT ipa_agg('f' || i, 4, 3) FROM generate_series(1, 101) i))$q$),
('ipa_agg(text,float8,float8,float8,float8)', 'scale 0..10, rating 10', $q$SELECT ipa_agg(f, i, p, 0, 10)::text FROM (VALUES ('price', 10, 0)) v(f, i, p)$q$),
('ipa_agg(text,float8,float8,float8,float8)', 'scale NULL', $q$SELECT ipa_agg(f, i, p, NULL, 10)::text FROM (VALUES ('price', 4, 3)) v(f, i, p)$q$),
('ipa_agg(text,float8,float8,float8,float8)', 'scale min = max', $q$SELECT ipa_agg(f, i, p, 5, 5)::text FROM (VALUES ('price', 5, 5)) v(f, i, p)$q$),
('ipa_agg(text,float8,float8,float8,float8)', 'scale min > max', $q$SELECT ipa_agg(f, i, p, 5, 1)::text FROM (VALUES ('price', 4, 3)) v(f, i, p)$q$),
('ipa_agg(text,float8,float8,float8,float8)', 'scale NaN', $q$SELECT ipa_agg(f, i, p, 'NaN', 5)::text FROM (VALUES ('price', 4, 3)) v(f, i, p)$q$),
('ipa_agg(text,float8,float8,float8,float8)', 'scale -Infinity..5', $q$SELECT ipa_agg(f, i, p, '-Infinity', 5)::text FROM (VALUES ('price', 4, 3)) v(f, i, p)$q$),
('ipa_agg(text,float8,float8,float8,float8)', 'scale 0..1e6', $q$SELECT ipa_agg(f, i, p, 0, 1e6)::text FROM (VALUES ('price', 1e6, 0)) v(f, i, p)$q$),
('ipa_agg(text,float8,float8,float8,float8)', 'scale 0..1e6 + 1', $q$SELECT ipa_agg(f, i, p, 0, 1e6 + 1)::text FROM (VALUES ('price', 4, 3)) v(f, i, p)$q$),
('ipa_agg(text,float8,float8,float8,float8)', 'scale changes within a group', $q$SELECT ipa_agg(f, i, p, 1, i + 1)::text FROM (VALUES ('price', 4, 3), ('price', 5, 3)) v(f, i, p)$q$),
('rollup(ipa_state)', 'different scales', $q$SELECT rollup(s)::text FROM (VALUES ('v1 scale_min=1 scale_max=5 "price"=4/1,3/1'::ipa_state), ('v1 scale_min=0 scale_max=10 "price"=4/1,3/1')) v(s)$q$),
('rollup(ipa_state)', 'same factor merged', $q$SELECT rollup(s)::text FROM (VALUES ('v1 scale_min=1 scale_max=5 "price"=4/1,3/1'::ipa_state), ('v1 scale_min=1 scale_max=5 "delivery"=5/1,2/1 "price"=5/1,5/1')) v(s)$q$),
('rollup(ipa_state)', '101 factors in all', $q$SELECT count(*) FROM factors((SELECT rollup(s) FROM (SELECT ipa_agg('f' || i, 4, 3) s FROM generate_series(1, 101) i GROUP BY i / 60) a))$q$),
('ipa_state_in(cstring)', 'empty text', $q$SELECT ''::ipa_state::text$q$),
('ipa_state_in(cstring)', 'version v2', $q$SELECT 'v2 scale_min=1 scale_max=5 "price"=4/1,3/1'::ipa_state::text$q$),
('ipa_state_in(cstring)', 'no factors', $q$SELECT 'v1 scale_min=1 scale_max=5'::ipa_state::text$q$),
('ipa_state_in(cstring)', 'factors unsorted', $q$SELECT 'v1 scale_min=1 scale_max=5 "price"=4/1,3/1 "delivery"=5/1,2/1'::ipa_state::text$q$),
('ipa_state_in(cstring)', 'factor twice', $q$SELECT 'v1 scale_min=1 scale_max=5 "price"=4/1,3/1 "price"=4/1,3/1'::ipa_state::text$q$),
('ipa_state_in(cstring)', 'mean rating off the scale', $q$SELECT 'v1 scale_min=1 scale_max=5 "price"=12/2,3/1'::ipa_state::text$q$),
('ipa_state_in(cstring)', 'no importance rating (0/0)', $q$SELECT 'v1 scale_min=1 scale_max=5 "price"=0/0,3/1'::ipa_state::text$q$),
('ipa_state_in(cstring)', 'negative count', $q$SELECT 'v1 scale_min=1 scale_max=5 "price"=4/-1,3/1'::ipa_state::text$q$),
('ipa_state_in(cstring)', 'sum NaN', $q$SELECT 'v1 scale_min=1 scale_max=5 "price"=NaN/1,3/1'::ipa_state::text$q$),
('ipa_state_in(cstring)', 'scale min > max', $q$SELECT 'v1 scale_min=5 scale_max=1 "price"=4/1,3/1'::ipa_state::text$q$),
('ipa_state_in(cstring)', 'unterminated factor name', $q$SELECT 'v1 scale_min=1 scale_max=5 "price=4/1,3/1'::ipa_state::text$q$),
('factors(ipa_state)', 'NULL', $q$SELECT count(*) FROM factors(NULL::ipa_state)$q$),
('factors(ipa_state)', 'two factors (grand means 4.5, 2.5)', $q$SELECT string_agg(factor || ':' || quadrant || ':' || rank, ' ' ORDER BY rank) FROM factors('v1 scale_min=1 scale_max=5 "delivery"=5/1,2/1 "price"=4/1,3/1'::ipa_state)$q$),
('factors(ipa_state,float8,float8)', 'thresholds NULL', $q$SELECT count(*) FROM factors('v1 scale_min=1 scale_max=5 "price"=4/1,3/1'::ipa_state, NULL, 3)$q$),
('factors(ipa_state,float8,float8)', 'threshold NaN', $q$SELECT count(*) FROM factors('v1 scale_min=1 scale_max=5 "price"=4/1,3/1'::ipa_state, 'NaN', 3)$q$),
('factors(ipa_state,float8,float8)', 'threshold Infinity', $q$SELECT count(*) FROM factors('v1 scale_min=1 scale_max=5 "price"=4/1,3/1'::ipa_state, 3, 'Infinity')$q$),
('factors(ipa_state,float8,float8)', 'thresholds off the scale (100, -100)', $q$SELECT string_agg(quadrant, ' ') FROM factors('v1 scale_min=1 scale_max=5 "price"=4/1,3/1'::ipa_state, 100, -100)$q$),
('grand_means(ipa_state)', 'NULL', $q$SELECT grand_means(NULL::ipa_state)::text$q$),
('grand_means(ipa_state)', 'means (4 + 5) / 2, (3 + 2) / 2', $q$SELECT grand_means('v1 scale_min=1 scale_max=5 "delivery"=5/1,2/1 "price"=4/1,3/1'::ipa_state)::text$q$),
-- complaints
('complaint_agg(boolean)', 'no rows', $q$SELECT complaint_agg(c)::text FROM (VALUES (true)) v(c) WHERE false$q$),
('complaint_agg(boolean)', 'only NULLs', $q$SELECT complaint_agg(c)::text FROM (VALUES (NULL::boolean), (NULL)) v(c)$q$),
('complaint_agg(boolean)', 'moving window of 2 (complaints/orders)', $q$SELECT string_agg(complaints(s) || '/' || orders(s), ' ' ORDER BY i) FROM (SELECT i, complaint_agg(c) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) s FROM (VALUES (1, true), (2, false), (3, NULL), (4, true)) v(i, c)) w$q$),
('complaint_agg(integer)', 'count -1', $q$SELECT complaint_agg(c)::text FROM (VALUES (-1)) v(c)$q$),
('complaint_agg(integer)', 'counts 2147483647 and 0', $q$SELECT complaint_agg(c)::text FROM (VALUES (2147483647), (0), (NULL)) v(c)$q$),
('complaint_agg(integer)', 'moving window, -1 in the frame', $q$SELECT string_agg(complaints(s)::text, ' ') FROM (SELECT complaint_agg(c) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) s FROM (VALUES (1, 1), (2, -1)) v(i, c)) w$q$),
('complaints_per_1000(boolean)', '1 of 4 orders', $q$SELECT complaints_per_1000(c) FROM (VALUES (true), (false), (false), (false), (NULL)) v(c)$q$),
('complaints_per_1000(boolean)', 'no rows', $q$SELECT complaints_per_1000(c) FROM (VALUES (true)) v(c) WHERE false$q$),
('complaints_per_1000(complaint_state)', 'no orders', $q$SELECT complaints_per_1000('v1 orders=0 complaints=0'::complaint_state)$q$),
('complaints_per_1000(complaint_state)', 'complaints without orders', $q$SELECT complaints_per_1000('v1 orders=0 complaints=1'::complaint_state)$q$),
('complaints_per_1000(complaint_state)', '3 complaints on 2 orders', $q$SELECT complaints_per_1000('v1 orders=2 complaints=3'::complaint_state)$q$),
('orders(complaint_state)', 'NULL', $q$SELECT orders(NULL::complaint_state)$q$),
('complaints(complaint_state)', 'NULL', $q$SELECT complaints(NULL::complaint_state)$q$),
('silent(complaint_state,bigint)', 'min_orders NULL', $q$SELECT silent('v1 orders=600 complaints=0'::complaint_state, NULL)$q$),
('silent(complaint_state,bigint)', '600 orders, none, default 500', $q$SELECT silent('v1 orders=600 complaints=0'::complaint_state)$q$),
('silent(complaint_state,bigint)', '499 orders, none, default 500', $q$SELECT silent('v1 orders=499 complaints=0'::complaint_state)$q$),
('silent(complaint_state,bigint)', 'min_orders 1, no orders', $q$SELECT silent('v1 orders=0 complaints=0'::complaint_state, 1)$q$),
('silent(complaint_state,bigint)', 'min_orders 0', $q$SELECT silent('v1 orders=600 complaints=0'::complaint_state, 0)$q$),
('silent(complaint_state,bigint)', 'min_orders -1', $q$SELECT silent('v1 orders=600 complaints=0'::complaint_state, -1)$q$),
('silent(complaint_state,bigint)', 'min_orders 2^63 - 1', $q$SELECT silent('v1 orders=9223372036854775807 complaints=0'::complaint_state, 9223372036854775807)$q$),
('rollup(complaint_state)', 'orders overflow', $q$SELECT rollup(s)::text FROM (VALUES ('v1 orders=9223372036854775807 complaints=0'::complaint_state), ('v1 orders=1 complaints=0')) v(s)$q$),
('rollup(complaint_state)', 'complaints overflow', $q$SELECT rollup(s)::text FROM (VALUES ('v1 orders=1 complaints=9223372036854775807'::complaint_state), ('v1 orders=1 complaints=1')) v(s)$q$),
('complaint_state_in(cstring)', 'empty text', $q$SELECT ''::complaint_state::text$q$),
('complaint_state_in(cstring)', 'version v2', $q$SELECT 'v2 orders=1 complaints=0'::complaint_state::text$q$),
('complaint_state_in(cstring)', 'negative orders', $q$SELECT 'v1 orders=-1 complaints=0'::complaint_state::text$q$),
('complaint_state_in(cstring)', 'complaints without orders', $q$SELECT 'v1 orders=0 complaints=1'::complaint_state::text$q$),
('complaint_state_in(cstring)', 'orders 2^63', $q$SELECT 'v1 orders=9223372036854775808 complaints=0'::complaint_state::text$q$),
('complaint_state_in(cstring)', 'orders 1.5', $q$SELECT 'v1 orders=1.5 complaints=0'::complaint_state::text$q$),
('complaint_state_in(cstring)', 'trailing text', $q$SELECT 'v1 orders=1 complaints=0 x'::complaint_state::text$q$);

-- binary input: the receive functions read bytes given through COPY (FORMAT binary)
INSERT INTO cases (function, input, query) VALUES
('service_level_state_send(service_level_state)', 'NULL', $q$SELECT service_level_state_send(NULL::service_level_state)$q$),
('service_level_state_recv(internal)', 'the bytes of send', $q$SELECT pg_temp.recv('service_level_state', service_level_state_send('v1 tolerance=0.5 low=1 standard=1 wow=1'::service_level_state))$q$),
('service_level_state_recv(internal)', 'no bytes', $q$SELECT pg_temp.recv('service_level_state', '\x')$q$),
('service_level_state_recv(internal)', 'last byte missing', $q$SELECT pg_temp.recv('service_level_state', substr(service_level_state_send('v1 tolerance=0.5 low=1 standard=1 wow=1'::service_level_state), 1, length(service_level_state_send('v1 tolerance=0.5 low=1 standard=1 wow=1'::service_level_state)) - 1))$q$),
('service_level_state_recv(internal)', 'a byte too many', $q$SELECT pg_temp.recv('service_level_state', service_level_state_send('v1 tolerance=0.5 low=1 standard=1 wow=1'::service_level_state) || '\x00'::bytea)$q$),
('service_level_state_recv(internal)', 'first byte 0xff', $q$SELECT pg_temp.recv('service_level_state', overlay(service_level_state_send('v1 tolerance=0.5 low=1 standard=1 wow=1'::service_level_state) placing '\xff'::bytea from 1 for 1))$q$),
('service_level_state_recv(internal)', 'bytes 5-8 0xff', $q$SELECT CASE WHEN r LIKE 'ERROR%' THEN r ELSE 'another valid value' END FROM (SELECT pg_temp.recv('service_level_state', overlay(service_level_state_send('v1 tolerance=0.5 low=1 standard=1 wow=1'::service_level_state) placing '\xffffffff'::bytea from 5 for 4)) r) x$q$),
('response_time_state_send(response_time_state)', 'NULL', $q$SELECT response_time_state_send(NULL::response_time_state)$q$),
('response_time_state_recv(internal)', 'the bytes of send', $q$SELECT pg_temp.recv('response_time_state', response_time_state_send('v1 target=20 accuracy=0.01 responses=4 compliant=2 min=0 max=40 sum=75 zeros=1 buckets=116:1,161:1,185:1'::response_time_state))$q$),
('response_time_state_recv(internal)', 'no bytes', $q$SELECT pg_temp.recv('response_time_state', '\x')$q$),
('response_time_state_recv(internal)', 'last byte missing', $q$SELECT pg_temp.recv('response_time_state', substr(response_time_state_send('v1 target=20 accuracy=0.01 responses=4 compliant=2 min=0 max=40 sum=75 zeros=1 buckets=116:1,161:1,185:1'::response_time_state), 1, length(response_time_state_send('v1 target=20 accuracy=0.01 responses=4 compliant=2 min=0 max=40 sum=75 zeros=1 buckets=116:1,161:1,185:1'::response_time_state)) - 1))$q$),
('response_time_state_recv(internal)', 'a byte too many', $q$SELECT pg_temp.recv('response_time_state', response_time_state_send('v1 target=20 accuracy=0.01 responses=4 compliant=2 min=0 max=40 sum=75 zeros=1 buckets=116:1,161:1,185:1'::response_time_state) || '\x00'::bytea)$q$),
('response_time_state_recv(internal)', 'first byte 0xff', $q$SELECT pg_temp.recv('response_time_state', overlay(response_time_state_send('v1 target=20 accuracy=0.01 responses=4 compliant=2 min=0 max=40 sum=75 zeros=1 buckets=116:1,161:1,185:1'::response_time_state) placing '\xff'::bytea from 1 for 1))$q$),
('response_time_state_recv(internal)', 'bytes 5-8 0xff', $q$SELECT CASE WHEN r LIKE 'ERROR%' THEN r ELSE 'another valid value' END FROM (SELECT pg_temp.recv('response_time_state', overlay(response_time_state_send('v1 target=20 accuracy=0.01 responses=4 compliant=2 min=0 max=40 sum=75 zeros=1 buckets=116:1,161:1,185:1'::response_time_state) placing '\xffffffff'::bytea from 5 for 4)) r) x$q$),
('ipa_state_send(ipa_state)', 'NULL', $q$SELECT ipa_state_send(NULL::ipa_state)$q$),
('ipa_state_recv(internal)', 'the bytes of send', $q$SELECT pg_temp.recv('ipa_state', ipa_state_send('v1 scale_min=1 scale_max=5 "delivery"=5/1,2/1 "price"=4/1,3/1'::ipa_state))$q$),
('ipa_state_recv(internal)', 'no bytes', $q$SELECT pg_temp.recv('ipa_state', '\x')$q$),
('ipa_state_recv(internal)', 'last byte missing', $q$SELECT pg_temp.recv('ipa_state', substr(ipa_state_send('v1 scale_min=1 scale_max=5 "delivery"=5/1,2/1 "price"=4/1,3/1'::ipa_state), 1, length(ipa_state_send('v1 scale_min=1 scale_max=5 "delivery"=5/1,2/1 "price"=4/1,3/1'::ipa_state)) - 1))$q$),
('ipa_state_recv(internal)', 'a byte too many', $q$SELECT pg_temp.recv('ipa_state', ipa_state_send('v1 scale_min=1 scale_max=5 "delivery"=5/1,2/1 "price"=4/1,3/1'::ipa_state) || '\x00'::bytea)$q$),
('ipa_state_recv(internal)', 'first byte 0xff', $q$SELECT pg_temp.recv('ipa_state', overlay(ipa_state_send('v1 scale_min=1 scale_max=5 "delivery"=5/1,2/1 "price"=4/1,3/1'::ipa_state) placing '\xff'::bytea from 1 for 1))$q$),
('ipa_state_recv(internal)', 'bytes 5-8 0xff', $q$SELECT CASE WHEN r LIKE 'ERROR%' THEN r ELSE 'another valid value' END FROM (SELECT pg_temp.recv('ipa_state', overlay(ipa_state_send('v1 scale_min=1 scale_max=5 "delivery"=5/1,2/1 "price"=4/1,3/1'::ipa_state) placing '\xffffffff'::bytea from 5 for 4)) r) x$q$),
('complaint_state_send(complaint_state)', 'NULL', $q$SELECT complaint_state_send(NULL::complaint_state)$q$),
('complaint_state_recv(internal)', 'the bytes of send', $q$SELECT pg_temp.recv('complaint_state', complaint_state_send('v1 orders=2 complaints=1'::complaint_state))$q$),
('complaint_state_recv(internal)', 'no bytes', $q$SELECT pg_temp.recv('complaint_state', '\x')$q$),
('complaint_state_recv(internal)', 'last byte missing', $q$SELECT pg_temp.recv('complaint_state', substr(complaint_state_send('v1 orders=2 complaints=1'::complaint_state), 1, length(complaint_state_send('v1 orders=2 complaints=1'::complaint_state)) - 1))$q$),
('complaint_state_recv(internal)', 'a byte too many', $q$SELECT pg_temp.recv('complaint_state', complaint_state_send('v1 orders=2 complaints=1'::complaint_state) || '\x00'::bytea)$q$),
('complaint_state_recv(internal)', 'first byte 0xff', $q$SELECT pg_temp.recv('complaint_state', overlay(complaint_state_send('v1 orders=2 complaints=1'::complaint_state) placing '\xff'::bytea from 1 for 1))$q$),
('complaint_state_recv(internal)', 'bytes 5-8 0xff', $q$SELECT CASE WHEN r LIKE 'ERROR%' THEN r ELSE 'another valid value' END FROM (SELECT pg_temp.recv('complaint_state', overlay(complaint_state_send('v1 orders=2 complaints=1'::complaint_state) placing '\xffffffff'::bytea from 5 for 4)) r) x$q$);

SELECT n, function, input, pg_temp.outcome(query) AS outcome FROM cases ORDER BY n;

-- Every error above is of class 22, except the documented limit of 100 factors (54000); and 08P01
-- for binary input of the wrong length (PostgreSQL's message reader raises it for every type's
-- receive function, built-in types included).
SELECT n, function, input, pg_temp.outcome(query) AS outcome
FROM cases WHERE pg_temp.outcome(query) LIKE 'ERROR%' AND pg_temp.outcome(query) NOT LIKE 'ERROR 22%'
  AND pg_temp.outcome(query) <> 'ERROR 54000'
  AND NOT (function LIKE '%\_recv(internal)' AND pg_temp.outcome(query) = 'ERROR 08P01');

DROP TABLE cases;
