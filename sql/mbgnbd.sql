-- MBG/NBD: fits over rows, states and profiles, predictions, parallel = serial,
-- wrong-family models, degenerate data.  Every figure is checked against a value
-- computed independently: by hand, or by plain SQL over the same rows (the
-- published closed forms with the plain hypergeometric series of
-- test/regress/bgnbd_reference.sql).  CDNOW: test/scripts/bgnbd_cdnow.sh.
SET extra_float_digits = 0;

-- P(alive) by hand: 1 / (1 + a / (b + x) ((alpha + T) / (alpha + t_x))^(r + x)).
-- r = 1, alpha = 1, a = 1, b = 2: x = 1, t_x = T: 1 / (1 + 1/3) = 0.75; x = 0, T = 0: b / (a + b) = 2/3;
-- x = 0, T = 1: 1 / (1 + 1/2 * 2) = 0.5 (a one-time buyer is not certainly alive).
SELECT mbgnbd_p_alive('(1,1,1,2,,,)', 1, 5, 5) AS x1_t_x_eq_t,
       round(mbgnbd_p_alive('(1,1,1,2,,,)', 0, 0, 0)::numeric, 15) AS x0_t0,
       mbgnbd_p_alive('(1,1,1,2,,,)', 0, 0, 1) AS x0_t1;

-- 3,000 customers simulated from the CDNOW model (BTYDplus), observed 20 to 78 weeks.
CREATE TABLE mbg_sim AS
SELECT i AS id, (s).x, (s).t_x, t
FROM (SELECT i, t, mbgnbd_simulate('(0.525,6.183,0.891,1.614,,,)', t, i) s
      FROM (SELECT i, 20 + (i % 59)::float8 AS t FROM generate_series(1, 3000) i) g) q;
SELECT count(*) AS customers, count(*) FILTER (WHERE x = 0) AS one_time, max(x) AS max_x,
       bool_and(t_x <= t AND (x = 0) = (t_x = 0)) AS valid FROM mbg_sim;

-- Predictions against plain SQL: P(alive) by the formula, expected purchases as the
-- BTYDplus form (a+b+x)/(a-1) [1 - ((alpha+T)/(alpha+T+h))^(r+x) 2F1(r+x, b+x+1; a+b+x; z)]
-- P(alive): FHL eq. 10 with b + 1 given alive, which bg_hand_expected sums term by term (it returns
-- that times its own P(alive) denominator, undone below).
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/bgnbd_reference.sql
CREATE TABLE mbg_model AS SELECT '(0.525,6.183,0.891,1.614,,,)'::mbgnbd_model AS m;
CREATE FUNCTION mbg_hand_p_alive(x integer, t_x float8, t float8) RETURNS float8 LANGUAGE sql IMMUTABLE AS
  $$ SELECT 1 / (1 + 0.891 / (1.614 + x) * ((6.183 + t) / (6.183 + t_x)) ^ (0.525 + x)) $$;
SELECT bool_and(abs(mbgnbd_p_alive(m, x, t_x, t) - mbg_hand_p_alive(x, t_x, t)) < 1e-14) AS p_alive_matches,
       bool_and(mbgnbd_p_alive(m, x, t_x, t) < 1) FILTER (WHERE x = 0) AS one_time_below_1,
       count(*) AS cases
FROM mbg_sim, mbg_model;
SELECT bool_and(abs(mbgnbd_expected_purchases(m, h, x, t_x, t)
                    - bg_hand_expected(0.525, 6.183, 0.891, 2.614, x, t_x, t, h)
                      * (1 + CASE WHEN x > 0 THEN 0.891 / (2.614 + x - 1) * ((6.183 + t) / (6.183 + t_x)) ^ (0.525 + x) ELSE 0 END)
                      * mbg_hand_p_alive(x, t_x, t))
                < 1e-10 * greatest(1, mbgnbd_expected_purchases(m, h, x, t_x, t))) AS expected_matches_series,
       count(*) AS cases
