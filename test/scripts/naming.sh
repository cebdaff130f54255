#!/usr/bin/env bash
# The naming table (CONTRIBUTING.md, "Naming table") against the installed catalogue.
# test/naming_table.txt holds the table one name a line; this test checks
#   - the list has exactly the names of the table in CONTRIBUTING.md (every backticked
#     name of its rows), and every deprecated name is in the README's "Deprecated names";
#   (a) every user-facing name of the installed extension (its functions, aggregates and
#       types found through pg_depend, less the internal cf_* and <type>_in/_out/_send/
#       _recv functions of rule 8) is in the list as current or deprecated, every current
#       name is installed, no planned or gone name is;
#   (b) no one-word name except nps, csat, ces and rollup, and the deprecated 1.0 names;
#   (c) every deprecated alias says "Deprecated alias of <new>" in its comment, <new> is one
#       of its new names in the list, and it returns what <new> returns (value or SQLSTATE)
#       on sample values of its argument types (test/type_samples.txt and a few constants):
#       with the same arguments where <new> has the alias's argument types (the same C
#       function: then also the same volatility, strictness and parallel safety), else the
#       expression of the comment with `state` bound to the alias's argument;
#   (d) a name is both an aggregate and a function only as rule 3's one-step aggregate
#       (a function of that name takes the aggregate's state type and returns its result
#       type), and both a type and a function only as rule 2 allows;
#   (e) rule 8: every cf_* function is a support function of an aggregate, every support
#       function is a cf_* one or the accessor its one-step aggregate is named after, and the
#       base types' I/O functions are <type>_in/_out/_recv/_send.  (The family part of the
#       1.0 support functions' names, cf_rt_*, cf_gg_*, cf_level_*, stays: the released
#       script names their C symbols.)
# Prints "naming: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
source scripts/pg.sh
if [ -z "${PGHOST:-}${PGPORT:-}" ]; then cf_setup; cf_start_server; else cf_pg_paths; fi

EXT=customer_focus
DB=cf_naming_$$
LIST=test/naming_table.txt
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1; cf_stop_server' EXIT
passed=0
failed=0
check() {	# check <what> <offending items, one a line; empty = pass>
	if [ -z "$2" ]; then passed=$((passed + 1)); else failed=$((failed + 1)); printf 'FAILED: %s:\n%s\n' "$1" "$2"; fi
}
q() { psql -X -q -v ON_ERROR_STOP=1 -At -d "$DB" "$@"; }

# The table's names in CONTRIBUTING.md: the leading identifier of every `...` in its rows.
table=$(sed -n '/^### The table/,/^#/p' CONTRIBUTING.md | grep '^|' | grep -oE '`[^`]+`' |
	sed -E 's/`//g; s/^([a-z_0-9*]+).*/\1/' | sort -u)
listed=$(grep -vE '^\s*(#|$)' "$LIST" | awk '$2 != "gone" { print $1 }' | sort -u)
check "names of the table in CONTRIBUTING.md missing from $LIST" "$(comm -23 <(echo "$table") <(echo "$listed"))"
check "names of $LIST missing from the table in CONTRIBUTING.md" "$(comm -13 <(echo "$table") <(echo "$listed"))"
bad=$(grep -vE '^\s*(#|$)' "$LIST" | awk '$2 !~ /^(current|deprecated|both|planned|gone)$/ || (($2 == "deprecated" || $2 == "both") != ($3 != ""))')
check "lines of $LIST with an unknown status or a missing/extra new name" "$bad"

# Every deprecated name is in the README's "Deprecated names" section.
deprecated=$(grep -vE '^\s*(#|$)' "$LIST" | awk '$2 == "deprecated" || $2 == "both" { print $1 }' | sort -u)
readme_section=$(awk '/^#+ .*Deprecated names/ { on = 1; next } /^#/ { on = 0 } on' README.md)
missing=""
for n in $deprecated; do
	grep -qE "\`$n\(" <<<"$readme_section" || missing+="$n"$'\n'
