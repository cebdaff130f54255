-- Bad input to model_parameters(model, state [, confidence]) and information_criteria(model)
-- (issue 17 item 6): NULLs, models of another state, models far from the maximum, non-converged
-- fits, invalid parameters, confidence out of range.  Each case gives a documented result or an
-- error of SQLSTATE class 22 (doc/hardening.md points to this table).
SET extra_float_digits = 0;

-- outcome(query [, setting]): test/regress/hardening_helpers.sql.
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/hardening_helpers.sql

-- 2,000 customers simulated from the CDNOW BG/NBD model over 52 periods; their state, fits,
-- and a Gamma-Gamma state of 6 repeat customers.
CREATE TEMP TABLE simulated AS
SELECT i AS customer_id, (s).x, (s).t_x, 52.0::float8 AS t
FROM (SELECT i, bgnbd_simulate('(0.243,4.414,0.793,2.426,,,)', 52, i) s FROM generate_series(1, 2000) i) a;
CREATE TEMP TABLE fits AS
SELECT bgnbd_agg(x, t_x, t) AS s, bgnbd_agg(x, t_x, t) FILTER (WHERE customer_id <= 1000) AS half,
       bgnbd_fit(x, t_x, t) AS bg, mbgnbd_fit(x, t_x, t) AS mbg,
       bgnbd_fit(x, t_x, t) FILTER (WHERE customer_id <= 1000) AS bg_half
FROM simulated;
CREATE TEMP TABLE spend AS
SELECT gamma_gamma_agg(x, m) AS s, gamma_gamma_fit(x, m) AS gg
FROM (VALUES (1, 10.0), (2, 35.0), (3, 12.5), (1, 80.0), (4, 20.0), (2, 15.0), (5, 44.0), (1, 9.0)) v(x, m);

