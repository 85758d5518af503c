// SPDX-License-Identifier: LGPL-2.1-or-later
/* libsdi8k: a payload ID in words (sdi8k_status_vpid_text). */
#include <stdio.h>
#include <string.h>

#include <sdi8k/status.h>

const char *sdi8k_status_sampling_name(uint8_t sampling)
{
	switch (sampling) {
	case SDI8K_VPID_SAMPLING_422:
		return "4:2:2";
	case SDI8K_VPID_SAMPLING_444:
		return "4:4:4";
	case SDI8K_VPID_SAMPLING_444_GBR:
		return "4:4:4 RGB";
	case SDI8K_VPID_SAMPLING_420:
		return "4:2:0";
	default:
		return "other";
	}
}

/* "59.94", "25", "23.98": the rate with up to two decimals */
static void rate_text(unsigned num, unsigned den, char *buf, size_t size)
{
	unsigned long long c = ((unsigned long long)num * 100 + den / 2) / den;

	if (c % 100)
		snprintf(buf, size, "%llu.%02llu", c / 100, c % 100);
	else
		snprintf(buf, size, "%llu", c / 100);
}

char *sdi8k_status_vpid_text(const struct sdi8k_vpid *v, char *buf, size_t size)
{
	char rate[16] = "", iface[16];
	int interlaced;
	size_t n;

	if (!buf || !size)
		return buf;
	if (!v || !v->payload_code) {
		snprintf(buf, size, "none");
		return buf;
	}
	interlaced = !v->progressive_transport && !v->progressive_picture;
	if (v->rate_num && v->rate_den)
		/* interlaced rasters are named by their field rate */
		rate_text(v->rate_num * (interlaced ? 2 : 1), v->rate_den,
			  rate, sizeof(rate));
	switch (v->payload_code) {
	case SDI8K_VPID_1080_1G5:
		snprintf(iface, sizeof(iface), "1.5G");
		break;
	case SDI8K_VPID_1080_3GA:
		snprintf(iface, sizeof(iface), "3G-A");
		break;
	case SDI8K_VPID_2160_12G:
		snprintf(iface, sizeof(iface), "12G");
		break;
	case SDI8K_VPID_4320_DL12G:
		snprintf(iface, sizeof(iface), "2x12G");
		break;
	case SDI8K_VPID_4320_QL12G:
		snprintf(iface, sizeof(iface), "4x12G");
		break;
	default:
		snprintf(iface, sizeof(iface), "code 0x%02x", v->payload_code);
		break;
	}
	n = (size_t)snprintf(buf, size, "%s ", iface);
	if (n < size && v->height)
		n += (size_t)snprintf(buf + n, size - n, "%u", v->height);
	if (n < size)
		n += (size_t)snprintf(buf + n, size - n, "%s%s",
				      interlaced ? "i" : (v->progressive_transport ||
				      !v->progressive_picture) ? "p" : "psf",
				      rate[0] ? rate : "?");
	if (n < size)
		n += (size_t)snprintf(buf + n, size - n, " %s", sdi8k_status_sampling_name(v->sampling));
	if (n < size && v->bit_depth)
		n += (size_t)snprintf(buf + n, size - n, " %u-bit%s", v->bit_depth,
				      v->full_range ? " full" : "");
	if (n < size)
		snprintf(buf + n, size - n, " %s %s%s",
			 sdi8k_colorimetry_name(v->colorimetry),
			 v->transfer == SDI8K_TF_SDR ? "SDR" :
			 v->transfer == SDI8K_TF_HLG ? "HLG" :
			 v->transfer == SDI8K_TF_PQ ? "PQ" : "unspecified",
			 v->ictcp ? " ICtCp" : "");
	return buf;
}
