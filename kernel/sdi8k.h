/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sdi8k: shared state of the driver core. One core serves PCI cards and
 * simulated cards alike; they differ only in how registers are reached
 * (struct sdi8k_bus_ops) and where interrupts come from. The simulated
 * cards' module uses the core through sdi8k-card-api.h.
 */
#ifndef SDI8K_H
#define SDI8K_H

#include <linux/device.h>
#include <linux/dmapool.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <media/v4l2-ctrls.h>
#include <media/v4l2-device.h>
#include <media/v4l2-dv-timings.h>
#include <media/videobuf2-v4l2.h>

#include "anc/sdi8k-anc-codec.h"
#include "sdi8k-regs.h"
#include "sdi8k-tables.h"
#include "sdi8k-fw.h"
#include "sdi8k-card-api.h"

#define SDI8K_DRV_NAME		"sdi8k"
#define SDI8K_RING_ENTRIES	64
#define SDI8K_MAX_CARDS		16
/*
 * vb2: buffers queued before streaming starts; allocated at least on
 * REQBUFS; and for MMAP, as many frames as fit in SDI8K_REQBUFS_BYTES, up
 * to SDI8K_MAX_REQBUFS (sdi8k_queue_setup())
 */
#define SDI8K_MIN_QUEUED	2
#define SDI8K_MIN_REQBUFS	4U
#define SDI8K_MAX_REQBUFS	16U
#define SDI8K_REQBUFS_BYTES	(32U << 20)

struct sdi8k_card;
struct snd_card;
struct snd_pcm;
struct snd_pcm_substream;

/**
 * struct sdi8k_audio_in - an input's ALSA capture (sdi8k-audio.c)
 * @lock: protects @substream, @buf_frames, @frames_seen and the period
 *	record state below; taken in the interrupt work (hard IRQ for a
 *	simulated card), inside the PCM stream lock (trigger) and by the
 *	control reads, so everywhere with interrupts disabled
 * @substream: the substream whose engine runs (trigger START to STOP),
 *	or NULL
 * @buf_frames: its buffer's length in sample frames
 * @frames_seen: AUD_FRAMES at the last period interrupt
 * @period_frames: its period's length in sample frames
 * @periods_seen: periods whose record was checked (AUD_PERIODS numbering)
 * @rate_num: frame rate of the raster at the start, numerator
 * @rate_den: frame rate of the raster at the start, denominator
 * @start_valid: @start_count and @start_offset hold the stream's start
 * @start_count: card frame count (FRAME_COUNT numbering) of the video
 *	frame the stream's first sample frame belongs to
 * @start_offset: that sample frame's offset within its video frame
 * @phase: the position of card frame 0 in the source's audio sequence,
 *	from the first record (docs/hardware.md, "Audio-video lock")
 * @next_sample: sdi8k_aud_frame_start() numbering of the sample frame the
 *	next period's record must name
 * @pcm: the input's PCM device (device number = input number)
 * @rec: the engine's period records (coherent, SDI8K_AUD_PERIODS_MAX)
 * @rec_dma: their bus address
 */
struct sdi8k_audio_in {
	spinlock_t lock;	/* substream, buffer, record state */
	struct snd_pcm_substream *substream;
	u32 buf_frames;
	u32 frames_seen;
	u32 period_frames;
	u32 periods_seen;
	u32 rate_num;
	u32 rate_den;
	bool start_valid;
	u64 start_count;
	u32 start_offset;
	u32 phase;
	u64 next_sample;
	struct snd_pcm *pcm;
	struct sdi8k_aud_rec *rec;
	dma_addr_t rec_dma;
};

/**
 * struct sdi8k_buffer - a vb2 buffer and its scatter-gather chain
 * @vb: the vb2 buffer; first member
 * @list: on sdi8k_input.pending while waiting for a ring slot
 * @sg_blocks: the chain's blocks (CPU addresses), from the card's pool
 * @sg_dma: their bus addresses
 * @nblocks: number of blocks
 * @sg_count: data entries in the chain
 * @length: bytes the chain describes
 * @cookie: unique identity of this mapping, given to the card
 * @pinned: bytes charged to the card's buffer budget for it (MMAP), or 0
 */
