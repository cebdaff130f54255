-- Segment summaries (issue 4): the per-segment report — customers, stage counts,
-- orders, revenue, revenue per customer, order value, repeat share, value at risk
-- of the lapsed and the lost customers over 5 years at a 20 % margin — over the
-- 10M orders of demo/generate.sql, profiles built and summarised in one query.
-- Goal from issue 4: at least 2 x faster than the plain-SQL query computing the
-- same figures (the trend of lost_customer_value written out in SQL).

-- case: segment summary
-- set: work_mem = '1GB'
-- variant: extension segment_summary over profiles built in the query
SELECT segment, (segment_summary(p, timestamptz '2026-07-01 00:00+00', NULL::integer, 5, 0.2)).*
FROM customers c
LEFT JOIN (SELECT customer_id, customer_profile(ordered_at, amount) AS p FROM orders GROUP BY customer_id) o
USING (customer_id)
GROUP BY segment;
-- goal: plain <= 0.5
-- variant: plain GROUP BY per customer, stages and trend in SQL
WITH per_customer AS (
    SELECT customer_id, count(*) AS n, sum(amount) AS rev, min(d) AS first_day, max(d) AS last_day,
           count(DISTINCT d) AS days, sum(amount * (d - date '2000-01-01')) AS mom
    FROM (SELECT customer_id, amount, ordered_at::date AS d FROM orders) o
    GROUP BY customer_id
), staged AS (
    SELECT c.segment, p.*, date '2026-07-01' - p.last_day AS since,
           CASE WHEN p.n IS NULL THEN 'prospect'
                WHEN date '2026-07-01' - p.last_day > 730 THEN 'lost'
                WHEN p.days = 1 AND date '2026-07-01' - p.last_day > 365 THEN 'lapsed'
                WHEN p.days > 1 AND (date '2026-07-01' - p.last_day) * (p.days - 1) > 3 * (p.last_day - p.first_day) THEN 'lapsed'
                WHEN p.n >= 5 THEN 'regular' WHEN p.n >= 2 THEN 'client' ELSE 'buyer' END AS stage,
           (p.last_day - p.first_day) + CASE WHEN p.days < 2 THEN 365.0
                                             ELSE (p.last_day - p.first_day)::float8 / (p.days - 1) END AS len
    FROM customers c LEFT JOIN per_customer p USING (customer_id)
), trended AS (
    SELECT *, CASE WHEN len < 365 OR rev <= 0 OR stage NOT IN ('lapsed', 'lost') THEN 0
                   ELSE sign(b0) * least(abs(b0), 2 * rev::float8 / (len * len)) END AS b
    FROM (SELECT *, 12 * (mom::float8 - rev::float8 * ((first_day - date '2000-01-01') + (last_day - date '2000-01-01')) / 2.0)
                    / (len * len * len) AS b0
          FROM staged) s
), valued AS (
    SELECT *, 0.2 * ((SELECT sum(greatest(0, annual + t * growth)) FROM generate_series(0, 4) t)) AS at_risk
    FROM (SELECT *, CASE WHEN len < 365 THEN rev::float8 ELSE 365 * (rev::float8 / len + b * len / 2) END AS annual,
                    365 * 365 * b AS growth
          FROM trended) t
)
SELECT segment, count(*) AS customers,
       count(*) FILTER (WHERE stage = 'prospect') AS prospects, count(*) FILTER (WHERE stage = 'buyer') AS buyers,
       count(*) FILTER (WHERE stage = 'client') AS clients, count(*) FILTER (WHERE stage = 'regular') AS regulars,
       count(*) FILTER (WHERE stage = 'lapsed') AS lapsed, count(*) FILTER (WHERE stage = 'lost') AS lost,
       sum(n) AS orders, sum(rev) AS revenue, sum(rev) / count(n) AS revenue_per_customer, sum(rev) / sum(n) AS order_value,
       avg((n >= 2)::int) FILTER (WHERE n IS NOT NULL) AS repeat_share,
       sum(at_risk) FILTER (WHERE stage = 'lapsed') AS lapsed_value, sum(at_risk) FILTER (WHERE stage = 'lost') AS lost_value
FROM valued GROUP BY segment;
-- variant: floor count(*) of the orders per customer, joined to the customers
SELECT c.segment, count(o.n) FROM customers c
LEFT JOIN (SELECT customer_id, count(*) AS n FROM orders GROUP BY customer_id) o USING (customer_id)
GROUP BY c.segment;
