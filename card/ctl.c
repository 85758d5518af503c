// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k-card's control socket (--ctl PATH): the model's scripting words
 * (docs/simulator.md), the same words sdi8k-sim.ko offers as debugfs files,
 * over a UNIX stream socket. A test on the host (`sdi8k-card ctl PATH WORD
 * [VALUE]`) or in the guest (QEMU's virtio-serial port bound to the socket,
 * tests/vm/run-pci.sh) scripts the PCI card as it scripts the simulated one.
 *
 * Protocol: one request a line, "WORD" (show) or "WORD VALUE" (store), WORD
 * being a card's word ("gone") or an input's ("input0/signal"); "words"
 * lists them; "unplug" and "plug" pull the card out of its slot and push
 * it back (with --qmp: QEMU's device_del and device_add). The reply is the value's lines, if any, then one status line:
 * "ok" or "error ERRNO-NAME: message". A request longer than CTL_LINE_MAX
 * is refused and the connection closed; every client has a thread of its
 * own, at most CTL_CLIENTS at once.
 */
#include "ctl.h"
#include "unixsock.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "model.h"

#define CTL_LINE_MAX	256
#define CTL_REPLY_MAX	4096
#define CTL_CLIENTS	8

struct card_ctl {
	struct card_model *m;
	struct card_ctl_hooks hooks;
	int lfd;
	int stop_pipe[2];
	pthread_t th;
	atomic_int clients;
	pthread_mutex_t lock;	/* fds[] */
	int fds[CTL_CLIENTS];
	pthread_t cth[CTL_CLIENTS];
	bool cstarted[CTL_CLIENTS];
};

struct ctl_client {
	struct card_ctl *c;
	int fd;
};

static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = send(fd, buf, len, MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

static const char *err_name(int e)
{
	switch (e) {
	case ENOENT: return "ENOENT";
	case EPERM: return "EPERM";
	case EINVAL: return "EINVAL";
	case EBUSY: return "EBUSY";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case ENOMEM: return "ENOMEM";
	default: return "EIO";
	}
}

static void *client_thread(void *arg)
{
	struct ctl_client *cl = arg;
	struct card_ctl *c = cl->c;
	char line[CTL_LINE_MAX + 1], reply[CTL_REPLY_MAX + 128];
	size_t have = 0;

	for (;;) {
		char *nl;
		ssize_t n;

		nl = memchr(line, '\n', have);
		if (!nl) {
			if (have >= CTL_LINE_MAX) {
				write_all(cl->fd, "error EINVAL: request too long\n", 31);
				break;
			}
			n = recv(cl->fd, line + have, CTL_LINE_MAX - have, 0);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			have += (size_t)n;
			continue;
		}
		*nl = 0;
		{
			char *req = line, *end = nl;
			char val[CTL_REPLY_MAX], why[512] = "";
			int r = 0;
			size_t o;

			while (end > req && (end[-1] == '\r' || end[-1] == ' ' || end[-1] == '\t'))
				*--end = 0;
			req += strspn(req, " \t");
			val[0] = 0;
			if (!*req) {
				r = -EINVAL;
			} else if (!strcmp(req, "words")) {
				card_model_words(c->m, val, sizeof(val));
			} else if (!strcmp(req, "bus")) {
				r = c->hooks.bus ? c->hooks.bus(val, sizeof(val)) : -EOPNOTSUPP;
			} else if (!strcmp(req, "unplug") || !strcmp(req, "plug")) {
				if (!c->hooks.plug) {
					r = -EOPNOTSUPP;
					snprintf(why, sizeof(why), "no hot plug (sdi8k-card --qmp)");
				} else {
					r = c->hooks.plug(c->hooks.opaque, req[0] == 'p', why, sizeof(why));
				}
			} else {
				r = card_model_word(c->m, req, val, sizeof(val));
			}
			o = strlen(val);
			if (r == 0 && o && val[o - 1] != '\n' && o + 1 < sizeof(val)) {
				val[o++] = '\n';
				val[o] = 0;
			}
			if (r == 0)
				snprintf(reply, sizeof(reply), "%sok\n", val);
			else
				snprintf(reply, sizeof(reply), "error %s: %s\n", err_name(-r),
					 why[0] ? why :
					 r == -ENOENT ? "no such word" :
					 r == -EPERM ? "read-only word" :
					 r == -EINVAL ? "not a value of this word" : strerror(-r));
			if (write_all(cl->fd, reply, strlen(reply)))
				break;
		}
		have -= (size_t)(nl + 1 - line);
		memmove(line, nl + 1, have);
	}
	pthread_mutex_lock(&c->lock);
	for (unsigned int i = 0; i < CTL_CLIENTS; i++)
		if (c->fds[i] == cl->fd)
			c->fds[i] = -1;
	pthread_mutex_unlock(&c->lock);
	close(cl->fd);
	atomic_fetch_sub(&c->clients, 1);
	free(cl);
	return NULL;
}

static void *accept_thread(void *arg)
{
	struct card_ctl *c = arg;

	for (;;) {
		struct ctl_client *cl;
		fd_set rd;
		int fd, slot = -1;

		FD_ZERO(&rd);
		FD_SET(c->lfd, &rd);
		FD_SET(c->stop_pipe[0], &rd);
		if (select((c->lfd > c->stop_pipe[0] ? c->lfd : c->stop_pipe[0]) + 1,
			   &rd, NULL, NULL, NULL) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (FD_ISSET(c->stop_pipe[0], &rd))
			break;
		fd = accept(c->lfd, NULL, NULL);
		if (fd < 0)
			continue;
		pthread_mutex_lock(&c->lock);
		for (int i = 0; i < CTL_CLIENTS; i++) {
			if (c->fds[i] < 0 && !c->cstarted[i]) {
				slot = i;
				break;
			}
		}
		if (slot < 0) {
			/* reap the slots of clients gone */
			for (int i = 0; i < CTL_CLIENTS; i++) {
				if (c->fds[i] < 0 && c->cstarted[i]) {
					pthread_join(c->cth[i], NULL);
					c->cstarted[i] = false;
					if (slot < 0)
						slot = i;
				}
			}
		}
		cl = slot >= 0 ? malloc(sizeof(*cl)) : NULL;
		if (!cl) {
			pthread_mutex_unlock(&c->lock);
			write_all(fd, "error EBUSY: too many clients\n", 30);
			close(fd);
			continue;
		}
		cl->c = c;
		cl->fd = fd;
		c->fds[slot] = fd;
		atomic_fetch_add(&c->clients, 1);
		if (pthread_create(&c->cth[slot], NULL, client_thread, cl)) {
			c->fds[slot] = -1;
			atomic_fetch_sub(&c->clients, 1);
			pthread_mutex_unlock(&c->lock);
			close(fd);
			free(cl);
			continue;
		}
		c->cstarted[slot] = true;
		pthread_mutex_unlock(&c->lock);
	}
	return NULL;
}

struct card_ctl *card_ctl_start(const char *path, struct card_model *m,
				const struct card_ctl_hooks *hooks)
{
	struct card_ctl *c = calloc(1, sizeof(*c));
	int e;

	if (!c)
		return NULL;
	c->m = m;
	if (hooks)
		c->hooks = *hooks;
	c->lfd = -1;
	c->stop_pipe[0] = c->stop_pipe[1] = -1;
	pthread_mutex_init(&c->lock, NULL);
	for (int i = 0; i < CTL_CLIENTS; i++)
		c->fds[i] = -1;
	c->lfd = unix_listen(path, 4);
	if (c->lfd < 0 || pipe(c->stop_pipe))
		goto fail;
	e = pthread_create(&c->th, NULL, accept_thread, c);
	if (e) {
		errno = e;
		goto fail;
	}
	return c;
fail:
	e = errno;
	if (c->lfd >= 0) {
		close(c->lfd);
		unlink(path);
	}
	if (c->stop_pipe[0] >= 0) {
		close(c->stop_pipe[0]);
		close(c->stop_pipe[1]);
	}
	pthread_mutex_destroy(&c->lock);
	free(c);
	errno = e;
	return NULL;
}

void card_ctl_stop(struct card_ctl *c)
{
	struct sockaddr_un a;
	socklen_t alen = sizeof(a);

	if (!c)
		return;
	if (write(c->stop_pipe[1], "x", 1) != 1)
		perror("sdi8k-card: stopping the control socket");
	pthread_join(c->th, NULL);
	/* end the clients: their recv() returns */
	pthread_mutex_lock(&c->lock);
	for (int i = 0; i < CTL_CLIENTS; i++)
		if (c->fds[i] >= 0)
			shutdown(c->fds[i], SHUT_RDWR);
	pthread_mutex_unlock(&c->lock);
	for (int i = 0; i < CTL_CLIENTS; i++)
		if (c->cstarted[i])
			pthread_join(c->cth[i], NULL);
	if (!getsockname(c->lfd, (struct sockaddr *)&a, &alen) && a.sun_path[0])
		unlink(a.sun_path);
	close(c->lfd);
	close(c->stop_pipe[0]);
	close(c->stop_pipe[1]);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

int card_ctl_client(const char *path, int argc, char **argv)
{
	char req[CTL_LINE_MAX + 2], buf[CTL_REPLY_MAX + 128];
	size_t o = 0, have = 0;
	int fd;

	if (argc < 1 || argc > 2) {
		fprintf(stderr, "usage: sdi8k-card ctl PATH WORD [VALUE]\n");
		return 2;
	}
	for (int i = 0; i < argc; i++) {
		int r;

		if (strpbrk(argv[i], "\n\r")) {
			fprintf(stderr, "sdi8k-card ctl: no line breaks in a request\n");
			return 2;
		}
		r = snprintf(req + o, sizeof(req) - o, "%s%s", i ? " " : "", argv[i]);
		if (r < 0 || (size_t)r >= sizeof(req) - o - 1) {
			fprintf(stderr, "sdi8k-card ctl: request longer than %d bytes\n", CTL_LINE_MAX);
			return 2;
		}
		o += (size_t)r;
	}
	req[o++] = '\n';
	fd = unix_connect(path);
	if (fd < 0) {
		fprintf(stderr, "sdi8k-card ctl: cannot connect to %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (write_all(fd, req, o)) {
		fprintf(stderr, "sdi8k-card ctl: %s: %s\n", path, strerror(errno));
		close(fd);
		return 1;
	}
	/* the reply ends with its status line */
	for (;;) {
		char *last;
		ssize_t n;

		buf[have] = 0;
		last = have && buf[have - 1] == '\n' ? buf + have - 1 : NULL;
		if (last) {
			char *start = last;

			while (start > buf && start[-1] != '\n')
				start--;
			if (!strncmp(start, "ok\n", 3) || !strncmp(start, "error ", 6)) {
				bool ok = start[0] == 'o';

				fwrite(buf, 1, (size_t)(start - buf), stdout);
				if (!ok)
					fprintf(stderr, "sdi8k-card ctl: %s: %.*s\n", argv[0],
						(int)(last - start), start);
				close(fd);
				return ok ? 0 : 1;
			}
		}
		if (have >= sizeof(buf) - 1)
			break;
		n = recv(fd, buf + have, sizeof(buf) - 1 - have, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		have += (size_t)n;
	}
	fprintf(stderr, "sdi8k-card ctl: %s: the card closed the connection without a reply\n", path);
	close(fd);
	return 1;
}
