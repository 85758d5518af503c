#!/bin/sh
# run-bins.sh LABEL BIN...: run Criterion test binaries (tests/unit/Makefile
# `run`), each binary's output shown after it ends.
#
# Criterion exits 0 even when a test's process printed a LeakSanitizer,
# AddressSanitizer or UBSan report on its way out (the test had already
# passed), so each output is also searched for one. A binary whose own
# synthesis shows no failing or crashing test but that printed a sanitizer
# report, or exited non-zero, gets a line "FAIL host LABEL BIN: why"
# (counted by tests/run-all.sh). Every binary runs; the exit status is 1
# if any of them failed in any of these ways.
label=$1
shift
report='ERROR: LeakSanitizer|ERROR: AddressSanitizer|runtime error:'
fail=0
for t in "$@"; do
	echo "== $t"
	log=$t.log
	rc=0
	"$t" --jobs=2 >"$log" 2>&1 || rc=$?
	cat "$log"
	n=$(grep -cE "$report" "$log")
	[ "$n" = 0 ] && [ "$rc" = 0 ] && continue
	fail=1
	# a failing or crashing test is counted from the synthesis already
	grep -qE 'Failing: [1-9]|Crashing: [1-9]' "$log" && continue
	if [ "$n" != 0 ]; then
		echo "FAIL host $label $(basename "$t"): $n sanitizer report(s): $(grep -m1 -E "$report" "$log")"
	else
		echo "FAIL host $label $(basename "$t"): exit status $rc"
	fi
done
exit $fail
