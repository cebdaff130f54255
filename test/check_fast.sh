#!/usr/bin/env bash
# `make check-fast`, the inner loop while developing: builds and installs the
# extension (as scripts/pg.sh's cf_setup does), starts a private server in a
# temporary folder (or uses the one PGHOST/PGPORT name), runs the C unit tests
# (without valgrind) and pg_regress (the Makefile's REGRESS), and stops the
# server.  Ends with "check-fast: unit ..., regress ..., T s"; exit status 1
# when anything failed.  About 30 s on an idle 2-core machine once built; the
# whole suite (valgrind, fuzzing, the test scripts) is bash test/run.sh.
#   PG_CONFIG   the major to build and test against
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/pg.sh
t0=$(date +%s)
cf_setup
cf_start_server

# Both layers at once: the unit tests need no server, pg_regress mostly waits
# for it.  Their output is shown one after the other.
unit_log=$(mktemp)
trap 'rm -f "$unit_log"; cf_stop_server' EXIT
make -s -k -j2 unittest >"$unit_log" 2>&1 &
unit_pid=$!
make -s installcheck PG_CONFIG="$PG_CONFIG"
regress=$?
[ "$regress" -ne 0 ] && [ -f regression.diffs ] && head -100 regression.diffs
wait "$unit_pid"
unit=$?
# The unit tests' own lines only when one failed; else their sum.
[ "$unit" -ne 0 ] && cat "$unit_log"
sed -nE 's/^unit [a-z0-9_]+: ([0-9]+) passed, ([0-9]+) failed.*/\1 \2/p' "$unit_log" |
	awk '{ n++; p += $1; f += $2 } END { printf "unit: %d tests, %d checks passed, %d failed\n", n, p, f }'

result() { [ "$1" -eq 0 ] && echo ok || echo FAILED; }
echo "check-fast: unit $(result $unit), regress $(result $regress), $(($(date +%s) - t0)) s"
[ "$unit" -eq 0 ] && [ "$regress" -eq 0 ]
