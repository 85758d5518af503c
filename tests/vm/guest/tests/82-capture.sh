#!/bin/bash
# sdi8k-capture (libsdi8k's capture API) on the simulated card: raw capture
# in every pixel format checked by content, drops reported as the counter's
# gaps, progress and statistics, error cases (no signal, unwritable output,
# missing device, signal lost or changed mid-capture, closed pipe, busy
# input). Y4M, FFmpeg and sdi8k-convert: 83-capture-y4m.sh.
. "$(dirname "$0")/lib/common.sh"
load_sdi8k || { fail capture "module not loaded"; exit 0; }
command -v sdi8k-capture >/dev/null || { fail capture "no sdi8k-capture in $BIN"; exit 0; }

W=$SCRATCH/capture
mkdir -p "$W"

# cap NAME INPUT RASTER FORMAT COUNT: raw capture checked by sdi8k-verify
cap() {
	local name=$1 in=$2 raster=$3 fmt=$4 count=$5 dev out=$W/$1.raw
	shift 5
	dev=$(node sdi8k-0 "$in")
	signal sdi8k-0 "$in" "$raster"
	sleep 0.3
	rm -f "$out"
	if ! timeout 120 sdi8k-capture -i "$dev" -f "$fmt" -n "$count" -b 16 --raw \
		-o "$out" "$@" 2>"$W/$name.log"; then
		fail "$name" "sdi8k-capture: $(tail -n 3 "$W/$name.log" | tr '\n' '|')"
		return 1
	fi
	if ! grep -q "$count frames written" "$W/$name.log"; then
		fail "$name" "no statistics line: $(tr '\n' '|' <"$W/$name.log")"
		return 1
	fi
	verify "$name" "$out" "$fmt" "$raster"
}

# every format on the matrix leg (the library's conversions, the same on
# every kernel: common.sh); the raw V4L2 format and v210 on each leg
fmts="uyvy v210"
matrix_leg && fmts="uyvy yuyv nv16 p010 y210 v210"
for f in $fmts; do
	cap "capture-1080p59.94-$f" 0 1080p59.94 "$f" 8
	rm -f "$W/capture-1080p59.94-$f.raw"
done
# (2160p: on the matrix leg; the PCI leg's sdi8k-capture takes 2160p v210
# and P010 on every kernel)
if matrix_leg; then
	cap capture-2160p59.94-v210 1 2160p59.94 v210 4 && rm -f "$W/capture-2160p59.94-v210.raw"
fi
cap capture-1080i50-v210 2 1080i50 v210 6 && rm -f "$W/capture-1080i50-v210.raw"
cap capture-1080p25-dmabuf-p010 3 1080p25 p010 4 --dmabuf && rm -f "$W/capture-1080p25-dmabuf-p010.raw"
# duration: 1 s of 1080p25 is 25 frames. The emulated guest may drop a
# frame now and then over 25: the drops the tool reports must be exactly the
# gaps in the pattern's frame counter.
dev3=$(node sdi8k-0 3)
signal sdi8k-0 3 1080p25
sleep 0.3
if timeout 60 sdi8k-capture -i "$dev3" -f uyvy -t 1 -b 16 --raw -o "$W/dur.raw" 2>"$W/dur.log"; then
	v=$(sdi8k-verify --format uyvy --width 1920 --height 1080 --allow-gaps "$W/dur.raw" 2>&1)
	n=$(sed -n 's/.*frames=\([0-9]*\) first=\([0-9]*\) last=\([0-9]*\) .*/\1 \2 \3/p' <<<"$v")
	read -r nf first last <<<"$n"
	drops=$(sed -n 's/.* \([0-9]*\) dropped.*/\1/p' "$W/dur.log")
	if [ "$nf" = 25 ] && grep -q "25 frames written" "$W/dur.log" &&
		[ -n "$drops" ] && [ $((last - first + 1 - nf)) = "$drops" ]; then
		pass "capture-duration-1080p25 ($drops dropped)"
	else
		fail capture-duration-1080p25 "verify: $v; log: $(tr '\n' '|' <"$W/dur.log")"
	fi
else
	fail capture-duration-1080p25 "$(tr '\n' '|' <"$W/dur.log")"
fi
rm -f "$W/dur.raw"

dev0=$(node sdi8k-0 0)

# the progress line (forced with -p, as on a terminal) and the statistics
signal sdi8k-0 0 1080p59.94
sleep 0.3
timeout 60 sdi8k-capture -i "$dev0" -f v210 -n 40 -b 16 -p --raw -o /dev/null 2>"$W/progress.log"
if tr '\r' '\n' <"$W/progress.log" | grep -q "^.*frames [0-9]*  dropped [0-9]*  [0-9.]* fps" &&
	grep -q "40 frames written" "$W/progress.log"; then
	pass capture-progress-and-stats
else
	fail capture-progress-and-stats "$(tr '\r\n' '||' <"$W/progress.log")"
fi

