-- NPS family: every figure checked by hand or against plain SQL over the same rows.
SET extra_float_digits = 0;

CREATE TABLE nps_small (segment text, score integer);
-- Segment a: 10,10,10,9,8,7,6,5,0,0 -> promoters 4, passives 2, detractors 4: NPS 0, mean 6.5.
-- Segment b: 9,9,8 and a skipped question -> NPS 100 * 2 / 3 = 66.67.
-- Segment c: only skipped questions -> NULL, like sum().
INSERT INTO nps_small VALUES
  ('a', 10), ('a', 10), ('a', 10), ('a', 9), ('a', 8), ('a', 7), ('a', 6), ('a', 5), ('a', 0), ('a', 0),
  ('b', 9), ('b', 9), ('b', 8), ('b', NULL),
  ('c', NULL);

SELECT segment, nps(score), round(mean_score(nps_agg(score))::numeric, 4) AS mean,
       response_count(nps_agg(score)), promoter_count(nps_agg(score)), passive_count(nps_agg(score)), detractor_count(nps_agg(score))
FROM nps_small GROUP BY segment ORDER BY segment;

-- Empty input and NULL-only input give NULL, like sum().
SELECT nps(score) IS NULL AS empty_is_null, nps_agg(score) IS NULL AS empty_state_is_null FROM nps_small WHERE false;
SELECT nps(score) IS NULL AS all_null_is_null FROM nps_small WHERE segment = 'c';

-- Shares, hand-computed for segment a: 0.4, 0.2, 0.4; CSAT-style top-box share 40 %.
SELECT promoter_share(s), passive_share(s), detractor_share(s), csat(s), score_counts(s)
FROM (SELECT nps_agg(score) s FROM nps_small WHERE segment = 'a') x;

-- Margin of error at 95 %: p = d = 0.4, n = 10: 1.959963984540054 * 100 * sqrt(0.08) = 55.4362...
SELECT round(nps_moe(s)::numeric, 6) AS moe95,
       round((1.959963984540054 * 100 * sqrt(0.08))::numeric, 6) AS by_hand,
       round(nps_moe(s, 0.90)::numeric, 6) AS moe90,
       round((1.6448536269514722 * 100 * sqrt(0.08))::numeric, 6) AS by_hand90
FROM (SELECT nps_agg(score) s FROM nps_small WHERE segment = 'a') x;
-- The interval is clipped to [-100, 100]: segment b is 66.67 +/- 61.6.
SELECT round(lower::numeric, 4) AS lower, round(upper::numeric, 4) AS upper,
       round((200.0 / 3 - 1.959963984540054 * 100 * sqrt((2.0 / 3 - (2.0 / 3) ^ 2) / 3))::numeric, 4) AS lower_by_hand
FROM nps_ci((SELECT nps_agg(score) FROM nps_small WHERE segment = 'b'));

-- Distribution chart: bars scaled to the largest bucket (3 tens): 3 -> 12 cells, 2 -> 8, 1 -> 4.
SELECT * FROM score_distribution((SELECT nps_agg(score) FROM nps_small WHERE segment = 'a'), 12);
SELECT sum(responses) AS responses, sum(share) AS shares, max(length(bar)) AS widest
FROM score_distribution((SELECT nps_agg(score) FROM nps_small), 7);

-- Comparison, by hand: a = 50/30/20 of 100 (NPS 30), b = 40/30/30 (NPS 10):
-- SE = 100 * sqrt(0.0061 + 0.0069) = 11.4018, z = 1.7541, two-sided p = 0.0794.
CREATE TABLE nps_ab AS
  SELECT 'a' AS grp, CASE WHEN i <= 50 THEN 10 WHEN i <= 80 THEN 8 ELSE 3 END AS score FROM generate_series(1, 100) i
  UNION ALL
  SELECT 'b', CASE WHEN i <= 40 THEN 9 WHEN i <= 70 THEN 7 ELSE 0 END FROM generate_series(1, 100) i;
