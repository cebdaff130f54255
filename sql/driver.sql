-- Key-driver analysis (issue 18 item 5): driver_agg, driver_state, driver_weights,
-- rollup(driver_state).  Every value is checked against an independent computation
-- over the same rows: PostgreSQL's corr()/regr_r2() and the closed forms of one and two
-- factors; serial, parallel, hashed, sorted and rollup give the same state.
SET extra_float_digits = 0;

-- 240 responses: outcome y (0-10 and a non-integer copy yf), four ratings; x4 is
-- orthogonal to x1 by construction (a full 4 x 6 x 10 design), some answers missing.
CREATE TABLE drv AS
SELECT i, i % 4 AS g,
       (1 + i % 4)::float8 AS x1,
       (1 + (i / 4) % 6)::float8 AS x4,
       (1 + (i * 7) % 5)::float8 AS x2,
       CASE WHEN i % 37 = 5 THEN NULL ELSE (1 + (i * 11) % 9 + i % 2)::float8 END AS x3
FROM generate_series(0, 239) AS i;
ALTER TABLE drv ADD y float8, ADD yf float8;
UPDATE drv SET y = least(10, greatest(0, round(x1 + 0.8 * x2 + 0.3 * coalesce(x3, 0) - 3 + (i * 13) % 5 - 2))),
               yf = x1 * 1.37 + x2 * 0.61 + coalesce(x3, 0) * 0.29 + ((i * 13) % 7) * 0.123;
UPDATE drv SET y = NULL WHERE i % 53 = 7;
ANALYZE drv;

-- The state and its text form: n complete rows, the factor names, the sums.
SELECT driver_agg(y, ARRAY[x1, x2], ARRAY['price', 'speed']) FROM drv WHERE i < 6;
-- row 0 = the sums of (y, x1, x2); check them with plain SQL
SELECT count(*), sum(y), sum(x1), sum(x2), sum(y * y), sum(y * x1), sum(y * x2), sum(x1 * x1), sum(x1 * x2), sum(x2 * x2)
FROM drv WHERE i < 6;

-- One factor: the correlation, beta and relative weight are corr() and regr_r2().
SELECT d.factor, abs(d.correlation - c.r) < 1e-12 AS correlation_ok, abs(d.beta - c.r) < 1e-12 AS beta_ok,
       abs(d.relative_weight - c.r2) < 1e-12 AS weight_ok, d.rank
FROM driver_weights((SELECT driver_agg(yf, ARRAY[x1], ARRAY['x1']) FROM drv)) d,
     (SELECT corr(yf, x1) AS r, regr_r2(yf, x1) AS r2 FROM drv) c;

-- Two factors, the closed form over corr(): with r = corr(x1, x2), R^(1/2) = [[a, b], [b, a]],
-- a = (sqrt(1 + r) + sqrt(1 - r)) / 2, b = (sqrt(1 + r) - sqrt(1 - r)) / 2; beta_Z = R^(-1/2) r_y;
-- epsilon_1 = a^2 z1^2 + b^2 z2^2 (Johnson 2000); beta_1 = (r1 - r r2) / (1 - r^2);
-- R^2 = (r1^2 + r2^2 - 2 r r1 r2) / (1 - r^2).  Listwise: only rows where all three are present.
CREATE TABLE drv_k2 AS
WITH c AS (SELECT corr(yf, x1) r1, corr(yf, x3) r2, corr(x1, x3) r FROM drv WHERE yf IS NOT NULL AND x3 IS NOT NULL),
     s AS (SELECT *, (sqrt(1 + r) + sqrt(1 - r)) / 2 a, (sqrt(1 + r) - sqrt(1 - r)) / 2 b FROM c),
     z AS (SELECT *, (a * r1 - b * r2) / (a * a - b * b) z1, (a * r2 - b * r1) / (a * a - b * b) z2 FROM s)
SELECT 'x1' AS factor, r1 AS correlation, (r1 - r * r2) / (1 - r * r) AS beta, a * a * z1 * z1 + b * b * z2 * z2 AS eps,
       (r1 * r1 + r2 * r2 - 2 * r * r1 * r2) / (1 - r * r) AS r2 FROM z
