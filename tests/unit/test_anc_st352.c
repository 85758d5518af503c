// SPDX-License-Identifier: LGPL-2.1-or-later
/* ST 352 payload ID: docs/ancillary.md vectors, round trips, errors. */
#include <criterion/criterion.h>
#include <errno.h>
#include <string.h>

#include <sdi8k/anc.h>
#include <sdi8k/error.h>

#include "anc_vectors.h"
#include "helpers.h"

static struct sdi8k_vpid vpid_of(const uint16_t *w, size_t n)
{
	struct sdi8k_anc_packet_data p;
	struct sdi8k_vpid v;

	cr_assert_eq(sdi8k_anc_decode(w, n, &p), (int)n, "%s", sdi8k_last_error());
	cr_assert_eq(sdi8k_vpid_from_packet(&p, &v), 0, "%s", sdi8k_last_error());
	return v;
}

Test(st352, vector_1080p5994_3g_level_a)
{
	struct sdi8k_vpid v = vpid_of(vec_352_1080p5994_3ga, 8);

	cr_assert_eq(v.payload_code, SDI8K_VPID_1080_3GA);
	cr_assert(v.version1);
	cr_assert_eq(v.width, 1920);
	cr_assert_eq(v.height, 1080);
	cr_assert_eq(v.interface_gbps_x10, 30);
	cr_assert(v.progressive_transport && v.progressive_picture);
	cr_assert_eq(v.rate_num, 60000);
	cr_assert_eq(v.rate_den, 1001);
	cr_assert_eq(v.transfer, SDI8K_TF_SDR);
	cr_assert_eq(v.colorimetry, SDI8K_COLORIMETRY_BT709);
	cr_assert(v.aspect_16_9);
	cr_assert_eq(v.sampling, SDI8K_VPID_SAMPLING_422);
	cr_assert_eq(v.bit_depth, 10);
	cr_assert(!v.full_range);
	cr_assert_eq(v.channel, 0);
}

Test(st352, vector_1080i50_and_1080p25_1g5)
{
	struct sdi8k_vpid v = vpid_of(vec_352_1080i50_1g5, 8);

	cr_assert_eq(v.payload_code, SDI8K_VPID_1080_1G5);
	cr_assert_eq(v.interface_gbps_x10, 15);
	cr_assert(!v.progressive_transport && !v.progressive_picture);
	cr_assert_eq(v.rate_num, 25, "the frame rate of 1080i50");
	cr_assert_eq(v.rate_den, 1);
	cr_assert(v.aspect_16_9, "1.5G payload: aspect in byte 3 bit 5");
	cr_assert_eq(v.colorimetry, SDI8K_COLORIMETRY_BT709);
	cr_assert_eq(v.bit_depth, 10);

	v = vpid_of(vec_352_1080p25_1g5, 8);
	cr_assert(v.progressive_transport && v.progressive_picture);
	cr_assert_eq(v.rate_num, 25);
	cr_assert_eq(v.width, 1920);
}

Test(st352, vector_2160p_12g_pq_and_hlg)
{
	struct sdi8k_vpid v = vpid_of(vec_352_2160p5994_pq, 8);

	cr_assert_eq(v.width, 3840);
	cr_assert_eq(v.height, 2160);
	cr_assert_eq(v.interface_gbps_x10, 120);
	cr_assert_eq(v.links, 1);
	cr_assert_eq(v.transfer, SDI8K_TF_PQ);
	cr_assert_eq(v.colorimetry, SDI8K_COLORIMETRY_BT2020);
	cr_assert_eq(v.rate_num, 60000);
	cr_assert(v.aspect_16_9);

	v = vpid_of(vec_352_2160p50_hlg, 8);
	cr_assert_eq(v.transfer, SDI8K_TF_HLG);
	cr_assert_eq(v.rate_num, 50);
	cr_assert_str_eq(sdi8k_transfer_name(v.transfer), "hlg");
	cr_assert_str_eq(sdi8k_colorimetry_name(v.colorimetry), "BT.2020");
}

Test(st352, vector_4320p_quad_link_channel)
{
	struct sdi8k_vpid v = vpid_of(vec_352_4320p5994_link3, 8);

	cr_assert_eq(v.width, 7680);
	cr_assert_eq(v.height, 4320);
	cr_assert_eq(v.links, 4);
	cr_assert_eq(v.channel, 3);
	cr_assert_eq(v.transfer, SDI8K_TF_PQ);
}

