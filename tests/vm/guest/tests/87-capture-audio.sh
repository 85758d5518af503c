#!/bin/bash
# sdi8k-capture with the input's embedded audio (issue 16 section 5,
# issue 17 section 1: "audio: the selected channels as PCM 24-bit tracks,
# sample-aligned with the video"), read back by the guest's own ffprobe
# and ffmpeg:
#   - Matroska at 1080p25, 16 channels: ffprobe sees a 48 kHz 24-bit PCM
#     track of 16 channels; ffmpeg decodes it, and sdi8k-audio-check finds
#     every channel's tone with no sample lost or repeated, the marker on
#     the first sample of every 10th frame (a multiple of 1920 samples
#     from the file's start: the track begins with the first video frame's
#     first sample), and 1920 samples for each frame in the file;
#   - QuickTime at 1080p29.97, 8 channels, the source's sequence in phase
#     2: 30 frames hold 48048 samples (six 5-frame sequences), the marker
#     every 16016;
#   - raw video with --audio-file: the WAV (24-bit) checked the same way,
#     ffprobe reads it;
#   - through a pulled cable (matrix leg): the track runs on through the
#     fill frames, as long as the video (every frame's 1920 samples).
. "$(dirname "$0")/lib/common.sh"
capture_av_libs 87-capture-audio
load_sdi8k || { fail capture-audio "module not loaded"; exit 0; }
for t in sdi8k-capture sdi8k-audio-check ffprobe ffmpeg; do
	command -v $t >/dev/null || { skip capture-audio "no $t here"; exit 0; }
done

W=$SCRATCH/capture-audio
mkdir -p "$W"
IN=3
dev=$(node sdi8k-0 $IN)
D=$DBG/sdi8k-0/input$IN
[ -n "$dev" ] || { fail capture-audio "no node for sdi8k-0 input $IN"; exit 0; }

expect() { # expect NAME GOT WANT
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got '$2', want '$3'"; fi
}
# astream FILE: ffprobe's codec, rate, channels of the first audio stream
astream() {
	local o
	o=$(ffprobe -v error -select_streams a:0 -show_entries stream=codec_name,sample_rate,channels \
		-of default=noprint_wrappers=1 "$1" 2>&1)
	echo "$(sed -n 's/^codec_name=//p' <<<"$o" | head -n 1),$(sed -n 's/^sample_rate=//p' <<<"$o" |
		head -n 1),$(sed -n 's/^channels=//p' <<<"$o" | head -n 1)"
	grep -v '^codec_name=\|^sample_rate=\|^channels=' <<<"$o" | head -n 3 >&2
}
# stat_of LOG: "written dropped" of sdi8k-capture's statistics line
stat_of() { sed -n 's/.*: \([0-9]*\) frames written, \([0-9]*\) dropped.*/\1 \2/p' "$1" | head -n 1; }

# rec NAME ARGS...: sdi8k-capture -q into $W/NAME.log; false (after a FAIL
# or SKIP line) if it failed; a run in which the emulated guest dropped
# frames (their audio is silence in the file) is taken again once
rec() {
	local name=$1 try
	shift
	for try in 1 2; do
		if ! timeout 120 sdi8k-capture -i "$dev" -b 16 -q "$@" 2>"$W/$name.log"; then
			if grep -q "needs the FFmpeg writer module" "$W/$name.log"; then
				skip "$name" "$(tail -n 1 "$W/$name.log")"
			else
				fail "$name" "sdi8k-capture: $(grep -v ' frames written, \|: audio: ' \
					"$W/$name.log" | tail -n 3 | tr '\n' '|')"
			fi
			return 1
		fi
		[ "$(stat_of "$W/$name.log" | cut -d' ' -f2)" = 0 ] && return 0
		echo "$name: the guest dropped frames, once more: $(stat_of "$W/$name.log")"
	done
	return 0
}

# acheck NAME WAV SPACING FRAME-LEN WANT-SAMPLES: sdi8k-audio-check passes,
# the WAV holds WANT-SAMPLES sample frames, its first marker sits on a
# multiple of FRAME-LEN (0: not checked)
acheck() {
	local name=$1 wav=$2 sp=$3 flen=$4 want=$5 out n first
	if ! out=$(sdi8k-audio-check --spacing "$sp" "$wav" 2>&1); then
		fail "$name" "$out"
		return
	fi
	n=$(sed -n 's/^[0-9]* channels, \([0-9]*\) frames.*/\1/p' <<<"$out")
	first=$(sed -n 's/.* markers [0-9]* apart from frame \([0-9]*\);.*/\1/p' <<<"$out")
	if [ "$n" != "$want" ]; then
		fail "$name" "$n sample frames, want $want: $out"
	elif [ "$flen" != 0 ] && [ $((first % flen)) != 0 ]; then
		fail "$name" "the first marker at sample $first, not on a frame's first ($flen a frame): $out"
	else
		pass "$name ($n samples, first marker at $first)"
	fi
}

