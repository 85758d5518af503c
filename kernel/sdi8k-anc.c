// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k ancillary data: the per-slot areas the card captures ST 291
 * packets into, their validation, and what the driver takes from them:
 * ST 12-2 ATC time code for the video buffer, ST 2108-1 static HDR
 * metadata for the HDR10 controls. Layouts: docs/hardware.md
 * ("Ancillary data") and docs/ancillary.md.
 *
 * Everything the card stored came from the wire and is untrusted: every
 * record length, word value and data count is checked before use; a
 * malformed packet is counted and dropped.
 */
#include <linux/bitfield.h>
#include <linux/dma-mapping.h>
#include <linux/string.h>
#include <media/v4l2-ctrls.h>

#include "sdi8k.h"
#include "sdi8k-compat.h"
#include "uapi/sdi8k.h"

#define SDI8K_ANC_AREA	(SDI8K_RING_ENTRIES * SDI8K_ANC_SLOT_SIZE)

int sdi8k_anc_alloc(struct sdi8k_input *in)
{
	in->anc = dma_alloc_coherent(in->card->dev, SDI8K_ANC_AREA,
				     &in->anc_dma, GFP_KERNEL);
	return in->anc ? 0 : -ENOMEM;
}

void sdi8k_anc_free(struct sdi8k_input *in)
{
	if (!in->anc)
		return;
	dma_free_coherent(in->card->dev, SDI8K_ANC_AREA, in->anc, in->anc_dma);
	in->anc = NULL;
}

/* Program the card's ancillary capture (before DMA_ENABLE). */
void sdi8k_anc_start(struct sdi8k_input *in)
{
	sdi8k_in_write(in, SDI8K_IN_ANC_BASE_LO, lower_32_bits(in->anc_dma));
	sdi8k_in_write(in, SDI8K_IN_ANC_BASE_HI, upper_32_bits(in->anc_dma));
}

/* ---- ST 291 ---- */

/* An 8-bit word with bit 8 = even parity of bits 0-7, bit 9 = !bit 8. */
static bool sdi8k_anc_parity_ok(u16 w)
{
	bool b8 = w & BIT(8), b9 = w & BIT(9);

	return b8 != b9 && b8 == (hweight8(w & 0xff) & 1);
}

/*
 * Validate one record's packet: words[0..nwords-1] from DID to checksum.
 * Return the number of user data words, or -EBADMSG.
 */
static int sdi8k_anc_check(const __le16 *words, unsigned int nwords)
{
	unsigned int i, n;
	u16 sum = 0, cs;

	if (nwords < 4)
		return -EBADMSG;
	for (i = 0; i < nwords; i++)
		if (le16_to_cpu(words[i]) > 0x3ff)
			return -EBADMSG;
	for (i = 0; i < 3; i++)
		if (!sdi8k_anc_parity_ok(le16_to_cpu(words[i])))
			return -EBADMSG;
	n = le16_to_cpu(words[2]) & 0xff;
	if (nwords != n + 4)	/* runs past what was captured, or extra */
		return -EBADMSG;
	for (i = 0; i < n + 3; i++)
		sum += le16_to_cpu(words[i]) & 0x1ff;
	sum &= 0x1ff;
	cs = le16_to_cpu(words[n + 3]);
	if ((cs & 0x1ff) != sum || !(cs & BIT(9)) != !!(cs & BIT(8)))
		return -EBADMSG;
	return n;
}

/* ---- payloads: each returns false when the payload is not usable ---- */

static bool sdi8k_anc_bytes(const __le16 *udw, unsigned int n, u8 *out)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		u16 w = le16_to_cpu(udw[i]);

		if (!sdi8k_anc_parity_ok(w))
			return false;
		out[i] = w & 0xff;
	}
	return true;
}

