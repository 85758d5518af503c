#!/bin/bash
# The card's firmware (firmware/build as /job/firmware): a good image makes
# the card probe with the image's version in sysfs and the image's inputs;
# a two-input image gives a two-input card. For each kind of bad file
# (missing, truncated, trailing data, bad magic, bad CRC, unsupported
# format version, bad header/table offsets, capabilities out of range,
# incompatible hardware, too old, needs a newer driver) the card given it is
# refused with exactly one kernel message naming the file and the problem
# (seven bad cards and a good one per load), while the card with the good
# image probes and streams correct frames, and the modules unload cleanly.
# A refused card stays refused on bind; an upload corrupted in transit is
# refused by the card itself. Ends with the usual single card loaded.
. "$(dirname "$0")/lib/common.sh"
unload_sdi8k
mountpoint -q /sys/kernel/debug || mount -t debugfs none /sys/kernel/debug
fw_path || { fail firmware "no firmware directory $FW_DIR"; exit 0; }
STD=sdi8k/sdi8k.bin
PLAT=/sys/bus/platform/devices

# image_version FILE: MAJOR.MINOR from the image's header (bytes 12-15)
image_version() {
	local v
	v=$(od -An -j12 -N4 -tu4 "$FW_DIR/$1" | tr -d ' ')
	echo "$((v >> 16)).$((v & 65535))"
}

# mark NAME: a line in the kernel log; since NAME: the log after it
mark() { echo "sdi8k-fw-test: $1" >/dev/kmsg; }
since() { dmesg | sed -n "/sdi8k-fw-test: $1\$/,\$p" | tail -n +2; }

# nodes_of N: the video capture nodes of platform device sdi8k-sim.N (its
# metadata nodes, named "... meta", not counted)
nodes_of() {
	local d n=0
	for d in "$PLAT/sdi8k-sim.$1"/video4linux/video*; do
		[ -e "$d/name" ] || continue
		case $(<"$d/name") in *" meta") ;; *) n=$((n + 1)) ;; esac
	done
	echo "$n"
}

# stream_ok NAME N: capture 4 frames from input 0 of sdi8k-sim.N, check them
stream_ok() {
	local name=$1 card dev raw=$SCRATCH/fw.raw
	card=$(<"$PLAT/sdi8k-sim.$2/card_name") &&
		dev=$(node "$card" 0) || { fail "$name" "sdi8k-sim.$2 has no input 0 node"; return; }
	signal "$card" 0 1080p59.94
	sleep 0.2
	rm -f "$raw"
	if v4l2-ctl -d "$dev" --set-dv-bt-timings query --set-fmt-video=pixelformat=UYVY \
		--stream-mmap=8 --stream-count=4 --stream-to="$raw" >"$SCRATCH/fw-v4l2.log" 2>&1; then
		verify "$name" "$raw" UYVY 1080p59.94
	else
		fail "$name" "v4l2-ctl: $(tail -n 2 "$SCRATCH/fw-v4l2.log" | tr '\n' '|')"
	fi
	rm -f "$raw"
}

unload_ok() {  # unload_ok NAME: sdi8k-sim.ko, then sdi8k.ko
	if unload_sdi8k 2>"$SCRATCH/rmmod.err"; then pass "$1"
	else fail "$1" "$(<"$SCRATCH/rmmod.err")"; fi
}

# design_limits N: card sdi8k-sim.N runs test/two-inputs.bin (3G, UYVY and
# v210 only): the node offers only what that design does (issue 15, item 9)
design_limits() {
	local card dev fmts timings cap q
	card=$(<"$PLAT/sdi8k-sim.$1/card_name") &&
		dev=$(node "$card" 1) || { fail firmware-design-limits "no node"; return; }
	fmts=$(v4l2-ctl -d "$dev" --list-formats 2>&1 | sed -n "s/.*'\(....\)'.*/\1/p" | tr '\n' ' ')
	[ "$fmts" = "UYVY v210 " ] && pass "firmware-design-formats ($fmts)" ||
		fail firmware-design-formats "ENUM_FMT gives '$fmts', the design packs UYVY v210"
	timings=$(v4l2-ctl -d "$dev" --list-dv-timings 2>&1)
	if grep -q "Active width: 1920" <<<"$timings" && ! grep -q "Active width: 3840" <<<"$timings"; then
		pass firmware-design-rasters
	else
		fail firmware-design-rasters "ENUM_DV_TIMINGS of a 3G design: $(grep -c 'Active width' <<<"$timings") entries, 3840 wide among them: $(grep -c 'Active width: 3840' <<<"$timings")"
	fi
	cap=$(v4l2-ctl -d "$dev" --get-dv-timings-cap 2>&1 | sed -n 's/.*Maximum [Hh]eight: *\([0-9]*\).*/\1/p')
	[ "$cap" = 1080 ] && pass firmware-design-timings-cap ||
		fail firmware-design-timings-cap "DV_TIMINGS_CAP maximum height '$cap', want 1080"
	v4l2-ctl -d "$dev" --set-fmt-video=pixelformat=Y210 >/dev/null 2>&1
	q=$(v4l2-ctl -d "$dev" --get-fmt-video 2>&1 | sed -n "s/.*Pixel Format *: *'\(....\)'.*/\1/p")
	[ "$q" != Y210 ] && pass "firmware-design-s-fmt (Y210 asked, $q set)" ||
		fail firmware-design-s-fmt "S_FMT took Y210 on a design without it"
	signal "$card" 1 2160p50
	sleep 0.3
	q=$(v4l2-ctl -d "$dev" --query-dv-timings 2>&1)
	if ! grep -q "Active width: 3840" <<<"$q"; then
		pass firmware-design-query-out-of-range
	else
		fail firmware-design-query-out-of-range "QUERY_DV_TIMINGS reports 2160p on a 3G design"
	fi
	signal "$card" 1 1080p25
}

