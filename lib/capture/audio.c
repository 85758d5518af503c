// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Audio with its video: the input's ALSA capture device read with
 * alsa-lib, each dequeued frame given its samples (avsync.h has the
 * numbering; docs/controls.md what the driver says).
 *
 * The device is the ALSA card sdi8k<last 8 hex digits of the card's
 * serial> (the driver's card id), device number = input number. The
 * capture's first sample is placed by the control SDI8K_ALSA_CTL_STREAM_START
 * (valid from the first period on), each video buffer by
 * SDI8K_CID_SEQUENCE_BASE + its sequence. An overrun (the application
 * was too slow for more than the ALSA buffer) restarts the capture at
 * once; the samples in between are silent. An audio capture that cannot
 * go on (signal gone, card gone) leaves the frames silent: the video
 * reports why.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <alsa/asoundlib.h>

#include "../../kernel/uapi/sdi8k.h"
#include "common/error.h"
#include "capture/internal.h"
#include "common/alsa-dev.h"

/* ALSA buffer and period (sample frames): 1 s, 10 ms */
#define AUD_BUFFER_FRAMES	48000
#define AUD_PERIOD_FRAMES	480
/* read ahead kept beyond the frame being completed: 2 s */
#define AUD_RING_FRAMES		96000

int64_t cap_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

SDI8K_API int sdi8k_capture_configure_audio(struct sdi8k_capture *c,
					    const struct sdi8k_capture_audio_config *cfg)
{
	unsigned ch = cfg ? cfg->channels : 0;

	if (!c)
		return sdi8k__fail(-EINVAL, "sdi8k_capture_configure_audio: NULL handle");
	if (c->streaming)
		return cap_fail(c, -EBUSY, "configure audio while streaming: stop first");
	if (ch && ch != 2 && ch != 8 && ch != 16)
		return cap_fail(c, -EINVAL, "%u audio channels: 2, 8 or 16", ch);
	if (cfg)
		for (size_t i = 0; i < sizeof(cfg->reserved) / sizeof(cfg->reserved[0]); i++)
			if (cfg->reserved[i])
				return cap_fail(c, -EINVAL, "audio configuration: "
						"reserved fields not 0");
	c->aud.channels = ch;
	return 0;
}

/* "hw:CARD=sdi8k<serial low 32 bits>,DEV=<input>" of the node's input */
static int aud_device(struct sdi8k_capture *c)
{
	struct cap_audio *a = &c->aud;
	char card[32], why[160];

	if (sdi8k__alsa_card(c->fd, c->name, card, sizeof(card), &a->input, why,
			     sizeof(why)))
		return cap_fail(c, -ENOENT, "audio: %s", why);
	snprintf(a->dev, sizeof(a->dev), "%s,DEV=%u", card, a->input);
	return 0;
}

static int aud_errno(int err)
{
	switch (err) {
	case -ENOENT: case -ENODEV: case -EIO: case -ENODATA: case -EBUSY:
	case -ENOMEM:
		return err;
	default:
		return -EIO;
	}
}

/* hardware and software parameters of the opened PCM */
static int aud_params(struct sdi8k_capture *c)
{
	struct cap_audio *a = &c->aud;
	snd_pcm_hw_params_t *hw;
	snd_pcm_sw_params_t *sw;
	snd_pcm_uframes_t period = AUD_PERIOD_FRAMES, buffer = AUD_BUFFER_FRAMES;
	int err;

	snd_pcm_hw_params_alloca(&hw);
	snd_pcm_sw_params_alloca(&sw);
	if ((err = snd_pcm_hw_params_any(a->pcm, hw)) < 0 ||
	    (err = snd_pcm_hw_params_set_access(a->pcm, hw,
						SND_PCM_ACCESS_RW_INTERLEAVED)) < 0 ||
	    (err = snd_pcm_hw_params_set_format(a->pcm, hw, SND_PCM_FORMAT_S32_LE)) < 0 ||
	    (err = snd_pcm_hw_params_set_channels(a->pcm, hw, a->channels)) < 0 ||
	    (err = snd_pcm_hw_params_set_rate(a->pcm, hw, 48000, 0)) < 0 ||
	    (err = snd_pcm_hw_params_set_period_size_near(a->pcm, hw, &period, NULL)) < 0 ||
	    (err = snd_pcm_hw_params_set_buffer_size_near(a->pcm, hw, &buffer)) < 0 ||
	    (err = snd_pcm_hw_params(a->pcm, hw)) < 0)
		return cap_fail(c, aud_errno(err), "audio %s: %u channels S32_LE "
				"48 kHz: %s", a->dev, a->channels, snd_strerror(err));
	/* started by the library, before the video */
	if ((err = snd_pcm_sw_params_current(a->pcm, sw)) < 0 ||
	    (err = snd_pcm_sw_params_set_start_threshold(a->pcm, sw, buffer * 2)) < 0 ||
	    (err = snd_pcm_sw_params_set_avail_min(a->pcm, sw, period)) < 0 ||
	    (err = snd_pcm_sw_params(a->pcm, sw)) < 0)
		return cap_fail(c, aud_errno(err), "audio %s: software parameters: %s",
				a->dev, snd_strerror(err));
	a->chunk_frames = period;
	return 0;
}

/* (re)start the capture: a new run, its start not known yet */
static int aud_run(struct sdi8k_capture *c)
{
	struct cap_audio *a = &c->aud;
	int err = snd_pcm_prepare(a->pcm);

	if (err >= 0)
		err = snd_pcm_start(a->pcm);
	if (err < 0)
		return err;
	a->start_known = 0;
	a->nread = 0;
	return 0;
}

/* the V4L2 control, the driver's alignment of the video: 0, or -errno */
static int aud_seq_base(struct sdi8k_capture *c, int64_t *v)
{
	struct v4l2_ext_control ctl = { .id = SDI8K_CID_SEQUENCE_BASE };
	struct v4l2_ext_controls ctls = {
		.which = V4L2_CTRL_ID2WHICH(SDI8K_CID_SEQUENCE_BASE),
		.count = 1,
		.controls = &ctl,
	};
	int err = cap_ioctl(c, VIDIOC_G_EXT_CTRLS, &ctls);

	*v = ctl.value64;
	return err;
}

int cap_audio_start(struct sdi8k_capture *c)
{
	struct cap_audio *a = &c->aud;
	int64_t base;
	size_t store;
	int err;

	if (!a->channels)
		return 0;
	a->rate_num = c->fmt.signal.rate_num;
	a->rate_den = c->fmt.signal.rate_den;
	a->frame_max = cap_aud_frame_max(a->rate_num, a->rate_den);
	if (!a->frame_max)
		return cap_fail(c, -EIO, "audio: the raster has no frame rate");
	/* the driver says where its frames and samples are, or no audio */
	if (aud_seq_base(c, &base))
		return cap_fail(c, -ENOTSUP, "audio: the driver has no sequence "
				"base control (SDI8K_CID_SEQUENCE_BASE): too old");
	err = aud_device(c);
	if (err)
		return err;
	err = snd_pcm_open(&a->pcm, a->dev, SND_PCM_STREAM_CAPTURE, SND_PCM_NONBLOCK);
	if (err < 0) {
		a->pcm = NULL;
		return cap_fail(c, aud_errno(err), "audio: opening %s: %s", a->dev,
				snd_strerror(err));
	}
	err = aud_params(c);
	if (err)
		goto fail;
	{
		char card[40];

		snprintf(card, sizeof(card), "%.*s", (int)strcspn(a->dev, ","),
			 a->dev);
		snd_ctl_elem_info_t *info;

		err = snd_ctl_open(&a->ctl, card, 0);
		if (err < 0) {
			a->ctl = NULL;
			err = cap_fail(c, aud_errno(err), "audio: control of %s: %s",
				       card, snd_strerror(err));
			goto fail;
		}
		/* the start control's third value, the cadence's phase
		 * (earlier drivers gave two: phase 0) */
		snd_ctl_elem_info_alloca(&info);
		snd_ctl_elem_info_set_interface(info, SND_CTL_ELEM_IFACE_PCM);
		snd_ctl_elem_info_set_device(info, a->input);
		snd_ctl_elem_info_set_name(info, SDI8K_ALSA_CTL_STREAM_START);
		a->start_has_phase = snd_ctl_elem_info(a->ctl, info) == 0 &&
				     snd_ctl_elem_info_get_count(info) >= 3;
	}
	store = (size_t)c->nbuf * a->frame_max * a->channels;
	a->chunk = malloc(a->chunk_frames * a->channels * sizeof(int32_t));
	a->store = calloc(store ? store : 1, sizeof(int32_t));
	err = cap_aring_init(&a->ring, a->channels, AUD_RING_FRAMES);
	if (err || !a->chunk || !a->store) {
		err = cap_fail(c, -ENOMEM, "audio: out of memory");
		goto fail;
	}
	err = aud_run(c);
	if (err < 0) {
		err = cap_fail(c, aud_errno(err), "audio: starting %s: %s", a->dev,
			       snd_strerror(err));
		goto fail;
	}
	a->dead = 0;
	a->restarts = 0;
	a->have_base = 0;
	a->have_pending = 0;
	memset(a->fa, 0, sizeof(a->fa));
	return 0;

fail:
	cap_audio_stop(c);
	return err;
}

void cap_audio_stop(struct sdi8k_capture *c)
{
	struct cap_audio *a = &c->aud;

	if (a->pcm) {
		snd_pcm_drop(a->pcm);
		snd_pcm_close(a->pcm);
	}
	if (a->ctl)
		snd_ctl_close(a->ctl);
	a->pcm = NULL;
	a->ctl = NULL;
	free(a->chunk);
	free(a->store);
	a->chunk = NULL;
	a->store = NULL;
	cap_aring_free(&a->ring);
	a->have_pending = 0;
}

/* The run's start from the driver: 1 known, 0 not yet, -errno. */
static int aud_read_start(struct sdi8k_capture *c)
{
	struct cap_audio *a = &c->aud;
	snd_ctl_elem_value_t *v;
	long long count, off, phase = 0;
	int err;

	snd_ctl_elem_value_alloca(&v);
	snd_ctl_elem_value_set_interface(v, SND_CTL_ELEM_IFACE_PCM);
	snd_ctl_elem_value_set_device(v, a->input);
	snd_ctl_elem_value_set_name(v, SDI8K_ALSA_CTL_STREAM_START);
	err = snd_ctl_elem_read(a->ctl, v);
	if (err < 0)
		return cap_fail(c, -ENOTSUP, "audio: control \"%s\" of %s: %s "
				"(a driver too old?)", SDI8K_ALSA_CTL_STREAM_START,
				a->dev, snd_strerror(err));
	count = snd_ctl_elem_value_get_integer64(v, 0);
	off = snd_ctl_elem_value_get_integer64(v, 1);
	if (a->start_has_phase)
		phase = snd_ctl_elem_value_get_integer64(v, 2);
	if (count < 0 || off < 0 || phase < 0)
		return 0;
	if ((uint64_t)phase >= cap_aud_seq_len(a->rate_num, a->rate_den))
		return cap_fail(c, -EIO, "audio: the driver gives phase %lld of an audio "
				"sequence of %u frames", phase,
				cap_aud_seq_len(a->rate_num, a->rate_den));
	a->phase = (uint32_t)phase;
	a->start_sample = cap_aud_frame_start((uint64_t)count, a->phase, a->rate_num,
					      a->rate_den) + (uint64_t)off;
	a->start_known = 1;
	return 1;
}

/* The audio cannot go on: the frames get silence (the video says why). */
static void aud_end(struct sdi8k_capture *c, int err)
{
	c->aud.dead = 1;
	snd_pcm_drop(c->aud.pcm);
	(void)err;
}

/*
 * Read until sample `to` is covered: 0, -EAGAIN (timeout 0) /
 * -ETIMEDOUT, or an error with its message.
 */
static int aud_fill(struct sdi8k_capture *c, uint64_t end_frame, int timeout_ms,
		    int64_t deadline)
{
	struct cap_audio *a = &c->aud;

	/* the samples before card frame end_frame (in the run's phase) */
	while (!a->dead && !(a->start_known &&
			     cap_aring_covers(&a->ring, cap_aud_frame_start(end_frame, a->phase,
									    a->rate_num,
									    a->rate_den)))) {
		snd_pcm_sframes_t n = 0;
		int64_t left = timeout_ms < 0 ? 1000 :
			       timeout_ms == 0 ? 0 : deadline - cap_now_ms();

		if (!a->start_known) {
			snd_pcm_sframes_t avail = snd_pcm_avail(a->pcm);
			int k = 0;

			if (avail > 0)
				k = aud_read_start(c);
			if (k < 0)
				return k;
			if (k == 0 && avail >= 0) {
				struct timespec ms = { 0, 1000000 };

				if (left <= 0)
					goto later;
				if (avail > 0)	/* samples, the record not seen yet */
					nanosleep(&ms, NULL);
				else
					snd_pcm_wait(a->pcm, left > 1000 ? 1000 : (int)left);
				continue;
			}
			n = avail < 0 ? avail : 0;
		}
		if (n == 0) {
			n = snd_pcm_readi(a->pcm, a->chunk, a->chunk_frames);
			if (n > 0) {
				cap_aring_push(&a->ring, a->start_sample + a->nread,
					       a->chunk, (size_t)n);
				a->nread += (uint64_t)n;
				continue;
			}
		}
		if (n == -EAGAIN || n == 0) {
			if (left <= 0)
				goto later;
			n = snd_pcm_wait(a->pcm, left > 1000 ? 1000 : (int)left);
			if (n >= 0)
				continue;
		}
		if (n == -EPIPE || n == -ESTRPIPE) {
			/* an overrun: a new run at once */
			a->restarts++;
			if (aud_run(c) == 0)
				continue;
		}
		aud_end(c, (int)n);
	}
	return 0;

later:
	if (timeout_ms == 0)
		return -EAGAIN;
	return cap_fail(c, -ETIMEDOUT, "the audio of a frame did not come within "
			"%d ms (%s)", timeout_ms, a->dev);
}

int cap_audio_frame(struct sdi8k_capture *c, const struct v4l2_buffer *vb,
		    int timeout_ms, int64_t deadline_ms)
{
	struct cap_audio *a = &c->aud;
	struct cap_frame_audio *fa = &a->fa[vb->index];
	uint64_t frame, from, to;
	int err;

	if (!a->pcm)
		return 0;
	if (!a->have_base) {
		int64_t base;

		err = aud_seq_base(c, &base);
		if (err || base < 0)
			return cap_fail(c, -EIO, "audio: the driver gives no sequence "
					"base for the stream's frames");
		a->seq_base = (uint64_t)base;
		a->have_base = 1;
	}
	frame = a->seq_base + vb->sequence;
	/* the run's start, with the cadence's phase, comes first */
	err = aud_fill(c, frame + 1, timeout_ms, deadline_ms);
	if (err)
		return err;
	from = cap_aud_frame_start(frame, a->phase, a->rate_num, a->rate_den);
	to = cap_aud_frame_start(frame + 1, a->phase, a->rate_num, a->rate_den);
	if (to - from > a->frame_max)
		return cap_fail(c, -EIO, "audio: frame %llu holds %llu samples",
				(unsigned long long)frame,
				(unsigned long long)(to - from));
	fa->frames = (uint32_t)(to - from);
	fa->card_frame = frame;
	fa->first_sample = from;
	fa->silent = (uint32_t)cap_aring_take(&a->ring, from, to,
					      a->store + (size_t)vb->index *
					      a->frame_max * a->channels);
	return 0;
}

SDI8K_API int sdi8k_capture_frame_audio(const struct sdi8k_capture *c,
					const struct sdi8k_capture_frame *f,
					struct sdi8k_capture_audio *out)
{
	const struct cap_audio *a;
	const struct cap_frame_audio *fa;

	if (!c || !f || !out)
		return sdi8k__fail(-EINVAL, "sdi8k_capture_frame_audio: NULL argument");
	a = &c->aud;
	if (!c->streaming || !a->pcm)
		return cap_fail(c, -EINVAL, "frame audio: a capture without audio");
	if (f->index >= c->nbuf || c->buf[f->index].queued ||
	    f->frame.data[0] != c->buf[f->index].addr ||
	    (a->have_pending && a->pending.index == f->index))
		return cap_fail(c, -EINVAL, "frame audio: a frame not held (buffer %u)",
				f->index);
	fa = &a->fa[f->index];
	memset(out, 0, sizeof(*out));
	out->samples = a->store + (size_t)f->index * a->frame_max * a->channels;
	out->frames = fa->frames;
	out->channels = a->channels;
	out->silent = fa->silent;
	out->restarts = a->restarts;
	out->card_frame = fa->card_frame;
	out->first_sample = fa->first_sample;
	return 0;
}
