-- Bad input to the loyalty ladder (issue 7): loyalty_stage and overdue tried
-- with NULL, zero, negative, NaN, +-Infinity and huge thresholds, thresholds in
-- the wrong order given as arguments and as customer_focus.* settings, and
-- as-of times before the last order or infinite.  Each case gives a documented
-- result or an error of SQLSTATE class 22 (doc/hardening.md points
-- to this table).
SET extra_float_digits = 0;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';

-- outcome(query [, setting]) and recv(type, bytes): test/regress/hardening_helpers.sql.
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/hardening_helpers.sql

-- Profiles used below:
-- one:  one order on 2024-01-01 (one purchase day: lapsed after 365 days, lost after 730);
-- two:  orders on 2024-01-01 and 2024-03-05 (x = 1, t_x = 64 days: lapsed when
--       days since 2024-03-05 > 3 * 64 = 192, i.e. from 2024-09-14; lost from 2026-03-06);
-- five: five orders 10 days apart, 2024-01-01 .. 2024-02-10 (x = 4, t_x = 40).
CREATE TEMP TABLE profiles (name text PRIMARY KEY, p customer_profile);
INSERT INTO profiles VALUES
('one', 'v1;tz=UTC;orders=1;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2024-01-01'),
('two', 'v1;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20.00;moment=175800.00;days=2024-01-01+64');
INSERT INTO profiles SELECT 'five', customer_profile(t, 1) FROM generate_series(timestamptz '2024-01-01 12:00+00', '2024-02-10 12:00+00', '10 days') t;
SELECT name, order_count(p), (model_summary(p, '2024-03-06')).x, (model_summary(p, '2024-03-06')).t_x FROM profiles ORDER BY 1;

CREATE TEMP TABLE cases (n serial, function text, input text, query text, setting text);
-- Samples: :name is the p of the profiles row of that name.
INSERT INTO samples VALUES
('two', $$(SELECT p FROM profiles WHERE name = 'two')$$),
('one', $$(SELECT p FROM profiles WHERE name = 'one')$$),
('five', $$(SELECT p FROM profiles WHERE name = 'five')$$);
-- loyalty_stage: profiles and as-of times
INSERT INTO cases (function, input, query) SELECT 'loyalty_stage(customer_profile,timestamptz,integer,integer,integer,integer,float8,integer,integer)', * FROM (VALUES
('NULL profile', $$loyalty_stage(NULL, '2024-06-01')$$),
('NULL profile, NULL as_of', $$loyalty_stage(NULL, NULL)$$),
('NULL as_of', $$loyalty_stage(:two, NULL)$$),
('as_of infinity', $$loyalty_stage(:two, 'infinity')$$),
('as_of -infinity', $$loyalty_stage(:two, '-infinity')$$),
('as_of before the last order', $$loyalty_stage(:two, '2024-02-01')$$),
('one day, 365 days later', $$loyalty_stage(:one, '2024-12-31')$$),
('one day, 366 days later', $$loyalty_stage(:one, '2025-01-01')$$),
('two days, 192 days later', $$loyalty_stage(:two, '2024-09-13')$$),
('two days, 193 days later', $$loyalty_stage(:two, '2024-09-14')$$),
('two days, 730 days later', $$loyalty_stage(:two, '2026-03-05')$$),
('two days, 731 days later', $$loyalty_stage(:two, '2026-03-06')$$),
('as_of 294276-12-31', $$loyalty_stage(:two, '294276-12-31 00:00+00')$$),
-- the recommend score
('five orders, score 9', $$loyalty_stage(:five, '2024-02-10 12:00+00', 9)$$),
('five orders, score 8', $$loyalty_stage(:five, '2024-02-10 12:00+00', 8)$$),
('five orders, score 0, advocate_score 0', $$loyalty_stage(:five, '2024-02-10 12:00+00', 0, advocate_score => 0)$$),
('score -1', $$loyalty_stage(:five, '2024-02-10 12:00+00', -1)$$),
('score 11', $$loyalty_stage(:five, '2024-02-10 12:00+00', 11)$$),
('score 11, NULL profile', $$loyalty_stage(NULL, '2024-02-10 12:00+00', 11)$$),
('score -2147483648', $$loyalty_stage(:five, '2024-02-10 12:00+00', -2147483648)$$),
-- thresholds as arguments
('client_orders 1', $$loyalty_stage(:two, '2024-06-01', client_orders => 1)$$),
('client_orders 0', $$loyalty_stage(:two, '2024-06-01', client_orders => 0)$$),
('client_orders -1', $$loyalty_stage(:two, '2024-06-01', client_orders => -1)$$),
('client_orders 3', $$loyalty_stage(:two, '2024-06-01', client_orders => 3)$$),
('client_orders = regular_orders', $$loyalty_stage(:two, '2024-06-01', client_orders => 5, regular_orders => 5)$$),
('client_orders > regular_orders', $$loyalty_stage(:two, '2024-06-01', client_orders => 6)$$),
('regular_orders 2147483647', $$loyalty_stage(:five, '2024-02-10 12:00+00', regular_orders => 2147483647)$$),
('advocate_score -1', $$loyalty_stage(:two, '2024-06-01', advocate_score => -1)$$),
('advocate_score 11', $$loyalty_stage(:two, '2024-06-01', advocate_score => 11)$$),
('lapse_factor 0', $$loyalty_stage(:two, '2024-06-01', lapse_factor => 0)$$),
('lapse_factor -1', $$loyalty_stage(:two, '2024-06-01', lapse_factor => -1)$$),
('lapse_factor NaN', $$loyalty_stage(:two, '2024-06-01', lapse_factor => 'NaN')$$),
('lapse_factor Infinity', $$loyalty_stage(:two, '2024-06-01', lapse_factor => 'Infinity')$$),
('lapse_factor -Infinity', $$loyalty_stage(:two, '2024-06-01', lapse_factor => '-Infinity')$$),
('lapse_factor 1e-300, 1 day after', $$loyalty_stage(:two, '2024-03-06', lapse_factor => 1e-300)$$),
('lapse_factor 1e300, 730 days after', $$loyalty_stage(:two, '2026-03-05', lapse_factor => 1e300)$$),
('lapse_days -1', $$loyalty_stage(:one, '2024-06-01', lapse_days => -1)$$),
('lapse_days 0, same day', $$loyalty_stage(:one, '2024-01-01 23:00+00', lapse_days => 0)$$),
('lapse_days 0, next day', $$loyalty_stage(:one, '2024-01-02', lapse_days => 0)$$),
('lapse_days > lost_days', $$loyalty_stage(:one, '2024-06-01', lapse_days => 800)$$),
('lost_days -1', $$loyalty_stage(:one, '2024-06-01', lost_days => -1)$$),
('lost_days = lapse_days = 0', $$loyalty_stage(:one, '2024-01-02', lapse_days => 0, lost_days => 0)$$),
('lost_days 2147483647', $$loyalty_stage(:one, '294276-12-31 00:00+00', lapse_days => 2147483647, lost_days => 2147483647)$$),
('bad thresholds, NULL profile', $$loyalty_stage(NULL, '2024-06-01', client_orders => 6)$$)) v;
-- overdue
INSERT INTO cases (function, input, query) SELECT 'overdue_factor(customer_profile,timestamptz)', * FROM (VALUES
('NULL profile', $$overdue_factor(NULL, '2024-06-01')$$),
('NULL as_of', $$overdue_factor(:two, NULL)$$),
('one purchase day', $$overdue_factor(:one, '2024-06-01')$$),
('one mean interval (64 days) later', $$overdue_factor(:two, '2024-05-08')$$),
('on the last order', $$overdue_factor(:two, '2024-03-05 23:30+00')$$),
('as_of before the last order', $$overdue_factor(:two, '2024-02-01')$$),
('as_of infinity', $$overdue_factor(:two, 'infinity')$$),
('as_of 294276-12-31', $$overdue_factor(:two, '294276-12-31 00:00+00') = (date '294276-12-31' - date '2024-03-05') / 64.0$$)) v;

