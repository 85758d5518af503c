// SPDX-License-Identifier: LGPL-2.1-or-later
/* Format table, plane geometry, names. */
#include <errno.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

const struct fmt_info sdi8k__fmt[NFMT] = {
	[SDI8K_FMT_V210]      = { "v210",        1, 4, 0, 0, SDI8K_FMT_NONE },
	[SDI8K_FMT_Y210]      = { "y210le",      1, 2, 0, 0, SDI8K_FMT_NONE },
	[SDI8K_FMT_P210]      = { "p210le",      2, 2, 0, 0, SDI8K_FMT_NONE },
	[SDI8K_FMT_P010]      = { "p010le",      2, 2, 1, 0, SDI8K_FMT_P210 },
	[SDI8K_FMT_YUV422P10] = { "yuv422p10le", 3, 2, 0, 0, SDI8K_FMT_NONE },
	[SDI8K_FMT_YUV420P10] = { "yuv420p10le", 3, 2, 1, 0, SDI8K_FMT_YUV422P10 },
	[SDI8K_FMT_UYVY]      = { "uyvy422",     1, 1, 0, 0, SDI8K_FMT_NONE },
	[SDI8K_FMT_YUYV]      = { "yuyv422",     1, 1, 0, 0, SDI8K_FMT_NONE },
	[SDI8K_FMT_NV16]      = { "nv16",        2, 1, 0, 0, SDI8K_FMT_NONE },
	[SDI8K_FMT_NV12]      = { "nv12",        2, 1, 1, 0, SDI8K_FMT_NV16 },
	[SDI8K_FMT_BGRA]      = { "bgra",        1, 4, 0, 1, SDI8K_FMT_NONE },
	[SDI8K_FMT_X2RGB10]   = { "x2rgb10le",   1, 4, 0, 1, SDI8K_FMT_NONE },
};

size_t sdi8k__min_stride(enum sdi8k_pixfmt f, int plane, uint32_t width)
{
	size_t w = width, cw = (w + 1) / 2;

	if (!fmt_valid(f) || plane < 0 || plane >= sdi8k__fmt[f].planes)
		return 0;
	switch (f) {
	case SDI8K_FMT_V210:
		return (w + 47) / 48 * 128;
	case SDI8K_FMT_Y210:
		return cw * 8;
	case SDI8K_FMT_P210:
	case SDI8K_FMT_P010:
		return plane == 0 ? w * 2 : cw * 4;
	case SDI8K_FMT_YUV422P10:
	case SDI8K_FMT_YUV420P10:
		return plane == 0 ? w * 2 : cw * 2;
	case SDI8K_FMT_UYVY:
	case SDI8K_FMT_YUYV:
		return cw * 4;
	case SDI8K_FMT_NV16:
	case SDI8K_FMT_NV12:
		return plane == 0 ? w : cw * 2;
	case SDI8K_FMT_BGRA:
	case SDI8K_FMT_X2RGB10:
		return w * 4;
	default:
		return 0;
	}
}

size_t sdi8k__line_offset(enum sdi8k_pixfmt f, int plane, int x)
{
	size_t X = (size_t)x;

	switch (f) {
	case SDI8K_FMT_V210:
		return X / 6 * 16;
	case SDI8K_FMT_Y210:
	case SDI8K_FMT_BGRA:
	case SDI8K_FMT_X2RGB10:
		return X * 4;
	case SDI8K_FMT_P210:
	case SDI8K_FMT_P010:
	case SDI8K_FMT_UYVY:
	case SDI8K_FMT_YUYV:
		return X * 2;
	case SDI8K_FMT_YUV422P10:
	case SDI8K_FMT_YUV420P10:
		return plane == 0 ? X * 2 : X;
	case SDI8K_FMT_NV16:
	case SDI8K_FMT_NV12:
		return X;
	default:
		return 0;
	}
}

