#!/bin/bash
# FFmpeg's V4L2 input (8-bit YUV only) at 1080p and 2160p, checked by content.
. "$(dirname "$0")/lib/common.sh"
load_sdi8k || { fail ffmpeg "module not loaded"; exit 0; }
command -v ffmpeg >/dev/null || { skip ffmpeg "no ffmpeg in this root"; exit 0; }

ff() {
	local name=$1 in=$2 raster=$3 pixfmt=$4 fourcc=$5 count=$6
	local dev out=$SCRATCH/$name.raw
	dev=$(node sdi8k-0 "$in")
	signal sdi8k-0 "$in" "$raster"
	sleep 0.5
	rm -f "$out"
	if ! ffmpeg -hide_banner -loglevel error -nostdin -f v4l2 \
		-input_format "$pixfmt" \
		-video_size "$(width_of "$raster")x$(height_of "$raster")" \
		-i "$dev" -fps_mode passthrough -frames:v "$count" -c:v rawvideo -f rawvideo -y "$out" \
		>"$SCRATCH/$name.log" 2>&1; then
		fail "$name" "ffmpeg: $(tail -n 3 "$SCRATCH/$name.log" | tr '\n' '|')"
		return
	fi
	verify "$name" "$out" "$fourcc" "$raster"
	rm -f "$out"
}

ff ffmpeg-1080p59.94-uyvy422 0 1080p59.94 uyvy422 UYVY 10
ff ffmpeg-1080p59.94-yuyv422 0 1080p59.94 yuyv422 YUYV 10
# 2160p on the matrix leg (the PCI leg's FFmpeg captures 2160p on every
# kernel: tests/vm/guest/pci/suite.sh)
if matrix_leg; then
	ff ffmpeg-2160p59.94-uyvy422 1 2160p59.94 uyvy422 UYVY 6
fi
