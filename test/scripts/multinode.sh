#!/usr/bin/env bash
# A real multi-node test on this machine's loopback: a coordinator and two
# shards, three private PostgreSQL servers on 127.0.0.1, each with the
# extension.  Every table of the sample data (demo/generate.sql) that has a
# customer_id is hash-partitioned by customer_id over foreign partitions on the
# shards (postgres_fdw, with `extensions 'customer_focus'` so the extension's
# functions are shipped, and partitionwise aggregation on).  The coordinator
# keeps a local copy of the same rows in schema public; schema sharded holds
# the partitioned tables under the same names, so any query runs on either by
# search_path alone.
#
# Asserts:
#   (a) per-customer aggregates (GROUP BY customer_id) run on the shards:
#       EXPLAIN (VERBOSE) shows the extension's aggregate in each Remote SQL;
#   (b) demo/report.sql (whatever it holds when this runs) and the profile,
#       loyalty and model queries that exist give the same output on the
#       sharded tables as on the local copy, with the coordinator session in
#       GMT, UTC and Pacific/Auckland (postgres_fdw's sessions on the shards
#       always use GMT, so aggregates that depend on the session TimeZone,
#       like customer_profile, show up here);
#   (c) with one shard stopped, queries touching it fail with a clear error
#       naming it, while the coordinator and the other shard keep working, and
#       everything works again once it is back.
#
# Prints "multinode: N passed, N failed"; exits non-zero on failure.  Stops
# every server it started on exit, also on Ctrl-C.  Works as root (servers run
# as postgres) and as an ordinary user.
set -uo pipefail
cd "$(dirname "$0")/../.."
source scripts/pg.sh

cf_pg_paths
sharedir=$(pg_config --sharedir)
if [ ! -f "$sharedir/extension/customer_focus.control" ]; then
	cf_setup
fi
if [ ! -f "$sharedir/extension/postgres_fdw.control" ]; then
	(cf_install_packages postgresql-contrib) ||
		{ echo "multinode: skipped: postgres_fdw is missing and postgresql-contrib could not be installed"; exit 0; }
fi

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok - $*"; }
fail() { failed=$((failed + 1)); echo "FAILED - $*"; }
check() { # check DESCRIPTION COMMAND...: passes when the command succeeds
	local what=$1; shift
	if "$@"; then pass "$what"; else fail "$what"; fi
}

# ---------------------------------------------------------------- servers
work=$(mktemp -d "${TMPDIR:-/tmp}/cf_multinode.XXXXXX")
chmod 755 "$work"
if [ "$(id -u)" = 0 ]; then
	id postgres >/dev/null 2>&1 || cf_die "the postgres user is missing (it comes with postgresql-common)"
	chown postgres "$work"
	user=postgres
else
	user=$(id -un)
fi
names=(coord shard1 shard2)
declare -A port=() opts=()
started=()

