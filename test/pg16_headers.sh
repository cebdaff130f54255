#!/usr/bin/env bash
# Compile check against PostgreSQL 16, which no Debian suite reachable here
# ships (15 is Debian 12's, 17 trixie's, 18 sid's: test/pgversions.sh):
#
#   bash test/pg16_headers.sh /path/to/postgresql-16-source
#
# The argument is a PostgreSQL 16 source tree (a release tarball unpacked, or
# a REL_16_STABLE checkout), used read-only.  It is configured out of place
# (minimal options) in $CF_PG16_BUILD (default ${TMPDIR:-/tmp}/customer_focus-pg16-build,
# reused when it exists), only the generated headers are made (pg_config.h,
# fmgroids.h, errcodes.h, catalog and node headers: needs perl, no bison or
# flex), and every src/*.c and src/core/*.c is compiled against them with
# PostgreSQL 16's own compiler flags plus $PG_CFLAGS (default the CI flags
# "-Wall -Wextra -Werror -Wno-unused-parameter -Wno-sign-compare").  Nothing
# is linked, installed or run.  Prints one line per failing file and
# "pg16_headers: N passed, M failed" (one per source file).
set -uo pipefail
cd "$(dirname "$0")/.."
src=${1:-${CF_PG16_SOURCE:-}}
[ -n "$src" ] && [ -f "$src/configure" ] && [ -d "$src/src/include" ] ||
	{ echo "usage: bash test/pg16_headers.sh <PostgreSQL 16 source tree>" >&2; exit 2; }
src=$(cd "$src" && pwd)
grep -qE '^AC_INIT\(\[PostgreSQL\], \[16[.a-z]' "$src/configure.ac" ||
	{ echo "$src is not a PostgreSQL 16 source tree ($(grep -m1 '^AC_INIT' "$src/configure.ac"))" >&2; exit 2; }
build=${CF_PG16_BUILD:-${TMPDIR:-/tmp}/customer_focus-pg16-build}
flags=${PG_CFLAGS-"-Wall -Wextra -Werror -Wno-unused-parameter -Wno-sign-compare"}

if [ ! -f "$build/src/include/utils/fmgroids.h" ]; then
	mkdir -p "$build"
	echo "configuring PostgreSQL 16 in $build"
	(cd "$build" && "$src/configure" --without-icu --without-readline --without-zlib --without-llvm >configure.log 2>&1) ||
		{ tail -20 "$build/configure.log"; echo "pg16_headers: 0 passed, 1 failed"; exit 1; }
	make -s -C "$build/src/backend" generated-headers >"$build/headers.log" 2>&1 ||
		{ tail -20 "$build/headers.log"; echo "pg16_headers: 0 passed, 1 failed"; exit 1; }
fi
version=$(sed -nE 's/^#define PG_VERSION_NUM ([0-9]+)$/\1/p' "$build/src/include/pg_config.h")
[ "${version:0:2}" = 16 ] || { echo "$build holds PostgreSQL $version, not 16"; echo "pg16_headers: 0 passed, 1 failed"; exit 1; }

# PostgreSQL 16's compiler and flags, as PGXS would give them.
mk=$(mktemp)
obj=$(mktemp -d)
trap 'rm -rf "$mk" "$obj"' EXIT
printf 'top_builddir = %s\nsubdir = .\ninclude %s/src/Makefile.global\nshow:\n\t@echo $(CC)\n\t@echo $(CPPFLAGS)\n\t@echo $(CFLAGS) $(CFLAGS_SL)\n' "$build" "$build" >"$mk"
{ read -r cc; read -r cppflags; read -r cflags; } < <(make -s -f "$mk" show)

echo "compiling against PostgreSQL $version headers from $src ($cc $cflags $flags)"
passed=0 failed=0
for f in src/*.c src/core/*.c; do
	if $cc $cflags $flags -Isrc -Isrc/core $cppflags -c "$f" -o "$obj/$(basename "$f").o" 2>"$obj/err"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1)); echo "FAILED - $f"; head -20 "$obj/err"
	fi
done
echo "pg16_headers: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
