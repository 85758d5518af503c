// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The tools' Y4M code (utils/common/y4m.c, included as source): headers
 * written and parsed back, malformed headers refused with a reason, frame
 * payloads packed and unpacked bit for bit in every Y4M format, odd sizes,
 * the 10-bit samples kept in the LOW bits, the line reader's limits.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "common/y4m.c"
#include "helpers.h"

Test(y4m_header, write_then_parse)
{
	static const struct {
		enum sdi8k_pixfmt fmt;
		const char *tag;
	} cases[] = {
		{ SDI8K_FMT_YUV422P10, " C422p10 " },
		{ SDI8K_FMT_YUV420P10, " C420p10 " },
		{ SDI8K_FMT_NV16, " C422 " },
		{ SDI8K_FMT_NV12, " C420mpeg2 " },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct y4m_info in = { 1920, 1080, 30000, 1001, 't', 1, 1, cases[i].fmt, 0 };
		struct y4m_info out;
		char buf[Y4M_MAX_HEADER], msg[128];
		int n = y4m_header(&in, buf, sizeof(buf));

		cr_assert_gt(n, 0);
		cr_assert_eq(buf[n - 1], '\n');
		cr_assert(strstr(buf, cases[i].tag), "%s has %s", buf, cases[i].tag);
		cr_assert(!strncmp(buf, "YUV4MPEG2 W1920 H1080 F30000:1001 It A1:1 ", 42), "%s", buf);
		cr_assert_eq(y4m_parse_header(buf, &out, msg, sizeof(msg)), 0, "%s", msg);
		cr_assert_eq(out.width, 1920);
		cr_assert_eq(out.height, 1080);
		cr_assert_eq(out.rate_num, 30000);
		cr_assert_eq(out.rate_den, 1001);
		cr_assert_eq(out.interlace, 't');
		cr_assert_eq(out.sar_num, 1);
		cr_assert_eq(out.format, cases[i].fmt);
	}
}

Test(y4m_header, refuses_formats_y4m_cannot_carry)
{
	static const enum sdi8k_pixfmt no[] = { SDI8K_FMT_V210, SDI8K_FMT_P010,
		SDI8K_FMT_Y210, SDI8K_FMT_P210, SDI8K_FMT_UYVY, SDI8K_FMT_BGRA };
	char buf[Y4M_MAX_HEADER];

	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		struct y4m_info in = { 64, 64, 25, 1, 'p', 1, 1, no[i], 0 };

		cr_assert_eq(y4m_header(&in, buf, sizeof(buf)), -EINVAL, "%d", no[i]);
		cr_assert_not(y4m_format_ok(no[i]));
	}
	{
		struct y4m_info in = { 64, 64, 25, 1, 'p', 1, 1, SDI8K_FMT_YUV422P10, 0 };

		cr_assert_eq(y4m_header(&in, buf, 10), -EINVAL, "too small a buffer");
		in.rate_den = 0;
		cr_assert_eq(y4m_header(&in, buf, sizeof(buf)), -EINVAL);
	}
}

Test(y4m_header, ffmpeg_style_and_defaults)
{
	struct y4m_info o;
	char msg[128];

	cr_assert_eq(y4m_parse_header("YUV4MPEG2 W3840 H2160 F60000:1001 Ip A1:1 C422p10 "
				      "XYSCSS=422P10 XCOLORRANGE=LIMITED\n", &o, msg,
				      sizeof(msg)), 0, "%s", msg);
	cr_assert_eq(o.format, SDI8K_FMT_YUV422P10);
	cr_assert_eq(o.width, 3840);
	/* no F, I, C: 25 fps, progressive, 4:2:0 8-bit */
	cr_assert_eq(y4m_parse_header("YUV4MPEG2 W16 H8", &o, msg, sizeof(msg)), 0, "%s", msg);
	cr_assert_eq(o.rate_num, 25);
	cr_assert_eq(o.interlace, 'p');
	cr_assert_eq(o.format, SDI8K_FMT_NV12);
	cr_assert_eq(y4m_parse_header("YUV4MPEG2 W16 H8 C420jpeg Ib", &o, msg, sizeof(msg)), 0);
	cr_assert_eq(o.interlace, 'b');
}

