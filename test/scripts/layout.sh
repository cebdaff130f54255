#!/usr/bin/env bash
# One concept, one name, one file in every layer (CONTRIBUTING.md "Layout"):
# for every install-script piece src/sql/NN_<concept>.sql there is a glue file
# src/<concept>.c, a core file src/core/<concept>.c, a pg_regress test
# sql/<concept>.sql and, when the piece defines a type with a text input (it
# parses), a libFuzzer harness test/fuzz/fuzz_<concept>_parse.c; every C file
# of src/ and src/core/ belongs to a piece's concept or is a listed shared
# file; no glue file is longer than 700 lines.  The exceptions are the
# backticked first cells of the table under "### Exceptions" in
# CONTRIBUTING.md: `NN_<concept>.sql: <layers>` exempts those layers (glue,
# core, test, fuzz) of a piece, a path or glob (`src/core/alloc.[ch]`) lists a
# shared file.  Needs no server.  Prints each problem and
# "layout: N passed, N failed" (one check per piece, per C file and per glue
# file's length).
set -uo pipefail
cd "$(dirname "$0")/../.."

max_glue_lines=${CF_LAYOUT_MAX_GLUE_LINES:-700}
passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); printf 'layout: %s\n' "$1"; }

# The exceptions: the first cells of the table under "### Exceptions" (up to
# the next heading) in CONTRIBUTING.md.
exceptions=$(awk '/^### Exceptions/ { on = 1; next } on && /^#/ { on = 0 } on && /^\| *`/ { print }' CONTRIBUTING.md |
	sed -E 's/^\| *`([^`]*)`.*/\1/')
if [ -z "$exceptions" ]; then
	bad "no exceptions table under \"### Exceptions\" in CONTRIBUTING.md"
fi
# Layers of piece $1 (e.g. 00_header.sql) that the exceptions exempt.
exempt_layers() {
	printf '%s\n' "$exceptions" | sed -nE "s/^$1: *//p"
}
# Whether file $1 is a listed shared file (a path or glob of the table).
shared_file() {
	local pattern
	while IFS= read -r pattern; do
		case "$pattern" in *.sql:*) continue ;; esac
		# shellcheck disable=SC2053
		[[ $1 == $pattern ]] && return 0
	done <<<"$exceptions"
	return 1
}

concepts=" "
for piece in src/sql/[0-9][0-9]_*.sql; do
	base=$(basename "$piece")
	concept=${base#[0-9][0-9]_}
	concept=${concept%.sql}
	concepts+="$concept "
	exempt=" $(exempt_layers "$base") "
	missing=()
	[[ $exempt == *" glue "* ]] || [ -f "src/$concept.c" ] || missing+=("src/$concept.c")
	[[ $exempt == *" core "* ]] || [ -f "src/core/$concept.c" ] || missing+=("src/core/$concept.c")
	[[ $exempt == *" test "* ]] || [ -f "sql/$concept.sql" ] || missing+=("sql/$concept.sql")
	if ! [[ $exempt == *" fuzz "* ]] && grep -qiE '^[[:space:]]*INPUT[[:space:]]*=' "$piece"; then
		[ -f "test/fuzz/fuzz_${concept}_parse.c" ] || missing+=("test/fuzz/fuzz_${concept}_parse.c (the piece defines a type with text input)")
	fi
	if [ ${#missing[@]} -eq 0 ]; then ok; else bad "$piece has no ${missing[*]}"; fi
done

# Every C file of the glue and the core is a concept's or a listed shared file.
for f in src/*.c src/*.h src/core/*.c src/core/*.h; do
	[ -e "$f" ] || continue
	name=$(basename "$f")
	name=${name%.[ch]}
	if [[ $concepts == *" $name "* ]] || shared_file "$f"; then
		ok
	else
		bad "$f belongs to no piece src/sql/NN_$name.sql and is not a shared file listed under Exceptions in CONTRIBUTING.md"
	fi
done

for f in src/*.c; do
	n=$(wc -l <"$f")
	if [ "$n" -le "$max_glue_lines" ]; then ok; else bad "$f has $n lines (a glue file has at most $max_glue_lines)"; fi
done

echo "layout: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
