// SPDX-License-Identifier: LGPL-2.1-or-later
/* sdi8k-capture: from the -i argument to a device node. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "capture/input.h"

int capture_resolve_input(const char *spec, char *node, size_t len,
			  char *msg, size_t msglen)
{
	if (!spec || !*spec) {
		snprintf(msg, msglen, "empty input");
		return -EINVAL;
	}
	if (strchr(spec, '/')) {
		if (strlen(spec) >= len) {
			snprintf(msg, msglen, "%s: name too long", spec);
			return -ENAMETOOLONG;
		}
		snprintf(node, len, "%s", spec);
		return 0;
	}
	/* TODO(discovery): sdi8k_resolve_input(spec, node, len) goes here */
	snprintf(msg, msglen, "input %s: give the device node (/dev/videoN or "
		 "/dev/sdi8k/<serial>/input<N>); SERIAL:N and CARDINDEX:N specs "
		 "need device discovery, not in this build", spec);
	return -ENOENT;
}
