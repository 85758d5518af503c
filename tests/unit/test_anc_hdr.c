// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * ST 2108-1 frames, ST 2086, MaxCLL/MaxFALL and ST 2094-40 (HDR10+):
 * docs/ancillary.md vectors, round trips, every malformed case.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <string.h>

#include <sdi8k/error.h>
#include <sdi8k/hdr.h>

#include "anc_vectors.h"
#include "helpers.h"

static int payload_of(const uint16_t *w, size_t n, uint8_t *bytes)
{
	struct sdi8k_anc_packet_data p;

	cr_assert_eq(sdi8k_anc_decode(w, n, &p), (int)n, "%s", sdi8k_last_error());
	cr_assert_eq(p.did, SDI8K_DID_ST2108);
	cr_assert_eq(p.sdid, SDI8K_SDID_ST2108);
	return sdi8k_anc_udw_bytes(&p, bytes, 255);
}

Test(st2108, vector_static_mdcv_cll)
{
	uint8_t b[255];
	struct sdi8k_st2108_frame f[4];
	struct sdi8k_mdcv m;
	struct sdi8k_cll c;
	int n = payload_of(vec_2108_static, NWORDS(vec_2108_static), b);

	cr_assert_eq(n, 36);
	cr_assert_eq(sdi8k_st2108_parse(b, (size_t)n, f, 4), 2);
	cr_assert_eq(f[0].frame_type, SDI8K_ST2108_TYPE_MDCV);
	cr_assert_eq(f[0].sei_type, 137);
	cr_assert_eq(f[0].size, 24);
	cr_assert_eq(f[1].frame_type, SDI8K_ST2108_TYPE_CLL);
	cr_assert_eq(f[1].sei_type, 144);
	cr_assert_eq(f[1].size, 4);
	cr_assert_eq(sdi8k_mdcv_decode(f[0].payload, f[0].size, &m), 0);
	cr_assert_eq(m.green_x, 8500);
	cr_assert_eq(m.green_y, 39850);
	cr_assert_eq(m.blue_x, 6550);
	cr_assert_eq(m.blue_y, 2300);
	cr_assert_eq(m.red_x, 35400);
	cr_assert_eq(m.red_y, 14600);
	cr_assert_eq(m.white_x, 15635);
	cr_assert_eq(m.white_y, 16450);
	cr_assert_eq(m.max_luminance, 10000000);
	cr_assert_eq(m.min_luminance, 50);
	cr_assert_eq(sdi8k_cll_decode(f[1].payload, f[1].size, &c), 0);
	cr_assert_eq(c.max_cll, 1000);
	cr_assert_eq(c.max_fall, 400);
}

Test(st2108, build_static_packet_equals_vector)
{
	struct sdi8k_mdcv m = {
		.red_x = 35400, .red_y = 14600, .green_x = 8500, .green_y = 39850,
		.blue_x = 6550, .blue_y = 2300, .white_x = 15635, .white_y = 16450,
		.max_luminance = 10000000, .min_luminance = 50,
	};
	struct sdi8k_cll c = { 1000, 400 };
	uint8_t pm[24], pc[4], buf[255];
	uint16_t w[SDI8K_ANC_PACKET_WORDS(255)];
	size_t len = 0;

	cr_assert_eq(sdi8k_mdcv_encode(&m, pm), 0);
	cr_assert_eq(sdi8k_cll_encode(&c, pc), 0);
	cr_assert_eq(sdi8k_st2108_append(buf, sizeof(buf), &len, 0x00, 137, pm, 24), 0);
	cr_assert_eq(sdi8k_st2108_append(buf, sizeof(buf), &len, 0x01, 144, pc, 4), 0);
	cr_assert_eq(len, 36);
	cr_assert_eq(sdi8k_anc_encode_bytes(0x41, 0x0c, buf, len, w, 259), 40);
	cr_assert_arr_eq(w, vec_2108_static, sizeof(vec_2108_static));
}

Test(st2108, truncated_frames)
{
	uint8_t b[255];
	struct sdi8k_st2108_frame f[4];
	int n = payload_of(vec_2108_static, NWORDS(vec_2108_static), b);

	/* every prefix that cuts a frame is refused */
	for (int len = 1; len < n; len++) {
		int r = sdi8k_st2108_parse(b, (size_t)len, f, 4);

		if (len == 28)
			cr_assert_eq(r, 1);	/* exactly one whole frame */
		else
			cr_assert_eq(r, -EOVERFLOW, "len %d: %d", len, r);
	}
	cr_assert_eq(sdi8k_st2108_parse(b, 27, f, 4), -EOVERFLOW);
	cr_assert(strstr(sdi8k_last_error(), "truncated"), "%s", sdi8k_last_error());
	cr_assert_eq(sdi8k_st2108_parse(b, 0, f, 4), 0);
	cr_assert_eq(sdi8k_st2108_parse(b, (size_t)n, f, 1), -ENOSPC);
}

