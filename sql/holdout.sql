-- Holdout validation (issue 17 items 1-2): calibration_holdout over profiles,
-- holdout_agg and its accessors.  Every value is compared with plain SQL over
-- the same rows in this file.
SET extra_float_digits = 0;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';

-- ===================== calibration_holdout =====================

-- Orders of five customers (UTC days).  Calibration up to 2024-03-31, observation up to 2024-06-30.
--  1: two orders on 2024-01-05 (one day), 2024-02-10, 2024-03-31 23:00 (the calibration day),
--     2024-04-01, 2024-06-30 (the observation day), 2024-07-01 (after it)
--  2: one order 2024-03-01 and nothing after
--  3: first order 2024-04-15, after the calibration day: NULL
--  4: 2024-03-31 00:00 only, then 2024-05-01 twice
--  5: 2023-12-31 22:00 (UTC), 2024-06-30 23:59:59
CREATE TABLE ho_orders (customer_id integer, ordered_at timestamptz, amount numeric);
INSERT INTO ho_orders VALUES
(1, '2024-01-05 09:00', 10), (1, '2024-01-05 18:00', 5), (1, '2024-02-10 12:00', 20), (1, '2024-03-31 23:00', 7),
(1, '2024-04-01 08:00', 9), (1, '2024-06-30 10:00', 3), (1, '2024-07-01 10:00', 4),
(2, '2024-03-01 10:00', 50),
(3, '2024-04-15 10:00', 15), (3, '2024-05-15 10:00', 15),
(4, '2024-03-31 00:00', 8), (4, '2024-05-01 09:00', 8), (4, '2024-05-01 19:00', 8),
(5, '2023-12-31 22:00', 30), (5, '2024-06-30 23:59:59', 30);
CREATE TABLE ho_profiles AS
  SELECT customer_id, customer_profile(ordered_at, amount, 'UTC') AS p FROM ho_orders GROUP BY customer_id;
SELECT customer_id, (calibration_holdout(p, '2024-03-31', '2024-06-30')).*
FROM ho_profiles ORDER BY customer_id;
-- The same in plain SQL over the distinct order days: calibration = days up to the calibration day.
CREATE TABLE ho_plain AS
  SELECT customer_id,
         count(*) FILTER (WHERE d <= date '2024-03-31') - 1 AS x,
         (max(d) FILTER (WHERE d <= date '2024-03-31') - min(d)) / 7.0 AS t_x,
         (date '2024-03-31' - min(d)) / 7.0 AS t,
         count(*) FILTER (WHERE d > date '2024-03-31' AND d <= date '2024-06-30') AS x_holdout,
         (date '2024-06-30' - date '2024-03-31') / 7.0 AS holdout
  FROM (SELECT DISTINCT customer_id, (ordered_at AT TIME ZONE 'UTC')::date AS d FROM ho_orders) q
  GROUP BY customer_id HAVING min(d) <= date '2024-03-31';
SELECT count(*) AS customers,
       count(*) FILTER (WHERE c.x = q.x AND abs(c.t_x - q.t_x) < 1e-12 AND abs(c.t - q.t) < 1e-12
                          AND c.x_holdout = q.x_holdout AND abs(c.holdout - q.holdout) < 1e-12) AS equal_to_plain_sql,
       count(*) FILTER (WHERE c IS NULL) AS null_rows
FROM ho_profiles h
LEFT JOIN ho_plain q USING (customer_id)
CROSS JOIN LATERAL calibration_holdout(h.p, '2024-03-31', '2024-06-30', 7) c;
-- The calibration part equals model_summary of the profile of the orders up to the calibration
-- day (the order of 2024-03-31 23:00 counts: the split is by local day; model_summary needs an
-- as_of after that order, on the same day).
SELECT customer_id, c.x = m.x AND c.t_x = m.t_x AND c.t = m.t AS same_as_model_summary
FROM (SELECT customer_id, customer_profile(ordered_at, amount, 'UTC') AS p FROM ho_orders
      WHERE (ordered_at AT TIME ZONE 'UTC')::date <= date '2024-03-31' GROUP BY customer_id) cal
