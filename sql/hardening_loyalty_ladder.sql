-- Bad input to the one-pass loyalty-ladder report (issue 7): the loyalty_ladder
-- aggregates (session zone and named zone), rollup, the support functions
-- called directly, stage_counts, the accessors and the text and binary input of
-- loyalty_ladder, tried with NULL, empty, infinite and extreme times, huge ids,
-- orders after as_of, several as_of in one group, unknown zones, bad thresholds
-- and malformed text and bytes.  Each case gives a documented result or an
-- error of SQLSTATE class 22 (the README's "Bad input" section has this
-- table).  The function column names the function tried
-- (sql/hardening_coverage.sql checks that every function of the extension is
-- tried in some hardening test).
SET extra_float_digits = 0;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';

-- outcome(query [, setting]) and recv(type, bytes): test/regress/hardening_helpers.sql.
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/hardening_helpers.sql

-- Ladders used below, written out by hand (days count from 2000-01-01, as_of in
-- microseconds since 2000-01-01 00:00 UTC):
-- ref:   as of 2000-02-01 00:00 UTC (31 days = 2678400000000 us, day 31); customer -5 known
--        without orders (a prospect); customer 2 with 3 orders on days 1 and 4 (2000-01-02 and
--        2000-01-05): one gap of 3 days, 27 days since > 3 gaps, so lapsed;
-- empty: no customers, as of 2000-01-01 00:00 UTC.
-- Orders below are as of 2026-07-01 00:00 UTC: day 9678, 836179200000000 us.
CREATE TEMP TABLE ladders (name text PRIMARY KEY, l loyalty_ladder);
INSERT INTO ladders VALUES
('ref', 'v1;tz=UTC;as_of=2678400000000;customers=2;-5:0;2:3:1+3'),
('empty', 'v1;tz=UTC;as_of=0;customers=0');
-- The binary form of ref, by hand (loyalty_ladder.h): version 01, zone length 03, 'UTC' 555443,
-- as_of 2678400000000 = 0x0000026f9d14a000 big-endian, then varints: 2 customers;
-- zigzag(-5) = 09, 0 orders, 0 days; zigzag(2) = 04, 3 orders, 2 days, zigzag(1) = 02, gap 03.
-- The crafted values below start with its first 13 bytes (up to as_of), then their customers.

