// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * sdi8ksrc: a live GStreamer push source of one sdi8k SDI input.
 *
 * Built on libsdi8k (<sdi8k/capture.h> for the frames, <sdi8k/status.h>
 * for the input's metadata node: ST 352, ST 2086, MaxCLL/MaxFALL and the
 * ST 12-2 time code of each frame). Each frame is copied out of the
 * driver's buffer into a buffer of the element's pool and the driver's
 * buffer is queued again at once, so downstream may hold buffers as long
 * as it likes and the capture ring never waits for it. What the element
 * does, property by property: gst/README.md.
 */
#include <errno.h>
#include <string.h>
#include <time.h>

#include <linux/videodev2.h>

#include <sdi8k/anc.h>
#include <sdi8k/device.h>
#include <sdi8k/error.h>

#include "gstsdi8ksrc.h"

GST_DEBUG_CATEGORY_STATIC(gst_sdi8k_src_debug);
#define GST_CAT_DEFAULT gst_sdi8k_src_debug

#define DEFAULT_DEVICE "0:0"
#define DEFAULT_FORMAT GST_SDI8K_FORMAT_AUTO
#define DEFAULT_BUFFERS 8
#define DEFAULT_SIGNAL_LOSS GST_SDI8K_SIGNAL_LOSS_WAIT
#define DEFAULT_TIMECODE TRUE
#define DEFAULT_CAPTIONS TRUE
#define META_BUFFERS 16
/* how long one wait for a frame or for the signal may block the streaming
 * thread before it looks at the flushing flag again */
#define POLL_MS 50
/* the longest hole in the audio filled with silence (fill_audio) */
#define FILL_MAX_S 10

enum {
	PROP_0,
	PROP_DEVICE,
	PROP_DEVICE_NAME,
	PROP_FORMAT,
	PROP_BUFFERS,
	PROP_SIGNAL_LOSS,
	PROP_TIMECODE,
	PROP_CAPTIONS,
	PROP_SIGNAL,
	PROP_DROPPED,
};

/* the formats, in the order auto negotiation prefers them */
static const struct {
	GstSdi8kFormat prop;
	enum sdi8k_pixfmt pix;
	GstVideoFormat gst;
} formats[] = {
	{ GST_SDI8K_FORMAT_V210, SDI8K_FMT_V210, GST_VIDEO_FORMAT_v210 },
	{ GST_SDI8K_FORMAT_Y210, SDI8K_FMT_Y210, GST_VIDEO_FORMAT_Y210 },
	{ GST_SDI8K_FORMAT_P010, SDI8K_FMT_P010, GST_VIDEO_FORMAT_P010_10LE },
	{ GST_SDI8K_FORMAT_UYVY, SDI8K_FMT_UYVY, GST_VIDEO_FORMAT_UYVY },
	{ GST_SDI8K_FORMAT_YUY2, SDI8K_FMT_YUYV, GST_VIDEO_FORMAT_YUY2 },
	{ GST_SDI8K_FORMAT_NV16, SDI8K_FMT_NV16, GST_VIDEO_FORMAT_NV16 },
};

#define TEMPLATE_CAPS \
	"video/x-raw, format = (string) { v210, Y210, P010_10LE, UYVY, YUY2, NV16 }, " \
	"width = (int) [ 1, 8192 ], height = (int) [ 1, 4320 ], " \
	"framerate = (fraction) [ 0/1, 240/1 ]"

static GstStaticPadTemplate src_template = GST_STATIC_PAD_TEMPLATE("src",
	GST_PAD_SRC, GST_PAD_ALWAYS, GST_STATIC_CAPS(TEMPLATE_CAPS));

G_DEFINE_TYPE(GstSdi8kSrc, gst_sdi8k_src, GST_TYPE_PUSH_SRC)

#define GST_TYPE_SDI8K_FORMAT (gst_sdi8k_format_get_type())
static GType gst_sdi8k_format_get_type(void)
{
	static GType type;
	static const GEnumValue values[] = {
		{ GST_SDI8K_FORMAT_AUTO, "Downstream's choice (v210 first)", "auto" },
		{ GST_SDI8K_FORMAT_V210, "v210: 10-bit 4:2:2 packed", "v210" },
		{ GST_SDI8K_FORMAT_Y210, "Y210: 10-bit 4:2:2 in 16-bit words", "y210" },
		{ GST_SDI8K_FORMAT_P010, "P010_10LE: 10-bit 4:2:0 semi-planar", "p010" },
		{ GST_SDI8K_FORMAT_UYVY, "UYVY: 8-bit 4:2:2 packed", "uyvy" },
		{ GST_SDI8K_FORMAT_YUY2, "YUY2: 8-bit 4:2:2 packed", "yuy2" },
		{ GST_SDI8K_FORMAT_NV16, "NV16: 8-bit 4:2:2 semi-planar", "nv16" },
		{ 0, NULL, NULL },
	};

	if (g_once_init_enter(&type)) {
		GType t = g_enum_register_static("GstSdi8kFormat", values);

		g_once_init_leave(&type, t);
	}
	return type;
}

#define GST_TYPE_SDI8K_SIGNAL_LOSS (gst_sdi8k_signal_loss_get_type())
static GType gst_sdi8k_signal_loss_get_type(void)
{
	static GType type;
	static const GEnumValue values[] = {
		{ GST_SDI8K_SIGNAL_LOSS_WAIT,
		  "Push nothing until the signal returns", "wait" },
		{ GST_SDI8K_SIGNAL_LOSS_FILLER,
		  "Push black frames (GAP flag) at the last caps and frame rate", "filler" },
		{ GST_SDI8K_SIGNAL_LOSS_ERROR, "Post an error and stop", "error" },
		{ 0, NULL, NULL },
	};

	if (g_once_init_enter(&type)) {
		GType t = g_enum_register_static("GstSdi8kSignalLoss", values);

		g_once_init_leave(&type, t);
	}
	return type;
}

/* ------------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------------ */

static GstClockTime mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (GstClockTime)ts.tv_sec * GST_SECOND + (GstClockTime)ts.tv_nsec;
}

static gboolean is_flushing(GstSdi8kSrc *self)
{
	return g_atomic_int_get(&self->flushing) != 0;
}

/* sleep ms milliseconds, in steps, unless flushing; FALSE when flushing */
static gboolean nap(GstSdi8kSrc *self, guint ms)
{
	while (ms) {
		guint step = MIN(ms, 10u);

		if (is_flushing(self))
			return FALSE;
		g_usleep(step * 1000);
		ms -= step;
	}
	return !is_flushing(self);
}

static GstVideoFormat gst_format_of(enum sdi8k_pixfmt pix)
{
	for (guint i = 0; i < G_N_ELEMENTS(formats); i++)
		if (formats[i].pix == pix)
			return formats[i].gst;
	return GST_VIDEO_FORMAT_UNKNOWN;
}

static enum sdi8k_pixfmt pix_of_gst(GstVideoFormat f)
{
	for (guint i = 0; i < G_N_ELEMENTS(formats); i++)
		if (formats[i].gst == f)
			return formats[i].pix;
	return SDI8K_FMT_NONE;
}

static enum sdi8k_pixfmt pix_of_prop(GstSdi8kFormat p)
{
	for (guint i = 0; i < G_N_ELEMENTS(formats); i++)
		if (formats[i].prop == p)
			return formats[i].pix;
	return SDI8K_FMT_NONE;
}

/* The colorimetry of a frame: the driver's format fields (from the ST 352
 * payload ID) and the transfer function (the driver's control). */
