#!/bin/bash
# The libsdi8k capture API used directly (tests/tools/sdi8k-capture-check):
# explicit raster and pixel format, DMABUF export (every frame's exported
# buffer mmap()ed and compared with the frame), poll() + non-blocking
# dequeue (-EAGAIN), sequence, timestamps on the raster's lattice, field,
# colorimetry; content checked by sdi8k-verify. Then sdi8k-capture
# --raster: a named raster set while another comes in, one the input
# does not offer, one named while no signal comes, a misspelt one.
. "$(dirname "$0")/lib/common.sh"
load_sdi8k || { fail capture-api "module not loaded"; exit 0; }
command -v sdi8k-capture-check >/dev/null ||
	{ fail capture-api "no sdi8k-capture-check in $BIN"; exit 0; }

W=$SCRATCH/capture-api
mkdir -p "$W"

# the nodes of inputs 0-3, in one pass without a process per sysfs file
# (each costs a lot in the emulated guest)
declare -A DEV
for d in /sys/class/video4linux/video*; do
	read -r n <"$d/name" 2>/dev/null || continue
	case $n in "sdi8k-0 input "[0-3]) DEV[${n##* }]=/dev/${d##*/};; esac
done
[ -n "${DEV[3]}" ] || { fail capture-api "no node for sdi8k-0 input 3"; exit 0; }

# api NAME INPUT RASTER FORMAT COUNT [check args]: the API check, then the
# frames it wrote checked by content
api() {
	local name=$1 in=$2 raster=$3 fmt=$4 count=$5 out=$W/$1.raw
	shift 5
	signal sdi8k-0 "$in" "$raster"
	sleep 0.3
	if timeout 120 sdi8k-capture-check -i "${DEV[$in]}" -r "$raster" \
		-f "$fmt" -n "$count" -o "$out" --exact-rate "$@" >"$W/$name.log" 2>&1; then
		pass "$name ($(tail -n 1 "$W/$name.log" | sed 's/^ok [^ ]* //'))"
		verify "$name-content" "$out" "$fmt" "$raster" --allow-gaps
	else
		fail "$name" "$(head -n 5 "$W/$name.log" | tr '\n' '|')"
	fi
	rm -f "$out"
}

# interlaced (field INTERLACED), v210; two planes (p010); a 1/1.001 raster
# with the HDR source's colorimetry (BT.2020, PQ), y210
api capture-api-1080i50-v210 2 1080i50 v210 4
api capture-api-1080p25-p010 3 1080p25 p010 4
H=$DBG/sdi8k-0/input0/hdr
if [ -w "$H" ]; then
	echo pq >"$H"
	api capture-api-1080p59.94-y210-pq 0 1080p59.94 y210 4 --color pq
	echo sdr >"$H"
else
	api capture-api-1080p59.94-y210 0 1080p59.94 y210 4
fi

# --- sdi8k-capture --raster -----------------------------------------------------
# (the content of frames captured with a named raster: the API legs above)
dev3=${DEV[3]}
# set, not detected: with 1080p50 coming in, 1080p25 named is what the
# node captures (the card takes any rate of the programmed size and scan)
# and the Y4M header has its rate
signal sdi8k-0 3 1080p50
sleep 0.3
if timeout 60 sdi8k-capture -i "$dev3" -r 1080p25 -f uyvy -n 1 -o "$W/ry.y4m" 2>"$W/ry.log" &&
	head -c 80 "$W/ry.y4m" | head -n 1 | grep -q "^YUV4MPEG2 W1920 H1080 F25:1 Ip " &&
	grep -q " 1080p25 uyvy.* 1 frames written" "$W/ry.log"; then
	pass capture-raster-set-not-detected
else
	fail capture-raster-set-not-detected "$(tr '\n' '|' <"$W/ry.log")"
fi
rm -f "$W/ry.y4m"
signal sdi8k-0 3 1080p25
sleep 0.3

# a raster this input does not offer: exit 1, the offered ones listed, no file
timeout 30 sdi8k-capture -i "$dev3" --raster 4320p60 -n 1 -o "$W/q.raw" 2>"$W/q.log"
rc=$?
if [ "$rc" = 1 ] && grep -q "raster 4320p60 is not one this input offers (1080i50/59.94/60, 1080p23.98/24/25/29.97/30/50/59.94/60, 2160p23.98/" \
	"$W/q.log" && [ ! -e "$W/q.raw" ] && ! ls -a "$W" | grep -q '^\.q'; then
	pass capture-raster-not-offered
else
	fail capture-raster-not-offered "rc $rc: $(tr '\n' '|' <"$W/q.log")"
fi

# named without a signal: set anyway, then the timeout says why nothing came
signal sdi8k-0 3 none
sleep 0.3
timeout 30 sdi8k-capture -i "$dev3" -r 1080p25 -n 1 --timeout 500 -o "$W/n.raw" 2>"$W/n.log"
rc=$?
if [ "$rc" = 1 ] && grep -q "no frame within 500 ms (capturing 1080p25; the input receives no signal)" \
	"$W/n.log" && [ ! -e "$W/n.raw" ]; then
	pass capture-raster-no-signal
else
	fail capture-raster-no-signal "rc $rc: $(tr '\n' '|' <"$W/n.log")"
fi
signal sdi8k-0 3 1080p25

timeout 30 sdi8k-capture -i "$dev3" --raster 1080x25 -n 1 -o "$W/b.raw" 2>"$W/b.log"
rc=$?
if [ "$rc" = 2 ] && grep -q -- "--raster 1080x25: a raster name" "$W/b.log"; then
	pass capture-raster-misspelt
else
	fail capture-raster-misspelt "rc $rc: $(tr '\n' '|' <"$W/b.log")"
fi
rm -rf "$W"
