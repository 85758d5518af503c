/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The card model (kernel/sim/, built through kshim/) hosted in sdi8k-card:
 * its environment (DMA through the client's mappings, interrupts through
 * vfu_irq()) and one pacing thread per input.
 */
#ifndef SDI8K_CARD_MODEL_H
#define SDI8K_CARD_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "vfio-user.h"

struct card_model;

extern const struct vfu_dev_ops card_model_ops;

struct card_model *card_model_new(uint64_t serial, unsigned int inputs);
/* start the inputs' threads: DMA and interrupts go to s */
int card_model_start(struct card_model *m, struct vfu_server *s);
void card_model_stop(struct card_model *m);
void card_model_free(struct card_model *m);
/*
 * One scripting word of docs/simulator.md: "NAME [VALUE]" for the card's
 * words, "inputN/NAME [VALUE]" for an input's. Without a value its current
 * value is written into out (its lines, NUL-terminated); with one it is
 * stored. 0, or -ENOENT (no such word or input), -EPERM (read-only word),
 * -EINVAL (not a value of this word).
 */
int card_model_word(struct card_model *m, const char *cmd, char *out, size_t len);

/* every scripting word of this card, "NAME" or "inputN/NAME", a line each */
void card_model_words(struct card_model *m, char *out, size_t len);

#endif
