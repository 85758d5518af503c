/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* sdi8k-status: what is reported for one input, and how it is printed. */
#ifndef SDI8K_UTILS_STATUS_REPORT_H
#define SDI8K_UTILS_STATUS_REPORT_H

#include <stdio.h>

#include <sdi8k/status.h>

enum tc_state {
	TC_NOT_ASKED = 0,	/* --watch, --no-timecode */
	TC_OK,			/* tc / tc_sequence valid */
	TC_NONE,		/* frames came, without time code */
	TC_BUSY,		/* another process streams the input */
	TC_NO_SIGNAL,		/* nothing to stream */
	TC_ERROR,		/* tc_note says what failed */
};

struct status_report {
	char serial[SDI8K_SERIAL_LEN];
	char card_name[SDI8K_NAME_LEN];
	int card_index;			/* stable order; -1 unknown */
	unsigned input;
	char meta_node[SDI8K_PATH_LEN];
	int read_error;			/* sdi8k_status_read() failed: st
					 * holds only node; note says why */
	char note[256];
	struct sdi8k_input_status st;
	enum tc_state tc_state;
	struct sdi8k_timecode tc;
	uint32_t tc_sequence;		/* of the video frame it came with */
	unsigned frames_matched;	/* video frames with metadata */
	/* captions in the same frames (tc_state says whether they were read) */
	unsigned cc_frames;		/* frames with a CDP that decoded */
	unsigned cc_errors;		/* CDPs that did not decode */
	unsigned cc_608[2];		/* valid non-null 608 pairs, field 1, 2 */
	unsigned cc_dtvcc;		/* valid DTVCC triplets */
	unsigned cc_svc_count;		/* the last service information */
	struct sdi8k_cdp_service cc_svc[SDI8K_CDP_MAX_SVC];
};

/* Count one frame's CDP (from sdi8k_cdp_from_frame()'s result r). */
void report_count_captions(struct status_report *rep, int r,
			   const struct sdi8k_cdp *cdp);

/* "01:00:00:00" (";" before the frames when drop frame). */
char *report_timecode_text(const struct sdi8k_timecode *tc, char *buf, size_t size);

/* V4L2 colorimetry names: "bt2020", "smpte2084", "lim-range", ... */
const char *report_colorspace_name(uint32_t v);
const char *report_xfer_name(uint32_t v);
const char *report_ycbcr_name(uint32_t v);
const char *report_quant_name(uint32_t v);

/* The input as readable text (several lines). */
void report_print_text(FILE *fp, const struct status_report *r);

/* The input as one JSON object (pretty or one line), no newline after. */
struct jw;
void report_json(struct jw *j, const struct status_report *r);

/* Whether two reports differ in what --watch follows: everything read
 * from the video node (the time code is not followed). */
int report_changed(const struct status_report *a, const struct status_report *b);

#endif
