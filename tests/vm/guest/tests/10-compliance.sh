#!/bin/bash
# v4l2-compliance -s on the video nodes (which ones: below). 6.1 with
# v4l-utils 1.22 may only fail "fmtdesc.description mismatch" (formats the
# kernel renamed after 1.22).
# Two settings of the simulated source, both documented here:
#  - it sends no ST 12-2 time code: v4l2-compliance warns whenever a
#    capture buffer carries V4L2_BUF_FLAG_TIMECODE (every version, vivid
#    excepted), and the driver sets it for every frame with a time code;
#    45-hdr.sh checks the time codes;
#  - every node streams a 25 frame/s raster of its size: compliance counts
#    any dropped frame as a warning, and a software-emulated guest on a
#    busy host can stall longer than a 60p frame period.
# The nodes are one code: the matrix leg (common.sh) runs compliance on all
# four, the other legs on input 2 (interlaced: the same ioctls as a
# progressive node, and the fields); input 0 (1080p25) on every kernel but
# 6.12 is also in the PCI leg's compliance run (guest/pci/suite.sh), input
# 1 (2160p) and 3 (1080p25 again) only differ in frame size, which every
# leg's captures (20-v4l2ctl.sh, 55-quad.sh) cover.
. "$(dirname "$0")/lib/common.sh"
load_sdi8k || { fail compliance "module not loaded"; exit 0; }
for i in 0 1 2 3; do echo 0 >"$DBG/sdi8k-0/input$i/timecode"; done
raster_of() { case $1 in 1) echo 2160p25;; 2) echo 1080i50;; *) echo 1080p25;; esac; }

# DMABUF import is tested with buffers exported (VIDIOC_EXPBUF) by another
# sdi8k node whose frames are at least as large: input 3 set to 2160p Y210
# exports for inputs 0-2, input 1 (2160p UYVY) for input 3.
exporter() {
	local dev=$1 raster=$2 fmt=$3 idx=$4
	signal sdi8k-0 "$idx" "$raster"
	sleep 0.3
	v4l2-ctl -d "$dev" --set-dv-bt-timings query --set-fmt-video=pixelformat="$fmt" >/dev/null 2>&1
}
big=$(node sdi8k-0 3)
nodes=2
matrix_leg && nodes="0 1 2 3"
for i in $nodes; do
	dev=$(node sdi8k-0 $i)
	signal sdi8k-0 $i "$(raster_of $i)"
	sleep 0.3
	v4l2-ctl -d "$dev" --set-dv-bt-timings query --set-fmt-video=pixelformat=UYVY >/dev/null 2>&1
	if [ $i = 3 ]; then
		big=$(node sdi8k-0 1)
		exporter "$big" 2160p25 UYVY 1
	else
		exporter "$big" 2160p25 Y210 3
	fi
	log=$SCRATCH/compliance-$i.txt
	v4l2-compliance -d "$dev" -e "$big" -s 10 > "$log" 2>&1
	cp "$log" "$JOB/" 2>/dev/null
	dmabuf=$(tr '\r' '\n' <"$log" | grep -E '^\s*test DMABUF' | sed 's/^\s*//')
	if [ -n "$dmabuf" ] && ! grep -qv ': OK$' <<<"$dmabuf"; then
		pass "compliance-input$i-dmabuf"
	else
		fail "compliance-input$i-dmabuf" "$(tr '\n' '|' <<<"${dmabuf:-no DMABUF test ran}")"
	fi
	compliance_verdict "compliance-input$i" "$log"
done

# back to the load-time signals, time code on
for i in 0 1 2 3; do echo 1 >"$DBG/sdi8k-0/input$i/timecode"; done
signal sdi8k-0 0 1080p59.94
signal sdi8k-0 1 2160p59.94
signal sdi8k-0 2 1080i50
signal sdi8k-0 3 1080p25
