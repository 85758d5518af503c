// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k-bench-avsync: how close the embedded audio is to its video, and how
 * steady the audio's clock and interrupts are (issue 16: "audio-to-video
 * offset (marker sample vs. its frame's timestamp) and its spread over a
 * minute; period interrupt jitter"). A benchmark: it prints figures and
 * fails only when it cannot measure.
 *
 * Usage: sdi8k-bench-avsync -i VIDEO-NODE -D ALSA-PCM [-t SECONDS] [-c CHANNELS]
 *
 * The video through libsdi8k (start-of-frame timestamps, CLOCK_MONOTONIC;
 * the card's frame count of each buffer from SDI8K_CID_SEQUENCE_BASE), the
 * audio straight from the input's ALSA device (S32_LE, 48 kHz, 10 ms
 * periods) with the driver's hardware pointer timestamped by ALSA
 * (CLOCK_MONOTONIC, taken as the pointer is read):
 *   - offset: the time of each marker sample (the model puts one on the
 *     first sample of every 10th frame, docs/test-pattern.md) less the
 *     timestamp of the frame it starts: "sampled", the marker's time
 *     worked back at 48 kHz from the pointer/timestamp pair read just
 *     after it arrived (a card that delivers samples as they come: its
 *     audio pipeline's latency against its video's), and "available", the
 *     time of that reading itself (when an application could have the
 *     sample). Both should be constant: the spread is what matters. The
 *     card model delivers each frame's samples at once as the frame starts
 *     (its engine runs a frame at a time), so there "sampled" comes out a
 *     frame period early and "available" is the delivery latency;
 *   - the audio clock: samples per second against CLOCK_MONOTONIC (a
 *     least-squares line through every pointer/timestamp pair), and how
 *     far the pairs stray from that line (pointer jitter);
 *   - the period wake-ups: the intervals at which poll() woke with a
 *     period to read (the period interrupt plus the scheduler), against
 *     10 ms.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/ioctl.h>
#include <linux/videodev2.h>
#include <alsa/asoundlib.h>

#include <sdi8k/capture.h>
#include "../kernel/uapi/sdi8k.h"

#define RATE		48000
#define PERIOD		480
#define MARKER		0x7fffff
#define MAX_FRAMES	(1 << 16)
#define MAX_PAIRS	(1 << 18)
#define MAX_MARKS	(1 << 14)

struct vframe {
	int64_t card;		/* the card's frame count */
	int64_t t;		/* start of frame, ns */
};

struct pair {
	int64_t pos;		/* sample frames captured up to the pointer */
	int64_t t;		/* when the pointer was there, ns */
};

static struct vframe frames[MAX_FRAMES];
static struct pair pairs[MAX_PAIRS];
static int64_t marks[MAX_MARKS];
static int64_t wakes[MAX_PAIRS];

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int64_t seq_base(int fd)
{
	struct v4l2_ext_control ctl = { .id = SDI8K_CID_SEQUENCE_BASE };
	struct v4l2_ext_controls ctls = {
		.which = V4L2_CTRL_ID2WHICH(SDI8K_CID_SEQUENCE_BASE),
		.count = 1,
		.controls = &ctl,
	};

	return ioctl(fd, VIDIOC_G_EXT_CTRLS, &ctls) ? -1 : ctl.value64;
}

static void usage(void)
{
	fprintf(stderr, "usage: sdi8k-bench-avsync -i VIDEO-NODE -D ALSA-PCM [-t SECONDS] "
		"[-c CHANNELS]\n");
	exit(2);
}

static int die_alsa(const char *what, int err)
{
	fprintf(stderr, "sdi8k-bench-avsync: %s: %s\n", what, snd_strerror(err));
	return 1;
}

struct stats {
	double mean, sd, min, max;
	long n;
};

static struct stats stats_of(const double *v, long n)
{
	struct stats s = { 0, 0, INFINITY, -INFINITY, n };

	for (long i = 0; i < n; i++) {
		s.mean += v[i];
		s.min = v[i] < s.min ? v[i] : s.min;
		s.max = v[i] > s.max ? v[i] : s.max;
	}
	s.mean = n ? s.mean / n : 0;
	for (long i = 0; i < n; i++)
		s.sd += (v[i] - s.mean) * (v[i] - s.mean);
	s.sd = n > 1 ? sqrt(s.sd / (n - 1)) : 0;
	return s;
}

int main(int argc, char **argv)
{
	const char *node = NULL, *pcm_name = NULL;
	double seconds = 60;
	unsigned ch = 2;
	struct sdi8k_capture *c = NULL;
	struct sdi8k_capture_config cfg = { .format = SDI8K_FMT_UYVY, .buffers = 8 };
	struct sdi8k_capture_format fmt;
	snd_pcm_t *pcm;
	snd_pcm_hw_params_t *hw;
	snd_pcm_sw_params_t *sw;
	snd_pcm_status_t *status;
	snd_pcm_uframes_t period = PERIOD, buffer = RATE;
	int32_t *buf;
	long nframes = 0, npairs = 0, nmarks = 0, nwakes = 0;
	int64_t pos = 0, base = -1, t_end;
	int opt, err, vfd;

	while ((opt = getopt(argc, argv, "i:D:t:c:")) != -1) {
		switch (opt) {
		case 'i': node = optarg; break;
		case 'D': pcm_name = optarg; break;
		case 't': seconds = strtod(optarg, NULL); break;
		case 'c': ch = (unsigned)strtoul(optarg, NULL, 0); break;
		default: usage();
		}
	}
	if (!node || !pcm_name || seconds <= 0 || (ch != 2 && ch != 8 && ch != 16))
		usage();

	if (sdi8k_capture_open(node, &c) || sdi8k_capture_configure(c, &cfg) ||
	    sdi8k_capture_get_format(c, &fmt)) {
		fprintf(stderr, "sdi8k-bench-avsync: %s\n", sdi8k_last_error());
		return 1;
	}
	vfd = sdi8k_capture_fd(c);

	if ((err = snd_pcm_open(&pcm, pcm_name, SND_PCM_STREAM_CAPTURE, SND_PCM_NONBLOCK)) < 0)
		return die_alsa(pcm_name, err);
	snd_pcm_hw_params_alloca(&hw);
	snd_pcm_sw_params_alloca(&sw);
	snd_pcm_status_alloca(&status);
	if ((err = snd_pcm_hw_params_any(pcm, hw)) < 0 ||
	    (err = snd_pcm_hw_params_set_access(pcm, hw, SND_PCM_ACCESS_RW_INTERLEAVED)) < 0 ||
	    (err = snd_pcm_hw_params_set_format(pcm, hw, SND_PCM_FORMAT_S32_LE)) < 0 ||
	    (err = snd_pcm_hw_params_set_channels(pcm, hw, ch)) < 0 ||
	    (err = snd_pcm_hw_params_set_rate(pcm, hw, RATE, 0)) < 0 ||
	    (err = snd_pcm_hw_params_set_period_size_near(pcm, hw, &period, NULL)) < 0 ||
	    (err = snd_pcm_hw_params_set_buffer_size_near(pcm, hw, &buffer)) < 0 ||
	    (err = snd_pcm_hw_params(pcm, hw)) < 0)
		return die_alsa("hardware parameters", err);
	if ((err = snd_pcm_sw_params_current(pcm, sw)) < 0 ||
	    (err = snd_pcm_sw_params_set_tstamp_mode(pcm, sw, SND_PCM_TSTAMP_ENABLE)) < 0 ||
	    (err = snd_pcm_sw_params_set_tstamp_type(pcm, sw,
						      SND_PCM_TSTAMP_TYPE_MONOTONIC)) < 0 ||
	    (err = snd_pcm_sw_params_set_avail_min(pcm, sw, period)) < 0 ||
	    (err = snd_pcm_sw_params(pcm, sw)) < 0)
		return die_alsa("software parameters", err);
	buf = malloc(sizeof(*buf) * ch * buffer);
	if (!buf)
		return 1;

	/* the audio first (as libsdi8k does), then the video */
	if ((err = snd_pcm_start(pcm)) < 0)
		return die_alsa("start", err);
	if (sdi8k_capture_start(c)) {
		fprintf(stderr, "sdi8k-bench-avsync: %s\n", sdi8k_last_error());
		return 1;
	}
	t_end = now_ns() + (int64_t)(seconds * 1e9);
	while (now_ns() < t_end) {
		struct pollfd pfd[8];
		int na = snd_pcm_poll_descriptors(pcm, pfd + 1, 7);
		unsigned short rev;

		pfd[0].fd = vfd;
		pfd[0].events = POLLIN;
		if (poll(pfd, (nfds_t)na + 1, 1000) < 0 && errno != EINTR)
			break;
		if (pfd[0].revents & POLLIN) {
			struct sdi8k_capture_frame f;

			while (!sdi8k_capture_dequeue(c, &f, 0)) {
				if (base < 0)
					base = seq_base(vfd);
				if (base >= 0 && nframes < MAX_FRAMES) {
					frames[nframes].card = base + f.sequence;
					frames[nframes++].t = (int64_t)f.timestamp_ns;
				}
				sdi8k_capture_release(c, &f);
			}
		}
		snd_pcm_poll_descriptors_revents(pcm, pfd + 1, (unsigned)na, &rev);
		if (!(rev & POLLIN))
			continue;
		if (nwakes < MAX_PAIRS)
			wakes[nwakes++] = now_ns();
		for (;;) {
			snd_pcm_sframes_t n = snd_pcm_readi(pcm, buf, buffer);

			if (n == -EAGAIN || n == 0)
				break;
			if (n < 0) {
				fprintf(stderr, "sdi8k-bench-avsync: audio: %s\n", snd_strerror((int)n));
				return 1;
			}
			for (snd_pcm_sframes_t i = 0; i < n; i++)
				if (buf[i * ch] >> 8 == MARKER && nmarks < MAX_MARKS)
					marks[nmarks++] = pos + i;
			pos += n;
		}
		/* where the pointer is, and when it was read */
		if (snd_pcm_status(pcm, status) == 0 && npairs < MAX_PAIRS) {
			snd_htimestamp_t ts;

			snd_pcm_status_get_htstamp(status, &ts);
			pairs[npairs].pos = pos + (int64_t)snd_pcm_status_get_avail(status);
			pairs[npairs++].t = (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
		}
	}
	sdi8k_capture_stop(c);
	snd_pcm_close(pcm);

	if (nframes < 20 || nmarks < 2 || npairs < 10) {
		fprintf(stderr, "sdi8k-bench-avsync: too little to measure: %ld frames, %ld markers, "
			"%ld pointer readings\n", nframes, nmarks, npairs);
		return 1;
	}

	/* the audio clock: least squares t = a + pos / rate */
	double sx = 0, sy = 0, sxx = 0, sxy = 0, slope, icpt, rate;
	double *res = malloc(sizeof(double) * (size_t)(npairs > nmarks ? npairs : nmarks + nwakes));

	if (!res)
		return 1;
	for (long i = 0; i < npairs; i++) {
		double x = (double)(pairs[i].pos - pairs[0].pos);
		double y = (double)(pairs[i].t - pairs[0].t) / 1e9;

		sx += x;
		sy += y;
		sxx += x * x;
		sxy += x * y;
	}
	slope = (npairs * sxy - sx * sy) / (npairs * sxx - sx * sx);
	icpt = (sy - slope * sx) / npairs;
	rate = 1 / slope;
	for (long i = 0; i < npairs; i++)
		res[i] = ((double)(pairs[i].t - pairs[0].t) / 1e9 -
			  (icpt + slope * (double)(pairs[i].pos - pairs[0].pos))) * 1e3;
	struct stats ps = stats_of(res, npairs);

	/* each marker: its time from the first reading at or after it, less
	 * the timestamp of the nearest frame whose card count is a multiple
	 * of 10 (the model's markers) */
	long nm = 0, unmatched = 0;
	long j = 0;
	double *avail = malloc(sizeof(double) * (size_t)nmarks);

	if (!avail)
		return 1;

	for (long m = 0; m < nmarks; m++) {
		while (j < npairs && pairs[j].pos <= marks[m])
			j++;
		if (j == npairs)
			break;
		double tm = (double)pairs[j].t - (double)(pairs[j].pos - marks[m]) * 1e9 / RATE;
		double best = INFINITY;

		for (long k = 0; k < nframes; k++) {
			double d = tm - (double)frames[k].t;

			if (frames[k].card % 10 == 0 && fabs(d) < fabs(best))
				best = d;
		}
		if (!isfinite(best) || fabs(best) > 5e8 * (double)fmt.signal.rate_den /
						   fmt.signal.rate_num * 10) {
			unmatched++;
			continue;
		}
		/* the same frame's timestamp: tm - best */
		avail[nm] = ((double)pairs[j].t - (tm - best)) / 1e6;
		res[nm++] = best / 1e6;
	}
	struct stats os = stats_of(res, nm);
	struct stats as = stats_of(avail, nm);

	free(avail);

	for (long i = 1; i < nwakes; i++)
		res[i - 1] = (double)(wakes[i] - wakes[i - 1]) / 1e6;
	struct stats ws = stats_of(res, nwakes - 1);

	printf("bench-avsync: %s %s, %u channels, %.1f s: %ld frames, %ld markers (%ld "
	       "without their frame), %" PRId64 " samples\n", sdi8k_capture_name(c),
	       fmt.signal.name, ch, seconds, nframes, nmarks, unmatched, pos);
	printf("  sampled     marker sample - its frame's timestamp: mean %+.3f ms, sd %.3f ms, "
	       "min %+.3f, max %+.3f: spread %.3f ms (%ld markers)\n",
	       os.mean, os.sd, os.min, os.max, os.max - os.min, os.n);
	printf("  available   marker readable - its frame's timestamp: mean %+.3f ms, sd %.3f ms, "
	       "min %+.3f, max %+.3f: spread %.3f ms\n",
	       as.mean, as.sd, as.min, as.max, as.max - as.min);
	printf("  audio clock %.2f samples/s against CLOCK_MONOTONIC (%+.0f ppm)\n", rate,
	       (rate / RATE - 1) * 1e6);
	printf("  pointer     hardware pointer readings off that line: sd %.3f ms, min %+.3f, "
	       "max %+.3f (%ld readings)\n", ps.sd, ps.min, ps.max, ps.n);
	printf("  periods     wake-ups with a period to read (interrupt + scheduling, %d "
	       "samples = %.1f ms): mean %.3f ms, sd %.3f ms, min %.3f, max %.3f (%ld)\n",
	       PERIOD, PERIOD * 1e3 / RATE, ws.mean, ws.sd, ws.min, ws.max, ws.n);
	free(res);
	free(buf);
	sdi8k_capture_close(c);
	return 0;
}
