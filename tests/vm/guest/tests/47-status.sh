#!/bin/bash
# sdi8k-status and sdi8k-capture --metadata on the simulated card (issue #4):
# for each HDR flavour (sdr, hlg, pq) set through debugfs, `sdi8k-status
# --json` shows the transfer function, colorimetry and HDR static metadata
# the driver's controls hold (and the simulator sends, docs/simulator.md);
# the payload ID is decoded consistently with the raster; the format's
# Y'CbCr encoding and quantization and the colour encoding follow the
# payload ID (full range, ICtCp); a scripted mastering display reads back
# exactly; the counts of malformed, bad-payload and overflowed packets are
# shown in text and JSON; --watch prints a
# change when the flavour changes and ends cleanly on SIGINT; the capture
# sidecar has one JSON line per video frame, with consecutive sequences and
# time codes one frame apart, and HDR10+ when hdr10plus is 1; -d SERIAL:N
# resolves. The simulator is left at its defaults.
. "$(dirname "$0")/lib/common.sh"
load_sdi8k || { fail status "module not loaded"; exit 0; }
command -v sdi8k-status >/dev/null || { fail status "no sdi8k-status in $BIN"; exit 0; }

# earlier tests leave other signals, timings and formats behind: start
# from the load-time state of every input (signal, node timings, UYVY, SDR)
defaults="1080p59.94 2160p59.94 1080i50 1080p25"
i=0
for r in $defaults; do
	signal sdi8k-0 $i "$r"
	echo sdr >"$DBG/sdi8k-0/input$i/hdr"
	echo 0 >"$DBG/sdi8k-0/input$i/hdr10plus"
	i=$((i + 1))
done
sleep 0.5
for i in 0 1 2 3; do
	v4l2-ctl -d "$(node sdi8k-0 $i)" --set-dv-bt-timings query \
		--set-fmt-video=pixelformat=UYVY >/dev/null 2>&1
done

W=$SCRATCH/status
mkdir -p "$W"
IN=1
dev=$(node sdi8k-0 $IN)
D=$DBG/sdi8k-0/input$IN
serial=$(<"/sys/class/video4linux/${dev##*/}/device/serial")

