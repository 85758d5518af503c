// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Every public header, included together (in an order different from the
 * alphabetical one too), compiles under -Wall -Wextra -Werror and agrees
 * with the library it is linked to.
 */
#include <sdi8k/version.h>
#include <sdi8k/transfer.h>
#include <sdi8k/hdr.h>
#include <sdi8k/error.h>
#include <sdi8k/convert.h>
#include <sdi8k/capture.h>
#include <sdi8k/status.h>
#include <sdi8k/device.h>
#include <sdi8k/anc.h>
#include <sdi8k/device.h>
#include <sdi8k/export.h>

#include <criterion/criterion.h>

Test(headers, together_and_versioned)
{
	cr_assert_eq(sdi8k_version(), SDI8K_VERSION);
	cr_assert_str_eq(sdi8k_version_string(), SDI8K_VERSION_STRING);
	cr_assert_str_eq(sdi8k_transfer_name(SDI8K_TF_PQ), "pq");
	cr_assert_str_eq(sdi8k_transfer_name((enum sdi8k_transfer)99), "unknown");
}
