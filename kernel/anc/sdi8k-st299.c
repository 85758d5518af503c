// SPDX-License-Identifier: GPL-2.0-only OR LGPL-2.1-or-later
/*
 * SMPTE ST 299-1 / ST 299-2 embedded audio: audio data packets (one
 * sample of each of a group's four channels, with the clock phase and
 * ECC) and audio control packets (docs/ancillary.md §10).
 */
#include "sdi8k-anc-codec.h"

/* the ancillary data flag's words, b0-b7, as the ECC covers them */
static const u8 sdi8k_audio_adf[3] = { 0x00, 0xff, 0xff };

/* group 0..7 of @did given group 1's and group 5's DIDs, or -1 */
static int sdi8k_audio_group(u8 did, u8 did1, u8 did5)
{
	if (did <= did1 && did > did1 - 4)
		return did1 - did;
	if (did <= did5 && did > did5 - 4)
		return 4 + did5 - did;
	return -1;
}

int sdi8k_audio_data_group(u8 did)
{
	return sdi8k_audio_group(did, SDI8K_DID_AUDIO_DATA1,
				 SDI8K_DID_AUDIO_DATA5);
}
EXPORT_SYMBOL_GPL(sdi8k_audio_data_group);

int sdi8k_audio_ctrl_group(u8 did)
{
	return sdi8k_audio_group(did, SDI8K_DID_AUDIO_CTRL1,
				 SDI8K_DID_AUDIO_CTRL5);
}
EXPORT_SYMBOL_GPL(sdi8k_audio_ctrl_group);

/* one step of the eight bit-plane BCH encoders: shift byte @in in */
static void sdi8k_audio_ecc_step(u8 r[SDI8K_AUDIO_ECC_WORDS], u8 in)
{
	u8 fb = in ^ r[0];
	unsigned int i;

	/* r[0] holds the x^5 term, r[5] the x^0 term */
	for (i = 0; i < SDI8K_AUDIO_ECC_WORDS - 1; i++)
		r[i] = r[i + 1] ^ ((SDI8K_AUDIO_ECC_POLY >> (5 - i)) & 1 ? fb : 0);
	r[SDI8K_AUDIO_ECC_WORDS - 1] = SDI8K_AUDIO_ECC_POLY & 1 ? fb : 0;
}

void sdi8k_audio_ecc(const u16 *words, u8 ecc[SDI8K_AUDIO_ECC_WORDS])
{
	unsigned int i;

	memset(ecc, 0, SDI8K_AUDIO_ECC_WORDS);
	for (i = 0; i < ARRAY_SIZE(sdi8k_audio_adf); i++)
		sdi8k_audio_ecc_step(ecc, sdi8k_audio_adf[i]);
	for (i = 0; i < 3 + 18; i++)
		sdi8k_audio_ecc_step(ecc, (u8)words[i]);
}
EXPORT_SYMBOL_GPL(sdi8k_audio_ecc);

/* even parity of the 32 bits of @v: 1 when an odd number is set */
static unsigned int sdi8k_audio_parity(u32 v)
{
	v ^= v >> 16;
	v ^= v >> 8;
	v ^= v >> 4;
	v ^= v >> 2;
	v ^= v >> 1;
	return v & 1;
}

