-- customer_profile: the aggregate, accessors, text and binary forms, rollup,
-- parallel plans, time zones, exact revenue and bad input.
SET client_min_messages = warning;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET extra_float_digits = 0;
SET IntervalStyle = 'postgres';

CREATE TABLE cp_orders (customer_id integer, ordered_at timestamptz, amount numeric);
-- Customer 1: three orders on 2024-01-01 (one a refund), one on 01-11, one on 01-31.
-- Customer 2: one order.  Customer 3: only NULL rows.  Customer 4: refunds only.
INSERT INTO cp_orders VALUES
    (1, '2024-01-01 09:00', 10.50), (1, '2024-01-01 23:00', -2.5), (1, '2024-01-01 01:00', 3),
    (1, '2024-01-11 00:00', 100), (1, '2024-01-31 12:00', 0.001),
    (2, '2023-06-15 08:30:00.25', 42),
    (3, NULL, 5), (3, '2024-01-01', NULL),
    (4, '2024-02-01', -7.25), (4, '2024-02-03', -0.75);

-- The profiles, shown in full (text form).
SELECT customer_id, customer_profile(ordered_at, amount) FROM cp_orders GROUP BY customer_id ORDER BY 1;

-- Accessors, by hand: customer 1 has 5 orders, revenue 10.50 - 2.5 + 3 + 100 + 0.001 = 111.001,
-- purchase days 01-01, 01-11, 01-31 (mean interval 30 / 2 = 15 days).
SELECT customer_id, order_count(p), total_revenue(p), first_order(p), last_order(p), purchase_day_count(p),
       mean_interval(p), time_zone(p)
FROM (SELECT customer_id, customer_profile(ordered_at, amount) AS p FROM cp_orders GROUP BY customer_id) s
ORDER BY 1;

-- Model summary at 2024-02-05: x = 2, t_x = 30, T = 35 days; in weeks t_x = 30/7, T = 5.
SELECT (model_summary(p, '2024-02-05')).*, (model_summary(p, '2024-02-05', 7)).*,
       days_since_last_order(p, '2024-02-05')
FROM (SELECT customer_profile(ordered_at, amount) AS p FROM cp_orders WHERE customer_id = 1) s;

-- The same figures from plain SQL over the same rows.
SELECT customer_id, count(*) AS orders, sum(amount) AS revenue, min(ordered_at), max(ordered_at),
       count(DISTINCT ordered_at::date) AS purchase_days
FROM cp_orders WHERE ordered_at IS NOT NULL AND amount IS NOT NULL GROUP BY 1 ORDER BY 1;

