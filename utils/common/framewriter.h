/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Writing frames, raw or Y4M. A frame is written straight from its buffer
 * (raw or Y4M 10-bit planar without conversion: no copy), or converted with
 * sdi8k_convert() into one reused buffer and written from there (Y4M 8-bit
 * 4:2:2 / 4:2:0 also split the interleaved chroma on the way).
 */
#ifndef SDI8K_UTILS_FRAMEWRITER_H
#define SDI8K_UTILS_FRAMEWRITER_H

#include <stdint.h>

#include <sdi8k/convert.h>

#include "common/outfile.h"
#include "common/y4m.h"

struct frame_writer {
	struct outfile *out;
	enum sdi8k_pixfmt in_fmt, out_fmt;
	uint32_t width, height;
	int y4m;
	struct sdi8k_convert_opts copts;
	void *conv;			/* converted frame, or NULL */
	struct sdi8k_frame conv_frame;
	uint8_t *pack;			/* Y4M payload when it differs from conv */
	size_t payload;			/* bytes of one frame's pixels */
	uint64_t frames;		/* complete frames written */
};

/*
 * Set up for frames of in_fmt, width x height, written as out_fmt: raw
 * when y4m is NULL, else Y4M with y4m's rate, interlacing and aspect
 * (its size and format are taken from the other arguments), header
 * written now. 0, or a negative errno with a message.
 */
int writer_init(struct frame_writer *w, struct outfile *out,
		enum sdi8k_pixfmt in_fmt, uint32_t width, uint32_t height,
		enum sdi8k_pixfmt out_fmt, const struct y4m_info *y4m,
		const struct sdi8k_convert_opts *copts, char *msg, size_t msglen);

/*
 * The frame to write for f: f itself, or converted to out_fmt in the
 * writer's buffer (valid until the next call). 0, or a negative errno
 * with a message.
 */
int writer_convert(struct frame_writer *w, const struct sdi8k_frame *f,
		   const struct sdi8k_frame **out, char *msg, size_t msglen);

/* Write one frame. 0, or a negative errno with a message. */
int writer_put(struct frame_writer *w, const struct sdi8k_frame *f, char *msg,
	       size_t msglen);

void writer_free(struct frame_writer *w);

#endif
