// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * AVX2 row functions (built with -mavx2, called only when the CPU and OS
 * support it). 48 pixels (4 loads of 2 v210 blocks) per iteration; the
 * per-block arithmetic is the SSE4.1 one (see row_sse41.c) on both
 * 128-bit lanes, and vpermd + vpblendd join / split the blocks.
 */
#include <immintrin.h>

#include "internal.h"

typedef __m256i V;
#define VB 32
#define G 48
#define NR 3
#define FN(name) name##_avx2

static inline __attribute__((always_inline)) V v_load(const void *p) { return _mm256_loadu_si256((const V *)p); }
static inline __attribute__((always_inline)) void v_store(void *p, V x) { _mm256_storeu_si256((V *)p, x); }
static inline __attribute__((always_inline)) void v_store_lo(void *p, V x)
{
	_mm_storeu_si128((__m128i *)p, _mm256_castsi256_si128(x));
}
/* nt: non-temporal; v_st: p 32-byte aligned; v_st2: 32 bytes at a 16-byte
 * aligned p; v_st_lo: the low 16 bytes at a 16-byte aligned p */
static inline __attribute__((always_inline)) void v_st(void *p, V x, int nt)
{
	if (nt)
		_mm256_stream_si256((V *)p, x);
	else
		_mm256_storeu_si256((V *)p, x);
}
static inline __attribute__((always_inline)) void v_st2(uint8_t *p, V x, int nt)
{
	if (nt) {
		_mm_stream_si128((__m128i *)p, _mm256_castsi256_si128(x));
		_mm_stream_si128((__m128i *)(p + 16),
				 _mm256_extracti128_si256(x, 1));
	} else {
		_mm256_storeu_si256((V *)p, x);
	}
}
static inline __attribute__((always_inline)) void v_st_lo(uint8_t *p, V x, int nt)
{
	if (nt)
		_mm_stream_si128((__m128i *)p, _mm256_castsi256_si128(x));
	else
		v_store_lo(p, x);
}
static inline __attribute__((always_inline)) V v_set16(uint16_t x) { return _mm256_set1_epi16((short)x); }
static inline __attribute__((always_inline)) V v_clamp16(V x, V lo, V hi)
{
	return _mm256_min_epu16(_mm256_max_epu16(x, lo), hi);
}
static inline __attribute__((always_inline)) V v_srli16_6(V x) { return _mm256_srli_epi16(x, 6); }
static inline __attribute__((always_inline)) V v_avg_hi(V a, V b)
{
	return _mm256_and_si256(_mm256_add_epi16(_mm256_avg_epu16(a, b),
						 v_set16(32)),
				v_set16(0xffc0));
}
#define PERM(x, a, b, c, d, e, f, g, h) \
	_mm256_permutevar8x32_epi32((x), _mm256_setr_epi32(a, b, c, d, e, f, g, h))
#define Q_D8(x) _mm256_permute4x64_epi64((x), 0xd8)

static inline __attribute__((always_inline)) void dec_block2(V x, V *ty, V *tc, const int lowbit)
{
	const V mult = _mm256_set1_epi32(64 | (4 << 16));
	const V shuf_y = _mm256_setr_epi8(0, 1, 4, 5, 6, 7, 8, 9, 12, 13, 14, 15,
					  -1, -1, -1, -1, 0, 1, 4, 5, 6, 7, 8, 9,
					  12, 13, 14, 15, -1, -1, -1, -1);
	const V shuf_c = _mm256_setr_epi8(0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13,
					  -1, -1, -1, -1, 0, 1, 2, 3, 4, 5, 8, 9,
					  10, 11, 12, 13, -1, -1, -1, -1);
	V ac = lowbit ? _mm256_srli_epi16(_mm256_mullo_epi16(x, mult), 6)
		      : _mm256_and_si256(_mm256_mullo_epi16(x, mult),
					 v_set16(0xffc0));
	V b = lowbit ? _mm256_and_si256(_mm256_srli_epi32(x, 10),
					_mm256_set1_epi32(0x3ff))
		     : _mm256_and_si256(_mm256_srli_epi32(x, 4),
					_mm256_set1_epi32(0xffc0));

	*ty = _mm256_shuffle_epi8(_mm256_blend_epi16(ac, b, 0x11), shuf_y);
	*tc = _mm256_shuffle_epi8(_mm256_blend_epi16(ac, b, 0x44), shuf_c);
}

