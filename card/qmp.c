// SPDX-License-Identifier: GPL-2.0-only
/*
 * Pulling the card out and pushing it back (sdi8k-card --qmp): QEMU's
 * device_del and device_add through its QMP socket, one connection per
 * command (QEMU's -qmp unix:PATH,server=on,wait=off takes one client at a
 * time). QMP is one JSON object a line: a greeting, then a reply
 * ("return" or "error") for each command, with events ("event") in between.
 */
#include "qmp.h"
#include "unixsock.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define QMP_TIMEOUT_MS	10000

/* one line of the connection into line (NUL-terminated, without the '\n') */
static int qmp_line(int fd, char *line, size_t len)
{
	size_t n = 0;

	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		char c;
		ssize_t r;

		if (poll(&p, 1, QMP_TIMEOUT_MS) <= 0)
			return -ETIMEDOUT;
		r = recv(fd, &c, 1, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -ECONNRESET;
		if (c == '\n')
			break;
		if (n + 1 < len)
			line[n++] = c;
	}
	line[n] = 0;
	return 0;
}

/* send cmd, read up to its reply; the reply's error description into err */
static int qmp_exchange(int fd, const char *cmd, char *err, size_t errlen)
{
	char line[4096];
	int r;

	if (send(fd, cmd, strlen(cmd), MSG_NOSIGNAL) != (ssize_t)strlen(cmd))
		return -errno;
	for (;;) {
		r = qmp_line(fd, line, sizeof(line));
		if (r)
			return r;
		if (strstr(line, "\"return\""))
			return 0;
		if (strstr(line, "\"error\"")) {
			const char *d = strstr(line, "\"desc\"");

			snprintf(err, errlen, "%s", d ? d : line);
			return -EIO;
		}
		/* an event: not ours */
	}
}

int qmp_command(const char *path, const char *cmd, char *err, size_t errlen)
{
	char line[4096];
	int fd, r;

	snprintf(err, errlen, "%s", "");
	fd = unix_connect(path);
	if (fd < 0) {
		r = -errno;
		snprintf(err, errlen, "cannot reach QEMU's QMP socket %s: %s", path, strerror(-r));
		return r;
	}
	r = qmp_line(fd, line, sizeof(line));		/* the greeting */
	if (!r && !strstr(line, "\"QMP\""))
		r = -EPROTO;
	if (!r)
		r = qmp_exchange(fd, "{\"execute\":\"qmp_capabilities\"}\n", err, errlen);
	if (!r)
		r = qmp_exchange(fd, cmd, err, errlen);
	if (r && !err[0])
		snprintf(err, errlen, "QMP %s: %s", path, strerror(-r));
	close(fd);
	return r;
}
