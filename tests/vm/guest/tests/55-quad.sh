#!/bin/bash
# Quad-link 8K (issue #5): the card-level topology setting (sysfs
# "topology": 4x1, 2si, sqd), refused while a node holds buffers; in quad
# topology input 0's node captures 7680x4320 (2SI and SQD, checked by
# content: v4l2-ctl in UYVY, YUYV, NV16 and Y210, ffmpeg in UYVY,
# sdi8k-capture in v210 and P010; on the legs other than the matrix leg,
# common.sh matrix_leg, 2SI only, in UYVY and v210);
# a source of the other mapping scrambles the picture (the check fails);
# cables out of order are assembled in link order from the links' ST 352
# payload IDs (sysfs quad_links and the kernel log say so), scrambled
# with link_order fixed, and a link on two inputs gives no raster; put
# right, the picture is whole; inputs 1-3 answer EBUSY; link
# faults (missing, skew, different rates) stop frames and show in
# ENUMINPUT and QUAD status, and the group recovers; v4l2-compliance -s on
# input 0 in quad topology (on sid); the group's embedded audio on ALSA
# device 0 (link 1's), devices 1-3 busy. Ends in 4x1 with the default
# signals.
. "$(dirname "$0")/lib/common.sh"
load_sdi8k || { fail quad "module not loaded"; exit 0; }

CARD=/sys/bus/platform/devices/sdi8k-sim.0
D=$DBG/sdi8k-0
dev0=$(node sdi8k-0 0)
dev1=$(node sdi8k-0 1)

topology() { echo "$1" > "$CARD/topology"; }
cabling() { echo "$1" > "$D/cabling"; }
link_order() { echo "$1" > "$CARD/link_order"; }
# log_count TEXT: lines of the kernel log holding TEXT
log_count() { dmesg | grep -cF -- "$1"; }
# logged NAME TEXT CMD...: run CMD; PASS once the kernel log has one more
# line holding TEXT than before (waits up to 5 s)
logged() {
	local name=$1 text=$2 n i
	shift 2
	n=$(log_count "$text")
	"$@"
	for ((i = 0; i < 25; i++)); do
		if [ "$(log_count "$text")" -gt "$n" ]; then
			pass "$name"
			return
		fi
		sleep 0.2
	done
	fail "$name" "no '$text' in the kernel log"
}

# ---- the setting ----
check quad-topology-default test "$(<"$CARD/topology")" = 4x1
if echo bogus > "$CARD/topology" 2>/dev/null; then
	fail quad-topology-invalid "bogus accepted"
else
	pass quad-topology-invalid
fi

# refused while input 2 streams (4x1), the setting unchanged
signal sdi8k-0 2 1080p25
sleep 0.3
dev2=$(node sdi8k-0 2)
v4l2-ctl -d "$dev2" --set-dv-bt-timings query --stream-mmap=4 --stream-count=100 \
	--stream-to=/dev/null >/dev/null 2>&1 &
bg=$!
sleep 1.5
if err=$(topology 2si 2>&1); then
	fail quad-topology-busy "accepted while input 2 streams"
elif ! grep -qi busy <<<"$err"; then
	fail quad-topology-busy "refused, but not with EBUSY: $err"
elif [ "$(<"$CARD/topology")" != 4x1 ]; then
	fail quad-topology-busy "topology changed to $(<"$CARD/topology")"
else
	pass quad-topology-busy
fi
kill "$bg" 2>/dev/null
wait "$bg" 2>/dev/null

