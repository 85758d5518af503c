// SPDX-License-Identifier: LGPL-2.1-or-later
/* ST 334-2 CEA-708 CDP: a hand-built vector, round trips, every error. */
#include <criterion/criterion.h>
#include <errno.h>
#include <string.h>

#include <sdi8k/anc.h>
#include <sdi8k/error.h>

#include "anc_vectors.h"

/* vec_cdp of anc_vectors.h, a copy each test may change */
static uint8_t vec[sizeof(vec_cdp)];

static void reset(void)
{
	memcpy(vec, vec_cdp, sizeof(vec));
}

TestSuite(cdp, .init = reset);

Test(cdp, vector)
{
	struct sdi8k_cdp c;

	unsigned int sum = 0;
	size_t i;

	/* the hand-made checksum */
	for (i = 0; i < sizeof(vec); i++)
		sum += vec[i];
	cr_assert_eq(sum % 256, 0);
	cr_assert_eq(sizeof(vec), vec[2]);
	cr_assert_eq(sdi8k_cdp_decode(vec, sizeof(vec), &c), 0, "%s",
		     sdi8k_last_error());
	cr_assert_eq(c.frame_rate, 4);
	cr_assert_eq(c.rate_num, 30000);
	cr_assert_eq(c.rate_den, 1001);
	cr_assert(c.caption_service_active);
	cr_assert_eq(c.sequence, 0x1234);
	cr_assert(c.has_timecode);
	cr_assert_eq(c.tc.hours, 10);
	cr_assert_eq(c.tc.minutes, 20);
	cr_assert_eq(c.tc.seconds, 30);
	cr_assert_eq(c.tc.frames, 15);
	cr_assert(c.tc.drop_frame && !c.tc.field);
	cr_assert(c.has_ccdata);
	cr_assert_eq(c.cc_count, 3);
	cr_assert(c.cc[0].valid);
	cr_assert_eq(c.cc[0].type, SDI8K_CC_608_FIELD1);
	cr_assert_eq(c.cc[0].data[0], 0xc8);
	cr_assert_eq(c.cc[0].data[1], 0x49);
	cr_assert_eq(c.cc[1].type, SDI8K_CC_608_FIELD2);
	cr_assert(!c.cc[2].valid);
	cr_assert_eq(c.cc[2].type, SDI8K_CC_DTVCC_START);
	cr_assert(c.has_svcinfo);
	cr_assert(c.svc_start && c.svc_change && c.svc_complete);
	cr_assert_eq(c.svc_count, 1);
	cr_assert_eq(c.svc[0].number, 1);
	cr_assert_str_eq(c.svc[0].language, "eng");
	cr_assert(c.svc[0].digital);
	cr_assert_eq(c.svc[0].service, 1);
	cr_assert(!c.svc[0].easy_reader && !c.svc[0].wide_aspect);
}

Test(cdp, encode_reproduces_vector)
{
	struct sdi8k_cdp c;
	uint8_t out[SDI8K_CDP_MAX_SIZE];

	cr_assert_eq(sdi8k_cdp_decode(vec, sizeof(vec), &c), 0);
	cr_assert_eq(sdi8k_cdp_encode(&c, out, sizeof(out)), (int)sizeof(vec),
		     "%s", sdi8k_last_error());
	cr_assert_arr_eq(out, vec, sizeof(vec));
	cr_assert_eq(sdi8k_cdp_encode(&c, out, sizeof(vec) - 1), -ENOSPC);
}

Test(cdp, minimal_and_full)
{
	struct sdi8k_cdp c, d;
	uint8_t out[SDI8K_CDP_MAX_SIZE];
	int n, i;

	memset(&c, 0, sizeof(c));
	c.frame_rate = 3;
	n = sdi8k_cdp_encode(&c, out, sizeof(out));
	cr_assert_eq(n, 11);
	cr_assert_eq(sdi8k_cdp_decode(out, (size_t)n, &d), 0);
	cr_assert(!d.has_ccdata && !d.has_timecode && !d.has_svcinfo);
	cr_assert_eq(d.rate_num, 25);

	c.has_ccdata = true;
	c.cc_count = 32;
	cr_assert_eq(sdi8k_cdp_encode(&c, out, sizeof(out)), -EINVAL);
	c.cc_count = 31;
	c.has_svcinfo = true;
	c.svc_count = 16;
	cr_assert_eq(sdi8k_cdp_encode(&c, out, sizeof(out)), -EINVAL);
	c.svc_count = 15;
	for (i = 0; i < 31; i++)
		c.cc[i] = (struct sdi8k_cc_data){ true, (uint8_t)(i & 3),
						  { (uint8_t)i, (uint8_t)~i } };
	n = sdi8k_cdp_encode(&c, out, sizeof(out));
	cr_assert_eq(n, 11 + 2 + 93 + 2 + 105);
	cr_assert_eq(sdi8k_cdp_decode(out, (size_t)n, &d), 0, "%s",
		     sdi8k_last_error());
	cr_assert_eq(d.cc_count, 31);
	cr_assert_eq(d.cc[30].data[1], (uint8_t)~30);
	cr_assert_eq(d.cc[29].type, 1);
}

