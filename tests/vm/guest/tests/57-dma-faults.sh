#!/bin/bash
# A misbehaving card's DMA engine, scripted through the model's dma_fault
# (docs/simulator.md), against the driver's rules in docs/hardware.md:
#  - RING_HEAD far outside what the card was handed, or all-ones (a card
#    gone from the bus): the driver completes none of the descriptors the
#    card may still own, the streaming client gets an error (it ends,
#    instead of getting buffers the card may still write), one log line
#    names the value; a new stream works once the card behaves.
#    (Before: the driver took a bad head as RING_TAIL and handed every
#    buffer back to userspace.)
#  - DMA_CTRL RESET that takes 5 ms: the driver waits for it, the capture
#    is whole; one that never clears: STREAMON fails at once with a
#    message, and the next stream works.
. "$(dirname "$0")/lib/common.sh"
load_sdi8k || { fail dma-faults "module not loaded"; exit 0; }
in=2
dev=$(node sdi8k-0 $in)
knob=$DBG/sdi8k-0/input$in/dma_fault
[ -w "$knob" ] || { fail dma-faults "no $knob"; exit 0; }
signal sdi8k-0 $in 1080p50
sleep 0.3
mark() { echo "sdi8k-dma-faults: $1" >/dev/kmsg; }
since() { dmesg | sed -n "/sdi8k-dma-faults: $1\$/,\$p" | tail -n +2; }

capture_ok() {	# capture_ok NAME: 5 whole, consecutive frames
	local raw=$SCRATCH/dmaf.raw
	if v4l2-ctl -d "$dev" --set-dv-bt-timings query --set-fmt-video=pixelformat=UYVY \
		--stream-mmap --stream-count=5 --stream-to="$raw" >"$SCRATCH/dmaf-$1.log" 2>&1; then
		verify "$1" "$raw" UYVY 1080p50
	else
		fail "$1" "$(tail -n 2 "$SCRATCH/dmaf-$1.log" | tr '\n' '|')"
	fi
	rm -f "$raw"
}

for fault in head_garbage head_ones; do
	mark "$fault"
	v4l2-ctl -d "$dev" --set-dv-bt-timings query --set-fmt-video=pixelformat=UYVY \
		--stream-mmap --stream-count=100000 >"$SCRATCH/dmaf-stream.log" 2>&1 &
	pid=$!
	sleep 1
	echo "$fault" >"$knob"
	for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	if kill -0 "$pid" 2>/dev/null; then
		fail "dma-$fault-client-stopped" "the client still streams 5 s after the fault"
		kill "$pid"
	else
		pass "dma-$fault-client-stopped"
	fi
	wait "$pid" 2>/dev/null
	n=$(since "$fault" | grep -c "RING_HEAD .* outside .*capture stopped, restart the stream")
	if [ "$n" = 1 ]; then
		pass "dma-$fault-logged-once"
	else
		fail "dma-$fault-logged-once" "$n log lines: $(since "$fault" | tail -n 3 | tr '\n' '|')"
	fi
	if [ $fault = head_ones ] && ! since "$fault" | grep -q "the card does not answer"; then
		fail "dma-$fault-says-card-gone" "no 'the card does not answer' in the log line"
	fi
	echo none >"$knob"
	capture_ok "dma-$fault-recovered"
done

mark slow_reset
echo slow_reset >"$knob"
capture_ok dma-slow-reset-waited
echo none >"$knob"

mark stuck_reset
echo stuck_reset >"$knob"
t0=$(date +%s%N)
raw=$SCRATCH/dmaf-stuck.raw
rm -f "$raw"
# v4l2-ctl's exit status does not tell a refused STREAMON: judge by what
# it captured and by the kernel log
timeout 30 v4l2-ctl -d "$dev" --set-dv-bt-timings query --set-fmt-video=pixelformat=UYVY \
	--stream-mmap --stream-count=5 --stream-to="$raw" >"$SCRATCH/dmaf-stuck.log" 2>&1
ms=$((($(date +%s%N) - t0) / 1000000))
if [ -s "$raw" ]; then
	fail dma-stuck-reset-refused "frames captured with a DMA reset that never clears"
elif ! since stuck_reset | grep -q "DMA reset did not complete within 50 ms"; then
	fail dma-stuck-reset-refused "no log line: $(since stuck_reset | tail -n 2 | tr '\n' '|')"
else
	pass "dma-stuck-reset-refused (nothing captured, v4l2-ctl done in ${ms} ms)"
fi
rm -f "$raw"
echo none >"$knob"
capture_ok dma-stuck-reset-recovered
