#!/bin/bash
# Tests of firmware/sdi8k-fwtool, the firmware image builder and checker,
# built twice: plain and under ASan+UBSan (every check runs with both).
# Checks: the build is deterministic; the CRC-32 trailer is zlib's (checked
# with gzip, an independent implementation); verify accepts the good images
# and refuses every damaged one with the right message; every one-byte
# corruption and every truncation is caught; bad sources and unwritable
# outputs fail cleanly, leaving no file behind.
# Prints "PASS|FAIL host firmware-<check>[: reason]"; exits 1 on any FAIL.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
export LC_ALL=C
work=$(mktemp -d /tmp/sdi8k-fw-test.XXXXXX)
trap 'rm -rf "$work"' EXIT
failed=0
pass() { echo "PASS host firmware-$1"; }
fail() { local n=$1; shift; echo "FAIL host firmware-$n: $*"; failed=1; }

cc=${CC:-cc}
# the tool with the driver's image check (kernel/sdi8k-fw-image.c, kshim/)
flags="-std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -g -Ikshim -Ikernel"
srcs="firmware/sdi8k-fwtool.c kernel/sdi8k-fw-image.c"
if ! $cc $flags -O2 -o "$work/fwtool" $srcs 2>"$work/cc.log"; then
	fail compile "$(tail -n 3 "$work/cc.log" | tr '\n' '|')"; exit 1
fi
if ! $cc $flags -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=all -o "$work/fwtool-san" $srcs 2>"$work/cc.log"; then
	fail compile-asan "$(tail -n 3 "$work/cc.log" | tr '\n' '|')"; exit 1
fi
pass compile

# zlib's CRC-32 of a file, from gzip's trailer (independent of the tool)
gzip_crc() { gzip -c "$1" | tail -c 8 | head -c 4 | od -An -tx4 | tr -d ' \n'; }

run_suite() {  # run_suite TOOL SUFFIX
	local t=$1 s=$2 d=$work/$2 img want msg kind out
	mkdir -p "$d"
	export ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1
	# build, twice, byte for byte the same
	if $t build firmware/sdi8k.ini -o "$d/a.bin" && $t build firmware/sdi8k.ini -o "$d/b.bin" &&
		cmp -s "$d/a.bin" "$d/b.bin"; then pass "deterministic$s"
	else fail "deterministic$s" "two builds differ or failed"; fi
	img=$d/a.bin
	# the image is what the sources say
	out=$($t info "$img" 2>&1)
	if grep -q '^version *1.2 build 1042$' <<<"$out" && grep -q '^inputs *4$' <<<"$out" &&
		grep -q '^max link rate *12G$' <<<"$out" && grep -q 'runs on *8d18:0001 revision 1-3' <<<"$out" &&
		grep -q '^crc32 .*(ok)$' <<<"$out"; then pass "info$s"
	else fail "info$s" "$(tr '\n' '|' <<<"$out")"; fi
	# trailer = zlib CRC-32 of everything before it
	head -c -4 "$img" >"$d/body"
	want=$(gzip_crc "$d/body")
	got=$(tail -c 4 "$img" | od -An -tx4 | tr -d ' \n')
	if [ -n "$want" ] && [ "$want" = "$got" ] && [ "$(gzip_crc "$img")" = 2144df1c ]; then
		pass "crc-is-zlib$s (0x$got)"
	else fail "crc-is-zlib$s" "trailer $got, gzip says $want"; fi
	printf 123456789 >"$d/check"
	[ "$($t crc "$d/check")" = cbf43926 ] && pass "crc-check-value$s" ||
		fail "crc-check-value$s" "CRC-32 of 123456789 is not cbf43926"
	# verify: good images pass, for the standard board
	if $t verify --card 8d18:0001:1 "$img" >/dev/null &&
		$t build firmware/test/two-inputs.ini -o "$d/two.bin" &&
		$t verify --card 8d18:0001:3 "$d/two.bin" >/dev/null; then pass "verify-good$s"
	else fail "verify-good$s" "a good image was refused"; fi
	# every damaged copy is refused, with its own message
	while IFS='|' read -r kind msg; do
		if ! $t mutate "$kind" "$img" -o "$d/$kind.bin" 2>"$d/err"; then
			fail "mutate-$kind$s" "$(cat "$d/err")"; continue
		fi
		if $t verify --card 8d18:0001:1 "$d/$kind.bin" >/dev/null 2>"$d/err"; then
			fail "verify-refuses-$kind$s" "accepted"
		elif ! grep -q -- "$msg" "$d/err"; then
			fail "verify-refuses-$kind$s" "message '$(cat "$d/err")' lacks '$msg'"
		else pass "verify-refuses-$kind$s"; fi
	done <<'KINDS'
truncate|truncated: 65594 bytes, the header says 131188
trailing|but the header says 131188 (trailing data)
bad-magic|bad magic 0x00905a4d
bad-crc|CRC mismatch: the image says
bad-format|unsupported image format version 2
bad-header-size|bad header size 60
bad-caps-offset|capability table (offset 4294967280, 32 bytes)
bad-compat-count|compatibility list (offset 96, 536870912 entries)
bad-payload-offset|payload (offset 131188, 131072 bytes)
bad-caps|capability table out of range (inputs 9
bad-hardware|incompatible hardware: built for 8d18:0001 revision 99-99, this card is 8d18:0001 revision 1
too-old|firmware 0.9 is too old
needs-driver|needs driver interface 2, this driver has 1
KINDS
	# the board revision counts
	$t verify --card 8d18:0001:4 "$img" >/dev/null 2>&1 &&
		fail "verify-refuses-other-board$s" "revision 4 accepted" || pass "verify-refuses-other-board$s"
	# any byte changed anywhere is caught (CRC over all of it)
	local size n=0 bad=0 off
	size=$(stat -c %s "$img")
	for off in 0 1 4 6 8 12 20 40 63 64 65 70 96 100 111 112 113 $(seq 200 4099 "$size") $((size - 5)) $((size - 4)) $((size - 1)); do
		cp "$img" "$d/flip.bin"
		printf '\xa5' | dd of="$d/flip.bin" bs=1 seek="$off" conv=notrunc status=none
		cmp -s "$img" "$d/flip.bin" && printf '\x5a' | dd of="$d/flip.bin" bs=1 seek="$off" conv=notrunc status=none
		n=$((n + 1))
		$t verify "$d/flip.bin" >/dev/null 2>&1 && { bad=$((bad + 1)); echo "byte $off accepted" >&2; }
	done
	[ "$bad" = 0 ] && pass "verify-catches-every-flip$s ($n offsets)" || fail "verify-catches-every-flip$s" "$bad of $n accepted"
	# any truncation is caught (0 bytes up to one byte short)
	n=0 bad=0
	for len in 0 1 3 4 63 64 65 100 112 1024 4096 65536 $((size - 5)) $((size - 4)) $((size - 1)); do
		head -c "$len" "$img" >"$d/cut.bin"
		n=$((n + 1))
		if $t verify "$d/cut.bin" >/dev/null 2>"$d/err" || ! grep -q truncated "$d/err"; then
			bad=$((bad + 1)); echo "cut at $len: $(cat "$d/err")" >&2
		fi
	done
	[ "$bad" = 0 ] && pass "verify-catches-every-truncation$s ($n lengths)" || fail "verify-catches-every-truncation$s" "$bad of $n not reported as truncated"
	# bad sources: a message naming file:line, no image left behind
	local src
	while IFS='|' read -r kind msg; do
		src=$d/src-$kind.ini
		case $kind in
		unknown-key) sed 's/^inputs = 4/inputz = 4/' firmware/sdi8k.ini ;;
		missing-key) grep -v '^build' firmware/sdi8k.ini ;;
		bad-version) sed 's/^version = 1.2/version = 1.x/' firmware/sdi8k.ini ;;
		bad-board) sed 's/^board = .*/board = 8d18 1-3/' firmware/sdi8k.ini ;;
		bad-rate) sed 's/^max_link_rate = .*/max_link_rate = 24G/' firmware/sdi8k.ini ;;
		too-many-inputs) sed 's/^inputs = 4/inputs = 5/' firmware/sdi8k.ini ;;
		esac >"$src"
		rm -f "$d/out.bin"
		if $t build "$src" -o "$d/out.bin" 2>"$d/err"; then
			fail "source-$kind$s" "built"
		elif ! grep -q -- "$msg" "$d/err" || ls "$d"/out.bin* >/dev/null 2>&1; then
			fail "source-$kind$s" "message '$(cat "$d/err")' lacks '$msg', or a file was left"
		else pass "source-$kind$s"; fi
	done <<'KINDS'
