/* render.h — the one interface every output format implements.
 *
 * A renderer writes its files into ctx->dir (the run's staging directory,
 * which exists and is empty of its files) and records each file name it
 * wrote with outputs_add(). It reports problems itself (msg_error naming the
 * file and cause, or diagnostics for templates) and returns an exit code;
 * on failure the staging directory is discarded by the caller, so a renderer
 * never needs to clean up files it wrote. Adding an output format is one new
 * module and one line in renderers[] (render.c): its name is then the
 * `--only` value, the `[output] <name> = yes/no` switch of config.ini and the
 * name in -v timings. */
#ifndef SMR_RENDER_H
#define SMR_RENDER_H

#include <stdbool.h>
#include <time.h>
#include "aggregate.h"
#include "config.h"
#include "diag.h"
#include "model.h"
#include "value.h"

typedef struct output_list {
    char **names; /* file names relative to the run directory, malloc'd */
    size_t n, cap;
} output_list;
void outputs_add(output_list *o, const char *name);
void outputs_free(output_list *o);

typedef struct render_ctx {
    const config *cfg;
    const dataset *ds;
    const figures *fig;
    const value *model;      /* figures as a value tree (report_model.h), shared by JSON and templates */
    const diag_list *diags;  /* the run's warnings and notes (errors stop a run before rendering) */
    const char *dir;         /* staging directory to write into */
    time_t created;          /* document creation time: SOURCE_DATE_EPOCH or now */
    progress_fn progress;    /* a terminal is watching: report n/N through it (diag.h); else NULL */
    struct release_set *releases; /* the run's releases, built by the first format that needs
                                     them (render/release/release_set.h); see release_set_new */
} render_ctx;

typedef struct renderer {
    const char *name; /* "json", "xlsx", "pdf": --only value and [output] switch */
    int (*render)(const render_ctx *ctx, output_list *out, diag_list *d);
} renderer;

extern const renderer renderer_json;
extern const renderer renderer_xlsx;
extern const renderer renderer_pdf;
extern const renderer renderer_hwpx;

/* The output formats, in the order they run (render.c). */
extern const renderer *const renderers[];
extern const size_t renderer_count;

/* Index of the renderer called name in renderers[], or -1. */
int renderer_find(const char *name);

/* Warns (into d, before any document is written, so that the workbook's
 * 검증결과 lists them) about each character of the data's text that no PDF
 * face nor the fallback face can draw, at its file:line:column. Returns
 * EXIT_OK, or EXIT_TEMPLATE when a font cannot be opened (printed). */
int pdf_data_glyph_warnings(const config *cfg, const dataset *ds, diag_list *d);
/* Whether cfg->outputs enables the renderer called name (false if there is none). */
bool renderer_enabled(const config *cfg, const char *name);
/* The renderer names joined: sep between names, last_sep before the last one
 * ("json,xlsx,pdf" or "json, xlsx or pdf"). Malloc'd. */
char *renderer_names(const char *sep, const char *last_sep);

/* Writes data[0..len) as <ctx->dir>/name and records name in out. Returns
 * EXIT_OK, or EXIT_OUTPUT after a message naming the file and the cause. */
int output_write(const render_ctx *ctx, const char *name, const char *data, size_t len, output_list *out);
/* The same with the file's bytes written by fill(f, arg) as it makes them
 * (false when a write failed, errno set). */
int output_write_by(const render_ctx *ctx, const char *name, bool (*fill)(FILE *f, const void *arg),
                    const void *arg, output_list *out);

/* Runs run(arg, i) for every i < n, each in a child forked from this
 * process (which holds everything prepared), at most `jobs` at a time; a
 * child exits with run's result. Returns the first failing exit code (no new
 * child starts after a failure), else EXIT_OK. Messages name the work
 * (`what`: "PDF") and the file (name(arg, i)); with progress, a terminal line
 * counts the finished ones ("writing releases 7/22"). */
typedef struct fork_jobs {
    size_t n;
    int jobs;
    const char *what, *progress_label;
    progress_fn progress; /* NULL: no terminal line */
    int (*run)(void *arg, size_t i);
    const char *(*name)(void *arg, size_t i);
    void *arg;
} fork_jobs;
int render_fork_each(const fork_jobs *fj);

/* One renderer run in a child process beside the others (the workbook
 * beside the releases: render_all in main.c), writing into ctx->dir like any
 * renderer; it must not add diagnostics (its diag_list is its own). While it
 * runs it holds one of the [limits] jobs: render_jobs() counts it, and
 * render_fork_each starts fewer workers and reaps it when it ends.
 * render_background_finish() waits for it and appends the names it wrote to
 * out; both return an exit code. One at a time. */
int render_background_start(const renderer *r, const render_ctx *ctx);
int render_background_finish(output_list *out);
/* The worker processes a renderer may start now: cfg->jobs (at least 1)
 * less one while a background renderer runs (at least 1). */
int render_jobs(const config *cfg);
/* The documents of a renderer's long-lived workers (render_fork_each with
 * cfg->jobs of them): a count of those taken, shared by the forked workers
 * (an anonymous shared mapping made before the first fork), so that each
 * worker takes the next document until none is left. The workers balance
 * themselves, and a worker started late — when the background renderer
 * frees its job — takes part of the rest (a fixed share per worker left a
 * core idle; a share per document forks a process for each). NULL after a
 * message if the mapping cannot be made. */
typedef struct work_queue work_queue;
work_queue *work_queue_new(size_t n, const char *what);
/* The next document's index into *i; false when all n are taken. */
bool work_queue_take(work_queue *q, size_t *i);
void work_queue_free(work_queue *q);

/* Threads a renderer may run beside its own (cfg->jobs - 1, at least 0),
 * each after render_job_wait() said yes. In the foreground every job is free
 * (nothing else runs beside a renderer there), so that returns true at
 * once; in the background renderer the parent's jobs are busy with the other
 * renderers until render_background_finish hands them over, and
 * render_job_wait waits up to timeout_ms (-1: no limit, 0: just asks) for
 * one to be handed over (true), or returns false when none came, quit_fd
 * (-1: none) became readable or the parent will hand over no more.
 * Thread-safe: each waiting thread gets its own job. A job taken is held
 * until the process ends. */
int render_extra_jobs(const config *cfg);
bool render_job_wait(int quit_fd, int timeout_ms);

/* An empty set of releases for one run's render_ctx, and its release after
 * the run (NULL-safe). */
typedef struct release_set release_set;
release_set *release_set_new(void);
void release_set_free(release_set *rs);

/* Writes <ctx->dir>/index.html: a static page listing every file in `out`
 * (the releases with their title lines, the workbook, figures.json) and
 * manifest.json, with the run's period, time and counts, and records it in
 * out. Returns EXIT_OK or EXIT_OUTPUT after a message. */
int index_write(const render_ctx *ctx, output_list *out);
/* A set of file names (copied), for renderers that name many files: a zeroed
 * set is empty. name_set_add returns false, adding nothing, if name is there;
 * name_set_has only looks. */
typedef struct name_set {
    char **slot;
    size_t cap, n;
} name_set;
bool name_set_add(name_set *s, const char *name);
bool name_set_has(const name_set *s, const char *name);
void name_set_free(name_set *s);

#endif
