# The card model in userspace: kernel/sim/ and the tables it shares with
# the driver, kernel-style sources built through kshim/ (the ancillary
# codec comes from libsdi8k.a). One list for its two userspace builds:
# sdi8k-card (card/Makefile) and the unit tests' test_model
# (tests/unit/Makefile). The includer sets ROOT, the top of the tree.
MODEL_SRCS := $(sort $(wildcard $(ROOT)/kernel/sim/*.c)) $(ROOT)/kernel/sdi8k-pattern.c \
	$(ROOT)/kernel/sdi8k-rasters.c $(ROOT)/kernel/sdi8k-formats.c \
	$(ROOT)/kernel/sdi8k-fw-image.c
MODEL_HDRS := $(wildcard $(ROOT)/kernel/*.h $(ROOT)/kernel/sim/*.h $(ROOT)/kernel/anc/*.h \
	$(ROOT)/kernel/uapi/*.h $(ROOT)/kshim/*.h $(ROOT)/kshim/linux/*.h)
