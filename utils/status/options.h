/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* sdi8k-status: command-line options. */
#ifndef SDI8K_UTILS_STATUS_OPTIONS_H
#define SDI8K_UTILS_STATUS_OPTIONS_H

#include <stddef.h>
#include <stdio.h>

#define STATUS_MAX_SPECS 32

struct status_opts {
	const char *specs[STATUS_MAX_SPECS];	/* -d, in order; none: all */
	unsigned n_specs;
	int json;		/* --json */
	int watch;		/* --watch */
	int timecode;		/* 0: --no-timecode */
	unsigned frames;	/* --frames: frames streamed for the time code */
	int interval_ms;	/* --interval: --watch re-reads at least this often */
};

/*
 * Parse argv. Returns 0 (run), 1 (--help / --version printed on stdout:
 * exit 0), or -EINVAL with a message in msg.
 */
int status_parse_args(int argc, char **argv, struct status_opts *o,
		      char *msg, size_t msglen);

void status_usage(FILE *fp);

#endif
