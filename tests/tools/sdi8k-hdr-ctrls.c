// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k-hdr-ctrls DEVICE: print the HDR10 colorimetry controls of a V4L2
 * node, which v4l2-ctl (1.22 to 1.32) cannot print ("unsupported payload
 * type"), one line each:
 *   cll MAXCLL MAXFALL
 *   mdcv GX GY BX BY RX RY WX WY MAX MIN   (the V4L2 units)
 *   mdcv-active 0|1                          (0: control inactive, none)
 * Exit status 1 with a message when the node or the controls are missing.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/videodev2.h>

int main(int argc, char **argv)
{
	struct v4l2_ctrl_hdr10_cll_info cll;
	struct v4l2_ctrl_hdr10_mastering_display m;
	struct v4l2_ext_control c[2];
	struct v4l2_ext_controls cs;
	struct v4l2_query_ext_ctrl q;
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: %s /dev/videoN\n", argv[0]);
		return 2;
	}
	fd = open(argv[1], O_RDWR | O_NONBLOCK);
	if (fd < 0) {
		fprintf(stderr, "%s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	memset(c, 0, sizeof(c));
	memset(&cs, 0, sizeof(cs));
	c[0].id = V4L2_CID_COLORIMETRY_HDR10_CLL_INFO;
	c[0].size = sizeof(cll);
	c[0].ptr = &cll;
	c[1].id = V4L2_CID_COLORIMETRY_HDR10_MASTERING_DISPLAY;
	c[1].size = sizeof(m);
	c[1].ptr = &m;
	cs.which = V4L2_CTRL_WHICH_CUR_VAL;
	cs.count = 2;
	cs.controls = c;
	if (ioctl(fd, VIDIOC_G_EXT_CTRLS, &cs)) {
		fprintf(stderr, "%s: VIDIOC_G_EXT_CTRLS: %s\n", argv[1],
			strerror(errno));
		return 1;
	}
	printf("cll %u %u\n", cll.max_content_light_level,
	       cll.max_pic_average_light_level);
	printf("mdcv %u %u %u %u %u %u %u %u %u %u\n",
	       m.display_primaries_x[0], m.display_primaries_y[0],
	       m.display_primaries_x[1], m.display_primaries_y[1],
	       m.display_primaries_x[2], m.display_primaries_y[2],
	       m.white_point_x, m.white_point_y,
	       m.max_display_mastering_luminance,
	       m.min_display_mastering_luminance);
	memset(&q, 0, sizeof(q));
	q.id = V4L2_CID_COLORIMETRY_HDR10_MASTERING_DISPLAY;
	if (ioctl(fd, VIDIOC_QUERY_EXT_CTRL, &q)) {
		fprintf(stderr, "%s: VIDIOC_QUERY_EXT_CTRL: %s\n", argv[1],
			strerror(errno));
		return 1;
	}
	printf("mdcv-active %d\n", !(q.flags & V4L2_CTRL_FLAG_INACTIVE));
	close(fd);
	return 0;
}
