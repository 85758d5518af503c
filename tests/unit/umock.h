/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Fake sysfs and /dev for the discovery tests, with umockdev: its preload
 * library (libumockdev-preload.so.0) redirects /sys and /dev of the test
 * process to a temporary tree, so libudev sees the devices a test adds,
 * and it delivers the uevents a test sends to netlink monitors.
 *
 * A test binary that includes this header re-executes itself with the
 * preload library in LD_PRELOAD when it is not there yet (so it runs the
 * same from `make check` or by hand). Under ASan, which wants to come
 * first in the library list, the re-execution also sets
 * ASAN_OPTIONS=verify_asan_link_order=0.
 */
#ifndef SDI8K_TEST_UMOCK_H
#define SDI8K_TEST_UMOCK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <umockdev.h>

#define UMOCK_PRELOAD "libumockdev-preload.so.0"

__attribute__((constructor)) static void umock_reexec(int argc, char **argv)
{
	const char *pre = getenv("LD_PRELOAD");
	const char *asan = getenv("ASAN_OPTIONS");
	char *v;

	(void)argc;
	if (pre && strstr(pre, "libumockdev-preload"))
		return;
	if (asprintf(&v, "%s%s%s", UMOCK_PRELOAD, pre ? " " : "",
		     pre ? pre : "") < 0)
		return;
	setenv("LD_PRELOAD", v, 1);
	free(v);
	if (asprintf(&v, "%s%sverify_asan_link_order=0", asan ? asan : "",
		     asan && asan[0] ? ":" : "") < 0)
		return;
	setenv("ASAN_OPTIONS", v, 1);
	free(v);
	execv("/proc/self/exe", argv);
	perror("umock: re-exec with " UMOCK_PRELOAD);
	exit(1);
}

/* Write a file (parents made) under the testbed root: "dev/video3". */
static inline void umock_file(UMockdevTestbed *tb, const char *rel,
			      const char *content)
{
	char *root = umockdev_testbed_get_root_dir(tb);
	char *path, *p;
	FILE *f;

	if (asprintf(&path, "%s/%s", root, rel) < 0)
		abort();
	for (p = path + strlen(root) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(path, 0755);
		*p = '/';
	}
	f = fopen(path, "w");
	if (!f)
		abort();
	fputs(content, f);
	fclose(f);
	free(path);
	g_free(root);
}

/* A symlink under the testbed root: rel -> target. */
static inline void umock_symlink(UMockdevTestbed *tb, const char *rel,
				 const char *target)
{
	char *root = umockdev_testbed_get_root_dir(tb);
	char *path, *p;

	if (asprintf(&path, "%s/%s", root, rel) < 0)
		abort();
	for (p = path + strlen(root) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(path, 0755);
		*p = '/';
	}
	if (symlink(target, path))
		abort();
	free(path);
	g_free(root);
}

#endif
