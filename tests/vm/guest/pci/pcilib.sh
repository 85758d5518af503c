# Shared helpers of the PCI card's guest scripts (guest/pci/suite.sh, the
# 8K60 benchmark): sourced after the guest tests' common.sh. run-pci.sh
# copies both into /job/files.
: "${CARD:=sdi8k-0}" "${CARD_INPUTS:=4}"
INPUTS=$CARD_INPUTS

# ---- the card's control port ----
# ctl_port NAME: the device of the virtio-serial port NAME
ctl_port() {
	local p port="" _
	modprobe virtio_console 2>/dev/null
	for _ in $(seq 50); do
		for p in /sys/class/virtio-ports/*; do
			[ -e "$p/name" ] && [ "$(cat "$p/name")" = "$1" ] && port=/dev/${p##*/}
		done
		[ -c "$port" ] && { echo "$port"; return 0; }
		sleep 0.1
	done
	return 1
}
CTL_FD=""
ctl_open() {
	local port
	port=$(ctl_port sdi8k.ctl) || return 1
	exec {CTL_FD}<>"$port"
}
# the second card, out of its slot until its "plug" (run-pci.sh's
# SDI8K_CARD_SPARE_IRQ): port sdi8k.spare
SPARE_FD=""
spare_open() {
	local port
	port=$(ctl_port sdi8k.spare) || return 1
	exec {SPARE_FD}<>"$port"
}

# card_word WORD [VALUE]: run a scripting word on the card; the value's
# lines on stdout; non-zero (and the card's error on stderr) if refused
card_word() { fd_word "$CTL_FD" "$@"; }
# spare_word WORD [VALUE]: the same on the second card
spare_word() { fd_word "$SPARE_FD" "$@"; }
fd_word() {
	local l fd=$1
	shift
	[ -n "$fd" ] || { echo "no control port" >&2; return 1; }
	echo "$*" >&"$fd"
	while IFS= read -r -t 20 l <&"$fd"; do
		case $l in
		ok) return 0 ;;
		error*) echo "$l" >&2; return 1 ;;
		*) echo "$l" ;;
		esac
	done
	echo "no reply from the card" >&2
	return 1
}

# the common.sh helper scripts the card through the port, not debugfs
signal() { card_word "input$2/signal" "$3" >/dev/null; }
# card_stat INPUT NAME: one figure of the model's stats of that input
card_stat() { card_word "input$1/stats" | sed -n "s/^$2 //p"; }
# card_bus NAME: a value of what the card sees of the bus (sdi8k-card's
# "bus": dma_maps, map_msgs, unmap_msgs)
card_bus() { card_word bus | sed -n "s/^$1 //p"; }

# find_card [NOT]: a card's sysfs dir (not the one at NOT), empty if none
find_card() {
	local d
	for d in /sys/bus/pci/devices/*; do
		[ "$(cat "$d/vendor" 2>/dev/null)" = 0x10ee ] && [ "$(cat "$d/device" 2>/dev/null)" = 0x8d18 ] &&
			[ "$d" != "${1:-}" ] && { echo "$d"; return 0; }
	done
	return 1
}

# card_name SYSDEV: the name (sdi8k-N) the driver gave the card at that
# PCI function, once its input 0 has a node (up to 10 s)
card_name() {
	local _ v n
	for _ in $(seq 100); do
		for v in "$1"/video4linux/video*; do
			n=$(cat "$v/name" 2>/dev/null)
			case $n in sdi8k-*" input 0") echo "${n%% *}"; return 0 ;; esac
		done
		sleep 0.1
	done
	return 1
}

# wait_nodes [CARDNAME INPUTS]: until every input of the card has its node
wait_nodes() {
	local _ i c=${1:-$CARD} n=${2:-$INPUTS}
	for _ in $(seq 100); do
		for ((i = 0; i < n; i++)); do node "$c" $i >/dev/null || break; done
		[ "$i" = "$n" ] && return 0
		sleep 0.1
	done
	return 1
}

# vectors [CARDNAME]: the interrupt vectors the card holds
vectors() { grep -c " ${1:-$CARD}\$" /proc/interrupts; }