# HDR: the colorimetry and transfer function the source announces reach
# the frames, at start and when the source changes flavour mid-stream
# (a source change on the same raster: capture goes on, Ctrl-C ends it)
H=$DBG/sdi8k-0/input0/hdr
if [ -w "$H" ]; then
	for spec in hlg:bt2020 pq:bt2020 sdr:bt709; do
		echo "${spec%%:*}" >"$H"
		sleep 0.3
		timeout 60 sdi8k-capture -i "$dev0" -f v210 -n 2 --raw -q -o /dev/null 2>"$W/hdr.log"
		if grep -q "colour ${spec#*:} ${spec%%:*} " "$W/hdr.log"; then
			pass "capture-hdr-${spec%%:*}"
		else
			fail "capture-hdr-${spec%%:*}" "$(tr '\n' '|' <"$W/hdr.log")"
		fi
	done
	timeout 90 sdi8k-capture -i "$dev0" -f v210 -b 16 -p --raw -o /dev/null 2>"$W/hdr-mid.log" &
	pid=$!
	wait_frames "$W/hdr-mid.log"
	echo pq >"$H"
	sleep 1	# (the colour of the last frame is in the closing statistics)
	ctrl_c "$pid"
	wait "$pid"
	rc=$?
	if [ "$rc" = 0 ] && grep -q "colour bt2020 pq " "$W/hdr-mid.log"; then
		pass capture-hdr-change-mid-stream
	else
		fail capture-hdr-change-mid-stream "rc $rc: $(tr '\r\n' '||' <"$W/hdr-mid.log" | tail -c 400)"
	fi
	echo sdr >"$H"
	sleep 0.3
else
	skip capture-hdr "no $H (kernel without HDR support)"
fi

# --- errors ---------------------------------------------------------------------
dev3=$(node sdi8k-0 3)
signal sdi8k-0 3 none
sleep 0.3
rm -f "$W/nosig.raw"
t0=$(date +%s)
timeout 30 sdi8k-capture -i "$dev3" -n 5 -o "$W/nosig.raw" 2>"$W/nosig.log"
rc=$?
t1=$(date +%s)
if [ "$rc" != 0 ] && [ "$rc" != 124 ] && grep -q "no signal" "$W/nosig.log" &&
	[ $((t1 - t0)) -le 5 ] && [ ! -e "$W/nosig.raw" ] && ! ls -a "$W" | grep -q '^\.nosig'; then
	pass capture-no-signal
else
	fail capture-no-signal "rc $rc in $((t1 - t0)) s: $(tr '\n' '|' <"$W/nosig.log")"
fi

signal sdi8k-0 3 1080p25
sleep 0.3
# the tool's own argument and output errors: the same on every kernel, on
# the matrix leg (common.sh), make check's time budget
if matrix_leg; then
for bad in /nonexistent-dir/x.raw /proc/sdi8k-test.raw "$W"; do
	timeout 30 sdi8k-capture -i "$dev3" -n 2 -o "$bad" 2>"$W/unwritable.log"
	rc=$?
	if [ "$rc" = 1 ] && grep -q "$bad" "$W/unwritable.log"; then
		pass "capture-unwritable-${bad//\//_}"
	else
		fail "capture-unwritable-${bad//\//_}" "rc $rc: $(tr '\n' '|' <"$W/unwritable.log")"
	fi
done
timeout 30 sdi8k-capture -i /dev/nonexistent-video -n 2 -o "$W/x.raw" 2>"$W/missing.log"
rc=$?
if [ "$rc" = 1 ] && grep -q "/dev/nonexistent-video: .*No such file" "$W/missing.log"; then
	pass capture-missing-device
else
	fail capture-missing-device "rc $rc: $(tr '\n' '|' <"$W/missing.log")"
fi
timeout 30 sdi8k-capture -i "$dev3" -n 0 -o "$W/x.raw" 2>"$W/usage.log"
[ $? = 2 ] && grep -q -- "--frames 0" "$W/usage.log" && pass capture-bad-argument ||
	fail capture-bad-argument "$(tr '\n' '|' <"$W/usage.log")"
fi

# signal lost mid-capture (--on-loss end): reported, the complete frames
# before it kept
rm -f "$W/lost.raw"
timeout 90 sdi8k-capture -i "$dev3" -f uyvy -b 16 -n 100000 --timeout 5000 -p \
	--on-loss end -o "$W/lost.raw" 2>"$W/lost.log" &
pid=$!
wait_frames "$W/lost.log"
sleep 0.5
signal sdi8k-0 3 none
wait "$pid"
rc=$?
if [ "$rc" = 1 ] && grep -q "no signal" "$W/lost.log" && grep -q "kept the" "$W/lost.log" &&
	[ -s "$W/lost.raw" ]; then
	pass capture-signal-lost
	verify capture-signal-lost-kept-frames "$W/lost.raw" uyvy 1080p25
else
	fail capture-signal-lost "rc $rc: $(tr '\n' '|' <"$W/lost.log")"
fi
rm -f "$W/lost.raw"
signal sdi8k-0 3 1080p25

