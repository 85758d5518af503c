// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k-meta-flap NODE ROUNDS: start and stop an sdi8k metadata node
 * ROUNDS times while its video input streams (another process), to race
 * STREAMOFF against the frame interrupt that fills metadata buffers. Each
 * round: REQBUFS 4 (MMAP), QBUF all, STREAMON, wait up to 100 ms for a
 * buffer and dequeue what is ready, STREAMOFF, REQBUFS 0. Prints
 *   rounds R dequeued D errors E
 * (E: buffers returned with V4L2_BUF_FLAG_ERROR); exits 1 with a message
 * when an ioctl fails.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/videodev2.h>

static int xioctl(int fd, unsigned long req, void *arg, const char *what,
		  unsigned int round)
{
	int r;

	do
		r = ioctl(fd, req, arg);
	while (r < 0 && errno == EINTR);
	if (r < 0 && errno != EAGAIN) {
		fprintf(stderr, "round %u: %s: %s\n", round, what, strerror(errno));
		exit(1);
	}
	return r;
}

int main(int argc, char **argv)
{
	enum v4l2_buf_type type = V4L2_BUF_TYPE_META_CAPTURE;
	unsigned long dequeued = 0, errors = 0;
	unsigned int rounds, r, i;
	int fd;

	if (argc != 3 || (rounds = (unsigned int)strtoul(argv[2], NULL, 0)) == 0) {
		fprintf(stderr, "usage: %s NODE ROUNDS\n", argv[0]);
		return 2;
	}
	fd = open(argv[1], O_RDWR | O_NONBLOCK);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}
	for (r = 0; r < rounds; r++) {
		struct v4l2_requestbuffers rb = {
			.count = 4, .type = type, .memory = V4L2_MEMORY_MMAP,
		};
		struct pollfd p = { .fd = fd, .events = POLLIN };

		xioctl(fd, VIDIOC_REQBUFS, &rb, "REQBUFS", r);
		for (i = 0; i < rb.count; i++) {
			struct v4l2_buffer b = {
				.index = i, .type = type, .memory = V4L2_MEMORY_MMAP,
			};

			xioctl(fd, VIDIOC_QBUF, &b, "QBUF", r);
		}
		xioctl(fd, VIDIOC_STREAMON, &type, "STREAMON", r);
		/* stop at varying points of the frame period */
		if (poll(&p, 1, (int)(r % 7) * 15) > 0) {
			for (;;) {
				struct v4l2_buffer b = {
					.type = type, .memory = V4L2_MEMORY_MMAP,
				};

				if (xioctl(fd, VIDIOC_DQBUF, &b, "DQBUF", r) < 0)
					break;
				dequeued++;
				if (b.flags & V4L2_BUF_FLAG_ERROR)
					errors++;
			}
		}
		xioctl(fd, VIDIOC_STREAMOFF, &type, "STREAMOFF", r);
		rb.count = 0;
		xioctl(fd, VIDIOC_REQBUFS, &rb, "REQBUFS 0", r);
	}
	close(fd);
	printf("rounds %u dequeued %lu errors %lu\n", rounds, dequeued, errors);
	return 0;
}
