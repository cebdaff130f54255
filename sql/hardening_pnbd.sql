-- Bad input to the Pareto/NBD model (issue 17): fits over rows, states and profiles,
-- P(alive) and expected purchases (over (x, t_x, T) and profiles), pnbd_simulate and the
-- churn windows (pnbd_p_no_purchase, pnbd_pmf_new, pnbd_pmf), tried with NULL, empty, zero,
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

-- pn: r = s = alpha = beta = 1.  With alpha = beta, G(y) = (alpha+y)^-(r+s+x) / (r+s+x), so
-- P(alive | x = 1, t_x = 1, T = 3) = 1 / (1 + s/(r+s+x) ((alpha+T)^(r+s+x) / (alpha+t_x)^(r+s+x) - 1))
-- = 1 / (1 + (1/3)(64/8 - 1)) = 0.3; x = 1, t_x = T: 1; x = 0, T = 0: 1.
CREATE TEMP TABLE models (name text PRIMARY KEY, pn pnbd_model);
INSERT INTO models VALUES ('pn', '(1,1,1,1,0,0,t)'), ('pn2', '(1,1,2,1,0,0,t)');
-- two: orders on 2024-01-01 and 2024-03-05 (x = 1, t_x = 64 days).
CREATE TEMP TABLE profiles (name text PRIMARY KEY, p customer_profile);
INSERT INTO profiles VALUES
('two', 'v1;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20.00;moment=175800.00;days=2024-01-01+64');
-- 2,000 customers simulated from the CDNOW model (r = 0.553, alpha = 10.578, s = 0.606, beta = 11.669)
-- over 52 periods.
CREATE TEMP TABLE simulated AS
SELECT i AS customer_id, (s).x, (s).t_x, 52.0::float8 AS t
FROM (SELECT i, pnbd_simulate('(0.553,10.578,0.606,11.669,0,0,t)', 52, i) s FROM generate_series(1, 2000) i) a;

