#!/bin/bash
# GStreamer sdi8ksrc (gst/, issue 18) and what the wire says, with the
# host-built plugin in this leg's GStreamer:
#  - HDR: the caps follow the wire: bt2100-pq with the ST 2086 mastering
#    display and MaxCLL/MaxFALL (mastering-display-info,
#    content-light-level), bt2100-hlg, bt709, full range; a change
#    mid-stream (flavour, light levels) renegotiates, the stream goes on;
#  - time code: each buffer's GstVideoTimeCodeMeta is the wire's ST 12-2
#    label (frame count - sequence constant), frame pairs above 30
#    frames/s (frames 0..49 at 50p), interlaced at 1080i50, drop frame
#    across a minute at 59.94 (00:00:59;59 then 00:01:00;04: GStreamer
#    counts 59.94 frames, ST 12-1 frame pairs, so label ;02 is frame 4);
#  - a signal loss mid-pipeline: a warning, filler frames (GAP flag) at the
#    last caps and frame period, then the new raster's caps; or (wait)
#    nothing until the signal returns; a raster change renegotiates.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/gst.sh"
load_sdi8k || { fail gst-sdi8ksrc-signal "module not loaded"; exit 0; }
gst_setup gst-sdi8ksrc-signal || exit 0

# --- HDR: caps from the wire ----------------------------------------------
D=$DBG/sdi8k-0/input0
MDI="35400:14600:8500:39850:6550:2300:15635:16450:10000000:50"	# R G B W max min
echo "1000 400" >"$D/cll"
hdr_case() { # hdr_case NAME FLAVOUR RANGE COLORIMETRY MDI CLL
	local log=$SCRATCH/gst-hdr-$1.log got
	echo "$2" >"$D/hdr"
	echo "$3" >"$D/range"
	sleep 0.3
	if ! probe "gst-hdr-$1" 60 sdi8ksrc device=sdi8k-0:0 format=v210 num-buffers=3 ! \
		identity name=probe ! fakesink; then
		fail "gst-sdi8ksrc-hdr-$1" "$(tail -n 3 "$log" | tr '\n' '|')"
		return
	fi
	got="$(caps_field "$log" colorimetry) $(caps_field "$log" mastering-display-info) $(caps_field "$log" content-light-level)"
	# shellcheck disable=SC2086
	expect "gst-sdi8ksrc-hdr-$1" "$(echo $got)" "$(echo $4 $5 $6)"
}
# 1080p50 (3G): full range can be signalled (not in 1.5G's payload ID)
signal sdi8k-0 0 1080p50
hdr_case pq pq limited bt2100-pq "$MDI" 1000:400
hdr_case hlg hlg limited bt2100-hlg "" ""
hdr_case sdr sdr limited bt709 "" ""
# full range: range 1 (0-255), matrix BT.2020, transfer ST 2084, primaries BT.2020
hdr_case pq-full pq full "1:6:14:7" "$MDI" 1000:400
echo limited >"$D/range"

# HDR into a file: sdi8ksrc ! x265enc (gst-plugins-bad) ! matroskamux, and
# ffprobe reads the colour description and, for PQ, the mastering display
# and light levels as the HEVC stream's side data. Scaled down: what is
# proven is the metadata's way into the file, not the encoder's speed.
hdr_file() { # hdr_file NAME FLAVOUR TRANSFER
	local out=$SCRATCH/gst-hdr-$1.mkv log=$SCRATCH/gst-hdr-$1-enc.log got want
	echo "$2" >"$D/hdr"
	sleep 0.3
	rm -f "$out"
	if ! timeout 180 gst-launch-1.0 -q sdi8ksrc device=sdi8k-0:0 format=p010 num-buffers=3 ! \
		videoscale ! video/x-raw,width=480,height=270 ! videoconvert ! \
		video/x-raw,format=I420_10LE ! x265enc speed-preset=ultrafast ! h265parse ! \
		matroskamux ! filesink location="$out" >"$log" 2>&1; then
		fail "gst-sdi8ksrc-hdr-file-$1" "$(tail -n 3 "$log" | tr '\n' '|')"
		return
	fi
	got=$(ffprobe -v error -select_streams v -show_streams "$out" |
		grep -E '^color_(space|transfer|primaries)=' | tr '\n' ' ')
	want="color_space=bt2020nc color_transfer=$3 color_primaries=bt2020"
	if [ "$2" = pq ]; then
		got="$got $(ffprobe -v error -select_streams v -show_frames -read_intervals %+#1 "$out" |
			grep -E '^(red_x|max_luminance|max_content|max_average)=' | tr '\n' ' ')"
		want="$want red_x=35400/50000 max_luminance=10000000/10000 max_content=1000 max_average=400"
	fi
	# shellcheck disable=SC2086
	expect "gst-sdi8ksrc-hdr-file-$1" "$(echo $got)" "$(echo $want)"
}
if gst-inspect-1.0 x265enc >/dev/null 2>&1; then
	hdr_file pq pq smpte2084
	matrix_leg && hdr_file hlg hlg arib-std-b67
