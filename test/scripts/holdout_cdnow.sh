#!/usr/bin/env bash
# Holdout validation on CDNOW (test/cdnow/sql/holdout_cdnow.sql):
# calibration_holdout over stored profiles gives the published calibration
# summary (Fader, Hardie & Lee 2005) and the plain-SQL holdout counts, and
# holdout_agg over BG/NBD predictions equals plain SQL.  The data are public
# but not in the repository:
# they are read from ../shared/data/cdnow beside the repository root, or from
# $CF_CDNOW_DIR.  Where they are absent (a user's clone) the test is skipped
# with a message, so that pg_regress (sql/) needs no optional data and no
# alternate expected output.
#
# Runs the file with pg_regress in a database of its own (cf_holdout_cdnow_regression)
# and compares it with test/cdnow/expected/holdout_cdnow.out; prints the diff on
# failure and "holdout_cdnow: N passed, N failed" (0 and 0 when skipped).
set -uo pipefail
cd "$(dirname "$0")/../.."
source scripts/pg.sh

dir=${CF_CDNOW_DIR:-$CF_ROOT/../shared/data/cdnow}
if [ ! -r "$dir/CDNOW_sample.txt" ] || [ ! -r "$dir/cdnow_customers_summary_with_transactions.csv" ]; then
	echo "holdout_cdnow: skipped: the CDNOW data (CDNOW_sample.txt, cdnow_customers_summary_with_transactions.csv)" \
		"are not in $dir; set CF_CDNOW_DIR to their folder to run it"
	echo "holdout_cdnow: 0 passed, 0 failed"
	exit 0
fi
CF_CDNOW_DIR=$(cd "$dir" && pwd)
export CF_CDNOW_DIR

cf_setup
cf_start_server
work=$(mktemp -d "${TMPDIR:-/tmp}/customer_focus-cdnow.XXXXXX")
trap 'rm -rf "$work"; cf_stop_server' EXIT
# The results folder is written by pg_regress, which may run as root here.
pg_regress=$(dirname "$(pg_config --pgxs)")/../../src/test/regress/pg_regress
"$pg_regress" --inputdir=test/cdnow --outputdir="$work" --bindir="$(pg_config --bindir)" \
	--dbname=cf_holdout_cdnow_regression --load-extension=customer_focus holdout_cdnow >"$work/out" 2>&1
status=$?
cat "$work/out"
if [ "$status" -eq 0 ]; then
	echo "holdout_cdnow: 1 passed, 0 failed"
else
	[ -f "$work/regression.diffs" ] && cat "$work/regression.diffs"
	echo "holdout_cdnow: 0 passed, 1 failed"
	exit 1
fi
