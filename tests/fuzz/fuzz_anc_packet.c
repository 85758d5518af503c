// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libFuzzer target: 10-bit words (the input as little-endian 16-bit
 * words) through the ST 291 decoder, then every payload decoder that
 * applies (ST 352, ST 12-2 ATC, ST 2108-1 frames with ST 2086, MaxCLL /
 * MaxFALL, ST 2094-40). What decodes is encoded again and must give the
 * same packet back (differential check: a mismatch aborts).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sdi8k/anc.h>
#include <sdi8k/hdr.h>

#define CHECK(c) do { if (!(c)) abort(); } while (0)

static void st2108(const struct sdi8k_anc_packet_data *p)
{
	uint8_t bytes[SDI8K_ANC_MAX_UDW], out[SDI8K_HDR10P_MAX_SIZE];
	struct sdi8k_st2108_frame f[SDI8K_ST2108_MAX_FRAMES];
	static struct sdi8k_hdr10plus m, m2;
	struct sdi8k_mdcv mdcv;
	struct sdi8k_cll cll;
	int n, i;

	n = sdi8k_anc_udw_bytes(p, bytes, sizeof(bytes));
	if (n < 0)
		return;
	n = sdi8k_st2108_parse(bytes, (size_t)n, f, SDI8K_ST2108_MAX_FRAMES);
	for (i = 0; i < n; i++) {
		switch (f[i].frame_type) {
		case SDI8K_ST2108_TYPE_MDCV:
			if (sdi8k_mdcv_decode(f[i].payload, f[i].size, &mdcv) == 0) {
				CHECK(sdi8k_mdcv_encode(&mdcv, out) == 0);
				CHECK(memcmp(out, f[i].payload, 24) == 0);
			}
			break;
		case SDI8K_ST2108_TYPE_CLL:
			if (sdi8k_cll_decode(f[i].payload, f[i].size, &cll) == 0) {
				CHECK(sdi8k_cll_encode(&cll, out) == 0);
				CHECK(memcmp(out, f[i].payload, 4) == 0);
			}
			break;
		case SDI8K_ST2108_TYPE_HDR10PLUS:
			if (sdi8k_hdr10plus_decode(f[i].payload, f[i].size, &m) == 0) {
				int k = sdi8k_hdr10plus_encode(&m, out, sizeof(out));

				CHECK(k > 0 && (size_t)k == f[i].size);
				CHECK(sdi8k_hdr10plus_decode(out, (size_t)k, &m2) == 0);
				CHECK(memcmp(&m, &m2, sizeof(m)) == 0);
			}
			break;
		default:
			break;
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint16_t words[1024], again[SDI8K_ANC_PACKET_WORDS(SDI8K_ANC_MAX_UDW)];
	struct sdi8k_anc_packet_data p;
	struct sdi8k_vpid v;
	struct sdi8k_timecode tc;
	uint8_t b[4];
	size_t n = size / 2;
	int r;

	if (n > 1024)
		n = 1024;
	memcpy(words, data, n * 2);
	if (size % 2 && n >= 4) {
		size_t i, udw;

		for (i = 0; i < 3; i++)
			words[i] = sdi8k_anc_word((uint8_t)words[i]);
		udw = words[2] & 0xff;
		if (udw + 4 > n)
			udw = n - 4;
		words[2] = sdi8k_anc_word((uint8_t)udw);
		for (i = 3; i < udw + 3; i++)
			words[i] = data[size - 1] & 1 ? sdi8k_anc_word((uint8_t)words[i])
						      : words[i] & 0x3ff;
		words[udw + 3] = sdi8k_anc_checksum(words, udw + 3);
	}
	r = sdi8k_anc_decode(words, n, &p);
	if (r < 0)
		return 0;
	CHECK(r >= 4 && (size_t)r <= n);
	/* the packet encodes back to the words it came from */
	CHECK(sdi8k_anc_encode(p.did, p.sdid, p.udw, p.udw_count, again,
			       SDI8K_ANC_PACKET_WORDS(SDI8K_ANC_MAX_UDW)) == p.udw_count + 4);
	CHECK(memcmp(again, words + (r - (p.udw_count + 4)), (p.udw_count + 4u) * 2) == 0);

	if (sdi8k_vpid_from_packet(&p, &v) == 0) {
		CHECK(sdi8k_vpid_encode(&v, b) == 0);
		/* reserved bits of byte 4 (5, 3, 2) are not kept */
		CHECK(memcmp(b, v.bytes, 3) == 0 && b[3] == (v.bytes[3] & 0xd3));
	}
	if (sdi8k_atc_decode(&p, &tc) == 0) {
		CHECK(sdi8k_atc_encode(&tc, again, 20) == 20);
		CHECK(memcmp(again, words + (r - 20), 40) == 0);
	}
	if (p.did == SDI8K_DID_ST2108 && p.sdid == SDI8K_SDID_ST2108)
		st2108(&p);
	return 0;
}
