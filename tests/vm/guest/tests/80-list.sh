#!/bin/bash
# sdi8k-list (libsdi8k discovery) against the real driver: with no card, a
# clear error and exit status 1; with two simulated cards, --json lists 2
# cards and 8 inputs in serial order with the right nodes, distinct
# serials and the signal debugfs set (one input pulled to none, one
# switched to 2160p50); --resolve; listing does not disturb a stream in
# another process; --monitor reports one card's unbind and rebind (events
# from the kernel). Then, with a systemd-udevd and the project's rules, the
# same from udevd's events: links in the listing, links in place when the
# input-added events arrive. Ends with the modules loaded with cards=1 and
# no udevd or rules of ours, as later tests expect.
. "$(dirname "$0")/lib/common.sh"

SYSDRV=/sys/bus/platform/drivers/sdi8k-sim
MON=""
RULES=$JOB/udev/70-sdi8k.rules
ETC_RULES=/etc/udev/rules.d/70-sdi8k.rules
CHROOT_RULES=/etc/udev/rules.d/00-sdi8k-test-chroot.rules
UDEVD_STARTED=""
restore() {
	[ -z "$MON" ] || { kill "$MON" 2>/dev/null; wait "$MON" 2>/dev/null; }
	[ ! -e /sys/bus/platform/devices/sdi8k-sim.1 ] || [ -e "$SYSDRV/sdi8k-sim.1" ] ||
		echo sdi8k-sim.1 >"$SYSDRV/bind" 2>/dev/null
	unload_sdi8k 2>/dev/null
	if [ -n "$UDEVD_STARTED" ]; then
		udevadm settle -t 30
		udevadm control --exit 2>/dev/null
		for _ in $(seq 50); do pgrep -x systemd-udevd >/dev/null || break; sleep 0.1; done
		rm -f "$ETC_RULES" "$CHROOT_RULES"
		[ ! -f "$SCRATCH/70-sdi8k.rules.orig" ] || mv "$SCRATCH/70-sdi8k.rules.orig" "$ETC_RULES"
	fi
	if load_sdi8k cards=1; then pass list-restore-cards=1
	else fail list-restore-cards=1 "insmod $KO, $SIM_KO cards=1 failed"; fi
}

if ! command -v sdi8k-list >/dev/null; then
	fail list "no sdi8k-list in $BIN (build utils/ first)"
	exit 0
fi
trap restore EXIT
unload_sdi8k 2>"$SCRATCH/rmmod.err" || fail list-rmmod "sdi8k is loaded and busy: $(<"$SCRATCH/rmmod.err")"

# No card: exit status 1 and a message saying how to get one.
out=$(sdi8k-list 2>&1)
rc=$?
if [ "$rc" = 1 ] && grep -q "no sdi8k card found" <<<"$out" && grep -q "modprobe sdi8k-sim cards=1" <<<"$out"; then
	pass list-no-card-exit-1
else
	fail list-no-card-exit-1 "exit $rc: $out"
fi
out=$(sdi8k-list --bogus 2>&1)
rc=$?
[ "$rc" = 2 ] && grep -q -- "--help" <<<"$out" && pass list-bad-argument-exit-2 ||
	fail list-bad-argument-exit-2 "exit $rc: $out"

if ! load_sdi8k cards=2 || ! node sdi8k-1 3 >/dev/null; then
	fail list-load "insmod sdi8k-sim.ko cards=2 did not give two cards"
	exit 0
fi
signal sdi8k-0 3 none
signal sdi8k-1 0 2160p50
sleep 0.2

# Expected, in serial order: "serial card input node state raster fps"
default_raster() { case $1 in 0) echo 1080p59.94;; 1) echo 2160p59.94;; 2) echo 1080i50;; 3) echo 1080p25;; esac; }
fps_of() { case $1 in *.94) echo 60000/1001;; 1080i50) echo 25/1;; *p50) echo 50/1;; *p25) echo 25/1;; none) echo -;; esac; }
expect=$SCRATCH/list.expect
: >"$expect"
for c in 0 1; do
	s=$(</sys/bus/platform/devices/sdi8k-sim.$c/serial)
	for i in 0 1 2 3; do
		r=$(default_raster "$i")
		[ "$c/$i" = 0/3 ] && r=none
		[ "$c/$i" = 1/0 ] && r=2160p50
		st=locked
		[ "$r" = none ] && st=none
		echo "$s sdi8k-$c $i $(node "sdi8k-$c" "$i") $st ${r/none/-} $(fps_of "$r")"
	done