CREATE TEMP TABLE cases (n serial, function text, input text, query text);
INSERT INTO cases (function, input, query) SELECT 'model_parameters(bgnbd_model,bgnbd_state,float8)', * FROM (VALUES
('model NULL', $$count(*) FROM fits, model_parameters(NULL::bgnbd_model, s)$$),
('state NULL', $$count(*) FROM fits, model_parameters(bg, NULL)$$),
('confidence NULL', $$count(*) FROM fits, model_parameters(bg, s, NULL)$$),
('the fit of the state: 4 rows, errors > 0', $$count(*) || ' ' || bool_and(std_error > 0 AND lower < upper) FROM fits, model_parameters(bg, s)$$),
('confidence 0', $$count(*) FROM fits, model_parameters(bg, s, 0)$$),
('confidence 1', $$count(*) FROM fits, model_parameters(bg, s, 1)$$),
('confidence -0.5', $$count(*) FROM fits, model_parameters(bg, s, -0.5)$$),
('confidence NaN', $$count(*) FROM fits, model_parameters(bg, s, 'NaN')$$),
('confidence Infinity', $$count(*) FROM fits, model_parameters(bg, s, 'Infinity')$$),
('confidence 1e-300: a point interval', $$bool_and(abs(upper - lower) < 1e-12 * estimate) FROM fits, model_parameters(bg, s, 1e-300)$$),
('confidence 0.999999999: finite', $$bool_and(lower > 0 AND upper < 'Infinity') FROM fits, model_parameters(bg, s, 0.999999999)$$),
('model of half the customers (n differs)', $$count(*) FROM fits, model_parameters(bg_half, s)$$),
('model of other customers, same n', $$count(*) FROM fits, model_parameters(bg_half, (SELECT bgnbd_agg(x, t_x, t) FROM simulated WHERE customer_id > 1000))$$),
('log_likelihood changed', $$count(*) FROM fits, model_parameters(ROW((bg).r, (bg).alpha, (bg).a, (bg).b, (bg).log_likelihood - 1, (bg).n, true)::bgnbd_model, s)$$),
('hand-made, far from the maximum (r 0.5)', $$count(*) FROM fits, model_parameters('(0.5,4.414,0.793,2.426,,,)'::bgnbd_model, s)$$),
('hand-made, near the maximum', $$count(*) FROM fits, model_parameters(ROW(round((bg).r::numeric, 3), (bg).alpha, (bg).a, (bg).b, NULL, NULL, NULL)::bgnbd_model, s)$$),
('converged false: NULL errors', $$count(*) || ' ' || bool_and(std_error IS NULL AND lower IS NULL AND upper IS NULL AND estimate > 0) FROM fits, model_parameters(ROW((bg).r, (bg).alpha, (bg).a, (bg).b, (bg).log_likelihood, (bg).n, false)::bgnbd_model, s)$$),
('field r NULL', $$count(*) FROM fits, model_parameters('(,4.414,0.793,2.426,,,)'::bgnbd_model, s)$$),
('r 0', $$count(*) FROM fits, model_parameters('(0,4.414,0.793,2.426,,,)'::bgnbd_model, s)$$),
('alpha -1', $$count(*) FROM fits, model_parameters('(0.243,-1,0.793,2.426,,,)'::bgnbd_model, s)$$),
('a NaN', $$count(*) FROM fits, model_parameters('(0.243,4.414,NaN,2.426,,,)'::bgnbd_model, s)$$),
('b Infinity', $$count(*) FROM fits, model_parameters('(0.243,4.414,0.793,Infinity,,,)'::bgnbd_model, s)$$),
('log_likelihood NaN', $$count(*) FROM fits, model_parameters(ROW((bg).r, (bg).alpha, (bg).a, (bg).b, 'NaN', (bg).n, true)::bgnbd_model, s)$$),
('log_likelihood -Infinity', $$count(*) FROM fits, model_parameters(ROW((bg).r, (bg).alpha, (bg).a, (bg).b, '-Infinity', (bg).n, true)::bgnbd_model, s)$$),
('n 0', $$count(*) FROM fits, model_parameters(ROW((bg).r, (bg).alpha, (bg).a, (bg).b, (bg).log_likelihood, 0, true)::bgnbd_model, s)$$),
('n -1', $$count(*) FROM fits, model_parameters(ROW((bg).r, (bg).alpha, (bg).a, (bg).b, (bg).log_likelihood, -1, true)::bgnbd_model, s)$$),
('extreme parameters', $$count(*) FROM fits, model_parameters('(1e300,1e-300,1e300,1e-300,,,)'::bgnbd_model, s)$$),
('state of one customer, hand model: not a strict maximum, NULL errors', $$count(*) || ' ' || bool_and(std_error IS NULL) FROM model_parameters('(0.243,4.414,0.793,2.426,,,)'::bgnbd_model, 'v2;tuples=1;tuple=2,30.43,38.86,1'::bgnbd_state)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'model_parameters(mbgnbd_model,bgnbd_state,float8)', * FROM (VALUES
('the fit of the state: 4 rows', $$count(*) || ' ' || bool_and(std_error > 0) FROM fits, model_parameters(mbg, s)$$),
('state NULL', $$count(*) FROM fits, model_parameters(mbg, NULL)$$),
('model of half the customers', $$count(*) FROM fits, model_parameters(mbgnbd_fit(half), s)$$),
('the BG/NBD parameters as MBG/NBD', $$count(*) FROM fits, model_parameters(ROW((bg).r, (bg).alpha, (bg).a, (bg).b, NULL, NULL, NULL)::mbgnbd_model, s)$$),
('a 0', $$count(*) FROM fits, model_parameters('(0.5,6,0,1.6,,,)'::mbgnbd_model, s)$$),
('confidence 2', $$count(*) FROM fits, model_parameters(mbg, s, 2)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'model_parameters(gamma_gamma_model,gamma_gamma_state,float8)', * FROM (VALUES
('the fit of the state: 3 rows', $$count(*) || ' ' || bool_and(std_error > 0) FROM spend, model_parameters(gg, s)$$),
('model NULL', $$count(*) FROM spend, model_parameters(NULL::gamma_gamma_model, s)$$),
('n differs', $$count(*) FROM spend, model_parameters(ROW((gg).p, (gg).q, (gg).gamma, (gg).log_likelihood, 99, true)::gamma_gamma_model, s)$$),
('q 0', $$count(*) FROM spend, model_parameters('(6.25,0,15.44,,,)'::gamma_gamma_model, s)$$),
('gamma NULL', $$count(*) FROM spend, model_parameters('(6.25,3.74,,,,)'::gamma_gamma_model, s)$$),
('confidence -Infinity', $$count(*) FROM spend, model_parameters(gg, s, '-Infinity')$$)) v;
INSERT INTO cases (function, input, query) SELECT 'model_parameters(pnbd_model,bgnbd_state,float8)', * FROM (VALUES
('the fit of the state: 4 rows', $$count(*) || ' ' || bool_and(std_error > 0) FROM fits, model_parameters(pnbd_fit(s), s)$$),
('state NULL', $$count(*) FROM fits, model_parameters(pnbd_fit(s), NULL)$$),
('model of half the customers', $$count(*) FROM fits, model_parameters(pnbd_fit(half), s)$$),
('s 0', $$count(*) FROM fits, model_parameters('(0.55,10.6,0,11.7,,,)'::pnbd_model, s)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'information_criteria(pnbd_model)', * FROM (VALUES
('NULL', $$information_criteria(NULL::pnbd_model)::text$$),
('log_likelihood -100, n 10', $$information_criteria('(0.55,10.6,0.61,11.7,-100,10,t)'::pnbd_model)::text$$)) v;
INSERT INTO cases (function, input, query) SELECT 'information_criteria(bgnbd_model)', * FROM (VALUES
('NULL', $$information_criteria(NULL::bgnbd_model)::text$$),
('the fit', $$(c).parameter_count || ' ' || ((c).aic = 8 - 2 * (bg).log_likelihood) || ' ' || ((c).bic = 4 * ln((bg).n) - 2 * (bg).log_likelihood) FROM (SELECT bg, information_criteria(bg) c FROM fits) f$$),
('hand-made: NULL criteria', $$information_criteria('(0.243,4.414,0.793,2.426,,,)'::bgnbd_model)::text$$),
('log_likelihood without n', $$information_criteria('(0.243,4.414,0.793,2.426,-100,,)'::bgnbd_model)::text$$),
('log_likelihood Infinity', $$information_criteria('(0.243,4.414,0.793,2.426,Infinity,10,t)'::bgnbd_model)::text$$),
('n 0', $$information_criteria('(0.243,4.414,0.793,2.426,-100,0,t)'::bgnbd_model)::text$$),
('r NULL', $$information_criteria('(,4.414,0.793,2.426,-100,10,t)'::bgnbd_model)::text$$),
('r -1', $$information_criteria('(-1,4.414,0.793,2.426,-100,10,t)'::bgnbd_model)::text$$)) v;
INSERT INTO cases (function, input, query) SELECT 'information_criteria(mbgnbd_model)', * FROM (VALUES
('NULL', $$information_criteria(NULL::mbgnbd_model)::text$$),
('log_likelihood -100, n 10', $$information_criteria('(0.5,6,0.9,1.6,-100,10,t)'::mbgnbd_model)::text$$),
('b NaN', $$information_criteria('(0.5,6,0.9,NaN,-100,10,t)'::mbgnbd_model)::text$$)) v;
INSERT INTO cases (function, input, query) SELECT 'information_criteria(gamma_gamma_model)', * FROM (VALUES
('NULL', $$information_criteria(NULL::gamma_gamma_model)::text$$),
('log_likelihood -100, n 10', $$information_criteria('(6.25,3.74,15.44,-100,10,t)'::gamma_gamma_model)::text$$),
('n -5', $$information_criteria('(6.25,3.74,15.44,-100,-5,t)'::gamma_gamma_model)::text$$)) v;

SELECT n, function, input, pg_temp.outcome(query) AS outcome FROM cases ORDER BY n;

-- Every error above is of class 22.
SELECT n, function, input, pg_temp.outcome(query) AS outcome
FROM cases WHERE pg_temp.outcome(query) LIKE 'ERROR%' AND pg_temp.outcome(query) NOT LIKE 'ERROR 22%';

DROP TABLE cases, simulated, fits, spend;