FROM (SELECT * FROM mbg_sim WHERE id % 50 = 0) c, mbg_model, (VALUES (1.0), (39.0), (104.0)) hv(h);
-- New customers: b/(a-1) [1 - (alpha/(alpha+h))^r 2F1(r, b+1; a+b; h/(alpha+h))] = b/(a+b) times the series at x = 0, T = 0.
SELECT h, round(mbgnbd_expected_purchases_new(m, h)::numeric, 10) AS expected_new,
       round((1.614 / (0.891 + 1.614) * bg_hand_expected(0.525, 6.183, 0.891, 2.614, 0, 0, 0, h))::numeric, 10) AS by_series
FROM mbg_model, (VALUES (0.0), (1.0), (39.0), (520.0)) hv(h);

-- The fit over rows equals the fit of the state and of the rollup of parts; parameters near the truth.
SELECT (m).n, (m).converged, round((m).r::numeric, 2) AS r, round((m).alpha::numeric, 1) AS alpha,
       round((m).a::numeric, 2) AS a, round((m).b::numeric, 2) AS b
FROM (SELECT mbgnbd_fit(x, t_x, t) m FROM mbg_sim) q;
SELECT (SELECT mbgnbd_fit(x, t_x, t)::text FROM mbg_sim) = mbgnbd_fit(bgnbd_agg(x, t_x, t))::text AS rows_equal_state,
       (SELECT mbgnbd_fit(rollup(s))::text FROM (SELECT bgnbd_agg(x, t_x, t) s FROM mbg_sim GROUP BY id % 7) p)
         = mbgnbd_fit(bgnbd_agg(x, t_x, t))::text AS rollup_equals_state
FROM mbg_sim;
-- The log-likelihood is the plain-SQL sum of Batislam et al.'s ln L at the fitted parameters:
-- sum_{j<x} ln(r+j) + r ln alpha + sum_{j<=x} ln((b+j)/(a+b+j))
-- + ln((alpha+T)^-(r+x) + a/(b+x) (alpha+t_x)^-(r+x)).
SELECT abs((m).log_likelihood - sum(ll)) < 1e-9 * abs(sum(ll)) AS log_likelihood_matches
FROM (SELECT mbgnbd_fit(x, t_x, t) m FROM mbg_sim) f, mbg_sim c,
     LATERAL (SELECT (SELECT coalesce(sum(ln((f.m).r + j)), 0) FROM generate_series(0, c.x - 1) j)
                     + (f.m).r * ln((f.m).alpha)
                     + (SELECT sum(ln(((f.m).b + j) / ((f.m).a + (f.m).b + j))) FROM generate_series(0, c.x) j)
                     + ln(((f.m).alpha + c.t) ^ (-((f.m).r + c.x))
                          + (f.m).a / ((f.m).b + c.x) * ((f.m).alpha + c.t_x) ^ (-((f.m).r + c.x))) AS ll) l
GROUP BY f.m;

-- Profiles: mbgnbd_fit(profile, as_of, unit_days) = the fit of model_summary's rows (these regular
-- made-up orders do not follow the model: the fit stops at a boundary, WARNINGs not shown).
SET client_min_messages = error;
CREATE TABLE mbg_orders AS
SELECT c, timestamptz '2024-01-01 00:00+00' + make_interval(days => (c * 37 + k * k * 11) % 300) AS at
FROM generate_series(1, 400) c, generate_series(0, (c % 6)) k;
CREATE TABLE mbg_profiles AS SELECT c, customer_profile(at, 1.00, 'UTC') AS p FROM mbg_orders GROUP BY c;
SELECT (SELECT mbgnbd_fit(p, timestamptz '2025-01-01 00:00+00', 7)::text FROM mbg_profiles)
         = (SELECT mbgnbd_fit(s.x, s.t_x, s.t)::text
            FROM mbg_profiles, model_summary(p, timestamptz '2025-01-01 00:00+00', 7) s) AS profile_weeks_equal_rows,
       (SELECT mbgnbd_fit(p, timestamptz '2025-01-01 00:00+00')::text FROM mbg_profiles)
         = (SELECT mbgnbd_fit(s.x, s.t_x, s.t)::text
            FROM mbg_profiles, model_summary(p, timestamptz '2025-01-01 00:00+00') s) AS profile_days_equal_rows;
