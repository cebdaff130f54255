-- Service quality: every figure checked by hand or against plain SQL over the same rows.
SET extra_float_digits = 0;

-- ===================== service levels =====================

-- Hand-checked: expectation 4; the band 3.5..4.5 with tolerance 0.5, both edges standard.
SELECT service_level(4, 3) AS below, service_level(4, 4) AS meets, service_level(4, 5) AS above,
       service_level(4, 3.5, 0.5) AS lower_edge, service_level(4, 4.5, 0.5) AS upper_edge,
       service_level(4, 3.49, 0.5) AS just_below, service_level(4, 4.51, 0.5) AS just_above,
       service_level(4, NULL) IS NULL AS null_is_null;

CREATE TABLE svc_small (segment text, expected float8, perceived float8);
-- Segment a (tolerance 0.5): 3 low (2, 3, 3.4 against 4), 3 standard (3.5, 4, 4.5), 2 wow (4.6, 5).
-- Segment b: 1 standard, 1 wow and a row without a perception.  Segment c: no usable rows.
INSERT INTO svc_small VALUES
  ('a', 4, 2), ('a', 4, 3), ('a', 4, 3.4), ('a', 4, 3.5), ('a', 4, 4), ('a', 4, 4.5), ('a', 4, 4.6), ('a', 4, 5),
  ('b', 3, 3), ('b', 3, 4), ('b', 3, NULL),
  ('c', NULL, 4);
SELECT segment, service_level_agg(expected, perceived, 0.5) AS state,
       response_count(service_level_agg(expected, perceived, 0.5)),
       level_count(service_level_agg(expected, perceived, 0.5), 'low') AS low,
       level_count(service_level_agg(expected, perceived, 0.5), 'standard') AS standard,
       level_count(service_level_agg(expected, perceived, 0.5), 'wow') AS wow
FROM svc_small GROUP BY segment ORDER BY segment;
-- Shares of segment a: 3/8, 3/8, 2/8.  Without tolerance: low 4 (3.5 too), standard 1, wow 3 (4.5 too).
SELECT level_share(s, 'low') AS low_share, level_share(s, 'standard') AS standard_share, level_share(s, 'wow') AS wow_share,
       level_tolerance(s), level_counts(s), level_counts(s0) AS without_tolerance
FROM (SELECT service_level_agg(expected, perceived, 0.5) AS s, service_level_agg(expected, perceived) AS s0
      FROM svc_small WHERE segment = 'a') x;
SELECT service_level_agg(expected, perceived) IS NULL AS empty_is_null FROM svc_small WHERE false;
-- A skipped row (NULL perception) needs no tolerance either.
SELECT service_level_agg(e, p, t) IS NULL AS skipped_row_needs_no_tolerance
FROM (VALUES (4, NULL::float8, NULL::float8)) v(e, p, t);

-- ===================== response times =====================

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

-- ===================== importance-performance analysis =====================

-- Three respondents rate five purchase factors on 1-5 (importance / performance):
--   quality 5 5 4 / 4 5 4 (means 14/3, 13/3)      technical support 4 5 5 / 2 3 2 (14/3, 7/3)
--   payment terms 2 3 2 / 4 4 5 (7/3, 13/3)        price 4 4 3 / 3 2 3 (11/3, 8/3)
--   delivery 3 2 3 / 2 3 2 (8/3, 7/3)
-- Grand means 54/15 = 3.6 and 48/15 = 3.2.  By hand: technical support (gap 7/3) and price (gap 1)
-- concentrate here; quality keep up the good work; delivery low priority; payment terms possible overkill.
-- Quality and delivery tie on gap 1/3; quality ranks first by its higher importance.
CREATE TABLE svc_ipa_small (respondent integer, factor text, importance integer, performance integer);
INSERT INTO svc_ipa_small VALUES
  (1, 'quality', 5, 4), (2, 'quality', 5, 5), (3, 'quality', 4, 4),
  (1, 'technical support', 4, 2), (2, 'technical support', 5, 3), (3, 'technical support', 5, 2),
  (1, 'payment terms', 2, 4), (2, 'payment terms', 3, 4), (3, 'payment terms', 2, 5),
  (1, 'price', 4, 3), (2, 'price', 4, 2), (3, 'price', 3, 3),
  (1, 'delivery', 3, 2), (2, 'delivery', 2, 3), (3, 'delivery', 3, 2),
  (4, 'delivery', NULL, NULL), (4, NULL, 5, 5);
