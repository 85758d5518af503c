/* SPDX-License-Identifier: GPL-2.0-only WITH Linux-syscall-note */
/*
 * sdi8k driver uapi: what the driver exposes beyond <linux/videodev2.h>.
 *
 * Pixel formats: the card's native 10-bit 4:2:2 formats. v210 is in no
 * kernel's uapi; Y210 arrived after Linux 6.1, with the same fourcc as here.
 */
#ifndef _UAPI_SDI8K_H
#define _UAPI_SDI8K_H

#include <linux/videodev2.h>

/*
 * v210: 4:2:2 Y'CbCr, 10 bits, 6 pixels in 16 bytes: four little-endian
 * 32-bit words with samples in bits 0-9, 10-19, 20-29:
 * Cb0 Y0 Cr0 | Y1 Cb2 Y2 | Cr2 Y3 Cb4 | Y4 Cr4 Y5.
 * Lines are padded to a multiple of 48 pixels (128 bytes).
 */
#define SDI8K_PIX_FMT_V210	v4l2_fourcc('v', '2', '1', '0')

/*
 * Y210: packed 4:2:2 Y'CbCr, 16-bit little-endian words Y0 Cb0 Y1 Cr0 with
 * the 10 significant bits in the high bits of each word.
 */
#ifndef V4L2_PIX_FMT_Y210
#define V4L2_PIX_FMT_Y210	v4l2_fourcc('Y', '2', '1', '0')
#endif

/*
 * Driver controls (user class, private range).
 *
 * SDI8K_CID_TRANSFER_FUNCTION: read-only menu, the transfer function the
 * input's ST 352 payload ID announces. V4L2 has no HLG transfer function,
 * so this control tells SDR, HLG and PQ apart (the format's xfer_func
 * says 709 for SDR and HLG, SMPTE2084 for PQ). A control event is raised
 * when it changes.
 */
#define SDI8K_CID_BASE			(V4L2_CID_USER_BASE | 0xf000)
#define SDI8K_CID_TRANSFER_FUNCTION	(SDI8K_CID_BASE + 0)

/*
 * SDI8K_CID_ANC_MALFORMED: read-only 64-bit count of the ancillary packets
 * the input dropped as malformed (parity, checksum or a data count that
 * runs past what was captured) since the driver was loaded.
 */
#define SDI8K_CID_ANC_MALFORMED		(SDI8K_CID_BASE + 1)

/*
 * SDI8K_CID_PAYLOAD_ID: read-only, the SMPTE ST 352 payload ID the input
 * receives, as the card decodes it: byte 1 in bits 7:0 to byte 4 in bits
 * 31:24; 0 without a signal or payload ID. Layout: docs/ancillary.md.
 */
#define SDI8K_CID_PAYLOAD_ID		(SDI8K_CID_BASE + 2)

/*
 * SDI8K_CID_ANC_BAD_PAYLOAD: read-only 64-bit count of the ancillary
 * packets with a valid envelope (parity, checksum and data count right)
 * whose payload the driver rejected since it was loaded: an ST 2108-1
 * packet whose frames do not parse (a frame length past the packet, a
 * wrong SEI type or size, mastering display values out of range) or an
 * ST 12-2 time code with an invalid BCD digit. Such a packet still
 * reaches the metadata buffer (it is well formed); its content is not
 * used (no time code, HDR10 controls unchanged).
 */
#define SDI8K_CID_ANC_BAD_PAYLOAD	(SDI8K_CID_BASE + 3)

/*
 * SDI8K_CID_ANC_OVERFLOW: read-only 64-bit count of ancillary data lost
 * for lack of space since the driver was loaded: one for every frame
 * whose packets did not all fit the card's per-frame ancillary area (the
 * card does not say how many it lost), plus one for every packet that
 * did not fit a metadata buffer.
 */
#define SDI8K_CID_ANC_OVERFLOW		(SDI8K_CID_BASE + 4)

/*
 * SDI8K_CID_COLOR_ENCODING: read-only menu, how the colour difference
 * signals are formed according to the ST 352 payload ID (byte 4 bit 4).
 * V4L2 has no ICtCp encoding, so this control tells Y'CbCr and ICtCp
 * apart (the format's ycbcr_enc says BT2020 for both on a BT.2020
 * signal). A control event is raised when it changes.
 */
#define SDI8K_CID_COLOR_ENCODING	(SDI8K_CID_BASE + 5)

/*
 * SDI8K_CID_SEQUENCE_BASE: read-only, volatile 64-bit integer: the card's
 * frame count (the input's frame counter, frames since the signal locked)
 * of the frame with v4l2_buffer.sequence 0 of the current or last stream,
 * so frame `sequence` has card frame count SEQUENCE_BASE + sequence; -1
 * before the stream's first frame was completed. The ALSA control
 * SDI8K_ALSA_CTL_STREAM_START counts in the same numbering: together they
 * place every audio sample on its video frame (docs/controls.md).
 */
#define SDI8K_CID_SEQUENCE_BASE		(SDI8K_CID_BASE + 6)

