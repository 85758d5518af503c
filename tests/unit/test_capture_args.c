// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * sdi8k-capture's argument parsing (utils/capture/options.c, included as
 * source): defaults, Y4M by extension, the Y4M format rules (10-bit
 * samples go into C422p10 / C420p10), and every bad argument refused with
 * a message naming it.
 */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <errno.h>
#include <string.h>

#include "capture/options.c"
#include "common/parse.c"
#include "common/y4m.c"

#define ARGV(...) ((char *[]){ "sdi8k-capture", __VA_ARGS__, NULL })
#define ARGC(...) ((int)(sizeof((char *[]){ "sdi8k-capture", __VA_ARGS__ }) / sizeof(char *)))
#define PARSE(o, msg, ...) \
	capture_parse_args(ARGC(__VA_ARGS__), ARGV(__VA_ARGS__), (o), (msg), sizeof(msg))

Test(capture_args, defaults)
{
	struct capture_opts o;
	char msg[256];

	cr_assert_eq(PARSE(&o, msg, "-i", "/dev/video0", "-o", "out.raw"), 0, "%s", msg);
	cr_assert_str_eq(o.input, "/dev/video0");
	cr_assert_str_eq(o.output, "out.raw");
	cr_assert_eq(o.format, SDI8K_FMT_V210);
	cr_assert_eq(o.convert, SDI8K_FMT_NONE);
	cr_assert_eq(o.y4m, 0);
	cr_assert_eq(o.frames, 0);
	cr_assert_eq(o.buffers, 8);
	cr_assert_eq(o.progress, -1);
	cr_assert_eq(capture_output_format(&o), SDI8K_FMT_V210, "raw: as captured");
}

Test(capture_args, y4m_by_extension_and_formats)
{
	struct capture_opts o;
	char msg[256];

	cr_assert_eq(PARSE(&o, msg, "-i", "/dev/video0", "-o", "a.Y4M", "-f", "y210"), 0, "%s", msg);
	cr_assert_eq(o.y4m, 1);
	cr_assert_eq(capture_output_format(&o), SDI8K_FMT_YUV422P10);
	cr_assert_eq(PARSE(&o, msg, "-i", "/dev/video0", "-o", "-", "-y", "-f", "p010"), 0);
	cr_assert_eq(o.y4m, 1);
	cr_assert_eq(capture_output_format(&o), SDI8K_FMT_YUV420P10, "P010 -> C420p10, never high-bit words");
	cr_assert_eq(PARSE(&o, msg, "-i", "/dev/video0", "-o", "-", "-y", "-f", "uyvy"), 0);
	cr_assert_eq(capture_output_format(&o), SDI8K_FMT_NV16, "8-bit 4:2:2 -> C422");
	cr_assert_eq(PARSE(&o, msg, "-i", "/dev/video0", "-o", "a.y4m", "--raw"), 0);
	cr_assert_eq(o.y4m, 0);
	cr_assert_eq(PARSE(&o, msg, "-i", "/dev/video0", "-o", "-", "--raw"), 0);
	cr_assert_eq(o.y4m, 0);
	cr_assert_eq(PARSE(&o, msg, "-i", "/dev/video0", "-o", "-", "-y", "-c", "yuv420p10le"), 0);
	cr_assert_eq(capture_output_format(&o), SDI8K_FMT_YUV420P10);
	cr_assert_eq(PARSE(&o, msg, "-i", "x/y", "-o", "f", "-c", "bgra", "-n", "5", "-t", "2.5",
			   "-b", "32", "--timeout", "100", "--threads", "3", "-q", "--dmabuf"), 0, "%s", msg);
	cr_assert_eq(o.convert, SDI8K_FMT_BGRA);
	cr_assert_eq(o.frames, 5);
	cr_assert_float_eq(o.seconds, 2.5, 1e-9);
	cr_assert_eq(o.buffers, 32);
	cr_assert_eq(o.timeout_ms, 100);
	cr_assert_eq(o.threads, 3);
	cr_assert_eq(o.progress, 0);
	cr_assert_eq(o.dmabuf, 1);
}

