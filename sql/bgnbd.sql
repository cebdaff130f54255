-- BG/NBD and Gamma-Gamma: states, fits, predictions, parallel = serial, errors.
-- Every figure is checked against a value computed independently: by hand,
-- or by plain SQL over the same rows (FHL 2005 eq. 10 with the plain
-- hypergeometric series, not the Euler-transformed one the C code uses).
-- The CDNOW reproduction is test/scripts/bgnbd_cdnow.sh (test/cdnow/, optional data).
SET extra_float_digits = 0;

CREATE TABLE bg_small (id integer, x integer, t_x double precision, t double precision, mean_value double precision);
INSERT INTO bg_small VALUES
  (1, 2, 30.43, 38.86, 22.35), (2, 1, 1.71, 38.86, 11.77), (3, 0, 0, 38.86, 0), (4, 0, 0, 38.86, 0),
  (5, 0, 0, 38.86, 0), (6, 7, 29.43, 38.86, 73.74), (7, 1, 5.0, 38.86, 11.77), (8, 0, 0, 38.71, 0),
  (9, 2, 30.43, 38.86, 22.35), (10, 29, 35.71, 38.71, 30.0),
  (11, NULL, 3, 10, 5), (12, 1, NULL, 10, 5), (13, 1, 3, NULL, 5);

-- The state: distinct (x, t_x, T) with counts, sorted; rows with a NULL are skipped.
SELECT bgnbd_agg(x, t_x, t) FROM bg_small;
SELECT customer_count(bgnbd_agg(x, t_x, t)) AS customers,
       (SELECT count(*) FROM bg_small WHERE x IS NOT NULL AND t_x IS NOT NULL AND t IS NOT NULL) AS by_hand
FROM bg_small;
-- Empty input: the state is NULL, like sum(); fitting no customers is an error (below).
SELECT bgnbd_agg(x, t_x, t) IS NULL AS empty_state_is_null, gamma_gamma_agg(x, mean_value) IS NULL AS empty_gg_is_null
FROM bg_small WHERE false;

-- Text and binary forms are exact and round-trip; rollup of parts equals the whole.
SELECT s::text::bgnbd_state::text = s::text AS text_round_trip,
       bgnbd_state_send(s::text::bgnbd_state) = bgnbd_state_send(s) AS binary_round_trip
FROM (SELECT bgnbd_agg(x, t_x, t) s FROM bg_small) q;
SELECT rollup(s)::text = (SELECT bgnbd_agg(x, t_x, t)::text FROM bg_small) AS rollup_equals_direct
FROM (SELECT bgnbd_agg(x, t_x, t) s FROM bg_small GROUP BY id % 3) q;
SELECT '1;2;0,0,10,3;4,2.5,10,1'::bgnbd_state, customer_count('1;2;0,0,10,3;4,2.5,10,1'::bgnbd_state);
SELECT '1;0'::bgnbd_state AS empty_state, customer_count('1;0'::bgnbd_state);
SELECT gamma_gamma_agg(x, mean_value) FROM bg_small;
SELECT s::text::gamma_gamma_state::text = s::text AS gg_text_round_trip,
       gamma_gamma_state_send(s::text::gamma_gamma_state) = gamma_gamma_state_send(s) AS gg_binary_round_trip,
       customer_count(s) AS repeat_customers
FROM (SELECT gamma_gamma_agg(x, mean_value) s FROM bg_small) q;

-- Predictions with the published CDNOW model.
CREATE TABLE bg_model AS
  SELECT ROW(0.243, 4.414, 0.793, 2.426, NULL, NULL, NULL)::bgnbd_model AS m,
         ROW(6.25, 3.74, 15.44, NULL, NULL, NULL)::gamma_gamma_model AS g;

-- FHL eq. (10) in plain SQL: the hypergeometric series summed term by term (test/regress/bgnbd_reference.sql).
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/bgnbd_reference.sql

