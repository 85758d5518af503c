/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* sdi8k-capture: from the -i argument to a device node. */
#ifndef SDI8K_UTILS_CAPTURE_INPUT_H
#define SDI8K_UTILS_CAPTURE_INPUT_H

#include <stddef.h>

/*
 * Turn an input spec into a device node path. A path (anything with a '/')
 * is taken as it is; "SERIAL:N" / "CARDINDEX:N" specs need device
 * discovery (<sdi8k/device.h>, sdi8k_resolve_input()), which this is the
 * one place to call. Returns 0, or a negative errno with a message.
 */
int capture_resolve_input(const char *spec, char *node, size_t len,
			  char *msg, size_t msglen);

#endif
