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

SELECT n, function, input, pg_temp.outcome(query) AS outcome FROM cases ORDER BY n;

-- Every error above is of class 22.
SELECT n, function, input, pg_temp.outcome(query) AS outcome
FROM cases WHERE pg_temp.outcome(query) LIKE 'ERROR%' AND pg_temp.outcome(query) NOT LIKE 'ERROR 22%';

DROP TABLE cases, profiles;
