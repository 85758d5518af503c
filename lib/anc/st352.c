// SPDX-License-Identifier: LGPL-2.1-or-later
/* SMPTE ST 352 payload identifier: decode and encode (docs/ancillary.md §2). */
#include <errno.h>
#include <string.h>

#include <sdi8k/anc.h>

#include "common/error.h"

/* picture rate code -> num/den (0/0: none or reserved) */
static const unsigned rate_tab[16][2] = {
	{ 0, 0 }, { 0, 0 }, { 24000, 1001 }, { 24, 1 },
	{ 48000, 1001 }, { 25, 1 }, { 30000, 1001 }, { 30, 1 },
	{ 48, 1 }, { 50, 1 }, { 60000, 1001 }, { 60, 1 },
	{ 96, 1 }, { 100, 1 }, { 120000, 1001 }, { 120, 1 },
};

/* The 1.5G 1080-line payload moves the aspect ratio bit to bit 5 and the
 * high colorimetry bit to bit 7 of byte 3. */
static int alt_byte3(uint8_t code)
{
	return code == SDI8K_VPID_1080_1G5;
}

SDI8K_API int sdi8k_vpid_decode(const uint8_t bytes[4], struct sdi8k_vpid *out)
{
	struct sdi8k_vpid v;
	uint8_t b1, b2, b3, b4, col_hi;

	if (!bytes || !out)
		return sdi8k__fail(-EINVAL, "sdi8k_vpid_decode: NULL argument");
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
	v.rate_num = rate_tab[v.rate_code][0];
	v.rate_den = rate_tab[v.rate_code][1];
	v.horizontal_2048 = b3 & 0x40;
	if (alt_byte3(b1)) {
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
		v.width = 1920;
		v.height = 1080;
		v.interface_gbps_x10 = 15;
		v.links = 1;
		break;
	case SDI8K_VPID_1080_3GA:
		v.width = 1920;
		v.height = 1080;
		v.interface_gbps_x10 = 30;
		v.links = 1;
		break;
	case SDI8K_VPID_2160_12G:
		v.width = 3840;
		v.height = 2160;
		v.interface_gbps_x10 = 120;
		v.links = 1;
		break;
	case SDI8K_VPID_4320_DL12G:
		v.width = 7680;
		v.height = 4320;
		v.interface_gbps_x10 = 120;
		v.links = 2;
		break;
	case SDI8K_VPID_4320_QL12G:
		v.width = 7680;
		v.height = 4320;
		v.interface_gbps_x10 = 120;
		v.links = 4;
		break;
	default:
		break;
	}
	if (v.width && v.horizontal_2048)
		v.width = v.width / 1920 * 2048;

	if (b1 == SDI8K_VPID_1080_1G5) {
		static const uint8_t d[4] = { 8, 10, 0, 0 };

		v.bit_depth = d[v.bit_depth_code];
	} else {
		static const uint8_t d[4] = { 10, 10, 12, 12 };

		v.bit_depth = d[v.bit_depth_code];
		v.full_range = v.bit_depth_code == 0 || v.bit_depth_code == 3;
	}
	*out = v;
	return 0;
}

SDI8K_API int sdi8k_vpid_from_packet(const struct sdi8k_anc_packet_data *pkt,
				     struct sdi8k_vpid *out)
{
	uint8_t b[SDI8K_ANC_MAX_UDW];
	int r;

	if (!pkt || !out)
		return sdi8k__fail(-EINVAL, "sdi8k_vpid_from_packet: NULL argument");
	if (pkt->did != SDI8K_DID_ST352 || pkt->sdid != SDI8K_SDID_ST352)
		return sdi8k__fail(-ENOMSG,
				   "packet DID 0x%02x SDID 0x%02x is not an ST 352 payload ID (0x41/0x01)",
				   pkt->did, pkt->sdid);
	if (pkt->udw_count != 4)
		return sdi8k__fail(-EPROTO,
				   "ST 352 payload ID: data count %u, expected 4",
				   pkt->udw_count);
	r = sdi8k_anc_udw_bytes(pkt, b, sizeof(b));
	if (r < 0)
		return r;
	return sdi8k_vpid_decode(b, out);
}

SDI8K_API int sdi8k_vpid_encode(const struct sdi8k_vpid *in, uint8_t bytes[4])
{
	unsigned col;

	if (!in || !bytes)
		return sdi8k__fail(-EINVAL, "sdi8k_vpid_encode: NULL argument");
	if ((unsigned)in->transfer > 3 || (unsigned)in->colorimetry > 3 ||
	    in->rate_code > 15 || in->sampling > 15 || in->channel > 3 ||
	    in->bit_depth_code > 3)
		return sdi8k__fail(-EINVAL,
				   "ST 352 encode: a field is out of range (transfer %u, colorimetry %u, rate %u, sampling %u, channel %u, depth code %u)",
				   (unsigned)in->transfer, (unsigned)in->colorimetry,
				   in->rate_code, in->sampling, in->channel,
				   in->bit_depth_code);
	col = (unsigned)in->colorimetry;
	bytes[0] = in->payload_code;
	bytes[1] = (uint8_t)((in->progressive_transport ? 0x80 : 0) |
			     (in->progressive_picture ? 0x40 : 0) |
			     (unsigned)in->transfer << 4 | in->rate_code);
	bytes[2] = (uint8_t)((in->horizontal_2048 ? 0x40 : 0) |
			     (col & 1) << 4 | in->sampling);
	if (alt_byte3(in->payload_code))
		bytes[2] |= (uint8_t)((in->aspect_16_9 ? 0x20 : 0) | (col >> 1) << 7);
	else
		bytes[2] |= (uint8_t)((in->aspect_16_9 ? 0x80 : 0) | (col >> 1) << 5);
	bytes[3] = (uint8_t)(in->channel << 6 | (in->ictcp ? 0x10 : 0) |
			     in->bit_depth_code);
	return 0;
}


SDI8K_API const char *sdi8k_colorimetry_name(enum sdi8k_colorimetry c)
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
