// SPDX-License-Identifier: LGPL-2.1-or-later
/* sdi8k-capture: command-line options. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <sdi8k/capture.h>
#include <sdi8k/version.h>

#include "avwriter/avwriter.h"
#include "capture/options.h"
#include "common/parse.h"
#include "common/y4m.h"

void capture_usage(FILE *fp)
{
	fputs(
"Usage: sdi8k-capture -i INPUT -o FILE|- [options]\n"
"Capture frames from one sdi8k SDI input to a file or standard output:\n"
"Matroska or QuickTime (through FFmpeg's libraries) with the signal's colour\n"
"description, HDR10 metadata and time code, or raw frames or YUV4MPEG2 (Y4M).\n"
"\n"
"  -i, -d, --input INPUT the input: its device node (/dev/video0), the udev\n"
"                        link (/dev/sdi8k/<serial>/input0), SERIAL:N or\n"
"                        CARD:N (card index in serial order, or sdi8k-N)\n"
"  -o, --output FILE     where to write; '-' = standard output. A file is\n"
"                        written under a temporary name and renamed when done\n"
"  -f, --format FMT      pixel format the card captures: v210 (default), y210,\n"
"                        p010, uyvy, yuyv, nv16\n"
"  -r, --raster NAME     capture this raster (1080p25, 1080i50, 2160p59.94, ...:\n"
"                        one the input lists in VIDIOC_ENUM_DV_TIMINGS) instead\n"
"                        of the one detected; set even without a signal\n"
"  -c, --convert FMT     convert every frame to FMT before writing (any format\n"
"                        of sdi8k-convert: yuv422p10le, yuv420p10le, p210, ...)\n"
"  -F, --container C     write a container, mkv or mov (default for FILEs\n"
"                        ending in .mkv / .mov, and mkv for '-'), through\n"
"                        libavformat: colour tags, mastering display, light\n"
"                        levels, time code of the first frame\n"
"      --codec C         the video in a container: raw (default: v210 from\n"
"                        v210 or y210, uyvy/yuyv as captured) or ffv1\n"
"                        (lossless 10-bit, sliced, threaded; from v210, y210\n"
"                        or p010)\n"
"      --print-x265-params  print the x265 parameters of the input's signal\n"
"                        (colour, master-display, max-cll, hdr10; from one\n"
"                        captured frame) and exit\n"
"  -y, --y4m             write Y4M (default for FILEs ending in .y4m):\n"
"                        yuv422p10le (C422p10) from 10-bit 4:2:2,\n"
"                        yuv420p10le (C420p10) from p010, 8-bit 4:2:2 (C422)\n"
"                        from uyvy/yuyv/nv16, unless -c says otherwise\n"
"                        (yuv422p10le, yuv420p10le, nv16 or nv12)\n"
"      --raw             write raw frames (default otherwise)\n"
"  -n, --frames N        stop after N frames\n"
"  -t, --duration S      stop after S seconds of video (S x frame rate frames)\n"
"  -b, --buffers N       driver buffers, 2..32 (default 8)\n"
"      --timeout MS      give up when no frame comes for MS ms (default 2000)\n"
"      --on-loss WHAT    a signal loss: fill (default: black frames at the\n"
"                        signal's rate, time code counting on, until the\n"
"                        signal is back) or end (the recording ends, exit 1)\n"
"      --on-change WHAT  the signal back with another raster: new-file\n"
"                        (default: this file finalised, NAME-001.EXT, -002,\n"
"                        ... next) or end\n"
"      --threads N       conversion and FFV1 threads (default: all CPUs)\n"
"      --dmabuf          export the buffers as DMABUFs (checks the export path)\n"
"  -a, --audio N         also record the input's embedded audio, channels 1..N\n"
"                        (2, 8 or 16; 48 kHz, 24-bit): a PCM track of the MKV\n"
"                        or MOV file, every frame's samples with the frame,\n"
"                        silence where frames are missing; with raw or Y4M\n"
"                        video, give --audio-file\n"
"      --audio-file FILE write the audio to FILE as WAV too (RF64 past 4 GiB;\n"
"                        with raw or Y4M video: the audio of each frame\n"
"                        written, in order)\n"
"      --metadata FILE   also write each frame's ancillary data (sequence,\n"
"                        time code, transfer, HDR10+, packets) to FILE as\n"
"                        JSON lines, one per frame written, matched by\n"
"                        sequence number; \"captions\": the frame's CEA-708\n"
"                        CDP (608 pairs of CC1 and field 2, DTVCC, services)\n"
"      --scc FILE        also write the CEA-608 captions of field 1 (CC1/CC2)\n"
"                        of the frames' CDPs to FILE as Scenarist SCC V1.0,\n"
"                        time codes the recording's (one file for all parts)\n"
"      --cc-track        a QuickTime file (-F mov) gets a closed-caption track\n"
"                        (c608): the CEA-608 pairs of fields 1 and 2 of each\n"
"                        frame's CDP (Matroska has no CEA-608 track: --scc)\n"
"  -p, --progress        progress line on stderr (default: if a terminal)\n"
"  -q, --quiet           no progress line\n"
"  -h, --help            this text\n"
"  -V, --version         library version\n"
"\n"
"Without -n or -t, capture runs until interrupted (Ctrl-C ends it cleanly).\n"
"Statistics (frames, drops, measured frame rate) go to stderr at the end.\n"
"Recording HDR10 or HLG with its metadata:\n"
"  sdi8k-capture -i /dev/video0 -t 10 -o clip.mkv --codec ffv1\n"
"  x265=$(sdi8k-capture -i /dev/video0 --print-x265-params)  # one frame\n"
"  sdi8k-capture -i /dev/video0 -o - | ffmpeg -i - -c:v libx265 \\\n"
"      -pix_fmt yuv420p10le -x265-params \"$x265\" out.mp4\n"
"Exit status: 0 done, 1 device, signal, input or output failure, 2 usage.\n",
	      fp);
}

static int bad(char *msg, size_t len, const char *fmt, const char *arg)
{
	snprintf(msg, len, fmt, arg);
	return -EINVAL;
}

int capture_raster_name_ok(const char *s)
{
	size_t n = 0, lines, rate, frac = 0;

	while (s[n] >= '0' && s[n] <= '9')
		n++;
	lines = n;
	if (!lines || lines > 5 || s[0] == '0' ||
	    (s[n] != 'p' && s[n] != 'P' && s[n] != 'i' && s[n] != 'I'))
		return 0;
	s += n + 1;
	for (n = 0; s[n] >= '0' && s[n] <= '9'; n++)
		;
	rate = n;
	if (!rate || rate > 3 || s[0] == '0')
		return 0;
	if (s[n] == '.') {
		for (n++; s[n] >= '0' && s[n] <= '9'; n++)
			frac++;
		if (!frac || frac > 3)
			return 0;
	}
	return !s[n];
}

static int container_formats(const struct capture_opts *o, enum sdi8k_pixfmt *conv,
			     int *pix, char *msg, size_t msglen)
{
	*conv = SDI8K_FMT_NONE;
	if (o->codec == AVW_FFV1) {
		switch (o->format) {
		case SDI8K_FMT_V210:
		case SDI8K_FMT_Y210:
			*conv = SDI8K_FMT_YUV422P10;
			*pix = AVW_PIX_YUV422P10;
			return 0;
		case SDI8K_FMT_P010:
			*conv = SDI8K_FMT_YUV420P10;
			*pix = AVW_PIX_YUV420P10;
			return 0;
		default:
			snprintf(msg, msglen, "--codec ffv1: from a 10-bit capture "
				 "(-f v210, y210 or p010), not %s", sdi8k_format_name(o->format));
			return -ENOTSUP;
		}
	}
	switch (o->format) {
	case SDI8K_FMT_Y210:
		*conv = SDI8K_FMT_V210;
		/* fall through */
	case SDI8K_FMT_V210:
		*pix = AVW_PIX_V210;
		return 0;
	case SDI8K_FMT_NV16:
		*conv = SDI8K_FMT_UYVY;
		/* fall through */
	case SDI8K_FMT_UYVY:
		*pix = AVW_PIX_UYVY;
		return 0;
	case SDI8K_FMT_YUYV:
		*pix = AVW_PIX_YUYV;
		return 0;
	default:
		snprintf(msg, msglen, "uncompressed %s does not go into MKV or MOV: "
			 "--codec ffv1, or -f v210", sdi8k_format_name(o->format));
		return -ENOTSUP;
	}
}

