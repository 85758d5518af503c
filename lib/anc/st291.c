// SPDX-License-Identifier: LGPL-2.1-or-later
/* SMPTE ST 291-1 ancillary packets: parity, checksum, decode, encode. */
#include <errno.h>
#include <string.h>

#include <sdi8k/anc.h>

#include "anc/internal.h"
#include "common/error.h"

SDI8K_API uint16_t sdi8k_anc_word(uint8_t v)
{
	unsigned p = (unsigned)__builtin_parity(v);

	return (uint16_t)(v | p << 8 | (p ^ 1) << 9);
}

bool sdi8k__anc_word_ok(uint16_t w)
{
	return w <= 0x3ff && sdi8k_anc_word((uint8_t)w) == w;
}

SDI8K_API uint16_t sdi8k_anc_checksum(const uint16_t *words, size_t n)
{
	unsigned s = 0;
	size_t i;

	for (i = 0; i < n; i++)
		s += words[i] & 0x1ff;
	s &= 0x1ff;
	return (uint16_t)(s | (((s >> 8) & 1) ^ 1) << 9);
}

static const char *const hdr_name[3] = { "DID", "SDID/DBN", "data count" };

SDI8K_API int sdi8k_anc_decode(const uint16_t *words, size_t n,
			       struct sdi8k_anc_packet_data *out)
{
	size_t skip = 0, i, udw;
	uint16_t cs;

	if (!words || !out)
		return sdi8k__fail(-EINVAL, "sdi8k_anc_decode: NULL argument");
	if (n >= 3 && words[0] == 0x000 && words[1] == 0x3ff && words[2] == 0x3ff)
		skip = 3;
	words += skip;
	n -= skip;
	if (n < 4)
		return sdi8k__fail(-EOVERFLOW,
				   "ST 291 packet: %zu words, a packet needs at least 4 (DID, SDID, DC, checksum)",
				   n);
	for (i = 0; i < 3; i++) {
		if (words[i] > 0x3ff)
			return sdi8k__fail(-EPROTO,
					   "ST 291 packet: %s word 0x%04x is wider than 10 bits",
					   hdr_name[i], words[i]);
		if (!sdi8k__anc_word_ok(words[i]))
			return sdi8k__fail(-EBADMSG,
					   "ST 291 packet: %s word 0x%03x has bad parity (expected 0x%03x)",
					   hdr_name[i], words[i],
					   sdi8k_anc_word((uint8_t)words[i]));
	}
	udw = words[2] & 0xff;
	if (udw + 4 > n)
		return sdi8k__fail(-EOVERFLOW,
				   "ST 291 packet DID 0x%02x SDID 0x%02x: data count %zu runs past the end (%zu words after the header)",
				   words[0] & 0xff, words[1] & 0xff, udw, n - 3);
	for (i = 0; i < udw + 4; i++) {
		if (words[i] > 0x3ff)
			return sdi8k__fail(-EPROTO,
					   "ST 291 packet DID 0x%02x: word %zu is 0x%04x, wider than 10 bits",
					   words[0] & 0xff, i, words[i]);
	}
	cs = sdi8k_anc_checksum(words, udw + 3);
	if (words[udw + 3] != cs)
		return sdi8k__fail(-EBADMSG,
				   "ST 291 packet DID 0x%02x SDID 0x%02x: checksum 0x%03x, expected 0x%03x",
				   words[0] & 0xff, words[1] & 0xff, words[udw + 3], cs);

	out->did = (uint8_t)words[0];
	out->sdid = (uint8_t)words[1];
	out->udw_count = (uint8_t)udw;
	out->type = out->did >= 0x80 ? 1 : 2;
	out->did_word = words[0];
	out->sdid_word = words[1];
	out->dc_word = words[2];
	out->checksum = cs;
	memcpy(out->udw, words + 3, udw * sizeof(words[0]));
	return (int)(skip + udw + 4);
}

SDI8K_API int sdi8k_anc_encode(uint8_t did, uint8_t sdid,
			       const uint16_t *udw, size_t udw_count,
			       uint16_t *out, size_t cap)
{
	size_t i;

	if (!out || (!udw && udw_count))
		return sdi8k__fail(-EINVAL, "sdi8k_anc_encode: NULL argument");
	if (udw_count > SDI8K_ANC_MAX_UDW)
		return sdi8k__fail(-EINVAL,
				   "ST 291 packet DID 0x%02x: %zu user data words, at most 255",
				   did, udw_count);
	for (i = 0; i < udw_count; i++) {
		if (udw[i] > 0x3ff)
			return sdi8k__fail(-EINVAL,
					   "ST 291 packet DID 0x%02x: user data word %zu is 0x%04x, wider than 10 bits",
					   did, i, udw[i]);
	}
	if (cap < SDI8K_ANC_PACKET_WORDS(udw_count))
		return sdi8k__fail(-ENOSPC,
				   "ST 291 packet DID 0x%02x: needs %zu words, buffer holds %zu",
				   did, SDI8K_ANC_PACKET_WORDS(udw_count), cap);
	out[0] = sdi8k_anc_word(did);
	out[1] = sdi8k_anc_word(sdid);
	out[2] = sdi8k_anc_word((uint8_t)udw_count);
	if (udw_count)
		memmove(out + 3, udw, udw_count * sizeof(udw[0]));
	out[udw_count + 3] = sdi8k_anc_checksum(out, udw_count + 3);
	return (int)(udw_count + 4);
}

SDI8K_API int sdi8k_anc_encode_bytes(uint8_t did, uint8_t sdid,
				     const uint8_t *bytes, size_t count,
				     uint16_t *out, size_t cap)
{
	uint16_t udw[SDI8K_ANC_MAX_UDW];
	size_t i;

	if (!out || (!bytes && count))
		return sdi8k__fail(-EINVAL, "sdi8k_anc_encode_bytes: NULL argument");
	if (count > SDI8K_ANC_MAX_UDW)
		return sdi8k__fail(-EINVAL,
				   "ST 291 packet DID 0x%02x: %zu payload bytes, at most 255",
				   did, count);
	for (i = 0; i < count; i++)
		udw[i] = sdi8k_anc_word(bytes[i]);
	return sdi8k_anc_encode(did, sdid, udw, count, out, cap);
}

SDI8K_API int sdi8k_anc_udw_bytes(const struct sdi8k_anc_packet_data *pkt,
				  uint8_t *out, size_t cap)
{
	size_t i;

	if (!pkt || !out)
		return sdi8k__fail(-EINVAL, "sdi8k_anc_udw_bytes: NULL argument");
	if (cap < pkt->udw_count)
		return sdi8k__fail(-ENOSPC,
				   "ST 291 packet DID 0x%02x: %u payload bytes, buffer holds %zu",
				   pkt->did, pkt->udw_count, cap);
	for (i = 0; i < pkt->udw_count; i++) {
		if (!sdi8k__anc_word_ok(pkt->udw[i]))
			return sdi8k__fail(-EBADMSG,
					   "ST 291 packet DID 0x%02x SDID 0x%02x: user data word %zu (0x%03x) has bad parity",
					   pkt->did, pkt->sdid, i, pkt->udw[i]);
		out[i] = (uint8_t)pkt->udw[i];
	}
	return pkt->udw_count;
}
