-- Segment summaries: every figure against plain SQL over the same rows, plus hand-computed cases.
SET extra_float_digits = 0;
SET TimeZone = 'UTC';

-- Hand-made: as of 2026-07-01.
--   c1 (seg a): one order 2026-06-01, 100.00                 -> buyer (30 days < 365)
--   c2 (seg a): 3 orders 2026-01-01, 02-01, 03-01; 50 each   -> client (t_x 59, x 2, since 122 <= 3 * 29.5 = 88.5? no: lapsed)
--   c3 (seg a): 5 orders monthly to 2026-06-15, 20 each      -> regular; advocate with score 9
--   c4 (seg b): one order 2025-06-30 (366 days)              -> lapsed (one purchase day, > 365)
--   c5 (seg b): one order 2024-06-30 (731 days), 10.00       -> lost
--   c6 (seg b): no orders (prospect, from the LEFT JOIN)
-- Less than a year of history is one year's value without a trend: c4 risks 5 * 70 = 350, c5 5 * 10 = 50,
-- c2 (three orders within 89 days) 5 * 150.005 = 750.025.
CREATE TABLE seg_customers (customer_id int, segment text, score int);
INSERT INTO seg_customers VALUES (1, 'a', NULL), (2, 'a', 3), (3, 'a', 9), (4, 'b', NULL), (5, 'b', NULL), (6, 'b', 10);
CREATE TABLE seg_orders (customer_id int, ordered_at timestamptz, amount numeric);
INSERT INTO seg_orders VALUES
  (1, '2026-06-01 10:00', 100.00),
  (2, '2026-01-01 10:00', 50), (2, '2026-02-01 10:00', 50), (2, '2026-03-01 10:00', 50.005),
  (3, '2026-02-15 10:00', 20), (3, '2026-03-15 10:00', 20), (3, '2026-04-15 10:00', 20), (3, '2026-05-15 10:00', 20), (3, '2026-06-15 10:00', 20),
  (4, '2025-06-30 12:00', 70),
  (5, '2024-06-30 12:00', 10.00);
CREATE TEMP VIEW seg_profiles AS
  SELECT c.customer_id, c.segment, c.score, p.profile
  FROM seg_customers c
  LEFT JOIN (SELECT customer_id, customer_profile(ordered_at, amount) AS profile FROM seg_orders GROUP BY customer_id) p USING (customer_id);

SELECT segment, (segment_summary(profile, '2026-07-01', score)).*
FROM seg_profiles GROUP BY segment ORDER BY segment;

-- c2 is lapsed: since = 122 days > 3 * (59 / 2) = 88.5; so is c4.  The value at risk over 5 years with
-- margin 0.2 is the sum of lost_customer_value(profile, as_of, 5, 0.2) over them, at the revenue's scale.
SELECT lapsed_value(s) = (SELECT sum(round(lost_customer_value(profile, '2026-07-01', 5, 0.2), 3)) FROM seg_profiles WHERE customer_id IN (2, 4)) AS lapsed_value_matches,
       lost_value(s) = (SELECT round(lost_customer_value(profile, '2026-07-01', 5, 0.2), 3) FROM seg_profiles WHERE customer_id = 5) AS lost_value_matches,
       total_revenue(s) AS revenue, total_revenue(s) = (SELECT sum(amount) FROM seg_orders) AS revenue_exact
FROM (SELECT segment_summary_agg(profile, '2026-07-01', score, 5, 0.2) AS s FROM seg_profiles) t;

-- Accessors agree with the report row.
SELECT customer_count(s), order_count(s), repeat_customer_count(s), stage_count(s, 'lapsed'), round(stage_share(s, 'prospect')::numeric, 4) AS prospect_share,
       revenue_per_customer(s) = total_revenue(s) / 5 AS per_customer, average_order_value(s) = total_revenue(s) / 11 AS per_order,
       round(repeat_share(s)::numeric, 4) AS repeat_share
FROM (SELECT segment_summary_agg(profile, '2026-07-01', score) AS s FROM seg_profiles) t;

