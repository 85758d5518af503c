/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * sdi8k public API: finding cards and inputs, and watching them come and go.
 *
 * ---------------------------------------------------------------------------
 * What is found, and how
 * ---------------------------------------------------------------------------
 *
 * Discovery reads sysfs through libudev; it needs no udev daemon. An sdi8k
 * input is a video4linux node whose parent device is bound to the driver
 * "sdi8k" (PCI cards) or "sdi8k-sim" (simulated cards, `modprobe
 * sdi8k-sim cards=N`) and whose sysfs name is "<card_name> input <i>" (video)
 * or "<card_name> input <i> meta" (ancillary-data metadata node). Other
 * video devices (webcams, vivid, other capture cards) are never reported,
 * whatever their names. The card's identity comes from the attributes of
 * that parent device: serial (16 hex digits), firmware_version, inputs,
 * simulated, card_name.
 *
 * Stable order: cards are sorted by serial, inputs by index. The card name
 * "sdi8k-<n>", /dev/videoN and bus addresses follow probe order and can
 * change from one boot (or module load) to the next; the serial and the
 * link /dev/sdi8k/<serial>/input<i> made by the project's udev rules
 * (udev/70-sdi8k.rules) do not. Configuration should name inputs by
 * serial: "SERIAL:INPUT" or the link (see sdi8k_resolve_input()).
 *
 * Missing attributes (an older driver, a card caught half-way through
 * probe): a card without a well-formed serial is still listed, with
 * serial "" and after the cards that have one (ordered by bus id); a
 * missing firmware_version leaves "" ; a missing inputs count is taken
 * from the nodes found; a missing simulated flag is taken from the driver
 * name; a missing card_name from the node names.
 *
 * Signal state: unless SDI8K_ENUM_NO_SIGNAL is given, sdi8k_enumerate()
 * opens each video node for a moment (O_RDONLY | O_NONBLOCK), asks
 * VIDIOC_ENUMINPUT and VIDIOC_QUERY_DV_TIMINGS, and closes it. Neither
 * changes the node's format or timings, and another process's stream on
 * the node goes on untouched (a second open handle does not own the
 * buffer queue). A node that cannot be opened (permissions: the udev rules
 * give group "video" mode 0660) has state SDI8K_SIGNAL_UNKNOWN with the
 * reason in signal_error.
 *
 * ---------------------------------------------------------------------------
 * Errors and thread safety
 * ---------------------------------------------------------------------------
 *
 * Functions returning int return a negative errno on failure and leave a
 * message for sdi8k_last_error() (<sdi8k/error.h>) naming the spec, device
 * or node and what failed. Every function is thread-safe: each call uses
 * its own libudev context. A struct sdi8k_monitor is used by one thread at
 * a time (the caller serialises calls on one monitor); different monitors
 * are independent.
 *
 * ABI: the structures below are filled by the library; the reserved words
 * at their ends leave room to grow within major version 0 without changing
 * their sizes. Callers never allocate card or input arrays themselves.
 */
#ifndef SDI8K_DEVICE_H
#define SDI8K_DEVICE_H

#include <stdint.h>
#include <stddef.h>

#include <sdi8k/export.h>

SDI8K_BEGIN_DECLS

/* Sizes of the string fields below, terminating NUL included. */
#define SDI8K_SERIAL_LEN	17	/* 16 lower-case hex digits */
#define SDI8K_NAME_LEN		64
#define SDI8K_PATH_LEN		256

/* What an input receives. */
enum sdi8k_signal_state {
	SDI8K_SIGNAL_UNKNOWN = 0,	/* could not ask (no node, open failed) */
	SDI8K_SIGNAL_NONE,		/* no carrier (cable pulled) */
	SDI8K_SIGNAL_NO_LOCK,		/* carrier, but no raster lock */
	SDI8K_SIGNAL_LOCKED,		/* locked: raster fields are valid */
	SDI8K_SIGNAL_UNSUPPORTED,	/* locked to a raster the card cannot capture */
};

/* The raster an input is locked to (state SDI8K_SIGNAL_LOCKED). */
struct sdi8k_raster_info {
	uint32_t width, height;		/* active picture, e.g. 1920 x 1080 */
	int interlaced;			/* 1: two fields per frame */
	uint32_t fps_num, fps_den;	/* FRAME rate as a reduced fraction:
					 * 1080i50 is 25/1, 1080p59.94 is
					 * 60000/1001 */
	uint64_t pixelclock;		/* Hz, as VIDIOC_QUERY_DV_TIMINGS says */
};

