/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Ctrl-C / SIGTERM for the tools: the first signal asks the main loop to
 * end cleanly (stop_requested becomes 1). No SA_RESTART, so a blocking
 * poll() or read() returns with EINTR and the loop sees the request.
 */
#ifndef SDI8K_UTILS_STOPSIG_H
#define SDI8K_UTILS_STOPSIG_H

#include <signal.h>

extern volatile sig_atomic_t stop_requested;

/* Install the SIGINT and SIGTERM handlers. */
void stop_signals_install(void);

#endif
