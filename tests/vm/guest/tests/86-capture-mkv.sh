#!/bin/bash
# sdi8k-capture writing Matroska and QuickTime through FFmpeg's libraries
# (issue 17 section 1), read back by the guest's own ffprobe and ffmpeg:
# an HDR10 (PQ) signal's colour tags (bt2020, smpte2084, bt2020nc, tv
# range), its ST 2086 mastering display and MaxCLL/MaxFALL as stream side
# data and the first frame's ST 12-2 time code (drop frame at 59.94, the
# same label the metadata sidecar gives that frame); HLG
# (arib-std-b67, no mastering display); QuickTime; FFV1; the frame count and
# the content (bars and frame counter, consecutive) of the decoded frames;
# --print-x265-params; a signal loss recorded through (fill frames, the
# time code continuous, the live frames intact), a raster change starting
# a second file, --on-loss end ending the file; an unwritable path and
# /dev/full: an error, exit 1, nothing left behind; a disk that fills up
# during the recording: the Matroska file kept, its frames whole.
#
# The writer is a module (sdi8k-capture-av.so) built against the host's
# FFmpeg: where this root lacks those libraries (another Debian release)
# the recording cases are SKIPs naming what is missing, unless the runner
# shipped the missing ones in SDI8K_GUEST_BINS: then sdi8k-capture (and
# only it: the root's own ffmpeg and ffprobe keep the root's libraries)
# runs with them from /job/bin.
. "$(dirname "$0")/lib/common.sh"
capture_av_libs 86-capture-mkv
load_sdi8k || { fail capture-mkv "module not loaded"; exit 0; }
command -v sdi8k-capture >/dev/null || { fail capture-mkv "no sdi8k-capture in $BIN"; exit 0; }
command -v ffprobe >/dev/null || { skip capture-mkv "no ffprobe in this root"; exit 0; }

W=$SCRATCH/capture-mkv
mkdir -p "$W"
IN=2
dev=$(node sdi8k-0 $IN)
D=$DBG/sdi8k-0/input$IN
RASTER=1080p59.94
N=6

expect() { # expect NAME GOT WANT
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got '$2', want '$3'"; fi
}
# probe FILE: ffprobe's flat key=value lines of the first video stream (its
# side data and tags too, frames counted) and of the container: one run a
# file, kept in FILE.info (an ffprobe costs seconds in the emulated guest)
probe() {
	[ -f "$1.info" ] || ffprobe -v error -select_streams v:0 -count_frames -show_streams \
		-show_format -of default=noprint_wrappers=1 "$1" >"$1.info" 2>&1
	cat "$1.info"
}
val() { sed -n "s/^$1=//p" <<<"$2" | head -n 1; }

echo "1000 400" >"$D/cll"
echo 1 >"$D/timecode"
echo pq >"$D/hdr"
signal sdi8k-0 $IN $RASTER
sleep 0.3

# the x265 parameters of the PQ signal (no capture)
x=$(timeout 30 sdi8k-capture -i "$dev" --print-x265-params 2>&1)
want="colorprim=bt2020:transfer=smpte2084:colormatrix=bt2020nc:range=limited:chromaloc=0"
want="$want:master-display=G(8500,39850)B(6550,2300)R(35400,14600)WP(15635,16450)L(10000000,50)"
want="$want:max-cll=1000,400:hdr10=1:hdr10-opt=1:repeat-headers=1"
expect capture-mkv-x265-params "$x" "$want"

# record NAME FILE ARGS...: sdi8k-capture -n N into FILE, with the metadata
# sidecar; 0 if it wrote FILE
record() {
	local name=$1 file=$2
	shift 2
	rm -f "$file" "$file.info"
	if ! timeout 120 sdi8k-capture -i "$dev" -n $N -b 16 -q --metadata "$W/$name.jsonl" \
		-o "$file" "$@" 2>"$W/$name.log"; then
		if grep -q "needs the FFmpeg writer module" "$W/$name.log"; then
			skip "$name" "$(tail -n 1 "$W/$name.log")"
			return 1
		fi
		fail "$name" "sdi8k-capture: $(tail -n 3 "$W/$name.log" | tr '\n' '|')"
		return 1
	fi
	[ -s "$file" ] || { fail "$name" "no $file"; return 1; }
	return 0
}