-- P(alive) by hand: 1 / (1 + a / (b + x - 1) * ((alpha + T) / (alpha + t_x))^(r + x)), 1 when x = 0.
SELECT id, x, t_x, t,
       round(bgnbd_p_alive(m, x, t_x, t)::numeric, 6) AS p_alive,
       round((CASE WHEN x = 0 THEN 1
                   ELSE 1 / (1 + 0.793 / (2.426 + x - 1) * ((4.414 + t) / (4.414 + t_x)) ^ (0.243 + x)) END)::numeric, 6) AS by_hand,
       round(bgnbd_expected_purchases(m, 39, x, t_x, t)::numeric, 6) AS expected_39,
       round(bg_hand_expected(0.243, 4.414, 0.793, 2.426, x, t_x, t, 39)::numeric, 6) AS series_39
FROM bg_small, bg_model WHERE x IS NOT NULL AND t_x IS NOT NULL AND t IS NOT NULL ORDER BY id;
SELECT bool_and(abs(bgnbd_expected_purchases(m, h, x, t_x, t) - bg_hand_expected(0.243, 4.414, 0.793, 2.426, x, t_x, t, h)) < 1e-10)
         AS expected_matches_series,
       bool_and(abs(bgnbd_p_alive(m, x, t_x, t) - CASE WHEN x = 0 THEN 1
                   ELSE 1 / (1 + 0.793 / (2.426 + x - 1) * ((4.414 + t) / (4.414 + t_x)) ^ (0.243 + x)) END) < 1e-14)
         AS p_alive_matches,
       count(*) AS cases
FROM bg_small, bg_model, (VALUES (0.5), (1), (10), (39), (52), (200)) h(h)
WHERE x IS NOT NULL AND t_x IS NOT NULL AND t IS NOT NULL;
-- A new customer (FHL eq. 9) is the case x = 0, T = 0; checked against the series.
SELECT h, round(bgnbd_expected_purchases_new(m, h)::numeric, 6) AS new_customer,
       round(bg_hand_expected(0.243, 4.414, 0.793, 2.426, 0, 0, 0, h)::numeric, 6) AS series
FROM bg_model, (VALUES (1), (39), (78), (520)) h(h);
-- Horizon 0: nothing; a = 1 (a removable singularity of eq. 10) is continuous.
SELECT bgnbd_expected_purchases(m, 0, 2, 30.43, 38.86) AS horizon_0 FROM bg_model;
SELECT round(bgnbd_expected_purchases(ROW(0.5, 3, 1, 2, NULL, NULL, NULL)::bgnbd_model, 20, 3, 10, 30)::numeric, 8) AS at_a_1,
       round(bgnbd_expected_purchases(ROW(0.5, 3, 1.000001, 2, NULL, NULL, NULL)::bgnbd_model, 20, 3, 10, 30)::numeric, 5) AS near_a_1,
       round(bg_hand_expected(0.5, 3, 1.000001, 2, 3, 10, 30, 20)::numeric, 5) AS series_near_a_1;

-- Scoring many customers in one query goes through per-call-site caches (the model read
-- once, E[purchases | alive] memoised per (x, T) in a table with rows for up to 256
-- distinct T and x < 32 and a second table otherwise, P(alive) shared between the two
-- functions).  600 customers with 300 distinct T, x up to 63, t_x = T for some: with a
-- constant model and horizon, then with the model and the horizon changing row by row.
CREATE TABLE bg_many AS
  SELECT i, x, CASE WHEN x = 0 THEN 0 ELSE t * (i % 10 + 1) / 10 END AS t_x, t
  FROM (SELECT i, (i * 7) % 70 AS x, 5 + (i % 300) * 0.25::float8 AS t FROM generate_series(1, 600) i) g;
CREATE TABLE bg_models (k integer, r float8, alpha float8, a float8, b float8, m bgnbd_model);
INSERT INTO bg_models VALUES (0, 0.243, 4.414, 0.793, 2.426, NULL), (1, 1.5, 12.0, 0.4, 6.0, NULL);
UPDATE bg_models SET m = ROW(r, alpha, a, b, NULL, NULL, NULL)::bgnbd_model;
SELECT count(*) AS customers, count(DISTINCT t) AS distinct_t, max(x) AS max_x,
       count(*) FILTER (WHERE x > 0 AND t_x = t) AS bought_at_t,
       bool_and(abs(bgnbd_p_alive(m, x, t_x, t) - CASE WHEN x = 0 THEN 1
                   ELSE 1 / (1 + 0.793 / (2.426 + x - 1) * ((4.414 + t) / (4.414 + t_x)) ^ (0.243 + x)) END)
                < 1e-12 * bgnbd_p_alive(m, x, t_x, t)) AS p_alive_matches,
       bool_and(abs(bgnbd_expected_purchases(m, 39, x, t_x, t) - bg_hand_expected(0.243, 4.414, 0.793, 2.426, x, t_x, t, 39))
                < 1e-10) AS expected_matches_series
