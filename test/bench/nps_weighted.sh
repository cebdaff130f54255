#!/usr/bin/env bash
# Weighted NPS (issue 18 item 4: "weighted NPS <= 1.2 x nps(score)", 10M responses):
# nps(score, weight) and nps(nps_agg(score, weight)) against the unweighted nps(score),
# the weighted formula in plain SQL (float8 sums, not order-independent) and the scan floor
# count(score), over the same deterministic rows (score 0-10, one in 40 NULL; weights
# 0.25-4 with low bits, one in 97 zero), 0 and 2 parallel workers.  One command, medians
# of server-side times (clock_timestamp around one execution in PL/pgSQL, all runs in one
# backend, first run dropped); every query reads its aggregate column.  Not a timed test:
# sql/nps_weighted.sql checks the values.
#
#   bash test/bench/nps_weighted.sh [--runs N] [--rows N] [--no-build] [--out FILE]
#
#   --runs N      timed executions per query (default 5; the median is reported)
#   --rows N      responses (default 10,000,000)
#   --no-build    use the installed extension
set -uo pipefail
cd "$(dirname "$0")/../.."
source scripts/pg.sh

runs=5 rows=10000000 build=1 out_file=
command_line="bash test/bench/nps_weighted.sh${*:+ $*}"
while [ $# -gt 0 ]; do
	case $1 in
	--runs) runs=$2; shift ;;
	--rows) rows=$2; shift ;;
	--no-build) build= ;;
	--out) out_file=$2; shift ;;
	-h | --help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
	esac
	shift
done

if [ -n "$build" ]; then cf_setup; else cf_pg_paths; fi
cf_start_server
db=cf_weighted_bench
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" -c "$1"; }
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null || cf_die "cannot create $db"
q "CREATE EXTENSION customer_focus" >/dev/null
q "SET client_min_messages = error;
   CREATE TABLE weighted_responses AS
     SELECT CASE WHEN i % 40 = 0 THEN NULL ELSE ((i * 7919) % 11)::int END AS score,
            CASE WHEN i % 97 = 0 THEN 0 ELSE 0.25 + ((i * 104729) % 1000) / 266.0 END::float8 AS weight
     FROM generate_series(1::bigint, $rows::bigint) i;" >/dev/null || cf_die "data generation failed"
q "VACUUM ANALYZE weighted_responses" >/dev/null || cf_die "vacuum failed"
q "CREATE FUNCTION bench_ms(query text, workers int) RETURNS float8 LANGUAGE plpgsql AS \$\$
   DECLARE t0 timestamptz; r record;
   BEGIN
     PERFORM set_config('max_parallel_workers_per_gather', workers::text, true);
     t0 := clock_timestamp(); EXECUTE query INTO r; RETURN extract(epoch FROM clock_timestamp() - t0) * 1000;
   END \$\$" >/dev/null

declare -A sql=(
	[weighted]="SELECT nps(score, weight) FROM weighted_responses"
	[two_step]="SELECT nps(nps_agg(score, weight)) FROM weighted_responses"
	[unweighted]="SELECT nps(score) FROM weighted_responses"
	[plain]="SELECT 100 * (sum(weight) FILTER (WHERE score >= 9) - sum(weight) FILTER (WHERE score <= 6))
	                / nullif(sum(weight) FILTER (WHERE score IS NOT NULL), 0) FROM weighted_responses"
	[floor]="SELECT count(score) FROM weighted_responses"
)
declare -A label=(
	[weighted]="nps(score, weight)" [two_step]="nps(nps_agg(score, weight))" [unweighted]="nps(score) (unweighted)"
	[plain]="plain SQL: weighted FILTER sums" [floor]="floor: count(score)"
)
order="weighted two_step unweighted plain floor"

median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
spread() { sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.0f–%.0f", lo, hi }'; }
time_query() {
	q "SELECT bench_ms(\$q\$$1\$q\$, $2) FROM generate_series(0, $runs) i ORDER BY i OFFSET 1" ||
		cf_die "query failed: $1"
}

report=$(mktemp)
{
	echo "weighted NPS over $rows responses — $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs"
	echo "command: $command_line; median of $runs server-side executions, ms"
	echo
	echo "| workers | query | median ms | range | × nps(score) | × plain | × floor |"
	echo "|---|---|---|---|---|---|---|"
} >"$report"
for workers in 0 2; do
	declare -A med=() rng=()
	for k in $order; do
		times=$(time_query "${sql[$k]}" "$workers")
		med[$k]=$(printf '%s\n' "$times" | median)
		rng[$k]=$(printf '%s\n' "$times" | spread)
	done
	for k in $order; do
		awk -v w="$workers" -v n="${label[$k]}" -v m="${med[$k]}" -v u="${med[unweighted]}" -v p="${med[plain]}" \
			-v f="${med[floor]}" -v r="${rng[$k]}" \
			'BEGIN { printf "| %s | %s | %.0f | %s | %.2f× | %.2f× | %.2f× |\n", w, n, m, r, m / u, m / p, m / f }' >>"$report"
	done
	unset med rng
done
cat "$report"
[ -n "$out_file" ] && cp "$report" "$out_file"
rm -f "$report"