Test(st2108, inconsistent_frames)
{
	uint8_t b[255];
	struct sdi8k_st2108_frame f[4];
	int n = payload_of(vec_2108_static, NWORDS(vec_2108_static), b);
	uint8_t x[40];

	memcpy(x, b, (size_t)n);
	x[3] = 23;	/* SEI size != frame length - 2 */
	cr_assert_eq(sdi8k_st2108_parse(x, (size_t)n, f, 4), -EPROTO);
	memcpy(x, b, (size_t)n);
	x[2] = 4;	/* MDCV frame with the wrong SEI type */
	cr_assert_eq(sdi8k_st2108_parse(x, (size_t)n, f, 4), -EPROTO);
	memcpy(x, b, (size_t)n);
	x[29] = 1;	/* frame length below 2 */
	cr_assert_eq(sdi8k_st2108_parse(x, (size_t)n, f, 4), -EPROTO);
	/* CLL frame of 5 bytes */
	const uint8_t cll5[] = { 0x01, 0x07, 144, 5, 0, 1, 0, 1, 0 };

	cr_assert_eq(sdi8k_st2108_parse(cll5, sizeof(cll5), f, 4), -EPROTO);
	/* unknown frame types are kept raw */
	const uint8_t raw[] = { 0x03, 0x04, 4, 2, 0xaa, 0xbb };

	cr_assert_eq(sdi8k_st2108_parse(raw, sizeof(raw), f, 4), 1);
	cr_assert_eq(f[0].frame_type, 3);
	cr_assert_eq(f[0].payload[1], 0xbb);
}

Test(st2108, append_limits)
{
	uint8_t buf[300], p[253] = { 0 };
	size_t len = 0;

	cr_assert_eq(sdi8k_st2108_append(buf, sizeof(buf), &len, 5, 4, p, 251), 0);
	cr_assert_eq(len, 255);
	cr_assert_eq(sdi8k_st2108_append(buf, sizeof(buf), &len, 1, 144, p, 0), -ENOSPC);
	len = 0;
	cr_assert_eq(sdi8k_st2108_append(buf, sizeof(buf), &len, 5, 4, p, 252), -ENOSPC);
	cr_assert_eq(sdi8k_st2108_append(buf, 10, &len, 1, 144, p, 4), 0);
	cr_assert_eq(sdi8k_st2108_append(buf, 10, &len, 1, 144, p, 4), -ENOSPC);
}

Test(st2086, ranges)
{
	uint8_t b[24];
	struct sdi8k_mdcv m = {
		.red_x = 35400, .red_y = 14600, .green_x = 8500, .green_y = 39850,
		.blue_x = 6550, .blue_y = 2300, .white_x = 15635, .white_y = 16450,
		.max_luminance = 10000000, .min_luminance = 50,
	}, d;

	cr_assert_eq(sdi8k_mdcv_encode(&m, b), 0);
	cr_assert_eq(sdi8k_mdcv_decode(b, 23, &d), -EPROTO);
	cr_assert_eq(sdi8k_mdcv_decode(b, 25, &d), -EPROTO);
	b[0] = 0xc4;	/* green x 0xc434 = 50228 > 50000 */
	cr_assert_eq(sdi8k_mdcv_decode(b, 24, &d), -EPROTO);
	cr_assert(strstr(sdi8k_last_error(), "green x"), "%s", sdi8k_last_error());
	m.min_luminance = m.max_luminance;
	cr_assert_eq(sdi8k_mdcv_encode(&m, b), -EINVAL);
	m.min_luminance = 0;
	m.max_luminance = 100000001;
	cr_assert_eq(sdi8k_mdcv_encode(&m, b), -EINVAL);
	m.max_luminance = 0;
	cr_assert_eq(sdi8k_mdcv_encode(&m, b), -EINVAL);
	m.max_luminance = 100000000;
	cr_assert_eq(sdi8k_mdcv_encode(&m, b), 0);
	cr_assert_eq(sdi8k_mdcv_decode(b, 24, &d), 0);
	cr_assert_eq(memcmp(&m, &d, sizeof(m)), 0);
}

