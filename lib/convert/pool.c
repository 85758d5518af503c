// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A small persistent pool of worker threads, so that splitting a frame
 * across threads does not cost a pthread_create() per frame and thread
 * (tens of microseconds: a third of a 1080p conversion).
 *
 * Workers are started on first need (up to the number asked for, at most
 * POOL_MAX) and then sleep on a condition variable. One call at a time
 * uses the pool; a call that finds it busy (another thread converting at
 * the same time) runs its jobs on threads of its own instead, as does a
 * call when a worker cannot be started. Jobs are taken with an atomic
 * counter by the caller and the workers alike, so a worker that wakes
 * late only finds less to do. After fork() the child starts with an
 * empty pool; unloading the library stops the workers.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "internal.h"

#define POOL_MAX 63

struct batch {
	void (*fn)(void *ctx, unsigned i);
	void *ctx;
	unsigned n;
	atomic_uint next;  /* next job to take */
	unsigned done;     /* jobs finished (under the lock) */
	unsigned seats;    /* workers that may still join (under the lock) */
};

static struct {
	pthread_mutex_t lock;
	pthread_cond_t wake, idle;
	pthread_t th[POOL_MAX];
	unsigned nth;
	unsigned gen;       /* bumped for every batch */
	struct batch *b;    /* current batch, NULL between batches */
	unsigned active;    /* workers inside the current batch */
	int busy, quit;
} pool = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.wake = PTHREAD_COND_INITIALIZER,
	.idle = PTHREAD_COND_INITIALIZER,
};

static pthread_once_t atfork_once = PTHREAD_ONCE_INIT;

/* Take jobs until there are none left; returns how many were done. */
static unsigned drain(struct batch *b)
{
	unsigned k = 0, i;

	while ((i = atomic_fetch_add(&b->next, 1)) < b->n) {
		b->fn(b->ctx, i);
		k++;
	}
	return k;
}

/* arg: the generation when the worker was started (the batch it is
 * started for is the next one) */
static void *worker(void *arg)
{
	unsigned seen = (unsigned)(uintptr_t)arg;

	pthread_mutex_lock(&pool.lock);
	for (;;) {
		struct batch *b;
		unsigned k;

		while (pool.gen == seen && !pool.quit)
			pthread_cond_wait(&pool.wake, &pool.lock);
		if (pool.quit)
			break;
		seen = pool.gen;
		b = pool.b;
		if (!b || !b->seats)
			continue; /* between batches, or enough helpers */
		b->seats--;
		pool.active++;
		pthread_mutex_unlock(&pool.lock);
		k = drain(b);
		/* order this worker's (possibly non-temporal) stores */
		atomic_thread_fence(memory_order_seq_cst);
		pthread_mutex_lock(&pool.lock);
		b->done += k;
		pool.active--;
		if (b->done == b->n || !pool.active)
			pthread_cond_broadcast(&pool.idle);
	}
	pthread_mutex_unlock(&pool.lock);
	return NULL;
}

static void child_after_fork(void)
{
	/* the workers do not exist in the child */
	pthread_mutex_init(&pool.lock, NULL);
	pthread_cond_init(&pool.wake, NULL);
	pthread_cond_init(&pool.idle, NULL);
	pool.nth = 0;
	pool.b = NULL;
	pool.active = 0;
	pool.busy = 0;
	pool.quit = 0;
}

static void register_atfork(void)
{
	pthread_atfork(NULL, NULL, child_after_fork);
}

__attribute__((destructor)) static void pool_stop(void)
{
	unsigned i, n;

	pthread_mutex_lock(&pool.lock);
	pool.quit = 1;
	n = pool.nth;
	pthread_cond_broadcast(&pool.wake);
	pthread_mutex_unlock(&pool.lock);
	for (i = 0; i < n; i++)
		pthread_join(pool.th[i], NULL);
	pool.nth = 0;
}

/* Fallback: threads of our own for this call. */
struct own {
	struct batch *b;
	unsigned k;
};

static void *own_thread(void *arg)
{
	struct own *o = arg;

	o->k = drain(o->b);
	atomic_thread_fence(memory_order_seq_cst);
	return NULL;
}

static void run_own(struct batch *b, unsigned helpers)
{
	pthread_t th[POOL_MAX];
	struct own o[POOL_MAX];
	int started[POOL_MAX];
	unsigned i;

	for (i = 0; i < helpers; i++) {
		o[i].b = b;
		started[i] = !pthread_create(&th[i], NULL, own_thread, &o[i]);
	}
	drain(b);
	for (i = 0; i < helpers; i++)
		if (started[i])
			pthread_join(th[i], NULL);
	atomic_thread_fence(memory_order_seq_cst);
}

void sdi8k__pool_run(unsigned n, unsigned threads,
		     void (*fn)(void *ctx, unsigned i), void *ctx)
{
	struct batch b = { .fn = fn, .ctx = ctx, .n = n };
	unsigned k;
	unsigned helpers = threads > 1 ? threads - 1 : 0;

	atomic_init(&b.next, 0);
	if (helpers > n - 1)
		helpers = n ? n - 1 : 0;
	if (helpers > POOL_MAX)
		helpers = POOL_MAX;
	if (!helpers) {
		drain(&b);
		return;
	}
	pthread_once(&atfork_once, register_atfork);
	pthread_mutex_lock(&pool.lock);
	if (pool.busy || pool.quit) {
		pthread_mutex_unlock(&pool.lock);
		run_own(&b, helpers);
		return;
	}
	while (pool.nth < helpers &&
	       !pthread_create(&pool.th[pool.nth], NULL, worker,
			       (void *)(uintptr_t)pool.gen))
		pool.nth++;
	if (!pool.nth) {
		pthread_mutex_unlock(&pool.lock);
		run_own(&b, helpers);
		return;
	}
	pool.busy = 1;
	b.seats = helpers;
	pool.b = &b;
	pool.gen++;
	pthread_cond_broadcast(&pool.wake);
	pthread_mutex_unlock(&pool.lock);

	k = drain(&b);
	atomic_thread_fence(memory_order_seq_cst);
	pthread_mutex_lock(&pool.lock);
	b.done += k;
	/* every job done and no worker still inside the batch */
	while (b.done < b.n || pool.active)
		pthread_cond_wait(&pool.idle, &pool.lock);
	pool.b = NULL;
	pool.busy = 0;
	pthread_mutex_unlock(&pool.lock);
	atomic_thread_fence(memory_order_seq_cst);
}