struct sdi8k_buffer {
	struct vb2_v4l2_buffer vb;
	struct list_head list;
	struct sdi8k_sg_entry **sg_blocks;
	dma_addr_t *sg_dma;
	unsigned int nblocks;
	u32 sg_count;
	u32 length;
	u64 cookie;
	u64 pinned;
};

/**
 * struct sdi8k_picture_color - what the ST 352 payload ID says of the
 *	picture, in V4L2 terms (docs/ancillary.md, section 2)
 * @colorspace: enum v4l2_colorspace
 * @xfer_func: enum v4l2_xfer_func
 * @ycbcr_enc: enum v4l2_ycbcr_encoding
 * @quantization: enum v4l2_quantization
 * @transfer: SDI8K_TRANSFER_* (tells HLG, which V4L2 lacks)
 * @encoding: SDI8K_ENCODING_* (tells ICtCp, which V4L2 lacks)
 */
struct sdi8k_picture_color {
	u32 colorspace;
	u32 xfer_func;
	u32 ycbcr_enc;
	u32 quantization;
	u8 transfer;
	u8 encoding;
};

/**
 * struct sdi8k_input - one SDI input and its capture node
 * @card: owning card
 * @index: input number on the card, 0..3
 * @vdev: the /dev/videoN node
 * @queue: its vb2 queue
 * @ctrls: its controls
 * @ctrl_rx_power: V4L2_CID_DV_RX_POWER_PRESENT
 * @lock: serialises ioctls, the vb2 queue and the format state below
 * @timings: DV timings the node is set to (under @lock)
 * @raster: raster matching @timings (under @lock)
 * @format: memory format chosen (under @lock)
 * @bytesperline: stride of plane 0 for @format and @raster (under @lock)
 * @sizeimage: frame size for @format and @raster (under @lock)
 * @slock: protects @pending, @slots, @tail, @done and @streaming; taken in
 *	the interrupt handler, so everywhere else with interrupts disabled
 * @pending: buffers queued by the user but not yet in the ring
 * @slots: buffer in each ring slot, NULL when free
 * @tail: free-running index of the next slot the driver fills
 * @done: free-running index of the next slot the driver completes
 * @streaming: the DMA engine runs for this queue
 * @ring_fault: the card wrote back a RING_HEAD outside what it was given:
 *	nothing more is completed or handed to it until the stream restarts
 *	(under @slock)
 * @halted: the driver stopped the engine and reset it (RING_HEAD reads 0):
 *	nothing more is completed or handed to it until the stream restarts
 *	(under @slock)
 * @seq_base: card frame count of the first frame of this stream
 * @seq_valid: @seq_base is set
 * @ring: descriptor ring (coherent memory)
 * @ring_dma: its bus address
 * @signal_work: reacts to SIGNAL_CHANGE interrupts in process context
 * @rate_num: frame rate of the stream, numerator (under @slock)
 * @rate_den: frame rate of the stream, denominator (under @slock)
 * @anc: ancillary slots, one per ring entry (coherent memory)
 * @anc_dma: their bus address
 * @hdr_wire: static HDR metadata the controls should hold: the last
 *	seen on the wire, kept across frames whose packets were dropped
 *	(under @slock)
 * @vpid: the payload ID the format and controls were last derived from
 *	(PAYLOAD_ID0 as read on SIGNAL_CHANGE; under @slock)
 * @mdcv_missing: frames in a row without a mastering display (under @slock)
 * @cll_missing: frames in a row without light levels (under @slock)
 * @anc_malformed: malformed packets dropped since load (under @slock)
 * @anc_bad_payload: packets with an invalid payload (under @slock)
 * @anc_overflow: losses for space: frames whose packets overflowed a
 *	slot, packets that did not fit a metadata buffer (under @slock)
 * @hdr_work: applies @hdr_wire to the HDR10 controls
 * @ctrl_transfer: SDI8K_CID_TRANSFER_FUNCTION
 * @ctrl_mdcv: V4L2_CID_COLORIMETRY_HDR10_MASTERING_DISPLAY
 * @ctrl_cll: V4L2_CID_COLORIMETRY_HDR10_CLL_INFO
 * @ctrl_encoding: SDI8K_CID_COLOR_ENCODING
 * @color: colorimetry from the payload ID (under @lock)
 * @meta_vdev: the metadata capture node
 * @meta_queue: its vb2 queue
 * @meta_lock: serialises the metadata node's ioctls and queue
 * @meta_slock: protects @meta_pending and @meta_streaming; taken in the
 *	interrupt handler inside @slock, so elsewhere with interrupts off
 * @meta_pending: metadata buffers waiting for a frame
 * @meta_streaming: the metadata queue streams
 * @pinned_video: bytes of MMAP buffers the video queue holds (card's
 *	@pin_lock)
 * @pinned_meta: bytes of MMAP buffers the metadata queue holds (card's
 *	@pin_lock)
 * @irq_pending: interrupt status bits the hard handler took and the
 *	interrupt thread has not handled yet
 * @irq_frames: FRAME_DONE interrupts handled since load
 * @irq_ns: CPU time spent in them by the interrupt thread, to buffers done
 * @irq_ns_max: the longest one
 *	(the three written only by this input's interrupt thread, which
 *	never runs twice at once; read with READ_ONCE for statistics)
 * @hardirq_calls: interrupts of this input that woke its thread
 * @hardirq_ns: time spent in its hard handler for them
 * @hardirq_ns_max: the longest
 *	(the three written only by the input's hard handler, which never
 *	runs twice at once for a vector; read with READ_ONCE)
 * @aud: its embedded audio's ALSA capture
 */
