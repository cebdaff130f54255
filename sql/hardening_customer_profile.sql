-- Bad input to the customer-profile family (issue 7): the aggregates (both
-- forms), rollup, the accessors and the text input of customer_profile, tried
-- with NULL, empty, zero, negative, NaN, +-Infinity, huge values and malformed
-- text.  Each case gives a documented result or an error of SQLSTATE class 22
-- (doc/hardening.md points to this table).  The function column
-- names the function tried (sql/hardening_coverage.sql checks that every
-- function of the extension is tried in some hardening test).
SET extra_float_digits = 0;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';

-- outcome(query [, setting]) and recv(type, bytes): test/regress/hardening_helpers.sql.
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/hardening_helpers.sql

-- Profiles used below, written out by hand:
-- one: one order of 12.50 on 2024-01-01 (day 8766 after 2000-01-01, moment 12.50 * 8766 = 109575.00);
-- two: 12.50 on 2024-01-01 and 7.50 on 2024-03-05 (day 8830), moment 109575 + 66225 = 175800.00;
-- berlin: like one, days counted in Europe/Berlin;
-- two_v2: two in format version 2, with its first day's revenue 12.50 (1.0's two reads with it unknown).
CREATE TEMP TABLE profiles (name text PRIMARY KEY, p customer_profile);
INSERT INTO profiles VALUES
('one', 'v1;tz=UTC;orders=1;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2024-01-01'),
('two', 'v1;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20.00;moment=175800.00;days=2024-01-01+64'),
('berlin', 'v1;tz=Europe/Berlin;orders=1;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2024-01-01'),
('two_v2', 'v2;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20.00;moment=175800.00;first_revenue=12.50;days=2024-01-01+64');

