# sdi8k top-level build.
#   make            module (for KVER), library, tools, firmware image, the
#                   GStreamer plugin gst/libgstsdi8k.so (gst/README.md)
#   make check      every test: unit tests, kernel style, VM bench (3 kernels)
#   make demo       capture from the simulated card in a VM, write a PNG
#   make deps       install the Debian packages everything needs
# KVER picks the kernel to build the module for (default: the running
# kernel when its headers are installed, else the newest installed headers).

KVER ?= $(or $(wildcard /lib/modules/$(shell uname -r)/build/.),$(lastword $(sort $(wildcard /lib/modules/*/build/.))))
KDIR ?= $(if $(findstring /,$(KVER)),$(KVER),/lib/modules/$(KVER)/build)

.PHONY: all module lib tools gst firmware tests check demo deps clean checkpatch bench \
	dkms-install dkms-uninstall

DKMS_VERSION := $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)

all: module lib tools gst firmware

module:
	$(MAKE) -C $(KDIR) M=$(CURDIR)/kernel modules

lib:
	@if [ -f lib/Makefile ]; then $(MAKE) -C lib; fi

tools: lib
	$(MAKE) -C tests/tools
	@if [ -f utils/Makefile ]; then $(MAKE) -C utils; fi
	@if [ -f card/Makefile ]; then $(MAKE) -C card; fi

# The GStreamer plugin (element sdi8ksrc) and its test tool: gst/Makefile.
gst: lib
	$(MAKE) -C gst

# The card's firmware image (firmware/build/sdi8k/sdi8k.bin), its tool and
# the damaged test images: firmware/Makefile.
firmware:
	$(MAKE) -C firmware

deps:
	scripts/install-deps.sh

checkpatch:
	scripts/checkpatch.sh

bench: lib
	$(MAKE) -C bench run

check: deps
	tests/run-all.sh

demo: deps
	scripts/demo.sh

# Register the module with DKMS: the DKMS tree (mk/install.mk DKMS_FILES,
# the kernel sources only) copied to /usr/src/sdi8k-<version> afresh, then
# dkms add, and dkms build + install for each kernel of DKMS_KERNELS
# (default: every kernel whose headers are installed); rebuilt by DKMS on
# each kernel update (AUTOINSTALL). A kernel dkms.conf excludes (older than
# 6.1) is skipped. A registration of the same version is replaced.
DKMS_TREE := /usr/src/sdi8k-$(DKMS_VERSION)
DKMS_KERNELS ?= $(patsubst /lib/modules/%/build/Makefile,%,$(wildcard /lib/modules/*/build/Makefile))

dkms-install: override DESTDIR :=
dkms-install: override DKMS_SRCDIR := $(DKMS_TREE)
dkms-install:
	@[ -n "$(DKMS_VERSION)" ] || { echo "dkms-install: no PACKAGE_VERSION in dkms.conf" >&2; exit 1; }
	@[ -n "$(strip $(DKMS_KERNELS))" ] || { echo "dkms-install: no kernel headers" \
		"(/lib/modules/<release>/build): install linux-headers-<release>" >&2; exit 1; }
	@if dkms status -m sdi8k -v $(DKMS_VERSION) 2>/dev/null | grep -q .; then \
		echo "dkms remove -m sdi8k -v $(DKMS_VERSION) --all"; \
		dkms remove -m sdi8k -v $(DKMS_VERSION) --all >/dev/null || exit 1; fi
	rm -rf $(DKMS_TREE)
	$(install_dkms_tree)
	dkms add -m sdi8k -v $(DKMS_VERSION)
	@for k in $(DKMS_KERNELS); do \
		echo "dkms build -m sdi8k -v $(DKMS_VERSION) -k $$k"; \
		dkms build -m sdi8k -v $(DKMS_VERSION) -k $$k; rc=$$?; \
		if [ $$rc = 77 ]; then echo "dkms-install: $$k skipped (BUILD_EXCLUSIVE_KERNEL in dkms.conf)"; continue; fi; \
		[ $$rc = 0 ] || exit $$rc; \
		echo "dkms install -m sdi8k -v $(DKMS_VERSION) -k $$k"; \
		dkms install -m sdi8k -v $(DKMS_VERSION) -k $$k || exit 1; \
	done

# Unregister (every kernel) and remove the /usr/src tree.
dkms-uninstall:
	@if dkms status -m sdi8k -v $(DKMS_VERSION) 2>/dev/null | grep -q .; then \
		echo "dkms remove -m sdi8k -v $(DKMS_VERSION) --all"; \
		dkms remove -m sdi8k -v $(DKMS_VERSION) --all || exit 1; fi
	rm -rf $(DKMS_TREE)

# make install / uninstall (DESTDIR, PREFIX): mk/install.mk
-include mk/install.mk

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR)/kernel clean
	-@for d in lib tests/tools tests/unit tests/pattern bench utils card firmware gst; do \
		[ -f $$d/Makefile ] && $(MAKE) -C $$d clean; done; true