FROM bg_many, (SELECT ROW(0.243, 4.414, 0.793, 2.426, NULL, NULL, NULL)::bgnbd_model AS m) q;
SELECT count(*) AS cases, count(DISTINCT (k, h)) AS model_horizon_pairs,
       bool_and(abs(bgnbd_p_alive(m, x, t_x, t) - CASE WHEN x = 0 THEN 1
                   ELSE 1 / (1 + a / (b + x - 1) * ((alpha + t) / (alpha + t_x)) ^ (r + x)) END)
                < 1e-12 * bgnbd_p_alive(m, x, t_x, t)) AS p_alive_matches,
       bool_and(abs(bgnbd_expected_purchases(m, h, x, t_x, t) - bg_hand_expected(r, alpha, a, b, x, t_x, t, h))
                < 1e-10) AS expected_matches_series
FROM (SELECT *, CASE WHEN i % 3 = 0 THEN 10 ELSE 39 END AS h FROM bg_many) c
JOIN bg_models ON k = c.i % 2;

-- Gamma-Gamma expected mean: (p gamma + p x m) / (p x + q - 1); x = 0 gives the population mean p gamma / (q - 1).
SELECT id, x, mean_value, round(gamma_gamma_expected_mean(g, x, mean_value)::numeric, 6) AS expected_mean,
       round(((6.25 * 15.44 + 6.25 * x * mean_value) / (6.25 * x + 3.74 - 1))::numeric, 6) AS by_hand
FROM bg_small, bg_model WHERE x IS NOT NULL ORDER BY id;
SELECT gamma_gamma_expected_mean(g, 0, NULL) = gamma_gamma_expected_mean(g, 0, 0) AS zero_x_ignores_mean
FROM bg_model;

-- Fits: a deterministic simulated cohort of 20,000 customers (model r=0.5, alpha=6, a=0.7, b=3).
CREATE TABLE bg_sim AS
  SELECT i AS id, (s).x, (s).t_x, t, 10 + (i % 17) * 1.5::float8 AS mean_value
  FROM (SELECT i, t, bgnbd_simulate(ROW(0.5, 6, 0.7, 3, NULL, NULL, NULL)::bgnbd_model, t, i) AS s
        FROM (SELECT i, (273 - (i * 7919) % 91) / 7.0::float8 AS t FROM generate_series(1, 20000) i) g) q;
SELECT count(*) AS customers, sum(x) AS purchases, bool_and(t_x <= t) AS t_x_within_t,
       bool_and((x = 0) = (t_x = 0)) AS t_x_zero_iff_no_repeat
FROM bg_sim;
SELECT round((m).r::numeric, 3) AS r, round((m).alpha::numeric, 3) AS alpha, round((m).a::numeric, 3) AS a,
       round((m).b::numeric, 3) AS b, round((m).log_likelihood::numeric, 2) AS ll, (m).n, (m).converged
FROM (SELECT bgnbd_fit(x, t_x, t) m FROM bg_sim) q;
-- The same fit from a stored state, and the log-likelihood at the fitted parameters by plain SQL.
CREATE TABLE bg_fit AS SELECT bgnbd_fit(x, t_x, t) AS m FROM bg_sim;
SELECT bgnbd_fit(s)::text = (SELECT m::text FROM bg_fit) AS state_fit_equals_aggregate
FROM (SELECT bgnbd_agg(x, t_x, t) s FROM bg_sim) q;
CREATE FUNCTION bg_lgamma_ratio(s float8, n integer) RETURNS float8 LANGUAGE sql IMMUTABLE AS
  $$ SELECT coalesce(sum(ln(s + j)), 0) FROM generate_series(0, n - 1) j $$;
