#!/usr/bin/env bash
# The test command (README, CI): installs what is missing, builds, installs,
# starts a private server and runs the layers: the C unit tests (unit),
# pg_regress (regress, the REGRESS list of the Makefile) and each test script
# in test/scripts/ (one layer per script, named after it: fuzz, upgrade, ...).
# Ends with one line per layer, "layer: N passed, M failed, T s" (a script
# that skips says so), "total: ..." and, last, "N passed, M failed" (test/ci.sh
# and test/pgversions.sh read that line).  The quick inner loop is
# `make check-fast` (unit + installcheck).
#
#   CF_TEST_SCRIPTS="upgrade readme"  run only these test/scripts/*.sh (default: all)
#   CF_RUN_PACKAGES=""                do not install valgrind and postgresql-contrib
#                                     (the unit tests then run without valgrind)
#   PG_CONFIG, PG_CFLAGS              the major to build against, extra compiler flags
# Other majors in a chroot each: bash test/pgversions.sh 17 18; everything CI
# runs: bash test/ci.sh.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/pg.sh
t0=$(date +%s)

CF_EXTRA_PACKAGES="${CF_EXTRA_PACKAGES:-} ${CF_RUN_PACKAGES-valgrind postgresql-contrib}"
cf_setup
cf_start_server

passed=0
failed=0
layer_passed=0
layer_failed=0
count() {
	passed=$((passed + $1)); failed=$((failed + $2))
	layer_passed=$((layer_passed + $1)); layer_failed=$((layer_failed + $2))
}
summary=()
# layer_start <name>: a layer begins; layer_end [note]: its line is recorded.
layer_start() { layer=$1; layer_passed=0; layer_failed=0; layer_t0=$(date +%s); }
layer_end() {
	summary+=("$layer: $layer_passed passed, $layer_failed failed, $(($(date +%s) - layer_t0)) s${1:+ ($1)}")
}

# Sums every "..: N passed, M failed" line of a component's output.
count_lines() {
	local p f
	while read -r p f; do count "$p" "$f"; done < <(sed -nE 's/.*: ([0-9]+) passed, ([0-9]+) failed.*/\1 \2/p' "$1")
}

out=$(mktemp)
trap 'rm -f "$out"; cf_stop_server' EXIT

setup_s=$(($(date +%s) - t0))

echo "== C unit tests (under valgrind when installed: no leaks, no invalid accesses)"
layer_start unit
runner=""
command -v valgrind >/dev/null && runner="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite"
make -s -k -j2 unittest UNIT_RUNNER="$runner" 2>&1 | tee "$out"
status=${PIPESTATUS[0]}
count_lines "$out"
if [ "$status" -ne 0 ] && ! grep -qE '[1-9][0-9]* failed' "$out"; then
	echo "unit tests did not run to the end (exit $status)"; count 0 1
fi
layer_end

echo "== pg_regress"
layer_start regress
make -s installcheck PG_CONFIG="$PG_CONFIG" 2>&1 | tee "$out"
status=${PIPESTATUS[0]}
# Until 15: "test nps ... ok  12 ms" / "... FAILED"; since 16 (TAP):
# "ok 1         - nps  12 ms" / "not ok 2     - profile  30 ms".
p=$(grep -cE '\.\.\. +ok|^ok +[0-9]+ +[-+] ' "$out")
f=$(grep -cE '\.\.\. +(FAILED|failed)|^not ok +[0-9]+ +[-+] ' "$out")
count "$p" "$f"
[ -f regression.diffs ] && [ "$f" -gt 0 ] && cat regression.diffs
[ "$p" -eq 0 ] && [ "$f" -eq 0 ] && { echo "pg_regress ran no test"; count 0 1; }
# pg_regress can stop half-way (a missing results file, a lost server): the tests
# it never reached are not listed, so a failed run without a FAILED line counts one.
expected_tests=$(make -s print-regress | wc -l)
if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
	echo "pg_regress stopped (exit $status) after $p of $expected_tests tests"; count 0 1
elif [ "$((p + f))" -ne "$expected_tests" ]; then
	echo "pg_regress reported $((p + f)) of $expected_tests tests"; count 0 1
fi
layer_end

for script in test/scripts/*.sh; do
	[ -e "$script" ] || continue
	if [ -n "${CF_TEST_SCRIPTS+set}" ] && [[ " $CF_TEST_SCRIPTS " != *" $(basename "$script" .sh) "* ]]; then
		continue
	fi
	echo "== $script"
	layer_start "$(basename "$script" .sh)"
	bash "$script" 2>&1 | tee "$out"
	status=${PIPESTATUS[0]}
	count_lines "$out"
	if [ "$status" -ne 0 ] && ! grep -qE ': [0-9]+ passed, [1-9][0-9]* failed' "$out"; then
		echo "$script failed (exit $status)"; count 0 1
	fi
	# A script that skips prints "<name>: skipped: <why>".
	skipped=
	[ "$layer_passed$layer_failed" = 00 ] && grep -qE "^$layer: skipped" "$out" && skipped=skipped
	layer_end "$skipped"
done

echo "== layers (setup: install, build and server start $setup_s s)"
printf '%s\n' "${summary[@]}"
echo "total: $passed passed, $failed failed, $(($(date +%s) - t0)) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
