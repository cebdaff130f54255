-- Bad input to the MBG/NBD model (issue 17): fits over rows, states and profiles,
-- P(alive) and expected purchases (over (x, t_x, T) and profiles), the churn windows
-- mbgnbd_p_no_purchase and mbgnbd_pmf_new, and mbgnbd_simulate, tried with NULL, empty, zero,
-- negative, NaN, +-Infinity, huge values and malformed models.  Each case gives a
-- documented result or an error of SQLSTATE class 22 (doc/hardening.md points to
-- this table).
SET extra_float_digits = 0;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';

-- outcome(query [, setting]) and recv(type, bytes): test/regress/hardening_helpers.sql.
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/hardening_helpers.sql
SET client_min_messages = error;  -- no "did not converge" warnings in the output

-- mb: r = 1, alpha = 1, a = 1, b = 2.  P(alive) = 1 / (1 + a/(b+x) ((alpha+T)/(alpha+t_x))^(r+x)):
-- 0.75 for x = 1, t_x = T; 2/3 for x = 0, T = 0.
CREATE TEMP TABLE models (name text PRIMARY KEY, mb mbgnbd_model);
INSERT INTO models VALUES ('mb', '(1,1,1,2,0,0,t)'), ('mb2', '(1,1,2,3,0,0,t)');
-- two: orders on 2024-01-01 and 2024-03-05 (x = 1, t_x = 64 days).
CREATE TEMP TABLE profiles (name text PRIMARY KEY, p customer_profile);
INSERT INTO profiles VALUES
('two', 'v1;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20.00;moment=175800.00;days=2024-01-01+64');
-- 2,000 customers simulated from r = 0.5, alpha = 6, a = 0.9, b = 1.6 over 52 periods.
CREATE TEMP TABLE simulated AS
SELECT i AS customer_id, (s).x, (s).t_x, 52.0::float8 AS t
FROM (SELECT i, mbgnbd_simulate('(0.5,6,0.9,1.6,0,0,t)', 52, i) s FROM generate_series(1, 2000) i) a;

