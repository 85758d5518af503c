#!/bin/bash
# check-no-sim.sh KO...: each sdi8k.ko given (.ko, or .ko.xz/.zst/.gz as
# installed) defines no symbol of the simulated card: the model
# (sdi8k_sim_*), its test pattern generator (sdi8k_pattern_*, pat_*) and
# its module parameters (sim_*) belong to sdi8k-sim.ko (issue 14; the
# core's own "simulated" sysfs attribute is not the model). Prints the
# offending symbols; exit status 1 if any, 2 if a module cannot be read.
set -uo pipefail
[ $# -ge 1 ] || { echo "usage: $0 sdi8k.ko..." >&2; exit 2; }
command -v nm >/dev/null || { echo "$0: nm (binutils) is not installed" >&2; exit 2; }
RE='^(sdi8k_sim_|sdi8k_pattern_|pat_|sim_|__param_(str_|arr_)?sim_)'
rc=0
for ko in "$@"; do
	tmp=""
	case $ko in
	*.xz) tmp=$(mktemp) && xz -dc "$ko" >"$tmp" ;;
	*.zst) tmp=$(mktemp) && zstd -qdc "$ko" >"$tmp" ;;
	*.gz) tmp=$(mktemp) && gzip -dc "$ko" >"$tmp" ;;
	esac
	if ! syms=$(nm --defined-only "${tmp:-$ko}" 2>&1); then
		echo "$ko: nm failed: $syms" >&2
		rc=2
	else
		bad=$(awk '{ print $NF }' <<<"$syms" | grep -E "$RE" | LC_ALL=C sort -u)
		if [ -n "$bad" ]; then
			echo "$ko defines simulator symbols: $(tr '\n' ' ' <<<"$bad")"
			[ "$rc" = 2 ] || rc=1
		fi
	fi
	[ -z "$tmp" ] || rm -f "$tmp"
done
exit $rc
