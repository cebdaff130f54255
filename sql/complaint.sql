-- The complaint signal: every figure checked by hand or against plain SQL over the same rows.
SET extra_float_digits = 0;

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

CREATE TABLE cmp_gen AS
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


-- Complaints against plain SQL; the segment that never complains is flagged as silent.
SELECT grp, order_count(s) = p.orders AND complaint_count(s) = p.complaints AS counts_match,
       abs(complaints_per_1000(s) - 1000.0 * p.complaints / p.orders) < 1e-9 AS rate_matches,
       alarming_silence(s) AS silent
FROM (SELECT grp, complaint_agg(complained) AS s FROM cmp_gen GROUP BY grp) e
JOIN (SELECT grp, count(complained) AS orders, count(*) FILTER (WHERE complained) AS complaints
      FROM cmp_gen GROUP BY grp) p USING (grp) ORDER BY grp;
-- Moving window: inverse transitions give what a fresh aggregate over each frame gives.
SELECT bool_and(w.r IS NOT DISTINCT FROM f.r) AS complaint_window_matches, count(*) AS rows
FROM (SELECT i, complaints_per_1000(complained) OVER (ORDER BY i ROWS BETWEEN 49 PRECEDING AND CURRENT ROW) AS r
      FROM cmp_gen WHERE i <= 400) w
JOIN LATERAL (SELECT complaints_per_1000(complained) AS r
              FROM cmp_gen g WHERE g.i BETWEEN w.i - 49 AND w.i) f ON true;

-- ===================== rollup = direct =====================

CREATE TABLE cmp_daily AS
  SELECT day, grp, complaint_agg(complained) AS complaints
  FROM cmp_gen GROUP BY day, grp;
SELECT bool_and(r.complaints::text = d.complaints::text) AS complaints_equal, count(*) AS weeks
FROM (SELECT day / 7 AS week, rollup(complaints) AS complaints FROM cmp_daily GROUP BY 1) r
JOIN (SELECT day / 7 AS week, complaint_agg(complained) AS complaints FROM cmp_gen GROUP BY 1) d USING (week);
SELECT rollup(complaints) IS NULL AS rollup_of_nothing_is_null FROM cmp_daily WHERE false;

-- ===================== text and binary round trips =====================

SELECT bool_and(complaints::text::complaint_state::text = complaints::text) AS complaints_text FROM cmp_daily;
CREATE TABLE cmp_daily_copy (LIKE cmp_daily);
DO $$
DECLARE f text := '/tmp/customer_focus_cmp_' || pg_backend_pid() || '.bin';
BEGIN
  EXECUTE format('COPY cmp_daily TO PROGRAM %L WITH (FORMAT binary)', 'cat > ' || f);
  EXECUTE format('COPY cmp_daily_copy FROM PROGRAM %L WITH (FORMAT binary)', 'cat ' || f || ' && rm -f ' || f);
END $$;
SELECT count(*) AS rows, bool_and(a.complaints::text = b.complaints::text) AS binary_round_trip
FROM cmp_daily a JOIN cmp_daily_copy b USING (day, grp);

-- ===================== parallel = serial =====================

CREATE TABLE cmp_big AS SELECT * FROM cmp_gen, generate_series(1, 4) k;
ANALYZE cmp_big;
CREATE TEMP VIEW cmp_all_states AS
  SELECT grp, complaint_agg(complained)::text AS complaints
  FROM cmp_big GROUP BY grp;
CREATE TEMP TABLE cmp_serial AS SELECT * FROM cmp_all_states;
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/parallel.sql
SELECT pg_temp.plan_has('SELECT * FROM cmp_all_states', 'Partial') AS plan_is_parallel;
SELECT bool_and(p.complaints = s.complaints) AS complaints_equal, count(*) AS groups
FROM cmp_all_states p JOIN cmp_serial s USING (grp);
\i :abs_srcdir/test/regress/parallel_reset.sql

-- ===================== errors =====================

-- Class 22, naming the value and the allowed range.  First a few in full, then SQLSTATE and message.
CREATE FUNCTION cmp_error(query text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE query;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
SELECT cmp_error(q) FROM (VALUES
  ($q$SELECT complaint_agg(n) FROM (VALUES (-1)) v(n)$q$),
  ($q$SELECT alarming_silence(complaint_agg(true), 0)$q$),
  ($q$SELECT rollup(s) FROM (VALUES ('v1 orders=9223372036854775807 complaints=0'::complaint_state), ('v1 orders=1 complaints=0')) v(s)$q$),
  ($q$SELECT 'v1 orders=-1 complaints=0'::complaint_state$q$),
  ($q$SELECT ''::complaint_state$q$)
) v(q);
