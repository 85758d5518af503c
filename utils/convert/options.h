/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* sdi8k-convert: command-line options. */
#ifndef SDI8K_UTILS_CONVERT_OPTIONS_H
#define SDI8K_UTILS_CONVERT_OPTIONS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <sdi8k/convert.h>

struct convert_opts {
	const char *input;		/* file or "-" */
	const char *output;		/* file or "-" */
	enum sdi8k_pixfmt from;		/* -f: raw input format (NONE: Y4M input) */
	uint32_t width, height;		/* raw input size */
	enum sdi8k_pixfmt to;		/* -t: output format (NONE: default) */
	int y4m_out;			/* 1 Y4M, 0 raw */
	uint32_t rate_num, rate_den;	/* --rate, for Y4M from raw */
	char interlace;			/* --interlace p|t|b, for Y4M from raw */
	uint64_t frames;		/* -n, 0 = all */
	struct sdi8k_convert_opts copts;
};

/* 0 (convert), 1 (help/version printed), -EINVAL with a message. */
int convert_parse_args(int argc, char **argv, struct convert_opts *o,
		       char *msg, size_t msglen);

void convert_usage(FILE *fp);

#endif
