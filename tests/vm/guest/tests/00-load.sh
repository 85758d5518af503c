#!/bin/bash
# The module loads with one simulated card and shows four capture nodes.
. "$(dirname "$0")/lib/common.sh"

if ! load_sdi8k sim_cards=1; then
	fail load "insmod sdi8k.ko sim_cards=1 failed: $(dmesg | tail -n 3 | tr '\n' '|')"
	exit 0
fi
pass load
n=0
for i in 0 1 2 3; do
	dev=$(node sdi8k-0 $i) || continue
	v4l2-ctl -d "$dev" --info 2>/dev/null | grep -q "Driver name *: sdi8k" && n=$((n + 1))
done
if [ "$n" = 4 ]; then pass four-nodes; else fail four-nodes "$n of 4 nodes answer as sdi8k"; fi
dev=$(node sdi8k-0 0)
bus=$(v4l2-ctl -d "$dev" --info | sed -n 's/.*Bus info *: //p')
case $bus in
platform:sdi8k-sim.0:input0) pass bus-info ;;
*) fail bus-info "got '$bus'" ;;
esac
# the card's identity in sysfs, on the device the nodes hang from
sys=/sys/bus/platform/devices/sdi8k-sim.0
ser=$(<"$sys/serial")
fw=$(<"$sys/firmware_version")
parent=$(readlink -f "/sys/class/video4linux/${dev##*/}/device")
if [[ $ser =~ ^[0-9a-f]{16}$ ]] && [ -n "$fw" ] && [ "$(<"$sys/inputs")" = 4 ] &&
	[ "$parent" = "$(readlink -f "$sys")" ]; then
	pass "sysfs-identity (serial $ser, firmware $fw)"
else
	fail sysfs-identity "serial '$ser' firmware '$fw' parent '$parent'"
fi