-- Thresholds exactly at the boundary: 365 days after a single order is still a buyer, 366 lapsed;
-- 730 days is lapsed, 731 lost.
SELECT d, (r).buyers, (r).lapsed, (r).lost
FROM (SELECT d, segment_summary(p, ts + d * interval '1 day') AS r
      FROM (VALUES (365), (366), (730), (731)) v(d),
           (SELECT ts, customer_profile(ts, 1) AS p FROM (VALUES (timestamptz '2024-01-10 12:00')) t(ts) GROUP BY ts) q
      GROUP BY d, ts) x
ORDER BY d;

-- Generated data: each figure against plain SQL (stages by the documented rules, in SQL).
CREATE TABLE seg_gen_orders AS
  SELECT 1 + (hashint4(i) & 2047) AS customer_id,
         timestamptz '2023-01-01 08:00 UTC' + ((hashint4(i * 7) & 1023) * interval '1 day') + (i % 5) * interval '1 hour' AS ordered_at,
         round(((hashint4(i * 13) & 65535) / 100.0 - 30)::numeric, 2) AS amount
  FROM generate_series(1, 20000) i;
CREATE TABLE seg_gen_customers AS
  SELECT c AS customer_id, 'seg' || (c % 4) AS segment, CASE WHEN c % 3 = 0 THEN (c * 7) % 11 END AS score
  FROM generate_series(1, 2100) c;
CREATE TEMP VIEW seg_gen_profiles AS
  SELECT c.customer_id, c.segment, c.score, p.profile
  FROM seg_gen_customers c
  LEFT JOIN (SELECT customer_id, customer_profile(ordered_at, amount) AS profile FROM seg_gen_orders GROUP BY customer_id) p USING (customer_id);
CREATE TEMP VIEW seg_plain AS
  WITH per_customer AS (
    SELECT c.customer_id, c.segment, c.score, count(o.customer_id) AS orders, sum(o.amount) AS revenue,
           count(DISTINCT o.ordered_at::date) AS days, min(o.ordered_at::date) AS first_day, max(o.ordered_at::date) AS last_day
    FROM seg_gen_customers c LEFT JOIN seg_gen_orders o USING (customer_id)
    GROUP BY c.customer_id, c.segment, c.score
  ), staged AS (
    SELECT *, date '2026-01-01' - last_day AS since,
           CASE WHEN orders = 0 THEN 'prospect'
                WHEN date '2026-01-01' - last_day > 730 THEN 'lost'
                WHEN days = 1 AND date '2026-01-01' - last_day > 365 THEN 'lapsed'
                WHEN days > 1 AND (date '2026-01-01' - last_day) * (days - 1) > 3 * (last_day - first_day) THEN 'lapsed'
                WHEN orders >= 5 AND score >= 9 THEN 'advocate'
                WHEN orders >= 5 THEN 'regular'
                WHEN orders >= 2 THEN 'client'
                ELSE 'buyer' END AS stage
    FROM per_customer
  )
  SELECT segment, count(*) AS customers, sum(orders) AS orders, sum(revenue) AS revenue,
         count(*) FILTER (WHERE orders >= 2) AS repeaters,
         count(*) FILTER (WHERE stage = 'prospect') AS prospects, count(*) FILTER (WHERE stage = 'buyer') AS buyers,
         count(*) FILTER (WHERE stage = 'client') AS clients, count(*) FILTER (WHERE stage = 'regular') AS regulars,
         count(*) FILTER (WHERE stage = 'advocate') AS advocates, count(*) FILTER (WHERE stage = 'lapsed') AS lapsed,
         count(*) FILTER (WHERE stage = 'lost') AS lost
  FROM staged GROUP BY segment;
CREATE TEMP TABLE seg_ext AS
  SELECT segment, (segment_summary(profile, '2026-01-01 00:00 UTC', score)).* FROM seg_gen_profiles GROUP BY segment;
SELECT count(*) AS segments,
       bool_and(e.customers = p.customers AND e.orders = p.orders AND e.revenue = p.revenue) AS totals_match,
       bool_and(e.prospects = p.prospects AND e.buyers = p.buyers AND e.clients = p.clients AND e.regulars = p.regulars
                AND e.advocates = p.advocates AND e.lapsed = p.lapsed AND e.lost = p.lost) AS stages_match,
       bool_and(abs(e.repeat_share - p.repeaters::float8 / (p.customers - p.prospects)) < 1e-12) AS repeat_share_matches,
       bool_and(e.revenue_per_customer = p.revenue / (p.customers - p.prospects)) AS per_customer_matches,
       bool_and(e.average_order_value = p.revenue / p.orders) AS per_order_matches,
       bool_and(abs(e.lapsed_share - p.lapsed::float8 / p.customers) < 1e-12) AS shares_match,
       sum(e.lapsed) > 0 AND sum(e.lost) > 0 AND sum(e.advocates) > 0 AND sum(e.prospects) > 0 AS every_stage_seen
