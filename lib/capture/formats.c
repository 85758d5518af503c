// SPDX-License-Identifier: LGPL-2.1-or-later
/* The card's capture pixel formats and names of transfer functions. */
#include <stddef.h>

#include "../../kernel/uapi/sdi8k.h"
#include "capture/internal.h"

static const struct {
	enum sdi8k_pixfmt fmt;
	uint32_t fourcc;
} cap_formats[] = {
	{ SDI8K_FMT_UYVY, V4L2_PIX_FMT_UYVY },
	{ SDI8K_FMT_YUYV, V4L2_PIX_FMT_YUYV },
	{ SDI8K_FMT_NV16, V4L2_PIX_FMT_NV16 },
	{ SDI8K_FMT_P010, V4L2_PIX_FMT_P010 },
	{ SDI8K_FMT_Y210, V4L2_PIX_FMT_Y210 },
	{ SDI8K_FMT_V210, SDI8K_PIX_FMT_V210 },
};

uint32_t cap_fourcc(enum sdi8k_pixfmt f)
{
	for (size_t i = 0; i < sizeof(cap_formats) / sizeof(cap_formats[0]); i++)
		if (cap_formats[i].fmt == f)
			return cap_formats[i].fourcc;
	return 0;
}

enum sdi8k_pixfmt cap_pixfmt(uint32_t fourcc)
{
	for (size_t i = 0; i < sizeof(cap_formats) / sizeof(cap_formats[0]); i++)
		if (cap_formats[i].fourcc == fourcc)
			return cap_formats[i].fmt;
	return SDI8K_FMT_NONE;
}

SDI8K_API uint32_t sdi8k_capture_fourcc(enum sdi8k_pixfmt format)
{
	return cap_fourcc(format);
}

