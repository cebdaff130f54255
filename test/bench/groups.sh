#!/usr/bin/env bash
# Per-group cost of every aggregate (issue 14, item 2): one command, medians,
# count(*) per group as the floor in the same run.
#
#   bash test/bench/groups.sh [--sizes "10000 100000 1000000"] [--runs N] [--aggs REGEX]
#                             [--timeout SECONDS] [--no-build]
#
# For each size N: 2N rows of deterministic data (generate_series; every value a
# function of the row number), two rows per group, and a table of 2N stored states
# (one per half of a group, built once with sorted grouping) that the rollups and
# the aggregates over profiles read.  Every aggregate of the extension then runs as
#   SELECT sum(length(st::text)) FROM (SELECT g, <aggregate> AS st FROM ... GROUP BY g) s
# (the outer query reads every state, so nothing is pruned), hashed
# (enable_sort = off) and sorted (enable_hashagg = off), with work_mem = 1GB and
# hash_mem_multiplier = 2, and again at the server defaults (work_mem = 4MB: the
# hash table spills).  Serial, JIT off, one warm-up run and N timed runs (default 3).
# The fits (bgnbd_fit, gamma_gamma_fit) are left out: per group they time the
# optimiser, not the grouping; their states are bgnbd_agg's and gamma_gamma_agg's.
#
# Printed per aggregate, size and setting: medians, hashed / sorted, microseconds
# per group, the cost per group relative to the smallest size, and the hash table's
# memory (EXPLAIN ANALYZE; "(N batches)" when it spilled).  Goals: hashed
# within 1.5x sorted at every size; the cost per group at the largest size within
# 1.5x the cost at the smallest.  A query that runs past --timeout (default 300 s)
# is reported as "> T s".
#
# Uses the server PGHOST/PGPORT name if set, else a private one (scripts/pg.sh).
set -uo pipefail
cd "$(dirname "$0")/../.."
source scripts/pg.sh

sizes="10000 100000 1000000" runs=3 aggs_re= timeout=300 build=1
while [ $# -gt 0 ]; do
	case $1 in
	--sizes) sizes=$2; shift ;;
	--runs) runs=$2; shift ;;
	--aggs) aggs_re=$2; shift ;;
	--timeout) timeout=$2; shift ;;
	--no-build) build= ;;
	-h | --help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
	esac
	shift
done

if [ -n "$build" ]; then cf_setup; else cf_pg_paths; fi
cf_start_server
cf_psql -c "CREATE EXTENSION IF NOT EXISTS customer_focus" >/dev/null || cf_die "cannot create the extension"

# name <TAB> source (r: the rows, s: the stored states) <TAB> aggregate expression
aggregates() {
	cat <<'EOF'
count(*) (floor)	r	count(*)
nps_agg	r	nps_agg(score)
nps	r	nps(score)
csat_agg	r	csat_agg(csat)
csat	r	csat(csat)
ces_agg	r	ces_agg(ces)
ces	r	ces(ces)
score_agg	r	score_agg(score, 0, 10, 9, 6)
rollup(nps_state)	s	rollup(nps)
customer_profile	r	customer_profile(ordered_at, amount)
rollup(customer_profile)	s	rollup(prof)
loyalty_ladder	r	loyalty_ladder(customer_id, ordered_at, timestamptz '2026-07-01')
rollup(loyalty_ladder)	s	rollup(lad)
service_level_agg	r	service_level_agg(expected, perceived, 0.5)
rollup(service_level_state)	s	rollup(sl)
response_time_agg	r	response_time_agg(seconds, 30)
compliance	r	compliant_share(seconds, 30)
rollup(response_time_state)	s	rollup(rt)
ipa_agg	r	ipa_agg(factor, importance, performance)
rollup(ipa_state)	s	rollup(ipa)
complaint_agg	r	complaint_agg(complained)
complaints_per_1000	r	complaints_per_1000(complained)
rollup(complaint_state)	s	rollup(comp)
bgnbd_agg(x, t_x, T)	r	bgnbd_agg(x, t_x, t)
bgnbd_agg(profile, as_of)	s	bgnbd_agg(prof, timestamptz '2026-07-01')
rollup(bgnbd_state)	s	rollup(bg)
gamma_gamma_agg	r	gamma_gamma_agg(x + 1, mean_value)
rollup(gamma_gamma_state)	s	rollup(gg)
segment_summary_agg	s	segment_summary_agg(prof, timestamptz '2026-07-01')
segment_summary	s	segment_summary(prof, timestamptz '2026-07-01')
rollup(segment_summary_state)	s	rollup(seg)
EOF
}

