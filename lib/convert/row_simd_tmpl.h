/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * SIMD row functions, written once for every ISA. Included by
 * row_{sse41,avx2,avx512}.c after they define:
 *
 *   V, VB        vector type and its size in bytes
 *   G            pixels per iteration (a multiple of 48)
 *   NR           vectors per plane line of G 16-bit samples (2*G/VB)
 *   P            pixels per vector of 32-bit lanes (RGB)
 *   FN(name)     name with the ISA suffix
 *   v_load, v_st(p, x, nt), v_set16, v_clamp16, v_srli16_6, v_avg_hi
 *   dec_group(src, y, c, lowbit)  v210 -> dense Y, dense CbCr
 *                          (interleaved), 10-bit samples in the HIGH bits
 *                          (v << 6), or the low bits if lowbit (a constant)
 *   enc_group(y, c, dst, nt)  dense Y, CbCr (10-bit, low bits, <= 1023)
 *                          -> v210
 *   w_pivot, w_uv: store a group from dense low-bit Y and CbCr;
 *   w_y210, w_uyvy, w_yuyv, w_8, w_nv16: the same from high-bit samples
 *   r_y210, r_pivot: load a group as dense low-bit Y and CbCr
 *   v32_*: 32-bit lane arithmetic for RGB
 *
 * Lines are processed in whole groups of G pixels; the rest of a line
 * (fewer than G pixels) is done by the C row function, so the result is
 * bit-identical to C by construction there and tested against C
 * everywhere else (tests/unit/test_simd.c). v210 source lines are read
 * in whole groups only when the group lies inside the width, so nothing
 * is read past the line either.
 *
 * Every kernel body is inlined with constant `clamp` (SDI8K_CONVERT_CLIP_SDI
 * given: the sources here never hold more than 10 bits, so the clamp is
 * otherwise skipped) and `nt` (rp->nt and the line's planes aligned to
 * VB: the destination is written with non-temporal stores, which skip the
 * read-for-ownership of each destination cache line; every store offset
 * in a group is then a multiple of VB, or of VB/2 for the v_st2/v_st_lo
 * stores of half groups). Line buffers of a fused 4:2:0 pair are always
 * written with normal stores: the odd line reads them back.
 */

#define INLINE static inline __attribute__((always_inline))

static inline int need_clamp(const struct row_params *rp)
{
	return rp->lo > 0 || rp->hi < 1023;
}

static inline int use_nt(const struct row_params *rp, uint8_t *const d[3])
{
	return rp->nt && !(((uintptr_t)d[0] | (uintptr_t)d[1] |
			    (uintptr_t)d[2]) & (VB - 1));
}

/* Row remainder [n, w) through the C function of the same slot. */
#define TAIL(SF, DF)                                                        \
	do {                                                                \
		if (n < w) {                                                \
			const uint8_t *ss_[3];                              \
			uint8_t *dd_[3];                                    \
			for (int p_ = 0; p_ < 3; p_++) {                    \
				ss_[p_] = s[p_] ? s[p_] + sdi8k__line_offset(SF, p_, n) \
						: NULL;                     \
				dd_[p_] = d[p_] ? d[p_] + sdi8k__line_offset(DF, p_, n) \
						: NULL;                     \
			}                                                   \
			sdi8k__ctab->fn[SF][DF](ss_, dd_, w - n, rp);       \
		}                                                           \
	} while (0)

/* Odd line of a fused 4:2:0 pair: rp->prev moves along too. */
#define TAIL_ODD(DF)                                                        \
	do {                                                                \
		if (n < w) {                                                \
			struct row_params rq_ = *rp;                        \
			const uint8_t *ss_[3] = { s[0] + n / 6 * 16, 0, 0 }; \
			uint8_t *dd_[3];                                    \
			for (int p_ = 0; p_ < 3; p_++)                      \
				dd_[p_] = d[p_] ? d[p_] + sdi8k__line_offset(DF, p_, n) \
						: NULL;                     \
			rq_.prev = rp->prev + 2 * n;                        \
			sdi8k__ctab->odd[SDI8K_FMT_V210][DF](ss_, dd_, w - n, &rq_); \
		}                                                           \
	} while (0)

