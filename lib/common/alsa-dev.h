/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef SDI8K_LIB_ALSA_DEV_H
#define SDI8K_LIB_ALSA_DEV_H

#include <stddef.h>

/*
 * The ALSA card of an sdi8k video node ("hw:CARD=sdi8k<serial's low 32
 * bits>", the card id the driver gives) and the node's input (its PCM
 * device number), from the node's sysfs serial and its V4L2 name ("sdi8k-0
 * input 1"): 0, or -ENOENT with what is missing in why.
 */
int sdi8k__alsa_card(int fd, const char *name, char *card, size_t cardlen,
		     unsigned *input, char *why, size_t whylen);

#endif
