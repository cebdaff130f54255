-- Bad input to the lifetime models (issue 7): BG/NBD and Gamma-Gamma fits,
-- states (text input, rollup), P(alive), expected purchases, CLV, the
-- model form of lost_customer_value and bgnbd_simulate, tried with NULL,
-- empty, zero, negative, NaN, +-Infinity, huge values and malformed text and
-- models.  Each case gives a documented result or an error of SQLSTATE class
-- 22 (doc/hardening.md points to this table).
SET extra_float_digits = 0;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';

-- outcome(query [, setting]) and recv(type, bytes): test/regress/hardening_helpers.sql.
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/hardening_helpers.sql
SET client_min_messages = error;  -- no "did not converge" warnings in the output

-- Models used below (the fit statistics are not read by the predictions):
-- bg:  r = 1, alpha = 1, a = 1, b = 2.  With t_x = T, P(alive) = 1 / (1 + a / (b + x - 1)) = 2/3 for x = 1.
-- bg2: r = 1, alpha = 1, a = 2, b = 3.
-- gg:  p = 1, q = 2, gamma = 1.  Expected mean (p gamma + p x m) / (p x + q - 1) = 2 for x = 1, m = 3;
--      for x = 0 the population mean p gamma / (q - 1) = 1.
CREATE TEMP TABLE models (name text PRIMARY KEY, bg bgnbd_model, gg gamma_gamma_model);
INSERT INTO models VALUES
('bg', '(1,1,1,2,0,0,t)', '(1,2,1,0,0,t)'),
('bg2', '(1,1,2,3,0,0,t)', '(1,2,1,0,0,t)');
-- two: orders on 2024-01-01 and 2024-03-05 (x = 1, t_x = 64 days).
CREATE TEMP TABLE profiles (name text PRIMARY KEY, p customer_profile);
INSERT INTO profiles VALUES
('two', 'v1;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20.00;moment=175800.00;days=2024-01-01+64'),
-- two_v2: the same in format version 2, first day's revenue 12.50 (1.0's two reads with it unknown)
('two_v2', 'v2;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20.00;moment=175800.00;first_revenue=12.50;days=2024-01-01+64');
-- 2,000 customers simulated from r = 0.25, alpha = 4, a = 0.8, b = 2.5 over 52 periods.
CREATE TEMP TABLE simulated AS
SELECT i AS customer_id, (s).x, (s).t_x, 52.0::float8 AS t
FROM (SELECT i, bgnbd_simulate('(0.25,4,0.8,2.5,0,0,t)', 52, i) s FROM generate_series(1, 2000) i) a;

