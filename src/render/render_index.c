/* render_index.c — index.html, the page a PR team opens first: every
 * document of the run with relative links, so the folder can be copied,
 * mailed as a zip or served as it is.
 *
 * Static HTML5 (no script), UTF-8, Korean, one column that reads on a phone
 * (viewport meta, system fonts, links as large tap targets). Releases are
 * listed in report order with their title line and links to each format
 * written (PDF, HWPX); then the workbook, figures.json and manifest.json
 * (written after this page, by the caller). The page holds the run's period,
 * creation time (SOURCE_DATE_EPOCH or the clock, local time) and counts, and
 * nothing else that varies, so the same input gives the same bytes. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common.h"
#include "diag.h"
#include "exitcodes.h"
#include "date.h"
#include "korean.h"
#include "utf8.h"
#include "release/release_set.h"
#include "render.h"
#include "strbuf.h"

#define INDEX_FILE "index.html"

/* Appends s escaped for HTML text and attribute values; invalid UTF-8 and
 * control characters are cleaned first. */
static void html(strbuf *b, const char *s)
{
    strbuf c = {0};
    utf8_clean(&c, s ? s : "", s ? strlen(s) : 0);
    for (const char *p = sb_str(&c); *p; p++) {
        switch (*p) {
        case '&': sb_adds(b, "&amp;"); break;
        case '<': sb_adds(b, "&lt;"); break;
        case '>': sb_adds(b, "&gt;"); break;
        case '"': sb_adds(b, "&quot;"); break;
        case '\'': sb_adds(b, "&#39;"); break;
        default:
            if ((unsigned char)*p < 0x20 && *p != '\t' && *p != '\n')
                break;
            sb_addc(b, *p);
        }
    }
    sb_free(&c);
}

/* An href: file names are made by safe_file_name() and the config; anything
 * outside unreserved characters and UTF-8 is percent-encoded. */
static void href(strbuf *b, const char *name)
{
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (*p >= 0x80 || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-_.~", *p))
            sb_addc(b, (char)*p);
        else
            sb_addf(b, "%%%02X", *p);
    }
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !strcmp(s + n - m, suffix);
}

static void link(strbuf *b, const char *file, const char *label)
{
    sb_adds(b, "<a href=\"");
    href(b, file);
    sb_adds(b, "\">");
    html(b, label);
    sb_adds(b, "</a>");
}

static const char STYLE[] =
    "body{margin:0;font-family:system-ui,-apple-system,\"Apple SD Gothic Neo\",\"Malgun Gothic\","
    "\"Noto Sans KR\",sans-serif;line-height:1.55;color:#1a1a1a;background:#fff}"
    "main{max-width:46rem;margin:0 auto;padding:1rem}"
    "h1{font-size:1.35rem;margin:.5rem 0}h2{font-size:1.1rem;margin:1.5rem 0 .5rem;"
    "border-bottom:2px solid #1a1a1a}"
    "dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem .8rem;margin:0}"
    "dt{color:#555}dd{margin:0}"
    "ul{list-style:none;padding:0;margin:0}li{padding:.6rem 0;border-bottom:1px solid #ddd}"
    ".t{display:block;font-weight:600}.id{color:#555;font-size:.9rem}"
    "a{display:inline-block;margin:.3rem .6rem 0 0;padding:.3rem .8rem;border:1px solid #1a5fb4;"
    "border-radius:.3rem;color:#1a5fb4;text-decoration:none}";

static void releases(strbuf *b, const render_ctx *ctx, const output_list *out)
{
    const release_set *rs = ctx->releases;
    if (!rs || !rs->built || rs->rc != EXIT_OK || rs->n == 0)
        return;
    /* The files written, looked up per release by hash (a scan of the list
     * for each of 100,000 releases made the page quadratic). */
    name_set written = {0};
    for (size_t i = 0; i < out->n; i++)
        name_set_add(&written, out->names[i]);
    sb_adds(b, "<h2>보도자료</h2>\n<ul>\n");
    for (size_t i = 0; i < rs->n; i++) {
        const release_item *it = &rs->item[i];
        char *pdf = xasprintf("%s.pdf", it->stem), *hwpx = xasprintf("%s.hwpx", it->stem);
        bool has_pdf = name_set_has(&written, pdf), has_hwpx = name_set_has(&written, hwpx);
        if (has_pdf || has_hwpx) {
            sb_adds(b, "<li><span class=\"t\">");
            html(b, *it->title ? it->title : it->stem);
            sb_adds(b, "</span><span class=\"id\">");
            if (it->project == RELEASE_OVERVIEW)
                sb_adds(b, "종합");
            else
                html(b, ctx->ds->projects[it->project].id);
            sb_adds(b, "</span><br>");
            if (has_pdf)
                link(b, pdf, "PDF");
            if (has_hwpx)
                link(b, hwpx, "HWPX (한글)");
            sb_adds(b, "</li>\n");
        }
        free(pdf);
        free(hwpx);
    }
    sb_adds(b, "</ul>\n");
    name_set_free(&written);
}

