-- Security of the extension (issue 7): trusted install by a database owner
-- who is not a superuser, no SECURITY DEFINER, PARALLEL SAFE everywhere, the
-- intended strictness and volatility, NULL arguments never crash, and a
-- user's own functions earlier in search_path cannot hijack the extension's.
--
-- Every catalogue check lists offenders: the expected output is empty lists,
-- so a new function that breaks a rule shows up by name.  The checks read the
-- extension's members from pg_depend, so new concepts are covered without
-- changing this file (except the list of deliberately non-strict functions).
-- The trusted install runs last, in a database of its own (it reconnects).
-- Leaves the database as it found it: the extension installed, no new role.
SET client_min_messages = warning;

-- Members of the extension that are functions (aggregates included).
CREATE TEMP VIEW ext_functions AS
SELECT p.oid, p.oid::regprocedure AS func, p.proname, p.prokind, l.lanname, p.provolatile,
       p.proisstrict, p.proparallel, p.prosecdef, p.proconfig, p.prosrc, p.prorettype
FROM pg_proc p
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'customer_focus'
JOIN pg_language l ON l.oid = p.prolang;

-- Functions that aggregates call (transition, inverse, combine, final, serial).
CREATE TEMP VIEW ext_aggregate_support AS
SELECT DISTINCT f::oid AS oid
FROM pg_aggregate a
JOIN ext_functions e ON e.oid = a.aggfnoid
CROSS JOIN LATERAL (VALUES (a.aggtransfn), (a.aggfinalfn), (a.aggcombinefn), (a.aggserialfn),
                           (a.aggdeserialfn), (a.aggmtransfn), (a.aggminvtransfn), (a.aggmfinalfn)) AS v(f)
WHERE f::oid <> 0;

-- Sanity: the views see the extension.
SELECT count(*) > 10 AS sees_functions, (SELECT count(*) > 0 FROM ext_aggregate_support) AS sees_aggregates
FROM ext_functions;

-- ===================================================================
-- (b) Catalogue rules: every list below should be empty
-- ===================================================================

-- No SECURITY DEFINER function.
SELECT func AS security_definer FROM ext_functions WHERE prosecdef ORDER BY func::text;

-- Every function and aggregate is PARALLEL SAFE.
SELECT func AS not_parallel_safe, proparallel FROM ext_functions WHERE proparallel <> 's' ORDER BY func::text;

-- Nothing is VOLATILE (no function of the extension has side effects or randomness).
SELECT func AS volatile FROM ext_functions WHERE provolatile = 'v' ORDER BY func::text;

-- No aggregate is recorded as less volatile than one of its support functions
-- (CREATE AGGREGATE records every aggregate immutable; a stable transition, e.g.
-- one reading the session TimeZone or the ladder settings, makes the aggregate
-- stable, or postgres_fdw would push it into remote sessions with other settings).
SELECT e.func AS aggregate_less_volatile_than_support, e.provolatile, s.func AS support, s.provolatile
FROM ext_functions e
JOIN pg_aggregate a ON a.aggfnoid = e.oid
JOIN ext_functions s ON s.oid IN (a.aggtransfn, a.aggfinalfn, a.aggcombinefn, a.aggserialfn,
                                  a.aggdeserialfn, a.aggmtransfn, a.aggminvtransfn, a.aggmfinalfn)
WHERE (e.provolatile = 'i' AND s.provolatile <> 'i') OR (e.provolatile = 's' AND s.provolatile = 'v')
ORDER BY e.func::text, s.func::text;

-- The aggregates recorded as stable, each for a reason given in the install script
-- (90_volatility.sql): the session TimeZone or the ladder settings.
SELECT func AS stable_aggregate FROM ext_functions WHERE prokind = 'a' AND provolatile = 's' ORDER BY func::text;

-- Type input, output, send and receive functions are STRICT and not VOLATILE.
SELECT t.typname, f.func AS io_function, f.proisstrict, f.provolatile
FROM pg_type t
JOIN pg_depend d ON d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'customer_focus'
JOIN ext_functions f ON f.oid IN (t.typinput, t.typoutput, t.typreceive, t.typsend)
WHERE NOT f.proisstrict OR f.provolatile = 'v'
ORDER BY 1, 2::text;

