#!/bin/bash
# GStreamer sdi8ksrc (gst/, issue 18), the plugin built against this
# leg's GStreamer (1.22 on bookworm, 1.26 on trixie, 1.28 on sid):
# gst-inspect-1.0 lists the element and every property; v210 and UYVY
# (1080i50 too), and on the matrix leg P010, Y210, YUY2 and NV16, through
# filesink: every frame content-checked (bars, counter +1, no tear), the
# caps (format, size, frame rate, interlace mode and field order,
# colorimetry), sequences, timestamps and time codes consecutive;
# format=auto follows a caps filter; an error names the device;
# sdi8kaudiosrc beside it: 16 channels at 25p and 2 at 29.97 into a WAV,
# checked sample by sample, its buffers stamped as their frames; both
# into QuickTime by qtmux (gst/README.md's line), read back by FFmpeg,
# and a QuickTime recording that goes on through dropped frames (silence
# where their audio was);
# without its video, an error saying so. HDR,
# time code, signal loss and raster change: 43-gst-sdi8ksrc-signal.sh.
# Each capture asks for 16 buffers and is shorter than that: its frames
# land in buffers queued before the first, whatever the emulated guest's
# speed (sdi8ksrc copies each frame out and queues its buffer again).
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/gst.sh"
load_sdi8k || { fail gst-sdi8ksrc "module not loaded"; exit 0; }
gst_setup gst-sdi8ksrc || exit 0

if gst-inspect-1.0 sdi8ksrc >"$SCRATCH/inspect.txt" 2>&1; then
	missing=
	for p in device device-name format buffers signal-loss timecode signal dropped \
		do-timestamp num-buffers; do
		grep -q "^  $p  *:" "$SCRATCH/inspect.txt" || missing="$missing $p"
	done
	if [ -z "$missing" ]; then
		pass "gst-sdi8ksrc-inspect (GStreamer $GST_VER, $(grep -c '^  [a-z-]* *:' "$SCRATCH/inspect.txt") properties)"
	else
		fail gst-sdi8ksrc-inspect "properties missing:$missing"
	fi
else
	fail gst-sdi8ksrc-inspect "$(tail -n 3 "$SCRATCH/inspect.txt" | tr '\n' '|')"
	exit 0
fi

# capture NAME INPUT RASTER FORMATPROP VERIFYFMT COUNT GSTFORMAT [INTERLACE]
capture() {
	local name=$1 in=$2 raster=$3 fp=$4 vf=$5 count=$6 gf=$7 il=${8:-progressive}
	local out=$SCRATCH/$name.raw log=$SCRATCH/$name.log bad
	signal sdi8k-0 "$in" "$raster"
	sleep 0.3
	rm -f "$out"
	if ! probe "$name" 120 sdi8ksrc device=sdi8k-0:"$in" format="$fp" buffers=16 \
		num-buffers="$count" ! identity name=probe ! filesink location="$out"; then
		fail "$name" "$(grep -v '^buffer' "$log" | tail -n 3 | tr '\n' '|') $(tail -n 2 "$SCRATCH/$name.err" | tr '\n' '|')"
		return
	fi
	bad=
	[ "$(caps_field "$log" format)" = "$gf" ] || bad="$bad format $(caps_field "$log" format)"
	[ "$(caps_field "$log" width)" = "$(width_of "$raster")" ] || bad="$bad width"
	[ "$(caps_field "$log" height)" = "$(height_of "$raster")" ] || bad="$bad height"
	[ "$(caps_field "$log" interlace-mode)" = "$il" ] || bad="$bad interlace-mode $(caps_field "$log" interlace-mode)"
	[ "$(caps_field "$log" colorimetry)" = bt709 ] || bad="$bad colorimetry $(caps_field "$log" colorimetry)"
	if [ "$il" = interleaved ] && [ "$(caps_field "$log" field-order)" != top-field-first ]; then
		bad="$bad field-order $(caps_field "$log" field-order)"
	fi
	[ "$(nbuffers "$log")" = "$count" ] || bad="$bad $(nbuffers "$log") buffers"
	if [ -n "$bad" ]; then
		fail "$name-caps" "$bad: $(grep '^caps' "$log" | tail -n 1)"
	else
		pass "$name-caps ($(caps_field "$log" format) $(caps_field "$log" framerate) $il)"
	fi
	bad=$(seq_check "$log" "$count")
	[ -z "$bad" ] && pass "$name-sequence-pts-timecode ($(first_tc "$log") ..)" ||
		{ fail "$name-sequence-pts-timecode" "$bad"; keep "$log"; }
	# the wire's time code counts frames from the signal's start, as the
	# picture's counter does: the first buffer's time code is its counter
	tc0=$(awk '$1 == "buffer" { for (i = 3; i < NF; i += 2) if ($i == "tcframes") print $(i + 1); exit }' "$log")
	verify "$name ($count frames, time code = counter ${tc0:-none})" "$out" "$vf" "$raster" \
		--first "${tc0:-none}"
	rm -f "$out"
}