Test(capture_args, containers)
{
	struct capture_opts o;
	enum sdi8k_pixfmt conv;
	char msg[256];
	int pix;

	cr_assert_eq(PARSE(&o, msg, "-i", "/dev/video0", "-o", "-"), 0, "%s", msg);
	cr_assert_eq(o.container, AVW_MKV, "Matroska by default on stdout");
	cr_assert_eq(o.y4m, 0);
	cr_assert_eq(o.codec, AVW_UNCOMPRESSED);
	cr_assert_eq(capture_container_formats(&o, &conv, &pix, msg, sizeof(msg)), 0);
	cr_assert_eq(conv, SDI8K_FMT_NONE, "v210 goes in as it is");
	cr_assert_eq(pix, AVW_PIX_V210);
	cr_assert_eq(PARSE(&o, msg, "-i", "/dev/video0", "-o", "a.MOV", "-f", "y210"), 0, "%s", msg);
	cr_assert_eq(o.container, AVW_MOV);
	cr_assert_eq(capture_container_formats(&o, &conv, &pix, msg, sizeof(msg)), 0);
	cr_assert_eq(conv, SDI8K_FMT_V210);
	cr_assert_eq(PARSE(&o, msg, "-i", "/dev/video0", "-o", "a.mkv", "-f", "p010",
			   "--codec", "ffv1"), 0, "%s", msg);
	cr_assert_eq(o.container, AVW_MKV);
	cr_assert_eq(o.codec, AVW_FFV1);
	cr_assert_eq(capture_container_formats(&o, &conv, &pix, msg, sizeof(msg)), 0);
	cr_assert_eq(conv, SDI8K_FMT_YUV420P10);
	cr_assert_eq(pix, AVW_PIX_YUV420P10);
	cr_assert_eq(PARSE(&o, msg, "-i", "/dev/video0", "-o", "clip", "-F", "mov", "-f", "uyvy"),
		     0, "%s", msg);
	cr_assert_eq(o.container, AVW_MOV);
	cr_assert_eq(capture_container_formats(&o, &conv, &pix, msg, sizeof(msg)), 0);
	cr_assert_eq(pix, AVW_PIX_UYVY);
	cr_assert_eq(PARSE(&o, msg, "-i", "/dev/video0", "-o", "a.mkv", "-y"), 0, "%s", msg);
	cr_assert_eq(o.container, 0, "-y: Y4M whatever the name");
	cr_assert_eq(o.y4m, 1);
	cr_assert_eq(PARSE(&o, msg, "-i", "/dev/video0", "-o", "a.mkv", "--raw"), 0, "%s", msg);
	cr_assert_eq(o.container, 0);
	cr_assert_eq(o.y4m, 0);
	cr_assert_eq(PARSE(&o, msg, "-i", "/dev/video0", "--print-x265-params"), 0, "%s", msg);
	cr_assert_eq(o.print_x265, 1, "no output needed");

	cr_assert_eq(PARSE(&o, msg, "-i", "/dev/video0", "-o", "-", "-f", "p010"), -EINVAL);
	cr_assert_not_null(strstr(msg, "ffv1"), "%s", msg);
	cr_assert_eq(PARSE(&o, msg, "-i", "/dev/video0", "-o", "a.mkv", "-f", "uyvy",
			   "--codec", "ffv1"), -EINVAL);
	cr_assert_not_null(strstr(msg, "10-bit"), "%s", msg);
	cr_assert_eq(PARSE(&o, msg, "-i", "/dev/video0", "-o", "a.raw", "--codec", "ffv1"), -EINVAL);
	cr_assert_not_null(strstr(msg, "--codec"), "%s", msg);
	cr_assert_eq(PARSE(&o, msg, "-i", "/dev/video0", "-o", "a.mkv", "-c", "p010"), -EINVAL);
	cr_assert_not_null(strstr(msg, "--convert"), "%s", msg);
	cr_assert_eq(PARSE(&o, msg, "-i", "/dev/video0", "-o", "a", "-F", "avi"), -EINVAL);
	cr_assert_not_null(strstr(msg, "mkv or mov"), "%s", msg);
	cr_assert_eq(PARSE(&o, msg, "-i", "/dev/video0", "-o", "a.mkv", "--codec", "h264"), -EINVAL);
}

