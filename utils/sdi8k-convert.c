// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * sdi8k-convert: frames from one format to another, file to file, raw or
 * Y4M. See man/sdi8k-convert.1.
 */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "common/framewriter.h"
#include "common/msg.h"
#include "common/outfile.h"
#include "convert/options.h"
#include "convert/reader.h"

/* Y4M output format when --to is not given. */
static enum sdi8k_pixfmt y4m_default(enum sdi8k_pixfmt in)
{
	switch (in) {
	case SDI8K_FMT_YUV420P10:
	case SDI8K_FMT_P010:
		return SDI8K_FMT_YUV420P10;
	case SDI8K_FMT_NV12:
		return SDI8K_FMT_NV12;
	case SDI8K_FMT_UYVY:
	case SDI8K_FMT_YUYV:
	case SDI8K_FMT_NV16:
	case SDI8K_FMT_BGRA:
		return SDI8K_FMT_NV16;
	default:
		return SDI8K_FMT_YUV422P10;
	}
}

int main(int argc, char **argv)
{
	struct convert_opts o;
	struct frame_reader r;
	struct frame_writer w;
	struct outfile out;
	enum sdi8k_pixfmt in_fmt, out_fmt;
	char msg[512];
	int err;

	err = convert_parse_args(argc, argv, &o, msg, sizeof(msg));
	if (err > 0)
		return EXIT_OK;
	if (err) {
		msg_error("%s", msg);
		return EXIT_USAGE;
	}
	signal(SIGPIPE, SIG_IGN);
	memset(&w, 0, sizeof(w));

	err = reader_open(&r, o.input, o.from, o.width, o.height, msg, sizeof(msg));
	if (err) {
		msg_error("%s", msg);
		reader_close(&r);
		return EXIT_RUNTIME;
	}
	in_fmt = r.frame.format;
	out_fmt = o.to ? o.to : o.y4m_out ? y4m_default(in_fmt) : in_fmt;
	if (!sdi8k_convert_supported(in_fmt, out_fmt)) {
		msg_error("no conversion from %s to %s",
			  sdi8k_format_name(in_fmt), sdi8k_format_name(out_fmt));
		reader_close(&r);
		return EXIT_USAGE;
	}
	if (outfile_open(&out, o.output, msg, sizeof(msg))) {
		msg_error("%s", msg);
		reader_close(&r);
		return EXIT_RUNTIME;
	}
	{
		struct y4m_info yi = {
			.rate_num = o.rate_num,
			.rate_den = o.rate_den,
			.interlace = o.interlace,
			.sar_num = 1,
			.sar_den = 1,
		};

		if (r.y4m)
			yi = r.info;
		err = writer_init(&w, &out, in_fmt, r.frame.width, r.frame.height,
				  out_fmt, o.y4m_out ? &yi : NULL, &o.copts, msg,
				  sizeof(msg));
	}
	while (!err && (!o.frames || w.frames < o.frames)) {
		err = reader_next(&r, msg, sizeof(msg));
		if (err <= 0)
			break;
		err = writer_put(&w, &r.frame, msg, sizeof(msg));
	}
	if (!err)
		err = outfile_commit(&out, msg, sizeof(msg));
	if (err) {
		msg_error("%s", msg);
		outfile_abort(&out);
		if (!out.is_stdout)
			msg_error("%s: not written", o.output);
		writer_free(&w);
		reader_close(&r);
		return EXIT_RUNTIME;
	}
	if (!w.frames)
		msg_error("warning: %s holds no frame", r.name);
	writer_free(&w);
	reader_close(&r);
	return EXIT_OK;
}