UNION ALL
SELECT 'x3', r2, (r2 - r * r1) / (1 - r * r), b * b * z1 * z1 + a * a * z2 * z2,
       (r1 * r1 + r2 * r2 - 2 * r * r1 * r2) / (1 - r * r) FROM z;
SELECT d.factor, d.rank, abs(d.correlation - k.correlation) < 1e-12 AS correlation_ok,
       abs(d.beta - k.beta) < 1e-12 AS beta_ok, abs(d.relative_weight - k.eps) < 1e-12 AS weight_ok,
       abs(sum(d.relative_weight) OVER () - k.r2) < 1e-12 AS weights_sum_to_r2
FROM driver_weights((SELECT driver_agg(yf, ARRAY[x1, x3], ARRAY['x1', 'x3']) FROM drv)) d JOIN drv_k2 k USING (factor)
ORDER BY d.rank;

-- A published example: the rwa package's README (Chan, R package rwa, github.com/martinctc/rwa)
-- regresses mpg on cyl, disp, hp and gear of R's mtcars (Motor Trend 1974, 32 cars) and prints
-- R^2 0.7791896 and the raw relative weights cyl 0.2284797, disp 0.2221469, hp 0.2321744,
-- gear 0.0963886.
CREATE TABLE mtcars (car text, mpg float8, cyl float8, disp float8, hp float8, gear float8);
INSERT INTO mtcars VALUES
('Mazda RX4', 21.0, 6, 160.0, 110, 4), ('Mazda RX4 Wag', 21.0, 6, 160.0, 110, 4),
('Datsun 710', 22.8, 4, 108.0, 93, 4), ('Hornet 4 Drive', 21.4, 6, 258.0, 110, 3),
('Hornet Sportabout', 18.7, 8, 360.0, 175, 3), ('Valiant', 18.1, 6, 225.0, 105, 3),
('Duster 360', 14.3, 8, 360.0, 245, 3), ('Merc 240D', 24.4, 4, 146.7, 62, 4),
('Merc 230', 22.8, 4, 140.8, 95, 4), ('Merc 280', 19.2, 6, 167.6, 123, 4),
('Merc 280C', 17.8, 6, 167.6, 123, 4), ('Merc 450SE', 16.4, 8, 275.8, 180, 3),
('Merc 450SL', 17.3, 8, 275.8, 180, 3), ('Merc 450SLC', 15.2, 8, 275.8, 180, 3),
('Cadillac Fleetwood', 10.4, 8, 472.0, 205, 3), ('Lincoln Continental', 10.4, 8, 460.0, 215, 3),
('Chrysler Imperial', 14.7, 8, 440.0, 230, 3), ('Fiat 128', 32.4, 4, 78.7, 66, 4),
('Honda Civic', 30.4, 4, 75.7, 52, 4), ('Toyota Corolla', 33.9, 4, 71.1, 65, 4),
('Toyota Corona', 21.5, 4, 120.1, 97, 3), ('Dodge Challenger', 15.5, 8, 318.0, 150, 3),
('AMC Javelin', 15.2, 8, 304.0, 150, 3), ('Camaro Z28', 13.3, 8, 350.0, 245, 3),
('Pontiac Firebird', 19.2, 8, 400.0, 175, 3), ('Fiat X1-9', 27.3, 4, 79.0, 66, 4),
('Porsche 914-2', 26.0, 4, 120.3, 91, 5), ('Lotus Europa', 30.4, 4, 95.1, 113, 5),
('Ford Pantera L', 15.8, 8, 351.0, 264, 5), ('Ferrari Dino', 19.7, 6, 145.0, 175, 5),
('Maserati Bora', 15.0, 8, 301.0, 335, 5), ('Volvo 142E', 21.4, 4, 121.0, 109, 4);
SELECT factor, rank, round(relative_weight::numeric, 7) AS relative_weight,
       round(relative_weight::numeric, 7) = CASE factor WHEN 'cyl' THEN 0.2284797 WHEN 'disp' THEN 0.2221469
                                                      WHEN 'hp' THEN 0.2321744 WHEN 'gear' THEN 0.0963886 END AS published
