-- cohort: the ladder over time (issue 16): cohort_retention, lifecycle_counts and
-- cohort_chart, readers of one loyalty_ladder's purchase days in calendar periods of
-- its zone.  Hand-worked customers at the period edges (a month edge in Berlin across
-- the DST change, ISO week 53, a customer only in the as-of period, a reactivation after
-- a gap of exactly one period, several orders on one day); then on generated data equal
-- to plain SQL (first-period window + date_trunc + GROUP BY; per-customer distinct
-- periods + lag) for every period, on stored, rolled-up monthly and parallel-built ladders.
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET extra_float_digits = 0;

-- ---------- by hand: months in Europe/Berlin, as of 2026-06-15 12:00 UTC (June) ----------
CREATE TABLE co_hand (customer_id bigint, ordered_at timestamptz);
INSERT INTO co_hand VALUES
  -- 1: 2026-02-28 23:30 UTC is 1 March 00:30 in Berlin (CET, +1), 2026-03-31 22:30 UTC is
  --    1 April 00:30 (CEST, +2, after the change of 29 March): March and April, not February and March
  (1, '2026-02-28 23:30+00'), (1, '2026-03-31 22:30+00'),
  -- 2: three orders on 15 January, one on 10 February (a day counts once)
  (2, '2026-01-15 08:00+00'), (2, '2026-01-15 09:00+00'), (2, '2026-01-15 18:00+00'), (2, '2026-02-10 12:00+00'),
  -- 3: January, no February, March: churned in February, reactivated in March (a gap of one period)
  (3, '2026-01-05 12:00+00'), (3, '2026-03-05 12:00+00'),
  -- 4: only in the as-of period (June)
  (4, '2026-06-10 12:00+00'),
  -- 5: a prospect: in no cohort
  (5, NULL);
CREATE TABLE co_hand_ladder AS SELECT loyalty_ladder(customer_id, ordered_at, '2026-06-15 12:00+00', 'Europe/Berlin') AS l FROM co_hand;
-- By hand: months 1 {Mar, Apr}, 2 {Jan, Feb}, 3 {Jan, Mar}, 4 {Jun}.  Cohort January (2, 3):
-- 2 in January, 1 (customer 2) in February, 1 (customer 3) in March, nobody after; cohort
-- March (1): 1 in March and April; cohort June (4): 1, the open as-of month.
SELECT * FROM cohort_retention((SELECT l FROM co_hand_ladder));
-- January new 2; February retained 1 (2), churned 1 (3); March new 1 (1), reactivated 1 (3),
-- churned 1 (2); April retained 1 (1), churned 1 (3); May churned 1 (1); June new 1 (4), open.
SELECT * FROM lifecycle_counts((SELECT l FROM co_hand_ladder));
-- in UTC customer 1 buys in February and March instead
SELECT cohort, period_offset, customers FROM cohort_retention(
  (SELECT loyalty_ladder(customer_id, ordered_at, '2026-06-15 12:00+00') FROM co_hand WHERE customer_id = 1))
WHERE customers > 0;
-- the default period is the month; quarters and years
SELECT count(*) AS same_as_month FROM (
  SELECT * FROM cohort_retention((SELECT l FROM co_hand_ladder))
  INTERSECT SELECT * FROM cohort_retention((SELECT l FROM co_hand_ladder), 'month')) s;
SELECT * FROM cohort_retention((SELECT l FROM co_hand_ladder), 'quarter');
SELECT * FROM lifecycle_counts((SELECT l FROM co_hand_ladder), 'Year');
SELECT * FROM cohort_chart((SELECT l FROM co_hand_ladder));

-- ---------- by hand: ISO week 53 (Monday 2020-12-28 to Sunday 2021-01-03), as of 2021-01-12 ----------
-- a: 2020-12-28, 2021-01-03 (one week) and 2021-01-04 (the next); b: Sunday 2021-01-03 only.
CREATE TABLE co_week (customer_id bigint, ordered_at timestamptz);
INSERT INTO co_week VALUES (1, '2020-12-28 10:00+00'), (1, '2021-01-03 10:00+00'), (1, '2021-01-04 10:00+00'),
                           (2, '2021-01-03 23:00+00');
-- cohort 2020-12-28 of 2: both in week 0, a in week 1, nobody in the open week 2 (2021-01-11)
SELECT * FROM cohort_retention((SELECT loyalty_ladder(customer_id, ordered_at, '2021-01-12 12:00+00') FROM co_week), 'week');
SELECT * FROM lifecycle_counts((SELECT loyalty_ladder(customer_id, ordered_at, '2021-01-12 12:00+00') FROM co_week), 'week');
-- in Asia/Tokyo (+9) b's order is on Monday 2021-01-04: a cohort of its own the week after
SELECT cohort, period_offset, customers FROM cohort_retention(
  (SELECT loyalty_ladder(customer_id, ordered_at, '2021-01-12 12:00+00', 'Asia/Tokyo') FROM co_week), 'week');
