// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * sdi8k-capture's container writer (utils/sdi8k-capture-av.so): Matroska
 * or QuickTime through libavformat, FFV1 through libavcodec. See
 * avwriter.h. FFmpeg 5.1 (Debian 12) and later: the differences are the
 * #if LIBAV*_VERSION blocks.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/hdr_dynamic_metadata.h>
#include <libavutil/imgutils.h>
#include <libavutil/mastering_display_metadata.h>
#include <libavutil/opt.h>

#include "avwriter/avwriter.h"

#define AVW_EXPORT __attribute__((visibility("default")))

struct avw {
	struct avw_params p;
	AVFormatContext *oc;
	AVIOContext *pb;
	AVStream *st;			/* video, or NULL (AVW_WAV) */
	AVStream *ast;			/* audio, or NULL */
	AVCodecContext *aenc;		/* pcm_s24le, with ast */
	AVFrame *aframe;		/* its input */
	int64_t anext;			/* pts of the next sample frame due */
	AVStream *cst;			/* CEA-608 captions (c608), or NULL */
	int64_t cnext;			/* the least pts of the next caption packet */
	int cstarted;			/* a caption packet written (anchor_captions()) */
	int64_t vfirst;			/* the first video frame's pts, */
	int vstarted;			/* once one was written */
	AVCodecContext *enc;		/* FFV1, or NULL */
	AVFrame *frame;			/* FFV1's input */
	AVPacket *pkt;
	AVRational tb;			/* one frame: rate_den / rate_num */
	int header_written;
	int io_err;			/* first error of the callbacks */
	size_t plane_bytes[3];		/* tight line sizes (uncompressed) */
	int nplanes;
	uint32_t plane_lines[3];
	/* HDR10+ of frames given but not yet muxed (avw_put_hdr10plus()) */
	struct {
		int64_t pts;		/* frame units */
		AVDynamicHDRPlus *m;	/* its own allocation, av_free() */
		size_t size;
	} h10p[AVW_HDR10P_QUEUE];
	unsigned h10p_head, h10p_n;
};

AVW_EXPORT int avw_abi(void)
{
	return AVW_ABI;
}

AVW_EXPORT const char *avw_versions(void)
{
	static char buf[128];
	unsigned f = avformat_version(), c = avcodec_version();

	snprintf(buf, sizeof(buf), "libavformat %u.%u.%u, libavcodec %u.%u.%u",
		 f >> 16, (f >> 8) & 0xff, f & 0xff, c >> 16, (c >> 8) & 0xff, c & 0xff);
	return buf;
}

static int averr(char *msg, size_t msglen, int err, const char *what)
{
	char e[AV_ERROR_MAX_STRING_SIZE];

	av_strerror(err, e, sizeof(e));
	snprintf(msg, msglen, "%s: %s", what, e);
	return err < 0 && err > -4096 ? err : -EIO;
}

#if LIBAVFORMAT_VERSION_MAJOR < 61
static int io_write(void *opaque, uint8_t *buf, int size)
#else
static int io_write(void *opaque, const uint8_t *buf, int size)
#endif
{
	struct avw *w = opaque;
	int err;

	if (w->io_err)
		return AVERROR(-w->io_err);
	err = w->p.write(w->p.io, buf, (size_t)size);
	if (err) {
		w->io_err = err < 0 ? err : -EIO;
		return AVERROR(-w->io_err);
	}
	return size;
}

static int64_t io_seek(void *opaque, int64_t offset, int whence)
{
	struct avw *w = opaque;
	int64_t r;

	if (whence & AVSEEK_SIZE)
		return AVERROR(ENOSYS);
	r = w->p.seek(w->p.io, offset, whence & ~AVSEEK_FORCE);
	return r < 0 ? AVERROR((int)-r) : r;
}

/* The side data of the whole stream (HDR10 static metadata). */
static int add_stream_side_data(AVStream *st, enum AVPacketSideDataType type,
				uint8_t *data, size_t size)
{
#if LIBAVCODEC_VERSION_INT >= AV_VERSION_INT(60, 31, 102)
	/* FFmpeg 6.1 and later: AVCodecParameters.coded_side_data */
	if (!av_packet_side_data_add(&st->codecpar->coded_side_data,
				     &st->codecpar->nb_coded_side_data, type,
				     data, size, 0)) {
		av_free(data);
		return AVERROR(ENOMEM);
	}
	return 0;
#else
	int err = av_stream_add_side_data(st, type, data, size);

	if (err < 0)
		av_free(data);
	return err;
#endif
}

