#!/bin/bash
# Buffers carry consecutive sequence numbers and CLOCK_MONOTONIC timestamps
# on the exact lattice of the signal's rate: every interval between two
# 1080p59.94 frames is a whole number of 1001/60000 s periods (within the
# 1 us print resolution), and the span of 120 frames is exactly the sum, so
# the 1/1.001 rate does not drift. An interval of more than one period is a
# slip of the simulator on an overloaded host (docs/simulator.md), reported.
. "$(dirname "$0")/lib/common.sh"
load_sdi8k || { fail timing "module not loaded"; exit 0; }
dev=$(node sdi8k-0 0)
signal sdi8k-0 0 1080p59.94
sleep 0.3
log=$SCRATCH/timing.log
v4l2-ctl -d "$dev" --set-dv-bt-timings query --set-fmt-video=pixelformat=UYVY \
	--stream-mmap=8 --stream-count=120 --verbose >"$log" 2>&1
# lines like: cap dqbuf: 3 seq:     12 bytesused: 4147200 ts: 123.456789 ...
tr '\r' '\n' <"$log" | awk '/cap dqbuf:/ {
	for (i = 1; i <= NF; i++) {
		if ($i == "seq:") seq = $(i + 1)
		if ($i == "ts:") ts = $(i + 1)
	}
	n++
	if (n > 1) {
		if (seq != prev + 1) gaps++
		m = int((ts - t1) / P + 0.5)
		off = (ts - t1) - m * P; if (off < 0) off = -off
		if (m < 1 || off > 0.000003) offlattice++
		periods += m
	} else t0 = ts
	prev = seq; t1 = ts
}
BEGIN { P = 1001 / 60000 }
END {
	err = (t1 - t0) - periods * P; if (err < 0) err = -err
	printf "frames %d seq_gaps %d off_lattice %d slips %d span_err_us %.1f\n",
		n, gaps, offlattice, periods - (n - 1), err * 1e6
	exit !(n == 120 && gaps == 0 && offlattice == 0 && err < 0.000003)
}' >"$SCRATCH/timing.txt"
if [ "${PIPESTATUS[1]}" = 0 ]; then pass "timing-59.94-exact ($(<"$SCRATCH/timing.txt"))"
else fail timing-59.94-exact "$(<"$SCRATCH/timing.txt") $(grep -m2 'cap dqbuf' "$log" | tr '\n' '|')"; fi
