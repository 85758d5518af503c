// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Fused ("direct") line conversions in plain C: the references of the
 * SIMD row functions. Each is the pivot chain (unpack to a 10-bit 4:2:2
 * line, pack) run on chunks of CHUNK pixels in stack buffers, so by
 * construction it gives exactly what the generic path gives.
 */
#include "internal.h"

#define CHUNK 96 /* a multiple of 6 (v210) and of 2 */

static const struct row_params unpack_rp = { .lo = 0, .hi = 1023 };

static void chain(enum sdi8k_pixfmt sf, row_fn unpack, enum sdi8k_pixfmt df,
		  row_fn pack, const uint8_t *const s[3], uint8_t *const d[3],
		  int w, const struct row_params *rp)
{
	uint16_t y[CHUNK], u[CHUNK / 2], v[CHUNK / 2];
	uint8_t *const t[3] = { (uint8_t *)y, (uint8_t *)u, (uint8_t *)v };
	int x, p;

	for (x = 0; x < w; x += CHUNK) {
		const uint8_t *ss[3];
		uint8_t *dd[3];
		int n = w - x < CHUNK ? w - x : CHUNK;

		for (p = 0; p < 3; p++) {
			ss[p] = s[p] ? s[p] + sdi8k__line_offset(sf, p, x) : 0;
			dd[p] = d[p] ? d[p] + sdi8k__line_offset(df, p, x) : 0;
		}
		unpack(ss, t, n, &unpack_rp);
		pack((const uint8_t *const *)t, dd, n, rp);
	}
}

static struct sdi8k_dsp cdsp; /* the C table, for the chain's steps */

/* Every pair of SDI8K_FMT422_LIST formats: a fused chain. */
#define CHAIN_PAIR(a, A, b, B)                                              \
	static void a##_to_##b(const uint8_t *const s[3],                  \
			       uint8_t *const d[3], int w,                 \
			       const struct row_params *rp)                \
	{                                                                  \
		chain(A, cdsp.fn[A][PIVOT], B, cdsp.fn[PIVOT][B], s, d, w, rp); \
	}
#define REG_PAIR(a, A, b, B) d->fn[A][B] = a##_to_##b;