RESET client_min_messages;

-- Parallel = serial (forced parallel plan).
CREATE TABLE mbg_serial AS SELECT (SELECT mbgnbd_fit(x, t_x, t)::text FROM mbg_sim) AS fit;
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/parallel.sql
EXPLAIN (COSTS OFF) SELECT mbgnbd_fit(x, t_x, t) FROM mbg_sim;
SELECT (SELECT mbgnbd_fit(x, t_x, t)::text FROM mbg_sim) = fit AS fit_parallel_equals_serial FROM mbg_serial;
\i :abs_srcdir/test/regress/parallel_reset.sql

-- Degenerate data: only one-time buyers is an error (the purchase rates are not identified);
-- one customer gives a finite model, converged = false with a WARNING naming the boundary.
SELECT mbgnbd_fit(x, t_x, t) FROM (VALUES (0, 0.0, 10.0), (0, 0.0, 20.0)) v(x, t_x, t);
SELECT mbgnbd_fit(x, t_x, t) FROM mbg_sim WHERE false;
\set VERBOSITY terse
SELECT (m).converged, (m).n, (m).r::text <> 'NaN' AND (m).alpha::text <> 'NaN' AND (m).a::text <> 'NaN'
         AND (m).b::text <> 'NaN' AND (m).log_likelihood::text <> 'NaN' AS no_nan
FROM (SELECT mbgnbd_fit(x, t_x, t) m FROM (VALUES (3, 10.0, 30.0)) v(x, t_x, t)) q;
\set VERBOSITY default

-- Churn windows (issue 17 item 3).  By hand, r = 1, alpha = 1, a = 1, b = 2:
-- P(no purchase in h) = (1 - P(alive)) + P(alive) ((alpha+T)/(alpha+T+h))^(r+x):
-- x = 1, t_x = T = 5, h = 6: 1/4 + 3/4 (6/12)^2 = 0.4375; x = 0, T = 0, h = 1: 1/3 + 2/3 1/2 = 2/3,
-- which is also P(X(1) = 0) of a new customer: a/(a+b) + b/(a+b) (alpha/(alpha+h))^r = 2/3;
-- P(X(1) = 1) = B(a, b+2)/B(a, b) NB(1) + B(a+1, b+1)/B(a, b) P(NB >= 1) = 1/2 1/4 + 1/6 1/2 = 5/24.
SELECT mbgnbd_p_no_purchase('(1,1,1,2,,,)', 6, 1, 5, 5) AS x1_h6,
       round(mbgnbd_p_no_purchase('(1,1,1,2,,,)', 1, 0, 0, 0)::numeric, 15) AS x0_t0_h1,
       round(mbgnbd_pmf_new('(1,1,1,2,,,)', 0, 1)::numeric, 15) AS pmf_0,
       round(mbgnbd_pmf_new('(1,1,1,2,,,)', 1, 1)::numeric, 15) AS pmf_1,
       round((5.0 / 24)::numeric, 15) AS five_24ths;
-- P(X(h) = n) against plain SQL for n = 0..40 (CDNOW model, h = 39 weeks):
-- B(a, b+n+1)/B(a, b) NB(n) + B(a+1, b+n)/B(a, b) (1 - sum_{j<n} NB(j)), the Beta ratios as products
-- prod_{j<=n} (b+j)/(a+b+j) and a/(b+n) times it, NB(n) = prod_{i<n} (r+i)/(i+1) (alpha/(alpha+h))^r z^n.
WITH terms AS (
  SELECT n, exp(coalesce(sum(ln((0.525 + n - 1) / n)) FILTER (WHERE n > 0) OVER w, 0)
                + 0.525 * ln(6.183 / (6.183 + 39)) + n * ln(39 / (6.183 + 39))) AS nb,
         exp(sum(ln((1.614 + n) / (0.891 + 1.614 + n))) OVER w) AS stay
  FROM generate_series(0, 40) n WINDOW w AS (ORDER BY n)),
by_hand AS (
  SELECT n, nb * stay + 0.891 * stay / (1.614 + n) * (1 - (sum(nb) OVER (ORDER BY n) - nb)) AS p FROM terms)