CREATE TEMP TABLE cases (n serial, function text, input text, query text);
INSERT INTO samples VALUES
('bg4', $$'v2;tuples=4;tuple=0,0,38.86,3;tuple=1,1.71,38.86,1;tuple=2,30.43,38.86,1;tuple=7,29.43,38.86,1'::bgnbd_state$$);
INSERT INTO cases (function, input, query) SELECT 'pnbd_fit(integer,float8,float8)', * FROM (VALUES
('no rows', $$pnbd_fit(x, t_x, t)::text FROM simulated WHERE false$$),
('no repeat customers', $$pnbd_fit(x, t_x, t)::text FROM simulated WHERE x = 0$$),
('only NULL rows', $$pnbd_fit(x, t_x, t)::text FROM (VALUES (NULL::int, 1.0, 2.0)) v(x, t_x, t)$$),
('one customer: converged = false, no NaN', $$(m).converged || ' ' || (m).n || ' ' || ((m).r::text <> 'NaN' AND (m).beta::text <> 'NaN') FROM (SELECT pnbd_fit(x, t_x, t) m FROM (VALUES (3, 10.0, 30.0)) v(x, t_x, t)) f$$),
('2000 simulated customers', $$(m).n || ' ' || (m).converged || ' ' || ((m).r BETWEEN 0.4 AND 0.7) FROM (SELECT pnbd_fit(x, t_x, t) m FROM simulated) f$$),
('x -1', $$pnbd_fit(x, t_x, t)::text FROM (VALUES (-1, 0.0, 2.0)) v(x, t_x, t)$$),
('t_x > T', $$pnbd_fit(x, t_x, t)::text FROM (VALUES (1, 11.0, 10.0)) v(x, t_x, t)$$),
('T NaN', $$pnbd_fit(x, t_x, t)::text FROM (VALUES (1, 1.0, 'NaN'::float8)) v(x, t_x, t)$$),
('T Infinity', $$pnbd_fit(x, t_x, t)::text FROM (VALUES (1, 1.0, 'Infinity'::float8)) v(x, t_x, t)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'pnbd_fit(bgnbd_state)', * FROM (VALUES
('NULL', $$pnbd_fit(NULL::bgnbd_state)::text$$),
('four triples', $$(m).n || ' ' || ((m).log_likelihood < 0) FROM (SELECT pnbd_fit(:bg4) m) f$$),
('empty state', $$pnbd_fit('1;0'::bgnbd_state)::text$$)) v;
INSERT INTO cases (function, input, query) SELECT 'pnbd_fit(customer_profile,timestamptz)', * FROM (VALUES
('no rows', $$pnbd_fit(p, '2024-06-01')::text FROM profiles WHERE false$$),
('as_of NULL skipped: no customers', $$pnbd_fit(p, NULL)::text FROM profiles$$),
('as_of before the last order', $$pnbd_fit(p, '2024-02-01')::text FROM profiles$$)) v;
INSERT INTO cases (function, input, query) SELECT 'pnbd_fit(customer_profile,timestamptz,float8)', * FROM (VALUES
('unit_days -7', $$pnbd_fit(p, '2024-06-01', -7)::text FROM profiles$$),
('unit_days NaN', $$pnbd_fit(p, '2024-06-01', 'NaN')::text FROM profiles$$)) v;
INSERT INTO cases (function, input, query) SELECT 'cf_pnbd_fit_final(bgnbd_state)', * FROM (VALUES
('NULL (no customers)', $$cf_pnbd_fit_final(NULL)::text$$)) v;
INSERT INTO cases (function, input, query) SELECT 'pnbd_p_alive(pnbd_model,integer,float8,float8)', * FROM (VALUES
('model NULL', $$pnbd_p_alive(NULL, 1, 1, 1)$$),
('x = 1, t_x = 1, T = 3 (0.3)', $$round(pnbd_p_alive(pn, 1, 1, 3)::numeric, 12) FROM models WHERE name = 'pn'$$),
('x = 1, t_x = T (1)', $$pnbd_p_alive(pn, 1, 5, 5) FROM models WHERE name = 'pn'$$),
('x = 0, T = 0 (1)', $$pnbd_p_alive(pn, 0, 0, 0) FROM models WHERE name = 'pn'$$),
('model field r NULL', $$pnbd_p_alive('(,1,1,1,0,0,t)', 1, 5, 5)$$),
('r 0', $$pnbd_p_alive('(0,1,1,1,0,0,t)', 1, 5, 5)$$),
('alpha -1', $$pnbd_p_alive('(1,-1,1,1,0,0,t)', 1, 5, 5)$$),
('s NaN', $$pnbd_p_alive('(1,1,NaN,1,0,0,t)', 1, 5, 5)$$),
('beta Infinity', $$pnbd_p_alive('(1,1,1,Infinity,0,0,t)', 1, 5, 5)$$),
('x -1', $$pnbd_p_alive(pn, -1, 0, 5) FROM models WHERE name = 'pn'$$),
('x > 0, t_x = 0', $$pnbd_p_alive(pn, 1, 0, 5) FROM models WHERE name = 'pn'$$),
('x = 0, t_x = 1', $$pnbd_p_alive(pn, 0, 1, 5) FROM models WHERE name = 'pn'$$),
('t_x > T', $$pnbd_p_alive(pn, 1, 6, 5) FROM models WHERE name = 'pn'$$),
('T NaN', $$pnbd_p_alive(pn, 1, 1, 'NaN') FROM models WHERE name = 'pn'$$),
('T Infinity', $$pnbd_p_alive(pn, 1, 1, 'Infinity') FROM models WHERE name = 'pn'$$),
('x 2147483647, t_x = T: in [0, 1]', $$pnbd_p_alive(pn, 2147483647, 10, 10) BETWEEN 0 AND 1 FROM models WHERE name = 'pn'$$),
('x 2147483647, t_x < T: 0', $$pnbd_p_alive(pn, 2147483647, 1, 10) FROM models WHERE name = 'pn'$$),
('T 1e308, x 0: in [0, 1]', $$pnbd_p_alive(pn, 0, 0, 1e308) BETWEEN 0 AND 1 FROM models WHERE name = 'pn'$$),
('alpha 1e300, beta 1e-300 (z = 1 - 1e-600)', $$pnbd_p_alive('(1,1e300,1,1e-300,0,0,t)', 1, 1, 10) BETWEEN 0 AND 1$$),
('alpha 1e-300, beta 1e300', $$pnbd_p_alive('(1,1e-300,1,1e300,0,0,t)', 1, 1, 10) BETWEEN 0 AND 1$$),
('extreme model', $$pnbd_p_alive('(1e300,1e-300,1e300,1e-300,0,0,t)', 1, 1, 10)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'pnbd_expected_purchases(pnbd_model,float8,integer,float8,float8)', * FROM (VALUES
('horizon NULL', $$pnbd_expected_purchases(pn, NULL, 1, 5, 5) FROM models WHERE name = 'pn'$$),
('horizon 0', $$pnbd_expected_purchases(pn, 0, 1, 5, 5) FROM models WHERE name = 'pn'$$),
('horizon -1', $$pnbd_expected_purchases(pn, -1, 1, 5, 5) FROM models WHERE name = 'pn'$$),
('horizon NaN', $$pnbd_expected_purchases(pn, 'NaN', 1, 5, 5) FROM models WHERE name = 'pn'$$),
('horizon Infinity', $$pnbd_expected_purchases(pn, 'Infinity', 1, 5, 5) FROM models WHERE name = 'pn'$$),
('horizon 1e300, s = 1: ln form, finite', $$pnbd_expected_purchases(pn, 1e300, 1, 5, 5) FROM models WHERE name = 'pn'$$),
('x -1', $$pnbd_expected_purchases(pn, 10, -1, 0, 5) FROM models WHERE name = 'pn'$$),
('s = 2, x = 1, t_x = 1, T = 3, horizon 4 (2/17: pnbd.sql)', $$round(pnbd_expected_purchases(pn, 4, 1, 1, 3)::numeric, 12) FROM models WHERE name = 'pn2'$$),
('s 1e300: finite', $$pnbd_expected_purchases('(0.553,10.578,1e300,1e300,0,0,t)', 52, 2, 30.43, 38.86) >= 0$$),
('extreme model', $$pnbd_expected_purchases('(1e300,1e-300,1e300,1e-300,0,0,t)', 10, 1, 1, 10)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'pnbd_p_alive(pnbd_model,customer_profile,timestamptz,float8)', * FROM (VALUES
('profile NULL', $$pnbd_p_alive(pn, NULL::customer_profile, '2024-06-01') FROM models WHERE name = 'pn'$$),
('as_of NULL', $$pnbd_p_alive(pn, p, NULL) FROM models, profiles WHERE models.name = 'pn'$$),
('unit_days NULL', $$pnbd_p_alive(pn, p, '2024-06-01', NULL) FROM models, profiles WHERE models.name = 'pn'$$),
('as_of before the last order', $$pnbd_p_alive(pn, p, '2024-02-01') FROM models, profiles WHERE models.name = 'pn'$$),
('as_of Infinity', $$pnbd_p_alive(pn, p, 'infinity') FROM models, profiles WHERE models.name = 'pn'$$),
('unit_days 0', $$pnbd_p_alive(pn, p, '2024-06-01', 0) FROM models, profiles WHERE models.name = 'pn'$$),
('unit_days NaN', $$pnbd_p_alive(pn, p, '2024-06-01', 'NaN') FROM models, profiles WHERE models.name = 'pn'$$),
('model field beta NULL', $$pnbd_p_alive('(1,1,1,,0,0,t)', p, '2024-06-01') FROM profiles$$),
('r 0', $$pnbd_p_alive('(0,1,1,1,0,0,t)', p, '2024-06-01') FROM profiles$$),
('as_of = the last order (x = 1, t_x = T: 1)', $$pnbd_p_alive(pn, p, '2024-03-05T23:30:00Z') FROM models, profiles WHERE models.name = 'pn'$$),
('equals the (x, t_x, T) form', $$pnbd_p_alive(pn, p, '2024-06-01') = pnbd_p_alive(pn, 1, 64, 152) FROM models, profiles WHERE models.name = 'pn'$$)) v;
INSERT INTO cases (function, input, query) SELECT 'pnbd_expected_purchases(pnbd_model,float8,customer_profile,timestamptz,float8)', * FROM (VALUES
('profile NULL', $$pnbd_expected_purchases(pn, 10, NULL::customer_profile, '2024-06-01') FROM models WHERE name = 'pn'$$),
('horizon NULL', $$pnbd_expected_purchases(pn, NULL, p, '2024-06-01') FROM models, profiles WHERE models.name = 'pn'$$),
('horizon -1', $$pnbd_expected_purchases(pn, -1, p, '2024-06-01') FROM models, profiles WHERE models.name = 'pn'$$),
('horizon NaN', $$pnbd_expected_purchases(pn, 'NaN', p, '2024-06-01') FROM models, profiles WHERE models.name = 'pn'$$),
('horizon Infinity', $$pnbd_expected_purchases(pn, 'Infinity', p, '2024-06-01') FROM models, profiles WHERE models.name = 'pn'$$),
('as_of before the last order', $$pnbd_expected_purchases(pn, 10, p, '2024-02-01') FROM models, profiles WHERE models.name = 'pn'$$),
('unit_days -7', $$pnbd_expected_purchases(pn, 10, p, '2024-06-01', -7) FROM models, profiles WHERE models.name = 'pn'$$),
('model field s NULL', $$pnbd_expected_purchases('(1,1,,1,0,0,t)', 10, p, '2024-06-01') FROM profiles$$),
('equals the (x, t_x, T) form', $$pnbd_expected_purchases(pn, 10, p, '2024-06-01') = pnbd_expected_purchases(pn, 10, 1, 64, 152) FROM models, profiles WHERE models.name = 'pn2'$$)) v;
INSERT INTO cases (function, input, query) SELECT 'pnbd_expected_purchases_new(pnbd_model,float8)', * FROM (VALUES
('horizon 0', $$pnbd_expected_purchases_new(pn, 0) FROM models WHERE name = 'pn2'$$),
('horizon 1 (0.5)', $$pnbd_expected_purchases_new(pn, 1) FROM models WHERE name = 'pn2'$$),
('horizon -1', $$pnbd_expected_purchases_new(pn, -1) FROM models WHERE name = 'pn2'$$),
('horizon Infinity', $$pnbd_expected_purchases_new(pn, 'Infinity') FROM models WHERE name = 'pn2'$$),
('horizon 1e300, s = 2: r beta / alpha', $$pnbd_expected_purchases_new(pn, 1e300) FROM models WHERE name = 'pn2'$$),
('s = 1 (ln 2)', $$pnbd_expected_purchases_new(pn, 1) = ln(2) FROM models WHERE name = 'pn'$$),
('model field alpha NULL', $$pnbd_expected_purchases_new('(1,,2,3,0,0,t)', 10)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'pnbd_p_alive_path(pnbd_model,customer_profile,timestamptz,interval,float8)', * FROM (VALUES
('step 30 days, by hand: day 0 1, days 30 and 60 1/(1 + (1/2)((1+T)^2 - 1)) = 1/481, 1/1861, as_of (x 1, t_x 64, T 69) 1/(1 + (1/3)((70/65)^3 - 1)) = 0.923368', $$string_agg(day || ' ' || round(p_alive::numeric, 6), ', ' ORDER BY day) FROM models, profiles, pnbd_p_alive_path(pn, p, '2024-03-10', '30 days') WHERE models.name = 'pn'$$),
('step 1 month', $$count(*) FROM models, profiles, pnbd_p_alive_path(pn, p, '2024-06-01', '1 month') WHERE models.name = 'pn'$$),
('step 0 days', $$count(*) FROM models, profiles, pnbd_p_alive_path(pn, p, '2024-06-01', '0 days') WHERE models.name = 'pn'$$),
('step 12 hours', $$count(*) FROM models, profiles, pnbd_p_alive_path(pn, p, '2024-06-01', '12 hours') WHERE models.name = 'pn'$$),
('step 48 hours (2 days)', $$count(*) FROM models, profiles, pnbd_p_alive_path(pn, p, '2024-06-01', '48 hours') WHERE models.name = 'pn'$$),
('as_of before the last order', $$count(*) FROM models, profiles, pnbd_p_alive_path(pn, p, '2024-02-01', '1 day') WHERE models.name = 'pn'$$),
('unit_days 0', $$count(*) FROM models, profiles, pnbd_p_alive_path(pn, p, '2024-06-01', '1 day', 0) WHERE models.name = 'pn'$$),
('profile NULL: no rows', $$count(*) FROM models, pnbd_p_alive_path(pn, NULL::customer_profile, '2024-06-01', '1 day') WHERE models.name = 'pn'$$),
('model field r NULL', $$count(*) FROM profiles, pnbd_p_alive_path('(,1,1,2,0,0,t)', p, '2024-06-01', '1 day')$$)) v;
INSERT INTO cases (function, input, query) SELECT 'pnbd_simulate(pnbd_model,float8,bigint)', * FROM (VALUES
('seed NULL', $$pnbd_simulate(pn, 10, NULL)::text FROM models WHERE name = 'pn'$$),
('t 0', $$pnbd_simulate(pn, 0, 1)::text FROM models WHERE name = 'pn'$$),
('t -1', $$pnbd_simulate(pn, -1, 1)::text FROM models WHERE name = 'pn'$$),
('t NaN', $$pnbd_simulate(pn, 'NaN', 1)::text FROM models WHERE name = 'pn'$$),
('t Infinity', $$pnbd_simulate(pn, 'Infinity', 1)::text FROM models WHERE name = 'pn'$$),
('t 1e300: t_x within [0, t]', $$(s).t_x BETWEEN 0 AND 1e300 FROM (SELECT pnbd_simulate(pn, 1e300, 1) s FROM models WHERE name = 'pn') a$$),
('seed -9223372036854775808', $$(s).x >= 0 FROM (SELECT pnbd_simulate(pn, 10, -9223372036854775808) s FROM models WHERE name = 'pn') a$$),
('s 0', $$pnbd_simulate('(1,1,0,2,0,0,t)', 10, 1)::text$$)) v;
INSERT INTO cases (function, input, query) SELECT 'pnbd_p_no_purchase(pnbd_model,float8,integer,float8,float8)', * FROM (VALUES
('x = 1, t_x = 1, T = 3, h = 4 (0.7 + 0.3 5/12 = 0.825: pnbd_churn.sql)', $$round(pnbd_p_no_purchase(pn, 4, 1, 1, 3)::numeric, 12) FROM models WHERE name = 'pn'$$),
('horizon 0 (1)', $$pnbd_p_no_purchase(pn, 0, 1, 1, 3) FROM models WHERE name = 'pn'$$),
('horizon 0, 1,170 customers (x 1..30, t_x 1..39, T 40): every value exactly 1 (the shares of P(alive) summed were 1 ulp short for about a quarter)', $$count(*) FILTER (WHERE pnbd_p_no_purchase(pn, 0, x, t_x, 40) <> 1) FROM models, generate_series(1, 30) x, generate_series(1, 39) t_x WHERE models.name = 'pn'$$),
('horizon 1e300 (never again: 0.7 + 0.3 s/(r+x+s) = 0.8)', $$round(pnbd_p_no_purchase(pn, 1e300, 1, 1, 3)::numeric, 12) FROM models WHERE name = 'pn'$$),
('horizon -1', $$pnbd_p_no_purchase(pn, -1, 1, 1, 3) FROM models WHERE name = 'pn'$$),
('horizon NaN', $$pnbd_p_no_purchase(pn, 'NaN', 1, 1, 3) FROM models WHERE name = 'pn'$$),
('horizon Infinity', $$pnbd_p_no_purchase(pn, 'Infinity', 1, 1, 3) FROM models WHERE name = 'pn'$$),
('horizon NULL', $$pnbd_p_no_purchase(pn, NULL, 1, 1, 3) FROM models WHERE name = 'pn'$$),
('x -1', $$pnbd_p_no_purchase(pn, 10, -1, 0, 5) FROM models WHERE name = 'pn'$$),
('t_x > T', $$pnbd_p_no_purchase(pn, 10, 1, 6, 5) FROM models WHERE name = 'pn'$$),
('T Infinity', $$pnbd_p_no_purchase(pn, 10, 1, 1, 'Infinity') FROM models WHERE name = 'pn'$$),
('x 2147483647, t_x < T: gone (1)', $$pnbd_p_no_purchase(pn, 10, 2147483647, 1, 10) FROM models WHERE name = 'pn'$$),
('model field s NULL', $$pnbd_p_no_purchase('(1,1,,1,0,0,t)', 10, 1, 5, 5)$$),
('beta -1', $$pnbd_p_no_purchase('(1,1,1,-1,0,0,t)', 10, 1, 5, 5)$$),
('extreme model', $$pnbd_p_no_purchase('(1e300,1e-300,1e300,1e-300,0,0,t)', 10, 1, 1, 10)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'pnbd_p_no_purchase(pnbd_model,float8,customer_profile,timestamptz,float8)', * FROM (VALUES
('profile NULL', $$pnbd_p_no_purchase(pn, 10, NULL::customer_profile, '2024-06-01') FROM models WHERE name = 'pn'$$),
('horizon -1', $$pnbd_p_no_purchase(pn, -1, p, '2024-06-01') FROM models, profiles WHERE models.name = 'pn'$$),
('as_of before the last order', $$pnbd_p_no_purchase(pn, 10, p, '2024-02-01') FROM models, profiles WHERE models.name = 'pn'$$),
('unit_days NaN', $$pnbd_p_no_purchase(pn, 10, p, '2024-06-01', 'NaN') FROM models, profiles WHERE models.name = 'pn'$$),
('equals the (x, t_x, T) form', $$pnbd_p_no_purchase(pn, 10, p, '2024-06-01') = pnbd_p_no_purchase(pn, 10, 1, 64, 152) FROM models, profiles WHERE models.name = 'pn'$$)) v;
INSERT INTO cases (function, input, query) SELECT 'pnbd_pmf_new(pnbd_model,integer,float8)', * FROM (VALUES
('n = 0, h = 1 (1/4 + 3/8 = 5/8: pnbd_churn.sql)', $$pnbd_pmf_new(pn, 0, 1) FROM models WHERE name = 'pn'$$),
('n = 1, h = 1 (1/8 + 1/12 = 5/24)', $$round(pnbd_pmf_new(pn, 1, 1)::numeric, 12) FROM models WHERE name = 'pn'$$),
('n -1', $$pnbd_pmf_new(pn, -1, 1) FROM models WHERE name = 'pn'$$),
('n NULL', $$pnbd_pmf_new(pn, NULL, 1) FROM models WHERE name = 'pn'$$),
('horizon -1', $$pnbd_pmf_new(pn, 1, -1) FROM models WHERE name = 'pn'$$),
('horizon NaN', $$pnbd_pmf_new(pn, 1, 'NaN') FROM models WHERE name = 'pn'$$),
('horizon Infinity', $$pnbd_pmf_new(pn, 1, 'Infinity') FROM models WHERE name = 'pn'$$),
('horizon 0, n 0 (1)', $$pnbd_pmf_new(pn, 0, 0) FROM models WHERE name = 'pn'$$),
('horizon 0, n 3 (0)', $$pnbd_pmf_new(pn, 3, 0) FROM models WHERE name = 'pn'$$),
('n 2147483647: 0 or a tiny value', $$pnbd_pmf_new(pn, 2147483647, 1) < 1e-300 FROM models WHERE name = 'pn'$$),
('horizon 1e300: lifetime purchases, B(r+n, s+1)/B(r, s) = 1/((n+1)(n+2)) = 1/20 at n = 3', $$round(pnbd_pmf_new(pn, 3, 1e300)::numeric, 12) FROM models WHERE name = 'pn'$$),
('model field r NULL', $$pnbd_pmf_new('(,1,1,1,0,0,t)', 1, 1)$$),
('alpha 0', $$pnbd_pmf_new('(1,0,1,1,0,0,t)', 1, 1)$$),
('extreme model', $$pnbd_pmf_new('(1e300,1e-300,1e300,1e-300,0,0,t)', 1, 10)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'pnbd_pmf(pnbd_model,integer,float8,integer,float8,float8)', * FROM (VALUES
('n = 1, x = 1, t_x = 1, T = 3, h = 4 (0.3 23/96 = 0.071875: pnbd_churn.sql)', $$round(pnbd_pmf(pn, 1, 4, 1, 1, 3)::numeric, 12) FROM models WHERE name = 'pn'$$),
('n = 0 is pnbd_p_no_purchase', $$pnbd_pmf(pn, 0, 4, 1, 1, 3) = pnbd_p_no_purchase(pn, 4, 1, 1, 3) FROM models WHERE name = 'pn'$$),
('n -1', $$pnbd_pmf(pn, -1, 4, 1, 1, 3) FROM models WHERE name = 'pn'$$),
('horizon -1', $$pnbd_pmf(pn, 1, -1, 1, 1, 3) FROM models WHERE name = 'pn'$$),
('horizon Infinity', $$pnbd_pmf(pn, 1, 'Infinity', 1, 1, 3) FROM models WHERE name = 'pn'$$),
('x -1', $$pnbd_pmf(pn, 1, 4, -1, 0, 3) FROM models WHERE name = 'pn'$$),
('t_x > T', $$pnbd_pmf(pn, 1, 4, 1, 4, 3) FROM models WHERE name = 'pn'$$),
('n 2147483647: 0 or a tiny value', $$pnbd_pmf(pn, 2147483647, 4, 1, 1, 3) < 1e-300 FROM models WHERE name = 'pn'$$),
('model field beta NULL', $$pnbd_pmf('(1,1,1,,0,0,t)', 1, 4, 1, 1, 3)$$),
('extreme model', $$pnbd_pmf('(1e300,1e-300,1e300,1e-300,0,0,t)', 1, 10, 1, 1, 10)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'pnbd_pmf(pnbd_model,integer,float8,customer_profile,timestamptz,float8)', * FROM (VALUES
('profile NULL', $$pnbd_pmf(pn, 1, 10, NULL::customer_profile, '2024-06-01') FROM models WHERE name = 'pn'$$),
('n -1', $$pnbd_pmf(pn, -1, 10, p, '2024-06-01') FROM models, profiles WHERE models.name = 'pn'$$),
('as_of before the last order', $$pnbd_pmf(pn, 1, 10, p, '2024-02-01') FROM models, profiles WHERE models.name = 'pn'$$),
('unit_days 0', $$pnbd_pmf(pn, 1, 10, p, '2024-06-01', 0) FROM models, profiles WHERE models.name = 'pn'$$),
('equals the (x, t_x, T) form', $$pnbd_pmf(pn, 2, 10, p, '2024-06-01') = pnbd_pmf(pn, 2, 10, 1, 64, 152) FROM models, profiles WHERE models.name = 'pn'$$)) v;

SELECT n, function, input, pg_temp.outcome(query) AS outcome FROM cases ORDER BY n;

-- Every error above is of class 22, or 0A000 for a support function called outside an aggregate.
SELECT n, function, input, pg_temp.outcome(query) AS outcome
FROM cases WHERE pg_temp.outcome(query) LIKE 'ERROR%' AND pg_temp.outcome(query) NOT LIKE 'ERROR 22%'
  AND function NOT LIKE 'cf\_%';

DROP TABLE cases, models, profiles, simulated;
