-- Holdout validation on CDNOW (issue 17 items 1-2): calibration_holdout from stored
-- profiles gives the published calibration summary (Fader, Hardie & Lee 2005; the
-- cdnow_customers_summary_with_transactions.csv that lifetimes ships) and the holdout
-- counts of plain SQL; holdout_agg over BG/NBD predictions equals plain SQL.
-- test/scripts/holdout_cdnow.sh runs it when the data are present.
SET extra_float_digits = 0;
SET TimeZone = 'UTC';
CREATE TABLE cdnow_tx (master_id integer, id integer, day date, cds integer, amount numeric);
\copy cdnow_tx FROM PROGRAM 'd=$CF_CDNOW_DIR; tr -d ''\r'' < "$d/CDNOW_sample.txt" | awk ''{print $1 "," $2 "," $3 "," $4 "," $5}''' WITH (FORMAT csv)
CREATE TABLE cdnow_summary (id integer, x integer, t_x double precision, t double precision, zbar numeric);
\copy cdnow_summary FROM PROGRAM 'd=$CF_CDNOW_DIR; cat "$d/cdnow_customers_summary_with_transactions.csv"' WITH (FORMAT csv, HEADER true)

-- One stored profile per customer over the whole 78 weeks; the split comes from it, no rescan.
CREATE TABLE cdnow_profiles AS
  SELECT id, customer_profile(day::timestamptz, amount, 'UTC') AS p FROM cdnow_tx GROUP BY id;
CREATE TABLE cdnow_split AS
  SELECT id, (calibration_holdout(p, '1997-09-30', '1998-06-30', 7)).* FROM cdnow_profiles;
-- The published calibration summary (weeks rounded to 2 decimals): every customer equal.
SELECT count(*) AS customers,
       count(*) FILTER (WHERE c.x = s.x AND round(c.t_x::numeric, 2) = s.t_x::numeric
                          AND round(c.t::numeric, 2) = s.t::numeric) AS equal_to_published,
       max(abs(c.t_x - s.t_x)) <= 0.005 AND max(abs(c.t - s.t)) <= 0.005 AS within_rounding
FROM cdnow_split c JOIN cdnow_summary s USING (id);
-- The holdout: distinct purchase days in (1997-09-30, 1998-06-30] counted in plain SQL.
SELECT count(*) AS customers, count(*) FILTER (WHERE c.x_holdout = q.n) AS holdout_equal,
       sum(c.x_holdout) AS holdout_purchases, min(c.holdout) AS holdout_weeks, max(c.holdout) AS same_for_all
FROM cdnow_split c
JOIN (SELECT id, count(DISTINCT day) FILTER (WHERE day > date '1997-09-30' AND day <= date '1998-06-30') AS n
      FROM cdnow_tx GROUP BY id) q USING (id);

-- Validation of BG/NBD fitted on the calibration period: expected purchases in the 39 holdout
-- weeks against the actual ones, and p_any = P(at least one purchase in the holdout) =
-- P(alive) (1 - ((alpha + T) / (alpha + T + h))^(r + x)) (the complement of issue 17's
-- P(no purchase), written out here).  Every measure against plain SQL over the same rows.
CREATE TABLE cdnow_model AS SELECT bgnbd_fit(x, t_x, t) AS m FROM cdnow_split;
CREATE TABLE cdnow_scored AS
  SELECT id, x, x_holdout::float8 AS actual, bgnbd_expected_purchases(m, holdout, x, t_x, t) AS expected,
         bgnbd_p_alive(m, x, t_x, t) * (1 - (((m).alpha + t) / ((m).alpha + t + holdout)) ^ ((m).r + x)) AS p_any
  FROM cdnow_split, cdnow_model;
CREATE TABLE cdnow_state AS SELECT holdout_agg(x, expected, actual, p_any) AS s FROM cdnow_scored;
SELECT round(mean_absolute_error(s)::numeric, 4) AS mae, round(rms_error(s)::numeric, 4) AS rmse,
       round(mean_bias(s)::numeric, 4) AS bias, round(roc_auc(s)::numeric, 4) AS auc,
       abs(mean_absolute_error(s) / (SELECT avg(abs(expected - actual)) FROM cdnow_scored) - 1) < 1e-12
         AND abs(rms_error(s) / (SELECT sqrt(avg((expected - actual) ^ 2)) FROM cdnow_scored) - 1) < 1e-12
         AND abs(mean_bias(s) / (SELECT avg(expected - actual) FROM cdnow_scored) - 1) < 1e-12
         AND abs(brier_score(s) / (SELECT avg((p_any - (actual > 0)::int) ^ 2) FROM cdnow_scored) - 1) < 1e-12 AS equal_to_plain_sql
FROM cdnow_state;
-- The AUC against pair counting over the same bins (1/4096), and the exact AUC within the bound.
SELECT abs(roc_auc(s) - binned) < 1e-12 AS auc_equals_pair_count, abs(roc_auc(s) - exact) <= bound + 1e-15 AS exact_within_bound,
       round(exact::numeric, 4) AS exact_auc, round(bound::numeric, 5) AS bound
FROM cdnow_state,
     (SELECT sum(CASE WHEN floor(b.p_any * 4096) > floor(n.p_any * 4096) THEN 1
                      WHEN floor(b.p_any * 4096) = floor(n.p_any * 4096) THEN 0.5 ELSE 0 END)::float8 / count(*) AS binned,
             sum(CASE WHEN b.p_any > n.p_any THEN 1 WHEN b.p_any = n.p_any THEN 0.5 ELSE 0 END)::float8 / count(*) AS exact,
             (count(*) FILTER (WHERE floor(b.p_any * 4096) = floor(n.p_any * 4096)))::float8 / count(*) / 2 AS bound
      FROM cdnow_scored b JOIN cdnow_scored n ON b.actual > 0 AND NOT n.actual > 0) q;
-- Calibration vs holdout purchases (the figure of FHL 2005, x pooled from 7), against GROUP BY.
SELECT t.x, t.customers, round(t.actual_mean::numeric, 3) AS actual_mean, round(t.expected_mean::numeric, 3) AS expected_mean,
       t.customers = g.n AND abs(t.actual_mean - g.a) <= 1e-12 * g.a AND abs(t.expected_mean - g.e) <= 1e-12 * g.e AS equals_group_by
FROM cdnow_state, holdout_table(s, 7) t
JOIN (SELECT least(x, 7) AS x, count(*) AS n, avg(actual) AS a, avg(expected) AS e FROM cdnow_scored GROUP BY 1) g USING (x)
ORDER BY t.x;
