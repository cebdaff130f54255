-- The ladder's readers over moved thresholds and dates (issue 16), on the orders of
-- demo/generate.sql (10M orders, 1M customers incl. prospects, as of 2026-07-01 UTC).
-- Goals from issue 16: each reader alone over a stored 1M-customer ladder at most 0.3 s
-- (read the medians: the suite has no absolute goal; the floor is detoasting the stored
-- ladder, customer_count); stage_sensitivity one pass, not a pass per grid point (plain:
-- stage_counts once per point); stage_migration including the ladder build at least 3 x
-- faster than two window-function ladders joined.

-- case: readers of a stored 1M-customer ladder
-- prepare:
-- (dropped and rebuilt: DROP EXTENSION ... CASCADE at the start of a run drops its column)
DROP TABLE IF EXISTS cf_bench_ladder;
CREATE TABLE cf_bench_ladder AS
SELECT loyalty_ladder(customer_id, ordered_at, timestamptz '2026-07-01')
       AS l FROM (SELECT customer_id, ordered_at FROM orders UNION ALL SELECT customer_id, NULL FROM customers) u;
-- variant: extension stage_counts (for comparison)
SELECT * FROM stage_counts((SELECT l FROM cf_bench_ladder));
-- variant: extension stage_sensitivity, 10 x 10 grid
SELECT * FROM stage_sensitivity((SELECT l FROM cf_bench_ladder),
                                ARRAY[1, 1.5, 2, 2.5, 3, 3.5, 4, 5, 6, 8], ARRAY[365, 400, 450, 500, 550, 600, 730, 800, 900, 1000]);
-- variant: extension stage_migration from 2026-01-01
SELECT * FROM stage_migration((SELECT l FROM cf_bench_ladder), timestamptz '2026-01-01');
-- variant: extension migration_chart from 2026-01-01
SELECT * FROM migration_chart((SELECT l FROM cf_bench_ladder), timestamptz '2026-01-01');
-- variant: floor customer_count (detoasts the stored ladder)
SELECT customer_count(l) FROM cf_bench_ladder;

-- case: stage_sensitivity, 4 x 4 grid
-- variant: extension one pass over the stored ladder
SELECT * FROM stage_sensitivity((SELECT l FROM cf_bench_ladder), ARRAY[2, 3, 4, 5], ARRAY[365, 500, 730, 1000]);
-- goal: plain <= 0.34
-- variant: plain stage_counts once per grid point
SELECT f, d, c.* FROM unnest(ARRAY[2, 3, 4, 5]::float8[]) f, unnest(ARRAY[365, 500, 730, 1000]) d,
       stage_counts((SELECT l FROM cf_bench_ladder), lapse_factor => f, lost_days => d) c;
-- variant: floor customer_count (detoasts the stored ladder)
SELECT customer_count(l) FROM cf_bench_ladder;

-- case: stage migration including the ladder build
-- set: work_mem = '1GB'
-- variant: extension loyalty_ladder over the orders and the contacts, stage_migration
SELECT * FROM stage_migration((SELECT loyalty_ladder(customer_id, ordered_at, timestamptz '2026-07-01')
                               FROM (SELECT customer_id, ordered_at FROM orders
                                     UNION ALL SELECT customer_id, NULL FROM customers) u),
                              timestamptz '2026-01-01');
-- goal: plain <= 0.34
-- variant: plain two window-function ladders (per day, lag) joined
WITH per_day AS (SELECT customer_id, (ordered_at AT TIME ZONE 'UTC')::date AS d, count(*) AS n FROM orders GROUP BY 1, 2),
ladder_from AS (
  SELECT customer_id,
         CASE WHEN date '2026-01-01' - last_day > 730 THEN 'lost'
              WHEN x = 0 AND date '2026-01-01' - last_day > 365 THEN 'lapsed'
              WHEN x > 0 AND (date '2026-01-01' - last_day) * x > 3 * gaps THEN 'lapsed'
              WHEN n >= 5 THEN 'regular' WHEN n >= 2 THEN 'client' ELSE 'buyer' END AS stage
  FROM (SELECT customer_id, sum(n) AS n, max(d) AS last_day, count(gap) AS x, sum(gap) AS gaps
        FROM (SELECT customer_id, d, n, d - lag(d) OVER (PARTITION BY customer_id ORDER BY d) AS gap
              FROM per_day WHERE d <= date '2026-01-01') g
        GROUP BY customer_id) o),
ladder_to AS (
  SELECT customer_id,
         CASE WHEN date '2026-07-01' - last_day > 730 THEN 'lost'
              WHEN x = 0 AND date '2026-07-01' - last_day > 365 THEN 'lapsed'
              WHEN x > 0 AND (date '2026-07-01' - last_day) * x > 3 * gaps THEN 'lapsed'
              WHEN n >= 5 THEN 'regular' WHEN n >= 2 THEN 'client' ELSE 'buyer' END AS stage
  FROM (SELECT customer_id, sum(n) AS n, max(d) AS last_day, count(gap) AS x, sum(gap) AS gaps
        FROM (SELECT customer_id, d, n, d - lag(d) OVER (PARTITION BY customer_id ORDER BY d) AS gap
              FROM per_day) g
        GROUP BY customer_id) o)
SELECT coalesce(f.stage, 'prospect') AS from_stage, coalesce(t.stage, 'prospect') AS to_stage, count(*) AS customers
FROM customers c LEFT JOIN ladder_from f USING (customer_id) LEFT JOIN ladder_to t USING (customer_id)
GROUP BY 1, 2;
-- variant: floor count(*), max(ordered_at) per customer (every column read)
SELECT c.customer_id, o.n, o.hi FROM customers c
LEFT JOIN (SELECT customer_id, count(*) AS n, max(ordered_at) AS hi FROM orders GROUP BY 1) o USING (customer_id);
