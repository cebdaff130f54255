-- Parallel plans from here on (CONTRIBUTING, Conventions), included by the tests
-- (\i) before the statements that must run in parallel; parallel_reset.sql ends it.
-- Workers per Gather: :parallel_workers (2 unless the test set it).  :force_parallel
-- names the setting that runs even a serial plan under a Gather (force_parallel_mode
-- until 15, debug_parallel_query since 16).  plan_has(query, node): whether a line
-- of the query's plan contains node ('Partial', 'HashAggregate', ...).
CREATE OR REPLACE FUNCTION pg_temp.plan_has(query text, node text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE line text;
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP
    IF strpos(line, node) > 0 THEN RETURN true; END IF;
  END LOOP;
  RETURN false;
END $$;
\if :{?parallel_workers}
\else
\set parallel_workers 2
\endif
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = :parallel_workers;
SELECT CASE WHEN current_setting('server_version_num')::int >= 160000 THEN 'debug_parallel_query'
            ELSE 'force_parallel_mode' END AS force_parallel \gset
