#!/bin/bash
# Benchmark (guest side) on the PCI card sdi8k-card serves, whose model runs
# on the host at host speed: quad-link 8K60 (4320p60, 2SI, UYVY, every byte
# of every frame repainted) captured by v4l2-ctl to /dev/null for SECONDS
# (default 30). Prints frames delivered per second against the signal's
# rate, frames dropped (no free buffer), the model's overruns (it could not
# paint in time), what it painted per second and input 0's interrupts.
# Run by tests/vm/bench-pci-8k.sh.
. /job/files/common.sh
. /job/files/pcilib.sh
SECONDS_RUN=${1:-30}
fw_path
insmod "$KO" || { echo "bench-pci-8k60: insmod failed"; exit 1; }
wait_nodes || { echo "bench-pci-8k60: no nodes"; exit 1; }
ctl_open || { echo "bench-pci-8k60: no control port"; exit 1; }
dev=$(find_card) || { echo "bench-pci-8k60: no card"; exit 1; }
st() { card_stat 0 "$1"; }
irqs() { grep " $CARD\$" /proc/interrupts | head -n 1 | awk '{ s = 0; for (i = 2; i <= NF; i++) if ($i ~ /^[0-9]+$/) s += $i; print s }'; }

card_word input0/full_repaint 1 >/dev/null
card_word input0/signal 4320p60 >/dev/null
echo 2si >"$dev/topology" || { echo "bench-pci-8k60: topology 2si refused"; exit 1; }
sleep 0.5
node=$(node $CARD 0)
v4l2-ctl -d "$node" --set-dv-bt-timings query --set-fmt-video=pixelformat=UYVY >/dev/null
v4l2-ctl -d "$node" --get-fmt-video | grep -E "Width/Height|Pixel Format"
v4l2-ctl -d "$node" --stream-mmap=8 --stream-count=1000000 --stream-to=/dev/null >/dev/null 2>&1 &
bg=$!
sleep 3		# past the start
c0=$(st captured) d0=$(st dropped) o0=$(st overruns) b0=$(st bytes_painted) i0=$(irqs) t0=$(date +%s.%N)
sleep "$SECONDS_RUN"
c1=$(st captured) d1=$(st dropped) o1=$(st overruns) b1=$(st bytes_painted) i1=$(irqs) t1=$(date +%s.%N)
kill "$bg"; wait "$bg" 2>/dev/null
echo 4x1 >"$dev/topology"

awk -v c="$((c1 - c0))" -v d="$((d1 - d0))" -v o="$((o1 - o0))" -v b="$((b1 - b0))" \
    -v irq="$((i1 - i0))" -v t0="$t0" -v t1="$t1" -v leg="$LEG" 'BEGIN {
	t = t1 - t0
	printf "bench-pci-8k60 %s: 4320p60 2SI UYVY (66355200 bytes a frame), full repaint, %.1f s\n", leg, t
	printf "  delivered  %.2f frames/s of 60 (%d frames)\n", c / t, c
	printf "  dropped    %d (no free buffer); model overruns %d (the model could not paint in time)\n", d, o
	printf "  painted    %.1f MB/s by the model on the host (%.1f MB a frame)\n", b / t / 1e6, (c ? b / c / 1e6 : 0)
	printf "  interrupts %.1f/s on input 0'\''s vector\n", irq / t
}'
rmmod sdi8k
