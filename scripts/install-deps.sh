#!/bin/bash
# Install every Debian package sdi8k's build, tests, benchmarks and demo
# need, on Debian 12 or 13. Idempotent: installs only what is missing.
# The lists name packages both releases have (the distribution's default
# compiler, clang and libraries, no pinned versions); tests/vm/hostroot.sh
# checks them in fresh roots of both.
# Package lists: scripts/packages.txt plus the lists the parts keep beside
# their code (tests/vm/host-packages.txt, lib/build-packages.txt,
# tests/tools/build-packages.txt).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)

want=$(cat "$top/scripts/packages.txt" \
	"$top"/tests/vm/host-packages.txt \
	"$top"/lib/build-packages.txt \
	"$top"/tests/tools/build-packages.txt 2>/dev/null |
	sed 's/#.*//' | tr -s ' \t' '\n' | sed '/^$/d' | sort -u)

missing=()
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && { echo "install-deps: all $(wc -w <<<"$want") packages present"; exit 0; }

if [ "$(id -u)" != 0 ]; then
	echo "install-deps: missing packages: ${missing[*]}" >&2
	echo "install-deps: run as root (or with sudo) to install them" >&2
	exit 1
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
