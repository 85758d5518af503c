#!/bin/bash
# The metadata node stopped and started hundreds of times while its video
# input streams (issue: STREAMOFF on the metadata node raced the frame
# interrupt that fills and completes a metadata buffer outside the queue's
# lock; vb2 then took the buffer back while the handler still wrote it:
# "leaving buffer in active state" warnings, writes into freed memory).
# Checked: every round's ioctls succeed, buffers arrive, the video stream
# goes on, and the kernel log of the run has no warning.
. "$(dirname "$0")/lib/common.sh"
load_sdi8k || { fail meta-streamoff "module not loaded"; exit 0; }
dev=$(node sdi8k-0 0)
meta=$(meta_node sdi8k-0 0)
[ -n "$dev" ] && [ -n "$meta" ] || { fail meta-streamoff "no nodes ($dev, $meta)"; exit 0; }
signal sdi8k-0 0 1080p59.94
sleep 0.3
echo "sdi8k-meta-streamoff: start" >/dev/kmsg
v4l2-ctl -d "$dev" --set-dv-bt-timings query --set-fmt-video=pixelformat=UYVY \
	--stream-mmap --stream-count=100000 >"$SCRATCH/flap-video.log" 2>&1 &
vpid=$!
sleep 1
if out=$("$BIN/sdi8k-meta-flap" "$meta" 300 2>&1); then
	read -r _ rounds _ dq _ errs <<<"$out"
	if [ "${rounds:-0}" = 300 ] && [ "${dq:-0}" -gt 0 ]; then
		pass "meta-streamoff-300-rounds ($dq buffers, $errs returned with errors)"
	else
		fail meta-streamoff-300-rounds "$out"
	fi
else
	fail meta-streamoff-300-rounds "$out"
fi
if kill -0 "$vpid" 2>/dev/null; then
	pass meta-streamoff-video-goes-on
else
	fail meta-streamoff-video-goes-on "v4l2-ctl ended: $(tail -n 2 "$SCRATCH/flap-video.log" | tr '\n' '|')"
fi
kill "$vpid" 2>/dev/null
wait "$vpid" 2>/dev/null
bad=$(dmesg | sed -n '/sdi8k-meta-streamoff: start$/,$p' |
	grep -E 'WARNING|BUG|active state|Call Trace|refcount|use-after' | head -n 2 | tr '\n' '|')
if [ -z "$bad" ]; then
	pass meta-streamoff-kernel-log-clean
else
	fail meta-streamoff-kernel-log-clean "$bad"
fi
