// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k-card's control socket (card/ctl.c) over the card model it hosts
 * (card/model.c, kernel/sim/): the scripting words of docs/simulator.md,
 * read and set through the socket as the guest's virtio-serial port and
 * `sdi8k-card ctl` reach them; bad requests refused with the right error;
 * pipelined requests, many clients, a line too long, stopping with
 * clients connected.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include "ctl.h"
#include "model.h"

struct rig {
	struct card_model *m;
	struct card_ctl *c;
	char path[64];
};

static struct rig *rig_start(unsigned int inputs)
{
	struct rig *r = calloc(1, sizeof(*r));

	cr_assert_not_null(r);
	snprintf(r->path, sizeof(r->path), "/tmp/sdi8k-ctl-test.%d.%p", (int)getpid(), (void *)r);
	r->m = card_model_new(0x42, inputs);
	cr_assert_not_null(r->m);
	r->c = card_ctl_start(r->path, r->m, NULL);
	cr_assert_not_null(r->c, "card_ctl_start: %s", strerror(errno));
	return r;
}

static void rig_stop(struct rig *r)
{
	struct stat st;

	card_ctl_stop(r->c);
	cr_expect_neq(stat(r->path, &st), 0, "the socket is removed");
	card_model_free(r->m);
	free(r);
}

static int connect_to(const char *path)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	cr_assert_geq(fd, 0);
	{
	struct timeval tv = { .tv_sec = 10 };

	strcpy(a.sun_path, path);
	cr_assert_eq(connect(fd, (struct sockaddr *)&a, sizeof(a)), 0, "%s", strerror(errno));
	/* a missing reply fails the test instead of hanging it */
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	}
	return fd;
}

/*
 * the next reply: its lines up to and including the status line ("ok" or
 * "error ..."); what came after it is kept for the next call
 */
static char *reply(int fd)
{
	static char buf[8192], out[8192];
	static size_t have;

	for (;;) {
		char *line = buf, *nl;
		ssize_t n;

		while ((nl = memchr(line, '\n', have - (size_t)(line - buf)))) {
			if (!strncmp(line, "ok\n", 3) || !strncmp(line, "error ", 6)) {
				size_t len = (size_t)(nl + 1 - buf);

				memcpy(out, buf, len);
				out[len] = 0;
				memmove(buf, nl + 1, have - len);
				have -= len;
				return out;
			}
			line = nl + 1;
		}
		n = recv(fd, buf + have, sizeof(buf) - 1 - have, 0);
		cr_assert_gt(n, 0, "the card closed or said nothing without a status line");
		have += (size_t)n;
	}
}

static char *ask(int fd, const char *req)
{
	cr_assert_eq(send(fd, req, strlen(req), 0), (ssize_t)strlen(req));
	return reply(fd);
}

Test(card_ctl, words_read_and_set)
{
	struct rig *r = rig_start(4);
	int fd = connect_to(r->path);

	cr_expect_str_eq(ask(fd, "input0/signal\n"), "1080p59.94\nok\n");
	cr_expect_str_eq(ask(fd, "input0/signal 2160p25\n"), "ok\n");
	cr_expect_str_eq(ask(fd, "input0/signal\n"), "2160p25\nok\n");
	/* the same model state the register file shows: input 1 untouched */
	cr_expect_str_eq(ask(fd, "input1/signal\n"), "2160p59.94\nok\n");
	cr_expect_str_eq(ask(fd, "  input2/signal   none \r\n"), "ok\n");
	cr_expect_str_eq(ask(fd, "input2/signal\n"), "none\nok\n");
	cr_expect_str_eq(ask(fd, "gone\n"), "0\nok\n");
	/* a multi-line value */
	{
		char *s = ask(fd, "input3/stats\n");

		cr_expect(strstr(s, "frame_count ") == s, "stats: '%s'", s);
		cr_expect_not_null(strstr(s, "\ndma_faults 0\n"), "stats: '%s'", s);
	}
	close(fd);
	rig_stop(r);
}