# The rows and the stored states of size $1 (kept between runs when complete).
ensure_data() {
	local n=$1 have
	have=$(psql -X -qAt -c "SELECT count(*) FROM pg_class WHERE relname = 'bench_groups_states_$n'")
	[ "$have" = 1 ] && return 0
	cf_log "generating $((2 * n)) rows in $n groups"
	cf_psql -c "DROP TABLE IF EXISTS bench_groups_rows_$n" -c "
	CREATE TABLE bench_groups_rows_$n AS
	SELECT (i % $n)::int AS g, (i / $n)::int AS part, i AS customer_id,
	       ((i * 7919) % 11)::int AS score, (1 + (i * 31) % 5)::int AS csat, (1 + (i * 17) % 7)::int AS ces,
	       timestamptz '2024-01-01 10:00+00' + ((i * 37) % 900)::int * interval '1 day' AS ordered_at,
	       ((i * 13) % 9700) / 100.0 + 1 AS amount,
	       (1 + (i * 3) % 5)::float8 AS expected, (1 + (i * 7) % 5)::float8 AS perceived,
	       ((i * 29) % 6000) / 100.0::float8 AS seconds,
	       'factor ' || (i * 11) % 5 AS factor,
	       (1 + (i * 5) % 5)::float8 AS importance, (1 + (i * 3) % 5)::float8 AS performance,
	       (i * 23) % 13 = 0 AS complained,
	       ((i * 19) % 4)::int AS x,
	       CASE WHEN (i * 19) % 4 = 0 THEN 0 ELSE 1 + (i * 7) % 20 END::float8 AS t_x,
	       30::float8 AS t,
	       10 + ((i * 41) % 5000) / 100.0::float8 AS mean_value
	FROM generate_series(0::bigint, 2 * $n - 1) i" \
		-c "VACUUM ANALYZE bench_groups_rows_$n" >/dev/null || cf_die "generating the rows failed"
	# (the segment state of each half is built from its profile in a lateral subquery,
	# whose one row makes the aggregate its own)
	cf_psql -c "SET enable_hashagg = off" -c "SET max_parallel_workers_per_gather = 0" -c "
	CREATE TABLE bench_groups_states_$n AS
	SELECT h.*, l.seg
	FROM (SELECT g, part, nps_agg(score) AS nps, customer_profile(ordered_at, amount) AS prof,
	             loyalty_ladder(customer_id, ordered_at, timestamptz '2026-07-01') AS lad,
	             service_level_agg(expected, perceived, 0.5) AS sl, response_time_agg(seconds, 30) AS rt,
	             ipa_agg(factor, importance, performance) AS ipa, complaint_agg(complained) AS comp,
	             bgnbd_agg(x, t_x, t) AS bg, gamma_gamma_agg(x + 1, mean_value) AS gg
	      FROM bench_groups_rows_$n GROUP BY g, part) h,
	     LATERAL (SELECT segment_summary_agg(CASE WHEN v.one = 1 THEN h.prof END, timestamptz '2026-07-01') AS seg
	              FROM (VALUES (1)) v(one)) l" \
		-c "VACUUM ANALYZE bench_groups_states_$n" >/dev/null || cf_die "building the stored states failed"
}

