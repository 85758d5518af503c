#!/bin/bash
# GStreamer v4l2src: UYVY everywhere (MMAP, and DMABUF export through
# VIDIOC_EXPBUF), P010 where v4l2src takes P010_10LE (1.26 and later).
# Every frame of every capture is checked: bars, counter +1 (no gap), no
# tear, no repeat; no retry, no gap allowed, on every leg.
#
# Each capture is at most as long as the ring v4l2src starts with, so that
# its frames do not depend on the guest keeping up with the signal:
# v4l2src asks VIDIOC_REQBUFS for 4 buffers, queues every buffer it got
# before STREAMON, and grows its pool (one VIDIOC_CREATE_BUFS at a time)
# only once the card is down to one queued buffer. The driver gives MMAP
# clients 32 MiB of frames (sdi8k_queue_setup(): 8 of 1080p UYVY, 5 of
# 1080p P010, 4 of 2160p), so every frame of these captures lands in a
# buffer queued before the first. Longer captures are a race between
# filesink and the signal, which the software-emulated guest loses on a
# busy host (measured on GStreamer 1.28 at 1080p25: 25-frame captures
# lost frames in 5 of 12 runs with 4 buffers, in 1 of 10 with 16; filesink
# writes 12 to 25 frames/s while 50 frames into fakesink lose none; each
# CREATE_BUFS of a 4-6 MB buffer takes the guest 50-75 ms, more than a
# frame period). The count v4l2src got is read from its debug log: a
# capture longer than it is a FAIL, not a flaky pass.
# 26-drops.sh proves every drop shows in the sequence numbers.
. "$(dirname "$0")/lib/common.sh"
load_sdi8k || { fail gst "module not loaded"; exit 0; }
command -v gst-launch-1.0 >/dev/null || { skip gst "no gst-launch-1.0 in this root"; exit 0; }

# gst NAME INPUT RASTER GSTFORMAT FOURCC COUNT [IO]
gst() {
	local name=$1 in=$2 raster=$3 gstfmt=$4 fourcc=$5 count=$6 io=${7:-mmap}
	local dev out=$SCRATCH/$name.raw dbg=$SCRATCH/$name.dbg got
	dev=$(node sdi8k-0 "$in")
	signal sdi8k-0 "$in" "$raster"
	sleep 0.5
	rm -f "$out" "$dbg"
	if ! GST_DEBUG=v4l2allocator:5 GST_DEBUG_NO_COLOR=1 GST_DEBUG_FILE="$dbg" \
		timeout 120 gst-launch-1.0 -q v4l2src device="$dev" io-mode="$io" \
		num-buffers="$count" ! "video/x-raw,format=$gstfmt" ! \
		filesink location="$out" >"$SCRATCH/$name.log" 2>&1; then
		fail "$name" "gst-launch: $(tail -n 3 "$SCRATCH/$name.log" | tr '\n' '|')"
		return
	fi
	# "allocated 8 mmap buffers out of 4 requested"
	got=$(sed -n 's/.*allocated \([0-9]*\) mmap buffers out of.*/\1/p' "$dbg" | head -n 1)
	if [ -z "$got" ] || [ "$got" -lt "$count" ]; then
		fail "$name" "v4l2src started with ${got:-an unknown number of} buffers, fewer than the $count frames captured"
		return
	fi
	verify "$name ($count frames, $got buffers)" "$out" "$fourcc" "$raster"
	rm -f "$out"
}

# the first gst-launch in a fresh guest builds GStreamer's plugin registry
gst-inspect-1.0 v4l2src >/dev/null 2>&1

ver=$(gst-launch-1.0 --version | sed -n 's/.*GStreamer \([0-9]*\.[0-9]*\).*/\1/p' | head -n 1)
newer() { [ "$(printf '%s\n%s\n' "$ver" "$1" | sort -V | head -n 1)" = "$1" ]; }

gst gst-1080p25-UYVY 0 1080p25 UYVY UYVY 8 mmap
gst gst-1080p25-UYVY-dmabuf 0 1080p25 UYVY UYVY 8 dmabuf
gst gst-2160p59.94-UYVY 1 2160p59.94 UYVY UYVY 4 mmap
if newer 1.26; then
	gst gst-1080p25-P010 0 1080p25 P010_10LE P010 5
	gst gst-2160p59.94-P010 1 2160p59.94 P010_10LE P010 4
else
	skip gst-P010 "GStreamer $ver's v4l2src does not map P010"
fi
