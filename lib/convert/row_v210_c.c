// SPDX-License-Identifier: LGPL-2.1-or-later
/* v210 <-> 10-bit 4:2:2 planar line, plain C reference. */
#include <string.h>

#include "internal.h"

void sdi8k__v210_to_pivot_c(const uint8_t *const s[3], uint8_t *const d[3],
			    int w, const struct row_params *rp)
{
	const uint32_t *src = (const uint32_t *)s[0];
	uint16_t *y = (uint16_t *)d[0], *u = (uint16_t *)d[1],
		 *v = (uint16_t *)d[2];
	uint16_t smp[12];
	int x, k, cw = (w + 1) / 2;

	for (x = 0; x < w; x += 6, src += 4) {
		for (k = 0; k < 4; k++) {
			smp[3 * k + 0] = clamp_u16(src[k] & 0x3ff, rp->lo, rp->hi);
			smp[3 * k + 1] = clamp_u16((src[k] >> 10) & 0x3ff,
						   rp->lo, rp->hi);
			smp[3 * k + 2] = clamp_u16((src[k] >> 20) & 0x3ff,
						   rp->lo, rp->hi);
		}
		/* samples: Cb0 Y0 Cr0 Y1 Cb2 Y2 Cr2 Y3 Cb4 Y4 Cr4 Y5 */
		for (k = 0; k < 6 && x + k < w; k++)
			y[x + k] = smp[2 * k + 1];
		for (k = 0; k < 3 && x / 2 + k < cw; k++) {
			u[x / 2 + k] = smp[4 * k];
			v[x / 2 + k] = smp[4 * k + 2];
		}
	}
}

static void pivot_to_v210(const uint8_t *const s[3], uint8_t *const d[3],
			    int w, const struct row_params *rp)
{
	const uint16_t *y = (const uint16_t *)s[0],
		       *u = (const uint16_t *)s[1],
		       *v = (const uint16_t *)s[2];
	uint32_t *dst = (uint32_t *)d[0];
	int x, k, cw = (w + 1) / 2, wa = (w + 47) / 48 * 48;
	uint32_t smp[12];

	for (x = 0; x < wa; x += 6, dst += 4) {
		for (k = 0; k < 6; k++)
			smp[2 * k + 1] = x + k < w ?
				clamp_u16(y[x + k], rp->lo, rp->hi) : 0;
		for (k = 0; k < 3; k++) {
			int c = x / 2 + k;
			smp[4 * k] = c < cw ? clamp_u16(u[c], rp->lo, rp->hi) : 0;
			smp[4 * k + 2] = c < cw ?
				clamp_u16(v[c], rp->lo, rp->hi) : 0;
		}
		for (k = 0; k < 4; k++)
			dst[k] = smp[3 * k] | (smp[3 * k + 1] << 10) |
				 (smp[3 * k + 2] << 20);
	}
}

void sdi8k__dsp_init_v210_c(struct sdi8k_dsp *d);
void sdi8k__dsp_init_v210_c(struct sdi8k_dsp *d)
{
	d->fn[SDI8K_FMT_V210][PIVOT] = sdi8k__v210_to_pivot_c;
	d->fn[PIVOT][SDI8K_FMT_V210] = pivot_to_v210;
}
