#!/bin/bash
# bench-8k.sh [LEG] [SECONDS]: the 8K60 benchmark in one VM leg (default
# trixie): frames delivered per second against the signal's rate, frames
# dropped, and the driver's CPU time per frame (interrupt to buffer done).
# See tests/vm/guest/bench/8k60.sh. Prints the guest's figures.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
leg=${1:-trixie}
secs=${2:-20}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '#!/bin/bash\nexec bash /job/files/8k60.sh %s\n' "$secs" > "$tmp/script.sh"
job=$("$here/run-guest.sh" "$leg" "$tmp/script.sh" "$here/guest/bench/8k60.sh" \
	"$here/guest/tests/lib/common.sh" | tail -n 1)
grep -E '^(bench-8k60|  )' "$job/logs/script.log" || {
	echo "bench-8k: no figures; see $job/logs/script.log" >&2
	exit 1
}
