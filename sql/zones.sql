-- Time zones recorded in states (issue 14, item 5): the UTC-equivalent names
-- (UTC, Etc/UTC, UCT, Etc/UCT, Universal, Etc/Universal, Zulu, Etc/Zulu, GMT,
-- Etc/GMT, GMT0, Etc/GMT0, Greenwich, Etc/Greenwich) are one zone, by a fixed
-- table in the core (src/core/zone.c), so values recorded under any of them
-- merge; a merge of values recorded under different ones carries 'UTC', one
-- name throughout keeps that name, whatever the order and the plan.  Every
-- other zone merges only with itself, compared by name (never by length).
-- Expected values come from the same rows aggregated in 'UTC'.
SET TimeZone = 'UTC';
SET extra_float_digits = 0;
CREATE TEMP TABLE utc_names (k int, name text);
INSERT INTO utc_names VALUES
(0, 'UTC'), (1, 'Etc/UTC'), (2, 'UCT'), (3, 'Etc/UCT'), (4, 'Universal'), (5, 'Etc/Universal'), (6, 'Zulu'),
(7, 'Etc/Zulu'), (8, 'GMT'), (9, 'Etc/GMT'), (10, 'GMT0'), (11, 'Etc/GMT0'), (12, 'Greenwich'), (13, 'Etc/Greenwich');

-- Orders of 60 customers; each order's zone name is one of the fourteen, in turn, so every
-- customer's orders carry several names.  Times near midnight UTC: a zone with any offset
-- would move some of them to another day.
CREATE TABLE zn_orders AS
SELECT i, i % 60 AS customer_id,
       timestamptz '2024-01-01 00:00+00' + (i * 7 % 400) * interval '1 day' + (i % 2) * interval '23 hours 59 minutes' AS ordered_at,
       round((i % 97) * 1.25, 2) AS amount,
       (SELECT name FROM utc_names WHERE k = (i / 60) % 14) AS zone
FROM generate_series(1, 6000) i;

-- ---------- profiles: mixed names in one group ----------
-- Serial, sorted grouping: every customer's profile equals the one built in 'UTC', byte for byte.
SET enable_hashagg = off;
CREATE TEMP TABLE zn_sorted AS SELECT customer_id, customer_profile(ordered_at, amount, zone) AS p FROM zn_orders GROUP BY 1;
RESET enable_hashagg;
CREATE TEMP TABLE zn_utc AS SELECT customer_id, customer_profile(ordered_at, amount, 'UTC') AS p FROM zn_orders GROUP BY 1;
SELECT count(*) AS customers, count(*) FILTER (WHERE s.p::text = u.p::text) AS equal_to_utc,
       count(*) FILTER (WHERE time_zone(s.p) = 'UTC') AS named_utc
FROM zn_sorted s JOIN zn_utc u USING (customer_id);
-- ... and so do hash grouping and a parallel plan (partial profiles merged by the combine function).
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/parallel.sql
SET :force_parallel = on;
SET enable_hashagg = off;
SELECT pg_temp.plan_has('SELECT customer_id, customer_profile(ordered_at, amount, zone) FROM zn_orders GROUP BY 1', 'Partial') AS partial_plan;
CREATE TABLE zn_parallel AS SELECT customer_id, customer_profile(ordered_at, amount, zone) AS p FROM zn_orders GROUP BY 1;
RESET enable_hashagg;
SELECT (SELECT customer_profile(ordered_at, amount, zone)::text FROM zn_orders) AS parallel_one_group \gset
\i :abs_srcdir/test/regress/parallel_reset.sql
SET enable_sort = off;
SELECT pg_temp.plan_has('SELECT customer_id, customer_profile(ordered_at, amount, zone) FROM zn_orders GROUP BY 1', 'HashAggregate') AS hashed_plan;
CREATE TEMP TABLE zn_hashed AS SELECT customer_id, customer_profile(ordered_at, amount, zone) AS p FROM zn_orders GROUP BY 1;
RESET enable_sort;
SELECT count(*) FILTER (WHERE h.p::text = u.p::text) AS hashed_equal_to_utc,
       count(*) FILTER (WHERE x.p::text = u.p::text) AS parallel_equal_to_utc
FROM zn_utc u JOIN zn_hashed h USING (customer_id) JOIN zn_parallel x USING (customer_id);
SELECT :'parallel_one_group' = (SELECT customer_profile(ordered_at, amount, 'UTC')::text FROM zn_orders) AS parallel_one_group_equal_to_utc;
-- The row order within a group does not matter either (ascending, descending).
SELECT count(*) FILTER (WHERE a = u.p::text AND d = u.p::text) AS any_row_order_equal_to_utc
FROM (SELECT customer_id, customer_profile(ordered_at, amount, zone ORDER BY i)::text AS a,
             customer_profile(ordered_at, amount, zone ORDER BY i DESC)::text AS d
      FROM zn_orders GROUP BY 1) o JOIN zn_utc u USING (customer_id);

