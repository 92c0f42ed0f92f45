/* render_pdf.c — the 보도자료 PDFs: one release per project and one overview
 * release for the whole programme.
 *
 * The work runs in three phases so that libharu's expensive font set-up is
 * paid once per run instead of once per document (docs/pdf.md has the
 * figures):
 *   1. in this process, the run's releases are built (render/release/
 *      release_set.c: each document's template rendered to release markup,
 *      shared with the HWPX writer) and, while each markup exists, it is
 *      prepared for the fonts (cleaned, missing glyphs replaced, code points
 *      collected, a warning for each character no face draws) and dropped:
 *      this process keeps the run's code points and a few names per
 *      document, never the documents;
 *   2. the four faces are subset to the code points of the whole run and
 *      loaded once into a prepared libharu document (pdf_fonts_ready); in a
 *      run of eight project releases or more, the first, the middle and the
 *      last of them are laid out (not saved) to find the glyphs they all
 *      draw, which every project release then numbers first and whose bytes
 *      are deflated once (pdf_share_glyphs, pdf_fonts_share);
 *   3. render_pool writes the documents, from the queue it shares with the
 *      HWPX documents, in this process and in workers forked from it (up
 *      to cfg->jobs processes, one fewer while the workbook is written
 *      beside them), each taking the next document not yet taken, the
 *      costliest first (pdf_one). A document's markup is rendered again
 *      (release_markup: the same bytes as in phase 1), prepared the same
 *      way, read into the release document (release_doc.c) and laid out on
 *      the prepared libharu document, which is prepared again the same way
 *      for the next one (pdf_fonts_renew), so the process that writes a
 *      document does not change its bytes.
 * Template and glyph diagnostics are all produced in phase 1 (the glyph
 * warnings only when every template rendered), so children never need to
 * report anything but their own failure. Each document's bytes depend only
 * on its markup, the config, the run's code points and (a project release)
 * the glyphs the run's project releases share, never on the order in which
 * children finish; file names are recorded in document order. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../release/release_set.h"
#include "arena.h"
#include "common.h"
#include "diag.h"
#include "exitcodes.h"
#include "korean.h"
#include "pdf_fonts.h"
#include "pdf_layout.h"
#include "render.h"
#include "report_model.h"
#include "strbuf.h"
#include "template.h"

static void prepared(pdf_fonts *f, const char *s, strbuf *out, diag_list *d, const char *file)
{
    pdf_text_prepare(f, s ? s : "", s ? strlen(s) : 0, out, d, file);
}

/* What a PDF worker needs: the prepared fonts, the releases, the common
 * info (its strings owned here) and each release's file. */
typedef struct pdf_jobs {
    pdf_fonts *fonts;
    const release_set *rs;
    char **path; /* per release: ctx->dir/<stem>.pdf */
    const char *dir;
    strbuf ministry, embargo, distributed;
    pdf_info base;
    const char *cfgname;
    double t0;
} pdf_jobs;

/* Release i's document as phase 1 prepared it: its markup rendered again,
 * prepared for the fonts (its warnings were reported then), parsed into *r,
 * its info into *info (the subject kept in *subject). EXIT_OK, or
 * EXIT_INTERNAL after a message. */
static int doc_load(pdf_jobs *J, size_t i, rdoc *r, pdf_info *info, strbuf *text, strbuf *subject)
{
    const release_item *it = &J->rs->item[i];
    strbuf markup = {0};
    diag_list reported = {0};
    int rc = EXIT_INTERNAL;
    if (!release_markup(J->rs, i, &markup)) {
        msg_error("cannot render the release markup of %s again", it->stem);
        goto out;
    }
    pdf_text_prepare(J->fonts, sb_str(&markup), markup.len, text, &reported, it->tpl);
    prepared(J->fonts, it->subject, subject, &reported, J->cfgname);
    *info = J->base;
    info->subject = sb_str(subject);
    rc = pdf_fonts_renew(J->fonts);
    if (rc == EXIT_OK && !rdoc_parse(r, sb_str(text), text->len)) {
        rdoc_free(r);
        rc = EXIT_INTERNAL;
    }
out:
    sb_free(&markup);
    diag_free(&reported);
    return rc;
}

