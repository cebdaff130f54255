-- Weighted score distributions (issue 18 item 4): nps_agg/csat_agg/ces_agg/score_agg(score, weight)
-- -> nps_weighted_state.  Every figure is checked against plain SQL over the same rows (exact
-- numeric sums) or against the unweighted state with all weights 1; the order of rows and merges
-- (serial, reversed, parallel, rollup in both orders, hashed grouping) changes no figure by more
-- than 1e-12 relative and no count at all.

-- 1. A hand-worked example.  Weights 2, 1, 0.5, 1.5 on scores 10, 9, 7, 3, and a skipped answer of
-- weight 0.25: promoters 2 + 1 = 3, passives 0.5, detractors 1.5 of 5; NPS = 100 (3 - 1.5) / 5 = 30;
-- Kish n = 5^2 / (4 + 1 + 0.25 + 2.25) = 25 / 7.5 = 10/3; mean = (20 + 9 + 3.5 + 4.5) / 5 = 7.4;
-- CSAT-style top box = 100 * 3 / 5 = 60; answer share = 5 / 5.25.
CREATE TEMP TABLE w_hand (score integer, weight float8);
INSERT INTO w_hand VALUES (10, 2), (9, 1), (7, 0.5), (3, 1.5), (NULL, 0.25);
SELECT s::text AS state, nps(s), response_count(s), promoter_count(s), passive_count(s), detractor_count(s),
       effective_n(s), effective_n(s) = 10.0 / 3 AS kish_is_10_3, mean_score(s), csat(s), skipped_count(s),
       answer_share(s) = 5 / 5.25 AS answer_share_is_5_525, score_counts(s)
FROM (SELECT nps_agg(score, weight) AS s FROM w_hand) x;
SELECT nps(score, weight) AS one_step, (SELECT nps(nps_agg(score, weight)) FROM w_hand) AS two_step FROM w_hand;
SELECT * FROM score_distribution((SELECT nps_agg(score, weight) FROM w_hand), 8);
-- Kish's n of weights 1, 1, 1, 1, 4: 8^2 / (4 + 16) = 3.2
SELECT effective_n(nps_agg(9, w)) FROM unnest('{1,1,1,1,4}'::float8[]) w;

-- 2. Zero weights count as answers (small_cell_suppress counts rows) but carry no weight;
-- a group whose weights are all 0 has no weighted figures.
SELECT nps(s) AS nps_all_zero, response_count(s) AS weight_all_zero, effective_n(s) AS kish_all_zero,
       nps_ci(s) AS ci_all_zero, answer_share(s) AS answer_share_all_zero,
       small_cell_suppress(s, 3) IS NOT NULL AS three_rows_kept, small_cell_suppress(s, 4) IS NULL AS four_rows_suppressed
FROM (SELECT nps_agg(score, 0) AS s FROM unnest('{10,3,5}'::int[]) score) x;
SELECT nps(nps_agg(score, weight)) AS with_zero_weights, nps(nps_agg(score, weight) FILTER (WHERE weight > 0)) AS without_them
FROM (VALUES (10, 1.0), (0, 0.0), (0, 0.0), (8, 2.0)) v(score, weight);

