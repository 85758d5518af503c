// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * sdi8k-capture through a signal loss (utils/capture/gap.c, included as
 * source): the black fill frame in every format it writes (checked by
 * converting it to planar 10-bit with the library), the pacing of fill
 * frames, the time code counted through a gap, the numbered part names.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "capture/gap.c"

static void *frame_alloc(struct sdi8k_frame *f, enum sdi8k_pixfmt fmt, uint32_t w,
			 uint32_t h, size_t pad)
{
	size_t ms[SDI8K_MAX_PLANES], lines[SDI8K_MAX_PLANES], total = 0;
	int planes = sdi8k_frame_layout(fmt, w, h, ms, lines, NULL, NULL);
	uint8_t *buf, *p;

	cr_assert_gt(planes, 0);
	for (int i = 0; i < planes; i++)
		total += (ms[i] + pad) * lines[i];
	buf = malloc(total);
	cr_assert_not_null(buf);
	memset(buf, 0xa5, total);
	memset(f, 0, sizeof(*f));
	f->format = fmt;
	f->width = w;
	f->height = h;
	p = buf;
	for (int i = 0; i < planes; i++) {
		f->data[i] = p;
		f->stride[i] = ms[i] + pad;
		p += f->stride[i] * lines[i];
	}
	return buf;
}

/* black of fmt, read back as yuv422p10 / yuv420p10: every sample right */
static void check_black(enum sdi8k_pixfmt fmt, int full)
{
	const uint32_t w = 1920 / 4 + 6 * 3, h = 16;	/* not a multiple of 48 */
	enum sdi8k_pixfmt to = fmt == SDI8K_FMT_P010 || fmt == SDI8K_FMT_YUV420P10 ?
			       SDI8K_FMT_YUV420P10 : SDI8K_FMT_YUV422P10;
	struct sdi8k_frame src, dst;
	void *a = frame_alloc(&src, fmt, w, h, 64);
	void *b = frame_alloc(&dst, to, w, h, 0);
	size_t lines[SDI8K_MAX_PLANES], ms[SDI8K_MAX_PLANES];
	int planes = sdi8k_frame_layout(to, w, h, ms, lines, NULL, NULL);

	cr_assert_eq(gap_fill_black(&src, full), 0, "%s", sdi8k_format_name(fmt));
	if (fmt == to) {
		dst = src;	/* already planar: read it as it is */
	} else {
		cr_assert_eq(sdi8k_convert(&src, &dst, NULL), 0, "%s: %s",
			     sdi8k_format_name(fmt), sdi8k_last_error());
	}
	for (int i = 0; i < planes; i++)
		for (size_t l = 0; l < lines[i]; l++) {
			const uint16_t *p = (const uint16_t *)((uint8_t *)dst.data[i] +
							       l * dst.stride[i]);

			for (size_t x = 0; x < ms[i] / 2; x++) {
				unsigned want = i ? 512 : full ? 0 : 64;

				/* 8-bit 16 and 128 come out as 64 and 512 */
				cr_assert_eq(p[x], want, "%s%s plane %d line %zu x %zu: %u",
					     sdi8k_format_name(fmt), full ? " full" : "", i,
					     l, x, p[x]);
			}
		}
	free(a);
	free(b);
}

Test(capture_gap, black_every_format)
{
	static const enum sdi8k_pixfmt f[] = {
		SDI8K_FMT_V210, SDI8K_FMT_Y210, SDI8K_FMT_P010, SDI8K_FMT_UYVY,
		SDI8K_FMT_YUYV, SDI8K_FMT_NV16, SDI8K_FMT_YUV422P10, SDI8K_FMT_YUV420P10,
	};

	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		check_black(f[i], 0);
		check_black(f[i], 1);
	}
}

Test(capture_gap, black_raw_bytes)
{
	struct sdi8k_frame f;
	uint8_t *b = frame_alloc(&f, SDI8K_FMT_UYVY, 8, 2, 0);
	uint32_t w0;

	cr_assert_eq(gap_fill_black(&f, 0), 0);
	cr_assert_eq(b[0], 128);
	cr_assert_eq(b[1], 16);
	cr_assert_eq(b[2], 128);
	free(b);
	b = frame_alloc(&f, SDI8K_FMT_V210, 48, 1, 0);
	cr_assert_eq(gap_fill_black(&f, 0), 0);
	w0 = b[0] | b[1] << 8 | b[2] << 16 | (uint32_t)b[3] << 24;
	cr_assert_eq(w0, 512u | 64u << 10 | 512u << 20);
	free(b);
}

Test(capture_gap, black_refuses)
{
	struct sdi8k_frame f;
	uint8_t *b = frame_alloc(&f, SDI8K_FMT_UYVY, 8, 2, 0);

	f.format = SDI8K_FMT_BGRA;
	cr_assert_eq(gap_fill_black(&f, 0), -EINVAL);
	f.format = SDI8K_FMT_UYVY;
	f.stride[0] = 4;
	cr_assert_eq(gap_fill_black(&f, 0), -EINVAL);
	f.stride[0] = 16;
	f.data[0] = NULL;
	cr_assert_eq(gap_fill_black(&f, 0), -EINVAL);
	free(b);
}

