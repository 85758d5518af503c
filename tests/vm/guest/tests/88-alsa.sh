#!/bin/bash
# Embedded audio through ALSA (issue 16, sections 3 and 5): the card's ALSA
# card is listed by arecord -l; arecord records 16, 2 and 8 channels at
# 48 kHz, S32_LE, and sdi8k-audio-check finds each channel's tone on its
# channel, the markers exactly a marker spacing apart (no sample lost or
# repeated) and the channels not sent silent (docs/test-pattern.md,
# "Embedded audio"), in arecord's, ffmpeg -f alsa's and GStreamer alsasrc's
# recordings; groups missing and silence; the ALSA controls (groups present,
# non-PCM, channel status, error counters; sdi8k-status reports them too)
# and a damaged packet a frame
# silenced; an input without signal
# refuses to open; a signal pulled mid-capture ends arecord with an error,
# and a new capture works once it is back; the model unloaded under a
# running arecord ends it with an error, and everything unloads. The kernel
# log stays clean (guest.sh fails any warning).
. "$(dirname "$0")/lib/common.sh"

if ! command -v arecord >/dev/null; then
	skip alsa "no arecord in this root (alsa-utils; tests/vm/mkroot.sh PACKAGES)"
	exit 0
fi
unload_sdi8k
load_sdi8k || { fail alsa-load "module not loaded"; exit 0; }
dev=/sys/bus/platform/devices/sdi8k-sim.0
serial=$(<"$dev/serial")
id=sdi8k${serial: -8}
pcm() { echo "hw:CARD=$id,DEV=$1"; }
A="$SCRATCH/alsa"
mkdir -p "$A"

# the ALSA card of sdi8k-0, by its id, one capture device per input
out=$(arecord -l 2>&1)
n=$(grep -c "^card [0-9]*: $id \[sdi8k\], device [0-3]: sdi8k \[sdi8k-0 input [0-3]\]" <<<"$out")
[ "$n" = 4 ] && pass "alsa-list ($id, 4 capture devices)" ||
	fail alsa-list "$n devices of $id in arecord -l: $(tr '\n' '|' <<<"$out")"

# rec NAME DEV CHANNELS SECONDS: arecord into $A/NAME.wav, its errors in
# $A/NAME.err; a 1 s buffer (the kernel gives up on a capture that brings
# nothing for 1.1 buffers: EIO)
rec() {
	timeout 20 arecord -q -D "$(pcm "$2")" -c "$3" -f S32_LE -r 48000 -d "$4" \
		--buffer-time=1000000 "$A/$1.wav" 2>"$A/$1.err"
}
# slips DEV: frames input DEV's model slipped since load (its host thread
# ran late: the emulated machine stalled)
slips() { sed -n 's/^overruns //p' "$DBG/sdi8k-0/input$1/stats"; }
# stall_retry DEV CMD...: CMD; run once more if it failed while input DEV's
# model slipped frames (the emulated machine stalled for longer than the
# buffer: the kernel reports EIO, as for a card that stopped). $STALL says so.
stall_retry() {
	local d=$1 s0 s1
	shift
	STALL=""
	s0=$(slips "$d")
	"$@" && return 0
	s1=$(slips "$d")
	[ "$s1" = "$s0" ] && return 1
	STALL=", retried: the model slipped $((s1 - s0)) frames"
	"$@"
}
# capture NAME DEV CHANNELS SECONDS CHECK-ARGS...: record, then check
capture() {
	local name=$1 d=$2 c=$3 s=$4 out
	shift 4
	if ! stall_retry "$d" rec "$name" "$d" "$c" "$s"; then
		fail "$name" "arecord: $(tr '\n' '|' <"$A/$name.err")$STALL"
		return
	fi
	if out=$(sdi8k-audio-check --min-seconds "$s" "$@" "$A/$name.wav" 2>&1); then
		pass "$name (${out%%:*}$STALL)"
	else
		fail "$name" "$out$STALL"
	fi
}

signal sdi8k-0 0 1080p25
signal sdi8k-0 1 1080p29.97
sleep 0.3
capture alsa-16ch 0 16 2 --spacing 19200
capture alsa-2ch 0 2 1 --spacing 19200
# 29.97: 1602, 1601, ... samples a frame; ten frames are 16016
capture alsa-8ch-29.97 1 8 1 --spacing 16016

# ctl NAME [INDEX]: the value of device 0's control NAME, as amixer prints it
ctl() {
	amixer -c "$id" cget "iface=PCM,device=0,name=$1${2:+,index=$2}" 2>&1 |
		sed -n 's/^  : values=//p'
}
echo 13 >"$DBG/sdi8k-0/input0/audio_groups"
sleep 0.2
capture alsa-groups-13 0 16 1 --groups 13 --spacing 19200
v=$(ctl 'SDI Audio Group Present')
[ "$v" = on,off,on,off ] && pass "alsa-ctl-groups ($v)" ||
	fail alsa-ctl-groups "'$v', want on,off,on,off (groups 1 and 3)"
echo 1234 >"$DBG/sdi8k-0/input0/audio_groups"

