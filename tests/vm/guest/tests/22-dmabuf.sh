#!/bin/bash
# v4l2-ctl --stream-dmabuf: the capture node imports DMABUF buffers that
# another driver exports. vivid's HDMI output (the kernel's own test
# driver) set to the same raster exports them (--stream-out-mmap); every
# frame captured into them is checked by content.
. "$(dirname "$0")/lib/common.sh"
# On the matrix leg: on every kernel the PCI leg captures into buffers
# vivid exports the same way (tests/vm/guest/pci/suite.sh,
# pci-dmabuf-import-1080p25), and v4l2-compliance -e imports sdi8k's own
# (10-compliance.sh)
matrix_leg || { skip v4l2ctl-dmabuf "on the matrix leg; the PCI leg imports vivid's buffers on this kernel"; exit 0; }
load_sdi8k || { fail dmabuf "module not loaded"; exit 0; }
if ! modprobe vivid n_devs=1 node_types=0x100 num_outputs=1 output_types=0x1 2>"$SCRATCH/vivid.err"; then
	skip v4l2ctl-dmabuf "vivid not available: $(<"$SCRATCH/vivid.err")"
	exit 0
fi
udevadm settle 2>/dev/null || sleep 1
out=$(node_named vivid-000-vid-out)
[ -n "$out" ] || { fail v4l2ctl-dmabuf "no vivid output node"; modprobe -r vivid; exit 0; }
idx=$(vivid_out_1080p60 "$out")
dev=$(node sdi8k-0 0)
signal sdi8k-0 0 1080p59.94
sleep 0.3
raw=$SCRATCH/dmabuf.raw
if v4l2-ctl -d "$out" --set-dv-bt-timings index="$idx" \
	--set-fmt-video-out=width=1920,height=1080,pixelformat=UYVY >"$SCRATCH/dmabuf-out.log" 2>&1 &&
	v4l2-ctl -d "$dev" -e "$out" --set-dv-bt-timings query --set-fmt-video=pixelformat=UYVY \
		--stream-dmabuf --stream-out-mmap=8 --stream-count=8 --stream-to="$raw" \
		>"$SCRATCH/dmabuf.log" 2>&1; then
	verify v4l2ctl-dmabuf "$raw" UYVY 1080p59.94
else
	fail v4l2ctl-dmabuf "timings index '$idx': $(tail -n 3 "$SCRATCH/dmabuf-out.log" "$SCRATCH/dmabuf.log" | tr '\n' '|')"
fi
rm -f "$raw"
modprobe -r vivid
