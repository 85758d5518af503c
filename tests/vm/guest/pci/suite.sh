#!/bin/bash
# The product's PCI path on the card sdi8k-card serves (tests/vm/run-pci.sh
# LEG tests/vm/guest/pci/suite.sh; make check's pci stage): what a
# customer's card meets, checked by clients nobody here wrote (v4l2-ctl,
# v4l2-compliance) and by the pattern checker.
#  - sdi8k.ko binds the PCI function, loads the firmware, makes a node per
#    input and takes one MSI-X vector per input (or the one MSI or INTx
#    vector the card offers, CARD_IRQ);
#  - the card is scripted through its control socket (virtio-serial port
#    sdi8k.ctl, the model's words of docs/simulator.md): a signal change
#    reaches the driver through the card's registers and interrupts;
#  - captures through the DMA API (IOVAs under the vIOMMU) are whole and
#    consecutive, on one input and on all four at once;
#  - v4l2-compliance -s on the PCI card (not on trixie with the vIOMMU: 33 s
#    of page-by-page mappings); FFmpeg and sdi8k-capture (v210,
#    P010) captures, content-checked; quad-link 8K (2SI) in v210;
#  - DMABUF: captures into buffers vivid's output exports, and the card's
#    buffers exported to it (VIDIOC_EXPBUF), content-checked;
#  - arecord of input 0's embedded audio (16 channels), content-checked;
#    libsdi8k's audio with its video (sdi8k-avsync-check) at 29.97 (MSI);
#  - an engine that keeps writing after every stop (the model's dma_fault
#    hung): the driver turns bus mastering off in PCI configuration space,
#    after which the card's writes are refused by the bus (issue 15, item 3);
#  - unbind and bind through sysfs: the nodes go and come back, the vectors
#    are requested again, captures work (issue 15, item 6);
#  - the card gone from the bus (registers all-ones, issue 15 item 7):
#    clients end, one message, a prompt removal;
#  - buffers a stopped client holds across an unbind: none left mapped
#    for the card (with a vIOMMU: sdi8k-card's "bus" dma_maps)
#  - hot unplug while streaming (QEMU's device_del through the card's
#    "unplug"): the client ends, the nodes and vectors go; plugged back
#    (device_add), the card is found and captures again. QEMU 11.1 aborts
#    on device_del of a vfio-user-pci using MSI-X, so with an MSI-X card
#    a second card (run-pci.sh's SDI8K_CARD_SPARE_IRQ, MSI) is plugged
#    in beside it, captures, is pulled out while streaming and plugged
#    back;
#  - rmmod leaves nothing behind (the bench fails on any kernel warning).
. /job/files/common.sh
. /job/files/pcilib.sh
IRQ=${CARD_IRQ:-msix}

mark() { echo "sdi8k-pci: $1" >/dev/kmsg; }
since() { dmesg | sed -n "/sdi8k-pci: $1\$/,\$p" | tail -n +2; }

# capture NAME INPUT RASTER FORMAT COUNT: v4l2-ctl capture checked by content.
# It asks for 16 buffers (the card's buffer budget may give fewer) and
# COUNT is less: the frames land in buffers queued before the first, so a
# guest stalled by a loaded host loses none (sdi8k-card paces the signal
# in real time on the host).
capture() {	# [CARDNAME]: another card than $CARD
	local name=$1 in=$2 raster=$3 fmt=$4 count=$5 dev raw=$SCRATCH/$1.raw
	dev=$(node "${6:-$CARD}" "$in") || { fail "$name" "no node for input $in"; return 1; }
	rm -f "$raw"
	if ! timeout 120 v4l2-ctl -d "$dev" --set-dv-bt-timings query --set-fmt-video=pixelformat="$fmt" \
		--stream-mmap=16 --stream-count="$count" --stream-to="$raw" >"$SCRATCH/$name.log" 2>&1; then
		fail "$name" "v4l2-ctl: $(tail -n 2 "$SCRATCH/$name.log" | tr '\n' '|')"
		return 1
	fi
	verify "$name" "$raw" "$fmt" "$raster"
	rm -f "$raw"
}