-- The first purchase day's revenue and repeat_mean_value, by hand: customer 1's first day
-- 10.50 - 2.5 + 3 = 11.000 (at the profile's scale 3), repeat days 100 and 0.001: mean 50.0005;
-- customer 2 has one purchase day (no repeat purchases: NULL); customer 4's refunds: first day
-- -7.25, one repeat day -0.75.
SELECT customer_id, substring(customer_profile(ordered_at, amount)::text FROM ';first_revenue=([^;]*);') AS first_revenue,
       repeat_mean_value(customer_profile(ordered_at, amount))
FROM cp_orders GROUP BY customer_id ORDER BY 1;
-- Empty group and all-NULL group give NULL.
SELECT customer_profile(ordered_at, amount) IS NULL AS empty_is_null FROM cp_orders WHERE false;
SELECT customer_profile(ordered_at, amount) IS NULL AS nulls_is_null FROM cp_orders WHERE customer_id = 3;

-- ---------- generated data: profiles equal plain SQL ----------
CREATE TABLE cp_gen AS
SELECT (i % 997) + 1 AS customer_id,
       timestamptz '2022-01-01 00:00+00' + ((hashint4(i) & 2147483647) % (3 * 365 * 86400)) * interval '1 second'
           + ((hashint4(i + 7) & 2147483647) % 1000000) * interval '1 microsecond' AS ordered_at,
       CASE WHEN i % 23 = 0 THEN -1 ELSE 1 END * ((hashint4(i * 3) & 2147483647) % 100000) / 100.0
           + CASE WHEN i % 11 = 0 THEN 0.005 ELSE 0 END AS amount
FROM generate_series(1, 20000) i;
INSERT INTO cp_gen VALUES (5, NULL, 1), (6, '2023-01-01', NULL);
ANALYZE cp_gen;

SET TimeZone = 'America/New_York';
CREATE TABLE cp_direct AS
SELECT customer_id, customer_profile(ordered_at, amount) AS p FROM cp_gen GROUP BY customer_id;
SELECT count(*) AS customers,
       count(*) FILTER (WHERE order_count(d.p) = q.n AND total_revenue(d.p) = q.s AND total_revenue(d.p)::text = q.s::text
                        AND first_order(d.p) = q.lo AND last_order(d.p) = q.hi
                        AND purchase_day_count(d.p) = q.days) AS equal_to_plain_sql
FROM cp_direct d
JOIN (SELECT customer_id, count(*) AS n, sum(amount) AS s, min(ordered_at) AS lo, max(ordered_at) AS hi,
             count(DISTINCT ordered_at::date) AS days
      FROM cp_gen WHERE ordered_at IS NOT NULL AND amount IS NOT NULL GROUP BY 1) q USING (customer_id);

-- Mean interval and model summary equal plain SQL with window functions over the distinct days.
SELECT count(*) FILTER (WHERE mean_interval(d.p) IS NOT DISTINCT FROM w.mi) AS mean_interval_equal,
       count(*) FILTER (WHERE (model_summary(d.p, '2025-06-01')).x = w.days - 1
                          AND (model_summary(d.p, '2025-06-01')).t_x = w.t_x
                          AND (model_summary(d.p, '2025-06-01')).t = date '2025-06-01' - w.first_day) AS summary_equal
FROM cp_direct d
JOIN (SELECT customer_id, count(*) AS days, max(day) - min(day) AS t_x, min(day) AS first_day,
             CASE WHEN count(*) > 1 THEN justify_hours(avg(gap)) END AS mi
      FROM (SELECT customer_id, day, (day - lag(day) OVER (PARTITION BY customer_id ORDER BY day)) * interval '1 day' AS gap
            FROM (SELECT DISTINCT customer_id, ordered_at::date AS day FROM cp_gen
                  WHERE ordered_at IS NOT NULL AND amount IS NOT NULL) dd) g
      GROUP BY 1) w USING (customer_id);

-- The first purchase day's revenue and repeat_mean_value equal plain SQL over the local days'
-- sums: the first day's sum, and avg() of the others (numeric's division; its float8 is the
-- Gamma-Gamma input).  avg() rounds the quotient at a scale that grows with its inputs' scales, and
-- repeat_mean_value's inputs carry the profile's scale, the largest of all its amounts: where only
-- the first day has amounts of scale 20 (customer 939; its repeat days have 16), avg() of the
-- repeat days alone rounds 4 digits earlier (419.5907894736842105 against 419.59078947368421052632),
-- the same value to 1e-16.  The text comparisons below (parallel, rollup, binary) cover the first
-- day's revenue too: it is part of the text form.
SELECT count(*) AS customers,
       count(*) FILTER (WHERE substring(d.p::text FROM ';first_revenue=([^;]*);')::numeric = q.first_amount) AS first_day_revenue_equal,
       count(*) FILTER (WHERE repeat_mean_value(d.p) = q.repeat_mean) AS repeat_mean_equal,
       count(*) FILTER (WHERE abs(repeat_mean_value(d.p) - q.repeat_mean) <= 1e-16 * abs(q.repeat_mean)) AS equal_to_1e_16,
       count(*) FILTER (WHERE float8send(repeat_mean_value(d.p)::float8) = float8send(q.repeat_mean::float8)) AS float8_identical,
       count(*) FILTER (WHERE repeat_mean_value(d.p) IS NULL AND q.repeat_mean IS NULL) AS one_day_null