SELECT bool_and(abs(mbgnbd_pmf_new(m, n, 39) - p) <= 1e-11 * p) AS pmf_matches_plain_sql, count(*) AS cases
FROM by_hand, mbg_model;
-- The distribution sums to 1 and its mean is mbgnbd_expected_purchases_new (another formula).
SELECT abs(sum(v) - 1) < 1e-12 AS sums_to_1,
       abs(sum(n * v) - mbgnbd_expected_purchases_new(m, 39)) < 1e-10 AS mean_is_expected_new
FROM mbg_model, LATERAL (SELECT n, mbgnbd_pmf_new(m, n, 39) v FROM generate_series(0, 2000) n) q GROUP BY m;
-- Against the model itself: mbgnbd_simulate continues the same purchase path for the same seed, so
-- simulating each customer to T + 26 tells whether it bought in (T, T + 26].  Over the 3,000
-- customers the mean predicted P(no purchase), P(alive)-weighted expectation and observed shares
-- agree within 4 standard errors of the observed mean.
CREATE TABLE mbg_later AS
SELECT c.id, c.x, c.t_x, c.t, (mbgnbd_simulate(m, c.t + 26, c.id)).x AS x_later FROM mbg_sim c, mbg_model;
SELECT bool_and(x_later >= x) AS paths_continue,
       abs(avg(mbgnbd_p_no_purchase(m, 26, x, t_x, t)) - avg((x_later = x)::int))
         < 4 * stddev((x_later = x)::int) / sqrt(count(*)) AS p_no_purchase_matches_simulation,
       abs(avg(mbgnbd_expected_purchases(m, 26, x, t_x, t)) - avg(x_later - x))
         < 4 * stddev(x_later - x) / sqrt(count(*)) AS expected_matches_simulation
FROM mbg_later, mbg_model;

-- The conditional PMF of an existing customer, P(n purchases in (T, T+h] | x, t_x, T)
-- (derivation in src/core/mbgnbd.h; mpmath references in test/unit/test_mbgnbd.c):
-- [n = 0] (1 - P(alive)) + P(alive) bgnbd_pmf_new(n) with (r + x, alpha + T, a, b + x + 1).  Over
-- customers of mbg_sim and three horizons: that composition, the sum 1, the mean
-- mbgnbd_expected_purchases and n = 0 mbgnbd_p_no_purchase; x = t_x = T = 0 is mbgnbd_pmf_new.
SELECT h, count(DISTINCT id) AS customers,
       bool_and(abs(v - ((n = 0)::int * (1 - pa) + pa * bgnbd_pmf_new(ROW(0.525 + x, 6.183 + t, 0.891, 1.614 + x + 1,
                                                                       NULL, NULL, NULL)::bgnbd_model, n, h)))
                <= 1e-13 * v) AS equals_composition,
       bool_and(n > 0 OR v = mbgnbd_p_no_purchase(m, h, x, t_x, t)) AS n0_is_p_no_purchase
FROM (SELECT * FROM mbg_sim WHERE id % 100 = 0) c, mbg_model, (VALUES (1.0), (39.0), (104.0)) hv(h),
     generate_series(0, 30) n,
     LATERAL (SELECT mbgnbd_pmf(m, n, h, x, t_x, t) AS v, mbgnbd_p_alive(m, x, t_x, t) AS pa) q
WHERE v > 1e-250
GROUP BY h ORDER BY h;
SELECT x, t, h,
       abs(sum(v) - 1) < 1e-12 AS sums_to_1,
       abs(sum(n * v) / mbgnbd_expected_purchases(m, h, x, t_x, t) - 1) < 1e-10 AS mean_is_expected,
       bool_and(CASE WHEN t > 0 OR v < 1e-200 THEN true ELSE abs(v - mbgnbd_pmf_new(m, n, h)) <= 1e-14 * v END) AS new_customer_is_pmf_new
FROM mbg_model,
     (VALUES (0, 0.0, 0.0), (0, 0.0, 38.86), (2, 30.43, 38.86), (60, 70.0, 78.0)) c(x, t_x, t),
     (VALUES (1.0), (39.0), (78.0)) hs(h),
     generate_series(0, 3000) n,
     LATERAL (SELECT mbgnbd_pmf(m, n, h, x, t_x, t) AS v) q