-- thresholds as settings
INSERT INTO cases (function, input, query, setting) SELECT 'loyalty_stage(customer_profile,timestamptz,integer,integer,integer,integer,float8,integer,integer)', * FROM (VALUES
('SET client_orders = 1', $$loyalty_stage(:two, '2024-06-01')$$, 'customer_focus.client_orders=1'),
('SET client_orders = 3', $$loyalty_stage(:two, '2024-06-01')$$, 'customer_focus.client_orders=3'),
('SET client_orders = 6 (> regular_orders)', $$loyalty_stage(:two, '2024-06-01')$$, 'customer_focus.client_orders=6'),
('SET client_orders = 6, NULL profile', $$loyalty_stage(NULL, '2024-06-01')$$, 'customer_focus.client_orders=6'),
('SET client_orders = 6, argument regular_orders 7', $$loyalty_stage(:two, '2024-06-01', regular_orders => 7)$$, 'customer_focus.client_orders=6'),
('SET regular_orders = 2', $$loyalty_stage(:two, '2024-06-01')$$, 'customer_focus.regular_orders=2'),
('SET regular_orders = abc', $$loyalty_stage(:two, '2024-06-01')$$, 'customer_focus.regular_orders=abc'),
('SET advocate_score = 11', $$loyalty_stage(:two, '2024-06-01')$$, 'customer_focus.advocate_score=11'),
('SET lapse_factor = 0', $$loyalty_stage(:two, '2024-06-01')$$, 'customer_focus.lapse_factor=0'),
('SET lapse_factor = NaN', $$loyalty_stage(:two, '2024-06-01')$$, 'customer_focus.lapse_factor=NaN'),
('SET lapse_factor = Infinity', $$loyalty_stage(:two, '2024-06-01')$$, 'customer_focus.lapse_factor=Infinity'),
('SET lapse_factor = 1 (lapsed after 64 days)', $$loyalty_stage(:two, '2024-05-09')$$, 'customer_focus.lapse_factor=1'),
('SET lapse_days = -1', $$loyalty_stage(:one, '2024-06-01')$$, 'customer_focus.lapse_days=-1'),
('SET lapse_days = 800 (> lost_days)', $$loyalty_stage(:one, '2024-06-01')$$, 'customer_focus.lapse_days=800'),
('SET lost_days = 100 (< lapse_days)', $$loyalty_stage(:one, '2024-06-01')$$, 'customer_focus.lost_days=100'),
('SET lost_days = 100, argument lapse_days 50', $$loyalty_stage(:one, '2024-06-01', lapse_days => 50)$$, 'customer_focus.lost_days=100')) v;

SELECT n, input, pg_temp.outcome(query, setting) AS outcome FROM cases WHERE function LIKE 'loyalty_stage%' ORDER BY n;
SELECT n, input, pg_temp.outcome(query, setting) AS outcome FROM cases WHERE function LIKE 'overdue%' ORDER BY n;

-- Every error above is of class 22, and no setting outlives its case.
SELECT n, function, input, pg_temp.outcome(query, setting) AS outcome
FROM cases WHERE pg_temp.outcome(query, setting) LIKE 'ERROR%' AND pg_temp.outcome(query, setting) NOT LIKE 'ERROR 22%';
SELECT current_setting('customer_focus.client_orders') AS client_orders, current_setting('customer_focus.lapse_days') AS lapse_days;

DROP TABLE cases, profiles;
