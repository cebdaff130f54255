-- Customer lifetime value over the BG/NBD and Gamma-Gamma models: customer_lifetime_value() and the predictive
-- expected_lost_value(bgnbd_model, gamma_gamma_model, ...), checked against FHL eq. (10) summed in
-- plain SQL (test/regress/bgnbd_reference.sql) and the Gamma-Gamma expected mean worked out by hand.
SET extra_float_digits = 0;
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/bgnbd_reference.sql

-- The published CDNOW models.
CREATE TABLE clv_model AS
  SELECT ROW(0.243, 4.414, 0.793, 2.426, NULL, NULL, NULL)::bgnbd_model AS m,
         ROW(6.25, 3.74, 15.44, NULL, NULL, NULL)::gamma_gamma_model AS g;

-- CLV over 2.5 weeks at 10 % per week, margin 0.3: the expected purchases in (0,1], (1,2], (2,2.5]
-- discounted at the end of each period, times expected spend and margin; lost value is the (1 - P(alive)) share.
SELECT round(customer_lifetime_value(m, g, 2, 30.43, 38.86, 22.35, 2.5, 0.3, 0.1)::numeric, 8) AS clv,
       round(((bg_hand_expected(0.243, 4.414, 0.793, 2.426, 2, 30.43, 38.86, 1) / 1.1
               + (bg_hand_expected(0.243, 4.414, 0.793, 2.426, 2, 30.43, 38.86, 2)
                  - bg_hand_expected(0.243, 4.414, 0.793, 2.426, 2, 30.43, 38.86, 1)) / 1.1 ^ 2
               + (bg_hand_expected(0.243, 4.414, 0.793, 2.426, 2, 30.43, 38.86, 2.5)
                  - bg_hand_expected(0.243, 4.414, 0.793, 2.426, 2, 30.43, 38.86, 2)) / 1.1 ^ 2.5)
              * (6.25 * 15.44 + 6.25 * 2 * 22.35) / (6.25 * 2 + 3.74 - 1) * 0.3)::numeric, 8) AS by_hand,
       round(((customer_lifetime_value(m, g, 2, 30.43, 38.86, 22.35, 2.5, 0.3, 0.1) + expected_lost_value(m, g, 2, 30.43, 38.86, 22.35, 2.5, 0.3, 0.1))
              * bgnbd_p_alive(m, 2, 30.43, 38.86))::numeric, 8) AS clv_from_total
FROM clv_model;
SELECT customer_lifetime_value(m, g, 2, 30.43, 38.86, 22.35, 52, NULL, NULL) = customer_lifetime_value(m, g, 2, 30.43, 38.86, 22.35, 52) AS null_options_take_defaults,
       customer_lifetime_value(m, g, 2, NULL, 38.86, 22.35, 52) IS NULL AS null_t_x_gives_null
FROM clv_model;
SELECT expected_lost_value(m, g, 0, 0, 38.86, NULL, 52) AS nothing_lost_when_x_0,
       round(customer_lifetime_value(m, g, 0, 0, 38.86, NULL, 39)::numeric, 6) AS new_ish_clv,
       round((bg_hand_expected(0.243, 4.414, 0.793, 2.426, 0, 0, 38.86, 39) * 6.25 * 15.44 / 2.74)::numeric, 6) AS by_hand
FROM clv_model;

-- Long horizons.  Undiscounted, the CLV is the expected purchases over the whole horizon times
-- the expected spend (the per-period sum telescopes); 100,000 weeks take one series, not 100,000.
SELECT abs(customer_lifetime_value(m, g, 2, 30.43, 38.86, 22.35, 100000)
           / (bgnbd_expected_purchases(m, 100000, 2, 30.43, 38.86) * gamma_gamma_expected_mean(g, 2, 22.35)) - 1) < 1e-12
       AS undiscounted_long_horizon_is_expected_purchases_times_spend