static int set_hdr10(struct avw *w)
{
	const struct avw_params *p = &w->p;
	int err;

	if (p->have_mdcv) {
		AVMasteringDisplayMetadata *m = av_mastering_display_metadata_alloc();

		if (!m)
			return AVERROR(ENOMEM);
		for (int i = 0; i < 3; i++) {	/* R, G, B */
			m->display_primaries[i][0] = av_make_q(p->mdcv_xy[2 * i], 50000);
			m->display_primaries[i][1] = av_make_q(p->mdcv_xy[2 * i + 1], 50000);
		}
		m->white_point[0] = av_make_q(p->mdcv_xy[6], 50000);
		m->white_point[1] = av_make_q(p->mdcv_xy[7], 50000);
		m->max_luminance = av_make_q((int)p->mdcv_max, 10000);
		m->min_luminance = av_make_q((int)p->mdcv_min, 10000);
		m->has_primaries = 1;
		m->has_luminance = 1;
		err = add_stream_side_data(w->st, AV_PKT_DATA_MASTERING_DISPLAY_METADATA,
					   (uint8_t *)m, sizeof(*m));
		if (err < 0)
			return err;
	}
	if (p->have_cll) {
		size_t size;
		AVContentLightMetadata *c = av_content_light_metadata_alloc(&size);

		if (!c)
			return AVERROR(ENOMEM);
		c->MaxCLL = p->max_cll;
		c->MaxFALL = p->max_fall;
		err = add_stream_side_data(w->st, AV_PKT_DATA_CONTENT_LIGHT_LEVEL,
					   (uint8_t *)c, size);
		if (err < 0)
			return err;
	}
	return 0;
}

static enum AVPixelFormat av_pixfmt(enum avw_pixfmt f)
{
	switch (f) {
	case AVW_PIX_V210:
	case AVW_PIX_YUV422P10:
		return AV_PIX_FMT_YUV422P10LE;
	case AVW_PIX_YUV420P10:
		return AV_PIX_FMT_YUV420P10LE;
	case AVW_PIX_UYVY:
		return AV_PIX_FMT_UYVY422;
	case AVW_PIX_YUYV:
		return AV_PIX_FMT_YUYV422;
	}
	return AV_PIX_FMT_NONE;
}

/* Tight line sizes and line counts of the planes of pixfmt. */
static int layout(struct avw *w)
{
	uint32_t wd = w->p.width, h = w->p.height;

	switch (w->p.pixfmt) {
	case AVW_PIX_V210:
		w->nplanes = 1;
		w->plane_bytes[0] = (size_t)((wd + 47) / 48) * 128;
		w->plane_lines[0] = h;
		return 0;
	case AVW_PIX_UYVY:
	case AVW_PIX_YUYV:
		w->nplanes = 1;
		w->plane_bytes[0] = (size_t)wd * 2;
		w->plane_lines[0] = h;
		return 0;
	case AVW_PIX_YUV422P10:
	case AVW_PIX_YUV420P10:
		w->nplanes = 3;
		w->plane_bytes[0] = (size_t)wd * 2;
		w->plane_bytes[1] = w->plane_bytes[2] = (size_t)((wd + 1) / 2) * 2;
		w->plane_lines[0] = h;
		w->plane_lines[1] = w->plane_lines[2] =
			w->p.pixfmt == AVW_PIX_YUV420P10 ? (h + 1) / 2 : h;
		return 0;
	}
	return -EINVAL;
}

static const char *container_name(enum avw_container c)
{
	return c == AVW_MOV ? "QuickTime (mov)" : c == AVW_WAV ? "WAV" : "Matroska (mkv)";
}

static int open_ffv1(struct avw *w, char *msg, size_t msglen)
{
	const struct avw_params *p = &w->p;
	const AVCodec *codec = avcodec_find_encoder(AV_CODEC_ID_FFV1);
	AVCodecContext *c;
	AVDictionary *opts = NULL;
	char s[16];
	int err;

	if (p->pixfmt != AVW_PIX_YUV422P10 && p->pixfmt != AVW_PIX_YUV420P10) {
		snprintf(msg, msglen, "FFV1 is written from 10-bit captures (v210, y210, p010)");
		return -ENOTSUP;
	}
	if (!codec) {
		snprintf(msg, msglen, "this libavcodec has no FFV1 encoder");
		return -ENOTSUP;
	}
	c = w->enc = avcodec_alloc_context3(codec);
	w->frame = av_frame_alloc();
	if (!c || !w->frame) {
		snprintf(msg, msglen, "out of memory");
		return -ENOMEM;
	}
	c->width = (int)p->width;
	c->height = (int)p->height;
	c->pix_fmt = av_pixfmt(p->pixfmt);
	c->time_base = w->tb;
	c->framerate = av_make_q((int)p->rate_num, (int)p->rate_den);
	c->gop_size = 1;		/* every frame a key frame */
	c->thread_count = (int)p->threads;
	c->thread_type = FF_THREAD_SLICE;
	c->color_primaries = (enum AVColorPrimaries)p->primaries;
	c->color_trc = (enum AVColorTransferCharacteristic)p->transfer;
	c->colorspace = (enum AVColorSpace)p->matrix;
	c->color_range = p->full_range ? AVCOL_RANGE_JPEG : AVCOL_RANGE_MPEG;
	c->chroma_sample_location = (enum AVChromaLocation)p->chroma_location;
	if (w->oc->oformat->flags & AVFMT_GLOBALHEADER)
		c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
	av_dict_set(&opts, "level", "3", 0);
	snprintf(s, sizeof(s), "%u", p->slices ? p->slices : 16);
	av_dict_set(&opts, "slices", s, 0);
	av_dict_set(&opts, "slicecrc", "1", 0);
	err = avcodec_open2(c, codec, &opts);
	av_dict_free(&opts);
	if (err < 0)
		return averr(msg, msglen, err, "FFV1 encoder");
	err = avcodec_parameters_from_context(w->st->codecpar, c);
	if (err < 0)
		return averr(msg, msglen, err, "FFV1 encoder parameters");
	w->frame->format = c->pix_fmt;
	w->frame->width = c->width;
	w->frame->height = c->height;
	err = av_frame_get_buffer(w->frame, 64);
	if (err < 0)
		return averr(msg, msglen, err, "FFV1 frame");
	return 0;
}

