-- Response-time standards: every figure checked by hand or against plain SQL over the same rows.
SET extra_float_digits = 0;

-- Hand-checked: times 0, 12.5, 18, 20, 25, 40 and a NULL against 20 s: compliant 4 (the boundary counts),
-- compliance 2/3, mean 115.5 / 6 = 19.25, min 0, max 40.
CREATE TABLE svc_rt_small (seconds float8);
INSERT INTO svc_rt_small VALUES (25), (0), (12.5), (NULL), (40), (20), (18);
SELECT response_count(s), compliant_count(s), compliant_share(s), mean_response(s), min_response(s), max_response(s), response_target(s)
FROM (SELECT response_time_agg(seconds, 20) s FROM svc_rt_small) x;
-- Percentiles: exact at the ends; within 1 % of percentile_cont inside (median 19, 0.9 -> 32.5).
SELECT response_percentile(s, 0) AS p0, response_percentile(s, 1) AS p100,
       abs(response_percentile(s, 0.5) / 19 - 1) <= 0.01 AS median_within_1pct,
       abs(response_percentile(s, 0.9) / 32.5 - 1) <= 0.01 AS p90_within_1pct,
       (SELECT percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY seconds) FROM svc_rt_small) AS exact
FROM (SELECT response_time_agg(seconds, 20) s FROM svc_rt_small) x;
SELECT response_time_agg(seconds, 20) FROM svc_rt_small;
SELECT compliant_share(seconds, 20) FROM svc_rt_small;
-- Intervals: seconds as EXTRACT(EPOCH) counts them; 30 s greeting standard.
SELECT compliant_share(t, '30 seconds') AS compliance, mean_response(response_time_agg(t, '30 seconds')) AS mean,
       avg(extract(epoch FROM t))::float8 AS mean_by_sql
FROM (VALUES (interval '12 seconds'), ('00:00:29.5'), ('30 seconds'), ('1 minute'), (NULL)) v(t);
SELECT response_time_agg(seconds, 20) IS NULL AS empty_is_null, compliant_share(seconds, 20) IS NULL AS empty_compliance_is_null
FROM svc_rt_small WHERE false;

-- ===================== against plain SQL over generated data =====================

CREATE TABLE rt_gen AS
  SELECT i, i % 5 AS grp, i / 400 AS day,
         1 + (i * 7) % 5 AS expected,
         CASE WHEN i % 41 = 0 THEN NULL ELSE 1 + (i * 13) % 5 + ((i % 3) - 1) * 0.25 END AS perceived,
         CASE WHEN i % 37 = 0 THEN NULL WHEN i % 101 = 0 THEN 0
              ELSE round(exp(((i * 7919) % 1000) / 1000.0 * 5)::numeric, 3)::float8 END AS seconds,
         (ARRAY['quality', 'technical support', 'payment terms', 'price', 'delivery'])[1 + (i / 3) % 5] AS factor,
         CASE WHEN i % 29 = 0 THEN NULL ELSE least(5, greatest(1, (ARRAY[5, 4, 2, 4, 3])[1 + (i / 3) % 5] + (i * 11) % 3 - 1)) END AS importance,
         CASE WHEN i % 31 = 0 THEN NULL ELSE least(5, greatest(1, (ARRAY[4, 2, 4, 3, 2])[1 + (i / 3) % 5] + (i * 17) % 3 - 1)) END AS performance,
         CASE WHEN i % 53 = 0 THEN NULL ELSE (i % 97 = 0 AND i % 5 <> 4) END AS complained
  FROM generate_series(1, 12000) i;


-- Response times: counts, compliance, mean, min and max against plain SQL; percentiles within 1 %.
SELECT bool_and(response_count(s) = p.n) AS responses_match,
       bool_and(compliant_count(s) = p.compliant) AS compliant_match,
       bool_and(abs(mean_response(s) - p.mean) <= 1e-9 * p.mean) AS mean_matches,
       bool_and(min_response(s) = p.min AND max_response(s) = p.max) AS min_max_exact,
       bool_and(abs(response_percentile(s, 0.5) - p.p50) <= 0.01 * p.p50 * (1 + 1e-9)) AS p50_within_1pct,
       bool_and(abs(response_percentile(s, 0.9) - p.p90) <= 0.01 * p.p90 * (1 + 1e-9)) AS p90_within_1pct,
       bool_and(abs(response_percentile(s, 0.99) - p.p99) <= 0.01 * p.p99 * (1 + 1e-9)) AS p99_within_1pct,
       count(*) AS groups
