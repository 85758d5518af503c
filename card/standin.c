// SPDX-License-Identifier: GPL-2.0-only
/* The register stand-in: see standin.h. */
#include "standin.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>

#define REG_ID			0x0000
#define ID_MAGIC		0x53444938u	/* "SDI8" */
#define REG_HW_VERSION		0x0004
#define REG_FW_VERSION		0x0008
#define REG_CAPS		0x000c
#define REG_SERIAL_LO		0x0010
#define REG_SERIAL_HI		0x0014
#define REG_CONTROL		0x0020
#define REG_IRQ_SUMMARY		0x0030
#define REG_SCRATCH		0x0040
#define INPUT_BASE		0x1000
#define INPUT_STRIDE		0x400
#define IN_IRQ_STATUS		0x040
#define IN_IRQ_MASK		0x044
#define IRQ_BITS		0x7u
#define HW_VERSION		0x00010000u
#define MAX_INPUTS		4
#define IRQ_FRAME_DONE		0x1u
#define TICK_NS			50000000L	/* a "frame" every 50 ms */

struct standin {
	pthread_mutex_t lock;
	struct vfu_server *srv;
	uint64_t serial;
	unsigned int inputs;
	uint32_t scratch;
	uint32_t irq_status[MAX_INPUTS], irq_mask[MAX_INPUTS];
	pthread_t tick;
	bool ticking, stop;
};

static bool pending(const struct standin *c, unsigned int n)
{
	return c->irq_status[n] & c->irq_mask[n];
}

static uint32_t summary(const struct standin *c)
{
	uint32_t v = 0;

	for (unsigned int n = 0; n < c->inputs; n++)
		if (pending(c, n))
			v |= 1u << n;
	return v;
}

static uint32_t sb_read(void *opaque, uint64_t off)
{
	struct standin *c = opaque;
	uint32_t v = 0;

	pthread_mutex_lock(&c->lock);
	if (off >= INPUT_BASE && off < INPUT_BASE + (uint64_t)c->inputs * INPUT_STRIDE) {
		unsigned int n = (unsigned int)((off - INPUT_BASE) / INPUT_STRIDE);

		switch ((off - INPUT_BASE) % INPUT_STRIDE) {
		case IN_IRQ_STATUS:
			v = c->irq_status[n];
			break;
		case IN_IRQ_MASK:
			v = c->irq_mask[n];
			break;
		}
	} else {
		switch (off) {
		case REG_ID:
			v = ID_MAGIC;
			break;
		case REG_HW_VERSION:
			v = HW_VERSION;
			break;
		case REG_CAPS:
			v = c->inputs;		/* no firmware: the board's inputs */
			break;
		case REG_SERIAL_LO:
			v = (uint32_t)c->serial;
			break;
		case REG_SERIAL_HI:
			v = (uint32_t)(c->serial >> 32);
			break;
		case REG_IRQ_SUMMARY:
			v = summary(c);
			break;
		case REG_SCRATCH:
			v = c->scratch;
			break;
		}
	}
	pthread_mutex_unlock(&c->lock);
	return v;
}

static void sb_write(void *opaque, uint64_t off, uint32_t val)
{
	struct standin *c = opaque;
	struct vfu_server *fire = NULL;
	unsigned int fire_n = 0;

	pthread_mutex_lock(&c->lock);
	if (off >= INPUT_BASE && off < INPUT_BASE + (uint64_t)c->inputs * INPUT_STRIDE) {
		unsigned int n = (unsigned int)((off - INPUT_BASE) / INPUT_STRIDE);
		bool was = pending(c, n);

		switch ((off - INPUT_BASE) % INPUT_STRIDE) {
		case IN_IRQ_STATUS:
			c->irq_status[n] &= ~val;		/* W1C */
			break;
		case IN_IRQ_MASK:
			c->irq_mask[n] = val & IRQ_BITS;
			break;
		}
		if (!was && pending(c, n)) {
			fire = c->srv;
			fire_n = n;
		}
	} else if (off == REG_SCRATCH) {
		c->scratch = val;
	} else if (off == REG_CONTROL && (val & 1)) {
		/* RESET: masks and clears every interrupt, done at once */
		for (unsigned int n = 0; n < MAX_INPUTS; n++)
			c->irq_status[n] = c->irq_mask[n] = 0;
	}
	pthread_mutex_unlock(&c->lock);
	if (fire)
		vfu_irq(fire, fire_n);
}