/* The audio stream: 24-bit PCM from the card's S32 samples, 48 kHz. */
static int open_audio(struct avw *w, char *msg, size_t msglen)
{
	const AVCodec *codec = avcodec_find_encoder(AV_CODEC_ID_PCM_S24LE);
	AVCodecContext *c;
	int err;

	if (!codec) {
		snprintf(msg, msglen, "this FFmpeg has no pcm_s24le encoder");
		return -ENOTSUP;
	}
	w->ast = avformat_new_stream(w->oc, NULL);
	w->aenc = c = avcodec_alloc_context3(codec);
	w->aframe = av_frame_alloc();
	if (!w->ast || !c || !w->aframe) {
		snprintf(msg, msglen, "out of memory");
		return -ENOMEM;
	}
	c->sample_fmt = AV_SAMPLE_FMT_S32;
	c->sample_rate = 48000;
	c->bits_per_raw_sample = 24;
	av_channel_layout_default(&c->ch_layout, (int)w->p.audio_channels);
	c->time_base = av_make_q(1, 48000);
	if (w->oc->oformat->flags & AVFMT_GLOBALHEADER)
		c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
	err = avcodec_open2(c, codec, NULL);
	if (err < 0)
		return averr(msg, msglen, err, "PCM encoder");
	err = avcodec_parameters_from_context(w->ast->codecpar, c);
	if (err < 0)
		return averr(msg, msglen, err, "PCM encoder parameters");
	w->ast->time_base = c->time_base;
	if (avformat_query_codec(w->oc->oformat, AV_CODEC_ID_PCM_S24LE,
				 FF_COMPLIANCE_NORMAL) != 1) {
		snprintf(msg, msglen, "%s cannot hold 24-bit PCM audio",
			 container_name(w->p.container));
		return -ENOTSUP;
	}
	return 0;
}

/*
 * The caption track: CEA-608 cc_data triplets (eia_608), which FFmpeg's
 * mov muxer writes as a "c608" track (cdat / cdt2 atoms) and its mov
 * demuxer reads back; Matroska has no codec mapping for it.
 */
static int open_captions(struct avw *w, char *msg, size_t msglen)
{
	AVCodecParameters *par;

	if (w->p.container != AVW_MOV ||
	    avformat_query_codec(w->oc->oformat, AV_CODEC_ID_EIA_608,
				 FF_COMPLIANCE_NORMAL) != 1) {
		snprintf(msg, msglen, "%s cannot hold a CEA-608 caption track (FFmpeg "
			 "writes one to QuickTime only)", container_name(w->p.container));
		return -ENOTSUP;
	}
	w->cst = avformat_new_stream(w->oc, NULL);
	if (!w->cst) {
		snprintf(msg, msglen, "out of memory");
		return -ENOMEM;
	}
	par = w->cst->codecpar;
	par->codec_type = AVMEDIA_TYPE_SUBTITLE;
	par->codec_id = AV_CODEC_ID_EIA_608;
	w->cst->time_base = w->tb;
	w->cnext = 0;
	/*
	 * A frame without captions has no packet: the interleaver would
	 * otherwise hold every video frame until a caption packet came, up
	 * to max_interleave_delta (10 s of uncompressed video in memory).
	 * QuickTime indexes every sample, so their order in the file does
	 * not matter: the queue is flushed past one frame.
	 */
	w->oc->max_interleave_delta = av_rescale_q(1, w->tb, AV_TIME_BASE_Q);
	if (w->oc->max_interleave_delta < 1)
		w->oc->max_interleave_delta = 1;
	return 0;
}

