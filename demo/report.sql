-- demo/report.sql: the customer-focus report over the sample data.
-- Reads the tables made by demo/generate.sql; copy any query into your own reports.
\set QUIET on
\pset footer off
\pset null '—'

\echo
\echo '=== Net Promoter Score, all responses (95 % margin of error) ==='
SELECT response_count(s) AS responses,
       round(nps(s)::numeric, 1) AS nps,
       '± ' || round(nps_moe(s)::numeric, 1) AS margin,
       round(100 * promoter_share(s)::numeric, 1) AS "promoters %",
       round(100 * passive_share(s)::numeric, 1) AS "passives %",
       round(100 * detractor_share(s)::numeric, 1) AS "detractors %"
FROM (SELECT nps_agg(score) AS s FROM responses) t;

\echo '=== NPS per segment, with each segment tested against all the others ==='
-- The rest of the sample is the rollup of the other segments' states: one scan of the
-- responses, and correct on Citus too (a correlated subquery over a distributed table is not).
WITH per_segment AS (
    SELECT segment, nps_agg(score) AS s FROM responses GROUP BY segment
), others AS (
    SELECT a.segment, rollup(b.s) AS s
    FROM per_segment a JOIN per_segment b ON b.segment <> a.segment
    GROUP BY a.segment
)
SELECT p.segment,
       response_count(p.s) AS responses,
       round(nps(p.s)::numeric, 1) AS nps,
       '± ' || round(nps_moe(p.s)::numeric, 1) AS margin,
       round(ci.lower::numeric, 1) || ' .. ' || round(ci.upper::numeric, 1) AS "95 % interval",
       round(c.p_value::numeric, 4) AS "p vs the rest"
FROM per_segment p
JOIN others o USING (segment)
CROSS JOIN LATERAL nps_ci(p.s) ci
CROSS JOIN LATERAL nps_compare(p.s, o.s) c
ORDER BY nps(p.s) DESC;

\echo '=== Score distribution, all responses ==='
SELECT score, responses, round(100 * share::numeric, 1) AS "%", bar
FROM score_distribution((SELECT nps_agg(score) FROM responses), 50);

\echo '=== Score distribution per segment ==='
SELECT segment, d.score, d.responses, round(100 * d.share::numeric, 1) AS "%", d.bar
FROM (SELECT segment, nps_agg(score) AS s FROM responses GROUP BY segment) p
CROSS JOIN LATERAL score_distribution(p.s, 30) d
ORDER BY segment, d.score;

-- -------------------------------------------------------------------
-- Customers: profiles from the orders, the loyalty ladder, value at risk
-- -------------------------------------------------------------------
\set as_of '2026-07-01 00:00:00+00'
\set margin 0.2
\set horizon 5
-- One row per known contact: its profile (NULL for a prospect) and latest recommend score.
CREATE TEMP TABLE report_customers AS
SELECT c.customer_id, c.segment, c.channel, p.profile, r.score AS latest_score
FROM customers c
LEFT JOIN (SELECT customer_id, customer_profile(ordered_at, amount) AS profile
           FROM orders GROUP BY customer_id) p USING (customer_id)
LEFT JOIN (SELECT DISTINCT ON (customer_id) customer_id, score
           FROM responses WHERE score IS NOT NULL
           ORDER BY customer_id, responded_at DESC) r USING (customer_id);

\echo '=== The loyalty ladder as of' :'as_of' '==='
WITH total AS (
    SELECT segment_summary_agg(profile, :'as_of', latest_score) AS s FROM report_customers
), stages AS (
    SELECT stage, stage_count(s, stage) AS customers, stage_share(s, stage) AS share
    FROM total, unnest(enum_range(NULL::loyalty_stage)) AS stage
)
SELECT stage, customers, round(100 * share::numeric, 1) AS "%",
       text_bar(customers, max(customers) OVER (), 50) AS bar
FROM stages ORDER BY stage;

