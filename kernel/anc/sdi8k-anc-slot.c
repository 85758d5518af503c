// SPDX-License-Identifier: GPL-2.0-only OR LGPL-2.1-or-later
/*
 * sdi8k ancillary data: one frame's slot as the card stores it
 * (docs/hardware.md, "Ancillary data"), taken apart record by record: each
 * ST 291 packet checked, copied into the metadata buffer being filled, and
 * what the driver takes from it kept: the ST 12-2 ATC time code for the
 * video buffer, the frame's own ST 352 payload ID and the ST 2108-1 static
 * HDR metadata for the HDR10 controls (docs/ancillary.md).
 *
 * Everything in the slot came from the wire through the card and is
 * untrusted: every record length, word value and data count is checked
 * before use; a malformed packet is counted and dropped. This is the exact
 * code the driver runs in its interrupt handler; the fuzz target
 * tests/fuzz/fuzz_anc_slot.c drives it in userspace.
 */
#include "sdi8k-anc-codec.h"
#include "../sdi8k-regs.h"
#include "../uapi/sdi8k.h"

/* ST 12-2 time code into V4L2's, for the signal's frame rate */
static bool sdi8k_anc_v4l2_timecode(const struct sdi8k_timecode *t,
				    u32 rate_num, u32 rate_den,
				    struct v4l2_timecode *tc)
{
	bool pairs = rate_num > 30 * rate_den;
	u32 base = rate_den ? DIV_ROUND_CLOSEST(rate_num, rate_den *
						 (pairs ? 2 : 1)) : 0;
	unsigned int i;

	if (!base || t->frames >= base)
		return false;
	memset(tc, 0, sizeof(*tc));
	switch (base * (pairs ? 2 : 1)) {
	case 24:
		tc->type = V4L2_TC_TYPE_24FPS;
		break;
	case 25:
		tc->type = V4L2_TC_TYPE_25FPS;
		break;
	case 30:
		tc->type = V4L2_TC_TYPE_30FPS;
		break;
	case 50:
		tc->type = V4L2_TC_TYPE_50FPS;
		break;
	case 60:
		tc->type = V4L2_TC_TYPE_60FPS;
		break;
	default:
		return false;
	}
	if (t->drop_frame)
		tc->flags |= V4L2_TC_FLAG_DROPFRAME;
	if (t->color_frame)
		tc->flags |= V4L2_TC_FLAG_COLORFRAME;
	/* above 30 frames/s the field mark tells the pair's second frame */
	tc->frames = pairs ? t->frames * 2 +
			     sdi8k_timecode_field_mark(t, base == 25) :
			     t->frames;
	tc->seconds = t->seconds;
	tc->minutes = t->minutes;
	tc->hours = t->hours;
	for (i = 0; i < 4; i++)	/* binary groups 1-8: the user bits */
		tc->userbits[i] = t->binary_groups[2 * i] |
				  t->binary_groups[2 * i + 1] << 4;
	return true;
}

/* an ST 2086 payload, checked against the ranges V4L2 defines */
static bool sdi8k_anc_v4l2_mdcv(const u8 *p,
				struct v4l2_ctrl_hdr10_mastering_display *m)
{
	struct sdi8k_mdcv d;
	unsigned int i;

