#!/bin/bash
# make install / make uninstall into staging roots (no root needed there,
# nothing touched outside them), once with PREFIX=/usr, once with
# PREFIX=/usr/local: the exact file list, modes, soname links, sdi8k.pc, a
# program built with pkg-config against the staged library and run with it,
# the static library, then uninstall leaving the stage empty. As root, the
# install is also made once as user nobody (from a copy of the tree, which
# nobody may not be able to reach where it is checked out).
# Before that: every tool has its man page; and the modules are built in
# kernel/ (when kernel headers are installed; sdi8k.ko must define no
# simulator symbol: scripts/check-no-sim.sh), so that checkpatch's file
# list and the staged DKMS tree are checked against what git tracks with
# the build products lying beside the sources.
# Prints "PASS|FAIL host install-<check>[: reason]"; exits 1 on any FAIL.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
export LC_ALL=C
work=$(mktemp -d /tmp/sdi8k-install-test.XXXXXX)
trap 'rm -rf "$work"' EXIT
failed=0
pass() { echo "PASS host install-$1"; }
fail() { local n=$1; shift; echo "FAIL host install-$n: $*"; failed=1; }
oneline() { tail -n "${2:-3}" "$1" | tr '\n' '|'; }

# Versions, each from its own source.
lib_version=$(sed -n 's/^VERSION *:\{0,1\}= *//p' lib/Makefile)
lib_major=$(sed -n 's/^VERSION_MAJOR *:\{0,1\}= *//p' lib/Makefile)
api_version=$(sed -n 's/^#define SDI8K_VERSION_\(MAJOR\|MINOR\|PATCH\) *\([0-9]*\).*/\2/p' \
	include/sdi8k/version.h | paste -sd.)
dkms_version=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)
if [ -n "$lib_version" ] && [ "$lib_version" = "$api_version" ]; then pass versions-agree
else fail versions-agree "lib/Makefile VERSION '$lib_version', include/sdi8k/version.h '$api_version'"; fi

# The kernel sources: what git tracks (without git, the Kbuild/*.c/*.h
# under kernel/ that are not Kbuild's *.mod.c), never scripts/kernel-sources.sh,
# the list under test.
kernel_sources() {
	if git -C "$top" rev-parse --git-dir >/dev/null 2>&1; then
		git -C "$top" ls-files kernel
	else
		find kernel -type f \( -name '*.[ch]' ! -name '*.mod.c' -o -name Kbuild -o -name Makefile \)
	fi | sort
}

# Every tool (utils/sdi8k-NAME.c, card/sdi8k-card.c, and every built
# utils/sdi8k-NAME) has its page man/sdi8k-NAME.1: titled NAME, named in its
# NAME section, and groff-clean; and every page is of a tool.
tools=$( (for f in utils/sdi8k-*.c card/sdi8k-*.c; do if [ -f "$f" ]; then basename "$f" .c; fi; done
	for f in utils/sdi8k-*; do case $f in *.so) continue ;; esac  # sdi8k-capture's module
		if [ -f "$f" ] && [ -x "$f" ]; then basename "$f"; fi; done) | sort -u)
if [ -z "$tools" ]; then
	fail man-pages "no tools in utils/"
else
	out=""
	for t in $tools; do
		m=man/$t.1
		if [ ! -f "$m" ]; then out="$out $t: no $m;"; continue; fi
		th=$(sed -n 's/^\.TH *\([^ ]*\).*/\1/p' "$m" | head -n 1) || true
		[ "${th,,}" = "$t" ] || out="$out $m: .TH '$th';"
		sed -n '/^\.SH NAME/{n;p;}' "$m" | grep -q "^$t \\\\-" || out="$out $m: NAME section does not name $t;"
		w=$(groff -man -Tutf8 -ww -z "$m" 2>&1 | head -n 2 | tr '\n' ' ') || true
		[ -z "$w" ] || out="$out $m: groff: $w;"
	done
	for m in man/*.[1-8]; do
		[ -f "$m" ] || continue
		t=$(basename "$m"); t=${t%.*}
		grep -qx "$t" <<<"$tools" || out="$out $m: no tool utils/$t;"
	done
	[ -z "$out" ] && pass "man-pages ($(echo $tools))" || fail man-pages "$out"
fi

# The modules built in kernel/ (sdi8k.ko without any simulator symbol,
# sdi8k-sim.ko), then the files checkpatch checks: the tracked *.c and *.h,
# not the *.mod.c, *.o, ... beside them.
if [ -n "$(ls /lib/modules/*/build/Makefile 2>/dev/null)" ]; then
	if ! make -s module >"$work/module.log" 2>&1 || [ ! -f kernel/sdi8k.mod.c ] ||
		[ ! -f kernel/sdi8k-sim.mod.c ]; then
		fail build-module "make module: $(oneline "$work/module.log")"
	else
		pass build-module
		if out=$(scripts/check-no-sim.sh kernel/sdi8k.ko 2>&1); then
			pass module-no-sim
		else
			fail module-no-sim "$out"
		fi
	fi
