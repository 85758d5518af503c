// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Discovery (<sdi8k/device.h>) on a fake sysfs and /dev (umockdev, see
 * umock.h): stable order, attributes, missing attributes, other video
 * devices ignored, metadata nodes, signal query failures, input-spec
 * resolution and its errors, raster names and frame rates.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <linux/v4l2-dv-timings.h>
#include <linux/videodev2.h>

#include <sdi8k/device.h>
#include <sdi8k/error.h>

#include "device/internal.h"
#include "umock.h"

static UMockdevTestbed *tb;

static void setup(void)
{
	tb = umockdev_testbed_new();
	cr_assert(umockdev_in_mock_environment(), "not running under umockdev");
}

static void teardown(void)
{
	g_object_unref(tb);
}

/*
 * A card device: bus "pci" (id like "0000:03:00.0") or "platform"; attrs
 * NULL-terminated name/value pairs (only those given exist).
 */
static char *add_card(const char *bus, const char *id, const char *driver,
		      const char *const *attrs)
{
	char *sp = umockdev_testbed_add_devicev(tb, bus, id, NULL,
						(gchar **)attrs,
						(gchar *[]){ NULL });
	char link[128];

	cr_assert(sp, "add_device %s", id);
	if (driver) {
		snprintf(link, sizeof(link), "../../bus/%s/drivers/%s", bus, driver);
		umockdev_testbed_set_attribute_link(tb, sp, "driver", link);
	}
	return sp;
}

/* A simulated card as the driver makes it, with all attributes. */
static char *sim_card(int n, const char *serial, const char *name)
{
	char id[32];

	snprintf(id, sizeof(id), "sdi8k-sim.%d", n);
	return add_card("platform", id, "sdi8k-sim",
			(const char *const[]){ "serial", serial,
					       "firmware_version", "1.2",
					       "inputs", "4", "simulated", "1",
					       "card_name", name, NULL });
}

/* A video4linux node /dev/videoN named name under parent; the /dev file
 * exists (a plain file: V4L2 ioctls on it fail with ENOTTY). */
static char *add_node(const char *parent, int n, const char *name)
{
	char sys[32], dev[32], rel[32];
	char *sp;

	snprintf(sys, sizeof(sys), "video%d", n);
	snprintf(dev, sizeof(dev), "/dev/video%d", n);
	snprintf(rel, sizeof(rel), "dev/video%d", n);
	sp = umockdev_testbed_add_device(tb, "video4linux", sys, parent,
					 "name", name, NULL,
					 "DEVNAME", dev, "MAJOR", "81", NULL);
	cr_assert(sp, "add_device %s", sys);
	umock_file(tb, rel, "");
	return sp;
}

/* Four input nodes "<name> input 0..3" as /dev/video<first..first+3>. */
static void add_inputs(const char *card, const char *name, int first)
{
	char n[64];
	int i;

	for (i = 0; i < 4; i++) {
		snprintf(n, sizeof(n), "%s input %d", name, i);
		g_free(add_node(card, first + i, n));
	}
}

TestSuite(device, .init = setup, .fini = teardown);

Test(device, no_card_is_zero_not_error)
{
	struct sdi8k_card_info *c = (void *)1;

	cr_assert_eq(sdi8k_enumerate(&c, 0), 0);
	cr_assert_null(c);
	sdi8k_cards_free(c, 0);
}

Test(device, bad_arguments)
{
	struct sdi8k_card_info *c;

	cr_assert_eq(sdi8k_enumerate(NULL, 0), -EINVAL);
	cr_assert_eq(sdi8k_enumerate(&c, 0x80), -EINVAL);
	cr_assert(strstr(sdi8k_last_error(), "flags"), "%s", sdi8k_last_error());
}

