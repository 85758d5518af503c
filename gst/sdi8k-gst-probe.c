// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * sdi8k-gst-probe: run a GStreamer pipeline and print what passes the sink
 * pad of its element named "probe", for the tests of sdi8ksrc
 * (tests/vm/guest/tests/42-gst-sdi8ksrc.sh).
 *
 *   sdi8k-gst-probe [-t SECONDS] 'sdi8ksrc ... ! identity name=probe ! fakesink'
 *
 * An element named "aprobe" too (an audio branch) prints
 *   abuffer <n> pts <ns|none> dur <ns|none> bytes <size> flags <discont,gap|->
 * for each buffer through it (its caps as "acaps <caps>").
 *
 * One line each, on stdout:
 *   caps <caps>                                   a CAPS event
 *   buffer <n> pts <ns|none> dur <ns|none> offset <seq> flags <discont,gap|->
 *          tc <HH:MM:SS:FF|HH:MM:SS;FF|none> tcframes <frames since 00:00:00:00>
 *          tcrate <n/d> tcflags <df,interlaced|->
 *          cc <cdp|other> <bytes> <hex>  (or "cc none": the caption meta)
 *   warning <message> | info <message> | element <structure> |
 *   qos processed <n> dropped <n>                 bus messages
 *   eos | error <message> | timeout
 * Exit status: 0 at EOS, 1 on an error, 2 on timeout (default 60 s),
 * 3 on bad usage.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gst/gst.h>
#include <gst/video/video.h>

static guint64 nbuf, nabuf;

static void print_time(const char *name, GstClockTime t)
{
	if (GST_CLOCK_TIME_IS_VALID(t))
		printf(" %s %" G_GUINT64_FORMAT, name, (guint64)t);
	else
		printf(" %s none", name);
}

/* " cc TYPE BYTES HEX" of the buffer's first caption meta, " cc none" */
static void print_captions(GstBuffer *b)
{
	GstVideoCaptionMeta *cc = gst_buffer_get_video_caption_meta(b);
	gsize i;

	if (!cc) {
		printf(" cc none");
		return;
	}
	printf(" cc %s %" G_GSIZE_FORMAT " ",
	       cc->caption_type == GST_VIDEO_CAPTION_TYPE_CEA708_CDP ? "cdp" : "other",
	       cc->size);
	for (i = 0; i < cc->size; i++)
		printf("%02x", cc->data[i]);
}

static GstPadProbeReturn probe_cb(GstPad *pad, GstPadProbeInfo *info, gpointer data)
{
	(void)pad;
	/* one line at a time: the bus messages are printed by the main thread */
	flockfile(stdout);
	if (data && (info->type & GST_PAD_PROBE_TYPE_BUFFER)) {
		GstBuffer *b = GST_PAD_PROBE_INFO_BUFFER(info);
		gboolean d = GST_BUFFER_FLAG_IS_SET(b, GST_BUFFER_FLAG_DISCONT);
		gboolean g = GST_BUFFER_FLAG_IS_SET(b, GST_BUFFER_FLAG_GAP);

		printf("abuffer %" G_GUINT64_FORMAT, nabuf++);
		print_time("pts", GST_BUFFER_PTS(b));
		print_time("dur", GST_BUFFER_DURATION(b));
		printf(" bytes %" G_GSIZE_FORMAT " flags %s\n", gst_buffer_get_size(b),
		       d && g ? "discont,gap" : d ? "discont" : g ? "gap" : "-");
	} else if (info->type & GST_PAD_PROBE_TYPE_BUFFER) {
		GstBuffer *b = GST_PAD_PROBE_INFO_BUFFER(info);
		GstVideoTimeCodeMeta *m = gst_buffer_get_video_time_code_meta(b);
		gboolean d = GST_BUFFER_FLAG_IS_SET(b, GST_BUFFER_FLAG_DISCONT);
		gboolean g = GST_BUFFER_FLAG_IS_SET(b, GST_BUFFER_FLAG_GAP);

		printf("buffer %" G_GUINT64_FORMAT, nbuf++);
		print_time("pts", GST_BUFFER_PTS(b));
		print_time("dur", GST_BUFFER_DURATION(b));
		if (GST_BUFFER_OFFSET_IS_VALID(b))
			printf(" offset %" G_GUINT64_FORMAT, (guint64)GST_BUFFER_OFFSET(b));
		else
			printf(" offset none");
		printf(" flags %s", d && g ? "discont,gap" : d ? "discont" : g ? "gap" : "-");
		if (m) {
			gchar *s = gst_video_time_code_to_string(&m->tc);
			GstVideoTimeCodeFlags f = m->tc.config.flags;

			printf(" tc %s tcframes %" G_GUINT64_FORMAT " tcrate %u/%u tcflags %s", s,
			       gst_video_time_code_frames_since_daily_jam(&m->tc),
			       m->tc.config.fps_n, m->tc.config.fps_d,
			       (f & GST_VIDEO_TIME_CODE_FLAGS_DROP_FRAME) ?
			       ((f & GST_VIDEO_TIME_CODE_FLAGS_INTERLACED) ? "df,interlaced" : "df") :
			       ((f & GST_VIDEO_TIME_CODE_FLAGS_INTERLACED) ? "interlaced" : "-"));
			g_free(s);
		} else {
			printf(" tc none");
		}
		print_captions(b);
		printf("\n");
	} else if (info->type & GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM) {
		GstEvent *e = GST_PAD_PROBE_INFO_EVENT(info);

		if (GST_EVENT_TYPE(e) == GST_EVENT_CAPS) {
			GstCaps *caps;
			gchar *s;

			gst_event_parse_caps(e, &caps);
			s = gst_caps_to_string(caps);
			printf("%scaps %s\n", data ? "a" : "", s);
			g_free(s);
		}
	}
	fflush(stdout);
	funlockfile(stdout);
	return GST_PAD_PROBE_OK;
}

