-- Bad input to the ladder's readers over moved thresholds and dates (issue 16):
-- stage_sensitivity tried with NULL, empty, multi-dimensional and oversized
-- grids, NULL elements, non-finite and out-of-range thresholds; stage_migration
-- and migration_chart with NULL, infinite, extreme and late from_as_of and bad
-- thresholds.  Each case gives
-- a documented result or an error of SQLSTATE class 22 (doc/hardening.md points
-- to this table).  The function column names the function tried
-- (sql/hardening_coverage.sql checks that every function of the extension is
-- tried in some hardening test).
SET extra_float_digits = 0;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';

-- outcome(query [, setting]): test/regress/hardening_helpers.sql.
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/hardening_helpers.sql

-- ref: as of 2026-07-01 00:00 UTC, customer 1 with orders on 2026-06-01 and 2026-06-11 (one gap
-- of 10 days, 20 days since: lapsed under a factor below 2), customer 2 with one order 731 days
-- before (lost under lost_days 730, lapsed from 731 on), customer 3 known without orders.
CREATE TEMP TABLE ladders (name text PRIMARY KEY, l loyalty_ladder);
INSERT INTO ladders SELECT 'ref', loyalty_ladder(c, t, '2026-07-01')
FROM (VALUES (1::bigint, timestamptz '2026-06-01 10:00+00'), (1, '2026-06-11 10:00+00'),
             (2, '2024-06-30 12:00+00'), (3, NULL)) v(c, t);