-- days: the as-of day is open
SELECT * FROM lifecycle_counts((SELECT loyalty_ladder(customer_id, ordered_at, '2021-01-04 12:00+00') FROM co_week WHERE ordered_at <= '2021-01-04 12:00+00'), 'day');

-- ---------- NULL and empty ladders ----------
SELECT count(*) AS null_ladder_rows FROM cohort_retention(NULL);
SELECT count(*) AS null_ladder_rows FROM lifecycle_counts(NULL, 'week');
SELECT count(*) AS null_ladder_rows FROM cohort_chart(NULL);
SELECT count(*) AS prospects_only_rows FROM cohort_retention((SELECT loyalty_ladder(customer_id, ordered_at, '2026-06-15') FROM co_hand WHERE customer_id = 5));
SELECT count(*) AS prospects_only_rows FROM lifecycle_counts((SELECT loyalty_ladder(customer_id, ordered_at, '2026-06-15') FROM co_hand WHERE customer_id = 5));

-- ---------- generated data against plain SQL ----------
-- 2000 customers, up to 8 orders each over 900 days from 2024-01-01, every fifth with a
-- second order the same hour, every eleventh known without orders; days in America/New_York.
CREATE TABLE co_gen AS
SELECT c::bigint AS customer_id,
       timestamptz '2024-01-01 00:00+00' + ((c * 7919 + k * 104729) % 900) * interval '1 day'
           + ((c * 31 + k * 17) % 24) * interval '1 hour' AS ordered_at
FROM generate_series(1, 2000) c, generate_series(1, 8) k
WHERE k <= c % 9
UNION ALL
SELECT c, timestamptz '2024-01-01 00:00+00' + ((c * 7919 + 104729) % 900) * interval '1 day'
              + ((c * 31 + 17) % 24) * interval '1 hour' + interval '20 minutes'
FROM generate_series(5, 2000, 5) c WHERE c % 9 > 0
UNION ALL
SELECT c, NULL FROM generate_series(11, 2000, 11) c;
CREATE TABLE co_ladder AS
SELECT loyalty_ladder(customer_id, ordered_at, '2026-06-20 10:00+00', 'America/New_York') AS l FROM co_gen;

-- The plain-SQL forms (doc/reference/ladder.md, "Cohorts and lifecycle", has them too): distinct local periods per customer.
CREATE FUNCTION pg_temp.plain_cohort_retention(per text, zone text, as_of timestamptz)
RETURNS TABLE (cohort date, period_offset integer, customers bigint, share double precision, complete boolean)
LANGUAGE sql AS $$
WITH p AS (SELECT DISTINCT customer_id, date_trunc(per, (ordered_at AT TIME ZONE zone)::date::timestamp)::date AS period
           FROM co_gen WHERE ordered_at IS NOT NULL),
     c AS (SELECT customer_id, p.period, min(p.period) OVER (PARTITION BY customer_id) AS cohort FROM p),
     sizes AS (SELECT c.cohort, count(*) AS size FROM c WHERE c.period = c.cohort GROUP BY c.cohort),
     grid AS (SELECT s.cohort, s.size, g.d::date AS period, (g.n - 1)::integer AS period_offset
              FROM sizes s,
                   generate_series(s.cohort::timestamp,
                                   date_trunc(per, (as_of AT TIME ZONE zone)::date::timestamp),
                                   CASE per WHEN 'quarter' THEN interval '3 months' ELSE ('1 ' || per)::interval END)
                       WITH ORDINALITY g(d, n))
SELECT grid.cohort, grid.period_offset, count(c.customer_id), count(c.customer_id)::float8 / grid.size,
       grid.period < date_trunc(per, (as_of AT TIME ZONE zone)::date::timestamp)::date
