// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * 10-bit 4:2:2 planar line <-> RGB (BGRA 8-bit, X2RGB10), and RGB <-> RGB,
 * plain C.
 * Limited-range Y'CbCr <-> full-range R'G'B', BT.709 or BT.2020 NCL; see
 * <sdi8k/convert.h> for the equations, chroma siting and rounding.
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

void sdi8k__rgb_in_params(struct row_params *rp, enum sdi8k_matrix m,
			  int bits)
{
	double kr = m == SDI8K_MATRIX_BT2020 ? 0.2627 : 0.2126;
	double kb = m == SDI8K_MATRIX_BT2020 ? 0.0593 : 0.0722;
	double kg = 1.0 - kr - kb;
	double max = (double)((1 << bits) - 1);
	double sy = 876.0 / max, su = 896.0 / max / (2.0 * (1.0 - kb)),
	       sv = 896.0 / max / (2.0 * (1.0 - kr));

	rp->iy[0] = fix16(kr * sy);
	rp->iy[1] = fix16(kg * sy);
	rp->iy[2] = fix16(kb * sy);
	rp->iu[0] = fix16(-kr * su);
	rp->iu[1] = fix16(-kg * su);
	rp->iu[2] = fix16((1.0 - kb) * su);
	rp->iv[0] = fix16((1.0 - kr) * sv);
	rp->iv[1] = fix16(-kg * sv);
	rp->iv[2] = fix16(-kb * sv);
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

static void pivot_to_bgra(const uint8_t *const s[3], uint8_t *const d[3],
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

static void pivot_to_x2rgb10(const uint8_t *const s[3], uint8_t *const d[3],
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

/*
 * RGB -> 10-bit 4:2:2: Y per pixel; Cb, Cr computed per pixel (16
 * fractional bits) and filtered [1 2 1] / 4 around the co-sited pixel 2i
 * (pixels 2i-1, 2i, 2i+1; the line's first and last pixels repeated past
 * its ends), rounded to nearest. r, g, b: one pixel's components.
 */
typedef void (*rgb_get)(const uint8_t *line, int x, int32_t *r, int32_t *g,
			int32_t *b);

static inline void get_bgra(const uint8_t *l, int x, int32_t *r, int32_t *g,
		     int32_t *b)
{
	*b = l[4 * x];
	*g = l[4 * x + 1];
	*r = l[4 * x + 2];
}

static inline void get_x2rgb10(const uint8_t *l, int x, int32_t *r, int32_t *g,
			int32_t *b)
{
	uint32_t v = rd32(l + 4 * x);

	*b = (int32_t)(v & 1023);
	*g = (int32_t)((v >> 10) & 1023);
	*r = (int32_t)((v >> 20) & 1023);
}

/* One pass over the pixels: each pixel's Y, Cb, Cr computed once; the
 * left neighbour's chroma carried over. */
static inline __attribute__((always_inline)) void
rgb_to_pivot(rgb_get get, const uint8_t *const s[3], uint8_t *const d[3],
	     int w, int x0, const struct row_params *rp)
{
	uint16_t *y = (uint16_t *)d[0], *u = (uint16_t *)d[1],
		 *v = (uint16_t *)d[2];
	const int32_t *iy = rp->iy, *iu = rp->iu, *iv = rp->iv;
	int32_t lu = 0, lv = 0; /* chroma of pixel 2i - 1 */
	int i;

	if (x0 > 0) { /* starting mid-line (a SIMD row's tail) */
		int32_t r, g, b;

		get(s[0], x0 - 1, &r, &g, &b);
		lu = iu[0] * r + iu[1] * g + iu[2] * b;
		lv = iv[0] * r + iv[1] * g + iv[2] * b;
	}
	for (i = x0 / 2; 2 * i < w; i++) {
		int32_t r0, g0, b0, r1, g1, b1, u0, v0, u1, v1, su, sv;

		get(s[0], 2 * i, &r0, &g0, &b0);
		if (2 * i + 1 < w)
			get(s[0], 2 * i + 1, &r1, &g1, &b1);
		else
			r1 = r0, g1 = g0, b1 = b0; /* past the end: repeat */
		u0 = iu[0] * r0 + iu[1] * g0 + iu[2] * b0;
		v0 = iv[0] * r0 + iv[1] * g0 + iv[2] * b0;
		u1 = iu[0] * r1 + iu[1] * g1 + iu[2] * b1;
		v1 = iv[0] * r1 + iv[1] * g1 + iv[2] * b1;
		if (i == 0) { /* before the line: repeat pixel 0 */
			lu = u0;
			lv = v0;
		}
		su = lu + 2 * u0 + u1;
		sv = lv + 2 * v0 + v1;
		lu = u1;
		lv = v1;
		y[2 * i] = clamp_u16(64 + rnd16(iy[0] * r0 + iy[1] * g0 +
						iy[2] * b0), rp->lo, rp->hi);
		if (2 * i + 1 < w)
			y[2 * i + 1] = clamp_u16(64 + rnd16(iy[0] * r1 +
						 iy[1] * g1 + iy[2] * b1),
						 rp->lo, rp->hi);
		u[i] = clamp_u16(512 + ((su + (1 << 17)) >> 18), rp->lo, rp->hi);
		v[i] = clamp_u16(512 + ((sv + (1 << 17)) >> 18), rp->lo, rp->hi);
	}
}

static void bgra_to_pivot(const uint8_t *const s[3], uint8_t *const d[3],
			  int w, const struct row_params *rp)
{
	rgb_to_pivot(get_bgra, s, d, w, 0, rp);
}

static void x2rgb10_to_pivot(const uint8_t *const s[3], uint8_t *const d[3],
			     int w, const struct row_params *rp)
{
	rgb_to_pivot(get_x2rgb10, s, d, w, 0, rp);
}

void sdi8k__rgb_to_pivot_from(enum sdi8k_pixfmt f, const uint8_t *const s[3],
			      uint8_t *const d[3], int w, int x0,
			      const struct row_params *rp)
{
	if (f == SDI8K_FMT_BGRA)
		rgb_to_pivot(get_bgra, s, d, w, x0, rp);
	else
		rgb_to_pivot(get_x2rgb10, s, d, w, x0, rp);
}

/*
 * RGB -> RGB, per pixel (no Y'CbCr, no chroma filter): full-range
 * components rescaled to the other depth by the ratio of the maxima,
 * rounded to nearest (no ties: 255 and 1023 are odd),
 *   8 -> 10: c10 = (c8 * 1023 + 127) / 255   (0 -> 0, 255 -> 1023)
 *   10 -> 8: c8 = (c10 * 255 + 511) / 1023   (0 -> 0, 1023 -> 255)
 * so 8 -> 10 -> 8 gives every value back. The same depth is a copy that
 * sets A to 255 (BGRA) or X to 0 (X2RGB10).
 */
static inline uint32_t up10(uint32_t c)
{
	return (c * 1023 + 127) / 255;
}

static inline uint32_t down8(uint32_t c)
{
	return (c * 255 + 511) / 1023;
}

static void bgra_to_x2rgb10(const uint8_t *const s[3], uint8_t *const d[3],
			    int w, const struct row_params *rp)
{
	const uint8_t *src = s[0];
	uint8_t *dst = d[0];
	int x;

	(void)rp;
	for (x = 0; x < w; x++, src += 4, dst += 4)
		wr32(dst, up10(src[0]) | up10(src[1]) << 10 | up10(src[2]) << 20);
}

static void x2rgb10_to_bgra(const uint8_t *const s[3], uint8_t *const d[3],
			    int w, const struct row_params *rp)
{
	const uint8_t *src = s[0];
	uint8_t *dst = d[0];
	int x;

	(void)rp;
	for (x = 0; x < w; x++, src += 4, dst += 4) {
		uint32_t v = rd32(src);

		dst[0] = (uint8_t)down8(v & 1023);
		dst[1] = (uint8_t)down8((v >> 10) & 1023);
		dst[2] = (uint8_t)down8((v >> 20) & 1023);
		dst[3] = 255;
	}
}

static void bgra_to_bgra(const uint8_t *const s[3], uint8_t *const d[3],
			 int w, const struct row_params *rp)
{
	const uint8_t *src = s[0];
	uint8_t *dst = d[0];
	int x;

	(void)rp;
	for (x = 0; x < w; x++, src += 4, dst += 4) {
		dst[0] = src[0];
		dst[1] = src[1];
		dst[2] = src[2];
		dst[3] = 255;
	}
}

static void x2rgb10_to_x2rgb10(const uint8_t *const s[3], uint8_t *const d[3],
			       int w, const struct row_params *rp)
{
	const uint8_t *src = s[0];
	uint8_t *dst = d[0];
	int x;

	(void)rp;
	for (x = 0; x < w; x++, src += 4, dst += 4)
		wr32(dst, rd32(src) & 0x3fffffffu);
}

void sdi8k__dsp_init_rgb_c(struct sdi8k_dsp *d);
void sdi8k__dsp_init_rgb_c(struct sdi8k_dsp *d)
{
	d->fn[SDI8K_FMT_BGRA][SDI8K_FMT_X2RGB10] = bgra_to_x2rgb10;
	d->fn[SDI8K_FMT_X2RGB10][SDI8K_FMT_BGRA] = x2rgb10_to_bgra;
	d->fn[SDI8K_FMT_BGRA][SDI8K_FMT_BGRA] = bgra_to_bgra;
	d->fn[SDI8K_FMT_X2RGB10][SDI8K_FMT_X2RGB10] = x2rgb10_to_x2rgb10;
	d->fn[PIVOT][SDI8K_FMT_BGRA] = pivot_to_bgra;
	d->fn[PIVOT][SDI8K_FMT_X2RGB10] = pivot_to_x2rgb10;
	d->fn[SDI8K_FMT_BGRA][PIVOT] = bgra_to_pivot;
	d->fn[SDI8K_FMT_X2RGB10][PIVOT] = x2rgb10_to_pivot;
}
