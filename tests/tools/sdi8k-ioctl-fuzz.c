// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k-ioctl-fuzz [--seed N] [--duration S] [--threads T] [--fds F]
 *                  [--log FILE] [--quiet] NODE...
 * sdi8k-ioctl-fuzz --forge-last NODE...
 *
 * A V4L2 ioctl fuzzer of the project's own (issue 15, "Beyond these"): T
 * threads (default 4) each keep F file descriptors (default 3) open on
 * random NODEs (video and metadata nodes alike; reopened now and then) and
 * issue, for S seconds (default 60), random operations with
 * structure-aware arguments: every V4L2 ioctl the sdi8k nodes implement
 * (and those they do not), with mostly plausible and sometimes hostile
 * values (sizes, counts, fourccs, fields, buffer indexes, planes, user
 * pointers, DMABUF fds, control ids read from the nodes' own
 * VIDIOC_QUERY_EXT_CTRL enumeration at start), garbage ioctl numbers and
 * garbage structures, mmap/munmap at random offsets and lengths, poll,
 * read, write, close and reopen, and short valid streaming sequences
 * (REQBUFS, QBUF all, STREAMON, DQBUF/QBUF) so that buffers really move.
 *
 * Deterministic from the seed per thread (thread t draws from seed and
 * t); with several threads the interleaving, and so what the kernel
 * answers, is not: --threads 1 replays one sequence as closely as the
 * card's timing allows.
 *
 * The last operations of every thread are kept in a ring in the --log
 * file (a shared mapping, written before each operation is issued, so it
 * survives the process being killed by a kernel oops): one line per
 * operation, "SEQ tTHREAD fdSLOT NODE OP ARGS = RESULT" (the result of
 * its last call, a number or an errno name, once it returned), sort -n
 * gives the order.
 *
 * Nothing blocks for long: fds are mostly opened O_NONBLOCK; a watchdog
 * thread interrupts (SIGUSR2, no SA_RESTART) any operation that takes
 * more than 2 s. An operation still not done 20 s after the end is a
 * hang: the tool prints the log and exits 3.
 *
 * --forge-last replays one hostile sequence the fuzzer found, on each
 * NODE: REQBUFS, STREAMON, a non-blocking DQBUF (nothing is done yet, so
 * it fails) whose flags say DONE and LAST, close. videobuf2 took that for
 * the end of the stream and, with the driver's plain vb2_ioctl_dqbuf, the
 * next client's DQBUF failed with EPIPE (v4l2-ctl ended silently without a
 * frame). Prints "NODE: DQBUF ERRNO-NAME" per node; the caller then
 * captures with a client of its own.
 *
 * Prints "seed N" first, then at the end the operations issued per kind,
 * the errno histogram, "ioctls N, buffers dequeued N, ..." and
 * "done SECONDS s OPS ops"; exit status 0, 2 on
 * bad usage, 3 on a hang.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <linux/videodev2.h>

#define MAX_NODES	64
#define MAX_THREADS	16
#define MAX_FDS		8
#define MAX_MAPS	32
#define MAX_DMABUFS	8
#define MAX_CTRLS	128
#define MAX_TIMINGS	64
#define LOG_ENTRIES	256	/* per thread */
#define LOG_LINE	160
#define RESULT_COLS	16	/* " = EINVAL" at the end of a log line */
#define SCRATCH_SIZE	(8u << 20)
#define GARBAGE_SIZE	16384

#ifndef V4L2_BUF_TYPE_META_CAPTURE
#define V4L2_BUF_TYPE_META_CAPTURE 13
#endif

/* ---- options and shared state ---- */

static uint64_t opt_seed;
static unsigned int opt_duration = 60, opt_threads = 4, opt_fds = 3;
static const char *opt_log;
static int opt_quiet;
static const char *nodes[MAX_NODES];
static unsigned int n_nodes;

static atomic_int stop;
static atomic_ulong seq;

/* the log ring: opt_threads * LOG_ENTRIES lines of LOG_LINE bytes */
static char *log_ring;
static size_t log_size;

/* scratch memory user pointers and compound controls point into */
static unsigned char *scratch;

struct ctrl_info {
	uint32_t id, type, elem_size, elems, nr_of_dims, flags;
	int64_t min, max;
};
static struct ctrl_info ctrls[MAX_CTRLS];
static unsigned int n_ctrls;
static struct v4l2_dv_timings timings[MAX_TIMINGS];
static unsigned int n_timings;

/* counts */
enum op {
	OP_QUERYCAP, OP_ENUM_FMT, OP_G_FMT, OP_S_FMT, OP_TRY_FMT, OP_REQBUFS,
	OP_CREATE_BUFS, OP_QUERYBUF, OP_PREPARE_BUF, OP_QBUF, OP_DQBUF,
	OP_EXPBUF, OP_STREAMON, OP_STREAMOFF, OP_G_DV_TIMINGS,
	OP_S_DV_TIMINGS, OP_QUERY_DV_TIMINGS, OP_ENUM_DV_TIMINGS,
	OP_DV_TIMINGS_CAP, OP_G_CTRL, OP_S_CTRL, OP_G_EXT_CTRLS,
	OP_S_EXT_CTRLS, OP_TRY_EXT_CTRLS, OP_QUERYCTRL, OP_QUERY_EXT_CTRL,
	OP_QUERYMENU, OP_SUBSCRIBE_EVENT, OP_UNSUBSCRIBE_EVENT, OP_DQEVENT,
	OP_G_PARM, OP_S_PARM, OP_ENUM_INPUT, OP_G_INPUT, OP_S_INPUT,
	OP_LOG_STATUS, OP_PRIORITY, OP_MISC, OP_GARBAGE_NR,
	OP_GARBAGE_STRUCT, OP_MMAP, OP_MUNMAP, OP_TOUCH, OP_POLL, OP_READ,
	OP_WRITE, OP_REOPEN, OP_DMABUF, OP_STREAM_SEQ, OP_REQUEUE, N_OPS
};
static const char *const op_names[N_OPS] = {
	"QUERYCAP", "ENUM_FMT", "G_FMT", "S_FMT", "TRY_FMT", "REQBUFS",
	"CREATE_BUFS", "QUERYBUF", "PREPARE_BUF", "QBUF", "DQBUF", "EXPBUF",
	"STREAMON", "STREAMOFF", "G_DV_TIMINGS", "S_DV_TIMINGS",
	"QUERY_DV_TIMINGS", "ENUM_DV_TIMINGS", "DV_TIMINGS_CAP", "G_CTRL",
	"S_CTRL", "G_EXT_CTRLS", "S_EXT_CTRLS", "TRY_EXT_CTRLS", "QUERYCTRL",
	"QUERY_EXT_CTRL", "QUERYMENU", "SUBSCRIBE_EVENT", "UNSUBSCRIBE_EVENT",
	"DQEVENT", "G_PARM", "S_PARM", "ENUM_INPUT", "G_INPUT", "S_INPUT",
	"LOG_STATUS", "G/S_PRIORITY", "misc-ioctl", "garbage-nr",
	"garbage-struct", "mmap", "munmap", "touch", "poll", "read", "write",
	"reopen", "dmabuf-op", "stream-seq", "requeue",
};
/* relative weights of the operations */
static const unsigned int op_weight[N_OPS] = {
	[OP_QUERYCAP] = 2, [OP_ENUM_FMT] = 3, [OP_G_FMT] = 3, [OP_S_FMT] = 5,
	[OP_TRY_FMT] = 4, [OP_REQBUFS] = 6, [OP_CREATE_BUFS] = 5,
	[OP_QUERYBUF] = 5, [OP_PREPARE_BUF] = 2, [OP_QBUF] = 8,
	[OP_DQBUF] = 8, [OP_EXPBUF] = 3, [OP_STREAMON] = 5,
	[OP_STREAMOFF] = 4, [OP_G_DV_TIMINGS] = 2, [OP_S_DV_TIMINGS] = 4,
	[OP_QUERY_DV_TIMINGS] = 2, [OP_ENUM_DV_TIMINGS] = 2,
	[OP_DV_TIMINGS_CAP] = 1, [OP_G_CTRL] = 3, [OP_S_CTRL] = 3,
	[OP_G_EXT_CTRLS] = 4, [OP_S_EXT_CTRLS] = 4, [OP_TRY_EXT_CTRLS] = 3,
	[OP_QUERYCTRL] = 2, [OP_QUERY_EXT_CTRL] = 2, [OP_QUERYMENU] = 2,
	[OP_SUBSCRIBE_EVENT] = 3, [OP_UNSUBSCRIBE_EVENT] = 2,
	[OP_DQEVENT] = 3, [OP_G_PARM] = 2, [OP_S_PARM] = 2,
	[OP_ENUM_INPUT] = 2, [OP_G_INPUT] = 1, [OP_S_INPUT] = 2,
	[OP_LOG_STATUS] = 0,	/* 1 in 2000, see pick_op() */
	[OP_PRIORITY] = 1, [OP_MISC] = 3, [OP_GARBAGE_NR] = 4,
	[OP_GARBAGE_STRUCT] = 4, [OP_MMAP] = 5, [OP_MUNMAP] = 3,
	[OP_TOUCH] = 2, [OP_POLL] = 3, [OP_READ] = 1, [OP_WRITE] = 1,
	[OP_REOPEN] = 2, [OP_DMABUF] = 2, [OP_STREAM_SEQ] = 3,
	[OP_REQUEUE] = 6,
};
static atomic_ulong op_count[N_OPS];
#define N_ERRNO 140
static atomic_ulong errno_count[N_ERRNO + 1];	/* [0]: success */
static atomic_ulong n_ioctls, n_faults, n_interrupted, n_dequeued;

