/* SPDX-License-Identifier: (GPL-2.0-only WITH Linux-syscall-note) OR LGPL-2.1-or-later */
/*
 * sdi8k: the SMPTE ancillary-data formats as data: packet IDs, field
 * codes and the decoded forms of ST 291-1 packets, ST 352 payload IDs,
 * ST 12-2 time codes, ST 2108-1 frames, ST 2086 mastering displays,
 * CTA-861.3 light levels and ST 2094-40 (HDR10+) dynamic metadata.
 *
 * One definition for everything that reads or writes these formats: the
 * codec of kernel/anc/ (built into sdi8k.ko, the card model, libsdi8k and
 * the fuzz targets) and the public API of libsdi8k, which installs this
 * file as <sdi8k/anc-types.h> and documents the functions in
 * <sdi8k/anc.h> and <sdi8k/hdr.h>. Layouts and sources:
 * docs/ancillary.md.
 */
#ifndef SDI8K_UAPI_ANC_H
#define SDI8K_UAPI_ANC_H

#include <linux/types.h>
#ifndef __KERNEL__
#include <stdbool.h>
#endif

/* ---- ST 291-1 packets ---- */

#define SDI8K_ANC_MAX_UDW	255	/* user data words in one packet */
/* words of a packet from DID to checksum: DID, SDID, DC, UDWs, CS */
#define SDI8K_ANC_PACKET_WORDS(udw_count)	((udw_count) + 4)

/* DID / SDID of the packets sdi8k reads or sends, named only here */
#define SDI8K_DID_ST352		0x41	/* ST 352 payload identifier */
#define SDI8K_SDID_ST352	0x01
#define SDI8K_DID_ST2108	0x41	/* ST 2108-1 HDR/WCG metadata */
#define SDI8K_SDID_ST2108	0x0c
#define SDI8K_DID_ATC		0x60	/* ST 12-2 ancillary time code */
#define SDI8K_SDID_ATC		0x60
#define SDI8K_DID_SIM		0x51	/* the card model's own packets */
#define SDI8K_SDID_SIM_FRAME	0x53	/* its frame counter, 4 bytes BE */
#define SDI8K_SDID_SIM_FILLER	0x54	/* a packet it breaks on purpose */
/*
 * ST 299-1 / ST 299-2 embedded audio: type 1 packets (the second word is
 * a data block number). Group n's DID is the first group's minus n - 1:
 * audio data 0xE7..0xE4 for groups 1-4 (ST 299-1), 0xA7..0xA4 for ST
 * 299-2's groups 5-8; audio control 0xE3..0xE0, 0xA3..0xA0.
 */
#define SDI8K_DID_AUDIO_DATA1	0xe7	/* audio data, group 1 */
#define SDI8K_DID_AUDIO_DATA5	0xa7	/* audio data, group 5 (ST 299-2) */
#define SDI8K_DID_AUDIO_CTRL1	0xe3	/* audio control, group 1 */
#define SDI8K_DID_AUDIO_CTRL5	0xa3	/* audio control, group 5 */
/* ST 334-1 caption distribution (type 2) */
#define SDI8K_DID_CAPTION	0x61
#define SDI8K_SDID_CDP		0x01	/* CEA-708 caption distribution packet */
#define SDI8K_SDID_CEA608	0x02	/* CEA-608 data (ST 334-1 §4.3) */

/*
 * One decoded ST 291-1 packet. The words are copies (the packet does not
 * point into the input). did, sdid and udw_count are the 8-bit values; the
 * words as received (parity bits included) are in did_word, sdid_word,
 * dc_word, checksum and udw[].
 */
struct sdi8k_anc_packet_data {
	__u8 did;
	__u8 sdid;		/* SDID (type 2, did < 0x80) or DBN (type 1) */
	__u8 udw_count;		/* data count, 0..255 */
	__u8 type;		/* 1 (did >= 0x80) or 2 */
	__u16 did_word, sdid_word, dc_word, checksum;
	__u16 udw[SDI8K_ANC_MAX_UDW];	/* udw_count words used */
};

