#!/bin/bash
# hostroot.sh [RELEASE...]   (default: bookworm trixie)
#
# The README's host side as a new user meets it on a fresh machine of each
# Debian release: a throwaway minimal root (debootstrap --variant=minbase,
# nothing else), the repository cloned into /root/project (mode 0700, as
# in root's home), `make deps` (scripts/install-deps.sh: only what the
# project's own package lists name) and then, inside the root via chroot:
#   quick (default): make all (module, library, tools, firmware), the unit
#                    tests, tests/install/run.sh and scripts/dkms-test.sh;
#   full:            SDI8K_SKIP_VM=1 make check (every host stage);
#   complete:        what the README tells a new user to run, all of it:
#                    make demo, then make check with the VM bench (the
#                    guest roots debootstrapped afresh inside the root,
#                    the kernels and QEMU its `make deps` installed);
# (SDI8K_HOSTROOT_LEVEL picks). Before `make deps`, every package the lists
# name is checked to exist in the release (apt-get install --simulate of
# them all: each name the release lacks in one line).
# A package the build uses but no list names, a compiler warning the
# release's compiler adds, a test that needs more than a fresh machine has:
# each fails here before a user meets it.
#
# What is cached, in $SDI8K_VM_CACHE/hostroots/ (default
# /var/cache/sdi8k-vm/hostroots): the pristine debootstrap output of each
# release (RELEASE-minbase.tar, made once), the .deb files apt downloads
# (archives/RELEASE) and apt's lists (lists/RELEASE). Every run unpacks the
# pristine base afresh into a work dir that is deleted at the end
# (SDI8K_HOSTROOT_KEEP=1 keeps it, for a look inside).
# The tested tree is the checkout's HEAD plus its uncommitted changes to
# tracked files (git stash create); untracked files are not in it.
# SDI8K_HOSTROOT_REV=<commit> tests that commit instead.
#
# Prints "PASS|FAIL hostroot-RELEASE <check>[: reason]" lines: its own
# (base, clone, packages-exist, deps, make, ...) and every PASS/FAIL line of
# the project's checks inside the root, relabelled from "host" to
# "hostroot-RELEASE". Logs: $SDI8K_TEST_LOGS/hostroot-RELEASE.log (default
# /tmp/sdi8k-test-logs). Exit status non-zero on any FAIL. Runs as root.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

top=$(cd "$VM_DIR/../.." && pwd)
releases=${*:-bookworm trixie}
level=${SDI8K_HOSTROOT_LEVEL:-quick}
case $level in quick|full|complete) ;; *) vm_die "SDI8K_HOSTROOT_LEVEL: quick, full or complete, not '$level'" ;; esac
logdir=${SDI8K_TEST_LOGS:-/tmp/sdi8k-test-logs}
hr=$VM_CACHE/hostroots
vm_need_root
command -v debootstrap >/dev/null || vm_die "debootstrap not found (apt-get install debootstrap)"
command -v git >/dev/null || vm_die "git not found"
git -C "$top" rev-parse --git-dir >/dev/null 2>&1 || vm_die "$top is not a git checkout"
mkdir -p "$hr" "$logdir"

# The tree under test: HEAD, with uncommitted changes to tracked files
# (or the commit SDI8K_HOSTROOT_REV names).
if [ -n "${SDI8K_HOSTROOT_REV:-}" ]; then
	commit=$(git -C "$top" rev-parse --verify "$SDI8K_HOSTROOT_REV^{commit}") ||
		vm_die "SDI8K_HOSTROOT_REV: no commit '$SDI8K_HOSTROOT_REV'"
else
	commit=$(git -C "$top" stash create 2>/dev/null) || commit=
	[ -n "$commit" ] || commit=$(git -C "$top" rev-parse HEAD)
fi

failed=0
rc_all=0
root=""
mounts=()

