#!/usr/bin/env bash
# Runs every ```sql block of README.md, in order, in one session of a fresh
# database, and compares what each prints with the ``` block that follows it
# in the README (no block: it must print nothing).  Keeps the documentation
# true to the code.  Needs PGHOST etc. of a server with the extension installed.
set -uo pipefail
cd "$(dirname "$0")/../.."
db=cf_readme_$$
work=$(mktemp -d)
trap 'rm -rf "$work"; psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1' EXIT
psql -X -q -d postgres -c "CREATE DATABASE $db" >/dev/null || { echo "readme: 0 passed, 1 failed"; exit 1; }

# Split README into numbered sql blocks and their documented outputs.
awk -v dir="$work" '
	/^```/ {
		if (mode == "") {
			if ($0 == "```sql") { n++; file = dir "/" n ".sql"; mode = "sql" }
			else if ($0 == "```" && last == "sql") { file = dir "/" n ".expected"; mode = "out" }
			else mode = "other"
		} else { last = mode; mode = "" }
		next
	}
	mode == "sql" || mode == "out" { print > file; next }
	mode == "other" { next }
	$0 != "" { last = "" }
' README.md
n=$(ls "$work"/*.sql 2>/dev/null | wc -l)

# The lifetime-model examples read the CDNOW summary of the papers, which lies
# beside the project on developers' machines and in CI, never in a user's clone:
# load it when it is there, else skip the examples that use it.
cdnow="${CF_CDNOW_DIR:-$(pwd)/../shared/data/cdnow}/cdnow_customers_summary_with_transactions.csv"
skip_cdnow=
if [ -f "$cdnow" ]; then
	psql -X -q -d "$db" -v ON_ERROR_STOP=1 \
		-c "CREATE TABLE customers_rfm (customer_id integer, x integer, t_x double precision, t double precision, mean_value double precision)" \
		-c "\\copy customers_rfm FROM '$cdnow' WITH (FORMAT csv, HEADER true)" >/dev/null ||
		{ echo "readme: could not load $cdnow"; skip_cdnow=1; }
else
	echo "readme: ../shared/data/cdnow is absent (as in a user's clone): skipping the examples that use the CDNOW sample"
	skip_cdnow=1
fi
script="$work/all.psql"
: >"$script"
skipped=0
needs='customers_rfm'	# tables the skipped examples would have made, as a grep -E pattern
for i in $(seq 1 "$n"); do
	if [ -n "$skip_cdnow" ] && grep -qwE "$needs" "$work/$i.sql"; then
		skipped=$((skipped + 1)); rm -f "$work/$i.expected"; : >"$work/$i.skip"
		for t in $(sed -nE 's/.*CREATE TABLE ([a-z_0-9]+).*/\1/ip' "$work/$i.sql"); do needs="$needs|$t"; done
		continue
	fi
	printf '\\echo @@block %d\n' "$i" >>"$script"
	cat "$work/$i.sql" >>"$script"
	echo >>"$script"
done
psql -X -q -d "$db" -v ON_ERROR_STOP=0 -f "$script" >"$work/actual.txt" 2>&1
sed -E 's/^psql:[^:]*:[0-9]+: //' "$work/actual.txt" |
	awk -v dir="$work" '/^@@block [0-9]+$/ { file = dir "/" $2 ".actual"; printf "" > file; next } { print > file }' 

# Equal but for floats within 1e-12 relative (the house's rule for floats):
# another libm (a newer glibc on Debian 13+) may round the last digit of
# erfc, lgamma or log differently.  Table rules are ignored (their widths follow
# the values), as are blank lines and "(N rows)"; every other token, integers
# included, must be identical.
same_within_1e12() {
	awk '
		function isfloat(t) { return t ~ /^-?[0-9]+\.[0-9]+([eE][-+]?[0-9]+)?$/ || t ~ /^-?[0-9]+[eE][-+]?[0-9]+$/ }
		function close_enough(a, b,   d, m) {
			d = a - b; if (d < 0) d = -d
			m = (a < 0 ? -a : a); if ((b < 0 ? -b : b) > m) m = (b < 0 ? -b : b)
			return d <= 1e-12 * m
		}
		FNR == 1 { f++ }
		/^[-+]+[ \t]*$/ || /^\([0-9]+ rows?\)[ \t]*$/ || /^[ \t]*$/ { next }
		{ gsub(/[ \t|]+/, " "); sub(/^ /, ""); sub(/ $/, ""); line[f, ++n[f]] = $0 }
		END {
			if (n[1] != n[2]) exit 1
			for (i = 1; i <= n[1]; i++) {
				na = split(line[1, i], a, " "); nb = split(line[2, i], b, " ")
				if (na != nb) exit 1
				for (j = 1; j <= na; j++)
					if (a[j] != b[j] && !(isfloat(a[j]) && isfloat(b[j]) && close_enough(a[j] + 0, b[j] + 0))) exit 1
			}
		}' "$1" "$2"
}

passed=0 failed=0
for i in $(seq 1 "$n"); do
	[ -f "$work/$i.skip" ] && continue
	expected="$work/$i.expected"
	[ -f "$expected" ] || : >"$expected"
	# Trailing blank lines, trailing spaces and psql's "(N rows)" footers are not significant.
	if diff <(sed -e 's/[[:space:]]*$//' -e '/^([0-9]* rows\{0,1\})$/d' "$expected" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}') \
			<(sed -e 's/[[:space:]]*$//' -e '/^([0-9]* rows\{0,1\})$/d' "$work/$i.actual" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}') >"$work/$i.diff"; then
		passed=$((passed + 1))
	elif same_within_1e12 "$expected" "$work/$i.actual"; then
		passed=$((passed + 1))
		echo "README example $i: equal within 1e-12 relative (the last digits of floats differ):"
		sed 's/^/    /' "$work/$i.diff"
	else
		failed=$((failed + 1))
		echo "README example $i differs:"
		sed 's/^/    /' "$work/$i.sql"
		sed 's/^/    /' "$work/$i.diff"
	fi
done
echo "readme: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
