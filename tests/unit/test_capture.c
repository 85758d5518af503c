// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Capture API without a card: every way to open something that is not an
 * sdi8k input fails with the documented code and a message naming it, and
 * nothing is printed; NULL arguments are refused; the format table.
 */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/videodev2.h>

#include <sdi8k/capture.h>

/* Open must fail with err and a message containing node and what. */
static void open_fails(const char *node, int err, const char *what)
{
	struct sdi8k_capture *c = (struct sdi8k_capture *)1;
	int r = sdi8k_capture_open(node, &c);

	cr_assert_eq(r, err, "%s: got %d (%s), want %d", node, r,
		     sdi8k_last_error(), err);
	cr_assert_null(c, "handle must be NULL on error");
	cr_assert(strstr(sdi8k_last_error(), node), "message \"%s\" names %s",
		  sdi8k_last_error(), node);
	cr_assert(strstr(sdi8k_last_error(), what), "message \"%s\" says %s",
		  sdi8k_last_error(), what);
}

Test(capture_open, missing_node)
{
	open_fails("/dev/sdi8k-test-no-such-node", -ENOENT, "No such file");
}

Test(capture_open, regular_file)
{
	char path[] = "/tmp/sdi8k-capture-test-XXXXXX";
	int fd = mkstemp(path);

	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, "not video", 9), 9);
	close(fd);
	open_fails(path, -ENODEV, "not a device node");
	unlink(path);
}

Test(capture_open, directory)
{
	open_fails("/tmp", -EISDIR, "cannot open");
}

/* a character device that is not V4L2 */
Test(capture_open, dev_null_is_not_v4l2)
{
	open_fails("/dev/null", -ENODEV, "not a V4L2 device");
}

/* the library prints nothing, even where libv4l2 would */
Test(capture_open, prints_nothing, .init = cr_redirect_stderr)
{
	struct sdi8k_capture *c;

	sdi8k_capture_open("/dev/null", &c);
	sdi8k_capture_open("/dev/sdi8k-test-no-such-node", &c);
	fflush(stderr);
	cr_assert_stderr_eq_str("");
}

Test(capture_open, null_arguments)
{
	struct sdi8k_capture *c;

	cr_assert_eq(sdi8k_capture_open(NULL, &c), -EINVAL);
	cr_assert_null(c);
	cr_assert_eq(sdi8k_capture_open("/dev/null", NULL), -EINVAL);
	cr_assert(strlen(sdi8k_last_error()) > 0);
}

Test(capture_null, every_function_refuses_null)
{
	struct sdi8k_capture_frame f;
	struct sdi8k_capture_stats st;
	struct sdi8k_capture_format fmt;
	struct sdi8k_signal sig;

	sdi8k_capture_close(NULL);
	cr_assert_eq(sdi8k_capture_fd(NULL), -1);
	cr_assert_str_eq(sdi8k_capture_name(NULL), "");
	cr_assert_eq(sdi8k_capture_query_signal(NULL, &sig), -EINVAL);
	cr_assert_eq(sdi8k_capture_configure(NULL, NULL), -EINVAL);
	cr_assert_eq(sdi8k_capture_get_format(NULL, &fmt), -EINVAL);
	cr_assert_eq(sdi8k_capture_start(NULL), -EINVAL);
	cr_assert_eq(sdi8k_capture_dequeue(NULL, &f, 0), -EINVAL);
	cr_assert_eq(sdi8k_capture_release(NULL, &f), -EINVAL);
	cr_assert_eq(sdi8k_capture_stop(NULL), -EINVAL);
	cr_assert_eq(sdi8k_capture_get_stats(NULL, &st), -EINVAL);
	cr_assert_eq(sdi8k_capture_enum_raster(NULL, 0, &sig), -EINVAL);
	cr_assert_eq(sdi8k_capture_configure_audio(NULL, NULL), -EINVAL);
	{
		struct sdi8k_capture_audio_config acfg = { .channels = 2 };
		struct sdi8k_capture_audio a;

		cr_assert_eq(sdi8k_capture_configure_audio(NULL, &acfg), -EINVAL);
		cr_assert_eq(sdi8k_capture_frame_audio(NULL, &f, &a), -EINVAL);
	}
}

