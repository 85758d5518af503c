/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* sdi8k-capture: command-line options. */
#ifndef SDI8K_UTILS_CAPTURE_OPTIONS_H
#define SDI8K_UTILS_CAPTURE_OPTIONS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <sdi8k/convert.h>

struct capture_opts {
	const char *input;		/* -i: node path or spec */
	const char *output;		/* -o: file or "-" */
	enum sdi8k_pixfmt format;	/* -f: what the card writes */
	const char *raster;		/* -r: raster name, NULL = detected */
	enum sdi8k_pixfmt convert;	/* -c: what is written (NONE: as captured) */
	int y4m;			/* 1: Y4M, 0: raw */
	uint64_t frames;		/* -n, 0 = no limit */
	double seconds;			/* -t, 0 = no limit */
	unsigned buffers;		/* -b */
	int timeout_ms;			/* --timeout */
	unsigned threads;		/* --threads (0 = all CPUs) */
	int progress;			/* 1 on, 0 off, -1 if stderr is a terminal */
	int dmabuf;			/* --dmabuf: export the buffers */
	const char *metadata;		/* --metadata FILE: JSON lines, or NULL */
	const char *scc;		/* --scc FILE: CEA-608 captions, or NULL */
	int cc_track;			/* --cc-track: a c608 track in the MOV */
	int container;			/* enum avw_container: MKV/MOV through
					 * FFmpeg's libraries; 0: raw or Y4M */
	int codec;			/* enum avw_codec (with container) */
	int print_x265;			/* --print-x265-params */
	int on_loss;			/* enum capture_on_loss */
	int on_change;			/* enum capture_on_change */
	unsigned audio;			/* --audio: channels 2, 8, 16; 0 none */
	const char *audio_file;		/* --audio-file: a WAV too, or NULL */
};

/* --on-loss: what a signal loss does to the recording */
enum capture_on_loss {
	CAPTURE_LOSS_FILL = 0,		/* black frames on the clock until it is back */
	CAPTURE_LOSS_END,		/* the recording ends (exit 1) */
};

/* --on-change: a signal that comes back with another raster */
enum capture_on_change {
	CAPTURE_CHANGE_NEW_FILE = 0,	/* this file finalised, NAME-001.EXT next */
	CAPTURE_CHANGE_END,		/* the recording ends (exit 1) */
};

/*
 * What a container recording captures frames as and hands to the writer:
 * 0 and *conv (SDI8K_FMT_NONE: written as captured) and *pix (enum
 * avw_pixfmt), or -ENOTSUP with a message.
 */
int capture_container_formats(const struct capture_opts *o, enum sdi8k_pixfmt *conv,
			      int *pix, char *msg, size_t msglen);

/*
 * Parse argv. Returns 0 (capture), 1 (--help / --version printed on
 * stdout: exit 0), or -EINVAL with a message in msg.
 */
int capture_parse_args(int argc, char **argv, struct capture_opts *o,
		       char *msg, size_t msglen);

/*
 * 1 if s is spelt like a raster name: lines, p or i, a rate with up to
 * three decimals ("1080p25", "1080i59.94", "2160p23.976"); whether the
 * input offers it is for the library to say. Shorter than
 * sdi8k_capture_config.raster by construction (at most 14 characters).
 */
int capture_raster_name_ok(const char *s);

/* The format frames are written in (after the Y4M defaults). */
enum sdi8k_pixfmt capture_output_format(const struct capture_opts *o);

void capture_usage(FILE *fp);

#endif
