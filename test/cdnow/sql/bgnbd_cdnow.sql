-- The CDNOW reproduction (Fader, Hardie & Lee 2005; Fader & Hardie 2013).
-- The data are public but not in the repository: test/scripts/cdnow.sh runs this
-- file with pg_regress when they are present (../shared/data/cdnow next to the
-- repository root, or $CF_CDNOW_DIR), with CF_CDNOW_DIR set to their folder, and
-- skips it with a message otherwise.
SET extra_float_digits = 0;
-- Raw transactions: master id, sample id (1..2357), day, CDs, dollars; CRLF line ends.
CREATE TABLE cdnow_tx (master_id integer, id integer, day date, cds integer, amount numeric);
\copy cdnow_tx FROM PROGRAM 'd=$CF_CDNOW_DIR; tr -d ''\r'' < "$d/CDNOW_sample.txt" | awk ''{print $1 "," $2 "," $3 "," $4 "," $5}''' WITH (FORMAT csv)
-- The published calibration summary: x, t_x, T in weeks, and the mean repeat value zbar.
CREATE TABLE cdnow_summary (id integer, x integer, t_x double precision, t double precision, zbar numeric);
\copy cdnow_summary FROM PROGRAM 'd=$CF_CDNOW_DIR; cat "$d/cdnow_customers_summary_with_transactions.csv"' WITH (FORMAT csv, HEADER true)
SELECT count(*) AS transactions, count(DISTINCT id) AS customers, min(day), max(day) FROM cdnow_tx;

-- (x, t_x, T) from the raw transactions in plain SQL: same-day purchases are one
-- purchase with their amounts summed; the first day is the birth and not counted;
-- the calibration period ends on 1997-09-30; weeks = days / 7, rounded to 2 decimals.
CREATE TABLE cdnow_days AS SELECT id, day, sum(amount) AS amount FROM cdnow_tx GROUP BY id, day;
CREATE TABLE cdnow_built AS
  SELECT id,
         count(*) FILTER (WHERE day > first_day AND day <= date '1997-09-30')::integer AS x,
         round((max(day) FILTER (WHERE day <= date '1997-09-30') - first_day) / 7.0, 2)::float8 AS t_x,
         round((date '1997-09-30' - first_day) / 7.0, 2)::float8 AS t,
         coalesce(round(avg(amount) FILTER (WHERE day > first_day AND day <= date '1997-09-30'), 2), 0) AS zbar,
         count(*) FILTER (WHERE day > date '1997-09-30') AS x_holdout
  FROM (SELECT d.*, min(day) OVER (PARTITION BY id) AS first_day FROM cdnow_days d) q
  GROUP BY id, first_day;
SELECT count(*) AS customers,
       count(*) FILTER (WHERE b.x = s.x AND b.t_x = s.t_x AND b.t = s.t AND b.zbar = s.zbar) AS rows_equal_published,
       sum(b.x) AS repeat_purchases, count(*) FILTER (WHERE b.x > 0) AS repeat_customers, max(b.x) AS max_x,
       sum(b.x_holdout) AS holdout_purchases
FROM cdnow_built b JOIN cdnow_summary s USING (id);
-- Counting transaction rows instead (x = rows up to the end of calibration - 1), 80 customers get the wrong x.
SELECT count(*) AS wrong_x_without_merging
FROM (SELECT id, count(*) FILTER (WHERE day <= date '1997-09-30') - 1 AS x FROM cdnow_tx GROUP BY id) n
JOIN cdnow_summary s USING (id) WHERE n.x <> s.x;

-- BG/NBD: FHL 2005 report r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4.
CREATE TABLE cdnow_bg AS SELECT bgnbd_fit(x, t_x, t) AS m FROM cdnow_built;
SELECT round((m).r::numeric, 3) AS r, round((m).alpha::numeric, 3) AS alpha, round((m).a::numeric, 3) AS a,
       round((m).b::numeric, 3) AS b, round((m).log_likelihood::numeric, 1) AS ll, (m).n, (m).converged,
       abs((m).r / 0.243 - 1) < 0.005 AND abs((m).alpha / 4.414 - 1) < 0.005 AND abs((m).a / 0.793 - 1) < 0.005
         AND abs((m).b / 2.426 - 1) < 0.005 AND abs((m).log_likelihood / -9582.4 - 1) < 0.005 AS within_half_percent
