/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Safe output files. A named output is written to a temporary file in the
 * same directory (".NAME.XXXXXX") and renamed over NAME only by
 * outfile_commit(), so a failed run never leaves a half-written NAME:
 * the tool either removes it (outfile_abort()) or commits the complete
 * frames written so far and says how many. "-" is standard output (never
 * a terminal); an existing FIFO or device is written directly.
 */
#ifndef SDI8K_UTILS_OUTFILE_H
#define SDI8K_UTILS_OUTFILE_H

#include <stddef.h>
#include <stdint.h>

struct outfile {
	int fd;
	int is_stdout;
	char path[4096];	/* the name asked for ("-" for stdout) */
	char tmp[4096];		/* the temporary file, "" for stdout */
	uint64_t bytes;		/* written so far */
	int err;		/* first write error (negative errno), or 0 */
};

/*
 * Open path ("-" = stdout). On error returns a negative errno and puts a
 * message naming the path in msg.
 */
int outfile_open(struct outfile *o, const char *path, char *msg, size_t msglen);

/*
 * Write all of buf (partial writes and EINTR retried). 0, or a negative
 * errno with a message in msg (the first error sticks in o->err).
 */
int outfile_write(struct outfile *o, const void *buf, size_t len, char *msg,
		  size_t msglen);

/* Close and rename into place. 0, or a negative errno and a message. */
int outfile_commit(struct outfile *o, char *msg, size_t msglen);

/* Remove the temporary file (nothing of it stays). Safe to call twice. */
void outfile_abort(struct outfile *o);

/* Name shown in messages: the path, or "standard output". */
const char *outfile_name(const struct outfile *o);

/* Move the file position (lseek): the new offset, or a negative errno. */
int64_t outfile_seek(struct outfile *o, int64_t offset, int whence);

/*
 * The container writer's I/O callbacks (struct avw_params write and seek)
 * on an outfile io: outfile_write() without its message (the first error
 * stays in o->err) and outfile_seek().
 */
int outfile_io_write(void *io, const uint8_t *buf, size_t len);
int64_t outfile_io_seek(void *io, int64_t offset, int whence);

#endif