static void colorimetry_of(const struct sdi8k_color *c, GstVideoColorimetry *out)
{
	enum sdi8k_transfer tf = c->transfer;
	gboolean bt2020 = c->colorspace == V4L2_COLORSPACE_BT2020 ||
			  c->ycbcr_enc == V4L2_YCBCR_ENC_BT2020;
	const char *name;

	if (tf != SDI8K_TF_SDR && tf != SDI8K_TF_HLG && tf != SDI8K_TF_PQ)
		tf = c->xfer_func == V4L2_XFER_FUNC_SMPTE2084 ? SDI8K_TF_PQ : SDI8K_TF_SDR;
	if (tf == SDI8K_TF_PQ)
		name = GST_VIDEO_COLORIMETRY_BT2100_PQ;
	else if (tf == SDI8K_TF_HLG)
		name = GST_VIDEO_COLORIMETRY_BT2100_HLG;
	else if (bt2020)
		name = GST_VIDEO_COLORIMETRY_BT2020_10;
	else
		name = GST_VIDEO_COLORIMETRY_BT709;
	gst_video_colorimetry_from_string(out, name);
	out->range = c->quantization == V4L2_QUANTIZATION_FULL_RANGE ?
		GST_VIDEO_COLOR_RANGE_0_255 : GST_VIDEO_COLOR_RANGE_16_235;
}

/* ------------------------------------------------------------------------
 * Caps
 * ------------------------------------------------------------------------ */

/* The caps of the running stream in format f, with the colorimetry c and
 * the static HDR metadata last read from the wire. */
static GstCaps *stream_caps(GstSdi8kSrc *self, GstVideoFormat f,
			    const struct sdi8k_color *c, GstVideoInfo *info_out)
{
	const struct sdi8k_signal *sig = &self->cfmt.signal;
	GstVideoInfo info;
	GstCaps *caps;

	gst_video_info_init(&info);
	gst_video_info_set_interlaced_format(&info, f,
		sig->interlaced ? GST_VIDEO_INTERLACE_MODE_INTERLEAVED :
				  GST_VIDEO_INTERLACE_MODE_PROGRESSIVE,
		self->cfmt.width, self->cfmt.height);
	GST_VIDEO_INFO_FPS_N(&info) = (gint)sig->rate_num;
	GST_VIDEO_INFO_FPS_D(&info) = (gint)sig->rate_den;
	GST_VIDEO_INFO_PAR_N(&info) = 1;
	GST_VIDEO_INFO_PAR_D(&info) = 1;
	if (sig->interlaced)
		GST_VIDEO_INFO_FIELD_ORDER(&info) = GST_VIDEO_FIELD_ORDER_TOP_FIELD_FIRST;
	colorimetry_of(c, &info.colorimetry);
	caps = gst_video_info_to_caps(&info);
	if (c->transfer == SDI8K_TF_PQ || c->transfer == SDI8K_TF_HLG) {
		if (self->have_mdcv) {
			GstVideoMasteringDisplayInfo m;

			gst_video_mastering_display_info_init(&m);
			m.display_primaries[0].x = self->mdcv.red_x;
			m.display_primaries[0].y = self->mdcv.red_y;
			m.display_primaries[1].x = self->mdcv.green_x;
			m.display_primaries[1].y = self->mdcv.green_y;
			m.display_primaries[2].x = self->mdcv.blue_x;
			m.display_primaries[2].y = self->mdcv.blue_y;
			m.white_point.x = self->mdcv.white_x;
			m.white_point.y = self->mdcv.white_y;
			m.max_display_mastering_luminance = self->mdcv.max_luminance;
			m.min_display_mastering_luminance = self->mdcv.min_luminance;
			gst_video_mastering_display_info_add_to_caps(&m, caps);
		}
		if (self->have_cll && (self->cll.max_cll || self->cll.max_fall)) {
			GstVideoContentLightLevel l;

			gst_video_content_light_level_init(&l);
			l.max_content_light_level = self->cll.max_cll;
			l.max_frame_average_light_level = self->cll.max_fall;
			gst_video_content_light_level_add_to_caps(&l, caps);
		}
	}
	if (info_out)
		*info_out = info;
	return caps;
}

/* What the element can produce now: the running stream's caps in every
 * allowed format, or the template caps (limited to the format property). */
static GstCaps *gst_sdi8k_src_get_caps(GstBaseSrc *bs, GstCaps *filter)
{
	GstSdi8kSrc *self = GST_SDI8K_SRC(bs);
	GstSdi8kFormat fp;
	GstCaps *caps = gst_caps_new_empty();

	GST_OBJECT_LOCK(self);
	fp = self->format_prop;
	GST_OBJECT_UNLOCK(self);

	for (guint i = 0; i < G_N_ELEMENTS(formats); i++) {
		GstCaps *one;

		if (fp != GST_SDI8K_FORMAT_AUTO && formats[i].prop != fp)
			continue;
		if (self->streaming && self->caps) {
			one = stream_caps(self, formats[i].gst, &self->cfmt.color, NULL);
		} else {
			one = gst_static_pad_template_get_caps(&src_template);
			one = gst_caps_make_writable(one);
			gst_caps_set_simple(one, "format", G_TYPE_STRING,
					    gst_video_format_to_string(formats[i].gst), NULL);
		}
		caps = gst_caps_merge(caps, one);
	}
	if (filter) {
		GstCaps *tmp = gst_caps_intersect_full(filter, caps, GST_CAPS_INTERSECT_FIRST);

		gst_caps_unref(caps);
		caps = tmp;
	}
	return caps;
}

/* Pick the pixel format: the first of ours (the property's, or all in
 * order) that downstream takes. The caps themselves follow the signal and
 * are set by create(); a different format restarts the stream. */
static gboolean gst_sdi8k_src_negotiate(GstBaseSrc *bs)
{
	GstSdi8kSrc *self = GST_SDI8K_SRC(bs);
	GstCaps *ours = gst_sdi8k_src_get_caps(bs, NULL);
	GstCaps *peer = gst_pad_peer_query_caps(GST_BASE_SRC_PAD(bs), ours);
	enum sdi8k_pixfmt pix = SDI8K_FMT_NONE;

	gst_caps_unref(ours);
	for (guint i = 0; i < gst_caps_get_size(peer) && pix == SDI8K_FMT_NONE; i++) {
		const GstStructure *s = gst_caps_get_structure(peer, i);
		const GValue *v = gst_structure_get_value(s, "format");
		const char *name = NULL;

		if (v && G_VALUE_HOLDS_STRING(v))
			name = g_value_get_string(v);
		else if (v && GST_VALUE_HOLDS_LIST(v) && gst_value_list_get_size(v))
			name = g_value_get_string(gst_value_list_get_value(v, 0));
		if (name)
			pix = pix_of_gst(gst_video_format_from_string(name));
	}
	gst_caps_unref(peer);
	if (pix == SDI8K_FMT_NONE) {
		GST_ELEMENT_ERROR(self, STREAM, FORMAT,
			("%s: downstream takes none of the formats the card can write",
			 self->node[0] ? self->node : self->device), (NULL));
		return FALSE;
	}
	GST_DEBUG_OBJECT(self, "format %s", gst_video_format_to_string(gst_format_of(pix)));
	if (pix != self->pixfmt && self->streaming) {
		/* restarted by create() in the new format */
		sdi8k_capture_stop(self->cap);
		if (self->meta)
			sdi8k_meta_stop(self->meta);
		self->streaming = FALSE;
		self->have_pending = FALSE;
	}
	self->pixfmt = pix;
	self->gst_format = gst_format_of(pix);
	if (self->caps) {
		/* forget the caps set: create() sets them again */
		gst_caps_replace(&self->caps, NULL);
	}
	return TRUE;
}

