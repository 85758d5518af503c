/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * sdi8k-capture --scc FILE: the CEA-608 field 1 captions (CC1/CC2) of the
 * input's CEA-708 CDPs as a Scenarist SCC V1.0 file, what caption tools
 * and FFmpeg's scc demuxer read:
 *
 *   Scenarist_SCC V1.0
 *
 *   01:00:02:00<TAB>9420 9420 94ae 94ae 9470 9470 c845 4c4c cf80 942f 942f
 *
 * One line for each run of frames carrying non-null field 1 pairs, stamped
 * with the recording's time code of the frame whose pair starts it; null
 * pairs (0x80 0x80), frames without a pair where one was due, and dropped,
 * missing or fill frames end a line.
 */
#ifndef SDI8K_UTILS_CAPTURE_SCC_H
#define SDI8K_UTILS_CAPTURE_SCC_H

#include <stddef.h>
#include <stdint.h>

#include <sdi8k/anc.h>

#include "capture/gap.h"
#include "common/outfile.h"

struct scc {
	struct outfile out;
	int open;
	int in_line;		/* a line started, not ended */
	int end_due;		/* a line ended: its "\n\n" not written yet */
	unsigned without;	/* frames in a row without a valid field 1 pair */
	uint64_t lines, pairs;	/* written */
};

/*
 * Open path (written under a temporary name, renamed by scc_commit()) and
 * write the header. 0, or a negative errno with a message.
 */
int scc_open(struct scc *s, const char *path, char *msg, size_t msglen);

/*
 * The field 1 pairs of one frame (cdp NULL: the frame had no CDP) at the
 * recording's time code tc (its label starts a line). Above 30 frames a
 * second (tc->pairs) one frame without a pair between two with one does
 * not end a line. 0, or a negative errno (write error) with a message.
 */
int scc_frame(struct scc *s, const struct sdi8k_cdp *cdp, const struct gap_tc *tc,
	      char *msg, size_t msglen);

/* One pair (the two bytes as sent, parity included) at tc. */
int scc_pair(struct scc *s, uint8_t b0, uint8_t b1, const struct gap_tc *tc,
	     char *msg, size_t msglen);

#define SCC_MAX_TRIPLETS SDI8K_CDP_MAX_CC

/*
 * The frame's CEA-608 pairs as cc_data triplets for a QuickTime caption
 * track (sdi8k-capture --cc-track): 0xfc and the pair for field 1, 0xfd
 * and the pair for field 2, in the CDP's order; invalid triplets, DTVCC
 * and null pairs (0x80 0x80) left out, as FFmpeg's scc demuxer gives an
 * SCC file's pairs (which holds none). cdp may be NULL. The count.
 */
size_t scc_cc608_triplets(const struct sdi8k_cdp *cdp, uint8_t out[SCC_MAX_TRIPLETS * 3]);

/* End the current line (a dropped, missing or fill frame; a new part). */
void scc_break(struct scc *s);

/* End the last line, close and rename into place. 0, or -errno + msg. */
int scc_commit(struct scc *s, char *msg, size_t msglen);

/* Remove the temporary file. Safe to call twice, and on a closed one. */
void scc_abort(struct scc *s);

const char *scc_name(const struct scc *s);

#endif
