// SPDX-License-Identifier: GPL-2.0-only OR LGPL-2.1-or-later
/*
 * SMPTE ST 334-1 / ST 334-2 caption distribution: the CEA-708 caption
 * distribution packet (CDP) and its CEA-608 byte pairs (docs/ancillary.md
 * §11).
 */
#include "sdi8k-anc-codec.h"

#define CDP_TC_ID	0x71
#define CDP_CC_ID	0x72
#define CDP_SVC_ID	0x73
#define CDP_FOOTER_ID	0x74
#define CDP_HEADER	7	/* identifier 2, length, rate, flags, sequence 2 */
#define CDP_FOOTER	4	/* id, sequence 2, checksum */
#define CDP_SVC_ENTRY	7

/* header flag bits */
#define CDP_F_TC	0x80
#define CDP_F_CC	0x40
#define CDP_F_SVC	0x20
#define CDP_F_SVC_START	0x10
#define CDP_F_SVC_CHG	0x08
#define CDP_F_SVC_DONE	0x04
#define CDP_F_ACTIVE	0x02

/* cdp_frame_rate code -> rate, and the cc_count of that rate (CEA-708 §4.4) */
static const struct {
	u32 num, den;
	u8 cc_count;
} sdi8k_cdp_rates[9] = {
	{ 0, 0, 0 }, { 24000, 1001, 25 }, { 24, 1, 25 }, { 25, 1, 24 },
	{ 30000, 1001, 20 }, { 30, 1, 20 }, { 50, 1, 12 }, { 60000, 1001, 10 },
	{ 60, 1, 10 },
};

u8 sdi8k_cdp_rate_code(u32 num, u32 den)
{
	u8 code;

	for (code = 1; code < ARRAY_SIZE(sdi8k_cdp_rates); code++)
		if (num == sdi8k_cdp_rates[code].num &&
		    den == sdi8k_cdp_rates[code].den)
			return code;
	return 0;
}
EXPORT_SYMBOL_GPL(sdi8k_cdp_rate_code);

unsigned int sdi8k_cdp_cc_count(u32 num, u32 den)
{
	return sdi8k_cdp_rates[sdi8k_cdp_rate_code(num, den)].cc_count;
}
EXPORT_SYMBOL_GPL(sdi8k_cdp_cc_count);

u8 sdi8k_cea608_byte(u8 c)
{
	c &= 0x7f;
	return (hweight8(c) & 1) ? c : c | 0x80;
}
EXPORT_SYMBOL_GPL(sdi8k_cea608_byte);

/**
 * sdi8k_cc_has_data - does a cc_data triplet carry captions?
 * @cc: one triplet of a CDP
 *
 * True for a valid triplet of DTVCC data, or of a CEA-608 pair other than
 * the null pair (0x80 0x80: both bytes zero but for their parity bits).
 */
bool sdi8k_cc_has_data(const struct sdi8k_cc_data *cc)
{
	if (!cc->valid)
		return false;
	if (cc->type != SDI8K_CC_608_FIELD1 && cc->type != SDI8K_CC_608_FIELD2)
		return true;
	return (cc->data[0] & 0x7f) || (cc->data[1] & 0x7f);
}
EXPORT_SYMBOL_GPL(sdi8k_cc_has_data);

static int sdi8k_cdp_tc_decode(const u8 *p, struct sdi8k_cdp_timecode *tc)
{
	unsigned int ht = (p[0] >> 4) & 3, hu = p[0] & 0xf;
	unsigned int mt = (p[1] >> 4) & 7, mu = p[1] & 0xf;
	unsigned int st = (p[2] >> 4) & 7, su = p[2] & 0xf;
	unsigned int ft = (p[3] >> 4) & 3, fu = p[3] & 0xf;

	if (hu > 9 || mu > 9 || su > 9 || fu > 9 || mt > 5 || st > 5 ||
	    ht * 10 + hu > 23)
		return sdi8k_anc_fail(-EPROTO,
				      "CDP time code: bad BCD digits %u%u:%u%u:%u%u:%u%u",
				      ht, hu, mt, mu, st, su, ft, fu);
	tc->hours = ht * 10 + hu;
	tc->minutes = mt * 10 + mu;
	tc->seconds = st * 10 + su;
	tc->frames = ft * 10 + fu;
	tc->field = p[2] & 0x80;
	tc->drop_frame = p[3] & 0x80;
	return 0;
}

