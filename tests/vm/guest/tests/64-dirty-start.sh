#!/bin/bash
# A card left capturing with interrupts pending (issue 15, item 4): a
# driver that crashed, or the kernel before a kexec, leaves the card as
# sdi8k-sim.ko's sim_dirty_start=1 makes it: every DMA engine enabled, every
# interrupt enabled and pending as the vectors come up. The driver's
# handler finds its card from the start (back pointers set at
# allocation), acknowledges what comes before the card is whole, and the
# card is reset and masked before anything else; the card then probes and
# captures, and the kernel log is clean (before: a NULL card in the
# handler, or a WARN for an input the card did not have yet).
. "$(dirname "$0")/lib/common.sh"
unload_sdi8k
if load_sdi8k cards=2 sim_dirty_start=1; then
	pass dirty-start-probe
else
	fail dirty-start-probe "module not loaded: $(dmesg | tail -n 3 | tr '\n' '|')"
	exit 0
fi
regs=/sys/kernel/debug/sdi8k/sdi8k-1/regs
v=$(sed -n 's/^input2\.DMA_CTRL *0x[0-9a-f]* 0x\([0-9a-f]*\)$/\1/p' "$regs")
[ "$v" = 00000000 ] && pass dirty-start-quiet ||
	fail dirty-start-quiet "input 2's DMA_CTRL after probe: '$v' (the card was not reset)"
dev=$(node sdi8k-1 2)
signal sdi8k-1 2 1080p50
sleep 0.3
raw=$SCRATCH/dirty.raw
rm -f "$raw"
if v4l2-ctl -d "$dev" --set-dv-bt-timings query --set-fmt-video=pixelformat=UYVY \
	--stream-mmap --stream-count=5 --stream-to="$raw" >"$SCRATCH/dirty.log" 2>&1; then
	verify dirty-start-captures "$raw" UYVY 1080p50
else
	fail dirty-start-captures "$(tail -n 2 "$SCRATCH/dirty.log" | tr '\n' '|')"
fi
rm -f "$raw"
unload_sdi8k || fail dirty-start-unload "rmmod failed"
load_sdi8k || fail dirty-start-restore "could not load one card"