static void others(strbuf *b, const output_list *out)
{
    sb_adds(b, "<h2>자료</h2>\n<ul>\n");
    for (size_t i = 0; i < out->n; i++) {
        const char *f = out->names[i];
        const char *what = ends_with(f, ".xlsx")           ? "제출용 통합 문서 (XLSX)"
                           : !strcmp(f, "figures.json")     ? "모든 수치 (figures.json)"
                           : ends_with(f, ".pdf") || ends_with(f, ".hwpx") ? NULL
                                                                          : f;
        if (!what)
            continue;
        sb_adds(b, "<li><span class=\"t\">");
        html(b, what);
        sb_adds(b, "</span>");
        link(b, f, f);
        sb_adds(b, "</li>\n");
    }
    sb_adds(b, "<li><span class=\"t\">파일 목록과 SHA-256 (manifest.json)</span>");
    link(b, "manifest.json", "manifest.json");
    sb_adds(b, "</li>\n</ul>\n");
}

static void facts(strbuf *b, const render_ctx *ctx)
{
    const figures *fig = ctx->fig;
    strbuf from = {0}, to = {0};
    date_fmt(&from, fig->period.from);
    date_fmt(&to, fig->period.to);
    /* In the documents' time zone ([report] timezone), never the process's TZ. */
    int32_t secs, off = ctx->cfg->tz_offset;
    int32_t ymd = tz_date((int64_t)ctx->created, off, &secs);
    char when[64];
    snprintf(when, sizeof when, "%04d-%02d-%02d %02d:%02d (UTC%c%02d:%02d)", date_year(ymd),
             date_month(ymd), date_day(ymd), secs / 3600, secs / 60 % 60, off < 0 ? '-' : '+',
             (off < 0 ? -off : off) / 3600, (off < 0 ? -off : off) / 60 % 60);
    sb_adds(b, "<dl>\n<dt>기간</dt><dd>");
    html(b, fig->period.all ? "전체" : fig->period.label);
    sb_adds(b, " (");
    html(b, sb_str(&from));
    sb_adds(b, " ~ ");
    html(b, sb_str(&to));
    sb_addf(b, ")</dd>\n<dt>작성</dt><dd>%s</dd>\n", when);
    strbuf n = {0};
    const struct {
        const char *label;
        int64_t v;
        const char *counter;
    } rows[] = {
        {"프로젝트", ctx->ds->nprojects, "개"},
        {"기업 (firms.csv)", ctx->ds->nfirms, "개 사"},
        {"지원내역 (allocations.csv)", ctx->ds->nallocs, "건"},
        {"기간 내 지원", fig->in_period.t.allocs, "건"},
        {"기간 내 취소 (제외)", fig->cancelled_allocs, "건"},
        {"경고", (int64_t)diag_warnings(ctx->diags), "건"},
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        sb_reset(&n);
        kfmt_count(&n, rows[i].v, rows[i].counter);
        sb_addf(b, "<dt>%s</dt><dd>", rows[i].label);
        html(b, sb_str(&n));
        sb_adds(b, "</dd>\n");
    }
    sb_reset(&n);
    kfmt_money(&n, fig->in_period.t.amount);
    sb_adds(b, "<dt>기간 내 지원금액</dt><dd>");
    html(b, sb_str(&n));
    sb_adds(b, "</dd>\n</dl>\n");
    sb_free(&n);
    sb_free(&from);
    sb_free(&to);
}

int index_write(const render_ctx *ctx, output_list *out)
{
    const char *programme = ctx->cfg->programme ? ctx->cfg->programme : "";
    strbuf b = {0};
    sb_adds(&b, "<!DOCTYPE html>\n<html lang=\"ko\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    html(&b, programme);
    sb_adds(&b, " 보고 자료 (");
    html(&b, ctx->fig->period.all ? "전체" : ctx->fig->period.label);
    sb_adds(&b, ")");
    sb_addf(&b, "</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n<h1>", STYLE);
    if (*programme) {
        sb_adds(&b, "「");
        html(&b, programme);
        sb_adds(&b, "」 ");
    }
    sb_adds(&b, "보고 자료</h1>\n");
    facts(&b, ctx);
    releases(&b, ctx, out);
    others(&b, out);
    sb_adds(&b, "</main>\n</body>\n</html>\n");

    int rc = output_write(ctx, INDEX_FILE, sb_str(&b), b.len, out);
    sb_free(&b);
    return rc;
}
