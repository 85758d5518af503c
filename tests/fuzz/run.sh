#!/bin/bash
# Build the libFuzzer targets of tests/fuzz and run each for a bounded
# time, starting from the committed seed corpus (copied: the repository's
# corpus is never modified). Prints one line per target:
#   PASS host fuzz-<target>
#   FAIL host fuzz-<target>: <reason>
# preceded by a "# fuzz-<target>: N runs in S s ..." line of statistics.
#
#   tests/fuzz/run.sh [TARGET...]        default: every fuzz_*.c
#   SDI8K_FUZZ_SECONDS=N                 seconds per target (default 12)
#   SDI8K_FUZZ_JOBS=N                    targets run at once (default: CPUs)
#   SDI8K_FUZZ_OUT=DIR                   logs, corpora and crash files
#                                        (default: a new /tmp directory)
#   SDI8K_FUZZ_TIMEOUT=N                 seconds one input may take before
#                                        it counts as a hang (default 10;
#                                        tests/run-all.sh, which runs this
#                                        at idle priority beside the VM
#                                        guests, gives 120)
# Exit status 0 when every target passed.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
secs=${SDI8K_FUZZ_SECONDS:-12}
jobs=${SDI8K_FUZZ_JOBS:-$(nproc)}
hang=${SDI8K_FUZZ_TIMEOUT:-10}
out=${SDI8K_FUZZ_OUT:-}
[ -n "$out" ] || out=$(mktemp -d /tmp/sdi8k-fuzz.XXXXXX)
mkdir -p "$out"

targets=("$@")
if [ ${#targets[@]} = 0 ]; then
	for f in "$here"/fuzz_*.c; do
		t=${f##*/fuzz_}
		targets+=("${t%.c}")
	done
fi

clang=${CLANG:-clang}
if ! command -v "$clang" >/dev/null; then
	for t in "${targets[@]}"; do
		echo "FAIL host fuzz-$t: $clang not found (install the packages of lib/build-packages.txt)"
	done
	exit 1
fi
if ! make -s -j"$jobs" -C "$here" CLANG="$clang" "${targets[@]/#/build/fuzz_}" >"$out/build.log" 2>&1; then
	reason="build failed, see $out/build.log"
	if grep -q "libclang_rt.fuzzer\|cannot find.*fuzzer" "$out/build.log"; then
		reason="libFuzzer runtime missing (Debian: libclang-rt-dev)"
	fi
	for t in "${targets[@]}"; do
		echo "FAIL host fuzz-$t: $reason"
	done
	exit 1
fi

# fuzz_one TARGET: run one target; its result lines go to $out/TARGET.result
fuzz_one() {
	local t=$1 bin=$here/build/fuzz_$1 corpus=$out/corpus-$1 log=$out/$1.log
	local nseeds start rc took runs crash what
	rm -rf "$corpus"
	mkdir -p "$corpus"
	[ -d "$here/corpus/$t" ] && cp "$here/corpus/$t"/* "$corpus"/ 2>/dev/null
	nseeds=$(find "$corpus" -type f | wc -l)
	start=$(date +%s)
	"$bin" -max_total_time="$secs" -timeout="$hang" -rss_limit_mb=2048 \
		-max_len=4096 -print_final_stats=1 -artifact_prefix="$out/$t-" \
		"$corpus" >"$log" 2>&1
	rc=$?
	took=$(($(date +%s) - start))
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	echo "# fuzz-$t: ${runs:-?} runs in ${took} s, corpus $nseeds -> $(find "$corpus" -type f | wc -l) inputs (log $log)"
	crash=$(ls "$out/$t"-* 2>/dev/null | head -1)
	if [ "$rc" = 0 ] && [ -z "$crash" ]; then
		echo "PASS host fuzz-$t"
	else
		what=$(grep -m1 -E '^SUMMARY:|ERROR: libFuzzer|ERROR: AddressSanitizer|runtime error' "$log" | sed 's/^==[0-9]*==//')
		echo "FAIL host fuzz-$t: ${what:-exit status $rc}${crash:+ (input: $crash)}"
	fi
}

# The targets run side by side, one per CPU (each fuzzer is one process).
for t in "${targets[@]}"; do
	while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
		wait -n
	done
	fuzz_one "$t" >"$out/$t.result" &
done
wait
rc_all=0
for t in "${targets[@]}"; do
	cat "$out/$t.result"
	grep -q "^PASS host fuzz-$t\$" "$out/$t.result" || rc_all=1
done
exit $rc_all
