#!/bin/bash
# mkroot.sh LEG
#
# Makes sure the guest root of LEG exists and is complete.
#   bookworm on a Debian 12 host: the guest root is this host's own /; check
#             that the host has the 6.1 kernel, its headers and the guest's
#             userspace tools.
#   every other leg (bookworm too on a host that is not Debian 12, see
#             vm_host_leg in lib.sh): debootstrap a root under
#             $SDI8K_VM_CACHE/roots/LEG (default
#             /var/cache/sdi8k-vm/roots/LEG) unless one is there whose stamp
#             (written last) holds the hash of the current package list.
#             A root another list built (another branch's) that holds
#             every package of this one is used as it is; one that lacks
#             some gets them installed. An interrupted build, a changed
#             suite, kernel or recipe rebuilds from scratch.
# The Debian mirror is read from this machine's apt configuration.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -eq 1 ] || vm_die "usage: $0 LEG   (LEG: $VM_LEGS_ALL)"
LEG="$1"
vm_check_leg "$LEG"

# What builds the guest's binaries in the leg's own root, as a user of that
# release builds them (build-user.sh): libsdi8k, utils/, tests/tools/ and
# the GStreamer plugin, against that release's glibc, FFmpeg and GStreamer.
USER_BUILD_PACKAGES="gcc libc6-dev pkg-config libudev-dev libv4l-dev libasound2-dev libpng-dev libavformat-dev
libavcodec-dev libavutil-dev libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev"
# Packages installed after the kernel headers (the compiler the kernel was
# built with is added to these). A root lacking some gets them installed.
PACKAGES="make kmod procps psmisc xz-utils zstd v4l-utils ffmpeg gstreamer1.0-tools gstreamer1.0-plugins-base
gstreamer1.0-plugins-good gstreamer1.0-plugins-bad sparse libudev1 libv4l-0 alsa-utils
gstreamer1.0-alsa $USER_BUILD_PACKAGES"
KERNEL_PACKAGES="linux-image-amd64 linux-headers-amd64"
# Packages of one leg only. sid: QEMU 11.1, whose vfio-user-pci client runs
# the PCI leg's guests (the card served by card/sdi8k-card) on every leg's
# kernel (boot.sh SDI8K_VM_PCI_SOCKET, run-pci.sh): Debian 12's QEMU has none.
case "$LEG" in
sid) LEG_PACKAGES="qemu-system-x86" ;;
*) LEG_PACKAGES="" ;;
esac
# Bump to force every root to rebuild when this recipe changes.
RECIPE=1

if vm_host_leg "$LEG"; then
	missing=""
	rel="$(vm_kernel_release bookworm)" || missing="$missing linux-image-6.1.0-*-amd64(/boot/vmlinuz-6.1.0-*-amd64)"
	# The compiler the kernel was built with (gcc-12 for Debian 12's 6.1,
	# Debian 12's default gcc).
	cc_pkg=""
	if [ -n "${rel:-}" ] && [ -f "/lib/modules/$rel/build/.config" ]; then
		cc_pkg="$(sed -n 's/^CONFIG_CC_VERSION_TEXT="\([^ ]*\) .*/\1/p' "/lib/modules/$rel/build/.config")"
		cc_pkg="${cc_pkg##*-linux-gnu-}"
	fi
	for p in $KERNEL_PACKAGES $cc_pkg $PACKAGES; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' \
			|| missing="$missing $p"
	done
	if [ -n "${rel:-}" ] && [ ! -f "/lib/modules/$rel/build/.config" ]; then
		missing="$missing linux-headers-$rel"
	fi
	if [ -n "$missing" ]; then
		vm_die "the bookworm leg boots this host's root, which lacks:$missing
  install with: apt-get install -y --no-install-recommends$missing"
	fi
	vm_log "bookworm: host root is ready (kernel $rel)"
	exit 0
fi

vm_need_root
ROOT="$(vm_root "$LEG")"
STAMP="$(vm_stamp "$LEG")"
WANT="$(printf '%s\n' "recipe=$RECIPE" "suite=$LEG" "kernel=$KERNEL_PACKAGES" "packages=$(echo $PACKAGES $LEG_PACKAGES)" \
	| sha256sum | cut -d' ' -f1)"

mkdir -p "$VM_CACHE/roots"
# One builder per root at a time; a second caller waits for the first.
exec 9>"$VM_CACHE/roots/$LEG.lock"
flock 9

if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT" ]; then
	vm_log "$LEG: root $ROOT is up to date"
	exit 0
fi

