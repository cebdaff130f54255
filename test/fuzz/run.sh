#!/usr/bin/env bash
# test/fuzz/run.sh [seconds] [harness ...] — builds every test/fuzz/fuzz_*.c
# (or the named harnesses) with clang's libFuzzer, AddressSanitizer and
# UndefinedBehaviorSanitizer against src/core/*.c, replays the seed corpus and
# the saved crash reproducers, then fuzzes each harness for `seconds`
# (default 30) of wall time, one harness at a time.
#
#   test/fuzz/fuzz_<name>.c              the harness (LLVMFuzzerTestOneInput)
#   test/fuzz/fuzz_<name>.dict           optional libFuzzer dictionary
#   test/fuzz/corpus/fuzz_<name>.txt     its seeds, one per line, escaped, with the
#                                        inputs that once crashed it as a section
#                                        (committed; format and tools: seeds.sh)
#   $CF_FUZZ_OUT (test/fuzz/out/)        new crash inputs, kept for inspection
#
# Adding a harness is adding fuzz_<name>.c (and its seed file): nothing to
# register.  Prints one line per harness and a total "fuzz: N passed, N failed"
# (a harness passes when it builds, replays its inputs and fuzzes without a
# crash, leak, timeout or sanitizer report).  Exit status 1 when any failed.
#
# Environment: CF_FUZZ_MAX_LEN (default 4096) longest generated input;
# CF_FUZZ_RSS_MB (default 1024) memory limit; CF_FUZZ_OUT (see above);
# CF_FUZZ_CFLAGS extra compiler flags, e.g. -DCF_FUZZ_SKIP_KNOWN to step over
# known, reported bugs while looking for new ones (never in the test command).
set -uo pipefail
FUZZ_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$FUZZ_DIR/../.." && pwd)
SECONDS_EACH=${1:-30}
shift || true
case "$SECONDS_EACH" in '' | *[!0-9]*) echo "usage: $0 [seconds] [harness ...]" >&2; exit 2 ;; esac
OUT=${CF_FUZZ_OUT:-$FUZZ_DIR/out}
MAX_LEN=${CF_FUZZ_MAX_LEN:-4096}
RSS_MB=${CF_FUZZ_RSS_MB:-1024}

# clang and its libFuzzer runtime (Debian: clang, libclang-rt-14-dev).
have_fuzzer_runtime() {
	command -v clang >/dev/null &&
		echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }' |
		clang -x c -fsanitize=fuzzer,address,undefined -o /dev/null - >/dev/null 2>&1
}
if ! have_fuzzer_runtime; then
	source "$ROOT/scripts/pg.sh"
	cf_install_packages clang libclang-rt-14-dev
	have_fuzzer_runtime || { echo "fuzz: clang cannot build libFuzzer binaries"; echo "fuzz: 0 passed, 1 failed"; exit 1; }
fi

BUILD=$(mktemp -d "${TMPDIR:-/tmp}/customer_focus-fuzz.XXXXXX")
trap 'rm -rf "$BUILD"' EXIT
mkdir -p "$OUT"

CFLAGS="-g -O1 -std=gnu11 -fno-omit-frame-pointer -fno-sanitize-recover=all -I$ROOT/src/core ${CF_FUZZ_CFLAGS:-}"
SAN_COMPILE="-fsanitize=fuzzer-no-link,address,undefined"
SAN_LINK="-fsanitize=fuzzer,address,undefined"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:allocator_may_return_null=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

