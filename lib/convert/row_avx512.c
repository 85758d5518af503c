// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * AVX-512 (F, BW, VL) row functions (built with -mavx512f -mavx512bw
 * -mavx512vl, called only when the CPU and OS support them). 96 pixels (4
 * loads of 4 v210 blocks) per iteration; the per-block arithmetic is the
 * SSE4.1 one (see row_sse41.c) on the four 128-bit lanes, and vpermt2d
 * joins / splits the blocks.
 */
#include <immintrin.h>

#include "internal.h"

typedef __m512i V;
#define VB 64
#define G 96
#define NR 3
#define FN(name) name##_avx512

static inline __attribute__((always_inline)) V v_load(const void *p) { return _mm512_loadu_si512(p); }
static inline __attribute__((always_inline)) void v_store(void *p, V x) { _mm512_storeu_si512(p, x); }
static inline __attribute__((always_inline)) void v_store_lo(void *p, V x)
{
	_mm256_storeu_si256((__m256i *)p, _mm512_castsi512_si256(x));
}
/* nt: non-temporal; v_st: p 64-byte aligned; v_st2: 64 bytes at a 32-byte
 * aligned p; v_st_lo: the low 32 bytes at a 32-byte aligned p */
static inline __attribute__((always_inline)) void v_st(void *p, V x, int nt)
{
	if (nt)
		_mm512_stream_si512(p, x);
	else
		_mm512_storeu_si512(p, x);
}
static inline __attribute__((always_inline)) void v_st2(uint8_t *p, V x, int nt)
{
	if (nt) {
		_mm256_stream_si256((__m256i *)p, _mm512_castsi512_si256(x));
		_mm256_stream_si256((__m256i *)(p + 32),
				    _mm512_extracti64x4_epi64(x, 1));
	} else {
		_mm512_storeu_si512(p, x);
	}
}
static inline __attribute__((always_inline)) void v_st_lo(uint8_t *p, V x, int nt)
{
	if (nt)
		_mm256_stream_si256((__m256i *)p, _mm512_castsi512_si256(x));
	else
		v_store_lo(p, x);
}
static inline __attribute__((always_inline)) V v_set16(uint16_t x) { return _mm512_set1_epi16((short)x); }
static inline __attribute__((always_inline)) V v_clamp16(V x, V lo, V hi)
{
	return _mm512_min_epu16(_mm512_max_epu16(x, lo), hi);
}
static inline __attribute__((always_inline)) V v_srli16_6(V x) { return _mm512_srli_epi16(x, 6); }
static inline __attribute__((always_inline)) V v_avg_hi(V a, V b)
{
	return _mm512_and_si512(_mm512_add_epi16(_mm512_avg_epu16(a, b),
						 v_set16(32)),
				v_set16(0xffc0));
}

/* 16-byte pshufb pattern repeated in the 4 lanes */
static inline __attribute__((always_inline)) V lanes4(const int8_t p[16])
{
	__m128i x = _mm_loadu_si128((const __m128i *)p);

	return _mm512_broadcast_i32x4(x);
}

static inline __attribute__((always_inline)) V q_order(V x) /* qwords 0 2 4 6 1 3 5 7 */
{
	return _mm512_permutexvar_epi64(_mm512_setr_epi64(0, 2, 4, 6, 1, 3, 5, 7),
					x);
}

static inline __attribute__((always_inline)) void dec_block4(V x, V *ty, V *tc, const int lowbit)
{
	static const int8_t sy[16] = { 0, 1, 4, 5, 6, 7, 8, 9, 12, 13, 14, 15,
				       -1, -1, -1, -1 };
	static const int8_t sc[16] = { 0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13,
				       -1, -1, -1, -1 };
	const V mult = _mm512_set1_epi32(64 | (4 << 16));
	V ac = lowbit ? _mm512_srli_epi16(_mm512_mullo_epi16(x, mult), 6)
		      : _mm512_and_si512(_mm512_mullo_epi16(x, mult),
					 v_set16(0xffc0));
	V b = lowbit ? _mm512_and_si512(_mm512_srli_epi32(x, 10),
					_mm512_set1_epi32(0x3ff))
		     : _mm512_and_si512(_mm512_srli_epi32(x, 4),
					_mm512_set1_epi32(0xffc0));

	*ty = _mm512_shuffle_epi8(_mm512_mask_blend_epi16(0x11111111, ac, b),
				  lanes4(sy));
	*tc = _mm512_shuffle_epi8(_mm512_mask_blend_epi16(0x44444444, ac, b),
				  lanes4(sc));
}

