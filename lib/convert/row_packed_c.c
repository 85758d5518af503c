// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Packed 4:2:2 lines (Y210, UYVY, YUYV) <-> 10-bit 4:2:2 planar line,
 * plain C reference.
 */
#include "internal.h"

#define PIVOT_PTRS(p)                                  \
	uint16_t *y = (uint16_t *)(p)[0];              \
	uint16_t *u = (uint16_t *)(p)[1];              \
	uint16_t *v = (uint16_t *)(p)[2]

#define CPIVOT_PTRS(p)                                 \
	const uint16_t *y = (const uint16_t *)(p)[0];  \
	const uint16_t *u = (const uint16_t *)(p)[1];  \
	const uint16_t *v = (const uint16_t *)(p)[2]

/* Generic packed 4:2:2 of `t` byte or 16-bit words: positions of Y0, Cb,
 * Y1, Cr in a macropixel. */
static void y210_to_pivot(const uint8_t *const s[3], uint8_t *const d[3],
			  int w, const struct row_params *rp)
{
	const uint16_t *src = (const uint16_t *)s[0];
	PIVOT_PTRS(d);
	int i;

	int lo = rp->lo, hi = rp->hi;

	for (i = 0; 2 * i < w; i++, src += 4) {
		y[2 * i] = clamp_u16(src[0] >> 6, lo, hi);
		u[i] = clamp_u16(src[1] >> 6, lo, hi);
		if (2 * i + 1 < w)
			y[2 * i + 1] = clamp_u16(src[2] >> 6, lo, hi);
		v[i] = clamp_u16(src[3] >> 6, lo, hi);
	}
}

static void pivot_to_y210(const uint8_t *const s[3], uint8_t *const d[3],
			  int w, const struct row_params *rp)
{
	uint16_t *dst = (uint16_t *)d[0];
	CPIVOT_PTRS(s);
	int i, lo = rp->lo, hi = rp->hi;

	for (i = 0; 2 * i < w; i++, dst += 4) {
		dst[0] = (uint16_t)(clamp_u16(y[2 * i], lo, hi) << 6);
		dst[1] = (uint16_t)(clamp_u16(u[i], lo, hi) << 6);
		dst[2] = 2 * i + 1 < w ?
			 (uint16_t)(clamp_u16(y[2 * i + 1], lo, hi) << 6) : 0;
		dst[3] = (uint16_t)(clamp_u16(v[i], lo, hi) << 6);
	}
}

/* 8-bit packed: offsets of Y0, Cb, Y1, Cr within the 4 bytes. */
static inline void p8_to_pivot(const uint8_t *src, uint8_t *const d[3],
			       int w, int oy0, int ou, int oy1, int ov,
			       const struct row_params *rp)
{
	PIVOT_PTRS(d);
	int i, lo = rp->lo, hi = rp->hi;

	for (i = 0; 2 * i < w; i++, src += 4) {
		y[2 * i] = clamp_u16(src[oy0] << 2, lo, hi);
		u[i] = clamp_u16(src[ou] << 2, lo, hi);
		if (2 * i + 1 < w)
			y[2 * i + 1] = clamp_u16(src[oy1] << 2, lo, hi);
		v[i] = clamp_u16(src[ov] << 2, lo, hi);
	}
}

static inline void pivot_to_p8(const uint8_t *const s[3], uint8_t *dst,
			       int w, int oy0, int ou, int oy1, int ov)
{
	CPIVOT_PTRS(s);
	int i;

	for (i = 0; 2 * i < w; i++, dst += 4) {
		dst[oy0] = to8(y[2 * i]);
		dst[ou] = to8(u[i]);
		dst[oy1] = 2 * i + 1 < w ? to8(y[2 * i + 1]) : 0;
		dst[ov] = to8(v[i]);
	}
}

static void uyvy_to_pivot(const uint8_t *const s[3], uint8_t *const d[3],
			  int w, const struct row_params *rp)
{
	p8_to_pivot(s[0], d, w, 1, 0, 3, 2, rp);
}

static void yuyv_to_pivot(const uint8_t *const s[3], uint8_t *const d[3],
			  int w, const struct row_params *rp)
{
	p8_to_pivot(s[0], d, w, 0, 1, 2, 3, rp);
}

static void pivot_to_uyvy(const uint8_t *const s[3], uint8_t *const d[3],
			  int w, const struct row_params *rp)
{
	(void)rp;
	pivot_to_p8(s, d[0], w, 1, 0, 3, 2);
}

static void pivot_to_yuyv(const uint8_t *const s[3], uint8_t *const d[3],
			  int w, const struct row_params *rp)
{
	(void)rp;
	pivot_to_p8(s, d[0], w, 0, 1, 2, 3);
}

void sdi8k__dsp_init_packed_c(struct sdi8k_dsp *d);
void sdi8k__dsp_init_packed_c(struct sdi8k_dsp *d)
{
	d->fn[SDI8K_FMT_Y210][PIVOT] = y210_to_pivot;
	d->fn[PIVOT][SDI8K_FMT_Y210] = pivot_to_y210;
	d->fn[SDI8K_FMT_UYVY][PIVOT] = uyvy_to_pivot;
	d->fn[PIVOT][SDI8K_FMT_UYVY] = pivot_to_uyvy;
	d->fn[SDI8K_FMT_YUYV][PIVOT] = yuyv_to_pivot;
	d->fn[PIVOT][SDI8K_FMT_YUYV] = pivot_to_yuyv;
}
