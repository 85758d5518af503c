// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k-events DEVICE [-t SECONDS] [--until-all] EVENT...
 *
 * Subscribe to V4L2 events of a node and print one line per event:
 *   source_change changes=C
 *   ctrl NAME changes=C flags=F value=V
 * (C: V4L2_EVENT_SRC_CH_* or V4L2_EVENT_CTRL_CH_* bits, F: the control's
 * V4L2_CTRL_FLAG_* bits, both in decimal; V: its value, 0 for compound
 * controls)
 * EVENT is source_change or ctrl:NAME with NAME one of transfer,
 * encoding, payload_id, cll (HDR10 light level), mdcv (HDR10 mastering
 * display). Once subscribed it prints "ready" (tests start the change
 * after that line). With --until-all it exits 0 as soon as every EVENT
 * has been seen at least once, 1 after SECONDS (default 30) with the
 * ones not seen; without it, it prints events until SECONDS have passed
 * or SIGTERM / SIGINT, then "end", and exits 0. Every line is flushed.
 * The time limit only bounds a test; nothing here asserts on timing.
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

#include "../../kernel/uapi/sdi8k.h"

static const struct {
	const char *name;
	unsigned int id;
} ctrls[] = {
	{ "transfer", SDI8K_CID_TRANSFER_FUNCTION },
	{ "encoding", SDI8K_CID_COLOR_ENCODING },
	{ "payload_id", SDI8K_CID_PAYLOAD_ID },
	{ "cll", V4L2_CID_COLORIMETRY_HDR10_CLL_INFO },
	{ "mdcv", V4L2_CID_COLORIMETRY_HDR10_MASTERING_DISPLAY },
};

#define MAX_EVENTS 8

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static const char *ctrl_name(unsigned int id)
{
	for (size_t i = 0; i < sizeof(ctrls) / sizeof(ctrls[0]); i++)
		if (ctrls[i].id == id)
			return ctrls[i].name;
	return "?";
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct v4l2_event_subscription sub;
	unsigned int type[MAX_EVENTS], id[MAX_EVENTS];
	int seen[MAX_EVENTS] = { 0 };
	int n = 0, until_all = 0, fd, i;
	double limit = 30, end;
	const char *dev = NULL;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--until-all")) {
			until_all = 1;
		} else if (!strcmp(a, "-t") && i + 1 < argc) {
			limit = atof(argv[++i]);
		} else if (!dev) {
			dev = a;
		} else if (n == MAX_EVENTS) {
			fprintf(stderr, "at most %d events\n", MAX_EVENTS);
			return 2;
		} else if (!strcmp(a, "source_change")) {
			type[n] = V4L2_EVENT_SOURCE_CHANGE;
			id[n++] = 0;
		} else if (!strncmp(a, "ctrl:", 5)) {
			size_t k;

			for (k = 0; k < sizeof(ctrls) / sizeof(ctrls[0]); k++)
				if (!strcmp(a + 5, ctrls[k].name))
					break;
			if (k == sizeof(ctrls) / sizeof(ctrls[0])) {
				fprintf(stderr, "unknown control %s\n", a + 5);
				return 2;
			}
			type[n] = V4L2_EVENT_CTRL;
			id[n++] = ctrls[k].id;
		} else {
			fprintf(stderr, "unknown event %s\n", a);
			return 2;
		}
	}
	if (!dev || !n || limit <= 0) {
		fprintf(stderr, "usage: %s DEVICE [-t SECONDS] [--until-all] "
			"source_change|ctrl:NAME...\n", argv[0]);
		return 2;
	}
	fd = open(dev, O_RDWR | O_NONBLOCK);
	if (fd < 0) {
		fprintf(stderr, "%s: %s\n", dev, strerror(errno));
		return 1;
	}
	for (i = 0; i < n; i++) {
		memset(&sub, 0, sizeof(sub));
		sub.type = type[i];
		sub.id = id[i];
		if (ioctl(fd, VIDIOC_SUBSCRIBE_EVENT, &sub)) {
			fprintf(stderr, "%s: VIDIOC_SUBSCRIBE_EVENT %s: %s\n", dev,
				type[i] == V4L2_EVENT_SOURCE_CHANGE ?
				"source_change" : ctrl_name(id[i]),
				strerror(errno));
			return 1;
		}
	}
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("ready\n");
	end = now() + limit;
	while (!stop) {
		struct pollfd p = { .fd = fd, .events = POLLPRI };
		struct v4l2_event ev;
		double left = end - now();
		int all = 1;

		if (left <= 0)
			break;
		if (poll(&p, 1, (int)(left * 1000) + 1) <= 0)
			continue;
		while (!ioctl(fd, VIDIOC_DQEVENT, &ev)) {
			if (ev.type == V4L2_EVENT_SOURCE_CHANGE)
				printf("source_change changes=%u\n",
				       ev.u.src_change.changes);
			else if (ev.type == V4L2_EVENT_CTRL)
				printf("ctrl %s changes=%u flags=%u value=%lld\n",
				       ctrl_name(ev.id), ev.u.ctrl.changes,
				       ev.u.ctrl.flags,
				       ev.u.ctrl.type == V4L2_CTRL_TYPE_INTEGER64 ?
				       (long long)ev.u.ctrl.value64 :
				       (long long)ev.u.ctrl.value);
			for (i = 0; i < n; i++)
				if (type[i] == ev.type && id[i] == ev.id)
					seen[i] = 1;
		}
		for (i = 0; i < n; i++)
			all &= seen[i];
		if (until_all && all)
			return 0;
	}
	if (until_all) {
		printf("timeout: not seen:");
		for (i = 0; i < n; i++)
			if (!seen[i])
				printf(" %s", type[i] == V4L2_EVENT_SOURCE_CHANGE ?
				       "source_change" : ctrl_name(id[i]));
		printf("\n");
		return 1;
	}
	printf("end\n");
	return 0;
}
