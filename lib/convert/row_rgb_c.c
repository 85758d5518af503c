// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * 10-bit 4:2:2 planar line -> RGB (BGRA 8-bit, X2RGB10), plain C.
 * Limited-range Y'CbCr to full-range R'G'B', BT.709 or BT.2020 NCL; see
 * <sdi8k/convert.h> for the equations.
 */
#include "internal.h"

static int32_t fix16(double x)
{
	return (int32_t)(x < 0 ? x * 65536.0 - 0.5 : x * 65536.0 + 0.5);
}

void sdi8k__rgb_params(struct row_params *rp, enum sdi8k_matrix m, int bits)
{
	double kr = m == SDI8K_MATRIX_BT2020 ? 0.2627 : 0.2126;
	double kb = m == SDI8K_MATRIX_BT2020 ? 0.0593 : 0.0722;
	double kg = 1.0 - kr - kb;
	double max = (double)((1 << bits) - 1);
	double sc = max / 896.0;

	rp->rgb_max = (1 << bits) - 1;
	rp->cy = fix16(max / 876.0);
	rp->crv = fix16(2.0 * (1.0 - kr) * sc);
	rp->cgu = fix16(-2.0 * kb * (1.0 - kb) / kg * sc);
	rp->cgv = fix16(-2.0 * kr * (1.0 - kr) / kg * sc);
	rp->cbu = fix16(2.0 * (1.0 - kb) * sc);
}

static inline int32_t clampi(int32_t v, int32_t max)
{
	return v < 0 ? 0 : v > max ? max : v;
}

/* Arithmetic shift right with rounding, defined for negative sums too. */
static inline int32_t rnd16(int32_t v)
{
	return (int32_t)((v + 32768) >> 16);
}

static inline void yuv2rgb(const struct row_params *rp, unsigned Y,
			   unsigned U, unsigned V, int32_t *r, int32_t *g,
			   int32_t *b)
{
	int32_t yy = rp->cy * ((int32_t)(Y > 1023 ? 1023 : Y) - 64);
	int32_t uu = (int32_t)(U > 1023 ? 1023 : U) - 512;
	int32_t vv = (int32_t)(V > 1023 ? 1023 : V) - 512;

	*r = clampi(rnd16(yy + rp->crv * vv), rp->rgb_max);
	*g = clampi(rnd16(yy + rp->cgu * uu + rp->cgv * vv), rp->rgb_max);
	*b = clampi(rnd16(yy + rp->cbu * uu), rp->rgb_max);
}

void sdi8k__pivot_to_bgra_c(const uint8_t *const s[3], uint8_t *const d[3],
			  int w, const struct row_params *rp)
{
	const uint16_t *y = (const uint16_t *)s[0],
		       *u = (const uint16_t *)s[1],
		       *v = (const uint16_t *)s[2];
	uint8_t *dst = d[0];
	int32_t r, g, b;
	int x;

	for (x = 0; x < w; x++, dst += 4) {
		yuv2rgb(rp, y[x], u[x / 2], v[x / 2], &r, &g, &b);
		dst[0] = (uint8_t)b;
		dst[1] = (uint8_t)g;
		dst[2] = (uint8_t)r;
		dst[3] = 255;
	}
}

void sdi8k__pivot_to_x2rgb10_c(const uint8_t *const s[3], uint8_t *const d[3],
			     int w, const struct row_params *rp)
{
	const uint16_t *y = (const uint16_t *)s[0],
		       *u = (const uint16_t *)s[1],
		       *v = (const uint16_t *)s[2];
	uint32_t *dst = (uint32_t *)d[0];
	int32_t r, g, b;
	int x;

	for (x = 0; x < w; x++) {
		yuv2rgb(rp, y[x], u[x / 2], v[x / 2], &r, &g, &b);
		dst[x] = (uint32_t)b | ((uint32_t)g << 10) |
			 ((uint32_t)r << 20);
	}
}

void sdi8k__dsp_init_rgb_c(struct sdi8k_dsp *d);
void sdi8k__dsp_init_rgb_c(struct sdi8k_dsp *d)
{
	d->fn[PIVOT][SDI8K_FMT_BGRA] = sdi8k__pivot_to_bgra_c;
	d->fn[PIVOT][SDI8K_FMT_X2RGB10] = sdi8k__pivot_to_x2rgb10_c;
}