stop_all() {
	local n
	for n in "${started[@]}"; do
		cf_as_server_user pg_ctl -D "$work/$n" -m immediate -w stop >/dev/null 2>&1 || true
	done
	started=()
	rm -rf "$work"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# One initdb, copied for the three servers.
cf_as_server_user initdb -D "$work/template" -U "$user" --auth=trust -E UTF8 --locale=C.UTF-8 \
	>"$work/initdb.log" 2>&1 || { cat "$work/initdb.log"; echo "multinode: 0 passed, 1 failed"; exit 1; }

# Starts server $1 on the first free port from $next_port (55400 upward).
next_port=55400
start_server() {
	local n=$1 p tries=0 settings="${2:-}"
	cf_as_server_user mkdir -p "$work/$n.sock"
	[ -d "$work/$n" ] || cf_as_server_user cp -a "$work/template" "$work/$n"
	while [ $tries -lt 40 ]; do
		p=$next_port
		next_port=$((next_port + 1))
		tries=$((tries + 1))
		port_taken "$p" && continue
		opts[$n]="-c listen_addresses=127.0.0.1 -p $p -k $work/$n.sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=16MB -c max_connections=20 -c autovacuum=off -c max_worker_processes=2 -c max_parallel_workers_per_gather=0 -c jit=off $settings"
		if cf_as_server_user pg_ctl -D "$work/$n" -l "$work/$n.log" -w -t 30 -o "${opts[$n]}" start >/dev/null 2>&1; then
			port[$n]=$p
			started+=("$n")
			return 0
		fi
	done
	cat "$work/$n.log" >&2
	return 1
}
# Restarts an already initialised server on its port.
restart_server() {
	local n=$1
	cf_as_server_user pg_ctl -D "$work/$n" -l "$work/$n.log" -w -t 30 -o "${opts[$n]}" start >/dev/null 2>&1 && started+=("$n")
}

start_server coord "-c enable_partitionwise_aggregate=on -c enable_partitionwise_join=on" &&
	start_server shard1 && start_server shard2 ||
	{ echo "multinode: could not start the servers"; echo "multinode: $passed passed, $((failed + 1)) failed"; exit 1; }
pass "three servers on 127.0.0.1 ports ${port[coord]} (coordinator), ${port[shard1]}, ${port[shard2]} (shards)"

# psql on server $1 (as the superuser, database postgres); more psql arguments follow.
on() {
	local n=$1; shift
	PGOPTIONS="${PGOPTIONS:-}" psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "${port[$n]}" -U "$user" -d postgres "$@"
}
# The coordinator with the sharded tables / the local copy first on the
# search_path, in the session time zone $tz.
tz=UTC
on_sharded() { PGOPTIONS="-c search_path=sharded,public -c TimeZone=$tz" on coord "$@"; }
on_local() { PGOPTIONS="-c search_path=public -c TimeZone=$tz" on coord "$@"; }

# ---------------------------------------------------------------- data
ok=1
for n in "${names[@]}"; do
	on "$n" -c "CREATE EXTENSION customer_focus" || ok=0
done
check "CREATE EXTENSION customer_focus on the coordinator and both shards" [ $ok = 1 ]

# The sample data, small, on the coordinator (the local copy).
on coord -v customers=300 -v orders_per_customer=5 -v responses=1500 -v service_events=300 \
	-f demo/generate.sql >/dev/null ||
	{ fail "demo/generate.sql on the coordinator"; echo "multinode: $passed passed, $failed failed"; exit 1; }

# Tables to shard: every table in public with a customer_id column.
tables=$(on coord -At -c "SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
	WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.attname = 'customer_id'
	AND NOT a.attisdropped ORDER BY 1")
ok=1
{
	echo "CREATE EXTENSION postgres_fdw;"
	echo "CREATE SCHEMA sharded;"
	for s in shard1 shard2; do
		cat <<-SQL
		CREATE SERVER $s FOREIGN DATA WRAPPER postgres_fdw
		    OPTIONS (host '127.0.0.1', port '${port[$s]}', dbname 'postgres', extensions 'customer_focus',
		             fetch_size '1000', batch_size '500', async_capable 'true', connect_timeout '5');
		CREATE USER MAPPING FOR CURRENT_USER SERVER $s OPTIONS (user '$user');
		SQL
	done
} | on coord || ok=0
for t in $tables; do
	cols=$(on coord -At -c "SELECT string_agg(quote_ident(attname) || ' ' || format_type(atttypid, atttypmod), ', ' ORDER BY attnum)
		FROM pg_attribute WHERE attrelid = 'public.$t'::regclass AND attnum > 0 AND NOT attisdropped") || ok=0
	for s in shard1 shard2; do on "$s" -c "CREATE TABLE public.$t ($cols)" || ok=0; done
	on coord <<-SQL || ok=0
	CREATE TABLE sharded.$t ($cols) PARTITION BY HASH (customer_id);
	CREATE FOREIGN TABLE sharded.${t}_shard1 PARTITION OF sharded.$t
	    FOR VALUES WITH (MODULUS 2, REMAINDER 0) SERVER shard1 OPTIONS (schema_name 'public', table_name '$t');
	CREATE FOREIGN TABLE sharded.${t}_shard2 PARTITION OF sharded.$t
	    FOR VALUES WITH (MODULUS 2, REMAINDER 1) SERVER shard2 OPTIONS (schema_name 'public', table_name '$t');
	INSERT INTO sharded.$t SELECT * FROM public.$t;
	SQL
	for s in shard1 shard2; do on "$s" -c "ANALYZE public.$t" || ok=0; done
done
on coord -c "ANALYZE" || ok=0
check "sharded by customer_id over both shards: $(echo $tables | tr ' ' ',')" [ $ok = 1 ]

# Both shards hold rows, and together exactly the local rows.
for t in $tables; do
	r=$(on coord -At -c "SELECT (SELECT count(*) FROM sharded.${t}_shard1) > 0 AND (SELECT count(*) FROM sharded.${t}_shard2) > 0
		AND (SELECT count(*) FROM sharded.$t) = (SELECT count(*) FROM public.$t)
		AND NOT EXISTS (SELECT * FROM public.$t EXCEPT ALL SELECT * FROM sharded.$t)")
	check "$t: both shards hold rows, together exactly the local rows" [ "$r" = t ]
done

# has SIGNATURE: a function with exactly this signature exists.
has() { [ "$(on coord -At -c "SELECT to_regprocedure('$1') IS NOT NULL")" = t ]; }
# has_first NAME TYPE: a function NAME whose first argument is of type TYPE exists.
has_first() {
	[ "$(on coord -At -c "SELECT EXISTS (SELECT FROM pg_proc WHERE proname = '$1' AND proargtypes[0] = to_regtype('$2'))")" = t ]
}

# ---------------------------------------------------------------- (a) pushdown
# Per-customer aggregates that exist: "signature|table|expression|where it must run".
# customer_profile(ordered_at, amount) reads the session TimeZone, so the extension
# marks it stable and postgres_fdw keeps it on the coordinator (the shards' sessions
# run in GMT); with a constant zone it stays local too, because PostgreSQL 15's
# postgres_fdw ships an aggregate only when the collation of its text inputs comes
# from a foreign column.  Both must give the local results (checked below).
per_customer=(
	"nps_agg(integer)|responses|nps_agg(score)|shards"
	"nps(integer)|responses|nps(score)|shards"
	"customer_profile(timestamp with time zone,numeric)|orders|customer_profile(ordered_at, amount)|coordinator"
	"customer_profile(timestamp with time zone,numeric,text)|orders|customer_profile(ordered_at, amount, 'Pacific/Auckland')|coordinator"
)
present=()
for item in "${per_customer[@]}"; do
	IFS='|' read -r sig t expr where <<<"$item"
	if ! has "$sig"; then echo "skip - $sig does not exist (yet)"; continue; fi
	present+=("$item")
	name=${sig%%(*}
	plan=$(on_sharded -At -c "EXPLAIN (VERBOSE, COSTS OFF) SELECT customer_id, $expr FROM $t GROUP BY customer_id" 2>&1) ||
		{ fail "EXPLAIN of $expr per customer"; continue; }
	remote=$(grep -cE "Remote SQL: SELECT .*\bpublic\.$name\(.* GROUP BY " <<<"$plan")
	local_aggs=$(grep -cE '^ *(-> +)?(Finalize |Partial )?(Hash|Group|Mixed)?Aggregate\b' <<<"$plan")
	if [ "$where" = coordinator ]; then
		if [ "$remote" = 0 ] && [ "$local_aggs" -gt 0 ]; then
			pass "$expr GROUP BY customer_id runs on the coordinator over the shards' rows, as it must"
		else
			fail "$expr GROUP BY customer_id should run on the coordinator"
			grep -E 'Remote SQL|Aggregate' <<<"$plan" | head -4
		fi
	elif [ "$remote" = 2 ] && [ "$local_aggs" = 0 ]; then
		pass "$expr GROUP BY customer_id runs on both shards (Remote SQL has public.$name(...) ... GROUP BY)"
	else
		fail "$expr GROUP BY customer_id is not pushed down to both shards"
		grep -E 'Remote SQL|Aggregate' <<<"$plan" | head -4
		case $expr in *"'"*)
			echo "  note: PostgreSQL 15's postgres_fdw ships an aggregate only when the collation of its inputs comes from a foreign column; a text constant argument (default collation) keeps it local. A zone taken from a column of the table is shipped." ;;
		esac
	fi
done

# ---------------------------------------------------------------- (b) reports
# The same query on the sharded tables and on the local copy prints the same.
same() { # same DESCRIPTION (SQL on stdin)
	local what="$1 [TimeZone $tz]" sql a b
	sql=$(cat)
	if ! a=$(on_sharded -P pager=off <<<"$sql" 2>&1); then fail "$what: failed on the sharded tables"; echo "$a" | head -20; return; fi
	if ! b=$(on_local -P pager=off <<<"$sql" 2>&1); then fail "$what: failed on the local copy"; echo "$b" | head -20; return; fi
	if [ -z "$b" ]; then fail "$what: printed nothing"; return; fi
	if [ "$a" = "$b" ]; then
		pass "$what: sharded equals local ($(wc -l <<<"$b") lines)"
	else
		fail "$what: sharded differs from local (< local, > sharded)"
		{ diff <(echo "$b") <(echo "$a") | grep "^<" | head -3; diff <(echo "$b") <(echo "$a") | grep "^>" | head -3; } | cut -c1-200
	fi
}

# Which of two NPS-per-segment plans ships states rather than rows (information, not asserted).
for q in "SELECT segment, nps(score) FROM responses GROUP BY segment" \
	"SELECT segment, nps(rollup(s)) FROM (SELECT customer_id, segment, nps_agg(score) AS s FROM responses GROUP BY customer_id, segment) c GROUP BY segment"; do
	r=$(on_sharded -At -c "EXPLAIN (VERBOSE, COSTS OFF) $q" | grep -m1 -oE 'Remote SQL: .*')
	echo "info - $q"
	echo "         shard1 $r"
done

# Every comparison in GMT (the time zone of postgres_fdw's sessions on the
# shards), UTC, and a zone whose day boundary falls inside the sample's order
# hours (07:00-21:00 UTC).
for tz in GMT UTC Pacific/Auckland; do
	for item in "${present[@]}"; do
		IFS='|' read -r sig t expr where <<<"$item"
		same "$expr per customer" <<<"SELECT customer_id, ($expr)::text FROM $t GROUP BY customer_id ORDER BY customer_id"
	done

	same "demo/report.sql" <demo/report.sql

	same "NPS per segment from per-customer states (pushed down) rolled up on the coordinator" <<-'SQL'
	SELECT segment, response_count(s), nps(s), s::text
	FROM (SELECT segment, rollup(s) AS s
	      FROM (SELECT customer_id, segment, nps_agg(score) AS s FROM responses GROUP BY customer_id, segment) c
	      GROUP BY segment) x
	ORDER BY segment;
	SQL

	if has "customer_profile(timestamp with time zone,numeric)"; then
		same "profiles per customer: orders, revenue, first and last order" <<-'SQL'
		SELECT sum(order_count(p)) AS orders, sum(total_revenue(p)) AS revenue, min(first_order(p)) AS first,
		       max(last_order(p)) AS last, count(*) AS customers
		FROM (SELECT customer_id, customer_profile(ordered_at, amount) AS p FROM orders GROUP BY customer_id) x;
		SQL
		same "all orders as one profile (partial profiles combined on the coordinator)" <<-'SQL'
		SELECT customer_profile(ordered_at, amount)::text FROM orders;
		SQL
		if has_first loyalty_stage customer_profile; then
			same "loyalty ladder as of 2026-07-01, with lapsed customers' lost value" <<-'SQL'
			SELECT loyalty_stage(p, '2026-07-01 00:00:00+00') AS stage, count(*) AS customers,
			       sum(lost_customer_value(p, '2026-07-01 00:00:00+00', 5)) AS lost_value_5y
			FROM (SELECT customer_id, customer_profile(ordered_at, amount) AS p FROM orders GROUP BY customer_id) x
			GROUP BY 1 ORDER BY 1;
			SQL
		else
			echo "skip - loyalty_stage(customer_profile, ...) does not exist (yet)"
		fi
		if has "loyalty_ladder(bigint,timestamp with time zone,timestamp with time zone)"; then
			same "one-pass loyalty ladder (default zone UTC and a named zone) over orders and contacts" <<-'SQL'
			SELECT 'default (UTC)' AS days_in, * FROM stage_counts((SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01 00:00:00+00')
			    FROM (SELECT customer_id, ordered_at FROM orders UNION ALL SELECT customer_id, NULL FROM customers) u))
			UNION ALL
			SELECT 'Pacific/Auckland', * FROM stage_counts((SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01 00:00:00+00', 'Pacific/Auckland')
			    FROM (SELECT customer_id, ordered_at FROM orders UNION ALL SELECT customer_id, NULL FROM customers) u));
			SELECT md5(loyalty_ladder(customer_id, ordered_at, '2026-07-01 00:00:00+00')::text) AS whole_ladder FROM orders;
			SQL
		fi
		if has_first stage_migration loyalty_ladder && has_first stage_sensitivity loyalty_ladder; then
			same "stage migration and threshold sensitivity of the one-pass ladder (partial ladders combined)" <<-'SQL'
			SELECT * FROM stage_migration((SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01 00:00:00+00', 'Pacific/Auckland')
			    FROM (SELECT customer_id, ordered_at FROM orders UNION ALL SELECT customer_id, NULL FROM customers) u),
			    '2025-12-31 11:00:00+00');
			SELECT * FROM stage_sensitivity((SELECT loyalty_ladder(customer_id, ordered_at, '2026-07-01 00:00:00+00') FROM orders),
			    ARRAY[1, 3, 5], ARRAY[365, 730]);
			SQL
		fi
		if has_first model_summary customer_profile && has "bgnbd_fit(integer,double precision,double precision)" &&
			has "gamma_gamma_fit(integer,double precision)"; then
			same "BG/NBD and Gamma-Gamma fits over the profiles' summaries (weeks)" <<-'SQL'
			WITH c AS (
			    SELECT s.x, s.t_x, s.t, (total_revenue(p) / order_count(p))::float8 AS mean_value
			    FROM (SELECT customer_id, customer_profile(ordered_at, amount) AS p
			          FROM orders GROUP BY customer_id) x
			    CROSS JOIN LATERAL model_summary(p, '2026-07-01 00:00:00+00', 7) s
			)
			SELECT round((b).r::numeric, 6) AS r, round((b).alpha::numeric, 6) AS alpha,
			       round((b).a::numeric, 6) AS a, round((b).b::numeric, 6) AS b, (b).n AS n,
			       round((g).p::numeric, 6) AS p, round((g).q::numeric, 6) AS q,
			       round((g).gamma::numeric, 6) AS gamma, (g).n AS repeat_customers
			FROM (SELECT bgnbd_fit(x, t_x, t) AS b,
			             gamma_gamma_fit(x, mean_value) FILTER (WHERE x > 0 AND mean_value > 0) AS g
			      FROM c) f;
			SQL
		else
			echo "skip - model_summary(customer_profile, ...), bgnbd_fit or gamma_gamma_fit does not exist (yet)"
		fi
	else
		echo "skip - customer_profile(timestamptz, numeric) does not exist (yet)"
	fi
done
tz=UTC

# ---------------------------------------------------------------- (c) a shard stops
c1=$(on coord -At -c "SELECT min(customer_id) FROM sharded.responses_shard1")
q_all="SELECT nps(score) FROM responses"
q_one="SELECT customer_id, nps_agg(score)::text FROM responses WHERE customer_id = $c1 GROUP BY customer_id"
q_shard1="SELECT nps_agg(score)::text FROM responses_shard1"
q_shard1_local="SELECT nps_agg(score)::text FROM public.responses WHERE satisfies_hash_partition('sharded.responses'::regclass, 2, 0, customer_id)"
want_all=$(on_local -At -c "$q_all")
want_one=$(on_local -At -c "$q_one")
want_shard1=$(on_local -At -c "$q_shard1_local")

cf_as_server_user pg_ctl -D "$work/shard2" -m fast -w stop >/dev/null 2>&1
started=(coord shard1)
err=$(on_sharded -At -c "$q_all" 2>&1); rc=$?
if [ $rc -ne 0 ] && grep -q 'could not connect to server "shard2"' <<<"$err"; then
	pass "shard2 stopped: a query over all shards fails naming it: $(head -1 <<<"$err" | sed 's/^psql:[^E]*//')"
else
	fail "shard2 stopped: expected a clear error naming shard2 (exit $rc): $err"
fi
a=$(on_sharded -At -c "$q_one" 2>&1)
check "shard2 stopped: a customer on shard1 (pruned to it) still works and is right" [ "$a" = "$want_one" ]
a=$(on_sharded -At -c "$q_shard1" 2>&1)
check "shard2 stopped: shard1's partition from the coordinator still works and is right" [ "$a" = "$want_shard1" ]
a=$(on shard1 -At -c "SELECT nps_agg(score)::text FROM public.responses" 2>&1)
check "shard2 stopped: shard1 itself still works" [ "$a" = "$want_shard1" ]
a=$(on_local -At -c "$q_all" 2>&1)
check "shard2 stopped: the coordinator's own tables still work" [ "$a" = "$want_all" ]

restart_server shard2
a=$(on_sharded -At -c "$q_all" 2>&1)
check "shard2 back: the query over all shards works again and is right" [ "$a" = "$want_all" ]

echo "multinode: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