/* ---- random numbers: xoshiro256** seeded by splitmix64 ---- */

struct rng { uint64_t s[4]; };

static uint64_t splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static void rng_init(struct rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix(&seed);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t rnd64(struct rng *r)
{
	uint64_t *s = r->s, res = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return res;
}

/* rnd(r, n): 0..n-1 (n > 0) */
static uint32_t rnd(struct rng *r, uint32_t n)
{
	return (uint32_t)((rnd64(r) >> 32) * n >> 32);
}

/* chance(r, p): true with probability p percent */
static int chance(struct rng *r, unsigned int p) { return rnd(r, 100) < p; }

/* a 32-bit value that tends to hit edges */
static uint32_t rnd_u32(struct rng *r)
{
	static const uint32_t edge[] = {
		0, 1, 2, 3, 4, 7, 8, 15, 16, 31, 32, 63, 64, 255, 256, 1023, 1024,
		4095, 4096, 65535, 65536, 0x7fffffff, 0x80000000, 0xfffffffe,
		0xffffffff, 1920, 1080, 3840, 2160, 7680, 4320, 540, 2048, 4097,
		1u << 30, 1u << 31 | 1,
	};

	switch (rnd(r, 4)) {
	case 0: return edge[rnd(r, sizeof(edge) / sizeof(edge[0]))];
	case 1: return rnd(r, 64);
	case 2: return (uint32_t)rnd64(r) >> rnd(r, 32);
	default: return (uint32_t)rnd64(r);
	}
}

static void rnd_fill(struct rng *r, void *p, size_t n)
{
	unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		b[i] = (unsigned char)rnd64(r);
}

/* ---- per thread state ---- */

struct map { void *addr; size_t len; int slot; };

struct slot {
	int fd;
	unsigned int node;
	int meta;		/* the node is a metadata node */
	uint32_t nbufs;		/* buffers after the last REQBUFS/CREATE_BUFS */
	uint32_t memory;
	uint32_t type;
};

struct worker {
	unsigned int id;
	pthread_t thread;
	struct rng rng;
	struct slot slot[MAX_FDS];
	struct map map[MAX_MAPS];
	int dmabuf[MAX_DMABUFS];
	unsigned int log_pos;
	char *log_line;		/* the ring's line of the operation in flight */
	unsigned char *garbage;	/* GARBAGE_SIZE bytes, ioctl arguments */
	sigjmp_buf jmp;
	volatile sig_atomic_t jmp_armed;
	atomic_long op_start_ms;	/* 0: between operations */
	char what[LOG_LINE];
};

static struct worker workers[MAX_THREADS];
static __thread struct worker *self;

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000;
}

/* note(w, slot, fmt...): note the operation about to be issued */
__attribute__((format(printf, 3, 4)))
static void note(struct worker *w, int s, const char *fmt, ...)
{
	char *line;
	va_list ap;
	int n;

	n = snprintf(w->what, sizeof(w->what), "%010lu t%u fd%d %s ",
		     atomic_fetch_add(&seq, 1), w->id, s,
		     s >= 0 ? nodes[w->slot[s].node] : "-");
	if (n < 0 || n >= (int)sizeof(w->what))
		n = 0;
	va_start(ap, fmt);
	vsnprintf(w->what + n, sizeof(w->what) - (size_t)n, fmt, ap);
	va_end(ap);
	for (char *c = w->what; *c; c++)	/* fourccs may hold anything */
		if (*c < ' ' || *c > '~')
			*c = '?';
	if (!log_ring)
		return;
	line = log_ring + ((size_t)w->id * LOG_ENTRIES + w->log_pos) * LOG_LINE;
	w->log_line = line;
	w->log_pos = (w->log_pos + 1) % LOG_ENTRIES;
	n = (int)strnlen(w->what, LOG_LINE - 1 - RESULT_COLS);
	memcpy(line, w->what, (size_t)n);
	memset(line + n, ' ', LOG_LINE - 1 - (size_t)n);
	line[LOG_LINE - 1] = '\n';
}

/* the result of the operation noted last, at the end of its log line */
static void note_result(struct worker *w, int r, int e)
{
	char res[RESULT_COLS + 1];
	const char *name = e > 0 ? strerrorname_np(e) : NULL;

	if (!w || !w->log_line)
		return;
	if (r >= 0)
		snprintf(res, sizeof(res), " = %d", r);
	else
		snprintf(res, sizeof(res), " = %s", name ? name : "?");
	memcpy(w->log_line + LOG_LINE - 1 - RESULT_COLS, res, strlen(res));
}

static void count_errno(int r, int e)
{
	note_result(self, r, e);
	atomic_fetch_add(&errno_count[r < 0 ? (e > 0 && e < N_ERRNO ? e : N_ERRNO) : 0], 1);
	if (r < 0 && e == EINTR)
		atomic_fetch_add(&n_interrupted, 1);
}

/* xio(w, s, req, arg): one ioctl, counted; returns its result, errno kept */
static int xio(struct worker *w, int s, unsigned long req, void *arg)
{
	int r, e;

	r = ioctl(s >= 0 ? w->slot[s].fd : -1, req, arg);
	e = errno;
	atomic_fetch_add(&n_ioctls, 1);
	count_errno(r, e);
	errno = e;
	return r;
}

/* ---- argument helpers ---- */

static uint32_t pick_type(struct worker *w, int s)
{
	struct rng *r = &w->rng;

	if (chance(r, 80))
		return w->slot[s].type;
	switch (rnd(r, 4)) {
	case 0: return V4L2_BUF_TYPE_VIDEO_CAPTURE;
	case 1: return V4L2_BUF_TYPE_META_CAPTURE;
	case 2: return rnd(r, 16);
	default: return rnd_u32(r);
	}
}

static uint32_t pick_memory(struct worker *w, int s)
{
	struct rng *r = &w->rng;

	if (chance(r, 70))
		return w->slot[s].memory;
	switch (rnd(r, 3)) {
	case 0: return V4L2_MEMORY_MMAP;
	case 1: return rnd(r, 6);	/* incl. USERPTR, OVERLAY, DMABUF */
	default: return rnd_u32(r);
	}
}

static uint32_t pick_index(struct worker *w, int s)
{
	struct rng *r = &w->rng;

	if (w->slot[s].nbufs && chance(r, 75))
		return rnd(r, w->slot[s].nbufs);
	return chance(r, 50) ? rnd(r, 64) : rnd_u32(r);
}

static uint32_t pick_fourcc(struct rng *r)
{
	static const uint32_t f[] = {
		V4L2_PIX_FMT_UYVY, V4L2_PIX_FMT_YUYV, V4L2_PIX_FMT_NV16,
		v4l2_fourcc('P', '0', '1', '0'), v4l2_fourcc('Y', '2', '1', '0'),
		v4l2_fourcc('v', '2', '1', '0'), v4l2_fourcc('S', '8', 'A', 'N'),
		V4L2_PIX_FMT_NV12, V4L2_PIX_FMT_RGB24, V4L2_PIX_FMT_MJPEG, 0,
		0xffffffff,
	};

	if (chance(r, 85))
		return f[rnd(r, sizeof(f) / sizeof(f[0]))];
	return rnd_u32(r);
}

static uint32_t pick_field(struct rng *r)
{
	if (chance(r, 80))
		return rnd(r, 11);	/* V4L2_FIELD_ANY .. NONE .. ALTERNATE */
	return rnd_u32(r);
}

/* a user pointer: scratch memory, NULL, unmapped, kernel, misaligned */
static uint64_t pick_ptr(struct rng *r, size_t *len)
{
	size_t n = chance(r, 50) ? rnd(r, 65536) : rnd(r, SCRATCH_SIZE);

	if (len)
		*len = n;
	switch (rnd(r, 8)) {
	case 0: return 0;
	case 1: return 0x1000;				/* unmapped */
	case 2: return 0xffff888000000000ull;		/* kernel */
	case 3: return 0x00007ffffffff000ull;		/* top of user */
	case 4: return rnd64(r);			/* anything */
	case 5: return (uintptr_t)(scratch + 1);	/* misaligned */
	default: {
		size_t off = rnd(r, SCRATCH_SIZE);

		if (len && *len > SCRATCH_SIZE - off)
			*len = SCRATCH_SIZE - off;
		return (uintptr_t)(scratch + (off & ~(size_t)4095));
	}
	}
}

