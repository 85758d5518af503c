// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * sdi8k-capture's container writer (utils/avwriter/avwriter.c and
 * utils/capture/avout.c, as source) against clients nobody here wrote:
 * synthetic v210 frames with a colour description, HDR10 static metadata
 * and a time code go into Matroska and QuickTime (v210) and Matroska
 * (FFV1); ffprobe (a subprocess) must read back the colour tags, the
 * mastering display and light levels, the time code and the frame count;
 * libavformat + libavcodec must give back every frame bit-exactly and the
 * timestamps with the gap of a dropped frame. A full disk (/dev/full)
 * fails with a message, not a crash.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>

#include <sdi8k/convert.h>

#include "anc_vectors.h"
#include "helpers.h"

#include "avwriter/avwriter.c"
#include "capture/avout.c"
#include "common/outfile.c"

#define W 384
#define H 64
#define NFRAMES 6
/* the card's sequence numbers: frame 3 dropped */
static const uint32_t seqs[NFRAMES] = { 100, 101, 102, 104, 105, 106 };

static char dir[64];
static struct tframe src[NFRAMES];	/* v210 */
static struct tframe ref[NFRAMES];	/* the same as yuv422p10le */

static void setup(void)
{
	strcpy(dir, "/tmp/sdi8k-avw-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	for (int i = 0; i < NFRAMES; i++) {
		tframe_alloc(&src[i], SDI8K_FMT_V210, W, H, 0);
		tframe_fill(&src[i], FILL_CANON, 1234 + (uint64_t)i);
		tframe_alloc(&ref[i], SDI8K_FMT_YUV422P10, W, H, 0);
		cr_assert_eq(sdi8k_convert(&src[i].f, &ref[i].f, NULL), 0);
	}
}

static void teardown(void)
{
	char cmd[128];

	for (int i = 0; i < NFRAMES; i++) {
		tframe_free(&src[i]);
		tframe_free(&ref[i]);
	}
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	cr_assert_eq(system(cmd), 0);
}

/* An HDR10 signal as the card decodes it: BT.2020, PQ, limited range,
 * the ST 2086 values of docs/simulator.md's example, MaxCLL 1000/400. */
static void hdr10_params(struct avw_params *p, int transfer)
{
	struct sdi8k_color c = {
		.colorspace = V4L2_COLORSPACE_BT2020,
		.ycbcr_enc = V4L2_YCBCR_ENC_BT2020,
		.quantization = V4L2_QUANTIZATION_LIM_RANGE,
		.transfer = transfer,
	};
	struct sdi8k_input_status st = {
		.have = SDI8K_STATUS_HAVE_MDCV | SDI8K_STATUS_HAVE_CLL,
		.mdcv = { .red_x = 35400, .red_y = 14600, .green_x = 8500,
			  .green_y = 39850, .blue_x = 6550, .blue_y = 2300,
			  .white_x = 15635, .white_y = 16450,
			  .max_luminance = 10000000, .min_luminance = 50 },
		.cll = { .max_cll = 1000, .max_fall = 400 },
	};
	struct sdi8k_timecode tc = { .hours = 1, .minutes = 2, .seconds = 3,
				     .frames = 4, .drop_frame = 1 };

	memset(p, 0, sizeof(*p));
	p->width = W;
	p->height = H;
	p->rate_num = 60000;
	p->rate_den = 1001;
	p->threads = 2;
	p->slices = 4;
	avout_color(p, &c, &st);
	/* 59.94: the label's frame pair, first of it (no field mark): 4 -> 8 */
	avout_timecode(p->timecode, &tc, p->rate_num, p->rate_den);
}

/* Write the NFRAMES frames (v210, or yuv422p10 for FFV1) to path. */
static void write_file(const char *path, struct avw_params *p)
{
	struct outfile out;
	struct avw *w;
	char msg[512];

	cr_assert_eq(outfile_open(&out, path, msg, sizeof(msg)), 0, "%s", msg);
	p->io = &out;
	p->write = outfile_io_write;
	p->seek = outfile_io_seek;
	cr_assert_eq(avw_open(&w, p, msg, sizeof(msg)), 0, "%s", msg);
	for (int i = 0; i < NFRAMES; i++) {
		const struct tframe *t = p->pixfmt == AVW_PIX_V210 ? &src[i] : &ref[i];
		const uint8_t *planes[3] = { t->f.data[0], t->f.data[1], t->f.data[2] };
		size_t strides[3] = { t->f.stride[0], t->f.stride[1], t->f.stride[2] };

		cr_assert_eq(avw_put(w, planes, strides, seqs[i] - seqs[0], msg, sizeof(msg)),
			     0, "%s", msg);
	}
	cr_assert_eq(avw_close(w, msg, sizeof(msg)), 0, "%s", msg);
	cr_assert_eq(outfile_commit(&out, msg, sizeof(msg)), 0, "%s", msg);
}