struct sdi8k_input {
	struct sdi8k_card *card;
	unsigned int index;
	struct video_device vdev;
	struct vb2_queue queue;
	struct v4l2_ctrl_handler ctrls;
	struct v4l2_ctrl *ctrl_rx_power;

	/* ioctls, vb2 queue, format state */
	struct mutex lock;
	struct v4l2_dv_timings timings;
	const struct sdi8k_raster *raster;
	const struct sdi8k_format *format;
	u32 bytesperline;
	u32 sizeimage;

	/* ring and pending list; taken in hard IRQ */
	spinlock_t slock;
	struct list_head pending;
	struct sdi8k_buffer *slots[SDI8K_RING_ENTRIES];
	u32 tail;
	u32 done;
	bool streaming;
	bool ring_fault;
	bool halted;
	u64 seq_base;
	bool seq_valid;

	struct sdi8k_desc *ring;
	dma_addr_t ring_dma;
	struct work_struct signal_work;
	u32 rate_num;
	u32 rate_den;

	u8 *anc;
	dma_addr_t anc_dma;
	struct sdi8k_hdr_static hdr_wire;
	u32 vpid;
	u32 mdcv_missing;
	u32 cll_missing;
	u64 anc_malformed;
	u64 anc_bad_payload;
	u64 anc_overflow;
	struct work_struct hdr_work;
	struct v4l2_ctrl *ctrl_transfer;
	struct v4l2_ctrl *ctrl_mdcv;
	struct v4l2_ctrl *ctrl_cll;
	struct v4l2_ctrl *ctrl_encoding;
	struct sdi8k_picture_color color;

	struct video_device meta_vdev;
	struct vb2_queue meta_queue;
	/* metadata node ioctls and queue */
	struct mutex meta_lock;
	/* meta_pending, meta_streaming; inside slock, taken in hard IRQ */
	spinlock_t meta_slock;
	struct list_head meta_pending;
	bool meta_streaming;
	u64 pinned_video;
	u64 pinned_meta;

	atomic_t irq_pending;
	u64 irq_frames;
	u64 irq_ns;
	u64 irq_ns_max;
	u64 hardirq_calls;
	u64 hardirq_ns;
	u64 hardirq_ns_max;

	struct sdi8k_audio_in aud;
};

/**
 * struct sdi8k_clock - the card clock mapped to the host's CLOCK_MONOTONIC
 *	(docs/hardware.md, "Clock")
 * @lock: the mapping; taken in the interrupt handler (sdi8k_clock_to_ns())
 * @valid: the card's clock works: frames are stamped with it
 * @rate: its ticks per second (CLOCK_RATE)
 * @nominal: nanoseconds per tick << SDI8K_CLOCK_SHIFT at @rate
 * @mult: the current nanoseconds per tick << SDI8K_CLOCK_SHIFT
 * @card_ref: a card time ...
 * @host_ref: ... and the host time it maps to, ns
 * @card_first: the first sample, from which the frequency is measured
 * @host_first: its host time
 * @last_error: host minus mapped time at the last sample, ns
 * @samples: periodic samples taken
 * @work: the periodic sample
 */
