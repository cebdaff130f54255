#!/usr/bin/env bash
# The main job (README): install what is missing, build and install the
# extension, start a private server in a temporary folder, load the sample
# data and print the customer-focus report.  The server is stopped on exit.
#
#   bash demo/demo.sh                         sample of 2,000 customers
#   CUSTOMERS=20000 bash demo/demo.sh         a larger sample (responses, service
#                                             contacts and factor ratings scale with it)
#   bash demo/demo.sh --html report.html      also write the report as one page with
#                                             charts (self-contained XHTML + SVG)
set -euo pipefail
cd "$(dirname "$0")/.."
html=
case "${1:-}" in
	--html) [ -n "${2:-}" ] || { echo "usage: $0 [--html FILE]" >&2; exit 2; }
		html=$(realpath -m "$2") ;;
	'') ;;
	*) echo "usage: $0 [--html FILE]" >&2; exit 2 ;;
esac
source scripts/pg.sh

cf_setup
cf_start_server

db=customer_focus_demo
cf_log "creating database $db and loading the sample data"
cf_psql -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
cf_psql -d "$db" -c "CREATE EXTENSION customer_focus"
cf_psql -d "$db" -v customers="${CUSTOMERS:-2000}" -f demo/generate.sql >/dev/null
if [ -z "$html" ]; then
	psql -X -v ON_ERROR_STOP=1 -d "$db" -f demo/report.sql
else
	# one session: the page reads the text report's temporary tables, so it shows the same figures
	psql -X -v ON_ERROR_STOP=1 -d "$db" -v html_file="$html" -f demo/report.sql -f demo/report_html.sql
	cf_log "wrote $html"
fi
