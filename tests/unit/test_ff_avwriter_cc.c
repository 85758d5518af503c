// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * sdi8k-capture's container writer (utils/avwriter/avwriter.c, as source),
 * ABI 3: the CEA-608 caption track of a QuickTime file. A few v210 frames
 * with, one pair a frame, the CEA-608 pop-on caption "HELLO" (and a field
 * 2 pair) go into a .mov, seekable and through a pipe (fragmented);
 * libavformat must find an eia_608 stream ("c608") whose packets hold the
 * triplets at their frames' times, and ffmpeg's caption decoder must give
 * the text back as SRT (skipped without ffmpeg). The frames without
 * captions are not held back in memory. Matroska, a writer without the
 * track, triplets that are not valid CEA-608 and times going back are
 * refused with a reason.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>

#include "helpers.h"

#include "avwriter/avwriter.c"
#include "common/outfile.c"

#define W 384
#define H 64
#define FRAME_BYTES ((W / 48) * 128 * H)	/* v210 */
#define NFRAMES 20
#define FIRST_CC 2			/* the frame of the first pair */

static char dir[64];
static struct tframe src;

/* The pop-on caption HELLO, one field 1 pair a frame (odd parity). */
static const uint8_t hello[][2] = {
	{ 0x94, 0x20 }, { 0x94, 0x20 },		/* RCL */
	{ 0x94, 0xae }, { 0x94, 0xae },		/* ENM */
	{ 0x94, 0x70 }, { 0x94, 0x70 },		/* PAC row 15 */
	{ 0xc8, 0x45 }, { 0x4c, 0x4c }, { 0x4f, 0x80 },	/* HE LL O */
	{ 0x94, 0x2f }, { 0x94, 0x2f },		/* EOC */
};
#define NPAIRS (sizeof(hello) / sizeof(hello[0]))
/* a field 2 pair (CC3) beside field 1's in this frame */
#define F2_FRAME (FIRST_CC + 7)
/* a frame with a field 2 pair alone */
#define F2_ONLY_FRAME 16

/* the video frame of pair i: frame 8 is dropped (no video, no pair) */
static int64_t pair_frame(size_t i)
{
	int64_t f = FIRST_CC + (int64_t)i;

	return f >= 8 ? f + 1 : f;
}

/* the triplets of the frame pts into t; their count */
static size_t frame_triplets(int64_t pts, uint8_t t[6])
{
	if (pts == F2_ONLY_FRAME) {	/* field 2 alone: no packet */
		t[0] = 0xfd;
		t[1] = 0x94;
		t[2] = 0x20;
		return 1;
	}
	for (size_t i = 0; i < NPAIRS; i++) {
		if (pair_frame(i) != pts)
			continue;
		t[0] = 0xfc;
		t[1] = hello[i][0];
		t[2] = hello[i][1];
		if (pts != F2_FRAME)
			return 1;
		t[3] = 0xfd;
		t[4] = 0x15;
		t[5] = 0x2c;	/* EDM on CC3 */
		return 2;
	}
	return 0;
}

