// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * ST 299-1 / ST 299-2 embedded audio packets (kernel/anc/sdi8k-st299.c,
 * built through kshim/ into libsdi8k.a): the IDs, a sample's words
 * derived by hand, the ECC against a bit-serial polynomial division of
 * its own, round trips, and every kind of damage detected.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "sdi8k-anc-codec.h"
#include "anc_vectors.h"

#include <criterion/criterion.h>

static uint32_t lcg_state = 12345;

static uint32_t lcg(void)
{
	lcg_state = lcg_state * 1103515245u + 12345u;
	return lcg_state >> 8;
}

static void random_packet(struct sdi8k_audio_packet *p)
{
	memset(p, 0, sizeof(*p));
	p->group = lcg() % 8;
	p->dbn = (uint8_t)lcg();
	p->clk = lcg() & 0x1fff;
	p->mpf = lcg() & 1;
	for (int ch = 0; ch < 4; ch++) {
		p->sample[ch] = ((int32_t)(lcg() << 8)) >> 8;
		p->flags[ch] = lcg() & (SDI8K_AUDIO_Z | SDI8K_AUDIO_V |
					SDI8K_AUDIO_U | SDI8K_AUDIO_C);
	}
}

/* set the parity bits of a word's b0-b7 (ST 291) */
static uint16_t fix(uint16_t w)
{
	return sdi8k_anc_word((uint8_t)w);
}

static void fix_checksum(uint16_t *w)
{
	w[SDI8K_AUDIO_DATA_WORDS - 1] =
		sdi8k_anc_checksum(w, SDI8K_AUDIO_DATA_WORDS - 1);
}

Test(st299, ids_and_envelope_words)
{
	cr_assert_eq(SDI8K_DID_AUDIO_DATA1, 0xe7);
	cr_assert_eq(SDI8K_DID_AUDIO_CTRL5, 0xa3);
	cr_assert_eq(sdi8k_audio_data_did(0), 0xe7);
	cr_assert_eq(sdi8k_audio_data_did(3), 0xe4);
	cr_assert_eq(sdi8k_audio_data_did(4), 0xa7);
	cr_assert_eq(sdi8k_audio_data_did(7), 0xa4);
	cr_assert_eq(sdi8k_audio_ctrl_did(0), 0xe3);
	cr_assert_eq(sdi8k_audio_ctrl_did(3), 0xe0);
	cr_assert_eq(sdi8k_audio_ctrl_did(5), 0xa2);
	for (int g = 0; g < 8; g++) {
		cr_assert_eq(sdi8k_audio_data_group(sdi8k_audio_data_did(g)), g);
		cr_assert_eq(sdi8k_audio_ctrl_group(sdi8k_audio_ctrl_did(g)), g);
	}
	cr_assert_eq(sdi8k_audio_data_group(0xe3), -1);
	cr_assert_eq(sdi8k_audio_ctrl_group(0xe4), -1);
	cr_assert_eq(sdi8k_audio_data_group(0x41), -1);

	/* the words of ST 299-1's tables: DID 2E7h, DC 218h; control 1E3h, 10Bh */
	struct sdi8k_audio_packet p = { .group = 0, .dbn = 1 };
	uint16_t w[SDI8K_AUDIO_DATA_WORDS];

	cr_assert_eq(sdi8k_audio_encode(&p, w, 28), 28);
	cr_assert_eq(w[0], 0x2e7);
	cr_assert_eq(w[1], 0x101);
	cr_assert_eq(w[2], 0x218);

	struct sdi8k_audio_control c = { .group = 0 };
	uint16_t cw[SDI8K_AUDIO_CTRL_WORDS];

	cr_assert_eq(sdi8k_audio_ctrl_encode(&c, cw, 15), 15);
	cr_assert_eq(cw[0], 0x1e3);
	cr_assert_eq(cw[1], 0x200);
	cr_assert_eq(cw[2], 0x10b);
}

/*
 * Channel 1: 0x123456 with C: subframe 0x41234560 (P = 0: 10 ones);
 * channel 2: -1 with V: 0x9ffffff0 (P = 1: 25 ones); channel 3: Z only.
 * Bytes low first, each with its ST 291 parity, derived by hand.
 */
