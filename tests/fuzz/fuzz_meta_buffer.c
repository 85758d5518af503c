// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libFuzzer target: raw bytes as a driver metadata buffer
 * (SDI8K_META_FMT_ANC): the record reader, the HDR state walker and the
 * caption (CDP) finder. The three must agree on whether the buffer is
 * well formed; the first two on its packet count; a CDP found re-encodes
 * to the bytes it came as, up to reserved bits and future sections.
 *
 * An input of odd length is first repaired into a well-formed buffer (its
 * last byte dropped): header fields set, each record's data count kept
 * within what is left, its size, parity and checksum made right, so that
 * mutations reach the payload decoders behind the buffer checks.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sdi8k/anc.h>
#include <sdi8k/hdr.h>

#define CHECK(c) do { if (!(c)) abort(); } while (0)

static uint8_t fixed[1 << 16];

/* CPU byte order, as the driver writes the buffer */
static void put16(uint8_t *p, uint16_t v)
{
	memcpy(p, &v, sizeof(v));
}

static void put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, sizeof(v));
}

static uint16_t get16(const uint8_t *p)
{
	uint16_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* repair data[0..size-1] into fixed[]; returns the buffer's length */
static size_t repair(const uint8_t *data, size_t size)
{
	size_t off = 32, count = 0;

	if (size > sizeof(fixed))
		size = sizeof(fixed);
	if (size < 32)
		return 0;
	memcpy(fixed, data, size);
	put32(fixed, 0x4e413853);
	put16(fixed + 4, 1);
	put16(fixed + 6, 32);
	put32(fixed + 28, 0);
	while (size - off >= 16) {
		uint8_t *p = fixed + off;
		uint16_t w[3 + SDI8K_ANC_MAX_UDW];
		size_t n = get16(p + 12) & 0xff, rec, i;

		if (16 + 2 * n > size - off)
			n = (size - off - 16) / 2;
		rec = (16 + 2 * n + 3) & ~(size_t)3;
		if (rec > size - off)
			break;
		put16(p, (uint16_t)rec);
		w[0] = sdi8k_anc_word((uint8_t)get16(p + 8));
		w[1] = sdi8k_anc_word((uint8_t)get16(p + 10));
		w[2] = sdi8k_anc_word((uint8_t)n);
		put16(p + 8, w[0]);
		put16(p + 10, w[1]);
		put16(p + 12, w[2]);
		for (i = 0; i < n; i++) {
			w[3 + i] = sdi8k_anc_word((uint8_t)get16(p + 16 + 2 * i));
			put16(p + 16 + 2 * i, w[3 + i]);
		}
		put16(p + 14, sdi8k_anc_checksum(w, n + 3));
		off += rec;
		count++;
	}
	put32(fixed + 12, (uint32_t)count);
	put32(fixed + 16, (uint32_t)off);
	return off;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct sdi8k_hdr_state st;
	struct sdi8k_anc_frame_info info;
	struct sdi8k_anc_iter it;
	struct sdi8k_anc_record rec;
	static struct sdi8k_cdp cdp;
	uint8_t raw[SDI8K_CDP_MAX_SIZE], again[SDI8K_CDP_MAX_SIZE];
	size_t raw_len = 0;
	uint32_t count = 0;
	int r, s, c;

	if (size % 2) {
		size = repair(data, size - 1);
		data = fixed;
		if (!size)
			return 0;
	}
	r = sdi8k_anc_frame_open(data, size, &info, &it);
	while (r == 0 && (r = sdi8k_anc_frame_next(&it, &rec)) > 0) {
		CHECK(rec.pkt.udw_count == (rec.pkt.dc_word & 0xff));
		count++;
		r = 0;
	}
	s = sdi8k_hdr_state_from_frame(data, size, &st);
	CHECK((r == 0) == (s == 0));
	c = sdi8k_cdp_from_frame(data, size, &cdp, raw, &raw_len);
	if (r != 0)
		CHECK(c < 0);	/* a malformed buffer fails the finder too */
	if (c == 1) {
		int n = sdi8k_cdp_encode(&cdp, again, sizeof(again));

		CHECK(raw_len >= 11 && raw_len <= SDI8K_CDP_MAX_SIZE);
		CHECK(n >= 11 && (size_t)n <= raw_len);
	}
	if (data == fixed)
		CHECK(r == 0);	/* a repaired buffer is well formed */
	if (r == 0) {
		CHECK(count == info.packet_count);
		CHECK(st.packets == count);
		CHECK(st.unknown <= st.packets);
		CHECK(st.sequence == info.sequence);
		CHECK(st.malformed == 0 || st.error[0] != '\0');
	}
	return 0;
}