CREATE TEMP TABLE cases (n serial, function text, input text, query text, setting text);
INSERT INTO samples VALUES
('ref', $$(SELECT l FROM ladders WHERE name = 'ref')$$),
('grid_list', $$string_agg(lapse_factor || '/' || lost_days || ':' || stage || '=' || customers, ' ')$$),
('pair_list', $$string_agg(from_stage || '>' || to_stage || '=' || customers, ' ')$$);
INSERT INTO cases (function, input, query) SELECT 'stage_sensitivity(loyalty_ladder,float8[],integer[])', * FROM (VALUES
('NULL ladder (rows)', $$count(*) FROM stage_sensitivity(NULL, ARRAY[3], ARRAY[730])$$),
('NULL ladder, empty grid', $$count(*) FROM stage_sensitivity(NULL, '{}', ARRAY[730])$$),
('ref, 1.9 and 2 by 730 and 731', $$:grid_list FROM stage_sensitivity(:ref, ARRAY[1.9, 2], ARRAY[730, 731]) WHERE customers > 0$$),
('ref, a repeated factor (rows repeat)', $$:grid_list FROM stage_sensitivity(:ref, ARRAY[2, 2], ARRAY[730]) WHERE stage = 'client'$$),
('ref, factors 1e-300 and 1e300', $$:grid_list FROM stage_sensitivity(:ref, ARRAY[1e-300, 1e300], ARRAY[2147483647]) WHERE customers > 0$$),
('ref, lost_days 365 (= lapse_days)', $$:grid_list FROM stage_sensitivity(:ref, ARRAY[3], ARRAY[365]) WHERE customers > 0$$),
('lapse_factors NULL', $$count(*) FROM stage_sensitivity(:ref, NULL, ARRAY[730])$$),
('lost_days NULL', $$count(*) FROM stage_sensitivity(:ref, ARRAY[3], NULL)$$),
('lapse_factors empty', $$count(*) FROM stage_sensitivity(:ref, '{}', ARRAY[730])$$),
('lost_days empty', $$count(*) FROM stage_sensitivity(:ref, ARRAY[3], '{}')$$),
('lapse_factors with a NULL element', $$count(*) FROM stage_sensitivity(:ref, ARRAY[3, NULL], ARRAY[730])$$),
('lost_days with a NULL element', $$count(*) FROM stage_sensitivity(:ref, ARRAY[3], ARRAY[NULL, 730])$$),
('lapse_factors two-dimensional', $$count(*) FROM stage_sensitivity(:ref, '{{2,3},{4,5}}', ARRAY[730])$$),
('lapse_factor 0', $$count(*) FROM stage_sensitivity(:ref, ARRAY[3, 0], ARRAY[730])$$),
('lapse_factor -1', $$count(*) FROM stage_sensitivity(:ref, ARRAY[-1], ARRAY[730])$$),
('lapse_factor NaN', $$count(*) FROM stage_sensitivity(:ref, '{NaN}', ARRAY[730])$$),
('lapse_factor Infinity', $$count(*) FROM stage_sensitivity(:ref, '{Infinity}', ARRAY[730])$$),
('lapse_factor -Infinity', $$count(*) FROM stage_sensitivity(:ref, '{-Infinity}', ARRAY[730])$$),
('lost_days 364 (< lapse_days 365)', $$count(*) FROM stage_sensitivity(:ref, ARRAY[3], ARRAY[730, 364])$$),
('lost_days -1', $$count(*) FROM stage_sensitivity(:ref, ARRAY[3], ARRAY[-1])$$),
('10,000 points (100 x 100)', $$count(*) FROM stage_sensitivity(:ref, (SELECT array_agg(g) FROM generate_series(1, 100) g), (SELECT array_agg(364 + g) FROM generate_series(1, 100) g))$$),
('10,000 points (1 x 10,000)', $$count(*) FROM stage_sensitivity(:ref, ARRAY[3], (SELECT array_agg(364 + g) FROM generate_series(1, 10000) g))$$),
('10,001 points (1 x 10,001)', $$count(*) FROM stage_sensitivity(:ref, ARRAY[3], (SELECT array_agg(364 + g) FROM generate_series(1, 10001) g))$$),
('10,100 points (101 x 100)', $$count(*) FROM stage_sensitivity(:ref, (SELECT array_agg(g) FROM generate_series(1, 101) g), (SELECT array_agg(364 + g) FROM generate_series(1, 100) g))$$)) v;
INSERT INTO cases (function, input, query) SELECT 'stage_migration(loyalty_ladder,timestamptz,integer,integer,integer,float8,integer,integer)', * FROM (VALUES
('NULL ladder (rows)', $$count(*) FROM stage_migration(NULL, '2026-01-01')$$),
('NULL ladder, NULL from_as_of', $$count(*) FROM stage_migration(NULL, NULL)$$),
('NULL ladder, client_orders 1', $$count(*) FROM stage_migration(NULL, '2026-01-01', client_orders => 1)$$),
('ref from 2026-06-11', $$:pair_list FROM stage_migration(:ref, '2026-06-11')$$),
('ref from 2026-06-10 23:59:59.999999', $$:pair_list FROM stage_migration(:ref, '2026-06-10 23:59:59.999999+00')$$),
('ref from as_of', $$:pair_list FROM stage_migration(:ref, '2026-07-01')$$),
('ref from 1 microsecond after as_of', $$count(*) FROM stage_migration(:ref, '2026-07-01 00:00:00.000001+00')$$),
('ref from 4714-11-24 BC (the first time)', $$:pair_list FROM stage_migration(:ref, '4714-11-24 00:00:00+00 BC')$$),
('ref from_as_of NULL', $$count(*) FROM stage_migration(:ref, NULL)$$),
('ref from_as_of -infinity', $$count(*) FROM stage_migration(:ref, '-infinity')$$),
('ref from_as_of infinity', $$count(*) FROM stage_migration(:ref, 'infinity')$$),
('ref, lost_days NULL', $$count(*) FROM stage_migration(:ref, '2026-06-11', lost_days => NULL)$$),
('ref, client_orders 1', $$count(*) FROM stage_migration(:ref, '2026-06-11', client_orders => 1)$$),
('ref, lapse_factor NaN', $$count(*) FROM stage_migration(:ref, '2026-06-11', lapse_factor => 'NaN')$$),
('ref, lapse_days > lost_days', $$count(*) FROM stage_migration(:ref, '2026-06-11', lapse_days => 800)$$),
('ref, lost_days 0 and lapse_days 0', $$:pair_list FROM stage_migration(:ref, '2026-06-11', lapse_days => 0, lost_days => 0)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'migration_chart(loyalty_ladder,timestamptz,integer,integer,integer,float8,integer,integer)', * FROM (VALUES
('NULL ladder (rows)', $$count(*) FROM migration_chart(NULL, '2026-01-01')$$),
('ref from 2026-06-11 (lines, total line)', $$count(*) || ' ' || max(c) FILTER (WHERE c LIKE ' total%') FROM migration_chart(:ref, '2026-06-11') c$$),
('ref from 1 microsecond after as_of', $$count(*) FROM migration_chart(:ref, '2026-07-01 00:00:00.000001+00')$$),
('ref from_as_of NULL', $$count(*) FROM migration_chart(:ref, NULL)$$),
('ref from_as_of infinity', $$count(*) FROM migration_chart(:ref, 'infinity')$$),
('ref, regular_orders 2', $$count(*) FROM migration_chart(:ref, '2026-06-11', regular_orders => 2)$$)) v;
-- By hand for ref: customer 1 lapses under a factor f when 20 x 1 > f x 10, i.e. f < 2 (1.9: lapsed,
-- 2: client); customer 2 (731 days since) is lost under lost_days 730 and lapsed under 731 (one
-- purchase day, 731 > lapse_days 365); customer 3 is a prospect everywhere.  Under lost_days 365
-- customer 2 is lost; a factor of 1e-300 makes customer 1 lapsed, 1e300 a client.
-- stage_migration from 2026-06-11 (customer 1's second day): 1 was a client (2 orders, no time
-- since) and is one, 2 was lapsed already (711 days; lost by as_of), 3 a prospect; from 2026-06-10 1 was a buyer
-- (one order 9 days before); from 4714 BC everyone was a prospect.  With lapse_days and lost_days 0
-- every customer with orders is lost but on the day of its last order (1 on 06-11).
SELECT n, function, input, pg_temp.outcome(query, setting) AS outcome FROM cases ORDER BY n;

-- Every error above is of class 22.
SELECT n, function, input, pg_temp.outcome(query, setting) AS outcome
FROM cases WHERE pg_temp.outcome(query, setting) LIKE 'ERROR%' AND pg_temp.outcome(query, setting) NOT LIKE 'ERROR 22%';

DROP TABLE cases, ladders;
