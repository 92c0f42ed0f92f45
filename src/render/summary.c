/* summary.c — `smereport summary`: the figures as aligned text tables, or
 * the report model as JSON (the same bytes as figures.json).
 *
 * A table is collected first (cells as strings) and printed once its column
 * widths are known. Widths are display widths (utf8_width: a Hangul
 * syllable takes two columns), so Korean names line up on a terminal;
 * numbers are right-aligned and grouped with commas. Project titles are cut
 * to a fixed display width with "…". Every number comes from the figures,
 * including the total rows: the printer formats, it never adds. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "diag.h"
#include "exitcodes.h"
#include "korean.h"
#include "summary.h"

#define TITLE_WIDTH 34 /* display columns for a project title */
#define MAX_COLS 10

typedef struct table {
    int ncols;
    const char *head[MAX_COLS];
    bool right[MAX_COLS];
    char **cells; /* row-major, ncols per row; NULL cell = empty; a NULL row = rule */
    size_t n, cap;  /* cells */
} table;

static void tb_cell(table *t, const char *s)
{
    xgrow((void **)&t->cells, &t->cap, t->n + 1, sizeof *t->cells);
    t->cells[t->n++] = s ? xstrdup(s) : NULL;
}

static void tb_cell_sb(table *t, strbuf *b)
{
    tb_cell(t, sb_str(b));
    sb_reset(b);
}

static void tb_int(table *t, int64_t v, strbuf *b)
{
    kfmt_group(b, v);
    tb_cell_sb(t, b);
}

static void tb_rate(table *t, double r, strbuf *b)
{
    kfmt_percent(b, r, 1);
    tb_cell_sb(t, b);
}

/* A horizontal rule before the next row (used before total rows). */
static void tb_rule(table *t)
{
    for (int c = 0; c < t->ncols; c++)
        tb_cell(t, "\x01");
}

static int width(const char *s)
{
    return s ? utf8_width(s, strlen(s)) : 0;
}

static void pad(FILE *out, int n)
{
    for (int k = 0; k < n; k++)
        fputc(' ', out);
}

static void tb_print(FILE *out, const char *title, table *t)
{
    int w[MAX_COLS];
    for (int c = 0; c < t->ncols; c++)
        w[c] = width(t->head[c]);
    for (size_t k = 0; k < t->n; k++) {
        const char *s = t->cells[k];
        int c = (int)(k % (size_t)t->ncols);
        if (s && s[0] != '\x01' && width(s) > w[c])
            w[c] = width(s);
    }
    int total = 0;
    for (int c = 0; c < t->ncols; c++)
        total += w[c] + (c ? 2 : 0);
    fprintf(out, "\n%s\n", title);
    for (int c = 0; c < t->ncols; c++) {
        if (c)
            pad(out, 2);
        int gap = w[c] - width(t->head[c]);
        if (t->right[c])
            pad(out, gap);
        fputs(t->head[c], out);
        if (!t->right[c] && c + 1 < t->ncols)
            pad(out, gap);
    }
    fputc('\n', out);
    for (int k = 0; k < total; k++)
        fputs("-", out);
    fputc('\n', out);
    for (size_t r = 0; r * (size_t)t->ncols < t->n; r++) {
        char **row = t->cells + r * (size_t)t->ncols;
        if (row[0] && row[0][0] == '\x01') {
            for (int k = 0; k < total; k++)
                fputs("-", out);
            fputc('\n', out);
            continue;
        }
        for (int c = 0; c < t->ncols; c++) {
            const char *s = row[c] ? row[c] : "";
            if (c)
                pad(out, 2);
            int gap = w[c] - width(s);
            if (t->right[c])
                pad(out, gap);
            fputs(s, out);
            if (!t->right[c] && c + 1 < t->ncols)
                pad(out, gap);
        }
        fputc('\n', out);
    }
    for (size_t k = 0; k < t->n; k++)
        free(t->cells[k]);
    free(t->cells);
    t->cells = NULL;
    t->n = t->cap = 0;
}

/* Appends s cut to at most max display columns, ending in "…" when cut. */
STATIC void fit_width(strbuf *b, const char *s, int max)
{
    size_t len = strlen(s);
    if (utf8_width(s, len) <= max) {
        sb_adds(b, s);
        return;
    }
    int w = 0;
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = utf8_decode(s + i, len - i, &cp);
        if (!n)
            n = 1;
        int cw = utf8_width(s + i, n);
        if (w + cw > max - 1)
            break;
        w += cw;
        i += n;
    }
    sb_addn(b, s, i);
    sb_adds(b, "…");
}

static const char *model_str(const value *model, const char *map, const char *key)
{
    const value *v = val_get(val_get(model, map), key);
    return v && v->type == VAL_STR ? v->u.s : NULL;
}

