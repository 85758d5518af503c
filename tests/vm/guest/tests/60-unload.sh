#!/bin/bash
# Module unload while idle and while streaming, card removal while
# streaming, load again and stream again.
. "$(dirname "$0")/lib/common.sh"
load_sdi8k || { fail unload "module not loaded"; exit 0; }

if rmmod sdi8k 2>"$SCRATCH/rmmod.err"; then pass unload-idle
else fail unload-idle "$(<"$SCRATCH/rmmod.err")"; fi
if load_sdi8k sim_cards=1; then pass reload; else fail reload "insmod failed"; exit 0; fi

dev=$(node sdi8k-0 0)
timeout 60 v4l2-ctl -d "$dev" --stream-mmap --stream-count=100000 \
	--stream-to=/dev/null >/dev/null 2>&1 &
pid=$!
sleep 2
# the module is in use while a node is open: unload refuses cleanly
if rmmod sdi8k 2>/dev/null; then
	fail unload-streaming-refused "rmmod succeeded under an open node"
else
	pass unload-streaming-refused
fi
kill -0 "$pid" 2>/dev/null && pass stream-survives-refused-unload ||
	fail stream-survives-refused-unload "client died"

# pulling the card from under a streaming client (unbind = hot unplug)
echo sdi8k-sim.0 > /sys/bus/platform/drivers/sdi8k-sim/unbind
if timeout 20 bash -c "while kill -0 $pid 2>/dev/null; do sleep 0.2; done"; then
	pass unbind-streaming-client-ends
else
	fail unbind-streaming-client-ends "client still running 20 s after the card went away"
	kill -9 "$pid" 2>/dev/null
fi
wait "$pid" 2>/dev/null
if node sdi8k-0 0 >/dev/null; then fail unbind-nodes-gone "nodes remain"
else pass unbind-nodes-gone; fi
echo sdi8k-sim.0 > /sys/bus/platform/drivers/sdi8k-sim/bind
sleep 1
dev=$(node sdi8k-0 0) && pass rebind || fail rebind "no nodes after bind"

if rmmod sdi8k 2>"$SCRATCH/rmmod.err"; then pass unload-after-unbind
else fail unload-after-unbind "$(<"$SCRATCH/rmmod.err")"; fi
load_sdi8k sim_cards=1 || { fail reload-stream "insmod failed"; exit 0; }
dev=$(node sdi8k-0 0)
raw=$SCRATCH/reload.raw
if v4l2-ctl -d "$dev" --set-dv-bt-timings query --set-fmt-video=pixelformat=UYVY \
	--stream-mmap=16 --stream-count=5 --stream-to="$raw" >/dev/null 2>&1; then
	verify reload-stream "$raw" UYVY 1080p59.94
else
	fail reload-stream "v4l2-ctl failed after reload"
fi
rm -f "$raw"
