// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k-avsync-check: audio with its video through libsdi8k
 * (sdi8k_capture_configure_audio(), sdi8k_capture_frame_audio()) against
 * the simulated card's embedded audio (docs/test-pattern.md, "Embedded
 * audio"). For N frames:
 *
 *   - the frame's sample count is its ST 299 cadence count, by its card
 *     frame number f and the source's sequence position P of card frame
 *     0 (--phase, as the model was scripted: audio_sequence): 1920 at
 *     25p; 1602, 1601, 1602, 1601, 1602 ((f + P) mod 5) at 29.97; 801,
 *     801, 800, 801, 801 at 59.94; 2002 at 23.98 (in general A(f + P + 1)
 *     - A(f + P), A(m) = round(m x 48000 / rate)), its first sample
 *     number is A(f + P) - A(P), where the one before ended;
 *   - the model's marker 0x7FFFFF (read as 0x7FFFFF00) sits on the first
 *     sample of every frame with f mod 10 = 0, on every channel, and
 *     nowhere else;
 *   - every other sample is the model's tone for its sample number s:
 *     channel n (1-16) round((2^22 - 1) sin(2 pi ((s n) mod 96) / 96)),
 *     within 1 (the table's rounding): a sample placed one off anywhere
 *     fails;
 *   - no sample silent (not captured) after the first --lead frames, and
 *     no audio overrun.
 *
 * Usage: sdi8k-avsync-check -i NODE -r RASTER [-c CHANNELS] [-n FRAMES]
 *                           [-f FORMAT] [--lead N] [--phase P]
 * Prints "ok ..." with what it saw, or the first findings; exit status 0
 * when everything matches.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sdi8k/capture.h>

#define MARKER		((int32_t)0x7fffff00)
#define TONE_PEAK	4194303	/* 2^22 - 1 */
#define MAX_REPORT	5

static int sine96[96];
static unsigned findings;

#define finding(...) do {						\
		if (findings++ < MAX_REPORT)				\
			fprintf(stderr, __VA_ARGS__);			\
	} while (0)

static void usage(void)
{
	fprintf(stderr, "usage: sdi8k-avsync-check -i NODE -r RASTER [-c 2|8|16] "
		"[-n FRAMES] [-f FORMAT] [--lead N] [--phase 0-4]\n");
	exit(2);
}

/* the source's sequence position of card frame 0 (--phase) */
static unsigned phase;

/* samples before frame m of the source's sequence at num/den fps */
static uint64_t seq_start(uint64_t m, uint32_t num, uint32_t den)
{
	return (m * 48000 * den + num / 2) / num;
}

/*
 * the tool's own cadence: samples before card frame f, card frame 0 being
 * frame `phase` of a sequence (at rates without one the phase is moot)
 */
static uint64_t frame_start(uint64_t f, uint32_t num, uint32_t den)
{
	return seq_start(f + phase, num, den) - seq_start(phase, num, den);
}

static uint32_t cadence(uint64_t f, uint32_t num, uint32_t den)
{
	static const uint32_t c2997[] = { 1602, 1601, 1602, 1601, 1602 };
	static const uint32_t c5994[] = { 801, 801, 800, 801, 801 };
	uint32_t n = (uint32_t)(frame_start(f + 1, num, den) - frame_start(f, num, den));

	/* the ST 299 sequences as published, against the formula */
	if ((uint64_t)num * 1001 == 30000ull * den && n != c2997[(f + phase) % 5])
		finding("cadence formula %u at frame %llu, ST 299 says %u\n", n,
			(unsigned long long)f, c2997[(f + phase) % 5]);
	if ((uint64_t)num * 1001 == 60000ull * den && n != c5994[(f + phase) % 5])
		finding("cadence formula %u at frame %llu, ST 299 says %u\n", n,
			(unsigned long long)f, c5994[(f + phase) % 5]);
	return n;
}

static int tone_ok(int32_t v, uint64_t s, unsigned ch)
{
	long want = (long)sine96[(unsigned)((s % 96) * (ch + 1) % 96)] * 256;

	return labs((long)v - want) <= 256;
}

struct counts {
	uint64_t frames, samples, markers, silent, dropped;
	uint32_t min, max;
};

