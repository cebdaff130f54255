-- Bad input to the RFM functions (issue 7): rfm_score, rfm_segment and rfm
-- tried with NULL, empty, zero, negative, NaN, +-Infinity and huge values and
-- malformed breakpoint arrays.  Each case gives a documented result or an
-- error of SQLSTATE class 22 (doc/hardening.md points to this table).
SET extra_float_digits = 0;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';

-- outcome(query [, setting]) and recv(type, bytes): test/regress/hardening_helpers.sql.
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/hardening_helpers.sql

-- two: orders of 12.50 on 2024-01-01 and 7.50 on 2024-03-05 (revenue 20.00).
-- At 2024-06-01 it is 26 + 30 + 31 + 1 = 88 days since the last order.
-- huge: one order of 10^400 (revenue beyond double precision).
CREATE TEMP TABLE profiles (name text PRIMARY KEY, p customer_profile);
INSERT INTO profiles VALUES
('two', 'v1;tz=UTC;orders=2;first=2024-01-01T10:00:00Z;last=2024-03-05T23:30:00Z;revenue=20.00;moment=175800.00;days=2024-01-01+64');
INSERT INTO profiles SELECT 'huge', customer_profile('2024-01-01 00:00+00', 1e400);

CREATE TEMP TABLE cases (n serial, function text, input text, query text);
-- Samples: :name is the p of the profiles row of that name.
INSERT INTO samples VALUES
('two', $$(SELECT p FROM profiles WHERE name = 'two')$$),
('huge', $$(SELECT p FROM profiles WHERE name = 'huge')$$);
-- rfm_score: 1 + the number of breakpoints strictly below the value; 6 - that when lower is better
INSERT INTO cases (function, input, query) SELECT 'rfm_score(float8,float8[],boolean)', * FROM (VALUES
('value NULL', $$rfm_score(NULL, '{1,2,3,4}')$$),
('breakpoints NULL', $$rfm_score(1, NULL)$$),
('lower_is_better NULL', $$rfm_score(1, '{1,2,3,4}', NULL)$$),
('value 0', $$rfm_score(0, '{1,2,3,4}')$$),
('value equal to a breakpoint (3)', $$rfm_score(3, '{1,2,3,4}')$$),
('value 3.5', $$rfm_score(3.5, '{1,2,3,4}')$$),
('value 3.5, lower is better', $$rfm_score(3.5, '{1,2,3,4}', true)$$),
('value -1e308', $$rfm_score(-1e308, '{1,2,3,4}')$$),
('value 1e308', $$rfm_score(1e308, '{1,2,3,4}')$$),
('value NaN', $$rfm_score('NaN', '{1,2,3,4}')$$),
('value Infinity', $$rfm_score('Infinity', '{1,2,3,4}')$$),
('value -Infinity', $$rfm_score('-Infinity', '{1,2,3,4}')$$),
('no breakpoints', $$rfm_score(1, '{}')$$),
('3 breakpoints', $$rfm_score(1, '{1,2,3}')$$),
('5 breakpoints', $$rfm_score(1, '{1,2,3,4,5}')$$),
('a NULL breakpoint', $$rfm_score(1, '{1,NULL,3,4}')$$),
('a NaN breakpoint', $$rfm_score(1, '{1,2,3,NaN}')$$),
('an Infinity breakpoint', $$rfm_score(1, '{1,2,3,Infinity}')$$),
('a -Infinity breakpoint', $$rfm_score(1, '{-Infinity,2,3,4}')$$),
('descending breakpoints', $$rfm_score(1, '{4,3,2,1}')$$),
('equal breakpoints, value on them', $$rfm_score(1, '{1,1,1,1}')$$),
('equal breakpoints, value above', $$rfm_score(1.5, '{1,1,1,1}')$$),
('two-dimensional array', $$rfm_score(1, '{{1,2},{3,4}}')$$),
('array from index 0', $$rfm_score(2.5, '[0:3]={1,2,3,4}')$$)) v;
-- rfm_segment
INSERT INTO cases (function, input, query) SELECT 'rfm_segment(integer,integer)', * FROM (VALUES
('recency NULL', $$rfm_segment(NULL, 1)$$),
('frequency NULL', $$rfm_segment(1, NULL)$$),
('scores 1, 1', $$rfm_segment(1, 1)$$),
('scores 5, 5', $$rfm_segment(5, 5)$$),
('scores 3, 2', $$rfm_segment(3, 2)$$),
('recency 0', $$rfm_segment(0, 1)$$),
('recency 6', $$rfm_segment(6, 1)$$),
('frequency -1', $$rfm_segment(1, -1)$$),
('frequency 2147483647', $$rfm_segment(1, 2147483647)$$),
('recency -2147483648', $$rfm_segment(-2147483648, 1)$$)) v;
-- rfm of a profile: at 2024-06-01 recency 88 days (2 breakpoints below: 6 - 3 = 3), frequency 2 orders
-- (1 below: 2), monetary 20.00 (equal to a breakpoint: 2); R 3, F 2 = About to Sleep
INSERT INTO cases (function, input, query) SELECT 'rfm_scores(customer_profile,timestamptz,float8[],float8[],float8[])', * FROM (VALUES
('worked case', $$rfm_scores(:two, '2024-06-01', '{30,60,90,180}', '{1,2,3,5}', '{10,20,30,40}')::text$$),
('NULL profile', $$rfm_scores(NULL, '2024-06-01', '{30,60,90,180}', '{1,2,3,5}', '{10,20,30,40}')::text$$),
('NULL as_of', $$rfm_scores(:two, NULL, '{30,60,90,180}', '{1,2,3,5}', '{10,20,30,40}')::text$$),
('NULL breakpoints', $$rfm_scores(:two, '2024-06-01', NULL, '{1,2,3,5}', '{10,20,30,40}')::text$$),
('as_of before the last order', $$rfm_scores(:two, '2024-02-01', '{30,60,90,180}', '{1,2,3,5}', '{10,20,30,40}')::text$$),
('as_of infinity', $$rfm_scores(:two, 'infinity', '{30,60,90,180}', '{1,2,3,5}', '{10,20,30,40}')::text$$),
('descending recency breakpoints', $$rfm_scores(:two, '2024-06-01', '{180,90,60,30}', '{1,2,3,5}', '{10,20,30,40}')::text$$),
('a NULL monetary breakpoint', $$rfm_scores(:two, '2024-06-01', '{30,60,90,180}', '{1,2,3,5}', '{10,NULL,30,40}')::text$$),
('revenue 10^400', $$rfm_scores(:huge, '2024-06-01', '{30,60,90,180}', '{1,2,3,5}', '{10,20,30,40}')::text$$)) v;
-- rfm_score with a tie rule: 'lower' as the three-argument form, 'upper' the R rfm package's order
INSERT INTO cases (function, input, query) SELECT 'rfm_score(float8,float8[],boolean,text)', * FROM (VALUES
('on a breakpoint, upper', $$rfm_score(3, '{1,2,3,4}', false, 'upper')$$),
('on a breakpoint, lower', $$rfm_score(3, '{1,2,3,4}', false, 'lower')$$),
('on a breakpoint, upper, lower is better', $$rfm_score(3, '{1,2,3,4}', true, 'upper')$$),
('equal breakpoints, upper', $$rfm_score(1, '{1,1,1,1}', false, 'upper')$$),
('ties NULL', $$rfm_score(3, '{1,2,3,4}', false, NULL)$$),
('ties empty', $$rfm_score(3, '{1,2,3,4}', false, '')$$),
('ties Upper', $$rfm_score(3, '{1,2,3,4}', false, 'Upper')$$),
('value NaN, upper', $$rfm_score('NaN', '{1,2,3,4}', false, 'upper')$$),
('3 breakpoints, upper', $$rfm_score(1, '{1,2,3}', false, 'upper')$$)) v;
INSERT INTO cases (function, input, query) SELECT 'rfm_scores(customer_profile,timestamptz,float8[],float8[],float8[],text)', * FROM (VALUES
('worked case, upper', $$rfm_scores(:two, '2024-06-01', '{30,60,88,180}', '{1,2,3,5}', '{10,20,30,40}', 'upper')::text$$),
('ties NULL', $$rfm_scores(:two, '2024-06-01', '{30,60,88,180}', '{1,2,3,5}', '{10,20,30,40}', NULL)::text$$),
('ties unknown', $$rfm_scores(:two, '2024-06-01', '{30,60,88,180}', '{1,2,3,5}', '{10,20,30,40}', 'both')::text$$)) v;
-- rfm_segment over a named scheme
INSERT INTO cases (function, input, query) SELECT 'rfm_segment(integer,integer,integer,text)', * FROM (VALUES
('rf_grid 1, 1, 5', $$rfm_segment(1, 1, 5, 'rf_grid')$$),
('rfm_package 5, 5, 5', $$rfm_segment(5, 5, 5, 'rfm_package')$$),
('rfm_package 5, 1, 5 (Others)', $$rfm_segment(5, 1, 5, 'rfm_package')$$),
('scheme NULL', $$rfm_segment(1, 1, 1, NULL::text)$$),
('scheme empty', $$rfm_segment(1, 1, 1, '')$$),
('scheme RF_GRID', $$rfm_segment(1, 1, 1, 'RF_GRID')$$),
('monetary 0', $$rfm_segment(1, 1, 0, 'rf_grid')$$),
('recency 6', $$rfm_segment(6, 1, 1, 'rfm_package')$$),
('frequency -2147483648', $$rfm_segment(1, -2147483648, 1, 'rf_grid')$$)) v;
-- rfm_segment over jsonb rules
INSERT INTO cases (function, input, query) SELECT 'rfm_segment(integer,integer,integer,jsonb)', * FROM (VALUES
('a catch-all rule', $$rfm_segment(1, 1, 1, '[{"name": "All"}]'::jsonb)$$),
('no rule matches', $$rfm_segment(1, 1, 1, '[{"name": "Top", "r": [5, 5]}]'::jsonb)$$),
('rules NULL', $$rfm_segment(1, 1, 1, NULL::jsonb)$$),
('an object', $$rfm_segment(1, 1, 1, '{"name": "All"}'::jsonb)$$),
('a string', $$rfm_segment(1, 1, 1, '"All"'::jsonb)$$),
('JSON null', $$rfm_segment(1, 1, 1, 'null'::jsonb)$$),
('an empty array', $$rfm_segment(1, 1, 1, '[]'::jsonb)$$),
('1001 rules', $$rfm_segment(1, 1, 1, (SELECT jsonb_agg(jsonb_build_object('name', 's' || i)) FROM generate_series(1, 1001) i))$$),
('1000 rules', $$rfm_segment(1, 1, 1, (SELECT jsonb_agg(jsonb_build_object('name', 's' || i)) FROM generate_series(1, 1000) i))$$),
('a rule not an object', $$rfm_segment(1, 1, 1, '[{"name": "A"}, 3]'::jsonb)$$),
('name missing', $$rfm_segment(1, 1, 1, '[{"r": [1, 5]}]'::jsonb)$$),
('name empty', $$rfm_segment(1, 1, 1, '[{"name": ""}]'::jsonb)$$),
('name a number', $$rfm_segment(1, 1, 1, '[{"name": 7}]'::jsonb)$$),
('name of 128 bytes', $$rfm_segment(1, 1, 1, jsonb_build_array(jsonb_build_object('name', repeat('n', 128))))$$),
('name of 127 bytes', $$length(rfm_segment(1, 1, 1, jsonb_build_array(jsonb_build_object('name', repeat('n', 127)))))$$),
('unknown key', $$rfm_segment(1, 1, 1, '[{"name": "A", "recency": [1, 5]}]'::jsonb)$$),
('range not an array', $$rfm_segment(1, 1, 1, '[{"name": "A", "r": 3}]'::jsonb)$$),
('range of 3', $$rfm_segment(1, 1, 1, '[{"name": "A", "r": [1, 2, 3]}]'::jsonb)$$),
('range empty', $$rfm_segment(1, 1, 1, '[{"name": "A", "r": [4, 2]}]'::jsonb)$$),
('bound 0', $$rfm_segment(1, 1, 1, '[{"name": "A", "f": [0, 5]}]'::jsonb)$$),
('bound 2.5', $$rfm_segment(1, 1, 1, '[{"name": "A", "f": [1, 2.5]}]'::jsonb)$$),
('bound 5.0', $$rfm_segment(1, 1, 1, '[{"name": "A", "f": [1, 5.0]}]'::jsonb)$$),
('bound a string', $$rfm_segment(1, 1, 1, '[{"name": "A", "m": ["1", 5]}]'::jsonb)$$),
('bound null', $$rfm_segment(1, 1, 1, '[{"name": "A", "m": [null, 5]}]'::jsonb)$$),
('scores out of range', $$rfm_segment(0, 1, 1, '[{"name": "All"}]'::jsonb)$$)) v;
INSERT INTO cases (function, input, query) SELECT 'rfm_segment_rules(text)', * FROM (VALUES
('rf_grid', $$jsonb_array_length(rfm_segment_rules('rf_grid'))$$),
('rfm_package', $$jsonb_array_length(rfm_segment_rules('rfm_package'))$$),
('NULL', $$rfm_segment_rules(NULL)$$),
('unknown', $$rfm_segment_rules('grid')$$)) v;
INSERT INTO cases (function, input, query) SELECT 'rfm_rule_problems(jsonb)', * FROM (VALUES
('a catch-all rule', $$count(*) FROM rfm_rule_problems('[{"name": "All"}]')$$),
('one cell', $$string_agg(problem || ' ' || cell_count, ', ') FROM rfm_rule_problems('[{"name": "A", "r": [1, 1], "f": [1, 1], "m": [1, 1]}]')$$),
('the same rule twice', $$string_agg(problem || ' ' || cell_count, ', ') FROM rfm_rule_problems('[{"name": "A"}, {"name": "A"}]')$$),
('NULL', $$count(*) FROM rfm_rule_problems(NULL)$$),
('an empty array', $$count(*) FROM rfm_rule_problems('[]')$$),
('a bad bound', $$count(*) FROM rfm_rule_problems('[{"name": "A", "r": [1, 9]}]')$$),
('200 catch-all rules', $$count(*) FROM rfm_rule_problems((SELECT jsonb_agg(jsonb_build_object('name', 's' || i)) FROM generate_series(1, 200) i))$$)) v;

SELECT n, function, input, pg_temp.outcome(query) AS outcome FROM cases ORDER BY n;

-- Every error above is of class 22.
SELECT n, function, input, pg_temp.outcome(query) AS outcome
FROM cases WHERE pg_temp.outcome(query) LIKE 'ERROR%' AND pg_temp.outcome(query) NOT LIKE 'ERROR 22%';

DROP TABLE cases, profiles;
