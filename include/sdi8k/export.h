/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * sdi8k public API: symbol export macro.
 *
 * libsdi8k is built with -fvisibility=hidden; only declarations marked
 * SDI8K_API are exported from libsdi8k.so.
 */
#ifndef SDI8K_EXPORT_H
#define SDI8K_EXPORT_H

#if defined(__GNUC__) || defined(__clang__)
#define SDI8K_API __attribute__((visibility("default")))
#else
#define SDI8K_API
#endif

#ifdef __cplusplus
#define SDI8K_BEGIN_DECLS extern "C" {
#define SDI8K_END_DECLS }
#else
#define SDI8K_BEGIN_DECLS
#define SDI8K_END_DECLS
#endif

#endif /* SDI8K_EXPORT_H */
