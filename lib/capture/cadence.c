// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The ST 299 audio cadence, from the one kernel-neutral source the driver
 * and the card model use (kernel/sdi8k-tables.h, through kshim/: this
 * file alone is built with -I kshim, lib/Makefile).
 */
#include "sdi8k-tables.h"

#include "capture/avsync.h"

uint64_t cap_aud_frame_start(uint64_t n, uint32_t phase, uint32_t num, uint32_t den)
{
	return sdi8k_aud_frame_start(n, phase, num, den);
}

uint32_t cap_aud_seq_len(uint32_t num, uint32_t den)
{
	return sdi8k_aud_seq_len(num, den);
}
