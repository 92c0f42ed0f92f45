/* diag.h — diagnostics about the user's files (inputs, config, templates) and
 * messages about the program's own work.
 *
 * Stages add diagnostics to a diag_list; main prints them once, sorted by
 * file, line and column, as `file:line:col: error|warning|note: message`
 * (line/col omitted when 0). A list keeps at most `limit` entries (0 = no
 * limit) and counts the rest, so a file with a million bad rows costs no
 * memory. */
#ifndef SMR_DIAG_H
#define SMR_DIAG_H

#include <stdio.h>
#include <stdint.h>
#include <stddef.h>
#include "common.h"

typedef enum { DIAG_NOTE = 0, DIAG_WARNING = 1, DIAG_ERROR = 2 } diag_severity;

typedef struct diag {
    diag_severity sev;
    const char *file; /* not owned: a path that outlives the list */
    uint32_t line;    /* 1-based physical line; 0 = whole file */
    uint32_t col;     /* 1-based column in characters; 0 = whole line */
    char *msg;        /* owned */
} diag;

typedef struct diag_list {
    diag *v;
    size_t n, cap;
    size_t limit;                       /* max stored entries, 0 = unlimited */
    size_t count[3];                    /* all added, per severity, stored or not */
    size_t dropped;                     /* added but not stored */
} diag_list;

void diag_add(diag_list *d, diag_severity sev, const char *file, uint32_t line, uint32_t col,
              const char *fmt, ...) PRINTF_LIKE(6, 7);
/* Sorts by (file, line, column, severity, message): the same input prints the same way. */
void diag_sort(diag_list *d);
/* Prints every stored diagnostic and, if some were dropped, one line saying how many. */
void diag_print(const diag_list *d, FILE *out);
/* The same, showing only diagnostics of severity min or higher (-q shows errors only). */
void diag_print_min(const diag_list *d, FILE *out, diag_severity min);
/* How a list reaches the user: sorted, each line on stderr as the verbosity
 * allows (errors always, warnings and notes unless -q) and in the log file
 * (msg_set_log) with a time stamp, like every msg_* line. */
void diag_report(diag_list *d);
static inline size_t diag_errors(const diag_list *d) { return d->count[DIAG_ERROR]; }
static inline size_t diag_warnings(const diag_list *d) { return d->count[DIAG_WARNING]; }
void diag_free(diag_list *d); /* NULL-safe */

/* ---- program messages (stderr and the optional log file) ----
 * Every line starts with "smereport: ". Verbosity: 0 = -q (errors only),
 * 1 = default (errors, warnings, one-line info), 2 = -v (details). */
void msg_set_verbosity(int level);
int msg_verbosity(void);
/* Also copies every message (regardless of verbosity) to f, with a UTC time stamp. NULL to stop. */
void msg_set_log(FILE *f);
void msg_error(const char *fmt, ...) PRINTF_LIKE(1, 2);
void msg_warn(const char *fmt, ...) PRINTF_LIKE(1, 2);
void msg_info(const char *fmt, ...) PRINTF_LIKE(1, 2);
void msg_debug(const char *fmt, ...) PRINTF_LIKE(1, 2);
/* A line exactly as formatted (no "smereport: " prefix), shown at every
 * verbosity and logged: usage errors and config.ini problems. */
void msg_line(const char *fmt, ...) PRINTF_LIKE(1, 2);
/* Every line printed by diag_print* and msg_* shows control characters (C0 but
 * tab, DEL, C1) and bytes that are not UTF-8 as \x1b, \u009b, \xff: data
 * quoted in a message cannot drive the terminal or forge a log line. */

/* ---- progress on a terminal ----
 * The one writer of progress lines: one line on stderr rewritten in place,
 * "smereport: <what> n/N", or "… 42%" from a total of 1000 up, or `what`
 * alone for total 0; what == NULL clears the line. main passes it to ingest
 * and, as render_ctx.progress, to the renderers — NULL when no terminal
 * watches (-q, or stderr is not a terminal). */
typedef void (*progress_fn)(const char *what, uint64_t done, uint64_t total);
void progress_show(const char *what, uint64_t done, uint64_t total);

/* A library that prints its own lines to stderr (libxlsxwriter's "[ERROR]…")
 * is called between these two: its output goes to a temporary file and is
 * passed on as -v details (and to the log) prefixed with `source`; the
 * caller reports the failure itself, once. Not for use while other threads write. */
typedef struct stderr_capture {
    int saved;
    FILE *tmp;
} stderr_capture;
void stderr_capture_begin(stderr_capture *c);
void stderr_capture_end(stderr_capture *c, const char *source);

#endif
