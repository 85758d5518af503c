// SPDX-License-Identifier: LGPL-2.1-or-later
/* ST 12-2 ATC time code: docs/ancillary.md vectors, round trips, errors. */
#include <criterion/criterion.h>
#include <errno.h>
#include <string.h>

#include <sdi8k/anc.h>
#include <sdi8k/error.h>

#include "anc_vectors.h"
#include "helpers.h"

static int decode(const uint16_t *w, struct sdi8k_timecode *tc)
{
	struct sdi8k_anc_packet_data p;
	int r = sdi8k_anc_decode(w, 20, &p);

	if (r < 0)
		return r;
	return sdi8k_atc_decode(&p, tc);
}

Test(atc, vector_vitc1)
{
	struct sdi8k_timecode tc;

	cr_assert_eq(decode(vec_atc_vitc1, &tc), 0, "%s", sdi8k_last_error());
	cr_assert_eq(tc.hours, 1);
	cr_assert_eq(tc.minutes, 2);
	cr_assert_eq(tc.seconds, 3);
	cr_assert_eq(tc.frames, 4);
	cr_assert(!tc.drop_frame && !tc.color_frame);
	cr_assert_eq(tc.dbb1, SDI8K_ATC_VITC1);
	cr_assert_eq(tc.dbb2, 0);
	for (int i = 0; i < 8; i++)
		cr_assert_eq(tc.binary_groups[i], 0);
}

Test(atc, vector_ltc_drop_frame)
{
	struct sdi8k_timecode tc;

	cr_assert_eq(decode(vec_atc_ltc_df, &tc), 0, "%s", sdi8k_last_error());
	cr_assert_eq(tc.hours, 23);
	cr_assert_eq(tc.minutes, 59);
	cr_assert_eq(tc.seconds, 59);
	cr_assert_eq(tc.frames, 29);
	cr_assert(tc.drop_frame);
	cr_assert_eq(tc.dbb1, SDI8K_ATC_LTC);
}

Test(atc, encode_reproduces_vectors)
{
	struct sdi8k_timecode tc = { .hours = 1, .minutes = 2, .seconds = 3,
				     .frames = 4, .dbb1 = SDI8K_ATC_VITC1 };
	uint16_t w[20];

	cr_assert_eq(sdi8k_atc_encode(&tc, w, 20), 20);
	cr_assert_arr_eq(w, vec_atc_vitc1, sizeof(w));
	tc = (struct sdi8k_timecode){ .hours = 23, .minutes = 59, .seconds = 59,
				      .frames = 29, .drop_frame = true };
	cr_assert_eq(sdi8k_atc_encode(&tc, w, 20), 20);
	cr_assert_arr_eq(w, vec_atc_ltc_df, sizeof(w));
	cr_assert_eq(sdi8k_atc_encode(&tc, w, 19), -ENOSPC);
}

Test(atc, round_trip_every_frame_of_a_day_sampled)
{
	uint64_t s = 5;
	uint16_t w[20];

	for (int iter = 0; iter < 20000; iter++) {
		struct sdi8k_timecode tc = { 0 }, d;

		tc.hours = (uint8_t)(rnd64(&s) % 24);
		tc.minutes = (uint8_t)(rnd64(&s) % 60);
		tc.seconds = (uint8_t)(rnd64(&s) % 60);
		tc.frames = (uint8_t)(rnd64(&s) % 40);
		tc.drop_frame = rnd64(&s) & 1;
		tc.color_frame = rnd64(&s) & 1;
		tc.flag27 = rnd64(&s) & 1;
		tc.flag43 = rnd64(&s) & 1;
		tc.flag58 = rnd64(&s) & 1;
		tc.flag59 = rnd64(&s) & 1;
		for (int i = 0; i < 8; i++)
			tc.binary_groups[i] = (uint8_t)(rnd64(&s) & 15);
		tc.dbb1 = (uint8_t)rnd64(&s);
		tc.dbb2 = (uint8_t)rnd64(&s);
		tc.vitc_line = tc.dbb2 & 0x1f;
		tc.line_duplication = tc.dbb2 & 0x20;
		tc.tc_invalid = tc.dbb2 & 0x40;
		tc.process_bit = tc.dbb2 & 0x80;
		cr_assert_eq(sdi8k_atc_encode(&tc, w, 20), 20);
		cr_assert_eq(decode(w, &d), 0, "%s", sdi8k_last_error());
		cr_assert_eq(memcmp(&tc, &d, sizeof(tc)), 0, "iter %d", iter);
	}
}

Test(atc, field_mark_by_rate_family)
{
	struct sdi8k_timecode tc = { .flag27 = true };

	cr_assert(sdi8k_timecode_field_mark(&tc, false));
	cr_assert(!sdi8k_timecode_field_mark(&tc, true));
	tc.flag27 = false;
	tc.flag59 = true;
	cr_assert(sdi8k_timecode_field_mark(&tc, true));
}

