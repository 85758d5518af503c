# make install / make uninstall (included by the top-level Makefile; see
# docs/install.md). Installs the library (shared, with its soname links, and
# static), the public headers, sdi8k.pc, the tools utils/sdi8k-* (card/
# builds sdi8k-card there), the man pages man/*.[1-8], the udev rules
# udev/*.rules, the card's firmware image
# (firmware/build/sdi8k/sdi8k.bin to FIRMWAREDIR/sdi8k/, docs/firmware.md)
# and the DKMS source tree (dkms.conf and the kernel/ sources), and the
# GStreamer plugin gst/libgstsdi8k.so into GStreamer's plugin directory
# (GST_PLUGINDIR, default: pkg-config --variable=pluginsdir gstreamer-1.0,
# where GStreamer looks: not under PREFIX, like the firmware). Registering
# the module with DKMS is `make dkms-install`'s job.
#
#   make install   [DESTDIR=] [PREFIX=/usr/local] [LIBDIR=...] ...
#   make uninstall (same variables): removes those files, then our own
#                  directories once empty (<includedir>/sdi8k, the DKMS
#                  tree) and, with DESTDIR, every directory left empty
#                  under DESTDIR (never DESTDIR itself).
# Nothing is written outside DESTDIR. Without DESTDIR, install then runs
# ldconfig and reloads udev's rules (as root only).

PREFIX ?= /usr/local
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
BINDIR ?= $(PREFIX)/bin
# sdi8k-capture's MKV/MOV writer module: ../libexec/sdi8k/ from BINDIR is
# where the tool looks (utils/capture/avout.c)
LIBEXECDIR ?= $(PREFIX)/libexec
MANDIR ?= $(PREFIX)/share/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
# udev reads rules from /usr/lib/udev/rules.d (the system's) and
# /etc/udev/rules.d (the administrator's), not from under /usr/local.
UDEVRULESDIR ?= $(if $(filter /usr,$(PREFIX)),/usr/lib/udev/rules.d,/etc/udev/rules.d)
# The kernel looks for firmware in /lib/firmware (on merged-/usr systems the
# same as /usr/lib/firmware), never under /usr/local: not under PREFIX.
FIRMWAREDIR ?= /lib/firmware
GST_PLUGINDIR ?= $(shell pkg-config --variable=pluginsdir gstreamer-1.0 2>/dev/null)
DKMS_VERSION ?= $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)
DKMS_SRCDIR ?= /usr/src/sdi8k-$(DKMS_VERSION)

# The library's file names as lib/Makefile makes them; the API version
# (include/sdi8k/version.h) for sdi8k.pc.
LIB_VERSION := $(shell sed -n 's/^VERSION *:\{0,1\}= *//p' lib/Makefile)
LIB_MAJOR := $(shell sed -n 's/^VERSION_MAJOR *:\{0,1\}= *//p' lib/Makefile)
API_VERSION := $(shell sed -n 's/^.define SDI8K_VERSION_\(MAJOR\|MINOR\|PATCH\) *\([0-9]*\).*/\2/p' \
	include/sdi8k/version.h | paste -sd.)

# Installed paths (without DESTDIR). Tools: the executable utils/sdi8k-*,
# looked for once they are built; uninstall also knows the names of the
# utils/sdi8k-*.c sources, so it still works after `make clean`.
INST_LIBS := $(addprefix $(LIBDIR)/,libsdi8k.so.$(LIB_VERSION) \
	libsdi8k.so.$(LIB_MAJOR) libsdi8k.so libsdi8k.a)
