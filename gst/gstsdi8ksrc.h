/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * sdi8ksrc: a live GStreamer source of one sdi8k SDI input, on libsdi8k.
 * See gst/README.md.
 */
#ifndef GST_SDI8K_SRC_H
#define GST_SDI8K_SRC_H

#include <gst/base/gstpushsrc.h>
#include <gst/video/video.h>

#include <sdi8k/capture.h>
#include <sdi8k/status.h>

#include "gstsdi8kaudiosrc.h"

G_BEGIN_DECLS

#define GST_TYPE_SDI8K_SRC (gst_sdi8k_src_get_type())
G_DECLARE_FINAL_TYPE(GstSdi8kSrc, gst_sdi8k_src, GST, SDI8K_SRC, GstPushSrc)

/* property "format": what the card writes (auto: downstream's choice) */
typedef enum {
	GST_SDI8K_FORMAT_AUTO = 0,
	GST_SDI8K_FORMAT_V210,
	GST_SDI8K_FORMAT_Y210,
	GST_SDI8K_FORMAT_P010,
	GST_SDI8K_FORMAT_UYVY,
	GST_SDI8K_FORMAT_YUY2,
	GST_SDI8K_FORMAT_NV16,
} GstSdi8kFormat;

/* property "signal-loss": what to do while the input has no signal */
typedef enum {
	GST_SDI8K_SIGNAL_LOSS_WAIT = 0,
	GST_SDI8K_SIGNAL_LOSS_FILLER,
	GST_SDI8K_SIGNAL_LOSS_ERROR,
} GstSdi8kSignalLoss;

struct _GstSdi8kSrc {
	GstPushSrc parent;

	/* properties (object lock) */
	gchar *device;
	GstSdi8kFormat format_prop;
	guint buffers;
	GstSdi8kSignalLoss signal_loss;
	gboolean timecode;
	gboolean captions;		/* GstVideoCaptionMeta (object lock) */
	guint64 captions_bad;		/* CDPs that did not decode */
	guint64 audio_lost;		/* frames whose audio could not be read */

	/* below: the streaming thread, and start / stop */
	gchar node[SDI8K_PATH_LEN];	/* resolved /dev/videoN */
	gchar input_name[64];		/* "sdi8k-0 input 1" */
	struct sdi8k_capture *cap;
	struct sdi8k_meta *meta;
	gboolean streaming;		/* cap (and meta) stream */
	gboolean restarted;		/* the next frame is a stream's first */
	enum sdi8k_pixfmt pixfmt;	/* chosen by negotiation (NONE: not yet) */
	GstVideoFormat gst_format;
	struct sdi8k_capture_format cfmt; /* of the running stream */

	/* the metadata frame read ahead of its video frame */
	struct sdi8k_meta_frame pending;
	gboolean have_pending;
	/* the wire's static HDR state, from the metadata stream */
	gboolean have_mdcv, have_cll;
	struct sdi8k_mdcv mdcv;
	struct sdi8k_cll cll;

	GstCaps *caps;			/* what was last set on the pad */
	GstVideoInfo info;		/* of caps */
	GstBufferPool *pool;

	/* signal loss */
	gboolean lost;			/* no signal now */
	gboolean lost_warned;
	GstClockTime next_filler_pts;

	/* timestamps and counters */
	GstClockTime last_pts;
	GstClockTime duration;
	guint64 frames;			/* pushed (video, not filler) */
	guint64 dropped;		/* sum of the sequence gaps */
	guint64 fillers;

	/* the sdi8kaudiosrc of the input (NULL: none in the pipeline),
	 * fed each frame's audio; channels it takes */
	GstSdi8kAudioSrc *audio;
	guint audio_channels;
	/* where the audio pushed so far ends (NONE: none yet): a frame
	 * later than that (frames dropped, the signal back) gets silence
	 * before its audio, so the audio track has no hole in its time */
	GstClockTime audio_end;

	/* unlock() / unlock_stop() */
	gint flushing;
};

gboolean gst_sdi8k_src_register(GstPlugin *plugin);

G_END_DECLS

#endif /* GST_SDI8K_SRC_H */
