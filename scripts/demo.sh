#!/bin/bash
# The main job, end to end: build the driver and tools, boot Debian 12's
# kernel in a VM with the driver and one simulated card, print the signal
# the input detects, capture frames with v4l2-ctl, check their content and
# write the last one as a PNG: out/capture.png.
# SDI8K_DEMO_LEG picks the kernel (bookworm, trixie or sid; default bookworm);
# SDI8K_DEMO_FORMAT the pixel format (default UYVY; v210, P010, ...).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
leg=${SDI8K_DEMO_LEG:-bookworm}
fmt=${SDI8K_DEMO_FORMAT:-UYVY}
mkdir -p out

echo "demo: building the library and tools"
make -s lib tools

guest=$(mktemp --suffix=.sh)
trap 'rm -f "$guest"' EXIT
cat >"$guest" <<GUEST
set -e
mount -t debugfs none /sys/kernel/debug 2>/dev/null || true
insmod "\$KO"
insmod "\$SIM_KO" cards=1
udevadm settle 2>/dev/null || sleep 1
dev=
for d in /sys/class/video4linux/video*; do
	[ "\$(cat \$d/name)" = "sdi8k-0 input 0" ] && dev=/dev/\${d##*/}
done
echo "== \$dev: the card"
v4l2-ctl -d \$dev --info
echo "== \$dev: input status"
v4l2-ctl -d \$dev --list-inputs
echo "== \$dev: detected signal (VIDIOC_QUERY_DV_TIMINGS)"
v4l2-ctl -d \$dev --query-dv-timings
echo "== \$dev: capturing 5 frames of $fmt"
v4l2-ctl -d \$dev --set-dv-bt-timings query --set-fmt-video=pixelformat=$fmt \
	--stream-mmap --stream-count=5 --stream-to=/job/capture.raw
v4l2-ctl -d \$dev --get-fmt-video
GUEST

echo "demo: booting $leg in QEMU (software emulation)"
jobdir=$(tests/vm/run-guest.sh "$leg" "$guest" 2>"$top/out/demo-console.log" | tail -n 1) || {
	echo "demo: the guest failed; console: out/demo-console.log" >&2
	[ -n "${jobdir:-}" ] && cat "$jobdir/logs/script.log" >&2
	exit 1
}
cat "$jobdir/logs/script.log"
echo "== checking the capture and writing out/capture.png"
tests/tools/sdi8k-verify --format "$fmt" --width 1920 --height 1080 \
	--expect-consecutive --png out/capture.png --frame-index 4 "$jobdir/capture.raw"
echo "demo: out/capture.png is frame 5 of the capture, as the driver delivered it"
rm -rf "$jobdir"
