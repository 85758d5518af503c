#!/bin/bash
# run-guest.sh LEG SCRIPT [FILE...]
#
# Boots LEG once with sdi8k.ko and sdi8k-sim.ko (built from kernel/), the
# SDI8K_GUEST_BINS binaries and the module dependencies loaded, and runs
# SCRIPT (bash) as /job/script.sh in the guest. FILEs are copied to the
# guest's /job/files/. The guest sees LEG, JOB=/job, BIN=/job/bin,
# KO=/job/sdi8k.ko, SIM_KO=/job/sdi8k-sim.ko; neither is loaded for it; the firmware images are in /job/firmware, the kernel's
# firmware search path. Anything SCRIPT writes under /job stays in the job dir.
# The console streams to stderr; the last line on stdout is the job dir,
# which is left for the caller (script output: JOBDIR/logs/script.log, kernel
# log: JOBDIR/dmesg.txt, console: JOBDIR/console.log).
# Exit status: SCRIPT's, or non-zero if the guest did not finish or the
# kernel log shows a bug (see JOBDIR/results.txt).
#
# Environment:
#   SDI8K_JOBDIR        job dir to use (default: a new /tmp/sdi8k-guest-LEG.*)
#   SDI8K_GUEST_BINS    host-built binaries to copy into /job/bin
#   SDI8K_KERNEL_DIR    module source (default <repo>/kernel)
#   SDI8K_NO_MODULE=1   do not build the modules (no /job/sdi8k.ko)
#   SDI8K_MODULE_BUILT  a directory with sdi8k.ko and sdi8k-sim.ko already
#                       built from KDIR for LEG's kernel (pci-bench.sh: the
#                       vm stage's build): copied instead of building again
#   SDI8K_TEST_TIMEOUT  seconds allowed to SCRIPT (default 300)
#   SDI8K_VM_TIMEOUT    seconds before the boot is killed (default 1500)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -ge 2 ] || vm_die "usage: $0 LEG SCRIPT [FILE...]"
LEG="$1" SCRIPT="$2"
shift 2
vm_check_leg "$LEG"
vm_need_root
[ -f "$SCRIPT" ] || vm_die "script $SCRIPT does not exist"
for f in "$@" ${SDI8K_GUEST_BINS:-}; do
	[ -e "$f" ] || vm_die "$f does not exist"
done
REPO="$(cd "$VM_DIR/../.." && pwd)"
KDIR="${SDI8K_KERNEL_DIR:-$REPO/kernel}"

if [ -n "${SDI8K_JOBDIR:-}" ]; then
	JOB="$SDI8K_JOBDIR"
	mkdir -p "$JOB"
else
	JOB="$(mktemp -d "/tmp/sdi8k-guest-$LEG.XXXXXX")"
fi
JOB="$(cd "$JOB" && pwd)"

"$VM_DIR/mkroot.sh" "$LEG"
mkdir -p "$JOB/bin" "$JOB/files"
cp "$VM_DIR/guest/guest.sh" "$JOB/guest.sh"
# The repo's udev rules, as /job/udev (see guest/tests/70-udev.sh).
[ ! -d "$REPO/udev" ] || { rm -rf "$JOB/udev"; cp -a "$REPO/udev" "$JOB/udev"; }
# The card's firmware (firmware/build), as /job/firmware: guest.sh makes it
# the kernel's first firmware search path.
make -s -C "$REPO/firmware" >&2 || vm_die "cannot build the firmware (make -C firmware)"
rm -rf "$JOB/firmware"
cp -a "$REPO/firmware/build" "$JOB/firmware"
cp "$SCRIPT" "$JOB/script.sh"
for f in "$@"; do cp -a "$f" "$JOB/files/"; done
for b in ${SDI8K_GUEST_BINS:-}; do vm_ship_bin "$b" "$JOB/bin"; done
if [ "${SDI8K_NO_MODULE:-0}" != 1 ]; then
	built="${SDI8K_MODULE_BUILT:-}"
	if [ -n "$built" ] && [ -f "$built/sdi8k.ko" ] && [ -f "$built/sdi8k-sim.ko" ]; then
		vm_log "$LEG: the modules built in $built"
		rm -rf "$JOB/build"
		mkdir -p "$JOB/build"
		cp "$built/sdi8k.ko" "$built/sdi8k-sim.ko" "$JOB/build/"
	else
		"$VM_DIR/build-module.sh" "$LEG" "$KDIR" "$JOB/build"
	fi
	for m in sdi8k sdi8k-sim; do
		if [ -f "$JOB/build/$m.ko" ]; then
			cp "$JOB/build/$m.ko" "$JOB/$m.ko"
		else
			vm_log "warning: the build made no $m.ko (made: $(cd "$JOB/build" && echo *.ko))"
		fi
	done
fi
cat >"$JOB/env.sh" <<ENV
SDI8K_GUEST_MODE=script
SDI8K_TEST_TIMEOUT=${SDI8K_TEST_TIMEOUT:-300}
ENV

: >"$JOB/console.log"
RC=0
"$VM_DIR/boot.sh" "$LEG" "$JOB" "${SDI8K_VM_TIMEOUT:-1500}" &
BPID=$!
# Stream the guest's part of the console.
tail -n +1 -F --pid="$BPID" "$JOB/console.log" 2>/dev/null | sed -u -n 's/\r$//; /sdi8k-vm-init: leg/,$p' >&2 || true
wait "$BPID" || RC=$?
if [ -s "$JOB/results.txt" ]; then
	vm_log "problems found:"
	sed 's/^/    /' "$JOB/results.txt" >&2
fi
vm_log "job dir: $JOB (exit status $RC)"
echo "$JOB"
exit "$RC"
