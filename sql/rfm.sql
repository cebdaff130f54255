-- RFM: scores at and around every breakpoint, breakpoints from percentile_cont
-- in the same query, the full segment grid, and bad input.
SET client_min_messages = warning;
SET TimeZone = 'UTC';
SET extra_float_digits = 0;

-- A value equal to a breakpoint takes the lower score; recency is reversed.
SELECT v, rfm_score(v, '{10,20,30,40}') AS higher_is_better, rfm_score(v, '{10,20,30,40}', true) AS lower_is_better
FROM unnest('{-5,10,10.000001,20,25,30,40,40.5,1e9}'::float8[]) v;
-- Equal breakpoints (skewed data): 1 order is score 1, 2 orders score 4, 4 orders score 5.
SELECT v, rfm_score(v, '{1,1,1,3}') FROM unnest('{1,2,3,4}'::float8[]) v;

-- The whole grid, R down, F across.
SELECT r, string_agg(rfm_segment(r, f), ' | ' ORDER BY f) AS "F = 1 .. 5"
FROM generate_series(5, 1, -1) r, generate_series(1, 5) f GROUP BY r ORDER BY r DESC;
SELECT count(DISTINCT rfm_segment(r, f)) AS segments FROM generate_series(1, 5) r, generate_series(1, 5) f;

-- From profiles, with breakpoints computed in the same query; the scores equal
-- plain SQL (the same rule written with CASE over the same breakpoints).
CREATE TABLE rf_orders AS
SELECT (hashint4(i) & 2147483647) % 400 + 1 AS customer_id,
       timestamptz '2023-01-01 00:00+00' + ((hashint4(i + 1) & 2147483647) % (2 * 365 * 86400)) * interval '1 second' AS ordered_at,
       ((hashint4(i + 2) & 2147483647) % 50000) / 100.0 AS amount
FROM generate_series(1, 2000) i;
CREATE TABLE rf_profiles AS SELECT customer_id, customer_profile(ordered_at, amount) AS p FROM rf_orders GROUP BY 1;
WITH b AS (
    SELECT percentile_cont(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY days_since_last_order(p, '2025-01-01')) AS rb,
           percentile_cont(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY order_count(p)) AS fb,
           percentile_cont(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY total_revenue(p)::float8) AS mb
    FROM rf_profiles),
s AS (SELECT customer_id, (rfm_scores(p, '2025-01-01', rb, fb, mb)).*, days_since_last_order(p, '2025-01-01') AS rec,
             order_count(p) AS freq, total_revenue(p)::float8 AS mon, rb, fb, mb
      FROM rf_profiles, b)
SELECT count(*) AS customers,
       count(*) FILTER (WHERE recency = 6 - (1 + (rec > rb[1])::int + (rec > rb[2])::int + (rec > rb[3])::int + (rec > rb[4])::int)
                          AND frequency = 1 + (freq > fb[1])::int + (freq > fb[2])::int + (freq > fb[3])::int + (freq > fb[4])::int
                          AND monetary = 1 + (mon > mb[1])::int + (mon > mb[2])::int + (mon > mb[3])::int + (mon > mb[4])::int
                          AND segment = rfm_segment(recency, frequency)) AS equal_to_plain_sql
FROM s;
SELECT (rfm_scores(p, '2025-01-01', '{30,60,90,180}', '{1,2,3,5}', '{100,200,500,1000}')).*
FROM (SELECT customer_profile(t, a) AS p
      FROM (VALUES ('2024-12-20'::timestamptz, 700.0), ('2024-11-01', 400), ('2024-06-01', 1), ('2024-03-01', 1)) v(t, a)) s;

-- Bad input.
SELECT rfm_score(1, '{4,3,2,1}');
SELECT rfm_score(1, '{1,2,3}');
SELECT rfm_score(1, '{1,2,NULL,4}');
SELECT rfm_score(1, '{1,2,NaN,4}');
SELECT rfm_score('NaN', '{1,2,3,4}');
SELECT rfm_score(1, '{{1,2},{3,4}}');
SELECT rfm_segment(0, 3);
SELECT rfm_segment(3, 6);

DROP TABLE rf_orders, rf_profiles;
