// SPDX-License-Identifier: LGPL-2.1-or-later
/* libsdi8k: V4L2 nodes by sysfs name, for the status API. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "common/error.h"
#include "status/internal.h"

int st_ioctl(int fd, unsigned long req, void *arg)
{
	int r;

	do
		r = ioctl(fd, req, arg);
	while (r < 0 && errno == EINTR);
	return r < 0 ? -errno : 0;
}

static int read_line(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "re");
	size_t n;

	if (!f)
		return -errno;
	if (!fgets(buf, (int)size, f)) {
		fclose(f);
		return -EIO;
	}
	fclose(f);
	n = strlen(buf);
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	return 0;
}

int st_node_name(const char *node, char *name, size_t size)
{
	struct stat sb;
	char path[128];

	if (stat(node, &sb) < 0)
		return sdi8k__fail(-errno, "%s: %s", node, strerror(errno));
	if (!S_ISCHR(sb.st_mode))
		return sdi8k__fail(-ENODEV, "%s: not a character device", node);
	snprintf(path, sizeof(path), "/sys/dev/char/%u:%u/name",
		 major(sb.st_rdev), minor(sb.st_rdev));
	if (read_line(path, name, size) < 0)
		return sdi8k__fail(-ENODEV, "%s: not a video4linux node (no %s)",
				   node, path);
	return 0;
}

int st_find_node_by_name(const char *name, char *path, size_t size)
{
	DIR *d = opendir("/sys/class/video4linux");
	struct dirent *e;
	char p[300], n[128];

	if (!d)
		return sdi8k__fail(-ENOENT, "no /sys/class/video4linux: %s",
				   strerror(errno));
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "/sys/class/video4linux/%s/name", e->d_name);
		if (read_line(p, n, sizeof(n)) < 0 || strcmp(n, name))
			continue;
		snprintf(path, size, "/dev/%s", e->d_name);
		closedir(d);
		return 0;
	}
	closedir(d);
	return sdi8k__fail(-ENOENT, "no video4linux node named \"%s\"", name);
}
