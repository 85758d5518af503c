// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libFuzzer target: 10-bit words (the input as little-endian 16-bit
 * words, from the DID) through the ST 299 audio data and control packet
 * decoders of kernel/anc/sdi8k-st299.c. With an odd input size the last
 * byte asks for repairs so that the fuzzer reaches the payload: bit 0
 * sets every word's parity and the checksum, bit 1 also the data count
 * and the ECC. What decodes is encoded again and must decode to the same
 * packet (differential check: a mismatch aborts); a repaired data packet
 * encodes to exactly its words except the bits the codec does not keep.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sdi8k-anc-codec.h"

#define CHECK(c) do { if (!(c)) abort(); } while (0)

static void repair(uint16_t *w, size_t n, uint8_t how)
{
	size_t i, udw;

	if (n < 4)
		return;
	if ((how & 2) && sdi8k_audio_data_group((uint8_t)w[0]) >= 0 &&
	    n >= SDI8K_AUDIO_DATA_WORDS)
		w[2] = SDI8K_AUDIO_DATA_UDW;
	else if ((how & 2) && sdi8k_audio_ctrl_group((uint8_t)w[0]) >= 0 &&
		 n >= SDI8K_AUDIO_CTRL_WORDS)
		w[2] = SDI8K_AUDIO_CTRL_UDW;
	udw = w[2] & 0xff;
	if (udw + 4 > n)
		udw = n - 4;
	w[2] = (uint16_t)udw;
	for (i = 0; i < udw + 3; i++)
		w[i] = sdi8k_anc_word((uint8_t)w[i]);
	if ((how & 2) && udw == SDI8K_AUDIO_DATA_UDW) {
		uint8_t ecc[SDI8K_AUDIO_ECC_WORDS];

		sdi8k_audio_ecc(w, ecc);
		for (i = 0; i < SDI8K_AUDIO_ECC_WORDS; i++)
			w[3 + 18 + i] = sdi8k_anc_word(ecc[i]);
	}
	w[udw + 3] = sdi8k_anc_checksum(w, udw + 3);
}

static void data_packet(const uint16_t *w, size_t n)
{
	struct sdi8k_audio_packet p, q;
	uint16_t again[SDI8K_AUDIO_DATA_WORDS];
	int r, i;

	r = sdi8k_audio_decode(w, n, &p);
	if (r < 0) {
		CHECK(r == -ENOMSG || r == -EBADMSG || r == -EOVERFLOW ||
		      r == -EPROTO || r == -EUCLEAN);
		return;
	}
	CHECK(r == SDI8K_AUDIO_DATA_WORDS && (size_t)r <= n);
	CHECK(p.group < 8 && p.clk <= 0x1fff);
	for (i = 0; i < 4; i++)
		CHECK(p.sample[i] >= -0x800000 && p.sample[i] <= 0x7fffff);
	CHECK(sdi8k_audio_encode(&p, again, SDI8K_AUDIO_DATA_WORDS) == r);
	CHECK(sdi8k_audio_decode(again, SDI8K_AUDIO_DATA_WORDS, &q) == r);
	CHECK(q.group == p.group && q.dbn == p.dbn && q.clk == p.clk &&
	      q.mpf == p.mpf);
	for (i = 0; i < 4; i++) {
		CHECK(q.sample[i] == p.sample[i]);
		CHECK((q.flags[i] ^ p.flags[i]) == 0 ||
		      (q.flags[i] ^ p.flags[i]) == SDI8K_AUDIO_P);
	}
	/* what the codec keeps: all but UDW1 b6-7, CHn word 0 b0-2, P */
	for (i = 0; i < SDI8K_AUDIO_DATA_WORDS; i++) {
		uint16_t keep = 0xff;

		if (i == 4)
			keep = 0x3f;
		else if (i >= 5 && i < 21 && (i - 5) % 4 == 0)
			keep = 0xf8;
		else if (i >= 5 && i < 21 && (i - 5) % 4 == 3)
			keep = 0x7f;
		else if (i >= 21)
			continue;	/* ECC and checksum follow the rest */
		CHECK(((again[i] ^ w[i]) & keep) == 0);
	}
}

static void control_packet(const uint16_t *w, size_t n)
{
	struct sdi8k_audio_control c, d;
	uint16_t again[SDI8K_AUDIO_CTRL_WORDS];
	int r, i;

	r = sdi8k_audio_ctrl_decode(w, n, &c);
	if (r < 0)
		return;
	CHECK(r == SDI8K_AUDIO_CTRL_WORDS && (size_t)r <= n);
	CHECK(sdi8k_audio_ctrl_encode(&c, again, SDI8K_AUDIO_CTRL_WORDS) == r);
	CHECK(sdi8k_audio_ctrl_decode(again, SDI8K_AUDIO_CTRL_WORDS, &d) == r);
	CHECK(d.group == c.group && d.af[0] == c.af[0] && d.af[1] == c.af[1] &&
	      d.rate == c.rate && d.active == c.active);
	for (i = 0; i < 2; i++)
		CHECK(d.delay_valid[i] == c.delay_valid[i] &&
		      d.delay[i] == (c.delay_valid[i] ? c.delay[i] : 0));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint16_t words[64];
	size_t n = size / 2;

	if (n > 64)
		n = 64;
	memcpy(words, data, n * 2);
	if (size % 2)
		repair(words, n, data[size - 1]);
	data_packet(words, n);
	control_packet(words, n);
	return 0;
}