SELECT round(difference::numeric, 4) AS difference, round(std_error::numeric, 4) AS std_error,
       round(z::numeric, 4) AS z, round(p_value::numeric, 4) AS p_value
FROM nps_compare((SELECT nps_agg(score) FROM nps_ab WHERE grp = 'a'),
                 (SELECT nps_agg(score) FROM nps_ab WHERE grp = 'b'));

-- Against plain SQL over generated data with NULLs and a skewed distribution.
CREATE TABLE nps_gen AS
  SELECT i, i % 7 AS grp, (i / 100) AS day,
         CASE WHEN i % 53 = 0 THEN NULL ELSE ((i * 7919) % 1009) % 11 END AS score
  FROM generate_series(1, 20000) i;
CREATE TEMP VIEW nps_plain AS
  SELECT grp,
         100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)) / count(score) AS nps,
         count(score) AS n,
         count(*) FILTER (WHERE score >= 9)::float8 / count(score) AS p,
         count(*) FILTER (WHERE score <= 6)::float8 / count(score) AS d,
         avg(score) AS mean
  FROM nps_gen GROUP BY grp;
SELECT bool_and(abs(e.nps - p.nps) < 1e-9) AS nps_matches,
       bool_and(e.n = p.n) AS responses_match,
       bool_and(abs(e.moe - 1.959963984540054 * 100 * sqrt((p.p + p.d - (p.p - p.d) ^ 2) / p.n)) < 1e-9) AS moe_matches,
       bool_and(abs(e.mean - p.mean) < 1e-9) AS mean_matches,
       count(*) AS groups
FROM (SELECT grp, nps(score) AS nps, response_count(nps_agg(score)) AS n, nps_moe(nps_agg(score)) AS moe,
             mean_score(nps_agg(score)) AS mean
      FROM nps_gen GROUP BY grp) e JOIN nps_plain p USING (grp);
SELECT score_counts(nps_agg(score)) = (SELECT array_agg(c ORDER BY s) FROM
         (SELECT s, count(score) FILTER (WHERE score = s) AS c FROM generate_series(0, 10) s, nps_gen GROUP BY s) x) AS counts_match
FROM nps_gen;

-- Rollup: daily states stored in a table, rolled up to weeks, equal the direct aggregate.
CREATE TABLE nps_daily AS SELECT day, grp, nps_agg(score) AS state FROM nps_gen GROUP BY day, grp;
SELECT bool_and(r.state::text = d.state::text) AS rollup_equals_direct, count(*) AS weeks
FROM (SELECT day / 7 AS week, rollup(state) AS state FROM nps_daily GROUP BY 1) r
JOIN (SELECT day / 7 AS week, nps_agg(score) AS state FROM nps_gen GROUP BY 1) d USING (week);
SELECT rollup(state) IS NULL AS rollup_of_nothing_is_null FROM nps_daily WHERE false;

-- Text form round-trips exactly; a table of states survives a text COPY round trip.
SELECT bool_and(state::text::nps_state::text = state::text) AS text_round_trip FROM nps_daily;
SELECT 'v1 scale=1..5 promoter_min=4 detractor_max=2 counts=0,0,9223372036854775806,0,1'::nps_state;

-- Binary COPY round trip (send/recv), through a file the server writes and removes.
CREATE TABLE nps_daily_copy (LIKE nps_daily);
DO $$
DECLARE f text := '/tmp/customer_focus_nps_' || pg_backend_pid() || '.bin';
BEGIN
  EXECUTE format('COPY (SELECT day, grp, state FROM nps_daily) TO PROGRAM %L WITH (FORMAT binary)', 'cat > ' || f);
  EXECUTE format('COPY nps_daily_copy FROM PROGRAM %L WITH (FORMAT binary)', 'cat ' || f || ' && rm -f ' || f);
END $$;
SELECT count(*) AS rows, bool_and(a.state::text = b.state::text) AS binary_round_trip
FROM nps_daily a JOIN nps_daily_copy b USING (day, grp);

