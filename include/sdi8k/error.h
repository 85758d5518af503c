/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * sdi8k public API: errors.
 *
 * Every libsdi8k function that can fail returns a negative errno value
 * (or NULL / a negative count where its header says so) and leaves a
 * detailed message for the calling thread, read with sdi8k_last_error().
 * The message names the device or object and what failed, for example
 * "/dev/video3 (sdi8k-0 input 1): VIDIOC_QUERY_DV_TIMINGS: no signal".
 * The library never prints, aborts or exits on the caller's behalf.
 */
#ifndef SDI8K_ERROR_H
#define SDI8K_ERROR_H

#include <sdi8k/export.h>

SDI8K_BEGIN_DECLS

/*
 * Message for an error code returned by this library (negative errno),
 * e.g. "invalid argument". Static string; never NULL.
 */
SDI8K_API const char *sdi8k_strerror(int err);

/*
 * Detailed message about the last error returned to the calling thread by
 * this library, e.g. "dst plane 0 stride 3000 below minimum 3840", or ""
 * if none yet. Valid until the next call into the library from the same
 * thread.
 */
SDI8K_API const char *sdi8k_last_error(void);

SDI8K_END_DECLS

#endif /* SDI8K_ERROR_H */
