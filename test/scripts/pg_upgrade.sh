#!/usr/bin/env bash
# A real pg_upgrade of a cluster that uses the extension: two clusters are
# initdb'ed with the PostgreSQL of PG_CONFIG (by default the same major:
# 15 -> 15; CF_UPGRADE_NEW_BINDIR names the new cluster's binaries for a
# cross-major run, as test/pg_upgrade_versions.sh does: 15 -> 17), the old one gets
#   - a non-superuser database owner who installs the (trusted) extension and
#     sets a ladder setting with ALTER DATABASE ... SET;
#   - a table per type of the extension with every sample of
#     test/type_samples.txt, and tables of the deprecated and the new forms'
#     results;
#   - views over the extension's aggregates (deprecated and new forms) and a
#     user's own immutable aggregate with a stable transition in the
#     extension's schema;
# then pg_upgrade --check and pg_upgrade run, and every stored value (text
# and binary COPY), every definition of the extension's objects
# (test/upgrade/definitions.sql: functions by pg_get_functiondef, aggregates
# with their support functions, volatility and parallel flags, types,
# comments), every view and user function, the database and role settings and
# the parameter privileges must be the same before and after, and the samples
# computed again in the new cluster must equal the stored ones.
# Skips with a message when pg_upgrade or initdb is missing.  Prints
# "pg_upgrade: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
source scripts/pg.sh
cf_pg_paths
EXT=customer_focus
if [ ! -f "$(pg_config --sharedir)/extension/$EXT.control" ]; then cf_setup; fi

OLDBIN=$(pg_config --bindir)
NEWBIN=${CF_UPGRADE_NEW_BINDIR:-$OLDBIN}
for b in "$OLDBIN/initdb" "$OLDBIN/pg_ctl" "$NEWBIN/initdb" "$NEWBIN/pg_ctl" "$NEWBIN/pg_upgrade"; do
	if [ ! -x "$b" ]; then
		echo "pg_upgrade: skipped: $b is missing (install the server package of that major)"
		echo "pg_upgrade: 0 passed, 0 failed"
		exit 0
	fi
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/customer_focus-pg_upgrade.XXXXXX")
chmod 755 "$WORK"
user=$(id -un)
[ "$(id -u)" = 0 ] && { user=postgres; chown postgres "$WORK"; }
started=()	# "bindir datadir" of the servers this script started
stop_all() {
	local b
	for b in "${started[@]}"; do cf_as_server_user "${b%% *}/pg_ctl" -D "${b#* }" -m immediate -w stop >/dev/null 2>&1 || true; done
}
trap 'stop_all; rm -rf "$WORK"' EXIT

passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAILED: $*"; }
finish() { echo "pg_upgrade: $passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit; }
PORT=5432
q() { psql -X -q -v ON_ERROR_STOP=1 -At -h "$WORK" -p $PORT -U "$user" "$@"; }

# cluster BINDIR DIR: initdb
cluster() {
	cf_as_server_user "$1/initdb" -D "$2" -U "$user" --auth=trust -E UTF8 --locale=C.UTF-8 >"$2.initdb.log" 2>&1 ||
		{ cat "$2.initdb.log"; return 1; }
}
# start BINDIR DIR / stop BINDIR DIR
start() {
	cf_as_server_user "$1/pg_ctl" -D "$2" -l "$2.log" -w -t 60 \
		-o "-c listen_addresses='' -k $WORK -p $PORT -c fsync=off" start >/dev/null || { cat "$2.log"; return 1; }
	started+=("$1 $2")
}
stop() { cf_as_server_user "$1/pg_ctl" -D "$2" -w -t 60 stop >/dev/null; }

OLD=$WORK/old NEW=$WORK/new
old_major=$("$OLDBIN/pg_ctl" --version | sed -E 's/.* ([0-9]+)[.a-z].*/\1/')
new_major=$("$NEWBIN/pg_ctl" --version | sed -E 's/.* ([0-9]+)[.a-z].*/\1/')
same_major=0
[ "$old_major" = "$new_major" ] && same_major=1
DB=cf_upgraded
cluster "$OLDBIN" "$OLD" && start "$OLDBIN" "$OLD" || { fail "the old cluster"; finish; }
echo "old: $(q -d postgres -c 'SHOW server_version'), new: $("$NEWBIN/pg_ctl" --version)"

# A non-superuser owner installs the trusted extension and sets a ladder setting
# for the database (in a new session, before any function of the extension ran).
q -d postgres -c "CREATE ROLE cf_owner LOGIN" -c "CREATE DATABASE $DB OWNER cf_owner" &&
	q -U cf_owner -d "$DB" -c "CREATE EXTENSION $EXT" &&
	q -U cf_owner -d "$DB" -c "ALTER DATABASE $DB SET customer_focus.lapse_days = 200" -c "ALTER ROLE cf_owner SET customer_focus.lost_days = 900" &&
	pass || { fail "the owner's install and settings"; finish; }

# Every sample of every type the extension has, as the owner.
n=0
while read -r typ expr; do
	case "$typ" in '' | '#'*) continue ;; esac
	[ "$(q -d "$DB" -c "SELECT to_regtype('$typ') IS NOT NULL")" = t ] || continue
	n=$((n + 1))
	printf '%s %s %s\n' "$n" "$typ" "$expr" >>"$WORK/samples"
	q -U cf_owner -d "$DB" -c "SET client_min_messages = warning" -c "CREATE TABLE IF NOT EXISTS kept_$typ (id integer, v $typ)" \
		-c "INSERT INTO kept_$typ VALUES ($n, $expr)" >/dev/null || fail "cannot store sample $n of $typ"