Test(st299, sample_words_by_hand)
{
	struct sdi8k_audio_packet p = {
		.group = 1, .dbn = 7, .clk = 0x1abc, .mpf = true,
		.sample = { 0x123456, -1, 0, 0x7fffff },
		.flags = { SDI8K_AUDIO_C, SDI8K_AUDIO_V, SDI8K_AUDIO_Z, 0 },
	};
	uint16_t w[SDI8K_AUDIO_DATA_WORDS];
	const uint16_t *u = w + 3;

	cr_assert_eq(sdi8k_audio_encode(&p, w, sizeof(w) / 2), 28);
	cr_assert_eq(w[0], 0x1e6);		/* group 2: 0xe6, 5 ones */
	cr_assert_eq(u[0], 0x1bc);		/* ck0-7 = 0xbc: 5 ones */
	/* ck8-11 = 0xa, mpf b4, ck12 b5: 0x3a, 4 ones */
	cr_assert_eq(u[1], 0x23a);
	cr_assert_eq(u[2], 0x260);
	cr_assert_eq(u[3], 0x145);
	cr_assert_eq(u[4], 0x123);
	cr_assert_eq(u[5], 0x241);
	cr_assert_eq(u[6], 0x2f0);
	cr_assert_eq(u[7], 0x2ff);
	cr_assert_eq(u[8], 0x2ff);
	cr_assert_eq(u[9], 0x29f);
	cr_assert_eq(u[10], 0x108);		/* Z: b3 */
	cr_assert_eq(u[11], 0x200);
	cr_assert_eq(u[12], 0x200);
	cr_assert_eq(u[13], 0x200);
	/* 0x7fffff: subframe 0x07fffff0, 23 ones: P = 1 -> 0x87fffff0 */
	cr_assert_eq(u[14], 0x2f0);
	cr_assert_eq(u[17], 0x287);

	struct sdi8k_audio_packet q;

	cr_assert_eq(memcmp(w, vec_299_data_g2, sizeof(w)), 0);
	cr_assert_eq(sdi8k_audio_decode(vec_299_data_g2, 28, &q), 28);
	cr_assert_eq(q.sample[0], 0x123456);
	cr_assert_eq(q.sample[1], -1);
	cr_assert_eq(q.sample[3], 0x7fffff);
	cr_assert_eq(q.flags[0], SDI8K_AUDIO_C);
	cr_assert_eq(q.flags[1], SDI8K_AUDIO_V | SDI8K_AUDIO_P);
	cr_assert_eq(q.flags[2], SDI8K_AUDIO_Z);
	cr_assert_eq(q.flags[3], SDI8K_AUDIO_P);
	cr_assert_eq(q.clk, 0x1abc);
	cr_assert(q.mpf);
	cr_assert_eq(q.dbn, 7);
	cr_assert_eq(q.group, 1);
}

/*
 * The ECC by polynomial long division, bit plane by bit plane: the
 * message is b of the 24 words 000 3FF 3FF DID DBN DC UDW0-17, first
 * word the x^23 term; ECC word j holds the x^(5-j) term of
 * m(x) x^6 mod x^6 + x^5 + x^4 + x^3 + x + 1.
 */
static void ecc_reference(const uint16_t *w, uint8_t ecc[6])
{
	uint8_t msg[24] = { 0x00, 0xff, 0xff };
	const uint32_t g = (1u << 6) | (1u << 5) | (1u << 4) | (1u << 3) |
			   (1u << 1) | 1u;

	for (int i = 0; i < 21; i++)
		msg[3 + i] = (uint8_t)w[i];
	memset(ecc, 0, 6);
	for (int b = 0; b < 8; b++) {
		uint32_t r = 0;

		for (int i = 0; i < 24; i++)
			r |= (uint32_t)((msg[i] >> b) & 1) << (23 - i + 6);
		for (int d = 29; d >= 6; d--)
			if (r & (1u << d))
				r ^= g << (d - 6);
		for (int j = 0; j < 6; j++)
			ecc[j] |= (uint8_t)(((r >> (5 - j)) & 1) << b);
	}
}

Test(st299, ecc_matches_polynomial_division)
{
	uint16_t w[SDI8K_AUDIO_DATA_WORDS];
	uint8_t ref[6];

	for (int n = 0; n < 2000; n++) {
		struct sdi8k_audio_packet p;

		random_packet(&p);
		cr_assert_eq(sdi8k_audio_encode(&p, w, 28), 28);
		ecc_reference(w, ref);
		for (int j = 0; j < 6; j++)
			cr_assert_eq(w[3 + 18 + j] & 0xff, ref[j],
				     "packet %d ECC%d 0x%02x, expected 0x%02x",
				     n, j, w[21 + j] & 0xff, ref[j]);
		cr_assert_eq(w[3 + 18] & 0x300, fix(w[21]) & 0x300);
	}
	/* an all-zero message has a zero remainder only without the flag */
	struct sdi8k_audio_packet z = { 0 };

	sdi8k_audio_encode(&z, w, 28);
	ecc_reference(w, ref);
	cr_assert_neq(ref[0] | ref[1] | ref[2] | ref[3] | ref[4] | ref[5], 0);
}

