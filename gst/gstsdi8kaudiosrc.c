// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * sdi8kaudiosrc: the embedded audio of an sdi8k SDI input, each video
 * frame's samples (libsdi8k: the frame's ST 299 cadence count, the first
 * one the frame's first) timestamped with that frame's timestamp by the
 * sdi8ksrc that captures the input in the same pipeline
 * (gstsdi8kaudiosrc.h says how the two meet). What the element does:
 * gst/README.md.
 */
#include <errno.h>
#include <string.h>

#include <sdi8k/error.h>

#include "gstsdi8kaudiosrc.h"

GST_DEBUG_CATEGORY_STATIC(gst_sdi8k_audio_src_debug);
#define GST_CAT_DEFAULT gst_sdi8k_audio_src_debug

#define DEFAULT_DEVICE "0:0"
#define DEFAULT_CHANNELS 2
/* frames' audio kept for a reader that is late (2 s at 60 frames/s) */
#define MAX_QUEUED 120
/* how long create() waits for an sdi8ksrc of the input to claim it */
#define DEFAULT_VIDEO_TIMEOUT_MS 10000

enum {
	PROP_0,
	PROP_DEVICE,
	PROP_CHANNELS,
	PROP_DROPPED,
	PROP_VIDEO_TIMEOUT,
};

#define TEMPLATE_CAPS \
	"audio/x-raw, format = (string) S32LE, rate = (int) 48000, " \
	"channels = (int) { 2, 8, 16 }, layout = (string) interleaved"

static GstStaticPadTemplate src_template = GST_STATIC_PAD_TEMPLATE("src",
	GST_PAD_SRC, GST_PAD_ALWAYS, GST_STATIC_CAPS(TEMPLATE_CAPS));

G_DEFINE_TYPE(GstSdi8kAudioSrc, gst_sdi8k_audio_src, GST_TYPE_PUSH_SRC)

/* ------------------------------------------------------------------------
 * The inputs' audio elements of this process (registry_lock)
 * ------------------------------------------------------------------------ */

static GMutex registry_lock;
static GList *registry;		/* GstSdi8kAudioSrc, registered at READY */

static gboolean register_input(GstSdi8kAudioSrc *self)
{
	struct sdi8k_input_ref ref;
	gchar *spec;
	gboolean ok = TRUE;

	GST_OBJECT_LOCK(self);
	spec = g_strdup(self->device);
	GST_OBJECT_UNLOCK(self);
	if (sdi8k_resolve_input(spec, self->node, sizeof(self->node), &ref)) {
		GST_ELEMENT_ERROR(self, RESOURCE, NOT_FOUND,
			("No sdi8k input %s: %s", spec, sdi8k_last_error()), (NULL));
		g_free(spec);
		return FALSE;
	}
	g_mutex_lock(&registry_lock);
	for (GList *l = registry; l; l = l->next) {
		GstSdi8kAudioSrc *o = l->data;

		if (!strcmp(o->node, self->node)) {
			GST_ELEMENT_ERROR(self, RESOURCE, BUSY,
				("%s (%s): another sdi8kaudiosrc (%s) takes this input's audio",
				 spec, self->node, GST_OBJECT_NAME(o)), (NULL));
			ok = FALSE;
			break;
		}
	}
	if (ok) {
		registry = g_list_prepend(registry, self);
		self->registered = TRUE;
	}
	g_mutex_unlock(&registry_lock);
	g_free(spec);
	return ok;
}

static void unregister_input(GstSdi8kAudioSrc *self)
{
	g_mutex_lock(&registry_lock);
	if (self->registered)
		registry = g_list_remove(registry, self);
	self->registered = FALSE;
	g_mutex_unlock(&registry_lock);
}

GstSdi8kAudioSrc *gst_sdi8k_audio_src_claim(const gchar *node)
{
	GstSdi8kAudioSrc *found = NULL;

	g_mutex_lock(&registry_lock);
	for (GList *l = registry; l; l = l->next) {
		GstSdi8kAudioSrc *a = l->data;

		if (strcmp(a->node, node))
			continue;
		g_mutex_lock(&a->lock);
		if (!a->claimed) {
			a->claimed = TRUE;
			a->video_error = FALSE;
			a->video_eos = FALSE;
			found = gst_object_ref(a);
		}
		g_cond_broadcast(&a->cond);
		g_mutex_unlock(&a->lock);
		break;
	}
	g_mutex_unlock(&registry_lock);
	return found;
}