SELECT factor, round(importance::numeric, 4) AS importance, round(performance::numeric, 4) AS performance,
       round(gap::numeric, 4) AS gap, quadrant, rank
FROM ipa_factors((SELECT ipa_agg(factor, importance, performance) FROM svc_ipa_small));
SELECT * FROM grand_means((SELECT ipa_agg(factor, importance, performance) FROM svc_ipa_small));
-- Thresholds given: 4 for importance, 3 for performance; price (11/3) is now low priority.
SELECT factor, quadrant, rank
FROM ipa_factors((SELECT ipa_agg(factor, importance, performance) FROM svc_ipa_small), 4, 3);
-- One threshold given, the other the grand mean (3.6): with performance 4.4 nobody performs high, so quality
-- moves to concentrate here and payment terms to low priority.
SELECT factor, quadrant
FROM (SELECT ipa_agg(factor, importance, performance) AS s FROM svc_ipa_small) x,
     ipa_factors(s, (grand_means(s)).importance, performance_threshold => 4.4) ORDER BY factor;
-- The thresholds are strict, like the state: a NULL gives no rows.
SELECT count(*) AS rows_with_null_threshold FROM ipa_factors((SELECT ipa_agg(factor, importance, performance) FROM svc_ipa_small), NULL, 3);
SELECT ipa_agg(factor, importance, performance) FROM svc_ipa_small;
-- A factor rated only for importance has no gap, quadrant or rank; other scales work.
SELECT * FROM ipa_factors((SELECT ipa_agg(f, i, p, 0, 10) FROM (VALUES ('speed', 8, 6), ('speed', 9, NULL), ('warranty', 7, NULL)) v(f, i, p)));
SELECT count(*) AS rows_of_null_state FROM ipa_factors(NULL::ipa_state);

-- ===================== complaints =====================

-- Hand-checked: segment a 5 orders, 2 with a complaint (400 per 1,000); b 3 orders, none; a NULL row ignored.
CREATE TABLE svc_cmp_small (segment text, complained boolean);
INSERT INTO svc_cmp_small VALUES ('a', true), ('a', false), ('a', true), ('a', false), ('a', false),
  ('b', false), ('b', false), ('b', false), ('b', NULL);
SELECT segment, complaint_agg(complained), order_count(complaint_agg(complained)), complaint_count(complaint_agg(complained)),
       complaints_per_1000(complaint_agg(complained)), complaints_per_1000(complained) AS one_step,
       alarming_silence(complaint_agg(complained)) AS silent_500, alarming_silence(complaint_agg(complained), 3) AS silent_3
FROM svc_cmp_small GROUP BY segment ORDER BY segment;
-- Complaint counts per order: 3 orders with 0, 2 and 1 complaints: 3 complaints, 1000 per 1,000.
SELECT complaint_agg(n), complaints_per_1000(complaint_agg(n)) FROM (VALUES (0), (2), (1), (NULL)) v(n);
SELECT complaint_agg(complained) IS NULL AS empty_is_null, complaints_per_1000(complained) IS NULL AS empty_rate_is_null
FROM svc_cmp_small WHERE false;

-- ===================== against plain SQL over generated data =====================

CREATE TABLE svc_gen AS
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

-- Service levels (tolerance 0.25: the generated perceptions hit both edges of the band).
SELECT bool_and(level_count(s, 'low') = p.low AND level_count(s, 'standard') = p.standard AND level_count(s, 'wow') = p.wow) AS counts_match,
       bool_and(abs(level_share(s, 'wow') - p.wow::float8 / (p.low + p.standard + p.wow)) < 1e-12) AS shares_match,
       sum(p.standard) AS standard_total, count(*) AS groups