/* Even line of a fused 4:2:0 pair: d[1] is a P210 chroma line buffer. */
#define TAIL_EVEN(DF)                                                       \
	do {                                                                \
		if (n < w) {                                                \
			const uint8_t *ss_[3] = { s[0] + n / 6 * 16, 0, 0 }; \
			uint8_t *dd_[3] = { d[0] + sdi8k__line_offset(DF, 0, n), \
					    d[1] + 2 * n, NULL };           \
			sdi8k__ctab->fn[SDI8K_FMT_V210][DF](ss_, dd_, w - n, rp); \
		}                                                           \
	} while (0)

#define BODY_ARGS                                                          \
	const uint8_t *const s[3], uint8_t *const d[3], int n,             \
	const struct row_params *rp __attribute__((unused)),               \
	const int clamp __attribute__((unused)), const int nt

/* The row function: the body specialised for (clamp, nt), then the tail. */
#define KERNEL(name, tail)                                                  \
	static void FN(name)(const uint8_t *const s[3], uint8_t *const d[3], \
			     int w, const struct row_params *rp)            \
	{                                                                   \
		int n = w / G * G, nt = use_nt(rp, d);                      \
		if (need_clamp(rp)) {                                       \
			if (nt)                                             \
				name##_body(s, d, n, rp, 1, 1);             \
			else                                                \
				name##_body(s, d, n, rp, 1, 0);             \
		} else {                                                    \
			if (nt)                                             \
				name##_body(s, d, n, rp, 0, 1);             \
			else                                                \
				name##_body(s, d, n, rp, 0, 0);             \
		}                                                           \
		if (nt)                                                     \
			_mm_sfence();                                       \
		tail;                                                       \
	}

#define SRC_V210 (s[0] + x / 6 * 16)

/*
 * Fused v210 -> 4:2:0 pairs (struct sdi8k_dsp): the even line stores its
 * chroma as P210 words into the line buffer d[1]; the odd line averages
 * with rp->prev: ((a + b + 1) >> 1) << 6 = (avg(a6, b6) + 32) & 0xffc0.
 */
INLINE void v210_to_p010_even_body(BODY_ARGS)
{
	/* never fused with CLIP_SDI: no clamp */
	for (int x = 0; x < n; x += G) {
		V y[NR], c[NR];

		dec_group(SRC_V210, y, c, 0);
		UNROLL for (int i = 0; i < NR; i++) {
			v_st(d[0] + 2 * x + i * VB, y[i], nt);
			v_store(d[1] + 2 * x + i * VB, c[i]);
		}
	}
}
KERNEL(v210_to_p010_even, TAIL_EVEN(SDI8K_FMT_P010))

INLINE void v210_to_p010_odd_body(BODY_ARGS)
{
	for (int x = 0; x < n; x += G) {
		V y[NR], c[NR];

		dec_group(SRC_V210, y, c, 0);
		UNROLL for (int i = 0; i < NR; i++) {
			V p = v_load(rp->prev + 2 * x + i * VB);

			v_st(d[0] + 2 * x + i * VB, y[i], nt);
			v_st(d[1] + 2 * x + i * VB, v_avg_hi(c[i], p), nt);
		}
	}
}
KERNEL(v210_to_p010_odd, TAIL_ODD(SDI8K_FMT_P010))

INLINE void v210_to_nv12_even_body(BODY_ARGS)
{
	for (int x = 0; x < n; x += G) {
		V y[NR], c[NR];

		dec_group(SRC_V210, y, c, 0);
		w_8(y, d[0] + x, nt);
		UNROLL for (int i = 0; i < NR; i++)
			v_store(d[1] + 2 * x + i * VB, c[i]);
	}
}
KERNEL(v210_to_nv12_even, TAIL_EVEN(SDI8K_FMT_NV12))

INLINE void v210_to_nv12_odd_body(BODY_ARGS)
{
	for (int x = 0; x < n; x += G) {
		V y[NR], c[NR];

		dec_group(SRC_V210, y, c, 0);
		w_8(y, d[0] + x, nt);
		UNROLL for (int i = 0; i < NR; i++)
			c[i] = v_avg_hi(c[i], v_load(rp->prev + 2 * x + i * VB));
		w_8(c, d[1] + x, nt);
	}
}
KERNEL(v210_to_nv12_odd, TAIL_ODD(SDI8K_FMT_NV12))

