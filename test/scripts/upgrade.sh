#!/usr/bin/env bash
# Upgrades: ALTER EXTENSION customer_focus UPDATE from every released version
# to the current one.  A released version's install script is frozen in
# src/sql/released/customer_focus--<version>.sql (installed by make install);
# where the release's git tag v<version> is present, the frozen script must
# equal the install script built from the src/sql/[0-9]*.sql pieces at the tag.
# For each released version older than the current one, in a fresh database:
#   - CREATE EXTENSION ... VERSION '<old>' works and an update path exists;
#   - tables with a column of every type the old version has (samples from
#     test/type_samples.txt, computed by the old version's functions) keep
#     their values across the update, in text and in binary COPY form;
#   - after ALTER EXTENSION ... UPDATE the version is the current one, the
#     samples computed again by the current version equal those computed by
#     the old one, and every object of the extension has exactly the
#     definition and comment of a fresh install (test/upgrade/definitions.sql);
#   - a user's own immutable aggregate in the extension's schema stays immutable
#     through CREATE EXTENSION and ALTER EXTENSION UPDATE.
# Always checks the version conventions: default_version in the control
# file = EXTVERSION in the Makefile, versions are N.N, and every update
# script src/sql/updates/customer_focus--A--B.sql goes up to at most the
# current version.  Prints "upgrade: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
source scripts/pg.sh
if [ -z "${PGHOST:-}${PGPORT:-}" ]; then cf_setup; cf_start_server; else cf_pg_paths; fi