guint gst_sdi8k_audio_src_channels(GstSdi8kAudioSrc *a)
{
	guint ch;

	GST_OBJECT_LOCK(a);
	ch = a->channels;
	GST_OBJECT_UNLOCK(a);
	return ch;
}

void gst_sdi8k_audio_src_push(GstSdi8kAudioSrc *a, GstBuffer *buf)
{
	g_mutex_lock(&a->lock);
	if (a->flushing) {
		g_mutex_unlock(&a->lock);
		gst_buffer_unref(buf);
		return;
	}
	if (g_queue_get_length(&a->queue) >= MAX_QUEUED) {
		/* nobody reads: the oldest goes, the next out says so */
		gst_buffer_unref(g_queue_pop_head(&a->queue));
		a->dropped++;
		a->discont = TRUE;
	}
	g_queue_push_tail(&a->queue, buf);
	g_cond_broadcast(&a->cond);
	g_mutex_unlock(&a->lock);
}

/* the sdi8ksrc's stream ended (num-buffers, an EOS sent to it): this one
 * ends too, once it has passed on the audio it holds */
void gst_sdi8k_audio_src_video_eos(GstSdi8kAudioSrc *a)
{
	g_mutex_lock(&a->lock);
	a->video_eos = TRUE;
	g_cond_broadcast(&a->cond);
	g_mutex_unlock(&a->lock);
}

void gst_sdi8k_audio_src_unclaim(GstSdi8kAudioSrc *a, gboolean error)
{
	g_mutex_lock(&a->lock);
	a->claimed = FALSE;
	a->video_error = error;
	g_cond_broadcast(&a->cond);
	g_mutex_unlock(&a->lock);
	gst_object_unref(a);
}

/* ------------------------------------------------------------------------
 * The element
 * ------------------------------------------------------------------------ */

static GstStateChangeReturn gst_sdi8k_audio_src_change_state(GstElement *e,
							     GstStateChange t)
{
	GstSdi8kAudioSrc *self = GST_SDI8K_AUDIO_SRC(e);
	GstStateChangeReturn ret;

	if (t == GST_STATE_CHANGE_NULL_TO_READY && !register_input(self))
		return GST_STATE_CHANGE_FAILURE;
	ret = GST_ELEMENT_CLASS(gst_sdi8k_audio_src_parent_class)->change_state(e, t);
	if (t == GST_STATE_CHANGE_READY_TO_NULL ||
	    (t == GST_STATE_CHANGE_NULL_TO_READY && ret == GST_STATE_CHANGE_FAILURE))
		unregister_input(self);
	return ret;
}

static gboolean gst_sdi8k_audio_src_negotiate(GstBaseSrc *bs)
{
	GstSdi8kAudioSrc *self = GST_SDI8K_AUDIO_SRC(bs);
	GstAudioInfo info;
	GstAudioChannelPosition pos[16];
	guint ch = gst_sdi8k_audio_src_channels(self);
	GstCaps *caps;
	gboolean ok;

	/* stereo: front left, front right; 8 and 16: the channels of the
	 * SDI groups as they are (no speaker layout: unpositioned) */
	for (guint i = 0; i < ch; i++)
		pos[i] = ch == 2 ? (i ? GST_AUDIO_CHANNEL_POSITION_FRONT_RIGHT :
					GST_AUDIO_CHANNEL_POSITION_FRONT_LEFT) :
				   GST_AUDIO_CHANNEL_POSITION_NONE;
	gst_audio_info_init(&info);
	gst_audio_info_set_format(&info, GST_AUDIO_FORMAT_S32LE, 48000, (gint)ch, pos);
	caps = gst_audio_info_to_caps(&info);
	ok = caps && gst_base_src_set_caps(bs, caps);
	if (caps)
		gst_caps_unref(caps);
	return ok;
}

