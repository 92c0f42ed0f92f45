/* render_pdf.c — the 보도자료 PDFs: one release per project and one overview
 * release for the whole programme.
 *
 * The work runs in three phases so that libharu's expensive font set-up is
 * paid once per run instead of once per document (docs/pdf.md has the
 * figures):
 *   1. in this process, every document's context is built (report model),
 *      its template rendered to release markup, and the markup prepared for
 *      the fonts (cleaned, missing glyphs replaced, code points collected);
 *   2. the four faces are subset to the code points of the whole run and
 *      loaded once into a prepared libharu document (pdf_fonts_ready);
 *   3. one child process per document is forked from that state, at most
 *      cfg->jobs at a time; each reads its markup into the release document
 *      (release_doc.c) and lays that out on its copy of the
 *      prepared document, saves the PDF and exits with an exit code.
 * Template and glyph diagnostics are all produced in phase 1, so children
 * never need to report anything but their own failure. Each document's
 * bytes depend only on its markup, the config and the run's code points,
 * never on the order in which children finish; file names are recorded in
 * document order. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../release/release_doc.h"
#include "arena.h"
#include "common.h"
#include "diag.h"
#include "exitcodes.h"
#include "korean.h"
#include "pdf_layout.h"
#include "render.h"
#include "report_model.h"
#include "strbuf.h"
#include "template.h"

typedef struct pdf_doc {
    char *file;     /* name inside the run directory */
    char *path;     /* ctx->dir/file */
    strbuf markup;  /* prepared release markup */
    strbuf subject; /* prepared /Subject */
    pid_t pid;
} pdf_doc;

/* Template paths are named by diagnostics, which main prints after the
 * renderer returns: they live until the next call (or the process ends). */
static char *tpl_path[2];


static void prepared(pdf_fonts *f, const char *s, strbuf *out, diag_list *d, const char *file)
{
    pdf_text_prepare(f, s ? s : "", s ? strlen(s) : 0, out, d, file);
}

/* Renders one template into doc->markup; false after template errors. */
static bool render_doc(pdf_fonts *fonts, const template *t, const char *tpl_name,
                       const value *root, const config *cfg, pdf_doc *doc, diag_list *d)
{
    strbuf raw = {0};
    bool ok = tpl_render(t, root, cfg->unit, &raw, d);
    if (ok)
        pdf_text_prepare(fonts, sb_str(&raw), raw.len, &doc->markup, d, tpl_name);
    sb_free(&raw);
    return ok;
}

/* Forks one worker per document, at most jobs at a time. Returns the first
 * failing exit code (no new workers start after a failure), else EXIT_OK. */
/* Forks one worker per document, at most `jobs` at a time. With progress, a
 * terminal line counts the finished documents ("releases 7/22"). */