/* ffprobe's JSON of path (malloc'ed). */
static char *ffprobe(const char *path)
{
	char cmd[512], *buf = NULL;
	size_t cap = 0, len = 0;
	FILE *fp;

	snprintf(cmd, sizeof(cmd), "ffprobe -v error -show_streams -show_frames "
		 "-show_format -of json '%s'", path);
	fp = popen(cmd, "r");
	cr_assert_not_null(fp);
	for (;;) {
		if (len + 4096 + 1 > cap) {
			cap = (cap + 4096) * 2;
			buf = realloc(buf, cap);
			cr_assert_not_null(buf);
		}
		size_t n = fread(buf + len, 1, 4096, fp);

		if (!n)
			break;
		len += n;
	}
	buf[len] = '\0';
	cr_assert_eq(pclose(fp), 0, "ffprobe failed on %s", path);
	return buf;
}

static int count(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* The value of "key": "a/b" (a rational: Matroska keeps floats, QuickTime
 * the ST 2086 integers) after the first "after" in json, or -1. */
static double rational(const char *json, const char *after, const char *key)
{
	const char *p = strstr(json, after);
	char k[64];
	long a, b;

	if (!p)
		return -1;
	snprintf(k, sizeof(k), "\"%s\": \"", key);
	p = strstr(p, k);
	if (!p || sscanf(p + strlen(k), "%ld/%ld", &a, &b) != 2 || !b)
		return -1;
	return (double)a / (double)b;
}

#define MDCV_EQ(json, key, want) do { \
	double v_ = rational(json, "Mastering display metadata", key); \
	cr_expect(v_ > (want) * 0.9999 && v_ < (want) * 1.0001, \
		  "%s: %g, want %g:\n%s", key, v_, (double)(want), json); \
} while (0)

#define HAS(json, s) cr_expect_not_null(strstr(json, s), "ffprobe output lacks %s:\n%s", s, json)

static void check_probe(const char *path, const char *trc, int mdcv, int range)
{
	char *j = ffprobe(path);
	char want[64];

	HAS(j, "\"color_primaries\": \"bt2020\"");
	snprintf(want, sizeof(want), "\"color_transfer\": \"%s\"", trc);
	HAS(j, want);
	HAS(j, "\"color_space\": \"bt2020nc\"");
	if (range)	/* QuickTime's colr nclc has no range */
		HAS(j, "\"color_range\": \"tv\"");
	if (mdcv) {
		HAS(j, "\"side_data_type\": \"Mastering display metadata\"");
		MDCV_EQ(j, "red_x", 0.708);
		MDCV_EQ(j, "red_y", 0.292);
		MDCV_EQ(j, "green_x", 0.17);
		MDCV_EQ(j, "green_y", 0.797);
		MDCV_EQ(j, "blue_x", 0.131);
		MDCV_EQ(j, "blue_y", 0.046);
		MDCV_EQ(j, "white_point_x", 0.3127);
		MDCV_EQ(j, "white_point_y", 0.329);
		MDCV_EQ(j, "max_luminance", 1000.0);
		MDCV_EQ(j, "min_luminance", 0.005);
		HAS(j, "\"side_data_type\": \"Content light level metadata\"");
		HAS(j, "\"max_content\": 1000");
		HAS(j, "\"max_average\": 400");
	}
	/* Matroska's tag reads back as TIMECODE, QuickTime's tmcd track as timecode */
	cr_expect(strstr(j, "\"timecode\": \"01:02:03;08\"") ||
		  strstr(j, "\"TIMECODE\": \"01:02:03;08\""), "no time code:\n%s", j);
	cr_expect_eq(count(j, "\"media_type\": \"video\""), NFRAMES, "frames:\n%s", j);
	free(j);
}

/* Demux and decode path with FFmpeg's libraries: every frame as the input,
 * the timestamps with the dropped frame's gap. */