/* ---- ST 352 payload identifier ---- */

/* byte 1 (version bit included) of the payloads of sdi8k's rasters */
#define SDI8K_VPID_1080_1G5	0x85	/* 1080-line, 1.5G single link (ST 292-1) */
#define SDI8K_VPID_1080_3GA	0x89	/* 1080-line, 3G level A (ST 425-1) */
#define SDI8K_VPID_2160_12G	0xce	/* 2160-line, 12G single link (ST 2082-10) */
#define SDI8K_VPID_4320_DL12G	0xd0	/* 4320-line, 12G dual link */
#define SDI8K_VPID_4320_QL12G	0xd2	/* 4320-line, 12G quad link (ST 2082-12) */

/*
 * Transfer characteristic (byte 2 bits 5-4 of a payload ID for the first
 * four); the numbering of the driver's SDI8K_CID_TRANSFER_FUNCTION menu.
 */
enum sdi8k_transfer {
	SDI8K_TF_SDR = 0,		/* BT.709 / BT.1886 */
	SDI8K_TF_HLG = 1,		/* BT.2100 HLG (ARIB STD-B67) */
	SDI8K_TF_PQ = 2,		/* SMPTE ST 2084, BT.2100 PQ */
	SDI8K_TF_UNSPECIFIED = 3,	/* the source says nothing */
	/* not known: no payload ID read, or a driver without the control */
	SDI8K_TF_UNKNOWN = 4,
};

/* colorimetry (2 bits, byte 3) */
enum sdi8k_colorimetry {
	SDI8K_COLORIMETRY_BT709 = 0,
	SDI8K_COLORIMETRY_VANC = 1,	/* signalled elsewhere (reserved) */
	SDI8K_COLORIMETRY_BT2020 = 2,	/* UHDTV */
	SDI8K_COLORIMETRY_UNKNOWN = 3,
};

/* sampling structure (byte 3 bits 3-0): ST 352 code, e.g. */
#define SDI8K_VPID_SAMPLING_422		0x0	/* 4:2:2 Y'C'bC'r */
#define SDI8K_VPID_SAMPLING_444		0x1	/* 4:4:4 Y'C'bC'r */
#define SDI8K_VPID_SAMPLING_444_GBR	0x2	/* 4:4:4 G'B'R' */
#define SDI8K_VPID_SAMPLING_420		0x3	/* 4:2:0 Y'C'bC'r */

/*
 * A decoded ST 352 payload ID. Decoding keeps every field; width, height,
 * interface_gbps_x10 and links are set only for the payload codes above (0
 * otherwise: a valid payload of a raster sdi8k does not model).
 */
struct sdi8k_vpid {
	__u8 bytes[4];			/* the 4 payload bytes as received */
	__u8 payload_code;		/* byte 1, version bit included */
	bool version1;			/* byte 1 bit 7 */
	unsigned int width, height;	/* e.g. 3840 x 2160, or 0 x 0 */
	unsigned int interface_gbps_x10; /* 15, 30, 120 (per link), or 0 */
	unsigned int links;		/* links of the interface: 1, 2 or 4 */
	bool progressive_transport;	/* byte 2 bit 7 */
	bool progressive_picture;	/* byte 2 bit 6 */
	enum sdi8k_transfer transfer;	/* byte 2 bits 5-4 */
	__u8 rate_code;			/* byte 2 bits 3-0 */
	/* frame rate, e.g. 60000/1001, 25 for 1080i50; 0/0: none, reserved */
	unsigned int rate_num, rate_den;
	bool aspect_16_9;		/* byte 3 bit 7 (bit 5 for 0x85) */
	bool horizontal_2048;		/* byte 3 bit 6: 2048-based widths */
	enum sdi8k_colorimetry colorimetry;
	__u8 sampling;			/* byte 3 bits 3-0 */
	__u8 channel;			/* byte 4 bits 7-6: link 1..4 = 0..3 */
	bool ictcp;			/* byte 4 bit 4 */
	__u8 bit_depth;			/* 8, 10, 12, or 0 (reserved code) */
	bool full_range;		/* bit depth code "full range" */
	__u8 bit_depth_code;		/* byte 4 bits 1-0 */
};

