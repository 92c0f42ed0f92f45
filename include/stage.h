/* stage.h — output staging, locking and the run directory layout.
 *
 *   <output>/.lock                     flock()ed by the running process; holds its pid and start time
 *   <output>/runs/.staging-<pid>-<rand>/  the run being written
 *   <output>/runs/<YYYYmmdd>T<HHMMSS>Z[.N]-<period>/   complete runs (UTC stamp), renamed in atomically
 *   <output>/latest -> runs/…         symlink to the newest complete run, replaced atomically
 *
 * A run that fails or is killed leaves at most a .staging-* directory, which
 * the next run removes once it holds the lock (in runs/, and in <output>
 * where runs staged before 2026-12); a complete run and `latest` are never
 * touched by a later failing run. runs/ is marked chattr +T (stage.c
 * mark_topdir). */
#ifndef SMR_STAGE_H
#define SMR_STAGE_H

#include <stdbool.h>
#include <time.h>

typedef struct stage {
    char *output_dir;
    char *dir;       /* staging directory while open */
    char *final_dir; /* after commit: the run directory */
    int lock_fd;
} stage;

/* Creates output_dir if needed, takes the lock (EXIT_LOCKED naming the holder
 * when another run has it; EXIT_OUTPUT when .lock is not a lock file we made,
 * `runs` not a real directory or `latest` not a symbolic link), removes stale
 * staging directories, creates a fresh staging directory. Returns an exit code. */
int stage_open(stage *st, const char *output_dir);
/* Syncs and renames the staging directory to runs/<UTC stamp>-<label>, points
 * `latest` at it, prunes complete runs beyond keep (oldest first, only names of
 * that form). EXIT_OK only when `latest` points at the new run; otherwise the
 * run is taken back into staging, for stage_close to remove. */
int stage_commit(stage *st, const char *label, time_t now, int keep);
/* Removes the staging directory (if still open) and releases the lock. NULL-safe, idempotent. */
void stage_close(stage *st);

#endif
