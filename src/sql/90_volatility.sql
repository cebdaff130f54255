
-- ===================================================================
-- Volatility of the aggregates
-- ===================================================================
-- CREATE AGGREGATE cannot state a volatility and records every aggregate as immutable.
-- An aggregate is as volatile as the most volatile of its support functions: those of
-- customer_profile(ordered_at, amount) and loyalty_ladder(customer_id, ordered_at, as_of) read the
-- session TimeZone, those of segment_summary
-- and segment_summary_agg read the customer_focus.* ladder settings, and those of
-- bgnbd_agg/bgnbd_fit over profiles are stable too.  Recording these aggregates as stable
-- keeps postgres_fdw from pushing them into remote sessions, which run in GMT with the
-- default settings; the rows are fetched and the aggregate computed here, with the caller's.
UPDATE pg_catalog.pg_proc AS p SET provolatile = 's'
FROM pg_catalog.pg_aggregate AS a
WHERE a.aggfnoid = p.oid
  AND p.pronamespace = '@extschema@'::pg_catalog.regnamespace
  AND p.provolatile = 'i'
  AND EXISTS (SELECT FROM pg_catalog.pg_proc AS f
              WHERE f.oid IN (a.aggtransfn, a.aggfinalfn, a.aggcombinefn, a.aggserialfn, a.aggdeserialfn,
                              a.aggmtransfn, a.aggminvtransfn, a.aggmfinalfn)
                AND f.provolatile = 's');