# ---- good images: the standard one and a two-input one ----
mark good
t0=$(date +%s%N)
if insmod_sim cards=2 sim_firmware=$STD,test/two-inputs.bin 2>"$SCRATCH/insmod.err"; then
	ms=$((($(date +%s%N) - t0) / 1000000))
	udevadm settle 2>/dev/null || sleep 1
	echo "insmod with two cards (firmware loaded, checked and uploaded for each): $ms ms"
	want=$(image_version $STD)
	got=$(<"$PLAT/sdi8k-sim.0/firmware_version")
	if [ "$got" = "$want" ] && [ "$(<"$PLAT/sdi8k-sim.0/inputs")" = 4 ] &&
		[ "$(nodes_of 0)" = 4 ]; then
		pass "firmware-good-probe (version $got, 4 inputs; insmod of both cards $ms ms)"
	else
		fail firmware-good-probe "firmware_version '$got' (image $want), inputs $(cat "$PLAT/sdi8k-sim.0/inputs" 2>&1), $(nodes_of 0) nodes"
	fi
	line=$(since good | grep -F "firmware $STD: \"sdi8k-std\" $want build")
	[ -n "$line" ] && pass firmware-good-logged || fail firmware-good-logged "no load line in the kernel log"
	want2=$(image_version test/two-inputs.bin)
	got2=$(<"$PLAT/sdi8k-sim.1/firmware_version")
	if [ "$got2" = "$want2" ] && [ "$want2" != "$want" ] &&
		[ "$(<"$PLAT/sdi8k-sim.1/inputs")" = 2 ] && [ "$(nodes_of 1)" = 2 ]; then
		pass "firmware-caps-feed-card (two-input image: version $got2, 2 inputs, 2 nodes)"
	else
		fail firmware-caps-feed-card "version '$got2' (image $want2), inputs $(cat "$PLAT/sdi8k-sim.1/inputs" 2>&1), $(nodes_of 1) nodes"
	fi
	stream_ok firmware-two-input-card-streams 1
	design_limits 1
	unload_ok firmware-good-unload
else
	fail firmware-good-probe "insmod: $(<"$SCRATCH/insmod.err")"
fi