\echo '=== Per segment: customers, revenue, the ladder, value at risk over' :horizon 'years at a' :margin 'margin, and NPS ==='
WITH summary AS (
    SELECT segment, segment_summary_agg(profile, :'as_of', latest_score, :horizon, :margin) AS s
    FROM report_customers GROUP BY segment
), scores AS (
    SELECT segment, nps_agg(score) AS n FROM responses GROUP BY segment
)
SELECT segment, r.customers, r.buyers, r.clients, r.regulars, r.advocates, r.lapsed, r.lost,
       r.revenue, round(r.revenue_per_customer, 2) AS "revenue/customer",
       round(r.average_order_value, 2) AS "order value",
       round(100 * r.repeat_share::numeric, 1) AS "repeat %",
       round(r.lapsed_value) AS "at risk (lapsed)", round(r.lost_value) AS "lost (lost)",
       round(r.nps::numeric, 1) AS nps, '± ' || round(r.nps_moe::numeric, 1) AS margin
FROM summary LEFT JOIN scores USING (segment), segment_report(s, n) r
ORDER BY r.revenue DESC;

\echo '=== Lapsed customers with the most value at risk (win them back first) ==='
SELECT customer_id, segment, last_order(profile)::date AS last_order,
       days_since_last_order(profile, :'as_of') AS days_since,
       round(overdue_factor(profile, :'as_of')::numeric, 1) AS "intervals overdue",
       order_count(profile) AS orders, total_revenue(profile) AS revenue,
       round(lost_customer_value(profile, :'as_of', :horizon, :margin), 2) AS "profit at risk"
FROM report_customers
WHERE loyalty_stage(profile, :'as_of', latest_score) = 'lapsed'
ORDER BY lost_customer_value(profile, :'as_of', :horizon, :margin) DESC, customer_id
LIMIT 10;

-- -------------------------------------------------------------------
-- Service quality
-- -------------------------------------------------------------------
\echo '=== Service levels per channel (expectation vs perception, tolerance ± 0.5) ==='
SELECT channel, response_count(s) AS contacts,
       round(100 * level_share(s, 'low')::numeric, 1) AS "low %",
       round(100 * level_share(s, 'standard')::numeric, 1) AS "standard %",
       round(100 * level_share(s, 'wow')::numeric, 1) AS "wow %",
       text_bar(level_share(s, 'wow'), 1, 20) AS wow
FROM (SELECT channel, service_level_agg(expected, perceived, 0.5) AS s
      FROM service_events GROUP BY channel) t
ORDER BY level_share(s, 'wow') DESC;

\echo '=== Response-time standards per channel ==='
SELECT channel, response_target(s) AS "target s", response_count(s) AS contacts,
       round(100 * compliant_share(s)::numeric, 1) AS "within target %",
       round(response_percentile(s, 0.5)::numeric, 1) AS "median s",
       round(response_percentile(s, 0.9)::numeric, 1) AS "p90 s"
FROM (SELECT channel,
             response_time_agg(response_seconds,
                               CASE channel WHEN 'store' THEN 30 WHEN 'online' THEN 20
                                            WHEN 'phone' THEN 20 ELSE 3600 END) AS s
      FROM service_events GROUP BY channel) t
ORDER BY channel;

\echo '=== Importance-performance analysis of the purchase factors ==='
SELECT f.rank, f.factor, round(f.importance::numeric, 2) AS importance,
       round(f.performance::numeric, 2) AS performance, round(f.gap::numeric, 2) AS gap, f.quadrant
FROM (SELECT ipa_agg(factor, importance, performance) AS s FROM factor_ratings) t, ipa_factors(s) f
ORDER BY f.rank;

\echo '=== Complaints per 1,000 service contacts (a busy segment without complaints is a warning) ==='
SELECT segment, order_count(s) AS contacts, complaint_count(s),
       round(complaints_per_1000(s)::numeric, 1) AS "per 1,000",
       CASE WHEN alarming_silence(s) THEN 'silent: check the feedback channels' ELSE '' END AS signal
FROM (SELECT segment, complaint_agg(complained) AS s FROM service_events GROUP BY segment) t
ORDER BY complaints_per_1000(s) DESC;
