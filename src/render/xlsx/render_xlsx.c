/* render_xlsx.c — the XLSX workbook for the ministry (libxlsxwriter).
 *
 * One workbook per run, nine kinds of sheet in a fixed order: 요약,
 * 프로젝트별, 프로젝트×정책수단, 정책수단별, 기간별, 기업별 (xlsx_summary.c),
 * 지원내역 (continued on 지원내역(2), (3)… past [limits] sheet_max_rows;
 * xlsx_detail.c), then 검증결과 and 실행정보 (here). This file makes the
 * workbook (properties, formats), calls the sheet writers in order
 * (xlsx_sheets.h), closes it and renames it into place. Each sheet is a
 * table of columns (xcol, xlsx_cells.h) written through a row cursor. These
 * files and xlsx_cells.c are the only modules that include <xlsxwriter.h>;
 * this one turns the library's error codes into one message naming the file
 * and returns EXIT_OUTPUT.
 *
 * Every number comes from the figures (aggregate.h). Totals and rates are
 * formulas (SUM, ratios) written with worksheet_write_formula_num and the
 * figure as the cached result, so a viewer that does not recalculate shows
 * the right value; where a cached value must equal a column sum the debug
 * build checks that it does (XLSX_CHECK).
 *
 * Amounts: a stored value means what its header says. Detail rows hold
 * whole won under "지원금액(원)"; the summary sheets hold the amount in the
 * display unit (won / 1, 10^3, 10^6 or 10^8) and every money header names
 * that unit (xlsx_table_header adds it); formulas cache the value computed
 * from the exact int64 figures. Every sheet with amounts says its unit
 * ("(단위: …)"). Charts are bar charts with caches filled from the figures
 * (xlsx_bar_chart); printing is planned from the fitted widths
 * (xlsx_sheet_close): one page wide, or column blocks, at 60 % or more.
 *
 * The workbook is always written in constant_memory mode (rows strictly in
 * order, strings inline, temporary files in the staging directory), so memory
 * does not grow with the detail rows and one code path serves small and large
 * runs. It is written under a temporary name in ctx->dir and renamed when
 * workbook_close() succeeds; on failure the temporary file is removed.
 * Column widths are fitted to the content as rows are written (a Hangul
 * character counts two columns) and set when a sheet is finished. The
 * cell-level toolkit (and the faster deflate) is in xlsx_cells.c.
 * */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "aggregate.h"
#include "common.h"
#include "config.h"
#include "diag.h"
#include "exitcodes.h"
#include "hash.h"
#include "model.h"
#include "render.h"
#include "strbuf.h"
#include "utf8.h"
#include "value.h"
#include "write_guard.h"
#include "xlsx_sheets.h"

/* ---- 검증결과 ---- */

/* One row of 검증결과: a diagnostic, or a closing note (no file, line, column). */
typedef struct check_row {
    const char *kind, *file, *msg;
    uint32_t line, col;
    bool note; /* a closing note: blanks in text format */
} check_row;

static void ck_kind(xcur *cur, const xcol *col, const void *item) { (void)col; xcur_str(cur, ((const check_row *)item)->kind); }
static void ck_file(xcur *cur, const xcol *col, const void *item) { (void)col; xcur_str(cur, ((const check_row *)item)->file); }
static void ck_msg(xcur *cur, const xcol *col, const void *item) { (void)col; xcur_str(cur, ((const check_row *)item)->msg); }
static void ck_pos(xcur *cur, const xcol *col, const void *item)
{
    const check_row *k = item;
    uint32_t v = col->arg ? k->col : k->line;
    if (k->note)
        cur->f = cur->x->text;
    if (v)
        xcur_num(cur, v);
    else
        xcur_blank(cur);
}

enum { CK_KIND, CK_FILE, CK_LINE, CK_COL, CK_MSG, CK_NCOLS };
/* Messages wrap in a column of this width (a fitted width is capped at XLSX_MAX_WIDTH). */
#define CK_MSG_WIDTH ((XLSX_MAX_WIDTH - 2) / 1.1)
static const xcol check_cols[CK_NCOLS] = {
    [CK_KIND] = {"구분", 0, XF_TEXT, ck_kind, 0, NULL, 0, 0},
    [CK_FILE] = {"파일", 0, XF_TEXT, ck_file, 0, NULL, 0, 0},
    [CK_LINE] = {"행", 0, XF_COUNT, ck_pos, 0, NULL, 0, 0},
    [CK_COL] = {"열", 0, XF_COUNT, ck_pos, 0, NULL, 0, 1},
    [CK_MSG] = {"내용", CK_MSG_WIDTH, XF_WRAP, ck_msg, 0, NULL, 0, 0},
};

