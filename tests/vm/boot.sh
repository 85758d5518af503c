#!/bin/bash
# boot.sh LEG JOBDIR [TIMEOUT_S]
#
# Boots LEG's kernel under QEMU (TCG software emulation, 2 CPUs, 6 GiB) with
# the leg's root shared read-only over 9p and JOBDIR shared read-write as
# /job. The guest runs JOBDIR/guest.sh, writes its exit code to JOBDIR/rc and
# powers off. The serial console goes to JOBDIR/console.log.
# Exit status: the guest's rc, or 1 with a message if the guest did not
# finish (killed after TIMEOUT_S seconds, default 600, or died early).
#
# Environment: SDI8K_VM_CACHE (see lib.sh), SDI8K_VM_MEM (default 6G),
#   SDI8K_VM_SMP (default 2), SDI8K_VM_CMDLINE (extra kernel arguments),
#   SDI8K_VM_LOCK (the machine-wide boot lock, default /tmp/sdi8k-vm-boot.lock),
#   SDI8K_VM_ACCEL (qemu -accel, default tcg; tcg,tb-size=2048 measured no
#   faster), SDI8K_VM_CPU (qemu -cpu, default max).
# PCI mode (the card as a PCI device, served by card/sdi8k-card):
#   SDI8K_VM_PCI_SOCKET  a vfio-user socket to attach as a vfio-user-pci
#                        device. The guest then runs on QEMU 11.1 from the
#                        sid root (Debian 12's QEMU has no vfio-user client;
#                        run with that root's loader and libraries), a q35
#                        machine whose RAM is a shared memfd (the server maps
#                        it for DMA). Whoever serves the socket must listen
#                        before this script runs (tests/vm/run-pci.sh).
#   SDI8K_VM_IOMMU=1     also a vIOMMU (intel-iommu, caching mode) and the
#                        guest's intel_iommu=on iommu.strict=1: the device
#                        sees IOVAs, mapped one DMA buffer at a time.
#   SDI8K_VM_PCI_CTL     sdi8k-card's control socket (--ctl), reached from
#                        the guest as the virtio-serial port sdi8k.ctl
#   SDI8K_VM_QMP         a path for QEMU's QMP socket (sdi8k-card --qmp: hot
#                        unplug and plug of the card, id sdi8k, in the PCIe
#                        root port sdi8k-rp)
#   SDI8K_VM_PCI_SPARE_CTL  the control socket of a second card that starts
#                        out of its slot (sdi8k-card --unplugged --qmp-id
#                        sdi8k2 --qmp-bus sdi8k-rp2): an empty PCIe root
#                        port sdi8k-rp2 for its device_add, and its socket
#                        as the guest's virtio-serial port sdi8k.spare
set -euo pipefail
. "$(dirname "$0")/lib.sh"

