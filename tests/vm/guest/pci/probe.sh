#!/bin/bash
# The PCI leg's probe check (run by tests/vm/run-pci.sh in the guest): the
# card served by sdi8k-card is on the guest's PCI bus with its IDs, class,
# 64 KiB BAR0 and capabilities, and BAR0 answers through resource0: ID,
# SERIAL, CAPS, SCRATCH (docs/hardware.md). Environment from run-pci.sh:
# CARD_SERIAL, CARD_INPUTS, CARD_IRQ (msix, msi or intx).
set -u
BIN="${BIN:-/job/bin}"
FAILS=0
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; FAILS=$((FAILS + 1)); }
expect() {	# expect WHAT GOT WANT
	if [ "$2" = "$3" ]; then ok "$1: $2"; else bad "$1: $2, expected $3"; fi
}

dev=""
for d in /sys/bus/pci/devices/*; do
	if [ "$(cat "$d/vendor")" = 0x10ee ] && [ "$(cat "$d/device")" = 0x8d18 ]; then
		dev=$d
	fi
done
if [ -z "$dev" ]; then
	bad "no PCI device 10ee:8d18; the bus has:"
	for d in /sys/bus/pci/devices/*; do echo "  ${d##*/} $(cat "$d/vendor"):$(cat "$d/device")"; done
	exit 1
fi
bdf=${dev##*/}
ok "10ee:8d18 at $bdf"
if command -v lspci >/dev/null; then
	lspci -nn -vv -s "$bdf"
fi
expect "subsystem" "$(cat "$dev/subsystem_vendor"):$(cat "$dev/subsystem_device")" "0x5d18:0x0001"
expect "class" "$(cat "$dev/class")" "0x040000"

# BAR0: 64 KiB of 64-bit memory (resource flags: IORESOURCE_MEM | MEM_64)
read -r start end flags <"$dev/resource"
expect "BAR0 size" "$(printf '0x%x' $((end - start + 1)))" "0x10000"
expect "BAR0 64-bit memory" "$(( (flags & 0x200) != 0 && (flags & 0x100000) != 0 ))" 1

# the capability list, from the config space
cfgb() { od -An -tu1 -j "$1" -N 1 "$dev/config" | tr -d ' '; }
caps=""
at=$(cfgb 0x34)
n=0
while [ "${at:-0}" -ne 0 ] && [ $n -lt 16 ]; do
	caps="$caps $(printf '%02x' "$(cfgb "$at")")@$(printf '%02x' "$at")"
	at=$(cfgb $((at + 1)))
	n=$((n + 1))
done
echo "capabilities:$caps"
has_cap() { case " $caps" in *" $1@"*) echo 1 ;; *) echo 0 ;; esac; }
case "${CARD_IRQ:-msix}" in
msix) want_msix=1 want_msi=1 ;;
msi) want_msix=0 want_msi=1 ;;
*) want_msix=0 want_msi=0 ;;
esac
expect "MSI-X capability" "$(has_cap 11)" "$want_msix"
expect "MSI capability" "$(has_cap 05)" "$want_msi"
expect "PCI Express capability" "$(has_cap 10)" 1
if [ "$want_msix" = 1 ]; then
	m=$(grep -o ' 11@[0-9a-f]*' <<<" $caps" | cut -d@ -f2)
	ctl=$(( $(cfgb $((0x$m + 2))) | ($(cfgb $((0x$m + 3))) << 8) ))
	expect "MSI-X table size" "$(( (ctl & 0x7ff) + 1 ))" "${CARD_INPUTS:-4}"
	tbl=$(od -An -tu4 -j $((0x$m + 4)) -N 4 "$dev/config" | tr -d ' ')
	pba=$(od -An -tu4 -j $((0x$m + 8)) -N 4 "$dev/config" | tr -d ' ')
	expect "MSI-X table in BAR0 at" "$(printf '0x%x' "$tbl")" 0x8000
	expect "MSI-X PBA in BAR0 at" "$(printf '0x%x' "$pba")" 0x9000
fi

# BAR0 through resource0 (memory decoding on first: no driver is bound)
echo 1 >"$dev/enable" 2>/dev/null || true
bar() { "$BIN/sdi8k-bar" "$dev/resource0" "$@"; }
expect "ID" "$(bar read 0x0)" 0x53444938
expect "SERIAL_LO" "$(bar read 0x10)" "$(printf '0x%08x' $(( ${CARD_SERIAL:-1} & 0xffffffff )))"
expect "CAPS inputs" "$(( $(bar read 0xc) & 0xf ))" "${CARD_INPUTS:-4}"
bar write 0x40 0xa5a55a5a
expect "SCRATCH after writing 0xa5a55a5a" "$(bar read 0x40)" 0xa5a55a5a
bar write 0x40 0x12345678
expect "SCRATCH after writing 0x12345678" "$(bar read 0x40)" 0x12345678
# 100 round trips: how long one BAR read takes here
t0=$(date +%s%N)
for _ in $(seq 100); do bar read 0x0 >/dev/null; done
echo "100 BAR reads (one process each): $(( ($(date +%s%N) - t0) / 1000000 )) ms"

# Interrupt delivery, through vfio-pci in the guest (sdi8k-vfio-irq): every
# MSI-X vector (or the MSI or INTx) fires 20 times from the stand-in's
# FRAME_DONE (SDI8K_CARD_STANDIN=1). Needs an IOMMU group: Debian's kernels have no vfio no-IOMMU
# mode, so only with the vIOMMU (run-pci.sh with SDI8K_VM_IOMMU=1).
if [ "${CARD_STANDIN:-0}" = 1 ] && [ -e "$dev/iommu_group" ] && [ -x "$BIN/sdi8k-vfio-irq" ]; then
	modprobe vfio-pci || bad "modprobe vfio-pci"
	echo vfio-pci >"$dev/driver_override"
	if [ -e "$dev/driver" ]; then echo "$bdf" >"$dev/driver/unbind"; fi
	echo "$bdf" >/sys/bus/pci/drivers_probe
	drv=$(basename "$(readlink "$dev/driver" 2>/dev/null)" 2>/dev/null)
	expect "driver" "$drv" vfio-pci
	if out=$("$BIN/sdi8k-vfio-irq" "$bdf" "${CARD_IRQ:-msix}" "${CARD_INPUTS:-4}" 20 2>&1); then
		ok "interrupts delivered: $(tr '\n' ' ' <<<"$out")"
	else
		bad "interrupts: $(tr '\n' ' ' <<<"$out")"
	fi
	if [ -e "$dev/driver" ]; then echo "$bdf" >"$dev/driver/unbind"; fi
	echo >"$dev/driver_override"
else
	echo "skip: interrupt delivery (needs the stand-in and an IOMMU group: SDI8K_CARD_STANDIN=1 SDI8K_VM_IOMMU=1)"
fi

if [ "$FAILS" -ne 0 ]; then
	echo "probe: $FAILS check(s) failed"
	exit 1
fi
echo "probe: all checks passed"
