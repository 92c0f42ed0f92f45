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
#include <stdint.h>
#include <time.h>
#include "aggregate.h"
#include "config.h"
#include "diag.h"
#include "model.h"
#include "value.h"

/* A finished file's size and SHA-256, read back by the process that wrote
 * it (output_seal) for the manifest; known false when it was not read. */
typedef struct output_sum {
    int64_t bytes;
    unsigned char sha256[32];
    bool known;
} output_sum;

typedef struct output_list {
    char **names; /* file names relative to the run directory, malloc'd */
    output_sum *sum; /* per name */
    size_t n, cap;
} output_list;
void outputs_add(output_list *o, const char *name); /* its sum not known */
void outputs_add_sum(output_list *o, const char *name, const output_sum *sum);
void outputs_free(output_list *o);
/* Once the file at path is complete and closed: starts writing its pages to
 * the disk (sync_file_range, without waiting), so that the commit's fsync
 * finds them written, and reads it back for its size and SHA-256 into *s
 * (s->known false when it cannot be read: the manifest then reads it
 * again and reports the error). Run by the process that wrote the file,
 * while the others still work, instead of by the manifest at the end. */
void output_seal(const char *path, output_sum *s);

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

/* A format of many documents (the releases) prepares them in this process
 * and leaves the writing to render_pool, which runs the documents of every
 * such format from one queue: its render_batch. */
typedef struct render_batch render_batch;

typedef struct renderer {
    const char *name; /* "json", "xlsx", "pdf": --only value and [output] switch */
    /* Writes the format's files; NULL for a format that prepares a batch. */
    int (*render)(const render_ctx *ctx, output_list *out, diag_list *d);
    /* Prepares the format's documents as *b (render_pool writes them);
     * EXIT_OK, or an exit code after messages or diagnostics in d, with b
     * then left empty. NULL for a format that renders. */
    int (*prepare)(const render_ctx *ctx, diag_list *d, render_batch *b);
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

/* The documents of one format, prepared in this process (the PDF's fonts,
 * the HWPX's shared parts): write(arg, i) writes document i (in this
 * process or in a worker forked from it) and returns EXIT_OK or an exit
 * code after a message; cost(arg, i) estimates its work, in units common to
 * every format (render_pool takes the costliest first); path(arg, i) is its
 * file, sealed (output_seal) by the process that wrote it; done(arg, rc,
 * out, sum) runs in this process once every document of every batch is
 * written or abandoned: when rc is EXIT_OK it records the file names in
 * out, in document order, each with its sum[i]; it frees arg. */
struct render_batch {
    const char *what; /* "PDF": -v timings */
    size_t n;
    int (*write)(void *arg, size_t i);
    uint64_t (*cost)(void *arg, size_t i);
    const char *(*path)(void *arg, size_t i); /* document i's file (output_seal) */
    void (*done)(void *arg, int rc, output_list *out, const output_sum *sum);
    void *arg;
    output_list *out; /* where done records the names: set by the caller of render_pool */
};
/* Writes the documents of batches b[0..nb) from one queue, costliest first,
 * with up to [limits] jobs processes: this one and jobs - 1 workers forked
 * from it at once, one of which waits, while the background renderer runs,
 * until it ends and frees its job. Each process takes the next document not yet taken until none is
 * left (a failure ends the taking); a worker exits with its first failure's
 * code. Then calls every batch's done with the outcome: the first failing
 * exit code, else EXIT_OK, which it returns. With progress, a terminal line
 * counts the documents written ("writing releases 7/44"). */
int render_pool(render_batch *b, size_t nb, const config *cfg, progress_fn progress);

/* Waits for the release workers render_pool left to end on their own (they
 * had told it their exit code and written everything): call once the run is
 * committed or abandoned. */
void render_pool_reap(void);
/* One renderer run in a child process beside the others (the workbook
 * beside the releases: render_all in main.c), writing into ctx->dir like any
 * renderer; it must not add diagnostics (its diag_list is its own). While it
 * runs it holds one of the [limits] jobs: render_pool's worker for that
 * job waits for its end, and render_pool may reap it.
 * render_background_finish() waits for it and appends the names it wrote to
 * out; both return an exit code. One at a time. */
int render_background_start(const renderer *r, const render_ctx *ctx);
int render_background_finish(output_list *out);
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