# cleanup: unmount what one() mounted, delete the work root.
cleanup() {
	local m
	for ((m = ${#mounts[@]} - 1; m >= 0; m--)); do
		umount -R -l "${mounts[m]}" 2>/dev/null || true
	done
	mounts=()
	if [ -n "$root" ] && [ "${SDI8K_HOSTROOT_KEEP:-0}" != 1 ]; then
		# the apt caches are bind mounts on the same file system: delete
		# only once nothing is mounted below the root any more
		if grep -q " $root/" /proc/mounts; then
			vm_log "not deleting $root: still mounted below it"
		else
			rm -rf --one-file-system "$root"
		fi
	fi
	root=""
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# base RELEASE: make the pristine base tarball once (locked per release).
base() {
	local rel=$1 tar=$hr/$1-minbase.tar tmp
	[ -s "$tar" ] && return 0
	tmp=$hr/$rel.debootstrap.tmp
	rm -rf --one-file-system "$tmp"
	vm_log "$rel: debootstrap --variant=minbase from $(vm_mirror) (once, cached in $tar)"
	debootstrap --variant=minbase "$rel" "$tmp" "$(vm_mirror)" >"$hr/$rel.debootstrap.log" 2>&1 || {
		tail -n 5 "$hr/$rel.debootstrap.log" >&2
		rm -rf --one-file-system "$tmp"
		return 1
	}
	tar -C "$tmp" -cf "$tar.tmp" . && mv "$tar.tmp" "$tar"
	local r=$?
	rm -rf --one-file-system "$tmp"
	return $r
}

# one RELEASE: the whole check of one release; prints the result lines.
one() {
	local rel=$1 t0=$SECONDS t
	local tag="hostroot-$rel" log=$logdir/hostroot-$rel.log
	: >"$log"
	pass() { echo "PASS $tag $1"; }
	fail() { local n=$1; shift; echo "FAIL $tag $n: $*"; failed=1; }
	last() { tail -n "${2:-3}" "$1" | tr '\n' '|'; }

	exec 9>"$hr/$rel.lock"
	flock 9
	t=$SECONDS
	if ! base "$rel"; then fail base "debootstrap $rel failed (log: $hr/$rel.debootstrap.log)"; return; fi
	root=$(mktemp -d "$hr/work.$rel.XXXXXX")
	tar -C "$root" -xf "$hr/$rel-minbase.tar" || { fail base "unpacking $hr/$rel-minbase.tar failed"; return; }

	# chroot plumbing, not the project's: kernel file systems, no daemons
	# started by package scripts, the guest-style kernel initramfs never
	# built (minutes of CPU for nothing the host checks use), apt's
	# downloads and lists kept between runs.
	mnt() { mount "$@" && mounts+=("${*: -1}"); }
	mnt -t proc proc "$root/proc" &&
	mnt -t sysfs sys "$root/sys" &&
	mnt --rbind /dev "$root/dev" && mount --make-rslave "$root/dev" &&
	mnt -t tmpfs -o mode=0755 run "$root/run" &&
	mkdir -p "$root/run/lock" && chmod 1777 "$root/run/lock" &&
	mkdir -p "$hr/archives/$rel/partial" "$hr/lists/$rel/partial" &&
	mnt --bind "$hr/archives/$rel" "$root/var/cache/apt/archives" &&
	mnt --bind "$hr/lists/$rel" "$root/var/lib/apt/lists" || { fail mounts "mounting in $root failed"; return; }
	# complete: the guests booted inside the root take the machine-wide
	# boot lock of tests/vm/boot.sh too (one TCG guest at a time on the
	# machine, whoever starts it)
	if [ "$level" = complete ]; then
		local lock=${SDI8K_VM_LOCK:-/tmp/sdi8k-vm-boot.lock}
		touch "$lock" "$root/tmp/sdi8k-vm-boot.lock" &&
			mnt --bind "$lock" "$root/tmp/sdi8k-vm-boot.lock" || { fail mounts "binding the boot lock $lock failed"; return; }
	fi
	printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
	chmod 755 "$root/usr/sbin/policy-rc.d"
	in_root() {
		chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
			HOME=/root TERM=dumb LANG=C.UTF-8 "$@"
	}
	in_root dpkg-divert --local --quiet --rename --add /usr/sbin/update-initramfs &&
		ln -sf /bin/true "$root/usr/sbin/update-initramfs"
	pass "base ($rel minbase in $((SECONDS - t)) s)"

	# The clone: git on the host (a fresh machine has no git), into root's
	# home as a user clones it.
	t=$SECONDS
	if git clone -q --no-checkout "$top" "$root/root/project" >>"$log" 2>&1 &&
		git -C "$root/root/project" checkout -q --detach "$commit" >>"$log" 2>&1; then
		chmod 700 "$root/root"
		pass "clone (${commit:0:12} into /root/project, /root mode $(stat -c %a "$root/root"))"
	else
		fail clone "git clone $top: $(last "$log")"
		return
	fi

	# Every name in every list exists in this release: the whole set at
	# once, simulated (nothing installed).
	t=$SECONDS
	local all
	all=$(cd "$root/root/project" && cat scripts/packages.txt tests/vm/host-packages.txt \
		lib/build-packages.txt tests/tools/build-packages.txt 2>/dev/null |
		sed 's/#.*//' | tr -s ' \t' '\n' | sed '/^$/d' | sort -u)
	{ echo "== apt-get update"; in_root apt-get -q update; } >>"$log" 2>&1
	if in_root apt-get -q -s install --no-install-recommends $all >"$root/tmp/simulate.log" 2>&1; then
		pass "packages-exist ($(wc -w <<<"$all") names)"
	else
		fail packages-exist "$(grep -E '^E: ' "$root/tmp/simulate.log" | head -n 3 | tr '\n' '|')"
	fi
	cat "$root/tmp/simulate.log" >>"$log"

	# make deps, as the README says (scripts/install-deps.sh)
	t=$SECONDS
	echo "== make deps" >>"$log"
	if ! in_root apt-get -q -y install --no-install-recommends make >>"$log" 2>&1; then
		fail deps "apt-get install make: $(last "$log")"
		return
	fi
	if in_root sh -c 'cd /root/project && make deps' >>"$log" 2>&1; then
		pass "deps (make deps in $((SECONDS - t)) s)"
	else
		fail deps "make deps: $(last "$log")"
		return
	fi

	# The project's checks, relabelled; each step's exit status is a
	# result of its own.
	step() {	# step NAME CMD: run CMD in /root/project inside the root
		local name=$1 cmd=$2 ts=$SECONDS r why
		echo "== $name: $cmd" >>"$log"
		in_root bash -c "cd /root/project && $cmd" >"$root/tmp/step.log" 2>&1
		r=$?
		cat "$root/tmp/step.log" >>"$log"
		sed -n 's/^\(PASS\|FAIL\|SKIP\) host /\1 '"$tag"' /p' "$root/tmp/step.log"
		if [ "$r" = 0 ]; then pass "$name ($((SECONDS - ts)) s)"
		elif grep -q '^FAIL ' "$root/tmp/step.log"; then fail "$name" "exit status $r (the FAIL lines above)"
		else	# the first errors or failed tests, else the last lines
			why=$(grep -a -m 3 -E '(error|warning): |^\[FAIL\]' "$root/tmp/step.log" | tr '\n' '|')
			[ -n "$why" ] || why=$(tail -n 4 "$root/tmp/step.log" | tr '\n' '|')
			fail "$name" "exit status $r: $why"
		fi
	}
	if [ "$level" = complete ]; then
		step demo 'make demo && test -s out/capture.png'
		step make-check 'SDI8K_TEST_LOGS=/tmp/logs make check'
	elif [ "$level" = full ]; then
		step make-check 'SDI8K_SKIP_VM=1 SDI8K_TEST_LOGS=/tmp/logs make check'
	else
		step make 'make -j"$(nproc)" all'
		step unit 'make -s -j"$(nproc)" -C tests/unit check'
		step install 'tests/install/run.sh'
		step dkms 'scripts/dkms-test.sh'
	fi
	echo "=== $tag: $((SECONDS - t0)) s" | tee -a "$log"
}

for rel in $releases; do
	case $rel in
	bookworm|trixie|forky|sid) ;;
	*) vm_die "unknown release '$rel' (bookworm, trixie, forky, sid)" ;;
	esac
	failed=0
	one "$rel"
	cleanup
	exec 9>&-
	[ "$failed" = 0 ] || rc_all=1
done
exit $rc_all
