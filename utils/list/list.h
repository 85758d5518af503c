/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* sdi8k-list: shared declarations of its parts. */
#ifndef SDI8K_LIST_H
#define SDI8K_LIST_H

#include <stdio.h>

#include <sdi8k/device.h>

/* print.c: the cards as a table, or as one JSON document */
void list_print_table(FILE *f, const struct sdi8k_card_info *c, int n);
void list_print_json(FILE *f, const struct sdi8k_card_info *c, int n);

/*
 * print.c: one line on err for each input whose node could not be read
 * (signal UNKNOWN with an error: no node, permission, open or ioctl
 * failure), naming the node, card and input and the reason. Inputs not
 * asked (SDI8K_ENUM_NO_SIGNAL: UNKNOWN without an error) are not
 * counted. Returns how many were reported (a non-zero count means exit
 * status 1).
 */
int list_report_unreadable(FILE *err, const struct sdi8k_card_info *c, int n);

/* print.c: s as a JSON string (quoted, escaped); NULL or "" as null when
 * empty_null */
void json_string(FILE *f, const char *s, int empty_null);

/* monitor.c: print hotplug events until SIGINT/SIGTERM (or count events,
 * when count > 0, or timeout_ms without one, when > 0). Returns the exit
 * status. */
int list_monitor(int json, long count, long timeout_ms);

#endif
