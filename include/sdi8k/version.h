/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * sdi8k public API: library version.
 *
 * The macros give the version of the headers an application was compiled
 * against; sdi8k_version() gives the version of the library it runs with.
 * Within one major version the ABI only grows.
 */
#ifndef SDI8K_VERSION_H
#define SDI8K_VERSION_H

#include <sdi8k/export.h>

#define SDI8K_VERSION_MAJOR 0
#define SDI8K_VERSION_MINOR 7
#define SDI8K_VERSION_PATCH 0

/* One integer, comparable with <, >: 0x00MMmmpp. */
#define SDI8K_VERSION_INT(major, minor, patch) \
	(((unsigned)(major) << 16) | ((unsigned)(minor) << 8) | (unsigned)(patch))
#define SDI8K_VERSION \
	SDI8K_VERSION_INT(SDI8K_VERSION_MAJOR, SDI8K_VERSION_MINOR, SDI8K_VERSION_PATCH)

#define SDI8K_STRINGIFY_(x) #x
#define SDI8K_STRINGIFY(x) SDI8K_STRINGIFY_(x)
#define SDI8K_VERSION_STRING                                      \
	SDI8K_STRINGIFY(SDI8K_VERSION_MAJOR) "."                  \
	SDI8K_STRINGIFY(SDI8K_VERSION_MINOR) "."                  \
	SDI8K_STRINGIFY(SDI8K_VERSION_PATCH)

SDI8K_BEGIN_DECLS

/* Version of the running library, as SDI8K_VERSION_INT(major, minor, patch). */
SDI8K_API unsigned sdi8k_version(void);

/* Version of the running library as "major.minor.patch" (static string). */
SDI8K_API const char *sdi8k_version_string(void);

SDI8K_END_DECLS

#endif /* SDI8K_VERSION_H */
