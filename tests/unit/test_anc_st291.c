// SPDX-License-Identifier: LGPL-2.1-or-later
/* ST 291-1 packets: known vectors, round trips, every malformed case. */
#include <criterion/criterion.h>
#include <errno.h>
#include <string.h>

#include <sdi8k/anc.h>
#include <sdi8k/error.h>

#include "anc_vectors.h"
#include "helpers.h"

Test(st291, word_parity_known_values)
{
	cr_assert_eq(sdi8k_anc_word(0x41), 0x241);
	cr_assert_eq(sdi8k_anc_word(0x01), 0x101);
	cr_assert_eq(sdi8k_anc_word(0x60), 0x260);
	cr_assert_eq(sdi8k_anc_word(0x00), 0x200);
	cr_assert_eq(sdi8k_anc_word(0xff), 0x2ff);
	cr_assert_eq(sdi8k_anc_word(0x10), 0x110);
	for (unsigned v = 0; v < 256; v++) {
		uint16_t w = sdi8k_anc_word((uint8_t)v);
		unsigned ones = (unsigned)__builtin_popcount(w & 0x1ff);

		cr_assert_eq(w & 0xff, v);
		cr_assert_eq(ones % 2, 0, "bits 0-8 of 0x%03x not even", w);
		cr_assert_eq((w >> 9) & 1, ((w >> 8) & 1) ^ 1);
	}
}

Test(st291, decode_known_vector)
{
	struct sdi8k_anc_packet_data p;

	cr_assert_eq(sdi8k_anc_decode(vec_352_2160p5994_pq, 8, &p), 8);
	cr_assert_eq(p.did, 0x41);
	cr_assert_eq(p.sdid, 0x01);
	cr_assert_eq(p.udw_count, 4);
	cr_assert_eq(p.type, 2);
	cr_assert_eq(p.udw[0], 0x1ce);
	cr_assert_eq(p.udw[3], 0x101);
	cr_assert_eq(p.checksum, 0x19f);
	cr_assert_eq(p.did_word, 0x241);
	cr_assert_eq(p.dc_word, 0x104);
}

Test(st291, every_doc_vector_has_a_valid_checksum)
{
	static const struct { const uint16_t *w; size_t n; } v[] = {
		{ vec_352_1080p5994_3ga, NWORDS(vec_352_1080p5994_3ga) },
		{ vec_352_1080i50_1g5, NWORDS(vec_352_1080i50_1g5) },
		{ vec_352_1080p25_1g5, NWORDS(vec_352_1080p25_1g5) },
		{ vec_352_2160p5994_pq, NWORDS(vec_352_2160p5994_pq) },
		{ vec_352_2160p50_hlg, NWORDS(vec_352_2160p50_hlg) },
		{ vec_352_4320p5994_link3, NWORDS(vec_352_4320p5994_link3) },
		{ vec_2108_static, NWORDS(vec_2108_static) },
		{ vec_2108_hdr10plus, NWORDS(vec_2108_hdr10plus) },
		{ vec_atc_vitc1, NWORDS(vec_atc_vitc1) },
		{ vec_atc_ltc_df, NWORDS(vec_atc_ltc_df) },
	};
	struct sdi8k_anc_packet_data p;

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		cr_assert_eq(sdi8k_anc_decode(v[i].w, v[i].n, &p), (int)v[i].n,
			     "vector %zu: %s", i, sdi8k_last_error());
		cr_assert_eq(p.udw_count + 4u, v[i].n);
	}
}

Test(st291, decode_skips_adf_and_ignores_trailing_words)
{
	uint16_t w[3 + 8 + 5] = { 0x000, 0x3ff, 0x3ff };
	struct sdi8k_anc_packet_data p;

	memcpy(w + 3, vec_352_1080i50_1g5, sizeof(vec_352_1080i50_1g5));
	memset(w + 11, 0x55, 5 * 2);
	cr_assert_eq(sdi8k_anc_decode(w, 16, &p), 11);
	cr_assert_eq(p.udw[0], 0x185);
}

Test(st291, encode_matches_vector_and_round_trips)
{
	const uint8_t b[4] = { 0xce, 0xea, 0xa0, 0x01 };
	uint16_t out[8], big[SDI8K_ANC_PACKET_WORDS(255)], udw[255];
	struct sdi8k_anc_packet_data p;
	uint64_t s = 0x1234;

	cr_assert_eq(sdi8k_anc_encode_bytes(0x41, 0x01, b, 4, out, 8), 8);
	cr_assert_arr_eq(out, vec_352_2160p5994_pq, sizeof(out));

	for (int iter = 0; iter < 2000; iter++) {
		size_t n = rnd64(&s) % 256;
		uint8_t did = (uint8_t)rnd64(&s), sdid = (uint8_t)rnd64(&s);

		for (size_t i = 0; i < n; i++)
			udw[i] = (uint16_t)(rnd64(&s) & 0x3ff);
		cr_assert_eq(sdi8k_anc_encode(did, sdid, udw, n, big, sizeof(big) / 2),
			     (int)n + 4);
		cr_assert_eq(sdi8k_anc_decode(big, n + 4, &p), (int)n + 4,
			     "%s", sdi8k_last_error());
		cr_assert_eq(p.did, did);
		cr_assert_eq(p.sdid, sdid);
		cr_assert_eq(p.udw_count, n);
		cr_assert_eq(p.type, did >= 0x80 ? 1 : 2);
		cr_assert_arr_eq(p.udw, udw, n * 2);
	}
}

