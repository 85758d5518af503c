// SPDX-License-Identifier: LGPL-2.1-or-later
/* Safe output files: temporary file + rename, or standard output. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "common/outfile.h"

int outfile_open(struct outfile *o, const char *path, char *msg, size_t msglen)
{
	char dir[4096], base[4096];
	struct stat st;
	mode_t um;
	int err;

	memset(o, 0, sizeof(*o));
	o->fd = -1;
	if (!path || !*path) {
		snprintf(msg, msglen, "empty output name");
		return -EINVAL;
	}
	if (strlen(path) >= sizeof(o->path) - 16) {
		snprintf(msg, msglen, "output name too long");
		return -ENAMETOOLONG;
	}
	snprintf(o->path, sizeof(o->path), "%s", path);
	if (!strcmp(path, "-")) {
		if (isatty(STDOUT_FILENO)) {
			snprintf(msg, msglen, "standard output is a terminal: "
				 "redirect it or use -o FILE");
			return -EINVAL;
		}
		o->fd = STDOUT_FILENO;
		o->is_stdout = 1;
		return 0;
	}
	if (!stat(path, &st) && S_ISDIR(st.st_mode)) {
		snprintf(msg, msglen, "%s: is a directory", path);
		return -EISDIR;
	}
	/* not a regular file (a FIFO, /dev/null): write to it directly */
	if (!stat(path, &st) && !S_ISREG(st.st_mode)) {
		o->fd = open(path, O_WRONLY | O_CLOEXEC);
		if (o->fd < 0) {
			err = -errno;
			snprintf(msg, msglen, "%s: %s", path, strerror(-err));
			return err;
		}
		return 0;
	}
	snprintf(dir, sizeof(dir), "%s", path);
	snprintf(base, sizeof(base), "%s", path);
	snprintf(o->tmp, sizeof(o->tmp), "%s/.%s.XXXXXX", dirname(dir),
		 basename(base));
	o->fd = mkostemp(o->tmp, O_CLOEXEC);
	if (o->fd < 0) {
		err = -errno;
		snprintf(msg, msglen, "%s: cannot create a file in %s: %s", path,
			 dirname(strcpy(dir, path)), strerror(-err));
		o->tmp[0] = '\0';
		return err;
	}
	um = umask(0);
	umask(um);
	fchmod(o->fd, 0666 & ~um);
	return 0;
}

int outfile_write(struct outfile *o, const void *buf, size_t len, char *msg,
		  size_t msglen)
{
	const char *p = buf;

	if (o->err)
		return o->err;
	while (len) {
		ssize_t n = write(o->fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			o->err = n < 0 ? -errno : -EIO;
			if (o->err == -EPIPE)
				snprintf(msg, msglen, "%s: the reader closed the pipe",
					 outfile_name(o));
			else
				snprintf(msg, msglen, "%s: write failed: %s",
					 outfile_name(o), strerror(-o->err));
			return o->err;
		}
		p += n;
		len -= n;
		o->bytes += n;
	}
	return 0;
}

int outfile_commit(struct outfile *o, char *msg, size_t msglen)
{
	int err = 0;

	if (o->fd < 0)
		return 0;
	if (o->is_stdout) {
		o->fd = -1;
		return 0;
	}
	if (close(o->fd)) {
		err = -errno;
		o->fd = -1;
		snprintf(msg, msglen, "%s: closing failed: %s", outfile_name(o),
			 strerror(-err));
		outfile_abort(o);
		return err;
	}
	o->fd = -1;
	if (o->tmp[0] && rename(o->tmp, o->path)) {
		err = -errno;
		snprintf(msg, msglen, "%s: renaming %s into place failed: %s",
			 o->path, o->tmp, strerror(-err));
		outfile_abort(o);
		return err;
	}
	o->tmp[0] = '\0';
	return 0;
}

void outfile_abort(struct outfile *o)
{
	if (o->fd >= 0 && !o->is_stdout)
		close(o->fd);
	o->fd = -1;
	if (o->tmp[0])
		unlink(o->tmp);
	o->tmp[0] = '\0';
}

const char *outfile_name(const struct outfile *o)
{
	return o->is_stdout ? "standard output" : o->path;
}

int64_t outfile_seek(struct outfile *o, int64_t offset, int whence)
{
	off_t r = lseek(o->fd, (off_t)offset, whence);

	return r < 0 ? -errno : (int64_t)r;
}

int outfile_io_write(void *io, const uint8_t *buf, size_t len)
{
	char m[256];

	return outfile_write(io, buf, len, m, sizeof(m));
}

int64_t outfile_io_seek(void *io, int64_t offset, int whence)
{
	return outfile_seek(io, offset, whence);
}