static void sdi8k_cdp_svc_decode(const u8 *p, struct sdi8k_cdp_service *s)
{
	memset(s, 0, sizeof(*s));
	s->number = (p[0] & 0x40) ? p[0] & 0x1f : p[0] & 0x3f;
	s->language[0] = (char)p[1];
	s->language[1] = (char)p[2];
	s->language[2] = (char)p[3];
	s->digital = p[4] & 0x80;
	if (s->digital)
		s->service = p[4] & 0x3f;
	else
		s->line21_field = p[4] & 1;
	s->easy_reader = p[5] & 0x80;
	s->wide_aspect = p[5] & 0x40;
}

int sdi8k_cdp_decode(const u8 *p, size_t n, struct sdi8k_cdp *out)
{
	struct sdi8k_cdp c;
	size_t off = CDP_HEADER, i;
	u8 flags, sum = 0;
	u16 footer_seq;

	if (!p || !out)
		return sdi8k_anc_fail(-EINVAL, "%s: NULL argument", __func__);
	if (n < CDP_HEADER + CDP_FOOTER)
		return sdi8k_anc_fail(-EOVERFLOW, "CDP: %zu bytes, fewer than 11",
				      n);
	if (sdi8k_get_be16(p) != SDI8K_CDP_IDENTIFIER)
		return sdi8k_anc_fail(-EPROTO, "CDP: identifier 0x%04x, not 0x9669",
				      sdi8k_get_be16(p));
	if (p[2] != n)
		return sdi8k_anc_fail(-EPROTO,
				      "CDP: cdp_length %u in a payload of %zu bytes",
				      p[2], n);
	for (i = 0; i < n; i++)
		sum += p[i];
	if (sum)
		return sdi8k_anc_fail(-EBADMSG, "CDP: checksum mismatch (sum 0x%02x)",
				      sum);
	memset(&c, 0, sizeof(c));
	c.frame_rate = p[3] >> 4;
	if (!c.frame_rate || c.frame_rate >= ARRAY_SIZE(sdi8k_cdp_rates))
		return sdi8k_anc_fail(-EPROTO, "CDP: reserved frame rate code %u",
				      c.frame_rate);
	c.rate_num = sdi8k_cdp_rates[c.frame_rate].num;
	c.rate_den = sdi8k_cdp_rates[c.frame_rate].den;
	flags = p[4];
	c.caption_service_active = flags & CDP_F_ACTIVE;
	c.sequence = sdi8k_get_be16(p + 5);
	n -= CDP_FOOTER;	/* the sections end where the footer starts */

	if (flags & CDP_F_TC) {
		if (off + 5 > n || p[off] != CDP_TC_ID)
			return sdi8k_anc_fail(-EPROTO,
					      "CDP: time code announced, section missing at byte %zu",
					      off);
		if (sdi8k_cdp_tc_decode(p + off + 1, &c.tc))
			return -EPROTO;
		c.has_timecode = true;
		off += 5;
	}
	if (flags & CDP_F_CC) {
		if (off + 2 > n || p[off] != CDP_CC_ID)
			return sdi8k_anc_fail(-EPROTO,
					      "CDP: cc_data announced, section missing at byte %zu",
					      off);
		c.cc_count = p[off + 1] & 0x1f;
		off += 2;
		if (off + 3 * c.cc_count > n)
			return sdi8k_anc_fail(-EPROTO,
					      "CDP: %u cc_data triplets run past the footer",
					      c.cc_count);
		for (i = 0; i < c.cc_count; i++, off += 3) {
			c.cc[i].valid = p[off] & 4;
			c.cc[i].type = p[off] & 3;
			c.cc[i].data[0] = p[off + 1];
			c.cc[i].data[1] = p[off + 2];
		}
		c.has_ccdata = true;
	}
	if (flags & CDP_F_SVC) {
		if (off + 2 > n || p[off] != CDP_SVC_ID)
			return sdi8k_anc_fail(-EPROTO,
					      "CDP: service information announced, section missing at byte %zu",
					      off);
		c.svc_start = p[off + 1] & 0x40;
		c.svc_change = p[off + 1] & 0x20;
		c.svc_complete = p[off + 1] & 0x10;
		c.svc_count = p[off + 1] & 0x0f;
		off += 2;
		if (off + CDP_SVC_ENTRY * c.svc_count > n)
			return sdi8k_anc_fail(-EPROTO,
					      "CDP: %u service entries run past the footer",
					      c.svc_count);
		for (i = 0; i < c.svc_count; i++, off += CDP_SVC_ENTRY)
			sdi8k_cdp_svc_decode(p + off, &c.svc[i]);
		c.has_svcinfo = true;
	}
	/* future sections: id 0x75..0xEF, a length, that many bytes */
	while (off < n) {
		if (p[off] < 0x75 || p[off] > 0xef || off + 2 > n ||
		    off + 2 + p[off + 1] > n)
			return sdi8k_anc_fail(-EPROTO,
					      "CDP: unexpected section 0x%02x at byte %zu",
					      p[off], off);
		off += 2 + p[off + 1];
	}
	if (p[n] != CDP_FOOTER_ID)
		return sdi8k_anc_fail(-EPROTO, "CDP: footer id 0x%02x, not 0x74",
				      p[n]);
	footer_seq = sdi8k_get_be16(p + n + 1);
	if (footer_seq != c.sequence)
		return sdi8k_anc_fail(-EPROTO,
				      "CDP: footer sequence %u, header %u",
				      footer_seq, c.sequence);
	*out = c;
	return 0;
}
EXPORT_SYMBOL_GPL(sdi8k_cdp_decode);