FROM (SELECT grp, response_time_agg(seconds, 20) AS s FROM rt_gen GROUP BY grp) e
JOIN (SELECT grp, count(seconds) AS n, count(*) FILTER (WHERE seconds <= 20) AS compliant, avg(seconds) AS mean,
             min(seconds) AS min, max(seconds) AS max,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS p50,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) AS p90,
             percentile_cont(0.99) WITHIN GROUP (ORDER BY seconds) AS p99
      FROM rt_gen GROUP BY grp) p USING (grp);
-- Every percentile from 0 to 1 in steps of 0.01, over all rows, within 1 % (exact at the ends and for zeros).
WITH fr AS (SELECT array_agg(k / 100.0)::float8[] AS f FROM generate_series(0, 100) k),
     x AS (SELECT unnest(fr.f) AS f,
                  unnest((SELECT response_percentile(response_time_agg(seconds, 20), fr.f) FROM rt_gen)) AS e,
                  unnest((SELECT percentile_cont(fr.f) WITHIN GROUP (ORDER BY seconds) FROM rt_gen)) AS p
           FROM fr)
SELECT bool_and(abs(e - p) <= 0.01 * p * (1 + 1e-9)) AS all_within_1pct,
       bool_and(e = p) FILTER (WHERE f IN (0, 1) OR p = 0) AS ends_and_zeros_exact,
       count(*) FILTER (WHERE p = 0) AS zero_percentiles, count(*) AS percentiles
FROM x;
SELECT response_percentile(response_time_agg(seconds, 20), ARRAY[[0, NULL], [1, 0.5]]::float8[]) IS NOT NULL AS array_shape_kept,
       array_dims(response_percentile(response_time_agg(seconds, 20), ARRAY[[0, NULL], [1, 0.5]]::float8[])) AS dims
FROM rt_gen;
-- The interval form gives the double precision form's state.
SELECT response_time_agg(make_interval(secs => seconds), '20 seconds')::text = response_time_agg(seconds, 20)::text
       AS interval_equals_seconds
FROM rt_gen;

-- ===================== rollup = direct =====================

CREATE TABLE rt_daily AS
  SELECT day, grp, response_time_agg(seconds, 20) AS times
  FROM rt_gen GROUP BY day, grp;
SELECT bool_and(r.times::text = d.times::text) AS times_equal, count(*) AS weeks
FROM (SELECT day / 7 AS week, rollup(times) AS times FROM rt_daily GROUP BY 1) r
JOIN (SELECT day / 7 AS week, response_time_agg(seconds, 20) AS times FROM rt_gen GROUP BY 1) d USING (week);
SELECT rollup(times) IS NULL AS rollup_of_nothing_is_null FROM rt_daily WHERE false;

-- ===================== text and binary round trips =====================

SELECT bool_and(times::text::response_time_state::text = times::text) AS times_text FROM rt_daily;
CREATE TABLE rt_daily_copy (LIKE rt_daily);
DO $$
DECLARE f text := '/tmp/customer_focus_rt_' || pg_backend_pid() || '.bin';
BEGIN
  EXECUTE format('COPY rt_daily TO PROGRAM %L WITH (FORMAT binary)', 'cat > ' || f);
  EXECUTE format('COPY rt_daily_copy FROM PROGRAM %L WITH (FORMAT binary)', 'cat ' || f || ' && rm -f ' || f);
