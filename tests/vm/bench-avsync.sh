#!/bin/bash
# bench-avsync.sh [LEG] [SECONDS] [pci|sim] [RASTER]: the embedded audio
# against its video in one VM leg (default trixie, 60 s, the PCI card,
# 1080p25): the offset of the model's audio markers from their frames'
# timestamps and its spread, the audio clock against CLOCK_MONOTONIC, the
# hardware pointer's and the period wake-ups' jitter
# (bench/sdi8k-bench-avsync.c, tests/vm/guest/bench/avsync.sh). Prints the
# guest's figures. pci: the card sdi8k-card serves, its model on the host
# in real time (run-pci.sh, no vIOMMU); sim: the simulated card inside the
# emulated guest.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
leg=${1:-trixie}
secs=${2:-60}
mode=${3:-pci}
raster=${4:-1080p25}
make -s -C "$top/bench" "$top/bench/sdi8k-bench-avsync" >&2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SDI8K_GUEST_BINS="$top/bench/sdi8k-bench-avsync ${SDI8K_GUEST_BINS:-}"
if [ "$mode" = pci ]; then
	cp "$here/guest/bench/avsync.sh" "$tmp/script.sh"
	sed -i "s/^SECONDS_RUN=.*/SECONDS_RUN=$secs/; s/^RASTER=.*/RASTER=$raster/" "$tmp/script.sh"
	job=$(SDI8K_VM_IOMMU=0 "$here/run-pci.sh" "$leg" "$tmp/script.sh" | tail -n 1)
else
	printf '#!/bin/bash\nexec bash /job/files/avsync.sh %s %s\n' "$secs" "$raster" >"$tmp/script.sh"
	job=$("$here/run-guest.sh" "$leg" "$tmp/script.sh" "$here/guest/bench/avsync.sh" \
		"$here/guest/tests/lib/common.sh" | tail -n 1)
fi
grep -E '^(bench-avsync|  )' "$job/logs/script.log" || {
	echo "bench-avsync: no figures; see $job/logs/script.log" >&2
	exit 1
}
