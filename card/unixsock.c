// SPDX-License-Identifier: GPL-2.0-only
/* UNIX stream sockets of sdi8k-card: unixsock.h. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "unixsock.h"

static int unix_addr(const char *path, struct sockaddr_un *a)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(a->sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(a->sun_path, path, strlen(path) + 1);
	return 0;
}

int unix_listen(const char *path, int backlog)
{
	struct sockaddr_un a;
	struct stat st;
	int fd, e;

	if (unix_addr(path, &a))
		return -1;
	if (lstat(path, &st) == 0) {
		if (!S_ISSOCK(st.st_mode)) {
			errno = EEXIST;
			return -1;
		}
		unlink(path);	/* a stale socket of an earlier run */
	}
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (bind(fd, (struct sockaddr *)&a, sizeof(a))) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	if (listen(fd, backlog)) {
		e = errno;
		close(fd);
		unlink(path);
		errno = e;
		return -1;
	}
	return fd;
}

int unix_connect(const char *path)
{
	struct sockaddr_un a;
	int fd, e;

	if (unix_addr(path, &a))
		return -1;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&a, sizeof(a))) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}