AVW_EXPORT int avw_open(struct avw **out, const struct avw_params *p, char *msg,
			size_t msglen)
{
	struct avw *w;
	AVCodecParameters *par;
	AVDictionary *opts = NULL;
	uint8_t *buf;
	int err, seekable;

	*out = NULL;
	/* errors come back in msg: nothing of FFmpeg's own on stderr */
	av_log_set_level(AV_LOG_ERROR);
	if (!p->write || p->audio_channels > 16 ||
	    (p->container == AVW_WAV ? !p->audio_channels :
	     !p->width || !p->height || !p->rate_num || !p->rate_den ||
	     p->width > 16384 || p->height > 16384 || p->rate_num > INT32_MAX ||
	     p->rate_den > INT32_MAX)) {
		snprintf(msg, msglen, "container writer: bad parameters");
		return -EINVAL;
	}
	w = av_mallocz(sizeof(*w));
	if (!w) {
		snprintf(msg, msglen, "out of memory");
		return -ENOMEM;
	}
	w->p = *p;
	w->tb = p->container == AVW_WAV ? av_make_q(1, 48000) :
		av_make_q((int)p->rate_den, (int)p->rate_num);
	if (p->container != AVW_WAV && layout(w)) {
		avw_free(w);
		snprintf(msg, msglen, "container writer: unknown pixel format %d", p->pixfmt);
		return -EINVAL;
	}
	err = avformat_alloc_output_context2(&w->oc, NULL,
					     p->container == AVW_MOV ? "mov" :
					     p->container == AVW_WAV ? "wav" : "matroska", NULL);
	if (err < 0 || !w->oc) {
		err = averr(msg, msglen, err < 0 ? err : AVERROR(ENOMEM),
			    container_name(p->container));
		avw_free(w);
		return err;
	}
	seekable = p->seek && p->seek(p->io, 0, SEEK_CUR) >= 0;
	buf = av_malloc(1 << 16);
	w->pb = buf ? avio_alloc_context(buf, 1 << 16, 1, w, NULL, io_write,
					 seekable ? io_seek : NULL) : NULL;
	w->pkt = av_packet_alloc();
	if (p->container != AVW_WAV)
		w->st = avformat_new_stream(w->oc, NULL);
	if (!w->pb || !w->pkt || (p->container != AVW_WAV && !w->st)) {
		if (!w->pb)
			av_free(buf);
		avw_free(w);
		snprintf(msg, msglen, "out of memory");
		return -ENOMEM;
	}
	w->pb->seekable = seekable ? AVIO_SEEKABLE_NORMAL : 0;
	w->oc->pb = w->pb;
	w->oc->flags |= AVFMT_FLAG_CUSTOM_IO;
	if (p->container == AVW_WAV)
		goto audio;
	w->st->time_base = w->tb;
	w->st->avg_frame_rate = av_make_q((int)p->rate_num, (int)p->rate_den);
	w->st->r_frame_rate = w->st->avg_frame_rate;
	par = w->st->codecpar;
	if (p->codec == AVW_FFV1) {
		err = open_ffv1(w, msg, msglen);
		if (err) {
			avw_free(w);
			return err;
		}
	} else {
		par->codec_type = AVMEDIA_TYPE_VIDEO;
		par->codec_id = p->pixfmt == AVW_PIX_V210 ? AV_CODEC_ID_V210 : AV_CODEC_ID_RAWVIDEO;
		par->format = av_pixfmt(p->pixfmt);
		par->width = (int)p->width;
		par->height = (int)p->height;
		par->bits_per_coded_sample = p->pixfmt == AVW_PIX_V210 ? 20 :
			av_get_bits_per_pixel(av_pix_fmt_desc_get(par->format));
		if (par->codec_id == AV_CODEC_ID_RAWVIDEO &&
		    p->pixfmt != AVW_PIX_UYVY && p->pixfmt != AVW_PIX_YUYV) {
			avw_free(w);
			snprintf(msg, msglen, "uncompressed planar 10-bit does not go into %s: "
				 "use v210 or FFV1", container_name(p->container));
			return -ENOTSUP;
		}
	}
	par->color_primaries = (enum AVColorPrimaries)p->primaries;
	par->color_trc = (enum AVColorTransferCharacteristic)p->transfer;
	par->color_space = (enum AVColorSpace)p->matrix;
	par->color_range = p->full_range ? AVCOL_RANGE_JPEG : AVCOL_RANGE_MPEG;
	par->chroma_location = (enum AVChromaLocation)p->chroma_location;
	par->field_order = !p->interlaced ? AV_FIELD_PROGRESSIVE :
			   p->bottom_first ? AV_FIELD_BB : AV_FIELD_TT;
	par->sample_aspect_ratio = av_make_q(1, 1);
	/* Matroska takes v210 and raw 4:2:2 as VfW FourCCs ("unofficial") */
	if (avformat_query_codec(w->oc->oformat, par->codec_id, FF_COMPLIANCE_UNOFFICIAL) != 1) {
		snprintf(msg, msglen, "%s cannot hold %s video", container_name(p->container),
			 avcodec_get_name(par->codec_id));
		avw_free(w);
		return -ENOTSUP;
	}
	err = set_hdr10(w);
	if (err < 0) {
		err = averr(msg, msglen, err, "HDR10 side data");
		avw_free(w);
		return err;
	}
	if (p->timecode[0]) {
		av_dict_set(&w->st->metadata, "timecode", p->timecode, 0);
		av_dict_set(&w->oc->metadata, "timecode", p->timecode, 0);
	}
audio:
	if (p->audio_channels) {
		err = open_audio(w, msg, msglen);
		if (err) {
			avw_free(w);
			return err;
		}
	}
	if (p->captions) {
		err = open_captions(w, msg, msglen);
		if (err) {
			avw_free(w);
			return err;
		}
	}
	av_dict_set(&w->oc->metadata, "encoder", "sdi8k-capture", 0);
	if (p->container == AVW_WAV)	/* RF64 once past 4 GiB */
		av_dict_set(&opts, "rf64", "auto", 0);
	if (p->container == AVW_MOV && !seekable)	/* a pipe: no going back */
		av_dict_set(&opts, "movflags", "frag_keyframe+empty_moov+default_base_moof", 0);
	/* 8-bit 4:2:2 as captured: Matroska keeps raw video other than
	 * v210 only in its VFW compatibility mode (FFmpeg reads it back) */
	if (p->container == AVW_MKV && p->codec == AVW_UNCOMPRESSED &&
	    (p->pixfmt == AVW_PIX_UYVY || p->pixfmt == AVW_PIX_YUYV))
		av_dict_set(&opts, "allow_raw_vfw", "1", 0);
	if (p->container == AVW_MOV)	/* colr nclx */
		av_dict_set(&opts, "movflags", "+write_colr", AV_DICT_APPEND);
	err = avformat_write_header(w->oc, &opts);
	av_dict_free(&opts);
	if (err < 0) {
		if (w->io_err) {
			err = w->io_err;
			snprintf(msg, msglen, "writing the %s header: %s",
				 container_name(p->container), strerror(-err));
		} else {
			err = averr(msg, msglen, err, "writing the header");
		}
		avw_free(w);
		return err;
	}
	w->header_written = 1;
	*out = w;
	return 0;
}