# decode NAME FILE: FILE decoded by the guest's ffmpeg and back to v210 with
# sdi8k-convert, into $W/dec.v210; false after a FAIL line NAME
decode() {
	local name=$1 file=$2
	rm -f "$W/dec.y4m" "$W/dec.v210"
	if ! timeout 120 ffmpeg -hide_banner -nostdin -nostats -i "$file" -map 0:v:0 \
		-pix_fmt yuv422p10le -f yuv4mpegpipe -strict -1 -y "$W/dec.y4m" \
		>"$W/$name.ff.log" 2>&1; then
		fail "$name" "ffmpeg: $(tail -n 2 "$W/$name.ff.log" | tr '\n' '|')"
		return 1
	fi
	if ! sdi8k-convert -t v210 --raw "$W/dec.y4m" "$W/dec.v210" 2>"$W/$name.cvt.log"; then
		fail "$name" "convert: $(tr '\n' '|' <"$W/$name.cvt.log")"
		rm -f "$W/dec.y4m"
		return 1
	fi
	rm -f "$W/dec.y4m"
}

# content NAME FILE [COUNT]: decoded (decode), check bars, moving box and
# frame counter: COUNT (default N) consecutive
content() {
	local name=$1 file=$2 count=${3:-$N} out
	decode "$name-content" "$file" || return
	if out=$(sdi8k-verify --format v210 --width 1920 --height 1080 \
		--expect-consecutive "$W/dec.v210" 2>&1) && grep -q "^frames=$count " <<<"$out"; then
		pass "$name-content"
	else
		fail "$name-content" "$(tail -n 3 <<<"$out" | tr '\n' '|')"
	fi
	rm -f "$W/dec.v210"
}

# colour NAME FILE TRANSFER RANGE: the stream's colour tags
colour() {
	local p
	p=$(probe "$2")
	local got="$(val color_primaries "$p") $(val color_transfer "$p") $(val color_space "$p")"
	expect "$1-colour" "$got" "bt2020 $3 bt2020nc"
	[ -z "$4" ] || expect "$1-range" "$(val color_range "$p")" "$4"
}

