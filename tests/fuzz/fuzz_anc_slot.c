// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libFuzzer target: the driver's own parser of one frame's ancillary slot
 * (kernel/anc/sdi8k-anc-slot.c, the code sdi8k.ko runs in its interrupt
 * handler on what the card wrote), built unchanged through kshim/.
 *
 * Input: byte 0 picks the descriptor's anc_status overflow bit (bit 0)
 * and the signal's rate (bits 1-4), byte 1 the metadata buffer's size
 * (0: no buffer queued, else 32 bytes a step), the rest is the slot as
 * the card stored it: little-endian record headers and 10-bit words.
 *
 * Checked beyond "no crash, no sanitizer report": the metadata records
 * stay inside the buffer and each holds a packet the library's decoder
 * (sdi8k_anc_decode) accepts as it is; a time code the driver reports is
 * a valid V4L2 one; a mastering display it keeps is inside V4L2's ranges.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sdi8k-anc-codec.h"
#include "uapi/sdi8k.h"

#define CHECK(c) do { if (!(c)) abort(); } while (0)

static const uint32_t rates[16][2] = {
	{ 0, 0 }, { 24000, 1001 }, { 24, 1 }, { 25, 1 }, { 30000, 1001 },
	{ 30, 1 }, { 50, 1 }, { 60000, 1001 }, { 60, 1 }, { 48, 1 },
	{ 120, 1 }, { 1, 0 }, { 25, 2 }, { 60, 1 }, { 50, 1 }, { 24, 1 },
};

static void check_meta(const struct sdi8k_anc_meta *meta)
{
	struct sdi8k_anc_packet_data d;
	uint16_t words[SDI8K_ANC_PACKET_WORDS(SDI8K_ANC_MAX_UDW)];
	const uint8_t *b = meta->buf;
	uint32_t off = 0, i;

	CHECK(meta->used <= meta->size);
	for (i = 0; i < meta->count; i++) {
		struct sdi8k_anc_packet p;
		unsigned int n;

		CHECK(off + sizeof(p) <= meta->used);
		memcpy(&p, b + off, sizeof(p));
		n = p.dc & 0xff;
		CHECK(p.size >= sizeof(p) + 2 * n && p.size % 4 == 0);
		CHECK(off + p.size <= meta->used);
		words[0] = p.did;
		words[1] = p.sdid;
		words[2] = p.dc;
		memcpy(words + 3, b + off + sizeof(p), 2 * n);
		words[3 + n] = p.checksum;
		CHECK(sdi8k_anc_decode(words, n + 4, &d) == (int)n + 4);
		off += p.size;
	}
	CHECK(off == meta->used);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t metabuf[255 * 32];
	struct sdi8k_anc_meta meta = { 0 };
	struct sdi8k_anc_result res;
	const uint32_t *rate;
	unsigned int i;

	if (size < 2)
		return 0;
	rate = rates[(data[0] >> 1) & 15];
	if (data[1]) {
		meta.buf = metabuf;
		meta.size = data[1] * 32u;
	}
	sdi8k_anc_slot_parse(data + 2, (uint32_t)(size - 2), data[0] & 1,
			     rate[0], rate[1], &res, &meta);
	if (meta.buf)
		check_meta(&meta);
	else
		CHECK(meta.used == 0 && meta.count == 0);
	CHECK(res.overflow == (data[0] & 1u));
	if (res.has_tc) {
		CHECK(res.tc.type >= V4L2_TC_TYPE_24FPS &&
		      res.tc.type <= V4L2_TC_TYPE_60FPS);
		CHECK(res.tc.frames < 60 && res.tc.seconds < 60 &&
		      res.tc.minutes < 60 && res.tc.hours < 24);
	}
	if (res.hdr.has_mdcv) {
		const struct v4l2_ctrl_hdr10_mastering_display *m = &res.hdr.mdcv;

		for (i = 0; i < 3; i++)
			CHECK(m->display_primaries_x[i] <= V4L2_HDR10_MASTERING_PRIMARIES_X_HIGH &&
			      m->display_primaries_y[i] <= V4L2_HDR10_MASTERING_PRIMARIES_Y_HIGH);
		CHECK(m->max_display_mastering_luminance >= V4L2_HDR10_MASTERING_MAX_LUMA_LOW &&
		      m->min_display_mastering_luminance <= V4L2_HDR10_MASTERING_MIN_LUMA_HIGH);
	} else {
		CHECK(res.hdr.mdcv.max_display_mastering_luminance == 0);
	}
	return 0;
}