static uint32_t pick_ctrl_id(struct rng *r, unsigned int *which)
{
	static const uint32_t extra[] = {
		0, V4L2_CID_BRIGHTNESS, V4L2_CID_USER_CLASS,
		V4L2_CID_DV_RX_POWER_PRESENT, 0x00981f00, 0x0098f000,
		0x0098f006, 0x0098ffff, 0x00a40000, 0x00a40001, 0x00a40002,
		0x00a40003, V4L2_CTRL_FLAG_NEXT_CTRL, V4L2_CTRL_FLAG_NEXT_COMPOUND,
		0xffffffff, 0x80000000,
	};

	*which = (unsigned int)-1;
	if (n_ctrls && chance(r, 70)) {
		*which = rnd(r, n_ctrls);
		return ctrls[*which].id;
	}
	if (chance(r, 60))
		return extra[rnd(r, sizeof(extra) / sizeof(extra[0]))];
	return rnd_u32(r);
}

static int64_t pick_ctrl_value(struct rng *r, unsigned int which)
{
	if (which != (unsigned int)-1 && chance(r, 50)) {
		const struct ctrl_info *c = &ctrls[which];

		switch (rnd(r, 4)) {
		case 0: return c->min;
		case 1: return c->max;
		case 2: return c->max + 1;
		default:
			if (c->max > c->min)
				return c->min + (int64_t)(rnd64(r) % (uint64_t)(c->max - c->min + 1));
			return c->min - 1;
		}
	}
	return chance(r, 50) ? (int32_t)rnd_u32(r) : (int64_t)rnd64(r);
}

/* ---- the slots ---- */

static void slot_close(struct worker *w, int s)
{
	struct slot *sl = &w->slot[s];

	if (sl->fd >= 0) {
		note(w, s, "close");
		close(sl->fd);
	}
	sl->fd = -1;
}

static void slot_open(struct worker *w, int s)
{
	struct rng *r = &w->rng;
	struct slot *sl = &w->slot[s];
	struct v4l2_capability cap;
	int flags = O_RDWR;

	sl->node = rnd(r, n_nodes);
	if (chance(r, 90))
		flags |= O_NONBLOCK;
	if (chance(r, 5))
		flags = (flags & ~O_RDWR) | O_RDONLY;
	note(w, s, "open flags 0x%x", flags);
	sl->fd = open(nodes[sl->node], flags | O_CLOEXEC);
	count_errno(sl->fd, errno);
	sl->nbufs = 0;
	sl->memory = V4L2_MEMORY_MMAP;
	sl->meta = strstr(nodes[sl->node], "meta") != NULL;
	memset(&cap, 0, sizeof(cap));
	if (sl->fd >= 0 && ioctl(sl->fd, VIDIOC_QUERYCAP, &cap) == 0)
		sl->meta = !!(cap.device_caps & V4L2_CAP_META_CAPTURE);
	sl->type = sl->meta ? V4L2_BUF_TYPE_META_CAPTURE : V4L2_BUF_TYPE_VIDEO_CAPTURE;
}

/* ---- operations ---- */

static void op_fmt(struct worker *w, int s, enum op op)
{
	struct rng *r = &w->rng;
	struct v4l2_format f;
	unsigned long req = op == OP_G_FMT ? VIDIOC_G_FMT :
			    op == OP_S_FMT ? VIDIOC_S_FMT : VIDIOC_TRY_FMT;

	memset(&f, 0, sizeof(f));
	f.type = pick_type(w, s);
	if (op != OP_G_FMT && chance(r, 50)) {
		/* start from the current format, then change some of it */
		struct v4l2_format g = { .type = f.type };

		if (ioctl(w->slot[s].fd, VIDIOC_G_FMT, &g) == 0)
			f = g;
	}
	if (op != OP_G_FMT) {
		if (f.type == V4L2_BUF_TYPE_META_CAPTURE) {
			if (chance(r, 50))
				f.fmt.meta.dataformat = pick_fourcc(r);
			if (chance(r, 50))
				f.fmt.meta.buffersize = rnd_u32(r);
		} else if (chance(r, 90)) {
			if (chance(r, 60))
				f.fmt.pix.pixelformat = pick_fourcc(r);
			if (chance(r, 40))
				f.fmt.pix.width = rnd_u32(r);
			if (chance(r, 40))
				f.fmt.pix.height = rnd_u32(r);
			if (chance(r, 40))
				f.fmt.pix.field = pick_field(r);
			if (chance(r, 30))
				f.fmt.pix.bytesperline = rnd_u32(r);
			if (chance(r, 30))
				f.fmt.pix.sizeimage = rnd_u32(r);
			if (chance(r, 20))
				f.fmt.pix.colorspace = rnd_u32(r);
			if (chance(r, 20))
				f.fmt.pix.priv = chance(r, 50) ? V4L2_PIX_FMT_PRIV_MAGIC : rnd_u32(r);
			if (chance(r, 20))
				f.fmt.pix.flags = rnd_u32(r);
			if (chance(r, 10))
				f.fmt.pix.quantization = rnd_u32(r);
		} else {
			rnd_fill(r, f.fmt.raw_data, sizeof(f.fmt.raw_data));
		}
	}
	note(w, s, "%s type %u %.4s %ux%u field %u bpl %u size %u", op_names[op],
	     f.type, (char *)&f.fmt.pix.pixelformat, f.fmt.pix.width,
	     f.fmt.pix.height, f.fmt.pix.field, f.fmt.pix.bytesperline,
	     f.fmt.pix.sizeimage);
	xio(w, s, req, &f);
}

static void op_reqbufs(struct worker *w, int s)
{
	struct rng *r = &w->rng;
	struct v4l2_requestbuffers rb;

	memset(&rb, 0, sizeof(rb));
	rb.count = chance(r, 70) ? rnd(r, 10) : rnd_u32(r);
	rb.type = pick_type(w, s);
	rb.memory = pick_memory(w, s);
	if (chance(r, 10))
		rb.flags = (uint8_t)rnd_u32(r);
	note(w, s, "REQBUFS count %u type %u memory %u flags 0x%x", rb.count,
	     rb.type, rb.memory, rb.flags);
	if (xio(w, s, VIDIOC_REQBUFS, &rb) == 0 && rb.type == w->slot[s].type) {
		w->slot[s].nbufs = rb.count;
		w->slot[s].memory = rb.memory;
	}
}

static void op_create_bufs(struct worker *w, int s)
{
	struct rng *r = &w->rng;
	struct v4l2_create_buffers cb;

	memset(&cb, 0, sizeof(cb));
	cb.count = chance(r, 70) ? rnd(r, 8) : rnd_u32(r);
	cb.memory = pick_memory(w, s);
	cb.format.type = pick_type(w, s);
	if (chance(r, 80))
		ioctl(w->slot[s].fd, VIDIOC_G_FMT, &cb.format);
	else
		rnd_fill(r, &cb.format.fmt, sizeof(cb.format.fmt));
	if (chance(r, 50)) {
		uint32_t size = chance(r, 50) ? rnd_u32(r) :
				rnd(r, 2) ? 0xffffffffu : (uint32_t)rnd(r, 256) << 20;

		if (cb.format.type == V4L2_BUF_TYPE_META_CAPTURE)
			cb.format.fmt.meta.buffersize = size;
		else
			cb.format.fmt.pix.sizeimage = size;
	}
	note(w, s, "CREATE_BUFS count %u memory %u type %u size %u/%u", cb.count,
	     cb.memory, cb.format.type, cb.format.fmt.pix.sizeimage,
	     cb.format.fmt.meta.buffersize);
	if (xio(w, s, VIDIOC_CREATE_BUFS, &cb) == 0 &&
	    cb.format.type == w->slot[s].type) {
		w->slot[s].nbufs = cb.index + cb.count;
		w->slot[s].memory = cb.memory;
	}
}

/* fill a v4l2_buffer for QUERYBUF/QBUF/DQBUF/PREPARE_BUF */
static void fill_buf(struct worker *w, int s, struct v4l2_buffer *b,
		     struct v4l2_plane *planes, int hostile)
{
	struct rng *r = &w->rng;
	size_t len;

