/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * SIMD row functions, written once for every ISA. Included by
 * row_{sse41,avx2,avx512}.c after they define:
 *
 *   V, VB        vector type and its size in bytes
 *   G            pixels per iteration (a multiple of 48; v210 bytes GB)
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

#define GB (G / 6 * 16)
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

/* Row remainder [n, w) through the C function. */
#define TAIL(cfn, SF, DF)                                                   \
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
			cfn(ss_, dd_, w - n, rp);                           \
		}                                                           \
	} while (0)

/* Odd line of a fused 4:2:0 pair: rp->prev moves along too. */
#define TAIL_ODD(cfn, DF)                                                   \
	do {                                                                \
		if (n < w) {                                                \
			struct row_params rq_ = *rp;                        \
			const uint8_t *ss_[3] = { s[0] + n / 6 * 16, 0, 0 }; \
			uint8_t *dd_[3];                                    \
			for (int p_ = 0; p_ < 3; p_++)                      \
				dd_[p_] = d[p_] ? d[p_] + sdi8k__line_offset(DF, p_, n) \
						: NULL;                     \
			rq_.prev = rp->prev + 2 * n;                        \
			cfn(ss_, dd_, w - n, &rq_);                         \
		}                                                           \
	} while (0)

/* Even line of a fused 4:2:0 pair: d[1] is a P210 chroma line buffer. */
#define TAIL_EVEN(cfn, DF)                                                  \
	do {                                                                \
		if (n < w) {                                                \
			const uint8_t *ss_[3] = { s[0] + n / 6 * 16, 0, 0 }; \
			uint8_t *dd_[3] = { d[0] + sdi8k__line_offset(DF, 0, n), \
					    d[1] + 2 * n, NULL };           \
			cfn(ss_, dd_, w - n, rp);                           \
		}                                                           \
	} while (0)

#define BODY_ARGS                                                          \
	const uint8_t *const s[3], uint8_t *const d[3], int n,             \
	const struct row_params *rp, const int clamp, const int nt

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

#define HI_BOUNDS                                                      \
	const V lo6 = v_set16((uint16_t)(rp->lo << 6));                \
	const V hi6 = v_set16((uint16_t)(rp->hi << 6))

#define LO_BOUNDS                                                      \
	const V lo = v_set16(rp->lo);                                  \
	const V hi = v_set16(rp->hi)

#define CLAMP_YC(lo_, hi_)                                             \
	do {                                                           \
		if (clamp)                                             \
			UNROLL for (int i_ = 0; i_ < NR; i_++) {       \
				y[i_] = v_clamp16(y[i_], lo_, hi_);    \
				c[i_] = v_clamp16(c[i_], lo_, hi_);    \
			}                                              \
	} while (0)

#define SRC_V210 (s[0] + x / 6 * 16)

/* ---- v210 -> ... ---- */

INLINE void v210_to_p210_body(BODY_ARGS)
{
	HI_BOUNDS;

	for (int x = 0; x < n; x += G) {
		V y[NR], c[NR];

		dec_group(SRC_V210, y, c, 0);
		CLAMP_YC(lo6, hi6);
		UNROLL for (int i = 0; i < NR; i++) {
			v_st(d[0] + 2 * x + i * VB, y[i], nt);
			v_st(d[1] + 2 * x + i * VB, c[i], nt);
		}
	}
}
KERNEL(v210_to_p210, TAIL(sdi8k__v210_to_p210_c, SDI8K_FMT_V210, SDI8K_FMT_P210))

/*
 * Fused v210 -> 4:2:0 pairs (struct sdi8k_dsp): the even line stores its
 * chroma as P210 words into the line buffer d[1]; the odd line averages
 * with rp->prev: ((a + b + 1) >> 1) << 6 = (avg(a6, b6) + 32) & 0xffc0.
 */
INLINE void v210_to_p010_even_body(BODY_ARGS)
{
	(void)clamp; /* never fused with CLIP_SDI */
	for (int x = 0; x < n; x += G) {
		V y[NR], c[NR];

		dec_group(SRC_V210, y, c, 0);
		UNROLL for (int i = 0; i < NR; i++) {
			v_st(d[0] + 2 * x + i * VB, y[i], nt);
			v_store(d[1] + 2 * x + i * VB, c[i]);
		}
	}
}
KERNEL(v210_to_p010_even, TAIL_EVEN(sdi8k__v210_to_p210_c, SDI8K_FMT_P010))

