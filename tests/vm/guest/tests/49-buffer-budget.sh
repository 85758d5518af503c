#!/bin/bash
# The card's buffer budget (max_card_mb): a client asking every video and
# metadata node of a card for as much MMAP memory as it can (REQBUFS 256,
# then CREATE_BUFS of 8K Y210 frames and 16 MiB metadata buffers until
# refused) gets no more than the budget in all, a clear ENOMEM and a
# kernel log line past it; a buffer larger than any frame is refused with
# EINVAL; closing frees it all. (Before: CREATE_BUFS bypassed the cap and
# the cap was per queue: two such clients took a 4 GiB guest down.)
. "$(dirname "$0")/lib/common.sh"
load_sdi8k || { fail buffer-budget "module not loaded"; exit 0; }
param=/sys/module/sdi8k/parameters/max_card_mb
dev=$(node sdi8k-0 0)
sys=/sys/class/video4linux/${dev#/dev/}/device/buffer_memory
[ -r "$sys" ] && [ -w "$param" ] || { fail buffer-budget "no $sys or $param"; exit 0; }
nodes=""
for i in 0 1 2 3; do nodes="$nodes $(node sdi8k-0 $i) $(meta_node sdi8k-0 $i)"; done
old=$(<"$param")
echo 256 >"$param"
echo "sdi8k-buffer-budget: start" >/dev/kmsg
# shellcheck disable=SC2086
out=$("$BIN/sdi8k-buffer-budget" "$sys" $nodes 2>&1)
rc=$?
echo "$out" >"$SCRATCH/budget.log"
total=$(sed -n 's/^total //p' <<<"$out")
pinned=$(sed -n 's/^sysfs \([0-9]*\) .*/\1/p' <<<"$out")
max=$(sed -n 's/^sysfs [0-9]* \([0-9]*\)$/\1/p' <<<"$out")
if [ $rc = 0 ] && [ -n "$total" ] && [ "$total" -gt 0 ] && [ "$total" -le $((256 << 20)) ] &&
	[ "$pinned" = "$total" ] && [ "$max" = $((256 << 20)) ]; then
	pass "buffer-budget-held ($((total >> 20)) MiB over 8 nodes, sysfs $pinned of $max)"
else
	fail buffer-budget-held "rc $rc total '$total' sysfs '$pinned $max': $(tr '\n' '|' <<<"$out")"
fi
if grep -q ' refused ENOMEM ' <<<"$out"; then
	pass buffer-budget-refused-enomem
else
	fail buffer-budget-refused-enomem "no node refused with ENOMEM: $(tr '\n' '|' <<<"$out")"
fi
n_over=$(grep -c ' oversize EINVAL$' <<<"$out")
if [ "$n_over" = 8 ]; then
	pass buffer-budget-oversize-einval
else
	fail buffer-budget-oversize-einval "$n_over of 8 nodes refused an oversize buffer with EINVAL: $(tr '\n' '|' <<<"$out")"
fi
if dmesg | sed -n '/sdi8k-buffer-budget: start$/,$p' | grep -q 'max_card_mb=256 MiB'; then
	pass buffer-budget-logged
else
	fail buffer-budget-logged "no kernel log line names max_card_mb"
fi
read -r after _ <"$sys"
if [ "$after" = 0 ]; then
	pass buffer-budget-freed-on-close
else
	fail buffer-budget-freed-on-close "buffer_memory still $after after the client closed"
fi
echo "$old" >"$param"
# A client that ends with a DQBUF whose flags say DONE and LAST (it fails:
# nothing is done yet) and closes without STREAMOFF: videobuf2 took that
# for the end of the stream, and the next client's DQBUF failed with EPIPE
# (v4l2-ctl ended at once with no frame and no message: the ioctl fuzzer's
# rare "captured nothing"). The captures below are those next clients.
signal sdi8k-0 0 1080p59.94
sleep 0.3
meta=$(meta_node sdi8k-0 0)
forged=$("$BIN/sdi8k-ioctl-fuzz" --forge-last "$dev" "$meta" 2>&1)
if [ "$(grep -c ': DQBUF EAGAIN$' <<<"$forged")" = 2 ]; then
	pass dqbuf-forged-last
else
	fail dqbuf-forged-last "$(tr '\n' '|' <<<"$forged")"
fi
# a plain capture works as before under the default budget, and is the
# video node's next client after the forged DQBUF
raw=$SCRATCH/budget.raw
if v4l2-ctl -d "$dev" --set-dv-bt-timings query --set-fmt-video=pixelformat=UYVY \
	--stream-mmap --stream-count=5 --stream-to="$raw" >"$SCRATCH/budget-cap.log" 2>&1; then
	verify buffer-budget-capture-after "$raw" UYVY 1080p59.94
else
	fail buffer-budget-capture-after "$(tail -n 2 "$SCRATCH/budget-cap.log" | tr '\n' '|')"
fi
rm -f "$raw"
# the metadata node's next client, while the video streams
mraw=$SCRATCH/budget-meta.raw
v4l2-ctl -d "$dev" --set-dv-bt-timings query --set-fmt-video=pixelformat=UYVY \
	--stream-mmap --stream-count=100000 >"$SCRATCH/budget-bg.log" 2>&1 &
bg=$!
timeout 20 v4l2-ctl -d "$meta" --stream-mmap --stream-count=3 --stream-to="$mraw" \
	>"$SCRATCH/budget-meta.log" 2>&1
kill "$bg" 2>/dev/null
wait "$bg" 2>/dev/null
if [ -s "$mraw" ]; then
	pass "dqbuf-forged-last-meta-next-client ($(stat -c %s "$mraw") bytes in 3 buffers)"
else
	fail dqbuf-forged-last-meta-next-client "the metadata node's next client got nothing: $(tail -n 2 "$SCRATCH/budget-meta.log" | tr '\n' '|')"
fi
rm -f "$mraw"
