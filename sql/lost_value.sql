-- Lost-customer value: the worked example of the training material, exact
-- arithmetic, discounting, geometric growth, from a profile, and bad input.
SET client_min_messages = warning;
SET TimeZone = 'UTC';
SET extra_float_digits = 0;

-- 10,000 + 12,000 + 14,000 + 16,000 + 18,000 = 70,000; at a 20 % margin 14,000.
SELECT lost_customer_value(10000, 2000, 5) AS revenue_lost, lost_customer_value(10000, 2000, 5, 0.2) AS profit_lost;
SELECT lost_customer_value(10000, 2000, 5) = 70000 AS example_revenue, lost_customer_value(10000, 2000, 5, 0.2) = 14000 AS example_profit;
-- Exact numeric: cents and long decimals survive; 0 years is 0; negative growth is allowed.
SELECT lost_customer_value(1234.56, 0.01, 3) AS cents,                        -- 3 * 1234.56 + 0.01 * 3 = 3703.71
       lost_customer_value(0.1, 0.2, 10, 0.3) AS tenths,                      -- (10 * 0.1 + 0.2 * 45) * 0.3 = 3
       lost_customer_value(99999999999999999999.99, 1, 1000) AS large,        -- 1000 a + 499500
       lost_customer_value(500, -100, 7) AS declining,                        -- 3500 - 2100 = 1400
       lost_customer_value(10000, 2000, 0) AS no_years;
-- Present value (end-of-year payments): 10000/1.1 + 12000/1.1^2 + ... + 18000/1.1^5,
-- computed by hand with fractions: 51631.470776337930220861714...
SELECT lost_customer_value(10000, 2000, 5, 1, 0.1) AS present_value,
       lost_customer_value(10000, 2000, 5, 1, 0.1) = 51631.47077633793022086171 AS present_value_to_20_decimals;
-- Geometric growth: 10000 + 10500 + 11025 = 31525; discounted at 5 %: 3 x 10000 / 1.05 = 600000 / 21 = 28571.428571428571428571428...
SELECT lost_customer_value_geometric(10000, 0.05, 3) AS geometric,
       lost_customer_value_geometric(10000, 0.05, 3, 1, 0.05) AS geometric_discounted,
       lost_customer_value_geometric(10000, 0.05, 3, 1, 0.05) = 28571.42857142857142857143 AS matches_hand, -- 600000/21
       lost_customer_value_geometric(10000, -1, 3) AS gone_after_a_year;

-- From a profile: a customer who bought 10,000, 12,000, ... 18,000 once a year.
-- annual_trend fits a linear revenue rate over the purchase days widened by half
-- the mean interval (182.5 days) on each side: growth 365^2 * 12 * 7,300,000 / 1825^3
-- = 1920 a year, annual value at the window's end 14,000 + 4,800 = 18,800.
CREATE TABLE lv_orders (ordered_at timestamptz, amount numeric);
INSERT INTO lv_orders VALUES ('2020-01-01', 10000), ('2020-12-31', 12000), ('2021-12-31', 14000),
                             ('2022-12-31', 16000), ('2023-12-31', 18000);
SELECT (annual_trend(p, '2024-06-30')).*,
       lost_customer_value(p, '2024-06-30', 3) AS lost_3_years,          -- 18800 + 20720 + 22640 = 62160
       lost_customer_value(p, '2024-06-30', 3, 0.2) AS lost_profit_3_years
FROM (SELECT customer_profile(ordered_at, amount) AS p FROM lv_orders) s;
-- One order: the amount per year, no growth.  A burst of orders within less than a year is one
-- year's value without a trend: 4 x 2500 within six weeks risks 10,000 a year, not 10,000 x 365 / 42.
SELECT (annual_trend(p, '2024-06-30')).*, lost_customer_value(p, '2024-06-30', 2) AS lost_2_years
FROM (SELECT customer_profile(ordered_at, amount) AS p FROM (VALUES ('2024-01-15'::timestamptz, 250.50)) v(ordered_at, amount)) s;
SELECT (annual_trend(p, '2024-06-30')).*, lost_customer_value(p, '2024-06-30', 2) AS lost_2_years
FROM (SELECT customer_profile(ordered_at, amount) AS p
      FROM (VALUES ('2024-01-01'::timestamptz, 2500), ('2024-01-15', 2500), ('2024-01-29', 2500), ('2024-02-12', 2500)) v(ordered_at, amount)) s;
-- A declining customer: 900, 300, 100.  The fitted rate may not fall below zero at the end of the
-- window (1095 days): end value 0, growth 365^2 * (-2 * 1300 / 1095^2) = -2600 / 9 = -288.89.
SELECT (annual_trend(p, '2024-06-30')).*, lost_customer_value(p, '2024-06-30', 10) AS lost_10_years
FROM (SELECT customer_profile(ordered_at, amount) AS p
      FROM (VALUES ('2021-01-01'::timestamptz, 900), ('2022-01-01', 300), ('2023-01-01', 100)) v(ordered_at, amount)) s;

-- Bad input.
SELECT lost_customer_value(10000, 2000, -1);
SELECT lost_customer_value(10000, 2000, 1001);
SELECT lost_customer_value(10000, 2000, 5, 1.5);
SELECT lost_customer_value(10000, 2000, 5, -0.1);
SELECT lost_customer_value(10000, 2000, 5, 1, -1);
SELECT lost_customer_value('NaN', 2000, 5);
SELECT lost_customer_value(10000, 'Infinity', 5);
SELECT lost_customer_value(10000, 2000, 5, 'NaN');
SELECT lost_customer_value_geometric(10000, -1.5, 5);
SELECT lost_customer_value(p, '2019-01-01', 3) FROM (SELECT customer_profile(ordered_at, amount) AS p FROM lv_orders) s;

DROP TABLE lv_orders;
