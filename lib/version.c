// SPDX-License-Identifier: LGPL-2.1-or-later
/* Library version. */
#include <sdi8k/version.h>

SDI8K_API unsigned sdi8k_version(void)
{
	return SDI8K_VERSION;
}

SDI8K_API const char *sdi8k_version_string(void)
{
	return SDI8K_VERSION_STRING;
}
