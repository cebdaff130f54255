#!/usr/bin/env bash
# The Debian package, built and used as a user would (a CI step after the
# suite; README "Installation").  Needs root or sudo: it installs the package
# into the system's PostgreSQL $CF_PG_MAJOR for the length of the test.
#   1. copies the tree (tracked files and new ones that are not ignored) into a
#      temporary folder, so that nothing lands in the clone, and builds there
#      with `dpkg-buildpackage -us -uc -b` (nocheck: pg_regress runs against
#      the installed package in step 5 instead);
#   2. checks the package: name postgresql-NN-customer-focus, Debian version =
#      the extension version's (1.1 -> 1.1.0-1), its files;
#   3. installs it with `dpkg -i` where no tree build has put files: a file
#      the package would own that exists and belongs to no package (a `make
#      install`, as test/run.sh does on CI) is moved aside and put back at the end;
#   4. starts a clean server of the system's PostgreSQL and, as a database
#      owner who is not a superuser: CREATE EXTENSION and a query whose result
#      is worked out by hand, the same in an own schema, 1.0 updated with
#      ALTER EXTENSION ... UPDATE, DROP EXTENSION;
#   5. runs debian/tests/installcheck (the autopkgtest: the pg_regress suite
#      against the installed package, in a throw-away cluster);
#   6. removes the package and checks its files are gone.
# Prints "package: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
# The package goes into the system's PostgreSQL, so the server and the tools
# must be the system's too, not a private copy named by the caller.
unset PG_CONFIG PGHOST PGPORT PGUSER PGDATABASE
source scripts/pg.sh

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok: $*"; }
fail() { failed=$((failed + 1)); echo "FAILED: $*"; }
check() { local what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }
finish() { echo "package: $passed passed, $failed failed${1:+ ($1)}"; }

if [ "$(id -u)" != 0 ] && ! sudo -n true 2>/dev/null; then
	finish "skipped: installing a package needs root or sudo"; exit 0
fi
if ! command -v dpkg >/dev/null; then
	finish "skipped: not a Debian system (no dpkg)"; exit 0
fi
as_root() { cf_as_root "$@"; }

cf_install_packages postgresql-$CF_PG_MAJOR postgresql-server-dev-all build-essential debhelper dpkg-dev fakeroot
cf_pg_paths

