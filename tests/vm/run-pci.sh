#!/bin/bash
# run-pci.sh LEG [SCRIPT]
#
# The card as a PCI device: starts card/sdi8k-card (utils/sdi8k-card, built
# if needed) on a vfio-user socket, then boots LEG's kernel on QEMU 11.1
# from the sid root with the card attached (boot.sh's PCI mode) and runs
# SCRIPT in the guest (default guest/pci/probe.sh) through run-guest.sh,
# with the guest tests' helpers as /job/files/common.sh and the PCI card's
# (its control port, ...) as /job/files/pcilib.sh.
# The card exits when QEMU disconnects; its log is JOBDIR/card.log. The
# model's scripting words reach the guest through the card's control socket
# (sdi8k-card --ctl) as the virtio-serial port sdi8k.ctl (guest/pci/suite.sh
# card_word); its "unplug" and "plug" go to QEMU's QMP (sdi8k-card --qmp).
# Exit status: SCRIPT's, or non-zero if the guest or the card failed.
#
# Environment (besides run-guest.sh's and boot.sh's):
#   SDI8K_CARD_ARGS   extra sdi8k-card options (--irq msi, --inputs 2, -v ...)
#   SDI8K_CARD_SERIAL serial number (default 0x5d180042)
#   SDI8K_CARD_INPUTS inputs (default 4)
#   SDI8K_CARD_IRQ    msix (default), msi or intx
#   SDI8K_CARD_STANDIN=1  the register stand-in instead of the card model
#                     (probe.sh then also counts interrupts, with the vIOMMU)
#   SDI8K_VM_IOMMU=1  with a vIOMMU (intel-iommu, guest intel_iommu=on iommu.strict=1)
#   SDI8K_NO_MODULE   as run-guest.sh (1: no driver build)
#   SDI8K_PCI_TOOLS   a directory holding the guest's sdi8k-bar and
#                     sdi8k-vfio-irq already built (build-user.sh builds
#                     them in LEG's root); default: built here by cc
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -ge 1 ] && [ $# -le 2 ] || vm_die "usage: $0 LEG [SCRIPT]"
LEG="$1"
SCRIPT="${2:-$VM_DIR/guest/pci/probe.sh}"
vm_check_leg "$LEG"
vm_need_root
REPO="$(cd "$VM_DIR/../.." && pwd)"
SERIAL="${SDI8K_CARD_SERIAL:-0x5d180042}"
INPUTS="${SDI8K_CARD_INPUTS:-4}"
IRQ="${SDI8K_CARD_IRQ:-msix}"
STANDIN="${SDI8K_CARD_STANDIN:-0}"
Q=()
# QEMU comes from the sid root: make that root if it has none
if ! vm_pci_qemu Q 2>/dev/null; then
	"$VM_DIR/mkroot.sh" sid
	vm_pci_qemu Q || exit 1
fi

make -s -C "$REPO/card" >&2 || vm_die "cannot build sdi8k-card (make -C card)"
CARD="$REPO/utils/sdi8k-card"

JOB="${SDI8K_JOBDIR:-$(mktemp -d "/tmp/sdi8k-pci-$LEG.XXXXXX")}"
mkdir -p "$JOB"
JOB="$(cd "$JOB" && pwd)"
# the socket outside the job dir (which the guest sees over 9p)
SOCKDIR="$(mktemp -d /tmp/sdi8k-card.XXXXXX)"
SOCK="$SOCKDIR/card.sock"
CTL="" QMP=""
[ "$STANDIN" = 1 ] || { CTL="$SOCKDIR/ctl.sock"; QMP="$SOCKDIR/qmp.sock"; }
BINDIR="$(mktemp -d /tmp/sdi8k-pci-bin.XXXXXX)"
CPID=""
cleanup() {
	if [ -n "$CPID" ] && kill -0 "$CPID" 2>/dev/null; then
		kill "$CPID" 2>/dev/null || true
		wait "$CPID" 2>/dev/null || true
	fi
	rm -rf "$SOCKDIR" "$BINDIR"
}
trap cleanup EXIT

for t in sdi8k-bar sdi8k-vfio-irq; do
	if [ -n "${SDI8K_PCI_TOOLS:-}" ]; then
		cp "$SDI8K_PCI_TOOLS/$t" "$BINDIR/$t" || vm_die "no guest tool $t in $SDI8K_PCI_TOOLS"
	else
		cc -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -O2 -o "$BINDIR/$t" \
			"$VM_DIR/guest/pci/$t.c" || vm_die "cannot build the guest tool $t"
	fi
done

# the guest script sees the card's settings
cat "$SCRIPT" >"$BINDIR/script.sh"
sed -i "2i CARD_SERIAL=$SERIAL CARD_INPUTS=$INPUTS CARD_IRQ=$IRQ CARD_STANDIN=$STANDIN" "$BINDIR/script.sh"

# shellcheck disable=SC2086  # SDI8K_CARD_ARGS is a list of options
"$CARD" --socket "$SOCK" --serial "$SERIAL" --inputs "$INPUTS" --irq "$IRQ" \
	$([ "$STANDIN" = 1 ] && echo --standin) ${CTL:+--ctl "$CTL"} ${QMP:+--qmp "$QMP"} ${SDI8K_CARD_ARGS:-} 2>"$JOB/card.log" &
CPID=$!
for _ in $(seq 50); do
	[ -S "$SOCK" ] && { [ -z "$CTL" ] || [ -S "$CTL" ]; } && break
	kill -0 "$CPID" 2>/dev/null || break
	sleep 0.1
done
[ -S "$SOCK" ] || { cat "$JOB/card.log" >&2; vm_die "sdi8k-card did not start (log above)"; }
vm_log "$LEG: sdi8k-card (pid $CPID) serves $SOCK: serial $SERIAL, $INPUTS inputs, $IRQ"

RC=0
SDI8K_JOBDIR="$JOB" SDI8K_VM_PCI_SOCKET="$SOCK" SDI8K_VM_PCI_CTL="$CTL" SDI8K_VM_QMP="$QMP" SDI8K_NO_MODULE="${SDI8K_NO_MODULE:-0}" \
	SDI8K_GUEST_BINS="$BINDIR/sdi8k-bar $BINDIR/sdi8k-vfio-irq ${SDI8K_GUEST_BINS:-}" \
	"$VM_DIR/run-guest.sh" "$LEG" "$BINDIR/script.sh" "$VM_DIR/guest/tests/lib/common.sh" \
	"$VM_DIR/guest/pci/pcilib.sh" >/dev/null || RC=$?

# QEMU is gone: the card saw the disconnect and exits by itself
for _ in $(seq 50); do kill -0 "$CPID" 2>/dev/null || break; sleep 0.1; done
CRC=0
if kill -0 "$CPID" 2>/dev/null; then
	if grep -q "unplugged: waiting" "$JOB/card.log"; then
		# pulled out by the guest (ctl unplug) and not pushed back: it
		# waits for a device_add that will not come
		kill "$CPID"
	else
		vm_log "$LEG: sdi8k-card still runs after QEMU exited: stopping it"
		kill "$CPID"
		CRC=1
	fi
fi
wait "$CPID" || CRC=$?
CPID=""
sed 's/^/    card | /' "$JOB/card.log" >&2
if [ "$CRC" -ne 0 ]; then
	vm_log "$LEG: sdi8k-card exited with status $CRC"
	[ "$RC" -ne 0 ] || RC=1
fi
vm_log "job dir: $JOB (exit status $RC)"
echo "$JOB"
exit "$RC"
