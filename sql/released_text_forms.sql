-- The released 1.0 text forms still read back (issue 15 item 4).
--
-- Every value below is the text that customer_focus 1.0 (git tag v1.0) printed
-- for a sample of test/type_samples.txt, built by 1.0's own functions; the
-- expression next to it builds the same sample with today's functions.  Each
-- 1.0 text must read (_in) into exactly the value built today: the same
-- binary form (_send) and the same text form.  A type of 1.0 without a row
-- here fails the last query.
SET TimeZone = 'Etc/UTC';	-- the zone the 1.0 samples were built in (profiles record it)
-- 1.0 counted no skipped answers (NULL scores): a 1.0 nps_state reads with them unknown
-- (skipped_count NULL), so its value today is the aggregate's state with the skipped count
-- forgotten: the v3 text without skipped=, i.e. the v2 form (checked at the end).
CREATE FUNCTION pg_temp.skipped_unknown(s nps_state) RETURNS nps_state LANGUAGE sql IMMUTABLE
    RETURN regexp_replace(s::text, '^v3;(.*);skipped=[0-9]+;counts=', 'v2;\1;counts=')::nps_state;
-- 1.0 did not record a profile's first purchase day's revenue (format version 2): a 1.0 profile
-- with several purchase days reads with it unknown, so its value today is the aggregate's with
-- first_revenue=none (with one purchase day it is the revenue, known: the value built today).
CREATE FUNCTION pg_temp.first_day_unknown(p customer_profile) RETURNS customer_profile LANGUAGE sql IMMUTABLE
    RETURN regexp_replace(p::text, ';first_revenue=[^;]*;', ';first_revenue=none;')::customer_profile;