Test(card_ctl, bad_requests_refused)
{
	struct rig *r = rig_start(2);
	int fd = connect_to(r->path);

	cr_expect(!strncmp(ask(fd, "input0/signal 1234x5p99\n"), "error EINVAL: ", 14));
	cr_expect_str_eq(ask(fd, "input0/signal\n"), "1080p59.94\nok\n", "a refused value changes nothing");
	cr_expect(!strncmp(ask(fd, "input2/signal\n"), "error ENOENT: ", 14), "a card of two inputs has no input 2");
	cr_expect(!strncmp(ask(fd, "input/signal\n"), "error ENOENT: ", 14));
	cr_expect(!strncmp(ask(fd, "input0x/signal\n"), "error ENOENT: ", 14));
	cr_expect(!strncmp(ask(fd, "no_such_word\n"), "error ENOENT: ", 14));
	cr_expect(!strncmp(ask(fd, "signal 1080p25\n"), "error ENOENT: ", 14), "an input's word is not the card's");
	cr_expect(!strncmp(ask(fd, "cabling\n"), "error ENOENT: ", 14), "quad-only words on a card of two");
	cr_expect(!strncmp(ask(fd, "input0/stats 0\n"), "error EPERM: ", 13));
	cr_expect(!strncmp(ask(fd, "\n"), "error EINVAL: ", 14));
	/* still serving */
	cr_expect_str_eq(ask(fd, "input1/signal\n"), "2160p59.94\nok\n");
	close(fd);
	rig_stop(r);
}

Test(card_ctl, pipelined_and_split_requests)
{
	struct rig *r = rig_start(4);
	int fd = connect_to(r->path);
	const char *two = "input0/signal 1080p25\ninput0/signal\n";
	char *s;

	cr_assert_eq(send(fd, two, strlen(two), 0), (ssize_t)strlen(two));
	cr_expect_str_eq(reply(fd), "ok\n");
	cr_expect_str_eq(reply(fd), "1080p25\nok\n");
	/* one request in pieces */
	cr_assert_eq(send(fd, "input0/sig", 10, 0), 10);
	usleep(20000);
	s = ask(fd, "nal\n");
	cr_expect_str_eq(s, "1080p25\nok\n");
	close(fd);
	rig_stop(r);
}

Test(card_ctl, words_listed)
{
	struct rig *r = rig_start(4);
	int fd = connect_to(r->path);
	char *s = ask(fd, "words\n");

	cr_expect_not_null(strstr(s, "inputN/signal\n"), "%s", s);
	cr_expect_not_null(strstr(s, "inputN/stats (read-only)\n"), "%s", s);
	cr_expect_not_null(strstr(s, "\ngone\n"), "%s", s);
	cr_expect_not_null(strstr(s, "\ncabling\n"), "%s", s);
	close(fd);
	rig_stop(r);
}

Test(card_ctl, line_too_long_closes)
{
	struct rig *r = rig_start(4);
	int fd = connect_to(r->path);
	char big[1024];
	ssize_t n;
	char buf[256];

	memset(big, 'x', sizeof(big));
	send(fd, big, sizeof(big), MSG_NOSIGNAL);
	n = recv(fd, buf, sizeof(buf) - 1, 0);
	cr_assert_gt(n, 0);
	buf[n] = 0;
	cr_expect(!strncmp(buf, "error EINVAL: request too long", 30), "'%s'", buf);
	/* then the card hangs up (a reset: it left our bytes unread); others are still served */
	while ((n = recv(fd, buf, sizeof(buf), 0)) > 0)
		;
	cr_expect(n == 0 || errno == ECONNRESET, "recv: %zd, %s", n, strerror(errno));
	close(fd);
	fd = connect_to(r->path);
	cr_expect_str_eq(ask(fd, "input0/signal\n"), "1080p59.94\nok\n");
	close(fd);
	rig_stop(r);
}

Test(card_ctl, many_clients_and_stop_with_clients)
{
	struct rig *r = rig_start(4);
	int fd[9];
	char buf[128];
	ssize_t n;

	for (int i = 0; i < 8; i++) {
		fd[i] = connect_to(r->path);
		cr_expect_str_eq(ask(fd[i], "input0/signal\n"), "1080p59.94\nok\n");
	}
	/* a ninth while eight are connected: refused, told why */
	fd[8] = connect_to(r->path);
	n = recv(fd[8], buf, sizeof(buf) - 1, 0);
	cr_assert_gt(n, 0);
	buf[n] = 0;
	cr_expect(!strncmp(buf, "error EBUSY", 11), "'%s'", buf);
	close(fd[8]);
	/* one leaves: its place is taken */
	close(fd[3]);
	usleep(50000);
	fd[3] = connect_to(r->path);
	cr_expect_str_eq(ask(fd[3], "input1/signal\n"), "2160p59.94\nok\n");
	/* stopping ends the connected clients (their reads see the end) */
	card_ctl_stop(r->c);
	for (int i = 0; i < 8; i++) {
		cr_expect_leq(recv(fd[i], buf, sizeof(buf), 0), 0);
		close(fd[i]);
	}
	card_model_free(r->m);
	free(r);
}