static int run_workers(pdf_fonts *fonts, pdf_doc *docs, size_t n, int jobs, const pdf_info *base,
                       bool progress)
{
    int worst = EXIT_OK;
    size_t next = 0, running = 0, done = 0;
    if (jobs < 1)
        jobs = 1;
    fflush(NULL); /* children must not inherit unwritten output */
    while (next < n || running > 0) {
        while (worst == EXIT_OK && next < n && running < (size_t)jobs) {
            pdf_doc *doc = &docs[next];
            pid_t pid = fork();
            if (pid < 0) {
                msg_error("cannot start a PDF worker for %s: %s", doc->path, strerror(errno));
                worst = EXIT_INTERNAL;
                break;
            }
            if (pid == 0) {
                pdf_info info = *base;
                info.subject = sb_str(&doc->subject);
                rdoc r;
                int rc = rdoc_parse(&r, sb_str(&doc->markup), doc->markup.len)
                             ? pdf_write(fonts, &r, &info, doc->path)
                             : EXIT_INTERNAL;
                rdoc_free(&r);
                fflush(NULL);
                _exit(rc);
            }
            doc->pid = pid;
            next++;
            running++;
        }
        if (running == 0)
            break;
        int status = 0;
        pid_t w = waitpid(-1, &status, 0);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            msg_error("waiting for the PDF workers failed: %s", strerror(errno));
            return worst ? worst : EXIT_INTERNAL;
        }
        pdf_doc *doc = NULL;
        for (size_t i = 0; i < next && !doc; i++)
            if (docs[i].pid == w)
                doc = &docs[i];
        if (!doc)
            continue; /* not ours */
        doc->pid = 0;
        running--;
        if (progress)
            fprintf(stderr, "\rsmereport: writing releases %zu/%zu", ++done, n);
        int rc = EXIT_OK;
        if (WIFEXITED(status)) {
            rc = WEXITSTATUS(status);
        } else {
            msg_error("the PDF worker for %s was killed by signal %d", doc->path,
                      WIFSIGNALED(status) ? WTERMSIG(status) : 0);
            rc = EXIT_INTERNAL;
        }
        if (rc != EXIT_OK && worst == EXIT_OK)
            worst = rc;
    }
    if (progress)
        fputs("\r\033[K", stderr);
    return worst;
}
static int pdf_render(const render_ctx *ctx, output_list *out, diag_list *d)
{
    const config *cfg = ctx->cfg;
    const dataset *ds = ctx->ds;
    int rc = EXIT_OK;
    template *tp = NULL, *to = NULL;
    pdf_fonts *fonts = NULL;
    size_t ndocs = (size_t)ds->nprojects + 1;
    pdf_doc *docs = xcalloc(ndocs, sizeof *docs);
    strbuf ministry = {0}, embargo = {0}, distributed = {0};

    for (int i = 0; i < 2; i++) {
        free(tpl_path[i]);
        tpl_path[i] = xasprintf("%s/%s", cfg->templates_dir ? cfg->templates_dir : "templates",
                                i == 0 ? "release_project.tpl" : "release_overview.tpl");
    }
    tp = tpl_load(tpl_path[0], d);
    to = tpl_load(tpl_path[1], d);
    if (!tp || !to) {
        rc = EXIT_TEMPLATE;
        goto out;
    }
    const char *paths[PDF_NFACES] = {cfg->font_serif, cfg->font_serif_bold, cfg->font_sans,
                                     cfg->font_sans_bold};
    rc = pdf_fonts_open(&fonts, paths);
    if (rc != EXIT_OK)
        goto out;

    /* Phase 1: contexts, templates, markup. */
    double t0 = now_ms();
    const char *cfgname = cfg->path ? cfg->path : "config.ini";
    const char *prefix = cfg->release_prefix ? cfg->release_prefix : "";
    const char *programme = cfg->programme ? cfg->programme : "";
    char safe[256];
    name_set taken = {0};
    project_models *pm = project_models_new(ctx->model, ctx->ds, ctx->fig);
    pdf_doc *ov = &docs[ds->nprojects];
    ov->file = xasprintf("%soverview.pdf", prefix);
    name_set_add(&taken, ov->file);
    for (uint32_t k = 0; k < ds->nprojects; k++) {
        uint32_t p = ctx->fig->project_order ? ctx->fig->project_order[k] : k;
        pdf_doc *doc = &docs[k];
        safe_file_name(ds->projects[p].id, safe, sizeof safe);
        doc->file = xasprintf("%s%s.pdf", prefix, safe);
        /* Different IDs can make the same name ("a/b" and "a_b", an ID "overview",
         * a long shared prefix): a later one gets ~2, ~3... rather than overwrite. */
        for (unsigned n = 2; !name_set_add(&taken, doc->file); n++) {
            free(doc->file);
            doc->file = xasprintf("%s%s~%u.pdf", prefix, safe, n);
        }
        /* One arena per document: a context is garbage once its markup is made. */
        arena a = {0};
        value *root = project_model(pm, &a, p);
        if (!render_doc(fonts, tp, tpl_path[0], root, cfg, doc, d))
            rc = EXIT_TEMPLATE;
        arena_free(&a);
        char *subject = xasprintf("「%s」 보도자료: %s (%s)", programme, ds->projects[p].title,
                                  ds->projects[p].id);
        prepared(fonts, subject, &doc->subject, d, cfgname);
        free(subject);
    }
    project_models_free(pm);
    name_set_free(&taken);
    if (!render_doc(fonts, to, tpl_path[1], ctx->model, cfg, ov, d))
        rc = EXIT_TEMPLATE;
    char *subject = xasprintf("「%s」 보도자료: 종합", programme);
    prepared(fonts, subject, &ov->subject, d, cfgname);
    free(subject);
    if (rc != EXIT_OK)
        goto out;
    for (size_t i = 0; i < ndocs; i++)
        docs[i].path = xasprintf("%s/%s", ctx->dir, docs[i].file);

    /* The header box: config's texts; 배포 comes from the report model, which holds the
     * configured text or, when that is empty, the run's date — one source for every document. */
    prepared(fonts, cfg->ministry, &ministry, d, cfgname);
    prepared(fonts, cfg->embargo, &embargo, d, cfgname);
    const value *dist = val_get(val_get(ctx->model, "release"), "distributed");
    prepared(fonts, dist && dist->type == VAL_STR ? dist->u.s : "", &distributed, d, cfgname);

    /* The markup is made: free the templates before forking, so that no
     * worker exits holding them (valgrind reported them lost in every child). */
    tpl_free(tp);
    tpl_free(to);
    tp = to = NULL;

    /* Phase 2 and 3. */
    double t1 = now_ms();
    rc = pdf_fonts_ready(fonts, ctx->dir);
    if (rc != EXIT_OK)
        goto out;
    double t2 = now_ms();
    pdf_info base = {sb_str(&ministry), sb_str(&embargo), sb_str(&distributed), NULL, ctx->created};
    rc = run_workers(fonts, docs, ndocs, cfg->jobs, &base, ctx->progress);
    double t3 = now_ms();
    msg_debug("pdf: %zu documents: markup %.1f ms, fonts %.1f ms, layout and write %.1f ms "
              "with %d worker%s (%.2f ms per document)",
              ndocs, t1 - t0, t2 - t1, t3 - t2, cfg->jobs, cfg->jobs == 1 ? "" : "s",
              (t3 - t0) / (double)ndocs);
    if (rc == EXIT_OK)
        for (size_t i = 0; i < ndocs; i++)
            outputs_add(out, docs[i].file);

out:
    for (size_t i = 0; i < ndocs; i++) {
        free(docs[i].file);
        free(docs[i].path);
        sb_free(&docs[i].markup);
        sb_free(&docs[i].subject);
    }
    free(docs);
    sb_free(&ministry);
    sb_free(&embargo);
    sb_free(&distributed);
    pdf_fonts_free(fonts);
    tpl_free(tp);
    tpl_free(to);
    return rc;
}

const renderer renderer_pdf = {"pdf", pdf_render};
