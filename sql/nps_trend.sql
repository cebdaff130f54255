-- Tests on survey scores (issue 18): nps_compare by method and against a benchmark, nps_shift,
-- and the nps_trend aggregate.  Every figure is checked against plain SQL over the same rows,
-- closed forms, or values written down with the command that produced them.
SET extra_float_digits = 0;

-- The two-sided normal p-value by Simpson's rule over the upper tail (no erfc in SQL on 15):
-- 2 * integral from |z| to |z| + 12 of the normal density, 6000 steps (error below 1e-13).
CREATE FUNCTION pg_temp.normal_p(z float8) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$
  SELECT 2 * (12.0 / 6000) / 3 * sum(CASE WHEN i IN (0, 6000) THEN 1 WHEN i % 2 = 1 THEN 4 ELSE 2 END
                                     * exp(-((abs(z) + i * 12.0 / 6000) ^ 2) / 2)) / sqrt(2 * pi())
  FROM generate_series(0, 6000) i $$;
-- Chi-square upper tail for even df in closed form: exp(-x/2) * sum_{i < df/2} (x/2)^i / i!.
CREATE FUNCTION pg_temp.chi2_p_even(x float8, df int) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$
  SELECT exp(-x / 2) * sum((x / 2) ^ i / factorial(i)::float8) FROM generate_series(0, df / 2 - 1) i $$;
SELECT round(pg_temp.normal_p(1.959963984540054)::numeric, 12) AS p_at_1_96, round(pg_temp.normal_p(0)::numeric, 12) AS p_at_0;

-- Answers over periods 1, 2, 3, 5, 8 (gaps), in three segments, every third answer rising with
-- the period; every 17th answer skipped.  States are stored per (period, segment).
CREATE TABLE trend_answers AS
SELECT i, (ARRAY[1, 2, 3, 5, 8])[1 + i % 5] AS period, i % 3 AS segment,
       CASE WHEN i % 17 = 0 THEN NULL
            ELSE least(10, ((i * 7919) % 1013) % 11 + CASE WHEN i % 3 = 0 THEN (ARRAY[1, 2, 3, 5, 8])[1 + i % 5] / 3 ELSE 0 END) END AS score
FROM generate_series(1, 6000) i;
CREATE TABLE trend_states AS
SELECT period, segment, nps_agg(score) AS state FROM trend_answers GROUP BY period, segment;

-- Plain SQL: the 3 x k table, Pearson's chi-square and df; the least-squares line through every
-- answer scored +100 / 0 / -100 against its period (regr_* over the answers).
CREATE TEMP VIEW trend_plain AS
WITH cls AS (SELECT period, CASE WHEN score >= 9 THEN 'p' WHEN score <= 6 THEN 'd' ELSE 'a' END AS c,
                    CASE WHEN score >= 9 THEN 100 WHEN score <= 6 THEN -100 ELSE 0 END AS x
             FROM trend_answers WHERE score IS NOT NULL),
     obs AS (SELECT period, c, count(*)::float8 AS o FROM cls GROUP BY 1, 2),
     rt AS (SELECT c, sum(o) AS r FROM obs GROUP BY c),
     ct AS (SELECT period, sum(o) AS k FROM obs GROUP BY period),
     cells AS (SELECT rt.c, ct.period, coalesce(obs.o, 0) AS o, rt.r * ct.k / (SELECT sum(o) FROM obs) AS e
               FROM rt CROSS JOIN ct LEFT JOIN obs ON obs.c = rt.c AND obs.period = ct.period)
SELECT (SELECT sum((o - e) ^ 2 / e) FROM cells) AS chi_square,
       (SELECT ((count(DISTINCT c) - 1) * (count(DISTINCT period) - 1))::int FROM cells) AS df,
       regr_slope(x, period) AS slope,
       sqrt((regr_syy(x, period) - regr_slope(x, period) * regr_sxy(x, period)) / (regr_count(x, period) - 2) / regr_sxx(x, period)) AS slope_std_error
FROM cls;
SELECT df, round(chi_square::numeric, 6) AS chi_square, round(slope::numeric, 6) AS slope FROM trend_plain;
SELECT abs(t.chi_square - p.chi_square) < 1e-9 * p.chi_square AS chi_square_matches,
       t.df = p.df AS df_matches,
       abs(t.p_value - pg_temp.chi2_p_even(p.chi_square, p.df)) < 1e-12 * t.p_value AS p_value_matches_closed_form,
       abs(t.slope - p.slope) < 1e-9 * abs(p.slope) AS slope_matches,
       abs(t.slope_std_error - p.slope_std_error) < 1e-9 * p.slope_std_error AS std_error_matches,
       abs(t.slope_p_value - pg_temp.normal_p(p.slope / p.slope_std_error)) < 1e-9 * t.slope_p_value AS slope_p_matches,
       round(t.p_value::numeric, 6) AS p_value, round(t.slope_p_value::numeric, 6) AS slope_p_value
FROM (SELECT (nps_trend(state, period)).* FROM trend_states) t, trend_plain p;

