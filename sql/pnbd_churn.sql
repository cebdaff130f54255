-- Pareto/NBD churn windows (issue 17 item 3): pnbd_pmf_new, pnbd_p_no_purchase and the
-- conditional pnbd_pmf, over (x, t_x, T) and over profiles.  Derivation in src/core/pnbd.h;
-- 376 mpmath references (Fader & Hardie 2006's closed form at 150+ digits, checked against
-- quadrature of the definition) in test/unit/mbgnbd_pnbd_reference.csv.
SET extra_float_digits = 0;

-- By hand, r = alpha = s = beta = 1, h = 1 (lifetime density s beta^s (beta+tau)^-(s+1)):
-- P(X(1) = 0) = (1/2)(1/2) alive + int_0^1 (1+tau)^-3 dtau = 1/4 + 3/8 = 5/8;
-- P(X(1) = 1) = (1/4)(1/2) + int_0^1 tau (1+tau)^-4 dtau = 1/8 + 1/12 = 5/24.
-- Customer x = 1, t_x = 1, T = 3: P(alive) = 0.3 (sql/pnbd.sql); given alive the future is a
-- new customer of (r+x, alpha+T, s, beta+T) = (2, 4, 1, 4), so for h = 4
-- P(X = 0 | alive) = (1/2)^2 (1/2) + 64 int_0^4 (4+tau)^-4 dtau = 1/8 + 7/24 = 5/12 and
-- P(no purchase) = 0.7 + 0.3 5/12 = 0.825; P(X = 1 | alive) = 2 (1/2)^3 (1/2)
-- + 2 64 int_0^4 tau (4+tau)^-5 dtau = 1/8 + 11/96 = 23/96, P(1 purchase) = 0.3 23/96 = 0.071875.
SELECT round(pnbd_pmf_new('(1,1,1,1,,,)', 0, 1)::numeric, 14) AS pmf_0,
       round(pnbd_pmf_new('(1,1,1,1,,,)', 1, 1)::numeric, 14) AS pmf_1, round(5 / 24.0, 14) AS five_24ths,
       round(pnbd_p_no_purchase('(1,1,1,1,,,)', 4, 1, 1, 3)::numeric, 14) AS no_purchase,
       round(pnbd_pmf('(1,1,1,1,,,)', 1, 4, 1, 1, 3)::numeric, 14) AS one_purchase,
       round(pnbd_pmf('(1,1,1,1,,,)', 0, 4, 1, 1, 3)::numeric, 14) AS zero_purchases;

-- Against mpmath (FH 2006's closed form, 150+ digits), the CDNOW model (FHL 2005) and another,
-- up to n = 200 and values far below 1; P(no purchase) of young, old and heavy customers.
SELECT n, h, abs(pnbd_pmf_new(m, n, h) / ref - 1) < 1e-12 AS matches_mpmath
FROM (VALUES ('(0.553,10.578,0.606,11.669,,,)'::pnbd_model, 0, 39.0::float8, 0.59362503160238382969::float8),
             ('(0.553,10.578,0.606,11.669,,,)', 1, 39, 0.16556294727717548405),
             ('(0.553,10.578,0.606,11.669,,,)', 3, 39, 0.049039953642814267219),
             ('(0.553,10.578,0.606,11.669,,,)', 10, 520, 0.0088261827490383845543),
             ('(0.553,10.578,0.606,11.669,,,)', 200, 39, 1.4700366179620633357e-23),
             ('(0.8,12,1.3,3,,,)', 50, 39, 6.6271520203083464183e-9),
             ('(0.8,12,1.3,3,,,)', 50, 520, 0.000024473246940085805543),
             ('(0.8,12,1.3,3,,,)', 200, 1, 3.1292713878376481739e-224)) v(m, n, h, ref);
SELECT x, t, h, abs(pnbd_p_no_purchase('(0.553,10.578,0.606,11.669,,,)', h, x, t_x, t) / ref - 1) < 1e-12 AS matches_mpmath
FROM (VALUES (0, 0.0, 38.86, 1.0, 0.99676720315510939863),
             (1, 1.71, 38.86, 1, 0.99488587079997445138),
             (2, 30.43, 38.86, 39, 0.40806272360646375998),
             (132, 70.0, 78.0, 1, 0.99942281070610008185),
             (150, 77.5, 78.0, 1, 0.19082742376892211681),
             (200, 10.0, 78.0, 520, 1.0)) v(x, t_x, t, h, ref);

-- The new customer's distribution sums to 1 and its mean is pnbd_expected_purchases_new (another
-- formula), also for a long horizon whose mass reaches n in the thousands.
SELECT h, abs(sum(v) - 1) < 1e-13 AS sums_to_1,
       abs(sum(n * v) / pnbd_expected_purchases_new(m, h) - 1) < 1e-12 AS mean_is_expected_new
