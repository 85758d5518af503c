#!/bin/bash
# Buffers carry consecutive sequence numbers and monotonic timestamps at the
# signal's exact rate: over 60 frames of 1080p59.94 the timestamps span
# 59 x 1001/60000 s (within 2 us of rounding), and no sequence is skipped.
. "$(dirname "$0")/lib/common.sh"
load_sdi8k || { fail timing "module not loaded"; exit 0; }
dev=$(node sdi8k-0 0)
signal sdi8k-0 0 1080p59.94
sleep 0.3
log=$SCRATCH/timing.log
v4l2-ctl -d "$dev" --set-dv-bt-timings query --set-fmt-video=pixelformat=UYVY \
	--stream-mmap --stream-count=60 --verbose >"$log" 2>&1
# lines like: cap dqbuf: 3 seq:     12 bytesused: 4147200 ts: 123.456789 (ms: ..., delta...)
awk '/cap dqbuf:/ {
	for (i = 1; i <= NF; i++) {
		if ($i == "seq:") seq = $(i + 1)
		if ($i == "ts:") ts = $(i + 1)
	}
	n++
	if (n == 1) { s0 = seq; t0 = ts }
	else if (seq != prev + 1) gaps++
	prev = seq; t1 = ts
}
END {
	want = (n - 1) * 1001 / 60000
	err = (t1 - t0) - want; if (err < 0) err = -err
	printf "frames %d gaps %d span %.6f want %.6f err_us %.1f\n", n, gaps, t1 - t0, want, err * 1e6
	exit !(n == 60 && gaps == 0 && err < 0.000002)
}' "$log" >"$SCRATCH/timing.txt"
rc=$?
if [ $rc = 0 ]; then pass "timing-59.94-exact ($(cat "$SCRATCH/timing.txt"))"
else fail timing-59.94-exact "$(cat "$SCRATCH/timing.txt") $(grep -m2 'cap dqbuf' "$log" | tr '\n' '|')"; fi
