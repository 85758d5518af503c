// SPDX-License-Identifier: LGPL-2.1-or-later
/* sdi8k-capture --scc: CEA-608 field 1 captions as Scenarist SCC V1.0. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "capture/scc.h"

static const char scc_header[] = "Scenarist_SCC V1.0\n\n";

static int scc_write(struct scc *s, const char *b, size_t n, char *msg, size_t msglen)
{
	int err = outfile_write(&s->out, b, n, msg, msglen);

	if (err == -ENOSPC)
		snprintf(msg, msglen, "%s: the disk is full (the SCC file is not kept)",
			 outfile_name(&s->out));
	return err;
}

int scc_open(struct scc *s, const char *path, char *msg, size_t msglen)
{
	int err;

	memset(s, 0, sizeof(*s));
	s->out.fd = -1;
	err = outfile_open(&s->out, path, msg, msglen);
	if (err)
		return err;
	s->open = 1;
	err = scc_write(s, scc_header, sizeof(scc_header) - 1, msg, msglen);
	if (err)
		scc_abort(s);
	return err;
}

/* the "\n\n" of a line that ended */
static int end_pending(struct scc *s, char *msg, size_t msglen)
{
	if (!s->end_due)
		return 0;
	s->end_due = 0;
	return scc_write(s, "\n\n", 2, msg, msglen);
}

void scc_break(struct scc *s)
{
	if (s->in_line)
		s->end_due = 1;
	s->in_line = 0;
}

int scc_pair(struct scc *s, uint8_t b0, uint8_t b1, const struct gap_tc *tc,
	     char *msg, size_t msglen)
{
	const struct sdi8k_cc_data pair = {
		.valid = true, .type = SDI8K_CC_608_FIELD1, .data = { b0, b1 },
	};
	char b[32], t[16];
	int n, err;

	if (!s->open)
		return 0;
	if (!sdi8k_cc_has_data(&pair)) {
		scc_break(s);
		return 0;
	}
	err = end_pending(s, msg, msglen);
	if (err)
		return err;
	if (s->in_line) {
		n = snprintf(b, sizeof(b), " %02x%02x", b0, b1);
	} else {
		if (tc)
			gap_tc_text(tc, t);
		else
			snprintf(t, sizeof(t), "00:00:00:00");
		n = snprintf(b, sizeof(b), "%s\t%02x%02x", t, b0, b1);
	}
	err = scc_write(s, b, (size_t)n, msg, msglen);
	if (err)
		return err;
	if (!s->in_line)
		s->lines++;
	s->in_line = 1;
	s->pairs++;
	return 0;
}

int scc_frame(struct scc *s, const struct sdi8k_cdp *cdp, const struct gap_tc *tc,
	      char *msg, size_t msglen)
{
	int found = 0, err;

	if (!s->open)
		return 0;
	for (unsigned i = 0; cdp && cdp->has_ccdata && i < cdp->cc_count &&
			     i < SDI8K_CDP_MAX_CC; i++) {
		const struct sdi8k_cc_data *cc = &cdp->cc[i];

		if (!cc->valid || cc->type != SDI8K_CC_608_FIELD1)
			continue;
		found = 1;
		err = scc_pair(s, cc->data[0], cc->data[1], tc, msg, msglen);
		if (err)
			return err;
	}
	if (found) {
		s->without = 0;
	} else if (++s->without > (tc && tc->pairs ? 1u : 0u)) {
		/* a pair was due: above 30 frames/s every other frame */
		scc_break(s);
	}
	return 0;
}

size_t scc_cc608_triplets(const struct sdi8k_cdp *cdp, uint8_t out[SCC_MAX_TRIPLETS * 3])
{
	size_t n = 0;

	for (unsigned i = 0; cdp && cdp->has_ccdata && i < cdp->cc_count &&
			     i < SDI8K_CDP_MAX_CC; i++) {
		const struct sdi8k_cc_data *cc = &cdp->cc[i];

		if ((cc->type != SDI8K_CC_608_FIELD1 &&
		     cc->type != SDI8K_CC_608_FIELD2) || !sdi8k_cc_has_data(cc))
			continue;
		out[3 * n] = (uint8_t)(0xfc | cc->type);	/* marker, cc_valid */
		out[3 * n + 1] = cc->data[0];
		out[3 * n + 2] = cc->data[1];
		n++;
	}
	return n;
}

int scc_commit(struct scc *s, char *msg, size_t msglen)
{
	int err;

	if (!s->open)
		return 0;
	scc_break(s);
	err = end_pending(s, msg, msglen);
	if (!err)
		err = outfile_commit(&s->out, msg, msglen);
	else
		outfile_abort(&s->out);
	s->open = 0;
	return err;
}

void scc_abort(struct scc *s)
{
	if (s->open)
		outfile_abort(&s->out);
	s->open = 0;
}

const char *scc_name(const struct scc *s)
{
	return outfile_name(&s->out);
}
