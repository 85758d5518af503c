// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * sdi8k-list: the sdi8k cards and inputs present, with their device nodes,
 * serials, firmware and signal; --monitor prints hotplug events.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sdi8k/device.h>
#include <sdi8k/error.h>
#include <sdi8k/version.h>

#include "list/list.h"

static void usage(FILE *f)
{
	fputs("Usage: sdi8k-list [OPTION]...\n"
	      "List the sdi8k capture cards and their inputs: device nodes, stable\n"
	      "links (/dev/sdi8k/SERIAL/inputN), card serial, firmware and what each\n"
	      "input receives. Cards are listed by serial (a stable order).\n"
	      "\n"
	      "  -j, --json           one JSON document instead of the table\n"
	      "  -n, --no-signal      do not open the nodes (no signal state)\n"
	      "  -r, --resolve SPEC   print the video node of an input spec\n"
	      "                       (/dev/videoN, /dev/sdi8k/SERIAL/inputN,\n"
	      "                       SERIAL:N, CARD:N) and exit\n"
	      "  -m, --monitor        print hotplug events (cards and input nodes\n"
	      "                       added or removed), one a line, until\n"
	      "                       interrupted; with --json, JSON lines\n"
	      "  -c, --count N        with --monitor: stop after N events\n"
	      "  -t, --timeout MS     with --monitor: stop after MS ms without one\n"
	      "  -V, --version        print the version and exit\n"
	      "  -h, --help           this text\n"
	      "\n"
	      "Exit status: 0 on success, 1 when no card is found or a device\n"
	      "could not be read, 2 on bad arguments.\n", f);
}

static int parse_long(const char *opt, const char *s, long *v)
{
	char *end;

	errno = 0;
	*v = strtol(s, &end, 10);
	if (errno || end == s || *end || *v <= 0 || *v > 1000000000L) {
		fprintf(stderr, "sdi8k-list: %s: '%s' is not a positive number\n",
			opt, s);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "no-signal", no_argument, NULL, 'n' },
		{ "resolve", required_argument, NULL, 'r' },
		{ "monitor", no_argument, NULL, 'm' },
		{ "count", required_argument, NULL, 'c' },
		{ "timeout", required_argument, NULL, 't' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int json = 0, monitor = 0, nosignal = 0, o, n, unreadable;
	long count = 0, timeout_ms = 0;
	const char *resolve = NULL;
	struct sdi8k_card_info *cards;

	while ((o = getopt_long(argc, argv, "jnr:mc:t:Vh", opts, NULL)) != -1) {
		switch (o) {
		case 'j':
			json = 1;
			break;
		case 'n':
			nosignal = 1;
			break;
		case 'r':
			resolve = optarg;
			break;
		case 'm':
			monitor = 1;
			break;
		case 'c':
			if (parse_long("--count", optarg, &count))
				return 2;
			break;
		case 't':
			if (parse_long("--timeout", optarg, &timeout_ms))
				return 2;
			break;
		case 'V':
			printf("sdi8k-list (libsdi8k %s)\n", sdi8k_version_string());
			return 0;
		case 'h':
			usage(stdout);
			return 0;
		default:
			fputs("Try 'sdi8k-list --help'.\n", stderr);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "sdi8k-list: unexpected argument '%s'\nTry 'sdi8k-list --help'.\n",
			argv[optind]);
		return 2;
	}
	if ((count || timeout_ms) && !monitor) {
		fputs("sdi8k-list: --count and --timeout go with --monitor\n", stderr);
		return 2;
	}
	if (monitor && (resolve || nosignal)) {
		fputs("sdi8k-list: --monitor takes no --resolve or --no-signal\n", stderr);
		return 2;
	}
	if (monitor)
		return list_monitor(json, count, timeout_ms);

	if (resolve) {
		char node[SDI8K_PATH_LEN];
		struct sdi8k_input_ref ref;

		if (sdi8k_resolve_input(resolve, node, sizeof(node), &ref) < 0) {
			fprintf(stderr, "sdi8k-list: %s\n", sdi8k_last_error());
			return 1;
		}
		if (json) {
			fputs("{\"node\": ", stdout);
			json_string(stdout, node, 0);
			fputs(", \"serial\": ", stdout);
			json_string(stdout, ref.serial, 1);
			fputs(", \"card_name\": ", stdout);
			json_string(stdout, ref.card_name, 1);
			printf(", \"card_index\": %u, \"input\": %u}\n",
			       ref.card_index, ref.input);
		} else {
			printf("%s\n", node);
		}
		return 0;
	}

	n = sdi8k_enumerate(&cards, nosignal ? SDI8K_ENUM_NO_SIGNAL : 0);
	if (n < 0) {
		fprintf(stderr, "sdi8k-list: cannot list the cards: %s\n",
			sdi8k_last_error());
		return 1;
	}
	if (json)
		list_print_json(stdout, cards, n);
	else if (n)
		list_print_table(stdout, cards, n);
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "sdi8k-list: writing the list failed: %s\n",
			strerror(errno));
		sdi8k_cards_free(cards, n);
		return 1;
	}
	/* listed as "unknown (...)": the exit status says so too */
	unreadable = list_report_unreadable(stderr, cards, n);
	sdi8k_cards_free(cards, n);
	if (!n) {
		fputs("sdi8k-list: no sdi8k card found (is the driver loaded? "
		      "Without a card, 'modprobe sdi8k-sim cards=1' creates a "
		      "simulated one)\n", stderr);
		return 1;
	}
	return unreadable ? 1 : 0;
}
