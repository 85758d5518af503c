/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * QEMU's QMP, as much of it as sdi8k-card's hot unplug and plug need.
 */
#ifndef SDI8K_CARD_QMP_H
#define SDI8K_CARD_QMP_H

#include <stddef.h>

/*
 * Run one QMP command (a JSON object ending in a line break) on QEMU's QMP
 * socket at path: connect, negotiate, send it, wait for its reply. 0 on
 * "return"; a negative errno otherwise, with what went wrong (QEMU's error
 * description, or the socket's) in err.
 */
int qmp_command(const char *path, const char *cmd, char *err, size_t errlen);

#endif
