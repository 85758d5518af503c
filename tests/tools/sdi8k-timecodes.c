// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k-timecodes DEVICE N: stream N frames from a V4L2 capture node
 * (mmap buffers, its current format) and print, per frame, what the
 * driver put in v4l2_buffer:
 *   seq S tc HH:MM:SS:FF type T flags F count C
 * (T and F: v4l2_timecode.type and .flags, in decimal)
 * (";" before the frames for drop frame) or "seq S tc none" for a buffer
 * without V4L2_BUF_FLAG_TIMECODE. FF is v4l2_timecode.frames as given:
 * 0..59 at 60FPS and 0..49 at 50FPS, where ST 12-1 counts frame pairs.
 * C is the frame number the label stands for, counted from 00:00:00:00
 * independently of the driver: frames per second from the type, and in
 * drop-frame labels the first 2 (30FPS) or 4 (60FPS) frame numbers of
 * every minute but each tenth skipped, as ST 12-1 drops labels 00 and
 * 01. A consecutive stream has C - S constant. Lines are flushed as they
 * come. Exit status 1 with a message on an error.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/videodev2.h>

#define NBUF 4

static int xioctl(int fd, unsigned long req, void *arg)
{
	int r;

	do
		r = ioctl(fd, req, arg);
	while (r < 0 && errno == EINTR);
	return r;
}

static unsigned int fps_of(unsigned int type)
{
	switch (type) {
	case V4L2_TC_TYPE_24FPS: return 24;
	case V4L2_TC_TYPE_25FPS: return 25;
	case V4L2_TC_TYPE_30FPS: return 30;
	case V4L2_TC_TYPE_50FPS: return 50;
	case V4L2_TC_TYPE_60FPS: return 60;
	default: return 0;
	}
}

static long long count_of(const struct v4l2_timecode *tc)
{
	unsigned int fps = fps_of(tc->type);
	long long minutes = tc->hours * 60LL + tc->minutes;
	long long n = (minutes * 60 + tc->seconds) * fps + tc->frames;

	if (tc->flags & V4L2_TC_FLAG_DROPFRAME)
		n -= (fps / 15) * (minutes - minutes / 10);
	return n;
}

int main(int argc, char **argv)
{
	struct v4l2_requestbuffers req;
	struct v4l2_buffer b;
	int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	long n, i;
	int fd;

	if (argc != 3 || (n = strtol(argv[2], NULL, 10)) <= 0) {
		fprintf(stderr, "usage: %s /dev/videoN FRAMES\n", argv[0]);
		return 2;
	}
	fd = open(argv[1], O_RDWR);
	if (fd < 0) {
		fprintf(stderr, "%s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	memset(&req, 0, sizeof(req));
	req.count = NBUF;
	req.type = type;
	req.memory = V4L2_MEMORY_MMAP;
	if (xioctl(fd, VIDIOC_REQBUFS, &req) || req.count < 2) {
		fprintf(stderr, "%s: VIDIOC_REQBUFS: %s\n", argv[1], strerror(errno));
		return 1;
	}
	for (i = 0; i < (long)req.count; i++) {
		memset(&b, 0, sizeof(b));
		b.type = type;
		b.memory = V4L2_MEMORY_MMAP;
		b.index = i;
		if (xioctl(fd, VIDIOC_QBUF, &b)) {
			fprintf(stderr, "%s: VIDIOC_QBUF: %s\n", argv[1], strerror(errno));
			return 1;
		}
	}
	if (xioctl(fd, VIDIOC_STREAMON, &type)) {
		fprintf(stderr, "%s: VIDIOC_STREAMON: %s\n", argv[1], strerror(errno));
		return 1;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 0; i < n; i++) {
		const struct v4l2_timecode *tc = &b.timecode;

		memset(&b, 0, sizeof(b));
		b.type = type;
		b.memory = V4L2_MEMORY_MMAP;
		if (xioctl(fd, VIDIOC_DQBUF, &b)) {
			fprintf(stderr, "%s: VIDIOC_DQBUF: %s\n", argv[1], strerror(errno));
			return 1;
		}
		if (!(b.flags & V4L2_BUF_FLAG_TIMECODE))
			printf("seq %u tc none\n", b.sequence);
		else
			printf("seq %u tc %02u:%02u:%02u%c%02u type %u flags %u count %lld\n",
			       b.sequence, tc->hours, tc->minutes, tc->seconds,
			       tc->flags & V4L2_TC_FLAG_DROPFRAME ? ';' : ':',
			       tc->frames, tc->type, tc->flags, count_of(tc));
		if (xioctl(fd, VIDIOC_QBUF, &b)) {
			fprintf(stderr, "%s: VIDIOC_QBUF: %s\n", argv[1], strerror(errno));
			return 1;
		}
	}
	xioctl(fd, VIDIOC_STREAMOFF, &type);
	close(fd);
	return 0;
}
