#!/usr/bin/env bash
# The ladder settings set per database and per role by the non-superuser owner
# who installed the (trusted) extension, each statement in a new session in
# which no function of the extension has run yet (so the library is not
# loaded and customer_focus.* are placeholders to PostgreSQL):
#   - ALTER DATABASE ... SET and ALTER ROLE ... SET of the six settings work
#     (PostgreSQL refuses a placeholder to anyone without the SET privilege on
#     it: the install script grants SET on the six names to PUBLIC);
#   - a misspelt customer_focus.* name is still refused (42501), also once the
#     library is loaded (42602, the prefix is reserved);
#   - a new session has the values in force: the deprecated forms that read
#     the settings follow them (values computed by hand), the forms with
#     arguments do not;
#   - another non-superuser can ALTER ROLE itself SET them too.
# Uses the server named by the PG* variables (test/run.sh sets them) or starts
# a private one.  Prints "settings_owner: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
source scripts/pg.sh
if [ -z "${PGHOST:-}${PGPORT:-}" ]; then cf_setup; cf_start_server; else cf_pg_paths; fi

EXT=customer_focus
DB=cf_settings_owner_$$
OWNER=cf_settings_owner_$$
OTHER=cf_settings_other_$$
cleanup() {
	psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "DROP ROLE IF EXISTS $OWNER" -c "DROP ROLE IF EXISTS $OTHER" >/dev/null 2>&1
	cf_stop_server	# the private server this script started, if any (its trap is replaced here)
}
trap cleanup EXIT
passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAILED: $*"; }
# as ROLE, in a new session of $DB
as() { local r=$1; shift; psql -X -q -v ON_ERROR_STOP=1 -At -U "$r" -d "$DB" "$@" 2>&1; }
check() { # check DESCRIPTION EXPECTED ACTUAL
	if [ "$2" = "$3" ]; then pass; else fail "$1: expected '$2', got '$3'"; fi
}

psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE ROLE $OWNER LOGIN" -c "CREATE ROLE $OTHER LOGIN" \
	-c "CREATE DATABASE $DB OWNER $OWNER" >/dev/null || { echo "settings_owner: 0 passed, 1 failed"; exit 1; }
check "the owner (not a superuser) installs the trusted extension" "" "$(as "$OWNER" -c "CREATE EXTENSION $EXT")"

# Each in a new session in which no function of the extension has run.
check "the library is not loaded in a new session" "f" \
	"$(as "$OWNER" -c "SELECT count(*) > 0 FROM pg_settings WHERE name = 'customer_focus.lapse_days' AND vartype <> 'string'")"
for s in "client_orders = 3" "regular_orders = 4" "advocate_score = 8" "lapse_factor = 2.5" "lapse_days = 100"; do
	check "ALTER DATABASE SET customer_focus.$s by the owner" "" "$(as "$OWNER" -c "ALTER DATABASE $DB SET customer_focus.$s")"
done
check "ALTER ROLE SET customer_focus.lost_days by the owner" "" "$(as "$OWNER" -c "ALTER ROLE $OWNER SET customer_focus.lost_days = 400")"
check "a misspelt name is refused before the library is loaded" "42501" \
	"$(as "$OWNER" -c "\\set VERBOSITY sqlstate" -c "ALTER DATABASE $DB SET customer_focus.lapse_dayz = 1" | tr -d '\n' | grep -oE '[0-9A-Z]{5}$')"
check "a misspelt name is refused once the library is loaded" "42602" \
	"$(as "$OWNER" -c "SELECT nps(9)" -c "\\set VERBOSITY sqlstate" -c "ALTER DATABASE $DB SET customer_focus.lapse_dayz = 1" | tr -d '\n' | grep -oE '[0-9A-Z]{5}$')"
check "another user sets them for itself" "" "$(as "$OTHER" -c "ALTER ROLE $OTHER SET customer_focus.lapse_days = 200")"

# In force in a new session, before and after the library loads.
check "the values in a new session" "3 4 8 2.5 100 400" \
	"$(as "$OWNER" -c "SELECT concat_ws(' ', current_setting('customer_focus.client_orders'), current_setting('customer_focus.regular_orders'),
	   current_setting('customer_focus.advocate_score'), current_setting('customer_focus.lapse_factor'),
	   current_setting('customer_focus.lapse_days'), current_setting('customer_focus.lost_days'))")"
# Customer 1: one order 150 days before as_of: lapsed after lapse_days = 100 (a buyer at the
# default 365 and at the other user's 200); 2: one order 460 days before: lost after
# lost_days = 400 (lapsed at the default 730); 3: three orders 10 days apart, the last 10 days
# before as_of (not above 2.5 mean intervals): a client at client_orders = 3 and at the default 2.
stages="SET TimeZone = 'UTC';
	CREATE TEMP TABLE o AS SELECT * FROM (VALUES (1, timestamptz '2026-02-01 12:00+00'), (2, '2025-03-28 12:00+00'),
	    (3, '2026-06-01 12:00+00'), (3, '2026-06-11 12:00+00'), (3, '2026-06-21 12:00+00')) v(c, t);
	CREATE TEMP TABLE p AS SELECT c, customer_profile(t, 1, 'UTC') AS p FROM o GROUP BY c;
	SELECT string_agg(c || ':' || loyalty_stage(p, '2026-07-01 00:00+00'), ' ' ORDER BY c) FROM p;
	SELECT concat_ws(' ', (r).buyers, (r).clients, (r).lapsed, (r).lost) FROM (SELECT segment_summary(p, '2026-07-01 00:00+00') r FROM p) x;
	SELECT concat_ws(' ', (r).buyers, (r).clients, (r).lapsed, (r).lost) FROM (SELECT segment_summary(p, '2026-07-01 00:00+00', NULL, 5, 1, 2, 5, 9, 3, 365, 730) r FROM p) x;
	SELECT string_agg(stage || '=' || customers, ' ') FROM stage_counts((SELECT loyalty_ladder(c, t, '2026-07-01 00:00+00') FROM o)) WHERE customers > 0;"
check "the owner's settings reach the deprecated forms, not the forms with arguments" \
	"$(printf '%s\n' "1:lapsed 2:lost 3:client" "0 1 1 1" "1 1 1 0" "buyer=1 client=1 lapsed=1")" "$(as "$OWNER" -c "$stages")"
check "the other user's role setting (200 days) over the database's (100)" "1:buyer 2:lapsed 3:client" \
	"$(as "$OTHER" -c "$stages" | head -1)"
echo "settings_owner: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
