/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Shared helpers of the libsdi8k unit tests. */
#ifndef SDI8K_TEST_HELPERS_H
#define SDI8K_TEST_HELPERS_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sdi8k/convert.h>

#define CANARY 0xa5
#define EXTRA 64 /* bytes of canary after each line's minimum stride */
#define ALIGN64 ((size_t)-1)

/* xorshift64*: deterministic, seedable, no global state. */
static inline uint64_t rnd64(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*s = x;
	return x * 0x2545f4914f6cdd1dull;
}

/* A frame with every plane in its own buffer, strides = minimum + EXTRA
 * (rounded up to 4), filled with CANARY. */
struct tframe {
	struct sdi8k_frame f;
	size_t ms[SDI8K_MAX_PLANES], lines[SDI8K_MAX_PLANES];
	uint8_t *buf[SDI8K_MAX_PLANES];
	int planes;
};

static inline void tframe_alloc(struct tframe *t, enum sdi8k_pixfmt fmt,
				uint32_t w, uint32_t h, size_t extra)
{
	int p;

	memset(t, 0, sizeof(*t));
	t->planes = sdi8k_frame_layout(fmt, w, h, t->ms, t->lines, NULL, NULL);
	t->f.format = fmt;
	t->f.width = w;
	t->f.height = h;
	for (p = 0; p < t->planes; p++) {
		/* extra == ALIGN64: strides rounded up to 64 bytes (+64) */
		size_t st = extra == ALIGN64 ? (t->ms[p] + 127) & ~(size_t)63
					     : (t->ms[p] + extra + 3) & ~(size_t)3;

		t->f.stride[p] = st;
		t->buf[p] = aligned_alloc(64, (st * t->lines[p] + 63) / 64 * 64);
		memset(t->buf[p], CANARY, st * t->lines[p]);
		t->f.data[p] = t->buf[p];
	}
}

static inline void tframe_free(struct tframe *t)
{
	int p;

	for (p = 0; p < t->planes; p++)
		free(t->buf[p]);
}

enum fill { FILL_RANDOM, FILL_ZERO, FILL_ONES, FILL_MAX10, FILL_CANON };

/* Fill the minimum-stride part of every line. FILL_RANDOM: any bytes
 * (padding bits, low bits of high-bit words and top bits of low-bit words
 * included). FILL_ONES: all bits set. FILL_MAX10: every 10-bit sample
 * 1023 and nothing else set. FILL_CANON: random valid samples with every
 * unused bit and padding sample 0 (what a conversion writes). */
void tframe_fill(struct tframe *t, enum fill how, uint64_t seed);

/* 1 if the bytes past the minimum stride of every line are still CANARY. */
int tframe_canaries_ok(const struct tframe *t);

/* Index of the first differing byte in the minimum-stride areas, or -1;
 * *plane, *line, *col say where. */
long tframe_diff(const struct tframe *a, const struct tframe *b, int *plane,
		 int *line, long *col);

static const enum sdi8k_pixfmt yuv_formats[] = {
	SDI8K_FMT_V210, SDI8K_FMT_Y210, SDI8K_FMT_P210, SDI8K_FMT_P010,
	SDI8K_FMT_YUV422P10, SDI8K_FMT_YUV420P10, SDI8K_FMT_UYVY,
	SDI8K_FMT_YUYV, SDI8K_FMT_NV16, SDI8K_FMT_NV12,
};
#define N_YUV (sizeof(yuv_formats) / sizeof(yuv_formats[0]))

#endif