SDI8K_API int sdi8k_frame_layout(enum sdi8k_pixfmt format, uint32_t width,
				 uint32_t height,
				 size_t min_stride[SDI8K_MAX_PLANES],
				 size_t lines[SDI8K_MAX_PLANES],
				 size_t plane_size[SDI8K_MAX_PLANES],
				 size_t *total)
{
	size_t sum = 0;
	int p, n;

	if (!fmt_valid(format))
		return sdi8k__fail(-EINVAL, "unknown format %d", (int)format);
	if (width < 1 || width > SDI8K_MAX_DIM || height < 1 ||
	    height > SDI8K_MAX_DIM)
		return sdi8k__fail(-EINVAL, "size %ux%u out of range 1..%d",
				   width, height, SDI8K_MAX_DIM);
	n = sdi8k__fmt[format].planes;
	for (p = 0; p < SDI8K_MAX_PLANES; p++) {
		size_t s = p < n ? sdi8k__min_stride(format, p, width) : 0;
		size_t l = p >= n ? 0 :
			   (p > 0 && sdi8k__fmt[format].c420) ?
			   (height + 1) / 2 : height;
		if (min_stride)
			min_stride[p] = s;
		if (lines)
			lines[p] = l;
		if (plane_size)
			plane_size[p] = s * l;
		sum += s * l;
	}
	if (total)
		*total = sum;
	return n;
}

SDI8K_API size_t sdi8k_frame_size(enum sdi8k_pixfmt format, uint32_t width,
				  uint32_t height)
{
	size_t total;

	if (sdi8k_frame_layout(format, width, height, NULL, NULL, NULL,
			       &total) < 0)
		return 0;
	return total;
}

SDI8K_API long long sdi8k_frame_init(struct sdi8k_frame *f,
				     enum sdi8k_pixfmt format,
				     uint32_t width, uint32_t height,
				     void *buf, size_t buf_size, size_t align)
{
	size_t ms[SDI8K_MAX_PLANES], lines[SDI8K_MAX_PLANES], off = 0;
	size_t stride[SDI8K_MAX_PLANES] = { 0 }, start[SDI8K_MAX_PLANES] = { 0 };
	int n, p;

	if (align == 0)
		align = 1;
	if (align & (align - 1))
		return sdi8k__fail(-EINVAL, "align %zu not a power of two",
				   align);
	n = sdi8k_frame_layout(format, width, height, ms, lines, NULL, NULL);
	if (n < 0)
		return n;
	if (buf && !f)
		return sdi8k__fail(-EINVAL, "NULL frame");
	for (p = 0; p < n; p++) {
		off = (off + align - 1) & ~(align - 1);
		stride[p] = (ms[p] + align - 1) & ~(align - 1);
		start[p] = off;
		off += stride[p] * lines[p];
	}
	if (!buf)
		return (long long)off;
	if (buf_size < off)
		return sdi8k__fail(-ENOSPC, "buffer of %zu bytes, need %zu",
				   buf_size, off);
	memset(f, 0, sizeof(*f));
	f->format = format;
	f->width = width;
	f->height = height;
	for (p = 0; p < n; p++) {
		f->data[p] = (uint8_t *)buf + start[p];
		f->stride[p] = stride[p];
	}
	return (long long)off;
}

SDI8K_API const char *sdi8k_format_name(enum sdi8k_pixfmt format)
{
	return fmt_valid(format) ? sdi8k__fmt[format].name : NULL;
}

static const struct {
	const char *name;
	enum sdi8k_pixfmt f;
} aliases[] = {
	{ "y210", SDI8K_FMT_Y210 },       { "p210", SDI8K_FMT_P210 },
	{ "p010", SDI8K_FMT_P010 },       { "yuv422p10", SDI8K_FMT_YUV422P10 },
	{ "yuv420p10", SDI8K_FMT_YUV420P10 }, { "uyvy", SDI8K_FMT_UYVY },
	{ "yuyv", SDI8K_FMT_YUYV },       { "yuy2", SDI8K_FMT_YUYV },
	{ "x2rgb10", SDI8K_FMT_X2RGB10 },
};

SDI8K_API enum sdi8k_pixfmt sdi8k_format_from_name(const char *name)
{
	size_t i;
	int f;

	if (!name)
		return SDI8K_FMT_NONE;
	for (f = 1; f < NFMT; f++)
		if (!strcasecmp(name, sdi8k__fmt[f].name))
			return (enum sdi8k_pixfmt)f;
	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (!strcasecmp(name, aliases[i].name))
			return aliases[i].f;
	return SDI8K_FMT_NONE;
}

SDI8K_API int sdi8k_format_planes(enum sdi8k_pixfmt format)
{
	return fmt_valid(format) ? sdi8k__fmt[format].planes : 0;
}
