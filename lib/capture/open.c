// SPDX-License-Identifier: LGPL-2.1-or-later
/* Opening and closing a capture node; the error helpers of the handle. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <libv4l2.h>

#include "common/error.h"
#include "capture/internal.h"

int cap_fail(const struct sdi8k_capture *c, int err, const char *fmt, ...)
{
	char msg[192];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (c->name[0])
		return sdi8k__fail(err, "%s (%s): %s", c->node, c->name, msg);
	return sdi8k__fail(err, "%s: %s", c->node, msg);
}

int cap_ioctl(const struct sdi8k_capture *c, unsigned long req, void *arg)
{
	int r;

	do {
		r = v4l2_ioctl(c->fd, req, arg);
	} while (r < 0 && errno == EINTR);
	return r < 0 ? -errno : 0;
}

/* Check the node is an sdi8k capture node; fill c->name. */
static int cap_check_device(struct sdi8k_capture *c)
{
	struct v4l2_capability cap;
	struct v4l2_event_subscription sub;
	uint32_t caps;
	int err;

	memset(&cap, 0, sizeof(cap));
	err = cap_ioctl(c, VIDIOC_QUERYCAP, &cap);
	if (err == -ENOTTY || err == -EINVAL)
		return cap_fail(c, -ENODEV, "not a V4L2 device (VIDIOC_QUERYCAP: %s)",
				strerror(-err));
	if (err)
		return cap_fail(c, err == -ENODEV ? -ENODEV : -EIO,
				"VIDIOC_QUERYCAP: %s", strerror(-err));
	caps = cap.capabilities & V4L2_CAP_DEVICE_CAPS ? cap.device_caps :
							  cap.capabilities;
	if (strncmp((const char *)cap.driver, "sdi8k", sizeof(cap.driver)))
		return cap_fail(c, -ENODEV, "not an sdi8k input (driver \"%.16s\")",
				(const char *)cap.driver);
	if (!(caps & V4L2_CAP_VIDEO_CAPTURE) || !(caps & V4L2_CAP_STREAMING))
		return cap_fail(c, -ENODEV, "not a video capture node with streaming");

	memset(&sub, 0, sizeof(sub));
	sub.type = V4L2_EVENT_SOURCE_CHANGE;
	err = cap_ioctl(c, VIDIOC_SUBSCRIBE_EVENT, &sub);
	if (err)
		return cap_fail(c, -EIO, "subscribing to source-change events: %s",
				strerror(-err));
	return 0;
}

/* Before libv4l2 sees fd: a character device that answers QUERYCAP. */
static int cap_precheck(struct sdi8k_capture *c, int fd)
{
	struct v4l2_capability cap;
	struct stat st;
	int err;

	if (fstat(fd, &st))
		return cap_fail(c, -EIO, "fstat: %s", strerror(errno));
	if (!S_ISCHR(st.st_mode))
		return cap_fail(c, -ENODEV, "not a device node (%s)",
				S_ISDIR(st.st_mode) ? "a directory" :
				S_ISREG(st.st_mode) ? "a regular file" : "not a character device");
	memset(&cap, 0, sizeof(cap));
	do {
		err = ioctl(fd, VIDIOC_QUERYCAP, &cap) ? -errno : 0;
	} while (err == -EINTR);
	if (err == -ENOTTY || err == -EINVAL)
		return cap_fail(c, -ENODEV, "not a V4L2 device (VIDIOC_QUERYCAP: %s)",
				strerror(-err));
	if (err)
		return cap_fail(c, err == -ENODEV ? -ENODEV : -EIO,
				"VIDIOC_QUERYCAP: %s", strerror(-err));
	return 0;
}

/* The video4linux name of the node ("sdi8k-0 input 1"), if sysfs has it. */
static void cap_sysfs_name(struct sdi8k_capture *c)
{
	struct stat st;
	char path[96];
	FILE *f;

	if (fstat(c->fd, &st) || !S_ISCHR(st.st_mode))
		return;
	snprintf(path, sizeof(path), "/sys/dev/char/%u:%u/name",
		 major(st.st_rdev), minor(st.st_rdev));
	f = fopen(path, "re");
	if (!f)
		return;
	if (fgets(c->name, sizeof(c->name), f))
		c->name[strcspn(c->name, "\n")] = '\0';
	else
		c->name[0] = '\0';
	fclose(f);
}

SDI8K_API int sdi8k_capture_open(const char *node, struct sdi8k_capture **out)
{
	struct sdi8k_capture *c;
	int fd, err;

	if (out)
		*out = NULL;
	if (!node || !out)
		return sdi8k__fail(-EINVAL, "sdi8k_capture_open: NULL %s",
				   node ? "out" : "node");
	c = calloc(1, sizeof(*c));
	if (!c)
		return sdi8k__fail(-ENOMEM, "%s: out of memory", node);
	snprintf(c->node, sizeof(c->node), "%s", node);
	c->fd = -1;
	for (unsigned i = 0; i < CAP_MAX_BUFFERS; i++)
		c->buf[i].dmabuf_fd = -1;

	fd = open(node, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		cap_fail(c, err, "cannot open: %s", strerror(-err));
		free(c);
		return err;
	}
	/*
	 * Check it is a V4L2 node with a plain ioctl first: libv4l2 prints
	 * to stderr about nodes it cannot query, and a library must not.
	 */
	err = cap_precheck(c, fd);
	if (err) {
		close(fd);
		free(c);
		return err;
	}
	/* libv4l2 then passes everything through: no emulation, no copies */
	c->fd = v4l2_fd_open(fd, V4L2_DISABLE_CONVERSION);
	if (c->fd < 0) {
		err = -errno;
		close(fd);
		cap_fail(c, -EIO, "v4l2_fd_open: %s", strerror(-err));
		free(c);
		return -EIO;
	}
	err = cap_check_device(c);
	if (err) {
		v4l2_close(c->fd);
		free(c);
		return err;
	}
	cap_sysfs_name(c);
	sdi8k__clear_error();
	*out = c;
	return 0;
}

SDI8K_API void sdi8k_capture_close(struct sdi8k_capture *c)
{
	if (!c)
		return;
	if (c->streaming)
		sdi8k_capture_stop(c);
	v4l2_close(c->fd);
	free(c);
}

SDI8K_API int sdi8k_capture_fd(const struct sdi8k_capture *c)
{
	return c ? c->fd : -1;
}

SDI8K_API const char *sdi8k_capture_name(const struct sdi8k_capture *c)
{
	return c ? c->name : "";
}