/* After the muxer returned err (< 0) or the I/O callbacks failed. */
static int write_failed(struct avw *w, int err, char *msg, size_t msglen,
			const char *what)
{
	if (w->io_err) {
		snprintf(msg, msglen, "%s: %s", what, strerror(-w->io_err));
		return w->io_err;
	}
	if (w->pb->error < 0 && err >= 0)
		err = w->pb->error;
	return averr(msg, msglen, err, what);
}

/* the oldest queued HDR10+ entry: forgotten */
static void h10p_pop(struct avw *w)
{
	av_free(w->h10p[w->h10p_head].m);
	w->h10p[w->h10p_head].m = NULL;
	w->h10p_head = (w->h10p_head + 1) % AVW_HDR10P_QUEUE;
	w->h10p_n--;
}

/*
 * A video packet of frame pts (frame units) takes its HDR10+ as side
 * data; entries of frames before it (never muxed) are dropped.
 */
static int h10p_attach(struct avw *w, AVPacket *pkt, int64_t pts, char *msg,
		       size_t msglen)
{
	while (w->h10p_n && w->h10p[w->h10p_head].pts < pts)
		h10p_pop(w);
	if (!w->h10p_n || w->h10p[w->h10p_head].pts != pts)
		return 0;
	if (av_packet_add_side_data(pkt, AV_PKT_DATA_DYNAMIC_HDR10_PLUS,
				    (uint8_t *)w->h10p[w->h10p_head].m,
				    w->h10p[w->h10p_head].size) < 0) {
		snprintf(msg, msglen, "HDR10+ side data: out of memory");
		return -ENOMEM;
	}
	w->h10p[w->h10p_head].m = NULL;	/* the packet owns it */
	h10p_pop(w);
	return 0;
}

static int mux(struct avw *w, AVStream *st, AVPacket *pkt, AVRational from, char *msg,
	       size_t msglen)
{
	int err;

	if (st == w->st && w->h10p_n) {
		err = h10p_attach(w, pkt, av_rescale_q(pkt->pts, from, w->tb), msg, msglen);
		if (err) {
			av_packet_unref(pkt);
			return err;
		}
	}
	pkt->stream_index = st->index;
	av_packet_rescale_ts(pkt, from, st->time_base);
	/* with two streams the muxer orders their packets by time */
	err = w->oc->nb_streams > 1 ? av_interleaved_write_frame(w->oc, pkt) :
				      av_write_frame(w->oc, pkt);
	av_packet_unref(pkt);
	if (err < 0 || w->io_err || w->pb->error < 0)
		return write_failed(w, err, msg, msglen, "writing a frame");
	return 0;
}

static int drain(struct avw *w, char *msg, size_t msglen)
{
	int err;

	for (;;) {
		err = avcodec_receive_packet(w->enc, w->pkt);
		if (err == AVERROR(EAGAIN) || err == AVERROR_EOF)
			return 0;
		if (err < 0)
			return averr(msg, msglen, err, "FFV1 encoder");
		err = mux(w, w->st, w->pkt, w->enc->time_base, msg, msglen);
		if (err)
			return err;
	}
}