FROM seg_ext e JOIN seg_plain p USING (segment);
-- The stages agree with loyalty_stage() customer by customer, and the value at risk with lost_customer_value()
-- exactly: each lapsed or lost customer's lost_customer_value (numeric arithmetic) rounded to millionths, summed,
-- rounded to the revenue's scale (2 to 6 decimals); also at a margin of 0.3 over 7 years.
SELECT bool_and(e.lapsed_value = round(v.lapsed_value, greatest(2, least(scale(e.revenue), 6)))) AS lapsed_value_exact,
       bool_and(e.lost_value = round(v.lost_value, greatest(2, least(scale(e.revenue), 6)))) AS lost_value_exact,
       sum(v.lapsed) AS lapsed_customers, sum(v.lost) AS lost_customers
FROM seg_ext e JOIN (
  SELECT segment,
         coalesce(sum(round(lost_customer_value(profile, '2026-01-01 00:00 UTC', 5), 6)) FILTER (WHERE st = 'lapsed'), 0) AS lapsed_value,
         coalesce(sum(round(lost_customer_value(profile, '2026-01-01 00:00 UTC', 5), 6)) FILTER (WHERE st = 'lost'), 0) AS lost_value,
         count(*) FILTER (WHERE st = 'lapsed') AS lapsed, count(*) FILTER (WHERE st = 'lost') AS lost
  FROM (SELECT segment, profile, loyalty_stage(profile, '2026-01-01 00:00 UTC', score) AS st FROM seg_gen_profiles) c
  GROUP BY segment) v USING (segment);
SELECT bool_and(lapsed_value(e.s) = round(v.lapsed_value, greatest(2, least(scale(total_revenue(e.s)), 6)))) AS lapsed_value_exact_at_margin_0_3,
       bool_and(lost_value(e.s) = round(v.lost_value, greatest(2, least(scale(total_revenue(e.s)), 6)))) AS lost_value_exact_at_margin_0_3
FROM (SELECT segment, segment_summary_agg(profile, '2026-01-01 00:00 UTC', score, 7, 0.3) AS s FROM seg_gen_profiles GROUP BY segment) e
JOIN (
  SELECT segment,
         coalesce(sum(round(lost_customer_value(profile, '2026-01-01 00:00 UTC', 7, 0.3), 6)) FILTER (WHERE st = 'lapsed'), 0) AS lapsed_value,
         coalesce(sum(round(lost_customer_value(profile, '2026-01-01 00:00 UTC', 7, 0.3), 6)) FILTER (WHERE st = 'lost'), 0) AS lost_value
  FROM (SELECT segment, profile, loyalty_stage(profile, '2026-01-01 00:00 UTC', score) AS st FROM seg_gen_profiles) c
  GROUP BY segment) v USING (segment);

-- Rollup of the segments equals the summary of everyone; stored summaries survive text and binary round trips.
CREATE TABLE seg_states AS SELECT segment, segment_summary_agg(profile, '2026-01-01 00:00 UTC', score) AS s FROM seg_gen_profiles GROUP BY segment;
SELECT (SELECT rollup(s)::text FROM seg_states) = (SELECT segment_summary_agg(profile, '2026-01-01 00:00 UTC', score)::text FROM seg_gen_profiles) AS rollup_equals_direct;
SELECT bool_and(s::text::segment_summary_state::text = s::text) AS text_round_trip FROM seg_states;
CREATE TABLE seg_states_copy (LIKE seg_states);
DO $$
DECLARE f text := '/tmp/customer_focus_segment_' || pg_backend_pid() || '.bin';
BEGIN
  EXECUTE format('COPY seg_states TO PROGRAM %L WITH (FORMAT binary)', 'cat > ' || f);
  EXECUTE format('COPY seg_states_copy FROM PROGRAM %L WITH (FORMAT binary)', 'cat ' || f || ' && rm -f ' || f);
