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

-- The same results as numeric's own arithmetic, digit for digit (the core's decimal
-- arithmetic replaced the glue's numeric calls): lv_reference is the formula written
-- with numeric in PL/pgSQL, step by step as the glue computed it before (40-decimal
-- discount factor from numeric's division, yearly values rounded to 40 decimals,
-- the result to 20, trailing zeros trimmed).  Compared as text (display scale too)
-- over generated inputs: scales 0 to 60, negative growth, discount rates from -0.99
-- to 10^30 (numeric's division scale above 40), 0 to 1000 years, margins of many scales.
CREATE FUNCTION lv_reference(a numeric, g numeric, years int, margin numeric, d numeric,
                             geometric bool, floor_zero bool) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    exact bool := NOT geometric AND d = 0;
    total numeric := 0;
    value numeric := a;
    disc numeric := 1;
    step numeric;
    gf numeric;
    v numeric;
BEGIN
    IF exact AND NOT floor_zero THEN
        RETURN trim_scale((years * a + g * (years::bigint * (years - 1) / 2)) * margin);
    END IF;
    gf := 1 + g;
    step := round(round(1::numeric, 40) / (1 + d), 40);
    FOR t IN 1 .. years LOOP
        v := value;
        IF NOT exact THEN disc := round(disc * step, 40); END IF;
        IF floor_zero AND v < 0 THEN v := 0; END IF;
        total := total + CASE WHEN exact THEN v ELSE round(v * disc, 40) END;
        value := CASE WHEN geometric THEN round(value * gf, 40) ELSE value + g END;
    END LOOP;
    total := total * margin;
    IF NOT exact THEN total := round(total, 20); END IF;
    RETURN trim_scale(total);
END $$;
CREATE TABLE lv_cases AS
SELECT i, geometric, a, g, years, margin, d
FROM (SELECT i, i % 3 = 0 AS geometric,
             round((i * 7919 % 2000003 - 1000000) / 100.0 * 10::numeric ^ (i % 7 - 2), i % 5) AS a,
             (ARRAY[0, 0, 0.1, 0.05, -0.5, 0.075, 2, 0.0000001, -0.99, 12345.678, 1e30, 0.10,
                    0.142857142857142857142857142857142857142857142857, 1e-45, 99999999999999999999.5, 0.0300])
                 [1 + i % 16]::numeric AS d,
             (ARRAY[1, 0.2, 0.25, 0.333333333333333333333333333333333333333333333333333333333333, 0, 0.7, 1.000,
                    0.05])[1 + i % 8]::numeric AS margin,
             CASE WHEN i % 97 = 0 THEN 1000 ELSE i % 41 END AS years,
             (i * 104729 % 20011 - 10005)::numeric / (10 ^ (i % 9))::numeric AS g0
      FROM generate_series(1, 3000) i) s,
     LATERAL (SELECT CASE WHEN geometric THEN greatest(-1, round(g0 / 10000, 1 + i % 6)) ELSE g0 END AS g) l;
SELECT count(*) AS cases, count(DISTINCT d) AS discount_rates, max(years) AS max_years,
       max(scale(a)) AS max_annual_scale,
       count(*) FILTER (WHERE NOT geometric AND r::text = x::text) AS arithmetic_equal,
       count(*) FILTER (WHERE geometric AND r::text = x::text) AS geometric_equal,
       count(*) FILTER (WHERE r::text IS DISTINCT FROM x::text) AS different
FROM (SELECT *, CASE WHEN geometric THEN lost_customer_value_geometric(a, g, years, margin, d)
                     ELSE lost_customer_value(a, g, years, margin, d) END AS x,
                lv_reference(a, g, years, margin, d, geometric, false) AS r
      FROM lv_cases) s;
-- Around the glue's fast paths: results of up to 15 digits are built from their digits (below
-- 922337203685477 in units of the last decimal), longer ones from their text; arguments of up to
-- 36 digits are read from their stored digits, longer ones through their text.
SELECT count(*) AS cases, count(*) FILTER (WHERE r::text = x::text) AS equal,
       count(*) FILTER (WHERE length(replace(replace(x::text, '-', ''), '.', '')) = 15) AS fifteen_digit_results
FROM (SELECT lost_customer_value(a, 0, 1, 1, 0) AS x, lv_reference(a, 0, 1, 1, 0, false, false) AS r
      FROM (SELECT round(sgn * v / 10::numeric ^ sc, sc) AS a
            FROM unnest(ARRAY[922337203685476, 922337203685477, 922337203685478, 999999999999999, 1000000000000000,
                              1, 0, 123456789012345678901234567890123456, 1234567890123456789012345678901234567]::numeric[]) v,
                 unnest(ARRAY[0, 2, 9, 20]) sc, unnest(ARRAY[1, -1]) sgn) s) t;
-- Long scales: 60-decimal values and rates (numeric's division at the rate's scale, above 40).
SELECT count(*) AS cases, count(*) FILTER (WHERE r::text = x::text) AS equal
FROM (SELECT lost_customer_value_geometric(a, g, y, m, d) AS x, lv_reference(a, g, y, m, d, true, false) AS r
      FROM (SELECT round(i * 1234.5678901234567890123456789 / 7, 60) AS a, round(1.0 / (i + 3), 30 + i % 31) AS g,
                   i % 25 AS y, round(1.0 / (i + 1), i % 61) AS m, round(i / 7.0 - 0.5, 40 + i % 21) AS d
            FROM generate_series(1, 300) i) s) t;
-- The profile's form: the trend read back as numeric (annual_trend), negative years as zero.
SELECT count(*) AS profiles, count(*) FILTER (WHERE r::text = x::text) AS equal,
       count(*) FILTER (WHERE (tr).annual_growth < 0) AS declining
FROM (SELECT lost_customer_value(p, '2025-06-30', y, 0.3, d) AS x, tr,
             lv_reference((tr).annual_value, (tr).annual_growth, y, 0.3, d, false, true) AS r
      FROM (SELECT c, p, annual_trend(p, '2025-06-30') AS tr, c % 30 AS y, (ARRAY[0, 0.1, 0.07])[1 + c % 3]::numeric AS d
            FROM (SELECT c, customer_profile(timestamptz '2019-01-01' + (k * (c % 37 + 20)) * interval '1 day',
                                             round(((c * 31 + k * 17 * (c % 5 - 2)) % 1000 + 1000) / 7.0, c % 4)) AS p
                  FROM generate_series(1, 200) c, generate_series(0, c % 40) k GROUP BY c) q) s) t;
-- Scales near numeric's largest (16383): numeric's product rounds to it before round(…, 40).
SELECT count(*) AS cases, count(*) FILTER (WHERE r::text = x::text) AS equal
FROM (SELECT lost_customer_value_geometric(a, g, 3, m, d) AS x, lv_reference(a, g, 3, m, d, true, false) AS r
      FROM (SELECT round(1::numeric / (k + 7), 16383 - k) AS a, round(0.5::numeric / (k + 3), 16383 - 2 * k) AS g,
                   round(1::numeric / (k + 2), 16000 + k) AS m, round(1::numeric / (k + 11), 16380) AS d
            FROM generate_series(1, 3) k) s) t;
-- numeric's overflow of a value past 131072 digits before the point, as before.
SELECT lost_customer_value_geometric(('9' || repeat('0', 131000))::numeric, 1e100, 3);
DROP TABLE lv_cases;
DROP FUNCTION lv_reference;

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