struct sdi8k_clock {
	spinlock_t lock;	/* the mapping: card_ref, host_ref, mult */
	bool valid;
	u32 rate;
	u32 nominal;
	u32 mult;
	u64 card_ref;
	u64 host_ref;
	u64 card_first;
	u64 host_first;
	s64 last_error;
	u64 samples;
	struct delayed_work work;
};

/**
 * struct sdi8k_card - one card, real or simulated
 * @dev: the device DMA is mapped for (PCI function or simulator device)
 * @v4l2_dev: parent of the input nodes; its release frees the card
 * @ops: register access
 * @priv: the bus's own state (PCI: BAR0 mapping, simulator: the model)
 * @simulated: the card is the register-level simulator
 * @name: "sdi8k-<n>" for messages
 * @serial: card serial number
 * @fw_version: running firmware version (FW_VERSION once it boots)
 * @hw_version: HW_VERSION: board revision << 16 | minor
 * @pci_device: PCI device ID of the board (the simulator models the real one)
 * @pci_subdevice: PCI subsystem device ID of the board
 * @fw_name: firmware file to load, relative to the firmware search path
 * @fw: the loaded image's header and capability table
 * @num_inputs: inputs on the card
 * @max_link_rate: SDI8K_SDI_RATE_* the running design receives at most
 *	(CAPS): it offers no raster beyond it (sdi8k_raster_ok())
 * @sg_pool: pool of scatter-gather blocks
 * @vb2_owner: the video buffers mapped for @dev (sdi8k-vb2.c): unmapped
 *	when the card is unregistered, whoever still holds them
 * @topology: SDI8K_TOPO_* the card runs; written under every input's
 *	@lock (sdi8k-topology.c), so holding any one input's lock keeps it
 * @pin_lock: protects @pinned and the inputs' pinned_video, pinned_meta
 * @pinned: bytes of buffer memory the driver allocated for all the card's
 *	queues (MMAP), held within max_card_mb (sdi8k_pin())
 * @link_order_fixed: sysfs link_order "fixed": assemble input n as link
 *	n+1 whatever the links' ST 352 payload IDs say; written under input
 *	0's @lock, which also serialises every QUAD_LINK_MAP write
 * @dma_dead: the card's DMA did not stop even after a card reset: its bus
 *	mastering is off and no stream starts until it is rebound
 * @booted: sdi8k_card_boot() succeeded: firmware runs, @num_inputs known
 * @live: registered and whole: interrupts are handled (before, and while
 *	unregistering, they are only acknowledged)
 * @gone: the card's registers read all-ones: it is gone from the bus (a
 *	surprise removal); nothing is scheduled for it, no stream starts
 * @gone_reported: taken (atomically) by the first context that found it
 *	gone, which alone logs it and fails the streams (the inputs'
 *	vectors may find it at once on several CPUs)
 * @debugfs: /sys/kernel/debug/sdi8k/<name> (sdi8k-debugfs.c)
 * @clock: the card clock's mapping to the host's (sdi8k-clock.c)
 * @snd: the ALSA card of the inputs' embedded audio (sdi8k-audio.c), or
 *	NULL (no audio, or unregistered)
 * @audio_lock: serialises waiting for the audio engines to stop (PCM
 *	sync_stop, prepare) and the ALSA controls' register reads (an
 *	input's AUD_CS_SELECT with the AUD_CS reads after it) with
 *	unregistering; protects @audio_gone
 * @audio_gone: the ALSA card is disconnected and the engines stopped: no
 *	PCM callback touches the card any more
 * @inputs: per-input state
 */
struct sdi8k_card {
	struct device *dev;
	struct v4l2_device v4l2_dev;
	const struct sdi8k_bus_ops *ops;
	void *priv;
	bool simulated;
	char name[32];
	u64 serial;
	u32 fw_version;
	u32 hw_version;
	u16 pci_device;
	u16 pci_subdevice;
	const char *fw_name;
	struct sdi8k_fw_info fw;
	unsigned int num_inputs;
	u8 max_link_rate;
	struct dma_pool *sg_pool;
	struct sdi8k_vb2_owner *vb2_owner;
	u32 topology;
	bool link_order_fixed;
	/* @pinned and the inputs' pinned_video, pinned_meta; any context */
	spinlock_t pin_lock;
	u64 pinned;
	bool dma_dead;
	bool booted;
	bool live;
	bool gone;
	atomic_t gone_reported;
	struct dentry *debugfs;
	struct sdi8k_clock clock;
	struct snd_card *snd;
	/* audio engine waits, control reads vs. unregistering; audio_gone */
	struct mutex audio_lock;
	bool audio_gone;
	struct sdi8k_input inputs[SDI8K_MAX_INPUTS];
};

