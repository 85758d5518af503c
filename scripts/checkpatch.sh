#!/bin/bash
# Run the kernel's checkpatch.pl --strict on every kernel source file (the
# *.c and *.h of scripts/kernel-sources.sh: never what a build of the
# module leaves in kernel/). checkpatch ships inside Debian's linux-source
# tarball; it is unpacked once into a cache. Prints one PASS/FAIL line per
# file. --list: print the files it would check, and nothing else.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
files=$(sh "$top/scripts/kernel-sources.sh" | grep '\.[ch]$') || {
	echo "FAIL host checkpatch: no kernel sources (scripts/kernel-sources.sh)"; exit 1; }
if [ "${1:-}" = --list ]; then
	echo "$files"
	exit 0
fi
# The newest linux-source tarball (6.1 on Debian 12, 6.12 on Debian 13);
# its checkpatch is cached per tarball, so a newer one is unpacked afresh.
tarball=$(ls /usr/src/linux-source-*.tar.* 2>/dev/null | sort -V | tail -n 1)
if [ -z "$tarball" ]; then
	echo "FAIL host checkpatch: no /usr/src/linux-source-*.tar.* (install linux-source)"
	exit 1
fi
base=$(basename "$tarball"); base=${base%.tar.*}
cache=${SDI8K_CACHE:-/var/cache/sdi8k-vm}/checkpatch/$base
cp=$cache/scripts/checkpatch.pl

if [ ! -x "$cp" ]; then
	mkdir -p "$cache"
	tar -xf "$tarball" -C "$cache" --strip-components=1 \
		"$base/scripts/checkpatch.pl" "$base/scripts/spelling.txt" \
		"$base/scripts/const_structs.checkpatch" || {
		echo "FAIL host checkpatch: cannot unpack checkpatch from $tarball"; exit 1; }
fi

rc=0
cd "$top"
for f in $files; do
	ignore=
	# the one header whose job is to compare kernel versions
	[ "$f" = kernel/sdi8k-compat.h ] && ignore="--ignore LINUX_VERSION_CODE,CONSTANT_COMPARISON"
	out=$("$cp" --no-tree --strict --quiet --show-types $ignore -f "$f" 2>&1)
	if [ -z "$out" ]; then
		echo "PASS host checkpatch $f"
	else
		echo "FAIL host checkpatch $f: $(grep -E '^(ERROR|WARNING|CHECK)' <<<"$out" | head -n 3 | tr '\n' '|')"
		rc=1
	fi
done
exit $rc
