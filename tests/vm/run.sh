#!/bin/bash
# run.sh: build and test the sdi8k driver in QEMU guests, one boot per leg.
#
#   tests/vm/run.sh            run every leg of SDI8K_LEGS
#   tests/vm/run.sh --help     this text
#
# For each leg: make its root (mkroot.sh), build kernel/ with W=1 (every
# compiler warning is a FAIL line) and, on bookworm and trixie, with C=1
# (every sparse finding is a FAIL line), check that sdi8k.ko holds no
# simulator symbol (scripts/check-no-sim.sh), then boot once and run every
# guest test (tests/vm/guest/tests/*.sh) in that boot, SDI8K_VM_JOBS guests at
# once (default one). Result lines are printed as the guests produce them
# (each names its leg); the last line is "N passed, N failed[, N skipped]".
# Exits non-zero on any FAIL line or if a leg could not build or boot.
#
# Environment:
#   SDI8K_LEGS           legs to run (default "bookworm trixie sid")
#   SDI8K_GUEST_BINS     host-built test binaries (and .so files) to copy
#                        into the guest's /job/bin (space-separated paths)
#   SDI8K_VM_OUT         artefacts, per leg in OUT/LEG (default /tmp/sdi8k-vm-out)
#   SDI8K_VM_CACHE       roots and initramfs cache (default /var/cache/sdi8k-vm)
#   SDI8K_TEST_TIMEOUT   seconds per guest test script (default 300)
#   SDI8K_VM_TIMEOUT     seconds per boot before qemu is killed (default 1500)
#   SDI8K_VM_JOBS        guests booted at once (default 1; the first leg
#                        boots while the others are built). On 2 cores two guests
#                        at once took 2.2 times as long each (1477 s
#                        against 665 s): TCG guests are CPU-bound
#   SDI8K_KERNEL_DIR     module source to build (default <repo>/kernel)
#   SDI8K_GUEST_TESTS_DIR  guest test scripts (default tests/vm/guest/tests)
#   SDI8K_GUEST_SLEEP    1: end each boot with the system-sleep test
#                        (guest/sleep/63-suspend.sh; default 1 with the
#                        default tests, 0 with SDI8K_GUEST_TESTS_DIR)
#   SDI8K_FUZZ_SECONDS, SDI8K_FUZZ_SEED, SDI8K_FUZZ_CARD_MB  passed to the
#                        guest for 62-ioctl-fuzz.sh (numbers)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

case "${1:-}" in
-h|--help) sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
"") ;;
*) vm_die "unknown argument '$1' (to run a script in a guest use tests/vm/run-guest.sh LEG SCRIPT)" ;;
esac

REPO="$(cd "$VM_DIR/../.." && pwd)"
LEGS="${SDI8K_LEGS:-$VM_LEGS_ALL}"
OUTBASE="${SDI8K_VM_OUT:-/tmp/sdi8k-vm-out}"
KDIR="${SDI8K_KERNEL_DIR:-$REPO/kernel}"
TESTS_DIR="${SDI8K_GUEST_TESTS_DIR:-$VM_DIR/guest/tests}"
RELSRC="${KDIR#"$REPO"/}"  # how build findings name the source dir
TEST_TIMEOUT="${SDI8K_TEST_TIMEOUT:-300}"
# the system-sleep test after the others: by default with the default tests
if [ "$TESTS_DIR" = "$VM_DIR/guest/tests" ]; then
	GUEST_SLEEP="${SDI8K_GUEST_SLEEP:-1}"
else
	GUEST_SLEEP="${SDI8K_GUEST_SLEEP:-0}"
fi
VM_TIMEOUT="${SDI8K_VM_TIMEOUT:-1500}"
VM_JOBS="${SDI8K_VM_JOBS:-1}"
case "$VM_JOBS" in
''|*[!0-9]*|0) vm_die "SDI8K_VM_JOBS must be a number of guests, 1 or more (got '$VM_JOBS')" ;;
esac
for leg in $LEGS; do vm_check_leg "$leg"; done
for v in SDI8K_FUZZ_SECONDS SDI8K_FUZZ_SEED SDI8K_FUZZ_CARD_MB; do
	case "${!v:-0}" in *[!0-9]*) vm_die "$v must be a number (got '${!v}')" ;; esac
done
[ -n "${LEGS//[[:space:]]/}" ] || vm_die "SDI8K_LEGS is empty"
vm_need_root
for b in ${SDI8K_GUEST_BINS:-}; do
	[ -f "$b" ] || vm_die "SDI8K_GUEST_BINS names $b, which does not exist"
