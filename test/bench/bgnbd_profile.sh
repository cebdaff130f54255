#!/usr/bin/env bash
# The BG/NBD, MBG/NBD and Pareto/NBD predictions over customer profiles against their
# scalar forms (issue 17 item 8): one command, medians, the count(*) floor in
# the same run.
#
#   bash test/bench/bgnbd_profile.sh [--runs N] [--sizes "1694 20000 100000"]
#        [--families "bgnbd mbgnbd pnbd"] [--no-build]
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
# for f = p_alive, expected_purchases (horizon 39) and p_no_purchase (horizon 13)
# of each family (MBG/NBD and Pareto/NBD have no 1.0 form: that column is
# empty for them),
# and prints the medians of the backend's CPU time (test/bench/pairs.sh: each
# query alternates with the columns query; the ratios are the medians of the
# pairs' ratios, so a change of load moves both sides) and profile / columns
# and profile / lateral (the goal, <= 1.2: the issue's comparison, the
# scalar form fed by model_summary in the query; profile / columns, the
# scalar form given the summary's columns for free, is shown beside it).
# Every profile form returns the scalar form's value on every row (checked).
#
# Uses the server PGHOST/PGPORT name if set, else a private one (scripts/pg.sh).
set -uo pipefail
cd "$(dirname "$0")/../.."
source scripts/pg.sh
source test/bench/pairs.sh

runs=7 sizes="1694 20000 100000" families="bgnbd mbgnbd pnbd" build=1
while [ $# -gt 0 ]; do
	case $1 in
	--runs) runs=$2; shift ;;
	--sizes) sizes=$2; shift ;;
	--families) families=$2; shift ;;
	--no-build) build= ;;
	-h | --help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
	esac
	shift
done

if [ -n "$build" ]; then cf_setup; else cf_pg_paths; fi
cf_start_server
cf_psql -c "CREATE EXTENSION IF NOT EXISTS customer_focus" >/dev/null || cf_die "cannot create the extension"

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

asof="timestamptz '2026-01-01 00:00+00'"
echo "Serial, jit off, backend CPU time (test/bench/pairs.sh: each query alternating with the columns query, medians of $runs pairs, ratios the medians of the pairs' ratios); $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| customers | function | count(*) CPU ms | columns CPU ms | lateral CPU ms | profile CPU ms | 1.0 sql CPU ms | profile / columns | profile / lateral | 1.0 sql / columns | goal: profile / lateral <= 1.2 |"
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
	read -r _ _ floor _ _ _ <<<"$(bench_pair "$runs" "SELECT count(*) FROM $tab" "SELECT count(*) FROM $tab")"
	for fam in $families; do
		case $fam in
		bgnbd) m="ROW(0.243, 4.414, 0.793, 2.426, NULL, NULL, NULL)::bgnbd_model" fns="p_alive expected_purchases p_no_purchase" ;;
		mbgnbd) m="ROW(0.525, 6.183, 0.891, 1.614, NULL, NULL, NULL)::mbgnbd_model" fns="p_alive expected_purchases p_no_purchase" ;;
		pnbd) m="ROW(0.553, 10.578, 0.606, 11.669, NULL, NULL, NULL)::pnbd_model" fns="p_alive expected_purchases p_no_purchase" ;;
		*) cf_die "unknown family $fam" ;;
		esac
		for f in $fns; do
			case $f in
			p_alive) args="" old=bench_old_p_alive ;;
			expected_purchases) args="39, " old=bench_old_expected ;;
			p_no_purchase) args="13, " old=bench_old_no_purchase ;;
			esac
			colq="SELECT sum(${fam}_$f($m, $args x, t_x, t)) FROM $tab"
			read -r prof cols profc colsc ratio _ <<<"$(bench_pair "$runs" "SELECT sum(${fam}_$f($m, $args p, $asof, 7)) FROM $tab" "$colq")"
			read -r scalar _ scalarc _ lratio _ <<<"$(bench_pair "$runs" "SELECT sum(${fam}_$f($m, $args s.x, s.t_x, s.t)) FROM $tab, LATERAL model_summary(p, $asof, 7) s" "$colq")"
			oldms=- oldc=- oratio=-
			[ "$fam" = bgnbd ] && read -r oldms _ oldc _ oratio _ <<<"$(bench_pair "$runs" "SELECT sum($old($m, $args p, $asof, 7)) FROM $tab" "$colq")"
			differ=$(psql -X -qAt -c "SELECT count(*) FROM $tab
			                          WHERE ${fam}_$f($m, $args p, $asof, 7) IS DISTINCT FROM ${fam}_$f($m, $args x, t_x, t)")
			[ "$differ" = 0 ] || cf_die "${fam}_$f: the profile form differs from the scalar form on $differ profiles"
			echo "$n ${fam}_$f $floor $colsc $scalarc $profc $oldc $ratio $lratio $oratio" |
				awk '{ printf "| %s | %s | %s | %s | %s | %s | %s | %.2f | %.2f | %s | %s |\n",
				       $1, $2, $3, $4, $5, $6, ($7 == "-") ? "–" : $7, $8, $8 / $9, ($10 == "-") ? "–" : $10, ($8 / $9 <= 1.2) ? "met" : "MISSED" }'
		done
	done
done