static gboolean gst_sdi8k_audio_src_start(GstBaseSrc *bs)
{
	GstSdi8kAudioSrc *self = GST_SDI8K_AUDIO_SRC(bs);
	guint wait_ms;

	GST_OBJECT_LOCK(self);
	wait_ms = self->video_timeout;
	GST_OBJECT_UNLOCK(self);
	g_mutex_lock(&self->lock);
	self->wait_ms = wait_ms;
	self->flushing = FALSE;
	self->dropped = 0;
	self->discont = TRUE;
	self->video_eos = FALSE;
	self->wait_since = 0;
	g_mutex_unlock(&self->lock);
	return TRUE;
}

static void drain(GstSdi8kAudioSrc *self)
{
	GstBuffer *b;

	while ((b = g_queue_pop_head(&self->queue)))
		gst_buffer_unref(b);
}

static gboolean gst_sdi8k_audio_src_stop(GstBaseSrc *bs)
{
	GstSdi8kAudioSrc *self = GST_SDI8K_AUDIO_SRC(bs);

	g_mutex_lock(&self->lock);
	drain(self);
	g_mutex_unlock(&self->lock);
	return TRUE;
}

static gboolean gst_sdi8k_audio_src_unlock(GstBaseSrc *bs)
{
	GstSdi8kAudioSrc *self = GST_SDI8K_AUDIO_SRC(bs);

	g_mutex_lock(&self->lock);
	self->flushing = TRUE;
	g_cond_broadcast(&self->cond);
	g_mutex_unlock(&self->lock);
	return TRUE;
}

static gboolean gst_sdi8k_audio_src_unlock_stop(GstBaseSrc *bs)
{
	GstSdi8kAudioSrc *self = GST_SDI8K_AUDIO_SRC(bs);
	guint wait_ms;

	GST_OBJECT_LOCK(self);
	wait_ms = self->video_timeout;
	GST_OBJECT_UNLOCK(self);
	g_mutex_lock(&self->lock);
	self->wait_ms = wait_ms;
	self->flushing = FALSE;
	g_mutex_unlock(&self->lock);
	return TRUE;
}

static GstFlowReturn gst_sdi8k_audio_src_create(GstPushSrc *ps, GstBuffer **out)
{
	GstSdi8kAudioSrc *self = GST_SDI8K_AUDIO_SRC(ps);
	GstBuffer *buf = NULL;

	*out = NULL;
	g_mutex_lock(&self->lock);
	for (;;) {
		if (self->flushing) {
			g_mutex_unlock(&self->lock);
			return GST_FLOW_FLUSHING;
		}
		buf = g_queue_pop_head(&self->queue);
		if (buf)
			break;
		if (self->video_eos) {
			g_mutex_unlock(&self->lock);
			GST_INFO_OBJECT(self, "%s: its video ended: end of stream", self->node);
			return GST_FLOW_EOS;
		}
		if (self->video_error) {
			g_mutex_unlock(&self->lock);
			GST_ELEMENT_ERROR(self, RESOURCE, READ,
				("%s: the sdi8ksrc capturing this input stopped on an error",
				 self->node), (NULL));
			return GST_FLOW_ERROR;
		}
		if (!self->claimed) {
			gint64 now = g_get_monotonic_time();

			if (!self->wait_since) {
				self->wait_since = now;
			} else if (now - self->wait_since >
				   (gint64)self->wait_ms * G_TIME_SPAN_MILLISECOND) {
				g_mutex_unlock(&self->lock);
				GST_ELEMENT_ERROR(self, RESOURCE, NOT_FOUND,
					("%s: no sdi8ksrc captures this input in this process: "
					 "the audio comes with its video (put an sdi8ksrc with the "
					 "same input in the pipeline)", self->node), (NULL));
				return GST_FLOW_ERROR;
			}
		} else {
			self->wait_since = 0;
		}
		g_cond_wait_until(&self->cond, &self->lock,
				  g_get_monotonic_time() + 100 * G_TIME_SPAN_MILLISECOND);
	}
	if (self->discont) {
		GST_BUFFER_FLAG_SET(buf, GST_BUFFER_FLAG_DISCONT);
		self->discont = FALSE;
	}
	g_mutex_unlock(&self->lock);
	if (GST_BUFFER_DURATION_IS_VALID(buf))
		self->last_duration = GST_BUFFER_DURATION(buf);
	*out = buf;
	return GST_FLOW_OK;
}