FROM (VALUES ('(0.553,10.578,0.606,11.669,,,)'::pnbd_model)) ms(m),
     (VALUES (1.0::float8), (39.0), (520.0)) hs(h),
     generate_series(0, 4000) n, LATERAL (SELECT pnbd_pmf_new(m, n, h) AS v) q
GROUP BY m, h ORDER BY h;

-- The conditional PMF for customers young and old, short and long horizons: it sums to 1, its
-- mean is pnbd_expected_purchases, n = 0 is pnbd_p_no_purchase bit for bit, x = t_x = T = 0
-- (alive for sure) is pnbd_pmf_new, and each value is (1 - P(alive)) [n = 0] + P(alive)
-- pnbd_pmf_new with the posterior's parameters in SQL.
SELECT x, t, h,
       abs(sum(v) - 1) < 1e-12 AS sums_to_1,
       abs(sum(n * v) / pnbd_expected_purchases(m, h, x, t_x, t) - 1) < 1e-10 AS mean_is_expected,
       bool_or(n = 0 AND v = pnbd_p_no_purchase(m, h, x, t_x, t)) AS n0_is_p_no_purchase,
       bool_and(CASE WHEN t > 0 OR v < 1e-200 THEN true ELSE abs(v - pnbd_pmf_new(m, n, h)) <= 1e-15 * v END)
         AS new_customer_is_pmf_new,
       bool_and(CASE WHEN v < 1e-200 THEN true  -- (float8 arithmetic would underflow: an error in SQL)
                ELSE abs(v - ((n = 0)::int * (1 - pa) + pa * pnbd_pmf_new(ROW((m).r + x, (m).alpha + t, (m).s, (m).beta + t,
                                                                              NULL, NULL, NULL)::pnbd_model, n, h)))
                     <= 1e-13 * v END) AS equals_posterior_in_sql
FROM (VALUES ('(0.553,10.578,0.606,11.669,,,)'::pnbd_model)) ms(m),
     (VALUES (0, 0.0, 0.0), (0, 0.0, 38.86), (1, 1.71, 38.86), (29, 35.71, 38.71), (60, 70.0, 78.0)) c(x, t_x, t),
     (VALUES (1.0::float8), (39.0), (78.0)) hs(h),
     generate_series(0, 1500) n,
     LATERAL (SELECT pnbd_pmf(m, n, h, x, t_x, t) AS v, pnbd_p_alive(m, x, t_x, t) AS pa) q
GROUP BY x, t_x, t, h, m ORDER BY x, t, h;

