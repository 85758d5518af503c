/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* libsdi8k internals: the status and metadata-stream API (<sdi8k/status.h>). */
#ifndef SDI8K_STATUS_INTERNAL_H
#define SDI8K_STATUS_INTERNAL_H

#include <stddef.h>

/*
 * The sysfs name of a V4L2 node ("sdi8k-0 input 1") into name[size],
 * newline stripped: 0, or -ENOENT / -ENODEV (not a video4linux node) with
 * a message naming node.
 */
int st_node_name(const char *node, char *name, size_t size);

/*
 * The /dev path of the video4linux node whose sysfs name is name, into
 * path[size]: 0, or -ENOENT with a message.
 */
int st_find_node_by_name(const char *name, char *path, size_t size);

/* ioctl() retried on EINTR: 0 or -errno. */
int st_ioctl(int fd, unsigned long req, void *arg);

#endif