END $$;
SELECT count(*) AS rows, bool_and(a.s::text = b.s::text) AS binary_round_trip FROM seg_states a JOIN seg_states_copy b USING (segment);

-- With survey scores: NPS and its margin beside the figures.
SELECT segment, (segment_report(s, n)).nps = nps(n) AS nps_matches, (segment_report(s, n)).nps_moe = nps_moe(n) AS moe_matches,
       (segment_report(s)).nps IS NULL AS no_scores_no_nps
FROM seg_states JOIN (SELECT segment, nps_agg(score) AS n FROM seg_gen_customers GROUP BY segment) r USING (segment)
ORDER BY segment;

-- Parallel plans give the serial result.
CREATE TABLE seg_big AS SELECT customer_id, segment, score, profile FROM seg_gen_profiles, generate_series(1, 40);
ANALYZE seg_big;
CREATE TEMP TABLE seg_serial AS SELECT segment, segment_summary_agg(profile, '2026-01-01 00:00 UTC', score)::text AS s FROM seg_big GROUP BY segment;
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/parallel.sql
SELECT pg_temp.plan_has($q$SELECT segment, segment_summary_agg(profile, '2026-01-01 00:00 UTC', score) FROM seg_big GROUP BY segment$q$, 'Partial') AS plan_is_parallel;
SELECT bool_and(p.s = q.s) AS parallel_equals_serial, count(*) AS segments
FROM (SELECT segment, segment_summary_agg(profile, '2026-01-01 00:00 UTC', score)::text AS s FROM seg_big GROUP BY segment) p JOIN seg_serial q USING (segment);
\i :abs_srcdir/test/regress/parallel_reset.sql

-- Empty input gives NULL; only prospects give a summary of prospects.
SELECT segment_summary_agg(profile, '2026-01-01') IS NULL AS empty_is_null FROM seg_profiles WHERE false;
SELECT customers, prospects, orders, revenue, revenue_per_customer, repeat_share
FROM (SELECT (segment_summary(profile, '2026-07-01')).* FROM seg_profiles WHERE customer_id = 6) t;