# stream_on NODE LOG: a client streaming NODE until stopped, in the
# background ($! is its pid)
stream_on() {
	v4l2-ctl -d "$1" --set-dv-bt-timings query --set-fmt-video=pixelformat=UYVY \
		--stream-mmap --stream-count=100000 >"$2" 2>&1 &
}

# set_signal INPUT RASTER [WORDFN CARDNAME]: script the card (or another
# through WORDFN, spare_word), wait until the driver reports the raster's
# size and rate (VIDIOC_QUERY_DV_TIMINGS, as v4l2-ctl prints it)
set_signal() {
	local dev _ t w h rate
	w=$(width_of "$2") h=$(height_of "$2") rate=$(printf %.2f "${2#*[pi]}")
	"${3:-card_word}" "input$1/signal" "$2" >/dev/null || return 1
	dev=$(node "${4:-$CARD}" "$1") || return 1
	for _ in $(seq 50); do
		t=$(v4l2-ctl -d "$dev" --query-dv-timings 2>/dev/null)
		grep -q "Active width: $w\$" <<<"$t" && grep -q "Active height: $h\$" <<<"$t" &&
			grep -q "($rate f[a-z]* per second)" <<<"$t" && return 0
		sleep 0.1
	done
	echo "input $1: $(tr '\n' ' ' <<<"$t")" >&2
	return 1
}

# ---- bind ----
fw_path || fail pci-firmware-path "no firmware in /job/firmware"
insmod "$KO" || { fail pci-bind "insmod $KO"; exit 0; }
dev=$(find_card) || { fail pci-bind "no PCI function 10ee:8d18"; exit 0; }
bdf=${dev##*/}
drv=$(basename "$(readlink "$dev/driver" 2>/dev/null)" 2>/dev/null)
if [ "$drv" = sdi8k ] && wait_nodes; then
	if [ -e "$dev/iommu_group" ]; then
		iommu="IOMMU group $(basename "$(readlink "$dev/iommu_group")")"
	else
		iommu="no IOMMU"
	fi
	pass "pci-bind ($bdf, $INPUTS inputs, $iommu)"
else
	fail pci-bind "driver '$drv', nodes: $(cat /sys/class/video4linux/*/name 2>/dev/null | tr '\n' '|')"
	exit 0
fi
v=$(vectors)
case $IRQ in
msix) want=$INPUTS ;;
*) want=1 ;;
esac
[ "$v" = "$want" ] && pass "pci-vectors ($v, $IRQ)" || fail pci-vectors "$v vectors, want $want ($IRQ): $(grep sdi8k /proc/interrupts | tr '\n' '|')"

# ---- the control port ----
if ctl_open && s=$(card_word input0/signal) && [ -n "$s" ]; then
	pass "pci-ctl (input 0: $s)"
else
	fail pci-ctl "no control port sdi8k.ctl or no reply: $(ls /sys/class/virtio-ports 2>&1 | tr '\n' ' ')"
	CTL_FD=""
fi
if [ -n "$CTL_FD" ]; then
	card_word input0/signal no-such-raster 2>/dev/null &&
		fail pci-ctl-refuses "a bad value was taken" || pass pci-ctl-refuses
fi