JOIN ho_profiles h USING (customer_id)
CROSS JOIN LATERAL calibration_holdout(h.p, '2024-03-31', '2024-06-30', 7) c
CROSS JOIN LATERAL model_summary(cal.p, '2024-03-31 23:59:59', 7) m
ORDER BY customer_id;
-- Days are the profile's local days: customer 5's first order is 2023-12-31 in UTC but
-- 2024-01-01 in Tokyo; the calibration day is calibration_end's day in that zone too.
SELECT (calibration_holdout(customer_profile(ordered_at, amount, 'Asia/Tokyo'), '2024-03-31', '2024-06-30')).*
FROM ho_orders WHERE customer_id = 5;
-- Equal ends: an empty holdout period.
SELECT (calibration_holdout(p, '2024-03-31', '2024-03-31')).* FROM ho_profiles WHERE customer_id = 1;
-- Errors: observation_end before calibration_end, unit_days, infinite ends.
SELECT calibration_holdout(p, '2024-03-31', '2024-03-30') FROM ho_profiles WHERE customer_id = 1;
SELECT calibration_holdout(p, '2024-03-31', '2024-06-30', 0) FROM ho_profiles WHERE customer_id = 1;
SELECT calibration_holdout(p, '-infinity', '2024-06-30') FROM ho_profiles WHERE customer_id = 1;
SELECT calibration_holdout(p, '2024-03-31', 'infinity') FROM ho_profiles WHERE customer_id = 1;
SELECT calibration_holdout(NULL, '2024-03-31', '2024-06-30') IS NULL AS null_profile;

-- ===================== holdout_agg =====================

-- 3,000 deterministic customers: x 0..12 (and 40 for a few), expected 0..5, actual 0..3 with many
-- zeros, p_any on a grid of 1,009 values (ties), a NULL expected every 211th row and a NULL p_any
-- every 223rd, five groups g.
CREATE TABLE ho_rows AS
  SELECT i, i % 5 AS g,
         CASE WHEN i % 97 = 0 THEN 40 ELSE (i * 7) % 13 END::bigint AS x,
         CASE WHEN i % 211 = 0 THEN NULL ELSE ((i * 37) % 101) / 20.0 END::float8 AS e,
         ((i * 13) % 7 % 4)::float8 AS a,
         CASE WHEN i % 223 = 0 THEN NULL ELSE ((i * 53) % 1009) / 1008.0 END::float8 AS p
  FROM generate_series(1, 3000) i;
-- The error measures against plain SQL over the rows holdout_agg keeps (no NULL argument).
SELECT (SELECT sum(customers) FROM holdout_table(s)) AS customers,
       abs(mean_absolute_error(s) / plain_mae - 1) < 1e-12 AS mae_ok,
       abs(rms_error(s) / plain_rmse - 1) < 1e-12 AS rmse_ok,
       abs(mean_bias(s) / plain_bias - 1) < 1e-12 AS bias_ok,
       brier_score(s) IS NULL AND roc_auc(s) IS NULL AS no_p_no_brier_no_auc, plain_customers
FROM (SELECT holdout_agg(x, e, a) AS s,
             avg(abs(e - a)) AS plain_mae, sqrt(avg((e - a) ^ 2)) AS plain_rmse, avg(e - a) AS plain_bias,
             count(*) AS plain_customers
      FROM ho_rows WHERE e IS NOT NULL) q;
SELECT sum(customers) AS customers_in_the_state,
       (SELECT count(*) FROM ho_rows WHERE e IS NOT NULL AND p IS NOT NULL) AS rows_without_null
