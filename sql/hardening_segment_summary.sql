-- Bad input to the segment summaries (issue 7): segment_summary_agg and
-- segment_summary (all three forms), rollup, the accessors, segment_report and
-- the text input of segment_summary_state, tried with NULL, empty, zero,
-- negative, NaN, +-Infinity, huge values, ladder settings in the wrong order
-- and malformed text.  Each case gives a documented result or an error of
-- SQLSTATE class 22 (the README's "Bad input" section has this table).
SET extra_float_digits = 0;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';

-- outcome(query [, setting]) and recv(type, bytes): test/regress/hardening_helpers.sql.
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/hardening_helpers.sql

-- Profiles used below:
-- two:  orders of 12.50 on 2024-01-01 and 7.50 on 2024-03-05 (at 2024-06-01: 88 days since the
--       last order, below 3 mean intervals of 64 days: a client; 2 orders, revenue 20.00);
-- NULL: a contact without orders (a prospect).
CREATE TEMP TABLE profiles (name text, p customer_profile);
INSERT INTO profiles VALUES
('two', 'v1;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20.00;moment=175800.00;days=2024-01-01+64'),
('none', NULL);
-- The state of those two at 2024-06-01 (as_of in microseconds since 2000-01-01: 8918 days).
-- 'v1;as_of=770515200000000;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'

CREATE TEMP TABLE cases (n serial, function text, input text, query text, setting text);
INSERT INTO cases (function, input, query) VALUES
('segment_summary_agg(customer_profile,timestamptz)', 'no rows', $q$SELECT segment_summary_agg(p, '2024-06-01')::text FROM profiles WHERE false$q$),
('segment_summary_agg(customer_profile,timestamptz)', 'a client and a prospect', $q$SELECT segment_summary_agg(p, '2024-06-01')::text FROM profiles$q$),
('segment_summary_agg(customer_profile,timestamptz)', 'only prospects', $q$SELECT customers(s) || ' ' || orders(s) || ' ' || revenue(s) FROM (SELECT segment_summary_agg(p, '2024-06-01') s FROM profiles WHERE p IS NULL) a$q$),
('segment_summary_agg(customer_profile,timestamptz)', 'as_of NULL', $q$SELECT segment_summary_agg(p, NULL)::text FROM profiles$q$),
('segment_summary_agg(customer_profile,timestamptz)', 'as_of infinity', $q$SELECT segment_summary_agg(p, 'infinity')::text FROM profiles$q$),
('segment_summary_agg(customer_profile,timestamptz)', 'as_of infinity, prospects only', $q$SELECT segment_summary_agg(p, 'infinity')::text FROM profiles WHERE p IS NULL$q$),
('segment_summary_agg(customer_profile,timestamptz)', 'as_of before a last order', $q$SELECT segment_summary_agg(p, '2024-02-01')::text FROM profiles$q$),
('segment_summary_agg(customer_profile,timestamptz)', 'as_of changes within a group', $q$SELECT segment_summary_agg(p, a)::text FROM profiles, (VALUES (timestamptz '2024-06-01'), ('2024-07-01')) v(a)$q$),
('segment_summary_agg(customer_profile,timestamptz,integer)', 'score 10 (a client stays a client)', $q$SELECT stage_count(segment_summary_agg(p, '2024-06-01', 10), 'client') FROM profiles$q$),
('segment_summary_agg(customer_profile,timestamptz,integer)', 'score 11', $q$SELECT segment_summary_agg(p, '2024-06-01', 11)::text FROM profiles$q$),
('segment_summary_agg(customer_profile,timestamptz,integer)', 'score -1', $q$SELECT segment_summary_agg(p, '2024-06-01', -1)::text FROM profiles$q$),
('segment_summary_agg(customer_profile,timestamptz,integer)', 'score NULL', $q$SELECT customers(segment_summary_agg(p, '2024-06-01', NULL)) FROM profiles$q$),
('segment_summary_agg(customer_profile,timestamptz,integer,integer,numeric)', 'horizon 0', $q$SELECT segment_summary_agg(p, '2024-06-01', NULL, 0, 1)::text FROM profiles$q$),
('segment_summary_agg(customer_profile,timestamptz,integer,integer,numeric)', 'horizon -1', $q$SELECT segment_summary_agg(p, '2024-06-01', NULL, -1, 1)::text FROM profiles$q$),
('segment_summary_agg(customer_profile,timestamptz,integer,integer,numeric)', 'horizon 100', $q$SELECT customers(segment_summary_agg(p, '2024-06-01', NULL, 100, 1)) FROM profiles$q$),
('segment_summary_agg(customer_profile,timestamptz,integer,integer,numeric)', 'horizon 101', $q$SELECT segment_summary_agg(p, '2024-06-01', NULL, 101, 1)::text FROM profiles$q$),
('segment_summary_agg(customer_profile,timestamptz,integer,integer,numeric)', 'horizon NULL', $q$SELECT segment_summary_agg(p, '2024-06-01', NULL, NULL, 1)::text FROM profiles$q$),
('segment_summary_agg(customer_profile,timestamptz,integer,integer,numeric)', 'margin NULL', $q$SELECT segment_summary_agg(p, '2024-06-01', NULL, 5, NULL)::text FROM profiles$q$),
('segment_summary_agg(customer_profile,timestamptz,integer,integer,numeric)', 'margin 0', $q$SELECT lapsed_value(segment_summary_agg(p, '2025-06-01', NULL, 5, 0)) FROM profiles$q$),
('segment_summary_agg(customer_profile,timestamptz,integer,integer,numeric)', 'margin 1.5', $q$SELECT segment_summary_agg(p, '2024-06-01', NULL, 5, 1.5)::text FROM profiles$q$),
('segment_summary_agg(customer_profile,timestamptz,integer,integer,numeric)', 'margin -0.1', $q$SELECT segment_summary_agg(p, '2024-06-01', NULL, 5, -0.1)::text FROM profiles$q$),
('segment_summary_agg(customer_profile,timestamptz,integer,integer,numeric)', 'margin NaN', $q$SELECT segment_summary_agg(p, '2024-06-01', NULL, 5, 'NaN')::text FROM profiles$q$),
('segment_summary_agg(customer_profile,timestamptz,integer,integer,numeric)', 'margin with 30 decimals', $q$SELECT segment_summary_agg(p, '2024-06-01', NULL, 5, 0.123456789012345678901234567890)::text FROM profiles$q$),
('segment_summary_agg(customer_profile,timestamptz,integer,integer,numeric)', 'horizon changes within a group', $q$SELECT segment_summary_agg(p, '2024-06-01', NULL, h, 1)::text FROM profiles, (VALUES (1), (2)) v(h)$q$),
('segment_summary_agg(customer_profile,timestamptz,integer,integer,numeric)', 'lapsed value, 5 years (5 * 20.00)', $q$SELECT lapsed_value(segment_summary_agg(p, '2025-01-01', NULL, 5, 1)) FROM profiles$q$),
('segment_summary(customer_profile,timestamptz)', 'no rows', $q$SELECT segment_summary(p, '2024-06-01')::text FROM profiles WHERE false$q$),
('segment_summary(customer_profile,timestamptz)', 'a client and a prospect', $q$SELECT (r).customers || ' ' || (r).prospects || ' ' || (r).clients || ' ' || (r).revenue || ' ' || (r).revenue_per_customer || ' ' || (r).repeat_share FROM (SELECT segment_summary(p, '2024-06-01') r FROM profiles) a$q$),
('segment_summary(customer_profile,timestamptz)', 'as_of infinity', $q$SELECT segment_summary(p, 'infinity')::text FROM profiles$q$),
('segment_summary(customer_profile,timestamptz,integer)', 'score 11', $q$SELECT segment_summary(p, '2024-06-01', 11)::text FROM profiles$q$),
('segment_summary(customer_profile,timestamptz,integer,integer,numeric)', 'margin 2', $q$SELECT segment_summary(p, '2024-06-01', NULL, 5, 2)::text FROM profiles$q$),
('cf_segment_final(segment_summary_state)', 'NULL', $q$SELECT cf_segment_final(NULL)::text$q$),
('cf_segment_trans(segment_summary_state,customer_profile,timestamptz)', 'called directly', $q$SELECT cf_segment_trans(NULL, NULL, '2024-06-01')::text$q$),
-- rollup
('rollup(segment_summary_state)', 'only NULLs', $q$SELECT rollup(s)::text FROM (VALUES (NULL::segment_summary_state)) v(s)$q$),
('rollup(segment_summary_state)', 'different as_of', $q$SELECT rollup(s)::text FROM (SELECT segment_summary_agg(p, a) s FROM profiles, (VALUES (timestamptz '2024-06-01'), ('2024-07-01')) v(a) GROUP BY a) b$q$),
('rollup(segment_summary_state)', 'different margins', $q$SELECT rollup(s)::text FROM (SELECT segment_summary_agg(p, '2024-06-01', NULL, 5, m) s FROM profiles, (VALUES (0.5), (1)) v(m) GROUP BY m) b$q$),
('rollup(segment_summary_state)', 'different ladder settings', $q$SELECT rollup(s)::text FROM (VALUES ('v1;as_of=770515200000000;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=1;orders=0;repeat=0;stages=1,0,0,0,0,0,0;revenue=0;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state), ('v1;as_of=770515200000000;horizon=5;margin=1;ladder=3,5,9,3,365,730;customers=1;orders=0;repeat=0;stages=1,0,0,0,0,0,0;revenue=0;lapsed_value=0.000000;lost_value=0.000000')) v(s)$q$),
('rollup(segment_summary_state)', 'a summary with itself', $q$SELECT rollup(s)::text FROM (SELECT segment_summary_agg(p, '2024-06-01') s FROM profiles) a, generate_series(1, 2)$q$),
('rollup(segment_summary_state)', 'customers overflow', $q$SELECT rollup(s)::text FROM (VALUES ('v1;as_of=770515200000000;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=9223372036854775807;orders=0;repeat=0;stages=9223372036854775807,0,0,0,0,0,0;revenue=0;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state), ('v1;as_of=770515200000000;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=1;orders=0;repeat=0;stages=1,0,0,0,0,0,0;revenue=0;lapsed_value=0.000000;lost_value=0.000000')) v(s)$q$),
-- text input
('segment_summary_state_in(cstring)', 'empty text', $q$SELECT ''::segment_summary_state::text$q$),
('segment_summary_state_in(cstring)', 'garbage', $q$SELECT 'garbage'::segment_summary_state::text$q$),
('segment_summary_state_in(cstring)', 'round trip', $q$SELECT s::text::segment_summary_state::text = s::text FROM (SELECT segment_summary_agg(p, '2024-06-01') s FROM profiles) a$q$),
('segment_summary_state_in(cstring)', 'version v2', $q$SELECT 'v2;as_of=770515200000000;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state::text$q$),
('segment_summary_state_in(cstring)', 'stages do not add up', $q$SELECT 'v1;as_of=770515200000000;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=3;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state::text$q$),
('segment_summary_state_in(cstring)', 'repeat > customers with orders', $q$SELECT 'v1;as_of=770515200000000;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=2;repeat=2;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state::text$q$),
('segment_summary_state_in(cstring)', 'orders fewer than buyers', $q$SELECT 'v1;as_of=770515200000000;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=0;repeat=0;stages=0,2,0,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state::text$q$),
('segment_summary_state_in(cstring)', 'negative count', $q$SELECT 'v1;as_of=770515200000000;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=2;repeat=1;stages=3,0,-1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state::text$q$),
('segment_summary_state_in(cstring)', 'ladder in the wrong order', $q$SELECT 'v1;as_of=770515200000000;horizon=5;margin=1;ladder=6,5,9,3,365,730;customers=2;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state::text$q$),
('segment_summary_state_in(cstring)', 'lapse factor NaN', $q$SELECT 'v1;as_of=770515200000000;horizon=5;margin=1;ladder=2,5,9,NaN,365,730;customers=2;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state::text$q$),
('segment_summary_state_in(cstring)', 'margin 2', $q$SELECT 'v1;as_of=770515200000000;horizon=5;margin=2;ladder=2,5,9,3,365,730;customers=2;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state::text$q$),
('segment_summary_state_in(cstring)', 'horizon -1', $q$SELECT 'v1;as_of=770515200000000;horizon=-1;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state::text$q$),
('segment_summary_state_in(cstring)', 'as_of 2^63 - 1 (infinity)', $q$SELECT 'v1;as_of=9223372036854775807;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state::text$q$),
('segment_summary_state_in(cstring)', 'revenue NaN', $q$SELECT 'v1;as_of=770515200000000;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=NaN;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state::text$q$),
('segment_summary_state_in(cstring)', 'negative lapsed value', $q$SELECT 'v1;as_of=770515200000000;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=-1.000000;lost_value=0.000000'::segment_summary_state::text$q$),
('segment_summary_state_in(cstring)', 'trailing text', $q$SELECT 'v1;as_of=770515200000000;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000;x'::segment_summary_state::text$q$),
-- accessors of a summary of prospects only (no orders)
('customers(segment_summary_state)', 'NULL', $q$SELECT customers(NULL::segment_summary_state)$q$),
('orders(segment_summary_state)', 'prospects only', $q$SELECT orders(segment_summary_agg(p, '2024-06-01')) FROM profiles WHERE p IS NULL$q$),
('repeat_customers(segment_summary_state)', 'prospects only', $q$SELECT repeat_customers(segment_summary_agg(p, '2024-06-01')) FROM profiles WHERE p IS NULL$q$),
('stage_count(segment_summary_state,loyalty_stage)', 'stage NULL', $q$SELECT stage_count(segment_summary_agg(p, '2024-06-01'), NULL) FROM profiles$q$),
('stage_count(segment_summary_state,loyalty_stage)', 'prospects', $q$SELECT stage_count(segment_summary_agg(p, '2024-06-01'), 'prospect') FROM profiles$q$),
('stage_share(segment_summary_state,loyalty_stage)', 'clients, 1 of 2', $q$SELECT stage_share(segment_summary_agg(p, '2024-06-01'), 'client') FROM profiles$q$),
('stage_share(segment_summary_state,loyalty_stage)', 'no customers', $q$SELECT stage_share('v1;as_of=770515200000000;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=0;orders=0;repeat=0;stages=0,0,0,0,0,0,0;revenue=0;lapsed_value=0.000000;lost_value=0.000000', 'client')$q$),
('revenue(segment_summary_state)', 'prospects only', $q$SELECT revenue(segment_summary_agg(p, '2024-06-01')) FROM profiles WHERE p IS NULL$q$),
('revenue_per_customer(segment_summary_state)', 'prospects only', $q$SELECT revenue_per_customer(segment_summary_agg(p, '2024-06-01')) FROM profiles WHERE p IS NULL$q$),
('revenue_per_customer(segment_summary_state)', '20.00 / 1 customer with orders', $q$SELECT revenue_per_customer(segment_summary_agg(p, '2024-06-01')) = 20 FROM profiles$q$),
('average_order_value(segment_summary_state)', 'prospects only', $q$SELECT average_order_value(segment_summary_agg(p, '2024-06-01')) FROM profiles WHERE p IS NULL$q$),
('average_order_value(segment_summary_state)', '20.00 / 2 orders', $q$SELECT average_order_value(segment_summary_agg(p, '2024-06-01')) = 10 FROM profiles$q$),
('repeat_share(segment_summary_state)', 'prospects only', $q$SELECT repeat_share(segment_summary_agg(p, '2024-06-01')) FROM profiles WHERE p IS NULL$q$),
('lapsed_value(segment_summary_state)', 'prospects only', $q$SELECT lapsed_value(segment_summary_agg(p, '2024-06-01')) FROM profiles WHERE p IS NULL$q$),
('lost_value(segment_summary_state)', 'NULL', $q$SELECT lost_value(NULL::segment_summary_state)$q$),
('segment_report(segment_summary_state,nps_state)', 'scores NULL', $q$SELECT (r).customers || ' ' || coalesce((r).responses::text, 'NULL') || ' ' || coalesce((r).nps::text, 'NULL') FROM (SELECT segment_report(segment_summary_agg(p, '2024-06-01')) r FROM profiles) a$q$),
('segment_report(segment_summary_state,nps_state)', 'scores without responses', $q$SELECT (r).responses || ' ' || coalesce((r).nps::text, 'NULL') || ' ' || coalesce((r).nps_moe::text, 'NULL') FROM (SELECT segment_report(segment_summary_agg(p, '2024-06-01'), 'v1 scale=0..10 promoter_min=9 detractor_max=6 counts=0,0,0,0,0,0,0,0,0,0,0') r FROM profiles) a$q$),
('segment_report(segment_summary_state,nps_state)', 'summary NULL', $q$SELECT segment_report(NULL, 'v1 scale=0..10 promoter_min=9 detractor_max=6 counts=0,0,0,0,0,0,0,0,0,0,1')::text$q$),
('segment_report(segment_summary_state,nps_state)', 'scores on a 1..5 scale', $q$SELECT (r).nps FROM (SELECT segment_report(segment_summary_agg(p, '2024-06-01'), 'v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1') r FROM profiles) a$q$);

-- ladder settings
INSERT INTO cases (function, input, query, setting) VALUES
('segment_summary_agg(customer_profile,timestamptz)', 'SET client_orders = 6 (> regular_orders)', $q$SELECT segment_summary_agg(p, '2024-06-01')::text FROM profiles$q$, 'customer_focus.client_orders=6'),
('segment_summary_agg(customer_profile,timestamptz)', 'SET lost_days = 100 (< lapse_days)', $q$SELECT segment_summary_agg(p, '2024-06-01')::text FROM profiles$q$, 'customer_focus.lost_days=100'),
('segment_summary_agg(customer_profile,timestamptz)', 'SET lost_days = 100, prospects only', $q$SELECT segment_summary_agg(p, '2024-06-01')::text FROM profiles WHERE p IS NULL$q$, 'customer_focus.lost_days=100'),
('segment_summary_agg(customer_profile,timestamptz)', 'SET client_orders = 3 (the client is a buyer)', $q$SELECT stage_count(segment_summary_agg(p, '2024-06-01'), 'buyer') FROM profiles$q$, 'customer_focus.client_orders=3');

-- binary input: the receive functions read bytes given through COPY (FORMAT binary)
INSERT INTO cases (function, input, query) VALUES
('segment_summary_state_send(segment_summary_state)', 'NULL', $q$SELECT segment_summary_state_send(NULL::segment_summary_state)$q$),
('segment_summary_state_recv(internal)', 'the bytes of send', $q$SELECT pg_temp.recv('segment_summary_state', segment_summary_state_send('v1;as_of=770515200000000;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state))$q$),
('segment_summary_state_recv(internal)', 'no bytes', $q$SELECT pg_temp.recv('segment_summary_state', '\x')$q$),
('segment_summary_state_recv(internal)', 'last byte missing', $q$SELECT pg_temp.recv('segment_summary_state', substr(segment_summary_state_send('v1;as_of=770515200000000;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state), 1, length(segment_summary_state_send('v1;as_of=770515200000000;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state)) - 1))$q$),
('segment_summary_state_recv(internal)', 'a byte too many', $q$SELECT pg_temp.recv('segment_summary_state', segment_summary_state_send('v1;as_of=770515200000000;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state) || '\x00'::bytea)$q$),
('segment_summary_state_recv(internal)', 'first byte 0xff', $q$SELECT pg_temp.recv('segment_summary_state', overlay(segment_summary_state_send('v1;as_of=770515200000000;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state) placing '\xff'::bytea from 1 for 1))$q$),
('segment_summary_state_recv(internal)', 'bytes 5-8 0xff', $q$SELECT CASE WHEN r LIKE 'ERROR%' THEN r ELSE 'another valid value' END FROM (SELECT pg_temp.recv('segment_summary_state', overlay(segment_summary_state_send('v1;as_of=770515200000000;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state) placing '\xffffffff'::bytea from 5 for 4)) r) x$q$),
('segment_summary_state_recv(internal)', 'lapse_factor 1e-300, below the setting''s minimum 1e-6 (issue 14)', $q$SELECT pg_temp.recv('segment_summary_state', overlay(segment_summary_state_send('v1;as_of=770515200000000;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state) placing float8send(1e-300) from 45 for 8))$q$),
('segment_summary_state_recv(internal)', 'regular_orders 2^31, above the setting''s maximum (issue 14)', $q$SELECT pg_temp.recv('segment_summary_state', overlay(segment_summary_state_send('v1;as_of=770515200000000;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state) placing int8send(2147483648) from 33 for 8))$q$),
('segment_summary_state_recv(internal)', 'revenue 0 at scale 100: printed in full (issue 14)', $q$SELECT pg_temp.recv('segment_summary_state', overlay(overlay(segment_summary_state_send('v1;as_of=770515200000000;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state) placing '\x0064' from 3 for 2) placing int8send(0) from 141 for 8))$q$);

SELECT n, function, input, pg_temp.outcome(query, setting) AS outcome FROM cases ORDER BY n;

-- Every error above is of class 22, or 0A000 for a support function called outside an aggregate;
-- and 08P01 for binary input of the wrong length (PostgreSQL's message reader raises it for every
-- type's receive function, built-in types included).
SELECT n, function, input, pg_temp.outcome(query, setting) AS outcome
FROM cases WHERE pg_temp.outcome(query, setting) LIKE 'ERROR%' AND pg_temp.outcome(query, setting) NOT LIKE 'ERROR 22%'
  AND function NOT LIKE 'cf\_%'
  AND NOT (function LIKE '%\_recv(internal)' AND pg_temp.outcome(query, setting) = 'ERROR 08P01');

DROP TABLE cases, profiles;