FROM cp_direct d
JOIN (SELECT customer_id, sum(amount) FILTER (WHERE day = first_day) AS first_amount,
             avg(amount) FILTER (WHERE day > first_day) AS repeat_mean
      FROM (SELECT customer_id, day, sum(amount) AS amount, min(day) OVER (PARTITION BY customer_id) AS first_day
            FROM (SELECT customer_id, ordered_at::date AS day, amount FROM cp_gen
                  WHERE ordered_at IS NOT NULL AND amount IS NOT NULL) o
            GROUP BY 1, 2) g
      GROUP BY 1) q USING (customer_id);
-- ... and for customers whose orders fall on one day or a few (the first month of 50 customers)
SELECT count(*) AS customers, count(*) FILTER (WHERE repeat_mean_value(p) IS NULL) AS one_day,
       count(*) FILTER (WHERE repeat_mean_value(p) IS NOT DISTINCT FROM q.repeat_mean) AS repeat_mean_equal
FROM (SELECT customer_id, customer_profile(ordered_at, amount) AS p FROM cp_gen
      WHERE customer_id <= 50 AND ordered_at < '2022-02-01' GROUP BY 1) d
JOIN (SELECT customer_id, avg(amount) FILTER (WHERE day > first_day) AS repeat_mean
      FROM (SELECT customer_id, day, sum(amount) AS amount, min(day) OVER (PARTITION BY customer_id) AS first_day
            FROM (SELECT customer_id, ordered_at::date AS day, amount FROM cp_gen
                  WHERE customer_id <= 50 AND ordered_at < '2022-02-01' AND amount IS NOT NULL) o
            GROUP BY 1, 2) g
      GROUP BY 1) q USING (customer_id);

-- ---------- parallel plans equal serial ----------
\set parallel_workers 4
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/parallel.sql
SET :force_parallel = on;
SET enable_hashagg = off;
SELECT pg_temp.plan_has('SELECT customer_id, customer_profile(ordered_at, amount) FROM cp_gen GROUP BY customer_id', 'Partial') AS partial_aggregate_plan;
CREATE TABLE cp_parallel AS
SELECT customer_id, customer_profile(ordered_at, amount) AS p FROM cp_gen GROUP BY customer_id;
RESET enable_hashagg;
SELECT pg_temp.plan_has('SELECT customer_profile(ordered_at, amount) FROM cp_gen', 'Partial') AS partial_plan_one_group;
-- one group over all rows: the workers' partial profiles are combined
SELECT (SELECT customer_profile(ordered_at, amount)::text FROM cp_gen) AS parallel_text \gset
\i :abs_srcdir/test/regress/parallel_reset.sql
SELECT (SELECT customer_profile(ordered_at, amount)::text FROM cp_gen) = :'parallel_text' AS parallel_equals_serial_one_group;
SELECT count(*) AS customers, count(*) FILTER (WHERE d.p::text = x.p::text) AS parallel_equals_serial
FROM cp_direct d JOIN cp_parallel x USING (customer_id);

-- ---------- rollup: monthly profiles merged equal the direct profile ----------
CREATE TABLE cp_monthly AS
SELECT customer_id, date_trunc('month', ordered_at) AS month, customer_profile(ordered_at, amount) AS p
FROM cp_gen GROUP BY 1, 2;
SELECT count(*) AS customers, count(*) FILTER (WHERE r.p::text = d.p::text) AS rollup_equals_direct
FROM (SELECT customer_id, rollup(p) AS p FROM cp_monthly GROUP BY 1) r JOIN cp_direct d USING (customer_id);
-- in any order: descending months
SELECT count(*) FILTER (WHERE r.p::text = d.p::text) AS rollup_any_order
FROM (SELECT customer_id, rollup(p ORDER BY month DESC) AS p FROM cp_monthly GROUP BY 1) r JOIN cp_direct d USING (customer_id);
-- NULL profiles are skipped; no rows give NULL
SELECT rollup(p) IS NULL AS rollup_empty FROM cp_monthly WHERE false;
SELECT rollup(p)::text = (SELECT p::text FROM cp_direct WHERE customer_id = 1) AS rollup_skips_null
FROM (SELECT p FROM cp_monthly WHERE customer_id = 1 UNION ALL SELECT NULL) s;

