// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * SSE4.1 row functions (built with -msse4.1, called only when the CPU has
 * it). 48 pixels (8 v210 blocks of 16 bytes) per iteration.
 *
 * v210 decode, per 16-byte block of four words w (s0..s11 the samples):
 *   ac = (w *16 {64, 4}) & 0xffc0   -> s0 s2 | s3 s5 | s6 s8 | s9 s11 << 6
 *   b  = (w >> 4) & 0x0000ffc0      -> s1 0  | s4 0  | s7 0  | s10 0  << 6
 * (the multiply moves the sample at bit 0 and at bit 20 of each word to
 * bits 6-15 of its 16-bit half, dropping the padding bits), then two
 * blends + pshufb give the block's 6 Y and 6 CbCr in lanes 0-5, and byte
 * shifts join 4 blocks into 3 dense vectors.
 */
#include <immintrin.h>
#include <string.h>

#include "internal.h"

typedef __m128i V;
#define VB 16
#define G 48
#define NR 6
#define FN(name) name##_sse41

static inline __attribute__((always_inline)) V v_load(const void *p) { return _mm_loadu_si128((const V *)p); }
static inline __attribute__((always_inline)) void v_store(void *p, V x) { _mm_storeu_si128((V *)p, x); }
/* nt: non-temporal (p is then 16-byte aligned) */
static inline __attribute__((always_inline)) void v_st(void *p, V x, int nt)
{
	if (nt)
		_mm_stream_si128((V *)p, x);
	else
		_mm_storeu_si128((V *)p, x);
}
static inline __attribute__((always_inline)) V v_set16(uint16_t x) { return _mm_set1_epi16((short)x); }
static inline __attribute__((always_inline)) V v_clamp16(V x, V lo, V hi)
{
	return _mm_min_epu16(_mm_max_epu16(x, lo), hi);
}
static inline __attribute__((always_inline)) V v_srli16_6(V x) { return _mm_srli_epi16(x, 6); }

/* ((a + b + 1) >> 1) << 6 for a, b holding v << 6 */
static inline __attribute__((always_inline)) V v_avg_hi(V a, V b)
{
	return _mm_and_si128(_mm_add_epi16(_mm_avg_epu16(a, b), v_set16(32)),
			     v_set16(0xffc0));
}

/* Block -> (Y0..Y5, 0, 0) and (C0..C5, 0, 0), high bits or, if lowbit,
 * low bits (then ac = mul >> 6 and b = (w >> 10) & 0x3ff). */
static inline __attribute__((always_inline)) void dec_block(V x, V *ty, V *tc, const int lowbit)
{
	const V mult = _mm_set1_epi32(64 | (4 << 16));
	const V shuf_y = _mm_setr_epi8(0, 1, 4, 5, 6, 7, 8, 9, 12, 13, 14, 15,
				       -1, -1, -1, -1);
	const V shuf_c = _mm_setr_epi8(0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13,
				       -1, -1, -1, -1);
	V ac = lowbit ? _mm_srli_epi16(_mm_mullo_epi16(x, mult), 6)
		      : _mm_and_si128(_mm_mullo_epi16(x, mult), v_set16(0xffc0));
	V b = lowbit ? _mm_and_si128(_mm_srli_epi32(x, 10), _mm_set1_epi32(0x3ff))
		     : _mm_and_si128(_mm_srli_epi32(x, 4), _mm_set1_epi32(0xffc0));

	/* ac: C0 C1 Y1 Y2 C3 C4 Y4 Y5, b: Y0 - C2 - Y3 - C5 - */
	*ty = _mm_shuffle_epi8(_mm_blend_epi16(ac, b, 0x11), shuf_y);
	*tc = _mm_shuffle_epi8(_mm_blend_epi16(ac, b, 0x44), shuf_c);
}

/* 4 blocks of 6 samples (lanes 0-5, zero above) -> 3 dense vectors */
static inline __attribute__((always_inline)) void join4(const V t[4], V *out)
{
	out[0] = _mm_or_si128(t[0], _mm_slli_si128(t[1], 12));
	out[1] = _mm_or_si128(_mm_srli_si128(t[1], 4), _mm_slli_si128(t[2], 8));
	out[2] = _mm_or_si128(_mm_srli_si128(t[2], 8), _mm_slli_si128(t[3], 4));
}

