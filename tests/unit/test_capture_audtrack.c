// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * sdi8k-capture's audio track (utils/capture/audtrack.c, included as
 * source) on a writer module that records what it is given: on the
 * timeline (a container), each frame's samples where its video frame is,
 * the audio of dropped frames, of fill frames and of the time before a
 * restarted stream written as silence, nothing ever going back; in
 * sequence (raw video and a WAV), the frames' audio back to back; the WAV
 * going on over the parts of a recording; its file kept or removed.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "common/outfile.c"
#include "capture/audtrack.c"

#define CH 2

/* what a writer was given */
struct avw {
	int wav;
	int64_t next;		/* pts after the last write */
	uint64_t data, zeros;	/* sample frames of samples, of silence */
	int64_t mark_pts[64];	/* where each frame's first sample went */
	int marks;
	int closed;
};

static int fake_open(struct avw **w, const struct avw_params *p, char *msg, size_t msglen)
{
	(void)msg;
	(void)msglen;
	*w = calloc(1, sizeof(**w));
	cr_assert_not_null(*w);
	cr_assert_eq(p->container, AVW_WAV);
	cr_assert_eq(p->audio_channels, CH);
	(*w)->wav = 1;
	return 0;
}

static int fake_put_audio(struct avw *w, const int32_t *s, uint32_t n, int64_t pts,
			  char *msg, size_t msglen)
{
	(void)msg;
	(void)msglen;
	/* audtrack writes its silence itself: never a gap, never back */
	cr_assert_eq(pts, w->next, "written at %lld, the track is at %lld",
		     (long long)pts, (long long)w->next);
	cr_assert_gt(n, 0);
	int silent = 1;

	for (uint32_t i = 0; i < n * CH; i++)
		silent &= s[i] == 0;
	if (silent) {
		w->zeros += n;
	} else {
		/* a frame's samples: its first one is 0x100 x its frame id */
		cr_assert_lt(w->marks, 64);
		w->mark_pts[w->marks++] = pts;
		w->data += n;
	}
	w->next = pts + n;
	return 0;
}

static int fake_close(struct avw *w, char *msg, size_t msglen)
{
	(void)msg;
	(void)msglen;
	free(w);
	return 0;
}

static void fake_free(struct avw *w)
{
	free(w);
}

static const struct avout_lib fake_lib = {
	.put_audio = fake_put_audio,
	.open = fake_open,
	.close = fake_close,
	.free = fake_free,
};

static int32_t buf[4000 * CH];

/* a frame's audio: n samples, the card's first_sample s0 */
static const struct sdi8k_capture_audio *frame(uint32_t n, uint64_t s0)
{
	static struct sdi8k_capture_audio a;

	for (uint32_t i = 0; i < n * CH; i++)
		buf[i] = 0x100;
	memset(&a, 0, sizeof(a));
	a.samples = buf;
	a.frames = n;
	a.channels = CH;
	a.first_sample = s0;
	return &a;
}

#define PUT(t, n, s0, vpts) \
	cr_assert_eq(audtrack_frame(t, frame(n, s0), vpts, msg, sizeof(msg)), 0, "%s", msg)

Test(audtrack, timeline_drops_fill_resync)
{
	struct audtrack t;
	struct avw *av = calloc(1, sizeof(*av));
	char msg[256];

	cr_assert_eq(audtrack_init(&t, CH, 0, &fake_lib, NULL, msg, sizeof(msg)), 0);
	audtrack_part(&t, 25, 1);
	t.av = av;
	/* the card's numbering starts anywhere: the first frame is pts 0 */
	PUT(&t, 1920, 1000, 0);
	PUT(&t, 1920, 2920, 1);
	/* frame 2 dropped: its 1920 samples silent, frame 3 where it is */
	PUT(&t, 1920, 6760, 3);
	cr_assert_eq(av->marks, 3);
	cr_assert_eq(av->mark_pts[1], 1920);
	cr_assert_eq(av->mark_pts[2], 3 * 1920);
	cr_assert_eq(av->zeros, 1920);
	/* the signal lost: fill frames 4 and 5, then the stream again from
	 * the card's sample 500, its first frame at pts 8 */
	cr_assert_eq(audtrack_fill(&t, 4, msg, sizeof(msg)), 0);
	cr_assert_eq(audtrack_fill(&t, 5, msg, sizeof(msg)), 0);
	cr_assert_eq(av->next, 6 * 1920);
	audtrack_resync(&t);
	PUT(&t, 1920, 500, 8);
	cr_assert_eq(av->mark_pts[3], 8 * 1920);
	PUT(&t, 1920, 2420, 9);
	cr_assert_eq(av->mark_pts[4], 9 * 1920);
	cr_assert_eq(av->next, 10 * 1920);
	cr_assert_eq(t.written, 10 * 1920);
	cr_assert_eq(t.silent, 5 * 1920);
	cr_assert_eq(audtrack_finish(&t, msg, sizeof(msg)), 0);
	free(av);
}

/* 29.97: the frames' counts in the cadence, the track exact over it; a
 * restart lands on the frame's place to within a sample, never back */