/* X-macro over all pairs (X -> X included: a normalising copy) */
#define PAIRS_OF(M) \
	SDI8K_FMT422_LIST2(M##_v210) SDI8K_FMT422_LIST2(M##_y210) \
	SDI8K_FMT422_LIST2(M##_p210) SDI8K_FMT422_LIST2(M##_uyvy) \
	SDI8K_FMT422_LIST2(M##_yuyv) SDI8K_FMT422_LIST2(M##_nv16)
#define DEF_v210(b, B) CHAIN_PAIR(v210, SDI8K_FMT_V210, b, B)
#define DEF_y210(b, B) CHAIN_PAIR(y210, SDI8K_FMT_Y210, b, B)
#define DEF_p210(b, B) CHAIN_PAIR(p210, SDI8K_FMT_P210, b, B)
#define DEF_uyvy(b, B) CHAIN_PAIR(uyvy, SDI8K_FMT_UYVY, b, B)
#define DEF_yuyv(b, B) CHAIN_PAIR(yuyv, SDI8K_FMT_YUYV, b, B)
#define DEF_nv16(b, B) CHAIN_PAIR(nv16, SDI8K_FMT_NV16, b, B)
PAIRS_OF(DEF)

#define V210 SDI8K_FMT_V210

/*
 * Fused v210 -> 4:2:0 pairs (see struct sdi8k_dsp). Even line: luma
 * through the destination's pack, chroma to d[1] as P210 chroma words.
 * Odd line: chroma averaged with rp->prev in 10 bits, (a + b + 1) >> 1,
 * then the destination's pack writes luma and chroma, which is what the
 * generic path does.
 */
static void even420(enum sdi8k_pixfmt df, const uint8_t *const s[3],
		    uint8_t *const d[3], int w, const struct row_params *rp)
{
	uint16_t y[CHUNK], u[CHUNK / 2], v[CHUNK / 2];
	uint8_t *const t[3] = { (uint8_t *)y, (uint8_t *)u, (uint8_t *)v };
	uint16_t *dc = (uint16_t *)d[1];
	int x, i;

	for (x = 0; x < w; x += CHUNK) {
		const uint8_t *ss[3] = { s[0] + x / 6 * 16, 0, 0 };
		uint8_t *dd[3] = { d[0] + sdi8k__line_offset(df, 0, x), 0, 0 };
		int n = w - x < CHUNK ? w - x : CHUNK, cn = (n + 1) / 2;

		sdi8k__v210_to_pivot_c(ss, t, n, &unpack_rp);
		cdsp.fn[PIVOT][df]((const uint8_t *const *)t, dd, n, rp);
		for (i = 0; i < cn; i++) {
			dc[x + 2 * i] = (uint16_t)(clamp_u16(u[i], rp->lo,
							     rp->hi) << 6);
			dc[x + 2 * i + 1] = (uint16_t)(clamp_u16(v[i], rp->lo,
								 rp->hi) << 6);
		}
	}
}

static void odd420(enum sdi8k_pixfmt df, const uint8_t *const s[3],
		   uint8_t *const d[3], int w, const struct row_params *rp)
{
	uint16_t y[CHUNK], u[CHUNK / 2], v[CHUNK / 2];
	uint8_t *const t[3] = { (uint8_t *)y, (uint8_t *)u, (uint8_t *)v };
	const uint16_t *prev = (const uint16_t *)rp->prev;
	int x, i, p;

	for (x = 0; x < w; x += CHUNK) {
		const uint8_t *ss[3] = { s[0] + x / 6 * 16, 0, 0 };
		uint8_t *dd[3];
		int n = w - x < CHUNK ? w - x : CHUNK, cn = (n + 1) / 2;

		for (p = 0; p < 3; p++)
			dd[p] = d[p] ? d[p] + sdi8k__line_offset(df, p, x) : 0;
		sdi8k__v210_to_pivot_c(ss, t, n, &unpack_rp);
		for (i = 0; i < cn; i++) {
			u[i] = (uint16_t)(((prev[x + 2 * i] >> 6) + u[i] + 1) >> 1);
			v[i] = (uint16_t)(((prev[x + 2 * i + 1] >> 6) + v[i] + 1)
					  >> 1);
		}
		cdsp.fn[PIVOT][df]((const uint8_t *const *)t, dd, n, rp);
	}
}

#define PAIR420(name, df)                                                   \
	static void sdi8k__v210_to_##name##_even_c(const uint8_t *const s[3],     \
					    uint8_t *const d[3], int w,    \
					    const struct row_params *rp)   \
	{                                                                  \
		even420(df, s, d, w, rp);                                  \
	}                                                                  \
	static void sdi8k__v210_to_##name##_odd_c(const uint8_t *const s[3],      \
					   uint8_t *const d[3], int w,     \
					   const struct row_params *rp)    \
	{                                                                  \
		odd420(df, s, d, w, rp);                                   \
	}

/* (the P010 even line is sdi8k__v210_to_p210_c) */
static void sdi8k__v210_to_p010_odd_c(const uint8_t *const s[3],
			       uint8_t *const d[3], int w,
			       const struct row_params *rp)
{
	odd420(SDI8K_FMT_P010, s, d, w, rp);
}
PAIR420(nv12, SDI8K_FMT_NV12)
PAIR420(yuv420p10, SDI8K_FMT_YUV420P10)

void sdi8k__dsp_init_packed_c(struct sdi8k_dsp *d);
void sdi8k__dsp_init_planar_c(struct sdi8k_dsp *d);
void sdi8k__dsp_init_rgb_c(struct sdi8k_dsp *d);
void sdi8k__dsp_init_v210_c(struct sdi8k_dsp *d);

void sdi8k__dsp_init_c(struct sdi8k_dsp *d)
{
	sdi8k__dsp_init_packed_c(d);
	sdi8k__dsp_init_planar_c(d);
	sdi8k__dsp_init_rgb_c(d);
	sdi8k__dsp_init_v210_c(d);
	cdsp = *d; /* the chain only uses the pivot steps set above */
	cdsp.fn[PIVOT][SDI8K_FMT_P010] = cdsp.fn[PIVOT][SDI8K_FMT_P210];
	cdsp.fn[PIVOT][SDI8K_FMT_NV12] = cdsp.fn[PIVOT][SDI8K_FMT_NV16];
	cdsp.fn[PIVOT][SDI8K_FMT_YUV420P10] = cdsp.fn[PIVOT][PIVOT];

#define REG_v210(b, B) REG_PAIR(v210, SDI8K_FMT_V210, b, B)
#define REG_y210(b, B) REG_PAIR(y210, SDI8K_FMT_Y210, b, B)
#define REG_p210(b, B) REG_PAIR(p210, SDI8K_FMT_P210, b, B)
#define REG_uyvy(b, B) REG_PAIR(uyvy, SDI8K_FMT_UYVY, b, B)
#define REG_yuyv(b, B) REG_PAIR(yuyv, SDI8K_FMT_YUYV, b, B)
#define REG_nv16(b, B) REG_PAIR(nv16, SDI8K_FMT_NV16, b, B)
	PAIRS_OF(REG)
	/* packs to 4:2:0: the twin's (C packs skip chroma if dst[1] is NULL) */
	d->fn[PIVOT][SDI8K_FMT_P010] = d->fn[PIVOT][SDI8K_FMT_P210];
	d->fn[PIVOT][SDI8K_FMT_NV12] = d->fn[PIVOT][SDI8K_FMT_NV16];
	d->fn[PIVOT][SDI8K_FMT_YUV420P10] = d->fn[PIVOT][PIVOT];
	d->fn[V210][SDI8K_FMT_P010] = v210_to_p210;
	d->odd[V210][SDI8K_FMT_P010] = sdi8k__v210_to_p010_odd_c;
	d->fn[V210][SDI8K_FMT_NV12] = sdi8k__v210_to_nv12_even_c;
	d->odd[V210][SDI8K_FMT_NV12] = sdi8k__v210_to_nv12_odd_c;
	d->fn[V210][SDI8K_FMT_YUV420P10] = sdi8k__v210_to_yuv420p10_even_c;
	d->odd[V210][SDI8K_FMT_YUV420P10] = sdi8k__v210_to_yuv420p10_odd_c;
}