FROM cdnow_bg;
-- The same from the published summary and from a stored state.
SELECT (SELECT bgnbd_fit(x, t_x, t)::text FROM cdnow_summary) = m::text AS published_summary_same_fit,
       (SELECT bgnbd_fit(bgnbd_agg(x, t_x, t))::text FROM cdnow_summary) = m::text AS state_same_fit
FROM cdnow_bg;

-- MBG/NBD: BTYDplus reports r = 0.525, alpha = 6.183, a = 0.891, b = 1.614 (lifetimes tests the same).
SELECT round((m).r::numeric, 3) AS r, round((m).alpha::numeric, 3) AS alpha, round((m).a::numeric, 3) AS a,
       round((m).b::numeric, 3) AS b, round((m).log_likelihood::numeric, 1) AS ll, (m).n, (m).converged,
       abs((m).r - 0.525) < 0.0005 AND abs((m).alpha - 6.183) < 0.0005 AND abs((m).a - 0.891) < 0.0005
         AND abs((m).b - 1.614) < 0.0005 AS published_to_3_decimals,
       (SELECT mbgnbd_fit(bgnbd_agg(x, t_x, t))::text FROM cdnow_summary) = m::text AS state_same_fit
FROM (SELECT mbgnbd_fit(x, t_x, t) AS m FROM cdnow_built) q;

-- Gamma-Gamma over the 946 repeat customers: FH 2013 report p = 6.25, q = 3.74, gamma = 15.44.
CREATE TABLE cdnow_gg AS SELECT gamma_gamma_fit(x, zbar::float8) AS g FROM cdnow_built;
SELECT round((g).p::numeric, 2) AS p, round((g).q::numeric, 2) AS q, round((g).gamma::numeric, 2) AS gamma, (g).n,
       (g).converged,
       abs((g).p / 6.25 - 1) < 0.005 AND abs((g).q / 3.74 - 1) < 0.005 AND abs((g).gamma / 15.44 - 1) < 0.005 AS within_half_percent
FROM cdnow_gg;

-- Gamma-Gamma on the data as CLVTools prepares it (gg(), remove.first.transaction = TRUE):
-- x = the repeat purchase days of the calibration period, spend = their mean amount, not
-- rounded.  CLVTools' correctness test (tests/testthat/test_correctness_gg.R) expects
-- p = 6.25, q = 3.74, gamma = 15.44 and LL = -4055.9177.  The gradient of this fit cannot
-- get below about 1.3e-7 (sums of large terms that cancel): the scale-aware convergence
-- test accepts it, so the fit is converged and raises no WARNING (issue 14).
SET client_min_messages = warning;
SELECT round((g).p::numeric, 2) AS p, round((g).q::numeric, 2) AS q, round((g).gamma::numeric, 2) AS gamma,
       round((g).log_likelihood::numeric, 4) AS ll, (g).n, (g).converged
FROM (SELECT gamma_gamma_fit(x, spend::float8) AS g
      FROM (SELECT id, count(*)::integer AS x, avg(amount) AS spend
            FROM (SELECT d.*, min(day) OVER (PARTITION BY id) AS first_day FROM cdnow_days d) q
            WHERE day > first_day AND day <= date '1997-09-30' GROUP BY id) c) f;
RESET client_min_messages;

