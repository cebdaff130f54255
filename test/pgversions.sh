#!/usr/bin/env bash
# Tests the extension on another PostgreSQL major, the way a user of that
# major's Debian release builds it:
#
#   bash test/pgversions.sh 17          # Debian 13 "trixie"
#   bash test/pgversions.sh 18          # Debian unstable "sid"
#   bash test/pgversions.sh 17 18       # one after the other
#   bash test/pgversions.sh --prepare 17 18   # only create the chroots
#
# For each major: creates (first run, about 5 minutes and 1.9 GB) or reuses a
# debootstrap chroot of the Debian release that ships it, with that major's
# server and headers.  The chroot is cached outside the clone, in
# $CF_CHROOTS (default ${TMPDIR:-/tmp}/customer_focus-chroots/<suite>), so a
# second run starts in seconds; delete the folder to start afresh.  A copy of
# this tree (working files, uncommitted changes included; no build products)
# is built and installed inside it with $PG_CFLAGS, a private server is
# started there, and test/run.sh runs the layers that depend on the server
# version: the C unit tests (without valgrind), pg_regress, the upgrade test,
# the dump/restore test, the README examples, the VPATH build, the settings
# set by a non-superuser owner, a same-major pg_upgrade and the CDNOW
# reproduction (CF_TEST_SCRIPTS, see test/run.sh).  The CDNOW data are
# bind-mounted read-only when they lie beside the project.
#
# Prints the inner run's output, then "pgversions <major>: N passed, M failed"
# per major (counted by test/run.sh-style counting) and exits non-zero if any
# major failed.  Everything mounted is unmounted on exit, also on failure and
# Ctrl-C.  Needs root (debootstrap, chroot, mount) or sudo.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/pg.sh

CF_CHROOTS=${CF_CHROOTS:-${TMPDIR:-/tmp}/customer_focus-chroots}
CF_MIRROR=${CF_MIRROR:-http://deb.debian.org/debian}
CF_TEST_SCRIPTS_INNER=${CF_TEST_SCRIPTS_INNER:-upgrade dump_restore readme vpath bgnbd_cdnow settings_owner pg_upgrade}
CDNOW=${CF_CDNOW_DIR:-$CF_ROOT/../shared/data/cdnow}

# What a chroot holds besides the minimal base: the major's server and
# headers, a compiler, and tzdata-legacy (Debian 13 moved the legacy zone
# names, e.g. UCT, Universal, Zulu, Greenwich, out of tzdata; sql/zones.sql uses them).
chroot_packages() {
	echo "postgresql-$1 postgresql-server-dev-$1 make gcc libc6-dev binutils diffutils tzdata tzdata-legacy"
}

# The Debian suite that ships a major (16 is in no suite reachable here: see
# test/pg16_headers.sh for its compile check).
suite_of() {
	case "$1" in
	15) echo bookworm ;;
	17) echo trixie ;;
	18) echo sid ;;
	*) return 1 ;;
	esac
}