/* Probe order (and bus order) is not the stable order: serial is. */
Test(device, cards_sorted_by_serial_inputs_by_index)
{
	static const char *const want[] = {
		"5d18000000000001", "5d18000000000002", "5d180000000000a3",
	};
	struct sdi8k_card_info *c;
	char *a, *b, *p;
	int n, k;
	unsigned i;

	/* probe order: sdi8k-0 has the highest serial */
	a = sim_card(0, "5d180000000000a3\n", "sdi8k-0");
	b = sim_card(1, "5d18000000000001\n", "sdi8k-1");
	p = add_card("pci", "0000:03:00.0", "sdi8k",
		     (const char *const[]){ "serial", "5d18000000000002",
					    "firmware_version", "2.7",
					    "inputs", "4", "simulated", "0",
					    "card_name", "sdi8k-2", NULL });
	/* nodes of card 1 created in reverse input order */
	for (k = 3; k >= 0; k--) {
		char name[32];

		snprintf(name, sizeof(name), "sdi8k-1 input %d", k);
		g_free(add_node(b, 10 + (3 - k), name));
	}
	add_inputs(a, "sdi8k-0", 0);
	add_inputs(p, "sdi8k-2", 20);

	n = sdi8k_enumerate(&c, SDI8K_ENUM_NO_SIGNAL);
	cr_assert_eq(n, 3, "%d: %s", n, sdi8k_last_error());
	for (k = 0; k < n; k++) {
		cr_assert_str_eq(c[k].serial, want[k]);
		cr_assert_eq(c[k].n_inputs, 4);
		for (i = 0; i < 4; i++)
			cr_assert_eq(c[k].inputs[i].index, i);
	}
	/* card sdi8k-1: input 0 is /dev/video13 (created last) */
	cr_assert_str_eq(c[0].card_name, "sdi8k-1");
	cr_assert_str_eq(c[0].inputs[0].node, "/dev/video13");
	cr_assert_str_eq(c[0].inputs[3].node, "/dev/video10");
	cr_assert_str_eq(c[0].inputs[2].v4l2_name, "sdi8k-1 input 2");
	cr_assert_str_eq(c[1].bus_id, "0000:03:00.0");
	cr_assert_str_eq(c[1].driver, "sdi8k");
	cr_assert_eq(c[1].simulated, 0);
	cr_assert_str_eq(c[1].firmware_version, "2.7");
	cr_assert_str_eq(c[2].card_name, "sdi8k-0");
	cr_assert_str_eq(c[2].inputs[1].node, "/dev/video1");
	sdi8k_cards_free(c, n);
	g_free(a);
	g_free(b);
	g_free(p);
}

Test(device, attributes_and_links)
{
	struct sdi8k_card_info *c;
	char *a;
	int n;

	a = sim_card(0, "5D18000000000001\n", "sdi8k-0");
	add_inputs(a, "sdi8k-0", 0);
	/* udev links: input0 right, input1 points at another node */
	umock_symlink(tb, "dev/sdi8k/5d18000000000001/input0", "../../video0");
	umock_symlink(tb, "dev/sdi8k/5d18000000000001/input1", "../../video3");

	n = sdi8k_enumerate(&c, SDI8K_ENUM_NO_SIGNAL);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(c[0].serial, "5d18000000000001", "lower-cased");
	cr_assert_str_eq(c[0].card_name, "sdi8k-0");
	cr_assert_str_eq(c[0].firmware_version, "1.2");
	cr_assert_str_eq(c[0].bus_id, "sdi8k-sim.0");
	cr_assert_str_eq(c[0].driver, "sdi8k-sim");
	cr_assert_eq(c[0].simulated, 1);
	cr_assert(strstr(c[0].syspath, "sdi8k-sim.0"), "%s", c[0].syspath);
	cr_assert_str_eq(c[0].inputs[0].link, "/dev/sdi8k/5d18000000000001/input0");
	cr_assert_str_eq(c[0].inputs[1].link, "", "a link to another node is not the input's");
	cr_assert_str_eq(c[0].inputs[2].link, "");
	cr_assert_eq(c[0].inputs[0].signal, SDI8K_SIGNAL_UNKNOWN);
	cr_assert_eq(c[0].inputs[0].signal_error, 0, "NO_SIGNAL: not asked");
	cr_assert_str_eq(c[0].inputs[0].meta_node, "");
	sdi8k_cards_free(c, n);
	g_free(a);
}