done | sort >"$expect"

json=$SCRATCH/list.json
sdi8k-list --json >"$json" 2>"$SCRATCH/list.err"
rc=$?
[ "$rc" = 0 ] && pass list-json-exit-0 || fail list-json-exit-0 "exit $rc: $(<"$SCRATCH/list.err")"

# flat [FILE]: the expected form, from the JSON in FILE or on stdin (jq,
# python3, else the one-input-a-line layout sdi8k-list prints; the guest
# has no /dev/stdin)
flat() {
	if command -v jq >/dev/null; then
		jq -r '.cards[] | .serial as $s | .card_name as $n | .inputs[] |
			"\($s) \($n) \(.index) \(.node) \(.signal.state) \(.signal.raster // "-") \(if .signal.fps_num then "\(.signal.fps_num)/\(.signal.fps_den)" else "-" end)"' ${1:+"$1"}
	elif command -v python3 >/dev/null; then
		python3 -c '
import json, sys
for c in json.load(open(sys.argv[1]) if len(sys.argv) > 1 else sys.stdin)["cards"]:
    for i in c["inputs"]:
        s = i["signal"]
        fps = "%d/%d" % (s["fps_num"], s["fps_den"]) if "fps_num" in s else "-"
        print(c["serial"], c["card_name"], i["index"], i["node"], s["state"], s.get("raster", "-"), fps)' ${1:+"$1"}
	else
		awk '
		/"serial": / { match($0, /"serial": "[0-9a-f]*"/); s = substr($0, RSTART + 11, RLENGTH - 12)
			match($0, /"card_name": "[^"]*"/); n = substr($0, RSTART + 14, RLENGTH - 15); next }
		/"signal": / {
			match($0, /"index": [0-9]+/); i = substr($0, RSTART + 9, RLENGTH - 9)
			match($0, /"node": "[^"]*"/); d = substr($0, RSTART + 9, RLENGTH - 10)
			match($0, /"state": "[^"]*"/); st = substr($0, RSTART + 10, RLENGTH - 11)
			r = "-"; f = "-"
			if (match($0, /"raster": "[^"]*"/)) r = substr($0, RSTART + 11, RLENGTH - 12)
			if (match($0, /"fps_num": [0-9]+, "fps_den": [0-9]+/)) {
				split(substr($0, RSTART, RLENGTH), a, /[^0-9]+/); f = a[2] "/" a[3] }
			print s, n, i, d, st, r, f }' ${1:+"$1"}
	fi
}

if command -v jq >/dev/null; then
	check list-json-valid-jq jq -e '.cards | length == 2' "$json"
elif command -v python3 >/dev/null; then
	check list-json-valid-python3 python3 -m json.tool "$json"
else
	skip list-json-valid "no jq or python3 in the $LEG root (the layout is checked line by line)"
fi

got=$SCRATCH/list.got
flat "$json" >"$got"
if [ "$(wc -l <"$got")" = 8 ] && [ "$(cut -d' ' -f1 "$got" | sort -u | wc -l)" = 2 ]; then
	pass "list-two-cards-eight-inputs-distinct-serials ($(cut -d' ' -f1 "$got" | sort -u | tr '\n' ' '))"
else
	fail list-two-cards-eight-inputs-distinct-serials "$(tr '\n' '|' <"$got")"
fi
if [ "$(sort "$got")" = "$(<"$expect")" ]; then
	pass list-nodes-and-signals-match-debugfs
else
	fail list-nodes-and-signals-match-debugfs "got $(tr '\n' '|' <"$got") expected $(tr '\n' '|' <"$expect")"
fi
# serial order, inputs by index
if [ "$(cut -d' ' -f1,3 "$got")" = "$(cut -d' ' -f1,3 "$got" | sort)" ]; then
	pass list-stable-order
else
	fail list-stable-order "$(cut -d' ' -f1,3 "$got" | tr '\n' '|')"
fi

# the table names every node and the pulled input
table=$(sdi8k-list 2>&1)
miss=""
for c in 0 1; do for i in 0 1 2 3; do
	grep -q " $(node "sdi8k-$c" "$i") " <<<"$table" || miss="$miss sdi8k-$c/$i"
done; done
[ -z "$miss" ] && grep -q "none" <<<"$table" && grep -q "2160p50" <<<"$table" &&
	pass list-table || fail list-table "missing$miss: $(tr '\n' '|' <<<"$table")"

# --resolve: by serial, by index, by the (absent without udevd) link, errors
s1=$(</sys/bus/platform/devices/sdi8k-sim.1/serial)
r1=$(sdi8k-list --resolve "$s1:3" 2>&1)
r2=$(sdi8k-list --resolve 1:2 2>&1)
r3=$(sdi8k-list --resolve "/dev/sdi8k/$s1/input1" 2>&1)
if [ "$r1" = "$(node sdi8k-1 3)" ] && [ "$r2" = "$(node sdi8k-1 2)" ] && [ "$r3" = "$(node sdi8k-1 1)" ]; then
	pass list-resolve
else
	fail list-resolve "'$r1' '$r2' '$r3'"
fi
out=$(sdi8k-list --resolve 1:4 2>&1)
rc=$?
[ "$rc" = 1 ] && grep -q "has inputs 0-3, not 4" <<<"$out" && pass list-resolve-bad-input ||
	fail list-resolve-bad-input "exit $rc: $out"

# Listing while another process streams does not disturb its stream.
a=$(node sdi8k-0 0)
v4l2-ctl -d "$a" --set-dv-bt-timings query --set-fmt-video=pixelformat=UYVY \
	--stream-mmap=16 --stream-count=90 --verbose >"$SCRATCH/stream.log" 2>&1 &
pa=$!
sleep 0.5
n=0 lost=""
while kill -0 "$pa" 2>/dev/null && [ "$n" -lt 20 ]; do
	st=$(sdi8k-list --json 2>/dev/null | flat | awk -v d="$a" '$4 == d { print $5 }')
	[ "$st" = locked ] || lost="$lost $st"
	n=$((n + 1))
done
if wait "$pa"; then
	gaps=$(dqbuf_seqs "$SCRATCH/stream.log" |
		awk 'NR > 1 && $1 != p + 1 { g++ } { p = $1; n++ } END { print n + 0, g + 0 }')
	# (one listing at least: on a loaded emulated guest one sdi8k-list
	# may take as long as the 90 frames)
	if [ "$gaps" = "90 0" ] && [ "$n" -ge 1 ] && [ -z "$lost" ]; then
		pass "list-while-streaming ($n listings during 90 frames, no sequence gap)"
	else
		fail list-while-streaming "frames/gaps $gaps, $n listings, states:$lost"
	fi
else
	fail list-while-streaming "v4l2-ctl failed: $(tail -n 3 "$SCRATCH/stream.log" | tr '\n' '|')"
fi

# Hotplug: unbind card 1, bind it again.
mon=$SCRATCH/monitor.out
sdi8k-list --monitor --json >"$mon" 2>"$SCRATCH/monitor.err" &
MON=$!
for _ in $(seq 50); do grep -q listening "$SCRATCH/monitor.err" && break; sleep 0.1; done
before=$(for i in 0 1 2 3; do node sdi8k-1 "$i"; done | tr '\n' ' ')
echo sdi8k-sim.1 >"$SYSDRV/unbind"
for _ in $(seq 100); do grep -q card-removed "$mon" && break; sleep 0.1; done
echo sdi8k-sim.1 >"$SYSDRV/bind"
# 4 input nodes and 4 metadata nodes come back
for _ in $(seq 100); do [ "$(grep -c input-added "$mon")" -ge 8 ] && break; sleep 0.1; done
sleep 0.5
kill -INT "$MON"
wait "$MON"
rc=$?
MON=""
after=$(for i in 0 1 2 3; do node sdi8k-1 "$i"; done | tr '\n' ' ')
# the metadata nodes' events ("meta": true): 4 removed, 4 added
mrm=$(grep '"meta": true' "$mon" | grep -c input-removed)
madd=$(grep '"meta": true' "$mon" | grep -c input-added)
[ "$mrm" = 4 ] && [ "$madd" = 4 ] && pass list-monitor-meta-node-events ||
	fail list-monitor-meta-node-events "$mrm removed, $madd added (want 4 and 4)"
allmon=$mon
mon=$SCRATCH/monitor.video
grep -v '"meta": true' "$allmon" >"$mon"
# events as "type input node", for card 1's serial only
ev=$(grep -F "\"$s1\"" "$mon" | sed -E 's/.*"event": "([a-z-]+)".*/\1/' | tr '\n' ' ')
want="input-removed input-removed input-removed input-removed card-removed card-added input-added input-added input-added input-added "
# no udevd runs here (70-udev.sh stopped its own, maybe leaving its control
# socket behind): the events must come from the kernel
src=$(sed -n 's/.*source: \([a-z]*\).*/\1/p' "$SCRATCH/monitor.err")
if [ "$ev" = "$want" ] && [ "$(wc -l <"$mon")" = 10 ] && [ "$rc" = 0 ] &&
	{ [ "$src" = kernel ] || pgrep -x systemd-udevd >/dev/null; }; then
	pass "list-monitor-unbind-rebind-events ($src source)"
else
	fail list-monitor-unbind-rebind-events "exit $rc, events: $(tr '\n' '|' <"$allmon") stderr: $(tr '\n' '|' <"$SCRATCH/monitor.err")"
fi
# nodes: the removed ones were card 1's, the added ones are card 1's now
rm_nodes=$(grep input-removed "$mon" | sed -E 's/.*"node": "([^"]*)".*/\1/' | sort | tr '\n' ' ')
add_nodes=$(grep input-added "$mon" | sed -E 's/.*"node": "([^"]*)".*/\1/' | sort | tr '\n' ' ')
idx=$(grep input-added "$mon" | sed -E 's/.*"input": ([0-9]+).*/\1/' | sort | tr '\n' ' ')
if [ "$rm_nodes" = "$(tr ' ' '\n' <<<"$before" | sed '/^$/d' | sort | tr '\n' ' ')" ] &&
	[ "$add_nodes" = "$(tr ' ' '\n' <<<"$after" | sed '/^$/d' | sort | tr '\n' ' ')" ] &&
	[ "$idx" = "0 1 2 3 " ]; then
	pass list-monitor-event-nodes
else
	fail list-monitor-event-nodes "removed '$rm_nodes' (had '$before'), added '$add_nodes' inputs '$idx' (now '$after')"
fi
if command -v jq >/dev/null; then
	check list-monitor-json-lines-valid jq -e -s 'length == 10 and all(.[]; .serial == "'"$s1"'")' "$mon"
fi
n=$(sdi8k-list --json --no-signal | flat | wc -l)
[ "$n" = 8 ] && pass list-after-rebind-eight-inputs || fail list-after-rebind-eight-inputs "$n inputs"

# The table and JSON, for the log
echo "--- sdi8k-list"; sdi8k-list; echo "--- sdi8k-list --json"; sdi8k-list --json; echo "---"

# ---- with a udevd: the "udev" event source, links made by the rules ----
export SYSTEMD_IGNORE_CHROOT=1	# the tests run chrooted (see 70-udev.sh)
UDEVD=""
for u in /usr/lib/systemd/systemd-udevd /lib/systemd/systemd-udevd; do
	[ -x "$u" ] && { UDEVD=$u; break; }
done
if [ ! -f "$RULES" ]; then
	skip list-udev "$RULES missing"
	exit 0
elif [ -z "$UDEVD" ]; then
	skip list-udev "no systemd-udevd in the $LEG root"
	exit 0
elif pgrep -x systemd-udevd >/dev/null; then
	skip list-udev "a udevd runs already (not ours to reconfigure)"
	exit 0
fi
mkdir -p /etc/udev/rules.d
[ ! -f "$ETC_RULES" ] || cp "$ETC_RULES" "$SCRATCH/70-sdi8k.rules.orig"
cp "$RULES" "$ETC_RULES"
echo 'ACTION=="bind", ENV{SYSTEMD_IGNORE_CHROOT}="1"' >"$CHROOT_RULES"
if ! "$UDEVD" --daemon >"$SCRATCH/udevd.log" 2>&1; then
	fail list-udev "$UDEVD --daemon: $(tail -n 2 "$SCRATCH/udevd.log" | tr '\n' '|')"
	exit 0
fi
UDEVD_STARTED=1
for _ in $(seq 50); do udevadm control --ping 2>/dev/null && break; sleep 0.1; done
udevadm trigger --action=change --subsystem-match=video4linux
udevadm settle -t 60

# links in the listing: /dev/sdi8k/SERIAL/inputN for all 8 inputs
links=$(sdi8k-list --json --no-signal | grep -c '"link": "/dev/sdi8k/[0-9a-f]\{16\}/input[0-3]"')
[ "$links" = 8 ] && pass list-udev-links-listed ||
	fail list-udev-links-listed "$links of 8 inputs with a link: $(sdi8k-list 2>&1 | tr '\n' '|')"
r=$(sdi8k-list --resolve "/dev/sdi8k/$s1/input1" 2>&1)
[ "$r" = "$(node sdi8k-1 1)" ] && pass list-udev-resolve-link ||
	fail list-udev-resolve-link "/dev/sdi8k/$s1/input1 gave '$r', not $(node sdi8k-1 1)"

mon=$SCRATCH/monitor-udev.out
sdi8k-list --monitor --json >"$mon" 2>"$SCRATCH/monitor-udev.err" &
MON=$!
for _ in $(seq 50); do grep -q listening "$SCRATCH/monitor-udev.err" && break; sleep 0.1; done
echo sdi8k-sim.1 >"$SYSDRV/unbind"
for _ in $(seq 100); do grep -q card-removed "$mon" && break; sleep 0.1; done
echo sdi8k-sim.1 >"$SYSDRV/bind"
# as soon as an input-added event is out, its link must be there
# (no process substitution: the guest has no /dev/fd)
nolink=""
: >"$SCRATCH/seen"
for _ in $(seq 200); do
	grep input-added "$mon" | grep -vxF -f "$SCRATCH/seen" >"$SCRATCH/new"
	while IFS= read -r l; do
		i=$(sed -E 's/.*"input": ([0-9]+).*/\1/' <<<"$l")
		d=$(sed -E 's/.*"node": "([^"]*)".*/\1/' <<<"$l")
		m=""
		case $l in *'"meta": true'*) m=-meta ;; esac
		[ "$(readlink -f "/dev/sdi8k/$s1/input$i$m" 2>/dev/null)" = "$d" ] || nolink="$nolink input$i$m"
	done <"$SCRATCH/new"
	cat "$SCRATCH/new" >>"$SCRATCH/seen"
	[ "$(wc -l <"$SCRATCH/seen")" -ge 8 ] && break
	sleep 0.05
done
sleep 0.5
kill -INT "$MON"
wait "$MON"
rc=$?
MON=""
ev=$(grep -v '"meta": true' "$mon" | grep -F "\"$s1\"" | sed -E 's/.*"event": "([a-z-]+)".*/\1/' | tr '\n' ' ')
src=$(sed -n 's/.*source: \([a-z]*\).*/\1/p' "$SCRATCH/monitor-udev.err")
if [ "$src" = udev ] && [ "$ev" = "$want" ] && [ "$rc" = 0 ]; then
	pass list-udev-monitor-events
else
	fail list-udev-monitor-events "source '$src', exit $rc, events: $(tr '\n' '|' <"$mon")"
fi
[ "$(wc -l <"$SCRATCH/seen")" = 8 ] && [ -z "$nolink" ] && pass list-udev-links-before-events ||
	fail list-udev-links-before-events "$(wc -l <"$SCRATCH/seen") input-added events (video and meta); no link yet for:$nolink"