int sdi8k_audio_encode(const struct sdi8k_audio_packet *p, u16 *out,
		       size_t cap)
{
	u8 ecc[SDI8K_AUDIO_ECC_WORDS];
	u16 *udw;
	unsigned int ch, i;

	if (!p || !out)
		return sdi8k_anc_fail(-EINVAL, "%s: NULL argument", __func__);
	if (p->group >= SDI8K_AUDIO_GROUPS || p->clk > 0x1fff)
		return sdi8k_anc_fail(-EINVAL,
				      "ST 299 encode: group %u (0-7), clock phase %u (13 bits)",
				      p->group, p->clk);
	if (cap < SDI8K_AUDIO_DATA_WORDS)
		return sdi8k_anc_fail(-ENOSPC,
				      "ST 299 audio data packet: needs %u words, buffer holds %zu",
				      SDI8K_AUDIO_DATA_WORDS, cap);
	out[0] = sdi8k_anc_word(sdi8k_audio_data_did(p->group));
	out[1] = sdi8k_anc_word(p->dbn);
	out[2] = sdi8k_anc_word(SDI8K_AUDIO_DATA_UDW);
	udw = out + 3;
	udw[0] = sdi8k_anc_word((u8)p->clk);
	udw[1] = sdi8k_anc_word((u8)((p->clk >> 8) & 0xf) | (p->mpf ? 0x10 : 0) |
				(p->clk & 0x1000 ? 0x20 : 0));
	for (ch = 0; ch < 4; ch++) {
		u32 a = (u32)p->sample[ch] & 0xffffff;
		u8 f = p->flags[ch];
		/* the AES3 subframe from bit 3 (Z) up: aud 4-27, V U C P */
		u32 sub = (f & SDI8K_AUDIO_Z ? 0x8 : 0) | a << 4 |
			  (f & SDI8K_AUDIO_V ? BIT(28) : 0) |
			  (f & SDI8K_AUDIO_U ? BIT(29) : 0) |
			  (f & SDI8K_AUDIO_C ? BIT(30) : 0);

		sub |= sdi8k_audio_parity(sub & ~0xfU) << 31;
		for (i = 0; i < 4; i++)
			udw[2 + ch * 4 + i] = sdi8k_anc_word((u8)(sub >> (8 * i)));
	}
	sdi8k_audio_ecc(out, ecc);
	for (i = 0; i < SDI8K_AUDIO_ECC_WORDS; i++)
		udw[18 + i] = sdi8k_anc_word(ecc[i]);
	out[SDI8K_AUDIO_DATA_WORDS - 1] =
		sdi8k_anc_checksum(out, SDI8K_AUDIO_DATA_WORDS - 1);
	return SDI8K_AUDIO_DATA_WORDS;
}
EXPORT_SYMBOL_GPL(sdi8k_audio_encode);

/* check the envelope and every UDW's parity; the UDW count or an errno */
static int sdi8k_audio_check(const u16 *words, size_t n, unsigned int udw,
			     const char *what)
{
	int ret;
	unsigned int i;

	ret = sdi8k_anc_check(words, n);
	if (ret < 0)
		return ret;
	if ((unsigned int)ret != udw)
		return sdi8k_anc_fail(-EPROTO,
				      "ST 299 %s packet DID 0x%02x: data count %d, expected %u",
				      what, words[0] & 0xff, ret, udw);
	for (i = 0; i < udw; i++)
		if (!sdi8k_anc_word_ok(words[3 + i]))
			return sdi8k_anc_fail(-EBADMSG,
					      "ST 299 %s packet DID 0x%02x: user data word %u (0x%03x) has bad parity",
					      what, words[0] & 0xff, i, words[3 + i]);
	return ret;
}

int sdi8k_audio_decode(const u16 *words, size_t n,
		       struct sdi8k_audio_packet *out)
{
	struct sdi8k_audio_packet p;
	u8 ecc[SDI8K_AUDIO_ECC_WORDS];
	const u16 *udw;
	unsigned int ch, i;
	int group, ret;

	if (!words || !out)
		return sdi8k_anc_fail(-EINVAL, "%s: NULL argument", __func__);
	if (!n || words[0] > 0x3ff)
		return sdi8k_anc_fail(-EOVERFLOW, "ST 299: no packet");
	group = sdi8k_audio_data_group((u8)words[0]);
	if (group < 0)
		return sdi8k_anc_fail(-ENOMSG,
				      "packet DID 0x%02x is not an ST 299 audio data packet",
				      words[0] & 0xff);
	ret = sdi8k_audio_check(words, n, SDI8K_AUDIO_DATA_UDW, "audio data");
	if (ret < 0)
		return ret;
	udw = words + 3;
	sdi8k_audio_ecc(words, ecc);
	for (i = 0; i < SDI8K_AUDIO_ECC_WORDS; i++)
		if ((udw[18 + i] & 0xff) != ecc[i])
			return sdi8k_anc_fail(-EUCLEAN,
					      "ST 299 audio data packet group %d: ECC word %u is 0x%02x, expected 0x%02x",
					      group + 1, i, udw[18 + i] & 0xff,
					      ecc[i]);
	memset(&p, 0, sizeof(p));
	p.group = group;
	p.dbn = (u8)words[1];
	p.clk = (udw[0] & 0xff) | (udw[1] & 0xf) << 8 |
		(udw[1] & 0x20 ? 0x1000 : 0);
	p.mpf = udw[1] & 0x10;
	for (ch = 0; ch < 4; ch++) {
		u32 sub = 0;

		for (i = 0; i < 4; i++)
			sub |= (u32)(udw[2 + ch * 4 + i] & 0xff) << (8 * i);
		/* sign-extend the 24-bit sample in bits 27:4 */
		p.sample[ch] = (s32)(sub << 4) >> 8;
		p.flags[ch] = (sub & 0x8 ? SDI8K_AUDIO_Z : 0) |
			      (sub & BIT(28) ? SDI8K_AUDIO_V : 0) |
			      (sub & BIT(29) ? SDI8K_AUDIO_U : 0) |
			      (sub & BIT(30) ? SDI8K_AUDIO_C : 0) |
			      (sub & BIT(31) ? SDI8K_AUDIO_P : 0);
	}
	*out = p;
	return SDI8K_AUDIO_DATA_WORDS;
}
EXPORT_SYMBOL_GPL(sdi8k_audio_decode);

