// SPDX-License-Identifier: GPL-2.0-only OR LGPL-2.1-or-later
/*
 * SMPTE ST 2108-1 HDR/WCG metadata frames (docs/ancillary.md §3) and the
 * static metadata they carry: SMPTE ST 2086 mastering display colour
 * volume (§4) and CTA-861.3 content light level, MaxCLL / MaxFALL (§5).
 */
#include "sdi8k-anc-codec.h"

/*
 * SEI type and payload size a known frame type must carry (size 0: any,
 * at least 1); false for other types
 */
static bool sdi8k_st2108_known(u8 type, u8 *sei, u8 *size)
{
	switch (type) {
	case SDI8K_ST2108_TYPE_MDCV:
		*sei = SDI8K_SEI_MDCV;
		*size = SDI8K_MDCV_SIZE;
		return true;
	case SDI8K_ST2108_TYPE_CLL:
		*sei = SDI8K_SEI_CLL;
		*size = SDI8K_CLL_SIZE;
		return true;
	case SDI8K_ST2108_TYPE_HDR10PLUS:
		*sei = SDI8K_SEI_T35;
		*size = 0;
		return true;
	default:
		return false;
	}
}

int sdi8k_st2108_next(const u8 *bytes, size_t n, size_t *off,
		      unsigned int index, struct sdi8k_st2108_frame *f)
{
	size_t o = *off;
	u8 type, len, sei, size, want_sei, want_size;

	if (o >= n)
		return 0;
	if (n - o < 2)
		return sdi8k_anc_fail(-EOVERFLOW,
				      "ST 2108-1 frame %u at byte %zu: truncated header (%zu byte left)",
				      index, o, n - o);
	type = bytes[o];
	len = bytes[o + 1];
	if (len < 2)
		return sdi8k_anc_fail(-EPROTO,
				      "ST 2108-1 frame %u (type 0x%02x): frame length %u, at least 2 (SEI type and size)",
				      index, type, len);
	if (len > n - o - 2)
		return sdi8k_anc_fail(-EOVERFLOW,
				      "ST 2108-1 frame %u (type 0x%02x): truncated, frame length %u but %zu bytes left",
				      index, type, len, n - o - 2);
	sei = bytes[o + 2];
	size = bytes[o + 3];
	if (size != len - 2)
		return sdi8k_anc_fail(-EPROTO,
				      "ST 2108-1 frame %u (type 0x%02x): SEI size %u does not match frame length %u - 2",
				      index, type, size, len);
	if (sdi8k_st2108_known(type, &want_sei, &want_size) &&
	    (sei != want_sei || (want_size ? size != want_size : size == 0)))
		return sdi8k_anc_fail(-EPROTO,
				      "ST 2108-1 frame %u (type 0x%02x): SEI type %u size %u, expected type %u size %s%u",
				      index, type, sei, size, want_sei,
				      want_size ? "" : ">= ",
				      want_size ? want_size : 1);
	f->frame_type = type;
	f->sei_type = sei;
	f->size = size;
	f->payload = bytes + o + 4;
	*off = o + 2 + len;
	return 1;
}
EXPORT_SYMBOL_GPL(sdi8k_st2108_next);

int sdi8k_st2108_parse(const u8 *bytes, size_t n,
		       struct sdi8k_st2108_frame *frames, size_t max)
{
	struct sdi8k_st2108_frame f;
	size_t off = 0, count = 0;
	int r;

	if ((!bytes && n) || (!frames && max))
		return sdi8k_anc_fail(-EINVAL, "%s: NULL argument", __func__);
	while ((r = sdi8k_st2108_next(bytes, n, &off, count, &f)) > 0) {
		if (count >= max)
			return sdi8k_anc_fail(-ENOSPC,
					      "ST 2108-1 packet: more than %zu frames",
					      max);
		frames[count++] = f;
	}
	return r < 0 ? r : (int)count;
}
EXPORT_SYMBOL_GPL(sdi8k_st2108_parse);

int sdi8k_st2108_append(u8 *buf, size_t cap, size_t *len, u8 frame_type,
			u8 sei_type, const u8 *payload, size_t size)
{
	size_t need;

	if (!buf || !len || (!payload && size))
		return sdi8k_anc_fail(-EINVAL, "%s: NULL argument", __func__);
	if (size > 253)
		return sdi8k_anc_fail(-EINVAL,
				      "ST 2108-1 frame type 0x%02x: %zu payload bytes, at most 253",
				      frame_type, size);
	need = *len + size + 4;
	if (need > cap || need > SDI8K_ANC_MAX_UDW)
		return sdi8k_anc_fail(-ENOSPC,
				      "ST 2108-1 frame type 0x%02x: %zu bytes needed, buffer %zu, packet at most 255",
				      frame_type, need, cap);
	buf[*len] = frame_type;
	buf[*len + 1] = size + 2;
	buf[*len + 2] = sei_type;
	buf[*len + 3] = size;
	if (size)
		memmove(buf + *len + 4, payload, size);
	*len = need;
	return 0;
}
EXPORT_SYMBOL_GPL(sdi8k_st2108_append);

/* ---- ST 2086 ---- */

#define SDI8K_MDCV_MAX_CHROMA	50000u
#define SDI8K_MDCV_MAX_LUM	100000000u	/* 10000 cd/m² in 0.0001 units */

