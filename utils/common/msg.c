// SPDX-License-Identifier: LGPL-2.1-or-later
/* Messages of the tools. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

#include "common/msg.h"

void msg_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", program_invocation_short_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