INLINE void v210_to_yuv420p10_even_body(BODY_ARGS)
{
	for (int x = 0; x < n; x += G) {
		V y[NR], c[NR];

		dec_group(SRC_V210, y, c, 0);
		UNROLL for (int i = 0; i < NR; i++) {
			v_st(d[0] + 2 * x + i * VB, v_srli16_6(y[i]), nt);
			v_store(d[1] + 2 * x + i * VB, c[i]);
		}
	}
}
KERNEL(v210_to_yuv420p10_even,
       TAIL_EVEN(SDI8K_FMT_YUV420P10))

INLINE void v210_to_yuv420p10_odd_body(BODY_ARGS)
{
	for (int x = 0; x < n; x += G) {
		V y[NR], c[NR];

		dec_group(SRC_V210, y, c, 0);
		UNROLL for (int i = 0; i < NR; i++) {
			v_st(d[0] + 2 * x + i * VB, v_srli16_6(y[i]), nt);
			c[i] = v_srli16_6(v_avg_hi(c[i],
					  v_load(rp->prev + 2 * x + i * VB)));
		}
		w_uv(c, d[1] + x, d[2] + x, nt);
	}
}
KERNEL(v210_to_yuv420p10_odd,
       TAIL_ODD(SDI8K_FMT_YUV420P10))

/* ---- every pair of 4:2:2 formats: read a group, write a group ---- */

/*
 * Readers fill dense Y and CbCr vectors, in the low-bit (10-bit value) or
 * high-bit (value << 6) domain as asked (`low`, a constant: the writer's).
 * yuv422p10 words may hold more than 10 bits: its reader clamps to 1023.
 * Writers take their domain: low for v210 and yuv422p10, high for the
 * others (16-bit high-bit formats store as is, 8-bit ones round
 * (v + 2) >> 2 as (h + 128) >> 8 with saturation).
 */
INLINE void to_domain(V *y, V *c, int from_low, int low)
{
	if (from_low && !low)
		UNROLL for (int i = 0; i < NR; i++) {
			y[i] = v_slli16(y[i], 6);
			c[i] = v_slli16(c[i], 6);
		}
	if (!from_low && low)
		UNROLL for (int i = 0; i < NR; i++) {
			y[i] = v_srli16_6(y[i]);
			c[i] = v_srli16_6(c[i]);
		}
}

INLINE void rd_v210(const uint8_t *const s[3], int x, V *y, V *c, int low)
{
	dec_group(s[0] + x / 6 * 16, y, c, low);
}

/* high-bit words: the low 6 bits are ignored */
INLINE void rd_p210(const uint8_t *const s[3], int x, V *y, V *c, int low)
{
	const V m = v_set16(0xffc0);

	UNROLL for (int i = 0; i < NR; i++) {
		y[i] = v_load(s[0] + 2 * x + i * VB);
		c[i] = v_load(s[1] + 2 * x + i * VB);
		if (low) {
			y[i] = v_srli16_6(y[i]);
			c[i] = v_srli16_6(c[i]);
		} else {
			y[i] = v_and(y[i], m);
			c[i] = v_and(c[i], m);
		}
	}
}

INLINE void rd_y210(const uint8_t *const s[3], int x, V *y, V *c, int low)
{
	r_y210(s[0] + 4 * x, y, c);
	to_domain(y, c, 1, low);
}

INLINE void rd_pivot(const uint8_t *const s[3], int x, V *y, V *c, int low)
{
	const V max = v_set16(1023);

	r_pivot(s[0] + 2 * x, s[1] + x, s[2] + x, y, c);
	UNROLL for (int i = 0; i < NR; i++) {
		y[i] = v_min16(y[i], max);
		c[i] = v_min16(c[i], max);
	}
	to_domain(y, c, 1, low);
}

/* 8-bit: v = byte << 2 (high-bit domain: byte << 8) */
INLINE void rd_8(V *y, V *c, int low)
{
	UNROLL for (int i = 0; i < NR; i++) {
		y[i] = v_slli16(y[i], low ? 2 : 8);
		c[i] = v_slli16(c[i], low ? 2 : 8);
	}
}

