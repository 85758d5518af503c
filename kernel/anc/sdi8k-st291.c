// SPDX-License-Identifier: GPL-2.0-only OR LGPL-2.1-or-later
/* SMPTE ST 291-1 ancillary packets: parity, checksum, decode, encode. */
#include "sdi8k-anc-codec.h"

u16 sdi8k_anc_word(u8 v)
{
	u16 p = hweight8(v) & 1;

	return v | p << 8 | (p ^ 1) << 9;
}
EXPORT_SYMBOL_GPL(sdi8k_anc_word);

bool sdi8k_anc_word_ok(u16 w)
{
	return w <= 0x3ff && sdi8k_anc_word((u8)w) == w;
}
EXPORT_SYMBOL_GPL(sdi8k_anc_word_ok);

u16 sdi8k_anc_checksum(const u16 *words, size_t n)
{
	unsigned int s = 0;
	size_t i;

	for (i = 0; i < n; i++)
		s += words[i] & 0x1ff;
	s &= 0x1ff;
	return s | (((s >> 8) & 1) ^ 1) << 9;
}
EXPORT_SYMBOL_GPL(sdi8k_anc_checksum);

static const char *const sdi8k_anc_hdr_name[3] = {
	"DID", "SDID/DBN", "data count"
};

int sdi8k_anc_check(const u16 *words, size_t n)
{
	size_t i, udw;
	u16 cs;

	if (n < 4)
		return sdi8k_anc_fail(-EOVERFLOW,
				      "ST 291 packet: %zu words, a packet needs at least 4 (DID, SDID, DC, checksum)",
				      n);
	for (i = 0; i < 3; i++) {
		if (words[i] > 0x3ff)
			return sdi8k_anc_fail(-EPROTO,
					      "ST 291 packet: %s word 0x%04x is wider than 10 bits",
					      sdi8k_anc_hdr_name[i], words[i]);
		if (!sdi8k_anc_word_ok(words[i]))
			return sdi8k_anc_fail(-EBADMSG,
					      "ST 291 packet: %s word 0x%03x has bad parity (expected 0x%03x)",
					      sdi8k_anc_hdr_name[i], words[i],
					      sdi8k_anc_word((u8)words[i]));
	}
	udw = words[2] & 0xff;
	if (udw + 4 > n)
		return sdi8k_anc_fail(-EOVERFLOW,
				      "ST 291 packet DID 0x%02x SDID 0x%02x: data count %zu runs past the end (%zu words after the header)",
				      words[0] & 0xff, words[1] & 0xff, udw, n - 3);
	for (i = 0; i < udw + 4; i++) {
		if (words[i] > 0x3ff)
			return sdi8k_anc_fail(-EPROTO,
					      "ST 291 packet DID 0x%02x: word %zu is 0x%04x, wider than 10 bits",
					      words[0] & 0xff, i, words[i]);
	}
	cs = sdi8k_anc_checksum(words, udw + 3);
	if (words[udw + 3] != cs)
		return sdi8k_anc_fail(-EBADMSG,
				      "ST 291 packet DID 0x%02x SDID 0x%02x: checksum 0x%03x, expected 0x%03x",
				      words[0] & 0xff, words[1] & 0xff,
				      words[udw + 3], cs);
	return udw;
}
EXPORT_SYMBOL_GPL(sdi8k_anc_check);

int sdi8k_anc_decode(const u16 *words, size_t n,
		     struct sdi8k_anc_packet_data *out)
{
	size_t skip = 0;
	int udw;

	if (!words || !out)
		return sdi8k_anc_fail(-EINVAL, "%s: NULL argument", __func__);
	if (n >= 3 && words[0] == 0x000 && words[1] == 0x3ff && words[2] == 0x3ff)
		skip = 3;
	udw = sdi8k_anc_check(words + skip, n - skip);
	if (udw < 0)
		return udw;
	words += skip;
	out->did = (u8)words[0];
	out->sdid = (u8)words[1];
	out->udw_count = (u8)udw;
	out->type = out->did >= 0x80 ? 1 : 2;
	out->did_word = words[0];
	out->sdid_word = words[1];
	out->dc_word = words[2];
	out->checksum = words[udw + 3];
	memcpy(out->udw, words + 3, udw * sizeof(words[0]));
	return skip + udw + 4;
}
EXPORT_SYMBOL_GPL(sdi8k_anc_decode);