FROM (SELECT grp, service_level_agg(expected, perceived, 0.25) AS s FROM svc_gen GROUP BY grp) e
JOIN (SELECT grp, count(*) FILTER (WHERE perceived < expected - 0.25) AS low,
             count(*) FILTER (WHERE perceived BETWEEN expected - 0.25 AND expected + 0.25) AS standard,
             count(*) FILTER (WHERE perceived > expected + 0.25) AS wow
      FROM svc_gen GROUP BY grp) p USING (grp);
SELECT bool_and(service_level(expected, perceived, 0.25)::text =
                CASE WHEN perceived < expected - 0.25 THEN 'low' WHEN perceived > expected + 0.25 THEN 'wow' ELSE 'standard' END)
       AS function_matches
FROM svc_gen WHERE perceived IS NOT NULL;

-- Response times: counts, compliance, mean, min and max against plain SQL; percentiles within 1 %.
SELECT bool_and(response_count(s) = p.n) AS responses_match,
       bool_and(compliant_count(s) = p.compliant) AS compliant_match,
       bool_and(abs(mean_response(s) - p.mean) <= 1e-9 * p.mean) AS mean_matches,
       bool_and(min_response(s) = p.min AND max_response(s) = p.max) AS min_max_exact,
       bool_and(abs(response_percentile(s, 0.5) - p.p50) <= 0.01 * p.p50 * (1 + 1e-9)) AS p50_within_1pct,
       bool_and(abs(response_percentile(s, 0.9) - p.p90) <= 0.01 * p.p90 * (1 + 1e-9)) AS p90_within_1pct,
       bool_and(abs(response_percentile(s, 0.99) - p.p99) <= 0.01 * p.p99 * (1 + 1e-9)) AS p99_within_1pct,
       count(*) AS groups
FROM (SELECT grp, response_time_agg(seconds, 20) AS s FROM svc_gen GROUP BY grp) e
JOIN (SELECT grp, count(seconds) AS n, count(*) FILTER (WHERE seconds <= 20) AS compliant, avg(seconds) AS mean,
             min(seconds) AS min, max(seconds) AS max,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS p50,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) AS p90,
             percentile_cont(0.99) WITHIN GROUP (ORDER BY seconds) AS p99
      FROM svc_gen GROUP BY grp) p USING (grp);
-- Every percentile from 0 to 1 in steps of 0.01, over all rows, within 1 % (exact at the ends and for zeros).
WITH fr AS (SELECT array_agg(k / 100.0)::float8[] AS f FROM generate_series(0, 100) k),
     x AS (SELECT unnest(fr.f) AS f,
                  unnest((SELECT response_percentile(response_time_agg(seconds, 20), fr.f) FROM svc_gen)) AS e,
                  unnest((SELECT percentile_cont(fr.f) WITHIN GROUP (ORDER BY seconds) FROM svc_gen)) AS p
           FROM fr)
SELECT bool_and(abs(e - p) <= 0.01 * p * (1 + 1e-9)) AS all_within_1pct,
       bool_and(e = p) FILTER (WHERE f IN (0, 1) OR p = 0) AS ends_and_zeros_exact,
       count(*) FILTER (WHERE p = 0) AS zero_percentiles, count(*) AS percentiles
FROM x;
SELECT response_percentile(response_time_agg(seconds, 20), ARRAY[[0, NULL], [1, 0.5]]::float8[]) IS NOT NULL AS array_shape_kept,
       array_dims(response_percentile(response_time_agg(seconds, 20), ARRAY[[0, NULL], [1, 0.5]]::float8[])) AS dims
FROM svc_gen;
-- The interval form gives the double precision form's state.
SELECT response_time_agg(make_interval(secs => seconds), '20 seconds')::text = response_time_agg(seconds, 20)::text
       AS interval_equals_seconds
FROM svc_gen;

-- Importance-performance: means, gaps, grand means, quadrants and ranks against plain SQL.
CREATE TEMP VIEW svc_ipa_plain AS
  WITH m AS (SELECT factor, avg(importance) AS imp, avg(performance) AS perf FROM svc_gen GROUP BY factor),
       g AS (SELECT avg(imp) AS gi, avg(perf) AS gp FROM m)
  SELECT factor, imp, perf, imp - perf AS gap,
         CASE WHEN imp >= gi THEN CASE WHEN perf >= gp THEN 'keep up the good work' ELSE 'concentrate here' END
              ELSE CASE WHEN perf >= gp THEN 'possible overkill' ELSE 'low priority' END END AS quadrant,
         row_number() OVER (ORDER BY round(imp - perf, 9) DESC, round(imp, 9) DESC, factor COLLATE "C") AS rank
  FROM m, g;