# ---- captures ----
if [ -n "$CTL_FD" ]; then
	for ((i = 0; i < INPUTS; i++)); do card_word "input$i/timecode" 0 >/dev/null; done
	set_signal 0 1080p25 && pass pci-signal-change || fail pci-signal-change "the driver did not see 1080p25 on input 0"
	capture pci-capture-1080p25-uyvy 0 1080p25 UYVY 10
	if [ "$INPUTS" -ge 2 ]; then
		set_signal 1 2160p25 || fail pci-signal-change-2160p "input 1 did not change to 2160p25"
		capture pci-capture-2160p25-v210 1 2160p25 v210 4
	fi
	# every input at once, each on its own vector
	declare -A before
	# (no process substitution: the guest has no /dev/fd)
	while read -r n rest; do before[$n]=$rest; done <<<"$(grep " $CARD\$" /proc/interrupts)"
	pids=""
	for ((i = 0; i < INPUTS; i++)); do
		set_signal $i 1080p25
		capture "pci-capture-all-input$i" $i 1080p25 UYVY 8 >"$SCRATCH/all-$i.out" &
		pids="$pids $!"
	done
	wait $pids
	cat "$SCRATCH"/all-*.out
	if [ "$IRQ" = msix ]; then
		quiet=0 seen=0
		while read -r n rest; do
			seen=$((seen + 1))
			[ "${before[$n]:-}" != "$rest" ] || quiet=$((quiet + 1))
		done <<<"$(grep " $CARD\$" /proc/interrupts)"
		if [ "$seen" = "$INPUTS" ] && [ "$quiet" = 0 ]; then
			pass "pci-capture-all-vectors ($seen vectors, each fired)"
		else
			fail pci-capture-all-vectors "$seen vectors seen, $quiet never fired"
		fi
	fi
else
	capture pci-capture-default-uyvy 3 1080p25 UYVY 10
fi

# ---- v4l2-compliance on the PCI card ----
# (make check's bookworm run covers it with MSI-X and the vIOMMU, sid's
# with INTx and the newest v4l2-compliance. Trixie's takes 33 s of the
# run under the vIOMMU, which maps each page of the many buffers it asks
# for by a message to the card, and the guest tests run it on trixie's
# simulated card; the PCI path it would add is the MSI vector, which
# every capture here uses.)
if [ "$LEG" != trixie ] || [ ! -e "$dev/iommu_group" ]; then
	in=$((INPUTS - 1))
	cdev=$(node $CARD $in)
	[ -n "$CTL_FD" ] && set_signal $in 1080p25
	log=$SCRATCH/pci-compliance.txt
	v4l2-compliance -d "$cdev" -s 10 >"$log" 2>&1
	cp "$log" "$JOB/" 2>/dev/null
	compliance_verdict pci-compliance "$log"
fi

# ---- other clients (FFmpeg, sdi8k-capture) and quad-link 8K ----
if [ -n "$CTL_FD" ] && [ "$INPUTS" -ge 4 ]; then
	in=2
	set_signal $in 2160p25
	fdev=$(node $CARD $in)
	raw=$SCRATCH/pci-ffmpeg.raw
	if command -v ffmpeg >/dev/null; then
		if ffmpeg -hide_banner -loglevel error -nostdin -f v4l2 -input_format uyvy422 \
			-video_size 3840x2160 -i "$fdev" -fps_mode passthrough -frames:v 6 \
			-c:v rawvideo -f rawvideo -y "$raw" >"$SCRATCH/pci-ffmpeg.log" 2>&1; then
			verify pci-ffmpeg-2160p25-uyvy422 "$raw" UYVY 2160p25
		else
			fail pci-ffmpeg-2160p25-uyvy422 "ffmpeg: $(tail -n 3 "$SCRATCH/pci-ffmpeg.log" | tr '\n' '|')"
		fi
		rm -f "$raw"
	else
		skip pci-ffmpeg-2160p25-uyvy422 "no ffmpeg in this root"
	fi
	for f in v210 p010; do
		raw=$SCRATCH/pci-capture-$f.raw
		if timeout 120 sdi8k-capture -i "$fdev" -f $f -n 4 -b 8 --raw -o "$raw" \
			2>"$SCRATCH/pci-capture-$f.log"; then
			verify "pci-sdi8k-capture-2160p25-$f" "$raw" $f 2160p25
		else
			fail "pci-sdi8k-capture-2160p25-$f" "$(tail -n 3 "$SCRATCH/pci-capture-$f.log" | tr '\n' '|')"
		fi
		rm -f "$raw"
	done
	# quad link: the four links on the four inputs, one 8K picture on input 0
	card_word input0/signal 4320p25 >/dev/null
	if echo 2si >"$dev/topology" && set_signal 0 4320p25; then
		capture pci-quad-4320p25-v210 0 4320p25 v210 2
	else
		fail pci-quad-4320p25-v210 "topology 2si or the 8K raster refused: $(cat "$dev/topology" 2>&1)"
	fi
	echo 4x1 >"$dev/topology"
	set_signal 0 1080p25
