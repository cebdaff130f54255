#!/usr/bin/env bash
# Random SQL against the extension: sqlsmith (Debian package) runs a bounded
# number of random queries (CF_SQLSMITH_QUERIES, default 2000; at most
# CF_SQLSMITH_SECONDS, default 60 s; seed CF_SQLSMITH_SEED, default 1) in a
# fresh database holding the extension, a small demo sample
# (demo/generate.sql) and tables with columns of the extension's types, so
# that the generated queries call its functions and aggregates.  Then checks
# that
#   1. sqlsmith ran its queries,
#   2. no backend was terminated by a signal (server log),
#   3. the server still accepts connections and was not restarted
#      (pg_postmaster_start_time unchanged),
#   4. no query raised an internal error (SQLSTATE XX000) in the extension's
#      code (the log's LOCATION names a file of src/); internal errors raised
#      by PostgreSQL itself are listed, not counted.
# Crashing and failing queries are printed with the log's text of them.
# Prints "sqlsmith: N passed, N failed".  Uses the server named by the PG*
# variables (test/run.sh sets them) or starts a private one.
#
# The server log: $PGHOST/server.log for the private server of scripts/pg.sh,
# else pg_current_logfile() when the logging collector runs; without a log
# only check 3 is made (1 and 4 become notes).
set -uo pipefail
cd "$(dirname "$0")/../.."
source scripts/pg.sh
if [ -z "${PGHOST:-}${PGPORT:-}" ]; then cf_setup; cf_start_server; else cf_pg_paths; fi
cf_install_packages sqlsmith

QUERIES=${CF_SQLSMITH_QUERIES:-2000}
LIMIT=${CF_SQLSMITH_SECONDS:-60}
SEED=${CF_SQLSMITH_SEED:-1}
DB=cf_sqlsmith_$$
WORK=$(mktemp -d "${TMPDIR:-/tmp}/customer_focus-sqlsmith.XXXXXX")
cleanup() {
	psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1
	rm -rf "$WORK"
	cf_stop_server	# the private server this script started, if any (its trap is replaced here)
}
trap cleanup EXIT

passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAILED: $*"; }
finish() { echo "sqlsmith: $passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit; }
q() { psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }

# The database: extension, small sample, states of every kind the sample gives.
if ! q -d postgres -c "CREATE DATABASE $DB" ||
	! q -d "$DB" -c "CREATE EXTENSION customer_focus" ||
	! q -d "$DB" -v customers=200 -v orders_per_customer=3 -v responses=300 -v service_events=100 \
		-f demo/generate.sql >"$WORK/setup.log" 2>&1; then
	cat "$WORK/setup.log" 2>/dev/null; fail "setting up the database"; finish
fi
# Tables of states; a statement whose functions do not exist (yet) is skipped.
while IFS= read -r stmt; do
	[ -n "$stmt" ] && q -d "$DB" -c "$stmt" >/dev/null 2>&1 || true
done <<'SQL'
CREATE TABLE nps_states AS SELECT segment, nps_agg(score) AS nps, csat_agg(1 + score % 5) AS csat, ces_agg(1 + score % 7) AS ces FROM responses GROUP BY segment
CREATE TABLE customer_profiles AS SELECT customer_id, customer_profile(ordered_at, amount) AS profile FROM orders GROUP BY customer_id
CREATE TABLE service_states AS SELECT segment, count(*) AS n FROM service_events GROUP BY segment
SQL
# One column of every type of the extension, from test/type_samples.txt.
while read -r typ expr; do
	case "$typ" in '' | '#'*) continue ;; esac
	q -d "$DB" -c "CREATE TABLE IF NOT EXISTS sample_$typ (v $typ)" -c "INSERT INTO sample_$typ VALUES ($expr)" >/dev/null 2>&1 || true
done < test/type_samples.txt
q -d "$DB" -c "ANALYZE" >/dev/null 2>&1
# Short statements; errors logged with their SQLSTATE and source location.
q -d postgres -c "ALTER DATABASE $DB SET statement_timeout = '2s'" \
	-c "ALTER DATABASE $DB SET log_error_verbosity = verbose" \
	-c "ALTER DATABASE $DB SET log_min_error_statement = error" >/dev/null || fail "database settings"

# The server log, read from the current end.
log=""
if [ -n "${PGHOST:-}" ] && [ -f "$PGHOST/server.log" ]; then
	log="$PGHOST/server.log"
