-- BG/NBD churn windows (issue 17 item 3) and the profile forms in C (item 8):
-- bgnbd_p_no_purchase, bgnbd_pmf_new, bgnbd_pmf, bgnbd_p_alive_path, and the profile
-- forms of bgnbd_p_alive / bgnbd_expected_purchases.  Every value is checked
-- against plain SQL over the published formulas or against the scalar form
-- over model_summary's columns (the values of test/unit/model_reference.csv,
-- mpmath at 50 and 80 digits, are checked by test/unit/test_model_accuracy.c).
SET client_min_messages = warning;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET extra_float_digits = 0;

-- The published CDNOW model (FHL 2005, weeks).
CREATE TABLE churn_model AS
  SELECT ROW(0.243, 4.414, 0.793, 2.426, NULL, NULL, NULL)::bgnbd_model AS m;

-- P(no purchase in the next h weeks) = (1 - P(alive)) + P(alive) ((alpha+T)/(alpha+T+h))^(r+x),
-- with P(alive) by hand (1 when x = 0).
SELECT x, t_x, t, h,
       round(bgnbd_p_no_purchase(m, h, x, t_x, t)::numeric, 12) AS p_no_purchase,
       round(((1 - pa) + pa * ((4.414 + t) / (4.414 + t + h)) ^ (0.243 + x))::numeric, 12) AS by_hand
FROM churn_model,
     (VALUES (0, 0.0, 38.86), (1, 1.71, 38.86), (2, 30.43, 38.86), (7, 29.43, 38.86), (29, 35.71, 38.71)) c(x, t_x, t),
     (VALUES (0.0), (4.0), (52.0)) hs(h),
     LATERAL (SELECT CASE WHEN x = 0 THEN 1
                          ELSE 1 / (1 + 0.793 / (2.426 + x - 1) * ((4.414 + t) / (4.414 + t_x)) ^ (0.243 + x)) END AS pa) p
ORDER BY x, h;

-- P(X(h) = n) of a new customer: FHL 2005 eq. 8 in plain SQL for n <= 6, with
-- Gamma(r + n) / (Gamma(r) n!) as a product and 1 - sum_{j<n} NB(j) summed directly.
-- B(a, b+n)/B(a, b) = prod_{i<n} (b+i)/(a+b+i) and B(a+1, b+n-1)/B(a, b) = a/(b+n-1) B(a, b+n)/B(a, b).
WITH RECURSIVE nb(j, coef, b1) AS (
    SELECT 0, 1::float8, 1::float8
    UNION ALL
    SELECT j + 1, coef * (0.243 + j) / (j + 1), b1 * (2.426 + j) / (0.793 + 2.426 + j) FROM nb WHERE j < 6
), term AS (
    SELECT h, j, coef * (4.414 / (4.414 + h)) ^ 0.243 * (h / (4.414 + h)) ^ j AS p, b1
    FROM nb, (VALUES (4.0::float8), (39.0), (78.0)) hs(h)
)
SELECT t.h, t.j AS n,
       round(bgnbd_pmf_new(m, t.j, t.h)::numeric, 12) AS pmf_new,
       round((t.b1 * t.p + CASE WHEN t.j = 0 THEN 0
                                ELSE 0.793 / (2.426 + t.j - 1) * t.b1
                                     * (1 - (SELECT sum(l.p) FROM term l WHERE l.h = t.h AND l.j < t.j)) END)::numeric, 12) AS by_hand
FROM churn_model, term t
ORDER BY t.h, t.j;

-- The distribution sums to 1 and its mean is E[X(h)] (eq. 9, computed another way),
-- summed up to n = 5000 (the terms beyond are below 1e-30 for these horizons).
SELECT h,
       abs(sum(bgnbd_pmf_new(m, n, h)) - 1) < 1e-12 AS sums_to_1,
       abs(sum(n * bgnbd_pmf_new(m, n, h)) / bgnbd_expected_purchases_new(m, h) - 1) < 1e-10 AS mean_is_expected_new