fi

# ---- embedded audio: arecord on the card's ALSA device ----
# (AUDIO_PERIOD through this leg's interrupt mode; the audio buffer under
# the vIOMMU, which the DMA-fault count below covers too)
if [ -n "$CTL_FD" ] && command -v arecord >/dev/null; then
	serial=$(<"$dev/serial")
	wav=$SCRATCH/pci-audio.wav
	set_signal 0 1080p25
	if timeout 20 arecord -q -D "hw:CARD=sdi8k${serial: -8},DEV=0" -c 16 -f S32_LE -r 48000 -d 2 \
		"$wav" 2>"$SCRATCH/pci-audio.err"; then
		if ! command -v sdi8k-audio-check >/dev/null; then
			pass "pci-audio-arecord ($(stat -c %s "$wav") bytes; no sdi8k-audio-check to check them)"
		elif out=$(sdi8k-audio-check --min-seconds 2 --spacing 19200 "$wav" 2>&1); then
			pass "pci-audio-arecord (${out%%:*})"
		else
			fail pci-audio-arecord "$out"
		fi
	else
		fail pci-audio-arecord "arecord: $(tr '\n' '|' <"$SCRATCH/pci-audio.err")"
	fi
	rm -f "$wav"
	# libsdi8k's audio with its video: every frame's samples in the
	# cadence, the source's 5-frame sequence in phase 2 of the lock (the
	# period records' sequence positions through the DMA API). In the
	# MSI configuration only (make check's trixie run, with the vIOMMU):
	# 16 s a run, and the guest tests run it on every kernel.
	if [ "$IRQ" = msi ] && command -v sdi8k-avsync-check >/dev/null; then
		card_word input0/audio_sequence 2 >/dev/null
		set_signal 0 1080p29.97
		if out=$(timeout 60 sdi8k-avsync-check -i "$(node $CARD 0)" -r 1080p29.97 -c 16 \
			-n 60 --phase 2 2>&1); then
			pass "pci-avsync-1080p29.97 (${out#ok })"
		else
			fail pci-avsync-1080p29.97 "$(head -n 6 <<<"$out" | tr '\n' '|')"
		fi
		card_word input0/audio_sequence 0 >/dev/null
	fi
elif [ -n "$CTL_FD" ]; then
	skip pci-audio-arecord "no arecord in this root (alsa-utils)"
fi