capture gst-sdi8ksrc-v210-1080p25 0 1080p25 v210 v210 10 v210
capture gst-sdi8ksrc-uyvy-1080p25 0 1080p25 uyvy UYVY 10 UYVY
capture gst-sdi8ksrc-uyvy-1080i50 2 1080i50 uyvy UYVY 8 UYVY interleaved
# the other formats: the library's conversions, the same code on every
# leg, checked with the matrix leg's GStreamer (common.sh matrix_leg);
# P010's caps on every leg by format=auto below
if matrix_leg; then
	capture gst-sdi8ksrc-p010-1080p25 0 1080p25 p010 P010 10 P010_10LE
	capture gst-sdi8ksrc-y210-1080p25 3 1080p25 y210 Y210 6 Y210
	capture gst-sdi8ksrc-nv16-1080p25 3 1080p25 nv16 NV16 6 NV16
	capture gst-sdi8ksrc-yuy2-1080p25 3 1080p25 yuy2 YUYV 6 YUY2
fi

# format=auto with a caps filter downstream: negotiation picks its format
signal sdi8k-0 0 1080p25
sleep 0.3
if probe gst-sdi8ksrc-auto 60 sdi8ksrc device=sdi8k-0:0 num-buffers=3 ! \
	video/x-raw,format=P010_10LE ! identity name=probe ! fakesink; then
	expect gst-sdi8ksrc-auto-negotiation "$(caps_field "$SCRATCH/gst-sdi8ksrc-auto.log" format)" P010_10LE
else
	fail gst-sdi8ksrc-auto-negotiation "$(tail -n 3 "$SCRATCH/gst-sdi8ksrc-auto.log" | tr '\n' '|')"
fi

