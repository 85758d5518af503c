// SPDX-License-Identifier: LGPL-2.1-or-later
/* libsdi8k: the ALSA capture device of an sdi8k input (capture, status). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "common/alsa-dev.h"

int sdi8k__alsa_card(int fd, const char *name, char *card, size_t cardlen,
		     unsigned *input, char *why, size_t whylen)
{
	char path[96], serial[40] = "";
	const char *p = name ? strstr(name, " input ") : NULL;
	struct stat st;
	size_t n;
	FILE *f;

	if (!p || sscanf(p, " input %u", input) != 1) {
		snprintf(why, whylen, "no input number in the node's name");
		return -ENOENT;
	}
	if (fstat(fd, &st) || !S_ISCHR(st.st_mode)) {
		snprintf(why, whylen, "the node is not a device");
		return -ENOENT;
	}
	snprintf(path, sizeof(path), "/sys/dev/char/%u:%u/device/serial",
		 major(st.st_rdev), minor(st.st_rdev));
	f = fopen(path, "re");
	if (f) {
		if (!fgets(serial, sizeof(serial), f))
			serial[0] = '\0';
		fclose(f);
	}
	serial[strcspn(serial, "\n")] = '\0';
	n = strlen(serial);
	if (n < 8) {
		snprintf(why, whylen, "no card serial in %s", path);
		return -ENOENT;
	}
	snprintf(card, cardlen, "hw:CARD=sdi8k%s", serial + n - 8);
	return 0;
}
