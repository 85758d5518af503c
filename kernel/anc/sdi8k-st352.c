// SPDX-License-Identifier: GPL-2.0-only OR LGPL-2.1-or-later
/* SMPTE ST 352 payload identifier: decode and encode (docs/ancillary.md §2). */
#include "sdi8k-anc-codec.h"

/* picture rate code -> num/den (0/0: none or reserved) */
static const u32 sdi8k_vpid_rates[16][2] = {
	{ 0, 0 }, { 0, 0 }, { 24000, 1001 }, { 24, 1 },
	{ 48000, 1001 }, { 25, 1 }, { 30000, 1001 }, { 30, 1 },
	{ 48, 1 }, { 50, 1 }, { 60000, 1001 }, { 60, 1 },
	{ 96, 1 }, { 100, 1 }, { 120000, 1001 }, { 120, 1 },
};

u8 sdi8k_vpid_rate_code(u32 num, u32 den)
{
	u8 code;

	for (code = 2; code < ARRAY_SIZE(sdi8k_vpid_rates); code++)
		if (num == sdi8k_vpid_rates[code][0] &&
		    den == sdi8k_vpid_rates[code][1])
			return code;
	return 0;
}
EXPORT_SYMBOL_GPL(sdi8k_vpid_rate_code);

/*
 * The 1.5G 1080-line payload moves the aspect ratio bit to bit 5 and the
 * high colorimetry bit to bit 7 of byte 3.
 */
static bool sdi8k_vpid_alt_byte3(u8 code)
{
	return code == SDI8K_VPID_1080_1G5;
}

int sdi8k_vpid_decode(const u8 bytes[4], struct sdi8k_vpid *out)
{
	static const u8 depth_1g5[4] = { 8, 10, 0, 0 };
	static const u8 depth[4] = { 10, 10, 12, 12 };
	struct sdi8k_vpid v;
	u8 b1, b2, b3, b4, col_hi;

	if (!bytes || !out)
		return sdi8k_anc_fail(-EINVAL, "%s: NULL argument", __func__);
	memset(&v, 0, sizeof(v));
	memcpy(v.bytes, bytes, 4);
	b1 = bytes[0];
	b2 = bytes[1];
	b3 = bytes[2];
	b4 = bytes[3];

	v.payload_code = b1;
	v.version1 = b1 & 0x80;
	v.progressive_transport = b2 & 0x80;
	v.progressive_picture = b2 & 0x40;
	v.transfer = (enum sdi8k_transfer)((b2 >> 4) & 3);
	v.rate_code = b2 & 0xf;
	v.rate_num = sdi8k_vpid_rates[v.rate_code][0];
	v.rate_den = sdi8k_vpid_rates[v.rate_code][1];
	v.horizontal_2048 = b3 & 0x40;
	if (sdi8k_vpid_alt_byte3(b1)) {
		v.aspect_16_9 = b3 & 0x20;
		col_hi = (b3 >> 7) & 1;
	} else {
		v.aspect_16_9 = b3 & 0x80;
		col_hi = (b3 >> 5) & 1;
	}
	v.colorimetry = (enum sdi8k_colorimetry)(col_hi << 1 | ((b3 >> 4) & 1));
	v.sampling = b3 & 0xf;
	v.channel = (b4 >> 6) & 3;
	v.ictcp = b4 & 0x10;
	v.bit_depth_code = b4 & 3;

	switch (b1) {
	case SDI8K_VPID_1080_1G5:
	case SDI8K_VPID_1080_3GA:
		v.width = 1920;
		v.height = 1080;
		v.interface_gbps_x10 = b1 == SDI8K_VPID_1080_1G5 ? 15 : 30;
		v.links = 1;
		break;
	case SDI8K_VPID_2160_12G:
		v.width = 3840;
		v.height = 2160;
		v.interface_gbps_x10 = 120;
		v.links = 1;
		break;
	case SDI8K_VPID_4320_DL12G:
	case SDI8K_VPID_4320_QL12G:
		v.width = 7680;
		v.height = 4320;
		v.interface_gbps_x10 = 120;
		v.links = b1 == SDI8K_VPID_4320_DL12G ? 2 : 4;
		break;
	default:
		break;
	}
	if (v.width && v.horizontal_2048)
		v.width = v.width / 1920 * 2048;

	if (b1 == SDI8K_VPID_1080_1G5) {
		v.bit_depth = depth_1g5[v.bit_depth_code];
	} else {
		v.bit_depth = depth[v.bit_depth_code];
		v.full_range = v.bit_depth_code == 0 || v.bit_depth_code == 3;
	}
	*out = v;
	return 0;
}
EXPORT_SYMBOL_GPL(sdi8k_vpid_decode);