FROM clv_model;
-- Discounted at 1 % a week, the weeks past the first few thousand cannot change the sum:
-- 100,000 weeks give the CLV of 20,000 weeks (the loop stops once they vanish).
SELECT abs(customer_lifetime_value(m, g, 2, 30.43, 38.86, 22.35, 100000, 1, 0.01) / customer_lifetime_value(m, g, 2, 30.43, 38.86, 22.35, 20000, 1, 0.01) - 1) < 1e-14
       AS discounted_tail_vanishes
FROM clv_model;
-- A long computation (a tiny discount rate over 100,000 periods) can be cancelled.
SET statement_timeout = '200ms';
SELECT customer_lifetime_value(m, g, 2, 30.43, 38.86, 22.35, 100000, 1, 1e-9) FROM clv_model;
RESET statement_timeout;

-- ---------- orders -> CLV from customer profiles, no hand-made summary (issue 17 item 7) ----------
-- 400 customers, 3,000 orders in 2023 (several a day for some).  Plain SQL summarises the same rows:
-- x = local purchase days - 1, t_x and T in weeks, mean_value = avg() of the repeat days' sums.
SET TimeZone = 'UTC';
CREATE TABLE clv_orders AS
SELECT (i % 400) + 1 AS customer_id,
       timestamptz '2023-01-01 00:00+00' + ((hashint4(i) & 2147483647) % (365 * 86400)) * interval '1 second' AS ordered_at,
       round(1 + ((hashint4(i * 7) & 2147483647) % 20000) / 100.0, 2) AS amount
FROM generate_series(1, 3000) i;
ANALYZE clv_orders;
CREATE TABLE clv_profiles AS SELECT customer_id, customer_profile(ordered_at, amount, 'UTC') AS p FROM clv_orders GROUP BY 1;
CREATE TABLE clv_plain AS
SELECT customer_id, (count(*) - 1)::integer AS x, (max(day) - min(day)) / 7.0::float8 AS t_x,
       (date '2024-01-01' - min(day)) / 7.0::float8 AS t,
       (avg(amount) FILTER (WHERE day > first_day))::float8 AS mean_value
FROM (SELECT customer_id, day, sum(amount) AS amount, min(day) OVER (PARTITION BY customer_id) AS first_day
      FROM (SELECT customer_id, ordered_at::date AS day, amount FROM clv_orders) o GROUP BY 1, 2) d
GROUP BY customer_id;
SELECT count(*) AS customers, count(*) FILTER (WHERE x > 0) AS repeat_customers FROM clv_plain;
-- These 400 customers barely identify Gamma-Gamma: with another libm (Debian unstable) the fit runs to
-- its boundary and WARNs; what is asserted is only that every form gives the same fit.
SET client_min_messages = error;
-- Gamma-Gamma: the state and the fit from profiles are the plain-SQL ones, byte for byte.
SELECT (SELECT gamma_gamma_agg(p)::text FROM clv_profiles) = (SELECT gamma_gamma_agg(x, mean_value)::text FROM clv_plain) AS state_equals_plain_sql,
       (SELECT gamma_gamma_fit(p)::text FROM clv_profiles) = (SELECT gamma_gamma_fit(x, mean_value)::text FROM clv_plain) AS fit_equals_plain_sql,
       (SELECT (gamma_gamma_fit(p)).n FROM clv_profiles) AS fitted_customers;
