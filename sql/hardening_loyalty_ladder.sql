-- Bad input to the one-pass loyalty-ladder report (issue 7): the loyalty_ladder
-- aggregates (session zone and named zone), rollup, the support functions
-- called directly, stage_counts, the accessors and the text and binary input of
-- loyalty_ladder, tried with NULL, empty, infinite and extreme times, huge ids,
-- orders after as_of, several as_of in one group, unknown zones, bad thresholds
-- and malformed text and bytes.  Each case gives a documented result or an
-- error of SQLSTATE class 22 (doc/hardening.md points to this
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

-- Ladders used below, written out by hand (the binary form below counts days from 2000-01-01
-- and as_of in microseconds since 2000-01-01 00:00 UTC):
-- ref:   as of 2000-02-01 00:00 UTC (31 days = 2678400000000 us, day 31); customer -5 known
--        without orders (a prospect); customer 2 with 3 orders on days 1 and 4 (2000-01-02: one,
--        2000-01-05: two): one gap of 3 days, 27 days since > 3 gaps, so lapsed;
-- empty: no customers, as of 2000-01-01 00:00 UTC.
-- Orders below are as of 2026-07-01 00:00 UTC: day 9678, 836179200000000 us.
CREATE TEMP TABLE ladders (name text PRIMARY KEY, l loyalty_ladder);
INSERT INTO ladders VALUES
('ref', 'v2;tz=UTC;as_of=2000-02-01T00:00:00Z;customers=2;customer=-5:0;customer=2:3:2000-01-02+3*2'),
('empty', 'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=0');
-- The binary form of ref, by hand (loyalty_ladder.h): version 02, zone length 03, 'UTC' 555443,
-- as_of 2678400000000 = 0x0000026f9d14a000 big-endian, then varints: 2 customers;
-- zigzag(-5) = 09, 0 orders, 0 days, no score (ff); zigzag(2) = 04, 3 orders, 2 days, zigzag(1) = 02,
-- gap 03, then (3 orders > 2 days) the orders of each day minus one: 00, 01; no score (ff).
-- The crafted values below start with its first 13 bytes (up to as_of), then their customers.

CREATE TEMP TABLE cases (n serial, function text, input text, query text, setting text);
-- :stage_list lists the stages with their customers, as stage=customers, from stage_counts(...) rows.
INSERT INTO samples VALUES
('stage_list', $$string_agg(stage || '=' || customers, ' ')$$);
-- Samples: :ref and :empty the ladders above, :head the first 13 bytes of ref's binary form (up to as_of),
-- :refbytes all of them, :june1 one order on 2026-06-01 (columns c, t).
INSERT INTO samples VALUES
('ref', $$(SELECT l FROM ladders WHERE name = 'ref')$$),
('empty', $$(SELECT l FROM ladders WHERE name = 'empty')$$),
('refbytes', $$'\x02035554430000026f9d14a00002090000ff04030202030001ff'::bytea$$),
('head', $$'\x02035554430000026f9d14a000'::bytea$$),
('june1', $$(VALUES (1::bigint, timestamptz '2026-06-01')) v(c, t)$$);
-- the aggregate, session zone
INSERT INTO cases (function, input, query) SELECT 'loyalty_ladder(bigint,timestamptz,timestamptz)', * FROM (VALUES
('no rows', $$loyalty_ladder(c, t, '2026-07-01')::text FROM (VALUES (1::bigint, now())) v(c, t) WHERE false$$),
('only NULL customer ids', $$loyalty_ladder(c, t, '2026-07-01')::text FROM (VALUES (NULL::bigint, timestamptz '2026-06-01'), (NULL, NULL)) v(c, t)$$),
('as_of NULL in every row', $$loyalty_ladder(c, t, NULL)::text FROM :june1$$),
('as_of NULL in one row (skipped)', $$loyalty_ladder(c, t, a)::text FROM (VALUES (1::bigint, timestamptz '2026-06-01', timestamptz '2026-07-01'), (2, '2026-06-02', NULL)) v(c, t, a)$$),
('ordered_at NULL only (a prospect)', $$loyalty_ladder(c, t, '2026-07-01')::text FROM (VALUES (7::bigint, NULL::timestamptz)) v(c, t)$$),
('a prospect row and an order of one customer', $$loyalty_ladder(c, t, '2026-07-01')::text FROM (VALUES (7::bigint, NULL::timestamptz), (7, '2026-06-01 10:00+00')) v(c, t)$$),
('two orders on one day', $$loyalty_ladder(c, t, '2026-07-01')::text FROM (VALUES (7::bigint, timestamptz '2026-06-30 00:00+00'), (7, '2026-06-30 23:59:59.999999+00')) v(c, t)$$),
('ids 2^63 - 1, -(2^63 - 1), -2^63', $$loyalty_ladder(c, t, '2026-07-01')::text FROM (VALUES (9223372036854775807, timestamptz '2026-06-30'), (-9223372036854775807, '2026-06-29'), (-9223372036854775807 - 1, NULL)) v(c, t)$$),
('order at as_of', $$loyalty_ladder(c, t, '2026-07-01')::text FROM (VALUES (1::bigint, timestamptz '2026-07-01 00:00+00')) v(c, t)$$),
('order 1 microsecond after as_of', $$loyalty_ladder(c, t, '2026-07-01')::text FROM (VALUES (1::bigint, timestamptz '2026-07-01 00:00:00.000001+00')) v(c, t)$$),
('order after as_of, NULL customer (skipped)', $$loyalty_ladder(c, t, '2026-07-01')::text FROM (VALUES (NULL::bigint, timestamptz '2027-01-01')) v(c, t)$$),
('ordered_at infinity', $$loyalty_ladder(c, t, '2026-07-01')::text FROM (VALUES (1::bigint, timestamptz 'infinity')) v(c, t)$$),
('ordered_at -infinity', $$loyalty_ladder(c, t, '2026-07-01')::text FROM (VALUES (1::bigint, timestamptz '-infinity')) v(c, t)$$),
('as_of infinity', $$loyalty_ladder(c, t, 'infinity')::text FROM :june1$$),
('as_of -infinity', $$loyalty_ladder(c, t, '-infinity')::text FROM :june1$$),
('as_of infinity, prospect only', $$loyalty_ladder(c, t, 'infinity')::text FROM (VALUES (1::bigint, NULL::timestamptz)) v(c, t)$$),
('as_of changes within a group', $$loyalty_ladder(c, t, a)::text FROM (VALUES (1::bigint, timestamptz '2026-06-01', timestamptz '2026-07-01'), (2, '2026-06-01', '2026-07-02')) v(c, t, a)$$),
('as_of changes by 1 microsecond, prospects', $$loyalty_ladder(c, NULL, a)::text FROM (VALUES (1::bigint, timestamptz '2026-07-01'), (2, '2026-07-01 00:00:00.000001')) v(c, a)$$),
('ordered_at 4713-11-24 BC (stage)', $$:stage_list FROM stage_counts((SELECT loyalty_ladder(1, '4713-11-24 00:00:00+00 BC', '2026-07-01'))) WHERE customers > 0$$),
('ordered_at 4714-11-24 BC (the first possible time, day -2451545)', $$loyalty_ladder(c, t, '2026-07-01')::text FROM (VALUES (1::bigint, timestamptz '4714-11-24 00:00:00+00 BC')) v(c, t)$$),
('as_of 294276-12-31 23:59:59 (stage)', $$:stage_list FROM stage_counts((SELECT loyalty_ladder(1, '2026-06-01', '294276-12-31 23:59:59+00'))) WHERE customers > 0$$),
('ordered_at 4713-11-24 BC and 294276-12-31 (days -2451179 and 106751982)', $$loyalty_ladder(c, t, '294276-12-31 23:59:59+00')::text FROM (VALUES (1::bigint, timestamptz '4713-11-24 00:00:00+00 BC'), (1, '294276-12-31 23:59:59+00')) v(c, t)$$),
('one day, 365 and 366 days before as_of', $$:stage_list FROM stage_counts((SELECT loyalty_ladder(c, t, '2026-07-01') FROM (VALUES (1::bigint, timestamptz '2025-07-01 00:00+00'), (2, '2025-06-30 23:59:59+00')) v(c, t))) WHERE customers > 0$$),
('one day, 730 and 731 days before as_of', $$:stage_list FROM stage_counts((SELECT loyalty_ladder(c, t, '2026-07-01') FROM (VALUES (1::bigint, timestamptz '2024-07-01 00:00+00'), (2, '2024-06-30 23:59:59+00')) v(c, t))) WHERE customers > 0$$)) v;
-- the aggregate, named zone
INSERT INTO cases (function, input, query) SELECT 'loyalty_ladder(bigint,timestamptz,timestamptz,text)', * FROM (VALUES
('zone NULL', $$loyalty_ladder(c, t, '2026-07-01', NULL)::text FROM :june1$$),
('zone NULL, NULL customer id', $$loyalty_ladder(c, t, '2026-07-01', NULL)::text FROM (VALUES (NULL::bigint, timestamptz '2026-06-01')) v(c, t)$$),
('zone empty', $$loyalty_ladder(c, t, '2026-07-01', '')::text FROM :june1$$),
('zone Not/AZone', $$loyalty_ladder(c, t, '2026-07-01', 'Not/AZone')::text FROM :june1$$),
('zone UTC;x', $$loyalty_ladder(c, t, '2026-07-01', 'UTC;x')::text FROM :june1$$),
('zone of 300 letters', $$loyalty_ladder(c, t, '2026-07-01', repeat('x', 300))::text FROM :june1$$),
('zone changes within a group', $$loyalty_ladder(c, t, '2026-07-01', z)::text FROM (VALUES (1::bigint, timestamptz '2026-06-01', 'UTC'), (2, '2026-06-01', 'Europe/Berlin')) v(c, t, z)$$),
('zone europe/berlin (recorded Europe/Berlin), 22:30 UTC', $$loyalty_ladder(c, t, '2026-07-01', 'europe/berlin')::text FROM (VALUES (1::bigint, timestamptz '2026-06-10 22:30+00')) v(c, t)$$),
('zone <+1245>-12:45, 11:15 UTC', $$loyalty_ladder(c, t, '2026-07-01', '<+1245>-12:45')::text FROM (VALUES (1::bigint, timestamptz '2026-06-10 11:15+00')) v(c, t)$$),
('ordered_at infinity', $$loyalty_ladder(c, t, '2026-07-01', 'UTC')::text FROM (VALUES (1::bigint, timestamptz 'infinity')) v(c, t)$$),
('order after as_of', $$loyalty_ladder(c, t, '2026-07-01', 'UTC')::text FROM (VALUES (1::bigint, timestamptz '2026-07-02')) v(c, t)$$),
('as_of changes within a group', $$loyalty_ladder(c, t, a, 'UTC')::text FROM (VALUES (1::bigint, timestamptz '2026-06-01', timestamptz '2026-07-01'), (2, '2026-06-01', '2026-07-02')) v(c, t, a)$$)) v;
-- rollup
INSERT INTO cases (function, input, query) SELECT 'rollup(loyalty_ladder)', * FROM (VALUES
('no rows', $$rollup(l)::text FROM ladders WHERE false$$),
('only NULLs', $$rollup(l)::text FROM (VALUES (NULL::loyalty_ladder), (NULL)) v(l)$$),
('different as_of', $$rollup(l)::text FROM ladders$$),
('different zones (UTC, Europe/Berlin)', $$rollup(l)::text FROM (VALUES ('v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=0'::loyalty_ladder), ('v2;tz=Europe/Berlin;as_of=2000-01-01T00:00:00Z;customers=0')) v(l)$$),
('a ladder with itself', $$rollup(l)::text FROM ladders, generate_series(1, 2) WHERE name = 'ref'$$),
('days united (1+3 with 2+5)', $$rollup(l)::text FROM (VALUES ('v2;tz=UTC;as_of=2000-02-01T00:00:00Z;customers=1;customer=2:3:2000-01-02+3*2'::loyalty_ladder), ('v2;tz=UTC;as_of=2000-02-01T00:00:00Z;customers=2;customer=2:2:2000-01-03+5;customer=3:0')) v(l)$$),
('orders per day united (1999-12-30: 2+1, 1999-12-31: 3)', $$rollup(l)::text FROM (VALUES ('v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:2:1999-12-30*2'::loyalty_ladder), ('v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:4:1999-12-30+1*3')) v(l)$$),
('orders of a customer on one day past 2^32 - 1', $$rollup(l)::text FROM (VALUES ('v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:4294967295:1999-12-31*4294967295'::loyalty_ladder), ('v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:1:1999-12-31')) v(l)$$),
('orders of a customer past 2^32 - 1 on two days', $$order_count(rollup(l)) FROM (VALUES ('v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:4294967295:1999-12-31*4294967295'::loyalty_ladder), ('v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:1:1999-12-30')) v(l)$$)) v;
-- the support functions called directly (outside an aggregate: a new value, the argument unchanged)
INSERT INTO cases (function, input, query) SELECT 'cf_loyalty_ladder_trans(loyalty_ladder,bigint,timestamptz,timestamptz)', * FROM (VALUES
('called directly, NULL state', $$cf_loyalty_ladder_trans(NULL, 1, '2000-01-02 10:00+00', '2000-02-01 00:00+00')::text$$),
('called directly on a stored ladder', $$cf_loyalty_ladder_trans(l, 9, '2000-01-20 10:00+00', '2000-02-01 00:00+00')::text || ' / ' || l::text FROM ladders WHERE name = 'ref'$$),
('called directly, other as_of', $$cf_loyalty_ladder_trans(:ref, 9, '2000-01-20 10:00+00', '2000-02-02 00:00+00')::text$$),
('called directly, NULL id', $$cf_loyalty_ladder_trans(:ref, NULL, '2000-01-20 10:00+00', '2000-02-01 00:00+00')::text$$)) v;
INSERT INTO cases (function, input, query) SELECT 'cf_loyalty_ladder_trans_tz(loyalty_ladder,bigint,timestamptz,timestamptz,text)', * FROM (VALUES
('called directly, zone NULL', $$cf_loyalty_ladder_trans_tz(NULL, 1, '2000-01-02', '2000-02-01', NULL)::text$$),
('called directly, zone other than the ladder''s', $$cf_loyalty_ladder_trans_tz(:ref, 1, '2000-01-02', '2000-02-01', 'Europe/Berlin')::text$$)) v;
INSERT INTO cases (function, input, query) SELECT 'cf_loyalty_ladder_combine(loyalty_ladder,loyalty_ladder)', * FROM (VALUES
('NULL, NULL', $$cf_loyalty_ladder_combine(NULL, NULL)::text$$),
('NULL, ref', $$cf_loyalty_ladder_combine(NULL, :ref)::text$$),
('ref, NULL', $$cf_loyalty_ladder_combine(:ref, NULL)::text$$),
('ref, empty (different as_of)', $$cf_loyalty_ladder_combine(a.l, b.l)::text FROM ladders a, ladders b WHERE a.name = 'ref' AND b.name = 'empty'$$),
('ref with itself, argument unchanged', $$cf_loyalty_ladder_combine(l, l)::text || ' / ' || l::text FROM ladders WHERE name = 'ref'$$)) v;
-- stage_counts
INSERT INTO cases (function, input, query) SELECT 'stage_counts(loyalty_ladder,integer,integer,integer,float8,integer,integer)', * FROM (VALUES
('NULL ladder (rows)', $$count(*) FROM stage_counts(NULL)$$),
('NULL ladder, client_orders 1', $$count(*) FROM stage_counts(NULL, client_orders => 1)$$),
('empty ladder (rows, customers)', $$count(*) || ' ' || sum(customers) FROM stage_counts(:empty)$$),
('ref, all stages in order', $$:stage_list FROM stage_counts(:ref)$$),
('ref, lapse_factor 9 (27 days = 9 gaps)', $$:stage_list FROM stage_counts(:ref, lapse_factor => 9) WHERE customers > 0$$),
('ref, lapse_factor 1e300', $$:stage_list FROM stage_counts(:ref, lapse_factor => 1e300) WHERE customers > 0$$),
('ref, lapse_factor 1e-300, lapse_days 0, lost_days 26', $$:stage_list FROM stage_counts(:ref, lapse_factor => 1e-300, lapse_days => 0, lost_days => 26) WHERE customers > 0$$),
('ref, lost_days 27', $$:stage_list FROM stage_counts(:ref, lapse_days => 0, lost_days => 27) WHERE customers > 0$$),
('ref, client_orders 4, regular_orders 2147483647', $$:stage_list FROM stage_counts(:ref, client_orders => 4, regular_orders => 2147483647, lapse_factor => 9) WHERE customers > 0$$),
('client_orders 1', $$count(*) FROM stage_counts(:ref, client_orders => 1)$$),
('client_orders > regular_orders', $$count(*) FROM stage_counts(:ref, client_orders => 6)$$),
('advocate_score 11', $$count(*) FROM stage_counts(:ref, advocate_score => 11)$$),
('lapse_factor 0', $$count(*) FROM stage_counts(:ref, lapse_factor => 0)$$),
('lapse_factor NaN', $$count(*) FROM stage_counts(:ref, lapse_factor => 'NaN')$$),
('lapse_factor Infinity', $$count(*) FROM stage_counts(:ref, lapse_factor => 'Infinity')$$),
('lapse_factor -Infinity', $$count(*) FROM stage_counts(:ref, lapse_factor => '-Infinity')$$),
('lapse_days -1', $$count(*) FROM stage_counts(:ref, lapse_days => -1)$$),
('lapse_days > lost_days', $$count(*) FROM stage_counts(:ref, lapse_days => 800)$$),
('lost_days -1', $$count(*) FROM stage_counts(:ref, lost_days => -1)$$),
('a purchase day after the as-of day', $$count(*) FROM stage_counts('v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:1:2000-01-02')$$),
('a purchase day after the as-of day in the zone (St_Johns, day -1)', $$count(*) FROM stage_counts('v2;tz=America/St_Johns;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:1:2000-01-01')$$),
('zone unknown to the server', $$count(*) FROM stage_counts('v2;tz=No/Such_Zone;as_of=2000-01-01T00:00:00Z;customers=0')$$),
('first day 4714-11-24 BC, as_of 294276-12-31', $$:stage_list FROM stage_counts('v2;tz=UTC;as_of=294276-12-31T23:59:59Z;customers=1;customer=1:1:-4713-11-24') WHERE customers > 0$$)) v;
-- accessors
INSERT INTO cases (function, input, query) SELECT 'customer_count(loyalty_ladder)', * FROM (VALUES
('NULL', $$customer_count(NULL::loyalty_ladder)$$),
('empty', $$customer_count(:empty)$$),
('ref (a prospect included)', $$customer_count(:ref)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'order_count(loyalty_ladder)', * FROM (VALUES
('NULL', $$order_count(NULL::loyalty_ladder)$$),
('empty', $$order_count(:empty)$$),
('ref', $$order_count(:ref)$$),
('a customer with 2 x (2^32 - 1) orders on two days', $$order_count('v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:8589934590:1999-12-30*4294967295+1*4294967295'::loyalty_ladder)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'as_of(loyalty_ladder)', * FROM (VALUES
('NULL', $$as_of(NULL::loyalty_ladder)$$),
('ref', $$as_of(:ref)$$),
('first possible time (4714-11-24 BC)', $$as_of('v2;tz=UTC;as_of=-4713-11-24T00:00:00Z;customers=0'::loyalty_ladder)$$),
('last possible microsecond', $$as_of('v2;tz=UTC;as_of=294276-12-31T23:59:59.999999Z;customers=0'::loyalty_ladder)$$)) v;
-- text input
INSERT INTO cases (function, input, query) SELECT 'loyalty_ladder_in(cstring)', * FROM (VALUES
('empty text', $$''::loyalty_ladder::text$$),
('garbage', $$'garbage'::loyalty_ladder::text$$),
('version v3', $$'v3;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=0'::loyalty_ladder::text$$),
('version V2', $$'V2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=0'::loyalty_ladder::text$$),
('leading space', $$' v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=0'::loyalty_ladder::text$$),
('truncated: v1', $$'v1'::loyalty_ladder::text$$),
('truncated: v1;tz=UTC', $$'v1;tz=UTC'::loyalty_ladder::text$$),
('truncated: v2;tz=UTC;as_of=2000-01-01T00:00:00Z', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z'::loyalty_ladder::text$$),
('truncated: customers=', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers='::loyalty_ladder::text$$),
('truncated: customers=1, none listed', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1'::loyalty_ladder::text$$),
('truncated: customers=2, one listed', $$'v2;tz=UTC;as_of=2000-02-01T00:00:00Z;customers=2;customer=2:3:2000-01-02+3*2'::loyalty_ladder::text$$),
('truncated: after <id>:', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=12345:'::loyalty_ladder::text$$),
('truncated: after <orders>:', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=5:1:'::loyalty_ladder::text$$),
('truncated: after +', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=5:2:1999-12-29+'::loyalty_ladder::text$$),
('customers=0 and one listed', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=0;customer=1:1:1999-12-31'::loyalty_ladder::text$$),
('trailing ;', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=0;'::loyalty_ladder::text$$),
('trailing space', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=0 '::loyalty_ladder::text$$),
('fields out of order', $$'v1;as_of=2000-01-01T00:00:00Z;tz=UTC;customers=0'::loyalty_ladder::text$$),
('zone empty', $$'v2;tz=;as_of=2000-01-01T00:00:00Z;customers=0'::loyalty_ladder::text$$),
('zone with a space', $$'v1;tz=Europe/Ber lin;as_of=2000-01-01T00:00:00Z;customers=0'::loyalty_ladder::text$$),
('zone of 256 letters', $$('v1;tz=' || repeat('x', 256) || ';as_of=2000-01-01T00:00:00Z;customers=0')::loyalty_ladder::text$$),
('zone of 255 letters, unknown (length)', $$length(('v1;tz=' || repeat('x', 255) || ';as_of=2000-01-01T00:00:00Z;customers=0')::loyalty_ladder::text)$$),
('as_of empty', $$'v2;tz=UTC;as_of=;customers=0'::loyalty_ladder::text$$),
('as_of 1e3', $$'v2;tz=UTC;as_of=1e3;customers=0'::loyalty_ladder::text$$),
('as_of in microseconds (not a time)', $$'v2;tz=UTC;as_of=0;customers=0'::loyalty_ladder::text$$),
('as_of +2000-01-01T00:00:00Z', $$'v2;tz=UTC;as_of=+2000-01-01T00:00:00Z;customers=0'::loyalty_ladder::text$$),
('as_of without Z', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00;customers=0'::loyalty_ladder::text$$),
('as_of with an offset +00', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00+00;customers=0'::loyalty_ladder::text$$),
('as_of with a space for T', $$'v2;tz=UTC;as_of=2000-01-01 00:00:00Z;customers=0'::loyalty_ladder::text$$),
('as_of 2001-02-29', $$'v2;tz=UTC;as_of=2001-02-29T00:00:00Z;customers=0'::loyalty_ladder::text$$),
('as_of 24:00:00', $$'v2;tz=UTC;as_of=2000-01-01T24:00:00Z;customers=0'::loyalty_ladder::text$$),
('as_of 7 decimals', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00.0000001Z;customers=0'::loyalty_ladder::text$$),
('as_of infinity', $$'v2;tz=UTC;as_of=infinity;customers=0'::loyalty_ladder::text$$),
('as_of -infinity', $$'v2;tz=UTC;as_of=-infinity;customers=0'::loyalty_ladder::text$$),
('as_of year 1000000', $$'v2;tz=UTC;as_of=1000000-01-01T00:00:00Z;customers=0'::loyalty_ladder::text$$),
('as_of 1 microsecond before the first possible time', $$'v2;tz=UTC;as_of=-4713-11-23T23:59:59.999999Z;customers=0'::loyalty_ladder::text$$),
('as_of 294277-01-01 (end of range)', $$'v2;tz=UTC;as_of=294277-01-01T00:00:00Z;customers=0'::loyalty_ladder::text$$),
('customers=-1', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=-1'::loyalty_ladder::text$$),
('customers=2147483647', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=2147483647;customer=1:0'::loyalty_ladder::text$$),
('customers=2^63', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=9223372036854775808;customer=1:0'::loyalty_ladder::text$$),
('duplicate ids', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=2;customer=1:1:1999-12-27;customer=1:1:1999-12-26'::loyalty_ladder::text$$),
('duplicate prospects', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=2;customer=1:0;customer=1:0'::loyalty_ladder::text$$),
('gap 0', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:2:1999-12-27+0'::loyalty_ladder::text$$),
('gap -1', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:2:1999-12-27+-1'::loyalty_ladder::text$$),
('gap 2^31', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:2:1999-12-27+2147483648'::loyalty_ladder::text$$),
('orders < days', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:1:1999-12-27+3'::loyalty_ladder::text$$),
('orders 0 with a day', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:0:1999-12-27'::loyalty_ladder::text$$),
('orders 3 without days', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:3'::loyalty_ladder::text$$),
('orders -1', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:-1:1999-12-27'::loyalty_ladder::text$$),
('orders 2^63 - 1 on one day', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:9223372036854775807:1999-12-27*9223372036854775807'::loyalty_ladder::text$$),
('orders 2^63', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:9223372036854775808:1999-12-27*9223372036854775808'::loyalty_ladder::text$$),
('orders 2^32 - 1 on one day', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:4294967295:1999-12-27*4294967295'::loyalty_ladder::text$$),
('orders 2^32 on one day', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:4294967296:1999-12-27*4294967296'::loyalty_ladder::text$$),
('orders per day *1 (not written)', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:2:1999-12-27*1+1'::loyalty_ladder::text$$),
('orders per day *0', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:1:1999-12-27*0'::loyalty_ladder::text$$),
('orders per day * without a count', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:2:1999-12-27*'::loyalty_ladder::text$$),
('orders per day twice for one day', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:4:1999-12-27*2*2'::loyalty_ladder::text$$),
('orders 5, per day 2 + 2', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:5:1999-12-27*2+1*2'::loyalty_ladder::text$$),
('orders 3, per day 2 + 2', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:3:1999-12-27*2+1*2'::loyalty_ladder::text$$),
('the unreleased version 1 (no orders per day)', $$'v1;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:2:1999-12-27'::loyalty_ladder::text$$),
('orders with 20 digits (00000000000000000001)', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:00000000000000000001:1999-12-27'::loyalty_ladder::text$$),
('id 2^63', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=9223372036854775808:0'::loyalty_ladder::text$$),
('id -2^63 - 1', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=-9223372036854775809:0'::loyalty_ladder::text$$),
('ids ±(2^63 - 1) and -2^63', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=3;customer=9223372036854775807:0;customer=-9223372036854775808:0;customer=-9223372036854775807:0'::loyalty_ladder::text$$),
('first day a day number (not a date)', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:1:-5'::loyalty_ladder::text$$),
('first day 294277-01-04 (end + 3)', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:1:294277-01-04'::loyalty_ladder::text$$),
('first day 2001-02-29', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:1:2001-02-29'::loyalty_ladder::text$$),
('first day 4714-11-22 BC (4714-11-24 BC - 2, a zone''s slack)', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:1:-4713-11-22'::loyalty_ladder::text$$),
('first day 4714-11-21 BC', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:1:-4713-11-21'::loyalty_ladder::text$$),
('first day +2000-01-06', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:1:+2000-01-06'::loyalty_ladder::text$$),
('orders 01 and id -0 (canonical output)', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=-0:01:1999-12-31'::loyalty_ladder::text$$),
('customers in any order (sorted output)', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=3;customer=9:1:1999-12-29;customer=-7:2:1999-12-22+2;customer=0:0'::loyalty_ladder::text$$),
('a purchase day after as_of', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:1:2000-01-06'::loyalty_ladder::text$$),
('zone unknown to the server', $$'v2;tz=No/Such_Zone;as_of=2000-01-01T00:00:00Z;customers=0'::loyalty_ladder::text$$),
('round trip of ref', $$l::text::loyalty_ladder::text = l::text FROM ladders WHERE name = 'ref'$$)) v;
INSERT INTO cases (function, input, query) SELECT 'loyalty_ladder_out(loyalty_ladder)', * FROM (VALUES
('NULL', $$loyalty_ladder_out(NULL)::text$$),
('1000 customers of 20 days (length = sum of the parts)', $$length(l::text) = length('v2;tz=UTC;as_of=2026-07-01T00:00:00Z;customers=1000') + (SELECT sum(length(';customer=' || c || ':20:') + length('2024-01-01') + 19 * 3) FROM generate_series(1, 1000) c) FROM (SELECT loyalty_ladder(c, timestamptz '2024-01-01 12:00+00' + (c % 97 + 20 * k) * interval '1 day', '2026-07-01') AS l FROM generate_series(1, 1000) c, generate_series(0, 19) k) s$$)) v;

-- binary input: the receive function reads bytes given through COPY (FORMAT binary)
INSERT INTO cases (function, input, query) SELECT 'loyalty_ladder_send(loyalty_ladder)', * FROM (VALUES
('NULL', $$loyalty_ladder_send(NULL::loyalty_ladder)$$),
('ref = the bytes by hand', $$loyalty_ladder_send(:ref) = :refbytes$$),
('empty', $$loyalty_ladder_send(:empty)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'loyalty_ladder_recv(internal)', * FROM (VALUES
('the bytes of send', $$pg_temp.recv('loyalty_ladder', loyalty_ladder_send(:ref))$$),
('the bytes by hand', $$pg_temp.recv('loyalty_ladder', '\x02035554430000026f9d14a00002090000ff04030202030001ff')$$),
('no bytes', $$pg_temp.recv('loyalty_ladder', '\x')$$),
('version byte only', $$pg_temp.recv('loyalty_ladder', '\x02')$$),
('last byte missing', $$pg_temp.recv('loyalty_ladder', pg_temp.chop(:refbytes))$$),
('a byte too many', $$pg_temp.recv('loyalty_ladder', :refbytes || '\x00'::bytea)$$),
('first byte 0xff', $$pg_temp.recv('loyalty_ladder', pg_temp.poke(:refbytes, 1, '\xff'))$$),
('version 1 (the unreleased form without orders per day, gone: one version)', $$pg_temp.recv('loyalty_ladder', pg_temp.poke(:refbytes, 1, '\x01'))$$),
('version 3', $$pg_temp.recv('loyalty_ladder', pg_temp.poke(:refbytes, 1, '\x03'))$$),
('no score byte', $$pg_temp.recv('loyalty_ladder', :head || '\x0104010102'::bytea)$$),
('bytes 5-8 0xff', $$pg_temp.recv_any('loyalty_ladder', pg_temp.poke(:refbytes, 5, '\xffffffff'))$$),
('zone length 0', $$pg_temp.recv('loyalty_ladder', '\x02000000026f9d14a00000')$$),
('zone length 255, 14 bytes in all', $$pg_temp.recv('loyalty_ladder', '\x02ff5554430000026f9d14a00000')$$),
('zone with a byte 0x00', $$pg_temp.recv('loyalty_ladder', '\x02035500430000026f9d14a00000')$$),
('zone unknown to the server', $$pg_temp.recv('loyalty_ladder', '\x02034e6f5a0000026f9d14a00000')$$),
('as_of 2^63 - 1 (infinity)', $$pg_temp.recv('loyalty_ladder', '\x02035554437fffffffffffffff00')$$),
('as_of -2^63 (-infinity)', $$pg_temp.recv('loyalty_ladder', '\x0203555443800000000000000000')$$),
('no customer count', $$pg_temp.recv('loyalty_ladder', '\x02035554430000026f9d14a000')$$),
('no customers', $$pg_temp.recv('loyalty_ladder', :head || '\x00'::bytea)$$),
('3 customers, 2 listed', $$pg_temp.recv('loyalty_ladder', :head || '\x03090000ff04030202030001ff'::bytea)$$),
('1 customer, 2 listed', $$pg_temp.recv('loyalty_ladder', :head || '\x01090000ff04030202030001ff'::bytea)$$),
('customer count 2^31 - 1', $$pg_temp.recv('loyalty_ladder', :head || '\xffffffff07'::bytea || '\x090000ff'::bytea)$$),
('duplicate ids', $$pg_temp.recv('loyalty_ladder', :head || '\x0204010102ff04010104ff'::bytea)$$),
('gap 0', $$pg_temp.recv('loyalty_ladder', :head || '\x010402020200ff'::bytea)$$),
('orders < days', $$pg_temp.recv('loyalty_ladder', :head || '\x010401020203ff'::bytea)$$),
('orders 0 with a day', $$pg_temp.recv('loyalty_ladder', :head || '\x0104000102ff'::bytea)$$),
('orders 3 without days', $$pg_temp.recv('loyalty_ladder', :head || '\x01040300ff'::bytea)$$),
('orders 2^63 - 1 on one day', $$pg_temp.recv('loyalty_ladder', :head || '\x0104ffffffffffffffff7f0102feffffffffffffff7fff'::bytea)$$),
('orders 2^32 - 1 on one day', $$pg_temp.recv('loyalty_ladder', :head || '\x0104ffffffff0f0102feffffff0fff'::bytea)$$),
('orders per day missing (3 orders, 2 days)', $$pg_temp.recv('loyalty_ladder', :head || '\x01040302020301ff'::bytea)$$),
('orders per day 1 + 3 for 3 orders', $$pg_temp.recv('loyalty_ladder', :head || '\x0104030202030002ff'::bytea)$$),
('orders per day 2 + 1 (the ref customer, days swapped)', $$pg_temp.recv('loyalty_ladder', :head || '\x0104030202030100ff'::bytea)$$),
('orders 2^63', $$pg_temp.recv('loyalty_ladder', :head || '\x0104808080808080808080010102ff'::bytea)$$),
('orders a varint of 11 bytes', $$pg_temp.recv('loyalty_ladder', :head || '\x010480808080808080808080010102ff'::bytea)$$),
('days 2^31', $$pg_temp.recv('loyalty_ladder', :head || '\x01040180808080080102ff'::bytea)$$),
('first day 2^40', $$pg_temp.recv('loyalty_ladder', :head || '\x01040101808080808040ff'::bytea)$$),
('id -2^63 (zigzag 2^64 - 1)', $$pg_temp.recv('loyalty_ladder', :head || '\x01ffffffffffffffffff010000ff'::bytea)$$),
('a purchase day after as_of', $$pg_temp.recv('loyalty_ladder', :head || '\x0104010140ff'::bytea)$$)) v;

-- recommend scores (the overloads with recommend_score): one 0-10 score per customer
INSERT INTO cases (function, input, query) SELECT 'loyalty_ladder(bigint,timestamptz,timestamptz,integer)', * FROM (VALUES
('a regular with score 9: advocate', $$string_agg(stage || '=' || customers, ',') FROM stage_counts((SELECT loyalty_ladder(1, t, '2026-07-01', 9) FROM generate_series(timestamptz '2026-06-26', '2026-06-30', '1 day') t)) WHERE customers > 0$$),
('a regular with score 8: regular', $$string_agg(stage || '=' || customers, ',') FROM stage_counts((SELECT loyalty_ladder(1, t, '2026-07-01', 8) FROM generate_series(timestamptz '2026-06-26', '2026-06-30', '1 day') t)) WHERE customers > 0$$),
('score NULL: no score', $$loyalty_ladder(1, '2026-06-01', '2026-07-01', NULL::integer)::text$$),
('score 10 on a contact row', $$loyalty_ladder(1, NULL, '2026-07-01', 10)::text$$),
('score 11', $$loyalty_ladder(1, '2026-06-01', '2026-07-01', 11)::text$$),
('score -1', $$loyalty_ladder(1, '2026-06-01', '2026-07-01', -1)::text$$),
('the same score twice', $$loyalty_ladder(1, t, '2026-07-01', 7)::text FROM (VALUES (timestamptz '2026-06-01'), ('2026-06-02')) v(t)$$),
('two different scores of one customer', $$loyalty_ladder(1, t, '2026-07-01', s)::text FROM (VALUES (timestamptz '2026-06-01', 7), ('2026-06-02', 8)) v(t, s)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'loyalty_ladder(bigint,timestamptz,timestamptz,text,integer)', * FROM (VALUES
('named zone, score 9', $$loyalty_ladder(1, '2026-06-01', '2026-07-01', 'Europe/Berlin', 9)::text$$),
('unknown zone', $$loyalty_ladder(1, '2026-06-01', '2026-07-01', 'No/Such_Zone', 9)::text$$),
('score 11', $$loyalty_ladder(1, '2026-06-01', '2026-07-01', 'UTC', 11)::text$$)) v;
INSERT INTO cases (function, input, query) SELECT 'cf_loyalty_ladder_trans_score(loyalty_ladder,bigint,timestamptz,timestamptz,integer)', * FROM (VALUES
('called directly, NULL state', $$cf_loyalty_ladder_trans_score(NULL, 1, '2000-01-02 10:00+00', '2000-02-01 00:00+00', 9)::text$$),
('called directly on ref, then another score for customer 2', $$cf_loyalty_ladder_trans_score(cf_loyalty_ladder_trans_score(:ref, 2, NULL, '2000-02-01 00:00+00', 5), 2, NULL, '2000-02-01 00:00+00', 6)::text$$)) v;
INSERT INTO cases (function, input, query) SELECT 'cf_loyalty_ladder_trans_tz_score(loyalty_ladder,bigint,timestamptz,timestamptz,text,integer)', * FROM (VALUES
('called directly, zone NULL', $$cf_loyalty_ladder_trans_tz_score(NULL, 1, '2000-01-02', '2000-02-01', NULL, 9)::text$$),
('called directly, NULL state', $$cf_loyalty_ladder_trans_tz_score(NULL, 1, '2000-01-02', '2000-02-01', 'UTC', 3)::text$$)) v;
INSERT INTO cases (function, input, query) SELECT 'rollup(loyalty_ladder)', * FROM (VALUES
('two ladders, different scores of one customer', $$rollup(l)::text FROM (VALUES ('v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:0@3'::loyalty_ladder), ('v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:0@4')) v(l)$$),
('two ladders, one score', $$rollup(l)::text FROM (VALUES ('v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:0@3'::loyalty_ladder), ('v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:1:1999-12-31')) v(l)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'loyalty_ladder_in(cstring)', * FROM (VALUES
('score 11', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:0@11'::loyalty_ladder::text$$),
('score empty', $$'v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:0@'::loyalty_ladder::text$$)) v;
INSERT INTO cases (function, input, query) SELECT 'loyalty_ladder_recv(internal)', * FROM (VALUES
('score bytes 255 (none) and 9', $$pg_temp.recv('loyalty_ladder', '\x02035554430000026f9d14a00002090000ff0403020203000109'::bytea)$$),
('score byte 11', $$pg_temp.recv('loyalty_ladder', '\x02035554430000026f9d14a00002090000ff040302020300010b'::bytea)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'loyalty_ladder_send(loyalty_ladder)', * FROM (VALUES
('a score: the score byte of customer 2 is 09 (ref bytes with 09 last)', $$loyalty_ladder_send('v2;tz=UTC;as_of=2000-02-01T00:00:00Z;customers=2;customer=-5:0;customer=2:3:2000-01-02+3*2@9')$$)) v;

SELECT n, function, input, pg_temp.outcome(query, setting) AS outcome FROM cases ORDER BY n;

-- settings do not reach stage_counts (fixed defaults; thresholds only as arguments)
CREATE TEMP TABLE setting_cases (n serial, function text, input text, query text, setting text);
INSERT INTO setting_cases (function, input, query, setting) SELECT 'stage_counts(loyalty_ladder,integer,integer,integer,float8,integer,integer)', * FROM (VALUES
('SET lapse_factor = 9', $$:stage_list FROM stage_counts(:ref) WHERE customers > 0$$, 'customer_focus.lapse_factor=9'),
('SET client_orders = 4', $$:stage_list FROM stage_counts(:ref, lapse_factor => 9) WHERE customers > 0$$, 'customer_focus.client_orders=4'),
('SET client_orders = 6 (ignored)', $$count(*) FROM stage_counts(:ref)$$, 'customer_focus.client_orders=6'),
('SET client_orders = 6, NULL ladder', $$count(*) FROM stage_counts(NULL)$$, 'customer_focus.client_orders=6'),
('SET client_orders = 6, argument regular_orders 7', $$:stage_list FROM stage_counts(:ref, regular_orders => 7) WHERE customers > 0$$, 'customer_focus.client_orders=6'),
('SET lost_days = 27, lapse_days = 0', $$:stage_list FROM stage_counts(:ref, lapse_days => 0) WHERE customers > 0$$, 'customer_focus.lost_days=27'),
('SET lost_days = 100 (ignored)', $$count(*) FROM stage_counts(:ref)$$, 'customer_focus.lost_days=100'),
('SET lapse_factor = NaN', $$count(*) FROM stage_counts(:ref)$$, 'customer_focus.lapse_factor=NaN')) v;
-- the session zone is not read: no time_zone means UTC days; stage_counts reads the ladder's zone
INSERT INTO setting_cases (function, input, query, setting) SELECT 'loyalty_ladder(bigint,timestamptz,timestamptz)', * FROM (VALUES
('TimeZone Europe/Berlin (UTC days)', $$loyalty_ladder(c, t, '2026-07-01')::text FROM (VALUES (1::bigint, timestamptz '2026-06-10 22:30+00')) v(c, t)$$, 'TimeZone=Europe/Berlin')) v;
INSERT INTO setting_cases (function, input, query, setting) SELECT 'stage_counts(loyalty_ladder,integer,integer,integer,float8,integer,integer)', * FROM (VALUES
('TimeZone Pacific/Kiritimati, a UTC ladder', $$:stage_list FROM stage_counts(:ref) WHERE customers > 0$$, 'TimeZone=Pacific/Kiritimati')) v;
INSERT INTO cases (function, input, query, setting) SELECT function, input, query, setting FROM setting_cases ORDER BY n;
SELECT n, function, input, setting, pg_temp.outcome(query, setting) AS outcome FROM cases WHERE setting IS NOT NULL ORDER BY n;

-- Every error above is of class 22; and 08P01 for binary input of the wrong length (PostgreSQL's
-- message reader raises it for every type's receive function, built-in types included).
-- None: rollup past 2^32 - 1 orders of a customer on one day gives 22003, as rollup(customer_profile) does
-- past 2^63 - 1 orders
-- (54000 is kept for a ladder of 2^31 - 1 customers, a program limit).
SELECT n, function, input, pg_temp.outcome(query, setting) AS outcome
FROM cases WHERE pg_temp.outcome(query, setting) LIKE 'ERROR%' AND pg_temp.outcome(query, setting) NOT LIKE 'ERROR 22%'
  AND NOT (function LIKE '%\_recv(internal)' AND pg_temp.outcome(query, setting) = 'ERROR 08P01');
-- No setting outlives its case.
SELECT current_setting('customer_focus.client_orders') AS client_orders, current_setting('TimeZone') AS time_zone;

DROP TABLE cases, setting_cases, ladders;