FROM driver_weights((SELECT driver_agg(mpg, ARRAY[cyl, disp, hp, gear], ARRAY['cyl', 'disp', 'hp', 'gear']) FROM mtcars));
SELECT round(sum(relative_weight)::numeric, 7) AS r2 FROM driver_weights((SELECT driver_agg(mpg, ARRAY[cyl, disp, hp, gear], ARRAY['cyl', 'disp', 'hp', 'gear']) FROM mtcars));

-- Orthogonal factors (x1 and x4, a full design): each weight is the squared correlation
-- and each beta the correlation.
SELECT d.factor, abs(d.relative_weight - d.correlation ^ 2) < 1e-12 AS weight_is_r_squared,
       abs(d.beta - d.correlation) < 1e-12 AS beta_is_r,
       abs(d.correlation - CASE d.factor WHEN 'x1' THEN c.r1 ELSE c.r4 END) < 1e-12 AS correlation_ok
FROM driver_weights((SELECT driver_agg(yf, ARRAY[x1, x4], ARRAY['x1', 'x4']) FROM drv)) d,
     (SELECT corr(yf, x1) r1, corr(yf, x4) r4 FROM drv) c
ORDER BY d.rank;

-- Four factors: the weights sum to R^2 = sum(beta * correlation), each weight lies in
-- [0, R^2], the ranks follow the weights.
SELECT factor, rank, round(correlation::numeric, 6) AS correlation, round(beta::numeric, 6) AS beta,
       round(relative_weight::numeric, 6) AS relative_weight
FROM driver_weights((SELECT driver_agg(y, ARRAY[x1, x2, x3, x4], ARRAY['price', 'speed', 'staff', 'range']) FROM drv));
SELECT abs(sum(relative_weight) - sum(beta * correlation)) < 1e-12 AS weights_sum_to_r2,
       bool_and(relative_weight >= 0) AND max(relative_weight) <= sum(beta * correlation) AS in_range,
       array_agg(rank ORDER BY relative_weight DESC) = '{1,2,3,4}' AS ranks_follow_weights
FROM driver_weights((SELECT driver_agg(y, ARRAY[x1, x2, x3, x4], ARRAY['price', 'speed', 'staff', 'range']) FROM drv));
-- the weights are invariant to a positive linear rescaling of a factor or the outcome
-- (x4 + 1e6: the sums cancel in 1e12 and still give the same correlations)
SELECT bool_and(abs(a.relative_weight - b.relative_weight) < 1e-12 AND abs(a.beta - b.beta) < 1e-12) AS rescaling_invariant
FROM driver_weights((SELECT driver_agg(y, ARRAY[x1, x2, x3, x4], ARRAY['price', 'speed', 'staff', 'range']) FROM drv)) a
JOIN driver_weights((SELECT driver_agg(10 * y - 3, ARRAY[x1 * 0.25, 2 * x2 + 100, x3, x4 + 1e6], ARRAY['price', 'speed', 'staff', 'range']) FROM drv)) b
USING (factor);

-- Listwise NULL handling: a row with any NULL (outcome, a rating, either array) is skipped.
SELECT (SELECT driver_agg(y, ARRAY[x1, x3], ARRAY['a', 'b'])::text FROM drv)
     = (SELECT driver_agg(y, ARRAY[x1, x3], ARRAY['a', 'b'])::text FROM drv WHERE y IS NOT NULL AND x3 IS NOT NULL) AS listwise,
       (SELECT count(*) FROM drv WHERE y IS NOT NULL AND x3 IS NOT NULL) AS complete_rows;
SELECT driver_agg(y, r, n) IS NULL AS only_incomplete_rows_give_null
FROM (VALUES (NULL::float8, '{1}'::float8[], '{a}'::text[]), (1, NULL, '{a}'), (1, '{NULL}', '{a}'), (1, '{1}', NULL)) v(y, r, n);
SELECT driver_agg(y, ARRAY[x1], ARRAY['a']) IS NULL AS empty_group_gives_null FROM drv WHERE false;

