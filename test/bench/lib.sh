# test/bench/lib.sh — helpers of the benchmark suite (sourced by test/bench/run.sh).
#
# A benchmark case is a file test/bench/cases/NN_name.sql holding one or more cases:
#
#   -- case: nps per segment              starts a case (the name is the table's first column)
#   -- set: work_mem = '256MB'            optional, a setting for every query of the case
#   -- prepare:                           optional, SQL run once before the case is timed
#   CREATE TABLE IF NOT EXISTS ... ;        (e.g. a table of stored states; runs in the
#                                           benchmark database, must be idempotent)
#   -- variant: extension [label]         a query through the extension
#   SELECT segment, nps(score) FROM responses GROUP BY segment;
#   -- goal: floor <= 1.3                 optional goals of the variant above (see below)
#   -- variant: plain [label]             the same result in plain SQL
#   SELECT ... ;
#   -- variant: floor [label]             the scan floor (e.g. count(score) over the same rows)
#   SELECT ... ;
#
# A query runs until the next directive; other comment lines are kept as SQL.  Every
# query is measured as  SELECT count(s.*) FROM (<query>) s,  which reads every output
# column, so the planner cannot drop an aggregate the outer query does not use (it
# replaces unread subquery outputs by NULL, and count(*) alone would time an empty scan).
#
# Goals (checked on every row of the variant, printed in the goal column):
#   floor <= X          median at most X times the case's floor (same workers)
#   plain <= X          median at most X times the case's first plain variant (< X too)
#   speedup >= X floor  the 2-worker speed-up at least X times the floor's speed-up
#
# Tables available to cases (demo/generate.sql): customers, orders, responses,
# service_events.  The extension is created in the benchmark database.

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

bench_log() { printf '[bench] %s\n' "$*" >&2; }