# ---- 8K capture ----
# Every capture is checked by content over the whole 8K picture: the bars
# (left/right and top/bottom differ, so a swapped or shifted quadrant
# fails), both counter bands, and the box, whose texture shows any two
# lines or pixel pairs out of order (docs/test-pattern.md).
cap8k() {  # cap8k NAME FOURCC VERIFY-FORMAT COUNT: v4l2-ctl
	local name=$1 fourcc=$2 vfmt=$3 count=$4 out=$SCRATCH/$1.raw
	rm -f "$out"
	if ! v4l2-ctl -d "$dev0" --set-dv-bt-timings query \
		--set-fmt-video=pixelformat="$fourcc" --stream-mmap=4 \
		--stream-count="$count" --stream-to="$out" >"$SCRATCH/$name.log" 2>&1; then
		fail "$name" "v4l2-ctl: $(tail -n 3 "$SCRATCH/$name.log" | tr '\n' '|')"
		return
	fi
	verify "$name" "$out" "$vfmt" 4320p25
	rm -f "$out"
}
ff8k() {  # ff8k NAME COUNT: FFmpeg's V4L2 input in UYVY
	local name=$1 out=$SCRATCH/$1.raw
	rm -f "$out"
	if ! command -v ffmpeg >/dev/null; then
		skip "$name" "no ffmpeg in this root"
		return
	fi
	if ! ffmpeg -hide_banner -loglevel error -nostdin -f v4l2 -input_format uyvy422 \
		-video_size 7680x4320 -i "$dev0" -fps_mode passthrough -frames:v "$2" \
		-c:v rawvideo -f rawvideo -y "$out" >"$SCRATCH/$name.log" 2>&1; then
		fail "$name" "ffmpeg: $(tail -n 3 "$SCRATCH/$name.log" | tr '\n' '|')"
		return
	fi
	verify "$name" "$out" UYVY 4320p25
	rm -f "$out"
}
sc8k() {  # sc8k NAME FORMAT COUNT [sdi8k-capture args]: the library's path
	local name=$1 fmt=$2 count=$3 out=$SCRATCH/$1.raw
	shift 3
	rm -f "$out"
	if ! timeout 120 sdi8k-capture -i "$dev0" -n "$count" -b 4 --raw -o "$out" \
		"$@" 2>"$SCRATCH/$name.log"; then
		fail "$name" "sdi8k-capture: $(tail -n 3 "$SCRATCH/$name.log" | tr '\n' '|')"
		return
	fi
	verify "$name" "$out" "$fmt" 4320p25
	rm -f "$out"
}
# capture_fails NAME WHY: one frame of the 8K input must fail the content
# check (the picture a wrongly reassembled group gives), and say why
capture_fails() {
	local name=$1 out=$SCRATCH/$1.raw v rc
	rm -f "$out"
	v4l2-ctl -d "$dev0" --set-dv-bt-timings query --set-fmt-video=pixelformat=UYVY \
		--stream-mmap=2 --stream-count=1 --stream-to="$out" >"$SCRATCH/$name.log" 2>&1
	v=$(sdi8k-verify --format UYVY --width 7680 --height 4320 "$out" 2>&1)
	rc=$?
	if [ "$rc" = 1 ]; then
		pass "$name ($2: $(tail -n 1 <<<"$v"))"
	else
		fail "$name" "$2, but sdi8k-verify exited $rc: $(tail -n 2 <<<"$v" | tr '\n' '|')"
	fi
	rm -f "$out"
}

