# sdi8k top-level build.
#   make            module (for KVER), library, tools, firmware image
#   make check      every test: unit tests, kernel style, VM bench (3 kernels)
#   make demo       capture from the simulated card in a VM, write a PNG
#   make deps       install the Debian packages everything needs
# KVER picks the kernel to build the module for (default: the running
# kernel when its headers are installed, else the newest installed headers).

KVER ?= $(or $(wildcard /lib/modules/$(shell uname -r)/build/.),$(lastword $(sort $(wildcard /lib/modules/*/build/.))))
KDIR ?= $(if $(findstring /,$(KVER)),$(KVER),/lib/modules/$(KVER)/build)

.PHONY: all module lib tools firmware tests check demo deps clean checkpatch bench \
	dkms-install dkms-uninstall

DKMS_VERSION := $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)

all: module lib tools firmware

module:
	$(MAKE) -C $(KDIR) M=$(CURDIR)/kernel modules

lib:
	@if [ -f lib/Makefile ]; then $(MAKE) -C lib; fi

tools: lib
	$(MAKE) -C tests/tools
	@if [ -f utils/Makefile ]; then $(MAKE) -C utils; fi

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

# Register the module with DKMS: built now for every installed kernel and
# again on each kernel update.
dkms-install:
	rm -rf /usr/src/sdi8k-$(DKMS_VERSION)
	mkdir -p /usr/src/sdi8k-$(DKMS_VERSION)/kernel/uapi
	cp dkms.conf /usr/src/sdi8k-$(DKMS_VERSION)/
	cp kernel/Kbuild kernel/*.c kernel/*.h /usr/src/sdi8k-$(DKMS_VERSION)/kernel/
	cp kernel/uapi/*.h /usr/src/sdi8k-$(DKMS_VERSION)/kernel/uapi/
	dkms install -m sdi8k -v $(DKMS_VERSION)

dkms-uninstall:
	-dkms remove -m sdi8k -v $(DKMS_VERSION) --all
	rm -rf /usr/src/sdi8k-$(DKMS_VERSION)

# make install / uninstall (DESTDIR, PREFIX): mk/install.mk
-include mk/install.mk

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR)/kernel clean
	-@for d in lib tests/tools tests/unit tests/pattern bench utils firmware; do \
		[ -f $$d/Makefile ] && $(MAKE) -C $$d clean; done; true
