#!/bin/bash
# GStreamer v4l2src: UYVY everywhere (MMAP, and DMABUF export through
# VIDIOC_EXPBUF), P010 where v4l2src takes P010_10LE (1.26 and later).
# GStreamer in a software-emulated guest cannot always write frames to a
# file as fast as the signal sends them (measured: 1.26 falls behind even
# at 1080p25 after about 6-12 frames; v4l2-ctl and ffmpeg keep up), and
# v4l2src's pool is only a few buffers deep, so the card then drops frames,
# correctly. Gaps are therefore allowed here; repeats, tearing, frames out
# of order and wrong content are not. 26-drops.sh proves every drop is
# reported in the sequence numbers; 20-v4l2ctl.sh and 30-ffmpeg.sh require
# every frame.
. "$(dirname "$0")/lib/common.sh"
load_sdi8k || { fail gst "module not loaded"; exit 0; }
command -v gst-launch-1.0 >/dev/null || { skip gst "no gst-launch-1.0 in this root"; exit 0; }

gst() {
	local name=$1 in=$2 raster=$3 gstfmt=$4 fourcc=$5 count=$6 io=${7:-mmap}
	local dev out=$SCRATCH/$name.raw
	dev=$(node sdi8k-0 "$in")
	signal sdi8k-0 "$in" "$raster"
	sleep 0.5
	rm -f "$out"
	if ! timeout 120 gst-launch-1.0 -q v4l2src device="$dev" io-mode="$io" \
		num-buffers="$count" ! "video/x-raw,format=$gstfmt" ! \
		filesink location="$out" >"$SCRATCH/$name.log" 2>&1; then
		fail "$name" "gst-launch: $(tail -n 3 "$SCRATCH/$name.log" | tr '\n' '|')"
		return
	fi
	verify "$name" "$out" "$fourcc" "$raster" --allow-gaps
	rm -f "$out"
}

gst gst-1080p25-UYVY 0 1080p25 UYVY UYVY 20
gst gst-1080p25-UYVY-dmabuf 0 1080p25 UYVY UYVY 20 dmabuf
gst gst-2160p59.94-UYVY 1 2160p59.94 UYVY UYVY 5
ver=$(gst-launch-1.0 --version | sed -n 's/.*GStreamer \([0-9]*\.[0-9]*\).*/\1/p' | head -n 1)
if [ "$(printf '%s\n1.26\n' "$ver" | sort -V | head -n 1)" = 1.26 ]; then
	gst gst-1080p25-P010 0 1080p25 P010_10LE P010 20
	gst gst-2160p59.94-P010 1 2160p59.94 P010_10LE P010 5
else
	skip gst-P010 "GStreamer $ver's v4l2src does not map P010"
fi
