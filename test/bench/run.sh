#!/usr/bin/env bash
# The benchmark suite: one command, not a timed test.
#
#   bash test/bench/run.sh [--quick] [--runs N] [--cases REGEX] [--data-dir DIR]
#                          [--out FILE] [--no-build]
#
# Installs what is missing, builds and installs the extension, starts a private
# server (or uses the one PGHOST/PGPORT name), generates the data set once with
# demo/generate.sql (1,000,000 customers, 10,000,000 orders, 10,000,000 responses;
# --quick: 10x fewer), then runs every case of test/bench/cases/*.sql — each query
# through the extension, in plain SQL and the scan floor — with 0 and 2 parallel
# workers, one warm-up run and N timed runs each (default 5; --quick: 3), and prints
# a Markdown table of medians, ratios, speed-ups and peak memory.
#
#   --quick          10x fewer rows, 3 runs
#   --runs N         timed runs per query (the median is reported)
#   --cases REGEX    only case files whose name matches (e.g. 'nps')
#   --data-dir DIR   keep the benchmark server's data in DIR, so that the data set is
#                    generated only once across runs (default: a temporary server,
#                    or the server PGHOST/PGPORT name, where the data set is kept in
#                    the database cf_bench / cf_bench_quick)
#   --out FILE       also write the report to FILE
#   --no-build       do not build and install the extension (use the installed one)
#
# Environment: CF_BENCH_JIT (default off), CF_SERVER_SETTINGS (private server only),
# CF_BENCH_CASES_DIR (default test/bench/cases).
set -uo pipefail
cd "$(dirname "$0")/../.."
source scripts/pg.sh
source test/bench/lib.sh

command_line="bash test/bench/run.sh${*:+ $*}"
quick= runs= cases_re= data_dir=${CF_BENCH_DATA_DIR:-} out_file= build=1
while [ $# -gt 0 ]; do
	case $1 in
	--quick) quick=1 ;;
	--runs) runs=$2; shift ;;
	--cases) cases_re=$2; shift ;;
	--data-dir) data_dir=$2; shift ;;
	--out) out_file=$2; shift ;;
	--no-build) build= ;;
	-h | --help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
	esac
	shift
done

if [ -n "$quick" ]; then
	BENCH_DB=cf_bench_quick
	dataset="customers=100000 orders_per_customer=10 responses=1000000 service_events=10000 seed=42"
	runs=${runs:-3}
else
	BENCH_DB=cf_bench
	dataset="customers=1000000 orders_per_customer=10 responses=10000000 service_events=100000 seed=42"
	runs=${runs:-5}
fi
case $runs in '' | *[!0-9]* | 0) echo "--runs needs a positive number" >&2; exit 2 ;; esac

# The private server gets room for the data set in shared buffers (the caller's
# CF_SERVER_SETTINGS come last and win).
export CF_SERVER_SETTINGS="-c shared_buffers=2GB -c max_wal_size=8GB -c checkpoint_timeout=30min ${CF_SERVER_SETTINGS:-}"

if [ -n "$build" ]; then cf_setup; else cf_pg_paths; fi
commit=$(git -C "$CF_ROOT" rev-parse --short HEAD 2>/dev/null)
[ -n "$(git -C "$CF_ROOT" status --porcelain -- src Makefile 2>/dev/null)" ] && commit="$commit + uncommitted changes"
if [ -n "$build" ]; then
	ext_desc="built by this run from ${commit:-this tree}"
else
	ext_desc="the installed build of $(date -u -r "$("$PG_CONFIG" --pkglibdir)/customer_focus.so" '+%Y-%m-%d %H:%M UTC' 2>/dev/null || echo 'unknown date') (--no-build; tree at ${commit:-unknown})"
fi
if [ -n "$data_dir" ]; then
	[ -z "${PGHOST:-}${PGPORT:-}" ] || { echo "--data-dir and PGHOST/PGPORT exclude each other" >&2; exit 2; }
	bench_start_persistent_server "$data_dir" || cf_die "could not start the benchmark server in $data_dir"
