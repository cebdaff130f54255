-- Loyalty ladder: every stage, every threshold exactly at and one day past it,
-- parameters, settings, overdue, prospects from a LEFT JOIN, and bad input.
SET client_min_messages = warning;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET extra_float_digits = 0;

CREATE TABLE ly_orders (customer_id text, ordered_at timestamptz, amount numeric);
INSERT INTO ly_orders VALUES
    -- A: one order on 2023-01-01
    ('A', '2023-01-01 12:00', 10),
    -- B: two orders on one day (one purchase day)
    ('B', '2023-01-01 10:00', 10), ('B', '2023-01-01 18:00', 5),
    -- C: 4 orders, days 0, 10, 20, 30 (x = 3, t_x = 30, mean interval 10 days)
    ('C', '2023-01-01', 1), ('C', '2023-01-11', 1), ('C', '2023-01-21', 1), ('C', '2023-01-31', 1),
    -- D: 5 orders, days 0, 10, 20, 30, 40 (mean interval 10 days)
    ('D', '2023-01-01', 1), ('D', '2023-01-11', 1), ('D', '2023-01-21', 1), ('D', '2023-01-31', 1), ('D', '2023-02-10', 1),
    -- E: 4 orders, days 0, 2, 5, 7 (x = 3, t_x = 7, mean interval 7/3 days: 3 x 7/3 = 7 exactly)
    ('E', '2023-01-01', 1), ('E', '2023-01-03', 1), ('E', '2023-01-06', 1), ('E', '2023-01-08', 1),
    -- F: 2 orders 400 days apart (lapse after 1200 days, so lost comes first)
    ('F', '2023-01-01', 1), ('F', '2024-02-05', 1);
CREATE TABLE ly_profiles AS SELECT customer_id, customer_profile(ordered_at, amount) AS p FROM ly_orders GROUP BY 1;
CREATE FUNCTION pg_temp.prof(c text) RETURNS customer_profile LANGUAGE sql AS $$ SELECT p FROM ly_profiles WHERE customer_id = c $$;

-- A: buyer through 365 days since the order, lapsed from 366, lost from 731.
SELECT as_of, days_since_last_order(pg_temp.prof('A'), as_of), loyalty_stage(pg_temp.prof('A'), as_of)
FROM unnest(ARRAY['2023-01-01 12:00', '2024-01-01 23:59', '2024-01-02 00:00', '2024-12-31 23:59', '2025-01-01 00:00']::timestamptz[]) AS as_of;
-- B: two orders on one day make a client; the one-purchase-day rule applies.
SELECT loyalty_stage(pg_temp.prof('B'), '2024-01-01') AS b_365, loyalty_stage(pg_temp.prof('B'), '2024-01-02') AS b_366,
       overdue_factor(pg_temp.prof('B'), '2024-01-01') AS b_overdue, mean_interval(pg_temp.prof('B')) AS b_mean_interval;
-- C: client; lapsed when more than 3 x 10 = 30 days have passed since 2023-01-31.
SELECT loyalty_stage(pg_temp.prof('C'), '2023-03-02') AS c_30, loyalty_stage(pg_temp.prof('C'), '2023-03-03') AS c_31,
       overdue_factor(pg_temp.prof('C'), '2023-02-25') AS c_overdue_25_days, overdue_factor(pg_temp.prof('C'), '2023-03-02') AS c_overdue_30_days;
-- D: regular, advocate with a latest recommend score of 9 or 10, regular with 8.
SELECT score, loyalty_stage(pg_temp.prof('D'), '2023-03-12', score) AS d_30, loyalty_stage(pg_temp.prof('D'), '2023-03-13', score) AS d_31
FROM (VALUES (NULL::integer), (0), (8), (9), (10)) v(score);
-- E: the mean interval 7/3 is not a finite decimal; the comparison is exact: 7 days is not lapsed, 8 is.
SELECT loyalty_stage(pg_temp.prof('E'), '2023-01-15') AS e_7, loyalty_stage(pg_temp.prof('E'), '2023-01-16') AS e_8;
-- F: 730 days after the last order still a client (not lapsed: 730 < 3 x 400), 731 lost.
SELECT loyalty_stage(pg_temp.prof('F'), '2026-02-04') AS f_730, loyalty_stage(pg_temp.prof('F'), '2026-02-05') AS f_731;

-- Prospects: contacts without orders, through a LEFT JOIN.
CREATE TABLE ly_contacts (customer_id text);
INSERT INTO ly_contacts VALUES ('A'), ('C'), ('D'), ('P1'), ('P2');
SELECT c.customer_id, loyalty_stage(p.p, '2023-02-15', 10) FROM ly_contacts c LEFT JOIN ly_profiles p USING (customer_id) ORDER BY 1;
SELECT loyalty_stage(NULL, NULL) AS null_profile_any_time;
SELECT loyalty_stage(pg_temp.prof('A'), NULL) AS null_as_of;

-- The stages are ordered: the ladder first, then lapsed and lost.
SELECT enum_range(NULL::loyalty_stage), 'client'::loyalty_stage < 'regular' AS ordered;

