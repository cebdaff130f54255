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

-- Ties at cut-points (issue 18 item 7): 'lower' (the default order) gives a value equal to a
-- breakpoint the lower score, 'upper' (the R rfm package's bins [b(i-1), b(i))) the higher one.
-- Independently: 1 + width_bucket(value, breakpoints) counts the breakpoints at or below the value.
SELECT count(*) AS values_checked,
       count(*) FILTER (WHERE rfm_score(v, b, false, 'upper') = 1 + width_bucket(v, b)
                          AND rfm_score(v, b, true, 'upper') = 5 - width_bucket(v, b)
                          AND rfm_score(v, b, false, 'lower') = rfm_score(v, b)
                          AND rfm_score(v, b, true, 'lower') = rfm_score(v, b, true)) AS as_width_bucket,
       count(*) FILTER (WHERE rfm_score(v, b, false, 'upper') <> rfm_score(v, b)) AS ties_that_differ
FROM generate_series(0, 50, 5) AS v, (VALUES ('{10,20,30,40}'::float8[]), ('{10,10,25,40}')) AS t(b);
SELECT rfm_score(20, '{10,20,30,40}') AS lower, rfm_score(20, '{10,20,30,40}', false, 'upper') AS upper,
       rfm_score(20, '{10,20,30,40}', true) AS recency_lower, rfm_score(20, '{10,20,30,40}', true, 'upper') AS recency_upper;
SELECT (rfm_scores(p, '2025-01-01', '{12,60,90,180}', '{1,2,3,4}', '{100,200,701,1000}', 'upper')).*,
       (rfm_scores(p, '2025-01-01', '{12,60,90,180}', '{1,2,3,4}', '{100,200,701,1000}', 'lower')).*
FROM (SELECT customer_profile(t, a) AS p
      FROM (VALUES ('2024-12-20'::timestamptz, 700.0), ('2024-11-01', 1)) v(t, a)) s;

-- Segments as data: named schemes and jsonb rules, first match wins.
CREATE TABLE rf_cells AS
SELECT r, f, m FROM generate_series(1, 5) r, generate_series(1, 5) f, generate_series(1, 5) m;
-- 'rf_grid' is the grid of rfm_segment(r, f) in every cell, whatever m
SELECT count(*) AS cells, count(*) FILTER (WHERE rfm_segment(r, f, m, 'rf_grid') = rfm_segment(r, f)) AS as_the_grid
FROM rf_cells;
-- 'rfm_package': the R rfm package's vignette (0.2) written out here as plain rows, first match
-- by the lowest position, Others for the rest
CREATE TABLE rf_package (pos int, name text, rl int, ru int, fl int, fu int, ml int, mu int);
INSERT INTO rf_package VALUES
(1, 'Champions', 4, 5, 4, 5, 4, 5), (2, 'Loyal Customers', 2, 5, 3, 5, 3, 5),
(3, 'Potential Loyalist', 3, 5, 1, 3, 1, 3), (4, 'New Customers', 4, 5, 1, 1, 1, 1),
(5, 'Promising', 3, 4, 1, 1, 1, 1), (6, 'Need Attention', 2, 3, 2, 3, 2, 3),
(7, 'About To Sleep', 2, 3, 1, 2, 1, 2), (8, 'At Risk', 1, 2, 2, 5, 2, 5),
(9, 'Can''t Lose Them', 1, 1, 4, 5, 4, 5), (10, 'Lost', 1, 2, 1, 2, 1, 2);
CREATE TABLE rf_package_cells AS
SELECT c.r, c.f, c.m,
       coalesce((SELECT name FROM rf_package WHERE c.r BETWEEN rl AND ru AND c.f BETWEEN fl AND fu AND c.m BETWEEN ml AND mu
                 ORDER BY pos LIMIT 1), 'Others') AS plain
FROM rf_cells c;
SELECT count(*) AS cells, count(*) FILTER (WHERE rfm_segment(r, f, m, 'rfm_package') = plain) AS as_the_package
FROM rf_package_cells;
-- cells per segment: New Customers, Promising and Can't Lose Them are never reached with first
-- match wins (earlier rules take all their cells), as in the package
SELECT p.name, count(c.*) AS cells
FROM (SELECT name, pos FROM rf_package UNION ALL SELECT 'Others', 11) p
LEFT JOIN rf_package_cells c ON rfm_segment(c.r, c.f, c.m, 'rfm_package') = p.name
GROUP BY p.name, p.pos ORDER BY p.pos;
-- the schemes as jsonb give the same segments through the jsonb form
SELECT rfm_segment_rules('rf_grid') AS rf_grid;
SELECT s AS scheme, count(*) FILTER (WHERE rfm_segment(r, f, m, s) = rfm_segment(r, f, m, rfm_segment_rules(s))) AS same_cells
FROM rf_cells, (VALUES ('rf_grid'), ('rfm_package')) v(s) GROUP BY s ORDER BY s;
-- user rules: first match wins, a missing key matches any score, no match gives NULL
SELECT rfm_segment(5, 1, 1, r) AS first_match, rfm_segment(5, 5, 1, r) AS later_rule,
       rfm_segment(1, 3, 5, r) AS no_key_any, rfm_segment(2, 1, 1, r) AS none
FROM (VALUES ('[{"name": "Fresh", "r": [5, 5], "f": [1, 2]}, {"name": "Best", "r": [4, 5]},
                {"name": "Big spenders", "m": [4, 5]}]'::jsonb)) v(r);
-- rules in a table, one per row of a join: the same as a CASE over the same ranges
SELECT count(*) AS cells,
       count(*) FILTER (WHERE rfm_segment(r, f, m, '[{"name": "Best", "r": [4, 5], "f": [4, 5]}, {"name": "Rest"}]'::jsonb)
                              = CASE WHEN r >= 4 AND f >= 4 THEN 'Best' ELSE 'Rest' END) AS as_case
FROM rf_cells;
-- the checker, on rules whose problems are counted by hand: A takes r 4-5 (50 cells); B r 1-3,
-- f 1-4 (60 cells, none of A's); C r 4-5, f 5 (10 cells, all A's: overlap and unreachable);
-- the gap is r 1-3 with f 5 (3 x 1 x 5 = 15 cells)
SELECT * FROM rfm_rule_problems('[{"name": "A", "r": [4, 5]}, {"name": "B", "r": [1, 3], "f": [1, 4]},
                                  {"name": "C", "r": [4, 5], "f": [5, 5]}]');
SELECT count(*) AS problems FROM rfm_rule_problems(rfm_segment_rules('rf_grid'));
SELECT problem, rule, segment, cell_count FROM rfm_rule_problems(rfm_segment_rules('rfm_package')) WHERE problem <> 'overlap';

-- Bad input.
SELECT rfm_score(1, '{4,3,2,1}');
SELECT rfm_score(1, '{1,2,3}');
SELECT rfm_score(1, '{1,2,NULL,4}');
SELECT rfm_score(1, '{1,2,NaN,4}');
SELECT rfm_score('NaN', '{1,2,3,4}');
SELECT rfm_score(1, '{{1,2},{3,4}}');
SELECT rfm_segment(0, 3);
SELECT rfm_segment(3, 6);
SELECT rfm_score(1, '{1,2,3,4}', false, 'middle');
SELECT rfm_segment(1, 2, 3, 'rfm');
SELECT rfm_segment(1, 2, 6, 'rf_grid');
SELECT rfm_segment(1, 2, 3, '{"name": "A"}'::jsonb);
SELECT rfm_segment(1, 2, 3, '[]'::jsonb);
SELECT rfm_segment(1, 2, 3, '[{"r": [1, 5]}]'::jsonb);
SELECT rfm_segment(1, 2, 3, '[{"name": "A", "r": [5, 4]}]'::jsonb);
SELECT rfm_segment(1, 2, 3, '[{"name": "A", "q": [1, 5]}]'::jsonb);

DROP TABLE rf_orders, rf_profiles, rf_cells, rf_package, rf_package_cells;