# ---- DMABUF on the PCI card (through the vIOMMU where there is one) ----
# (import: the card writes into buffers vivid's HDMI output exports, which
# the driver maps for the card through its attachment; export: the card's
# own buffers go out by VIDIOC_EXPBUF to vivid's output, which imports and
# reads them; each capture checked by content)
if [ -n "$CTL_FD" ]; then
	if modprobe vivid n_devs=1 node_types=0x100 num_outputs=1 output_types=0x1 \
		2>"$SCRATCH/vivid.err"; then
		udevadm settle 2>/dev/null || sleep 1
		out=$(node_named vivid-000-vid-out)
		idx=$(vivid_out_1080p60 "$out")
		set_signal 0 1080p25
		ddev=$(node $CARD 0)
		if [ -z "$out" ] || ! v4l2-ctl -d "$out" --set-dv-bt-timings index="$idx" \
			--set-fmt-video-out=width=1920,height=1080,pixelformat=UYVY \
			>"$SCRATCH/vivid-out.log" 2>&1; then
			fail pci-dmabuf "vivid's output '$out', timings '$idx': $(tail -n 2 "$SCRATCH/vivid-out.log" | tr '\n' '|')"
		else
			for mode in import export; do
				raw=$SCRATCH/pci-dmabuf-$mode.raw
				case $mode in
				import) opts="--stream-dmabuf --stream-out-mmap=8" ;;
				export) opts="--stream-mmap=8 --stream-out-dmabuf" ;;
				esac
				if timeout 60 v4l2-ctl -d "$ddev" -e "$out" --set-dv-bt-timings query \
					--set-fmt-video=pixelformat=UYVY $opts --stream-count=8 \
					--stream-to="$raw" >"$SCRATCH/pci-dmabuf-$mode.log" 2>&1; then
					verify "pci-dmabuf-$mode-1080p25" "$raw" UYVY 1080p25
				else
					fail "pci-dmabuf-$mode-1080p25" "v4l2-ctl: $(tail -n 3 "$SCRATCH/pci-dmabuf-$mode.log" | tr '\n' '|')"
				fi
				rm -f "$raw"
			done
		fi
		modprobe -r vivid 2>/dev/null
	else
		skip pci-dmabuf "vivid not available: $(head -n 1 "$SCRATCH/vivid.err")"
	fi
fi

# ---- no DMA outside what the driver mapped, so far ----
# (the card refuses and counts any: the hung engine below shows it would)
if [ -n "$CTL_FD" ]; then
	faults=0
	for ((i = 0; i < INPUTS; i++)); do faults=$((faults + $(card_stat $i dma_faults))); done
	[ "$faults" = 0 ] && pass "pci-no-dma-faults (every capture above inside the driver's mappings)" ||
		fail pci-no-dma-faults "the card refused $faults DMA accesses outside the mappings"
fi

# ---- a hung DMA engine: bus mastering off, refused by the bus ----
if [ -n "$CTL_FD" ]; then
	in=0
	hdev=$(node $CARD $in)
	set_signal $in 1080p50
	mark hung
	card_word input$in/dma_fault hung >/dev/null
	v4l2-ctl -d "$hdev" --set-dv-bt-timings query --set-fmt-video=pixelformat=UYVY \
		--stream-mmap --stream-count=5 >"$SCRATCH/hung.log" 2>&1
	h1=$(card_stat $in hung_writes) f1=$(card_stat $in dma_faults)
	sleep 1
	h2=$(card_stat $in hung_writes) f2=$(card_stat $in dma_faults)
	cmd=$(od -An -tx2 -j4 -N2 "$dev/config" 2>/dev/null | tr -d ' ')
	if ! since hung | grep -q "does not stop its DMA even after a reset: bus mastering off"; then
		fail pci-hung-master-off "no log line: $(since hung | tail -n 2 | tr '\n' '|')"
	elif [ -n "$cmd" ] && (((0x$cmd & 4) != 0)); then
		fail pci-hung-master-off "PCI_COMMAND $cmd still has bus mastering on"
	elif [ "$h1" != "$h2" ] || [ "${f2:-0}" -le "${f1:-0}" ]; then
		fail pci-hung-master-off "the hung engine's writes: $h1 then $h2 (must stop), refused $f1 then $f2 (must grow)"
	else
		pass "pci-hung-master-off (PCI_COMMAND ${cmd:-?}, writes stopped at $h2, $((f2 - f1)) refused by the bus in 1 s)"
	fi
	card_word input$in/dma_fault none >/dev/null
fi

