#!/bin/bash
# HDR and ancillary data from the simulated card's wire to V4L2 (issue #4).
# For each flavour the card can send (SDR BT.709, HLG BT.2020, PQ BT.2020
# with ST 2086 mastering display and MaxCLL/MaxFALL in ST 2108-1): the
# format's colorimetry, the transfer-function control and the HDR10
# controls carry what was sent. A change of flavour mid-stream raises a
# control event. Every frame carries an ST 12-2 time code. Malformed
# packets (bad checksum, bad parity, a data count past the end) are
# counted, exactly as many as the card sent, and dropped; HDR10+ packets
# are well formed. The bench fails the leg on any kernel warning.
. "$(dirname "$0")/lib/common.sh"
load_sdi8k || { fail hdr "module not loaded"; exit 0; }

IN=1
dev=$(node sdi8k-0 $IN)
D=$DBG/sdi8k-0/input$IN
signal sdi8k-0 $IN 2160p59.94
sleep 0.3

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
v4l2-ctl -d "$dev" --stream-mmap --stream-count=90 >/dev/null 2>&1 &
spid=$!
sleep 0.5
timeout 20 v4l2-ctl -d "$dev" --wait-for-event=ctrl=transfer_function \
	>"$SCRATCH/hdr-event.log" 2>&1 &
wpid=$!
sleep 0.5
echo hlg >"$D/hdr"
wait $wpid
wait $spid
line=$(grep -i 'value' "$SCRATCH/hdr-event.log" | head -n 1 | tr -s ' \t' ' ')
if grep -qi 'value.*1\b\|value: 1' "$SCRATCH/hdr-event.log"; then
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

# back to the defaults for the later tests
echo 0 >"$D/hdr10plus"
echo sdr >"$D/hdr"
echo "1000 400" >"$D/cll"
