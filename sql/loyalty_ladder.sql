-- loyalty_ladder: the one-pass loyalty-ladder report over orders.  Every count is
-- worked by hand below and compared with loyalty_stage(customer_profile(...), as_of)
-- over the same rows; text/binary forms, NULLs, errors, time zones, rollup, parallel.
SET TimeZone = 'UTC';

-- ---------- hand-made customers at every stage and boundary (as of 2026-07-01 00:00 UTC) ----------
-- defaults: client 2 orders, regular 5, lapsed after 3 mean intervals (365 days with
-- one purchase day), lost after 730 days
CREATE TABLE ll_orders (customer_id bigint, ordered_at timestamptz, amount numeric);
INSERT INTO ll_orders VALUES
  (1, '2026-06-01 10:00', 10),                              -- one order 30 days ago: buyer
  (2, '2025-07-01 00:00', 10),                              -- one order exactly 365 days ago: buyer
  (3, '2025-06-30 23:59', 10),                              -- 366 days: lapsed
  (4, '2026-06-01 10:00', 10), (4, '2026-06-01 15:00', 10),  -- two orders, one day: client (x = 0)
  (5, '2026-05-01 09:00', 10), (5, '2026-05-11 09:00', 10),  -- mean gap 10, 51 days since > 30: lapsed
  (6, '2026-06-01 09:00', 10), (6, '2026-06-11 09:00', 10),  -- 20 days since <= 30: client
  (7, '2026-05-22 09:00', 10), (7, '2026-06-01 09:00', 10),  -- exactly 3 gaps (30 days): client
  (8, '2026-06-22', 1), (8, '2026-06-24', 1), (8, '2026-06-26', 1), (8, '2026-06-28', 1), (8, '2026-06-30', 1),
                                                            -- 5 orders, gap 2, 1 day since: regular
  (9, '2024-07-01 00:00', 10),                              -- exactly 730 days: lapsed, not lost
  (10, '2024-06-30 12:00', 10),                             -- 731 days: lost
  (11, NULL, NULL),                                         -- known, no order: prospect
  (12, NULL, NULL), (12, '2026-06-15 08:00', -5),           -- a refund is an order too: buyer
  (NULL, '2026-06-15 08:00', 10);                           -- no customer: skipped
