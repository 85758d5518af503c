# Shared helpers for the sdi8k guest tests. Sourced, not run.
# Result lines: PASS|FAIL|SKIP <leg> <name>[: reason]

: "${LEG:=unknown}" "${JOB:=/job}" "${BIN:=$JOB/bin}" "${KO:=$JOB/sdi8k.ko}"
: "${SIM_KO:=$JOB/sdi8k-sim.ko}"
export PATH="$BIN:$PATH"
DBG=/sys/kernel/debug/sdi8k

# matrix_leg: true on the one leg that runs the whole pixel-format matrix
# of a check (bookworm). The formats are the card's and the library's
# code, the same on every kernel; each leg still captures through the
# kernel's V4L2 and vb2 in at least one format per path. make check has a
# time budget (README): an 8K frame costs seconds in the emulated guest.
matrix_leg() { [ "$LEG" = bookworm ] || [ "$LEG" = unknown ]; }
SCRATCH=${SCRATCH:-/tmp/sdi8k-test}
mkdir -p "$SCRATCH"

# Each result also marks the kernel log (its first word only), so
# dmesg.txt's timestamps show what every check cost.
mark_result() { echo "sdi8k-vm: result ${1%% *}" >/dev/kmsg 2>/dev/null || true; }
pass() { mark_result "$1"; echo "PASS $LEG $1"; }
fail() { local n=$1; shift; mark_result "$n"; echo "FAIL $LEG $n: $*"; }
skip() { local n=$1; shift; mark_result "$n"; echo "SKIP $LEG $n: $*"; }

# check NAME CMD...: PASS if CMD succeeds, FAIL with its last output lines.
check() {
	local name=$1 out
	shift
	if out=$("$@" 2>&1); then
		pass "$name"
	else
		fail "$name" "$(printf '%s' "$out" | tail -n 5 | tr '\n' '|')"
	fi
}

# vivid_out_1080p60 NODE: the index of the 1920x1080 progressive 60 Hz
# timings of vivid's HDMI output NODE (its --list-dv-timings), empty if none
vivid_out_1080p60() {
	v4l2-ctl -d "$1" --list-dv-timings 2>/dev/null | awk '
		/^Index:/ { i = $2; w = h = p = 0 }
		/Active width: 1920/ { w = 1 }
		/Active height: 1080/ { h = 1 }
		/Frame format: progressive/ { p = 1 }
		/60.00 frames per second/ { if (w && h && p && !done) { print i; done = 1 } }'
}

# node_named NAME: /dev/videoN of the V4L2 node whose name is NAME
# (builtins only: every fork and exec costs about 0.1 s in the emulated
# guest, and a card has eight nodes)
node_named() {
	local d n
	for d in /sys/class/video4linux/video*; do
		n=
		{ read -r n <"$d/name"; } 2>/dev/null
		[ "$n" = "$1" ] && { echo "/dev/${d##*/}"; return 0; }
	done
	return 1
}

# node CARD INPUT: /dev/videoN of that input of that card ("sdi8k-0", 1)
node() { node_named "$1 input $2"; }

# meta_node CARD INPUT: /dev/videoN of that input's metadata node
meta_node() { node_named "$1 input $2 meta"; }

# signal CARD INPUT RASTER|none: script the simulated card's input
signal() {
	echo "$3" > "$DBG/$1/input$2/signal"
}

# fw_path: make /job/firmware (the repo's firmware/build: sdi8k/sdi8k.bin,
# test/*.bin) the kernel's first firmware search path. The kernel opens it
# from init's root: guest.sh finds that path (SDI8K_FW_SEARCH).
FW_DIR=$JOB/firmware
fw_path() {
	[ -d "$FW_DIR" ] || { echo "no $FW_DIR: the card's firmware is missing" >&2; return 1; }
	printf '%s' "${SDI8K_FW_SEARCH:-$FW_DIR}" > /sys/module/firmware_class/parameters/path
}

