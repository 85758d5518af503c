/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * sdi8k-capture --metadata FILE: the input's per-frame ancillary data as
 * JSON lines, one per video frame written, matched by sequence number.
 */
#ifndef SDI8K_UTILS_CAPTURE_SIDECAR_H
#define SDI8K_UTILS_CAPTURE_SIDECAR_H

#include <stddef.h>
#include <stdint.h>

#include <sdi8k/status.h>

#include "capture/gap.h"
#include "capture/scc.h"
#include "common/outfile.h"

struct sidecar {
	struct sdi8k_meta *meta;
	struct outfile out;
	int out_open;
	int have_pending;		/* pending: a buffer dequeued ahead */
	struct sdi8k_meta_frame pending;
	uint64_t lines;			/* written */
	uint64_t missing;		/* video frames without metadata */
	char *line;			/* formatting buffer */
	size_t line_cap;
	/* the time codes through a signal loss (sidecar_set_rate()) */
	uint32_t rate_num, rate_den;	/* 0: not counted */
	struct gap_tc wire;		/* the signal's, counted on in a gap */
	struct gap_tc rec;		/* the recording's: one a frame written */
	int have_wire, have_rec, have_seq;
	uint32_t last_seq;
	/* --scc: the frames' CEA-608 field 1 captions */
	struct scc scc;
	struct gap_tc count;		/* from 00:00:00:00, without a time code */
	int have_count;
	/* --cc-track: the last frame's CEA-608 triplets (sidecar_match()) */
	int want_cc;
	size_t cc_n;
	uint8_t cc[SCC_MAX_TRIPLETS * 3];
	/* a container's HDR10+: the last frame's ST 2094-40 T.35 payload */
	int want_h10p;
	size_t h10p_n;			/* 0: the frame carried none */
	uint8_t h10p[SDI8K_HDR10P_MAX_SIZE];
};

/*
 * Count time codes at rate_num / rate_den frames a second: each line then
 * also has "record_timecode", the recording's time code of its frame (the
 * first frame's label, counted on by one a frame and by the frames the
 * card dropped, through gaps: what the container's start time code and
 * the frame's position give; above 30 frames a second the frame count is
 * twice the label's plus the field mark, as FFmpeg counts). Fill lines
 * (sidecar_fill()) give the signal's time code counted on from the last
 * one it carried.
 */
void sidecar_set_rate(struct sidecar *s, uint32_t rate_num, uint32_t rate_den);

/*
 * Open the metadata node of the input whose video node is video_node and
 * the output path (written under a temporary name, renamed by
 * sidecar_commit()); path NULL: no file, the metadata only read for
 * sidecar_match(). 0, or a negative errno with a message.
 */
int sidecar_open(struct sidecar *s, const char *video_node, const char *path,
		 char *msg, size_t msglen);

/*
 * Also write the frames' CEA-608 field 1 captions to path as SCC (after
 * sidecar_open(); committed and removed with the sidecar), stamped with
 * the recording's time code (from 00:00:00:00 when the signal has none).
 * 0, or a negative errno with a message.
 */
int sidecar_scc_open(struct sidecar *s, const char *path, char *msg, size_t msglen);

/* Start streaming the metadata node (before the video node). */
int sidecar_start(struct sidecar *s, char *msg, size_t msglen);

/*
 * Write the line of the video frame with this sequence: the metadata
 * buffers before it are skipped, a missing one gives a line with
 * "metadata": null. 0, or a negative errno (write error) with a message.
 */
int sidecar_frame(struct sidecar *s, uint32_t sequence, int timeout_ms,
		  char *msg, size_t msglen);

/*
 * As sidecar_frame() (a line only with a file), and the frame's parsed
 * state copied to *hdr (have = 0: no metadata came for it). With want_cc
 * set, both also leave the frame's CEA-608 triplets in cc / cc_n
 * (scc_cc608_triplets(); cc_n 0 without any). With want_h10p set,
 * the frame's HDR10+ metadata is left in h10p / h10p_n as a T.35 payload
 * (sdi8k_hdr10plus_encode() of what the wire said; h10p_n 0 without).
 */
int sidecar_match(struct sidecar *s, uint32_t sequence, int timeout_ms,
		  struct sdi8k_hdr_state *hdr, char *msg, size_t msglen);

/*
 * The line of a fill frame written during a signal loss (a file only):
 * {"sequence": null, "fill": true, "timecode": TC or null, "field_mark": ...,
 * "record_timecode": ...} with the time code counted on from the last one
 * the signal carried.
 */
int sidecar_fill(struct sidecar *s, char *msg, size_t msglen);
/*
 * The video stream starts again (numbered from 0): the metadata buffers
 * of the stream before are dropped.
 */
void sidecar_resync(struct sidecar *s);
/* Stop streaming, commit the file (0 or -errno + msg); close. */
int sidecar_commit(struct sidecar *s, char *msg, size_t msglen);
/* Stop, remove the temporary file, close. */
void sidecar_abort(struct sidecar *s);

/*
 * Format the line of video frame `sequence` (newline included) from its
 * metadata buffer mf (NULL: none came; with one, "captions" is the
 * frame's CDP: null without one, else its field 1 and 2 pairs as hex
 * words, the count of valid DTVCC triplets and the services; a CDP that
 * does not decode adds "captions_error") into a malloc'ed *buf of *cap
 * bytes. A buffer already in *buf (from an earlier call, or NULL) is
 * freed and replaced; the caller frees the last one. Returns the length,
 * or -ENOMEM.
 */
int sidecar_format_line(char **buf, size_t *cap, uint32_t sequence,
			const struct sdi8k_meta_frame *mf);

#endif
