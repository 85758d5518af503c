// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * sdi8k-list's exit status and messages (utils/sdi8k-list.c and
 * utils/list/{print,monitor}.c, included as source, main renamed) on a fake sysfs and
 * /dev (umockdev, see umock.h): an input whose node cannot be read is
 * listed as "unknown (reason)", named on stderr, and makes the exit
 * status 1, as the man page and --help say; --no-signal reads no node and
 * exits 0; no card is 1. And list_report_unreadable() on its own.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define main sdi8k_list_main
#include "sdi8k-list.c"
#undef main
#include "list/monitor.c"
#include "list/print.c"

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

TestSuite(list, .init = setup, .fini = teardown);

/* A simulated card with four input nodes /dev/video0..3 (plain files:
 * V4L2 ioctls on them fail with ENOTTY). */
static void sim_card_with_nodes(void)
{
	char *sp = umockdev_testbed_add_devicev(tb, "platform", "sdi8k-sim.0", NULL,
		(gchar *[]){ "serial", "5d18000000000001", "firmware_version", "1.2",
			     "inputs", "4", "simulated", "1", "card_name", "sdi8k-0",
			     NULL },
		(gchar *[]){ NULL });

	cr_assert(sp);
	umockdev_testbed_set_attribute_link(tb, sp, "driver",
					    "../../bus/platform/drivers/sdi8k-sim");
	for (int i = 0; i < 4; i++) {
		char sys[32], dev[32], rel[32], name[48];
		char *np;

		snprintf(sys, sizeof(sys), "video%d", i);
		snprintf(dev, sizeof(dev), "/dev/video%d", i);
		snprintf(rel, sizeof(rel), "dev/video%d", i);
		snprintf(name, sizeof(name), "sdi8k-0 input %d", i);
		np = umockdev_testbed_add_device(tb, "video4linux", sys, sp, "name", name,
						 NULL, "DEVNAME", dev, "MAJOR", "81", NULL);
		cr_assert(np);
		umock_file(tb, rel, "");
		g_free(np);
	}
	g_free(sp);
}

