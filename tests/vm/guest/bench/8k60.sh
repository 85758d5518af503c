#!/bin/bash
# Benchmark (guest side): the simulated quad-link 8K60 stream (4320p60,
# 2SI, UYVY) captured by v4l2-ctl to /dev/null for SECONDS (default 20).
# Prints frames delivered per second against the signal's rate, frames
# dropped (no free buffer), the simulator's overruns (the model could not
# paint in time, the signal slipped), and the CPU time the driver spends
# per frame from interrupt entry to buffer done, apart from the
# simulation's pixel writing. Run by tests/vm/bench-8k.sh.
. /job/files/common.sh
SECONDS_RUN=${1:-20}
load_sdi8k || { echo "bench-8k60: module not loaded"; exit 1; }
D=$DBG/sdi8k-0/input0
stat() { sed -n "s/^$1 //p" "$D/stats"; }

echo 4320p60 > "$D/signal"
echo 2si > /sys/bus/platform/devices/sdi8k-sim.0/topology
sleep 0.5
dev=$(node sdi8k-0 0)
v4l2-ctl -d "$dev" --set-dv-bt-timings query --set-fmt-video=pixelformat=UYVY >/dev/null
v4l2-ctl -d "$dev" --stream-mmap=8 --stream-count=100000 --stream-to=/dev/null >/dev/null 2>&1 &
bg=$!
# the driver times its interrupt handlers only when asked (irq_timing)
echo 1 >/sys/module/sdi8k/parameters/irq_timing
sleep 3		# past the first paint of every buffer
c0=$(stat captured) d0=$(stat dropped) o0=$(stat overruns) f0=$(stat driver_frames)
n0=$(stat driver_ns) b0=$(stat bytes_painted) t0=$(date +%s.%N)
h0=$(stat driver_hardirq_calls) hn0=$(stat driver_hardirq_ns)
sleep "$SECONDS_RUN"
c1=$(stat captured) d1=$(stat dropped) o1=$(stat overruns) f1=$(stat driver_frames)
n1=$(stat driver_ns) b1=$(stat bytes_painted) t1=$(date +%s.%N) max=$(stat driver_ns_max)
h1=$(stat driver_hardirq_calls) hn1=$(stat driver_hardirq_ns) hmax=$(stat driver_hardirq_ns_max)
kill "$bg"; wait "$bg" 2>/dev/null
echo 0 >/sys/module/sdi8k/parameters/irq_timing
echo 4x1 > /sys/bus/platform/devices/sdi8k-sim.0/topology
echo 1080p59.94 > "$D/signal"

awk -v c="$((c1 - c0))" -v d="$((d1 - d0))" -v o="$((o1 - o0))" \
    -v f="$((f1 - f0))" -v ns="$((n1 - n0))" -v b="$((b1 - b0))" \
    -v t0="$t0" -v t1="$t1" -v max="$max" -v leg="$LEG" \
    -v h="$((${h1:-0} - ${h0:-0}))" -v hn="$((${hn1:-0} - ${hn0:-0}))" -v hmax="${hmax:-0}" 'BEGIN {
	t = t1 - t0
	printf "bench-8k60 %s: 4320p60 2SI UYVY (66355200 bytes a frame), %.1f s\n", leg, t
	printf "  delivered  %.2f frames/s of 60 (%d frames)\n", c / t, c
	printf "  dropped    %d (no free buffer); model overruns %d (signal slipped: the emulated guest could not paint in time)\n", d, o
	printf "  painted    %.1f MB/s by the simulation\n", b / t / 1e6
	if (f > 0)
		printf "  driver     %.1f us per frame, interrupt to buffer done (%d frames, max %.1f us)\n", ns / f / 1000, f, max / 1000
	if (h > 0)
		printf "  hard IRQ   %.2f us per interrupt in the hard handler, interrupts off (%d, max %.1f us); the rest in the input'"'"'s interrupt thread\n", hn / h / 1000, h, hmax / 1000
}'