	sdi8k_mdcv_read(p, &d);
	/* the wire's order: green, blue, red */
	m->display_primaries_x[0] = d.green_x;
	m->display_primaries_y[0] = d.green_y;
	m->display_primaries_x[1] = d.blue_x;
	m->display_primaries_y[1] = d.blue_y;
	m->display_primaries_x[2] = d.red_x;
	m->display_primaries_y[2] = d.red_y;
	m->white_point_x = d.white_x;
	m->white_point_y = d.white_y;
	m->max_display_mastering_luminance = d.max_luminance;
	m->min_display_mastering_luminance = d.min_luminance;
	for (i = 0; i < 3; i++)
		if (m->display_primaries_x[i] < V4L2_HDR10_MASTERING_PRIMARIES_X_LOW ||
		    m->display_primaries_x[i] > V4L2_HDR10_MASTERING_PRIMARIES_X_HIGH ||
		    m->display_primaries_y[i] < V4L2_HDR10_MASTERING_PRIMARIES_Y_LOW ||
		    m->display_primaries_y[i] > V4L2_HDR10_MASTERING_PRIMARIES_Y_HIGH)
			return false;
	return m->white_point_x >= V4L2_HDR10_MASTERING_WHITE_POINT_X_LOW &&
	       m->white_point_x <= V4L2_HDR10_MASTERING_WHITE_POINT_X_HIGH &&
	       m->white_point_y >= V4L2_HDR10_MASTERING_WHITE_POINT_Y_LOW &&
	       m->white_point_y <= V4L2_HDR10_MASTERING_WHITE_POINT_Y_HIGH &&
	       m->max_display_mastering_luminance >= V4L2_HDR10_MASTERING_MAX_LUMA_LOW &&
	       m->max_display_mastering_luminance <= V4L2_HDR10_MASTERING_MAX_LUMA_HIGH &&
	       m->min_display_mastering_luminance >= V4L2_HDR10_MASTERING_MIN_LUMA_LOW &&
	       m->min_display_mastering_luminance <= V4L2_HDR10_MASTERING_MIN_LUMA_HIGH;
}

/*
 * ST 2108-1 frames: take the static ones (mastering display, light
 * levels). The packet is taken whole or not at all: its frames are parsed
 * into a local copy, and @hdr changes only when every frame of the packet
 * is valid (a good mastering display followed by a bad light level frame
 * leaves @hdr as it was).
 */
static bool sdi8k_anc_st2108(const u16 *udw, unsigned int n,
			     struct sdi8k_hdr_static *hdr)
{
	struct sdi8k_hdr_static pkt = { };
	struct sdi8k_st2108_frame f;
	unsigned int index = 0;
	size_t off = 0;
	u8 b[SDI8K_ANC_MAX_UDW];
	int r;

	if (sdi8k_anc_words_to_bytes(SDI8K_DID_ST2108, SDI8K_SDID_ST2108,
				     udw, n, b) < 0)
		return false;
	while ((r = sdi8k_st2108_next(b, n, &off, index++, &f)) > 0) {
		if (f.frame_type == SDI8K_ST2108_TYPE_MDCV) {
			if (!sdi8k_anc_v4l2_mdcv(f.payload, &pkt.mdcv))
				return false;
			pkt.has_mdcv = true;
		} else if (f.frame_type == SDI8K_ST2108_TYPE_CLL) {
			pkt.cll.max_content_light_level =
				sdi8k_get_be16(f.payload);
			pkt.cll.max_pic_average_light_level =
				sdi8k_get_be16(f.payload + 2);
			pkt.has_cll = true;
		}
	}
	if (r < 0)
		return false;
	/* valid: commit what the packet carried */
	if (pkt.has_mdcv) {
		hdr->mdcv = pkt.mdcv;
		hdr->has_mdcv = true;
	}
	if (pkt.has_cll) {
		hdr->cll = pkt.cll;
		hdr->has_cll = true;
	}
	return true;
}

/*
 * A CEA-708 CDP: its payload checked whole (sdi8k_cdp_decode()), in a
 * frame of its own so the slot walk's stays small.
 */
static noinline_for_stack bool sdi8k_anc_cdp_ok(const u16 *udw,
						unsigned int n)
{
	struct sdi8k_cdp c;
	u8 b[SDI8K_ANC_MAX_UDW];

	return sdi8k_anc_words_to_bytes(SDI8K_DID_CAPTION, SDI8K_SDID_CDP,
					udw, n, b) == (int)n &&
	       !sdi8k_cdp_decode(b, n, &c);
}