	memset(b, 0, sizeof(*b));
	b->index = pick_index(w, s);
	b->type = pick_type(w, s);
	b->memory = pick_memory(w, s);
	if (!hostile)
		return;
	if (chance(r, 20))
		b->flags = rnd_u32(r);
	if (chance(r, 20))
		b->field = pick_field(r);
	if (chance(r, 20))
		b->bytesused = rnd_u32(r);
	if (chance(r, 20))
		b->length = rnd_u32(r);
	if (chance(r, 10))
		b->request_fd = (int32_t)rnd_u32(r);
	if (b->type == V4L2_BUF_TYPE_VIDEO_CAPTURE_MPLANE ||
	    b->type == V4L2_BUF_TYPE_VIDEO_OUTPUT_MPLANE || chance(r, 5)) {
		/* multi-planar: a plane array, a bad one or a bad length */
		rnd_fill(r, planes, sizeof(*planes) * VIDEO_MAX_PLANES);
		b->length = chance(r, 70) ? rnd(r, VIDEO_MAX_PLANES + 1) : rnd_u32(r);
		b->m.planes = chance(r, 80) ? planes :
			      (struct v4l2_plane *)(uintptr_t)pick_ptr(r, NULL);
		return;
	}
	switch (b->memory) {
	case V4L2_MEMORY_USERPTR:
		b->m.userptr = (unsigned long)pick_ptr(r, &len);
		if (chance(r, 70))
			b->length = (uint32_t)len;
		break;
	case V4L2_MEMORY_DMABUF: {
		int d = w->dmabuf[rnd(r, MAX_DMABUFS)];

		b->m.fd = chance(r, 60) && d >= 0 ? d :
			  chance(r, 50) ? w->slot[rnd(r, opt_fds)].fd : (int32_t)rnd_u32(r);
		break;
	}
	default:
		if (chance(r, 20))
			b->m.offset = rnd_u32(r);
	}
}

static void op_buf(struct worker *w, int s, enum op op)
{
	struct v4l2_plane planes[VIDEO_MAX_PLANES];
	struct v4l2_buffer b;
	unsigned long req = op == OP_QUERYBUF ? VIDIOC_QUERYBUF :
			    op == OP_QBUF ? VIDIOC_QBUF :
			    op == OP_DQBUF ? VIDIOC_DQBUF : VIDIOC_PREPARE_BUF;

	fill_buf(w, s, &b, planes, op != OP_DQBUF || chance(&w->rng, 20));
	note(w, s, "%s index %u type %u memory %u length %u flags 0x%x m 0x%lx",
	     op_names[op], b.index, b.type, b.memory, b.length, b.flags,
	     b.m.userptr);
	if (xio(w, s, req, &b) == 0 && op == OP_DQBUF)
		atomic_fetch_add(&n_dequeued, 1);
}

static void keep_dmabuf(struct worker *w, int fd)
{
	struct rng *r = &w->rng;
	int i = (int)rnd(r, MAX_DMABUFS);

	if (w->dmabuf[i] >= 0)
		close(w->dmabuf[i]);
	w->dmabuf[i] = fd;
}

static void op_expbuf(struct worker *w, int s)
{
	struct rng *r = &w->rng;
	struct v4l2_exportbuffer e;

	memset(&e, 0, sizeof(e));
	e.type = pick_type(w, s);
	e.index = pick_index(w, s);
	e.plane = chance(r, 80) ? 0 : rnd_u32(r);
	e.flags = chance(r, 80) ? (O_CLOEXEC | (chance(r, 50) ? O_RDWR : O_RDONLY)) : rnd_u32(r);
	note(w, s, "EXPBUF type %u index %u plane %u flags 0x%x", e.type,
	     e.index, e.plane, e.flags);
	if (xio(w, s, VIDIOC_EXPBUF, &e) == 0)
		keep_dmabuf(w, e.fd);
}

/* dmabuf-op: mmap/poll/close an exported DMABUF */
static void op_dmabuf(struct worker *w)
{
	struct rng *r = &w->rng;
	int i = (int)rnd(r, MAX_DMABUFS), fd = w->dmabuf[i];

	if (fd < 0)
		return;
	switch (rnd(r, 3)) {
	case 0: {
		size_t len = (size_t)(rnd(r, 64) + 1) << 12;
		void *p;

		note(w, -1, "dmabuf mmap fd %d len %zu", fd, len);
		p = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, 0);
		count_errno(p == MAP_FAILED ? -1 : 0, errno);
		if (p != MAP_FAILED) {
			w->jmp_armed = 1;
			if (!sigsetjmp(w->jmp, 1))
				(void)*(volatile unsigned char *)p;
			w->jmp_armed = 0;
			munmap(p, len);
		}
		break;
	}
	case 1: {
		struct pollfd p = { .fd = fd, .events = POLLIN | POLLOUT };

		note(w, -1, "dmabuf poll fd %d", fd);
		count_errno(poll(&p, 1, 0), errno);
		break;
	}
	default:
		note(w, -1, "dmabuf close fd %d", fd);
		close(fd);
		w->dmabuf[i] = -1;
	}
}

static void op_stream(struct worker *w, int s, enum op op)
{
	int type = (int)pick_type(w, s);

	note(w, s, "%s type %d", op_names[op], type);
	xio(w, s, op == OP_STREAMON ? VIDIOC_STREAMON : VIDIOC_STREAMOFF, &type);
}

static void rnd_timings(struct rng *r, struct v4l2_dv_timings *t)
{
	memset(t, 0, sizeof(*t));
	if (n_timings && chance(r, 60)) {
		*t = timings[rnd(r, n_timings)];
		if (chance(r, 70))
			return;
	}
	if (chance(r, 20)) {
		rnd_fill(r, t, sizeof(*t));
		return;
	}
	t->type = chance(r, 90) ? V4L2_DV_BT_656_1120 : rnd_u32(r);
	if (chance(r, 50))
		t->bt.width = rnd_u32(r);
	if (chance(r, 50))
		t->bt.height = rnd_u32(r);
	if (chance(r, 30))
		t->bt.interlaced = rnd_u32(r);
	if (chance(r, 50))
		t->bt.pixelclock = chance(r, 50) ? rnd64(r) : rnd_u32(r);
	if (chance(r, 30)) {
		t->bt.hfrontporch = rnd_u32(r);
		t->bt.hsync = rnd_u32(r);
		t->bt.hbackporch = rnd_u32(r);
	}
	if (chance(r, 30)) {
		t->bt.vfrontporch = rnd_u32(r);
		t->bt.vsync = rnd_u32(r);
		t->bt.vbackporch = rnd_u32(r);
		t->bt.il_vfrontporch = rnd_u32(r);
		t->bt.il_vsync = rnd_u32(r);
		t->bt.il_vbackporch = rnd_u32(r);
	}
	if (chance(r, 20)) {
		t->bt.standards = rnd_u32(r);
		t->bt.flags = rnd_u32(r);
	}
}

static void op_dv(struct worker *w, int s, enum op op)
{
	struct rng *r = &w->rng;

	switch (op) {
	case OP_G_DV_TIMINGS:
	case OP_QUERY_DV_TIMINGS: {
		struct v4l2_dv_timings t;

		memset(&t, 0, sizeof(t));
		if (chance(r, 10))
			rnd_fill(r, &t, sizeof(t));
		note(w, s, "%s", op_names[op]);
		xio(w, s, op == OP_G_DV_TIMINGS ? VIDIOC_G_DV_TIMINGS :
		    VIDIOC_QUERY_DV_TIMINGS, &t);
		break;
	}
	case OP_S_DV_TIMINGS: {
		struct v4l2_dv_timings t;

		rnd_timings(r, &t);
		note(w, s, "S_DV_TIMINGS type %u %ux%u%s pixclk %llu", t.type,
		     t.bt.width, t.bt.height, t.bt.interlaced ? "i" : "p",
		     (unsigned long long)t.bt.pixelclock);
		xio(w, s, VIDIOC_S_DV_TIMINGS, &t);
		break;
	}
	case OP_ENUM_DV_TIMINGS: {
		struct v4l2_enum_dv_timings e;

		memset(&e, 0, sizeof(e));
		e.index = chance(r, 80) ? rnd(r, 40) : rnd_u32(r);
		if (chance(r, 20))
			e.pad = rnd_u32(r);
		if (chance(r, 10))
			e.reserved[rnd(r, 2)] = rnd_u32(r);
		note(w, s, "ENUM_DV_TIMINGS index %u pad %u", e.index, e.pad);
		xio(w, s, VIDIOC_ENUM_DV_TIMINGS, &e);
		break;
	}
	default: {
		struct v4l2_dv_timings_cap c;

		memset(&c, 0, sizeof(c));
		if (chance(r, 20))
			c.pad = rnd_u32(r);
		note(w, s, "DV_TIMINGS_CAP pad %u", c.pad);
		xio(w, s, VIDIOC_DV_TIMINGS_CAP, &c);
	}
	}
}

static void op_ctrl(struct worker *w, int s, enum op op)
{
	struct rng *r = &w->rng;
	struct v4l2_control c;
	unsigned int which;

	c.id = pick_ctrl_id(r, &which);
	c.value = (int32_t)pick_ctrl_value(r, which);
	note(w, s, "%s id 0x%x value %d", op_names[op], c.id, c.value);
	xio(w, s, op == OP_G_CTRL ? VIDIOC_G_CTRL : VIDIOC_S_CTRL, &c);
}

