// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Audio with its video (lib/capture/avsync.c): the ST 299 cadence the
 * library takes from the kernel's table, and the read-ahead ring that
 * hands each video frame its samples, against a simulated card whose
 * sample s of channel c is a value of its own (never 0): at 25, 29.97,
 * 59.94 and 23.98, audio starting before, with or after the video, read
 * in chunks of any size, video frames dropped, an audio overrun (a gap,
 * then a new run), more gaps than the ring tracks, and a ring overflow.
 * In every frame handed out, every sample is the card's sample of that
 * number or 0, and `silent` counts exactly the zeros.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "capture/avsync.h"

#define CH 8

struct rate {
	uint32_t num, den;
};

static const struct rate rates[] = {
	{ 25, 1 }, { 30000, 1001 }, { 60000, 1001 }, { 24000, 1001 },
};

static int32_t gen(uint64_t s, unsigned c)
{
	return (int32_t)(uint32_t)((((uint32_t)s * 16u + c) << 8) | 0x100u);
}

/* n sample frames from sample number at, in chunks of `chunk` */
static void deliver(struct cap_aring *r, uint64_t at, size_t n, size_t chunk)
{
	int32_t *b = malloc(chunk * CH * sizeof(*b));

	cr_assert_not_null(b);
	while (n) {
		size_t k = n < chunk ? n : chunk;

		for (size_t i = 0; i < k; i++)
			for (unsigned c = 0; c < CH; c++)
				b[i * CH + c] = gen(at + i, c);
		cap_aring_push(r, at, b, k);
		at += k;
		n -= k;
	}
	free(b);
}

/*
 * The source's sequence need not begin at card frame 0: in phase p, frame
 * n holds the count of sequence frame (n + p) mod 5, frame 0 starts at
 * sample 0, and the samples stay exact over any length.
 */
Test(avsync, cadence_phase)
{
	static const uint32_t c2997[] = { 1602, 1601, 1602, 1601, 1602 };
	static const uint32_t c5994[] = { 801, 801, 800, 801, 801 };

	cr_assert_eq(cap_aud_seq_len(30000, 1001), 5);
	cr_assert_eq(cap_aud_seq_len(60000, 1001), 5);
	cr_assert_eq(cap_aud_seq_len(120000, 1001), 5);
	cr_assert_eq(cap_aud_seq_len(120000, 2002), 5);
	cr_assert_eq(cap_aud_seq_len(24000, 1001), 1);
	cr_assert_eq(cap_aud_seq_len(25, 1), 1);
	cr_assert_eq(cap_aud_seq_len(50, 1), 1);
	cr_assert_eq(cap_aud_seq_len(0, 1), 1);
	for (uint32_t p = 0; p < 5; p++) {
		uint64_t sum = 0;

		cr_assert_eq(cap_aud_frame_start(0, p, 30000, 1001), 0);
		for (uint64_t n = 0; n < 10000; n++) {
			uint64_t a = cap_aud_frame_start(n, p, 30000, 1001);
			uint64_t b = cap_aud_frame_start(n + 1, p, 30000, 1001);

			cr_assert_eq(a, sum, "phase %u frame %llu", p, (unsigned long long)n);
			cr_assert_eq(b - a, c2997[(n + p) % 5], "29.97 phase %u frame %llu", p,
				     (unsigned long long)n);
			cr_assert_eq(cap_aud_frame_start(n + 1, p, 60000, 1001) -
				     cap_aud_frame_start(n, p, 60000, 1001), c5994[(n + p) % 5],
				     "59.94 phase %u frame %llu", p, (unsigned long long)n);
			sum = b;
		}
		/* whole sequences from frame 0 are exact: 30000 frames, 1001 s */
		cr_assert_eq(cap_aud_frame_start(30000, p, 30000, 1001), 48000ull * 1001);
		/* no phase at rates of equal frames */
		cr_assert_eq(cap_aud_frame_start(7, p, 25, 1), 7 * 1920);
	}
}

/*
 * Take video frame f and check it: the cadence count, every sample the
 * card's or 0, silent the number of zeros (want_silent >= 0: that many).
 */
