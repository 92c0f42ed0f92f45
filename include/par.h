/* par.h — one loop run by several threads of this process.
 *
 * For work that waits on the disk more than it computes (fsync of every
 * output: each waits for a journal commit and a cache flush, which
 * concurrent calls share) or that is independent per item (hashing the
 * outputs for the manifest). The threads only run fn; fn must not print
 * (diag/msg_* are not thread-safe) and records its own result per item. */
#ifndef SMR_PAR_H
#define SMR_PAR_H

#include <stddef.h>

/* Calls fn(arg, i) once for every i in [0, n), from up to `threads` threads
 * (the caller's among them); returns when all calls have returned. Runs the
 * loop in the caller alone when threads <= 1, n <= 1 or no thread can be
 * started. */
void par_each(size_t n, size_t threads, void (*fn)(void *arg, size_t i), void *arg);

#endif
