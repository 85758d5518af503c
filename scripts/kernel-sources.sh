#!/bin/sh
# The kernel module's source files, one per line, relative to the top of
# the tree, sorted: kernel/Kbuild (and kernel/Makefile if there is one) and
# every kernel/**/*.c and *.h, without what Kbuild writes beside them
# (*.mod.c; its other products, *.o, *.ko, *.mod, .*.cmd, modules.order,
# Module.symvers, have other names). The one list of kernel sources: the
# DKMS tree of `make install` and `make dkms-install` (mk/install.mk
# DKMS_FILES), scripts/checkpatch.sh and scripts/dkms-test.sh read it.
# Works on a tree without git (a release tarball) as on a checkout.
set -eu
cd "$(dirname "$0")/.."
find kernel -type f ! -name '.*' \
	\( -name Kbuild -o -name Makefile -o \( -name '*.[ch]' ! -name '*.mod.c' \) \) |
	LC_ALL=C sort
