-- Bad input to the ladder over time (issue 16): cohort_retention, lifecycle_counts and
-- cohort_chart tried with NULL and unknown periods, NULL and empty ladders, a ladder of an
-- unknown zone, one whose days lie after its as-of day (corrupt), and one spanning more
-- periods than a table holds.  Each case gives a documented result or an error of SQLSTATE
-- class 22 (54000 for the size limit) (doc/hardening.md points to this table).  The function
-- column names the function tried (sql/hardening_coverage.sql checks that every function of
-- the extension is tried in some hardening test).
SET extra_float_digits = 0;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';

-- outcome(query [, setting]): test/regress/hardening_helpers.sql.
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/hardening_helpers.sql

-- ref: as of 2026-07-01 00:00 UTC, customer 1 with orders on 2026-05-20 and 2026-06-11 (May and
-- June), customer 2 with two orders on 2026-06-30 (June), customer 3 known without orders.
CREATE TEMP TABLE ladders (name text PRIMARY KEY, l loyalty_ladder);
INSERT INTO ladders SELECT 'ref', loyalty_ladder(c, t, '2026-07-01')
FROM (VALUES (1::bigint, timestamptz '2026-05-20 10:00+00'), (1, '2026-06-11 10:00+00'),
             (2, '2026-06-30 08:00+00'), (2, '2026-06-30 09:00+00'), (3, NULL)) v(c, t);