/* ---- ST 12-2 ancillary time code (ATC) ---- */

#define SDI8K_ATC_UDW		16	/* user data words of an ATC packet */

enum sdi8k_atc_type {		/* DBB1 payload type */
	SDI8K_ATC_LTC = 0x00,
	SDI8K_ATC_VITC1 = 0x01,
	SDI8K_ATC_VITC2 = 0x02,
};

struct sdi8k_timecode {
	__u8 hours, minutes, seconds, frames;	/* from the BCD digits */
	bool drop_frame;		/* bit 10 */
	bool color_frame;		/* bit 11 */
	/*
	 * flag bits 27, 43, 58, 59 of the ST 12-1 word, raw: their meaning
	 * depends on the rate family (docs/ancillary.md §6)
	 */
	bool flag27, flag43, flag58, flag59;
	__u8 binary_groups[8];		/* BG1..BG8, 4 bits each */
	__u8 dbb1;			/* payload type (enum sdi8k_atc_type) */
	__u8 dbb2;			/* raw; fields below */
	__u8 vitc_line;			/* DBB2 bits 0-4 */
	bool line_duplication;		/* DBB2 bit 5 */
	bool tc_invalid;		/* DBB2 bit 6 */
	bool process_bit;		/* DBB2 bit 7 */
};

/* ---- ST 2108-1 frames ---- */

/* frame_type values */
#define SDI8K_ST2108_TYPE_MDCV		0x00	/* static type 1: ST 2086 */
#define SDI8K_ST2108_TYPE_CLL		0x01	/* static type 2: MaxCLL/MaxFALL */
#define SDI8K_ST2108_TYPE_ST2094_10	0x02	/* dynamic type 1 (ATSC A/341) */
#define SDI8K_ST2108_TYPE_HDR10PLUS	0x05	/* dynamic type 4: ST 2094-40 */
#define SDI8K_ST2108_TYPE_SLHDR		0x06	/* dynamic type 5 (SL-HDR) */

/* HEVC SEI payload types the frames carry */
#define SDI8K_SEI_MDCV			137
#define SDI8K_SEI_CLL			144
#define SDI8K_SEI_T35			4

#define SDI8K_ST2108_MAX_FRAMES		64	/* a 255-byte packet holds at most 63 */

/* One frame of an ST 2108-1 packet; payload points into the caller's bytes. */
struct sdi8k_st2108_frame {
	__u8 frame_type;
	__u8 sei_type;
	__u8 size;			/* payload bytes (frame_length - 2) */
	const __u8 *payload;
};

/* ---- ST 2086 mastering display colour volume, CTA-861.3 light levels ---- */

#define SDI8K_MDCV_SIZE	24
#define SDI8K_CLL_SIZE	4

/*
 * Chromaticities in units of 0.00002 (0..50000 = 0..1.0); luminances in
 * units of 0.0001 cd/m² (max 10 000 000 = 1000 cd/m²).
 */
struct sdi8k_mdcv {
	__u16 red_x, red_y, green_x, green_y, blue_x, blue_y;
	__u16 white_x, white_y;
	__u32 max_luminance;
	__u32 min_luminance;
};

/* MaxCLL and MaxFALL in cd/m² (0: unknown). */
struct sdi8k_cll {
	__u16 max_cll;
	__u16 max_fall;
};

/* ---- ST 2094-40 (HDR10+) dynamic metadata ---- */