-- Small tables with Pearson's chi-square and p-value computed by python3 (no scipy on the build
-- machine; closed forms of the chi-square tail for df 1, 2, 3), rows promoters/passives/detractors:
--   python3 -c "import math; x=4.0; print(math.exp(-x/2))"                       # (30,10,10) vs (20,15,15): X2 = 4, df 2 -> 0.1353352832366127
--   python3 -c "import math; x=4.285714285714286; print(math.erfc(math.sqrt(x/2)))"   # (12,0,18) vs (20,0,10): df 1 -> 0.03843393023678172
--   python3 -c "import math; x=8.839285714285715; print(math.erfc(math.sqrt(x/2))+math.sqrt(2*x/math.pi)*math.exp(-x/2))"
--                                                  # (12,0,18), (20,0,10), (9,0,21), (15,0,15): df 3 -> 0.03150577376283804
-- (X2 by hand: expected counts r * c / N, e.g. 30 promoters expected 25 in both periods of the first.)
CREATE FUNCTION pg_temp.pad(p int, a int, d int) RETURNS nps_state LANGUAGE sql IMMUTABLE AS $$
  SELECT format('v2;scale=0..10;promoter_min=9;detractor_max=6;counts=%s,0,0,0,0,0,0,%s,0,%s,0', d, a, p)::nps_state $$;
SELECT tbl, chi_square, df, round(p_value::numeric, 15) AS p_value, round(python::numeric, 15) AS python
FROM (SELECT 'df 2' AS tbl, (nps_trend(s, k)).*, 0.1353352832366127 AS python
      FROM (VALUES (pg_temp.pad(30, 10, 10), 1), (pg_temp.pad(20, 15, 15), 2)) v(s, k)
      UNION ALL
      SELECT 'df 1', (nps_trend(s, k)).*, 0.03843393023678172
      FROM (VALUES (pg_temp.pad(12, 0, 18), 1), (pg_temp.pad(20, 0, 10), 2)) v(s, k)
      UNION ALL
      SELECT 'df 3', (nps_trend(s, k)).*, 0.03150577376283804
      FROM (VALUES (pg_temp.pad(12, 0, 18), 1), (pg_temp.pad(20, 0, 10), 2), (pg_temp.pad(9, 0, 21), 4), (pg_temp.pad(15, 0, 15), 7)) v(s, k)) r
ORDER BY tbl;

-- Merging is exact: several states of one period, in any order, or rolled up first, give the same
-- bits as one state per period; a NULL state or period is skipped.
SELECT (SELECT nps_trend(state, period) FROM trend_states) = (SELECT nps_trend(s, period) FROM (SELECT period, rollup(state) s FROM trend_states GROUP BY period) r) AS rolled_up_first_equal,
       (SELECT nps_trend(state, period) FROM trend_states) = (SELECT nps_trend(state, period ORDER BY md5(period || '/' || segment)) FROM trend_states) AS any_order_equal,
       (SELECT nps_trend(state, period) FROM trend_states) = (SELECT nps_trend(s, p) FROM (SELECT state, period FROM trend_states UNION ALL VALUES (NULL::nps_state, 4), (pg_temp.pad(5, 5, 5), NULL)) v(s, p)) AS nulls_skipped;
-- A period whose states have no answers is left out (it would otherwise be a column of zeros).
SELECT (SELECT nps_trend(state, period) FROM trend_states) =
       (SELECT nps_trend(s, p) FROM (SELECT state, period FROM trend_states UNION ALL VALUES (pg_temp.pad(0, 0, 0), 99)) v(s, p)) AS empty_period_left_out;

-- nps_trend over 1,000 stored states (one per segment and day) in parallel and hashed/sorted plans
-- gives the serial bits.
CREATE TABLE trend_many AS
SELECT d % 40 AS period, d % 7 AS grp, d AS day,
       pg_temp.pad((d * 37) % 50 + d % 40, (d * 11) % 30, (d * 53) % 45) AS state
FROM generate_series(1, 1000) d;
ANALYZE trend_many;
CREATE TEMP TABLE trend_serial AS SELECT grp, nps_trend(state, period) AS t FROM trend_many GROUP BY grp;
CREATE TEMP TABLE trend_serial_total AS SELECT nps_trend(state, period) AS t FROM trend_many;
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/parallel.sql
SELECT pg_temp.plan_has('SELECT nps_trend(state, period) FROM trend_many', 'Partial Aggregate') AS plan_is_parallel;
SELECT (SELECT nps_trend(state, period) FROM trend_many) = t AS parallel_equals_serial FROM trend_serial_total;
SET enable_sort = off;
SELECT pg_temp.plan_has('SELECT grp, nps_trend(state, period) FROM trend_many GROUP BY grp', 'HashAggregate') AS hashed_plan;
SELECT bool_and(h.t = s.t) AS hashed_equals_serial, count(*) AS groups
FROM (SELECT grp, nps_trend(state, period) AS t FROM trend_many GROUP BY grp) h JOIN trend_serial s USING (grp);
RESET enable_sort;
SET enable_hashagg = off;
SELECT bool_and(h.t = s.t) AS sorted_equals_serial, count(*) AS groups
FROM (SELECT grp, nps_trend(state, period) AS t FROM trend_many GROUP BY grp) h JOIN trend_serial s USING (grp);
RESET enable_hashagg;
SET :force_parallel = on;
SELECT (SELECT nps_trend(state, period) FROM trend_many) = t AS forced_parallel_equals_serial FROM trend_serial_total;
\i :abs_srcdir/test/regress/parallel_reset.sql