-- a long history: 5,000 purchase days (20 kB of days) is stored (toasted) and read back
CREATE TABLE cp_long AS
SELECT customer_profile(timestamptz '2000-01-01 12:00+00' + i * interval '1 day', 1) AS p FROM generate_series(0, 4999) i;
SELECT purchase_day_count(p), order_count(p), pg_column_size(p) > 8160 AS larger_than_a_page, p::text::customer_profile::text = p::text AS round_trip,
       (SELECT purchase_day_count(rollup(q)) FROM (SELECT p AS q FROM cp_long UNION ALL SELECT p FROM cp_long) s) AS rolled_up_with_itself
FROM cp_long;

-- ---------- text and binary forms ----------
SELECT count(*) FILTER (WHERE p::text::customer_profile::text = p::text) AS text_round_trips FROM cp_direct;
CREATE TEMP TABLE cp_bin (customer_id integer, p customer_profile);
COPY (SELECT customer_id, p FROM cp_direct) TO '/tmp/customer_focus_profile_regress.bin' (FORMAT binary);
COPY cp_bin FROM '/tmp/customer_focus_profile_regress.bin' (FORMAT binary);
SELECT count(*) FILTER (WHERE b.p::text = d.p::text) AS binary_round_trips FROM cp_bin b JOIN cp_direct d USING (customer_id);

-- ---------- profiles stored by 1.0 and 1.1 (format version 1) ----------
-- They did not record the first day's revenue: it reads back unknown, except with one purchase
-- day (then it is the revenue), and repeat_mean_value says so rather than guess.
SELECT p::text AS one_day_reads_as, repeat_mean_value(p) IS NULL AS no_repeat_days
FROM (VALUES ('v1;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-01-01T11:00:00Z;revenue=20.00;moment=175320.00;days=2024-01-01'::customer_profile)) v(p);
SELECT 'v1;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20.00;moment=175800.00;days=2024-01-01+64'::customer_profile::text AS two_days_read_as;
SELECT repeat_mean_value('v1;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20.00;moment=175800.00;days=2024-01-01+64');
-- Merged with a profile whose first day is earlier, the value is known again (5.00 on 2023-12-31;
-- repeat days 2024-01-01 and 03-05 with 20.00 in all: mean 10); on the same first day it stays unknown.
SELECT rollup(p)::text AS merged, repeat_mean_value(rollup(p)) AS repeat_mean
FROM (VALUES ('v1;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20.00;moment=175800.00;days=2024-01-01+64'::customer_profile),
             ((SELECT customer_profile(t, a, 'UTC') FROM (VALUES ('2023-12-31 12:00+00'::timestamptz, 5.00)) o(t, a)))) v(p);
SELECT substring(rollup(p)::text FROM ';first_revenue=([^;]*);') AS same_first_day
FROM (VALUES ('v1;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20.00;moment=175800.00;days=2024-01-01+64'::customer_profile),
             ((SELECT customer_profile(t, a, 'UTC') FROM (VALUES ('2024-01-01 12:00+00'::timestamptz, 5.00)) o(t, a)))) v(p);

-- ---------- time zones and DST ----------
-- 2024-03-10 is the US spring-forward day; 2024-11-03 the fall-back day (25 hours).
-- 23:30 New York on 03-09 is 04:30 UTC on 03-10: a different calendar day in each zone.
CREATE TABLE cp_tz (ordered_at timestamptz, amount numeric);
INSERT INTO cp_tz VALUES ('2024-03-09 23:30-05', 1), ('2024-03-10 01:59-05', 1), ('2024-03-10 03:00-04', 1),
                         ('2024-11-03 00:30-04', 1), ('2024-11-03 01:30-04', 1), ('2024-11-03 01:30-05', 1),
                         ('2024-11-03 23:59:59.999999-05', 1), ('2024-11-04 00:00-05', 1);