SELECT bool_and(abs(e.importance - p.imp) < 1e-9 AND abs(e.performance - p.perf) < 1e-9) AS means_match,
       bool_and(abs(e.gap - p.gap) < 1e-9) AS gaps_match,
       bool_and(e.quadrant = p.quadrant) AS quadrants_match,
       bool_and(e.rank = p.rank) AS ranks_match,
       count(*) AS factors
FROM ipa_factors((SELECT ipa_agg(factor, importance, performance) FROM svc_gen)) e JOIN svc_ipa_plain p USING (factor);
SELECT factor, quadrant, rank FROM ipa_factors((SELECT ipa_agg(factor, importance, performance) FROM svc_gen));

-- Complaints against plain SQL; the segment that never complains is flagged as silent.
SELECT grp, order_count(s) = p.orders AND complaint_count(s) = p.complaints AS counts_match,
       abs(complaints_per_1000(s) - 1000.0 * p.complaints / p.orders) < 1e-9 AS rate_matches,
       alarming_silence(s) AS silent
FROM (SELECT grp, complaint_agg(complained) AS s FROM svc_gen GROUP BY grp) e
JOIN (SELECT grp, count(complained) AS orders, count(*) FILTER (WHERE complained) AS complaints
      FROM svc_gen GROUP BY grp) p USING (grp) ORDER BY grp;
-- Moving window: inverse transitions give what a fresh aggregate over each frame gives.
SELECT bool_and(w.r IS NOT DISTINCT FROM f.r) AS complaint_window_matches,
       bool_and(w.l = f.l) AS level_window_matches, count(*) AS rows
FROM (SELECT i, complaints_per_1000(complained) OVER (ORDER BY i ROWS BETWEEN 49 PRECEDING AND CURRENT ROW) AS r,
             level_counts(service_level_agg(expected, perceived, 0.25) OVER (ORDER BY i ROWS BETWEEN 49 PRECEDING AND CURRENT ROW)) AS l
      FROM svc_gen WHERE i <= 400) w
JOIN LATERAL (SELECT complaints_per_1000(complained) AS r, level_counts(service_level_agg(expected, perceived, 0.25)) AS l
              FROM svc_gen g WHERE g.i BETWEEN w.i - 49 AND w.i) f ON true;

-- ===================== rollup = direct =====================

CREATE TABLE svc_daily AS
  SELECT day, grp, service_level_agg(expected, perceived, 0.25) AS levels, response_time_agg(seconds, 20) AS times,
         ipa_agg(factor, importance, performance) AS ipa, complaint_agg(complained) AS complaints
  FROM svc_gen GROUP BY day, grp;
SELECT bool_and(r.levels::text = d.levels::text) AS levels_equal, bool_and(r.times::text = d.times::text) AS times_equal,
       bool_and(r.ipa::text = d.ipa::text) AS ipa_equal, bool_and(r.complaints::text = d.complaints::text) AS complaints_equal,
       count(*) AS weeks
FROM (SELECT day / 7 AS week, rollup(levels) AS levels, rollup(times) AS times, rollup(ipa) AS ipa, rollup(complaints) AS complaints
      FROM svc_daily GROUP BY 1) r
JOIN (SELECT day / 7 AS week, service_level_agg(expected, perceived, 0.25) AS levels, response_time_agg(seconds, 20) AS times,
             ipa_agg(factor, importance, performance) AS ipa, complaint_agg(complained) AS complaints
      FROM svc_gen GROUP BY 1) d USING (week);
SELECT rollup(levels) IS NULL AND rollup(times) IS NULL AND rollup(ipa) IS NULL AND rollup(complaints) IS NULL
       AS rollup_of_nothing_is_null
FROM svc_daily WHERE false;

-- ===================== text and binary round trips =====================

