-- demo/report.sql: the customer-focus report over the sample data.
-- Reads the tables made by demo/generate.sql; copy any query into your own reports.
-- Every time zone and threshold is an argument, so the output does not depend on session settings.
\set QUIET on
\pset footer off
\pset null '—'
\set as_of '2026-07-01 00:00:00+00'
\set margin 0.2
\set horizon 5

\echo
\echo '=== The sample: three years of orders, survey responses and service contacts ==='
SELECT (SELECT min(ordered_at AT TIME ZONE 'UTC')::date FROM orders) || ' to '
       || (SELECT max(ordered_at AT TIME ZONE 'UTC')::date FROM orders) AS period,
       (SELECT count(*) FROM customers) AS customers,
       (SELECT count(DISTINCT customer_id) FROM orders) AS buyers,
       (SELECT count(*) FROM orders) AS orders,
       (SELECT sum(amount) FROM orders) AS revenue,
       (SELECT count(score) FROM responses) AS responses,
       (SELECT count(*) FROM service_events) AS "service contacts";

\echo
\echo '=== Net Promoter Score, all responses (95 % margin of error, adjusted Wald) ==='
SELECT response_count(s) AS responses,
       round(nps(s)::numeric, 1) AS nps,
       '± ' || round(nps_moe(s, 0.95, 'adjusted_wald')::numeric, 1) AS margin,
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
       '± ' || round(nps_moe(p.s, 0.95, 'adjusted_wald')::numeric, 1) AS margin,
       round(ci.lower::numeric, 1) || ' .. ' || round(ci.upper::numeric, 1) AS "95 % interval",
       round(c.p_value::numeric, 4) AS "p vs the rest"
FROM per_segment p
JOIN others o USING (segment)
CROSS JOIN LATERAL nps_ci(p.s, 0.95, 'adjusted_wald') ci
CROSS JOIN LATERAL nps_compare(p.s, o.s, 'adjusted_wald') c
ORDER BY nps(p.s) DESC;

\echo '=== NPS per quarter: is the change real? (adjusted-Wald margin; shift against the quarter before) ==='
-- One stored state per quarter (what a reporting table would keep), tested over all quarters at once.
CREATE TEMP TABLE report_quarters AS
SELECT date_trunc('quarter', responded_at AT TIME ZONE 'UTC')::date AS quarter, nps_agg(score) AS s
FROM responses GROUP BY 1;
SELECT quarter, response_count(s) AS responses, round(nps(s)::numeric, 1) AS nps,
       '± ' || round(nps_moe(s, 0.95, 'adjusted_wald')::numeric, 1) AS margin,
       coalesce(nps_shift(lag(s) OVER (ORDER BY quarter), s), '') AS shift,
       text_bar(greatest(nps(s), 0), 100, 30) AS bar
FROM report_quarters ORDER BY quarter;
SELECT round(chi_square::numeric, 2) AS "chi-square (all quarters equal)", df, round(p_value::numeric, 4) AS p_value,
       round(slope::numeric, 2) AS "trend per quarter", round(slope_std_error::numeric, 2) AS "std error",
       round(slope_p_value::numeric, 4) AS "trend p_value"
FROM (SELECT (t).*
      FROM (SELECT nps_trend(s, (extract(year FROM quarter) * 4 + extract(quarter FROM quarter))::integer) AS t
            FROM report_quarters) q) t;

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
-- One row per known contact: its profile (NULL for a prospect) and latest recommend score.
CREATE TEMP TABLE report_customers AS
SELECT c.customer_id, c.segment, c.channel, p.profile, r.score AS latest_score
FROM customers c
LEFT JOIN (SELECT customer_id, customer_profile(ordered_at, amount, 'UTC') AS profile
           FROM orders GROUP BY customer_id) p USING (customer_id)
LEFT JOIN (SELECT DISTINCT ON (customer_id) customer_id, score
           FROM responses WHERE score IS NOT NULL
           ORDER BY customer_id, responded_at DESC) r USING (customer_id);

\echo '=== The loyalty ladder as of' :'as_of' '==='
WITH total AS (
    -- the thresholds as arguments (here the defaults: 2 orders make a client, 5 a regular, a
    -- latest score of 9 an advocate; lapsed after 3 mean intervals (365 days with one
    -- purchase day), lost after 730 days), so the report never depends on session settings
    SELECT segment_summary_agg(profile, :'as_of', latest_score, :horizon, :margin, 2, 5, 9, 3, 365, 730) AS s
    FROM report_customers
), stages AS (
    SELECT stage, stage_count(s, stage) AS customers, stage_share(s, stage) AS share
    FROM total, unnest(enum_range(NULL::loyalty_stage)) AS stage
)
SELECT stage, customers, round(100 * share::numeric, 1) AS "%",
       text_bar(customers, max(customers) OVER (), 50) AS bar
FROM stages ORDER BY stage;

CREATE TEMP TABLE report_segments AS
SELECT segment, r.*
FROM (SELECT segment,
             segment_summary_agg(profile, :'as_of', latest_score, :horizon, :margin, 2, 5, 9, 3, 365, 730) AS s
      FROM report_customers GROUP BY segment) summary