# a full disk (a 12 MiB tmpfs): the raw recording ends at the last whole
# frame (3 of 1080p uyvy), kept, with a message saying so (the tool's
# writer: on the matrix leg)
sleep 0.3
if matrix_leg; then
mkdir -p "$W/small"
if mount -t tmpfs -o size=12m sdi8k-small "$W/small" 2>"$W/small.log"; then
	timeout 60 sdi8k-capture -i "$dev3" -f uyvy -b 16 -n 100 -q -o "$W/small/full.raw" \
		2>"$W/small.log"
	rc=$?
	sz=$(stat -c %s "$W/small/full.raw" 2>/dev/null || echo 0)
	fs=$((1920 * 1080 * 2))
	if [ "$rc" = 1 ] && grep -q "the disk is full" "$W/small.log" && [ "$sz" -gt 0 ] &&
		[ $((sz % fs)) = 0 ]; then
		pass "capture-full-disk ($((sz / fs)) whole frames)"
		verify capture-full-disk-frames "$W/small/full.raw" uyvy 1080p25
	else
		fail capture-full-disk "rc $rc, $sz bytes: $(tr '\n' '|' <"$W/small.log")"
	fi
	umount "$W/small"
else
	skip capture-full-disk "no tmpfs: $(cat "$W/small.log")"
fi
fi

# raw output through a signal loss (--on-loss fill, the default): the file
# holds live + fill frames, as many as the statistics say, whole; the live
# frames before the gap intact
sleep 0.3
rm -f "$W/gap.raw"
timeout 90 sdi8k-capture -i "$dev3" -f uyvy -b 16 -p -o "$W/gap.raw" 2>"$W/gap.log" &
pid=$!
wait_frames "$W/gap.log"
signal sdi8k-0 3 none
sleep 0.6
signal sdi8k-0 3 1080p25
wait_log "$W/gap.log" "signal back after" "$pid" 5
sleep 0.3
ctrl_c "$pid"
wait "$pid"
rc=$?
fs=$((1920 * 1080 * 2))
sz=$(stat -c %s "$W/gap.raw" 2>/dev/null || echo 0)
log=$(tr '\r' '\n' <"$W/gap.log")
n=$(sed -n 's/.*: \([0-9]*\) frames written.*/\1/p' <<<"$log" | head -n 1)
at=$(sed -n 's/.*signal lost at frame \([0-9]*\).*/\1/p' <<<"$log" | head -n 1)
nf=$(sed -n 's/.*signal back after \([0-9]*\) fill frames.*/\1/p' <<<"$log" | head -n 1)
if [ "$rc" = 0 ] && [ -n "$n" ] && [ -n "$at" ] && [ "${nf:-0}" -gt 0 ] && [ "$sz" = $((n * fs)) ] &&
	grep -q " 1 gaps, $nf fill frames;" <<<"$log"; then
	pass "capture-raw-gap ($at live, $nf fill, $n in all)"
	head -c $((at * fs)) "$W/gap.raw" >"$W/gap-live.raw"
	verify capture-raw-gap-live "$W/gap-live.raw" uyvy 1080p25
else
	fail capture-raw-gap "rc $rc, $sz bytes, n '$n' at '$at' fill '$nf': $(grep -v '^frames' <<<"$log" | tr '\n' '|' | tail -c 400)"
fi
rm -f "$W/gap.raw" "$W/gap-live.raw"

# raster change mid-capture: reported as a source change
sleep 0.3
timeout 90 sdi8k-capture -i "$dev3" -f uyvy -b 16 -n 100000 -p --on-loss end -o /dev/null \
	2>"$W/change.log" &
pid=$!
wait_frames "$W/change.log"
signal sdi8k-0 3 1080p50
wait "$pid"
rc=$?
if [ "$rc" = 1 ] && grep -q "source changed from 1080p25 to 1080p50" "$W/change.log"; then
	pass capture-source-change
else
	fail capture-source-change "rc $rc: $(tr '\n' '|' <"$W/change.log")"
fi
signal sdi8k-0 3 1080p25

# the reader of stdout goes away: a clear error, no hang
sleep 0.3
timeout 60 sdi8k-capture -i "$dev3" -f uyvy -n 1000 -y -o - 2>"$W/pipe.log" | head -c 1000 >/dev/null
rc=${PIPESTATUS[0]}
if [ "$rc" = 1 ] && grep -q "closed the pipe" "$W/pipe.log"; then
	pass capture-closed-pipe
else
	fail capture-closed-pipe "rc $rc: $(tr '\n' '|' <"$W/pipe.log")"
fi

# two captures of one input: the second is told the input is busy
timeout 90 sdi8k-capture -i "$dev3" -n 100 -p -o /dev/null 2>"$W/busy1.log" &
pid=$!
wait_frames "$W/busy1.log"
timeout 30 sdi8k-capture -i "$dev3" -n 2 -o "$W/busy.raw" 2>"$W/busy.log"
rc=$?
ctrl_c "$pid"
wait "$pid"
if [ "$rc" = 1 ] && grep -qi "busy" "$W/busy.log" && [ ! -e "$W/busy.raw" ]; then
	pass capture-busy
else
	fail capture-busy "rc $rc: $(tr '\n' '|' <"$W/busy.log")"
fi
rm -rf "$W"