SELECT bool_and(levels::text::service_level_state::text = levels::text) AS levels_text,
       bool_and(times::text::response_time_state::text = times::text) AS times_text,
       bool_and(ipa::text::ipa_state::text = ipa::text) AS ipa_text,
       bool_and(complaints::text::complaint_state::text = complaints::text) AS complaints_text
FROM svc_daily;
CREATE TABLE svc_daily_copy (LIKE svc_daily);
DO $$
DECLARE f text := '/tmp/customer_focus_service_' || pg_backend_pid() || '.bin';
BEGIN
  EXECUTE format('COPY svc_daily TO PROGRAM %L WITH (FORMAT binary)', 'cat > ' || f);
  EXECUTE format('COPY svc_daily_copy FROM PROGRAM %L WITH (FORMAT binary)', 'cat ' || f || ' && rm -f ' || f);
END $$;
SELECT count(*) AS rows, bool_and(a.levels::text = b.levels::text AND a.times::text = b.times::text AND
                                  a.ipa::text = b.ipa::text AND a.complaints::text = b.complaints::text) AS binary_round_trip
FROM svc_daily a JOIN svc_daily_copy b USING (day, grp);
-- A state with a factor name that needs quoting, and an empty sketch.
SELECT 'v1 scale_min=0 scale_max=10 "24/7 \"hotline\""=7.5/1,0/0'::ipa_state,
       'v1 target=20 accuracy=0.01 responses=0 compliant=0 min=0 max=0 sum=0 zeros=0 buckets='::response_time_state;
SELECT compliant_share(s), mean_response(s), response_percentile(s, 0.5), response_count(s)
FROM (VALUES ('v1 target=20 accuracy=0.01 responses=0 compliant=0 min=0 max=0 sum=0 zeros=0 buckets='::response_time_state)) v(s);

-- ===================== parallel = serial =====================

