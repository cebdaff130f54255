#!/usr/bin/env bash
# Dump and restore: a table with a column of every type of the extension
# (found in the catalogue; values from test/type_samples.txt) must survive
#   - pg_dump -Fc | pg_restore into a new database,
#   - COPY in text format (psql \copy out to a file and back in),
#   - COPY in binary format (the types' send/receive functions),
# with the same text form for every value.  Uses the server named by the PG*
# variables (test/run.sh sets them) or starts a private one; works in fresh
# databases it drops at the end.  Prints "dump_restore: N passed, N failed"
# (one check per type and way, plus the restore itself).
set -uo pipefail
cd "$(dirname "$0")/../.."
source scripts/pg.sh
if [ -z "${PGHOST:-}${PGPORT:-}" ]; then cf_setup; cf_start_server; else cf_pg_paths; fi

EXT=customer_focus
SRC=cf_dump_src_$$
DST=cf_dump_dst_$$
COPYDB=cf_dump_copy_$$
WORK=$(mktemp -d "${TMPDIR:-/tmp}/customer_focus-dump.XXXXXX")
chmod 755 "$WORK"
cleanup() {
	for db in "$SRC" "$DST" "$COPYDB"; do psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1; done
	rm -rf "$WORK"
}
trap cleanup EXIT

passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAILED: $*"; }
q() { psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }

q -d postgres -c "CREATE DATABASE $SRC" -c "CREATE DATABASE $COPYDB" || { echo "dump_restore: 0 passed, 1 failed"; exit 1; }
q -d "$SRC" -c "CREATE EXTENSION $EXT" || { echo "dump_restore: 0 passed, 1 failed"; exit 1; }
q -d "$COPYDB" -c "CREATE EXTENSION $EXT" || { echo "dump_restore: 0 passed, 1 failed"; exit 1; }

# The extension's own types: base, composite, domain, enum, range (not the implicit arrays).
mapfile -t types < <(q -d "$SRC" -c "
	SELECT t.typname FROM pg_type t
	JOIN pg_depend d ON d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e'
	JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = '$EXT'
	WHERE t.typtype IN ('b', 'c', 'd', 'e', 'r') ORDER BY 1")
if [ ${#types[@]} -eq 0 ]; then
	fail "the extension has no type"; echo "dump_restore: $passed passed, $failed failed"; exit 1
fi
echo "types of $EXT: ${types[*]}"

# Build the table: column c_<type>, row k = the k-th sample of every type.
declare -A nsamples
inserts=()
while read -r typ expr; do
	case "$typ" in '' | '#'*) continue ;; esac
	if [[ " ${types[*]} " != *" $typ "* ]]; then
		echo "note: no type $typ (yet): its samples are skipped"; continue
	fi
	k=$(( ${nsamples[$typ]:-0} + 1 ))
	nsamples[$typ]=$k
	inserts+=("INSERT INTO every_type (id) VALUES ($k) ON CONFLICT DO NOTHING;
UPDATE every_type SET c_$typ = $expr WHERE id = $k;")
done < test/type_samples.txt

cols=""
usable=()
for typ in "${types[@]}"; do
	if [ -z "${nsamples[$typ]:-}" ]; then
		fail "type $typ has no sample in test/type_samples.txt (add a line: $typ <SQL expression>)"
		continue
	fi
	cols+=", c_$typ $typ"
	usable+=("$typ")
done
{
	echo "CREATE TABLE every_type (id integer PRIMARY KEY$cols);"
	printf '%s\n' "${inserts[@]}"
	echo "INSERT INTO every_type (id) VALUES (0);"	# a row of NULLs
} >"$WORK/load.sql"
if ! q -d "$SRC" -f "$WORK/load.sql" >"$WORK/load.log" 2>&1; then
	cat "$WORK/load.log"; fail "loading the samples"; echo "dump_restore: $passed passed, $failed failed"; exit 1
fi
q -d "$COPYDB" -c "CREATE TABLE every_type (id integer PRIMARY KEY$cols)" || fail "creating the COPY target"

# Text forms of one type's column, by id.
texts() { q -d "$1" -c "SELECT id, c_$2::text FROM $3 ORDER BY id"; }

# 1. pg_dump -Fc / pg_restore into a new database.
restored=false
if pg_dump -Fc -d "$SRC" -f "$WORK/src.dump" 2>"$WORK/dump.log" &&
	q -d postgres -c "CREATE DATABASE $DST" &&
	pg_restore --exit-on-error -d "$DST" "$WORK/src.dump" 2>"$WORK/restore.log"; then
	pass; restored=true
else
	cat "$WORK/dump.log" "$WORK/restore.log" 2>/dev/null; fail "pg_dump -Fc / pg_restore"
fi

for typ in "${usable[@]}"; do
	texts "$SRC" "$typ" every_type >"$WORK/$typ.src" || { fail "$typ: reading the source"; continue; }
	if $restored; then
		if texts "$DST" "$typ" every_type >"$WORK/$typ.dst" && diff "$WORK/$typ.src" "$WORK/$typ.dst" >"$WORK/diff"; then
			pass
		else
			fail "$typ: differs after pg_dump/pg_restore"; head -20 "$WORK/diff"
		fi
	fi
	# 2 and 3. COPY out and in, text and binary, into a table of the same shape.
	for fmt in text binary; do
		file="$WORK/$typ.$fmt.copy"
		if q -d "$SRC" -c "\\copy (SELECT id, c_$typ FROM every_type) TO '$file' WITH (FORMAT $fmt)" &&
			q -d "$COPYDB" -c "TRUNCATE every_type" -c "\\copy every_type (id, c_$typ) FROM '$file' WITH (FORMAT $fmt)" &&
			texts "$COPYDB" "$typ" every_type >"$WORK/$typ.$fmt" &&
			diff "$WORK/$typ.src" "$WORK/$typ.$fmt" >"$WORK/diff"; then
			pass
		else
			fail "$typ: differs after a $fmt COPY round trip"; head -20 "$WORK/diff"
		fi
	done
	echo "$typ: ${nsamples[$typ]} samples (and NULLs), $(wc -l <"$WORK/$typ.src") rows compared"
done

echo "dump_restore: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
