-- The ladder over time on the full CDNOW data (23,570 customers who first bought in the first
-- quarter of 1997, their purchases to June 1998; Fader & Hardie's CDNOW_master).  The data are
-- public but not in the repository: test/scripts/cohort_cdnow.sh runs this file with pg_regress
-- when they are present (../shared/data/cdnow next to the repository root, or $CF_CDNOW_DIR),
-- and skips it with a message otherwise.  Each reader equals its plain-SQL form.
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
