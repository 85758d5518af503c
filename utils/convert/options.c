// SPDX-License-Identifier: LGPL-2.1-or-later
/* sdi8k-convert: command-line options. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <sdi8k/version.h>

#include "common/parse.h"
#include "common/y4m.h"
#include "convert/options.h"

void convert_usage(FILE *fp)
{
	fputs(
"Usage: sdi8k-convert [options] INPUT OUTPUT\n"
"Convert video frames between the formats of libsdi8k, file to file\n"
"('-' = standard input / output), raw frames or YUV4MPEG2 (Y4M).\n"
"\n"
"Formats: v210, y210le, p210le, p010le, yuv422p10le, yuv420p10le, uyvy422,\n"
"yuyv422, nv16, nv12, bgra, x2rgb10le (also y210, p210, p010, yuv422p10,\n"
"yuv420p10, uyvy, yuyv, x2rgb10).\n"
"\n"
"Input: Y4M (C422p10, C420p10, C422, C420*) unless --format is given, then\n"
"raw frames back to back:\n"
"  -f, --format FMT      format of raw input\n"
"  -s, --size WxH        size of raw input (or --width W --height H)\n"
"Output:\n"
"  -t, --to FMT          format to write (default: Y4M input's format for raw\n"
"                        output; for Y4M output the 10-bit or 8-bit planar\n"
"                        format matching the input)\n"
"  -y, --y4m             write Y4M (default for '-' and OUTPUTs ending in .y4m),\n"
"                        which carries yuv422p10le, yuv420p10le, nv16 (as\n"
"                        C422) and nv12 (as C420mpeg2)\n"
"      --raw             write raw frames\n"
"  -r, --rate R          frame rate of Y4M output from raw input (N/D, 59.94,\n"
"                        25; default 25)\n"
"      --interlace I     p (default), t (top field first) or b, likewise\n"
"  -n, --frames N        convert at most N frames\n"
"Conversion:\n"
"      --matrix M        bt709 (default) or bt2020, for RGB in or out\n"
"      --clip-sdi        keep 10-bit output samples in 4..1019\n"
"      --threads N       threads (default: all CPUs)\n"
"  -h, --help            this text\n"
"  -V, --version         library version\n"
"\n"
"OUTPUT is written under a temporary name and renamed when complete; on any\n"
"error it is removed. Exit status: 0 done, 1 input or output failure, 2 usage.\n",
	      fp);
}

static int bad(char *msg, size_t len, const char *fmt, const char *arg)
{
	snprintf(msg, len, fmt, arg);
	return -EINVAL;
}

int convert_parse_args(int argc, char **argv, struct convert_opts *o,
		       char *msg, size_t msglen)
{
	enum { OPT_RAW = 256, OPT_WIDTH, OPT_HEIGHT, OPT_INTERLACE, OPT_MATRIX,
	       OPT_CLIP, OPT_THREADS };
	static const struct option lopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "size", required_argument, NULL, 's' },
		{ "width", required_argument, NULL, OPT_WIDTH },
		{ "height", required_argument, NULL, OPT_HEIGHT },
		{ "to", required_argument, NULL, 't' },
		{ "y4m", no_argument, NULL, 'y' },
		{ "raw", no_argument, NULL, OPT_RAW },
		{ "rate", required_argument, NULL, 'r' },
		{ "interlace", required_argument, NULL, OPT_INTERLACE },
		{ "frames", required_argument, NULL, 'n' },
		{ "matrix", required_argument, NULL, OPT_MATRIX },
		{ "clip-sdi", no_argument, NULL, OPT_CLIP },
		{ "threads", required_argument, NULL, OPT_THREADS },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c, y4m = -1, have_rate = 0;
	uint64_t v;

	memset(o, 0, sizeof(*o));
	o->rate_num = 25;
	o->rate_den = 1;
	o->interlace = 0;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":f:s:t:yr:n:hV", lopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			o->from = parse_format(optarg);
			if (!o->from)
				return bad(msg, msglen, "--format %s: unknown format (see --help)", optarg);
			break;
		case 's':
			if (parse_size(optarg, &o->width, &o->height))
				return bad(msg, msglen, "--size %s: WIDTHxHEIGHT, 1..32768 each", optarg);
			break;
		case OPT_WIDTH:
		case OPT_HEIGHT:
			if (parse_u64(optarg, 1, SDI8K_MAX_DIM, &v))
				return bad(msg, msglen, "bad size %s: 1..32768", optarg);
			if (c == OPT_WIDTH)
				o->width = (uint32_t)v;
			else
				o->height = (uint32_t)v;
			break;
		case 't':
			o->to = parse_format(optarg);
			if (!o->to)
				return bad(msg, msglen, "--to %s: unknown format (see --help)", optarg);
			break;
		case 'y':
			y4m = 1;
			break;
		case OPT_RAW:
			y4m = 0;
			break;
		case 'r':
			if (parse_rate(optarg, &o->rate_num, &o->rate_den))
				return bad(msg, msglen, "--rate %s: N/D, N or 59.94-style", optarg);
			have_rate = 1;
			break;
		case OPT_INTERLACE:
			if (strlen(optarg) != 1 || !strchr("ptb", optarg[0]))
				return bad(msg, msglen, "--interlace %s: p, t or b", optarg);
			o->interlace = optarg[0];
			break;
		case 'n':
			if (parse_u64(optarg, 1, UINT64_MAX / 2, &o->frames))
				return bad(msg, msglen, "--frames %s: a positive whole number", optarg);
			break;
		case OPT_MATRIX:
			if (!strcasecmp(optarg, "bt709"))
				o->copts.matrix = SDI8K_MATRIX_BT709;
			else if (!strcasecmp(optarg, "bt2020"))
				o->copts.matrix = SDI8K_MATRIX_BT2020;
			else
				return bad(msg, msglen, "--matrix %s: bt709 or bt2020", optarg);
			break;
		case OPT_CLIP:
			o->copts.flags |= SDI8K_CONVERT_CLIP_SDI;
			break;
		case OPT_THREADS:
			if (parse_u64(optarg, 0, 256, &v))
				return bad(msg, msglen, "--threads %s: 0..256", optarg);
			o->copts.threads = (unsigned)v;
			break;
		case 'h':
			convert_usage(stdout);
			return 1;
		case 'V':
			printf("sdi8k-convert (libsdi8k %s)\n", sdi8k_version_string());
			return 1;
		case ':':
			return bad(msg, msglen, "%s needs a value", argv[optind - 1]);
		default:
			return bad(msg, msglen, "unknown option %s (see --help)",
				   argv[optind - 1]);
		}
	}
	if (argc - optind != 2)
		return bad(msg, msglen, "%s", argc - optind < 2 ?
			   "give INPUT and OUTPUT (see --help)" :
			   "more than INPUT and OUTPUT given (see --help)");
	o->input = argv[optind];
	o->output = argv[optind + 1];
	if (o->from && (!o->width || !o->height))
		return bad(msg, msglen, "%s", "raw input (--format) needs --size WxH "
			   "(or --width and --height)");
	if (!o->from && (o->width || o->height))
		return bad(msg, msglen, "%s", "--size is for raw input: give --format too");
	if (!o->from && (have_rate || o->interlace))
		return bad(msg, msglen, "%s", "--rate and --interlace are for raw input; "
			   "Y4M input has its own");
	if (!o->interlace)
		o->interlace = 'p';
	if (y4m < 0) {
		size_t n = strlen(o->output);

		y4m = !strcmp(o->output, "-") ||
		      (n > 4 && !strcasecmp(o->output + n - 4, ".y4m"));
	}
	o->y4m_out = y4m;
	if (o->y4m_out && o->to && !y4m_format_ok(o->to))
		return bad(msg, msglen, "--to %s cannot go into Y4M: use yuv422p10le, "
			   "yuv420p10le, nv16 (C422) or nv12 (C420)", sdi8k_format_name(o->to));
	if (!o->y4m_out && !o->to && o->from)
		return bad(msg, msglen, "%s", "raw output from raw input: say which format "
			   "with --to");
	return 0;
}
