// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The hotplug monitor (<sdi8k/device.h>) on a fake sysfs (umockdev, see
 * umock.h), fed uevents as the kernel sends them when a card is bound
 * (its input nodes appear, then "bind") and unbound (nodes go, then
 * "unbind"): the events, their order and content, other devices ignored.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>

#include <sdi8k/device.h>
#include <sdi8k/error.h>

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

TestSuite(monitor, .init = setup, .fini = teardown);

static char *sim_card(int n, const char *serial, const char *driver)
{
	char id[32], name[32], link[96];
	char *sp;

	snprintf(id, sizeof(id), "sdi8k-sim.%d", n);
	snprintf(name, sizeof(name), "sdi8k-%d", n);
	sp = umockdev_testbed_add_device(tb, "platform", id, NULL,
					 "serial", serial, "firmware_version", "1.0",
					 "inputs", "4", "simulated", "1",
					 "card_name", name, NULL, NULL);
	cr_assert(sp);
	snprintf(link, sizeof(link), "../../bus/platform/drivers/%s", driver);
	umockdev_testbed_set_attribute_link(tb, sp, "driver", link);
	return sp;
}

static char *add_node(const char *parent, int n, const char *name)
{
	char sys[32], dev[32];
	char *sp;

	snprintf(sys, sizeof(sys), "video%d", n);
	snprintf(dev, sizeof(dev), "/dev/video%d", n);
	sp = umockdev_testbed_add_device(tb, "video4linux", sys, parent,
					 "name", name, NULL, "DEVNAME", dev, NULL);
	cr_assert(sp);
	return sp;
}

/* The card's four nodes as /dev/video<first..>, into nodes[4]. */
static void add_inputs(const char *card, int cardno, int first, char **nodes)
{
	char name[32];
	int i;

	for (i = 0; i < 4; i++) {
		snprintf(name, sizeof(name), "sdi8k-%d input %d", cardno, i);
		nodes[i] = add_node(card, first + i, name);
	}
}

/* Next event, waiting up to 2 s for one; 0 if none came. */
static int next(struct sdi8k_monitor *m, struct sdi8k_event *ev)
{
	struct pollfd p = { .fd = sdi8k_monitor_fd(m), .events = POLLIN };
	int r = sdi8k_monitor_read(m, ev);

	if (r)
		return r;
	if (poll(&p, 1, 2000) <= 0)
		return 0;
	return sdi8k_monitor_read(m, ev);
}

/* Nothing pending: a short wait gives nothing. */
static void none(struct sdi8k_monitor *m, const char *why)
{
	struct pollfd p = { .fd = sdi8k_monitor_fd(m), .events = POLLIN };
	struct sdi8k_event ev;
	int r = sdi8k_monitor_read(m, &ev);

	if (!r && poll(&p, 1, 200) > 0)
		r = sdi8k_monitor_read(m, &ev);
	cr_assert_eq(r, 0, "%s: unexpected event %s %s input %d", why,
		     r > 0 ? sdi8k_event_type_name(ev.type) : "(error)",
		     r > 0 ? ev.serial : "", r > 0 ? ev.input : 0);
}

static void expect(struct sdi8k_monitor *m, enum sdi8k_event_type type,
		   const char *serial, int input, const char *node)
{
	struct sdi8k_event ev;
	int r = next(m, &ev);

	cr_assert_eq(r, 1, "want %s input %d: got %d (%s)",
		     sdi8k_event_type_name(type), input, r, sdi8k_last_error());
	cr_assert_eq(ev.type, type, "got %s input %d, want %s input %d",
		     sdi8k_event_type_name(ev.type), ev.input,
		     sdi8k_event_type_name(type), input);
	cr_assert_str_eq(ev.serial, serial);
	cr_assert_eq(ev.input, input);
	cr_assert_str_eq(ev.node, node);
	cr_assert_eq(ev.meta, 0);
}