/* the colour range: written as the capture says, read back, default limited */
Test(y4m_header, color_range)
{
	struct y4m_info in = { 1920, 1080, 50, 1, 'p', 1, 1, SDI8K_FMT_YUV422P10, 1 };
	struct y4m_info o;
	char buf[Y4M_MAX_HEADER], msg[128];

	cr_assert_gt(y4m_header(&in, buf, sizeof(buf)), 0);
	cr_assert_not_null(strstr(buf, " XCOLORRANGE=FULL\n"), "%s", buf);
	cr_assert_eq(y4m_parse_header(buf, &o, msg, sizeof(msg)), 0, "%s", msg);
	cr_assert_eq(o.full_range, 1);
	in.full_range = 0;
	cr_assert_gt(y4m_header(&in, buf, sizeof(buf)), 0);
	cr_assert_not_null(strstr(buf, " XCOLORRANGE=LIMITED\n"), "%s", buf);
	cr_assert_eq(y4m_parse_header(buf, &o, msg, sizeof(msg)), 0, "%s", msg);
	cr_assert_eq(o.full_range, 0);
	cr_assert_eq(y4m_parse_header("YUV4MPEG2 W16 H8 XCOLORRANGE=FULLX", &o, msg,
				      sizeof(msg)), 0, "%s", msg);
	cr_assert_eq(o.full_range, 0, "only the exact tag");
}