END $$;
SELECT count(*) AS rows, bool_and(a.times::text = b.times::text) AS binary_round_trip
FROM rt_daily a JOIN rt_daily_copy b USING (day, grp);
-- An empty sketch.
SELECT 'v1 target=20 accuracy=0.01 responses=0 compliant=0 min=0 max=0 sum=0 zeros=0 buckets='::response_time_state;
SELECT compliant_share(s), mean_response(s), response_percentile(s, 0.5), response_count(s)
FROM (VALUES ('v1 target=20 accuracy=0.01 responses=0 compliant=0 min=0 max=0 sum=0 zeros=0 buckets='::response_time_state)) v(s);

-- ===================== parallel = serial =====================

CREATE TABLE rt_big AS SELECT * FROM rt_gen, generate_series(1, 4) k;
ANALYZE rt_big;
CREATE TEMP VIEW rt_all_states AS
  SELECT grp, response_time_agg(seconds, 20)::text AS times
  FROM rt_big GROUP BY grp;
CREATE TEMP TABLE rt_serial AS SELECT * FROM rt_all_states;
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/parallel.sql
SELECT pg_temp.plan_has('SELECT * FROM rt_all_states', 'Partial') AS plan_is_parallel;
SELECT bool_and(p.times = s.times) AS times_equal, count(*) AS groups
FROM rt_all_states p JOIN rt_serial s USING (grp);
\i :abs_srcdir/test/regress/parallel_reset.sql

-- ===================== errors =====================

-- Class 22, naming the value and the allowed range.  First a few in full, then SQLSTATE and message.
SELECT response_time_agg(s, 20) FROM (VALUES (-1.5)) v(s);
SELECT 'v1 target=20 accuracy=0.01 responses=2 compliant=1 min=1 max=2 sum=3 zeros=0 buckets=0:1'::response_time_state;
CREATE FUNCTION rt_error(query text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE query;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
SELECT rt_error(q) FROM (VALUES
  ($q$SELECT response_time_agg(s, 20) FROM (VALUES (-1.5)) v(s)$q$),
  ($q$SELECT response_time_agg(s, 20) FROM (VALUES ('NaN'::float8)) v(s)$q$),
  ($q$SELECT response_time_agg(s, 20) FROM (VALUES ('Infinity'::float8)) v(s)$q$),
  ($q$SELECT response_time_agg(s, 20) FROM (VALUES (1e13)) v(s)$q$),
  ($q$SELECT response_time_agg(s, -20) FROM (VALUES (1)) v(s)$q$),
  ($q$SELECT response_time_agg(s, 'NaN') FROM (VALUES (1)) v(s)$q$),
  ($q$SELECT response_time_agg(s, NULL) FROM (VALUES (1)) v(s)$q$),
  ($q$SELECT response_time_agg(s, '-5 seconds') FROM (VALUES (interval '1 second')) v(s)$q$),
  ($q$SELECT response_time_agg(s, '20 seconds') FROM (VALUES (interval '-1 second')) v(s)$q$),
  ($q$SELECT response_time_agg(s, s + 1) FROM (VALUES (1), (2)) v(s)$q$),
  ($q$SELECT rollup(s) FROM (SELECT response_time_agg(1, 20) UNION ALL SELECT response_time_agg(1, 30)) v(s)$q$),
  ($q$SELECT response_percentile(response_time_agg(s, 20), 1.5) FROM (VALUES (1)) v(s)$q$),
  ($q$SELECT response_percentile(response_time_agg(s, 20), ARRAY[0.5, -0.1]) FROM (VALUES (1)) v(s)$q$),
  ($q$SELECT 'v1 target=20 accuracy=0.05 responses=0 compliant=0 min=0 max=0 sum=0 zeros=0 buckets='::response_time_state$q$),
  ($q$SELECT 'v1 target=20 accuracy=0.01 responses=1 compliant=2 min=1 max=1 sum=1 zeros=0 buckets=0:1'::response_time_state$q$),
  ($q$SELECT 'v1 target=20 accuracy=0.01 responses=2 compliant=1 min=1 max=2 sum=3 zeros=0 buckets=35:1,0:1'::response_time_state$q$)
) v(q);
-- A transition function called outside an aggregate refuses politely.
SELECT cf_rt_trans(NULL, 5, 20);