done < test/type_samples.txt
echo "stored $n sample values of $(cut -d' ' -f2 "$WORK/samples" | sort -u | wc -l) types"

# Views over the aggregates (deprecated and session-independent forms), results
# stored by them, and a user's own aggregate beside the extension's.
q -U cf_owner -d "$DB" <<'SQL' >/dev/null || fail "the views and the user's aggregate"
CREATE TABLE o (c int, t timestamptz, a numeric, s int);
INSERT INTO o SELECT c, '2024-01-01 10:00+00'::timestamptz + (c * 37 + k * 11) % 500 * interval '1 day' + k * interval '5 hours',
                     (c * k) % 97 + 0.25, (c + k) % 11
FROM generate_series(1, 40) c, generate_series(1, c % 7) k;
CREATE VIEW v_profiles AS
  SELECT c, customer_profile(t, a) AS deprecated, customer_profile(t, a, 'Europe/Berlin') AS zoned FROM o GROUP BY c;
CREATE VIEW v_segments AS
  SELECT c % 3 AS seg, segment_summary_agg(p, '2026-01-01 00:00+00') AS deprecated,
         segment_summary_agg(p, '2026-01-01 00:00+00', NULL, 5, 1, 2, 5, 9, 3, 365, 730) AS fixed
  FROM (SELECT c, customer_profile(t, a, 'UTC') AS p FROM o GROUP BY c) x GROUP BY 1;
CREATE VIEW v_ladder AS
  SELECT * FROM stage_counts((SELECT loyalty_ladder(c::bigint, t, '2026-01-01 00:00+00', 'Europe/Berlin') FROM o));
CREATE TABLE kept_results AS
  SELECT 'profiles' AS what, string_agg(format('%s %s %s', c, deprecated, zoned), ';' ORDER BY c) AS v FROM v_profiles
  UNION ALL SELECT 'segments', string_agg(format('%s %s %s', seg, deprecated, fixed), ';' ORDER BY seg) FROM v_segments
  UNION ALL SELECT 'ladder', string_agg(format('%s %s', stage, customers), ';') FROM v_ladder;
CREATE FUNCTION my_stable_sum(numeric, numeric) RETURNS numeric LANGUAGE sql STABLE AS 'SELECT coalesce($1, 0) + $2';
CREATE AGGREGATE my_sum(numeric) (SFUNC = my_stable_sum, STYPE = numeric);
SQL