static void copy_planes(struct avw *w, uint8_t *const dst[3], const size_t dst_stride[3],
			const uint8_t *const planes[3], const size_t strides[3])
{
	for (int p = 0; p < w->nplanes; p++)
		for (uint32_t l = 0; l < w->plane_lines[p]; l++)
			memcpy(dst[p] + l * dst_stride[p], planes[p] + l * strides[p],
			       w->plane_bytes[p]);
}

/* The PCM encoder's packets into the file. */
static int drain_audio(struct avw *w, char *msg, size_t msglen)
{
	int err;

	for (;;) {
		err = avcodec_receive_packet(w->aenc, w->pkt);
		if (err == AVERROR(EAGAIN) || err == AVERROR_EOF)
			return 0;
		if (err < 0)
			return averr(msg, msglen, err, "PCM encoder");
		err = mux(w, w->ast, w->pkt, w->aenc->time_base, msg, msglen);
		if (err)
			return err;
	}
}

/* frames sample frames from samples, or of silence (samples NULL) */
static int put_pcm(struct avw *w, const int32_t *samples, uint32_t frames, int64_t pts,
		   char *msg, size_t msglen)
{
	int err;

	av_frame_unref(w->aframe);
	w->aframe->format = AV_SAMPLE_FMT_S32;
	w->aframe->sample_rate = 48000;
	w->aframe->nb_samples = (int)frames;
	err = av_channel_layout_copy(&w->aframe->ch_layout, &w->aenc->ch_layout);
	if (err >= 0)
		err = av_frame_get_buffer(w->aframe, 0);
	if (err < 0)
		return averr(msg, msglen, err, "audio frame");
	if (samples)
		memcpy(w->aframe->data[0], samples,
		       (size_t)frames * w->p.audio_channels * sizeof(*samples));
	else
		memset(w->aframe->data[0], 0,
		       (size_t)frames * w->p.audio_channels * sizeof(int32_t));
	w->aframe->pts = pts;
	err = avcodec_send_frame(w->aenc, w->aframe);
	if (err < 0)
		return averr(msg, msglen, err, "PCM encoder");
	w->anext = pts + frames;
	return drain_audio(w, msg, msglen);
}

/* at most this much silence for a gap: ten seconds */
#define AVW_MAX_GAP	480000

AVW_EXPORT int avw_put_audio(struct avw *w, const int32_t *samples, uint32_t frames,
			     int64_t pts, char *msg, size_t msglen)
{
	int err;

	if (!w->aenc || (!samples && frames) || frames > INT32_MAX / 64) {
		snprintf(msg, msglen, "container writer: %s",
			 w->aenc ? "bad audio" : "no audio stream");
		return -EINVAL;
	}
	if (!frames)
		return 0;
	if (pts < w->anext) {
		snprintf(msg, msglen, "container writer: audio at sample %lld, before "
			 "sample %lld already written", (long long)pts, (long long)w->anext);
		return -EINVAL;
	}
	/*
	 * The samples of frames that were not captured: silence, so the
	 * track stays continuous and in step with the video in every
	 * container (QuickTime's and WAV's audio have no gaps).
	 */
	while (pts > w->anext) {
		int64_t n = pts - w->anext;

		if (n > AVW_MAX_GAP) {
			snprintf(msg, msglen, "container writer: audio jumps %lld samples",
				 (long long)n);
			return -EINVAL;
		}
		err = put_pcm(w, NULL, (uint32_t)(n > 48000 ? 48000 : n), w->anext, msg,
			      msglen);
		if (err)
			return err;
	}
	return put_pcm(w, samples, frames, pts, msg, msglen);
}

/* cc_data triplets the mov muxer takes: valid CEA-608, field 1 or 2 */
#define AVW_CC_FIELD1	0xfc
#define AVW_CC_FIELD2	0xfd
/* a CDP holds at most 31 triplets (cc_count is 5 bits) */
#define AVW_MAX_TRIPLETS 31

static int put_cc_packet(struct avw *w, const uint8_t *triplets, size_t n, int64_t pts,
			 char *msg, size_t msglen)
{
	int err = av_new_packet(w->pkt, (int)(3 * n));

	if (err < 0)
		return averr(msg, msglen, err, "caption packet");
	memcpy(w->pkt->data, triplets, 3 * n);
	w->pkt->pts = w->pkt->dts = pts;
	w->pkt->duration = 1;
	w->pkt->flags |= AV_PKT_FLAG_KEY;
	err = mux(w, w->cst, w->pkt, w->tb, msg, msglen);
	if (!err) {
		w->cnext = pts + 1;
		w->cstarted = 1;
	}
	return err;
}

/*
 * The caption track starts with the video: a null pair (0x80 0x80, which
 * decoders skip) at the first frame when that frame had no captions.
 * A track whose first sample comes later would need an edit list, which
 * a fragmented file (a pipe) cannot have once its moov is out (the mov
 * muxer then moves the first sample to 0), and which the movie's 1/1000 s
 * time scale rounds. Called when a later frame comes, or captions of one.
 */