INLINE void rd_uyvy(const uint8_t *const s[3], int x, V *y, V *c, int low)
{
	r_p8(s[0] + 2 * x, y, c, 1);
	rd_8(y, c, low);
}

INLINE void rd_yuyv(const uint8_t *const s[3], int x, V *y, V *c, int low)
{
	r_p8(s[0] + 2 * x, y, c, 0);
	rd_8(y, c, low);
}

INLINE void rd_nv16(const uint8_t *const s[3], int x, V *y, V *c, int low)
{
	UNROLL for (int i = 0; i < NR; i++) {
		y[i] = v_u8(s[0] + x + i * VB / 2);
		c[i] = v_u8(s[1] + x + i * VB / 2);
	}
	rd_8(y, c, low);
}

#define WLOW_v210 1
#define WLOW_pivot 1
#define WLOW_p210 0
#define WLOW_y210 0
#define WLOW_uyvy 0
#define WLOW_yuyv 0
#define WLOW_nv16 0
/* 10-bit outputs: the SDI clamp applies */
#define W10_v210 1
#define W10_pivot 1
#define W10_p210 1
#define W10_y210 1
#define W10_uyvy 0
#define W10_yuyv 0
#define W10_nv16 0

INLINE void wr_v210(uint8_t *const d[3], int x, V *y, V *c, int nt)
{
	enc_group(y, c, d[0] + x / 6 * 16, nt);
}

INLINE void wr_pivot(uint8_t *const d[3], int x, V *y, V *c, int nt)
{
	w_pivot(y, c, d[0] + 2 * x, d[1] + x, d[2] + x, nt);
}

INLINE void wr_p210(uint8_t *const d[3], int x, V *y, V *c, int nt)
{
	UNROLL for (int i = 0; i < NR; i++) {
		v_st(d[0] + 2 * x + i * VB, y[i], nt);
		v_st(d[1] + 2 * x + i * VB, c[i], nt);
	}
}

INLINE void wr_y210(uint8_t *const d[3], int x, V *y, V *c, int nt)
{
	w_y210(y, c, d[0] + 4 * x, nt);
}

INLINE void wr_uyvy(uint8_t *const d[3], int x, V *y, V *c, int nt)
{
	w_uyvy(y, c, d[0] + 2 * x, nt);
}

INLINE void wr_yuyv(uint8_t *const d[3], int x, V *y, V *c, int nt)
{
	w_yuyv(y, c, d[0] + 2 * x, nt);
}

INLINE void wr_nv16(uint8_t *const d[3], int x, V *y, V *c, int nt)
{
	w_nv16(y, c, d[0] + x, d[1] + x, nt);
}

