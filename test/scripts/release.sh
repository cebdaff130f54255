#!/usr/bin/env bash
# Release hygiene (no server needed):
#   - one version: default_version in customer_focus.control is the source of
#     truth; the Makefile reads it (make print-version), and the written-down
#     mapping holds: extension N.N = PGXN/SemVer N.N.0 (META.json, its provides,
#     the `make dist` archive name) = Debian N.N.0-1 (debian/changelog);
#   - META.json is valid per the PGXN Meta Spec 1.0.0 (test/release/pgxn-meta-v1.jq),
#     and the validator refuses broken variants of it;
#   - META.json's PostgreSQL requirement is the lowest major of debian/pgversions,
#     and an untagged version is not released as "stable";
#   - debian/: the package name pattern, debian/control made from control.in;
#   - CHANGELOG.md: an Unreleased section, a dated entry per released version
#     (dated like its git tag, where the tag is here), tags annotated;
#   - `make dist` from a fresh clone gives customer_focus-<semver>.zip holding
#     customer_focus-<semver>/ with META.json of that version, and fails with a
#     clear message outside a git clone.
# Prints "release: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
source scripts/pg.sh
cf_install_packages jq unzip git make
cf_pg_paths

passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAILED: $*"; }
check() { local what=$1; shift; if "$@"; then pass; else fail "$what"; fi; }
matches() { [[ "$1" =~ $2 ]]; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/customer_focus-release.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
EXT=customer_focus
VALIDATOR=test/release/pgxn-meta-v1.jq

# One version.
extversion=$(sed -nE "s/^default_version *= *'([^']+)'.*/\1/p" $EXT.control)
echo "control file default_version: $extversion"
check "default_version '$extversion' is N.N" matches "$extversion" '^[0-9]+\.[0-9]+$'
semver="$extversion.0"
debversion="$semver-1"
read -r make_ext make_semver < <(make -s --no-print-directory print-version PG_CONFIG="$PG_CONFIG")
check "the Makefile's EXTVERSION ($make_ext) is the control file's ($extversion)" [ "$make_ext" = "$extversion" ]
check "the Makefile's PGXN version ($make_semver) is $semver" [ "$make_semver" = "$semver" ]
meta_version=$(jq -r '.version' META.json)
check "META.json version ($meta_version) is $semver" [ "$meta_version" = "$semver" ]
check "META.json names the distribution $EXT" [ "$(jq -r '.name' META.json)" = "$EXT" ]
check "META.json provides $EXT $semver from $EXT.control" \
	[ "$(jq -r --arg e $EXT '.provides[$e] | "\(.version) \(.file)"' META.json)" = "$semver $EXT.control" ]
for k in file docfile; do
	f=$(jq -r --arg e $EXT --arg k $k '.provides[$e][$k] // empty' META.json)
	[ -n "$f" ] && check "META.json provides.$EXT.$k ($f) is in the tree" [ -f "$f" ]
done
deb_top=$(head -1 debian/changelog)
check "debian/changelog's newest entry ($deb_top) is customer-focus ($debversion)" \
	matches "$deb_top" "^customer-focus \\($debversion\\) "
check "debian/control's source is customer-focus" grep -qx 'Source: customer-focus' debian/control
check "debian/control.in: one package, postgresql-PGVERSION-customer-focus" \
	[ "$(grep '^Package: ' debian/control.in)" = 'Package: postgresql-PGVERSION-customer-focus' ]
if command -v pg_buildext >/dev/null; then
	# checkcontrol compares debian/control with what control.in makes for the majors supported here.
	cp -r debian "$WORK/debian"
	check "debian/control is up to date with control.in (pg_buildext checkcontrol)" \
		bash -c "cd '$WORK' && pg_buildext checkcontrol >/dev/null"
fi

# META.json against the spec.
errors=$(jq -r -f "$VALIDATOR" META.json 2>&1)
check "META.json is valid per the PGXN Meta Spec 1.0.0${errors:+: $errors}" [ -z "$errors" ]
# The validator is not a yes-machine: each broken variant must be refused.
while IFS='|' read -r change expect; do
	[ -n "$change" ] || continue
	out=$(jq "$change" META.json | jq -r -f "$VALIDATOR" 2>&1)
	check "the validator refuses META.json with $change (expected '$expect', got '$out')" grep -qF "$expect" <<<"$out"
done <<'EOF'
del(.license)|required key "license" is missing
del(.provides)|required key "provides" is missing
.version = "1.1"|is not a semantic version
.license = "PostgreSQL License"|is neither a known license name
.maintainer = []|maintainer must be
.name = "customer focus"|is not a term
.tags = ["a/b"]|tag "a/b"
del(.provides.customer_focus.file)|provides.customer_focus.file is required
.provides.customer_focus.version = "1.1"|provides.customer_focus.version "1.1" is not a semantic version
.release_status = "beta"|release_status "beta"
.homepage = "https://example.org"|unknown key "homepage"
.prereqs.runtime.requires.PostgreSQL = "15"|is not a version range
.prereqs.runtime.depends = {"PostgreSQL": "15.0.0"}|unknown relationship "depends"
.["meta-spec"].version = "2.0.0"|is not 1.0.x
.resources = {}|resources needs homepage, bugtracker or repository
.resources = {"repository": {"url": "https://git.example.org/cf.git"}}|needs url and type, or web
EOF
# And accepts what the spec allows beside our choices.
while read -r change; do
	[ -n "$change" ] || continue
	out=$(jq "$change" META.json | jq -r -f "$VALIDATOR" 2>&1)
	check "the validator accepts META.json with $change (got '$out')" [ -z "$out" ]
done <<'EOF'
.maintainer = "someone <someone@example.org>"
.license = {"PostgreSQL": "https://www.postgresql.org/about/licence"}
.prereqs.runtime.requires.PostgreSQL = ">= 15.0.0, < 19.0.0"
.x_note = "custom keys are allowed"
.resources = {"bugtracker": {"mailto": "bugs@example.org"}}
EOF

# What META.json claims.
pg_min=$(jq -r '.prereqs.runtime.requires.PostgreSQL // empty' META.json)
deb_min=$(grep -vE '^(#|$)' debian/pgversions | sed -nE 's/^([0-9]+)\+?$/\1/p' | sort -n | head -1)
check "META.json requires PostgreSQL $pg_min = $deb_min.0.0, the lowest major of debian/pgversions" [ "$pg_min" = "$deb_min.0.0" ]
# A stable release has its dated CHANGELOG.md entry; until then its changes
# are Unreleased and META.json does not call it stable.
status=$(jq -r '.release_status // "stable"' META.json)
if grep -qE "^## \[$semver\] - [0-9]{4}-[0-9]{2}-[0-9]{2}$" CHANGELOG.md; then
	echo "note: CHANGELOG.md dates $semver: META.json's release_status is $status"
else
	check "$semver has no dated CHANGELOG.md entry (unreleased), so META.json's release_status ($status) is not stable" [ "$status" != stable ]
fi

# CHANGELOG.md
check "CHANGELOG.md has an Unreleased section" grep -qx '## \[Unreleased\]' CHANGELOG.md
for f in src/sql/released/$EXT--*.sql; do
	[ -e "$f" ] || continue
	v=$(basename "$f" .sql); v=${v#$EXT--}
	line=$(grep -E "^## \[$v\.0\] - [0-9]{4}-[0-9]{2}-[0-9]{2}$" CHANGELOG.md)
	check "CHANGELOG.md has a dated entry for the released $v ($v.0)" [ -n "$line" ]
	if git rev-parse -q --verify "refs/tags/v$v" >/dev/null 2>&1; then
		check "tag v$v is annotated" [ "$(git cat-file -t "v$v")" = tag ]
		tagdate=$(git log -1 --format=%ad --date=short "v$v^{commit}")
		check "CHANGELOG.md dates $v.0 like its tag's commit ($tagdate)" [ "${line##* - }" = "$tagdate" ]
	else
		echo "note: no git tag v$v here (a clone without tags): its changelog date is not compared"
	fi
done

# make dist: from a fresh clone of the committed tree, and outside git.
if git rev-parse -q --verify HEAD >/dev/null 2>&1; then
	git clone -q --no-hardlinks "$(git rev-parse --show-toplevel)" "$WORK/clone" 2>/dev/null &&
		git -C "$WORK/clone" checkout -q "$(git rev-parse HEAD)" 2>/dev/null
	if make -s --no-print-directory -C "$WORK/clone" dist PG_CONFIG="$PG_CONFIG" >"$WORK/dist.log" 2>&1; then
		zip="$WORK/clone/$EXT-$semver.zip"
		check "make dist made $EXT-$semver.zip" [ -f "$zip" ]
		if [ -f "$zip" ]; then
			unzip -Z1 "$zip" >"$WORK/zip.list"
			check "every path of the archive is under $EXT-$semver/" bash -c "! grep -qv '^$EXT-$semver/' '$WORK/zip.list'"
			for f in META.json $EXT.control Makefile README.md LICENSE CHANGELOG.md debian/control; do
				check "the archive holds $EXT-$semver/$f" grep -qx "$EXT-$semver/$f" "$WORK/zip.list"
			done
			check "the archive's META.json says $semver" [ "$(unzip -p "$zip" "$EXT-$semver/META.json" | jq -r .version)" = "$semver" ]
			check "the archive holds the committed files, and no build output" \
				[ "$(grep -vc '/$' "$WORK/zip.list")" = "$(git -C "$WORK/clone" ls-files | wc -l)" ]
		fi
	else
		cat "$WORK/dist.log"; fail "make dist in a fresh clone"
	fi
else
	echo "note: not a git clone: make dist is only checked to refuse"
fi
# An unpacked copy of the tree without .git (as from a tarball).
mkdir "$WORK/nogit"
if git rev-parse -q --verify HEAD >/dev/null 2>&1; then
	git ls-files -z | xargs -0 cp --parents -t "$WORK/nogit"
else
	cp -a . "$WORK/nogit"; rm -rf "$WORK/nogit/.git"
fi
if (cd "$WORK/nogit" && GIT_CEILING_DIRECTORIES="$WORK" make -s --no-print-directory dist PG_CONFIG="$PG_CONFIG") >"$WORK/nogit.log" 2>&1; then
	fail "make dist outside a git clone succeeded"
else
	check "make dist outside a git clone fails, saying why ($(head -1 "$WORK/nogit.log"))" grep -q 'not the top of a git clone' "$WORK/nogit.log"
fi

echo "release: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