unknown-key|src-unknown-key.ini:[0-9][0-9]*: unknown key 'inputz' in section \[caps\]
missing-key|src-missing-key.ini: missing image.build
bad-version|image.version must be MAJOR.MINOR
bad-board|compat.board must be DEVICE:SUBDEVICE MINREV-MAXREV
bad-rate|caps.max_link_rate must be 1.5G, 3G, 6G or 12G, not '24G'
too-many-inputs|caps.inputs must be 1 to 4
KINDS
	# unwritable output and missing input: clear errors, nothing left
	if $t build firmware/sdi8k.ini -o "$d/no/such/dir/x.bin" 2>"$d/err"; then
		fail "unwritable-output$s" "succeeded"
	else grep -q 'x.bin: cannot create' "$d/err" && pass "unwritable-output$s" ||
		fail "unwritable-output$s" "$(cat "$d/err")"; fi
	if $t verify "$d/missing.bin" 2>"$d/err"; then fail "missing-input$s" "succeeded"
	else grep -q 'missing.bin: cannot open: No such file' "$d/err" && pass "missing-input$s" ||
		fail "missing-input$s" "$(cat "$d/err")"; fi
	$t frobnicate >/dev/null 2>&1; [ $? = 2 ] && pass "usage-error$s" || fail "usage-error$s" "exit status not 2"
}

run_suite "$work/fwtool" ""
run_suite "$work/fwtool-san" "-asan"
# make -C firmware (what `make` and the VM bench use) gives the same image
if ! make -s -C firmware >/dev/null 2>"$work/make.log"; then
	fail make "$(tail -n 3 "$work/make.log" | tr '\n' '|')"
elif cmp -s firmware/build/sdi8k/sdi8k.bin "$work/a.bin"; then pass make-same-image
else fail make-same-image "firmware/build/sdi8k/sdi8k.bin differs from a fresh build"; fi
exit $failed