else
	fail gst-sdi8ksrc-hdr-file "no x265enc (gstreamer1.0-plugins-bad) in this root"
fi

# a change mid-stream: sdr -> pq -> new light levels -> hlg, one pipeline
echo sdr >"$D/hdr"
sleep 0.3
log=$SCRATCH/gst-hdr-change.log
probe_bg gst-hdr-change 150 sdi8ksrc device=sdi8k-0:0 format=uyvy ! identity name=probe ! fakesink
waitfor '^buffer 5 ' "$log"
echo pq >"$D/hdr"
waitfor 'colorimetry=(string)bt2100-pq.*content-light-level=(string)1000:400' "$log"
echo "4000 1000" >"$D/cll"
waitfor 'content-light-level=(string)4000:1000' "$log"
echo hlg >"$D/hdr"
waitfor 'colorimetry=(string)bt2100-hlg' "$log"
n0=$(nbuffers "$log")
waitfor "^buffer $((n0 + 5)) " "$log"
probe_stop
got=$(grep '^caps' "$log" | sed -n 's/.*colorimetry=(string)\([^,]*\).*/\1/p' | uniq | tr '\n' ' ')
expect gst-sdi8ksrc-hdr-change-colorimetry "$got" "bt709 bt2100-pq bt2100-hlg "
got=$(grep '^caps' "$log" | sed -n 's/.*content-light-level=(string)\([^,]*\).*/\1/p' | uniq | tr '\n' ' ')
expect gst-sdi8ksrc-hdr-change-light-level "$got" "1000:400 4000:1000 "
if grep -q '^error' "$log" || [ "$(nbuffers "$log")" -lt $((n0 + 5)) ]; then
	fail gst-sdi8ksrc-hdr-change-goes-on "$(grep -v '^buffer' "$log" | tail -n 4 | tr '\n' '|')"
	keep "$log"
else
	pass "gst-sdi8ksrc-hdr-change-goes-on ($(nbuffers "$log") buffers)"
fi
echo sdr >"$D/hdr"
echo "1000 400" >"$D/cll"

# --- time code --------------------------------------------------------------
tc_check() { # tc_check NAME LOG RATE FLAGS MIN
	local bad
	bad=$(seq_check "$2" "$5")
	[ -z "$bad" ] || { fail "$1" "$bad"; keep "$2"; return; }
	bad=$(awk -v r="$3" -v f="$4" '$1 == "buffer" {
		delete v; for (i = 3; i < NF; i += 2) v[$i] = $(i + 1)
		if (v["tcrate"] != r || v["tcflags"] != f) { print "offset " v["offset"] ": tc " v["tc"] " rate " v["tcrate"] " flags " v["tcflags"]; exit } }' "$2")
	[ -z "$bad" ] && pass "$1 ($(first_tc "$2") ..)" || { fail "$1" "$bad"; keep "$2"; }
}
signal sdi8k-0 0 1080p50
sleep 0.3
probe gst-tc-50 60 sdi8ksrc device=sdi8k-0:0 format=uyvy num-buffers=30 ! identity name=probe ! fakesink
tc_check gst-sdi8ksrc-timecode-1080p50 "$SCRATCH/gst-tc-50.log" 50/1 - 30
# frame pairs: the meta counts frames 0..49
n=$(awk '$1 == "buffer" { split($12, t, /[:;]/); if (t[4] + 0 > 24) odd++ } END { print odd + 0 }' "$SCRATCH/gst-tc-50.log")
[ "$n" -gt 0 ] && pass "gst-sdi8ksrc-timecode-1080p50-frames ($n of 30 above 24)" ||
	fail gst-sdi8ksrc-timecode-1080p50-frames "no frame number above 24: $(grep -m 2 '^buffer' "$SCRATCH/gst-tc-50.log" | tr '\n' '|')"