# do-timestamp: basesrc stamps the buffers with the running time
if probe gst-sdi8ksrc-do-ts 60 sdi8ksrc device=sdi8k-0:0 format=uyvy do-timestamp=true \
	num-buffers=4 ! identity name=probe ! fakesink; then
	got=$(awk '$1 == "buffer" { if ($4 == "none" || (n && $4 <= p)) bad = 1; p = $4; n++ }
		END { print n + 0, (bad ? "bad" : "increasing") }' "$SCRATCH/gst-sdi8ksrc-do-ts.log")
	expect gst-sdi8ksrc-do-timestamp "$got" "4 increasing"
else
	fail gst-sdi8ksrc-do-timestamp "$(tail -n 3 "$SCRATCH/gst-sdi8ksrc-do-ts.log" | tr '\n' '|')"
fi

# ---- sdi8kaudiosrc: the input's embedded audio beside its video, each
# frame's samples with the frame's timestamp (16 channels at 1080p25 and
# 29.97: 1920 a frame; 1602, 1601, ... by the cadence), through wavenc into
# a WAV that sdi8k-audio-check reads: every channel's tone, no sample lost
# or repeated, the markers 10 frames apart and on a frame's first sample
# (the first audio buffer starts with its frame) ----
# gst_av NAME RASTER CHANNELS FRAMES SPACING
gst_av() {
	local name=$1 raster=$2 ch=$3 n=$4 sp=$5 log wav=$SCRATCH/$1.wav got bad out first o1 slipped
	log=$SCRATCH/$name.log
	signal sdi8k-0 1 "$raster"
	sleep 0.3
	rm -f "$wav"
	o1=$(simstat overruns 1)
	if ! probe "$name" 120 sdi8ksrc device=sdi8k-0:1 format=uyvy buffers=16 num-buffers="$n" ! \
		identity name=probe ! fakesink sdi8kaudiosrc device=sdi8k-0:1 channels="$ch" \
		num-buffers="$n" ! identity name=aprobe ! wavenc ! filesink location="$wav"; then
		fail "$name" "$(grep -v 'buffer' "$log" | tail -n 3 | tr '\n' '|') $(tail -n 2 "$SCRATCH/$name.err" | tr '\n' '|')"
		return
	fi
	slipped=$(($(simstat overruns 1) - o1))
	bad=
	grep '^acaps ' "$log" | grep -q 'channels=(int)'"$ch" || bad="$bad acaps: $(grep '^acaps' "$log" | head -n 1)"
	# the audio buffers' timestamps are the video buffers' (the same
	# frames), their durations their samples' (48 kHz, ch x 4 bytes each)
	# (silence, flagged gap, where the model slipped a frame period: not
	# a frame's; sdi8kaudiosrc's num-buffers counts it)
	got=$(awk -v ch="$ch" '
		$1 == "buffer" { v[$4] = 1; nv++ }
		$1 == "abuffer" { s = $8 / (ch * 4)
			if ($6 != int(s * 1000000000 / 48000)) badd++
			if ($10 ~ /gap/) { ng++; next }
			na++; a[$4] = 1 }
		END { for (p in a) if (!(p in v)) miss++
			printf "%d video, %d audio, %d unpaired, %d bad durations", nv, na, miss, badd
			if (ng) printf ", %d of silence", ng }' "$log")
	if [ "$slipped" = 0 ]; then
		[ "$got" = "$n video, $n audio, 0 unpaired, 0 bad durations" ] || bad="$bad $got"
	else
		awk -v n="$n" '{ exit !($1 == n && $3 + $10 == n && $5 == 0 && $7 == 0) }' <<<"$got" ||
			bad="$bad $got"
	fi
	if ! out=$(sdi8k-audio-check $(gaps_arg "$slipped") --spacing "$sp" "$wav" 2>&1); then
		bad="$bad audio-check: $out"
	else
		first=$(sed -n 's/.* markers [0-9]* apart from frame \([0-9]*\);.*/\1/p' <<<"$out")
		[ "$raster" != 1080p25 ] || [ $((first % 1920)) = 0 ] ||
			bad="$bad first marker at sample $first, not a frame's first"
		bad="$bad$(gaps_check "$out" "$slipped" "$sp")"
	fi
	if [ -z "$bad" ]; then
		pass "$name ($got; ${out%%;*}$(slip_note "$slipped"))"
	else
		fail "$name" "$bad (the model slipped $slipped frames)"
	fi
	rm -f "$wav"
}
gst_av gst-sdi8kaudiosrc-16ch-1080p25 1080p25 16 25 19200
gst_av gst-sdi8kaudiosrc-2ch-1080p29.97 1080p29.97 2 30 16016

# ---- gst/README.md's line: picture (v210) and 16 channels of embedded
# audio into one QuickTime file by qtmux (interleave-time=0, as the
# README's caption line: tracks in time order), read back by FFmpeg: a
# v210 track and a 16-channel 48 kHz PCM track of the same length, and
# the audio, taken out by FFmpeg into a WAV, whole (sdi8k-audio-check).
# sdi8kaudiosrc ends with its video (num-buffers on sdi8ksrc alone).
# 30 frames in 32 capture buffers (the line asks for 8): the emulated
# guest writes 1080p v210 slower than the signal on some legs, and a frame
# lost takes its samples with it. Should sdi8ksrc still report one lost,
# the audio check is left out and the result says so. A frame period the
# model slipped (an emulated machine too slow to run it: the signal's
# timeline moves on by a frame) is a hole in time that sdi8ksrc fills with
# silence: the check takes such silence out (--gaps), no more of it than
# the frames slipped, and the samples around it must follow on ----
signal sdi8k-0 1 1080p25
sleep 0.3
mov=$SCRATCH/gst-av.mov
rm -f "$mov"
t0=$SECONDS
o1=$(simstat overruns 1)
GST_DEBUG=sdi8ksrc:2 GST_DEBUG_NO_COLOR=1 timeout 120 gst-launch-1.0 -q -e \
	sdi8ksrc device=sdi8k-0:1 format=v210 buffers=32 num-buffers=30 ! queue ! mux. \
	sdi8kaudiosrc device=sdi8k-0:1 channels=16 ! queue ! mux. \
	qtmux name=mux interleave-time=0 ! filesink location="$mov" >"$SCRATCH/gst-av-mov.log" 2>&1
rc=$?
slipped=$(($(simstat overruns 1) - o1))
if [ $rc != 0 ]; then
	fail gst-qtmux-av "status $rc after $((SECONDS - t0)) s (124: stalled), $(stat -c %s "$mov" 2>/dev/null) bytes: $(tail -n 3 "$SCRATCH/gst-av-mov.log" | tr '\n' '|')"
else
	lost=$(frames_lost "$SCRATCH/gst-av-mov.log")
	info=$(ffprobe -v error -show_entries stream=codec_type,codec_name,channels,sample_rate,duration \
		-of compact=p=0:nk=0 "$mov" 2>&1)
	# (the first of each: FFmpeg 8's ffprobe lists a stream again in
	# its stream groups)
	v=$(grep -m 1 '^codec_name=v210|codec_type=video' <<<"$info")
	a=$(grep -m 1 'codec_type=audio' <<<"$info")
	dv=$(sed -n 's/.*duration=\([0-9.]*\).*/\1/p' <<<"$v")
	da=$(sed -n 's/.*duration=\([0-9.]*\).*/\1/p' <<<"$a")
	bad=
	[ -n "$v" ] || bad="$bad no v210 track;"
	[[ $a == *codec_name=pcm_s32le*sample_rate=48000*channels=16* ]] || bad="$bad audio track '$a';"
	# the two tracks as long as each other, within a frame (40 ms)
	awk -v a="$da" -v b="$dv" 'BEGIN { d = a - b; exit !(a > 1 && (d < 0 ? -d : d) <= 0.04) }' ||
		bad="$bad durations: video '$dv' s, audio '$da' s;"
	if [ -z "$bad" ] && [ "$lost" = 0 ]; then
		if ffmpeg -nostdin -v error -i "$mov" -map 0:a -c:a pcm_s32le -y "$SCRATCH/gst-av.wav" \
			>"$SCRATCH/gst-av-ffmpeg.log" 2>&1; then
			if out=$(sdi8k-audio-check $(gaps_arg "$slipped") --spacing 19200 "$SCRATCH/gst-av.wav" 2>&1); then
				bad=$(gaps_check "$out" "$slipped" 19200)
			else
				bad="audio-check: $out"
			fi
		else
			bad="ffmpeg: $(tail -n 2 "$SCRATCH/gst-av-ffmpeg.log" | tr '\n' '|')"
		fi
	fi
	if [ -n "$bad" ]; then
		fail gst-qtmux-av "$bad ($lost frames lost, $slipped slipped by the model; $(tr '\n' ' ' <<<"$info"))"
	elif [ "$lost" = 0 ]; then
		pass "gst-qtmux-av (v210 $dv s, 16 channels $da s; ${out%%;*}$(slip_note "$slipped"))"
	else
		pass "gst-qtmux-av (v210 $dv s, 16 channels $da s; $lost frames lost by the emulated guest: the audio check left out)"
	fi
	rm -f "$mov" "$SCRATCH/gst-av.wav"
fi
# ---- frames dropped under a QuickTime recording: a downstream that takes
# 60 ms a frame at 25p (identity sleep-time) and 2 capture buffers make
# the card drop about a frame in three. sdi8ksrc puts silence where the
# dropped frames' audio would be: the recording goes on (GStreamer 1.22's
# qtmux stopped at the first hole: "Audio stream timestamps are
# drifting"), and its audio track is as long as its video track. 75
# frames (the audio ends with its video); an interrupt (SIGINT with -e)
# sometimes ended gst-launch 1.26 with status 130 in the emulated guest ----
signal sdi8k-0 1 1080p25
sleep 0.3
mov=$SCRATCH/gst-av-drops.mov
rm -f "$mov"
GST_DEBUG=sdi8ksrc:4 GST_DEBUG_NO_COLOR=1 timeout 120 gst-launch-1.0 -e \
	sdi8ksrc device=sdi8k-0:1 format=uyvy buffers=2 num-buffers=75 ! identity sleep-time=60000 ! queue ! mux. \
	sdi8kaudiosrc device=sdi8k-0:1 channels=2 ! queue ! mux. \
	qtmux name=mux interleave-time=0 ! filesink location="$mov" >"$SCRATCH/gst-av-drops.log" 2>&1
rc=$?
lost=$(frames_lost "$SCRATCH/gst-av-drops.log")
holes=$(grep -c 'of silence where the audio has no frame' "$SCRATCH/gst-av-drops.log")
info=$(ffprobe -v error -show_entries stream=codec_type,duration -of compact=p=0:nk=0 "$mov" 2>&1)
dv=$(sed -n 's/.*codec_type=video|duration=\([0-9.]*\).*/\1/p' <<<"$info" | head -n 1)
da=$(sed -n 's/.*codec_type=audio|duration=\([0-9.]*\).*/\1/p' <<<"$info" | head -n 1)
if [ $rc != 0 ]; then
	fail gst-qtmux-av-drops "status $rc (124: stalled), $lost frames dropped: $(grep -v 'frames dropped\|of silence' "$SCRATCH/gst-av-drops.log" | tail -n 3 | tr '\n' '|')"
elif [ "$lost" = 0 ] || [ "$holes" = 0 ]; then
	fail gst-qtmux-av-drops "$lost frames dropped, $holes holes filled: the test did not make the card drop frames"
elif awk -v a="$da" -v b="$dv" 'BEGIN { d = a - b; exit !(b > 2 && (d < 0 ? -d : d) <= 0.08) }'; then
	pass "gst-qtmux-av-drops ($lost frames dropped, $holes holes filled with silence; video $dv s, audio $da s)"
else
	fail gst-qtmux-av-drops "$lost frames dropped, $holes holes; durations: video '$dv' s, audio '$da' s ($(tr '\n' ' ' <<<"$info"))"
fi
rm -f "$mov"
# without the sdi8ksrc of its input: an error saying so, once its
# video-timeout has passed (the element's own logic, on the matrix leg)
if matrix_leg; then
	probe gst-audio-alone 60 sdi8kaudiosrc device=sdi8k-0:1 video-timeout=1000 num-buffers=1 ! identity name=aprobe ! fakesink
	grep -q '^error .*no sdi8ksrc captures this input' "$SCRATCH/gst-audio-alone.log" &&
		pass "gst-sdi8kaudiosrc-needs-its-video" ||
		fail gst-sdi8kaudiosrc-needs-its-video "$(tail -n 2 "$SCRATCH/gst-audio-alone.log" | tr '\n' '|')"
fi
signal sdi8k-0 1 1080p25

# an error names the device
probe gst-nodev 30 sdi8ksrc device=/dev/video99 num-buffers=1 ! identity name=probe ! fakesink
grep -q '^error .*/dev/video99' "$SCRATCH/gst-nodev.log" &&
	pass "gst-sdi8ksrc-error-names-device" ||
	fail gst-sdi8ksrc-error-names-device "$(tail -n 2 "$SCRATCH/gst-nodev.log" | tr '\n' '|')"
signal sdi8k-0 0 1080p59.94
signal sdi8k-0 2 1080i50
signal sdi8k-0 3 1080p25
