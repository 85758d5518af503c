#!/bin/bash
# Four inputs of one card streaming at once (4x1 topology, issue #5), each a
# different raster and pixel format, each checked by content and frame
# counter (sdi8k-verify: bars in place, consecutive counters). Ends with
# the default signals.
. "$(dirname "$0")/lib/common.sh"
# On the matrix leg: on every kernel the PCI leg streams its card's four
# inputs at once (tests/vm/guest/pci/suite.sh, pci-capture-all-input*)
matrix_leg || { skip four-inputs "on the matrix leg; the PCI leg streams four inputs at once on this kernel"; exit 0; }
load_sdi8k || { fail four-inputs "module not loaded"; exit 0; }

topo=$(</sys/bus/platform/devices/sdi8k-sim.0/topology)
[ "$topo" = 4x1 ] || { fail four-inputs "card in topology '$topo', not 4x1"; exit 0; }

# input raster fourcc verify-format frames
# (25 frame/s and below: an emulated guest running four streams cannot
# keep up with 60p, and a dropped frame would fail the counter check; 16
# buffers absorb the stalls of writing frames to tmpfs; each stream first
# skips 150 frames, about 6 s, so that all four run together even though
# an emulated guest takes a second or more to start each v4l2-ctl)
specs="0:1080p25:YUYV:yuyv:12 1:2160p25:v210:v210:8 2:1080i50:NV16:nv16:12 3:1080p23.98:P010:p010:10"
pids=()
for spec in $specs; do
	IFS=: read -r in raster fourcc _ count <<<"$spec"
	signal sdi8k-0 "$in" "$raster"
done
sleep 0.5
for spec in $specs; do
	IFS=: read -r in raster fourcc _ count <<<"$spec"
	rm -f "$SCRATCH/four-$in.raw"
	v4l2-ctl -d "$(node sdi8k-0 "$in")" --set-dv-bt-timings query \
		--set-fmt-video=pixelformat="$fourcc" --stream-mmap=16 \
		--stream-skip=150 \
		--stream-count="$count" --stream-to="$SCRATCH/four-$in.raw" \
		--verbose >"$SCRATCH/four-$in.log" 2>&1 &
	pids+=($!)
done
# first_last LOG: the first and last buffer timestamps of a capture
first_last() {
	tr '\r' '\n' <"$1" | sed -n 's/.*cap dqbuf:.* ts: *\([0-9.]*\).*/\1/p' |
		sed -n '1p;$p' | tr '\n' ' '
}
i=0
for spec in $specs; do
	IFS=: read -r in raster fourcc vf count <<<"$spec"
	if ! wait "${pids[$i]}"; then
		fail "four-inputs-$in-$raster-$fourcc" "v4l2-ctl: $(tail -n 3 "$SCRATCH/four-$in.log" | tr '\n' '|')"
	else
		verify "four-inputs-$in-$raster-$fourcc" "$SCRATCH/four-$in.raw" "$vf" "$raster"
	fi
	rm -f "$SCRATCH/four-$in.raw"
	i=$((i + 1))
done
# the four streams ran at the same time: their capture intervals overlap
# (buffer timestamps are CLOCK_MONOTONIC on every node)
starts= ends= spans=
for in in 0 1 2 3; do
	read -r a b <<<"$(first_last "$SCRATCH/four-$in.log")"
	starts+="$a "; ends+="$b "; spans+="[$a,$b] "
done
if awk -v s="$starts" -v e="$ends" 'BEGIN { n = split(s, a, " "); split(e, b, " ");
	if (n != 4) exit 1; ms = a[1]; me = b[1];
	for (i = 2; i <= 4; i++) { if (a[i] > ms) ms = a[i]; if (b[i] < me) me = b[i] }
	exit !(ms < me) }'; then
	pass "four-inputs-concurrent (${spans% })"
else
	fail four-inputs-concurrent "capture intervals do not overlap: $spans"
fi

signal sdi8k-0 0 1080p59.94
signal sdi8k-0 1 2160p59.94
signal sdi8k-0 2 1080i50
signal sdi8k-0 3 1080p25