/* t[k]: dwords 0-2 block 2k, 4-6 block 2k+1 -> 3 dense vectors */
static inline __attribute__((always_inline)) void join(const V t[4], V *o)
{
	o[0] = _mm256_blend_epi32(PERM(t[0], 0, 1, 2, 4, 5, 6, 0, 0),
				  PERM(t[1], 0, 0, 0, 0, 0, 0, 0, 1), 0xc0);
	o[1] = _mm256_blend_epi32(PERM(t[1], 2, 4, 5, 6, 0, 0, 0, 0),
				  PERM(t[2], 0, 0, 0, 0, 0, 1, 2, 4), 0xf0);
	o[2] = _mm256_blend_epi32(PERM(t[2], 5, 6, 0, 0, 0, 0, 0, 0),
				  PERM(t[3], 0, 0, 0, 1, 2, 4, 5, 6), 0xfc);
}

static inline __attribute__((always_inline)) void dec_group(const uint8_t *src, V *y, V *c,
			     const int lowbit)
{
	V ty[4], tc[4];

	UNROLL for (int k = 0; k < 4; k++)
		dec_block2(v_load(src + 32 * k), &ty[k], &tc[k], lowbit);
	join(ty, y);
	join(tc, c);
}

/* 3 dense vectors -> 4 with blocks 2k, 2k+1 in dwords 0-2, 4-6 */
static inline __attribute__((always_inline)) void split(const V *d, V *t)
{
	t[0] = PERM(d[0], 0, 1, 2, 0, 3, 4, 5, 0);
	t[1] = _mm256_blend_epi32(PERM(d[0], 6, 7, 0, 0, 0, 0, 0, 0),
				  PERM(d[1], 0, 0, 0, 0, 1, 2, 3, 0), 0x74);
	t[2] = _mm256_blend_epi32(PERM(d[1], 4, 5, 6, 0, 7, 0, 0, 0),
				  PERM(d[2], 0, 0, 0, 0, 0, 0, 1, 0), 0x60);
	t[3] = PERM(d[2], 2, 3, 4, 0, 5, 6, 7, 0);
}

static inline __attribute__((always_inline)) V enc_block2(V ty, V tc)
{
#define B2(...) _mm256_setr_epi8(__VA_ARGS__, __VA_ARGS__)
	const V sp_c = B2(0, 1, -1, -1, -1, -1, 4, 5, 6, 7, -1, -1, -1, -1, 10, 11);
	const V sp_y = B2(-1, -1, 0, 1, 2, 3, -1, -1, -1, -1, 6, 7, 8, 9, -1, -1);
	const V sr_c = B2(2, 3, -1, -1, -1, -1, -1, -1, 8, 9, -1, -1, -1, -1, -1, -1);
	const V sr_y = B2(-1, -1, -1, -1, 4, 5, -1, -1, -1, -1, -1, -1, 10, 11, -1, -1);
#undef B2
	const V madd = _mm256_set1_epi32(1 | (1024 << 16));
	V p = _mm256_or_si256(_mm256_shuffle_epi8(tc, sp_c),
			      _mm256_shuffle_epi8(ty, sp_y));
	V r = _mm256_or_si256(_mm256_shuffle_epi8(tc, sr_c),
			      _mm256_shuffle_epi8(ty, sr_y));

	return _mm256_or_si256(_mm256_madd_epi16(p, madd),
			       _mm256_slli_epi32(r, 20));
}

static inline __attribute__((always_inline)) void enc_group(const V *y, const V *c, uint8_t *dst, int nt)
{
	V ty[4], tc[4];

	split(y, ty);
	split(c, tc);
	UNROLL for (int k = 0; k < 4; k++)
		v_st(dst + 32 * k, enc_block2(ty[k], tc[k]), nt);
}

static inline __attribute__((always_inline)) V pack_u(V c0, V c1)
{
	const V lo16 = _mm256_set1_epi32(0xffff);

	return Q_D8(_mm256_packus_epi32(_mm256_and_si256(c0, lo16),
					_mm256_and_si256(c1, lo16)));
}