/* replace nibble k (0-based UDW index) of the vector, re-encoding the
 * packet so parity and checksum stay right */
static int decode_with_nibble(const uint16_t *vec, int k, unsigned nib)
{
	uint8_t b[16];
	uint16_t w[20];
	struct sdi8k_timecode tc;

	for (int i = 0; i < 16; i++)
		b[i] = (uint8_t)vec[3 + i];
	b[k] = (uint8_t)((b[k] & 0x0f) | nib << 4);
	cr_assert_eq(sdi8k_anc_encode_bytes(0x60, 0x60, b, 16, w, 20), 20);
	return decode(w, &tc);
}

Test(atc, bad_bcd_digits)
{
	/* frame units, seconds units, minutes units, hours units > 9 */
	static const int units[] = { 0, 4, 8, 12 };

	for (int i = 0; i < 4; i++) {
		cr_assert_eq(decode_with_nibble(vec_atc_vitc1, units[i], 9), 0);
		for (unsigned v = 10; v < 16; v++) {
			cr_assert_eq(decode_with_nibble(vec_atc_vitc1, units[i], v), -EPROTO,
				     "udw %d = %u", units[i], v);
			cr_assert(strstr(sdi8k_last_error(), "BCD"), "%s", sdi8k_last_error());
		}
	}
	/* seconds tens 6, minutes tens 6 (bit 3 is a flag: 0x6 | 0) */
	cr_assert_eq(decode_with_nibble(vec_atc_vitc1, 6, 6), -EPROTO);
	cr_assert_eq(decode_with_nibble(vec_atc_vitc1, 10, 6), -EPROTO);
	cr_assert_eq(decode_with_nibble(vec_atc_vitc1, 6, 5 | 8), 0);	/* 5 + flag */
	/* hours tens 3; hours 24 */
	cr_assert_eq(decode_with_nibble(vec_atc_vitc1, 14, 3), -EPROTO);
	cr_assert_eq(decode_with_nibble(vec_atc_ltc_df, 12, 4), -EPROTO);	/* 24 */
	cr_assert_eq(decode_with_nibble(vec_atc_ltc_df, 12, 3), 0);	/* 23 */
}

Test(atc, malformed_packets)
{
	struct sdi8k_anc_packet_data p;
	struct sdi8k_timecode tc;
	uint16_t w[21], udw[16];
	uint8_t b[17] = { 0 };

	/* bad parity of a UDW, checksum right */
	memcpy(udw, vec_atc_vitc1 + 3, sizeof(udw));
	udw[5] ^= 0x300;
	cr_assert_eq(sdi8k_anc_encode(0x60, 0x60, udw, 16, w, 20), 20);
	cr_assert_eq(sdi8k_anc_decode(w, 20, &p), 20);
	cr_assert_eq(sdi8k_atc_decode(&p, &tc), -EBADMSG);
	cr_assert(strstr(sdi8k_last_error(), "word 6"), "%s", sdi8k_last_error());
	/* bits 0-2 set */
	memcpy(udw, vec_atc_vitc1 + 3, sizeof(udw));
	udw[2] = sdi8k_anc_word(0x01);
	cr_assert_eq(sdi8k_anc_encode(0x60, 0x60, udw, 16, w, 20), 20);
	cr_assert_eq(sdi8k_anc_decode(w, 20, &p), 20);
	cr_assert_eq(sdi8k_atc_decode(&p, &tc), -EPROTO);
	/* data count 17 */
	cr_assert_eq(sdi8k_anc_encode_bytes(0x60, 0x60, b, 17, w, 21), 21);
	cr_assert_eq(sdi8k_anc_decode(w, 21, &p), 21);
	cr_assert_eq(sdi8k_atc_decode(&p, &tc), -EPROTO);
	cr_assert(strstr(sdi8k_last_error(), "data count 17"), "%s", sdi8k_last_error());
	/* not an ATC packet */
	cr_assert_eq(sdi8k_anc_decode(vec_352_1080i50_1g5, 8, &p), 8);
	cr_assert_eq(sdi8k_atc_decode(&p, &tc), -ENOMSG);
	/* encode range checks */
	tc = (struct sdi8k_timecode){ .hours = 24 };
	cr_assert_eq(sdi8k_atc_encode(&tc, w, 20), -EINVAL);
	tc = (struct sdi8k_timecode){ .frames = 40 };
	cr_assert_eq(sdi8k_atc_encode(&tc, w, 20), -EINVAL);
	tc = (struct sdi8k_timecode){ .binary_groups = { [7] = 16 } };
	cr_assert_eq(sdi8k_atc_encode(&tc, w, 20), -EINVAL);
}
