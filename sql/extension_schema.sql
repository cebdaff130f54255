-- The extension in a schema that is not on search_path (issue 14, item 6).
-- Citus workers run the aggregates in sessions whose search_path need not
-- contain the extension's schema, and worker_partial_agg calls a transition
-- with a fresh FmgrInfo for every row (no fn_expr, no fn_extra kept): the
-- profile path of bgnbd_agg / bgnbd_fit once looked model_summary and the
-- customer_profile type up by name there and failed ("cache lookup failed for
-- type 0").  No C function of the extension resolves anything by name now;
-- here every profile-based aggregate runs with the extension in a schema off
-- the search_path, and its results equal plain SQL over the same orders.
-- (The transitions cannot be called outside an aggregate, 0A000, so a fresh
-- FmgrInfo per row is checked on the Citus cluster: doc/distributed.md.)
DROP DATABASE IF EXISTS regress_cf_schema;
CREATE DATABASE regress_cf_schema;
\set cf_orig_db :DBNAME
\c regress_cf_schema
SET client_min_messages = warning;
CREATE SCHEMA cf_elsewhere;
CREATE EXTENSION customer_focus SCHEMA cf_elsewhere;
SET search_path = public;
SET TimeZone = 'UTC';
SET extra_float_digits = 0;
SELECT to_regtype('customer_profile') IS NULL AS type_not_on_search_path,
       to_regtype('cf_elsewhere.customer_profile') IS NOT NULL AS type_in_its_schema;

-- 300 customers, 1 to 8 orders each over two years; some on the same day.
CREATE TABLE orders AS
SELECT c AS customer_id,
       timestamptz '2024-01-01 09:00+00' + ((c * 37 + k * k * 11) % 700) * interval '1 day' + (k % 2) * interval '2 hours' AS ordered_at,
       ((c * 13 + k * 7) % 90 + 10)::numeric / 4 AS amount
FROM generate_series(1, 300) c, generate_series(1, 8) k
WHERE k <= 1 + c % 8;
-- (x, t_x, T) at 2026-01-01 in days and in weeks, by plain SQL.
CREATE TABLE expected AS
SELECT customer_id, count(*) - 1 AS x, max(d) - min(d) AS t_x, date '2026-01-01' - min(d) AS t
FROM (SELECT DISTINCT customer_id, ordered_at::date AS d FROM orders) o GROUP BY 1;

CREATE TABLE profiles AS
SELECT customer_id, cf_elsewhere.customer_profile(ordered_at, amount) AS p FROM orders GROUP BY 1;

-- bgnbd_agg / bgnbd_fit over profiles equal the same over the plain-SQL triples.  (These
-- few customers hardly identify the model: the fit's convergence warnings are not the point.)
SET client_min_messages = error;
SELECT cf_elsewhere.bgnbd_agg(p, '2026-01-01')::text = (SELECT cf_elsewhere.bgnbd_agg(x::int, t_x, t)::text FROM expected) AS bgnbd_agg_days,
       cf_elsewhere.bgnbd_agg(p, '2026-01-01', 7)::text = (SELECT cf_elsewhere.bgnbd_agg(x::int, t_x / 7.0, t / 7.0)::text FROM expected) AS bgnbd_agg_weeks,
       cf_elsewhere.bgnbd_fit(p, '2026-01-01')::text = (SELECT cf_elsewhere.bgnbd_fit(x::int, t_x, t)::text FROM expected) AS bgnbd_fit_days,
       cf_elsewhere.bgnbd_fit(p, '2026-01-01', 7)::text = (SELECT cf_elsewhere.bgnbd_fit(x::int, t_x / 7.0, t / 7.0)::text FROM expected) AS bgnbd_fit_weeks
FROM profiles;
-- The same in a parallel plan (partial states in the workers, combined in the leader).
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/parallel.sql
SET :force_parallel = on;
SELECT pg_temp.plan_has($$SELECT cf_elsewhere.bgnbd_agg(p, '2026-01-01') FROM profiles$$, 'Partial') AS partial_plan;
SELECT (SELECT cf_elsewhere.bgnbd_agg(p, '2026-01-01')::text FROM profiles) AS parallel_state,
       (SELECT cf_elsewhere.bgnbd_fit(p, '2026-01-01', 7)::text FROM profiles) AS parallel_fit \gset
\i :abs_srcdir/test/regress/parallel_reset.sql
SELECT :'parallel_state' = (SELECT cf_elsewhere.bgnbd_agg(x::int, t_x, t)::text FROM expected) AS parallel_bgnbd_agg,
       :'parallel_fit' = (SELECT cf_elsewhere.bgnbd_fit(x::int, t_x / 7.0, t / 7.0)::text FROM expected) AS parallel_bgnbd_fit;

-- The other functions that read profiles: summaries, stages, segment summaries, predictions.
RESET client_min_messages;
SELECT count(*) AS customers,
       count(*) FILTER (WHERE (cf_elsewhere.model_summary(p, '2026-01-01')).x = e.x
                          AND (cf_elsewhere.model_summary(p, '2026-01-01')).t_x = e.t_x
                          AND (cf_elsewhere.model_summary(p, '2026-01-01')).t = e.t) AS model_summary_equal,
       count(*) FILTER (WHERE cf_elsewhere.days_since_last_order(p, '2026-01-01') = e.t - e.t_x) AS days_since_equal
FROM profiles JOIN expected e USING (customer_id);
SELECT (SELECT string_agg(s || '=' || n, ' ' ORDER BY s)
        FROM (SELECT cf_elsewhere.loyalty_stage(p, '2026-01-01')::text AS s, count(*) AS n FROM profiles GROUP BY 1) x)
     = (SELECT string_agg(s.stage || '=' || s.customers, ' ' ORDER BY s.stage::text)
        FROM cf_elsewhere.stage_counts((SELECT cf_elsewhere.loyalty_ladder(customer_id, ordered_at, '2026-01-01') FROM orders)) s
        WHERE s.customers > 0) AS stages_equal_ladder;
SELECT cf_elsewhere.customer_count(s) AS customers, cf_elsewhere.order_count(s) = (SELECT count(*) FROM orders) AS orders_equal,
       cf_elsewhere.total_revenue(s) = (SELECT sum(amount) FROM orders) AS revenue_equal
FROM (SELECT cf_elsewhere.segment_summary_agg(p, '2026-01-01') AS s FROM profiles) x;
SET client_min_messages = error;
SELECT count(*) FILTER (WHERE cf_elsewhere.bgnbd_p_alive(m, p, '2026-01-01') = cf_elsewhere.bgnbd_p_alive(m, e.x::int, e.t_x, e.t)) AS p_alive_equal
FROM profiles JOIN expected e USING (customer_id), (SELECT cf_elsewhere.bgnbd_fit(x::int, t_x, t) AS m FROM expected) f;
RESET client_min_messages;
SELECT cf_elsewhere.rollup(p)::text = (SELECT cf_elsewhere.customer_profile(ordered_at, amount)::text FROM orders) AS profile_rollup
FROM profiles;

\c :cf_orig_db
SET client_min_messages = warning;
DROP DATABASE regress_cf_schema;
RESET client_min_messages;
