// SPDX-License-Identifier: LGPL-2.1-or-later
/* Public API: version, layouts, names, argument checking, errors. */
#include <criterion/criterion.h>
#include <errno.h>
#include <string.h>

#include <sdi8k/convert.h>
#include <sdi8k/version.h>

#include "helpers.h"

Test(version, macros_match_runtime)
{
	cr_assert_eq(sdi8k_version(), SDI8K_VERSION);
	cr_assert_eq(SDI8K_VERSION, SDI8K_VERSION_INT(SDI8K_VERSION_MAJOR,
						      SDI8K_VERSION_MINOR,
						      SDI8K_VERSION_PATCH));
	cr_assert_str_eq(sdi8k_version_string(), SDI8K_VERSION_STRING);
	/* the header and lib/Makefile (soname, pkg-config) name one release */
	cr_assert_str_eq(SDI8K_VERSION_STRING, SDI8K_TEST_LIB_VERSION);
}

Test(layout, v210_stride_is_48_pixel_aligned)
{
	static const struct { uint32_t w; size_t s; } v[] = {
		{ 1, 128 }, { 6, 128 }, { 48, 128 }, { 49, 256 },
		{ 720, 1920 }, { 1280, 3456 }, { 1920, 5120 },
		{ 3840, 10240 }, { 7680, 20480 },
	};
	size_t ms[3], lines[3], total;
	unsigned i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		cr_assert_eq(sdi8k_frame_layout(SDI8K_FMT_V210, v[i].w, 10, ms,
						lines, NULL, &total), 1);
		cr_assert_eq(ms[0], v[i].s, "width %u: %zu", v[i].w, ms[0]);
		cr_assert_eq(ms[0], (size_t)(v[i].w + 47) / 48 * 48 * 8 / 3);
		cr_assert_eq(total, v[i].s * 10);
		cr_assert_eq(ms[1], 0);
	}
}

Test(layout, all_formats_8k)
{
	static const struct {
		enum sdi8k_pixfmt f;
		int planes;
		size_t s0, s1, l1, total;
	} v[] = {
		{ SDI8K_FMT_V210, 1, 20480, 0, 0, 20480ul * 4320 },
		{ SDI8K_FMT_Y210, 1, 30720, 0, 0, 30720ul * 4320 },
		{ SDI8K_FMT_P210, 2, 15360, 15360, 4320, 15360ul * 8640 },
		{ SDI8K_FMT_P010, 2, 15360, 15360, 2160, 15360ul * 6480 },
		{ SDI8K_FMT_YUV422P10, 3, 15360, 7680, 4320, 15360ul * 8640 },
		{ SDI8K_FMT_YUV420P10, 3, 15360, 7680, 2160, 15360ul * 6480 },
		{ SDI8K_FMT_UYVY, 1, 15360, 0, 0, 15360ul * 4320 },
		{ SDI8K_FMT_YUYV, 1, 15360, 0, 0, 15360ul * 4320 },
		{ SDI8K_FMT_NV16, 2, 7680, 7680, 4320, 7680ul * 8640 },
		{ SDI8K_FMT_NV12, 2, 7680, 7680, 2160, 7680ul * 6480 },
		{ SDI8K_FMT_BGRA, 1, 30720, 0, 0, 30720ul * 4320 },
		{ SDI8K_FMT_X2RGB10, 1, 30720, 0, 0, 30720ul * 4320 },
	};
	size_t ms[3], lines[3], ps[3], total;
	unsigned i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		int n = sdi8k_frame_layout(v[i].f, 7680, 4320, ms, lines, ps,
					   &total);

		cr_assert_eq(n, v[i].planes, "%s", sdi8k_format_name(v[i].f));
		cr_assert_eq(n, sdi8k_format_planes(v[i].f));
		cr_assert_eq(ms[0], v[i].s0, "%s", sdi8k_format_name(v[i].f));
		cr_assert_eq(ms[1], v[i].s1, "%s", sdi8k_format_name(v[i].f));
		cr_assert_eq(lines[0], 4320);
		cr_assert_eq(lines[1], v[i].l1);
		cr_assert_eq(total, v[i].total, "%s", sdi8k_format_name(v[i].f));
		cr_assert_eq(sdi8k_frame_size(v[i].f, 7680, 4320), total);
		cr_assert_eq(ps[0], ms[0] * lines[0]);
	}
}

