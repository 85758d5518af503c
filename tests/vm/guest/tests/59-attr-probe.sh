#!/bin/bash
# The card's control attributes (topology, link_order, quad_links,
# buffer_memory) appear only once every input's nodes exist, and go before
# any node does (issue 15, item 5): a writer hammering topology while the
# card probes and is removed (as a udev rule on the first node's "add"
# would) never reaches a half-made card. Before, the attributes came with
# the identity ones, before inputs 1-3 existed. The kernel log stays clean
# (the bench fails on any warning) and the card ends whole.
. "$(dirname "$0")/lib/common.sh"
PLAT=/sys/bus/platform/devices
unload_sdi8k || { fail attr-probe "rmmod failed"; exit 0; }
fw_path || { fail attr-probe "no firmware path"; exit 0; }
attr=$PLAT/sdi8k-sim.0/topology

hammer() {	# until killed: quad, then back, as fast as the shell can
	while :; do
		echo 2si 2>/dev/null >"$attr"
		echo 4x1 2>/dev/null >"$attr"
	done
}

hammer &
pid=$!
ok=1
for round in 1 2 3; do
	insmod_sim cards=1 2>"$SCRATCH/attr.err" || { ok=0; fail attr-probe-load "round $round: $(<"$SCRATCH/attr.err")"; break; }
	sleep 0.5
	rmmod sdi8k_sim 2>"$SCRATCH/attr.err" || { ok=0; fail attr-probe-unload "round $round: $(<"$SCRATCH/attr.err")"; break; }
done
kill "$pid"
wait "$pid" 2>/dev/null
[ $ok = 1 ] && pass "attr-probe-hammered (3 probes and removals under topology writes)"

# the attributes are there once the card is whole
load_sdi8k || { fail attr-probe-whole "module not loaded"; exit 0; }
if [ -w "$attr" ] && node sdi8k-0 3 >/dev/null; then
	echo 4x1 >"$attr" && [ "$(<"$attr")" = 4x1 ] && pass attr-probe-whole ||
		fail attr-probe-whole "topology reads '$(<"$attr")'"
else
	fail attr-probe-whole "no writable $attr after probe"
fi
