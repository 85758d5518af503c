// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k-buffer-budget SYSFS NODE...: ask every node (video or metadata)
 * for as much MMAP buffer memory as a hostile client would: REQBUFS 256,
 * then CREATE_BUFS of 64 buffers of the largest size the node takes
 * (8K Y210 frames, 16 MiB metadata buffers) again and again until refused
 * (ENOMEM past the budget, ENOBUFS at vb2's own limit of buffers); before
 * that, one CREATE_BUFS of a size past the largest, which must be refused
 * with EINVAL. Holding all of it, it reads SYSFS (the card's buffer_memory)
 * and prints per node and in total:
 *   NODE buffers B bytes N refused ERRNO-NAME oversize ERRNO-NAME
 *   total BYTES
 *   sysfs PINNED MAX
 * then closes everything. Exits 1 on an unexpected failure.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/videodev2.h>

#define MAX_FRAME (7680u * 4320u * 4u)

static const char *ename(int e)
{
	switch (e) {
	case 0: return "none";
	case ENOMEM: return "ENOMEM";
	case EINVAL: return "EINVAL";
	case ENOBUFS: return "ENOBUFS";
	case EBUSY: return "EBUSY";
	default: return strerror(e);
	}
}

int main(int argc, char **argv)
{
	unsigned long long total = 0;
	char line[128];
	FILE *f;
	int i;

	if (argc < 3) {
		fprintf(stderr, "usage: %s SYSFS NODE...\n", argv[0]);
		return 2;
	}
	for (i = 2; i < argc; i++) {
		struct v4l2_create_buffers cb;
		struct v4l2_requestbuffers rb;
		struct v4l2_format fmt;
		unsigned long long bytes = 0;
		unsigned int n = 0, b, big;
		int fd, refused = 0, oversize = 0;
		bool meta;

		fd = open(argv[i], O_RDWR);
		if (fd < 0) {
			perror(argv[i]);
			return 1;
		}
		memset(&fmt, 0, sizeof(fmt));
		fmt.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
		meta = ioctl(fd, VIDIOC_G_FMT, &fmt) < 0;
		if (meta) {
			memset(&fmt, 0, sizeof(fmt));
			fmt.type = V4L2_BUF_TYPE_META_CAPTURE;
			if (ioctl(fd, VIDIOC_G_FMT, &fmt) < 0) {
				fprintf(stderr, "%s: G_FMT: %s\n", argv[i], strerror(errno));
				return 1;
			}
		}
		/* first, on the empty queue: a buffer larger than any frame */
		big = meta ? 16u << 20 : MAX_FRAME;
		memset(&cb, 0, sizeof(cb));
		cb.count = 1;
		cb.memory = V4L2_MEMORY_MMAP;
		cb.format = fmt;
		if (meta)
			cb.format.fmt.meta.buffersize = 2 * big;
		else
			cb.format.fmt.pix.sizeimage = 2 * big;
		if (ioctl(fd, VIDIOC_CREATE_BUFS, &cb) < 0)
			oversize = errno;
		memset(&rb, 0, sizeof(rb));
		rb.count = 256;
		rb.type = fmt.type;
		rb.memory = V4L2_MEMORY_MMAP;
		if (ioctl(fd, VIDIOC_REQBUFS, &rb) == 0)
			n = rb.count;
		else
			refused = errno;
		while (!refused) {
			memset(&cb, 0, sizeof(cb));
			cb.count = 64;
			cb.memory = V4L2_MEMORY_MMAP;
			cb.format = fmt;
			if (meta)
				cb.format.fmt.meta.buffersize = big;
			else
				cb.format.fmt.pix.sizeimage = big;
			if (ioctl(fd, VIDIOC_CREATE_BUFS, &cb) < 0)
				refused = errno;
			else if (cb.count == 0)
				refused = ENOBUFS;	/* vb2's own limit */
			else
				n = cb.index + cb.count;
		}
		for (b = 0; b < n; b++) {
			struct v4l2_buffer qb = {
				.index = b, .type = fmt.type, .memory = V4L2_MEMORY_MMAP,
			};

			if (ioctl(fd, VIDIOC_QUERYBUF, &qb) < 0) {
				fprintf(stderr, "%s: QUERYBUF %u: %s\n", argv[i], b,
					strerror(errno));
				return 1;
			}
			bytes += qb.length;
		}
		printf("%s buffers %u bytes %llu refused %s oversize %s\n", argv[i],
		       n, bytes, ename(refused), ename(oversize));
		total += bytes;
		/* the fd stays open: its buffers stay allocated */
	}
	printf("total %llu\n", total);
	f = fopen(argv[1], "r");
	if (!f || !fgets(line, sizeof(line), f)) {
		perror(argv[1]);
		return 1;
	}
	fclose(f);
	printf("sysfs %s", line);
	fflush(stdout);
	return 0;
}
