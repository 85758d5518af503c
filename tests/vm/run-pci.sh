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
#   SDI8K_CARD_SPARE_IRQ  msi or intx: also a second card (as many inputs:
#                     the firmware's design) with those interrupts, out of
#                     its slot until the guest's spare_word plug (QMP
#                     device_add of sdi8k2 in the root port sdi8k-rp2);
#                     its log JOBDIR/spare.log. With an MSI-X first card
#                     it is the one a test can unplug (QEMU 11.1 aborts on
#                     device_del with MSI-X).
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
SPARE_IRQ="${SDI8K_CARD_SPARE_IRQ:-}"
case $SPARE_IRQ in ''|msi|intx) ;; *) vm_die "SDI8K_CARD_SPARE_IRQ: msi or intx, not '$SPARE_IRQ'" ;; esac
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
SPARE_SOCK="" SPARE_CTL=""
[ -z "$SPARE_IRQ" ] || { SPARE_SOCK="$SOCKDIR/spare.sock"; SPARE_CTL="$SOCKDIR/spare-ctl.sock"; }
[ -z "$SPARE_IRQ" ] || [ "$STANDIN" != 1 ] || vm_die "SDI8K_CARD_SPARE_IRQ needs the card model (not SDI8K_CARD_STANDIN=1)"
BINDIR="$(mktemp -d /tmp/sdi8k-pci-bin.XXXXXX)"
CPID="" SPID=""
cleanup() {
	local p
	for p in $CPID $SPID; do
		if kill -0 "$p" 2>/dev/null; then
			kill "$p" 2>/dev/null || true
			wait "$p" 2>/dev/null || true
		fi
	done
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
sed -i "2i CARD_SERIAL=$SERIAL CARD_INPUTS=$INPUTS CARD_IRQ=$IRQ CARD_STANDIN=$STANDIN SPARE_IRQ=$SPARE_IRQ" "$BINDIR/script.sh"

# card_up PID LOG SOCK [CTL] NAME: until the card started in the
# background as PID listens on SOCK (and CTL); dies with its log if not
card_up() {
	local _
	for _ in $(seq 50); do
		[ -S "$3" ] && { [ -z "$4" ] || [ -S "$4" ]; } && return 0
		kill -0 "$1" 2>/dev/null || break
		sleep 0.1
	done
	[ -S "$3" ] && { [ -z "$4" ] || [ -S "$4" ]; } && return 0
	cat "$2" >&2
	vm_die "$5 did not start (log above)"
}
# shellcheck disable=SC2086  # SDI8K_CARD_ARGS is a list of options
"$CARD" --socket "$SOCK" --serial "$SERIAL" --inputs "$INPUTS" --irq "$IRQ" \
	$([ "$STANDIN" = 1 ] && echo --standin) ${CTL:+--ctl "$CTL"} ${QMP:+--qmp "$QMP"} ${SDI8K_CARD_ARGS:-} 2>"$JOB/card.log" &
CPID=$!
card_up "$CPID" "$JOB/card.log" "$SOCK" "$CTL" sdi8k-card
vm_log "$LEG: sdi8k-card (pid $CPID) serves $SOCK: serial $SERIAL, $INPUTS inputs, $IRQ"
if [ -n "$SPARE_IRQ" ]; then
	"$CARD" --socket "$SPARE_SOCK" --serial "$((SERIAL + 1))" --inputs "$INPUTS" --irq "$SPARE_IRQ" \
		--ctl "$SPARE_CTL" --qmp "$QMP" --qmp-id sdi8k2 --qmp-bus sdi8k-rp2 --unplugged 2>"$JOB/spare.log" &
	SPID=$!
	card_up "$SPID" "$JOB/spare.log" "$SPARE_SOCK" "$SPARE_CTL" "the second sdi8k-card"
	vm_log "$LEG: a second sdi8k-card (pid $SPID), out of its slot: serial $((SERIAL + 1)), $INPUTS inputs, $SPARE_IRQ"
fi

RC=0
SDI8K_JOBDIR="$JOB" SDI8K_VM_PCI_SOCKET="$SOCK" SDI8K_VM_PCI_CTL="$CTL" SDI8K_VM_QMP="$QMP" \
	SDI8K_VM_PCI_SPARE_CTL="$SPARE_CTL" SDI8K_NO_MODULE="${SDI8K_NO_MODULE:-0}" \
	SDI8K_GUEST_BINS="$BINDIR/sdi8k-bar $BINDIR/sdi8k-vfio-irq ${SDI8K_GUEST_BINS:-}" \
	"$VM_DIR/run-guest.sh" "$LEG" "$BINDIR/script.sh" "$VM_DIR/guest/tests/lib/common.sh" \
	"$VM_DIR/guest/pci/pcilib.sh" >/dev/null || RC=$?

# card_end PID LOG NAME: QEMU is gone, so a card in its slot saw the
# disconnect and exits by itself; one out of its slot (the log's last
# word on it is "unplugged: waiting", not "plug: device_add") waits for a device_add that will
# not come and is stopped. Non-zero if it failed or had to be stopped.
card_end() {
	local rc=0 _
	for _ in $(seq 50); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
	if kill -0 "$1" 2>/dev/null; then
		if grep -aE "unplugged: waiting|: plug: device_add" "$2" | tail -n 1 | grep -q "unplugged: waiting"; then
			kill "$1"
		else
			vm_log "$LEG: $3 still runs after QEMU exited: stopping it"
			kill "$1"
			rc=1
		fi
	fi
	wait "$1" || rc=$?
	sed "s/^/    $3 | /" "$2" >&2
	[ "$rc" = 0 ] || vm_log "$LEG: $3 exited with status $rc"
	return "$rc"
}
card_end "$CPID" "$JOB/card.log" card || { [ "$RC" -ne 0 ] || RC=1; }
CPID=""
if [ -n "$SPID" ]; then
	card_end "$SPID" "$JOB/spare.log" spare || { [ "$RC" -ne 0 ] || RC=1; }
	SPID=""
fi
vm_log "job dir: $JOB (exit status $RC)"
echo "$JOB"
exit "$RC"