/* In this process or a worker: release i laid out and saved. The libharu
 * document is prepared again between two documents (pdf_fonts_renew: ~0.3 M
 * instructions, against 25 M before hpdfx_get_font), so one process writes
 * any number of them. */
static int pdf_one(void *arg, size_t i)
{
    pdf_jobs *J = arg;
    strbuf text = {0}, subject = {0};
    rdoc r;
    pdf_info info;
    int rc = doc_load(J, i, &r, &info, &text, &subject);
    if (rc == EXIT_OK) {
        J->fonts->share = J->rs->item[i].project != RELEASE_OVERVIEW;
        rc = pdf_write(J->fonts, &r, &info, J->path[i]);
        rdoc_free(&r);
    }
    sb_free(&text);
    sb_free(&subject);
    return rc;
}

/* The fewest project releases that share their glyphs: finding and
 * deflating the block (three layouts and ~90 KB at level 6, 2-4 ms in this
 * process) pays for itself at about six releases, each of which then
 * deflates ~20 % of its font programs instead of all (~0.6 ms less). */
#define SHARE_MIN_RELEASES 8

/* The glyphs the project releases share (pdf_fonts_share): those the first,
 * the middle and the last project release all draw in each face, laid out
 * here once. The overview has a template of its own and embeds its glyphs
 * as before. */
static int pdf_share_glyphs(pdf_jobs *J)
{
    size_t nproj = 0;
    for (size_t i = 0; i < J->rs->n; i++)
        nproj += J->rs->item[i].project != RELEASE_OVERVIEW;
    if (nproj < SHARE_MIN_RELEASES)
        return EXIT_OK;
    /* The first, the middle and the last project release. */
    size_t ref[3], seen = 0;
    for (size_t i = 0; i < J->rs->n; i++) {
        if (J->rs->item[i].project == RELEASE_OVERVIEW)
            continue;
        if (seen == 0)
            ref[0] = i;
        if (seen == nproj / 2)
            ref[1] = i;
        ref[2] = i;
        seen++;
    }
    for (int k = 0; k < 3; k++) {
        strbuf text = {0}, subject = {0};
        rdoc r;
        pdf_info info;
        int rc = doc_load(J, ref[k], &r, &info, &text, &subject);
        if (rc == EXIT_OK) {
            rc = pdf_lay_out_only(J->fonts, &r, &info, J->path[ref[k]]);
            rdoc_free(&r);
        }
        sb_free(&text);
        sb_free(&subject);
        if (rc != EXIT_OK)
            return rc;
        pdf_fonts_share_note(J->fonts);
    }
    pdf_fonts_share(J->fonts);
    return EXIT_OK;
}

/* A PDF costs about six times an HWPX of the same markup (the sample:
 * ~2.3 ms against ~0.4 ms a release): the pool takes the PDFs first and
 * leaves the short HWPX documents for the end. */
static uint64_t pdf_cost(void *arg, size_t i)
{
    const pdf_jobs *J = arg;
    return 6 * (uint64_t)J->rs->item[i].markup_len;
}

/* Document i's file, for output_seal. */
static const char *pdf_path(void *arg, size_t i)
{
    const pdf_jobs *J = arg;
    return J->path[i];
}

/* After the pool: the names in document order, everything freed. */
static void pdf_done(void *arg, int rc, output_list *out, const output_sum *sum)
{
    pdf_jobs *J = arg;
    release_paths_done(J->path, J->rs->n, J->dir, rc, out, sum);
    msg_debug("pdf: %zu documents written in %.1f ms since their preparation began", J->rs->n,
              now_ms() - J->t0);
    sb_free(&J->ministry);
    sb_free(&J->embargo);
    sb_free(&J->distributed);
    pdf_fonts_free(J->fonts);
    free(J);
}

/* ---- characters of the data that no face draws ---- */

/* The column (in characters, 1-based) of cp on physical line `line` of a
 * UTF-8 input file, or 0 when the file is in another encoding or the line
 * cannot be read (the warning then names the line). */