signal sdi8k-0 2 1080i50
sleep 0.3
probe gst-tc-i50 60 sdi8ksrc device=sdi8k-0:2 format=uyvy num-buffers=20 ! identity name=probe ! fakesink
tc_check gst-sdi8ksrc-timecode-1080i50 "$SCRATCH/gst-tc-i50.log" 25/1 interlaced 20

# 59.94: drop frame across the minute, as 45-hdr.sh does through V4L2
signal sdi8k-0 0 1080p59.94
sleep 0.3
log=$SCRATCH/gst-tc-5994.log
probe_bg gst-tc-5994 120 sdi8ksrc device=sdi8k-0:0 format=uyvy num-buffers=150 ! \
	identity name=probe ! fakesink
waitfor '^buffer 3 ' "$log"
fc=$(simstat frame_count 0)
# frame f gets the label of f + offset: minute 1's first label 50 frames on
echo $(( ((3600 - 50 - fc) % 5178816 + 5178816) % 5178816 )) >"$D/timecode_offset"
wait "$PROBE_PID"
echo 0 >"$D/timecode_offset"
# one jump of frame count - sequence (the offset written), none otherwise
bad=$(awk '$1 == "buffer" { delete v; for (i = 3; i < NF; i += 2) v[$i] = $(i + 1)
	if (v["tc"] == "none") { print "no time code at " v["offset"]; exit }
	if (v["tcflags"] != "df" || v["tcrate"] != "60000/1001") { print "tc " v["tc"] " flags " v["tcflags"] " rate " v["tcrate"]; exit }
	c = v["tcframes"] - v["offset"]; if (n && c != last) j++; last = c; n++ }
	END { if (j > 1) print j " jumps"; if (n < 100) print n " buffers" }' "$log")
last59=$(grep -o ' tc 00:00:59;[0-9]*' "$log" | tail -n 1 | cut -d' ' -f3)
first100=$(grep -m 1 -o ' tc 00:01:00;[0-9]*' "$log" | cut -d' ' -f3)
skipped=$(grep -c ' tc 00:01:00;0[0-3] ' "$log")
if [ -z "$bad" ] && [ "$last59" = "00:00:59;59" ] && [ "$first100" = "00:01:00;04" ] && [ "$skipped" = 0 ]; then
	pass "gst-sdi8ksrc-timecode-5994-drop-frame ($last59 then $first100)"
else
	fail gst-sdi8ksrc-timecode-5994-drop-frame "$bad; last of minute 0 '$last59', first of minute 1 '$first100', ;00-;03: $skipped"
	keep "$log"
fi

# --- dropped frames: a consumer slower than the signal -----------------------
# identity sleeps 100 ms a buffer at 25 frames/s: the ring runs dry, the
# card drops frames; each drop is a sequence gap, a DISCONT buffer, a QoS
# message (processed / dropped) and an element message sdi8ksrc-dropped
signal sdi8k-0 3 1080p25
sleep 0.3
log=$SCRATCH/gst-drops.log
probe gst-drops 120 sdi8ksrc device=sdi8k-0:3 format=uyvy buffers=4 num-buffers=30 ! \
	identity name=probe sleep-time=100000 ! fakesink
