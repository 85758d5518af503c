#!/bin/bash
# The driver on the card served by sdi8k-card (tests/vm/run-pci.sh LEG
# tests/vm/guest/pci/driver.sh): sdi8k.ko binds the PCI function, loads
# the firmware, makes one node per input, takes one MSI-X vector per input
# (or the one MSI or INTx vector, CARD_IRQ), and captures frames on input 0
# through the DMA API (IOVAs with the vIOMMU); the vector of input 0 counts
# them.
set -u
KO="${KO:-/job/sdi8k.ko}"
FAILS=0
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; FAILS=$((FAILS + 1)); }

printf '%s' "${SDI8K_FW_SEARCH:-/job/firmware}" >/sys/module/firmware_class/parameters/path
insmod "$KO" || bad "insmod $KO"
dev=""
for d in /sys/bus/pci/devices/*; do
	[ "$(cat "$d/vendor")" = 0x10ee ] && [ "$(cat "$d/device")" = 0x8d18 ] && dev=$d
done
[ -n "$dev" ] || { bad "no 10ee:8d18"; exit 1; }
nodes=""
for _ in $(seq 100); do
	nodes=$(grep -l "input" /sys/class/video4linux/video*/name 2>/dev/null | wc -l)
	[ "$nodes" -ge "${CARD_INPUTS:-4}" ] && break
	sleep 0.1
done
drv=$(basename "$(readlink "$dev/driver" 2>/dev/null)" 2>/dev/null)
[ "$drv" = sdi8k ] && ok "bound to sdi8k" || bad "driver: '$drv'"
[ "$nodes" -ge "${CARD_INPUTS:-4}" ] && ok "$nodes capture nodes" || bad "$nodes capture nodes"
for f in /sys/class/video4linux/video*/name; do echo "  ${f%/name}: $(cat "$f")"; done
dmesg | grep -iE "sdi8k|10ee" | tail -n 8
vecs=$(grep -c sdi8k /proc/interrupts)
echo "interrupts before:"; grep sdi8k /proc/interrupts
case "${CARD_IRQ:-msix}" in
msix) [ "$vecs" -eq "${CARD_INPUTS:-4}" ] && ok "$vecs MSI-X vectors" || bad "$vecs vectors" ;;
*) [ "$vecs" -eq 1 ] && ok "one shared vector" || bad "$vecs vectors" ;;
esac
v0=$(grep -l "input 0$" /sys/class/video4linux/video*/name | head -n 1)
v0=/dev/$(basename "$(dirname "$v0")")
v4l2-ctl -d "$v0" --query-dv-timings 2>&1 | head -n 4
if out=$(timeout 60 v4l2-ctl -d "$v0" --set-dv-bt-timings query --stream-mmap --stream-count=10 \
	--stream-to=/tmp/cap.raw 2>&1); then
	sz=$(stat -c %s /tmp/cap.raw 2>/dev/null || echo 0)
	[ "$sz" -gt 0 ] && ok "captured 10 frames on input 0 ($sz bytes)" || bad "capture wrote $sz bytes"
else
	bad "capture: $(tail -n 3 <<<"$out" | tr '\n' '|')"
fi
echo "interrupts after:"; grep sdi8k /proc/interrupts
dmesg | grep -iE "sdi8k|dmar|fault" | tail -n 5
rmmod sdi8k && ok "rmmod sdi8k" || bad "rmmod sdi8k"
[ "$FAILS" -eq 0 ] && echo "driver: all checks passed" || { echo "driver: $FAILS check(s) failed"; exit 1; }