# non-PCM channel status (channels 1 and 2): the controls say so
echo 0x3 >"$DBG/sdi8k-0/input0/audio_nonpcm"
sleep 0.2
v=$(ctl 'SDI Audio Non-PCM') cs1=$(ctl 'IEC958 Capture Default' 1) cs3=$(ctl 'IEC958 Capture Default' 2)
if [ "$v" = "on,on$(printf ',off%.0s' {1..14})" ] && [ "$cs1" = "[AES0=0x83 AES1=0x00 AES2=0x2c AES3=0x00]" ] &&
	[ "$cs3" = "[AES0=0x81 AES1=0x00 AES2=0x2c AES3=0x00]" ]; then
	pass "alsa-ctl-nonpcm (channel 2 $cs1, channel 3 $cs3)"
else
	fail alsa-ctl-nonpcm "Non-PCM '$v', channel 2 '$cs1', channel 3 '$cs3'"
fi
echo none >"$DBG/sdi8k-0/input0/audio_nonpcm"

# a damaged packet a frame (group 1's sample 100): silence, counted (the
# counters read while they stand still: each read is a fork, frames apart)
c0=$(ctl 'SDI Audio Checksum Errors') s0=$(ctl 'SDI Audio Silenced Samples')
echo checksum >"$DBG/sdi8k-0/input0/audio_fault"
capture alsa-fault-checksum 0 16 1 --damaged 100/1920 --spacing 19200
echo none >"$DBG/sdi8k-0/input0/audio_fault"
sleep 0.2
c1=$(ctl 'SDI Audio Checksum Errors') s1=$(ctl 'SDI Audio Silenced Samples')
if [ -n "$c0" ] && [ -n "$c1" ] && [ $((c1 - c0)) -ge 25 ] && [ $((s1 - s0)) = $((4 * (c1 - c0))) ]; then
	pass "alsa-ctl-counters (checksum errors +$((c1 - c0)), silenced samples +$((s1 - s0)))"
else
	fail alsa-ctl-counters "checksum errors '$c0' -> '$c1', silenced '$s0' -> '$s1'"
fi
# sdi8k-status says the same, through libsdi8k (sdi8k_status_read()):
# groups 1 and 3, channels 1 and 2 non-PCM, the counters as amixer read
# them (standing still: no fault any more)
if command -v sdi8k-status >/dev/null; then
	echo 13 >"$DBG/sdi8k-0/input0/audio_groups"
	echo 0x3 >"$DBG/sdi8k-0/input0/audio_nonpcm"
	sleep 0.2
	j=$(sdi8k-status -d sdi8k-0:0 --json --no-timecode 2>&1 | tr -d ' \n')
	want='"audio":{"groups":[1,3],"channels":8,"nonpcm_channels":[1,2],"checksum_errors":'$c1',"ecc_errors":0,"silenced_samples":'$s1'}'
	[[ "$j" == *"$want"* ]] && pass "alsa-status (sdi8k-status: groups 1 3, non-PCM 1 2, $c1 checksum errors, $s1 samples silenced)" ||
		fail alsa-status "want $want in: $(grep -o '"audio":[^}]*}' <<<"$j" || echo "$j" | head -c 300)"
	echo 1234 >"$DBG/sdi8k-0/input0/audio_groups"
	echo none >"$DBG/sdi8k-0/input0/audio_nonpcm"
fi

echo 1 >"$DBG/sdi8k-0/input0/audio_silence"
sleep 0.2
capture alsa-silence 0 16 1 --silent
echo 0 >"$DBG/sdi8k-0/input0/audio_silence"

if command -v ffmpeg >/dev/null; then
	# FFmpeg 7.1 (sid) took the channel layout for the channel count
	if ffmpeg -hide_banner -h demuxer=alsa 2>/dev/null | grep -q -- -ch_layout; then
		chans="-ch_layout 16C"
	else
		chans="-channels 16"
	fi
	# ffmpeg stamps what it reads with the wall clock and -t counts those
	# stamps: when the emulated machine stalls (the model slips frames),
	# a second of stamps holds less than a second of samples. So at least
	# half a second, every sample exact; ffmpeg may also drop the first
	# period while it starts: exact from wherever it begins
	# A recording whose last few samples came out wrong without a slip was
	# seen once in many runs (trixie, FFmpeg 7.1: 4 sample frames at the
	# very end, as when the reader's last read races the card's writing
	# over a full buffer): it is made once more, and the result says so
	# and what ffmpeg warned of (an ALSA xrun)
	ff() {
		timeout 20 ffmpeg -nostdin -loglevel warning -f alsa -acodec pcm_s32le $chans -sample_rate 48000 \
			-i "$(pcm 0)" -t 1 -c:a pcm_s32le -y "$A/ffmpeg.wav" 2>"$A/ffmpeg.err" &&
			sdi8k-audio-check --min-seconds 0.5 --spacing 19200 "$A/ffmpeg.wav" >"$A/ffmpeg.out" 2>&1
	}
	if stall_retry 0 ff; then
		pass "alsa-ffmpeg ($(cut -d: -f1 "$A/ffmpeg.out")$STALL)"
	else
		first="$(head -c 240 "$A/ffmpeg.out" 2>/dev/null) $(grep -m 1 -i 'xrun\|overrun' "$A/ffmpeg.err" | head -c 120)"
		if ff; then
			pass "alsa-ffmpeg ($(cut -d: -f1 "$A/ffmpeg.out")$STALL; made again, the first: $first)"
		else
			fail alsa-ffmpeg "$(cat "$A/ffmpeg.out" "$A/ffmpeg.err" 2>/dev/null | tail -n 3 | tr '\n' '|')$STALL; the first: $first"
		fi
	fi
