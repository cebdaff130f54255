#!/usr/bin/env bash
# Benchmark of key-driver analysis (issue 18 item 5): the driver cases of the benchmark
# suite (test/bench/cases/34_driver.sql) on the scores of 10,000,000 responses
# (demo/generate.sql) with ten ratings each: driver_agg against ten corr() aggregates
# and count(r10) over the same rows, medians, 0 and 2 workers.
#   bash test/bench/driver.sh [--quick] [--runs N] [--data-dir DIR] [--no-build]
exec bash "$(dirname "$0")/run.sh" --cases driver "$@"
