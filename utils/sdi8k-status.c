// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * sdi8k-status: what each SDI input receives, HDR state included, once or
 * following changes (--watch). See man/sdi8k-status.1.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <linux/videodev2.h>

#include <sdi8k/device.h>
#include <sdi8k/error.h>
#include <sdi8k/status.h>

#include "../kernel/uapi/sdi8k.h"
#include "common/msg.h"
#include "common/jsonw.h"
#include "common/stopsig.h"
#include "status/options.h"
#include "status/report.h"
#include "status/timecode.h"

/* The inputs to report: from -d specs, or every input found. */
static int collect(const struct status_opts *o, struct status_report **out)
{
	struct sdi8k_card_info *cards = NULL;
	struct status_report *r;
	int n = 0, ncards;

	if (o->n_specs) {
		r = calloc(o->n_specs, sizeof(*r));
		if (!r)
			return -ENOMEM;
		for (unsigned i = 0; i < o->n_specs; i++) {
			struct sdi8k_input_ref ref;
			int err = sdi8k_resolve_input(o->specs[i], r[i].st.node,
						      sizeof(r[i].st.node), &ref);

			if (err) {
				msg_error("%s", sdi8k_last_error());
				free(r);
				return err;
			}
			snprintf(r[i].serial, sizeof(r[i].serial), "%s", ref.serial);
			snprintf(r[i].card_name, sizeof(r[i].card_name), "%s", ref.card_name);
			r[i].card_index = (int)ref.card_index;
			r[i].input = ref.input;
		}
		*out = r;
		return (int)o->n_specs;
	}
	ncards = sdi8k_enumerate(&cards, SDI8K_ENUM_NO_SIGNAL);
	if (ncards < 0) {
		msg_error("%s", sdi8k_last_error());
		return ncards;
	}
	for (int c = 0; c < ncards; c++)
		n += (int)cards[c].n_inputs;
	r = n ? calloc((size_t)n, sizeof(*r)) : NULL;
	if (n && !r) {
		sdi8k_cards_free(cards, ncards);
		return -ENOMEM;
	}
	n = 0;
	for (int c = 0; c < ncards; c++) {
		for (unsigned i = 0; i < cards[c].n_inputs; i++) {
			const struct sdi8k_input_info *in = &cards[c].inputs[i];

			if (!in->node[0])
				continue;
			snprintf(r[n].st.node, sizeof(r[n].st.node), "%s", in->node);
			snprintf(r[n].meta_node, sizeof(r[n].meta_node), "%s", in->meta_node);
			snprintf(r[n].serial, sizeof(r[n].serial), "%s", cards[c].serial);
			snprintf(r[n].card_name, sizeof(r[n].card_name), "%s",
				 cards[c].card_name);
			r[n].card_index = c;
			r[n].input = in->index;
			n++;
		}
	}
	sdi8k_cards_free(cards, ncards);
	*out = r;
	return n;
}

/* Read one input's state into r (keeping its identity). 0 or -errno. */
static int read_one(struct status_report *r, const struct status_opts *o, int timecode)
{
	char node[SDI8K_PATH_LEN];
	int err;

	snprintf(node, sizeof(node), "%s", r->st.node);
	r->read_error = 0;
	r->note[0] = '\0';
	r->tc_state = TC_NOT_ASKED;
	r->frames_matched = 0;
	err = sdi8k_status_read(node, &r->st);
	if (err) {
		memset(&r->st, 0, sizeof(r->st));
		snprintf(r->st.node, sizeof(r->st.node), "%s", node);
		r->read_error = 1;
		snprintf(r->note, sizeof(r->note), "%s", sdi8k_last_error());
		return err;
	}
	if (!r->meta_node[0]) {
		struct sdi8k_meta *m;

		if (!sdi8k_meta_open(node, &m)) {
			snprintf(r->meta_node, sizeof(r->meta_node), "%s",
				 sdi8k_meta_node(m));
			sdi8k_meta_close(m);
		}
	}
	if (timecode) {
		status_read_timecode(r, o->frames);
		/*
		 * The driver sets the HDR10 controls from the ancillary data
		 * of the frames it captures (in a work item): after streaming
		 * they hold what the wire says now, before they may hold
		 * what it said at the last capture. Read them again.
		 */
		if (r->tc_state == TC_OK || r->tc_state == TC_NONE) {
			struct sdi8k_input_status again;

			usleep(50 * 1000);
			if (!sdi8k_status_read(node, &again))
				r->st = again;
		}
	}
	return 0;
}