bad=$(awk '$1 == "buffer" { if (n && $8 != off + 1) { gaps += $8 - off - 1; if ($10 !~ /discont/) nd++ } off = $8; n++ }
	/^element sdi8ksrc-dropped/ { m++ } /^qos / { q++; qd = $5 }
	END { print gaps + 0, m + 0, q + 0, qd + 0, nd + 0 }' "$log")
read -r gaps msgs qos qdropped nodiscont <<<"$bad"
if [ "$gaps" -gt 0 ] && [ "$msgs" -gt 0 ] && [ "$qos" = "$msgs" ] && [ "$qdropped" = "$gaps" ] &&
	[ "$nodiscont" = 0 ] && ! grep -q '^error' "$log"; then
	pass "gst-sdi8ksrc-drops ($gaps frames dropped, $msgs QoS messages)"
else
	fail gst-sdi8ksrc-drops "gaps $gaps, messages $msgs, qos $qos (dropped $qdropped), gaps without discont $nodiscont: $(grep -v '^buffer' "$log" | tail -n 4 | tr '\n' '|')"
	keep "$log"
fi

# --- signal loss and raster change mid-pipeline -------------------------------
# filler: black GAP frames at the last caps while the signal is gone, then
# the new raster's caps
signal sdi8k-0 3 1080p25
sleep 0.3
log=$SCRATCH/gst-loss-filler.log
probe_bg gst-loss-filler 120 sdi8ksrc device=sdi8k-0:3 format=uyvy signal-loss=filler ! \
	identity name=probe ! fakesink
waitfor '^buffer 5 ' "$log"
signal sdi8k-0 3 none
waitfor ' flags [a-z,]*gap' "$log"
waitfor "^buffer $(($(nbuffers "$log") + 10)) " "$log"
signal sdi8k-0 3 1080p30
waitfor 'framerate=(fraction)30/1' "$log"
waitfor "^buffer $(($(nbuffers "$log") + 10)) " "$log"
probe_stop
gaps=$(grep -c ' flags [a-z,]*gap' "$log")
after=$(awk '/framerate=\(fraction\)30\/1/ { on = 1 } on && $1 == "buffer" && $10 !~ /gap/ { n++ } END { print n + 0 }' "$log")
if grep -q '^warning .*no signal' "$log" && [ "$gaps" -ge 10 ] && [ "$after" -ge 10 ] &&
	grep -q 'sdi8ksrc-signal.*state=(string)lost' "$log" &&
	grep -q 'sdi8ksrc-signal.*state=(string)locked' "$log" && ! grep -q '^error' "$log"; then
	pass "gst-sdi8ksrc-signal-loss-filler ($gaps filler frames, then $after at 1080p30)"
else
	fail gst-sdi8ksrc-signal-loss-filler "gaps $gaps, after $after: $(grep -v '^buffer' "$log" | tail -n 8 | tr '\n' '|')"
	keep "$log"
fi
# the filler frames' pts go on at the frame period of the lost signal
bad=$(awk '$1 == "buffer" && $10 ~ /gap/ { delete v; for (i = 3; i < NF; i += 2) v[$i] = $(i + 1)
	if (n && v["pts"] - p != 40000000) { print "filler pts step " v["pts"] - p; exit } p = v["pts"]; n++ }' "$log")
[ -z "$bad" ] && pass gst-sdi8ksrc-filler-pts || fail gst-sdi8ksrc-filler-pts "$bad"

# wait (the default): a raster change, then a loss: nothing pushed while
# lost, the stream goes on when the signal returns
signal sdi8k-0 3 1080p25
sleep 0.3
log=$SCRATCH/gst-loss-wait.log
probe_bg gst-loss-wait 120 sdi8ksrc device=sdi8k-0:3 format=uyvy ! identity name=probe ! fakesink
waitfor '^buffer 5 ' "$log"
signal sdi8k-0 3 1080p50
waitfor 'framerate=(fraction)50/1' "$log"
waitfor "^buffer $(($(nbuffers "$log") + 5)) " "$log"
signal sdi8k-0 3 none
waitfor '^warning .*no signal' "$log"
sleep 0.5
n2=$(nbuffers "$log")
sleep 1
n3=$(nbuffers "$log")
signal sdi8k-0 3 1080p25
waitfor "^buffer $((n3 + 5)) " "$log"
probe_stop
rates=$(grep '^caps' "$log" | sed -n 's/.*framerate=(fraction)\([0-9/]*\).*/\1/p' | uniq | tr '\n' ' ')
if [ "$rates" = "25/1 50/1 25/1 " ] && [ "$n2" = "$n3" ] && [ "$(nbuffers "$log")" -gt "$n3" ] &&
	! grep -q ' flags [a-z,]*gap' "$log" && ! grep -q '^error' "$log"; then
	pass "gst-sdi8ksrc-raster-change-and-wait (rates $rates, $(nbuffers "$log") buffers)"
else
	fail gst-sdi8ksrc-raster-change-and-wait "rates '$rates', while lost $n2 -> $n3: $(grep -v '^buffer' "$log" | tail -n 6 | tr '\n' '|')"
	keep "$log"
fi
signal sdi8k-0 0 1080p59.94
signal sdi8k-0 2 1080i50
signal sdi8k-0 3 1080p25
