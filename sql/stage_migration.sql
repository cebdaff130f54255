-- stage_migration: the ladder's readers over moved thresholds and dates (issue 16).
-- stage_sensitivity: hand-worked customers at the lapse and lost boundaries, then on
-- generated data equal to stage_counts called once per grid point, on rolled-up monthly
-- ladders, stored and just built, serial and parallel.
-- stage_migration and migration_chart: hand-worked customers at the client and regular
-- thresholds with several orders a day and from_as_of on day boundaries in Europe/Berlin
-- across both DST changes; on generated data equal to loyalty_stage over profiles built with
-- FILTER (the SQL of doc/reference/ladder.md); rollup, parallel, NULL ladder.
SET TimeZone = 'UTC';

-- ---------- stage_sensitivity by hand (as of 2026-07-01 00:00 UTC) ----------
-- the other thresholds at stage_counts' defaults: client 2 orders, regular 5, advocate 9,
-- lapse_days 365 (one purchase day)
CREATE TABLE sm_hand (customer_id bigint, ordered_at timestamptz);
INSERT INTO sm_hand VALUES
  (1, '2026-05-22 09:00'), (1, '2026-06-01 09:00'),             -- gap 10, 30 days since: lapsed iff factor < 3
  (2, '2026-05-11 09:00'), (2, '2026-05-21 09:00'), (2, '2026-05-21 18:00'),
  (2, '2026-05-31 09:00'), (2, '2026-05-31 10:00'),             -- 5 orders, 3 days, gap 10, 31 days since: lapsed iff factor < 3.1
  (3, '2025-07-01 00:00'),                                      -- one day 365 days ago: buyer whatever the factor
  (4, '2025-06-30 23:59'),                                      -- 366 days: lapsed whatever the factor (lapse_days)
  (5, '2024-07-01 00:00'),                                      -- 730 days: lost iff lost_days < 730
  (6, '2024-06-30 12:00'),                                      -- 731 days: lost iff lost_days < 731
  (7, NULL);                                                    -- prospect