EXT=customer_focus
WORK=$(mktemp -d "${TMPDIR:-/tmp}/customer_focus-upgrade.XXXXXX")
dbs=()
cleanup() {
	for db in "${dbs[@]}"; do psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1; done
	rm -rf "$WORK"
	cf_stop_server	# the private server this script started, if any (its trap is replaced here)
}
trap cleanup EXIT
passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAILED: $*"; }
q() { psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }
# a < b for versions N.N[.N]
version_lt() { [ "$1" != "$2" ] && [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -1)" = "$1" ]; }

current=$(sed -nE "s/^default_version *= *'([^']+)'.*/\1/p" $EXT.control)
makever=$(make -s --no-print-directory print-version PG_CONFIG="$PG_CONFIG" | cut -d' ' -f1)
echo "current version: $current"

# Conventions.
ok=true
[[ "$current" =~ ^[0-9]+\.[0-9]+(\.[0-9]+)?$ ]] || { ok=false; echo "default_version '$current' is not N.N"; }
[ "$current" = "$makever" ] || { ok=false; echo "control default_version $current differs from Makefile EXTVERSION $makever"; }
for f in src/sql/updates/$EXT--*--*.sql; do
	[ -e "$f" ] || continue
	if [[ "$(basename "$f")" =~ ^$EXT--([0-9.]+)--([0-9.]+)\.sql$ ]]; then
		from=${BASH_REMATCH[1]} to=${BASH_REMATCH[2]}
		version_lt "$from" "$to" || { ok=false; echo "$f does not go up"; }
		{ [ "$to" = "$current" ] || version_lt "$to" "$current"; } || { ok=false; echo "$f goes beyond $current"; }
	else
		ok=false; echo "$f is not named $EXT--<from>--<to>.sql"
	fi
done
$ok && pass || fail "version conventions"

# Released versions: the frozen install scripts older than the current one.
released=()
for f in src/sql/released/$EXT--*.sql; do
	[ -e "$f" ] || continue
	if [[ "$(basename "$f")" =~ ^$EXT--([0-9.]+)\.sql$ ]]; then
		v=${BASH_REMATCH[1]}
		if version_lt "$v" "$current"; then released+=("$v"); else fail "$f: a frozen script of version $v, not older than $current"; fi
	else
		fail "$f is not named $EXT--<version>.sql"
	fi
done
if [ ${#released[@]} -eq 0 ]; then
	echo "note: no released version older than $current (src/sql/released/): nothing to upgrade from yet"
fi

# A frozen script is the release's own: where the tag is here, it equals the
# script built from the pieces at the tag.  (A clone without tags skips this.)
for old in "${released[@]}"; do
	if git rev-parse -q --verify "refs/tags/v$old" >/dev/null 2>&1; then
		for p in $(git ls-tree --name-only "v$old" src/sql/ | grep -E '^src/sql/[0-9][^/]*\.sql$' | sort); do git show "v$old:$p"; done >"$WORK/tag-$old.sql"
		cmp -s "$WORK/tag-$old.sql" "src/sql/released/$EXT--$old.sql" && pass ||
			fail "src/sql/released/$EXT--$old.sql differs from the install script at tag v$old"
	else
		echo "note: no git tag v$old here (a clone without tags): the frozen $old script is not compared with its tag"
	fi
done

sharedir=$(pg_config --sharedir)/extension
definitions() { q -d "$1" -f test/upgrade/definitions.sql; }
# The sample expressions of test/type_samples.txt for the types that exist in
# database $1, one "<type> <expression>" per line.
samples() {
	local typ expr
	while read -r typ expr; do
		case "$typ" in '' | '#'*) continue ;; esac
		[ "$(q -d "$1" -c "SELECT to_regtype('$typ') IS NOT NULL")" = t ] && printf '%s %s\n' "$typ" "$expr"
	done < test/type_samples.txt
}
# Each sample computed now, as text: "<type> <line number> <value>".
computed() {
	local n=0 typ expr
	while read -r typ expr; do
		n=$((n + 1))
		printf '%s %s %s\n' "$typ" "$n" "$(q -d "$1" -c "SELECT ($expr)::text")"
	done < "$WORK/samples"
}
stored_text() {
	q -d "$1" -c "SELECT string_agg(format('SELECT %L, id, v::text FROM %I', tablename, tablename), ' UNION ALL ') FROM pg_tables WHERE tablename LIKE 'kept\\_%'" |
		{ read -r s; [ -n "$s" ] && q -d "$1" -c "$s ORDER BY 1, 2"; }
}
stored_binary() {
	local t
	for t in $(q -d "$1" -c "SELECT tablename FROM pg_tables WHERE tablename LIKE 'kept\\_%' ORDER BY 1"); do
		printf '%s %s\n' "$t" "$(psql -X -q -d "$1" -c "COPY (SELECT * FROM $t ORDER BY id) TO STDOUT (FORMAT binary)" | md5sum)"
	done
}

# A user's own aggregate in the extension's schema, recorded immutable (as CREATE AGGREGATE
# records every aggregate) over a stable transition: the install and update scripts record
# only the extension's own aggregates stable (pg_depend), never another of the schema.
user_aggregate="CREATE FUNCTION public.user_stable_sum(numeric, numeric) RETURNS numeric LANGUAGE sql STABLE AS 'SELECT coalesce(\$1, 0) + \$2';
	CREATE AGGREGATE public.user_sum(numeric) (SFUNC = public.user_stable_sum, STYPE = numeric)"
user_aggregate_untouched() { # DATABASE WHEN
	[ "$(q -d "$1" -c "SELECT provolatile FROM pg_proc WHERE oid = 'public.user_sum(numeric)'::regprocedure")" = i ] && pass ||
		fail "$2 changed the volatility of a user's aggregate in the extension's schema"
}

if [ ${#released[@]} -gt 0 ]; then
	fresh=cf_upgrade_fresh_$$
	dbs+=("$fresh")
	q -d postgres -c "CREATE DATABASE $fresh" && q -d "$fresh" -c "$user_aggregate" -c "CREATE EXTENSION $EXT" &&
		definitions "$fresh" >"$WORK/fresh.defs" || fail "a fresh install of $current"
	user_aggregate_untouched "$fresh" "a fresh install"
fi
for old in "${released[@]}"; do
	echo "== from $old"
	db=cf_upgrade_${old//./_}_$$
	dbs+=("$db")
	[ -f "$sharedir/$EXT--$old.sql" ] || { fail "$old: $sharedir/$EXT--$old.sql is not installed (make install)"; continue; }
	if q -d postgres -c "CREATE DATABASE $db" && q -d "$db" -c "CREATE EXTENSION $EXT VERSION '$old'" &&
		[ "$(q -d "$db" -c "SELECT count(*) FROM pg_extension_update_paths('$EXT') WHERE source = '$old' AND target = '$current' AND path IS NOT NULL")" = 1 ]; then
		pass
	else
		fail "$old: install or no update path to $current"; continue
	fi
	# Values of every type the old version has, computed by the old version.
	samples "$db" >"$WORK/samples"
	n=0
	while read -r typ expr; do
		n=$((n + 1))
		q -d "$db" -c "SET client_min_messages = warning" -c "CREATE TABLE IF NOT EXISTS kept_$typ (id integer, v $typ)" -c "INSERT INTO kept_$typ VALUES ($n, $expr)" >/dev/null ||
			fail "$old: cannot store sample $n of $typ"
	done < "$WORK/samples"
	echo "stored $n sample values of $(cut -d' ' -f1 "$WORK/samples" | sort -u | wc -l) types"
	stored_text "$db" >"$WORK/before.text"
	stored_binary "$db" >"$WORK/before.binary"
	computed "$db" >"$WORK/before.computed"
	q -d "$db" -c "$user_aggregate" || fail "$old: cannot create the user's aggregate"
	if q -d "$db" -c "ALTER EXTENSION $EXT UPDATE" && [ "$(q -d "$db" -c "SELECT extversion FROM pg_extension WHERE extname = '$EXT'")" = "$current" ]; then
		pass
	else
		fail "$old: ALTER EXTENSION UPDATE did not reach $current"; continue
	fi
	user_aggregate_untouched "$db" "$old: ALTER EXTENSION UPDATE"
	stored_text "$db" >"$WORK/after.text"
	diff "$WORK/before.text" "$WORK/after.text" && pass || fail "$old: stored values changed (text form)"
	stored_binary "$db" >"$WORK/after.binary"
	diff "$WORK/before.binary" "$WORK/after.binary" && pass || fail "$old: stored values changed (binary COPY form)"
	computed "$db" >"$WORK/after.computed"
	diff "$WORK/before.computed" "$WORK/after.computed" && pass || fail "$old: the samples computed by $current differ from those computed by $old"
	definitions "$db" >"$WORK/updated.defs"
	diff "$WORK/fresh.defs" "$WORK/updated.defs" && pass || fail "$old: objects differ from a fresh install (< fresh, > updated)"
done
echo "upgrade: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