# SQD on the matrix leg: its assembly is the driver's one code on every
# kernel, and 2SI (every leg) takes the same quad paths through the kernel
topos=2si
matrix_leg && topos="2si sqd"
for topo in $topos; do
	other=$([ $topo = 2si ] && echo sqd || echo 2si)
	signal sdi8k-0 0 4320p25
	echo $topo > "$D/source_mapping"
	if ! topology $topo; then
		fail "quad-$topo-set" "cannot set topology $topo"
		continue
	fi
	check "quad-$topo-set" test "$(<"$CARD/topology")" = $topo
	sleep 0.5
	t=$(v4l2-ctl -d "$dev0" --query-dv-timings 2>&1)
	if grep -q "Active width: 7680" <<<"$t" && grep -q "25.00 frames" <<<"$t"; then
		pass "quad-$topo-query-dv-timings"
	else
		fail "quad-$topo-query-dv-timings" "$(tr '\n' '|' <<<"$t" | head -c 300)"
	fi
	cap8k "quad-$topo-4320p25-v4l2ctl-UYVY" UYVY uyvy 2
	sc8k "quad-$topo-4320p25-capture-v210" v210 2 -f v210
	# the other formats and clients: on the matrix leg (common.sh)
	if matrix_leg; then
		if [ $topo = 2si ]; then
			cap8k "quad-$topo-4320p25-v4l2ctl-YUYV" YUYV yuyv 1
			cap8k "quad-$topo-4320p25-v4l2ctl-NV16" NV16 nv16 1
			sc8k "quad-$topo-4320p25-capture-P010" p010 2 -f p010
		else
			cap8k "quad-$topo-4320p25-v4l2ctl-Y210" Y210 y210 1
			sc8k "quad-$topo-4320p25-capture-v210-to-P010" p010 2 -f v210 -c p010
		fi
		ff8k "quad-$topo-4320p25-ffmpeg-UYVY" 2
	fi
	# the reassembly is modelled: a source sending the other mapping, or
	# two cables swapped, scramble the picture; put right, it is whole
	# (every frame of a scrambled picture is painted pixel by pixel: slow
	# in the emulated guest, so one case of each kind per topology)
	if [ $topo = 2si ]; then
		echo $other > "$D/source_mapping"
		sleep 0.3
		capture_fails "quad-$topo-wrong-mapping-shows" "source sends $other"
		echo $topo > "$D/source_mapping"
	fi
	# (SQD's link order: on the matrix leg; the driver's assembly is one
	# code on every kernel, and each 8K picture costs seconds here)
	if [ $topo = 2si ] || matrix_leg; then
		# Cables out of order: each link's ST 352 payload ID names its link
		# and the card assembles the links in that order (link_order auto, the
		# default), so the picture is whole; link_order fixed takes SDI n as
		# link n, and the picture comes out scrambled. A link on two inputs
		# leaves another without one: no raster, and the log names the input.
		logged "quad-$topo-links-swapped-message" \
			"carry links 2 1 3 4: assembled in link order" cabling 2134
		check "quad-$topo-links-swapped-listed" test "$(<"$CARD/quad_links")" = "2 1 3 4 reordered"
		cap8k "quad-$topo-links-swapped-reordered" UYVY uyvy 1
		logged "quad-$topo-links-fixed-message" \
			"assembled as link n (link_order fixed)" link_order fixed
		check "quad-$topo-links-fixed-listed" test "$(<"$CARD/quad_links")" = "2 1 3 4 out-of-order"
		capture_fails "quad-$topo-links-fixed-shows" "links 1 and 2 swapped, link_order fixed"
		logged "quad-$topo-links-auto-again" \
			"carry links 2 1 3 4: assembled in link order" link_order auto
		check "quad-$topo-link-order-auto" test "$(<"$CARD/link_order")" = auto
		if link_order bogus 2>/dev/null; then
			fail "quad-$topo-link-order-invalid" "bogus accepted"
		else
			check "quad-$topo-link-order-invalid" test "$(<"$CARD/link_order")" = auto
		fi
		if [ $topo = 2si ]; then
			logged quad-links-duplicate-message \
				"SDI 2 carries link 1, as another input does, and no input carries link 2" \
				cabling 1134
			check quad-links-duplicate-listed test "$(<"$CARD/quad_links")" = "1 1 3 4 duplicate"
			sleep 0.3
			if t=$(v4l2-ctl -d "$dev0" --query-dv-timings 2>&1); then
				fail quad-links-duplicate-query "QUERY_DV_TIMINGS succeeds with link 2 on no input"
			else
				pass quad-links-duplicate-query
			fi
			st=$(v4l2-ctl -d "$dev0" --list-inputs 2>&1 | sed -n 's/.*Status *: *//p')
			if [ -z "$st" ] || grep -q ok <<<"$st"; then
				fail quad-links-duplicate-status "input status '$st' with link 2 on no input"
			else
				pass "quad-links-duplicate-status ($st)"
			fi
		fi
		logged "quad-$topo-links-in-order-message" "carry links 1 2 3 4: in order" cabling 1234
		check "quad-$topo-links-in-order-listed" test "$(<"$CARD/quad_links")" = "1 2 3 4 in-order"
		sleep 0.3
		cap8k "quad-$topo-4320p25-put-right" UYVY uyvy 1
	fi
	if [ $topo = 2si ]; then
		# swapped while streaming: the stream goes on, and the frames a
		# second later are whole and consecutive
		out=$SCRATCH/live-swap.raw
		rm -f "$out"
		c0=$(sed -n 's/^captured //p' "$D/input0/stats")
		v4l2-ctl -d "$dev0" --set-dv-bt-timings query --set-fmt-video=pixelformat=UYVY \
			--stream-mmap=4 --stream-skip=25 --stream-count=2 --stream-to="$out" \
			>"$SCRATCH/live-swap.log" 2>&1 &
		bg=$!
		for ((i = 0; i < 50; i++)); do
			[ "$(sed -n 's/^captured //p' "$D/input0/stats")" != "$c0" ] && break
			sleep 0.2
		done
		n=$(log_count "carry links 2 1 3 4: assembled in link order")
		cabling 2134
		if ! wait "$bg"; then
			fail quad-links-swapped-live "v4l2-ctl: $(tail -n 3 "$SCRATCH/live-swap.log" | tr '\n' '|')"
		elif [ "$(log_count "carry links 2 1 3 4: assembled in link order")" -le "$n" ]; then
			fail quad-links-swapped-live "no 'carry links 2 1 3 4' in the kernel log while streaming"
		else
			verify quad-links-swapped-live "$out" uyvy 4320p25
		fi
		rm -f "$out"
		logged quad-links-live-in-order "carry links 1 2 3 4: in order" cabling 1234
	fi
	topology 4x1
done
echo 2si > "$D/source_mapping"