FROM grid LEFT JOIN c ON c.cohort = grid.cohort AND c.period = grid.period
GROUP BY grid.cohort, grid.period_offset, grid.size, grid.period
$$;
CREATE FUNCTION pg_temp.plain_lifecycle_counts(per text, zone text, as_of timestamptz)
RETURNS TABLE (period date, new bigint, retained bigint, reactivated bigint, churned bigint, complete boolean)
LANGUAGE sql AS $$
WITH p AS (SELECT DISTINCT customer_id, date_trunc(per, (ordered_at AT TIME ZONE zone)::date::timestamp)::date AS period
           FROM co_gen WHERE ordered_at IS NOT NULL),
     l AS (SELECT customer_id, p.period, lag(p.period) OVER w AS prev, lead(p.period) OVER w AS next
           FROM p WINDOW w AS (PARTITION BY customer_id ORDER BY p.period)),
     step AS (SELECT CASE per WHEN 'quarter' THEN interval '3 months' ELSE ('1 ' || per)::interval END AS s,
                     date_trunc(per, (as_of AT TIME ZONE zone)::date::timestamp)::date AS last),
     periods AS (SELECT g::date AS period, (g - step.s)::date AS before, step.last
                 FROM step, generate_series((SELECT min(p.period) FROM p)::timestamp, step.last::timestamp, step.s) g)
SELECT periods.period,
       count(*) FILTER (WHERE l.period = periods.period AND l.prev IS NULL),
       count(*) FILTER (WHERE l.period = periods.period AND l.prev = periods.before),
       count(*) FILTER (WHERE l.period = periods.period AND l.prev < periods.before),
       count(*) FILTER (WHERE l.period = periods.before AND (l.next IS NULL OR l.next > periods.period)),
       periods.period < periods.last
FROM periods LEFT JOIN l ON l.period IN (periods.period, periods.before)
GROUP BY periods.period, periods.before, periods.last
$$;

-- every period: the same rows both ways (differences 0), and how many
SELECT p.period,
       (SELECT count(*) FROM cohort_retention((SELECT l FROM co_ladder), p.period)) AS cohort_rows,
       (SELECT count(*) FROM ((SELECT * FROM cohort_retention((SELECT l FROM co_ladder), p.period)
                               EXCEPT ALL SELECT * FROM pg_temp.plain_cohort_retention(p.period, 'America/New_York', '2026-06-20 10:00+00'))
                              UNION ALL
                              (SELECT * FROM pg_temp.plain_cohort_retention(p.period, 'America/New_York', '2026-06-20 10:00+00')
                               EXCEPT ALL SELECT * FROM cohort_retention((SELECT l FROM co_ladder), p.period))) d) AS cohort_differences,
       (SELECT count(*) FROM lifecycle_counts((SELECT l FROM co_ladder), p.period)) AS lifecycle_rows,
       (SELECT count(*) FROM ((SELECT * FROM lifecycle_counts((SELECT l FROM co_ladder), p.period)
                               EXCEPT ALL SELECT * FROM pg_temp.plain_lifecycle_counts(p.period, 'America/New_York', '2026-06-20 10:00+00'))
                              UNION ALL
                              (SELECT * FROM pg_temp.plain_lifecycle_counts(p.period, 'America/New_York', '2026-06-20 10:00+00')
                               EXCEPT ALL SELECT * FROM lifecycle_counts((SELECT l FROM co_ladder), p.period))) d) AS lifecycle_differences
FROM (VALUES ('week'), ('month'), ('quarter'), ('year')) p(period);
-- days over the last 60 days only (a triangle of 60 x 60 cells)
CREATE TABLE co_gen_all AS TABLE co_gen;
DELETE FROM co_gen WHERE ordered_at < '2026-04-21 04:00+00';
SELECT (SELECT count(*) FROM cohort_retention((SELECT loyalty_ladder(customer_id, ordered_at, '2026-06-20 10:00+00', 'America/New_York') FROM co_gen), 'day')) AS cohort_rows,
       (SELECT count(*) FROM (
          (SELECT * FROM cohort_retention((SELECT loyalty_ladder(customer_id, ordered_at, '2026-06-20 10:00+00', 'America/New_York') FROM co_gen), 'day')
           EXCEPT ALL SELECT * FROM pg_temp.plain_cohort_retention('day', 'America/New_York', '2026-06-20 10:00+00'))
          UNION ALL
          (SELECT * FROM pg_temp.plain_cohort_retention('day', 'America/New_York', '2026-06-20 10:00+00')
           EXCEPT ALL SELECT * FROM cohort_retention((SELECT loyalty_ladder(customer_id, ordered_at, '2026-06-20 10:00+00', 'America/New_York') FROM co_gen), 'day'))) d) AS cohort_differences,
       (SELECT count(*) FROM (
          (SELECT * FROM lifecycle_counts((SELECT loyalty_ladder(customer_id, ordered_at, '2026-06-20 10:00+00', 'America/New_York') FROM co_gen), 'day')
           EXCEPT ALL SELECT * FROM pg_temp.plain_lifecycle_counts('day', 'America/New_York', '2026-06-20 10:00+00'))
          UNION ALL
          (SELECT * FROM pg_temp.plain_lifecycle_counts('day', 'America/New_York', '2026-06-20 10:00+00')
           EXCEPT ALL SELECT * FROM lifecycle_counts((SELECT loyalty_ladder(customer_id, ordered_at, '2026-06-20 10:00+00', 'America/New_York') FROM co_gen), 'day'))) d) AS lifecycle_differences;