-- The text form reads back to the same value (the binary form: test/scripts/recv_roundtrip.sh
-- over test/type_samples.txt).
SELECT s::text::driver_state::text = s::text AS text_round_trip
FROM (SELECT driver_agg(yf, ARRAY[x1, x2, x3], ARRAY['a"b', 'c\d', 'é']) AS s FROM drv) t;

-- Merging in any order: the integer data give identical sums; the non-integer ones
-- agree within 1e-12 in every output.  Parallel plans (partial aggregates), hashed and
-- sorted grouping, and rollup over stored per-group states.
CREATE TABLE drv_big AS
SELECT i, i % 50 AS g, 1 + (i * 7) % 10 AS a, 1 + (i * 13) % 7 AS b, 1 + (i * 17) % 11 AS c,
       (1 + (i * 7) % 10) * 0.3 + (1 + (i * 13) % 7) * 0.5 + ((i * 31) % 9) * 0.71 AS yf
FROM generate_series(1, 60000) AS i;
ALTER TABLE drv_big ALTER a TYPE float8, ALTER b TYPE float8, ALTER c TYPE float8;
ANALYZE drv_big;
SET max_parallel_workers_per_gather = 0;
CREATE TABLE drv_serial AS
SELECT driver_agg(yf, ARRAY[a, b, c], ARRAY['a', 'b', 'c']) AS fs, driver_agg(a + b, ARRAY[a, b, c], ARRAY['a', 'b', 'c']) AS ints
FROM drv_big;
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/parallel.sql
SELECT pg_temp.plan_has($$SELECT driver_agg(yf, ARRAY[a, b, c], ARRAY['a', 'b', 'c']) FROM drv_big$$, 'Partial Aggregate') AS parallel_plan;
CREATE TABLE drv_parallel AS
SELECT driver_agg(yf, ARRAY[a, b, c], ARRAY['a', 'b', 'c']) AS fs, driver_agg(a + b, ARRAY[a, b, c], ARRAY['a', 'b', 'c']) AS ints
FROM drv_big;
\i :abs_srcdir/test/regress/parallel_reset.sql
-- stored per-group states, rolled up (in group order and reversed)
CREATE TABLE drv_groups AS
SELECT g, driver_agg(yf, ARRAY[a, b, c], ARRAY['a', 'b', 'c']) AS fs FROM drv_big GROUP BY g;
CREATE TABLE drv_rollups AS
SELECT (SELECT rollup(fs ORDER BY g) FROM drv_groups) AS up, (SELECT rollup(fs ORDER BY g DESC) FROM drv_groups) AS down;
SELECT p.ints::text = s.ints::text AS integer_sums_identical,
       (SELECT bool_and(abs(x.relative_weight - y.relative_weight) < 1e-12 AND abs(x.beta - y.beta) < 1e-12
                        AND abs(x.correlation - y.correlation) < 1e-12 AND x.rank = y.rank)
        FROM driver_weights(s.fs) x JOIN driver_weights(p.fs) y USING (factor)) AS parallel_equals_serial,
       (SELECT bool_and(abs(x.relative_weight - y.relative_weight) < 1e-12 AND abs(x.beta - y.beta) < 1e-12
                        AND abs(x.relative_weight - z.relative_weight) < 1e-12 AND abs(x.beta - z.beta) < 1e-12)
        FROM driver_weights(s.fs) x JOIN driver_weights(r.up) y USING (factor)
        JOIN driver_weights(r.down) z USING (factor)) AS rollups_equal_serial,
       (SELECT count(*) FROM driver_weights(r.up)) AS factors
