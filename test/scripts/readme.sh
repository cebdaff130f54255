#!/usr/bin/env bash
# Runs every ```sql block of README.md, of each doc/*.md and of each
# doc/reference/*.md (the reference of each family), in order, one session of a
# fresh database per file (so each file creates the tables it uses), and compares what each prints with the
# ``` block that follows it (no block: it must print nothing).  Then checks
# the links between those files (and CONTRIBUTING.md, CHANGELOG.md): every
# relative link names a file that exists, and every #anchor a heading of it;
# and every repository path they name in a code span exists.
# Keeps the documentation true to the code.  Needs PGHOST etc. of a server
# with the extension installed.
set -uo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
dbs=()
cleanup() {
	rm -rf "$work"
	for db in "${dbs[@]}"; do psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1; done
}
trap cleanup EXIT

docs=(README.md $(ls doc/*.md doc/reference/*.md 2>/dev/null | LC_ALL=C sort))

# The lifetime-model examples read the CDNOW summary of the papers, which lies
# beside the project on developers' machines and in CI, never in a user's clone:
# load it when it is there, else skip the examples that use it.
cdnow="${CF_CDNOW_DIR:-$(pwd)/../shared/data/cdnow}/cdnow_customers_summary_with_transactions.csv"
if [ ! -f "$cdnow" ]; then
	echo "readme: ../shared/data/cdnow is absent (as in a user's clone): skipping the examples that use the CDNOW sample"
fi

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

passed=0 failed=0 skipped=0

# run_file FILE: every sql block of FILE in one session of a new database.
run_file() {
	local doc=$1 dir db n i skip_cdnow needs expected
	dir="$work/$(echo "$doc" | tr '/.' '__')"
	mkdir -p "$dir"
	db="cf_readme_$$_${#dbs[@]}"
	dbs+=("$db")
	psql -X -q -d postgres -c "CREATE DATABASE $db" >/dev/null || { failed=$((failed + 1)); echo "$doc: could not create a database"; return; }

	# Split the file into numbered sql blocks and their documented outputs.
	awk -v dir="$dir" '
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
	' "$doc"
	n=$(ls "$dir"/*.sql 2>/dev/null | wc -l)
	[ "$n" -gt 0 ] || return

	skip_cdnow=
	if [ -f "$cdnow" ]; then
		psql -X -q -d "$db" -v ON_ERROR_STOP=1 \
			-c "CREATE TABLE customers_rfm (customer_id integer, x integer, t_x double precision, t double precision, mean_value double precision)" \
			-c "\\copy customers_rfm FROM '$cdnow' WITH (FORMAT csv, HEADER true)" >/dev/null ||
			{ echo "readme: could not load $cdnow"; skip_cdnow=1; }
	else
		skip_cdnow=1
	fi
	: >"$dir/all.psql"
	needs='customers_rfm'	# tables the skipped examples would have made, as a grep -E pattern
	for i in $(seq 1 "$n"); do
		if [ -n "$skip_cdnow" ] && grep -qwE "$needs" "$dir/$i.sql"; then
			skipped=$((skipped + 1)); rm -f "$dir/$i.expected"; : >"$dir/$i.skip"
			for t in $(sed -nE 's/.*CREATE TABLE ([a-z_0-9]+).*/\1/ip' "$dir/$i.sql"); do needs="$needs|$t"; done
			continue
		fi
		printf '\\echo @@block %d\n' "$i" >>"$dir/all.psql"
		cat "$dir/$i.sql" >>"$dir/all.psql"
		echo >>"$dir/all.psql"
	done
	psql -X -q -d "$db" -v ON_ERROR_STOP=0 -f "$dir/all.psql" >"$dir/actual.txt" 2>&1
	sed -E 's/^psql:[^:]*:[0-9]+: //' "$dir/actual.txt" |
		awk -v dir="$dir" '/^@@block [0-9]+$/ { file = dir "/" $2 ".actual"; printf "" > file; next } { print > file }'

	for i in $(seq 1 "$n"); do
		[ -f "$dir/$i.skip" ] && continue
		expected="$dir/$i.expected"
		[ -f "$expected" ] || : >"$expected"
		[ -f "$dir/$i.actual" ] || : >"$dir/$i.actual"
		# Trailing blank lines, trailing spaces and psql's "(N rows)" footers are not significant.
		if diff <(sed -e 's/[[:space:]]*$//' -e '/^([0-9]* rows\{0,1\})$/d' "$expected" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}') \
				<(sed -e 's/[[:space:]]*$//' -e '/^([0-9]* rows\{0,1\})$/d' "$dir/$i.actual" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}') >"$dir/$i.diff"; then
			passed=$((passed + 1))
		elif same_within_1e12 "$expected" "$dir/$i.actual"; then
			passed=$((passed + 1))
			echo "$doc example $i: equal within 1e-12 relative (the last digits of floats differ):"
			sed 's/^/    /' "$dir/$i.diff"
		else
			failed=$((failed + 1))
			echo "$doc example $i differs:"
			sed 's/^/    /' "$dir/$i.sql"
			sed 's/^/    /' "$dir/$i.diff"
		fi
	done
}

for doc in "${docs[@]}"; do run_file "$doc"; done

# Every SQL function and aggregate of the extension has an example: its name
# appears in a ```sql block (all of them, the CDNOW ones too, so that a
# user's clone checks the same).  Not counted: the support functions of the
# types and aggregates, and the deprecated 1.0 aliases (COMMENT "Deprecated
# alias of ..."), which the README lists in a table instead.
db="cf_readme_$$_names"
dbs+=("$db")
cat "$work"/*/[0-9]*.sql >"$work/all_examples.sql" 2>/dev/null
if psql -X -q -d postgres -c "CREATE DATABASE $db" >/dev/null &&
		psql -X -q -d "$db" -c "CREATE EXTENSION customer_focus" >/dev/null; then
	psql -X -q -At -d "$db" >"$work/names.txt" <<'SQL'
SELECT DISTINCT p.proname
FROM pg_proc p
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'customer_focus'
WHERE p.proname NOT LIKE 'cf\_%'
  AND coalesce(obj_description(p.oid, 'pg_proc'), '') NOT LIKE 'Deprecated alias%'
  AND NOT EXISTS (SELECT FROM pg_aggregate a
                  WHERE p.oid IN (a.aggtransfn, a.aggfinalfn, a.aggcombinefn, a.aggserialfn,
                                  a.aggdeserialfn, a.aggmtransfn, a.aggminvtransfn, a.aggmfinalfn))
  AND NOT EXISTS (SELECT FROM pg_type t
                  WHERE p.oid IN (t.typinput, t.typoutput, t.typreceive, t.typsend))
ORDER BY 1
SQL
	missing=$(while read -r name; do
		grep -qiE "(^|[^a-z0-9_])${name}([^a-z0-9_]|\$)" "$work/all_examples.sql" || echo "$name"
	done <"$work/names.txt")
	if [ -s "$work/names.txt" ] && [ -z "$missing" ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "functions of the extension without an example in a sql block of README.md, doc/*.md or doc/reference/*.md:" $missing
	fi
	# And every one of them, and every type of the extension, has its line in
	# the README's index (its "## Reference" section, before "## Performance"),
	# which links to the family's page in doc/reference/.
	psql -X -q -At -d "$db" >>"$work/names.txt" <<'SQL'
SELECT t.typname
FROM pg_type t
JOIN pg_depend d ON d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'customer_focus'
WHERE t.typcategory <> 'A'  -- PostgreSQL 17+ records the array types as members too
ORDER BY 1
SQL
	awk '/^## / { on = ($0 == "## Reference") } on' README.md >"$work/index.md"
	unindexed=$(while read -r name; do
		grep -qE "\`([^\`]*[^a-z0-9_\`])?${name}([^a-z0-9_][^\`]*)?\`" "$work/index.md" || echo "$name"
	done <"$work/names.txt")
	if [ -s "$work/index.md" ] && [ -z "$unindexed" ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "SQL objects of the extension without a line in the README's Reference index:" $unindexed
	fi
else
	failed=$((failed + 1)); echo "readme: could not create the extension to list its functions"
fi

# Links: [text](target) outside code; a target without a scheme must be an
# existing file (relative to the linking file), and its #anchor a heading
# there, by GitHub's rule (lower case; punctuation but - and _ dropped;
# spaces to -; a repeated heading gets -1, -2, ...).  And every repository
# path the README and doc/ name in a code span must exist.
# The files that may name a README section in words.
CF_README_MENTIONS=$( (git ls-files 2>/dev/null || find . -type f | sed 's|^\./||') |
	grep -E '^(CONTRIBUTING|CHANGELOG)\.md$|^doc/.*\.md$|^(test|demo|sql|scripts)/.*\.(sh|sql|py)$')
export CF_README_MENTIONS
links=$(perl -CSD -e '
	use strict; use warnings;
	use File::Basename qw(dirname);
	use File::Spec;
	my %anchors;
	sub anchors {
		my ($f) = @_;
		return $anchors{$f} if $anchors{$f};
		my (%seen, %a, $fence);
		open(my $fh, "<:encoding(UTF-8)", $f) or return {};
		while (<$fh>) {
			if (/^```/) { $fence = !$fence; next }
			next if $fence || !/^#+\s+(.*?)\s*$/;
			my $s = lc $1;
			$s =~ s/[^\p{L}\p{N}\s_-]//g;
			$s =~ s/\s/-/g;
			my $k = $seen{$s}++ ? "$s-" . ($seen{$s} - 1) : $s;
			$a{$k} = 1;
		}
		return $anchors{$f} = \%a;
	}
	my ($ok, $bad) = (0, 0);
	for my $f (@ARGV) {
		open(my $fh, "<:encoding(UTF-8)", $f) or next;
		my $fence;
		while (my $line = <$fh>) {
			my $ln = $.;
			if ($line =~ /^\s*```/) { $fence = !$fence; next }
			next if $fence;
			# A repository path in a code span (README and doc/ only) must exist:
			# renamed files leave no stale mention.  Not paths: placeholders
			# (<version>, NN, A--B, *), what a run makes (test/fuzz/out/) and
			# the Citus source files (src/backend/, src/include/).
			if ($f =~ m{^(README\.md|doc/)}) {
				while ($line =~ /`((?:src|sql|expected|test|doc|demo|debian|scripts)\/[^`\s]*)`/g) {
					my $p = $1;
					next if $p =~ m{[<>*{}]|NN|A--B|^test/fuzz/out/|^src/backend/|^src/include/|\.\.\.};
					if (!-e $p) { print "$f:$ln: names a missing file: $p\n"; $bad++; }
				}
			}
			$line =~ s/`[^`]*`//g;
			while ($line =~ /\[[^\]]*\]\(([^)\s]+)\)/g) {
				my $t = $1;
				next if $t =~ m{^[a-z]+:};
				my ($path, $anchor) = split /#/, $t, 2;
				my $target = $path eq "" ? $f : File::Spec->canonpath(dirname($f) . "/" . $path);
				if (!-e $target) { print "$f:$ln: link to a missing file: $t\n"; $bad++; next }
				if (defined $anchor && !anchors($target)->{$anchor}) {
					print "$f:$ln: link to a missing heading: $t\n"; $bad++; next;
				}
				$ok++;
			}
		}
	}
	# Sections named in words elsewhere (README "Installation", the README'"'"'s
	# "Deprecated names" table) must be headings of the README.
	my %heading;
	{
		open(my $fh, "<:encoding(UTF-8)", "README.md") or die;
		my $fence;
		while (<$fh>) {
			if (/^```/) { $fence = !$fence; next }
			next if $fence || !/^#+\s+(.*?)\s*$/;
			(my $h = lc $1) =~ s/`//g;
			$heading{$h} = 1;
		}
	}
	for my $f (split /\n/, $ENV{CF_README_MENTIONS} // "") {
		open(my $fh, "<:encoding(UTF-8)", $f) or next;
		local $/;
		my $text = <$fh>;
		$text =~ s/\n(?:--|#)?\s*/ /g;
		while ($text =~ /README(?:\x27s)?,? "([^"]+)"/g) {
			my $name = lc $1;
			if (grep { $_ eq $name || index($_, "$name ") == 0 || index($_, "$name:") == 0 } keys %heading) { $ok++; }
			else { print "$f: names a README section that does not exist: \"$1\"\n"; $bad++; }
		}
	}
	print "links: $ok ok, $bad broken\n";
' "${docs[@]}" CONTRIBUTING.md CHANGELOG.md)
echo "$links" | grep -v '^links: ' || true
if echo "$links" | grep -q '^links: [0-9]* ok, 0 broken$'; then passed=$((passed + 1)); else failed=$((failed + 1)); fi

echo "readme: $passed passed, $failed failed, $skipped skipped (${#docs[@]} files: ${docs[*]})"
[ "$failed" -eq 0 ]