Test(monitor, bad_arguments)
{
	struct sdi8k_monitor *m = (void *)1;
	struct sdi8k_event ev;

	cr_assert_eq(sdi8k_monitor_new(NULL, 0), -EINVAL);
	cr_assert_eq(sdi8k_monitor_new(&m, SDI8K_MONITOR_UDEV | SDI8K_MONITOR_KERNEL), -EINVAL);
	cr_assert_null(m);
	cr_assert_eq(sdi8k_monitor_new(&m, 0x100), -EINVAL);
	cr_assert(strstr(sdi8k_last_error(), "flags"), "%s", sdi8k_last_error());
	cr_assert_eq(sdi8k_monitor_read(NULL, &ev), -EINVAL);
	cr_assert_eq(sdi8k_monitor_fd(NULL), -1);
	sdi8k_monitor_free(NULL);
}

Test(monitor, sources)
{
	struct sdi8k_monitor *m;

	cr_assert_eq(sdi8k_monitor_new(&m, SDI8K_MONITOR_KERNEL), 0, "%s", sdi8k_last_error());
	cr_assert_str_eq(sdi8k_monitor_source(m), "kernel");
	cr_assert_geq(sdi8k_monitor_fd(m), 0);
	sdi8k_monitor_free(m);
	cr_assert_eq(sdi8k_monitor_new(&m, SDI8K_MONITOR_UDEV), 0, "%s", sdi8k_last_error());
	cr_assert_str_eq(sdi8k_monitor_source(m), "udev");
	sdi8k_monitor_free(m);
	cr_assert_eq(sdi8k_monitor_new(&m, 0), 0, "%s", sdi8k_last_error());
	if (access("/run/udev/control", F_OK))	/* no udevd at all */
		cr_assert_str_eq(sdi8k_monitor_source(m), "kernel");
	sdi8k_monitor_free(m);
}

/* bind: nodes appear, then the card's bind; unbind: nodes go, then unbind */
static void bind_unbind(unsigned flags)
{
	static const char *const dev[] = { "/dev/video4", "/dev/video5",
					   "/dev/video6", "/dev/video7" };
	struct sdi8k_monitor *m;
	char *card, *nodes[4];
	int i;

	cr_assert_eq(sdi8k_monitor_new(&m, flags), 0, "%s", sdi8k_last_error());
	none(m, "nothing happened yet");
	card = sim_card(1, "5d18000000000002", "sdi8k-sim");
	umockdev_testbed_uevent(tb, card, "add");	/* no attributes yet in reality */
	add_inputs(card, 1, 4, nodes);
	for (i = 0; i < 4; i++)
		umockdev_testbed_uevent(tb, nodes[i], "add");
	umockdev_testbed_uevent(tb, card, "bind");

	expect(m, SDI8K_EVENT_CARD_ADDED, "5d18000000000002", -1, "");
	for (i = 0; i < 4; i++)
		expect(m, SDI8K_EVENT_INPUT_ADDED, "5d18000000000002", i, dev[i]);
	none(m, "bind after the nodes: the card is known");

	for (i = 3; i >= 0; i--) {
		umockdev_testbed_uevent(tb, nodes[i], "remove");
		umockdev_testbed_remove_device(tb, nodes[i]);
	}
	umockdev_testbed_uevent(tb, card, "unbind");
	umockdev_testbed_uevent(tb, card, "remove");
	for (i = 3; i >= 0; i--)
		expect(m, SDI8K_EVENT_INPUT_REMOVED, "5d18000000000002", i, dev[i]);
	expect(m, SDI8K_EVENT_CARD_REMOVED, "5d18000000000002", -1, "");
	none(m, "remove after unbind: already reported");
	sdi8k_monitor_free(m);
	for (i = 0; i < 4; i++)
		g_free(nodes[i]);
	g_free(card);
}

Test(monitor, bind_unbind_kernel_source)
{
	bind_unbind(SDI8K_MONITOR_KERNEL);
}

Test(monitor, bind_unbind_udev_source)
{
	bind_unbind(SDI8K_MONITOR_UDEV);
}