GROUP BY x, t_x, t, h, m ORDER BY x, t, h;
-- Against the simulation continued 39 weeks (as above), 20,000 customers aged 1 to 10 weeks
-- (where the law of p given the history differs most between the models: at x = 0 it is
-- Beta(a, b + 1) here, Beta(a, b) in the BG/NBD).  The mean predicted P(n) is the observed
-- share within 4 standard errors for n = 0..4 and >= 5; the BG/NBD's formula (b + x instead of
-- b + x + 1, with the MBG/NBD's P(alive)) is not, so the comparison can fail.
CREATE TABLE mbg_young AS
SELECT i AS id, (s).x, (s).t_x, t, (mbgnbd_simulate(m, t + 39, i)).x - (s).x AS later
FROM (SELECT i, t, m, mbgnbd_simulate(m, t, i) s
      FROM mbg_model, (SELECT i, 1 + (i % 10)::float8 AS t FROM generate_series(1, 20000) i) g) q;
WITH per AS (
    SELECT c.id, c.later, n, mbgnbd_pmf(m, n, 39, c.x, c.t_x, c.t) AS pmf,
           (n = 0)::int * (1 - mbgnbd_p_alive(m, c.x, c.t_x, c.t))
             + mbgnbd_p_alive(m, c.x, c.t_x, c.t)
               * bgnbd_pmf_new(ROW((m).r + c.x, (m).alpha + c.t, (m).a, (m).b + c.x, NULL, NULL, NULL)::bgnbd_model, n, 39) AS bg_formula
    FROM mbg_young c, mbg_model, generate_series(0, 4) n
), bins AS (
    SELECT n AS bin, avg((later = n)::int) AS observed, avg(pmf) AS pmf, avg(bg_formula) AS wrong, count(*) AS customers
    FROM per GROUP BY n
    UNION ALL
    SELECT 5, avg((later >= 5)::int), 1 - avg(s_pmf), 1 - avg(s_wrong), count(*)
    FROM (SELECT id, later, sum(pmf) AS s_pmf, sum(bg_formula) AS s_wrong FROM per GROUP BY id, later) q
)
SELECT CASE WHEN bin = 5 THEN '>= 5' ELSE bin::text END AS n, customers,
       round(observed::numeric, 3) AS observed, round(pmf::numeric, 3) AS predicted,
       abs(observed - pmf) < 4 * sqrt(pmf * (1 - pmf) / customers) AS within_4_se,
       abs(observed - wrong) < 4 * sqrt(wrong * (1 - wrong) / customers) AS bg_formula_within_4_se
FROM bins ORDER BY bin;
-- A parallel plan (partial sums in the workers) gives the serial sum.
CREATE TABLE mbg_pmf_serial AS
SELECT sum(mbgnbd_pmf('(0.525,6.183,0.891,1.614,,,)', 1, 39, x, t_x, t)) AS s FROM mbg_young;
\i :abs_srcdir/test/regress/parallel.sql
SELECT pg_temp.plan_has($$SELECT sum(mbgnbd_pmf('(0.525,6.183,0.891,1.614,,,)', 1, 39, x, t_x, t)) FROM mbg_young$$,
                        'Partial') AS pmf_plan_is_parallel;
SELECT abs(p.s - s.s) <= 1e-12 * s.s AS pmf_parallel_equals_serial
FROM (SELECT sum(mbgnbd_pmf('(0.525,6.183,0.891,1.614,,,)', 1, 39, x, t_x, t)) AS s FROM mbg_young) p, mbg_pmf_serial s;
\i :abs_srcdir/test/regress/parallel_reset.sql