Test(device, missing_attributes)
{
	struct sdi8k_card_info *c;
	char *bare, *bad, *good;
	int n;

	/* a card with no attributes at all, two nodes (inputs 0 and 2) */
	bare = add_card("platform", "sdi8k-sim.5", "sdi8k-sim",
			(const char *const[]){ NULL });
	g_free(add_node(bare, 0, "sdi8k-5 input 0"));
	g_free(add_node(bare, 1, "sdi8k-5 input 2"));
	/* a malformed serial counts as none */
	bad = add_card("pci", "0000:04:00.0", "sdi8k",
		       (const char *const[]){ "serial", "12345", NULL });
	g_free(add_node(bad, 2, "sdi8k-6 input 0"));
	good = sim_card(1, "5d18000000000009", "sdi8k-1");
	add_inputs(good, "sdi8k-1", 4);

	n = sdi8k_enumerate(&c, 0);
	cr_assert_eq(n, 3);
	/* cards without a serial come last, by bus id */
	cr_assert_str_eq(c[0].serial, "5d18000000000009");
	cr_assert_str_eq(c[1].bus_id, "0000:04:00.0");
	cr_assert_str_eq(c[1].serial, "");
	cr_assert_eq(c[1].simulated, 0, "from the driver name");
	cr_assert_str_eq(c[1].card_name, "sdi8k-6", "from the node name");
	cr_assert_eq(c[1].n_inputs, 1);
	cr_assert_str_eq(c[2].bus_id, "sdi8k-sim.5");
	cr_assert_eq(c[2].simulated, 1, "from the driver name");
	cr_assert_str_eq(c[2].firmware_version, "");
	cr_assert_str_eq(c[2].card_name, "sdi8k-5");
	cr_assert_eq(c[2].n_inputs, 3, "highest node index + 1");
	cr_assert_str_eq(c[2].inputs[2].node, "/dev/video1");
	cr_assert_str_eq(c[2].inputs[1].node, "", "input 1 has no node");
	cr_assert_eq(c[2].inputs[1].signal, SDI8K_SIGNAL_UNKNOWN);
	cr_assert_eq(c[2].inputs[1].signal_error, -ENODEV);
	sdi8k_cards_free(c, n);
	g_free(bare);
	g_free(bad);
	g_free(good);
}

/* Nothing but sdi8k nodes, whatever the others are called. */
Test(device, other_video_devices_ignored)
{
	struct sdi8k_card_info *c;
	char *vivid, *nodrv, *card;
	int n;

	vivid = add_card("platform", "vivid.0", "vivid", (const char *const[]){ NULL });
	g_free(add_node(vivid, 0, "vivid-000-vid-cap"));
	g_free(add_node(vivid, 1, "sdi8k-0 input 0"));	/* our name, not ours */
	nodrv = add_card("platform", "sdi8k-sim.7", NULL,
			 (const char *const[]){ "serial", "5d18000000000007", NULL });
	g_free(add_node(nodrv, 2, "sdi8k-7 input 0"));	/* unbound device */
	card = sim_card(0, "5d18000000000001", "sdi8k-0");
	g_free(add_node(card, 3, "sdi8k-0 input 0"));
	g_free(add_node(card, 4, "sdi8k-0 output 1"));
	g_free(add_node(card, 5, "sdi8k-0 input 99"));
	g_free(add_node(card, 6, "sdi8k-0 input 1 extra"));

	n = sdi8k_enumerate(&c, SDI8K_ENUM_NO_SIGNAL);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(c[0].serial, "5d18000000000001");
	cr_assert_eq(c[0].n_inputs, 4, "from the inputs attribute");
	cr_assert_str_eq(c[0].inputs[0].node, "/dev/video3");
	cr_assert_str_eq(c[0].inputs[1].node, "");
	sdi8k_cards_free(c, n);
	g_free(vivid);
	g_free(nodrv);
	g_free(card);
}

Test(device, metadata_nodes)
{
	struct sdi8k_card_info *c;
	char *card = sim_card(0, "5d18000000000001", "sdi8k-0");
	int n;

	add_inputs(card, "sdi8k-0", 0);
	g_free(add_node(card, 4, "sdi8k-0 input 1 meta"));
	n = sdi8k_enumerate(&c, SDI8K_ENUM_NO_SIGNAL);
	cr_assert_eq(n, 1);
	cr_assert_eq(c[0].n_inputs, 4);
	cr_assert_str_eq(c[0].inputs[1].node, "/dev/video1");
	cr_assert_str_eq(c[0].inputs[1].meta_node, "/dev/video4");
	cr_assert_str_eq(c[0].inputs[0].meta_node, "");
	sdi8k_cards_free(c, n);
	g_free(card);
}