Test(cdp, errors)
{
	struct sdi8k_cdp c;
	uint8_t b[64];

	cr_assert_eq(sdi8k_cdp_decode(vec, 10, &c), -EOVERFLOW);
	cr_assert_eq(sdi8k_cdp_decode(vec, sizeof(vec) - 1, &c), -EPROTO);
	cr_assert(strstr(sdi8k_last_error(), "cdp_length"));

	memcpy(b, vec, sizeof(vec));
	b[20] ^= 0x40;	/* a data byte: only the checksum tells */
	cr_assert_eq(sdi8k_cdp_decode(b, sizeof(vec), &c), -EBADMSG);

	/* each fault below is checksum-corrected so the parser sees it */
#define FAULT(idx, val, err, what)                                          \
	do {                                                                \
		unsigned int s_ = 0;                                        \
		size_t i_;                                                  \
		memcpy(b, vec, sizeof(vec));                                \
		b[idx] = (val);                                             \
		for (i_ = 0; i_ + 1 < sizeof(vec); i_++)                    \
			s_ += b[i_];                                        \
		b[sizeof(vec) - 1] = (uint8_t)(256 - s_ % 256);             \
		cr_assert_eq(sdi8k_cdp_decode(b, sizeof(vec), &c), err,     \
			     "byte %d = 0x%02x: %s", idx, val,              \
			     sdi8k_last_error());                           \
		cr_assert(strstr(sdi8k_last_error(), what), "%s",          \
			  sdi8k_last_error());                              \
	} while (0)
	FAULT(0, 0x97, -EPROTO, "identifier");
	FAULT(3, 0x0f, -EPROTO, "frame rate");
	FAULT(3, 0x9f, -EPROTO, "frame rate");
	FAULT(7, 0x72, -EPROTO, "time code");
	FAULT(8, 0xe4, -EPROTO, "BCD");		/* hours 24 */
	FAULT(11, 0x9a, -EPROTO, "BCD");	/* frame units 10 */
	FAULT(13, 0xff, -EPROTO, "run past");	/* 31 triplets */
	FAULT(24, 0xff, -EPROTO, "run past");	/* 15 services */
	FAULT(12, 0x73, -EPROTO, "cc_data");
	FAULT(33, 0x13, -EPROTO, "footer sequence");
	FAULT(32, 0x75, -EPROTO, "footer id");
	FAULT(4, 0xc3, -EPROTO, "unexpected section");	/* svcinfo not announced */
#undef FAULT
	cr_assert_eq(sdi8k_cdp_decode(NULL, 11, &c), -EINVAL);
}

Test(cdp, future_section_skipped)
{
	uint8_t b[64];
	struct sdi8k_cdp c;
	unsigned int s = 0;
	size_t n = sizeof(vec) + 4, i;

	/* a future section 0x75 of 2 bytes before the footer */
	memcpy(b, vec, 32);
	b[32] = 0x75;
	b[33] = 2;
	b[34] = 0xaa;
	b[35] = 0xbb;
	memcpy(b + 36, vec + 32, 4);
	b[2] = (uint8_t)n;
	for (i = 0; i + 1 < n; i++)
		s += b[i];
	b[n - 1] = (uint8_t)(256 - s % 256);
	cr_assert_eq(sdi8k_cdp_decode(b, n, &c), 0, "%s", sdi8k_last_error());
	cr_assert_eq(c.svc_count, 1);
	b[33] = 3;	/* runs into the footer */
	b[n - 1]--;
	cr_assert_eq(sdi8k_cdp_decode(b, n, &c), -EPROTO);
}