major=$CF_PG_MAJOR
ext=customer_focus
pkg=postgresql-$major-customer-focus
extversion=$(sed -nE "s/^default_version *= *'([^']+)'.*/\1/p" $ext.control)
semver=$extversion
[[ "$semver" =~ ^[0-9]+\.[0-9]+$ ]] && semver="$semver.0"
debversion="$semver-1"
echo "extension $extversion = PGXN $semver = Debian $debversion; package $pkg"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/customer_focus-package.XXXXXX")
chmod 755 "$WORK"
aside="$WORK/aside"
installed=false
was_installed=false
dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' && was_installed=true
# Puts the files moved aside in step 3 back where they were.
put_back() {
	[ -d "$aside" ] || return 0
	(cd "$aside" && find . -type f -print0) | while IFS= read -r -d '' f; do
		f=/${f#./}
		as_root mkdir -p "$(dirname "$f")" && as_root mv -f "$aside$f" "$f"
	done
}
restore() {
	if $installed && ! $was_installed; then as_root dpkg --purge "$pkg" >/dev/null 2>&1; fi
	put_back
	cf_stop_server
	as_root rm -rf "$WORK"
}
trap restore EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# 1. Build in a copy.
src="$WORK/customer-focus-$semver"
mkdir "$src"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	git ls-files -z -co --exclude-standard | xargs -0 cp --parents -t "$src"
else
	cp -a . "$src"
fi
# debian/control as pg_buildext makes it for the majors supported here.
(cd "$src" && pg_buildext updatecontrol) >/dev/null
check "debian/control is what pg_buildext updatecontrol makes of debian/control.in here" \
	cmp -s debian/control "$src/debian/control"
echo "== dpkg-buildpackage -us -uc -b (in $src)"
start=$(date +%s)
if (cd "$src" && DEB_BUILD_OPTIONS="nocheck${DEB_BUILD_OPTIONS:+ $DEB_BUILD_OPTIONS}" \
		dpkg-buildpackage -us -uc -b -Pnocheck) >"$WORK/build.log" 2>&1; then
	pass "dpkg-buildpackage ($(($(date +%s) - start)) s)"
else
	tail -40 "$WORK/build.log"
	fail "dpkg-buildpackage (log above)"; finish; exit 1
fi
deb=$(ls "$WORK"/${pkg}_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { fail "no ${pkg}_*.deb was built: $(ls "$WORK")"; finish; exit 1; }
echo "built $(basename "$deb") ($(du -k "$deb" | cut -f1) kB)"

# 2. What the package says and holds.
check "package version $(dpkg-deb -f "$deb" Version) = $debversion" [ "$(dpkg-deb -f "$deb" Version)" = "$debversion" ]
check "package depends on postgresql-$major" grep -qE "(^|, )postgresql-$major( |,|$)" <<<"$(dpkg-deb -f "$deb" Depends)"
libdir=$(pg_config --pkglibdir)
sharedir=$(pg_config --sharedir)/extension
dpkg-deb -c "$deb" | awk '$1 !~ /^d/ { print $6 }' | sed 's|^\./|/|' | sort >"$WORK/files"
want=("$libdir/$ext.so" "$sharedir/$ext.control" "$sharedir/$ext--$extversion.sql")
for f in src/sql/released/$ext--*.sql src/sql/updates/$ext--*--*.sql; do
	[ -e "$f" ] && want+=("$sharedir/$(basename "$f")")
done
missing=$(printf '%s\n' "${want[@]}" | sort | comm -23 - "$WORK/files")
check "the package holds the module, the control file, the $extversion script, every released and update script (${#want[@]} files)" [ -z "$missing" ]
[ -n "$missing" ] && echo "missing: $missing"
dpkg-deb -x "$deb" "$WORK/root"
(cd "$src" && make -s PG_CONFIG="$PG_CONFIG" "$ext--$extversion.sql" >/dev/null 2>&1)
check "the packaged $ext--$extversion.sql is the one the tree builds" cmp -s "$WORK/root$sharedir/$ext--$extversion.sql" "$src/$ext--$extversion.sql"
# The README links to doc/*.md and doc/reference/*.md: the installed documentation keeps them beside it.
docmissing=$(cd "$src" && for f in README.md doc/*.md doc/reference/*.md; do [ -e "$WORK/root/usr/share/doc/$pkg/$f" ] || [ -e "$WORK/root/usr/share/doc/$pkg/$f.gz" ] || echo "$f"; done)
check "the package documents README.md and every doc/*.md and doc/reference/*.md beside it" [ -z "$docmissing" ]
[ -n "$docmissing" ] && echo "missing documentation: $docmissing"

# 3. Install where no tree build has put files.
moved=0
: >"$WORK/moved"
while read -r f; do
	[ -e "$f" ] || continue
	dpkg -S "$f" >/dev/null 2>&1 && continue
	md5sum "$f" >>"$WORK/moved"
	as_root mkdir -p "$aside$(dirname "$f")" && as_root mv "$f" "$aside$f" && moved=$((moved + 1))
done <"$WORK/files"
echo "moved aside $moved file(s) a tree build had installed (put back at the end)"
if as_root dpkg -i "$deb" >"$WORK/dpkg.log" 2>&1; then
	installed=true; pass "dpkg -i $(basename "$deb")"
else
	cat "$WORK/dpkg.log"; fail "dpkg -i"; finish; exit 1
fi
check "dpkg -S: the module belongs to $pkg" grep -q "^$pkg: " <<<"$(dpkg -S "$libdir/$ext.so" 2>/dev/null)"

# 4. A clean server; a database owner who is not a superuser.
CF_FORCE_PRIVATE=1 cf_start_server
trap restore EXIT	# cf_start_server set its own; restore() stops the server too
owner=cf_pkg_owner
q() { psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }
qo() { q -U "$owner" "$@"; }
q -d postgres -c "CREATE ROLE $owner LOGIN" -c "CREATE DATABASE cf_pkg OWNER $owner" \
	-c "CREATE DATABASE cf_pkg_schema OWNER $owner" -c "CREATE DATABASE cf_pkg_update OWNER $owner" ||
	{ fail "creating the owner and the databases"; finish; exit 1; }
check "$owner is not a superuser" [ "$(qo -d cf_pkg -c "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")" = f ]
check "CREATE EXTENSION $ext as $owner" qo -d cf_pkg -c "CREATE EXTENSION $ext"
check "its version is $extversion" [ "$(qo -d cf_pkg -c "SELECT extversion FROM pg_extension WHERE extname = '$ext'")" = "$extversion" ]
# Scores 10, 9, 8, 3 and a NULL: 2 promoters, 1 passive, 1 detractor of 4
# answers -> NPS = 100 * (2 - 1) / 4 = 25; the state rolls up to the same.
got=$(qo -d cf_pkg -c "SELECT nps(score) AS s FROM (VALUES (10), (9), (8), (3), (NULL)) v(score)")
check "nps of 10, 9, 8, 3, NULL is 25 (got '$got')" [ "$got" = 25 ]
got=$(qo -d cf_pkg -c "SELECT responses(st), promoters(st), detractors(st), nps(st) FROM (SELECT nps_agg(score) AS st FROM (VALUES (10), (9), (8), (3), (NULL)) v(score)) t")
check "nps_agg state: 4 responses, 2 promoters, 1 detractor, NPS 25 (got '$got')" [ "$got" = "4|2|1|25" ]
got=$(qo -d cf_pkg -c "SELECT nps(rollup(st)) FROM (SELECT nps_agg(score) AS st FROM (VALUES (1, 10), (1, 9), (2, 8), (2, 3)) v(g, score) GROUP BY g) t")
check "rollup of two groups' states: NPS 25 (got '$got')" [ "$got" = 25 ]
check "DROP EXTENSION as $owner" qo -d cf_pkg -c "DROP EXTENSION $ext"
check "CREATE EXTENSION $ext SCHEMA cf (an own schema) as $owner" qo -d cf_pkg_schema -c "CREATE SCHEMA cf" -c "CREATE EXTENSION $ext SCHEMA cf"
got=$(qo -d cf_pkg_schema -c "SELECT cf.nps(score) FROM (VALUES (10), (9), (8), (3)) v(score)")
check "cf.nps with cf not on the search_path: 25 (got '$got')" [ "$got" = 25 ]
released=$(ls src/sql/released/$ext--*.sql 2>/dev/null | sed -nE "s/.*$ext--([0-9.]+)\.sql$/\1/p" | sort -V | head -1)
if [ -n "$released" ]; then
	check "CREATE EXTENSION $ext VERSION '$released', then ALTER EXTENSION $ext UPDATE to $extversion, as $owner" \
		qo -d cf_pkg_update -c "CREATE EXTENSION $ext VERSION '$released'" -c "ALTER EXTENSION $ext UPDATE"
	check "the updated version is $extversion" [ "$(qo -d cf_pkg_update -c "SELECT extversion FROM pg_extension WHERE extname = '$ext'")" = "$extversion" ]
fi
cf_stop_server

# 5. The autopkgtest: the pg_regress suite against the installed package.
echo "== debian/tests/installcheck (pg_regress against the installed package)"
start=$(date +%s)
if (cd "$src" && make -s clean PG_CONFIG="$PG_CONFIG" >/dev/null 2>&1; as_root debian/tests/installcheck) >"$WORK/installcheck.log" 2>&1; then
	pass "debian/tests/installcheck: $(grep -cE '\.\.\. +ok|^ok ' "$WORK/installcheck.log") tests ($(($(date +%s) - start)) s)"
else
	tail -60 "$WORK/installcheck.log"; fail "debian/tests/installcheck (log above)"
fi

# 6. Remove it again.
if $was_installed; then
	echo "note: $pkg was installed before this test; it is left installed (now this build)"
else
	purge() { as_root dpkg --purge "$pkg" >"$WORK/purge.log" 2>&1 || { cat "$WORK/purge.log"; return 1; }; }
	check "dpkg --purge $pkg" purge
	installed=false
	check "its files are gone" test ! -e "$libdir/$ext.so" -a ! -e "$sharedir/$ext.control"
fi
put_back
if [ "$moved" -gt 0 ]; then
	check "the $moved file(s) moved aside are back, unchanged" md5sum --quiet -c "$WORK/moved"
fi
finish
[ "$failed" -eq 0 ]
