#!/usr/bin/env bash
# Memory bounds: GROUP BY customer_id over 200,000 customers with a tiny
# work_mem makes hash aggregation spill to disk, and must give the same states
# as with a large work_mem; one group over 2,000,000 rows keeps one fixed-size
# state (no growth with the rows).  Prints "spill: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
db=cf_spill_$$
passed=0 failed=0
check() { if [ "$2" = t ]; then passed=$((passed + 1)); echo "ok - $1"; else failed=$((failed + 1)); echo "FAILED - $1 ($2)"; fi; }
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" -c "$1"; }
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1' EXIT
psql -X -q -d postgres -c "CREATE DATABASE $db" >/dev/null || { echo "spill: 0 passed, 1 failed"; exit 1; }
q "CREATE EXTENSION customer_focus" >/dev/null
q "SET TimeZone = 'UTC';
   CREATE TABLE o AS SELECT (hashint4(i) & 262143) % 200000 AS customer_id,
          timestamptz '2024-01-01 00:00+00' + (hashint4(i * 3) & 1023) * interval '1 day' AS ordered_at,
          round(((hashint4(i * 7) & 65535) / 100.0)::numeric, 2) AS amount,
          (hashint4(i * 11) & 1023) % 11 AS score
   FROM generate_series(1, 1000000) i;
   ANALYZE o;" >/dev/null

# The states of every group, as one digest; plans forced to hash aggregation.
digest() {
	q "SET TimeZone = 'UTC'; SET enable_sort = off; SET max_parallel_workers_per_gather = 0; SET work_mem = '$1';
	   SELECT md5(string_agg(customer_id || ':' || p::text || ':' || n::text, ',' ORDER BY customer_id))
	   FROM (SELECT customer_id, customer_profile(ordered_at, amount) AS p, nps_agg(score) AS n FROM o GROUP BY customer_id) s"
}
spilled=$(q "SET TimeZone = 'UTC'; SET enable_sort = off; SET max_parallel_workers_per_gather = 0; SET work_mem = '64kB';
             EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)
             SELECT customer_id, customer_profile(ordered_at, amount), nps_agg(score) FROM o GROUP BY customer_id" |
          grep -c 'Disk Usage: [1-9]')
check "hash aggregation spills to disk with work_mem = 64kB" "$([ "$spilled" -gt 0 ] && echo t || echo "no disk usage in the plan")"
small=$(digest 64kB)
large=$(digest 1GB)
check "spilled and in-memory aggregation give the same profiles and NPS states" "$([ "$small" = "$large" ] && echo t || echo "$small vs $large")"

# One group over all rows: the state's size does not depend on the row count.
sizes=$(q "SELECT pg_column_size(nps_agg(score)) FROM (SELECT score FROM o LIMIT 1000) a
           UNION ALL SELECT pg_column_size(nps_agg(score)) FROM (SELECT score FROM o, generate_series(1, 2)) b")
check "one nps_state over 1,000 and over 2,000,000 rows has the same size" "$([ "$(echo "$sizes" | sort -u | wc -l)" = 1 ] && echo t || echo "$sizes")"
peak=$(q "SET work_mem = '64kB';
          EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)
          SELECT nps_agg(score), csat_agg(1 + score % 5), segment_summary_agg(NULL, now()) FROM o, generate_series(1, 2)" |
       grep -ci 'disk')
check "an ungrouped aggregate over 2,000,000 rows needs no disk with work_mem = 64kB" "$([ "$peak" = 0 ] && echo t || echo "disk used")"

echo "spill: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