in_root() { chroot "$ROOT" env DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"; }
apt_in_root() { in_root apt-get -y -q -o Dpkg::Use-Pty=0 "$@"; }
umount_all() {
	local m
	for m in proc dev/pts sys; do
		if mountpoint -q "$ROOT/$m" 2>/dev/null; then umount -l "$ROOT/$m" || true; fi
	done
}
trap umount_all EXIT

T0=$SECONDS
# A complete root of another list (its stamp written last): keep it when
# it has, or can be given, every package of this list. Its stamp stays, so
# the list that built it finds it up to date too.
if [ -f "$STAMP" ] && vm_kernel_release "$LEG" >/dev/null; then
	missing=""
	# (a library renamed by the 64-bit time_t transition, libv4l-0 ->
	# libv4l-0t64, is installed by its old name through Provides)
	for p in $KERNEL_PACKAGES $PACKAGES $LEG_PACKAGES; do
		{ dpkg-query --admindir="$ROOT/var/lib/dpkg" -W -f='${Status}\n' "$p" "${p}t64" 2>/dev/null || true; } \
			| grep -q '^install ok installed$' || missing="$missing $p"
	done
	if [ -z "$missing" ]; then
		vm_log "$LEG: root $ROOT (another package list) has every package: up to date"
		exit 0
	fi
	LOG="$VM_CACHE/roots/$LEG.apt.log"
	vm_log "$LEG: root $ROOT lacks$missing: installing (log: $LOG)"
	mount -t proc proc "$ROOT/proc"
	if apt_in_root update >>"$LOG" 2>&1 && apt_in_root install $missing >>"$LOG" 2>&1; then
		apt_in_root clean >>"$LOG" 2>&1
		rm -rf "$ROOT"/var/lib/apt/lists/*_Packages "$ROOT"/var/lib/apt/lists/*_Sources 2>/dev/null || true
		umount_all
		vm_log "$LEG: root ready in $((SECONDS - T0)) s"
		exit 0
	fi
	tail -n 20 "$LOG" >&2
	vm_log "$LEG: installing into the root failed: building it afresh"
	umount_all
fi

MIRROR="$(vm_mirror)"
vm_log "$LEG: building root $ROOT from $MIRROR (takes minutes)"
T0=$SECONDS

umount_all
rm -rf --one-file-system "$ROOT"
mkdir -p "$ROOT"

# debootstrap checks the Release signature but not Valid-Until, so an
# expired sid snapshot is fine here; apt inside the root is told below.
debootstrap --variant=minbase "$LEG" "$ROOT" "$MIRROR" >"$VM_CACHE/roots/$LEG.debootstrap.log" 2>&1 || {
	tail -n 30 "$VM_CACHE/roots/$LEG.debootstrap.log" >&2
	vm_die "$LEG: debootstrap failed (log: $VM_CACHE/roots/$LEG.debootstrap.log)"
}
vm_log "$LEG: debootstrap done in $((SECONDS - T0)) s"

cat >"$ROOT/etc/apt/apt.conf.d/90sdi8k" <<'CONF'
// sdi8k VM test root: lean installs; snapshot mirrors have expired Release files.
APT::Install-Recommends "false";
APT::Install-Suggests "false";
Acquire::Check-Valid-Until "false";
Acquire::Languages "none";
CONF
cat >"$ROOT/etc/dpkg/dpkg.cfg.d/90sdi8k-nodoc" <<'CONF'
path-exclude=/usr/share/doc/*
path-include=/usr/share/doc/*/copyright
path-exclude=/usr/share/man/*
path-exclude=/usr/share/info/*
path-exclude=/usr/share/locale/*
CONF
# No daemons started by package scripts inside the chroot.
printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"
chmod 755 "$ROOT/usr/sbin/policy-rc.d"
mkdir -p "$ROOT/job" "$ROOT/build"

mount -t proc proc "$ROOT/proc"

# The guest boots its kernel directly with our own initramfs: never build one.
in_root dpkg-divert --local --quiet --rename --add /usr/sbin/update-initramfs
ln -sf /bin/true "$ROOT/usr/sbin/update-initramfs"

LOG="$VM_CACHE/roots/$LEG.apt.log"
: >"$LOG"
apt_in_root update >>"$LOG" 2>&1 || { tail -n 30 "$LOG" >&2; vm_die "$LEG: apt-get update failed (log: $LOG)"; }
apt_in_root install $KERNEL_PACKAGES >>"$LOG" 2>&1 \
	|| { tail -n 30 "$LOG" >&2; vm_die "$LEG: installing $KERNEL_PACKAGES failed (log: $LOG)"; }

REL="$(vm_kernel_release "$LEG")" || vm_die "$LEG: no /boot/vmlinuz-*-amd64 in $ROOT after installing linux-image-amd64"
CONFIG="$ROOT/usr/src/linux-headers-$REL/.config"
[ -f "$CONFIG" ] || vm_die "$LEG: $CONFIG missing after installing linux-headers-amd64"
CC_TEXT="$(sed -n 's/^CONFIG_CC_VERSION_TEXT="\(.*\)"$/\1/p' "$CONFIG")"
# e.g. "gcc-12 (Debian ...)" or "x86_64-linux-gnu-gcc-14 (Debian ...)": package gcc-N
CC_PKG="${CC_TEXT%% *}"
CC_PKG="${CC_PKG##*-linux-gnu-}"
[[ "$CC_PKG" =~ ^gcc-[0-9]+$ ]] || vm_die "$LEG: cannot tell the kernel's compiler from CONFIG_CC_VERSION_TEXT='$CC_TEXT'"
vm_log "$LEG: kernel $REL was built with '$CC_TEXT': installing $CC_PKG"

apt_in_root install "$CC_PKG" $PACKAGES $LEG_PACKAGES >>"$LOG" 2>&1 \
	|| { tail -n 30 "$LOG" >&2; vm_die "$LEG: installing packages failed (log: $LOG)"; }
apt_in_root clean >>"$LOG" 2>&1
rm -rf "$ROOT"/var/lib/apt/lists/*_Packages "$ROOT"/var/lib/apt/lists/*_Sources 2>/dev/null || true

umount_all
echo "$WANT" >"$STAMP"
vm_log "$LEG: root ready in $((SECONDS - T0)) s (kernel $REL, $(du -sh --one-file-system "$ROOT" | cut -f1))"