Test(cll, sizes)
{
	const uint8_t b[5] = { 0x03, 0xe8, 0x01, 0x90, 0 };
	struct sdi8k_cll c;

	cr_assert_eq(sdi8k_cll_decode(b, 3, &c), -EPROTO);
	cr_assert_eq(sdi8k_cll_decode(b, 5, &c), -EPROTO);
	cr_assert_eq(sdi8k_cll_decode(b, 4, &c), 0);
	cr_assert_eq(c.max_cll, 1000);
}

/* ---- ST 2094-40 ---- */

static void expect_doc_vector(const struct sdi8k_hdr10plus *m)
{
	static const uint8_t pct[9] = { 1, 5, 10, 25, 50, 75, 90, 95, 99 };
	const struct sdi8k_hdr10p_window *w = &m->window[0];

	cr_assert_eq(m->application_version, 1);
	cr_assert_eq(m->num_windows, 1);
	cr_assert_eq(m->targeted_max_luminance, 400);
	cr_assert(!m->targeted_peak.present);
	cr_assert(!m->mastering_peak.present);
	cr_assert_eq(w->maxscl[0], 10000);
	cr_assert_eq(w->maxscl[1], 20000);
	cr_assert_eq(w->maxscl[2], 30000);
	cr_assert_eq(w->average_maxrgb, 5000);
	cr_assert_eq(w->num_percentiles, 9);
	for (int i = 0; i < 9; i++) {
		cr_assert_eq(w->percentage[i], pct[i]);
		cr_assert_eq(w->percentile[i], pct[i] * 100u);
	}
	cr_assert_eq(w->fraction_bright_pixels, 12);
	cr_assert(w->tone_mapping);
	cr_assert_eq(w->knee_point_x, 1000);
	cr_assert_eq(w->knee_point_y, 1200);
	cr_assert_eq(w->num_anchors, 9);
	for (int i = 0; i < 9; i++)
		cr_assert_eq(w->anchors[i], 100 * (i + 1));
	cr_assert(!w->color_saturation_mapping);
}

Test(hdr10plus, vector_in_2108_packet)
{
	uint8_t b[255];
	struct sdi8k_st2108_frame f[4];
	struct sdi8k_hdr10plus m;
	int n = payload_of(vec_2108_hdr10plus, NWORDS(vec_2108_hdr10plus), b);

	cr_assert_eq(sdi8k_st2108_parse(b, (size_t)n, f, 4), 1);
	cr_assert_eq(f[0].frame_type, SDI8K_ST2108_TYPE_HDR10PLUS);
	cr_assert_eq(f[0].sei_type, 4);
	cr_assert_eq(f[0].size, sizeof(vec_t35));
	cr_assert_arr_eq(f[0].payload, vec_t35, sizeof(vec_t35));
	cr_assert_eq(sdi8k_hdr10plus_decode(f[0].payload, f[0].size, &m), 0, "%s",
		     sdi8k_last_error());
	expect_doc_vector(&m);
}

Test(hdr10plus, encode_reproduces_vector)
{
	struct sdi8k_hdr10plus m;
	uint8_t out[SDI8K_HDR10P_MAX_SIZE];

	cr_assert_eq(sdi8k_hdr10plus_decode(vec_t35, sizeof(vec_t35), &m), 0);
	cr_assert_eq(sdi8k_hdr10plus_encode(&m, out, sizeof(out)), (int)sizeof(vec_t35));
	cr_assert_arr_eq(out, vec_t35, sizeof(vec_t35));
	cr_assert_eq(sdi8k_hdr10plus_encode(&m, out, sizeof(vec_t35) - 1), -ENOSPC);
}

