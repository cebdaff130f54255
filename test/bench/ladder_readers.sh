#!/usr/bin/env bash
# The ladder's readers over a stored 1M-customer ladder (issue 16): wall time and
# backend CPU time per call, one command.
#
#   bash test/bench/ladder_readers.sh [--runs N] [--customers N] [--data-dir DIR] [--no-build]
#
# Issue 16's goal: each reader alone over a stored 1,000,000-customer ladder in at most
# 0.3 s.  The ladder is the one of test/bench/cases/25_cohort.sql and 26_stage_migration.sql
# (loyalty_ladder over the bench data set's orders and every customer as a contact, as of
# 2026-07-01 UTC; demo/generate.sql in bench mode, orders_per_customer=10, seed 42), built
# once and stored in a table (kept with --data-dir: the stored form does not change between
# builds, so two builds can be compared on the same value).  In one session with no parallel workers, after one warm-up
# call of each, the readers run N times (default 7) in turns, so that a change of the
# machine's load hits every reader alike; each call is timed as
#   SELECT count(r.*) FROM <reader> r     (every output column read)
# for wall time (clock_timestamp) and for the backend's CPU time (utime + stime of
# /proc/self/stat, clock ticks).  The floor is customer_count(l) over the stored value
# (detoasting it, the work every reader does first); stage_counts is there for comparison
# (the issue quotes it).  Three more rows read the same value stored in a column compressed
# with lz4 instead of PostgreSQL's default pglz (skipped where the server has no lz4).
# There is no plain-SQL form of a stored ladder's reader: the
# plain-SQL comparisons including the build are the cases of test/bench/run.sh.
#
# Prints a Markdown table: median (min-max) wall and CPU ms per reader, × the floor,
# × stage_counts, and the 0.3 s goal on the median wall time; with the load average
# before and after the run.  The goal column says "met", "missed" or, when the load
# average was above 1.5 (another process competing for the 2 cores), "load".
#
# Uses the server PGHOST/PGPORT name if set; with --data-dir a persistent private server
# in DIR (the data set survives between runs), else a temporary one (scripts/pg.sh).
set -uo pipefail
cd "$(dirname "$0")/../.."
source scripts/pg.sh
source test/bench/lib.sh

runs=7 customers=1000000 data_dir= build=1
while [ $# -gt 0 ]; do
	case $1 in
	--runs) runs=$2; shift ;;
	--customers) customers=$2; shift ;;
	--data-dir) data_dir=$2; shift ;;
	--no-build) build= ;;
	-h | --help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
	esac
	shift
done
case $runs in '' | *[!0-9]* | 0) echo "--runs needs a positive number" >&2; exit 2 ;; esac
case $customers in '' | *[!0-9]* | 0) echo "--customers needs a positive number" >&2; exit 2 ;; esac

BENCH_DB=cf_bench_ladder_readers
[ "$customers" = 1000000 ] || BENCH_DB="${BENCH_DB}_$customers"
export CF_SERVER_SETTINGS="-c shared_buffers=1GB -c max_wal_size=8GB ${CF_SERVER_SETTINGS:-}"
if [ -n "$build" ]; then cf_setup; else cf_pg_paths; fi
if [ -n "$data_dir" ]; then
	[ -z "${PGHOST:-}${PGPORT:-}" ] || { echo "--data-dir and PGHOST/PGPORT exclude each other" >&2; exit 2; }
	bench_start_persistent_server "$data_dir" || cf_die "could not start the benchmark server in $data_dir"
else
	cf_start_server
fi

# Only the orders and customers are read: the surveys and service events are kept tiny
# (the orders are the bench data set's whatever those counts, see demo/generate.sql).
bench_ensure_dataset "customers=$customers orders_per_customer=10 responses=1000 service_events=1000 factor_respondents=100 seed=42" ||
	cf_die "could not generate the data set"
psql -X -q -d "$BENCH_DB" -v ON_ERROR_STOP=1 <<'SQL' || cf_die "could not build the stored ladder"
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS customer_focus;
-- built once; again when DROP EXTENSION ... CASCADE (another benchmark) dropped its column
SELECT NOT EXISTS (SELECT FROM pg_attribute WHERE attrelid = to_regclass('cf_bench_stored_ladder') AND attname = 'l'
                   AND NOT attisdropped) AS rebuild \gset