static size_t take_frame(struct cap_aring *r, const struct rate *rt, uint64_t f,
			 long want_silent)
{
	uint64_t from = cap_aud_frame_start(f, 0, rt->num, rt->den);
	uint64_t to = cap_aud_frame_start(f + 1, 0, rt->num, rt->den);
	size_t n = (size_t)(to - from), zeros = 0, silent;
	int32_t *out = malloc((n ? n : 1) * CH * sizeof(*out));

	cr_assert_not_null(out);
	cr_assert_leq(n, cap_aud_frame_max(rt->num, rt->den));
	silent = cap_aring_take(r, from, to, out);
	for (size_t i = 0; i < n; i++) {
		int zero = out[i * CH] == 0;

		zeros += zero;
		for (unsigned c = 0; c < CH; c++)
			cr_assert_eq(out[i * CH + c], zero ? 0 : gen(from + i, c),
				     "%u/%u frame %llu sample %zu channel %u: %d",
				     rt->num, rt->den, (unsigned long long)f, i, c,
				     out[i * CH + c]);
	}
	cr_assert_eq(silent, zeros, "%u/%u frame %llu: silent %zu, %zu zeros",
		     rt->num, rt->den, (unsigned long long)f, silent, zeros);
	if (want_silent >= 0)
		cr_assert_eq(silent, (size_t)want_silent,
			     "%u/%u frame %llu: silent %zu, want %ld", rt->num,
			     rt->den, (unsigned long long)f, silent, want_silent);
	free(out);
	return silent;
}

Test(avsync, cadence)
{
	static const uint32_t c2997[] = { 1602, 1601, 1602, 1601, 1602 };
	static const uint32_t c5994[] = { 801, 801, 800, 801, 801 };

	for (uint64_t n = 0; n < 100000; n++) {
		uint64_t a = cap_aud_frame_start(n, 0, 30000, 1001);
		uint64_t b = cap_aud_frame_start(n + 1, 0, 30000, 1001);

		cr_assert_eq(b - a, c2997[n % 5], "29.97 frame %llu", (unsigned long long)n);
		a = cap_aud_frame_start(n, 0, 60000, 1001);
		b = cap_aud_frame_start(n + 1, 0, 60000, 1001);
		cr_assert_eq(b - a, c5994[n % 5], "59.94 frame %llu", (unsigned long long)n);
		cr_assert_eq(cap_aud_frame_start(n + 1, 0, 25, 1) - cap_aud_frame_start(n, 0, 25, 1), 1920);
		cr_assert_eq(cap_aud_frame_start(n + 1, 0, 24000, 1001) -
			     cap_aud_frame_start(n, 0, 24000, 1001), 2002);
	}
	/* exact over any length: 30000 frames of 29.97 are 1001 s */
	cr_assert_eq(cap_aud_frame_start(30000, 0, 30000, 1001), 48000ull * 1001);
	cr_assert_eq(cap_aud_frame_start(3000000, 0, 60000, 1001), 48000ull * 50050);
	/* the same rate spelt otherwise: the same cadence */
	for (uint64_t n = 0; n < 1000; n++)
		cr_assert_eq(cap_aud_frame_start(n, 0, 60000, 1001),
			     cap_aud_frame_start(n, 0, 120000, 2002));
	cr_assert_eq(cap_aud_frame_start(5, 0, 0, 1), 0);
	cr_assert_eq(cap_aud_frame_max(0, 1), 0);
	for (size_t k = 0; k < sizeof(rates) / sizeof(rates[0]); k++)
		cr_assert_geq(cap_aud_frame_max(rates[k].num, rates[k].den),
			      48000ull * rates[k].den / rates[k].num);
}

/*
 * A capture at each rate: video from card frame f0, audio from card frame
 * fa at offset off, read `chunk` at a time just far enough for each frame
 * (as the library reads), frames `drop_every` dropped; the silent samples
 * are those before the audio's start.
 */
static void run(const struct rate *rt, uint64_t f0, uint64_t fa, uint32_t off,
		size_t chunk, unsigned drop_every)
{
	struct cap_aring r;
	uint64_t a0 = cap_aud_frame_start(fa, 0, rt->num, rt->den) + off;
	uint64_t next = a0;

	cr_assert_eq(cap_aring_init(&r, CH, 96000), 0);
	for (uint64_t f = f0; f < f0 + 400; f++) {
		uint64_t from = cap_aud_frame_start(f, 0, rt->num, rt->den);
		uint64_t to = cap_aud_frame_start(f + 1, 0, rt->num, rt->den);
		long want = to <= a0 ? (long)(to - from) :
			    from >= a0 ? 0 : (long)(a0 - from);

		while (!cap_aring_covers(&r, to)) {
			deliver(&r, next, chunk, chunk);
			next += chunk;
		}
		if (drop_every && (f - f0) % drop_every == drop_every - 1)
			continue;	/* the video frame never came */
		take_frame(&r, rt, f, want);
	}
	cap_aring_free(&r);
}

Test(avsync, audio_before_video)
{
	for (size_t k = 0; k < sizeof(rates) / sizeof(rates[0]); k++) {
		run(&rates[k], 1000, 997, 0, 480, 0);
		run(&rates[k], 7, 0, 0, 1000, 0);
		run(&rates[k], 123456789, 123456780, 0, 17, 0);
	}
}