Test(capture_gap, pacing)
{
	/* 25 fps: one at 0, the second at 40 ms */
	cr_assert_eq(gap_frames_due(0, 25, 1), 1);
	cr_assert_eq(gap_frames_due(39999999, 25, 1), 1);
	cr_assert_eq(gap_frames_due(40000000, 25, 1), 2);
	cr_assert_eq(gap_frames_due(1000000000, 25, 1), 26);
	/* 59.94: 60000 frames in 1001 s exactly */
	cr_assert_eq(gap_frames_due(1001000000000ull, 60000, 1001), 60001);
	cr_assert_eq(gap_frames_due(1001000000000ull - 1, 60000, 1001), 60000);
	cr_assert_eq(gap_frames_due(12345, 0, 1), 0);
	cr_assert_eq(gap_frames_due(12345, 25, 0), 0);
	/* the time of frame n is the first at which n + 1 are due */
	for (uint64_t n = 0; n < 5000; n += 7) {
		uint64_t t = gap_frame_time_ns(n, 30000, 1001);

		cr_assert_eq(gap_frames_due(t, 30000, 1001), n + 1, "n %llu",
			     (unsigned long long)n);
		if (t)
			cr_assert_eq(gap_frames_due(t - 1, 30000, 1001), n);
	}
	/* a day at 120 fps does not overflow */
	cr_assert_eq(gap_frames_due(86400ull * 1000000000u, 120, 1), 86400ull * 120 + 1);
	cr_assert_eq(gap_frame_time_ns(25, 25, 1), 1000000000u);
}

static void tc_is(const struct gap_tc *t, const char *want, int mark)
{
	char b[16];

	gap_tc_text(t, b);
	cr_assert_str_eq(b, want);
	cr_assert_eq(t->field_mark, mark, "%s mark", want);
}

Test(capture_gap, timecode)
{
	struct gap_tc t;

	gap_tc_init(&t, 0, 0, 59, 24, 0, 0, 25, 1);
	gap_tc_add(&t, 1);
	tc_is(&t, "00:01:00:00", 0);
	gap_tc_add(&t, 25 * 60 * 59);
	tc_is(&t, "01:00:00:00", 0);
	gap_tc_init(&t, 23, 59, 59, 24, 0, 0, 25, 1);
	gap_tc_add(&t, 1);
	tc_is(&t, "00:00:00:00", 0);

	/* 29.97 drop frame: 00:00:59;29 -> 00:01:00;02; not at minute 10 */
	gap_tc_init(&t, 0, 0, 59, 29, 0, 1, 30000, 1001);
	gap_tc_add(&t, 1);
	tc_is(&t, "00:01:00;02", 0);
	gap_tc_init(&t, 0, 9, 59, 29, 0, 1, 30000, 1001);
	gap_tc_add(&t, 1);
	tc_is(&t, "00:10:00;00", 0);
	/* ten minutes of drop frame are 17982 frames */
	gap_tc_init(&t, 0, 0, 0, 0, 0, 1, 30000, 1001);
	gap_tc_add(&t, 17982);
	tc_is(&t, "00:10:00;00", 0);
	/* drop frame asked at 25 fps: ignored */
	gap_tc_init(&t, 0, 0, 0, 0, 0, 1, 25, 1);
	cr_assert_eq(t.drop, 0);

	/* 50p: a label covers two frames, the field mark the second */
	gap_tc_init(&t, 0, 0, 0, 24, 0, 0, 50, 1);
	gap_tc_add(&t, 1);
	tc_is(&t, "00:00:00:24", 1);
	gap_tc_add(&t, 1);
	tc_is(&t, "00:00:01:00", 0);
	gap_tc_add(&t, 100);
	tc_is(&t, "00:00:03:00", 0);
	{
		char b[16];

		gap_tc_add(&t, 3);
		gap_tc_text_ff(&t, b);
		cr_assert_str_eq(b, "00:00:03:03");
		gap_tc_text(&t, b);
		cr_assert_str_eq(b, "00:00:03:01");
	}
	/* 59.94 drop */
	gap_tc_init(&t, 0, 0, 59, 29, 1, 1, 60000, 1001);
	gap_tc_add(&t, 1);
	tc_is(&t, "00:01:00;02", 0);
}

Test(capture_gap, part_names)
{
	char b[64];

	cr_assert_eq(gap_part_name("rec.mkv", 1, b, sizeof(b)), 0);
	cr_assert_str_eq(b, "rec-001.mkv");
	cr_assert_eq(gap_part_name("/tmp/a.b/rec.tar.mov", 12, b, sizeof(b)), 0);
	cr_assert_str_eq(b, "/tmp/a.b/rec.tar-012.mov");
	cr_assert_eq(gap_part_name("/tmp/a.b/rec", 2, b, sizeof(b)), 0);
	cr_assert_str_eq(b, "/tmp/a.b/rec-002");
	cr_assert_eq(gap_part_name(".hidden", 3, b, sizeof(b)), 0);
	cr_assert_str_eq(b, ".hidden-003");
	cr_assert_eq(gap_part_name("x.raw", 1234, b, sizeof(b)), 0);
	cr_assert_str_eq(b, "x-1234.raw");
	cr_assert_eq(gap_part_name("rec.mkv", 1, b, 11), -ENAMETOOLONG);
	cr_assert_eq(gap_part_name("rec.mkv", 1, b, 12), 0);
}