-- Predictions for a few customers, against the paper's formulas in plain SQL
-- (eq. 10 with the plain hypergeometric series; P(alive) as in the FHL note on P(alive)).
-- Customer 1 (x = 2, t_x = 30.43, T = 38.86) is FHL's example: 1.226 purchases in the next 39 weeks.
CREATE FUNCTION cdnow_hand_expected(m bgnbd_model, x integer, t_x float8, t float8, h float8) RETURNS float8
LANGUAGE sql IMMUTABLE AS $$
WITH RECURSIVE s(k, term, total) AS (
  SELECT 0, 1::float8, 1::float8
  UNION ALL
  SELECT k + 1, term * (m.r + x + k) * (m.b + x + k) / ((m.a + m.b + x - 1 + k) * (k + 1)) * (h / (m.alpha + t + h)),
         total + term * (m.r + x + k) * (m.b + x + k) / ((m.a + m.b + x - 1 + k) * (k + 1)) * (h / (m.alpha + t + h))
  FROM s WHERE k < 100000 AND abs(term) > 1e-17 * total)
SELECT (m.a + m.b + x - 1) / (m.a - 1)
       * (1 - ((m.alpha + t) / (m.alpha + t + h)) ^ (m.r + x) * (SELECT total FROM s ORDER BY k DESC LIMIT 1))
       / (1 + CASE WHEN x > 0 THEN m.a / (m.b + x - 1) * ((m.alpha + t) / (m.alpha + t_x)) ^ (m.r + x) ELSE 0 END)
$$;
SELECT id, x, t_x, t,
       round(bgnbd_p_alive(m, x, t_x, t)::numeric, 4) AS p_alive,
       round((CASE WHEN x = 0 THEN 1 ELSE 1 / (1 + (m).a / ((m).b + x - 1) * (((m).alpha + t) / ((m).alpha + t_x)) ^ ((m).r + x)) END)::numeric, 4) AS p_alive_by_hand,
       round(bgnbd_expected_purchases(m, 39, x, t_x, t)::numeric, 4) AS expected_39,
       round(cdnow_hand_expected(m, x, t_x, t, 39)::numeric, 4) AS series_39,
       x_holdout AS actual_39,
       round(gamma_gamma_expected_mean(g, x, zbar::float8)::numeric, 2) AS expected_spend,
       round((((g).p * (g).gamma + (g).p * x * zbar) / ((g).p * x + (g).q - 1))::numeric, 2) AS spend_by_hand
FROM cdnow_built, cdnow_bg, cdnow_gg WHERE id IN (1, 2, 3, 18, 1516) ORDER BY id;
SELECT bool_and(abs(bgnbd_expected_purchases(m, 39, x, t_x, t) - cdnow_hand_expected(m, x, t_x, t, 39)) < 1e-9) AS all_match_series,
       round(sum(bgnbd_expected_purchases(m, 39, x, t_x, t))::numeric, 1) AS expected_holdout_total,
       sum(x_holdout) AS actual_holdout_total  -- information: the model's forecast against what happened
FROM cdnow_built, cdnow_bg;

-- The same summary through customer profiles (issue 3): one profile per customer over
-- the calibration period; model_summary(profile, as_of, 7) gives x, t_x and T in weeks.
SET TimeZone = 'UTC';
CREATE TABLE cdnow_profiles AS
  SELECT id, customer_profile(day::timestamptz, amount) AS p FROM cdnow_tx WHERE day <= date '1997-09-30' GROUP BY id;
SELECT count(*) AS customers,
       count(*) FILTER (WHERE (ms).x = s.x AND round((ms).t_x::numeric, 2) = s.t_x::numeric
                          AND round((ms).t::numeric, 2) = s.t::numeric) AS equal_published
FROM (SELECT id, model_summary(p, '1997-09-30', 7) AS ms FROM cdnow_profiles) q JOIN cdnow_summary s USING (id);
-- Fitting the profiles directly (unrounded weeks) gives the published model too.
SELECT round((m).r::numeric, 3) AS r, round((m).alpha::numeric, 3) AS alpha, round((m).a::numeric, 3) AS a,
       round((m).b::numeric, 3) AS b, round((m).log_likelihood::numeric, 1) AS ll, (m).n, (m).converged
