/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A register stand-in for the card model, enough to exercise the vfio-user
 * path: ID, HW_VERSION, CAPS (the board's inputs), SERIAL, CONTROL RESET,
 * IRQ_SUMMARY, SCRATCH and each input's IRQ_STATUS/IRQ_MASK
 * (docs/hardware.md). No firmware, no signal, no DMA. It goes once the
 * model of kernel/model/ is wired in behind the same vfu_dev_ops.
 */
#ifndef SDI8K_CARD_STANDIN_H
#define SDI8K_CARD_STANDIN_H

#include <stdint.h>

#include "vfio-user.h"

struct standin;

extern const struct vfu_dev_ops standin_ops;

struct standin *standin_new(uint64_t serial, unsigned int inputs);
/* interrupts go to this server from now on (NULL: nowhere) */
void standin_attach(struct standin *c, struct vfu_server *s);
void standin_detach(struct standin *c);
/* raise IRQ_STATUS bits of an input, as the card's engines would */
void standin_raise(struct standin *c, unsigned int input, uint32_t bits);
void standin_free(struct standin *c);

#endif