FROM (SELECT holdout_agg(x, e, a, p) AS s FROM ho_rows) q, holdout_table(s);
SELECT abs(mean_absolute_error(s) / plain_mae - 1) < 1e-12 AS mae_ok,
       abs(rms_error(s) / plain_rmse - 1) < 1e-12 AS rmse_ok,
       abs(mean_bias(s) / plain_bias - 1) < 1e-12 AS bias_ok,
       abs(brier_score(s) / plain_brier - 1) < 1e-12 AS brier_ok,
       round(brier_score(s)::numeric, 6) AS brier
FROM (SELECT holdout_agg(x, e, a, p) AS s,
             avg(abs(e - a)) FILTER (WHERE e IS NOT NULL AND p IS NOT NULL) AS plain_mae,
             sqrt(avg((e - a) ^ 2) FILTER (WHERE e IS NOT NULL AND p IS NOT NULL)) AS plain_rmse,
             avg(e - a) FILTER (WHERE e IS NOT NULL AND p IS NOT NULL) AS plain_bias,
             avg((p - (a > 0)::int) ^ 2) FILTER (WHERE e IS NOT NULL) AS plain_brier
      FROM ho_rows) q;
-- A hand-checked case: |e - a| = 0.5, 0.6, 0.8, 1.5, 2.5: MAE 1.18; squares sum to 9.75: RMSE sqrt(1.95);
-- e - a sum to 3.1: bias 0.62; Brier (0.09 + 0.16 + 0.01 + 0.01 + 0.04) / 5 = 0.062; AUC: buyers
-- 0.6, 0.9, 0.9 against non-buyers 0.3, 0.2: every pair ordered, 1.
SELECT mean_absolute_error(s), rms_error(s) = sqrt(1.95::float8) AS rmse_is_sqrt_1_95, mean_bias(s), brier_score(s), roc_auc(s), s
FROM (SELECT holdout_agg(x, e, a, p) AS s
      FROM (VALUES (0, 0.5, 0, 0.3), (0, 0.4, 1, 0.6), (1, 1.2, 2, 0.9), (3, 2.5, 1, 0.9), (3, 2.5, 0, 0.2)) v(x, e, a, p)) q;

-- The AUC against pair counting in plain SQL on 300 customers: binned (the bins of 1/4096) it is equal;
-- the exact AUC (ties counted half) is within the documented bound, half the share of
-- buyer / non-buyer pairs that share a bin.
CREATE TABLE ho_small AS SELECT * FROM ho_rows WHERE i <= 300 AND e IS NOT NULL AND p IS NOT NULL;
CREATE TABLE ho_pairs AS
  SELECT sum(CASE WHEN b.p > n.p THEN 1 WHEN b.p = n.p THEN 0.5 ELSE 0 END)::float8 / count(*) AS exact_auc,
         sum(CASE WHEN floor(b.p * 4096) > floor(n.p * 4096) THEN 1
                  WHEN floor(b.p * 4096) = floor(n.p * 4096) THEN 0.5 ELSE 0 END)::float8 / count(*) AS binned_auc,
         (count(*) FILTER (WHERE floor(b.p * 4096) = floor(n.p * 4096)))::float8 / count(*) / 2 AS bound,
         count(*) AS pairs
  FROM ho_small b JOIN ho_small n ON b.a > 0 AND NOT n.a > 0;
SELECT pairs, round(exact_auc::numeric, 6) AS exact_auc, round(roc_auc(s)::numeric, 6) AS roc_auc,
       abs(roc_auc(s) - binned_auc) < 1e-12 AS equals_binned_pair_count,
       abs(roc_auc(s) - exact_auc) <= bound + 1e-15 AS exact_within_bound, bound < 0.01 AS bound_small
FROM ho_pairs, (SELECT holdout_agg(x, e, a, p) AS s FROM ho_small) q;
-- Exact ties count half: two buyers and two non-buyers, all at p 0.5, and one pair ordered.
SELECT roc_auc(holdout_agg(x, e, a, p)) FROM (VALUES (0, 1.0, 1, 0.5), (0, 1.0, 1, 0.5), (0, 1.0, 0, 0.5), (0, 1.0, 0, 0.25)) v(x, e, a, p);
-- (pairs: buyer-0.5 vs non-buyer-0.5 twice: 1/2 each; vs 0.25 twice: 1 each; (1 + 2) / 4 = 0.75)