static void check_decode(const char *path, enum AVCodecID want_codec)
{
	AVFormatContext *ic = NULL;
	AVCodecContext *dc;
	const AVCodec *codec;
	AVPacket *pkt = av_packet_alloc();
	AVFrame *fr = av_frame_alloc();
	AVStream *st;
	int n = 0, vi;

	cr_assert_eq(avformat_open_input(&ic, path, NULL, NULL), 0);
	cr_assert_geq(avformat_find_stream_info(ic, NULL), 0);
	vi = av_find_best_stream(ic, AVMEDIA_TYPE_VIDEO, -1, -1, NULL, 0);
	cr_assert_geq(vi, 0);
	st = ic->streams[vi];
	cr_assert_eq(st->codecpar->codec_id, want_codec, "codec %s",
		     avcodec_get_name(st->codecpar->codec_id));
	cr_assert_eq(st->codecpar->width, W);
	cr_assert_eq(st->codecpar->height, H);
	codec = avcodec_find_decoder(st->codecpar->codec_id);
	dc = avcodec_alloc_context3(codec);
	cr_assert_eq(avcodec_parameters_to_context(dc, st->codecpar), 0);
	cr_assert_eq(avcodec_open2(dc, codec, NULL), 0);
	while (av_read_frame(ic, pkt) >= 0) {
		if (pkt->stream_index != vi) {
			av_packet_unref(pkt);
			continue;
		}
		cr_assert_lt(n, NFRAMES, "more frames than written");
		/* pts in frames of 1001/60000 s: 0 1 2 4 5 6 */
		int64_t frames = av_rescale_q(pkt->pts, st->time_base, av_make_q(1001, 60000));

		cr_expect_eq(frames, (int64_t)(seqs[n] - seqs[0]), "frame %d at %lld", n,
			     (long long)frames);
		cr_assert_eq(avcodec_send_packet(dc, pkt), 0);
		av_packet_unref(pkt);
		while (avcodec_receive_frame(dc, fr) == 0) {
			cr_assert_eq(fr->format, AV_PIX_FMT_YUV422P10LE);
			for (int p = 0; p < 3; p++) {
				int cw = p ? W / 2 : W;

				for (int y = 0; y < H; y++)
					cr_assert_eq(memcmp(fr->data[p] + (size_t)y * fr->linesize[p],
							    (uint8_t *)ref[n].f.data[p] +
							    y * ref[n].f.stride[p], (size_t)cw * 2), 0,
						     "frame %d plane %d line %d differs", n, p, y);
			}
			n++;
			av_frame_unref(fr);
		}
	}
	cr_assert_eq(avcodec_send_packet(dc, NULL), 0);
	while (avcodec_receive_frame(dc, fr) == 0) {
		n++;
		av_frame_unref(fr);
	}
	cr_expect_eq(n, NFRAMES, "decoded %d frames", n);
	avcodec_free_context(&dc);
	avformat_close_input(&ic);
	av_packet_free(&pkt);
	av_frame_free(&fr);
}

TestSuite(avwriter, .init = setup, .fini = teardown);

/* ---- audio (ABI 2): 16 channels of 24-bit PCM with the frames ---- */

#define ACH 16
/* the 59.94 cadence: samples of video frame (card sequence) q */
static uint32_t acount(uint32_t q)
{
	static const uint32_t c[5] = { 801, 801, 800, 801, 801 };

	return c[q % 5];
}

static uint64_t astart(uint32_t q)
{
	uint64_t s = 0;

	for (uint32_t i = seqs[0]; i < q; i++)
		s += acount(i);
	return s;
}

/* sample s (from the first frame's first) of channel c: 24 bits on top */
static int32_t asample(uint64_t s, unsigned c)
{
	return (int32_t)((uint32_t)((s * 2654435761u + c * 40503u) & 0xffffff) << 8);
}

/* Write the NFRAMES frames (unless WAV) with their audio to path. */
static void write_av(const char *path, struct avw_params *p)
{
	struct outfile out;
	struct avw *w;
	char msg[512];
	int32_t *a = malloc(sizeof(*a) * ACH * 802);

	cr_assert_not_null(a);
	p->audio_channels = ACH;
	cr_assert_eq(outfile_open(&out, path, msg, sizeof(msg)), 0, "%s", msg);
	p->io = &out;
	p->write = outfile_io_write;
	p->seek = outfile_io_seek;
	cr_assert_eq(avw_open(&w, p, msg, sizeof(msg)), 0, "%s", msg);
	for (int i = 0; i < NFRAMES; i++) {
		const struct tframe *t = &src[i];
		const uint8_t *planes[3] = { t->f.data[0], t->f.data[1], t->f.data[2] };
		size_t strides[3] = { t->f.stride[0], t->f.stride[1], t->f.stride[2] };
		uint64_t s0 = astart(seqs[i]);
		uint32_t n = acount(seqs[i]);

		if (p->container != AVW_WAV)
			cr_assert_eq(avw_put(w, planes, strides, seqs[i] - seqs[0], msg,
					     sizeof(msg)), 0, "%s", msg);
		for (uint32_t k = 0; k < n; k++)
			for (unsigned c = 0; c < ACH; c++)
				a[k * ACH + c] = asample(s0 + k, c);
		cr_assert_eq(avw_put_audio(w, a, n, (int64_t)s0, msg, sizeof(msg)), 0,
			     "%s", msg);
	}
	cr_assert_eq(avw_close(w, msg, sizeof(msg)), 0, "%s", msg);
	cr_assert_eq(outfile_commit(&out, msg, sizeof(msg)), 0, "%s", msg);
	free(a);
}

/*
 * FFmpeg's demuxer and PCM decoder give back every sample as written (24
 * bits), in order and back to back, the dropped video frame's samples as
 * silence (the writer fills the gap, as QuickTime and WAV have none).
 */