int sdi8k_cdp_from_packet(const struct sdi8k_anc_packet_data *pkt,
			  struct sdi8k_cdp *out)
{
	u8 bytes[SDI8K_ANC_MAX_UDW];
	int n;

	if (!pkt || !out)
		return sdi8k_anc_fail(-EINVAL, "%s: NULL argument", __func__);
	if (pkt->did != SDI8K_DID_CAPTION || pkt->sdid != SDI8K_SDID_CDP)
		return sdi8k_anc_fail(-ENOMSG,
				      "packet DID 0x%02x SDID 0x%02x is not a CEA-708 CDP (0x61/0x01)",
				      pkt->did, pkt->sdid);
	n = sdi8k_anc_words_to_bytes(pkt->did, pkt->sdid, pkt->udw,
				     pkt->udw_count, bytes);
	if (n < 0)
		return n;
	return sdi8k_cdp_decode(bytes, n, out);
}
EXPORT_SYMBOL_GPL(sdi8k_cdp_from_packet);

static u8 sdi8k_bcd(unsigned int v)
{
	return (u8)((v / 10) << 4 | v % 10);
}

int sdi8k_cdp_encode(const struct sdi8k_cdp *c, u8 *out, size_t cap)
{
	u8 b[SDI8K_CDP_MAX_SIZE + 64];
	size_t n = CDP_HEADER, i;
	u8 flags = 0x01, sum = 0;	/* the reserved bit is 1 */
	const struct sdi8k_cdp_timecode *tc;

	if (!c || !out)
		return sdi8k_anc_fail(-EINVAL, "%s: NULL argument", __func__);
	if (!c->frame_rate || c->frame_rate >= ARRAY_SIZE(sdi8k_cdp_rates) ||
	    c->cc_count > SDI8K_CDP_MAX_CC || c->svc_count > SDI8K_CDP_MAX_SVC)
		return sdi8k_anc_fail(-EINVAL,
				      "CDP: frame rate code %u, %u triplets, %u services",
				      c->frame_rate, c->cc_count, c->svc_count);
	tc = &c->tc;
	if (c->has_timecode &&
	    (tc->hours > 23 || tc->minutes > 59 || tc->seconds > 59 ||
	     tc->frames > 39))
		return sdi8k_anc_fail(-EINVAL, "CDP: time code %u:%u:%u:%u",
				      tc->hours, tc->minutes, tc->seconds,
				      tc->frames);
	if (c->has_timecode) {
		flags |= CDP_F_TC;
		b[n++] = CDP_TC_ID;
		b[n++] = 0xc0 | sdi8k_bcd(tc->hours);
		b[n++] = 0x80 | sdi8k_bcd(tc->minutes);
		b[n++] = (tc->field ? 0x80 : 0) | sdi8k_bcd(tc->seconds);
		b[n++] = (tc->drop_frame ? 0x80 : 0) | sdi8k_bcd(tc->frames);
	}
	if (c->has_ccdata) {
		flags |= CDP_F_CC;
		b[n++] = CDP_CC_ID;
		b[n++] = 0xe0 | c->cc_count;
		for (i = 0; i < c->cc_count; i++) {
			b[n++] = 0xf8 | (c->cc[i].valid ? 4 : 0) |
				 (c->cc[i].type & 3);
			b[n++] = c->cc[i].data[0];
			b[n++] = c->cc[i].data[1];
		}
	}
	if (c->has_svcinfo) {
		flags |= CDP_F_SVC;
		if (c->svc_start)
			flags |= CDP_F_SVC_START;
		if (c->svc_change)
			flags |= CDP_F_SVC_CHG;
		if (c->svc_complete)
			flags |= CDP_F_SVC_DONE;
		b[n++] = CDP_SVC_ID;
		b[n++] = 0x80 | (c->svc_start ? 0x40 : 0) |
			 (c->svc_change ? 0x20 : 0) |
			 (c->svc_complete ? 0x10 : 0) | c->svc_count;
		for (i = 0; i < c->svc_count; i++) {
			const struct sdi8k_cdp_service *s = &c->svc[i];

			b[n++] = 0x80 | (s->number & 0x3f);
			b[n++] = (u8)s->language[0];
			b[n++] = (u8)s->language[1];
			b[n++] = (u8)s->language[2];
			b[n++] = (s->digital ? 0x80 : 0) | 0x40 |
				 (s->digital ? s->service & 0x3f :
					       0x3e | (s->line21_field & 1));
			b[n++] = (s->easy_reader ? 0x80 : 0) |
				 (s->wide_aspect ? 0x40 : 0) | 0x3f;
			b[n++] = 0xff;
		}
	}
	if (c->caption_service_active)
		flags |= CDP_F_ACTIVE;
	b[n++] = CDP_FOOTER_ID;
	sdi8k_put_be16(b + n, c->sequence);
	n += 2;
	n++;	/* checksum */
	if (n > SDI8K_CDP_MAX_SIZE)
		return sdi8k_anc_fail(-EINVAL, "CDP: %zu bytes, more than 255", n);
	if (n > cap)
		return sdi8k_anc_fail(-ENOSPC, "CDP: %zu bytes, room for %zu", n,
				      cap);
	b[0] = SDI8K_CDP_IDENTIFIER >> 8;
	b[1] = SDI8K_CDP_IDENTIFIER & 0xff;
	b[2] = (u8)n;
	b[3] = (u8)(c->frame_rate << 4 | 0x0f);
	b[4] = flags;
	sdi8k_put_be16(b + 5, c->sequence);
	for (i = 0; i < n - 1; i++)
		sum += b[i];
	b[n - 1] = (u8)(0x100 - sum);
	memcpy(out, b, n);
	return (int)n;
}
EXPORT_SYMBOL_GPL(sdi8k_cdp_encode);