static void op_ext_ctrls(struct worker *w, int s, enum op op)
{
	struct rng *r = &w->rng;
	struct v4l2_ext_control *c = (struct v4l2_ext_control *)w->garbage;
	unsigned int max = GARBAGE_SIZE / sizeof(*c), i, n, which;
	struct v4l2_ext_controls cs;
	unsigned long req = op == OP_G_EXT_CTRLS ? VIDIOC_G_EXT_CTRLS :
			    op == OP_S_EXT_CTRLS ? VIDIOC_S_EXT_CTRLS : VIDIOC_TRY_EXT_CTRLS;

	memset(&cs, 0, sizeof(cs));
	n = chance(r, 85) ? rnd(r, 5) : chance(r, 50) ? max : rnd_u32(r);
	switch (rnd(r, 6)) {
	case 0: cs.which = V4L2_CTRL_WHICH_DEF_VAL; break;
	case 1: cs.which = V4L2_CTRL_WHICH_REQUEST_VAL; break;
	case 2: cs.which = V4L2_CTRL_CLASS_USER; break;
	case 3: cs.which = rnd_u32(r); break;
	default: cs.which = V4L2_CTRL_WHICH_CUR_VAL;
	}
	cs.count = n;
	if (chance(r, 10))
		cs.request_fd = (int32_t)rnd_u32(r);
	memset(c, 0, GARBAGE_SIZE);
	for (i = 0; i < n && i < max; i++) {
		size_t len;

		c[i].id = pick_ctrl_id(r, &which);
		if (which != (unsigned int)-1 &&
		    (ctrls[which].flags & V4L2_CTRL_FLAG_HAS_PAYLOAD)) {
			const struct ctrl_info *ci = &ctrls[which];

			c[i].size = chance(r, 70) ? ci->elem_size * ci->elems :
				    rnd_u32(r);
			c[i].ptr = chance(r, 80) ?
				   scratch + rnd(r, SCRATCH_SIZE - 65536) :
				   (void *)(uintptr_t)pick_ptr(r, &len);
		} else if (chance(r, 10)) {
			c[i].size = rnd_u32(r);
			c[i].ptr = (void *)(uintptr_t)pick_ptr(r, &len);
		} else {
			c[i].value64 = pick_ctrl_value(r, which);
		}
	}
	if (chance(r, 5))
		rnd_fill(r, c, GARBAGE_SIZE);
	cs.controls = chance(r, 95) ? c :
		      (struct v4l2_ext_control *)(uintptr_t)pick_ptr(r, NULL);
	note(w, s, "%s which 0x%x count %u id0 0x%x size0 %u", op_names[op],
	     cs.which, cs.count, n ? c[0].id : 0, n ? c[0].size : 0);
	xio(w, s, req, &cs);
}

static void op_query(struct worker *w, int s, enum op op)
{
	struct rng *r = &w->rng;
	unsigned int which;

	if (op == OP_QUERYCTRL) {
		struct v4l2_queryctrl q;

		memset(&q, 0, sizeof(q));
		q.id = pick_ctrl_id(r, &which);
		if (chance(r, 30))
			q.id |= V4L2_CTRL_FLAG_NEXT_CTRL;
		note(w, s, "QUERYCTRL id 0x%x", q.id);
		xio(w, s, VIDIOC_QUERYCTRL, &q);
	} else if (op == OP_QUERY_EXT_CTRL) {
		struct v4l2_query_ext_ctrl q;

		memset(&q, 0, sizeof(q));
		q.id = pick_ctrl_id(r, &which);
		if (chance(r, 30))
			q.id |= V4L2_CTRL_FLAG_NEXT_CTRL | V4L2_CTRL_FLAG_NEXT_COMPOUND;
		note(w, s, "QUERY_EXT_CTRL id 0x%x", q.id);
		xio(w, s, VIDIOC_QUERY_EXT_CTRL, &q);
	} else {
		struct v4l2_querymenu m;

		memset(&m, 0, sizeof(m));
		m.id = pick_ctrl_id(r, &which);
		m.index = chance(r, 80) ? rnd(r, 6) : rnd_u32(r);
		note(w, s, "QUERYMENU id 0x%x index %u", m.id, m.index);
		xio(w, s, VIDIOC_QUERYMENU, &m);
	}
}

static void op_event(struct worker *w, int s, enum op op)
{
	struct rng *r = &w->rng;
	static const uint32_t types[] = {
		V4L2_EVENT_ALL, V4L2_EVENT_VSYNC, V4L2_EVENT_EOS,
		V4L2_EVENT_CTRL, V4L2_EVENT_FRAME_SYNC,
		V4L2_EVENT_SOURCE_CHANGE, V4L2_EVENT_MOTION_DET,
		V4L2_EVENT_PRIVATE_START, V4L2_EVENT_PRIVATE_START + 1,
	};
	unsigned int which;

	if (op == OP_DQEVENT) {
		struct v4l2_event e;

		memset(&e, 0, sizeof(e));
		note(w, s, "DQEVENT");
		xio(w, s, VIDIOC_DQEVENT, &e);
		return;
	}
	struct v4l2_event_subscription sub;

	memset(&sub, 0, sizeof(sub));
	sub.type = chance(r, 85) ? types[rnd(r, sizeof(types) / sizeof(types[0]))] : rnd_u32(r);
	sub.id = sub.type == V4L2_EVENT_CTRL ? pick_ctrl_id(r, &which) :
		 chance(r, 70) ? rnd(r, 5) : rnd_u32(r);
	sub.flags = chance(r, 70) ? rnd(r, 4) : rnd_u32(r);
	note(w, s, "%s type 0x%x id 0x%x flags 0x%x", op_names[op], sub.type,
	     sub.id, sub.flags);
	xio(w, s, op == OP_SUBSCRIBE_EVENT ? VIDIOC_SUBSCRIBE_EVENT :
	    VIDIOC_UNSUBSCRIBE_EVENT, &sub);
}

static void op_parm(struct worker *w, int s, enum op op)
{
	struct rng *r = &w->rng;
	struct v4l2_streamparm p;

	memset(&p, 0, sizeof(p));
	p.type = pick_type(w, s);
	if (op == OP_S_PARM) {
		if (chance(r, 70)) {
			p.parm.capture.timeperframe.numerator = rnd_u32(r);
			p.parm.capture.timeperframe.denominator = rnd_u32(r);
			p.parm.capture.readbuffers = rnd_u32(r);
			p.parm.capture.capturemode = rnd_u32(r);
		} else {
			rnd_fill(r, p.parm.raw_data, sizeof(p.parm.raw_data));
		}
	}
	note(w, s, "%s type %u tpf %u/%u", op_names[op], p.type,
	     p.parm.capture.timeperframe.numerator,
	     p.parm.capture.timeperframe.denominator);
	xio(w, s, op == OP_G_PARM ? VIDIOC_G_PARM : VIDIOC_S_PARM, &p);
}

static void op_input(struct worker *w, int s, enum op op)
{
	struct rng *r = &w->rng;

	if (op == OP_ENUM_INPUT) {
		struct v4l2_input in;

		memset(&in, 0, sizeof(in));
		in.index = chance(r, 80) ? rnd(r, 5) : rnd_u32(r);
		note(w, s, "ENUM_INPUT index %u", in.index);
		xio(w, s, VIDIOC_ENUMINPUT, &in);
	} else {
		int i = chance(r, 80) ? (int)rnd(r, 3) : (int)rnd_u32(r);

		note(w, s, "%s %d", op_names[op], i);
		xio(w, s, op == OP_G_INPUT ? VIDIOC_G_INPUT : VIDIOC_S_INPUT, &i);
	}
}

static void op_priority(struct worker *w, int s)
{
	struct rng *r = &w->rng;
	uint32_t p = chance(r, 80) ? rnd(r, 4) : rnd_u32(r);
	int set = chance(r, 50);

	note(w, s, "%s_PRIORITY %u", set ? "S" : "G", p);
	xio(w, s, set ? VIDIOC_S_PRIORITY : VIDIOC_G_PRIORITY, &p);
}

/* misc: V4L2 ioctls the nodes do not implement, with zeroed or random args */
static void op_misc(struct worker *w, int s)
{
	static const unsigned long reqs[] = {
		VIDIOC_ENUMSTD, VIDIOC_G_STD, VIDIOC_S_STD, VIDIOC_QUERYSTD,
		VIDIOC_G_SELECTION, VIDIOC_S_SELECTION, VIDIOC_ENUM_FRAMESIZES,
		VIDIOC_ENUM_FRAMEINTERVALS, VIDIOC_G_EDID, VIDIOC_S_EDID,
		VIDIOC_G_TUNER, VIDIOC_G_AUDIO, VIDIOC_ENUMAUDIO,
		VIDIOC_G_FBUF, VIDIOC_OVERLAY, VIDIOC_G_CROP, VIDIOC_CROPCAP,
		VIDIOC_G_JPEGCOMP, VIDIOC_ENCODER_CMD, VIDIOC_DECODER_CMD,
		VIDIOC_G_ENC_INDEX, VIDIOC_QUERY_EXT_CTRL, VIDIOC_G_SLICED_VBI_CAP,
		VIDIOC_ENUM_FREQ_BANDS, VIDIOC_G_OUTPUT, VIDIOC_ENUMOUTPUT,
		VIDIOC_G_MODULATOR, VIDIOC_G_FREQUENCY,
		/* VIDIOC_REMOVE_BUFS (Linux 6.10), not in older headers */
		_IOC(_IOC_READ | _IOC_WRITE, 'V', 104, 64),
	};
	struct rng *r = &w->rng;
	unsigned long req = reqs[rnd(r, sizeof(reqs) / sizeof(reqs[0]))];
	size_t size = _IOC_SIZE(req);

	if (chance(r, 50))
		rnd_fill(r, w->garbage, size);
	else
		memset(w->garbage, 0, size);
	note(w, s, "misc 0x%lx", req);
	xio(w, s, req, w->garbage);
}