int sdi8k_vpid_from_packet(const struct sdi8k_anc_packet_data *pkt,
			   struct sdi8k_vpid *out)
{
	u8 b[4];
	int r;

	if (!pkt || !out)
		return sdi8k_anc_fail(-EINVAL, "%s: NULL argument", __func__);
	if (pkt->did != SDI8K_DID_ST352 || pkt->sdid != SDI8K_SDID_ST352)
		return sdi8k_anc_fail(-ENOMSG,
				      "packet DID 0x%02x SDID 0x%02x is not an ST 352 payload ID (0x41/0x01)",
				      pkt->did, pkt->sdid);
	if (pkt->udw_count != 4)
		return sdi8k_anc_fail(-EPROTO,
				      "ST 352 payload ID: data count %u, expected 4",
				      pkt->udw_count);
	r = sdi8k_anc_words_to_bytes(pkt->did, pkt->sdid, pkt->udw, 4, b);
	if (r < 0)
		return r;
	return sdi8k_vpid_decode(b, out);
}
EXPORT_SYMBOL_GPL(sdi8k_vpid_from_packet);

int sdi8k_vpid_encode(const struct sdi8k_vpid *in, u8 bytes[4])
{
	unsigned int col;

	if (!in || !bytes)
		return sdi8k_anc_fail(-EINVAL, "%s: NULL argument", __func__);
	if ((unsigned int)in->transfer > 3 || (unsigned int)in->colorimetry > 3 ||
	    in->rate_code > 15 || in->sampling > 15 || in->channel > 3 ||
	    in->bit_depth_code > 3)
		return sdi8k_anc_fail(-EINVAL,
				      "ST 352 encode: a field is out of range (transfer %u, colorimetry %u, rate %u, sampling %u, channel %u, depth code %u)",
				      (unsigned int)in->transfer,
				      (unsigned int)in->colorimetry,
				      in->rate_code, in->sampling, in->channel,
				      in->bit_depth_code);
	col = (unsigned int)in->colorimetry;
	bytes[0] = in->payload_code;
	bytes[1] = (in->progressive_transport ? 0x80 : 0) |
		   (in->progressive_picture ? 0x40 : 0) |
		   (unsigned int)in->transfer << 4 | in->rate_code;
	bytes[2] = (in->horizontal_2048 ? 0x40 : 0) | (col & 1) << 4 |
		   in->sampling;
	if (sdi8k_vpid_alt_byte3(in->payload_code))
		bytes[2] |= (in->aspect_16_9 ? 0x20 : 0) | (col >> 1) << 7;
	else
		bytes[2] |= (in->aspect_16_9 ? 0x80 : 0) | (col >> 1) << 5;
	bytes[3] = in->channel << 6 | (in->ictcp ? 0x10 : 0) |
		   in->bit_depth_code;
	return 0;
}
EXPORT_SYMBOL_GPL(sdi8k_vpid_encode);

const char *sdi8k_colorimetry_name(enum sdi8k_colorimetry c)
{
	switch (c) {
	case SDI8K_COLORIMETRY_BT709:
		return "BT.709";
	case SDI8K_COLORIMETRY_VANC:
		return "VANC";
	case SDI8K_COLORIMETRY_BT2020:
		return "BT.2020";
	default:
		return "unknown";
	}
}
EXPORT_SYMBOL_GPL(sdi8k_colorimetry_name);