# Everything that must survive, from the database $1 of the running cluster.
snapshot() {
	local t
	echo "== extension"; q -d "$1" -c "SELECT extname, extversion, extowner::regrole FROM pg_extension WHERE extname = '$EXT'"
	# Since 17 the implicit array types of the extension's types are members too: not compared.
	echo "== definitions"; q -d "$1" -f test/upgrade/definitions.sql | grep -vE '^type [^	]*\[\]	'
	echo "== stored values (text)"
	for t in $(q -d "$1" -c "SELECT tablename FROM pg_tables WHERE tablename LIKE 'kept\\_%' ORDER BY 1"); do
		q -d "$1" -c "SELECT '$t', * FROM $t ORDER BY 2"
	done
	echo "== stored values (binary COPY)"
	for t in $(q -d "$1" -c "SELECT tablename FROM pg_tables WHERE tablename LIKE 'kept\\_%' ORDER BY 1"); do
		printf '%s %s\n' "$t" "$(psql -X -q -h "$WORK" -p $PORT -U "$user" -d "$1" -c "COPY (SELECT * FROM $t ORDER BY 1) TO STDOUT (FORMAT binary)" | md5sum)"
	done
	echo "== views and user functions"
	# A newer major deparses a view in its own words (16 drops the table qualifiers of a
	# one-table query): across majors the views are compared by name here and by the
	# results they give below.
	if [ "$same_major" = 1 ]; then
		q -d "$1" -c "SELECT c.relname, pg_get_viewdef(c.oid) FROM pg_class c WHERE c.relkind = 'v' AND c.relnamespace = 'public'::regnamespace ORDER BY 1"
	else
		q -d "$1" -c "SELECT c.relname FROM pg_class c WHERE c.relkind = 'v' AND c.relnamespace = 'public'::regnamespace ORDER BY 1"
	fi
	q -d "$1" -c "SELECT p.oid::regprocedure, p.prokind, p.provolatile, p.proparallel, CASE WHEN p.prokind = 'a' THEN '' ELSE pg_get_functiondef(p.oid) END
	              FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
	                AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
	              ORDER BY p.oid::regprocedure::text COLLATE \"C\""
	echo "== owners of the extension's objects"
	q -d "$1" -c "SELECT pg_describe_object(d.classid, d.objid, 0), coalesce((SELECT proowner::regrole::text FROM pg_proc WHERE d.classid = 'pg_proc'::regclass AND oid = d.objid),
	                     (SELECT typowner::regrole::text FROM pg_type WHERE d.classid = 'pg_type'::regclass AND oid = d.objid), '-')
	              FROM pg_depend d JOIN pg_extension x ON x.oid = d.refobjid AND x.extname = '$EXT' WHERE d.deptype = 'e' ORDER BY 1" |
		grep -vE '^type [^|]*\[\]\|'
	echo "== settings and parameter privileges"
	q -d "$1" -c "SELECT coalesce(d.datname, '-'), coalesce(r.rolname, '-'), s.setconfig FROM pg_db_role_setting s
	              LEFT JOIN pg_database d ON d.oid = s.setdatabase LEFT JOIN pg_roles r ON r.oid = s.setrole ORDER BY 1, 2"
	q -d "$1" -c "SELECT parname, paracl FROM pg_parameter_acl WHERE parname LIKE 'customer\\_focus.%' ORDER BY 1"
}
snapshot "$DB" >"$WORK/before"
grep -q "^kept_results" "$WORK/before" || fail "nothing stored"
# The user's aggregate stays as CREATE AGGREGATE recorded it (the extension's statement
# that records aggregates stable is restricted to its own members).
[ "$(q -d "$DB" -c "SELECT provolatile FROM pg_proc WHERE oid = 'my_sum(numeric)'::regprocedure")" = i ] && pass ||
	fail "the user's aggregate my_sum is not recorded immutable"

stop "$OLDBIN" "$OLD" || fail "stopping the old cluster"
cluster "$NEWBIN" "$NEW" || { fail "initdb of the new cluster"; finish; }
# pg_upgrade writes its logs into the current directory (15) or the new data directory (16+).
if (cd "$WORK" && cf_as_server_user "$NEWBIN/pg_upgrade" -b "$OLDBIN" -B "$NEWBIN" -d "$OLD" -D "$NEW" \
	-s "$WORK" -p 5432 -P 5432 -U "$user" --check) >"$WORK/check.log" 2>&1; then
	pass
else
	fail "pg_upgrade --check"; tail -20 "$WORK/check.log"; finish
fi
if (cd "$WORK" && cf_as_server_user "$NEWBIN/pg_upgrade" -b "$OLDBIN" -B "$NEWBIN" -d "$OLD" -D "$NEW" \
	-s "$WORK" -p 5432 -P 5432 -U "$user") >"$WORK/upgrade.log" 2>&1; then
	pass
