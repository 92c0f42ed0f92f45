/* write_guard.c — SIGXFSZ recorded instead of fatal (write_guard.h). The
 * handler only sets a flag; the write that crossed the limit then fails
 * with EFBIG, and whatever checks its writes reports that itself. The flag
 * catches the writers that do not check (libxlsxwriter's temporary files). */
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include "diag.h"
#include "exitcodes.h"
#include "write_guard.h"

static volatile sig_atomic_t tripped;

static void on_xfsz(int sig)
{
    (void)sig;
    tripped = 1;
}

void write_guard_install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_xfsz;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGXFSZ, &sa, NULL);
}

bool write_guard_tripped(void)
{
    return tripped != 0;
}

int write_guard_status(int rc)
{
    if (rc != EXIT_OK || !tripped)
        return rc;
    struct rlimit rl;
    if (getrlimit(RLIMIT_FSIZE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
        msg_error("an output file reached the file-size limit (ulimit -f: %llu bytes) and would "
                  "have been cut off; raise the limit",
                  (unsigned long long)rl.rlim_cur);
    else
        msg_error("an output file reached the file-size limit (SIGXFSZ) and would have been cut "
                  "off; raise the limit");
    return EXIT_OUTPUT;
}
