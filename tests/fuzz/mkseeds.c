// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Writes the seed corpus of the fuzz targets from the known vectors of
 * docs/ancillary.md (tests/unit/anc_vectors.h):
 *   mkseeds DIR  writes files into DIR/anc_packet, DIR/hdr_payload,
 *   DIR/meta_buffer, DIR/anc_slot, DIR/audio_packet and DIR/cdp
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anc_vectors.h"

#define SDI8K_CDP_WORDS_MAX (255 + 4)

static void put(const char *dir, const char *sub, const char *name,
		const void *p, size_t n)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s/%s", dir, sub, name);
	f = fopen(path, "wb");
	if (!f || fwrite(p, 1, n, f) != n || fclose(f)) {
		perror(path);
		exit(1);
	}
}

/* the packet as words, and again with a trailing byte 0x01 (the target's
 * "repair" mode, with UDW parity) */
static void words(const char *dir, const char *name, const uint16_t *w, size_t n)
{
	uint8_t b[2048];
	char rname[128];

	for (size_t i = 0; i < n; i++)
		anc_put16(b + 2 * i, w[i]);
	put(dir, "anc_packet", name, b, 2 * n);
	b[2 * n] = 0x01;
	snprintf(rname, sizeof(rname), "%s-repair", name);
	put(dir, "anc_packet", rname, b, 2 * n + 1);
}

/* an ST 299 packet as words, and again asking for every repair (0x03) */
static void audio(const char *dir, const char *name, const uint16_t *w, size_t n)
{
	uint8_t b[128];
	char rname[128];

	for (size_t i = 0; i < n; i++)
		anc_put16(b + 2 * i, w[i]);
	put(dir, "audio_packet", name, b, 2 * n);
	b[2 * n] = 0x03;
	snprintf(rname, sizeof(rname), "%s-repair", name);
	put(dir, "audio_packet", rname, b, 2 * n + 1);
}

static void bytes_of(const char *dir, const char *name, const uint16_t *w, size_t n)
{
	uint8_t b[256];

	for (size_t i = 3; i < n - 1; i++)
		b[i - 3] = (uint8_t)w[i];
	put(dir, "hdr_payload", name, b, n - 4);
}

/* One frame's ancillary slot as the card stores it (docs/hardware.md),
 * behind fuzz_anc_slot's two bytes: rate index 7 (59.94), a 8 KiB
 * metadata buffer. */
struct slot {
	uint8_t b[4096];
	size_t n;
};

static void slot_init(struct slot *s, uint8_t rate)
{
	s->b[0] = (uint8_t)(rate << 1);
	s->b[1] = 255;
	s->n = 2;
}

static void slot_add(struct slot *s, const uint16_t *w, size_t n, unsigned line)
{
	uint32_t hdr = line | (uint32_t)n << 16;

	for (int i = 0; i < 4; i++)
		s->b[s->n++] = (uint8_t)(hdr >> (8 * i));
	for (size_t i = 0; i < n; i++)
		anc_put16(s->b + s->n + 2 * i, w[i]);
	s->n += (2 * n + 3) & ~(size_t)3;
}

