#!/usr/bin/env bash
# The fuzz seeds of a harness live in one text file, test/fuzz/corpus/<harness>.txt,
# one seed per line:
#
#   <name> "<bytes>"
#
# <bytes> are the seed's bytes with printable ASCII as it is, except the
# backslash (\\), and \n, \r, \t and \xHH for the rest (the escapes of
# printf %b, so any byte, NUL included, is written exactly).  The quotes are
# delimiters only: everything between the first and the last quote is the
# seed.  Lines starting with # are comments; the section
# "# crash reproducers" holds inputs that once crashed a harness (replayed on
# every run like every seed).  Names are unique within a file ([A-Za-z0-9_.-]).
#
#   bash test/fuzz/seeds.sh unpack <harness>.txt <folder>   one file per seed
#                                                           (what libFuzzer reads)
#   bash test/fuzz/seeds.sh escape <file>...                seed lines of files, e.g.
#                                                           of a crash input libFuzzer saved
#                                                           in test/fuzz/out/, to append
#
# unpack exits 1 (naming the line) on a malformed line or a repeated name.
set -uo pipefail

# escape <file>: prints '<basename> "<escaped bytes>"'.
escape() {
	printf '%s "' "$(basename "$1")"
	od -An -v -tu1 "$1" | awk '
		{ for (i = 1; i <= NF; i++) {
			b = $i + 0
			if (b == 92) printf "\\\\"
			else if (b == 10) printf "\\n"
			else if (b == 13) printf "\\r"
			else if (b == 9) printf "\\t"
			else if (b >= 32 && b <= 126) printf "%c", b
			else printf "\\x%02x", b
		} }'
	printf '"\n'
}

# unpack <seed file> <folder>
unpack() {
	local file=$1 dir=$2 line name body n=0 status=0
	mkdir -p "$dir" || return 1
	declare -A seen=()
	while IFS= read -r line || [ -n "$line" ]; do
		n=$((n + 1))
		case "$line" in '' | '#'*) continue ;; esac
		name=${line%% *}
		body=${line#* }
		if [[ ! "$name" =~ ^[A-Za-z0-9_.-]+$ ]] || [ "$body" = "$line" ] ||
			[ "${#body}" -lt 2 ] || [ "${body:0:1}" != '"' ] || [ "${body: -1}" != '"' ]; then
			echo "$file:$n: not a seed line (<name> \"<bytes>\")" >&2; status=1; continue
		fi
		if [ -n "${seen[$name]:-}" ]; then
			echo "$file:$n: seed name $name repeats line ${seen[$name]}" >&2; status=1; continue
		fi
		seen[$name]=$n
		body=${body:1:${#body}-2}
		printf '%b' "$body" >"$dir/$name"
	done <"$file"
	return $status
}

case "${1:-}" in
escape)
	shift
	for f in "$@"; do escape "$f"; done
	;;
unpack)
	[ $# -eq 3 ] || { echo "usage: $0 unpack <harness>.txt <folder>" >&2; exit 2; }
	unpack "$2" "$3"
	;;
*)
	echo "usage: $0 unpack <harness>.txt <folder> | escape <file>..." >&2
	exit 2
	;;
esac
