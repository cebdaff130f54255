#!/usr/bin/env bash
# Interleaved A/B of two builds of the extension on one query: the ladder build cost
# before and after a change to the ladder (issue 16: orders per purchase day).
#
#   bash test/bench/ab_build.sh --data-dir DIR <before.so> <after.so> [pairs]
#
# Copies each build in turn over the installed customer_focus.so before a new session
# and times, in that session with 0 workers, the one-pass ladder of the benchmark's
# loyalty-ladder report (test/bench/cases/20_customer_profile.sql: loyalty_ladder over
# the 10M orders and the 1M contacts of the data set in DIR, made by test/bench/run.sh
# --data-dir DIR); pairs (default 7) alternate before and after, so that the load of a
# shared machine hits both alike.  Prints each run with the load average, the medians,
# the median of the per-pair ratios, and the memory of the ladder (a one-group hashed
# aggregate's "Memory Usage" in EXPLAIN ANALYZE: the table, the entries and the days).
# Leaves the after build installed.  Build the before .so from the earlier commit
# (git worktree, make) and copy it aside first.
set -uo pipefail
cd "$(dirname "$0")/../.."
source scripts/pg.sh
source test/bench/lib.sh
[ "${1:-}" = --data-dir ] || { sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2; }
data_dir=$2 before=$3 after=$4 pairs=${5:-7}
cf_pg_paths
export CF_SERVER_SETTINGS="-c shared_buffers=2GB ${CF_SERVER_SETTINGS:-}"
bench_start_persistent_server "$data_dir" || cf_die "could not start the benchmark server in $data_dir"
lib=$("$PG_CONFIG" --pkglibdir)/customer_focus.so
q="SELECT order_count(l), customer_count(l) FROM (SELECT loyalty_ladder(customer_id, ordered_at, timestamptz '2026-07-01') AS l FROM (SELECT customer_id, ordered_at FROM orders UNION ALL SELECT customer_id, NULL FROM customers) u) s"
mem="EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) SELECT k, order_count(loyalty_ladder(customer_id, ordered_at, timestamptz '2026-07-01')) FROM (SELECT customer_id, ordered_at, 0 AS k FROM orders UNION ALL SELECT customer_id, NULL, 0 FROM customers) u GROUP BY k"
use() { cp "$1" "$lib.tmp" && mv "$lib.tmp" "$lib"; }
declare -A times
for i in $(seq 1 "$pairs"); do
	for v in before after; do
		if [ $v = before ]; then use "$before"; else use "$after"; fi
		t=$(psql -X -q -d cf_bench -At -c "SET max_parallel_workers_per_gather = 0" -c "SET work_mem = '1GB'" \
			-c '\timing on' -c "$q" 2>&1 | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p')
		echo "$v $i ${t:-failed} ms, load $(cut -d' ' -f1 /proc/loadavg)"
		times[$v]+="$t "
	done
done
median() { tr ' ' '\n' | sed '/^$/d' | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
echo "median before: $(echo "${times[before]}" | median) ms, after: $(echo "${times[after]}" | median) ms"
paste <(echo "${times[before]}" | tr ' ' '\n' | sed '/^$/d') <(echo "${times[after]}" | tr ' ' '\n' | sed '/^$/d') |
	awk '{ print $2 / $1 }' | median | sed 's/^/median of the after\/before ratios per pair: /'
for v in before after; do
	if [ $v = before ]; then use "$before"; else use "$after"; fi
	echo "$v: $(psql -X -q -d cf_bench -At -c "SET max_parallel_workers_per_gather = 0" -c "SET work_mem = '4GB'" \
		-c "SET enable_sort = off" -c "$mem" | grep -i 'memory usage')"
done
