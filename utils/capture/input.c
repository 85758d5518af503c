// SPDX-License-Identifier: LGPL-2.1-or-later
/* sdi8k-capture: from the -d argument to a device node, through discovery. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <sdi8k/device.h>
#include <sdi8k/error.h>

#include "capture/input.h"

int capture_resolve_input(const char *spec, char *node, size_t len,
			  char *msg, size_t msglen)
{
	int ret;

	if (!spec || !*spec) {
		snprintf(msg, msglen, "empty input");
		return -EINVAL;
	}
	/* /dev/videoN, the udev link, SERIAL:N, CARD:N (device.h) */
	ret = sdi8k_resolve_input(spec, node, len, NULL);
	if (ret < 0) {
		snprintf(msg, msglen, "%s", sdi8k_last_error());
		return ret;
	}
	return 0;
}