if [ $# -lt 2 ] || [ $# -gt 3 ]; then vm_die "usage: $0 LEG JOBDIR [TIMEOUT_S]"; fi
LEG="$1" JOBDIR="$2" TIMEOUT_S="${3:-600}"
vm_check_leg "$LEG"
[[ "$TIMEOUT_S" =~ ^[0-9]+$ ]] || vm_die "TIMEOUT_S must be a number of seconds, not '$TIMEOUT_S'"
[ -d "$JOBDIR" ] || vm_die "job dir $JOBDIR does not exist"
JOBDIR="$(cd "$JOBDIR" && pwd)"
[ -x "$JOBDIR/guest.sh" ] || vm_die "$JOBDIR/guest.sh is missing or not executable"
QEMU=(qemu-system-x86_64)
PCI=()
if [ -n "${SDI8K_VM_PCI_SOCKET:-}" ]; then
	[ -S "$SDI8K_VM_PCI_SOCKET" ] || vm_die "SDI8K_VM_PCI_SOCKET: no socket at $SDI8K_VM_PCI_SOCKET"
	vm_pci_qemu QEMU || exit 1
	MEM="${SDI8K_VM_MEM:-6G}"
	if [ "${SDI8K_VM_IOMMU:-0}" = 1 ]; then
		PCI+=(-device intel-iommu,caching-mode=on)
		SDI8K_VM_CMDLINE="${SDI8K_VM_CMDLINE:-} intel_iommu=on iommu.strict=1"
	fi
	# the card in a hot-plug slot: a PCIe root port (sdi8k-rp), the
	# card's id sdi8k (QMP's device_del and device_add name them)
	PCI+=(-machine "q35,memory-backend=mem"
		-object "memory-backend-memfd,id=mem,size=$MEM,share=on"
		-device pcie-root-port,id=sdi8k-rp,chassis=1,slot=1
		-device "{\"driver\":\"vfio-user-pci\",\"id\":\"sdi8k\",\"bus\":\"sdi8k-rp\",\"socket\":{\"path\":\"$SDI8K_VM_PCI_SOCKET\",\"type\":\"unix\"}}")
	# QEMU's QMP (sdi8k-card --qmp: the card pulled out and pushed back)
	[ -z "${SDI8K_VM_QMP:-}" ] || PCI+=(-qmp "unix:$SDI8K_VM_QMP,server=on,wait=off")
	# the card's control socket (sdi8k-card --ctl) as the guest's
	# virtio-serial port "sdi8k.ctl": guest tests script the card with it
	[ -z "${SDI8K_VM_PCI_CTL:-}${SDI8K_VM_PCI_SPARE_CTL:-}" ] || PCI+=(-device virtio-serial-pci)
	if [ -n "${SDI8K_VM_PCI_CTL:-}" ]; then
		[ -S "$SDI8K_VM_PCI_CTL" ] || vm_die "SDI8K_VM_PCI_CTL: no socket at $SDI8K_VM_PCI_CTL"
		PCI+=(-chardev "socket,id=sdi8kctl,path=$SDI8K_VM_PCI_CTL"
			-device virtserialport,chardev=sdi8kctl,name=sdi8k.ctl)
	fi
	# a second card, plugged in later by the guest (its "plug")
	if [ -n "${SDI8K_VM_PCI_SPARE_CTL:-}" ]; then
		[ -S "$SDI8K_VM_PCI_SPARE_CTL" ] || vm_die "SDI8K_VM_PCI_SPARE_CTL: no socket at $SDI8K_VM_PCI_SPARE_CTL"
		PCI+=(-device pcie-root-port,id=sdi8k-rp2,chassis=1,slot=2
			-chardev "socket,id=sdi8kspare,path=$SDI8K_VM_PCI_SPARE_CTL"
			-device virtserialport,chardev=sdi8kspare,name=sdi8k.spare)
	fi
else
	command -v qemu-system-x86_64 >/dev/null || vm_die "qemu-system-x86_64 not found: install qemu-system-x86"
fi

ROOT="$(vm_root "$LEG")"
if ! vm_host_leg "$LEG"; then
	[ -f "$(vm_stamp "$LEG")" ] || vm_die "$LEG: root $ROOT is missing or incomplete: run tests/vm/mkroot.sh $LEG"
fi
REL="$(vm_kernel_release "$LEG")" || vm_die "$LEG: no kernel in $ROOT/boot"
KERNEL="$ROOT/boot/vmlinuz-$REL"
[ -r "$KERNEL" ] || vm_die "$LEG: cannot read $KERNEL"

# One TCG guest at a time on this machine: two guests on a 2-core machine
# starve each other until their boots time out. Everyone who boots a guest
# (run.sh, run-guest.sh, the bench, a developer's one-off) queues here.
exec 8>"${SDI8K_VM_LOCK:-/tmp/sdi8k-vm-boot.lock}"
if ! flock -n 8; then
	vm_log "$LEG: another guest is running on this machine: waiting for it"
	flock 8
fi

INITRD="$(mktemp --suffix=.cpio.gz)"
trap 'rm -f "$INITRD"' EXIT
"$VM_DIR/initramfs.sh" "$LEG" "$INITRD"

rm -f "$JOBDIR/rc"
: >"$JOBDIR/console.log"
APPEND="console=ttyS0 loglevel=4 log_buf_len=8M panic=-1 edd=off sdi8k_leg=$LEG ${SDI8K_VM_CMDLINE:-}"
vm_log "$LEG: booting $REL (timeout ${TIMEOUT_S} s, console: $JOBDIR/console.log)"
T0=$SECONDS
set +e
# -accel tcg: /dev/kvm exists on these machines but guests hang under it.
timeout -k 10 "$TIMEOUT_S" "${QEMU[@]}" "${PCI[@]}" \
	-accel "${SDI8K_VM_ACCEL:-tcg}" -cpu "${SDI8K_VM_CPU:-max}" -smp "${SDI8K_VM_SMP:-2}" -m "${SDI8K_VM_MEM:-6G}" \
	-nographic -monitor none -serial "file:$JOBDIR/console.log" -no-reboot -nic none \
	-kernel "$KERNEL" -initrd "$INITRD" -append "$APPEND" \
	-virtfs "local,path=$ROOT,mount_tag=root,security_model=none,readonly=on,multidevs=remap" \
	-virtfs "local,path=$JOBDIR,mount_tag=job,security_model=none,multidevs=remap" \
	</dev/null >"$JOBDIR/qemu.log" 2>&1
QRC=$?
set -e
ELAPSED=$((SECONDS - T0))

if [ "$QRC" -eq 124 ] || [ "$QRC" -eq 137 ]; then
	vm_log "$LEG: the guest did not finish within $TIMEOUT_S s: qemu killed (last console lines follow)"
	tail -n 20 "$JOBDIR/console.log" | sed 's/^/    | /' >&2
	exit 1
fi
if [ "$QRC" -ne 0 ]; then
	vm_log "$LEG: qemu failed with status $QRC (qemu.log follows)"
	sed 's/^/    | /' "$JOBDIR/qemu.log" >&2
	exit 1
fi
if [ ! -s "$JOBDIR/rc" ]; then
	vm_log "$LEG: the guest powered off after $ELAPSED s without writing /job/rc (last console lines follow)"
	tail -n 20 "$JOBDIR/console.log" | sed 's/^/    | /' >&2
	exit 1
fi
RC="$(tr -dc '0-9' <"$JOBDIR/rc")"
vm_log "$LEG: guest finished in $ELAPSED s, guest.sh exit status ${RC:-?}"
exit "${RC:-1}"