-- ---------- profiles: rollup of parts recorded under different names ----------
-- One part per customer and name, merged in three orders: always the 'UTC' profile.
CREATE TEMP TABLE zn_parts AS
SELECT customer_id, zone, customer_profile(ordered_at, amount, zone) AS p FROM zn_orders GROUP BY 1, 2;
SELECT count(DISTINCT time_zone(p)) AS part_names FROM zn_parts;
SELECT count(*) AS customers,
       count(*) FILTER (WHERE r1 = u.p::text AND r2 = u.p::text AND r3 = u.p::text) AS rollup_equal_to_utc
FROM (SELECT customer_id, rollup(p ORDER BY zone)::text AS r1, rollup(p ORDER BY zone DESC)::text AS r2,
             rollup(p ORDER BY md5(zone || customer_id))::text AS r3
      FROM zn_parts GROUP BY 1) r JOIN zn_utc u USING (customer_id);
-- Two levels: parts rolled up per half of the names, then the halves: the same.
SELECT count(*) FILTER (WHERE r.p::text = u.p::text) AS two_level_rollup_equal_to_utc
FROM (SELECT customer_id, rollup(h) AS p
      FROM (SELECT customer_id, zone < 'H' AS half, rollup(p) AS h FROM zn_parts GROUP BY 1, 2) x GROUP BY 1) r
JOIN zn_utc u USING (customer_id);
-- One name throughout keeps it: two Etc/UTC parts merge to an Etc/UTC profile.
SELECT time_zone(rollup(p)) AS one_name_kept, order_count(rollup(p)) AS orders
FROM (SELECT customer_profile(ordered_at, amount, 'Etc/UTC') AS p FROM zn_orders GROUP BY customer_id < 30) x;
-- Stored values under any of the names still read, measure as_of in their zone and merge.
SELECT n.name, days_since_last_order(('v1;tz=' || n.name || ';orders=1;first=2024-01-01T23:30:00Z;last=2024-01-01T23:30:00Z;revenue=1;moment=8766;days=2024-01-01')::customer_profile,
                                     '2024-01-02 00:30+00') AS days_since
FROM utc_names n ORDER BY n.k;
SELECT rollup(('v1;tz=' || name || ';orders=1;first=2024-01-01T23:30:00Z;last=2024-01-01T23:30:00Z;revenue=1;moment=8766;days=2024-01-01')::customer_profile)::text AS all_names_merged
FROM utc_names;
-- Merged in place (the combine function called directly, the same day on both sides): the value
-- is as long as the merge of two UTC profiles, its name shortened from Etc/Universal to UTC.
SELECT pg_column_size(cf_profile_combine(a, b)) = pg_column_size(cf_profile_combine(b, b)) AS same_size,
       customer_profile_send(cf_profile_combine(a, b)) = customer_profile_send(cf_profile_combine(b, b)) AS same_bytes,
       cf_profile_combine(a, b)::text AS merged_in_place
FROM (SELECT 'v1;tz=Etc/Universal;orders=1;first=2024-01-01T23:30:00Z;last=2024-01-01T23:30:00Z;revenue=1;moment=8766;days=2024-01-01'::customer_profile AS a,
             'v1;tz=UTC;orders=1;first=2024-01-01T23:30:00Z;last=2024-01-01T23:30:00Z;revenue=1;moment=8766;days=2024-01-01'::customer_profile AS b) x;
-- The session-zone form: TimeZone switched between UTC and Etc/UTC while a profile is built.
SELECT customer_profile(ordered_at, amount + (SELECT 0 FROM set_config('TimeZone', CASE WHEN i < 3 THEN 'Etc/UTC' ELSE 'UTC' END, false)))::text AS session_zone_switched
FROM (SELECT i, timestamptz '2024-01-01' + i * interval '1 day' AS ordered_at, 1.0 AS amount FROM generate_series(1, 5) i) o;
SET TimeZone = 'UTC';

-- ---------- other zones: compared by name, whatever the length ----------
SELECT length('Europe/Rome') = length('Europe/Oslo') AS same_length;
SELECT customer_profile(t, 1, z)::text FROM (VALUES (timestamptz '2024-01-01', 'Europe/Rome'), ('2024-01-02', 'Europe/Oslo')) v(t, z);
SET enable_sort = off;
SELECT k, customer_profile(t, 1, z)::text FROM (VALUES (1, timestamptz '2024-01-01', 'Europe/Rome'), (1, '2024-01-02', 'Europe/Oslo')) v(k, t, z) GROUP BY k;
RESET enable_sort;
SELECT rollup(p)::text FROM (VALUES ('v1;tz=Europe/Rome;orders=1;first=2024-01-01T00:00:00Z;last=2024-01-01T00:00:00Z;revenue=1;moment=8766;days=2024-01-01'::customer_profile),
                                    ('v1;tz=Europe/Oslo;orders=1;first=2024-01-01T00:00:00Z;last=2024-01-01T00:00:00Z;revenue=1;moment=8766;days=2024-01-01')) v(p);
SELECT rollup(p)::text FROM (VALUES ('v1;tz=UTC;orders=1;first=2024-01-01T00:00:00Z;last=2024-01-01T00:00:00Z;revenue=1;moment=8766;days=2024-01-01'::customer_profile),
                                    ('v1;tz=Etc/GMT+1;orders=1;first=2024-01-01T12:00:00Z;last=2024-01-01T12:00:00Z;revenue=1;moment=8766;days=2024-01-01')) v(p);