static int print_all(const struct status_opts *o, struct status_report *r, int n)
{
	int failed = 0;

	for (int i = 0; i < n; i++)
		if (read_one(&r[i], o, o->timecode))
			failed = 1;
	if (o->json) {
		struct jw j;

		jw_init(&j, stdout, 1);
		jw_begin_object(&j, NULL);
		jw_begin_array(&j, "inputs");
		for (int i = 0; i < n; i++)
			report_json(&j, &r[i]);
		jw_end_array(&j);
		jw_end_object(&j);
		jw_finish(&j);
	} else {
		for (int i = 0; i < n; i++) {
			if (i)
				putchar('\n');
			report_print_text(stdout, &r[i]);
		}
	}
	return failed;
}

static void subscribe(int fd)
{
	static const uint32_t ids[] = {
		SDI8K_CID_TRANSFER_FUNCTION, SDI8K_CID_PAYLOAD_ID,
		SDI8K_CID_ANC_MALFORMED, SDI8K_CID_COLOR_ENCODING,
		V4L2_CID_COLORIMETRY_HDR10_CLL_INFO,
		V4L2_CID_COLORIMETRY_HDR10_MASTERING_DISPLAY,
	};
	struct v4l2_event_subscription sub;

	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		memset(&sub, 0, sizeof(sub));
		sub.type = V4L2_EVENT_CTRL;
		sub.id = ids[i];
		ioctl(fd, VIDIOC_SUBSCRIBE_EVENT, &sub);	/* absent: polled */
	}
	memset(&sub, 0, sizeof(sub));
	sub.type = V4L2_EVENT_SOURCE_CHANGE;
	ioctl(fd, VIDIOC_SUBSCRIBE_EVENT, &sub);
}

static void print_change(const struct status_opts *o, const struct status_report *r)
{
	if (o->json) {
		struct jw j;

		jw_init(&j, stdout, 0);
		report_json(&j, r);
		jw_finish(&j);
	} else {
		char ts[32];
		time_t t = time(NULL);

		strftime(ts, sizeof(ts), "%H:%M:%S", localtime(&t));
		printf("\n[%s] changed:\n", ts);
		report_print_text(stdout, r);
	}
	fflush(stdout);
}

static int watch(const struct status_opts *o, struct status_report *r, int n)
{
	struct pollfd *p = calloc((size_t)n, sizeof(*p));
	struct status_report cur;

	if (!p) {
		msg_error("out of memory");
		return EXIT_RUNTIME;
	}
	for (int i = 0; i < n; i++) {
		p[i].fd = open(r[i].st.node, O_RDWR | O_NONBLOCK | O_CLOEXEC);
		p[i].events = POLLPRI;
		if (p[i].fd >= 0)
			subscribe(p[i].fd);
	}
	while (!stop_requested) {
		int ready = poll(p, (nfds_t)n, o->interval_ms);

		if (ready < 0 && errno != EINTR) {
			msg_error("poll: %s", strerror(errno));
			break;
		}
		if (stop_requested)
			break;
		for (int i = 0; i < n; i++) {
			if (p[i].fd >= 0 && (p[i].revents & POLLPRI)) {
				struct v4l2_event ev;

				while (!ioctl(p[i].fd, VIDIOC_DQEVENT, &ev))
					;
			}
			if (p[i].fd < 0)	/* the node came back? */
				p[i].fd = open(r[i].st.node, O_RDWR | O_NONBLOCK | O_CLOEXEC);
			cur = r[i];
			read_one(&cur, o, 0);
			if (report_changed(&cur, &r[i])) {
				r[i] = cur;
				print_change(o, &r[i]);
			}
		}
	}
	for (int i = 0; i < n; i++)
		if (p[i].fd >= 0)
			close(p[i].fd);
	free(p);
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	struct status_opts o;
	struct status_report *r = NULL;
	char msg[512];
	int n, err, status;

	err = status_parse_args(argc, argv, &o, msg, sizeof(msg));
	if (err > 0)
		return EXIT_OK;
	if (err) {
		msg_error("%s", msg);
		return EXIT_USAGE;
	}
	stop_signals_install();
	n = collect(&o, &r);
	if (n < 0)
		return EXIT_RUNTIME;
	if (!n) {
		msg_error("no sdi8k card found (is the driver loaded? modprobe sdi8k; "
			  "sdi8k-list shows what is found)");
		free(r);
		return EXIT_RUNTIME;
	}
	/* --watch starts from a full report, the time code once */
	status = print_all(&o, r, n) ? EXIT_RUNTIME : EXIT_OK;
	fflush(stdout);
	if (o.watch)
		status = watch(&o, r, n);
	free(r);
	if (fflush(stdout) || ferror(stdout)) {
		msg_error("standard output: write error");
		return EXIT_RUNTIME;
	}
	return status;
}