static inline __attribute__((always_inline)) void dec_group(const uint8_t *src, V *y, V *c,
			     const int lowbit)
{
	UNROLL for (int h = 0; h < 2; h++) {
		V ty[4], tc[4];

		UNROLL for (int b = 0; b < 4; b++)
			dec_block(v_load(src + 64 * h + 16 * b), &ty[b], &tc[b],
				  lowbit);
		join4(ty, y + 3 * h);
		join4(tc, c + 3 * h);
	}
}

/* 3 dense vectors -> 4 windows with block b's 6 samples in lanes 0-5 */
static inline __attribute__((always_inline)) void split4(const V *d, V t[4])
{
	t[0] = d[0];
	t[1] = _mm_alignr_epi8(d[1], d[0], 12);
	t[2] = _mm_alignr_epi8(d[2], d[1], 8);
	t[3] = _mm_srli_si128(d[2], 4);
}

/* Block of 6 Y and 6 C (low bits, lanes 0-5) -> 16 bytes of v210:
 *   w0 = C0 | Y0 << 10 | C1 << 20    w1 = Y1 | C2 << 10 | Y2 << 20
 *   w2 = C3 | Y3 << 10 | C4 << 20    w3 = Y4 | C5 << 10 | Y5 << 20
 * pmaddwd of (lo, hi) pairs with (1, 1024) gives the first two fields. */
static inline __attribute__((always_inline)) V enc_block(V ty, V tc)
{
	const V sp_c = _mm_setr_epi8(0, 1, -1, -1, -1, -1, 4, 5, 6, 7, -1, -1,
				     -1, -1, 10, 11);
	const V sp_y = _mm_setr_epi8(-1, -1, 0, 1, 2, 3, -1, -1, -1, -1, 6, 7,
				     8, 9, -1, -1);
	const V sr_c = _mm_setr_epi8(2, 3, -1, -1, -1, -1, -1, -1, 8, 9, -1, -1,
				     -1, -1, -1, -1);
	const V sr_y = _mm_setr_epi8(-1, -1, -1, -1, 4, 5, -1, -1, -1, -1, -1,
				     -1, 10, 11, -1, -1);
	const V madd = _mm_set1_epi32(1 | (1024 << 16));
	V p = _mm_or_si128(_mm_shuffle_epi8(tc, sp_c), _mm_shuffle_epi8(ty, sp_y));
	V r = _mm_or_si128(_mm_shuffle_epi8(tc, sr_c), _mm_shuffle_epi8(ty, sr_y));

	return _mm_or_si128(_mm_madd_epi16(p, madd), _mm_slli_epi32(r, 20));
}

static inline __attribute__((always_inline)) void enc_group(const V *y, const V *c, uint8_t *dst, int nt)
{
	UNROLL for (int h = 0; h < 2; h++) {
		V ty[4], tc[4];

		split4(y + 3 * h, ty);
		split4(c + 3 * h, tc);
		UNROLL for (int b = 0; b < 4; b++)
			v_st(dst + 64 * h + 16 * b, enc_block(ty[b], tc[b]), nt);
	}
}

/* CbCr pairs (2 vectors) -> Cb (1 vector), Cr (1 vector), same domain */
static inline __attribute__((always_inline)) void split_uv(V c0, V c1, V *u, V *v)
{
	const V lo16 = _mm_set1_epi32(0xffff);

	*u = _mm_packus_epi32(_mm_and_si128(c0, lo16), _mm_and_si128(c1, lo16));
	*v = _mm_packus_epi32(_mm_srli_epi32(c0, 16), _mm_srli_epi32(c1, 16));
}

static inline __attribute__((always_inline)) void w_uv(const V *c, uint8_t *du, uint8_t *dv, int nt)
{
	UNROLL for (int i = 0; i < NR / 2; i++) {
		V u, v;

		split_uv(c[2 * i], c[2 * i + 1], &u, &v);
		v_st(du + i * VB, u, nt);
		v_st(dv + i * VB, v, nt);
	}
}

