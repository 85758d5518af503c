#!/bin/bash
# initramfs.sh LEG OUT
#
# Writes to OUT a busybox initramfs (gzip'd newc cpio) for LEG's kernel. At
# boot its /init loads the 9p stack (and overlayfs) from that kernel's own
# modules, mounts the leg's root read-only over 9p (tag "root") under a
# tmpfs overlay, mounts the job dir read-write over 9p (tag "job") at /job,
# chroots into the root, runs /job/guest.sh, writes its exit code to
# /job/rc, syncs and powers off.
# The image is cached per kernel release in $SDI8K_VM_CACHE/initramfs/.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -eq 2 ] || vm_die "usage: $0 LEG OUT"
LEG="$1" OUT="$2"
vm_check_leg "$LEG"

ROOT="$(vm_root "$LEG")"
REL="$(vm_kernel_release "$LEG")" || vm_die "$LEG: no kernel in $ROOT/boot (run mkroot.sh $LEG)"
MODDIR="$ROOT/usr/lib/modules/$REL"
[ -d "$MODDIR" ] || MODDIR="$ROOT/lib/modules/$REL"
[ -f "$MODDIR/modules.dep" ] || vm_die "$LEG: $MODDIR/modules.dep missing"
BUSYBOX=/bin/busybox
if ! dpkg-query -W -f='${Status}\n' busybox-static 2>/dev/null | grep -q '^install ok installed$' \
	|| [ ! -x "$BUSYBOX" ]; then
	vm_die "no static busybox at $BUSYBOX: install busybox-static"
fi

# Wanted modules in load order; their modules.dep dependencies come first.
# Missing ones (renamed, merged or built in) are skipped.
WANT="virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci
netfs fscache 9pnet 9pnet_virtio 9p overlay"

# The cache key covers this script (its /init), busybox and the modules.
KEY="$( { cat "$0"; sha256sum "$BUSYBOX"; sha256sum "$MODDIR/modules.dep"; } | sha256sum | cut -c1-16)"
CACHED="$VM_CACHE/initramfs/$REL-$KEY.cpio.gz"
if [ ! -s "$CACHED" ]; then
	mkdir -p "$VM_CACHE/initramfs"
	WORK="$(mktemp -d)"
	trap 'rm -rf "$WORK"' EXIT
	mkdir -p "$WORK"/{bin,dev,proc,sys,modules,lower,rw,newroot}
	cp "$BUSYBOX" "$WORK/bin/busybox"
	mknod -m 600 "$WORK/dev/console" c 5 1
	mknod -m 666 "$WORK/dev/null" c 1 3

	# name -> path (relative to MODDIR) and deps, from modules.dep
	declare -A PATH_OF DEPS_OF
	while IFS= read -r line; do
		p="${line%%:*}"
		n="${p##*/}"; n="${n%%.ko*}"; n="${n//-/_}"
		PATH_OF[$n]="$p"
		DEPS_OF[$n]="${line#*:}"
	done <"$MODDIR/modules.dep"

	ORDER=()
	declare -A SEEN
	add_mod() { # add_mod NAME: add NAME after its dependencies
		local n="$1" d dn
		[ -n "${SEEN[$n]:-}" ] && return 0
		SEEN[$n]=1
		for d in ${DEPS_OF[$n]}; do
			dn="${d##*/}"; dn="${dn%%.ko*}"; dn="${dn//-/_}"
			add_mod "$dn"
		done
		ORDER+=("$n")
	}
	for m in $WANT; do
		if [ -n "${PATH_OF[$m]:-}" ]; then
			add_mod "$m"
		elif grep -Eq "/${m}\.ko(\.[a-z]+)?$" "$MODDIR/modules.builtin" 2>/dev/null; then
			vm_log "$LEG: $m is built into $REL"
		else
			vm_log "$LEG: $m does not exist in $REL, skipped"
		fi
	done
	for n in "${ORDER[@]}"; do
		src="$MODDIR/${PATH_OF[$n]}"
		case "$src" in
		*.ko.xz) xz -dc "$src" >"$WORK/modules/$n.ko" ;;
		*.ko.zst) zstd -qdc "$src" >"$WORK/modules/$n.ko" ;;
		*.ko.gz) gzip -dc "$src" >"$WORK/modules/$n.ko" ;;
		*.ko) cp "$src" "$WORK/modules/$n.ko" ;;
		*) vm_die "$LEG: unexpected module file $src" ;;
		esac
		echo "$n" >>"$WORK/modules/order"
	done

	cat >"$WORK/init" <<'INIT'
