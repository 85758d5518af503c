// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k memory formats: the pixel formats the DMA engine packs into, and
 * their line and frame sizes (kernel-neutral, see sdi8k-tables.h).
 */
#ifdef __KERNEL__
#include <linux/export.h>
#include <linux/kernel.h>
#endif

#include "sdi8k-tables.h"
#include "sdi8k-regs.h"
#include "uapi/sdi8k.h"

/*
 * The first entry is the default: 8-bit 4:2:2, what every client accepts.
 * Descriptions are given for the formats some supported kernel does not
 * describe itself (v210 on all, Y210 before 6.12); v4l_fill_fmtdesc()
 * keeps a description the driver filled in.
 */
const struct sdi8k_format sdi8k_formats[] = {
	{ V4L2_PIX_FMT_UYVY, SDI8K_PIXFMT_UYVY, NULL },
	{ V4L2_PIX_FMT_YUYV, SDI8K_PIXFMT_YUYV, NULL },
	{ V4L2_PIX_FMT_NV16, SDI8K_PIXFMT_NV16, NULL },
	{ V4L2_PIX_FMT_P010, SDI8K_PIXFMT_P010, NULL },
	{ V4L2_PIX_FMT_Y210, SDI8K_PIXFMT_Y210, "10-bit YUYV Packed" },
	{ SDI8K_PIX_FMT_V210, SDI8K_PIXFMT_V210, "10-bit 4:2:2 Packed (v210)" },
};
EXPORT_SYMBOL_GPL(sdi8k_formats);

const unsigned int sdi8k_num_formats = ARRAY_SIZE(sdi8k_formats);
EXPORT_SYMBOL_GPL(sdi8k_num_formats);

const struct sdi8k_format *sdi8k_find_format(u32 fourcc)
{
	unsigned int i;

	for (i = 0; i < sdi8k_num_formats; i++)
		if (sdi8k_formats[i].fourcc == fourcc)
			return &sdi8k_formats[i];
	return NULL;
}
EXPORT_SYMBOL_GPL(sdi8k_find_format);

/* Stride of plane 0 (the only plane of packed formats). */
u32 sdi8k_bytesperline(const struct sdi8k_format *f, u32 width)
{
	switch (f->hw) {
	case SDI8K_PIXFMT_NV16:
		return width;
	case SDI8K_PIXFMT_P010:
	case SDI8K_PIXFMT_UYVY:
	case SDI8K_PIXFMT_YUYV:
		return width * 2;
	case SDI8K_PIXFMT_Y210:
		return width * 4;
	case SDI8K_PIXFMT_V210:
	default:
		/* 48 pixels in 128 bytes */
		return ALIGN(width, 48) / 48 * 128;
	}
}

/* Whole frame; the chroma plane of NV16 and P010 follows the luma plane. */
u32 sdi8k_sizeimage(const struct sdi8k_format *f, u32 bpl, u32 height)
{
	switch (f->hw) {
	case SDI8K_PIXFMT_NV16:
		return bpl * height * 2;
	case SDI8K_PIXFMT_P010:
		return bpl * height + bpl * (height / 2);
	default:
		return bpl * height;
	}
}
EXPORT_SYMBOL_GPL(sdi8k_sizeimage);