SELECT * FROM stage_counts((SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01') FROM ll_orders));
-- expected by hand: prospect 1 (11), buyer 3 (1, 2, 12), client 3 (4, 6, 7), regular 1 (8),
-- advocate 0, lapsed 3 (3, 5, 9), lost 1 (10); the same as loyalty_stage over profiles:
SELECT s.stage, s.customers, coalesce(p.n, 0) AS from_profiles, s.customers = coalesce(p.n, 0) AS same
FROM stage_counts((SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01') FROM ll_orders)) s
LEFT JOIN (SELECT loyalty_stage(p, '2026-07-01') AS stage, count(*) AS n
           FROM (SELECT customer_id, customer_profile(ordered_at, amount) AS p
                 FROM ll_orders WHERE customer_id IS NOT NULL GROUP BY customer_id) g GROUP BY 1) p USING (stage)
ORDER BY s.stage;
SELECT customer_count(l), order_count(l), as_of(l),
       order_count(l) = (SELECT count(ordered_at) FROM ll_orders WHERE customer_id IS NOT NULL) AS orders_match
FROM (SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01') AS l FROM ll_orders) s;
-- thresholds as arguments, the rest at their fixed defaults: client from 3 orders, lapsed after 2 gaps
SELECT * FROM stage_counts((SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01') FROM ll_orders),
                           client_orders => 3, lapse_factor => 2);
-- by hand: 4 (2 orders) becomes a buyer; 7 (30 days > 2 x 10) becomes lapsed; 6 (20 days) stays a client
-- the settings do not reach stage_counts (its defaults are fixed): with customer_focus.lost_days = 365
-- the counts are those of the defaults, by hand lapsed 3 (3, 5, 9) and lost 1 (10)
SET customer_focus.lost_days = 365;
SELECT * FROM stage_counts((SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01') FROM ll_orders)) WHERE stage IN ('lapsed', 'lost');
RESET customer_focus.lost_days;
-- lost after 365 days as an argument: by hand 3, 9, 10 are lost; 5 stays lapsed
SELECT * FROM stage_counts((SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01') FROM ll_orders), lost_days => 365)
WHERE stage IN ('lapsed', 'lost');
-- the defaults spelt out give the same counts as no arguments
SELECT count(*) AS same_as_spelt_out_defaults
FROM stage_counts((SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01') FROM ll_orders)) a
JOIN stage_counts((SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01') FROM ll_orders), 2, 5, 9, 3, 365, 730) b
  USING (stage, customers);
-- no NULL-means-setting: a NULL threshold is an error
SELECT * FROM stage_counts((SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01') FROM ll_orders), lapse_days => NULL);

-- recommend scores: the overload takes each customer's latest 0-10 score in the rows that have
-- one; customer 8 (a regular) with 9 becomes an advocate, customer 1 (a buyer) with 10 stays a
-- buyer, customer 6 (a client) with 3 stays a client; as loyalty_stage(profile, as_of, score):
CREATE TABLE ll_scores (customer_id bigint, score integer);
INSERT INTO ll_scores VALUES (8, 9), (1, 10), (6, 3);
SELECT s.stage, s.customers, coalesce(p.n, 0) AS from_profiles, s.customers = coalesce(p.n, 0) AS same
FROM stage_counts((SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01', score)
                   FROM (SELECT customer_id, ordered_at, NULL::integer AS score FROM ll_orders
                         UNION ALL SELECT customer_id, NULL, score FROM ll_scores) u)) s
LEFT JOIN (SELECT loyalty_stage(p, '2026-07-01', sc.score) AS stage, count(*) AS n
           FROM (SELECT customer_id, customer_profile(ordered_at, amount) AS p
                 FROM ll_orders WHERE customer_id IS NOT NULL GROUP BY customer_id) g
           LEFT JOIN ll_scores sc USING (customer_id) GROUP BY 1) p USING (stage)
ORDER BY s.stage;
-- a second, different score of one customer is refused; the same one again is fine
SELECT loyalty_ladder(c, NULL, '2026-07-01', s) FROM (VALUES (1, 9), (1, 8)) v(c, s);
SELECT loyalty_ladder(c, NULL, '2026-07-01', s)::text AS same_score_twice FROM (VALUES (1, 9), (1, 9)) v(c, s);
SELECT loyalty_ladder(1, '2026-06-01', '2026-07-01', 11);

-- ---------- NULLs and empty input ----------
SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01') IS NULL AS empty_is_null FROM ll_orders WHERE false;
SELECT loyalty_ladder(customer_id, ordered_at, NULL) IS NULL AS null_as_of_skipped FROM ll_orders;
SELECT count(*) AS rows_for_null FROM stage_counts(NULL);
SELECT customer_count(NULL::loyalty_ladder) IS NULL AS strict_accessor;

-- ---------- text and binary forms ----------
-- days from 2000-01-01: 2000-01-02 is day 1, 2000-01-05 day 4; as_of 2000-02-01 = 31 days of microseconds
SELECT loyalty_ladder(id, ts, '2000-02-01 00:00+00')::text AS text_form
FROM (VALUES (2, timestamptz '2000-01-02 10:00+00'), (2, '2000-01-02 11:00+00'), (2, '2000-01-05 00:00+00'),
             (-5, NULL)) v(id, ts);
SELECT 'v2;tz=UTC;as_of=2000-02-01T00:00:00Z;customers=2;customer=-5:0;customer=2:3:2000-01-02*2+3'::loyalty_ladder::text AS round_trip;
-- customers in any order in, increasing ids out (one canonical form)
SELECT 'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=2;customer=9:1:1999-12-29;customer=-7:2:1999-12-22+2'::loyalty_ladder::text AS canonical;
CREATE TABLE ll_bin (l loyalty_ladder);
INSERT INTO ll_bin SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01') FROM ll_orders;
COPY ll_bin TO '/tmp/cf_ll_bin.copy' WITH (FORMAT binary);
CREATE TABLE ll_bin2 (l loyalty_ladder);
COPY ll_bin2 FROM '/tmp/cf_ll_bin.copy' WITH (FORMAT binary);
SELECT a.l::text = b.l::text AS binary_round_trip FROM ll_bin a, ll_bin2 b;
-- malformed text
SELECT 'v1;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=0'::loyalty_ladder;  -- the unreleased form without orders per day
SELECT 'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1'::loyalty_ladder;
SELECT 'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=2;customer=1:1:2000-01-06;customer=1:1:2000-01-07'::loyalty_ladder;
SELECT 'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:2:2000-01-06+0'::loyalty_ladder;
SELECT 'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:1:2000-01-06+3'::loyalty_ladder;
SELECT 'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:0:2000-01-06'::loyalty_ladder;
SELECT 'v2;tz=;as_of=2000-01-01T00:00:00Z;customers=0'::loyalty_ladder;
SELECT 'v2;tz=UTC;as_of=99999999999999999999;customers=0'::loyalty_ladder;
SELECT 'v2;tz=UTC;as_of=2000-01-01T00:00:00+01;customers=0'::loyalty_ladder;
SELECT 'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=0;'::loyalty_ladder;
-- a purchase day after the as-of day, or a zone unknown here, can only come from a crafted value: refused when read
SELECT * FROM stage_counts('v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:1:2000-01-06');
SELECT * FROM stage_counts('v2;tz=No/Such_Zone;as_of=2000-01-01T00:00:00Z;customers=0');

-- ---------- bad input ----------
SELECT loyalty_ladder(1, '2026-07-02', '2026-07-01');
SELECT loyalty_ladder(1, 'infinity', '2026-07-01');
SELECT loyalty_ladder(1, '2026-06-01', '-infinity');
SELECT loyalty_ladder(id, '2026-06-01', a) FROM (VALUES (1, timestamptz '2026-07-01'), (2, '2026-07-02')) v(id, a);
SELECT loyalty_ladder(1, '2026-06-01', '2026-07-01', 'No/Such_Zone');
SELECT loyalty_ladder(1, '2026-06-01', '2026-07-01', NULL);
SELECT * FROM stage_counts((SELECT loyalty_ladder(1, '2026-06-01', '2026-07-01')), client_orders => 1);
SELECT * FROM stage_counts((SELECT loyalty_ladder(1, '2026-06-01', '2026-07-01')), lapse_factor => 'NaN');
SELECT rollup(l) FROM (SELECT loyalty_ladder(1, '2026-06-01', '2026-07-01') AS l
                       UNION ALL SELECT loyalty_ladder(1, '2026-06-01', '2026-07-02')) s;
SELECT rollup(l) FROM (SELECT loyalty_ladder(1, '2026-06-01', '2026-07-01') AS l
                       UNION ALL SELECT loyalty_ladder(1, '2026-06-01', '2026-07-01', 'Europe/Berlin')) s;

-- ---------- time zones: days are local calendar days ----------
-- 21:30 and 22:30 UTC on 10 June are one day in UTC, two (23:30 on the 10th, 00:30 on the 11th) in Berlin
CREATE TABLE ll_tz AS SELECT * FROM (VALUES (1, timestamptz '2026-06-10 21:30+00'), (1, '2026-06-10 22:30+00')) v(customer_id, ordered_at);
SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01')::text AS utc_days,
       loyalty_ladder(customer_id, ordered_at, '2026-07-01', 'Europe/Berlin')::text AS berlin_days,
       (SELECT purchase_day_count(customer_profile(ordered_at, 1, 'Europe/Berlin')) FROM ll_tz) AS profile_berlin_days
FROM ll_tz;
-- without a time_zone the days are UTC days (the fixed default), whatever the session's zone
SET TimeZone = 'Europe/Berlin';
SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01')::text = (SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01', 'UTC')::text FROM ll_tz) AS default_zone_is_utc,
       loyalty_ladder(customer_id, ordered_at, '2026-07-01')::text = (SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01', 'Europe/Berlin')::text FROM ll_tz) AS session_zone_used
FROM ll_tz;
-- the as-of day is counted in the ladder's zone: one order on 2025-06-30 at 22:00 Berlin,
-- as of 2026-07-01 00:30 Berlin (2026-06-30 22:30 UTC): 366 days in Berlin (lapsed), 365 in UTC (buyer)
SELECT stage, customers FROM stage_counts((SELECT loyalty_ladder(7, '2025-06-30 20:00+00', '2026-06-30 22:30+00', 'Europe/Berlin'))) WHERE customers > 0;
SELECT stage, customers FROM stage_counts((SELECT loyalty_ladder(7, '2025-06-30 20:00+00', '2026-06-30 22:30+00', 'UTC'))) WHERE customers > 0;
SELECT stage, customers FROM stage_counts((SELECT loyalty_ladder(7, '2025-06-30 20:00+00', '2026-06-30 22:30+00'))) WHERE customers > 0;
SET TimeZone = 'UTC';

-- ---------- generated data: the same as profiles, parallel = serial, rollup = direct ----------
CREATE TABLE ll_gen AS
SELECT (i % 3001)::bigint AS customer_id,
       timestamptz '2023-01-01 00:00+00' + ((i * 7919) % 1200) * interval '1 day' + (i % 24) * interval '1 hour' AS ordered_at,
       (i % 97)::numeric AS amount
FROM generate_series(1, 60000) i
WHERE i % 7 <> 0 OR i % 3001 < 1500;   -- uneven histories
INSERT INTO ll_gen SELECT c, NULL, NULL FROM generate_series(3001, 3100) c;   -- prospects
ANALYZE ll_gen;
SELECT s.stage, s.customers = coalesce(p.n, 0) AS same_as_profiles
FROM stage_counts((SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01') FROM ll_gen)) s
LEFT JOIN (SELECT loyalty_stage(p, '2026-07-01') AS stage, count(*) AS n
           FROM (SELECT customer_id, customer_profile(ordered_at, amount) AS p FROM ll_gen GROUP BY customer_id) g
           GROUP BY 1) p USING (stage)
ORDER BY s.stage;
-- with a recommend score for every third customer (0-10 by formula): advocates as loyalty_stage finds them
CREATE TABLE ll_gen_scores AS SELECT c::bigint AS customer_id, (c * 7) % 11 AS score FROM generate_series(0, 3100, 3) c;
SELECT s.stage, s.customers = coalesce(p.n, 0) AS same_as_profiles, s.customers > 0 AS some
FROM stage_counts((SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01', score)
                   FROM (SELECT customer_id, ordered_at, NULL::integer AS score FROM ll_gen
                         UNION ALL SELECT customer_id, NULL, score FROM ll_gen_scores) u)) s
LEFT JOIN (SELECT loyalty_stage(p, '2026-07-01', sc.score) AS stage, count(*) AS n
           FROM (SELECT customer_id, customer_profile(ordered_at, amount) AS p FROM ll_gen GROUP BY customer_id) g
           LEFT JOIN ll_gen_scores sc USING (customer_id) GROUP BY 1) p USING (stage)
ORDER BY s.stage;
SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01', score)::text AS scored_text
FROM (SELECT customer_id, ordered_at, NULL::integer AS score FROM ll_gen
      UNION ALL SELECT customer_id, NULL, score FROM ll_gen_scores) u \gset
SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01')::text AS serial_text FROM ll_gen \gset
\set parallel_workers 4
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/parallel.sql
SET :force_parallel = on;
SELECT pg_temp.plan_has($q$SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01') FROM ll_gen$q$, 'Partial') AS partial_plan;
SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01')::text = :'serial_text' AS parallel_equals_serial FROM ll_gen;
SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01', score)::text = :'scored_text' AS scored_parallel_equals_serial
FROM (SELECT customer_id, ordered_at, NULL::integer AS score FROM ll_gen
      UNION ALL SELECT customer_id, NULL, score FROM ll_gen_scores) u;
-- per-segment ladders in a parallel GROUP BY
SELECT count(*) AS segments, bool_and(l::text = d::text) AS grouped_parallel_equals_serial
FROM (SELECT customer_id % 3 AS seg, loyalty_ladder(customer_id, ordered_at, '2026-07-01') AS l FROM ll_gen GROUP BY 1) p
JOIN (SELECT seg, loyalty_ladder(customer_id, ordered_at, '2026-07-01') AS d
      FROM (SELECT customer_id % 3 AS seg, * FROM ll_gen ORDER BY ordered_at DESC) o GROUP BY 1) s USING (seg);
\i :abs_srcdir/test/regress/parallel_reset.sql
-- monthly ladders rolled up (a customer's days spread over many of them) equal the direct one
SELECT rollup(l)::text = :'serial_text' AS rollup_equals_direct
FROM (SELECT date_trunc('month', ordered_at), loyalty_ladder(customer_id, ordered_at, '2026-07-01') AS l
      FROM ll_gen GROUP BY 1) m;
SELECT rollup(l) IS NULL AS rollup_empty FROM ll_bin WHERE false;
-- a stored ladder (toasted: far larger than a page) reads back the same
CREATE TABLE ll_stored AS SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01') AS l FROM ll_gen;
SELECT pg_column_size(l) > 8000 AS larger_than_a_page, l::text = :'serial_text' AS stored_equals, customer_count(l),
       customer_count(l) = (SELECT count(DISTINCT customer_id) FROM ll_gen) AS customers_match,
       order_count(l) = (SELECT count(ordered_at) FROM ll_gen) AS orders_match
FROM ll_stored;
DROP TABLE ll_orders, ll_scores, ll_bin, ll_bin2, ll_tz, ll_gen, ll_gen_scores, ll_stored;
