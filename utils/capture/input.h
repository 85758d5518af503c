/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* sdi8k-capture: from the -i argument to a device node. */
#ifndef SDI8K_UTILS_CAPTURE_INPUT_H
#define SDI8K_UTILS_CAPTURE_INPUT_H

#include <stddef.h>

/*
 * Turn an input spec into a device node path with sdi8k_resolve_input()
 * (<sdi8k/device.h>): /dev/videoN, /dev/sdi8k/SERIAL/inputN, SERIAL:N or
 * CARD:N (index in the stable order, or kernel name "sdi8k-0"). Returns 0,
 * or a negative errno with the library's message (naming the spec) in msg.
 */
int capture_resolve_input(const char *spec, char *node, size_t len,
			  char *msg, size_t msglen);

#endif
