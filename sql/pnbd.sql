-- Pareto/NBD: fits over rows, states and profiles, predictions, parallel = serial,
-- wrong-family models, degenerate data, large x.  Every figure is checked against a
-- value computed independently: by hand, by plain SQL over the same rows (alpha = beta,
-- where FH's 2F1 is 1), or by mpmath at 50 digits from FH's two-case 2F1 form
-- (test/scripts/mbgnbd_pnbd_reference.py; more in test/unit/mbgnbd_pnbd_reference.csv).
-- CDNOW: test/scripts/bgnbd_cdnow.sh.
SET extra_float_digits = 0;

-- By hand, r = s = alpha = beta = 1, x = 1, t_x = 1, T = 3: with alpha = beta,
-- G(y) = (alpha+y)^-(r+s+x) / (r+s+x), so s (G(1) - G(3)) = 1/24 - 1/192 = 7/192 and
-- (alpha+T)^-(r+x) (beta+T)^-s = 1/64 = 3/192: P(alive) = 3 / (3 + 7) = 0.3.
-- New customer, r = alpha = beta = 1, s = 2, h = 1: r beta / (alpha (s-1)) (1 - (beta/(beta+h))^(s-1)) = 0.5;
-- s = 1: r beta / alpha ln(1 + h/beta) = ln 2.  Existing customer x = 1, t_x = 1, T = 3, h = 4:
-- (r+x)(beta+T)/((alpha+T)(s-1)) (1 - ((beta+T)/(beta+T+h))^(s-1)) P(alive) = 2 * 0.5 * P(alive) (s = 2),
-- where P(alive) = (1/256) / (1/256 + 2 (2^-4 - 4^-4)/4) = 2/17 = 0.117647058823529.
SELECT round(pnbd_p_alive('(1,1,1,1,,,)', 1, 1, 3)::numeric, 15) AS p_alive,
       pnbd_expected_purchases_new('(1,1,2,1,,,)', 1) AS new_s2,
       round(pnbd_expected_purchases_new('(1,1,1,1,,,)', 1)::numeric, 15) = round(ln(2)::numeric, 15) AS new_s1_is_ln2,
       round(pnbd_p_alive('(1,1,2,1,,,)', 1, 1, 3)::numeric, 15) AS p_alive_s2,
       round(pnbd_expected_purchases('(1,1,2,1,,,)', 4, 1, 1, 3)::numeric, 15)
         = round((2 * 0.5 * pnbd_p_alive('(1,1,2,1,,,)', 1, 1, 3))::numeric, 15) AS expected_s2;

-- 3,000 customers simulated from the CDNOW model (FHL 2005), observed 20 to 78 weeks.
CREATE TABLE pn_sim AS
SELECT i AS id, (s).x, (s).t_x, t
FROM (SELECT i, t, pnbd_simulate('(0.553,10.578,0.606,11.669,,,)', t, i) s
      FROM (SELECT i, 20 + (i % 59)::float8 AS t FROM generate_series(1, 3000) i) g) q;
SELECT count(*) AS customers, count(*) FILTER (WHERE x = 0) AS one_time, max(x) AS max_x,
       bool_and(t_x <= t AND (x = 0) = (t_x = 0)) AS valid FROM pn_sim;

-- alpha = beta: P(alive) = 1 / (1 + s/(r+s+x) [((alpha+T)/(alpha+t_x))^(r+s+x) - 1]) in plain SQL,
-- and expected purchases from it by the formula above.
SELECT bool_and(abs(pnbd_p_alive('(0.55,10.5,0.6,10.5,,,)', x, t_x, t)
                    - 1 / (1 + 0.6 / (1.15 + x) * (((10.5 + t) / (10.5 + t_x)) ^ (1.15 + x) - 1))) < 1e-13) AS p_alive_matches,
       bool_and(abs(pnbd_expected_purchases('(0.55,10.5,0.6,10.5,,,)', 39, x, t_x, t)
                    - (0.55 + x) / (0.6 - 1) * (1 - ((10.5 + t) / (10.5 + t + 39)) ^ (0.6 - 1))
                      / (1 + 0.6 / (1.15 + x) * (((10.5 + t) / (10.5 + t_x)) ^ (1.15 + x) - 1)))
                < 1e-12 * (1 + pnbd_expected_purchases('(0.55,10.5,0.6,10.5,,,)', 39, x, t_x, t))) AS expected_matches,
       count(*) AS cases
FROM pn_sim;

-- The memo of a call site (src/pnbd.c: ln G per key (x, y) of one model, 65,536 slots,
-- direct-mapped): 100,000 customers reading the keys counted below (most met more than once;
-- tens of thousands of keys in 65,536 slots share thousands of slots, so values are evicted
-- and recomputed), scored under two alpha = beta models taken in blocks of 10,000 rows
-- (A, B, A, ...: a value memoised under A must not serve B); every value equals the
-- plain-SQL form above.
WITH c AS (
  SELECT x, CASE WHEN x = 0 THEN 0 ELSE least(t, (1 + i % 389) / 7.0::float8) END AS t_x, t,
         CASE WHEN (i / 10000) % 2 = 0 THEN '(0.55,10.5,0.6,10.5,,,)'::pnbd_model
              ELSE '(1.3,4.0,2.5,4.0,,,)'::pnbd_model END AS m
  FROM (SELECT i, i % 50 AS x, (1 + i % 997) / 7.0::float8 AS t FROM generate_series(1, 100000) i) g)
SELECT (SELECT count(*) FROM (SELECT x, t FROM c UNION SELECT x, t_x FROM c) k) AS keys,
       bool_and(abs(p - 1 / (1 + s / (r + s + x) * (((al + t) / (al + t_x)) ^ (r + s + x) - 1))) < 1e-12) AS p_alive_matches,
       bool_and(abs(e - (r + x) / (s - 1) * (1 - ((al + t) / (al + t + 39)) ^ (s - 1))
                        / (1 + s / (r + s + x) * (((al + t) / (al + t_x)) ^ (r + s + x) - 1))) < 1e-12 * (1 + e)) AS expected_matches,
       count(*) AS customers, count(DISTINCT r) AS models
FROM (SELECT x, t_x, t, (m).r, (m).s, (m).alpha AS al,
             pnbd_p_alive(m, x, t_x, t) AS p, pnbd_expected_purchases(m, 39, x, t_x, t) AS e
      FROM c) q;

-- mpmath at 50 digits (FH's two-case 2F1 form), the published CDNOW model and others; large x, long T.
SELECT fn, x, t_x, t, h, abs(v / ref - 1) < 1e-10 AS matches
FROM (VALUES
  ('p_alive', '(0.553,10.578,0.606,11.669,,,)'::pnbd_model, 0, 0.0, 38.86, 0.0, 0.29528660461689415751),
  ('p_alive', '(0.553,10.578,0.606,11.669,,,)', 2, 30.43, 38.86, 0, 0.869167559153011199),
  ('p_alive', '(0.553,10.578,0.606,11.669,,,)', 132, 70.0, 78.0, 0, 0.00074744433866773846247),
  ('p_alive', '(0.553,10.578,0.606,11.669,,,)', 150, 77.5, 78.0, 0, 0.99467086586133105982),
  ('p_alive', '(0.553,10.578,0.606,11.669,,,)', 200, 1999.0, 2000.0, 0, 0.99968319013890888585),
  ('expected', '(0.553,10.578,0.606,11.669,,,)', 132, 70.0, 78.0, 39, 0.038922096069386117937),
  ('expected', '(0.553,10.578,0.606,11.669,,,)', 200, 1999.0, 2000.0, 39, 3.8663651464235794933),
  ('p_alive', '(0.8,12.0,1.3,3.0,,,)', 1, 1.71, 38.86, 0, 0.0088998526275304866549),
  ('p_alive', '(0.8,12.0,1.3,3.0,,,)', 20, 70.0, 78.0, 0, 0.68802787625801710946),
  ('p_alive', '(2.0,300.0,0.3,0.4,,,)', 132, 70.0, 78.0, 0, 0.83713544377169398955),
  ('p_alive', '(2.0,300.0,0.3,0.4,,,)', 200, 10.0, 78.0, 0, 5.7508013764574622267e-17)
) AS r(fn, m, x, t_x, t, h, ref),
LATERAL (SELECT CASE fn WHEN 'p_alive' THEN pnbd_p_alive(m, x, t_x, t)
                        ELSE pnbd_expected_purchases(m, h, x, t_x, t) END AS v) v;
-- Large x: P(alive) finite in [0, 1] and expected purchases smooth in x (CLVTools' and lifetimes' x = 132..200).
SELECT bool_and(p BETWEEN 0 AND 1) AS p_alive_in_0_1, bool_and(e >= 0 AND e < 'Infinity') AS expected_finite,
       max(abs(ratio - prev_ratio) / prev_ratio) < 0.05 AS smooth_in_x
FROM (SELECT x, p, e, ratio, lag(ratio) OVER (ORDER BY x) AS prev_ratio
      FROM (SELECT x, p, e, e / lag(e) OVER (ORDER BY x) AS ratio
            FROM (SELECT x, pnbd_p_alive(m, x, 70, 78) p, pnbd_expected_purchases(m, 39, x, 70, 78) e
                  FROM generate_series(100, 260) x, (SELECT '(0.553,10.578,0.606,11.669,,,)'::pnbd_model m) mm) a) b) c;

-- The fit over rows equals the fit of the state and of the rollup of parts; parameters near the truth.
SELECT (m).n, (m).converged, round((m).r::numeric, 2) AS r, round((m).alpha::numeric, 1) AS alpha,
       round((m).s::numeric, 2) AS s, round((m).beta::numeric, 1) AS beta
FROM (SELECT pnbd_fit(x, t_x, t) m FROM pn_sim) q;
SELECT (SELECT pnbd_fit(x, t_x, t)::text FROM pn_sim) = pnbd_fit(bgnbd_agg(x, t_x, t))::text AS rows_equal_state,
       (SELECT pnbd_fit(rollup(s))::text FROM (SELECT bgnbd_agg(x, t_x, t) s FROM pn_sim GROUP BY id % 7) p)
         = pnbd_fit(bgnbd_agg(x, t_x, t))::text AS rollup_equals_state
FROM pn_sim;
-- (The fit's log_likelihood equals the sum of the per-customer ln L, which is checked against
-- mpmath, in test/unit/test_pnbd.c.)
-- These 400 profiles drive the fit to the r, alpha -> infinity boundary (the Poisson limit):
-- the fit stops once alpha passes e^40 (~30 evaluations; 2F1 arguments near 1: the incomplete-beta form).
-- Profiles: pnbd_fit(profile, as_of, unit_days) = the fit of model_summary's rows.
CREATE TABLE pn_orders AS
SELECT c, timestamptz '2024-01-01 00:00+00' + make_interval(days => (c * 37 + k * k * 11) % 300) AS at
FROM generate_series(1, 400) c, generate_series(0, (c % 6)) k;
CREATE TABLE pn_profiles AS SELECT c, customer_profile(at, 1.00, 'UTC') AS p FROM pn_orders GROUP BY c;
SET client_min_messages = error;
SELECT (SELECT pnbd_fit(p, timestamptz '2025-01-01 00:00+00', 7)::text FROM pn_profiles)
         = (SELECT pnbd_fit(s.x, s.t_x, s.t)::text
            FROM pn_profiles, model_summary(p, timestamptz '2025-01-01 00:00+00', 7) s) AS profile_weeks_equal_rows,
       (SELECT pnbd_fit(p, timestamptz '2025-01-01 00:00+00')::text FROM pn_profiles)
         = (SELECT pnbd_fit(s.x, s.t_x, s.t)::text
            FROM pn_profiles, model_summary(p, timestamptz '2025-01-01 00:00+00') s) AS profile_days_equal_rows;
RESET client_min_messages;
-- The profile forms equal the scalar forms over model_summary's columns, bit for bit (weeks and
-- days; the CDNOW model and one with alpha < beta, the other branch of the 2F1), and their
-- errors are model_summary's.
SELECT bool_and(pnbd_p_alive(m, p, timestamptz '2025-01-01 00:00+00', 7) = pnbd_p_alive(m, s.x, s.t_x, s.t)
            AND pnbd_expected_purchases(m, 10, p, timestamptz '2025-01-01 00:00+00', 7)
                = pnbd_expected_purchases(m, 10, s.x, s.t_x, s.t)) AS weeks_equal_scalar,
       count(*) AS customers, count(DISTINCT m) AS models
FROM pn_profiles, model_summary(p, timestamptz '2025-01-01 00:00+00', 7) s,
     (VALUES ('(0.553,10.578,0.606,11.669,,,)'::pnbd_model), ('(0.8,2.0,1.3,30.0,,,)')) v(m);
SELECT bool_and(pnbd_p_alive(m, p, timestamptz '2025-01-01 00:00+00') = pnbd_p_alive(m, s.x, s.t_x, s.t)
            AND pnbd_expected_purchases(m, 30, p, timestamptz '2025-01-01 00:00+00')
                = pnbd_expected_purchases(m, 30, s.x, s.t_x, s.t)) AS days_equal_scalar
FROM pn_profiles, model_summary(p, timestamptz '2025-01-01 00:00+00') s,
     (VALUES ('(0.553,10.578,0.606,11.669,,,)'::pnbd_model), ('(0.8,2.0,1.3,30.0,,,)')) v(m);
SELECT pnbd_p_alive('(0.553,10.578,0.606,11.669,,,)', p, timestamptz '2024-01-02 00:00+00') FROM pn_profiles WHERE c = 1;
SELECT pnbd_expected_purchases('(0.553,10.578,0.606,11.669,,,)', 10, p, timestamptz '2025-01-01 00:00+00', 0) FROM pn_profiles WHERE c = 1;

-- Parallel = serial (forced parallel plan).
CREATE TABLE pn_serial AS SELECT (SELECT pnbd_fit(x, t_x, t)::text FROM pn_sim) AS fit;
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/parallel.sql
EXPLAIN (COSTS OFF) SELECT pnbd_fit(x, t_x, t) FROM pn_sim;
SELECT (SELECT pnbd_fit(x, t_x, t)::text FROM pn_sim) = fit AS fit_parallel_equals_serial FROM pn_serial;
-- and hash-grouped (parallel too): one fit per group equals the fit of that group alone
SET enable_sort = off;
SELECT pg_temp.plan_has('SELECT id % 2, pnbd_fit(x, t_x, t) FROM pn_sim GROUP BY id % 2', 'HashAggregate') AS hash_plan;
SELECT bool_and(f = (SELECT pnbd_fit(x, t_x, t)::text FROM pn_sim s2 WHERE s2.id % 2 = g)) AS hash_grouped_equals_alone
FROM (SELECT id % 2 AS g, pnbd_fit(x, t_x, t)::text AS f FROM pn_sim GROUP BY id % 2) q;
RESET enable_sort;
\i :abs_srcdir/test/regress/parallel_reset.sql

-- Degenerate data: only one-time buyers is an error; one customer gives a finite model,
-- converged = false with a WARNING naming the boundary.
SELECT pnbd_fit(x, t_x, t) FROM (VALUES (0, 0.0, 10.0), (0, 0.0, 20.0)) v(x, t_x, t);
SELECT pnbd_fit(x, t_x, t) FROM pn_sim WHERE false;
\set VERBOSITY terse
SELECT (m).converged, (m).n, (m).r::text <> 'NaN' AND (m).alpha::text <> 'NaN' AND (m).s::text <> 'NaN'
         AND (m).beta::text <> 'NaN' AND (m).log_likelihood::text <> 'NaN' AS no_nan
FROM (SELECT pnbd_fit(x, t_x, t) m FROM (VALUES (3, 10.0, 30.0)) v(x, t_x, t)) q;
\set VERBOSITY default

-- P(alive) through a customer's history: each row equals pnbd_p_alive of model_summary of the
-- profile built from the orders up to that day (plain SQL), on the first purchase day, every
-- 30 days and on as_of.
SELECT c, count(*) AS points,
       min(day) = (SELECT min(at AT TIME ZONE 'UTC')::date FROM pn_orders o WHERE o.c = q.c) AS starts_on_first_day,
       max(day) = date '2025-01-01' AS ends_on_as_of,
       bool_and(p_alive = (SELECT pnbd_p_alive(m, (ms).x, (ms).t_x, (ms).t)
                           FROM (SELECT model_summary(customer_profile(o.at, 1.00, 'UTC'), (day + time '23:59') AT TIME ZONE 'UTC', 7) AS ms
                                 FROM pn_orders o WHERE o.c = q.c AND o.at < (day + 1) AT TIME ZONE 'UTC') h)) AS equals_history
FROM (SELECT c, m, (pnbd_p_alive_path(m, p, timestamptz '2025-01-01 00:00+00', '30 days', 7)).*
      FROM (SELECT '(0.553,10.578,0.606,11.669,,,)'::pnbd_model AS m) mm, pn_profiles WHERE c IN (3, 5, 12, 40)) q
GROUP BY c ORDER BY c;
SELECT count(*) FROM pn_profiles, pnbd_p_alive_path('(0.553,10.578,0.606,11.669,,,)', p, '2025-01-01', '12 hours') WHERE c = 3;

-- A model of another family is a parse-time error (distinct types, 42883).
SELECT pnbd_p_alive('(0.525,6.183,0.891,1.614,,,)'::mbgnbd_model, 1, 5, 10);
SELECT pnbd_expected_purchases_new('(0.243,4.414,0.793,2.426,,,)'::bgnbd_model, 39);

DROP TABLE pn_sim, pn_orders, pn_profiles, pn_serial;