Test(audtrack, timeline_2997)
{
	static const uint32_t cad[5] = { 1602, 1601, 1602, 1601, 1602 };
	struct audtrack t;
	struct avw *av = calloc(1, sizeof(*av));
	uint64_t s0 = 77;
	char msg[256];

	cr_assert_eq(audtrack_init(&t, CH, 0, &fake_lib, NULL, msg, sizeof(msg)), 0);
	audtrack_part(&t, 30000, 1001);
	t.av = av;
	for (int i = 0; i < 10; i++) {
		PUT(&t, cad[i % 5], s0, i);
		s0 += cad[i % 5];
	}
	cr_assert_eq(av->next, 16016);
	/* a loss: fill frames 10..14, the stream back at frame 15 */
	for (int i = 10; i < 15; i++)
		cr_assert_eq(audtrack_fill(&t, i, msg, sizeof(msg)), 0);
	cr_assert_eq(av->next, 24024);	/* 15 frames = 3 x 8008 */
	audtrack_resync(&t);
	PUT(&t, 1601, 9, 15);
	cr_assert_eq(av->mark_pts[10], 24024);
	/* frame 16's place: 16 x 1601.6 samples, rounded (a sample of
	 * silence after frame 15's 1601) */
	audtrack_resync(&t);
	PUT(&t, 1602, 3, 16);
	cr_assert_eq(av->mark_pts[11], 25626);
	/* a frame whose place is before what is written: right after it */
	audtrack_resync(&t);
	PUT(&t, 1602, 3, 16);
	cr_assert_eq(av->mark_pts[12], 25626 + 1602);
	cr_assert_eq(audtrack_finish(&t, msg, sizeof(msg)), 0);
	free(av);
}

/* raw video: the audio of the frames written, back to back (a dropped
 * frame is not in the file, nor its audio); a fill frame's silence */
Test(audtrack, sequential)
{
	struct audtrack t;
	struct avw *av = calloc(1, sizeof(*av));
	char msg[256];

	cr_assert_eq(audtrack_init(&t, CH, 1, &fake_lib, NULL, msg, sizeof(msg)), 0);
	audtrack_part(&t, 25, 1);
	t.av = av;
	PUT(&t, 1920, 0, 0);
	PUT(&t, 1920, 5760, 1);	/* two dropped before it */
	cr_assert_eq(av->mark_pts[1], 1920);
	cr_assert_eq(audtrack_fill(&t, 2, msg, sizeof(msg)), 0);
	cr_assert_eq(av->next, 3 * 1920);
	cr_assert_eq(av->zeros, 1920);
	cr_assert_eq(audtrack_finish(&t, msg, sizeof(msg)), 0);
	free(av);
}

static char *tmpdir(void)
{
	static char d[64];

	snprintf(d, sizeof(d), "/tmp/sdi8k-audtrack-XXXXXX");
	cr_assert_not_null(mkdtemp(d));
	return d;
}

/* the WAV: over two parts (a raster change), written at the part's
 * place; renamed into place when finished, removed when abandoned */
Test(audtrack, wav_over_parts)
{
	struct audtrack t;
	char msg[256], path[128];
	struct stat st;
	const char *d = tmpdir();

	snprintf(path, sizeof(path), "%s/a.wav", d);
	cr_assert_eq(audtrack_init(&t, CH, 0, &fake_lib, path, msg, sizeof(msg)), 0, "%s", msg);
	cr_assert_not_null(t.wav);
	audtrack_part(&t, 25, 1);
	PUT(&t, 1920, 0, 0);
	PUT(&t, 1920, 1920, 1);
	audtrack_part(&t, 50, 1);
	PUT(&t, 960, 40, 0);
	cr_assert_eq(t.wav->mark_pts[2], 2 * 1920);
	cr_assert_eq(t.wav->next, 2 * 1920 + 960);
	cr_assert_eq(stat(path, &st), -1, "not in place before it is finished");
	cr_assert_eq(audtrack_finish(&t, msg, sizeof(msg)), 0, "%s", msg);
	cr_assert_eq(stat(path, &st), 0);
	unlink(path);

	cr_assert_eq(audtrack_init(&t, CH, 1, &fake_lib, path, msg, sizeof(msg)), 0, "%s", msg);
	audtrack_part(&t, 25, 1);
	PUT(&t, 1920, 0, 0);
	audtrack_abort(&t);
	cr_assert_eq(stat(path, &st), -1);
	cr_assert_eq(rmdir(d), 0, "a temporary file left behind");
}

Test(audtrack, wrong_channels_and_bad_path)
{
	struct audtrack t;
	struct sdi8k_capture_audio a;
	char msg[256];

	cr_assert_eq(audtrack_init(&t, 8, 0, &fake_lib, NULL, msg, sizeof(msg)), 0);
	audtrack_part(&t, 25, 1);
	memset(&a, 0, sizeof(a));
	a.samples = buf;
	a.frames = 10;
	a.channels = 2;
	cr_assert_eq(audtrack_frame(&t, &a, 0, msg, sizeof(msg)), -EIO);
	cr_assert(strstr(msg, "2 channels"), "%s", msg);
	audtrack_abort(&t);
	cr_assert_neq(audtrack_init(&t, CH, 0, &fake_lib, "/nonexistent/dir/a.wav", msg,
				    sizeof(msg)), 0);
	cr_assert(strstr(msg, "/nonexistent/dir"), "%s", msg);
	cr_assert_eq(t.channels, 0);
}
