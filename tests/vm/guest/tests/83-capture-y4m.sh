#!/bin/bash
# sdi8k-capture's Y4M output piped into FFmpeg (the way to record full
# 10-bit): 10-bit 4:2:2 and 4:2:0 and 8-bit 4:2:2 come out of FFmpeg with the
# right pix_fmt, rate and content; the Y4M header of an interlaced signal;
# sdi8k-convert of a captured v210 file to other formats and back
# (bit-exact where lossless, content-checked where not); a truncated input.
. "$(dirname "$0")/lib/common.sh"
load_sdi8k || { fail capture-y4m "module not loaded"; exit 0; }
command -v sdi8k-capture >/dev/null || { fail capture-y4m "no sdi8k-capture in $BIN"; exit 0; }
command -v ffmpeg >/dev/null || { skip capture-y4m "no ffmpeg in this root"; exit 0; }

W=$SCRATCH/capture-y4m
mkdir -p "$W"

# --- 10-bit Y4M through FFmpeg ---------------------------------------------
dev0=$(node sdi8k-0 0)
signal sdi8k-0 0 1080p59.94
sleep 0.3
# ffpipe NAME FFPIXFMT Y4MTAG VERIFYFMT CAPTURE-ARGS...: sdi8k-capture -o - |
# ffmpeg, which must read FFPIXFMT at 1920x1080 59.94 and write it back as
# Y4M (its own muxer: colour tag Y4MTAG, rate exactly 60000:1001); that is
# converted to VERIFYFMT by sdi8k-convert and checked by content: all 5
# frames, consecutive. One FFmpeg process per format: each start costs
# seconds in an emulated guest.
ffpipe() {
	local name=$1 pixfmt=$2 tag=$3 vfmt=$4 y4m=$W/$1.y4m out=$W/$1.$4 st hdr vout
	shift 4
	rm -f "$y4m" "$out"
	timeout 120 sdi8k-capture -i "$dev0" -n 5 -b 16 -y -o - "$@" 2>"$W/$name.cap.log" |
		timeout 120 ffmpeg -hide_banner -nostdin -nostats -f yuv4mpegpipe -i - \
			-f yuv4mpegpipe -strict -1 -y "$y4m" >"$W/$name.ff.log" 2>&1
	st="${PIPESTATUS[*]}"
	if [ "$st" != "0 0" ]; then
		fail "$name-ffmpeg" "exit status $st: $(tail -n 2 "$W/$name.cap.log" "$W/$name.ff.log" | tr '\n' '|')"
		return
	fi
	hdr=$(head -c 200 "$y4m" | head -n 1)
	if grep -qE "Stream #0:0.*Video: rawvideo.*[ ,]$pixfmt[(,].*1920x1080" "$W/$name.ff.log" &&
		[[ " $hdr " == *" F60000:1001 "* && " $hdr " == *" C$tag "* ]]; then
		pass "$name-ffmpeg"
	else
		fail "$name-ffmpeg" "want $pixfmt, C$tag F60000:1001; FFmpeg: $(grep -m1 'Stream #0:0' "$W/$name.ff.log"); wrote: $hdr"
		return
	fi
	# FFmpeg's Y4M (its header and layout) read by sdi8k-convert
	if ! sdi8k-convert -t "$vfmt" --raw "$y4m" "$out" 2>"$W/$name.cvt.log"; then
		fail "$name-content" "convert: $(tr '\n' '|' <"$W/$name.cvt.log")"
	elif vout=$(sdi8k-verify --format "$vfmt" --width 1920 --height 1080 \
		--expect-consecutive "$out" 2>&1) && grep -q '^frames=5 ' <<<"$vout"; then
		pass "$name-content"
	else
		fail "$name-content" "$(tail -n 3 <<<"$vout" | tr '\n' '|')"
	fi
	rm -f "$y4m" "$out"
}
# 10-bit 4:2:2 and 4:2:0 through each leg's FFmpeg; the library's
# conversions into them and 8 bits on the matrix leg (common.sh)
ffpipe y4m-422p10-v210 yuv422p10le 422p10 v210 -f v210
ffpipe y4m-420p10-p010 yuv420p10le 420p10 p010 -f p010
if matrix_leg; then
	ffpipe y4m-422p10-y210-convert yuv422p10le 422p10 y210 -f y210 -c yuv422p10le
	ffpipe y4m-420p10-convert yuv420p10le 420p10 p010 -f v210 -c yuv420p10le
	ffpipe y4m-422-8bit yuv422p 422 uyvy -f uyvy