CREATE TEMP TABLE cases (n serial, function text, input text, query text);
-- Samples: :two the profile two as text, :jan1 one order of 1 on 2024-01-01 (columns t, a).
INSERT INTO samples VALUES
('two', $$'v1;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20.00;moment=175800.00;days=2024-01-01+64'::customer_profile$$),
('jan1', $$(VALUES ('2024-01-01'::timestamptz, 1::numeric)) v(t, a)$$),
('one', $$(SELECT p FROM profiles WHERE name = 'one')$$);
-- the aggregate, session zone
INSERT INTO cases (function, input, query) SELECT 'customer_profile(timestamptz,numeric)', * FROM (VALUES
('no rows', $$customer_profile(t, a)::text FROM (VALUES (now(), 1::numeric)) v(t, a) WHERE false$$),
('only NULL rows', $$customer_profile(t, a)::text FROM (VALUES (NULL::timestamptz, 1::numeric), ('2024-01-01', NULL)) v(t, a)$$),
('NULL rows skipped', $$customer_profile(t, a)::text = (SELECT p::text FROM profiles WHERE name = 'one') FROM (VALUES ('2024-01-01 10:00+00'::timestamptz, 12.50::numeric), (NULL, 5), ('2024-02-01', NULL)) v(t, a)$$),
('amount 0', $$total_revenue(customer_profile(t, a))::text FROM (VALUES ('2024-01-01'::timestamptz, 0::numeric)) v(t, a)$$),
('negative amounts only (-7.25 - 0.75)', $$order_count(p) || ' ' || total_revenue(p) FROM (SELECT customer_profile(t, a) p FROM (VALUES ('2024-01-01'::timestamptz, -7.25::numeric), ('2024-01-03', -0.75)) v(t, a)) s$$),
('amount NaN', $$customer_profile(t, a)::text FROM (VALUES ('2024-01-01'::timestamptz, 'NaN'::numeric)) v(t, a)$$),
('amount Infinity', $$customer_profile(t, a)::text FROM (VALUES ('2024-01-01'::timestamptz, 'Infinity'::numeric)) v(t, a)$$),
('amount -Infinity', $$customer_profile(t, a)::text FROM (VALUES ('2024-01-01'::timestamptz, '-Infinity'::numeric)) v(t, a)$$),
('amounts 1e300 and -1e300 + 0.01', $$total_revenue(customer_profile(t, a)) = 0.01 FROM (VALUES ('2024-01-01'::timestamptz, 1e300::numeric), ('2024-01-02', -1e300 + 0.01)) v(t, a)$$),
('amount with 60 decimals', $$total_revenue(customer_profile(t, a)) = 1e-60 FROM (VALUES ('2024-01-01'::timestamptz, 1e-60::numeric)) v(t, a)$$),
('time infinity', $$customer_profile(t, a)::text FROM (VALUES ('infinity'::timestamptz, 1::numeric)) v(t, a)$$),
('time -infinity', $$customer_profile(t, a)::text FROM (VALUES ('-infinity'::timestamptz, 1::numeric)) v(t, a)$$),
('time 4713-11-24 BC', $$purchase_day_count(customer_profile(t, a)) FROM (VALUES ('4713-11-24 00:00:00+00 BC'::timestamptz, 1::numeric)) v(t, a)$$),
('time 294276-12-31', $$first_order(customer_profile(t, a))::text FROM (VALUES ('294276-12-31 23:59:59+00'::timestamptz, 1::numeric)) v(t, a)$$),
('first and last possible times (x)', $$(model_summary(customer_profile(t, a), '294276-12-31 23:59:59+00')).x FROM (VALUES ('4713-11-24 00:00:00+00 BC'::timestamptz, 1::numeric), ('294276-12-31 23:59:59+00', 1)) v(t, a)$$)) v;
-- the aggregate, named zone
INSERT INTO cases (function, input, query) SELECT 'customer_profile(timestamptz,numeric,text)', * FROM (VALUES
('zone NULL', $$customer_profile(t, a, NULL)::text FROM :jan1$$),
('zone NULL, NULL amount', $$customer_profile(t, a, NULL)::text FROM (VALUES ('2024-01-01'::timestamptz, NULL::numeric)) v(t, a)$$),
('zone empty', $$customer_profile(t, a, '')::text FROM :jan1$$),
('zone Not/AZone', $$customer_profile(t, a, 'Not/AZone')::text FROM :jan1$$),
('zone of 300 letters', $$customer_profile(t, a, repeat('x', 300))::text FROM :jan1$$),
('zone changes within a group', $$customer_profile(t, a, z)::text FROM (VALUES ('2024-01-01'::timestamptz, 1::numeric, 'UTC'), ('2024-01-02', 1, 'Europe/Berlin')) v(t, a, z)$$),
('zone Europe/Berlin', $$customer_profile(t, a, 'Europe/Berlin')::text = (SELECT p::text FROM profiles WHERE name = 'berlin') FROM (VALUES ('2024-01-01 10:00+00'::timestamptz, 12.50::numeric)) v(t, a)$$),
('amount NaN', $$customer_profile(t, a, 'UTC')::text FROM (VALUES ('2024-01-01'::timestamptz, 'NaN'::numeric)) v(t, a)$$),
('time infinity', $$customer_profile(t, a, 'UTC')::text FROM (VALUES ('infinity'::timestamptz, 1::numeric)) v(t, a)$$)) v;
-- rollup
INSERT INTO cases (function, input, query) SELECT 'rollup(customer_profile)', * FROM (VALUES
('no rows', $$rollup(p)::text FROM profiles WHERE false$$),
('only NULLs', $$rollup(p)::text FROM (VALUES (NULL::customer_profile), (NULL)) v(p)$$),
('different zones', $$rollup(p)::text FROM profiles WHERE name IN ('one', 'berlin')$$),
('a profile with itself (orders, revenue, days)', $$order_count(rollup(p)) || ' ' || total_revenue(rollup(p)) || ' ' || purchase_day_count(rollup(p)) FROM profiles, generate_series(1, 2) WHERE name = 'two'$$),
('orders past 2^63 - 1', $$order_count(rollup(p)) FROM (VALUES ('v1;tz=UTC;orders=9223372036854775807;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2024-01-01'::customer_profile), ('v1;tz=UTC;orders=1;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2024-01-01')) v(p)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'cf_profile_combine(customer_profile,customer_profile)', * FROM (VALUES
('NULL, NULL', $$cf_profile_combine(NULL, NULL)::text$$)) v;
INSERT INTO cases (function, input, query) SELECT 'cf_profile_final(customer_profile)', * FROM (VALUES
('NULL', $$cf_profile_final(NULL)::text$$)) v;
INSERT INTO cases (function, input, query) SELECT 'cf_profile_trans(customer_profile,timestamptz,numeric)', * FROM (VALUES
('called directly', $$order_count(cf_profile_trans(NULL, '2024-01-01', 1))$$)) v;
INSERT INTO cases (function, input, query) SELECT 'cf_profile_trans_tz(customer_profile,timestamptz,numeric,text)', * FROM (VALUES
('called directly, zone NULL', $$cf_profile_trans_tz(NULL, '2024-01-01', 1, NULL)::text$$)) v;
-- text input
INSERT INTO cases (function, input, query) SELECT 'customer_profile_in(cstring)', * FROM (VALUES
('empty text', $$''::customer_profile::text$$),
('garbage', $$'garbage'::customer_profile::text$$),
('version v2', $$'v2;tz=UTC;orders=1;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2024-01-01'::customer_profile::text$$),
('orders 0', $$'v1;tz=UTC;orders=0;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2024-01-01'::customer_profile::text$$),
('orders -1', $$'v1;tz=UTC;orders=-1;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2024-01-01'::customer_profile::text$$),
('orders 2^63', $$'v1;tz=UTC;orders=9223372036854775808;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2024-01-01'::customer_profile::text$$),
('orders 2^63 - 1', $$order_count('v1;tz=UTC;orders=9223372036854775807;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2024-01-01'::customer_profile)$$),
('orders 1e3', $$'v1;tz=UTC;orders=1e3;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2024-01-01'::customer_profile::text$$),
('first after last', $$'v1;tz=UTC;orders=1;first=2024-01-02T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2024-01-01'::customer_profile::text$$),
('first infinity', $$'v1;tz=UTC;orders=1;first=infinity;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2024-01-01'::customer_profile::text$$),
('month 13', $$'v1;tz=UTC;orders=1;first=2024-13-01T10:00:00Z;last=2024-13-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2024-13-01'::customer_profile::text$$),
('revenue NaN', $$'v1;tz=UTC;orders=1;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=NaN;moment=109575.00;days=2024-01-01'::customer_profile::text$$),
('revenue Infinity', $$'v1;tz=UTC;orders=1;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=Infinity;moment=109575.00;days=2024-01-01'::customer_profile::text$$),
('revenue 1e3', $$'v1;tz=UTC;orders=1;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=1e3;moment=109575.00;days=2024-01-01'::customer_profile::text$$),
('revenue empty', $$'v1;tz=UTC;orders=1;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=;moment=109575.00;days=2024-01-01'::customer_profile::text$$),
('moment none', $$'v1;tz=UTC;orders=1;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=none;days=2024-01-01'::customer_profile::text$$),
('no days', $$'v1;tz=UTC;orders=1;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days='::customer_profile::text$$),
('more days than orders', $$'v1;tz=UTC;orders=1;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20.00;moment=175800.00;days=2024-01-01+64'::customer_profile::text$$),
('day difference 0', $$'v1;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-01-01T23:30:00Z;revenue=20.00;moment=175320.00;days=2024-01-01+0'::customer_profile::text$$),
('day difference -1', $$'v1;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-01-01T23:30:00Z;revenue=20.00;moment=175320.00;days=2024-01-02+-1'::customer_profile::text$$),
('day difference 2^31', $$'v1;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20.00;moment=175800.00;days=2024-01-01+2147483648'::customer_profile::text$$),
('last day far from last time', $$'v1;tz=UTC;orders=1;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2027-01-01'::customer_profile::text$$),
('zone empty', $$'v1;tz=;orders=1;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2024-01-01'::customer_profile::text$$),
('zone with a semicolon', $$'v1;tz=U;C;orders=1;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2024-01-01'::customer_profile::text$$),
('trailing text', $$'v1;tz=UTC;orders=1;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2024-01-01;x'::customer_profile::text$$),
('fields out of order', $$'v1;orders=1;tz=UTC;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2024-01-01'::customer_profile::text$$),
('round trip', $$p::text::customer_profile::text = p::text FROM profiles WHERE name = 'two'$$),
('v2 first_revenue 12.50', $$'v2;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20.00;moment=175800.00;first_revenue=12.50;days=2024-01-01+64'::customer_profile::text$$),
('v2 first_revenue none (two days)', $$'v2;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20.00;moment=175800.00;first_revenue=none;days=2024-01-01+64'::customer_profile::text$$),
('v2 first_revenue larger than the revenue', $$'v2;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20.00;moment=175800.00;first_revenue=99.00;days=2024-01-01+64'::customer_profile::text$$),
('v2 without first_revenue', $$'v2;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20.00;moment=175800.00;days=2024-01-01+64'::customer_profile::text$$),
('v2 first_revenue empty', $$'v2;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20.00;moment=175800.00;first_revenue=;days=2024-01-01+64'::customer_profile::text$$),
('v2 first_revenue another scale', $$'v2;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20.00;moment=175800.00;first_revenue=12.5;days=2024-01-01+64'::customer_profile::text$$),
('v2 first_revenue NaN', $$'v2;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20.00;moment=175800.00;first_revenue=NaN;days=2024-01-01+64'::customer_profile::text$$),
('v2 first_revenue 2^127 (beyond 128 bits)', $$'v2;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20;moment=175800;first_revenue=170141183460469231731687303715884105728;days=2024-01-01+64'::customer_profile::text$$),
('v2 first_revenue -2^127', $$'v2;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20;moment=175800;first_revenue=-170141183460469231731687303715884105728;days=2024-01-01+64'::customer_profile::text$$),
('v2 first_revenue after days', $$'v2;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20.00;moment=175800.00;days=2024-01-01+64;first_revenue=12.50'::customer_profile::text$$),
('v2 one day, first_revenue not the revenue', $$'v2;tz=UTC;orders=1;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;first_revenue=12.00;days=2024-01-01'::customer_profile::text$$),
('v2 one day, first_revenue none', $$'v2;tz=UTC;orders=1;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;first_revenue=none;days=2024-01-01'::customer_profile::text$$),
('v2 one day beyond 128 bits, first_revenue none', $$'v2;tz=UTC;orders=1;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=1000000000000000000000000000000000000000;moment=none;first_revenue=none;days=2024-01-01'::customer_profile::text$$),
('v3', $$'v3;tz=UTC;orders=1;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;first_revenue=12.50;days=2024-01-01'::customer_profile::text$$)) v;
-- accessors
INSERT INTO cases (function, input, query) SELECT 'order_count(customer_profile)', * FROM (VALUES
('NULL', $$order_count(NULL::customer_profile)$$),
('two orders', $$order_count(p) FROM profiles WHERE name = 'two'$$)) v;
INSERT INTO cases (function, input, query) SELECT 'total_revenue(customer_profile)', * FROM (VALUES
('NULL', $$total_revenue(NULL::customer_profile)$$),
('12.50 + 7.50', $$total_revenue(p) FROM profiles WHERE name = 'two'$$)) v;
INSERT INTO cases (function, input, query) SELECT 'first_order(customer_profile)', * FROM (VALUES
('NULL', $$first_order(NULL::customer_profile)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'last_order(customer_profile)', * FROM (VALUES
('NULL', $$last_order(NULL::customer_profile)$$),
('two orders', $$last_order(p) FROM profiles WHERE name = 'two'$$)) v;
INSERT INTO cases (function, input, query) SELECT 'purchase_day_count(customer_profile)', * FROM (VALUES
('NULL', $$purchase_day_count(NULL::customer_profile)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'mean_interval(customer_profile)', * FROM (VALUES
('NULL', $$mean_interval(NULL::customer_profile)$$),
('one purchase day', $$mean_interval(:one)$$),
('days 64 apart', $$mean_interval(p) FROM profiles WHERE name = 'two'$$)) v;
INSERT INTO cases (function, input, query) SELECT 'repeat_mean_value(customer_profile)', * FROM (VALUES
('NULL', $$repeat_mean_value(NULL::customer_profile)$$),
('one purchase day', $$repeat_mean_value(:one)$$),
('1.0 profile of two days (first day unknown)', $$repeat_mean_value(:two)$$),
('first day 12.50, repeat 7.50', $$repeat_mean_value(p) FROM profiles WHERE name = 'two_v2'$$),
('first_revenue none', $$repeat_mean_value('v2;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20.00;moment=175800.00;first_revenue=none;days=2024-01-01+64')$$),
('repeat revenue beyond 128 bits', $$repeat_mean_value('v2;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20;moment=175800;first_revenue=-170141183460469231731687303715884105728;days=2024-01-01+64')$$),
('1.0 profile merged with an earlier first day', $$repeat_mean_value(rollup(p)) FROM (SELECT :two AS p UNION ALL SELECT customer_profile('2023-12-31 12:00+00'::timestamptz, 5.00, 'UTC')) s$$)) v;
INSERT INTO cases (function, input, query) SELECT 'time_zone(customer_profile)', * FROM (VALUES
('NULL', $$time_zone(NULL::customer_profile)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'model_summary(customer_profile,timestamptz,float8)', * FROM (VALUES
('NULL profile', $$model_summary(NULL, '2024-06-01', 1)::text$$),
('as_of NULL', $$model_summary(p, NULL, 1)::text FROM profiles WHERE name = 'two'$$),
('unit_days NULL', $$model_summary(p, '2024-06-01', NULL)::text FROM profiles WHERE name = 'two'$$),
('as_of = the last order time (1, 64, 64)', $$model_summary(p, '2024-03-05 23:30+00')::text FROM profiles WHERE name = 'two'$$),
('as_of before the last order, same day', $$model_summary(p, '2024-03-05 00:00+00')::text FROM profiles WHERE name = 'two'$$),
('as_of infinity', $$model_summary(p, 'infinity')::text FROM profiles WHERE name = 'two'$$),
('as_of -infinity', $$model_summary(p, '-infinity')::text FROM profiles WHERE name = 'two'$$),
('unit_days 0', $$model_summary(p, '2024-06-01', 0)::text FROM profiles WHERE name = 'two'$$),
('unit_days -7', $$model_summary(p, '2024-06-01', -7)::text FROM profiles WHERE name = 'two'$$),
('unit_days NaN', $$model_summary(p, '2024-06-01', 'NaN')::text FROM profiles WHERE name = 'two'$$),
('unit_days Infinity', $$model_summary(p, '2024-06-01', 'Infinity')::text FROM profiles WHERE name = 'two'$$),
('unit_days 1e-310', $$model_summary(p, '2024-06-01', 1e-310)::text FROM profiles WHERE name = 'two'$$),
('unit_days 1e300 (64e-300, 152e-300)', $$model_summary(p, '2024-06-01', 1e300)::text FROM profiles WHERE name = 'two'$$),
('unit_days 7 at 2024-03-19 (64/7, 78/7)', $$model_summary(p, '2024-03-19', 7)::text FROM profiles WHERE name = 'two'$$)) v;
INSERT INTO cases (function, input, query) SELECT 'days_since_last_order(customer_profile,timestamptz)', * FROM (VALUES
('NULL as_of', $$days_since_last_order(p, NULL) FROM profiles WHERE name = 'two'$$),
('as_of before the last order', $$days_since_last_order(p, '2024-01-01') FROM profiles WHERE name = 'two'$$),
('as_of infinity', $$days_since_last_order(p, 'infinity') FROM profiles WHERE name = 'two'$$),
('as_of 294276-12-31', $$days_since_last_order(p, '294276-12-31 00:00+00') = date '294276-12-31' - date '2024-03-05' FROM profiles WHERE name = 'two'$$),
('zone unknown to the server', $$days_since_last_order('v1;tz=Not/AZone;orders=1;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2024-01-01', '2024-06-01')$$)) v;

-- binary input: the receive functions read bytes given through COPY (FORMAT binary)
INSERT INTO cases (function, input, query) SELECT 'customer_profile_send(customer_profile)', * FROM (VALUES
('NULL', $$customer_profile_send(NULL::customer_profile)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'customer_profile_recv(internal)', * FROM (VALUES
('the bytes of send', $$pg_temp.recv('customer_profile', customer_profile_send(:two))$$),
('the bytes of send, version 2 with first_revenue', $$pg_temp.recv('customer_profile', customer_profile_send(p)) FROM profiles WHERE name = 'two_v2'$$),
('flags: first_revenue unknown but stored (bad)', $$pg_temp.recv('customer_profile', pg_temp.poke(customer_profile_send(p), 2, '\x04')) FROM profiles WHERE name = 'two_v2'$$),
('flags: first_revenue unknown on one day that fits (bad)', $$pg_temp.recv('customer_profile', pg_temp.poke(customer_profile_send(:one), 2, '\x04'))$$),
('flags: unknown flag 0x08', $$pg_temp.recv('customer_profile', pg_temp.poke(customer_profile_send(:one), 2, '\x08'))$$),
('version 1 flags with first_revenue unknown 0x04', $$pg_temp.recv('customer_profile', pg_temp.poke(customer_profile_send(:one), 1, '\x01'))$$),
('no bytes', $$pg_temp.recv('customer_profile', '\x')$$),
('last byte missing', $$pg_temp.recv('customer_profile', pg_temp.chop(customer_profile_send(:two)))$$),
('a byte too many', $$pg_temp.recv('customer_profile', customer_profile_send(:two) || '\x00'::bytea)$$),
('first byte 0xff', $$pg_temp.recv('customer_profile', pg_temp.poke(customer_profile_send(:two), 1, '\xff'))$$),
('bytes 5-8 0xff', $$pg_temp.recv_any('customer_profile', pg_temp.poke(customer_profile_send(:two), 5, '\xffffffff'))$$),
('purchase day one after the order''s UTC day (issue 14)', $$pg_temp.recv('customer_profile', '\x0100035554430000000100000000000000010002b0f401ac50000002b0f401ac50000000000000000000000000000000000f000000000000000000000000000201b1000000000000000100002240')$$),
('purchase day one before the order''s UTC day (issue 14)', $$pg_temp.recv('customer_profile', '\x0100035554430000000100000000000000010002b0f401ac50000002b0f401ac50000000000000000000000000000000000f000000000000000000000000000201b100000000000000010000223e')$$),
('zone unknown to the server (issue 14)', $$pg_temp.recv('customer_profile', '\x01000c4d6172732f4f6c796d7075730000000100000000000000010002b0f401ac50000002b0f401ac50000000000000000000000000000000000f000000000000000000000000000201b100000000000000010000223f')$$),
('revenue split 0.5 (big part) + 1.5 (fast part): one value, 2.0 (issue 14)', $$pg_temp.recv('customer_profile', '\x0100035554430000000100000000000000010002b0f401ac50000002b0f401ac50000000000000000000000000000000000f000000000000000000000000000201b10000000100000005000000010000223f')$$)) v;

SELECT n, function, input, pg_temp.outcome(query) AS outcome FROM cases ORDER BY n;

-- Every error above is of class 22; and 08P01 for binary input of the wrong length (PostgreSQL's
-- message reader raises it for every type's receive function, built-in types included).
SELECT n, function, input, pg_temp.outcome(query) AS outcome
FROM cases WHERE pg_temp.outcome(query) LIKE 'ERROR%' AND pg_temp.outcome(query) NOT LIKE 'ERROR 22%'
  AND NOT (function LIKE '%\_recv(internal)' AND pg_temp.outcome(query) = 'ERROR 08P01');

DROP TABLE cases, profiles;