static bool sdi8k_anc_atc(const __le16 *udw, unsigned int n, u32 rate_num,
			  u32 rate_den, struct v4l2_timecode *tc)
{
	u8 nib[16];
	unsigned int i, ff, ss, mm, hh;
	bool pairs = rate_num > 30 * rate_den, mark;
	u32 base = rate_den ? DIV_ROUND_CLOSEST(rate_num, rate_den *
						 (pairs ? 2 : 1)) : 0;

	if (n != 16)
		return false;
	for (i = 0; i < 16; i++) {
		u16 w = le16_to_cpu(udw[i]);

		if (!sdi8k_anc_parity_ok(w) || (w & 7))
			return false;
		nib[i] = (w >> 4) & 0xf;
	}
	if (nib[0] > 9 || nib[4] > 9 || nib[8] > 9 || nib[12] > 9 ||
	    (nib[6] & 7) > 5 || (nib[10] & 7) > 5 || (nib[14] & 3) > 2)
		return false;
	ff = (nib[2] & 3) * 10 + nib[0];
	ss = (nib[6] & 7) * 10 + nib[4];
	mm = (nib[10] & 7) * 10 + nib[8];
	hh = (nib[14] & 3) * 10 + nib[12];
	if (hh > 23 || !base || ff >= base)
		return false;
	/* field mark: bit 27 (30-frame family) or bit 59 (25-frame) */
	mark = base == 25 ? nib[14] & 8 : nib[6] & 8;

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
	if (nib[2] & 4)
		tc->flags |= V4L2_TC_FLAG_DROPFRAME;
	if (nib[2] & 8)
		tc->flags |= V4L2_TC_FLAG_COLORFRAME;
	tc->frames = pairs ? ff * 2 + mark : ff;
	tc->seconds = ss;
	tc->minutes = mm;
	tc->hours = hh;
	for (i = 0; i < 4; i++)	/* binary groups 1-8: the user bits */
		tc->userbits[i] = nib[4 * i + 1] | nib[4 * i + 3] << 4;
	return true;
}

static u16 sdi8k_be16(const u8 *p)
{
	return p[0] << 8 | p[1];
}