Test(capture_args, bad_arguments)
{
	static const struct {
		const char *a[6];
		const char *says;
	} bad[] = {
		{ { "-o", "x" }, "no input" },
		{ { "-i", "/dev/video0" }, "no output" },
		{ { "-i", "d/v", "-o", "x", "-f", "p210" }, "--format p210" },
		{ { "-i", "d/v", "-o", "x", "-f", "nope" }, "--format nope" },
		{ { "-i", "d/v", "-o", "x", "-c", "nope" }, "--convert nope" },
		{ { "-i", "d/v", "-o", "x.y4m", "-c", "p010" }, "cannot go into Y4M" },
		{ { "-i", "d/v", "-o", "x.y4m", "-c", "v210" }, "cannot go into Y4M" },
		{ { "-i", "d/v", "-o", "x", "-n", "0" }, "--frames 0" },
		{ { "-i", "d/v", "-o", "x", "-n", "-3" }, "--frames -3" },
		{ { "-i", "d/v", "-o", "x", "-n", "12x" }, "--frames 12x" },
		{ { "-i", "d/v", "-o", "x", "-t", "0" }, "--duration 0" },
		{ { "-i", "d/v", "-o", "x", "-t", "nan" }, "--duration nan" },
		{ { "-i", "d/v", "-o", "x", "-b", "1" }, "--buffers 1" },
		{ { "-i", "d/v", "-o", "x", "-b", "33" }, "--buffers 33" },
		{ { "-i", "d/v", "-o", "x", "--timeout", "0" }, "--timeout 0" },
		{ { "-i", "d/v", "-o", "x", "--bogus" }, "unknown option --bogus" },
		{ { "-i", "d/v", "-o", "x", "extra" }, "unexpected argument extra" },
		{ { "-i", "d/v", "-o" }, "-o needs a value" },
		{ { "-i", "d/v", "-o", "x", "--raster" }, "--raster needs a value" },
		{ { "-i", "d/v", "-o", "x", "-r", "" }, "--raster : a raster name" },
		{ { "-i", "d/v", "-o", "x", "-r", "1080" }, "--raster 1080: a raster name" },
		{ { "-i", "d/v", "-o", "x", "-r", "1080x25" }, "--raster 1080x25" },
		{ { "-i", "d/v", "-o", "x", "-r", "p25" }, "--raster p25" },
		{ { "-i", "d/v", "-o", "x", "-r", "1080p" }, "--raster 1080p:" },
		{ { "-i", "d/v", "-o", "x", "-r", "1080p25." }, "--raster 1080p25.:" },
		{ { "-i", "d/v", "-o", "x", "-r", "1080p59.9400" }, "--raster 1080p59.9400" },
		{ { "-i", "d/v", "-o", "x", "-r", "1080p25 " }, "--raster 1080p25 :" },
		{ { "-i", "d/v", "-o", "x", "-r", "1920x1080" }, "--raster 1920x1080" },
		{ { "-i", "d/v", "-o", "x", "-r", "01080p25" }, "--raster 01080p25" },
		{ { "-i", "d/v", "-o", "x", "-r", "1080p025" }, "--raster 1080p025" },
		{ { "-i", "d/v", "-o", "x", "-r", "123456p25" }, "--raster 123456p25" },
		{ { "-i", "d/v", "-o", "x", "-r", "1080p1000" }, "--raster 1080p1000" },
		{ { "-i", "d/v", "-o", "x", "-r", "-1080p25" }, "--raster -1080p25" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *argv[8] = { "sdi8k-capture" };
		struct capture_opts o;
		char msg[256] = "";
		int argc = 1;

		for (int k = 0; k < 6 && bad[i].a[k]; k++)
			argv[argc++] = (char *)bad[i].a[k];
		cr_assert_eq(capture_parse_args(argc, argv, &o, msg, sizeof(msg)), -EINVAL,
			     "case %zu accepted", i);
		cr_assert(strstr(msg, bad[i].says), "case %zu: \"%s\" lacks \"%s\"", i, msg,
			  bad[i].says);
	}
}

/* --raster: taken as spelt (the library matches it to the input's list) */
Test(capture_args, raster)
{
	static const char *const good[] = {
		"1080p25", "1080i50", "1080i59.94", "2160p59.94", "2160P23.976",
		"4320p60", "1080I60", "720p50", "99999p999.999",
	};
	struct capture_opts o;
	char msg[256];

	cr_assert_eq(PARSE(&o, msg, "-i", "/dev/video0", "-o", "x"), 0, "%s", msg);
	cr_assert_null(o.raster, "default: the detected raster");
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		cr_assert_eq(PARSE(&o, msg, "-i", "/dev/video0", "-o", "x", "--raster",
				   (char *)good[i]), 0, "%s: %s", good[i], msg);
		cr_assert_str_eq(o.raster, good[i]);
		/* what sdi8k-capture copies into the config fits with its NUL */
		cr_assert_lt(strlen(o.raster),
			     sizeof(((struct sdi8k_capture_config *)0)->raster));
	}
	cr_assert_eq(PARSE(&o, msg, "-i", "/dev/video0", "-o", "x", "-r", "1080p25",
			   "-f", "p010", "-r", "2160p50"), 0, "%s", msg);
	cr_assert_str_eq(o.raster, "2160p50", "the last one counts");
	cr_assert_eq(o.format, SDI8K_FMT_P010);
}