fi

# the Y4M header: rate and interlacing from the signal
dev2=$(node sdi8k-0 2)
signal sdi8k-0 2 1080i50
sleep 0.3
hdr=$(timeout 60 sdi8k-capture -i "$dev2" -f v210 -n 1 -y -o - 2>/dev/null | head -c 200 | head -n 1)
case $hdr in
"YUV4MPEG2 W1920 H1080 F25:1 It "*C422p10*) pass y4m-header-1080i50 ;;
*) fail y4m-header-1080i50 "header: $hdr" ;;
esac

# --- sdi8k-convert: captured v210 to other formats and back ------------------
# (the tool's own code, the same on every kernel: on the matrix leg)
src=$W/conv-src.v210
if ! matrix_leg; then
	:
elif timeout 60 sdi8k-capture -i "$dev0" -f v210 -n 3 -b 16 --raw -o "$src" 2>"$W/conv-src.log"; then
	for f in yuv422p10le y210 p210; do
		if sdi8k-convert -f v210 -s 1920x1080 -t "$f" "$src" "$W/conv.$f" &&
			sdi8k-convert -f "$f" -s 1920x1080 -t v210 "$W/conv.$f" "$W/conv-back.v210" &&
			cmp -s "$src" "$W/conv-back.v210"; then
			pass "convert-v210-$f-v210-bitexact"
		else
			fail "convert-v210-$f-v210-bitexact" "round trip differs or failed"
		fi
		rm -f "$W/conv.$f" "$W/conv-back.v210"
	done
	# Y4M out and in again
	if sdi8k-convert -f v210 -s 1920x1080 -r 59.94 "$src" "$W/conv.y4m" &&
		sdi8k-convert -t v210 "$W/conv.y4m" "$W/conv-back.v210" &&
		cmp -s "$src" "$W/conv-back.v210"; then
		pass convert-v210-y4m-v210-bitexact
	else
		fail convert-v210-y4m-v210-bitexact "round trip differs or failed"
	fi
	# lossy ones checked by content
	for f in uyvy nv16 p010 yuyv; do
		sdi8k-convert -f v210 -s 1920x1080 -t "$f" "$src" "$W/conv.$f" 2>"$W/conv.log" &&
			verify "convert-v210-$f-content" "$W/conv.$f" "$f" 1080p59.94 ||
			fail "convert-v210-$f-content" "$(tr '\n' '|' <"$W/conv.log")"
		rm -f "$W/conv.$f"
	done
	rm -f "$W/conv.y4m" "$W/conv-back.v210"
else
	fail convert-source "$(tr '\n' '|' <"$W/conv-src.log")"
fi
rm -f "$src"

# a truncated raw input (cheap: every leg): refused, nothing left under the output name
head -c 1000000 /dev/zero >"$W/trunc.v210"
sdi8k-convert -f v210 -s 1920x1080 -t uyvy "$W/trunc.v210" "$W/trunc.uyvy" 2>"$W/trunc.log"
rc=$?
if [ "$rc" = 1 ] && grep -q "partial frame" "$W/trunc.log" && [ ! -e "$W/trunc.uyvy" ] &&
	! ls -a "$W" | grep -q '^\.trunc'; then
	pass convert-truncated-input
else
	fail convert-truncated-input "rc $rc: $(tr '\n' '|' <"$W/trunc.log")"
fi
rm -f "$W/trunc.v210"

rm -rf "$W"