/* One input of a card. */
struct sdi8k_input_info {
	unsigned index;				/* 0 .. n_inputs-1 */
	char node[SDI8K_PATH_LEN];		/* "/dev/video3"; "" if the
						 * input has no node now */
	char link[SDI8K_PATH_LEN];		/* "/dev/sdi8k/<serial>/input<i>"
						 * if that udev link exists and
						 * points at node, else "" */
	char meta_node[SDI8K_PATH_LEN];		/* "/dev/videoM" of the input's
						 * metadata node, or "" */
	char v4l2_name[SDI8K_NAME_LEN];		/* sysfs name: "sdi8k-0 input 3" */
	char v4l2_card[SDI8K_NAME_LEN];		/* VIDIOC_QUERYCAP card, or "" */
	char bus_info[SDI8K_NAME_LEN];		/* VIDIOC_QUERYCAP bus_info, e.g.
						 * "platform:sdi8k-sim.0:input3",
						 * or "" */
	enum sdi8k_signal_state signal;
	int signal_error;			/* negative errno when signal is
						 * UNKNOWN (e.g. -EACCES), or 0 */
	struct sdi8k_raster_info raster;	/* valid when LOCKED */
	uint32_t reserved[16];
};

/* One card. */
struct sdi8k_card_info {
	char serial[SDI8K_SERIAL_LEN];		/* "5d18000000000001", or "" */
	char card_name[SDI8K_NAME_LEN];		/* kernel name "sdi8k-0" (probe
						 * order, not stable) */
	char firmware_version[SDI8K_NAME_LEN];	/* "1.2", or "" */
	char bus_id[SDI8K_NAME_LEN];		/* "0000:03:00.0" (PCI address)
						 * or "sdi8k-sim.0" */
	char driver[SDI8K_NAME_LEN];		/* "sdi8k" or "sdi8k-sim" */
	char syspath[SDI8K_PATH_LEN];		/* the card's sysfs device */
	int simulated;				/* 1: the simulated card */
	unsigned n_inputs;			/* entries in inputs[] */
	struct sdi8k_input_info *inputs;	/* by index; owned by the array */
	uint32_t reserved[16];
};

/* sdi8k_enumerate() flags */
#define SDI8K_ENUM_NO_SIGNAL	(1u << 0)	/* do not open the nodes: no
						 * signal, v4l2_card, bus_info */

/*
 * Find every sdi8k card and its inputs, in the stable order (cards by
 * serial, inputs by index).
 *
 * On success *cards is a new array of the return value's count of cards
 * (NULL when 0; no card is not an error), owned by the caller and freed
 * with sdi8k_cards_free(). Returns the number of cards, or a negative
 * errno (-EINVAL: cards NULL or unknown flags; -ENOMEM; -EIO: libudev
 * failed); *cards is NULL then.
 */
SDI8K_API int sdi8k_enumerate(struct sdi8k_card_info **cards, unsigned flags);

/* Free what sdi8k_enumerate() returned. NULL is fine. */
SDI8K_API void sdi8k_cards_free(struct sdi8k_card_info *cards, int count);

/*
 * Ask one video node what its input receives (as sdi8k_enumerate() does
 * for each node): opens node briefly, fills *state, *raster (zeroed unless
 * LOCKED) and, when v4l2_card / bus_info are not NULL, VIDIOC_QUERYCAP's
 * card and bus_info (SDI8K_NAME_LEN bytes each). Returns 0 when the state
 * is known, or a negative errno (-ENOENT node missing, -EACCES, -ENOTTY
 * not a V4L2 node, ...) with *state SDI8K_SIGNAL_UNKNOWN.
 */
SDI8K_API int sdi8k_query_signal(const char *node,
				 enum sdi8k_signal_state *state,
				 struct sdi8k_raster_info *raster,
				 char *v4l2_card, char *bus_info);

/* "none", "no-lock", "locked", "unsupported", "unknown". Static string. */
SDI8K_API const char *sdi8k_signal_state_name(enum sdi8k_signal_state s);

/*
 * The raster's usual name: "<height><p|i><rate>" with the FIELD rate for
 * interlaced rasters and up to two decimals: "1080p59.94", "1080i50",
 * "2160p23.98" (the simulator's debugfs names). Writes at most size bytes
 * (NUL included) to buf and returns buf; "" for a zero raster.
 */
SDI8K_API char *sdi8k_raster_name(const struct sdi8k_raster_info *r,
				  char *buf, size_t size);

/* Where a resolved input spec leads. */
struct sdi8k_input_ref {
	char serial[SDI8K_SERIAL_LEN];	/* the card's serial ("" if it has none) */
	char card_name[SDI8K_NAME_LEN];	/* "sdi8k-0" */
	unsigned card_index;		/* in the stable order */
	unsigned input;			/* input index on the card */
	uint32_t reserved[8];
};