CREATE TABLE svc_big AS SELECT * FROM svc_gen, generate_series(1, 4) k;
ANALYZE svc_big;
CREATE FUNCTION svc_plan_has(query text, node text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE line text;
BEGIN
  FOR line IN EXECUTE 'EXPLAIN ' || query LOOP
    IF line LIKE '%' || node || '%' THEN RETURN true; END IF;
  END LOOP;
  RETURN false;
END $$;
CREATE TEMP VIEW svc_all_states AS
  SELECT grp, service_level_agg(expected, perceived, 0.25)::text AS levels, response_time_agg(seconds, 20)::text AS times,
         ipa_agg(factor, importance, performance)::text AS ipa, complaint_agg(complained)::text AS complaints
  FROM svc_big GROUP BY grp;
CREATE TEMP TABLE svc_serial AS SELECT * FROM svc_all_states;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SELECT svc_plan_has('SELECT * FROM svc_all_states', 'Partial') AS plan_is_parallel;
SELECT bool_and(p.levels = s.levels) AS levels_equal, bool_and(p.times = s.times) AS times_equal,
       bool_and(p.ipa = s.ipa) AS ipa_equal, bool_and(p.complaints = s.complaints) AS complaints_equal, count(*) AS groups
FROM svc_all_states p JOIN svc_serial s USING (grp);
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size; RESET max_parallel_workers_per_gather;

-- ===================== errors =====================

-- Class 22, naming the value and the allowed range.  First a few in full, then SQLSTATE and message.
SELECT service_level(4, 3, -0.5);
SELECT response_time_agg(s, 20) FROM (VALUES (-1.5)) v(s);
SELECT ipa_agg(f, i, p) FROM (VALUES ('price', 6, 3)) v(f, i, p);
SELECT rollup(s) FROM (VALUES ('v1 tolerance=0 low=1 standard=0 wow=0'::service_level_state),
                              ('v1 tolerance=0.5 low=0 standard=1 wow=0'::service_level_state)) v(s);
SELECT 'v1 target=20 accuracy=0.01 responses=2 compliant=1 min=1 max=2 sum=3 zeros=0 buckets=0:1'::response_time_state;
CREATE FUNCTION svc_error(query text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE query;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
SELECT svc_error(q) FROM (VALUES
  ($q$SELECT service_level(4, 3, -0.5)$q$),
  ($q$SELECT service_level(4, 3, 'NaN')$q$),
  ($q$SELECT service_level(4, 3, 'Infinity')$q$),
  ($q$SELECT service_level('NaN', 3)$q$),
  ($q$SELECT service_level(4, '-Infinity')$q$),
  ($q$SELECT service_level_agg(e, p, -1) FROM (VALUES (4, 3)) v(e, p)$q$),
  ($q$SELECT service_level_agg(e, p, NULL) FROM (VALUES (4, 3)) v(e, p)$q$),
  ($q$SELECT service_level_agg(e, p, e / 10.0) FROM (VALUES (4, 3), (5, 3)) v(e, p)$q$),
  ($q$SELECT rollup(s) FROM (VALUES ('v1 tolerance=0 low=1 standard=0 wow=0'::service_level_state), ('v1 tolerance=0.5 low=0 standard=1 wow=0')) v(s)$q$),
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
  ($q$SELECT ipa_agg(f, i, p) FROM (VALUES ('price', 6, 3)) v(f, i, p)$q$),
  ($q$SELECT ipa_agg(f, i, p) FROM (VALUES ('price', 3, 0)) v(f, i, p)$q$),
  ($q$SELECT ipa_agg(f, i, p) FROM (VALUES ('price', 'NaN'::float8, 3)) v(f, i, p)$q$),
  ($q$SELECT ipa_agg(f, i, p, 5, 1) FROM (VALUES ('price', 3, 3)) v(f, i, p)$q$),
  ($q$SELECT ipa_agg(f, i, p, 1, 'Infinity') FROM (VALUES ('price', 3, 3)) v(f, i, p)$q$),
  ($q$SELECT ipa_agg(f, i, p, 1, NULL) FROM (VALUES ('price', 3, 3)) v(f, i, p)$q$),
  ($q$SELECT ipa_agg(f, i, p, 1, i + 4) FROM (VALUES ('price', 3, 3), ('price', 4, 3)) v(f, i, p)$q$),
  ($q$SELECT ipa_agg(repeat('x', 128), 3, 3)$q$),
  ($q$SELECT ipa_agg('factor ' || k, 3, 3) FROM generate_series(1, 101) k$q$),
  ($q$SELECT rollup(s) FROM (SELECT ipa_agg('a', 3, 3) UNION ALL SELECT ipa_agg('a', 3, 3, 0, 10)) v(s)$q$),
  ($q$SELECT * FROM ipa_factors((SELECT ipa_agg('a', 3, 3)), 'NaN', 3)$q$),
  ($q$SELECT complaint_agg(n) FROM (VALUES (-1)) v(n)$q$),
  ($q$SELECT alarming_silence(complaint_agg(true), 0)$q$),
  ($q$SELECT rollup(s) FROM (VALUES ('v1 orders=9223372036854775807 complaints=0'::complaint_state), ('v1 orders=1 complaints=0')) v(s)$q$),
  ($q$SELECT 'v2 tolerance=0 low=0 standard=0 wow=0'::service_level_state$q$),
  ($q$SELECT 'v1 tolerance=-1 low=0 standard=0 wow=0'::service_level_state$q$),
  ($q$SELECT 'v1 target=20 accuracy=0.05 responses=0 compliant=0 min=0 max=0 sum=0 zeros=0 buckets='::response_time_state$q$),
  ($q$SELECT 'v1 target=20 accuracy=0.01 responses=1 compliant=2 min=1 max=1 sum=1 zeros=0 buckets=0:1'::response_time_state$q$),
  ($q$SELECT 'v1 target=20 accuracy=0.01 responses=2 compliant=1 min=1 max=2 sum=3 zeros=0 buckets=35:1,0:1'::response_time_state$q$),
  ($q$SELECT 'v1 scale_min=1 scale_max=5 "b"=1/1,1/1 "a"=1/1,1/1'::ipa_state$q$),
  ($q$SELECT 'v1 scale_min=1 scale_max=5 "a"=6/1,1/1'::ipa_state$q$),
  ($q$SELECT 'v1 orders=-1 complaints=0'::complaint_state$q$),
  ($q$SELECT ''::complaint_state$q$)
) v(q);
-- A transition function called outside an aggregate refuses politely.
SELECT cf_rt_trans(NULL, 5, 20);
