// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k-audio-check: checks a WAV file recorded from an sdi8k input's
 * embedded audio (arecord -f S32_LE -r 48000; or 24-bit PCM, as
 * sdi8k-capture --audio-file writes it) against what the simulated
 * card sends (docs/test-pattern.md, "Embedded audio"):
 *
 *   - channel n (1-16) of a group sent is a sine at n x 500 Hz: its
 *     frequency from its zero crossings, and every sample exactly the
 *     model's round((2^22 - 1) sin(2 pi ((s n) mod 96) / 96)) (within 1,
 *     the table's rounding) for one sample number s counting up by one a
 *     sample frame: a sample lost or repeated anywhere fails;
 *   - the marker 0x7FFFFF (full scale) on every sounding channel on the
 *     first sample of every 10th video frame, exactly --spacing sample
 *     frames apart (480000 x den / num: 19200 at 25p, 16016 at 29.97);
 *   - channels of groups not sent (--groups), and every channel with
 *     --silent, are 0 throughout.
 *
 * With --gaps, silence put between the samples (sample frames 0 on every
 * channel where the tone goes on: a GStreamer source's filler where the
 * signal's time jumped) is taken out before the checks above, and said:
 * the samples around it must still follow on from each other.
 *
 * Usage: sdi8k-audio-check [--groups DIGITS|none] [--silent] [--gaps]
 *                          [--spacing N] [--min-seconds S] [--raw CHANNELS]
 *                          FILE.wav
 *                          [--damaged OFFSET/FRAME_LEN]
 * (--raw: FILE holds bare interleaved S32_LE sample frames, no header;
 * --damaged: group 1's sample OFFSET of every video frame of FRAME_LEN
 * samples, counted from a marker, was damaged on the wire (the model's
 * audio_fault): it must be silence, 0, on channels 1-4)
 * Prints one line of findings; exit status 0 when everything matches.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RATE		48000
#define MAX_CH		16
#define MARKER		0x7fffff
#define TONE_PEAK	4194303	/* 2^22 - 1 */

static int sine96[96];

static uint32_t le32(const unsigned char *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static void usage(void)
{
	fprintf(stderr, "usage: sdi8k-audio-check [--groups DIGITS|none] [--silent] [--gaps] [--spacing N] [--min-seconds S] [--raw CHANNELS] [--damaged OFFSET/FRAME_LEN] FILE.wav\n");
	exit(2);
}

/* the WAV's samples: S32_LE, @channels interleaved; returns frames */
static size_t read_wav(const char *path, unsigned int raw,
		       unsigned int *channels, int32_t **samples)
{
	unsigned char hdr[12], ch[8], fmt[40];
	unsigned int nch = 0, bits = 32, rate = 0, tag = 0, width;
	size_t got, cap, n = 0;
	int32_t *s;
	FILE *f = fopen(path, "rb");

	if (!f) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		exit(1);
	}
	if (raw) {
		nch = raw;
		goto data;
	}
	if (fread(hdr, 1, 12, f) != 12 || memcmp(hdr, "RIFF", 4) ||
	    memcmp(hdr + 8, "WAVE", 4)) {
		fprintf(stderr, "%s: not a RIFF WAVE file\n", path);
		exit(1);
	}
	for (;;) {
		uint32_t len;

		if (fread(ch, 1, 8, f) != 8) {
			fprintf(stderr, "%s: no data chunk\n", path);
			exit(1);
		}
		len = le32(ch + 4);
		if (!memcmp(ch, "fmt ", 4)) {
			size_t want = len < sizeof(fmt) ? len : sizeof(fmt);

			if (len < 16 || fread(fmt, 1, want, f) != want) {
				fprintf(stderr, "%s: short fmt chunk\n", path);
				exit(1);
			}
			tag = le16(fmt);
			nch = le16(fmt + 2);
			rate = le32(fmt + 4);
			bits = le16(fmt + 14);
			if (len > want)
				fseek(f, (long)(len - want), SEEK_CUR);
			if (len & 1)
				fseek(f, 1, SEEK_CUR);
		} else if (!memcmp(ch, "data", 4)) {
			break;
		} else {
			fseek(f, (long)len + (len & 1), SEEK_CUR);
		}
	}
	if ((tag != 1 && tag != 0xfffe) || (bits != 32 && bits != 24) || rate != RATE ||
	    !nch || nch > MAX_CH) {
		fprintf(stderr, "%s: format %#x, %u bits, %u Hz, %u channels: want 32- or 24-bit PCM at %u Hz, 1-%u channels\n",
			path, tag, bits, rate, nch, RATE, MAX_CH);
		exit(1);
	}
data:
	/* up to the end: an interrupted arecord leaves the length unset */
	width = bits == 24 ? 3 : 4;
	cap = 1 << 20;
	s = malloc(cap * sizeof(*s));
	for (;;) {
		unsigned char buf[4096];

		got = fread(buf, 1, sizeof(buf) / 12 * 12, f);
		if (!got)
			break;
		for (size_t i = 0; i + width <= got; i += width) {
			if (n == cap) {
				cap *= 2;
				s = realloc(s, cap * sizeof(*s));
			}
			if (!s) {
				fprintf(stderr, "out of memory\n");
				exit(1);
			}
			/* 24-bit (sdi8k-capture's WAV): as S32, the low byte 0 */
			s[n++] = width == 3 ? (int32_t)((uint32_t)buf[i] << 8 |
							(uint32_t)buf[i + 1] << 16 |
							(uint32_t)buf[i + 2] << 24) :
				 (int32_t)le32(buf + i);
		}
	}
	fclose(f);
	*channels = nch;
	*samples = s;
	return n / nch;
}

/*
 * The tone's sample number at frame 0 (mod 96), from channel @c's first
 * 96 samples: the best match, its hits in *@hits.
 */
static int tone_phase(const int32_t *s, unsigned int nch, unsigned int c, size_t *hits)
{
	unsigned int n = c + 1;
	int best = -1;

	*hits = 0;
	for (int p = 0; p < 96; p++) {
		size_t h = 0;

		for (size_t i = 0; i < 96; i++)
			if (abs((s[i * nch + c] >> 8) - sine96[((p + i) * n) % 96]) <= 1)
				h++;
		if (h > *hits) {
			*hits = h;
			best = p;
		}
	}
	return best;
}

/* channel @c's tone at sample number @r from phase @phase */
static int tone_at(unsigned int c, int phase, size_t r)
{
	return sine96[((phase + r) % 96) * (c + 1) % 96];
}

/* frame @f is 0 on all its @nch channels */
static int silent(const int32_t *f, unsigned int nch)
{
	for (unsigned int ch = 0; ch < nch; ch++)
		if (f[ch])
			return 0;
	return 1;
}

/* frame @f fits channel @c's tone value @want (a marker fits anywhere) */
static int fits(const int32_t *f, unsigned int c, int want)
{
	int v = f[c] >> 8;

	return v == MARKER || abs(v - want) <= 1;
}

/*
 * --gaps: a run of sample frames silent on every channel is taken out,
 * but for the tone's own sample that the run may hold: at the instants
 * where every channel's tone is zero (every 48 samples), a silent frame
 * is the tone's as well. The run keeps that one frame when the frames
 * after the run then go on with the tone (markers fit anywhere), else
 * none: a run that ends just before a marker, or starts just after one,
 * at a zero of the tone, is then taken out whole, where a frame-by-frame
 * test kept one frame too many. Returns the frames left; the frames taken
 * out and the runs they made in *@gone and *@runs.
 */
static size_t take_out_gaps(int32_t *s, unsigned int nch, size_t frames, unsigned int c,
			    int phase, size_t *gone, size_t *runs)
{
	size_t r = 0, i = 0, j, k, keep;

	*gone = 0;
	*runs = 0;
	while (i < frames) {
		if (!silent(s + i * nch, nch)) {
			j = i + 1;
			keep = 1;
		} else {
			/* a silent run [i, j) */
			for (j = i + 1; j < frames && silent(s + j * nch, nch); j++)
				;
			keep = 0;
			if (abs(tone_at(c, phase, r)) <= 1) {
				/* the tone's zero is in the run if what follows fits after it */
				size_t fit0 = 0, fit1 = 0;

				for (k = 0; k < 8 && j + k < frames; k++) {
					fit0 += fits(s + (j + k) * nch, c, tone_at(c, phase, r + k));
					fit1 += fits(s + (j + k) * nch, c, tone_at(c, phase, r + 1 + k));
				}
				keep = fit1 >= fit0;
			}
			if (j - i > keep) {
				*gone += j - i - keep;
				(*runs)++;
			}
		}
		/* frame i stays (a sounding frame, or the tone's zero) */
		if (keep) {
			if (r != i)
				memmove(s + r * nch, s + i * nch, nch * sizeof(*s));
			r++;
		}
		i = j;
	}
	return r;
}

int main(int argc, char **argv)
{
	unsigned int groups = 0xf, nch, c, raw = 0;
	long dmg_at = -1, dmg_len = 0;
	long spacing = 19200;
	double min_seconds = 0;
	int silent = 0, gaps = 0, bad = 0;
	const char *path = NULL;
	int32_t *s;
	size_t frames, i;
	char out[4096];
	size_t ol = 0;

	for (int a = 1; a < argc; a++) {
		if (!strcmp(argv[a], "--groups") && a + 1 < argc) {
			const char *g = argv[++a];

			groups = 0;
			if (strcmp(g, "none"))
				for (; *g; g++) {
					if (*g < '1' || *g > '4')
						usage();
					groups |= 1u << (*g - '1');
				}
		} else if (!strcmp(argv[a], "--silent")) {
			silent = 1;
		} else if (!strcmp(argv[a], "--gaps")) {
			gaps = 1;
		} else if (!strcmp(argv[a], "--spacing") && a + 1 < argc) {
			spacing = strtol(argv[++a], NULL, 0);
		} else if (!strcmp(argv[a], "--damaged") && a + 1 < argc) {
			if (sscanf(argv[++a], "%ld/%ld", &dmg_at, &dmg_len) != 2 ||
			    dmg_at < 0 || dmg_len <= dmg_at)
				usage();
		} else if (!strcmp(argv[a], "--raw") && a + 1 < argc) {
			raw = (unsigned int)strtoul(argv[++a], NULL, 0);
			if (!raw || raw > MAX_CH)
				usage();
		} else if (!strcmp(argv[a], "--min-seconds") && a + 1 < argc) {
			min_seconds = strtod(argv[++a], NULL);
		} else if (argv[a][0] != '-' && !path) {
			path = argv[a];
		} else {
			usage();
		}
	}
	if (!path || spacing <= 0)
		usage();
	for (i = 0; i < 96; i++)
		sine96[i] = (int)lround(TONE_PEAK * sin(2 * M_PI * (double)i / 96));

	frames = read_wav(path, raw, &nch, &s);
#define SAY(...) (ol += (size_t)snprintf(out + ol, ol < sizeof(out) ? sizeof(out) - ol : 0, __VA_ARGS__))
	SAY("%u channels, %zu frames (%.2f s):", nch, frames, (double)frames / RATE);

	int first_sounding = -1;

	for (c = 0; c < nch; c++)
		if (!silent && (groups & (1u << (c / 4)))) {
			first_sounding = (int)c;
			break;
		}
	if (gaps && first_sounding >= 0 && frames >= 96) {
		size_t hits, gone, runs;
		int p = tone_phase(s, nch, (unsigned int)first_sounding, &hits);

		if (hits >= 90) {
			frames = take_out_gaps(s, nch, frames, (unsigned int)first_sounding, p,
					       &gone, &runs);
			SAY(" %zu silent frames in %zu gaps taken out, %zu left;", gone, runs, frames);
		}
	}
	if ((double)frames < min_seconds * RATE) {
		SAY(" FAIL shorter than %.2f s;", min_seconds);
		bad = 1;
	}
	/* the low 8 bits are always 0 */
	for (i = 0; i < frames * nch; i++)
		if (s[i] & 0xff) {
			SAY(" FAIL sample %zu (frame %zu channel %zu) 0x%08x: low byte not 0;",
			    i, i / nch, i % nch + 1, (uint32_t)s[i]);
			bad = 1;
			break;
		}

	/* markers: frames where every sounding channel is full scale */
	long first_mark = -1, marks = 0, last_mark = -1;

	if (first_sounding >= 0) {
		for (i = 0; i < frames; i++) {
			int all = 1;

			for (c = 0; c < nch; c++) {
				int sounding = !silent && (groups & (1u << (c / 4)));
				int v = s[i * nch + c] >> 8;

				if (sounding && v != MARKER)
					all = 0;
				if (sounding && v == MARKER && s[i * nch + first_sounding] >> 8 != MARKER) {
					SAY(" FAIL frame %zu: a marker on channel %u only;", i, c + 1);
					bad = 1;
				}
			}
			if (!all)
				continue;
			if (last_mark >= 0 && (long)i - last_mark != spacing) {
				SAY(" FAIL markers at frames %ld and %zu: %ld apart, want %ld;",
				    last_mark, i, (long)i - last_mark, spacing);
				bad = 1;
			}
			if (first_mark < 0)
				first_mark = (long)i;
			last_mark = (long)i;
			marks++;
		}
		if ((long)frames > spacing + (first_mark < 0 ? spacing : first_mark) && marks < 2) {
			SAY(" FAIL %ld markers in %zu frames (spacing %ld);", marks, frames, spacing);
			bad = 1;
		}
		if (first_mark >= 0 && first_mark > spacing) {
			SAY(" FAIL first marker at frame %ld, after %ld;", first_mark, spacing);
			bad = 1;
		}
		SAY(" %ld markers %ld apart from frame %ld;", marks, spacing, first_mark);
	}

	/* the sample number's phase: from channel 1 (or the first sounding) */
	int phase = -1;

	if (first_sounding >= 0 && frames >= 96) {
		unsigned int n = (unsigned int)first_sounding + 1;
		size_t best_hits;
		int best = tone_phase(s, nch, (unsigned int)first_sounding, &best_hits);

		if (best_hits < 90) {
			SAY(" FAIL channel %u does not follow the tone table (best phase %d: %zu of 96 samples);",
			    n, best, best_hits);
			bad = 1;
		} else {
			phase = best;
		}
	}

	for (c = 0; c < nch; c++) {
		int sounding = !silent && (groups & (1u << (c / 4)));
		size_t wrong = 0, first_wrong = 0, crossings = 0, damaged = 0;
		int prev = 0, peak = 0;

		for (i = 0; i < frames; i++) {
			int v = s[i * nch + c] >> 8;

			if (!sounding) {
				if (v && !wrong++)
					first_wrong = i;
				continue;
			}
			if (v == MARKER)
				continue;
			if (dmg_at >= 0 && c < 4 && first_mark >= 0 &&
			    (((long)i - first_mark) % dmg_len + dmg_len) % dmg_len == dmg_at) {
				if (v) {
					if (!wrong++)
						first_wrong = i;
				} else {
					damaged++;
				}
				continue;
			}
			if (abs(v) > peak)
				peak = abs(v);
			if (i && ((prev < 0 && v >= 0) || (prev >= 0 && v < 0)))
				crossings++;
			prev = v;
			if (phase >= 0) {
				int want = sine96[((phase + i) % 96) * (c + 1) % 96];

				if (abs(v - want) > 1 && !wrong++)
					first_wrong = i;
			}
		}
		if (!sounding) {
			if (wrong) {
				SAY(" FAIL channel %u: %zu samples not silent, first at frame %zu;",
				    c + 1, wrong, first_wrong);
				bad = 1;
			}
			continue;
		}
		double hz = frames > 1 ? crossings * (double)RATE / 2 / (double)(frames - 1) : 0;
		double want_hz = 500.0 * (c + 1);

		if (frames >= RATE / 10 && fabs(hz - want_hz) > want_hz * 0.02) {
			SAY(" FAIL channel %u at %.0f Hz, want %.0f;", c + 1, hz, want_hz);
			bad = 1;
		}
		/* the table entries channel n visits: multiples of n mod 96 */
		int want_peak = 0;

		for (i = 0; i < 96; i++)
			if (abs(sine96[i * (c + 1) % 96]) > want_peak)
				want_peak = abs(sine96[i * (c + 1) % 96]);
		if (abs(peak - want_peak) > 1) {
			SAY(" FAIL channel %u peak %d, want %d;", c + 1, peak, want_peak);
			bad = 1;
		}
		if (wrong) {
			SAY(" FAIL channel %u: %zu samples off the tone (a sample lost or repeated), first at frame %zu;",
			    c + 1, wrong, first_wrong);
			bad = 1;
		}
		if (dmg_at >= 0 && c < 4 && !damaged) {
			SAY(" FAIL channel %u: no damaged sample silenced (first marker %ld);",
			    c + 1, first_mark);
			bad = 1;
		}
		if (c < 3 || c == nch - 1)
			SAY(" ch%u %.0f Hz%s;", c + 1, hz, damaged ? ", damaged samples silent" : "");
	}
	SAY(" %s", bad ? "FAIL" : "OK");
	puts(out);
	free(s);
	return bad;
}