-- holdout_table against GROUP BY, with and without pooling from cap 5.
SELECT bool_and(t.customers = g.customers AND abs(t.actual_mean - g.actual_mean) <= 1e-12 * abs(g.actual_mean)
                AND abs(t.expected_mean - g.expected_mean) <= 1e-12 * abs(g.expected_mean)) AS table_ok,
       count(*) AS lines, count(g.x) AS matched
FROM (SELECT (holdout_table(holdout_agg(x, e, a))).* FROM ho_rows) t
FULL JOIN (SELECT x, count(*) AS customers, avg(a) AS actual_mean, avg(e) AS expected_mean
           FROM ho_rows WHERE e IS NOT NULL GROUP BY x) g USING (x);
SELECT t.x, t.customers, round(t.actual_mean::numeric, 4) AS actual_mean, round(t.expected_mean::numeric, 4) AS expected_mean,
       t.customers = g.customers AND abs(t.actual_mean - g.actual_mean) <= 1e-12 * abs(g.actual_mean)
         AND abs(t.expected_mean - g.expected_mean) <= 1e-12 * abs(g.expected_mean) AS equals_group_by
FROM (SELECT (holdout_table(holdout_agg(x, e, a), 5)).* FROM ho_rows) t
FULL JOIN (SELECT least(x, 5) AS x, count(*) AS customers, avg(a) AS actual_mean, avg(e) AS expected_mean
           FROM ho_rows WHERE e IS NOT NULL GROUP BY 1) g USING (x)
ORDER BY t.x;
SELECT count(*) AS lines_with_cap_0 FROM (SELECT holdout_agg(x, e, a) s FROM ho_rows) q, holdout_table(s, 0);

-- ===================== rollup, groups, parallel and hashed plans =====================

CREATE FUNCTION ho_close(a float8, b float8) RETURNS boolean LANGUAGE sql IMMUTABLE
    RETURN a = b OR abs(a - b) <= 1e-12 * greatest(abs(a), abs(b));
CREATE FUNCTION ho_same(s holdout_state, t holdout_state) RETURNS boolean LANGUAGE sql IMMUTABLE
    RETURN ho_close(mean_absolute_error(s), mean_absolute_error(t)) AND ho_close(rms_error(s), rms_error(t))
       AND ho_close(mean_bias(s), mean_bias(t)) AND ho_close(brier_score(s), brier_score(t))
       AND roc_auc(s) = roc_auc(t)
       AND (SELECT array_agg(x || ':' || customers ORDER BY x) FROM holdout_table(s))
         = (SELECT array_agg(x || ':' || customers ORDER BY x) FROM holdout_table(t))
       AND (SELECT bool_and(ho_close(a.actual_mean, b.actual_mean) AND ho_close(a.expected_mean, b.expected_mean))
            FROM holdout_table(s) a JOIN holdout_table(t) b USING (x));
-- Per-group states rolled up equal the state of all rows (one pass).
CREATE TABLE ho_groups AS SELECT g, holdout_agg(x, e, a, p) AS s FROM ho_rows GROUP BY g;
SELECT ho_same((SELECT rollup(s) FROM ho_groups), (SELECT holdout_agg(x, e, a, p) FROM ho_rows)) AS rollup_is_one_pass,
       (SELECT rollup(s) FROM ho_groups WHERE false) IS NULL AS rollup_of_nothing;
-- Stored text and binary forms read back to the same state.
SELECT bool_and(s::text::holdout_state::text = s::text) AS text_round_trip,
       bool_and(holdout_state_send(s) = holdout_state_send(s::text::holdout_state)) AS binary_equal
FROM ho_groups;