-- Strictness: everything is STRICT except aggregate support functions (the
-- conventions ask for non-strict transition functions) and the functions
-- below, which give NULL arguments a documented meaning.  A new non-strict
-- function must be added here with its reason.
CREATE TEMP TABLE deliberately_not_strict (name text PRIMARY KEY, reason text);
INSERT INTO deliberately_not_strict VALUES
  ('loyalty_stage', 'NULL profile = prospect; NULL thresholds take the customer_focus.* settings'),
  ('gamma_gamma_expected_mean', 'NULL spend/frequency arguments have a documented meaning (population mean)'),
  ('customer_lifetime_value', 'NULL optional arguments take their defaults'),
  ('expected_lost_value', 'NULL optional arguments take their defaults'),
  ('clv', 'deprecated alias of customer_lifetime_value'),
  ('lost_customer_value', 'deprecated alias of expected_lost_value (the numeric forms are strict)'),
  ('segment_report', 'NULL scores (a segment without survey responses) leave the NPS columns NULL, not the row'),
  ('stage_counts', 'NULL ladder gives no rows; NULL thresholds take the customer_focus.* settings'),
  ('stage_sensitivity', 'NULL ladder gives no rows; a NULL grid is an error (22004), not no rows'),
  ('stage_migration', 'NULL ladder gives no rows; a NULL from_as_of or threshold is an error (22004), not no rows'),
  ('migration_chart', 'NULL ladder gives no rows; a NULL from_as_of or threshold is an error (22004), not no rows'),
  ('cohort_retention', 'NULL ladder gives no rows; a NULL period is an error (22004), not no rows'),
  ('lifecycle_counts', 'NULL ladder gives no rows; a NULL period is an error (22004), not no rows'),
  ('cohort_chart', 'NULL ladder gives no rows; a NULL period is an error (22004), not no rows');
SELECT f.func AS not_strict_without_reason
FROM ext_functions f
WHERE f.prokind = 'f' AND NOT f.proisstrict
  AND f.oid NOT IN (SELECT oid FROM ext_aggregate_support)
  AND f.proname NOT IN (SELECT name FROM deliberately_not_strict)
ORDER BY func::text;