#!/bin/busybox sh
# sdi8k VM test initramfs (tests/vm/initramfs.sh)
/bin/busybox mkdir -p /sbin /usr/bin /usr/sbin
/bin/busybox --install -s
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
exec </dev/console >/dev/console 2>&1

fatal() {
	echo "sdi8k-vm-init: FATAL: $*"
	sync
	poweroff -f
	sleep 10
}

for m in $(cat /modules/order); do
	insmod "/modules/$m.ko" || fatal "insmod $m failed"
done

MSIZE=262144
P9="trans=virtio,version=9p2000.L,multidevs=remap,msize=$MSIZE"
mount -t 9p -o "ro,$P9,cache=loose" root /lower || fatal "mounting the root over 9p failed"
# A tmpfs overlay makes the read-only root writable in the guest only
# (needed to create /job in the host's own root for the bookworm leg).
mount -t tmpfs -o mode=0755 rw /rw
mkdir -p /rw/upper /rw/work
if ! mount -t overlay -o lowerdir=/lower,upperdir=/rw/upper,workdir=/rw/work overlay /newroot; then
	echo "sdi8k-vm-init: overlay failed, using the read-only root as is"
	mount -o bind /lower /newroot || fatal "bind-mounting the root failed"
fi
R=/newroot
mount -t proc proc $R/proc || fatal "mounting /proc failed"
mount -t sysfs sysfs $R/sys || fatal "mounting /sys failed"
mount -t devtmpfs devtmpfs $R/dev || fatal "mounting /dev failed"
mkdir -p $R/dev/pts $R/dev/shm
mount -t devpts devpts $R/dev/pts
mount -t tmpfs tmpfs $R/dev/shm
mount -t debugfs debugfs $R/sys/kernel/debug || echo "sdi8k-vm-init: no debugfs"
mount -t tmpfs -o mode=1777 tmpfs $R/tmp || fatal "mounting /tmp failed"
mount -t tmpfs -o mode=0755 tmpfs $R/run || fatal "mounting /run failed"
mkdir -p $R/job 2>/dev/null
# No page cache on /job: every write reaches the host at once, so results
# survive a guest that hangs or panics (sdi8k_jobcache=MODE overrides).
mount -t 9p -o "rw,$P9${sdi8k_jobcache:+,cache=$sdi8k_jobcache}" job $R/job || fatal "mounting /job over 9p failed"
[ -x $R/job/guest.sh ] || fatal "/job/guest.sh is missing or not executable"

# LEG comes from the kernel command line (sdi8k_leg=...), as an environment
# variable of init.
export LEG="${sdi8k_leg:-unknown}"
echo "sdi8k-vm-init: leg $LEG, kernel $(uname -r): running /job/guest.sh"
chroot $R /usr/bin/env -i LEG="$LEG" PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
	HOME=/root TERM=dumb LANG=C.UTF-8 /bin/bash -c 'cd /job && exec /job/guest.sh'
rc=$?
echo "$rc" >$R/job/rc
echo "sdi8k-vm-init: guest.sh exited $rc"
sync
umount $R/job 2>/dev/null
sync
poweroff -f
INIT
	chmod 755 "$WORK/init"
	(cd "$WORK" && find . -print0 | LC_ALL=C sort -z | cpio --null -o -H newc --quiet -R 0:0 | gzip -6) >"$CACHED.tmp"
	# Drop images of this release built by older versions of this script.
	find "$VM_CACHE/initramfs" -maxdepth 1 -name "$REL-*.cpio.gz" ! -name "${CACHED##*/}" -delete
	mv "$CACHED.tmp" "$CACHED"
	vm_log "$LEG: built $CACHED (modules: ${ORDER[*]})"
fi
mkdir -p "$(dirname "$OUT")"
cp "$CACHED" "$OUT"
