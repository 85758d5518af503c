/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sdi8k-card's control socket: the model's scripting words over a UNIX
 * stream socket (protocol in ctl.c and man/sdi8k-card.1).
 */
#ifndef SDI8K_CARD_CTL_H
#define SDI8K_CARD_CTL_H

#include <stdbool.h>
#include <stddef.h>

struct card_model;
struct card_ctl;

/*
 * plug: the requests "unplug" and "plug" (the card pulled out of its slot
 * and pushed back: QEMU's device_del and device_add); 0, or a negative
 * errno with the reason in err. NULL: no such requests (EOPNOTSUPP).
 */
/*
 * bus: the request "bus": what the card sees of the bus, as "name value"
 * lines into val (the DMA mappings the host gave it); NULL: EOPNOTSUPP.
 */
struct card_ctl_hooks {
	int (*plug)(void *opaque, bool in, char *err, size_t errlen);
	int (*bus)(char *val, size_t len);
	void *opaque;
};

/*
 * listen on path (a stale socket there is replaced); hooks may be NULL;
 * NULL and errno on failure
 */
struct card_ctl *card_ctl_start(const char *path, struct card_model *m,
				const struct card_ctl_hooks *hooks);
/* stop listening, end every client, remove the socket */
void card_ctl_stop(struct card_ctl *c);
/* `sdi8k-card ctl PATH WORD [VALUE]`: one request, its reply on stdout; exit status */
int card_ctl_client(const char *path, int argc, char **argv);

#endif