static void sb_reset(void *opaque)
{
	struct standin *c = opaque;

	pthread_mutex_lock(&c->lock);
	c->scratch = 0;
	for (unsigned int n = 0; n < MAX_INPUTS; n++)
		c->irq_status[n] = c->irq_mask[n] = 0;
	pthread_mutex_unlock(&c->lock);
}

static bool sb_irq_pending(void *opaque)
{
	struct standin *c = opaque;
	bool v;

	pthread_mutex_lock(&c->lock);
	v = summary(c) != 0;
	pthread_mutex_unlock(&c->lock);
	return v;
}

const struct vfu_dev_ops standin_ops = {
	.bar_read = sb_read,
	.bar_write = sb_write,
	.reset = sb_reset,
	.irq_pending = sb_irq_pending,
};

struct standin *standin_new(uint64_t serial, unsigned int inputs)
{
	struct standin *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	pthread_mutex_init(&c->lock, NULL);
	c->serial = serial;
	c->inputs = inputs > MAX_INPUTS ? MAX_INPUTS : inputs;
	return c;
}

/*
 * With no signal and no DMA, the stand-in still raises FRAME_DONE every
 * 50 ms on each input whose IRQ_MASK enables it, so that a guest can see
 * every interrupt vector delivered (tests/vm/guest/pci/sdi8k-vfio-irq.c).
 */
static void *tick(void *arg)
{
	struct standin *c = arg;
	struct timespec ts = { 0, TICK_NS };

	for (;;) {
		uint32_t due = 0;

		nanosleep(&ts, NULL);
		pthread_mutex_lock(&c->lock);
		if (c->stop) {
			pthread_mutex_unlock(&c->lock);
			return NULL;
		}
		for (unsigned int n = 0; n < c->inputs; n++)
			if (c->irq_mask[n] & IRQ_FRAME_DONE)
				due |= 1u << n;
		pthread_mutex_unlock(&c->lock);
		for (unsigned int n = 0; n < c->inputs; n++)
			if (due & (1u << n))
				standin_raise(c, n, IRQ_FRAME_DONE);
	}
}

void standin_attach(struct standin *c, struct vfu_server *s)
{
	pthread_mutex_lock(&c->lock);
	c->srv = s;
	if (s && !c->ticking) {
		c->stop = false;
		c->ticking = pthread_create(&c->tick, NULL, tick, c) == 0;
	}
	pthread_mutex_unlock(&c->lock);
}

void standin_detach(struct standin *c)
{
	bool join;

	pthread_mutex_lock(&c->lock);
	c->srv = NULL;
	c->stop = true;
	join = c->ticking;
	c->ticking = false;
	pthread_mutex_unlock(&c->lock);
	if (join)
		pthread_join(c->tick, NULL);
}

void standin_raise(struct standin *c, unsigned int input, uint32_t bits)
{
	struct vfu_server *fire = NULL;

	if (input >= c->inputs)
		return;
	pthread_mutex_lock(&c->lock);
	if (!pending(c, input)) {
		c->irq_status[input] |= bits & IRQ_BITS;
		if (pending(c, input))
			fire = c->srv;
	} else {
		c->irq_status[input] |= bits & IRQ_BITS;
	}
	pthread_mutex_unlock(&c->lock);
	if (fire)
		vfu_irq(fire, input);
}

void standin_free(struct standin *c)
{
	if (!c)
		return;
	pthread_mutex_destroy(&c->lock);
	free(c);
}