INLINE void v210_to_p010_odd_body(BODY_ARGS)
{
	(void)clamp;
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
KERNEL(v210_to_p010_odd, TAIL_ODD(sdi8k__v210_to_p010_odd_c, SDI8K_FMT_P010))

INLINE void v210_to_nv12_even_body(BODY_ARGS)
{
	(void)clamp;
	for (int x = 0; x < n; x += G) {
		V y[NR], c[NR];

		dec_group(SRC_V210, y, c, 0);
		w_8(y, d[0] + x, nt);
		UNROLL for (int i = 0; i < NR; i++)
			v_store(d[1] + 2 * x + i * VB, c[i]);
	}
}
KERNEL(v210_to_nv12_even, TAIL_EVEN(sdi8k__v210_to_nv12_even_c, SDI8K_FMT_NV12))

INLINE void v210_to_nv12_odd_body(BODY_ARGS)
{
	(void)clamp;
	for (int x = 0; x < n; x += G) {
		V y[NR], c[NR];

		dec_group(SRC_V210, y, c, 0);
		w_8(y, d[0] + x, nt);
		UNROLL for (int i = 0; i < NR; i++)
			c[i] = v_avg_hi(c[i], v_load(rp->prev + 2 * x + i * VB));
		w_8(c, d[1] + x, nt);
	}
}
KERNEL(v210_to_nv12_odd, TAIL_ODD(sdi8k__v210_to_nv12_odd_c, SDI8K_FMT_NV12))

INLINE void v210_to_yuv420p10_even_body(BODY_ARGS)
{
	(void)clamp;
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
       TAIL_EVEN(sdi8k__v210_to_yuv420p10_even_c, SDI8K_FMT_YUV420P10))

INLINE void v210_to_yuv420p10_odd_body(BODY_ARGS)
{
	(void)clamp;
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
       TAIL_ODD(sdi8k__v210_to_yuv420p10_odd_c, SDI8K_FMT_YUV420P10))

INLINE void v210_to_pivot_body(BODY_ARGS)
{
	LO_BOUNDS;

	for (int x = 0; x < n; x += G) {
		V y[NR], c[NR];

		dec_group(SRC_V210, y, c, 1);
		CLAMP_YC(lo, hi);
		w_pivot(y, c, d[0] + 2 * x, d[1] + x, d[2] + x, nt);
	}
}
KERNEL(v210_to_pivot, TAIL(sdi8k__v210_to_pivot_c, SDI8K_FMT_V210, PIVOT))

INLINE void v210_to_y210_body(BODY_ARGS)
{
	HI_BOUNDS;

	for (int x = 0; x < n; x += G) {
		V y[NR], c[NR];

		dec_group(SRC_V210, y, c, 0);
		CLAMP_YC(lo6, hi6);
		w_y210(y, c, d[0] + 4 * x, nt);
	}
}
KERNEL(v210_to_y210, TAIL(sdi8k__v210_to_y210_c, SDI8K_FMT_V210, SDI8K_FMT_Y210))

/* 8-bit outputs: no clamp (the 10-bit timing codes do not exist there) */
INLINE void v210_to_uyvy_body(BODY_ARGS)
{
	(void)clamp;
	(void)rp;
	for (int x = 0; x < n; x += G) {
		V y[NR], c[NR];

		dec_group(SRC_V210, y, c, 0);
		w_uyvy(y, c, d[0] + 2 * x, nt);
	}
}
KERNEL(v210_to_uyvy, TAIL(sdi8k__v210_to_uyvy_c, SDI8K_FMT_V210, SDI8K_FMT_UYVY))

INLINE void v210_to_yuyv_body(BODY_ARGS)
{
	(void)clamp;
	(void)rp;
	for (int x = 0; x < n; x += G) {
		V y[NR], c[NR];

		dec_group(SRC_V210, y, c, 0);
		w_yuyv(y, c, d[0] + 2 * x, nt);
	}
}
KERNEL(v210_to_yuyv, TAIL(sdi8k__v210_to_yuyv_c, SDI8K_FMT_V210, SDI8K_FMT_YUYV))

INLINE void v210_to_nv16_body(BODY_ARGS)
{
	(void)clamp;
	(void)rp;
	for (int x = 0; x < n; x += G) {
		V y[NR], c[NR];

		dec_group(SRC_V210, y, c, 0);
		w_nv16(y, c, d[0] + x, d[1] + x, nt);
	}
}
KERNEL(v210_to_nv16, TAIL(sdi8k__v210_to_nv16_c, SDI8K_FMT_V210, SDI8K_FMT_NV16))

/* ---- ... -> v210 ---- */

INLINE void y210_to_v210_body(BODY_ARGS)
{
	LO_BOUNDS;

	for (int x = 0; x < n; x += G) {
		V y[NR], c[NR];

		r_y210(s[0] + 4 * x, y, c);
		CLAMP_YC(lo, hi);
		enc_group(y, c, d[0] + x / 6 * 16, nt);
	}
}
KERNEL(y210_to_v210, TAIL(sdi8k__y210_to_v210_c, SDI8K_FMT_Y210, SDI8K_FMT_V210))

INLINE void p210_to_v210_body(BODY_ARGS)
{
	LO_BOUNDS;

	for (int x = 0; x < n; x += G) {
		V y[NR], c[NR];

		UNROLL for (int i = 0; i < NR; i++) {
			y[i] = v_srli16_6(v_load(s[0] + 2 * x + i * VB));
			c[i] = v_srli16_6(v_load(s[1] + 2 * x + i * VB));
		}
		CLAMP_YC(lo, hi);
		enc_group(y, c, d[0] + x / 6 * 16, nt);
	}
}
KERNEL(p210_to_v210, TAIL(sdi8k__p210_to_v210_c, SDI8K_FMT_P210, SDI8K_FMT_V210))

/* yuv422p10 words may hold more than 10 bits: always clamped (to 1023
 * at least) */
INLINE void pivot_to_v210_body(BODY_ARGS)
{
	LO_BOUNDS;

	(void)clamp;
	for (int x = 0; x < n; x += G) {
		V y[NR], c[NR];

		r_pivot(s[0] + 2 * x, s[1] + x, s[2] + x, y, c);
		UNROLL for (int i = 0; i < NR; i++) {
			y[i] = v_clamp16(y[i], lo, hi);
			c[i] = v_clamp16(c[i], lo, hi);
		}
		enc_group(y, c, d[0] + x / 6 * 16, nt);
	}
}
KERNEL(pivot_to_v210, TAIL(sdi8k__pivot_to_v210_c, PIVOT, SDI8K_FMT_V210))

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
	TAIL(sdi8k__pivot_to_bgra_c, PIVOT, SDI8K_FMT_BGRA);
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
	TAIL(sdi8k__pivot_to_x2rgb10_c, PIVOT, SDI8K_FMT_X2RGB10);
}