Test(y4m_header, malformed)
{
	static const struct {
		const char *line;
		int err;
		const char *says;
	} bad[] = {
		{ "", -EPROTO, "not a YUV4MPEG2" },
		{ "RIFF....", -EPROTO, "not a YUV4MPEG2" },
		{ "YUV4MPEG2X W16 H8", -EPROTO, "not a YUV4MPEG2" },
		{ "YUV4MPEG2 H8", -EPROTO, "without W" },
		{ "YUV4MPEG2 W16", -EPROTO, "without H" },
		{ "YUV4MPEG2 W0 H8", -EPROTO, "W0" },
		{ "YUV4MPEG2 W16x H8", -EPROTO, "W16x" },
		{ "YUV4MPEG2 W99999 H8", -EPROTO, "W99999" },
		{ "YUV4MPEG2 W16 H8 F30", -EPROTO, "frame rate" },
		{ "YUV4MPEG2 W16 H8 F30:0", -EPROTO, "frame rate" },
		{ "YUV4MPEG2 W16 H8 Ix", -EPROTO, "interlacing" },
		{ "YUV4MPEG2 W16 H8 Q1", -EPROTO, "unknown" },
		{ "YUV4MPEG2 W16 H8 C444p10", -ENOTSUP, "C444p10" },
		{ "YUV4MPEG2 W16 H8 Cmono", -ENOTSUP, "Cmono" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct y4m_info o;
		char msg[128] = "";

		cr_assert_eq(y4m_parse_header(bad[i].line, &o, msg, sizeof(msg)), bad[i].err,
			     "\"%s\"", bad[i].line);
		cr_assert(strstr(msg, bad[i].says), "\"%s\": message \"%s\" lacks \"%s\"",
			  bad[i].line, msg, bad[i].says);
	}
}

/* payload sizes: planes back to back, chroma rounded up */
Test(y4m_payload, sizes)
{
	struct y4m_info i = { 1920, 1080, 25, 1, 'p', 1, 1, SDI8K_FMT_YUV422P10, 0 };

	cr_assert_eq(y4m_frame_payload(&i), 1920 * 1080 * 2 * 2);
	i.format = SDI8K_FMT_YUV420P10;
	cr_assert_eq(y4m_frame_payload(&i), 1920 * 1080 * 2 * 3 / 2);
	i.format = SDI8K_FMT_NV16;
	cr_assert_eq(y4m_frame_payload(&i), 1920 * 1080 * 2);
	i.format = SDI8K_FMT_NV12;
	i.width = 7;
	i.height = 5;
	cr_assert_eq(y4m_frame_payload(&i), 35 + 2 * 4 * 3);
	/* 10-bit: the packed yuv4xxp10 frame of libsdi8k is the payload */
	i.format = SDI8K_FMT_YUV420P10;
	cr_assert_eq(y4m_frame_payload(&i), sdi8k_frame_size(SDI8K_FMT_YUV420P10, 7, 5));
}

/* pack then unpack, strided frames with canaries: same samples back */
static void roundtrip(enum sdi8k_pixfmt fmt, uint32_t w, uint32_t h)
{
	struct y4m_info info = { w, h, 25, 1, 'p', 1, 1, fmt, 0 };
	size_t n = y4m_frame_payload(&info);
	uint8_t *payload = malloc(n);
	struct tframe a, b;
	int pl, ln;
	long col;

	tframe_alloc(&a, fmt, w, h, EXTRA);
	tframe_alloc(&b, fmt, w, h, EXTRA);
	tframe_fill(&a, FILL_RANDOM, 0x1234 + w * 7 + h);
	cr_assert_eq(y4m_pack(&a.f, payload), 0);
	cr_assert_eq(y4m_unpack(payload, &b.f), 0);
	cr_assert_eq(tframe_diff(&a, &b, &pl, &ln, &col), -1, "%s %ux%u round trip: plane %d line %d col %ld",
		     sdi8k_format_name(fmt), w, h, pl, ln, col);
	cr_assert(tframe_canaries_ok(&b), "unpack wrote past a line");
	if (fmt == SDI8K_FMT_NV16 || fmt == SDI8K_FMT_NV12) {
		/* planar in the stream: Cb plane then Cr plane */
		const uint8_t *cb = payload + (size_t)w * h;
		const uint8_t *uv = a.f.data[1];

		cr_assert_eq(cb[0], uv[0]);
		size_t ch = fmt == SDI8K_FMT_NV12 ? (h + 1) / 2 : h;

		cr_assert_eq(cb[(size_t)(w + 1) / 2 * ch], uv[1], "first Cr");
	} else {
		/* low-bit words: identical to the frame, no shift */
		cr_assert_eq(memcmp(payload, a.f.data[0], (size_t)w * 2), 0);
	}
	free(payload);
	tframe_free(&a);
	tframe_free(&b);
}

Test(y4m_payload, roundtrip_every_format_and_odd_sizes)
{
	static const enum sdi8k_pixfmt fmts[] = { SDI8K_FMT_YUV422P10, SDI8K_FMT_YUV420P10,
						  SDI8K_FMT_NV16, SDI8K_FMT_NV12 };
	static const uint32_t sizes[][2] = { { 1, 1 }, { 7, 5 }, { 64, 2 }, { 1920, 9 } };

	for (size_t f = 0; f < 4; f++)
		for (size_t s = 0; s < 4; s++)
			roundtrip(fmts[f], sizes[s][0], sizes[s][1]);
}

Test(y4m_lines, reader_limits)
{
	char buf[16];
	FILE *fp = fmemopen((char *)"FRAME\nFRAME Ixyz\n0123456789abcdefghij\nend", 44, "r");

	cr_assert_not_null(fp);
	cr_assert_eq(y4m_read_line(fp, buf, sizeof(buf)), 5);
	cr_assert_str_eq(buf, "FRAME");
	cr_assert_eq(y4m_read_line(fp, buf, sizeof(buf)), 10);
	cr_assert_eq(y4m_read_line(fp, buf, sizeof(buf)), -EPROTO, "line too long");
	fclose(fp);
	fp = fmemopen((char *)"cut", 3, "r");
	cr_assert_eq(y4m_read_line(fp, buf, sizeof(buf)), -EPROTO, "no newline at the end");
	fclose(fp);
	fp = fmemopen((char *)"", 1, "r");
	cr_assert_eq(y4m_read_line(fp, buf, sizeof(buf)), -EPROTO, "a NUL byte");
	fclose(fp);
}