static uint32_t data_col(const source_file *sf, uint32_t line, uint32_t cp)
{
    if (sf->encoding != ENC_UTF8 && sf->encoding != ENC_UTF8_BOM)
        return 0;
    FILE *fp = fopen(sf->path, "rb");
    if (!fp)
        return 0;
    char *buf = NULL;
    size_t cap = 0;
    ssize_t n = 0;
    uint32_t col = 0;
    for (uint32_t l = 1; l <= line && (n = getline(&buf, &cap, fp)) >= 0; l++) {
        if (l < line)
            continue;
        size_t i = l == 1 && n >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3) ? 3 : 0;
        for (uint32_t c = 1; i < (size_t)n; c++) {
            uint32_t x = 0;
            size_t k = utf8_decode(buf + i, (size_t)n - i, &x);
            if (x == cp && k) {
                col = c;
                break;
            }
            i += k ? k : 1;
        }
    }
    free(buf);
    fclose(fp);
    return col;
}

/* Each character of the data's text that no face (nor the fallback face)
 * draws, once, at the first place it occurs (file:line:column of the CSV),
 * recorded in f as reported; with d NULL only recorded. */
static void data_glyphs(pdf_fonts *f, const dataset *ds, diag_list *d)
{
    for (int pass = 0; pass < 2; pass++) {
        uint32_t n = pass == 0 ? ds->nprojects : ds->nfirms;
        for (uint32_t r = 0; r < n; r++) {
            const char *fields[8] = {0};
            uint32_t line;
            const source_file *sf;
            if (pass == 0) {
                const project *p = &ds->projects[r];
                fields[0] = p->title, fields[1] = p->lead_agency, fields[2] = p->quote;
                for (uint32_t k = 0; k < p->nfields && k < 5; k++)
                    fields[3 + k] = p->fields[k];
                line = p->line, sf = &ds->files[SRC_PROJECTS];
            } else {
                const firm *fm = &ds->firms[r];
                fields[0] = fm->name, fields[1] = fm->city, fields[2] = fm->industry;
                line = fm->line, sf = &ds->files[SRC_FIRMS];
            }
            for (size_t k = 0; k < ARRAY_LEN(fields); k++) {
                const char *s = fields[k];
                for (size_t i = 0; s && s[i];) {
                    uint32_t cp = 0;
                    size_t m = utf8_decode(s + i, strlen(s + i), &cp);
                    i += m ? m : 1;
                    if (!m || cp_set_has(&f->warned, cp) || !pdf_cp_missing(f, cp, true) || !d)
                        continue;
                    char ch[5] = {0};
                    memcpy(ch, s + i - m, m);
                    diag_add(d, DIAG_WARNING, sf->path, line, data_col(sf, line, cp),
                             "character U+%04X \"%s\" is not in the PDF fonts; printed as \"?\"",
                             (unsigned)cp, ch);
                }
            }
        }
    }
}

/* The faces opened by pdf_data_glyph_warnings, their warned set filled,
 * kept for the run's pdf_prepare (same data, same config): opening five faces
 * and walking the data's text again cost ~14 M instructions on the sample,
 * in the main process, while the releases wait for it. */
static struct {
    pdf_fonts *fonts;
    const dataset *ds;
    const config *cfg;
} checked;

static void checked_drop(void)
{
    pdf_fonts_free(checked.fonts);
    checked.fonts = NULL;
}

int pdf_data_glyph_warnings(const config *cfg, const dataset *ds, diag_list *d)
{
    const char *paths[PDF_NFACES] = {cfg->font_serif, cfg->font_serif_bold, cfg->font_sans,
                                     cfg->font_sans_bold, cfg->font_fallback};
    pdf_fonts *fonts = NULL;
    int rc = pdf_fonts_open(&fonts, paths);
    if (rc != EXIT_OK)
        return rc;
    data_glyphs(fonts, ds, d);
    checked_drop();
    checked.fonts = fonts;
    checked.ds = ds;
    checked.cfg = cfg;
    return EXIT_OK;
}

/* Phase 1, for each release while its markup exists: the markup and the
 * subject prepared for the fonts (the run's code points collected), the
 * result dropped. Warnings go to a list of their own, kept only when every
 * template rendered. */
