#!/bin/bash
# A client too slow for the signal loses frames, and the driver says so: a
# v4l2-ctl that sleeps 1 s every 4 frames misses frames, and
# every gap in the pictures' frame counters equals the gap in the V4L2
# sequence numbers of the same buffers. Nothing is repeated or torn.
# It asks for 2 buffers; the driver grants 8 of 1080p UYVY (REQBUFS rounds
# MMAP queues up to 32 MiB), which hold the frames after the first sleep
# without a gap: the second sleep's gap comes at frame 12, so 20 frames.
. "$(dirname "$0")/lib/common.sh"
load_sdi8k || { fail drops "module not loaded"; exit 0; }
dev=$(node sdi8k-0 0)
signal sdi8k-0 0 1080p59.94
sleep 0.3
raw=$SCRATCH/drops.raw
N=20
# v4l-utils 1.22 takes a count; later versions count=<c>,sleep=<ms>
if v4l2-ctl --help-streaming 2>&1 | grep -q 'stream-sleep count='; then
	sleep_arg=count=4,sleep=1000
else
	sleep_arg=4
fi
v4l2-ctl -d "$dev" --set-dv-bt-timings query --set-fmt-video=pixelformat=UYVY \
	--stream-mmap=2 --stream-count=$N --stream-sleep="$sleep_arg" --stream-to="$raw" \
	--verbose >"$SCRATCH/drops.log" 2>&1
seqs=$(dqbuf_seqs "$SCRATCH/drops.log" | tr '\n' ' ')
ctrs=$(sdi8k-verify --format UYVY --width 1920 --height 1080 --allow-gaps -v "$raw" 2>&1 |
	sed -n 's/^frame [0-9]*: counter=\([0-9]*\).*/\1/p' | tr '\n' ' ')
read -ra S <<<"$seqs"
read -ra C <<<"$ctrs"
cp "$SCRATCH/drops.log" "$JOB/drops-v4l2ctl.log" 2>/dev/null
if [ ${#S[@]} != $N ] || [ ${#C[@]} != $N ]; then
	fail drops-reported "got ${#S[@]} sequence numbers and ${#C[@]} counters for $N frames: $(tail -n 3 "$SCRATCH/drops.log" | tr '\n' '|') $(sdi8k-verify --format UYVY --width 1920 --height 1080 --allow-gaps -v "$raw" 2>&1 | tail -n 2 | tr '\n' '|')"
	exit 0
fi
bad=
lost=0
for i in $(seq 1 $((N - 1))); do
	ds=$((S[i] - S[i - 1]))
	dc=$((C[i] - C[i - 1]))
	[ "$ds" = "$dc" ] && [ "$ds" -ge 1 ] || bad="$bad frame$i:seq+$ds/counter+$dc"
	lost=$((lost + ds - 1))
done
if [ -z "$bad" ] && [ "$lost" -gt 0 ]; then
	pass "drops-reported ($lost frames lost by the slow client, all in sequence gaps)"
else
	fail drops-reported "lost=$lost mismatches:$bad seq=[$seqs] counters=[$ctrs]"
fi