/* Nodes that are no V4L2 devices, or are gone: state unknown, with why. */
Test(device, signal_unknown_when_the_node_cannot_be_asked)
{
	struct sdi8k_card_info *c;
	char *card = sim_card(0, "5d18000000000001", "sdi8k-0");
	char *root, *path;
	int n;

	add_inputs(card, "sdi8k-0", 0);
	root = umockdev_testbed_get_root_dir(tb);
	cr_assert(asprintf(&path, "%s/dev/video2", root) > 0);
	cr_assert_eq(unlink(path), 0);
	n = sdi8k_enumerate(&c, 0);
	cr_assert_eq(n, 1);
	cr_assert_eq(c[0].inputs[0].signal, SDI8K_SIGNAL_UNKNOWN);
	cr_assert_eq(c[0].inputs[0].signal_error, -ENOTTY);
	cr_assert_eq(c[0].inputs[2].signal, SDI8K_SIGNAL_UNKNOWN);
	cr_assert_eq(c[0].inputs[2].signal_error, -ENOENT);
	cr_assert_str_eq(c[0].inputs[0].bus_info, "");
	sdi8k_cards_free(c, n);

	{
		enum sdi8k_signal_state s = SDI8K_SIGNAL_LOCKED;
		struct sdi8k_raster_info r;

		cr_assert_eq(sdi8k_query_signal("/dev/video0", &s, &r, NULL, NULL), -ENOTTY);
		cr_assert_eq(s, SDI8K_SIGNAL_UNKNOWN);
		cr_assert(strstr(sdi8k_last_error(), "/dev/video0"), "%s", sdi8k_last_error());
		cr_assert(strstr(sdi8k_last_error(), "VIDIOC_QUERYCAP"), "%s", sdi8k_last_error());
		cr_assert_eq(sdi8k_query_signal("/dev/video2", &s, &r, NULL, NULL), -ENOENT);
		cr_assert(strstr(sdi8k_last_error(), "/dev/video2: open"), "%s", sdi8k_last_error());
		cr_assert_eq(sdi8k_query_signal(NULL, &s, &r, NULL, NULL), -EINVAL);
	}
	free(path);
	g_free(root);
	g_free(card);
}

/* Two cards, probe order opposite to serial order; a vivid node. */
static void two_cards(void)
{
	char *a = sim_card(0, "5d18000000000002", "sdi8k-0");
	char *b = sim_card(1, "5d18000000000001", "sdi8k-1");
	char *v = add_card("platform", "vivid.0", "vivid", (const char *const[]){ NULL });

	add_inputs(a, "sdi8k-0", 0);
	add_inputs(b, "sdi8k-1", 4);
	g_free(add_node(v, 8, "vivid-000-vid-cap"));
	g_free(add_node(b, 9, "sdi8k-1 input 2 meta"));
	umock_symlink(tb, "dev/sdi8k/5d18000000000002/input3", "../../video3");
	umock_symlink(tb, "dev/alias", "video6");
	g_free(a);
	g_free(b);
	g_free(v);
}

static void resolves(const char *spec, const char *node, const char *serial,
		     unsigned card, unsigned input)
{
	struct sdi8k_input_ref ref;
	char out[64];
	int r = sdi8k_resolve_input(spec, out, sizeof(out), &ref);

	cr_assert_eq(r, 0, "%s: %d %s", spec, r, sdi8k_last_error());
	cr_assert_str_eq(out, node, "%s", spec);
	cr_assert_str_eq(ref.serial, serial, "%s", spec);
	cr_assert_eq(ref.card_index, card, "%s", spec);
	cr_assert_eq(ref.input, input, "%s", spec);
}

Test(device, resolve_forms)
{
	two_cards();
	/* card index 0 is the lower serial: sdi8k-1 */
	resolves("0:0", "/dev/video4", "5d18000000000001", 0, 0);
	resolves("1:3", "/dev/video3", "5d18000000000002", 1, 3);
	resolves("5d18000000000002:1", "/dev/video1", "5d18000000000002", 1, 1);
	resolves("5D18000000000001:2", "/dev/video6", "5d18000000000001", 0, 2);
	resolves("sdi8k-1:1", "/dev/video5", "5d18000000000001", 0, 1);
	resolves("/dev/video7", "/dev/video7", "5d18000000000001", 0, 3);
	resolves("/dev/alias", "/dev/video6", "5d18000000000001", 0, 2);
	/* the udev link exists ... */
	resolves("/dev/sdi8k/5d18000000000002/input3", "/dev/video3",
		 "5d18000000000002", 1, 3);
	/* ... or not (no udevd): taken apart */
	resolves("/dev/sdi8k/5d18000000000001/input1", "/dev/video5",
		 "5d18000000000001", 0, 1);
}