#define SDI8K_AUDIO_DELAY_MAX	0x3fffff	/* 23-bit two's complement */

int sdi8k_audio_ctrl_encode(const struct sdi8k_audio_control *c, u16 *out,
			    size_t cap)
{
	u8 b[SDI8K_AUDIO_CTRL_UDW] = { 0 };
	unsigned int i;

	if (!c || !out)
		return sdi8k_anc_fail(-EINVAL, "%s: NULL argument", __func__);
	if (c->group >= SDI8K_AUDIO_GROUPS || c->rate > 15)
		return sdi8k_anc_fail(-EINVAL,
				      "ST 299 control encode: group %u (0-7), rate %u (4 bits)",
				      c->group, c->rate);
	b[0] = c->af[0];
	b[1] = c->af[1];
	b[2] = c->rate;
	b[3] = c->active;
	for (i = 0; i < 2; i++) {
		s32 d = c->delay_valid[i] ? c->delay[i] : 0;
		u32 v = (u32)d & 0x7fffff;

		if (d > SDI8K_AUDIO_DELAY_MAX || d < -SDI8K_AUDIO_DELAY_MAX - 1)
			return sdi8k_anc_fail(-EINVAL,
					      "ST 299 control encode: delay %d outside 23 bits",
					      d);
		b[4 + 3 * i] = (u8)(c->delay_valid[i] | (v & 0x7f) << 1);
		b[5 + 3 * i] = (u8)(v >> 7);
		b[6 + 3 * i] = (u8)(v >> 15);
	}
	return sdi8k_anc_encode_bytes(sdi8k_audio_ctrl_did(c->group), 0, b,
				      SDI8K_AUDIO_CTRL_UDW, out, cap);
}
EXPORT_SYMBOL_GPL(sdi8k_audio_ctrl_encode);

int sdi8k_audio_ctrl_decode(const u16 *words, size_t n,
			    struct sdi8k_audio_control *out)
{
	struct sdi8k_audio_control c;
	const u16 *udw;
	unsigned int i;
	int group, ret;

	if (!words || !out)
		return sdi8k_anc_fail(-EINVAL, "%s: NULL argument", __func__);
	if (!n || words[0] > 0x3ff)
		return sdi8k_anc_fail(-EOVERFLOW, "ST 299: no packet");
	group = sdi8k_audio_ctrl_group((u8)words[0]);
	if (group < 0)
		return sdi8k_anc_fail(-ENOMSG,
				      "packet DID 0x%02x is not an ST 299 audio control packet",
				      words[0] & 0xff);
	ret = sdi8k_audio_check(words, n, SDI8K_AUDIO_CTRL_UDW, "audio control");
	if (ret < 0)
		return ret;
	udw = words + 3;
	memset(&c, 0, sizeof(c));
	c.group = group;
	c.af[0] = (u8)udw[0];
	c.af[1] = (u8)udw[1];
	c.rate = udw[2] & 0xf;
	c.active = (u8)udw[3];
	for (i = 0; i < 2; i++) {
		u32 v = (udw[4 + 3 * i] & 0xfe) >> 1 |
			(u32)(udw[5 + 3 * i] & 0xff) << 7 |
			(u32)(udw[6 + 3 * i] & 0xff) << 15;

		c.delay_valid[i] = udw[4 + 3 * i] & 1;
		/* sign-extend 23 bits */
		c.delay[i] = (s32)(v << 9) >> 9;
	}
	*out = c;
	return SDI8K_AUDIO_CTRL_WORDS;
}
EXPORT_SYMBOL_GPL(sdi8k_audio_ctrl_decode);