Test(avsync, audio_after_video)
{
	for (size_t k = 0; k < sizeof(rates) / sizeof(rates[0]); k++) {
		run(&rates[k], 1000, 1003, 0, 480, 0);
		/* a start within a frame (not what the card does, handled) */
		run(&rates[k], 1000, 1003, 500, 333, 0);
		run(&rates[k], 1000, 1000, 0, 4096, 0);
	}
}

Test(avsync, video_drops)
{
	for (size_t k = 0; k < sizeof(rates) / sizeof(rates[0]); k++) {
		run(&rates[k], 50, 48, 0, 480, 7);
		run(&rates[k], 50, 48, 0, 960, 2);
	}
}

/*
 * An overrun at each rate: the run read up to sample `stop`, the next run
 * starts `gap` samples later (at a period boundary of the card, anywhere
 * in a frame): the frames across the gap have exactly the gap's samples
 * silent, all others none.
 */
Test(avsync, overrun_gap)
{
	static const uint64_t gaps[] = { 1, 479, 1602, 5000, 20000 };

	for (size_t k = 0; k < sizeof(rates) / sizeof(rates[0]); k++) {
		const struct rate *rt = &rates[k];

		for (size_t g = 0; g < sizeof(gaps) / sizeof(gaps[0]); g++) {
			struct cap_aring r;
			uint64_t a0 = cap_aud_frame_start(100, 0, rt->num, rt->den);
			uint64_t stop = a0 + 48000 + 77, resume = stop + gaps[g];
			uint64_t next = a0;

			cr_assert_eq(cap_aring_init(&r, CH, 96000), 0);
			for (uint64_t f = 100; f < 300; f++) {
				uint64_t from = cap_aud_frame_start(f, 0, rt->num, rt->den);
				uint64_t to = cap_aud_frame_start(f + 1, 0, rt->num, rt->den);
				uint64_t lo = from > stop ? from : stop;
				uint64_t hi = to < resume ? to : resume;

				while (!cap_aring_covers(&r, to)) {
					size_t n = 480;

					if (next < stop && next + n > stop)
						n = (size_t)(stop - next);
					if (next == stop)
						next = resume;
					deliver(&r, next, n, n);
					next += n;
				}
				take_frame(&r, rt, f, lo < hi ? (long)(hi - lo) : 0);
			}
			cap_aring_free(&r);
		}
	}
}

/* more gaps than the ring tracks before a frame is taken: still exact */
Test(avsync, many_gaps)
{
	const struct rate *rt = &rates[1];
	struct cap_aring r;
	uint64_t s = cap_aud_frame_start(10, 0, rt->num, rt->den);
	size_t silent;

	cr_assert_eq(cap_aring_init(&r, CH, 96000), 0);
	/* 3 samples every 5 over the frame: 2 missing each time */
	for (unsigned i = 0; i < 400; i++)
		deliver(&r, s + 5 * i, 3, 3);
	silent = take_frame(&r, rt, 10, -1);
	cr_assert_geq(silent, 1602u * 2 / 5 - 2);
	take_frame(&r, rt, 11, -1);
	cap_aring_free(&r);
}

/* a ring too small for what was read: the oldest samples are silent */
Test(avsync, ring_overflow)
{
	const struct rate *rt = &rates[0];
	struct cap_aring r;

	cr_assert_eq(cap_aring_init(&r, CH, 3000), 0);
	deliver(&r, 0, 1920 * 3, 480);	/* frames 0-2 read, 2760.. kept */
	take_frame(&r, rt, 0, 1920);
	take_frame(&r, rt, 1, 2760 - 1920);
	take_frame(&r, rt, 2, 0);
	/* one push larger than the ring: 12760..15760 kept */
	deliver(&r, 1920 * 3, 10000, 10000);
	take_frame(&r, rt, 3, 1920);
	take_frame(&r, rt, 5, 1920);
	/* samples pushed again (overlap) are ignored */
	deliver(&r, 0, 100, 100);
	take_frame(&r, rt, 6, 12760 - 11520);
	take_frame(&r, rt, 7, 0);
	cap_aring_free(&r);
}

Test(avsync, arguments)
{
	struct cap_aring r;

	cr_assert_eq(cap_aring_init(&r, 0, 10), -EINVAL);
	cr_assert_eq(cap_aring_init(&r, 2, 0), -EINVAL);
	cr_assert_eq(cap_aring_init(&r, 2, 10), 0);
	cr_assert(!cap_aring_covers(&r, 0), "nothing pushed: nothing covered");
	cap_aring_reset(&r);
	cap_aring_free(&r);
	cap_aring_free(&r);	/* twice: harmless */
}
