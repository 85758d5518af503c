#!/bin/bash
# guest.sh: runs INSIDE the test VM (as /job/guest.sh, cwd /job), started by
# the initramfs with LEG set. Settings come from /job/env.sh (written by
# run.sh or run-guest.sh):
#   SDI8K_GUEST_MODE    "tests" (default): run every /job/tests/*.sh in
#                       sorted order; "script": run /job/script.sh once
#   SDI8K_TEST_TIMEOUT  seconds allowed to each test script (default 300)
#   SDI8K_GUEST_MODULES modules loaded first with modprobe (default the
#                       sdi8k.ko dependencies)
#   SDI8K_GUEST_SLEEP   1: after the tests, the system-sleep test
#                       (/job/sleep/63-suspend.sh), which ends the boot
# /job/firmware, if there, becomes the kernel's firmware search path
# (SDI8K_FW_SEARCH: that directory as the kernel opens it).
# Test scripts get LEG, JOB=/job, BIN (a tmpfs copy of /job/bin), KO=/job/sdi8k.ko,
# SIM_KO=/job/sdi8k-sim.ko (the simulated cards' module) and print
# their own "PASS|FAIL|SKIP <leg> <name>[: reason]" lines on stdout. Those
# lines go to the console (streamed by the host) and to /job/results.txt;
# everything a test prints goes to /job/logs/<test>.log. A test that times out
# or prints no result line becomes a FAIL line. Afterwards the kernel log is
# saved to /job/dmesg.txt and every suspicious line in it is a FAIL line.
# Exit status: 0 if no FAIL line was written (script mode: the script's).
set -euo pipefail

export LEG="${LEG:-unknown}" JOB=/job BIN=/job/bin KO=/job/sdi8k.ko SIM_KO=/job/sdi8k-sim.ko
SDI8K_GUEST_MODE=tests
SDI8K_TEST_TIMEOUT=300
SDI8K_GUEST_MODULES="videobuf2-dma-sg videobuf2-vmalloc videobuf2-v4l2 videodev v4l2-dv-timings snd-pcm"
if [ -f "$JOB/env.sh" ]; then
	. "$JOB/env.sh"
fi
RESULTS="$JOB/results.txt"
LOGS="$JOB/logs"
: >"$RESULTS"
: >"$JOB/times.txt"
mkdir -p "$LOGS"
export LC_ALL=C.UTF-8
# The binaries run from a copy in tmpfs: /job is 9p without a page cache,
# where every exec reads the file again from the host. Only shared
# libraries shipped with them (lib*.so.N; the GStreamer plugin and
# sdi8k-capture's writer module are found by path) put BIN on the library
# path: there every library lookup of every program (ffprobe opens
# hundreds) tries BIN first, and a miss on 9p costs a round trip to the host.
if [ -d "$BIN" ] && mkdir -p /run/sdi8k-bin && cp -a "$BIN/." /run/sdi8k-bin/; then
	BIN=/run/sdi8k-bin
fi
if compgen -G "$BIN/lib*.so.[0-9]*" >/dev/null; then
	export LD_LIBRARY_PATH="$BIN${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi

result() { # result LINE: record a result line and show it on the console
	printf '%s\n' "$1" >>"$RESULTS"
	printf '%s\n' "$1"
}

echo "sdi8k-vm: guest.sh start (leg $LEG, kernel $(uname -r))" >/dev/kmsg || true

# insmod does not resolve dependencies: load sdi8k.ko's ones now.
for m in $SDI8K_GUEST_MODULES; do
	if ! out="$(modprobe "$m" 2>&1)"; then
		result "FAIL $LEG modules: modprobe $m failed: $(echo "$out" | tr '\n' ' ')"
	fi
done

