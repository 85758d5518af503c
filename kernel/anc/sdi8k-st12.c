// SPDX-License-Identifier: GPL-2.0-only OR LGPL-2.1-or-later
/* SMPTE ST 12-2 ancillary time code, ATC (docs/ancillary.md §6). */
#include "sdi8k-anc-codec.h"

int sdi8k_atc_decode_udw(const u16 *udw, size_t n, struct sdi8k_timecode *out)
{
	struct sdi8k_timecode tc;
	u8 nib[SDI8K_ATC_UDW];
	unsigned int i, fu, ft, su, st, mu, mt, hu, ht;

	if (n != SDI8K_ATC_UDW)
		return sdi8k_anc_fail(-EPROTO,
				      "ST 12-2 time code: data count %zu, expected 16",
				      n);
	memset(&tc, 0, sizeof(tc));
	for (i = 0; i < SDI8K_ATC_UDW; i++) {
		u16 w = udw[i];

		if (!sdi8k_anc_word_ok(w))
			return sdi8k_anc_fail(-EBADMSG,
					      "ST 12-2 time code: user data word %u (0x%03x) has bad parity",
					      i + 1, w);
		if (w & 7)
			return sdi8k_anc_fail(-EPROTO,
					      "ST 12-2 time code: user data word %u (0x%03x) has bits 0-2 set",
					      i + 1, w);
		nib[i] = (w >> 4) & 0xf;
		if (i < 8)
			tc.dbb1 |= ((w >> 3) & 1) << i;
		else
			tc.dbb2 |= ((w >> 3) & 1) << (i - 8);
	}
	fu = nib[0];
	ft = nib[2] & 3;
	su = nib[4];
	st = nib[6] & 7;
	mu = nib[8];
	mt = nib[10] & 7;
	hu = nib[12];
	ht = nib[14] & 3;
	if (fu > 9 || su > 9 || mu > 9 || hu > 9 || st > 5 || mt > 5 || ht > 2 ||
	    ht * 10 + hu > 23)
		return sdi8k_anc_fail(-EPROTO,
				      "ST 12-2 time code: bad BCD digits %u%u:%u%u:%u%u:%u%u",
				      ht, hu, mt, mu, st, su, ft, fu);
	tc.frames = ft * 10 + fu;
	tc.seconds = st * 10 + su;
	tc.minutes = mt * 10 + mu;
	tc.hours = ht * 10 + hu;
	tc.drop_frame = nib[2] & 4;
	tc.color_frame = nib[2] & 8;
	tc.flag27 = nib[6] & 8;
	tc.flag43 = nib[10] & 8;
	tc.flag58 = nib[14] & 4;
	tc.flag59 = nib[14] & 8;
	for (i = 0; i < 8; i++)
		tc.binary_groups[i] = nib[2 * i + 1];
	tc.vitc_line = tc.dbb2 & 0x1f;
	tc.line_duplication = tc.dbb2 & 0x20;
	tc.tc_invalid = tc.dbb2 & 0x40;
	tc.process_bit = tc.dbb2 & 0x80;
	*out = tc;
	return 0;
}
EXPORT_SYMBOL_GPL(sdi8k_atc_decode_udw);

int sdi8k_atc_decode(const struct sdi8k_anc_packet_data *pkt,
		     struct sdi8k_timecode *out)
{
	if (!pkt || !out)
		return sdi8k_anc_fail(-EINVAL, "%s: NULL argument", __func__);
	if (pkt->did != SDI8K_DID_ATC || pkt->sdid != SDI8K_SDID_ATC)
		return sdi8k_anc_fail(-ENOMSG,
				      "packet DID 0x%02x SDID 0x%02x is not an ST 12-2 time code (0x60/0x60)",
				      pkt->did, pkt->sdid);
	return sdi8k_atc_decode_udw(pkt->udw, pkt->udw_count, out);
}
EXPORT_SYMBOL_GPL(sdi8k_atc_decode);

int sdi8k_atc_encode(const struct sdi8k_timecode *tc, u16 *out, size_t cap)
{
	u8 nib[SDI8K_ATC_UDW], bytes[SDI8K_ATC_UDW];
	unsigned int i;

	if (!tc || !out)
		return sdi8k_anc_fail(-EINVAL, "%s: NULL argument", __func__);
	if (tc->hours > 23 || tc->minutes > 59 || tc->seconds > 59 ||
	    tc->frames > 39)
		return sdi8k_anc_fail(-EINVAL,
				      "ST 12-2 encode: time code %u:%u:%u:%u out of range (23:59:59:39)",
				      tc->hours, tc->minutes, tc->seconds,
				      tc->frames);
	for (i = 0; i < 8; i++)
		if (tc->binary_groups[i] > 15)
			return sdi8k_anc_fail(-EINVAL,
					      "ST 12-2 encode: binary group %u = %u, 4 bits",
					      i + 1, tc->binary_groups[i]);
	nib[0] = tc->frames % 10;
	nib[2] = tc->frames / 10 | (tc->drop_frame ? 4 : 0) |
		 (tc->color_frame ? 8 : 0);
	nib[4] = tc->seconds % 10;
	nib[6] = tc->seconds / 10 | (tc->flag27 ? 8 : 0);
	nib[8] = tc->minutes % 10;
	nib[10] = tc->minutes / 10 | (tc->flag43 ? 8 : 0);
	nib[12] = tc->hours % 10;
	nib[14] = tc->hours / 10 | (tc->flag58 ? 4 : 0) | (tc->flag59 ? 8 : 0);
	for (i = 0; i < 8; i++)
		nib[2 * i + 1] = tc->binary_groups[i];
	for (i = 0; i < SDI8K_ATC_UDW; i++) {
		unsigned int dbb = i < 8 ? (tc->dbb1 >> i) & 1 :
					   (tc->dbb2 >> (i - 8)) & 1;

		bytes[i] = nib[i] << 4 | dbb << 3;
	}
	return sdi8k_anc_encode_bytes(SDI8K_DID_ATC, SDI8K_SDID_ATC, bytes,
				      SDI8K_ATC_UDW, out, cap);
}
EXPORT_SYMBOL_GPL(sdi8k_atc_encode);

bool sdi8k_timecode_field_mark(const struct sdi8k_timecode *tc,
			       bool rate_25_family)
{
	if (!tc)
		return false;
	return rate_25_family ? tc->flag59 : tc->flag27;
}
EXPORT_SYMBOL_GPL(sdi8k_timecode_field_mark);