CREATE TEMP TABLE cases (n serial, function text, input text, query text, setting text);
INSERT INTO cases (function, input, query) VALUES
-- the aggregate, session zone
('loyalty_ladder(bigint,timestamptz,timestamptz)', 'no rows', $q$SELECT loyalty_ladder(c, t, '2026-07-01')::text FROM (VALUES (1::bigint, now())) v(c, t) WHERE false$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz)', 'only NULL customer ids', $q$SELECT loyalty_ladder(c, t, '2026-07-01')::text FROM (VALUES (NULL::bigint, timestamptz '2026-06-01'), (NULL, NULL)) v(c, t)$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz)', 'as_of NULL in every row', $q$SELECT loyalty_ladder(c, t, NULL)::text FROM (VALUES (1::bigint, timestamptz '2026-06-01')) v(c, t)$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz)', 'as_of NULL in one row (skipped)', $q$SELECT loyalty_ladder(c, t, a)::text FROM (VALUES (1::bigint, timestamptz '2026-06-01', timestamptz '2026-07-01'), (2, '2026-06-02', NULL)) v(c, t, a)$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz)', 'ordered_at NULL only (a prospect)', $q$SELECT loyalty_ladder(c, t, '2026-07-01')::text FROM (VALUES (7::bigint, NULL::timestamptz)) v(c, t)$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz)', 'a prospect row and an order of one customer', $q$SELECT loyalty_ladder(c, t, '2026-07-01')::text FROM (VALUES (7::bigint, NULL::timestamptz), (7, '2026-06-01 10:00+00')) v(c, t)$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz)', 'two orders on one day', $q$SELECT loyalty_ladder(c, t, '2026-07-01')::text FROM (VALUES (7::bigint, timestamptz '2026-06-30 00:00+00'), (7, '2026-06-30 23:59:59.999999+00')) v(c, t)$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz)', 'ids 2^63 - 1, -(2^63 - 1), -2^63', $q$SELECT loyalty_ladder(c, t, '2026-07-01')::text FROM (VALUES (9223372036854775807, timestamptz '2026-06-30'), (-9223372036854775807, '2026-06-29'), (-9223372036854775807 - 1, NULL)) v(c, t)$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz)', 'order at as_of', $q$SELECT loyalty_ladder(c, t, '2026-07-01')::text FROM (VALUES (1::bigint, timestamptz '2026-07-01 00:00+00')) v(c, t)$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz)', 'order 1 microsecond after as_of', $q$SELECT loyalty_ladder(c, t, '2026-07-01')::text FROM (VALUES (1::bigint, timestamptz '2026-07-01 00:00:00.000001+00')) v(c, t)$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz)', 'order after as_of, NULL customer (skipped)', $q$SELECT loyalty_ladder(c, t, '2026-07-01')::text FROM (VALUES (NULL::bigint, timestamptz '2027-01-01')) v(c, t)$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz)', 'ordered_at infinity', $q$SELECT loyalty_ladder(c, t, '2026-07-01')::text FROM (VALUES (1::bigint, timestamptz 'infinity')) v(c, t)$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz)', 'ordered_at -infinity', $q$SELECT loyalty_ladder(c, t, '2026-07-01')::text FROM (VALUES (1::bigint, timestamptz '-infinity')) v(c, t)$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz)', 'as_of infinity', $q$SELECT loyalty_ladder(c, t, 'infinity')::text FROM (VALUES (1::bigint, timestamptz '2026-06-01')) v(c, t)$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz)', 'as_of -infinity', $q$SELECT loyalty_ladder(c, t, '-infinity')::text FROM (VALUES (1::bigint, timestamptz '2026-06-01')) v(c, t)$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz)', 'as_of infinity, prospect only', $q$SELECT loyalty_ladder(c, t, 'infinity')::text FROM (VALUES (1::bigint, NULL::timestamptz)) v(c, t)$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz)', 'as_of changes within a group', $q$SELECT loyalty_ladder(c, t, a)::text FROM (VALUES (1::bigint, timestamptz '2026-06-01', timestamptz '2026-07-01'), (2, '2026-06-01', '2026-07-02')) v(c, t, a)$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz)', 'as_of changes by 1 microsecond, prospects', $q$SELECT loyalty_ladder(c, NULL, a)::text FROM (VALUES (1::bigint, timestamptz '2026-07-01'), (2, '2026-07-01 00:00:00.000001')) v(c, a)$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz)', 'ordered_at 4713-11-24 BC (stage)', $q$SELECT string_agg(stage || '=' || customers, ' ') FROM stage_counts((SELECT loyalty_ladder(1, '4713-11-24 00:00:00+00 BC', '2026-07-01'))) WHERE customers > 0$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz)', 'ordered_at 4714-11-24 BC (the first possible time, day -2451545)', $q$SELECT loyalty_ladder(c, t, '2026-07-01')::text FROM (VALUES (1::bigint, timestamptz '4714-11-24 00:00:00+00 BC')) v(c, t)$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz)', 'as_of 294276-12-31 23:59:59 (stage)', $q$SELECT string_agg(stage || '=' || customers, ' ') FROM stage_counts((SELECT loyalty_ladder(1, '2026-06-01', '294276-12-31 23:59:59+00'))) WHERE customers > 0$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz)', 'ordered_at 4713-11-24 BC and 294276-12-31 (days -2451179 and 106751982)', $q$SELECT loyalty_ladder(c, t, '294276-12-31 23:59:59+00')::text FROM (VALUES (1::bigint, timestamptz '4713-11-24 00:00:00+00 BC'), (1, '294276-12-31 23:59:59+00')) v(c, t)$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz)', 'one day, 365 and 366 days before as_of', $q$SELECT string_agg(stage || '=' || customers, ' ') FROM stage_counts((SELECT loyalty_ladder(c, t, '2026-07-01') FROM (VALUES (1::bigint, timestamptz '2025-07-01 00:00+00'), (2, '2025-06-30 23:59:59+00')) v(c, t))) WHERE customers > 0$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz)', 'one day, 730 and 731 days before as_of', $q$SELECT string_agg(stage || '=' || customers, ' ') FROM stage_counts((SELECT loyalty_ladder(c, t, '2026-07-01') FROM (VALUES (1::bigint, timestamptz '2024-07-01 00:00+00'), (2, '2024-06-30 23:59:59+00')) v(c, t))) WHERE customers > 0$q$),
-- the aggregate, named zone
('loyalty_ladder(bigint,timestamptz,timestamptz,text)', 'zone NULL', $q$SELECT loyalty_ladder(c, t, '2026-07-01', NULL)::text FROM (VALUES (1::bigint, timestamptz '2026-06-01')) v(c, t)$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz,text)', 'zone NULL, NULL customer id', $q$SELECT loyalty_ladder(c, t, '2026-07-01', NULL)::text FROM (VALUES (NULL::bigint, timestamptz '2026-06-01')) v(c, t)$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz,text)', 'zone empty', $q$SELECT loyalty_ladder(c, t, '2026-07-01', '')::text FROM (VALUES (1::bigint, timestamptz '2026-06-01')) v(c, t)$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz,text)', 'zone Not/AZone', $q$SELECT loyalty_ladder(c, t, '2026-07-01', 'Not/AZone')::text FROM (VALUES (1::bigint, timestamptz '2026-06-01')) v(c, t)$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz,text)', 'zone UTC;x', $q$SELECT loyalty_ladder(c, t, '2026-07-01', 'UTC;x')::text FROM (VALUES (1::bigint, timestamptz '2026-06-01')) v(c, t)$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz,text)', 'zone of 300 letters', $q$SELECT loyalty_ladder(c, t, '2026-07-01', repeat('x', 300))::text FROM (VALUES (1::bigint, timestamptz '2026-06-01')) v(c, t)$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz,text)', 'zone changes within a group', $q$SELECT loyalty_ladder(c, t, '2026-07-01', z)::text FROM (VALUES (1::bigint, timestamptz '2026-06-01', 'UTC'), (2, '2026-06-01', 'Europe/Berlin')) v(c, t, z)$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz,text)', 'zone europe/berlin (recorded Europe/Berlin), 22:30 UTC', $q$SELECT loyalty_ladder(c, t, '2026-07-01', 'europe/berlin')::text FROM (VALUES (1::bigint, timestamptz '2026-06-10 22:30+00')) v(c, t)$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz,text)', 'zone <+1245>-12:45, 11:15 UTC', $q$SELECT loyalty_ladder(c, t, '2026-07-01', '<+1245>-12:45')::text FROM (VALUES (1::bigint, timestamptz '2026-06-10 11:15+00')) v(c, t)$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz,text)', 'ordered_at infinity', $q$SELECT loyalty_ladder(c, t, '2026-07-01', 'UTC')::text FROM (VALUES (1::bigint, timestamptz 'infinity')) v(c, t)$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz,text)', 'order after as_of', $q$SELECT loyalty_ladder(c, t, '2026-07-01', 'UTC')::text FROM (VALUES (1::bigint, timestamptz '2026-07-02')) v(c, t)$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz,text)', 'as_of changes within a group', $q$SELECT loyalty_ladder(c, t, a, 'UTC')::text FROM (VALUES (1::bigint, timestamptz '2026-06-01', timestamptz '2026-07-01'), (2, '2026-06-01', '2026-07-02')) v(c, t, a)$q$),
-- rollup
('rollup(loyalty_ladder)', 'no rows', $q$SELECT rollup(l)::text FROM ladders WHERE false$q$),
('rollup(loyalty_ladder)', 'only NULLs', $q$SELECT rollup(l)::text FROM (VALUES (NULL::loyalty_ladder), (NULL)) v(l)$q$),
('rollup(loyalty_ladder)', 'different as_of', $q$SELECT rollup(l)::text FROM ladders$q$),
('rollup(loyalty_ladder)', 'different zones (UTC, Europe/Berlin)', $q$SELECT rollup(l)::text FROM (VALUES ('v1;tz=UTC;as_of=0;customers=0'::loyalty_ladder), ('v1;tz=Europe/Berlin;as_of=0;customers=0')) v(l)$q$),
('rollup(loyalty_ladder)', 'a ladder with itself', $q$SELECT rollup(l)::text FROM ladders, generate_series(1, 2) WHERE name = 'ref'$q$),
('rollup(loyalty_ladder)', 'days united (1+3 with 2+5)', $q$SELECT rollup(l)::text FROM (VALUES ('v1;tz=UTC;as_of=2678400000000;customers=1;2:3:1+3'::loyalty_ladder), ('v1;tz=UTC;as_of=2678400000000;customers=2;2:2:2+5;3:0')) v(l)$q$),
('rollup(loyalty_ladder)', 'orders of a customer past 2^63 - 1', $q$SELECT rollup(l)::text FROM (VALUES ('v1;tz=UTC;as_of=0;customers=1;1:9223372036854775807:-1'::loyalty_ladder), ('v1;tz=UTC;as_of=0;customers=1;1:1:-1')) v(l)$q$),
-- the support functions called directly (outside an aggregate: a new value, the argument unchanged)
('cf_roster_trans(loyalty_ladder,bigint,timestamptz,timestamptz)', 'called directly, NULL state', $q$SELECT cf_roster_trans(NULL, 1, '2000-01-02 10:00+00', '2000-02-01 00:00+00')::text$q$),
('cf_roster_trans(loyalty_ladder,bigint,timestamptz,timestamptz)', 'called directly on a stored ladder', $q$SELECT cf_roster_trans(l, 9, '2000-01-20 10:00+00', '2000-02-01 00:00+00')::text || ' / ' || l::text FROM ladders WHERE name = 'ref'$q$),
('cf_roster_trans(loyalty_ladder,bigint,timestamptz,timestamptz)', 'called directly, other as_of', $q$SELECT cf_roster_trans(l, 9, '2000-01-20 10:00+00', '2000-02-02 00:00+00')::text FROM ladders WHERE name = 'ref'$q$),
('cf_roster_trans(loyalty_ladder,bigint,timestamptz,timestamptz)', 'called directly, NULL id', $q$SELECT cf_roster_trans(l, NULL, '2000-01-20 10:00+00', '2000-02-01 00:00+00')::text FROM ladders WHERE name = 'ref'$q$),
('cf_roster_trans_tz(loyalty_ladder,bigint,timestamptz,timestamptz,text)', 'called directly, zone NULL', $q$SELECT cf_roster_trans_tz(NULL, 1, '2000-01-02', '2000-02-01', NULL)::text$q$),
('cf_roster_trans_tz(loyalty_ladder,bigint,timestamptz,timestamptz,text)', 'called directly, zone other than the ladder''s', $q$SELECT cf_roster_trans_tz(l, 1, '2000-01-02', '2000-02-01', 'Europe/Berlin')::text FROM ladders WHERE name = 'ref'$q$),
('cf_roster_combine(loyalty_ladder,loyalty_ladder)', 'NULL, NULL', $q$SELECT cf_roster_combine(NULL, NULL)::text$q$),
('cf_roster_combine(loyalty_ladder,loyalty_ladder)', 'NULL, ref', $q$SELECT cf_roster_combine(NULL, l)::text FROM ladders WHERE name = 'ref'$q$),
('cf_roster_combine(loyalty_ladder,loyalty_ladder)', 'ref, NULL', $q$SELECT cf_roster_combine(l, NULL)::text FROM ladders WHERE name = 'ref'$q$),
('cf_roster_combine(loyalty_ladder,loyalty_ladder)', 'ref, empty (different as_of)', $q$SELECT cf_roster_combine(a.l, b.l)::text FROM ladders a, ladders b WHERE a.name = 'ref' AND b.name = 'empty'$q$),
('cf_roster_combine(loyalty_ladder,loyalty_ladder)', 'ref with itself, argument unchanged', $q$SELECT cf_roster_combine(l, l)::text || ' / ' || l::text FROM ladders WHERE name = 'ref'$q$),
-- stage_counts
('stage_counts(loyalty_ladder,integer,integer,integer,float8,integer,integer)', 'NULL ladder (rows)', $q$SELECT count(*) FROM stage_counts(NULL)$q$),
('stage_counts(loyalty_ladder,integer,integer,integer,float8,integer,integer)', 'NULL ladder, client_orders 1', $q$SELECT count(*) FROM stage_counts(NULL, client_orders => 1)$q$),
('stage_counts(loyalty_ladder,integer,integer,integer,float8,integer,integer)', 'empty ladder (rows, customers)', $q$SELECT count(*) || ' ' || sum(customers) FROM stage_counts((SELECT l FROM ladders WHERE name = 'empty'))$q$),
('stage_counts(loyalty_ladder,integer,integer,integer,float8,integer,integer)', 'ref, all stages in order', $q$SELECT string_agg(stage || '=' || customers, ' ') FROM stage_counts((SELECT l FROM ladders WHERE name = 'ref'))$q$),
('stage_counts(loyalty_ladder,integer,integer,integer,float8,integer,integer)', 'ref, lapse_factor 9 (27 days = 9 gaps)', $q$SELECT string_agg(stage || '=' || customers, ' ') FROM stage_counts((SELECT l FROM ladders WHERE name = 'ref'), lapse_factor => 9) WHERE customers > 0$q$),
('stage_counts(loyalty_ladder,integer,integer,integer,float8,integer,integer)', 'ref, lapse_factor 1e300', $q$SELECT string_agg(stage || '=' || customers, ' ') FROM stage_counts((SELECT l FROM ladders WHERE name = 'ref'), lapse_factor => 1e300) WHERE customers > 0$q$),
('stage_counts(loyalty_ladder,integer,integer,integer,float8,integer,integer)', 'ref, lapse_factor 1e-300, lapse_days 0, lost_days 26', $q$SELECT string_agg(stage || '=' || customers, ' ') FROM stage_counts((SELECT l FROM ladders WHERE name = 'ref'), lapse_factor => 1e-300, lapse_days => 0, lost_days => 26) WHERE customers > 0$q$),
('stage_counts(loyalty_ladder,integer,integer,integer,float8,integer,integer)', 'ref, lost_days 27', $q$SELECT string_agg(stage || '=' || customers, ' ') FROM stage_counts((SELECT l FROM ladders WHERE name = 'ref'), lapse_days => 0, lost_days => 27) WHERE customers > 0$q$),
('stage_counts(loyalty_ladder,integer,integer,integer,float8,integer,integer)', 'ref, client_orders 4, regular_orders 2147483647', $q$SELECT string_agg(stage || '=' || customers, ' ') FROM stage_counts((SELECT l FROM ladders WHERE name = 'ref'), client_orders => 4, regular_orders => 2147483647, lapse_factor => 9) WHERE customers > 0$q$),
('stage_counts(loyalty_ladder,integer,integer,integer,float8,integer,integer)', 'client_orders 1', $q$SELECT count(*) FROM stage_counts((SELECT l FROM ladders WHERE name = 'ref'), client_orders => 1)$q$),
('stage_counts(loyalty_ladder,integer,integer,integer,float8,integer,integer)', 'client_orders > regular_orders', $q$SELECT count(*) FROM stage_counts((SELECT l FROM ladders WHERE name = 'ref'), client_orders => 6)$q$),
('stage_counts(loyalty_ladder,integer,integer,integer,float8,integer,integer)', 'advocate_score 11', $q$SELECT count(*) FROM stage_counts((SELECT l FROM ladders WHERE name = 'ref'), advocate_score => 11)$q$),
('stage_counts(loyalty_ladder,integer,integer,integer,float8,integer,integer)', 'lapse_factor 0', $q$SELECT count(*) FROM stage_counts((SELECT l FROM ladders WHERE name = 'ref'), lapse_factor => 0)$q$),
('stage_counts(loyalty_ladder,integer,integer,integer,float8,integer,integer)', 'lapse_factor NaN', $q$SELECT count(*) FROM stage_counts((SELECT l FROM ladders WHERE name = 'ref'), lapse_factor => 'NaN')$q$),
('stage_counts(loyalty_ladder,integer,integer,integer,float8,integer,integer)', 'lapse_factor Infinity', $q$SELECT count(*) FROM stage_counts((SELECT l FROM ladders WHERE name = 'ref'), lapse_factor => 'Infinity')$q$),
('stage_counts(loyalty_ladder,integer,integer,integer,float8,integer,integer)', 'lapse_factor -Infinity', $q$SELECT count(*) FROM stage_counts((SELECT l FROM ladders WHERE name = 'ref'), lapse_factor => '-Infinity')$q$),
('stage_counts(loyalty_ladder,integer,integer,integer,float8,integer,integer)', 'lapse_days -1', $q$SELECT count(*) FROM stage_counts((SELECT l FROM ladders WHERE name = 'ref'), lapse_days => -1)$q$),
('stage_counts(loyalty_ladder,integer,integer,integer,float8,integer,integer)', 'lapse_days > lost_days', $q$SELECT count(*) FROM stage_counts((SELECT l FROM ladders WHERE name = 'ref'), lapse_days => 800)$q$),
('stage_counts(loyalty_ladder,integer,integer,integer,float8,integer,integer)', 'lost_days -1', $q$SELECT count(*) FROM stage_counts((SELECT l FROM ladders WHERE name = 'ref'), lost_days => -1)$q$),
('stage_counts(loyalty_ladder,integer,integer,integer,float8,integer,integer)', 'a purchase day after the as-of day', $q$SELECT count(*) FROM stage_counts('v1;tz=UTC;as_of=0;customers=1;1:1:1')$q$),
('stage_counts(loyalty_ladder,integer,integer,integer,float8,integer,integer)', 'a purchase day after the as-of day in the zone (St_Johns, day -1)', $q$SELECT count(*) FROM stage_counts('v1;tz=America/St_Johns;as_of=0;customers=1;1:1:0')$q$),
('stage_counts(loyalty_ladder,integer,integer,integer,float8,integer,integer)', 'zone unknown to the server', $q$SELECT count(*) FROM stage_counts('v1;tz=No/Such_Zone;as_of=0;customers=0')$q$),
('stage_counts(loyalty_ladder,integer,integer,integer,float8,integer,integer)', 'first day 4714-11-24 BC (-2451545), as_of 294276-12-31', $q$SELECT string_agg(stage || '=' || customers, ' ') FROM stage_counts('v1;tz=UTC;as_of=9223371331199000000;customers=1;1:1:-2451545') WHERE customers > 0$q$),
-- accessors
('customers(loyalty_ladder)', 'NULL', $q$SELECT customers(NULL::loyalty_ladder)$q$),
('customers(loyalty_ladder)', 'empty', $q$SELECT customers(l) FROM ladders WHERE name = 'empty'$q$),
('customers(loyalty_ladder)', 'ref (a prospect included)', $q$SELECT customers(l) FROM ladders WHERE name = 'ref'$q$),
('orders(loyalty_ladder)', 'NULL', $q$SELECT orders(NULL::loyalty_ladder)$q$),
('orders(loyalty_ladder)', 'empty', $q$SELECT orders(l) FROM ladders WHERE name = 'empty'$q$),
('orders(loyalty_ladder)', 'ref', $q$SELECT orders(l) FROM ladders WHERE name = 'ref'$q$),
('orders(loyalty_ladder)', 'a customer with 2^63 - 1 orders', $q$SELECT orders('v1;tz=UTC;as_of=0;customers=1;1:9223372036854775807:-1'::loyalty_ladder)$q$),
('orders(loyalty_ladder)', 'total past 2^63 - 1', $q$SELECT orders('v1;tz=UTC;as_of=0;customers=2;1:9223372036854775807:-1;2:1:-1'::loyalty_ladder)$q$),
('as_of(loyalty_ladder)', 'NULL', $q$SELECT as_of(NULL::loyalty_ladder)$q$),
('as_of(loyalty_ladder)', 'ref', $q$SELECT as_of(l) FROM ladders WHERE name = 'ref'$q$),
('as_of(loyalty_ladder)', 'first possible time (4714-11-24 BC)', $q$SELECT as_of('v1;tz=UTC;as_of=-211813488000000000;customers=0'::loyalty_ladder)$q$),
('as_of(loyalty_ladder)', 'last possible microsecond', $q$SELECT as_of('v1;tz=UTC;as_of=9223371331199999999;customers=0'::loyalty_ladder)$q$),
-- text input
('loyalty_ladder_in(cstring)', 'empty text', $q$SELECT ''::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'garbage', $q$SELECT 'garbage'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'version v2', $q$SELECT 'v2;tz=UTC;as_of=0;customers=0'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'version V1', $q$SELECT 'V1;tz=UTC;as_of=0;customers=0'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'leading space', $q$SELECT ' v1;tz=UTC;as_of=0;customers=0'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'truncated: v1', $q$SELECT 'v1'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'truncated: v1;tz=UTC', $q$SELECT 'v1;tz=UTC'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'truncated: v1;tz=UTC;as_of=0', $q$SELECT 'v1;tz=UTC;as_of=0'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'truncated: customers=', $q$SELECT 'v1;tz=UTC;as_of=0;customers='::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'truncated: customers=1, none listed', $q$SELECT 'v1;tz=UTC;as_of=0;customers=1'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'truncated: customers=2, one listed', $q$SELECT 'v1;tz=UTC;as_of=2678400000000;customers=2;2:3:1+3'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'truncated: after <id>:', $q$SELECT 'v1;tz=UTC;as_of=0;customers=1;12345:'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'truncated: after <orders>:', $q$SELECT 'v1;tz=UTC;as_of=0;customers=1;5:1:'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'truncated: after +', $q$SELECT 'v1;tz=UTC;as_of=0;customers=1;5:2:-3+'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'customers=0 and one listed', $q$SELECT 'v1;tz=UTC;as_of=0;customers=0;1:1:-1'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'trailing ;', $q$SELECT 'v1;tz=UTC;as_of=0;customers=0;'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'trailing space', $q$SELECT 'v1;tz=UTC;as_of=0;customers=0 '::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'fields out of order', $q$SELECT 'v1;as_of=0;tz=UTC;customers=0'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'zone empty', $q$SELECT 'v1;tz=;as_of=0;customers=0'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'zone with a space', $q$SELECT 'v1;tz=Europe/Ber lin;as_of=0;customers=0'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'zone of 256 letters', $q$SELECT ('v1;tz=' || repeat('x', 256) || ';as_of=0;customers=0')::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'zone of 255 letters, unknown (length)', $q$SELECT length(('v1;tz=' || repeat('x', 255) || ';as_of=0;customers=0')::loyalty_ladder::text)$q$),
('loyalty_ladder_in(cstring)', 'as_of empty', $q$SELECT 'v1;tz=UTC;as_of=;customers=0'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'as_of 1e3', $q$SELECT 'v1;tz=UTC;as_of=1e3;customers=0'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'as_of +5', $q$SELECT 'v1;tz=UTC;as_of=+5;customers=0'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'as_of 2^63 - 1 (infinity)', $q$SELECT 'v1;tz=UTC;as_of=9223372036854775807;customers=0'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'as_of -2^63 (-infinity)', $q$SELECT 'v1;tz=UTC;as_of=-9223372036854775808;customers=0'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'as_of 2^64', $q$SELECT 'v1;tz=UTC;as_of=18446744073709551616;customers=0'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'as_of 1 microsecond before the first possible time', $q$SELECT 'v1;tz=UTC;as_of=-211813488000000001;customers=0'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'as_of 294277-01-01 (end of range)', $q$SELECT 'v1;tz=UTC;as_of=9223371331200000000;customers=0'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'customers=-1', $q$SELECT 'v1;tz=UTC;as_of=0;customers=-1'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'customers=2147483647', $q$SELECT 'v1;tz=UTC;as_of=0;customers=2147483647;1:0'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'customers=2^63', $q$SELECT 'v1;tz=UTC;as_of=0;customers=9223372036854775808;1:0'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'duplicate ids', $q$SELECT 'v1;tz=UTC;as_of=0;customers=2;1:1:-5;1:1:-6'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'duplicate prospects', $q$SELECT 'v1;tz=UTC;as_of=0;customers=2;1:0;1:0'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'gap 0', $q$SELECT 'v1;tz=UTC;as_of=0;customers=1;1:2:-5+0'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'gap -1', $q$SELECT 'v1;tz=UTC;as_of=0;customers=1;1:2:-5+-1'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'gap 2^31', $q$SELECT 'v1;tz=UTC;as_of=0;customers=1;1:2:-5+2147483648'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'orders < days', $q$SELECT 'v1;tz=UTC;as_of=0;customers=1;1:1:-5+3'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'orders 0 with a day', $q$SELECT 'v1;tz=UTC;as_of=0;customers=1;1:0:-5'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'orders 3 without days', $q$SELECT 'v1;tz=UTC;as_of=0;customers=1;1:3'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'orders -1', $q$SELECT 'v1;tz=UTC;as_of=0;customers=1;1:-1:-5'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'orders 2^63 - 1', $q$SELECT 'v1;tz=UTC;as_of=0;customers=1;1:9223372036854775807:-5'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'orders 2^63', $q$SELECT 'v1;tz=UTC;as_of=0;customers=1;1:9223372036854775808:-5'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'orders with 20 digits (00000000000000000001)', $q$SELECT 'v1;tz=UTC;as_of=0;customers=1;1:00000000000000000001:-5'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'id 2^63', $q$SELECT 'v1;tz=UTC;as_of=0;customers=1;9223372036854775808:0'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'id -2^63 - 1', $q$SELECT 'v1;tz=UTC;as_of=0;customers=1;-9223372036854775809:0'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'ids ±(2^63 - 1) and -2^63', $q$SELECT 'v1;tz=UTC;as_of=0;customers=3;9223372036854775807:0;-9223372036854775808:0;-9223372036854775807:0'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'first day 2^31 - 1', $q$SELECT 'v1;tz=UTC;as_of=0;customers=1;1:1:2147483647'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'first day 2^31', $q$SELECT 'v1;tz=UTC;as_of=0;customers=1;1:1:2147483648'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'first day -2451547 (4714-11-24 BC - 2, a zone''s slack)', $q$SELECT 'v1;tz=UTC;as_of=0;customers=1;1:1:-2451547'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'first day -2451548', $q$SELECT 'v1;tz=UTC;as_of=0;customers=1;1:1:-2451548'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'first day +5', $q$SELECT 'v1;tz=UTC;as_of=0;customers=1;1:1:+5'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'first day -0 and orders 01 (canonical output)', $q$SELECT 'v1;tz=UTC;as_of=0;customers=1;1:01:-0'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'customers in any order (sorted output)', $q$SELECT 'v1;tz=UTC;as_of=0;customers=3;9:1:-3;-7:2:-10+2;0:0'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'a purchase day after as_of', $q$SELECT 'v1;tz=UTC;as_of=0;customers=1;1:1:5'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'zone unknown to the server', $q$SELECT 'v1;tz=No/Such_Zone;as_of=0;customers=0'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'round trip of ref', $q$SELECT l::text::loyalty_ladder::text = l::text FROM ladders WHERE name = 'ref'$q$),
('loyalty_ladder_out(loyalty_ladder)', 'NULL', $q$SELECT loyalty_ladder_out(NULL)::text$q$),
('loyalty_ladder_out(loyalty_ladder)', '1000 customers of 20 days (length = sum of the parts)', $q$SELECT length(l::text) = length('v1;tz=UTC;as_of=836179200000000;customers=1000') + (SELECT sum(length(';' || c || ':20:' || (8766 + c % 97)) + 19 * 3) FROM generate_series(1, 1000) c) FROM (SELECT loyalty_ladder(c, timestamptz '2024-01-01 12:00+00' + (c % 97 + 20 * k) * interval '1 day', '2026-07-01') AS l FROM generate_series(1, 1000) c, generate_series(0, 19) k) s$q$);