static gboolean gst_sdi8k_audio_src_query(GstBaseSrc *bs, GstQuery *query)
{
	GstSdi8kAudioSrc *self = GST_SDI8K_AUDIO_SRC(bs);

	if (GST_QUERY_TYPE(query) == GST_QUERY_LATENCY) {
		/* a frame's audio comes with its video frame, at the frame's end;
		 * then it may wait behind the frames queued here */
		GstClockTime d = GST_CLOCK_TIME_IS_VALID(self->last_duration) ?
			self->last_duration : GST_SECOND / 25;

		gst_query_set_latency(query, TRUE, 2 * d, d * MAX_QUEUED);
		return TRUE;
	}
	return GST_BASE_SRC_CLASS(gst_sdi8k_audio_src_parent_class)->query(bs, query);
}

static void gst_sdi8k_audio_src_set_property(GObject *obj, guint id, const GValue *v,
					     GParamSpec *pspec)
{
	GstSdi8kAudioSrc *self = GST_SDI8K_AUDIO_SRC(obj);

	GST_OBJECT_LOCK(self);
	switch (id) {
	case PROP_DEVICE:
		g_free(self->device);
		self->device = g_value_dup_string(v);
		if (!self->device)
			self->device = g_strdup(DEFAULT_DEVICE);
		break;
	case PROP_CHANNELS: {
		guint ch = g_value_get_uint(v);

		if (ch == 2 || ch == 8 || ch == 16)
			self->channels = ch;
		else
			g_warning("sdi8kaudiosrc: channels %u: 2, 8 or 16", ch);
		break;
	}
	case PROP_VIDEO_TIMEOUT:
		self->video_timeout = g_value_get_uint(v);
		break;
	default:
		G_OBJECT_WARN_INVALID_PROPERTY_ID(obj, id, pspec);
		break;
	}
	GST_OBJECT_UNLOCK(self);
}

static void gst_sdi8k_audio_src_get_property(GObject *obj, guint id, GValue *v,
					     GParamSpec *pspec)
{
	GstSdi8kAudioSrc *self = GST_SDI8K_AUDIO_SRC(obj);

	switch (id) {
	case PROP_DEVICE:
		GST_OBJECT_LOCK(self);
		g_value_set_string(v, self->device);
		GST_OBJECT_UNLOCK(self);
		break;
	case PROP_CHANNELS:
		g_value_set_uint(v, gst_sdi8k_audio_src_channels(self));
		break;
	case PROP_DROPPED:
		g_mutex_lock(&self->lock);
		g_value_set_uint64(v, self->dropped);
		g_mutex_unlock(&self->lock);
		break;
	case PROP_VIDEO_TIMEOUT:
		GST_OBJECT_LOCK(self);
		g_value_set_uint(v, self->video_timeout);
		GST_OBJECT_UNLOCK(self);
		break;
	default:
		G_OBJECT_WARN_INVALID_PROPERTY_ID(obj, id, pspec);
		break;
	}
}

static void gst_sdi8k_audio_src_finalize(GObject *obj)
{
	GstSdi8kAudioSrc *self = GST_SDI8K_AUDIO_SRC(obj);

	unregister_input(self);
	drain(self);
	g_mutex_clear(&self->lock);
	g_cond_clear(&self->cond);
	g_free(self->device);
	G_OBJECT_CLASS(gst_sdi8k_audio_src_parent_class)->finalize(obj);
}

