# test/bench/pairs.sh — one measurement for benchmarks on a loaded machine
# (sourced): a query and its baseline run alternately in one session, serial,
# jit off, each reporting the backend's CPU time (log_executor_stats: user +
# system, which a busy machine changes far less than the wall time) and its
# wall time.  Back-to-back pairs see the same load, so the median of the
# per-pair ratios is what to read.  Needs a superuser session (the setting).

# bench_pair RUNS QUERY BASELINE: after one warm-up of each, RUNS pairs;
# prints "<query wall ms> <baseline wall ms> <query cpu ms> <baseline cpu ms>
# <median cpu ratio> <median wall ratio>" (each a median).
bench_pair() {
	local n=$1 q=$2 b=$3 i args=()
	args+=(-c "SET jit = off" -c "SET max_parallel_workers_per_gather = 0" -c "$q" -c "$b"
		-c "SET log_executor_stats = on" -c "SET client_min_messages = log" -c '\timing on')
	for ((i = 0; i < n; i++)); do args+=(-c "$q" -c "$b"); done
	psql -X -q -v ON_ERROR_STOP=1 "${args[@]}" 2>&1 |
		sed -nE -e 's/^!\s+([0-9.]+) s user, ([0-9.]+) s system.*/cpu \1 \2/p' -e 's/^Time: ([0-9.]+) ms.*/wall \1/p' |
		awk 'function median(a, n,   i, j, t) { for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
		                                       return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
		     $1 == "cpu" { c[++nc] = 1000 * ($2 + $3); next }
		     $1 == "wall" { w[++nw] = $2; next }
		     END { k = int(nw / 2); if (nc < 2 * k) { print "bench_pair: no executor statistics (superuser?)" > "/dev/stderr"; exit 1 }
		           for (i = 1; i <= k; i++) { qw[i] = w[2 * i - 1]; bw[i] = w[2 * i]; qc[i] = c[2 * i - 1]; bc[i] = c[2 * i];
		                                      rc[i] = qc[i] / (bc[i] > 0 ? bc[i] : 1e-9); rw[i] = qw[i] / bw[i] }
		           printf "%.1f %.1f %.1f %.1f %.2f %.2f", median(qw, k), median(bw, k), median(qc, k), median(bc, k), median(rc, k), median(rw, k) }'
}
