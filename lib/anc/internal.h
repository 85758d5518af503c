/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libsdi8k internals of lib/anc/: a bounds-checked big-endian bit reader
 * and writer, and helpers shared by the ancillary-data parsers.
 */
#ifndef SDI8K_ANC_INTERNAL_H
#define SDI8K_ANC_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Reads MSB first. A read past the end returns 0 and sets over; callers
 * check over before trusting anything read since their last check. */
struct sdi8k_br {
	const uint8_t *p;
	size_t bits;		/* total bits */
	size_t pos;		/* next bit */
	bool over;
};

static inline void sdi8k_br_init(struct sdi8k_br *b, const uint8_t *p, size_t n)
{
	b->p = p;
	b->bits = n * 8;
	b->pos = 0;
	b->over = false;
}

static inline uint32_t sdi8k_br_get(struct sdi8k_br *b, unsigned n)
{
	uint32_t v = 0;

	if (b->over || n > b->bits - b->pos) {
		b->over = true;
		return 0;
	}
	while (n--) {
		v = v << 1 | ((b->p[b->pos >> 3] >> (7 - (b->pos & 7))) & 1);
		b->pos++;
	}
	return v;
}

/* Writes MSB first into p[0..cap-1] (zeroed as it goes); sets over when
 * it would not fit. */
struct sdi8k_bw {
	uint8_t *p;
	size_t cap;		/* bytes */
	size_t pos;		/* bits written */
	bool over;
};

static inline void sdi8k_bw_init(struct sdi8k_bw *w, uint8_t *p, size_t cap)
{
	w->p = p;
	w->cap = cap;
	w->pos = 0;
	w->over = false;
}

static inline void sdi8k_bw_put(struct sdi8k_bw *w, uint32_t v, unsigned n)
{
	if (w->over || n > w->cap * 8 - w->pos) {
		w->over = true;
		return;
	}
	while (n--) {
		size_t byte = w->pos >> 3;
		unsigned sh = 7 - (w->pos & 7);

		if (sh == 7)
			w->p[byte] = 0;
		w->p[byte] |= (uint8_t)(((v >> n) & 1) << sh);
		w->pos++;
	}
}

/* bytes used so far (the last one padded with zero bits) */
static inline size_t sdi8k_bw_bytes(const struct sdi8k_bw *w)
{
	return (w->pos + 7) / 8;
}

static inline uint16_t sdi8k_rd16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t sdi8k_rd32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static inline void sdi8k_wr16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void sdi8k_wr32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* true if 10-bit word w is 8-bit value w & 0xff with correct parity */
bool sdi8k__anc_word_ok(uint16_t w);

/*
 * The bad_payload field of an SDI8K_META_FMT_ANC buffer that
 * sdi8k_anc_frame_open() accepted: 0 when its header (header_size) is
 * too short to have one (drivers before the field).
 */
uint32_t sdi8k__anc_frame_bad_payload(const void *buf, size_t len);

#endif /* SDI8K_ANC_INTERNAL_H */