INST_HEADERS := $(addprefix $(INCLUDEDIR)/sdi8k/,$(notdir $(wildcard include/sdi8k/*.h)))
INST_PC := $(PKGCONFIGDIR)/sdi8k.pc
TOOLS = $(shell find utils -maxdepth 1 -name 'sdi8k-*' ! -name '*.so' -type f -perm -u+x 2>/dev/null | sort)
AVW_MODULE := utils/sdi8k-capture-av.so
INST_AVW := $(LIBEXECDIR)/sdi8k/sdi8k-capture-av.so
INST_TOOLS = $(addprefix $(BINDIR)/,$(sort $(notdir $(TOOLS)) \
	$(basename $(notdir $(wildcard utils/sdi8k-*.c))) \
	$(if $(wildcard card/sdi8k-card.c),sdi8k-card)))
MANPAGES := $(wildcard man/*.[1-8])
man_path = $(MANDIR)/man$(subst .,,$(suffix $(1)))/$(notdir $(1))
INST_MAN := $(foreach m,$(MANPAGES),$(call man_path,$(m)))
RULES := $(wildcard udev/*.rules)
INST_RULES := $(addprefix $(UDEVRULESDIR)/,$(notdir $(RULES)))
# The DKMS tree: dkms.conf and the kernel sources, never what a build of
# the module leaves in kernel/ (the list: scripts/kernel-sources.sh).
DKMS_FILES := dkms.conf $(shell sh scripts/kernel-sources.sh)
INST_DKMS := $(addprefix $(DKMS_SRCDIR)/,$(DKMS_FILES))
FW_IMAGE := firmware/build/sdi8k/sdi8k.bin
INST_FW := $(FIRMWAREDIR)/sdi8k/sdi8k.bin
INST_GST := $(if $(GST_PLUGINDIR),$(GST_PLUGINDIR)/libgstsdi8k.so)
# Directories uninstall removes once empty: our own; with DESTDIR also those
# of every installed file and their parents, up to DESTDIR.
PRUNE_DIRS = $(sort $(dir $(INST_DKMS)) $(INCLUDEDIR)/sdi8k/ $(dir $(INST_FW)) $(dir $(INST_AVW)) \
	$(if $(DESTDIR),$(dir $(INST_LIBS) $(INST_HEADERS) $(INST_PC) $(INST_TOOLS) \
	$(INST_MAN) $(INST_RULES) $(INST_GST))))

# The DKMS tree into $(DESTDIR)$(DKMS_SRCDIR); also `make dkms-install`'s.
define install_dkms_tree
[ -n "$(filter kernel/%,$(DKMS_FILES))" ] || { echo "no kernel sources (scripts/kernel-sources.sh)" >&2; exit 1; }
for f in $(DKMS_FILES); do \
		install -D -m 644 "$$f" "$(DESTDIR)$(DKMS_SRCDIR)/$$f" || exit 1; done
endef

# sdi8k.pc's paths relative to ${prefix} where they can be.
pc_rel = $(patsubst $(PREFIX)/%,$${prefix}/%,$(1))

.PHONY: install install-files uninstall

install:
	@[ -n "$(LIB_VERSION)" ] && [ -n "$(LIB_MAJOR)" ] && [ -n "$(API_VERSION)" ] && \
		[ -n "$(DKMS_VERSION)" ] || { echo "install: cannot read the versions" \
		"(lib/Makefile VERSION, include/sdi8k/version.h, dkms.conf PACKAGE_VERSION)" >&2; exit 1; }
	$(MAKE) -C lib install DESTDIR="$(DESTDIR)" PREFIX="$(PREFIX)" \
		LIBDIR="$(LIBDIR)" INCDIR="$(INCLUDEDIR)"
	@if [ -f utils/Makefile ]; then $(MAKE) -C utils; fi
	@if [ -f card/Makefile ]; then $(MAKE) -C card; fi
	$(MAKE) -C firmware
	@[ -n "$(GST_PLUGINDIR)" ] || { echo "install: no GStreamer plugin directory" \
		"(pkg-config --variable=pluginsdir gstreamer-1.0; make deps installs libgstreamer1.0-dev)" >&2; exit 1; }
	$(MAKE) -C gst
	@$(MAKE) --no-print-directory install-files

# The rest of install (not for direct use): a make of its own, run after the
# builds, so that TOOLS sees the tools just made.
install-files:
	install -d "$(DESTDIR)$(PKGCONFIGDIR)"
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(call pc_rel,$(LIBDIR))|' \
		-e 's|@INCLUDEDIR@|$(call pc_rel,$(INCLUDEDIR))|' \
		-e 's|@VERSION@|$(API_VERSION)|' pkgconfig/sdi8k.pc.in >"$(DESTDIR)$(INST_PC)"
	chmod 644 "$(DESTDIR)$(INST_PC)"
ifneq ($(TOOLS),)
	install -d "$(DESTDIR)$(BINDIR)"
	install -m 755 $(TOOLS) "$(DESTDIR)$(BINDIR)/"
endif
	@if [ -f $(AVW_MODULE) ]; then echo install -D -m 644 $(AVW_MODULE) "$(DESTDIR)$(INST_AVW)"; \
		install -D -m 644 $(AVW_MODULE) "$(DESTDIR)$(INST_AVW)"; fi
ifneq ($(MANPAGES),)
	for m in $(MANPAGES); do s=$${m##*.}; \
		install -D -m 644 "$$m" "$(DESTDIR)$(MANDIR)/man$$s/$${m##*/}" || exit 1; done
endif
	install -d "$(DESTDIR)$(UDEVRULESDIR)"
	install -m 644 $(RULES) "$(DESTDIR)$(UDEVRULESDIR)/"
	$(install_dkms_tree)
	install -D -m 644 $(FW_IMAGE) "$(DESTDIR)$(INST_FW)"
	install -D -m 644 gst/libgstsdi8k.so "$(DESTDIR)$(INST_GST)"
ifeq ($(DESTDIR),)
	@if [ "$$(id -u)" = 0 ]; then \
		echo ldconfig; ldconfig; \
		if [ -S /run/udev/control ] && command -v udevadm >/dev/null; then \
			echo "udevadm control --reload; udevadm trigger --action=change --subsystem-match=video4linux"; \
			udevadm control --reload && udevadm trigger --action=change --subsystem-match=video4linux; \
		fi; \
	fi
	@echo "Installed. The module: make dkms-install (or: dkms install sdi8k/$(DKMS_VERSION))."
endif

uninstall:
	@[ -n "$(LIB_VERSION)" ] && [ -n "$(LIB_MAJOR)" ] && [ -n "$(DKMS_VERSION)" ] || \
		{ echo "uninstall: cannot read the versions (lib/Makefile VERSION, dkms.conf PACKAGE_VERSION)" >&2; exit 1; }
ifeq ($(DESTDIR),)
	@if command -v dkms >/dev/null && dkms status -m sdi8k -v "$(DKMS_VERSION)" 2>/dev/null | grep -q .; then \
		echo "uninstall: warning: sdi8k/$(DKMS_VERSION) is still registered with DKMS (make dkms-uninstall removes it)" >&2; \
	fi
endif
	rm -f $(foreach f,$(INST_LIBS) $(INST_HEADERS) $(INST_PC) $(INST_TOOLS) $(INST_MAN) \
		$(INST_RULES) $(INST_DKMS) $(INST_FW) $(INST_GST) $(INST_AVW),"$(DESTDIR)$(f)")
	@[ -d "$(DESTDIR)/" ] || exit 0; cd "$(DESTDIR)/" && for d in $(patsubst /%,%,$(PRUNE_DIRS)); do d=$${d%/}; \
		while [ -n "$$d" ] && [ "$$d" != . ]; do echo "$$d"; \
			[ -n "$(DESTDIR)" ] || break; d=$$(dirname "$$d"); done; \
	done | LC_ALL=C sort -ru | while read -r d; do rmdir "$$d" 2>/dev/null || true; done