# mastering NAME FILE: the ST 2086 values and light levels as side data
# (Matroska keeps floats: compared as numbers)
mastering() {
	local p got
	p=$(probe "$2")
	got=$(awk -F= '
		function q(v,  a) { split(v, a, "/"); return a[2] ? a[1] / a[2] : v }
		/^(red|green|blue|white_point)_[xy]=|^m(ax|in)_luminance=/ { printf "%s=%.5g\n", $1, q($2) }
		/^max_content=|^max_average=/ { printf "%s=%s\n", $1, $2 }' <<<"$p" | sort | tr '\n' ' ')
	expect "$1-mastering-display" "$got" \
		"blue_x=0.131 blue_y=0.046 green_x=0.17 green_y=0.797 max_average=400 max_content=1000 max_luminance=1000 min_luminance=0.005 red_x=0.708 red_y=0.292 white_point_x=0.3127 white_point_y=0.329 "
}

# timecode NAME FILE: the container's time code = the first frame's label
# in the sidecar, drop frame (';') at 59.94, where a label covers two
# frames and FFmpeg counts each: frames = 2 x the label's + the field mark
timecode() {
	local first got line ff fm
	line=$(head -n 1 "$W/$1.jsonl")
	first=$(sed -n 's/.*"timecode": *"\([^"]*\)".*/\1/p' <<<"$line")
	fm=0
	[[ "$line" != *'"field_mark": true'* && "$line" != *'"field_mark":true'* ]] || fm=1
	if [ -n "$first" ]; then
		ff=${first: -2}
		first="${first%??}$(printf '%02d' $((10#$ff * 2 + fm)))"
	fi
	# the container's (last: the format section follows the stream's), else
	# the stream's; Matroska's tag reads back as TIMECODE
	got=$(probe "$2" | sed -n 's/^TAG:[Tt][Ii][Mm][Ee][Cc][Oo][Dd][Ee]=//p' | tail -n 1)
	if [ -n "$first" ] && [ "$got" = "$first" ] && [[ "$got" == *";"* ]]; then
		pass "$1-timecode ($got)"
	else
		fail "$1-timecode" "file '$got', first frame's '$first'"
	fi
}

frames() { # frames NAME FILE: every frame there
	expect "$1-frames" "$(val nb_read_frames "$(probe "$2")")" "$N"
}

# --- HDR10 (PQ), v210 in Matroska ---------------------------------------
f=$W/pq.mkv
if record capture-mkv-pq "$f" -f v210; then
	expect capture-mkv-pq-codec "$(val codec_name "$(probe "$f")")" v210
	colour capture-mkv-pq "$f" smpte2084 tv
	mastering capture-mkv-pq "$f"
	timecode capture-mkv-pq "$f"
	frames capture-mkv-pq "$f"
	content capture-mkv-pq "$f"
	rm -f "$f"
fi

# The codec (FFV1), the container (QuickTime) and the writer's errors are
# the tool's and FFmpeg's, the same on every kernel: on the matrix leg
# (common.sh), make check's time budget. Every leg records PQ and HLG in
# Matroska (the kernel's colorimetry into the file), HDR10+ where FFmpeg
# can store it, a signal loss and a pipe.
# --- HDR10 (PQ), FFV1 in Matroska ---------------------------------------
f=$W/pq-ffv1.mkv
if matrix_leg && record capture-mkv-ffv1 "$f" -f v210 --codec ffv1 --threads 2; then
	expect capture-mkv-ffv1-codec "$(val codec_name "$(probe "$f")")" ffv1
	colour capture-mkv-ffv1 "$f" smpte2084 tv
	mastering capture-mkv-ffv1 "$f"
	frames capture-mkv-ffv1 "$f"
	content capture-mkv-ffv1 "$f"
	rm -f "$f"
fi

# --- HDR10+ per frame: Matroska blocks (ITU-T T.35 BlockAdditional) -------
# With FFmpeg 7 and later (Debian 13, unstable) every block carries the
# frame's ST 2094-40 metadata, FFV1's frame delay included: ffprobe's
# packets hold the same average maxRGB, frame by frame, as the metadata
# sidecar read from the wire (the model's values change every frame).
# Debian 12's FFmpeg 5.1 cannot store it (the writer says so: unit test
# avwriter/hdr10plus_per_frame): not recorded there.
echo 1 >"$D/hdr10plus"
sleep 0.3
f=$W/pq-h10p.mkv
if [ "$LEG" != bookworm ] &&
	record capture-mkv-hdr10plus "$f" -f v210 --codec ffv1 --threads 2; then
	ffprobe -v error -select_streams v:0 -show_packets "$f" >"$f.pkts" 2>&1
	got=$(sed -n 's/^average_maxrgb=\([0-9]*\)\/100000$/\1/p' "$f.pkts" | tr '\n' ' ')
	wire=$(sed -n 's/.*"average_maxrgb":\([0-9]*\).*/\1/p' "$W/capture-mkv-hdr10plus.jsonl" |
		tr '\n' ' ')
	if [ -n "$got" ] && [ "$(wc -w <<<"$got")" = $N ] && [ "$got" = "$wire" ]; then
		pass "capture-mkv-hdr10plus-per-block (average maxRGB $got)"
	else
		fail capture-mkv-hdr10plus-per-block "packets '$got', wire '$wire': $(tail -n 2 "$W/capture-mkv-hdr10plus.log" | tr '\n' '|')"
	fi
	frames capture-mkv-hdr10plus "$f"
	rm -f "$f" "$f.pkts"
fi
echo 0 >"$D/hdr10plus"

# --- HDR10 (PQ), v210 in QuickTime (colr nclc: no range) -------------------
f=$W/pq.mov
if matrix_leg && record capture-mov-pq "$f" -f v210; then
	colour capture-mov-pq "$f" smpte2084 ""
	mastering capture-mov-pq "$f"
	timecode capture-mov-pq "$f"
	frames capture-mov-pq "$f"
	rm -f "$f"
fi

# --- HLG: arib-std-b67, no mastering display -------------------------------
echo hlg >"$D/hdr"
sleep 0.3
f=$W/hlg.mkv
if record capture-mkv-hlg "$f" -f v210; then
	colour capture-mkv-hlg "$f" arib-std-b67 tv
	n=$(probe "$f" | grep -c 'Mastering display')
	expect capture-mkv-hlg-no-mastering-display "$n" 0
	frames capture-mkv-hlg "$f"
	content capture-mkv-hlg "$f"
	rm -f "$f"
fi

# --- the signal lost (--on-loss end), Ctrl-C: the file ends at the last
# frame, finalised ---
# ended NAME FILE LOG RC WANT-RC: exit status, and the stats line's count
# of frames written is what ffprobe counts in the file (an unfinished
# Matroska or QuickTime file would not give it)
ended() {
	local name=$1 file=$2 log=$3 rc=$4 want=$5 n got
	n=$(sed -n 's/.*: \([0-9]*\) frames written.*/\1/p' "$log" | head -n 1)
	got=$(ffprobe -v error -select_streams v:0 -count_frames -show_entries stream=nb_read_frames \
		-of default=noprint_wrappers=1:nokey=1 "$file" 2>&1 | head -n 1)
	if grep -q "needs the FFmpeg writer module" "$log"; then
		skip "$name" "$(tail -n 1 "$log")"
		return 1
	fi
	if [ "$rc" = "$want" ] && [ -n "$n" ] && [ "$n" -gt 0 ] && [ "$got" = "$n" ]; then
		pass "$name ($n frames)"
	else
		fail "$name" "rc $rc (want $want), $n frames written, ffprobe: $got; $(tr '\r\n' '||' <"$log" | tail -c 300)"
		return 1
	fi
}
# --on-loss end: the recording ends at the signal loss, as it always did
f=$W/loss.mkv
rm -f "$f"
timeout 90 sdi8k-capture -i "$dev" -b 16 -p --on-loss end -o "$f" 2>"$W/loss.log" &
pid=$!
wait_frames "$W/loss.log" "$pid"
sleep 1
signal sdi8k-0 $IN none
wait "$pid"
rc=$?
signal sdi8k-0 $IN $RASTER
sleep 0.3
if ended capture-mkv-signal-loss "$f" "$W/loss.log" "$rc" 1; then
	grep -q "kept the [0-9]* complete frames" "$W/loss.log" && pass capture-mkv-signal-loss-says ||
		fail capture-mkv-signal-loss-says "$(tr '\r\n' '||' <"$W/loss.log" | tail -c 300)"
fi
rm -f "$f"

# The gap and the raster change: sdi8k-capture's own logic, the same on
# every kernel (82-capture.sh takes raw output through a gap on every leg):
# on the matrix leg (common.sh), make check's time budget
if matrix_leg; then
# --- through a signal loss (the default --on-loss fill): the cable pulled
# for a second and put back, then Ctrl-C: live + fill frames in the file
# (as many as the statistics say), the gap where the log says, the
# recording's time code continuous over every line of the sidecar, the
# live frames' content before and after the gap. At 1080p25: fewer bytes.
GAP_RASTER=1080p25
signal sdi8k-0 $IN $GAP_RASTER
sleep 0.3
# gapcontent NAME FILE AT FILL TOTAL: one decode of FILE (ffmpeg, back to
# v210 with sdi8k-convert); the AT live frames before the gap and the ones
# after its FILL frames each have consecutive frame counters
gapcontent() {
	local name=$1 file=$2 at=$3 nf=$4 total=$5 drops=$6 fs=$((5120 * 1080)) out after
	local missing=0
	after=$((total - at - nf))
	if decode "$name" "$file"; then
		# consecutive but for the frames the card dropped (counted)
		v() {
			local o
			o=$(sdi8k-verify --format v210 --width 1920 --height 1080 \
				--expect-consecutive --allow-gaps "$1" 2>&1) || { echo "$o"; return 1; }
			echo "$o"
			awk '/^frames=/ { for (i = 1; i <= NF; i++) { split($i, a, "="); v[a[1]] = a[2] }
				exit !(v["repeats"] == 0) }' <<<"$o"
		}
		skipped() { sed -n 's/^frames=\([0-9]*\) first=\([0-9]*\) last=\([0-9]*\) .*/\3 - \2 + 1 - \1/p' <<<"$1" | head -n 1; }
		head -c $((at * fs)) "$W/dec.v210" >"$W/part.v210"
		if out=$(v "$W/part.v210") && grep -q "^frames=$at " <<<"$out"; then
			missing=$((missing + $(skipped "$out")))
			pass "$name-before ($at frames)"
		else
			fail "$name-before" "want $at frames: $(tail -n 3 <<<"$out" | tr '\n' '|')"
		fi
		tail -c $((after * fs)) "$W/dec.v210" >"$W/part.v210"
		if out=$(v "$W/part.v210") && grep -q "^frames=$after " <<<"$out"; then
			missing=$((missing + $(skipped "$out")))
			pass "$name-after ($after frames)"
		else
			fail "$name-after" "want $after frames: $(tail -n 3 <<<"$out" | tr '\n' '|')"
		fi
		expect "$name-counters-skip-drops" "$missing" "${drops:-0}"
	fi
	rm -f "$W/dec.y4m" "$W/dec.v210" "$W/part.v210"
}
f=$W/gap.mkv
rm -f "$f" "$f.info" "$W/gap.jsonl"
timeout 90 sdi8k-capture -i "$dev" -b 16 -p --metadata "$W/gap.jsonl" -o "$f" 2>"$W/gap.log" &
pid=$!
cable_pulled "$W/gap.log" "$pid" sdi8k-0 $IN $GAP_RASTER
wait "$pid"
rc=$?
if ended capture-mkv-gap "$f" "$W/gap.log" "$rc" 0; then
	log=$(tr '\r' '\n' <"$W/gap.log")
	at=$(sed -n 's/.*signal lost at frame \([0-9]*\).*/\1/p' <<<"$log" | head -n 1)
	nf=$(sed -n 's/.*signal back after \([0-9]*\) fill frames.*/\1/p' <<<"$log" | head -n 1)
	total=$(sed -n 's/.*: \([0-9]*\) frames written.*/\1/p' <<<"$log" | head -n 1)
	stats=$(sed -n 's/.* \([0-9]*\) gaps, \([0-9]*\) fill frames;.*/\1 \2/p' <<<"$log" | head -n 1)
	# frames the card dropped (the emulated guest may be slow): the time
	# code and the frame counters skip them, nothing else
	drops=$(sed -n 's/.* \([0-9]*\) dropped, .*/\1/p' <<<"$log" | head -n 1)
	if [ -n "$at" ] && [ -n "$nf" ] && [ "$nf" -gt 0 ] && [ "$stats" = "1 $nf" ]; then
		pass "capture-mkv-gap-logged (lost at frame $at, $nf fill frames, $total in all)"
	else
		fail capture-mkv-gap-logged "lost at '$at', fill '$nf', stats '$stats': $(grep -v '^frames' <<<"$log" | tr '\n' '|' | tail -c 400)"
	fi
	# the sidecar: a line a frame, the fill lines where the log says, the
	# recording's time code one frame on each line (25 frames a second),
	# and on by the frames the card dropped
	got=$(awk -v at="$at" -v nf="$nf" '
		function n(t,  a) { split(t, a, /[:;]/); return ((a[1] * 60 + a[2]) * 60 + a[3]) * 25 + a[4] }
		{ r = $0; sub(/.*"record_timecode":"/, "", r); sub(/".*/, "", r)
		  if (r == $0 || r == "") { bad = bad " no-record-tc@" NR; next }
		  if (NR > 1 && n(r) <= prev) bad = bad " back@" NR ":" r
		  if (NR > 1 && n(r) > prev + 1) { extra += n(r) - prev - 1
			if (NR > at && NR <= at + nf + 1) bad = bad " gap-jump@" NR ":" r }
		  prev = n(r)
		  fill = index($0, "\"fill\":true") > 0
		  if (fill && (NR <= at || NR > at + nf)) bad = bad " fill@" NR
		  if (!fill && NR > at && NR <= at + nf) bad = bad " live@" NR
		  lines++ }
		END { printf "%d skipped %d%s", lines, extra, bad ? " bad" bad : "" }' \
		"$W/gap.jsonl" 2>&1)
	expect capture-mkv-gap-timecode "$got" "$total skipped $drops"
	# the live frames: consecutive before the gap, and after it
	gapcontent capture-mkv-gap-content "$f" "$at" "$nf" "$total" "$drops"
fi
rm -f "$f" "$f.info" "$W/gap.jsonl"

# --- the signal back with another raster: this file finalised, the rest
# in gap-001.mkv (--on-change new-file, the default); both play
f=$W/chg.mkv
f2=$W/chg-001.mkv
rm -f "$f" "$f2" "$f.info" "$f2.info"
timeout 90 sdi8k-capture -i "$dev" -b 16 -p -o "$f" 2>"$W/chg.log" &
pid=$!
if wait_frames "$W/chg.log" "$pid"; then
	signal sdi8k-0 $IN none
	wait_log "$W/chg.log" "signal lost at frame" "$pid"
	sleep 0.3
	signal sdi8k-0 $IN 1080p50
	wait_log "$W/chg.log" "goes to" "$pid"
	sleep 0.6
	ctrl_c "$pid"
fi
wait "$pid"
rc=$?
if grep -q "needs the FFmpeg writer module" "$W/chg.log"; then
	skip capture-mkv-raster-change "$(tail -n 1 "$W/chg.log")"
else
	n1=$(val nb_read_frames "$(probe "$f")")
	p2=$(probe "$f2")
	n2=$(val nb_read_frames "$p2")
	if [ "$rc" = 0 ] && [ "${n1:-0}" -gt 0 ] && [ "${n2:-0}" -gt 0 ] &&
		[ "$(val r_frame_rate "$p2")" = 50/1 ] && grep -q "(2 files)" "$W/chg.log"; then
		pass "capture-mkv-raster-change ($n1 + $n2 frames)"
	else
		fail capture-mkv-raster-change "rc $rc, $n1 + $n2 frames, rate $(val r_frame_rate "$p2"): $(tr '\r\n' '||' <"$W/chg.log" | tail -c 400)"
	fi
fi
rm -f "$f" "$f2" "$f.info" "$f2.info"
fi
signal sdi8k-0 $IN $RASTER
sleep 0.3
if matrix_leg; then
f=$W/int.mov
timeout 90 sdi8k-capture -i "$dev" -b 16 -p -o "$f" 2>"$W/int.log" &
pid=$!
wait_frames "$W/int.log" "$pid"
sleep 1
ctrl_c "$pid"
wait "$pid"
ended capture-mov-interrupted "$f" "$W/int.log" "$?" 0
rm -f "$f"
fi

# --- a pipe: Matroska by default, read by ffprobe from stdin -------------
if timeout 120 sdi8k-capture -i "$dev" -n $N -b 16 -q -o - 2>"$W/pipe.log" >"$W/pipe.mkv"; then
	p=$(probe "$W/pipe.mkv")
	expect capture-mkv-pipe "$(val codec_name "$p") $(val color_transfer "$p")" "v210 arib-std-b67"
elif grep -q "needs the FFmpeg writer module" "$W/pipe.log"; then
	skip capture-mkv-pipe "$(tail -n 1 "$W/pipe.log")"
else
	fail capture-mkv-pipe "$(tail -n 3 "$W/pipe.log" | tr '\n' '|')"
fi
rm -f "$W/pipe.mkv"

# --- an unwritable place, a full disk: exit 1, a message, nothing left ------
if matrix_leg; then
timeout 60 sdi8k-capture -i "$dev" -n 2 -q -o /proc/sdi8k-no/x.mkv 2>"$W/unw.log"
rc=$?
if [ "$rc" = 1 ] && grep -q "/proc/sdi8k-no" "$W/unw.log"; then
	pass capture-mkv-unwritable
elif grep -q "needs the FFmpeg writer module" "$W/unw.log"; then
	skip capture-mkv-unwritable "$(tail -n 1 "$W/unw.log")"
else
	fail capture-mkv-unwritable "rc $rc: $(tr '\n' '|' <"$W/unw.log")"
fi
timeout 60 sdi8k-capture -i "$dev" -n 3 -q -F mkv -o /dev/full 2>"$W/full.log"
rc=$?
if [ "$rc" = 1 ] && grep -q "No space left on device" "$W/full.log"; then
	pass capture-mkv-full-disk
elif grep -q "needs the FFmpeg writer module" "$W/full.log"; then
	skip capture-mkv-full-disk "$(tail -n 1 "$W/full.log")"
else
	fail capture-mkv-full-disk "rc $rc: $(tr '\n' '|' <"$W/full.log")"
fi
# a disk that fills during the recording (a 24 MiB tmpfs, four 1080p v210
# frames): the Matroska file is kept as written, not finalised, and this
# release's ffmpeg decodes its whole frames, consecutive
mkdir -p "$W/small"
if mount -t tmpfs -o size=24m sdi8k-mkv-small "$W/small" 2>"$W/small.log"; then
	timeout 60 sdi8k-capture -i "$dev" -n 100 -b 16 -q -o "$W/small/full.mkv" 2>"$W/small.log"
	rc=$?
	n=$(ffprobe -v error -select_streams v:0 -count_frames -show_entries stream=nb_read_frames \
		-of default=nw=1:nk=1 "$W/small/full.mkv" 2>/dev/null)
	if [ "$rc" = 1 ] && grep -q "the disk is full: the Matroska file is kept" "$W/small.log" &&
		[ "${n:-0}" -ge 1 ] 2>/dev/null; then
		pass "capture-mkv-full-disk-kept ($n frames)"
		content capture-mkv-full-disk-kept "$W/small/full.mkv" "$n"
	elif grep -q "needs the FFmpeg writer module" "$W/small.log"; then
		skip capture-mkv-full-disk-kept "$(tail -n 1 "$W/small.log")"
	else
		fail capture-mkv-full-disk-kept "rc $rc, ffprobe counts '$n' frames: $(tr '\n' '|' <"$W/small.log")"
	fi
	umount "$W/small"
else
	skip capture-mkv-full-disk-kept "no tmpfs: $(cat "$W/small.log")"
fi
fi

# back to the defaults for the later tests
echo sdr >"$D/hdr"
echo "1000 400" >"$D/cll"
rm -rf "$W"