#define PAIR(a, A, b, B)                                                    \
	INLINE void a##_to_##b##_body(BODY_ARGS)                            \
	{                                                                   \
		const int low = WLOW_##b;                                   \
		const V lo = v_set16((uint16_t)(low ? rp->lo : rp->lo << 6)); \
		const V hi = v_set16((uint16_t)(low ? rp->hi : rp->hi << 6)); \
		for (int x = 0; x < n; x += G) {                            \
			V y[NR], c[NR];                                     \
			rd_##a(s, x, y, c, low);                            \
			if (W10_##b && clamp)                               \
				UNROLL for (int i = 0; i < NR; i++) {       \
					y[i] = v_clamp16(y[i], lo, hi);     \
					c[i] = v_clamp16(c[i], lo, hi);     \
				}                                           \
			wr_##b(d, x, y, c, nt);                             \
		}                                                           \
	}                                                                   \
	KERNEL(a##_to_##b, TAIL(A, B))

#define PAIRS_FROM(a, A)                                               \
	PAIR(a, A, v210, SDI8K_FMT_V210) PAIR(a, A, y210, SDI8K_FMT_Y210) \
	PAIR(a, A, p210, SDI8K_FMT_P210) PAIR(a, A, uyvy, SDI8K_FMT_UYVY) \
	PAIR(a, A, yuyv, SDI8K_FMT_YUYV) PAIR(a, A, nv16, SDI8K_FMT_NV16) \
	PAIR(a, A, pivot, PIVOT)
SDI8K_FMT422_LIST(PAIRS_FROM)
PAIR(pivot, PIVOT, v210, SDI8K_FMT_V210)
PAIR(pivot, PIVOT, y210, SDI8K_FMT_Y210)
PAIR(pivot, PIVOT, p210, SDI8K_FMT_P210)
PAIR(pivot, PIVOT, uyvy, SDI8K_FMT_UYVY)
PAIR(pivot, PIVOT, yuyv, SDI8K_FMT_YUYV)
PAIR(pivot, PIVOT, nv16, SDI8K_FMT_NV16)

/* yuv422p10 -> a 4:2:0 format's line: luma, and chroma only when d[1]
 * is not NULL (the generic path's even lines) */
INLINE void wr_p210_y(uint8_t *const d[3], int x, V *y, int nt)
{
	UNROLL for (int i = 0; i < NR; i++)
		v_st(d[0] + 2 * x + i * VB, y[i], nt);
}

INLINE void wr_p210_c(uint8_t *const d[3], int x, V *c, int nt)
{
	UNROLL for (int i = 0; i < NR; i++)
		v_st(d[1] + 2 * x + i * VB, c[i], nt);
}

INLINE void wr_nv16_y(uint8_t *const d[3], int x, V *y, int nt)
{
	w_8(y, d[0] + x, nt);
}

INLINE void wr_nv16_c(uint8_t *const d[3], int x, V *c, int nt)
{
	w_8(c, d[1] + x, nt);
}

INLINE void wr_pivot_y(uint8_t *const d[3], int x, V *y, int nt)
{
	UNROLL for (int i = 0; i < NR; i++)
		v_st(d[0] + 2 * x + i * VB, y[i], nt);
}

INLINE void wr_pivot_c(uint8_t *const d[3], int x, V *c, int nt)
{
	w_uv(c, d[1] + x, d[2] + x, nt);
}

#define PACK420(b, B)                                                       \
	INLINE void pivot_to_##b##_420_body(BODY_ARGS)                      \
	{                                                                   \
		const int low = WLOW_##b;                                   \
		const V lo = v_set16((uint16_t)(low ? rp->lo : rp->lo << 6)); \
		const V hi = v_set16((uint16_t)(low ? rp->hi : rp->hi << 6)); \
		for (int x = 0; x < n; x += G) {                            \
			V y[NR], c[NR];                                     \
			rd_pivot(s, x, y, c, low);                          \
			if (W10_##b && clamp)                               \
				UNROLL for (int i = 0; i < NR; i++) {       \
					y[i] = v_clamp16(y[i], lo, hi);     \
					c[i] = v_clamp16(c[i], lo, hi);     \
				}                                           \
			wr_##b##_y(d, x, y, nt);                            \
			if (d[1])                                           \
				wr_##b##_c(d, x, c, nt);                    \
		}                                                           \
	}                                                                   \
	KERNEL(pivot_to_##b##_420, TAIL(PIVOT, B))
PACK420(p210, SDI8K_FMT_P010)
PACK420(nv16, SDI8K_FMT_NV12)
PACK420(pivot, SDI8K_FMT_YUV420P10)

/* ---- yuv422p10 -> RGB ---- */

/*
 * The C function's fixed-point arithmetic on 32-bit lanes (so bit-exact
 * by construction): P pixels per vector, chroma loaded at half
 * resolution and duplicated.
 */
INLINE void rgb_px(const uint8_t *const s[3], int x,
		   const struct row_params *rp, V *r, V *g, V *b)
{
	const V k64 = v32_set(64), k512 = v32_set(512), kmax10 = v32_set(1023);
	const V rnd = v32_set(32768), zero = v32_set(0), mx = v32_set(rp->rgb_max);
	V y = v32_sub(v32_min(v32_y(s[0] + 2 * x), kmax10), k64);
	V u = v32_sub(v32_min(v32_c2(s[1] + x), kmax10), k512);
	V v = v32_sub(v32_min(v32_c2(s[2] + x), kmax10), k512);
	V yy = v32_add(v32_mul(y, v32_set(rp->cy)), rnd);

	*r = v32_srai16(v32_add(yy, v32_mul(v, v32_set(rp->crv))));
	*g = v32_srai16(v32_add(v32_add(yy, v32_mul(u, v32_set(rp->cgu))),
				v32_mul(v, v32_set(rp->cgv))));
	*b = v32_srai16(v32_add(yy, v32_mul(u, v32_set(rp->cbu))));
	*r = v32_min(v32_max(*r, zero), mx);
	*g = v32_min(v32_max(*g, zero), mx);
	*b = v32_min(v32_max(*b, zero), mx);
}

/*
 * RGB -> yuv422p10, the C function's arithmetic on 32-bit lanes: Y per
 * pixel; per-pixel Cb, Cr filtered [1 2 1] around the even pixels, the
 * left neighbour of a vector's first pixel carried from the vector
 * before (for the line's first pixel: itself). 4P pixels per iteration.
 */
INLINE void rgb_in(const uint8_t *p, int is10, V *r, V *g, V *b)
{
	V x = v_load(p), m = v32_set(is10 ? 1023 : 255);

	*b = v32_and(x, m);
	*g = v32_and(v32_srli(x, is10 ? 10 : 8), m);
	*r = v32_and(v32_srli(x, is10 ? 20 : 16), m);
}

INLINE V dot3(const int32_t *k, V r, V g, V b)
{
	return v32_add(v32_add(v32_mul(r, v32_set(k[0])),
			       v32_mul(g, v32_set(k[1]))),
		       v32_mul(b, v32_set(k[2])));
}

INLINE void rgb_to_pivot_simd(const uint8_t *const s[3], uint8_t *const d[3],
			      int w, const struct row_params *rp, int is10,
			      enum sdi8k_pixfmt f)
{
	const V lo = v32_set(rp->lo), hi = v32_set(rp->hi);
	const V k64 = v32_set(64), k512 = v32_set(512);
	const V r16 = v32_set(32768), r18 = v32_set(1 << 17);
	int x, k, n = w / (4 * P) * (4 * P), nt = use_nt(rp, d);
	V pu = v32_set(0), pv = v32_set(0);

	for (x = 0; x < n; x += 4 * P) {
		V ys[4], us[4], vs[4];

		UNROLL for (k = 0; k < 4; k++) {
			V r, g, b, cu, cv;

			rgb_in(s[0] + 4 * (x + k * P), is10, &r, &g, &b);
			ys[k] = v32_clamp(v32_add(v32_srai16(v32_add(
					dot3(rp->iy, r, g, b), r16)), k64), lo, hi);
			cu = dot3(rp->iu, r, g, b);
			cv = dot3(rp->iv, r, g, b);
			if (x == 0 && k == 0) {
				pu = v32_bcast0(cu);
				pv = v32_bcast0(cv);
			}
			/* left + 2 centre + right, at the even lanes */
			us[k] = v32_add(v32_add(v32_prev(cu, pu), v32_next(cu)),
					v32_add(cu, cu));
			vs[k] = v32_add(v32_add(v32_prev(cv, pv), v32_next(cv)),
					v32_add(cv, cv));
			us[k] = v32_clamp(v32_add(v32_srai(v32_add(us[k], r18), 18),
						  k512), lo, hi);
			vs[k] = v32_clamp(v32_add(v32_srai(v32_add(vs[k], r18), 18),
						  k512), lo, hi);
			pu = cu;
			pv = cv;
		}
		v_st(d[0] + 2 * x, v32_pack2(ys[0], ys[1]), nt);
		v_st(d[0] + 2 * x + VB, v32_pack2(ys[2], ys[3]), nt);
		v_st(d[1] + x, v32_pack_even4(us[0], us[1], us[2], us[3]), nt);
		v_st(d[2] + x, v32_pack_even4(vs[0], vs[1], vs[2], vs[3]), nt);
	}
	if (nt)
		_mm_sfence();
	if (n < w)
		sdi8k__rgb_to_pivot_from(f, s, d, w, n, rp);
}

static void FN(bgra_to_pivot)(const uint8_t *const s[3], uint8_t *const d[3],
			      int w, const struct row_params *rp)
{
	rgb_to_pivot_simd(s, d, w, rp, 0, SDI8K_FMT_BGRA);
}

static void FN(x2rgb10_to_pivot)(const uint8_t *const s[3],
				 uint8_t *const d[3], int w,
				 const struct row_params *rp)
{
	rgb_to_pivot_simd(s, d, w, rp, 1, SDI8K_FMT_X2RGB10);
}

static void FN(pivot_to_bgra)(const uint8_t *const s[3], uint8_t *const d[3],
			      int w, const struct row_params *rp)
{
	const V alpha = v32_set((int32_t)0xff000000u);
	int x, n = w / P * P, nt = use_nt(rp, d);

	for (x = 0; x < n; x += P) {
		V r, g, b;

		rgb_px(s, x, rp, &r, &g, &b);
		v_st(d[0] + 4 * x,
		     v32_or(v32_or(b, v32_slli(g, 8)),
			    v32_or(v32_slli(r, 16), alpha)), nt);
	}
	if (nt)
		_mm_sfence();
	TAIL(PIVOT, SDI8K_FMT_BGRA);
}

static void FN(pivot_to_x2rgb10)(const uint8_t *const s[3],
				 uint8_t *const d[3], int w,
				 const struct row_params *rp)
{
	int x, n = w / P * P, nt = use_nt(rp, d);

	for (x = 0; x < n; x += P) {
		V r, g, b;

		rgb_px(s, x, rp, &r, &g, &b);
		v_st(d[0] + 4 * x,
		     v32_or(b, v32_or(v32_slli(g, 10), v32_slli(r, 20))), nt);
	}
	if (nt)
		_mm_sfence();
	TAIL(PIVOT, SDI8K_FMT_X2RGB10);
}

#define REG_PAIR(a, A, b, B) d->fn[A][B] = FN(a##_to_##b);
#define REGS_FROM(a, A)                                                    \
	REG_PAIR(a, A, v210, SDI8K_FMT_V210) REG_PAIR(a, A, y210, SDI8K_FMT_Y210) \
	REG_PAIR(a, A, p210, SDI8K_FMT_P210) REG_PAIR(a, A, uyvy, SDI8K_FMT_UYVY) \
	REG_PAIR(a, A, yuyv, SDI8K_FMT_YUYV) REG_PAIR(a, A, nv16, SDI8K_FMT_NV16) \
	REG_PAIR(a, A, pivot, PIVOT)

static void FN(register)(struct sdi8k_dsp *d)
{
	const enum sdi8k_pixfmt V210 = SDI8K_FMT_V210;

	SDI8K_FMT422_LIST(REGS_FROM)
	REG_PAIR(pivot, PIVOT, v210, SDI8K_FMT_V210)
	REG_PAIR(pivot, PIVOT, y210, SDI8K_FMT_Y210)
	REG_PAIR(pivot, PIVOT, p210, SDI8K_FMT_P210)
	REG_PAIR(pivot, PIVOT, uyvy, SDI8K_FMT_UYVY)
	REG_PAIR(pivot, PIVOT, yuyv, SDI8K_FMT_YUYV)
	REG_PAIR(pivot, PIVOT, nv16, SDI8K_FMT_NV16)
	d->fn[PIVOT][SDI8K_FMT_P010] = FN(pivot_to_p210_420);
	d->fn[PIVOT][SDI8K_FMT_NV12] = FN(pivot_to_nv16_420);
	d->fn[PIVOT][SDI8K_FMT_YUV420P10] = FN(pivot_to_pivot_420);
	d->fn[V210][SDI8K_FMT_P010] = FN(v210_to_p010_even);
	d->odd[V210][SDI8K_FMT_P010] = FN(v210_to_p010_odd);
	d->fn[V210][SDI8K_FMT_NV12] = FN(v210_to_nv12_even);
	d->odd[V210][SDI8K_FMT_NV12] = FN(v210_to_nv12_odd);
	d->fn[V210][SDI8K_FMT_YUV420P10] = FN(v210_to_yuv420p10_even);
	d->odd[V210][SDI8K_FMT_YUV420P10] = FN(v210_to_yuv420p10_odd);
	d->fn[PIVOT][SDI8K_FMT_BGRA] = FN(pivot_to_bgra);
	d->fn[PIVOT][SDI8K_FMT_X2RGB10] = FN(pivot_to_x2rgb10);
	d->fn[SDI8K_FMT_BGRA][PIVOT] = FN(bgra_to_pivot);
	d->fn[SDI8K_FMT_X2RGB10][PIVOT] = FN(x2rgb10_to_pivot);
}
