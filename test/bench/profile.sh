#!/usr/bin/env bash
# Benchmark of customer profiles and the loyalty-ladder report (issue 3): the
# profile cases of the benchmark suite (test/bench/cases/20_customer_profile.sql) on
# 10,000,000 orders of 1,000,000 customers (demo/generate.sql), with medians,
# ratios to plain SQL and to count/sum/min/max, 0 and 2 workers.
#   bash test/bench/profile.sh [--quick] [--runs N] [--data-dir DIR] [--no-build]
exec bash "$(dirname "$0")/run.sh" --cases profile "$@"
