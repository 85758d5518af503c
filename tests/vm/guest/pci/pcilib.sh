# Shared helpers of the PCI card's guest scripts (guest/pci/suite.sh, the
# 8K60 benchmark): sourced after the guest tests' common.sh. run-pci.sh
# copies both into /job/files.
: "${CARD:=sdi8k-0}" "${CARD_INPUTS:=4}"
INPUTS=$CARD_INPUTS

# ---- the card's control port ----
CTL_FD=""
ctl_open() {
	local p port="" _
	modprobe virtio_console 2>/dev/null
	for _ in $(seq 50); do
		for p in /sys/class/virtio-ports/*; do
			[ -e "$p/name" ] && [ "$(cat "$p/name")" = sdi8k.ctl ] && port=/dev/${p##*/}
		done
		[ -c "$port" ] && break
		sleep 0.1
	done
	[ -c "$port" ] || return 1
	exec {CTL_FD}<>"$port"
}

# card_word WORD [VALUE]: run a scripting word on the card; the value's
# lines on stdout; non-zero (and the card's error on stderr) if refused
card_word() {
	local l
	[ -n "$CTL_FD" ] || { echo "no control port" >&2; return 1; }
	echo "$*" >&"$CTL_FD"
	while IFS= read -r -t 20 l <&"$CTL_FD"; do
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

# find_card: the card's sysfs dir, empty if none
find_card() {
	local d
	for d in /sys/bus/pci/devices/*; do
		[ "$(cat "$d/vendor" 2>/dev/null)" = 0x10ee ] && [ "$(cat "$d/device" 2>/dev/null)" = 0x8d18 ] &&
			{ echo "$d"; return 0; }
	done
	return 1
}

# wait_nodes: until every input of the card has its node
wait_nodes() {
	local _ i
	for _ in $(seq 100); do
		for ((i = 0; i < INPUTS; i++)); do node $CARD $i >/dev/null || break; done
		[ "$i" = "$INPUTS" ] && return 0
		sleep 0.1
	done
	return 1
}

# vectors: the interrupt vectors the card holds
vectors() { grep -c " $CARD\$" /proc/interrupts; }