CREATE TABLE ho_big AS SELECT r.*, k FROM ho_rows r, generate_series(1, 20) k;
ANALYZE ho_big;
CREATE TEMP TABLE ho_serial AS SELECT g, holdout_agg(x, e, a, p) AS s FROM ho_big GROUP BY g;
CREATE TEMP TABLE ho_serial_all AS SELECT holdout_agg(x, e, a, p) AS s FROM ho_big;
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/parallel.sql
SELECT pg_temp.plan_has('SELECT holdout_agg(x, e, a, p) FROM ho_big', 'Partial Aggregate') AS plan_is_parallel;
SELECT ho_same((SELECT holdout_agg(x, e, a, p) FROM ho_big), s) AS parallel_equals_serial FROM ho_serial_all;
\i :abs_srcdir/test/regress/parallel_reset.sql
SET enable_sort = off;
SELECT pg_temp.plan_has('SELECT g, holdout_agg(x, e, a, p) FROM ho_big GROUP BY g', 'HashAggregate') AS plan_is_hashed;
SELECT count(*) AS groups, bool_and(ho_same(h.s, o.s)) AS hashed_equals_sorted
FROM (SELECT g, holdout_agg(x, e, a, p) AS s FROM ho_big GROUP BY g) h JOIN ho_serial o USING (g);
RESET enable_sort;
-- Sums do not depend on the order of the rows: descending and ascending give the same accessors.
SELECT ho_same((SELECT holdout_agg(x, e, a, p ORDER BY i DESC) FROM ho_rows),
               (SELECT holdout_agg(x, e, a, p ORDER BY i) FROM ho_rows)) AS order_independent;

-- ===================== NULLs and empty groups =====================

-- No rows, or only rows with a NULL: NULL.  A row with a NULL argument is skipped.
SELECT holdout_agg(x, e, a) IS NULL AS no_rows FROM ho_rows WHERE false;
SELECT holdout_agg(x, e, a, p) IS NULL AS only_null_rows FROM (VALUES (1::bigint, NULL::float8, 1::float8, 0.5::float8), (NULL, 1, 1, 0.5), (1, 1, 1, NULL)) v(x, e, a, p);
SELECT holdout_agg(x, e, a)::text FROM (VALUES (1::bigint, 2::float8, NULL::float8), (2, 1, 1)) v(x, e, a);
-- No buyer (or no non-buyer): no AUC; the Brier score still exists.
SELECT roc_auc(s) IS NULL AS no_auc, brier_score(s) FROM (SELECT holdout_agg(1, 0.5, 0, p) s FROM (VALUES (0.25), (0.5)) v(p)) q;

-- ===================== errors =====================

SELECT holdout_agg(x, e, a) FROM (VALUES (-1::bigint, 0.5::float8, 0::float8)) v(x, e, a);
SELECT holdout_agg(1, e, 0) FROM (VALUES ('NaN'::float8)) v(e);
SELECT holdout_agg(1, 0, a) FROM (VALUES ('-Infinity'::float8)) v(a);
SELECT holdout_agg(1, e, 0) FROM (VALUES (1e10::float8)) v(e);
SELECT holdout_agg(1, 0, 0, p) FROM (VALUES (1.5::float8)) v(p);
SELECT holdout_agg(1, 0, 0, p) FROM (VALUES ('NaN'::float8)) v(p);
SELECT holdout_table(holdout_agg(1, 0, 0), -1);
SELECT cf_holdout_trans(NULL, 1, 1, 1);
SELECT 'v1;abs_error=0;squared_error=0;error=0;brier=0'::holdout_state;
SELECT 'v1;abs_error=0;squared_error=0;error=0;brier=0;x=0:1:0:0;bin=4096:1:0'::holdout_state;

DROP FUNCTION ho_same(holdout_state, holdout_state), ho_close(float8, float8), pg_temp.plan_has(text, text);
DROP TABLE ho_orders, ho_profiles, ho_plain, ho_rows, ho_small, ho_pairs, ho_groups, ho_big;