Test(st352, all_rate_codes_and_2048_widths)
{
	static const unsigned rates[16][2] = {
		{ 0, 0 }, { 0, 0 }, { 24000, 1001 }, { 24, 1 }, { 48000, 1001 },
		{ 25, 1 }, { 30000, 1001 }, { 30, 1 }, { 48, 1 }, { 50, 1 },
		{ 60000, 1001 }, { 60, 1 }, { 96, 1 }, { 100, 1 },
		{ 120000, 1001 }, { 120, 1 },
	};
	uint8_t b[4] = { 0xce, 0xc0, 0xc0, 0x01 };
	struct sdi8k_vpid v;

	for (unsigned r = 0; r < 16; r++) {
		b[1] = (uint8_t)(0xc0 | r);
		cr_assert_eq(sdi8k_vpid_decode(b, &v), 0);
		cr_assert_eq(v.rate_num, rates[r][0], "code %u", r);
		cr_assert_eq(v.rate_den, rates[r][1], "code %u", r);
	}
	cr_assert(v.horizontal_2048);
	cr_assert_eq(v.width, 4096);
	b[0] = 0xd2;
	cr_assert_eq(sdi8k_vpid_decode(b, &v), 0);
	cr_assert_eq(v.width, 8192);
	b[0] = 0x9f;	/* a code sdi8k does not model: still decoded */
	cr_assert_eq(sdi8k_vpid_decode(b, &v), 0);
	cr_assert_eq(v.width, 0);
	cr_assert_eq(v.height, 0);
	cr_assert_eq(v.rate_num, 120);
}

Test(st352, encode_decode_round_trip_all_byte2_byte3)
{
	static const uint8_t codes[] = { 0x85, 0x89, 0xce, 0xd0, 0xd2, 0x0a };
	uint64_t s = 99;

	for (size_t c = 0; c < sizeof(codes); c++) {
		for (unsigned b2 = 0; b2 < 256; b2++) {
			for (unsigned b3 = 0; b3 < 256; b3++) {
				/* byte 4: the defined bits only */
				uint8_t b4 = (uint8_t)(rnd64(&s) & 0xd3);
				uint8_t in[4] = { codes[c], (uint8_t)b2, (uint8_t)b3, b4 };
				uint8_t out[4];
				struct sdi8k_vpid v;

				cr_assert_eq(sdi8k_vpid_decode(in, &v), 0);
				cr_assert_eq(sdi8k_vpid_encode(&v, out), 0);
				if (memcmp(in, out, 4))
					cr_assert_fail("%02x %02x %02x %02x -> %02x %02x %02x %02x",
						       in[0], in[1], in[2], in[3],
						       out[0], out[1], out[2], out[3]);
			}
		}
	}
}

Test(st352, encode_builds_doc_bytes)
{
	struct sdi8k_vpid v = { 0 };
	uint8_t b[4];
	uint16_t w[8];

	v.payload_code = SDI8K_VPID_1080_1G5;
	v.rate_code = 5;
	v.aspect_16_9 = true;
	v.bit_depth_code = 1;
	cr_assert_eq(sdi8k_vpid_encode(&v, b), 0);
	cr_assert_eq(sdi8k_anc_encode_bytes(0x41, 0x01, b, 4, w, 8), 8);
	cr_assert_arr_eq(w, vec_352_1080i50_1g5, sizeof(w));

	v.payload_code = SDI8K_VPID_4320_QL12G;
	v.progressive_transport = v.progressive_picture = true;
	v.rate_code = 10;
	v.transfer = SDI8K_TF_PQ;
	v.colorimetry = SDI8K_COLORIMETRY_BT2020;
	v.channel = 3;
	cr_assert_eq(sdi8k_vpid_encode(&v, b), 0);
	cr_assert_eq(sdi8k_anc_encode_bytes(0x41, 0x01, b, 4, w, 8), 8);
	cr_assert_arr_eq(w, vec_352_4320p5994_link3, sizeof(w));

	v.channel = 4;
	cr_assert_eq(sdi8k_vpid_encode(&v, b), -EINVAL);
	v.channel = 0;
	v.transfer = (enum sdi8k_transfer)4;
	cr_assert_eq(sdi8k_vpid_encode(&v, b), -EINVAL);
}

Test(st352, malformed_packets)
{
	struct sdi8k_anc_packet_data p;
	struct sdi8k_vpid v;
	uint8_t five[5] = { 0x89, 0xca, 0x80, 0x01, 0 };
	uint16_t udw[4] = { 0x189, 0x2ca, 0x180, 0x001 };
	uint16_t w[SDI8K_ANC_PACKET_WORDS(5)];

	/* data count 5 */
	cr_assert_eq(sdi8k_anc_encode_bytes(0x41, 0x01, five, 5, w, 9), 9);
	cr_assert_eq(sdi8k_anc_decode(w, 9, &p), 9);
	cr_assert_eq(sdi8k_vpid_from_packet(&p, &v), -EPROTO);
	cr_assert(strstr(sdi8k_last_error(), "data count 5"), "%s", sdi8k_last_error());
	/* a UDW with bad parity */
	cr_assert_eq(sdi8k_anc_encode(0x41, 0x01, udw, 4, w, 8), 8);
	cr_assert_eq(sdi8k_anc_decode(w, 8, &p), 8);
	cr_assert_eq(sdi8k_vpid_from_packet(&p, &v), -EBADMSG);
	/* another packet */
	cr_assert_eq(sdi8k_anc_decode(vec_atc_vitc1, 20, &p), 20);
	cr_assert_eq(sdi8k_vpid_from_packet(&p, &v), -ENOMSG);
	cr_assert_str_eq(sdi8k_strerror(-ENOMSG), "not the kind of data expected");
}
