-- Importance-performance analysis: every figure checked by hand or against plain SQL over the same rows.
SET extra_float_digits = 0;

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

-- ===================== against plain SQL over generated data =====================

CREATE TABLE ipa_gen AS
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


-- Importance-performance: means, gaps, grand means, quadrants and ranks against plain SQL.
CREATE TEMP VIEW ipa_plain_view AS
  WITH m AS (SELECT factor, avg(importance) AS imp, avg(performance) AS perf FROM ipa_gen GROUP BY factor),
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
FROM ipa_factors((SELECT ipa_agg(factor, importance, performance) FROM ipa_gen)) e JOIN ipa_plain_view p USING (factor);
SELECT factor, quadrant, rank FROM ipa_factors((SELECT ipa_agg(factor, importance, performance) FROM ipa_gen));

-- ===================== rollup = direct =====================

CREATE TABLE ipa_daily AS
  SELECT day, grp, ipa_agg(factor, importance, performance) AS ipa
  FROM ipa_gen GROUP BY day, grp;
SELECT bool_and(r.ipa::text = d.ipa::text) AS ipa_equal, count(*) AS weeks
FROM (SELECT day / 7 AS week, rollup(ipa) AS ipa FROM ipa_daily GROUP BY 1) r
JOIN (SELECT day / 7 AS week, ipa_agg(factor, importance, performance) AS ipa FROM ipa_gen GROUP BY 1) d USING (week);
SELECT rollup(ipa) IS NULL AS rollup_of_nothing_is_null FROM ipa_daily WHERE false;

-- ===================== text and binary round trips =====================

SELECT bool_and(ipa::text::ipa_state::text = ipa::text) AS ipa_text FROM ipa_daily;
CREATE TABLE ipa_daily_copy (LIKE ipa_daily);
DO $$
DECLARE f text := '/tmp/customer_focus_ipa_' || pg_backend_pid() || '.bin';
BEGIN
  EXECUTE format('COPY ipa_daily TO PROGRAM %L WITH (FORMAT binary)', 'cat > ' || f);
  EXECUTE format('COPY ipa_daily_copy FROM PROGRAM %L WITH (FORMAT binary)', 'cat ' || f || ' && rm -f ' || f);
END $$;
SELECT count(*) AS rows, bool_and(a.ipa::text = b.ipa::text) AS binary_round_trip
FROM ipa_daily a JOIN ipa_daily_copy b USING (day, grp);
-- A state with a factor name that needs quoting.
SELECT 'v1 scale_min=0 scale_max=10 "24/7 \"hotline\""=7.5/1,0/0'::ipa_state;

-- ===================== parallel = serial =====================

CREATE TABLE ipa_big AS SELECT * FROM ipa_gen, generate_series(1, 4) k;
ANALYZE ipa_big;
CREATE TEMP VIEW ipa_all_states AS
  SELECT grp, ipa_agg(factor, importance, performance)::text AS ipa
  FROM ipa_big GROUP BY grp;
CREATE TEMP TABLE ipa_serial AS SELECT * FROM ipa_all_states;
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/parallel.sql
SELECT pg_temp.plan_has('SELECT * FROM ipa_all_states', 'Partial') AS plan_is_parallel;
SELECT bool_and(p.ipa = s.ipa) AS ipa_equal, count(*) AS groups
FROM ipa_all_states p JOIN ipa_serial s USING (grp);
\i :abs_srcdir/test/regress/parallel_reset.sql

-- ===================== errors =====================

-- Class 22, naming the value and the allowed range.  First a few in full, then SQLSTATE and message.
SELECT ipa_agg(f, i, p) FROM (VALUES ('price', 6, 3)) v(f, i, p);
CREATE FUNCTION ipa_error(query text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE query;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
SELECT ipa_error(q) FROM (VALUES
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
  ($q$SELECT 'v1 scale_min=1 scale_max=5 "b"=1/1,1/1 "a"=1/1,1/1'::ipa_state$q$),
  ($q$SELECT 'v1 scale_min=1 scale_max=5 "a"=6/1,1/1'::ipa_state$q$)
) v(q);
