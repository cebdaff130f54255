-- The ladder over time on the full CDNOW data (23,570 customers who first bought in the first
-- quarter of 1997, their purchases to June 1998; Fader & Hardie's CDNOW_master).  The data are
-- public but not in the repository: test/scripts/cohort_cdnow.sh runs this file with pg_regress
-- when they are present (../shared/data/cdnow next to the repository root, or $CF_CDNOW_DIR),
-- and skips it with a message otherwise.  Each reader equals its plain-SQL form (stage_migration
-- and stage_sensitivity: the stage rules in plain SQL over the same orders).
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET extra_float_digits = 0;
-- customer id, day (YYYYMMDD), CDs, dollars; a header line; CRLF line ends.
CREATE TABLE cdnow_orders (customer_id bigint, day date, cds integer, amount numeric);
\copy cdnow_orders FROM PROGRAM 'd=$CF_CDNOW_DIR; tr -d ''\r'' < "$d/CDNOW_master.txt" | awk ''NR > 1 {print $1 "," $2 "," $3 "," $4}''' WITH (FORMAT csv)
SELECT count(*) AS orders, count(DISTINCT customer_id) AS customers, min(day), max(day) FROM cdnow_orders;
CREATE TABLE cdnow_ladder AS
SELECT loyalty_ladder(customer_id, day::timestamptz, '1998-07-01') AS l FROM cdnow_orders;
SELECT customer_count(l), order_count(l) FROM cdnow_ladder;

-- the published design: every customer's first purchase in January to March 1997
SELECT cohort, customers AS cohort_size FROM cohort_retention((SELECT l FROM cdnow_ladder)) WHERE period_offset = 0;
-- the share of each cohort buying in its second and in its last complete month
SELECT cohort, period_offset, customers, round(share::numeric, 4) AS share
FROM cohort_retention((SELECT l FROM cdnow_ladder))
WHERE period_offset = 1 OR (cohort + (period_offset + 1) * interval '1 month')::date = '1998-07-01'
ORDER BY cohort, period_offset;
SELECT * FROM lifecycle_counts((SELECT l FROM cdnow_ladder));
SELECT * FROM cohort_chart((SELECT l FROM cdnow_ladder), 'quarter');

-- plain SQL over the same orders (the forms of sql/cohort.sql and doc/reference/ladder.md)
CREATE FUNCTION pg_temp.plain_cohort_retention(per text, last date)
RETURNS TABLE (cohort date, period_offset integer, customers bigint, share double precision, complete boolean)
LANGUAGE sql AS $$
WITH p AS (SELECT DISTINCT customer_id, date_trunc(per, day::timestamp)::date AS period FROM cdnow_orders),
     c AS (SELECT customer_id, p.period, min(p.period) OVER (PARTITION BY customer_id) AS cohort FROM p),
     sizes AS (SELECT c.cohort, count(*) AS size FROM c WHERE c.period = c.cohort GROUP BY c.cohort),
     grid AS (SELECT s.cohort, s.size, g.d::date AS period, (g.n - 1)::integer AS period_offset
              FROM sizes s, generate_series(s.cohort::timestamp, last::timestamp,
                                            CASE per WHEN 'quarter' THEN interval '3 months' ELSE ('1 ' || per)::interval END)
                                WITH ORDINALITY g(d, n))
SELECT grid.cohort, grid.period_offset, count(c.customer_id), count(c.customer_id)::float8 / grid.size, grid.period < last
FROM grid LEFT JOIN c ON c.cohort = grid.cohort AND c.period = grid.period
GROUP BY grid.cohort, grid.period_offset, grid.size, grid.period
$$;
CREATE FUNCTION pg_temp.plain_lifecycle_counts(per text, last date)
RETURNS TABLE (period date, new bigint, retained bigint, reactivated bigint, churned bigint, complete boolean)
LANGUAGE sql AS $$
WITH p AS (SELECT DISTINCT customer_id, date_trunc(per, day::timestamp)::date AS period FROM cdnow_orders),
     l AS (SELECT p.period, lag(p.period) OVER w AS prev, lead(p.period) OVER w AS next
           FROM p WINDOW w AS (PARTITION BY customer_id ORDER BY p.period)),
     s AS (SELECT CASE per WHEN 'quarter' THEN interval '3 months' ELSE ('1 ' || per)::interval END AS step),
     m AS (SELECT g::date AS period, (g - s.step)::date AS before
           FROM s, generate_series((SELECT min(p.period) FROM p)::timestamp, last::timestamp, s.step) g)
SELECT m.period,
       count(*) FILTER (WHERE l.period = m.period AND l.prev IS NULL),
       count(*) FILTER (WHERE l.period = m.period AND l.prev = m.before),
       count(*) FILTER (WHERE l.period = m.period AND l.prev < m.before),
       count(*) FILTER (WHERE l.period = m.before AND (l.next IS NULL OR l.next > m.period)),
       m.period < last
FROM m LEFT JOIN l ON l.period IN (m.period, m.before)
GROUP BY m.period, m.before
$$;
SELECT p.period,
       (SELECT count(*) FROM cohort_retention((SELECT l FROM cdnow_ladder), p.period)) AS cohort_rows,
       (SELECT count(*) FROM ((SELECT * FROM cohort_retention((SELECT l FROM cdnow_ladder), p.period)
                               EXCEPT ALL SELECT * FROM pg_temp.plain_cohort_retention(p.period, p.last))
                              UNION ALL
                              (SELECT * FROM pg_temp.plain_cohort_retention(p.period, p.last)
                               EXCEPT ALL SELECT * FROM cohort_retention((SELECT l FROM cdnow_ladder), p.period))) d) AS cohort_differences,
       (SELECT count(*) FROM lifecycle_counts((SELECT l FROM cdnow_ladder), p.period)) AS lifecycle_rows,
       (SELECT count(*) FROM ((SELECT * FROM lifecycle_counts((SELECT l FROM cdnow_ladder), p.period)
                               EXCEPT ALL SELECT * FROM pg_temp.plain_lifecycle_counts(p.period, p.last))
                              UNION ALL
                              (SELECT * FROM pg_temp.plain_lifecycle_counts(p.period, p.last)
                               EXCEPT ALL SELECT * FROM lifecycle_counts((SELECT l FROM cdnow_ladder), p.period))) d) AS lifecycle_differences
FROM (VALUES ('week', date '1998-06-29'), ('month', '1998-07-01'), ('quarter', '1998-07-01'), ('year', '1998-01-01')) p(period, last);
-- stage_migration and stage_sensitivity against the stage rules written in plain SQL over the
-- same orders (the README's loyalty_stage table): each customer's orders, distinct days, first
-- and last day up to and including the local day `cut`; since = cut - last day; client from 2
-- orders, regular from 5, lapse_days 365 (CDNOW has no recommend scores: no advocates).  Several
-- orders on one day count one by one (CDNOW has such days), as the ladder's per-day counts must.
CREATE FUNCTION pg_temp.plain_stages(cut date, factor numeric, lost integer)
RETURNS TABLE (customer_id bigint, stage loyalty_stage)
LANGUAGE sql AS $$
SELECT c.customer_id,
       CASE WHEN o.customer_id IS NULL THEN 'prospect'
            WHEN cut - o.last > lost THEN 'lost'
            WHEN o.x = 0 AND cut - o.last > 365 THEN 'lapsed'
            WHEN o.x > 0 AND (cut - o.last) * o.x > factor * (o.last - o.first) THEN 'lapsed'
            WHEN o.n >= 5 THEN 'regular' WHEN o.n >= 2 THEN 'client' ELSE 'buyer' END::loyalty_stage
FROM (SELECT DISTINCT customer_id FROM cdnow_orders) c
LEFT JOIN (SELECT customer_id, count(*) AS n, count(DISTINCT day) - 1 AS x, min(day) AS first, max(day) AS last
           FROM cdnow_orders WHERE day <= cut GROUP BY customer_id) o USING (customer_id)
$$;
SELECT count(*) AS orders_on_shared_days FROM (SELECT customer_id, day FROM cdnow_orders GROUP BY 1, 2 HAVING count(*) > 1) d;
-- from the end of the first-purchase quarter to the ladder's as_of (1998-07-01), default thresholds
SELECT * FROM stage_migration((SELECT l FROM cdnow_ladder), '1997-03-31') ORDER BY from_stage, to_stage;
CREATE FUNCTION pg_temp.plain_migration(cut date, factor numeric, lost integer)
RETURNS TABLE (from_stage loyalty_stage, to_stage loyalty_stage, customers bigint)
LANGUAGE sql AS $$
SELECT f.stage, t.stage, count(*)
FROM pg_temp.plain_stages(cut, factor, lost) f JOIN pg_temp.plain_stages('1998-07-01', factor, lost) t USING (customer_id)
GROUP BY 1, 2
$$;
-- from before the first order (all prospects), through both years, to as_of itself (the diagonal);
-- the last two rows with other thresholds (lapse_factor 2, lost_days 400)
SELECT f.from_as_of, f.factor, f.lost, count(*) AS pairs, sum(m.customers) AS customers,
       count(*) = (SELECT count(*) FROM pg_temp.plain_migration(f.from_as_of::date, f.factor, f.lost))
       AND count(*) = count(*) FILTER (WHERE m.customers = p.customers) AS same_as_plain
FROM (VALUES (timestamptz '1996-12-31', 3, 730), ('1997-01-01', 3, 730), ('1997-03-31', 3, 730), ('1997-06-30 23:59:59', 3, 730),
             ('1997-12-31', 3, 730), ('1998-03-15 12:00', 3, 730), ('1998-06-30', 3, 730), ('1998-07-01', 3, 730),
             ('1997-09-30', 2, 400), ('1998-01-01', 2, 400)) f(from_as_of, factor, lost)
CROSS JOIN LATERAL stage_migration((SELECT l FROM cdnow_ladder), f.from_as_of, lapse_factor => f.factor, lost_days => f.lost) m
LEFT JOIN LATERAL pg_temp.plain_migration(f.from_as_of::date, f.factor, f.lost) p
  ON (p.from_stage, p.to_stage) = (m.from_stage, m.to_stage)
GROUP BY f.from_as_of, f.factor, f.lost ORDER BY f.from_as_of, f.factor;
-- the sensitivity grid around CDNOW's boundaries: the earliest purchase day (1997-01-01) is 546
-- days before as_of, so lost_days 545 makes those customers lost and 546 does not; every point
-- and stage (zero counts included) equal to the plain rules at that point
SELECT count(*) AS rows, count(*) FILTER (WHERE s.customers > 0) AS nonzero_rows,
       count(*) FILTER (WHERE s.customers = coalesce(p.customers, 0)) AS same_as_plain,
       (SELECT count(*) FROM unnest(ARRAY[0.5, 1, 2, 2.5, 3, 4, 8]) f, unnest(ARRAY[365, 400, 500, 545, 546, 730]) d,
                             LATERAL (SELECT DISTINCT stage FROM pg_temp.plain_stages('1998-07-01', f, d)) st) AS plain_nonzero_rows
FROM stage_sensitivity((SELECT l FROM cdnow_ladder), ARRAY[0.5, 1, 2, 2.5, 3, 4, 8], ARRAY[365, 400, 500, 545, 546, 730]) s
LEFT JOIN LATERAL (SELECT count(*) AS customers FROM pg_temp.plain_stages('1998-07-01', s.lapse_factor::numeric, s.lost_days) ps
                   WHERE ps.stage = s.stage) p ON true;
SELECT lapse_factor, lost_days, string_agg(stage || '=' || customers, ' ' ORDER BY stage) AS stages
FROM stage_sensitivity((SELECT l FROM cdnow_ladder), ARRAY[2, 3], ARRAY[545, 546])
WHERE customers > 0 GROUP BY 1, 2 ORDER BY 1, 2;
-- rollup of monthly ladders = the one-pass ladder
SELECT count(*) AS differences FROM (
  (SELECT * FROM cohort_retention((SELECT rollup(l) FROM (SELECT loyalty_ladder(customer_id, day::timestamptz, '1998-07-01') AS l
                                                         FROM cdnow_orders GROUP BY date_trunc('month', day)) m), 'week')
   EXCEPT ALL SELECT * FROM cohort_retention((SELECT l FROM cdnow_ladder), 'week'))
  UNION ALL
  (SELECT * FROM cohort_retention((SELECT l FROM cdnow_ladder), 'week')
   EXCEPT ALL SELECT * FROM cohort_retention((SELECT rollup(l) FROM (SELECT loyalty_ladder(customer_id, day::timestamptz, '1998-07-01') AS l
                                                                    FROM cdnow_orders GROUP BY date_trunc('month', day)) m), 'week'))) d;
DROP TABLE cdnow_orders, cdnow_ladder;
