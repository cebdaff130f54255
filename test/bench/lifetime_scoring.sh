#!/usr/bin/env bash
# Per-customer predictions of the lifetime models against bgnbd_p_alive
# (issue 17, speed: every per-customer prediction function <= 2 x
# bgnbd_p_alive): one command, medians, the count(*) floor in the same run.
#
#   bash test/bench/lifetime_scoring.sh [--runs N] [--customers N] [--only REGEX] [--no-build]
#
# 1,000,000 customers simulated from the CDNOW MBG/NBD model (as
# test/bench/mbgnbd.sh: T between 0 and 78 weeks, t_x rounded to the day,
# times in weeks) in a table (id, x, t_x, t).  Serially (jit off), each query
# sums one function over every row, run alternately with its baseline,
# sum(bgnbd_p_alive(...)) over the same rows with the model given the same
# way (test/bench/pairs.sh); the report gives the medians of the backend's
# CPU time and of the wall time, and the medians of the per-pair ratios (the
# goal is read on CPU time: the machine is shared):
#   bgnbd_p_alive, bgnbd_expected_purchases (horizon 39), bgnbd_p_no_purchase
#   (horizon 13), the same three of MBG/NBD, and pnbd_p_alive,
#   pnbd_expected_purchases (horizon 39) with the CDNOW Pareto/NBD model,
#   bgnbd_pmf and mbgnbd_pmf (n = 0, 2 and 10, horizon 13: n = 0 is P(no
#   purchase), 2 and 10 lie above most customers' mean and sum the tail),
# each twice: with the model a constant in the query (ROW(...)::<family>_model)
# and with the model read from a one-row table joined to the customers (as a
# stored model is used; the function then sees the model as a new argument on
# every row).
# A family adds its model beside bg and mbg and its lines to `functions` below;
# --only keeps the lines of `functions` that match REGEX (e.g. 'pmf').
#
# Uses the server PGHOST/PGPORT name if set, else a private one (scripts/pg.sh).
set -uo pipefail
cd "$(dirname "$0")/../.."
source scripts/pg.sh

runs=5 customers=1000000 build=1 only=.
while [ $# -gt 0 ]; do
	case $1 in
	--runs) runs=$2; shift ;;
	--customers) customers=$2; shift ;;
	--only) only=$2; shift ;;
	--no-build) build= ;;
	-h | --help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
	esac
	shift
done

if [ -n "$build" ]; then cf_setup; else cf_pg_paths; fi
cf_start_server
cf_psql -c "CREATE EXTENSION IF NOT EXISTS customer_focus" >/dev/null || cf_die "cannot create the extension"

source test/bench/pairs.sh

bg="ROW(0.243, 4.414, 0.793, 2.426, NULL, NULL, NULL)::bgnbd_model"
mbg="ROW(0.525, 6.183, 0.891, 1.614, NULL, NULL, NULL)::mbgnbd_model"
pn="ROW(0.553, 10.578, 0.606, 11.669, NULL, NULL, NULL)::pnbd_model"
tab=bench_scoring_$customers
if [ "$(psql -X -qAt -c "SELECT count(*) FROM pg_class WHERE relname = '$tab'")" != 1 ]; then
	cf_log "simulating $customers customers"
	cf_psql -c "CREATE TABLE $tab AS
	  SELECT i AS id, (s).x,
	         CASE WHEN (s).x = 0 THEN 0 ELSE least(greatest(round((s).t_x * 7), 1), (i * 7919) % 547) / 7.0 END AS t_x,
	         ((i * 7919) % 547) / 7.0 AS t
	  FROM (SELECT i, mbgnbd_simulate($mbg, ((i * 7919) % 547) / 7.0, i) s
	        FROM generate_series(1, $customers::bigint) i) q" -c "VACUUM ANALYZE $tab" >/dev/null ||
		cf_die "simulation failed"
fi
cf_psql -c "SET client_min_messages = warning" -c "DROP TABLE IF EXISTS bench_scoring_models" \
	-c "CREATE TABLE bench_scoring_models AS SELECT $bg AS bg, $mbg AS mbg, $pn AS pn" >/dev/null || cf_die "cannot store the models"

# family, function, arguments before (x, t_x, t)
functions="bgnbd p_alive -
bgnbd expected_purchases 39
bgnbd p_no_purchase 13
mbgnbd p_alive -
mbgnbd expected_purchases 39
mbgnbd p_no_purchase 13
pnbd p_alive -
pnbd expected_purchases 39
pnbd p_no_purchase 13
bgnbd pmf 0, 13
bgnbd pmf 2, 13
bgnbd pmf 10, 13
mbgnbd pmf 0, 13
mbgnbd pmf 2, 13
mbgnbd pmf 10, 13
pnbd pmf 0, 13
pnbd pmf 2, 13
pnbd pmf 10, 13"
functions=$(grep -E -- "$only" <<<"$functions") || cf_die "--only $only matches no function"

echo "Serial, jit off, $runs alternating runs of each query and its baseline (test/bench/pairs.sh), $customers customers; $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| function | model | CPU ms | baseline CPU ms | CPU ratio | wall ms | baseline wall ms | wall ratio | goal <= 2 (CPU) |"
echo "|---|---|---|---|---|---|---|---|---|"
base_constant="SELECT sum(bgnbd_p_alive($bg, x, t_x, t)) FROM $tab"
base_stored="SELECT sum(bgnbd_p_alive(m.bg, x, t_x, t)) FROM $tab, bench_scoring_models m"
row() {
	local f=$1 how=$2 a b c d rc rw
	read -r a b c d rc rw <<<"$3"
	[ -n "$rw" ] || cf_die "no measurement for $f"
	awk -v f="$f" -v how="$how" -v a="$a" -v b="$b" -v c="$c" -v d="$d" -v rc="$rc" -v rw="$rw" -v goal="$4" \
		'BEGIN { printf "| %s | %s | %s | %s | %.2f | %s | %s | %.2f | %s |\n", f, how, c, d, rc, a, b, rw, goal ? ((rc <= 2) ? "met" : "MISSED") : "" }'
}
row "count(*) floor" "" "$(bench_pair "$runs" "SELECT count(*) FROM $tab" "$base_constant")" ""
while read -r fam f h; do
	args=""
	[ "$h" = - ] || args="$h, "
	case $fam in bgnbd) model=$bg col=bg ;; mbgnbd) model=$mbg col=mbg ;; pnbd) model=$pn col=pn ;; esac
	for how in constant stored; do
		if [ $how = constant ]; then
			q="SELECT sum(${fam}_$f($model, $args x, t_x, t)) FROM $tab" base=$base_constant
		else
			q="SELECT sum(${fam}_$f(m.$col, $args x, t_x, t)) FROM $tab, bench_scoring_models m" base=$base_stored
		fi
		label=${fam}_$f
		[ "$f" != pmf ] || label="${fam}_pmf(n = ${h%%,*})"
		row "$label" "$how" "$(bench_pair "$runs" "$q" "$base")" 1
	done
done <<<"$functions"
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