-- The transition called with a state another call site started (what Citus's worker_partial_agg
-- does on every row: a fresh FmgrInfo, so no cache of the call site can vouch for the state).
SELECT cf_profile_trans_tz(cf_profile_trans_tz(NULL, '2024-01-01', 1, 'Europe/Rome'), '2024-01-02', 1, 'Europe/Oslo')::text;
SELECT cf_profile_trans_tz(cf_profile_trans_tz(NULL, '2024-01-01', 1, 'Etc/UTC'), '2024-01-02', 1, 'Zulu')::text AS direct_calls_utc;
-- The session-zone form with names of the same length.
SELECT customer_profile(ordered_at, amount + (SELECT 0 FROM set_config('TimeZone', CASE WHEN i < 3 THEN 'Europe/Rome' ELSE 'Europe/Oslo' END, false)))
FROM (SELECT i, timestamptz '2024-01-01' + i * interval '1 day' AS ordered_at, 1.0 AS amount FROM generate_series(1, 5) i) o;
SET TimeZone = 'UTC';

-- ---------- loyalty ladders ----------
-- Mixed names in one ladder, serial and parallel, and per-name ladders rolled up: the 'UTC' ladder.
SELECT (SELECT loyalty_ladder(customer_id, ordered_at, '2025-06-01', 'UTC')::text FROM zn_orders) AS utc_ladder \gset
SELECT loyalty_ladder(customer_id, ordered_at, '2025-06-01', zone)::text = :'utc_ladder' AS mixed_equal_to_utc,
       loyalty_ladder(customer_id, ordered_at, '2025-06-01', zone ORDER BY i DESC)::text = :'utc_ladder' AS reversed_equal_to_utc
FROM zn_orders;
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/parallel.sql
SET :force_parallel = on;
SELECT pg_temp.plan_has($$SELECT loyalty_ladder(customer_id, ordered_at, '2025-06-01', zone) FROM zn_orders$$, 'Partial') AS partial_plan;
SELECT (SELECT loyalty_ladder(customer_id, ordered_at, '2025-06-01', zone)::text FROM zn_orders) AS parallel_ladder \gset
\i :abs_srcdir/test/regress/parallel_reset.sql
SELECT :'parallel_ladder' = :'utc_ladder' AS parallel_equal_to_utc;
CREATE TEMP TABLE zn_ladders AS
SELECT zone, loyalty_ladder(customer_id, ordered_at, '2025-06-01', zone) AS l FROM zn_orders GROUP BY 1;
SELECT rollup(l ORDER BY zone)::text = :'utc_ladder' AS rollup_equal_to_utc,
       rollup(l ORDER BY zone DESC)::text = :'utc_ladder' AS reversed_rollup_equal_to_utc
FROM zn_ladders;
-- Through the stored (flat) form too: a table's values are merged from their binary form.
SELECT rollup(l::text::loyalty_ladder ORDER BY md5(zone))::text = :'utc_ladder' AS stored_rollup_equal_to_utc FROM zn_ladders;
-- One name throughout keeps it; the stage counts of a ladder recorded under any name.
SELECT rollup(l)::text AS one_name_kept
FROM (VALUES ('v2;tz=Etc/UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:1:1999-12-31'::loyalty_ladder), ('v2;tz=Etc/UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=2:1:1999-12-31')) v(l);
SELECT rollup(('v2;tz=' || name || ';as_of=2000-01-01T00:00:00Z;customers=1;customer=' || k || ':1:1999-12-31')::loyalty_ladder)::text AS all_names_merged FROM utc_names;
SELECT string_agg(DISTINCT s, ' ') AS stages_under_every_name
FROM (SELECT n.name, string_agg(c.stage || '=' || c.customers, ' ') AS s
      FROM utc_names n, stage_counts(('v2;tz=' || n.name || ';as_of=2000-01-01T23:59:59.999999Z;customers=2;customer=1:1:2000-01-01;customer=2:0')::loyalty_ladder) c
      WHERE c.customers > 0 GROUP BY n.name) x;
-- Other zones of the same length are refused, within a group and in a rollup.
SELECT loyalty_ladder(c, t, '2026-07-01', z)::text FROM (VALUES (1::bigint, timestamptz '2026-06-01', 'Europe/Rome'), (2, '2026-06-01', 'Europe/Oslo')) v(c, t, z);
SELECT rollup(l)::text FROM (VALUES ('v2;tz=Europe/Rome;as_of=2000-01-01T00:00:00Z;customers=0'::loyalty_ladder), ('v2;tz=Europe/Oslo;as_of=2000-01-01T00:00:00Z;customers=0')) v(l);
SELECT cf_loyalty_ladder_trans_tz(cf_loyalty_ladder_trans_tz(NULL, 1, '2026-06-01', '2026-07-01', 'Europe/Rome'), 2, '2026-06-01', '2026-07-01', 'Europe/Oslo')::text;

DROP TABLE zn_orders, zn_parallel;
