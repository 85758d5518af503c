/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * sdi8k-capture: the embedded audio of a recording (--audio N): the
 * container's PCM track and/or a WAV file (--audio-file), each frame's
 * samples (libsdi8k's sdi8k_capture_frame_audio()) placed on the video's
 * timeline.
 *
 * Two ways of placing them:
 *   - on the timeline (a container, whose video keeps the gaps of dropped
 *     frames): a frame's first sample is the video frame's first sample;
 *     the audio of dropped frames, of fill frames during a signal loss and
 *     of the stretch before a restarted stream is silence, so the track
 *     runs continuously beside the video and never drifts from it;
 *   - in sequence (raw or Y4M video, which has no timestamps: a dropped
 *     frame is simply not there): the audio of the frames written, in
 *     order, with a fill frame's share of silence; a WAV that lines up
 *     with the raw file frame for frame.
 * The WAV goes on across the parts of a recording that a raster change
 * splits (the audio does not change with the raster).
 */
#ifndef SDI8K_UTILS_CAPTURE_AUDTRACK_H
#define SDI8K_UTILS_CAPTURE_AUDTRACK_H

#include <stddef.h>
#include <stdint.h>

#include <sdi8k/capture.h>

#include "common/outfile.h"
#include "capture/avout.h"

struct audtrack {
	unsigned channels;		/* 0: no audio */
	int sequential;			/* 1: in sequence (raw/Y4M), 0: timeline */
	const struct avout_lib *lib;
	struct avw *av;			/* the container's writer, or NULL */
	struct avw *wav;		/* the WAV's, or NULL */
	struct outfile wout;		/* the WAV file */
	int wav_err;			/* the WAV's first write error (wout.err) */
	uint32_t rate_num, rate_den;	/* the video's frames per second */
	int64_t next;			/* the part's next sample (pts) */
	int64_t wav_base;		/* WAV pts = part pts + this */
	uint64_t card_end;		/* the card's sample after the last frame */
	int have_card;			/* card_end is of this stream */
	int32_t *zeros;			/* AUDTRACK_ZERO_FRAMES x channels */
	/* totals */
	uint64_t written;		/* sample frames written (all of them) */
	uint64_t silent;		/* of them silence: not captured, the
					 * audio of dropped and fill frames */
	uint32_t restarts;		/* the library's audio overruns */
};

/*
 * Set up a track of channels (2, 8 or 16) with the writers' module lib;
 * wav_path: the WAV file to write too, or NULL. 0, or a negative errno with
 * a message (the WAV file could not be created).
 */
int audtrack_init(struct audtrack *t, unsigned channels, int sequential,
		  const struct avout_lib *lib, const char *wav_path, char *msg, size_t msglen);

/* A part of the recording starts: video pts 0 at rate_num / rate_den,
 * its container writer av (NULL: none, or not open yet). */
void audtrack_part(struct audtrack *t, uint32_t rate_num, uint32_t rate_den);

/* The stream started again (after a signal loss): the card's numbering
 * starts again too. */
void audtrack_resync(struct audtrack *t);

/*
 * The audio a of the live frame written at video pts vpts (on the
 * timeline; in sequence, the index of the frame in the part). 0, or a
 * negative errno with a message.
 */
int audtrack_frame(struct audtrack *t, const struct sdi8k_capture_audio *a, int64_t vpts,
		   char *msg, size_t msglen);

/* Silence for the fill frame written at video pts vpts. */
int audtrack_fill(struct audtrack *t, int64_t vpts, char *msg, size_t msglen);

/*
 * Finish the WAV (its header written with the length, renamed into place).
 * 0, or a negative errno with a message (the WAV is then removed).
 */
int audtrack_finish(struct audtrack *t, char *msg, size_t msglen);

/* Remove the WAV, free everything (after audtrack_finish: frees only). */
void audtrack_abort(struct audtrack *t);

/* "WAV: NAME" for the statistics, or "" */
const char *audtrack_wav_name(const struct audtrack *t);

#endif