/* Set the caps of the frame to come, if they differ from those set. */
static GstFlowReturn update_caps(GstSdi8kSrc *self, const struct sdi8k_color *c)
{
	GstVideoInfo info;
	GstCaps *caps = stream_caps(self, self->gst_format, c, &info);
	GstStructure *cfg;

	if (self->caps && gst_caps_is_equal(caps, self->caps)) {
		gst_caps_unref(caps);
		return GST_FLOW_OK;
	}
	GST_INFO_OBJECT(self, "caps %" GST_PTR_FORMAT, caps);
	if (!gst_base_src_set_caps(GST_BASE_SRC(self), caps)) {
		GST_ELEMENT_ERROR(self, STREAM, FORMAT,
			("%s (%s): downstream refused %" GST_PTR_FORMAT, self->node,
			 self->input_name, caps), (NULL));
		gst_caps_unref(caps);
		return GST_FLOW_NOT_NEGOTIATED;
	}
	gst_caps_replace(&self->caps, caps);
	gst_caps_unref(caps);
	if (!self->pool || info.size != self->info.size) {
		if (self->pool) {
			gst_buffer_pool_set_active(self->pool, FALSE);
			gst_object_unref(self->pool);
		}
		self->pool = gst_video_buffer_pool_new();
		cfg = gst_buffer_pool_get_config(self->pool);
		gst_buffer_pool_config_set_params(cfg, self->caps, (guint)info.size, 2, 0);
		if (!gst_buffer_pool_set_config(self->pool, cfg) ||
		    !gst_buffer_pool_set_active(self->pool, TRUE)) {
			GST_ELEMENT_ERROR(self, RESOURCE, NO_SPACE_LEFT,
				("%s: no buffer pool for %" G_GSIZE_FORMAT "-byte frames",
				 self->node, info.size), (NULL));
			return GST_FLOW_ERROR;
		}
	}
	self->info = info;
	return GST_FLOW_OK;
}

/* ------------------------------------------------------------------------
 * Start, stop, streaming
 * ------------------------------------------------------------------------ */

static gboolean gst_sdi8k_src_start(GstBaseSrc *bs)
{
	GstSdi8kSrc *self = GST_SDI8K_SRC(bs);
	struct sdi8k_input_ref ref;
	gchar *spec;
	int err;

	GST_OBJECT_LOCK(self);
	spec = g_strdup(self->device);
	GST_OBJECT_UNLOCK(self);

	err = sdi8k_resolve_input(spec, self->node, sizeof(self->node), &ref);
	if (err) {
		GST_ELEMENT_ERROR(self, RESOURCE, NOT_FOUND,
			("No sdi8k input %s: %s", spec, sdi8k_last_error()), (NULL));
		g_free(spec);
		return FALSE;
	}
	err = sdi8k_capture_open(self->node, &self->cap);
	if (err) {
		GST_ELEMENT_ERROR(self, RESOURCE, OPEN_READ,
			("Could not open %s (%s): %s", spec, self->node, sdi8k_last_error()),
			(NULL));
		g_free(spec);
		return FALSE;
	}
	g_strlcpy(self->input_name, sdi8k_capture_name(self->cap), sizeof(self->input_name));
	err = sdi8k_meta_open(self->node, &self->meta);
	if (err) {
		/* no time code, no ST 2086 / light levels: the video still comes */
		GST_ELEMENT_WARNING(self, RESOURCE, OPEN_READ,
			("%s (%s): no metadata node, so no time code and no HDR static metadata: %s",
			 self->node, self->input_name, sdi8k_last_error()), (NULL));
		self->meta = NULL;
	}
	g_free(spec);
	GST_INFO_OBJECT(self, "%s is %s", self->node, self->input_name);
	/* an sdi8kaudiosrc of this input in the pipeline: its audio too */
	self->audio = gst_sdi8k_audio_src_claim(self->node);
	if (self->audio) {
		struct sdi8k_capture_audio_config ac = { 0 };

		self->audio_channels = ac.channels = gst_sdi8k_audio_src_channels(self->audio);
		if (sdi8k_capture_configure_audio(self->cap, &ac)) {
			GST_ELEMENT_ERROR(self, RESOURCE, SETTINGS,
				("%s (%s): audio: %s", self->node, self->input_name,
				 sdi8k_last_error()), (NULL));
			gst_sdi8k_audio_src_unclaim(self->audio, TRUE);
			self->audio = NULL;
			sdi8k_meta_close(self->meta);
			self->meta = NULL;
			sdi8k_capture_close(self->cap);
			self->cap = NULL;
			return FALSE;
		}
		GST_INFO_OBJECT(self, "%s: its audio (%u channels) to %s", self->node,
				self->audio_channels, GST_OBJECT_NAME(self->audio));
	}
	self->streaming = FALSE;
	self->have_pending = FALSE;
	self->have_mdcv = self->have_cll = FALSE;
	self->lost = self->lost_warned = FALSE;
	self->last_pts = GST_CLOCK_TIME_NONE;
	self->next_filler_pts = GST_CLOCK_TIME_NONE;
	self->duration = GST_CLOCK_TIME_NONE;
	self->frames = self->dropped = self->fillers = 0;
	self->audio_lost = self->captions_bad = 0;
	self->audio_end = GST_CLOCK_TIME_NONE;
	g_object_notify(G_OBJECT(self), "device-name");
	return TRUE;
}

static void stop_stream(GstSdi8kSrc *self)
{
	if (!self->streaming)
		return;
	if (self->have_pending && self->meta)
		sdi8k_meta_release(self->meta, &self->pending);
	self->have_pending = FALSE;
	sdi8k_capture_stop(self->cap);
	if (self->meta)
		sdi8k_meta_stop(self->meta);
	self->streaming = FALSE;
}

static gboolean gst_sdi8k_src_stop(GstBaseSrc *bs)
{
	GstSdi8kSrc *self = GST_SDI8K_SRC(bs);

	stop_stream(self);
	if (self->audio) {
		gst_sdi8k_audio_src_unclaim(self->audio, FALSE);
		self->audio = NULL;
	}
	sdi8k_meta_close(self->meta);
	self->meta = NULL;
	sdi8k_capture_close(self->cap);
	self->cap = NULL;
	gst_caps_replace(&self->caps, NULL);
	if (self->pool) {
		gst_buffer_pool_set_active(self->pool, FALSE);
		gst_object_unref(self->pool);
		self->pool = NULL;
	}
	self->pixfmt = SDI8K_FMT_NONE;
	return TRUE;
}

static gboolean gst_sdi8k_src_unlock(GstBaseSrc *bs)
{
	g_atomic_int_set(&GST_SDI8K_SRC(bs)->flushing, 1);
	return TRUE;
}

static gboolean gst_sdi8k_src_unlock_stop(GstBaseSrc *bs)
{
	g_atomic_int_set(&GST_SDI8K_SRC(bs)->flushing, 0);
	return TRUE;
}

enum start_result { STARTED, NO_SIGNAL, FAILED };

/* configure and start the stream in the negotiated format */
static enum start_result start_stream(GstSdi8kSrc *self)
{
	struct sdi8k_capture_config cfg;
	int err;