Test(card_ctl, client_command)
{
	struct rig *r = rig_start(4);
	char *set[] = { "input0/signal", "1080i50" };
	char *get[] = { "input0/signal" };
	char *bad[] = { "input0/signal", "nope" };
	char *nl[] = { "input0/signal", "1080p25\ninput1/signal" };
	int fd;

	cr_expect_eq(card_ctl_client(r->path, 2, set), 0);
	cr_expect_eq(card_ctl_client(r->path, 1, get), 0);
	cr_expect_eq(card_ctl_client(r->path, 2, bad), 1);
	cr_expect_eq(card_ctl_client(r->path, 2, nl), 2, "no line breaks smuggled in");
	cr_expect_eq(card_ctl_client("/tmp/sdi8k-no-such-socket", 1, get), 1);
	cr_expect_eq(card_ctl_client(r->path, 0, get), 2);
	fd = connect_to(r->path);
	cr_expect_str_eq(ask(fd, "input0/signal\n"), "1080i50\nok\n");
	close(fd);
	rig_stop(r);
}

struct fake_plug {
	int calls_in, calls_out;
	int ret;
};

static int fake_plug(void *opaque, bool in, char *err, size_t errlen)
{
	struct fake_plug *f = opaque;

	if (in)
		f->calls_in++;
	else
		f->calls_out++;
	if (f->ret)
		snprintf(err, errlen, "QEMU says no");
	return f->ret;
}

Test(card_ctl, unplug_and_plug_requests)
{
	struct rig *r = rig_start(4);
	struct fake_plug f = { 0 };
	struct card_ctl_hooks hooks = { .plug = fake_plug, .opaque = &f };
	struct card_ctl *c2;
	char path2[80];
	int fd = connect_to(r->path);

	/* without --qmp: refused, with the reason */
	cr_expect_str_eq(ask(fd, "unplug\n"), "error EOPNOTSUPP: no hot plug (sdi8k-card --qmp)\n");
	close(fd);
	snprintf(path2, sizeof(path2), "%s.2", r->path);
	c2 = card_ctl_start(path2, r->m, &hooks);
	cr_assert_not_null(c2);
	fd = connect_to(path2);
	cr_expect_str_eq(ask(fd, "unplug\n"), "ok\n");
	cr_expect_str_eq(ask(fd, "plug\n"), "ok\n");
	f.ret = -EIO;
	cr_expect_str_eq(ask(fd, "unplug\n"), "error EIO: QEMU says no\n");
	close(fd);
	card_ctl_stop(c2);
	cr_expect_eq(f.calls_out, 2);
	cr_expect_eq(f.calls_in, 1);
	rig_stop(r);
}

/* --ctl names a path: a socket an earlier run left there is replaced, a
 * file the user keeps there is refused and left as it was */
Test(card_ctl, stale_socket_replaced_file_refused)
{
	struct rig *r = rig_start(1);
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	char path[80];
	struct card_ctl *c;
	struct stat st;
	FILE *f;
	int fd;

	/* a socket whose process died: bound, never unlinked */
	snprintf(path, sizeof(path), "%s.stale", r->path);
	snprintf(a.sun_path, sizeof(a.sun_path), "%s", path);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	cr_assert_geq(fd, 0);
	cr_assert_eq(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	close(fd);
	c = card_ctl_start(path, r->m, NULL);
	cr_assert_not_null(c, "a stale socket was not replaced: %s", strerror(errno));
	fd = connect_to(path);
	cr_expect_not_null(strstr(ask(fd, "words\n"), "inputN/signal\n"));
	close(fd);
	card_ctl_stop(c);

	snprintf(path, sizeof(path), "%s.file", r->path);
	f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs("keep me\n", f);
	fclose(f);
	errno = 0;
	c = card_ctl_start(path, r->m, NULL);
	cr_expect_null(c, "started over a regular file");
	cr_expect_eq(errno, EEXIST, "errno %d (%s)", errno, strerror(errno));
	cr_expect_eq(stat(path, &st), 0, "the file is gone");
	cr_expect_eq(st.st_size, 8, "the file changed");
	unlink(path);
	rig_stop(r);
}