# sizes of an 8K frame in every format (scatter-gather buffers)
signal sdi8k-0 0 4320p59.94
topology 2si
sleep 0.5
v4l2-ctl -d "$dev0" --set-dv-bt-timings query >/dev/null 2>&1
sizes_ok=1
for spec in UYVY:15360:66355200 YUYV:15360:66355200 NV16:7680:66355200 \
	P010:15360:99532800 Y210:30720:132710400 v210:20480:88473600; do
	IFS=: read -r f bpl size <<<"$spec"
	got=$(v4l2-ctl -d "$dev0" --try-fmt-video=pixelformat="$f" 2>/dev/null)
	gb=$(sed -n 's/.*Bytes per Line *: *//p' <<<"$got")
	gs=$(sed -n 's/.*Size Image *: *//p' <<<"$got")
	if [ "$gb" != "$bpl" ] || [ "$gs" != "$size" ]; then
		sizes_ok=0
		fail "quad-sizes-$f" "bytesperline $gb (want $bpl), sizeimage $gs (want $size)"
	fi
done
[ "$sizes_ok" = 1 ] && pass quad-sizes

# 8K rasters listed only in quad topology, only 8K there
n8k=$(v4l2-ctl -d "$dev0" --list-dv-timings 2>&1 | grep -c "Active width: 7680")
nother=$(v4l2-ctl -d "$dev0" --list-dv-timings 2>&1 | grep -cE "Active width: (1920|3840)")
check quad-enum-dv-timings test "$n8k" -ge 5 -a "$nother" = 0

# ---- the other inputs in quad topology ----
# S_FMT and S_DV_TIMINGS answer EBUSY; so do REQBUFS and STREAMON (a
# v4l2-ctl stream on the node must not succeed: some v4l2-ctl versions wait
# on it rather than exit, hence the timeout)
if out=$(v4l2-ctl -d "$dev1" --set-fmt-video=pixelformat=UYVY 2>&1); then
	fail quad-input1-busy "input 1 took a format in quad topology"
elif grep -qi busy <<<"$out"; then
	pass quad-input1-busy
else
	fail quad-input1-busy "not EBUSY: $(tr '\n' '|' <<<"$out" | tail -c 200)"
fi
if timeout 2 v4l2-ctl -d "$dev1" --stream-mmap=4 --stream-count=1 \
	--stream-to="$SCRATCH/in1.raw" >/dev/null 2>&1 || [ -s "$SCRATCH/in1.raw" ]; then
	fail quad-input1-no-stream "input 1 streamed in quad topology"
else
	pass quad-input1-no-stream
fi
rm -f "$SCRATCH/in1.raw"
check quad-input1-querycap v4l2-ctl -d "$dev1" --info
dmesg | grep -q "input 1: link 2 of the quad-link 8K input" &&
	pass quad-input1-message || fail quad-input1-message "no kernel message naming input 0"

# ---- the group's audio (docs/hardware.md, "Embedded audio": link 1's):
# ALSA device 0 records it, 16 channels, every tone and marker right at
# 59.94 (a marker every 8008 samples); devices 1-3 refuse (EBUSY) ----
if command -v arecord >/dev/null && command -v sdi8k-audio-check >/dev/null; then
	serial=$(<"$CARD/serial")
	qpcm() { echo "hw:CARD=sdi8k${serial: -8},DEV=$1"; }
	qa=$SCRATCH/quad-audio.wav
	rm -f "$qa"
	if ! timeout 20 arecord -q -D "$(qpcm 0)" -c 16 -f S32_LE -r 48000 -d 1 \
		--buffer-time=1000000 "$qa" 2>"$SCRATCH/quad-audio.err"; then
		fail quad-audio-link1 "arecord: $(tr '\n' '|' <"$SCRATCH/quad-audio.err")"
	elif out=$(sdi8k-audio-check --min-seconds 0.9 --spacing 8008 "$qa" 2>&1); then
		pass "quad-audio-link1 (device 0: ${out%%:*})"
	else
		fail quad-audio-link1 "$out"
	fi
	rm -f "$qa"
	for d in 1 2 3; do
		if timeout 10 arecord -q -D "$(qpcm $d)" -c 2 -f S32_LE -r 48000 -d 1 \
			"$qa" 2>"$SCRATCH/quad-audio.err"; then
			fail quad-audio-links-busy "device $d recorded in quad topology"
			break
		elif ! grep -qi busy "$SCRATCH/quad-audio.err"; then
			fail quad-audio-links-busy "device $d: not EBUSY: $(tr '\n' '|' <"$SCRATCH/quad-audio.err")"
			break
		fi
		[ $d = 3 ] && pass quad-audio-links-busy
	done
	rm -f "$qa" "$SCRATCH/quad-audio.err"
