// SPDX-License-Identifier: LGPL-2.1-or-later
/* Error codes and the per-thread detailed message. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

#include "internal.h"

static _Thread_local char last_msg[256];

int sdi8k__fail(int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_msg, sizeof(last_msg), fmt, ap);
	va_end(ap);
	return err;
}

void sdi8k__clear_error(void)
{
	last_msg[0] = '\0';
}

SDI8K_API const char *sdi8k_last_error(void)
{
	return last_msg;
}

SDI8K_API const char *sdi8k_strerror(int err)
{
	switch (err) {
	case 0:
		return "success";
	case -EINVAL:
		return "invalid argument (unsupported format pair, bad size, "
		       "stride or alignment)";
	case -ENOMEM:
		return "out of memory";
	case -ENOSPC:
		return "buffer too small";
	default:
		return "unknown error";
	}
}