-- 3. With every weight 1 each accessor equals the unweighted state's, to the bit.
CREATE FUNCTION w_figures(s nps_weighted_state) RETURNS float8[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ARRAY[nps(s), csat(s), ces(s), mean_score(s), response_count(s), promoter_count(s), passive_count(s),
               detractor_count(s), promoter_share(s), passive_share(s), detractor_share(s), skipped_count(s),
               answer_share(s), nps_moe(s), nps_moe(s, 0.9), nps_moe(s, 0.95, 'wald'), nps_moe(s, 0.99, 'adjusted_wald'),
               (nps_ci(s)).lower, (nps_ci(s)).upper, (nps_ci(s, 0.8, 'adjusted_wald')).lower,
               (nps_ci(s, 0.8, 'adjusted_wald')).upper, (top_box_ci(s)).lower, (top_box_ci(s)).upper,
               (top_box_ci(s, 0.9, 'detractors')).lower, (top_box_ci(s, 0.9, 'detractors')).upper,
               (top_box_ci(s, 0.99, 'passives')).lower, (top_box_ci(s, 0.99, 'passives')).upper,
               (nps_compare(s, 20, 'wald')).z, (nps_compare(s, -5, 'adjusted_wald')).p_value]
$$;
CREATE FUNCTION u_figures(s nps_state) RETURNS float8[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ARRAY[nps(s), csat(s), ces(s), mean_score(s), response_count(s), promoter_count(s), passive_count(s),
               detractor_count(s), promoter_share(s), passive_share(s), detractor_share(s), skipped_count(s),
               answer_share(s), nps_moe(s), nps_moe(s, 0.9), nps_moe(s, 0.95, 'wald'), nps_moe(s, 0.99, 'adjusted_wald'),
               (nps_ci(s)).lower, (nps_ci(s)).upper, (nps_ci(s, 0.8, 'adjusted_wald')).lower,
               (nps_ci(s, 0.8, 'adjusted_wald')).upper, (top_box_ci(s)).lower, (top_box_ci(s)).upper,
               (top_box_ci(s, 0.9, 'detractors')).lower, (top_box_ci(s, 0.9, 'detractors')).upper,
               (top_box_ci(s, 0.99, 'passives')).lower, (top_box_ci(s, 0.99, 'passives')).upper,
               (nps_compare(s, 20, 'wald')).z, (nps_compare(s, -5, 'adjusted_wald')).p_value]
$$;
CREATE TEMP TABLE w_ones AS
SELECT i, i % 23 AS grp, CASE WHEN i % 31 = 0 THEN NULL ELSE (i * 7 + i / 5) % 11 END AS score
FROM generate_series(1, 3000) i;
CREATE TEMP TABLE w_ones_states AS
SELECT grp, nps_agg(score) AS u, nps_agg(score, 1) AS w, csat_agg(score % 5 + 1) AS uc, csat_agg(score % 5 + 1, 1) AS wc,
       ces_agg(score % 7 + 1) AS ue, ces_agg(score % 7 + 1, 1.0) AS we,
       score_agg(score - 3, -3, 7, 5, 0) AS uk, score_agg(score - 3, 1, -3, 7, 5, 0) AS wk,
       nps(score) AS u1, nps(score, 1) AS w1, csat(score % 5 + 1) AS uc1, csat(score % 5 + 1, 1) AS wc1,
       ces(score % 7 + 1) AS ue1, ces(score % 7 + 1, 1) AS we1,
       nps_agg(score) FILTER (WHERE score > 4 OR i % 3 = 0) AS uh, nps_agg(score, 1) FILTER (WHERE score > 4 OR i % 3 = 0) AS wh
FROM w_ones GROUP BY grp;
SELECT count(*) AS groups,
       bool_and(w_figures(w) IS NOT DISTINCT FROM u_figures(u)) AS nps_equal,
       bool_and(w_figures(wc) IS NOT DISTINCT FROM u_figures(uc)) AS csat_equal,
       bool_and(w_figures(we) IS NOT DISTINCT FROM u_figures(ue)) AS ces_equal,
       bool_and(w_figures(wk) IS NOT DISTINCT FROM u_figures(uk)) AS score_agg_equal,
       bool_and(u1 = w1 AND uc1 = wc1 AND ue1 = we1) AS one_step_equal,
       bool_and(effective_n(w) = response_count(u)) AS kish_is_n,
       bool_and(score_counts(w) = score_counts(u)::float8[]) AS counts_equal
FROM w_ones_states;
-- the tests between two states, and the distribution
SELECT bool_and(nps_compare(a.w, b.w) IS NOT DISTINCT FROM nps_compare(a.u, b.u)) AS compare_equal,
       bool_and(nps_compare(a.w, b.w, 'adjusted_wald') IS NOT DISTINCT FROM nps_compare(a.u, b.u, 'adjusted_wald')) AS adjusted_equal,
       bool_and(nps_shift(a.w, b.w, 0.5) = nps_shift(a.u, b.u, 0.5) AND nps_shift(a.w, b.wh) = nps_shift(a.u, b.uh)
                AND nps_shift(b.wh, a.w, 0.9) = nps_shift(b.uh, a.u, 0.9)) AS shift_equal,
       count(*) FILTER (WHERE nps_shift(a.u, b.uh) = 'up') AS ups, count(*) FILTER (WHERE nps_shift(b.uh, a.u, 0.9) = 'down') AS downs,
       bool_and(nps_compare(a.w, b.wh, 'adjusted_wald') IS NOT DISTINCT FROM nps_compare(a.u, b.uh, 'adjusted_wald')) AS unequal_pairs_equal
FROM w_ones_states a JOIN w_ones_states b ON b.grp = (a.grp + 1) % 23;
SELECT bool_and(wd.score = ud.score AND wd.responses = ud.responses AND wd.share = ud.share AND wd.bar = ud.bar) AS distribution_equal,
       count(*) AS rows
FROM w_ones_states s, LATERAL (SELECT row_number() OVER () AS k, * FROM score_distribution(s.w, 20)) wd
JOIN LATERAL (SELECT row_number() OVER () AS k, * FROM score_distribution(s.u, 20)) ud USING (k);
SELECT rollup(w)::text = (SELECT nps_agg(score, 1)::text FROM w_ones) AS rollup_of_ones_equals_one_pass,
       w_figures(rollup(w)) IS NOT DISTINCT FROM u_figures(rollup(u)) AS rollup_equal
FROM w_ones_states;

-- 4. Against plain SQL with exact sums.  Weights m * 2^k / 64 (m 1..1000, k 0..40, every 101st
-- 0): exact in float8 and in numeric, 16 orders of magnitude apart, so a float8 sum of them is
-- not exact but a numeric one is.
CREATE TABLE w_rows AS
SELECT i, i % 7 AS grp, i % 97 AS bucket,
       CASE WHEN i % 53 = 0 THEN NULL ELSE (i * 7 + i / 13) % 11 END AS score,
       CASE WHEN i % 101 = 0 THEN 0 ELSE (1 + (i * 7919) % 1000)::numeric * 2::numeric ^ ((i * 31) % 41) / 64 END AS wn
FROM generate_series(1, 20000) i;
ALTER TABLE w_rows ADD COLUMN w float8;
UPDATE w_rows SET w = wn::float8;
SELECT bool_and(w::numeric = wn) AS weights_exact_in_float8, sum(w) = sum(wn)::float8 AS float8_sum_happens_exact,
       min(w) FILTER (WHERE w > 0) AS smallest, max(w) AS largest
FROM w_rows;
ANALYZE w_rows;
-- plain SQL per group: exact sums, then the published formulas in float8 (z(0.975) = 1.959963984540054)
CREATE TEMP TABLE w_plain AS
SELECT grp, count(score) AS answers, sum(wn) FILTER (WHERE score IS NOT NULL) AS total,
       sum(wn) FILTER (WHERE score >= 9) AS promoters, sum(wn) FILTER (WHERE score <= 6) AS detractors,
       sum(wn) FILTER (WHERE score IS NULL) AS skipped, sum(wn * score) AS score_sum,
       (sum(wn) FILTER (WHERE score IS NOT NULL))^2 / sum(wn * wn) FILTER (WHERE score IS NOT NULL) AS kish
FROM w_rows GROUP BY grp;
CREATE FUNCTION w_close(a float8, b float8) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
  $$ SELECT abs(a - b) <= 1e-12 * greatest(abs(b), 1e-300) $$;
SELECT count(*) AS groups,
       bool_and(w_close(nps(s), (100 * (promoters - detractors) / total)::float8)) AS nps_matches,
       bool_and(w_close(response_count(s), total::float8) AND w_close(promoter_count(s), promoters::float8)
                AND w_close(detractor_count(s), detractors::float8)) AS totals_match,
       bool_and(w_close(mean_score(s), (score_sum / total)::float8)) AS mean_matches,
       bool_and(w_close(effective_n(s), kish::float8)) AS kish_matches,
       bool_and(w_close(skipped_count(s), skipped::float8)) AS skipped_matches,
       bool_and(effective_n(s) < answers / 10.0) AS weights_shrink_n
FROM (SELECT grp, nps_agg(score, w) AS s FROM w_rows GROUP BY grp) x JOIN w_plain USING (grp);
-- the intervals over Kish's n: Wald, adjusted Wald (n + 3, 3/4 added to effective counts) and Wilson
SELECT bool_and(w_close(nps_moe(s), 1.959963984540054 * 100 * sqrt((p + d - (p - d)^2) / n))) AS wald_moe_matches,
       bool_and(w_close((nps_ci(s, 0.95, 'adjusted_wald')).upper,
                        100 * (pa - da) + 1.959963984540054 * 100 * sqrt((pa + da - (pa - da)^2) / (n + 3)))) AS adjusted_upper_matches,
       bool_and(w_close((top_box_ci(s)).lower,
                        ((p * n + 1.959963984540054^2 / 2) - 1.959963984540054 * sqrt(p * n * (1 - p) + 1.959963984540054^2 / 4))
                        / (n + 1.959963984540054^2))) AS wilson_lower_matches
FROM (SELECT grp, nps_agg(score, w) AS s FROM w_rows GROUP BY grp) x
JOIN (SELECT grp, (promoters / total)::float8 AS p, (detractors / total)::float8 AS d, kish::float8 AS n,
             ((promoters / total * kish + 0.75) / (kish + 3))::float8 AS pa, ((detractors / total * kish + 0.75) / (kish + 3))::float8 AS da
      FROM w_plain) f USING (grp);

-- 5. Order independence.  The same rows in six orders: serial by i, serial reversed, parallel
-- workers, hashed grouping, and rollup of 97 partial states in both orders.  Counts (the score=
-- fields' answers) equal exactly; every figure within 1e-12 relative of the serial one.
CREATE FUNCTION w_counts(s nps_weighted_state) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT string_agg(m[1] || ':' || m[2], ',') FROM regexp_matches(s::text, '(?:score|skipped)=(-?\d+):(\d+)', 'g') m
$$;
CREATE FUNCTION w_all_close(a float8[], b float8[]) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT bool_and(x IS NOT DISTINCT FROM y OR w_close(x, y)) FROM unnest(a, b) u(x, y)
$$;
CREATE TABLE w_orders (how text, grp integer, s nps_weighted_state);
SET max_parallel_workers_per_gather = 0;
INSERT INTO w_orders SELECT 'serial', grp, nps_agg(score, w ORDER BY i) FROM w_rows GROUP BY grp;
INSERT INTO w_orders SELECT 'serial total', NULL, nps_agg(score, w ORDER BY i) FROM w_rows;
INSERT INTO w_orders SELECT 'reversed', grp, nps_agg(score, w ORDER BY i DESC) FROM w_rows GROUP BY grp;
INSERT INTO w_orders SELECT 'rollup', grp, rollup(s ORDER BY bucket)
FROM (SELECT grp, bucket, nps_agg(score, w) AS s FROM w_rows GROUP BY grp, bucket) p GROUP BY grp;
INSERT INTO w_orders SELECT 'rollup reversed', grp, rollup(s ORDER BY bucket DESC)
FROM (SELECT grp, bucket, nps_agg(score, w ORDER BY i DESC) AS s FROM w_rows GROUP BY grp, bucket) p GROUP BY grp;
-- plan_has and the parallel settings: test/regress/parallel.sql (an INSERT runs serially still)
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/parallel.sql
SET enable_sort = off;
SELECT pg_temp.plan_has('SELECT grp, nps_agg(score, w) FROM w_rows GROUP BY grp', 'HashAggregate') AS plan_is_hashed;
INSERT INTO w_orders SELECT 'hashed', grp, nps_agg(score, w) FROM w_rows GROUP BY grp;
RESET enable_sort;
ANALYZE w_orders;
SELECT o.how, count(*) AS groups,
       bool_and(w_counts(o.s) = w_counts(r.s)) AS counts_equal,
       bool_and(w_all_close(w_figures(o.s), w_figures(r.s))) AS figures_within_1e12
FROM w_orders o JOIN w_orders r ON r.how = 'serial' AND r.grp = o.grp
GROUP BY o.how ORDER BY o.how;
-- parallel workers: the comparison runs in the same statement as the parallel aggregate
SELECT $$SELECT count(*) AS groups, bool_and(w_counts(p.s) = w_counts(r.s)) AS counts_equal,
       bool_and(w_all_close(w_figures(p.s), w_figures(r.s))) AS figures_within_1e12
FROM (SELECT grp, nps_agg(score, w) AS s FROM w_rows GROUP BY grp) p
JOIN w_orders r ON r.how = 'serial' AND r.grp = p.grp$$ AS grouped \gset
SELECT $$SELECT w_counts(p.s) = w_counts(r.s) AS total_counts_equal,
       w_all_close(w_figures(p.s), w_figures(r.s)) AS total_within_1e12
FROM (SELECT nps_agg(score, w) AS s FROM w_rows) p, w_orders r WHERE r.how = 'serial total'$$ AS total \gset
SELECT pg_temp.plan_has(:'grouped', 'Partial') AS grouped_plan_is_parallel, pg_temp.plan_has(:'total', 'Partial Aggregate') AS total_plan_is_parallel;
:grouped;
:total;
SELECT w_close(nps(score, w), (SELECT nps(s) FROM w_orders WHERE how = 'serial total')) AS parallel_one_step_matches FROM w_rows;
\i :abs_srcdir/test/regress/parallel_reset.sql
SELECT w_close(nps(s), (SELECT (100 * (sum(wn) FILTER (WHERE score >= 9) - sum(wn) FILTER (WHERE score <= 6))
                               / sum(wn) FILTER (WHERE score IS NOT NULL))::float8 FROM w_rows)) AS total_nps_matches_plain
FROM w_orders WHERE how = 'serial total';

-- 6. Stored states: text and binary forms read back the same figures; rollup of stored states.
SELECT bool_and(s::text::nps_weighted_state::text = s::text) AS text_round_trip,
       bool_and(w_figures(s::text::nps_weighted_state) IS NOT DISTINCT FROM w_figures(s)) AS text_figures_equal,
       bool_and(nps_weighted_state_send(s) = nps_weighted_state_send(s::text::nps_weighted_state)) AS send_equal
FROM w_orders;
SELECT 'v1;scale=1..5;promoter_min=4;detractor_max=2;skipped=0:0;score=2:3:1.5,1e-17:0.75;score=5:1:2:4'::nps_weighted_state AS with_low_part;

-- 7. NULLs: a NULL score is a skipped answer with its weight; score_agg leaves out a NULL score
-- with a NULL scale; a NULL weight is an error (22004).
SELECT skipped_count(s), answer_share(s), nps(s) FROM (SELECT nps_agg(score, 2) AS s FROM unnest('{NULL,NULL}'::int[]) score) x;
SELECT score_agg(score, 1, NULL, NULL, NULL, NULL) IS NULL AS null_scale_left_out FROM unnest('{NULL}'::int[]) score;
SELECT nps_agg(score, NULL) FROM unnest('{9}'::int[]) score;

-- Errors: class 22, naming the value and the allowed range.
SELECT nps_agg(9, -0.5);
SELECT nps_agg(9, 'infinity');
SELECT nps_agg(9, 1e-200);
SELECT nps_agg(11, 1);
SELECT rollup(s) FROM (SELECT nps_agg(9, 1) UNION ALL SELECT csat_agg(4, 1)) v(s);
SELECT nps_compare(nps_agg(9, 1), (SELECT csat_agg(4, 1)));
