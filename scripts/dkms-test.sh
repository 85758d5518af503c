#!/bin/bash
# The module through DKMS, as a user installs it, into this system (CI runs
# as root on a throwaway machine; the module is installed, never loaded):
#  1. the module is built in kernel/ first (`make module`), so that the
#     build products lie beside the sources as after a user's `make`;
#  2. `make dkms-install`: the DKMS tree to /usr/src/sdi8k-<version>, dkms
#     add, then dkms build and dkms install for every kernel with headers
#     (Debian 12's 6.1 here) into /lib/modules/<release>/updates/dkms;
#  3. checks: the /usr/src tree holds dkms.conf and the kernel sources git
#     tracks, nothing else; dkms status says installed; the installed .ko
#     (found by modinfo through modules.dep: depmod ran) has the version of
#     dkms.conf, the vermagic of its kernel, one alias, for the PCI ID of
#     kernel/sdi8k-regs.h, dependencies that all exist in that kernel's
#     tree, and the firmware name; `modprobe -S <release> --resolve-alias`
#     gives sdi8k for a card's modalias (the autoload lookup, nothing
#     loaded); the installed sdi8k.ko defines no simulator symbol
#     (scripts/check-no-sim.sh); the simulator module sdi8k-sim.ko is
#     installed beside it, with the same version, no alias, and depends
#     on sdi8k;
#  4. `make dkms-uninstall` (dkms remove --all): nothing of sdi8k left in
#     /usr/src, /var/lib/dkms, /lib/modules/*/updates, modules.alias.
# A registration of the same version from before is removed. Runs are
# serialised (flock) with other checkouts' on this machine: they share
# /usr/src/sdi8k-<version> and DKMS's tree. One PASS/FAIL line per check.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)
src=/usr/src/sdi8k-$ver
rc=0
pass() { echo "PASS host dkms-$1"; }
fail() { local n=$1; shift; echo "FAIL host dkms-$n: $*"; rc=1; }
oneline() { tail -n "${2:-3}" <<<"$1" | tr '\n' '|'; }
command -v dkms >/dev/null || { fail tools "dkms is not installed"; exit 1; }
[ "$(id -u)" = 0 ] || { fail root "installs into /usr/src, /var/lib/dkms and /lib/modules: run as root"; exit 1; }
[ -n "$ver" ] || { fail version "no PACKAGE_VERSION in dkms.conf"; exit 1; }
kernels=$(for b in /lib/modules/*/build/Makefile; do [ -f "$b" ] && basename "$(dirname "$(dirname "$b")")"; done)
[ -n "$kernels" ] || { fail headers "no kernel headers (/lib/modules/<release>/build)"; exit 1; }

exec 9>/run/lock/sdi8k-dkms-test.lock
flock 9
cleanup() { make -s dkms-uninstall >/dev/null 2>&1; }
trap cleanup EXIT
cleanup

# 1. build products in kernel/
k1=$(head -n 1 <<<"$kernels")
if out=$(make -s module KVER="$k1" 2>&1) && [ -f kernel/sdi8k.mod.c ]; then
	pass "build-in-tree-$k1"
else
	fail "build-in-tree-$k1" "make module KVER=$k1: $(oneline "$out")"
fi

# 2. make dkms-install
if out=$(make dkms-install 2>&1); then
	pass make-dkms-install
else
	fail make-dkms-install "$(oneline "$out" 4)"
fi

# 3. the tree: what git tracks (without git: the one list itself)
if git rev-parse --git-dir >/dev/null 2>&1; then
	want=$( (echo dkms.conf; git ls-files kernel) | LC_ALL=C sort)
else
	want=$( (echo dkms.conf; sh scripts/kernel-sources.sh) | LC_ALL=C sort)
fi
have=$(cd "$src" 2>/dev/null && find . -type f -printf '%P\n' | LC_ALL=C sort)
if [ "$have" = "$want" ]; then
	pass "source-tree ($(wc -l <<<"$have") files in $src)"
else
	fail source-tree "extra: $(comm -23 <(echo "$have") <(echo "$want") | tr '\n' ' ')" \
		"missing: $(comm -13 <(echo "$have") <(echo "$want") | tr '\n' ' ')"
fi

# the card's PCI ID from the register header, as MODULE_DEVICE_TABLE exports it
id() { printf '%08X' "$(sed -n "s/^#define SDI8K_PCI_$1_ID[[:space:]]*\(0x[0-9a-fA-F]*\).*/\1/p" kernel/sdi8k-regs.h)"; }
alias="pci:v$(id VENDOR)d$(id DEVICE)sv$(id SUBVENDOR)sd$(id SUBDEVICE)bc*sc*i*"
modalias="pci:v$(id VENDOR)d$(id DEVICE)sv$(id SUBVENDOR)sd$(id SUBDEVICE)bc04sc80i00"
modver=$(sed -n 's/^MODULE_VERSION("\(.*\)");/\1/p' $(sh scripts/kernel-sources.sh | grep '\.c$') | head -n 1)