static int sdi8k_mdcv_check(const struct sdi8k_mdcv *m, int err,
			    const char *what)
{
	const u16 c[8] = { m->green_x, m->green_y, m->blue_x, m->blue_y,
			   m->red_x, m->red_y, m->white_x, m->white_y };
	static const char *const name[8] = {
		"green x", "green y", "blue x", "blue y",
		"red x", "red y", "white x", "white y",
	};
	int i;

	for (i = 0; i < 8; i++) {
		if (c[i] > SDI8K_MDCV_MAX_CHROMA)
			return sdi8k_anc_fail(err,
					      "%s: %s chromaticity %u above 50000 (1.0)",
					      what, name[i], c[i]);
	}
	if (m->max_luminance == 0 || m->max_luminance > SDI8K_MDCV_MAX_LUM)
		return sdi8k_anc_fail(err,
				      "%s: max luminance %u (0.0001 cd/m²) outside 1..100000000",
				      what, m->max_luminance);
	if (m->min_luminance >= m->max_luminance)
		return sdi8k_anc_fail(err,
				      "%s: min luminance %u not below max luminance %u",
				      what, m->min_luminance, m->max_luminance);
	return 0;
}

void sdi8k_mdcv_read(const u8 *p, struct sdi8k_mdcv *m)
{
	m->green_x = sdi8k_get_be16(p + 0);
	m->green_y = sdi8k_get_be16(p + 2);
	m->blue_x = sdi8k_get_be16(p + 4);
	m->blue_y = sdi8k_get_be16(p + 6);
	m->red_x = sdi8k_get_be16(p + 8);
	m->red_y = sdi8k_get_be16(p + 10);
	m->white_x = sdi8k_get_be16(p + 12);
	m->white_y = sdi8k_get_be16(p + 14);
	m->max_luminance = sdi8k_get_be32(p + 16);
	m->min_luminance = sdi8k_get_be32(p + 20);
}
EXPORT_SYMBOL_GPL(sdi8k_mdcv_read);

int sdi8k_mdcv_decode(const u8 *p, size_t n, struct sdi8k_mdcv *out)
{
	struct sdi8k_mdcv m;
	int r;

	if (!p || !out)
		return sdi8k_anc_fail(-EINVAL, "%s: NULL argument", __func__);
	if (n != SDI8K_MDCV_SIZE)
		return sdi8k_anc_fail(-EPROTO,
				      "ST 2086 mastering display: %zu bytes, expected 24",
				      n);
	sdi8k_mdcv_read(p, &m);
	r = sdi8k_mdcv_check(&m, -EPROTO, "ST 2086 mastering display");
	if (r < 0)
		return r;
	*out = m;
	return 0;
}
EXPORT_SYMBOL_GPL(sdi8k_mdcv_decode);

void sdi8k_mdcv_write(const struct sdi8k_mdcv *m, u8 *p)
{
	sdi8k_put_be16(p + 0, m->green_x);
	sdi8k_put_be16(p + 2, m->green_y);
	sdi8k_put_be16(p + 4, m->blue_x);
	sdi8k_put_be16(p + 6, m->blue_y);
	sdi8k_put_be16(p + 8, m->red_x);
	sdi8k_put_be16(p + 10, m->red_y);
	sdi8k_put_be16(p + 12, m->white_x);
	sdi8k_put_be16(p + 14, m->white_y);
	sdi8k_put_be32(p + 16, m->max_luminance);
	sdi8k_put_be32(p + 20, m->min_luminance);
}
EXPORT_SYMBOL_GPL(sdi8k_mdcv_write);

int sdi8k_mdcv_encode(const struct sdi8k_mdcv *m, u8 out[SDI8K_MDCV_SIZE])
{
	int r;

	if (!m || !out)
		return sdi8k_anc_fail(-EINVAL, "%s: NULL argument", __func__);
	r = sdi8k_mdcv_check(m, -EINVAL, "ST 2086 encode");
	if (r < 0)
		return r;
	sdi8k_mdcv_write(m, out);
	return 0;
}
EXPORT_SYMBOL_GPL(sdi8k_mdcv_encode);

/* ---- CTA-861.3 ---- */

int sdi8k_cll_decode(const u8 *p, size_t n, struct sdi8k_cll *out)
{
	if (!p || !out)
		return sdi8k_anc_fail(-EINVAL, "%s: NULL argument", __func__);
	if (n != SDI8K_CLL_SIZE)
		return sdi8k_anc_fail(-EPROTO,
				      "content light level (MaxCLL/MaxFALL): %zu bytes, expected 4",
				      n);
	out->max_cll = sdi8k_get_be16(p);
	out->max_fall = sdi8k_get_be16(p + 2);
	return 0;
}
EXPORT_SYMBOL_GPL(sdi8k_cll_decode);

int sdi8k_cll_encode(const struct sdi8k_cll *c, u8 out[SDI8K_CLL_SIZE])
{
	if (!c || !out)
		return sdi8k_anc_fail(-EINVAL, "%s: NULL argument", __func__);
	sdi8k_put_be16(out, c->max_cll);
	sdi8k_put_be16(out + 2, c->max_fall);
	return 0;
}
EXPORT_SYMBOL_GPL(sdi8k_cll_encode);
