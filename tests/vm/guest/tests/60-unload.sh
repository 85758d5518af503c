#!/bin/bash
# Module unload while idle and while streaming, card removal while
# streaming, load again and stream again. Two modules: sdi8k-sim.ko uses
# sdi8k.ko's exported API, so it goes first; unloading it is unplugging
# its cards.
. "$(dirname "$0")/lib/common.sh"
load_sdi8k || { fail unload "module not loaded"; exit 0; }

# the core cannot go while the simulator module uses it
if rmmod sdi8k 2>"$SCRATCH/rmmod.err"; then
	fail unload-core-under-sim-refused "rmmod sdi8k succeeded with sdi8k-sim loaded"
	load_sdi8k
elif [ -d /sys/module/sdi8k_sim ] && [ -d /sys/module/sdi8k ]; then
	pass "unload-core-under-sim-refused ($(tr '\n' ' ' <"$SCRATCH/rmmod.err"))"
else
	fail unload-core-under-sim-refused "a module went: $(ls -d /sys/module/sdi8k* | tr '\n' ' ')"
fi
if unload_sdi8k 2>"$SCRATCH/rmmod.err"; then pass unload-idle
else fail unload-idle "$(<"$SCRATCH/rmmod.err")"; fi
if load_sdi8k cards=1; then pass reload; else fail reload "insmod failed"; exit 0; fi

dev=$(node sdi8k-0 0)
timeout 60 v4l2-ctl -d "$dev" --stream-mmap --stream-count=100000 \
	--stream-to=/dev/null >/dev/null 2>&1 &
pid=$!
sleep 2
# the driver is in use while a node is open: unload refuses cleanly
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

if unload_sdi8k 2>"$SCRATCH/rmmod.err"; then pass unload-after-unbind
else fail unload-after-unbind "$(<"$SCRATCH/rmmod.err")"; fi
load_sdi8k cards=1 || { fail reload-stream "insmod failed"; exit 0; }
dev=$(node sdi8k-0 0)
raw=$SCRATCH/reload.raw
if v4l2-ctl -d "$dev" --set-dv-bt-timings query --set-fmt-video=pixelformat=UYVY \
	--stream-mmap=16 --stream-count=5 --stream-to="$raw" >/dev/null 2>&1; then
	verify reload-stream "$raw" UYVY 1080p59.94
else
	fail reload-stream "v4l2-ctl failed after reload"
fi
rm -f "$raw"

# unloading sdi8k-sim under a streaming client unplugs its card: the
# client ends, and its open node keeps sdi8k.ko (not sdi8k-sim.ko) until
# it is closed
timeout 60 v4l2-ctl -d "$dev" --stream-mmap --stream-count=100000 \
	--stream-to=/dev/null >/dev/null 2>&1 &
pid=$!
sleep 2
if ! kill -0 "$pid" 2>/dev/null; then
	fail unload-sim-streaming "the client did not stream"
elif rmmod sdi8k_sim 2>"$SCRATCH/rmmod.err"; then
	if timeout 20 bash -c "while kill -0 $pid 2>/dev/null; do sleep 0.2; done"; then
		pass unload-sim-streaming-client-ends
	else
		fail unload-sim-streaming-client-ends "client still running 20 s after sdi8k-sim went"
		kill -9 "$pid" 2>/dev/null
	fi
else
	fail unload-sim-streaming "rmmod sdi8k_sim: $(<"$SCRATCH/rmmod.err")"
	kill "$pid" 2>/dev/null
fi
wait "$pid" 2>/dev/null
if node sdi8k-0 0 >/dev/null; then fail unload-sim-nodes-gone "nodes remain"
else pass unload-sim-nodes-gone; fi
if unload_sdi8k 2>"$SCRATCH/rmmod.err"; then pass unload-after-sim-unplug
else fail unload-after-sim-unplug "$(<"$SCRATCH/rmmod.err")"; fi
load_sdi8k cards=1 || fail reload-after-sim-unplug "insmod failed"