/* ioctl numbers the VFS itself acts on (freeze, async I/O signals, ...) */
static int vfs_ioctl(unsigned long req)
{
	unsigned int type = _IOC_TYPE(req);

	return type == 'T' || type == 'X' || type == 'f' || type == 0x94 ||
	       type == 0x12 || type == 0x15 || type == '$' || type == 0;
}

static void op_garbage(struct worker *w, int s, enum op op)
{
	struct rng *r = &w->rng;
	unsigned long req;
	void *arg = w->garbage;

	if (op == OP_GARBAGE_STRUCT) {
		/* a V4L2 ioctl number (0..~110) with random bytes */
		unsigned int nr = rnd(r, 112), size;

		/* not EXPBUF: a DMABUF fd this thread does not know would leak */
		if (nr == _IOC_NR(VIDIOC_EXPBUF))
			nr++;
		size = chance(r, 80) ? rnd(r, 256) : rnd(r, GARBAGE_SIZE);
		req = _IOC(rnd(r, 4), 'V', nr, size);
		rnd_fill(r, w->garbage, size + 64 < GARBAGE_SIZE ? size + 64 : size);
	} else {
		do {
			switch (rnd(r, 3)) {
			case 0:	/* 'V', any number, any size */
				req = _IOC(rnd(r, 4), 'V', rnd(r, 256), rnd(r, _IOC_SIZEMASK + 1));
				break;
			case 1:
				req = (uint32_t)rnd64(r);
				break;
			default:
				req = rnd64(r);
			}
		} while (vfs_ioctl(req & 0xffffffff));
		if (_IOC_SIZE(req) <= GARBAGE_SIZE)
			rnd_fill(r, w->garbage, _IOC_SIZE(req));
		if (chance(r, 20))
			arg = (void *)(uintptr_t)pick_ptr(r, NULL);
	}
	note(w, s, "%s 0x%lx arg %p", op_names[op], req, arg);
	xio(w, s, req, arg);
}

static void op_mmap(struct worker *w, int s)
{
	struct rng *r = &w->rng;
	struct v4l2_buffer b;
	off_t off;
	size_t len;
	int prot, flags, i;
	void *p;

	for (i = 0; i < MAX_MAPS && w->map[i].addr; i++)
		;
	if (i == MAX_MAPS)
		return;
	memset(&b, 0, sizeof(b));
	b.type = w->slot[s].type;
	b.memory = V4L2_MEMORY_MMAP;
	b.index = pick_index(w, s);
	if (ioctl(w->slot[s].fd, VIDIOC_QUERYBUF, &b) == 0 && chance(r, 75)) {
		off = b.m.offset;
		len = b.length;
		if (chance(r, 20))
			off += (off_t)rnd(r, 4) << 12;
		if (chance(r, 20))
			len = chance(r, 50) ? len + 4096 : (size_t)rnd(r, (uint32_t)len + 1);
	} else {
		off = chance(r, 50) ? (off_t)rnd(r, 64) << 12 : (off_t)(rnd64(r) & 0x7ffffffffffff000ull);
		len = chance(r, 80) ? (size_t)(rnd(r, 4096) + 1) << 12 : (size_t)rnd64(r);
	}
	if (chance(r, 5))
		off |= rnd(r, 4096);
	prot = chance(r, 80) ? PROT_READ | PROT_WRITE : (int)rnd(r, 8);
	flags = chance(r, 90) ? MAP_SHARED : MAP_PRIVATE;
	note(w, s, "mmap off 0x%llx len %zu prot %d flags %d",
	     (unsigned long long)off, len, prot, flags);
	p = mmap(NULL, len, prot, flags, w->slot[s].fd, off);
	count_errno(p == MAP_FAILED ? -1 : 0, errno);
	if (p == MAP_FAILED)
		return;
	w->map[i].addr = p;
	w->map[i].len = len;
	w->map[i].slot = s;
	if (!(prot & PROT_READ))
		w->map[i].slot = -1;	/* not to be touched */
	else if (!(prot & PROT_WRITE))
		w->map[i].slot = -2;	/* read only */
}

static void op_munmap(struct worker *w)
{
	struct rng *r = &w->rng;
	int i = (int)rnd(r, MAX_MAPS);
	struct map *m = &w->map[i];
	size_t pages;

	if (!m->addr)
		return;
	pages = (m->len + 4095) >> 12;
	if (pages > 2 && chance(r, 20)) {
		/* a hole in the middle: the mapping splits; unmap the rest later */
		note(w, -1, "munmap middle page of %p len %zu", m->addr, m->len);
		count_errno(munmap((char *)m->addr + 4096, 4096), errno);
		munmap(m->addr, 4096);
		m->addr = (char *)m->addr + 8192;
		m->len = (pages - 2) << 12;
		return;
	}
	note(w, -1, "munmap %p len %zu", m->addr, m->len);
	count_errno(munmap(m->addr, m->len), errno);
	m->addr = NULL;
}

static void op_touch(struct worker *w)
{
	struct rng *r = &w->rng;
	struct map *m = &w->map[rnd(r, MAX_MAPS)];
	size_t off;

	if (!m->addr || m->slot == -1 || !m->len)
		return;
	off = (size_t)(rnd64(r) % m->len);
	note(w, -1, "touch %p+%zu %s", m->addr, off, m->slot == -2 ? "r" : "rw");
	w->jmp_armed = 1;
	if (!sigsetjmp(w->jmp, 1)) {
		volatile unsigned char *p = (unsigned char *)m->addr + off;
		unsigned char v = *p;

		if (m->slot >= 0)
			*p = (unsigned char)(v + 1);
	} else {
		atomic_fetch_add(&n_faults, 1);
	}
	w->jmp_armed = 0;
}

static void op_poll(struct worker *w, int s)
{
	struct rng *r = &w->rng;
	struct pollfd p[MAX_FDS];
	unsigned int i, n = 0;

	for (i = 0; i < opt_fds; i++)
		if (w->slot[i].fd >= 0 && (i == (unsigned int)s || chance(r, 30))) {
			p[n].fd = w->slot[i].fd;
			p[n++].events = (short)(chance(r, 80) ? POLLIN | POLLPRI : rnd_u32(r));
		}
	note(w, s, "poll %u fds", n);
	count_errno(poll(p, n, (int)rnd(r, 20)), errno);
}

static void op_rw(struct worker *w, int s, enum op op)
{
	struct rng *r = &w->rng;
	size_t len = chance(r, 50) ? rnd(r, GARBAGE_SIZE) : rnd(r, SCRATCH_SIZE);
	void *buf = len <= GARBAGE_SIZE ? (void *)w->garbage : (void *)scratch;
	ssize_t n;

	note(w, s, "%s %zu", op_names[op], len);
	if (op == OP_READ)
		n = read(w->slot[s].fd, buf, len);
	else
		n = write(w->slot[s].fd, buf, len);
	count_errno(n < 0 ? -1 : 0, errno);
}

/* stream-seq: a valid start, so that buffers really move */
static void op_stream_seq(struct worker *w, int s)
{
	struct rng *r = &w->rng;
	struct slot *sl = &w->slot[s];
	struct v4l2_requestbuffers rb;
	int type = (int)sl->type;
	uint32_t i;

	memset(&rb, 0, sizeof(rb));
	rb.count = 2 + rnd(r, 6);
	rb.type = sl->type;
	rb.memory = V4L2_MEMORY_MMAP;
	note(w, s, "stream-seq STREAMOFF, REQBUFS 0");
	xio(w, s, VIDIOC_STREAMOFF, &type);
	rb.count = 0;
	xio(w, s, VIDIOC_REQBUFS, &rb);
	if (!sl->meta && chance(r, 80)) {
		/* as v4l2-ctl --set-dv-bt-timings query: frames flow */
		struct v4l2_dv_timings t;
		struct v4l2_format f = { .type = sl->type };

		memset(&t, 0, sizeof(t));
		note(w, s, "stream-seq QUERY_DV_TIMINGS, S_DV_TIMINGS");
		if (xio(w, s, VIDIOC_QUERY_DV_TIMINGS, &t) == 0)
			xio(w, s, VIDIOC_S_DV_TIMINGS, &t);
		note(w, s, "stream-seq G_FMT, S_FMT");
		if (xio(w, s, VIDIOC_G_FMT, &f) == 0) {
			f.fmt.pix.pixelformat = pick_fourcc(r);
			xio(w, s, VIDIOC_S_FMT, &f);
		}
	}
	rb.count = 2 + rnd(r, 6);
	note(w, s, "stream-seq REQBUFS %u", rb.count);
	if (xio(w, s, VIDIOC_REQBUFS, &rb) < 0)
		return;
	sl->nbufs = rb.count;
	sl->memory = rb.memory;
	for (i = 0; i < rb.count; i++) {
		struct v4l2_buffer b = { .index = i, .type = sl->type, .memory = rb.memory };

		note(w, s, "stream-seq QBUF %u", i);
		xio(w, s, VIDIOC_QBUF, &b);
	}
	note(w, s, "stream-seq STREAMON");
	xio(w, s, VIDIOC_STREAMON, &type);
}