static int anchor_captions(struct avw *w, char *msg, size_t msglen)
{
	static const uint8_t null_pair[3] = { AVW_CC_FIELD1, 0x80, 0x80 };

	if (!w->cst || w->cstarted || !w->vstarted)
		return 0;
	return put_cc_packet(w, null_pair, 1, w->vfirst, msg, msglen);
}

AVW_EXPORT int avw_put(struct avw *w, const uint8_t *const planes[3],
		       const size_t strides[3], int64_t pts, char *msg, size_t msglen)
{
	int err;

	if (!w->st) {
		snprintf(msg, msglen, "container writer: no video stream");
		return -EINVAL;
	}
	for (int p = 0; p < w->nplanes; p++)
		if (!planes[p] || strides[p] < w->plane_bytes[p]) {
			snprintf(msg, msglen, "container writer: bad frame (plane %d)", p);
			return -EINVAL;
		}
	if (!w->vstarted) {
		w->vfirst = pts;
		w->vstarted = 1;
	} else if (pts > w->vfirst) {
		/* the first frame's captions had their chance */
		err = anchor_captions(w, msg, msglen);
		if (err)
			return err;
	}
	if (w->enc) {
		size_t ds[3];

		err = av_frame_make_writable(w->frame);
		if (err < 0)
			return averr(msg, msglen, err, "FFV1 frame");
		for (int p = 0; p < 3; p++)
			ds[p] = (size_t)w->frame->linesize[p];
		copy_planes(w, w->frame->data, ds, planes, strides);
		w->frame->pts = pts;
		w->frame->color_primaries = w->enc->color_primaries;
		w->frame->color_trc = w->enc->color_trc;
		w->frame->colorspace = w->enc->colorspace;
		w->frame->color_range = w->enc->color_range;
		w->frame->chroma_location = w->enc->chroma_sample_location;
		err = avcodec_send_frame(w->enc, w->frame);
		if (err < 0)
			return averr(msg, msglen, err, "FFV1 encoder");
		return drain(w, msg, msglen);
	} else {
		size_t total = 0, ds[3];
		uint8_t *dst[3] = { NULL, NULL, NULL };

		for (int p = 0; p < w->nplanes; p++)
			total += w->plane_bytes[p] * w->plane_lines[p];
		if (total > INT32_MAX) {
			snprintf(msg, msglen, "frame too large");
			return -EINVAL;
		}
		err = av_new_packet(w->pkt, (int)total);
		if (err < 0)
			return averr(msg, msglen, err, "packet");
		for (int p = 0, off = 0; p < w->nplanes; p++) {
			dst[p] = w->pkt->data + off;
			ds[p] = w->plane_bytes[p];
			off += (int)(w->plane_bytes[p] * w->plane_lines[p]);
		}
		copy_planes(w, dst, ds, planes, strides);
		w->pkt->pts = w->pkt->dts = pts;
		w->pkt->duration = 1;
		w->pkt->flags |= AV_PKT_FLAG_KEY;
		return mux(w, w->st, w->pkt, w->tb, msg, msglen);
	}
}


AVW_EXPORT int avw_put_captions(struct avw *w, const uint8_t *triplets, size_t n_triplets,
				int64_t pts, char *msg, size_t msglen)
{
	size_t i;
	int err;

	if (!w->cst) {
		snprintf(msg, msglen, "container writer: no caption track");
		return -EINVAL;
	}
	if (!n_triplets)
		return 0;
	if (!triplets || n_triplets > AVW_MAX_TRIPLETS) {
		snprintf(msg, msglen, "container writer: bad captions (%zu triplets)",
			 n_triplets);
		return -EINVAL;
	}
	for (i = 0; i < n_triplets; i++)
		if (triplets[3 * i] != AVW_CC_FIELD1 && triplets[3 * i] != AVW_CC_FIELD2) {
			snprintf(msg, msglen, "container writer: caption triplet %zu "
				 "(0x%02x) is not a valid CEA-608 pair", i, triplets[3 * i]);
			return -EINVAL;
		}
	if (pts < w->cnext || (w->vstarted && pts < w->vfirst)) {
		snprintf(msg, msglen, "container writer: captions at frame %lld, not past "
			 "frame %lld already written", (long long)pts,
			 (long long)(w->cstarted ? w->cnext : w->vfirst) - 1);
		return -EINVAL;
	}
	/*
	 * FFmpeg's mov muxer (5.1) stores the field 1 pairs of a packet
	 * (a "cdat" atom) and drops field 2's: a packet of field 2 pairs
	 * alone would be an empty sample, which its demuxer gives back as
	 * the atom's header bytes. Such a frame gets no packet.
	 */
	for (i = 0; i < n_triplets && triplets[3 * i] != AVW_CC_FIELD1; i++)
		;
	if (i == n_triplets)
		return 0;
	if (w->vstarted && pts > w->vfirst) {
		err = anchor_captions(w, msg, msglen);
		if (err)
			return err;
	}
	return put_cc_packet(w, triplets, n_triplets, pts, msg, msglen);
}