static void check_frame(const struct sdi8k_capture_frame *f,
			const struct sdi8k_capture_audio *a, uint32_t num,
			uint32_t den, unsigned lead, struct counts *k)
{
	uint32_t want = cadence(a->card_frame, num, den);
	int marked = a->card_frame % 10 == 0;

	if (a->frames != want)
		finding("frame %u (card frame %llu): %u samples, the cadence says %u\n",
			f->sequence, (unsigned long long)a->card_frame, a->frames, want);
	if (a->first_sample != frame_start(a->card_frame, num, den))
		finding("frame %u (card frame %llu): first sample %llu, the cadence "
			"says %llu\n", f->sequence, (unsigned long long)a->card_frame,
			(unsigned long long)a->first_sample,
			(unsigned long long)frame_start(a->card_frame, num, den));
	if (a->silent && k->frames >= lead)
		finding("frame %u (card frame %llu): %u of %u samples silent\n",
			f->sequence, (unsigned long long)a->card_frame, a->silent,
			a->frames);
	k->silent += a->silent;
	k->min = a->frames < k->min ? a->frames : k->min;
	k->max = a->frames > k->max ? a->frames : k->max;
	for (uint32_t i = 0; i < a->frames; i++) {
		const int32_t *s = a->samples + (size_t)i * a->channels;
		uint64_t sn = a->first_sample + i;
		int zero = 1;

		for (unsigned c = 0; c < a->channels; c++)
			zero &= s[c] == 0;
		if (zero && a->silent)
			continue;	/* not captured: counted above */
		for (unsigned c = 0; c < a->channels; c++) {
			if (s[c] == MARKER && i == 0 && marked)
				continue;
			if (s[c] == MARKER) {
				finding("frame %u (card frame %llu): marker on sample %u "
					"channel %u, not the first sample of a 10th frame\n",
					f->sequence, (unsigned long long)a->card_frame, i, c + 1);
				continue;
			}
			if (i == 0 && marked) {
				finding("frame %u (card frame %llu): no marker on its first "
					"sample, channel %u: 0x%08x\n", f->sequence,
					(unsigned long long)a->card_frame, c + 1,
					(unsigned)s[c]);
				continue;
			}
			if (!tone_ok(s[c], sn, c))
				finding("frame %u (card frame %llu): sample %u (number %llu) "
					"channel %u is 0x%08x, not the tone's 0x%08x\n",
					f->sequence, (unsigned long long)a->card_frame, i,
					(unsigned long long)sn, c + 1, (unsigned)s[c],
					(unsigned)(sine96[(unsigned)((sn % 96) * (c + 1) % 96)] * 256));
		}
		if (i == 0 && marked && s[0] == MARKER)
			k->markers++;
	}
	k->samples += a->frames;
	k->frames++;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "lead", required_argument, NULL, 'L' },
		{ "phase", required_argument, NULL, 'P' },
		{ NULL, 0, NULL, 0 },
	};
	struct sdi8k_capture_config cfg = { .format = SDI8K_FMT_V210 };
	struct sdi8k_capture_audio_config acfg = { .channels = 16 };
	struct counts k = { .min = UINT32_MAX };
	const char *node = NULL, *raster = NULL;
	struct sdi8k_capture_format fmt;
	struct sdi8k_capture *c = NULL;
	unsigned frames = 100, lead = 1, restarts = 0;
	uint64_t last_card = 0, last_end = 0;
	int opt, err;

	while ((opt = getopt_long(argc, argv, "i:r:c:n:f:", longopts, NULL)) != -1) {
		switch (opt) {
		case 'i': node = optarg; break;
		case 'r': raster = optarg; break;
		case 'c': acfg.channels = (unsigned)atoi(optarg); break;
		case 'n': frames = (unsigned)atoi(optarg); break;
		case 'f':
			cfg.format = sdi8k_format_from_name(optarg);
			if (!sdi8k_capture_fourcc(cfg.format))
				usage();
			break;
		case 'L': lead = (unsigned)atoi(optarg); break;
		case 'P':
			phase = (unsigned)atoi(optarg);
			if (phase > 4)
				usage();
			break;
		default: usage();
		}
	}
	if (!node || !raster || optind != argc || !frames ||
	    strlen(raster) >= sizeof(cfg.raster))
		usage();
	strcpy(cfg.raster, raster);
	for (int i = 0; i < 96; i++)
		sine96[i] = (int)lround(TONE_PEAK * sin(2 * M_PI * (double)i / 96));

	err = sdi8k_capture_open(node, &c);
	if (!err)
		err = sdi8k_capture_configure(c, &cfg);
	if (!err)
		err = sdi8k_capture_configure_audio(c, &acfg);
	if (!err)
		err = sdi8k_capture_get_format(c, &fmt);
	if (!err)
		err = sdi8k_capture_start(c);
	for (unsigned n = 0; !err && n < frames; n++) {
		struct sdi8k_capture_frame f;
		struct sdi8k_capture_audio a;

		err = sdi8k_capture_dequeue(c, &f, 2000);
		if (err)
			break;
		err = sdi8k_capture_frame_audio(c, &f, &a);
		if (!err) {
			if (a.channels != acfg.channels)
				finding("frame %u: %u channels, asked for %u\n",
					f.sequence, a.channels, acfg.channels);
			if (n && a.card_frame != last_card + 1 + f.dropped)
				finding("frame %u: card frame %llu after %llu with %u "
					"dropped\n", f.sequence,
					(unsigned long long)a.card_frame,
					(unsigned long long)last_card, f.dropped);
			if (n && !f.dropped && a.first_sample != last_end)
				finding("frame %u: first sample %llu, the frame before "
					"ended at %llu\n", f.sequence,
					(unsigned long long)a.first_sample,
					(unsigned long long)last_end);
			check_frame(&f, &a, fmt.signal.rate_num, fmt.signal.rate_den,
				    lead, &k);
			k.dropped += f.dropped;
			last_card = a.card_frame;
			last_end = a.first_sample + a.frames;
			restarts = a.restarts;
		}
		if (sdi8k_capture_release(c, &f) && !err)
			err = -EIO;
	}
	if (err) {
		fprintf(stderr, "sdi8k-avsync-check: %s\n", sdi8k_last_error());
		sdi8k_capture_close(c);
		return 1;
	}
	sdi8k_capture_close(c);
	if (restarts)
		finding("%u audio overruns\n", restarts);
	if (k.frames >= 10 && k.markers < k.frames / 10 - 1)
		finding("%llu markers in %llu frames\n", (unsigned long long)k.markers,
			(unsigned long long)k.frames);
	if (findings) {
		fprintf(stderr, "sdi8k-avsync-check: %u findings in %llu frames\n",
			findings, (unsigned long long)k.frames);
		return 1;
	}
	printf("ok %s: %llu frames (%llu dropped), %u channels, %u..%u samples a "
	       "frame in the cadence, %llu markers on their frame's first sample, "
	       "%llu samples silent\n", fmt.signal.name, (unsigned long long)k.frames,
	       (unsigned long long)k.dropped, acfg.channels, k.min, k.max,
	       (unsigned long long)k.markers, (unsigned long long)k.silent);
	return 0;
}
