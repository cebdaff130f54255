#!/usr/bin/env bash
# nps_trend over stored states (issue 18: "nps_trend over 1,000 stored states well under
# 10 ms"): the aggregate, the same statistics in plain SQL over the same states (the
# chi-square of the 3 x k table and the weighted least-squares slope and its error; plain
# SQL has no chi-square p-value on 15), and the scan floor count(state), on deterministic
# data.  One command, medians of server-side times (clock_timestamp around one execution
# in PL/pgSQL, all runs in one backend, so no client round trip is counted); the outer query reads every
# column.  Not a timed test: sql/nps_trend.sql checks the values.
#
#   bash test/bench/nps_trend.sh [--runs N] [--states N] [--no-build] [--out FILE]
#
#   --runs N      timed executions per query (default 51; the median is reported)
#   --states N    stored states (default 1,000)
#   --no-build    use the installed extension
set -uo pipefail
cd "$(dirname "$0")/../.."
source scripts/pg.sh

runs=51 states=1000 build=1 out_file=
command_line="bash test/bench/nps_trend.sh${*:+ $*}"
while [ $# -gt 0 ]; do
	case $1 in
	--runs) runs=$2; shift ;;
	--states) states=$2; shift ;;
	--no-build) build= ;;
	--out) out_file=$2; shift ;;
	-h | --help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
	esac
	shift
done

if [ -n "$build" ]; then cf_setup; else cf_pg_paths; fi
cf_start_server
db=cf_trend_bench
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" -c "$1"; }
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null || cf_die "cannot create $db"
q "CREATE EXTENSION customer_focus" >/dev/null
# Two layouts of N states: one per period (N periods, the dearest tests), and
# 20 segments x N/20 periods (states of one period merged by the aggregate).
q "SET client_min_messages = error;
   CREATE TABLE per_period AS
     SELECT i AS period, format('v2;scale=0..10;promoter_min=9;detractor_max=6;counts=%s,0,0,0,0,%s,0,%s,%s,%s,%s',
                                20 + (i * 7) % 31, (i * 11) % 17, 30 + (i * 13) % 23, (i * 3) % 19, 25 + i % 29, (i * 5) % 37)::nps_state AS state
     FROM generate_series(1, $states) i;
   CREATE TABLE per_segment AS
     SELECT i / 20 AS period, i % 20 AS segment, state FROM per_period p JOIN generate_series(0, $states - 1) i ON p.period = i + 1;
   ANALYZE;" >/dev/null || cf_die "data generation failed"
q "CREATE FUNCTION bench_ms(query text) RETURNS float8 LANGUAGE plpgsql AS \$\$
   DECLARE t0 timestamptz; r record;
   BEGIN t0 := clock_timestamp(); EXECUTE query INTO r; RETURN extract(epoch FROM clock_timestamp() - t0) * 1000; END \$\$" >/dev/null

ext="SELECT sum(coalesce((t).chi_square, 0) + coalesce((t).df, 0) + coalesce((t).p_value, 0) + coalesce((t).slope, 0)
            + coalesce((t).slope_std_error, 0) + coalesce((t).slope_p_value, 0)) FROM (SELECT nps_trend(state, period) AS t FROM @T) x"
plain="WITH c AS (SELECT period, sum(promoter_count(state))::float8 AS p, sum(passive_count(state))::float8 AS a,
                     sum(detractor_count(state))::float8 AS d FROM @T GROUP BY period),
            n AS (SELECT period, p, a, d, p + a + d AS m FROM c WHERE p + a + d > 0),
            tot AS (SELECT sum(p) AS p, sum(a) AS a, sum(d) AS d, sum(m) AS m, count(*) AS k,
                           sum(m * period) / sum(m) AS tbar, 100 * (sum(p) - sum(d)) / sum(m) AS ybar FROM n),
            chi AS (SELECT sum(CASE WHEN tot.p > 0 THEN (n.p - tot.p * n.m / tot.m) ^ 2 / (tot.p * n.m / tot.m) ELSE 0 END
                             + CASE WHEN tot.a > 0 THEN (n.a - tot.a * n.m / tot.m) ^ 2 / (tot.a * n.m / tot.m) ELSE 0 END
                             + CASE WHEN tot.d > 0 THEN (n.d - tot.d * n.m / tot.m) ^ 2 / (tot.d * n.m / tot.m) ELSE 0 END) AS x2,
                           (((tot.p > 0)::int + (tot.a > 0)::int + (tot.d > 0)::int - 1) * (tot.k - 1)) AS df,
                           sum(n.m * (n.period - tot.tbar) ^ 2) AS sxx,
                           sum(n.m * (n.period - tot.tbar) * (100 * (n.p - n.d) / n.m - tot.ybar)) AS sxy,
                           sum(1e4 * (n.p + n.d) - n.m * (100 * (n.p - n.d) / n.m) ^ 2 + n.m * (100 * (n.p - n.d) / n.m - tot.ybar) ^ 2) AS syy,
                           min(tot.m) AS total
                    FROM n, tot GROUP BY tot.p, tot.a, tot.d, tot.k)
       SELECT x2 + df + sxy / sxx + sqrt((syy - sxy / sxx * sxy) / (total - 2) / sxx) FROM chi"
floor="SELECT count(state) FROM @T"

median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
spread() { sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.3f–%.3f", lo, hi }'; }
# All runs in one backend (a new connection would time the library load and cold
# caches); the first execution is a warm-up and is dropped.
time_query() {
	q "SELECT bench_ms(\$q\$$1\$q\$) FROM generate_series(0, $runs) i ORDER BY i OFFSET 1" ||
		cf_die "query failed: $1"
}

report=$(mktemp)
{
	echo "nps_trend over $states stored states — $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs"
	echo "command: $command_line; median of $runs server-side executions, ms"
	echo
	echo "| layout | query | median ms | range | × floor | × plain |"
	echo "|---|---|---|---|---|---|"
} >"$report"
for table in per_period per_segment; do
	declare -A med=()
	for kind in ext plain floor; do
		sql=${!kind//@T/$table}
		times=$(time_query "$sql")
		med[$kind]=$(printf '%s\n' "$times" | median)
		eval "rng_$kind=\$(printf '%s\n' \"\$times\" | spread)"
	done
	label=$([ "$table" = per_period ] && echo "$states states, $states periods" || echo "$states states, 20 segments x $((states / 20)) periods")
	for kind in ext plain floor; do
		name=$(case $kind in ext) echo "nps_trend(state, period)" ;; plain) echo "plain SQL: chi-square, df, slope, its error" ;; floor) echo "floor: count(state)" ;; esac)
		r=rng_$kind
		awk -v l="$label" -v n="$name" -v m="${med[$kind]}" -v f="${med[floor]}" -v p="${med[plain]}" -v r="${!r}" -v k="$kind" \
			'BEGIN { printf "| %s | %s | %.3f | %s | %.1f× | %s |\n", l, n, m, r, m / f, (k == "floor" ? "–" : sprintf("%.2f×", m / p)) }' >>"$report"
	done
	unset med
done
cat "$report"
[ -n "$out_file" ] && cp "$report" "$out_file"
rm -f "$report"