for k in $kernels; do
	st=$(dkms status -m sdi8k -v "$ver" -k "$k" 2>&1)
	if grep -q "installed" <<<"$st"; then pass "installed-$k"
	else fail "installed-$k" "dkms status: $(oneline "$st")"; fi
	ko=$(modinfo -k "$k" -F filename sdi8k 2>&1)
	case $ko in
	/lib/modules/"$k"/updates/dkms/sdi8k.ko*) pass "modules.dep-$k" ;;
	*) fail "modules.dep-$k" "modinfo -k $k sdi8k: '$ko', not /lib/modules/$k/updates/dkms/sdi8k.ko"; continue ;;
	esac
	info=$(modinfo "$ko")
	why=""
	field() { sed -n "s/^$1: *//p" <<<"$info"; }
	[ "$(field version)" = "$ver" ] && [ "$modver" = "$ver" ] ||
		why="version '$(field version)', MODULE_VERSION '$modver', dkms.conf '$ver';"
	[ "$(field vermagic | cut -d' ' -f1)" = "$k" ] || why="$why vermagic '$(field vermagic)';"
	[ "$(field alias)" = "$alias" ] || why="$why alias '$(field alias | tr '\n' ' ')', want '$alias';"
	[ "$(field firmware)" = sdi8k/sdi8k.bin ] || why="$why firmware '$(field firmware)';"
	deps=$(field depends | tr ',' ' ')
	for m in videodev videobuf2-v4l2 videobuf2-memops; do
		grep -qw -- "$m" <<<"$deps" || why="$why depends lacks $m;"
	done
	for m in $deps; do
		modinfo -k "$k" -F filename "$m" >/dev/null 2>&1 || why="$why dependency $m not in /lib/modules/$k;"
	done
	[ -z "$why" ] && pass "modinfo-$k (alias $alias; depends $(field depends))" || fail "modinfo-$k" "$why"
	out=$(modprobe -S "$k" --resolve-alias "$modalias" 2>&1)
	[ "$out" = sdi8k ] && pass "modalias-$k" ||
		fail "modalias-$k" "modprobe -S $k --resolve-alias $modalias: '$out'"
	out=$(scripts/check-no-sim.sh "$ko" 2>&1) && pass "no-sim-$k" ||
		fail "no-sim-$k" "$out"
	sim=$(modinfo -k "$k" -F filename sdi8k-sim 2>&1)
	case $sim in
	/lib/modules/"$k"/updates/dkms/sdi8k-sim.ko*)
		why=""
		[ "$(modinfo -F version "$sim")" = "$ver" ] || why="version '$(modinfo -F version "$sim")';"
		[ -z "$(modinfo -F alias "$sim")" ] || why="$why aliases '$(modinfo -F alias "$sim" | tr '\n' ' ')';"
		[ "$(modinfo -F depends "$sim")" = sdi8k ] || why="$why depends '$(modinfo -F depends "$sim")';"
		[ -z "$why" ] && pass "sim-module-$k" || fail "sim-module-$k" "$why" ;;
	*) fail "sim-module-$k" "modinfo -k $k sdi8k-sim: '$sim', not /lib/modules/$k/updates/dkms/sdi8k-sim.ko" ;;
	esac
done

# 4. make dkms-uninstall leaves nothing
if out=$(make dkms-uninstall 2>&1); then pass make-dkms-uninstall
else fail make-dkms-uninstall "$(oneline "$out")"; fi
left=$(ls -d /usr/src/sdi8k-* /var/lib/dkms/sdi8k /lib/modules/*/updates/dkms/sdi8k.ko* \
	/lib/modules/*/updates/dkms/sdi8k-sim.ko* 2>/dev/null | tr '\n' ' ')
for k in $kernels; do
	grep -qs "sdi8k$" "/lib/modules/$k/modules.alias" && left="$left /lib/modules/$k/modules.alias:sdi8k"
done
[ -z "$left" ] && pass uninstalled || fail uninstalled "left behind: $left"
trap - EXIT
exit $rc