FROM (SELECT bgnbd_fit(p, '1997-09-30', 7) AS m FROM cdnow_profiles) q;
-- In days the rate scale alpha is 7 times larger and the shapes r, a, b are unchanged.
SELECT round((d).r::numeric, 4) = round((w).r::numeric, 4) AS same_r, round(((d).alpha / (w).alpha)::numeric, 4) AS alpha_ratio,
       round((d).a::numeric, 4) = round((w).a::numeric, 4) AS same_a, round((d).b::numeric, 4) = round((w).b::numeric, 4) AS same_b
FROM (SELECT bgnbd_fit(p, '1997-09-30') AS d, bgnbd_fit(p, '1997-09-30', 7) AS w FROM cdnow_profiles) q;
SELECT id, round(bgnbd_p_alive(m, p, '1997-09-30', 7)::numeric, 4) AS p_alive,
       round(bgnbd_expected_purchases(m, 39, p, '1997-09-30', 7)::numeric, 4) AS expected_39
FROM cdnow_profiles, cdnow_bg WHERE id IN (1, 2, 1516) ORDER BY id;
-- Orders -> Gamma-Gamma and CLV with no hand-made summary (issue 17 item 7): the profiles know their
-- first purchase day's revenue, so repeat_mean_value is the published mean repeat transaction value
-- zbar (rounded half-up to cents; 0 in the file for x = 0, NULL here: no repeat purchases) ...
SELECT count(*) AS customers,
       count(*) FILTER (WHERE coalesce(round(repeat_mean_value(p), 2), 0) = s.zbar) AS zbar_equal_published,
       count(*) FILTER (WHERE repeat_mean_value(p) IS NOT NULL) AS repeat_customers,
       count(*) FILTER (WHERE (repeat_mean_value(p) IS NULL) = (s.x = 0)) AS null_exactly_for_x_0
FROM cdnow_profiles JOIN cdnow_summary s USING (id);
-- ... and gamma_gamma_fit over the profiles is CLVTools' fit above (unrounded means of the repeat
-- days; p = 6.25, q = 3.74, gamma = 15.44, LL = -4055.9177), the same model byte for byte.
SET client_min_messages = warning;
SELECT round((g).p::numeric, 2) AS p, round((g).q::numeric, 2) AS q, round((g).gamma::numeric, 2) AS gamma,
       round((g).log_likelihood::numeric, 4) AS ll, (g).n, (g).converged,
       g::text = (SELECT gamma_gamma_fit(x, spend::float8)::text
                  FROM (SELECT id, count(*)::integer AS x, avg(amount) AS spend
                        FROM (SELECT d.*, min(day) OVER (PARTITION BY id) AS first_day FROM cdnow_days d) q
                        WHERE day > first_day AND day <= date '1997-09-30' GROUP BY id) c) AS equals_plain_sql_fit
FROM (SELECT gamma_gamma_fit(p) AS g FROM cdnow_profiles) f;
RESET client_min_messages;
-- CLV over the next 39 weeks at 1 % a week from the profiles equals the row form over the
-- published summary's unrounded equivalent (model_summary + repeat_mean_value), for every customer.
SELECT count(*) AS customers,
       count(*) FILTER (WHERE customer_lifetime_value(m, g, p, '1997-09-30', 7, 39, 1, 0.01)
                              = customer_lifetime_value(m, g, (model_summary(p, '1997-09-30', 7)).x, (model_summary(p, '1997-09-30', 7)).t_x,
                                                        (model_summary(p, '1997-09-30', 7)).t, repeat_mean_value(p)::float8, 39, 1, 0.01)) AS profile_form_equal
FROM cdnow_profiles, cdnow_bg, cdnow_gg;
RESET TimeZone;

-- Parallel = serial on the CDNOW summary.
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SELECT (SELECT bgnbd_fit(x, t_x, t)::text FROM cdnow_built) = m::text AS bg_parallel_equals_serial,
       (SELECT gamma_gamma_fit(x, zbar::float8)::text FROM cdnow_built) = (SELECT g::text FROM cdnow_gg) AS gg_parallel_equals_serial
FROM cdnow_bg;
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size; RESET max_parallel_workers_per_gather;
