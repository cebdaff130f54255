-- Bad input to the lost-customer-value functions (issue 7): the arithmetic
-- and geometric formulas, annual_trend and the profile form, tried with NULL,
-- zero, negative, NaN, +-Infinity and huge values.  (The model form,
-- lost_customer_value(bgnbd_model, gamma_gamma_model, ...), is in
-- sql/hardening_bgnbd.sql.)  Each case gives a documented result or an error
-- of SQLSTATE class 22 (the README's "Bad input" section has this table).
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
INSERT INTO cases (function, input, query) VALUES
-- arithmetic growth: sum over t = 1..years of (annual_value + (t - 1) * growth) * margin / (1 + discount_rate)^t
('lost_customer_value(numeric,numeric,integer,numeric,numeric)', 'annual_value NULL', $q$SELECT lost_customer_value(NULL, 0, 5)$q$),
('lost_customer_value(numeric,numeric,integer,numeric,numeric)', 'years NULL', $q$SELECT lost_customer_value(100, 0, NULL)$q$),
('lost_customer_value(numeric,numeric,integer,numeric,numeric)', 'discount_rate NULL', $q$SELECT lost_customer_value(100, 0, 5, 1, NULL)$q$),
('lost_customer_value(numeric,numeric,integer,numeric,numeric)', '10000 + 2000/year, 5 years (70000)', $q$SELECT lost_customer_value(10000, 2000, 5)$q$),
('lost_customer_value(numeric,numeric,integer,numeric,numeric)', 'years 0', $q$SELECT lost_customer_value(100, 10, 0)$q$),
('lost_customer_value(numeric,numeric,integer,numeric,numeric)', 'years -1', $q$SELECT lost_customer_value(100, 10, -1)$q$),
('lost_customer_value(numeric,numeric,integer,numeric,numeric)', 'years 1000 (1000 * 1 + 1 * 999 * 1000 / 2)', $q$SELECT lost_customer_value(1, 1, 1000)$q$),
('lost_customer_value(numeric,numeric,integer,numeric,numeric)', 'years 1001', $q$SELECT lost_customer_value(1, 0, 1001)$q$),
('lost_customer_value(numeric,numeric,integer,numeric,numeric)', 'years 2147483647', $q$SELECT lost_customer_value(1, 0, 2147483647)$q$),
('lost_customer_value(numeric,numeric,integer,numeric,numeric)', 'annual_value -100 (a refunder)', $q$SELECT lost_customer_value(-100, 0, 2)$q$),
('lost_customer_value(numeric,numeric,integer,numeric,numeric)', 'annual_value NaN', $q$SELECT lost_customer_value('NaN', 0, 5)$q$),
('lost_customer_value(numeric,numeric,integer,numeric,numeric)', 'annual_value Infinity', $q$SELECT lost_customer_value('Infinity', 0, 5)$q$),
('lost_customer_value(numeric,numeric,integer,numeric,numeric)', 'annual_growth -Infinity', $q$SELECT lost_customer_value(100, '-Infinity', 5)$q$),
('lost_customer_value(numeric,numeric,integer,numeric,numeric)', 'annual_value 1e300, 1000 years', $q$SELECT lost_customer_value(1e300, 0, 1000) = 1e303$q$),
('lost_customer_value(numeric,numeric,integer,numeric,numeric)', 'annual_value 9e131071, 2 years', $q$SELECT lost_customer_value(9 * 10::numeric ^ 131071, 0, 2)::text$q$),
('lost_customer_value(numeric,numeric,integer,numeric,numeric)', 'margin 0', $q$SELECT lost_customer_value(100, 10, 5, 0)$q$),
('lost_customer_value(numeric,numeric,integer,numeric,numeric)', 'margin -0.1', $q$SELECT lost_customer_value(100, 10, 5, -0.1)$q$),
('lost_customer_value(numeric,numeric,integer,numeric,numeric)', 'margin 1.1', $q$SELECT lost_customer_value(100, 10, 5, 1.1)$q$),
('lost_customer_value(numeric,numeric,integer,numeric,numeric)', 'margin NaN', $q$SELECT lost_customer_value(100, 10, 5, 'NaN')$q$),
('lost_customer_value(numeric,numeric,integer,numeric,numeric)', 'discount_rate -1', $q$SELECT lost_customer_value(100, 0, 1, 1, -1)$q$),
('lost_customer_value(numeric,numeric,integer,numeric,numeric)', 'discount_rate -0.5 (100 / 0.5)', $q$SELECT lost_customer_value(100, 0, 1, 1, -0.5)$q$),
('lost_customer_value(numeric,numeric,integer,numeric,numeric)', 'discount_rate 1 (100/2 + 100/4)', $q$SELECT lost_customer_value(100, 0, 2, 1, 1)$q$),
('lost_customer_value(numeric,numeric,integer,numeric,numeric)', 'discount_rate 1e6, 1000 years', $q$SELECT round(lost_customer_value(1e6, 0, 1000, 1, 1e6), 10)$q$),
('lost_customer_value(numeric,numeric,integer,numeric,numeric)', 'discount_rate Infinity', $q$SELECT lost_customer_value(100, 0, 1, 1, 'Infinity')$q$),
('lost_customer_value(numeric,numeric,integer,numeric,numeric)', 'discount_rate NaN', $q$SELECT lost_customer_value(100, 0, 1, 1, 'NaN')$q$),
-- geometric growth: sum over t = 1..years of annual_value * (1 + growth_rate)^(t - 1) * margin / (1 + discount_rate)^t
('lost_customer_value_geometric(numeric,numeric,integer,numeric,numeric)', 'growth_rate NULL', $q$SELECT lost_customer_value_geometric(100, NULL, 5)$q$),
('lost_customer_value_geometric(numeric,numeric,integer,numeric,numeric)', '10000, 20 %/year, 5 years (74416)', $q$SELECT lost_customer_value_geometric(10000, 0.2, 5)$q$),
('lost_customer_value_geometric(numeric,numeric,integer,numeric,numeric)', 'growth_rate -1 (100 + 0 + 0)', $q$SELECT lost_customer_value_geometric(100, -1, 3)$q$),
('lost_customer_value_geometric(numeric,numeric,integer,numeric,numeric)', 'growth_rate -1.5', $q$SELECT lost_customer_value_geometric(100, -1.5, 3)$q$),
('lost_customer_value_geometric(numeric,numeric,integer,numeric,numeric)', 'growth_rate 0, years 0', $q$SELECT lost_customer_value_geometric(100, 0, 0)$q$),
('lost_customer_value_geometric(numeric,numeric,integer,numeric,numeric)', 'years -1', $q$SELECT lost_customer_value_geometric(100, 0, -1)$q$),
('lost_customer_value_geometric(numeric,numeric,integer,numeric,numeric)', 'years 1001', $q$SELECT lost_customer_value_geometric(100, 0, 1001)$q$),
('lost_customer_value_geometric(numeric,numeric,integer,numeric,numeric)', 'growth_rate 1 (doubling), 1000 years', $q$SELECT lost_customer_value_geometric(1, 1, 1000) = 2::numeric ^ 1000 - 1$q$),
('lost_customer_value_geometric(numeric,numeric,integer,numeric,numeric)', 'growth_rate 1e200, 1000 years', $q$SELECT lost_customer_value_geometric(1, 1e200, 1000)::text$q$),
('lost_customer_value_geometric(numeric,numeric,integer,numeric,numeric)', 'growth_rate NaN', $q$SELECT lost_customer_value_geometric(100, 'NaN', 3)$q$),
('lost_customer_value_geometric(numeric,numeric,integer,numeric,numeric)', 'growth_rate Infinity', $q$SELECT lost_customer_value_geometric(100, 'Infinity', 3)$q$),
('lost_customer_value_geometric(numeric,numeric,integer,numeric,numeric)', 'annual_value -Infinity', $q$SELECT lost_customer_value_geometric('-Infinity', 0, 3)$q$),
('lost_customer_value_geometric(numeric,numeric,integer,numeric,numeric)', 'margin 2', $q$SELECT lost_customer_value_geometric(100, 0, 3, 2)$q$),
('lost_customer_value_geometric(numeric,numeric,integer,numeric,numeric)', 'discount_rate -2', $q$SELECT lost_customer_value_geometric(100, 0, 3, 1, -2)$q$),
-- from a profile
('annual_trend(customer_profile,timestamptz)', 'NULL profile', $q$SELECT annual_trend(NULL, '2024-06-01')::text$q$),
('annual_trend(customer_profile,timestamptz)', 'NULL as_of', $q$SELECT annual_trend(p, NULL)::text FROM profiles WHERE name = 'one'$q$),
('annual_trend(customer_profile,timestamptz)', 'less than a year of history', $q$SELECT annual_trend(p, '2024-06-01')::text FROM profiles WHERE name = 'one'$q$),
('annual_trend(customer_profile,timestamptz)', 'as_of before the last order', $q$SELECT annual_trend(p, '2023-06-01')::text FROM profiles WHERE name = 'one'$q$),
('annual_trend(customer_profile,timestamptz)', 'as_of infinity', $q$SELECT annual_trend(p, 'infinity')::text FROM profiles WHERE name = 'one'$q$),
('annual_trend(customer_profile,timestamptz)', 'as_of 294276-12-31', $q$SELECT annual_trend(p, '294276-12-31 00:00+00')::text FROM profiles WHERE name = 'one'$q$),
('annual_trend(customer_profile,timestamptz)', 'moment overflowed (none)', $q$SELECT annual_trend(p, '2024-06-01')::text FROM profiles WHERE name = 'none'$q$),
('lost_customer_value(customer_profile,timestamptz,integer,numeric,numeric)', 'NULL profile', $q$SELECT lost_customer_value(NULL::customer_profile, '2024-06-01', 3)$q$),
('lost_customer_value(customer_profile,timestamptz,integer,numeric,numeric)', '12.50 a year, 3 years', $q$SELECT lost_customer_value(p, '2024-06-01', 3) FROM profiles WHERE name = 'one'$q$),
('lost_customer_value(customer_profile,timestamptz,integer,numeric,numeric)', 'years -1', $q$SELECT lost_customer_value(p, '2024-06-01', -1) FROM profiles WHERE name = 'one'$q$),
('lost_customer_value(customer_profile,timestamptz,integer,numeric,numeric)', 'years 1001', $q$SELECT lost_customer_value(p, '2024-06-01', 1001) FROM profiles WHERE name = 'one'$q$),
('lost_customer_value(customer_profile,timestamptz,integer,numeric,numeric)', 'margin -1', $q$SELECT lost_customer_value(p, '2024-06-01', 3, -1) FROM profiles WHERE name = 'one'$q$),
('lost_customer_value(customer_profile,timestamptz,integer,numeric,numeric)', 'margin NaN', $q$SELECT lost_customer_value(p, '2024-06-01', 3, 'NaN') FROM profiles WHERE name = 'one'$q$),
('lost_customer_value(customer_profile,timestamptz,integer,numeric,numeric)', 'discount_rate -1', $q$SELECT lost_customer_value(p, '2024-06-01', 3, 1, -1) FROM profiles WHERE name = 'one'$q$),
('lost_customer_value(customer_profile,timestamptz,integer,numeric,numeric)', 'discount_rate Infinity', $q$SELECT lost_customer_value(p, '2024-06-01', 3, 1, 'Infinity') FROM profiles WHERE name = 'one'$q$),
('lost_customer_value(customer_profile,timestamptz,integer,numeric,numeric)', 'as_of before the last order', $q$SELECT lost_customer_value(p, '2023-06-01', 3) FROM profiles WHERE name = 'one'$q$),
('lost_customer_value(customer_profile,timestamptz,integer,numeric,numeric)', 'as_of -infinity', $q$SELECT lost_customer_value(p, '-infinity', 3) FROM profiles WHERE name = 'one'$q$),
('lost_customer_value(customer_profile,timestamptz,integer,numeric,numeric)', 'moment overflowed (none)', $q$SELECT lost_customer_value(p, '2024-06-01', 3) FROM profiles WHERE name = 'none'$q$);

SELECT n, function, input, pg_temp.outcome(query) AS outcome FROM cases ORDER BY n;

-- Every error above is of class 22.
SELECT n, function, input, pg_temp.outcome(query) AS outcome
FROM cases WHERE pg_temp.outcome(query) LIKE 'ERROR%' AND pg_temp.outcome(query) NOT LIKE 'ERROR 22%';

DROP TABLE cases, profiles;