FROM churn_model, (VALUES (0.5), (39.0), (78.0), (200.0)) hs(h), generate_series(0, 5000) n
GROUP BY h, m ORDER BY h;

-- Far out (P around 1e-140 at n = 3000): positive and falling with n (no 1 - sum cancellation;
-- a double underflows to 0 only where the value is below 1e-308).
SELECT n, bgnbd_pmf_new(m, n, 39) > 0 AS positive, bgnbd_pmf_new(m, n, 39) < bgnbd_pmf_new(m, n - 1, 39) AS falling
FROM churn_model, (VALUES (100), (1000), (3000)) v(n) ORDER BY n;

-- The conditional PMF of an existing customer, P(n purchases in (T, T+h] | x, t_x, T)
-- (derivation in src/core/bgnbd.h; mpmath references in test/unit/test_bgnbd.c):
-- [n = 0] (1 - P(alive)) + P(alive) eq. 8 with (r + x, alpha + T, a, b + x), in plain SQL
-- as above, P(alive) by hand, for n <= 6.
WITH RECURSIVE c(x, t_x, t) AS (VALUES (2, 30.43, 38.86), (7, 29.43, 38.86)),
nb(x, t_x, t, j, coef, b1) AS (
    SELECT x, t_x, t, 0, 1::float8, 1::float8 FROM c
    UNION ALL
    SELECT x, t_x, t, j + 1, coef * (0.243 + x + j) / (j + 1), b1 * (2.426 + x + j) / (0.793 + 2.426 + x + j)
    FROM nb WHERE j < 6
), term AS (
    SELECT x, t_x, t, h, j, b1,
           coef * ((4.414 + t) / (4.414 + t + h)) ^ (0.243 + x) * (h / (4.414 + t + h)) ^ j AS p,
           1 / (1 + 0.793 / (2.426 + x - 1) * ((4.414 + t) / (4.414 + t_x)) ^ (0.243 + x)) AS pa
    FROM nb, (VALUES (4.0::float8), (39.0)) hs(h)
)
SELECT u.x, u.h, u.j AS n,
       round(bgnbd_pmf(m, u.j, u.h, u.x, u.t_x, u.t)::numeric, 12) AS pmf,
       round(((u.j = 0)::int * (1 - u.pa)
              + u.pa * (u.b1 * u.p + CASE WHEN u.j = 0 THEN 0
                                          ELSE 0.793 / (2.426 + u.x + u.j - 1) * u.b1
                                               * (1 - (SELECT sum(l.p) FROM term l
                                                       WHERE l.x = u.x AND l.h = u.h AND l.j < u.j)) END))::numeric, 12) AS by_hand
FROM churn_model, term u
ORDER BY u.x, u.h, u.j;

-- For customers young and old, short and long horizons: it sums to 1, its mean is
-- bgnbd_expected_purchases (FHL eq. 10, another route), n = 0 is bgnbd_p_no_purchase bit for bit,
-- and x = t_x = T = 0 (just after the first purchase) is bgnbd_pmf_new.
SELECT x, t, h,
       abs(sum(v) - 1) < 1e-12 AS sums_to_1,
       abs(sum(n * v) / bgnbd_expected_purchases(m, h, x, t_x, t) - 1) < 1e-10 AS mean_is_expected,
       bool_or(n = 0 AND v = bgnbd_p_no_purchase(m, h, x, t_x, t)) AS n0_is_p_no_purchase,
       bool_and(CASE WHEN t > 0 OR v < 1e-200 THEN true ELSE abs(v - bgnbd_pmf_new(m, n, h)) <= 1e-14 * v END) AS new_customer_is_pmf_new
FROM churn_model,
     (VALUES (0, 0.0, 0.0), (0, 0.0, 38.86), (1, 1.71, 38.86), (29, 35.71, 38.71), (60, 70.0, 78.0)) c(x, t_x, t),
     (VALUES (1.0), (39.0), (78.0)) hs(h),
     generate_series(0, 3000) n,
     LATERAL (SELECT bgnbd_pmf(m, n, h, x, t_x, t) AS v) q