done
check "deprecated names not in the README's \"Deprecated names\" section" "${missing%$'\n'}"

psql -X -q -d postgres -c "CREATE DATABASE $DB" >/dev/null && q -c "CREATE EXTENSION $EXT" >/dev/null ||
	{ echo "naming: $passed passed, $((failed + 1)) failed"; exit 1; }

# The list and the catalogue's user-facing objects, in tables.
q >/dev/null <<SQL
CREATE TABLE listed (name text, status text, new_names text[]);
CREATE TABLE members AS
SELECT 'function' AS kind, p.oid AS oid, p.proname::text AS name, p.prokind, p.oid::regprocedure::text AS signature,
       obj_description(p.oid, 'pg_proc') AS comment
FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = '$EXT'
JOIN pg_proc p ON d.classid = 'pg_proc'::regclass AND p.oid = d.objid
WHERE d.deptype = 'e'
UNION ALL
SELECT 'type', t.oid, t.typname::text, NULL, t.oid::regtype::text, obj_description(t.oid, 'pg_type')
FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = '$EXT'
JOIN pg_type t ON d.classid = 'pg_type'::regclass AND t.oid = d.objid
WHERE d.deptype = 'e' AND NOT EXISTS (SELECT FROM pg_type a WHERE a.typarray = t.oid);
-- Rule 8: support functions cf_*, and the I/O functions <type>_in/_out/_send/_recv.
CREATE TABLE user_facing AS
SELECT * FROM members m
WHERE NOT (m.kind = 'function' AND (m.name LIKE 'cf\_%'
           OR EXISTS (SELECT FROM members t WHERE t.kind = 'type' AND m.name ~ ('^' || t.name || '_(in|out|send|recv)$'))));
SQL
grep -vE '^\s*(#|$)' "$LIST" | awk '{ printf "%s\t%s\t{%s}\n", $1, $2, $3 }' | q -c "\\copy listed FROM STDIN"

check "(a) installed names not in the naming table" "$(q -c "
	SELECT DISTINCT kind || ' ' || signature FROM user_facing u
	WHERE NOT EXISTS (SELECT FROM listed l WHERE l.name = u.name AND l.status IN ('current', 'deprecated', 'both'))
	ORDER BY 1")"
check "(a) current names of the table not installed" "$(q -c "
	SELECT name FROM listed l WHERE status IN ('current', 'both') AND name NOT IN (SELECT name FROM user_facing) ORDER BY 1")"
check "(a) planned names installed (a feature that installs one marks it current)" "$(q -c "
	SELECT u.signature FROM user_facing u JOIN listed l ON l.status = 'planned'
	  AND (u.name = l.name OR (l.name LIKE '%*' AND u.name LIKE replace(l.name, '*', '%'))) ORDER BY 1")"
check "(a) names renamed before release still installed" "$(q -c "
	SELECT signature FROM user_facing u JOIN listed l ON l.status = 'gone' AND u.signature = l.name ORDER BY 1")"

# (b) One-word names: the survey metrics, rollup and the deprecated 1.0 names only.
check "(b) one-word names beyond rule 1's nps, csat, ces, rollup" "$(q -c "
	SELECT kind || ' ' || signature FROM user_facing
	WHERE name !~ '_' AND name NOT IN ('nps', 'csat', 'ces', 'rollup')
	  AND coalesce(comment, '') !~ '^Deprecated alias of '
	ORDER BY 1")"

# (c) The aliases: comments, names, catalogue identity.
check "(c) functions of a deprecated-only name without the comment \"Deprecated alias of <new>\"" "$(q -c "
	SELECT u.signature FROM user_facing u JOIN listed l ON l.name = u.name AND l.status = 'deprecated'
	WHERE coalesce(u.comment, '') !~ '^Deprecated alias of ' ORDER BY 1")"