\if :rebuild
DROP TABLE IF EXISTS cf_bench_stored_ladder;
CREATE TABLE cf_bench_stored_ladder AS
SELECT loyalty_ladder(customer_id, ordered_at, timestamptz '2026-07-01')
       AS l FROM (SELECT customer_id, ordered_at FROM orders UNION ALL SELECT customer_id, NULL FROM customers) u;
\endif
-- the same value compressed with lz4 (a column setting, PostgreSQL 14 and later built with lz4):
-- rollup() of the one stored ladder is a new value, compressed when stored; skipped without lz4
SELECT NOT EXISTS (SELECT FROM pg_attribute WHERE attrelid = to_regclass('cf_bench_stored_ladder_lz4') AND attname = 'l'
                   AND NOT attisdropped) AS rebuild \gset
\if :rebuild
DROP TABLE IF EXISTS cf_bench_stored_ladder_lz4;
DO $$
BEGIN
    CREATE TABLE cf_bench_stored_ladder_lz4 (l loyalty_ladder COMPRESSION lz4);
    INSERT INTO cf_bench_stored_ladder_lz4 SELECT rollup(l) FROM cf_bench_stored_ladder;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'no lz4 compression in this server: the lz4 rows are skipped';
END $$;
\endif
SQL

machine=$(bench_machine)   # with the load average before the run
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
bench_log "timing $runs calls of each reader (load average $load_before)"
out=$(psql -X -q -d "$BENCH_DB" -v ON_ERROR_STOP=1 -v runs="$runs" -tA -F $'\t' <<'SQL'
SET max_parallel_workers_per_gather = 0;
SET jit = off;
CREATE TEMP TABLE readers (n int, name text, query text);
INSERT INTO readers VALUES
 (1, 'floor: `customer_count(l)` (detoasts the stored ladder)', 'SELECT customer_count(l) FROM cf_bench_stored_ladder'),
 (2, '`stage_counts` (for comparison)', 'SELECT * FROM stage_counts((SELECT l FROM cf_bench_stored_ladder))'),
 (3, '`cohort_retention(l)` (months)', 'SELECT * FROM cohort_retention((SELECT l FROM cf_bench_stored_ladder))'),
 (4, '`cohort_retention(l, ''week'')`', 'SELECT * FROM cohort_retention((SELECT l FROM cf_bench_stored_ladder), ''week'')'),
 (5, '`lifecycle_counts(l)` (months)', 'SELECT * FROM lifecycle_counts((SELECT l FROM cf_bench_stored_ladder))'),
 (6, '`cohort_chart(l)` (months)', 'SELECT * FROM cohort_chart((SELECT l FROM cf_bench_stored_ladder))'),
 (7, '`stage_sensitivity`, 10 × 10 grid', 'SELECT * FROM stage_sensitivity((SELECT l FROM cf_bench_stored_ladder), ARRAY[1, 1.5, 2, 2.5, 3, 3.5, 4, 5, 6, 8], ARRAY[365, 400, 450, 500, 550, 600, 730, 800, 900, 1000])'),
 (8, '`stage_migration` from 2026-01-01', 'SELECT * FROM stage_migration((SELECT l FROM cf_bench_stored_ladder), timestamptz ''2026-01-01'')'),
 (9, '`migration_chart` from 2026-01-01', 'SELECT * FROM migration_chart((SELECT l FROM cf_bench_stored_ladder), timestamptz ''2026-01-01'')');
-- the column compressed with lz4 instead of the default pglz
INSERT INTO readers
SELECT * FROM (VALUES
 (10, 'lz4 column: floor `customer_count(l)`', 'SELECT customer_count(l) FROM cf_bench_stored_ladder_lz4'),
 (11, 'lz4 column: `stage_counts`', 'SELECT * FROM stage_counts((SELECT l FROM cf_bench_stored_ladder_lz4))'),
 (12, 'lz4 column: `cohort_retention(l, ''week'')`', 'SELECT * FROM cohort_retention((SELECT l FROM cf_bench_stored_ladder_lz4), ''week'')')) v
WHERE to_regclass('cf_bench_stored_ladder_lz4') IS NOT NULL;
CREATE TEMP TABLE samples (n int, run int, wall_ms float8, cpu_ticks bigint, rows bigint);
-- utime + stime of this backend, in clock ticks (fields 14 and 15 of /proc/self/stat,
-- counted after the command name, which is in parentheses)
CREATE FUNCTION pg_temp.cpu_ticks() RETURNS bigint LANGUAGE sql AS $$
  SELECT f[12]::bigint + f[13]::bigint
  FROM (SELECT string_to_array(split_part(pg_read_file('/proc/self/stat'), ') ', 2), ' ') AS f) s
$$;
CREATE FUNCTION pg_temp.time_readers(runs int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE r record; t0 timestamptz; c0 bigint; c1 bigint; k bigint; i int;
BEGIN
    FOR i IN 0 .. runs LOOP          -- run 0 is the warm-up, not kept
        FOR r IN SELECT * FROM readers ORDER BY n LOOP
            c0 := pg_temp.cpu_ticks();
            t0 := clock_timestamp();
            EXECUTE 'SELECT count(r.*) FROM (' || r.query || ') r' INTO k;
            INSERT INTO samples SELECT r.n, i, 1000 * extract(epoch FROM clock_timestamp() - t0), pg_temp.cpu_ticks() - c0, k
            WHERE i > 0;
        END LOOP;
    END LOOP;
END $$;
SELECT pg_temp.time_readers(:runs) \g /dev/null
-- ms per clock tick
SELECT 1000.0 / 100 AS tick_ms \gset
WITH m AS (
  SELECT n, percentile_disc(0.5) WITHIN GROUP (ORDER BY wall_ms) AS wall, min(wall_ms) AS wall_lo, max(wall_ms) AS wall_hi,
         percentile_disc(0.5) WITHIN GROUP (ORDER BY cpu_ticks) * :tick_ms AS cpu,
         min(cpu_ticks) * :tick_ms AS cpu_lo, max(cpu_ticks) * :tick_ms AS cpu_hi, max(rows) AS rows
  FROM samples GROUP BY n)
SELECT r.name, m.rows, round(m.wall::numeric), round(m.wall_lo::numeric), round(m.wall_hi::numeric),
       round(m.cpu::numeric), round(m.cpu_lo::numeric), round(m.cpu_hi::numeric),
       round((m.wall / f.wall)::numeric, 2), round((m.wall / s.wall)::numeric, 2),
       (r.n > 2 AND r.n <> 10)::int, (m.wall <= 300)::int
FROM readers r JOIN m USING (n), m f, m s WHERE f.n = 1 AND s.n = 2 ORDER BY r.n;
SQL
) || cf_die "the timing failed"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

hz=$(getconf CLK_TCK)
[ "$hz" = 100 ] || cf_log "note: CLK_TCK is $hz, the CPU column assumes 100"
echo
echo "## The ladder's readers over a stored $customers-customer ladder"
echo
echo "- command: bash test/bench/ladder_readers.sh --runs $runs${data_dir:+ --data-dir DIR}$([ "$customers" = 1000000 ] || echo " --customers $customers")"
echo "- tree: $(git rev-parse --short HEAD 2>/dev/null)$([ -n "$(git status --porcelain -- src 2>/dev/null)" ] && echo ' + uncommitted changes'), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "$machine"
echo "- load average after the run $load_after; $runs calls of each reader in turns after a warm-up, one session, no workers"
echo
echo "| reader | rows | wall ms median (min–max) | CPU ms median (min–max) | × floor | × stage_counts | ≤ 0.3 s |"
echo "|---|---|---|---|---|---|---|"
busy=$(awk -v a="${load_before%% *}" -v b="${load_after%% *}" 'BEGIN { print (a > 1.5 || b > 1.5) ? 1 : 0 }')
met=0 missed=0
while IFS=$'\t' read -r name rows wall wlo whi cpu clo chi xf xs reader ok; do
	goal=–
	if [ "$reader" = 1 ]; then
		if [ "$ok" = 1 ]; then goal=met; met=$((met + 1));
		elif [ "$busy" = 1 ]; then goal="load"; missed=$((missed + 1));
		else goal=missed; missed=$((missed + 1)); fi
	fi
	echo "| $name | $rows | $wall ($wlo–$whi) | $cpu ($clo–$chi) | ${xf}× | ${xs}× | $goal |"
done <<<"$out"
echo
echo "goal (median wall ≤ 300 ms): $met met, $missed not met"