# Median ms of query $1 under settings $2 ($runs runs after a warm-up), or ">T s".
median_ms() {
	local q=$1 settings=$2 i args=() out
	args+=(-c "SET jit = off" -c "SET max_parallel_workers_per_gather = 0" -c "SET statement_timeout = '${timeout}s'")
	args+=(-c "$settings" -c "$q" -c '\timing on')
	for ((i = 0; i < runs; i++)); do args+=(-c "$q"); done
	if ! out=$(psql -X -q -v ON_ERROR_STOP=1 "${args[@]}" 2>&1); then
		if grep -q 'statement timeout' <<<"$out"; then echo ">${timeout}000"; else
			cf_log "query failed: $q: $out"; echo "error"; fi
		return
	fi
	sed -nE 's/^Time: ([0-9.]+) ms.*/\1/p' <<<"$out" | sort -g |
		awk '{ v[NR] = $1 } END { if (NR % 2) printf "%.1f", v[(NR + 1) / 2]; else printf "%.1f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# The hash table's memory of query $1 under settings $2 (EXPLAIN ANALYZE, one run), e.g. "46 MB".
hash_memory() {
	psql -X -qAt -c "SET max_parallel_workers_per_gather = 0" -c "SET jit = off" \
		-c "SET statement_timeout = '${timeout}s'" -c "$2" \
		-c "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) $1" 2>/dev/null |
		sed -nE 's/.*Batches: ([0-9]+) +Memory Usage: ([0-9]+)kB.*/\1 \2/p' | head -1 |
		awk '{ printf "%.0f MB%s", $2 / 1024, ($1 > 1) ? " (" $1 " batches)" : "" }'
}

# The grouping node of query $1 under settings $2 (HashAggregate, GroupAggregate, ...).
plan_node() {
	psql -X -qAt -c "SET max_parallel_workers_per_gather = 0" -c "$2" -c "EXPLAIN (COSTS OFF) $1" |
		grep -oE 'HashAggregate|GroupAggregate|MixedAggregate' | head -1
}

big="SET work_mem = '1GB'; SET hash_mem_multiplier = 2"
small="RESET work_mem; RESET hash_mem_multiplier"
hashed="SET enable_sort = off"
sorted="SET enable_hashagg = off"

echo "- command: bash test/bench/groups.sh --sizes \"$sizes\" --runs $runs${aggs_re:+ --aggs '$aggs_re'}"
echo "- $(date -u '+%Y-%m-%d %H:%M UTC'), tree $(git rev-parse --short HEAD 2>/dev/null || echo '?'), load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs"
echo
for n in $sizes; do ensure_data "$n"; done
first=${sizes%% *}
results=$(mktemp)
trap 'rm -f "$results"; cf_stop_server' EXIT

echo "| aggregate | groups | work_mem | hashed ms | sorted ms | hashed / sorted | µs per group (hashed) | per group vs $first (hashed, sorted) | hash memory | goals |"
echo "|---|---|---|---|---|---|---|---|---|---|"
while IFS=$'\t' read -r name src expr; do
	[ -n "$aggs_re" ] && [ "$name" != "count(*) (floor)" ] && ! grep -qE -- "$aggs_re" <<<"$name" && continue
	for mem in big small; do
		for n in $sizes; do
			if [ "$src" = r ]; then from="bench_groups_rows_$n"; else from="bench_groups_states_$n"; fi
			q="SELECT sum(length(st::text)) FROM (SELECT g, $expr AS st FROM $from GROUP BY g) s"
			settings=${!mem}
			node_h=$(plan_node "$q" "$settings; $hashed")
			node_s=$(plan_node "$q" "$settings; $sorted")
			h=$(median_ms "$q" "$settings; $hashed")
			s=$(median_ms "$q" "$settings; $sorted")
			hm=$(hash_memory "$q" "$settings; $hashed")
			[ "$node_h" = HashAggregate ] || h="$h (plan: $node_h)"
			[ "$node_s" = GroupAggregate ] || s="$s (plan: $node_s)"
			printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$mem" "$n" "$h" "$s" >>"$results"
			awk -F'\t' -v name="$name" -v mem="$mem" -v n="$n" -v first="$first" -v h="$h" -v s="$s" -v hm="${hm:-–}" '
				$1 == name && $2 == mem && $3 == first { h0 = $4 + 0; s0 = $5 + 0 }
				END {
					wm = (mem == "big") ? "1GB (×2)" : "4MB (×2)"
					num = (h ~ /^[0-9.]+$/ && s ~ /^[0-9.]+$/)
					r = num ? sprintf("%.2f", h / s) : "–"
					upg = (h ~ /^[0-9.]+$/) ? sprintf("%.2f", 1000 * h / n) : "–"
					rel = "–"
					if (num && h0 > 0 && s0 > 0)
						rel = sprintf("%.2f, %.2f", (h / n) / (h0 / first), (s / n) / (s0 / first))
					goals = ""
					if (name != "count(*) (floor)") {
						goals = (num && h / s <= 1.5) ? "✅ ≤ 1.5× sorted" : "❌ ≤ 1.5× sorted"
						if (n != first && num && h0 > 0)
							goals = goals ((h / n) / (h0 / first) <= 1.5 ? "; ✅ flat" : "; ❌ flat")
					}
					printf "| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s |\n", name, n, wm, h, s, r, upg, rel, hm, goals
				}' "$results"
		done
	done
done < <(aggregates)
echo
echo "- load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
