// SPDX-License-Identifier: LGPL-2.1-or-later
/* SMPTE ST 2086 mastering display colour volume (docs/ancillary.md §4). */
#include <errno.h>

#include <sdi8k/hdr.h>

#include "anc/internal.h"
#include "common/error.h"

#define MAX_CHROMA	50000u
#define MAX_LUM		100000000u	/* 10000 cd/m² in 0.0001 units */

static int check(const struct sdi8k_mdcv *m, int err, const char *what)
{
	const uint16_t c[8] = { m->green_x, m->green_y, m->blue_x, m->blue_y,
				m->red_x, m->red_y, m->white_x, m->white_y };
	static const char *const name[8] = {
		"green x", "green y", "blue x", "blue y",
		"red x", "red y", "white x", "white y",
	};
	int i;

	for (i = 0; i < 8; i++) {
		if (c[i] > MAX_CHROMA)
			return sdi8k__fail(err,
					   "%s: %s chromaticity %u above 50000 (1.0)",
					   what, name[i], c[i]);
	}
	if (m->max_luminance == 0 || m->max_luminance > MAX_LUM)
		return sdi8k__fail(err,
				   "%s: max luminance %u (0.0001 cd/m²) outside 1..100000000",
				   what, m->max_luminance);
	if (m->min_luminance >= m->max_luminance)
		return sdi8k__fail(err,
				   "%s: min luminance %u not below max luminance %u",
				   what, m->min_luminance, m->max_luminance);
	return 0;
}

SDI8K_API int sdi8k_mdcv_decode(const uint8_t *p, size_t n, struct sdi8k_mdcv *out)
{
	struct sdi8k_mdcv m;
	int r;

	if (!p || !out)
		return sdi8k__fail(-EINVAL, "sdi8k_mdcv_decode: NULL argument");
	if (n != SDI8K_MDCV_SIZE)
		return sdi8k__fail(-EPROTO,
				   "ST 2086 mastering display: %zu bytes, expected 24", n);
	m.green_x = sdi8k_rd16(p + 0);
	m.green_y = sdi8k_rd16(p + 2);
	m.blue_x = sdi8k_rd16(p + 4);
	m.blue_y = sdi8k_rd16(p + 6);
	m.red_x = sdi8k_rd16(p + 8);
	m.red_y = sdi8k_rd16(p + 10);
	m.white_x = sdi8k_rd16(p + 12);
	m.white_y = sdi8k_rd16(p + 14);
	m.max_luminance = sdi8k_rd32(p + 16);
	m.min_luminance = sdi8k_rd32(p + 20);
	r = check(&m, -EPROTO, "ST 2086 mastering display");
	if (r < 0)
		return r;
	*out = m;
	return 0;
}

SDI8K_API int sdi8k_mdcv_encode(const struct sdi8k_mdcv *m, uint8_t out[SDI8K_MDCV_SIZE])
{
	int r;

	if (!m || !out)
		return sdi8k__fail(-EINVAL, "sdi8k_mdcv_encode: NULL argument");
	r = check(m, -EINVAL, "ST 2086 encode");
	if (r < 0)
		return r;
	sdi8k_wr16(out + 0, m->green_x);
	sdi8k_wr16(out + 2, m->green_y);
	sdi8k_wr16(out + 4, m->blue_x);
	sdi8k_wr16(out + 6, m->blue_y);
	sdi8k_wr16(out + 8, m->red_x);
	sdi8k_wr16(out + 10, m->red_y);
	sdi8k_wr16(out + 12, m->white_x);
	sdi8k_wr16(out + 14, m->white_y);
	sdi8k_wr32(out + 16, m->max_luminance);
	sdi8k_wr32(out + 20, m->min_luminance);
	return 0;
}
