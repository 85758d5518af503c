/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Messages of the tools: "sdi8k-NAME: ..." on stderr. */
#ifndef SDI8K_UTILS_MSG_H
#define SDI8K_UTILS_MSG_H

/* Print "PROGRAM: message\n" on stderr. */
void msg_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Exit codes shared by the tools. */
enum {
	EXIT_OK = 0,
	EXIT_RUNTIME = 1,	/* device, signal, input or output failure */
	EXIT_USAGE = 2,		/* bad arguments */
};

#endif
