// SPDX-License-Identifier: LGPL-2.1-or-later
/* sdi8k-capture: the progress line and the closing statistics. */
#include <inttypes.h>
#include <stdio.h>
#include <time.h>

#include "capture/progress.h"

double progress_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

double progress_measured_fps(const struct sdi8k_capture_stats *st)
{
	uint64_t span = st->last_timestamp_ns - st->first_timestamp_ns;

	if (st->frames < 2 || !span)
		return 0;
	return (double)(st->frames - 1) * 1e9 / (double)span;
}

const char *progress_bytes(uint64_t bytes, char *buf, unsigned size)
{
	if (bytes >= 1000000000ull)
		snprintf(buf, size, "%.2f GB", bytes / 1e9);
	else if (bytes >= 1000000ull)
		snprintf(buf, size, "%.1f MB", bytes / 1e6);
	else
		snprintf(buf, size, "%" PRIu64 " bytes", bytes);
	return buf;
}

static double last_draw;

void progress_update(const struct sdi8k_capture_stats *st, uint64_t bytes,
		     double start, int force)
{
	double now = progress_now();
	char b[32];

	if (!force && now - last_draw < 0.5)
		return;
	last_draw = now;
	fprintf(stderr, "\r\033[Kframes %" PRIu64 "  dropped %" PRIu64
		"  %.2f fps  %.1f s  %s", st->frames, st->dropped,
		progress_measured_fps(st), now - start,
		progress_bytes(bytes, b, sizeof(b)));
	fflush(stderr);
}

void progress_clear(void)
{
	fputs("\r\033[K", stderr);
	fflush(stderr);
}
