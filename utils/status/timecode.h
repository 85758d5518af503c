/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* sdi8k-status: the time code of the latest frame, by streaming a few. */
#ifndef SDI8K_UTILS_STATUS_TIMECODE_H
#define SDI8K_UTILS_STATUS_TIMECODE_H

#include "status/report.h"

/*
 * Stream `frames` frames from the input's video and metadata nodes (the
 * metadata first, then the video, both stopped afterwards) and set
 * r->tc_state, r->tc, r->tc_sequence and r->frames_matched from the last
 * metadata buffer whose sequence matches a video frame's. A busy input
 * (-EBUSY) gives TC_BUSY, no signal TC_NO_SIGNAL, other failures TC_ERROR
 * with the message in r->note.
 */
void status_read_timecode(struct status_report *r, unsigned frames);

#endif