static void check_audio(const char *path)
{
	AVFormatContext *ic = NULL;
	AVCodecContext *dc;
	const AVCodec *codec;
	AVPacket *pkt = av_packet_alloc();
	AVFrame *fr = av_frame_alloc();
	AVStream *st;
	uint64_t got = 0, total = astart(seqs[NFRAMES - 1]) + acount(seqs[NFRAMES - 1]);
	uint64_t gap0 = astart(103), gap1 = astart(104);
	int ai;

	cr_assert_eq(avformat_open_input(&ic, path, NULL, NULL), 0);
	cr_assert_geq(avformat_find_stream_info(ic, NULL), 0);
	ai = av_find_best_stream(ic, AVMEDIA_TYPE_AUDIO, -1, -1, NULL, 0);
	cr_assert_geq(ai, 0, "no audio stream in %s", path);
	st = ic->streams[ai];
	cr_assert_eq(st->codecpar->codec_id, AV_CODEC_ID_PCM_S24LE, "codec %s",
		     avcodec_get_name(st->codecpar->codec_id));
	cr_assert_eq(st->codecpar->sample_rate, 48000);
	cr_assert_eq(st->codecpar->ch_layout.nb_channels, ACH);
	codec = avcodec_find_decoder(st->codecpar->codec_id);
	dc = avcodec_alloc_context3(codec);
	cr_assert_eq(avcodec_parameters_to_context(dc, st->codecpar), 0);
	cr_assert_eq(avcodec_open2(dc, codec, NULL), 0);
	while (av_read_frame(ic, pkt) >= 0) {
		if (pkt->stream_index != ai) {
			av_packet_unref(pkt);
			continue;
		}
		cr_assert_eq(avcodec_send_packet(dc, pkt), 0);
		av_packet_unref(pkt);
		while (avcodec_receive_frame(dc, fr) == 0) {
			cr_assert_eq(fr->format, AV_SAMPLE_FMT_S32);
			for (int k = 0; k < fr->nb_samples; k++, got++)
				for (unsigned c = 0; c < ACH; c++)
					cr_assert_eq(((const int32_t *)fr->data[0])[k * ACH + c],
						     got >= gap0 && got < gap1 ? 0 :
						     asample(got, c),
						     "%s: sample %llu channel %u", path,
						     (unsigned long long)got, c + 1);
			av_frame_unref(fr);
		}
	}
	cr_expect_eq(got, total, "%s: %llu samples, want %llu", path,
		     (unsigned long long)got, (unsigned long long)total);
	avcodec_free_context(&dc);
	avformat_close_input(&ic);
	av_packet_free(&pkt);
	av_frame_free(&fr);
}

Test(avwriter, audio_mkv)
{
	struct avw_params p;
	char path[128];

	hdr10_params(&p, SDI8K_TF_PQ);
	p.container = AVW_MKV;
	p.codec = AVW_UNCOMPRESSED;
	p.pixfmt = AVW_PIX_V210;
	snprintf(path, sizeof(path), "%s/audio.mkv", dir);
	write_av(path, &p);
	check_decode(path, AV_CODEC_ID_V210);
	check_audio(path);
}

Test(avwriter, audio_mov)
{
	struct avw_params p;
	char path[128];

	hdr10_params(&p, SDI8K_TF_PQ);
	p.container = AVW_MOV;
	p.codec = AVW_UNCOMPRESSED;
	p.pixfmt = AVW_PIX_V210;
	snprintf(path, sizeof(path), "%s/audio.mov", dir);
	write_av(path, &p);
	check_decode(path, AV_CODEC_ID_V210);
	check_audio(path);
}

Test(avwriter, audio_wav)
{
	struct avw_params p;
	char path[128];

	memset(&p, 0, sizeof(p));
	p.container = AVW_WAV;
	snprintf(path, sizeof(path), "%s/audio.wav", dir);
	write_av(path, &p);
	check_audio(path);
}

Test(avwriter, v210_mkv_hdr10_pq)
{
	struct avw_params p;
	char path[128];

	hdr10_params(&p, SDI8K_TF_PQ);
	p.container = AVW_MKV;
	p.codec = AVW_UNCOMPRESSED;
	p.pixfmt = AVW_PIX_V210;
	snprintf(path, sizeof(path), "%s/pq.mkv", dir);
	write_file(path, &p);
	check_probe(path, "smpte2084", 1, 1);
	check_decode(path, AV_CODEC_ID_V210);
}

Test(avwriter, v210_mov_hlg)
{
	struct avw_params p;
	char path[128];

	hdr10_params(&p, SDI8K_TF_HLG);
	cr_assert_eq(p.have_mdcv + p.have_cll, 0, "HLG: the controls' HDR10 values are not taken");
	p.container = AVW_MOV;
	p.codec = AVW_UNCOMPRESSED;
	p.pixfmt = AVW_PIX_V210;
	snprintf(path, sizeof(path), "%s/hlg.mov", dir);
	write_file(path, &p);
	check_probe(path, "arib-std-b67", 0, 0);
	check_decode(path, AV_CODEC_ID_V210);
}

