# Helpers of the sdi8ksrc tests (42-gst-sdi8ksrc.sh, 43-gst-sdi8ksrc-signal.sh).
# Sourced after common.sh. sdi8k-gst-probe (gst/) runs a pipeline and
# prints what passes the element named "probe": "caps ..." lines, one
# "buffer N pts T dur D offset SEQ flags F tc TC tcframes N tcrate R
# tcflags F" line a buffer, and the bus messages ("warning ...",
# "element ...", "error ...", "eos").

# gst_setup: the host-built plugin in $BIN, or a FAIL/SKIP line and 1
gst_setup() {
	command -v gst-launch-1.0 >/dev/null || { skip "$1" "no gst-launch-1.0 in this root"; return 1; }
	[ -f "$BIN/libgstsdi8k.so" ] || { fail "$1" "no $BIN/libgstsdi8k.so (SDI8K_GUEST_BINS)"; return 1; }
	command -v sdi8k-gst-probe >/dev/null || { fail "$1" "no sdi8k-gst-probe (SDI8K_GUEST_BINS)"; return 1; }
	export GST_PLUGIN_PATH=$BIN GST_DEBUG_NO_COLOR=1
	GST_VER=$(gst-launch-1.0 --version | sed -n 's/.*GStreamer \([0-9.]*\).*/\1/p' | head -n 1)
	# the first run in a fresh guest builds the registry
	gst-inspect-1.0 sdi8ksrc >/dev/null 2>&1
	return 0
}

expect() { # expect NAME GOT WANT
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got '$2', want '$3'"; fi
}

simstat() { sed -n "s/^$1 //p" "$DBG/sdi8k-0/input$2/stats"; }

# caps_field LOG FIELD: the value of FIELD in the last caps line of LOG
caps_field() {
	grep '^caps ' "$1" | tail -n 1 | tr ',' '\n' |
		sed -n "s/^ *$2=([a-zA-Z]*)//p" | sed 's/^"\(.*\)"$/\1/' | head -n 1
}

# overruns: the model's slips so far, every input of every simulated card
# (an emulated guest that could not run the model in time slips the
# signal by whole frame periods: docs/simulator.md)
overruns() { cat "$DBG"/*/input*/stats 2>/dev/null | awk '$1 == "overruns" { n += $2 } END { print n + 0 }'; }

# probe NAME TIMEOUT PIPELINE...: run it, output in $SCRATCH/NAME.log, the
# model's slips during it in $SCRATCH/NAME.slips (seq_check reads them)
probe() {
	local name=$1 t=$2 o0 rc
	shift 2
	o0=$(overruns)
	sdi8k-gst-probe -t "$t" "$*" >"$SCRATCH/$name.log" 2>"$SCRATCH/$name.err"
	rc=$?
	echo $(($(overruns) - o0)) >"$SCRATCH/$name.slips"
	return $rc
}

# probe_bg NAME TIMEOUT PIPELINE...: the same in the background (PROBE_PID)
probe_bg() {
	local name=$1 t=$2
	shift 2
	sdi8k-gst-probe -t "$t" "$*" >"$SCRATCH/$name.log" 2>"$SCRATCH/$name.err" &
	PROBE_PID=$!
}

probe_stop() {
	kill "$PROBE_PID" 2>/dev/null
	wait "$PROBE_PID" 2>/dev/null
}

# keep LOG: a copy in the job dir, for a failure's post-mortem
keep() { cp "$1" "$JOB/$LEG-${1##*/}" 2>/dev/null; }

# waitfor PATTERN LOG [TENTHS]: until a line of LOG matches (default 20 s)
waitfor() {
	local i
	for i in $(seq "${3:-200}"); do grep -q "$1" "$2" 2>/dev/null && return 0; sleep 0.1; done
	return 1
}

# A frame period the model slipped is a hole in time that sdi8ksrc fills
# with silence (gst/README.md): sdi8k-audio-check takes it out (--gaps)
# when the model slipped during the recording, and no more of it than the
# slipped frames' samples may be there.
# gaps_arg SLIPPED: the audio check's option
gaps_arg() { [ "${1:-0}" = 0 ] || echo --gaps; }
# gaps_check OUT SLIPPED SPACING: nothing, or what is wrong with the
# silence the check took out (SPACING: 10 frames' samples)
gaps_check() {
	local gone
	[ "${2:-0}" = 0 ] && return 0
	gone=$(sed -n 's/.* \([0-9]*\) silent frames in [0-9]* gaps taken out.*/\1/p' <<<"$1")
	[ -n "$gone" ] || { echo " no gaps line from sdi8k-audio-check --gaps"; return 0; }
	[ "$gone" -le $(($2 * ($3 + 9) / 10)) ] ||
		echo " $gone sample frames of silence taken out, more than the $2 frames the model slipped"
}
# slip_note SLIPPED: for a PASS line
slip_note() {
	[ "${1:-0}" = 0 ] && return 0
	echo ", the model slipped $1 frames"
}

nbuffers() { grep -c '^buffer' "$1"; }
# frames_lost LOG: the frames sdi8ksrc's warnings in a gst-launch log
# (GST_DEBUG=sdi8ksrc:2 or more) say the card dropped, summed
frames_lost() {
	sed -n 's/.*: \([0-9]*\) frames dropped before sequence.*/\1/p' "$1" |
		awk '{ n += $1 } END { print n + 0 }'
}

# seq_check LOG [MIN]: at least MIN buffers (default 2), offsets +1, pts +
# one frame period (+-2 ms), a time code on each whose frame count minus
# the sequence stays the same; prints what is wrong, nothing if all is well.
# A step of k periods passes only as k - 1 of the model's slips recorded
# by probe (LOG's .slips): the emulated source paused, no frame was lost.
seq_check() {
	local slips=0
	[ -f "${1%.log}.slips" ] && slips=$(cat "${1%.log}.slips")
	awk -v min="${2:-2}" -v slips="$slips" '$1 == "buffer" {
		delete v; for (i = 3; i < NF; i += 2) v[$i] = $(i + 1)
		if (n) {
			if (v["offset"] != off + 1) { print "offset " off " then " v["offset"]; bad = 1; exit }
			d = v["pts"] - pts; p = v["dur"]; k = int((d + p / 2) / p)
			if (k < 1 || d < k * p - 2000000 || d > k * p + 2000000 || k - 1 > slips - used) {
				print "pts step " d " at offset " v["offset"] " (period " p ", model slips " slips ")"; bad = 1; exit
			}
			used += k - 1
		}
		if (v["tc"] == "none") { print "no time code at offset " v["offset"]; bad = 1; exit }
		c = v["tcframes"] - v["offset"]
		if (n && c != cdiff) { print "time code " v["tc"] " at offset " v["offset"] ": frame count - sequence " c ", was " cdiff; bad = 1; exit }
		cdiff = c; off = v["offset"]; pts = v["pts"]; n++ }
		END { if (!bad && n < min) print n " buffers, fewer than " min }' "$1"
}

# first_tc LOG: the time code of the first buffer
first_tc() { awk '$1 == "buffer" { print $12; exit }' "$1"; }