static void print_header(FILE *out, const config *cfg, const dataset *ds, const figures *fig,
                         const value *model, strbuf *b)
{
    const char *ptext = model_str(model, "period", "text");
    fprintf(out, "%s 지원 현황 — %s\n", cfg->programme ? cfg->programme : "", ptext ? ptext : fig->period.label);
    if (fig->period.from) {
        date_fmt(b, fig->period.from);
        sb_adds(b, " ~ ");
        date_fmt(b, fig->period.to);
        sb_adds(b, ", 누계 ");
        date_fmt(b, fig->cumulative.from);
        sb_adds(b, " ~ ");
        date_fmt(b, fig->cumulative.to);
    } else {
        sb_adds(b, "자료 없음");
    }
    fprintf(out, "기간: %s (%s)\n", fig->period.label, sb_str(b));
    sb_reset(b);

    table t = {.ncols = 4, .head = {"입력 파일", "인코딩", "행", "바이트"}, .right = {false, false, true, true}};
    for (int k = 0; k < SRC_COUNT; k++) {
        const source_file *f = &ds->files[k];
        tb_cell(&t, f->path ? f->path : "-");
        tb_cell(&t, encoding_name(f->encoding));
        tb_int(&t, f->rows, b);
        tb_int(&t, (int64_t)f->bytes, b);
    }
    tb_print(out, "[입력]", &t);
}

static void print_totals(FILE *out, const figures *fig, strbuf *b)
{
    const totals *p = &fig->in_period.t, *c = &fig->cumulative.t;
    table t = {.ncols = 3, .head = {"항목", "기간", "누계"}, .right = {false, true, true}};
    static const char *const names[] = {"프로젝트", "참여기업", "정책수단", "지원 건수", "지원금액(원)",
                                        "  집행(원)", "  선정(원)"};
    const int64_t pv[] = {p->projects, p->firms, p->instruments, p->allocs, p->amount, p->executed, p->selected};
    const int64_t cv[] = {c->projects, c->firms, c->instruments, c->allocs, c->amount, c->executed, c->selected};
    for (size_t k = 0; k < ARRAY_LEN(names); k++) {
        tb_cell(&t, names[k]);
        tb_int(&t, pv[k], b);
        tb_int(&t, cv[k], b);
    }
    tb_print(out, "[합계]", &t);
}

static void print_projects(FILE *out, const dataset *ds, const figures *fig, strbuf *b)
{
    const scope_fig *s = &fig->in_period;
    table t = {.ncols = 8,
               .head = {"ID", "시도", "프로젝트명", "기업", "건수", "지원금액(원)", "집행(원)", "집행률"},
               .right = {false, false, false, true, true, true, true, true}};
    for (uint32_t k = 0; k < ds->nprojects; k++) {
        uint32_t p = fig->project_order[k];
        const project *pr = &ds->projects[p];
        const project_fig *P = &s->projects[p];
        tb_cell(&t, pr->id);
        tb_cell(&t, region_short(pr->region));
        fit_width(b, pr->title ? pr->title : "", TITLE_WIDTH);
        tb_cell_sb(&t, b);
        tb_int(&t, P->t.firms, b);
        tb_int(&t, P->t.allocs, b);
        tb_int(&t, P->t.amount, b);
        tb_int(&t, P->t.executed, b);
        tb_rate(&t, P->exec_rate, b);
    }
    tb_rule(&t);
    tb_cell(&t, "합계");
    tb_cell(&t, NULL);
    kfmt_count(b, s->t.projects, "개 프로젝트");
    tb_cell_sb(&t, b);
    tb_int(&t, s->t.firms, b);
    tb_int(&t, s->t.allocs, b);
    tb_int(&t, s->t.amount, b);
    tb_int(&t, s->t.executed, b);
    tb_cell(&t, NULL);
    tb_print(out, "[프로젝트별] 기간", &t);
}

static void print_instruments(FILE *out, const dataset *ds, const figures *fig, strbuf *b)
{
    const scope_fig *s = &fig->in_period;
    table t = {.ncols = 7,
               .head = {"정책수단", "프로젝트", "기업", "건수", "지원기관", "지원금액(원)", "비중"},
               .right = {false, true, true, true, true, true, true}};
    const uint32_t *order;
    uint32_t n = figures_instruments(fig, INSTRUMENTS_ACTIVE, &order);
    for (uint32_t k = 0; k < n; k++) {
        uint32_t i = order[k];
        const instrument_fig *I = &s->instruments[i];
        tb_cell(&t, ds->instruments[i]);
        tb_int(&t, I->projects, b);
        tb_int(&t, I->firms, b);
        tb_int(&t, I->allocs, b);
        tb_int(&t, I->agencies, b);
        tb_int(&t, I->amount, b);
        tb_rate(&t, I->share, b);
    }
    tb_rule(&t);
    tb_cell(&t, "합계");
    tb_int(&t, s->t.projects, b);
    tb_int(&t, s->t.firms, b);
    tb_int(&t, s->t.allocs, b);
    tb_cell(&t, NULL);
    tb_int(&t, s->t.amount, b);
    tb_rate(&t, s->t.amount > 0 ? 1.0 : RATE_NONE, b);
    tb_print(out, "[정책수단별] 기간", &t);
}

