#!/bin/bash
# build-user.sh LEG SRC OUT
#
# Builds the guest's userspace binaries of the tree SRC as a user of LEG's
# release builds them: in LEG's root (chroot), against its glibc, FFmpeg
# and GStreamer (mkroot.sh USER_BUILD_PACKAGES): libsdi8k, utils/,
# tests/tools/, the GStreamer plugin gst/ and the PCI guest's tools
# (tests/vm/guest/pci/*.c). OUT receives the tree's paths
# (OUT/utils/sdi8k-capture, OUT/gst/libgstsdi8k.so, ...): run.sh and
# pci-bench.sh copy them into the guest in place of the host's builds.
# OUT/.tree holds the hash of the sources built: the same sources again
# (the VM stage, then the PCI stage) are not built twice.
#
# The host leg (vm_host_leg: bookworm on a Debian 12 host) boots the
# host's own root: the host's build is already that release's, and this
# script builds nothing (exit 0, OUT left empty). Elsewhere a binary built
# on a newer host would need that host's glibc in an older guest, and one
# built on an older host would miss a newer guest's libraries (the
# recording module dlopen's its release's libavformat).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -eq 3 ] || vm_die "usage: $0 LEG SRC OUT"
LEG="$1" SRC="$2" OUT="$3"
vm_check_leg "$LEG"
[ -f "$SRC/lib/Makefile" ] || vm_die "$SRC is not an sdi8k tree (no lib/Makefile)"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
if vm_host_leg "$LEG"; then
	vm_log "$LEG: the host's root: its own build serves the guest"
	exit 0
fi
vm_need_root
ROOT="$(vm_root "$LEG")"
[ -f "$(vm_stamp "$LEG")" ] || vm_die "$LEG: root $ROOT is missing or incomplete: run tests/vm/mkroot.sh $LEG"
LOG="$OUT/build.log"

mkdir -p "$VM_CACHE/roots"
exec 9>"$VM_CACHE/roots/$LEG.lock"
flock 9

BUILD="$ROOT/build/sdi8k-user"
TAR="$ROOT/build/sdi8k-user.tar"
cleanup() { rm -rf "$BUILD" "$TAR"; }
trap cleanup EXIT
rm -rf "$BUILD"
mkdir -p "$BUILD"
# The sources, not the host's objects; the unit, pattern and fuzz tests
# and the sanitizer build of lib (lib/san) stay out (the guest runs none
# of their binaries; and the tree's hash below then holds still while
# tests/run-all.sh builds them beside the VM stage), and of the VM bench
# only the PCI guest's tools come in. Every time stamp is 0, in name
# order: the hash is of names and contents only (a directory's time
# changes whenever something is made in it; the guest's build is a clean
# build, so make needs no times).
tar -C "$SRC" --sort=name --mtime=@0 --exclude=./.git --exclude=./tests/unit --exclude=./tests/fuzz --exclude=./tests/vm \
	--exclude=./tests/pattern --exclude=./lib/san \
	--exclude=./firmware/build --exclude='*.o' --exclude='*.a' --exclude='*.so' --exclude='*.so.*' \
	--exclude='*.ko' --exclude='*.d' -cf "$TAR" . tests/vm/guest/pci
HASH="$LEG $(sha256sum <"$TAR" | cut -d' ' -f1)"
if [ -f "$OUT/.tree" ] && [ "$(cat "$OUT/.tree")" = "$HASH" ]; then
	vm_log "$LEG: the guest's binaries in $OUT are of these sources"
	exit 0
fi
find "$OUT" -mindepth 1 -delete
tar -C "$BUILD" -xf "$TAR"

JOBS="$(nproc)"
# make clean first: the copy may hold the host's linked programs, which
# make would take as up to date.
STEPS="make -C lib clean && make -C utils clean && make -C gst clean && make -C tests/tools clean"
STEPS="$STEPS && make -j$JOBS lib && make -j$JOBS -C utils && make -j$JOBS gst && make -j$JOBS -C tests/tools"
# as run-pci.sh builds them on the host
for t in sdi8k-bar sdi8k-vfio-irq; do
	STEPS="$STEPS && cc -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -O2 -o tests/vm/guest/pci/$t tests/vm/guest/pci/$t.c"
done
vm_log "$LEG: building the guest's binaries in $ROOT"
T0=$SECONDS
set +e
chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LC_ALL=C \
	/bin/sh -c "cd /build/sdi8k-user && $STEPS" >"$LOG" 2>&1
RC=$?
set -e
if [ "$RC" -ne 0 ]; then
	tail -n 30 "$LOG" | sed 's/^/    | /' >&2
	vm_die "$LEG: building the guest's binaries failed (status $RC, log: $LOG)"
fi
# Every regular file the build made executable, and the shared objects,
# under their tree paths.
(cd "$BUILD" && find lib utils gst tests/tools tests/vm/guest/pci -type f \( -perm -u+x -o -name '*.so' \) \
	! -name '*.sh' ! -name '*.py' -print0 | xargs -0 -r cp --parents -t "$OUT")
echo "$HASH" >"$OUT/.tree"
vm_log "$LEG: built the guest's binaries in $((SECONDS - T0)) s into $OUT"
