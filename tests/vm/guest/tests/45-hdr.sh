#!/bin/bash
# HDR and ancillary data from the simulated card's wire to V4L2 (issue #4).
# For each flavour the card can send (SDR BT.709, HLG BT.2020, PQ BT.2020
# with ST 2086 mastering display and MaxCLL/MaxFALL in ST 2108-1): the
# format's colorimetry, the transfer-function control and the HDR10
# controls carry what was sent. The ST 352 payload ID's colorimetry,
# range and ICtCp bits give the format's colorspace, Y'CbCr encoding and
# quantization (docs/ancillary.md section 2). A change of flavour
# mid-stream raises the source-change event and the transfer, light level
# and mastering display control events. v4l2_buffer.timecode follows the
# sequence numbers, frame pairs above 30 frames/s, drop frame at 59.94
# across a minute. Malformed packets (bad checksum, bad parity, a data
# count past the end) and packets with a bad payload (an ST 2108-1 frame
# length past the packet, a time code BCD digit out of range) are
# counted, exactly as many as the card sent, and dropped: the HDR10
# controls hold their values without an event; a mastering display that
# really stops is forgotten; a scripted one reads back exactly. HDR10+
# packets are well formed. The metadata node delivers each frame's
# packets with the video frame's sequence number. The bench fails the
# leg on any kernel warning.
. "$(dirname "$0")/lib/common.sh"
load_sdi8k || { fail hdr "module not loaded"; exit 0; }

IN=1
dev=$(node sdi8k-0 $IN)
D=$DBG/sdi8k-0/input$IN
signal sdi8k-0 $IN 2160p59.94
sleep 0.3
# earlier tests leave other formats on the node
v4l2-ctl -d "$dev" --set-dv-bt-timings query --set-fmt-video=pixelformat=UYVY >/dev/null 2>&1

ctrl() { v4l2-ctl -d "${2:-$dev}" --get-ctrl "$1" | sed 's/^[^:]*: //; s/ .*//'; }
simstat() { sed -n "s/^$1 //p" "${2:-$D}/stats"; }
stream() { # stream N LOG: capture N frames, verbose log
	v4l2-ctl -d "$dev" --stream-mmap --stream-count="$1" --verbose >"$2" 2>&1
}
expect() { # expect NAME GOT WANT
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got '$2', want '$3'"; fi
}

MDCV="mdcv 8500 39850 6550 2300 35400 14600 15635 16450 10000000 50"
echo "1000 400" >"$D/cll"
for f in "sdr|Rec. 709|Rec. 709|0|cll 0 0" \
	 "hlg|BT.2020|Rec. 709|1|cll 0 0" \
	 "pq|BT.2020|SMPTE 2084|2|cll 1000 400"; do
	IFS='|' read -r hdr cs xfer tf cll <<<"$f"
	echo "$hdr" >"$D/hdr"
	sleep 0.3
	stream 6 "$SCRATCH/hdr-$hdr.log"
	sleep 0.3
	out=$(v4l2-ctl -d "$dev" --get-fmt-video \
		--get-ctrl=transfer_function,colour_encoding,st_352_payload_id)
	# "NAME : VALUE"; a menu control's value without its name, "2 (PQ ...)"
	field() { sed -n "s/^[[:space:]]*$1 *: //p" <<<"$out" | sed 's/ (.*//'; }
	expect "hdr-$hdr-colorspace" "$(field Colorspace)" "$cs"
	expect "hdr-$hdr-xfer-func" "$(field 'Transfer Function')" "$xfer"
	expect "hdr-$hdr-ycbcr-enc" "$(field 'YCbCr[^:]*')" "$cs"
	expect "hdr-$hdr-quantization" "$(field Quantization)" "Limited Range"
	expect "hdr-$hdr-transfer-control" "$(field transfer_function)" "$tf"
	expect "hdr-$hdr-encoding-control" "$(field colour_encoding)" 0
	# ST 352 byte 2 bits 5-4: the transfer characteristic, as sent
	vpid=$(field st_352_payload_id)
	expect "hdr-$hdr-payload-id" "$(( (vpid >> 12) & 3 ))" "$tf"
	out=$(sdi8k-hdr-ctrls "$dev" 2>&1)
	expect "hdr-$hdr-cll" "$(sed -n 1p <<<"$out")" "$cll"
	if [ "$hdr" = pq ]; then
		expect "hdr-$hdr-mastering-display" "$(sed -n 2p <<<"$out")" "$MDCV"
	fi
	n=$(tr '\r' '\n' <"$SCRATCH/hdr-$hdr.log" | grep -c 'cap dqbuf.*(timecode')
	expect "hdr-$hdr-timecode-flag" "$n" 6
