-- Bad input to the RFM functions (issue 7): rfm_score, rfm_segment and rfm
-- tried with NULL, empty, zero, negative, NaN, +-Infinity and huge values and
-- malformed breakpoint arrays.  Each case gives a documented result or an
-- error of SQLSTATE class 22 (the README's "Bad input" section has this table).
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
INSERT INTO cases (function, input, query) VALUES
-- rfm_score: 1 + the number of breakpoints strictly below the value; 6 - that when lower is better
('rfm_score(float8,float8[],boolean)', 'value NULL', $q$SELECT rfm_score(NULL, '{1,2,3,4}')$q$),
('rfm_score(float8,float8[],boolean)', 'breakpoints NULL', $q$SELECT rfm_score(1, NULL)$q$),
('rfm_score(float8,float8[],boolean)', 'lower_is_better NULL', $q$SELECT rfm_score(1, '{1,2,3,4}', NULL)$q$),
('rfm_score(float8,float8[],boolean)', 'value 0', $q$SELECT rfm_score(0, '{1,2,3,4}')$q$),
('rfm_score(float8,float8[],boolean)', 'value equal to a breakpoint (3)', $q$SELECT rfm_score(3, '{1,2,3,4}')$q$),
('rfm_score(float8,float8[],boolean)', 'value 3.5', $q$SELECT rfm_score(3.5, '{1,2,3,4}')$q$),
('rfm_score(float8,float8[],boolean)', 'value 3.5, lower is better', $q$SELECT rfm_score(3.5, '{1,2,3,4}', true)$q$),
('rfm_score(float8,float8[],boolean)', 'value -1e308', $q$SELECT rfm_score(-1e308, '{1,2,3,4}')$q$),
('rfm_score(float8,float8[],boolean)', 'value 1e308', $q$SELECT rfm_score(1e308, '{1,2,3,4}')$q$),
('rfm_score(float8,float8[],boolean)', 'value NaN', $q$SELECT rfm_score('NaN', '{1,2,3,4}')$q$),
('rfm_score(float8,float8[],boolean)', 'value Infinity', $q$SELECT rfm_score('Infinity', '{1,2,3,4}')$q$),
('rfm_score(float8,float8[],boolean)', 'value -Infinity', $q$SELECT rfm_score('-Infinity', '{1,2,3,4}')$q$),
('rfm_score(float8,float8[],boolean)', 'no breakpoints', $q$SELECT rfm_score(1, '{}')$q$),
('rfm_score(float8,float8[],boolean)', '3 breakpoints', $q$SELECT rfm_score(1, '{1,2,3}')$q$),
('rfm_score(float8,float8[],boolean)', '5 breakpoints', $q$SELECT rfm_score(1, '{1,2,3,4,5}')$q$),
('rfm_score(float8,float8[],boolean)', 'a NULL breakpoint', $q$SELECT rfm_score(1, '{1,NULL,3,4}')$q$),
('rfm_score(float8,float8[],boolean)', 'a NaN breakpoint', $q$SELECT rfm_score(1, '{1,2,3,NaN}')$q$),
('rfm_score(float8,float8[],boolean)', 'an Infinity breakpoint', $q$SELECT rfm_score(1, '{1,2,3,Infinity}')$q$),
('rfm_score(float8,float8[],boolean)', 'a -Infinity breakpoint', $q$SELECT rfm_score(1, '{-Infinity,2,3,4}')$q$),
('rfm_score(float8,float8[],boolean)', 'descending breakpoints', $q$SELECT rfm_score(1, '{4,3,2,1}')$q$),
('rfm_score(float8,float8[],boolean)', 'equal breakpoints, value on them', $q$SELECT rfm_score(1, '{1,1,1,1}')$q$),
('rfm_score(float8,float8[],boolean)', 'equal breakpoints, value above', $q$SELECT rfm_score(1.5, '{1,1,1,1}')$q$),
('rfm_score(float8,float8[],boolean)', 'two-dimensional array', $q$SELECT rfm_score(1, '{{1,2},{3,4}}')$q$),
('rfm_score(float8,float8[],boolean)', 'array from index 0', $q$SELECT rfm_score(2.5, '[0:3]={1,2,3,4}')$q$),
-- rfm_segment
('rfm_segment(integer,integer)', 'recency NULL', $q$SELECT rfm_segment(NULL, 1)$q$),
('rfm_segment(integer,integer)', 'frequency NULL', $q$SELECT rfm_segment(1, NULL)$q$),
('rfm_segment(integer,integer)', 'scores 1, 1', $q$SELECT rfm_segment(1, 1)$q$),
('rfm_segment(integer,integer)', 'scores 5, 5', $q$SELECT rfm_segment(5, 5)$q$),
('rfm_segment(integer,integer)', 'scores 3, 2', $q$SELECT rfm_segment(3, 2)$q$),
('rfm_segment(integer,integer)', 'recency 0', $q$SELECT rfm_segment(0, 1)$q$),
('rfm_segment(integer,integer)', 'recency 6', $q$SELECT rfm_segment(6, 1)$q$),
('rfm_segment(integer,integer)', 'frequency -1', $q$SELECT rfm_segment(1, -1)$q$),
('rfm_segment(integer,integer)', 'frequency 2147483647', $q$SELECT rfm_segment(1, 2147483647)$q$),
('rfm_segment(integer,integer)', 'recency -2147483648', $q$SELECT rfm_segment(-2147483648, 1)$q$),
-- rfm of a profile: at 2024-06-01 recency 88 days (2 breakpoints below: 6 - 3 = 3), frequency 2 orders
-- (1 below: 2), monetary 20.00 (equal to a breakpoint: 2); R 3, F 2 = About to Sleep
('rfm(customer_profile,timestamptz,float8[],float8[],float8[])', 'worked case', $q$SELECT rfm(p, '2024-06-01', '{30,60,90,180}', '{1,2,3,5}', '{10,20,30,40}')::text FROM profiles WHERE name = 'two'$q$),
('rfm(customer_profile,timestamptz,float8[],float8[],float8[])', 'NULL profile', $q$SELECT rfm(NULL, '2024-06-01', '{30,60,90,180}', '{1,2,3,5}', '{10,20,30,40}')::text$q$),
('rfm(customer_profile,timestamptz,float8[],float8[],float8[])', 'NULL as_of', $q$SELECT rfm(p, NULL, '{30,60,90,180}', '{1,2,3,5}', '{10,20,30,40}')::text FROM profiles WHERE name = 'two'$q$),
('rfm(customer_profile,timestamptz,float8[],float8[],float8[])', 'NULL breakpoints', $q$SELECT rfm(p, '2024-06-01', NULL, '{1,2,3,5}', '{10,20,30,40}')::text FROM profiles WHERE name = 'two'$q$),
('rfm(customer_profile,timestamptz,float8[],float8[],float8[])', 'as_of before the last order', $q$SELECT rfm(p, '2024-02-01', '{30,60,90,180}', '{1,2,3,5}', '{10,20,30,40}')::text FROM profiles WHERE name = 'two'$q$),
('rfm(customer_profile,timestamptz,float8[],float8[],float8[])', 'as_of infinity', $q$SELECT rfm(p, 'infinity', '{30,60,90,180}', '{1,2,3,5}', '{10,20,30,40}')::text FROM profiles WHERE name = 'two'$q$),
('rfm(customer_profile,timestamptz,float8[],float8[],float8[])', 'descending recency breakpoints', $q$SELECT rfm(p, '2024-06-01', '{180,90,60,30}', '{1,2,3,5}', '{10,20,30,40}')::text FROM profiles WHERE name = 'two'$q$),
('rfm(customer_profile,timestamptz,float8[],float8[],float8[])', 'a NULL monetary breakpoint', $q$SELECT rfm(p, '2024-06-01', '{30,60,90,180}', '{1,2,3,5}', '{10,NULL,30,40}')::text FROM profiles WHERE name = 'two'$q$),
('rfm(customer_profile,timestamptz,float8[],float8[],float8[])', 'revenue 10^400', $q$SELECT rfm(p, '2024-06-01', '{30,60,90,180}', '{1,2,3,5}', '{10,20,30,40}')::text FROM profiles WHERE name = 'huge'$q$);

SELECT n, function, input, pg_temp.outcome(query) AS outcome FROM cases ORDER BY n;

-- Every error above is of class 22.
SELECT n, function, input, pg_temp.outcome(query) AS outcome
FROM cases WHERE pg_temp.outcome(query) LIKE 'ERROR%' AND pg_temp.outcome(query) NOT LIKE 'ERROR 22%';

DROP TABLE cases, profiles;
