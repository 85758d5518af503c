#!/bin/bash
# dkms add + build of this tree against every installed kernel's headers
# (not installed into the running system), then dkms remove. One PASS/FAIL
# line per kernel.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$top/dkms.conf")
src=/usr/src/sdi8k-$ver
command -v dkms >/dev/null || { echo "FAIL host dkms: dkms is not installed"; exit 1; }
dkms remove -m sdi8k -v "$ver" --all >/dev/null 2>&1
rm -rf "$src"
mkdir -p "$src/kernel/uapi"
cp "$top/dkms.conf" "$src/"
cp "$top"/kernel/Kbuild "$top"/kernel/*.c "$top"/kernel/*.h "$src/kernel/"
cp "$top"/kernel/uapi/*.h "$src/kernel/uapi/"
rc=0
if ! out=$(dkms add -m sdi8k -v "$ver" 2>&1); then
	echo "FAIL host dkms-add: $(tail -n 2 <<<"$out" | tr '\n' '|')"
	rm -rf "$src"
	exit 1
fi
for b in /lib/modules/*/build; do
	k=$(basename "$(dirname "$b")")
	[ -f "$b/Makefile" ] || continue
	if out=$(dkms build -m sdi8k -v "$ver" -k "$k" 2>&1); then
		echo "PASS host dkms-build-$k"
	else
		echo "FAIL host dkms-build-$k: $(tail -n 3 <<<"$out" | tr '\n' '|')"
		rc=1
	fi
done
dkms remove -m sdi8k -v "$ver" --all >/dev/null 2>&1
rm -rf "$src"
exit $rc