/* The interrupts the driver enables on each input. */
static inline u32 sdi8k_irq_mask(const struct sdi8k_card *card)
{
	return SDI8K_IRQ_ALL | (card->snd ? SDI8K_IRQ_AUDIO_ALL : 0);
}

/* The card bonds its four links into one 8K input (input 0). */
static inline bool sdi8k_card_quad(const struct sdi8k_card *card)
{
	return READ_ONCE(card->topology) != SDI8K_TOPO_4X1;
}

/* A node that cannot stream: a link of a quad-link group, not input 0. */
static inline bool sdi8k_input_grouped(const struct sdi8k_input *in)
{
	return in->index && sdi8k_card_quad(in->card);
}

int sdi8k_wait_clear(struct sdi8k_card *card, int input, u32 reg, u32 bit,
		     u32 timeout_ms, const char *what);
u64 sdi8k_queue_max_bytes(void);
unsigned int sdi8k_pin_allow(struct sdi8k_input *in, const u64 *queue_pinned,
			     u64 queue_max, u64 size);
int sdi8k_pin(struct sdi8k_input *in, u64 *queue_pinned, u64 size);
void sdi8k_unpin(struct sdi8k_input *in, u64 *queue_pinned, u64 size);

/* sdi8k-vb2.c: the video queues' memory, unmapped from a card that goes */
struct sdi8k_vb2_owner;
extern const struct vb2_mem_ops sdi8k_vb2_memops;
struct sdi8k_vb2_owner *sdi8k_vb2_owner_new(struct device *dev);
void sdi8k_vb2_owner_detach(struct sdi8k_vb2_owner *o);
void sdi8k_vb2_owner_put(struct sdi8k_vb2_owner *o);

static inline u32 sdi8k_read(struct sdi8k_card *card, u32 reg)
{
	return card->ops->read(card, reg);
}

static inline void sdi8k_write(struct sdi8k_card *card, u32 reg, u32 val)
{
	card->ops->write(card, reg, val);
}

static inline u32 sdi8k_in_read(struct sdi8k_input *in, u32 reg)
{
	return sdi8k_read(in->card, SDI8K_INPUT_BASE(in->index) + reg);
}

static inline void sdi8k_in_write(struct sdi8k_input *in, u32 reg, u32 val)
{
	sdi8k_write(in->card, SDI8K_INPUT_BASE(in->index) + reg, val);
}

/* sdi8k-core.c, besides sdi8k-card-api.h */
irqreturn_t sdi8k_input_irq(struct sdi8k_input *in);
irqreturn_t sdi8k_input_thread(struct sdi8k_input *in);
irqreturn_t sdi8k_card_irq(struct sdi8k_card *card);
irqreturn_t sdi8k_card_thread(struct sdi8k_card *card);

/* sdi8k-video.c */
int sdi8k_video_register(struct sdi8k_input *in);
void sdi8k_video_unregister(struct sdi8k_input *in);
void sdi8k_video_signal_work(struct work_struct *work);
void sdi8k_fill_querycap(struct sdi8k_input *in, struct v4l2_capability *cap);
int sdi8k_vidioc_dqbuf(struct file *file, void *priv, struct v4l2_buffer *b);

/* sdi8k-ring.c */
int sdi8k_ring_alloc(struct sdi8k_input *in);
void sdi8k_ring_free(struct sdi8k_input *in);
int sdi8k_ring_map_buffer(struct sdi8k_input *in, struct sdi8k_buffer *buf);
void sdi8k_ring_unmap_buffer(struct sdi8k_input *in, struct sdi8k_buffer *buf);
int sdi8k_ring_start(struct sdi8k_input *in);
void sdi8k_ring_stop(struct sdi8k_input *in);
void sdi8k_ring_halt(struct sdi8k_input *in);
void sdi8k_ring_queue(struct sdi8k_input *in, struct sdi8k_buffer *buf);
void sdi8k_ring_complete(struct sdi8k_input *in);
void sdi8k_ring_return_queued(struct sdi8k_input *in);