/* t[k]: lane l holds block 4k+l in dwords 4l..4l+2 -> 3 dense vectors */
static inline __attribute__((always_inline)) void join(const V t[4], V *o)
{
	o[0] = _mm512_permutex2var_epi32(t[0],
		_mm512_setr_epi32(0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14,
				  16, 17, 18, 20), t[1]);
	o[1] = _mm512_permutex2var_epi32(t[1],
		_mm512_setr_epi32(5, 6, 8, 9, 10, 12, 13, 14,
				  16, 17, 18, 20, 21, 22, 24, 25), t[2]);
	o[2] = _mm512_permutex2var_epi32(t[2],
		_mm512_setr_epi32(10, 12, 13, 14, 16, 17, 18, 20,
				  21, 22, 24, 25, 26, 28, 29, 30), t[3]);
}

static inline __attribute__((always_inline)) void dec_group(const uint8_t *src, V *y, V *c,
			     const int lowbit)
{
	V ty[4], tc[4];

	UNROLL for (int k = 0; k < 4; k++)
		dec_block4(v_load(src + 64 * k), &ty[k], &tc[k], lowbit);
	join(ty, y);
	join(tc, c);
}

/* 3 dense vectors -> 4 with block 4k+l in lane l (dwords 4l..4l+2) */
static inline __attribute__((always_inline)) void split(const V *d, V *t)
{
	t[0] = _mm512_permutexvar_epi32(
		_mm512_setr_epi32(0, 1, 2, 0, 3, 4, 5, 0, 6, 7, 8, 0, 9, 10, 11, 0),
		d[0]);
	t[1] = _mm512_permutex2var_epi32(d[0],
		_mm512_setr_epi32(12, 13, 14, 0, 15, 16, 17, 0, 18, 19, 20, 0,
				  21, 22, 23, 0), d[1]);
	t[2] = _mm512_permutex2var_epi32(d[1],
		_mm512_setr_epi32(8, 9, 10, 0, 11, 12, 13, 0, 14, 15, 16, 0,
				  17, 18, 19, 0), d[2]);
	t[3] = _mm512_permutexvar_epi32(
		_mm512_setr_epi32(4, 5, 6, 0, 7, 8, 9, 0, 10, 11, 12, 0, 13, 14,
				  15, 0), d[2]);
}

static inline __attribute__((always_inline)) V enc_block4(V ty, V tc)
{
	static const int8_t spc[16] = { 0, 1, -1, -1, -1, -1, 4, 5, 6, 7,
					-1, -1, -1, -1, 10, 11 };
	static const int8_t spy[16] = { -1, -1, 0, 1, 2, 3, -1, -1, -1, -1,
					6, 7, 8, 9, -1, -1 };
	static const int8_t src[16] = { 2, 3, -1, -1, -1, -1, -1, -1, 8, 9,
					-1, -1, -1, -1, -1, -1 };
	static const int8_t sry[16] = { -1, -1, -1, -1, 4, 5, -1, -1, -1, -1,
					-1, -1, 10, 11, -1, -1 };
	const V madd = _mm512_set1_epi32(1 | (1024 << 16));
	V p = _mm512_or_si512(_mm512_shuffle_epi8(tc, lanes4(spc)),
			      _mm512_shuffle_epi8(ty, lanes4(spy)));
	V r = _mm512_or_si512(_mm512_shuffle_epi8(tc, lanes4(src)),
			      _mm512_shuffle_epi8(ty, lanes4(sry)));

	return _mm512_or_si512(_mm512_madd_epi16(p, madd),
			       _mm512_slli_epi32(r, 20));
}

static inline __attribute__((always_inline)) void enc_group(const V *y, const V *c, uint8_t *dst, int nt)
{
	V ty[4], tc[4];

	split(y, ty);
	split(c, tc);
	UNROLL for (int k = 0; k < 4; k++)
		v_st(dst + 64 * k, enc_block4(ty[k], tc[k]), nt);
}

static inline __attribute__((always_inline)) void w_uv(const V *c, uint8_t *du, uint8_t *dv, int nt)
{
	/* even / odd 16-bit lanes of (c0, c1) and of c2: one vpermt2w each */
	static const uint16_t even[32] = { 0, 2, 4, 6, 8, 10, 12, 14, 16, 18,
					   20, 22, 24, 26, 28, 30, 32, 34, 36,
					   38, 40, 42, 44, 46, 48, 50, 52, 54,
					   56, 58, 60, 62 };
	const V ev = v_load(even);
	const V od = _mm512_add_epi16(ev, v_set16(1));

	v_st2(du, _mm512_permutex2var_epi16(c[0], ev, c[1]), nt);
	v_st2(dv, _mm512_permutex2var_epi16(c[0], od, c[1]), nt);
	v_st_lo(du + VB, _mm512_permutexvar_epi16(ev, c[2]), nt);
	v_st_lo(dv + VB, _mm512_permutexvar_epi16(od, c[2]), nt);
}