mounts=()
# Unmounts what this script mounted, newest first.
unmount_all() {
	local i
	for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
		cf_as_root umount -l "${mounts[$i]}" 2>/dev/null || cf_log "could not unmount ${mounts[$i]}"
	done
	mounts=()
}
cleanup() {
	unmount_all
	[ -n "${build:-}" ] && cf_as_root rm -rf --one-file-system "$build"
	[ -n "${partial:-}" ] && cf_as_root rm -rf --one-file-system "$partial"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mount_in() { # mount_in <target> <mount arguments...>
	local target=$1
	shift
	cf_as_root mkdir -p "$target"
	cf_as_root mount "$@" "$target" || return 1
	mounts+=("$target")
}

# The mounts a chroot needs while something runs inside: /proc (maintainer
# scripts, ps) and a private /dev/shm (PostgreSQL's dynamic shared memory).
mount_system() {
	mount_in "$1/proc" -t proc proc &&
		mount_in "$1/dev/shm" -t tmpfs -o mode=1777,size=512m tmpfs
}

in_chroot() { # in_chroot <root> <command...>
	local root=$1
	shift
	cf_as_root chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 TMPDIR=/tmp \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"
}

# Creates the chroot of a major unless a complete one exists.  It is built
# under a temporary name and renamed when complete, so an interrupted creation
# never leaves a half-made chroot that a later run would trust.
ensure_chroot() {
	local major=$1 suite root t0
	suite=$(suite_of "$major")
	root="$CF_CHROOTS/$suite"
	if [ -e "$root/.customer_focus-ready-$major" ]; then
		cf_log "reusing the $suite chroot in $root"
		# A chroot made when the list was shorter gets what is new on it.
		if [ "$(cat "$root/.customer_focus-ready-$major")" != "$(chroot_packages "$major")" ]; then
			mount_system "$root" &&
				in_chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
					$(chroot_packages "$major") >/dev/null 2>&1 ||
				{ in_chroot "$root" apt-get update -qq >/dev/null 2>&1 &&
					in_chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
						$(chroot_packages "$major") >/dev/null; } ||
				{ unmount_all; cf_log "installing $(chroot_packages "$major") in $root failed"; return 1; }
			in_chroot "$root" apt-get clean
			unmount_all
			chroot_packages "$major" | cf_as_root tee "$root/.customer_focus-ready-$major" >/dev/null
		fi
		return 0
	fi
	cf_install_packages debootstrap
	cf_as_root mkdir -p "$CF_CHROOTS"
	partial=$(cf_as_root mktemp -d "$CF_CHROOTS/$suite.partial.XXXXXX")
	cf_as_root chmod 755 "$partial" # the chroot's /: mktemp made it private to root
	t0=$(date +%s)
	cf_log "creating a Debian $suite chroot for PostgreSQL $major in $root (about 5 minutes)"
	cf_as_root debootstrap --variant=minbase "$suite" "$partial" "$CF_MIRROR" >"$partial.log" 2>&1 ||
		{ tail -20 "$partial.log" >&2; cf_log "debootstrap $suite failed"; return 1; }
	# Unstable's Release file is published with a short Valid-Until; a
	# slightly old mirror must still be usable.  No services start in the
	# chroot, and the postgresql packages create no cluster (tests make their own).
	echo 'Acquire::Check-Valid-Until "false";' | cf_as_root tee "$partial/etc/apt/apt.conf.d/99customer-focus" >/dev/null
	printf '#!/bin/sh\nexit 101\n' | cf_as_root tee "$partial/usr/sbin/policy-rc.d" >/dev/null
	cf_as_root chmod 755 "$partial/usr/sbin/policy-rc.d"
	cf_as_root mkdir -p "$partial/etc/postgresql-common/createcluster.d"
	echo 'create_main_cluster = false' | cf_as_root tee "$partial/etc/postgresql-common/createcluster.d/customer-focus.conf" >/dev/null
	mount_system "$partial" || return 1
	in_chroot "$partial" apt-get update -qq >>"$partial.log" 2>&1 &&
		in_chroot "$partial" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			$(chroot_packages "$major") >>"$partial.log" 2>&1 ||
		{ tail -20 "$partial.log" >&2; unmount_all; cf_log "installing PostgreSQL $major in the $suite chroot failed"; return 1; }
	in_chroot "$partial" apt-get clean
	unmount_all
	chroot_packages "$major" | cf_as_root tee "$partial/.customer_focus-ready-$major" >/dev/null
	if grep -q " $root/" /proc/mounts; then
		cf_log "something is still mounted under $root (a run still going?); not replacing it"
		return 1
	fi
	cf_as_root rm -rf --one-file-system "$root"
	cf_as_root mv "$partial" "$root" && cf_as_root mv "$partial.log" "$root.log"
	partial=
	cf_log "$suite chroot ready in $(($(date +%s) - t0)) s, $(cf_as_root du -sxh "$root" | cut -f1)"
}

# Builds, installs and tests this tree inside the chroot of a major; prints
# the inner test/run.sh's output and its final counts.
test_major() {
	local major=$1 suite root out status
	suite=$(suite_of "$major")
	root="$CF_CHROOTS/$suite"
	mount_system "$root" || return 1
	build=$(cf_as_root mktemp -d "$root/tmp/customer_focus-build.XXXXXX")
	# The working files, not the host's objects (another major's) nor .git.
	tar -C "$CF_ROOT" --exclude=.git --exclude='*.o' --exclude='*.so' --exclude='*.bc' \
		--exclude=results --exclude='regression.*' --exclude='./customer_focus--[0-9]*.[0-9]*.sql' -cf - . |
		cf_as_root tar -C "$build" -xf - || return 1
	cf_as_root chmod 755 "$build"
	local cdnow_env=()
	if [ -r "$CDNOW/CDNOW_sample.txt" ]; then
		mount_in "$root/opt/cdnow" --bind "$CDNOW" && cf_as_root mount -o remount,bind,ro "$root/opt/cdnow"
		cdnow_env=(CF_CDNOW_DIR=/opt/cdnow)
	fi
	out=$(mktemp)
	in_chroot "$root" "${cdnow_env[@]}" CF_PG_MAJOR="$major" PG_CONFIG="/usr/lib/postgresql/$major/bin/pg_config" \
		PG_CFLAGS="${PG_CFLAGS:-}" CF_TEST_SCRIPTS="$CF_TEST_SCRIPTS_INNER" CF_RUN_PACKAGES= \
		bash "/${build#"$root"/}/test/run.sh" 2>&1 | tee "$out"
	status=${PIPESTATUS[0]}
	local p f
	read -r p f < <(sed -nE 's/^([0-9]+) passed, ([0-9]+) failed$/\1 \2/p' "$out" | tail -1)
	if [ -z "${p:-}" ]; then p=0 f=1; echo "the run in the $suite chroot ended without counts (exit $status)"; fi
	[ "$status" -ne 0 ] && [ "$f" -eq 0 ] && f=1
	rm -f "$out"
	unmount_all
	cf_as_root rm -rf --one-file-system "$build"
	build=
	echo "pgversions $major: $p passed, $f failed"
	[ "$f" -eq 0 ]
}

prepare_only=
[ "${1:-}" = --prepare ] && { prepare_only=1; shift; }
[ $# -gt 0 ] || { echo "usage: bash test/pgversions.sh [--prepare] MAJOR... (supported: 15 17 18)" >&2; exit 2; }
results=()
overall=0
for major in "$@"; do
	if ! suite_of "$major" >/dev/null; then
		echo "PostgreSQL $major: no reachable Debian suite ships it (15 bookworm, 17 trixie, 18 sid);" \
			"16 is compile-checked by test/pg16_headers.sh"
		echo "pgversions $major: 0 passed, 1 failed"
		overall=1
		continue
	fi
	t0=$(date +%s)
	lock="$CF_CHROOTS/$(suite_of "$major").lock"
	cf_as_root mkdir -p "$CF_CHROOTS"
	# One run per chroot at a time: runs install into the same PostgreSQL.
	exec {lockfd}>"$lock"
	if ! flock -w 1800 "$lockfd"; then
		echo "another run has held $lock for 30 minutes"
		echo "pgversions $major: 0 passed, 1 failed"
		exec {lockfd}>&-
		overall=1
		continue
	fi
	if [ -n "$prepare_only" ]; then
		ensure_chroot "$major" || overall=1
	elif ensure_chroot "$major" && test_major "$major"; then
		results+=("PostgreSQL $major ($(suite_of "$major")): ok in $(($(date +%s) - t0)) s")
	else
		unmount_all
		results+=("PostgreSQL $major ($(suite_of "$major")): FAILED after $(($(date +%s) - t0)) s")
		overall=1
	fi
	exec {lockfd}>&-
done
[ ${#results[@]} -gt 0 ] && printf '%s\n' "${results[@]}"
exit $overall