/* sdi8k-anc.c */
int sdi8k_anc_alloc(struct sdi8k_input *in);
void sdi8k_anc_free(struct sdi8k_input *in);
void sdi8k_anc_start(struct sdi8k_input *in);
void sdi8k_anc_parse(struct sdi8k_input *in, unsigned int slot,
		     const struct sdi8k_desc *d, struct sdi8k_anc_result *res,
		     struct sdi8k_anc_meta *meta);
void sdi8k_anc_account(struct sdi8k_input *in,
		       const struct sdi8k_anc_result *res,
		       const struct sdi8k_anc_meta *meta);
void sdi8k_anc_forget_hdr(struct sdi8k_input *in, u32 vpid);
void sdi8k_anc_hdr_work(struct work_struct *work);

/* sdi8k-meta.c */
struct sdi8k_meta_buffer;
int sdi8k_meta_register(struct sdi8k_input *in);
void sdi8k_meta_unregister(struct sdi8k_input *in);
struct sdi8k_meta_buffer *sdi8k_meta_begin(struct sdi8k_input *in,
					   struct sdi8k_anc_meta *meta);
void sdi8k_meta_finish(struct sdi8k_input *in, struct sdi8k_meta_buffer *buf,
		       const struct sdi8k_anc_meta *meta,
		       const struct sdi8k_anc_result *res,
		       const struct vb2_v4l2_buffer *vbuf);

/* sdi8k-ring.c */
void sdi8k_ring_fail_all(struct sdi8k_card *card);
void sdi8k_ring_escalate(struct sdi8k_input *in, const char *what);
void sdi8k_ring_dead(struct sdi8k_card *card);

/* sdi8k-audio.c: without ALSA PCM in the kernel, no audio */
#if IS_ENABLED(CONFIG_SND_PCM)
int sdi8k_audio_register(struct sdi8k_card *card);
void sdi8k_audio_unregister(struct sdi8k_card *card);
void sdi8k_audio_suspend(struct sdi8k_card *card);
void sdi8k_audio_irq(struct sdi8k_input *in, u32 st);
void sdi8k_audio_fail_all(struct sdi8k_card *card);
#else
static inline int sdi8k_audio_register(struct sdi8k_card *card)
{
	return -EOPNOTSUPP;
}

static inline void sdi8k_audio_unregister(struct sdi8k_card *card) { }
static inline void sdi8k_audio_suspend(struct sdi8k_card *card) { }
static inline void sdi8k_audio_irq(struct sdi8k_input *in, u32 st) { }
static inline void sdi8k_audio_fail_all(struct sdi8k_card *card) { }
#endif

/* sdi8k-debugfs.c */
void sdi8k_debugfs_card_init(struct sdi8k_card *card);
void sdi8k_debugfs_card_exit(struct sdi8k_card *card);
void sdi8k_debugfs_init(void);
void sdi8k_debugfs_exit(void);

/* sdi8k-clock.c */
void sdi8k_clock_start(struct sdi8k_card *card);
void sdi8k_clock_stop(struct sdi8k_card *card);
u64 sdi8k_clock_to_ns(struct sdi8k_card *card, u64 card_time);

/* sdi8k-video.c: what the running design supports */
bool sdi8k_format_ok(const struct sdi8k_card *card,
		     const struct sdi8k_format *f);
bool sdi8k_raster_ok(const struct sdi8k_card *card,
		     const struct sdi8k_raster *r);

/* sdi8k-detect.c */
const struct sdi8k_raster *
sdi8k_find_raster_timings(const struct v4l2_dv_timings *t);
const struct sdi8k_raster *sdi8k_detect_raster(struct sdi8k_input *in,
					       int *err);

/* sdi8k-topology.c */
extern struct device_attribute dev_attr_topology;
extern struct device_attribute dev_attr_link_order;
extern struct device_attribute dev_attr_quad_links;

/* sdi8k-video.c */
extern struct device_attribute dev_attr_buffer_memory;
void sdi8k_quad_follow_links(struct sdi8k_card *card);
const char *sdi8k_topology_name(u32 topology);
void sdi8k_video_set_topology(struct sdi8k_input *in);

/* sdi8k-pci.c */
int sdi8k_pci_init(void);
void sdi8k_pci_exit(void);

#endif /* SDI8K_H */
