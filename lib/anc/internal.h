/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libsdi8k internals of lib/anc/. The format parsers themselves are the
 * kernel's codec (kernel/anc/, built into the library by lib/Makefile).
 */
#ifndef SDI8K_ANC_INTERNAL_H
#define SDI8K_ANC_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/*
 * The bad_payload field of an SDI8K_META_FMT_ANC buffer that
 * sdi8k_anc_frame_open() accepted: 0 when its header (header_size) is
 * too short to have one (drivers before the field).
 */
uint32_t sdi8k__anc_frame_bad_payload(const void *buf, size_t len);

#endif /* SDI8K_ANC_INTERNAL_H */
