#!/bin/bash
# Benchmark (guest side): the embedded audio against its video
# (bench/sdi8k-bench-avsync: marker offset and its spread, the audio clock,
# hardware pointer and period wake-up jitter) on input 0 at RASTER for
# SECONDS, on the PCI card sdi8k-card serves (its model on the host, in
# real time: when /job/files/pcilib.sh is there) or on the simulated card
# (the model inside the emulated guest). Run by tests/vm/bench-avsync.sh.
. /job/files/common.sh
SECONDS_RUN=${1:-60}
RASTER=${2:-1080p25}
if [ -f /job/files/pcilib.sh ]; then
	. /job/files/pcilib.sh
	fw_path
	insmod "$KO" || { echo "bench-avsync: insmod failed"; exit 1; }
	wait_nodes || { echo "bench-avsync: no nodes"; exit 1; }
	ctl_open || { echo "bench-avsync: no control port"; exit 1; }
	dev=$(find_card) || { echo "bench-avsync: no card"; exit 1; }
	card_word input0/signal "$RASTER" >/dev/null
	what="PCI card (model on the host)"
else
	load_sdi8k || { echo "bench-avsync: module not loaded"; exit 1; }
	dev=/sys/bus/platform/devices/sdi8k-sim.0
	CARD=sdi8k-0
	signal sdi8k-0 0 "$RASTER"
	what="simulated card (model in the guest)"
fi
sleep 0.5
serial=$(<"$dev/serial")
echo "bench-avsync $LEG: $what"
sdi8k-bench-avsync -i "$(node $CARD 0)" -D "hw:CARD=sdi8k${serial: -8},DEV=0" -c 2 \
	-t "$SECONDS_RUN" 2>&1 | sed 's/^bench-avsync: /bench-avsync /'
