#!/bin/bash
# Module autoload by PCI modalias, the lookup udev's kmod builtin makes for
# a card: with sdi8k.ko in a module tree, this leg's depmod writes its
# MODULE_DEVICE_TABLE alias to modules.alias, and this leg's modprobe maps a
# card's modalias (the alias with a class filled in) to sdi8k, and no other
# device ID; sdi8k-sim.ko has no alias (a card never loads the simulator)
# and depends on sdi8k. The tree is one of its own (depmod -b) holding only
# the two modules: depmod over the kernel's 4000 modules takes minutes in the
# emulated guest. Nothing is loaded (00-load.sh loads the module with its
# dependencies). The alias itself is checked against kernel/sdi8k-regs.h,
# and the dependencies against the installed 6.1 tree, by
# scripts/dkms-test.sh.
. "$(dirname "$0")/lib/common.sh"
command -v depmod >/dev/null || { skip modalias "no depmod in the $LEG root"; exit 0; }
rel=$(uname -r)
base=$SCRATCH/modtree
mods=$base/lib/modules/$rel
rm -rf "$base"
mkdir -p "$mods/updates"
ln -s "$KO" "$mods/updates/sdi8k.ko"
ln -s "$SIM_KO" "$mods/updates/sdi8k-sim.ko"

alias=$(modinfo -F alias "$KO")
if ! grep -Eqx 'pci:v0000[0-9A-F]{4}d0000[0-9A-F]{4}sv0000[0-9A-F]{4}sd0000[0-9A-F]{4}bc\*sc\*i\*' <<<"$alias"; then
	fail modalias-alias "sdi8k.ko's aliases: '$(tr '\n' ' ' <<<"$alias")', not one pci:v...d...sv...sd...bc*sc*i*"
	exit 0
fi
card=${alias%bc\*sc\*i\*}bc04sc80i00  # a card as the PCI core announces it
other=${alias/d0000????/d0000FFFF}
other=${other%bc\*sc\*i\*}bc04sc80i00

if ! depmod -b "$base" "$rel" 2>"$SCRATCH/depmod.err"; then
	fail modalias-depmod "depmod -b $base $rel: $(tail -n 2 "$SCRATCH/depmod.err" | tr '\n' '|')"
	exit 0
fi

out=$(modprobe -d "$base" --resolve-alias "$card" 2>&1)
[ "$out" = sdi8k ] && pass "modalias-resolve ($card)" ||
	fail modalias-resolve "modprobe --resolve-alias $card: '$out'"
if out=$(modprobe -d "$base" --resolve-alias "$other" 2>&1) || grep -qx sdi8k <<<"$out"; then
	fail modalias-other-device "modprobe --resolve-alias $other: '$out', expected no module"
else
	pass modalias-other-device
fi
sim_alias=$(modinfo -F alias "$SIM_KO" 2>&1)
sim_deps=$(modinfo -F depends "$SIM_KO" 2>&1)
if [ -z "$sim_alias" ] && [ "$sim_deps" = sdi8k ] &&
	grep -qx 'updates/sdi8k-sim.ko: updates/sdi8k.ko' "$mods/modules.dep"; then
	pass modalias-sim-module
else
	fail modalias-sim-module "sdi8k-sim.ko: aliases '$sim_alias', depends '$sim_deps', modules.dep '$(grep sdi8k-sim "$mods/modules.dep")'"
fi
rm -rf "$base"
