#!/bin/bash
# pci-bench.sh [LEG:IRQ:IOMMU ...]
#
# make check's pci stage: the product's PCI path on every kernel, one boot
# each, on the card sdi8k-card serves (tests/vm/run-pci.sh with
# guest/pci/suite.sh: bind, vectors, captures through the DMA API,
# v4l2-compliance, bus mastering off for a hung engine, unbind and bind, the
# card gone from the bus, removal). The configurations together cover the
# three kernels, the three interrupt modes the card offers and the DMA API
# with and without a vIOMMU:
#   bookworm:msix:iommu  trixie:msi:iommu  sid:intx:noiommu   (default)
# With MSI-X, a second card that offers MSI waits out of its slot for the
# hot plug and unplug test (QEMU 11.1 cannot unplug an MSI-X vfio-user
# device; run-pci.sh's SDI8K_CARD_SPARE_IRQ).
# (SDI8K_PCI_CONFIGS or the arguments pick others; SDI8K_LEGS, as for
# run.sh, keeps only the configurations of those legs).
#
# Prints the suite's "PASS|FAIL|SKIP LEG name" lines, one "pci-run" line per
# configuration (FAIL if the guest did not finish, the kernel log showed a
# problem or the card exited with an error: run-guest.sh's and
# run-pci.sh's exit status) and the problems run-guest.sh found. Job dirs:
# $SDI8K_VM_OUT/pci-LEG (default /tmp/sdi8k-vm-out/pci-LEG: run.sh's
# output dir, whose per-leg module builds and guest binaries are then
# used again, not built a second time). Exit status non-zero on any FAIL.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
vm_need_root
REPO="$(cd "$VM_DIR/../.." && pwd)"
OUT="${SDI8K_VM_OUT:-/tmp/sdi8k-vm-out}"
configs="${*:-${SDI8K_PCI_CONFIGS:-bookworm:msix:iommu trixie:msi:iommu sid:intx:noiommu}}"
legs=" ${SDI8K_LEGS:-$VM_LEGS_ALL} "
bins="${SDI8K_GUEST_BINS:-$REPO/tests/tools/sdi8k-verify $REPO/tests/tools/sdi8k-audio-check $REPO/tests/tools/sdi8k-avsync-check $REPO/utils/sdi8k-capture}"
failed=0

make -s -C "$REPO/tests/tools" >/dev/null 2>&1 || true
make -s -C "$REPO" tools >/dev/null 2>&1 || true
for cfg in $configs; do
	IFS=: read -r leg irq iommu <<<"$cfg"
	vm_check_leg "$leg"
	case $irq in msix|msi|intx) ;; *) vm_die "$cfg: interrupts msix, msi or intx, not '$irq'" ;; esac
	case $iommu in iommu|noiommu) ;; *) vm_die "$cfg: iommu or noiommu, not '$iommu'" ;; esac
	[[ "$legs" == *" $leg "* ]] || continue
	job="$OUT/pci-$leg"
	rm -rf "$job"
	mkdir -p "$job"
	t0=$SECONDS
	rc=0
	# the guest's binaries as that release builds them (build-user.sh, as
	# run.sh: the same sources are built once for both stages)
	legbins=$bins tools=""
	if ! vm_host_leg "$leg"; then
		user="$OUT/$leg/user"
		if "$VM_DIR/build-user.sh" "$leg" "$REPO" "$user" 2>"$job.user.log"; then
			legbins=""
			for b in $bins; do legbins="$legbins $(vm_leg_bin "$b" "$REPO" "$user")"; done
			tools="$user/tests/vm/guest/pci"
		else
			echo "FAIL $leg pci-userspace-build: $(tail -n 1 "$job.user.log") (the host's binaries used)"
			failed=1
		fi
	fi
	spare=""
	[ "$irq" != msix ] || spare=msi
	# the vm stage's modules for this kernel (run.sh's W=1 build), when
	# no kernel source is newer than them: not built a second time
	built="$OUT/$leg/build-W1"
	if [ -n "${SDI8K_KERNEL_DIR:-}" ] || [ ! -f "$built/sdi8k.ko" ] || [ ! -f "$built/sdi8k-sim.ko" ] ||
		[ -n "$(find "$REPO/kernel" -type f -newer "$built/sdi8k.ko" -print -quit)" ]; then
		built=""
	fi
	SDI8K_MODULE_BUILT="$built" SDI8K_JOBDIR="$job" SDI8K_CARD_IRQ="$irq" SDI8K_CARD_SPARE_IRQ="$spare" SDI8K_VM_IOMMU=$([ "$iommu" = iommu ] && echo 1 || echo 0) \
		SDI8K_PCI_TOOLS="$tools" SDI8K_GUEST_BINS="$legbins" "$VM_DIR/run-pci.sh" "$leg" "$VM_DIR/guest/pci/suite.sh" \
		>"$job.out" 2>&1 || rc=$?
	grep -aE '^(PASS|FAIL|SKIP) ' "$job/logs/script.log" 2>/dev/null
	[ -s "$job/results.txt" ] && grep -aE '^(FAIL|SKIP) ' "$job/results.txt"
	if [ "$rc" = 0 ]; then
		echo "PASS $leg pci-run ($irq, $iommu, $((SECONDS - t0)) s; $(grep -a 'sdi8k-card: .* messages' "$job/card.log" | sed 's/^sdi8k-card: //'))"
	else
		echo "FAIL $leg pci-run: $irq, $iommu: exit status $rc ($(grep -aE '^(run-pci|run-guest|boot).sh: ' "$job.out" | tail -n 2 | tr '\n' '|'); log: $job.out)"
	fi
	grep -aqE '^FAIL ' "$job/logs/script.log" "$job/results.txt" 2>/dev/null && failed=1
	[ "$rc" = 0 ] || failed=1
done
exit $failed
