-- customer_focus update script from 1.0 to 1.1 (ALTER EXTENSION customer_focus UPDATE).
-- Every change to the install-script pieces in src/sql/NN_*.sql since the 1.0 release is
-- repeated here, so that an updated 1.0 database ends with exactly the objects of a fresh
-- 1.1 install (test/scripts/upgrade.sh checks that, definition by definition).

\echo Use "ALTER EXTENSION customer_focus UPDATE TO '1.1'" to load this file. \quit

-- 90_volatility.sql: every aggregate is as volatile as its most volatile support function
-- (1.0 recorded only customer_profile(timestamptz, numeric) as stable; segment_summary,
-- segment_summary_agg and bgnbd_agg/bgnbd_fit over profiles were left immutable although
-- their transitions read the ladder settings or are stable, so postgres_fdw could push them
-- into remote sessions with the default settings).
UPDATE pg_catalog.pg_proc AS p SET provolatile = 's'
FROM pg_catalog.pg_aggregate AS a
WHERE a.aggfnoid = p.oid
  AND p.pronamespace = '@extschema@'::pg_catalog.regnamespace
  AND p.provolatile = 'i'
  AND EXISTS (SELECT FROM pg_catalog.pg_proc AS f
              WHERE f.oid IN (a.aggtransfn, a.aggfinalfn, a.aggcombinefn, a.aggserialfn, a.aggdeserialfn,
                              a.aggmtransfn, a.aggminvtransfn, a.aggmfinalfn)
                AND f.provolatile = 's');