else
	skip alsa-ffmpeg "no ffmpeg"
fi

# GStreamer's alsasrc (gstreamer1.0-alsa): 20 buffers of 50 ms, from a 1 s
# buffer (its default 200 ms overflows when the emulated machine stalls,
# and alsasrc then goes on past the lost samples). Stereo: alsasrc offers
# at most 8 channels (GStreamer 1.26), and 3 to 8 only in speaker layouts,
# which it reorders
gst() {
	timeout 30 gst-launch-1.0 -q alsasrc device="$(pcm 0)" num-buffers=20 \
		buffer-time=1000000 latency-time=50000 ! \
		audio/x-raw,format=S32LE,rate=48000,channels=2 ! filesink location="$A/gst.raw" \
		>"$A/gst.err" 2>&1
}
if stall_retry 0 gst; then
	out=$(sdi8k-audio-check --raw 2 --min-seconds 0.9 --spacing 19200 "$A/gst.raw" 2>&1) &&
		pass "alsa-gst-alsasrc (${out%%:*}$STALL)" || fail alsa-gst-alsasrc "$out$STALL"
elif grep -q 'no element "alsasrc"' "$A/gst.err"; then
	skip alsa-gst-alsasrc "no alsasrc in this root (gstreamer1.0-alsa)"
else
	fail alsa-gst-alsasrc "gst-launch-1.0: $(tail -n 3 "$A/gst.err" | tr '\n' '|')"
fi

# no signal: the device refuses to open, at once
signal sdi8k-0 2 none
sleep 0.2
if rec nosignal 2 2 1; then
	fail alsa-no-signal-refused "arecord recorded an input without signal"
elif grep -q "Input/output error\|No data" "$A/nosignal.err"; then
	pass alsa-no-signal-refused
else
	fail alsa-no-signal-refused "$(tr '\n' '|' <"$A/nosignal.err")"
fi

# the signal pulled mid-capture: arecord ends with an error, not a hang
timeout 30 arecord -q -D "$(pcm 0)" -c 16 -f S32_LE -r 48000 -d 20 "$A/pulled.wav" 2>"$A/pulled.err" &
pid=$!
sleep 1
signal sdi8k-0 0 none
t0=$SECONDS
wait "$pid"
rc=$?
if [ "$rc" != 0 ] && [ "$rc" != 124 ] && [ $((SECONDS - t0)) -le 5 ]; then
	pass "alsa-signal-pulled (arecord exit $rc: $(head -n 2 "$A/pulled.err" | tr '\n' '|'))"
else
	fail alsa-signal-pulled "arecord exit $rc after $((SECONDS - t0)) s: $(tr '\n' '|' <"$A/pulled.err")"
fi
signal sdi8k-0 0 1080p25
sleep 0.3
capture alsa-signal-back 0 16 1 --spacing 19200

# the model unloaded under a running capture: arecord ends with an error,
# the removal does not wait for it, nothing is left behind
timeout 30 arecord -q -D "$(pcm 0)" -c 16 -f S32_LE -r 48000 -d 20 "$A/unplug.wav" 2>"$A/unplug.err" &
pid=$!
sleep 1
t0=$SECONDS
if rmmod sdi8k_sim 2>"$A/rmmod.err"; then
	wait "$pid"
	rc=$?
	if [ "$rc" != 0 ] && [ "$rc" != 124 ] && [ $((SECONDS - t0)) -le 5 ]; then
		pass "alsa-unplug (arecord exit $rc: $(head -n 1 "$A/unplug.err"))"
	else
		fail alsa-unplug "arecord exit $rc after $((SECONDS - t0)) s: $(tr '\n' '|' <"$A/unplug.err")"
	fi
else
	fail alsa-unplug "rmmod sdi8k_sim: $(<"$A/rmmod.err")"
	kill "$pid" 2>/dev/null
	wait "$pid"
fi
if grep -q " \[$id *\]" /proc/asound/cards; then
	fail alsa-unplug-card-gone "$(cat /proc/asound/cards | tr '\n' '|')"
elif rmmod sdi8k 2>"$A/rmmod.err"; then
	pass alsa-unplug-card-gone
else
	fail alsa-unplug-card-gone "rmmod sdi8k: $(<"$A/rmmod.err")"
fi
load_sdi8k && arecord -l 2>/dev/null | grep -q "^card [0-9]*: $id " &&
	pass alsa-reload || fail alsa-reload "no $id after reloading"
rm -rf "$A"