# --- Matroska, 1080p25, 16 channels (8-bit video: fewer bytes) ---
echo 16 >"$D/audio_channels"
echo 0 >"$D/audio_sequence"
signal sdi8k-0 $IN 1080p25
sleep 0.3
f=$W/a.mkv
rm -f "$f"
if rec capture-audio-mkv -f uyvy -n 25 -a 16 -o "$f"; then
	expect capture-audio-mkv-stream "$(astream "$f")" "pcm_s24le,48000,16"
	frames=$(stat_of "$W/capture-audio-mkv.log")
	grep -q 'audio: 16 channels, 48000 samples (1.000 s), 0 of them silence' \
		"$W/capture-audio-mkv.log" && pass capture-audio-mkv-stats ||
		fail capture-audio-mkv-stats "$(grep 'audio:' "$W/capture-audio-mkv.log")"
	if timeout 120 ffmpeg -hide_banner -nostdin -nostats -i "$f" -map 0:a:0 -c:a pcm_s32le \
		-y "$W/a.wav" >"$W/a.ff.log" 2>&1; then
		acheck capture-audio-mkv-samples "$W/a.wav" 19200 1920 48000
	else
		fail capture-audio-mkv-samples "ffmpeg: $(tail -n 2 "$W/a.ff.log" | tr '\n' '|')"
	fi
fi
rm -f "$f" "$W/a.wav"

# --- QuickTime, 1080p29.97, 8 channels, the sequence in phase 2 ---
echo 2 >"$D/audio_sequence"
signal sdi8k-0 $IN 1080p29.97
sleep 0.3
f=$W/a.mov
rm -f "$f"
if rec capture-audio-mov-29.97 -f uyvy -n 30 -a 8 -o "$f"; then
	expect capture-audio-mov-29.97-stream "$(astream "$f")" "pcm_s24le,48000,8"
	if timeout 120 ffmpeg -hide_banner -nostdin -nostats -i "$f" -map 0:a:0 -c:a pcm_s32le \
		-y "$W/a.wav" >"$W/a.ff.log" 2>&1; then
		acheck capture-audio-mov-29.97-samples "$W/a.wav" 16016 0 48048
	else
		fail capture-audio-mov-29.97-samples "ffmpeg: $(tail -n 2 "$W/a.ff.log" | tr '\n' '|')"
	fi
fi
rm -f "$f" "$W/a.wav"
echo 0 >"$D/audio_sequence"

# --- raw video, the audio in a WAV of its own (2 channels) ---
signal sdi8k-0 $IN 1080p25
sleep 0.3
rm -f "$W/b.wav"
if rec capture-audio-wav -f uyvy -n 25 -a 2 --audio-file "$W/b.wav" -o /dev/null; then
	expect capture-audio-wav-stream "$(astream "$W/b.wav")" "pcm_s24le,48000,2"
	acheck capture-audio-wav-samples "$W/b.wav" 19200 1920 48000
fi
rm -f "$W/b.wav"

# --- through a signal loss (matrix leg: sdi8k-capture's own logic, the
# same on every kernel): live, fill and live frames, the audio as long as
# the video, silence for the fill frames ---
if matrix_leg; then
	f=$W/gap.mkv
	rm -f "$f"
	timeout 90 sdi8k-capture -i "$dev" -f uyvy -b 16 -p -a 2 -o "$f" 2>"$W/gap.log" &
	pid=$!
	cable_pulled "$W/gap.log" "$pid" sdi8k-0 $IN 1080p25
	wait "$pid"
	rc=$?
	log=$(tr '\r' '\n' <"$W/gap.log")
	read -r written dropped <<<"$(stat_of "$W/gap.log")"
	nf=$(sed -n 's/.*signal back after \([0-9]*\) fill frames.*/\1/p' <<<"$log" | head -n 1)
	if [ "$rc" != 0 ] || [ -z "$nf" ] || [ -z "$written" ]; then
		fail capture-audio-gap "rc $rc, fill '$nf', written '$written': $(tail -c 300 <<<"$log" | tr '\n' '|')"
	elif ! timeout 120 ffmpeg -hide_banner -nostdin -nostats -i "$f" -map 0:a:0 -f s32le \
		-c:a pcm_s32le -y "$W/gap.s32" >"$W/gap.ff.log" 2>&1; then
		fail capture-audio-gap "ffmpeg: $(tail -n 2 "$W/gap.ff.log" | tr '\n' '|')"
	else
		n=$(($(stat -c %s "$W/gap.s32") / 8))
		sil=$(sed -n 's/.*audio: .*, \([0-9]*\) of them silence.*/\1/p' <<<"$log")
		# every frame on the file's timeline (written or dropped) has
		# its 1920 samples; the fill frames' are silence
		if [ "$n" = $(((written + dropped) * 1920)) ] && [ -n "$sil" ] &&
			[ "$sil" -ge $((nf * 1920)) ]; then
			pass "capture-audio-gap ($written frames, $nf of them fill, $dropped dropped: $n samples, $sil silent)"
		else
			fail capture-audio-gap "$n samples for $written frames + $dropped dropped ($nf fill), $sil silent: $(grep 'audio:' <<<"$log")"
		fi
	fi
	rm -f "$f" "$W/gap.s32"
fi
echo 16 >"$D/audio_channels"
signal sdi8k-0 $IN 1080p25
