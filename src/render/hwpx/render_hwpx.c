/* render_hwpx.c — the 보도자료 as HWPX, beside the PDFs: one package per
 * release of the run's release set (render/release/release_set.h), from the
 * same release markup the PDF lays out, so both say the same thing in the
 * same order with the same tables. Like a PDF, a release is written by
 * rendering its markup again (release_doc), so no process holds more than
 * one release at a time.
 *
 * The parts every release shares (header.xml and the fixed ones) are made
 * and deflated once, here; the releases are then written by render_pool
 * from the queue it shares with the PDFs (a release costs about a
 * millisecond, mostly deflating its ~400 KB section), in this process and
 * the workers forked from it. */
#include <stdlib.h>
#include <string.h>

#include "../release/release_set.h"
#include "common.h"
#include "exitcodes.h"
#include "hwpx_doc.h"
#include "utf8.h"
#include "render.h"

typedef struct hwpx_jobs {
    hwpx_writer *w;
    const release_set *rs;
    char **path;
    const char *dir;
    strbuf ministry, embargo, distributed;
    hwpx_info base;
    strbuf *subject; /* per release, cleaned */
    double t0;
} hwpx_jobs;

/* In this process or a worker: release i's markup rendered again, parsed
 * and written as a package. */
static int hwpx_one(void *arg, size_t i)
{
    hwpx_jobs *J = arg;
    hwpx_info info = J->base;
    info.subject = sb_str(&J->subject[i]);
    rdoc doc = {0};
    int rc = release_doc(J->rs, i, &doc) ? hwpx_write(J->w, &doc, &info, J->path[i]) : EXIT_INTERNAL;
    rdoc_free(&doc);
    return rc;
}

/* In the units of pdf_cost: the markup's bytes (at 100,000 projects the
 * overview, a table of them all, takes seconds and is among the first). */
static uint64_t hwpx_cost(void *arg, size_t i)
{
    const hwpx_jobs *J = arg;
    return J->rs->item[i].markup_len;
}

/* Document i's file, for output_seal. */
static const char *hwpx_path(void *arg, size_t i)
{
    const hwpx_jobs *J = arg;
    return J->path[i];
}

static void hwpx_done(void *arg, int rc, output_list *out, const output_sum *sum)
{
    hwpx_jobs *J = arg;
    release_paths_done(J->path, J->rs->n, J->dir, rc, out, sum);
    for (size_t i = 0; i < J->rs->n; i++)
        sb_free(&J->subject[i]);
    msg_debug("hwpx: %zu documents written in %.1f ms since their preparation began", J->rs->n,
              now_ms() - J->t0);
    hwpx_writer_free(J->w);
    free(J->subject);
    sb_free(&J->ministry);
    sb_free(&J->embargo);
    sb_free(&J->distributed);
    free(J);
}

static void clean(strbuf *out, const char *s)
{
    utf8_clean(out, s ? s : "", s ? strlen(s) : 0);
}

static int hwpx_prepare(const render_ctx *ctx, diag_list *d, render_batch *b)
{
    const config *cfg = ctx->cfg;
    const release_set *rs;
    double t0 = now_ms();
    int rc = release_set_build(ctx, d, NULL, &rs);
    if (rc != EXIT_OK)
        return rc;
    hwpx_jobs *J = xcalloc(1, sizeof *J);
    J->rs = rs;
    J->dir = ctx->dir;
    J->t0 = t0;
    clean(&J->ministry, cfg->ministry);
    clean(&J->embargo, cfg->embargo);
    clean(&J->distributed, rs->distributed);
    J->subject = xcalloc(rs->n ? rs->n : 1, sizeof *J->subject);
    for (size_t i = 0; i < rs->n; i++)
        clean(&J->subject[i], rs->item[i].subject);
    J->path = release_paths(rs, ctx->dir, ".hwpx");
    J->base = (hwpx_info){sb_str(&J->ministry), sb_str(&J->embargo), sb_str(&J->distributed), NULL,
                          ctx->created};
    J->w = hwpx_writer_new();
    *b = (render_batch){"HWPX", rs->n, hwpx_one, hwpx_cost, hwpx_path, hwpx_done, J, NULL};
    return EXIT_OK;
}

const renderer renderer_hwpx = {"hwpx", NULL, hwpx_prepare};
