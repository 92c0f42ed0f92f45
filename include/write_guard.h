/* write_guard.h — a file-size limit must fail the run, never cut a file.
 *
 * Under `ulimit -f` (RLIMIT_FSIZE) a write past the limit raises SIGXFSZ.
 * Left at its default the signal kills the run (exit 153, staging left
 * behind); ignored (cron wrappers, `trap '' XFSZ`) the write fails with
 * EFBIG, which libxlsxwriter does not check while it streams a sheet to its
 * temporary file: the workbook came out cut off with exit 0. With the guard
 * installed the signal only records that a write hit the limit; every
 * process that writes outputs asks write_guard_status() before it reports
 * success, so such a run ends with EXIT_OUTPUT and nothing is committed. */
#ifndef SMR_WRITE_GUARD_H
#define SMR_WRITE_GUARD_H

#include <stdbool.h>

/* Installs the SIGXFSZ handler; forked children inherit it. */
void write_guard_install(void);

/* True once a write of this process hit the file-size limit. */
bool write_guard_tripped(void);

/* rc unchanged, or EXIT_OUTPUT (with one error naming the limit) when rc is
 * EXIT_OK but a write of this process hit the limit. */
int write_guard_status(int rc);

#endif
