// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k-card's host of the card model: what sdi8k-sim.ko's
 * kernel/sdi8k-sim-host.c is in the kernel, in userspace. Registers go
 * straight to the model; the model's DMA goes through the vfio-user
 * server's mappings (refused outside them: the model completes the frame
 * with an error); its interrupts become vfu_irq(). One thread per input
 * paces frames at the signal's rate (sdi8k_sim_input_due/_frame).
 */
#include "model.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sim/sdi8k-sim.h"

struct model_input {
	struct card_model *m;
	unsigned int index;
	pthread_t th;
	bool started;
	bool woken;		/* under m->lock */
	pthread_cond_t cv;
};

struct card_model {
	struct sdi8k_sim *sim;
	struct vfu_server *_Atomic srv;
	pthread_mutex_t lock;	/* woken, stop */
	bool stop;
	unsigned int inputs;
	struct model_input in[SDI8K_MAX_INPUTS];
};

static int env_dma_read(struct sdi8k_sim *sim, u64 addr, void *buf, size_t len)
{
	struct card_model *m = sim->host;
	struct vfu_server *s = m->srv;

	return s ? vfu_dma_read(s, addr, buf, len) : -EFAULT;
}

static int env_dma_write(struct sdi8k_sim *sim, u64 addr, const void *buf, size_t len)
{
	struct card_model *m = sim->host;
	struct vfu_server *s = m->srv;

	return s ? vfu_dma_write(s, addr, buf, len) : -EFAULT;
}

static void env_irq(struct sdi8k_sim *sim, unsigned int input)
{
	struct card_model *m = sim->host;
	struct vfu_server *s = m->srv;

	if (s)
		vfu_irq(s, input);
}

static void env_wake(struct sdi8k_sim *sim, unsigned int input)
{
	struct card_model *m = sim->host;

	if (input >= m->inputs)
		return;
	pthread_mutex_lock(&m->lock);
	m->in[input].woken = true;
	pthread_cond_signal(&m->in[input].cv);
	pthread_mutex_unlock(&m->lock);
}

static const struct sdi8k_sim_env env = {
	.dma_read = env_dma_read,
	.dma_write = env_dma_write,
	.irq = env_irq,
	.wake = env_wake,
};

static void *input_thread(void *arg)
{
	struct model_input *mi = arg;
	struct card_model *m = mi->m;
	struct sdi8k_sim_input *si = &m->sim->inputs[mi->index];

	for (;;) {
		ktime_t due, ts;
		u64 frame;

		pthread_mutex_lock(&m->lock);
		mi->woken = false;
		if (m->stop) {
			pthread_mutex_unlock(&m->lock);
			break;
		}
		pthread_mutex_unlock(&m->lock);
		if (sdi8k_sim_input_due(si, ktime_get(), &due, &frame, &ts)) {
			sdi8k_sim_input_frame(si, frame, ts);
			continue;
		}
		pthread_mutex_lock(&m->lock);
		while (!mi->woken && !m->stop) {
			if (due == KTIME_MAX) {
				pthread_cond_wait(&mi->cv, &m->lock);
			} else {
				struct timespec t = { .tv_sec = due / NSEC_PER_SEC,
						      .tv_nsec = due % NSEC_PER_SEC };

				if (pthread_cond_timedwait(&mi->cv, &m->lock, &t) == ETIMEDOUT)
					break;
			}
		}
		pthread_mutex_unlock(&m->lock);
	}
	sdi8k_sim_input_idle(si);
	return NULL;
}

static uint32_t m_read(void *opaque, uint64_t off)
{
	struct card_model *m = opaque;

	return sdi8k_sim_read(m->sim, (u32)off);
}

static void m_write(void *opaque, uint64_t off, uint32_t val)
{
	struct card_model *m = opaque;

	sdi8k_sim_write(m->sim, (u32)off, val);
}

static void m_reset(void *opaque)
{
	struct card_model *m = opaque;

	/* a function level reset: the card as at power-up, firmware gone */
	sdi8k_sim_power_cycle(m->sim);
}

static bool m_irq_pending(void *opaque)
{
	struct card_model *m = opaque;

	return sdi8k_sim_read(m->sim, SDI8K_REG_IRQ_SUMMARY) != 0;
}

const struct vfu_dev_ops card_model_ops = {
	.bar_read = m_read,
	.bar_write = m_write,
	.reset = m_reset,
	.irq_pending = m_irq_pending,
};