static inline __attribute__((always_inline)) V pack_v(V c0, V c1)
{
	return Q_D8(_mm256_packus_epi32(_mm256_srli_epi32(c0, 16),
					_mm256_srli_epi32(c1, 16)));
}

static inline __attribute__((always_inline)) void w_uv(const V *c, uint8_t *du, uint8_t *dv, int nt)
{
	v_st2(du, pack_u(c[0], c[1]), nt);
	v_st2(dv, pack_v(c[0], c[1]), nt);
	v_st_lo(du + VB, pack_u(c[2], c[2]), nt);
	v_st_lo(dv + VB, pack_v(c[2], c[2]), nt);
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
		V lo = _mm256_unpacklo_epi16(y[i], c[i]);
		V hi = _mm256_unpackhi_epi16(y[i], c[i]);

		v_st(d + 2 * i * VB, _mm256_permute2x128_si256(lo, hi, 0x20), nt);
		v_st(d + (2 * i + 1) * VB,
		     _mm256_permute2x128_si256(lo, hi, 0x31), nt);
	}
}

static inline __attribute__((always_inline)) V to8_hi(V x)
{
	return _mm256_and_si256(_mm256_adds_epu16(x, v_set16(128)),
				v_set16(0xff00));
}

static inline __attribute__((always_inline)) V to8_lo(V x)
{
	return _mm256_srli_epi16(_mm256_adds_epu16(x, v_set16(128)), 8);
}

static inline __attribute__((always_inline)) void w_uyvy(const V *y, const V *c, uint8_t *d, int nt)
{
	UNROLL for (int i = 0; i < NR; i++)
		v_st(d + i * VB, _mm256_or_si256(to8_lo(c[i]), to8_hi(y[i])), nt);
}

static inline __attribute__((always_inline)) void w_yuyv(const V *y, const V *c, uint8_t *d, int nt)
{
	UNROLL for (int i = 0; i < NR; i++)
		v_st(d + i * VB, _mm256_or_si256(to8_lo(y[i]), to8_hi(c[i])), nt);
}

static inline __attribute__((always_inline)) void w_8(const V *x, uint8_t *d, int nt)
{
	V x2 = to8_lo(x[2]);

	v_st2(d, Q_D8(_mm256_packus_epi16(to8_lo(x[0]), to8_lo(x[1]))), nt);
	v_st_lo(d + VB, Q_D8(_mm256_packus_epi16(x2, x2)), nt);
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

		y[i] = Q_D8(_mm256_packus_epi32(
			_mm256_srli_epi32(_mm256_slli_epi32(a, 16), 22),
			_mm256_srli_epi32(_mm256_slli_epi32(b, 16), 22)));
		c[i] = Q_D8(_mm256_packus_epi32(_mm256_srli_epi32(a, 22),
						_mm256_srli_epi32(b, 22)));
	}
}

static inline __attribute__((always_inline)) void r_pivot(const uint8_t *sy, const uint8_t *su,
			   const uint8_t *sv, V *y, V *c)
{
	V u = v_load(su), v = v_load(sv), lo, hi;
	__m128i u2 = _mm_loadu_si128((const __m128i *)(su + VB));
	__m128i v2 = _mm_loadu_si128((const __m128i *)(sv + VB));

	UNROLL for (int i = 0; i < NR; i++)
		y[i] = v_load(sy + i * VB);
	lo = _mm256_unpacklo_epi16(u, v);
	hi = _mm256_unpackhi_epi16(u, v);
	c[0] = _mm256_permute2x128_si256(lo, hi, 0x20);
	c[1] = _mm256_permute2x128_si256(lo, hi, 0x31);
	c[2] = _mm256_set_m128i(_mm_unpackhi_epi16(u2, v2),
				_mm_unpacklo_epi16(u2, v2));
}