Test(capture_args, help_and_version, .init = cr_redirect_stdout)
{
	struct capture_opts o;
	char msg[256];

	cr_assert_eq(PARSE(&o, msg, "--help"), 1);
	cr_assert_eq(PARSE(&o, msg, "-V"), 1);
	fflush(stdout);
	cr_assert_stdout_neq_str("");
}

Test(parse, rates_and_sizes)
{
	uint32_t n, d, w, h;

	cr_assert_eq(parse_rate("59.94", &n, &d), 0);
	cr_assert(n == 60000 && d == 1001);
	cr_assert_eq(parse_rate("30000/1001", &n, &d), 0);
	cr_assert(n == 30000 && d == 1001);
	cr_assert_eq(parse_rate("25", &n, &d), 0);
	cr_assert(n == 25 && d == 1);
	cr_assert_eq(parse_rate("25/0", &n, &d), -EINVAL);
	cr_assert_eq(parse_rate("abc", &n, &d), -EINVAL);
	cr_assert_eq(parse_size("1920x1080", &w, &h), 0);
	cr_assert(w == 1920 && h == 1080);
	cr_assert_eq(parse_size("1920x", &w, &h), -EINVAL);
	cr_assert_eq(parse_size("0x10", &w, &h), -EINVAL);
	cr_assert_eq(parse_size("40000x10", &w, &h), -EINVAL);
}

Test(capture_args, on_loss_on_change)
{
	struct capture_opts o;
	char msg[256];

	cr_assert_eq(PARSE(&o, msg, "-i", "/dev/video0", "-o", "a.mkv"), 0, "%s", msg);
	cr_assert_eq(o.on_loss, CAPTURE_LOSS_FILL);
	cr_assert_eq(o.on_change, CAPTURE_CHANGE_NEW_FILE);
	cr_assert_eq(PARSE(&o, msg, "-i", "/dev/video0", "-o", "a.mkv", "--on-loss", "end",
			   "--on-change", "end"), 0, "%s", msg);
	cr_assert_eq(o.on_loss, CAPTURE_LOSS_END);
	cr_assert_eq(o.on_change, CAPTURE_CHANGE_END);
	cr_assert_eq(PARSE(&o, msg, "-i", "/dev/video0", "-o", "a.raw", "--on-loss", "fill",
			   "--on-change", "new-file"), 0, "%s", msg);
	cr_assert_eq(o.on_loss, CAPTURE_LOSS_FILL);
	cr_assert_eq(o.on_change, CAPTURE_CHANGE_NEW_FILE);
	cr_assert_eq(PARSE(&o, msg, "-i", "/dev/video0", "-o", "a.mkv", "--on-loss", "bars"),
		     -EINVAL);
	cr_assert_str_eq(msg, "--on-loss bars: fill or end");
	cr_assert_eq(PARSE(&o, msg, "-i", "/dev/video0", "-o", "a.mkv", "--on-change", "x"),
		     -EINVAL);
	cr_assert_str_eq(msg, "--on-change x: new-file or end");
}

/* --audio N: a container's track, or --audio-file beside raw / Y4M */
Test(capture_args, audio)
{
	struct capture_opts o;
	char msg[256];

	cr_assert_eq(PARSE(&o, msg, "-i", "v", "-o", "a.mkv", "-a", "16"), 0, "%s", msg);
	cr_assert_eq(o.audio, 16);
	cr_assert_null(o.audio_file);
	cr_assert_eq(PARSE(&o, msg, "-i", "v", "-o", "-", "--audio", "2"), 0, "%s", msg);
	cr_assert_eq(o.audio, 2);
	cr_assert_eq(PARSE(&o, msg, "-i", "v", "-o", "a.mov", "-a", "8", "--audio-file",
			   "a.wav"), 0, "%s", msg);
	cr_assert_str_eq(o.audio_file, "a.wav");
	cr_assert_eq(PARSE(&o, msg, "-i", "v", "-o", "a.y4m", "-a", "8", "--audio-file",
			   "-"), 0, "%s", msg);
	cr_assert_eq(PARSE(&o, msg, "-i", "v", "-o", "a.raw", "-a", "8"), -EINVAL);
	cr_assert(strstr(msg, "--audio-file"), "%s", msg);
	cr_assert_eq(PARSE(&o, msg, "-i", "v", "-o", "a.mkv", "-a", "4"), -EINVAL);
	cr_assert(strstr(msg, "2, 8 or 16"), "%s", msg);
	cr_assert_eq(PARSE(&o, msg, "-i", "v", "-o", "a.mkv", "-a", "0"), -EINVAL);
	cr_assert_eq(PARSE(&o, msg, "-i", "v", "-o", "a.mkv", "-a", "x"), -EINVAL);
	cr_assert_eq(PARSE(&o, msg, "-i", "v", "-o", "a.raw", "--audio-file", "a.wav"), -EINVAL);
	cr_assert(strstr(msg, "--audio N"), "%s", msg);
	cr_assert_eq(PARSE(&o, msg, "-i", "v", "-o", "a.raw", "-a", "2", "--audio-file",
			   "a.raw"), -EINVAL);
	cr_assert_eq(PARSE(&o, msg, "-i", "v", "-o", "-", "-a", "2", "--audio-file",
			   "-"), -EINVAL);
	cr_assert_eq(PARSE(&o, msg, "-i", "v", "-o", "a.mkv", "-a", "2", "--metadata", "m",
			   "--audio-file", "m"), -EINVAL);
}

