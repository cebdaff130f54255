#!/usr/bin/env bash
# Holdout validation benchmark (issue 17 item 2): one command, medians, the scan floor
# and the plain-SQL equivalent in the same run.
#
#   bash test/bench/holdout.sh [--runs N] [--customers N] [--no-build]
#
# N customers (default 1,000,000) simulated from the CDNOW BG/NBD parameters
# (bgnbd_simulate, deterministic; T between 26 and 39 weeks), with a deterministic
# holdout count.  Per worker count (0 and 2):
#   count(*) floor        SELECT count(*) over the table
#   scoring alone         the predictions holdout_agg needs, summed: expected purchases
#                         in 39 weeks and a p_any (bgnbd_p_alive stands in for it)
#   plain SQL             the same predictions and the error measures in plain SQL
#                         (avg(abs()), sqrt(avg(^2)), avg(), the Brier score; no AUC)
#   holdout_agg           the predictions into holdout_agg, every accessor read
# Goal: holdout_agg with its predictions <= 1.5x the scoring query alone.
#
# Uses the server PGHOST/PGPORT name if set, else a private one (scripts/pg.sh).
set -uo pipefail
cd "$(dirname "$0")/../.."
source scripts/pg.sh

runs=5 customers=1000000 build=1
while [ $# -gt 0 ]; do
	case $1 in
	--runs) runs=$2; shift ;;
	--customers) customers=$2; shift ;;
	--no-build) build= ;;
	-h | --help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
	esac
	shift
done

if [ -n "$build" ]; then cf_setup; else cf_pg_paths; fi
cf_start_server
cf_psql -c "CREATE EXTENSION IF NOT EXISTS customer_focus" >/dev/null || cf_die "cannot create the extension"

# Median of the psql \timing of query $2 run $1 times after one warm-up (settings in $3).
median_ms() {
	local n=$1 q=$2 settings=${3:-} i args=()
	args+=(-c "SET jit = off" -c "$settings" -c "$q" -c '\timing on')
	for ((i = 0; i < n; i++)); do args+=(-c "$q"); done
	psql -X -q -v ON_ERROR_STOP=1 "${args[@]}" | sed -nE 's/^Time: ([0-9.]+) ms.*/\1/p' |
		sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) printf "%.1f", v[(NR + 1) / 2]; else printf "%.1f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
truth="ROW(0.243, 4.414, 0.793, 2.426, NULL, NULL, NULL)::bgnbd_model"

have=$(psql -X -qAt -c "SELECT count(*) FROM pg_class WHERE relname = 'bench_holdout_customers'")
if [ "$have" = 1 ] && [ "$(psql -X -qAt -c "SELECT count(*) FROM bench_holdout_customers")" != "$customers" ]; then
	cf_psql -c "DROP TABLE bench_holdout_customers" >/dev/null
	have=0
fi
if [ "$have" != 1 ]; then
	cf_log "simulating $customers customers"
	cf_psql -c "CREATE TABLE bench_holdout_customers AS
	  SELECT i AS id, (s).x, (s).t_x, t, ((i * 7919) % 7 % 4)::float8 AS actual
	  FROM (SELECT i, t, bgnbd_simulate($truth, t, i) AS s
	        FROM (SELECT i, (273 - (i * 7919) % 91) / 7.0::float8 AS t
	              FROM generate_series(1, $customers::bigint) i) g) q" -c "VACUUM ANALYZE bench_holdout_customers" >/dev/null ||
		cf_die "simulation failed"
fi

preds="SELECT x, actual, bgnbd_expected_purchases(m, 39, x, t_x, t) AS e, bgnbd_p_alive(m, x, t_x, t) AS p
       FROM bench_holdout_customers, (SELECT $truth AS m) q"
score="SELECT sum(e), sum(p) FROM ($preds) s"
plain="SELECT avg(abs(e - actual)), sqrt(avg((e - actual) ^ 2)), avg(e - actual), avg((p - (actual > 0)::int) ^ 2) FROM ($preds) s"
agg="SELECT mean_absolute_error(h), rms_error(h), mean_bias(h), brier_score(h), roc_auc(h)
     FROM (SELECT holdout_agg(x, e, actual, p) AS h FROM ($preds) s) q"

echo "| query ($customers customers) | workers | median ms | ratio | goal |"
echo "|---|---|---|---|---|"
for w in 0 2; do
	set_w="SET max_parallel_workers_per_gather = $w"
	floor=$(median_ms "$runs" "SELECT count(*) FROM bench_holdout_customers" "$set_w")
	s_ms=$(median_ms "$runs" "$score" "$set_w")
	p_ms=$(median_ms "$runs" "$plain" "$set_w")
	a_ms=$(median_ms "$runs" "$agg" "$set_w")
	for v in "$floor" "$s_ms" "$p_ms" "$a_ms"; do
		awk -v v="$v" 'BEGIN { exit !(v > 0) }' || cf_die "a query failed (no timing)"
	done
	ratio=$(awk -v a="$a_ms" -v b="$s_ms" 'BEGIN { printf "%.2f", a / b }')
	ok=$(awk -v r="$ratio" 'BEGIN { print (r <= 1.5) ? "<= 1.5x scoring: met" : "<= 1.5x scoring: MISSED" }')
	echo "| count(*) floor | $w | $floor | | |"
	echo "| scoring alone: sum(expected), sum(p_any) | $w | $s_ms | $(awk -v a="$s_ms" -v b="$floor" 'BEGIN { printf "%.2fx count(*)", a / b }') | |"
	echo "| plain SQL: the predictions, avg(abs), sqrt(avg(^2)), avg, Brier | $w | $p_ms | $(awk -v a="$p_ms" -v b="$s_ms" 'BEGIN { printf "%.2fx scoring", a / b }') | |"
	echo "| holdout_agg(x, expected, actual, p_any) and its accessors | $w | $a_ms | ${ratio}x scoring | $ok |"
done