-- binary input: the receive function reads bytes given through COPY (FORMAT binary)
INSERT INTO cases (function, input, query) VALUES
('loyalty_ladder_send(loyalty_ladder)', 'NULL', $q$SELECT loyalty_ladder_send(NULL::loyalty_ladder)$q$),
('loyalty_ladder_send(loyalty_ladder)', 'ref = the bytes by hand', $q$SELECT loyalty_ladder_send(l) = '\x01035554430000026f9d14a000020900000403020203'::bytea FROM ladders WHERE name = 'ref'$q$),
('loyalty_ladder_send(loyalty_ladder)', 'empty', $q$SELECT loyalty_ladder_send(l) FROM ladders WHERE name = 'empty'$q$),
('loyalty_ladder_recv(internal)', 'the bytes of send', $q$SELECT pg_temp.recv('loyalty_ladder', loyalty_ladder_send(l)) FROM ladders WHERE name = 'ref'$q$),
('loyalty_ladder_recv(internal)', 'the bytes by hand', $q$SELECT pg_temp.recv('loyalty_ladder', '\x01035554430000026f9d14a000020900000403020203')$q$),
('loyalty_ladder_recv(internal)', 'no bytes', $q$SELECT pg_temp.recv('loyalty_ladder', '\x')$q$),
('loyalty_ladder_recv(internal)', 'version byte only', $q$SELECT pg_temp.recv('loyalty_ladder', '\x01')$q$),
('loyalty_ladder_recv(internal)', 'last byte missing', $q$SELECT pg_temp.recv('loyalty_ladder', substr('\x01035554430000026f9d14a000020900000403020203'::bytea, 1, length('\x01035554430000026f9d14a000020900000403020203'::bytea) - 1))$q$),
('loyalty_ladder_recv(internal)', 'a byte too many', $q$SELECT pg_temp.recv('loyalty_ladder', '\x01035554430000026f9d14a000020900000403020203'::bytea || '\x00'::bytea)$q$),
('loyalty_ladder_recv(internal)', 'first byte 0xff', $q$SELECT pg_temp.recv('loyalty_ladder', overlay('\x01035554430000026f9d14a000020900000403020203'::bytea placing '\xff'::bytea from 1 for 1))$q$),
('loyalty_ladder_recv(internal)', 'version 2 (with scores) but no score bytes', $q$SELECT pg_temp.recv('loyalty_ladder', overlay('\x01035554430000026f9d14a000020900000403020203'::bytea placing '\x02'::bytea from 1 for 1))$q$),
('loyalty_ladder_recv(internal)', 'bytes 5-8 0xff', $q$SELECT CASE WHEN r LIKE 'ERROR%' THEN r ELSE 'another valid value' END FROM (SELECT pg_temp.recv('loyalty_ladder', overlay('\x01035554430000026f9d14a000020900000403020203'::bytea placing '\xffffffff'::bytea from 5 for 4)) r) x$q$),
('loyalty_ladder_recv(internal)', 'zone length 0', $q$SELECT pg_temp.recv('loyalty_ladder', '\x01000000026f9d14a00000')$q$),
('loyalty_ladder_recv(internal)', 'zone length 255, 14 bytes in all', $q$SELECT pg_temp.recv('loyalty_ladder', '\x01ff5554430000026f9d14a00000')$q$),
('loyalty_ladder_recv(internal)', 'zone with a byte 0x00', $q$SELECT pg_temp.recv('loyalty_ladder', '\x01035500430000026f9d14a00000')$q$),
('loyalty_ladder_recv(internal)', 'zone unknown to the server', $q$SELECT pg_temp.recv('loyalty_ladder', '\x01034e6f5a0000026f9d14a00000')$q$),
('loyalty_ladder_recv(internal)', 'as_of 2^63 - 1 (infinity)', $q$SELECT pg_temp.recv('loyalty_ladder', '\x01035554437fffffffffffffff00')$q$),
('loyalty_ladder_recv(internal)', 'as_of -2^63 (-infinity)', $q$SELECT pg_temp.recv('loyalty_ladder', '\x0103555443800000000000000000')$q$),
('loyalty_ladder_recv(internal)', 'no customer count', $q$SELECT pg_temp.recv('loyalty_ladder', '\x01035554430000026f9d14a000')$q$),
('loyalty_ladder_recv(internal)', 'no customers', $q$SELECT pg_temp.recv('loyalty_ladder', '\x01035554430000026f9d14a000'::bytea || '\x00'::bytea)$q$),
('loyalty_ladder_recv(internal)', '3 customers, 2 listed', $q$SELECT pg_temp.recv('loyalty_ladder', '\x01035554430000026f9d14a000'::bytea || '\x030900000403020203'::bytea)$q$),
('loyalty_ladder_recv(internal)', '1 customer, 2 listed', $q$SELECT pg_temp.recv('loyalty_ladder', '\x01035554430000026f9d14a000'::bytea || '\x010900000403020203'::bytea)$q$),
('loyalty_ladder_recv(internal)', 'customer count 2^31 - 1', $q$SELECT pg_temp.recv('loyalty_ladder', '\x01035554430000026f9d14a000'::bytea || '\xffffffff07'::bytea || '\x090000'::bytea)$q$),
('loyalty_ladder_recv(internal)', 'duplicate ids', $q$SELECT pg_temp.recv('loyalty_ladder', '\x01035554430000026f9d14a000'::bytea || '\x020401010204010104'::bytea)$q$),
('loyalty_ladder_recv(internal)', 'gap 0', $q$SELECT pg_temp.recv('loyalty_ladder', '\x01035554430000026f9d14a000'::bytea || '\x010402020200'::bytea)$q$),
('loyalty_ladder_recv(internal)', 'orders < days', $q$SELECT pg_temp.recv('loyalty_ladder', '\x01035554430000026f9d14a000'::bytea || '\x010401020203'::bytea)$q$),
('loyalty_ladder_recv(internal)', 'orders 0 with a day', $q$SELECT pg_temp.recv('loyalty_ladder', '\x01035554430000026f9d14a000'::bytea || '\x0104000102'::bytea)$q$),
('loyalty_ladder_recv(internal)', 'orders 3 without days', $q$SELECT pg_temp.recv('loyalty_ladder', '\x01035554430000026f9d14a000'::bytea || '\x01040300'::bytea)$q$),
('loyalty_ladder_recv(internal)', 'orders 2^63 - 1', $q$SELECT pg_temp.recv('loyalty_ladder', '\x01035554430000026f9d14a000'::bytea || '\x0104ffffffffffffffff7f0102'::bytea)$q$),
('loyalty_ladder_recv(internal)', 'orders 2^63', $q$SELECT pg_temp.recv('loyalty_ladder', '\x01035554430000026f9d14a000'::bytea || '\x0104808080808080808080010102'::bytea)$q$),
('loyalty_ladder_recv(internal)', 'orders a varint of 11 bytes', $q$SELECT pg_temp.recv('loyalty_ladder', '\x01035554430000026f9d14a000'::bytea || '\x010480808080808080808080010102'::bytea)$q$),
('loyalty_ladder_recv(internal)', 'days 2^31', $q$SELECT pg_temp.recv('loyalty_ladder', '\x01035554430000026f9d14a000'::bytea || '\x01040180808080080102'::bytea)$q$),
('loyalty_ladder_recv(internal)', 'first day 2^40', $q$SELECT pg_temp.recv('loyalty_ladder', '\x01035554430000026f9d14a000'::bytea || '\x01040101808080808040'::bytea)$q$),
('loyalty_ladder_recv(internal)', 'id -2^63 (zigzag 2^64 - 1)', $q$SELECT pg_temp.recv('loyalty_ladder', '\x01035554430000026f9d14a000'::bytea || '\x01ffffffffffffffffff010000'::bytea)$q$),
('loyalty_ladder_recv(internal)', 'a purchase day after as_of', $q$SELECT pg_temp.recv('loyalty_ladder', '\x01035554430000026f9d14a000'::bytea || '\x0104010140'::bytea)$q$);

