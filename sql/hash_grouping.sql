-- hash_grouping: per-group states under HashAggregate (issue 14, item 2).  The hashed
-- and the sorted plan of each aggregate give the same state in every group (md5 over the
-- states' text forms, group by group), the hashed plan really is a HashAggregate, and the
-- hash table of many one-row groups stays within a bound derived from the state's size.
-- (Speed is not tested here: test/bench/groups.sh measures it.  Before the fix the
-- ladder's hashed plan below took seconds: one memory context per group, which
-- PostgreSQL re-measured after every new group.)
SET TimeZone = 'UTC';
SET max_parallel_workers_per_gather = 0;
SET work_mem = '256MB';

-- 20,000 groups of 1 to 4 rows; customers shared between groups so that rollups merge
CREATE TABLE hg_rows AS
SELECT i % 20000 AS g, i / 20000 AS part, (i * 7) % 30011 AS customer_id,
       timestamptz '2025-01-01' + ((i * 37) % 500) * interval '1 day' AS ordered_at,
       'factor ' || (i * 11) % 3 AS factor, (1 + (i * 5) % 5)::float8 AS importance,
       (1 + (i * 3) % 5)::float8 AS performance,
       (i * 19) % 4 AS x, CASE WHEN (i * 19) % 4 = 0 THEN 0 ELSE 1 + (i * 7) % 20 END::float8 AS t_x,
       30::float8 AS t, 10 + ((i * 41) % 5000) / 100.0::float8 AS mean_value
FROM generate_series(0, 20000 * 4 - 1) i
WHERE i < 20000 * 2 OR i % 3 <> 0;
ANALYZE hg_rows;

-- The plan's grouping node is a HashAggregate (true) or a GroupAggregate (false).
CREATE FUNCTION hg_hashed(q text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  line text;
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
    IF line ~ 'HashAggregate' THEN RETURN true; END IF;
    IF line ~ 'GroupAggregate|MixedAggregate' THEN RETURN false; END IF;
  END LOOP;
  RETURN NULL;
END $$;

-- md5 of "group:state" over every group in group order, under the current settings.
CREATE FUNCTION hg_digest(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  d text;
BEGIN
  EXECUTE 'SELECT md5(string_agg(g || '':'' || st::text, '';'' ORDER BY g)) || '' '' || count(*) FROM ('
          || q || ') s' INTO d;
  RETURN d;
END $$;

CREATE TABLE hg_queries (name text, q text);
INSERT INTO hg_queries VALUES
  ('loyalty_ladder', 'SELECT g, loyalty_ladder(customer_id, ordered_at, timestamptz ''2026-07-01'') AS st FROM hg_rows GROUP BY g'),
  ('loyalty_ladder, named zone', 'SELECT g, loyalty_ladder(customer_id, ordered_at, timestamptz ''2026-07-01'', ''Europe/Berlin'') AS st FROM hg_rows GROUP BY g'),
  ('ipa_agg', 'SELECT g, ipa_agg(factor, importance, performance) AS st FROM hg_rows GROUP BY g'),
  ('bgnbd_agg', 'SELECT g, bgnbd_agg(x, t_x, t) AS st FROM hg_rows GROUP BY g'),
  ('gamma_gamma_agg', 'SELECT g, gamma_gamma_agg(x + 1, mean_value) AS st FROM hg_rows GROUP BY g');

-- the same states stored per (group, part), for the rollups
SET enable_hashagg = off;
CREATE TABLE hg_states AS
SELECT g, part, loyalty_ladder(customer_id, ordered_at, timestamptz '2026-07-01') AS lad,
       ipa_agg(factor, importance, performance) AS ipa, bgnbd_agg(x, t_x, t) AS bg,
       gamma_gamma_agg(x + 1, mean_value) AS gg
FROM hg_rows GROUP BY g, part;
RESET enable_hashagg;
ANALYZE hg_states;
INSERT INTO hg_queries VALUES
  ('rollup(loyalty_ladder)', 'SELECT g, rollup(lad) AS st FROM hg_states GROUP BY g'),
  ('rollup(ipa_state)', 'SELECT g, rollup(ipa) AS st FROM hg_states GROUP BY g'),
  ('rollup(bgnbd_state)', 'SELECT g, rollup(bg) AS st FROM hg_states GROUP BY g'),
  ('rollup(gamma_gamma_state)', 'SELECT g, rollup(gg) AS st FROM hg_states GROUP BY g');

-- hashed: plan and digest
SET enable_sort = off;
CREATE TABLE hg_hashed AS SELECT name, hg_hashed(q) AS hashed, hg_digest(q) AS digest FROM hg_queries;
RESET enable_sort;
-- sorted
SET enable_hashagg = off;
CREATE TABLE hg_sorted AS SELECT name, hg_hashed(q) AS hashed, hg_digest(q) AS digest FROM hg_queries;
RESET enable_hashagg;
-- expected: hashed t, sorted f, the same digest, 20000 groups each
SELECT h.name, h.hashed, s.hashed AS sorted_hashed, h.digest = s.digest AS same,
       split_part(h.digest, ' ', 2) AS groups
FROM hg_hashed h JOIN hg_sorted s USING (name) ORDER BY h.name;

-- the ladders are the ladders of each group's rows: customers and orders per group as
-- count(DISTINCT customer_id) and count(ordered_at) in plain SQL (hashed plan)
SET enable_sort = off;
SELECT count(*) AS groups,
       count(*) FILTER (WHERE customer_count(l.st) = p.customers AND order_count(l.st) = p.orders) AS agree
FROM (SELECT g, loyalty_ladder(customer_id, ordered_at, timestamptz '2026-07-01') AS st FROM hg_rows GROUP BY g) l
JOIN (SELECT g, count(DISTINCT customer_id) AS customers, count(ordered_at) AS orders FROM hg_rows GROUP BY g) p
USING (g);
RESET enable_sort;

-- grouping sets hash two tables in one node (one aggregate context): each set as its own query
SET enable_sort = off;
SELECT count(*) AS groups, count(*) FILTER (WHERE a.st::text = b.st::text) AS same
FROM (SELECT g, part, loyalty_ladder(customer_id, ordered_at, timestamptz '2026-07-01') AS st
      FROM hg_rows GROUP BY GROUPING SETS ((g), (part))) a
JOIN (SELECT g, NULL::integer AS part, loyalty_ladder(customer_id, ordered_at, timestamptz '2026-07-01') AS st
      FROM hg_rows GROUP BY g
      UNION ALL
      SELECT NULL, part, loyalty_ladder(customer_id, ordered_at, timestamptz '2026-07-01')
      FROM hg_rows GROUP BY part) b
ON coalesce(a.g, -1) = coalesce(b.g, -1) AND coalesce(a.part, -1) = coalesce(b.part, -1);
RESET enable_sort;

-- as a window aggregate (the window's aggregate context is reset per partition)
SELECT count(*) AS rows_, count(*) FILTER (WHERE w.st::text = l.st::text) AS same
FROM (SELECT g, loyalty_ladder(customer_id, ordered_at, timestamptz '2026-07-01') OVER (PARTITION BY g) AS st
      FROM hg_rows WHERE g < 2000) w
JOIN (SELECT g, loyalty_ladder(customer_id, ordered_at, timestamptz '2026-07-01') AS st
      FROM hg_rows WHERE g < 2000 GROUP BY g) l USING (g);

-- ---------- memory: 100,000 one-row groups ----------
-- The hash table's memory (EXPLAIN ANALYZE) minus that of count(*) over the same groups,
-- per group: the state and its allocation overhead.  Bounds from the state sizes: a
-- one-customer ladder is about 380 bytes (object header 64, ladder 128, zone 8, an
-- 8-slot index 32, one 64-byte customer entry, each with a 16-byte chunk header); a
-- BG/NBD or Gamma-Gamma state with room for 2 entries 80 or 64 bytes (+16); the memory
-- is counted in blocks of up to 8 MB, up to 84 bytes a group here.  Before the fix a
-- ladder took over 2 kB (a memory context of its own), a BG/NBD state 4 kB and a
-- Gamma-Gamma state 2 kB (room for 64 entries).
CREATE FUNCTION hg_hash_kb(q text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  line text;
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ' || q LOOP
    IF line ~ 'Batches: 1 +Memory Usage: [0-9]+kB' THEN
      RETURN substring(line FROM 'Memory Usage: ([0-9]+)kB')::bigint;
    END IF;
  END LOOP;
  RETURN NULL;  -- spilled (more than one batch) or not hashed
END $$;
CREATE TABLE hg_one AS
SELECT i AS g, i AS customer_id, timestamptz '2025-01-01' + ((i * 37) % 500) * interval '1 day' AS ordered_at,
       (i * 19) % 4 AS x, CASE WHEN (i * 19) % 4 = 0 THEN 0 ELSE 1 + (i * 7) % 20 END::float8 AS t_x,
       30::float8 AS t, 10 + ((i * 41) % 5000) / 100.0::float8 AS mean_value
FROM generate_series(1, 100000) i;
ANALYZE hg_one;
SET enable_sort = off;
WITH m AS (
  SELECT hg_hash_kb('SELECT g, count(*) FROM hg_one GROUP BY g') AS floor_kb,
         hg_hash_kb('SELECT g, loyalty_ladder(customer_id, ordered_at, timestamptz ''2026-07-01'') FROM hg_one GROUP BY g') AS ladder_kb,
         hg_hash_kb('SELECT g, bgnbd_agg(x, t_x, t) FROM hg_one GROUP BY g') AS bgnbd_kb,
         hg_hash_kb('SELECT g, gamma_gamma_agg(x + 1, mean_value) FROM hg_one GROUP BY g') AS gg_kb)
SELECT (ladder_kb - floor_kb) * 1024 / 100000 <= 640 AS ladder_within_640_bytes,
       (bgnbd_kb - floor_kb) * 1024 / 100000 <= 256 AS bgnbd_within_256_bytes,
       (gg_kb - floor_kb) * 1024 / 100000 <= 256 AS gamma_gamma_within_256_bytes
FROM m;
RESET enable_sort;

DROP TABLE hg_rows, hg_states, hg_queries, hg_hashed, hg_sorted, hg_one;
DROP FUNCTION hg_hashed(text), hg_digest(text), hg_hash_kb(text);
RESET work_mem;
RESET max_parallel_workers_per_gather;
RESET TimeZone;
