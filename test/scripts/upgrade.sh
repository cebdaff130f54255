#!/usr/bin/env bash
# Upgrades: ALTER EXTENSION customer_focus UPDATE from every released version
# to the current one.  A release is a git tag v<version> (e.g. v1.0); its
# install script is rebuilt from the src/sql/[0-9]*.sql pieces at the tag.
# For each released version older than the current one, in a fresh database:
#   - CREATE EXTENSION ... VERSION '<old>' works (the old script is installed
#     into the extension directory if missing) and an update path exists;
#   - a table with a column of every type the old version has (samples from
#     test/type_samples.txt) keeps its values' text forms across the update;
#   - after ALTER EXTENSION ... UPDATE the version is the current one and the
#     extension's objects are exactly those of a fresh install.
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
makever=$(sed -nE 's/^EXTVERSION *= *([^ ]+).*/\1/p' Makefile)
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

# Released versions (git tags v<version>) older than the current one.
released=()
for tag in $(git tag -l 'v[0-9]*' 2>/dev/null); do
	v=${tag#v}
	version_lt "$v" "$current" && released+=("$v")
done
if [ ${#released[@]} -eq 0 ]; then
	echo "note: no released version older than $current (git tags v<version>): nothing to upgrade from yet"
fi

sharedir=$(pg_config --sharedir)/extension
objects() {	# the extension's member objects, one per line
	q -d "$1" -c "SELECT pg_describe_object(classid, objid, 0) FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
	              WHERE e.extname = '$EXT' AND d.deptype = 'e' ORDER BY 1"
}
if [ ${#released[@]} -gt 0 ]; then
	fresh=cf_upgrade_fresh_$$
	dbs+=("$fresh")
	q -d postgres -c "CREATE DATABASE $fresh" && q -d "$fresh" -c "CREATE EXTENSION $EXT" && objects "$fresh" >"$WORK/fresh.objects" ||
		fail "a fresh install of $current"
fi
for old in "${released[@]}"; do
	echo "== from $old"
	db=cf_upgrade_${old//./_}_$$
	dbs+=("$db")
	# The old install script, from the tag, if the extension directory lacks it.
	if [ ! -f "$sharedir/$EXT--$old.sql" ]; then
		pieces=$(git ls-tree --name-only "v$old" src/sql/ | grep -E '^src/sql/[0-9][^/]*\.sql$' | sort)
		if [ -z "$pieces" ]; then fail "$old: no install script pieces at tag v$old"; continue; fi
		for p in $pieces; do git show "v$old:$p"; done >"$WORK/$EXT--$old.sql"
		cf_as_root cp "$WORK/$EXT--$old.sql" "$sharedir/" || { fail "$old: cannot install its script"; continue; }
	fi
	if q -d postgres -c "CREATE DATABASE $db" && q -d "$db" -c "CREATE EXTENSION $EXT VERSION '$old'" &&
		[ "$(q -d "$db" -c "SELECT count(*) FROM pg_extension_update_paths('$EXT') WHERE source = '$old' AND target = '$current' AND path IS NOT NULL")" = 1 ]; then
		pass
	else
		fail "$old: install or no update path to $current"; continue
	fi
	# Stored values of every type the old version has.
	q -d "$db" -c "CREATE TABLE kept (id serial, typ text, v text)" >/dev/null
	k=0
	while read -r typ expr; do
		case "$typ" in '' | '#'*) continue ;; esac
		k=$((k + 1))
		q -d "$db" -c "CREATE TABLE IF NOT EXISTS t_$typ (id integer, v $typ)" -c "INSERT INTO t_$typ VALUES ($k, $expr)" >/dev/null 2>&1 || true
	done < test/type_samples.txt
	texts() { q -d "$db" -c "SELECT string_agg(format('SELECT %L, id, v::text FROM %I', tablename, tablename), ' UNION ALL ') FROM pg_tables WHERE tablename LIKE 't\\_%'" | { read -r s; [ -n "$s" ] && q -d "$db" -c "$s ORDER BY 1, 2"; }; }
	texts >"$WORK/before"
	if q -d "$db" -c "ALTER EXTENSION $EXT UPDATE" && [ "$(q -d "$db" -c "SELECT extversion FROM pg_extension WHERE extname = '$EXT'")" = "$current" ]; then
		pass
	else
		fail "$old: ALTER EXTENSION UPDATE did not reach $current"; continue
	fi
	texts >"$WORK/after"
	diff "$WORK/before" "$WORK/after" && pass || fail "$old: stored values changed"
	objects "$db" >"$WORK/updated.objects"
	diff "$WORK/fresh.objects" "$WORK/updated.objects" && pass || fail "$old: objects differ from a fresh install (< fresh, > updated)"
done
echo "upgrade: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