/* Append a checked packet to the metadata buffer being filled. */
static void sdi8k_anc_meta_put(struct sdi8k_anc_meta *meta, u32 hdr,
			       const u16 *words, unsigned int n)
{
	struct sdi8k_anc_packet *p;
	u32 size = ALIGN(sizeof(*p) + 2 * n, 4);
	u16 *udw;

	if (!meta->buf)
		return;
	if (meta->used + size > meta->size) {
		meta->overflow++;
		return;
	}
	p = (struct sdi8k_anc_packet *)((u8 *)meta->buf + meta->used);
	memset(p, 0, size);
	p->size = size;
	p->line = FIELD_GET(SDI8K_ANC_REC_LINE, hdr);
	p->link = FIELD_GET(SDI8K_ANC_REC_LINK, hdr);
	p->stream = hdr & SDI8K_ANC_REC_CSTREAM ? 1 : 0;
	p->did = words[0];
	p->sdid = words[1];
	p->dc = words[2];
	p->checksum = words[n + 3];
	udw = (u16 *)(p + 1);
	memcpy(udw, words + 3, 2 * n);
	meta->used += size;
	meta->count++;
}

/**
 * sdi8k_anc_slot_parse - check and take apart one frame's ancillary slot
 * @area: the slot as the card wrote it
 * @bytes: bytes the card says it stored (its descriptor's anc_bytes,
 *	already clamped to the slot's size by the caller)
 * @anc_status: the descriptor's anc_status
 * @rate_num: the signal's frame rate, numerator (for the time code)
 * @rate_den: and denominator
 * @res: what was found (time code, payload ID, static HDR metadata, counts)
 * @meta: the metadata buffer to fill, or one with a NULL @buf
 *
 * Any context; touches only the slot, @res and @meta.
 */
void sdi8k_anc_slot_parse(const u8 *area, u32 bytes, u32 anc_status,
			  u32 rate_num, u32 rate_den,
			  struct sdi8k_anc_result *res,
			  struct sdi8k_anc_meta *meta)
{
	u16 w[SDI8K_ANC_PACKET_WORDS(SDI8K_ANC_MAX_UDW)];
	u32 off = 0;

	memset(res, 0, sizeof(*res));
	if (anc_status & SDI8K_ANC_OVERFLOW)
		res->overflow++;
	while (bytes - off >= 4) {
		u32 hdr = sdi8k_get_le32(area + off);
		unsigned int nwords = FIELD_GET(SDI8K_ANC_REC_WORDS, hdr);
		u32 len = 4 + ALIGN(nwords * 2, 4);
		struct sdi8k_timecode t;
		unsigned int i;
		u8 did, sdid;
		int n;

		if (len > bytes - off) {	/* record cut by the slot's end */
			res->malformed++;
			break;
		}
		if (nwords > ARRAY_SIZE(w)) {	/* longer than any packet */
			res->malformed++;
			off += len;
			continue;
		}
		for (i = 0; i < nwords; i++)
			w[i] = sdi8k_get_le16(area + off + 4 + 2 * i);
		off += len;
		n = sdi8k_anc_check(w, nwords);
		if (n < 0 || (unsigned int)n + 4 != nwords) { /* or words after it */
			res->malformed++;
			continue;
		}
		sdi8k_anc_meta_put(meta, hdr, w, n);
		did = w[0] & 0xff;
		sdid = w[1] & 0xff;
		if (did == SDI8K_DID_ATC && sdid == SDI8K_SDID_ATC) {
			if (!sdi8k_atc_decode_udw(w + 3, n, &t) &&
			    sdi8k_anc_v4l2_timecode(&t, rate_num, rate_den,
						    &res->tc))
				res->has_tc = true;
			else
				res->bad_payload++;
		} else if (did == SDI8K_DID_ST2108 && sdid == SDI8K_SDID_ST2108) {
			if (!sdi8k_anc_st2108(w + 3, n, &res->hdr))
				res->bad_payload++;
		} else if (did == SDI8K_DID_CAPTION && sdid == SDI8K_SDID_CDP) {
			if (!sdi8k_anc_cdp_ok(w + 3, n))
				res->bad_payload++;
		} else if (did == SDI8K_DID_ST352 && sdid == SDI8K_SDID_ST352 &&
			   !res->has_vpid && !FIELD_GET(SDI8K_ANC_REC_LINK, hdr)) {
			u8 b[4];

			if (n == 4 && sdi8k_anc_words_to_bytes(did, sdid, w + 3,
							       4, b) == 4) {
				res->vpid = sdi8k_get_le32(b);
				res->has_vpid = true;
			} else {
				res->bad_payload++;
			}
		}
	}
}
EXPORT_SYMBOL_GPL(sdi8k_anc_slot_parse);
