-- Bad input to the segment summaries (issue 7): segment_summary_agg and
-- segment_summary (all three forms), rollup, the accessors, segment_report and
-- the text input of segment_summary_state, tried with NULL, empty, zero,
-- negative, NaN, +-Infinity, huge values, ladder settings in the wrong order
-- and malformed text.  Each case gives a documented result or an error of
-- SQLSTATE class 22 (doc/hardening.md points to this table).
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
-- 'v2;as_of=2024-06-01T00:00:00Z;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'

CREATE TEMP TABLE cases (n serial, function text, input text, query text, setting text);
-- Samples: :seg2 a summary of two customers (2 orders, revenue 20.00) as of 2024-06-01.
INSERT INTO samples VALUES
('seg2', $$'v2;as_of=2024-06-01T00:00:00Z;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state$$);
INSERT INTO cases (function, input, query) SELECT 'segment_summary_agg(customer_profile,timestamptz)', * FROM (VALUES
('no rows', $$segment_summary_agg(p, '2024-06-01')::text FROM profiles WHERE false$$),
('a client and a prospect', $$segment_summary_agg(p, '2024-06-01')::text FROM profiles$$),
('only prospects', $$customer_count(s) || ' ' || order_count(s) || ' ' || total_revenue(s) FROM (SELECT segment_summary_agg(p, '2024-06-01') s FROM profiles WHERE p IS NULL) a$$),
('as_of NULL', $$segment_summary_agg(p, NULL)::text FROM profiles$$),
('as_of infinity', $$segment_summary_agg(p, 'infinity')::text FROM profiles$$),
('as_of infinity, prospects only', $$segment_summary_agg(p, 'infinity')::text FROM profiles WHERE p IS NULL$$),
('as_of before a last order', $$segment_summary_agg(p, '2024-02-01')::text FROM profiles$$),
('as_of changes within a group', $$segment_summary_agg(p, a)::text FROM profiles, (VALUES (timestamptz '2024-06-01'), ('2024-07-01')) v(a)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'segment_summary_agg(customer_profile,timestamptz,integer)', * FROM (VALUES
('score 10 (a client stays a client)', $$stage_count(segment_summary_agg(p, '2024-06-01', 10), 'client') FROM profiles$$),
('score 11', $$segment_summary_agg(p, '2024-06-01', 11)::text FROM profiles$$),
('score -1', $$segment_summary_agg(p, '2024-06-01', -1)::text FROM profiles$$),
('score NULL', $$customer_count(segment_summary_agg(p, '2024-06-01', NULL)) FROM profiles$$)) v;
INSERT INTO cases (function, input, query) SELECT 'segment_summary_agg(customer_profile,timestamptz,integer,integer,numeric)', * FROM (VALUES
('horizon 0', $$segment_summary_agg(p, '2024-06-01', NULL, 0, 1)::text FROM profiles$$),
('horizon -1', $$segment_summary_agg(p, '2024-06-01', NULL, -1, 1)::text FROM profiles$$),
('horizon 100', $$customer_count(segment_summary_agg(p, '2024-06-01', NULL, 100, 1)) FROM profiles$$),
('horizon 101', $$segment_summary_agg(p, '2024-06-01', NULL, 101, 1)::text FROM profiles$$),
('horizon NULL', $$segment_summary_agg(p, '2024-06-01', NULL, NULL, 1)::text FROM profiles$$),
('margin NULL', $$segment_summary_agg(p, '2024-06-01', NULL, 5, NULL)::text FROM profiles$$),
('margin 0', $$lapsed_value(segment_summary_agg(p, '2025-06-01', NULL, 5, 0)) FROM profiles$$),
('margin 1.5', $$segment_summary_agg(p, '2024-06-01', NULL, 5, 1.5)::text FROM profiles$$),
('margin -0.1', $$segment_summary_agg(p, '2024-06-01', NULL, 5, -0.1)::text FROM profiles$$),
('margin NaN', $$segment_summary_agg(p, '2024-06-01', NULL, 5, 'NaN')::text FROM profiles$$),
('margin with 30 decimals', $$segment_summary_agg(p, '2024-06-01', NULL, 5, 0.123456789012345678901234567890)::text FROM profiles$$),
('horizon changes within a group', $$segment_summary_agg(p, '2024-06-01', NULL, h, 1)::text FROM profiles, (VALUES (1), (2)) v(h)$$),
('lapsed value, 5 years (5 * 20.00)', $$lapsed_value(segment_summary_agg(p, '2025-01-01', NULL, 5, 1)) FROM profiles$$)) v;
INSERT INTO cases (function, input, query) SELECT 'segment_summary(customer_profile,timestamptz)', * FROM (VALUES
('no rows', $$segment_summary(p, '2024-06-01')::text FROM profiles WHERE false$$),
('a client and a prospect', $$(r).customers || ' ' || (r).prospects || ' ' || (r).clients || ' ' || (r).revenue || ' ' || (r).revenue_per_customer || ' ' || (r).repeat_share FROM (SELECT segment_summary(p, '2024-06-01') r FROM profiles) a$$),
('as_of infinity', $$segment_summary(p, 'infinity')::text FROM profiles$$)) v;
INSERT INTO cases (function, input, query) SELECT 'segment_summary(customer_profile,timestamptz,integer)', * FROM (VALUES
('score 11', $$segment_summary(p, '2024-06-01', 11)::text FROM profiles$$)) v;
INSERT INTO cases (function, input, query) SELECT 'segment_summary(customer_profile,timestamptz,integer,integer,numeric)', * FROM (VALUES
('margin 2', $$segment_summary(p, '2024-06-01', NULL, 5, 2)::text FROM profiles$$)) v;
INSERT INTO cases (function, input, query) SELECT 'cf_segment_final(segment_summary_state)', * FROM (VALUES
('NULL', $$cf_segment_final(NULL)::text$$)) v;
INSERT INTO cases (function, input, query) SELECT 'cf_segment_trans(segment_summary_state,customer_profile,timestamptz)', * FROM (VALUES
('called directly', $$cf_segment_trans(NULL, NULL, '2024-06-01')::text$$)) v;
-- the forms with the ladder thresholds as arguments (NULL is an error, never the setting)
INSERT INTO cases (function, input, query) SELECT 'segment_summary_agg(customer_profile,timestamptz,integer,integer,numeric,integer,integer,integer,float8,integer,integer)', * FROM (VALUES
('the defaults spelt out', $$segment_summary_agg(p, '2024-06-01', NULL, 5, 1, 2, 5, 9, 3, 365, 730)::text FROM profiles$$),
('client_orders 3 (the client is a buyer)', $$stage_count(segment_summary_agg(p, '2024-06-01', NULL, 5, 1, 3, 5, 9, 3, 365, 730), 'buyer') FROM profiles$$),
('lost_days 88 (a client 88 days after: not lost)', $$stage_count(segment_summary_agg(p, '2024-06-01', NULL, 5, 1, 2, 5, 9, 3, 88, 88), 'lost') FROM profiles$$),
('lost_days 87 (lost)', $$stage_count(segment_summary_agg(p, '2024-06-01', NULL, 5, 1, 2, 5, 9, 3, 87, 87), 'lost') FROM profiles$$),
('client_orders NULL', $$segment_summary_agg(p, '2024-06-01', NULL, 5, 1, NULL, 5, 9, 3, 365, 730)::text FROM profiles$$),
('lapse_factor NULL', $$segment_summary_agg(p, '2024-06-01', NULL, 5, 1, 2, 5, 9, NULL, 365, 730)::text FROM profiles$$),
('lost_days NULL, prospects only', $$segment_summary_agg(p, '2024-06-01', NULL, 5, 1, 2, 5, 9, 3, 365, NULL)::text FROM profiles WHERE p IS NULL$$),
('client_orders 1', $$segment_summary_agg(p, '2024-06-01', NULL, 5, 1, 1, 5, 9, 3, 365, 730)::text FROM profiles$$),
('regular_orders = client_orders', $$segment_summary_agg(p, '2024-06-01', NULL, 5, 1, 5, 5, 9, 3, 365, 730)::text FROM profiles$$),
('advocate_score 11', $$segment_summary_agg(p, '2024-06-01', NULL, 5, 1, 2, 5, 11, 3, 365, 730)::text FROM profiles$$),
('lapse_factor 0', $$segment_summary_agg(p, '2024-06-01', NULL, 5, 1, 2, 5, 9, 0, 365, 730)::text FROM profiles$$),
('lapse_factor NaN', $$segment_summary_agg(p, '2024-06-01', NULL, 5, 1, 2, 5, 9, 'NaN', 365, 730)::text FROM profiles$$),
('lapse_factor Infinity', $$segment_summary_agg(p, '2024-06-01', NULL, 5, 1, 2, 5, 9, 'Infinity', 365, 730)::text FROM profiles$$),
('lapse_days -1', $$segment_summary_agg(p, '2024-06-01', NULL, 5, 1, 2, 5, 9, 3, -1, 730)::text FROM profiles$$),
('lost_days < lapse_days', $$segment_summary_agg(p, '2024-06-01', NULL, 5, 1, 2, 5, 9, 3, 365, 364)::text FROM profiles$$),
('client_orders 2147483647', $$segment_summary_agg(p, '2024-06-01', NULL, 5, 1, 2147483647, 2147483647, 9, 3, 365, 730)::text FROM profiles$$),
('thresholds change within a group', $$segment_summary_agg(p, '2024-06-01', NULL, 5, 1, 2, 5, 9, 3, 365, d)::text FROM profiles, (VALUES (730), (731)) v(d)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'segment_summary(customer_profile,timestamptz,integer,integer,numeric,integer,integer,integer,float8,integer,integer)', * FROM (VALUES
('the defaults spelt out', $$segment_summary(p, '2024-06-01', NULL, 5, 1, 2, 5, 9, 3, 365, 730)::text FROM profiles$$),
('advocate_score NULL', $$segment_summary(p, '2024-06-01', NULL, 5, 1, 2, 5, NULL, 3, 365, 730)::text FROM profiles$$)) v;
-- rollup
INSERT INTO cases (function, input, query) SELECT 'rollup(segment_summary_state)', * FROM (VALUES
('only NULLs', $$rollup(s)::text FROM (VALUES (NULL::segment_summary_state)) v(s)$$),
('different as_of', $$rollup(s)::text FROM (SELECT segment_summary_agg(p, a) s FROM profiles, (VALUES (timestamptz '2024-06-01'), ('2024-07-01')) v(a) GROUP BY a) b$$),
('different margins', $$rollup(s)::text FROM (SELECT segment_summary_agg(p, '2024-06-01', NULL, 5, m) s FROM profiles, (VALUES (0.5), (1)) v(m) GROUP BY m) b$$),
('different ladder settings', $$rollup(s)::text FROM (VALUES ('v2;as_of=2024-06-01T00:00:00Z;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=1;orders=0;repeat=0;stages=1,0,0,0,0,0,0;revenue=0;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state), ('v2;as_of=2024-06-01T00:00:00Z;horizon=5;margin=1;ladder=3,5,9,3,365,730;customers=1;orders=0;repeat=0;stages=1,0,0,0,0,0,0;revenue=0;lapsed_value=0.000000;lost_value=0.000000')) v(s)$$),
('a summary with itself', $$rollup(s)::text FROM (SELECT segment_summary_agg(p, '2024-06-01') s FROM profiles) a, generate_series(1, 2)$$),
('customers overflow', $$rollup(s)::text FROM (VALUES ('v2;as_of=2024-06-01T00:00:00Z;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=9223372036854775807;orders=0;repeat=0;stages=9223372036854775807,0,0,0,0,0,0;revenue=0;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state), ('v2;as_of=2024-06-01T00:00:00Z;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=1;orders=0;repeat=0;stages=1,0,0,0,0,0,0;revenue=0;lapsed_value=0.000000;lost_value=0.000000')) v(s)$$)) v;
-- text input
INSERT INTO cases (function, input, query) SELECT 'segment_summary_state_in(cstring)', * FROM (VALUES
('empty text', $$''::segment_summary_state::text$$),
('garbage', $$'garbage'::segment_summary_state::text$$),
('round trip', $$s::text::segment_summary_state::text = s::text FROM (SELECT segment_summary_agg(p, '2024-06-01') s FROM profiles) a$$),
('version v3', $$'v3;as_of=2024-06-01T00:00:00Z;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state::text$$),
('the released 1.0 form (v1, as_of in microseconds)', $$'v1;as_of=770515200000000;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state::text$$),
('v1 with an ISO as_of', $$'v1;as_of=2024-06-01T00:00:00Z;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state::text$$),
('v2 with as_of in microseconds', $$'v2;as_of=770515200000000;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state::text$$),
('as_of with an offset +00', $$'v2;as_of=2024-06-01T00:00:00+00;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state::text$$),
('as_of 2023-02-29', $$'v2;as_of=2023-02-29T00:00:00Z;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state::text$$),
('as_of 294277-01-01 (end of range)', $$'v2;as_of=294277-01-01T00:00:00Z;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state::text$$),
('fields out of order', $$'v2;horizon=5;as_of=2024-06-01T00:00:00Z;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state::text$$),
('an empty field (;;)', $$'v2;;as_of=2024-06-01T00:00:00Z;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state::text$$),
('six stage counts', $$'v2;as_of=2024-06-01T00:00:00Z;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=2;repeat=1;stages=1,0,1,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state::text$$),
('stages do not add up', $$'v2;as_of=2024-06-01T00:00:00Z;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=3;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state::text$$),
('repeat > customers with orders', $$'v2;as_of=2024-06-01T00:00:00Z;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=2;repeat=2;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state::text$$),
('orders fewer than buyers', $$'v2;as_of=2024-06-01T00:00:00Z;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=0;repeat=0;stages=0,2,0,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state::text$$),
('negative count', $$'v2;as_of=2024-06-01T00:00:00Z;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=2;repeat=1;stages=3,0,-1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state::text$$),
('ladder in the wrong order', $$'v2;as_of=2024-06-01T00:00:00Z;horizon=5;margin=1;ladder=6,5,9,3,365,730;customers=2;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state::text$$),
('lapse factor NaN', $$'v2;as_of=2024-06-01T00:00:00Z;horizon=5;margin=1;ladder=2,5,9,NaN,365,730;customers=2;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state::text$$),
('margin 2', $$'v2;as_of=2024-06-01T00:00:00Z;horizon=5;margin=2;ladder=2,5,9,3,365,730;customers=2;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state::text$$),
('horizon -1', $$'v2;as_of=2024-06-01T00:00:00Z;horizon=-1;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state::text$$),
('as_of infinity', $$'v2;as_of=infinity;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state::text$$),
('revenue NaN', $$'v2;as_of=2024-06-01T00:00:00Z;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=NaN;lapsed_value=0.000000;lost_value=0.000000'::segment_summary_state::text$$),
('negative lapsed value', $$'v2;as_of=2024-06-01T00:00:00Z;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=-1.000000;lost_value=0.000000'::segment_summary_state::text$$),
('trailing text', $$'v2;as_of=2024-06-01T00:00:00Z;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=2;orders=2;repeat=1;stages=1,0,1,0,0,0,0;revenue=20.00;lapsed_value=0.000000;lost_value=0.000000;x'::segment_summary_state::text$$)) v;
-- accessors of a summary of prospects only (no orders)
INSERT INTO cases (function, input, query) SELECT 'customer_count(segment_summary_state)', * FROM (VALUES
('NULL', $$customer_count(NULL::segment_summary_state)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'order_count(segment_summary_state)', * FROM (VALUES
('prospects only', $$order_count(segment_summary_agg(p, '2024-06-01')) FROM profiles WHERE p IS NULL$$)) v;
INSERT INTO cases (function, input, query) SELECT 'repeat_customer_count(segment_summary_state)', * FROM (VALUES
('prospects only', $$repeat_customer_count(segment_summary_agg(p, '2024-06-01')) FROM profiles WHERE p IS NULL$$)) v;
INSERT INTO cases (function, input, query) SELECT 'stage_count(segment_summary_state,loyalty_stage)', * FROM (VALUES
('stage NULL', $$stage_count(segment_summary_agg(p, '2024-06-01'), NULL) FROM profiles$$),
('prospects', $$stage_count(segment_summary_agg(p, '2024-06-01'), 'prospect') FROM profiles$$)) v;
INSERT INTO cases (function, input, query) SELECT 'stage_share(segment_summary_state,loyalty_stage)', * FROM (VALUES
('clients, 1 of 2', $$stage_share(segment_summary_agg(p, '2024-06-01'), 'client') FROM profiles$$),
('no customers', $$stage_share('v2;as_of=2024-06-01T00:00:00Z;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=0;orders=0;repeat=0;stages=0,0,0,0,0,0,0;revenue=0;lapsed_value=0.000000;lost_value=0.000000', 'client')$$)) v;
INSERT INTO cases (function, input, query) SELECT 'total_revenue(segment_summary_state)', * FROM (VALUES
('prospects only', $$total_revenue(segment_summary_agg(p, '2024-06-01')) FROM profiles WHERE p IS NULL$$)) v;
INSERT INTO cases (function, input, query) SELECT 'revenue_per_customer(segment_summary_state)', * FROM (VALUES
('prospects only', $$revenue_per_customer(segment_summary_agg(p, '2024-06-01')) FROM profiles WHERE p IS NULL$$),
('20.00 / 1 customer with orders', $$revenue_per_customer(segment_summary_agg(p, '2024-06-01')) = 20 FROM profiles$$)) v;
INSERT INTO cases (function, input, query) SELECT 'average_order_value(segment_summary_state)', * FROM (VALUES
('prospects only', $$average_order_value(segment_summary_agg(p, '2024-06-01')) FROM profiles WHERE p IS NULL$$),
('20.00 / 2 orders', $$average_order_value(segment_summary_agg(p, '2024-06-01')) = 10 FROM profiles$$)) v;
INSERT INTO cases (function, input, query) SELECT 'repeat_share(segment_summary_state)', * FROM (VALUES
('prospects only', $$repeat_share(segment_summary_agg(p, '2024-06-01')) FROM profiles WHERE p IS NULL$$)) v;
INSERT INTO cases (function, input, query) SELECT 'lapsed_value(segment_summary_state)', * FROM (VALUES
('prospects only', $$lapsed_value(segment_summary_agg(p, '2024-06-01')) FROM profiles WHERE p IS NULL$$)) v;
INSERT INTO cases (function, input, query) SELECT 'lost_value(segment_summary_state)', * FROM (VALUES
('NULL', $$lost_value(NULL::segment_summary_state)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'segment_report(segment_summary_state,nps_state)', * FROM (VALUES
('scores NULL', $$(r).customers || ' ' || coalesce((r).responses::text, 'NULL') || ' ' || coalesce((r).nps::text, 'NULL') FROM (SELECT segment_report(segment_summary_agg(p, '2024-06-01')) r FROM profiles) a$$),
('scores without responses', $$(r).responses || ' ' || coalesce((r).nps::text, 'NULL') || ' ' || coalesce((r).nps_moe::text, 'NULL') FROM (SELECT segment_report(segment_summary_agg(p, '2024-06-01'), 'v1 scale=0..10 promoter_min=9 detractor_max=6 counts=0,0,0,0,0,0,0,0,0,0,0') r FROM profiles) a$$),
('summary NULL', $$segment_report(NULL, 'v1 scale=0..10 promoter_min=9 detractor_max=6 counts=0,0,0,0,0,0,0,0,0,0,1')::text$$),
('scores on a 1..5 scale', $$(r).nps FROM (SELECT segment_report(segment_summary_agg(p, '2024-06-01'), 'v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,1') r FROM profiles) a$$)) v;

-- ladder settings
INSERT INTO cases (function, input, query, setting) SELECT 'segment_summary_agg(customer_profile,timestamptz)', * FROM (VALUES
('SET client_orders = 6 (> regular_orders)', $$segment_summary_agg(p, '2024-06-01')::text FROM profiles$$, 'customer_focus.client_orders=6'),
('SET lost_days = 100 (< lapse_days)', $$segment_summary_agg(p, '2024-06-01')::text FROM profiles$$, 'customer_focus.lost_days=100'),
('SET lost_days = 100, prospects only', $$segment_summary_agg(p, '2024-06-01')::text FROM profiles WHERE p IS NULL$$, 'customer_focus.lost_days=100'),
('SET client_orders = 3 (the client is a buyer)', $$stage_count(segment_summary_agg(p, '2024-06-01'), 'buyer') FROM profiles$$, 'customer_focus.client_orders=3')) v;
INSERT INTO cases (function, input, query, setting) SELECT 'segment_summary_agg(customer_profile,timestamptz,integer,integer,numeric,integer,integer,integer,float8,integer,integer)', * FROM (VALUES
('the settings do not apply (lost_days 10)', $$stage_count(segment_summary_agg(p, '2024-06-01', NULL, 5, 1, 2, 5, 9, 3, 365, 730), 'client') FROM profiles$$, 'customer_focus.lost_days=10')) v;

-- binary input: the receive functions read bytes given through COPY (FORMAT binary)
INSERT INTO cases (function, input, query) SELECT 'segment_summary_state_send(segment_summary_state)', * FROM (VALUES
('NULL', $$segment_summary_state_send(NULL::segment_summary_state)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'segment_summary_state_recv(internal)', * FROM (VALUES
('the bytes of send', $$pg_temp.recv('segment_summary_state', segment_summary_state_send(:seg2))$$),
('no bytes', $$pg_temp.recv('segment_summary_state', '\x')$$),
('last byte missing', $$pg_temp.recv('segment_summary_state', pg_temp.chop(segment_summary_state_send(:seg2)))$$),
('a byte too many', $$pg_temp.recv('segment_summary_state', segment_summary_state_send(:seg2) || '\x00'::bytea)$$),
('first byte 0xff', $$pg_temp.recv('segment_summary_state', pg_temp.poke(segment_summary_state_send(:seg2), 1, '\xff'))$$),
('bytes 5-8 0xff', $$pg_temp.recv_any('segment_summary_state', pg_temp.poke(segment_summary_state_send(:seg2), 5, '\xffffffff'))$$),
('lapse_factor 1e-300, below the setting''s minimum 1e-6 (issue 14)', $$pg_temp.recv('segment_summary_state', overlay(segment_summary_state_send(:seg2) placing float8send(1e-300) from 45 for 8))$$),
('regular_orders 2^31, above the setting''s maximum (issue 14)', $$pg_temp.recv('segment_summary_state', overlay(segment_summary_state_send(:seg2) placing int8send(2147483648) from 33 for 8))$$),
('revenue 0 at scale 100: printed in full (issue 14)', $$pg_temp.recv('segment_summary_state', overlay(overlay(segment_summary_state_send(:seg2) placing '\x0064' from 3 for 2) placing int8send(0) from 141 for 8))$$)) v;

SELECT n, function, input, pg_temp.outcome(query, setting) AS outcome FROM cases ORDER BY n;

-- Every error above is of class 22, or 0A000 for a support function called outside an aggregate;
-- and 08P01 for binary input of the wrong length (PostgreSQL's message reader raises it for every
-- type's receive function, built-in types included).
SELECT n, function, input, pg_temp.outcome(query, setting) AS outcome
FROM cases WHERE pg_temp.outcome(query, setting) LIKE 'ERROR%' AND pg_temp.outcome(query, setting) NOT LIKE 'ERROR 22%'
  AND function NOT LIKE 'cf\_%'
  AND NOT (function LIKE '%\_recv(internal)' AND pg_temp.outcome(query, setting) = 'ERROR 08P01');

DROP TABLE cases, profiles;