fi
out=$(diff <(scripts/checkpatch.sh --list | sort) <(kernel_sources | grep '\.[ch]$') |
	grep '^[<>]' | tr '\n' ' ') || true
nmod=$(find kernel -name '*.mod.c' | wc -l)
[ -z "$out" ] && pass "checkpatch-files ($nmod *.mod.c in kernel/)" ||
	fail checkpatch-files "scripts/checkpatch.sh --list against the tracked sources: $out"

# expected PREFIX: the files and links install must make, relative to the
# stage, derived from the repo: every public header, tool, man page, rules
# file and kernel source, and the firmware image.
expected() {
	local p=${1#/} rules=usr/lib/udev/rules.d f
	[ "$1" = /usr ] || rules=etc/udev/rules.d
	for f in libsdi8k.so."$lib_version" libsdi8k.so."$lib_major" libsdi8k.so libsdi8k.a \
		pkgconfig/sdi8k.pc; do echo "$p/lib/$f"; done
	for f in include/sdi8k/*.h; do echo "$p/include/sdi8k/${f##*/}"; done
	for f in utils/sdi8k-*; do
		case $f in *.so) continue ;; esac
		if [ -f "$f" ] && [ -x "$f" ]; then echo "$p/bin/${f##*/}"; fi
	done
	# sdi8k-capture's MKV/MOV writer, where the tool looks from bin/
	[ ! -f utils/sdi8k-capture-av.so ] || echo "$p/libexec/sdi8k/sdi8k-capture-av.so"
	for f in man/*.[1-8]; do
		if [ -f "$f" ]; then echo "$p/share/man/man${f##*.}/${f##*/}"; fi
	done
	for f in udev/*.rules; do echo "$rules/${f##*/}"; done
	echo lib/firmware/sdi8k/sdi8k.bin  # FIRMWAREDIR: /lib/firmware, not under PREFIX
	# GStreamer's plugin directory, not under PREFIX either
	f=$(pkg-config --variable=pluginsdir gstreamer-1.0)
	echo "${f#/}/libgstsdi8k.so"
	echo "usr/src/sdi8k-$dkms_version/dkms.conf"
	kernel_sources | sed "s|^|usr/src/sdi8k-$dkms_version/|"
}

# The program: library version, and a real conversion (UYVY -> YUYV).
cat >"$work/prog.c" <<'EOF'
#include <stdio.h>
#include <string.h>
#include <sdi8k/version.h>
#include <sdi8k/convert.h>

int main(void)
{
	static unsigned char in[48 * 2 * 2], out[48 * 2 * 2];
	struct sdi8k_frame src, dst;
	struct sdi8k_convert_opts o = { .threads = 1 };
	unsigned v = sdi8k_version();
	size_t i;

	for (i = 0; i < sizeof(in); i++)
		in[i] = (unsigned char)(16 + i % 200);
	if (sdi8k_frame_init(&src, SDI8K_FMT_UYVY, 48, 2, in, sizeof(in), 0) < 0 ||
	    sdi8k_frame_init(&dst, SDI8K_FMT_YUYV, 48, 2, out, sizeof(out), 0) < 0 ||
	    sdi8k_convert(&src, &dst, &o) < 0) {
		fprintf(stderr, "convert: %s\n", sdi8k_last_error());
		return 1;
	}
	for (i = 0; i < sizeof(in); i += 2)	/* U Y V Y -> Y U Y V */
		if (out[i] != in[i + 1] || out[i + 1] != in[i]) {
			fprintf(stderr, "wrong sample at byte %zu\n", i);
			return 1;
		}
	if (v != SDI8K_VERSION || strcmp(sdi8k_version_string(), SDI8K_VERSION_STRING)) {
		fprintf(stderr, "library %s, headers %s\n", sdi8k_version_string(),
			SDI8K_VERSION_STRING);
		return 1;
	}
	printf("%u.%u.%u\n", v >> 16, (v >> 8) & 0xff, v & 0xff);
	return 0;
}
EOF

