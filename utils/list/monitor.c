// SPDX-License-Identifier: LGPL-2.1-or-later
/* sdi8k-list --monitor: hotplug events as lines. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>

#include <sdi8k/error.h>

#include "list/list.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void print_event(const struct sdi8k_event *ev, int json)
{
	if (json) {
		fputs("{\"event\": ", stdout);
		json_string(stdout, sdi8k_event_type_name(ev->type), 0);
		fputs(", \"serial\": ", stdout);
		json_string(stdout, ev->serial, 1);
		fputs(", \"card_name\": ", stdout);
		json_string(stdout, ev->card_name, 1);
		fputs(", \"bus_id\": ", stdout);
		json_string(stdout, ev->bus_id, 1);
		if (ev->input >= 0) {
			fprintf(stdout, ", \"input\": %d, \"meta\": %s, \"node\": ",
				ev->input, ev->meta ? "true" : "false");
			json_string(stdout, ev->node, 1);
		}
		fputs("}\n", stdout);
	} else if (ev->input >= 0) {
		printf("%s serial %s card %s input %d%s node %s\n",
		       sdi8k_event_type_name(ev->type),
		       ev->serial[0] ? ev->serial : "-", ev->card_name,
		       ev->input, ev->meta ? " meta" : "",
		       ev->node[0] ? ev->node : "-");
	} else {
		printf("%s serial %s card %s bus %s\n",
		       sdi8k_event_type_name(ev->type),
		       ev->serial[0] ? ev->serial : "-", ev->card_name,
		       ev->bus_id);
	}
	fflush(stdout);
}

int list_monitor(int json, long count, long timeout_ms)
{
	struct sigaction sa;
	struct sdi8k_monitor *m;
	struct sdi8k_event ev;
	struct pollfd pfd;
	long seen = 0;
	int r, status = 0;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;	/* no SA_RESTART: poll() returns */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	r = sdi8k_monitor_new(&m, 0);
	if (r < 0) {
		fprintf(stderr, "sdi8k-list: cannot watch for hotplug events: %s\n",
			sdi8k_last_error());
		return 1;
	}
	fprintf(stderr, "sdi8k-list: listening for sdi8k hotplug events (source: %s)\n",
		sdi8k_monitor_source(m));
	pfd.fd = sdi8k_monitor_fd(m);
	pfd.events = POLLIN;
	while (!stop && (count <= 0 || seen < count)) {
		r = poll(&pfd, 1, timeout_ms > 0 ? (int)timeout_ms : -1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "sdi8k-list: poll: %s\n", strerror(errno));
			status = 1;
			break;
		}
		if (r == 0) {
			fprintf(stderr, "sdi8k-list: no event for %ld ms, stopping\n",
				timeout_ms);
			break;
		}
		while (!stop && (count <= 0 || seen < count) &&
		       (r = sdi8k_monitor_read(m, &ev)) > 0) {
			print_event(&ev, json);
			seen++;
		}
		if (r < 0) {
			fprintf(stderr, "sdi8k-list: %s\n", sdi8k_last_error());
			status = 1;
			break;
		}
	}
	sdi8k_monitor_free(m);
	return status;
}
