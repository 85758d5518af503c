/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* sdi8k-capture: the progress line and the closing statistics. */
#ifndef SDI8K_UTILS_CAPTURE_PROGRESS_H
#define SDI8K_UTILS_CAPTURE_PROGRESS_H

#include <stdint.h>

#include <sdi8k/capture.h>

/* Seconds of CLOCK_MONOTONIC. */
double progress_now(void);

/* Redraw the progress line on stderr if 0.5 s passed since the last one. */
void progress_update(const struct sdi8k_capture_stats *st, uint64_t bytes,
		     double start, int force);
/* Erase the progress line. */
void progress_clear(void);

/*
 * Frame rate measured from the first and last timestamps (frames actually
 * delivered per second), 0 if fewer than 2 frames.
 */
double progress_measured_fps(const struct sdi8k_capture_stats *st);

/* "1.23 GB" etc. */
const char *progress_bytes(uint64_t bytes, char *buf, unsigned size);

#endif
