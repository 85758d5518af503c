#!/bin/bash
# The udev rules (udev/70-sdi8k.rules, copied to /job/udev by run.sh) under
# a real systemd-udevd: with two simulated cards, each of the 8 input nodes
# gets group video, mode 0660 and the link /dev/sdi8k/<serial>/input<i> to
# itself, each of the 8 metadata nodes the same with .../input<i>-meta;
# a vivid node gets nothing of ours; the links go with the module.
# Without a udevd, `udevadm test` checks the links the rules would make.
# Leaves the modules loaded with cards=1, as the later tests expect.
. "$(dirname "$0")/lib/common.sh"

RULES=$JOB/udev/70-sdi8k.rules
ETC_RULES=/etc/udev/rules.d/70-sdi8k.rules  # /etc wins over /run and /usr/lib
# The guest's tests run chrooted from the initramfs, where udevadm settle
# and trigger do nothing ("Running in chroot, ignoring request") unless told
# to; the udevadm our rules RUN gets only the event's properties as its
# environment, hence the guest-only rule setting it on bind events.
export SYSTEMD_IGNORE_CHROOT=1
CHROOT_RULES=/etc/udev/rules.d/00-sdi8k-test-chroot.rules
if [ ! -f "$RULES" ]; then
	fail udev-rules "$RULES missing (tests/vm/run.sh copies the repo's udev/ to /job/udev)"
	exit 0
fi
command -v udevadm >/dev/null || { skip udev "no udevadm in the $LEG root"; exit 0; }
if udevadm verify --help >/dev/null 2>&1; then  # systemd 253 and later
	check udev-rules-verify udevadm verify --resolve-names=never "$RULES"
else
	skip udev-rules-verify "udevadm $(udevadm --version) has no verify"
fi

restore() { # back to one simulated card, no udevd of ours, no rules of ours
	unload_sdi8k 2>/dev/null
	if [ -n "${UDEVD_STARTED:-}" ]; then
		udevadm settle -t 30
		udevadm control --exit 2>/dev/null
		for _ in $(seq 50); do pgrep -x systemd-udevd >/dev/null || break; sleep 0.1; done
	fi
	if [ -f "$SCRATCH/70-sdi8k.rules.orig" ]; then
		mv "$SCRATCH/70-sdi8k.rules.orig" "$ETC_RULES"
	else
		rm -f "$ETC_RULES"
	fi
	rm -f "$CHROOT_RULES"
	if load_sdi8k cards=1; then pass udev-restore-cards=1
	else fail udev-restore-cards=1 "insmod $KO, $SIM_KO cards=1 failed"; fi
}
trap restore EXIT

unload_sdi8k 2>"$SCRATCH/rmmod.err" || fail udev-rmmod "sdi8k is loaded and busy: $(<"$SCRATCH/rmmod.err")"
mkdir -p /etc/udev/rules.d
[ -f "$ETC_RULES" ] && cp "$ETC_RULES" "$SCRATCH/70-sdi8k.rules.orig"
cp "$RULES" "$ETC_RULES"
echo 'ACTION=="bind", ENV{SYSTEMD_IGNORE_CHROOT}="1"' >"$CHROOT_RULES"

# A real udevd if there is none (no systemd as PID 1 in the guest).
UDEVD="" WHY="no systemd-udevd in the $LEG root"
if pgrep -x systemd-udevd >/dev/null; then
	udevadm control --reload && UDEVD=running
else
	for u in /usr/lib/systemd/systemd-udevd /lib/systemd/systemd-udevd; do
		[ -x "$u" ] || continue
		WHY="$u --daemon failed"
		if "$u" --daemon >"$SCRATCH/udevd.log" 2>&1; then
			UDEVD_STARTED=1 WHY="$u --daemon started but does not answer"
			for _ in $(seq 50); do udevadm control --ping 2>/dev/null && { UDEVD=started; break; }; sleep 0.1; done
		fi
		WHY="$WHY: $(tail -n 2 "$SCRATCH/udevd.log" | tr '\n' '|')"
		break
	done
fi

# check_node CARD INPUT SERIAL DEV [-meta]: one result line for that
# input's video node (or its metadata node)
check_node() {
	local card=$1 i=$2 serial=$3 dev=$4 link=/dev/sdi8k/$3/input$2$5 why=""
	[ -L "$link" ] || why="no link $link;"
	[ -L "$link" ] && [ "$(readlink -f "$link")" != "$dev" ] &&
		why="$why $link -> $(readlink -f "$link"), not $dev;"
	[ "$(stat -c '%G %a' "$dev")" = "video 660" ] ||
		why="$why $dev is $(stat -c 'group %G mode %a' "$dev");"
	udevadm info -q property -n "$dev" | grep -qx "SDI8K_SERIAL=$serial" ||
		why="$why no SDI8K_SERIAL=$serial property;"
	if [ -z "$why" ]; then pass "udev-$card-input$i$5"; else fail "udev-$card-input$i$5" "$why"; fi
}