SELECT abs((m).log_likelihood - ll) < 1e-6 * abs(ll) AS ll_matches_plain_sql
FROM bg_fit, (
  SELECT sum(
           bg_lgamma_ratio((m).r, x) + (m).r * ln((m).alpha)
           + bg_lgamma_ratio((m).b, x) - bg_lgamma_ratio((m).a + (m).b, x)
           + ln(((m).alpha + t) ^ (-((m).r + x))
                + CASE WHEN x > 0 THEN (m).a / ((m).b + x - 1) * ((m).alpha + t_x) ^ (-((m).r + x)) ELSE 0 END)) AS ll
  FROM bg_sim, bg_fit) q;
SELECT round((m).p::numeric, 3) AS p, round((m).q::numeric, 3) AS q, round((m).gamma::numeric, 3) AS gamma, (m).n,
       (SELECT count(*) FROM bg_sim WHERE x > 0) AS repeat_customers, (m).converged
FROM (SELECT gamma_gamma_fit(x, mean_value) m FROM bg_sim) q;

-- Parallel = serial: forced parallel plans give the same state text and the same fit.
CREATE TABLE bg_serial AS
  SELECT (SELECT bgnbd_agg(x, t_x, t)::text FROM bg_sim) AS bg,
         (SELECT gamma_gamma_agg(x, mean_value)::text FROM bg_sim) AS gg,
         (SELECT bgnbd_fit(x, t_x, t)::text FROM bg_sim) AS fit;
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/parallel.sql
SELECT pg_temp.plan_has('SELECT bgnbd_fit(x, t_x, t) FROM bg_sim', 'Partial Aggregate') AS fit_plan_is_parallel,
       pg_temp.plan_has('SELECT gamma_gamma_agg(x, mean_value) FROM bg_sim', 'Partial Aggregate') AS gg_plan_is_parallel;
SELECT (SELECT bgnbd_agg(x, t_x, t)::text FROM bg_sim) = bg AS bg_state_parallel_equals_serial,
       (SELECT gamma_gamma_agg(x, mean_value)::text FROM bg_sim) = gg AS gg_state_parallel_equals_serial,
       (SELECT bgnbd_fit(x, t_x, t)::text FROM bg_sim) = fit AS fit_parallel_equals_serial
FROM bg_serial;
SELECT bool_and(p.s = s.s) AS grouped_parallel_equals_serial, count(*) AS groups
FROM (SELECT id % 5 AS g, bgnbd_agg(x, t_x, t)::text AS s FROM bg_sim GROUP BY 1) p
JOIN (SELECT g, (SELECT bgnbd_agg(x, t_x, t)::text FROM bg_sim WHERE id % 5 = g) AS s FROM generate_series(0, 4) g) s USING (g);
\i :abs_srcdir/test/regress/parallel_reset.sql

-- A fit that cannot converge (nobody seems to drop out) says so.
\set VERBOSITY terse
SELECT (m).converged FROM (SELECT bgnbd_fit(x, t_x, t) m FROM (VALUES (1, 10.0, 10.0), (2, 10.0, 10.0), (0, 0, 10.0), (3, 10.0, 10.0)) v(x, t_x, t)) q;
SELECT (m).converged FROM (SELECT gamma_gamma_fit(x, m) m FROM (VALUES (1, 5.0), (2, 5.0), (3, 5.0)) v(x, m)) q;
\set VERBOSITY default

