#!/bin/bash
# bench-pci-8k.sh [LEG] [SECONDS]: the 8K60 benchmark on the PCI card
# (sdi8k-card: the model on the host, at host speed, every byte of every
# frame repainted) in one VM leg (default trixie), without a vIOMMU: frames
# delivered per second against 59.94/60, drops, the model's overruns and
# paint rate. See tests/vm/guest/bench/pci-8k60.sh; bench-8k.sh is the same
# on the simulated card, painted inside the emulated guest.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
leg=${1:-trixie}
secs=${2:-30}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$here/guest/bench/pci-8k60.sh" "$tmp/script.sh"
sed -i "s/^SECONDS_RUN=.*/SECONDS_RUN=$secs/" "$tmp/script.sh"
job=$(SDI8K_VM_IOMMU=0 "$here/run-pci.sh" "$leg" "$tmp/script.sh" | tail -n 1)
grep -E '^(bench-pci-8k60|  )' "$job/logs/script.log" || {
	echo "bench-pci-8k: no figures; see $job/logs/script.log" >&2
	exit 1
}
