#!/bin/bash
# HDR and ancillary data from the simulated card's wire to V4L2 (issue #4).
# For each flavour the card can send (SDR BT.709, HLG BT.2020, PQ BT.2020
# with ST 2086 mastering display and MaxCLL/MaxFALL in ST 2108-1): the
# format's colorimetry, the transfer-function control and the HDR10
# controls carry what was sent. A change of flavour mid-stream raises a
# control event. Every frame carries an ST 12-2 time code. Malformed
# packets (bad checksum, bad parity, a data count past the end) are
# counted, exactly as many as the card sent, and dropped; HDR10+ packets
# are well formed. The metadata node delivers each frame's packets with
# the video frame's sequence number. The bench fails the leg on any kernel
# warning.
. "$(dirname "$0")/lib/common.sh"
load_sdi8k || { fail hdr "module not loaded"; exit 0; }

IN=1
dev=$(node sdi8k-0 $IN)
D=$DBG/sdi8k-0/input$IN
signal sdi8k-0 $IN 2160p59.94
sleep 0.3
# earlier tests leave other formats on the node
v4l2-ctl -d "$dev" --set-dv-bt-timings query --set-fmt-video=pixelformat=UYVY >/dev/null 2>&1

fmt_field() { v4l2-ctl -d "$dev" --get-fmt-video | sed -n "s/^[[:space:]]*$1 *: //p"; }
ctrl() { v4l2-ctl -d "$dev" --get-ctrl "$1" | sed 's/^[^:]*: //; s/ .*//'; }
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
	expect "hdr-$hdr-colorspace" "$(fmt_field Colorspace)" "$cs"
	expect "hdr-$hdr-xfer-func" "$(fmt_field 'Transfer Function')" "$xfer"
	expect "hdr-$hdr-transfer-control" "$(ctrl transfer_function)" "$tf"
	# ST 352 byte 2 bits 5-4: the transfer characteristic, as sent
	vpid=$(ctrl st_352_payload_id)
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

# a flavour change mid-stream raises a control event with the new value
# (the waiter may subscribe late on a busy host: the flavour is switched
# again until it has seen an event)
v4l2-ctl -d "$dev" --stream-mmap --stream-count=100000 >/dev/null 2>&1 &
spid=$!
sleep 0.5
timeout 30 v4l2-ctl -d "$dev" --wait-for-event=ctrl=transfer_function \
	>"$SCRATCH/hdr-event.log" 2>&1 &
wpid=$!
for flavour in hlg pq hlg pq hlg; do
	sleep 1
	kill -0 $wpid 2>/dev/null || break
	echo $flavour >"$D/hdr"
done
wait $wpid
kill $spid 2>/dev/null
wait $spid 2>/dev/null
line=$(grep -i 'value' "$SCRATCH/hdr-event.log" | head -n 1 | tr -s ' \t' ' ')
if grep -qi 'value: [12]\b' "$SCRATCH/hdr-event.log"; then
	pass "hdr-change-event ($line)"
else
	fail hdr-change-event "$(tr '\n' '|' <"$SCRATCH/hdr-event.log")"
fi

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
# a frame holds ST 352, ATC, two ST 2108-1 packets and the user packet.
meta=""
for d in /sys/class/video4linux/video*; do
	[ "$(cat "$d/name")" = "sdi8k-0 input $IN meta" ] && meta=/dev/${d##*/}
done
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
	total=$(grep -E '^Total for ' "$SCRATCH/meta-compliance.log" | tail -n 1)
	if grep -q 'Failed: 0, Warnings: 0' <<<"$total"; then
		pass "anc-meta-compliance ($total)"
	else
		fail anc-meta-compliance "${total:-no totals} $(grep -E 'fail:|warn:' "$SCRATCH/meta-compliance.log" | head -n 3 | tr '\n' '|')"
	fi
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
		bad=$(awk '$4 != 5 || $6 != 0' "$SCRATCH/meta.txt" | head -n 2 | tr '\n' '|')
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
		while read -r _ seq _ _ _ _ _ counter; do
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