-- Moving window: inverse transitions give what a fresh aggregate over each frame gives.
SELECT bool_and(w.nps IS NOT DISTINCT FROM f.nps) AS window_matches, count(*) AS rows
FROM (SELECT i, nps(score) OVER (ORDER BY i ROWS BETWEEN 29 PRECEDING AND CURRENT ROW) AS nps
      FROM nps_gen WHERE i <= 500) w
JOIN LATERAL (SELECT nps(score) FROM nps_gen g WHERE g.i BETWEEN w.i - 29 AND w.i) f ON true;
-- A frame of NULL scores only gives NULL.
SELECT i, nps(s) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
FROM (VALUES (1, 10), (2, NULL), (3, NULL), (4, 0)) v(i, s);

-- CSAT (1-5, top-2-box) and CES (1-7, mean) against plain SQL.
CREATE TABLE nps_csat AS SELECT i, 1 + (i * 31) % 5 AS csat_score, 1 + (i * 17) % 7 AS ces_score FROM generate_series(1, 999) i;
SELECT abs(csat(csat_score) - 100.0 * count(*) FILTER (WHERE csat_score >= 4) / count(*)) < 1e-9 AS csat_matches,
       abs(ces(ces_score) - avg(ces_score)) < 1e-9 AS ces_matches,
       score_counts(csat_agg(csat_score)) AS csat_counts,
       promoter_count(ces_agg(ces_score)) = count(*) FILTER (WHERE ces_score >= 5) AS ces_agree_matches
FROM nps_csat;
-- A custom scale: 1-10 with promoters 8-10 and detractors 1-4.
SELECT abs(nps(score_agg(s, 1, 10, 8, 4)) - (100.0 * (count(*) FILTER (WHERE s >= 8) - count(*) FILTER (WHERE s <= 4)) / count(*))) < 1e-9 AS custom_matches,
       score_agg(s, 1, 10, 8, 4)
FROM (SELECT 1 + i % 10 AS s FROM generate_series(1, 95) i) x;

-- Interval methods (issue 18).  The three-argument forms with 'wald' are the 1.0 forms to the bit.
SELECT bool_and(nps_moe(state, c, 'wald') = nps_moe(state, c)) AS wald_moe_is_released_moe,
       bool_and(nps_ci(state, c, 'wald') = nps_ci(state, c)) AS wald_ci_is_released_ci,
       bool_and(nps_compare(state, state, 'wald') = nps_compare(state, state)) AS wald_compare_is_released_compare
FROM (SELECT grp, nps_agg(score) AS state FROM nps_gen GROUP BY grp) g, (VALUES (0.8), (0.95), (0.99)) c(c);
-- Adjusted Wald (Sauro and Lewis, MeasuringU): n' = n + 3, p' = (P + 3/4) / n', d' = (D + 3/4) / n',
-- net' = 100 (p' - d'), SE = 100 sqrt((p' + d' - (p' - d')^2) / n'); by hand for segment a
-- (P = D = 4 of 10): net' = 0, SE = 100 sqrt((9.5 / 13) / 13) = 23.70893..., moe = 1.959964 SE = 46.4687...
SELECT round(nps_moe(s, 0.95, 'adjusted_wald')::numeric, 6) AS moe,
       round((1.959963984540054 * 100 * sqrt((9.5 / 13) / 13))::numeric, 6) AS by_hand,
       (nps_ci(s, 0.95, 'adjusted_wald')).lower = -nps_moe(s, 0.95, 'adjusted_wald') AS centred_on_zero
FROM (SELECT nps_agg(score) s FROM nps_small WHERE segment = 'a') x;
-- The same against plain SQL over every group of nps_gen and three confidences
-- (z from the normal table: 1.2815515655446004, 1.959963984540054, 2.5758293035489004).
SELECT bool_and(abs(e.lower - (a.net - z.z * a.se)) < 1e-9 AND abs(e.upper - least(100, a.net + z.z * a.se)) < 1e-9) AS adjusted_ci_matches,
       bool_and(abs(e.moe - z.z * a.se) < 1e-9) AS adjusted_moe_matches,
       count(*) AS cases