typedef struct pdf_prep {
    pdf_fonts *fonts;
    diag_list glyphs;
    strbuf scratch;
    const char *cfgname;
} pdf_prep;

static void pdf_prepare_one(void *arg, size_t i, const release_item *it, const char *markup, size_t len)
{
    (void)i;
    pdf_prep *P = arg;
    sb_reset(&P->scratch);
    pdf_text_prepare(P->fonts, markup, len, &P->scratch, &P->glyphs, it->tpl);
    sb_reset(&P->scratch);
    prepared(P->fonts, it->subject, &P->scratch, &P->glyphs, P->cfgname);
}

/* Appends every diagnostic of from to d, in order. */
static void diag_append(diag_list *d, const diag_list *from)
{
    for (size_t i = 0; i < from->n; i++) {
        const diag *x = &from->v[i];
        diag_add(d, x->sev, x->file, x->line, x->col, "%s", x->msg);
    }
}

static int pdf_prepare(const render_ctx *ctx, diag_list *d, render_batch *b)
{
    const config *cfg = ctx->cfg;
    const release_set *rs;
    pdf_fonts *fonts = NULL;
    int rc = EXIT_OK;
    double t0 = now_ms();
    if (checked.fonts && checked.ds == ctx->ds && checked.cfg == cfg) {
        fonts = checked.fonts; /* opened and checked against the data already */
        checked.fonts = NULL;
    } else {
        checked_drop();
        const char *paths[PDF_NFACES] = {cfg->font_serif, cfg->font_serif_bold, cfg->font_sans,
                                         cfg->font_sans_bold, cfg->font_fallback};
        rc = pdf_fonts_open(&fonts, paths);
        if (rc != EXIT_OK)
            return rc;
        /* The data's characters no face draws were reported before the
         * documents, at the data (pdf_data_glyph_warnings): not again here. */
        data_glyphs(fonts, ctx->ds, NULL);
    }

    /* Phase 1: the releases built, each markup prepared for the fonts and dropped. */
    const char *cfgname = cfg->path ? cfg->path : "config.ini";
    pdf_prep P = {fonts, {0}, {0}, cfgname};
    rc = release_set_build(ctx, d, &(release_visit){pdf_prepare_one, &P}, &rs);
    if (rc == EXIT_OK)
        diag_append(d, &P.glyphs);
    diag_free(&P.glyphs);
    sb_free(&P.scratch);
    if (rc != EXIT_OK) {
        pdf_fonts_free(fonts);
        return rc;
    }
    pdf_jobs *J = xcalloc(1, sizeof *J);
    J->fonts = fonts;
    J->rs = rs;
    J->dir = ctx->dir;
    J->cfgname = cfgname;
    J->t0 = t0;
    J->path = release_paths(rs, ctx->dir, ".pdf");

    /* The header box: config's texts; 배포 comes from the report model, which holds the
     * configured text or, when that is empty, the run's date — one source for every document. */
    prepared(fonts, cfg->ministry, &J->ministry, d, cfgname);
    prepared(fonts, cfg->embargo, &J->embargo, d, cfgname);
    prepared(fonts, rs->distributed, &J->distributed, d, cfgname);
    J->base = (pdf_info){sb_str(&J->ministry), sb_str(&J->embargo), sb_str(&J->distributed), NULL,
                         ctx->created};

    /* Phase 2; phase 3 is render_pool's. */
    double t1 = now_ms();
    rc = pdf_fonts_ready(fonts);
    double t2 = now_ms();
    if (rc == EXIT_OK)
        rc = pdf_share_glyphs(J);
    msg_debug("pdf: %zu documents prepared: markup %.1f ms, fonts %.1f ms, shared glyphs %.1f ms", rs->n,
              t1 - t0, t2 - t1, now_ms() - t2);
    *b = (render_batch){"PDF", rs->n, pdf_one, pdf_cost, pdf_path, pdf_done, J, NULL};
    if (rc != EXIT_OK) {
        pdf_done(J, rc, NULL, NULL);
        *b = (render_batch){0};
    }
    return rc;
}

const renderer renderer_pdf = {"pdf", NULL, pdf_prepare};