CREATE TEMP TABLE cases (n serial, function text, input text, query text);
INSERT INTO samples VALUES
('bg4', $$'v2;tuples=4;tuple=0,0,38.86,3;tuple=1,1.71,38.86,1;tuple=2,30.43,38.86,1;tuple=7,29.43,38.86,1'::bgnbd_state$$);
INSERT INTO cases (function, input, query) SELECT 'mbgnbd_fit(integer,float8,float8)', * FROM (VALUES
('no rows', $$mbgnbd_fit(x, t_x, t)::text FROM simulated WHERE false$$),
('no repeat customers', $$mbgnbd_fit(x, t_x, t)::text FROM simulated WHERE x = 0$$),
('only NULL rows', $$mbgnbd_fit(x, t_x, t)::text FROM (VALUES (NULL::int, 1.0, 2.0)) v(x, t_x, t)$$),
('one customer: converged = false, no NaN', $$(m).converged || ' ' || (m).n || ' ' || ((m).r::text <> 'NaN' AND (m).b::text <> 'NaN') FROM (SELECT mbgnbd_fit(x, t_x, t) m FROM (VALUES (3, 10.0, 30.0)) v(x, t_x, t)) f$$),
('2000 simulated customers', $$(m).n || ' ' || (m).converged || ' ' || ((m).r BETWEEN 0.3 AND 0.8) FROM (SELECT mbgnbd_fit(x, t_x, t) m FROM simulated) f$$),
('x -1', $$mbgnbd_fit(x, t_x, t)::text FROM (VALUES (-1, 0.0, 2.0)) v(x, t_x, t)$$),
('t_x > T', $$mbgnbd_fit(x, t_x, t)::text FROM (VALUES (1, 11.0, 10.0)) v(x, t_x, t)$$),
('T NaN', $$mbgnbd_fit(x, t_x, t)::text FROM (VALUES (1, 1.0, 'NaN'::float8)) v(x, t_x, t)$$),
('T Infinity', $$mbgnbd_fit(x, t_x, t)::text FROM (VALUES (1, 1.0, 'Infinity'::float8)) v(x, t_x, t)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'mbgnbd_fit(bgnbd_state)', * FROM (VALUES
('NULL', $$mbgnbd_fit(NULL::bgnbd_state)::text$$),
('four triples', $$(m).n || ' ' || ((m).log_likelihood < 0) FROM (SELECT mbgnbd_fit(:bg4) m) f$$),
('empty state', $$mbgnbd_fit('1;0'::bgnbd_state)::text$$)) v;
INSERT INTO cases (function, input, query) SELECT 'mbgnbd_fit(customer_profile,timestamptz)', * FROM (VALUES
('no rows', $$mbgnbd_fit(p, '2024-06-01')::text FROM profiles WHERE false$$),
('as_of NULL skipped: no customers', $$mbgnbd_fit(p, NULL)::text FROM profiles$$),
('as_of before the last order', $$mbgnbd_fit(p, '2024-02-01')::text FROM profiles$$)) v;
INSERT INTO cases (function, input, query) SELECT 'mbgnbd_fit(customer_profile,timestamptz,float8)', * FROM (VALUES
('unit_days -7', $$mbgnbd_fit(p, '2024-06-01', -7)::text FROM profiles$$),
('unit_days NaN', $$mbgnbd_fit(p, '2024-06-01', 'NaN')::text FROM profiles$$)) v;
INSERT INTO cases (function, input, query) SELECT 'cf_mbgnbd_fit_final(bgnbd_state)', * FROM (VALUES
('NULL (no customers)', $$cf_mbgnbd_fit_final(NULL)::text$$)) v;
INSERT INTO cases (function, input, query) SELECT 'mbgnbd_p_alive(mbgnbd_model,integer,float8,float8)', * FROM (VALUES
('model NULL', $$mbgnbd_p_alive(NULL, 1, 1, 1)$$),
('x = 1, t_x = T (0.75)', $$mbgnbd_p_alive(mb, 1, 5, 5) FROM models WHERE name = 'mb'$$),
('x = 0, T = 0 (2/3)', $$round(mbgnbd_p_alive(mb, 0, 0, 0)::numeric, 12) FROM models WHERE name = 'mb'$$),
('model field r NULL', $$mbgnbd_p_alive('(,1,1,2,0,0,t)', 1, 5, 5)$$),
('r 0', $$mbgnbd_p_alive('(0,1,1,2,0,0,t)', 1, 5, 5)$$),
('alpha -1', $$mbgnbd_p_alive('(1,-1,1,2,0,0,t)', 1, 5, 5)$$),
('a NaN', $$mbgnbd_p_alive('(1,1,NaN,2,0,0,t)', 1, 5, 5)$$),
('b Infinity', $$mbgnbd_p_alive('(1,1,1,Infinity,0,0,t)', 1, 5, 5)$$),
('x -1', $$mbgnbd_p_alive(mb, -1, 0, 5) FROM models WHERE name = 'mb'$$),
('x > 0, t_x = 0', $$mbgnbd_p_alive(mb, 1, 0, 5) FROM models WHERE name = 'mb'$$),
('x = 0, t_x = 1', $$mbgnbd_p_alive(mb, 0, 1, 5) FROM models WHERE name = 'mb'$$),
('t_x > T', $$mbgnbd_p_alive(mb, 1, 6, 5) FROM models WHERE name = 'mb'$$),
('T NaN', $$mbgnbd_p_alive(mb, 1, 1, 'NaN') FROM models WHERE name = 'mb'$$),
('T Infinity', $$mbgnbd_p_alive(mb, 1, 1, 'Infinity') FROM models WHERE name = 'mb'$$),
('x 2147483647: 0', $$mbgnbd_p_alive(mb, 2147483647, 1, 10) FROM models WHERE name = 'mb'$$),
('T 1e308, x 0: about 2e-308', $$mbgnbd_p_alive(mb, 0, 0, 1e308) FROM models WHERE name = 'mb'$$),
('extreme model', $$mbgnbd_p_alive('(1e300,1e-300,1e300,1e-300,0,0,t)', 1, 1, 10)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'mbgnbd_expected_purchases(mbgnbd_model,float8,integer,float8,float8)', * FROM (VALUES
('horizon NULL', $$mbgnbd_expected_purchases(mb, NULL, 1, 5, 5) FROM models WHERE name = 'mb'$$),
('horizon 0', $$mbgnbd_expected_purchases(mb, 0, 1, 5, 5) FROM models WHERE name = 'mb'$$),
('horizon -1', $$mbgnbd_expected_purchases(mb, -1, 1, 5, 5) FROM models WHERE name = 'mb'$$),
('horizon NaN', $$mbgnbd_expected_purchases(mb, 'NaN', 1, 5, 5) FROM models WHERE name = 'mb'$$),
('horizon Infinity', $$mbgnbd_expected_purchases(mb, 'Infinity', 1, 5, 5) FROM models WHERE name = 'mb'$$),
('horizon 1e10 (series too long)', $$mbgnbd_expected_purchases(mb, 1e10, 1, 1, 1) FROM models WHERE name = 'mb'$$),
('x -1', $$mbgnbd_expected_purchases(mb, 10, -1, 0, 5) FROM models WHERE name = 'mb'$$),
('a = 1 (removable singularity)', $$mbgnbd_expected_purchases(mb, 10, 1, 5, 5) > 0 FROM models WHERE name = 'mb'$$),
('b 0', $$mbgnbd_expected_purchases('(1,1,1,0,0,0,t)', 10, 1, 5, 5)$$),
('a = b = 1e300: finite', $$mbgnbd_expected_purchases('(0.243,4.414,1e300,1e300,0,0,t)', 52, 2, 30.43, 38.86) >= 0$$),
('extreme model', $$mbgnbd_expected_purchases('(1e300,1e-300,1e300,1e-300,0,0,t)', 10, 1, 1, 10)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'mbgnbd_expected_purchases_new(mbgnbd_model,float8)', * FROM (VALUES
('horizon 0', $$mbgnbd_expected_purchases_new(mb, 0) FROM models WHERE name = 'mb2'$$),
('horizon -1', $$mbgnbd_expected_purchases_new(mb, -1) FROM models WHERE name = 'mb2'$$),
('horizon Infinity', $$mbgnbd_expected_purchases_new(mb, 'Infinity') FROM models WHERE name = 'mb2'$$),
('horizon 1e300', $$mbgnbd_expected_purchases_new(mb, 1e300) FROM models WHERE name = 'mb2'$$),
('a = 1', $$mbgnbd_expected_purchases_new(mb, 10) > 0 FROM models WHERE name = 'mb'$$),
('model field alpha NULL', $$mbgnbd_expected_purchases_new('(1,,2,3,0,0,t)', 10)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'mbgnbd_p_alive(mbgnbd_model,customer_profile,timestamptz,float8)', * FROM (VALUES
('profile NULL', $$mbgnbd_p_alive(mb, NULL::customer_profile, '2024-06-01') FROM models WHERE name = 'mb'$$),
('as_of NULL', $$mbgnbd_p_alive(mb, p, NULL) FROM models, profiles WHERE models.name = 'mb'$$),
('as_of before the last order', $$mbgnbd_p_alive(mb, p, '2024-02-01') FROM models, profiles WHERE models.name = 'mb'$$),
('as_of Infinity', $$mbgnbd_p_alive(mb, p, 'infinity') FROM models, profiles WHERE models.name = 'mb'$$),
('unit_days 0', $$mbgnbd_p_alive(mb, p, '2024-06-01', 0) FROM models, profiles WHERE models.name = 'mb'$$),
('unit_days NaN', $$mbgnbd_p_alive(mb, p, '2024-06-01', 'NaN') FROM models, profiles WHERE models.name = 'mb'$$),
('model field b NULL', $$mbgnbd_p_alive('(1,1,1,,0,0,t)', p, '2024-06-01') FROM profiles$$),
('equals the (x, t_x, T) form', $$mbgnbd_p_alive(mb, p, '2024-06-01') = mbgnbd_p_alive(mb, 1, 64, 152) FROM models, profiles WHERE models.name = 'mb'$$)) v;
INSERT INTO cases (function, input, query) SELECT 'mbgnbd_expected_purchases(mbgnbd_model,float8,customer_profile,timestamptz,float8)', * FROM (VALUES
('profile NULL', $$mbgnbd_expected_purchases(mb, 10, NULL::customer_profile, '2024-06-01') FROM models WHERE name = 'mb'$$),
('horizon -1', $$mbgnbd_expected_purchases(mb, -1, p, '2024-06-01') FROM models, profiles WHERE models.name = 'mb'$$),
('horizon NaN', $$mbgnbd_expected_purchases(mb, 'NaN', p, '2024-06-01') FROM models, profiles WHERE models.name = 'mb'$$),
('as_of before the last order', $$mbgnbd_expected_purchases(mb, 10, p, '2024-02-01') FROM models, profiles WHERE models.name = 'mb'$$),
('unit_days -7', $$mbgnbd_expected_purchases(mb, 10, p, '2024-06-01', -7) FROM models, profiles WHERE models.name = 'mb'$$),
('equals the (x, t_x, T) form', $$mbgnbd_expected_purchases(mb, 10, p, '2024-06-01') = mbgnbd_expected_purchases(mb, 10, 1, 64, 152) FROM models, profiles WHERE models.name = 'mb'$$)) v;
INSERT INTO cases (function, input, query) SELECT 'mbgnbd_p_no_purchase(mbgnbd_model,float8,integer,float8,float8)', * FROM (VALUES
('x = 1, t_x = T = 5, h = 6 (1/4 + 3/4 (6/12)^2 = 0.4375)', $$mbgnbd_p_no_purchase(mb, 6, 1, 5, 5) FROM models WHERE name = 'mb'$$),
('x = 0, T = 0, h = 1 (1/3 + 2/3 1/2 = 2/3)', $$round(mbgnbd_p_no_purchase(mb, 1, 0, 0, 0)::numeric, 12) FROM models WHERE name = 'mb'$$),
('horizon 0 (1)', $$mbgnbd_p_no_purchase(mb, 0, 1, 5, 5) FROM models WHERE name = 'mb'$$),
('horizon 0, 1,170 customers (x 1..30, t_x 1..39, T 40): every value exactly 1 (the shares of P(alive) summed were 1 ulp short for about a quarter)', $$count(*) FILTER (WHERE mbgnbd_p_no_purchase(mb, 0, x, t_x, 40) <> 1) FROM models, generate_series(1, 30) x, generate_series(1, 39) t_x WHERE models.name = 'mb'$$),
('horizon -1', $$mbgnbd_p_no_purchase(mb, -1, 1, 5, 5) FROM models WHERE name = 'mb'$$),
('horizon NaN', $$mbgnbd_p_no_purchase(mb, 'NaN', 1, 5, 5) FROM models WHERE name = 'mb'$$),
('horizon Infinity', $$mbgnbd_p_no_purchase(mb, 'Infinity', 1, 5, 5) FROM models WHERE name = 'mb'$$),
('horizon 1e300 (1 - P(alive) = 1/4)', $$mbgnbd_p_no_purchase(mb, 1e300, 1, 5, 5) FROM models WHERE name = 'mb'$$),
('x -1', $$mbgnbd_p_no_purchase(mb, 10, -1, 0, 5) FROM models WHERE name = 'mb'$$),
('x > 0, t_x = 0', $$mbgnbd_p_no_purchase(mb, 10, 1, 0, 5) FROM models WHERE name = 'mb'$$),
('t_x > T', $$mbgnbd_p_no_purchase(mb, 10, 1, 6, 5) FROM models WHERE name = 'mb'$$),
('T Infinity', $$mbgnbd_p_no_purchase(mb, 10, 1, 1, 'Infinity') FROM models WHERE name = 'mb'$$),
('model field a NULL', $$mbgnbd_p_no_purchase('(1,1,,2,0,0,t)', 10, 1, 5, 5)$$),
('a -1', $$mbgnbd_p_no_purchase('(1,1,-1,2,0,0,t)', 10, 1, 5, 5)$$),
('extreme model', $$mbgnbd_p_no_purchase('(1e300,1e-300,1e300,1e-300,0,0,t)', 10, 1, 1, 10)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'mbgnbd_p_no_purchase(mbgnbd_model,float8,customer_profile,timestamptz,float8)', * FROM (VALUES
('profile NULL', $$mbgnbd_p_no_purchase(mb, 10, NULL::customer_profile, '2024-06-01') FROM models WHERE name = 'mb'$$),
('horizon -1', $$mbgnbd_p_no_purchase(mb, -1, p, '2024-06-01') FROM models, profiles WHERE models.name = 'mb'$$),
('as_of before the last order', $$mbgnbd_p_no_purchase(mb, 10, p, '2024-02-01') FROM models, profiles WHERE models.name = 'mb'$$),
('unit_days NaN', $$mbgnbd_p_no_purchase(mb, 10, p, '2024-06-01', 'NaN') FROM models, profiles WHERE models.name = 'mb'$$),
('equals the (x, t_x, T) form', $$mbgnbd_p_no_purchase(mb, 10, p, '2024-06-01') = mbgnbd_p_no_purchase(mb, 10, 1, 64, 152) FROM models, profiles WHERE models.name = 'mb'$$)) v;
INSERT INTO cases (function, input, query) SELECT 'mbgnbd_pmf_new(mbgnbd_model,integer,float8)', * FROM (VALUES
('n = 0, h = 1 (2/5 + 3/5 1/2 = 0.7)', $$round(mbgnbd_pmf_new(mb, 0, 1)::numeric, 12) FROM models WHERE name = 'mb2'$$),
('n = 1, h = 1 (2/5 1/4 + 1/5 1/2 = 0.2)', $$round(mbgnbd_pmf_new(mb, 1, 1)::numeric, 12) FROM models WHERE name = 'mb2'$$),
('n -1', $$mbgnbd_pmf_new(mb, -1, 1) FROM models WHERE name = 'mb2'$$),
('n NULL', $$mbgnbd_pmf_new(mb, NULL, 1) FROM models WHERE name = 'mb2'$$),
('horizon -1', $$mbgnbd_pmf_new(mb, 1, -1) FROM models WHERE name = 'mb2'$$),
('horizon NaN', $$mbgnbd_pmf_new(mb, 1, 'NaN') FROM models WHERE name = 'mb2'$$),
('horizon Infinity', $$mbgnbd_pmf_new(mb, 1, 'Infinity') FROM models WHERE name = 'mb2'$$),
('horizon 0, n 0 (1)', $$mbgnbd_pmf_new(mb, 0, 0) FROM models WHERE name = 'mb2'$$),
('horizon 0, n 3 (0)', $$mbgnbd_pmf_new(mb, 3, 0) FROM models WHERE name = 'mb2'$$),
('n 2147483647: 0 or a tiny value', $$mbgnbd_pmf_new(mb, 2147483647, 1) < 1e-300 FROM models WHERE name = 'mb2'$$),
('horizon 1e300: the dropout law a (b)_3 / (a+b)_4 = 1/14', $$round(mbgnbd_pmf_new(mb, 3, 1e300)::numeric, 12) FROM models WHERE name = 'mb2'$$),
('horizon 1e300, n 0: a/(a+b) = 0.4', $$round(mbgnbd_pmf_new(mb, 0, 1e300)::numeric, 12) FROM models WHERE name = 'mb2'$$),
('model field b NULL', $$mbgnbd_pmf_new('(1,1,2,,0,0,t)', 1, 1)$$),
('b 0', $$mbgnbd_pmf_new('(1,1,2,0,0,0,t)', 1, 1)$$),
('a = b = 1e308 (a + b overflows), n 0: 0.75', $$mbgnbd_pmf_new('(1,1,1e308,1e308,0,0,t)', 0, 1)$$),
('a = b = 1e308, n 1: (1/2)((1/2)(1/4) + (1/2)(1/2)) = 3/16', $$abs(mbgnbd_pmf_new('(1,1,1e308,1e308,0,0,t)', 1, 1) / 0.1875 - 1) < 1e-12$$)) v;
INSERT INTO cases (function, input, query) SELECT 'mbgnbd_p_alive_path(mbgnbd_model,customer_profile,timestamptz,interval,float8)', * FROM (VALUES
('step 30 days, by hand: day 0 b/(a+b) = 2/3, days 30 and 60 1/(1 + (1/2)(1+T)) = 1/16.5, 1/31.5, as_of (x 1, t_x 64, T 69) 1/(1 + (1/3)(70/65)^2) = 0.721195', $$string_agg(day || ' ' || round(p_alive::numeric, 6), ', ' ORDER BY day) FROM models, profiles, mbgnbd_p_alive_path(mb, p, '2024-03-10', '30 days') WHERE models.name = 'mb'$$),
('step 1 month', $$count(*) FROM models, profiles, mbgnbd_p_alive_path(mb, p, '2024-06-01', '1 month') WHERE models.name = 'mb'$$),
('step 0 days', $$count(*) FROM models, profiles, mbgnbd_p_alive_path(mb, p, '2024-06-01', '0 days') WHERE models.name = 'mb'$$),
('step 12 hours', $$count(*) FROM models, profiles, mbgnbd_p_alive_path(mb, p, '2024-06-01', '12 hours') WHERE models.name = 'mb'$$),
('step 48 hours (2 days)', $$count(*) FROM models, profiles, mbgnbd_p_alive_path(mb, p, '2024-06-01', '48 hours') WHERE models.name = 'mb'$$),
('as_of before the last order', $$count(*) FROM models, profiles, mbgnbd_p_alive_path(mb, p, '2024-02-01', '1 day') WHERE models.name = 'mb'$$),
('unit_days 0', $$count(*) FROM models, profiles, mbgnbd_p_alive_path(mb, p, '2024-06-01', '1 day', 0) WHERE models.name = 'mb'$$),
('profile NULL: no rows', $$count(*) FROM models, mbgnbd_p_alive_path(mb, NULL::customer_profile, '2024-06-01', '1 day') WHERE models.name = 'mb'$$),
('model field r NULL', $$count(*) FROM profiles, mbgnbd_p_alive_path('(,1,1,2,0,0,t)', p, '2024-06-01', '1 day')$$)) v;
INSERT INTO cases (function, input, query) SELECT 'mbgnbd_simulate(mbgnbd_model,float8,bigint)', * FROM (VALUES
('seed NULL', $$mbgnbd_simulate(mb, 10, NULL)::text FROM models WHERE name = 'mb'$$),
('t 0', $$mbgnbd_simulate(mb, 0, 1)::text FROM models WHERE name = 'mb'$$),
('t -1', $$mbgnbd_simulate(mb, -1, 1)::text FROM models WHERE name = 'mb'$$),
('t NaN', $$mbgnbd_simulate(mb, 'NaN', 1)::text FROM models WHERE name = 'mb'$$),
('t Infinity', $$mbgnbd_simulate(mb, 'Infinity', 1)::text FROM models WHERE name = 'mb'$$),
('t 1e300: t_x within [0, t]', $$(s).t_x BETWEEN 0 AND 1e300 FROM (SELECT mbgnbd_simulate(mb, 1e300, 1) s FROM models WHERE name = 'mb') a$$),
('seed -9223372036854775808', $$(s).x >= 0 FROM (SELECT mbgnbd_simulate(mb, 10, -9223372036854775808) s FROM models WHERE name = 'mb') a$$),
('a 0', $$mbgnbd_simulate('(1,1,0,2,0,0,t)', 10, 1)::text$$)) v;

-- mbgnbd_pmf: mb (P(alive) 3/4 for x = 1, t_x = T = 5); given alive r + x = 2, alpha + T = 6, a = 1,
-- b + x + 1 = 4, so at h = 6 (z = 1/2): P(1 | alive) = B(1,5)/B(1,4) NB(1) + B(2,4)/B(1,4) P(NB >= 1)
-- = 4/5 1/4 + 1/5 3/4 = 7/20, P(1) = 3/4 7/20 = 21/80 = 0.2625; P(0) = 1/4 + 3/4 1/4 = 7/16
-- (mbgnbd_p_no_purchase's 0.4375).
INSERT INTO cases (function, input, query) SELECT 'mbgnbd_pmf(mbgnbd_model,integer,float8,integer,float8,float8)', * FROM (VALUES
('n = 1, x = 1, t_x = T = 5, h = 6 (3/4 7/20 = 0.2625)', $$round(mbgnbd_pmf(mb, 1, 6, 1, 5, 5)::numeric, 12) FROM models WHERE name = 'mb'$$),
('n = 0 (1/4 + 3/4 1/4 = 0.4375)', $$round(mbgnbd_pmf(mb, 0, 6, 1, 5, 5)::numeric, 12) FROM models WHERE name = 'mb'$$),
('n -1', $$mbgnbd_pmf(mb, -1, 6, 1, 5, 5) FROM models WHERE name = 'mb'$$),
('n NULL', $$mbgnbd_pmf(mb, NULL, 6, 1, 5, 5) FROM models WHERE name = 'mb'$$),
('horizon -1', $$mbgnbd_pmf(mb, 1, -1, 1, 5, 5) FROM models WHERE name = 'mb'$$),
('horizon NaN', $$mbgnbd_pmf(mb, 1, 'NaN', 1, 5, 5) FROM models WHERE name = 'mb'$$),
('horizon Infinity', $$mbgnbd_pmf(mb, 1, 'Infinity', 1, 5, 5) FROM models WHERE name = 'mb'$$),
('horizon 0, n 0 (1)', $$mbgnbd_pmf(mb, 0, 0, 1, 5, 5) FROM models WHERE name = 'mb'$$),
('horizon 0, 1,170 customers (x 1..30, t_x 1..39, T 40): every value exactly 1 (the shares of P(alive) summed were 1 ulp short for about a quarter)', $$count(*) FILTER (WHERE mbgnbd_pmf(mb, 0, 0, x, t_x, 40) <> 1) FROM models, generate_series(1, 30) x, generate_series(1, 39) t_x WHERE models.name = 'mb'$$),
('horizon 0, n 3 (0)', $$mbgnbd_pmf(mb, 3, 0, 1, 5, 5) FROM models WHERE name = 'mb'$$),
('horizon 1e300, n 0: the dead, 1/4', $$round(mbgnbd_pmf(mb, 0, 1e300, 1, 5, 5)::numeric, 12) FROM models WHERE name = 'mb'$$),
('horizon 1e300, n 3: 3/4 a (b+x+1)_2/(a+b+x+1)_3 = 1/14', $$round(mbgnbd_pmf(mb, 3, 1e300, 1, 5, 5)::numeric, 12) FROM models WHERE name = 'mb'$$),
('horizon 1e300, n 10^8: the sum too long', $$mbgnbd_pmf(mb, 100000000, 1e300, 1, 5, 5) FROM models WHERE name = 'mb'$$),
('n 2147483647: 0 or a tiny value', $$mbgnbd_pmf(mb, 2147483647, 1, 1, 5, 5) < 1e-300 FROM models WHERE name = 'mb'$$),
('x = t_x = T = 0: mbgnbd_pmf_new', $$abs(mbgnbd_pmf(mb, 1, 1, 0, 0, 0) - mbgnbd_pmf_new(mb, 1, 1)) < 1e-15 FROM models WHERE name = 'mb2'$$),
('x -1', $$mbgnbd_pmf(mb, 1, 10, -1, 0, 5) FROM models WHERE name = 'mb'$$),
('x > 0, t_x = 0', $$mbgnbd_pmf(mb, 1, 10, 1, 0, 5) FROM models WHERE name = 'mb'$$),
('t_x > T', $$mbgnbd_pmf(mb, 1, 10, 1, 6, 5) FROM models WHERE name = 'mb'$$),
('T Infinity', $$mbgnbd_pmf(mb, 1, 10, 1, 1, 'Infinity') FROM models WHERE name = 'mb'$$),
('T 1e308: P(n = 0) = 1', $$mbgnbd_pmf(mb, 0, 10, 1, 1, 1e308) FROM models WHERE name = 'mb'$$),
('model field a NULL', $$mbgnbd_pmf('(1,1,,2,0,0,t)', 1, 10, 1, 5, 5)$$),
('a -1', $$mbgnbd_pmf('(1,1,-1,2,0,0,t)', 1, 10, 1, 5, 5)$$),
('extreme model', $$mbgnbd_pmf('(1e300,1e-300,1e300,1e-300,0,0,t)', 1, 10, 1, 1, 10)$$),
('a = b = 1e308, n 0', $$mbgnbd_pmf('(1,1,1e308,1e308,0,0,t)', 0, 1, 1, 5, 5)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'mbgnbd_pmf(mbgnbd_model,integer,float8,customer_profile,timestamptz,float8)', * FROM (VALUES
('profile NULL', $$mbgnbd_pmf(mb, 1, 10, NULL::customer_profile, '2024-06-01') FROM models WHERE name = 'mb'$$),
('n -1', $$mbgnbd_pmf(mb, -1, 10, p, '2024-06-01') FROM models, profiles WHERE models.name = 'mb'$$),
('horizon -1', $$mbgnbd_pmf(mb, 1, -1, p, '2024-06-01') FROM models, profiles WHERE models.name = 'mb'$$),
('as_of before the last order', $$mbgnbd_pmf(mb, 1, 10, p, '2024-02-01') FROM models, profiles WHERE models.name = 'mb'$$),
('unit_days NaN', $$mbgnbd_pmf(mb, 1, 10, p, '2024-06-01', 'NaN') FROM models, profiles WHERE models.name = 'mb'$$),
('equals the (x, t_x, T) form', $$mbgnbd_pmf(mb, 1, 10, p, '2024-06-01') = mbgnbd_pmf(mb, 1, 10, 1, 64, 152) FROM models, profiles WHERE models.name = 'mb'$$)) v;
SELECT n, function, input, pg_temp.outcome(query) AS outcome FROM cases ORDER BY n;

-- Every error above is of class 22, or 0A000 for a support function called outside an aggregate.
SELECT n, function, input, pg_temp.outcome(query) AS outcome
FROM cases WHERE pg_temp.outcome(query) LIKE 'ERROR%' AND pg_temp.outcome(query) NOT LIKE 'ERROR 22%'
  AND function NOT LIKE 'cf\_%';

DROP TABLE cases, models, profiles, simulated;
