#!/usr/bin/env bash
# The binary input of every state type, fuzzed through SQL: what a receive
# function accepts prints, reads back with the input function and sends the
# same bytes; what it refuses is refused in class 22 (or 08P01 for a message of
# the wrong length).  Seeds: test/type_samples.txt; mutations byte by byte and
# at random from a fixed seed (deterministic; about 20 s on an idle machine).
# See test/scripts/recv_roundtrip.c.  Prints "recv_roundtrip: N passed, N failed"
# (one check per type).
#
# Environment: CF_RECV_MUTATIONS (default 300) random mutations per sample,
# CF_RECV_SEED (default 20261203) the generator's seed.
set -uo pipefail
cd "$(dirname "$0")/../.."
source scripts/pg.sh
CF_EXTRA_PACKAGES="${CF_EXTRA_PACKAGES:-} libpq-dev"
if [ -z "${PGHOST:-}${PGPORT:-}" ]; then cf_setup; cf_start_server; else cf_pg_paths; cf_install_packages libpq-dev; fi

DB=cf_recv_$$
WORK=$(mktemp -d "${TMPDIR:-/tmp}/customer_focus-recv.XXXXXX")
cleanup() {
	psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1
	rm -rf "$WORK"
	cf_stop_server	# the private server this script started, if any (its trap is replaced here)
}
trap cleanup EXIT

inc=$(pg_config --includedir)
[ -f "$inc/libpq-fe.h" ] || inc=/usr/include/postgresql
if ! gcc -O2 -Wall -I"$inc" -o "$WORK/recv_roundtrip" test/scripts/recv_roundtrip.c -lpq 2>"$WORK/cc.log"; then
	cat "$WORK/cc.log"; echo "recv_roundtrip: 0 passed, 1 failed"; exit 1
fi
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $DB" >/dev/null &&
	psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -c "CREATE EXTENSION customer_focus" >/dev/null ||
	{ echo "recv_roundtrip: 0 passed, 1 failed"; exit 1; }
PGDATABASE=$DB "$WORK/recv_roundtrip" test/type_samples.txt "${CF_RECV_MUTATIONS:-300}" "${CF_RECV_SEED:-20261203}" ${CF_RECV_TYPE:-}