# test_node CARD INPUT SERIAL DEV: the same from `udevadm test` (no udevd)
test_node() {
	local out
	out=$(udevadm test --action=add "/sys/class/video4linux/${4#/dev/}" 2>&1)
	if grep -Eq "^ *DEVLINKS=(.* )?/dev/sdi8k/$3/input$2( |\$)" <<<"$out" &&
		grep -Eq "^ *SDI8K_INPUT=$2\$" <<<"$out"; then
		pass "udevadm-test-$1-input$2"
	else
		fail "udevadm-test-$1-input$2" "no link sdi8k/$3/input$2 in udevadm test output"
	fi
}

if [ -n "$UDEVD" ]; then
	pass "udevd-$UDEVD"
	timeout 120 udevadm monitor --udev --subsystem-match=video4linux >"$SCRATCH/monitor.log" 2>&1 &
	MON=$!
	sleep 1
else
	skip udevd "$WHY; checking with udevadm test instead"
fi

if ! load_sdi8k cards=2 || ! node sdi8k-1 3 >/dev/null; then
	fail udev-load "insmod $SIM_KO cards=2 gave no sdi8k-1 input 3"
	exit 0
fi
udevadm settle -t 60 || fail udev-settle "udevadm settle timed out"

declare -A DEV_OF
for card in sdi8k-0 sdi8k-1; do
	for i in 0 1 2 3; do
		dev=$(node "$card" "$i") || { fail "udev-$card-input$i" "no node"; continue; }
		serial=$(<"/sys/class/video4linux/${dev#/dev/}/device/serial")
		DEV_OF[$serial/input$i]=$dev
		if [ -n "$UDEVD" ]; then check_node "$card" "$i" "$serial" "$dev"
		else test_node "$card" "$i" "$serial" "$dev"; fi
		mdev=$(meta_node "$card" "$i") || { fail "udev-$card-input$i-meta" "no node"; continue; }
		DEV_OF[$serial/input$i-meta]=$mdev
		[ -z "$UDEVD" ] || check_node "$card" "$i" "$serial" "$mdev" -meta
	done
done
[ "${#DEV_OF[@]}" -eq 16 ] && pass udev-serials-distinct ||
	fail udev-serials-distinct "${#DEV_OF[@]} distinct serial/input node pairs, not 16"
[ -n "$UDEVD" ] || exit 0

# Nothing else under /dev/sdi8k: exactly the 16 links.
links=$(cd /dev/sdi8k 2>/dev/null && find . -mindepth 1 ! -type d | sort | tr '\n' ' ')
want=$(for k in "${!DEV_OF[@]}"; do echo "./$k"; done | sort | tr '\n' ' ')
[ "$links" = "$want" ] && pass udev-links-exact ||
	fail udev-links-exact "/dev/sdi8k holds '$links', expected '$want'"

# Each card's binding replayed its nodes' events (the serial race guard).
kill "$MON" 2>/dev/null
wait "$MON" 2>/dev/null
n=$(grep -c ' change .*/video4linux/video' "$SCRATCH/monitor.log")
[ "$n" -ge 16 ] && pass udev-bind-replay ||
	fail udev-bind-replay "$n change events for video4linux nodes after bind, expected 16"

# The replay alone makes the links: drop card 0's, replay its bind event.
s0=$(</sys/bus/platform/devices/sdi8k-sim.0/serial)
rm -rf "/dev/sdi8k/$s0"
echo bind >/sys/bus/platform/devices/sdi8k-sim.0/uevent
udevadm settle -t 60
n=$(find "/dev/sdi8k/$s0" -type l 2>/dev/null | wc -l)
[ "$n" -eq 8 ] && pass udev-bind-relinks ||
	fail udev-bind-relinks "$n links in /dev/sdi8k/$s0 after a bind event, expected 8"

# A vivid node is not ours: no SDI8K_ properties, no link to it.
if modprobe vivid 2>"$SCRATCH/vivid.err"; then
	udevadm settle -t 60
	found=0
	for d in /sys/class/video4linux/video*; do
		name=$(<"$d/name")
		case "$name" in vivid*) ;; *) continue ;; esac
		found=$((found + 1))
		props=$(udevadm info -q property -p "$d" | grep '^SDI8K_' | tr '\n' ' ')
		into=$(find /dev/sdi8k -type l -lname "*/${d##*/}" 2>/dev/null | tr '\n' ' ')
		if [ -z "$props$into" ]; then pass "udev-ignores-${name// /_}"
		else fail "udev-ignores-${name// /_}" "${d##*/} got $props$into"; fi
	done
	[ "$found" -gt 0 ] || fail udev-vivid "vivid loaded but no vivid video node"
	modprobe -r vivid
	udevadm settle -t 60
else
	skip udev-vivid "modprobe vivid: $(<"$SCRATCH/vivid.err")"
fi

# The links go away with the nodes (and so do the emptied directories):
# the cards go with sdi8k-sim.ko.
if rmmod sdi8k_sim; then
	udevadm settle -t 60
	left=$(find /dev/sdi8k -mindepth 1 2>/dev/null | tr '\n' ' ')
	[ -z "$left" ] && pass udev-links-removed || fail udev-links-removed "left: $left"
else
	fail udev-links-removed "rmmod sdi8k_sim failed"
fi