CREATE TEMP TABLE cases (n serial, function text, input text, query text);
-- Samples: :bg4 a BG/NBD state of 6 customers in four (x, t_x, T) triples; :gg3 a Gamma-Gamma state of 3;
-- :one_day the profile of one order of 12.50 on 2024-01-01.
INSERT INTO samples VALUES
('bg4', $$'v2;tuples=4;tuple=0,0,38.86,3;tuple=1,1.71,38.86,1;tuple=2,30.43,38.86,1;tuple=7,29.43,38.86,1'::bgnbd_state$$),
('gg3', $$'v2;tuples=3;tuple=1,11.77,1;tuple=2,22.35,1;tuple=7,73.74,1'::gamma_gamma_state$$),
('one_day', $$(SELECT customer_profile(t, a, 'UTC') FROM (VALUES ('2024-01-01 10:00+00'::timestamptz, 12.50)) v(t, a))$$);
-- BG/NBD fits and states
INSERT INTO cases (function, input, query) SELECT 'bgnbd_agg(integer,float8,float8)', * FROM (VALUES
('no rows', $$bgnbd_agg(x, t_x, t)::text FROM simulated WHERE false$$),
('NULL rows skipped', $$bgnbd_agg(x, t_x, t)::text FROM (VALUES (NULL, 1.0, 2.0), (1, NULL, 2), (1, 1, NULL), (1, 1, 2)) v(x, t_x, t)$$),
('x -1', $$bgnbd_agg(x, t_x, t)::text FROM (VALUES (-1, 0.0, 2.0)) v(x, t_x, t)$$),
('x 2147483647', $$bgnbd_agg(x, t_x, t)::text FROM (VALUES (2147483647, 1.0, 2.0)) v(x, t_x, t)$$),
('t_x > T', $$bgnbd_agg(x, t_x, t)::text FROM (VALUES (1, 11.0, 10.0)) v(x, t_x, t)$$),
('x > 0, t_x = 0', $$bgnbd_agg(x, t_x, t)::text FROM (VALUES (1, 0.0, 10.0)) v(x, t_x, t)$$),
('x = 0, t_x = 1', $$bgnbd_agg(x, t_x, t)::text FROM (VALUES (0, 1.0, 10.0)) v(x, t_x, t)$$),
('t_x -1', $$bgnbd_agg(x, t_x, t)::text FROM (VALUES (1, -1.0, 10.0)) v(x, t_x, t)$$),
('T 0, x 0', $$bgnbd_agg(x, t_x, t)::text FROM (VALUES (0, 0.0, 0.0)) v(x, t_x, t)$$),
('T NaN', $$bgnbd_agg(x, t_x, t)::text FROM (VALUES (1, 1.0, 'NaN'::float8)) v(x, t_x, t)$$),
('T Infinity', $$bgnbd_agg(x, t_x, t)::text FROM (VALUES (1, 1.0, 'Infinity'::float8)) v(x, t_x, t)$$),
('t_x NaN', $$bgnbd_agg(x, t_x, t)::text FROM (VALUES (1, 'NaN'::float8, 10.0)) v(x, t_x, t)$$),
('T 1e308', $$bgnbd_agg(x, t_x, t)::text FROM (VALUES (1, 1.0, 1e308)) v(x, t_x, t)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'bgnbd_fit(integer,float8,float8)', * FROM (VALUES
('no rows', $$bgnbd_fit(x, t_x, t)::text FROM simulated WHERE false$$),
('no repeat customers', $$bgnbd_fit(x, t_x, t)::text FROM simulated WHERE x = 0$$),
('only NULL rows', $$bgnbd_fit(x, t_x, t)::text FROM (VALUES (NULL::int, 1.0, 2.0)) v(x, t_x, t)$$),
('2000 simulated customers', $$(m).n || ' ' || (m).converged || ' ' || ((m).r BETWEEN 0.15 AND 0.35) FROM (SELECT bgnbd_fit(x, t_x, t) m FROM simulated) f$$),
('t_x > T', $$bgnbd_fit(x, t_x, t)::text FROM (VALUES (1, 11.0, 10.0)) v(x, t_x, t)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'bgnbd_fit(bgnbd_state)', * FROM (VALUES
('NULL', $$bgnbd_fit(NULL::bgnbd_state)::text$$),
('no repeat customers', $$bgnbd_fit('v2;tuples=1;tuple=0,0,38.86,3'::bgnbd_state)::text$$),
('equals the fit over the rows', $$bgnbd_fit(s)::text = (SELECT bgnbd_fit(x, t_x, t)::text FROM simulated) FROM (SELECT bgnbd_agg(x, t_x, t) s FROM simulated) a$$)) v;
INSERT INTO cases (function, input, query) SELECT 'customer_count(bgnbd_state)', * FROM (VALUES
('NULL', $$customer_count(NULL::bgnbd_state)$$),
('3 + 1 + 1 + 1', $$customer_count(:bg4)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'rollup(bgnbd_state)', * FROM (VALUES
('only NULLs', $$rollup(s)::text FROM (VALUES (NULL::bgnbd_state)) v(s)$$),
('counts add up', $$rollup(s)::text FROM (VALUES ('v2;tuples=1;tuple=0,0,38.86,3'::bgnbd_state), ('v2;tuples=2;tuple=0,0,38.86,2;tuple=1,1.71,38.86,1')) v(s)$$),
('count overflow', $$rollup(s)::text FROM (VALUES ('v2;tuples=1;tuple=0,0,38.86,9223372036854775807'::bgnbd_state), ('v2;tuples=1;tuple=0,0,38.86,1')) v(s)$$),
('customers overflow', $$customer_count(rollup(s)) FROM (VALUES ('v2;tuples=1;tuple=0,0,38.86,9223372036854775807'::bgnbd_state), ('v2;tuples=1;tuple=1,1.71,38.86,1')) v(s)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'bgnbd_state_in(cstring)', * FROM (VALUES
('empty text', $$''::bgnbd_state::text$$),
('garbage', $$'garbage'::bgnbd_state::text$$),
('version 3', $$'v3;tuples=1;tuple=0,0,38.86,3'::bgnbd_state::text$$),
('the released 1.0 form (1;<n>;<entries>)', $$'1;2;0,0,38.86,3;1,1.71,38.86,1'::bgnbd_state::text$$),
('a 1.0 form of version 2', $$'2;1;0,0,38.86,3'::bgnbd_state::text$$),
('v1 (never a keyed form)', $$'v1;tuples=1;tuple=0,0,38.86,3'::bgnbd_state::text$$),
('entries without keys after v2', $$'v2;tuples=1;0,0,38.86,3'::bgnbd_state::text$$),
('tuples= missing', $$'v2;tuple=0,0,38.86,3'::bgnbd_state::text$$),
('an entry with 5 numbers', $$'v2;tuples=1;tuple=0,0,38.86,3,1'::bgnbd_state::text$$),
('tuples=-0', $$'v2;tuples=-0'::bgnbd_state::text$$),
('no entries', $$'v2;tuples=0'::bgnbd_state::text$$),
('declared count too high', $$'v2;tuples=2;tuple=0,0,38.86,3'::bgnbd_state::text$$),
('entries unsorted', $$'v2;tuples=2;tuple=1,1.71,38.86,1;tuple=0,0,38.86,3'::bgnbd_state::text$$),
('entry twice', $$'v2;tuples=2;tuple=0,0,38.86,3;tuple=0,0,38.86,3'::bgnbd_state::text$$),
('count 0', $$'v2;tuples=1;tuple=0,0,38.86,0'::bgnbd_state::text$$),
('count -1', $$'v2;tuples=1;tuple=0,0,38.86,-1'::bgnbd_state::text$$),
('count 2^63', $$'v2;tuples=1;tuple=0,0,38.86,9223372036854775808'::bgnbd_state::text$$),
('customers past 2^63 - 1', $$'v2;tuples=2;tuple=0,0,38.86,9223372036854775807;tuple=1,1.71,38.86,1'::bgnbd_state::text$$),
('T NaN', $$'v2;tuples=1;tuple=0,0,NaN,3'::bgnbd_state::text$$),
('T Infinity', $$'v2;tuples=1;tuple=0,0,Infinity,3'::bgnbd_state::text$$),
('T in hex', $$'v2;tuples=1;tuple=0,0,0x1p5,3'::bgnbd_state::text$$),
('t_x > T', $$'v2;tuples=1;tuple=1,40,38.86,3'::bgnbd_state::text$$),
('trailing text', $$'v2;tuples=1;tuple=0,0,38.86,3;'::bgnbd_state::text$$),
('shortest form kept', $$'v2;tuples=1;tuple=1,0.1,0.30000000000000004,1'::bgnbd_state::text$$)) v;
-- BG/NBD from profiles (x, t_x, T = model_summary(profile, as_of, unit_days))
INSERT INTO cases (function, input, query) SELECT 'bgnbd_agg(customer_profile,timestamptz)', * FROM (VALUES
('NULL profile skipped', $$bgnbd_agg(p, '2024-06-01')::text FROM (SELECT p FROM profiles UNION ALL SELECT NULL) a$$),
('as_of NULL', $$bgnbd_agg(p, NULL)::text FROM profiles$$),
('as_of before the last order', $$bgnbd_agg(p, '2024-02-01')::text FROM profiles$$),
('as_of infinity', $$bgnbd_agg(p, 'infinity')::text FROM profiles$$)) v;
INSERT INTO cases (function, input, query) SELECT 'bgnbd_agg(customer_profile,timestamptz,float8)', * FROM (VALUES
('unit_days 7', $$split_part(s, ',', 2)::float8 = 64 / 7.0::float8 AND split_part(s, ',', 3)::float8 = 78 / 7.0::float8 FROM (SELECT bgnbd_agg(p, '2024-03-19', 7)::text s FROM profiles) a$$),
('unit_days 0', $$bgnbd_agg(p, '2024-06-01', 0)::text FROM profiles$$),
('unit_days NaN', $$bgnbd_agg(p, '2024-06-01', 'NaN')::text FROM profiles$$),
('unit_days NULL', $$bgnbd_agg(p, '2024-06-01', NULL)::text FROM profiles$$)) v;
INSERT INTO cases (function, input, query) SELECT 'bgnbd_fit(customer_profile,timestamptz)', * FROM (VALUES
('no rows', $$bgnbd_fit(p, '2024-06-01')::text FROM profiles WHERE false$$),
('as_of before the last order', $$bgnbd_fit(p, '2024-02-01')::text FROM profiles$$)) v;
INSERT INTO cases (function, input, query) SELECT 'bgnbd_fit(customer_profile,timestamptz,float8)', * FROM (VALUES
('unit_days -7', $$bgnbd_fit(p, '2024-06-01', -7)::text FROM profiles$$)) v;
INSERT INTO cases (function, input, query) SELECT 'cf_bgnbd_trans(bgnbd_state,integer,float8,float8)', * FROM (VALUES
('called directly', $$cf_bgnbd_trans(NULL, 1, 1, 2)::text$$)) v;
INSERT INTO cases (function, input, query) SELECT 'cf_bgnbd_fit_final(bgnbd_state)', * FROM (VALUES
('NULL (no customers)', $$cf_bgnbd_fit_final(NULL)::text$$)) v;
-- BG/NBD predictions
INSERT INTO cases (function, input, query) SELECT 'bgnbd_p_alive(bgnbd_model,integer,float8,float8)', * FROM (VALUES
('model NULL', $$bgnbd_p_alive(NULL, 1, 1, 1)$$),
('x = 1, t_x = T (2/3)', $$bgnbd_p_alive(bg, 1, 5, 5) FROM models WHERE name = 'bg'$$),
('x = 0 (1)', $$bgnbd_p_alive(bg, 0, 0, 5) FROM models WHERE name = 'bg'$$),
('model field r NULL', $$bgnbd_p_alive('(,1,1,2,0,0,t)', 1, 5, 5)$$),
('model field converged NULL', $$bgnbd_p_alive('(1,1,1,2,0,0,)', 1, 5, 5)$$),
('r 0', $$bgnbd_p_alive('(0,1,1,2,0,0,t)', 1, 5, 5)$$),
('alpha -1', $$bgnbd_p_alive('(1,-1,1,2,0,0,t)', 1, 5, 5)$$),
('a NaN', $$bgnbd_p_alive('(1,1,NaN,2,0,0,t)', 1, 5, 5)$$),
('b Infinity', $$bgnbd_p_alive('(1,1,1,Infinity,0,0,t)', 1, 5, 5)$$),
('extreme model (1e300, 1e-300, 1e300, 1e-300)', $$bgnbd_p_alive('(1e300,1e-300,1e300,1e-300,0,0,t)', 1, 1, 10)$$),
('x -1', $$bgnbd_p_alive(bg, -1, 0, 5) FROM models WHERE name = 'bg'$$),
('t_x > T', $$bgnbd_p_alive(bg, 1, 6, 5) FROM models WHERE name = 'bg'$$),
('T NaN', $$bgnbd_p_alive(bg, 1, 1, 'NaN') FROM models WHERE name = 'bg'$$),
('T Infinity', $$bgnbd_p_alive(bg, 1, 1, 'Infinity') FROM models WHERE name = 'bg'$$),
('t_x = T = 1e300 (2/3)', $$bgnbd_p_alive(bg, 1, 1e300, 1e300) FROM models WHERE name = 'bg'$$),
('x 10^6, long gone', $$bgnbd_p_alive(bg, 1000000, 1, 1e300) FROM models WHERE name = 'bg'$$)) v;
INSERT INTO cases (function, input, query) SELECT 'bgnbd_p_alive(bgnbd_model,customer_profile,timestamptz,float8)', * FROM (VALUES
('profile NULL', $$bgnbd_p_alive(bg, NULL::customer_profile, '2024-06-01') FROM models WHERE name = 'bg'$$),
('as_of = the last order (2/3)', $$bgnbd_p_alive(bg, p, '2024-03-05 23:30+00') FROM models, profiles WHERE models.name = 'bg'$$),
('as_of before the last order', $$bgnbd_p_alive(bg, p, '2024-02-01') FROM models, profiles WHERE models.name = 'bg'$$),
('unit_days 0', $$bgnbd_p_alive(bg, p, '2024-06-01', 0) FROM models, profiles WHERE models.name = 'bg'$$)) v;
INSERT INTO cases (function, input, query) SELECT 'bgnbd_expected_purchases(bgnbd_model,float8,integer,float8,float8)', * FROM (VALUES
('horizon NULL', $$bgnbd_expected_purchases(bg, NULL, 1, 5, 5) FROM models WHERE name = 'bg'$$),
('horizon 0', $$bgnbd_expected_purchases(bg, 0, 1, 5, 5) FROM models WHERE name = 'bg'$$),
('horizon -1', $$bgnbd_expected_purchases(bg, -1, 1, 5, 5) FROM models WHERE name = 'bg'$$),
('horizon NaN', $$bgnbd_expected_purchases(bg, 'NaN', 1, 5, 5) FROM models WHERE name = 'bg'$$),
('horizon Infinity', $$bgnbd_expected_purchases(bg, 'Infinity', 1, 5, 5) FROM models WHERE name = 'bg'$$),
('horizon 1e10 (series too long)', $$bgnbd_expected_purchases(bg, 1e10, 1, 1, 1) FROM models WHERE name = 'bg'$$),
('x -1', $$bgnbd_expected_purchases(bg, 10, -1, 0, 5) FROM models WHERE name = 'bg'$$),
('b 0', $$bgnbd_expected_purchases('(1,1,1,0,0,0,t)', 10, 1, 5, 5)$$),
('a = 1e3, b = 3.3e3, h = 52 (was NaN)', $$round(bgnbd_expected_purchases('(0.243,4.414,1e3,3.3e3,0,0,t)', 52, 2, 30.43, 38.86)::numeric, 9)$$),
('a = 1e5, b = 3.3e5, h = 1 (was NaN)', $$round(bgnbd_expected_purchases('(0.243,4.414,1e5,3.3e5,0,0,t)', 1, 2, 30.43, 38.86)::numeric, 9)$$),
('a = 4.6e11, b = 1.5e12, h = 1 (was 22003)', $$round(bgnbd_expected_purchases('(0.243,4.414,4.6e11,1.5e12,0,0,t)', 1, 2, 30.43, 38.86)::numeric, 9)$$),
('a = b = 1e300: finite', $$round(bgnbd_expected_purchases('(0.243,4.414,1e300,1e300,0,0,t)', 52, 2, 30.43, 38.86)::numeric, 9)$$),
('b 1e-300, x 1: b + x - 1 is not 0', $$bgnbd_expected_purchases('(0.243,4.414,0.793,1e-300,0,0,t)', 52, 1, 30, 38.86) > 0$$),
('extreme model', $$bgnbd_expected_purchases('(1e300,1e-300,1e300,1e-300,0,0,t)', 10, 1, 1, 10)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'bgnbd_expected_purchases(bgnbd_model,float8,customer_profile,timestamptz,float8)', * FROM (VALUES
('profile NULL', $$bgnbd_expected_purchases(bg, 10, NULL::customer_profile, '2024-06-01') FROM models WHERE name = 'bg'$$),
('horizon -1', $$bgnbd_expected_purchases(bg, -1, p, '2024-06-01') FROM models, profiles WHERE models.name = 'bg'$$),
('as_of infinity', $$bgnbd_expected_purchases(bg, 10, p, 'infinity') FROM models, profiles WHERE models.name = 'bg'$$),
('equals the (x, t_x, T) form', $$bgnbd_expected_purchases(bg, 10, p, '2024-06-01') = bgnbd_expected_purchases(bg, 10, 1, 64, 152) FROM models, profiles WHERE models.name = 'bg'$$)) v;
INSERT INTO cases (function, input, query) SELECT 'bgnbd_expected_purchases_new(bgnbd_model,float8)', * FROM (VALUES
('horizon 0', $$bgnbd_expected_purchases_new(bg, 0) FROM models WHERE name = 'bg2'$$),
('horizon -1', $$bgnbd_expected_purchases_new(bg, -1) FROM models WHERE name = 'bg2'$$),
('horizon Infinity', $$bgnbd_expected_purchases_new(bg, 'Infinity') FROM models WHERE name = 'bg2'$$),
('horizon 1e300', $$bgnbd_expected_purchases_new(bg, 1e300) FROM models WHERE name = 'bg2'$$),
('a = 1', $$bgnbd_expected_purchases_new(bg, 10) > 0 FROM models WHERE name = 'bg'$$),
('model field alpha NULL', $$bgnbd_expected_purchases_new('(1,,2,3,0,0,t)', 10)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'bgnbd_p_no_purchase(bgnbd_model,float8,integer,float8,float8)', * FROM (VALUES
('x = 1, t_x = T = 5, h = 6 (1/3 + 2/3 (6/12)^2 = 1/2)', $$bgnbd_p_no_purchase(bg, 6, 1, 5, 5) FROM models WHERE name = 'bg'$$),
('horizon 0 (1)', $$bgnbd_p_no_purchase(bg, 0, 1, 5, 5) FROM models WHERE name = 'bg'$$),
('horizon 0, 1,170 customers (x 1..30, t_x 1..39, T 40): every value exactly 1 (the shares of P(alive) summed were 1 ulp short for about a quarter)', $$count(*) FILTER (WHERE bgnbd_p_no_purchase(bg, 0, x, t_x, 40) <> 1) FROM models, generate_series(1, 30) x, generate_series(1, 39) t_x WHERE models.name = 'bg'$$),
('horizon -1', $$bgnbd_p_no_purchase(bg, -1, 1, 5, 5) FROM models WHERE name = 'bg'$$),
('horizon NaN', $$bgnbd_p_no_purchase(bg, 'NaN', 1, 5, 5) FROM models WHERE name = 'bg'$$),
('horizon Infinity', $$bgnbd_p_no_purchase(bg, 'Infinity', 1, 5, 5) FROM models WHERE name = 'bg'$$),
('horizon 1e300 (1 - P(alive) = 1/3)', $$bgnbd_p_no_purchase(bg, 1e300, 1, 5, 5) FROM models WHERE name = 'bg'$$),
('x -1', $$bgnbd_p_no_purchase(bg, 10, -1, 0, 5) FROM models WHERE name = 'bg'$$),
('t_x > T', $$bgnbd_p_no_purchase(bg, 10, 1, 6, 5) FROM models WHERE name = 'bg'$$),
('model field a NULL', $$bgnbd_p_no_purchase('(1,1,,2,0,0,t)', 10, 1, 5, 5)$$),
('extreme model', $$bgnbd_p_no_purchase('(1e300,1e-300,1e300,1e-300,0,0,t)', 10, 1, 1, 10)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'bgnbd_p_no_purchase(bgnbd_model,float8,customer_profile,timestamptz,float8)', * FROM (VALUES
('profile NULL', $$bgnbd_p_no_purchase(bg, 10, NULL::customer_profile, '2024-06-01') FROM models WHERE name = 'bg'$$),
('horizon -1', $$bgnbd_p_no_purchase(bg, -1, p, '2024-06-01') FROM models, profiles WHERE models.name = 'bg'$$),
('as_of before the last order', $$bgnbd_p_no_purchase(bg, 10, p, '2024-02-01') FROM models, profiles WHERE models.name = 'bg'$$),
('unit_days NaN', $$bgnbd_p_no_purchase(bg, 10, p, '2024-06-01', 'NaN') FROM models, profiles WHERE models.name = 'bg'$$),
('equals the (x, t_x, T) form', $$bgnbd_p_no_purchase(bg, 10, p, '2024-06-01') = bgnbd_p_no_purchase(bg, 10, 1, 64, 152) FROM models, profiles WHERE models.name = 'bg'$$)) v;
INSERT INTO cases (function, input, query) SELECT 'bgnbd_pmf_new(bgnbd_model,integer,float8)', * FROM (VALUES
('n = 0, h = 1 ((1/2)^1 = 1/2)', $$bgnbd_pmf_new(bg, 0, 1) FROM models WHERE name = 'bg2'$$),
('n = 1, h = 1 (3/5 1/4 + 2/5 1/2 = 7/20)', $$bgnbd_pmf_new(bg, 1, 1) FROM models WHERE name = 'bg2'$$),
('n -1', $$bgnbd_pmf_new(bg, -1, 1) FROM models WHERE name = 'bg2'$$),
('n NULL', $$bgnbd_pmf_new(bg, NULL, 1) FROM models WHERE name = 'bg2'$$),
('horizon -1', $$bgnbd_pmf_new(bg, 1, -1) FROM models WHERE name = 'bg2'$$),
('horizon NaN', $$bgnbd_pmf_new(bg, 1, 'NaN') FROM models WHERE name = 'bg2'$$),
('horizon 0, n 0 (1)', $$bgnbd_pmf_new(bg, 0, 0) FROM models WHERE name = 'bg2'$$),
('horizon 0, n 3 (0)', $$bgnbd_pmf_new(bg, 3, 0) FROM models WHERE name = 'bg2'$$),
('n 2147483647: 0 or a tiny value', $$bgnbd_pmf_new(bg, 2147483647, 1) < 1e-300 FROM models WHERE name = 'bg2'$$),
('horizon 1e300: the dropout law a (b)_2 / (a+b)_3 = 24/210', $$bgnbd_pmf_new(bg, 3, 1e300) FROM models WHERE name = 'bg2'$$),
('model field b NULL', $$bgnbd_pmf_new('(1,1,2,,0,0,t)', 1, 1)$$),
('a = b = 1e308 (a + b overflows), n 1, h 10: (1/2)(1/11)(10/11) + (1/2)(10/11) = 60/121', $$abs(bgnbd_pmf_new('(1,1,1e308,1e308,0,0,t)', 1, 10) / (60.0 / 121) - 1) < 1e-12$$)) v;
INSERT INTO cases (function, input, query) SELECT 'bgnbd_p_alive_path(bgnbd_model,customer_profile,timestamptz,interval,float8)', * FROM (VALUES
('step 30 days: rows', $$string_agg(day || ' ' || round(p_alive::numeric, 6), ', ' ORDER BY day) FROM models, profiles, bgnbd_p_alive_path(bg, p, '2024-03-10', '30 days') WHERE models.name = 'bg'$$),
('step 1 month', $$count(*) FROM models, profiles, bgnbd_p_alive_path(bg, p, '2024-06-01', '1 month') WHERE models.name = 'bg'$$),
('step 0 days', $$count(*) FROM models, profiles, bgnbd_p_alive_path(bg, p, '2024-06-01', '0 days') WHERE models.name = 'bg'$$),
('step 12 hours', $$count(*) FROM models, profiles, bgnbd_p_alive_path(bg, p, '2024-06-01', '12 hours') WHERE models.name = 'bg'$$),
('step 48 hours (2 days)', $$count(*) FROM models, profiles, bgnbd_p_alive_path(bg, p, '2024-06-01', '48 hours') WHERE models.name = 'bg'$$),
('step -1 days', $$count(*) FROM models, profiles, bgnbd_p_alive_path(bg, p, '2024-06-01', '-1 days') WHERE models.name = 'bg'$$),
('as_of before the last order', $$count(*) FROM models, profiles, bgnbd_p_alive_path(bg, p, '2024-02-01', '1 day') WHERE models.name = 'bg'$$),
('unit_days 0', $$count(*) FROM models, profiles, bgnbd_p_alive_path(bg, p, '2024-06-01', '1 day', 0) WHERE models.name = 'bg'$$),
('profile NULL: no rows', $$count(*) FROM models, bgnbd_p_alive_path(bg, NULL::customer_profile, '2024-06-01', '1 day') WHERE models.name = 'bg'$$)) v;
INSERT INTO cases (function, input, query) SELECT 'bgnbd_simulate(bgnbd_model,float8,bigint)', * FROM (VALUES
('seed NULL', $$bgnbd_simulate(bg, 10, NULL)::text FROM models WHERE name = 'bg'$$),
('t 0', $$bgnbd_simulate(bg, 0, 1)::text FROM models WHERE name = 'bg'$$),
('t -1', $$bgnbd_simulate(bg, -1, 1)::text FROM models WHERE name = 'bg'$$),
('t NaN', $$bgnbd_simulate(bg, 'NaN', 1)::text FROM models WHERE name = 'bg'$$),
('t Infinity', $$bgnbd_simulate(bg, 'Infinity', 1)::text FROM models WHERE name = 'bg'$$),
('t 1e300: t_x within [0, t]', $$(s).t_x BETWEEN 0 AND 1e300 FROM (SELECT bgnbd_simulate(bg, 1e300, 1) s FROM models WHERE name = 'bg') a$$),
('seed -9223372036854775808', $$(s).x >= 0 FROM (SELECT bgnbd_simulate(bg, 10, -9223372036854775808) s FROM models WHERE name = 'bg') a$$),
('a 0', $$bgnbd_simulate('(1,1,0,2,0,0,t)', 10, 1)::text$$)) v;
-- Gamma-Gamma
INSERT INTO cases (function, input, query) SELECT 'gamma_gamma_agg(integer,float8)', * FROM (VALUES
('no rows', $$gamma_gamma_agg(x, m)::text FROM (VALUES (1, 1.0)) v(x, m) WHERE false$$),
('x = 0 and NULL rows skipped', $$gamma_gamma_agg(x, m)::text FROM (VALUES (0, 5.0), (NULL, 1), (1, NULL), (1, 3)) v(x, m)$$),
('mean_value 0', $$gamma_gamma_agg(x, m)::text FROM (VALUES (1, 0.0)) v(x, m)$$),
('mean_value -1', $$gamma_gamma_agg(x, m)::text FROM (VALUES (1, -1.0)) v(x, m)$$),
('mean_value NaN', $$gamma_gamma_agg(x, m)::text FROM (VALUES (1, 'NaN'::float8)) v(x, m)$$),
('mean_value Infinity', $$gamma_gamma_agg(x, m)::text FROM (VALUES (1, 'Infinity'::float8)) v(x, m)$$),
('x -1', $$gamma_gamma_agg(x, m)::text FROM (VALUES (-1, 3.0)) v(x, m)$$),
('x 0, mean_value NaN', $$gamma_gamma_agg(x, m)::text FROM (VALUES (0, 'NaN'::float8)) v(x, m)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'bgnbd_fit(integer,float8,float8)', * FROM (VALUES
('1 in 50 repeats once: a runs off (WARNING, converged false)', $$(m).converged FROM (SELECT bgnbd_fit(CASE WHEN i % 50 = 0 THEN 1 ELSE 0 END, CASE WHEN i % 50 = 0 THEN 10.0 + i % 7 ELSE 0 END, 40.0 - i % 3) m FROM generate_series(1, 5000) i) q$$)) v;
INSERT INTO cases (function, input, query) SELECT 'bgnbd_expected_purchases(bgnbd_model,float8,integer,float8,float8)', * FROM (VALUES
('model of that fit: a finite prediction', $$bgnbd_expected_purchases(m, 1, 2, 30.43, 38.86) BETWEEN 0 AND 1 FROM (SELECT bgnbd_fit(CASE WHEN i % 50 = 0 THEN 1 ELSE 0 END, CASE WHEN i % 50 = 0 THEN 10.0 + i % 7 ELSE 0 END, 40.0 - i % 3) m FROM generate_series(1, 5000) i) q$$)) v;
INSERT INTO cases (function, input, query) SELECT 'gamma_gamma_fit(integer,float8)', * FROM (VALUES
('no rows', $$gamma_gamma_fit(x, m)::text FROM (VALUES (1, 1.0)) v(x, m) WHERE false$$),
('only x = 0', $$gamma_gamma_fit(x, m)::text FROM (VALUES (0, 1.0)) v(x, m)$$),
('mean_value 0', $$gamma_gamma_fit(x, m)::text FROM (VALUES (1, 0.0)) v(x, m)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'gamma_gamma_fit(gamma_gamma_state)', * FROM (VALUES
('NULL', $$gamma_gamma_fit(NULL::gamma_gamma_state)::text$$),
('one customer', $$(gamma_gamma_fit('v2;tuples=1;tuple=1,11.77,1'::gamma_gamma_state)).n$$)) v;
INSERT INTO cases (function, input, query) SELECT 'customer_count(gamma_gamma_state)', * FROM (VALUES
('1 + 1 + 1', $$customer_count(:gg3)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'rollup(gamma_gamma_state)', * FROM (VALUES
('only NULLs', $$rollup(s)::text FROM (VALUES (NULL::gamma_gamma_state)) v(s)$$),
('count overflow', $$rollup(s)::text FROM (VALUES ('v2;tuples=1;tuple=1,11.77,9223372036854775807'::gamma_gamma_state), ('v2;tuples=1;tuple=1,11.77,1')) v(s)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'gamma_gamma_state_in(cstring)', * FROM (VALUES
('empty text', $$''::gamma_gamma_state::text$$),
('version 3', $$'v3;tuples=1;tuple=1,11.77,1'::gamma_gamma_state::text$$),
('the released 1.0 form (1;<n>;<entries>)', $$'1;2;1,11.77,1;2,22.35,1'::gamma_gamma_state::text$$),
('a 1.0 form of version 2', $$'2;1;1,11.77,1'::gamma_gamma_state::text$$),
('an entry with a key of its own', $$'v2;tuples=1;x=1,11.77,1'::gamma_gamma_state::text$$),
('declared count too low', $$'v2;tuples=1;tuple=1,11.77,1;tuple=2,22.35,1'::gamma_gamma_state::text$$),
('x 0', $$'v2;tuples=1;tuple=0,11.77,1'::gamma_gamma_state::text$$),
('mean_value 0', $$'v2;tuples=1;tuple=1,0,1'::gamma_gamma_state::text$$),
('mean_value NaN', $$'v2;tuples=1;tuple=1,NaN,1'::gamma_gamma_state::text$$),
('entries unsorted', $$'v2;tuples=2;tuple=2,22.35,1;tuple=1,11.77,1'::gamma_gamma_state::text$$),
('count -1', $$'v2;tuples=1;tuple=1,11.77,-1'::gamma_gamma_state::text$$)) v;
INSERT INTO cases (function, input, query) SELECT 'gamma_gamma_expected_mean(gamma_gamma_model,integer,float8)', * FROM (VALUES
('model NULL', $$gamma_gamma_expected_mean(NULL, 1, 3)$$),
('x NULL', $$gamma_gamma_expected_mean(gg, NULL, 3) FROM models WHERE name = 'bg'$$),
('x 1, m 3 ((1 + 3) / 2)', $$gamma_gamma_expected_mean(gg, 1, 3) FROM models WHERE name = 'bg'$$),
('x 0, m NULL (1 / 1)', $$gamma_gamma_expected_mean(gg, 0, NULL) FROM models WHERE name = 'bg'$$),
('x 1, m NULL', $$gamma_gamma_expected_mean(gg, 1, NULL) FROM models WHERE name = 'bg'$$),
('x -1', $$gamma_gamma_expected_mean(gg, -1, 3) FROM models WHERE name = 'bg'$$),
('m 0', $$gamma_gamma_expected_mean(gg, 1, 0) FROM models WHERE name = 'bg'$$),
('m NaN', $$gamma_gamma_expected_mean(gg, 1, 'NaN') FROM models WHERE name = 'bg'$$),
('p x + q - 1 = 2^-40 (exact, 2^40 gamma p)', $$gamma_gamma_expected_mean('(1,1.0000000000009095,1,0,0,t)', 0, NULL) = 2.0 ^ 40$$),
('x m overflows, result does not (1e308)', $$gamma_gamma_expected_mean('(1e300,2,1,0,0,t)', 10, 1e308)$$),
('result above DBL_MAX', $$gamma_gamma_expected_mean('(1,1.5,1e308,0,0,t)', 0, NULL)$$),
('m 1e308', $$gamma_gamma_expected_mean(gg, 1, 1e308) FROM models WHERE name = 'bg'$$),
('q 1 (no mean), x 0', $$gamma_gamma_expected_mean('(1,1,1,0,0,t)', 0, NULL)$$),
('q 0.5, x 1', $$gamma_gamma_expected_mean('(1,0.5,1,0,0,t)', 1, 3)$$),
('p 0', $$gamma_gamma_expected_mean('(0,2,1,0,0,t)', 1, 3)$$),
('gamma Infinity', $$gamma_gamma_expected_mean('(1,2,Infinity,0,0,t)', 1, 3)$$),
('model field q NULL', $$gamma_gamma_expected_mean('(1,,1,0,0,t)', 1, 3)$$),
('extreme model (1e300 each), m 1e300', $$gamma_gamma_expected_mean('(1e300,1e300,1e300,0,0,t)', 1, 1e300)$$)) v;
-- CLV and the value at risk (non-strict: NULL margin and discount_rate take their defaults)
INSERT INTO cases (function, input, query) SELECT 'customer_lifetime_value(bgnbd_model,gamma_gamma_model,integer,float8,float8,float8,float8,float8,float8)', * FROM (VALUES
('horizon 0', $$customer_lifetime_value(bg, gg, 1, 5, 10, 3, 0) FROM models WHERE name = 'bg2'$$),
('margin and discount NULL = defaults', $$customer_lifetime_value(bg, gg, 1, 5, 10, 3, 52, NULL, NULL) = customer_lifetime_value(bg, gg, 1, 5, 10, 3, 52) FROM models WHERE name = 'bg2'$$),
('bgnbd model NULL', $$customer_lifetime_value(NULL, gg, 1, 5, 10, 3, 52) FROM models WHERE name = 'bg2'$$),
('horizon NULL', $$customer_lifetime_value(bg, gg, 1, 5, 10, 3, NULL) FROM models WHERE name = 'bg2'$$),
('x 0, mean_value NULL', $$customer_lifetime_value(bg, gg, 0, 0, 10, NULL, 52) > 0 FROM models WHERE name = 'bg2'$$),
('x 1, mean_value NULL', $$customer_lifetime_value(bg, gg, 1, 5, 10, NULL, 52) FROM models WHERE name = 'bg2'$$),
('horizon -1', $$customer_lifetime_value(bg, gg, 1, 5, 10, 3, -1) FROM models WHERE name = 'bg2'$$),
('horizon NaN', $$customer_lifetime_value(bg, gg, 1, 5, 10, 3, 'NaN') FROM models WHERE name = 'bg2'$$),
('horizon 1000', $$customer_lifetime_value(bg, gg, 1, 5, 10, 3, 1000) > 0 FROM models WHERE name = 'bg2'$$),
('horizon 100001', $$customer_lifetime_value(bg, gg, 1, 5, 10, 3, 100001) FROM models WHERE name = 'bg2'$$),
('margin -0.5', $$customer_lifetime_value(bg, gg, 1, 5, 10, 3, 52, -0.5) FROM models WHERE name = 'bg2'$$),
('margin Infinity', $$customer_lifetime_value(bg, gg, 1, 5, 10, 3, 52, 'Infinity') FROM models WHERE name = 'bg2'$$),
('margin 0', $$customer_lifetime_value(bg, gg, 1, 5, 10, 3, 52, 0) FROM models WHERE name = 'bg2'$$),
('discount_rate -1', $$customer_lifetime_value(bg, gg, 1, 5, 10, 3, 52, 1, -1) FROM models WHERE name = 'bg2'$$),
('discount_rate NaN', $$customer_lifetime_value(bg, gg, 1, 5, 10, 3, 52, 1, 'NaN') FROM models WHERE name = 'bg2'$$),
('discount_rate 1e300', $$customer_lifetime_value(bg, gg, 1, 5, 10, 3, 52, 1, 1e300) FROM models WHERE name = 'bg2'$$),
('t_x > T', $$customer_lifetime_value(bg, gg, 1, 11, 10, 3, 52) FROM models WHERE name = 'bg2'$$),
('mean_value -3', $$customer_lifetime_value(bg, gg, 1, 5, 10, -3, 52) FROM models WHERE name = 'bg2'$$),
('spend model q 1', $$customer_lifetime_value(bg, '(1,1,1,0,0,t)', 1, 5, 10, 3, 52) FROM models WHERE name = 'bg2'$$),
('extreme models, mean_value 1e300', $$customer_lifetime_value('(1e300,1e-300,1e300,1e-300,0,0,t)', '(1e300,1e300,1e300,0,0,t)', 1, 1, 2, 1e300, 52)$$),
('purchase rate 1e300 (alpha 1e-300), mean_value 1e300', $$customer_lifetime_value('(1,1e-300,2,3,0,0,t)', '(1,2,1,0,0,t)', 1, 1, 2, 1e300, 52)$$)) v;
-- the profile forms (issue 17 item 7): x, t_x, T from the profile, mean_value = repeat_mean_value(profile)
INSERT INTO cases (function, input, query) SELECT 'customer_lifetime_value(bgnbd_model,gamma_gamma_model,customer_profile,timestamptz,float8,float8,float8,float8)', * FROM (VALUES
('equal to the row form (x 1, t_x 64, T 70 days, mean 7.50)', $$customer_lifetime_value(bg, gg, (SELECT customer_profile(t, a, 'UTC') FROM (VALUES ('2024-01-01 10:00+00'::timestamptz, 12.50), ('2024-03-05 23:30+00', 7.50)) v(t, a)), '2024-03-11', 1, 52) = customer_lifetime_value(bg, gg, 1, 64, 70, 7.5, 52) FROM models WHERE name = 'bg2'$$),
('one purchase day (x 0: no mean needed)', $$customer_lifetime_value(bg, gg, :one_day, '2024-03-11', 1, 52) = customer_lifetime_value(bg, gg, 0, 0, 70, NULL, 52) FROM models WHERE name = 'bg2'$$),
('1.0 profile of two days (first day unknown)', $$customer_lifetime_value(bg, gg, p, '2024-03-11', 1, 52) FROM models, profiles WHERE models.name = 'bg2' AND profiles.name = 'two'$$),
('profile NULL', $$customer_lifetime_value(bg, gg, NULL::customer_profile, '2024-03-11', 1, 52) FROM models WHERE name = 'bg2'$$),
('as_of NULL', $$customer_lifetime_value(bg, gg, p, NULL, 1, 52) FROM models, profiles WHERE models.name = 'bg2' AND profiles.name = 'two'$$),
('as_of before the last order', $$customer_lifetime_value(bg, gg, p, '2024-03-01', 1, 52) FROM models, profiles WHERE models.name = 'bg2' AND profiles.name = 'two'$$),
('as_of infinity', $$customer_lifetime_value(bg, gg, p, 'infinity', 1, 52) FROM models, profiles WHERE models.name = 'bg2' AND profiles.name = 'two'$$),
('unit_days 0', $$customer_lifetime_value(bg, gg, p, '2024-03-11', 0, 52) FROM models, profiles WHERE models.name = 'bg2' AND profiles.name = 'two'$$),
('horizon -1', $$customer_lifetime_value(bg, gg, :one_day, '2024-03-11', 1, -1) FROM models WHERE name = 'bg2'$$),
('margin and discount NULL = defaults', $$customer_lifetime_value(bg, gg, :one_day, '2024-03-11', 1, 52, NULL, NULL) = customer_lifetime_value(bg, gg, :one_day, '2024-03-11', 1, 52) FROM models WHERE name = 'bg2'$$),
('repeat mean value -3 (refunds)', $$customer_lifetime_value(bg, gg, (SELECT customer_profile(t, a, 'UTC') FROM (VALUES ('2024-01-01 10:00+00'::timestamptz, 12.50), ('2024-03-05 23:30+00', -3)) v(t, a)), '2024-03-11', 1, 52) FROM models WHERE name = 'bg2'$$)) v;
INSERT INTO cases (function, input, query) SELECT 'gamma_gamma_agg(customer_profile)', * FROM (VALUES
('no rows', $$gamma_gamma_agg(p)::text FROM profiles WHERE false$$),
('one-day profiles and NULLs skipped', $$gamma_gamma_agg(p)::text FROM (VALUES (:one_day), (NULL)) v(p)$$),
('equal to the row form (x 1, mean 7.5)', $$gamma_gamma_agg(p)::text = gamma_gamma_agg(1, 7.5)::text FROM profiles WHERE name = 'two_v2'$$),
('1.0 profile of two days (first day unknown)', $$gamma_gamma_agg(p)::text FROM profiles WHERE name = 'two'$$),
('repeat mean value -3 (refunds)', $$gamma_gamma_agg(p)::text FROM (SELECT (SELECT customer_profile(t, a, 'UTC') FROM (VALUES ('2024-01-01 10:00+00'::timestamptz, 12.50), ('2024-03-05 23:30+00', -3)) v(t, a)) AS p) s$$),
('repeat mean value 0', $$gamma_gamma_agg(p)::text FROM (SELECT (SELECT customer_profile(t, a, 'UTC') FROM (VALUES ('2024-01-01 10:00+00'::timestamptz, 12.50), ('2024-03-05 23:30+00', 0)) v(t, a)) AS p) s$$),
('repeat mean value 1e400 (beyond float8)', $$gamma_gamma_agg(p)::text FROM (SELECT (SELECT customer_profile(t, a, 'UTC') FROM (VALUES ('2024-01-01 10:00+00'::timestamptz, 12.50), ('2024-03-05 23:30+00', 1e400)) v(t, a)) AS p) s$$)) v;
INSERT INTO cases (function, input, query) SELECT 'gamma_gamma_fit(customer_profile)', * FROM (VALUES
('no rows', $$gamma_gamma_fit(p)::text FROM profiles WHERE false$$),
('only one-day profiles', $$gamma_gamma_fit(p)::text FROM (SELECT :one_day AS p) s$$),
('1.0 profile of two days (first day unknown)', $$gamma_gamma_fit(p)::text FROM profiles WHERE name = 'two'$$),
('repeat mean value -3 (refunds)', $$gamma_gamma_fit(p)::text FROM (SELECT (SELECT customer_profile(t, a, 'UTC') FROM (VALUES ('2024-01-01 10:00+00'::timestamptz, 12.50), ('2024-03-05 23:30+00', -3)) v(t, a)) AS p) s$$),
('repeat mean value -3 left out by the documented filter', $$gamma_gamma_fit(p)::text = gamma_gamma_fit(1, 7.5)::text FROM (VALUES ((SELECT customer_profile(t, a, 'UTC') FROM (VALUES ('2024-01-01 10:00+00'::timestamptz, 12.50), ('2024-03-05 23:30+00', -3)) v(t, a))), ((SELECT p FROM profiles WHERE name = 'two_v2'))) s(p) WHERE repeat_mean_value(p) > 0$$)) v;
INSERT INTO cases (function, input, query) SELECT 'expected_lost_value(bgnbd_model,gamma_gamma_model,integer,float8,float8,float8,float8,float8,float8)', * FROM (VALUES
('x 0 (alive for sure: 0)', $$expected_lost_value(bg, gg, 0, 0, 10, NULL, 52) FROM models WHERE name = 'bg2'$$),
('clv + lost = clv / P(alive)', $$abs((customer_lifetime_value(bg, gg, 2, 5, 10, 3, 52) + expected_lost_value(bg, gg, 2, 5, 10, 3, 52)) / (customer_lifetime_value(bg, gg, 2, 5, 10, 3, 52) / bgnbd_p_alive(bg, 2, 5, 10)) - 1) < 1e-12 FROM models WHERE name = 'bg2'$$),
('P(alive) = 1 - 4e-13: lost / clv = the odds a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)', $$abs(expected_lost_value('(1,1,1e-12,2,0,0,t)', gg, 3, 9, 10, 3, 52) / customer_lifetime_value('(1,1,1e-12,2,0,0,t)', gg, 3, 9, 10, 3, 52) / (1e-12 / 4 * (11.0 / 10) ^ 4) - 1) < 1e-12 FROM models WHERE name = 'bg2'$$),
('horizon 100001', $$expected_lost_value(bg, gg, 1, 5, 10, 3, 100001) FROM models WHERE name = 'bg2'$$),
('margin NaN', $$expected_lost_value(bg, gg, 1, 5, 10, 3, 52, 'NaN') FROM models WHERE name = 'bg2'$$),
('spend model NULL', $$expected_lost_value(bg, NULL, 1, 5, 10, 3, 52) FROM models WHERE name = 'bg2'$$),
('extreme models, mean_value 1e300', $$expected_lost_value('(1e300,1e-300,1e300,1e-300,0,0,t)', '(1e300,1e300,1e300,0,0,t)', 1, 1, 2, 1e300, 52)$$),
('model field b NULL', $$expected_lost_value('(1,1,2,,0,0,t)', gg, 1, 5, 10, 3, 52) FROM models WHERE name = 'bg2'$$)) v;

-- binary input: the receive functions read bytes given through COPY (FORMAT binary)
INSERT INTO cases (function, input, query) SELECT 'bgnbd_state_send(bgnbd_state)', * FROM (VALUES
('NULL', $$bgnbd_state_send(NULL::bgnbd_state)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'bgnbd_state_recv(internal)', * FROM (VALUES
('the bytes of send', $$pg_temp.recv('bgnbd_state', bgnbd_state_send(:bg4))$$),
('no bytes', $$pg_temp.recv('bgnbd_state', '\x')$$),
('last byte missing', $$pg_temp.recv('bgnbd_state', pg_temp.chop(bgnbd_state_send(:bg4)))$$),
('a byte too many', $$pg_temp.recv('bgnbd_state', bgnbd_state_send(:bg4) || '\x00'::bytea)$$),
('first byte 0xff', $$pg_temp.recv('bgnbd_state', pg_temp.poke(bgnbd_state_send(:bg4), 1, '\xff'))$$),
('bytes 5-8 0xff', $$pg_temp.recv_any('bgnbd_state', pg_temp.poke(bgnbd_state_send(:bg4), 5, '\xffffffff'))$$),
('counts 2^63-1 and 1: total past 2^63-1 (issue 14)', $$pg_temp.recv('bgnbd_state', '\x000000010000000200000000000000000000000040240000000000007fffffffffffffff00000002401600000000000040240000000000000000000000000001')$$),
('t_x = -0: stored as 0 (issue 14)', $$pg_temp.recv('bgnbd_state', '\x000000010000000100000000800000000000000040240000000000000000000000000001')$$)) v;
INSERT INTO cases (function, input, query) SELECT 'gamma_gamma_state_send(gamma_gamma_state)', * FROM (VALUES
('NULL', $$gamma_gamma_state_send(NULL::gamma_gamma_state)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'gamma_gamma_state_recv(internal)', * FROM (VALUES
('the bytes of send', $$pg_temp.recv('gamma_gamma_state', gamma_gamma_state_send(:gg3))$$),
('no bytes', $$pg_temp.recv('gamma_gamma_state', '\x')$$),
('last byte missing', $$pg_temp.recv('gamma_gamma_state', pg_temp.chop(gamma_gamma_state_send(:gg3)))$$),
('a byte too many', $$pg_temp.recv('gamma_gamma_state', gamma_gamma_state_send(:gg3) || '\x00'::bytea)$$),
('first byte 0xff', $$pg_temp.recv('gamma_gamma_state', pg_temp.poke(gamma_gamma_state_send(:gg3), 1, '\xff'))$$),
('bytes 5-8 0xff', $$pg_temp.recv_any('gamma_gamma_state', pg_temp.poke(gamma_gamma_state_send(:gg3), 5, '\xffffffff'))$$),
('counts 2^63-1 and 1: total past 2^63-1 (issue 14)', $$pg_temp.recv('gamma_gamma_state', '\x00000001000000020000000140250000000000007fffffffffffffff000000033f847ae147ae147b0000000000000001')$$)) v;

-- bgnbd_pmf: bg (P(alive) 2/3 for x = 1, t_x = T = 5); given alive r + x = 2, alpha + T = 6, a = 1,
-- b + x = 3, so at h = 6 (z = 1/2): P(1 | alive) = B(1,4)/B(1,3) NB(1) + B(2,3)/B(1,3) P(NB >= 1)
-- = 3/4 1/4 + 1/4 3/4 = 3/8, P(1) = 2/3 3/8 = 1/4; P(0) = 1/3 + 2/3 1/4 = 1/2 (bgnbd_p_no_purchase's).
INSERT INTO cases (function, input, query) SELECT 'bgnbd_pmf(bgnbd_model,integer,float8,integer,float8,float8)', * FROM (VALUES
('n = 1, x = 1, t_x = T = 5, h = 6 (2/3 3/8 = 1/4)', $$round(bgnbd_pmf(bg, 1, 6, 1, 5, 5)::numeric, 12) FROM models WHERE name = 'bg'$$),
('n = 0 (1/3 + 2/3 1/4 = 1/2)', $$round(bgnbd_pmf(bg, 0, 6, 1, 5, 5)::numeric, 12) FROM models WHERE name = 'bg'$$),
('n -1', $$bgnbd_pmf(bg, -1, 6, 1, 5, 5) FROM models WHERE name = 'bg'$$),
('n NULL', $$bgnbd_pmf(bg, NULL, 6, 1, 5, 5) FROM models WHERE name = 'bg'$$),
('horizon -1', $$bgnbd_pmf(bg, 1, -1, 1, 5, 5) FROM models WHERE name = 'bg'$$),
('horizon NaN', $$bgnbd_pmf(bg, 1, 'NaN', 1, 5, 5) FROM models WHERE name = 'bg'$$),
('horizon Infinity', $$bgnbd_pmf(bg, 1, 'Infinity', 1, 5, 5) FROM models WHERE name = 'bg'$$),
('horizon 0, n 0 (1)', $$bgnbd_pmf(bg, 0, 0, 1, 5, 5) FROM models WHERE name = 'bg'$$),
('horizon 0, 1,170 customers (x 1..30, t_x 1..39, T 40): every value exactly 1 (the shares of P(alive) summed were 1 ulp short for about a quarter)', $$count(*) FILTER (WHERE bgnbd_pmf(bg, 0, 0, x, t_x, 40) <> 1) FROM models, generate_series(1, 30) x, generate_series(1, 39) t_x WHERE models.name = 'bg'$$),
('horizon 0, n 3 (0)', $$bgnbd_pmf(bg, 3, 0, 1, 5, 5) FROM models WHERE name = 'bg'$$),
('horizon 1e300, n 0: the dead, 1/3', $$round(bgnbd_pmf(bg, 0, 1e300, 1, 5, 5)::numeric, 12) FROM models WHERE name = 'bg'$$),
('horizon 1e300, n 3: 2/3 a (b+x)_2 / (a+b+x)_3 = 2/3 12/120', $$round(bgnbd_pmf(bg, 3, 1e300, 1, 5, 5)::numeric, 12) FROM models WHERE name = 'bg'$$),
('horizon 1e300, n 100000000: the sum too long', $$bgnbd_pmf(bg, 100000000, 1e300, 1, 5, 5) FROM models WHERE name = 'bg'$$),
('n 2147483647: 0 or a tiny value', $$bgnbd_pmf(bg, 2147483647, 1, 1, 5, 5) < 1e-300 FROM models WHERE name = 'bg'$$),
('x = t_x = T = 0: bgnbd_pmf_new', $$bgnbd_pmf(bg, 1, 1, 0, 0, 0) = bgnbd_pmf_new(bg, 1, 1) FROM models WHERE name = 'bg2'$$),
('x -1', $$bgnbd_pmf(bg, 1, 10, -1, 0, 5) FROM models WHERE name = 'bg'$$),
('x > 0, t_x = 0', $$bgnbd_pmf(bg, 1, 10, 1, 0, 5) FROM models WHERE name = 'bg'$$),
('t_x > T', $$bgnbd_pmf(bg, 1, 10, 1, 6, 5) FROM models WHERE name = 'bg'$$),
('T Infinity', $$bgnbd_pmf(bg, 1, 10, 1, 1, 'Infinity') FROM models WHERE name = 'bg'$$),
('T 1e308: P(n = 0) = 1 - P(alive) + P(alive) = 1', $$bgnbd_pmf(bg, 0, 10, 1, 1, 1e308) FROM models WHERE name = 'bg'$$),
('model field a NULL', $$bgnbd_pmf('(1,1,,2,0,0,t)', 1, 10, 1, 5, 5)$$),
('a -1', $$bgnbd_pmf('(1,1,-1,2,0,0,t)', 1, 10, 1, 5, 5)$$),
('extreme model', $$bgnbd_pmf('(1e300,1e-300,1e300,1e-300,0,0,t)', 1, 10, 1, 1, 10)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'bgnbd_pmf(bgnbd_model,integer,float8,customer_profile,timestamptz,float8)', * FROM (VALUES
('profile NULL', $$bgnbd_pmf(bg, 1, 10, NULL::customer_profile, '2024-06-01') FROM models WHERE name = 'bg'$$),
('n -1', $$bgnbd_pmf(bg, -1, 10, p, '2024-06-01') FROM models, profiles WHERE models.name = 'bg' AND profiles.name = 'two'$$),
('horizon -1', $$bgnbd_pmf(bg, 1, -1, p, '2024-06-01') FROM models, profiles WHERE models.name = 'bg' AND profiles.name = 'two'$$),
('as_of before the last order', $$bgnbd_pmf(bg, 1, 10, p, '2024-02-01') FROM models, profiles WHERE models.name = 'bg' AND profiles.name = 'two'$$),
('unit_days NaN', $$bgnbd_pmf(bg, 1, 10, p, '2024-06-01', 'NaN') FROM models, profiles WHERE models.name = 'bg' AND profiles.name = 'two'$$),
('unit_days 0', $$bgnbd_pmf(bg, 1, 10, p, '2024-06-01', 0) FROM models, profiles WHERE models.name = 'bg' AND profiles.name = 'two'$$),
('equals the (x, t_x, T) form', $$bgnbd_pmf(bg, 1, 10, p, '2024-06-01') = bgnbd_pmf(bg, 1, 10, 1, 64, 152) FROM models, profiles WHERE models.name = 'bg' AND profiles.name = 'two'$$)) v;
SELECT n, function, input, pg_temp.outcome(query) AS outcome FROM cases ORDER BY n;

-- Every error above is of class 22, or 0A000 for a support function called outside an aggregate;
-- and 08P01 for binary input of the wrong length (PostgreSQL's message reader raises it for every
-- type's receive function, built-in types included).
SELECT n, function, input, pg_temp.outcome(query) AS outcome
FROM cases WHERE pg_temp.outcome(query) LIKE 'ERROR%' AND pg_temp.outcome(query) NOT LIKE 'ERROR 22%'
  AND function NOT LIKE 'cf\_%'
  AND NOT (function LIKE '%\_recv(internal)' AND pg_temp.outcome(query) = 'ERROR 08P01');

DROP TABLE cases, models, profiles, simulated;