SET TimeZone = 'America/New_York';
SELECT purchase_day_count(p), time_zone(p), p::text FROM (SELECT customer_profile(ordered_at, amount) p FROM cp_tz) s;
SELECT count(DISTINCT ordered_at::date) AS plain_sql_days_new_york FROM cp_tz;
SET TimeZone = 'UTC';
SELECT purchase_day_count(p), time_zone(p) FROM (SELECT customer_profile(ordered_at, amount) p FROM cp_tz) s;
SELECT count(DISTINCT ordered_at::date) AS plain_sql_days_utc FROM cp_tz;
SET TimeZone = 'Asia/Kolkata';
SELECT purchase_day_count(p) = (SELECT count(DISTINCT ordered_at::date) FROM cp_tz) AS kolkata_days_match
FROM (SELECT customer_profile(ordered_at, amount) p FROM cp_tz) s;
-- the generated data in zones with many transitions, including far-future and far-past dates
CREATE TABLE cp_far AS
SELECT timestamptz '1890-01-01 00:00+00' + i * interval '1 day 1 hour 7 minutes' AS ordered_at, 1::numeric AS amount
FROM generate_series(0, 70000) i;
SET TimeZone = 'Europe/Berlin';
SELECT purchase_day_count(customer_profile(ordered_at, amount)) = (SELECT count(DISTINCT ordered_at::date) FROM cp_far) AS berlin_far_days_match FROM cp_far;
SET TimeZone = 'Australia/Lord_Howe';
SELECT purchase_day_count(customer_profile(ordered_at, amount)) = (SELECT count(DISTINCT ordered_at::date) FROM cp_far) AS lord_howe_far_days_match FROM cp_far;
SET TimeZone = 'America/New_York';
SELECT count(*) FILTER (WHERE purchase_day_count(d.p) = q.days) = count(*) AS new_york_days_match
FROM cp_direct d JOIN (SELECT customer_id, count(DISTINCT ordered_at::date) AS days FROM cp_gen
                       WHERE ordered_at IS NOT NULL AND amount IS NOT NULL GROUP BY 1) q USING (customer_id);
-- as_of days are counted in the profile's own zone, whatever the session zone
SET TimeZone = 'Pacific/Kiritimati';
SELECT days_since_last_order(p, '2024-11-05 04:59:59-00'), days_since_last_order(p, '2024-11-05 05:00:00-00')
FROM (SELECT p FROM cp_direct LIMIT 0) s
UNION ALL
SELECT days_since_last_order('v1;tz=America/New_York;orders=1;first=2024-11-04T05:00:00Z;last=2024-11-04T05:00:00Z;revenue=1;moment=9074;days=2024-11-04',
                             '2024-11-05 04:59:59-00'),
       days_since_last_order('v1;tz=America/New_York;orders=1;first=2024-11-04T05:00:00Z;last=2024-11-04T05:00:00Z;revenue=1;moment=9074;days=2024-11-04',
                             '2024-11-05 05:00:00-00');
-- merging profiles of different zones is refused
SET TimeZone = 'America/New_York';
SELECT rollup(p) FROM (SELECT customer_profile(ordered_at, amount) p FROM cp_tz
                       UNION ALL SELECT 'v1;tz=UTC;orders=1;first=2024-01-01T00:00:00Z;last=2024-01-01T00:00:00Z;revenue=1;moment=8766;days=2024-01-01') s;
SET TimeZone = 'UTC';
-- an explicit zone does not depend on the session's TimeZone (for postgres_fdw / Citus pushdown)
SET TimeZone = 'America/New_York';
CREATE TEMP TABLE cp_session_ny AS SELECT customer_profile(ordered_at, amount)::text AS t FROM cp_tz;
SET TimeZone = 'UTC';
SELECT customer_profile(ordered_at, amount, 'America/New_York')::text = (SELECT t FROM cp_session_ny) AS explicit_zone_in_utc_session,
       time_zone(customer_profile(ordered_at, amount, 'america/new_york')) AS canonical_name
