#!/bin/bash
# The modules load (sdi8k.ko, then sdi8k-sim.ko with one simulated card)
# and show four capture nodes; sdi8k.ko holds no simulator code.
. "$(dirname "$0")/lib/common.sh"

if ! load_sdi8k cards=1; then
	fail load "insmod sdi8k.ko, sdi8k-sim.ko cards=1 failed: $(dmesg | tail -n 3 | tr '\n' '|')"
	exit 0
fi
pass load
# Issue 14: the model (sdi8k_sim_*), its pattern painter (sdi8k_pattern_*,
# pat_*) and its parameters are sdi8k-sim.ko's alone; the simulator module
# reaches the core through its exported API, and so holds it.
ks=$(grep -E '[[:space:]]\[sdi8k(_sim)?\]$' /proc/kallsyms)
re='^(sdi8k_sim_|sdi8k_pattern_|pat_)'
bad=$(awk -v re="$re" '$4 == "[sdi8k]" && $3 ~ re { print $3 }' <<<"$ks" | sort -u)
own=$(awk -v re="$re" '$4 == "[sdi8k_sim]" && $3 ~ re' <<<"$ks" | wc -l)
if [ -n "$bad" ]; then
	fail core-no-sim "sdi8k.ko defines $(wc -l <<<"$bad") simulator symbols: $(head -n 5 <<<"$bad" | tr '\n' ' ')"
elif [ "$own" -lt 10 ]; then
	fail core-no-sim "only $own simulator symbols in [sdi8k_sim] of /proc/kallsyms: the check sees nothing"
else
	pass "core-no-sim (the $own simulator symbols are all sdi8k_sim's)"
fi
if [ -e /sys/module/sdi8k/parameters/sim_cards ] || [ -e /sys/module/sdi8k/parameters/sim_firmware ]; then
	fail core-no-sim-params "sdi8k.ko has simulator parameters: $(ls /sys/module/sdi8k/parameters | tr '\n' ' ')"
else
	pass core-no-sim-params
fi
if [ -e /sys/module/sdi8k/holders/sdi8k_sim ] && [ "$(</sys/module/sdi8k_sim/parameters/cards)" = 1 ]; then
	pass sim-holds-core
else
	fail sim-holds-core "holders of sdi8k: '$(ls /sys/module/sdi8k/holders 2>&1 | tr '\n' ' ')', cards '$(cat /sys/module/sdi8k_sim/parameters/cards 2>&1)'"
fi
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
# the driver's register dump for bug reports (issue 15): every register,
# read through the driver's accessors, the simulator's files beside it
regs=/sys/kernel/debug/sdi8k/sdi8k-0/regs
if grep -q "^ID  *0x0000 0x53444938$" "$regs" 2>/dev/null &&
	[ "$(grep -c '^input[0-3]\.' "$regs")" -ge 100 ] &&
	grep -q "^input1\.RING_SIZE " "$regs" && [ -e /sys/kernel/debug/sdi8k/sdi8k-0/input0/signal ]; then
	pass "debugfs-regs ($(wc -l <"$regs") registers)"
else
	fail debugfs-regs "$(head -n 3 "$regs" 2>&1 | tr '\n' '|')"
fi
