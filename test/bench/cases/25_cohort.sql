-- The ladder over time (issue 16): cohort_retention, lifecycle_counts and cohort_chart on the
-- orders of demo/generate.sql (10M orders, 1M customers incl. prospects, as of 2026-07-01 UTC,
-- months).  Goals from issue 16: each reader including the ladder build at least 3 x faster
-- than its plain-SQL form (cohorts: first-period window + date_trunc + GROUP BY; lifecycle:
-- distinct periods per customer + lag); each reader alone over a stored 1M-customer ladder at
-- most 0.3 s (read the medians: the suite has no absolute goal; the floor is detoasting the
-- stored ladder, customer_count).

-- case: cohort readers of a stored 1M-customer ladder
-- prepare:
-- (dropped and rebuilt: DROP EXTENSION ... CASCADE at the start of a run drops its column)
DROP TABLE IF EXISTS cf_bench_cohort_ladder;
CREATE TABLE cf_bench_cohort_ladder AS
SELECT loyalty_ladder(customer_id, ordered_at, timestamptz '2026-07-01')
       AS l FROM (SELECT customer_id, ordered_at FROM orders UNION ALL SELECT customer_id, NULL FROM customers) u;
-- variant: extension cohort_retention by month
SELECT * FROM cohort_retention((SELECT l FROM cf_bench_cohort_ladder));
-- variant: extension cohort_retention by week
SELECT * FROM cohort_retention((SELECT l FROM cf_bench_cohort_ladder), 'week');
-- variant: extension lifecycle_counts by month
SELECT * FROM lifecycle_counts((SELECT l FROM cf_bench_cohort_ladder));
-- variant: extension cohort_chart by month
SELECT * FROM cohort_chart((SELECT l FROM cf_bench_cohort_ladder));
-- variant: floor customer_count (detoasts the stored ladder)
SELECT customer_count(l) FROM cf_bench_cohort_ladder;

-- case: cohort retention including the ladder build
-- set: work_mem = '1GB'
-- variant: extension loyalty_ladder over the orders, cohort_retention
SELECT * FROM cohort_retention((SELECT loyalty_ladder(customer_id, ordered_at, timestamptz '2026-07-01') FROM orders));
-- goal: plain <= 0.34
-- variant: plain first-period window, date_trunc, GROUP BY over the offsets
WITH p AS (SELECT DISTINCT customer_id, date_trunc('month', ordered_at AT TIME ZONE 'UTC')::date AS period FROM orders),
     c AS (SELECT customer_id, period, min(period) OVER (PARTITION BY customer_id) AS cohort FROM p),
     sizes AS (SELECT cohort, count(*) AS size FROM c WHERE period = cohort GROUP BY cohort),
     grid AS (SELECT s.cohort, s.size, g.d::date AS period, (g.n - 1)::integer AS period_offset
              FROM sizes s, generate_series(s.cohort::timestamp, '2026-07-01', interval '1 month') WITH ORDINALITY g(d, n)),
     counts AS (SELECT cohort, period, count(*) AS customers FROM c GROUP BY cohort, period)
SELECT grid.cohort, grid.period_offset, coalesce(counts.customers, 0) AS customers,
       coalesce(counts.customers, 0)::float8 / grid.size AS share, grid.period < '2026-07-01' AS complete
FROM grid LEFT JOIN counts USING (cohort, period);
-- variant: floor count(DISTINCT (customer, month)) over the orders
SELECT count(*) FROM (SELECT DISTINCT customer_id, date_trunc('month', ordered_at AT TIME ZONE 'UTC') FROM orders) s;

-- case: lifecycle counts including the ladder build
-- set: work_mem = '1GB'
-- variant: extension loyalty_ladder over the orders, lifecycle_counts
SELECT * FROM lifecycle_counts((SELECT loyalty_ladder(customer_id, ordered_at, timestamptz '2026-07-01') FROM orders));
-- goal: plain <= 0.34
-- variant: plain distinct periods per customer, lag and lead
WITH p AS (SELECT DISTINCT customer_id, date_trunc('month', ordered_at AT TIME ZONE 'UTC')::date AS period FROM orders),
     l AS (SELECT period, lag(period) OVER w AS prev, lead(period) OVER w AS next
           FROM p WINDOW w AS (PARTITION BY customer_id ORDER BY period)),
     e AS (SELECT period, CASE WHEN prev IS NULL THEN 0 WHEN prev = (period - interval '1 month')::date THEN 1 ELSE 2 END AS kind FROM l
           UNION ALL
           SELECT (period + interval '1 month')::date, 3 FROM l
           WHERE (next IS NULL OR next > (period + interval '1 month')::date) AND period < '2026-07-01'),
     m AS (SELECT g::date AS period FROM generate_series((SELECT min(period) FROM p), '2026-07-01', interval '1 month') g)
SELECT m.period, count(*) FILTER (WHERE kind = 0) AS new, count(*) FILTER (WHERE kind = 1) AS retained,
       count(*) FILTER (WHERE kind = 2) AS reactivated, count(*) FILTER (WHERE kind = 3) AS churned,
       m.period < '2026-07-01' AS complete
FROM m LEFT JOIN e USING (period) GROUP BY m.period;
-- variant: floor count(DISTINCT (customer, month)) over the orders
SELECT count(*) FROM (SELECT DISTINCT customer_id, date_trunc('month', ordered_at AT TIME ZONE 'UTC') FROM orders) s;