-- Parameters override the defaults.
SELECT loyalty_stage(pg_temp.prof('B'), '2023-06-01', client_orders => 3) AS b_client_3,
       loyalty_stage(pg_temp.prof('C'), '2023-02-01', regular_orders => 4) AS c_regular_4,
       loyalty_stage(pg_temp.prof('C'), '2023-02-20', lapse_factor => 2) AS c_20_days_factor_2,
       loyalty_stage(pg_temp.prof('C'), '2023-02-21', lapse_factor => 2) AS c_21_days_factor_2,
       loyalty_stage(pg_temp.prof('D'), '2023-02-11', 7, advocate_score => 7) AS d_score_7,
       loyalty_stage(pg_temp.prof('A'), '2023-04-11 12:00', lapse_days => 100) AS a_100_days,
       loyalty_stage(pg_temp.prof('A'), '2023-04-12 12:00', lapse_days => 100) AS a_101_days,
       loyalty_stage(pg_temp.prof('A'), '2023-04-12 12:00', lapse_days => 100, lost_days => 100) AS a_101_lost_100;

-- Settings (customer_focus.*) are the defaults of the parameters.
SET customer_focus.lapse_days = 100;
SET customer_focus.lost_days = 200;
SELECT loyalty_stage(pg_temp.prof('A'), '2023-04-12 12:00') AS a_101_days_setting,
       loyalty_stage(pg_temp.prof('A'), '2023-07-21 12:00') AS a_201_days_setting;
SET customer_focus.regular_orders = 4;
SET customer_focus.client_orders = 3;
SET customer_focus.lapse_factor = 2.5;
SET customer_focus.advocate_score = 10;
SELECT loyalty_stage(pg_temp.prof('B'), '2023-01-02') AS b, loyalty_stage(pg_temp.prof('C'), '2023-02-25', 9) AS c_25_days,
       loyalty_stage(pg_temp.prof('C'), '2023-02-26', 10) AS c_26_days;
SHOW customer_focus.lapse_factor;
RESET customer_focus.lapse_days;
RESET customer_focus.lost_days;
RESET customer_focus.regular_orders;
RESET customer_focus.client_orders;
RESET customer_focus.lapse_factor;
RESET customer_focus.advocate_score;

-- The stage counts of a report equal plain SQL over the same orders (generated data, two time zones).
CREATE TABLE ly_gen AS
SELECT (hashint4(i + 99) & 2147483647) % 1500 + 1 AS customer_id,
       timestamptz '2021-01-01 00:00+00' + ((hashint4(i) & 2147483647) % (4 * 365 * 86400)) * interval '1 second'
           * (1 + i % 3) / 3 AS ordered_at,
       ((hashint4(i * 7) & 2147483647) % 10000) / 100.0 AS amount
FROM generate_series(1, 3000) i;
SET TimeZone = 'Europe/Berlin';
SELECT loyalty_stage(p, '2025-01-01') AS stage, count(*)
FROM (SELECT customer_profile(ordered_at, amount) AS p FROM ly_gen GROUP BY customer_id) s GROUP BY 1 ORDER BY 1;
-- plain SQL: distinct days, the mean gap with lag(), the same rules (since * x > 3 * t_x is since > 3 * mean gap)
WITH days AS (SELECT DISTINCT customer_id, ordered_at::date AS d FROM ly_gen),
gaps AS (SELECT customer_id, d, d - lag(d) OVER (PARTITION BY customer_id ORDER BY d) AS gap FROM days),
per AS (SELECT customer_id, max(d) AS last_day, count(gap) AS x, sum(gap) AS t_x FROM gaps GROUP BY 1),
n AS (SELECT customer_id, count(*) AS orders FROM ly_gen GROUP BY 1)
SELECT (CASE WHEN date '2025-01-01' - last_day > 730 THEN 'lost'
             WHEN x = 0 AND date '2025-01-01' - last_day > 365 THEN 'lapsed'
             WHEN x > 0 AND (date '2025-01-01' - last_day) * x > 3 * t_x THEN 'lapsed'
             WHEN orders >= 5 THEN 'regular' WHEN orders >= 2 THEN 'client' ELSE 'buyer' END)::loyalty_stage AS stage,
       count(*)
FROM per JOIN n USING (customer_id) GROUP BY 1 ORDER BY 1;

-- Bad input: class 22 errors naming the values.
SELECT loyalty_stage(pg_temp.prof('A'), '2022-12-31');
SELECT loyalty_stage(pg_temp.prof('A'), 'infinity');
SELECT loyalty_stage(pg_temp.prof('D'), '2024-01-01', 11);
SELECT loyalty_stage(pg_temp.prof('D'), '2024-01-01', -1);
SELECT loyalty_stage(pg_temp.prof('D'), '2024-01-01', client_orders => 1);
SELECT loyalty_stage(pg_temp.prof('D'), '2024-01-01', client_orders => 5, regular_orders => 5);
SELECT loyalty_stage(pg_temp.prof('D'), '2024-01-01', lapse_days => 800);
SELECT loyalty_stage(pg_temp.prof('D'), '2024-01-01', lapse_factor => 0);
SELECT loyalty_stage(pg_temp.prof('D'), '2024-01-01', lapse_factor => 'NaN');
SELECT loyalty_stage(pg_temp.prof('D'), '2024-01-01', advocate_score => 11);
SELECT overdue_factor(pg_temp.prof('D'), '2022-01-01');
SET customer_focus.client_orders = 1;

DROP TABLE ly_orders, ly_profiles, ly_contacts, ly_gen;
