/* SPDX-License-Identifier: GPL-2.0-only OR LGPL-2.1-or-later */
/*
 * Userspace stand-ins for the few kernel interfaces that the kernel's
 * kernel-neutral sources use (the test pattern generator
 * kernel/sdi8k-pattern.c, the ancillary-data codec kernel/anc/, the tables
 * and the firmware image check of kernel/, the card model kernel/sim/), so
 * that they build unchanged in libsdi8k, sdi8k-card, the unit tests and
 * the fuzz targets. The card model's lock is a pthread mutex and its clock
 * CLOCK_MONOTONIC: link it with -pthread.
 * Put this directory first on the include path (-I kshim): it also
 * stands in for <linux/bits.h>, which older kernel headers for userspace
 * do not have.
 */
#ifndef SDI8K_KSHIM_H
#define SDI8K_KSHIM_H

#include <ctype.h>
#include <endian.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <time.h>
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
#define noinline_for_stack __attribute__((__noinline__))
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

/* ---- what the tables, the firmware check and the card model use ---- */

#define U16_MAX ((u16)~0U)
#define U32_MAX ((u32)~0U)
#define U64_MAX ((u64)~0ULL)
#define lower_32_bits(n) ((u32)((n) & 0xffffffff))
#define upper_32_bits(n) ((u32)((u64)(n) >> 32))
#define is_power_of_2(n) ((n) != 0 && ((n) & ((n) - 1)) == 0)
#define check_add_overflow(a, b, d) __builtin_add_overflow(a, b, d)
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))
#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))
#define kvmalloc_array(n, size, flags) ((void)(flags), calloc((n), (size)))

#define le16_to_cpu(x) le16toh(x)
#define le32_to_cpu(x) le32toh(x)
#define le64_to_cpu(x) le64toh(x)
#define cpu_to_le16(x) htole16(x)
#define cpu_to_le32(x) htole32(x)
#define cpu_to_le64(x) htole64(x)

static inline u64 div_u64(u64 n, u32 d)
{
	return n / d;
}

static inline u64 div64_u64_rem(u64 n, u64 d, u64 *rem)
{
	*rem = n % d;
	return n / d;
}

static inline s64 div_s64(s64 n, s32 d)
{
	return n / d;
}

#define min3(a, b, c) min(min((a), (b)), (c))

/* n /= base; evaluates to the remainder */
#define do_div(n, base) __extension__ ({ \
	u32 __rem = (u32)((n) % (base)); \
	(n) /= (base); \
	__rem; })

static inline u64 mul_u64_u64_div_u64(u64 a, u64 b, u64 c)
{
	return (u64)((unsigned __int128)a * b / c);
}

/* zlib's CRC-32 before and after inversion, as lib/crc32.c's crc32_le */
static inline u32 crc32_le(u32 crc, const unsigned char *p, size_t len)
{
	while (len--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320U & -(crc & 1));
	}
	return crc;
}

/* ---- strings, as lib/string.c and lib/kstrtox.c ---- */

static inline ssize_t strscpy(char *dst, const char *src, size_t n)
{
	size_t len = strnlen(src, n);

	if (!n)
		return -E2BIG;
	if (len == n) {
		memcpy(dst, src, n - 1);
		dst[n - 1] = 0;
		return -E2BIG;
	}
	memcpy(dst, src, len + 1);
	return (ssize_t)len;
}

/* equal, a trailing newline on either ignored */
static inline bool sysfs_streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	if (*a == *b)
		return true;
	if (*a == '\n' && a[1] == 0 && *b == 0)
		return true;
	return *b == '\n' && b[1] == 0 && *a == 0;
}

static inline int __sysfs_match_string(const char * const *array, size_t n,
				       const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (array[i] && sysfs_streq(array[i], s))
			return (int)i;
	return -EINVAL;
}

#define sysfs_match_string(a, s) __sysfs_match_string(a, ARRAY_SIZE(a), s)

static inline int kstrtobool(const char *s, bool *res)
{
	if (!s)
		return -EINVAL;
	switch (s[0]) {
	case 'y': case 'Y': case 't': case 'T': case '1':
		*res = true;
		return 0;
	case 'n': case 'N': case 'f': case 'F': case '0':
		*res = false;
		return 0;
	case 'o': case 'O':
		if (s[1] == 'n' || s[1] == 'N') {
			*res = true;
			return 0;
		}
		if (s[1] == 'f' || s[1] == 'F') {
			*res = false;
			return 0;
		}
		break;
	}
	return -EINVAL;
}

static inline int kstrtoull(const char *s, unsigned int base,
			    unsigned long long *res)
{
	char *end;

	if (!isdigit((unsigned char)s[0]))
		return -EINVAL;
	errno = 0;
	*res = strtoull(s, &end, (int)base);
	if (errno)
		return -ERANGE;
	if (*end == '\n')
		end++;
	return *end ? -EINVAL : 0;
}

static inline __attribute__((format(printf, 3, 4)))
int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!size)
		return 0;
	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	if (n < 0)
		return 0;
	return (size_t)n >= size ? (int)size - 1 : n;
}

/* ---- the card model's clock and lock ---- */

typedef s64 ktime_t;
#define KTIME_MAX INT64_MAX
#define NSEC_PER_SEC 1000000000LL
#define NSEC_PER_MSEC 1000000LL
#define NSEC_PER_USEC 1000LL

static inline ktime_t ktime_get(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (s64)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

#define ktime_add_ns(t, n) ((ktime_t)((t) + (s64)(n)))
#define ktime_add_ms(t, ms) ((ktime_t)((t) + (s64)(ms) * NSEC_PER_MSEC))
#define ktime_sub(a, b) ((a) - (b))
#define ktime_before(a, b) ((a) < (b))
#define ktime_to_ns(t) ((s64)(t))

typedef pthread_mutex_t spinlock_t;
#define spin_lock_init(l) pthread_mutex_init((l), NULL)
#define spin_lock_irqsave(l, f) do { (f) = 0; pthread_mutex_lock(l); } while (0)
#define spin_unlock_irqrestore(l, f) do { (void)(f); pthread_mutex_unlock(l); } while (0)

#endif /* SDI8K_KSHIM_H */