SELECT lapse_factor, lost_days, string_agg(stage || '=' || customers, ' ' ORDER BY stage) AS stages
FROM stage_sensitivity((SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01') FROM sm_hand),
                       ARRAY[3.1, 2.9, 3], ARRAY[731, 729, 730])
WHERE customers > 0
GROUP BY lapse_factor, lost_days ORDER BY min(lapse_factor), min(lost_days);
-- by hand: factor 2.9: 1 and 2 lapsed; 3: 1 a client (30 x 1 > 3 x 10 fails), 2 lapsed (31 x 2 > 3 x 20); 3.1:
-- 1 a client, 2 a regular; lost_days 729: 5 and 6 lost; 730: 6 lost, 5 lapsed; 731: neither lost
-- (both lapsed).  Buyer 3, lapsed 4 and prospect 7 in every row.
-- The rows come factors outer, lost days inner, in the arrays' order, stages in ladder order:
SELECT lapse_factor, lost_days, stage FROM stage_sensitivity(
  (SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01') FROM sm_hand), ARRAY[4, 2], ARRAY[800, 730])
LIMIT 9;
-- a NULL ladder gives no rows
SELECT count(*) AS rows_for_null FROM stage_sensitivity(NULL, ARRAY[3], ARRAY[730]);

-- ---------- generated data: equal to stage_counts at every grid point ----------
-- several orders on some days, recommend scores for every fifth customer, days in Europe/Berlin
CREATE TABLE sm_gen AS
SELECT (i % 2003)::bigint AS customer_id,
       timestamptz '2022-01-01 00:00+00' + ((i * 7919) % 1640) * interval '1 day' + ((i * 13) % 30) * interval '1 hour' AS ordered_at,
       (i % 97)::numeric AS amount
FROM generate_series(1, 40000) i
WHERE i % 5 <> 0 OR i % 2003 < 1000;
INSERT INTO sm_gen SELECT customer_id, ordered_at + interval '5 minutes', amount FROM sm_gen WHERE customer_id % 4 = 0 AND extract(hour FROM ordered_at) < 8;
INSERT INTO sm_gen SELECT c, NULL, NULL FROM generate_series(2003, 2050) c;   -- prospects
CREATE TABLE sm_scores AS SELECT c::bigint AS customer_id, (c * 7) % 11 AS score FROM generate_series(0, 2050, 5) c;
ANALYZE sm_gen;
CREATE TABLE sm_ladder AS
SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01', 'Europe/Berlin', score) AS l
FROM (SELECT customer_id, ordered_at, NULL::integer AS score FROM sm_gen
      UNION ALL SELECT customer_id, NULL, score FROM sm_scores) u;
-- the grid: factors around the mean-interval ratios, thresholds around the data's spread
CREATE TABLE sm_grid AS
SELECT ARRAY[0.25, 0.5, 1, 1.5, 2, 2.5, 3, 3, 4, 6, 10, 1e6]::float8[] AS factors,
       ARRAY[365, 400, 500, 600, 729, 730, 731, 1000, 1500, 2147483647] AS lost;
SELECT count(*) AS rows, count(*) FILTER (WHERE s.customers = c.customers) AS same_as_stage_counts,
       count(DISTINCT s.customers) > 20 AS counts_vary
FROM sm_grid g,
     stage_sensitivity((SELECT l FROM sm_ladder), g.factors, g.lost) s
JOIN LATERAL stage_counts((SELECT l FROM sm_ladder), lapse_factor => s.lapse_factor, lost_days => s.lost_days) c
  ON c.stage = s.stage;
-- every point of every customer counted once (the prospects included)
SELECT count(*) AS points, bool_and(n = customer_count((SELECT l FROM sm_ladder))) AS every_customer_once
FROM (SELECT sum(customers) AS n
      FROM sm_grid g, stage_sensitivity((SELECT l FROM sm_ladder), ARRAY(SELECT DISTINCT unnest(g.factors)), g.lost) s
      GROUP BY s.lapse_factor, s.lost_days) t;

-- ---------- rollup of monthly ladders = one pass; just built = stored ----------
CREATE TABLE sm_monthly AS
SELECT date_trunc('month', ordered_at, 'Europe/Berlin') AS month,
       loyalty_ladder(customer_id, ordered_at, '2026-07-01', 'Europe/Berlin', score) AS l
FROM (SELECT customer_id, ordered_at, NULL::integer AS score FROM sm_gen
      UNION ALL SELECT customer_id, NULL, score FROM sm_scores) u
GROUP BY 1;
SELECT count(*) AS months FROM sm_monthly;
SELECT count(*) AS differences FROM (
  (SELECT s.* FROM sm_grid g, stage_sensitivity((SELECT rollup(l) FROM sm_monthly), g.factors, g.lost) s
   EXCEPT ALL
   SELECT s.* FROM sm_grid g, stage_sensitivity((SELECT l FROM sm_ladder), g.factors, g.lost) s)
  UNION ALL
  (SELECT s.* FROM sm_grid g, stage_sensitivity((SELECT l FROM sm_ladder), g.factors, g.lost) s
   EXCEPT ALL
   SELECT s.* FROM sm_grid g, stage_sensitivity((SELECT rollup(l) FROM sm_monthly), g.factors, g.lost) s)) d;
-- the ladder straight from the aggregate (an expanded value, not a stored one) gives the same rows
SELECT count(*) AS differences FROM (
  SELECT s.* FROM sm_grid g, (SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01', 'Europe/Berlin', score) AS l
                               FROM (SELECT customer_id, ordered_at, NULL::integer AS score FROM sm_gen
                                     UNION ALL SELECT customer_id, NULL, score FROM sm_scores) u) b,
         stage_sensitivity(b.l, g.factors, g.lost) s
  EXCEPT ALL
  SELECT s.* FROM sm_grid g, stage_sensitivity((SELECT l FROM sm_ladder), g.factors, g.lost) s) d;

-- ---------- parallel: the ladder built by workers, the reader under a Gather ----------
\set parallel_workers 4
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/parallel.sql
CREATE TABLE sm_serial AS
SELECT s.* FROM sm_grid g,
     stage_sensitivity((SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01', 'Europe/Berlin') FROM sm_gen), g.factors, g.lost) s;
SET :force_parallel = on;
SELECT pg_temp.plan_has($q$SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01', 'Europe/Berlin') FROM sm_gen$q$, 'Partial') AS partial_plan;
SELECT count(*) AS differences, (SELECT count(*) FROM sm_serial) AS rows FROM (
  (SELECT s.* FROM sm_grid g,
          stage_sensitivity((SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01', 'Europe/Berlin') FROM sm_gen), g.factors, g.lost) s
   EXCEPT ALL TABLE sm_serial)
  UNION ALL
  (TABLE sm_serial
   EXCEPT ALL
   SELECT s.* FROM sm_grid g,
          stage_sensitivity((SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01', 'Europe/Berlin') FROM sm_gen), g.factors, g.lost) s)) d;
\i :abs_srcdir/test/regress/parallel_reset.sql

-- ---------- stage_migration by hand (Europe/Berlin; as of 2026-07-01 00:00 there) ----------
-- Summer time begins 2026-03-29 02:00 (UTC+1 -> +2) and ends 2025-10-26 03:00 (+2 -> +1).
-- from_as_of 2026-03-29 00:00 Berlin = 2026-03-28 23:00 UTC: the local day 2026-03-29 counts,
-- up to 2026-03-30 00:00 Berlin = 2026-03-29 22:00 UTC (a 23-hour day).
SET TimeZone = 'UTC';
CREATE TABLE sm_mig_hand (customer_id bigint, ordered_at timestamptz);
INSERT INTO sm_mig_hand VALUES
  -- 1: one order on 03-01, three on 03-29 (00:30, 12:00 and 23:30 Berlin): 4 orders on 2 days
  -- by 03-29 = client (not regular: 4 < 5); a fifth on 06-20 makes a regular (3 days, 111 days
  -- from first to last, 11 days since)
  (1, '2026-03-01 10:00+01'), (1, '2026-03-28 23:30+00'), (1, '2026-03-29 10:00+00'), (1, '2026-03-29 21:30+00'),
  (1, '2026-06-20 10:00+02'),
  -- 2: two orders on 03-29 only: a client by then (x = 0); nothing since (94 days <= 365): client
  (2, '2026-03-29 08:00+02'), (2, '2026-03-29 09:00+02'),
  -- 3: one order on 03-29 at 23:59:59 Berlin (21:59:59 UTC): a buyer by then, a buyer still
  (3, '2026-03-29 21:59:59+00'),
  -- 4: its first order on 03-30 00:00 Berlin (03-29 22:00 UTC, after the day): prospect -> buyer
  (4, '2026-03-29 22:00+00'),
  -- 5: one order on 03-28 23:59 Berlin (+01) and one on 06-20: a buyer by 03-29, then 2 orders
  -- with one gap of 84 days, 11 days since: client
  (5, '2026-03-28 23:59+01'), (5, '2026-06-20 12:00+02'),
  -- 6: five orders on 2025-10-25 and 10-26 (the 25-hour day, 3 on it): a regular by then? no:
  -- by 03-29 the gap is 1 day and 154 days have passed (> 3 x 1): lapsed; then no more: lapsed
  (6, '2025-10-25 12:00+02'), (6, '2025-10-25 13:00+02'), (6, '2025-10-26 00:30+02'), (6, '2025-10-26 02:30+02'),
  (6, '2025-10-26 02:30+01'),
  -- 7: known, no order: prospect -> prospect
  (7, NULL);
-- by hand: (prospect, prospect) 7, (prospect, buyer) 4, (buyer, buyer) 3, (buyer, client) 5,
-- (client, client) 2, (client, regular) 1, (lapsed, lapsed) 6
SELECT * FROM stage_migration((SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01 00:00+02', 'Europe/Berlin') FROM sm_mig_hand),
                              '2026-03-29 00:00+01');
-- the same local day from any time in it: 23:59:59.999999 Berlin (summer time by then)
SELECT count(*) AS same_pairs FROM (
  SELECT * FROM stage_migration((SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01 00:00+02', 'Europe/Berlin') FROM sm_mig_hand),
                                '2026-03-29 23:59:59.999999+02')
  INTERSECT
  SELECT * FROM stage_migration((SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01 00:00+02', 'Europe/Berlin') FROM sm_mig_hand),
                                '2026-03-29 00:00+01')) s;
-- one microsecond later it is 03-30: customer 4 has bought (a buyer), customer 3's order stays
SELECT * FROM stage_migration((SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01 00:00+02', 'Europe/Berlin') FROM sm_mig_hand),
                              '2026-03-30 00:00+02')
WHERE from_stage IN ('prospect', 'buyer');
-- from 2025-10-26 (the day summer time ends, 25 hours, its 02:30 twice): customer 6 has 5 orders
-- on 2 days with no time since: a regular by then (-> lapsed); the others are prospects then
SELECT * FROM stage_migration((SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01 00:00+02', 'Europe/Berlin') FROM sm_mig_hand),
                              '2025-10-26 12:00+01');
-- the day before (10-25), 6 had 2 orders on one day: a client
SELECT * FROM stage_migration((SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01 00:00+02', 'Europe/Berlin') FROM sm_mig_hand),
                              '2025-10-25 23:59:59+02')
WHERE to_stage = 'lapsed';
-- from_as_of = as_of: every customer stays where it is (stage_counts' counts on the diagonal)
SELECT bool_and(m.from_stage = m.to_stage) AS diagonal, sum(m.customers) AS customers,
       bool_and(m.customers = c.customers) AS same_as_stage_counts
FROM stage_migration((SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01 00:00+02', 'Europe/Berlin') FROM sm_mig_hand),
                     '2026-07-01 00:00+02') m
JOIN stage_counts((SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01 00:00+02', 'Europe/Berlin') FROM sm_mig_hand)) c
  ON c.stage = m.to_stage;
-- thresholds as arguments: client from 3 orders; customers 2 and 5 (2 orders) and 3 are buyers then
-- and now; customer 1 (4 orders by 03-29) a client, then a regular
SELECT * FROM stage_migration((SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01 00:00+02', 'Europe/Berlin') FROM sm_mig_hand),
                              '2026-03-29 00:00+01', client_orders => 3)
WHERE from_stage IN ('buyer', 'client');
-- the chart of the first migration: rows from, columns to, totals; a dot where none moved
-- (by hand, the pairs above: prospect row 7 -> prospect, 4 -> buyer; buyer row 3 -> buyer, 5 -> client;
-- client row 2 -> client, 1 -> regular; lapsed row 6 -> lapsed)
SELECT * FROM migration_chart((SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01 00:00+02', 'Europe/Berlin') FROM sm_mig_hand),
                              '2026-03-29 00:00+01');
-- a NULL ladder gives no rows; errors: from_as_of after as_of (naming both), NULL, infinite
SELECT count(*) AS rows_for_null FROM stage_migration(NULL, '2026-01-01');
SELECT count(*) AS rows_for_null FROM migration_chart(NULL, '2026-01-01');
SELECT * FROM stage_migration((SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01 00:00+02', 'Europe/Berlin') FROM sm_mig_hand),
                              '2026-07-01 00:00:00.000001+02');
SELECT * FROM stage_migration((SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01 00:00+02', 'Europe/Berlin') FROM sm_mig_hand), NULL);

-- ---------- generated data: equal to loyalty_stage over profiles built with FILTER ----------
-- sm_gen (several orders on some days, scores for every fifth customer) as of 2026-07-01 in
-- Europe/Berlin; from_as_of at midnights and mid-day, on both DST days and in between.  The
-- earlier stage is loyalty_stage over the profile of the orders before the next local
-- midnight, at the last microsecond of the local day (the same day: the same days since);
-- a customer without such orders has a NULL profile, a prospect.  The same score both times.
CREATE FUNCTION pg_temp.migration_by_sql(from_as_of timestamptz)
RETURNS TABLE (from_stage loyalty_stage, to_stage loyalty_stage, customers bigint) LANGUAGE sql AS $$
  WITH cut AS (SELECT (date_trunc('day', from_as_of AT TIME ZONE 'Europe/Berlin') + interval '1 day')
                      AT TIME ZONE 'Europe/Berlin' AS next_midnight),
  p AS (SELECT customer_id,
               customer_profile(ordered_at, amount, 'Europe/Berlin') FILTER (WHERE ordered_at < (SELECT next_midnight FROM cut)) AS before,
               customer_profile(ordered_at, amount, 'Europe/Berlin') AS now
        FROM sm_gen GROUP BY customer_id)
  SELECT loyalty_stage(p.before, (SELECT next_midnight FROM cut) - interval '1 microsecond', s.score, 2, 5, 9, 3, 365, 730),
         loyalty_stage(p.now, '2026-07-01 00:00+02', s.score, 2, 5, 9, 3, 365, 730),
         count(*)
  FROM p LEFT JOIN sm_scores s USING (customer_id)
  GROUP BY 1, 2
$$;
CREATE TABLE sm_froms AS
SELECT t::timestamptz AS from_as_of FROM (VALUES ('2022-01-01 00:00+01'), ('2023-06-15 12:34+02'), ('2025-03-30 00:00+01'),
  ('2025-03-30 23:59:59.999999+02'), ('2025-10-26 00:00+02'), ('2025-10-26 23:30+01'), ('2026-01-01 00:00+01'),
  ('2026-06-30 23:00+02'), ('2026-07-01 00:00+02')) v(t);
SELECT f.from_as_of, count(*) AS pairs,
       sum(m.customers) = (SELECT customer_count(l) FROM sm_ladder) AS every_customer_once,
       count(*) = (SELECT count(*) FROM pg_temp.migration_by_sql(f.from_as_of))
       AND count(*) = count(*) FILTER (WHERE m.customers = s.customers) AS same_as_profiles
FROM sm_froms f
CROSS JOIN LATERAL stage_migration((SELECT l FROM sm_ladder), f.from_as_of) m
LEFT JOIN LATERAL pg_temp.migration_by_sql(f.from_as_of) s ON (s.from_stage, s.to_stage) = (m.from_stage, m.to_stage)
GROUP BY f.from_as_of ORDER BY 1;
-- rollup of the monthly ladders = one pass; the chart's totals = stage_migration's sums
SELECT count(*) AS differences FROM (
  (SELECT m.* FROM sm_froms f, stage_migration((SELECT rollup(l) FROM sm_monthly), f.from_as_of) m
   EXCEPT ALL
   SELECT m.* FROM sm_froms f, stage_migration((SELECT l FROM sm_ladder), f.from_as_of) m)
  UNION ALL
  (SELECT m.* FROM sm_froms f, stage_migration((SELECT l FROM sm_ladder), f.from_as_of) m
   EXCEPT ALL
   SELECT m.* FROM sm_froms f, stage_migration((SELECT rollup(l) FROM sm_monthly), f.from_as_of) m)) d;
SELECT (regexp_match(c, '\| +(\d+)$'))[1]::bigint = customer_count((SELECT l FROM sm_ladder)) AS chart_total
FROM migration_chart((SELECT l FROM sm_ladder), '2025-03-30 00:00+01') c WHERE c LIKE ' total%';

-- ---------- parallel: the ladder built by workers, under a Gather ----------
CREATE TABLE sm_mig_serial AS
SELECT f.from_as_of, m.* FROM sm_froms f,
  stage_migration((SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01', 'Europe/Berlin') FROM sm_gen), f.from_as_of) m;
\set parallel_workers 4
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/parallel.sql
SET :force_parallel = on;
SELECT pg_temp.plan_has($q$SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01', 'Europe/Berlin') FROM sm_gen$q$, 'Partial') AS partial_plan;
SELECT count(*) AS differences, (SELECT count(*) FROM sm_mig_serial) AS rows FROM (
  (SELECT f.from_as_of, m.* FROM sm_froms f,
          stage_migration((SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01', 'Europe/Berlin') FROM sm_gen), f.from_as_of) m
   EXCEPT ALL TABLE sm_mig_serial)
  UNION ALL
  (TABLE sm_mig_serial
   EXCEPT ALL
   SELECT f.from_as_of, m.* FROM sm_froms f,
          stage_migration((SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01', 'Europe/Berlin') FROM sm_gen), f.from_as_of) m)) d;
\i :abs_srcdir/test/regress/parallel_reset.sql
