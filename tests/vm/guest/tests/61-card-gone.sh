#!/bin/bash
# A card gone from the bus while streaming (issue 15, item 7; the model's
# card word "gone": every register reads all-ones, no DMA, and each input
# raises one last interrupt, as a shared or stale vector would): the
# driver schedules nothing on it, every streaming client ends with an
# error within seconds, one message says what happened, and the removal
# that follows is prompt (before: the handler claimed the interrupt and
# scheduled work, and stopping polled a RUNNING that read 1 for 500 ms per
# input). The kernel log stays clean (the bench fails on any warning).
. "$(dirname "$0")/lib/common.sh"
unload_sdi8k
load_sdi8k || { fail card-gone "module not loaded"; exit 0; }
mark() { echo "sdi8k-card-gone: $1" >/dev/kmsg; }
since() { dmesg | sed -n "/sdi8k-card-gone: $1\$/,\$p" | tail -n +2; }

pids=""
for in in 0 3; do
	signal sdi8k-0 $in 1080p25
	v4l2-ctl -d "$(node sdi8k-0 $in)" --set-dv-bt-timings query --set-fmt-video=pixelformat=UYVY \
		--stream-mmap --stream-count=100000 >"$SCRATCH/gone-$in.log" 2>&1 &
	pids="$pids $!"
done
sleep 1
mark gone
echo 1 >"$DBG/sdi8k-0/gone"
left=""
for pid in $pids; do
	for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	if kill -0 "$pid" 2>/dev/null; then left="$left $pid"; kill "$pid"; fi
	wait "$pid" 2>/dev/null
done
[ -z "$left" ] && pass card-gone-clients-end || fail card-gone-clients-end "clients still streaming 5 s after the card went"
n=$(since gone | grep -c "the card does not answer (registers read all-ones): gone from the bus")
[ "$n" = 1 ] && pass card-gone-logged-once || fail card-gone-logged-once "$n messages: $(since gone | tail -n 3 | tr '\n' '|')"

t0=$(date +%s%N)
if rmmod sdi8k_sim 2>"$SCRATCH/gone.err"; then
	ms=$((($(date +%s%N) - t0) / 1000000))
	# four inputs, 500 ms each before: a prompt removal takes far less
	[ "$ms" -lt 1500 ] && pass "card-gone-removal-prompt ($ms ms)" ||
		fail card-gone-removal-prompt "rmmod took $ms ms"
else
	fail card-gone-removal-prompt "rmmod: $(<"$SCRATCH/gone.err")"
fi
n=$(since gone | grep -c "did not complete\|DMA engine still running")
[ "$n" = 0 ] && pass card-gone-no-waits || fail card-gone-no-waits "$(since gone | grep "did not complete\|DMA engine still running" | head -n 2 | tr '\n' '|')"
load_sdi8k && node sdi8k-0 3 >/dev/null && pass card-gone-reload || fail card-gone-reload "no card after reload"