/* 32-bit lane helpers for RGB: 8 pixels per vector */
#define P 8
static inline __attribute__((always_inline)) V v32_set(int32_t x) { return _mm256_set1_epi32(x); }
static inline __attribute__((always_inline)) V v32_add(V a, V b) { return _mm256_add_epi32(a, b); }
static inline __attribute__((always_inline)) V v32_sub(V a, V b) { return _mm256_sub_epi32(a, b); }
static inline __attribute__((always_inline)) V v32_mul(V a, V b) { return _mm256_mullo_epi32(a, b); }
static inline __attribute__((always_inline)) V v32_min(V a, V b) { return _mm256_min_epi32(a, b); }
static inline __attribute__((always_inline)) V v32_max(V a, V b) { return _mm256_max_epi32(a, b); }
static inline __attribute__((always_inline)) V v32_srai16(V a) { return _mm256_srai_epi32(a, 16); }
#define v32_slli(a, n) _mm256_slli_epi32((a), (n))
static inline __attribute__((always_inline)) V v32_or(V a, V b) { return _mm256_or_si256(a, b); }
static inline __attribute__((always_inline)) V v32_y(const uint8_t *p)
{
	return _mm256_cvtepu16_epi32(_mm_loadu_si128((const __m128i *)p));
}
static inline __attribute__((always_inline)) V v32_c2(const uint8_t *p)
{
	__m128i x = _mm_loadl_epi64((const __m128i *)p);

	return _mm256_cvtepu16_epi32(_mm_unpacklo_epi16(x, x));
}

/* 8-bit readers: packed Cb Y Cr Y (y_high: Y in the high byte of each
 * 16-bit pair) -> dense Y, CbCr of the bytes; and VB/2 bytes -> VB */
static inline __attribute__((always_inline)) V v_and(V a, V b) { return _mm256_and_si256(a, b); }
#define v_slli16(x, n) _mm256_slli_epi16((x), (n))
static inline __attribute__((always_inline)) V v_min16(V a, V b) { return _mm256_min_epu16(a, b); }
static inline __attribute__((always_inline)) void r_p8(const uint8_t *p, V *y, V *c, int y_high)
{
	const V lo8 = v_set16(0xff);

	UNROLL for (int i = 0; i < NR; i++) {
		V x = v_load(p + i * VB);
		V hb = _mm256_srli_epi16(x, 8), lb = _mm256_and_si256(x, lo8);

		y[i] = y_high ? hb : lb;
		c[i] = y_high ? lb : hb;
	}
}
static inline __attribute__((always_inline)) V v_u8(const uint8_t *p)
{
	return _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *)p));
}

#define v32_srli(a, n) _mm256_srli_epi32((a), (n))
#define v32_srai(a, n) _mm256_srai_epi32((a), (n))
static inline __attribute__((always_inline)) V v32_and(V a, V b) { return _mm256_and_si256(a, b); }
static inline __attribute__((always_inline)) V v32_clamp(V x, V lo, V hi) { return _mm256_min_epi32(_mm256_max_epi32(x, lo), hi); }
static inline __attribute__((always_inline)) V v32_bcast0(V x) { return _mm256_broadcastd_epi32(_mm256_castsi256_si128(x)); }
/* lane k <- x[k-1], lane 0 <- the last lane of prev */
static inline __attribute__((always_inline)) V v32_prev(V x, V prev)
{
	return _mm256_alignr_epi8(x, _mm256_permute2x128_si256(prev, x, 0x21), 12);
}
/* lane k <- x[k+1] (the last lane: anything) */
static inline __attribute__((always_inline)) V v32_next(V x)
{
	return _mm256_alignr_epi8(_mm256_permute2x128_si256(x, x, 0x81), x, 4);
}
static inline __attribute__((always_inline)) V v32_pack2(V a, V b) { return Q_D8(_mm256_packus_epi32(a, b)); }
static inline __attribute__((always_inline)) V v32_pack_even4(V a, V b, V c, V d)
{
	const V ev = _mm256_setr_epi32(0, 2, 4, 6, 0, 2, 4, 6);
	V ab = _mm256_blend_epi32(_mm256_permutevar8x32_epi32(a, ev),
				  _mm256_permutevar8x32_epi32(b, ev), 0xf0);
	V cd = _mm256_blend_epi32(_mm256_permutevar8x32_epi32(c, ev),
				  _mm256_permutevar8x32_epi32(d, ev), 0xf0);

	return Q_D8(_mm256_packus_epi32(ab, cd));
}

#include "row_simd_tmpl.h"

void sdi8k__dsp_init_avx2(struct sdi8k_dsp *d)
{
	FN(register)(d);
}
