/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libsdi8k audio with its video: the alignment logic, free of ALSA and
 * V4L2 (tests/unit/test_avsync.c drives it alone).
 *
 * Samples are numbered as the card numbers them: sample number s counts
 * 48 kHz sample frames from the first sample of the input's frame 0 (the
 * card's frame counter, frames since the signal locked), and video frame
 * n holds the samples [cap_aud_frame_start(n), cap_aud_frame_start(n + 1))
 * (the ST 299 cadence, in the phase the driver gives). The driver gives the card frame count of a
 * capture's first sample frame and its offset (the ALSA control
 * SDI8K_ALSA_CTL_STREAM_START) and of each video buffer (the V4L2 control
 * SDI8K_CID_SEQUENCE_BASE plus its sequence): the ring below holds what
 * was read, by sample number, and hands each frame its samples.
 */
#ifndef SDI8K_CAPTURE_AVSYNC_H
#define SDI8K_CAPTURE_AVSYNC_H

#include <stddef.h>
#include <stdint.h>

/*
 * The first sample of video frame n at num/den frames per second, card
 * frame 0 being at position phase of the source's audio sequence:
 * A(n + phase) - A(phase), A(m) = round(m * 48000 * den / num)
 * (kernel/sdi8k-tables.h's sdi8k_aud_frame_start(); 0 when num is 0).
 */
uint64_t cap_aud_frame_start(uint64_t n, uint32_t phase, uint32_t num, uint32_t den);

/* The frames of the source's audio sequence at num/den: 5 or 1. */
uint32_t cap_aud_seq_len(uint32_t num, uint32_t den);

/* The most sample frames one video frame holds at num/den (0: none). */
uint32_t cap_aud_frame_max(uint32_t num, uint32_t den);

#define CAP_AHOLES 8

/*
 * Audio read ahead: the samples [start, end) by sample number, sample s
 * at buf[(s % cap) * channels]; holes: ranges inside [start, end) the
 * capture did not bring (an overrun and restart): zeros, counted as
 * silent when handed out. Nothing is held before the first push.
 */
struct cap_aring {
	int32_t *buf;
	unsigned channels;
	size_t cap;		/* sample frames */
	int primed;		/* something was pushed */
	uint64_t start;
	uint64_t end;
	unsigned nholes;
	uint64_t hole[CAP_AHOLES][2];	/* [from, to), ascending */
};

/* 0, or -EINVAL (channels 0, cap 0), -ENOMEM. */
int cap_aring_init(struct cap_aring *r, unsigned channels, size_t cap);
void cap_aring_free(struct cap_aring *r);
/* Forget every sample (a new capture); the buffer stays. */
void cap_aring_reset(struct cap_aring *r);

/*
 * Append n sample frames whose first is sample number at. at past the
 * end leaves a hole (zeros) between; at before it (samples already held
 * or handed out) skips what overlaps. When the ring is full the oldest
 * samples go (a frame taken later finds them silent).
 */
void cap_aring_push(struct cap_aring *r, uint64_t at, const int32_t *s,
		    size_t n);

/*
 * Samples [from, to) into out (to - from sample frames of channels
 * samples): those held as read, the others 0; then everything before
 * `to` is dropped. Returns how many sample frames were not held (silent).
 */
size_t cap_aring_take(struct cap_aring *r, uint64_t from, uint64_t to,
		      int32_t *out);

/* Everything before sample `to` is held or known missing: 1, else 0. */
static inline int cap_aring_covers(const struct cap_aring *r, uint64_t to)
{
	return r->primed && r->end >= to;
}

#endif /* SDI8K_CAPTURE_AVSYNC_H */
