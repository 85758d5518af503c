// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * sdi8k-capture --scc (utils/capture/scc.c, included as source): the
 * Scenarist SCC V1.0 file of the CEA-608 field 1 pairs of the frames'
 * CDPs, a line for each run of frames with pairs stamped with its first
 * frame's time code (drop frame, 59.94 frame pairs), null pairs, frames
 * without a pair and missing frames ending lines, a failed write leaving
 * no file; FFmpeg's scc demuxer and caption decoder reading the file
 * back (skipped without ffmpeg); and the "captions" member of the
 * --metadata JSON line (utils/capture/sidecar.c) for a metadata buffer
 * holding a CDP.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/stat.h>

#include <sdi8k/anc.h>
#include <sdi8k/error.h>
#include <sdi8k/status.h>

#include "anc_vectors.h"

#include "common/outfile.c"
#include "common/ccjson.c"
#include "common/jsonw.c"
#include "capture/gap.c"
#include "capture/scc.c"
#include "capture/sidecar.c"

static char dir[64];
static char path[128];

static void setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/sdi8k-scc-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/cc.scc", dir);
}

/* what is left in dir (the file, or a temporary one) */
static int dir_entries(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	cr_assert_not_null(d);
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

static void teardown(void)
{
	unlink(path);
	rmdir(dir);
}

TestSuite(scc, .init = setup, .fini = teardown);

static char *slurp(const char *p)
{
	static char b[8192];
	FILE *f = fopen(p, "r");
	size_t n;

	cr_assert_not_null(f, "%s", p);
	n = fread(b, 1, sizeof(b) - 1, f);
	b[n] = '\0';
	fclose(f);
	return b;
}

/* a CDP with field 1 pair (a, b) (none when both are 0), a field 2 pair
 * and a DTVCC triplet, as the card sends them */
static struct sdi8k_cdp cdp_of(uint8_t a, uint8_t b)
{
	struct sdi8k_cdp c;

	memset(&c, 0, sizeof(c));
	c.frame_rate = 4;	/* 29.97 */
	c.has_ccdata = true;
	c.cc[c.cc_count++] = (struct sdi8k_cc_data){ true, SDI8K_CC_608_FIELD2, { 0x80, 0x80 } };
	if (a || b)
		c.cc[c.cc_count++] = (struct sdi8k_cc_data){ true, SDI8K_CC_608_FIELD1, { a, b } };
	c.cc[c.cc_count++] = (struct sdi8k_cc_data){ true, SDI8K_CC_DTVCC_START, { 0x02, 0x21 } };
	/* an invalid field 1 triplet: padding, never written */
	c.cc[c.cc_count++] = (struct sdi8k_cc_data){ false, SDI8K_CC_608_FIELD1, { 0x94, 0x20 } };
	return c;
}

static void frame(struct scc *s, struct gap_tc *tc, uint8_t a, uint8_t b)
{
	struct sdi8k_cdp c = cdp_of(a, b);
	char msg[256];

	cr_assert_eq(scc_frame(s, &c, tc, msg, sizeof(msg)), 0, "%s", msg);
	gap_tc_add(tc, 1);
}

Test(scc, header_runs_and_null_pairs)
{
	struct scc s;
	struct gap_tc tc;
	char msg[256];

	gap_tc_init(&tc, 1, 0, 0, 0, 0, 0, 25, 1);
	cr_assert_eq(scc_open(&s, path, msg, sizeof(msg)), 0, "%s", msg);
	cr_assert_eq(access(path, F_OK), -1, "written under a temporary name");
	frame(&s, &tc, 0x80, 0x80);		/* 01:00:00:00 null */
	frame(&s, &tc, 0x94, 0x20);		/* :01 starts a line */
	frame(&s, &tc, 0x94, 0x20);
	frame(&s, &tc, 0x94, 0xae);
	frame(&s, &tc, 0x80, 0x80);		/* :04 null: the line ends */
	frame(&s, &tc, 0xc1, 0xc2);		/* :05 */
	frame(&s, &tc, 0, 0);			/* :06 no pair: ends it */
	frame(&s, &tc, 0x94, 0x2f);		/* :07 */
	cr_assert_eq(scc_frame(&s, NULL, &tc, msg, sizeof(msg)), 0);	/* no CDP */
	gap_tc_add(&tc, 1);
	frame(&s, &tc, 0x94, 0x2f);		/* :09 */
	scc_break(&s);				/* a dropped frame */
	frame(&s, &tc, 0x94, 0x2c);		/* :10 */
	cr_assert_eq(s.lines, 5);
	cr_assert_eq(s.pairs, 7);
	cr_assert_eq(scc_commit(&s, msg, sizeof(msg)), 0, "%s", msg);
	cr_assert_str_eq(slurp(path), "Scenarist_SCC V1.0\n\n"
			 "01:00:00:01\t9420 9420 94ae\n\n"
			 "01:00:00:05\tc1c2\n\n"
			 "01:00:00:07\t942f\n\n"
			 "01:00:00:09\t942f\n\n"
			 "01:00:00:10\t942c\n\n");
	cr_assert_eq(dir_entries(), 1, "the temporary file renamed");
	scc_abort(&s);	/* after commit: nothing */
	cr_assert_eq(access(path, F_OK), 0);
}

Test(scc, empty_file_is_the_header)
{
	struct scc s;
	char msg[256];

	cr_assert_eq(scc_open(&s, path, msg, sizeof(msg)), 0, "%s", msg);
	cr_assert_eq(scc_commit(&s, msg, sizeof(msg)), 0, "%s", msg);
	cr_assert_str_eq(slurp(path), "Scenarist_SCC V1.0\n\n");
	cr_assert_eq(s.lines, 0);
}

Test(scc, drop_frame_label)
{
	struct scc s;
	struct gap_tc tc;
	char msg[256];

	/* 29.97 drop frame: 00:00:59;29, then 00:01:00;02 */
	gap_tc_init(&tc, 0, 0, 59, 29, 0, 1, 30000, 1001);
	cr_assert_eq(scc_open(&s, path, msg, sizeof(msg)), 0, "%s", msg);
	frame(&s, &tc, 0x94, 0x20);
	frame(&s, &tc, 0x80, 0x80);
	frame(&s, &tc, 0x94, 0x2f);
	cr_assert_eq(scc_commit(&s, msg, sizeof(msg)), 0, "%s", msg);
	cr_assert_str_eq(slurp(path), "Scenarist_SCC V1.0\n\n"
			 "00:00:59;29\t9420\n\n"
			 "00:01:00;03\t942f\n\n");
}

Test(scc, pairs_at_5994)
{
	struct scc s;
	struct gap_tc tc;
	char msg[256];

	/* 59.94: two frames a label, 608 pairs in every other frame */
	gap_tc_init(&tc, 10, 0, 0, 0, 0, 1, 60000, 1001);
	cr_assert_eq(scc_open(&s, path, msg, sizeof(msg)), 0, "%s", msg);
	frame(&s, &tc, 0x94, 0x20);	/* 10:00:00;00 first frame */
	frame(&s, &tc, 0, 0);		/* the second: no pair, the line goes on */
	frame(&s, &tc, 0x94, 0x20);
	frame(&s, &tc, 0, 0);
	frame(&s, &tc, 0x94, 0xae);	/* ;02 */
	frame(&s, &tc, 0, 0);
	frame(&s, &tc, 0, 0);		/* two without: it ends */
	frame(&s, &tc, 0, 0);
	frame(&s, &tc, 0x94, 0x2f);	/* ;04 */
	frame(&s, &tc, 0, 0);
	frame(&s, &tc, 0x80, 0x80);	/* null: ends */
	frame(&s, &tc, 0, 0);
	frame(&s, &tc, 0, 0);		/* ;06, second frame of its pair */
	frame(&s, &tc, 0x94, 0x2c);
	cr_assert_eq(scc_commit(&s, msg, sizeof(msg)), 0, "%s", msg);
	cr_assert_str_eq(slurp(path), "Scenarist_SCC V1.0\n\n"
			 "10:00:00;00\t9420 9420 94ae\n\n"
			 "10:00:00;04\t942f\n\n"
			 "10:00:00;06\t942c\n\n");
}

Test(scc, failed_write_leaves_no_file)
{
	struct scc s;
	struct gap_tc tc;
	char msg[256];
	int full = open("/dev/full", O_WRONLY);

	if (full < 0)
		cr_skip_test("no /dev/full");
	gap_tc_init(&tc, 1, 0, 0, 0, 0, 0, 25, 1);
	cr_assert_eq(scc_open(&s, path, msg, sizeof(msg)), 0, "%s", msg);
	cr_assert_eq(dir_entries(), 1, "the temporary file");
	/* the disk fills up under it */
	cr_assert_eq(dup2(full, s.out.fd), s.out.fd);
	close(full);
	cr_assert_eq(scc_pair(&s, 0x94, 0x20, &tc, msg, sizeof(msg)), -ENOSPC);
	cr_assert_not_null(strstr(msg, "disk is full"), "%s", msg);
	cr_assert_not_null(strstr(msg, path), "%s", msg);
	scc_abort(&s);
	cr_assert_eq(dir_entries(), 0, "nothing left behind");
	scc_abort(&s);
	/* a commit whose last write fails removes it too */
	cr_assert_eq(scc_open(&s, path, msg, sizeof(msg)), 0, "%s", msg);
	cr_assert_eq(scc_pair(&s, 0x94, 0x20, &tc, msg, sizeof(msg)), 0);
	full = open("/dev/full", O_WRONLY);
	cr_assert_eq(dup2(full, s.out.fd), s.out.fd);
	close(full);
	cr_assert_eq(scc_commit(&s, msg, sizeof(msg)), -ENOSPC);
	cr_assert_eq(dir_entries(), 0, "nothing left behind");
	/* a directory that is not there */
	cr_assert_lt(scc_open(&s, "/nonexistent-dir/x.scc", msg, sizeof(msg)), 0);
	cr_assert_not_null(strstr(msg, "/nonexistent-dir/x.scc"), "%s", msg);
	scc_abort(&s);
}

/* "HELLO" pop-on, as the simulated card sends its captions */
static void write_hello(const char *p)
{
	static const uint8_t cmds[][2] = {
		{ 0x94, 0x20 }, { 0x94, 0x20 },	/* RCL */
		{ 0x94, 0xae }, { 0x94, 0xae },	/* ENM */
		{ 0x94, 0x70 }, { 0x94, 0x70 },	/* PAC row 15 */
	};
	const char *text = "HELLO";
	struct scc s;
	struct gap_tc tc;
	char msg[256];
	size_t i, n = strlen(text);

	gap_tc_init(&tc, 0, 0, 1, 0, 0, 1, 30000, 1001);
	cr_assert_eq(scc_open(&s, p, msg, sizeof(msg)), 0, "%s", msg);
	for (i = 0; i < 30; i++)
		frame(&s, &tc, 0x80, 0x80);
	for (i = 0; i < 6; i++)
		frame(&s, &tc, cmds[i][0], cmds[i][1]);
	for (i = 0; i < n; i += 2)
		frame(&s, &tc, sdi8k_cea608_byte((uint8_t)text[i]),
		      sdi8k_cea608_byte(i + 1 < n ? (uint8_t)text[i + 1] : 0));
	frame(&s, &tc, 0x94, 0x2f);	/* EOC */
	frame(&s, &tc, 0x94, 0x2f);
	for (i = 0; i < 60; i++)
		frame(&s, &tc, 0x80, 0x80);
	frame(&s, &tc, 0x94, 0x2c);	/* EDM: off the screen */
	frame(&s, &tc, 0x94, 0x2c);
	cr_assert_eq(scc_commit(&s, msg, sizeof(msg)), 0, "%s", msg);
}

Test(scc, hello_for_the_writer)
{
	write_hello(path);
	cr_assert_str_eq(slurp(path), "Scenarist_SCC V1.0\n\n"
			 "00:00:02;00\t9420 9420 94ae 94ae 9470 9470 c845 4c4c 4f80 942f 942f\n\n"
			 "00:00:04;11\t942c 942c\n\n");
}

/* FFmpeg's scc demuxer and ccaption_dec: the reference readers */
Test(scc, ffmpeg_reads_hello)
{
	char cmd[512], out[4096];
	size_t n = 0;
	FILE *p;

	if (system("ffmpeg -hide_banner -version >/dev/null 2>&1") != 0)
		cr_skip_test("ffmpeg not installed");
	write_hello(path);
	snprintf(cmd, sizeof(cmd), "ffmpeg -nostdin -v error -i '%s' -f srt - 2>&1", path);
	p = popen(cmd, "r");
	cr_assert_not_null(p);
	while (n < sizeof(out) - 1) {
		size_t r = fread(out + n, 1, sizeof(out) - 1 - n, p);

		if (!r)
			break;
		n += r;
	}
	out[n] = '\0';
	cr_assert_eq(pclose(p), 0, "%s", out);
	cr_assert_not_null(strstr(out, "HELLO"), "ffmpeg's SRT: %s", out);
	cr_assert_not_null(strstr(out, "00:00:02,"), "its time: %s", out);
}

/* --- the "captions" member of the --metadata line ---------------------- */

#define BUFSZ 2048

/* a metadata buffer holding the CDP c (broken: its checksum wrong) */
static void meta_with_cdp(struct sdi8k_meta_frame *mf, uint8_t *b,
			  const struct sdi8k_cdp *c, int broken)
{
	uint8_t bytes[SDI8K_CDP_MAX_SIZE];
	uint16_t w[SDI8K_CDP_MAX_SIZE + 4];
	struct anc_buf a;
	int n, nw;

	anc_buf_init(&a, b, BUFSZ, 77);
	if (c) {
		n = sdi8k_cdp_encode(c, bytes, sizeof(bytes));
		cr_assert_gt(n, 0, "%s", sdi8k_last_error());
		if (broken)
			bytes[n - 1] ^= 0x01;
		nw = sdi8k_anc_encode_bytes(SDI8K_DID_CAPTION, SDI8K_SDID_CDP, bytes,
					    (size_t)n, w, sizeof(w) / sizeof(w[0]));
		cr_assert_eq(nw, n + 4);
		cr_assert_eq(anc_buf_add(&a, w, (size_t)nw, 9, 0, 0), 0);
	}
	memset(mf, 0, sizeof(*mf));
	mf->data = b;
	mf->size = anc_buf_finish(&a);
	mf->sequence = 77;
	cr_assert_eq(sdi8k_anc_frame_open(mf->data, mf->size, &mf->info,
					  &(struct sdi8k_anc_iter){ 0 }), 0);
}

Test(sidecar_captions, cdp_in_the_line)
{
	static uint8_t b[BUFSZ] __attribute__((aligned(8)));
	struct sdi8k_meta_frame mf;
	struct sdi8k_cdp c = cdp_of(0x94, 0x20);
	char *line = NULL;
	size_t cap = 0;
	int n;

	c.cc[c.cc_count++] = (struct sdi8k_cc_data){ true, SDI8K_CC_608_FIELD1, { 0x94, 0xae } };
	c.cc[c.cc_count++] = (struct sdi8k_cc_data){ true, SDI8K_CC_608_FIELD2, { 0x15, 0x20 } };
	c.cc[c.cc_count++] = (struct sdi8k_cc_data){ true, SDI8K_CC_DTVCC_DATA, { 0x11, 0x22 } };
	c.cc[c.cc_count++] = (struct sdi8k_cc_data){ false, SDI8K_CC_DTVCC_DATA, { 0, 0 } };
	c.has_svcinfo = true;
	c.svc_start = c.svc_complete = true;
	c.svc_count = 2;
	c.svc[0] = (struct sdi8k_cdp_service){ .number = 0, .language = "eng",
					       .line21_field = 0 };
	c.svc[1] = (struct sdi8k_cdp_service){ .number = 1, .language = "fra",
					       .digital = true, .service = 1 };
	meta_with_cdp(&mf, b, &c, 0);
	n = sidecar_format_line(&line, &cap, 77, &mf);
	cr_assert_gt(n, 0);
	cr_assert_eq(line[n - 1], '\n');
	cr_assert_not_null(strstr(line, "\"packets\":[{\"did\":\"0x61\",\"sdid\":\"0x01\","
				  "\"line\":9,"), "%s", line);
	cr_assert_not_null(strstr(line, "],\"captions\":{\"cc1\":\"9420 94ae\",\"field2\":\"1520\","
				  "\"dtvcc\":2,\"services\":[{\"number\":0,\"language\":\"eng\","
				  "\"digital\":false,\"field\":1},{\"number\":1,\"language\":"
				  "\"fra\",\"digital\":true,\"service\":1}]}}\n"), "%s", line);
	cr_assert_null(strstr(line, "captions_error"));

	/* only null pairs: empty words */
	c = cdp_of(0x80, 0x80);
	meta_with_cdp(&mf, b, &c, 0);
	cr_assert_gt(sidecar_format_line(&line, &cap, 77, &mf), 0);
	cr_assert_not_null(strstr(line, "\"captions\":{\"cc1\":\"\",\"field2\":\"\","
				  "\"dtvcc\":1,\"services\":[]}"), "%s", line);
	free(line);
}

/* --cc-track: the frame's 608 pairs as the mov muxer's cc_data triplets */
Test(scc, cc608_triplets)
{
	struct sdi8k_cdp c = cdp_of(0x94, 0x20);
	uint8_t t[SCC_MAX_TRIPLETS * 3];
	const uint8_t want[] = { 0xfc, 0x94, 0x20, 0xfd, 0x15, 0x2c, 0xfc, 0x4f, 0x80 };

	/* the null field 2 pair, DTVCC and the invalid triplet left out */
	cr_assert_eq(scc_cc608_triplets(&c, t), 1);
	cr_assert_arr_eq(t, want, 3);
	c.cc[c.cc_count++] = (struct sdi8k_cc_data){ true, SDI8K_CC_608_FIELD2, { 0x15, 0x2c } };
	c.cc[c.cc_count++] = (struct sdi8k_cc_data){ true, SDI8K_CC_608_FIELD1, { 0x4f, 0x80 } };
	c.cc[c.cc_count++] = (struct sdi8k_cc_data){ true, SDI8K_CC_608_FIELD1, { 0x00, 0x80 } };
	cr_assert_eq(scc_cc608_triplets(&c, t), 3);
	cr_assert_arr_eq(t, want, sizeof(want));
	c.has_ccdata = false;
	cr_assert_eq(scc_cc608_triplets(&c, t), 0);
	cr_assert_eq(scc_cc608_triplets(NULL, t), 0);
	/* a full CDP of field 1 pairs */
	memset(&c, 0, sizeof(c));
	c.has_ccdata = true;
	for (c.cc_count = 0; c.cc_count < SDI8K_CDP_MAX_CC; c.cc_count++)
		c.cc[c.cc_count] = (struct sdi8k_cc_data){ true, SDI8K_CC_608_FIELD1,
							   { 0x94, 0x20 } };
	cr_assert_eq(scc_cc608_triplets(&c, t), SCC_MAX_TRIPLETS);
	cr_assert_eq(t[3 * SCC_MAX_TRIPLETS - 3], 0xfc);
}

Test(sidecar_captions, none_and_malformed)
{
	static uint8_t b[BUFSZ] __attribute__((aligned(8)));
	struct sdi8k_meta_frame mf;
	struct sdi8k_cdp c = cdp_of(0x94, 0x20);
	char *line = NULL;
	size_t cap = 0;

	meta_with_cdp(&mf, b, NULL, 0);
	cr_assert_gt(sidecar_format_line(&line, &cap, 77, &mf), 0);
	cr_assert_not_null(strstr(line, "\"packets\":[],\"captions\":null}\n"), "%s", line);
	meta_with_cdp(&mf, b, &c, 1);
	cr_assert_gt(sidecar_format_line(&line, &cap, 77, &mf), 0);
	cr_assert_not_null(strstr(line, "\"captions\":null,\"captions_error\":\""), "%s", line);
	cr_assert_not_null(strstr(line, "checksum"), "%s", line);
	/* the existing lines stay as they were */
	cr_assert_gt(sidecar_format_line(&line, &cap, 7, NULL), 0);
	cr_assert_str_eq(line, "{\"sequence\":7,\"metadata\":null}\n");
	free(line);
}
