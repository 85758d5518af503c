#!/bin/bash
# v4l2-compliance -s on every node. 6.1 with v4l-utils 1.22 may only fail
# "fmtdesc.description mismatch" (formats the kernel renamed after 1.22).
. "$(dirname "$0")/lib/common.sh"
load_sdi8k || { fail compliance "module not loaded"; exit 0; }

for i in 0 1 2 3; do
	dev=$(node sdi8k-0 $i)
	log=$SCRATCH/compliance-$i.txt
	v4l2-compliance -d "$dev" -s 10 > "$log" 2>&1
	cp "$log" "$JOB/" 2>/dev/null
	total=$(grep -E '^Total for ' "$log" | tail -n 1)
	failed=$(sed -n 's/.*Failed: \([0-9]*\).*/\1/p' <<<"$total")
	warns=$(sed -n 's/.*Warnings: \([0-9]*\).*/\1/p' <<<"$total")
	if [ -z "$total" ]; then
		fail "compliance-input$i" "no totals line: $(tail -n 3 "$log" | tr '\n' '|')"
		continue
	fi
	bad=$(grep -E 'fail:' "$log" | grep -v 'fmtdesc.description mismatch' | head -n 3 | tr '\n' '|')
	if [ "$LEG" = bookworm ]; then
		# tool skew on 1.22: description mismatches only
		if [ -z "$bad" ] && [ "${warns:-1}" = 0 ]; then
			pass "compliance-input$i ($total)"
		else
			fail "compliance-input$i" "$total $bad $(grep -m3 'warn:' "$log" | tr '\n' '|')"
		fi
	elif [ "${failed:-1}" = 0 ] && [ "${warns:-1}" = 0 ]; then
		pass "compliance-input$i ($total)"
	else
		fail "compliance-input$i" "$total $bad $(grep -m3 'warn:' "$log" | tr '\n' '|')"
	fi
done