-- CLV of every customer over 52 weeks at 1 % a week, margin 0.3: the profile form equals the row
-- form over the plain-SQL summary bit for bit, and the row form over model_summary and repeat_mean_value.
SELECT count(*) AS customers,
       count(*) FILTER (WHERE customer_lifetime_value(m, g, c.p, '2024-01-01', 7, 52, 0.3, 0.01)
                              = customer_lifetime_value(m, g, q.x, q.t_x, q.t, q.mean_value, 52, 0.3, 0.01)) AS equal_to_plain_sql,
       count(*) FILTER (WHERE customer_lifetime_value(m, g, c.p, '2024-01-01', 7, 52, 0.3, 0.01)
                              = customer_lifetime_value(m, g, (model_summary(c.p, '2024-01-01', 7)).x, (model_summary(c.p, '2024-01-01', 7)).t_x,
                                                        (model_summary(c.p, '2024-01-01', 7)).t, repeat_mean_value(c.p)::float8, 52, 0.3, 0.01)) AS equal_to_accessors,
       count(*) FILTER (WHERE customer_lifetime_value(m, g, c.p, '2024-01-01', 7, 52) = customer_lifetime_value(m, g, c.p, '2024-01-01', 7, 52, NULL, NULL)) AS defaults
FROM clv_profiles c JOIN clv_plain q USING (customer_id), clv_model;
-- Parallel and hash-grouped plans give the same states (the combine function merges partial states).
SELECT (SELECT gamma_gamma_fit(p)::text FROM clv_profiles) AS serial_fit \gset
SELECT string_agg(s, '|' ORDER BY k) AS serial_groups FROM (SELECT customer_id % 3 AS k, gamma_gamma_agg(p)::text AS s FROM clv_profiles GROUP BY 1) g \gset
\i :abs_srcdir/test/regress/parallel.sql
SET enable_sort = off;
SELECT pg_temp.plan_has('SELECT gamma_gamma_fit(p) FROM clv_profiles', 'Partial') AS partial_plan,
       pg_temp.plan_has('SELECT customer_id % 3, gamma_gamma_agg(p) FROM clv_profiles GROUP BY 1', 'HashAggregate') AS hashed_plan;
SELECT (SELECT gamma_gamma_fit(p)::text FROM clv_profiles) = :'serial_fit' AS parallel_equals_serial,
       (SELECT string_agg(s, '|' ORDER BY k) FROM (SELECT customer_id % 3 AS k, gamma_gamma_agg(p)::text AS s FROM clv_profiles GROUP BY 1) g) = :'serial_groups' AS hashed_equals_sorted;
RESET enable_sort;
\i :abs_srcdir/test/regress/parallel_reset.sql
RESET client_min_messages;
DROP TABLE clv_orders, clv_profiles, clv_plain;
RESET TimeZone;

-- Errors: class 22, naming the value (SQLSTATE and message).
CREATE FUNCTION clv_error(query text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE query;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
SELECT clv_error(q) FROM (VALUES
  ($q$SELECT customer_lifetime_value(m, g, 2, 30.43, 38.86, NULL, 52) FROM clv_model$q$),
  ($q$SELECT customer_lifetime_value(m, g, 2, 30.43, 38.86, 22.35, -1) FROM clv_model$q$),
  ($q$SELECT customer_lifetime_value(m, g, 2, 30.43, 38.86, 22.35, 52, -0.3) FROM clv_model$q$),
  ($q$SELECT customer_lifetime_value(m, g, 2, 30.43, 38.86, 22.35, 52, 1, -0.5) FROM clv_model$q$),
  ($q$SELECT customer_lifetime_value(m, g, 2, 30.43, 38.86, 22.35, 1e9) FROM clv_model$q$),
  ($q$SELECT customer_lifetime_value(m, g, 'v1;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20.00;moment=175800.00;days=2024-01-01+64', '2024-06-01', 7, 52) FROM clv_model$q$),
  ($q$SELECT gamma_gamma_fit(p) FROM (VALUES ('v1;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20.00;moment=175800.00;days=2024-01-01+64'::customer_profile)) v(p)$q$)
) v(q);
-- A repeat customer whose returns outweigh the repeat purchases: the error says the filter.
SELECT gamma_gamma_fit(p) FROM (SELECT customer_profile(t, a, 'UTC') AS p FROM (VALUES ('2024-01-01 10:00+00'::timestamptz, 12.50), ('2024-03-05 23:30+00', -3)) v(t, a)) s;