done

# MaxCLL/MaxFALL follow the wire
echo "4000 1000" >"$D/cll"
stream 6 "$SCRATCH/hdr-cll.log"
sleep 0.3
expect hdr-pq-cll-change "$(sdi8k-hdr-ctrls "$dev" | sed -n 1p)" "cll 4000 1000"

# --- the ST 352 payload ID decoded (docs/ancillary.md section 2) ----------
# "HDR COLORIMETRY RANGE ICTCP|Colorspace|Transfer Function|YCbCr Encoding|
# Quantization|encoding control": no streaming needed, the payload ID is
# read on SIGNAL_CHANGE. Colorimetry 1 (vanc) and 3 (unknown) fall back to
# BT.2020 for HLG and PQ, BT.709 for SDR.
dev2=$(node sdi8k-0 2)
vpid_case() { # vpid_case NAME INPUT NODE "HDR COL RANGE ICTCP" "CS|XFER|ENC|QUANT|ENCCTRL"
	local d=$DBG/sdi8k-0/input$2 h c r ic got
	read -r h c r ic <<<"$4"
	echo "$h" >"$d/hdr"
	echo "$c" >"$d/colorimetry"
	echo "$r" >"$d/range"
	echo "$ic" >"$d/ictcp"
	sleep 0.3
	# one v4l2-ctl run: the format, both controls; then the ICtCp bit as
	# sent (ST 352 byte 4 bit 4)
	got=$(v4l2-ctl -d "$3" --get-fmt-video --get-ctrl=colour_encoding,st_352_payload_id |
		awk -F ' *: *' '{ sub(/^[ \t]*/, "", $1) }
			$1 == "Colorspace" { cs = $2 } $1 == "Transfer Function" { xf = $2 }
			$1 ~ /^YCbCr/ { enc = $2 } $1 == "Quantization" { q = $2 }
			$1 == "colour_encoding" { split($2, e, " "); ec = e[1] }
			$1 == "st_352_payload_id" { v = $2 + 0; if (v < 0) v += 4294967296
				b4 = int(v / 16777216) % 256 }
			END { print cs "|" xf "|" enc "|" q "|" ec " bit " int(b4 / 16) % 2 }')
	expect "vpid-$1" "$got" "$5 bit $ic"
}
vpid_case pq-full $IN "$dev" "pq auto full 0" "BT.2020|SMPTE 2084|BT.2020|Full Range|0"
vpid_case hlg-unknown $IN "$dev" "hlg unknown limited 0" "BT.2020|Rec. 709|BT.2020|Limited Range|0"
vpid_case sdr-unknown-full $IN "$dev" "sdr unknown full 0" "Rec. 709|Rec. 709|Rec. 709|Full Range|0"
vpid_case sdr-vanc $IN "$dev" "sdr vanc limited 0" "Rec. 709|Rec. 709|Rec. 709|Limited Range|0"
vpid_case sdr-bt2020 $IN "$dev" "sdr bt2020 limited 0" "BT.2020|Rec. 709|BT.2020|Limited Range|0"
vpid_case pq-ictcp $IN "$dev" "pq auto limited 1" "BT.2020|SMPTE 2084|BT.2020|Limited Range|1"
vpid_case default $IN "$dev" "sdr auto limited 0" "Rec. 709|Rec. 709|Rec. 709|Limited Range|0"
# 1.5G (input 2, 1080i50): colorimetry in byte 3 bits 7 and 4; full range
# cannot be signalled (bits 1-0 are 8- or 10-bit), so it stays limited
vpid_case 1g5-bt2020 2 "$dev2" "sdr bt2020 full 0" "BT.2020|Rec. 709|BT.2020|Limited Range|0"
vpid_case 1g5-default 2 "$dev2" "sdr auto limited 0" "Rec. 709|Rec. 709|Rec. 709|Limited Range|0"

# --- time codes against sequence numbers (ST 12-1 / 12-2) ---------------
# on input 0: sdi8k-timecodes prints each buffer's v4l2_buffer.timecode
# and the frame number its label stands for; in a consecutive stream the
# label advances with the sequence (C - S constant). 1080p50 counts frame
# pairs (frames 0..49 in V4L2, the field mark on the second of a pair);
# 1080p59.94 is drop frame: the time code offset puts 00:01:00;02 a few
# frames ahead while the capture runs, so labels ;00 and ;01 of minute 1
# must be skipped.
D0=$DBG/sdi8k-0/input0
dev0=$(node sdi8k-0 0)
tc_check() { # tc_check NAME LOG TYPE DF [JUMPS]: every frame, constant C - S
	awk -v type="$3" -v df="$4" -v jumps="${5:-0}" '
		$4 == "none" { print "seq " $2 ": no time code"; bad = 1; exit }
		$6 != type { print "seq " $2 ": type " $6; bad = 1; exit }
		($8 % 2 != df) { print "seq " $2 ": flags " $8; bad = 1; exit }
		{ d = $10 - $2; if (n && d != last) j++; last = d; n++ }
		END { if (!bad && j > jumps) print j " jumps of label - sequence"
		      else if (!bad && n < 20) print "only " n " frames" }' "$2" >"$2.bad"
	if [ -s "$2.bad" ]; then
		fail "$1" "$(head -c 300 "$2.bad") | $(head -n 3 "$2" | tr '\n' '|')"
	else
		pass "$1 ($(sed -n '1s/^seq [0-9]* tc \([^ ]*\).*/\1/p' "$2") ..)"
	fi
}
signal sdi8k-0 0 1080p50
sleep 0.3
v4l2-ctl -d "$dev0" --set-dv-bt-timings query --set-fmt-video=pixelformat=UYVY >/dev/null 2>&1
sdi8k-timecodes "$dev0" 40 >"$SCRATCH/tc-50.log" 2>&1
tc_check timecode-1080p50-pairs "$SCRATCH/tc-50.log" 4 0
# the pairs: each label twice, frames 2k then 2k+1
pairs=$(awk '{ split($4, t, /[:;]/); f = t[4] + 0
	if (n && $2 == ps + 1 && f != (pf + 1) % 50) { print "seq " $2 ": frames " pf " then " f; exit }
	pf = f; ps = $2; n++ }' "$SCRATCH/tc-50.log")
[ -z "$pairs" ] && pass timecode-1080p50-frames-step || fail timecode-1080p50-frames-step "$pairs"

signal sdi8k-0 0 1080p59.94
sleep 0.3
v4l2-ctl -d "$dev0" --set-dv-bt-timings query --set-fmt-video=pixelformat=UYVY >/dev/null 2>&1
sdi8k-timecodes "$dev0" 160 >"$SCRATCH/tc-5994.log" 2>&1 &
tpid=$!
for _ in $(seq 100); do
	[ "$(wc -l <"$SCRATCH/tc-5994.log")" -ge 3 ] && break
	sleep 0.1
done
# frame number f gets the label of f + offset: put frame 3600 (00:01:00;02,
# the first label of minute 1) 40 frames ahead; 5178816 frames a day
fc=$(simstat frame_count "$D0")
echo $(( ((3600 - 40 - fc) % 5178816 + 5178816) % 5178816 )) >"$D0/timecode_offset"
wait $tpid
echo 0 >"$D0/timecode_offset"
tc_check timecode-5994-drop-frame "$SCRATCH/tc-5994.log" 5 1 1
# the capture spans the minute (a frame the guest drops is a sequence gap,
# which the constant C - S above already accounts for); minute 1 starts at
# label ;02 (V4L2 frames 4 and 5): no ;00 or ;01
last59=$(grep ' tc 00:00:59;' "$SCRATCH/tc-5994.log" | tail -n 1 | cut -d' ' -f4)
first100=$(grep -m 1 ' tc 00:01:00;' "$SCRATCH/tc-5994.log" | cut -d' ' -f4)
skipped=$(grep -c ' tc 00:01:00;0[0-3] ' "$SCRATCH/tc-5994.log")
if [ -n "$last59" ] && [ -n "$first100" ] && [ "$skipped" = 0 ]; then
	pass "timecode-5994-minute-drop ($last59 then $first100)"
else
	fail timecode-5994-minute-drop "last of minute 0 '$last59', first of minute 1 '$first100', ;00-;01 labels: $skipped: $(grep -m 3 ' tc 00:0[01]:' "$SCRATCH/tc-5994.log" | tr '\n' '|')"
	cp "$SCRATCH/tc-5994.log" "$JOB/" 2>/dev/null
fi
signal sdi8k-0 0 1080p59.94

# --- a flavour change mid-stream: source change and control events ------
# sdr -> pq: the payload ID changes (source change, transfer function),
# then the frames bring the light levels and the mastering display
# (value and, from inactive, flags); pq -> hlg: the metadata is forgotten
# at once (light levels 0, mastering display inactive).
echo sdr >"$D/hdr"
sleep 0.3
v4l2-ctl -d "$dev" --stream-mmap --stream-count=100000 >/dev/null 2>&1 &
spid=$!
sleep 0.5
flavour_events() { # flavour_events NAME FLAVOUR
	local log=$SCRATCH/hdr-events-$2.log
	sdi8k-events "$dev" -t 30 --until-all source_change ctrl:transfer \
		ctrl:cll ctrl:mdcv >"$log" 2>&1 &
	local epid=$!
	for _ in $(seq 100); do grep -q '^ready' "$log" && break; sleep 0.1; done
	echo "$2" >"$D/hdr"
	if wait $epid; then
		pass "$1 ($(grep -c . "$log") lines)"
	else
		fail "$1" "$(tr '\n' '|' <"$log")"
	fi
}
flavour_events hdr-change-events-sdr-pq pq
tf=$(sed -n 's/^ctrl transfer .* value=\([0-9]*\)$/\1/p' "$SCRATCH/hdr-events-pq.log" | tail -n 1)
expect hdr-change-event-transfer-value "$tf" 2
for _ in $(seq 50); do
	[ "$(sdi8k-hdr-ctrls "$dev" | sed -n 3p)" = "mdcv-active 1" ] && break
	sleep 0.1
done
expect hdr-change-mastering-after-event "$(sdi8k-hdr-ctrls "$dev" | sed -n 2,3p | tr '\n' ' ')" "$MDCV mdcv-active 1 "
flavour_events hdr-change-events-pq-hlg hlg
# the mastering display went inactive: a flags change with the flag
flags=$(awk '$2 == "mdcv" && int(substr($3, 9) / 2) % 2 { print substr($4, 7) }' "$SCRATCH/hdr-events-hlg.log" | tail -n 1)
expect hdr-change-mastering-inactive-event "$(( ${flags:-0} & 0x10 ))" 16
expect hdr-change-hlg-cleared "$(sdi8k-hdr-ctrls "$dev" | sed -n '1p;3p' | tr '\n' ' ')" "cll 0 0 mdcv-active 0 "
kill $spid 2>/dev/null
wait $spid 2>/dev/null

# malformed packets: counted exactly, dropped, nothing else disturbed
echo pq >"$D/hdr"
sleep 0.3
for kind in checksum parity length; do
	echo "$kind" >"$D/malformed"
	stream 10 "$SCRATCH/hdr-bad-$kind.log"
	echo none >"$D/malformed"
	sleep 0.2
	sent=$(sed -n 's/^anc_malformed_sent //p' "$D/stats")
	expect "anc-malformed-$kind-counted" "$(ctrl malformed_anc_packets)" "$sent"
	[ "${sent:-0}" -ge 10 ] || fail "anc-malformed-$kind-sent" "card sent $sent"
done
expect anc-malformed-hdr-intact "$(sdi8k-hdr-ctrls "$dev" | sed -n 1p)" "cll 4000 1000"

# --- bad payloads: an ST 2108-1 frame length past the packet -------------
# the card sends, in place of the static packet, a valid DCI-P3 mastering
# display followed by a light level frame that runs past the packet: the
# whole packet is rejected (nothing of it reaches the controls), counted
# as a bad payload, and the held HDR10 values stay, with no control event.
b0=$(ctrl bad_payload_anc_packets)
s0=$(simstat anc_bad_payload_sent)
m0=$(ctrl malformed_anc_packets)
ms0=$(simstat anc_malformed_sent)
before=$(sdi8k-hdr-ctrls "$dev" | tr '\n' ' ')
sdi8k-events "$dev" -t 60 ctrl:cll ctrl:mdcv >"$SCRATCH/hdr-hold-events.log" 2>&1 &
epid=$!
for _ in $(seq 100); do grep -q '^ready' "$SCRATCH/hdr-hold-events.log" && break; sleep 0.1; done
echo st2108 >"$D/malformed"
stream 20 "$SCRATCH/hdr-bad-st2108.log"
echo none >"$D/malformed"
kill $epid 2>/dev/null
wait $epid 2>/dev/null
expect anc-bad-st2108-no-events "$(grep -c '^ctrl' "$SCRATCH/hdr-hold-events.log")" 0
expect anc-bad-st2108-hdr-held "$(sdi8k-hdr-ctrls "$dev" | tr '\n' ' ')" "$before"
# (the P3 mastering display of the rejected packet would read 13250 34500 ...)
sent=$(( $(simstat anc_bad_payload_sent) - s0 ))
expect anc-bad-st2108-counted "$(( $(ctrl bad_payload_anc_packets) - b0 ))" "$sent"
[ "$sent" -ge 20 ] || fail anc-bad-st2108-sent "card sent $sent"

# --- bad payloads: a time code with a BCD digit out of range --------------
s1=$(simstat anc_bad_payload_sent)
b1=$(ctrl bad_payload_anc_packets)
echo atc >"$D/malformed"
sdi8k-timecodes "$dev" 10 >"$SCRATCH/hdr-bad-atc.log" 2>&1
echo none >"$D/malformed"
expect anc-bad-atc-no-timecode "$(grep -c ' tc none$' "$SCRATCH/hdr-bad-atc.log")" 10
sent=$(( $(simstat anc_bad_payload_sent) - s1 ))
expect anc-bad-atc-counted "$(( $(ctrl bad_payload_anc_packets) - b1 ))" "$sent"
[ "$sent" -ge 10 ] || fail anc-bad-atc-sent "card sent $sent"
# a bad payload is not a malformed envelope
expect anc-bad-payload-not-malformed "$(( $(ctrl malformed_anc_packets) - m0 ))" \
	"$(( $(simstat anc_malformed_sent) - ms0 ))"
sdi8k-timecodes "$dev" 4 >"$SCRATCH/hdr-atc-back.log" 2>&1
expect anc-atc-back "$(grep -c ' tc none$' "$SCRATCH/hdr-atc-back.log")" 0

# --- the mastering display: out of range, gone, scripted ------------------
# white point x 60000 (> 50000): a bad payload, the controls hold
b2=$(ctrl bad_payload_anc_packets)
echo "8500 39850 6550 2300 35400 14600 60000 16450 10000000 50" >"$D/mdcv"
stream 6 "$SCRATCH/hdr-mdcv-bad.log"
expect anc-mdcv-out-of-range-held "$(sdi8k-hdr-ctrls "$dev" | sed -n 2,3p | tr '\n' ' ')" "$MDCV mdcv-active 1 "
[ $(( $(ctrl bad_payload_anc_packets) - b2 )) -ge 6 ] && pass anc-mdcv-out-of-range-counted ||
	fail anc-mdcv-out-of-range-counted "$(( $(ctrl bad_payload_anc_packets) - b2 )) bad payloads"
# no mastering display any more (light levels still sent): forgotten once
# it has been missing from about a second of clean frames
echo none >"$D/mdcv"
stream 90 "$SCRATCH/hdr-mdcv-none.log"
expect anc-mdcv-gone "$(sdi8k-hdr-ctrls "$dev" | sed -n '1p;3p' | tr '\n' ' ')" "cll 4000 1000 mdcv-active 0 "
# a scripted one: DCI-P3, D65, 1234.5678 / 0.0007 cd/m2, read back exactly
SCRIPTED="13250 34500 7500 3000 34000 16000 15635 16450 12345678 7"
echo "$SCRIPTED" >"$D/mdcv"
expect anc-mdcv-knob "$(<"$D/mdcv")" "$SCRIPTED"
stream 6 "$SCRATCH/hdr-mdcv-scripted.log"
expect anc-mdcv-scripted "$(sdi8k-hdr-ctrls "$dev" | sed -n 2,3p | tr '\n' ' ')" "mdcv $SCRIPTED mdcv-active 1 "
echo "8500 39850 6550 2300 35400 14600 15635 16450 10000000 50" >"$D/mdcv"

# HDR10+ (ST 2094-40 in ST 2108-1) packets are well formed
before=$(ctrl malformed_anc_packets)
echo 1 >"$D/hdr10plus"
stream 10 "$SCRATCH/hdr-hdr10plus.log"
sleep 0.2
expect anc-hdr10plus-well-formed "$(ctrl malformed_anc_packets)" "$before"

# The metadata node: every frame's packets with the video frame's sequence.
# Both nodes stream at once; each metadata buffer's user packet carries the
# picture's frame counter, which must equal the counter sdi8k-verify reads
# from the video frame of the same sequence number. With HDR10+ and PQ on,
# a frame holds ST 352, ATC, two ST 2108-1 packets, the caption packet
# (ST 334-2 CDP) and the user packet.
meta=$(meta_node sdi8k-0 "$IN")
if [ -z "$meta" ]; then
	fail anc-meta-node "no node named 'sdi8k-0 input $IN meta'"
else
	# the metadata node delivers while the video node streams
	v4l2-ctl -d "$dev" --stream-mmap --stream-count=100000 >/dev/null 2>&1 &
	vpid=$!
	sleep 0.5
	timeout 120 v4l2-compliance -d "$meta" -s 5 >"$SCRATCH/meta-compliance.log" 2>&1
	kill $vpid 2>/dev/null
	wait $vpid 2>/dev/null
	compliance_verdict anc-meta-compliance "$SCRATCH/meta-compliance.log"
	rm -f "$SCRATCH/meta.bin" "$SCRATCH/meta-video.raw"
	timeout 60 v4l2-ctl -d "$meta" --stream-mmap --stream-count=20 \
		--stream-to="$SCRATCH/meta.bin" >"$SCRATCH/meta.log" 2>&1 &
	mpid=$!
	sleep 0.5
	v4l2-ctl -d "$dev" --stream-mmap=8 --stream-count=24 --verbose \
		--stream-to="$SCRATCH/meta-video.raw" >"$SCRATCH/meta-video.log" 2>&1
	wait $mpid
	if ! sdi8k-anc-check "$SCRATCH/meta.bin" >"$SCRATCH/meta.txt" 2>"$SCRATCH/meta.err"; then
		fail anc-meta-format "$(tr '\n' '|' <"$SCRATCH/meta.err")"
	else
		pass anc-meta-format
		n=$(wc -l <"$SCRATCH/meta.txt")
		expect anc-meta-frames "$n" 20
		bad=$(awk '$4 != 6 || $6 != 0 || $8 != 0' "$SCRATCH/meta.txt" | head -n 2 | tr '\n' '|')
		[ -z "$bad" ] && pass anc-meta-packets || fail anc-meta-packets "$bad"
		# video: sequence of each frame in file order, and its counter
		dqbuf_seqs "$SCRATCH/meta-video.log" >"$SCRATCH/meta-vseq.txt"
		# "INDEX COUNTER" of each video frame, then "SEQUENCE COUNTER"
		sdi8k-verify --format UYVY --width 3840 --height 2160 -v \
			"$SCRATCH/meta-video.raw" 2>/dev/null |
			sed -n 's/^frame \([0-9]*\): counter=\([0-9]*\).*/\1 \2/p' >"$SCRATCH/meta-vcnt.txt"
		awk 'NR == FNR { seq[FNR - 1] = $1; next } ($1 in seq) { print seq[$1], $2 }' \
			"$SCRATCH/meta-vseq.txt" "$SCRATCH/meta-vcnt.txt" >"$SCRATCH/meta-vmap.txt"
		matched=0 wrong=""
		while read -r _ seq _ _ _ _ _ _ _ counter; do
			v=$(awk -v s="$seq" '$1 == s { print $2 }' "$SCRATCH/meta-vmap.txt")
			[ -n "$v" ] || continue
			if [ "$v" = "$counter" ]; then matched=$((matched + 1))
			else wrong="$wrong seq $seq: meta $counter video $v;"; fi
		done <"$SCRATCH/meta.txt"
		if [ -z "$wrong" ] && [ "$matched" -ge 10 ]; then
			pass "anc-meta-matches-video ($matched frames)"
		else
			fail anc-meta-matches-video "$matched matched;$wrong"
			cp "$SCRATCH"/meta*.txt "$SCRATCH/meta-video.log" "$JOB/" 2>/dev/null
		fi
	fi
fi

# back to the defaults for the later tests
echo 0 >"$D/hdr10plus"
echo sdr >"$D/hdr"
echo "1000 400" >"$D/cll"