static void FN(register)(struct sdi8k_dsp *d)
{
	const enum sdi8k_pixfmt V210 = SDI8K_FMT_V210;

	d->fn[V210][PIVOT] = FN(v210_to_pivot);
	d->fn[PIVOT][V210] = FN(pivot_to_v210);
	d->fn[V210][SDI8K_FMT_P210] = FN(v210_to_p210);
	d->fn[V210][SDI8K_FMT_P010] = FN(v210_to_p010_even);
	d->odd[V210][SDI8K_FMT_P010] = FN(v210_to_p010_odd);
	d->fn[V210][SDI8K_FMT_NV12] = FN(v210_to_nv12_even);
	d->odd[V210][SDI8K_FMT_NV12] = FN(v210_to_nv12_odd);
	d->fn[V210][SDI8K_FMT_YUV420P10] = FN(v210_to_yuv420p10_even);
	d->odd[V210][SDI8K_FMT_YUV420P10] = FN(v210_to_yuv420p10_odd);
	d->fn[V210][SDI8K_FMT_Y210] = FN(v210_to_y210);
	d->fn[V210][SDI8K_FMT_UYVY] = FN(v210_to_uyvy);
	d->fn[V210][SDI8K_FMT_YUYV] = FN(v210_to_yuyv);
	d->fn[V210][SDI8K_FMT_NV16] = FN(v210_to_nv16);
	d->fn[SDI8K_FMT_Y210][V210] = FN(y210_to_v210);
	d->fn[SDI8K_FMT_P210][V210] = FN(p210_to_v210);
	d->fn[PIVOT][SDI8K_FMT_BGRA] = FN(pivot_to_bgra);
	d->fn[PIVOT][SDI8K_FMT_X2RGB10] = FN(pivot_to_x2rgb10);
}