static inline __attribute__((always_inline)) void w_pivot(const V *y, const V *c, uint8_t *dy, uint8_t *du,
			   uint8_t *dv, int nt)
{
	UNROLL for (int i = 0; i < NR; i++)
		v_st(dy + i * VB, y[i], nt);
	w_uv(c, du, dv, nt);
}

static inline __attribute__((always_inline)) void w_y210(const V *y, const V *c, uint8_t *d, int nt)
{
	UNROLL for (int i = 0; i < NR; i++) {
		v_st(d + 2 * i * VB, _mm_unpacklo_epi16(y[i], c[i]), nt);
		v_st(d + (2 * i + 1) * VB, _mm_unpackhi_epi16(y[i], c[i]), nt);
	}
}

/* high-bit 10-bit -> 8-bit (v + 2) >> 2 saturated, in the high byte */
static inline __attribute__((always_inline)) V to8_hi(V x)
{
	return _mm_and_si128(_mm_adds_epu16(x, v_set16(128)), v_set16(0xff00));
}

static inline __attribute__((always_inline)) V to8_lo(V x)
{
	return _mm_srli_epi16(_mm_adds_epu16(x, v_set16(128)), 8);
}

static inline __attribute__((always_inline)) void w_uyvy(const V *y, const V *c, uint8_t *d, int nt)
{
	UNROLL for (int i = 0; i < NR; i++)
		v_st(d + i * VB, _mm_or_si128(to8_lo(c[i]), to8_hi(y[i])), nt);
}

static inline __attribute__((always_inline)) void w_yuyv(const V *y, const V *c, uint8_t *d, int nt)
{
	UNROLL for (int i = 0; i < NR; i++)
		v_st(d + i * VB, _mm_or_si128(to8_lo(y[i]), to8_hi(c[i])), nt);
}

static inline __attribute__((always_inline)) void w_8(const V *x, uint8_t *d, int nt)
{
	UNROLL for (int i = 0; i < NR / 2; i++)
		v_st(d + i * VB, _mm_packus_epi16(to8_lo(x[2 * i]),
						  to8_lo(x[2 * i + 1])), nt);
}

static inline __attribute__((always_inline)) void w_nv16(const V *y, const V *c, uint8_t *dy, uint8_t *dc, int nt)
{
	w_8(y, dy, nt);
	w_8(c, dc, nt);
}

/* Y210 (Y C Y C ... high bits) -> dense low-bit Y, C */
static inline __attribute__((always_inline)) void r_y210(const uint8_t *s, V *y, V *c)
{
	UNROLL for (int i = 0; i < NR; i++) {
		V a = v_load(s + 2 * i * VB), b = v_load(s + (2 * i + 1) * VB);

		y[i] = _mm_packus_epi32(_mm_srli_epi32(_mm_slli_epi32(a, 16), 22),
					_mm_srli_epi32(_mm_slli_epi32(b, 16), 22));
		c[i] = _mm_packus_epi32(_mm_srli_epi32(a, 22),
					_mm_srli_epi32(b, 22));
	}
}

/* yuv422p10 -> dense Y, C (low bits, not yet clamped to 1023) */
static inline __attribute__((always_inline)) void r_pivot(const uint8_t *sy, const uint8_t *su,
			   const uint8_t *sv, V *y, V *c)
{
	UNROLL for (int i = 0; i < NR; i++)
		y[i] = v_load(sy + i * VB);
	UNROLL for (int i = 0; i < NR / 2; i++) {
		V u = v_load(su + i * VB), v = v_load(sv + i * VB);

		c[2 * i] = _mm_unpacklo_epi16(u, v);
		c[2 * i + 1] = _mm_unpackhi_epi16(u, v);
	}
}