else
	fail "pg_upgrade"; tail -30 "$WORK/upgrade.log"; finish
fi
start "$NEWBIN" "$NEW" || { fail "the upgraded cluster does not start"; finish; }
snapshot "$DB" >"$WORK/after"
# Two things PostgreSQL itself does not carry over, allowed here and reported:
# pg_dump --binary-upgrade re-creates each aggregate with CREATE AGGREGATE, which
# cannot state a volatility, so the deprecated 1.0 aggregates that read the session
# (recorded stable by the install script, src/sql/90_volatility.sql) come out
# immutable; and there is no command to give an extension an owner, so the
# extension (not its objects) is then owned by the superuser who ran pg_upgrade.
stable_before=$(awk -F'\t' '$2 ~ /^aggregate .*,s,s\)$/ { print $1 }' "$WORK/before")
lost=()
while IFS= read -r obj; do
	[ -n "$obj" ] || continue
	if [ "$(awk -F'\t' -v o="$obj" '$1 == o && $2 ~ /,s,i\)$/' "$WORK/after" | wc -l)" = 1 ]; then
		lost+=("${obj#function }")
		# restore the flag in the listing, so that everything else is compared exactly
		awk -v o="$obj" -F'\t' 'BEGIN { OFS = "\t" } $1 == o { sub(/,s,i\)$/, ",s,s)", $2) } { print }' "$WORK/after" >"$WORK/after.tmp" &&
			mv "$WORK/after.tmp" "$WORK/after"
	fi
done <<<"$stable_before"
if [ ${#lost[@]} -gt 0 ]; then
	echo "note: pg_upgrade recorded ${#lost[@]} of the $(grep -c . <<<"$stable_before") aggregates the install script marks stable as immutable (a PostgreSQL limitation: CREATE AGGREGATE cannot state a volatility): ${lost[*]}"
fi
owner_before=$(sed -n '2p' "$WORK/before") owner_after=$(sed -n '2p' "$WORK/after")
if [ "$owner_before" != "$owner_after" ]; then
	echo "note: the extension's owner changed from ${owner_before##*|} to ${owner_after##*|} (pg_upgrade cannot restore an extension's owner; its objects keep theirs)"
	sed -i "2s/.*/$owner_before/" "$WORK/after"
fi
if diff "$WORK/before" "$WORK/after" >"$WORK/diff"; then
	pass
else
	fail "the upgraded database differs (< before, > after)"; head -60 "$WORK/diff"
fi
# The samples computed again by the upgraded cluster equal the stored ones.
bad=0
while read -r n typ expr; do
	[ "$(q -U cf_owner -d "$DB" -c "SELECT (SELECT v::text FROM kept_$typ WHERE id = $n) IS NOT DISTINCT FROM ($expr)::text")" = t ] ||
		{ bad=$((bad + 1)); echo "sample $n of $typ computed after the upgrade differs from the stored one"; }
done <"$WORK/samples"
[ "$bad" = 0 ] && pass || fail "$bad samples differ when computed again"
# The stored results equal those the views give now, the owner's settings in force.
[ "$(q -U cf_owner -d "$DB" -c "SELECT count(*) FROM kept_results k WHERE v IS DISTINCT FROM (
	SELECT CASE k.what WHEN 'profiles' THEN (SELECT string_agg(format('%s %s %s', c, deprecated, zoned), ';' ORDER BY c) FROM v_profiles)
	                   WHEN 'segments' THEN (SELECT string_agg(format('%s %s %s', seg, deprecated, fixed), ';' ORDER BY seg) FROM v_segments)
	                   ELSE (SELECT string_agg(format('%s %s', stage, customers), ';') FROM v_ladder) END)")" = 0 ] && pass ||
	fail "the views give other results after the upgrade"
# The owner's settings are in force in a new session of the upgraded cluster.
[ "$(q -U cf_owner -d "$DB" -c "SELECT current_setting('customer_focus.lapse_days') || ' ' || current_setting('customer_focus.lost_days')")" = "200 900" ] &&
	pass || fail "the owner's database and role settings are not in force after the upgrade"
finish