static void write_checks(xw *x)
{
    xsheet sh;
    if (!xlsx_sheet_open(x, &sh, "검증결과", CK_NCOLS))
        return;
    const diag_list *d = x->ctx->diags;
    size_t n = d ? d->n : 0;
    size_t nrows = n + (d && d->dropped ? 1 : 0);
    xcur cur = {.x = x, .sh = &sh};
    lxw_row_t hdr = xlsx_table_top(&cur, "검증 결과 (경고와 참고; 오류가 있으면 보고서를 만들지 않습니다)", false,
                                   check_cols, CK_NCOLS, (uint32_t)(nrows ? nrows : 1));
    lxw_row_t first = cur.r;
    for (size_t i = 0; i < n; i++) {
        const diag *g = &d->v[i];
        /* The file by its name only: the workbook never shows where the inputs were read. */
        check_row row = {g->sev == DIAG_ERROR ? "오류" : g->sev == DIAG_WARNING ? "경고" : "참고",
                         g->file ? path_file_name(g->file) : NULL, g->msg,
                         g->line, g->col, false};
        xlsx_wrap_row(&sh, cur.r, g->msg, XLSX_MAX_WIDTH);
        xlsx_table_row(&cur, check_cols, CK_NCOLS, &row);
    }
    if (d && d->dropped) {
        char buf[160];
        snprintf(buf, sizeof buf, "그 밖의 %zu건은 생략했습니다 ([limits] max_diagnostics = %zu)", d->dropped,
                 d->limit);
        check_row row = {"참고", NULL, buf, 0, 0, true};
        xlsx_table_row(&cur, check_cols, CK_NCOLS, &row);
    }
    if (cur.r == first) {
        check_row row = {"없음", NULL, "경고가 없습니다", 0, 0, true};
        xlsx_table_row(&cur, check_cols, CK_NCOLS, &row);
    }
    xlsx_table_end(x, &sh, hdr, 0, CK_FILE, false);
}

/* ---- 실행정보 ---- */

static const char *const source_label[SRC_COUNT] = {"프로젝트", "참여기업", "지원내역"};

/* Inputs: one row per source file (item: its index). */
static const source_file *src_of(const xcur *cur, const void *item)
{
    return &cur->x->ds->files[*(const int *)item];
}
static void in_label(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    xcur_str(cur, source_label[*(const int *)item]);
}
static void in_path(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    xcur_str(cur, path_file_name(src_of(cur, item)->path));
}
static void in_encoding(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    xcur_str(cur, encoding_name(src_of(cur, item)->encoding));
}
static void in_rows(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    xcur_num(cur, src_of(cur, item)->rows);
}
static void in_bytes(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    xcur_num(cur, (double)src_of(cur, item)->bytes);
}
/* The SHA-256 wraps onto two lines of 32 digits (its column is SHA_WIDTH wide). */
#define SHA_WIDTH 34
static void in_sha(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    const source_file *sf = src_of(cur, item);
    char hex[65] = "";
    if (sf->has_sha256)
        sha256_hex(sf->sha256, hex);
    xlsx_put_str_w(cur->x, cur->sh, cur->r, cur->c, hex, cur->f, false);
}

static const xcol input_cols[] = {
    {"구분", 0, XF_TEXT, in_label, 0, NULL, 0, 0},
    {"파일", 0, XF_TEXT, in_path, 0, NULL, 0, 0},
    {"인코딩", 0, XF_TEXT, in_encoding, 0, NULL, 0, 0},
    {"행 수", 0, XF_COUNT, in_rows, 0, NULL, 0, 0},
    {"크기(바이트)", 0, XF_COUNT, in_bytes, 0, NULL, 0, 0},
    {"SHA-256", SHA_WIDTH, XF_WRAP, in_sha, 0, NULL, 0, 0},
};

/* The run's inputs (encoding, rows, size, SHA-256): wide, needed for an
 * audit rather than for reading, so on a sheet of their own after the rest. */
