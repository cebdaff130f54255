# scripts/pg.sh — sourced by the demo, the tests and the benchmarks.
#
#   cf_setup         install missing Debian packages, build, install the extension
#   cf_start_server  start a private PostgreSQL server in a temporary folder
#                    (or use the server named by PGHOST/PGPORT if the caller set
#                    either); exports PGHOST, PGPORT, PGUSER, PGDATABASE and stops
#                    the server when the calling script exits, also on Ctrl-C
#   cf_psql          psql with the settings scripts want (stop on error, quiet)
#
# Nothing outside the temporary folder is touched except the packages and the
# installed extension files.  Root is fine: the server then runs as the
# `postgres` user, because PostgreSQL refuses to run as root.

CF_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CF_PG_MAJOR=${CF_PG_MAJOR:-15}
CF_PACKAGES=${CF_PACKAGES:-"postgresql-$CF_PG_MAJOR postgresql-server-dev-$CF_PG_MAJOR make gcc libc6-dev"}

cf_log() { printf '[customer_focus] %s\n' "$*" >&2; }
cf_die() { cf_log "error: $*"; exit 1; }

# Runs a command as root: directly when we are root, else through sudo.
cf_as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs the Debian packages among "$@" that are not installed yet.
cf_install_packages() {
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	cf_log "installing ${missing[*]}"
	cf_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null ||
		cf_die "apt-get update failed"
	cf_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
		cf_die "apt-get install ${missing[*]} failed"
}

# Puts PostgreSQL's binaries first on PATH and sets PG_CONFIG.  A PG_CONFIG set
# by the caller wins (another major, or a private relocated copy of one, so that
# several working trees can install and test side by side).
cf_pg_paths() {
	local bindir="/usr/lib/postgresql/$CF_PG_MAJOR/bin"
	if [ -n "${PG_CONFIG:-}" ]; then
		[ -x "$PG_CONFIG" ] || cf_die "PG_CONFIG=$PG_CONFIG is not an executable pg_config"
		bindir=$("$PG_CONFIG" --bindir)
	fi
	[ -x "$bindir/pg_config" ] || cf_die "$bindir/pg_config not found; is postgresql-server-dev-$CF_PG_MAJOR installed?"
	export PATH="$bindir:$PATH"
	export PG_CONFIG="$bindir/pg_config"
}

# Builds and installs the extension into the local PostgreSQL.
cf_build_install() {
	cf_log "building and installing customer_focus"
	make -C "$CF_ROOT" -s PG_CONFIG="$PG_CONFIG" >/dev/null || cf_die "build failed"
	if cf_installed_current; then
		return 0
	fi
	cf_as_root make -C "$CF_ROOT" -s PG_CONFIG="$PG_CONFIG" install >/dev/null || cf_die "make install failed"
}

# True when the installed module, control file and scripts equal the built ones,
# so that an ordinary user without sudo can rerun after one install.
cf_installed_current() {
	local libdir sharedir f
	libdir=$("$PG_CONFIG" --pkglibdir)
	sharedir=$("$PG_CONFIG" --sharedir)/extension
	cmp -s "$CF_ROOT/customer_focus.so" "$libdir/customer_focus.so" || return 1
	for f in "$CF_ROOT"/customer_focus.control "$CF_ROOT"/customer_focus--*.sql "$CF_ROOT"/src/sql/released/*.sql "$CF_ROOT"/src/sql/updates/*.sql; do
		[ -e "$f" ] || continue
		cmp -s "$f" "$sharedir/$(basename "$f")" || return 1
	done
}

cf_setup() {
	cf_install_packages $CF_PACKAGES ${CF_EXTRA_PACKAGES:-}
	cf_pg_paths
	cf_build_install
}

# Runs a command as the user who owns the private server.
cf_as_server_user() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cf_stop_server() {
	if [ -n "${CF_SERVER_DIR:-}" ] && [ -d "$CF_SERVER_DIR" ]; then
		cf_as_server_user pg_ctl -D "$CF_SERVER_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
		rm -rf "$CF_SERVER_DIR"
		CF_SERVER_DIR=
	fi
}

# Starts the private server (settings from CF_SERVER_SETTINGS, "-c name=value ...").
cf_start_server() {
	if [ -n "${PGHOST:-}${PGPORT:-}" ] && [ -z "${CF_FORCE_PRIVATE:-}" ]; then
		cf_log "using the existing server at ${PGHOST:-localhost}:${PGPORT:-5432}"
		pg_isready -q || cf_die "no server answers at ${PGHOST:-localhost}:${PGPORT:-5432}"
		return 0
	fi
	CF_SERVER_DIR=$(mktemp -d "${TMPDIR:-/tmp}/customer_focus.XXXXXX")
	trap cf_stop_server EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	chmod 755 "$CF_SERVER_DIR"
	local user
	if [ "$(id -u)" = 0 ]; then
		id postgres >/dev/null 2>&1 || cf_die "the postgres user is missing (it comes with postgresql-common)"
		chown postgres "$CF_SERVER_DIR"
		user=postgres
	else
		user=$(id -un)
	fi
	cf_log "starting a private server in $CF_SERVER_DIR"
	cf_as_server_user initdb -D "$CF_SERVER_DIR/data" -U "$user" --auth=trust -E UTF8 --locale=C.UTF-8 >"$CF_SERVER_DIR/initdb.log" 2>&1 ||
		{ cat "$CF_SERVER_DIR/initdb.log" >&2; cf_die "initdb failed"; }
	cf_as_server_user pg_ctl -D "$CF_SERVER_DIR/data" -l "$CF_SERVER_DIR/server.log" -w -t 60 \
		-o "-c listen_addresses='' -k $CF_SERVER_DIR -p 5432 -c fsync=off ${CF_SERVER_SETTINGS:-}" start >/dev/null ||
		{ cat "$CF_SERVER_DIR/server.log" >&2; cf_die "the server did not start"; }
	export PGHOST="$CF_SERVER_DIR" PGPORT=5432 PGUSER="$user" PGDATABASE=postgres
}

cf_psql() {
	psql -X -q -v ON_ERROR_STOP=1 "$@"
}