Test(layout, odd_sizes_round_chroma_up)
{
	size_t ms[3], lines[3];

	cr_assert_eq(sdi8k_frame_layout(SDI8K_FMT_YUV420P10, 7, 5, ms, lines,
					NULL, NULL), 3);
	cr_assert_eq(ms[0], 14);
	cr_assert_eq(ms[1], 8);
	cr_assert_eq(ms[2], 8);
	cr_assert_eq(lines[1], 3);
	cr_assert_eq(sdi8k_frame_layout(SDI8K_FMT_UYVY, 7, 5, ms, lines, NULL,
					NULL), 1);
	cr_assert_eq(ms[0], 16);
	cr_assert_eq(sdi8k_frame_layout(SDI8K_FMT_P010, 7, 5, ms, lines, NULL,
					NULL), 2);
	cr_assert_eq(ms[1], 16);
	cr_assert_eq(lines[1], 3);
}

Test(layout, rejects_bad_arguments)
{
	cr_assert_eq(sdi8k_frame_layout(SDI8K_FMT_NONE, 8, 8, NULL, NULL,
					NULL, NULL), -EINVAL);
	cr_assert_eq(sdi8k_frame_layout(SDI8K_FMT_COUNT, 8, 8, NULL, NULL,
					NULL, NULL), -EINVAL);
	cr_assert_eq(sdi8k_frame_layout(SDI8K_FMT_V210, 0, 8, NULL, NULL,
					NULL, NULL), -EINVAL);
	cr_assert_eq(sdi8k_frame_layout(SDI8K_FMT_V210, 8, 0, NULL, NULL,
					NULL, NULL), -EINVAL);
	cr_assert_eq(sdi8k_frame_layout(SDI8K_FMT_V210, SDI8K_MAX_DIM + 1, 8,
					NULL, NULL, NULL, NULL), -EINVAL);
	cr_assert_eq(sdi8k_frame_size(SDI8K_FMT_V210, 0, 0), 0);
	cr_assert_neq(sdi8k_last_error()[0], '\0');
}

Test(frame_init, packs_planes_with_alignment)
{
	struct sdi8k_frame f;
	long long need;
	void *buf;

	need = sdi8k_frame_init(NULL, SDI8K_FMT_P010, 100, 11, NULL, 0, 64);
	cr_assert_eq(need, 256 * 11 + 256 * 6);
	buf = malloc((size_t)need);
	cr_assert_eq(sdi8k_frame_init(&f, SDI8K_FMT_P010, 100, 11, buf, 10, 64),
		     -ENOSPC);
	cr_assert_eq(sdi8k_frame_init(&f, SDI8K_FMT_P010, 100, 11, buf,
				      (size_t)need, 64), need);
	cr_assert_eq(f.format, SDI8K_FMT_P010);
	cr_assert_eq(f.stride[0], 256);
	cr_assert_eq(f.stride[1], 256);
	cr_assert_eq((uint8_t *)f.data[1] - (uint8_t *)f.data[0], 256 * 11);
	cr_assert_null(f.data[2]);
	cr_assert_eq(sdi8k_frame_init(&f, SDI8K_FMT_P010, 100, 11, buf,
				      (size_t)need, 3), -EINVAL);
	cr_assert_eq(sdi8k_frame_init(NULL, SDI8K_FMT_UYVY, 7, 2, NULL, 0, 0),
		     32);
	free(buf);
}

