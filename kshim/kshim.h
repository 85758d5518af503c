/* SPDX-License-Identifier: GPL-2.0-only OR LGPL-2.1-or-later */
/*
 * Userspace stand-ins for the few kernel interfaces that the kernel's
 * kernel-neutral sources use (the test pattern generator
 * kernel/sdi8k-pattern.c, the ancillary-data codec kernel/anc/), so that
 * they build unchanged in libsdi8k, the unit tests and the fuzz targets.
 * Put this directory first on the include path (-I kshim): it also
 * stands in for <linux/bits.h>, which older kernel headers for userspace
 * do not have.
 */
#ifndef SDI8K_KSHIM_H
#define SDI8K_KSHIM_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <linux/bits.h>
#include <linux/types.h>
#include <linux/videodev2.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
typedef int64_t s64;

#define GFP_KERNEL 0
#define GFP_ATOMIC 0
#define kvzalloc(size, flags) ((void)(flags), calloc(1, (size)))
#define kvfree(p) free(p)
#define kmalloc(size, flags) ((void)(flags), malloc(size))
#define kzalloc(size, flags) ((void)(flags), calloc(1, (size)))
#define kfree(p) free(p)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define min(a, b) ((a) < (b) ? (a) : (b))
#define max(a, b) ((a) > (b) ? (a) : (b))
#define min_t(t, a, b) ((t)(a) < (t)(b) ? (t)(a) : (t)(b))
#define max_t(t, a, b) ((t)(a) > (t)(b) ? (t)(a) : (t)(b))
#define swap(a, b) do { __typeof__(a) __t = (a); (a) = (b); (b) = __t; } while (0)
#define ALIGN(x, a) (((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define DIV_ROUND_CLOSEST(n, d) (((n) + (d) / 2) / (d))
#define hweight8(v) ((unsigned int)__builtin_popcount((u8)(v)))
#define FIELD_GET(mask, v) (((v) & (mask)) >> __builtin_ctzl(mask))
#define FIELD_PREP(mask, v) (((unsigned long)(v) << __builtin_ctzl(mask)) & (mask))
#define EXPORT_SYMBOL_GPL(sym) extern int sdi8k_kshim_export_##sym
/* a kernel message compiled out: the format is still checked */
static inline __attribute__((format(printf, 1, 2))) int no_printk(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

#ifndef V4L2_PIX_FMT_P010
#define V4L2_PIX_FMT_P010 v4l2_fourcc('P', '0', '1', '0')
#endif
#ifndef V4L2_PIX_FMT_Y210
#define V4L2_PIX_FMT_Y210 v4l2_fourcc('Y', '2', '1', '0')
#endif

#endif /* SDI8K_KSHIM_H */