Test(avwriter, v210_mov_hdr10_pq)
{
	struct avw_params p;
	char path[128];

	hdr10_params(&p, SDI8K_TF_PQ);
	p.container = AVW_MOV;
	p.codec = AVW_UNCOMPRESSED;
	p.pixfmt = AVW_PIX_V210;
	snprintf(path, sizeof(path), "%s/pq.mov", dir);
	write_file(path, &p);
	check_probe(path, "smpte2084", 1, 0);
	check_decode(path, AV_CODEC_ID_V210);
}

Test(avwriter, ffv1_mkv_lossless)
{
	struct avw_params p;
	char path[128];

	hdr10_params(&p, SDI8K_TF_PQ);
	p.container = AVW_MKV;
	p.codec = AVW_FFV1;
	p.pixfmt = AVW_PIX_YUV422P10;
	snprintf(path, sizeof(path), "%s/ffv1.mkv", dir);
	write_file(path, &p);
	check_probe(path, "smpte2084", 1, 1);
	check_decode(path, AV_CODEC_ID_FFV1);
}

/* 8-bit 4:2:2 as the card captures it, in Matroska (which takes raw
 * video other than v210 only in VFW mode) with its audio: read back byte
 * for byte */
Test(avwriter, uyvy_mkv_with_audio)
{
	static const uint8_t px[4] = { 0x80, 0x10, 0x81, 0xeb };
	struct avw_params p;
	struct outfile out;
	struct avw *w;
	char msg[512], path[128];
	size_t stride = (size_t)W * 2;
	uint8_t *f = malloc(stride * H);
	int32_t a[1920 * 2];
	AVFormatContext *ic = NULL;
	AVPacket *pkt = av_packet_alloc();
	int vi, got = 0;

	cr_assert_not_null(f);
	for (size_t i = 0; i < stride * H; i++)
		f[i] = (uint8_t)(px[i % 4] + (i / stride) % 7);
	for (int i = 0; i < 1920 * 2; i++)
		a[i] = (int32_t)((uint32_t)i << 8);
	hdr10_params(&p, SDI8K_TF_SDR);
	p.container = AVW_MKV;
	p.codec = AVW_UNCOMPRESSED;
	p.pixfmt = AVW_PIX_UYVY;
	p.rate_num = 25;
	p.rate_den = 1;
	p.audio_channels = 2;
	snprintf(path, sizeof(path), "%s/uyvy.mkv", dir);
	cr_assert_eq(outfile_open(&out, path, msg, sizeof(msg)), 0, "%s", msg);
	p.io = &out;
	p.write = outfile_io_write;
	p.seek = outfile_io_seek;
	cr_assert_eq(avw_open(&w, &p, msg, sizeof(msg)), 0, "%s", msg);
	for (int i = 0; i < 3; i++) {
		const uint8_t *planes[3] = { f, NULL, NULL };
		size_t strides[3] = { stride, 0, 0 };

		cr_assert_eq(avw_put(w, planes, strides, i, msg, sizeof(msg)), 0, "%s", msg);
		cr_assert_eq(avw_put_audio(w, a, 1920, i * 1920, msg, sizeof(msg)), 0, "%s", msg);
	}
	cr_assert_eq(avw_close(w, msg, sizeof(msg)), 0, "%s", msg);
	cr_assert_eq(outfile_commit(&out, msg, sizeof(msg)), 0, "%s", msg);

	cr_assert_eq(avformat_open_input(&ic, path, NULL, NULL), 0);
	cr_assert_geq(avformat_find_stream_info(ic, NULL), 0);
	vi = av_find_best_stream(ic, AVMEDIA_TYPE_VIDEO, -1, -1, NULL, 0);
	cr_assert_geq(vi, 0);
	cr_assert_eq(ic->streams[vi]->codecpar->codec_id, AV_CODEC_ID_RAWVIDEO);
	while (av_read_frame(ic, pkt) >= 0) {
		if (pkt->stream_index == vi) {
			cr_assert_eq((size_t)pkt->size, stride * H);
			cr_assert_eq(memcmp(pkt->data, f, stride * H), 0, "frame %d differs", got);
			got++;
		}
		av_packet_unref(pkt);
	}
	cr_assert_eq(got, 3);
	avformat_close_input(&ic);
	av_packet_free(&pkt);
	free(f);
}