/* requeue: wait up to 60 ms for a buffer, DQBUF what is ready, queue it again */
static void op_requeue(struct worker *w, int s)
{
	struct v4l2_buffer b;
	struct slot *sl = &w->slot[s];
	struct pollfd p = { .fd = sl->fd, .events = POLLIN };
	int i;

	note(w, s, "requeue poll");
	count_errno(poll(&p, 1, 60), errno);
	for (i = 0; i < 4; i++) {
		memset(&b, 0, sizeof(b));
		b.type = sl->type;
		b.memory = sl->memory;
		note(w, s, "requeue DQBUF");
		if (xio(w, s, VIDIOC_DQBUF, &b) < 0)
			return;
		atomic_fetch_add(&n_dequeued, 1);
		note(w, s, "requeue QBUF %u seq %u bytesused %u", b.index,
		     b.sequence, b.bytesused);
		xio(w, s, VIDIOC_QBUF, &b);
	}
}

static unsigned int op_total;	/* sum of op_weight, set before the threads */

static enum op pick_op(struct rng *r)
{
	unsigned int x, i, total = op_total;

	if (rnd(r, 2000) == 0)
		return OP_LOG_STATUS;
	x = rnd(r, total);
	for (i = 0; i < N_OPS; i++) {
		if (x < op_weight[i])
			return (enum op)i;
		x -= op_weight[i];
	}
	return OP_QUERYCAP;
}

static void run_op(struct worker *w, enum op op, int s)
{
	switch (op) {
	case OP_QUERYCAP: {
		struct v4l2_capability c;

		note(w, s, "QUERYCAP");
		xio(w, s, VIDIOC_QUERYCAP, &c);
		break;
	}
	case OP_ENUM_FMT: {
		struct v4l2_fmtdesc d;

		memset(&d, 0, sizeof(d));
		d.type = pick_type(w, s);
		d.index = chance(&w->rng, 80) ? rnd(&w->rng, 10) : rnd_u32(&w->rng);
		if (chance(&w->rng, 10))
			d.mbus_code = rnd_u32(&w->rng);
		note(w, s, "ENUM_FMT type %u index %u", d.type, d.index);
		xio(w, s, VIDIOC_ENUM_FMT, &d);
		break;
	}
	case OP_G_FMT: case OP_S_FMT: case OP_TRY_FMT:
		op_fmt(w, s, op);
		break;
	case OP_REQBUFS:
		op_reqbufs(w, s);
		break;
	case OP_CREATE_BUFS:
		op_create_bufs(w, s);
		break;
	case OP_QUERYBUF: case OP_PREPARE_BUF: case OP_QBUF: case OP_DQBUF:
		op_buf(w, s, op);
		break;
	case OP_EXPBUF:
		op_expbuf(w, s);
		break;
	case OP_STREAMON: case OP_STREAMOFF:
		op_stream(w, s, op);
		break;
	case OP_G_DV_TIMINGS: case OP_S_DV_TIMINGS: case OP_QUERY_DV_TIMINGS:
	case OP_ENUM_DV_TIMINGS: case OP_DV_TIMINGS_CAP:
		op_dv(w, s, op);
		break;
	case OP_G_CTRL: case OP_S_CTRL:
		op_ctrl(w, s, op);
		break;
	case OP_G_EXT_CTRLS: case OP_S_EXT_CTRLS: case OP_TRY_EXT_CTRLS:
		op_ext_ctrls(w, s, op);
		break;
	case OP_QUERYCTRL: case OP_QUERY_EXT_CTRL: case OP_QUERYMENU:
		op_query(w, s, op);
		break;
	case OP_SUBSCRIBE_EVENT: case OP_UNSUBSCRIBE_EVENT: case OP_DQEVENT:
		op_event(w, s, op);
		break;
	case OP_G_PARM: case OP_S_PARM:
		op_parm(w, s, op);
		break;
	case OP_ENUM_INPUT: case OP_G_INPUT: case OP_S_INPUT:
		op_input(w, s, op);
		break;
	case OP_LOG_STATUS:
		note(w, s, "LOG_STATUS");
		xio(w, s, VIDIOC_LOG_STATUS, NULL);
		break;
	case OP_PRIORITY:
		op_priority(w, s);
		break;
	case OP_MISC:
		op_misc(w, s);
		break;
	case OP_GARBAGE_NR: case OP_GARBAGE_STRUCT:
		op_garbage(w, s, op);
		break;
	case OP_MMAP:
		op_mmap(w, s);
		break;
	case OP_MUNMAP:
		op_munmap(w);
		break;
	case OP_TOUCH:
		op_touch(w);
		break;
	case OP_POLL:
		op_poll(w, s);
		break;
	case OP_READ: case OP_WRITE:
		op_rw(w, s, op);
		break;
	case OP_REOPEN:
		slot_close(w, s);
		slot_open(w, s);
		break;
	case OP_DMABUF:
		op_dmabuf(w);
		break;
	case OP_STREAM_SEQ:
		op_stream_seq(w, s);
		break;
	case OP_REQUEUE:
		op_requeue(w, s);
		break;
	case N_OPS:
		break;
	}
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	unsigned int i;
	int s;

	self = w;
	for (i = 0; i < MAX_DMABUFS; i++)
		w->dmabuf[i] = -1;
	for (i = 0; i < opt_fds; i++)
		slot_open(w, (int)i);
	while (!atomic_load(&stop)) {
		enum op op = pick_op(&w->rng);

		s = (int)rnd(&w->rng, opt_fds);
		if (w->slot[s].fd < 0) {
			slot_open(w, s);
			if (w->slot[s].fd < 0) {
				usleep(10000);
				continue;
			}
		}
		atomic_fetch_add(&op_count[op], 1);
		/* the watchdog interrupts an operation longer than 2 s */
		atomic_store(&w->op_start_ms, now_ms());
		run_op(w, op, s);
		atomic_store(&w->op_start_ms, 0);
	}
	note(w, -1, "cleanup");
	for (i = 0; i < MAX_MAPS; i++)
		if (w->map[i].addr)
			munmap(w->map[i].addr, w->map[i].len);
	for (i = 0; i < MAX_DMABUFS; i++)
		if (w->dmabuf[i] >= 0)
			close(w->dmabuf[i]);
	for (i = 0; i < opt_fds; i++)
		slot_close(w, (int)i);
	note(w, -1, "done");
	atomic_store(&w->op_start_ms, -1);
	return NULL;
}

/* ---- signals, the log, setup ---- */

