#!/usr/bin/env bash
# The main job (README): install what is missing, build and install the
# extension, start a private server in a temporary folder, load the sample
# data and print the customer-focus report.  The server is stopped on exit.
#
#   bash demo/demo.sh                 sample of 2,000 customers
#   CUSTOMERS=20000 bash demo/demo.sh a larger sample
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pg.sh

cf_setup
cf_start_server

db=customer_focus_demo
cf_log "creating database $db and loading the sample data"
cf_psql -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
cf_psql -d "$db" -c "CREATE EXTENSION customer_focus"
cf_psql -d "$db" -v customers="${CUSTOMERS:-2000}" -f demo/generate.sql >/dev/null
psql -X -v ON_ERROR_STOP=1 -d "$db" -f demo/report.sql
