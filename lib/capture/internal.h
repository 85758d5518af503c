/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* libsdi8k capture internals: the handle and helpers shared by its files. */
#ifndef SDI8K_CAPTURE_INTERNAL_H
#define SDI8K_CAPTURE_INTERNAL_H

#include <stdint.h>
#include <linux/videodev2.h>

#include <sdi8k/capture.h>

#define CAP_MAX_BUFFERS 32
#define CAP_DEFAULT_BUFFERS 8

struct cap_buffer {
	void *addr;		/* v4l2_mmap()ed, or NULL */
	size_t length;
	int dmabuf_fd;		/* exported, or -1 */
	int queued;		/* owned by the driver */
};

struct sdi8k_capture {
	int fd;
	char node[128];
	char name[40];		/* "sdi8k-0 input 1" */
	int configured;
	int streaming;
	int has_transfer_ctrl;	/* the driver has SDI8K_CID_TRANSFER_FUNCTION */
	unsigned flags;		/* of the configuration */
	unsigned want_buffers;
	struct sdi8k_capture_format fmt;
	struct v4l2_dv_timings timings; /* the configured raster */
	struct cap_buffer buf[CAP_MAX_BUFFERS];
	unsigned nbuf;
	int have_seq;		/* a frame was returned since start */
	struct sdi8k_capture_stats stats;
};

/* sdi8k__fail() with "NODE (NAME): " in front; returns err. */
int cap_fail(const struct sdi8k_capture *c, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* v4l2_ioctl() retried on EINTR; 0 or -errno. */
int cap_ioctl(const struct sdi8k_capture *c, unsigned long req, void *arg);

/* DV timings -> signal description. */
void cap_timings_to_signal(const struct v4l2_dv_timings *t,
			   struct sdi8k_signal *sig);
/* The signal query without the error message: 0 or -errno. */
int cap_query_timings(struct sdi8k_capture *c, struct v4l2_dv_timings *t);
/* Message for a failed signal query (ENOLINK, ENOLCK, ERANGE, ...). */
int cap_signal_fail(struct sdi8k_capture *c, int err, const char *what);
/* Refresh c->fmt.color's V4L2 fields from VIDIOC_G_FMT (best effort). */
void cap_read_colorimetry(struct sdi8k_capture *c);
/* Read the transfer-function control into c->fmt.color (UNKNOWN if none). */
void cap_read_transfer(struct sdi8k_capture *c);

/* Buffers: allocate + map + export (nothing left on error), free all. */
int cap_buffers_alloc(struct sdi8k_capture *c);
void cap_buffers_free(struct sdi8k_capture *c);
/* Queue buffer i. */
int cap_queue(struct sdi8k_capture *c, unsigned i);

/* sdi8k_pixfmt <-> V4L2 fourcc (capture formats only; 0 / NONE else). */
uint32_t cap_fourcc(enum sdi8k_pixfmt f);
enum sdi8k_pixfmt cap_pixfmt(uint32_t fourcc);

#endif /* SDI8K_CAPTURE_INTERNAL_H */