# ---- bad files: each card given one is refused, the others work ----
# Seven bad images and the good one per load (eight cards): each refused
# card gets exactly one message naming its file and the problem, the card
# with the good image probes and streams, and the module unloads.
bad_batch() {  # bad_batch "KIND|MSG" ... (up to 7)
	local spec kind msg file fw="" n=0 i log lines line good tag
	for spec in "$@"; do fw="$fw${fw:+,}test/${spec%%|*}.bin"; n=$((n + 1)); done
	tag="batch-${1%%|*}"
	mark "$tag"
	if ! insmod_sim cards=$((n + 1)) sim_firmware=$fw,$STD 2>"$SCRATCH/insmod.err"; then
		fail "firmware-$tag" "insmod failed: $(<"$SCRATCH/insmod.err")"
		return
	fi
	udevadm settle 2>/dev/null || sleep 1
	log=$(since "$tag")
	i=0
	for spec in "$@"; do
		kind=${spec%%|*}
		msg=${spec#*|}
		file=test/$kind.bin
		lines=$(grep -cF "firmware $file:" <<<"$log")
		line=$(grep -F "firmware $file:" <<<"$log" | head -n 1 | sed 's/^\[ *[0-9.]*\] //')
		if [ -e "$PLAT/sdi8k-sim.$i/driver" ] || [ "$(nodes_of $i)" != 0 ]; then
			fail "firmware-$kind-refused" "the card with $file probed ($(nodes_of $i) nodes)"
		elif [ "$lines" != 1 ]; then
			fail "firmware-$kind-refused" "$lines kernel messages name $file: $(tr '\n' '|' <<<"$log" | tail -c 300)"
		elif ! grep -qF -- "$msg" <<<"$line" || ! grep -qF "card not started" <<<"$line"; then
			fail "firmware-$kind-refused" "message '$line' lacks '$msg'"
		elif ! grep -qF "sdi8k-sim.$i:" <<<"$line"; then
			fail "firmware-$kind-refused" "message '$line' does not name card sdi8k-sim.$i"
		else
			pass "firmware-$kind-refused ($line)"
		fi
		i=$((i + 1))
	done
	good=$n
	if [ -e "$PLAT/sdi8k-sim.$good/driver" ] && [ "$(nodes_of $good)" = 4 ] &&
		[ "$(<"$PLAT/sdi8k-sim.$good/firmware_version")" = "$(image_version $STD)" ]; then
		stream_ok "firmware-$tag-good-card-streams" $good
	else
		fail "firmware-$tag-good-card-streams" "the card with the good image did not probe"
	fi
	unload_ok "firmware-$tag-unload"
}
mapfile -t KINDS <<'KINDS'
missing|not found in the firmware search path (error -2)
truncate|truncated: 65594 bytes, the header says 131188
trailing|131192 bytes, but the header says 131188 (trailing data)
bad-magic|bad magic 0x00905a4d (want 0x57463853): not an sdi8k firmware image
bad-crc|CRC mismatch: the image says
bad-format|unsupported image format version 2 (this driver reads version 1)
bad-header-size|bad header size 60
bad-caps-offset|capability table (offset 4294967280, 32 bytes)
bad-compat-count|compatibility list (offset 96, 536870912 entries)
bad-payload-offset|payload (offset 131188, 131072 bytes)
bad-caps|capability table out of range (inputs 9
bad-hardware|incompatible hardware: built for 8d18:0001 revision 99-99, this card is 8d18:0001 revision 1
too-old|firmware 0.9 is too old: this driver needs 1.0 or later
needs-driver|needs driver interface 2, this driver has 1
KINDS
bad_batch "${KINDS[@]:0:7}"
bad_batch "${KINDS[@]:7}"

# a refused card stays refused on a manual bind, and says so again
mark rebind
if insmod_sim cards=1 sim_firmware=test/bad-crc.bin 2>"$SCRATCH/insmod.err"; then
	if echo sdi8k-sim.0 >/sys/bus/platform/drivers/sdi8k-sim/bind 2>/dev/null; then
		fail firmware-rebind-refused "bind succeeded with a corrupt image"
	elif [ "$(since rebind | grep -cF 'firmware test/bad-crc.bin: CRC mismatch')" = 2 ]; then
		pass firmware-rebind-refused
	else
		fail firmware-rebind-refused "expected two CRC messages: $(since rebind | tr '\n' '|' | tail -c 300)"
	fi
	unload_ok firmware-rebind-unload
else
	fail firmware-rebind-refused "insmod: $(<"$SCRATCH/insmod.err")"
fi

# the card's own check: an upload corrupted in transit (sim_fw_fault=1)
# is refused by the card's CRC, and the driver says so; a bind once the
# fault is gone works
mark fault
if insmod_sim cards=1 sim_fw_fault=1 2>"$SCRATCH/insmod.err"; then
	line=$(since fault | grep -F "firmware $STD:" | sed 's/^\[ *[0-9.]*\] //')
	if [ -e "$PLAT/sdi8k-sim.0/driver" ]; then
		fail firmware-upload-fault-refused "the card probed with a corrupted upload"
	elif grep -qF "the card refused the upload (status 0x00000204: CRC mismatch); card not started" <<<"$line"; then
		pass "firmware-upload-fault-refused ($line)"
	else
		fail firmware-upload-fault-refused "message '$line'"
	fi
	echo 0 >/sys/module/sdi8k_sim/parameters/sim_fw_fault
	if echo sdi8k-sim.0 >/sys/bus/platform/drivers/sdi8k-sim/bind 2>/dev/null &&
		[ "$(nodes_of 0)" = 4 ]; then pass firmware-upload-fault-rebind
	else fail firmware-upload-fault-rebind "bind without the fault failed"; fi
	unload_ok firmware-upload-fault-unload
else
	fail firmware-upload-fault-refused "insmod: $(<"$SCRATCH/insmod.err")"
fi

load_sdi8k cards=1 && [ "$(nodes_of 0)" = 4 ] ||
	fail firmware-restore "could not load one card with the standard image"
