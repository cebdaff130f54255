#!/usr/bin/env bash
# Short fuzzing pass for the test command: every libFuzzer harness in
# test/fuzz/ is built with ASan and UBSan, replays its seeds and saved crash
# inputs, then fuzzes for CF_FUZZ_SECONDS (default 10) seconds.  Prints one
# line per harness and "fuzz: N passed, N failed" (one count per harness).
# Longer runs: bash test/fuzz/run.sh 300
set -uo pipefail
cd "$(dirname "$0")/../.."
exec bash test/fuzz/run.sh "${CF_FUZZ_SECONDS:-10}"
