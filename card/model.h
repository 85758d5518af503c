/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The card model (kernel/sim/, built through kshim/) hosted in sdi8k-card:
 * its environment (DMA through the client's mappings, interrupts through
 * vfu_irq()) and one pacing thread per input.
 */
#ifndef SDI8K_CARD_MODEL_H
#define SDI8K_CARD_MODEL_H

#include <stdint.h>

#include "vfio-user.h"

struct card_model;

extern const struct vfu_dev_ops card_model_ops;

struct card_model *card_model_new(uint64_t serial, unsigned int inputs);
/* start the inputs' threads: DMA and interrupts go to s */
int card_model_start(struct card_model *m, struct vfu_server *s);
void card_model_stop(struct card_model *m);
void card_model_free(struct card_model *m);

#endif
