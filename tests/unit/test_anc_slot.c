// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The driver's own parser of a frame's ancillary slot
 * (kernel/anc/sdi8k-anc-slot.c, built unchanged through kshim/) on the
 * known vectors of docs/ancillary.md laid out as the card stores them
 * (docs/hardware.md, "Ancillary data"): what it reports for V4L2 (payload
 * ID, time code, HDR10 controls), what it counts, and the metadata
 * records it writes.
 */
#include <errno.h>
#include <string.h>

#include "sdi8k-anc-codec.h"
#include "sdi8k-regs.h"
#include "uapi/sdi8k.h"
#include "anc_vectors.h"

#include <criterion/criterion.h>

struct slot {
	uint8_t b[SDI8K_ANC_SLOT_SIZE];
	uint32_t n;
};

/* append a record of n words (the card's header: line, link, words) */
static void add(struct slot *s, const uint16_t *w, size_t n, unsigned line,
		unsigned link)
{
	uint32_t hdr = line | link << 12 | (uint32_t)n << 16;

	for (int i = 0; i < 4; i++)
		s->b[s->n++] = (uint8_t)(hdr >> (8 * i));
	for (size_t i = 0; i < n; i++)
		anc_put16(s->b + s->n + 2 * i, w[i]);
	s->n += (uint32_t)((2 * n + 3) & ~(size_t)3);
}

static uint8_t metabuf[8192];

static void parse(const struct slot *s, uint32_t status, uint32_t num,
		  uint32_t den, struct sdi8k_anc_result *res,
		  struct sdi8k_anc_meta *meta, uint32_t meta_size)
{
	memset(meta, 0, sizeof(*meta));
	meta->buf = meta_size ? metabuf : NULL;
	meta->size = meta_size;
	sdi8k_anc_slot_parse(s->b, s->n, status, num, den, res, meta);
}

Test(anc_slot, a_2160p59_94_pq_frame)
{
	static struct slot s;
	struct sdi8k_anc_result r;
	struct sdi8k_anc_meta m;
	struct sdi8k_anc_packet p;

	add(&s, vec_352_2160p5994_pq, 8, 10, 0);
	add(&s, vec_atc_vitc1, 20, 9, 0);
	add(&s, vec_2108_static, NWORDS(vec_2108_static), 11, 0);
	add(&s, vec_2108_hdr10plus, NWORDS(vec_2108_hdr10plus), 12, 0);
	parse(&s, 0, 60000, 1001, &r, &m, sizeof(metabuf));

	cr_assert(r.has_vpid);
	cr_assert_eq(r.vpid, 0x01a0eaceu);	/* bytes ce ea a0 01 */
	cr_assert(r.has_tc);
	/* 01:02:03:04 counted in frame pairs at 59.94: frame 8 of 60 */
	cr_assert_eq(r.tc.type, V4L2_TC_TYPE_60FPS);
	cr_assert_eq(r.tc.hours, 1);
	cr_assert_eq(r.tc.minutes, 2);
	cr_assert_eq(r.tc.seconds, 3);
	cr_assert_eq(r.tc.frames, 8);
	cr_assert(r.hdr.has_mdcv && r.hdr.has_cll);
	cr_assert_eq(r.hdr.mdcv.display_primaries_x[0], 8500);	/* green */
	cr_assert_eq(r.hdr.mdcv.display_primaries_y[0], 39850);
	cr_assert_eq(r.hdr.mdcv.display_primaries_x[2], 35400);	/* red */
	cr_assert_eq(r.hdr.mdcv.white_point_x, 15635);
	cr_assert_eq(r.hdr.mdcv.max_display_mastering_luminance, 10000000);
	cr_assert_eq(r.hdr.mdcv.min_display_mastering_luminance, 50);
	cr_assert_eq(r.hdr.cll.max_content_light_level, 1000);
	cr_assert_eq(r.hdr.cll.max_pic_average_light_level, 400);
	cr_assert_eq(r.malformed + r.bad_payload + r.overflow, 0);

	/* four records, the first the payload ID as received */
	cr_assert_eq(m.count, 4);
	cr_assert_eq(m.overflow, 0);
	memcpy(&p, metabuf, sizeof(p));
	cr_assert_eq(p.size, 16 + 8);
	cr_assert_eq(p.line, 10);
	cr_assert_eq(p.did, 0x241);
	cr_assert_eq(p.checksum, 0x19f);
}

