#!/usr/bin/env bash
# BG/NBD benchmark (issue 5): one command, medians, the count(*) floor in the same run.
#
#   bash test/bench/bgnbd.sh [--runs N] [--customers N] [--no-build]
#
# 1. The CDNOW fit (2,357 customers from ../shared/data/cdnow next to the
#    repository, or $CF_CDNOW_DIR; skipped with a message if absent): median time
#    and the parameters against the published ones.  Goal: < 100 ms.
# 2. 1,000,000 customers simulated from the model with the CDNOW parameters
#    (bgnbd_simulate, deterministic; first purchases spread over 13 weeks, t_x
#    rounded to 0.01 week like the CDNOW summary): fit time with 0 and 2 workers
#    and the recovered parameters.  Goals: within 3 %, under 2 s.
# 3. Scoring the same 1,000,000 customers (P(alive) and expected purchases in
#    39 weeks) against count(*) over the same table.  Goal: at most 2x.
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
serial="SET max_parallel_workers_per_gather = 0"
parallel="SET max_parallel_workers_per_gather = 2"
truth="ROW(0.243, 4.414, 0.793, 2.426, NULL, NULL, NULL)::bgnbd_model"

echo "| benchmark | workers | median ms | result | goal |"
echo "|---|---|---|---|---|"

# 1. CDNOW
cdnow=${CF_CDNOW_DIR:-$CF_ROOT/../shared/data/cdnow}
if [ -r "$cdnow/cdnow_customers_summary.csv" ]; then
	cf_psql -c "DROP TABLE IF EXISTS bench_cdnow" -c "CREATE TABLE bench_cdnow (id integer, x integer, t_x float8, t float8)" \
		-c "\\copy bench_cdnow FROM '$cdnow/cdnow_customers_summary.csv' WITH (FORMAT csv, HEADER true)" >/dev/null
	ms=$(median_ms "$runs" "SELECT bgnbd_fit(x, t_x, t) FROM bench_cdnow" "$serial")
	res=$(psql -X -qAt -c "SELECT format('r=%s alpha=%s a=%s b=%s LL=%s; max error vs paper %s %%',
	        round((m).r::numeric, 4), round((m).alpha::numeric, 4), round((m).a::numeric, 4), round((m).b::numeric, 4),
	        round((m).log_likelihood::numeric, 2),
	        round(100 * greatest(abs((m).r / 0.243 - 1), abs((m).alpha / 4.414 - 1), abs((m).a / 0.793 - 1),
	                             abs((m).b / 2.426 - 1), abs((m).log_likelihood / -9582.4 - 1))::numeric, 3))
	      FROM (SELECT bgnbd_fit(x, t_x, t) m FROM bench_cdnow) q")
	ok=$(awk -v m="$ms" 'BEGIN { print (m < 100) ? "< 100 ms: met" : "< 100 ms: MISSED" }')
	echo "| CDNOW fit (2,357 customers) | 0 | $ms | $res | $ok |"
else
	echo "| CDNOW fit | - | - | skipped: $cdnow not found (set CF_CDNOW_DIR) | - |"
fi

# 2. simulated customers
have=$(psql -X -qAt -c "SELECT count(*) FROM pg_class WHERE relname = 'bench_bgnbd_sim'")
if [ "$have" = 1 ] && [ "$(psql -X -qAt -c "SELECT count(*) FROM bench_bgnbd_sim")" != "$customers" ]; then
	cf_psql -c "DROP TABLE bench_bgnbd_sim" >/dev/null
	have=0
fi
if [ "$have" != 1 ]; then
	cf_log "simulating $customers customers"
	cf_psql -c "CREATE TABLE bench_bgnbd_sim AS
	  SELECT i AS id, (s).x,
	         CASE WHEN (s).x = 0 THEN 0 ELSE least(greatest(round((s).t_x::numeric, 2)::float8, 0.01), t) END AS t_x, t
	  FROM (SELECT i, t, bgnbd_simulate($truth, t, i) AS s
	        FROM (SELECT i, (273 - (i * 7919) % 91) / 7.0::float8 AS t
	              FROM generate_series(1, $customers::bigint) i) g) q" -c "VACUUM ANALYZE bench_bgnbd_sim" >/dev/null ||
		cf_die "simulation failed"
fi
res=$(psql -X -qAt -c "SELECT format('r=%s alpha=%s a=%s b=%s converged=%s; max error vs truth %s %%',
        round((m).r::numeric, 4), round((m).alpha::numeric, 4), round((m).a::numeric, 4), round((m).b::numeric, 4),
        (m).converged,
        round(100 * greatest(abs((m).r / 0.243 - 1), abs((m).alpha / 4.414 - 1), abs((m).a / 0.793 - 1),
                             abs((m).b / 2.426 - 1))::numeric, 2))
      FROM (SELECT bgnbd_fit(x, t_x, t) m FROM bench_bgnbd_sim) q")
distinct=$(psql -X -qAt -c "SELECT count(*) FROM (SELECT DISTINCT x, t_x, t FROM bench_bgnbd_sim) d")
for w in 0 2; do
	set_w="SET max_parallel_workers_per_gather = $w"
	ms=$(median_ms "$runs" "SELECT bgnbd_fit(x, t_x, t) FROM bench_bgnbd_sim" "$set_w")
	ok=$(awk -v m="$ms" 'BEGIN { print (m < 2000) ? "< 2 s: met" : "< 2 s: MISSED" }')
	echo "| fit of $customers simulated customers ($distinct distinct (x, t_x, T)) | $w | $ms | $res | $ok |"
done

# 3. scoring
score="SELECT sum(bgnbd_p_alive(m, x, t_x, t)), sum(bgnbd_expected_purchases(m, 39, x, t_x, t))
       FROM bench_bgnbd_sim, (SELECT $truth AS m) q"
for w in 0 2; do
	set_w="SET max_parallel_workers_per_gather = $w"
	floor=$(median_ms "$runs" "SELECT count(*) FROM bench_bgnbd_sim" "$set_w")
	plain=$(median_ms "$runs" "SELECT sum(x + t_x), sum(t * 2) FROM bench_bgnbd_sim" "$set_w")
	ms=$(median_ms "$runs" "$score" "$set_w")
	ratio=$(awk -v a="$ms" -v b="$floor" 'BEGIN { printf "%.2f", a / b }')
	ok=$(awk -v r="$ratio" 'BEGIN { print (r <= 2) ? "<= 2x count(*): met" : "<= 2x count(*): MISSED" }')
	echo "| count(*) floor, $customers rows | $w | $floor | | |"
	echo "| plain sum(x + t_x), sum(t * 2) | $w | $plain | $(awk -v a="$plain" -v b="$floor" 'BEGIN { printf "%.2fx count(*)", a / b }') | |"
	echo "| scoring: sum(P(alive)), sum(expected purchases in 39) | $w | $ms | ${ratio}x count(*) | $ok |"
done
