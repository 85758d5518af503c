/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sdi8k-card's control socket: the model's scripting words over a UNIX
 * stream socket (protocol in ctl.c and man/sdi8k-card.1).
 */
#ifndef SDI8K_CARD_CTL_H
#define SDI8K_CARD_CTL_H

struct card_model;
struct card_ctl;

/* listen on path (a stale socket there is replaced); NULL and errno on failure */
struct card_ctl *card_ctl_start(const char *path, struct card_model *m);
/* stop listening, end every client, remove the socket */
void card_ctl_stop(struct card_ctl *c);
/* `sdi8k-card ctl PATH WORD [VALUE]`: one request, its reply on stdout; exit status */
int card_ctl_client(const char *path, int argc, char **argv);

#endif
