-- Service levels: every figure checked by hand or against plain SQL over the same rows.
SET extra_float_digits = 0;

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

-- ===================== against plain SQL over generated data =====================

CREATE TABLE sl_gen AS
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
FROM (SELECT grp, service_level_agg(expected, perceived, 0.25) AS s FROM sl_gen GROUP BY grp) e
JOIN (SELECT grp, count(*) FILTER (WHERE perceived < expected - 0.25) AS low,
             count(*) FILTER (WHERE perceived BETWEEN expected - 0.25 AND expected + 0.25) AS standard,
             count(*) FILTER (WHERE perceived > expected + 0.25) AS wow
      FROM sl_gen GROUP BY grp) p USING (grp);
SELECT bool_and(service_level(expected, perceived, 0.25)::text =
                CASE WHEN perceived < expected - 0.25 THEN 'low' WHEN perceived > expected + 0.25 THEN 'wow' ELSE 'standard' END)
       AS function_matches
FROM sl_gen WHERE perceived IS NOT NULL;

-- Moving window: inverse transitions give what a fresh aggregate over each frame gives.
SELECT bool_and(w.l = f.l) AS level_window_matches, count(*) AS rows
FROM (SELECT i, level_counts(service_level_agg(expected, perceived, 0.25) OVER (ORDER BY i ROWS BETWEEN 49 PRECEDING AND CURRENT ROW)) AS l
      FROM sl_gen WHERE i <= 400) w
JOIN LATERAL (SELECT level_counts(service_level_agg(expected, perceived, 0.25)) AS l
              FROM sl_gen g WHERE g.i BETWEEN w.i - 49 AND w.i) f ON true;

-- ===================== rollup = direct =====================

CREATE TABLE sl_daily AS
  SELECT day, grp, service_level_agg(expected, perceived, 0.25) AS levels
  FROM sl_gen GROUP BY day, grp;
SELECT bool_and(r.levels::text = d.levels::text) AS levels_equal, count(*) AS weeks
FROM (SELECT day / 7 AS week, rollup(levels) AS levels FROM sl_daily GROUP BY 1) r
JOIN (SELECT day / 7 AS week, service_level_agg(expected, perceived, 0.25) AS levels FROM sl_gen GROUP BY 1) d USING (week);
SELECT rollup(levels) IS NULL AS rollup_of_nothing_is_null FROM sl_daily WHERE false;

-- ===================== text and binary round trips =====================

SELECT bool_and(levels::text::service_level_state::text = levels::text) AS levels_text FROM sl_daily;
CREATE TABLE sl_daily_copy (LIKE sl_daily);
DO $$
DECLARE f text := '/tmp/customer_focus_sl_' || pg_backend_pid() || '.bin';
BEGIN
  EXECUTE format('COPY sl_daily TO PROGRAM %L WITH (FORMAT binary)', 'cat > ' || f);
  EXECUTE format('COPY sl_daily_copy FROM PROGRAM %L WITH (FORMAT binary)', 'cat ' || f || ' && rm -f ' || f);
END $$;
SELECT count(*) AS rows, bool_and(a.levels::text = b.levels::text) AS binary_round_trip
FROM sl_daily a JOIN sl_daily_copy b USING (day, grp);

-- ===================== parallel = serial =====================

CREATE TABLE sl_big AS SELECT * FROM sl_gen, generate_series(1, 4) k;
ANALYZE sl_big;
CREATE TEMP VIEW sl_all_states AS
  SELECT grp, service_level_agg(expected, perceived, 0.25)::text AS levels
  FROM sl_big GROUP BY grp;
CREATE TEMP TABLE sl_serial AS SELECT * FROM sl_all_states;
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/parallel.sql
SELECT pg_temp.plan_has('SELECT * FROM sl_all_states', 'Partial') AS plan_is_parallel;
SELECT bool_and(p.levels = s.levels) AS levels_equal, count(*) AS groups
FROM sl_all_states p JOIN sl_serial s USING (grp);
\i :abs_srcdir/test/regress/parallel_reset.sql

-- ===================== errors =====================

-- Class 22, naming the value and the allowed range.  First a few in full, then SQLSTATE and message.
SELECT service_level(4, 3, -0.5);
SELECT rollup(s) FROM (VALUES ('v1 tolerance=0 low=1 standard=0 wow=0'::service_level_state),
                              ('v1 tolerance=0.5 low=0 standard=1 wow=0'::service_level_state)) v(s);
CREATE FUNCTION sl_error(query text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE query;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
SELECT sl_error(q) FROM (VALUES
  ($q$SELECT service_level(4, 3, -0.5)$q$),
  ($q$SELECT service_level(4, 3, 'NaN')$q$),
  ($q$SELECT service_level(4, 3, 'Infinity')$q$),
  ($q$SELECT service_level('NaN', 3)$q$),
  ($q$SELECT service_level(4, '-Infinity')$q$),
  ($q$SELECT service_level_agg(e, p, -1) FROM (VALUES (4, 3)) v(e, p)$q$),
  ($q$SELECT service_level_agg(e, p, NULL) FROM (VALUES (4, 3)) v(e, p)$q$),
  ($q$SELECT service_level_agg(e, p, e / 10.0) FROM (VALUES (4, 3), (5, 3)) v(e, p)$q$),
  ($q$SELECT rollup(s) FROM (VALUES ('v1 tolerance=0 low=1 standard=0 wow=0'::service_level_state), ('v1 tolerance=0.5 low=0 standard=1 wow=0')) v(s)$q$),
  ($q$SELECT 'v2 tolerance=0 low=0 standard=0 wow=0'::service_level_state$q$),
  ($q$SELECT 'v1 tolerance=-1 low=0 standard=0 wow=0'::service_level_state$q$)
) v(q);