static void print_regions(FILE *out, const dataset *ds, const figures *fig, strbuf *b)
{
    const scope_fig *s = &fig->in_period;
    bool has[REGION_COUNT] = {false};
    for (uint32_t p = 0; p < ds->nprojects; p++)
        if (ds->projects[p].region >= 0 && ds->projects[p].region < REGION_COUNT)
            has[ds->projects[p].region] = true;
    table t = {.ncols = 6,
               .head = {"시도", "프로젝트", "기업", "건수", "지원금액(원)", "비중"},
               .right = {false, true, true, true, true, true}};
    for (int r = 0; r < REGION_COUNT; r++) {
        if (!has[r])
            continue;
        const region_fig *R = &s->regions[r];
        tb_cell(&t, region_name(r));
        tb_int(&t, R->projects, b);
        tb_int(&t, R->firms, b);
        tb_int(&t, R->allocs, b);
        tb_int(&t, R->amount, b);
        tb_rate(&t, R->share, b);
    }
    tb_rule(&t);
    tb_cell(&t, "합계");
    tb_int(&t, s->t.projects, b);
    tb_int(&t, s->t.firms, b);
    tb_int(&t, s->t.allocs, b);
    tb_int(&t, s->t.amount, b);
    tb_rate(&t, s->t.amount > 0 ? 1.0 : RATE_NONE, b);
    tb_print(out, "[지역별] 기간 (프로젝트 소재 시도; 여러 시도에 참여한 기업은 시도마다 셈)", &t);
}

static void print_capital(FILE *out, const figures *fig, strbuf *b)
{
    const capital_split *c = &fig->in_period.capital;
    table t = {.ncols = 4, .head = {"구분", "참여기업", "매출액(원)", "수출액(원)"},
               .right = {false, true, true, true}};
    static const char *const names[2] = {"수도권", "비수도권"};
    for (int k = 0; k < 2; k++) {
        tb_cell(&t, names[k]);
        tb_int(&t, c->firms[k], b);
        tb_int(&t, c->revenue[k], b);
        tb_int(&t, c->exports[k], b);
    }
    tb_rule(&t);
    tb_cell(&t, "비수도권 비중");
    tb_cell(&t, NULL);
    tb_rate(&t, c->revenue_share_noncapital, b);
    tb_rate(&t, c->exports_share_noncapital, b);
    tb_print(out, "[수도권·비수도권] 기간 참여기업 기준", &t);
}

/* The notes and warnings about the input, one per line. */
static void print_checks(FILE *out, const diag_list *d)
{
    size_t n = 0;
    for (size_t i = 0; d && i < d->n; i++)
        n += d->v[i].sev != DIAG_ERROR;
    if (!n)
        return;
    char count[GROUPED_MAX];
    fprintf(out, "\n입력 확인 (참고·경고 %s건)\n", fmt_grouped(count, (int64_t)n));
    for (size_t i = 0; i < d->n; i++) {
        const diag *x = &d->v[i];
        if (x->sev == DIAG_ERROR)
            continue;
        fprintf(out, "  %s %s", x->sev == DIAG_WARNING ? "경고" : "참고", x->file ? x->file : "");
        if (x->line)
            fprintf(out, ":%u", x->line);
        if (x->col)
            fprintf(out, ":%u", x->col);
        fprintf(out, " %s\n", x->msg);
    }
}

int summary_print(FILE *out, const config *cfg, const dataset *ds, const figures *fig,
                  const value *model, bool json, const diag_list *diags)
{
    strbuf b = {0};
    if (json) {
        val_to_json(model, &b);
        fwrite(b.s, 1, b.len, out);
    } else {
        print_header(out, cfg, ds, fig, model, &b);
        print_totals(out, fig, &b);
        print_projects(out, ds, fig, &b);
        print_instruments(out, ds, fig, &b);
        print_regions(out, ds, fig, &b);
        print_capital(out, fig, &b);
        fputc('\n', out);
        kfmt_group(&b, fig->cancelled_amount);
        fprintf(out, "취소(집계 제외): %u건, %s원\n", fig->cancelled_allocs, sb_str(&b));
        print_checks(out, diags);
    }
    sb_free(&b);
    if (fflush(out) != 0 || ferror(out)) {
        msg_error("cannot write the summary: %s", strerror(errno ? errno : EIO));
        return EXIT_OUTPUT;
    }
    return EXIT_OK;
}
