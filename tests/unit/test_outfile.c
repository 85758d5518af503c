// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The tools' safe output files (utils/common/outfile.c as source): nothing
 * appears under the final name before commit, abort leaves nothing
 * behind, commit replaces an old file, unwritable places are refused with
 * a message naming the path.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "common/outfile.c"

static char dir[64];

static void mkdir_tmp(void)
{
	strcpy(dir, "/tmp/sdi8k-outfile-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
}

static int entries(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while ((e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

Test(outfile, commit_renames_abort_removes)
{
	struct outfile o;
	char path[128], msg[256];
	struct stat st;

	mkdir_tmp();
	snprintf(path, sizeof(path), "%s/out.raw", dir);
	cr_assert_eq(outfile_open(&o, path, msg, sizeof(msg)), 0, "%s", msg);
	cr_assert_eq(outfile_write(&o, "abcd", 4, msg, sizeof(msg)), 0);
	cr_assert_neq(stat(path, &st), 0, "final name must not exist before commit");
	cr_assert_eq(entries(), 1, "one temporary file");
	cr_assert_eq(outfile_commit(&o, msg, sizeof(msg)), 0, "%s", msg);
	cr_assert_eq(stat(path, &st), 0);
	cr_assert_eq(st.st_size, 4);
	cr_assert_eq(o.bytes, 4);
	cr_assert_eq(entries(), 1);

	/* a failed second run leaves the first file as it was */
	cr_assert_eq(outfile_open(&o, path, msg, sizeof(msg)), 0);
	cr_assert_eq(outfile_write(&o, "xy", 2, msg, sizeof(msg)), 0);
	outfile_abort(&o);
	outfile_abort(&o);
	cr_assert_eq(entries(), 1, "temporary file removed");
	cr_assert_eq(stat(path, &st), 0);
	cr_assert_eq(st.st_size, 4);
	unlink(path);
	rmdir(dir);
}

Test(outfile, unwritable_places)
{
	struct outfile o;
	char msg[256];

	cr_assert_eq(outfile_open(&o, "/nonexistent-dir/x.raw", msg, sizeof(msg)), -ENOENT);
	cr_assert(strstr(msg, "/nonexistent-dir/x.raw"), "%s", msg);
	cr_assert_eq(outfile_open(&o, "/tmp", msg, sizeof(msg)), -EISDIR);
	cr_assert(strstr(msg, "is a directory"), "%s", msg);
	cr_assert_eq(outfile_open(&o, "", msg, sizeof(msg)), -EINVAL);
}

/* /dev/full: a write error is reported with the name and sticks */
Test(outfile, write_error_is_reported)
{
	struct outfile o;
	char msg[256];

	cr_assert_eq(outfile_open(&o, "/dev/full", msg, sizeof(msg)), 0, "%s", msg);
	cr_assert_eq(outfile_write(&o, "abcd", 4, msg, sizeof(msg)), -ENOSPC);
	cr_assert(strstr(msg, "/dev/full: write failed"), "%s", msg);
	cr_assert_eq(outfile_write(&o, "abcd", 4, msg, sizeof(msg)), -ENOSPC);
	outfile_abort(&o);
}