FROM cp_tz;
SELECT customer_profile(ordered_at, amount, 'Mars/Olympus_Mons') FROM cp_tz;
SELECT customer_profile(ordered_at, amount, NULL) FROM cp_tz;
SELECT count(*) FILTER (WHERE d.p::text = z.p::text) AS explicit_zone_generated
FROM cp_direct d
JOIN (SELECT customer_id, customer_profile(ordered_at, amount, 'America/New_York') AS p FROM cp_gen GROUP BY 1) z USING (customer_id);

-- ---------- exact revenue beyond 128 bits, and large scales ----------
CREATE TABLE cp_big (customer_id integer, ordered_at timestamptz, amount numeric);
INSERT INTO cp_big SELECT 1, '2024-01-01'::timestamptz + i * interval '1 day', 90000000000000000000000000000000000000.5
FROM generate_series(1, 5) i;
INSERT INTO cp_big VALUES (1, '2024-02-01', -449999999999999999999999999999999999999.75),
                          (2, '2024-01-01', 1e-30), (2, '2024-01-02', 123456789012345678901234567890.123456789),
                          (2, '2024-01-03', -0.000000000000000000000000000000000000000000000001),
                          (3, '2024-01-01', 1e300), (3, '2024-01-02', -1e300), (3, '2024-01-03', 0.1);
SELECT customer_id, total_revenue(p), total_revenue(p) = s AND total_revenue(p)::text = s::text AS equals_sum
FROM (SELECT customer_id, customer_profile(ordered_at, amount) p, sum(amount) s FROM cp_big GROUP BY 1) x ORDER BY 1;
SELECT customer_id, p::text::customer_profile::text = p::text AS big_text_round_trip
FROM (SELECT customer_id, customer_profile(ordered_at, amount) p FROM cp_big GROUP BY 1) x ORDER BY 1;

-- ---------- bad input ----------
SELECT customer_profile(t, a) FROM (VALUES (now(), 'NaN'::numeric)) v(t, a);
SELECT customer_profile(t, a) FROM (VALUES (now(), 'Infinity'::numeric)) v(t, a);
SELECT customer_profile(t, a) FROM (VALUES (now(), '-Infinity'::numeric)) v(t, a);
SELECT customer_profile(t, a) FROM (VALUES ('infinity'::timestamptz, 1::numeric)) v(t, a);
SELECT customer_profile(t, a) FROM (VALUES ('-infinity'::timestamptz, 1::numeric)) v(t, a);
SELECT 'garbage'::customer_profile;
SELECT 'v3;tz=UTC;orders=1;first=2024-01-01T00:00:00Z;last=2024-01-01T00:00:00Z;revenue=1;moment=8766;first_revenue=1;days=2024-01-01'::customer_profile;
SELECT 'v2;tz=UTC;orders=1;first=2024-01-01T00:00:00Z;last=2024-01-01T00:00:00Z;revenue=1;moment=8766;days=2024-01-01'::customer_profile;
SELECT 'v2;tz=UTC;orders=1;first=2024-01-01T00:00:00Z;last=2024-01-01T00:00:00Z;revenue=1;moment=8766;first_revenue=0.5;days=2024-01-01'::customer_profile;
SELECT 'v1;tz=UTC;orders=1;first=2024-01-02T00:00:00Z;last=2024-01-01T00:00:00Z;revenue=1;moment=8766;days=2024-01-01'::customer_profile;
SELECT 'v1;tz=UTC;orders=1;first=2024-01-01T00:00:00Z;last=2024-01-01T00:00:00Z;revenue=1;moment=8766;days=2024-01-01+1'::customer_profile;
SELECT 'v1;tz=UTC;orders=1;first=2024-01-01T00:00:00Z;last=2024-01-01T00:00:00Z;revenue=1;moment=8766;days=2027-01-01'::customer_profile;
SELECT 'v1;tz=Not/AZone;orders=1;first=2024-01-01T00:00:00Z;last=2024-01-01T00:00:00Z;revenue=1;moment=8766;days=2024-01-01'::customer_profile AS unknown_zone_is_refused;
SELECT days_since_last_order('v1;tz=Not/AZone;orders=1;first=2024-01-01T00:00:00Z;last=2024-01-01T00:00:00Z;revenue=1;moment=8766;days=2024-01-01', now());
SELECT model_summary(p, '2024-01-31') FROM cp_direct WHERE customer_id = 1;
SELECT model_summary(p, 'infinity') FROM cp_direct WHERE customer_id = 1;
SELECT model_summary(p, '2030-01-01', 0) FROM cp_direct WHERE customer_id = 1;
-- a typed-in profile whose days are not the local days of its order times: refused when read (issue 14)
SELECT days_since_last_order('v1;tz=UTC;orders=1;first=2024-01-01T00:00:00Z;last=2024-01-01T00:00:00Z;revenue=1;moment=8767;days=2024-01-02',
                             '2024-01-01 12:00+00');
