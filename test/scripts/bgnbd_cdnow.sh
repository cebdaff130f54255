#!/usr/bin/env bash
# The CDNOW reproduction (test/cdnow/sql/bgnbd_cdnow.sql): BG/NBD and
# Gamma-Gamma fitted to the CDNOW sample give the published parameters, log
# likelihoods and predictions (Fader, Hardie & Lee 2005; Fader & Hardie 2013;
# CLVTools' correctness test).  The data are public but not in the repository:
# they are read from ../shared/data/cdnow beside the repository root, or from
# $CF_CDNOW_DIR.  Where they are absent (a user's clone) the test is skipped
# with a message, so that pg_regress (sql/) needs no optional data and no
# alternate expected output.
#
# Runs the file with pg_regress in a database of its own (cf_cdnow_regression)
# and compares it with test/cdnow/expected/bgnbd_cdnow.out; prints the diff on
# failure and "bgnbd_cdnow: N passed, N failed" (0 and 0 when skipped).
set -uo pipefail
cd "$(dirname "$0")/../.."
source scripts/pg.sh

dir=${CF_CDNOW_DIR:-$CF_ROOT/../shared/data/cdnow}
if [ ! -r "$dir/CDNOW_sample.txt" ] || [ ! -r "$dir/cdnow_customers_summary_with_transactions.csv" ]; then
	echo "bgnbd_cdnow: skipped: the CDNOW data (CDNOW_sample.txt, cdnow_customers_summary_with_transactions.csv)" \
		"are not in $dir; set CF_CDNOW_DIR to their folder to run it"
	echo "bgnbd_cdnow: 0 passed, 0 failed"
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
	--dbname=cf_cdnow_regression --load-extension=customer_focus bgnbd_cdnow >"$work/out" 2>&1
status=$?
cat "$work/out"
if [ "$status" -eq 0 ]; then
	echo "bgnbd_cdnow: 1 passed, 0 failed"
else
	[ -f "$work/regression.diffs" ] && cat "$work/regression.diffs"
	echo "bgnbd_cdnow: 0 passed, 1 failed"
	exit 1
fi