/* a random valid metadata set, every optional part used */
static void random_meta(struct sdi8k_hdr10plus *m, uint64_t *s)
{
	memset(m, 0, sizeof(*m));
	m->application_version = (uint8_t)(rnd64(s) % 2);
	m->num_windows = (uint8_t)(1 + rnd64(s) % 3);
	m->targeted_max_luminance = (uint32_t)(rnd64(s) % 10001);
	for (int k = 0; k < 2; k++) {
		struct sdi8k_hdr10p_peak_table *t = k ? &m->mastering_peak : &m->targeted_peak;

		t->present = rnd64(s) % 2;
		if (!t->present)
			continue;
		t->rows = (uint8_t)(2 + rnd64(s) % 24);
		t->cols = (uint8_t)(2 + rnd64(s) % 24);
		for (int i = 0; i < t->rows; i++)
			for (int j = 0; j < t->cols; j++)
				t->value[i][j] = (uint8_t)(rnd64(s) % 16);
	}
	for (int w = 0; w < m->num_windows; w++) {
		struct sdi8k_hdr10p_window *win = &m->window[w];

		if (w) {
			win->geometry.upper_left_x = (uint16_t)rnd64(s);
			win->geometry.lower_right_y = (uint16_t)rnd64(s);
			win->geometry.center_x = (uint16_t)rnd64(s);
			win->geometry.rotation_angle = (uint8_t)rnd64(s);
			win->geometry.semiminor_external = (uint16_t)rnd64(s);
			win->geometry.overlap_process_option = rnd64(s) % 2;
		}
		for (int i = 0; i < 3; i++)
			win->maxscl[i] = (uint32_t)(rnd64(s) % 100001);
		win->average_maxrgb = (uint32_t)(rnd64(s) % 100001);
		win->num_percentiles = (uint8_t)(rnd64(s) % 16);
		for (int i = 0; i < win->num_percentiles; i++) {
			win->percentage[i] = (uint8_t)(rnd64(s) % 101);
			win->percentile[i] = (uint32_t)(rnd64(s) % 100001);
		}
		win->fraction_bright_pixels = (uint16_t)(rnd64(s) % 1001);
		win->tone_mapping = rnd64(s) % 2;
		if (win->tone_mapping) {
			win->knee_point_x = (uint16_t)(rnd64(s) % 4096);
			win->knee_point_y = (uint16_t)(rnd64(s) % 4096);
			win->num_anchors = (uint8_t)(rnd64(s) % 16);
			for (int i = 0; i < win->num_anchors; i++)
				win->anchors[i] = (uint16_t)(rnd64(s) % 1024);
		}
		win->color_saturation_mapping = rnd64(s) % 2;
		if (win->color_saturation_mapping)
			win->color_saturation_weight = (uint8_t)(rnd64(s) % 64);
	}
}

Test(hdr10plus, random_round_trips)
{
	static struct sdi8k_hdr10plus m, d;
	uint8_t out[SDI8K_HDR10P_MAX_SIZE];
	uint64_t s = 7;

	for (int iter = 0; iter < 3000; iter++) {
		int n;

		random_meta(&m, &s);
		n = sdi8k_hdr10plus_encode(&m, out, sizeof(out));
		cr_assert_gt(n, 0, "%s", sdi8k_last_error());
		cr_assert_eq(sdi8k_hdr10plus_decode(out, (size_t)n, &d), 0, "iter %d: %s",
			     iter, sdi8k_last_error());
		cr_assert_eq(memcmp(&m, &d, sizeof(m)), 0, "iter %d differs", iter);
		/* every truncation is refused */
		if (iter % 50 == 0)
			for (int k = 0; k < n; k++)
				cr_assert_eq(sdi8k_hdr10plus_decode(out, (size_t)k, &d),
					     -EOVERFLOW, "iter %d len %d/%d", iter, k, n);
	}
}

Test(hdr10plus, every_truncation_of_the_vector)
{
	struct sdi8k_hdr10plus m;

	for (size_t k = 0; k < sizeof(vec_t35); k++) {
		cr_assert_eq(sdi8k_hdr10plus_decode(vec_t35, k, &m), -EOVERFLOW, "len %zu", k);
		cr_assert(strstr(sdi8k_last_error(), "truncated"), "%s", sdi8k_last_error());
	}
}

/* set `bits` bits at bit offset `pos` of a copy of the vector to v */
static void poke(uint8_t *b, size_t pos, unsigned bits, uint32_t v)
{
	for (unsigned i = 0; i < bits; i++) {
		size_t p = pos + i;
		unsigned bit = (v >> (bits - 1 - i)) & 1;

		b[p / 8] = (uint8_t)((b[p / 8] & ~(0x80 >> (p % 8))) | bit << (7 - p % 8));
	}
}

/* bit offsets in vec_t35 */
#define OFF_VERSION	48
#define OFF_NUM_WIN	56
#define OFF_TARGET	58
#define OFF_MAXSCL0	86
#define OFF_NUM_PCT	(86 + 4 * 17)
#define OFF_PCT0	(OFF_NUM_PCT + 4)

static int decode_poked(size_t pos, unsigned bits, uint32_t v)
{
	uint8_t b[sizeof(vec_t35)];
	struct sdi8k_hdr10plus m;

	memcpy(b, vec_t35, sizeof(b));
	poke(b, pos, bits, v);
	return sdi8k_hdr10plus_decode(b, sizeof(b), &m);
}