SELECT cf_profile_trans(NULL, now(), 1) IS NOT NULL AS trans_outside_aggregate_ok;

-- ---------- amounts of every shape: the revenue equals sum(amount) to the last digit ----------
-- (short amounts take a 64-bit decoding path, longer ones the 128-bit or the big one; the shapes
-- cover 1..40 significant digits, scales 0..30, negative scales of the stored digits, trailing
-- zeros and negative values)
CREATE TABLE cp_shapes AS
SELECT i % 23 AS customer_id, timestamptz '2024-01-01' + i * interval '5 hours' AS ordered_at,
       CASE WHEN i % 3 = 0 THEN -1 ELSE 1 END
       * round(((i::numeric * 7919 * 104729) % (10::numeric ^ (1 + i % 40))) * (10::numeric ^ (i % 31 - 15)), i % 31) AS amount
FROM generate_series(1, 2000) i
UNION ALL
SELECT 100, timestamptz '2024-01-01' + i * interval '1 day', a
FROM unnest(ARRAY[9999999999999999, 99999999999999999, 9999999999999999.9999, 0.0001, 1.5, 120.5000, 1e19, 1e20,
                  12345678901234567890, 0.00000000000000000001, 9999.9999, -9999999999999999.99,
                  170141183460469231731687303715884105727, 1e-4, 10000, 100000000]::numeric[]) WITH ORDINALITY u(a, i);
SELECT count(*) AS customers,
       count(*) FILTER (WHERE total_revenue(p) = s AND total_revenue(p)::text = s::text AND order_count(p) = n) AS revenue_equals_sum
FROM (SELECT customer_id, customer_profile(ordered_at, amount) p, sum(amount) s, count(*) n FROM cp_shapes GROUP BY 1) x;

-- ---------- the session zone changing while a profile is built is refused ----------
CREATE FUNCTION cp_switch_zone(i int) RETURNS int LANGUAGE sql VOLATILE AS
$$ SELECT set_config('TimeZone', CASE WHEN i < 3 THEN 'UTC' ELSE 'Asia/Tokyo' END, false); SELECT 0 $$;
SELECT customer_profile(ordered_at, amount + cp_switch_zone(i)) FROM (SELECT i, timestamptz '2024-01-01' + i * interval '1 day' AS ordered_at, 1.0 AS amount FROM generate_series(1, 5) i) o;
-- names of the same length ('Europe/Rome', 'Europe/Oslo'): also refused (UTC-equivalent names are one zone: sql/zones.sql)
SELECT customer_profile(ordered_at, amount + (SELECT 0 FROM set_config('TimeZone', CASE WHEN i < 3 THEN 'Europe/Rome' ELSE 'Europe/Oslo' END, false))) FROM (SELECT i, timestamptz '2024-01-01' + i * interval '1 day' AS ordered_at, 1.0 AS amount FROM generate_series(1, 5) i) o;
SET TimeZone = 'UTC';
DROP FUNCTION cp_switch_zone(int);

DROP TABLE cp_long, cp_orders, cp_gen, cp_direct, cp_parallel, cp_monthly, cp_tz, cp_far, cp_big, cp_shapes;