CREATE TEMP TABLE released (n serial, typ text, text_1_0 text, built_today text);
INSERT INTO released (typ, text_1_0, built_today) VALUES
('nps_state', $t$v1 scale=0..10 promoter_min=9 detractor_max=6 counts=1,1,1,1,1,1,1,1,1,1,1$t$, $e$pg_temp.skipped_unknown((SELECT nps_agg(s) FROM generate_series(0, 10) AS s))$e$),
('nps_state', $t$v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,1,1,1,1$t$, $e$pg_temp.skipped_unknown((SELECT csat_agg(s) FROM generate_series(1, 5) AS s))$e$),
('nps_state', $t$v1 scale=1..7 promoter_min=5 detractor_max=3 counts=15,15,14,14,14,14,14$t$, $e$pg_temp.skipped_unknown((SELECT ces_agg(1 + s % 7) FROM generate_series(0, 99) AS s))$e$),
('nps_state', $t$v1 scale=-3..3 promoter_min=2 detractor_max=-1 counts=1,1,1,1,1,1,1$t$, $e$pg_temp.skipped_unknown((SELECT score_agg(s, -3, 3, 2, -1) FROM generate_series(-3, 3) AS s))$e$),
('nps_state', $t$v1 scale=0..100 promoter_min=90 detractor_max=60 counts=10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,9,9,9,9,9,9,9,9,9$t$, $e$pg_temp.skipped_unknown((SELECT score_agg(s % 101, 0, 100, 90, 60) FROM generate_series(0, 1000) AS s))$e$),
('customer_profile', $t$v1;tz=Etc/UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20.00;moment=175800.00;days=2024-01-01+64$t$, $e$pg_temp.first_day_unknown((SELECT customer_profile(t, a) FROM (VALUES ('2024-01-01 10:00+00'::timestamptz, 12.50::numeric), ('2024-03-05 23:30+00', 7.5)) AS v(t, a)))$e$),
('customer_profile', $t$v1;tz=Etc/UTC;orders=200;first=2024-01-02T01:00:00Z;last=2024-07-27T08:00:00Z;revenue=2871.42857142857142860000;moment=25569397.14285714285739350000;days=2024-01-02+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+2+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+2+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+2+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+2+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+2+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+2+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+2+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+2+1+1+1+1+1+1+1+1$t$, $e$pg_temp.first_day_unknown((SELECT customer_profile('2024-01-01 00:00+00'::timestamptz + s * interval '1 day 1 hour', s::numeric / 7) FROM generate_series(1, 200) AS s))$e$),
('customer_profile', $t$v1;tz=Etc/UTC;orders=2;first=2020-02-29T12:00:00Z;last=2021-02-28T12:00:00Z;revenue=10000000000123456789012345678901234567890.123456789;moment=none;days=2020-02-29+365$t$, $e$(SELECT customer_profile(t, a) FROM (VALUES ('2020-02-29 12:00+00'::timestamptz, 1e40::numeric), ('2021-02-28 12:00+00', 123456789012345678901234567890.123456789)) AS v(t, a))$e$),
('customer_profile', $t$v1;tz=Etc/UTC;orders=1;first=1999-12-31T23:59:59.999999Z;last=1999-12-31T23:59:59.999999Z;revenue=-0.000001;moment=0.000001;days=1999-12-31$t$, $e$(SELECT customer_profile('1999-12-31 23:59:59.999999+00'::timestamptz, -0.000001::numeric))$e$),
('customer_profile', $t$v1;tz=Etc/UTC;orders=1;first=2024-06-01T00:00:00Z;last=2024-06-01T00:00:00Z;revenue=0;moment=0;days=2024-06-01$t$, $e$(SELECT customer_profile('2024-06-01 00:00+00'::timestamptz, 0::numeric))$e$),
('service_level_state', $t$v1 tolerance=0 low=1 standard=1 wow=1$t$, $e$(SELECT service_level_agg(e, p) FROM (VALUES (3.0::float8, 4.0::float8), (5, 2), (4, 4)) AS v(e, p))$e$),
('service_level_state', $t$v1 tolerance=0.5 low=1 standard=1 wow=1$t$, $e$(SELECT service_level_agg(e, p, 0.5) FROM (VALUES (3.0::float8, 4.0::float8), (5, 2), (4, 4.25)) AS v(e, p))$e$),
('response_time_state', $t$v1 target=60 accuracy=0.01 responses=200 compliant=60 min=1 max=200 sum=20100 zeros=0 buckets=0:1,35:1,55:1,70:1,81:1,90:1,98:1,104:1,110:1,116:1,120:1,125:1,129:1,132:1,136:1,139:1,142:1,145:1,148:1,150:1,153:1,155:1,157:1,159:1,161:1,163:1,165:1,167:1,169:1,171:1,172:1,174:1,175:1,177:1,178:1,180:1,181:1,182:1,184:1,185:1,186:1,187:1,189:1,190:1,191:1,192:1,193:1,194:1,195:1,196:1,197:1,198:1,199:1,200:1,201:1,202:1,203:1,204:2,205:1,206:1,207:1,208:2,209:1,210:1,211:2,212:1,213:1,214:2,215:1,216:2,217:1,218:2,219:1,220:2,221:2,222:1,223:2,224:2,225:2,226:1,227:2,228:2,229:2,230:2,231:2,232:2,233:2,234:2,235:2,236:3,237:2,238:2,239:3,240:2,241:2,242:3,243:3,244:2,245:3,246:3,247:2,248:3,249:3,250:3,251:3,252:3,253:3,254:3,255:4,256:3,257:3,258:4,259:3,260:4,261:3,262:4,263:4,264:4,265:4$t$, $e$(SELECT response_time_agg(s::float8, 60) FROM generate_series(1, 200) AS s)$e$),
('response_time_state', $t$v1 target=1800 accuracy=0.01 responses=101 compliant=31 min=0 max=6000 sum=303000 zeros=1 buckets=205:1,240:1,260:1,275:1,286:1,295:1,303:1,309:1,315:1,320:1,325:1,329:1,333:1,337:1,341:1,344:1,347:1,350:1,352:1,355:1,357:1,360:1,362:1,364:1,366:1,368:1,370:1,372:1,374:1,375:1,377:1,378:1,380:1,382:1,383:1,384:1,386:1,387:1,388:1,390:1,391:1,392:1,393:1,394:1,396:1,397:1,398:1,399:1,400:1,401:1,402:1,403:1,404:1,405:1,406:2,407:1,408:1,409:1,410:1,411:1,412:2,413:1,414:1,415:2,416:1,417:1,418:2,419:1,420:2,421:1,422:2,423:1,424:2,425:1,426:2,427:2,428:2,429:1,430:2,431:2,432:2,433:2,434:2,435:2$t$, $e$(SELECT response_time_agg(s * interval '1 minute', interval '30 minutes') FROM generate_series(0, 100) AS s)$e$),
('response_time_state', $t$v1 target=1 accuracy=0.01 responses=3 compliant=2 min=0 max=1000000000 sum=1000000000.000001 zeros=1 buckets=-690:1,1037:1$t$, $e$(SELECT response_time_agg(s, 1) FROM unnest(ARRAY[0, 1e-6, 1e9]::float8[]) AS s)$e$),
('ipa_state', $t$v1 scale_min=1 scale_max=5 "price"=5/1,2/1 "speed"=7/2,8/2 "ünïcode; \"quoted\", comma"=1/1,1/1$t$, $e$(SELECT ipa_agg(f, i, p) FROM (VALUES ('speed', 4.0::float8, 3.0::float8), ('price', 5, 2), ('speed', 3, 5), ('ünïcode; "quoted", comma', 1, 1)) AS v(f, i, p))$e$),
('complaint_state', $t$v1 orders=2 complaints=1$t$, $e$(SELECT complaint_agg(c) FROM (VALUES (true), (false), (NULL::boolean)) AS v(c))$e$),
('complaint_state', $t$v1 orders=3 complaints=2147483650$t$, $e$(SELECT complaint_agg(n) FROM (VALUES (0), (3), (2147483647)) AS v(n))$e$),
('bgnbd_state', $t$1;3;0,0,10,1;1,0.1,1000000000,1;2,5.5,10,2$t$, $e$(SELECT bgnbd_agg(x, t_x, t) FROM (VALUES (0, 0.0::float8, 10.0::float8), (2, 5.5, 10), (1, 0.1, 1e9), (2, 5.5, 10)) AS v(x, t_x, t))$e$),
('bgnbd_state', $t$1;1;0,0,0,1$t$, $e$(SELECT bgnbd_agg(x, t_x, t) FROM (VALUES (0, 0.0::float8, 0.0::float8)) AS v(x, t_x, t))$e$),
('gamma_gamma_state', $t$1;3;1,10.5,1;2,1000000000000,1;3,0.01,1$t$, $e$(SELECT gamma_gamma_agg(x, m) FROM (VALUES (1, 10.5::float8), (3, 0.01), (2, 1e12)) AS v(x, m))$e$),
('segment_summary_state', $t$v1;as_of=789004800000000;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=3;repeat=1;stages=0,1,1,0,0,0,0;revenue=35;lapsed_value=0.000000;lost_value=0.000000$t$, $e$(SELECT segment_summary_agg(p, '2025-01-01 00:00+00') FROM (SELECT customer_profile(t, a) AS p FROM (VALUES (1, '2024-01-01 00:00+00'::timestamptz, 10::numeric), (1, '2024-06-01 00:00+00', 20), (2, '2024-03-01 00:00+00', 5)) AS v(c, t, a) GROUP BY c) AS s)$e$),
('segment_summary_state', $t$v1;as_of=789004800000000;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=1;orders=1;repeat=0;stages=0,0,0,0,0,1,0;revenue=1000000000000000000000000000000;lapsed_value=9000000000000.000000;lost_value=0.000000$t$, $e$(SELECT segment_summary_agg(p, '2025-01-01 00:00+00', 9) FROM (SELECT customer_profile('2024-01-01 00:00+00'::timestamptz, 1e30::numeric) AS p) AS s)$e$);