LEFT JOIN (SELECT segment, nps_agg(score) AS n FROM responses GROUP BY segment) scores USING (segment),
     segment_report(s, n) r;

\echo '=== The ladder per segment (prospects have not bought yet; lapsed+lost as a share of those who have) ==='
SELECT segment, customers, prospects, buyers, clients, regulars, advocates, lapsed, lost,
       round(100.0 * (lapsed + lost) / nullif(customers - prospects, 0), 1) AS "lapsed+lost %"
FROM report_segments ORDER BY revenue DESC;

\echo '=== Value per segment: revenue per customer with orders; profit at risk over' :horizon 'years at a' :margin 'margin ==='
SELECT segment, customers - prospects AS "with orders", revenue,
       round(revenue_per_customer) AS "per customer", round(average_order_value, 2) AS "order value",
       round(100 * repeat_share::numeric, 1) AS "repeat %", round(lapsed_value) AS "lapsed value",
       round(lost_value) AS "lost value", round(nps::numeric, 1) AS nps
FROM report_segments ORDER BY revenue DESC;

-- The same customers as one loyalty ladder: one pass over the orders (prospects added as
-- rows without an order, latest recommend scores as rows of their own), read by the
-- movement reports below.
CREATE TEMP TABLE report_ladder AS
SELECT loyalty_ladder(customer_id, ordered_at, :'as_of', 'UTC', score) AS ladder
FROM (SELECT customer_id, ordered_at, NULL::integer AS score FROM orders
      UNION ALL
      SELECT customer_id, NULL, latest_score FROM report_customers) u;

\echo '=== Cohorts: the share of each quarter''s new customers who bought again in each later quarter ==='
\pset tuples_only on
SELECT regexp_split_to_table(line, '; ') FROM cohort_chart((SELECT ladder FROM report_ladder), 'quarter') line;
\pset tuples_only off

\echo '=== New, retained, reactivated and churned customers per quarter (the open quarter left out) ==='
SELECT period AS quarter, new, retained, reactivated, churned,
       text_bar(new + retained + reactivated, max(new + retained + reactivated) OVER (), 30) AS buying
FROM lifecycle_counts((SELECT ladder FROM report_ladder), 'quarter') WHERE complete ORDER BY period;

\echo '=== Who moved where in the last half year (stage on 2026-01-01 against stage now) ==='
\pset tuples_only on
SELECT line FROM migration_chart((SELECT ladder FROM report_ladder), '2026-01-01 00:00:00+00') line;
\pset tuples_only off

\echo '=== Lapsed customers with the most value at risk (win them back first) ==='
\echo 'overdue: days since the last order in mean intervals between orders; profit at risk: the next' :horizon 'years'
\echo 'of the customer''s own revenue trend (a year, growing by growth/year, never below 0) times the margin of' :margin
SELECT customer_id AS customer, segment, days_since_last_order(profile, :'as_of') AS "days since",
       round(overdue_factor(profile, :'as_of')::numeric, 1) AS overdue,
       order_count(profile) AS orders, total_revenue(profile) AS revenue,
       round((annual_trend(profile, :'as_of')).annual_value) AS "a year",
       round((annual_trend(profile, :'as_of')).annual_growth) AS "growth/year",
       round(lost_customer_value(profile, :'as_of', :horizon, :margin)) AS "profit at risk"
FROM report_customers
WHERE loyalty_stage(profile, :'as_of', latest_score) = 'lapsed'
ORDER BY lost_customer_value(profile, :'as_of', :horizon, :margin) DESC, customer_id
LIMIT 10;

-- -------------------------------------------------------------------
-- Lifetime models: who is still alive, what they will buy, what they are worth
-- -------------------------------------------------------------------
-- BG/NBD from the profiles (times in months of 30.4375 days), Gamma-Gamma from each repeat customer's
-- mean revenue of a purchase day after the first (UTC days, as the profiles count them).
CREATE TEMP TABLE report_spend AS
SELECT customer_id, (count(*) - 1)::integer AS x,
       (avg(revenue) FILTER (WHERE day > first_day))::float8 AS mean_value
FROM (SELECT customer_id, (ordered_at AT TIME ZONE 'UTC')::date AS day, sum(amount) AS revenue,
             min((ordered_at AT TIME ZONE 'UTC')::date) OVER (PARTITION BY customer_id) AS first_day
      FROM orders GROUP BY customer_id, (ordered_at AT TIME ZONE 'UTC')::date) d
GROUP BY customer_id;
CREATE TEMP TABLE report_models AS
SELECT (SELECT bgnbd_fit(profile, :'as_of', 30.4375) FROM report_customers WHERE profile IS NOT NULL) AS bg,
       (SELECT gamma_gamma_fit(x, mean_value) FROM report_spend WHERE x > 0 AND mean_value > 0) AS gg;

