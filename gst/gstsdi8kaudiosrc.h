/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * sdi8kaudiosrc: the embedded audio of the SDI input an sdi8ksrc of the
 * same pipeline captures, as decklinkaudiosrc pairs with decklinkvideosrc.
 * See gst/README.md.
 *
 * The audio comes with the video: libsdi8k hands each captured frame its
 * own samples (sdi8k_capture_frame_audio()), so the sdi8ksrc of the input
 * reads them and passes each frame's audio here, timestamped with its
 * video frame's timestamp. The two meet by the input's device node: this
 * element registers it when it goes to READY; the sdi8ksrc looks for it
 * when it starts (a bin takes every element to READY before any to
 * PAUSED).
 */
#ifndef GST_SDI8K_AUDIO_SRC_H
#define GST_SDI8K_AUDIO_SRC_H

#include <gst/base/gstpushsrc.h>
#include <gst/audio/audio.h>

#include <sdi8k/capture.h>
#include <sdi8k/device.h>

G_BEGIN_DECLS

#define GST_TYPE_SDI8K_AUDIO_SRC (gst_sdi8k_audio_src_get_type())
G_DECLARE_FINAL_TYPE(GstSdi8kAudioSrc, gst_sdi8k_audio_src, GST, SDI8K_AUDIO_SRC, GstPushSrc)

struct _GstSdi8kAudioSrc {
	GstPushSrc parent;

	/* properties (object lock) */
	gchar *device;
	guint channels;
	guint video_timeout;		/* ms: "video-timeout" */

	gchar node[SDI8K_PATH_LEN];	/* resolved at READY */
	gboolean registered;

	/* the frames' audio, from the sdi8ksrc (lock, cond) */
	GMutex lock;
	GCond cond;
	GQueue queue;			/* GstBuffer, oldest first */
	gboolean flushing;
	gboolean claimed;		/* an sdi8ksrc delivers to it */
	gboolean video_error;		/* that sdi8ksrc stopped on an error */
	gboolean video_eos;		/* that sdi8ksrc's stream ended (EOS) */
	guint64 dropped;		/* frames' audio dropped: nobody read it */
	gboolean discont;		/* the next buffer out follows a drop */

	GstClockTime last_duration;
	guint wait_ms;			/* video_timeout, taken at start */
	gint64 wait_since;		/* monotonic µs create() began to wait
					 * for an sdi8ksrc, or 0 */
};

gboolean gst_sdi8k_audio_src_register(GstPlugin *plugin);

/*
 * For sdi8ksrc. claim: the sdi8kaudiosrc registered for the input node,
 * referenced and marked as fed (NULL if none, or already claimed); its
 * channels. push: one frame's audio (buffer taken). unclaim: the video
 * stopped (error: on an error: the audio posts one too); unreferences.
 */
GstSdi8kAudioSrc *gst_sdi8k_audio_src_claim(const gchar *node);
guint gst_sdi8k_audio_src_channels(GstSdi8kAudioSrc *a);
void gst_sdi8k_audio_src_push(GstSdi8kAudioSrc *a, GstBuffer *buf);
void gst_sdi8k_audio_src_unclaim(GstSdi8kAudioSrc *a, gboolean error);
void gst_sdi8k_audio_src_video_eos(GstSdi8kAudioSrc *a);

G_END_DECLS

#endif /* GST_SDI8K_AUDIO_SRC_H */