	memset(&cfg, 0, sizeof(cfg));
	if (self->pixfmt == SDI8K_FMT_NONE) {
		GstSdi8kFormat fp;

		GST_OBJECT_LOCK(self);
		fp = self->format_prop;
		GST_OBJECT_UNLOCK(self);
		self->pixfmt = fp == GST_SDI8K_FORMAT_AUTO ? SDI8K_FMT_V210 : pix_of_prop(fp);
		self->gst_format = gst_format_of(self->pixfmt);
	}
	cfg.format = self->pixfmt;
	GST_OBJECT_LOCK(self);
	cfg.buffers = self->buffers;
	GST_OBJECT_UNLOCK(self);
	err = sdi8k_capture_configure(self->cap, &cfg);
	if (err == -ENOLINK || err == -ENOLCK || err == -ERANGE)
		return NO_SIGNAL;
	if (err) {
		GST_ELEMENT_ERROR(self, RESOURCE, SETTINGS,
			("%s (%s): %s", self->node, self->input_name, sdi8k_last_error()), (NULL));
		return FAILED;
	}
	sdi8k_capture_get_format(self->cap, &self->cfmt);
	if (self->meta) {
		err = sdi8k_meta_start(self->meta, META_BUFFERS);
		if (err) {
			GST_ELEMENT_WARNING(self, RESOURCE, OPEN_READ,
				("%s (%s): metadata stream: %s; no time code or HDR static metadata",
				 self->node, self->input_name, sdi8k_last_error()), (NULL));
			sdi8k_meta_close(self->meta);
			self->meta = NULL;
		}
	}
	err = sdi8k_capture_start(self->cap);
	if (err) {
		if (self->meta)
			sdi8k_meta_stop(self->meta);
		if (err == -ENOLINK || err == -ENOLCK)
			return NO_SIGNAL;
		GST_ELEMENT_ERROR(self, RESOURCE, BUSY,
			("%s (%s): %s", self->node, self->input_name, sdi8k_last_error()), (NULL));
		return FAILED;
	}
	sdi8k_capture_get_format(self->cap, &self->cfmt);
	self->streaming = TRUE;
	self->restarted = TRUE;
	self->have_pending = FALSE;
	self->duration = gst_util_uint64_scale(GST_SECOND, self->cfmt.signal.rate_den,
					       self->cfmt.signal.rate_num);
	GST_INFO_OBJECT(self, "%s (%s): streaming %s %s, %u buffers", self->node,
			self->input_name, self->cfmt.signal.name,
			gst_video_format_to_string(self->gst_format), self->cfmt.buffers);
	return STARTED;
}

/* running time of the element's clock now, or NONE without a clock */
static GstClockTime running_time_now(GstSdi8kSrc *self)
{
	GstClock *clock = gst_element_get_clock(GST_ELEMENT(self));
	GstClockTime now, base;

	if (!clock)
		return GST_CLOCK_TIME_NONE;
	now = gst_clock_get_time(clock);
	gst_object_unref(clock);
	base = gst_element_get_base_time(GST_ELEMENT(self));
	return now > base ? now - base : 0;
}

/* The clock's time at CLOCK_MONOTONIC time mono_ns. The system clock in
 * its default monotonic mode (the pipeline clock unless an element
 * provides one) is CLOCK_MONOTONIC itself: the time as it is. Any other
 * clock: the offset between the two read as closely together as possible
 * (the smallest of three CLOCK_MONOTONIC windows around the clock's read,
 * so that a preemption between the reads does not move the timestamp). */
static GstClockTime clock_time_of_mono(GstClock *clock, guint64 mono_ns)
{
	GstClockTime best_win = GST_CLOCK_TIME_NONE;
	gint64 offset = 0;

	if (GST_IS_SYSTEM_CLOCK(clock)) {
		GstClockType type = GST_CLOCK_TYPE_REALTIME;

		g_object_get(clock, "clock-type", &type, NULL);
		if (type == GST_CLOCK_TYPE_MONOTONIC)
			return mono_ns;
	}
	for (int i = 0; i < 3; i++) {
		GstClockTime m1 = mono_now();
		GstClockTime c = gst_clock_get_time(clock);
		GstClockTime m2 = mono_now();

		if (m2 - m1 < best_win) {
			best_win = m2 - m1;
			offset = (gint64)c - (gint64)(m1 + (m2 - m1) / 2);
		}
	}
	if (offset < 0 && (guint64)-offset > mono_ns)
		return 0;
	return (GstClockTime)((gint64)mono_ns + offset);
}

/* A CLOCK_MONOTONIC capture time as running time of the pipeline clock. */
static GstClockTime running_time_of(GstSdi8kSrc *self, guint64 mono_ns)
{
	GstClock *clock = gst_element_get_clock(GST_ELEMENT(self));
	GstClockTime t, base;

	if (!clock)
		return GST_CLOCK_TIME_NONE;
	t = clock_time_of_mono(clock, mono_ns);
	gst_object_unref(clock);
	base = gst_element_get_base_time(GST_ELEMENT(self));
	return t > base ? t - base : 0;
}

static void post_signal_message(GstSdi8kSrc *self, const char *state)
{
	GstStructure *s = gst_structure_new("sdi8ksrc-signal",
		"state", G_TYPE_STRING, state,
		"device", G_TYPE_STRING, self->node,
		"input", G_TYPE_STRING, self->input_name, NULL);

	if (self->streaming)
		gst_structure_set(s, "raster", G_TYPE_STRING, self->cfmt.signal.name, NULL);
	gst_element_post_message(GST_ELEMENT(self),
				 gst_message_new_element(GST_OBJECT(self), s));
}

/* The metadata buffer of video frame seq (or none): kept in self->pending
 * until released by the caller. */
static const struct sdi8k_meta_frame *meta_for(GstSdi8kSrc *self, uint32_t seq)
{
	int err;

	if (!self->meta)
		return NULL;
	for (;;) {
		if (!self->have_pending) {
			/* the driver completes a frame's metadata buffer with
			 * its video buffer: a short wait is plenty */
			err = sdi8k_meta_dequeue(self->meta, &self->pending, 20);
			if (err == -EINTR)
				continue;
			if (err)
				return NULL;
			self->have_pending = TRUE;
		}
		if ((int32_t)(self->pending.sequence - seq) < 0) {
			sdi8k_meta_release(self->meta, &self->pending);
			self->have_pending = FALSE;
			continue;
		}
		return self->pending.sequence == seq ? &self->pending : NULL;
	}
}

/*
 * The frame's CEA-708 CDP, as it came off the wire, as GstVideoCaptionMeta
 * (GST_VIDEO_CAPTION_TYPE_CEA708_CDP: what ccextractor, ccconverter and
 * cccombiner take). A CDP that does not decode is left out and counted.
 */
static void add_captions(GstSdi8kSrc *self, GstBuffer *buf,
			 const struct sdi8k_meta_frame *mf)
{
	struct sdi8k_cdp cdp;
	guint8 raw[SDI8K_CDP_MAX_SIZE];
	size_t n = 0;
	int r = sdi8k_cdp_from_frame(mf->data, mf->size, &cdp, raw, &n);

	if (r == 1) {
		gst_buffer_add_video_caption_meta(buf, GST_VIDEO_CAPTION_TYPE_CEA708_CDP,
						  raw, n);
	} else if (r < 0) {
		if (!self->captions_bad++)
			GST_WARNING_OBJECT(self, "frame %u: a damaged caption packet left "
					   "out (and any after it): %s", mf->sequence,
					   sdi8k_last_error());
		else
			GST_DEBUG_OBJECT(self, "frame %u: caption packet left out: %s",
					 mf->sequence, sdi8k_last_error());
	}
}