static void write_run_sheet(xw *x)
{
    xsheet sh;
    if (!xlsx_sheet_open(x, &sh, "실행정보", ARRAY_LEN(input_cols)))
        return;
    xcur cur = {.x = x, .sh = &sh};
    lxw_row_t hdr = xlsx_table_top(&cur, "실행 정보 (입력 파일)", false, input_cols, ARRAY_LEN(input_cols), SRC_COUNT);
    for (int k = 0; k < SRC_COUNT; k++) {
        xlsx_wrap_row(&sh, cur.r, "0123456789012345678901234567890123456789012345678901234567890123",
                      SHA_WIDTH * 1.1 + 2); /* 64 hex digits */
        xlsx_table_row(&cur, input_cols, ARRAY_LEN(input_cols), &k);
    }
    xlsx_table_end(x, &sh, hdr, 0, 1, false);
}


/* ---- the workbook ---- */

/* Builds the workbook's file name: cfg->workbook_name with every "{period}"
 * replaced by the period label made safe for a file name. Returns a malloc'd
 * string (caller frees), or NULL when the result is not a plain file name. */
STATIC char *xlsx_file_name(const char *pattern, const char *label)
{
    char safe[256];
    safe_file_name(label, safe, sizeof safe);
    strbuf b = {0};
    const char *p = pattern ? pattern : "";
    for (const char *m; (m = strstr(p, "{period}")); p = m + 8) {
        sb_addn(&b, p, (size_t)(m - p));
        sb_adds(&b, safe);
    }
    sb_adds(&b, p);
    char *name = sb_take(&b);
    if (!*name || strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, "..")) {
        free(name);
        return NULL;
    }
    return name;
}

/* Sets a document property from a config string, cleaned; "" for NULL. */
static char *prop(const char *s)
{
    strbuf tmp = {0};
    const char *t = xlsx_clean(&tmp, s ? s : "", NULL);
    char *r = xstrdup(t);
    sb_free(&tmp);
    return r;
}

/* Writes the whole workbook to `path` (temporary files in ctx->dir); does not
 * rename. Returns EXIT_OK or EXIT_OUTPUT after one message naming `shown`.
 * On failure `path` may exist; the caller removes it. */
