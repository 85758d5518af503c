/* SPDX-License-Identifier: GPL-2.0-only WITH Linux-syscall-note */
/*
 * sdi8k driver uapi: what the driver exposes beyond <linux/videodev2.h>.
 *
 * Pixel formats: the card's native 10-bit 4:2:2 formats. v210 is in no
 * kernel's uapi; Y210 arrived after Linux 6.1, with the same fourcc as here.
 */
#ifndef _UAPI_SDI8K_H
#define _UAPI_SDI8K_H

#include <linux/videodev2.h>

/*
 * v210: 4:2:2 Y'CbCr, 10 bits, 6 pixels in 16 bytes: four little-endian
 * 32-bit words with samples in bits 0-9, 10-19, 20-29:
 * Cb0 Y0 Cr0 | Y1 Cb2 Y2 | Cr2 Y3 Cb4 | Y4 Cr4 Y5.
 * Lines are padded to a multiple of 48 pixels (128 bytes).
 */
#define SDI8K_PIX_FMT_V210	v4l2_fourcc('v', '2', '1', '0')

/*
 * Y210: packed 4:2:2 Y'CbCr, 16-bit little-endian words Y0 Cb0 Y1 Cr0 with
 * the 10 significant bits in the high bits of each word.
 */
#ifndef V4L2_PIX_FMT_Y210
#define V4L2_PIX_FMT_Y210	v4l2_fourcc('Y', '2', '1', '0')
#endif

#endif /* _UAPI_SDI8K_H */