static u32 sdi8k_be32(const u8 *p)
{
	return (u32)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

/* ST 2086 payload, checked against the ranges V4L2 defines */
static bool sdi8k_anc_mdcv(const u8 *p,
			   struct v4l2_ctrl_hdr10_mastering_display *m)
{
	unsigned int i;

	for (i = 0; i < 3; i++) {
		m->display_primaries_x[i] = sdi8k_be16(p + 4 * i);
		m->display_primaries_y[i] = sdi8k_be16(p + 4 * i + 2);
		if (m->display_primaries_x[i] < V4L2_HDR10_MASTERING_PRIMARIES_X_LOW ||
		    m->display_primaries_x[i] > V4L2_HDR10_MASTERING_PRIMARIES_X_HIGH ||
		    m->display_primaries_y[i] < V4L2_HDR10_MASTERING_PRIMARIES_Y_LOW ||
		    m->display_primaries_y[i] > V4L2_HDR10_MASTERING_PRIMARIES_Y_HIGH)
			return false;
	}
	m->white_point_x = sdi8k_be16(p + 12);
	m->white_point_y = sdi8k_be16(p + 14);
	m->max_display_mastering_luminance = sdi8k_be32(p + 16);
	m->min_display_mastering_luminance = sdi8k_be32(p + 20);
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
 * ST 2108-1 frames: take the static ones (types 0x00 and 0x01). The
 * packet is taken whole or not at all: its frames are parsed into a local
 * copy, and @hdr changes only when every frame of the packet is valid (a
 * good mastering display followed by a bad light level frame leaves @hdr
 * as it was).
 */
static bool sdi8k_anc_2108(const __le16 *udw, unsigned int n,
			   struct sdi8k_hdr_static *hdr)
{
	struct sdi8k_hdr_static pkt = { };
	unsigned int off = 0;
	u8 b[255];

	if (!sdi8k_anc_bytes(udw, n, b))
		return false;
	while (off < n) {
		unsigned int type, len;

		if (n - off < 4)
			return false;
		type = b[off];
		len = b[off + 1];
		if (len < 2 || len > n - off - 2 || b[off + 3] != len - 2)
			return false;
		if (type == 0x00) {
			if (b[off + 2] != 137 || len != 2 + 24 ||
			    !sdi8k_anc_mdcv(b + off + 4, &pkt.mdcv))
				return false;
			pkt.has_mdcv = true;
		} else if (type == 0x01) {
			if (b[off + 2] != 144 || len != 2 + 4)
				return false;
			pkt.cll.max_content_light_level = sdi8k_be16(b + off + 4);
			pkt.cll.max_pic_average_light_level =
				sdi8k_be16(b + off + 6);
			pkt.has_cll = true;
		}
		off += 2 + len;
	}
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

/* ---- one frame ---- */

/* Append a checked packet to the metadata buffer being filled. */
static void sdi8k_anc_meta_put(struct sdi8k_anc_meta *meta, u32 hdr,
			       const __le16 *words, unsigned int n)
{
	struct sdi8k_anc_packet *p;
	u32 size = ALIGN(sizeof(*p) + 2 * n, 4);
	unsigned int i;
	u16 *udw;

	if (!meta->buf)
		return;
	if (meta->used + size > meta->size) {
		meta->overflow++;
		return;
	}
	p = meta->buf + meta->used;
	memset(p, 0, size);
	p->size = size;
	p->line = FIELD_GET(SDI8K_ANC_REC_LINE, hdr);
	p->link = FIELD_GET(SDI8K_ANC_REC_LINK, hdr);
	p->stream = hdr & SDI8K_ANC_REC_CSTREAM ? 1 : 0;
	p->did = le16_to_cpu(words[0]);
	p->sdid = le16_to_cpu(words[1]);
	p->dc = le16_to_cpu(words[2]);
	p->checksum = le16_to_cpu(words[n + 3]);
	udw = (u16 *)(p + 1);
	for (i = 0; i < n; i++)
		udw[i] = le16_to_cpu(words[3 + i]);
	meta->used += size;
	meta->count++;
}

/**
 * sdi8k_anc_parse - check and take apart one frame's ancillary slot
 * @in: the input
 * @slot: ring slot the frame was written through
 * @d: its written-back descriptor
 * @res: what was found (time code, static HDR metadata, counts)
 * @meta: the metadata buffer to fill, or one with a NULL @buf
 *
 * Any context; touches only the slot, @res and @meta.
 */
void sdi8k_anc_parse(struct sdi8k_input *in, unsigned int slot,
		     const struct sdi8k_desc *d, struct sdi8k_anc_result *res,
		     struct sdi8k_anc_meta *meta)
{
	const u8 *area = in->anc + slot * SDI8K_ANC_SLOT_SIZE;
	u32 bytes = min_t(u32, le32_to_cpu(d->anc_bytes), SDI8K_ANC_SLOT_SIZE);
	u32 off = 0;

	memset(res, 0, sizeof(*res));
	if (le32_to_cpu(d->anc_status) & SDI8K_ANC_OVERFLOW)
		res->overflow++;
	while (bytes - off >= 4) {
		u32 hdr = le32_to_cpup((const __le32 *)(area + off));
		unsigned int nwords = FIELD_GET(SDI8K_ANC_REC_WORDS, hdr);
		u32 len = 4 + ALIGN(nwords * 2, 4);
		const __le16 *w = (const __le16 *)(area + off + 4);
		u8 did, sdid;
		int n;

		if (len > bytes - off) {	/* record cut by the slot's end */
			res->malformed++;
			break;
		}
		off += len;
		n = sdi8k_anc_check(w, nwords);
		if (n < 0) {
			res->malformed++;
			continue;
		}
		sdi8k_anc_meta_put(meta, hdr, w, n);
		did = le16_to_cpu(w[0]) & 0xff;
		sdid = le16_to_cpu(w[1]) & 0xff;
		if (did == 0x60 && sdid == 0x60) {
			if (sdi8k_anc_atc(w + 3, n, in->rate_num, in->rate_den,
					  &res->tc))
				res->has_tc = true;
			else
				res->bad_payload++;
		} else if (did == 0x41 && sdid == 0x0c) {
			if (!sdi8k_anc_2108(w + 3, n, &res->hdr))
				res->bad_payload++;
		} else if (did == 0x41 && sdid == 0x01 && !res->has_vpid &&
			   !FIELD_GET(SDI8K_ANC_REC_LINK, hdr)) {
			u8 b[4];

			if (n == 4 && sdi8k_anc_bytes(w + 3, 4, b)) {
				res->vpid = b[0] | b[1] << 8 | b[2] << 16 |
					    (u32)b[3] << 24;
				res->has_vpid = true;
			} else {
				res->bad_payload++;
			}
		}
	}
}

/* ---- HDR controls (process context) ---- */

/*
 * Apply the static HDR metadata last seen on the wire to the controls;
 * a change sends V4L2_EVENT_CTRL to subscribers. Without a mastering
 * display the control is marked inactive (V4L2 has no valid "none" value
 * for it); without light levels MaxCLL and MaxFALL read 0 (unknown).
 */
void sdi8k_anc_hdr_work(struct work_struct *work)
{
	struct sdi8k_input *in = container_of(work, struct sdi8k_input,
					      hdr_work);
	struct v4l2_ctrl_hdr10_cll_info cll = { };
	struct sdi8k_hdr_static hdr;
	unsigned long flags;

	spin_lock_irqsave(&in->slock, flags);
	hdr = in->hdr_wire;
	spin_unlock_irqrestore(&in->slock, flags);

	if (hdr.has_mdcv)
		v4l2_ctrl_s_ctrl_compound(in->ctrl_mdcv,
					  V4L2_CTRL_TYPE_HDR10_MASTERING_DISPLAY,
					  &hdr.mdcv);
	v4l2_ctrl_activate(in->ctrl_mdcv, hdr.has_mdcv);
	if (hdr.has_cll)
		cll = hdr.cll;
	v4l2_ctrl_s_ctrl_compound(in->ctrl_cll, V4L2_CTRL_TYPE_HDR10_CLL_INFO,
				  &cll);
}

/*
 * How many frames in a row a piece of static HDR metadata must be absent
 * before the controls forget it: about one second of frames.
 */
static u32 sdi8k_anc_hold_frames(const struct sdi8k_input *in)
{
	return in->rate_den ? max(1U, DIV_ROUND_UP(in->rate_num, in->rate_den)) :
			      1;
}

/*
 * Interrupt context, under slock: count what a frame lost, keep what it
 * said, react to change.
 *
 * The HDR10 controls follow the wire but do not flicker: a frame that
 * carries a valid mastering display (light levels) sets it; a frame in
 * which a packet was dropped (malformed, a bad payload, no room) leaves
 * the held value alone, since the lost packet may have been the HDR one;
 * only when that many clean frames in a row (sdi8k_anc_hold_frames())
 * carried none is the value forgotten. A signal or payload ID change
 * forgets it at once (sdi8k_anc_forget_hdr()); frames still carrying the
 * payload ID from before the change do not bring it back.
 */
void sdi8k_anc_account(struct sdi8k_input *in,
		       const struct sdi8k_anc_result *res,
		       const struct sdi8k_anc_meta *meta)
{
	struct sdi8k_hdr_static hdr = in->hdr_wire;
	bool lost = res->malformed || res->bad_payload || res->overflow ||
		    meta->overflow;
	u32 hold = sdi8k_anc_hold_frames(in);

	in->anc_malformed += res->malformed;
	in->anc_bad_payload += res->bad_payload;
	in->anc_overflow += res->overflow + meta->overflow;

	/*
	 * A frame whose own payload ID is not the one the driver reports was
	 * captured across a change (before it, or before the driver saw it):
	 * its metadata belongs to the other signal and touches nothing.
	 */
	if (res->has_vpid && res->vpid != in->vpid)
		return;

	if (res->hdr.has_mdcv) {
		hdr.mdcv = res->hdr.mdcv;
		hdr.has_mdcv = true;
		in->mdcv_missing = 0;
	} else if (hdr.has_mdcv && !lost && ++in->mdcv_missing >= hold) {
		memset(&hdr.mdcv, 0, sizeof(hdr.mdcv));
		hdr.has_mdcv = false;
	}
	if (res->hdr.has_cll) {
		hdr.cll = res->hdr.cll;
		hdr.has_cll = true;
		in->cll_missing = 0;
	} else if (hdr.has_cll && !lost && ++in->cll_missing >= hold) {
		memset(&hdr.cll, 0, sizeof(hdr.cll));
		hdr.has_cll = false;
	}
	if (memcmp(&hdr, &in->hdr_wire, sizeof(hdr))) {
		in->hdr_wire = hdr;
		schedule_work(&in->hdr_work);
	}
}

/*
 * A new signal or payload ID (@vpid, as PAYLOAD_ID0 now reads): the static
 * HDR metadata seen so far is stale; clear the controls, the next frames
 * with this payload ID carry the new signal's. Process context.
 */
void sdi8k_anc_forget_hdr(struct sdi8k_input *in, u32 vpid)
{
	unsigned long flags;

	spin_lock_irqsave(&in->slock, flags);
	in->vpid = vpid;
	memset(&in->hdr_wire, 0, sizeof(in->hdr_wire));
	in->mdcv_missing = 0;
	in->cll_missing = 0;
	spin_unlock_irqrestore(&in->slock, flags);
	schedule_work(&in->hdr_work);
}
