#!/usr/bin/env bash
# Cancel latency (issue 14): the time from a cancel, a statement_timeout or a
# pg_terminate_backend to the end of the statement, for every long operation of
# the lifetime models: the BG/NBD and Gamma-Gamma fits over rows, over a state
# and over profiles, the text output, text input and binary output of a big
# bgnbd_state and the rollup of two of them.  One command, deterministic data,
# medians; not a timed test (test/scripts/cancel.sh asserts the SQLSTATEs).
#
#   bash test/bench/cancel.sh [--runs N] [--rows N] [--no-build] [--out FILE]
#
#   --runs N     signals per operation and kind (default 5); run k signals after
#                1 + 0.37 k seconds, so the signals land in different phases
#   --rows N     distinct BG/NBD triples (default 2,000,000: a bgnbd_state of
#                61 MB whose text form is about 75 MB); Gamma-Gamma pairs and
#                profiles: N / 4
#   --no-build   use the installed extension
#
# Each operation runs 1000 times in one query (a correlated subquery or a
# cross join with generate_series), so the signal always meets it at work; the
# table gives the time of one run too (the latency before this change was up
# to that time).  Latency: cancel and terminate from the server's clock_timestamp()
# at the pg_cancel_backend / pg_terminate_backend call to the moment the
# client sees the error; timeout from query_start + statement_timeout to the
# same moment.
set -uo pipefail
cd "$(dirname "$0")/../.."
source scripts/pg.sh

runs=5 rows=2000000 build=1 out_file=
command_line="bash test/bench/cancel.sh${*:+ $*}"
while [ $# -gt 0 ]; do
	case $1 in
	--runs) runs=$2; shift ;;
	--rows) rows=$2; shift ;;
	--no-build) build= ;;
	--out) out_file=$2; shift ;;
	-h | --help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
	esac
	shift
done

if [ -n "$build" ]; then cf_setup; else cf_pg_paths; fi
cf_start_server
db=cf_cancel_bench
work=$(mktemp -d)
trap "rm -rf '$work'; cf_stop_server" EXIT
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" -c "$1"; }
now() { date +%s.%N; }
log() { echo "[cancel bench] $*" >&2; }

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null || cf_die "cannot create $db"
q "CREATE EXTENSION customer_focus" >/dev/null
log "generating $rows triples, $((rows / 4)) pairs, $((rows / 4)) profiles"
q "SET client_min_messages = error;
   CREATE TABLE bg AS
     SELECT x, CASE WHEN x = 0 THEN 0 ELSE t * (1 + (i::bigint * 7919) % 997) / 998.0 END AS t_x, t
     FROM (SELECT i, CASE WHEN i % 3 = 0 THEN 0 ELSE 1 + i % 17 END AS x, 10 + i / 50000.0::float8 AS t
           FROM generate_series(1, $rows) i) s;
   CREATE TABLE gg AS
     SELECT 1 + i % 13 AS x, 5 + ((i::bigint * 7919) % 1000003) / 100.0::float8 AS m FROM generate_series(1, $rows / 4) i;
   CREATE TABLE pr AS
     SELECT c, customer_profile(ts, 10.00) AS p
     FROM (SELECT i % ($rows / 4) AS c,
                  timestamptz '2024-01-01 00:00+00' + ((i::bigint * 104729) % 31536000) * interval '1 second' AS ts
           FROM generate_series(1, 3 * ($rows / 4)) i) o
     GROUP BY c;
   CREATE TABLE bgs AS SELECT bgnbd_agg(x, t_x, t) AS s FROM bg;
   CREATE TABLE ggs AS SELECT gamma_gamma_agg(x, m) AS s FROM gg;
   CREATE TABLE bgt AS SELECT s::text AS t FROM bgs;
   ANALYZE;" >/dev/null || cf_die "data generation failed"
