-- Bad input to the customer-profile family (issue 7): the aggregates (both
-- forms), rollup, the accessors and the text input of customer_profile, tried
-- with NULL, empty, zero, negative, NaN, +-Infinity, huge values and malformed
-- text.  Each case gives a documented result or an error of SQLSTATE class 22
-- (the README's "Bad input" section has this table).  The function column
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
-- berlin: like one, days counted in Europe/Berlin.
CREATE TEMP TABLE profiles (name text PRIMARY KEY, p customer_profile);
INSERT INTO profiles VALUES
('one', 'v1;tz=UTC;orders=1;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2024-01-01'),
('two', 'v1;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20.00;moment=175800.00;days=2024-01-01+64'),
('berlin', 'v1;tz=Europe/Berlin;orders=1;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2024-01-01');

CREATE TEMP TABLE cases (n serial, function text, input text, query text);
INSERT INTO cases (function, input, query) VALUES
-- the aggregate, session zone
('customer_profile(timestamptz,numeric)', 'no rows', $q$SELECT customer_profile(t, a)::text FROM (VALUES (now(), 1::numeric)) v(t, a) WHERE false$q$),
('customer_profile(timestamptz,numeric)', 'only NULL rows', $q$SELECT customer_profile(t, a)::text FROM (VALUES (NULL::timestamptz, 1::numeric), ('2024-01-01', NULL)) v(t, a)$q$),
('customer_profile(timestamptz,numeric)', 'NULL rows skipped', $q$SELECT customer_profile(t, a)::text = (SELECT p::text FROM profiles WHERE name = 'one') FROM (VALUES ('2024-01-01 10:00+00'::timestamptz, 12.50::numeric), (NULL, 5), ('2024-02-01', NULL)) v(t, a)$q$),
('customer_profile(timestamptz,numeric)', 'amount 0', $q$SELECT revenue(customer_profile(t, a))::text FROM (VALUES ('2024-01-01'::timestamptz, 0::numeric)) v(t, a)$q$),
('customer_profile(timestamptz,numeric)', 'negative amounts only (-7.25 - 0.75)', $q$SELECT orders(p) || ' ' || revenue(p) FROM (SELECT customer_profile(t, a) p FROM (VALUES ('2024-01-01'::timestamptz, -7.25::numeric), ('2024-01-03', -0.75)) v(t, a)) s$q$),
('customer_profile(timestamptz,numeric)', 'amount NaN', $q$SELECT customer_profile(t, a)::text FROM (VALUES ('2024-01-01'::timestamptz, 'NaN'::numeric)) v(t, a)$q$),
('customer_profile(timestamptz,numeric)', 'amount Infinity', $q$SELECT customer_profile(t, a)::text FROM (VALUES ('2024-01-01'::timestamptz, 'Infinity'::numeric)) v(t, a)$q$),
('customer_profile(timestamptz,numeric)', 'amount -Infinity', $q$SELECT customer_profile(t, a)::text FROM (VALUES ('2024-01-01'::timestamptz, '-Infinity'::numeric)) v(t, a)$q$),
('customer_profile(timestamptz,numeric)', 'amounts 1e300 and -1e300 + 0.01', $q$SELECT revenue(customer_profile(t, a)) = 0.01 FROM (VALUES ('2024-01-01'::timestamptz, 1e300::numeric), ('2024-01-02', -1e300 + 0.01)) v(t, a)$q$),
('customer_profile(timestamptz,numeric)', 'amount with 60 decimals', $q$SELECT revenue(customer_profile(t, a)) = 1e-60 FROM (VALUES ('2024-01-01'::timestamptz, 1e-60::numeric)) v(t, a)$q$),
('customer_profile(timestamptz,numeric)', 'time infinity', $q$SELECT customer_profile(t, a)::text FROM (VALUES ('infinity'::timestamptz, 1::numeric)) v(t, a)$q$),
('customer_profile(timestamptz,numeric)', 'time -infinity', $q$SELECT customer_profile(t, a)::text FROM (VALUES ('-infinity'::timestamptz, 1::numeric)) v(t, a)$q$),
('customer_profile(timestamptz,numeric)', 'time 4713-11-24 BC', $q$SELECT purchase_days(customer_profile(t, a)) FROM (VALUES ('4713-11-24 00:00:00+00 BC'::timestamptz, 1::numeric)) v(t, a)$q$),
('customer_profile(timestamptz,numeric)', 'time 294276-12-31', $q$SELECT first_order(customer_profile(t, a))::text FROM (VALUES ('294276-12-31 23:59:59+00'::timestamptz, 1::numeric)) v(t, a)$q$),
('customer_profile(timestamptz,numeric)', 'first and last possible times (x)', $q$SELECT (model_summary(customer_profile(t, a), '294276-12-31 23:59:59+00')).x FROM (VALUES ('4713-11-24 00:00:00+00 BC'::timestamptz, 1::numeric), ('294276-12-31 23:59:59+00', 1)) v(t, a)$q$),
-- the aggregate, named zone
('customer_profile(timestamptz,numeric,text)', 'zone NULL', $q$SELECT customer_profile(t, a, NULL)::text FROM (VALUES ('2024-01-01'::timestamptz, 1::numeric)) v(t, a)$q$),
('customer_profile(timestamptz,numeric,text)', 'zone NULL, NULL amount', $q$SELECT customer_profile(t, a, NULL)::text FROM (VALUES ('2024-01-01'::timestamptz, NULL::numeric)) v(t, a)$q$),
('customer_profile(timestamptz,numeric,text)', 'zone empty', $q$SELECT customer_profile(t, a, '')::text FROM (VALUES ('2024-01-01'::timestamptz, 1::numeric)) v(t, a)$q$),
('customer_profile(timestamptz,numeric,text)', 'zone Not/AZone', $q$SELECT customer_profile(t, a, 'Not/AZone')::text FROM (VALUES ('2024-01-01'::timestamptz, 1::numeric)) v(t, a)$q$),
('customer_profile(timestamptz,numeric,text)', 'zone of 300 letters', $q$SELECT customer_profile(t, a, repeat('x', 300))::text FROM (VALUES ('2024-01-01'::timestamptz, 1::numeric)) v(t, a)$q$),
('customer_profile(timestamptz,numeric,text)', 'zone changes within a group', $q$SELECT customer_profile(t, a, z)::text FROM (VALUES ('2024-01-01'::timestamptz, 1::numeric, 'UTC'), ('2024-01-02', 1, 'Europe/Berlin')) v(t, a, z)$q$),
('customer_profile(timestamptz,numeric,text)', 'zone Europe/Berlin', $q$SELECT customer_profile(t, a, 'Europe/Berlin')::text = (SELECT p::text FROM profiles WHERE name = 'berlin') FROM (VALUES ('2024-01-01 10:00+00'::timestamptz, 12.50::numeric)) v(t, a)$q$),
('customer_profile(timestamptz,numeric,text)', 'amount NaN', $q$SELECT customer_profile(t, a, 'UTC')::text FROM (VALUES ('2024-01-01'::timestamptz, 'NaN'::numeric)) v(t, a)$q$),
('customer_profile(timestamptz,numeric,text)', 'time infinity', $q$SELECT customer_profile(t, a, 'UTC')::text FROM (VALUES ('infinity'::timestamptz, 1::numeric)) v(t, a)$q$),
-- rollup
('rollup(customer_profile)', 'no rows', $q$SELECT rollup(p)::text FROM profiles WHERE false$q$),
('rollup(customer_profile)', 'only NULLs', $q$SELECT rollup(p)::text FROM (VALUES (NULL::customer_profile), (NULL)) v(p)$q$),
('rollup(customer_profile)', 'different zones', $q$SELECT rollup(p)::text FROM profiles WHERE name IN ('one', 'berlin')$q$),
('rollup(customer_profile)', 'a profile with itself (orders, revenue, days)', $q$SELECT orders(rollup(p)) || ' ' || revenue(rollup(p)) || ' ' || purchase_days(rollup(p)) FROM profiles, generate_series(1, 2) WHERE name = 'two'$q$),
('rollup(customer_profile)', 'orders past 2^63 - 1', $q$SELECT orders(rollup(p)) FROM (VALUES ('v1;tz=UTC;orders=9223372036854775807;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2024-01-01'::customer_profile), ('v1;tz=UTC;orders=1;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2024-01-01')) v(p)$q$),
('cf_profile_combine(customer_profile,customer_profile)', 'NULL, NULL', $q$SELECT cf_profile_combine(NULL, NULL)::text$q$),
('cf_profile_final(customer_profile)', 'NULL', $q$SELECT cf_profile_final(NULL)::text$q$),
('cf_profile_trans(customer_profile,timestamptz,numeric)', 'called directly', $q$SELECT orders(cf_profile_trans(NULL, '2024-01-01', 1))$q$),
('cf_profile_trans_tz(customer_profile,timestamptz,numeric,text)', 'called directly, zone NULL', $q$SELECT cf_profile_trans_tz(NULL, '2024-01-01', 1, NULL)::text$q$),
-- text input
('customer_profile_in(cstring)', 'empty text', $q$SELECT ''::customer_profile::text$q$),
('customer_profile_in(cstring)', 'garbage', $q$SELECT 'garbage'::customer_profile::text$q$),
('customer_profile_in(cstring)', 'version v2', $q$SELECT 'v2;tz=UTC;orders=1;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2024-01-01'::customer_profile::text$q$),
('customer_profile_in(cstring)', 'orders 0', $q$SELECT 'v1;tz=UTC;orders=0;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2024-01-01'::customer_profile::text$q$),
('customer_profile_in(cstring)', 'orders -1', $q$SELECT 'v1;tz=UTC;orders=-1;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2024-01-01'::customer_profile::text$q$),
('customer_profile_in(cstring)', 'orders 2^63', $q$SELECT 'v1;tz=UTC;orders=9223372036854775808;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2024-01-01'::customer_profile::text$q$),
('customer_profile_in(cstring)', 'orders 2^63 - 1', $q$SELECT orders('v1;tz=UTC;orders=9223372036854775807;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2024-01-01'::customer_profile)$q$),
('customer_profile_in(cstring)', 'orders 1e3', $q$SELECT 'v1;tz=UTC;orders=1e3;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2024-01-01'::customer_profile::text$q$),
('customer_profile_in(cstring)', 'first after last', $q$SELECT 'v1;tz=UTC;orders=1;first=2024-01-02T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2024-01-01'::customer_profile::text$q$),
('customer_profile_in(cstring)', 'first infinity', $q$SELECT 'v1;tz=UTC;orders=1;first=infinity;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2024-01-01'::customer_profile::text$q$),
('customer_profile_in(cstring)', 'month 13', $q$SELECT 'v1;tz=UTC;orders=1;first=2024-13-01T10:00:00Z;last=2024-13-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2024-13-01'::customer_profile::text$q$),
('customer_profile_in(cstring)', 'revenue NaN', $q$SELECT 'v1;tz=UTC;orders=1;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=NaN;moment=109575.00;days=2024-01-01'::customer_profile::text$q$),
('customer_profile_in(cstring)', 'revenue Infinity', $q$SELECT 'v1;tz=UTC;orders=1;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=Infinity;moment=109575.00;days=2024-01-01'::customer_profile::text$q$),
('customer_profile_in(cstring)', 'revenue 1e3', $q$SELECT 'v1;tz=UTC;orders=1;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=1e3;moment=109575.00;days=2024-01-01'::customer_profile::text$q$),
('customer_profile_in(cstring)', 'revenue empty', $q$SELECT 'v1;tz=UTC;orders=1;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=;moment=109575.00;days=2024-01-01'::customer_profile::text$q$),
('customer_profile_in(cstring)', 'moment none', $q$SELECT 'v1;tz=UTC;orders=1;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=none;days=2024-01-01'::customer_profile::text$q$),
('customer_profile_in(cstring)', 'no days', $q$SELECT 'v1;tz=UTC;orders=1;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days='::customer_profile::text$q$),
('customer_profile_in(cstring)', 'more days than orders', $q$SELECT 'v1;tz=UTC;orders=1;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20.00;moment=175800.00;days=2024-01-01+64'::customer_profile::text$q$),
('customer_profile_in(cstring)', 'day difference 0', $q$SELECT 'v1;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-01-01T23:30:00Z;revenue=20.00;moment=175320.00;days=2024-01-01+0'::customer_profile::text$q$),
('customer_profile_in(cstring)', 'day difference -1', $q$SELECT 'v1;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-01-01T23:30:00Z;revenue=20.00;moment=175320.00;days=2024-01-02+-1'::customer_profile::text$q$),
('customer_profile_in(cstring)', 'day difference 2^31', $q$SELECT 'v1;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20.00;moment=175800.00;days=2024-01-01+2147483648'::customer_profile::text$q$),
('customer_profile_in(cstring)', 'last day far from last time', $q$SELECT 'v1;tz=UTC;orders=1;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2027-01-01'::customer_profile::text$q$),
('customer_profile_in(cstring)', 'zone empty', $q$SELECT 'v1;tz=;orders=1;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2024-01-01'::customer_profile::text$q$),
('customer_profile_in(cstring)', 'zone with a semicolon', $q$SELECT 'v1;tz=U;C;orders=1;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2024-01-01'::customer_profile::text$q$),
('customer_profile_in(cstring)', 'trailing text', $q$SELECT 'v1;tz=UTC;orders=1;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2024-01-01;x'::customer_profile::text$q$),
('customer_profile_in(cstring)', 'fields out of order', $q$SELECT 'v1;orders=1;tz=UTC;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2024-01-01'::customer_profile::text$q$),
('customer_profile_in(cstring)', 'round trip', $q$SELECT p::text::customer_profile::text = p::text FROM profiles WHERE name = 'two'$q$),
-- accessors
('orders(customer_profile)', 'NULL', $q$SELECT orders(NULL::customer_profile)$q$),
('orders(customer_profile)', 'two orders', $q$SELECT orders(p) FROM profiles WHERE name = 'two'$q$),
('revenue(customer_profile)', 'NULL', $q$SELECT revenue(NULL::customer_profile)$q$),
('revenue(customer_profile)', '12.50 + 7.50', $q$SELECT revenue(p) FROM profiles WHERE name = 'two'$q$),
('first_order(customer_profile)', 'NULL', $q$SELECT first_order(NULL::customer_profile)$q$),
('last_order(customer_profile)', 'NULL', $q$SELECT last_order(NULL::customer_profile)$q$),
('last_order(customer_profile)', 'two orders', $q$SELECT last_order(p) FROM profiles WHERE name = 'two'$q$),
('purchase_days(customer_profile)', 'NULL', $q$SELECT purchase_days(NULL::customer_profile)$q$),
('mean_interval(customer_profile)', 'NULL', $q$SELECT mean_interval(NULL::customer_profile)$q$),
('mean_interval(customer_profile)', 'one purchase day', $q$SELECT mean_interval(p) FROM profiles WHERE name = 'one'$q$),
('mean_interval(customer_profile)', 'days 64 apart', $q$SELECT mean_interval(p) FROM profiles WHERE name = 'two'$q$),
('time_zone(customer_profile)', 'NULL', $q$SELECT time_zone(NULL::customer_profile)$q$),
('model_summary(customer_profile,timestamptz,float8)', 'NULL profile', $q$SELECT model_summary(NULL, '2024-06-01', 1)::text$q$),
('model_summary(customer_profile,timestamptz,float8)', 'as_of NULL', $q$SELECT model_summary(p, NULL, 1)::text FROM profiles WHERE name = 'two'$q$),
('model_summary(customer_profile,timestamptz,float8)', 'unit_days NULL', $q$SELECT model_summary(p, '2024-06-01', NULL)::text FROM profiles WHERE name = 'two'$q$),
('model_summary(customer_profile,timestamptz,float8)', 'as_of = the last order time (1, 64, 64)', $q$SELECT model_summary(p, '2024-03-05 23:30+00')::text FROM profiles WHERE name = 'two'$q$),
('model_summary(customer_profile,timestamptz,float8)', 'as_of before the last order, same day', $q$SELECT model_summary(p, '2024-03-05 00:00+00')::text FROM profiles WHERE name = 'two'$q$),
('model_summary(customer_profile,timestamptz,float8)', 'as_of infinity', $q$SELECT model_summary(p, 'infinity')::text FROM profiles WHERE name = 'two'$q$),
('model_summary(customer_profile,timestamptz,float8)', 'as_of -infinity', $q$SELECT model_summary(p, '-infinity')::text FROM profiles WHERE name = 'two'$q$),
('model_summary(customer_profile,timestamptz,float8)', 'unit_days 0', $q$SELECT model_summary(p, '2024-06-01', 0)::text FROM profiles WHERE name = 'two'$q$),
('model_summary(customer_profile,timestamptz,float8)', 'unit_days -7', $q$SELECT model_summary(p, '2024-06-01', -7)::text FROM profiles WHERE name = 'two'$q$),
('model_summary(customer_profile,timestamptz,float8)', 'unit_days NaN', $q$SELECT model_summary(p, '2024-06-01', 'NaN')::text FROM profiles WHERE name = 'two'$q$),
('model_summary(customer_profile,timestamptz,float8)', 'unit_days Infinity', $q$SELECT model_summary(p, '2024-06-01', 'Infinity')::text FROM profiles WHERE name = 'two'$q$),
('model_summary(customer_profile,timestamptz,float8)', 'unit_days 1e-310', $q$SELECT model_summary(p, '2024-06-01', 1e-310)::text FROM profiles WHERE name = 'two'$q$),
('model_summary(customer_profile,timestamptz,float8)', 'unit_days 1e300 (64e-300, 152e-300)', $q$SELECT model_summary(p, '2024-06-01', 1e300)::text FROM profiles WHERE name = 'two'$q$),
('model_summary(customer_profile,timestamptz,float8)', 'unit_days 7 at 2024-03-19 (64/7, 78/7)', $q$SELECT model_summary(p, '2024-03-19', 7)::text FROM profiles WHERE name = 'two'$q$),
('days_since_last_order(customer_profile,timestamptz)', 'NULL as_of', $q$SELECT days_since_last_order(p, NULL) FROM profiles WHERE name = 'two'$q$),
('days_since_last_order(customer_profile,timestamptz)', 'as_of before the last order', $q$SELECT days_since_last_order(p, '2024-01-01') FROM profiles WHERE name = 'two'$q$),
('days_since_last_order(customer_profile,timestamptz)', 'as_of infinity', $q$SELECT days_since_last_order(p, 'infinity') FROM profiles WHERE name = 'two'$q$),
('days_since_last_order(customer_profile,timestamptz)', 'as_of 294276-12-31', $q$SELECT days_since_last_order(p, '294276-12-31 00:00+00') = date '294276-12-31' - date '2024-03-05' FROM profiles WHERE name = 'two'$q$),
('days_since_last_order(customer_profile,timestamptz)', 'zone unknown to the server', $q$SELECT days_since_last_order('v1;tz=Not/AZone;orders=1;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2024-01-01', '2024-06-01')$q$);

-- binary input: the receive functions read bytes given through COPY (FORMAT binary)
INSERT INTO cases (function, input, query) VALUES
('customer_profile_send(customer_profile)', 'NULL', $q$SELECT customer_profile_send(NULL::customer_profile)$q$),
('customer_profile_recv(internal)', 'the bytes of send', $q$SELECT pg_temp.recv('customer_profile', customer_profile_send('v1;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20.00;moment=175800.00;days=2024-01-01+64'::customer_profile))$q$),
('customer_profile_recv(internal)', 'no bytes', $q$SELECT pg_temp.recv('customer_profile', '\x')$q$),
('customer_profile_recv(internal)', 'last byte missing', $q$SELECT pg_temp.recv('customer_profile', substr(customer_profile_send('v1;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20.00;moment=175800.00;days=2024-01-01+64'::customer_profile), 1, length(customer_profile_send('v1;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20.00;moment=175800.00;days=2024-01-01+64'::customer_profile)) - 1))$q$),
('customer_profile_recv(internal)', 'a byte too many', $q$SELECT pg_temp.recv('customer_profile', customer_profile_send('v1;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20.00;moment=175800.00;days=2024-01-01+64'::customer_profile) || '\x00'::bytea)$q$),
('customer_profile_recv(internal)', 'first byte 0xff', $q$SELECT pg_temp.recv('customer_profile', overlay(customer_profile_send('v1;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20.00;moment=175800.00;days=2024-01-01+64'::customer_profile) placing '\xff'::bytea from 1 for 1))$q$),
('customer_profile_recv(internal)', 'bytes 5-8 0xff', $q$SELECT CASE WHEN r LIKE 'ERROR%' THEN r ELSE 'another valid value' END FROM (SELECT pg_temp.recv('customer_profile', overlay(customer_profile_send('v1;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20.00;moment=175800.00;days=2024-01-01+64'::customer_profile) placing '\xffffffff'::bytea from 5 for 4)) r) x$q$),
('customer_profile_recv(internal)', 'purchase day one after the order''s UTC day (issue 14)', $q$SELECT pg_temp.recv('customer_profile', '\x0100035554430000000100000000000000010002b0f401ac50000002b0f401ac50000000000000000000000000000000000f000000000000000000000000000201b1000000000000000100002240')$q$),
('customer_profile_recv(internal)', 'purchase day one before the order''s UTC day (issue 14)', $q$SELECT pg_temp.recv('customer_profile', '\x0100035554430000000100000000000000010002b0f401ac50000002b0f401ac50000000000000000000000000000000000f000000000000000000000000000201b100000000000000010000223e')$q$),
('customer_profile_recv(internal)', 'zone unknown to the server (issue 14)', $q$SELECT pg_temp.recv('customer_profile', '\x01000c4d6172732f4f6c796d7075730000000100000000000000010002b0f401ac50000002b0f401ac50000000000000000000000000000000000f000000000000000000000000000201b100000000000000010000223f')$q$),
('customer_profile_recv(internal)', 'revenue split 0.5 (big part) + 1.5 (fast part): one value, 2.0 (issue 14)', $q$SELECT pg_temp.recv('customer_profile', '\x0100035554430000000100000000000000010002b0f401ac50000002b0f401ac50000000000000000000000000000000000f000000000000000000000000000201b10000000100000005000000010000223f')$q$);

SELECT n, function, input, pg_temp.outcome(query) AS outcome FROM cases ORDER BY n;

-- Every error above is of class 22; and 08P01 for binary input of the wrong length (PostgreSQL's
-- message reader raises it for every type's receive function, built-in types included).
SELECT n, function, input, pg_temp.outcome(query) AS outcome
FROM cases WHERE pg_temp.outcome(query) LIKE 'ERROR%' AND pg_temp.outcome(query) NOT LIKE 'ERROR 22%'
  AND NOT (function LIKE '%\_recv(internal)' AND pg_temp.outcome(query) = 'ERROR 08P01');

DROP TABLE cases, profiles;