\echo '=== BG/NBD and Gamma-Gamma fitted to the profiles (time in months) ==='
SELECT round((bg).r::numeric, 3) AS r, round((bg).alpha::numeric, 3) AS alpha, round((bg).a::numeric, 3) AS a,
       round((bg).b::numeric, 3) AS b, (bg).n AS customers, (bg).converged,
       round((gg).p::numeric, 3) AS p, round((gg).q::numeric, 3) AS q, round((gg).gamma::numeric, 1) AS gamma,
       (gg).n AS "repeat customers"
FROM report_models;

\echo '=== Per segment: the model''s P(alive) beside the ladder, next year''s orders and 3-year value at a' :margin 'margin ==='
SELECT c.segment, count(*) AS "with orders",
       round(avg(bgnbd_p_alive(m.bg, s.x, s.t_x, s.t))::numeric, 2) AS "mean P(alive)",
       round(100.0 * count(*) FILTER (WHERE loyalty_stage(c.profile, :'as_of', c.latest_score, 2, 5, 9, 3, 365, 730)
                                       IN ('lapsed', 'lost')) / count(*), 1) AS "lapsed+lost %",
       round(sum(bgnbd_expected_purchases(m.bg, 12, s.x, s.t_x, s.t))::numeric) AS "orders next year",
       round(sum(customer_lifetime_value(m.bg, m.gg, s.x, s.t_x, s.t, v.mean_value, 36, :margin, 0.01))
                 FILTER (WHERE s.x = 0 OR v.mean_value > 0)::numeric) AS "3-year value"
FROM report_customers c
CROSS JOIN report_models m
CROSS JOIN LATERAL model_summary(c.profile, :'as_of', 30.4375) s
LEFT JOIN report_spend v USING (customer_id)
WHERE c.profile IS NOT NULL
GROUP BY c.segment ORDER BY "3-year value" DESC;
\echo '(BG/NBD counts a customer with one purchase day as alive, P(alive) = 1, however long ago it was: the'
\echo ' ladder calls them lapsed after a year.  3-year value: expected purchases month by month x expected'
\echo ' spend x margin, discounted 1 % a month;'
\echo ' customers whose repeat days were refunds on balance have no expected spend and are left out)'

\echo '=== Does the model predict? Fitted on the orders to 2025-06-30, checked against the year after ==='
-- The split comes from the stored profiles (no rescan); the fit sees only the calibration year(s).
CREATE TEMP TABLE report_holdout AS
SELECT c.customer_id, h.*
FROM report_customers c, calibration_holdout(c.profile, '2025-06-30 23:59:59+00', '2026-06-30 23:59:59+00', 30.4375) h
WHERE c.profile IS NOT NULL AND h.x IS NOT NULL;
CREATE TEMP TABLE report_validation AS
SELECT holdout_agg(h.x, bgnbd_expected_purchases(m.bg, h.holdout, h.x, h.t_x, h.t), h.x_holdout,
                   1 - bgnbd_p_no_purchase(m.bg, h.holdout, h.x, h.t_x, h.t)) AS v
FROM report_holdout h, (SELECT bgnbd_fit(x, t_x, t) AS bg FROM report_holdout) m;
SELECT CASE WHEN x = 7 THEN '7+' ELSE x::text END AS "repeat days to mid-2025", customers, round(actual_mean::numeric, 2) AS "purchase days after: actual",
       round(expected_mean::numeric, 2) AS predicted
FROM holdout_table((SELECT v FROM report_validation), 7) ORDER BY x;
SELECT round(mean_absolute_error(v)::numeric, 3) AS "mean absolute error", round(rms_error(v)::numeric, 3) AS "rms error",
       round(mean_bias(v)::numeric, 3) AS "bias (predicted - actual)", round(brier_score(v)::numeric, 3) AS brier,
       round(roc_auc(v)::numeric, 3) AS "AUC (buys again?)"
FROM report_validation;

\echo '=== RFM: customers with orders per segment of the recency x frequency grid (quintiles of all customers) ==='
WITH breaks AS (
    SELECT percentile_cont(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY days_since_last_order(profile, :'as_of'))
               AS r,
           percentile_cont(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY order_count(profile)) AS f,
           percentile_cont(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY total_revenue(profile)) AS m
    FROM report_customers WHERE profile IS NOT NULL
), scored AS (
    SELECT (rfm_scores(c.profile, :'as_of', b.r, b.f, b.m)).*, total_revenue(c.profile) AS revenue
    FROM report_customers c, breaks b WHERE c.profile IS NOT NULL
)
SELECT segment AS "RFM segment", count(*) AS customers, round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS "%",
       sum(revenue) AS revenue, text_bar(count(*), max(count(*)) OVER (), 30) AS bar
FROM scored GROUP BY segment ORDER BY sum(revenue) DESC;

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

\echo '=== Complaints per 1,000 service contacts per channel (300 contacts without a complaint is a warning) ==='
SELECT channel, order_count(s) AS contacts, complaint_count(s) AS complaints,
       round(complaints_per_1000(s)::numeric, 1) AS "per 1,000",
       CASE WHEN alarming_silence(s, 300) THEN 'silent: check the feedback channel' ELSE '' END AS signal
FROM (SELECT channel, complaint_agg(complained) AS s FROM service_events GROUP BY channel) t
ORDER BY complaints_per_1000(s) DESC, channel;