Test(avwriter, ffv1_from_8bit_refused)
{
	struct avw_params p;
	struct avw *w = (struct avw *)1;
	char msg[256] = "";

	hdr10_params(&p, SDI8K_TF_SDR);
	p.container = AVW_MKV;
	p.codec = AVW_FFV1;
	p.pixfmt = AVW_PIX_UYVY;
	p.write = outfile_io_write;
	cr_assert_eq(avw_open(&w, &p, msg, sizeof(msg)), -ENOTSUP);
	cr_assert_null(w);
	cr_assert_not_null(strstr(msg, "10-bit"), "%s", msg);
}

/*
 * HDR10+ per frame (ABI 4): with FFmpeg 7 and later each Matroska block
 * carries it, read back by libavformat as the packet's
 * AV_PKT_DATA_DYNAMIC_HDR10_PLUS equal to what FFmpeg's parser makes of
 * the payload; older ones and QuickTime refuse it, saying why, and the
 * file is written all the same. Bad payloads and frames out of order are
 * refused.
 */
static void write_h10p(const char *path, enum avw_container c, int *refused, char *why,
		       size_t whylen)
{
	struct avw_params p;
	struct outfile out;
	struct avw *w;
	char msg[512];

	hdr10_params(&p, SDI8K_TF_PQ);
	p.container = c;
	p.codec = AVW_UNCOMPRESSED;
	p.pixfmt = AVW_PIX_V210;
	cr_assert_eq(outfile_open(&out, path, msg, sizeof(msg)), 0, "%s", msg);
	p.io = &out;
	p.write = outfile_io_write;
	p.seek = outfile_io_seek;
	cr_assert_eq(avw_open(&w, &p, msg, sizeof(msg)), 0, "%s", msg);
	*refused = 0;
	for (int i = 0; i < NFRAMES; i++) {
		const uint8_t *planes[3] = { src[i].f.data[0], NULL, NULL };
		size_t strides[3] = { src[i].f.stride[0], 0, 0 };
		int err = avw_put_hdr10plus(w, vec_t35, sizeof(vec_t35), i, msg, sizeof(msg));

		if (err == -ENOTSUP) {
			*refused = 1;
			snprintf(why, whylen, "%s", msg);
		} else {
			cr_assert_eq(err, 0, "%s", msg);
			/* a payload that is not HDR10+, a frame out of order */
			cr_assert_eq(avw_put_hdr10plus(w, vec_t35 + 1, sizeof(vec_t35) - 1, i + 1,
						       msg, sizeof(msg)), -EINVAL);
			cr_assert_eq(avw_put_hdr10plus(w, vec_t35, sizeof(vec_t35), i, msg,
						       sizeof(msg)), -EINVAL);
		}
		cr_assert_eq(avw_put(w, planes, strides, i, msg, sizeof(msg)), 0, "%s", msg);
	}
	cr_assert_eq(avw_close(w, msg, sizeof(msg)), 0, "%s", msg);
	cr_assert_eq(outfile_commit(&out, msg, sizeof(msg)), 0, "%s", msg);
}

Test(avwriter, hdr10plus_per_frame)
{
	char path[128], why[512] = "";
	AVFormatContext *ic = NULL;
	AVPacket *pkt;
	int refused, n = 0, with = 0;

	snprintf(path, sizeof(path), "%s/h10p.mov", dir);
	write_h10p(path, AVW_MOV, &refused, why, sizeof(why));
	cr_assert(refused);
	cr_assert_not_null(strstr(why, "Matroska"), "%s", why);

	snprintf(path, sizeof(path), "%s/h10p.mkv", dir);
	write_h10p(path, AVW_MKV, &refused, why, sizeof(why));
	cr_assert_eq(avformat_open_input(&ic, path, NULL, NULL), 0);
	cr_assert_geq(avformat_find_stream_info(ic, NULL), 0);
	pkt = av_packet_alloc();
	while (av_read_frame(ic, pkt) >= 0) {
#if LIBAVUTIL_VERSION_MAJOR >= 58
		size_t sz = 0;
		const uint8_t *sd = av_packet_get_side_data(pkt, AV_PKT_DATA_DYNAMIC_HDR10_PLUS,
							    &sz);

		if (sd) {
			size_t rsz;
			AVDynamicHDRPlus *ref = av_dynamic_hdr_plus_alloc(&rsz);

			cr_assert_not_null(ref);
			cr_assert_geq(av_dynamic_hdr_plus_from_t35(ref, vec_t35 + 6,
								   sizeof(vec_t35) - 6), 0);
			const AVDynamicHDRPlus *got = (const AVDynamicHDRPlus *)sd;
			const AVHDRPlusColorTransformParams *g = &got->params[0], *r = &ref->params[0];

			cr_assert_geq(sz, sizeof(*got));
			cr_assert_eq(got->application_version, ref->application_version);
			cr_assert_eq(got->num_windows, ref->num_windows);
			cr_assert_eq(av_cmp_q(got->targeted_system_display_maximum_luminance,
					      ref->targeted_system_display_maximum_luminance), 0);
			for (int k = 0; k < 3; k++)
				cr_assert_eq(av_cmp_q(g->maxscl[k], r->maxscl[k]), 0);
			cr_assert_eq(av_cmp_q(g->average_maxrgb, r->average_maxrgb), 0);
			cr_assert_eq(g->num_distribution_maxrgb_percentiles,
				     r->num_distribution_maxrgb_percentiles);
			for (int k = 0; k < r->num_distribution_maxrgb_percentiles; k++) {
				cr_assert_eq(g->distribution_maxrgb[k].percentage,
					     r->distribution_maxrgb[k].percentage);
				cr_assert_eq(av_cmp_q(g->distribution_maxrgb[k].percentile,
						      r->distribution_maxrgb[k].percentile), 0);
			}
			cr_assert_eq(g->tone_mapping_flag, r->tone_mapping_flag);
			av_free(ref);
			with++;
		}
#endif
		n++;
		av_packet_unref(pkt);
	}
	av_packet_free(&pkt);
	avformat_close_input(&ic);
	cr_assert_eq(n, NFRAMES);
	if (refused) {
		/* an FFmpeg before 7.0 (Debian 12's 5.1): said so, none written */
		cr_assert(strstr(why, "7.0") || strstr(why, "libavutil"), "%s", why);
		cr_assert_eq(with, 0);
	} else {
		cr_assert_eq(with, NFRAMES);
	}
}