static void fails(const char *spec, int err, const char *msg)
{
	char out[64] = "x";
	int r = sdi8k_resolve_input(spec, out, sizeof(out), NULL);

	cr_assert_eq(r, err, "'%s': %d, want %d (%s)", spec ? spec : "NULL",
		     r, err, sdi8k_last_error());
	cr_assert(strstr(sdi8k_last_error(), msg), "'%s': message '%s' lacks '%s'",
		  spec ? spec : "NULL", sdi8k_last_error(), msg);
	cr_assert_str_eq(out, "", "node cleared on error");
}

Test(device, resolve_errors)
{
	char small[8];

	two_cards();
	fails(NULL, -EINVAL, "empty input spec");
	fails("", -EINVAL, "empty input spec");
	fails("video3", -EINVAL, "expected /dev/videoN");
	fails("0:", -EINVAL, "expected");
	fails(":1", -EINVAL, "expected");
	fails("0:x", -EINVAL, "expected");
	fails("0:-1", -EINVAL, "expected");
	fails("2:0", -ENODEV, "no sdi8k card with index 2 (cards present: 0 = 5d18000000000001 (sdi8k-1), 1 = 5d18000000000002 (sdi8k-0))");
	fails("5d180000000000ff:0", -ENODEV, "no sdi8k card with serial 5d180000000000ff");
	fails("sdi8k-9:0", -ENODEV, "no sdi8k card with name 'sdi8k-9'");
	fails("0:4", -ENODEV, "has inputs 0-3, not 4");
	fails("/dev/video99", -ENOENT, "/dev/video99: No such file");
	fails("/dev/video8", -ENODEV, "/dev/video8 is not the video node of an sdi8k input");
	fails("/dev/video9", -ENODEV, "metadata node of sdi8k-1 input 2");
	fails("/dev/sdi8k/5d18000000000003/input0", -ENODEV, "no sdi8k card with serial");
	fails("/dev/sdi8k/5d18000000000001/input7", -ENODEV, "not 7");
	cr_assert_eq(sdi8k_resolve_input("0:0", small, sizeof(small), NULL), -ENOSPC);
	cr_assert_eq(sdi8k_resolve_input("0:0", NULL, 8, NULL), -EINVAL);
}

Test(device, resolve_without_cards)
{
	fails("0:0", -ENODEV, "no sdi8k card is present");
}

/* ---- raster names and rates, from the timings the driver reports ---- */

static void raster(struct v4l2_dv_timings t, int reduced, const char *name,
		   uint32_t num, uint32_t den)
{
	struct sdi8k_raster_info r;
	char buf[32];

	if (reduced)
		t.bt.flags |= V4L2_DV_FL_REDUCED_FPS;
	cr_assert_eq(sdi8k__raster_from_bt(&t.bt, &r), 0);
	cr_assert_eq(r.fps_num, num, "%s: %u/%u", name, r.fps_num, r.fps_den);
	cr_assert_eq(r.fps_den, den, "%s: %u/%u", name, r.fps_num, r.fps_den);
	cr_assert_str_eq(sdi8k_raster_name(&r, buf, sizeof(buf)), name);
}

Test(raster, every_simulator_raster)
{
	raster((struct v4l2_dv_timings)V4L2_DV_BT_CEA_1920X1080I50, 0, "1080i50", 25, 1);
	raster((struct v4l2_dv_timings)V4L2_DV_BT_CEA_1920X1080I60, 1, "1080i59.94", 30000, 1001);
	raster((struct v4l2_dv_timings)V4L2_DV_BT_CEA_1920X1080I60, 0, "1080i60", 30, 1);
	raster((struct v4l2_dv_timings)V4L2_DV_BT_CEA_1920X1080P24, 1, "1080p23.98", 24000, 1001);
	raster((struct v4l2_dv_timings)V4L2_DV_BT_CEA_1920X1080P24, 0, "1080p24", 24, 1);
	raster((struct v4l2_dv_timings)V4L2_DV_BT_CEA_1920X1080P25, 0, "1080p25", 25, 1);
	raster((struct v4l2_dv_timings)V4L2_DV_BT_CEA_1920X1080P30, 1, "1080p29.97", 30000, 1001);
	raster((struct v4l2_dv_timings)V4L2_DV_BT_CEA_1920X1080P50, 0, "1080p50", 50, 1);
	raster((struct v4l2_dv_timings)V4L2_DV_BT_CEA_1920X1080P60, 1, "1080p59.94", 60000, 1001);
	raster((struct v4l2_dv_timings)V4L2_DV_BT_CEA_3840X2160P24, 1, "2160p23.98", 24000, 1001);
	raster((struct v4l2_dv_timings)V4L2_DV_BT_CEA_3840X2160P25, 0, "2160p25", 25, 1);
	raster((struct v4l2_dv_timings)V4L2_DV_BT_CEA_3840X2160P50, 0, "2160p50", 50, 1);
	raster((struct v4l2_dv_timings)V4L2_DV_BT_CEA_3840X2160P60, 1, "2160p59.94", 60000, 1001);
	raster((struct v4l2_dv_timings)V4L2_DV_BT_CEA_3840X2160P60, 0, "2160p60", 60, 1);
}