else
	cf_start_server
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/cf_bench.XXXXXX")
chmod 755 "$work"   # psql writes the EXPLAIN output here
trap_prev=$(trap -p EXIT | sed -E "s/^trap -- '(.*)' EXIT$/\1/")
trap "rm -rf '$work'; $trap_prev" EXIT

bench_ensure_dataset "$dataset" || cf_die "could not generate the data set"

BENCH_HAVE_EXT=
if psql -X -q -d "$BENCH_DB" -c 'DROP EXTENSION IF EXISTS customer_focus CASCADE' -c 'CREATE EXTENSION customer_focus' 2>"$work/ext.err"; then
	BENCH_HAVE_EXT=1
else
	bench_log "the extension could not be created; its variants are left out: $(grep -m1 ERROR "$work/ext.err")"
fi

shopt -s nullglob
files=()
for f in "${CF_BENCH_CASES_DIR:-test/bench/cases}"/*.sql; do
	[ -z "$cases_re" ] || [[ $(basename "$f") =~ $cases_re ]] || continue
	files+=("$f")
	bench_parse_case "$f" "$work" || cf_die "cannot parse $f"
done
[ ${#files[@]} -gt 0 ] || cf_die "no case file matches"
touch "$work/results.tsv"

# Each case's prepare step runs once, before any plan is checked or query timed.
ncases=$(awk -F'\t' '{ print $1 }' "$work/index.tsv" | sort -un)
skip=" "
for c in $ncases; do
	[ -f "$work/prepare_$c.sql" ] || continue
	name=$(awk -F'\t' -v c="$c" '$1 == c { print $2; exit }' "$work/index.tsv")
	bench_log "case '$name': prepare"
	if ! { echo 'SET client_min_messages = warning;'; [ -f "$work/set_$c.sql" ] && cat "$work/set_$c.sql"; cat "$work/prepare_$c.sql"; } |
		psql -X -q -v ON_ERROR_STOP=1 -d "$BENCH_DB" >/dev/null 2>"$work/prepare_$c.err"; then
		bench_log "case '$name': prepare failed, case skipped: $(grep -m1 ERROR "$work/prepare_$c.err")"
		skip="$skip$c "
	fi
done

bench_check_plans "$work"

machine=$(bench_machine)
for c in $ncases; do
	[[ $skip == *" $c "* ]] && continue
	name=$(awk -F'\t' -v c="$c" '$1 == c { print $2; exit }' "$work/index.tsv")
	bench_log "case '$name': $runs runs with 0 and 2 workers"
	bench_run_case "$work" "$c" "0 2" "$runs"
done

report=$(
	echo "## Benchmarks"
	echo
	echo "\`$command_line\` ($(date -u '+%Y-%m-%d %H:%M UTC'))"
	echo
	echo "- data: demo/generate.sql with $dataset (database $BENCH_DB)"
	echo "- each query measured as \`SELECT count(s.*) FROM (<query>) s\` by psql's \\timing: median of $runs runs after one warm-up run; within a case, variants and worker settings alternate run by run in one session"
	echo "- workers: max_parallel_workers_per_gather (the planner's choice otherwise; '(n launched)' where fewer ran); speed-up: median with 0 workers / median with 2"
	echo "- peak memory: the largest 'Peak Memory Usage' (hash aggregate, hash) or in-memory 'Sort Space Used' of any node of the plan, in the leader or a worker, plus the largest spill to disk, from one EXPLAIN (ANALYZE, BUFFERS) run; '–' for plans without such a node (a plain aggregate keeps one state per process)"
	echo "$machine"
	if [ -n "$BENCH_HAVE_EXT" ]; then echo "- extension: customer_focus $(psql -X -q -d "$BENCH_DB" -tAc "SELECT extversion FROM pg_extension WHERE extname = 'customer_focus'"), $ext_desc"
	else echo "- extension: not available (its variants are left out); $ext_desc"; fi
	echo "- load average after the run: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) (other work on the machine makes the medians noisy: see the range column)"
	echo
	bench_report "$work"
)
printf '%s\n' "$report"
[ -z "$out_file" ] || printf '%s\n' "$report" >"$out_file"