Test(st291, bad_parity_of_did_sdid_dc)
{
	struct sdi8k_anc_packet_data p;
	uint16_t w[8];

	for (int i = 0; i < 3; i++) {
		for (int bit = 8; bit <= 9; bit++) {
			memcpy(w, vec_352_2160p5994_pq, sizeof(w));
			w[i] ^= (uint16_t)(1 << bit);
			memset(&p, 0x5a, sizeof(p));
			cr_assert_eq(sdi8k_anc_decode(w, 8, &p), -EBADMSG);
			cr_assert(strstr(sdi8k_last_error(), "parity"), "%s",
				  sdi8k_last_error());
			cr_assert_eq(p.did, 0x5a, "output written on error");
		}
	}
}

Test(st291, bad_checksum)
{
	struct sdi8k_anc_packet_data p;
	uint16_t w[8];

	/* a flipped data bit in any UDW, or in the checksum itself */
	for (int i = 3; i < 8; i++) {
		memcpy(w, vec_352_2160p5994_pq, sizeof(w));
		w[i] ^= 0x004;
		cr_assert_eq(sdi8k_anc_decode(w, 8, &p), -EBADMSG, "word %d", i);
		cr_assert(strstr(sdi8k_last_error(), "checksum"), "%s",
			  sdi8k_last_error());
	}
	/* bit 9 of the checksum must be !bit 8 */
	memcpy(w, vec_352_2160p5994_pq, sizeof(w));
	w[7] ^= 0x200;
	cr_assert_eq(sdi8k_anc_decode(w, 8, &p), -EBADMSG);
}

Test(st291, data_count_past_the_end)
{
	struct sdi8k_anc_packet_data p;

	for (size_t n = 0; n < 8; n++) {
		int r = sdi8k_anc_decode(vec_352_2160p5994_pq, n, &p);

		cr_assert_eq(r, -EOVERFLOW, "n=%zu: %d", n, r);
	}
	/* DC 255 with 10 words */
	uint16_t w[10] = { 0x241, 0x101, sdi8k_anc_word(255) };

	cr_assert_eq(sdi8k_anc_decode(w, 10, &p), -EOVERFLOW);
	cr_assert(strstr(sdi8k_last_error(), "runs past the end"), "%s",
		  sdi8k_last_error());
}

Test(st291, words_wider_than_10_bits)
{
	struct sdi8k_anc_packet_data p;
	uint16_t w[8];

	for (int i = 0; i < 8; i++) {
		memcpy(w, vec_352_2160p5994_pq, sizeof(w));
		w[i] |= 0x400;
		cr_assert_eq(sdi8k_anc_decode(w, 8, &p), -EPROTO, "word %d", i);
	}
}

Test(st291, udw_bytes_checks_parity)
{
	struct sdi8k_anc_packet_data p;
	uint8_t b[4];
	uint16_t udw[4] = { 0x1ce, 0x1ea, 0x2a0, 0x001 };	/* last: bad parity */
	uint16_t w[8];

	cr_assert_eq(sdi8k_anc_decode(vec_352_2160p5994_pq, 8, &p), 8);
	cr_assert_eq(sdi8k_anc_udw_bytes(&p, b, 4), 4);
	cr_assert_eq(b[0], 0xce);
	cr_assert_eq(b[3], 0x01);
	cr_assert_eq(sdi8k_anc_udw_bytes(&p, b, 3), -ENOSPC);

	cr_assert_eq(sdi8k_anc_encode(0x41, 0x01, udw, 4, w, 8), 8);
	cr_assert_eq(sdi8k_anc_decode(w, 8, &p), 8);	/* checksum fine */
	cr_assert_eq(sdi8k_anc_udw_bytes(&p, b, 4), -EBADMSG);
	cr_assert(strstr(sdi8k_last_error(), "word 3"), "%s", sdi8k_last_error());
}

Test(st291, encode_argument_errors)
{
	uint16_t out[300], udw[256] = { 0 };

	cr_assert_eq(sdi8k_anc_encode(0x41, 1, udw, 256, out, 300), -EINVAL);
	cr_assert_eq(sdi8k_anc_encode(0x41, 1, udw, 4, out, 7), -ENOSPC);
	udw[2] = 0x400;
	cr_assert_eq(sdi8k_anc_encode(0x41, 1, udw, 4, out, 8), -EINVAL);
	cr_assert_eq(sdi8k_anc_encode(0x41, 1, NULL, 4, out, 8), -EINVAL);
	cr_assert_eq(sdi8k_anc_encode(0x41, 1, NULL, 0, out, 4), 4);
	cr_assert_eq(sdi8k_anc_decode(NULL, 8, NULL), -EINVAL);
}
