-- Bad input to the lost-customer-value functions (issue 7): the arithmetic
-- and geometric formulas, annual_trend and the profile form, tried with NULL,
-- zero, negative, NaN, +-Infinity and huge values.  (The model form,
-- expected_lost_value(bgnbd_model, gamma_gamma_model, ...), is in
-- sql/hardening_bgnbd.sql.)  Each case gives a documented result or an error
-- of SQLSTATE class 22 (doc/hardening.md points to this table).
SET extra_float_digits = 0;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';

-- outcome(query [, setting]) and recv(type, bytes): test/regress/hardening_helpers.sql.
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/hardening_helpers.sql

-- one:  one order of 12.50 on 2024-01-01 (less than a year of history: annual value 12.50, no growth);
-- none: the same with the moment marked as overflowed.
CREATE TEMP TABLE profiles (name text PRIMARY KEY, p customer_profile);
INSERT INTO profiles VALUES
('one', 'v1;tz=UTC;orders=1;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=109575.00;days=2024-01-01'),
('none', 'v1;tz=UTC;orders=1;first=2024-01-01T10:00:00Z;last=2024-01-01T10:00:00Z;revenue=12.50;moment=none;days=2024-01-01');

CREATE TEMP TABLE cases (n serial, function text, input text, query text);
-- Samples: :name is the p of the profiles row of that name.
INSERT INTO samples VALUES
('one', $$(SELECT p FROM profiles WHERE name = 'one')$$),
('none', $$(SELECT p FROM profiles WHERE name = 'none')$$);
-- arithmetic growth: sum over t = 1..years of (annual_value + (t - 1) * growth) * margin / (1 + discount_rate)^t
INSERT INTO cases (function, input, query) SELECT 'lost_customer_value(numeric,numeric,integer,numeric,numeric)', * FROM (VALUES
('annual_value NULL', $$lost_customer_value(NULL, 0, 5)$$),
('years NULL', $$lost_customer_value(100, 0, NULL)$$),
('discount_rate NULL', $$lost_customer_value(100, 0, 5, 1, NULL)$$),
('10000 + 2000/year, 5 years (70000)', $$lost_customer_value(10000, 2000, 5)$$),
('years 0', $$lost_customer_value(100, 10, 0)$$),
('years -1', $$lost_customer_value(100, 10, -1)$$),
('years 1000 (1000 * 1 + 1 * 999 * 1000 / 2)', $$lost_customer_value(1, 1, 1000)$$),
('years 1001', $$lost_customer_value(1, 0, 1001)$$),
('years 2147483647', $$lost_customer_value(1, 0, 2147483647)$$),
('annual_value -100 (a refunder)', $$lost_customer_value(-100, 0, 2)$$),
('annual_value NaN', $$lost_customer_value('NaN', 0, 5)$$),
('annual_value Infinity', $$lost_customer_value('Infinity', 0, 5)$$),
('annual_growth -Infinity', $$lost_customer_value(100, '-Infinity', 5)$$),
('annual_value 1e300, 1000 years', $$lost_customer_value(1e300, 0, 1000) = 1e303$$),
('annual_value 9e131071, 2 years', $$lost_customer_value(9 * 10::numeric ^ 131071, 0, 2)::text$$),
('margin 0', $$lost_customer_value(100, 10, 5, 0)$$),
('margin -0.1', $$lost_customer_value(100, 10, 5, -0.1)$$),
('margin 1.1', $$lost_customer_value(100, 10, 5, 1.1)$$),
('margin NaN', $$lost_customer_value(100, 10, 5, 'NaN')$$),
('discount_rate -1', $$lost_customer_value(100, 0, 1, 1, -1)$$),
('discount_rate -0.5 (100 / 0.5)', $$lost_customer_value(100, 0, 1, 1, -0.5)$$),
('discount_rate 1 (100/2 + 100/4)', $$lost_customer_value(100, 0, 2, 1, 1)$$),
('discount_rate 1e6, 1000 years', $$round(lost_customer_value(1e6, 0, 1000, 1, 1e6), 10)$$),
('discount_rate Infinity', $$lost_customer_value(100, 0, 1, 1, 'Infinity')$$),
('discount_rate NaN', $$lost_customer_value(100, 0, 1, 1, 'NaN')$$)) v;
-- geometric growth: sum over t = 1..years of annual_value * (1 + growth_rate)^(t - 1) * margin / (1 + discount_rate)^t
INSERT INTO cases (function, input, query) SELECT 'lost_customer_value_geometric(numeric,numeric,integer,numeric,numeric)', * FROM (VALUES
('growth_rate NULL', $$lost_customer_value_geometric(100, NULL, 5)$$),
('10000, 20 %/year, 5 years (74416)', $$lost_customer_value_geometric(10000, 0.2, 5)$$),
('growth_rate -1 (100 + 0 + 0)', $$lost_customer_value_geometric(100, -1, 3)$$),
('growth_rate -1.5', $$lost_customer_value_geometric(100, -1.5, 3)$$),
('growth_rate 0, years 0', $$lost_customer_value_geometric(100, 0, 0)$$),
('years -1', $$lost_customer_value_geometric(100, 0, -1)$$),
('years 1001', $$lost_customer_value_geometric(100, 0, 1001)$$),
('growth_rate 1 (doubling), 1000 years', $$lost_customer_value_geometric(1, 1, 1000) = 2::numeric ^ 1000 - 1$$),
('growth_rate 1e200, 1000 years', $$lost_customer_value_geometric(1, 1e200, 1000)::text$$),
('growth_rate NaN', $$lost_customer_value_geometric(100, 'NaN', 3)$$),
('growth_rate Infinity', $$lost_customer_value_geometric(100, 'Infinity', 3)$$),
('annual_value -Infinity', $$lost_customer_value_geometric('-Infinity', 0, 3)$$),
('margin 2', $$lost_customer_value_geometric(100, 0, 3, 2)$$),
('discount_rate -2', $$lost_customer_value_geometric(100, 0, 3, 1, -2)$$)) v;
-- from a profile
INSERT INTO cases (function, input, query) SELECT 'annual_trend(customer_profile,timestamptz)', * FROM (VALUES
('NULL profile', $$annual_trend(NULL, '2024-06-01')::text$$),
('NULL as_of', $$annual_trend(:one, NULL)::text$$),
('less than a year of history', $$annual_trend(:one, '2024-06-01')::text$$),
('as_of before the last order', $$annual_trend(:one, '2023-06-01')::text$$),
('as_of infinity', $$annual_trend(:one, 'infinity')::text$$),
('as_of 294276-12-31', $$annual_trend(:one, '294276-12-31 00:00+00')::text$$),
('moment overflowed (none)', $$annual_trend(:none, '2024-06-01')::text$$)) v;
INSERT INTO cases (function, input, query) SELECT 'lost_customer_value(customer_profile,timestamptz,integer,numeric,numeric)', * FROM (VALUES
('NULL profile', $$lost_customer_value(NULL::customer_profile, '2024-06-01', 3)$$),
('12.50 a year, 3 years', $$lost_customer_value(:one, '2024-06-01', 3)$$),
('years -1', $$lost_customer_value(:one, '2024-06-01', -1)$$),
('years 1001', $$lost_customer_value(:one, '2024-06-01', 1001)$$),
('margin -1', $$lost_customer_value(:one, '2024-06-01', 3, -1)$$),
('margin NaN', $$lost_customer_value(:one, '2024-06-01', 3, 'NaN')$$),
('discount_rate -1', $$lost_customer_value(:one, '2024-06-01', 3, 1, -1)$$),
('discount_rate Infinity', $$lost_customer_value(:one, '2024-06-01', 3, 1, 'Infinity')$$),
('as_of before the last order', $$lost_customer_value(:one, '2023-06-01', 3)$$),
('as_of -infinity', $$lost_customer_value(:one, '-infinity', 3)$$),
('moment overflowed (none)', $$lost_customer_value(:none, '2024-06-01', 3)$$)) v;

SELECT n, function, input, pg_temp.outcome(query) AS outcome FROM cases ORDER BY n;

-- Every error above is of class 22.
SELECT n, function, input, pg_temp.outcome(query) AS outcome
FROM cases WHERE pg_temp.outcome(query) LIKE 'ERROR%' AND pg_temp.outcome(query) NOT LIKE 'ERROR 22%';

DROP TABLE cases, profiles;
