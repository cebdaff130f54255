#!/usr/bin/env bash
# pg_upgrade from this machine's PostgreSQL (PG_CONFIG, 15) to a newer major, with the
# extension of this tree on both sides:
#
#   bash test/pg_upgrade_versions.sh 17        # 15 -> 17 in the trixie chroot
#
# The new major's binaries come from the cached chroot of test/pgversions.sh
# (created there on first use, about 5 minutes).  pg_upgrade needs the old and the new
# binaries in one system, so the old installation (PG_CONFIG's bin, lib and share
# folders, with this tree's extension installed into it by cf_setup) is copied into
# the chroot at the same paths, with the shared libraries it links that the chroot's
# release does not ship (e.g. ICU 72, OpenLDAP 2.5 for Debian 12's 15) in a folder of
# their own on LD_LIBRARY_PATH (their sonames differ from the chroot's, so the new
# major's binaries keep their own).  The tree is built and installed for the new major
# inside, and test/scripts/pg_upgrade.sh runs there with CF_UPGRADE_NEW_BINDIR.
# Prints the inner output and "pg_upgrade_versions <old> -> <new>: N passed, N failed".
# Needs root (chroot, mount) or sudo.  Everything mounted is unmounted on exit.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/pg.sh
cf_pg_paths
[ $# -eq 1 ] || { echo "usage: bash test/pg_upgrade_versions.sh NEW_MAJOR (17 or 18)" >&2; exit 2; }
new=$1
old=$(pg_config --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')
CF_CHROOTS=${CF_CHROOTS:-${TMPDIR:-/tmp}/customer_focus-chroots}
case "$new" in 17) suite=trixie ;; 18) suite=sid ;; *) echo "no chroot for PostgreSQL $new (17: trixie, 18: sid)"; exit 2 ;; esac
root="$CF_CHROOTS/$suite"
result() { echo "pg_upgrade_versions $old -> $new: $1 passed, $2 failed"; [ "$2" -eq 0 ]; exit; }

cf_setup	# this tree built and installed into the old installation
if [ ! -e "$root/.customer_focus-ready-$new" ]; then
	bash test/pgversions.sh --prepare "$new" || { echo "the $suite chroot could not be made"; result 0 1; }
fi

mounts=()
build=
libs=
unmount_all() {
	local i
	for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do cf_as_root umount -l "${mounts[$i]}" 2>/dev/null; done
	mounts=()
}
cleanup() {
	unmount_all
	[ -n "$build" ] && cf_as_root rm -rf --one-file-system "$build"
	[ -n "$libs" ] && cf_as_root rm -rf --one-file-system "$root$libs"
	local d
	for d in "${copied[@]}"; do
		cf_as_root rm -rf --one-file-system "$root$d"
		# and the folders made for it, as far up as they are empty
		cf_as_root rmdir -p --ignore-fail-on-non-empty "$root$(dirname "$d")" 2>/dev/null
	done
}
copied=()
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mount_in() { cf_as_root mkdir -p "$1" && cf_as_root mount "${@:2}" "$1" && mounts+=("$1"); }
in_chroot() {
	cf_as_root chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 TMPDIR=/tmp \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"
}

exec {lockfd}>"$CF_CHROOTS/$suite.lock"
flock -w 1800 "$lockfd" || { echo "another run has held $CF_CHROOTS/$suite.lock for 30 minutes"; result 0 1; }
mount_in "$root/proc" -t proc proc && mount_in "$root/dev/shm" -t tmpfs -o mode=1777,size=512m tmpfs || result 0 1

# The old installation at the same paths (nothing of it exists in the chroot).
bindir=$(pg_config --bindir)
for d in "$(dirname "$bindir")" "$(pg_config --sharedir)" "$(pg_config --pkglibdir)"; do
	[ -e "$root$d" ] && continue
	cf_as_root mkdir -p "$(dirname "$root$d")" && cf_as_root cp -a "$d" "$root$d" || result 0 1
	copied+=("$d")
done
# The libraries the old binaries link that the chroot lacks (by soname).
libs=/opt/customer_focus-pg$old-libs
cf_as_root mkdir -p "$root$libs"
have=$(in_chroot ldconfig -p | awk '{print $1}' | sort -u)
n=0
for f in "$bindir"/* "$(pg_config --pkglibdir)"/*.so; do
	ldd "$f" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $1, $3}'
done | sort -u | while read -r soname path; do
	grep -qxF "$soname" <<<"$have" || cf_as_root cp -L "$path" "$root$libs/$soname"
done
echo "copied $(ls "$root$libs" | wc -l) libraries the $suite chroot lacks: $(ls "$root$libs" | tr '\n' ' ')"

# This tree, built and installed for the new major inside the chroot.
build=$(cf_as_root mktemp -d "$root/tmp/customer_focus-build.XXXXXX")
tar --exclude=.git --exclude='*.o' --exclude='*.so' --exclude='*.bc' --exclude=results --exclude='regression.*' \
	--exclude='./customer_focus--[0-9]*.[0-9]*.sql' -cf - . | cf_as_root tar -C "$build" -xf - || result 0 1
cf_as_root chmod 755 "$build"
inner=/${build#"$root"/}
in_chroot make -s -C "$inner" PG_CONFIG="/usr/lib/postgresql/$new/bin/pg_config" >/dev/null &&
	in_chroot make -s -C "$inner" PG_CONFIG="/usr/lib/postgresql/$new/bin/pg_config" install >/dev/null ||
	{ echo "building for PostgreSQL $new in the chroot failed"; result 0 1; }

out=$(mktemp)
in_chroot LD_LIBRARY_PATH="$libs" PG_CONFIG="$bindir/pg_config" CF_UPGRADE_NEW_BINDIR="/usr/lib/postgresql/$new/bin" \
	bash "$inner/test/scripts/pg_upgrade.sh" 2>&1 | tee "$out"
read -r p f < <(sed -nE 's/^pg_upgrade: ([0-9]+) passed, ([0-9]+) failed$/\1 \2/p' "$out" | tail -1)
rm -f "$out"
[ -n "${p:-}" ] || { p=0 f=1; }
result "$p" "$f"
