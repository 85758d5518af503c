// SPDX-License-Identifier: LGPL-2.1-or-later
/* Error codes and the per-thread detailed message. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

#include <string.h>

#include <sdi8k/error.h>

#include "common/error.h"

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
		return "invalid argument";
	case -ENOMEM:
		return "out of memory";
	case -ENOSPC:
		return "buffer too small";
	case -ENODEV:
		return "no such device (card or input missing, or removed)";
	case -ENOENT:
		return "no such file or device node";
	case -EACCES:
	case -EPERM:
		return "permission denied";
	case -EBUSY:
		return "device busy";
	case -ENOLINK:
		return "no signal";
	case -ENOLCK:
		return "signal present but not locked";
	case -ERANGE:
		return "signal or value outside the supported range";
	case -EAGAIN:
		return "no frame ready yet (try again)";
	case -ETIMEDOUT:
		return "timed out";
	case -EIO:
		return "input/output error";
	case -EPROTO:
		return "malformed data";
	case -EBADMSG:
		return "checksum or parity error";
	case -EOVERFLOW:
		return "data runs past the end of its buffer";
	case -ENOMSG:
		return "not the kind of data expected";
	case -ENOTSUP:
		return "not supported";
	case -EPIPE:
		return "stream stopped";
	default:
		return "unknown error";
	}
}
