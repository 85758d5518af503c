// SPDX-License-Identifier: LGPL-2.1-or-later
/* sdi8k-list: printing the cards, as a table or JSON. */
#include <string.h>

#include "list/list.h"

void json_string(FILE *f, const char *s, int empty_null)
{
	const unsigned char *p;

	if (!s || (empty_null && !s[0])) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	for (p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", f);
		else if (*p == '\t')
			fputs("\\t", f);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

static void signal_text(const struct sdi8k_input_info *in, char *buf,
			size_t size)
{
	char name[32];

	if (in->signal == SDI8K_SIGNAL_LOCKED) {
		snprintf(buf, size, "%-12s %ux%u%s %u/%u fps",
			 sdi8k_raster_name(&in->raster, name, sizeof(name)),
			 in->raster.width, in->raster.height,
			 in->raster.interlaced ? "i" : "p",
			 in->raster.fps_num, in->raster.fps_den);
	} else if (in->signal == SDI8K_SIGNAL_UNKNOWN && in->signal_error) {
		snprintf(buf, size, "unknown (%s)", strerror(-in->signal_error));
	} else {
		snprintf(buf, size, "%s", sdi8k_signal_state_name(in->signal));
	}
}

void list_print_table(FILE *f, const struct sdi8k_card_info *c, int n)
{
	char sig[128];
	unsigned i;
	int k;

	for (k = 0; k < n; k++) {
		fprintf(f, "card %d: serial %s, %s on %s%s, firmware %s, %u input%s\n",
			k, c[k].serial[0] ? c[k].serial : "(none)",
			c[k].card_name[0] ? c[k].card_name : "(unnamed)",
			c[k].bus_id, c[k].simulated ? " (simulated)" : "",
			c[k].firmware_version[0] ? c[k].firmware_version : "(unknown)",
			c[k].n_inputs, c[k].n_inputs == 1 ? "" : "s");
		fprintf(f, "  %-5s %-12s %-36s %s\n", "INPUT", "NODE", "LINK", "SIGNAL");
		for (i = 0; i < c[k].n_inputs; i++) {
			const struct sdi8k_input_info *in = &c[k].inputs[i];

			signal_text(in, sig, sizeof(sig));
			fprintf(f, "  %-5u %-12s %-36s %s\n", in->index,
				in->node[0] ? in->node : "-",
				in->link[0] ? in->link : "-", sig);
			if (in->meta_node[0])
				fprintf(f, "  %-5s %-12s %-36s %s\n", "",
					in->meta_node, "", "(metadata)");
		}
	}
}

static void json_input(FILE *f, const struct sdi8k_input_info *in)
{
	char name[32];

	fprintf(f, "{\"index\": %u, \"node\": ", in->index);
	json_string(f, in->node, 1);
	fputs(", \"link\": ", f);
	json_string(f, in->link, 1);
	fputs(", \"meta_node\": ", f);
	json_string(f, in->meta_node, 1);
	fputs(", \"v4l2_name\": ", f);
	json_string(f, in->v4l2_name, 1);
	fputs(", \"v4l2_card\": ", f);
	json_string(f, in->v4l2_card, 1);
	fputs(", \"bus_info\": ", f);
	json_string(f, in->bus_info, 1);
	fputs(", \"signal\": {\"state\": ", f);
	json_string(f, sdi8k_signal_state_name(in->signal), 0);
	if (in->signal == SDI8K_SIGNAL_LOCKED) {
		fputs(", \"raster\": ", f);
		json_string(f, sdi8k_raster_name(&in->raster, name, sizeof(name)), 0);
		fprintf(f, ", \"width\": %u, \"height\": %u, \"interlaced\": %s, \"fps_num\": %u, \"fps_den\": %u, \"pixelclock\": %llu",
			in->raster.width, in->raster.height,
			in->raster.interlaced ? "true" : "false",
			in->raster.fps_num, in->raster.fps_den,
			(unsigned long long)in->raster.pixelclock);
	}
	if (in->signal_error) {
		fputs(", \"error\": ", f);
		json_string(f, strerror(-in->signal_error), 0);
	}
	fputs("}}", f);
}

void list_print_json(FILE *f, const struct sdi8k_card_info *c, int n)
{
	unsigned i;
	int k;

	fputs("{\"cards\": [", f);
	for (k = 0; k < n; k++) {
		fprintf(f, "%s\n  {\"index\": %d, \"serial\": ", k ? "," : "", k);
		json_string(f, c[k].serial, 1);
		fputs(", \"card_name\": ", f);
		json_string(f, c[k].card_name, 1);
		fputs(", \"bus_id\": ", f);
		json_string(f, c[k].bus_id, 1);
		fputs(", \"driver\": ", f);
		json_string(f, c[k].driver, 1);
		fputs(", \"firmware_version\": ", f);
		json_string(f, c[k].firmware_version, 1);
		fprintf(f, ", \"simulated\": %s, \"syspath\": ",
			c[k].simulated ? "true" : "false");
		json_string(f, c[k].syspath, 1);
		fputs(", \"inputs\": [", f);
		/* one input a line: greppable where no JSON parser is */
		for (i = 0; i < c[k].n_inputs; i++) {
			fputs(i ? ",\n    " : "\n    ", f);
			json_input(f, &c[k].inputs[i]);
		}
		fputs("]}", f);
	}
	fputs(n ? "\n]}\n" : "]}\n", f);
}

int list_report_unreadable(FILE *err, const struct sdi8k_card_info *c, int n)
{
	int bad = 0;

	for (int k = 0; k < n; k++)
		for (unsigned i = 0; i < c[k].n_inputs; i++) {
			const struct sdi8k_input_info *in = &c[k].inputs[i];

			if (in->signal != SDI8K_SIGNAL_UNKNOWN || !in->signal_error)
				continue;
			fprintf(err, "sdi8k-list: %s (card %d, %s, input %u): cannot "
				"read the signal: %s\n",
				in->node[0] ? in->node : "no device node", k,
				c[k].serial[0] ? c[k].serial : c[k].card_name,
				in->index, strerror(-in->signal_error));
			bad++;
		}
	return bad;
}
