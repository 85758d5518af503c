/* SPDX-License-Identifier: GPL-2.0-only OR LGPL-2.1-or-later */
/* Userspace stand-in for the kernel's <linux/bits.h> (kshim/kshim.h). */
#ifndef SDI8K_KSHIM_LINUX_BITS_H
#define SDI8K_KSHIM_LINUX_BITS_H

#define BIT(n)		(1UL << (n))
#define BIT_ULL(n)	(1ULL << (n))
#define GENMASK(h, l)	((~0UL << (l)) & (~0UL >> (8 * sizeof(unsigned long) - 1 - (h))))

#endif