Test(names, round_trip_and_aliases)
{
	int f;

	for (f = 1; f < SDI8K_FMT_COUNT; f++) {
		const char *n = sdi8k_format_name((enum sdi8k_pixfmt)f);

		cr_assert_not_null(n);
		cr_assert_eq((int)sdi8k_format_from_name(n), f, "%s", n);
	}
	cr_assert_eq(sdi8k_format_from_name("P010"), SDI8K_FMT_P010);
	cr_assert_eq(sdi8k_format_from_name("yuv422p10"), SDI8K_FMT_YUV422P10);
	cr_assert_eq(sdi8k_format_from_name("UYVY"), SDI8K_FMT_UYVY);
	cr_assert_eq(sdi8k_format_from_name("x2rgb10"), SDI8K_FMT_X2RGB10);
	cr_assert_eq(sdi8k_format_from_name("nope"), SDI8K_FMT_NONE);
	cr_assert_eq(sdi8k_format_from_name(NULL), SDI8K_FMT_NONE);
	cr_assert_null(sdi8k_format_name(SDI8K_FMT_NONE));
	cr_assert_eq(sdi8k_format_planes(SDI8K_FMT_NONE), 0);
}

Test(supported, all_pairs)
{
	int s, d;

	for (s = 1; s < SDI8K_FMT_COUNT; s++)
		for (d = 1; d < SDI8K_FMT_COUNT; d++) {
			int ok = sdi8k_convert_supported((enum sdi8k_pixfmt)s,
							 (enum sdi8k_pixfmt)d);

			cr_assert_eq(ok, 1, "%d -> %d", s, d);
			cr_assert_not_null(sdi8k_convert_path((enum sdi8k_pixfmt)s,
				(enum sdi8k_pixfmt)d, SDI8K_CPU_AUTO));
		}
	cr_assert_eq(sdi8k_convert_supported(SDI8K_FMT_NONE, SDI8K_FMT_V210), 0);
	cr_assert_eq(sdi8k_convert_supported(SDI8K_FMT_BGRA, SDI8K_FMT_COUNT), 0);
	cr_assert_null(sdi8k_convert_path(SDI8K_FMT_NONE, SDI8K_FMT_X2RGB10,
					  SDI8K_CPU_AUTO));
	/* RGB <-> RGB: one per-pixel pass, never through 4:2:2 */
	cr_assert_str_eq(sdi8k_convert_path(SDI8K_FMT_X2RGB10, SDI8K_FMT_BGRA,
					    SDI8K_CPU_AUTO), "direct c");
	cr_assert_str_eq(sdi8k_convert_path(SDI8K_FMT_V210, SDI8K_FMT_P010,
					    SDI8K_CPU_C), "direct c");
}

Test(cpu, names_and_levels)
{
	cr_assert_str_eq(sdi8k_cpu_name(SDI8K_CPU_C), "c");
	cr_assert_str_eq(sdi8k_cpu_name(SDI8K_CPU_AVX512), "avx512");
	cr_assert_null(sdi8k_cpu_name((enum sdi8k_cpu)9));
	cr_assert_geq(sdi8k_cpu_detected(), SDI8K_CPU_C);
	cr_assert_leq(sdi8k_cpu_level(), sdi8k_cpu_detected());
#if defined(__x86_64__)
	cr_assert_geq(sdi8k_cpu_detected(), SDI8K_CPU_SSE41);
#endif
}

static void mkframes(struct tframe *a, struct tframe *b)
{
	tframe_alloc(a, SDI8K_FMT_V210, 64, 4, 0);
	tframe_alloc(b, SDI8K_FMT_P010, 64, 4, 0);
	tframe_fill(a, FILL_RANDOM, 1);
}

