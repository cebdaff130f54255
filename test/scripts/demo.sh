#!/usr/bin/env bash
# The demo (issue 19): demo/generate.sql + demo/report.sql + demo/report_html.sql on the
# default sample of 2,000 customers.  Checks that the text report runs without an error,
# is byte-identical on a second run, is at most 120 characters wide; that the page is
# well-formed XHTML (xmllint, from Debian's libxml2-utils), has no script and fetches
# nothing; and that every table of numbers on the page equals the same figures of the text
# report.  Prints the report's server time (the goal, under 2 s at 2,000 customers, is
# measured here and stated in the README, not asserted).  Prints "demo: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
source scripts/pg.sh
cf_install_packages libxml2-utils
if [ -z "${PGHOST:-}${PGPORT:-}" ]; then cf_setup; cf_start_server; else cf_pg_paths; fi

DB=cf_demo_$$
WORK=$(mktemp -d "${TMPDIR:-/tmp}/customer_focus-demo.XXXXXX")
cleanup() {
	psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1
	[ -n "${CF_KEEP_WORK:-}" ] || rm -rf "$WORK"
	cf_stop_server
}
trap cleanup EXIT
passed=0
failed=0
check() {
	local what=$1; shift
	if "$@"; then echo "ok - $what"; passed=$((passed + 1)); else echo "not ok - $what"; failed=$((failed + 1)); fi
}

psql -X -q -d postgres -c "CREATE DATABASE $DB" &&
	psql -X -q -d "$DB" -c "CREATE EXTENSION customer_focus" &&
	psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -f demo/generate.sql >/dev/null ||
	{ echo "demo: the sample data could not be made"; echo "demo: 0 passed, 1 failed"; exit 1; }

report() {	# $1: text output, $2: page
	psql -X -v ON_ERROR_STOP=1 -d "$DB" -v html_file="$2" -f demo/report.sql -f demo/report_html.sql >"$1" 2>&1
}
t0=$(date +%s%N)
check "the report and the page run without an error" report "$WORK/one.txt" "$WORK/one.html"
t1=$(date +%s%N)
check "the text report is byte-identical on a second run" \
	bash -c "$(declare -f report); DB=$DB; report '$WORK/two.txt' '$WORK/two.html' && cmp '$WORK/one.txt' '$WORK/two.txt'"
check "the page is byte-identical on a second run" cmp "$WORK/one.html" "$WORK/two.html"
check "no line of the text report is wider than 120 characters" \
	bash -c "! LC_ALL=C.UTF-8 grep -q '.\{121\}' '$WORK/one.txt'"
check "the text report shows every section" \
	bash -c "test \$(grep -c '^===' '$WORK/one.txt') -ge 15 && ! grep -q ERROR '$WORK/one.txt'"
check "the page is well-formed XHTML" xmllint --noout "$WORK/one.html"
check "the page has no script and fetches nothing" \
	bash -c "! grep -Eqi '<script|src=|href=|@import|url\\(' '$WORK/one.html'"
check "the page has its charts (inline SVG)" \
	test "$(xmllint --xpath "count(//*[local-name()='svg'])" "$WORK/one.html")" -ge 4

# The rows of table id $2 of page $1, cells joined by '|'.
html_table() {
	local file=$1 t="//*[local-name()='table'][@id='$2']" n r k c line
	n=$(xmllint --xpath "count($t/*[local-name()='tr'])" "$file")
	for ((r = 2; r <= n; r++)); do
		c=$(xmllint --xpath "count($t/*[local-name()='tr'][$r]/*)" "$file")
		line=
		for ((k = 1; k <= c; k++)); do
			line+="$(xmllint --xpath "string($t/*[local-name()='tr'][$r]/*[$k])" "$file")|"
		done
		echo "${line%|}"
	done
}
# Columns $3 (awk fields, e.g. '$1,$2') of the table under the text report's section
# whose title contains $2; cells trimmed, joined by '|'.
text_table() {
	awk -v title="$2" '
		index($0, "===") == 1 { on = index($0, title) > 0; row = 0; next }
		on && /^-+\+/ { row = 1; next }
		on && row && NF == 0 { on = 0 }
		on && row { print }' "$1" |
		awk -F'|' '{ for (i = 1; i <= NF; i++) { gsub(/^ +| +$/, "", $i) } print '"$3"' }' OFS='|'
}
same_table() {	# what, html id, text title, text columns [sort]
	local a b
	a=$(html_table "$WORK/one.html" "$2")
	b=$(text_table "$WORK/one.txt" "$3" "$4")
	if [ -n "${5:-}" ]; then a=$(sort <<<"$a"); b=$(sort <<<"$b"); fi
	if [ -n "$a" ] && [ "$a" = "$b" ]; then return 0; fi
	echo "page:"; echo "$a" | head -5; echo "text report:"; echo "$b" | head -5
	return 1
}
check "NPS per segment: the page's numbers are the text report's" \
	same_table nps 'nps-segments' 'NPS per segment' '$1,$2,$3,$5'
check "the loyalty ladder: the page's numbers are the text report's" \
	same_table ladder 'ladder' 'The loyalty ladder as of' '$1,$2,$3'
check "P(alive) per segment: the page's numbers are the text report's" \
	same_table p-alive 'p-alive-segments' "P(alive) beside the ladder" '$1,$2,$3,$4' sort
check "importance-performance: the page's numbers are the text report's" \
	same_table ipa 'ipa' 'Importance-performance analysis' '$1,$2,$3,$4,$5,$6'
cohort_rows() {	# the cohort chart's rows of the text report: cohort|customers|next %
	awk '/^=== Cohorts/ { on = 1; next } /^===/ { on = 0 } on && $1 ~ /^[0-9][0-9][0-9][0-9]-/ { print $1 "|" $2 "|" $3 }' "$WORK/one.txt"
}
html_table "$WORK/one.html" cohorts >"$WORK/cohorts.page"
cohort_rows >"$WORK/cohorts.text"
check "cohorts: the page's numbers are the text report's" \
	bash -c "test -s '$WORK/cohorts.page' && cmp '$WORK/cohorts.page' '$WORK/cohorts.text'"
check "the P(alive) histogram counts every customer with orders" \
	test "$(html_table "$WORK/one.html" p-alive | awk -F'|' '{ s += $2 } END { print s }')" = \
	     "$(psql -X -At -d "$DB" -c 'SELECT count(DISTINCT customer_id) FROM orders')"

# The README's excerpt (the code block after the "demo excerpt" comment) is part of the report.
excerpt() { awk '/<!-- demo excerpt/ { on = 1; next } on && /^```/ { if (++fence == 2) exit; next } on && fence == 1' README.md; }
in_report() {
	local line n=0
	sed 's/ *$//' "$WORK/one.txt" >"$WORK/trimmed.txt"
	while IFS= read -r line; do
		n=$((n + 1))
		grep -qxF -- "$line" "$WORK/trimmed.txt" || { echo "not in the report: $line"; return 1; }
	done < <(excerpt)
	[ "$n" -ge 3 ]
}
check "the README's excerpt is the report's, line for line" in_report

echo "report and page: $(( (t1 - t0) / 1000000 )) ms wall time at 2,000 customers (psql included)"
echo "demo: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
