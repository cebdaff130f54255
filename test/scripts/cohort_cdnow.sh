#!/usr/bin/env bash
# The ladder over time on the full CDNOW data (test/cdnow/sql/cohort_cdnow.sql):
# cohort_retention and lifecycle_counts of a loyalty_ladder over CDNOW_master's
# 69,659 orders of 23,570 customers equal their plain-SQL forms for every period;
# stage_migration (10 dates and thresholds) and stage_sensitivity (a 7 x 6 grid) equal
# the stage rules written in plain SQL over the same orders; and rollup of monthly
# ladders equals the one-pass ladder.  The data are public
# but not in the repository: they are read from ../shared/data/cdnow beside the
# repository root, or from $CF_CDNOW_DIR.  Where they are absent (a user's clone)
# the test is skipped with a message, so that pg_regress (sql/) needs no optional
# data and no alternate expected output.
#
# Runs the file with pg_regress in a database of its own (cf_cohort_cdnow) and
# compares it with test/cdnow/expected/cohort_cdnow.out; prints the diff on
# failure and "cohort_cdnow: N passed, N failed" (0 and 0 when skipped).
set -uo pipefail
cd "$(dirname "$0")/../.."
source scripts/pg.sh

dir=${CF_CDNOW_DIR:-$CF_ROOT/../shared/data/cdnow}
if [ ! -r "$dir/CDNOW_master.txt" ]; then
	echo "cohort_cdnow: skipped: the CDNOW data (CDNOW_master.txt) are not in $dir; set CF_CDNOW_DIR to their folder to run it"
	echo "cohort_cdnow: 0 passed, 0 failed"
	exit 0
fi
CF_CDNOW_DIR=$(cd "$dir" && pwd)
export CF_CDNOW_DIR

cf_setup
cf_start_server
work=$(mktemp -d "${TMPDIR:-/tmp}/customer_focus-cohort-cdnow.XXXXXX")
trap 'rm -rf "$work"; cf_stop_server' EXIT
# The results folder is written by pg_regress, which may run as root here.
pg_regress=$(dirname "$(pg_config --pgxs)")/../../src/test/regress/pg_regress
"$pg_regress" --inputdir=test/cdnow --outputdir="$work" --bindir="$(pg_config --bindir)" \
	--dbname=cf_cohort_cdnow --load-extension=customer_focus cohort_cdnow >"$work/out" 2>&1
status=$?
cat "$work/out"
if [ "$status" -eq 0 ]; then
	echo "cohort_cdnow: 1 passed, 0 failed"
else
	[ -f "$work/regression.diffs" ] && cat "$work/regression.diffs"
	[ -f "$work/results/cohort_cdnow.out" ] && cp "$work/results/cohort_cdnow.out" "${CF_COHORT_CDNOW_RESULT:-/dev/null}"
	echo "cohort_cdnow: 0 passed, 1 failed"
	exit 1
fi
