#!/usr/bin/env bash
# The BG/NBD predictions over customer profiles against their scalar forms
# (issue 17 item 8): one command, medians, the count(*) floor in the same run.
#
#   bash test/bench/bgnbd_profile.sh [--runs N] [--sizes "1694 20000 100000"] [--no-build]
#
# For each size, profiles of that many customers (deterministic orders: 1 to 8
# per customer over two years, in UTC) are stored in a table; then, serially,
# (with model_summary(p, as_of, 7)'s columns x, t_x, t beside them); then,
# serially, one query per column of the report, each summing the function over
# every profile at one as_of, in weeks (unit_days 7):
#   floor    SELECT count(*) over the profiles
#   columns  the scalar form over the stored columns, bgnbd_<f>(m, ..., x, t_x, t)
#   lateral  the scalar form over model_summary's columns computed in the query,
#            FROM profiles, LATERAL model_summary(p, as_of, 7) s
#   profile  bgnbd_<f>(m, ..., p, as_of, 7)
#   1.0 sql  the 1.0 body, a LANGUAGE sql function over FROM model_summary(...),
#            recreated here under another name (the "before")
# for f = p_alive, expected_purchases (horizon 39) and p_no_purchase (horizon 13),
# and prints the medians and profile / columns (goal <= 1.2: the profile form
# costs at most 1.2 x the scalar form given the summary's columns for free).
# Every profile form returns the scalar form's value on every row (checked).
#
# Uses the server PGHOST/PGPORT name if set, else a private one (scripts/pg.sh).
set -uo pipefail
cd "$(dirname "$0")/../.."
source scripts/pg.sh

runs=7 sizes="1694 20000 100000" build=1
while [ $# -gt 0 ]; do
	case $1 in
	--runs) runs=$2; shift ;;
	--sizes) sizes=$2; shift ;;
	--no-build) build= ;;
	-h | --help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
	esac
	shift
done

if [ -n "$build" ]; then cf_setup; else cf_pg_paths; fi
cf_start_server
cf_psql -c "CREATE EXTENSION IF NOT EXISTS customer_focus" >/dev/null || cf_die "cannot create the extension"

# Median of the psql \timing of query $2 run $1 times after one warm-up.
median_ms() {
	local n=$1 q=$2 i args=()
	args+=(-c "SET jit = off" -c "SET max_parallel_workers_per_gather = 0" -c "$q" -c '\timing on')
	for ((i = 0; i < n; i++)); do args+=(-c "$q"); done
	psql -X -q -v ON_ERROR_STOP=1 "${args[@]}" | sed -nE 's/^Time: ([0-9.]+) ms.*/\1/p' |
		sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) printf "%.1f", v[(NR + 1) / 2]; else printf "%.1f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# The 1.0 bodies, as they were (not inlinable: a FROM clause).
cf_psql -c "
CREATE OR REPLACE FUNCTION bench_old_p_alive(model bgnbd_model, profile customer_profile, as_of timestamptz,
    unit_days double precision DEFAULT 1) RETURNS double precision LANGUAGE sql STABLE STRICT PARALLEL SAFE
    AS \$\$ SELECT bgnbd_p_alive(model, s.x, s.t_x, s.t) FROM model_summary(profile, as_of, unit_days) AS s \$\$;
CREATE OR REPLACE FUNCTION bench_old_expected(model bgnbd_model, horizon double precision, profile customer_profile,
    as_of timestamptz, unit_days double precision DEFAULT 1) RETURNS double precision LANGUAGE sql STABLE STRICT PARALLEL SAFE
    AS \$\$ SELECT bgnbd_expected_purchases(model, horizon, s.x, s.t_x, s.t) FROM model_summary(profile, as_of, unit_days) AS s \$\$;
CREATE OR REPLACE FUNCTION bench_old_no_purchase(model bgnbd_model, horizon double precision, profile customer_profile,
    as_of timestamptz, unit_days double precision DEFAULT 1) RETURNS double precision LANGUAGE sql STABLE STRICT PARALLEL SAFE
    AS \$\$ SELECT bgnbd_p_no_purchase(model, horizon, s.x, s.t_x, s.t) FROM model_summary(profile, as_of, unit_days) AS s \$\$;" \
	>/dev/null || cf_die "cannot create the 1.0 forms"

m="ROW(0.243, 4.414, 0.793, 2.426, NULL, NULL, NULL)::bgnbd_model"
asof="timestamptz '2026-01-01 00:00+00'"
echo "Serial, jit off, median of $runs runs; $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| customers | function | count(*) ms | columns ms | lateral ms | profile ms | 1.0 sql ms | profile / columns | profile / lateral | 1.0 sql / columns | goal <= 1.2 |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for n in $sizes; do
	tab=bench_bgp2_$n
	if [ "$(psql -X -qAt -c "SELECT count(*) FROM pg_class WHERE relname = '$tab'")" != 1 ]; then
		cf_log "building $n profiles"
		cf_psql -c "CREATE TABLE $tab AS
		  SELECT customer_id, p, (s).x, (s).t_x, (s).t
		  FROM (SELECT customer_id, p, model_summary(p, $asof, 7) AS s FROM (
		  SELECT c AS customer_id, customer_profile(timestamptz '2024-01-01 00:00+00' + ((c * 7919 + k * 104729) % 730) * interval '1 day'
		                                            + (k % 24) * interval '1 hour', 10 + k, 'UTC') AS p
		  FROM generate_series(1, $n) c, generate_series(1, 1 + c % 8) k GROUP BY c) q) q2" \
			-c "VACUUM ANALYZE $tab" >/dev/null || cf_die "cannot build the profiles"
	fi
	floor=$(median_ms "$runs" "SELECT count(*) FROM $tab")
	for f in p_alive expected_purchases p_no_purchase; do
		case $f in
		p_alive) args="" old=bench_old_p_alive ;;
		expected_purchases) args="39, " old=bench_old_expected ;;
		p_no_purchase) args="13, " old=bench_old_no_purchase ;;
		esac
		cols=$(median_ms "$runs" "SELECT sum(bgnbd_$f($m, $args x, t_x, t)) FROM $tab")
		scalar=$(median_ms "$runs" "SELECT sum(bgnbd_$f($m, $args s.x, s.t_x, s.t)) FROM $tab, LATERAL model_summary(p, $asof, 7) s")
		prof=$(median_ms "$runs" "SELECT sum(bgnbd_$f($m, $args p, $asof, 7)) FROM $tab")
		oldms=$(median_ms "$runs" "SELECT sum($old($m, $args p, $asof, 7)) FROM $tab")
		differ=$(psql -X -qAt -c "SELECT count(*) FROM $tab
		                          WHERE bgnbd_$f($m, $args p, $asof, 7) IS DISTINCT FROM bgnbd_$f($m, $args x, t_x, t)")
		[ "$differ" = 0 ] || cf_die "bgnbd_$f: the profile form differs from the scalar form on $differ profiles"
		echo "$n $f $floor $cols $scalar $prof $oldms" |
			awk '{ r = $6 / $4; printf "| %s | bgnbd_%s | %s | %s | %s | %s | %s | %.2f | %.2f | %.2f | %s |\n",
			       $1, $2, $3, $4, $5, $6, $7, r, $6 / $5, $7 / $4, (r <= 1.2) ? "met" : "MISSED" }'
	done
done
