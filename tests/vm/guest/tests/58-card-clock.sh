#!/bin/bash
# The card clock (docs/hardware.md, "Clock"): the card stamps frames with
# its own 27 MHz counter and the driver maps it to CLOCK_MONOTONIC.
#  - normal: buffer timestamps are on the host's clock: not in the future
#    of the dequeue, at most a second behind it; intervals on the 59.94
#    lattice (25-timing checks that closely).
#  - (on the matrix leg, common.sh) a card clock 500 ppm fast from
#    power-on (sim_clock_fault=fast): once
#    the driver has sampled the clock again (10 s), intervals are the
#    signal's on the host's clock again (within 2 us of 16683.33 us; with
#    the nominal rate alone they would be 8.3 us long) and no timestamp
#    lies in the future.
#  - a clock that reads all-ones, one that does not advance, or a rate of
#    0: one message, and frames are stamped with the host's time
#    (monotonic, consecutive).
. "$(dirname "$0")/lib/common.sh"

now_ns() { awk '/^now at/ { print $3; exit }' /proc/timer_list; }

# stamps LOG: the timestamps (s.us) of a v4l2-ctl --verbose log, a line each
stamps() { tr '\r' '\n' <"$1" | sed -n 's/.*cap dqbuf:.* ts: *\([0-9.]*\).*/\1/p'; }

# capture NAME: 60 frames of input 0 (1080p59.94); leaves $SCRATCH/clk-NAME.log
capture() {
	local dev
	dev=$(node sdi8k-0 0) || { fail "$1" "no node"; return 1; }
	v4l2-ctl -d "$dev" --verbose --set-dv-bt-timings query --set-fmt-video=pixelformat=UYVY \
		--stream-mmap --stream-count=60 >"$SCRATCH/clk-$1.log" 2>&1 ||
		{ fail "$1" "v4l2-ctl: $(tail -n 2 "$SCRATCH/clk-$1.log" | tr '\n' '|')"; return 1; }
}

# on_host_clock NAME: the last stamp is not after now, and within 1 s of it
on_host_clock() {
	local last now
	last=$(stamps "$SCRATCH/clk-$1.log" | tail -n 1)
	now=$(now_ns)
	if [ -z "$last" ] || [ -z "$now" ]; then
		fail "$1-host-clock" "no timestamps or no /proc/timer_list"
		return
	fi
	awk -v t="$last" -v n="$now" 'BEGIN {
		d = n / 1e9 - t
		if (d < -0.000002 || d > 1) { printf "last stamp %.6f, now %.6f\n", t, n / 1e9; exit 1 }
	}' >"$SCRATCH/clk-$1.why" && pass "$1-host-clock" ||
		fail "$1-host-clock" "$(cat "$SCRATCH/clk-$1.why")"
}

# intervals NAME TOL_US: the last 30 intervals within TOL_US of 1001/60 ms
# (a whole number of periods: the model may slip on a loaded host)
intervals() {
	stamps "$SCRATCH/clk-$1.log" | tail -n 31 | awk -v tol="$2" '
		NR > 1 {
			d = ($1 - prev) * 1e6; p = 1001000 / 60; n = int(d / p + 0.5)
			if (n < 1 || (d - n * p) > tol || (n * p - d) > tol) { bad++; why = why sprintf(" %.3f", d) }
		}
		{ prev = $1 }
		END { if (NR < 31) { print "only " NR " stamps"; exit 1 } if (bad) { print bad " off:" why; exit 1 } }
	' >"$SCRATCH/clk-$1.why" && pass "$1-intervals" || fail "$1-intervals" "$(cat "$SCRATCH/clk-$1.why")"
}

mark() { echo "sdi8k-card-clock: $1" >/dev/kmsg; }
since() { dmesg | sed -n "/sdi8k-card-clock: $1\$/,\$p" | tail -n +2; }

unload_sdi8k
load_sdi8k || { fail card-clock "module not loaded"; exit 0; }
capture clock-normal && { on_host_clock clock-normal; intervals clock-normal 2; }
unload_sdi8k || fail clock-unload "rmmod failed"

# the slewed clock takes 12 s of waiting: the driver's arithmetic, the
# same on every kernel, checked on the matrix leg (common.sh)
if matrix_leg; then
	mark fast
	load_sdi8k cards=1 sim_clock_fault=fast || { fail clock-fast "module not loaded"; exit 0; }
	sleep 12	# the driver's second sample, 10 s after probe
	capture clock-fast && { on_host_clock clock-fast; intervals clock-fast 2; }
	unload_sdi8k || fail clock-unload "rmmod failed"
fi

for f in ones bad_rate stopped; do
	mark "$f"
	load_sdi8k cards=1 sim_clock_fault=$f || { fail "clock-$f" "module not loaded"; continue; }
	n=$(since "$f" | grep -c "card clock .*frames are stamped with the host's time")
	[ "$n" = 1 ] && pass "clock-$f-logged" ||
		fail "clock-$f-logged" "$n messages: $(since "$f" | tail -n 2 | tr '\n' '|')"
	capture "clock-$f" && {
		on_host_clock "clock-$f"
		if stamps "$SCRATCH/clk-clock-$f.log" | awk 'NR > 1 && $1 <= prev { bad = 1 } { prev = $1 } END { exit bad }'; then
			pass "clock-$f-monotonic"
		else
			fail "clock-$f-monotonic" "timestamps not increasing"
		fi
	}
	unload_sdi8k || fail clock-unload "rmmod failed"
done
load_sdi8k || fail clock-restore "could not load one card"