int sdi8k_anc_encode(u8 did, u8 sdid, const u16 *udw, size_t udw_count,
		     u16 *out, size_t cap)
{
	size_t i;

	if (!out || (!udw && udw_count))
		return sdi8k_anc_fail(-EINVAL, "%s: NULL argument", __func__);
	if (udw_count > SDI8K_ANC_MAX_UDW)
		return sdi8k_anc_fail(-EINVAL,
				      "ST 291 packet DID 0x%02x: %zu user data words, at most 255",
				      did, udw_count);
	for (i = 0; i < udw_count; i++) {
		if (udw[i] > 0x3ff)
			return sdi8k_anc_fail(-EINVAL,
					      "ST 291 packet DID 0x%02x: user data word %zu is 0x%04x, wider than 10 bits",
					      did, i, udw[i]);
	}
	if (cap < SDI8K_ANC_PACKET_WORDS(udw_count))
		return sdi8k_anc_fail(-ENOSPC,
				      "ST 291 packet DID 0x%02x: needs %zu words, buffer holds %zu",
				      did, SDI8K_ANC_PACKET_WORDS(udw_count), cap);
	out[0] = sdi8k_anc_word(did);
	out[1] = sdi8k_anc_word(sdid);
	out[2] = sdi8k_anc_word((u8)udw_count);
	if (udw_count)
		memmove(out + 3, udw, udw_count * sizeof(udw[0]));
	out[udw_count + 3] = sdi8k_anc_checksum(out, udw_count + 3);
	return udw_count + 4;
}
EXPORT_SYMBOL_GPL(sdi8k_anc_encode);

int sdi8k_anc_encode_bytes(u8 did, u8 sdid, const u8 *bytes, size_t count,
			   u16 *out, size_t cap)
{
	size_t i;

	if (!out || (!bytes && count))
		return sdi8k_anc_fail(-EINVAL, "%s: NULL argument", __func__);
	if (count > SDI8K_ANC_MAX_UDW)
		return sdi8k_anc_fail(-EINVAL,
				      "ST 291 packet DID 0x%02x: %zu payload bytes, at most 255",
				      did, count);
	if (cap < SDI8K_ANC_PACKET_WORDS(count))
		return sdi8k_anc_fail(-ENOSPC,
				      "ST 291 packet DID 0x%02x: needs %zu words, buffer holds %zu",
				      did, SDI8K_ANC_PACKET_WORDS(count), cap);
	/* the words go straight into place: no copy of the payload */
	for (i = 0; i < count; i++)
		out[3 + i] = sdi8k_anc_word(bytes[i]);
	return sdi8k_anc_encode(did, sdid, out + 3, count, out, cap);
}
EXPORT_SYMBOL_GPL(sdi8k_anc_encode_bytes);

int sdi8k_anc_words_to_bytes(u8 did, u8 sdid, const u16 *udw, size_t n,
			     u8 *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!sdi8k_anc_word_ok(udw[i]))
			return sdi8k_anc_fail(-EBADMSG,
					      "ST 291 packet DID 0x%02x SDID 0x%02x: user data word %zu (0x%03x) has bad parity",
					      did, sdid, i, udw[i]);
		out[i] = (u8)udw[i];
	}
	return n;
}
EXPORT_SYMBOL_GPL(sdi8k_anc_words_to_bytes);

int sdi8k_anc_udw_bytes(const struct sdi8k_anc_packet_data *pkt, u8 *out,
			size_t cap)
{
	if (!pkt || !out)
		return sdi8k_anc_fail(-EINVAL, "%s: NULL argument", __func__);
	if (cap < pkt->udw_count)
		return sdi8k_anc_fail(-ENOSPC,
				      "ST 291 packet DID 0x%02x: %u payload bytes, buffer holds %zu",
				      pkt->did, pkt->udw_count, cap);
	return sdi8k_anc_words_to_bytes(pkt->did, pkt->sdid, pkt->udw,
					pkt->udw_count, out);
}
EXPORT_SYMBOL_GPL(sdi8k_anc_udw_bytes);