static void oneline(char *s)
{
	for (; *s; s++)
		if (*s == '\n')
			*s = '|';
}

int main(int argc, char **argv)
{
	GstElement *pipe, *probe, *aprobe;
	GError *err = NULL;
	GstBus *bus;
	GstPad *pad;
	gint64 deadline;
	double timeout = 60;
	int opt, rc = 2;

	gst_init(&argc, &argv);
	while ((opt = getopt(argc, argv, "t:")) != -1) {
		if (opt == 't') {
			timeout = atof(optarg);
		} else {
			fprintf(stderr, "usage: sdi8k-gst-probe [-t SECONDS] PIPELINE\n");
			return 3;
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr, "usage: sdi8k-gst-probe [-t SECONDS] PIPELINE\n");
		return 3;
	}
	pipe = gst_parse_launch(argv[optind], &err);
	if (!pipe || err) {
		printf("error parse: %s\n", err ? err->message : "?");
		return 3;
	}
	probe = gst_bin_get_by_name(GST_BIN(pipe), "probe");
	aprobe = gst_bin_get_by_name(GST_BIN(pipe), "aprobe");
	if (!probe && !aprobe) {
		printf("error no element named probe\n");
		return 3;
	}
	if (probe) {
		pad = gst_element_get_static_pad(probe, "sink");
		gst_pad_add_probe(pad, GST_PAD_PROBE_TYPE_BUFFER |
				  GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM, probe_cb, NULL, NULL);
		gst_object_unref(pad);
		gst_object_unref(probe);
	}
	if (aprobe) {
		pad = gst_element_get_static_pad(aprobe, "sink");
		gst_pad_add_probe(pad, GST_PAD_PROBE_TYPE_BUFFER |
				  GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM, probe_cb, GINT_TO_POINTER(1),
				  NULL);
		gst_object_unref(pad);
		gst_object_unref(aprobe);
	}

	bus = gst_element_get_bus(pipe);
	if (gst_element_set_state(pipe, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
		printf("warning set_state PLAYING failed\n");
	deadline = g_get_monotonic_time() + (gint64)(timeout * G_USEC_PER_SEC);
	for (;;) {
		gint64 left = deadline - g_get_monotonic_time();
		GstMessage *msg;
		GError *e = NULL;
		gchar *dbg = NULL, *s;

		if (left <= 0) {
			printf("timeout\n");
			rc = 2;
			break;
		}
		msg = gst_bus_timed_pop(bus, (GstClockTime)left * GST_USECOND);
		if (!msg)
			continue;
		flockfile(stdout);
		switch (GST_MESSAGE_TYPE(msg)) {
		case GST_MESSAGE_EOS:
			printf("eos\n");
			rc = 0;
			break;
		case GST_MESSAGE_ERROR:
			gst_message_parse_error(msg, &e, &dbg);
			oneline(e->message);
			printf("error %s (%s)\n", e->message, GST_OBJECT_NAME(msg->src));
			rc = 1;
			break;
		case GST_MESSAGE_WARNING:
			gst_message_parse_warning(msg, &e, &dbg);
			oneline(e->message);
			printf("warning %s\n", e->message);
			break;
		case GST_MESSAGE_INFO:
			gst_message_parse_info(msg, &e, &dbg);
			oneline(e->message);
			printf("info %s\n", e->message);
			break;
		case GST_MESSAGE_ELEMENT:
			if (gst_message_get_structure(msg)) {
				s = gst_structure_to_string(gst_message_get_structure(msg));
				printf("element %s\n", s);
				g_free(s);
			}
			break;
		case GST_MESSAGE_QOS: {
			GstFormat fmt;
			guint64 processed, dropped;

			gst_message_parse_qos_stats(msg, &fmt, &processed, &dropped);
			printf("qos processed %" G_GUINT64_FORMAT " dropped %" G_GUINT64_FORMAT "\n",
			       processed, dropped);
			break;
		}
		default:
			break;
		}
		if (e)
			g_error_free(e);
		g_free(dbg);
		fflush(stdout);
		funlockfile(stdout);
		if (GST_MESSAGE_TYPE(msg) == GST_MESSAGE_EOS ||
		    GST_MESSAGE_TYPE(msg) == GST_MESSAGE_ERROR) {
			gst_message_unref(msg);
			break;
		}
		gst_message_unref(msg);
	}
	gst_element_set_state(pipe, GST_STATE_NULL);
	gst_object_unref(bus);
	gst_object_unref(pipe);
	fflush(stdout);
	return rc;
}