/*
 * The named raster took the place of reserved[4]: the struct keeps its
 * size and layout (ABI), and a config that names none is all zero there.
 */
Test(capture_config, raster_in_the_reserved_space)
{
	struct sdi8k_capture_config cfg = { .raster = "2160p59.94" };

	cr_assert_eq(sizeof(struct sdi8k_capture_config),
		     3 * sizeof(unsigned) + 4 * sizeof(uint32_t));
	cr_assert_eq(offsetof(struct sdi8k_capture_config, raster),
		     offsetof(struct sdi8k_capture_config, reserved));
	cr_assert_eq(offsetof(struct sdi8k_capture_config, raster),
		     3 * sizeof(unsigned));
	cr_assert_eq(sizeof(cfg.raster), sizeof(cfg.reserved));
	/* the longest name the driver has fits with its NUL */
	cr_assert_lt(strlen("1080i59.94"), sizeof(cfg.raster));
	cr_assert_lt(strlen("4320p23.98"), sizeof(cfg.raster));
	cr_assert_str_eq(cfg.raster, "2160p59.94");
	memset(&cfg, 0, sizeof(cfg));
	for (int i = 0; i < 4; i++)
		cr_assert_eq(cfg.reserved[i], 0);
	cr_assert_eq(cfg.raster[0], '\0');
}

Test(capture_formats, fourccs)
{
	cr_assert_eq(sdi8k_capture_fourcc(SDI8K_FMT_UYVY), V4L2_PIX_FMT_UYVY);
	cr_assert_eq(sdi8k_capture_fourcc(SDI8K_FMT_YUYV), V4L2_PIX_FMT_YUYV);
	cr_assert_eq(sdi8k_capture_fourcc(SDI8K_FMT_NV16), V4L2_PIX_FMT_NV16);
	cr_assert_eq(sdi8k_capture_fourcc(SDI8K_FMT_P010), V4L2_PIX_FMT_P010);
	cr_assert_eq(sdi8k_capture_fourcc(SDI8K_FMT_Y210), v4l2_fourcc('Y', '2', '1', '0'));
	cr_assert_eq(sdi8k_capture_fourcc(SDI8K_FMT_V210), v4l2_fourcc('v', '2', '1', '0'));
	/* what the card cannot write */
	cr_assert_eq(sdi8k_capture_fourcc(SDI8K_FMT_P210), 0);
	cr_assert_eq(sdi8k_capture_fourcc(SDI8K_FMT_YUV422P10), 0);
	cr_assert_eq(sdi8k_capture_fourcc(SDI8K_FMT_BGRA), 0);
	cr_assert_eq(sdi8k_capture_fourcc(SDI8K_FMT_NONE), 0);
	cr_assert_eq(sdi8k_capture_fourcc(SDI8K_FMT_COUNT), 0);
}

Test(capture_formats, transfer_names)
{
	cr_assert_str_eq(sdi8k_transfer_name(SDI8K_TF_UNKNOWN), "unknown");
	cr_assert_str_eq(sdi8k_transfer_name(SDI8K_TF_SDR), "sdr");
	cr_assert_str_eq(sdi8k_transfer_name(SDI8K_TF_HLG), "hlg");
	cr_assert_str_eq(sdi8k_transfer_name(SDI8K_TF_PQ), "pq");
	cr_assert_str_eq(sdi8k_transfer_name(SDI8K_TF_UNSPECIFIED), "unspecified");
	cr_assert_str_eq(sdi8k_transfer_name((enum sdi8k_transfer)99), "unknown");
}

Test(capture_errors, codes_have_messages)
{
	static const int codes[] = { -ENOLINK, -ENOLCK, -ERANGE, -EPIPE, -EBUSY,
				     -ENODEV, -ETIMEDOUT, -EAGAIN };

	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		cr_assert_str_neq(sdi8k_strerror(codes[i]), "unknown error",
				  "code %d", codes[i]);
}
