/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* libsdi8k capture internals: the handle and helpers shared by its files. */
#ifndef SDI8K_CAPTURE_INTERNAL_H
#define SDI8K_CAPTURE_INTERNAL_H

#include <stdint.h>
#include <linux/videodev2.h>

#include <sdi8k/capture.h>

#include "capture/avsync.h"

#define CAP_MAX_BUFFERS 32
#define CAP_DEFAULT_BUFFERS 8

struct cap_buffer {
	void *addr;		/* v4l2_mmap()ed, or NULL */
	size_t length;
	int dmabuf_fd;		/* exported, or -1 */
	int queued;		/* owned by the driver */
};

struct _snd_pcm;
struct _snd_ctl;

/* A frame's audio, kept with its buffer (audio.c). */
struct cap_frame_audio {
	uint32_t frames;
	uint32_t silent;
	uint64_t card_frame;
	uint64_t first_sample;
};

/* The capture's audio (audio.c): configured, then the stream's. */
struct cap_audio {
	unsigned channels;	/* configured: 2, 8, 16; 0 none */
	struct _snd_pcm *pcm;	/* while streaming with audio */
	struct _snd_ctl *ctl;
	char dev[48];		/* "hw:CARD=sdi8k0000abcd,DEV=1" */
	unsigned input;
	uint32_t rate_num, rate_den;	/* of the video raster */
	uint32_t frame_max;	/* sample frames a video frame holds at most */
	int32_t *chunk;		/* one read */
	size_t chunk_frames;
	struct cap_aring ring;
	int start_known;	/* start_sample holds the run's first sample */
	uint32_t phase;		/* card frame 0's place in the audio sequence */
	int start_has_phase;	/* the driver's start control gives it */
	uint64_t start_sample;
	uint64_t nread;		/* sample frames read in this run */
	int dead;		/* the audio ended: frames get silence */
	uint32_t restarts;
	int have_base;		/* seq_base read */
	uint64_t seq_base;	/* card frame count of sequence 0 */
	int32_t *store;		/* nbuf x frame_max x channels */
	struct cap_frame_audio fa[CAP_MAX_BUFFERS];
	int have_pending;	/* a frame dequeued, its audio not complete */
	struct v4l2_buffer pending;
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
	struct cap_audio aud;
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

/*
 * Audio (audio.c): open the input's ALSA capture and start it (after the
 * buffers are allocated: nothing left on error), close it (idempotent);
 * complete buffer vb's frame's audio before deadline_ms (CLOCK_MONOTONIC
 * ms; timeout_ms as dequeue's): 0, -EAGAIN / -ETIMEDOUT (not yet: call
 * again with the same buffer), or an error (message set).
 */
int cap_audio_start(struct sdi8k_capture *c);
void cap_audio_stop(struct sdi8k_capture *c);
int cap_audio_frame(struct sdi8k_capture *c, const struct v4l2_buffer *vb,
		    int timeout_ms, int64_t deadline_ms);
int64_t cap_now_ms(void);

/* sdi8k_pixfmt <-> V4L2 fourcc (capture formats only; 0 / NONE else). */
uint32_t cap_fourcc(enum sdi8k_pixfmt f);
enum sdi8k_pixfmt cap_pixfmt(uint32_t fourcc);

#endif /* SDI8K_CAPTURE_INTERNAL_H */
