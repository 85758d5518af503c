#!/bin/bash
# Audio with its video through libsdi8k (issue 16, section 5: "the marker
# sits on its frame's first sample, every time; at 29.97 and 59.94 the
# per-frame sample counts follow the cadence"): tests/tools/sdi8k-avsync-check
# captures video and the input's embedded audio together
# (sdi8k_capture_configure_audio(), sdi8k_capture_frame_audio()) at
# 1080p29.97 (16 channels), and on the matrix leg 1080p59.94 (8) and
# 1080p25 (2), the 1/1.001
# rates' sources with their 5-frame audio sequences in another phase than
# the input's lock, and checks every frame: its sample count is its ST 299
# cadence count in that phase, the model's marker
# sits on the first sample of every 10th frame and nowhere else, every
# other sample is the model's tone for its sample number (a sample one off
# anywhere fails), none silent after the first frame, no audio overrun.
# The driver's side of it: the ALSA control "SDI Audio Stream Start" and
# the V4L2 control SDI8K_CID_SEQUENCE_BASE (docs/controls.md).
. "$(dirname "$0")/lib/common.sh"

command -v sdi8k-avsync-check >/dev/null ||
	{ skip avsync "no sdi8k-avsync-check in $BIN"; exit 0; }
load_sdi8k || { fail avsync "module not loaded"; exit 0; }
W=$SCRATCH/avsync
mkdir -p "$W"
dev=$(node sdi8k-0 0)
[ -n "$dev" ] || { fail avsync "no node for sdi8k-0 input 0"; exit 0; }

# slips: frames input 0's model slipped since load (its host thread ran
# late: the emulated machine stalled, which can overrun the audio)
slips() { sed -n 's/^overruns //p' "$DBG/sdi8k-0/input0/stats"; }

# avsync NAME RASTER CHANNELS FRAMES PHASE: one capture, checked, the
# source's audio sequence beginning PHASE frames before the frame the input
# locks on (the model's audio_sequence); once more if it failed while the
# model slipped frames
avsync() {
	local name=$1 raster=$2 ch=$3 n=$4 ph=$5 s0 s1 note=""
	echo "$ph" >"$DBG/sdi8k-0/input0/audio_sequence"
	signal sdi8k-0 0 "$raster"
	sleep 0.3
	s0=$(slips)
	if ! timeout 120 sdi8k-avsync-check -i "$dev" -r "$raster" -c "$ch" -n "$n" \
		--phase "$ph" >"$W/$name.log" 2>&1; then
		s1=$(slips)
		if [ "$s1" = "$s0" ]; then
			fail "$name" "$(head -n 6 "$W/$name.log" | tr '\n' '|')"
			return
		fi
		note=", retried: the model slipped $((s1 - s0)) frames"
		if ! timeout 120 sdi8k-avsync-check -i "$dev" -r "$raster" -c "$ch" \
			-n "$n" --phase "$ph" >"$W/$name.log" 2>&1; then
			fail "$name" "$(head -n 6 "$W/$name.log" | tr '\n' '|')$note"
			return
		fi
	fi
	pass "$name ($(tail -n 1 "$W/$name.log" | sed 's/^ok //')$note)"
}

# The sources' sequences in other phases than the lock's (a real source's
# sequence runs on whatever frame the card locks on): the driver takes the
# phase from the period records, libsdi8k from the driver.
# 29.97 (the cadence, 16 channels) on every leg; 59.94 and 25 on the
# matrix leg (the same library and driver code: only the rate differs)
avsync avsync-1080p29.97 1080p29.97 16 150 3
if matrix_leg; then
	avsync avsync-1080p59.94 1080p59.94 8 300 1
	avsync avsync-1080p25 1080p25 2 125 0
fi
echo 0 >"$DBG/sdi8k-0/input0/audio_sequence"