static void gst_sdi8k_audio_src_class_init(GstSdi8kAudioSrcClass *klass)
{
	GObjectClass *oc = G_OBJECT_CLASS(klass);
	GstElementClass *ec = GST_ELEMENT_CLASS(klass);
	GstBaseSrcClass *bc = GST_BASE_SRC_CLASS(klass);
	GstPushSrcClass *pc = GST_PUSH_SRC_CLASS(klass);
	const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
			       GST_PARAM_MUTABLE_READY;

	oc->set_property = gst_sdi8k_audio_src_set_property;
	oc->get_property = gst_sdi8k_audio_src_get_property;
	oc->finalize = gst_sdi8k_audio_src_finalize;

	g_object_class_install_property(oc, PROP_DEVICE,
		g_param_spec_string("device", "Device",
			"The SDI input, as sdi8ksrc's device property takes it: an sdi8ksrc "
			"capturing the same input must be in the pipeline (the audio comes "
			"with its video frames)", DEFAULT_DEVICE, rw));
	g_object_class_install_property(oc, PROP_CHANNELS,
		g_param_spec_uint("channels", "Channels",
			"The input's embedded audio channels 1..N: 2 (channels 1-2, "
			"stereo), 8 (groups 1-2) or 16 (groups 1-4; 8 and 16 unpositioned)",
			2, 16, DEFAULT_CHANNELS, rw));
	g_object_class_install_property(oc, PROP_DROPPED,
		g_param_spec_uint64("dropped", "Dropped",
			"Frames' audio dropped because downstream did not take it for "
			"2 seconds (the next buffer is marked DISCONT)",
			0, G_MAXUINT64, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
	g_object_class_install_property(oc, PROP_VIDEO_TIMEOUT,
		g_param_spec_uint("video-timeout", "Video timeout",
			"Milliseconds to wait for the sdi8ksrc of the same input to deliver "
			"before failing with an error (the audio comes with its video)",
			100, 3600000, DEFAULT_VIDEO_TIMEOUT_MS, rw));

	gst_element_class_set_static_metadata(ec, "sdi8k SDI audio source",
		"Source/Audio/Hardware",
		"The embedded audio (SMPTE ST 299, 48 kHz, 24 bits in S32LE) of the SDI input "
		"an sdi8ksrc captures: each frame's samples timestamped with its video frame",
		"sdi8k project");
	gst_element_class_add_static_pad_template(ec, &src_template);

	ec->change_state = GST_DEBUG_FUNCPTR(gst_sdi8k_audio_src_change_state);
	bc->start = GST_DEBUG_FUNCPTR(gst_sdi8k_audio_src_start);
	bc->stop = GST_DEBUG_FUNCPTR(gst_sdi8k_audio_src_stop);
	bc->negotiate = GST_DEBUG_FUNCPTR(gst_sdi8k_audio_src_negotiate);
	bc->unlock = GST_DEBUG_FUNCPTR(gst_sdi8k_audio_src_unlock);
	bc->unlock_stop = GST_DEBUG_FUNCPTR(gst_sdi8k_audio_src_unlock_stop);
	bc->query = GST_DEBUG_FUNCPTR(gst_sdi8k_audio_src_query);
	pc->create = GST_DEBUG_FUNCPTR(gst_sdi8k_audio_src_create);

	GST_DEBUG_CATEGORY_INIT(gst_sdi8k_audio_src_debug, "sdi8kaudiosrc", 0,
				"sdi8k SDI audio source");
}

static void gst_sdi8k_audio_src_init(GstSdi8kAudioSrc *self)
{
	self->device = g_strdup(DEFAULT_DEVICE);
	self->video_timeout = DEFAULT_VIDEO_TIMEOUT_MS;
	self->channels = DEFAULT_CHANNELS;
	self->last_duration = GST_CLOCK_TIME_NONE;
	g_mutex_init(&self->lock);
	g_cond_init(&self->cond);
	g_queue_init(&self->queue);
	gst_base_src_set_live(GST_BASE_SRC(self), TRUE);
	gst_base_src_set_format(GST_BASE_SRC(self), GST_FORMAT_TIME);
}

gboolean gst_sdi8k_audio_src_register(GstPlugin *plugin)
{
	return gst_element_register(plugin, "sdi8kaudiosrc", GST_RANK_NONE,
				    GST_TYPE_SDI8K_AUDIO_SRC);
}