-- recommend scores (the overloads with recommend_score): one 0-10 score per customer
INSERT INTO cases (function, input, query) VALUES
('loyalty_ladder(bigint,timestamptz,timestamptz,integer)', 'a regular with score 9: advocate', $q$SELECT string_agg(stage || '=' || customers, ',') FROM stage_counts((SELECT loyalty_ladder(1, t, '2026-07-01', 9) FROM generate_series(timestamptz '2026-06-26', '2026-06-30', '1 day') t)) WHERE customers > 0$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz,integer)', 'a regular with score 8: regular', $q$SELECT string_agg(stage || '=' || customers, ',') FROM stage_counts((SELECT loyalty_ladder(1, t, '2026-07-01', 8) FROM generate_series(timestamptz '2026-06-26', '2026-06-30', '1 day') t)) WHERE customers > 0$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz,integer)', 'score NULL: no score', $q$SELECT loyalty_ladder(1, '2026-06-01', '2026-07-01', NULL::integer)::text$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz,integer)', 'score 10 on a contact row', $q$SELECT loyalty_ladder(1, NULL, '2026-07-01', 10)::text$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz,integer)', 'score 11', $q$SELECT loyalty_ladder(1, '2026-06-01', '2026-07-01', 11)::text$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz,integer)', 'score -1', $q$SELECT loyalty_ladder(1, '2026-06-01', '2026-07-01', -1)::text$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz,integer)', 'the same score twice', $q$SELECT loyalty_ladder(1, t, '2026-07-01', 7)::text FROM (VALUES (timestamptz '2026-06-01'), ('2026-06-02')) v(t)$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz,integer)', 'two different scores of one customer', $q$SELECT loyalty_ladder(1, t, '2026-07-01', s)::text FROM (VALUES (timestamptz '2026-06-01', 7), ('2026-06-02', 8)) v(t, s)$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz,text,integer)', 'named zone, score 9', $q$SELECT loyalty_ladder(1, '2026-06-01', '2026-07-01', 'Europe/Berlin', 9)::text$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz,text,integer)', 'unknown zone', $q$SELECT loyalty_ladder(1, '2026-06-01', '2026-07-01', 'No/Such_Zone', 9)::text$q$),
('loyalty_ladder(bigint,timestamptz,timestamptz,text,integer)', 'score 11', $q$SELECT loyalty_ladder(1, '2026-06-01', '2026-07-01', 'UTC', 11)::text$q$),
('cf_roster_trans_score(loyalty_ladder,bigint,timestamptz,timestamptz,integer)', 'called directly, NULL state', $q$SELECT cf_roster_trans_score(NULL, 1, '2000-01-02 10:00+00', '2000-02-01 00:00+00', 9)::text$q$),
('cf_roster_trans_score(loyalty_ladder,bigint,timestamptz,timestamptz,integer)', 'called directly on ref, then another score for customer 2', $q$SELECT cf_roster_trans_score(cf_roster_trans_score(l, 2, NULL, '2000-02-01 00:00+00', 5), 2, NULL, '2000-02-01 00:00+00', 6)::text FROM ladders WHERE name = 'ref'$q$),
('cf_roster_trans_tz_score(loyalty_ladder,bigint,timestamptz,timestamptz,text,integer)', 'called directly, zone NULL', $q$SELECT cf_roster_trans_tz_score(NULL, 1, '2000-01-02', '2000-02-01', NULL, 9)::text$q$),
('cf_roster_trans_tz_score(loyalty_ladder,bigint,timestamptz,timestamptz,text,integer)', 'called directly, NULL state', $q$SELECT cf_roster_trans_tz_score(NULL, 1, '2000-01-02', '2000-02-01', 'UTC', 3)::text$q$),
('rollup(loyalty_ladder)', 'two ladders, different scores of one customer', $q$SELECT rollup(l)::text FROM (VALUES ('v1;tz=UTC;as_of=0;customers=1;1:0@3'::loyalty_ladder), ('v1;tz=UTC;as_of=0;customers=1;1:0@4')) v(l)$q$),
('rollup(loyalty_ladder)', 'two ladders, one score', $q$SELECT rollup(l)::text FROM (VALUES ('v1;tz=UTC;as_of=0;customers=1;1:0@3'::loyalty_ladder), ('v1;tz=UTC;as_of=0;customers=1;1:1:-1')) v(l)$q$),
('loyalty_ladder_in(cstring)', 'score 11', $q$SELECT 'v1;tz=UTC;as_of=0;customers=1;1:0@11'::loyalty_ladder::text$q$),
('loyalty_ladder_in(cstring)', 'score empty', $q$SELECT 'v1;tz=UTC;as_of=0;customers=1;1:0@'::loyalty_ladder::text$q$),
('loyalty_ladder_recv(internal)', 'version 2, score bytes 255 (none) and 9', $q$SELECT pg_temp.recv('loyalty_ladder', '\x02035554430000026f9d14a00002090000ff040302020309'::bytea)$q$),
('loyalty_ladder_recv(internal)', 'version 2, score byte 11', $q$SELECT pg_temp.recv('loyalty_ladder', '\x02035554430000026f9d14a00002090000ff04030202030b'::bytea)$q$),
('loyalty_ladder_send(loyalty_ladder)', 'a score: version 2, a score byte per customer (ref bytes + ff + 09)', $q$SELECT loyalty_ladder_send('v1;tz=UTC;as_of=2678400000000;customers=2;-5:0;2:3:1+3@9')$q$);

