/* render_hwpx.c — the 보도자료 as HWPX, beside the PDFs: one package per
 * release of the run's release set (render/release/release_set.h), from the
 * same release markup the PDF lays out, so both say the same thing in the
 * same order with the same tables. Like the PDF workers, a worker renders
 * the markup of each release it writes (release_doc), so no process holds
 * more than one release at a time.
 *
 * The parts every release shares (header.xml and the fixed ones) are made
 * and deflated once; then, like the PDFs, the releases are written by
 * children forked from that state, [limits] jobs of them, each taking the
 * next release not yet taken (work_queue; a release costs about a
 * millisecond, mostly deflating its ~400 KB section: a fork per release
 * would add a third to that). */
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
    const hwpx_info *base;
    strbuf *subject; /* per release, cleaned */
    const size_t *order; /* longest markup first (release_order) */
    work_queue *q;
} hwpx_jobs;

/* A worker writes the next release not yet taken until none is left; the
 * longest first, so that the overview (at 100,000 projects a table of them
 * all, seconds to write) does not start last while the other workers idle. */
static int hwpx_job(void *arg, size_t w)
{
    (void)w;
    hwpx_jobs *J = arg;
    int rc = EXIT_OK;
    for (size_t k; rc == EXIT_OK && work_queue_take(J->q, &k);) {
        size_t i = J->order[k];
        hwpx_info info = *J->base;
        info.subject = sb_str(&J->subject[i]);
        rdoc doc = {0};
        rc = release_doc(J->rs, i, &doc) ? hwpx_write(J->w, &doc, &info, J->path[i]) : EXIT_INTERNAL;
        rdoc_free(&doc);
    }
    return rc;
}

static const char *hwpx_job_name(void *arg, size_t w)
{
    (void)arg;
    (void)w;
    return "the releases";
}

static void clean(strbuf *out, const char *s)
{
    utf8_clean(out, s ? s : "", s ? strlen(s) : 0);
}

static int hwpx_render(const render_ctx *ctx, output_list *out, diag_list *d)
{
    const config *cfg = ctx->cfg;
    const release_set *rs;
    int rc = release_set_build(ctx, d, NULL, &rs);
    if (rc != EXIT_OK)
        return rc;
    double t0 = now_ms();
    strbuf ministry = {0}, embargo = {0}, distributed = {0};
    clean(&ministry, cfg->ministry);
    clean(&embargo, cfg->embargo);
    clean(&distributed, rs->distributed);
    strbuf *subject = xcalloc(rs->n, sizeof *subject);
    char **path = xcalloc(rs->n, sizeof *path);
    for (size_t i = 0; i < rs->n; i++) {
        clean(&subject[i], rs->item[i].subject);
        path[i] = xasprintf("%s/%s.hwpx", ctx->dir, rs->item[i].stem);
    }
    hwpx_info base = {sb_str(&ministry), sb_str(&embargo), sb_str(&distributed), NULL, ctx->created};
    size_t workers = (size_t)(cfg->jobs < 1 ? 1 : cfg->jobs);
    if (workers > rs->n)
        workers = rs->n;
    size_t *order = release_order(rs);
    hwpx_jobs J = {hwpx_writer_new(), rs, path, &base, subject, order, work_queue_new(rs->n, "HWPX")};
    rc = !J.q ? EXIT_INTERNAL
              : render_fork_each(&(fork_jobs){workers, (int)workers, "HWPX", "HWPX workers", ctx->progress,
                                              hwpx_job, hwpx_job_name, &J});
    work_queue_free(J.q);
    free(order);
    for (size_t i = 0; i < rs->n; i++) {
        if (rc == EXIT_OK)
            outputs_add(out, path[i] + strlen(ctx->dir) + 1);
        free(path[i]);
        sb_free(&subject[i]);
    }
    msg_debug("hwpx: %zu documents in %.1f ms with %d worker%s", rs->n, now_ms() - t0, cfg->jobs,
              cfg->jobs == 1 ? "" : "s");
    hwpx_writer_free(J.w);
    free(path);
    free(subject);
    sb_free(&ministry);
    sb_free(&embargo);
    sb_free(&distributed);
    return rc;
}

const renderer renderer_hwpx = {"hwpx", hwpx_render};