#define SDI8K_HDR10P_MAX_WINDOWS	3
#define SDI8K_HDR10P_MAX_PERCENTILES	15
#define SDI8K_HDR10P_MAX_ANCHORS	15
#define SDI8K_HDR10P_MAX_ROWS		25	/* of a peak-luminance table */
#define SDI8K_HDR10P_MAX_SIZE		1024	/* encode buffer always enough */

/* The elliptical window of windows 1 and 2 (window 0 is the picture). */
struct sdi8k_hdr10p_window_geometry {
	__u16 upper_left_x, upper_left_y, lower_right_x, lower_right_y;
	__u16 center_x, center_y;
	__u8 rotation_angle;
	__u16 semimajor_internal, semimajor_external, semiminor_external;
	bool overlap_process_option;
};

struct sdi8k_hdr10p_window {
	struct sdi8k_hdr10p_window_geometry geometry;	/* windows 1, 2 */
	__u32 maxscl[3];		/* R, G, B; 0.00001 units, <= 100000 */
	__u32 average_maxrgb;		/* 0.00001 units */
	__u8 num_percentiles;		/* 0..15 */
	__u8 percentage[SDI8K_HDR10P_MAX_PERCENTILES];	/* 0..100 */
	__u32 percentile[SDI8K_HDR10P_MAX_PERCENTILES];	/* 0.00001 */
	__u16 fraction_bright_pixels;	/* 0.001 units, <= 1000 */
	bool tone_mapping;
	__u16 knee_point_x, knee_point_y;	/* 1/4095 */
	__u8 num_anchors;			/* 0..15 */
	__u16 anchors[SDI8K_HDR10P_MAX_ANCHORS];	/* 1/1023 */
	bool color_saturation_mapping;
	__u8 color_saturation_weight;	/* 1/8, 0..63 */
};

/* A peak-luminance table: rows x cols 4-bit values (2..25 each when present). */
struct sdi8k_hdr10p_peak_table {
	bool present;
	__u8 rows, cols;
	__u8 value[SDI8K_HDR10P_MAX_ROWS][SDI8K_HDR10P_MAX_ROWS];
};

struct sdi8k_hdr10plus {
	__u8 application_version;	/* 0 or 1 */
	__u8 num_windows;		/* 1..3 */
	struct sdi8k_hdr10p_window window[SDI8K_HDR10P_MAX_WINDOWS];
	__u32 targeted_max_luminance;	/* cd/m², 0..10000 */
	struct sdi8k_hdr10p_peak_table targeted_peak;
	struct sdi8k_hdr10p_peak_table mastering_peak;
};

/* ---- ST 299-1 / ST 299-2 embedded audio (docs/ancillary.md §10) ---- */

#define SDI8K_AUDIO_GROUPS	8	/* groups 1-4 (ST 299-1), 5-8 (-2) */
#define SDI8K_AUDIO_DATA_UDW	24	/* CLK 2, 4 channels x 4, ECC 6 */
#define SDI8K_AUDIO_CTRL_UDW	11
#define SDI8K_AUDIO_ECC_WORDS	6

/* per channel sample flags: the AES3 subframe's bits beside the sample */
#define SDI8K_AUDIO_Z		0x01	/* first sample of a 192-frame block */
#define SDI8K_AUDIO_V		0x02	/* validity */
#define SDI8K_AUDIO_U		0x04	/* user data */
#define SDI8K_AUDIO_C		0x08	/* channel status */
#define SDI8K_AUDIO_P		0x10	/* parity (as received; built: even) */

/* One audio data packet: one sample of each of a group's four channels. */
struct sdi8k_audio_packet {
	__u8 group;		/* 0..7: group 1..8 */
	__u8 dbn;		/* data block number, 1..255, 0: not used */
	__u16 clk;		/* audio clock phase, 13 bits */
	bool mpf;		/* multiplexing position flag */
	__s32 sample[4];	/* 24-bit two's complement, sign-extended */
	__u8 flags[4];		/* SDI8K_AUDIO_Z / V / U / C / P */
};