else
	skip quad-audio "no arecord or sdi8k-audio-check here"
fi

# ---- link faults ----
qstat() { v4l2-ctl -d "$dev0" --list-inputs 2>&1 | sed -n 's/.*Status *: *//p'; }
fault_case() {
	local name=$1 what=$2 undo=$3 st frames0 frames1
	eval "$what"
	sleep 0.5
	st=$(qstat)
	if [ -z "$st" ] || grep -q ok <<<"$st"; then
		fail "quad-fault-$name-status" "input status '$st' with a broken group"
	else
		pass "quad-fault-$name-status"
	fi
	if v4l2-ctl -d "$dev0" --query-dv-timings >/dev/null 2>&1; then
		fail "quad-fault-$name-query" "QUERY_DV_TIMINGS succeeds with a broken group"
	else
		pass "quad-fault-$name-query"
	fi
	eval "$undo"
	sleep 0.5
	check "quad-fault-$name-recovers" v4l2-ctl -d "$dev0" --query-dv-timings
}
signal sdi8k-0 0 4320p25
sleep 0.3
fault_case missing "echo missing > $D/input2/link_fault" "echo none > $D/input2/link_fault"
fault_case skew "echo skew > $D/input3/link_fault" "echo none > $D/input3/link_fault"
fault_case rate "signal sdi8k-0 1 2160p50" "signal sdi8k-0 0 4320p25"

# no frames from a broken group while streaming, then frames again
v4l2-ctl -d "$dev0" --set-dv-bt-timings query --set-fmt-video=pixelformat=UYVY >/dev/null 2>&1
captured() { sed -n 's/^captured //p' "$D/input0/stats"; }
# count_moves N: waits up to 10 s for input 0's captured count to leave N
count_moves() {
	local i
	for ((i = 0; i < 50; i++)); do
		[ "$(captured)" != "$1" ] && return 0
		sleep 0.2
	done
	return 1
}
c0=$(captured)
v4l2-ctl -d "$dev0" --stream-mmap=4 --stream-count=1000 --stream-to=/dev/null >/dev/null 2>&1 &
bg=$!
count_moves "$c0"
echo missing > "$D/input1/link_fault"
sleep 1
a=$(captured)
sleep 1.5
b=$(captured)
echo none > "$D/input1/link_fault"
count_moves "$b"
c=$(captured)
kill "$bg" 2>/dev/null
wait "$bg" 2>/dev/null
if [ -n "$a" ] && [ "$a" = "$b" ] && [ "${c:-0}" -gt "${b:-0}" ]; then
	pass "quad-fault-no-frames (captured $a, $b while broken, $c after)"
else
	fail quad-fault-no-frames "captured '$a' then '$b' while broken, '$c' after recovery"
fi

# ---- compliance on input 0 in quad topology (25p: see 10-compliance.sh) ----
# On the newest leg (its v4l2-compliance the strictest) only: 25 s of
# buffer set-ups at 66 MB a frame in the emulated guest; 10-compliance.sh
# checks the node on every kernel in 4x1, and every leg streams 8K above.
if ! { [ "$LEG" = sid ] || [ "$LEG" = unknown ]; }; then
	:
elif command -v v4l2-compliance >/dev/null; then
	echo 0 > "$D/input0/timecode"
	signal sdi8k-0 0 4320p25
	sleep 0.5
	v4l2-ctl -d "$dev0" --set-dv-bt-timings query --set-fmt-video=pixelformat=UYVY >/dev/null 2>&1
	log=$SCRATCH/compliance-quad.txt
	v4l2-compliance -d "$dev0" -s 5 > "$log" 2>&1
	cp "$log" "$JOB/" 2>/dev/null
	compliance_verdict quad-compliance "$log"
	echo 1 > "$D/input0/timecode"
else
	skip quad-compliance "no v4l2-compliance"
fi

# ---- back to the defaults ----
topology 4x1
check quad-back-to-4x1 test "$(<"$CARD/topology")" = 4x1
for i in 0 1 2 3; do echo none > "$D/input$i/link_fault"; done
signal sdi8k-0 0 1080p59.94
signal sdi8k-0 1 2160p59.94
signal sdi8k-0 2 1080i50
signal sdi8k-0 3 1080p25
sleep 0.5
check quad-4x1-input1-streams v4l2-ctl -d "$dev1" --set-dv-bt-timings query \
	--stream-mmap=4 --stream-count=2 --stream-to=/dev/null