static void on_fault(int sig)
{
	if (self && self->jmp_armed)
		siglongjmp(self->jmp, 1);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void on_interrupt(int sig)
{
	(void)sig;	/* EINTR is the point */
}

static int cmp_lines(const void *a, const void *b)
{
	return memcmp(a, b, 10);
}

/* dump_log(out, max): the ring's last max lines in order */
static void dump_log(FILE *out, size_t max)
{
	size_t n = log_size / LOG_LINE, i, used = 0;
	char *copy;

	if (!log_ring || !(copy = malloc(log_size)))
		return;
	for (i = 0; i < n; i++)
		if (log_ring[i * LOG_LINE] >= '0' && log_ring[i * LOG_LINE] <= '9')
			memcpy(copy + used++ * LOG_LINE, log_ring + i * LOG_LINE, LOG_LINE);
	qsort(copy, used, LOG_LINE, cmp_lines);
	for (i = used > max ? used - max : 0; i < used; i++)
		fwrite(copy + i * LOG_LINE, 1, LOG_LINE, out);
	free(copy);
}

static void collect_ctrls_and_timings(void)
{
	unsigned int i;

	for (i = 0; i < n_nodes; i++) {
		struct v4l2_query_ext_ctrl q = { .id = V4L2_CTRL_FLAG_NEXT_CTRL | V4L2_CTRL_FLAG_NEXT_COMPOUND };
		int fd = open(nodes[i], O_RDWR | O_NONBLOCK | O_CLOEXEC), k;

		if (fd < 0) {
			fprintf(stderr, "%s: %s\n", nodes[i], strerror(errno));
			continue;
		}
		while (n_ctrls < MAX_CTRLS && ioctl(fd, VIDIOC_QUERY_EXT_CTRL, &q) == 0) {
			unsigned int j;

			for (j = 0; j < n_ctrls && ctrls[j].id != q.id; j++)
				;
			if (j == n_ctrls) {
				ctrls[n_ctrls++] = (struct ctrl_info){
					.id = q.id, .type = q.type,
					.elem_size = q.elem_size,
					.elems = q.elems, .nr_of_dims = q.nr_of_dims,
					.flags = q.flags, .min = q.minimum,
					.max = q.maximum,
				};
			}
			q.id |= V4L2_CTRL_FLAG_NEXT_CTRL | V4L2_CTRL_FLAG_NEXT_COMPOUND;
		}
		for (k = 0; n_timings < MAX_TIMINGS; k++) {
			struct v4l2_enum_dv_timings e = { .index = (uint32_t)k };
			unsigned int j;

			if (ioctl(fd, VIDIOC_ENUM_DV_TIMINGS, &e) < 0)
				break;
			for (j = 0; j < n_timings &&
			     memcmp(&timings[j], &e.timings, sizeof(e.timings)); j++)
				;
			if (j == n_timings)
				timings[n_timings++] = e.timings;
		}
		close(fd);
	}
}

static void usage(const char *argv0)
{
	fprintf(stderr, "usage: %s [--seed N] [--duration S] [--threads T] "
		"[--fds F] [--log FILE] [--quiet] NODE...\n"
		"       %s --forge-last NODE...\n", argv0, argv0);
	exit(2);
}

/* --forge-last: a DQBUF whose flags say DONE and LAST fails, then close */
static int forge_last(int n, char **node)
{
	int i, bad = 0;

	for (i = 0; i < n; i++) {
		struct v4l2_requestbuffers rb = { .count = 2, .memory = V4L2_MEMORY_MMAP };
		struct v4l2_capability cap = { 0 };
		struct v4l2_buffer b = { .memory = V4L2_MEMORY_MMAP };
		const char *name;
		int fd, type, r;

		fd = open(node[i], O_RDWR | O_NONBLOCK);
		if (fd < 0 || ioctl(fd, VIDIOC_QUERYCAP, &cap) < 0) {
			fprintf(stderr, "%s: %s\n", node[i], strerror(errno));
			bad = 1;
			if (fd >= 0)
				close(fd);
			continue;
		}
		type = cap.device_caps & V4L2_CAP_META_CAPTURE ? V4L2_BUF_TYPE_META_CAPTURE :
		       V4L2_BUF_TYPE_VIDEO_CAPTURE;
		rb.type = (uint32_t)type;
		b.type = (uint32_t)type;
		b.flags = V4L2_BUF_FLAG_DONE | V4L2_BUF_FLAG_LAST;
		if (ioctl(fd, VIDIOC_REQBUFS, &rb) < 0 || ioctl(fd, VIDIOC_STREAMON, &type) < 0) {
			fprintf(stderr, "%s: REQBUFS/STREAMON: %s\n", node[i], strerror(errno));
			bad = 1;
			close(fd);
			continue;
		}
		r = ioctl(fd, VIDIOC_DQBUF, &b);
		name = r < 0 ? strerrorname_np(errno) : "0";
		printf("%s: DQBUF %s\n", node[i], name ? name : "?");
		close(fd);	/* no STREAMOFF: closing the file ends the stream */
	}
	return bad;
}

static unsigned long num_arg(const char *s, const char *argv0, unsigned long max)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || *end || end == s || v > max)
		usage(argv0);
	return v;
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	long start, end, hang_at;
	unsigned int i, hung = 0;
	int a;

	opt_seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	if (argc > 2 && !strcmp(argv[1], "--forge-last"))
		return forge_last(argc - 2, argv + 2);
	for (a = 1; a < argc; a++) {
		if (!strcmp(argv[a], "--seed") && a + 1 < argc)
			opt_seed = strtoull(argv[++a], NULL, 0);
		else if (!strcmp(argv[a], "--duration") && a + 1 < argc)
			opt_duration = (unsigned int)num_arg(argv[++a], argv[0], 86400 * 7);
		else if (!strcmp(argv[a], "--threads") && a + 1 < argc)
			opt_threads = (unsigned int)num_arg(argv[++a], argv[0], MAX_THREADS);
		else if (!strcmp(argv[a], "--fds") && a + 1 < argc)
			opt_fds = (unsigned int)num_arg(argv[++a], argv[0], MAX_FDS);
		else if (!strcmp(argv[a], "--log") && a + 1 < argc)
			opt_log = argv[++a];
		else if (!strcmp(argv[a], "--quiet"))
			opt_quiet = 1;
		else if (argv[a][0] == '-')
			usage(argv[0]);
		else if (n_nodes < MAX_NODES)
			nodes[n_nodes++] = argv[a];
	}
	if (!n_nodes || !opt_threads || !opt_fds)
		usage(argv[0]);
	printf("seed %" PRIu64 "\n", opt_seed);
	fflush(stdout);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_fault;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sa.sa_handler = on_interrupt;	/* no SA_RESTART: a blocked call ends */
	sigaction(SIGUSR2, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGIO, SIG_IGN);
	signal(SIGURG, SIG_IGN);
	/* the last resort: the process ends whatever the kernel does */
	alarm(opt_duration + 120);

	scratch = mmap(NULL, SCRATCH_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (scratch == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	if (opt_log) {
		int fd = open(opt_log, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

		log_size = (size_t)opt_threads * LOG_ENTRIES * LOG_LINE;
		if (fd < 0 || ftruncate(fd, (off_t)log_size) < 0 ||
		    (log_ring = mmap(NULL, log_size, PROT_READ | PROT_WRITE,
				     MAP_SHARED, fd, 0)) == MAP_FAILED) {
			perror(opt_log);
			return 1;
		}
		close(fd);
	}
	collect_ctrls_and_timings();
	if (!opt_quiet) {
		printf("nodes %u, controls %u, dv timings %u, threads %u x %u fds, %u s\n",
		       n_nodes, n_ctrls, n_timings, opt_threads, opt_fds, opt_duration);
		for (i = 0; i < n_ctrls; i++)
			printf("  control 0x%08x type %u%s\n", ctrls[i].id, ctrls[i].type,
			       ctrls[i].flags & V4L2_CTRL_FLAG_HAS_PAYLOAD ? " (payload)" : "");
		fflush(stdout);
	}

	for (i = 0; i < N_OPS; i++)
		op_total += op_weight[i];
	start = now_ms();
	for (i = 0; i < opt_threads; i++) {
		struct worker *w = &workers[i];
		int e;

		w->id = i;
		rng_init(&w->rng, opt_seed ^ (0x9e3779b97f4a7c15ull * (i + 1)));
		w->garbage = malloc(GARBAGE_SIZE + 64);
		if (!w->garbage) {
			perror("malloc");
			return 1;
		}
		e = pthread_create(&w->thread, NULL, worker_main, w);
		if (e) {
			fprintf(stderr, "pthread_create: %s\n", strerror(e));
			return 1;
		}
	}
	/* watchdog: interrupt anything longer than 2 s; stop at the end */
	end = start + (long)opt_duration * 1000;
	hang_at = end + 20000;
	for (;;) {
		long t = now_ms();
		unsigned int done = 0;

		if (t >= end)
			atomic_store(&stop, 1);
		for (i = 0; i < opt_threads; i++) {
			long s0 = atomic_load(&workers[i].op_start_ms);

			if (s0 < 0)
				done++;
			else if (s0 > 0 && t - s0 > 2000)
				pthread_kill(workers[i].thread, SIGUSR2);
		}
		if (done == opt_threads)
			break;
		if (t >= hang_at) {
			hung = 1;
			break;
		}
		usleep(100000);
	}
	if (hung) {
		printf("HANG: operations still not done %ld s after the end:\n",
		       (now_ms() - end) / 1000);
		for (i = 0; i < opt_threads; i++)
			if (atomic_load(&workers[i].op_start_ms) >= 0)
				printf("  thread %u: %s\n", i, workers[i].what);
		printf("last operations:\n");
		fflush(stdout);
		dump_log(stdout, 64);
		fflush(stdout);
		_exit(3);
	}
	for (i = 0; i < opt_threads; i++)
		pthread_join(workers[i].thread, NULL);

	unsigned long total = 0;

	printf("operations:");
	for (i = 0; i < N_OPS; i++) {
		unsigned long n = atomic_load(&op_count[i]);

		total += n;
		if (n)
			printf(" %s %lu", op_names[i], n);
	}
	printf("\nerrno: ok %lu", atomic_load(&errno_count[0]));
	for (i = 1; i <= N_ERRNO; i++) {
		unsigned long n = atomic_load(&errno_count[i]);

		const char *name = i < N_ERRNO ? strerrorname_np((int)i) : "other";

		if (n)
			printf(" %s %lu", name ? name : "?", n);
	}
	printf("\nioctls %lu, buffers dequeued %lu, faults in mappings %lu, interrupted %lu\n",
	       atomic_load(&n_ioctls), atomic_load(&n_dequeued),
	       atomic_load(&n_faults), atomic_load(&n_interrupted));
	printf("done %ld s %lu ops\n", (now_ms() - start) / 1000, total);
	return 0;
}