-- Errors.
CREATE FUNCTION seg_error(query text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE query;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
SELECT seg_error(q) FROM (VALUES
  ($q$SELECT segment_summary_agg(profile, '2026-03-01') FROM seg_profiles$q$),
  ($q$SELECT segment_summary_agg(profile, NULL) FROM seg_profiles$q$),
  ($q$SELECT segment_summary_agg(profile, 'infinity') FROM seg_profiles$q$),
  ($q$SELECT segment_summary_agg(profile, '2026-07-01', 11) FROM seg_profiles$q$),
  ($q$SELECT segment_summary_agg(profile, '2026-07-01', NULL, -1, 0.2) FROM seg_profiles$q$),
  ($q$SELECT segment_summary_agg(profile, '2026-07-01', NULL, 5, 1.5) FROM seg_profiles$q$),
  ($q$SELECT segment_summary_agg(profile, '2026-07-01', NULL, 5, 'NaN') FROM seg_profiles$q$),
  ($q$SELECT segment_summary_agg(profile, '2026-07-01', NULL, 5, NULL) FROM seg_profiles$q$),
  ($q$SELECT segment_summary_agg(profile, '2026-07-01'::timestamptz + customer_id * interval '1 day') FROM seg_profiles$q$),
  ($q$SELECT rollup(s) FROM (SELECT segment_summary_agg(profile, '2026-07-01') FROM seg_profiles UNION ALL SELECT segment_summary_agg(profile, '2026-08-01') FROM seg_profiles) x(s)$q$),
  ($q$SELECT 'v1;as_of=0;horizon=5'::segment_summary_state$q$),
  ($q$SELECT 'v1;as_of=0;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=1;orders=1;repeat=0;stages=0,0,0,0,0,0,0;revenue=1;lapsed_value=0;lost_value=0'::segment_summary_state$q$),
  ($q$SELECT 'v1;as_of=0;horizon=5;margin=1;ladder=5,2,9,3,365,730;customers=0;orders=0;repeat=0;stages=0,0,0,0,0,0,0;revenue=0;lapsed_value=0;lost_value=0'::segment_summary_state$q$),
  ($q$SELECT 'v1;as_of=0;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=1;orders=1;repeat=0;stages=0,1,0,0,0,0,0;revenue=1e5;lapsed_value=0;lost_value=0'::segment_summary_state$q$),
  ($q$SELECT 'v1;as_of=0;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=1;orders=1;repeat=0;stages=0,1,0,0,0,0,0;revenue=1;lapsed_value=-1;lost_value=0'::segment_summary_state$q$)
) v(q);
SET customer_focus.lost_days = 100;
SELECT seg_error($q$SELECT segment_summary_agg(profile, '2026-07-01') FROM seg_profiles$q$);
RESET customer_focus.lost_days;

-- The details name both values: the first row's and the differing one's (each
-- timestamp is formatted into a static buffer, so each must be copied first).
CREATE FUNCTION seg_error_detail(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  detail text;
BEGIN
  EXECUTE query;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
  RETURN SQLSTATE || ': ' || detail;
END $$;
SELECT seg_error_detail($q$SELECT segment_summary_agg(profile, '2026-07-01'::timestamptz + customer_id * interval '1 day' ORDER BY customer_id) FROM seg_profiles$q$);
SELECT seg_error_detail($q$SELECT rollup(s ORDER BY k) FROM (SELECT 1, segment_summary_agg(profile, '2026-07-01') FROM seg_profiles UNION ALL SELECT 2, segment_summary_agg(profile, '2026-08-01', NULL, 3, 0.5) FROM seg_profiles) x(k, s)$q$);

-- ---------- The forms with the ladder thresholds as arguments (independent of the session) ----------
-- segment_summary(profile, as_of, recommend_score, horizon_years, margin, client_orders,
-- regular_orders, advocate_score, lapse_factor, lapse_days, lost_days).
-- 1. Against plain SQL with other thresholds (client 3, regular 4, advocate 8, lapsed after 2 mean
--    intervals or 200 days, lost after 500 days), the stages by the documented rules in SQL.
CREATE TEMP VIEW seg_plain_other AS
  WITH per_customer AS (
    SELECT c.customer_id, c.segment, c.score, count(o.customer_id) AS orders, sum(o.amount) AS revenue,
           count(DISTINCT o.ordered_at::date) AS days, min(o.ordered_at::date) AS first_day, max(o.ordered_at::date) AS last_day
    FROM seg_gen_customers c LEFT JOIN seg_gen_orders o USING (customer_id)
    GROUP BY c.customer_id, c.segment, c.score
  ), staged AS (
    SELECT *, CASE WHEN orders = 0 THEN 'prospect'
                   WHEN date '2026-01-01' - last_day > 500 THEN 'lost'
                   WHEN days = 1 AND date '2026-01-01' - last_day > 200 THEN 'lapsed'
                   WHEN days > 1 AND (date '2026-01-01' - last_day) * (days - 1) > 2 * (last_day - first_day) THEN 'lapsed'
                   WHEN orders >= 4 AND score >= 8 THEN 'advocate'
                   WHEN orders >= 4 THEN 'regular'
                   WHEN orders >= 3 THEN 'client'
                   ELSE 'buyer' END AS stage
    FROM per_customer
  )
  SELECT segment, count(*) AS customers, sum(orders) AS orders, sum(revenue) AS revenue,
         count(*) FILTER (WHERE stage = 'prospect') AS prospects, count(*) FILTER (WHERE stage = 'buyer') AS buyers,
         count(*) FILTER (WHERE stage = 'client') AS clients, count(*) FILTER (WHERE stage = 'regular') AS regulars,
         count(*) FILTER (WHERE stage = 'advocate') AS advocates, count(*) FILTER (WHERE stage = 'lapsed') AS lapsed,
         count(*) FILTER (WHERE stage = 'lost') AS lost
  FROM staged GROUP BY segment;
CREATE TEMP TABLE seg_fixed AS
  SELECT segment, (segment_summary(profile, '2026-01-01 00:00 UTC', score, 5, 1, 3, 4, 8, 2, 200, 500)).*
  FROM seg_gen_profiles GROUP BY segment;
SELECT count(*) AS segments,
       bool_and(e.customers = p.customers AND e.orders = p.orders AND e.revenue = p.revenue) AS totals_match,
       bool_and(e.prospects = p.prospects AND e.buyers = p.buyers AND e.clients = p.clients AND e.regulars = p.regulars
                AND e.advocates = p.advocates AND e.lapsed = p.lapsed AND e.lost = p.lost) AS stages_match,
       sum(e.clients) > 0 AND sum(e.advocates) > 0 AND sum(e.lapsed) > 0 AND sum(e.lost) > 0 AS every_stage_seen,
       bool_or(e.lost <> d.lost OR e.clients <> d.clients) AS differs_from_the_defaults
FROM seg_fixed e JOIN seg_plain_other p USING (segment) JOIN seg_ext d USING (segment);
-- 2. The deprecated forms under the same settings give the same states, and the settings do not
--    reach the new form: with the settings at other values it still gives the plain-SQL counts.
SET customer_focus.client_orders = 3; SET customer_focus.regular_orders = 4; SET customer_focus.advocate_score = 8;
SET customer_focus.lapse_factor = 2; SET customer_focus.lapse_days = 200; SET customer_focus.lost_days = 500;
SELECT bool_and(o.s = n.s) AS deprecated_equals_new_under_the_same_settings, count(*) AS segments
FROM (SELECT segment, segment_summary_agg(profile, '2026-01-01 00:00 UTC', score, 5, 0.3)::text AS s FROM seg_gen_profiles GROUP BY segment) o
JOIN (SELECT segment, segment_summary_agg(profile, '2026-01-01 00:00 UTC', score, 5, 0.3, 3, 4, 8, 2, 200, 500)::text AS s FROM seg_gen_profiles GROUP BY segment) n
  USING (segment);
SET customer_focus.lost_days = 1000; SET customer_focus.client_orders = 2;
SELECT bool_and(e.lost = f.lost AND e.clients = f.clients AND e.lapsed = f.lapsed) AS settings_ignored
FROM (SELECT segment, (segment_summary(profile, '2026-01-01 00:00 UTC', score, 5, 1, 3, 4, 8, 2, 200, 500)).*
      FROM seg_gen_profiles GROUP BY segment) e JOIN seg_fixed f USING (segment);
RESET customer_focus.client_orders; RESET customer_focus.regular_orders; RESET customer_focus.advocate_score;
RESET customer_focus.lapse_factor; RESET customer_focus.lapse_days; RESET customer_focus.lost_days;
-- the documented defaults (5, 1, 2, 5, 9, 3, 365, 730) give the deprecated form's state at the settings' defaults
SELECT bool_and(o.s = n.s) AS defaults_equal_deprecated_form
FROM (SELECT segment, segment_summary_agg(profile, '2026-01-01 00:00 UTC', score)::text AS s FROM seg_gen_profiles GROUP BY segment) o
JOIN (SELECT segment, segment_summary_agg(profile, '2026-01-01 00:00 UTC', score, 5, 1, 2, 5, 9, 3, 365, 730)::text AS s FROM seg_gen_profiles GROUP BY segment) n
  USING (segment);
-- 3. The value at risk of the lapsed customers: lost_customer_value of each customer the plain-SQL
--    rules call lapsed (2 mean intervals or 200 days, not past 500 days), at the revenue's scale.
SELECT bool_and(e.lapsed_value = v.lapsed_value) AS lapsed_value_matches, sum(v.n) AS lapsed_customers
FROM seg_fixed e JOIN (
  SELECT p.segment, sum(round(lost_customer_value(p.profile, '2026-01-01 00:00 UTC', 5), 2)) AS lapsed_value, count(*) AS n
  FROM seg_gen_profiles p
  JOIN LATERAL (SELECT x, t_x, t - t_x AS since FROM model_summary(p.profile, '2026-01-01 00:00 UTC')) m ON true
  WHERE m.since <= 500 AND ((m.x = 0 AND m.since > 200) OR (m.x > 0 AND m.since * m.x > 2 * m.t_x))
  GROUP BY p.segment) v USING (segment);
-- 4. Parallel and hashed plans give the serial, sorted result; rollup of segments = the whole.
CREATE TEMP TABLE seg_fixed_serial AS
  SELECT segment, segment_summary_agg(profile, '2026-01-01 00:00 UTC', score, 5, 1, 3, 4, 8, 2, 200, 500)::text AS s FROM seg_big GROUP BY segment;
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/parallel.sql
SELECT pg_temp.plan_has($q$SELECT segment, segment_summary_agg(profile, '2026-01-01 00:00 UTC', score, 5, 1, 3, 4, 8, 2, 200, 500) FROM seg_big GROUP BY segment$q$, 'Partial') AS plan_is_parallel;
SELECT bool_and(p.s = q.s) AS parallel_equals_serial, count(*) AS segments
FROM (SELECT segment, segment_summary_agg(profile, '2026-01-01 00:00 UTC', score, 5, 1, 3, 4, 8, 2, 200, 500)::text AS s FROM seg_big GROUP BY segment) p
JOIN seg_fixed_serial q USING (segment);
\i :abs_srcdir/test/regress/parallel_reset.sql
SET enable_sort = off;
SELECT pg_temp.plan_has($q$SELECT segment, segment_summary_agg(profile, '2026-01-01 00:00 UTC', score, 5, 1, 3, 4, 8, 2, 200, 500) FROM seg_big GROUP BY segment$q$, 'HashAggregate') AS plan_is_hashed;
SELECT bool_and(p.s = q.s) AS hashed_equals_sorted
FROM (SELECT segment, segment_summary_agg(profile, '2026-01-01 00:00 UTC', score, 5, 1, 3, 4, 8, 2, 200, 500)::text AS s FROM seg_big GROUP BY segment) p
JOIN seg_fixed_serial q USING (segment);
RESET enable_sort;
SELECT (SELECT rollup(s::segment_summary_state)::text FROM seg_fixed_serial)
     = (SELECT segment_summary_agg(profile, '2026-01-01 00:00 UTC', score, 5, 1, 3, 4, 8, 2, 200, 500)::text FROM seg_big) AS rollup_equals_direct;
-- 5. Errors: a NULL threshold (no NULL-means-setting), thresholds that contradict each other,
--    thresholds changing within a group, and merging summaries of different thresholds.
SELECT seg_error(q) FROM (VALUES
  ($q$SELECT segment_summary_agg(profile, '2026-07-01', score, 5, 1, NULL, 5, 9, 3, 365, 730) FROM seg_profiles$q$),
  ($q$SELECT segment_summary_agg(profile, '2026-07-01', score, 5, 1, 2, 5, 9, 3, 365, NULL) FROM seg_profiles$q$),
  ($q$SELECT segment_summary_agg(profile, '2026-07-01', score, 5, 1, 6, 5, 9, 3, 365, 730) FROM seg_profiles$q$),
  ($q$SELECT segment_summary_agg(profile, '2026-07-01', score, 5, 1, 2, 5, 9, 'NaN', 365, 730) FROM seg_profiles$q$),
  ($q$SELECT segment_summary_agg(profile, '2026-07-01', score, 5, 1, 2, 5, 9, 3, 365, 100) FROM seg_profiles$q$),
  ($q$SELECT segment_summary_agg(profile, '2026-07-01', score, 5, 1, 2, 5, 9, 3, 365, 729 + customer_id) FROM seg_profiles$q$),
  ($q$SELECT segment_summary_agg(profile, '2026-07-01', score, 5, 1, 2, 5, 9, 3, 365, CASE WHEN customer_id > 3 THEN NULL ELSE 730 END) FROM seg_profiles$q$),
  ($q$SELECT rollup(s) FROM (SELECT segment_summary_agg(profile, '2026-07-01', score, 5, 1, 2, 5, 9, 3, 365, 730) FROM seg_profiles
                             UNION ALL SELECT segment_summary_agg(profile, '2026-07-01', score, 5, 1, 2, 5, 9, 3, 365, 731) FROM seg_profiles) x(s)$q$)
) v(q);
SELECT seg_error_detail($q$SELECT segment_summary_agg(profile, '2026-07-01', score, 5, 1, 2, 5, 9, 3, 365, 729 + customer_id ORDER BY customer_id) FROM seg_profiles$q$);
-- 6. Empty input gives NULL; the new forms are recorded immutable, the deprecated ones stable.
SELECT segment_summary_agg(profile, '2026-07-01', score, 5, 1, 2, 5, 9, 3, 365, 730) IS NULL AS empty_is_null FROM seg_profiles WHERE false;
SELECT p.oid::regprocedure AS aggregate, p.provolatile
FROM pg_proc p WHERE p.proname IN ('segment_summary', 'segment_summary_agg') ORDER BY p.oid::regprocedure::text COLLATE "C";