Test(st299, round_trip)
{
	uint16_t w[SDI8K_AUDIO_DATA_WORDS + 5];

	for (int n = 0; n < 5000; n++) {
		struct sdi8k_audio_packet p, q;

		random_packet(&p);
		cr_assert_eq(sdi8k_audio_encode(&p, w, sizeof(w) / 2), 28);
		cr_assert_eq(sdi8k_anc_check(w, 28), 24);
		memset(&q, 0xa5, sizeof(q));
		cr_assert_eq(sdi8k_audio_decode(w, sizeof(w) / 2, &q), 28);
		for (int ch = 0; ch < 4; ch++) {
			cr_assert_eq(q.sample[ch], p.sample[ch]);
			cr_assert_eq(q.flags[ch] & ~SDI8K_AUDIO_P, p.flags[ch]);
		}
		cr_assert_eq(q.group, p.group);
		cr_assert_eq(q.dbn, p.dbn);
		cr_assert_eq(q.clk, p.clk);
		cr_assert_eq(q.mpf, p.mpf);
	}
}

Test(st299, every_damage_detected)
{
	struct sdi8k_audio_packet p, q;
	uint16_t w[SDI8K_AUDIO_DATA_WORDS], d[SDI8K_AUDIO_DATA_WORDS];

	random_packet(&p);
	p.group = 2;
	cr_assert_eq(sdi8k_audio_encode(&p, w, 28), 28);

	/* any single bit of b0-b7 in DID .. UDW17: parity catches it ... */
	for (int i = 0; i < 21; i++) {
		for (int b = 0; b < 8; b++) {
			memcpy(d, w, sizeof(d));
			d[i] ^= (uint16_t)(1u << b);
			int r = sdi8k_audio_decode(d, 28, &q);

			cr_assert(r == -EBADMSG || (i == 0 && r == -ENOMSG),
				  "word %d bit %d: %d", i, b, r);
			/* ... and with parity and checksum made right, the ECC */
			d[i] = fix(d[i]);
			fix_checksum(d);
			r = sdi8k_audio_decode(d, 28, &q);
			if (i == 0 && sdi8k_audio_data_group((uint8_t)d[0]) < 0)
				cr_assert_eq(r, -ENOMSG);
			else if (i == 2)	/* the data count */
				cr_assert(r == -EPROTO || r == -EOVERFLOW ||
					  r == -EBADMSG,
					  "DC bit %d: %d", b, r);
			else
				cr_assert_eq(r, -EUCLEAN, "word %d bit %d: %d",
					     i, b, r);
		}
	}
	/* an ECC word changed, parity and checksum right */
	memcpy(d, w, sizeof(d));
	d[22] = fix((uint16_t)(d[22] ^ 0x10));
	fix_checksum(d);
	cr_assert_eq(sdi8k_audio_decode(d, 28, &q), -EUCLEAN);
	/* a checksum off by one */
	memcpy(d, w, sizeof(d));
	d[27] ^= 1;
	cr_assert_eq(sdi8k_audio_decode(d, 28, &q), -EBADMSG);
	/* a word wider than 10 bits, a short packet, not audio */
	memcpy(d, w, sizeof(d));
	d[10] |= 0x400;
	cr_assert_eq(sdi8k_audio_decode(d, 28, &q), -EPROTO);
	cr_assert_eq(sdi8k_audio_decode(w, 27, &q), -EOVERFLOW);
	cr_assert_eq(sdi8k_audio_decode(w, 0, &q), -EOVERFLOW);
	uint16_t atc[] = { 0x260, 0x260, 0x110 };

	cr_assert_eq(sdi8k_audio_decode(atc, 3, &q), -ENOMSG);
	/* a control packet is not a data packet, and the reverse */
	struct sdi8k_audio_control c = { .group = 1 };
	struct sdi8k_audio_control cq;
	uint16_t cw[SDI8K_AUDIO_CTRL_WORDS];

	cr_assert_eq(sdi8k_audio_ctrl_encode(&c, cw, 15), 15);
	cr_assert_eq(sdi8k_audio_decode(cw, 15, &q), -ENOMSG);
	cr_assert_eq(sdi8k_audio_ctrl_decode(w, 28, &cq), -ENOMSG);
	/* nothing written on failure */
	memset(&q, 0x5a, sizeof(q));
	memcpy(d, w, sizeof(d));
	d[5] = fix((uint16_t)(d[5] ^ 1));
	fix_checksum(d);
	cr_assert_eq(sdi8k_audio_decode(d, 28, &q), -EUCLEAN);
	cr_assert_eq(q.group, 0x5a);
}

