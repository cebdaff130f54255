-- stage_migration: the ladder's readers over moved thresholds and dates (issue 16).
-- stage_sensitivity: hand-worked customers at the lapse and lost boundaries, then on
-- generated data equal to stage_counts called once per grid point, on rolled-up monthly
-- ladders, stored and just built, serial and parallel.
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
CREATE FUNCTION pg_temp.plan_has(query text, node text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE plan json;
BEGIN
    EXECUTE 'EXPLAIN (FORMAT JSON, COSTS OFF) ' || query INTO plan;
    RETURN plan::text LIKE '%"Partial Mode": "' || node || '"%';
END $$;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 4;
SELECT CASE WHEN current_setting('server_version_num')::int >= 160000 THEN 'debug_parallel_query'
            ELSE 'force_parallel_mode' END AS force_parallel \gset
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
RESET :force_parallel;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