/*
 * Turn a user's input spec into the input's video node path:
 *   /dev/videoN                   the node itself (must be an sdi8k input)
 *   /dev/sdi8k/SERIAL/inputN      the udev link; resolved through sysfs
 *                                 when the link does not exist (no udevd)
 *   SERIAL:N                      card by serial (16 hex digits, any case)
 *   CARD:N                        card by index in the stable order (0, 1,
 *                                 ...) or by kernel name ("sdi8k-0")
 * Any other path is followed (symlinks) and must end at an sdi8k input.
 *
 * Writes the node ("/dev/video3") to node (node_size bytes, at least
 * SDI8K_PATH_LEN is plenty) and, when ref is not NULL, fills *ref.
 * Errors: -EINVAL (NULL or malformed spec: the message lists the forms),
 * -ENOENT (a path that does not exist), -ENODEV (no such card or input;
 * a path that is not an sdi8k input; the message says what exists),
 * -ENOSPC (node_size too small), or what sdi8k_enumerate() returns.
 * Does not open the node.
 */
SDI8K_API int sdi8k_resolve_input(const char *spec, char *node,
				  size_t node_size, struct sdi8k_input_ref *ref);

/* ---------------------------------------------------------------------------
 * Hotplug
 * ---------------------------------------------------------------------------
 *
 * A monitor reports cards and input nodes as they come and go. Events come
 * from libudev's "udev" source when a udev daemon runs (its control socket
 * /run/udev/control accepts a connection, or exists but may not be
 * connected to by this user; a socket left behind by a udevd that exited
 * does not count): they are sent after udevd has applied the rules, so an added
 * node already has its group, mode and /dev/sdi8k link. Without a udevd
 * (containers, initramfs, the test VMs) they come from the "kernel" source,
 * straight from the kernel: the node exists but nothing was applied to it.
 * sdi8k_monitor_source() says which.
 *
 * Order: a card's CARD_ADDED comes before its INPUT_ADDED events (the
 * monitor reports the card as soon as its first node appears); on removal
 * the INPUT_REMOVED events come first, CARD_REMOVED last (on its unbind or
 * remove). Removal events carry what was known when the node or card was
 * added (serial, node), as sysfs no longer has it.
 */
enum sdi8k_event_type {
	SDI8K_EVENT_CARD_ADDED = 1,
	SDI8K_EVENT_CARD_REMOVED,
	SDI8K_EVENT_INPUT_ADDED,	/* a video or metadata node appeared */
	SDI8K_EVENT_INPUT_REMOVED,
};

struct sdi8k_event {
	enum sdi8k_event_type type;
	char serial[SDI8K_SERIAL_LEN];	/* the card's serial ("" if it has none) */
	char card_name[SDI8K_NAME_LEN];	/* "sdi8k-1" */
	char bus_id[SDI8K_NAME_LEN];	/* "sdi8k-sim.1", "0000:03:00.0" */
	int input;			/* input index; -1 for card events */
	int meta;			/* 1: the metadata node of the input */
	char node[SDI8K_PATH_LEN];	/* "/dev/video5"; "" for card events */
	uint32_t reserved[8];
};

struct sdi8k_monitor;

/* sdi8k_monitor_new() flags: the event source (default: auto, see above) */
#define SDI8K_MONITOR_UDEV	(1u << 0)	/* force the "udev" source */
#define SDI8K_MONITOR_KERNEL	(1u << 1)	/* force the "kernel" source */

/*
 * Start watching. The cards present now are known to the monitor (their
 * later removal is reported) but not reported as added: call
 * sdi8k_enumerate() after sdi8k_monitor_new() to get them without a gap.
 * Returns 0 and a new monitor in *mon (free with sdi8k_monitor_free()), or
 * a negative errno (-EINVAL bad flags, -ENOMEM, -EIO: no netlink socket,
 * e.g. in a container without the permission).
 */
SDI8K_API int sdi8k_monitor_new(struct sdi8k_monitor **mon, unsigned flags);

/*
 * A file descriptor that polls readable (POLLIN) when events may be
 * waiting. Owned by the monitor; do not read or close it.
 */
SDI8K_API int sdi8k_monitor_fd(const struct sdi8k_monitor *mon);

/* "udev" or "kernel": where the monitor's events come from. */
SDI8K_API const char *sdi8k_monitor_source(const struct sdi8k_monitor *mon);

/*
 * Take the next event, without blocking. Returns 1 with *ev filled, 0 when
 * no event is ready, or a negative errno. One uevent can give more than
 * one event: after poll() wakes, call it until it returns 0.
 */
SDI8K_API int sdi8k_monitor_read(struct sdi8k_monitor *mon,
				 struct sdi8k_event *ev);

/* Stop watching and free the monitor. NULL is fine. */
SDI8K_API void sdi8k_monitor_free(struct sdi8k_monitor *mon);

/* "card-added", "card-removed", "input-added", "input-removed", "unknown" */
SDI8K_API const char *sdi8k_event_type_name(enum sdi8k_event_type t);

SDI8K_END_DECLS

#endif /* SDI8K_DEVICE_H */
