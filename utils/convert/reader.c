// SPDX-License-Identifier: LGPL-2.1-or-later
/* sdi8k-convert: reading frames, raw or Y4M, from a file or stdin. */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "convert/reader.h"

static int alloc_frame(struct frame_reader *r, enum sdi8k_pixfmt fmt,
		       uint32_t w, uint32_t h, char *msg, size_t msglen)
{
	long long size = sdi8k_frame_init(&r->frame, fmt, w, h, NULL, 0, 0);

	if (size <= 0) {
		snprintf(msg, msglen, "%s: bad frame size %ux%u for %s", r->name,
			 w, h, sdi8k_format_name(fmt));
		return -EINVAL;
	}
	r->buf = aligned_alloc(64, ((size_t)size + 63) & ~(size_t)63);
	if (!r->buf) {
		snprintf(msg, msglen, "%s: out of memory for a %ux%u frame", r->name, w, h);
		return -ENOMEM;
	}
	sdi8k_frame_init(&r->frame, fmt, w, h, r->buf, (size_t)size, 0);
	r->frame_bytes = (size_t)size;
	return 0;
}

int reader_open(struct frame_reader *r, const char *path, enum sdi8k_pixfmt from,
		uint32_t width, uint32_t height, char *msg, size_t msglen)
{
	char line[Y4M_MAX_HEADER];
	int n, err;

	memset(r, 0, sizeof(*r));
	if (!strcmp(path, "-")) {
		r->fp = stdin;
		snprintf(r->name, sizeof(r->name), "standard input");
	} else {
		r->fp = fopen(path, "rbe");
		snprintf(r->name, sizeof(r->name), "%s", path);
		if (!r->fp) {
			err = -errno;
			snprintf(msg, msglen, "%s: %s", path, strerror(-err));
			return err;
		}
	}
	if (from)
		return alloc_frame(r, from, width, height, msg, msglen);

	r->y4m = 1;
	n = y4m_read_line(r->fp, line, sizeof(line));
	if (n <= 0) {
		snprintf(msg, msglen, "%s: %s", r->name, n == 0 ? "empty input: expected a "
			 "Y4M stream (for raw frames give --format and --size)" :
			 n == -EIO ? "read error" : "not a Y4M stream (for raw frames give "
			 "--format and --size)");
		return n == -EIO ? -EIO : -EPROTO;
	}
	{
		char why[256];

		err = y4m_parse_header(line, &r->info, why, sizeof(why));
		if (err) {
			snprintf(msg, msglen, "%s: %s%s", r->name, why, err == -EPROTO ?
				 " (for raw frames give --format and --size)" : "");
			return err;
		}
	}
	err = alloc_frame(r, r->info.format, r->info.width, r->info.height, msg, msglen);
	if (err)
		return err;
	r->frame_bytes = y4m_frame_payload(&r->info);
	if (r->info.format == SDI8K_FMT_NV16 || r->info.format == SDI8K_FMT_NV12) {
		r->payload = malloc(r->frame_bytes);
		if (!r->payload) {
			snprintf(msg, msglen, "out of memory");
			return -ENOMEM;
		}
	}
	return 0;
}

/* Read exactly len bytes: 1, 0 if at the end before any, or an error. */
static int read_exact(struct frame_reader *r, void *dst, size_t len, char *msg,
		      size_t msglen)
{
	size_t got = fread(dst, 1, len, r->fp);

	if (got == len)
		return 1;
	if (ferror(r->fp)) {
		snprintf(msg, msglen, "%s: read error after %" PRIu64 " frames",
			 r->name, r->frames);
		return -EIO;
	}
	if (!got)
		return 0;
	snprintf(msg, msglen, "%s: ends with a partial frame (%zu of %zu bytes) "
		 "after %" PRIu64 " complete frames", r->name, got, len, r->frames);
	return -EPROTO;
}

int reader_next(struct frame_reader *r, char *msg, size_t msglen)
{
	char line[Y4M_MAX_HEADER];
	int n;

	if (r->y4m) {
		n = y4m_read_line(r->fp, line, sizeof(line));
		if (n == 0 && feof(r->fp))
			return 0;
		if (n < 0 || strncmp(line, "FRAME", 5) || (line[5] && line[5] != ' ')) {
			snprintf(msg, msglen, "%s: %s after %" PRIu64 " frames", r->name,
				 n == -EIO ? "read error" : "bad Y4M frame header", r->frames);
			return n == -EIO ? -EIO : -EPROTO;
		}
		if (r->payload) {
			n = read_exact(r, r->payload, r->frame_bytes, msg, msglen);
			if (n == 1)
				y4m_unpack(r->payload, &r->frame);
		} else {
			n = read_exact(r, r->buf, r->frame_bytes, msg, msglen);
		}
		if (n == 0) {
			snprintf(msg, msglen, "%s: Y4M frame header without a frame after "
				 "%" PRIu64 " frames", r->name, r->frames);
			return -EPROTO;
		}
	} else {
		n = read_exact(r, r->buf, r->frame_bytes, msg, msglen);
	}
	if (n == 1)
		r->frames++;
	return n;
}

void reader_close(struct frame_reader *r)
{
	if (r->fp && r->fp != stdin)
		fclose(r->fp);
	r->fp = NULL;
	free(r->buf);
	free(r->payload);
	r->buf = NULL;
	r->payload = NULL;
}
