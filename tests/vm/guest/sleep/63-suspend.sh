#!/bin/bash
# System sleep (issue 15, item 13): the last act of every guest. guest.sh
# execs this script (SDI8K_GUEST_SLEEP=1) once every other test has run
# and its results are on the host.
#
# Why last, and why from tmpfs: virtio-9p has no PM callbacks (its
# virtio_driver has no .freeze/.restore), so a system sleep resets its
# device and every later 9p request waits forever: /job and the guest's
# root, both 9p, are gone for the rest of the boot. This script therefore
# copies the programs it needs, their libraries and the dynamic loader
# into tmpfs, and runs itself again from there ("island"), where it
# touches no 9p file (PATH leads nowhere; a program is run by the copied
# loader). Its result lines go to the console only: run.sh counts the ones
# between "sdi8k-vm: island start" and "sdi8k-vm: island end" in
# console.log, and a start without an end is a FAIL. A softdog watchdog
# restarts a guest that does not come back (boot.sh's -no-reboot: QEMU
# exits); otherwise the guest powers itself off through sysrq.
#
# The sleeps: /sys/power/pm_test=devices with "freeze" (every device's
# suspend callbacks, then after a second their resume ones, without the
# machine sleeping: what a TCG guest can do). The simulated card loses its
# power while asleep (firmware, registers, clock), as a PCIe card in S3.
#   1. input 1 streaming at 1080p25: its client is told (the stream ends
#      with an error), the driver loads the firmware again, a capture
#      afterwards is whole and its timestamps are the host's monotonic
#      clock (the card's clock restarted at zero: the driver maps it anew);
#      Beside it, arecord records input 1's embedded audio (16 channels)
#      through the same sleep: ALSA tells it the stream was suspended,
#      it prepares the stream again (the driver offers no resume: the
#      card lost its state) and records on; it ends when it has its
#      8 seconds, and the audio after the resume is whole
#      (sdi8k-audio-check on the last 3 s);
#   2. in 2SI quad topology: after the resume the card's TOPOLOGY register
#      holds 2SI again (the driver restored it; the model forgot it).
# The kernel log after the sleeps has no warning.
set -uo pipefail

LDSO=ld-linux-x86-64.so.2
PROGS="bash v4l2-ctl sdi8k-verify dmesg sleep arecord sdi8k-audio-check tail"