# Prints the median of the numbers on stdin (one a line); nothing if there are none.
bench_median() {
	sort -g | awk '{ v[NR] = $1 } END {
		if (NR == 0) exit
		if (NR % 2) printf "%.3f\n", v[(NR + 1) / 2]
		else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Splits the case file $1 into $2/: index.tsv (case_no, case, variant_no, kind, label,
# goals joined by ';'), q_<case>_<variant>.sql, set_<case>.sql, prepare_<case>.sql.
# Case numbers continue from those already in $2/index.tsv.
bench_parse_case() {
	local file=$1 dir=$2 start=0
	[ -f "$dir/index.tsv" ] && start=$(awk -F'\t' 'BEGIN { m = 0 } $1 > m { m = $1 } END { print m }' "$dir/index.tsv")
	awk -v dir="$dir" -v start="$start" -v src="$file" '
		function flush_goals() {
			if (v > 0) printf "%d\t%s\t%d\t%s\t%s\t%s\n", c, cname, v, kind, label, goals >> (dir "/index.tsv")
		}
		function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
		BEGIN { c = start; v = 0; mode = "" }
		/^--[ \t]*case:/ {
			flush_goals()
			c++; v = 0; cname = trim(substr($0, index($0, ":") + 1)); mode = "none"
			next
		}
		/^--[ \t]*set:/ {
			if (c == start) { printf "%s: set before any case\n", src > "/dev/stderr"; exit 1 }
			s = trim(substr($0, index($0, ":") + 1))
			n = index(s, "=")
			if (n == 0) { printf "%s: bad set line: %s\n", src, $0 > "/dev/stderr"; exit 1 }
			printf "SET %s TO %s;\n", trim(substr(s, 1, n - 1)), trim(substr(s, n + 1)) >> (dir "/set_" c ".sql")
			next
		}
		/^--[ \t]*prepare:/ {
			if (c == start) { printf "%s: prepare before any case\n", src > "/dev/stderr"; exit 1 }
			mode = "prepare"; out = dir "/prepare_" c ".sql"; printf "" >> out
			next
		}
		/^--[ \t]*variant:/ {
			if (c == start) { printf "%s: variant before any case\n", src > "/dev/stderr"; exit 1 }
			flush_goals()
			v++; s = trim(substr($0, index($0, ":") + 1))
			kind = s; label = ""
			n = index(s, " ")
			if (n > 0) { kind = substr(s, 1, n - 1); label = trim(substr(s, n + 1)) }
			if (kind != "extension" && kind != "plain" && kind != "floor") {
				printf "%s: variant kind must be extension, plain or floor: %s\n", src, $0 > "/dev/stderr"; exit 1
			}
			goals = ""; mode = "query"; out = dir "/q_" c "_" v ".sql"; printf "" > out
			next
		}
		/^--[ \t]*goal:/ {
			if (v == 0) { printf "%s: goal before any variant\n", src > "/dev/stderr"; exit 1 }
			g = trim(substr($0, index($0, ":") + 1))
			goals = (goals == "" ? g : goals ";" g)
			next
		}
		{
			if (mode == "query" || mode == "prepare") print >> out
		}
		END { flush_goals() }
	' "$file"
}

# Prints the text of query file $1 without trailing blank lines and the final semicolon.
bench_query_text() {
	awk '{ l[NR] = $0 } END {
		n = NR
		while (n > 0 && l[n] ~ /^[ \t]*(--.*)?$/) n--
		if (n > 0) sub(/;[ \t]*$/, "", l[n])
		for (i = 1; i <= n; i++) print l[i] }' "$1"
}

# Prints the measured form of query file $1.
bench_wrapped_query() {
	printf 'SELECT count(s.*) FROM (\n%s\n) s' "$(bench_query_text "$1")"
}

# Makes sure database $BENCH_DB holds the data set with the given generator
# parameters ("customers=.. orders_per_customer=.. responses=.. service_events=.. seed=.."):
# generates it with demo/generate.sql unless a marker table says it is already there
# with the same parameters and the same generator.
bench_ensure_dataset() {
	# the benchmark data set is the generator's bench mode unless the caller names a mode
	local spec="$1"
	[[ " $spec " == *" mode="* ]] || spec="$spec mode=bench"
	set -- "$spec"
	local params="$1 generator=$(md5sum "$CF_ROOT/demo/generate.sql" | cut -c1-12)" have args=() kv
	psql -X -q -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$BENCH_DB'" | grep -q 1 ||
		psql -X -q -d postgres -c "CREATE DATABASE $BENCH_DB" || return 1
	have=$(psql -X -q -d "$BENCH_DB" -tAc "SELECT params FROM cf_bench_dataset" 2>/dev/null)
	if [ "$have" = "$params" ]; then
		bench_log "data set already in database $BENCH_DB ($params)"
		return 0
	fi
	for kv in $1; do args+=(-v "$kv"); done
	bench_log "generating the data set in database $BENCH_DB ($params)"
	local t0=$SECONDS
	psql -X -q -d "$BENCH_DB" -c 'SET client_min_messages = warning' -c 'DROP TABLE IF EXISTS cf_bench_dataset' &&
		psql -X -q -d "$BENCH_DB" "${args[@]}" -f "$CF_ROOT/demo/generate.sql" || return 1
	bench_log "generated in $((SECONDS - t0)) s; vacuuming (hint bits, visibility map)"
	psql -X -q -d "$BENCH_DB" -c 'VACUUM (FREEZE, ANALYZE) customers, orders, responses, service_events' || return 1
	psql -X -q -d "$BENCH_DB" -c "CREATE TABLE cf_bench_dataset AS SELECT '$params'::text AS params" || return 1
	BENCH_GEN_SECONDS=$((SECONDS - t0))
	bench_log "data set ready in $BENCH_GEN_SECONDS s"
}

# Starts (creating it if needed) a persistent private server in directory $1, so
# that the generated data set survives between runs; stops it when the shell exits.
bench_start_persistent_server() {
	local dir=$1 user
	mkdir -p "$dir" || return 1
	dir=$(cd "$dir" && pwd)
	if [ "$(id -u)" = 0 ]; then user=postgres; chown postgres "$dir"; else user=$(id -un); fi
	if [ ! -f "$dir/data/PG_VERSION" ]; then
		bench_log "creating a benchmark cluster in $dir/data"
		cf_as_server_user initdb -D "$dir/data" -U "$user" --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
			{ cat "$dir/initdb.log" >&2; return 1; }
	fi
	cf_as_server_user pg_ctl -D "$dir/data" -l "$dir/server.log" -w -t 120 \
		-o "-c listen_addresses='' -k $dir -p 5432 -c fsync=off ${CF_SERVER_SETTINGS:-}" start >/dev/null ||
		{ tail -20 "$dir/server.log" >&2; return 1; }
	BENCH_PERSISTENT_DIR=$dir
	trap 'cf_as_server_user pg_ctl -D "$BENCH_PERSISTENT_DIR/data" -m fast -w stop >/dev/null 2>&1' EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	export PGHOST="$dir" PGPORT=5432 PGUSER="$user" PGDATABASE=postgres
}

# Runs the variants of case $2 (parsed into directory $1) with each number of parallel
# workers in $3 (e.g. "0 2"), $4 timed runs each after one warm-up run, in one session,
# interleaving variants and worker settings run by run so that drift in the machine's
# load hits every row alike (ratios and speed-ups compare like with like).
# Appends to $1/results.tsv: case_no, variant_no, workers, median_ms, launched,
# peak ("mem_kB disk_kB"), samples (comma-separated ms).
bench_run_case() {
	local dir=$1 c=$2 wlist=$3 runs=$4 script=$1/run_$2.sql out=$1/run_$2.out
	local variants v r w
	variants=$(awk -F'\t' -v c="$c" -v ext="$BENCH_HAVE_EXT" \
		'$1 == c && $4 !~ /^broken/ && ($4 != "extension" || ext != "") { print $3 }' "$dir/index.tsv")
	[ -n "$variants" ] || return 0
	{
		echo "SET jit = ${CF_BENCH_JIT:-off};"
		[ -f "$dir/set_$c.sql" ] && cat "$dir/set_$c.sql"
		echo '\o /dev/null'
		for r in $(seq 0 "$runs"); do
			for w in $wlist; do
				echo "SET max_parallel_workers_per_gather = $w;"
				echo '\timing on'
				for v in $variants; do
					echo "\\echo @@ $v $w $r"
					bench_wrapped_query "$dir/q_${c}_$v.sql"
					echo ';'
				done
				echo '\timing off'
			done
		done
		for w in $wlist; do
			echo "SET max_parallel_workers_per_gather = $w;"
			for v in $variants; do
				echo "\\o $dir/explain_${c}_${v}_$w.json"
				echo 'EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)'
				bench_wrapped_query "$dir/q_${c}_$v.sql"
				echo ';'
			done
		done
		echo '\o'
	} >"$script"
	if ! psql -X -q -At -v ON_ERROR_STOP=1 -d "$BENCH_DB" -f "$script" >"$out" 2>"$out.err"; then
		bench_log "case $c failed:"; cat "$out.err" >&2
		for w in $wlist; do for v in $variants; do
			printf '%s\t%s\t%s\terror\t\t\t\n' "$c" "$v" "$w" >>"$dir/results.tsv"
		done; done
		return 1
	fi
	for w in $wlist; do
		for v in $variants; do
			local samples median launched peak f=$dir/explain_${c}_${v}_$w.json
			samples=$(awk -v v="$v" -v w="$w" '
				/^@@ / { cur = ($2 == v && $3 == w && $4 > 0); next }
				/^Time: / && cur { print $2; cur = 0 }' "$out")
			median=$(printf '%s\n' "$samples" | grep . | bench_median)
			launched=$(grep -o '"Workers Launched": [0-9]*' "$f" | awk '{ if ($3 > m) m = $3 } END { print m + 0 }')
			peak=$(bench_plan_memory "$f")
			printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$c" "$v" "$w" "$median" "$launched" "$peak" \
				"$(printf '%s\n' "$samples" | grep . | paste -sd, -)" >>"$dir/results.tsv"
		done
	done
}

# Prints "<memory kB> <disk kB>" for the EXPLAIN (ANALYZE, FORMAT JSON) output in $1:
# the largest in-memory size of a hash aggregate, hash or sort node of the plan
# (leader or worker) and the largest spill to disk; "" if the plan has no such node.
bench_plan_memory() {
	awk '
		function val(s) { sub(/.*: /, "", s); sub(/[,}].*/, "", s); gsub(/"/, "", s); return s }
		/"Peak Memory Usage":/ { v = val($0) + 0; if (v > mem) mem = v; any = 1 }
		/"Disk Usage":/ { v = val($0) + 0; if (v > disk) disk = v; any = 1 }
		/"Sort Space Used":/ { used = val($0) + 0 }
		/"Sort Space Type":/ { any = 1; if (val($0) == "Disk") { if (used > disk) disk = used } else if (used > mem) mem = used }
		END { if (any) printf "%d %d\n", mem, disk }' "$1"
}

# Checks that every variant of every case plans (EXPLAIN without running); a variant
# that does not is reported in the log and in the table and is not timed.
bench_check_plans() {
	local dir=$1 c name v kind label
	while IFS=$'\t' read -r c name v kind label _; do
		[ "$kind" = extension ] && [ -z "$BENCH_HAVE_EXT" ] && continue
		if ! { [ -f "$dir/set_$c.sql" ] && cat "$dir/set_$c.sql"; echo 'EXPLAIN'; bench_wrapped_query "$dir/q_${c}_$v.sql"; echo ';'; } |
			psql -X -q -v ON_ERROR_STOP=1 -d "$BENCH_DB" >/dev/null 2>"$dir/check_${c}_$v.err"; then
			bench_log "case '$name', variant $kind${label:+ $label}: does not plan, left out: $(grep -m1 ERROR "$dir/check_${c}_$v.err")"
			awk -F'\t' -v c="$c" -v v="$v" 'BEGIN { OFS = "\t" } $1 == c && $3 == v { $4 = "broken:" $4 } { print }' \
				"$dir/index.tsv" >"$dir/index.tmp" && mv "$dir/index.tmp" "$dir/index.tsv"
		fi
	done <"$dir/index.tsv"
}

# Prints the Markdown table from $1/index.tsv and $1/results.tsv; the last line is
# "goals: N met, N missed".
bench_report() {
	local dir=$1
	awk -F'\t' '
		FNR == NR { name[$1] = $2; kind[$1, $3] = $4; label[$1, $3] = $5; goals[$1, $3] = $6
		            nv[$1] = ($3 > nv[$1] ? $3 : nv[$1]); if ($1 > nc) nc = $1; next }
		{ med[$1, $2, $3] = $4; launched[$1, $2, $3] = $5; peak[$1, $2, $3] = $6; seen[$1, $2, $3] = 1
		  n = split($7, smp, ","); lo = ""; hi = ""
		  for (i = 1; i <= n; i++) { if (lo == "" || smp[i] + 0 < lo) lo = smp[i] + 0; if (hi == "" || smp[i] + 0 > hi) hi = smp[i] + 0 }
		  range[$1, $2, $3] = (n > 1 ? ms(lo) "–" ms(hi) : "–")
		  if (!(($1, $3) in wseen)) { wseen[$1, $3] = 1; ws[$1] = ws[$1] " " $3 } }
		function num(x) { return (x != "" && x != "error") }
		function ratio(a, b) { return (num(a) && num(b) && b > 0) ? a / b : "" }
		function fmt(x) { return x == "" ? "–" : sprintf(x < 0.1 ? "%.3f×" : "%.2f×", x) }
		function ms(x) { return num(x) ? (x >= 100 ? sprintf("%.0f", x) : sprintf("%.1f", x)) : (x == "" ? "–" : x) }
		function kb(k) { return k >= 10240 ? sprintf("%.0f MB", k / 1024) : sprintf("%d kB", k) }
		function mem(s,   a) {
			if (s == "") return "–"
			split(s, a, " ")
			if (a[2] > 0) return (a[1] > 0 ? kb(a[1]) " + " : "") kb(a[2]) " on disk"
			return kb(a[1])
		}
		function first(c, kd,   v) { for (v = 1; v <= nv[c]; v++) if (kind[c, v] == kd) return v; return 0 }
		function speedup(c, v,   lo, hi, n, i, a) {
			n = split(ws[c], a, " "); lo = a[1]; hi = a[n]
			if (n < 2) return ""
			return ratio(med[c, v, lo], med[c, v, hi])
		}
		END {
			print "| case | variant | workers | median ms | range ms | × floor | extension / plain | speed-up | peak memory | goal |"
			print "|---|---|---|---|---|---|---|---|---|---|"
			met = 0; missed = 0
			for (c = 1; c <= nc; c++) {
				fl = first(c, "floor"); pl = first(c, "plain")
				nw = split(ws[c], wl, " ")
				for (v = 1; v <= nv[c]; v++) if (kind[c, v] ~ /^broken:/) {
					printf "| %s | %s%s | – | does not plan (see the log) | | | | | | |\n", name[c],
						substr(kind[c, v], 8), label[c, v] != "" ? ": " label[c, v] : ""
				} else for (j = 1; j <= nw; j++) {
					w = wl[j]
					if (!((c, v, w) in seen)) continue
					m = med[c, v, w]
					rf = fl ? ratio(m, med[c, fl, w]) : ""
					rp = (kind[c, v] == "extension" && pl) ? ratio(m, med[c, pl, w]) : ""
					# a speed-up only where the parallel plan ran with workers
					su = (j == nw && j > 1 && launched[c, v, w] > 0) ? speedup(c, v) : ""
					wtxt = w
					if (w > 0 && launched[c, v, w] != w) wtxt = w " (" launched[c, v, w] + 0 " launched)"
					vt = kind[c, v] (label[c, v] != "" ? ": " label[c, v] : "")
					if (kind[c, v] == "floor") vt = "floor" (label[c, v] != "" ? ": " label[c, v] : "")
					gtxt = ""
					ng = split(goals[c, v], g, ";")
					for (k = 1; k <= ng; k++) {
						split(g[k], t, " ")
						ok = ""; txt = g[k]
						if (t[1] == "floor" && rf != "") { ok = (t[2] == "<" ? rf < t[3] : rf <= t[3]); txt = "≤ " t[3] "× floor" }
						else if (t[1] == "plain" && rp != "") { ok = (t[2] == "<" ? rp < t[3] : rp <= t[3]); txt = (t[2] == "<" ? "< " : "≤ ") t[3] "× plain" }
						else if (t[1] == "speedup" && su != "" && fl && launched[c, fl, w] > 0) {
							fsu = speedup(c, fl)
							if (fsu != "") { ok = (su >= t[3] * fsu); txt = "speed-up ≥ " t[3] "× floor’s (" sprintf("%.2f", fsu) "×)" }
						}
						if (ok == "") continue
						if (ok) met++; else missed++
						gtxt = gtxt (gtxt == "" ? "" : "; ") (ok ? "✅ " : "❌ ") txt
					}
					printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", name[c], vt, wtxt, ms(m), range[c, v, w],
						kind[c, v] == "floor" ? "1.00×" : fmt(rf), fmt(rp), fmt(su), mem(peak[c, v, w]), gtxt
				}
			}
			printf "\ngoals: %d met, %d missed\n", met, missed
		}' "$dir/index.tsv" "$dir/results.tsv"
}

# Prints a one-paragraph description of the machine and the server.
bench_machine() {
	local cpu mem pgv settings
	cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
	mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null)
	pgv=$(psql -X -q -d "$BENCH_DB" -tAc 'SELECT version()')
	settings=$(psql -X -q -d "$BENCH_DB" -tAc "SELECT string_agg(name || '=' || setting || coalesce(unit, ''), ', ' ORDER BY name)
		FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'max_parallel_workers_per_gather',
		'max_parallel_workers', 'parallel_setup_cost', 'parallel_tuple_cost', 'min_parallel_table_scan_size')")
	printf -- '- machine: %s CPUs (%s), %s memory, load average before the run %s\n' \
		"$(nproc)" "${cpu:-unknown CPU}" "${mem:-unknown}" "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
	printf -- '- server: %s\n' "$pgv"
	printf -- '- settings: %s; jit=%s (per session)\n' "$settings" "${CF_BENCH_JIT:-off}"
}