-- Profile forms equal the scalar forms over model_summary's columns, bit for bit (weeks and days).
SELECT bool_and(mbgnbd_p_alive(m, p, timestamptz '2025-01-01 00:00+00', 7) = mbgnbd_p_alive(m, s.x, s.t_x, s.t)
            AND mbgnbd_expected_purchases(m, 10, p, timestamptz '2025-01-01 00:00+00', 7)
                = mbgnbd_expected_purchases(m, 10, s.x, s.t_x, s.t)
            AND mbgnbd_p_no_purchase(m, 10, p, timestamptz '2025-01-01 00:00+00', 7)
                = mbgnbd_p_no_purchase(m, 10, s.x, s.t_x, s.t)
            AND mbgnbd_pmf(m, 2, 10, p, timestamptz '2025-01-01 00:00+00', 7)
                = mbgnbd_pmf(m, 2, 10, s.x, s.t_x, s.t)) AS weeks_equal_scalar,
       count(*) AS customers
FROM mbg_profiles, mbg_model, model_summary(p, timestamptz '2025-01-01 00:00+00', 7) s;
SELECT bool_and(mbgnbd_p_alive(m, p, timestamptz '2025-01-01 00:00+00') = mbgnbd_p_alive(m, s.x, s.t_x, s.t)
            AND mbgnbd_expected_purchases(m, 30, p, timestamptz '2025-01-01 00:00+00')
                = mbgnbd_expected_purchases(m, 30, s.x, s.t_x, s.t)
            AND mbgnbd_p_no_purchase(m, 30, p, timestamptz '2025-01-01 00:00+00')
                = mbgnbd_p_no_purchase(m, 30, s.x, s.t_x, s.t)
            AND mbgnbd_pmf(m, 0, 30, p, timestamptz '2025-01-01 00:00+00')
                = mbgnbd_pmf(m, 0, 30, s.x, s.t_x, s.t)) AS days_equal_scalar
FROM mbg_profiles, mbg_model, model_summary(p, timestamptz '2025-01-01 00:00+00') s;
-- P(alive) through a customer's history: each row equals P(alive) of the profile built from the
-- orders up to that day (plain SQL), on the first purchase day, every 30 days and on as_of.
SELECT c, count(*) AS points,
       min(day) = (SELECT min(at AT TIME ZONE 'UTC')::date FROM mbg_orders o WHERE o.c = q.c) AS starts_on_first_day,
       max(day) = date '2025-01-01' AS ends_on_as_of,
       bool_and(p_alive = (SELECT mbgnbd_p_alive(m, customer_profile(o.at, 1.00, 'UTC'), (day + time '23:59') AT TIME ZONE 'UTC', 7)
                           FROM mbg_orders o WHERE o.c = q.c AND o.at < (day + 1) AT TIME ZONE 'UTC')) AS equals_history
FROM (SELECT c, m, (mbgnbd_p_alive_path(m, p, timestamptz '2025-01-01 00:00+00', '30 days', 7)).*
      FROM mbg_model, mbg_profiles WHERE c IN (3, 5, 12, 40)) q
GROUP BY c ORDER BY c;
SELECT count(*) FROM mbg_model, mbg_profiles, mbgnbd_p_alive_path(m, p, '2025-01-01', '1 month') WHERE c = 3;
-- Errors name the value: a negative horizon or count, an as_of before the last order.
SELECT mbgnbd_p_no_purchase(m, -1, 1, 5, 5) FROM mbg_model;
SELECT mbgnbd_pmf_new(m, -2, 39) FROM mbg_model;
SELECT mbgnbd_p_alive(m, p, timestamptz '2024-01-02 00:00+00') FROM mbg_profiles, mbg_model WHERE c = 1;

-- A model of another family is a parse-time error (distinct types, 42883).
SELECT mbgnbd_p_alive('(0.243,4.414,0.793,2.426,,,)'::bgnbd_model, 1, 5, 10);
SELECT mbgnbd_expected_purchases('(6.25,3.74,15.44,,,)'::gamma_gamma_model, 39, 1, 5, 10);
SELECT bgnbd_p_alive('(0.525,6.183,0.891,1.614,,,)'::mbgnbd_model, 1, 5, 10);

DROP TABLE mbg_sim, mbg_model, mbg_orders, mbg_profiles, mbg_serial, mbg_later, mbg_young, mbg_pmf_serial;
DROP FUNCTION mbg_hand_p_alive(integer, float8, float8);