# insmod_sim [ARGS...]: sdi8k.ko (unless loaded), then sdi8k-sim.ko with
# ARGS (cards=N, sim_firmware=...): insmod resolves no dependencies (guest.sh
# loads sdi8k.ko's with modprobe; snd-pcm again here, should a test have
# unloaded it). Loaded modules are seen in /sys/module (sdi8k-sim is
# sdi8k_sim there): no fork, which costs about 0.1 s in the guest.
insmod_sim() {
	[ -d /sys/module/snd_pcm ] || modprobe snd-pcm 2>/dev/null
	[ -d /sys/module/sdi8k ] || insmod "$KO" || return 1
	insmod "$SIM_KO" "$@"
}

# unload_sdi8k: rmmod sdi8k-sim, then sdi8k, those loaded; rmmod's
# complaint on stderr.
unload_sdi8k() {
	if [ -d /sys/module/sdi8k_sim ]; then rmmod sdi8k_sim || return 1; fi
	if [ -d /sys/module/sdi8k ]; then rmmod sdi8k || return 1; fi
}

# load_sdi8k [ARGS...]: the driver and the simulated cards (sdi8k-sim.ko
# ARGS, default cards=1), unless sdi8k-sim is loaded already; waits for
# card sdi8k-0's input 3.
load_sdi8k() {
	mountpoint -q /sys/kernel/debug || mount -t debugfs none /sys/kernel/debug
	[ -d /sys/module/sdi8k_sim ] && return 0
	fw_path || return 1
	insmod_sim "${@:-cards=1}" || return 1
	udevadm settle 2>/dev/null || sleep 1
	local i
	for i in $(seq 50); do node sdi8k-0 3 >/dev/null && return 0; sleep 0.1; done
	return 1
}

# fmt_of FOURCC: name for sdi8k-verify
width_of() { case $1 in 1080*) echo 1920;; 2160*) echo 3840;; 4320*) echo 7680;; esac; }
height_of() { case $1 in 1080*) echo 1080;; 2160*) echo 2160;; 4320*) echo 4320;; esac; }
interlaced_of() { case $1 in *i*) echo --interlaced;; esac; }

# verify NAME FILE FORMAT RASTER [extra verify args]: content check
verify() {
	local name=$1 file=$2 fmt=$3 raster=$4
	shift 4
	check "$name" sdi8k-verify --format "$fmt" --width "$(width_of "$raster")" \
		--height "$(height_of "$raster")" $(interlaced_of "$raster") \
		--expect-consecutive "$@" "$file"
}

# dqbuf_seqs LOG: the sequence numbers of a v4l2-ctl --verbose capture log,
# one a line (v4l2-ctl ends some lines with \r and pads buffer indices)
dqbuf_seqs() {
	tr '\r' '\n' <"$1" | sed -n 's/.*cap dqbuf: *[0-9]* seq: *\([0-9]*\).*/\1/p'
}

# compliance_verdict NAME LOG: one PASS or FAIL line for a v4l2-compliance
# log: its totals line, no failure and no warning; on bookworm (v4l-utils
# 1.22 against a newer kernel's format names) "fmtdesc.description
# mismatch" failures only. False after a FAIL.
compliance_verdict() {
	local name=$1 log=$2 total failed warns bad
	total=$(grep -E '^Total for ' "$log" | tail -n 1)
	if [ -z "$total" ]; then
		fail "$name" "no totals line: $(tail -n 3 "$log" | tr '\n' '|')"
		return 1
	fi
	failed=$(sed -n 's/.*Failed: \([0-9]*\).*/\1/p' <<<"$total")
	warns=$(sed -n 's/.*Warnings: \([0-9]*\).*/\1/p' <<<"$total")
	bad=$(grep -E 'fail:' "$log" | grep -v 'fmtdesc.description mismatch' | head -n 3 | tr '\n' '|')
	if [ "${warns:-1}" = 0 ] && { [ "${failed:-1}" = 0 ] || { [ "$LEG" = bookworm ] && [ -z "$bad" ]; }; }; then
		pass "$name ($total)"
		return 0
	fi
	fail "$name" "$total $bad $(grep -m3 'warn:' "$log" | tr '\n' '|')"
	return 1
}