AVW_EXPORT int avw_close(struct avw *w, char *msg, size_t msglen)
{
	int err = 0;

	if (!w)
		return 0;
	if (w->enc) {
		err = avcodec_send_frame(w->enc, NULL);
		err = err < 0 ? averr(msg, msglen, err, "FFV1 encoder") : drain(w, msg, msglen);
	}
	if (!err && w->aenc) {
		err = avcodec_send_frame(w->aenc, NULL);
		err = err < 0 ? averr(msg, msglen, err, "PCM encoder") :
				drain_audio(w, msg, msglen);
	}
	if (!err) {
		int e = av_write_trailer(w->oc);

		w->header_written = 0;
		if (!w->io_err && w->pb->error >= 0 && e >= 0)
			avio_flush(w->pb);
		if (e < 0 || w->io_err || w->pb->error < 0)
			err = write_failed(w, e, msg, msglen, "writing the trailer");
	}
	avw_free(w);
	return err;
}

/*
 * Whether this FFmpeg keeps HDR10+ per frame in this container: its
 * Matroska muxer writes AV_PKT_DATA_DYNAMIC_HDR10_PLUS as an ITU-T T.35
 * BlockAdditional from FFmpeg 7 (libavformat 61) on; earlier ones drop it,
 * QuickTime has no place for it, and libavutil before 58 cannot parse it.
 */
static const char *h10p_unsupported(const struct avw *w)
{
	if (w->p.container != AVW_MKV || !w->st)
		return "only Matroska keeps HDR10+ metadata per frame";
#if LIBAVUTIL_VERSION_MAJOR < 58
	return "this FFmpeg (before 7.0; libavutil before 58) cannot take HDR10+ metadata";
#else
	if (avformat_version() < AV_VERSION_INT(61, 0, 0))
		return "this FFmpeg's Matroska muxer (before 7.0) does not keep HDR10+ metadata";
	return NULL;
#endif
}

AVW_EXPORT int avw_put_hdr10plus(struct avw *w, const uint8_t *t35, size_t n, int64_t pts,
				 char *msg, size_t msglen)
{
	const char *why = h10p_unsupported(w);

	if (why) {
		snprintf(msg, msglen, "%s", why);
		return -ENOTSUP;
	}
#if LIBAVUTIL_VERSION_MAJOR < 58
	(void)t35;
	(void)n;
	(void)pts;
	return -ENOTSUP;
#else
	static const uint8_t head[6] = { 0xb5, 0x00, 0x3c, 0x00, 0x01, 0x04 };

	if (!t35 || n <= sizeof(head) || memcmp(t35, head, sizeof(head))) {
		snprintf(msg, msglen, "HDR10+: not an ST 2094-40 T.35 payload "
			 "(B5 003C 0001 04 ...)");
		return -EINVAL;
	}
	if (w->h10p_n && w->h10p[(w->h10p_head + w->h10p_n - 1) % AVW_HDR10P_QUEUE].pts >= pts) {
		snprintf(msg, msglen, "HDR10+: frame %lld given after a later one",
			 (long long)pts);
		return -EINVAL;
	}
	if (w->h10p_n == AVW_HDR10P_QUEUE)	/* frames given, never muxed */
		h10p_pop(w);
	{
		unsigned i = (w->h10p_head + w->h10p_n) % AVW_HDR10P_QUEUE;
		size_t size;
		AVDynamicHDRPlus *m = av_dynamic_hdr_plus_alloc(&size);
		int err;

		if (!m) {
			snprintf(msg, msglen, "HDR10+: out of memory");
			return -ENOMEM;
		}
		/* FFmpeg's own parser, from the application version on */
		err = av_dynamic_hdr_plus_from_t35(m, t35 + sizeof(head), n - sizeof(head));
		if (err < 0) {
			av_free(m);
			return averr(msg, msglen, err, "HDR10+ payload");
		}
		m->itu_t_t35_country_code = 0xb5;
		w->h10p[i].pts = pts;
		w->h10p[i].m = m;
		w->h10p[i].size = size;
		w->h10p_n++;
	}
	return 0;
#endif
}

AVW_EXPORT void avw_free(struct avw *w)
{
	if (!w)
		return;
	while (w->h10p_n)
		h10p_pop(w);
	avcodec_free_context(&w->enc);
	av_frame_free(&w->frame);
	avcodec_free_context(&w->aenc);
	av_frame_free(&w->aframe);
	av_packet_free(&w->pkt);
	if (w->oc) {
		w->oc->pb = NULL;
		avformat_free_context(w->oc);
	}
	if (w->pb) {
		av_freep(&w->pb->buffer);
		avio_context_free(&w->pb);
	}
	av_free(w);
}