static void add_timecode(GstSdi8kSrc *self, GstBuffer *buf, const struct sdi8k_timecode *tc)
{
	const struct sdi8k_signal *sig = &self->cfmt.signal;
	GstVideoTimeCodeFlags flags = GST_VIDEO_TIME_CODE_FLAGS_NONE;
	GstVideoTimeCode gtc;
	guint frames = tc->frames;
	/* frames per second above 30 (progressive 50, 59.94, 60): ST 12-1
	 * counts frame pairs, the field mark on the second of a pair */
	gboolean pairs = !sig->interlaced && sig->rate_num > 30 * sig->rate_den;
	gboolean fam25 = sig->rate_num % 25 == 0 && sig->rate_den == 1;

	if (tc->tc_invalid)
		return;
	if (pairs)
		frames = frames * 2 + (sdi8k_timecode_field_mark(tc, fam25) ? 1 : 0);
	if (tc->drop_frame)
		flags |= GST_VIDEO_TIME_CODE_FLAGS_DROP_FRAME;
	if (sig->interlaced)
		flags |= GST_VIDEO_TIME_CODE_FLAGS_INTERLACED;
	gst_video_time_code_init(&gtc, sig->rate_num, sig->rate_den, NULL, flags,
				 tc->hours, tc->minutes, tc->seconds, frames, 0);
	if (gst_video_time_code_is_valid(&gtc))
		gst_buffer_add_video_time_code_meta(buf, &gtc);
	else
		GST_DEBUG_OBJECT(self, "time code %02u:%02u:%02u:%02u not valid at %u/%u",
				 tc->hours, tc->minutes, tc->seconds, frames,
				 sig->rate_num, sig->rate_den);
	gst_video_time_code_clear(&gtc);
}

/* copy a captured frame into a buffer of the video info's layout */
static gboolean copy_frame(GstSdi8kSrc *self, const struct sdi8k_capture_frame *f,
			   GstBuffer *buf)
{
	GstVideoFrame vf;

	if (!gst_video_frame_map(&vf, &self->info, buf, GST_MAP_WRITE))
		return FALSE;
	for (guint p = 0; p < GST_VIDEO_FRAME_N_PLANES(&vf); p++) {
		guint8 *dst = GST_VIDEO_FRAME_PLANE_DATA(&vf, p);
		const guint8 *src = f->frame.data[p];
		gsize ds = (gsize)GST_VIDEO_FRAME_PLANE_STRIDE(&vf, p);
		gsize ss = f->frame.stride[p];
		gint comp[GST_VIDEO_MAX_COMPONENTS];
		guint lines, row;

		gst_video_format_info_component(vf.info.finfo, p, comp);
		lines = (guint)GST_VIDEO_FRAME_COMP_HEIGHT(&vf, comp[0]);
		if (!src)
			break;
		if (ds == ss) {
			memcpy(dst, src, ds * lines);
			continue;
		}
		row = (guint)MIN(ds, ss);
		for (guint y = 0; y < lines; y++)
			memcpy(dst + y * ds, src + y * ss, row);
	}
	gst_video_frame_unmap(&vf);
	return TRUE;
}

/* black in the negotiated format */
static void fill_black(GstSdi8kSrc *self, GstBuffer *buf)
{
	GstVideoFrame vf;

	if (!gst_video_frame_map(&vf, &self->info, buf, GST_MAP_WRITE))
		return;
	for (guint p = 0; p < GST_VIDEO_FRAME_N_PLANES(&vf); p++) {
		guint8 *d = GST_VIDEO_FRAME_PLANE_DATA(&vf, p);
		gsize stride = (gsize)GST_VIDEO_FRAME_PLANE_STRIDE(&vf, p);
		gint comp[GST_VIDEO_MAX_COMPONENTS];
		guint lines;

		gst_video_format_info_component(vf.info.finfo, p, comp);
		lines = (guint)GST_VIDEO_FRAME_COMP_HEIGHT(&vf, comp[0]);
		for (gsize i = 0; i < stride * lines; i += 4) {
			guint32 w;
			guint8 *q = d + i;

			switch (GST_VIDEO_FRAME_FORMAT(&vf)) {
			case GST_VIDEO_FORMAT_UYVY:
				q[0] = 128; q[1] = 16; q[2] = 128; q[3] = 16;
				continue;
			case GST_VIDEO_FORMAT_YUY2:
				q[0] = 16; q[1] = 128; q[2] = 16; q[3] = 128;
				continue;
			case GST_VIDEO_FORMAT_NV16:
				memset(q, p ? 128 : 16, 4);
				continue;
			case GST_VIDEO_FORMAT_P010_10LE:
				w = p ? (512u << 6) | (512u << 22) : (64u << 6) | (64u << 22);
				break;
			case GST_VIDEO_FORMAT_Y210:
				w = (64u << 6) | (512u << 22);	/* Y then Cb / Cr */
				break;
			case GST_VIDEO_FORMAT_v210:
				/* Cb Y Cr | Y Cb Y | Cr Y Cb | Y Cr Y */
				w = (i / 4) % 2 ? 64u | (512u << 10) | (64u << 20) :
						  512u | (64u << 10) | (512u << 20);
				break;
			default:
				w = 0;
				break;
			}
			GST_WRITE_UINT32_LE(q, w);
		}
	}
	gst_video_frame_unmap(&vf);
}

/*
 * Silence (GAP) from the end of the audio pushed so far to pts, in
 * buffers of at most a second: frames dropped, or the signal lost and
 * back, leave no hole in the audio's time (QuickTime's raw audio has no
 * way to say one: GStreamer 1.22's qtmux stops with "Audio stream
 * timestamps are drifting"). At most FILL_MAX_S seconds, the last before
 * pts: a longer hole (the signal lost for minutes with signal-loss=wait)
 * stays one before them, rather than minutes of silence made at once
 * (16 channels: 3 MB a second). The first buffer carries the DISCONT.
 */
static void fill_audio(GstSdi8kSrc *self, GstClockTime pts)
{
	GstClockTime t = self->audio_end;
	gboolean first = TRUE;

	if (pts - t > FILL_MAX_S * GST_SECOND) {
		GST_INFO_OBJECT(self, "%s: %" GST_TIME_FORMAT " without audio: the last %d s "
				"filled with silence", self->node, GST_TIME_ARGS(pts - t), FILL_MAX_S);
		t = pts - FILL_MAX_S * GST_SECOND;
	}
	GST_INFO_OBJECT(self, "%s: %" GST_TIME_FORMAT " of silence where the audio has no frame",
			self->node, GST_TIME_ARGS(pts - t));
	while (t < pts) {
		guint64 s0 = gst_util_uint64_scale_round(t, 48000, GST_SECOND);
		guint64 n = gst_util_uint64_scale_round(pts, 48000, GST_SECOND) - s0;
		gsize size;
		GstBuffer *buf;

		if (!n)
			break;
		n = MIN(n, (guint64)48000);
		size = (gsize)n * self->audio_channels * sizeof(int32_t);
		buf = gst_buffer_new_allocate(NULL, size, NULL);
		if (!buf)
			return;
		gst_buffer_memset(buf, 0, 0, size);
		GST_BUFFER_PTS(buf) = t;
		GST_BUFFER_DURATION(buf) = gst_util_uint64_scale_int(n, GST_SECOND, 48000);
		GST_BUFFER_FLAG_SET(buf, GST_BUFFER_FLAG_GAP);
		if (first)
			GST_BUFFER_FLAG_SET(buf, GST_BUFFER_FLAG_DISCONT);
		first = FALSE;
		t = gst_util_uint64_scale_int(s0 + n, GST_SECOND, 48000);
		gst_sdi8k_audio_src_push(self->audio, buf);
	}
}

/*
 * The audio of the video buffer vbuf to the sdi8kaudiosrc: a's samples
 * (the frame's), or with a NULL, silence for a filler frame (the samples
 * of its time at 48 kHz). Same timestamp, same DISCONT; silence before it
 * when it starts later than the audio so far ends by more than half a
 * frame (fill_audio).
 */