/*
 * The ALSA control (iface PCM, device = input) holding three 64-bit
 * integers: the card frame count of the video frame the running (or
 * last) capture's first sample frame belongs to, that sample frame's
 * offset within its frame (0: the frame's first sample), and phase, the
 * position of card frame 0 in the source's 5-frame audio sequence (0-4;
 * 0 at rates whose frames all hold the same number of samples); -1 -1 -1
 * until the first period's record was checked. Sample frame i of the
 * capture is then sample start_offset + i counted from the first sample
 * of frame start_count, with the ST 299 cadence in that phase: before
 * frame n come A(n + phase) - A(phase) samples, A(m) = round(m * 48000 *
 * den / num) (the raster's rate num/den). Earlier drivers gave the
 * first two values only (and took phase 0).
 */
#define SDI8K_ALSA_CTL_STREAM_START	"SDI Audio Stream Start"

/*
 * The input's other ALSA controls (iface PCM, device = input), read-only:
 * the audio groups present (4 booleans, group 1 first), the channels whose
 * AES3 channel status says non-PCM (16 booleans), and since the driver
 * loaded the audio packets dropped for their checksum and for their ECC,
 * and the channel samples replaced by silence (each one 64-bit integer,
 * the card's 32-bit counters, wrapping).
 */
#define SDI8K_ALSA_CTL_GROUPS		"SDI Audio Group Present"
#define SDI8K_ALSA_CTL_NONPCM		"SDI Audio Non-PCM"
#define SDI8K_ALSA_CTL_CHECKSUM		"SDI Audio Checksum Errors"
#define SDI8K_ALSA_CTL_ECC		"SDI Audio ECC Errors"
#define SDI8K_ALSA_CTL_SILENCED		"SDI Audio Silenced Samples"

enum sdi8k_color_encoding {
	SDI8K_ENCODING_YCBCR		= 0,	/* Y'C'bC'r, non-constant luminance */
	SDI8K_ENCODING_ICTCP		= 1,	/* BT.2100 IC_TC_P */
};

enum sdi8k_transfer_function {
	SDI8K_TRANSFER_SDR		= 0,	/* BT.709 / BT.1886 */
	SDI8K_TRANSFER_HLG		= 1,	/* ARIB STD-B67, BT.2100 HLG */
	SDI8K_TRANSFER_PQ		= 2,	/* SMPTE ST 2084, BT.2100 PQ */
	SDI8K_TRANSFER_UNSPECIFIED	= 3,
};

/*
 * Ancillary data: the metadata capture node of each input
 * (V4L2_BUF_TYPE_META_CAPTURE, format SDI8K_META_FMT_ANC) delivers, per
 * video frame, every well-formed SMPTE ST 291 packet the input received
 * with that frame, whether or not the driver understands it.
 *
 * A buffer holds one struct sdi8k_anc_frame followed by packet_count
 * records, each a struct sdi8k_anc_packet followed by its user data words,
 * back to back; each record starts on a 4-byte boundary and its size
 * field gives the distance to the next one. Fields are in the CPU's byte
 * order (little-endian on x86-64, the card's platform).
 * Malformed packets (parity or checksum error, a data count that runs past
 * the end of what the card captured) never reach the buffer: they are
 * counted in the header (and in the input's statistics).
 *
 * The header may grow: a reader finds the first record header_size bytes
 * after the start of the buffer, and reads a field beyond the first 32
 * bytes only when header_size covers it (bad_payload: header_size >= 36;
 * drivers before it wrote a 32-byte header).
 */
#define SDI8K_META_FMT_ANC		v4l2_fourcc('S', '8', 'A', 'N')
#define SDI8K_ANC_MAGIC			0x4e413853	/* "S8AN" */
#define SDI8K_ANC_VERSION		1
#define SDI8K_ANC_BUFFER_SIZE		65536

struct sdi8k_anc_frame {
	__u32 magic;		/* SDI8K_ANC_MAGIC */
	__u16 version;		/* SDI8K_ANC_VERSION */
	__u16 header_size;	/* sizeof(struct sdi8k_anc_frame) */
	__u32 sequence;		/* v4l2_buffer.sequence of the video frame */
	__u32 packet_count;	/* records that follow */
	__u32 bytes_used;	/* header plus all records */
	__u32 malformed;	/* packets of this frame dropped as malformed */
	/*
	 * packets lost for space: each one that did not fit this buffer,
	 * plus 1 when the frame overflowed the card's ancillary area
	 */
	__u32 overflow;
	__u32 reserved;		/* 0 */
	/*
	 * packets of this buffer whose payload the driver rejected
	 * (SDI8K_CID_ANC_BAD_PAYLOAD); they are in the buffer
	 */
	__u32 bad_payload;
	__u32 reserved2;	/* 0 */
};

/*
 * @size: bytes of this record, 16 + 2 * (dc & 0xff) rounded up to 4
 * @did, @sdid, @dc: 10-bit words as received, parity in bits 8 and 9
 * @checksum: the checksum word as received (verified by the driver)
 */
struct sdi8k_anc_packet {
	__u16 size;
	__u16 line;		/* line number the packet was on */
	__u8 link;		/* SDI link 0-3 (quad-link), else 0 */
	__u8 stream;		/* 0: Y (luma) data stream, 1: C (chroma) */
	__u16 flags;		/* 0 */
	__u16 did;		/* data ID */
	__u16 sdid;		/* secondary data ID, or data block number */
	__u16 dc;		/* data count */
	__u16 checksum;
	/* followed by (dc & 0xff) user data words, 10 bits in __u16 */
};

#endif /* _UAPI_SDI8K_H */
