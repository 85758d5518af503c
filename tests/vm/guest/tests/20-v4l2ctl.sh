#!/bin/bash
# v4l2-ctl captures in every pixel format, checked by content: bars where
# RP 219 puts them, frame counter advancing by one, no torn frames.
. "$(dirname "$0")/lib/common.sh"
load_sdi8k || { fail v4l2ctl "module not loaded"; exit 0; }

# capture NAME INPUT RASTER FOURCC COUNT [io]
capture() {
	local name=$1 in=$2 raster=$3 fourcc=$4 count=$5 io=${6:---stream-mmap=16}
	local dev out=$SCRATCH/$name.raw
	dev=$(node sdi8k-0 "$in")
	signal sdi8k-0 "$in" "$raster"
	sleep 0.3
	rm -f "$out"
	if ! v4l2-ctl -d "$dev" --set-dv-bt-timings query \
		--set-fmt-video=pixelformat="$fourcc" \
		$io --stream-count="$count" --stream-to="$out" >"$SCRATCH/$name.log" 2>&1; then
		fail "$name" "v4l2-ctl: $(tail -n 3 "$SCRATCH/$name.log" | tr '\n' '|')"
		return
	fi
	verify "$name" "$out" "$fourcc" "$raster"
	rm -f "$out"
}

# every format, raster and rate on the matrix leg; on the others (the same
# driver code on another kernel) a packed, a semi-planar and the 10-bit
# packed format, 2160p and interlaced
f1080="UYVY NV16 v210" f2160=v210 fi=UYVY
matrix_leg && f1080="UYVY YUYV NV16 P010 Y210 v210" f2160="UYVY v210 P010" fi="UYVY v210"
for f in $f1080; do
	capture "v4l2ctl-1080p59.94-$f" 0 1080p59.94 "$f" 8
done
for f in $f2160; do
	capture "v4l2ctl-2160p59.94-$f" 1 2160p59.94 "$f" 6
done
for f in $fi; do
	capture "v4l2ctl-1080i50-$f" 2 1080i50 "$f" 6
done
if matrix_leg; then
	capture v4l2ctl-1080p23.98-UYVY 3 1080p23.98 UYVY 4
fi
capture v4l2ctl-2160p24-NV16 3 2160p24 NV16 4

# the reported sizes are right for every format (bytesperline, sizeimage)
dev=$(node sdi8k-0 1)
signal sdi8k-0 1 2160p59.94
sleep 0.3
v4l2-ctl -d "$dev" --set-dv-bt-timings query >/dev/null 2>&1
sizes_ok=1
for spec in UYVY:7680:16588800 YUYV:7680:16588800 NV16:3840:16588800 \
	P010:7680:24883200 Y210:15360:33177600 v210:10240:22118400; do
	IFS=: read -r f bpl size <<<"$spec"
	got=$(v4l2-ctl -d "$dev" --try-fmt-video=pixelformat="$f" 2>/dev/null)
	gb=$(sed -n 's/.*Bytes per Line *: *//p' <<<"$got")
	gs=$(sed -n 's/.*Size Image *: *//p' <<<"$got")
	if [ "$gb" != "$bpl" ] || [ "$gs" != "$size" ]; then
		sizes_ok=0
		fail "sizes-2160p-$f" "bytesperline $gb (want $bpl), sizeimage $gs (want $size)"
	fi
done
[ "$sizes_ok" = 1 ] && pass sizes-2160p