# ---- unbind and bind ----
mark rebind
if echo "$bdf" >/sys/bus/pci/drivers/sdi8k/unbind; then
	left=$(grep -c "^$CARD input" /sys/class/video4linux/*/name 2>/dev/null | awk -F: '{ s += $2 } END { print s + 0 }')
	[ "$(vectors)" = 0 ] && [ "$left" = 0 ] && pass pci-unbind || fail pci-unbind "$left node(s), $(vectors) vector(s) left"
	if echo "$bdf" >/sys/bus/pci/drivers/sdi8k/bind && wait_nodes; then
		v=$(vectors)
		[ "$v" = "$want" ] && pass "pci-rebind ($v vectors)" || fail pci-rebind "$v vectors, want $want"
		[ -n "$CTL_FD" ] && set_signal 0 1080p25
		capture pci-rebind-capture 0 1080p25 UYVY 8
	else
		fail pci-rebind "bind: $(since rebind | tail -n 3 | tr '\n' '|')"
	fi
else
	fail pci-unbind "unbind refused"
fi

# ---- buffers a client still holds when the driver lets go ----
# (a client stopped while it streams keeps its buffers mmapped after the
# unbind; with an IOMMU, the card must keep no mapping of them all the
# same: the driver unmaps them from the card while it still can, the
# pages stay the client's. A hot unplug releases the function's IOMMU
# group right after the driver's remove: unmapping later, at the
# client's munmap, dereferenced NULL in __iommu_dma_unmap.)
if [ -n "$CTL_FD" ] && [ -e "$dev/iommu_group" ]; then
	set_signal 0 1080p25
	stream_on "$(node $CARD 0)" "$SCRATCH/held.log"
	pid=$!
	wait_log "$SCRATCH/held.log" '<' "$pid" 15 >/dev/null
	kill -STOP "$pid"
	m0=$(card_bus dma_maps)
	echo "$bdf" >/sys/bus/pci/drivers/sdi8k/unbind
	for _ in $(seq 20); do m1=$(card_bus dma_maps); [ "$m1" = 0 ] && break; sleep 0.1; done
	kill -CONT "$pid"
	[ "$m1" = 0 ] && pass "pci-unbind-held-buffers-unmapped ($m0 mappings while streaming, none after the unbind)" ||
		fail pci-unbind-held-buffers-unmapped "$m1 of $m0 DMA mappings left on the card after the unbind, the client's buffers still mmapped"
	client_ends pci-unbind-held-client-ends "$pid" "the driver let go of the card"
	echo "$bdf" >/sys/bus/pci/drivers/sdi8k/bind && wait_nodes ||
		fail pci-unbind-held-rebind "bind: $(since rebind | tail -n 3 | tr '\n' '|')"
fi

# ---- the card gone from the bus ----
if [ -n "$CTL_FD" ]; then
	gdev=$(node $CARD 0)
	set_signal 0 1080p25
	stream_on "$gdev" "$SCRATCH/gone.log"
	pid=$!
	sleep 1
	mark gone
	card_word gone 1 >/dev/null
	client_ends pci-gone-client-ends "$pid" "the card went"
	n=$(since gone | grep -c "the card does not answer (registers read all-ones): gone from the bus")
	[ "$n" = 1 ] && pass pci-gone-logged-once || fail pci-gone-logged-once "$n messages: $(since gone | tail -n 3 | tr '\n' '|')"
fi

# ---- hot unplug while streaming, and plug in ----
# (sdi8k-card's "unplug": QEMU's device_del, the guest's PCIe hot plug
# removes the function; "plug": device_add, the card is found)

# unplug_streaming WORDFN CARDNAME SYSDEV: a client streams input 0 of the
# card at SYSDEV when it is pulled out
unplug_streaming() {
	local word=$1 c=$2 d=$3 pid out
	set_signal 0 1080p25 "$word" "$c"
	stream_on "$(node "$c" 0)" "$SCRATCH/unplug.log"
	pid=$!
	sleep 1
	mark unplug
	if ! out=$("$word" unplug 2>&1); then
		fail pci-unplug "the card's unplug: $out"
		kill "$pid"
	else
		for _ in $(seq 300); do [ -e "$d" ] || break; sleep 0.1; done
		[ -e "$d" ] && fail pci-unplug "${d##*/} still present 30 s after device_del" ||
			pass "pci-unplug ($IRQ_OF_UNPLUG; $(since unplug | grep -m1 -oE "(pciehp|acpiphp)[^:]*: [^ ]*" || echo removed))"
		client_ends pci-unplug-client-ends "$pid" "the card left"
		node "$c" 0 >/dev/null && fail pci-unplug-nodes-gone "input 0's node is still there" ||
			pass pci-unplug-nodes-gone
		[ "$(vectors "$c")" = 0 ] || fail pci-unplug-vectors "$(vectors "$c") vectors left"
	fi
	wait "$pid" 2>/dev/null
}