-- SQL and PL/pgSQL functions either pin search_path or qualify every
-- function call (pg_catalog. or the extension's schema): an unqualified
-- call could resolve to a user's function with a closer signature.
SELECT f.func AS unqualified_call_in, m[2] AS called
FROM ext_functions f
CROSS JOIN LATERAL regexp_matches(f.prosrc, '(^|[^.[:alnum:]_"])([[:alpha:]_][[:alnum:]_]*)[[:space:]]*\(', 'g') AS m
WHERE f.lanname IN ('sql', 'plpgsql')
  AND NOT coalesce(f.proconfig::text LIKE '%search_path=%', false)
  AND lower(m[2]) NOT IN ('select', 'from', 'where', 'and', 'or', 'not', 'in', 'exists', 'as', 'on',
                          'join', 'values', 'case', 'when', 'then', 'else', 'end', 'cast', 'coalesce',
                          'nullif', 'greatest', 'least', 'over', 'filter', 'any', 'all', 'some', 'array',
                          'row', 'using', 'lateral', 'returning', 'with', 'by', 'is', 'between', 'like',
                          'distinct', 'union', 'except', 'intersect', 'if', 'elsif', 'loop', 'return',
                          'perform', 'raise', 'into', 'execute', 'format')
ORDER BY f.func::text, m[2];

-- NULL in every argument never crashes and never gives an internal error:
-- each function returns (NULL or a value) or raises a clear error (class 22
-- invalid data, 0A000 not supported, e.g. a transition function outside an
-- aggregate).  Offenders are listed with their SQLSTATE.
CREATE TEMP TABLE null_calls (func text, outcome text);
DO $$
DECLARE
    f record;
    call text;
BEGIN
    FOR f IN
        SELECT p.oid, p.oid::regprocedure AS func, n.nspname, p.proname, p.proargtypes
        FROM ext_functions e JOIN pg_proc p ON p.oid = e.oid JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE p.prokind = 'f'
          AND NOT EXISTS (SELECT 1 FROM unnest(p.proargtypes) AS a(t)
                          JOIN pg_type ty ON ty.oid = a.t WHERE ty.typtype = 'p' AND ty.typname <> 'cstring')
        ORDER BY 2::text
    LOOP
        SELECT format('SELECT %I.%I(%s)', f.nspname, f.proname,
                      coalesce(string_agg(format('NULL::%s', format_type(a.t, NULL)), ', ' ORDER BY a.i), ''))
        INTO call
        FROM unnest(f.proargtypes) WITH ORDINALITY AS a(t, i);
        BEGIN
            EXECUTE call;
            INSERT INTO null_calls VALUES (f.func, 'returned');
        EXCEPTION WHEN OTHERS THEN
            INSERT INTO null_calls VALUES (f.func, SQLSTATE);
            IF SQLSTATE NOT LIKE '22%' AND SQLSTATE <> '0A000' THEN
                RAISE WARNING 'null arguments: % raised % (%)', f.func, SQLSTATE, SQLERRM;
            END IF;
        END;
    END LOOP;
END
$$;
SELECT count(*) > 20 AS functions_called, count(*) FILTER (WHERE outcome = 'returned') > 10 AS most_return
FROM null_calls;

-- ===================================================================
-- (c) A user's functions earlier in search_path do not hijack the extension
-- ===================================================================
-- Look-alikes of the accessor the nps aggregate finishes with, of its
-- transition and combine functions, and closer-typed overloads of the
-- functions rfm_scores() (an SQL function) calls, all giving wrong answers.
CREATE TEMP TABLE rfm_before AS
SELECT (rfm_scores(p, '2024-01-11 00:00+00', '{5,15,30,60}', '{1,2,3,4}', '{50,150,300,600}')).*
FROM (SELECT customer_profile('2024-01-01 00:00+00'::timestamptz, 100::numeric) AS p) AS x;
-- The same six scores 5000 times, for a parallel plan with partial aggregates.
CREATE TABLE regress_cf_hijack_scores AS
SELECT s FROM unnest(ARRAY[10, 10, 9, 8, 5, 0]) AS s, generate_series(1, 5000) AS g;
ANALYZE regress_cf_hijack_scores;
CREATE SCHEMA regress_cf_evil;
CREATE FUNCTION regress_cf_evil.nps(nps_state) RETURNS double precision
    LANGUAGE sql AS 'SELECT 42::double precision';
CREATE FUNCTION regress_cf_evil.cf_nps_trans(nps_state, integer) RETURNS nps_state
    LANGUAGE sql AS 'SELECT $1';
CREATE FUNCTION regress_cf_evil.cf_nps_combine(nps_state, nps_state) RETURNS nps_state
    LANGUAGE sql AS 'SELECT $1';
CREATE FUNCTION regress_cf_evil.rfm_score(integer, double precision[], boolean) RETURNS integer
    LANGUAGE sql AS 'SELECT 99';
CREATE FUNCTION regress_cf_evil.rfm_score(bigint, double precision[], boolean DEFAULT false) RETURNS integer
    LANGUAGE sql AS 'SELECT 99';
CREATE FUNCTION regress_cf_evil.rfm_segment(integer, integer) RETURNS text
    LANGUAGE sql AS 'SELECT ''hijacked''::text';
CREATE FUNCTION regress_cf_evil.days_since_last_order(customer_profile, timestamptz) RETURNS integer
    LANGUAGE sql AS 'SELECT -1';
CREATE FUNCTION regress_cf_evil.order_count(customer_profile) RETURNS bigint
    LANGUAGE sql AS 'SELECT -1::bigint';
SELECT set_config('search_path', 'regress_cf_evil, ' || current_setting('search_path'), false) IS NOT NULL AS evil_first;

-- The user's own unqualified call does reach the look-alike (that is how
-- search_path works, and it is the user's choice) ...
SELECT nps('v1 scale=0..10 promoter_min=9 detractor_max=6 counts=0,0,0,0,0,0,0,0,0,1,1'::nps_state) AS users_own_call;
-- ... but the aggregates call the extension's functions (bound by OID):
-- 10,10,9,8,5,0 -> NPS 16.67 serially and with parallel workers.
SELECT round(nps(s)::numeric, 2) AS nps_aggregate, response_count(nps_agg(s)) AS responses
FROM unnest(ARRAY[10, 10, 9, 8, 5, 0]) AS s;
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/parallel.sql
SET :force_parallel = on;
SELECT pg_temp.plan_has('SELECT nps(s) FROM regress_cf_hijack_scores', 'Partial') AS partial_aggregate_planned;
SELECT round(nps(s)::numeric, 2) AS nps_parallel FROM regress_cf_hijack_scores;
\i :abs_srcdir/test/regress/parallel_reset.sql
-- ... and rfm_scores() (LANGUAGE sql) calls the extension's functions: one order of
-- 100 on 2024-01-01, seen on 2024-01-11: recency 10 days, 1 order, revenue 100.
-- Breaks: recency 5,15,30,60 (lower is better) -> 4; frequency 1,2,3,4 -> 1; monetary 50,... -> 2.
SELECT r.*, r = b AS same_as_without_look_alikes
FROM (SELECT (rfm_scores(p, '2024-01-11 00:00+00', '{5,15,30,60}', '{1,2,3,4}', '{50,150,300,600}')).*
      FROM (SELECT customer_profile('2024-01-01 00:00+00'::timestamptz, 100::numeric) AS p) AS x) AS r,
     rfm_before AS b;

RESET search_path;
DROP SCHEMA regress_cf_evil CASCADE;
DROP VIEW ext_aggregate_support;
DROP VIEW ext_functions;
DROP TABLE deliberately_not_strict, null_calls, rfm_before, regress_cf_hijack_scores;
-- ===================================================================
-- (a) Trusted install by a database owner who is not a superuser
-- ===================================================================
SELECT trusted, superuser FROM pg_available_extension_versions
WHERE name = 'customer_focus' AND version = (SELECT extversion FROM pg_extension WHERE extname = 'customer_focus');

DROP ROLE IF EXISTS regress_cf_owner;
DROP ROLE IF EXISTS regress_cf_other;
CREATE ROLE regress_cf_owner NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE ROLE regress_cf_other NOSUPERUSER NOCREATEDB NOCREATEROLE;
DROP DATABASE IF EXISTS regress_cf_trusted;
CREATE DATABASE regress_cf_trusted OWNER regress_cf_owner;
\set cf_orig_db :DBNAME
\c regress_cf_trusted
SET client_min_messages = warning;

-- A role without CREATE on the database may not install it.
SET ROLE regress_cf_other;
CREATE EXTENSION customer_focus;
RESET ROLE;

-- The database owner (not a superuser) may.
SET ROLE regress_cf_owner;
SELECT rolsuper FROM pg_roles WHERE rolname = current_user;
CREATE EXTENSION customer_focus;
SELECT extname, extowner::regrole, extversion = (SELECT default_version FROM pg_available_extensions WHERE name = 'customer_focus') AS default_version
FROM pg_extension WHERE extname = 'customer_focus';
-- Its objects belong to the bootstrap superuser, not to the installing role:
-- the owner cannot redefine what other users of the database call.
SELECT count(*) AS functions_owned_by_installer
FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'customer_focus'
WHERE p.proowner = current_user::regrole;
-- It works for the owner: 10,10,9,8,5,0 -> 3 promoters, 2 detractors of 6: NPS 100 / 6 = 16.67.
SELECT round(nps(s)::numeric, 2) AS nps FROM unnest(ARRAY[10, 10, 9, 8, 5, 0]) AS s;
SELECT round(nps(nps_agg(s))::numeric, 2) AS two_step FROM unnest(ARRAY[10, 10, 9, 8, 5, 0]) AS s;
-- And the owner can remove it again.
DROP EXTENSION customer_focus;
-- The owner may also install the first release and update it: the update
-- scripts run as trusted as the install script.
CREATE EXTENSION customer_focus VERSION '1.0';
ALTER EXTENSION customer_focus UPDATE;
SELECT extversion = (SELECT default_version FROM pg_available_extensions WHERE name = 'customer_focus') AS updated_to_default,
       extversion <> '1.0' AS moved
FROM pg_extension WHERE extname = 'customer_focus';
SELECT round(nps(s)::numeric, 2) AS nps_after_update FROM unnest(ARRAY[10, 10, 9, 8, 5, 0]) AS s;
DROP EXTENSION customer_focus;
RESET ROLE;

\c :cf_orig_db
SET client_min_messages = warning;
DROP DATABASE regress_cf_trusted;
DROP ROLE regress_cf_owner;
DROP ROLE regress_cf_other;

RESET client_min_messages;