else
	f=$(q -d postgres -c "SELECT CASE WHEN pg_current_logfile() LIKE '/%' THEN pg_current_logfile()
	                                  ELSE current_setting('data_directory') || '/' || pg_current_logfile() END" 2>/dev/null)
	[ -n "$f" ] && [ -r "$f" ] && log=$f
fi
[ -n "$log" ] && offset=$(stat -c %s "$log") || echo "note: server log not found; checking only that the server survives"
start=$(q -d postgres -c "SELECT pg_postmaster_start_time()")

echo "sqlsmith: $QUERIES queries at most, $LIMIT s at most, seed $SEED, database $DB"
timeout "$LIMIT" nice -n 5 sqlsmith --target="dbname=$DB" --max-queries="$QUERIES" --seed="$SEED" \
	--exclude-catalog --verbose >"$WORK/sqlsmith.out" 2>"$WORK/sqlsmith.err"
status=$?
ran=$(sed -nE 's/^queries: ([0-9]+).*/\1/p' "$WORK/sqlsmith.err" | tail -1)
if [ "$status" -eq 124 ]; then
	echo "note: stopped by the $LIMIT s limit"
fi
# 1. sqlsmith ran (it prints the count at the end; after a timeout count the progress marks).
[ -z "$ran" ] && ran=$(grep -E '^[.eStC]+$' "$WORK/sqlsmith.err" | tr -d '\n' | wc -c)
if [ "${ran:-0}" -gt 0 ]; then
	pass; echo "sqlsmith ran $ran queries (exit $status)"
	grep -E '^[0-9]+[[:space:]]+ERROR' "$WORK/sqlsmith.err" | head -15 | sed 's/^/    /'
else
	fail "sqlsmith ran no query (exit $status)"; tail -20 "$WORK/sqlsmith.err"
fi

# 2 and 4 from the log.
if [ -n "$log" ]; then
	tail -c +"$((offset + 1))" "$log" >"$WORK/new.log"
	# A log entry: a line with the timestamp prefix and its continuation lines.
	entries() { awk -v pat="$1" '
		/^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] / { if (keep) print ""; keep = ($0 ~ pat) || (keep && $0 ~ /(LOCATION|STATEMENT|DETAIL|HINT|CONTEXT): /) }
		keep { print }' "$WORK/new.log"; }
	if grep -q 'terminated by signal' "$WORK/new.log"; then
		fail "backends terminated by a signal:"
		grep -A3 'terminated by signal' "$WORK/new.log" | head -40
	else
		pass
	fi
	ours=$(ls src/*.c 2>/dev/null | xargs -n1 basename | paste -sd'|')
	entries 'ERROR:  XX000' >"$WORK/xx000.log"
	n_xx=$(grep -c 'ERROR:  XX000' "$WORK/xx000.log")
	n_ours=$(grep -cE "LOCATION:  .*, ($ours):[0-9]+" "$WORK/xx000.log")
	if [ "$n_ours" -gt 0 ]; then
		fail "$n_ours internal errors (XX000) in the extension's code:"
		head -c 6000 "$WORK/xx000.log"
	else
		pass
		[ "$n_xx" -gt 0 ] && { echo "note: $n_xx internal errors (XX000) raised by PostgreSQL itself, not by the extension:"; grep -E 'ERROR:  XX000|LOCATION:' "$WORK/xx000.log" | sed -E 's/^.*\] //' | sort | uniq -c | head -10; }
	fi
	# Errors raised by the extension, by SQLSTATE (information).
	awk -v ours=", (${ours//./\\.}):[0-9]+" '
		/ERROR:  [0-9A-Z][0-9A-Z][0-9A-Z][0-9A-Z][0-9A-Z]: / { err = $0; sub(/^.*ERROR:  /, "", err) }
		/LOCATION:  / && err != "" { if ($0 ~ ours) print err; err = "" }' "$WORK/new.log" |
		sed -E 's/: /  /' | sort | uniq -c | sort -rn | head -20 >"$WORK/ours.txt"
	[ -s "$WORK/ours.txt" ] && { echo "errors raised by the extension (count, SQLSTATE, message):"; sed 's/^/    /' "$WORK/ours.txt"; }
fi

# 3. The server survived.
if pg_isready -q && [ "$(q -d postgres -c "SELECT pg_postmaster_start_time()")" = "$start" ]; then
	pass
else
	fail "the server restarted or stopped answering (start time was $start)"
fi
finish
