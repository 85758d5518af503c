/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* sdi8k-convert: reading frames, raw or Y4M, from a file or stdin. */
#ifndef SDI8K_UTILS_CONVERT_READER_H
#define SDI8K_UTILS_CONVERT_READER_H

#include <stdint.h>
#include <stdio.h>

#include <sdi8k/convert.h>

#include "common/y4m.h"

struct frame_reader {
	FILE *fp;
	char name[256];			/* for messages */
	int y4m;
	struct y4m_info info;		/* Y4M input: its header */
	struct sdi8k_frame frame;	/* the frame last read */
	void *buf;			/* frame.data[] point here */
	uint8_t *payload;		/* Y4M 8-bit: the stream's planes */
	size_t frame_bytes;		/* bytes of one frame in the input */
	uint64_t frames;		/* frames read */
};

/*
 * Open path ("-" = stdin). from == NONE: Y4M, else raw frames of from,
 * width x height. 0, or a negative errno with a message.
 */
int reader_open(struct frame_reader *r, const char *path, enum sdi8k_pixfmt from,
		uint32_t width, uint32_t height, char *msg, size_t msglen);

/* Next frame into r->frame: 1, 0 at the end, or a negative errno + message. */
int reader_next(struct frame_reader *r, char *msg, size_t msglen);

void reader_close(struct frame_reader *r);

#endif