FROM (SELECT grp, 100 * (pp - dd) AS net, 100 * sqrt((pp + dd - (pp - dd) ^ 2) / n) AS se
      FROM (SELECT grp, count(score) + 3.0 AS n,
                   (count(*) FILTER (WHERE score >= 9) + 0.75) / (count(score) + 3.0) AS pp,
                   (count(*) FILTER (WHERE score <= 6) + 0.75) / (count(score) + 3.0) AS dd
            FROM nps_gen GROUP BY grp) q) a
JOIN (VALUES (0.8, 1.2815515655446004), (0.95, 1.959963984540054), (0.99, 2.5758293035489004)) z(c, z) ON true
JOIN LATERAL (SELECT (nps_ci(s, z.c, 'adjusted_wald')).*, nps_moe(s, z.c, 'adjusted_wald') AS moe
              FROM (SELECT nps_agg(score) s FROM nps_gen g WHERE g.grp = a.grp) x) e ON true;
-- Unanimous answers: Wald has zero width, adjusted Wald does not (5 promoters: net' = 100 (5 / 8), SE = 100 sqrt((6.5/8 - (5/8)^2) / 8)).
SELECT nps_ci(s, 0.95, 'wald') AS wald,
       round((nps_ci(s, 0.95, 'adjusted_wald')).lower::numeric, 6) AS adjusted_lower,
       round((62.5 - 1.959963984540054 * 100 * sqrt((6.5 / 8 - 0.625 ^ 2) / 8))::numeric, 6) AS by_hand,
       (nps_ci(s, 0.95, 'adjusted_wald')).upper AS adjusted_upper_clipped
FROM (SELECT nps_agg(10) s FROM generate_series(1, 5)) x;

-- top_box_ci: the Wilson interval.  Newcombe (Statistics in Medicine 1998, table I) gives
-- 81/263: 0.2553 to 0.3662, 15/148: 0.0624 to 0.1605, 0/20: 0 to 0.1611, 1/29: 0.0061 to 0.1718.
SELECT x, n, round(lower::numeric, 4) AS lower, round(upper::numeric, 4) AS upper
FROM (VALUES (81, 263), (15, 148), (0, 20), (1, 29)) v(x, n),
     top_box_ci((SELECT nps_agg(CASE WHEN i <= x THEN 10 ELSE 7 END) FROM generate_series(1, n) i));
-- The other shares, and a CSAT state's top box (4-5 of 1-5), against the formula in plain SQL.
SELECT bool_and(abs(t.lower - w.lower) < 1e-12 AND abs(t.upper - w.upper) < 1e-12) AS wilson_matches, count(*) AS cases
FROM (SELECT 'detractors' AS share, count(*) FILTER (WHERE score <= 6)::float8 AS x, count(score)::float8 AS n, nps_agg(score) AS s FROM nps_gen
      UNION ALL SELECT 'passives', count(*) FILTER (WHERE score IN (7, 8)), count(score), nps_agg(score) FROM nps_gen
      UNION ALL SELECT 'promoters', count(*) FILTER (WHERE csat_score >= 4), count(*), csat_agg(csat_score) FROM nps_csat) c,
     LATERAL (SELECT (x + 1.959963984540054 ^ 2 / 2) / (n + 1.959963984540054 ^ 2)
                     - 1.959963984540054 / (n + 1.959963984540054 ^ 2) * sqrt(x * (n - x) / n + 1.959963984540054 ^ 2 / 4) AS lower,
                     (x + 1.959963984540054 ^ 2 / 2) / (n + 1.959963984540054 ^ 2)
                     + 1.959963984540054 / (n + 1.959963984540054 ^ 2) * sqrt(x * (n - x) / n + 1.959963984540054 ^ 2 / 4) AS upper) w,
     LATERAL top_box_ci(c.s, 0.95, c.share) t;

-- Coverage at n = 20, computed exactly: every outcome (P promoters, D detractors) of 20 answers
-- with its multinomial probability 20! / (P! A! D!) p^P a^A d^D, and whether the 95 % interval
-- holds the true net score 100 (p - d).  Adjusted Wald is closer to 95 % than Wald for each
-- true split (Rocks 2016 and MeasuringU found the same by simulation).
CREATE TEMP TABLE nps_outcomes AS
SELECT p, d, format('v2;scale=0..10;promoter_min=9;detractor_max=6;counts=%s,0,0,0,0,0,0,%s,0,%s,0', d, 20 - p - d, p)::nps_state AS s,
       factorial(20)::float8 / (factorial(p) * factorial(20 - p - d) * factorial(d)) AS ways
FROM generate_series(0, 20) p, generate_series(0, 20) d WHERE p + d <= 20;
SELECT tp, td, round(wald::numeric, 4) AS wald, round(adjusted::numeric, 4) AS adjusted,
       abs(adjusted - 0.95) < abs(wald - 0.95) AS adjusted_closer, round(total::numeric, 12) AS total_probability
FROM (SELECT tp, td,
             sum(pr) FILTER (WHERE 100 * (tp - td) BETWEEN (nps_ci(s, 0.95, 'wald')).lower AND (nps_ci(s, 0.95, 'wald')).upper) AS wald,
             sum(pr) FILTER (WHERE 100 * (tp - td) BETWEEN (nps_ci(s, 0.95, 'adjusted_wald')).lower AND (nps_ci(s, 0.95, 'adjusted_wald')).upper) AS adjusted,
             sum(pr) AS total
      FROM (SELECT tp, td, s, ways * tp ^ p * (1 - tp - td) ^ (20 - p - d) * td ^ d AS pr
            FROM nps_outcomes, (VALUES (0.5, 0.2), (0.3, 0.3), (0.7, 0.1), (0.4, 0.35)) t(tp, td)) o
      GROUP BY tp, td) c
ORDER BY tp, td;
-- The Wilson interval of the promoter share at n = 20 for the same splits (its nominal level, for reference).
SELECT tp, round(sum(pr) FILTER (WHERE tp BETWEEN (top_box_ci(s)).lower AND (top_box_ci(s)).upper)::numeric, 4) AS wilson_coverage
FROM (SELECT tp, s, ways * tp ^ p * (1 - tp - td) ^ (20 - p - d) * td ^ d AS pr
      FROM nps_outcomes, (VALUES (0.5, 0.2), (0.3, 0.3), (0.7, 0.1)) t(tp, td)) o
GROUP BY tp ORDER BY tp;

-- small_cell_suppress: the state itself from min_n answers on, else NULL.
SELECT segment, response_count(nps_agg(score)) AS answers,
       small_cell_suppress(nps_agg(score), 3)::text = nps_agg(score)::text AS kept_at_3,
       small_cell_suppress(nps_agg(score), 4) IS NULL AS suppressed_at_4
FROM nps_small GROUP BY segment ORDER BY segment;

-- Skipped answers (issue 18): a NULL score is counted; skipped_count and answer_share against
-- plain SQL per group; a group of only NULL scores has a state without answers (NULL figures).
SELECT bool_and(skipped_count(s) = p.skipped) AS skipped_matches,
       bool_and(abs(answer_share(s) - p.answered::float8 / p.rows_) < 1e-15) AS answer_share_matches,
       bool_and(response_count(s) = p.answered) AS answers_match, sum(p.skipped) AS skipped
FROM (SELECT grp, nps_agg(score) AS s, count(*) - count(score) AS skipped, count(score) AS answered, count(*) AS rows_
      FROM nps_gen GROUP BY grp) p;
SELECT segment, skipped_count(s), answer_share(s), response_count(s), nps(s), nps_ci(s, 0.95, 'adjusted_wald') AS ci,
       top_box_ci(s) AS top_box, s::text
FROM (SELECT segment, nps_agg(score) AS s FROM nps_small GROUP BY segment) x ORDER BY segment;
-- Rollup, parallel-style merging and the moving window count them too.
SELECT skipped_count(rollup(state)) = (SELECT count(*) - count(score) FROM nps_gen) AS rollup_adds_skipped FROM nps_daily;
SELECT bool_and(skipped_count(w) IS NOT DISTINCT FROM f.skipped) AS window_skipped_matches, count(*) AS rows
FROM (SELECT i, nps_agg(score) OVER (ORDER BY i ROWS BETWEEN 9 PRECEDING AND CURRENT ROW) AS w FROM nps_gen WHERE i <= 300) x
JOIN LATERAL (SELECT count(*) - count(score) AS skipped FROM nps_gen g WHERE g.i BETWEEN x.i - 9 AND x.i) f ON true;
-- score_agg counts a NULL score when its scale is given; the one-step aggregates still give NULL.
SELECT skipped_count(score_agg(s, 1, 10, 8, 4)) AS custom_skipped, nps(s2) AS nps_of_nulls, csat(s2) AS csat_of_nulls
FROM (VALUES (NULL::int, NULL::int), (3, NULL)) v(s, s2);
-- Older states (1.0's v1 text, 1.1's v2 text, binary format 1) read with the skipped count unknown;
-- merged with a known one it stays unknown; a v3 text reads back exactly.
SELECT skipped_count('v1 scale=0..10 promoter_min=9 detractor_max=6 counts=1,0,0,0,0,0,0,0,0,0,2'::nps_state) AS v1_skipped,
       answer_share('v2;scale=0..10;promoter_min=9;detractor_max=6;counts=1,0,0,0,0,0,0,0,0,0,2'::nps_state) AS v2_answer_share,
       rollup(x)::text AS merged
FROM (VALUES ('v2;scale=0..10;promoter_min=9;detractor_max=6;counts=1,0,0,0,0,0,0,0,0,0,2'::nps_state),
             ('v3;scale=0..10;promoter_min=9;detractor_max=6;skipped=4;counts=0,0,0,0,0,0,0,0,0,1,0'::nps_state)) v(x);
SELECT 'v3;scale=0..10;promoter_min=9;detractor_max=6;skipped=4;counts=0,0,0,0,0,0,0,0,0,1,0'::nps_state::text AS v3_round_trip;

-- Parallel plans give the serial result.
CREATE TABLE nps_big AS SELECT i, i % 5 AS grp, CASE WHEN i % 97 = 0 THEN NULL ELSE (i * 7) % 11 END AS score
FROM generate_series(1, 200000) i;
ANALYZE nps_big;
CREATE TEMP TABLE nps_serial AS SELECT grp, nps_agg(score)::text AS state, nps(score) AS nps FROM nps_big GROUP BY grp;
CREATE TEMP TABLE nps_serial_total AS SELECT nps_agg(score)::text AS state FROM nps_big;
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/parallel.sql
SELECT pg_temp.plan_has('SELECT grp, nps_agg(score), nps(score) FROM nps_big GROUP BY grp', 'Partial') AS grouped_plan_is_parallel,
       pg_temp.plan_has('SELECT nps_agg(score) FROM nps_big', 'Partial Aggregate') AS plain_plan_is_parallel;
SELECT bool_and(p.state = s.state AND p.nps = s.nps) AS parallel_equals_serial, count(*) AS groups
FROM (SELECT grp, nps_agg(score)::text AS state, nps(score) AS nps FROM nps_big GROUP BY grp) p JOIN nps_serial s USING (grp);
SELECT (SELECT nps_agg(score)::text FROM nps_big) = state AS parallel_total_equals_serial FROM nps_serial_total;
-- Partial groups that saw only NULLs combine with the others.
SELECT nps(score) FROM nps_big WHERE score IS NULL OR i = 7;
\i :abs_srcdir/test/regress/parallel_reset.sql

-- Errors: class 22, naming the value and the allowed range.  First three in full, then SQLSTATE and message.
SELECT nps(s) FROM (VALUES (11)) v(s);
SELECT score_agg(s, 1, 10, 4, 8) FROM (VALUES (5)) v(s);
SELECT 'v1 scale=0..10 promoter_min=9 detractor_max=6 counts=1,2'::nps_state;
CREATE FUNCTION nps_error(query text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE query;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
SELECT nps_error(q) FROM (VALUES
  ($q$SELECT nps(s) FROM (VALUES (11)) v(s)$q$),
  ($q$SELECT nps(s) FROM (VALUES (-1)) v(s)$q$),
  ($q$SELECT nps(s) FROM (VALUES (2147483647)) v(s)$q$),
  ($q$SELECT csat(s) FROM (VALUES (0)) v(s)$q$),
  ($q$SELECT ces(s) FROM (VALUES (8)) v(s)$q$),
  ($q$SELECT score_agg(s, 1, 10, 4, 8) FROM (VALUES (5)) v(s)$q$),
  ($q$SELECT score_agg(s, 10, 1, 8, 4) FROM (VALUES (5)) v(s)$q$),
  ($q$SELECT score_agg(s, 0, 1000, 900, 100) FROM (VALUES (5)) v(s)$q$),
  ($q$SELECT score_agg(s, -20000, 0, -1, -5) FROM (VALUES (5)) v(s)$q$),
  ($q$SELECT score_agg(s, 1, 10, NULL, 4) FROM (VALUES (5)) v(s)$q$),
  ($q$SELECT score_agg(s, 1, 10, 8 + (s % 2), 4) FROM (VALUES (5), (6)) v(s)$q$),
  ($q$SELECT nps_moe(nps_agg(score), 1.0) FROM nps_small$q$),
  ($q$SELECT nps_moe(nps_agg(score), 0) FROM nps_small$q$),
  ($q$SELECT nps_moe(nps_agg(score), 'NaN') FROM nps_small$q$),
  ($q$SELECT nps_ci(nps_agg(score), '-Infinity') FROM nps_small$q$),
  ($q$SELECT * FROM score_distribution((SELECT nps_agg(score) FROM nps_small), -1)$q$),
  ($q$SELECT rollup(s) FROM (SELECT nps_agg(score) FROM nps_small UNION ALL SELECT csat_agg(3)) x(s)$q$),
  ($q$SELECT nps_compare(nps_agg(score), csat_agg(3)) FROM nps_small$q$),
  ($q$SELECT 'v2 scale=0..10 promoter_min=9 detractor_max=6 counts=0,0,0,0,0,0,0,0,0,0,0'::nps_state$q$),
  ($q$SELECT 'v1 scale=0..10 promoter_min=9 detractor_max=6 counts=0,0,0,0,0,0,0,0,0,0,0,0'::nps_state$q$),
  ($q$SELECT 'v1 scale=0..10 promoter_min=9 detractor_max=6 counts=0,0,0,0,0,0,0,0,0,0,-1'::nps_state$q$),
  ($q$SELECT 'v1 scale=0..10 promoter_min=5 detractor_max=6 counts=0,0,0,0,0,0,0,0,0,0,0'::nps_state$q$),
  ($q$SELECT ''::nps_state$q$),
  ($q$SELECT 'v1 scale=0..10 promoter_min=9 detractor_max=6 counts=9223372036854775807,0,0,0,0,0,0,0,0,0,9223372036854775807'::nps_state$q$),
  ($q$SELECT rollup(s) FROM (VALUES ('v1 scale=0..10 promoter_min=9 detractor_max=6 counts=0,0,0,0,0,0,0,0,0,0,9223372036854775807'::nps_state),
                                   ('v1 scale=0..10 promoter_min=9 detractor_max=6 counts=0,0,0,0,0,0,0,0,0,0,1'::nps_state)) v(s)$q$)
) v(q);

-- Accessors of an empty-but-present state (a window frame that lost all rows) give NULL figures, zero counts.
SELECT nps(s), nps_moe(s), response_count(s), promoter_count(s), (nps_ci(s)).lower
FROM (VALUES ('v1 scale=0..10 promoter_min=9 detractor_max=6 counts=0,0,0,0,0,0,0,0,0,0,0'::nps_state)) v(s);
-- A transition function called outside an aggregate refuses politely.
SELECT cf_nps_trans(NULL, 5);