Test(hdr10plus, counts_and_values_out_of_range)
{
	cr_assert_eq(decode_poked(OFF_NUM_WIN, 2, 1), 0);	/* unchanged: valid */
	cr_assert_eq(decode_poked(OFF_NUM_WIN, 2, 0), -EPROTO);
	cr_assert(strstr(sdi8k_last_error(), "0 windows"), "%s", sdi8k_last_error());
	cr_assert_eq(decode_poked(OFF_VERSION, 8, 2), -EPROTO);
	cr_assert_eq(decode_poked(OFF_TARGET, 27, 10001), -EPROTO);
	cr_assert(strstr(sdi8k_last_error(), "10000"), "%s", sdi8k_last_error());
	cr_assert_eq(decode_poked(OFF_TARGET, 27, 10000), 0);
	cr_assert_eq(decode_poked(OFF_MAXSCL0, 17, 100001), -EPROTO);
	cr_assert(strstr(sdi8k_last_error(), "maxscl[0]"), "%s", sdi8k_last_error());
	cr_assert_eq(decode_poked(OFF_PCT0, 7, 101), -EPROTO);
	cr_assert(strstr(sdi8k_last_error(), "percentage 101"), "%s", sdi8k_last_error());
	/* more percentiles than the payload holds */
	cr_assert_eq(decode_poked(OFF_NUM_PCT, 4, 15), -EOVERFLOW);
	/* wrong T.35 codes */
	cr_assert_eq(decode_poked(0, 8, 0xb4), -EPROTO);
	cr_assert_eq(decode_poked(40, 8, 5), -EPROTO);
}

Test(hdr10plus, peak_table_size_bounds)
{
	/* a targeted-display peak table of 26 rows: flag at bit OFF_TARGET + 27 */
	uint8_t b[400] = { 0 };
	struct sdi8k_hdr10plus m;

	memcpy(b, vec_t35, OFF_TARGET / 8 + 4);
	poke(b, OFF_TARGET + 27, 1, 1);
	poke(b, OFF_TARGET + 28, 5, 26);
	poke(b, OFF_TARGET + 33, 5, 2);
	cr_assert_eq(sdi8k_hdr10plus_decode(b, sizeof(b), &m), -EPROTO);
	cr_assert(strstr(sdi8k_last_error(), "26x2"), "%s", sdi8k_last_error());
	poke(b, OFF_TARGET + 28, 5, 1);
	cr_assert_eq(sdi8k_hdr10plus_decode(b, sizeof(b), &m), -EPROTO);
	/* encode refuses the same */
	random_meta(&m, &(uint64_t){ 3 });
	m.targeted_peak.present = true;
	m.targeted_peak.rows = 26;
	m.targeted_peak.cols = 2;
	cr_assert_eq(sdi8k_hdr10plus_encode(&m, b, sizeof(b)), -EINVAL);
}

Test(hdr10plus, trailing_bytes)
{
	uint8_t b[sizeof(vec_t35) + 1];
	struct sdi8k_hdr10plus m;

	memcpy(b, vec_t35, sizeof(vec_t35));
	b[sizeof(vec_t35)] = 0;
	cr_assert_eq(sdi8k_hdr10plus_decode(b, sizeof(b), &m), -EPROTO);
	cr_assert(strstr(sdi8k_last_error(), "trailing"), "%s", sdi8k_last_error());
}

Test(hdr10plus, encode_checks_fields)
{
	struct sdi8k_hdr10plus m;
	uint8_t out[SDI8K_HDR10P_MAX_SIZE];

	cr_assert_eq(sdi8k_hdr10plus_decode(vec_t35, sizeof(vec_t35), &m), 0);
	m.window[0].num_anchors = 16;
	cr_assert_eq(sdi8k_hdr10plus_encode(&m, out, sizeof(out)), -EINVAL);
	m.window[0].num_anchors = 9;
	m.window[0].anchors[3] = 1024;
	cr_assert_eq(sdi8k_hdr10plus_encode(&m, out, sizeof(out)), -EINVAL);
	m.window[0].anchors[3] = 400;
	m.window[0].num_percentiles = 16;
	cr_assert_eq(sdi8k_hdr10plus_encode(&m, out, sizeof(out)), -EINVAL);
	m.window[0].num_percentiles = 9;
	m.num_windows = 4;
	cr_assert_eq(sdi8k_hdr10plus_encode(&m, out, sizeof(out)), -EINVAL);
	m.num_windows = 1;
	cr_assert_eq(sdi8k_hdr10plus_encode(&m, out, sizeof(out)), (int)sizeof(vec_t35));
}