DROP TABLE co_gen;
ALTER TABLE co_gen_all RENAME TO co_gen;

-- ---------- rollup of monthly ladders = the one-pass ladder; stored = just built ----------
CREATE TABLE co_monthly AS
SELECT date_trunc('month', ordered_at) AS month, loyalty_ladder(customer_id, ordered_at, '2026-06-20 10:00+00', 'America/New_York') AS l
FROM co_gen GROUP BY 1;
SELECT count(*) AS monthly_ladders FROM co_monthly;
SELECT p.period,
       (SELECT count(*) FROM ((SELECT * FROM cohort_retention((SELECT rollup(l) FROM co_monthly), p.period)
                               EXCEPT ALL SELECT * FROM cohort_retention((SELECT l FROM co_ladder), p.period))
                              UNION ALL
                              (SELECT * FROM cohort_retention((SELECT l FROM co_ladder), p.period)
                               EXCEPT ALL SELECT * FROM cohort_retention((SELECT rollup(l) FROM co_monthly), p.period))) d) AS cohort_differences,
       (SELECT count(*) FROM ((SELECT * FROM lifecycle_counts((SELECT rollup(l) FROM co_monthly), p.period)
                               EXCEPT ALL SELECT * FROM lifecycle_counts((SELECT l FROM co_ladder), p.period))
                              UNION ALL
                              (SELECT * FROM lifecycle_counts((SELECT l FROM co_ladder), p.period)
                               EXCEPT ALL SELECT * FROM lifecycle_counts((SELECT rollup(l) FROM co_monthly), p.period))) d) AS lifecycle_differences,
       (SELECT count(*) FROM ((SELECT * FROM cohort_retention((SELECT loyalty_ladder(customer_id, ordered_at, '2026-06-20 10:00+00', 'America/New_York') FROM co_gen), p.period)
                               EXCEPT ALL SELECT * FROM cohort_retention((SELECT l FROM co_ladder), p.period))) d) AS just_built_differences,
       (SELECT string_agg(c, '/') = string_agg(r, '/')
        FROM (SELECT * FROM cohort_chart((SELECT l FROM co_ladder), p.period) WITH ORDINALITY c(c, n)) a
        JOIN (SELECT * FROM cohort_chart((SELECT rollup(l) FROM co_monthly), p.period) WITH ORDINALITY r(r, n)) b USING (n)) AS same_chart
FROM (VALUES ('week'), ('month'), ('quarter'), ('year')) p(period);

-- ---------- parallel: the ladder built by workers, the readers over it ----------
\set parallel_workers 4
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/parallel.sql
SET :force_parallel = on;
SELECT pg_temp.plan_has($q$SELECT loyalty_ladder(customer_id, ordered_at, '2026-06-20 10:00+00', 'America/New_York') FROM co_gen$q$, 'Partial') AS partial_plan;
SELECT (SELECT count(*) FROM ((SELECT * FROM cohort_retention((SELECT loyalty_ladder(customer_id, ordered_at, '2026-06-20 10:00+00', 'America/New_York') FROM co_gen))
                               EXCEPT ALL SELECT * FROM cohort_retention((SELECT l FROM co_ladder)))
                              UNION ALL
                              (SELECT * FROM cohort_retention((SELECT l FROM co_ladder))
                               EXCEPT ALL SELECT * FROM cohort_retention((SELECT loyalty_ladder(customer_id, ordered_at, '2026-06-20 10:00+00', 'America/New_York') FROM co_gen)))) d) AS cohort_differences,
       (SELECT count(*) FROM ((SELECT * FROM lifecycle_counts((SELECT loyalty_ladder(customer_id, ordered_at, '2026-06-20 10:00+00', 'America/New_York') FROM co_gen), 'week')
                               EXCEPT ALL SELECT * FROM lifecycle_counts((SELECT l FROM co_ladder), 'week'))
                              UNION ALL
                              (SELECT * FROM lifecycle_counts((SELECT l FROM co_ladder), 'week')
                               EXCEPT ALL SELECT * FROM lifecycle_counts((SELECT loyalty_ladder(customer_id, ordered_at, '2026-06-20 10:00+00', 'America/New_York') FROM co_gen), 'week'))) d) AS lifecycle_differences;
\i :abs_srcdir/test/regress/parallel_reset.sql

DROP TABLE co_hand, co_hand_ladder, co_week, co_gen, co_ladder, co_monthly;