Test(cdp, from_packet)
{
	uint16_t w[SDI8K_ANC_PACKET_WORDS(SDI8K_ANC_MAX_UDW)];
	struct sdi8k_anc_packet_data p;
	struct sdi8k_cdp c;
	int n;

	n = sdi8k_anc_encode_bytes(SDI8K_DID_CAPTION, SDI8K_SDID_CDP, vec,
				   sizeof(vec), w, sizeof(w) / sizeof(w[0]));
	cr_assert_eq(n, (int)sizeof(vec) + 4);
	cr_assert_eq(sdi8k_anc_decode(w, (size_t)n, &p), n);
	cr_assert_eq(sdi8k_cdp_from_packet(&p, &c), 0);
	cr_assert_eq(c.cc[0].data[0], 0xc8);
	p.sdid = SDI8K_SDID_CEA608;
	cr_assert_eq(sdi8k_cdp_from_packet(&p, &c), -ENOMSG);
	p.sdid = SDI8K_SDID_CDP;
	p.udw[3] ^= 0x100;	/* parity */
	cr_assert_eq(sdi8k_cdp_from_packet(&p, &c), -EBADMSG);
}

Test(cdp, rates_and_parity)
{
	cr_assert_eq(sdi8k_cdp_rate_code(30000, 1001), 4);
	cr_assert_eq(sdi8k_cdp_rate_code(60, 1), 8);
	cr_assert_eq(sdi8k_cdp_rate_code(48, 1), 0);
	cr_assert_eq(sdi8k_cdp_cc_count(24000, 1001), 25);
	cr_assert_eq(sdi8k_cdp_cc_count(25, 1), 24);
	cr_assert_eq(sdi8k_cdp_cc_count(30000, 1001), 20);
	cr_assert_eq(sdi8k_cdp_cc_count(50, 1), 12);
	cr_assert_eq(sdi8k_cdp_cc_count(60000, 1001), 10);
	cr_assert_eq(sdi8k_cdp_cc_count(120, 1), 0);
	/* odd parity: 'H' 0x48 has 2 bits set -> 0xc8; 'I' 0x49 has 3 */
	cr_assert_eq(sdi8k_cea608_byte('H'), 0xc8);
	cr_assert_eq(sdi8k_cea608_byte('I'), 0x49);
	cr_assert_eq(sdi8k_cea608_byte(0x00), 0x80);
	cr_assert_eq(sdi8k_cea608_byte(0x14), 0x94);	/* RCL's first byte */
	cr_assert_eq(sdi8k_cea608_byte(0x20), 0x20);
	cr_assert_eq(sdi8k_cea608_byte(0xc8), 0xc8);	/* bit 7 replaced */
}

Test(cdp, which_triplets_carry_captions)
{
	struct sdi8k_cc_data t = { .valid = true, .type = SDI8K_CC_608_FIELD1,
				   .data = { 0x80, 0x80 } };

	cr_assert_not(sdi8k_cc_has_data(&t), "null pair with parity");
	t.data[0] = t.data[1] = 0x00;
	cr_assert_not(sdi8k_cc_has_data(&t), "null pair without parity");
	t.data[1] = 0x01;
	cr_assert(sdi8k_cc_has_data(&t), "second byte only");
	t.data[0] = 0x94;
	t.data[1] = 0x80;
	cr_assert(sdi8k_cc_has_data(&t), "first byte only");
	t.type = SDI8K_CC_608_FIELD2;
	cr_assert(sdi8k_cc_has_data(&t), "field 2");
	t.valid = false;
	cr_assert_not(sdi8k_cc_has_data(&t), "cc_valid 0");
	/* DTVCC: any valid triplet is data, padding is sent with cc_valid 0 */
	t.type = SDI8K_CC_DTVCC_START;
	t.data[0] = t.data[1] = 0x00;
	cr_assert_not(sdi8k_cc_has_data(&t), "DTVCC padding");
	t.valid = true;
	cr_assert(sdi8k_cc_has_data(&t), "DTVCC start, zero bytes");
	t.type = SDI8K_CC_DTVCC_DATA;
	cr_assert(sdi8k_cc_has_data(&t), "DTVCC data");
	/* the hand-built vector: "HI" in field 1, a null pair in field 2,
	 * DTVCC padding */
	{
		struct sdi8k_cdp c;

		cr_assert_eq(sdi8k_cdp_decode(vec, sizeof(vec), &c), 0);
		cr_assert(sdi8k_cc_has_data(&c.cc[0]));
		cr_assert_not(sdi8k_cc_has_data(&c.cc[1]));
		cr_assert_not(sdi8k_cc_has_data(&c.cc[2]));
	}
}
