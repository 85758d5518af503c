# shellcheck shell=bash
# Shared helpers for the tests/vm scripts. Source it; do not run it.
#
# Environment:
#   SDI8K_VM_CACHE  cache dir for roots and initramfs images
#                   (default /var/cache/sdi8k-vm)

# shellcheck disable=SC2034  # used by the scripts that source this file
VM_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VM_CACHE="${SDI8K_VM_CACHE:-/var/cache/sdi8k-vm}"
VM_LEGS_ALL="bookworm trixie sid"

vm_me() { basename "$0"; }
vm_log() { printf '%s: %s\n' "$(vm_me)" "$*" >&2; }
vm_die() { printf '%s: error: %s\n' "$(vm_me)" "$*" >&2; exit 1; }

# vm_check_leg LEG: die unless LEG is a known leg.
vm_check_leg() {
	case "${1:-}" in
	bookworm|trixie|sid) ;;
	*) vm_die "unknown leg '${1:-}' (known legs: $VM_LEGS_ALL)" ;;
	esac
}

# vm_host_release: this host's Debian codename (VERSION_CODENAME of
# /etc/os-release), empty if it cannot tell.
vm_host_release() {
	sed -n 's/^VERSION_CODENAME=["]*\([a-z]*\)["]*$/\1/p' /etc/os-release 2>/dev/null | head -n 1
}

# vm_host_leg LEG: true if LEG boots this host's own root: bookworm on a
# Debian 12 host. On any other host (Debian 13, ...) every leg, bookworm
# too, gets a debootstrap root. SDI8K_HOST_LEG overrides the choice (empty:
# no leg uses the host's root, e.g. to try the bookworm root on Debian 12).
vm_host_leg() {
	local h
	if [ -n "${SDI8K_HOST_LEG+set}" ]; then
		h=$SDI8K_HOST_LEG
	elif [ "$(vm_host_release)" = bookworm ]; then
		h=bookworm
	else
		h=
	fi
	[ -n "$h" ] && [ "$1" = "$h" ]
}

# vm_leg_bin BIN REPO USERDIR: the binary a guest of another release runs
# for the host-built BIN: its build by that release (build-user.sh's
# USERDIR, same path under the tree) where there is one, BIN otherwise (a
# path outside REPO, or a file build-user.sh does not make).
vm_leg_bin() {
	local rel="${1#"$2"/}"
	if [ "$rel" != "$1" ] && [ -f "$3/$rel" ]; then echo "$3/$rel"; else echo "$1"; fi
}

# vm_ship_bin FILE DIR: copies FILE into DIR for the guest: an ELF file
# without its debug information (the guest reads /job over 9p with no page
# cache, at a few MB/s; a tool with its debug information is 7 MB),
# anything objcopy does not take (a script) as it is.
vm_ship_bin() {
	objcopy --strip-debug "$1" "$2/${1##*/}" 2>/dev/null || cp -a "$1" "$2/"
}

# vm_root LEG: the guest root directory of LEG.
vm_root() {
	if vm_host_leg "$1"; then
		echo /
	else
		echo "$VM_CACHE/roots/$1"
	fi
}

# vm_stamp LEG: the file written last by mkroot.sh once a root is complete.
vm_stamp() { echo "$(vm_root "$1")/.sdi8k-root-stamp"; }

# vm_kernel_release LEG: the kernel release of LEG (e.g. 6.1.0-56-amd64),
# taken from the newest /boot/vmlinuz-* of the leg's root.
vm_kernel_release() {
	local root pattern k
	root="$(vm_root "$1")"
	if [ "$1" = bookworm ] && vm_host_leg bookworm; then
		pattern='vmlinuz-6.1.0-*-amd64'
	else
		pattern='vmlinuz-*-amd64'
	fi
	k="$(cd "$root/boot" 2>/dev/null && ls -1 $pattern 2>/dev/null | sort -V | tail -n 1)" || true
	[ -n "$k" ] || return 1
	echo "${k#vmlinuz-}"
}

# vm_mirror: the Debian mirror this machine uses (first URIs: line of
# /etc/apt/sources.list.d/debian.sources, else the first deb line of
# /etc/apt/sources.list).
vm_mirror() {
	local m=""
	if [ -r /etc/apt/sources.list.d/debian.sources ]; then
		m="$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources)"
	fi
	if [ -z "$m" ] && [ -r /etc/apt/sources.list ]; then
		m="$(awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' /etc/apt/sources.list)"
	fi
	[ -n "$m" ] || vm_die "cannot find a Debian mirror in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list"
	echo "$m"
}

# vm_need_root: die unless running as root.
vm_need_root() {
	[ "$(id -u)" = 0 ] || vm_die "must run as root (debootstrap, chroot and 9p need it)"
}

# vm_pci_qemu ARRAY: set the array variable ARRAY to the command that runs
# QEMU 11.1 (with vfio-user-pci) from the sid root: its binary through that
# root's dynamic loader and libraries, its firmware and modules (exports
# QEMU_MODULE_DIR). Fails with a message if the root has no QEMU.
vm_pci_qemu() {
	local -n _q="$1"
	local r lib
	r="$(vm_root sid)"
	lib="$r/usr/lib/x86_64-linux-gnu"
	if [ ! -x "$r/usr/bin/qemu-system-x86_64" ] || [ ! -e "$r/lib64/ld-linux-x86-64.so.2" ]; then
		vm_log "error: no qemu-system-x86_64 in the sid root $r: run tests/vm/mkroot.sh sid"
		return 1
	fi
	export QEMU_MODULE_DIR="$lib/qemu"
	_q=("$r/lib64/ld-linux-x86-64.so.2" --library-path "$lib" "$r/usr/bin/qemu-system-x86_64"
		-L "$r/usr/share/qemu" -L "$r/usr/share/seabios")
}