static void push_audio(GstSdi8kSrc *self, GstBuffer *vbuf,
		       const struct sdi8k_capture_audio *a)
{
	GstClockTime pts = GST_BUFFER_PTS(vbuf), dur = GST_BUFFER_DURATION(vbuf);
	guint64 n;
	gsize size;
	GstBuffer *buf;

	if (!self->audio)
		return;
	if (GST_CLOCK_TIME_IS_VALID(pts) && GST_CLOCK_TIME_IS_VALID(dur) &&
	    GST_CLOCK_TIME_IS_VALID(self->audio_end) && pts > self->audio_end + dur / 2)
		fill_audio(self, pts);
	if (a) {
		n = a->frames;
	} else {
		if (!GST_CLOCK_TIME_IS_VALID(pts) || !GST_CLOCK_TIME_IS_VALID(dur))
			return;
		n = gst_util_uint64_scale_round(pts + dur, 48000, GST_SECOND) -
		    gst_util_uint64_scale_round(pts, 48000, GST_SECOND);
	}
	size = (gsize)n * self->audio_channels * sizeof(int32_t);
	buf = gst_buffer_new_allocate(NULL, size, NULL);
	if (!buf)
		return;
	if (a)
		gst_buffer_fill(buf, 0, a->samples, size);
	else
		gst_buffer_memset(buf, 0, 0, size);
	GST_BUFFER_PTS(buf) = pts;
	GST_BUFFER_DURATION(buf) = gst_util_uint64_scale_int(n, GST_SECOND, 48000);
	if (GST_BUFFER_FLAG_IS_SET(vbuf, GST_BUFFER_FLAG_DISCONT))
		GST_BUFFER_FLAG_SET(buf, GST_BUFFER_FLAG_DISCONT);
	if (!a)
		GST_BUFFER_FLAG_SET(buf, GST_BUFFER_FLAG_GAP);
	if (GST_CLOCK_TIME_IS_VALID(pts))
		self->audio_end = pts + GST_BUFFER_DURATION(buf);
	gst_sdi8k_audio_src_push(self->audio, buf);
}

static GstFlowReturn filler_frame(GstSdi8kSrc *self, GstBuffer **out)
{
	GstBuffer *buf = NULL;
	GstFlowReturn ret;

	ret = gst_buffer_pool_acquire_buffer(self->pool, &buf, NULL);
	if (ret != GST_FLOW_OK)
		return ret;
	fill_black(self, buf);
	GST_BUFFER_FLAG_SET(buf, GST_BUFFER_FLAG_GAP);
	if (!self->fillers || self->frames == 0)
		GST_BUFFER_FLAG_SET(buf, GST_BUFFER_FLAG_DISCONT);
	GST_BUFFER_PTS(buf) = self->next_filler_pts;
	GST_BUFFER_DURATION(buf) = self->duration;
	self->last_pts = self->next_filler_pts;
	self->next_filler_pts += self->duration;
	self->fillers++;
	push_audio(self, buf, NULL);
	*out = buf;
	return GST_FLOW_OK;
}

/* no signal: wait for it (returns OK with *out NULL when it is back),
 * push a filler frame, or fail, by the signal-loss property */
static GstFlowReturn no_signal(GstSdi8kSrc *self, GstBuffer **out)
{
	GstSdi8kSignalLoss mode;
	GstClockTime now;

	GST_OBJECT_LOCK(self);
	mode = self->signal_loss;
	GST_OBJECT_UNLOCK(self);
	if (!self->lost) {
		self->lost = TRUE;
		GST_ELEMENT_WARNING(self, RESOURCE, READ,
			("%s (%s): no signal", self->node, self->input_name),
			("%s", sdi8k_last_error()));
		post_signal_message(self, "lost");
		g_object_notify(G_OBJECT(self), "signal");
		if (mode == GST_SDI8K_SIGNAL_LOSS_ERROR) {
			GST_ELEMENT_ERROR(self, RESOURCE, READ,
				("%s (%s): no signal", self->node, self->input_name), (NULL));
			return GST_FLOW_ERROR;
		}
		now = running_time_now(self);
		if (GST_CLOCK_TIME_IS_VALID(self->last_pts) && GST_CLOCK_TIME_IS_VALID(self->duration))
			self->next_filler_pts = self->last_pts + self->duration;
		else
			self->next_filler_pts = now;
	}
	if (mode == GST_SDI8K_SIGNAL_LOSS_FILLER && self->pool && self->caps &&
	    GST_CLOCK_TIME_IS_VALID(self->duration) &&
	    GST_CLOCK_TIME_IS_VALID(self->next_filler_pts)) {
		now = running_time_now(self);
		if (!GST_CLOCK_TIME_IS_VALID(now) || now >= self->next_filler_pts)
			return filler_frame(self, out);
		nap(self, (guint)MIN((self->next_filler_pts - now) / GST_MSECOND + 1, (guint64)POLL_MS));
		return GST_FLOW_OK;
	}
	nap(self, POLL_MS);
	return GST_FLOW_OK;
}