Test(capture_args, scc)
{
	struct capture_opts o;
	char msg[256];

	cr_assert_eq(PARSE(&o, msg, "-i", "v", "-o", "a.raw"), 0, "%s", msg);
	cr_assert_null(o.scc, "off by default");
	cr_assert_eq(PARSE(&o, msg, "-i", "v", "-o", "a.mkv", "--scc", "cc.scc"), 0, "%s", msg);
	cr_assert_str_eq(o.scc, "cc.scc");
	cr_assert_null(o.metadata);
	cr_assert_eq(PARSE(&o, msg, "-i", "v", "-o", "-", "--scc", "cc.scc", "--metadata",
			   "m.jsonl"), 0, "%s", msg);
	cr_assert_str_eq(o.scc, "cc.scc");
	cr_assert_str_eq(o.metadata, "m.jsonl");
	cr_assert_eq(PARSE(&o, msg, "-i", "v", "-o", "a.raw", "--scc", ""), -EINVAL);
	cr_assert(strstr(msg, "--scc"), "%s", msg);
	cr_assert_eq(PARSE(&o, msg, "-i", "v", "-o", "a.raw", "--scc", "-"), -EINVAL);
	cr_assert(strstr(msg, "give a file name"), "%s", msg);
	cr_assert_eq(PARSE(&o, msg, "-i", "v", "-o", "a.raw", "--scc"), -EINVAL);
	cr_assert(strstr(msg, "needs a value"), "%s", msg);
	cr_assert_eq(PARSE(&o, msg, "-i", "v", "-o", "a.raw", "--scc", "a.raw"), -EINVAL);
	cr_assert(strstr(msg, "same file"), "%s", msg);
	cr_assert_eq(PARSE(&o, msg, "-i", "v", "-o", "a.raw", "--metadata", "m", "--scc",
			   "m"), -EINVAL);
	cr_assert_eq(PARSE(&o, msg, "-i", "v", "-o", "a.mkv", "-a", "2", "--audio-file",
			   "w", "--scc", "w"), -EINVAL);
}

Test(capture_args, cc_track)
{
	struct capture_opts o;
	char msg[256];

	cr_assert_eq(PARSE(&o, msg, "-i", "v", "-o", "a.mov"), 0, "%s", msg);
	cr_assert_eq(o.cc_track, 0, "off by default");
	cr_assert_eq(PARSE(&o, msg, "-i", "v", "-o", "a.mov", "--cc-track"), 0, "%s", msg);
	cr_assert_eq(o.cc_track, 1);
	cr_assert_eq(o.container, AVW_MOV);
	cr_assert_eq(PARSE(&o, msg, "-i", "v", "-o", "-", "-F", "mov", "--cc-track", "--scc",
			   "cc.scc"), 0, "%s", msg);
	cr_assert_eq(o.cc_track, 1);
	/* Matroska has no CEA-608 track; raw and Y4M no track at all */
	cr_assert_eq(PARSE(&o, msg, "-i", "v", "-o", "a.mkv", "--cc-track"), -EINVAL);
	cr_assert(strstr(msg, "--cc-track: for QuickTime output"), "%s", msg);
	cr_assert(strstr(msg, "--scc"), "%s", msg);
	cr_assert_eq(PARSE(&o, msg, "-i", "v", "-o", "-", "--cc-track"), -EINVAL);
	cr_assert_eq(PARSE(&o, msg, "-i", "v", "-o", "a.raw", "--cc-track"), -EINVAL);
	cr_assert_eq(PARSE(&o, msg, "-i", "v", "-o", "a.y4m", "--cc-track"), -EINVAL);
}