static void setup(void)
{
	strcpy(dir, "/tmp/sdi8k-avwcc-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	tframe_alloc(&src, SDI8K_FMT_V210, W, H, 0);
	tframe_fill(&src, FILL_CANON, 4321);
}

static void teardown(void)
{
	char cmd[128];

	tframe_free(&src);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	cr_assert_eq(system(cmd), 0);
}

TestSuite(avwriter_cc, .init = setup, .fini = teardown);

static void mov_params(struct avw_params *p, struct outfile *out, int seekable)
{
	memset(p, 0, sizeof(*p));
	p->container = AVW_MOV;
	p->codec = AVW_UNCOMPRESSED;
	p->pixfmt = AVW_PIX_V210;
	p->width = W;
	p->height = H;
	p->rate_num = 30000;
	p->rate_den = 1001;
	p->primaries = AVW_PRI_BT709;
	p->transfer = AVW_TRC_BT709;
	p->matrix = AVW_SPC_BT709;
	p->chroma_location = AVW_CHROMA_LEFT;
	p->captions = 1;
	p->io = out;
	p->write = outfile_io_write;
	p->seek = seekable ? outfile_io_seek : NULL;
}

/* NFRAMES video frames but frame 8, with the pairs of HELLO, to path */
static void write_mov(const char *path, int seekable, int audio)
{
	const uint8_t *planes[3] = { src.f.data[0], NULL, NULL };
	const size_t strides[3] = { src.f.stride[0], 0, 0 };
	int32_t *a = calloc(1601 * 2, sizeof(*a));
	struct avw_params p;
	struct outfile out;
	struct avw *w;
	char msg[512];
	uint64_t bytes_at_eoc = 0;

	cr_assert_not_null(a);
	cr_assert_eq(outfile_open(&out, path, msg, sizeof(msg)), 0, "%s", msg);
	mov_params(&p, &out, seekable);
	p.audio_channels = audio ? 2 : 0;
	cr_assert_eq(avw_open(&w, &p, msg, sizeof(msg)), 0, "%s", msg);
	for (int64_t pts = 0; pts < NFRAMES; pts++) {
		uint8_t t[6];
		size_t n;

		if (pts == 8)
			continue;	/* dropped */
		n = frame_triplets(pts, t);
		cr_assert_eq(avw_put(w, planes, strides, pts, msg, sizeof(msg)), 0, "%s", msg);
		if (audio)	/* 1601.6 samples a frame at 29.97: 1601 is enough */
			cr_assert_eq(avw_put_audio(w, a, 1601, pts * 8008 / 5, msg,
						   sizeof(msg)), 0, "%s", msg);
		cr_assert_eq(avw_put_captions(w, t, n, pts, msg, sizeof(msg)), 0, "%s", msg);
		if (pts == pair_frame(NPAIRS - 1))
			bytes_at_eoc = out.bytes;
	}
	/*
	 * The frames after the last caption packet went out as they came
	 * (less the I/O buffer), not held until the trailer for want of a
	 * caption packet to interleave them with.
	 */
	cr_assert_geq(out.bytes, bytes_at_eoc + (uint64_t)FRAME_BYTES *
		      (uint64_t)(NFRAMES - 1 - pair_frame(NPAIRS - 1) - 2),
		      "%llu bytes, %llu at the last caption",
		      (unsigned long long)out.bytes, (unsigned long long)bytes_at_eoc);
	cr_assert_eq(avw_close(w, msg, sizeof(msg)), 0, "%s", msg);
	cr_assert_eq(outfile_commit(&out, msg, sizeof(msg)), 0, "%s", msg);
	free(a);
}

/* libavformat reads the track back: eia_608, every triplet at its frame */
static void check_track(const char *path, int audio)
{
	AVFormatContext *ic = NULL;
	AVPacket *pkt = av_packet_alloc();
	AVRational frame = av_make_q(1001, 30000);
	int si = -1, vi = -1, ai = -1, video = 0, anchors = 0;
	size_t got = 0;

	cr_assert_not_null(pkt);
	cr_assert_eq(avformat_open_input(&ic, path, NULL, NULL), 0, "%s", path);
	cr_assert_geq(avformat_find_stream_info(ic, NULL), 0);
	for (unsigned i = 0; i < ic->nb_streams; i++) {
		const AVCodecParameters *par = ic->streams[i]->codecpar;

		if (par->codec_type == AVMEDIA_TYPE_SUBTITLE)
			si = (int)i;
		else if (par->codec_type == AVMEDIA_TYPE_VIDEO)
			vi = (int)i;
		else if (par->codec_type == AVMEDIA_TYPE_AUDIO)
			ai = (int)i;
	}
	cr_assert_eq(ic->nb_streams, audio ? 3u : 2u, "%u streams", ic->nb_streams);
	cr_assert_geq(vi, 0);
	cr_assert_eq(ai >= 0, !!audio);
	cr_assert_geq(si, 0, "%s: no caption stream", path);
	cr_assert_eq(ic->streams[si]->codecpar->codec_id, AV_CODEC_ID_EIA_608, "codec %s",
		     avcodec_get_name(ic->streams[si]->codecpar->codec_id));
	cr_assert_eq(ic->streams[si]->codecpar->codec_tag, MKTAG('c', '6', '0', '8'));
	while (av_read_frame(ic, pkt) >= 0) {
		if (pkt->stream_index == vi) {
			video++;
		} else if (pkt->stream_index == si) {
			int64_t f = av_rescale_q(pkt->pts, ic->streams[si]->time_base, frame);
			uint8_t t[6];
			size_t n = f == F2_ONLY_FRAME ? 0 : frame_triplets(f, t);

			if (f == 0 && !n) {
				/* the track starts with the video: a null pair */
				t[0] = 0xfc;
				t[1] = t[2] = 0x80;
				n = 1;
				cr_assert_eq(pkt->pts, 0, "%s: %lld", path, (long long)pkt->pts);
				anchors++;
			}
			cr_assert_gt(n, 0, "%s: a caption packet at frame %lld", path,
				     (long long)f);
			/* FFmpeg 5.1's mov muxer drops field 2 (no "cdt2") */
			if (n == 2 && pkt->size == 3)
				n = 1;
			cr_assert_eq((size_t)pkt->size, 3 * n, "%s: frame %lld: %d bytes",
				     path, (long long)f, pkt->size);
			cr_assert_arr_eq(pkt->data, t, 3 * n, "%s: frame %lld", path,
					 (long long)f);
			got++;
		}
		av_packet_unref(pkt);
	}
	cr_assert_eq(video, NFRAMES - 1);
	cr_assert_eq(anchors, 1, "%s", path);
	cr_assert_eq(got, NPAIRS + 1, "%s: %zu caption packets", path, got);
	avformat_close_input(&ic);
	av_packet_free(&pkt);
}

/* ffmpeg's CEA-608 decoder gives the text back */
static void check_srt(const char *path)
{
	char cmd[512], out[4096];
	size_t len = 0, n;
	FILE *fp;

	if (system("ffmpeg -hide_banner -version >/dev/null 2>&1") != 0)
		cr_skip_test("ffmpeg not installed");
	snprintf(cmd, sizeof(cmd), "ffmpeg -nostdin -v error -i '%s' -map 0:s -f srt - 2>&1",
		 path);
	fp = popen(cmd, "r");
	cr_assert_not_null(fp);
	while (len < sizeof(out) - 1 && (n = fread(out + len, 1, sizeof(out) - 1 - len, fp)))
		len += n;
	out[len] = '\0';
	cr_assert_eq(pclose(fp), 0, "ffmpeg failed: %s", out);
	cr_assert_not_null(strstr(out, "HELLO"), "ffmpeg's SRT: %s", out);
}

Test(avwriter_cc, mov_hello)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/cc.mov", dir);
	write_mov(path, 1, 0);
	check_track(path, 0);
	check_srt(path);
}