GROUP BY x, t_x, t, h, m ORDER BY x, t, h;

-- Against the model itself: bgnbd_simulate continues the same purchase path for the same seed,
-- so simulating each of 20,000 customers (ages 20 to 78 weeks) to T + 39 gives their purchases
-- in (T, T + 39].  The mean predicted P(n) is the observed share
-- within 4 standard errors for n = 0..4 and >= 5; the formula without the update of p's law
-- (Beta(a, b) instead of Beta(a, b + x)) is not, so the comparison can fail.
CREATE TABLE churn_sim AS
SELECT i AS id, (s).x, (s).t_x, t, (bgnbd_simulate(m, t + 39, i)).x - (s).x AS later
FROM (SELECT i, t, m, bgnbd_simulate(m, t, i) s
      FROM churn_model, (SELECT i, 20 + (i % 59)::float8 AS t FROM generate_series(1, 20000) i) g) q;
WITH per AS (
    SELECT c.id, c.later, n, bgnbd_pmf(m, n, 39, c.x, c.t_x, c.t) AS pmf,
           (n = 0)::int * (1 - bgnbd_p_alive(m, c.x, c.t_x, c.t))
             + bgnbd_p_alive(m, c.x, c.t_x, c.t)
               * bgnbd_pmf_new(ROW((m).r + c.x, (m).alpha + c.t, (m).a, (m).b, NULL, NULL, NULL)::bgnbd_model, n, 39) AS no_update
    FROM churn_sim c, churn_model, generate_series(0, 4) n
), bins AS (
    SELECT n AS bin, avg((later = n)::int) AS observed, avg(pmf) AS pmf, avg(no_update) AS wrong, count(*) AS customers
    FROM per GROUP BY n
    UNION ALL
    SELECT 5, avg((later >= 5)::int), 1 - avg(s_pmf), 1 - avg(s_wrong), count(*)
    FROM (SELECT id, later, sum(pmf) AS s_pmf, sum(no_update) AS s_wrong FROM per GROUP BY id, later) q
)
SELECT CASE WHEN bin = 5 THEN '>= 5' ELSE bin::text END AS n, customers,
       round(observed::numeric, 3) AS observed, round(pmf::numeric, 3) AS predicted,
       abs(observed - pmf) < 4 * sqrt(pmf * (1 - pmf) / customers) AS within_4_se,
       abs(observed - wrong) < 4 * sqrt(wrong * (1 - wrong) / customers) AS no_update_within_4_se
FROM bins ORDER BY bin;

-- The same customers, whose (x, T) repeat with other t_x (bgnbd_pmf memoises P(n | alive) per
-- (x, T, n) at each call site): every value equals the composition through bgnbd_pmf_new.
SELECT count(*) AS values, count(DISTINCT (x, t)) AS distinct_x_t,
       bool_and(abs(v - ((n = 0)::int * (1 - pa) + pa * bgnbd_pmf_new(ROW(0.243 + x, 4.414 + t, 0.793, 2.426 + x,
                                                                   NULL, NULL, NULL)::bgnbd_model, n, 39)))
                <= 1e-13 * v) AS equals_composition
FROM churn_sim, churn_model, generate_series(0, 4) n,
     LATERAL (SELECT bgnbd_pmf(m, n, 39, x, t_x, t) AS v, bgnbd_p_alive(m, x, t_x, t) AS pa) q;

-- Profiles: customers of a small shop; the profile forms equal the scalar forms over
-- model_summary's columns bit for bit.
CREATE TABLE churn_orders (customer_id integer, ordered_at timestamptz, amount numeric);
INSERT INTO churn_orders
SELECT c, timestamptz '2024-01-01 10:00' + ((c * 7 + k * k * 13 + k * 29) % 400) * interval '1 day', 10 + k
FROM generate_series(1, 40) c, generate_series(1, 1 + c % 6) k;
CREATE TABLE churn_profiles AS
SELECT customer_id, customer_profile(ordered_at, amount, 'UTC') AS p FROM churn_orders GROUP BY customer_id;

