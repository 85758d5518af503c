#!/bin/bash
# System sleep (issue 15, item 13): the simulated card loses its power (and
# its firmware, and its clock) while the system sleeps, as a PCIe card in
# S3 does. Suspended with /sys/power/pm_test=devices (the kernel suspends
# every device, waits 5 s and resumes them, without sleeping: what a TCG
# guest can do): a client streaming through the sleep gets an error and
# ends; the driver loads the firmware again at resume; a new capture is
# whole; the kernel log is clean.
. "$(dirname "$0")/lib/common.sh"
PLAT=/sys/bus/platform/devices
if [ ! -w /sys/power/pm_test ] || ! grep -qw freeze /sys/power/state; then
	skip suspend "this kernel has no pm_test or no freeze state"
	exit 0
fi
load_sdi8k || { fail suspend "module not loaded"; exit 0; }
mark() { echo "sdi8k-suspend: $1" >/dev/kmsg; }
since() { dmesg | sed -n "/sdi8k-suspend: $1\$/,\$p" | tail -n +2; }
in=1
dev=$(node sdi8k-0 $in)
signal sdi8k-0 $in 1080p25
sleep 0.3
v4l2-ctl -d "$dev" --set-dv-bt-timings query --set-fmt-video=pixelformat=UYVY \
	--stream-mmap --stream-count=100000 >"$SCRATCH/susp-stream.log" 2>&1 &
pid=$!
sleep 1
mark sleep
echo devices >/sys/power/pm_test
t0=$(date +%s%N)
if echo freeze >/sys/power/state 2>"$SCRATCH/susp.err"; then
	echo none >/sys/power/pm_test
	ms=$((($(date +%s%N) - t0) / 1000000))
	pass "suspend-resume ($ms ms)"
else
	echo none >/sys/power/pm_test
	fail suspend-resume "$(<"$SCRATCH/susp.err")"
fi
for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$pid" 2>/dev/null; then
	fail suspend-client-told "the client still streams 5 s after resume"
	kill "$pid"
else
	pass suspend-client-told
fi
wait "$pid" 2>/dev/null
n=$(since sleep | grep -c 'firmware .*: ".*" .* build .*inputs')
[ "$n" = 1 ] && pass suspend-firmware-reloaded ||
	fail suspend-firmware-reloaded "$n firmware load lines after the sleep: $(since sleep | tail -n 3 | tr '\n' '|')"
raw=$SCRATCH/susp.raw
rm -f "$raw"
if v4l2-ctl -d "$dev" --set-dv-bt-timings query --set-fmt-video=pixelformat=UYVY \
	--stream-mmap --stream-count=5 --stream-to="$raw" >"$SCRATCH/susp-after.log" 2>&1; then
	verify suspend-capture-after "$raw" UYVY 1080p25
else
	fail suspend-capture-after "$(tail -n 2 "$SCRATCH/susp-after.log" | tr '\n' '|')"
fi
rm -f "$raw"