-- nps_compare by method: adjusted Wald against plain SQL over the segments of period 8 vs period 1
-- (net' and SE as for nps_ci; difference = net'(a) - net'(b), SE = sqrt(SE_a^2 + SE_b^2)).
CREATE TEMP VIEW trend_adjusted AS
SELECT period, segment, 100 * (pp - dd) AS net, 100 * sqrt((pp + dd - (pp - dd) ^ 2) / n) AS se, state
FROM (SELECT period, segment, response_count(state) + 3.0 AS n,
             (promoter_count(state) + 0.75) / (response_count(state) + 3.0) AS pp,
             (detractor_count(state) + 0.75) / (response_count(state) + 3.0) AS dd, state
      FROM trend_states) q;
SELECT bool_and(abs(c.difference - (a.net - b.net)) < 1e-9 AND abs(c.std_error - sqrt(a.se ^ 2 + b.se ^ 2)) < 1e-9
                AND abs(c.z - (a.net - b.net) / sqrt(a.se ^ 2 + b.se ^ 2)) < 1e-9
                AND abs(c.p_value - pg_temp.normal_p((a.net - b.net) / sqrt(a.se ^ 2 + b.se ^ 2))) < 1e-12) AS adjusted_compare_matches,
       count(*) AS pairs
FROM trend_adjusted a JOIN trend_adjusted b ON a.segment = b.segment AND a.period = 8 AND b.period = 1,
     LATERAL nps_compare(a.state, b.state, 'adjusted_wald') c;
-- The example of sql/nps.sql (a = 50/30/20 of 100, b = 40/30/30): Wald z = 1.7541, p = 0.0794;
-- adjusted: net' = 100 (50.75 - 20.75) / 103 = 29.1262, 100 (40.75 - 30.75) / 103 = 9.7087.
SELECT method, round(difference::numeric, 4) AS difference, round(std_error::numeric, 4) AS std_error,
       round(z::numeric, 4) AS z, round(p_value::numeric, 4) AS p_value
FROM (VALUES ('wald'), ('adjusted_wald')) m(method),
     nps_compare(pg_temp.pad(50, 30, 20), pg_temp.pad(40, 30, 30), m.method);

-- Against a benchmark (the industry's 32, say): difference = net - 32 with the state's own SE.
SELECT bool_and(abs(c.difference - (a.net - 32)) < 1e-9 AND abs(c.std_error - a.se) < 1e-9
                AND abs(c.p_value - pg_temp.normal_p((a.net - 32) / a.se)) < 1e-12) AS adjusted_benchmark_matches,
       bool_and(w.difference = nps(a.state) - 32 AND abs(w.std_error - nps_moe(a.state, 0.95) / 1.959963984540054) < 1e-9) AS wald_benchmark_matches,
       count(*) AS states
FROM trend_adjusted a, LATERAL nps_compare(a.state, 32, 'adjusted_wald') c, LATERAL nps_compare(a.state, 32, 'wald') w;

-- nps_shift: 'up'/'down' when the adjusted-Wald test of current - previous has p < 1 - confidence.
SELECT bool_and(nps_shift(b.state, a.state, conf) =
                CASE WHEN c.p_value >= 1 - conf THEN 'flat' WHEN c.difference > 0 THEN 'up' ELSE 'down' END) AS shift_matches_compare,
       count(*) FILTER (WHERE nps_shift(b.state, a.state, conf) = 'up') AS ups,
       count(*) FILTER (WHERE nps_shift(b.state, a.state, conf) = 'down') AS downs,
       count(*) FILTER (WHERE nps_shift(b.state, a.state, conf) = 'flat') AS flats
FROM trend_adjusted a JOIN trend_adjusted b ON a.segment = b.segment AND a.period <> b.period,
     (VALUES (0.8), (0.95), (0.999)) v(conf),
     LATERAL nps_compare(a.state, b.state, 'adjusted_wald') c;
-- 50/30/20 -> 40/30/30: adjusted p = 0.0838 (above): flat at 95 %, down at 90 %.
SELECT nps_shift(pg_temp.pad(50, 30, 20), pg_temp.pad(40, 30, 30)) AS at_95,
       nps_shift(pg_temp.pad(50, 30, 20), pg_temp.pad(40, 30, 30), 0.90) AS at_90,
       nps_shift(pg_temp.pad(40, 30, 30), pg_temp.pad(50, 30, 20), 0.90) AS reversed_at_90;
