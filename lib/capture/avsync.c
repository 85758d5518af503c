// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Audio with its video: the read-ahead ring by sample number (avsync.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "capture/avsync.h"

uint32_t cap_aud_frame_max(uint32_t num, uint32_t den)
{
	/* round(a + d) - round(a) <= floor(d) + 1 for d = 48000 den / num */
	return num ? (uint32_t)(48000ull * den / num) + 1 : 0;
}

int cap_aring_init(struct cap_aring *r, unsigned channels, size_t cap)
{
	memset(r, 0, sizeof(*r));
	if (!channels || !cap)
		return -EINVAL;
	r->buf = calloc(cap, (size_t)channels * sizeof(int32_t));
	if (!r->buf)
		return -ENOMEM;
	r->channels = channels;
	r->cap = cap;
	return 0;
}

void cap_aring_free(struct cap_aring *r)
{
	free(r->buf);
	memset(r, 0, sizeof(*r));
}

void cap_aring_reset(struct cap_aring *r)
{
	r->primed = 0;
	r->start = r->end = 0;
	r->nholes = 0;
}

/* start moved up: holes before it go, one across it is cut */
static void trim_holes(struct cap_aring *r)
{
	unsigned k = 0;

	while (k < r->nholes && r->hole[k][1] <= r->start)
		k++;
	if (k) {
		memmove(r->hole[0], r->hole[k], (r->nholes - k) * sizeof(r->hole[0]));
		r->nholes -= k;
	}
	if (r->nholes && r->hole[0][0] < r->start)
		r->hole[0][0] = r->start;
}

/* n sample frames of s (NULL: zeros) written at end */
static void put(struct cap_aring *r, const int32_t *s, size_t n)
{
	size_t fb = (size_t)r->channels * sizeof(int32_t);

	while (n) {
		size_t at = (size_t)(r->end % r->cap);
		size_t run = r->cap - at < n ? r->cap - at : n;

		if (s) {
			memcpy(r->buf + at * r->channels, s, run * fb);
			s += run * r->channels;
		} else {
			memset(r->buf + at * r->channels, 0, run * fb);
		}
		r->end += run;
		n -= run;
	}
	if (r->end - r->start > r->cap) {
		r->start = r->end - r->cap;
		trim_holes(r);
	}
}

/* [from, to) is missing: zeros written at end, and a hole */
static void add_hole(struct cap_aring *r, uint64_t from, uint64_t to)
{
	put(r, NULL, (size_t)(to - from));
	if (to <= r->start)	/* the gap pushed itself out */
		return;
	if (from < r->start)
		from = r->start;
	if (r->nholes && r->hole[r->nholes - 1][1] == from) {
		r->hole[r->nholes - 1][1] = to;
		return;
	}
	if (r->nholes == CAP_AHOLES) {
		/* the two oldest become one: the samples between them too */
		uint64_t a = r->hole[0][1], b = r->hole[1][0];

		for (uint64_t s = a; s < b; s++)
			memset(r->buf + (size_t)(s % r->cap) * r->channels, 0,
			       (size_t)r->channels * sizeof(int32_t));
		r->hole[1][0] = r->hole[0][0];
		memmove(r->hole[0], r->hole[1], (r->nholes - 1) * sizeof(r->hole[0]));
		r->nholes--;
	}
	r->hole[r->nholes][0] = from;
	r->hole[r->nholes][1] = to;
	r->nholes++;
}

void cap_aring_push(struct cap_aring *r, uint64_t at, const int32_t *s,
		    size_t n)
{
	if (!r->primed) {
		r->primed = 1;
		r->start = r->end = at;
		r->nholes = 0;
	}
	if (at < r->end) {	/* held or handed out already */
		uint64_t skip = r->end - at;

		if (skip >= n)
			return;
		s += (size_t)skip * r->channels;
		n -= (size_t)skip;
		at = r->end;
	}
	if (n > r->cap) {	/* only the last cap can stay */
		s += (n - r->cap) * r->channels;
		at += n - r->cap;
		n = r->cap;
	}
	if (at - r->end >= r->cap) {	/* all held is older than a ring */
		r->start = r->end = at;
		r->nholes = 0;
	} else if (at > r->end) {
		add_hole(r, r->end, at);
	}
	put(r, s, n);
}

size_t cap_aring_take(struct cap_aring *r, uint64_t from, uint64_t to,
		      int32_t *out)
{
	size_t fb = (size_t)r->channels * sizeof(int32_t), silent = 0;
	uint64_t lo, hi;

	if (to <= from)
		return 0;
	lo = r->primed && r->start > from ? r->start : from;
	hi = r->primed && r->end < to ? r->end : to;
	if (!r->primed || lo >= hi) {
		memset(out, 0, (size_t)(to - from) * fb);
		silent = (size_t)(to - from);
	} else {
		/* before what is held, what is held, after it */
		memset(out, 0, (size_t)(lo - from) * fb);
		silent += (size_t)(lo - from);
		for (uint64_t s = lo; s < hi;) {
			size_t at = (size_t)(s % r->cap);
			uint64_t run = r->cap - at < hi - s ? r->cap - at : hi - s;

			memcpy(out + (size_t)(s - from) * r->channels,
			       r->buf + at * r->channels, (size_t)run * fb);
			s += run;
		}
		memset(out + (size_t)(hi - from) * r->channels, 0,
		       (size_t)(to - hi) * fb);
		silent += (size_t)(to - hi);
		for (unsigned k = 0; k < r->nholes; k++) {
			uint64_t a = r->hole[k][0] > lo ? r->hole[k][0] : lo;
			uint64_t b = r->hole[k][1] < hi ? r->hole[k][1] : hi;

			if (a < b)
				silent += (size_t)(b - a);
		}
	}
	if (r->primed) {
		if (to >= r->end) {
			r->start = r->end = to;
			r->nholes = 0;
		} else if (to > r->start) {
			r->start = to;
			trim_holes(r);
		}
	}
	return silent;
}
