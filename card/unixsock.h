/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * UNIX stream sockets of sdi8k-card: the vfio-user socket QEMU connects
 * to, the control socket (ctl.c) and QEMU's QMP socket (qmp.c).
 */
#ifndef SDI8K_CARD_UNIXSOCK_H
#define SDI8K_CARD_UNIXSOCK_H

/*
 * unix_listen - a socket listening at @path (close-on-exec)
 * A socket left there by an earlier run is replaced; anything else at
 * @path (a file, a directory) is left alone and refused with EEXIST.
 * Return: the descriptor, or -1 with errno (ENAMETOOLONG for a path
 * longer than sun_path holds).
 */
int unix_listen(const char *path, int backlog);

/*
 * unix_connect - a socket connected to the one listening at @path
 * Return: the descriptor (close-on-exec), or -1 with errno.
 */
int unix_connect(const char *path);

#endif