check "(c) aliases whose comment names no new name of theirs in the list" "$(q -c "
	SELECT u.signature || ': ' || u.comment FROM user_facing u
	WHERE u.comment ~ '^Deprecated alias of '
	  AND NOT EXISTS (SELECT FROM listed l WHERE l.name = u.name AND l.status IN ('deprecated', 'both')
	                  AND substring(u.comment FROM '^Deprecated alias of ([a-z_0-9]+)') = ANY (l.new_names))
	ORDER BY 1")"
check "(c) aliases whose new name is not installed" "$(q -c "
	SELECT u.signature FROM user_facing u WHERE u.comment ~ '^Deprecated alias of '
	  AND NOT EXISTS (SELECT FROM user_facing n WHERE n.name = substring(u.comment FROM '^Deprecated alias of ([a-z_0-9]+)')
	                  AND n.comment !~ '^Deprecated alias of ')
	ORDER BY 1")"
check "(c) C aliases that differ from their new name in more than the name" "$(q -c "
	SELECT a.oid::regprocedure::text FROM user_facing u JOIN pg_proc a ON a.oid = u.oid
	JOIN pg_proc n ON n.proname = substring(u.comment FROM '^Deprecated alias of ([a-z_0-9]+)')
	  AND n.proargtypes = a.proargtypes AND n.pronamespace = a.pronamespace
	WHERE u.comment ~ '^Deprecated alias of ' AND a.prolang = (SELECT oid FROM pg_language WHERE lanname = 'c')
	  AND (a.prosrc, a.probin, a.prokind, a.provolatile, a.proisstrict, a.proparallel, a.proretset, a.prorettype,
	       a.pronargdefaults, coalesce(pg_get_expr(a.proargdefaults, 0), ''))
	   IS DISTINCT FROM (n.prosrc, n.probin, n.prokind, n.provolatile, n.proisstrict, n.proparallel, n.proretset,
	       n.prorettype, n.pronargdefaults, coalesce(pg_get_expr(n.proargdefaults, 0), ''))
	ORDER BY 1")"

# (c) Values: samples per argument type (the extension's types from test/type_samples.txt).
q >/dev/null <<'SQL'
CREATE TABLE samples (typ regtype, expr text);
INSERT INTO samples VALUES
  ('integer', '0'), ('integer', '2'), ('integer', 'NULL'),
  ('bigint', '4'), ('bigint', 'NULL'),
  ('double precision', '0.5'), ('double precision', '38.86'), ('double precision', 'NULL'),
  ('double precision[]', '''{1,2,3,4}'''),
  ('timestamptz', '''2025-01-01 00:00+00'''), ('timestamptz', 'NULL'),
  ('interval', '''20 seconds'''), ('interval', '''1 minute'''),
  ('numeric', '1'), ('text', '''UTC''');
-- The outcome of a query of one value: its text, NULL, or the error's SQLSTATE.
CREATE FUNCTION outcome(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE result text;
BEGIN
    EXECUTE query INTO result;
    RETURN coalesce(result, 'NULL');
EXCEPTION WHEN OTHERS THEN RETURN 'ERROR ' || SQLSTATE;
END $$;
SQL
while read -r typ expr; do
	case "$typ" in '' | '#'*) continue ;; esac
	[ "$(q -c "SELECT to_regtype('$typ') IS NOT NULL")" = t ] || continue
	q -c "INSERT INTO samples VALUES (\$t\$$typ\$t\$, \$e\$$expr\$e\$)" >/dev/null
done < test/type_samples.txt

