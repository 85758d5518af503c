// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Planar and semi-planar lines (P210/P010, yuv422p10/yuv420p10,
 * NV16/NV12) <-> 10-bit 4:2:2 planar line, plain C reference. The 4:2:0
 * formats use the same line functions; convert.c picks the chroma lines.
 * Packs write chroma only when dst[1] is not NULL.
 */
#include "internal.h"

static void p210_to_pivot(const uint8_t *const s[3], uint8_t *const d[3],
			  int w, const struct row_params *rp)
{
	const uint16_t *sy = (const uint16_t *)s[0],
		       *sc = (const uint16_t *)s[1];
	uint16_t *y = (uint16_t *)d[0], *u = (uint16_t *)d[1],
		 *v = (uint16_t *)d[2];
	int x, cw = (w + 1) / 2;

	for (x = 0; x < w; x++)
		y[x] = clamp_u16(sy[x] >> 6, rp->lo, rp->hi);
	for (x = 0; x < cw; x++) {
		u[x] = clamp_u16(sc[2 * x] >> 6, rp->lo, rp->hi);
		v[x] = clamp_u16(sc[2 * x + 1] >> 6, rp->lo, rp->hi);
	}
}

static void pivot_to_p210(const uint8_t *const s[3], uint8_t *const d[3],
			  int w, const struct row_params *rp)
{
	const uint16_t *y = (const uint16_t *)s[0],
		       *u = (const uint16_t *)s[1],
		       *v = (const uint16_t *)s[2];
	uint16_t *dy = (uint16_t *)d[0], *dc = (uint16_t *)d[1];
	int x, cw = (w + 1) / 2, lo = rp->lo, hi = rp->hi;

	for (x = 0; x < w; x++)
		dy[x] = (uint16_t)(clamp_u16(y[x], lo, hi) << 6);
	if (!dc)
		return;
	for (x = 0; x < cw; x++) {
		dc[2 * x] = (uint16_t)(clamp_u16(u[x], lo, hi) << 6);
		dc[2 * x + 1] = (uint16_t)(clamp_u16(v[x], lo, hi) << 6);
	}
}

/* yuv422p10le -> itself: used both to unpack (rp 0..1023) and to pack. */
static void pivot_to_pivot(const uint8_t *const s[3], uint8_t *const d[3],
			   int w, const struct row_params *rp)
{
	int p, x, n;

	for (p = 0; p < 3; p++) {
		const uint16_t *a = (const uint16_t *)s[p];
		uint16_t *b = (uint16_t *)d[p];

		if (!b)
			continue;
		n = p ? (w + 1) / 2 : w;
		for (x = 0; x < n; x++)
			b[x] = clamp_u16(a[x], rp->lo, rp->hi);
	}
}

static void nv16_to_pivot(const uint8_t *const s[3], uint8_t *const d[3],
			  int w, const struct row_params *rp)
{
	const uint8_t *sy = s[0], *sc = s[1];
	uint16_t *y = (uint16_t *)d[0], *u = (uint16_t *)d[1],
		 *v = (uint16_t *)d[2];
	int x, cw = (w + 1) / 2;

	for (x = 0; x < w; x++)
		y[x] = clamp_u16(sy[x] << 2, rp->lo, rp->hi);
	for (x = 0; x < cw; x++) {
		u[x] = clamp_u16(sc[2 * x] << 2, rp->lo, rp->hi);
		v[x] = clamp_u16(sc[2 * x + 1] << 2, rp->lo, rp->hi);
	}
}

static void pivot_to_nv16(const uint8_t *const s[3], uint8_t *const d[3],
			  int w, const struct row_params *rp)
{
	const uint16_t *y = (const uint16_t *)s[0],
		       *u = (const uint16_t *)s[1],
		       *v = (const uint16_t *)s[2];
	uint8_t *dy = d[0], *dc = d[1];
	int x, cw = (w + 1) / 2;

	(void)rp;
	for (x = 0; x < w; x++)
		dy[x] = to8(y[x]);
	if (!dc)
		return;
	for (x = 0; x < cw; x++) {
		dc[2 * x] = to8(u[x]);
		dc[2 * x + 1] = to8(v[x]);
	}
}

void sdi8k__dsp_init_planar_c(struct sdi8k_dsp *d);
void sdi8k__dsp_init_planar_c(struct sdi8k_dsp *d)
{
	d->fn[SDI8K_FMT_P210][PIVOT] = p210_to_pivot;
	d->fn[PIVOT][SDI8K_FMT_P210] = pivot_to_p210;
	d->fn[PIVOT][PIVOT] = pivot_to_pivot;
	d->fn[SDI8K_FMT_NV16][PIVOT] = nv16_to_pivot;
	d->fn[PIVOT][SDI8K_FMT_NV16] = pivot_to_nv16;
}