Test(anc_slot, time_code_follows_the_rate)
{
	static struct slot s;
	struct sdi8k_anc_result r;
	struct sdi8k_anc_meta m;

	add(&s, vec_atc_vitc1, 20, 9, 0);
	parse(&s, 0, 30000, 1001, &r, &m, 0);
	cr_assert(r.has_tc);
	cr_assert_eq(r.tc.type, V4L2_TC_TYPE_30FPS);
	cr_assert_eq(r.tc.frames, 4);
	/* 29.97 drop frame 23:59:59;29 */
	s.n = 0;
	add(&s, vec_atc_ltc_df, 20, 9, 0);
	parse(&s, 0, 30000, 1001, &r, &m, 0);
	cr_assert(r.has_tc);
	cr_assert(r.tc.flags & V4L2_TC_FLAG_DROPFRAME);
	cr_assert_eq(r.tc.hours, 23);
	cr_assert_eq(r.tc.frames, 29);
	/* frame 29 does not exist at 25 frames/s; no rate, no time code */
	parse(&s, 0, 25, 1, &r, &m, 0);
	cr_assert(!r.has_tc);
	cr_assert_eq(r.bad_payload, 1);
	parse(&s, 0, 0, 0, &r, &m, 0);
	cr_assert(!r.has_tc);
	cr_assert_eq(r.bad_payload, 1);
}

Test(anc_slot, malformed_packets_are_counted_and_dropped)
{
	static struct slot s;
	struct sdi8k_anc_result r;
	struct sdi8k_anc_meta m;
	uint16_t w[20];

	memcpy(w, vec_atc_vitc1, sizeof(w));
	w[19] ^= 1;				/* checksum */
	add(&s, w, 20, 9, 0);
	memcpy(w, vec_352_2160p5994_pq, 16);
	w[0] ^= 0x300;				/* DID parity */
	add(&s, w, 8, 10, 0);
	add(&s, vec_352_2160p5994_pq, 7, 10, 0);	/* cut: no checksum */
	memcpy(w, vec_352_2160p5994_pq, 16);
	w[8] = 0;
	add(&s, w, 9, 10, 0);			/* a word after the packet */
	add(&s, vec_2108_static, NWORDS(vec_2108_static), 11, 0);
	parse(&s, 0, 50, 1, &r, &m, sizeof(metabuf));
	cr_assert_eq(r.malformed, 4);
	cr_assert(!r.has_tc && !r.has_vpid);
	cr_assert(r.hdr.has_mdcv);		/* the good packet still counts */
	cr_assert_eq(m.count, 1);

	/* a record running past the bytes the card says it stored */
	s.n = 0;
	add(&s, vec_352_2160p5994_pq, 8, 10, 0);
	add(&s, vec_atc_vitc1, 20, 9, 0);
	s.n -= 4;
	parse(&s, 0, 50, 1, &r, &m, 0);
	cr_assert(r.has_vpid);
	cr_assert_eq(r.malformed, 1);
	cr_assert(!r.has_tc);
}

Test(anc_slot, st2108_is_taken_whole_or_not_at_all)
{
	static struct slot s;
	struct sdi8k_anc_result r;
	struct sdi8k_anc_meta m;
	uint8_t b[SDI8K_ANC_MAX_UDW];
	uint16_t w[SDI8K_ANC_PACKET_WORDS(SDI8K_ANC_MAX_UDW)];
	size_t n = NWORDS(vec_2108_static) - 4;
	int nw;

	/* the good packet, then its light level frame's length past the end */
	for (size_t i = 0; i < n; i++)
		b[i] = (uint8_t)vec_2108_static[3 + i];
	b[n - 8 + 1] = 32;
	nw = sdi8k_anc_encode_bytes(0x41, 0x0c, b, n, w, NWORDS(w));
	cr_assert_eq(nw, (int)n + 4);
	add(&s, w, (size_t)nw, 11, 0);
	parse(&s, 0, 50, 1, &r, &m, 0);
	cr_assert_eq(r.bad_payload, 1);
	cr_assert_eq(r.malformed, 0);
	cr_assert(!r.hdr.has_mdcv && !r.hdr.has_cll);

	/* a mastering display V4L2 cannot hold: red x 40000 */
	b[n - 8 + 1] = 6;
	b[4 + 8] = 40000 >> 8;
	b[4 + 9] = 40000 & 0xff;
	s.n = 0;
	nw = sdi8k_anc_encode_bytes(0x41, 0x0c, b, n, w, NWORDS(w));
	add(&s, w, (size_t)nw, 11, 0);
	parse(&s, 0, 50, 1, &r, &m, 0);
	cr_assert_eq(r.bad_payload, 1);
	cr_assert(!r.hdr.has_mdcv && !r.hdr.has_cll);
}

Test(anc_slot, overflow_and_links)
{
	static struct slot s;
	struct sdi8k_anc_result r;
	struct sdi8k_anc_meta m;

	add(&s, vec_352_4320p5994_link3, 8, 10, 2);	/* another link's */
	add(&s, vec_2108_hdr10plus, NWORDS(vec_2108_hdr10plus), 12, 0);
	add(&s, vec_352_2160p5994_pq, 8, 10, 0);
	/* room for the first record only; the card ran out of slot space */
	parse(&s, SDI8K_ANC_OVERFLOW, 50, 1, &r, &m, 16 + 8);
	cr_assert_eq(r.overflow, 1);
	cr_assert_eq(m.count, 1);
	cr_assert_eq(m.overflow, 2);
	cr_assert(r.has_vpid);
	cr_assert_eq(r.vpid & 0xff, 0xce);	/* link 0's, not link 3's */
}
