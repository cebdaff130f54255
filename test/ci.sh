#!/usr/bin/env bash
# Everything CI runs (.ci/run), one command:
#   1. the full suite (test/run.sh) on this machine's PostgreSQL 15 (Debian 12),
#   2. the Debian package for 15 (test/package.sh),
#   3. test/pgversions.sh for each of CF_CI_MAJORS (default "17 18"): a Debian
#      chroot per major (created on first use, cached in the temp dir), with
#      the unit tests, pg_regress, upgrade, dump/restore, README and VPATH tests,
#   4. a pg_upgrade of a cluster using the extension from 15 to the first of
#      CF_CI_MAJORS (test/pg_upgrade_versions.sh),
#   5. the PostgreSQL 16 compile check (test/pg16_headers.sh) when
#      CF_PG16_SOURCE names a PostgreSQL 16 source tree (none is reachable from
#      a fresh machine's package sources, so it is skipped otherwise),
# all built with PG_CFLAGS="-Wall -Wextra -Werror -Wno-unused-parameter
# -Wno-sign-compare" (warnings are errors here only; a user's build does not
# get these flags).  Prints each part's "N passed, M failed", then one result
# line per major and the total time; exits non-zero if any part failed.
set -uo pipefail
cd "$(dirname "$0")/.."
export PG_CFLAGS="${PG_CFLAGS-"-Wall -Wextra -Werror -Wno-unused-parameter -Wno-sign-compare"}"
majors=${CF_CI_MAJORS-"17 18"}

t0=$(date +%s)
out=$(mktemp)
trap 'rm -f "$out"' EXIT
results=()
status=0
# run <label> <command...>: runs a part, records its counts and time.
run() {
	local label=$1 t rc counts
	shift
	t=$(date +%s)
	echo "==== $label: $*"
	"$@" 2>&1 | tee "$out"
	rc=${PIPESTATUS[0]}
	counts=$(grep -E '^[0-9]+ passed, [0-9]+ failed$|^[a-z0-9_]+: [0-9]+ passed, [0-9]+ failed' "$out" | tail -1 | sed -E 's/^[a-z0-9_]+: //')
	[ -n "$counts" ] || counts="no counts"
	if [ "$rc" -eq 0 ]; then
		results+=("$label: ok, $counts, $(($(date +%s) - t)) s")
	else
		results+=("$label: FAILED (exit $rc), $counts, $(($(date +%s) - t)) s")
		status=1
	fi
}

run "PostgreSQL 15 (Debian 12, full suite)" bash test/run.sh
# The Debian package for 15: built in a temporary copy, installed where no tree
# build has put files, used by a database owner who is not a superuser, removed.
if [ -f test/package.sh ]; then
	run "PostgreSQL 15 (Debian package)" bash test/package.sh
fi
for major in $majors; do
	run "PostgreSQL $major (chroot)" bash test/pgversions.sh "$major"
done
# pg_upgrade from this machine's 15 to the first chroot major (its chroot is cached now).
for major in $majors; do
	run "pg_upgrade 15 -> $major" bash test/pg_upgrade_versions.sh "$major"
	break
done
if [ -n "${CF_PG16_SOURCE:-}" ]; then
	run "PostgreSQL 16 (compile only, $CF_PG16_SOURCE)" bash test/pg16_headers.sh "$CF_PG16_SOURCE"
else
	results+=("PostgreSQL 16: compile check skipped (set CF_PG16_SOURCE to a 16 source tree; see doc/testing.md)")
fi

echo "==== per-major results (PG_CFLAGS=$PG_CFLAGS)"
printf '%s\n' "${results[@]}"
echo "ci total: $(($(date +%s) - t0)) s"
exit $status
