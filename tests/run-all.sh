#!/bin/bash
# Every sdi8k test, in order: host build, unit tests (also under ASan and
# UBSan), the firmware tool, the parsers' fuzz targets (12 s each, one per
# CPU), kernel style, then the VM bench on the three kernels (their roots are made
# while the host stages run) and the PCI bench (the card as a PCI device on
# each kernel). Prints each stage's own
# lines and closes with "N passed, N failed".
# SDI8K_LEGS picks VM legs (default: bookworm trixie sid);
# SDI8K_SKIP_VM=1 runs only the host stages; SDI8K_HOSTROOTS=1 adds the
# stage hostroots (the host side in fresh Debian 12 and 13 roots).
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
logdir=${SDI8K_TEST_LOGS:-/tmp/sdi8k-test-logs}
STAGES=""
mkdir -p "$logdir"
passed=0
failed=0

count_lines() {  # count PASS/FAIL lines of a log
	local p f
	p=$(grep -c '^PASS ' "$1" || true)
	f=$(grep -c '^FAIL ' "$1" || true)
	passed=$((passed + p))
	failed=$((failed + f))
}

count_criterion() {  # add a Criterion synthesis line of a log
	local line t p
	while read -r line; do
		t=$(sed -n 's/.*Tested: \([0-9]*\).*/\1/p' <<<"$line")
		p=$(sed -n 's/.*Passing: \([0-9]*\).*/\1/p' <<<"$line")
		passed=$((passed + ${p:-0}))
		failed=$((failed + ${t:-0} - ${p:-0}))
	done < <(grep -a 'Synthesis: Tested:' "$1" | sed 's/\x1b\[[0-9;]*m//g')
}

stage() {  # stage NAME CMD...: run, show output, fail the stage on exit != 0
	local name=$1 log=$logdir/$1.log t0=$SECONDS
	shift
	echo "=== $name"
	"$@" 2>&1 | tee "$log"
	local rc=${PIPESTATUS[0]}
	echo "=== $name: $((SECONDS - t0)) s"
	STAGES="$STAGES${STAGES:+, }$name $((SECONDS - t0))"
	if [ "$rc" != 0 ] && ! grep -q '^FAIL \|Failing: [1-9]\|Crashing: [1-9]' "$log"; then
		echo "FAIL host $name: exit status $rc"
		failed=$((failed + 1))
	fi
	return 0
}

# The VM legs' debootstrap roots (network and disk, little CPU) are made
# while the host stages run; tests/vm/run.sh finds them complete.
declare -A ROOT_PID
if [ "${SDI8K_SKIP_VM:-0}" != 1 ]; then
	for leg in ${SDI8K_LEGS:-bookworm trixie sid}; do
		# (bookworm on a Debian 12 host: the host's own root, only checked)
		tests/vm/mkroot.sh "$leg" >"$logdir/mkroot-$leg.log" 2>&1 &
		ROOT_PID[$leg]=$!
	done
fi

stage build make -s -j"$(nproc)" lib tools gst
if [ -f tests/unit/Makefile ]; then
	stage unit make -s -j"$(nproc)" -C tests/unit check
	count_criterion "$logdir/unit.log"
	count_lines "$logdir/unit.log"	# sanitizer reports (run-bins.sh)
fi
if [ -f tests/pattern/Makefile ]; then
	stage pattern make -s -j"$(nproc)" -C tests/pattern check
	count_criterion "$logdir/pattern.log"
	count_lines "$logdir/pattern.log"
fi
stage firmware tests/firmware/run.sh
count_lines "$logdir/firmware.log"
if [ -x tests/fuzz/run.sh ]; then
	stage fuzz tests/fuzz/run.sh
	count_lines "$logdir/fuzz.log"
fi
stage checkpatch scripts/checkpatch.sh
count_lines "$logdir/checkpatch.log"
stage dkms scripts/dkms-test.sh
count_lines "$logdir/dkms.log"
stage install tests/install/run.sh
count_lines "$logdir/install.log"
# The host side in fresh Debian 12 and 13 roots (tests/vm/hostroot.sh):
# opt-in: more than 6 minutes on two cores (17 warm on a shared machine;
# tests/vm/README.md).
if [ "${SDI8K_HOSTROOTS:-0}" = 1 ]; then
	stage hostroots tests/vm/hostroot.sh
	count_lines "$logdir/hostroots.log"
fi

if [ "${SDI8K_SKIP_VM:-0}" != 1 ]; then
	for leg in "${!ROOT_PID[@]}"; do
		# a failure is reported by run.sh, which tries again
		wait "${ROOT_PID[$leg]}" || echo "run-all.sh: making the $leg root failed (log: $logdir/mkroot-$leg.log); tests/vm/run.sh tries again"
	done
	# the package lists against the other supported release's apt
	stage package-names scripts/check-package-names.sh
	count_lines "$logdir/package-names.log"
	bins="$top/tests/tools/sdi8k-verify $top/tests/tools/sdi8k-hdr-ctrls $top/tests/tools/sdi8k-anc-check"
	bins="$bins $top/tests/tools/sdi8k-events $top/tests/tools/sdi8k-timecodes"
	bins="$bins $top/tests/tools/sdi8k-capture-check $top/tests/tools/sdi8k-meta-flap $top/tests/tools/sdi8k-buffer-budget"
	bins="$bins $top/tests/tools/sdi8k-ioctl-fuzz $top/tests/tools/sdi8k-audio-check $top/tests/tools/sdi8k-avsync-check"
	# the GStreamer plugin and its probe (42-gst-sdi8ksrc.sh, 43-gst-sdi8ksrc-signal.sh)
	bins="$bins $top/gst/libgstsdi8k.so $top/gst/sdi8k-gst-probe"
	for b in utils/sdi8k-*; do [ -x "$b" ] && bins="$bins $top/$b"; done
	SDI8K_GUEST_BINS="$bins" stage vm tests/vm/run.sh
	count_lines "$logdir/vm.log"
	# the product's PCI path: the card as a PCI device (sdi8k-card) on each
	# kernel, one boot each (tests/vm/pci-bench.sh)
	stage pci tests/vm/pci-bench.sh
	count_lines "$logdir/pci.log"
fi

# every stage's seconds again at the end, where a CI log's tail shows them
echo "=== stages (s): $STAGES; all $SECONDS"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
