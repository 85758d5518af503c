// SPDX-License-Identifier: LGPL-2.1-or-later
/* sdi8k-capture: the embedded audio of a recording (audtrack.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture/audtrack.h"

/* silence written a piece at a time */
#define AUDTRACK_ZERO_FRAMES	4800

static int wav_write(void *io, const uint8_t *buf, size_t len)
{
	struct audtrack *t = io;
	char m[8];

	return outfile_write(&t->wout, buf, len, m, sizeof(m));
}

static int64_t wav_seek(void *io, int64_t offset, int whence)
{
	struct audtrack *t = io;

	return outfile_seek(&t->wout, offset, whence);
}

/* an error of the WAV's own file: what the file said (else the writer's) */
static int wav_failed(struct audtrack *t, int err, char *msg, size_t msglen)
{
	if (t->wout.err) {
		snprintf(msg, msglen, "%s", strerror(-t->wout.err));
		err = t->wout.err;
	}
	return err;
}

int audtrack_init(struct audtrack *t, unsigned channels, int sequential,
		  const struct avout_lib *lib, const char *wav_path, char *msg, size_t msglen)
{
	struct avw_params p;
	char m[256];
	int err;

	memset(t, 0, sizeof(*t));
	t->wout.fd = -1;
	t->channels = channels;
	t->sequential = sequential;
	t->lib = lib;
	t->rate_num = 25;
	t->rate_den = 1;
	if (!channels)
		return 0;
	t->zeros = calloc((size_t)AUDTRACK_ZERO_FRAMES * channels, sizeof(int32_t));
	if (!t->zeros) {
		snprintf(msg, msglen, "out of memory");
		return -ENOMEM;
	}
	if (!wav_path)
		return 0;
	err = outfile_open(&t->wout, wav_path, msg, msglen);
	if (err)
		goto fail;
	memset(&p, 0, sizeof(p));
	p.container = AVW_WAV;
	p.audio_channels = channels;
	p.io = t;
	p.write = wav_write;
	p.seek = t->wout.is_stdout ? NULL : wav_seek;
	err = lib->open(&t->wav, &p, m, sizeof(m));
	if (err) {
		err = wav_failed(t, err, m, sizeof(m));
		snprintf(msg, msglen, "%s: %s", wav_path, m);
		outfile_abort(&t->wout);
		goto fail;
	}
	return 0;
fail:
	free(t->zeros);
	t->zeros = NULL;
	t->channels = 0;
	return err;
}

void audtrack_part(struct audtrack *t, uint32_t rate_num, uint32_t rate_den)
{
	t->wav_base += t->next;
	t->next = 0;
	t->have_card = 0;
	t->av = NULL;
	t->rate_num = rate_num && rate_den ? rate_num : 25;
	t->rate_den = rate_num && rate_den ? rate_den : 1;
}

void audtrack_resync(struct audtrack *t)
{
	t->have_card = 0;
}

/* the first sample of video frame vpts: 48000 x vpts x den / num, rounded */
static int64_t frame_sample(const struct audtrack *t, int64_t vpts)
{
	/* no overflow below 10^11 frames (a century at 30 frames/s) */
	return (vpts * 48000 * (int64_t)t->rate_den + t->rate_num / 2) / t->rate_num;
}

/* write n sample frames (s NULL: silence) at pts t->next to every output */
static int put(struct audtrack *t, const int32_t *s, uint64_t n, char *msg, size_t msglen)
{
	while (n) {
		uint32_t k = s ? (uint32_t)n : (uint32_t)(n < AUDTRACK_ZERO_FRAMES ?
							    n : AUDTRACK_ZERO_FRAMES);
		const int32_t *p = s ? s : t->zeros;
		int err;

		if (t->av) {
			err = t->lib->put_audio(t->av, p, k, t->next, msg, msglen);
			if (err)
				return err;
		}
		if (t->wav) {
			char m[256];

			err = t->lib->put_audio(t->wav, p, k, t->wav_base + t->next, m, sizeof(m));
			if (err) {
				err = wav_failed(t, err, m, sizeof(m));
				snprintf(msg, msglen, "%s: %s", outfile_name(&t->wout), m);
				return err;
			}
		}
		t->next += k;
		t->written += k;
		if (!s)
			t->silent += k;
		n -= k;
	}
	return 0;
}

int audtrack_frame(struct audtrack *t, const struct sdi8k_capture_audio *a, int64_t vpts,
		   char *msg, size_t msglen)
{
	int64_t at;
	int err;

	if (!t->channels)
		return 0;
	if (a->channels != t->channels) {
		snprintf(msg, msglen, "audio: %u channels from the library, %u asked for",
			 a->channels, t->channels);
		return -EIO;
	}
	if (t->sequential) {
		at = t->next;
	} else if (t->have_card && a->first_sample >= t->card_end) {
		/* the same stream: the samples of the frames dropped between */
		at = t->next + (int64_t)(a->first_sample - t->card_end);
	} else {
		/* the first frame of a stream: where its video frame is (or
		 * just after what is written, a sample or so later) */
		at = frame_sample(t, vpts);
		if (at < t->next)
			at = t->next;
	}
	err = put(t, NULL, (uint64_t)(at - t->next), msg, msglen);
	if (!err)
		err = put(t, a->samples, a->frames, msg, msglen);
	if (err)
		return err;
	t->silent += a->silent;
	t->restarts = a->restarts;
	t->card_end = a->first_sample + a->frames;
	t->have_card = 1;
	return 0;
}

int audtrack_fill(struct audtrack *t, int64_t vpts, char *msg, size_t msglen)
{
	int64_t end;

	if (!t->channels)
		return 0;
	t->have_card = 0;
	if (t->sequential)
		end = t->next + frame_sample(t, vpts + 1) - frame_sample(t, vpts);
	else
		end = frame_sample(t, vpts + 1);
	return end > t->next ? put(t, NULL, (uint64_t)(end - t->next), msg, msglen) : 0;
}

int audtrack_finish(struct audtrack *t, char *msg, size_t msglen)
{
	char m[256];
	int err = 0;

	if (t->wav) {
		err = t->lib->close(t->wav, m, sizeof(m));
		t->wav = NULL;
		if (err) {
			err = wav_failed(t, err, m, sizeof(m));
			snprintf(msg, msglen, "%s: %s", outfile_name(&t->wout), m);
		} else {
			err = outfile_commit(&t->wout, msg, msglen);
		}
		if (err)
			outfile_abort(&t->wout);
		t->wout.fd = -1;
	}
	free(t->zeros);
	t->zeros = NULL;
	return err;
}

void audtrack_abort(struct audtrack *t)
{
	if (t->wav) {
		t->lib->free(t->wav);
		t->wav = NULL;
		outfile_abort(&t->wout);
	}
	free(t->zeros);
	t->zeros = NULL;
}

const char *audtrack_wav_name(const struct audtrack *t)
{
	return t->wout.path[0] ? t->wout.path : "";
}
