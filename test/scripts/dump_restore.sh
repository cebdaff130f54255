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
	cf_stop_server	# the private server this script started, if any (its trap is replaced here)
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
	WHERE t.typtype IN ('b', 'c', 'd', 'e', 'r')
	  -- since 17 the implicit array types are members of the extension too
	  AND NOT EXISTS (SELECT FROM pg_type e WHERE e.typarray = t.oid)
	ORDER BY 1")
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

# Hostile binary values (issue 14): bytes that the receive functions of 1.1
# before this check accepted.  "refused": the receive function must refuse
# them in class 22 (the value could not have come from an aggregate, and
# some would not restore); "accepted": they are stored (in canonical form)
# and must survive the dump, the restore and both COPY round trips below
# like every sample (rows id >= 1000 of the same table).
hostile=(
	# factor name \xff "elivery": not UTF-8; its row made pg_restore fail
	"ipa_state refused 00013ff0000000000000401400000000000000000001000000 08ff656c6976657279000000000000000100000005000000000000000000000000000000000000000100000002000000000000000000000000"
	# counts 2^63-1 and 1: the total is past 2^63-1 (text input refuses it)
	"bgnbd_state refused 0000000100000002 00000000 0000000000000000 4024000000000000 7fffffffffffffff 00000002 4016000000000000 4024000000000000 0000000000000001"
	"gamma_gamma_state refused 0000000100000002 00000001 4025000000000000 7fffffffffffffff 00000003 3f847ae147ae147b 0000000000000001"
	# t_x = -0: stored as +0 (it printed as -0 and came back as another value)
	"bgnbd_state accepted 0000000100000001 00000000 8000000000000000 4024000000000000 0000000000000001"
	# a purchase on day 3 of a ladder as of 2000-01-01 00:00 UTC (day 0)
	"loyalty_ladder refused 0203555443 0000000000000000 01 0a 01 01 06 ff"
	# an unknown zone
	"loyalty_ladder refused 020c4d6172732f4f6c796d707573 0000000000000000 01 0a 01 01 00 ff"
	"customer_profile refused 01000c4d6172732f4f6c796d707573 00000001 0000000000000001 0002b0f401ac5000 0002b0f401ac5000 0000000000000000 000000000000000f 0000000000000000 00000000000201b1 00000000 00000001 0000223f"
	# one order at 2024-01-02 12:00 UTC whose purchase day is 2024-01-03
	"customer_profile refused 0100035554430000000100000000000000010002b0f401ac50000002b0f401ac50000000000000000000000000000000000f000000000000000000000000000201b1 00000000 00000001 00002240"
	# revenue split as 0.5 (big part) + 1.5 (fast part): stored as 2.0 in one part
	"customer_profile accepted 0100035554430000000100000000000000010002b0f401ac50000002b0f401ac50000000000000000000000000000000000f000000000000000000000000000201b1 00000001 00000005 00000001 0000223f"
	# lapse_factor 1e-300, below the setting's minimum 1e-6
	"segment_summary_state refused 00010002000000050002bcc78cca40003ff0000000000000000000000000000200000000000000050000000901a56e1fc2f8f3590000016d000002da000000000000000200000000000000020000000000000001000000000000000100000000000000000000000000000001000000000000000000000000000000000000000000000000000000000000000000000000000007d000000000000000000000000000000000000000000000000000000000000000000000000000000000"
	# revenue 0 at scale 100 (a sum of numerics keeps their scale): printed in full
	"segment_summary_state accepted 00010064000000050002bcc78cca40003ff0000000000000000000000000000200000000000000050000000940080000000000000000016d000002da0000000000000002000000000000000200000000000000010000000000000001000000000000000000000000000000010000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
)
hid=1000
for case in "${hostile[@]}"; do
	read -r typ expect hex <<<"$case"
	hex=${hex// /}
	hid=$((hid + 1))
	if [[ " ${usable[*]} " != *" $typ "* ]]; then echo "note: no type $typ: hostile case $hid skipped"; continue; fi
	file="$WORK/hostile.$hid.bin"
	q -d "$SRC" -c "\\copy (SELECT $hid, '\\x$hex'::bytea) TO '$file' WITH (FORMAT binary)" || { fail "hostile $hid: writing the file"; continue; }
	out=$(psql -X -q -v VERBOSITY=sqlstate -d "$SRC" -c "\\copy every_type (id, c_$typ) FROM '$file' WITH (FORMAT binary)" 2>&1)
	case "$expect:$out" in
		refused:*"ERROR:  22"*) pass ;;
		accepted:) pass ;;
		*) fail "hostile $typ value $hid: expected $expect, got: ${out:-accepted}" ;;
	esac
done

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