sizes=$(q "SELECT 'a bgnbd_state of ' || customer_count(s) || ' entries (' || pg_size_pretty(octet_length(bgnbd_state_send(s))::bigint)
           || ' in binary, ' || pg_size_pretty(octet_length(t)::bigint) || ' as text)' FROM bgs, bgt")
log "$sizes"

ops=(
	"bgnbd_fit(x, t_x, T) over rows|SELECT count((SELECT bgnbd_fit(x, t_x, t) FROM bg WHERE g > 0)) FROM generate_series(1, @N) g"
	"bgnbd_fit(bgnbd_state)|SELECT count(bgnbd_fit(s)) FROM bgs, generate_series(1, @N) g"
	"bgnbd_fit(profile, as_of) over profiles|SELECT count((SELECT bgnbd_fit(p, timestamptz '2025-01-01 00:00+00') FROM pr WHERE g > 0)) FROM generate_series(1, @N) g"
	"gamma_gamma_fit(x, m) over rows|SELECT count((SELECT gamma_gamma_fit(x, m) FROM gg WHERE g > 0)) FROM generate_series(1, @N) g"
	"gamma_gamma_fit(gamma_gamma_state)|SELECT count(gamma_gamma_fit(s)) FROM ggs, generate_series(1, @N) g"
	"bgnbd_state text output|SELECT sum(length(s::text)) FROM bgs, generate_series(1, @N) g"
	"bgnbd_state text input|SELECT sum(customer_count(t::bgnbd_state)) FROM bgt, generate_series(1, @N) g"
	"bgnbd_state binary output|SELECT sum(length(bgnbd_state_send(s))) FROM bgs, generate_series(1, @N) g"
	"rollup of two bgnbd_states|SELECT count((SELECT rollup(s) FROM bgs, generate_series(1, 2) h WHERE g > 0)) FROM generate_series(1, @N) g"
)

# One signal: kind (timeout, cancel, terminate), delay in seconds, the query.
# Prints the latency in milliseconds, or "-" if the statement did not end with
# the expected error.
measure() {
	local kind=$1 delay=$2 sql=$3 tag="cfb_$RANDOM$RANDOM" pid= start= sent= t_end i set=
	[ "$kind" = timeout ] && set="SET statement_timeout = '$(awk -v d="$delay" 'BEGIN { printf "%d", d * 1000 }')ms';"
	# the client notes the moment it sees the end (the canceller's own exit is not counted)
	{ psql -X -q -v VERBOSITY=sqlstate -d "$db" -c "SET client_min_messages = error; $set /* $tag */ $sql" >"$work/out" 2>&1
	  now >"$work/end"; } &
	local bg=$!
	for i in $(seq 1 600); do
		read -r pid start < <(q "SELECT pid || ' ' || extract(epoch FROM query_start) FROM pg_stat_activity
		                         WHERE query LIKE '%/* $tag */%' AND pid <> pg_backend_pid() AND state = 'active'")
		[ -n "$pid" ] && break
		sleep 0.02
	done
	[ -n "$pid" ] || { wait "$bg"; echo -; return; }
	if [ "$kind" != timeout ]; then
		local fn=pg_cancel_backend
		[ "$kind" = terminate ] && fn=pg_terminate_backend
		sleep "$(awk -v s="$start" -v d="$delay" -v n="$(now)" 'BEGIN { w = s + d - n; printf "%.3f", (w > 0 ? w : 0) }')"
		sent=$(q "SELECT extract(epoch FROM clock_timestamp()) FROM (SELECT $fn($pid)) s")
	else
		sent=$(awk -v s="$start" -v d="$delay" 'BEGIN { printf "%.6f", s + d }')
	fi
	wait "$bg"
	t_end=$(cat "$work/end")
	if { [ "$kind" = terminate ] && grep -q 'FATAL:  57P01' "$work/out"; } ||
		{ [ "$kind" != terminate ] && grep -q 'ERROR:  57014' "$work/out"; }; then
		awk -v a="$sent" -v b="$t_end" 'BEGIN { printf "%.0f\n", (b - a) * 1000 }'
	else
		echo -
	fi
}

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.0f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

rowsout=()
for op in "${ops[@]}"; do
	name=${op%%|*}
	sql=${op#*|}
	t0=$(now)
	q "SET client_min_messages = error; ${sql//@N/1}" >/dev/null || cf_die "$name failed"
	one=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }')
	line="| $name | $one s"
	for kind in timeout cancel terminate; do
		all=
		for k in $(seq 1 "$runs"); do
			all="$all $(measure "$kind" "$(awk -v k="$k" 'BEGIN { printf "%.2f", 1 + 0.37 * k }')" "${sql//@N/1000}")"
		done
		bad=$(echo "$all" | tr ' ' '\n' | grep -c '^-$')
		ok=$(echo "$all" | tr ' ' '\n' | grep -v '^-$')
		max=$(echo "$ok" | sort -n | tail -1)
		line="$line | $(echo "$ok" | median) ms (max ${max:--})$([ "$bad" -gt 0 ] && echo ", $bad without the error")"
		log "$name, $kind:$all"
	done
	rowsout+=("$line |")
done

report=$(
	echo "\`$command_line\` ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average after the run: $(cut -d' ' -f1-3 /proc/loadavg))"
	echo
	echo "Data: $sizes; $runs signals per cell, medians (and maxima) of the time from the signal to the error at the client."
	echo
	echo "| operation | one run | statement_timeout → 57014 | pg_cancel_backend → 57014 | pg_terminate_backend → 57P01 |"
	echo "|---|---:|---:|---:|---:|"
	printf '%s\n' "${rowsout[@]}"
)
echo "$report"
[ -n "$out_file" ] && echo "$report" >"$out_file"
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
exit 0