/* Run sdi8k-list's main with argv, its stdout and stderr into out / err. */
static int run_list(char **argv, char *out, size_t outsz, char *err, size_t errsz)
{
	FILE *o = tmpfile(), *e = tmpfile();
	int argc = 0, so, se, rc;
	size_t n;

	cr_assert(o && e);
	while (argv[argc])
		argc++;
	fflush(stdout);
	fflush(stderr);
	so = dup(1);
	se = dup(2);
	dup2(fileno(o), 1);
	dup2(fileno(e), 2);
	optind = 0;	/* a fresh getopt */
	rc = sdi8k_list_main(argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(so, 1);
	dup2(se, 2);
	close(so);
	close(se);
	rewind(o);
	rewind(e);
	n = fread(out, 1, outsz - 1, o);
	out[n] = '\0';
	n = fread(err, 1, errsz - 1, e);
	err[n] = '\0';
	fclose(o);
	fclose(e);
	return rc;
}

Test(list, unreadable_nodes_exit_1_and_are_named)
{
	char out[8192], err[4096];
	int rc;

	sim_card_with_nodes();
	rc = run_list((char *[]){ "sdi8k-list", NULL }, out, sizeof(out), err, sizeof(err));
	cr_assert_eq(rc, 1, "exit %d; stdout %s; stderr %s", rc, out, err);
	/* the list is still printed, the inputs as unknown with the reason */
	cr_assert(strstr(out, "card 0: serial 5d18000000000001"), "%s", out);
	cr_assert(strstr(out, "/dev/video3"), "%s", out);
	cr_assert(strstr(out, "unknown ("), "%s", out);
	for (int i = 0; i < 4; i++) {
		char want[160];

		snprintf(want, sizeof(want), "sdi8k-list: /dev/video%d (card 0, "
			 "5d18000000000001, input %d): cannot read the signal: ", i, i);
		cr_assert(strstr(err, want), "stderr lacks \"%s\": %s", want, err);
	}
	rc = run_list((char *[]){ "sdi8k-list", "--json", NULL }, out, sizeof(out), err,
		      sizeof(err));
	cr_assert_eq(rc, 1, "--json: exit %d", rc);
	cr_assert(strstr(out, "\"cards\""), "%s", out);
	cr_assert(strstr(err, "/dev/video0 (card 0"), "%s", err);
}

Test(list, one_unreadable_node_is_enough)
{
	char out[8192], err[4096], *root, *path;
	int rc;

	sim_card_with_nodes();
	root = umockdev_testbed_get_root_dir(tb);
	cr_assert(asprintf(&path, "%s/dev/video2", root) > 0);
	cr_assert_eq(unlink(path), 0);
	rc = run_list((char *[]){ "sdi8k-list", NULL }, out, sizeof(out), err, sizeof(err));
	cr_assert_eq(rc, 1);
	cr_assert(strstr(err, "/dev/video2 (card 0, 5d18000000000001, input 2): cannot "
			 "read the signal: No such file or directory"), "%s", err);
	free(path);
	g_free(root);
}

Test(list, no_signal_reads_no_node_and_exits_0)
{
	char out[8192], err[4096];
	int rc;

	sim_card_with_nodes();
	rc = run_list((char *[]){ "sdi8k-list", "--no-signal", NULL }, out, sizeof(out),
		      err, sizeof(err));
	cr_assert_eq(rc, 0, "exit %d; stderr %s", rc, err);
	cr_assert_str_eq(err, "");
	cr_assert(strstr(out, "/dev/video0"), "%s", out);
	cr_assert_null(strstr(out, "unknown ("), "%s", out);
}

Test(list, no_card_exits_1)
{
	char out[1024], err[1024];

	cr_assert_eq(run_list((char *[]){ "sdi8k-list", NULL }, out, sizeof(out), err,
			      sizeof(err)), 1);
	cr_assert(strstr(err, "no sdi8k card found"), "%s", err);
	cr_assert_eq(run_list((char *[]){ "sdi8k-list", "--bogus", NULL }, out, sizeof(out),
			      err, sizeof(err)), 2);
}

/* Only inputs asked and not answered count: locked, no signal and not
 * asked (NO_SIGNAL: unknown without an error) do not. */
Test(list, report_unreadable_counts_only_failed_reads)
{
	struct sdi8k_input_info in[4];
	struct sdi8k_card_info c[2];
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	memset(in, 0, sizeof(in));
	memset(c, 0, sizeof(c));
	for (int i = 0; i < 4; i++) {
		in[i].index = (unsigned)i % 2;
		snprintf(in[i].node, sizeof(in[i].node), "/dev/video%d", 10 + i);
	}
	in[0].signal = SDI8K_SIGNAL_LOCKED;
	in[1].signal = SDI8K_SIGNAL_UNKNOWN;	/* not asked */
	in[2].signal = SDI8K_SIGNAL_UNKNOWN;
	in[2].signal_error = -EACCES;
	in[3].signal = SDI8K_SIGNAL_UNKNOWN;
	in[3].signal_error = -ENODEV;
	in[3].node[0] = '\0';
	snprintf(c[0].serial, sizeof(c[0].serial), "aaaa000000000001");
	c[0].inputs = &in[0];
	c[0].n_inputs = 2;
	snprintf(c[1].card_name, sizeof(c[1].card_name), "sdi8k-1");
	c[1].inputs = &in[2];
	c[1].n_inputs = 2;
	f = open_memstream(&buf, &len);
	cr_assert_not_null(f);
	cr_assert_eq(list_report_unreadable(f, c, 1), 0);
	cr_assert_eq(list_report_unreadable(f, c, 2), 2);
	fclose(f);
	cr_assert(strstr(buf, "sdi8k-list: /dev/video12 (card 1, sdi8k-1, input 0): cannot "
			 "read the signal: Permission denied\n"), "%s", buf);
	cr_assert(strstr(buf, "sdi8k-list: no device node (card 1, sdi8k-1, input 1): "),
		  "%s", buf);
	cr_assert_null(strstr(buf, "video10"), "%s", buf);
	cr_assert_null(strstr(buf, "video11"), "%s", buf);
	free(buf);
}