# Every alias against its new name: one comparison query per combination of samples
# (at most 64 per alias, taken evenly), the outcomes compared.
q >/dev/null <<'SQL'
CREATE TABLE comparisons AS
WITH aliases AS (
  SELECT a.oid, a.proname::text AS name, a.prokind, a.proretset, string_to_array(a.proargtypes::text, ' ')::oid[] AS args, u.comment,
         substring(u.comment FROM '^Deprecated alias of ([a-z_0-9]+)') AS new_name,
         substring(u.comment FROM '^Deprecated alias of ([a-z_0-9]+\([^)]*\))') AS new_expr,
         EXISTS (SELECT FROM pg_proc n WHERE n.proname = substring(u.comment FROM '^Deprecated alias of ([a-z_0-9]+)')
                 AND n.proargtypes = a.proargtypes AND n.pronamespace = a.pronamespace) AS same_args
  FROM user_facing u JOIN pg_proc a ON a.oid = u.oid
  WHERE u.comment ~ '^Deprecated alias of '
),
combos AS (
  -- every combination of the samples of the argument types, as an array of expressions
  SELECT a.oid, c.exprs, row_number() OVER (PARTITION BY a.oid ORDER BY c.exprs) AS k,
         count(*) OVER (PARTITION BY a.oid) AS n
  FROM aliases a
  CROSS JOIN LATERAL (
    WITH RECURSIVE r(i, exprs) AS (
      SELECT 0, ARRAY[]::text[]
      UNION ALL
      SELECT r.i + 1, r.exprs || format('(%s)::%s', s.expr, s.typ)
      FROM r JOIN samples s ON s.typ = a.args[r.i + 1]
      WHERE r.i < cardinality(a.args)
    )
    SELECT exprs FROM r WHERE i = cardinality(a.args)
  ) c
)
SELECT a.oid::regprocedure::text AS alias, c.exprs,
       CASE WHEN a.prokind = 'a' THEN
              format('SELECT %I(%s)::text', a.name, array_to_string(c.exprs, ', '))
            WHEN a.proretset THEN
              format('SELECT array_agg(x::text ORDER BY x::text)::text FROM %I(%s) x', a.name, array_to_string(c.exprs, ', '))
            ELSE format('SELECT %I(%s)::text', a.name, array_to_string(c.exprs, ', ')) END AS old_query,
       CASE WHEN NOT a.same_args THEN
              format('SELECT %s::text', regexp_replace(a.new_expr, '\mstate\M', c.exprs[1], 'g'))
            WHEN a.prokind = 'a' THEN
              format('SELECT %I(%s)::text', a.new_name, array_to_string(c.exprs, ', '))
            WHEN a.proretset THEN
              format('SELECT array_agg(x::text ORDER BY x::text)::text FROM %I(%s) x', a.new_name, array_to_string(c.exprs, ', '))
            ELSE format('SELECT %I(%s)::text', a.new_name, array_to_string(c.exprs, ', ')) END AS new_query
FROM aliases a JOIN combos c ON c.oid = a.oid
WHERE c.n <= 64 OR c.k % (c.n / 64 + 1) = 0;
SQL
check "(c) aliases with argument types that have no sample here" "$(q -c "
	SELECT u.signature FROM user_facing u WHERE u.comment ~ '^Deprecated alias of '
	  AND u.signature NOT IN (SELECT alias FROM comparisons) ORDER BY 1")"
q -c "CREATE TABLE outcomes AS SELECT alias, old_query, new_query, outcome(old_query) AS o, outcome(new_query) AS n FROM comparisons" >/dev/null
check "(c) aliases that return something else than their new name" "$(q -c "
	SELECT alias || ': ' || old_query || ' -> ' || o || ', but ' || new_query || ' -> ' || n
	FROM outcomes WHERE o IS DISTINCT FROM n ORDER BY 1 LIMIT 20")"
check "(c) aliases compared on no sample that gives a value (only NULLs and errors)" "$(q -c "
	SELECT alias FROM outcomes GROUP BY alias HAVING count(*) FILTER (WHERE o <> 'NULL' AND o NOT LIKE 'ERROR %') = 0 ORDER BY 1")"