Test(raster, fields_and_nonsense)
{
	struct v4l2_dv_timings t = V4L2_DV_BT_CEA_1920X1080I50;
	struct sdi8k_raster_info r;
	char buf[8];

	cr_assert_eq(sdi8k__raster_from_bt(&t.bt, &r), 0);
	cr_assert_eq(r.width, 1920);
	cr_assert_eq(r.height, 1080);
	cr_assert_eq(r.interlaced, 1);
	cr_assert_eq(r.pixelclock, 74250000);
	t.bt.pixelclock = 0;
	cr_assert_eq(sdi8k__raster_from_bt(&t.bt, &r), -ERANGE);
	memset(&r, 0, sizeof(r));
	cr_assert_str_eq(sdi8k_raster_name(&r, buf, sizeof(buf)), "");
	r = (struct sdi8k_raster_info){ 1920, 1080, 0, 60000, 1001, 0 };
	cr_assert_str_eq(sdi8k_raster_name(&r, buf, 5), "1080", "truncated");
}

Test(names, states_and_events)
{
	cr_assert_str_eq(sdi8k_signal_state_name(SDI8K_SIGNAL_NONE), "none");
	cr_assert_str_eq(sdi8k_signal_state_name(SDI8K_SIGNAL_NO_LOCK), "no-lock");
	cr_assert_str_eq(sdi8k_signal_state_name(SDI8K_SIGNAL_LOCKED), "locked");
	cr_assert_str_eq(sdi8k_signal_state_name(SDI8K_SIGNAL_UNSUPPORTED), "unsupported");
	cr_assert_str_eq(sdi8k_signal_state_name(SDI8K_SIGNAL_UNKNOWN), "unknown");
	cr_assert_str_eq(sdi8k_signal_state_name((enum sdi8k_signal_state)77), "unknown");
	cr_assert_str_eq(sdi8k_event_type_name(SDI8K_EVENT_CARD_ADDED), "card-added");
	cr_assert_str_eq(sdi8k_event_type_name(SDI8K_EVENT_INPUT_REMOVED), "input-removed");
	cr_assert_str_eq(sdi8k_event_type_name((enum sdi8k_event_type)0), "unknown");
}

Test(names, node_name_parser)
{
	char card[16];
	unsigned in;
	int meta;

	cr_assert(sdi8k__parse_node_name("sdi8k-12 input 3\n", &in, &meta, card, sizeof(card)));
	cr_assert_eq(in, 3);
	cr_assert_eq(meta, 0);
	cr_assert_str_eq(card, "sdi8k-12");
	cr_assert(sdi8k__parse_node_name("sdi8k-0 input 0 meta", &in, &meta, card, sizeof(card)));
	cr_assert_eq(meta, 1);
	cr_assert_not(sdi8k__parse_node_name(" input 0", &in, &meta, NULL, 0));
	cr_assert_not(sdi8k__parse_node_name("sdi8k-0 input ", &in, &meta, NULL, 0));
	cr_assert_not(sdi8k__parse_node_name("sdi8k-0 input 1x", &in, &meta, NULL, 0));
	cr_assert_not(sdi8k__parse_node_name("sdi8k-0 input 16", &in, &meta, NULL, 0));
	cr_assert_not(sdi8k__parse_node_name("sdi8k-0 input 1 metadata", &in, &meta, NULL, 0));
	cr_assert_not(sdi8k__parse_node_name(NULL, &in, &meta, NULL, 0));
}
