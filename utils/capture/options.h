/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* sdi8k-capture: command-line options. */
#ifndef SDI8K_UTILS_CAPTURE_OPTIONS_H
#define SDI8K_UTILS_CAPTURE_OPTIONS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <sdi8k/convert.h>

struct capture_opts {
	const char *input;		/* -i: node path or spec */
	const char *output;		/* -o: file or "-" */
	enum sdi8k_pixfmt format;	/* -f: what the card writes */
	enum sdi8k_pixfmt convert;	/* -c: what is written (NONE: as captured) */
	int y4m;			/* 1: Y4M, 0: raw */
	uint64_t frames;		/* -n, 0 = no limit */
	double seconds;			/* -t, 0 = no limit */
	unsigned buffers;		/* -b */
	int timeout_ms;			/* --timeout */
	unsigned threads;		/* --threads (0 = all CPUs) */
	int progress;			/* 1 on, 0 off, -1 if stderr is a terminal */
	int dmabuf;			/* --dmabuf: export the buffers */
	const char *metadata;		/* --metadata FILE: JSON lines, or NULL */
};

/*
 * Parse argv. Returns 0 (capture), 1 (--help / --version printed on
 * stdout: exit 0), or -EINVAL with a message in msg.
 */
int capture_parse_args(int argc, char **argv, struct capture_opts *o,
		       char *msg, size_t msglen);

/* The format frames are written in (after the Y4M defaults). */
enum sdi8k_pixfmt capture_output_format(const struct capture_opts *o);

void capture_usage(FILE *fp);

#endif