/* 32-bit lane helpers for RGB: 4 pixels per vector */
#define P 4
static inline __attribute__((always_inline)) V v32_set(int32_t x) { return _mm_set1_epi32(x); }
static inline __attribute__((always_inline)) V v32_add(V a, V b) { return _mm_add_epi32(a, b); }
static inline __attribute__((always_inline)) V v32_sub(V a, V b) { return _mm_sub_epi32(a, b); }
static inline __attribute__((always_inline)) V v32_mul(V a, V b) { return _mm_mullo_epi32(a, b); }
static inline __attribute__((always_inline)) V v32_min(V a, V b) { return _mm_min_epi32(a, b); }
static inline __attribute__((always_inline)) V v32_max(V a, V b) { return _mm_max_epi32(a, b); }
static inline __attribute__((always_inline)) V v32_srai16(V a) { return _mm_srai_epi32(a, 16); }
#define v32_slli(a, n) _mm_slli_epi32((a), (n))
static inline __attribute__((always_inline)) V v32_or(V a, V b) { return _mm_or_si128(a, b); }
/* P 16-bit samples -> P 32-bit lanes */
static inline __attribute__((always_inline)) V v32_y(const uint8_t *p)
{
	return _mm_cvtepu16_epi32(_mm_loadl_epi64((const __m128i *)p));
}
/* P/2 16-bit samples, each twice -> P 32-bit lanes */
static inline __attribute__((always_inline)) V v32_c2(const uint8_t *p)
{
	int32_t t;
	V x;

	memcpy(&t, p, 4);
	x = _mm_cvtsi32_si128(t);
	return _mm_cvtepu16_epi32(_mm_unpacklo_epi16(x, x));
}

/* 8-bit readers: packed Cb Y Cr Y (y_high: Y in the high byte of each
 * 16-bit pair) -> dense Y, CbCr of the bytes; and VB/2 bytes -> VB */
static inline __attribute__((always_inline)) V v_and(V a, V b) { return _mm_and_si128(a, b); }
#define v_slli16(x, n) _mm_slli_epi16((x), (n))
static inline __attribute__((always_inline)) V v_min16(V a, V b) { return _mm_min_epu16(a, b); }
static inline __attribute__((always_inline)) void r_p8(const uint8_t *p, V *y, V *c, int y_high)
{
	const V lo8 = v_set16(0xff);

	UNROLL for (int i = 0; i < NR; i++) {
		V x = v_load(p + i * VB);
		V hb = _mm_srli_epi16(x, 8), lb = _mm_and_si128(x, lo8);

		y[i] = y_high ? hb : lb;
		c[i] = y_high ? lb : hb;
	}
}
static inline __attribute__((always_inline)) V v_u8(const uint8_t *p)
{
	return _mm_cvtepu8_epi16(_mm_loadl_epi64((const __m128i *)p));
}

#define v32_srli(a, n) _mm_srli_epi32((a), (n))
#define v32_srai(a, n) _mm_srai_epi32((a), (n))
static inline __attribute__((always_inline)) V v32_and(V a, V b) { return _mm_and_si128(a, b); }
static inline __attribute__((always_inline)) V v32_clamp(V x, V lo, V hi) { return _mm_min_epi32(_mm_max_epi32(x, lo), hi); }
static inline __attribute__((always_inline)) V v32_bcast0(V x) { return _mm_shuffle_epi32(x, 0); }
/* lane k <- x[k-1], lane 0 <- the last lane of prev */
static inline __attribute__((always_inline)) V v32_prev(V x, V prev) { return _mm_alignr_epi8(x, prev, 12); }
/* lane k <- x[k+1] (the last lane: anything) */
static inline __attribute__((always_inline)) V v32_next(V x) { return _mm_srli_si128(x, 4); }
/* 32-bit lanes (<= 65535) of a, b -> 16-bit, in order */
static inline __attribute__((always_inline)) V v32_pack2(V a, V b) { return _mm_packus_epi32(a, b); }
/* the even lanes of a, b, c, d -> 16-bit, in order */
static inline __attribute__((always_inline)) V v32_pack_even4(V a, V b, V c, V d)
{
	V ab = _mm_unpacklo_epi64(_mm_shuffle_epi32(a, 0x88), _mm_shuffle_epi32(b, 0x88));
	V cd = _mm_unpacklo_epi64(_mm_shuffle_epi32(c, 0x88), _mm_shuffle_epi32(d, 0x88));

	return _mm_packus_epi32(ab, cd);
}

#include "row_simd_tmpl.h"

void sdi8k__dsp_init_sse41(struct sdi8k_dsp *d)
{
	FN(register)(d);
}