Test(st299, encode_rejects)
{
	struct sdi8k_audio_packet p = { .group = 8 };
	uint16_t w[SDI8K_AUDIO_DATA_WORDS];

	cr_assert_eq(sdi8k_audio_encode(&p, w, 28), -EINVAL);
	p.group = 0;
	p.clk = 0x2000;
	cr_assert_eq(sdi8k_audio_encode(&p, w, 28), -EINVAL);
	p.clk = 0;
	cr_assert_eq(sdi8k_audio_encode(&p, w, 27), -ENOSPC);
	cr_assert_eq(sdi8k_audio_encode(NULL, w, 28), -EINVAL);
	struct sdi8k_audio_control c = { .rate = 16 };

	cr_assert_eq(sdi8k_audio_ctrl_encode(&c, w, 28), -EINVAL);
	c.rate = 0;
	c.delay_valid[0] = true;
	c.delay[0] = 1 << 22;
	cr_assert_eq(sdi8k_audio_ctrl_encode(&c, w, 28), -EINVAL);
}

Test(st299, control_by_hand_and_round_trip)
{
	struct sdi8k_audio_control c = {
		.group = 1, .af = { 3, 4 }, .rate = 0, .active = 0x0f,
		.delay_valid = { true, false }, .delay = { -2, 0 },
	}, q;
	uint16_t w[SDI8K_AUDIO_CTRL_WORDS];

	cr_assert_eq(sdi8k_audio_ctrl_encode(&c, w, 15), 15);
	cr_assert_eq(w[0], 0x2e2);		/* group 2: 0xe2, 4 ones */
	cr_assert_eq(w[3], 0x203);		/* AF 3 */
	cr_assert_eq(w[4], 0x104);
	cr_assert_eq(w[5], 0x200);		/* 48 kHz, synchronous */
	cr_assert_eq(w[6], 0x20f);		/* channels 1-4 active */
	/* -2 in 23 bits: 0x7ffffe; e=1, del0-6 = 0x7e: 0xfd, 7 ones */
	cr_assert_eq(w[7], 0x1fd);
	cr_assert_eq(w[8], 0x2ff);
	cr_assert_eq(w[9], 0x2ff);
	cr_assert_eq(w[10], 0x200);
	cr_assert_eq(memcmp(w, vec_299_ctrl_g2, sizeof(w)), 0);
	cr_assert_eq(sdi8k_audio_ctrl_decode(vec_299_ctrl_g2, 15, &q), 15);
	cr_assert_eq(q.group, 1);
	cr_assert_eq(q.af[0], 3);
	cr_assert_eq(q.af[1], 4);
	cr_assert_eq(q.active, 0x0f);
	cr_assert(q.delay_valid[0]);
	cr_assert_not(q.delay_valid[1]);
	cr_assert_eq(q.delay[0], -2);

	for (int n = 0; n < 1000; n++) {
		struct sdi8k_audio_control r = {
			.group = lcg() % 8, .af = { (uint8_t)lcg(), (uint8_t)lcg() },
			.rate = lcg() % 16, .active = (uint8_t)lcg(),
			.delay_valid = { lcg() & 1, lcg() & 1 },
		};

		for (int i = 0; i < 2; i++)
			r.delay[i] = r.delay_valid[i] ?
				     ((int32_t)(lcg() << 9)) >> 9 : 0;
		cr_assert_eq(sdi8k_audio_ctrl_encode(&r, w, 15), 15);
		cr_assert_eq(sdi8k_audio_ctrl_decode(w, 15, &q), 15);
		cr_assert_eq(q.group, r.group);
		cr_assert_eq(q.af[0], r.af[0]);
		cr_assert_eq(q.af[1], r.af[1]);
		cr_assert_eq(q.rate, r.rate);
		cr_assert_eq(q.active, r.active);
		for (int i = 0; i < 2; i++) {
			cr_assert_eq(q.delay_valid[i], r.delay_valid[i]);
			cr_assert_eq(q.delay[i], r.delay[i], "control %d", n);
		}
	}
	/* a UDW with bad parity, a wrong data count */
	sdi8k_audio_ctrl_encode(&c, w, 15);
	w[6] ^= 0x100;
	w[14] = sdi8k_anc_checksum(w, 14);
	cr_assert_eq(sdi8k_audio_ctrl_decode(w, 15, &q), -EBADMSG);
	uint16_t short_pkt[14];
	uint8_t b[10] = { 0 };

	cr_assert_eq(sdi8k_anc_encode_bytes(0xe3, 0, b, 10, short_pkt, 14), 14);
	cr_assert_eq(sdi8k_audio_ctrl_decode(short_pkt, 14, &q), -EPROTO);
}