/* /dev/full: every write fails with ENOSPC. The error comes back with
 * its reason, from the header or at the latest from the trailer. */
Test(avwriter, full_disk)
{
	static const enum avw_container cs[] = { AVW_MKV, AVW_MOV };

	for (size_t k = 0; k < 2; k++) {
		struct avw_params p;
		struct outfile out;
		struct avw *w;
		char msg[512] = "";
		int err;

		hdr10_params(&p, SDI8K_TF_PQ);
		p.container = cs[k];
		p.codec = AVW_UNCOMPRESSED;
		p.pixfmt = AVW_PIX_V210;
		cr_assert_eq(outfile_open(&out, "/dev/full", msg, sizeof(msg)), 0, "%s", msg);
		p.io = &out;
		p.write = outfile_io_write;
		p.seek = outfile_io_seek;
		err = avw_open(&w, &p, msg, sizeof(msg));
		for (int i = 0; !err && i < NFRAMES; i++) {
			const uint8_t *planes[3] = { src[i].f.data[0], NULL, NULL };
			size_t strides[3] = { src[i].f.stride[0], 0, 0 };

			err = avw_put(w, planes, strides, i, msg, sizeof(msg));
			if (err)
				avw_free(w);
		}
		if (!err)
			err = avw_close(w, msg, sizeof(msg));
		cr_assert_eq(err, -ENOSPC, "container %d: %d (%s)", cs[k], err, msg);
		cr_assert_not_null(strstr(msg, "No space left on device"), "%s", msg);
		outfile_abort(&out);
	}
}

Test(avwriter, x265_params)
{
	struct avw_params p;
	char buf[512];

	hdr10_params(&p, SDI8K_TF_PQ);
	cr_assert_gt(avout_x265_params(&p, buf, sizeof(buf)), 0);
	cr_assert_str_eq(buf, "colorprim=bt2020:transfer=smpte2084:colormatrix=bt2020nc:"
			 "range=limited:chromaloc=0:master-display=G(8500,39850)B(6550,2300)"
			 "R(35400,14600)WP(15635,16450)L(10000000,50):max-cll=1000,400:"
			 "hdr10=1:hdr10-opt=1:repeat-headers=1");
	hdr10_params(&p, SDI8K_TF_HLG);
	p.have_mdcv = p.have_cll = 0;
	p.full_range = 1;
	cr_assert_gt(avout_x265_params(&p, buf, sizeof(buf)), 0);
	cr_assert_str_eq(buf, "colorprim=bt2020:transfer=arib-std-b67:colormatrix=bt2020nc:"
			 "range=full:chromaloc=0:repeat-headers=1");
}

