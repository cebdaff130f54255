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
  ($q$SELECT customer_lifetime_value(m, g, 2, 30.43, 38.86, 22.35, 1e9) FROM clv_model$q$)
) v(q);