# client_ends NAME PID WHAT [SECONDS]: PASS if the client PID ends within
# SECONDS (default 10) of WHAT happening to the card, else FAIL (and it is
# stopped)
client_ends() {
	local _
	for _ in $(seq $((${4:-10} * 10))); do kill -0 "$2" 2>/dev/null || break; sleep 0.1; done
	if kill -0 "$2" 2>/dev/null; then
		fail "$1" "the client still streams ${4:-10} s after $3"
		kill "$2"
	else
		pass "$1"
	fi
	wait "$2" 2>/dev/null
}

# wait_log LOG PATTERN [PID] [SECONDS]: until LOG (carriage returns read as
# line ends: progress lines) has a line matching PATTERN; false after
# SECONDS (default 15) or, with PID, once PID has ended without it
wait_log() {
	local i
	for ((i = 0; i < ${4:-15} * 10; i++)); do
		tr '\r' '\n' <"$1" 2>/dev/null | grep -q -- "$2" && return 0
		[ -z "${3:-}" ] || kill -0 "$3" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}

# wait_frames LOG [PID]: until sdi8k-capture's progress line (-p) in LOG
# counts a frame (the emulated guest can take seconds to set up the
# buffers; false when PID ended first)
wait_frames() { wait_log "$1" '^.*frames [1-9]' "${2:-}" 30; }

# ctrl_c PID: SIGINT to the sdi8k-capture that `timeout` (PID, started in
# the background) runs, as Ctrl-C would: `timeout` in the background of a
# script may ignore SIGINT rather than pass it on
ctrl_c() { pkill -INT -P "$1" -x sdi8k-capture || kill -INT "$1"; }

# cable_pulled LOG PID CARD INPUT RASTER: once the sdi8k-capture that
# `timeout` (PID, started in the background with -p, its stderr in LOG)
# runs writes frames: the input's signal pulled for a second and put back
# as RASTER, then Ctrl-C once the tool says it is back
cable_pulled() {
	wait_frames "$1" "$2" || return 1
	sleep 0.5
	signal "$3" "$4" none
	wait_log "$1" "signal lost at frame" "$2"
	sleep 1
	signal "$3" "$4" "$5"
	wait_log "$1" "signal back after" "$2"
	sleep 0.5
	ctrl_c "$2"
}

# capture_av_libs TEST: where this root lacks the FFmpeg libraries that
# sdi8k-capture's writer module (sdi8k-capture-av.so, built against the
# host's FFmpeg) needs and the runner shipped them in $BIN, sdi8k-capture
# (and only it: the root's own ffmpeg and ffprobe keep the root's
# libraries) runs with them
capture_av_libs() {
	if [ -f "$BIN/sdi8k-capture-av.so" ] &&
		ldd "$BIN/sdi8k-capture-av.so" 2>/dev/null | grep -q 'not found' &&
		! LD_LIBRARY_PATH=$BIN ldd "$BIN/sdi8k-capture-av.so" 2>/dev/null | grep -q 'not found'; then
		mkdir -p "$SCRATCH/avlibs-bin"
		printf '#!/bin/sh\nLD_LIBRARY_PATH=%s exec %s "$@"\n' "$BIN" "$BIN/sdi8k-capture" \
			>"$SCRATCH/avlibs-bin/sdi8k-capture"
		chmod +x "$SCRATCH/avlibs-bin/sdi8k-capture"
		PATH="$SCRATCH/avlibs-bin:$PATH"
		echo "$1: sdi8k-capture's writer runs on the FFmpeg libraries shipped in $BIN"
	fi
}