done
# The card's firmware image and the test images (firmware/build), given to
# every guest as /job/firmware.
make -s -C "$REPO/firmware" >&2 || vm_die "cannot build the firmware (make -C firmware)"
mkdir -p "$OUTBASE"
# One run per output dir: a second one would delete the first one's job dirs.
exec 8>"$OUTBASE/.run.lock"
if ! flock -n 8; then
	vm_log "another run.sh is using $OUTBASE: waiting for it to end (set SDI8K_VM_OUT to run beside it)"
	flock 8
fi
ALL="$OUTBASE/results-all.txt"
: >"$ALL"
T_START=$SECONDS

# emit LINE: print a result line and record it for the totals.
emit() { printf '%s\n' "$1"; printf '%s\n' "$1" >>"$ALL"; }

# Build the debootstrap roots in the background while the first leg builds
# its module; no guest boots before all are done (a loaded host slows the
# emulated guest and upsets timing-sensitive code).
declare -A MKROOT_PID MKROOT_RC
for leg in $LEGS; do
	mkdir -p "$OUTBASE/$leg"
	rm -rf "${OUTBASE:?}/$leg"/*
	"$VM_DIR/mkroot.sh" "$leg" >"$OUTBASE/$leg/mkroot.log" 2>&1 &
	MKROOT_PID[$leg]=$!
done
# root_ok LEG: wait for LEG's mkroot.sh (once); true if it succeeded.
root_ok() {
	local rc=0
	if [ -z "${MKROOT_RC[$1]:-}" ]; then
		wait "${MKROOT_PID[$1]}" || rc=$?
		MKROOT_RC[$1]=$rc
	fi
	[ "${MKROOT_RC[$1]}" -eq 0 ]
}
# all_roots: wait for every mkroot.sh still running.
all_roots() {
	local leg
	for leg in $LEGS; do
		if [ -z "${MKROOT_RC[$leg]:-}" ] && kill -0 "${MKROOT_PID[$leg]}" 2>/dev/null; then
			vm_log "waiting for the $leg root before booting anything"
		fi
		root_ok "$leg" || true
	done
}

# build_check LEG NAME OUTDIR KIND [make args]: build the module; report each
# warning (KIND=compiler) or each finding not already a compiler warning
# (KIND=sparse) as a FAIL line, else one PASS line. Returns 1 if the build
# failed.
build_check() {
	local leg="$1" name="$2" out="$3" kind="$4" findings line
	shift 4
	if ! "$VM_DIR/build-module.sh" "$leg" "$KDIR" "$out" "$@" 2>"$out.stderr"; then
		emit "FAIL $leg $name: module build failed (log: $out/build.log)"
		sed 's/^/    /' "$out.stderr" >&2
		return 1
	fi
	# Paths as in the repo: the copy was built in a temp dir or in
	# /build/sdi8k-kernel, and newer kernels print them relative to it.
	findings="$(grep -E '(warning|error|WARNING|ERROR):' "$out/build.log" \
		| sed -E -e "s#(/tmp/sdi8k-kernel\.[A-Za-z0-9]+|/build/sdi8k-kernel)/#$RELSRC/#g" \
			-e "\#^$RELSRC/#!s#^([A-Za-z0-9_][A-Za-z0-9_/.-]*\.[cho]:)#$RELSRC/\1#" \
			-e "s# in ([A-Za-z0-9_-]+\.o)\$# in $RELSRC/\1#" \
		| awk '!seen[$0]++' || true)"
	if [ "$kind" = sparse ] && [ -n "$findings" ] && [ -f "$OUTBASE/$leg/compiler-findings.txt" ]; then
		findings="$(printf '%s\n' "$findings" | grep -vxF -f "$OUTBASE/$leg/compiler-findings.txt" || true)"
	fi
	if [ "$kind" = compiler ]; then
		printf '%s\n' "$findings" | sed '/^$/d' >"$OUTBASE/$leg/compiler-findings.txt"
	fi
	if [ -z "$findings" ]; then
		emit "PASS $leg $name"
	else
		while IFS= read -r line; do
			emit "FAIL $leg $name: $line"
		done <<<"$findings"
	fi
	return 0
}

# boot_leg LEG JOBDIR: boot the guest, streaming its result lines.
boot_leg() {
	local leg="$1" job="$2" bpid line
	: >"$job/console.log"
	: >"$job/.streamed"
	"$VM_DIR/boot.sh" "$leg" "$job" "$VM_TIMEOUT" 2>"$job/boot.stderr" &
	bpid=$!
	# The serial console carries the guest's result lines as they happen.
	tail -n +1 -F --pid="$bpid" "$job/console.log" 2>/dev/null \
		| grep --line-buffered -E '^(PASS|FAIL|SKIP) ' | sed -u 's/\r$//' | tee -a "$job/.streamed" || true
	wait "$bpid" || true  # the guest's results say how it went
	cat "$job/boot.stderr" >&2
	# results.txt is authoritative: add what the console mangled or missed.
	if [ -f "$job/results.txt" ]; then
		while IFS= read -r line; do
			grep -qxF -- "$line" "$job/.streamed" || printf '%s\n' "$line"
		done <"$job/results.txt"
		cat "$job/results.txt" >>"$ALL"
	fi
	# The system-sleep test, the guest's last act (guest/sleep), reports on
	# the console only: its lines between the island's start and end lines
	# (printed already as they streamed); a start without an end is a
	# guest that did not come back from its sleep.
	if tr -d '\r' <"$job/console.log" | grep -qx 'sdi8k-vm: island start'; then
		tr -d '\r' <"$job/console.log" | sed -n '/^sdi8k-vm: island start$/,/^sdi8k-vm: island end$/p' |
			grep -E '^(PASS|FAIL|SKIP) ' >>"$ALL" || true
		if ! tr -d '\r' <"$job/console.log" | grep -qx 'sdi8k-vm: island end'; then
			emit "FAIL $leg suspend: the guest did not come back from its sleep (console: $job/console.log)"
		fi
	fi
	# where the guest's time went (make check has a time budget: README)
	if [ -s "$job/times.txt" ]; then
		vm_log "$leg: guest seconds a test, slowest first: $(sort -k2,2nr "$job/times.txt" | head -n 12 | awk '{ printf "%s%s %s", (NR > 1 ? ", " : ""), $1, $2 }')"
	fi
	# guest.sh ends non-zero only with a FAIL line: without one it stopped
	# early (a bug of its own), and what it had still to check went unchecked
	if [ -f "$job/rc" ] && [ "$(cat "$job/rc")" != 0 ] && ! grep -q '^FAIL ' "$job/results.txt" 2>/dev/null; then
		emit "FAIL $leg guest: guest.sh exited $(cat "$job/rc") before its end, without a FAIL line (console: $job/console.log)"
	fi
	if [ ! -f "$job/rc" ]; then
		emit "FAIL $leg boot: the guest did not finish ($(grep '^boot.sh:' "$job/boot.stderr" 2>/dev/null | tail -n 1 | sed 's/^boot.sh: //'); console: $job/console.log)"
	fi
	return 0
}

# prepare_leg LEG [later]: root, builds and the job dir; true if the leg
# can boot. With "later", the sparse build (which the boot does not need)
# is left to sparse_leg.
prepare_leg() {
	local leg="$1" out="$OUTBASE/$1" ko sim_ko job b rel t0
	vm_log "== $leg =="
	if ! root_ok "$leg"; then
		sed 's/^/    /' "$out/mkroot.log" >&2
		emit "FAIL $leg root: mkroot.sh $leg failed (log: $out/mkroot.log)"
		return 1
	fi
	cat "$out/mkroot.log" >&2
	build_check "$leg" build-W=1 "$out/build-W1" compiler W=1 || return 1
	[ "${2:-}" = later ] || sparse_leg "$leg"
	ko="$out/build-W1/sdi8k.ko"
	if [ ! -f "$ko" ]; then
		ko="$(ls -1 "$out"/build-W1/*.ko | head -n 1)"
		vm_log "$leg: no sdi8k.ko built; using $ko as /job/sdi8k.ko"
	fi
	sim_ko="$out/build-W1/sdi8k-sim.ko"
	# The driver holds no simulator code (issue 14): that is sdi8k-sim.ko.
	if [ "$(basename "$ko")" = sdi8k.ko ] && [ -f "$sim_ko" ]; then
		if b="$("$REPO/scripts/check-no-sim.sh" "$ko" 2>&1)"; then
			emit "PASS $leg sdi8k.ko-no-sim"
		else
			emit "FAIL $leg sdi8k.ko-no-sim: ${b//"$out"\//}"
		fi
	fi

	job="$out/job"
	mkdir -p "$job/bin" "$job/tests"
	cp -a "$VM_DIR/guest/." "$job/"
	# The repo's udev rules, for the udev guest test (as /job/udev).
	[ ! -d "$REPO/udev" ] || cp -a "$REPO/udev" "$job/udev"
	if [ "$TESTS_DIR" != "$VM_DIR/guest/tests" ]; then
		rm -rf "$job/tests"
		mkdir -p "$job/tests"
		cp -a "$TESTS_DIR/." "$job/tests/"
	fi
	cp "$ko" "$job/sdi8k.ko"
	[ ! -f "$sim_ko" ] || cp "$sim_ko" "$job/sdi8k-sim.ko"
	cp -a "$REPO/firmware/build" "$job/firmware"
	# The guest's binaries as this release builds them (build-user.sh);
	# the host's own on the host's leg, or for a path outside the tree.
	if [ -n "${SDI8K_GUEST_BINS:-}" ] && ! vm_host_leg "$leg"; then
		t0=$SECONDS
		if "$VM_DIR/build-user.sh" "$leg" "$REPO" "$out/user" 2>"$out/user.stderr"; then
			emit "PASS $leg userspace-build ($(find "$out/user" -type f ! -name build.log ! -name .tree | wc -l) files in $((SECONDS - t0)) s)"
		else
			emit "FAIL $leg userspace-build: $(grep -v '^    |' "$out/user.stderr" | tail -n 1) (the host's binaries used)"
			sed 's/^/    /' "$out/user.stderr" >&2
		fi
	fi
	for b in ${SDI8K_GUEST_BINS:-}; do
		vm_host_leg "$leg" || b=$(vm_leg_bin "$b" "$REPO" "$out/user")
		vm_ship_bin "$b" "$job/bin"
	done
	cat >"$job/env.sh" <<ENV
SDI8K_GUEST_MODE=tests
SDI8K_TEST_TIMEOUT=$TEST_TIMEOUT
SDI8K_GUEST_SLEEP=$GUEST_SLEEP
ENV
	# the ioctl fuzzer's knobs (62-ioctl-fuzz.sh): a longer run, a seed again
	for v in SDI8K_FUZZ_SECONDS SDI8K_FUZZ_SEED SDI8K_FUZZ_CARD_MB; do
		[ -z "${!v:-}" ] || echo "$v=${!v}" >>"$job/env.sh"
	done
}

# sparse_leg LEG: the C=1 build of LEG (its findings as FAIL lines; not
# on sid: no sparse there that reads its kernel, as the header says)
sparse_leg() {
	[ "$1" != sid ] || return 0
	build_check "$1" sparse-C=1 "$OUTBASE/$1/build-C1" sparse C=1 || true
}

# The first leg is built (while the roots are still being made), then
# boots while its sparse build and the other legs' builds run one after
# another in the background at idle priority (SCHED_IDLE: they take only
# the CPU time the guest leaves; a guest keeps about one of two CPUs
# busy); a leg boots once built.
FIRST="" REST=() BOOT_PIDS=()
running_boots() {  # the boots still running
	local n=0 p
	for p in "${BOOT_PIDS[@]}"; do
		! kill -0 "$p" 2>/dev/null || n=$((n + 1))
	done
	echo "$n"
}
for leg in $LEGS; do
	if [ -z "$FIRST" ]; then FIRST=$leg; else REST+=("$leg"); fi
done
rm -f "$OUTBASE"/*/.prepared
! prepare_leg "$FIRST" later || : >"$OUTBASE/$FIRST/.prepared"
all_roots
(
	chrt -i -p 0 "$BASHPID" >/dev/null 2>&1 || renice -n 19 -p "$BASHPID" >/dev/null 2>&1 || true
	[ ! -f "$OUTBASE/$FIRST/.prepared" ] || sparse_leg "$FIRST"
	for leg in "${REST[@]}"; do
		! prepare_leg "$leg" || : >"$OUTBASE/$leg/.prepared"
	done
) &
PREP_PID=$!
for leg in $LEGS; do
	if [ "$leg" != "$FIRST" ] && [ -n "$PREP_PID" ]; then
		wait "$PREP_PID" || true
		PREP_PID=""
	fi
	[ -f "$OUTBASE/$leg/.prepared" ] || continue
	while [ "$(running_boots)" -ge "$VM_JOBS" ]; do
		wait -n || true
	done
	(
		T0=$SECONDS
		boot_leg "$leg" "$OUTBASE/$leg/job"
		vm_log "$leg: booted and tested in $((SECONDS - T0)) s (artefacts: $OUTBASE/$leg)"
	) &
	BOOT_PIDS+=($!)
done
wait

PASSED="$(grep -c '^PASS ' "$ALL" || true)"
FAILED="$(grep -c '^FAIL ' "$ALL" || true)"
SKIPPED="$(grep -c '^SKIP ' "$ALL" || true)"
vm_log "all legs done in $((SECONDS - T_START)) s; results in $ALL"
LINE="$PASSED passed, $FAILED failed"
[ "$SKIPPED" -eq 0 ] || LINE="$LINE, $SKIPPED skipped"
echo "$LINE"
[ "$FAILED" -eq 0 ]