static GstFlowReturn gst_sdi8k_src_create(GstPushSrc *ps, GstBuffer **out)
{
	GstSdi8kSrc *self = GST_SDI8K_SRC(ps);
	struct sdi8k_capture_frame f;
	const struct sdi8k_meta_frame *mf;
	GstBuffer *buf = NULL;
	GstFlowReturn ret;
	GstClockTime pts;
	int err;

	*out = NULL;
	for (;;) {
		if (is_flushing(self))
			return GST_FLOW_FLUSHING;
		if (!self->streaming) {
			switch (start_stream(self)) {
			case STARTED:
				if (self->lost) {
					self->lost = FALSE;
					GST_ELEMENT_INFO(self, RESOURCE, READ,
						("%s (%s): signal back: %s", self->node,
						 self->input_name, self->cfmt.signal.name), (NULL));
					post_signal_message(self, "locked");
					g_object_notify(G_OBJECT(self), "signal");
				}
				break;
			case NO_SIGNAL:
				ret = no_signal(self, out);
				if (ret != GST_FLOW_OK || *out)
					return ret;
				continue;
			default:
				return GST_FLOW_ERROR;
			}
		}
		err = sdi8k_capture_dequeue(self->cap, &f, POLL_MS);
		if (!err)
			break;
		switch (err) {
		case -EAGAIN:
		case -ETIMEDOUT:
		case -EINTR:
			continue;
		case -ENOLINK:	/* signal lost */
			stop_stream(self);
			continue;
		case -EPIPE:	/* another raster: configure again, new caps */
			GST_INFO_OBJECT(self, "%s: raster change", self->node);
			stop_stream(self);
			post_signal_message(self, "changed");
			continue;
		default:
			GST_ELEMENT_ERROR(self, RESOURCE, READ,
				("%s (%s): %s", self->node, self->input_name, sdi8k_last_error()),
				(NULL));
			return GST_FLOW_ERROR;
		}
	}

	/* the frame's metadata: time code, static HDR metadata */
	mf = meta_for(self, f.sequence);
	if (mf && !mf->parse_error) {
		if (mf->hdr.have & SDI8K_HDR_HAVE_MDCV) {
			self->have_mdcv = TRUE;
			self->mdcv = mf->hdr.mdcv;
		} else if (mf->hdr.have & SDI8K_HDR_HAVE_VPID) {
			self->have_mdcv = FALSE;	/* no longer sent */
		}
		if (mf->hdr.have & SDI8K_HDR_HAVE_CLL) {
			self->have_cll = TRUE;
			self->cll = mf->hdr.cll;
		} else if (mf->hdr.have & SDI8K_HDR_HAVE_VPID) {
			self->have_cll = FALSE;
		}
	}

	ret = update_caps(self, &f.color);
	if (ret == GST_FLOW_OK)
		ret = gst_buffer_pool_acquire_buffer(self->pool, &buf, NULL);
	if (ret == GST_FLOW_OK && !copy_frame(self, &f, buf)) {
		GST_ELEMENT_ERROR(self, RESOURCE, READ,
			("%s: could not map a buffer", self->node), (NULL));
		ret = GST_FLOW_ERROR;
	}
	if (ret != GST_FLOW_OK) {
		sdi8k_capture_release(self->cap, &f);
		if (mf) {
			sdi8k_meta_release(self->meta, &self->pending);
			self->have_pending = FALSE;
		}
		if (buf)
			gst_buffer_unref(buf);
		return ret;
	}

	if (mf && !mf->parse_error) {
		gboolean tc_on, cc_on;

		GST_OBJECT_LOCK(self);
		tc_on = self->timecode;
		cc_on = self->captions;
		GST_OBJECT_UNLOCK(self);
		if (tc_on && (mf->hdr.have & SDI8K_HDR_HAVE_TIMECODE))
			add_timecode(self, buf, &mf->hdr.timecode);
		if (cc_on)
			add_captions(self, buf, mf);
	}
	if (mf) {
		sdi8k_meta_release(self->meta, &self->pending);
		self->have_pending = FALSE;
	}

	/* timestamps: the driver's start of frame on the pipeline clock (with
	 * do-timestamp, basesrc stamps the buffer instead) */
	pts = gst_base_src_get_do_timestamp(GST_BASE_SRC(self)) ?
		GST_CLOCK_TIME_NONE : running_time_of(self, f.timestamp_ns);
	if (GST_CLOCK_TIME_IS_VALID(pts) && GST_CLOCK_TIME_IS_VALID(self->last_pts) &&
	    pts <= self->last_pts)
		pts = self->last_pts + 1;
	GST_BUFFER_PTS(buf) = pts;
	GST_BUFFER_DURATION(buf) = self->duration;
	GST_BUFFER_OFFSET(buf) = f.sequence;
	GST_BUFFER_OFFSET_END(buf) = (guint64)f.sequence + 1;
	if (GST_CLOCK_TIME_IS_VALID(pts))
		self->last_pts = pts;
	/* the first frame, one after a gap, filler frames or a restart (a new
	 * raster, the signal back: the sequence starts again at 0) */
	if (self->frames == 0 || f.dropped || self->fillers || self->restarted)
		GST_BUFFER_FLAG_SET(buf, GST_BUFFER_FLAG_DISCONT);
	self->fillers = 0;
	self->restarted = FALSE;
	self->frames++;
	if (f.dropped) {
		GstMessage *m;
		GstStructure *s;

		self->dropped += f.dropped;
		GST_WARNING_OBJECT(self, "%s: %u frames dropped before sequence %u",
				   self->node, f.dropped, f.sequence);
		m = gst_message_new_qos(GST_OBJECT(self), TRUE, pts, GST_CLOCK_TIME_NONE,
					pts, self->duration);
		gst_message_set_qos_values(m, 0, 1.0, 1000000);
		gst_message_set_qos_stats(m, GST_FORMAT_BUFFERS, self->frames, self->dropped);
		gst_element_post_message(GST_ELEMENT(self), m);
		s = gst_structure_new("sdi8ksrc-dropped",
			"device", G_TYPE_STRING, self->node,
			"sequence", G_TYPE_UINT, f.sequence,
			"dropped", G_TYPE_UINT, f.dropped,
			"total-dropped", G_TYPE_UINT64, self->dropped, NULL);
		gst_element_post_message(GST_ELEMENT(self),
					 gst_message_new_element(GST_OBJECT(self), s));
	}
	if (self->audio) {
		struct sdi8k_capture_audio a;

		if (!sdi8k_capture_frame_audio(self->cap, &f, &a)) {
			push_audio(self, buf, &a);
		} else {
			/*
			 * the frame's audio could not be read: silence (GAP)
			 * in its place keeps the audio continuous; said once
			 */
			if (!self->audio_lost++)
				GST_ELEMENT_WARNING(self, RESOURCE, READ,
					("%s: the audio of frame %u could not be read: %s "
					 "(silence in its place)", self->node, f.sequence,
					 sdi8k_last_error()), (NULL));
			push_audio(self, buf, NULL);
		}
	}
	sdi8k_capture_release(self->cap, &f);
	*out = buf;
	return GST_FLOW_OK;
}

static gboolean gst_sdi8k_src_query(GstBaseSrc *bs, GstQuery *query)
{
	GstSdi8kSrc *self = GST_SDI8K_SRC(bs);

	if (GST_QUERY_TYPE(query) == GST_QUERY_LATENCY) {
		/* a frame is timestamped at its start and delivered at its end */
		GstClockTime d = GST_CLOCK_TIME_IS_VALID(self->duration) ?
			self->duration : GST_SECOND / 25;
		guint n = self->streaming ? MAX(self->cfmt.buffers, 2u) : DEFAULT_BUFFERS;

		gst_query_set_latency(query, TRUE, d, d * n);
		return TRUE;
	}
	return GST_BASE_SRC_CLASS(gst_sdi8k_src_parent_class)->query(bs, query);
}

/* ------------------------------------------------------------------------
 * GObject
 * ------------------------------------------------------------------------ */

static void gst_sdi8k_src_set_property(GObject *obj, guint id, const GValue *v,
				       GParamSpec *pspec)
{
	GstSdi8kSrc *self = GST_SDI8K_SRC(obj);

	GST_OBJECT_LOCK(self);
	switch (id) {
	case PROP_DEVICE:
		g_free(self->device);
		self->device = g_value_dup_string(v);
		if (!self->device)
			self->device = g_strdup(DEFAULT_DEVICE);
		break;
	case PROP_FORMAT:
		self->format_prop = (GstSdi8kFormat)g_value_get_enum(v);
		break;
	case PROP_BUFFERS:
		self->buffers = g_value_get_uint(v);
		break;
	case PROP_SIGNAL_LOSS:
		self->signal_loss = (GstSdi8kSignalLoss)g_value_get_enum(v);
		break;
	case PROP_CAPTIONS:
		self->captions = g_value_get_boolean(v);
		break;
	case PROP_TIMECODE:
		self->timecode = g_value_get_boolean(v);
		break;
	default:
		G_OBJECT_WARN_INVALID_PROPERTY_ID(obj, id, pspec);
		break;
	}
	GST_OBJECT_UNLOCK(self);
}

static void gst_sdi8k_src_get_property(GObject *obj, guint id, GValue *v, GParamSpec *pspec)
{
	GstSdi8kSrc *self = GST_SDI8K_SRC(obj);

	GST_OBJECT_LOCK(self);
	switch (id) {
	case PROP_DEVICE:
		g_value_set_string(v, self->device);
		break;
	case PROP_DEVICE_NAME:
		g_value_set_string(v, self->input_name[0] ? self->input_name : NULL);
		break;
	case PROP_FORMAT:
		g_value_set_enum(v, self->format_prop);
		break;
	case PROP_BUFFERS:
		g_value_set_uint(v, self->buffers);
		break;
	case PROP_SIGNAL_LOSS:
		g_value_set_enum(v, self->signal_loss);
		break;
	case PROP_CAPTIONS:
		g_value_set_boolean(v, self->captions);
		break;
	case PROP_TIMECODE:
		g_value_set_boolean(v, self->timecode);
		break;
	case PROP_SIGNAL:
		g_value_set_string(v, !self->cap ? NULL : self->lost ? "none" :
				   self->streaming ? self->cfmt.signal.name : NULL);
		break;
	case PROP_DROPPED:
		g_value_set_uint64(v, self->dropped);
		break;
	default:
		G_OBJECT_WARN_INVALID_PROPERTY_ID(obj, id, pspec);
		break;
	}
	GST_OBJECT_UNLOCK(self);
}