int capture_container_formats(const struct capture_opts *o, enum sdi8k_pixfmt *conv,
			      int *pix, char *msg, size_t msglen)
{
	int err = container_formats(o, conv, pix, msg, msglen);

	if (!err && *conv && !sdi8k_convert_supported(o->format, *conv)) {
		snprintf(msg, msglen, "no conversion from %s to %s for the container",
			 sdi8k_format_name(o->format), sdi8k_format_name(*conv));
		return -ENOTSUP;
	}
	return err;
}

enum sdi8k_pixfmt capture_output_format(const struct capture_opts *o)
{
	if (o->convert)
		return o->convert;
	if (!o->y4m)
		return o->format;
	switch (o->format) {
	case SDI8K_FMT_P010:
		return SDI8K_FMT_YUV420P10;
	case SDI8K_FMT_UYVY:
	case SDI8K_FMT_YUYV:
	case SDI8K_FMT_NV16:
		return SDI8K_FMT_NV16;
	default:
		return SDI8K_FMT_YUV422P10;
	}
}

int capture_parse_args(int argc, char **argv, struct capture_opts *o,
		       char *msg, size_t msglen)
{
	enum { OPT_RAW = 256, OPT_TIMEOUT, OPT_THREADS, OPT_DMABUF, OPT_METADATA,
	       OPT_CODEC, OPT_X265, OPT_ON_LOSS, OPT_ON_CHANGE, OPT_AUDIO_FILE,
	       OPT_SCC, OPT_CC_TRACK };
	static const struct option lopts[] = {
		{ "input", required_argument, NULL, 'i' },
		{ "device", required_argument, NULL, 'd' },
		{ "metadata", required_argument, NULL, OPT_METADATA },
		{ "scc", required_argument, NULL, OPT_SCC },
		{ "cc-track", no_argument, NULL, OPT_CC_TRACK },
		{ "audio", required_argument, NULL, 'a' },
		{ "audio-file", required_argument, NULL, OPT_AUDIO_FILE },
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "raster", required_argument, NULL, 'r' },
		{ "convert", required_argument, NULL, 'c' },
		{ "y4m", no_argument, NULL, 'y' },
		{ "container", required_argument, NULL, 'F' },
		{ "codec", required_argument, NULL, OPT_CODEC },
		{ "print-x265-params", no_argument, NULL, OPT_X265 },
		{ "raw", no_argument, NULL, OPT_RAW },
		{ "on-loss", required_argument, NULL, OPT_ON_LOSS },
		{ "on-change", required_argument, NULL, OPT_ON_CHANGE },
		{ "frames", required_argument, NULL, 'n' },
		{ "duration", required_argument, NULL, 't' },
		{ "buffers", required_argument, NULL, 'b' },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "threads", required_argument, NULL, OPT_THREADS },
		{ "dmabuf", no_argument, NULL, OPT_DMABUF },
		{ "progress", no_argument, NULL, 'p' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c, y4m = -1, container = -1;
	uint64_t v;

	memset(o, 0, sizeof(*o));
	o->format = SDI8K_FMT_V210;
	o->buffers = 8;
	o->timeout_ms = 2000;
	o->progress = -1;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":i:d:o:f:r:c:yF:n:t:b:a:pqhV", lopts, NULL)) != -1) {
		switch (c) {
		case 'i':
		case 'd':
			o->input = optarg;
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'f':
			o->format = parse_format(optarg);
			if (!sdi8k_capture_fourcc(o->format))
				return bad(msg, msglen, "--format %s: the card captures "
					   "v210, y210, p010, uyvy, yuyv, nv16", optarg);
			break;
		case 'r':
			if (!capture_raster_name_ok(optarg))
				return bad(msg, msglen, "--raster %s: a raster name such as "
					   "1080p25, 1080i50 or 2160p59.94", optarg);
			o->raster = optarg;
			break;
		case 'c':
			o->convert = parse_format(optarg);
			if (!o->convert)
				return bad(msg, msglen, "--convert %s: unknown format", optarg);
			break;
		case 'y':
			y4m = 1;
			container = 0;
			break;
		case OPT_RAW:
			y4m = 0;
			container = 0;
			break;
		case 'F':
			if (!strcasecmp(optarg, "mkv") || !strcasecmp(optarg, "matroska"))
				container = AVW_MKV;
			else if (!strcasecmp(optarg, "mov"))
				container = AVW_MOV;
			else
				return bad(msg, msglen, "--container %s: mkv or mov", optarg);
			y4m = 0;
			break;
		case OPT_CODEC:
			if (!strcasecmp(optarg, "raw") || !strcasecmp(optarg, "v210"))
				o->codec = AVW_UNCOMPRESSED;
			else if (!strcasecmp(optarg, "ffv1"))
				o->codec = AVW_FFV1;
			else
				return bad(msg, msglen, "--codec %s: raw or ffv1", optarg);
			break;
		case OPT_X265:
			o->print_x265 = 1;
			break;
		case OPT_ON_LOSS:
			if (!strcmp(optarg, "fill"))
				o->on_loss = CAPTURE_LOSS_FILL;
			else if (!strcmp(optarg, "end"))
				o->on_loss = CAPTURE_LOSS_END;
			else
				return bad(msg, msglen, "--on-loss %s: fill or end", optarg);
			break;
		case OPT_ON_CHANGE:
			if (!strcmp(optarg, "new-file"))
				o->on_change = CAPTURE_CHANGE_NEW_FILE;
			else if (!strcmp(optarg, "end"))
				o->on_change = CAPTURE_CHANGE_END;
			else
				return bad(msg, msglen, "--on-change %s: new-file or end", optarg);
			break;
		case 'n':
			if (parse_u64(optarg, 1, UINT64_MAX / 2, &o->frames))
				return bad(msg, msglen, "--frames %s: a positive whole number", optarg);
			break;
		case 't':
			if (parse_seconds(optarg, 1e7, &o->seconds))
				return bad(msg, msglen, "--duration %s: a positive number of seconds", optarg);
			break;
		case 'b':
			if (parse_u64(optarg, 2, 32, &v))
				return bad(msg, msglen, "--buffers %s: 2..32", optarg);
			o->buffers = (unsigned)v;
			break;
		case OPT_TIMEOUT:
			if (parse_u64(optarg, 1, 3600000, &v))
				return bad(msg, msglen, "--timeout %s: 1..3600000 ms", optarg);
			o->timeout_ms = (int)v;
			break;
		case OPT_THREADS:
			if (parse_u64(optarg, 0, 256, &v))
				return bad(msg, msglen, "--threads %s: 0..256", optarg);
			o->threads = (unsigned)v;
			break;
		case OPT_METADATA:
			if (!*optarg || !strcmp(optarg, "-"))
				return bad(msg, msglen, "--metadata '%s': give a file name",
					   optarg);
			o->metadata = optarg;
			break;
		case OPT_SCC:
			if (!*optarg || !strcmp(optarg, "-"))
				return bad(msg, msglen, "--scc '%s': give a file name", optarg);
			o->scc = optarg;
			break;
		case OPT_CC_TRACK:
			o->cc_track = 1;
			break;
		case 'a':
			if (parse_u64(optarg, 1, 16, &v) || (v != 2 && v != 8 && v != 16))
				return bad(msg, msglen, "--audio %s: 2, 8 or 16 channels", optarg);
			o->audio = (unsigned)v;
			break;
		case OPT_AUDIO_FILE:
			if (!*optarg)
				return bad(msg, msglen, "--audio-file '%s': give a file name",
					   optarg);
			o->audio_file = optarg;
			break;
		case OPT_DMABUF:
			o->dmabuf = 1;
			break;
		case 'p':
			o->progress = 1;
			break;
		case 'q':
			o->progress = 0;
			break;
		case 'h':
			capture_usage(stdout);
			return 1;
		case 'V':
			printf("sdi8k-capture (libsdi8k %s)\n", sdi8k_version_string());
			return 1;
		case ':':
			return bad(msg, msglen, "%s needs a value", argv[optind - 1]);
		default:
			return bad(msg, msglen, "unknown option %s (see --help)",
				   argv[optind - 1]);
		}
	}
	if (optind < argc)
		return bad(msg, msglen, "unexpected argument %s (see --help)", argv[optind]);
	if (!o->input)
		return bad(msg, msglen, "%s", "no input: -i /dev/videoN (see --help)");
	if (o->print_x265)
		return 0;	/* reads the input's state: no output */
	if (!o->output)
		return bad(msg, msglen, "%s", "no output: -o FILE or -o - (see --help)");
	if (container < 0 && y4m < 0) {
		size_t n = strlen(o->output);
		const char *ext = n > 4 ? o->output + n - 4 : "";

		/* a pipe is most likely going to ffmpeg -i - */
		container = !strcmp(o->output, "-") || !strcasecmp(ext, ".mkv") ? AVW_MKV :
			    !strcasecmp(ext, ".mov") ? AVW_MOV : 0;
		y4m = !strcasecmp(ext, ".y4m");
	}
	o->container = container > 0 ? container : 0;
	o->y4m = !o->container && y4m > 0;
	if (o->codec && !o->container)
		return bad(msg, msglen, "%s", "--codec: for MKV or MOV output (-F mkv, -F mov)");
	if (o->container) {
		enum sdi8k_pixfmt conv;
		int pix;

		if (!o->codec)
			o->codec = AVW_UNCOMPRESSED;
		if (o->convert)
			return bad(msg, msglen, "%s", "--convert: for raw and Y4M output "
				   "(a container takes --codec)");
		if (capture_container_formats(o, &conv, &pix, msg, msglen))
			return -EINVAL;
	}
	if (o->cc_track && o->container != AVW_MOV)
		return bad(msg, msglen, "%s", "--cc-track: for QuickTime output (-F mov or a "
			   ".mov file): Matroska has no CEA-608 caption track (--scc FILE "
			   "writes the captions beside it)");
	if (o->metadata && !strcmp(o->metadata, o->output))
		return bad(msg, msglen, "--metadata %s: the same file as the video output",
			   o->metadata);
	if (o->audio_file && !o->audio)
		return bad(msg, msglen, "--audio-file %s: with --audio N (the channels)",
			   o->audio_file);
	if (o->audio && !o->container && !o->audio_file)
		return bad(msg, msglen, "%s", "--audio with raw or Y4M video: give "
			   "--audio-file FILE.wav (or record MKV or MOV, -F)");
	if (o->audio_file && (!strcmp(o->audio_file, o->output) ||
			      (o->metadata && !strcmp(o->audio_file, o->metadata))))
		return bad(msg, msglen, "--audio-file %s: the same file as another output",
			   o->audio_file);
	if (o->scc && (!strcmp(o->scc, o->output) ||
		       (o->metadata && !strcmp(o->scc, o->metadata)) ||
		       (o->audio_file && !strcmp(o->scc, o->audio_file))))
		return bad(msg, msglen, "--scc %s: the same file as another output", o->scc);
	if (o->convert && !sdi8k_convert_supported(o->format, o->convert))
		return bad(msg, msglen, "--convert %s: not supported from the capture format",
			   sdi8k_format_name(o->convert));
	if (o->y4m && !y4m_format_ok(capture_output_format(o)))
		return bad(msg, msglen, "--convert %s cannot go into Y4M: use yuv422p10le, "
			   "yuv420p10le, nv16 (C422) or nv12 (C420)",
			   sdi8k_format_name(o->convert));
	return 0;
}