echo "(c) compared $(q -c "SELECT count(*) || ' calls of ' || count(DISTINCT alias) || ' aliases (' || count(*) FILTER (WHERE o <> 'NULL' AND o NOT LIKE 'ERROR %') || ' values, ' || count(*) FILTER (WHERE o = 'NULL') || ' NULLs, ' || count(*) FILTER (WHERE o LIKE 'ERROR %') || ' errors)' FROM outcomes") with their new names"

# (d) Aggregates that share a name with a function: rule 3's one-step form only.
check "(d) aggregates named like a function that is not their accessor (rule 3)" "$(q -c "
	SELECT a.oid::regprocedure::text FROM user_facing u JOIN pg_proc a ON a.oid = u.oid AND a.prokind = 'a'
	JOIN pg_aggregate g ON g.aggfnoid = a.oid
	WHERE EXISTS (SELECT FROM user_facing f JOIN pg_proc p ON p.oid = f.oid AND p.prokind = 'f' WHERE f.name = u.name)
	  AND NOT EXISTS (SELECT FROM pg_proc p WHERE p.proname = a.proname AND p.prokind = 'f'
	                  AND p.pronamespace = a.pronamespace AND p.proargtypes[0] = g.aggtranstype
	                  AND p.pronargs - p.pronargdefaults <= 1 AND p.prorettype = a.prorettype)
	ORDER BY 1")"
check "(d) names both a type and a function beyond rule 2's" "$(q -c "
	SELECT DISTINCT t.name FROM user_facing t JOIN user_facing f ON f.name = t.name AND f.kind = 'function'
	WHERE t.kind = 'type'
	  AND t.name NOT IN ('customer_profile', 'loyalty_ladder', 'loyalty_stage', 'service_level', 'segment_report', 'nps_trend')
	ORDER BY 1")"
# (e) Rule 8: the internal names are the support functions, and the support functions internal.
q >/dev/null <<'SQL'
CREATE TABLE support AS
SELECT unnest(ARRAY[a.aggtransfn, a.aggfinalfn, a.aggcombinefn, a.aggserialfn, a.aggdeserialfn,
                    a.aggmtransfn, a.aggminvtransfn, a.aggmfinalfn]::oid[]) AS fn, a.aggfnoid
FROM pg_aggregate a WHERE a.aggfnoid IN (SELECT oid FROM members);
SQL
check "(e) cf_* functions that are no support function of an aggregate (rule 8)" "$(q -c "
	SELECT signature FROM members WHERE kind = 'function' AND name LIKE 'cf\_%'
	  AND oid NOT IN (SELECT fn FROM support) ORDER BY 1")"
check "(e) support functions of aggregates named neither cf_* nor like their one-step aggregate (rules 3, 8)" "$(q -c "
	SELECT DISTINCT s.fn::regprocedure::text || ' of ' || s.aggfnoid::regprocedure::text
	FROM support s JOIN pg_proc p ON p.oid = s.fn JOIN pg_proc g ON g.oid = s.aggfnoid
	WHERE s.fn <> 0 AND p.proname NOT LIKE 'cf\_%' AND p.proname <> g.proname ORDER BY 1")"
check "(e) I/O functions of base types not named <type>_in/_out/_recv/_send (rule 8)" "$(q -c "
	SELECT t.typname || ': ' || p.proname FROM pg_type t JOIN members m ON m.kind = 'type' AND m.oid = t.oid
	JOIN pg_proc p ON p.oid IN (t.typinput, t.typoutput, t.typreceive, t.typsend)
	WHERE t.typtype = 'b' AND p.proname NOT IN (t.typname || '_in', t.typname || '_out', t.typname || '_recv', t.typname || '_send')
	ORDER BY 1")"
echo "names: $(q -c "SELECT count(DISTINCT name) || ' user-facing names (' || count(*) FILTER (WHERE kind = 'function') || ' functions and aggregates, ' || count(*) FILTER (WHERE kind = 'type') || ' types), ' || count(*) FILTER (WHERE comment ~ '^Deprecated alias of ') || ' deprecated aliases' FROM user_facing")"

echo "naming: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