Test(avwriter, colour_mapping)
{
	struct avw_params p;
	struct sdi8k_color sdr = { .colorspace = V4L2_COLORSPACE_REC709,
				   .ycbcr_enc = V4L2_YCBCR_ENC_709,
				   .quantization = V4L2_QUANTIZATION_FULL_RANGE,
				   .transfer = SDI8K_TF_SDR };
	struct sdi8k_input_status ictcp = { .have = SDI8K_STATUS_HAVE_ENCODING,
					    .encoding = SDI8K_COLOR_ICTCP };
	struct sdi8k_timecode tc = { .hours = 23, .minutes = 59, .seconds = 58,
				     .frames = 29 };
	char t[16];

	memset(&p, 0, sizeof(p));
	avout_color(&p, &sdr, NULL);
	cr_assert_eq(p.primaries, AVCOL_PRI_BT709);
	cr_assert_eq(p.transfer, AVCOL_TRC_BT709);
	cr_assert_eq(p.matrix, AVCOL_SPC_BT709);
	cr_assert_eq(p.full_range, 1);
	cr_assert_eq(p.have_mdcv, 0);
	cr_assert_eq(p.have_cll, 0);
	sdr.colorspace = V4L2_COLORSPACE_BT2020;
	sdr.ycbcr_enc = V4L2_YCBCR_ENC_DEFAULT;
	sdr.transfer = SDI8K_TF_PQ;
	avout_color(&p, &sdr, &ictcp);
	cr_assert_eq(p.primaries, AVCOL_PRI_BT2020);
	cr_assert_eq(p.transfer, AVCOL_TRC_SMPTE2084);
	cr_assert_eq(p.matrix, AVCOL_SPC_ICTCP);
	/* the H.273 codes of avwriter.h are FFmpeg's */
	cr_assert_eq(AVW_TRC_ARIB_STD_B67, AVCOL_TRC_ARIB_STD_B67);
	cr_assert_eq(AVW_SPC_BT2020_NCL, AVCOL_SPC_BT2020_NCL);
	cr_assert_eq(AVW_CHROMA_LEFT, AVCHROMA_LOC_LEFT);
	avout_timecode(t, &tc, 30000, 1001);
	cr_assert_str_eq(t, "23:59:58:29");
	avout_timecode(t, &tc, 25, 1);
	cr_assert_str_eq(t, "23:59:58:29");
	/* above 30 frames/s: two frames a label, the field mark on the second
	 * (bit 27, flag27, at 60 and 59.94; bit 59, flag59, at 50) */
	tc.flag27 = true;
	avout_timecode(t, &tc, 60000, 1001);
	cr_assert_str_eq(t, "23:59:58:59");
	tc.flag27 = false;
	avout_timecode(t, &tc, 60, 1);
	cr_assert_str_eq(t, "23:59:58:58");
	tc.frames = 12;
	tc.flag59 = true;
	tc.drop_frame = true;
	avout_timecode(t, &tc, 50, 1);
	cr_assert_str_eq(t, "23:59:58;25");
}

/* Audio that goes back in time, or jumps further than ten seconds, or
 * comes to a writer without an audio stream: refused with a reason. */
Test(avwriter, audio_refused)
{
	struct avw_params p;
	struct outfile out;
	struct avw *w;
	char path[128], msg[256] = "";
	int32_t a[ACH * 10] = { 0 };

	memset(&p, 0, sizeof(p));
	p.container = AVW_WAV;
	p.audio_channels = ACH;
	snprintf(path, sizeof(path), "%s/refused.wav", dir);
	cr_assert_eq(outfile_open(&out, path, msg, sizeof(msg)), 0, "%s", msg);
	p.io = &out;
	p.write = outfile_io_write;
	p.seek = outfile_io_seek;
	cr_assert_eq(avw_open(&w, &p, msg, sizeof(msg)), 0, "%s", msg);
	cr_assert_eq(avw_put_audio(w, a, 10, 0, msg, sizeof(msg)), 0, "%s", msg);
	cr_assert_eq(avw_put_audio(w, a, 10, 5, msg, sizeof(msg)), -EINVAL);
	cr_assert_not_null(strstr(msg, "before sample 10"), "%s", msg);
	cr_assert_eq(avw_put_audio(w, a, 10, 10 + 480001, msg, sizeof(msg)), -EINVAL);
	cr_assert_not_null(strstr(msg, "jumps"), "%s", msg);
	cr_assert_eq(avw_put(w, (const uint8_t *const[3]){ NULL, NULL, NULL },
			     (const size_t[3]){ 0, 0, 0 }, 0, msg, sizeof(msg)), -EINVAL);
	cr_assert_not_null(strstr(msg, "no video stream"), "%s", msg);
	cr_assert_eq(avw_close(w, msg, sizeof(msg)), 0, "%s", msg);
	outfile_abort(&out);

	/* a video writer without audio */
	hdr10_params(&p, SDI8K_TF_PQ);
	p.container = AVW_MKV;
	p.codec = AVW_UNCOMPRESSED;
	p.pixfmt = AVW_PIX_V210;
	snprintf(path, sizeof(path), "%s/noaudio.mkv", dir);
	cr_assert_eq(outfile_open(&out, path, msg, sizeof(msg)), 0, "%s", msg);
	p.io = &out;
	p.write = outfile_io_write;
	p.seek = outfile_io_seek;
	cr_assert_eq(avw_open(&w, &p, msg, sizeof(msg)), 0, "%s", msg);
	cr_assert_eq(avw_put_audio(w, a, 10, 0, msg, sizeof(msg)), -EINVAL);
	cr_assert_not_null(strstr(msg, "no audio stream"), "%s", msg);
	avw_free(w);
	outfile_abort(&out);
}