# The card's firmware: /job/firmware (the repo's firmware/build) is the
# first place the kernel looks (sdi8k/sdi8k.bin, test/*.bin). The kernel
# opens firmware files from init's root, the initramfs, below which this
# root is mounted: SDI8K_FW_SEARCH is /job/firmware as init sees it.
SDI8K_FW_SEARCH=""
for d in /proc/1/root/job /proc/1/root/*/job; do
	if [ -d "$d" ] && [ "$d" -ef "$JOB" ]; then
		SDI8K_FW_SEARCH="${d#/proc/1/root}/firmware"
		break
	fi
done
export SDI8K_FW_SEARCH="${SDI8K_FW_SEARCH:-$JOB/firmware}"
if [ -d "$JOB/firmware" ]; then
	if ! printf '%s' "$SDI8K_FW_SEARCH" >/sys/module/firmware_class/parameters/path 2>/dev/null; then
		result "FAIL $LEG firmware-path: cannot set /sys/module/firmware_class/parameters/path"
	fi
fi

# stream_new LOG: record and show the result lines of LOG past line SEEN,
# then set SEEN to its count of complete lines. Returns 1, SEEN unchanged,
# when LOG cannot be read: a read of the shared job dir can fail for a
# moment (9p, "No data available", once in a fresh-clone run, which ended
# guest.sh under set -e in the middle of the sid leg); the caller tries
# again.
SEEN=0
stream_new() {
	local log="$1" total line
	total="$(wc -l <"$log" 2>/dev/null)" || return 1
	if [ "$total" -gt "$SEEN" ]; then
		sed -n "$((SEEN + 1)),${total}p" "$log" | tr -d '\r' | while IFS= read -r line; do
			case "$line" in
			"PASS "*|"FAIL "*|"SKIP "*) result "$line" ;;
			esac
		done
	fi
	SEEN="$total"
}

# run_one SCRIPT LOG: run SCRIPT under the per-script timeout with its output
# in LOG, streaming its result lines; sets STATUS and NLINES.
run_one() {
	local script="$1" log="$2" tpid
	: >"$log"
	SEEN=0
	# timeout puts itself and the script in a process group of their own.
	timeout -k 10 "$SDI8K_TEST_TIMEOUT" bash "$script" </dev/null >"$log" 2>&1 &
	tpid=$!
	while kill -0 "$tpid" 2>/dev/null; do
		stream_new "$log" || true
		sleep 1
	done
	STATUS=0
	wait "$tpid" || STATUS=$?
	kill -KILL -- "-$tpid" 2>/dev/null || true  # leftovers of the script
	# A last line without a newline still counts.
	if [ -s "$log" ] && [ -n "$(tail -c 1 "$log")" ]; then
		echo >>"$log"
	fi
	for _ in 1 2 3 4 5; do
		! stream_new "$log" || break
		sleep 1
	done
	NLINES="$(tr -d '\r' <"$log" | grep -cE '^(PASS|FAIL|SKIP) ' || true)"
}

RC=0
if [ "$SDI8K_GUEST_MODE" = script ]; then
	[ -f "$JOB/script.sh" ] || { echo "guest.sh: /job/script.sh missing"; exit 1; }
	echo "sdi8k-vm: running script.sh (timeout $SDI8K_TEST_TIMEOUT s)"
	set +e
	timeout -k 10 "$SDI8K_TEST_TIMEOUT" bash "$JOB/script.sh" </dev/null 2>&1 | tee "$LOGS/script.log"
	RC=${PIPESTATUS[0]}
	set -e
	if [ "$RC" -eq 124 ] || [ "$RC" -eq 137 ]; then
		result "FAIL $LEG script: timed out after $SDI8K_TEST_TIMEOUT s"
	fi
	echo "sdi8k-vm: script.sh exited $RC"
else
	shopt -s nullglob
	TESTS=("$JOB"/tests/*.sh)
	if [ "${#TESTS[@]}" -eq 0 ]; then
		echo "sdi8k-vm: no test scripts in $JOB/tests"
	fi
	for t in "${TESTS[@]}"; do
		name="$(basename "$t" .sh)"
		echo "sdi8k-vm: test $name" >/dev/kmsg || true
		t0=$(date +%s)
		run_one "$t" "$LOGS/$name.log"
		echo "$name $(($(date +%s) - t0))" >>"$JOB/times.txt"
		if [ "$STATUS" -eq 124 ] || [ "$STATUS" -eq 137 ]; then
			result "FAIL $LEG $name: timed out after $SDI8K_TEST_TIMEOUT s (log: logs/$name.log)"
		elif [ "$NLINES" -eq 0 ]; then
			result "FAIL $LEG $name: printed no result line (exit status $STATUS, log: logs/$name.log)"
		fi
	done
fi

# The kernel log: any sign of a kernel bug is a failure.
dmesg >"$JOB/dmesg.txt" 2>&1 || cat /proc/kmsg >"$JOB/dmesg.txt" 2>/dev/null || true
PATTERN='WARNING:|BUG:|Oops|Call Trace|general protection|UBSAN|KASAN|refcount_t|list_del corruption|sleeping function called from invalid context|lockdep|possible circular locking'
{ grep -E "$PATTERN" "$JOB/dmesg.txt" || true; } | sed 's/^\[ *[0-9.]*\] //' | awk '!seen[$0]++' | while IFS= read -r line; do
	result "FAIL $LEG dmesg: $line"
done
# A ring fault at RING_HEAD 0 is the driver's own reset read back by a
# completion running beside a stop (the engine's reset sets RING_HEAD to
# 0), not a card's fault (the faults the tests inject read far past the
# tail or all-ones): a client would be told its capture broke when it
# ended it.
n=$(grep -c 'card reports RING_HEAD 0 outside' "$JOB/dmesg.txt" || true)
if [ "$n" != 0 ]; then
	result "FAIL $LEG ring-stop-no-fault: $n ring faults reported at RING_HEAD 0 ($(grep -m 1 'card reports RING_HEAD 0 outside' "$JOB/dmesg.txt" | sed 's/^\[ *[0-9.]*\] //'))"
else
	result "PASS $LEG ring-stop-no-fault"
fi

if grep -q '^FAIL ' "$RESULTS"; then
	[ "$RC" -ne 0 ] || RC=1
fi
sync
# The system-sleep test comes last (SDI8K_GUEST_SLEEP=1): a sleep cuts the
# guest off from /job and its root for good (virtio-9p has no PM
# callbacks), so the test runs from tmpfs, reports on the console only and
# powers the guest off itself (sleep/63-suspend.sh). The exit status is
# written first, as the initramfs would.
if [ "${SDI8K_GUEST_SLEEP:-0}" = 1 ] && [ "$SDI8K_GUEST_MODE" = tests ] &&
	[ -f "$JOB/sleep/63-suspend.sh" ]; then
	echo "$RC" >"$JOB/rc"
	sync
	echo "sdi8k-vm: test 63-suspend (last, from tmpfs)" >/dev/kmsg || true
	SDI8K_RC=$RC exec bash "$JOB/sleep/63-suspend.sh"
fi
exit "$RC"