/* A card present before the monitor: its removal is reported, with the
 * serial and nodes known from before (sysfs no longer has them). */
Test(monitor, card_present_at_start_removed)
{
	struct sdi8k_monitor *m;
	struct sdi8k_event ev;
	char *card, *nodes[4];
	int i;

	card = sim_card(0, "5d18000000000001", "sdi8k-sim");
	add_inputs(card, 0, 0, nodes);
	cr_assert_eq(sdi8k_monitor_new(&m, SDI8K_MONITOR_KERNEL), 0);
	none(m, "present cards are not reported as added");
	/* the node events were lost (socket overflow): unbind alone */
	umockdev_testbed_uevent(tb, card, "unbind");
	for (i = 0; i < 4; i++) {
		cr_assert_eq(next(m, &ev), 1);
		cr_assert_eq(ev.type, SDI8K_EVENT_INPUT_REMOVED);
		cr_assert_str_eq(ev.serial, "5d18000000000001");
		cr_assert_str_eq(ev.card_name, "sdi8k-0");
		cr_assert_str_eq(ev.bus_id, "sdi8k-sim.0");
	}
	expect(m, SDI8K_EVENT_CARD_REMOVED, "5d18000000000001", -1, "");
	none(m, "all reported");
	sdi8k_monitor_free(m);
	for (i = 0; i < 4; i++)
		g_free(nodes[i]);
	g_free(card);
}

Test(monitor, other_devices_ignored)
{
	struct sdi8k_monitor *m;
	char *vivid, *v1, *v2, *card, *c2, *n3;

	cr_assert_eq(sdi8k_monitor_new(&m, SDI8K_MONITOR_KERNEL), 0);
	vivid = sim_card(5, "5d18000000000005", "vivid");	/* our attrs, not our driver */
	v1 = add_node(vivid, 0, "vivid-000-vid-cap");
	v2 = add_node(vivid, 1, "sdi8k-5 input 0");
	umockdev_testbed_uevent(tb, v1, "add");
	umockdev_testbed_uevent(tb, v2, "add");
	umockdev_testbed_uevent(tb, vivid, "bind");
	umockdev_testbed_uevent(tb, v1, "remove");
	umockdev_testbed_uevent(tb, vivid, "unbind");
	card = sim_card(0, "5d18000000000001", "sdi8k-sim");
	n3 = add_node(card, 3, "sdi8k-0 output 0");	/* not an input's name */
	umockdev_testbed_uevent(tb, n3, "add");
	none(m, "no sdi8k input");
	/* a bound card without nodes (yet) is a card */
	c2 = sim_card(1, "5d18000000000002", "sdi8k-sim");
	umockdev_testbed_uevent(tb, c2, "bind");
	expect(m, SDI8K_EVENT_CARD_ADDED, "5d18000000000002", -1, "");
	none(m, "one card");
	sdi8k_monitor_free(m);
	g_free(vivid);
	g_free(v1);
	g_free(v2);
	g_free(card);
	g_free(c2);
	g_free(n3);
}

Test(monitor, metadata_node)
{
	struct sdi8k_monitor *m;
	struct sdi8k_event ev;
	char *card, *meta;

	card = sim_card(0, "5d18000000000001", "sdi8k-sim");
	cr_assert_eq(sdi8k_monitor_new(&m, SDI8K_MONITOR_KERNEL), 0);
	meta = add_node(card, 9, "sdi8k-0 input 2 meta");
	umockdev_testbed_uevent(tb, meta, "add");
	cr_assert_eq(next(m, &ev), 1);
	cr_assert_eq(ev.type, SDI8K_EVENT_CARD_ADDED);
	cr_assert_eq(next(m, &ev), 1);
	cr_assert_eq(ev.type, SDI8K_EVENT_INPUT_ADDED);
	cr_assert_eq(ev.input, 2);
	cr_assert_eq(ev.meta, 1);
	cr_assert_str_eq(ev.node, "/dev/video9");
	sdi8k_monitor_free(m);
	g_free(card);
	g_free(meta);
}
