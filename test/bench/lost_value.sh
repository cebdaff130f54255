#!/usr/bin/env bash
# lost_customer_value(numeric, ...) per call, undiscounted (the exact closed form) and
# discounted at 10 %, against the same formula in plain SQL numeric and the scan floor
# (the generated annual values alone), 200,000 calls each.  Backend CPU time per query
# (log_executor_stats: user + system), the three queries of a form alternating in one
# backend so that load on the machine hits them alike; medians and the median of the
# per-round ratios.  The outer query reads every value (count(v) evaluates it).  One
# command, not a timed test: sql/lost_value.sql checks the values digit for digit.
#
#   bash test/bench/lost_value.sh [--runs N] [--no-build]
#
#   --runs N      rounds (default 11; each runs the three queries of a form once)
#   --no-build    use the installed extension
set -uo pipefail
cd "$(dirname "$0")/../.."
source scripts/pg.sh

runs=11 build=1
while [ $# -gt 0 ]; do
	case $1 in
	--runs) runs=$2; shift ;;
	--no-build) build= ;;
	-h | --help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
	esac
	shift
done

if [ -n "$build" ]; then cf_setup; else cf_pg_paths; fi
cf_start_server
db=cf_lost_value_bench
psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null || cf_die "cannot create $db"
psql -X -q -d "$db" -c "CREATE EXTENSION customer_focus" >/dev/null || cf_die "cannot create the extension"

rows="generate_series(1, 200000) g"
# name|extension|plain|floor
forms=(
	"undiscounted|lost_customer_value(g * 1.37, 125.50, 10, 0.2)|trim_scale((10 * (g * 1.37) + 45 * 125.50) * 0.2)|g * 1.37 + 125.50"
	"discounted at 10 %|lost_customer_value(g * 1.37, 125.50, 10, 0.2, 0.1)|(SELECT trim_scale(round(sum((g * 1.37 + (t - 1) * 125.50) / 1.1 ^ t) * 0.2, 20)) FROM generate_series(1, 10) t)|g * 1.37 + 125.50"
)
echo "# lost_customer_value: backend CPU ms per 200,000 calls ($(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg), $runs rounds)"
echo
echo "| form | extension | plain SQL | floor | extension / plain (median of rounds, range) | (extension - floor) / (plain - floor) |"
echo "|---|---|---|---|---|---|"
for f in "${forms[@]}"; do
	IFS='|' read -r name ext plain floor <<<"$f"
	args=(-X -q -v ON_ERROR_STOP=1 -d "$db" -c "SET jit = off" -c "SET max_parallel_workers_per_gather = 0"
		-c "SELECT count(v) FROM (SELECT $ext FROM $rows) s(v)" -c "SET log_executor_stats = on" -c "SET client_min_messages = log")
	for ((i = 0; i < runs; i++)); do
		for e in "$ext" "$plain" "$floor"; do args+=(-c "SELECT count(v) FROM (SELECT $e FROM $rows) s(v)"); done
	done
	psql "${args[@]}" 2>&1 >/dev/null |
		awk -v name="$name" '
			function median(a, n,   i, j, t) { for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
			                                   return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
			/^!\t[0-9.]+ s user, [0-9.]+ s system/ { k++; v = 1000 * ($2 + $5); if (k % 3 == 1) e[++n] = v; else if (k % 3 == 2) p[n] = v; else f[n] = v }
			END { if (n == 0) { print "lost_value.sh: no executor statistics" > "/dev/stderr"; exit 1 }
			      lo = 1e9; hi = 0
			      for (i = 1; i <= n; i++) { r[i] = e[i] / p[i]; if (r[i] < lo) lo = r[i]; if (r[i] > hi) hi = r[i]; e2[i] = e[i]; p2[i] = p[i]; f2[i] = f[i] }
			      me = median(e2, n); mp = median(p2, n); mf = median(f2, n)
			      printf "| %s | %.0f | %.0f | %.0f | %.2f× (%.2f–%.2f) | %.2f× |\n", name, me, mp, mf, median(r, n), lo, hi, (me - mf) / (mp - mf) }'
done
