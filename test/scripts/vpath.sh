#!/usr/bin/env bash
# The out-of-tree (VPATH) build, the way Debian's pg_buildext builds every
# extension: `make -f <tree>/Makefile VPATH=<tree> USE_PGXS=1` from an empty
# folder must give what the in-tree build gives, even while the tree holds an
# in-tree build (whose objects make's VPATH would otherwise take):
#   - the same object list (one per src/*.c and src/core/*.c),
#   - the same exported symbols (nm -D --defined-only: names and kinds),
#   - a byte-identical install script, and `make install DESTDIR=...` the
#     same files with byte-identical SQL and control files;
# `make -f <tree>/Makefile` alone (PGXS then sets VPATH itself) builds the same
# library, and a VPATH naming a folder without the sources fails loudly
# (non-zero, no library).  Uses $PG_CONFIG and $PG_CFLAGS like the build.
# Prints "vpath: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
source scripts/pg.sh
cf_pg_paths
tree=$(pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/customer_focus-vpath.XXXXXX")
trap 'rm -rf "$work"' EXIT

passed=0 failed=0
check() { # check <name> <command...>: passes when the command succeeds
	local name=$1
	shift
	if "$@" >"$work/check.out" 2>&1; then
		passed=$((passed + 1)); echo "ok - $name"
	else
		failed=$((failed + 1)); echo "FAILED - $name"; head -20 "$work/check.out"
	fi
}
symbols() { nm -D --defined-only "$1" | awk '{print $2, $3}' | sort; }
objects() { (cd "$1" && find src -name '*.o' | sort); }
installed() { (cd "$1" && find . -type f | sed 's|.*/||' | sort); }

make -s PG_CONFIG="$PG_CONFIG" >"$work/intree.log" 2>&1 || { cat "$work/intree.log"; echo "vpath: 0 passed, 1 failed"; exit 1; }
make -s PG_CONFIG="$PG_CONFIG" install DESTDIR="$work/intree-inst" >/dev/null 2>&1 ||
	{ echo "in-tree make install DESTDIR failed"; echo "vpath: 0 passed, 1 failed"; exit 1; }
expected_objects() { ls src/*.c src/core/*.c | sed 's/\.c$/.o/' | sort; }

mkdir "$work/build" "$work/build2" "$work/empty" "$work/bad"
check "VPATH build from an empty folder succeeds" \
	make -s -C "$work/build" -f "$tree/Makefile" VPATH="$tree" USE_PGXS=1 PG_CONFIG="$PG_CONFIG"
check "same object list as the sources" diff <(objects "$work/build") <(expected_objects)
check "no object or library written into the source tree by the VPATH build" \
	test "$(find "$tree" -newer "$work/intree.log" \( -name '*.o' -o -name '*.so' \) | wc -l)" -eq 0
check "same exported symbols" diff <(symbols "$work/build/customer_focus.so") <(symbols customer_focus.so)
check "exports the module's magic and functions" \
	bash -c "nm -D --defined-only '$work/build/customer_focus.so' | grep -q ' Pg_magic_func$' &&
		test \$(nm -D --defined-only '$work/build/customer_focus.so' | grep -c ' pg_finfo_') -gt 50"
version=$(sed -nE "s/^default_version *= *'([^']+)'.*/\1/p" customer_focus.control)
check "byte-identical install script" cmp "$work/build/customer_focus--$version.sql" "customer_focus--$version.sql"
check "make install DESTDIR= from the VPATH build" \
	make -s -C "$work/build" -f "$tree/Makefile" VPATH="$tree" USE_PGXS=1 PG_CONFIG="$PG_CONFIG" install DESTDIR="$work/vpath-inst"
check "the same files installed" diff <(installed "$work/vpath-inst") <(installed "$work/intree-inst")
check "byte-identical installed SQL and control files" bash -c "
	cd '$work/intree-inst' && find . -name '*.sql' -o -name '*.control' | grep -q . &&
	for f in \$(find . -name '*.sql' -o -name '*.control'); do cmp \"\$f\" '$work/vpath-inst'/\"\$f\" || exit 1; done"
check "make -f <tree>/Makefile without VPATH builds the same library" bash -c "
	make -s -C '$work/build2' -f '$tree/Makefile' USE_PGXS=1 PG_CONFIG='$PG_CONFIG' &&
	diff <(nm -D --defined-only '$work/build2/customer_focus.so' | awk '{print \$2, \$3}' | sort) \
	     <(nm -D --defined-only customer_focus.so | awk '{print \$2, \$3}' | sort)"
check "the unit tests build and pass out of tree (data found from the source tree)" bash -c "
	make -s -C '$work/build' -f '$tree/Makefile' VPATH='$tree' USE_PGXS=1 PG_CONFIG='$PG_CONFIG' unittest >'$work/unit.log' 2>&1 &&
	! grep -q 'model_reference.csv' '$work/unit.log'"
check "a VPATH without the sources fails loudly, leaving no library" bash -c "
	! make -s -C '$work/bad' -f '$tree/Makefile' VPATH='$work/empty' USE_PGXS=1 PG_CONFIG='$PG_CONFIG' 2>'$work/bad.err' &&
	grep -q 'no sources' '$work/bad.err' && ! ls '$work/bad'/*.so 2>/dev/null"

echo "vpath: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
