// SPDX-License-Identifier: LGPL-2.1-or-later
/* libgstsdi8k: the sdi8k GStreamer plugin (gst/README.md). */
#include <gst/gst.h>

#include "gstsdi8ksrc.h"

#ifndef PACKAGE
#define PACKAGE "sdi8k"
#endif
#ifndef SDI8K_GST_VERSION
#define SDI8K_GST_VERSION "0.1.0"
#endif

static gboolean plugin_init(GstPlugin *plugin)
{
	return gst_sdi8k_src_register(plugin) && gst_sdi8k_audio_src_register(plugin);
}

GST_PLUGIN_DEFINE(GST_VERSION_MAJOR, GST_VERSION_MINOR, sdi8k,
		  "sdi8k SDI capture cards", plugin_init, SDI8K_GST_VERSION,
		  "LGPL", PACKAGE, "sdi8k source tree")