# The core, one object per file, in a static library: a harness links only
# the objects it needs.  A file that does not compile (work in progress
# elsewhere) is left out with a note; a harness that needs it then fails to
# link and is counted as failed.
core_objs=()
for src in "$ROOT"/src/core/*.c; do
	obj="$BUILD/core_$(basename "$src" .c).o"
	if clang $CFLAGS $SAN_COMPILE -c "$src" -o "$obj" 2>"$BUILD/cc.log"; then
		core_objs+=("$obj")
	else
		echo "note: src/core/$(basename "$src") does not compile; left out:"
		sed 's/^/    /' "$BUILD/cc.log" | head -5
	fi
done

rm -f "$BUILD/libcfcore.a"
ar rcs "$BUILD/libcfcore.a" "${core_objs[@]}" || { echo "fuzz: ar failed"; echo "fuzz: 0 passed, 1 failed"; exit 1; }

if [ $# -gt 0 ]; then
	harnesses=()
	for h in "$@"; do harnesses+=("$FUZZ_DIR/${h%.c}.c"); done
else
	harnesses=("$FUZZ_DIR"/fuzz_*.c)
fi

passed=0
failed=0
for src in "${harnesses[@]}"; do
	[ -e "$src" ] || continue
	name=$(basename "$src" .c)
	bin="$BUILD/$name"
	log="$BUILD/$name.log"
	if ! clang $CFLAGS $SAN_COMPILE -c "$src" -o "$bin.o" 2>"$log" ||
		! clang $SAN_LINK -o "$bin" "$bin.o" "$BUILD/libcfcore.a" -lm 2>>"$log"; then
		echo "$name: FAILED to build"; sed 's/^/    /' "$log" | head -20
		failed=$((failed + 1)); continue
	fi

	# The seeds and the saved reproducers, one file each (what libFuzzer reads);
	# seeds kept in folders instead of the seed file would be silently ignored.
	seed_dir="$BUILD/$name.seeds"
	mkdir -p "$seed_dir"
	if [ -d "$FUZZ_DIR/corpus/$name" ] || [ -d "$FUZZ_DIR/regressions/$name" ]; then
		echo "$name: FAILED: seeds belong in test/fuzz/corpus/$name.txt, not in a folder;" \
			"append them with: bash test/fuzz/seeds.sh escape <files> >> test/fuzz/corpus/$name.txt"
		failed=$((failed + 1)); continue
	fi
	if [ -f "$FUZZ_DIR/corpus/$name.txt" ] && ! bash "$FUZZ_DIR/seeds.sh" unpack "$FUZZ_DIR/corpus/$name.txt" "$seed_dir" 2>"$log"; then
		echo "$name: FAILED reading its seed file"; sed 's/^/    /' "$log" | head -10
		failed=$((failed + 1)); continue
	fi
	# Replay them: each input runs once.
	replay=()
	for f in "$seed_dir"/*; do [ -f "$f" ] && replay+=("$f"); done
	if [ ${#replay[@]} -gt 0 ] && ! "$bin" -rss_limit_mb="$RSS_MB" -timeout=10 "${replay[@]}" >"$log" 2>&1; then
		echo "$name: FAILED replaying the seed corpus / regressions"; grep -E 'ERROR|runtime error|property failed|Running:' "$log" | tail -20
		failed=$((failed + 1)); continue
	fi

	# Fuzz: new inputs go to a scratch corpus; the committed seeds are only read.
	work="$BUILD/$name.corpus"
	mkdir -p "$work"
	seeds=("$seed_dir")
	dict=()
	[ -f "$FUZZ_DIR/$name.dict" ] && dict+=("-dict=$FUZZ_DIR/$name.dict")
	nice -n 10 "$bin" -max_total_time="$SECONDS_EACH" -max_len="$MAX_LEN" -timeout=10 \
		-rss_limit_mb="$RSS_MB" -print_final_stats=1 -artifact_prefix="$OUT/$name-" \
		"${dict[@]}" "$work" "${seeds[@]}" >"$log" 2>&1
	status=$?
	execs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+).*/\1/p' "$log" | tail -1)
	corpus=$(find "$work" -type f | wc -l)
	if [ "$status" -eq 0 ]; then
		echo "$name: ok, ${execs:-?} executions in ${SECONDS_EACH}s, $corpus new corpus inputs"
		passed=$((passed + 1))
	else
		echo "$name: FAILED (exit $status) after ${execs:-?} executions"
		grep -E 'ERROR|runtime error|property failed|SUMMARY|Test unit written' "$log" | head -20
		artifact=$(sed -nE 's/.*Test unit written to (.*)$/\1/p' "$log" | tail -1)
		if [ -n "$artifact" ] && [ -f "$artifact" ]; then
			echo "    input saved as $artifact; to replay it on every run, add it under \"# crash reproducers\" in test/fuzz/corpus/$name.txt:"
			echo "    bash test/fuzz/seeds.sh escape $artifact"
			head -c 600 "$artifact" | od -An -c | tr -s ' ' | head -10 | sed 's/^/    /'
		fi
		failed=$((failed + 1))
	fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