Test(avwriter_cc, mov_hello_with_audio)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/cc-audio.mov", dir);
	write_mov(path, 1, 1);
	check_track(path, 1);
	check_srt(path);
}

/* a pipe: fragmented QuickTime */
Test(avwriter_cc, mov_hello_fragmented)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/cc-frag.mov", dir);
	write_mov(path, 0, 0);
	check_track(path, 0);
	check_srt(path);
}

Test(avwriter_cc, refused)
{
	const uint8_t *planes[3] = { src.f.data[0], NULL, NULL };
	const size_t strides[3] = { src.f.stride[0], 0, 0 };
	const uint8_t ok[3] = { 0xfc, 0x94, 0x20 };
	const uint8_t dtvcc[6] = { 0xfc, 0x94, 0x20, 0xfe, 0x02, 0x21 };
	const uint8_t invalid[3] = { 0xf8, 0x80, 0x80 };
	struct avw_params p;
	struct outfile out;
	struct avw *w = NULL;
	char path[128], msg[256] = "";

	/* Matroska: no CEA-608 codec mapping */
	snprintf(path, sizeof(path), "%s/cc.mkv", dir);
	cr_assert_eq(outfile_open(&out, path, msg, sizeof(msg)), 0, "%s", msg);
	mov_params(&p, &out, 1);
	p.container = AVW_MKV;
	cr_assert_eq(avw_open(&w, &p, msg, sizeof(msg)), -ENOTSUP);
	cr_assert_null(w);
	cr_assert_not_null(strstr(msg, "Matroska (mkv) cannot hold a CEA-608 caption track"),
			   "%s", msg);
	outfile_abort(&out);

	/* a writer without the track (what ABI 2 callers get) */
	snprintf(path, sizeof(path), "%s/nocc.mov", dir);
	cr_assert_eq(outfile_open(&out, path, msg, sizeof(msg)), 0, "%s", msg);
	mov_params(&p, &out, 1);
	p.captions = 0;
	cr_assert_eq(avw_open(&w, &p, msg, sizeof(msg)), 0, "%s", msg);
	cr_assert_eq(w->oc->nb_streams, 1u);
	cr_assert_eq(avw_put_captions(w, ok, 1, 0, msg, sizeof(msg)), -EINVAL);
	cr_assert_not_null(strstr(msg, "no caption track"), "%s", msg);
	avw_free(w);
	outfile_abort(&out);

	/* DTVCC, invalid triplets, going back, too many */
	snprintf(path, sizeof(path), "%s/bad.mov", dir);
	cr_assert_eq(outfile_open(&out, path, msg, sizeof(msg)), 0, "%s", msg);
	mov_params(&p, &out, 1);
	cr_assert_eq(avw_open(&w, &p, msg, sizeof(msg)), 0, "%s", msg);
	cr_assert_eq(avw_put(w, planes, strides, 0, msg, sizeof(msg)), 0, "%s", msg);
	cr_assert_eq(avw_put_captions(w, dtvcc, 2, 0, msg, sizeof(msg)), -EINVAL);
	cr_assert_not_null(strstr(msg, "triplet 1 (0xfe) is not a valid CEA-608 pair"),
			   "%s", msg);
	cr_assert_eq(avw_put_captions(w, invalid, 1, 0, msg, sizeof(msg)), -EINVAL);
	cr_assert_eq(avw_put_captions(w, NULL, 1, 0, msg, sizeof(msg)), -EINVAL);
	cr_assert_eq(avw_put_captions(w, ok, 32, 0, msg, sizeof(msg)), -EINVAL);
	cr_assert_eq(avw_put_captions(w, NULL, 0, 0, msg, sizeof(msg)), 0, "%s", msg);
	cr_assert_eq(avw_put_captions(w, ok, 1, 0, msg, sizeof(msg)), 0, "%s", msg);
	cr_assert_eq(avw_put_captions(w, ok, 1, 0, msg, sizeof(msg)), -EINVAL);
	cr_assert_not_null(strstr(msg, "captions at frame 0, not past frame 0"), "%s", msg);
	cr_assert_eq(avw_put(w, planes, strides, 1, msg, sizeof(msg)), 0, "%s", msg);
	cr_assert_eq(avw_put_captions(w, ok, 1, 1, msg, sizeof(msg)), 0, "%s", msg);
	cr_assert_eq(avw_close(w, msg, sizeof(msg)), 0, "%s", msg);
	cr_assert_eq(outfile_commit(&out, msg, sizeof(msg)), 0, "%s", msg);
}