FROM drv_serial s, drv_parallel p, drv_rollups r;
-- a parallel run in which the leader does nothing but combine (force_parallel_mode / debug_parallel_query)
SET :force_parallel = on;
SELECT (SELECT driver_agg(a + b, ARRAY[a, b, c], ARRAY['a', 'b', 'c'])::text FROM drv_big) = (SELECT ints::text FROM drv_serial) AS forced_parallel_identical;
RESET :force_parallel;
-- hashed and sorted GROUP BY give the same state per group
SET enable_sort = off;
SELECT pg_temp.plan_has($$SELECT g, driver_agg(a + b, ARRAY[a, b, c], ARRAY['a', 'b', 'c']) FROM drv_big GROUP BY g$$, 'HashAggregate') AS hashed_plan;
CREATE TABLE drv_hashed AS SELECT g, driver_agg(a + b, ARRAY[a, b, c], ARRAY['a', 'b', 'c'])::text AS st FROM drv_big GROUP BY g;
RESET enable_sort;
SET enable_hashagg = off;
CREATE TABLE drv_sorted AS SELECT g, driver_agg(a + b, ARRAY[a, b, c], ARRAY['a', 'b', 'c'])::text AS st FROM drv_big GROUP BY g;
RESET enable_hashagg;
SELECT count(*) AS groups, bool_and(h.st = s.st) AS hashed_equals_sorted FROM drv_hashed h JOIN drv_sorted s USING (g);

-- Derived importance-performance: the relative weights as importance, the mean ratings
-- of ipa_agg as performance, quadrants against the means of both columns.
WITH answers AS (
       SELECT i, y, ARRAY[x1, x2, x3] AS ratings, ARRAY['price', 'speed', 'staff'] AS names FROM drv),
     importance AS (
       SELECT factor, relative_weight FROM driver_weights((SELECT driver_agg(y, ratings, names) FROM answers))),
     performance AS (
       SELECT factor, performance FROM ipa_factors((
         SELECT ipa_agg(f.name, NULL, f.rating, 1, 10) FROM answers, unnest(names, ratings) AS f(name, rating))))
SELECT factor, round(relative_weight::numeric, 4) AS importance, round(performance::numeric, 4) AS performance,
       CASE WHEN relative_weight >= avg(relative_weight) OVER ()
            THEN CASE WHEN performance >= avg(performance) OVER () THEN 'keep up the good work' ELSE 'concentrate here' END
            ELSE CASE WHEN performance >= avg(performance) OVER () THEN 'possible overkill' ELSE 'low priority' END
       END AS quadrant
FROM importance JOIN performance USING (factor)
ORDER BY relative_weight DESC;
-- the performance means are the plain means of the ratings
SELECT round(avg(x1)::numeric, 4) AS price, round(avg(x2)::numeric, 4) AS speed, round(avg(x3)::numeric, 4) AS staff FROM drv;

-- Errors (class 22 with the value named; the hardening test has one case per rule).
SELECT * FROM driver_weights((SELECT driver_agg(y, ARRAY[x1, x2, x1 + x2], ARRAY['a', 'b', 'a+b']) FROM drv));
SELECT * FROM driver_weights((SELECT driver_agg(y, ARRAY[x1, 3], ARRAY['a', 'three']) FROM drv));
SELECT * FROM driver_weights((SELECT driver_agg(5, ARRAY[x1], ARRAY['a']) FROM drv));
SELECT * FROM driver_weights((SELECT driver_agg(y, ARRAY[x1, x2], ARRAY['a', 'b']) FROM drv WHERE i < 3));
SELECT driver_agg(y, ARRAY[x1, x2], ARRAY['a']) FROM drv;
SELECT driver_agg(y, ARRAY[x1], CASE WHEN i < 5 THEN ARRAY['a'] ELSE ARRAY['b'] END) FROM drv;
SELECT driver_agg(1, array_fill(1::float8, ARRAY[51]), (SELECT array_agg('f' || s) FROM generate_series(1, 51) s));
SELECT rollup(s) FROM (VALUES ('v1;n=1;factor="x";row=2:0,3:0;row=4:0,6:0;row=9:0'::driver_state),
                              ('v1;n=1;factor="z";row=2:0,3:0;row=4:0,6:0;row=9:0')) v(s);

DROP TABLE mtcars, drv, drv_k2, drv_big, drv_serial, drv_parallel, drv_groups, drv_rollups, drv_hashed, drv_sorted;