static void gst_sdi8k_src_finalize(GObject *obj)
{
	GstSdi8kSrc *self = GST_SDI8K_SRC(obj);

	g_free(self->device);
	G_OBJECT_CLASS(gst_sdi8k_src_parent_class)->finalize(obj);
}

static void gst_sdi8k_src_class_init(GstSdi8kSrcClass *klass)
{
	GObjectClass *oc = G_OBJECT_CLASS(klass);
	GstElementClass *ec = GST_ELEMENT_CLASS(klass);
	GstBaseSrcClass *bc = GST_BASE_SRC_CLASS(klass);
	GstPushSrcClass *pc = GST_PUSH_SRC_CLASS(klass);
	const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
			       GST_PARAM_MUTABLE_READY;
	const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

	oc->set_property = gst_sdi8k_src_set_property;
	oc->get_property = gst_sdi8k_src_get_property;
	oc->finalize = gst_sdi8k_src_finalize;

	g_object_class_install_property(oc, PROP_DEVICE,
		g_param_spec_string("device", "Device",
			"The SDI input: /dev/videoN, the udev link /dev/sdi8k/SERIAL/inputN, "
			"SERIAL:N (card by serial, input N) or CARD:N (card by index or "
			"kernel name, e.g. 0:1 or sdi8k-0:1), as sdi8k-capture -i takes",
			DEFAULT_DEVICE, rw));
	g_object_class_install_property(oc, PROP_DEVICE_NAME,
		g_param_spec_string("device-name", "Device name",
			"Card and input being captured (\"sdi8k-0 input 1\"), once started",
			NULL, ro));
	g_object_class_install_property(oc, PROP_FORMAT,
		g_param_spec_enum("format", "Pixel format",
			"What the card writes; auto takes the first of v210, Y210, "
			"P010_10LE, UYVY, YUY2, NV16 that downstream accepts",
			GST_TYPE_SDI8K_FORMAT, DEFAULT_FORMAT, rw));
	g_object_class_install_property(oc, PROP_BUFFERS,
		g_param_spec_uint("buffers", "Buffers",
			"Capture buffers to ask the driver for (it may grant more); each "
			"frame is copied out and its buffer queued again at once",
			2, 32, DEFAULT_BUFFERS, rw));
	g_object_class_install_property(oc, PROP_SIGNAL_LOSS,
		g_param_spec_enum("signal-loss", "Signal loss",
			"What to do while the input has no signal (a warning is posted "
			"either way, and an element message \"sdi8ksrc-signal\" on every "
			"loss, return and raster change)",
			GST_TYPE_SDI8K_SIGNAL_LOSS, DEFAULT_SIGNAL_LOSS,
			G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | GST_PARAM_MUTABLE_PLAYING));
	g_object_class_install_property(oc, PROP_TIMECODE,
		g_param_spec_boolean("timecode", "Time code",
			"Attach the ST 12-2 time code of each frame as GstVideoTimeCodeMeta",
			DEFAULT_TIMECODE,
			G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | GST_PARAM_MUTABLE_PLAYING));
	g_object_class_install_property(oc, PROP_CAPTIONS,
		g_param_spec_boolean("captions", "Captions",
			"Attach the CEA-708 caption distribution packet (SMPTE ST 334-2, "
			"with its CEA-608 pairs) of each frame as GstVideoCaptionMeta "
			"of type CEA708_CDP",
			DEFAULT_CAPTIONS,
			G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | GST_PARAM_MUTABLE_PLAYING));
	g_object_class_install_property(oc, PROP_SIGNAL,
		g_param_spec_string("signal", "Signal",
			"The raster being captured (\"1080p59.94\"), \"none\" while the "
			"signal is lost, NULL before streaming",
			NULL, ro));
	g_object_class_install_property(oc, PROP_DROPPED,
		g_param_spec_uint64("dropped", "Dropped",
			"Frames the card received but could not deliver (no free buffer), "
			"since start; each drop also posts a QoS message and an element "
			"message \"sdi8ksrc-dropped\"",
			0, G_MAXUINT64, 0, ro));

	gst_element_class_set_static_metadata(ec, "sdi8k SDI source", "Source/Video/Hardware",
		"Captures an SDI input of an sdi8k card: v210, Y210, P010, UYVY, YUY2, NV16; "
		"colorimetry and HDR static metadata from the wire, ST 12-2 time code as "
		"GstVideoTimeCodeMeta, timestamps from the card",
		"sdi8k project");
	gst_element_class_add_static_pad_template(ec, &src_template);

	bc->start = GST_DEBUG_FUNCPTR(gst_sdi8k_src_start);
	bc->stop = GST_DEBUG_FUNCPTR(gst_sdi8k_src_stop);
	bc->get_caps = GST_DEBUG_FUNCPTR(gst_sdi8k_src_get_caps);
	bc->negotiate = GST_DEBUG_FUNCPTR(gst_sdi8k_src_negotiate);
	bc->unlock = GST_DEBUG_FUNCPTR(gst_sdi8k_src_unlock);
	bc->unlock_stop = GST_DEBUG_FUNCPTR(gst_sdi8k_src_unlock_stop);
	bc->query = GST_DEBUG_FUNCPTR(gst_sdi8k_src_query);
	pc->create = GST_DEBUG_FUNCPTR(gst_sdi8k_src_create);

	gst_type_mark_as_plugin_api(GST_TYPE_SDI8K_FORMAT, 0);
	gst_type_mark_as_plugin_api(GST_TYPE_SDI8K_SIGNAL_LOSS, 0);
	GST_DEBUG_CATEGORY_INIT(gst_sdi8k_src_debug, "sdi8ksrc", 0, "sdi8k SDI source");
}

/* the stream's EOS (num-buffers, an EOS sent to the element): the
 * input's sdi8kaudiosrc ends after the audio it holds (streaming thread) */
static GstPadProbeReturn eos_probe(GstPad *pad, GstPadProbeInfo *info, gpointer data)
{
	GstSdi8kSrc *self = data;
	GstEvent *ev = GST_PAD_PROBE_INFO_EVENT(info);

	(void)pad;
	if (ev && GST_EVENT_TYPE(ev) == GST_EVENT_EOS && self->audio)
		gst_sdi8k_audio_src_video_eos(self->audio);
	return GST_PAD_PROBE_OK;
}

static void gst_sdi8k_src_init(GstSdi8kSrc *self)
{
	self->device = g_strdup(DEFAULT_DEVICE);
	self->format_prop = DEFAULT_FORMAT;
	self->buffers = DEFAULT_BUFFERS;
	self->signal_loss = DEFAULT_SIGNAL_LOSS;
	self->timecode = DEFAULT_TIMECODE;
	self->captions = DEFAULT_CAPTIONS;
	self->pixfmt = SDI8K_FMT_NONE;
	self->last_pts = GST_CLOCK_TIME_NONE;
	self->duration = GST_CLOCK_TIME_NONE;
	gst_base_src_set_live(GST_BASE_SRC(self), TRUE);
	gst_base_src_set_format(GST_BASE_SRC(self), GST_FORMAT_TIME);
	gst_pad_add_probe(GST_BASE_SRC_PAD(self), GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM,
			  eos_probe, self, NULL);
}

gboolean gst_sdi8k_src_register(GstPlugin *plugin)
{
	return gst_element_register(plugin, "sdi8ksrc", GST_RANK_NONE, GST_TYPE_SDI8K_SRC);
}