-- Against the model itself: pnbd_simulate continues the same purchase path for the same seed, so
-- simulating each of 20,000 customers (ages 20 to 78 weeks) to T + 52 gives their purchases in
-- (T, T + 52].  The mean predicted P(n) is the observed share within 4 standard errors for
-- n = 0..4 and >= 5, while two wrong formulas are not: scoring the window with the prior
-- (pnbd_pmf_new of the model itself, no update by the history; off in every bin but n = 1),
-- and, for n = 0, forgetting deaths inside the window ((1 - P(alive)) + P(alive)
-- ((alpha+T)/(alpha+T+h))^(r+x), the BG/NBD's form).
CREATE TABLE pn_churn_sim AS
SELECT i AS id, (s).x, (s).t_x, t, (pnbd_simulate(m, t + 52, i)).x - (s).x AS later
FROM (SELECT i, t, m, pnbd_simulate(m, t, i) s
      FROM (VALUES ('(0.553,10.578,0.606,11.669,,,)'::pnbd_model)) ms(m),
           (SELECT i, 20 + (i % 59)::float8 AS t FROM generate_series(1, 20000) i) g) q;
SELECT bool_and(later >= 0) AS paths_continue, count(*) AS customers FROM pn_churn_sim;
WITH per AS (
    SELECT c.id, c.later, n, pnbd_pmf(m, n, 52, c.x, c.t_x, c.t) AS pmf,
           (n = 0)::int * (1 - pa) + pa * pnbd_pmf_new(m, n, 52) AS prior,
           CASE WHEN n = 0 THEN (1 - pa) + pa * ((m).alpha + c.t) ^ ((m).r + c.x) / ((m).alpha + c.t + 52) ^ ((m).r + c.x) END AS no_death
    FROM pn_churn_sim c, (VALUES ('(0.553,10.578,0.606,11.669,,,)'::pnbd_model)) ms(m), generate_series(0, 4) n,
         LATERAL (SELECT pnbd_p_alive(m, c.x, c.t_x, c.t) AS pa) a
), bins AS (
    SELECT n AS bin, avg((later = n)::int) AS observed, avg(pmf) AS pmf, avg(prior) AS prior,
           avg(no_death) AS no_death, count(*) AS customers
    FROM per GROUP BY n
    UNION ALL
    SELECT 5, avg((later >= 5)::int), 1 - avg(s_pmf), 1 - avg(s_prior), NULL, count(*)
    FROM (SELECT id, later, sum(pmf) AS s_pmf, sum(prior) AS s_prior FROM per GROUP BY id, later) q
)
SELECT bin, round(observed::numeric, 3) AS observed, round(pmf::numeric, 3) AS predicted,
       abs(observed - pmf) < 4 * sqrt(pmf * (1 - pmf) / customers) AS within_4_se,
       abs(observed - prior) > 4 * sqrt(prior * (1 - prior) / customers) AS prior_is_off,
       CASE WHEN bin = 0 THEN abs(observed - no_death) > 4 * sqrt(no_death * (1 - no_death) / customers) END
         AS no_death_is_off
FROM bins ORDER BY bin;
SELECT abs(avg(pnbd_p_no_purchase(m, 52, x, t_x, t)) - avg((later = 0)::int))
         < 4 * stddev((later = 0)::int) / sqrt(count(*)) AS p_no_purchase_matches_simulation
FROM pn_churn_sim, (VALUES ('(0.553,10.578,0.606,11.669,,,)'::pnbd_model)) ms(m);

-- The memo of a call site (src/pnbd.c: P(n | alive) per (x, T, n, horizon) of one model, 65,536
-- slots): the 20,000 customers scored with n = 0, 1, 2 and horizons 13 and 26 by turns, under two
-- models in blocks of 5,000 rows (A, B, A, B: a value memoised under A must not serve B, nor one
-- of horizon 13 horizon 26), each equal to the composition through pnbd_pmf_new in SQL.
SELECT count(*) AS scored,
       bool_and(CASE WHEN v < 1e-200 THEN true
                ELSE abs(v - ((n = 0)::int * (1 - pa) + pa * pnbd_pmf_new(ROW((m).r + x, (m).alpha + t, (m).s, (m).beta + t,
                                                                              NULL, NULL, NULL)::pnbd_model, n, h)))
                     <= 1e-13 * v END) AS memo_equals_composition
FROM (SELECT id, x, t_x, t, id % 3 AS n, 13.0 * (1 + id % 2) AS h,
             CASE WHEN (id - 1) / 5000 % 2 = 0 THEN '(0.553,10.578,0.606,11.669,,,)'::pnbd_model
                  ELSE '(0.8,12,1.3,3,,,)'::pnbd_model END AS m
      FROM pn_churn_sim) c,
     LATERAL (SELECT pnbd_pmf(m, n, h, x, t_x, t) AS v, pnbd_p_alive(m, x, t_x, t) AS pa) q;

-- Parallel = serial (forced parallel plan; each worker has its own memo).
CREATE TABLE pn_churn_serial AS
SELECT sum(pnbd_p_no_purchase('(0.553,10.578,0.606,11.669,,,)', 26, x, t_x, t)) AS a,
       sum(pnbd_pmf('(0.553,10.578,0.606,11.669,,,)', 2, 26, x, t_x, t)) AS b FROM pn_churn_sim;
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/parallel.sql
SELECT pg_temp.plan_has($$SELECT sum(pnbd_p_no_purchase('(0.553,10.578,0.606,11.669,,,)', 26, x, t_x, t)) FROM pn_churn_sim$$,
                        'Partial') AS plan_is_parallel;
SELECT abs(p.a - s.a) <= 1e-12 * s.a AS p_no_purchase_parallel_equals_serial,
       abs(p.b - s.b) <= 1e-12 * s.b AS pmf_parallel_equals_serial
FROM (SELECT sum(pnbd_p_no_purchase('(0.553,10.578,0.606,11.669,,,)', 26, x, t_x, t)) AS a,
             sum(pnbd_pmf('(0.553,10.578,0.606,11.669,,,)', 2, 26, x, t_x, t)) AS b FROM pn_churn_sim) p,
     pn_churn_serial s;
\i :abs_srcdir/test/regress/parallel_reset.sql

-- Profile forms equal the scalar forms over model_summary's columns, bit for bit (weeks and days).
CREATE TABLE pn_churn_orders AS
SELECT c, timestamptz '2024-01-01 00:00+00' + make_interval(days => (c * 37 + k * k * 11) % 300) AS at
FROM generate_series(1, 400) c, generate_series(0, (c % 6)) k;
CREATE TABLE pn_churn_profiles AS SELECT c, customer_profile(at, 1.00, 'UTC') AS p FROM pn_churn_orders GROUP BY c;
SELECT bool_and(pnbd_p_no_purchase(m, 10, p, timestamptz '2025-01-01 00:00+00', 7)
                = pnbd_p_no_purchase(m, 10, s.x, s.t_x, s.t)
            AND pnbd_pmf(m, 2, 10, p, timestamptz '2025-01-01 00:00+00', 7) = pnbd_pmf(m, 2, 10, s.x, s.t_x, s.t)
            AND pnbd_pmf(m, 0, 10, p, timestamptz '2025-01-01 00:00+00', 7) = pnbd_pmf(m, 0, 10, s.x, s.t_x, s.t))
         AS weeks_equal_scalar,
       count(*) AS customers
FROM pn_churn_profiles, (VALUES ('(0.553,10.578,0.606,11.669,,,)'::pnbd_model)) ms(m),
     model_summary(p, timestamptz '2025-01-01 00:00+00', 7) s;
SELECT bool_and(pnbd_p_no_purchase(m, 30, p, timestamptz '2025-01-01 00:00+00')
                = pnbd_p_no_purchase(m, 30, s.x, s.t_x, s.t)
            AND pnbd_pmf(m, 1, 30, p, timestamptz '2025-01-01 00:00+00') = pnbd_pmf(m, 1, 30, s.x, s.t_x, s.t))
         AS days_equal_scalar
FROM pn_churn_profiles, (VALUES ('(0.08,1.5,0.606,80,,,)'::pnbd_model)) ms(m),
     model_summary(p, timestamptz '2025-01-01 00:00+00') s;

-- Errors name the value: a negative horizon or count, an as_of before the last order.
SELECT pnbd_p_no_purchase('(0.553,10.578,0.606,11.669,,,)', -1, 1, 5, 5);
SELECT pnbd_pmf_new('(0.553,10.578,0.606,11.669,,,)', -2, 39);
SELECT pnbd_pmf('(0.553,10.578,0.606,11.669,,,)', 1, 'NaN', 1, 5, 5);
SELECT pnbd_p_no_purchase('(0.553,10.578,0.606,11.669,,,)', 10, p, timestamptz '2024-01-02 00:00+00')
FROM pn_churn_profiles WHERE c = 1;

-- A model of another family is a parse-time error (distinct types, 42883).
SELECT pnbd_pmf_new('(0.243,4.414,0.793,2.426,,,)'::bgnbd_model, 1, 39);
SELECT pnbd_p_no_purchase('(0.525,6.183,0.891,1.614,,,)'::mbgnbd_model, 39, 1, 5, 10);

DROP TABLE pn_churn_sim, pn_churn_serial, pn_churn_orders, pn_churn_profiles;