sys_pc=$(pkg-config --variable pc_path pkg-config)
# one PREFIX: install, check, uninstall.
one() {
	local prefix=$1 t=$2 stage libdir have want pc flags out soname deps
	stage=$(mktemp -d "$work/stage.XXXXXX")
	libdir=$stage$prefix/lib
	if ! make -s install DESTDIR="$stage" PREFIX="$prefix" >"$work/install$t.log" 2>&1; then
		fail "make$t" "make install DESTDIR=$stage PREFIX=$prefix failed: $(oneline "$work/install$t.log")"
		return
	fi
	pass "make$t"
	# the firmware installed is the image the tree builds
	if cmp -s "$stage/lib/firmware/sdi8k/sdi8k.bin" firmware/build/sdi8k/sdi8k.bin; then pass "firmware$t"
	else fail "firmware$t" "$stage/lib/firmware/sdi8k/sdi8k.bin missing or not firmware/build/sdi8k/sdi8k.bin"; fi

	have=$(cd "$stage" && find . \( -type f -o -type l \) -printf '%P\n' | sort)
	want=$(expected "$prefix" | sort)
	if [ "$have" = "$want" ]; then pass "files$t"
	else fail "files$t" "extra: $(comm -23 <(echo "$have") <(echo "$want") | tr '\n' ' ')" \
		"missing: $(comm -13 <(echo "$have") <(echo "$want") | tr '\n' ' ')"; fi
	# every tracked kernel file is in the DKMS tree (a new kind of source?)
	if git -C "$top" rev-parse --git-dir >/dev/null 2>&1; then
		out=$(git -C "$top" ls-files kernel | while read -r f; do
			[ -f "$stage/usr/src/sdi8k-$dkms_version/$f" ] || echo "$f"; done | tr '\n' ' ')
		[ -z "$out" ] && pass "dkms-tree$t" || fail "dkms-tree$t" "tracked but not installed: $out"
	fi

	out=$(cd "$stage" && find . -type f ! -perm 644 ! -path "./${prefix#/}/bin/*" \
		! -name "libsdi8k.so.$lib_version" -printf '%P %m\n'; find . -type f \
		\( -name "libsdi8k.so.$lib_version" -o -path "./${prefix#/}/bin/*" \) ! -perm 755 -printf '%P %m\n')
	[ -z "$out" ] && pass "modes$t" || fail "modes$t" "$(echo "$out" | tr '\n' ' ')"

	out=""
	[ "$(readlink "$libdir/libsdi8k.so.$lib_major")" = "libsdi8k.so.$lib_version" ] ||
		out="libsdi8k.so.$lib_major -> '$(readlink "$libdir/libsdi8k.so.$lib_major")';"
	[ "$(readlink "$libdir/libsdi8k.so")" = "libsdi8k.so.$lib_major" ] ||
		out="$out libsdi8k.so -> '$(readlink "$libdir/libsdi8k.so")';"
	soname=$(objdump -p "$libdir/libsdi8k.so.$lib_version" | awk '$1 == "SONAME" { print $2 }')
	[ "$soname" = "libsdi8k.so.$lib_major" ] || out="$out SONAME '$soname';"
	[ -z "$out" ] && pass "soname-links$t" || fail "soname-links$t" "$out"

	pc=$libdir/pkgconfig/sdi8k.pc
	# the stage's sdi8k.pc first; the system's for its Requires.private
	export PKG_CONFIG_PATH=$libdir/pkgconfig PKG_CONFIG_LIBDIR=$libdir/pkgconfig:$sys_pc \
		PKG_CONFIG_SYSROOT_DIR=$stage
	out=$(pkg-config --modversion sdi8k 2>&1) || true
	if [ "$out" = "$api_version" ] && grep -qx "prefix=$prefix" "$pc" &&
		grep -qx 'libdir=${prefix}/lib' "$pc" && grep -qx 'includedir=${prefix}/include' "$pc" &&
		grep -qx 'Libs: -L${libdir} -lsdi8k' "$pc" && grep -q '^Libs.private:.*-lpthread' "$pc"; then
		pass "pkgconfig$t"
	else
		fail "pkgconfig$t" "modversion '$out' (want $api_version); sdi8k.pc: $(tr '\n' '|' <"$pc")"
	fi

	flags=$(pkg-config --cflags --libs sdi8k)
	if ! cc -Wall -Werror -o "$work/prog$t" "$work/prog.c" $flags >"$work/cc$t.log" 2>&1; then
		fail "build-program$t" "cc prog.c $flags: $(oneline "$work/cc$t.log")"
	else
		pass "build-program$t"
		deps=$(LD_LIBRARY_PATH=$libdir ldd "$work/prog$t" 2>&1) || true
		if out=$(LD_LIBRARY_PATH=$libdir "$work/prog$t" 2>&1) && [ "$out" = "$api_version" ] &&
			grep -q "=> $libdir/libsdi8k.so.$lib_major " <<<"$deps"; then
			pass "run-program$t"
		else
			fail "run-program$t" "output '$out' (want $api_version); ldd: $(grep sdi8k <<<"$deps")"
		fi
	fi
	flags="$(pkg-config --cflags sdi8k) $libdir/libsdi8k.a $(pkg-config --static --libs-only-l sdi8k)"
	if cc -o "$work/prog-static$t" "$work/prog.c" ${flags/-lsdi8k/} >"$work/cc-static$t.log" 2>&1 && out=$(env -u LD_LIBRARY_PATH "$work/prog-static$t" 2>&1) &&
		[ "$out" = "$api_version" ] && ! grep -q sdi8k <<<"$(ldd "$work/prog-static$t" 2>&1)"; then
		pass "static-library$t"
	else
		fail "static-library$t" "$(oneline "$work/cc-static$t.log") $out"
	fi
	unset PKG_CONFIG_PATH PKG_CONFIG_LIBDIR PKG_CONFIG_SYSROOT_DIR

	if ! make -s uninstall DESTDIR="$stage" PREFIX="$prefix" >"$work/uninstall$t.log" 2>&1; then
		fail "uninstall$t" "make uninstall failed: $(oneline "$work/uninstall$t.log")"
	else
		out=$(cd "$stage" && find . -mindepth 1 -printf '%P ')
		[ -z "$out" ] && pass "uninstall$t" || fail "uninstall$t" "left in the stage: $out"
	fi
}

one /usr -usr
one /usr/local -usr-local

# Without root: a plain user installs into a stage of its own, from a
# built tree it can read but not write. The checkout itself may be out of
# the user's reach (a clone in root's home, mode 0700), so the user gets a
# copy of it (without .git) in the work dir, build products and time stamps
# kept: make finds it up to date.
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	stage=$work/stage-nobody
	tree=$work/tree
	mkdir -p "$stage" "$tree"
	chown nobody "$stage"
	chmod 755 "$work" "$tree"
	make -s lib firmware >/dev/null 2>&1 || true  # up to date: the user cannot write the tree
	tar -C "$top" --exclude=./.git -cf - . | tar -C "$tree" -xpf -
	if setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups env HOME=/ \
		make -s -C "$tree" install DESTDIR="$stage" PREFIX=/usr >"$work/nobody.log" 2>&1; then
		have=$(cd "$stage" && find . \( -type f -o -type l \) -user nobody -printf '%P\n' | sort)
		if [ "$have" = "$(expected /usr | sort)" ]; then pass as-user
		else fail as-user "the files made as nobody differ from the expected list"; fi
	else
		fail as-user "make install as nobody: $(oneline "$work/nobody.log")"
	fi
fi

exit "$failed"