expect() { # expect NAME GOT WANT
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got '$2', want '$3'"; fi
}
# jget KEY FILE: the first value of "KEY" in sdi8k-status's pretty JSON
# (one member a line; the keys the test reads are unique in an input)
# (builtins only: three processes a value cost about 0.3 s in the guest)
jget() {
	local line v re="^ *\"$1\": (.*)$"
	while IFS= read -r line; do
		if [[ $line =~ $re ]]; then
			v=${BASH_REMATCH[1]}
			v=${v%,}
			v=${v#\"}
			printf '%s\n' "${v%\"}"
			return 0
		fi
	done <"$2"
}
ctrl() { v4l2-ctl -d "$dev" --get-ctrl "$1" | sed 's/^[^:]*: //; s/ .*//'; }
fmt_field() { v4l2-ctl -d "$dev" --get-fmt-video | sed -n "s/^[[:space:]]*$1 *: //p"; }
valid_json() { # valid_json FILE: python3 checks it when the guest has it
	if command -v python3 >/dev/null; then
		python3 -m json.tool "$1" >/dev/null
	else
		grep -q '^{' "$1" && tail -n 1 "$1" | grep -q '^}$'
	fi
}

# The tools' own arguments, --watch's output and error paths are the same
# on every kernel: on the matrix leg (common.sh), make check's time budget.
# --- arguments and the no-card cases -------------------------------------
if matrix_leg; then
sdi8k-status --bogus >/dev/null 2>"$W/usage.err"
expect status-bad-option-exit $? 2
sdi8k-status -d 7:0 >/dev/null 2>"$W/nocard.err"
rc=$?
if [ $rc = 1 ] && grep -q "7:0" "$W/nocard.err"; then
	pass status-no-such-card
else
	fail status-no-such-card "exit $rc: $(<"$W/nocard.err")"
fi
fi

# --- every input, text and JSON ------------------------------------------
if sdi8k-status >"$W/all.txt" 2>"$W/all.err" &&
   [ "$(grep -c '^sdi8k-0 input' "$W/all.txt")" = 4 ]; then
	pass status-all-inputs
else
	fail status-all-inputs "$(head -c 400 "$W/all.txt" "$W/all.err" | tr '\n' '|')"
fi
if sdi8k-status --json --no-timecode >"$W/all.json" 2>&1 && valid_json "$W/all.json"; then
	pass status-all-json
else
	fail status-all-json "$(head -c 300 "$W/all.json" | tr '\n' '|')"
fi

# --- -d SERIAL:N ------------------------------------------------------------
if [ -n "$serial" ] && sdi8k-status -d "$serial:$IN" --json >"$W/serial.json" 2>&1 &&
   [ "$(jget node "$W/serial.json")" = "$dev" ]; then
	pass status-serial-spec
else
	fail status-serial-spec "serial '$serial': $(head -c 300 "$W/serial.json" | tr '\n' '|')"
fi

# --- the payload ID against the raster, on every default raster ----------
for i in 0 1 2 3; do
	f=$W/vpid-$i.json
	sdi8k-status -d "sdi8k-0:$i" --json --no-timecode >"$f" 2>&1
	h=$(jget height "$f")
	vh=$(jget vpid_height "$f")
	il=$(jget interlaced "$f")
	scan=$(jget scan "$f")
	rate="$(jget fps_num "$f")/$(jget fps_den "$f")"
	vrate="$(jget rate_num "$f")/$(jget rate_den "$f")"
	want_scan=progressive
	[ "$il" = true ] && want_scan=interlaced
	# 1080-line: 1.5G up to 30 frames/s, 3G-A above; 2160-line: 12G
	want_if=1.5G
	[ $(( $(jget fps_num "$f") > 30 * $(jget fps_den "$f") )) = 1 ] && want_if=3G-A
	[ "$h" = 2160 ] && want_if=12G
	got="$vh $scan $vrate $(jget interface "$f")"
	expect "status-vpid-raster-in$i" "$got" "$h $want_scan $rate $want_if"
done

# --- each flavour: sdi8k-status says what the controls say ----------------
MDCV="mdcv 8500 39850 6550 2300 35400 14600 15635 16450 10000000 50"
echo "1000 400" >"$D/cll"
for f in "sdr|rec709|709|0|BT.709" "hlg|bt2020|709|1|BT.2020" "pq|bt2020|smpte2084|2|BT.2020"; do
	IFS='|' read -r hdr cs xfer tf vcol <<<"$f"
	echo "$hdr" >"$D/hdr"
	sleep 0.5
	j=$W/hdr-$hdr.json
	if ! sdi8k-status -d "$serial:$IN" --json >"$j" 2>"$W/hdr-$hdr.err" || ! valid_json "$j"; then
		fail "status-$hdr-run" "$(head -c 300 "$j" "$W/hdr-$hdr.err" | tr '\n' '|')"
		continue
	fi
	pass "status-$hdr-run"
	# the driver's view, through v4l2-ctl
	ctf=$(ctrl transfer_function)
	ccs=$(fmt_field Colorspace)
	cxf=$(fmt_field 'Transfer Function')
	vpid=$(ctrl st_352_payload_id)
	expect "status-$hdr-transfer" "$(jget transfer "$j")" "$hdr"
	expect "status-$hdr-transfer-control" "$ctf" "$tf"
	expect "status-$hdr-colorspace" "$(jget colorspace "$j") ($ccs)" \
		"$cs ($( [ "$cs" = rec709 ] && echo 'Rec. 709' || echo BT.2020))"
	expect "status-$hdr-xfer-func" "$(jget xfer_func "$j") ($cxf)" \
		"$xfer ($( [ "$xfer" = 709 ] && echo 'Rec. 709' || echo 'SMPTE 2084'))"
	# Y'CbCr encoding follows the colorspace; limited range, Y'CbCr
	expect "status-$hdr-ycbcr-quant" \
		"$(jget ycbcr_enc "$j") ($(fmt_field 'YCbCr[^:]*')) $(jget quantization "$j") ($(fmt_field Quantization)) $(jget color_encoding "$j")" \
		"$( [ "$cs" = rec709 ] && echo '709 (Rec. 709)' || echo 'bt2020 (BT.2020)') lim-range (Limited Range) ycbcr"
	expect "status-$hdr-payload-hex" "$(jget hex "$j")" "$(printf '0x%08x' "$vpid")"
	expect "status-$hdr-payload-decoded" \
		"$(jget vpid_transfer "$j") $(jget vpid_colorimetry "$j")" "$hdr $vcol"
	hc=$(sdi8k-hdr-ctrls "$dev" 2>&1)
	cll=$(sed -n 1p <<<"$hc")
	expect "status-$hdr-cll" "cll $(jget max_cll "$j") $(jget max_fall "$j")" "$cll"
	if [ "$hdr" = pq ]; then
		expect "status-pq-cll-value" "$cll" "cll 1000 400"
		expect "status-pq-mastering-control" "$(sed -n 2p <<<"$hc")" "$MDCV"
		# the control's raw values in human units, as the status shows them
		want=$(sed -n 2p <<<"$hc" | awk '{printf "%.5f %.5f %.5f %.5f %.5f %.5f %.5f %.5f %.4f %.4f",
			$6*0.00002, $7*0.00002, $2*0.00002, $3*0.00002, $4*0.00002, $5*0.00002,
			$8*0.00002, $9*0.00002, $10*0.0001, $11*0.0001}')
		got=""
		for k in red_x red_y green_x green_y blue_x blue_y white_x white_y \
			 max_luminance min_luminance; do
			got="$got $(jget $k "$j")"
		done
		expect status-pq-mastering "${got# }" "$want"
		expect status-pq-mastering-doc "${got# }" \
			"0.70800 0.29200 0.17000 0.79700 0.13100 0.04600 0.31270 0.32900 1000.0000 0.0050"
	else
		expect "status-$hdr-no-mastering" "$(jget mastering_display "$j")" null
	fi
	tc=$(jget value "$j")
	if [ "$(jget timecode_state "$j")" = ok ] &&
	   [[ "$tc" =~ ^[0-2][0-9]:[0-5][0-9]:[0-5][0-9][:\;][0-9][0-9]$ ]]; then
		pass "status-$hdr-timecode"
	else
		fail "status-$hdr-timecode" "state $(jget timecode_state "$j") value '$tc'"
	fi
done

# --- full range and ICtCp, as the payload ID says ------------------------
echo pq >"$D/hdr"
echo full >"$D/range"
echo 1 >"$D/ictcp"
sleep 0.5
sdi8k-status -d "$dev" --json --no-timecode >"$W/full.json" 2>&1
sdi8k-status -d "$dev" --no-timecode >"$W/full.txt" 2>&1
expect status-full-ictcp-json \
	"$(jget quantization "$W/full.json") ($(fmt_field Quantization)) $(jget color_encoding "$W/full.json") ($(ctrl colour_encoding)) $(jget vpid_full_range "$W/full.json") $(jget vpid_ictcp "$W/full.json")" \
	"full-range (Full Range) ictcp (1) true true"
if grep -q ': 12G 2160p59.94 4:2:2 10-bit full BT.2020 PQ ICtCp$' "$W/full.txt" &&
   grep -q 'encoding bt2020 (ICtCp), full-range$' "$W/full.txt"; then
	pass status-full-ictcp-text
else
	fail status-full-ictcp-text "$(grep -E 'payload|colorimetry' "$W/full.txt" | tr '\n' '|')"
fi
echo limited >"$D/range"
echo 0 >"$D/ictcp"

# --- a scripted mastering display, read back exactly in JSON --------------
# (sdi8k-status streams a few frames for the time code, then re-reads)
SCRIPTED="13250 34500 7500 3000 34000 16000 15635 16450 12345678 7"
echo "$SCRIPTED" >"$D/mdcv"
sdi8k-status -d "$dev" --json >"$W/mdcv.json" 2>&1
want=$(awk '{printf "%.5f %.5f %.5f %.5f %.5f %.5f %.5f %.5f %.4f %.4f",
	$5*0.00002, $6*0.00002, $1*0.00002, $2*0.00002, $3*0.00002, $4*0.00002,
	$7*0.00002, $8*0.00002, $9*0.0001, $10*0.0001}' <<<"$SCRIPTED")
got=""
for k in red_x red_y green_x green_y blue_x blue_y white_x white_y \
	 max_luminance min_luminance; do
	got="$got $(jget $k "$W/mdcv.json")"
done
expect status-mdcv-scripted "${got# }" "$want"
expect status-mdcv-scripted-control "$(sdi8k-hdr-ctrls "$dev" | sed -n 2p)" "mdcv $SCRIPTED"
echo "8500 39850 6550 2300 35400 14600 15635 16450 10000000 50" >"$D/mdcv"

# a busy input is reported busy, the rest of its state still shown
v4l2-ctl -d "$dev" --stream-mmap --stream-count=100000 >/dev/null 2>&1 &
spid=$!
sleep 1.5
sdi8k-status -d "$dev" --json >"$W/busy.json" 2>&1
rc=$?
kill $spid 2>/dev/null
wait $spid 2>/dev/null
expect status-busy "$rc $(jget timecode_state "$W/busy.json") $(jget transfer "$W/busy.json")" "0 busy pq"

# --- --watch: a flavour change is printed; SIGINT ends it cleanly ---------
if matrix_leg; then
echo sdr >"$D/hdr"
sleep 0.5
sdi8k-status -d "$dev" --watch --json --no-timecode --interval 200 >"$W/watch.log" 2>&1 &
wpid=$!
# watch_shows TRANSFER: waits up to 5 s for a report of that transfer (the
# first, full one is indented JSON)
watch_shows() { wait_log "$W/watch.log" "\"transfer\": *\"$1\"" "$wpid" 5; }
watch_shows sdr
echo hlg >"$D/hdr"
watch_shows hlg
echo pq >"$D/hdr"
watch_shows pq
kill -INT $wpid
wait $wpid
rc=$?
n_hlg=$(grep -c '"transfer":"hlg"' "$W/watch.log")
n_pq=$(grep -c '"transfer":"pq"' "$W/watch.log")
if [ $rc = 0 ] && [ "$n_hlg" -ge 1 ] && [ "$n_pq" -ge 1 ]; then
	pass status-watch
else
	fail status-watch "exit $rc, hlg lines $n_hlg, pq lines $n_pq: $(tail -c 300 "$W/watch.log" | tr '\n' '|')"
fi
fi

# --- sdi8k-capture --metadata ---------------------------------------------
# input 3 (1080p25: one time code label a frame, no drop frame), PQ + HDR10+
IN3=3
dev3=$(node sdi8k-0 $IN3)
D3=$DBG/sdi8k-0/input$IN3
echo pq >"$D3/hdr"
echo 1 >"$D3/hdr10plus"
sleep 0.5
N=12
rm -f "$W/side.raw" "$W/side.jsonl"
if timeout 120 sdi8k-capture -d "$serial:$IN3" -f uyvy -n $N -b 16 --raw -q \
	-o "$W/side.raw" --metadata "$W/side.jsonl" 2>"$W/side.log"; then
	pass capture-metadata-run
else
	fail capture-metadata-run "$(tail -n 3 "$W/side.log" | tr '\n' '|')"
fi
expect capture-metadata-lines "$(wc -l <"$W/side.jsonl" 2>/dev/null)" $N
# the video frames by their picture counter: a frame the emulated guest
# drops is a gap there, and must be the same gap in the sidecar's sequences
sdi8k-verify --format uyvy --width 1920 --height 1080 --expect-consecutive \
	"$W/side.raw" >"$W/verify.log" 2>&1
vfirst=$(sed -n 's/.*first=\([0-9]*\) .*/\1/p' "$W/verify.log" | tail -n 1)
vlast=$(sed -n 's/.* last=\([0-9]*\) .*/\1/p' "$W/verify.log" | tail -n 1)
vframes=$(sed -n 's/.*frames=\([0-9]*\) .*/\1/p' "$W/verify.log" | tail -n 1)
expect capture-metadata-video-frames "$vframes" $N
# sequences increase, and time codes (25 a second, no pairs) advance by
# exactly as many frames as the sequence: each line is its frame's
first_seq="" prev_seq="" prev_tc="" bad=""
while read -r line; do
	seq=$(sed -n 's/.*"sequence":\([0-9]*\).*/\1/p' <<<"$line")
	tc=$(sed -n 's/.*"timecode":"\([0-9:;]*\)".*/\1/p' <<<"$line")
	[ -n "$seq" ] && [ -n "$tc" ] || { bad="line without sequence or time code: $line"; break; }
	IFS=':;' read -r hh mm ss ff <<<"$tc"
	t=$(( ((10#$hh * 60 + 10#$mm) * 60 + 10#$ss) * 25 + 10#$ff ))
	if [ -n "$prev_seq" ]; then
		[ "$seq" -gt "$prev_seq" ] || { bad="sequence $prev_seq then $seq"; break; }
		[ $((t - prev_tc)) = $((seq - prev_seq)) ] ||
			{ bad="sequence $prev_seq -> $seq but time code $prev_tcs -> $tc"; break; }
	else
		first_seq=$seq
	fi
	prev_seq=$seq prev_tc=$t prev_tcs=$tc
done <"$W/side.jsonl"
if [ -z "$bad" ] && [ -n "$prev_seq" ]; then
	pass capture-metadata-sequence-timecode
else
	fail capture-metadata-sequence-timecode "${bad:-empty sidecar}"
fi
if [ -n "$vfirst" ] && [ -n "$first_seq" ] &&
   [ $((vlast - vfirst)) = $((prev_seq - first_seq)) ]; then
	pass capture-metadata-matches-video
else
	fail capture-metadata-matches-video "video counter $vfirst..$vlast, sequences $first_seq..$prev_seq: $(tail -n 2 "$W/verify.log" | tr '\n' '|')"
fi
if grep -q 'gaps=0 ' "$W/verify.log"; then
	pass capture-metadata-no-drops
else
	skip capture-metadata-no-drops "the emulated guest dropped frames: $(tail -n 1 "$W/verify.log")"
fi
if ! grep -v -q '"hdr10plus":{' "$W/side.jsonl" && grep -q '"transfer":"pq"' "$W/side.jsonl" &&
   grep -q '"did":"0x41","sdid":"0x0c"' "$W/side.jsonl"; then
	pass capture-metadata-hdr10plus
else
	fail capture-metadata-hdr10plus "$(head -c 400 "$W/side.jsonl")"
fi
if grep -q '"metadata lines\|metadata lines' "$W/side.log"; then
	pass capture-metadata-summary
else
	fail capture-metadata-summary "$(tr '\n' '|' <"$W/side.log")"
fi
# without hdr10plus: no HDR10+ in the lines
echo 0 >"$D3/hdr10plus"
sleep 0.3
timeout 60 sdi8k-capture -d "$dev3" -f uyvy -n 4 --raw -q -o "$W/side2.raw" \
	--metadata "$W/side2.jsonl" 2>"$W/side2.log"
expect capture-metadata-no-hdr10plus "$(grep -c '"hdr10plus":null' "$W/side2.jsonl" 2>/dev/null)" 4
# malformed packets: counted in each line and by sdi8k-status, dropped
m0=$(sdi8k-status -d "$dev3" --json --no-timecode | sed -n 's/^ *"malformed": \([0-9]*\).*/\1/p')
echo checksum >"$D3/malformed"
sleep 0.3
timeout 60 sdi8k-capture -d "$dev3" -f uyvy -n 4 --raw -q -o "$W/side4.raw" \
	--metadata "$W/side4.jsonl" 2>"$W/side4.log"
echo none >"$D3/malformed"
m1=$(sdi8k-status -d "$dev3" --json --no-timecode | sed -n 's/^ *"malformed": \([0-9]*\).*/\1/p')
expect capture-metadata-malformed "$(grep -c '"malformed":1,' "$W/side4.jsonl" 2>/dev/null)" 4
if [ -n "$m0" ] && [ -n "$m1" ] && [ $((m1 - m0)) -ge 4 ]; then
	pass status-malformed-count
else
	fail status-malformed-count "before '$m0' after '$m1'"
fi
# a bad payload (ST 2108-1 frame length past the packet): the packet is
# still delivered and listed, each line counts it, sdi8k-status too (text
# and JSON agree), nothing is counted as malformed
st0=$(sdi8k-status -d "$dev3" --json --no-timecode)
b0=$(sed -n 's/^ *"bad_payload": \([0-9]*\).*/\1/p' <<<"$st0")
m0=$(sed -n 's/^ *"malformed": \([0-9]*\).*/\1/p' <<<"$st0")
echo st2108 >"$D3/malformed"
sleep 0.3
timeout 60 sdi8k-capture -d "$dev3" -f uyvy -n 4 --raw -q -o "$W/side5.raw" \
	--metadata "$W/side5.jsonl" 2>"$W/side5.log"
echo none >"$D3/malformed"
st1=$(sdi8k-status -d "$dev3" --json --no-timecode)
b1=$(sed -n 's/^ *"bad_payload": \([0-9]*\).*/\1/p' <<<"$st1")
m1=$(sed -n 's/^ *"malformed": \([0-9]*\).*/\1/p' <<<"$st1")
expect capture-metadata-bad-payload "$(grep -c '"malformed":0,"overflow":0,"bad_payload":1,' "$W/side5.jsonl" 2>/dev/null)" 4
if [ -n "$b0" ] && [ -n "$b1" ] && [ $((b1 - b0)) -ge 4 ] && [ "$m1" = "$m0" ]; then
	pass "status-bad-payload-count ($b0 -> $b1)"
else
	fail status-bad-payload-count "bad payload '$b0' -> '$b1', malformed '$m0' -> '$m1'"
fi
sdi8k-status -d "$dev3" --no-timecode >"$W/bad.txt" 2>&1
ov=$(sed -n 's/^ *"overflow": \([0-9]*\).*/\1/p' <<<"$st1")
if grep -q "^  bad payload:   $b1 ancillary packets with an invalid payload$" "$W/bad.txt" &&
   grep -q "^  overflow:      $ov ancillary losses for space$" "$W/bad.txt"; then
	pass "status-bad-payload-text (overflow $ov)"
else
	fail status-bad-payload-text "$(grep -E 'bad payload|overflow' "$W/bad.txt" | tr '\n' '|') vs $b1 $ov"
fi
# a missing metadata directory: clear error, no video file left behind
if matrix_leg; then
timeout 60 sdi8k-capture -d "$dev3" -n 2 --raw -q -o "$W/side3.raw" \
	--metadata /nonexistent/dir/m.jsonl 2>"$W/side3.log"
rc=$?
if [ $rc = 1 ] && [ ! -e "$W/side3.raw" ] && grep -q nonexistent "$W/side3.log"; then
	pass capture-metadata-bad-path
else
	fail capture-metadata-bad-path "exit $rc: $(tr '\n' '|' <"$W/side3.log")"
fi

# --- CARD:N in sdi8k-capture ----------------------------------------------
check capture-card-index-spec timeout 60 sdi8k-capture -d 0:3 -n 2 --raw -q -o "$W/card.raw"
fi

# --- back to the defaults ----------------------------------------------------
for i in 0 1 2 3; do
	echo sdr >"$DBG/sdi8k-0/input$i/hdr"
	echo 0 >"$DBG/sdi8k-0/input$i/hdr10plus"
	echo "1000 400" >"$DBG/sdi8k-0/input$i/cll"
	echo none >"$DBG/sdi8k-0/input$i/malformed"
	echo 1 >"$DBG/sdi8k-0/input$i/timecode"
	echo limited >"$DBG/sdi8k-0/input$i/range"
	echo 0 >"$DBG/sdi8k-0/input$i/ictcp"
done
rm -rf "$W"