/* One audio control packet (the words as 8-bit values, checked) */
struct sdi8k_audio_control {
	__u8 group;		/* 0..7 */
	__u8 af[2];		/* audio frame number, pairs 1-2 and 3-4 */
	__u8 rate;		/* bits 3:1 sampling rate (0: 48 kHz), bit 0 async */
	__u8 active;		/* bit n: channel n+1 active */
	bool delay_valid[2];	/* DEL1-2, DEL3-4 present */
	__s32 delay[2];		/* samples, 23-bit two's complement */
};

/* ---- CEA-708 caption distribution packet, ST 334-2 (docs/ancillary.md §11) ---- */

#define SDI8K_CDP_IDENTIFIER	0x9669
#define SDI8K_CDP_MAX_CC	31	/* cc_count is 5 bits */
#define SDI8K_CDP_MAX_SVC	15	/* svc_count is 4 bits */
#define SDI8K_CDP_MAX_SIZE	255	/* cdp_length is 8 bits */

/* cc_type of a cc_data triplet (CEA-708 §4.4) */
enum sdi8k_cc_type {
	SDI8K_CC_608_FIELD1 = 0,	/* CEA-608 byte pair, field 1 (CC1/CC2) */
	SDI8K_CC_608_FIELD2 = 1,	/* CEA-608 byte pair, field 2 (CC3/CC4) */
	SDI8K_CC_DTVCC_DATA = 2,	/* DTVCC channel packet, continued */
	SDI8K_CC_DTVCC_START = 3,	/* DTVCC channel packet, start */
};

/* One cc_data triplet: the two bytes as sent (608 bytes keep parity). */
struct sdi8k_cc_data {
	bool valid;			/* cc_valid */
	__u8 type;			/* enum sdi8k_cc_type */
	__u8 data[2];
};

/* The time code section (BCD decoded) */
struct sdi8k_cdp_timecode {
	__u8 hours, minutes, seconds, frames;
	bool field;			/* tc_field_flag */
	bool drop_frame;
};

/*
 * One entry of the service information section: a caption service as the
 * ATSC A/65 caption_service_descriptor describes it.
 */
struct sdi8k_cdp_service {
	__u8 number;			/* caption_service_number of the entry */
	char language[4];		/* ISO 639-2/B, NUL-terminated */
	bool digital;			/* digital_cc: a CEA-708 service */
	__u8 service;			/* digital: its service number 1..63 */
	__u8 line21_field;		/* not digital: 0 field 1, 1 field 2 */
	bool easy_reader;
	bool wide_aspect;		/* 16:9 */
};

/*
 * A decoded CDP. Decoding checks the identifier, the length, the frame
 * rate code, that the sections the header announces come in order (time
 * code 0x71, cc_data 0x72, service information 0x73, future sections
 * 0x75..0xEF skipped by their length, footer 0x74), the BCD digits of the
 * time code, that the footer repeats the header's sequence counter and
 * the checksum. Reserved bits are not checked and not kept.
 */
struct sdi8k_cdp {
	__u8 frame_rate;		/* cdp_frame_rate code 1..8 */
	__u32 rate_num, rate_den;	/* e.g. 30000/1001 */
	bool caption_service_active;
	__u16 sequence;			/* cdp_hdr_sequence_cntr */
	bool has_timecode;
	struct sdi8k_cdp_timecode tc;
	bool has_ccdata;
	__u8 cc_count;
	struct sdi8k_cc_data cc[SDI8K_CDP_MAX_CC];
	bool has_svcinfo;
	bool svc_start, svc_change, svc_complete;
	__u8 svc_count;
	struct sdi8k_cdp_service svc[SDI8K_CDP_MAX_SVC];
};

#endif /* SDI8K_UAPI_ANC_H */