struct card_model *card_model_new(uint64_t serial, unsigned int inputs)
{
	struct card_model *m = calloc(1, sizeof(*m));

	if (!m)
		return NULL;
	if (inputs < 1 || inputs > SDI8K_MAX_INPUTS)
		inputs = SDI8K_MAX_INPUTS;
	m->inputs = inputs;
	pthread_mutex_init(&m->lock, NULL);
	for (unsigned int n = 0; n < inputs; n++) {
		pthread_condattr_t a;

		pthread_condattr_init(&a);
		pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
		pthread_cond_init(&m->in[n].cv, &a);
		pthread_condattr_destroy(&a);
		m->in[n].m = m;
		m->in[n].index = n;
	}
	m->sim = sdi8k_sim_create(&env, m, "sdi8k-card", serial, inputs);
	if (!m->sim) {
		card_model_free(m);
		return NULL;
	}
	return m;
}

int card_model_start(struct card_model *m, struct vfu_server *s)
{
	m->srv = s;
	m->stop = false;
	for (unsigned int n = 0; n < m->inputs; n++) {
		int e = pthread_create(&m->in[n].th, NULL, input_thread, &m->in[n]);

		if (e) {
			card_model_stop(m);
			return -e;
		}
		m->in[n].started = true;
	}
	return 0;
}

void card_model_stop(struct card_model *m)
{
	pthread_mutex_lock(&m->lock);
	m->stop = true;
	for (unsigned int n = 0; n < m->inputs; n++)
		pthread_cond_signal(&m->in[n].cv);
	pthread_mutex_unlock(&m->lock);
	for (unsigned int n = 0; n < m->inputs; n++) {
		if (m->in[n].started)
			pthread_join(m->in[n].th, NULL);
		m->in[n].started = false;
	}
	m->srv = NULL;
}

void card_model_free(struct card_model *m)
{
	if (!m)
		return;
	if (m->sim)
		sdi8k_sim_destroy(m->sim);
	for (unsigned int n = 0; n < m->inputs; n++)
		pthread_cond_destroy(&m->in[n].cv);
	pthread_mutex_destroy(&m->lock);
	free(m);
}

/*
 * card_model_word - run one scripting word (docs/simulator.md) on the model:
 * "NAME" or "inputN/NAME" shows the value into out (its lines, as the
 * debugfs file reads), "... VALUE" stores it.
 */
int card_model_word(struct card_model *m, const char *cmd, char *out, size_t len)
{
	const struct sdi8k_sim_word *w;
	struct sdi8k_sim_input *si = NULL;
	char name[64];
	const char *val;
	size_t n;

	if (!len)
		return -EINVAL;
	out[0] = 0;
	n = strcspn(cmd, " \t");
	if (!n || n >= sizeof(name))
		return -ENOENT;
	memcpy(name, cmd, n);
	name[n] = 0;
	val = cmd + n;
	val += strspn(val, " \t");
	if (!strncmp(name, "input", 5)) {
		char *end;
		unsigned long i = strtoul(name + 5, &end, 10);

		if (end == name + 5 || *end != '/' || i >= m->inputs)
			return -ENOENT;
		si = &m->sim->inputs[i];
		w = sdi8k_sim_find_word(end + 1, true);
	} else {
		w = sdi8k_sim_find_word(name, false);
	}
	if (!w || (w->quad_only && m->inputs < 4))
		return -ENOENT;
	if (!*val) {
		int r = w->show(m->sim, si, out, len);

		return r < 0 ? r : 0;
	}
	if (!w->store)
		return -EPERM;
	return w->store(m->sim, si, val);
}

/* card_model_words - every scripting word of this card, a line each */
void card_model_words(struct card_model *m, char *out, size_t len)
{
	size_t o = 0;

	if (!len)
		return;
	out[0] = 0;
	for (unsigned int k = 0; k < sdi8k_sim_num_words && o < len; k++) {
		const struct sdi8k_sim_word *w = &sdi8k_sim_words[k];
		int r;

		if (w->quad_only && m->inputs < 4)
			continue;
		r = snprintf(out + o, len - o, "%s%s%s\n", w->per_input ? "inputN/" : "",
			     w->name, w->store ? "" : " (read-only)");
		if (r < 0)
			break;
		o += (size_t)r;
	}
}
