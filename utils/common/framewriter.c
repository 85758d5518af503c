// SPDX-License-Identifier: LGPL-2.1-or-later
/* Writing frames, raw or Y4M, converted or as they are. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/framewriter.h"

int writer_init(struct frame_writer *w, struct outfile *out,
		enum sdi8k_pixfmt in_fmt, uint32_t width, uint32_t height,
		enum sdi8k_pixfmt out_fmt, const struct y4m_info *y4m,
		const struct sdi8k_convert_opts *copts, char *msg, size_t msglen)
{
	long long size;

	memset(w, 0, sizeof(*w));
	w->out = out;
	w->in_fmt = in_fmt;
	w->out_fmt = out_fmt;
	w->width = width;
	w->height = height;
	w->y4m = !!y4m;
	if (copts)
		w->copts = *copts;
	w->payload = sdi8k_frame_size(out_fmt, width, height);
	if (out_fmt != in_fmt) {
		if (!sdi8k_convert_supported(in_fmt, out_fmt)) {
			snprintf(msg, msglen, "no conversion from %s to %s",
				 sdi8k_format_name(in_fmt), sdi8k_format_name(out_fmt));
			return -EINVAL;
		}
		size = sdi8k_frame_init(&w->conv_frame, out_fmt, width, height,
					NULL, 0, 0);
		if (size <= 0 || !(w->conv = aligned_alloc(64, ((size_t)size + 63) & ~(size_t)63))) {
			snprintf(msg, msglen, "out of memory for a %ux%u %s frame",
				 width, height, sdi8k_format_name(out_fmt));
			return -ENOMEM;
		}
		sdi8k_frame_init(&w->conv_frame, out_fmt, width, height,
				 w->conv, (size_t)size, 0);
	}
	if (y4m) {
		struct y4m_info yi = *y4m;
		char hdr[Y4M_MAX_HEADER];
		int n;

		yi.width = width;
		yi.height = height;
		yi.format = out_fmt;
		n = y4m_header(&yi, hdr, sizeof(hdr));
		if (n < 0) {
			snprintf(msg, msglen, "%s cannot go into Y4M (yuv422p10le, "
				 "yuv420p10le, nv16, nv12 can)",
				 sdi8k_format_name(out_fmt));
			return -EINVAL;
		}
		w->payload = y4m_frame_payload(&yi);
		/* the 8-bit formats split their chroma into a second buffer */
		if (out_fmt == SDI8K_FMT_NV16 || out_fmt == SDI8K_FMT_NV12) {
			w->pack = malloc(w->payload);
			if (!w->pack) {
				snprintf(msg, msglen, "out of memory");
				return -ENOMEM;
			}
		}
		return outfile_write(out, hdr, (size_t)n, msg, msglen);
	}
	return 0;
}

/* Write a frame's planes at their minimum strides (one write a plane if
 * the lines are back to back, one for the whole frame if the planes are). */
static int write_planes(struct frame_writer *w, const struct sdi8k_frame *f,
			char *msg, size_t msglen)
{
	size_t stride[SDI8K_MAX_PLANES], lines[SDI8K_MAX_PLANES], psize[SDI8K_MAX_PLANES];
	size_t total;
	int n = sdi8k_frame_layout(f->format, f->width, f->height, stride, lines,
				   psize, &total);
	int contiguous = 1;
	int err;

	if (n < 0) {
		snprintf(msg, msglen, "bad frame");
		return -EINVAL;
	}
	for (int p = 0; p < n; p++)
		if (f->stride[p] != stride[p] ||
		    (p && (const uint8_t *)f->data[p] !=
			  (const uint8_t *)f->data[p - 1] + psize[p - 1]))
			contiguous = 0;
	if (contiguous)
		return outfile_write(w->out, f->data[0], total, msg, msglen);
	for (int p = 0; p < n; p++) {
		if (f->stride[p] == stride[p]) {
			err = outfile_write(w->out, f->data[p], psize[p], msg, msglen);
			if (err)
				return err;
			continue;
		}
		for (size_t l = 0; l < lines[p]; l++) {
			err = outfile_write(w->out, (const uint8_t *)f->data[p] +
					    l * f->stride[p], stride[p], msg, msglen);
			if (err)
				return err;
		}
	}
	return 0;
}

int writer_convert(struct frame_writer *w, const struct sdi8k_frame *f,
		   const struct sdi8k_frame **out, char *msg, size_t msglen)
{
	int err;

	*out = f;
	if (w->conv) {
		err = sdi8k_convert(f, &w->conv_frame, &w->copts);
		if (err) {
			snprintf(msg, msglen, "conversion to %s: %s",
				 sdi8k_format_name(w->out_fmt), sdi8k_last_error());
			return err;
		}
		*out = &w->conv_frame;
	}
	return 0;
}

int writer_put(struct frame_writer *w, const struct sdi8k_frame *f, char *msg,
	       size_t msglen)
{
	const struct sdi8k_frame *src;
	int err = writer_convert(w, f, &src, msg, msglen);

	if (err)
		return err;
	if (w->y4m) {
		static const char frame_hdr[] = "FRAME\n";

		err = outfile_write(w->out, frame_hdr, sizeof(frame_hdr) - 1, msg, msglen);
		if (err)
			return err;
		if (w->pack) {
			y4m_pack(src, w->pack);
			err = outfile_write(w->out, w->pack, w->payload, msg, msglen);
		} else {
			/* YUV4xxP10: the packed frame is the Y4M payload */
			err = write_planes(w, src, msg, msglen);
		}
	} else {
		err = write_planes(w, src, msg, msglen);
	}
	if (!err)
		w->frames++;
	return err;
}

void writer_free(struct frame_writer *w)
{
	free(w->conv);
	free(w->pack);
	w->conv = NULL;
	w->pack = NULL;
}
