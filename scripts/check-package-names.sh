#!/bin/bash
# check-package-names.sh [RELEASE...]: every package the project's own
# lists name (scripts/install-deps.sh reads the same lists) can be
# installed on each Debian RELEASE (default: those of Debian 12 and 13
# that are not this host's own), asked of
# the apt of that release's VM guest root (tests/vm/mkroot.sh makes it)
# with a simulated install: a name pinned to one release's version (say
# libclang-rt-14-dev, which Debian 13 does not have) fails here before a
# user's `make deps` does. The host's own release is checked by make deps
# itself. The whole host side in fresh roots: tests/vm/hostroot.sh.
# Prints "PASS|FAIL host package-names-RELEASE[: reason]".
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/vm/lib.sh"
names=$(cat "$top/scripts/packages.txt" "$top/tests/vm/host-packages.txt" \
	"$top/lib/build-packages.txt" "$top/tests/tools/build-packages.txt" |
	sed 's/#.*//' | tr -s ' \t' '\n' | sed '/^$/d' | sort -u)
rc=0
releases=${*:-$(for r in bookworm trixie; do vm_host_leg "$r" || echo "$r"; done)}
for rel in $releases; do
	root=$(vm_root "$rel")
	if [ "$root" != / ] && [ ! -f "$(vm_stamp "$rel")" ]; then
		echo "FAIL host package-names-$rel: no $rel root ($root): tests/vm/mkroot.sh $rel makes it"
		rc=1
		continue
	fi
	# package lists of its own, in the root's /tmp: the root keeps none
	lists=/tmp/sdi8k-package-names
	apt() { chroot "$root" env LC_ALL=C apt-get -q -o Dir::State::Lists="$lists" "$@"; }
	mkdir -p "$root$lists/partial"
	if ! out=$(apt update 2>&1); then
		echo "FAIL host package-names-$rel: apt-get update in $root: $(tail -n 2 <<<"$out" | tr '\n' '|')"
		rc=1
		rm -rf "${root:?}$lists"
		continue
	fi
	# shellcheck disable=SC2086
	out=$(apt -s install --no-install-recommends $names 2>&1)
	st=$?
	rm -rf "${root:?}$lists"
	if [ $st = 0 ]; then
		echo "PASS host package-names-$rel ($(wc -w <<<"$names") names)"
	else
		echo "FAIL host package-names-$rel: $(grep -E '^E: ' <<<"$out" | head -n 3 | tr '\n' '|')"
		rc=1
	fi
done
exit $rc