# plug_in NAME WORDFN INPUTS WANT [NOT]: the card pushed in (device_add);
# it is found (a function other than NOT), bound with all its nodes and
# WANT vectors, and captures. Sets PLUGGED (its sysfs dir) and
# PLUGGED_NAME.
plug_in() {
	local name=$1 word=$2 n=$3 want=$4 not=${5:-} out new="" c=""
	PLUGGED="" PLUGGED_NAME=""
	mark plug
	if ! out=$("$word" plug 2>&1); then
		fail "$name" "the card's plug: $out"
		return 1
	fi
	for _ in $(seq 300); do new=$(find_card "$not") && break; sleep 0.1; done
	[ -n "$new" ] && c=$(card_name "$new")
	if [ -z "$c" ] || ! wait_nodes "$c" "$n"; then
		fail "$name" "no card or nodes 30 s after device_add: $(since plug | tail -n 3 | tr '\n' '|')"
		return 1
	fi
	PLUGGED=$new PLUGGED_NAME=$c
	v=$(vectors "$c")
	[ "$v" = "$want" ] && pass "$name (${new##*/}, $c, $v vectors)" || fail "$name" "$v vectors, want $want"
	set_signal 0 1080p25 "$word" "$c"
	capture "$name-capture" 0 1080p25 UYVY 8 "$c"
}

if [ -n "$CTL_FD" ] && [ "$IRQ" = msix ]; then
	# QEMU 11.1 aborts on device_del of a vfio-user-pci function with an
	# MSI-X capability (system/memory.c memory_region_del_subregion:
	# "subregion->container == mr"), taking the guest with it: its
	# vfio_user_instance_finalize() deletes the PBA subregion from a BAR
	# region that QOM has already finalized (tests/vm/README.md). So a
	# second card, offering MSI, is pushed in beside this one, then pulled
	# out while it streams.
	if [ -z "${SPARE_IRQ:-}" ]; then
		skip pci-unplug "QEMU 11.1's vfio-user-pci aborts on device_del with MSI-X, and there is no second card (SDI8K_CARD_SPARE_IRQ)"
	elif ! spare_open; then
		fail pci-plug-spare "no control port sdi8k.spare"
	elif plug_in pci-plug-spare spare_word "$INPUTS" 1 "$dev"; then
		IRQ_OF_UNPLUG="the second card, $SPARE_IRQ"
		unplug_streaming spare_word "$PLUGGED_NAME" "$PLUGGED"
		# and pushed back: found again, captures again
		plug_in pci-replug spare_word "$INPUTS" 1 "$dev"
	fi
elif [ -n "$CTL_FD" ]; then
	card_word gone 0 >/dev/null
	echo "$bdf" >/sys/bus/pci/drivers/sdi8k/unbind 2>/dev/null
	if ! { echo "$bdf" >/sys/bus/pci/drivers/sdi8k/bind && wait_nodes; }; then
		fail pci-unplug "the card did not come back after 'gone 0' and a rebind"
	else
		IRQ_OF_UNPLUG=$IRQ
		unplug_streaming card_word $CARD "$dev"
		plug_in pci-replug card_word "$INPUTS" "$want" && bdf=${PLUGGED##*/} dev=$PLUGGED
	fi
fi

# ---- removal ----
if rmmod sdi8k 2>"$SCRATCH/rmmod.err"; then
	[ "$(vectors)" = 0 ] && pass pci-rmmod || fail pci-rmmod "$(vectors) vectors left"
else
	fail pci-rmmod "$(cat "$SCRATCH/rmmod.err")"
fi
exit 0