CREATE FUNCTION pg_temp.current_text(typ text, text_1_0 text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE
	t text;
BEGIN
	EXECUTE format('SELECT %2$L::%1$s::text', typ, text_1_0) INTO t;
	RETURN t;
END
$f$;
CREATE FUNCTION pg_temp.same(typ text, text_1_0 text, built_today text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE
	same_binary boolean;
	same_text boolean;
BEGIN
	EXECUTE format('SELECT %1$s_send(%2$L::%1$s) = %1$s_send(%3$s), %2$L::%1$s::text = (%3$s)::text', typ, text_1_0, built_today)
		INTO same_binary, same_text;
	RETURN CASE WHEN same_binary AND same_text THEN 'same value' ELSE format('DIFFERENT (binary %s, text %s)', same_binary, same_text) END;
EXCEPTION WHEN OTHERS THEN
	RETURN 'ERROR ' || SQLSTATE || ': ' || SQLERRM;
END
$f$;
SELECT n, typ, pg_temp.same(typ, text_1_0, built_today) AS read_back FROM released ORDER BY n;

-- What a 1.0 text reads as today, one per type: the current text form of the same value.
SELECT DISTINCT ON (typ) typ, left(text_1_0, 60) AS text_1_0, left(pg_temp.current_text(typ, text_1_0), 90) AS text_today
FROM released ORDER BY typ, n;

-- Every base type of the extension that 1.0 had is covered above (loyalty_ladder, nps_trend_state,
-- driver_state, holdout_state and nps_weighted_state are new in 1.1;
-- array types are left out: 17+ records them as members of the extension, 15 does not).
SELECT count(*) AS base_types, count(*) FILTER (WHERE t.typname IN (SELECT typ FROM released)) AS with_a_released_sample
FROM pg_type t JOIN pg_depend d ON d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'customer_focus'
WHERE t.typtype = 'b' AND t.typcategory <> 'A';
SELECT t.typname AS base_type_without_a_released_sample
FROM pg_type t JOIN pg_depend d ON d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'customer_focus'
WHERE t.typtype = 'b' AND t.typcategory <> 'A' AND t.typname NOT IN ('loyalty_ladder', 'nps_trend_state', 'driver_state', 'holdout_state', 'nps_weighted_state') AND t.typname NOT IN (SELECT typ FROM released)
ORDER BY 1;
-- The skipped count of a 1.0 state is unknown, and stays unknown when merged with today's.
SELECT skipped_count(t::nps_state) IS NULL AS released_skipped_unknown,
       skipped_count(rollup(x)) IS NULL AS merged_skipped_unknown,
       response_count(rollup(x)) = 2 * response_count(t::nps_state) AS merged_counts_add
FROM (SELECT text_1_0 AS t FROM released WHERE typ = 'nps_state' ORDER BY n LIMIT 1) r,
     LATERAL (VALUES (t::nps_state), ((SELECT nps_agg(s) FROM generate_series(0, 10) AS s))) v(x)
GROUP BY t;
-- A 1.0 profile of several purchase days does not guess its repeat purchases' mean value (22023);
-- one of one purchase day knows it has none.
CREATE FUNCTION pg_temp.sqlstate(q text) RETURNS text LANGUAGE plpgsql AS $f$
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE;
END
$f$;
SELECT n, pg_temp.sqlstate(format('SELECT repeat_mean_value(%L::customer_profile)', text_1_0)) AS repeat_mean_value,
       text_1_0::customer_profile::text LIKE '%;first_revenue=none;%' AS first_day_unknown
FROM released WHERE typ = 'customer_profile' ORDER BY n;
RESET TimeZone;
