#!/bin/bash
# build-module.sh LEG SRC_KERNEL_DIR OUT_DIR [extra make args...]
#
# Builds the out-of-tree module in SRC_KERNEL_DIR for LEG's kernel with
#   make -C /lib/modules/<release>/build M=<copy of SRC_KERNEL_DIR> [extra args]
# on a copy of the source (SRC_KERNEL_DIR is left untouched):
#   bookworm on a Debian 12 host: on this host, against the 6.1 headers
#                (not `uname -r`);
#   other legs:  inside the leg's root via chroot, with the root's compiler.
# Copies every resulting *.ko to OUT_DIR and the full build log to
# OUT_DIR/build.log. Exits non-zero if the build fails.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -ge 3 ] || vm_die "usage: $0 LEG SRC_KERNEL_DIR OUT_DIR [extra make args...]"
LEG="$1" SRC="$2" OUT="$3"
shift 3
vm_check_leg "$LEG"
[ -d "$SRC" ] || vm_die "source dir $SRC does not exist"
[ -f "$SRC/Makefile" ] || [ -f "$SRC/Kbuild" ] || vm_die "$SRC has no Makefile or Kbuild"
ROOT="$(vm_root "$LEG")"
if ! vm_host_leg "$LEG"; then
	vm_need_root
	[ -f "$(vm_stamp "$LEG")" ] || vm_die "$LEG: root $ROOT is missing or incomplete: run tests/vm/mkroot.sh $LEG"
fi
REL="$(vm_kernel_release "$LEG")" || vm_die "$LEG: no kernel in $ROOT/boot"
[ -f "$ROOT/usr/src/linux-headers-$REL/.config" ] || [ -f "$ROOT/lib/modules/$REL/build/.config" ] \
	|| vm_die "$LEG: no headers for $REL in $ROOT (linux-headers-$REL)"

mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
LOG="$OUT/build.log"
JOBS="$(nproc)"
rm -f "$OUT"/*.ko

# Serialise with mkroot.sh and other builds of the same root (they share
# /proc in the root and /build).
mkdir -p "$VM_CACHE/roots"
exec 9>"$VM_CACHE/roots/$LEG.lock"
flock 9

BUILD=""
PROC_MOUNTED=""
cleanup() {
	if [ -n "$PROC_MOUNTED" ]; then umount -l "$ROOT/proc" || true; fi
	if [ -n "$BUILD" ]; then rm -rf "$BUILD"; fi
}
trap cleanup EXIT

if vm_host_leg "$LEG"; then
	BUILD="$(mktemp -d /tmp/sdi8k-kernel.XXXXXX)"
	MDIR="$BUILD"
else
	mkdir -p "$ROOT/build"
	BUILD="$ROOT/build/sdi8k-kernel"
	rm -rf "$BUILD"
	mkdir "$BUILD"
	MDIR=/build/sdi8k-kernel
fi
# Copy the sources, not any build products lying in SRC.
tar -C "$SRC" --exclude='*.o' --exclude='*.ko' --exclude='*.mod' --exclude='*.mod.c' \
	--exclude='.*.cmd' --exclude='modules.order' --exclude='Module.symvers' --exclude='.tmp_versions' \
	-cf - . | tar -C "$BUILD" -xf -

CMD=(make -j"$JOBS" -C "/lib/modules/$REL/build" "M=$MDIR" "$@")
vm_log "$LEG: building $SRC for $REL: ${CMD[*]}"
T0=$SECONDS
set +e
if vm_host_leg "$LEG"; then
	# A clean environment, as in the chroot: nothing from a calling make
	# (MAKEFLAGS, V=, ...) or the shell (CC, KCFLAGS, ARCH, ...) leaks in.
	env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LC_ALL=C "${CMD[@]}" >"$LOG" 2>&1
	RC=$?
else
	# objtool reads /proc.
	mount -t proc proc "$ROOT/proc" && PROC_MOUNTED=1
	chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LC_ALL=C "${CMD[@]}" >"$LOG" 2>&1
	RC=$?
fi
set -e
if [ "$RC" -ne 0 ]; then
	tail -n 40 "$LOG" | sed 's/^/    | /' >&2
	vm_die "$LEG: module build failed (status $RC, full log: $LOG)"
fi
find "$BUILD" -name '*.ko' -exec cp {} "$OUT/" \;
KOS="$(cd "$OUT" && ls -1 -- *.ko 2>/dev/null | tr '\n' ' ')"
[ -n "$KOS" ] || vm_die "$LEG: the build succeeded but made no .ko (log: $LOG)"
vm_log "$LEG: built $KOS in $((SECONDS - T0)) s into $OUT"
