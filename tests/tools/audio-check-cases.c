// SPDX-License-Identifier: GPL-2.0-only
/*
 * audio-check-cases DIR: writes the recordings that check-audio-check.sh
 * gives sdi8k-audio-check --gaps, as bare 16-channel S32_LE sample frames
 * (its --raw 16): the simulated card's tones and markers (channel n a sine
 * at n x 500 Hz, the marker every SPACING frames), with runs of silence
 * put between the samples where a GStreamer source fills a jump in the
 * signal's time, some with a sample lost. Each file is named
 * NAME-SPACING-WANT.raw, WANT "ok" or "fail" (what the check must say).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NCH	16
#define PEAK	4194303
#define MARKER	0x7fffff

struct gap {
	long at;	/* before source sample frame @at */
	long len;	/* silent frames */
};

struct rec {
	const char *name;
	long spacing;
	long frames;		/* source sample frames */
	struct gap gaps[3];
	long lost;		/* a source frame left out, or -1 */
	int ok;
};

static const struct rec recs[] = {
	{ "none", 19200, 57600, { { 0 } }, -1, 1 },
	{ "gaps", 19200, 57600, { { 23040, 1920 }, { 40000, 3840 } }, -1, 1 },
	/* at a zero of every channel's tone (20 tone periods a 25p frame) */
	{ "at-zero", 19200, 57600, { { 96 * 300, 1920 } }, -1, 1 },
	/* ending just before a marker, which sits at a zero of the tone */
	{ "before-marker", 19200, 57600, { { 38400, 1920 } }, -1, 1 },
	{ "after-marker", 19200, 57600, { { 38401, 1920 } }, -1, 1 },
	{ "before-and-after", 19200, 76800, { { 19200, 1920 }, { 38401, 960 },
					     { 57600, 3840 } }, -1, 1 },
	/* 29.97: markers 16016 apart, off the tone's zeros */
	{ "before-marker-2997", 16016, 48048, { { 32032, 1602 } }, -1, 1 },
	{ "lost", 19200, 57600, { { 23040, 1920 } }, 30000, 0 },
	{ "lost-beside-gap", 19200, 57600, { { 38400, 1920 } }, 38405, 0 },
	/* the marker after the gap lost (a marker missing) */
	{ "lost-marker-after-gap", 19200, 76800, { { 38400, 1920 } }, 38400, 0 },
	/*
	 * Not here: a sample lost that was 0 on every channel (a zero of
	 * the tone), right beside the silence: no check can tell it from a
	 * run of silence one frame shorter.
	 */
};

static int32_t sine96[96];

static void frame(FILE *f, long s, long spacing)
{
	int32_t v[NCH];

	for (int c = 0; c < NCH; c++)
		v[c] = (s % spacing ? sine96[(s * (c + 1)) % 96] : MARKER) * 256;
	fwrite(v, sizeof(v), 1, f);
}

int main(int argc, char **argv)
{
	static const int32_t zero[NCH];
	char path[4096];

	if (argc != 2) {
		fprintf(stderr, "usage: audio-check-cases DIR\n");
		return 2;
	}
	for (int i = 0; i < 96; i++)
		sine96[i] = (int32_t)lround(PEAK * sin(2 * M_PI * i / 96));
	for (size_t r = 0; r < sizeof(recs) / sizeof(recs[0]); r++) {
		const struct rec *x = &recs[r];
		FILE *f;

		snprintf(path, sizeof(path), "%s/%s-%ld-%s.raw", argv[1], x->name, x->spacing,
			 x->ok ? "ok" : "fail");
		f = fopen(path, "wb");
		if (!f) {
			perror(path);
			return 1;
		}
		for (long s = 0; s < x->frames; s++) {
			for (int g = 0; g < 3; g++)
				if (x->gaps[g].len && x->gaps[g].at == s)
					for (long k = 0; k < x->gaps[g].len; k++)
						fwrite(zero, sizeof(zero), 1, f);
			if (s != x->lost)
				frame(f, s, x->spacing);
		}
		if (fclose(f)) {
			perror(path);
			return 1;
		}
	}
	return 0;
}