-- Errors: class 22, naming the value.  First ones in full, then SQLSTATE and message.
SELECT bgnbd_fit(x, t_x, t) FROM (VALUES (1, 11.0, 10.0)) v(x, t_x, t);
SELECT bgnbd_fit(x, t_x, t) FROM bg_small WHERE false;
SELECT '1;1;0,0,nan,1'::bgnbd_state;
CREATE FUNCTION bg_error(query text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE query;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
SELECT bg_error(q) FROM (VALUES
  ($q$SELECT bgnbd_fit(x, t_x, t) FROM (VALUES (-1, 0.0, 10.0)) v(x, t_x, t)$q$),
  ($q$SELECT bgnbd_fit(x, t_x, t) FROM (VALUES (1, 0.0, 10.0)) v(x, t_x, t)$q$),
  ($q$SELECT bgnbd_fit(x, t_x, t) FROM (VALUES (0, 2.0, 10.0)) v(x, t_x, t)$q$),
  ($q$SELECT bgnbd_fit(x, t_x, t) FROM (VALUES (1, 2.0, -10.0)) v(x, t_x, t)$q$),
  ($q$SELECT bgnbd_fit(x, t_x, t) FROM (VALUES (1, 2.0, 'NaN'::float8)) v(x, t_x, t)$q$),
  ($q$SELECT bgnbd_fit(x, t_x, t) FROM (VALUES (1, 2.0, 'Infinity'::float8)) v(x, t_x, t)$q$),
  ($q$SELECT bgnbd_fit(x, t_x, t) FROM (VALUES (0, 0.0, 10.0), (0, 0.0, 3.0)) v(x, t_x, t)$q$),
  ($q$SELECT gamma_gamma_fit(x, m) FROM (VALUES (0, 5.0)) v(x, m)$q$),
  ($q$SELECT gamma_gamma_fit(x, m) FROM (VALUES (2, 0.0)) v(x, m)$q$),
  ($q$SELECT gamma_gamma_fit(x, m) FROM (VALUES (-2, 3.0)) v(x, m)$q$),
  ($q$SELECT bgnbd_p_alive(ROW(-1, 1, 1, 1, NULL, NULL, NULL)::bgnbd_model, 1, 1, 2)$q$),
  ($q$SELECT bgnbd_p_alive(ROW(NULL, 1, 1, 1, NULL, NULL, NULL)::bgnbd_model, 1, 1, 2)$q$),
  ($q$SELECT bgnbd_p_alive(ROW(1, 1, 'NaN', 1, NULL, NULL, NULL)::bgnbd_model, 1, 1, 2)$q$),
  ($q$SELECT bgnbd_p_alive(m, 1, 3, 2) FROM bg_model$q$),
  ($q$SELECT bgnbd_expected_purchases(m, -1, 1, 1, 2) FROM bg_model$q$),
  ($q$SELECT bgnbd_expected_purchases(m, 'Infinity', 1, 1, 2) FROM bg_model$q$),
  ($q$SELECT bgnbd_expected_purchases(m, 1e15, 1, 1, 2) FROM bg_model$q$),
  ($q$SELECT bgnbd_expected_purchases_new(m, 'NaN') FROM bg_model$q$),
  ($q$SELECT gamma_gamma_expected_mean(ROW(1, 0.5, 1, NULL, NULL, NULL)::gamma_gamma_model, 0, NULL)$q$),
  ($q$SELECT gamma_gamma_expected_mean(g, 2, NULL) FROM bg_model$q$),
  ($q$SELECT gamma_gamma_expected_mean(g, 2, -5) FROM bg_model$q$),
  ($q$SELECT bgnbd_simulate(m, -1, 1) FROM bg_model$q$),
  ($q$SELECT '1;2;0,0,1,1'::bgnbd_state$q$),
  ($q$SELECT '1;2;0,0,2,1;0,0,1,1'::bgnbd_state$q$),
  ($q$SELECT '1;1;1,2,1,1'::bgnbd_state$q$),
  ($q$SELECT '2;0'::bgnbd_state$q$),
  ($q$SELECT ''::bgnbd_state$q$),
  ($q$SELECT '1;999999999;0,0,1,1'::bgnbd_state$q$),
  ($q$SELECT '1;1;1,0,1'::gamma_gamma_state$q$),
  ($q$SELECT '1;1;1,1,0'::gamma_gamma_state$q$),
  ($q$SELECT rollup(s) FROM (VALUES ('1;1;0,0,1,9223372036854775807'::bgnbd_state), ('1;1;0,0,1,1'::bgnbd_state)) v(s)$q$),
  ($q$SELECT cf_bgnbd_trans(NULL, 1, 1, 2)$q$)
) v(q);