if [ "${1:-}" != island ]; then
	. "$JOB/tests/lib/common.sh"
	ISL=/run/sdi8k-island
	echo "sdi8k-vm: island start"
	finish() { echo "sdi8k-vm: island end"; exit "${SDI8K_RC:-0}"; }
	if [ ! -w /sys/power/pm_test ] || ! grep -qw freeze /sys/power/state; then
		skip suspend "this kernel has no pm_test or no freeze state"
		finish
	fi
	# a fresh card, whatever the tests before left loaded
	unload_sdi8k
	load_sdi8k || { fail suspend "the driver did not load"; finish; }
	modprobe softdog soft_margin=120 2>/dev/null ||
		{ fail suspend "no softdog module: nothing would end a guest that does not wake"; finish; }
	dev=$(node sdi8k-0 1) || { fail suspend "no node for input 1"; finish; }
	serial=$(</sys/bus/platform/devices/sdi8k-sim.0/serial)
	# input 1's ALSA capture device, by the card's id (88-alsa.sh)
	export PCM="hw:CARD=sdi8k${serial: -8},DEV=1"
	mkdir -p "$ISL/bin" "$ISL/lib" "$ISL/none" || { fail suspend "cannot make $ISL"; finish; }
	for p in $PROGS; do
		f=$(command -v "$p") || { fail suspend "no $p in the guest"; finish; }
		cp "$f" "$ISL/bin/$p" || { fail suspend "cannot copy $f"; finish; }
		# the libraries it loads, and the loader ("/lib64/ld-linux...")
		for l in $(ldd "$f" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'); do
			[ -e "$ISL/lib/${l##*/}" ] || cp -L "$l" "$ISL/lib/" ||
				{ fail suspend "cannot copy $l"; finish; }
		done
	done
	[ -x "$ISL/lib/$LDSO" ] || { fail suspend "no $LDSO among the libraries"; finish; }
	cp "$0" "$ISL/suspend.sh" || { fail suspend "cannot copy $0"; finish; }
	export ISL LEG DEV="$dev" CARD=/sys/bus/platform/devices/sdi8k-sim.0 \
		D=/sys/kernel/debug/sdi8k/sdi8k-0 LC_ALL=C TZ=UTC0 PATH="$ISL/none"
	unset LD_LIBRARY_PATH
	cd "$ISL" || { fail suspend "cannot enter $ISL"; finish; }	# the cwd was /job, 9p
	exec "$ISL/lib/$LDSO" --inhibit-cache --library-path "$ISL/lib" \
		"$ISL/bin/bash" "$ISL/suspend.sh" island
fi

# ---- the island: builtins, and programs through the copied loader ----
X() { "$ISL/lib/$LDSO" --inhibit-cache --library-path "$ISL/lib" "$ISL/bin/$1" "${@:2}"; }
mark() { echo "sdi8k-vm: result ${1%% *}" >/dev/kmsg 2>/dev/null || true; }
pass() { mark "$1"; echo "PASS $LEG $1"; }
fail() { local n=$1; shift; mark "$n"; echo "FAIL $LEG $n: $*"; }
bye() {
	echo "sdi8k-vm: island end"
	echo o >/proc/sysrq-trigger
	X sleep 60
	exit 0
}
# since MARK: the kernel log after the line ending in MARK, one line
# each, into SINCE (an array); false, with the reason in SINCE_WHY, when
# dmesg fails or the mark is not in its output
since() {
	local on=0 line all
	SINCE=() SINCE_WHY=
	# (no process substitution: the guest has no /dev/fd)
	X dmesg >"$ISL/dmesg.txt" 2>&1
	mapfile -t all <"$ISL/dmesg.txt"
	for line in "${all[@]}"; do
		[ $on = 1 ] && SINCE+=("$line")
		[[ $line == *"$1" ]] && on=1
	done
	[ $on = 1 ] && return 0
	line=none
	[ ${#all[@]} = 0 ] || line=${all[${#all[@]} - 1]}
	SINCE_WHY="'$1' not among the ${#all[@]} lines of dmesg (the last: $line)"
	return 1
}
uptime_s() { local u _; read -r u _ </proc/uptime; echo "${u%.*}"; }

# a guest that does not wake is restarted after 120 s
exec 8>/dev/watchdog || { fail suspend "cannot open /dev/watchdog"; bye; }
[ -w /sys/module/suspend/parameters/pm_test_delay ] &&
	echo 1 >/sys/module/suspend/parameters/pm_test_delay

# sleep_once NAME: one pm_test=devices freeze; PASS/FAIL NAME with its time
sleep_once() {
	local t0 ms
	echo "sdi8k-suspend: $1" >/dev/kmsg
	echo devices >/sys/power/pm_test
	t0=${EPOCHREALTIME/./}
	if echo freeze >/sys/power/state 2>"$ISL/err"; then
		ms=$(((${EPOCHREALTIME/./} - t0) / 1000))
		echo none >/sys/power/pm_test
		pass "$1 ($ms ms)"
		return 0
	fi
	echo none >/sys/power/pm_test
	fail "$1" "$(<"$ISL/err")"
	return 1
}

# ---- 1: a client streaming through the sleep ----
echo 1080p25 >"$D/input1/signal"
X sleep 0.3
(exec "$ISL/lib/$LDSO" --inhibit-cache --library-path "$ISL/lib" "$ISL/bin/v4l2-ctl" \
	-d "$DEV" --set-dv-bt-timings query --set-fmt-video=pixelformat=UYVY \
	--stream-mmap --stream-count=100000) >"$ISL/stream.log" 2>&1 &
pid=$!
# alsa-lib reads its configuration (9p) when arecord opens the device,
# before the sleep; a 1 s buffer, as 88-alsa.sh (the emulated machine)
(exec "$ISL/lib/$LDSO" --inhibit-cache --library-path "$ISL/lib" "$ISL/bin/arecord" \
	-D "$PCM" -c 16 -f S32_LE -r 48000 -d 8 --buffer-time=1000000 \
	"$ISL/sleep.wav") >"$ISL/arecord.log" 2>&1 &
apid=$!
X sleep 1
if sleep_once suspend-resume; then
	for _ in {1..50}; do kill -0 "$pid" 2>/dev/null || break; X sleep 0.1; done
	if kill -0 "$pid" 2>/dev/null; then
		fail suspend-client-told "the client still streams 5 s after the resume"
		kill "$pid"
	else
		pass suspend-client-told
	fi
	wait "$pid" 2>/dev/null
	n=0
	if since "sdi8k-suspend: suspend-resume"; then
		for line in "${SINCE[@]}"; do
			[[ $line =~ firmware\ .*:\ \".*\"\ .*\ build\ .*inputs ]] && n=$((n + 1))
		done
		if [ "$n" = 1 ]; then
			pass suspend-firmware-reloaded
		else
			fail suspend-firmware-reloaded "$n firmware load lines after the sleep (${#SINCE[@]} lines: ${SINCE[*]: -3})"
		fi
	else
		fail suspend-firmware-reloaded "$SINCE_WHY"
	fi
	raw=$ISL/after.raw
	t0=$(uptime_s)
	if X v4l2-ctl -d "$DEV" --set-dv-bt-timings query --set-fmt-video=pixelformat=UYVY \
		--stream-mmap --stream-count=5 --stream-to="$raw" --verbose >"$ISL/after.log" 2>&1; then
		t1=$(uptime_s)
		if out=$(X sdi8k-verify --format UYVY --width 1920 --height 1080 \
			--expect-consecutive "$raw" 2>&1); then
			pass suspend-capture-after
		else
			fail suspend-capture-after "${out//$'\n'/|}"
		fi
		# the buffers' timestamps: CLOCK_MONOTONIC, between the two
		# readings of the uptime (the same clock here: nothing slept)
		bad=0 seen=0 rest=$(<"$ISL/after.log")
		while [[ $rest =~ \ ts:\ *([0-9]+)\.[0-9]+(.*) ]]; do
			seen=$((seen + 1))
			s=${BASH_REMATCH[1]} rest=${BASH_REMATCH[2]}
			[ "$s" -ge "$((t0 - 1))" ] && [ "$s" -le "$((t1 + 1))" ] || bad=$((bad + 1))
		done
		if [ "$seen" -gt 0 ] && [ "$bad" = 0 ]; then
			pass "suspend-timestamps-after ($seen buffers within ${t0}..${t1} s)"
		else
			fail suspend-timestamps-after "$bad of $seen buffer timestamps outside ${t0}..${t1} s"
		fi
	else
		fail suspend-capture-after "v4l2-ctl: $(<"$ISL/after.log")"
	fi
	# the recording through the sleep: suspended, prepared again, whole
	for _ in {1..200}; do kill -0 "$apid" 2>/dev/null || break; X sleep 0.1; done
	if kill -0 "$apid" 2>/dev/null; then
		kill "$apid"
		wait "$apid" 2>/dev/null
		fail alsa-through-sleep "arecord still running 20 s after the resume: $(<"$ISL/arecord.log")"
	else
		wait "$apid"
		rc=$?
		alog=$(<"$ISL/arecord.log")
		alog=${alog//$'\n'/|}
		# the last 3 s of sample frames (16 x 4 bytes), bare
		X tail -c $((3 * 48000 * 64)) "$ISL/sleep.wav" >"$ISL/after.raw" 2>"$ISL/err"
		if [ "$rc" != 0 ] || [[ $alog != *Suspended* ]]; then
			fail alsa-through-sleep "arecord exit $rc: $alog"
		elif out=$(X sdi8k-audio-check --raw 16 --spacing 19200 --min-seconds 3 "$ISL/after.raw" 2>&1); then
			alog="Suspended${alog#*Suspended}"
			pass "alsa-through-sleep (arecord: ${alog:0:80}; after the resume: ${out%%:*})"
		else
			fail alsa-through-sleep "arecord: $alog; the last 3 s: ${out//$'\n'/|}"
		fi
	fi
else
	kill "$pid" "$apid" 2>/dev/null
	wait "$pid" "$apid" 2>/dev/null
fi

# ---- 2: the quad topology comes back ----
echo none >"$D/input1/signal"
if echo 2si >"$CARD/topology" 2>"$ISL/err"; then
	if sleep_once suspend-resume-2si; then
		topo=
		while read -r name _ value; do
			[ "$name" = TOPOLOGY ] && topo=$value
		done <"$D/regs"
		if [ "$(<"$CARD/topology")" = 2si ] && [ "$((topo))" = 1 ]; then
			pass "suspend-topology-restored (TOPOLOGY $topo)"
		else
			fail suspend-topology-restored "sysfs $(<"$CARD/topology"), register TOPOLOGY '$topo' (2SI is 1)"
		fi
	fi
	echo 4x1 >"$CARD/topology"
else
	fail suspend-topology-restored "cannot set 2si: $(<"$ISL/err")"
fi

# ---- the kernel log since the first sleep ----
PATTERN='WARNING:|BUG:|Oops|Call Trace|general protection|UBSAN|KASAN|refcount_t|list_del corruption|sleeping function called from invalid context|lockdep|possible circular locking'
bad=
if since "sdi8k-suspend: suspend-resume"; then
	for line in "${SINCE[@]}"; do
		[[ $line =~ $PATTERN ]] && bad+="${line#\[*\] }|"
	done
	if [ -z "$bad" ]; then
		pass "suspend-dmesg-clean (${#SINCE[@]} lines since the first sleep)"
	else
		fail suspend-dmesg-clean "${bad:0:400}"
	fi
else
	fail suspend-dmesg-clean "$SINCE_WHY"
fi
echo V >&8
exec 8>&-
bye
