// SPDX-License-Identifier: LGPL-2.1-or-later
/* sdi8k-convert's argument parsing (utils/convert/options.c as source). */
#include <criterion/criterion.h>
#include <errno.h>
#include <string.h>

#include "common/parse.c"
#include "common/y4m.c"
#include "convert/options.c"

static int parse(struct convert_opts *o, char *msg, size_t len, const char *const *a)
{
	char *argv[16] = { "sdi8k-convert" };
	int argc = 1;

	while (*a && argc < 15)
		argv[argc++] = (char *)*a++;
	return convert_parse_args(argc, argv, o, msg, len);
}

Test(convert_args, raw_and_y4m)
{
	struct convert_opts o;
	char msg[256];

	cr_assert_eq(parse(&o, msg, sizeof(msg), (const char *[]){ "-f", "v210", "-s", "3840x2160",
		     "-t", "p010", "in.v210", "out.p010", NULL }), 0, "%s", msg);
	cr_assert_eq(o.from, SDI8K_FMT_V210);
	cr_assert_eq(o.width, 3840);
	cr_assert_eq(o.height, 2160);
	cr_assert_eq(o.to, SDI8K_FMT_P010);
	cr_assert_eq(o.y4m_out, 0);
	cr_assert_eq(parse(&o, msg, sizeof(msg), (const char *[]){ "--format", "uyvy", "--width",
		     "7", "--height", "5", "-r", "59.94", "--interlace", "t", "a", "b.y4m", NULL }),
		     0, "%s", msg);
	cr_assert_eq(o.y4m_out, 1);
	cr_assert_eq(o.rate_num, 60000);
	cr_assert_eq(o.interlace, 't');
	cr_assert_eq(parse(&o, msg, sizeof(msg), (const char *[]){ "in.y4m", "-", NULL }), 0, "%s", msg);
	cr_assert_eq(o.from, SDI8K_FMT_NONE, "Y4M input");
	cr_assert_eq(parse(&o, msg, sizeof(msg), (const char *[]){ "--matrix", "bt2020", "--clip-sdi",
		     "--threads", "2", "-t", "x2rgb10", "in.y4m", "o", NULL }), 0, "%s", msg);
	cr_assert_eq(o.copts.matrix, SDI8K_MATRIX_BT2020);
	cr_assert_eq(o.copts.flags, SDI8K_CONVERT_CLIP_SDI);
	cr_assert_eq(o.copts.threads, 2);
}

Test(convert_args, bad_arguments)
{
	static const struct {
		const char *a[10];
		const char *says;
	} bad[] = {
		{ { "in" }, "give INPUT and OUTPUT" },
		{ { "a", "b", "c" }, "more than INPUT and OUTPUT" },
		{ { "-f", "v210", "a", "b" }, "needs --size" },
		{ { "-s", "16x16", "a", "b" }, "give --format too" },
		{ { "-f", "v210", "-s", "16x16", "a", "b" }, "--to" },
		{ { "-f", "zzz", "a", "b" }, "--format zzz" },
		{ { "-t", "zzz", "a", "b" }, "--to zzz" },
		{ { "-s", "16y16", "a", "b" }, "--size 16y16" },
		{ { "-t", "v210", "a", "b.y4m" }, "cannot go into Y4M" },
		{ { "-r", "30", "a.y4m", "b" }, "for raw input" },
		{ { "-f", "v210", "-s", "8x8", "--interlace", "x", "a", "b.y4m" }, "--interlace x" },
		{ { "--matrix", "bt601", "a", "b" }, "--matrix bt601" },
		{ { "-n", "0", "a", "b" }, "--frames 0" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct convert_opts o;
		char msg[256] = "";

		cr_assert_eq(parse(&o, msg, sizeof(msg), bad[i].a), -EINVAL, "case %zu accepted", i);
		cr_assert(strstr(msg, bad[i].says), "case %zu: \"%s\" lacks \"%s\"", i, msg,
			  bad[i].says);
	}
}
