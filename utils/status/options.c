// SPDX-License-Identifier: LGPL-2.1-or-later
/* sdi8k-status: command-line options. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <sdi8k/version.h>

#include "common/parse.h"
#include "status/options.h"

void status_usage(FILE *fp)
{
	fputs(
"Usage: sdi8k-status [-d INPUT]... [options]\n"
"Show what each sdi8k SDI input receives: link and raster, the ST 352\n"
"payload ID decoded, colorimetry, transfer function (SDR, HLG, PQ), HDR\n"
"static metadata (mastering display, MaxCLL / MaxFALL), malformed\n"
"ancillary packets, the embedded audio (groups, non-PCM channels, errors),\n"
"the time code of the latest frame and the closed captions of those frames.\n"
"\n"
"  -d, --device INPUT    only this input (repeatable): /dev/videoN,\n"
"                        /dev/sdi8k/SERIAL/inputN, SERIAL:N or CARD:N\n"
"                        (card index in serial order, or sdi8k-N)\n"
"                        default: every input of every card\n"
"  -j, --json            JSON: {\"inputs\": [...]}; with --watch one object\n"
"                        a line, each time an input changes\n"
"  -w, --watch           keep running, print an input again when it changes\n"
"                        (control and source-change events, and a re-read\n"
"                        every --interval); Ctrl-C ends it\n"
"      --interval MS     --watch re-reads every MS ms (default 1000)\n"
"  -n, --frames N        frames streamed to read the time code (default 3)\n"
"      --no-timecode     do not stream to read the time code\n"
"  -h, --help            this text\n"
"  -V, --version         library version\n"
"\n"
"The time code needs frames: an idle input is streamed for a few frames\n"
"(its format is set to the default); an input another process captures\n"
"is reported busy, and the rest of its state is still shown.\n"
"Exit status: 0 done, 1 no card or an input failed, 2 usage.\n",
	      fp);
}

static int bad(char *msg, size_t len, const char *fmt, const char *arg)
{
	snprintf(msg, len, fmt, arg);
	return -EINVAL;
}

int status_parse_args(int argc, char **argv, struct status_opts *o,
		      char *msg, size_t msglen)
{
	enum { OPT_INTERVAL = 256, OPT_NO_TC };
	static const struct option lopts[] = {
		{ "device", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ "watch", no_argument, NULL, 'w' },
		{ "interval", required_argument, NULL, OPT_INTERVAL },
		{ "frames", required_argument, NULL, 'n' },
		{ "no-timecode", no_argument, NULL, OPT_NO_TC },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	uint64_t v;
	int c;

	memset(o, 0, sizeof(*o));
	o->timecode = 1;
	o->frames = 3;
	o->interval_ms = 1000;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":d:jwn:hV", lopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			if (!*optarg)
				return bad(msg, msglen, "%s", "-d: empty input spec");
			if (o->n_specs == STATUS_MAX_SPECS)
				return bad(msg, msglen, "-d %s: too many inputs (at most 32)",
					   optarg);
			o->specs[o->n_specs++] = optarg;
			break;
		case 'j':
			o->json = 1;
			break;
		case 'w':
			o->watch = 1;
			break;
		case OPT_INTERVAL:
			if (parse_u64(optarg, 10, 3600000, &v))
				return bad(msg, msglen, "--interval %s: 10..3600000 ms", optarg);
			o->interval_ms = (int)v;
			break;
		case 'n':
			if (parse_u64(optarg, 1, 1000, &v))
				return bad(msg, msglen, "--frames %s: 1..1000", optarg);
			o->frames = (unsigned)v;
			break;
		case OPT_NO_TC:
			o->timecode = 0;
			break;
		case 'h':
			status_usage(stdout);
			return 1;
		case 'V':
			printf("sdi8k-status (libsdi8k %s)\n", sdi8k_version_string());
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
	return 0;
}
