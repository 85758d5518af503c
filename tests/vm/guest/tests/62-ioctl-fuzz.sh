#!/bin/bash
# A hostile user (issue 15, "Beyond these"): the project's V4L2 ioctl
# fuzzer (tests/tools/sdi8k-ioctl-fuzz.c) on all eight nodes of card 0
# (video and metadata), four threads with three fds each, for
# SDI8K_FUZZ_SECONDS (default 60, the minute issue 15 asks for, on each
# of the three kernels with a fresh seed every run; longer runs:
# tests/vm/README.md), while card 1 streams
# (v4l2-ctl, 25 frames at a time, on a steady input and on one whose
# signal flaps) and the signals of its inputs 1-3 flap (none, then
# rasters).
# Passes when the fuzzer ran its duration and ended (no operation hung),
# the kernel log since the start shows no warning, BUG or oops (guest.sh
# checks it again at the end), the card's buffer memory is back to 0
# once the fuzzer's fds are closed, card 0 still captures content-checked
# frames and the modules unload.
# Knobs (run.sh passes them on from the host's environment):
# SDI8K_FUZZ_SECONDS, SDI8K_FUZZ_SEED (default: a random one, printed in
# the result line), SDI8K_FUZZ_CARD_MB (max_card_mb during the run,
# default 512: less memory to clear under emulation).
# Replay: sdi8k-ioctl-fuzz --seed S --threads 1 NODE... (docs in the tool).
# The fuzzer's last operations per thread: $JOB/ioctl-fuzz-ops.log
# (sort -n), its output $JOB/ioctl-fuzz.out.
. "$(dirname "$0")/lib/common.sh"
dur=${SDI8K_FUZZ_SECONDS:-60}
seed=${SDI8K_FUZZ_SEED:-$((RANDOM << 30 | RANDOM << 15 | RANDOM))}
# two cards: whatever an earlier test left loaded goes first
unload_sdi8k
load_sdi8k cards=2 || { fail ioctl-fuzz "modules not loaded"; exit 0; }
for _ in $(seq 50); do node sdi8k-1 3 >/dev/null && break; sleep 0.1; done
nodes=""
for i in 0 1 2 3; do nodes="$nodes $(node sdi8k-0 $i) $(meta_node sdi8k-0 $i)"; done
set -- $nodes
if [ $# != 8 ] || ! node sdi8k-1 0 >/dev/null; then
	fail ioctl-fuzz "nodes of card 0: '$nodes'; card 1: $(node sdi8k-1 0)"
	exit 0
fi
param=/sys/module/sdi8k/parameters/max_card_mb
old_mb=$(<"$param")
echo "${SDI8K_FUZZ_CARD_MB:-512}" >"$param"
echo "sdi8k-ioctl-fuzz: start seed $seed" >/dev/kmsg

# card 1: input 0 (steady 1080p25) and input 1 (its signal flaps) stream
# 25 frames at a time, over and over (each run a STREAMON and STREAMOFF);
# v4l2-ctl prints a '<' per buffer. Inputs 1, 2 and 3 lose their signal
# and get another raster, one a second.
stop=$SCRATCH/fuzz-stop
rm -f "$stop" "$SCRATCH"/fuzz-c1-*
signal sdi8k-1 0 1080p25
signal sdi8k-1 1 1080p25
sleep 0.3
streamers=""
for in in 0 1; do
	(
		c1=$(node sdi8k-1 $in)
		while [ ! -e "$stop" ]; do
			timeout 4 v4l2-ctl -d "$c1" --set-dv-bt-timings query \
				--set-fmt-video=pixelformat=UYVY --stream-mmap --stream-count=25 \
				>>"$SCRATCH/fuzz-c1-$in.out" 2>&1 &
			echo $! >"$SCRATCH/fuzz-c1-$in.pid"
			wait $!
			echo >>"$SCRATCH/fuzz-c1-$in.runs"
			sleep 0.1
		done
	) &
	streamers="$streamers $!"
done
(
	rasters=(1080i50 1080p50 none 2160p25 1080p29.97 1080p25)
	n=0
	while [ ! -e "$stop" ]; do
		in=$((1 + n % 3))
		signal sdi8k-1 $in none
		sleep 0.3
		signal sdi8k-1 $in "${rasters[n % ${#rasters[@]}]}"
		sleep 0.7
		n=$((n + 1))
		echo "$n" >"$SCRATCH/fuzz-flaps"
	done
) &
flapper=$!

log=$SCRATCH/ioctl-fuzz-ops.log
out=$JOB/ioctl-fuzz.out
t0=$SECONDS
# the fuzzer ends by itself (a hang: exit 3 after 20 s); timeout is the last resort
timeout -k 5 $((dur + 60)) "$BIN/sdi8k-ioctl-fuzz" --seed "$seed" --duration "$dur" \
	--log "$log" "$@" >"$out" 2>&1
rc=$?
took=$((SECONDS - t0))
cp "$log" "$JOB/ioctl-fuzz-ops.log" 2>/dev/null
touch "$stop"
wait "$flapper" 2>/dev/null
for in in 0 1; do	# card 1's streams end within 4 s: the timeout
	{ read -r p <"$SCRATCH/fuzz-c1-$in.pid" && kill "$p"; } 2>/dev/null
done
# shellcheck disable=SC2086
wait $streamers 2>/dev/null
echo "$old_mb" >"$param"

done_s=$(sed -n 's/^done \([0-9]*\) s .*/\1/p' "$out")
ioctls=$(sed -n 's/^ioctls \([0-9]*\),.*/\1/p' "$out")
dequeued=$(sed -n 's/^ioctls .* buffers dequeued \([0-9]*\),.*/\1/p' "$out")
frames() { tr -cd '<' <"$SCRATCH/fuzz-c1-$1.out" 2>/dev/null | wc -c; }
runs() { wc -l <"$SCRATCH/fuzz-c1-$1.runs" 2>/dev/null || echo 0; }
flaps=0
{ read -r flaps <"$SCRATCH/fuzz-flaps"; } 2>/dev/null
if [ $rc = 0 ] && [ -n "$done_s" ] && [ "$done_s" -ge $((dur - 1)) ]; then
	pass "ioctl-fuzz-ran (seed $seed, $ioctls ioctls in $done_s s on 8 nodes, $dequeued buffers dequeued; card 1: input 0 $(frames 0) frames in $(runs 0) streams, input 1 $(frames 1) in $(runs 1), $flaps signal flaps)"
else
	fail ioctl-fuzz-ran "seed $seed: exit $rc after $took s: $(tail -n 12 "$out" | cut -c1-200 | tr '\n' '|')"
	echo "last operations (sort -n $JOB/ioctl-fuzz-ops.log):"
	sort -n "$log" 2>/dev/null | tail -n 40
fi
bad=$(dmesg | sed -n "/sdi8k-ioctl-fuzz: start seed $seed\$/,\$p" |
	grep -E 'WARNING:|BUG:|Oops|Call Trace|general protection|UBSAN|KASAN|refcount_t|list_del corruption|sleeping function called|lockdep|possible circular locking' |
	head -n 3)
if [ -z "$bad" ]; then
	pass ioctl-fuzz-dmesg-clean
else
	fail ioctl-fuzz-dmesg-clean "seed $seed: $(tr '\n' '|' <<<"$bad") (last operations: $JOB/ioctl-fuzz-ops.log)"
fi
sys=/sys/class/video4linux/${1#/dev/}/device/buffer_memory
mem=
[ -r "$sys" ] && read -r mem _ <"$sys"
if [ "$mem" = 0 ]; then
	pass ioctl-fuzz-buffers-freed
else
	fail ioctl-fuzz-buffers-freed "seed $seed: card 0's buffer_memory '$mem' after the fuzzer ended"
fi

# card 0 still captures: input 0, and each input once more on failure
capture() {	# capture NAME INPUT RASTER
	local dev raw=$SCRATCH/fuzz-after.raw
	dev=$(node sdi8k-0 "$2")
	signal sdi8k-0 "$2" "$3"
	sleep 0.3
	rm -f "$raw"
	# --verbose and the exit status: how v4l2-ctl ended if it gets nothing
	# (a forged DQBUF once left the queue marked as past its last buffer,
	# and this capture ended at once, silent: 49-buffer-budget.sh)
	v4l2-ctl -d "$dev" --verbose --set-dv-bt-timings query --set-fmt-video=pixelformat=UYVY \
		--stream-mmap --stream-count=3 --stream-to="$raw" >"$SCRATCH/fuzz-cap.log" 2>&1
	echo "v4l2-ctl exit $?" >>"$SCRATCH/fuzz-cap.log"
	if grep -q "^v4l2-ctl exit 0$" "$SCRATCH/fuzz-cap.log" && [ -s "$raw" ]; then
		verify "$1" "$raw" UYVY "$3"
	else
		fail "$1" "seed $seed: input $2 captured nothing: $(tail -n 3 "$SCRATCH/fuzz-cap.log" | tr '\n' '|')"
		echo "== $1: v4l2-ctl"; cat "$SCRATCH/fuzz-cap.log"
		echo "== v4l2-ctl --all"; v4l2-ctl -d "$dev" --all
		echo "== stats"; cat "$DBG/sdi8k-0/input$2/stats"
		echo "== dmesg"; dmesg | tail -n 20
		return 1
	fi
}
if ! capture ioctl-fuzz-capture-after 0 1080p50; then
	sleep 1
	for i in 0 1 2 3; do capture "ioctl-fuzz-capture-retry-input$i" $i 1080p25; done
fi
rm -f "$SCRATCH/fuzz-after.raw"
if out=$(unload_sdi8k 2>&1); then
	pass ioctl-fuzz-unload
else
	fail ioctl-fuzz-unload "$out"
fi
