-- Customer profiles (issue 3), on the orders of demo/generate.sql (10M orders of
-- about 850,000 customers in the full run; 1M customers incl. prospects).
-- Goals from issue 3: building the profiles takes at most 1.2 x the plain
-- count(*), sum(amount), min(ordered_at), max(ordered_at) per customer; a whole
-- loyalty-ladder report (stage counts as of a date, prospects included) is at
-- least 3 x faster than plain SQL with window functions for the mean interval:
-- in one query with the loyalty_ladder aggregate (profiles built in the query
-- and stored profiles are measured too).

-- case: profile per customer
-- set: work_mem = '1GB'
-- variant: extension customer_profile(ordered_at, amount)
SELECT customer_id, customer_profile(ordered_at, amount) FROM orders GROUP BY customer_id;
-- goal: floor <= 1.2
-- variant: plain count, sum, min, max, count(DISTINCT day)
SELECT customer_id, count(*), sum(amount), min(ordered_at), max(ordered_at), count(DISTINCT ordered_at::date)
FROM orders GROUP BY customer_id;
-- variant: floor count(*), sum(amount), min, max
SELECT customer_id, count(*), sum(amount), min(ordered_at), max(ordered_at) FROM orders GROUP BY customer_id;

-- case: loyalty ladder report
-- set: work_mem = '1GB'
-- prepare:
-- (dropped and rebuilt: DROP EXTENSION ... CASCADE at the start of a run drops its column)
DROP TABLE IF EXISTS cf_bench_profiles;
CREATE TABLE cf_bench_profiles AS
SELECT customer_id, customer_profile(ordered_at, amount) AS p FROM orders GROUP BY customer_id;
-- variant: extension profiles built in the query
SELECT stage, count(*)
FROM (SELECT loyalty_stage(p.p, timestamptz '2026-07-01') AS stage
      FROM customers c
      LEFT JOIN (SELECT customer_id, customer_profile(ordered_at, amount) AS p FROM orders GROUP BY customer_id) p
      USING (customer_id)) s
GROUP BY stage;
-- goal: plain <= 0.34
-- variant: extension one pass: loyalty_ladder over the orders and the contacts
SELECT * FROM stage_counts((SELECT loyalty_ladder(customer_id, ordered_at, timestamptz '2026-07-01')
                            FROM (SELECT customer_id, ordered_at FROM orders
                                  UNION ALL SELECT customer_id, NULL FROM customers) u));
-- goal: plain <= 0.34
-- variant: extension stored profiles
SELECT stage, count(*)
FROM (SELECT loyalty_stage(p.p, timestamptz '2026-07-01') AS stage
      FROM customers c LEFT JOIN cf_bench_profiles p USING (customer_id)) s
GROUP BY stage;
-- goal: plain <= 0.34
-- variant: plain window functions (lag) for the mean interval
SELECT stage, count(*)
FROM (SELECT CASE WHEN o.customer_id IS NULL THEN 'prospect'
                  WHEN date '2026-07-01' - o.last_day > 730 THEN 'lost'
                  WHEN o.x = 0 AND date '2026-07-01' - o.last_day > 365 THEN 'lapsed'
                  -- since > 3 x mean gap, written exactly: since * x > 3 * (sum of the gaps)
                  WHEN o.x > 0 AND (date '2026-07-01' - o.last_day) * o.x > 3 * o.gaps THEN 'lapsed'
                  WHEN o.n >= 5 THEN 'regular' WHEN o.n >= 2 THEN 'client' ELSE 'buyer' END AS stage
      FROM customers c
      LEFT JOIN (SELECT customer_id, sum(n) AS n, max(d) AS last_day, count(gap) AS x, sum(gap) AS gaps
                 FROM (SELECT customer_id, d, n, d - lag(d) OVER (PARTITION BY customer_id ORDER BY d) AS gap
                       FROM (SELECT customer_id, ordered_at::date AS d, count(*) AS n FROM orders GROUP BY 1, 2) per_day) g
                 GROUP BY customer_id) o USING (customer_id)) s
GROUP BY stage;
-- variant: plain two-level GROUP BY (no window function)
SELECT stage, count(*)
FROM (SELECT CASE WHEN o.customer_id IS NULL THEN 'prospect'
                  WHEN date '2026-07-01' - o.last_day > 730 THEN 'lost'
                  WHEN o.x = 0 AND date '2026-07-01' - o.last_day > 365 THEN 'lapsed'
                  WHEN o.x > 0 AND (date '2026-07-01' - o.last_day) * o.x > 3 * o.t_x THEN 'lapsed'
                  WHEN o.n >= 5 THEN 'regular' WHEN o.n >= 2 THEN 'client' ELSE 'buyer' END AS stage
      FROM customers c
      LEFT JOIN (SELECT customer_id, sum(n) AS n, max(d) AS last_day, count(*) - 1 AS x, max(d) - min(d) AS t_x
                 FROM (SELECT customer_id, ordered_at::date AS d, count(*) AS n FROM orders GROUP BY 1, 2) per_day
                 GROUP BY customer_id) o USING (customer_id)) s
GROUP BY stage;
-- variant: floor count(*), sum(amount), min, max per customer (every column read, so all are computed)
SELECT c.customer_id, o.n, o.s, o.lo, o.hi FROM customers c
LEFT JOIN (SELECT customer_id, count(*) AS n, sum(amount) AS s, min(ordered_at) AS lo, max(ordered_at) AS hi
           FROM orders GROUP BY 1) o
USING (customer_id);