static inline __attribute__((always_inline)) void w_pivot(const V *y, const V *c, uint8_t *dy, uint8_t *du,
			   uint8_t *dv, int nt)
{
	UNROLL for (int i = 0; i < NR; i++)
		v_st(dy + i * VB, y[i], nt);
	w_uv(c, du, dv, nt);
}

/* [lo.l0 hi.l0 lo.l1 hi.l1], [lo.l2 hi.l2 lo.l3 hi.l3] */
static inline __attribute__((always_inline)) V ilv_first(V lo, V hi)
{
	return _mm512_permutex2var_epi64(lo,
		_mm512_setr_epi64(0, 1, 8, 9, 2, 3, 10, 11), hi);
}

static inline __attribute__((always_inline)) V ilv_second(V lo, V hi)
{
	return _mm512_permutex2var_epi64(lo,
		_mm512_setr_epi64(4, 5, 12, 13, 6, 7, 14, 15), hi);
}

static inline __attribute__((always_inline)) void w_y210(const V *y, const V *c, uint8_t *d, int nt)
{
	UNROLL for (int i = 0; i < NR; i++) {
		V lo = _mm512_unpacklo_epi16(y[i], c[i]);
		V hi = _mm512_unpackhi_epi16(y[i], c[i]);

		v_st(d + 2 * i * VB, ilv_first(lo, hi), nt);
		v_st(d + (2 * i + 1) * VB, ilv_second(lo, hi), nt);
	}
}

static inline __attribute__((always_inline)) V to8_hi(V x)
{
	return _mm512_and_si512(_mm512_adds_epu16(x, v_set16(128)),
				v_set16(0xff00));
}

static inline __attribute__((always_inline)) V to8_lo(V x)
{
	return _mm512_srli_epi16(_mm512_adds_epu16(x, v_set16(128)), 8);
}

static inline __attribute__((always_inline)) void w_uyvy(const V *y, const V *c, uint8_t *d, int nt)
{
	UNROLL for (int i = 0; i < NR; i++)
		v_st(d + i * VB, _mm512_or_si512(to8_lo(c[i]), to8_hi(y[i])), nt);
}

static inline __attribute__((always_inline)) void w_yuyv(const V *y, const V *c, uint8_t *d, int nt)
{
	UNROLL for (int i = 0; i < NR; i++)
		v_st(d + i * VB, _mm512_or_si512(to8_lo(y[i]), to8_hi(c[i])), nt);
}

static inline __attribute__((always_inline)) void w_8(const V *x, uint8_t *d, int nt)
{
	V x2 = to8_lo(x[2]);

	v_st2(d, q_order(_mm512_packus_epi16(to8_lo(x[0]), to8_lo(x[1]))), nt);
	v_st_lo(d + VB, q_order(_mm512_packus_epi16(x2, x2)), nt);
}

static inline __attribute__((always_inline)) void w_nv16(const V *y, const V *c, uint8_t *dy, uint8_t *dc, int nt)
{
	w_8(y, dy, nt);
	w_8(c, dc, nt);
}

static inline __attribute__((always_inline)) void r_y210(const uint8_t *s, V *y, V *c)
{
	UNROLL for (int i = 0; i < NR; i++) {
		V a = v_load(s + 2 * i * VB), b = v_load(s + (2 * i + 1) * VB);

		y[i] = q_order(_mm512_packus_epi32(
			_mm512_srli_epi32(_mm512_slli_epi32(a, 16), 22),
			_mm512_srli_epi32(_mm512_slli_epi32(b, 16), 22)));
		c[i] = q_order(_mm512_packus_epi32(_mm512_srli_epi32(a, 22),
						   _mm512_srli_epi32(b, 22)));
	}
}

static inline __attribute__((always_inline)) void r_pivot(const uint8_t *sy, const uint8_t *su,
			   const uint8_t *sv, V *y, V *c)
{
	V u = v_load(su), v = v_load(sv);
	__m256i u2 = _mm256_loadu_si256((const __m256i *)(su + VB));
	__m256i v2 = _mm256_loadu_si256((const __m256i *)(sv + VB));
	V lo = _mm512_unpacklo_epi16(u, v), hi = _mm512_unpackhi_epi16(u, v);
	V t = _mm512_inserti64x4(
		_mm512_castsi256_si512(_mm256_unpacklo_epi16(u2, v2)),
		_mm256_unpackhi_epi16(u2, v2), 1);

	UNROLL for (int i = 0; i < NR; i++)
		y[i] = v_load(sy + i * VB);
	c[0] = ilv_first(lo, hi);
	c[1] = ilv_second(lo, hi);
	c[2] = _mm512_permutexvar_epi64(_mm512_setr_epi64(0, 1, 4, 5, 2, 3, 6, 7),
					t);
}

