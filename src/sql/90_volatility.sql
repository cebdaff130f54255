-- ===================================================================
-- Volatility of the aggregates
-- ===================================================================
-- CREATE AGGREGATE cannot state a volatility and records every aggregate as immutable, but an
-- aggregate is as volatile as the most volatile of its support functions.  Every aggregate of
-- this version has a form that does not depend on the session; only the deprecated 1.0 forms
-- read it: customer_profile(ordered_at, amount) the session TimeZone, segment_summary and
-- segment_summary_agg without threshold arguments the customer_focus.* settings.  Recording
-- those as stable keeps postgres_fdw from pushing them into remote sessions, which run in UTC
-- with their own settings; the rows are fetched and the aggregate computed here.
-- This is the one statement that changes the catalogue (the update script repeats it, for the
-- 1.0 forms that 1.0 left immutable).  It touches only aggregates that are members of this
-- extension (pg_depend, deptype 'e'), never another aggregate of the same schema
-- (test/scripts/upgrade.sh checks a user's aggregate beside the extension's).
UPDATE pg_catalog.pg_proc AS p SET provolatile = 's'
FROM pg_catalog.pg_aggregate AS a, pg_catalog.pg_depend AS d, pg_catalog.pg_extension AS x
WHERE a.aggfnoid = p.oid
  AND d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.objid = p.oid AND d.deptype = 'e'
  AND d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass AND d.refobjid = x.oid
  AND x.extname = 'customer_focus'
  AND p.provolatile = 'i'
  AND EXISTS (SELECT FROM pg_catalog.pg_proc AS f
              WHERE f.oid IN (a.aggtransfn, a.aggfinalfn, a.aggcombinefn, a.aggserialfn, a.aggdeserialfn,
                              a.aggmtransfn, a.aggminvtransfn, a.aggmfinalfn)
                AND f.provolatile = 's');