CREATE TEMP TABLE cases (n serial, function text, input text, query text, setting text);
INSERT INTO samples VALUES
('ref', $$(SELECT l FROM ladders WHERE name = 'ref')$$),
('rows', $$string_agg(cohort || '+' || period_offset || '=' || customers || (CASE WHEN complete THEN '' ELSE '(open)' END), ' ')$$),
('life', $$string_agg(period || ':' || new || '/' || retained || '/' || reactivated || '/' || churned || (CASE WHEN complete THEN '' ELSE '(open)' END), ' ')$$);
INSERT INTO cases (function, input, query) SELECT 'cohort_retention(loyalty_ladder,text)', * FROM (VALUES
('NULL ladder (rows)', $$count(*) FROM cohort_retention(NULL)$$),
('NULL ladder, NULL period', $$count(*) FROM cohort_retention(NULL, NULL)$$),
('ref, month (the default)', $$:rows FROM cohort_retention(:ref)$$),
('ref, year', $$:rows FROM cohort_retention(:ref, 'year')$$),
('ref, MONTH', $$:rows FROM cohort_retention(:ref, 'MONTH')$$),
('period NULL', $$count(*) FROM cohort_retention(:ref, NULL)$$),
('period empty', $$count(*) FROM cohort_retention(:ref, '')$$),
('period months', $$count(*) FROM cohort_retention(:ref, 'months')$$),
('period '' month''', $$count(*) FROM cohort_retention(:ref, ' month')$$),
('period fortnight', $$count(*) FROM cohort_retention(:ref, 'fortnight')$$),
('only prospects', $$count(*) FROM cohort_retention('v2;tz=UTC;as_of=2026-07-01T00:00:00Z;customers=1;customer=3:0')$$),
('no customers', $$count(*) FROM cohort_retention('v2;tz=UTC;as_of=2026-07-01T00:00:00Z;customers=0')$$),
('a purchase day after the as-of day', $$count(*) FROM cohort_retention('v2;tz=UTC;as_of=2026-07-01T00:00:00Z;customers=1;customer=1:1:2026-07-02')$$),
('zone unknown to the server', $$count(*) FROM cohort_retention('v2;tz=No/Such_Zone;as_of=2026-07-01T00:00:00Z;customers=0')$$),
('first day 4714-11-24 BC by day, as of 294276 (too many cells)', $$count(*) FROM cohort_retention('v2;tz=UTC;as_of=294276-12-31T00:00:00Z;customers=1;customer=1:1:-4713-11-24', 'day')$$),
('first day 4714-11-24 BC by week, as of 2026 (one cohort, a row per week since)', $$count(*) FROM cohort_retention('v2;tz=UTC;as_of=2026-07-01T00:00:00Z;customers=1;customer=1:2:-4713-11-24+10', 'week')$$),
('first day 4714-11-24 BC by year (cohort before the first date)', $$count(*) FROM cohort_retention('v2;tz=UTC;as_of=2026-07-01T00:00:00Z;customers=1;customer=1:1:-4713-11-24', 'year')$$),
('first day 4714-11-25 BC by month', $$count(*) FROM cohort_retention('v2;tz=UTC;as_of=2026-07-01T00:00:00Z;customers=1;customer=1:1:-4713-11-25', 'month')$$),
('first day 4714-12-01 BC by month', $$(array_agg(cohort))[1] FROM cohort_retention('v2;tz=UTC;as_of=2026-07-01T00:00:00Z;customers=1;customer=1:1:-4713-12-01', 'month')$$),
('as_of 294276-12-31, day 294276-12-30, by day', $$:rows FROM cohort_retention('v2;tz=UTC;as_of=294276-12-31T23:59:59Z;customers=1;customer=1:1:294276-12-30', 'day')$$)) v;
INSERT INTO cases (function, input, query) SELECT 'lifecycle_counts(loyalty_ladder,text)', * FROM (VALUES
('NULL ladder (rows)', $$count(*) FROM lifecycle_counts(NULL)$$),
('ref, month (the default)', $$:life FROM lifecycle_counts(:ref)$$),
('ref, week', $$:life FROM lifecycle_counts(:ref, 'week')$$),
('period NULL', $$count(*) FROM lifecycle_counts(:ref, NULL)$$),
('period hour', $$count(*) FROM lifecycle_counts(:ref, 'hour')$$),
('only prospects', $$count(*) FROM lifecycle_counts('v2;tz=UTC;as_of=2026-07-01T00:00:00Z;customers=1;customer=3:0')$$),
('a purchase day after the as-of day', $$count(*) FROM lifecycle_counts('v2;tz=UTC;as_of=2026-07-01T00:00:00Z;customers=1;customer=1:1:2026-07-02')$$),
('first day 4714-11-24 BC by day, as of 294276 (too many cells)', $$count(*) FROM lifecycle_counts('v2;tz=UTC;as_of=294276-12-31T00:00:00Z;customers=1;customer=1:1:-4713-11-24', 'day')$$),
('first day 4714-11-24 BC by quarter (a period before the first date)', $$count(*) FROM lifecycle_counts('v2;tz=UTC;as_of=2026-07-01T00:00:00Z;customers=1;customer=1:1:-4713-11-24', 'quarter')$$)) v;
INSERT INTO cases (function, input, query) SELECT 'cohort_chart(loyalty_ladder,text)', * FROM (VALUES
('NULL ladder (rows)', $$count(*) FROM cohort_chart(NULL)$$),
('ref (rows: header, 2 cohorts, legend)', $$count(*) FROM cohort_chart(:ref)$$),
('ref, the cohort lines', $$string_agg(c, ' | ') FROM cohort_chart(:ref) c WHERE c LIKE '2026-%'$$),
('period NULL', $$count(*) FROM cohort_chart(:ref, NULL)$$),
('period decade', $$count(*) FROM cohort_chart(:ref, 'decade')$$),
('only prospects', $$count(*) FROM cohort_chart('v2;tz=UTC;as_of=2026-07-01T00:00:00Z;customers=1;customer=3:0')$$)) v;
-- By hand for ref (months): cohort May (customer 1) active in May and June, cohort June
-- (customer 2) in June; July, the as-of month, is open and empty.  Lifecycle: May new 1;
-- June retained 1 (1), new 1 (2); July churned 2.  Weeks (Mondays): 2026-05-18 customer 1 new,
-- 2026-05-25 churned, 2026-06-08 reactivated, 2026-06-15 churned; 2026-06-29 customer 2 new
-- (open).  A cohort starting before 4714-11-24 BC (the first date) is 22008; the size limit of a
-- table (2^26 counts) 54000.
SELECT n, function, input, pg_temp.outcome(query, setting) AS outcome FROM cases ORDER BY n;

-- Every error above is of class 22, but for the size limit (54000).
SELECT n, function, input, pg_temp.outcome(query, setting) AS outcome
FROM cases WHERE pg_temp.outcome(query, setting) LIKE 'ERROR%' AND pg_temp.outcome(query, setting) NOT LIKE 'ERROR 22%';

DROP TABLE cases, ladders;