Test(convert_args, rejects_and_leaves_dst_untouched)
{
	struct tframe a, b;
	struct sdi8k_frame s, d;
	struct sdi8k_convert_opts o;

	mkframes(&a, &b);
	cr_assert_eq(sdi8k_convert(NULL, &b.f, NULL), -EINVAL);
	cr_assert_eq(sdi8k_convert(&a.f, NULL, NULL), -EINVAL);

	s = a.f;
	d = b.f;
	d.width = 62;
	cr_assert_eq(sdi8k_convert(&s, &d, NULL), -EINVAL);
	cr_assert(strstr(sdi8k_last_error(), "size mismatch"));

	d = b.f;
	d.stride[0] = 100;
	cr_assert_eq(sdi8k_convert(&s, &d, NULL), -EINVAL);
	cr_assert(strstr(sdi8k_last_error(), "stride"), "%s",
		  sdi8k_last_error());

	d = b.f;
	d.data[1] = NULL;
	cr_assert_eq(sdi8k_convert(&s, &d, NULL), -EINVAL);

	d = b.f;
	d.data[0] = (uint8_t *)d.data[0] + 1;
	cr_assert_eq(sdi8k_convert(&s, &d, NULL), -EINVAL);
	cr_assert(strstr(sdi8k_last_error(), "multiple"));

	s = a.f;
	s.stride[0] = 120; /* v210 lines must hold whole 48-pixel groups */
	cr_assert_eq(sdi8k_convert(&s, &b.f, NULL), -EINVAL);

	s = a.f;
	s.format = SDI8K_FMT_BGRA;
	s.stride[0] = 256;
	d = b.f;
	d.format = SDI8K_FMT_X2RGB10;
	d.stride[0] = 252;	/* one byte short of width * 4 */
	cr_assert_eq(sdi8k_convert(&s, &d, NULL), -EINVAL);
	cr_assert(strstr(sdi8k_last_error(), "stride"), "%s", sdi8k_last_error());

	s = a.f;
	s.format = (enum sdi8k_pixfmt)77;
	cr_assert_eq(sdi8k_convert(&s, &b.f, NULL), -EINVAL);

	memset(&o, 0, sizeof(o));
	o.matrix = (enum sdi8k_matrix)5;
	cr_assert_eq(sdi8k_convert(&a.f, &b.f, &o), -EINVAL);
	memset(&o, 0, sizeof(o));
	o.cpu_cap = (enum sdi8k_cpu)9;
	cr_assert_eq(sdi8k_convert(&a.f, &b.f, &o), -EINVAL);
	memset(&o, 0, sizeof(o));
	o.flags = 0x80;
	cr_assert_eq(sdi8k_convert(&a.f, &b.f, &o), -EINVAL);
	memset(&o, 0, sizeof(o));
	o.reserved[2] = 1;
	cr_assert_eq(sdi8k_convert(&a.f, &b.f, &o), -EINVAL);

	/* nothing was written by the failed calls */
	for (int p = 0; p < 2; p++)
		for (size_t i = 0; i < b.f.stride[p] * b.lines[p]; i++)
			cr_assert_eq(b.buf[p][i], CANARY);

	cr_assert_eq(sdi8k_convert(&a.f, &b.f, NULL), 0);
	cr_assert_str_eq(sdi8k_last_error(), "");
	tframe_free(&a);
	tframe_free(&b);
}

Test(errors, strerror_messages)
{
	cr_assert(strstr(sdi8k_strerror(-EINVAL), "invalid"));
	cr_assert(strstr(sdi8k_strerror(-ENOMEM), "memory"));
	cr_assert_str_eq(sdi8k_strerror(0), "success");
	cr_assert_not_null(sdi8k_strerror(-12345));
}

/* Criterion runs each test in its own process, so the library has not
 * read SDI8K_CPU yet when the test sets it. */
Test(cpu, env_var_caps_the_level)
{
	setenv("SDI8K_CPU", "sse41", 1);
	cr_assert_eq(sdi8k_cpu_level(), sdi8k_cpu_detected() < SDI8K_CPU_SSE41 ?
					sdi8k_cpu_detected() : SDI8K_CPU_SSE41);
	if (sdi8k_cpu_detected() >= SDI8K_CPU_SSE41)
		cr_assert_str_eq(sdi8k_convert_path(SDI8K_FMT_V210,
						    SDI8K_FMT_P010,
						    SDI8K_CPU_AUTO),
				 "direct sse41");
}

Test(cpu, env_var_c)
{
	setenv("SDI8K_CPU", "c", 1);
	cr_assert_eq(sdi8k_cpu_level(), SDI8K_CPU_C);
	cr_assert_str_eq(sdi8k_convert_path(SDI8K_FMT_V210, SDI8K_FMT_UYVY,
					    SDI8K_CPU_AVX512), "direct c");
}

Test(cpu, env_var_unknown_is_ignored)
{
	setenv("SDI8K_CPU", "pentium", 1);
	cr_assert_eq(sdi8k_cpu_level(), sdi8k_cpu_detected());
}