/* 32-bit lane helpers for RGB: 16 pixels per vector */
#define P 16
static inline __attribute__((always_inline)) V v32_set(int32_t x) { return _mm512_set1_epi32(x); }
static inline __attribute__((always_inline)) V v32_add(V a, V b) { return _mm512_add_epi32(a, b); }
static inline __attribute__((always_inline)) V v32_sub(V a, V b) { return _mm512_sub_epi32(a, b); }
static inline __attribute__((always_inline)) V v32_mul(V a, V b) { return _mm512_mullo_epi32(a, b); }
static inline __attribute__((always_inline)) V v32_min(V a, V b) { return _mm512_min_epi32(a, b); }
static inline __attribute__((always_inline)) V v32_max(V a, V b) { return _mm512_max_epi32(a, b); }
static inline __attribute__((always_inline)) V v32_srai16(V a) { return _mm512_srai_epi32(a, 16); }
#define v32_slli(a, n) _mm512_slli_epi32((a), (n))
static inline __attribute__((always_inline)) V v32_or(V a, V b) { return _mm512_or_si512(a, b); }
static inline __attribute__((always_inline)) V v32_y(const uint8_t *p)
{
	return _mm512_cvtepu16_epi32(_mm256_loadu_si256((const __m256i *)p));
}
static inline __attribute__((always_inline)) V v32_c2(const uint8_t *p)
{
	__m128i x = _mm_loadu_si128((const __m128i *)p);

	return _mm512_cvtepu16_epi32(_mm256_set_m128i(_mm_unpackhi_epi16(x, x),
						      _mm_unpacklo_epi16(x, x)));
}

/* 8-bit readers: packed Cb Y Cr Y (y_high: Y in the high byte of each
 * 16-bit pair) -> dense Y, CbCr of the bytes; and VB/2 bytes -> VB */
static inline __attribute__((always_inline)) V v_and(V a, V b) { return _mm512_and_si512(a, b); }
#define v_slli16(x, n) _mm512_slli_epi16((x), (n))
static inline __attribute__((always_inline)) V v_min16(V a, V b) { return _mm512_min_epu16(a, b); }
static inline __attribute__((always_inline)) void r_p8(const uint8_t *p, V *y, V *c, int y_high)
{
	const V lo8 = v_set16(0xff);

	UNROLL for (int i = 0; i < NR; i++) {
		V x = v_load(p + i * VB);
		V hb = _mm512_srli_epi16(x, 8), lb = _mm512_and_si512(x, lo8);

		y[i] = y_high ? hb : lb;
		c[i] = y_high ? lb : hb;
	}
}
static inline __attribute__((always_inline)) V v_u8(const uint8_t *p)
{
	return _mm512_cvtepu8_epi16(_mm256_loadu_si256((const __m256i *)p));
}

#define v32_srli(a, n) _mm512_srli_epi32((a), (n))
#define v32_srai(a, n) _mm512_srai_epi32((a), (n))
static inline __attribute__((always_inline)) V v32_and(V a, V b) { return _mm512_and_si512(a, b); }
static inline __attribute__((always_inline)) V v32_clamp(V x, V lo, V hi) { return _mm512_min_epi32(_mm512_max_epi32(x, lo), hi); }
static inline __attribute__((always_inline)) V v32_bcast0(V x) { return _mm512_broadcastd_epi32(_mm512_castsi512_si128(x)); }
/* lane k <- x[k-1], lane 0 <- the last lane of prev */
static inline __attribute__((always_inline)) V v32_prev(V x, V prev) { return _mm512_alignr_epi32(x, prev, 15); }
/* lane k <- x[k+1] (the last lane: anything) */
static inline __attribute__((always_inline)) V v32_next(V x) { return _mm512_alignr_epi32(x, x, 1); }
static inline __attribute__((always_inline)) V v32_pack2(V a, V b) { return q_order(_mm512_packus_epi32(a, b)); }
static inline __attribute__((always_inline)) V v32_pack_even4(V a, V b, V c, V d)
{
	const V ev = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20,
				       22, 24, 26, 28, 30);

	return q_order(_mm512_packus_epi32(_mm512_permutex2var_epi32(a, ev, b),
					   _mm512_permutex2var_epi32(c, ev, d)));
}

#include "row_simd_tmpl.h"

void sdi8k__dsp_init_avx512(struct sdi8k_dsp *d)
{
	FN(register)(d);
}