SELECT n, function, input, pg_temp.outcome(query, setting) AS outcome FROM cases ORDER BY n;

-- thresholds as settings (the function reads them for NULL arguments)
CREATE TEMP TABLE setting_cases (n serial, function text, input text, query text, setting text);
INSERT INTO setting_cases (function, input, query, setting) VALUES
('stage_counts(loyalty_ladder,integer,integer,integer,float8,integer,integer)', 'SET lapse_factor = 9', $q$SELECT string_agg(stage || '=' || customers, ' ') FROM stage_counts((SELECT l FROM ladders WHERE name = 'ref')) WHERE customers > 0$q$, 'customer_focus.lapse_factor=9'),
('stage_counts(loyalty_ladder,integer,integer,integer,float8,integer,integer)', 'SET client_orders = 4', $q$SELECT string_agg(stage || '=' || customers, ' ') FROM stage_counts((SELECT l FROM ladders WHERE name = 'ref'), lapse_factor => 9) WHERE customers > 0$q$, 'customer_focus.client_orders=4'),
('stage_counts(loyalty_ladder,integer,integer,integer,float8,integer,integer)', 'SET client_orders = 6 (> regular_orders)', $q$SELECT count(*) FROM stage_counts((SELECT l FROM ladders WHERE name = 'ref'))$q$, 'customer_focus.client_orders=6'),
('stage_counts(loyalty_ladder,integer,integer,integer,float8,integer,integer)', 'SET client_orders = 6, NULL ladder', $q$SELECT count(*) FROM stage_counts(NULL)$q$, 'customer_focus.client_orders=6'),
('stage_counts(loyalty_ladder,integer,integer,integer,float8,integer,integer)', 'SET client_orders = 6, argument regular_orders 7', $q$SELECT string_agg(stage || '=' || customers, ' ') FROM stage_counts((SELECT l FROM ladders WHERE name = 'ref'), regular_orders => 7) WHERE customers > 0$q$, 'customer_focus.client_orders=6'),
('stage_counts(loyalty_ladder,integer,integer,integer,float8,integer,integer)', 'SET lost_days = 27, lapse_days = 0', $q$SELECT string_agg(stage || '=' || customers, ' ') FROM stage_counts((SELECT l FROM ladders WHERE name = 'ref'), lapse_days => 0) WHERE customers > 0$q$, 'customer_focus.lost_days=27'),
('stage_counts(loyalty_ladder,integer,integer,integer,float8,integer,integer)', 'SET lost_days = 100 (< lapse_days)', $q$SELECT count(*) FROM stage_counts((SELECT l FROM ladders WHERE name = 'ref'))$q$, 'customer_focus.lost_days=100'),
('stage_counts(loyalty_ladder,integer,integer,integer,float8,integer,integer)', 'SET lapse_factor = NaN', $q$SELECT count(*) FROM stage_counts((SELECT l FROM ladders WHERE name = 'ref'))$q$, 'customer_focus.lapse_factor=NaN'),
-- the session zone is read by the aggregate, the ladder's own zone by stage_counts
('loyalty_ladder(bigint,timestamptz,timestamptz)', 'TimeZone Europe/Berlin, 22:30 UTC', $q$SELECT loyalty_ladder(c, t, '2026-07-01')::text FROM (VALUES (1::bigint, timestamptz '2026-06-10 22:30+00')) v(c, t)$q$, 'TimeZone=Europe/Berlin'),
('stage_counts(loyalty_ladder,integer,integer,integer,float8,integer,integer)', 'TimeZone Pacific/Kiritimati, a UTC ladder', $q$SELECT string_agg(stage || '=' || customers, ' ') FROM stage_counts((SELECT l FROM ladders WHERE name = 'ref')) WHERE customers > 0$q$, 'TimeZone=Pacific/Kiritimati');
INSERT INTO cases (function, input, query, setting) SELECT function, input, query, setting FROM setting_cases ORDER BY n;
SELECT n, function, input, setting, pg_temp.outcome(query, setting) AS outcome FROM cases WHERE setting IS NOT NULL ORDER BY n;

-- Every error above is of class 22; and 08P01 for binary input of the wrong length (PostgreSQL's
-- message reader raises it for every type's receive function, built-in types included).
-- None: rollup past 2^63 - 1 orders of a customer gives 22003, as rollup(customer_profile) does
-- (54000 is kept for a ladder of 2^31 - 1 customers, a program limit).
SELECT n, function, input, pg_temp.outcome(query, setting) AS outcome
FROM cases WHERE pg_temp.outcome(query, setting) LIKE 'ERROR%' AND pg_temp.outcome(query, setting) NOT LIKE 'ERROR 22%'
  AND NOT (function LIKE '%\_recv(internal)' AND pg_temp.outcome(query, setting) = 'ERROR 08P01');
-- No setting outlives its case.
SELECT current_setting('customer_focus.client_orders') AS client_orders, current_setting('TimeZone') AS time_zone;

DROP TABLE cases, setting_cases, ladders;
