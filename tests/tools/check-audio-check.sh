#!/bin/bash
# check-audio-check.sh: sdi8k-audio-check --gaps, the judge of the VM
# bench's recordings through GStreamer when the model slipped, against
# recordings with known answers (audio-check-cases.c): silence between
# the samples anywhere (at a zero of the tone, just before or after a
# marker) passes; a sample lost anywhere, beside a gap too, fails.
# One "PASS|FAIL host audio-check-NAME" line per recording.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
make -s -C "$here" || {
	echo "FAIL host audio-check-build: make -C tests/tools failed"; exit 1; }
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
"$here/audio-check-cases" "$d" || { echo "FAIL host audio-check-cases: could not write them"; exit 1; }
rc=0
for f in "$d"/*.raw; do
	b=$(basename "$f" .raw)
	want=${b##*-}
	rest=${b%-*}
	spacing=${rest##*-}
	name=${rest%-*}
	out=$("$here/sdi8k-audio-check" --gaps --raw 16 --spacing "$spacing" "$f" 2>&1)
	got=$([ $? = 0 ] && echo ok || echo fail)
	if [ "$got" = "$want" ]; then
		echo "PASS host audio-check-$name (wants $want)"
	else
		echo "FAIL host audio-check-$name: wants $want, the check said: $out"
		rc=1
	fi
done
exit $rc
