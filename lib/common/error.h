/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libsdi8k internals: errors. Every public function that fails returns a
 * negative errno and leaves a message for sdi8k_last_error() (per thread)
 * that names the device or object and what failed. Nothing in the library
 * prints, aborts or exits.
 */
#ifndef SDI8K_COMMON_ERROR_H
#define SDI8K_COMMON_ERROR_H

/* Set the calling thread's last-error message; return err (negative). */
int sdi8k__fail(int err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Clear the calling thread's last-error message. */
void sdi8k__clear_error(void);

#endif /* SDI8K_COMMON_ERROR_H */