int main(int argc, char **argv)
{
	static uint8_t buf[8192];
	struct anc_buf a;

	if (argc != 2) {
		fprintf(stderr, "usage: mkseeds DIR\n");
		return 2;
	}
	words(argv[1], "st352-1080p5994", vec_352_1080p5994_3ga, 8);
	words(argv[1], "st352-1080i50", vec_352_1080i50_1g5, 8);
	words(argv[1], "st352-2160p-pq", vec_352_2160p5994_pq, 8);
	words(argv[1], "st352-4320p-link3", vec_352_4320p5994_link3, 8);
	words(argv[1], "st2108-static", vec_2108_static, NWORDS(vec_2108_static));
	words(argv[1], "st2108-hdr10plus", vec_2108_hdr10plus, NWORDS(vec_2108_hdr10plus));
	words(argv[1], "atc-vitc1", vec_atc_vitc1, 20);
	words(argv[1], "atc-ltc-df", vec_atc_ltc_df, 20);
	audio(argv[1], "st299-data-g2", vec_299_data_g2, NWORDS(vec_299_data_g2));
	audio(argv[1], "st299-ctrl-g2", vec_299_ctrl_g2, NWORDS(vec_299_ctrl_g2));

	bytes_of(argv[1], "st2108-static", vec_2108_static, NWORDS(vec_2108_static));
	bytes_of(argv[1], "st2108-hdr10plus", vec_2108_hdr10plus, NWORDS(vec_2108_hdr10plus));
	put(argv[1], "hdr_payload", "t35-hdr10plus", vec_t35, sizeof(vec_t35));
	put(argv[1], "cdp", "cdp-2997", vec_cdp, sizeof(vec_cdp));

	anc_buf_init(&a, buf, sizeof(buf), 1);
	anc_buf_add(&a, vec_352_2160p5994_pq, 8, 10, 0, 0);
	anc_buf_add(&a, vec_2108_static, NWORDS(vec_2108_static), 11, 0, 0);
	anc_buf_add(&a, vec_2108_hdr10plus, NWORDS(vec_2108_hdr10plus), 12, 0, 0);
	anc_buf_add(&a, vec_atc_vitc1, 20, 9, 0, 0);
	put(argv[1], "meta_buffer", "frame-2160p-hdr10plus", buf, anc_buf_finish(&a));
	anc_buf_init(&a, buf, sizeof(buf), 2);
	anc_buf_add(&a, vec_352_1080i50_1g5, 8, 10, 0, 0);
	anc_buf_add(&a, vec_atc_ltc_df, 20, 9, 0, 0);
	put(argv[1], "meta_buffer", "frame-1080i-sdr", buf, anc_buf_finish(&a));
	anc_buf_init(&a, buf, sizeof(buf), 3);
	put(argv[1], "meta_buffer", "frame-empty", buf, anc_buf_finish(&a));
	{	/* a frame with captions: ST 352 and a CEA-708 CDP */
		uint16_t cw[SDI8K_CDP_WORDS_MAX];
		size_t cn = anc_vec_packet(0x61, 0x01, vec_cdp, sizeof(vec_cdp), cw);

		anc_buf_init(&a, buf, sizeof(buf), 5);
		anc_buf_add(&a, vec_352_1080p5994_3ga, 8, 10, 0, 0);
		anc_buf_add(&a, cw, cn, 9, 0, 0);
		put(argv[1], "meta_buffer", "frame-captions", buf, anc_buf_finish(&a));
	}
	/* the full frame again with a trailing byte: the target's repair mode */
	anc_buf_init(&a, buf, sizeof(buf), 4);
	anc_buf_add(&a, vec_352_2160p5994_pq, 8, 10, 0, 0);
	anc_buf_add(&a, vec_2108_static, NWORDS(vec_2108_static), 11, 0, 0);
	anc_buf_add(&a, vec_2108_hdr10plus, NWORDS(vec_2108_hdr10plus), 12, 0, 0);
	anc_buf_add(&a, vec_atc_vitc1, 20, 9, 0, 0);
	put(argv[1], "meta_buffer", "frame-2160p-hdr10plus-repair", buf, anc_buf_finish(&a) + 1);

	static struct slot sl;

	slot_init(&sl, 7);
	slot_add(&sl, vec_352_2160p5994_pq, 8, 10);
	slot_add(&sl, vec_atc_vitc1, 20, 9);
	slot_add(&sl, vec_2108_static, NWORDS(vec_2108_static), 11);
	slot_add(&sl, vec_2108_hdr10plus, NWORDS(vec_2108_hdr10plus), 12);
	put(argv[1], "anc_slot", "slot-2160p5994-pq", sl.b, sl.n);
	slot_init(&sl, 3);
	slot_add(&sl, vec_352_1080i50_1g5, 8, 10);
	slot_add(&sl, vec_atc_ltc_df, 20, 9);
	put(argv[1], "anc_slot", "slot-1080i50", sl.b, sl.n);
	slot_init(&sl, 4);
	slot_add(&sl, vec_atc_ltc_df, 20, 9);
	put(argv[1], "anc_slot", "slot-2997-df", sl.b, sl.n);
	return 0;
}