STATIC int xlsx_write(const render_ctx *ctx, const char *path, const char *shown)
{
    xw x = {.ctx = ctx, .cfg = ctx->cfg, .ds = ctx->ds, .fig = ctx->fig, .shown = shown};
    x.money_div = (double)unit_divisor(ctx->cfg->unit);
    snprintf(x.unit_note_buf, sizeof x.unit_note_buf, "(단위: %s)", unit_label(ctx->cfg->unit));
    x.unit_note = x.unit_note_buf;
    const value *pt = ctx->model ? val_get(val_get(ctx->model, "period"), "text") : NULL;
    snprintf(x.period_text, sizeof x.period_text, "%s",
             pt && pt->type == VAL_STR && pt->u.s[0] ? pt->u.s : ctx->fig->period.label);

    lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = (char *)ctx->dir};
    stderr_capture lib;
    stderr_capture_begin(&lib);
    xlsx_tmpfile_reset(ctx->cfg->xlsx_memory);
    x.wb = workbook_new_opt(path, &opt);
    stderr_capture_end(&lib, "libxlsxwriter");
    if (!x.wb) {
        msg_error("cannot write %s: %s", shown, lxw_strerror(LXW_ERROR_MEMORY_MALLOC_FAILED));
        return EXIT_OUTPUT;
    }

    char title[256];
    snprintf(title, sizeof title, "%s 지원 실적 (%s)", ctx->cfg->programme ? ctx->cfg->programme : "",
             x.period_text);
    lxw_doc_properties props = {
        .title = prop(title),
        .subject = prop("지역특화 프로젝트 지원 실적 집계"),
        .author = prop(ctx->cfg->department),
        .company = prop(ctx->cfg->ministry),
        .comments = prop("smereport"),
        .created = ctx->created,
    };
    workbook_set_properties(x.wb, &props);
    xlsx_make_formats(&x);

    errno = 0;
    double t0 = now_ms(), c0 = xlsx_cpu_ms(true);
    xlsx_write_summary(&x);
    if (!x.failed)
        xlsx_write_projects(&x);
    if (!x.failed)
        xlsx_write_matrix(&x);
    if (!x.failed)
        xlsx_write_instruments(&x);
    if (!x.failed)
        xlsx_write_quarters(&x);
    if (!x.failed)
        xlsx_write_firms(&x);
    if (!x.failed)
        xlsx_write_details(&x);
    if (!x.failed)
        write_checks(&x);
    if (!x.failed)
        write_run_sheet(&x);

    /* A terminal sees one line while the zip is packed (seconds at a million rows). */
    if (ctx->progress)
        ctx->progress("writing workbook (packing)", 0, 0);
    errno = 0;
    stderr_capture_begin(&lib); /* its "[ERROR] …" lines: -v and the log only */
    /* The zip is deflated on every job this process holds or is handed now. */
    int held = x.jobs_held;
    while (held < render_extra_jobs(ctx->cfg) && render_job_wait(-1, 0))
        held++;
    double t1 = now_ms(), c1 = xlsx_cpu_ms(true), p1 = xlsx_cpu_ms(false);
    xlsx_zip_begin(1 + held);
    lxw_error err = workbook_close(x.wb);
    int saved = errno;
    xlsx_tmpfile_close_all();
    int tmp_err = xlsx_tmpfile_error(); /* a part was cut short: never a silent half sheet */
    if (err == LXW_NO_ERROR && tmp_err) {
        err = LXW_ERROR_READING_TMPFILE;
        saved = tmp_err;
    }
    xlsx_zip_end();
    double t2 = now_ms(), c2 = xlsx_cpu_ms(true), p2 = xlsx_cpu_ms(false);
    stderr_capture_end(&lib, "libxlsxwriter");
    if (ctx->progress)
        ctx->progress(NULL, 0, 0);
    msg_debug("xlsx: sheets written in %.0f ms (CPU %.0f ms in this thread); packed (workbook_close) in "
              "%.0f ms (CPU %.0f ms in this thread, %.0f ms in all %d)", t1 - t0, c1 - c0, t2 - t1, c2 - c1,
              p2 - p1, 1 + held);
    free(props.title);
    free(props.subject);
    free(props.author);
    free(props.company);
    free(props.comments);
    sb_free(&x.clean);
    xlsx_free_tmpbufs(&x); /* after workbook_close: it reads and closes the sheets' files */
    if (x.failed)
        return EXIT_OUTPUT;
    if (err == LXW_ERROR_READING_TMPFILE && tmp_err == EFBIG && write_guard_tripped())
        return write_guard_status(EXIT_OK); /* names the file-size limit, as for any other output */
    if (err != LXW_NO_ERROR) {
        bool sys = err == LXW_ERROR_CREATING_XLSX_FILE || err == LXW_ERROR_CREATING_TMPFILE ||
                   err == LXW_ERROR_READING_TMPFILE || (err >= LXW_ERROR_ZIP_FILE_OPERATION && err <= LXW_ERROR_ZIP_CLOSE);
        if (sys && saved)
            msg_error("cannot write %s: %s (%s)", shown, lxw_strerror(err), strerror(saved));
        else
            msg_error("cannot write %s: %s", shown, lxw_strerror(err));
        return EXIT_OUTPUT;
    }
    return EXIT_OK;
}

/* Writes the workbook `name` into dir through a temporary name and renames it.
 * Leaves no file behind on failure. */
STATIC int xlsx_write_file(const render_ctx *ctx, const char *dir, const char *name)
{
    char *final = xasprintf("%s/%s", dir, name);
    char *tmp = xasprintf("%s/.%s.part", dir, name);
    int rc = xlsx_write(ctx, tmp, final);
    if (rc == EXIT_OK && rename(tmp, final) != 0) {
        msg_error("cannot write %s: rename from %s: %s", final, tmp, strerror(errno));
        rc = EXIT_OUTPUT;
    }
    if (rc != EXIT_OK)
        unlink(tmp);
    free(tmp);
    free(final);
    return rc;
}

static int xlsx_render(const render_ctx *ctx, output_list *out, diag_list *d)
{
    (void)d;
    char *name = xlsx_file_name(ctx->cfg->workbook_name, ctx->fig->period.label);
    if (!name) {
        msg_error("[output] workbook = \"%s\" does not give a file name", ctx->cfg->workbook_name ? ctx->cfg->workbook_name : "");
        return EXIT_OUTPUT;
    }
    int rc = xlsx_write_file(ctx, ctx->dir, name);
    if (rc == EXIT_OK)
        outputs_add(out, name);
    free(name);
    return rc;
}

const renderer renderer_xlsx = {"xlsx", xlsx_render, NULL};