SELECT count(*) AS customers,
       count(*) FILTER (WHERE bgnbd_p_alive(m, p, '2025-03-01', 7) = bgnbd_p_alive(m, (s).x, (s).t_x, (s).t)) AS p_alive_same,
       count(*) FILTER (WHERE bgnbd_expected_purchases(m, 10, p, '2025-03-01', 7)
                              = bgnbd_expected_purchases(m, 10, (s).x, (s).t_x, (s).t)) AS expected_same,
       count(*) FILTER (WHERE bgnbd_p_no_purchase(m, 10, p, '2025-03-01', 7)
                              = bgnbd_p_no_purchase(m, 10, (s).x, (s).t_x, (s).t)) AS no_purchase_same,
       count(*) FILTER (WHERE bgnbd_pmf(m, 2, 10, p, '2025-03-01', 7)
                              = bgnbd_pmf(m, 2, 10, (s).x, (s).t_x, (s).t)
                          AND bgnbd_pmf(m, 0, 30, p, '2025-03-01')
                              = bgnbd_pmf(m, 0, 30, (d).x, (d).t_x, (d).t)) AS pmf_same,
       count(*) FILTER (WHERE bgnbd_p_alive(m, p, '2025-03-01') = bgnbd_p_alive(m, (d).x, (d).t_x, (d).t)) AS days_default_same
FROM churn_model, (SELECT p, model_summary(p, '2025-03-01', 7) AS s, model_summary(p, '2025-03-01') AS d FROM churn_profiles) q;

-- P(alive) through a customer's history: each row equals P(alive) of the profile built from
-- the orders up to that day (plain SQL), on the first purchase day, every 30 days and on as_of.
SELECT customer_id,
       count(*) AS points,
       min(day) = (SELECT min(ordered_at)::date FROM churn_orders o WHERE o.customer_id = q.customer_id) AS starts_on_first_day,
       max(day) = date '2025-03-01' AS ends_on_as_of,
       bool_and(p_alive = (SELECT bgnbd_p_alive(m, customer_profile(o.ordered_at, o.amount, 'UTC'), day + time '23:59', 7)
                           FROM churn_orders o WHERE o.customer_id = q.customer_id AND o.ordered_at < day + 1)) AS equals_history
FROM (SELECT customer_id, m, (bgnbd_p_alive_path(m, p, '2025-03-01', '30 days', 7)).*
      FROM churn_model, churn_profiles WHERE customer_id IN (3, 5, 12, 40)) q
GROUP BY customer_id ORDER BY customer_id;

-- Parallel plans give the serial sums.
CREATE TABLE churn_serial AS
SELECT sum(bgnbd_p_alive(m, p, '2025-03-01', 7)) AS a, sum(bgnbd_p_no_purchase(m, 4, p, '2025-03-01', 7)) AS b,
       sum(bgnbd_expected_purchases(m, 4, p, '2025-03-01', 7)) AS c, sum(bgnbd_pmf(m, 1, 4, p, '2025-03-01', 7)) AS d
FROM churn_model, churn_profiles;
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/parallel.sql
SET :force_parallel = on;
SELECT abs(par.a - s.a) <= 1e-12 * s.a AND abs(par.b - s.b) <= 1e-12 * s.b AND abs(par.c - s.c) <= 1e-12 * s.c
       AND abs(par.d - s.d) <= 1e-12 * s.d AS parallel_equals_serial
FROM (SELECT sum(bgnbd_p_alive(m, p, '2025-03-01', 7)) AS a, sum(bgnbd_p_no_purchase(m, 4, p, '2025-03-01', 7)) AS b,
             sum(bgnbd_expected_purchases(m, 4, p, '2025-03-01', 7)) AS c, sum(bgnbd_pmf(m, 1, 4, p, '2025-03-01', 7)) AS d
      FROM churn_model, churn_profiles) par, churn_serial s;
\i :abs_srcdir/test/regress/parallel_reset.sql

DROP TABLE churn_model, churn_orders, churn_profiles, churn_serial, churn_sim;
