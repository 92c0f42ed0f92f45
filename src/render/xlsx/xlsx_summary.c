/* xlsx_summary.c — the summary sheets of the XLSX workbook: 요약 (the run,
 * headline totals, per-instrument totals, 수도권/비수도권, a bar chart),
 * 프로젝트별, 프로젝트×정책수단 (the matrix), 정책수단별 (with its chart),
 * 기간별 (project × quarter, and the quarterly totals with their chart) and
 * 기업별 (one row per participating firm). Called in sheet order by
 * render_xlsx.c (xlsx_sheets.h).
 *
 * Every sheet is a table of columns (xcol, xlsx_cells.h) written through a
 * row cursor; every number comes from the figures (aggregate.h). Amounts are
 * in the display unit (xlsx_money_value) under headers that name it; totals
 * and rates are formulas with the figure as the cached result, and where a
 * cached value must equal a column sum the debug build checks that it does
 * (XLSX_CHECK). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aggregate.h"
#include "common.h"
#include "config.h"
#include "date.h"
#include "model.h"
#include "xlsx_cells.h"
#include "xlsx_sheets.h"

/* ---- 요약 ---- */

/* The instrument table of 요약 (the headline rows point at its total row). */
enum { IN_NAME, IN_ALLOCS, IN_AMOUNT, IN_EXEC, IN_C_ALLOCS, IN_C_AMOUNT, IN_C_EXEC, IN_SHARE, IN_NCOLS };

/* What the 요약 cell functions share: the instrument table's rows. */
typedef struct summary_state {
    lxw_row_t inst_first, inst_last, inst_total;
} summary_state;

/* Run information: one label and one value per row. */
static void run_period(xcur *cur, const xcol *col, const void *item)
{
    (void)col; (void)item;
    xcur_str(cur, cur->x->period_text);
}
static void run_from(xcur *cur, const xcol *col, const void *item)
{
    (void)col; (void)item;
    xcur_date(cur, cur->x->fig->period.from);
}
static void run_to(xcur *cur, const xcol *col, const void *item)
{
    (void)col; (void)item;
    xcur_date(cur, cur->x->fig->period.to);
}
static void run_created(xcur *cur, const xcol *col, const void *item)
{
    (void)col; (void)item;
    worksheet_write_number(cur->sh->ws, cur->r, cur->c, xlsx_serial_time(cur->x->ctx->created, cur->x->cfg->tz_offset), cur->f);
}
static void run_unit(xcur *cur, const xcol *col, const void *item)
{
    (void)col; (void)item;
    xcur_str(cur, unit_label(cur->x->cfg->unit));
}

/* Each row of the run information is a one-column table whose header is the label. */
static const xcol run_rows[] = {
    {"보고 기간", 0, XF_TEXT, run_period, 0, NULL, XF_LABEL, 0},
    {"기간 시작일", 0, XF_DATE, run_from, 0, NULL, XF_LABEL, 0},
    {"기간 종료일", 0, XF_DATE, run_to, 0, NULL, XF_LABEL, 0},
    {"생성 시각", 19, XF_DATETIME, run_created, 0, NULL, XF_LABEL, 0},
    {"금액 단위", 0, XF_TEXT, run_unit, 0, NULL, XF_LABEL, 0},
};

static void write_run_info(xcur *cur)
{
    for (size_t k = 0; k < ARRAY_LEN(run_rows); k++) {
        const xcol *row = &run_rows[k];
        xlsx_put_str(cur->x, cur->sh, cur->r, 0, row->header, xlsx_format(cur->x, row->hfmt));
        cur->c = 1;
        cur->f = xlsx_format(cur->x, row->fmt);
        row->value(cur, row, NULL);
        xlsx_fit(cur->sh, 1, row->width);
        cur->r++;
    }
}


/* Headline totals: counts, then three rows that point at the instrument
 * table's total row (item: a headline). col->arg: 0 period, 1 cumulative. */
typedef enum { HL_PROJECTS, HL_FIRMS, HL_INSTRUMENTS, HL_ALLOCS, HL_AMOUNT, HL_EXECUTED } hl_kind;
typedef struct headline {
    const char *name;
    hl_kind kind;
    lxw_col_t pcol, ccol; /* the instrument table's columns (period, cumulative) */
} headline;
static const headline headlines[] = {
    {"프로젝트", HL_PROJECTS, 0, 0},
    {"참여기업", HL_FIRMS, 0, 0},
    {"정책수단", HL_INSTRUMENTS, 0, 0},
    {"지원 건수", HL_ALLOCS, IN_ALLOCS, IN_C_ALLOCS},
    {"지원금액", HL_AMOUNT, IN_AMOUNT, IN_C_AMOUNT},
    {"집행금액", HL_EXECUTED, IN_EXEC, IN_C_EXEC},
};

static void hl_name(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    const headline *h = item;
    if (h->kind == HL_AMOUNT || h->kind == HL_EXECUTED) { /* in the display unit */
        char buf[64];
        snprintf(buf, sizeof buf, "%s(%s)", h->name, unit_label(cur->x->cfg->unit));
        xcur_str(cur, buf);
    } else {
        xcur_str(cur, h->name);
    }
}
static void hl_value(xcur *cur, const xcol *col, const void *item)
{
    const headline *h = item;
    const summary_state *st = cur->state;
    const totals *t = col->arg ? &cur->x->fig->cumulative.t : &cur->x->fig->in_period.t;
    char a[16], formula[32];
    switch (h->kind) {
    case HL_PROJECTS: xcur_num(cur, t->projects); return;
    case HL_FIRMS: xcur_num(cur, t->firms); return;
    case HL_INSTRUMENTS: xcur_num(cur, t->instruments); return;
    case HL_ALLOCS: case HL_AMOUNT: case HL_EXECUTED: break;
    }
    lxw_rowcol_to_cell(a, st->inst_total, col->arg ? h->ccol : h->pcol);
    snprintf(formula, sizeof formula, "=%s", a);
    if (h->kind == HL_ALLOCS) {
        xlsx_put_formula(cur->sh, cur->r, cur->c, formula, cur->x->count, t->allocs, xlsx_num_width(t->allocs));
    } else {
        won_t v = h->kind == HL_AMOUNT ? t->amount : t->executed;
        xlsx_put_formula(cur->sh, cur->r, cur->c, formula, cur->x->money, xlsx_money_value(cur->x, v),
                         xlsx_num_width(xlsx_money_display(cur->x, v)));
    }
}

static const xcol headline_cols[] = {
    {"항목", 0, XF_TEXT, hl_name, 0, NULL, 0, 0},
    {"해당 기간", 0, XF_COUNT, hl_value, 0, NULL, 0, 0},
    {"누적", 0, XF_COUNT, hl_value, 0, NULL, 0, 1},
};

/* Per-instrument totals (item: the instrument's index). col->arg: 0 period, 1 cumulative. */
static const instrument_fig *inst_of(const xcur *cur, const xcol *col, const void *item)
{
    const scope_fig *s = col->arg ? &cur->x->fig->cumulative : &cur->x->fig->in_period;
    return &s->instruments[*(const uint32_t *)item];
}
static void inst_name(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    xcur_str(cur, cur->x->ds->instruments[*(const uint32_t *)item]);
}
static void inst_allocs(xcur *cur, const xcol *col, const void *item)
{
    xcur_num(cur, inst_of(cur, col, item)->allocs);
}
static void inst_amount(xcur *cur, const xcol *col, const void *item)
{
    xcur_money(cur, inst_of(cur, col, item)->amount);
}
static void inst_exec(xcur *cur, const xcol *col, const void *item)
{
    xcur_money(cur, inst_of(cur, col, item)->executed);
}
static void inst_share(xcur *cur, const xcol *col, const void *item)
{
    const summary_state *st = cur->state;
    xcur_ratio(cur, cur->r, IN_AMOUNT, st->inst_total, IN_AMOUNT, true, inst_of(cur, col, item)->share);
}
static const totals *tot_of(const xcur *cur, const xcol *col)
{
    return col->arg ? &cur->x->fig->cumulative.t : &cur->x->fig->in_period.t;
}
static void inst_t_label(xcur *cur, const xcol *col, const void *item)
{
    (void)col; (void)item;
    xcur_str(cur, "합계");
}
static void inst_t_allocs(xcur *cur, const xcol *col, const void *item)
{
    (void)item;
    const summary_state *st = cur->state;
    xcur_sum(cur, st->inst_first, st->inst_last, tot_of(cur, col)->allocs);
}
static void inst_t_amount(xcur *cur, const xcol *col, const void *item)
{
    (void)item;
    const summary_state *st = cur->state;
    xcur_money_sum(cur, st->inst_first, st->inst_last, tot_of(cur, col)->amount);
}
static void inst_t_exec(xcur *cur, const xcol *col, const void *item)
{
    (void)item;
    const summary_state *st = cur->state;
    xcur_money_sum(cur, st->inst_first, st->inst_last, tot_of(cur, col)->executed);
}
static void inst_t_share(xcur *cur, const xcol *col, const void *item)
{
    (void)col; (void)item;
    const summary_state *st = cur->state;
    const scope_fig *P = &cur->x->fig->in_period;
    uint32_t ni = cur->x->ds->ninstruments;
    if (P->t.amount <= 0 || ni == 0) {
        xcur_blank(cur);
        return;
    }
    char range[48], formula[64];
    lxw_rowcol_to_range(range, st->inst_first, cur->c, st->inst_last, cur->c);
    snprintf(formula, sizeof formula, "=SUM(%s)", range);
    double ssum = 0;
    for (uint32_t i = 0; i < ni; i++)
        if (P->instruments[i].share != RATE_NONE)
            ssum += P->instruments[i].share;
    xlsx_put_formula(cur->sh, cur->r, cur->c, formula, cur->f, ssum, 6);
}

static const xcol inst_cols[IN_NCOLS] = {
    [IN_NAME] = {"정책수단", 0, XF_TEXT, inst_name, XF_T_TEXT, inst_t_label, 0, 0},
    [IN_ALLOCS] = {"지원 건수", 0, XF_COUNT, inst_allocs, XF_T_COUNT, inst_t_allocs, 0, 0},
    [IN_AMOUNT] = {"지원금액", 0, XF_MONEY, inst_amount, XF_T_MONEY, inst_t_amount, 0, 0},
    [IN_EXEC] = {"집행금액", 0, XF_MONEY, inst_exec, XF_T_MONEY, inst_t_exec, 0, 0},
    [IN_C_ALLOCS] = {"누적 지원 건수", 0, XF_COUNT, inst_allocs, XF_T_COUNT, inst_t_allocs, 0, 1},
    [IN_C_AMOUNT] = {"누적 지원금액", 0, XF_MONEY, inst_amount, XF_T_MONEY, inst_t_amount, 0, 1},
    [IN_C_EXEC] = {"누적 집행금액", 0, XF_MONEY, inst_exec, XF_T_MONEY, inst_t_exec, 0, 1},
    [IN_SHARE] = {"해당 기간\n비중", 0, XF_PCT, inst_share, XF_T_PCT, inst_t_share, 0, 0},
};

/* 수도권 / 비수도권 of the period's participating firms (item: 0 or 1). */
enum { CAP_NAME, CAP_FIRMS, CAP_REVENUE, CAP_EXPORTS, CAP_NCOLS };
static const char *const cap_name[2] = {"수도권", "비수도권"};

typedef struct cap_state {
    lxw_row_t first, last, total;
} cap_state;

static void cap_label(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    xcur_str(cur, cap_name[*(const int *)item]);
}
static void cap_firms(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    xcur_num(cur, cur->x->fig->in_period.capital.firms[*(const int *)item]);
}
static void cap_revenue(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    xcur_money(cur, cur->x->fig->in_period.capital.revenue[*(const int *)item]);
}
static void cap_exports(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    xcur_money(cur, cur->x->fig->in_period.capital.exports[*(const int *)item]);
}
static void cap_t_firms(xcur *cur, const xcol *col, const void *item)
{
    (void)col; (void)item;
    const cap_state *st = cur->state;
    const capital_split *cs = &cur->x->fig->in_period.capital;
    xcur_sum(cur, st->first, st->last, cs->firms[0] + cs->firms[1]);
}
static void cap_t_revenue(xcur *cur, const xcol *col, const void *item)
{
    (void)col; (void)item;
    const cap_state *st = cur->state;
    const capital_split *cs = &cur->x->fig->in_period.capital;
    xcur_money_sum(cur, st->first, st->last, cs->revenue[0] + cs->revenue[1]);
}
static void cap_t_exports(xcur *cur, const xcol *col, const void *item)
{
    (void)col; (void)item;
    const cap_state *st = cur->state;
    const capital_split *cs = &cur->x->fig->in_period.capital;
    xcur_money_sum(cur, st->first, st->last, cs->exports[0] + cs->exports[1]);
}

static const xcol cap_cols[CAP_NCOLS] = {
    [CAP_NAME] = {"구분", 0, XF_TEXT, cap_label, XF_T_TEXT, inst_t_label, 0, 0},
    [CAP_FIRMS] = {"참여기업", 0, XF_COUNT, cap_firms, XF_T_COUNT, cap_t_firms, 0, 0},
    [CAP_REVENUE] = {"매출액", 0, XF_MONEY, cap_revenue, XF_T_MONEY, cap_t_revenue, 0, 0},
    [CAP_EXPORTS] = {"수출액", 0, XF_MONEY, cap_exports, XF_T_MONEY, cap_t_exports, 0, 0},
};

/* The share of 비수도권 in each column of the capital table, below its total. */
static void write_cap_share(xcur *cur, const cap_state *st)
{
    const capital_split *cs = &cur->x->fig->in_period.capital;
    uint32_t nf = cs->firms[0] + cs->firms[1];
    xlsx_put_str(cur->x, cur->sh, cur->r, CAP_NAME, "비수도권 비중", cur->x->t_text);
    cur->f = cur->x->t_pct;
    for (lxw_col_t c = CAP_FIRMS; c < CAP_NCOLS; c++) {
        double rate = c == CAP_FIRMS ? (nf ? (double)cs->firms[1] / nf : RATE_NONE)
                    : c == CAP_REVENUE ? cs->revenue_share_noncapital
                                       : cs->exports_share_noncapital;
        cur->c = c;
        xcur_ratio(cur, st->last, c, st->total, c, false, rate); /* 비수도권 over the total */
    }
    cur->r++;
}

/* Rows a titled table takes: its title, its header and its rows. */
#define BLOCK_ROWS(nrows) (1 + 1 + (lxw_row_t)(nrows))
#define BLOCK_GAP 1 /* empty rows between blocks */

void xlsx_write_summary(xw *x)
{
    const figures *fig = x->fig;
    const dataset *ds = x->ds;
    const scope_fig *P = &fig->in_period, *C = &fig->cumulative;
    xsheet sh;
    if (!xlsx_sheet_open(x, &sh, "요약", IN_NCOLS))
        return;
    char buf[256];
    summary_state st;
    xcur cur = {.x = x, .sh = &sh, .state = &st};

    snprintf(buf, sizeof buf, "%s 지원 실적 (%s)", x->cfg->programme ? x->cfg->programme : "",
             x->period_text);
    xlsx_put_title(x, &sh, buf, 0, false);
    cur.r = 2;
    write_run_info(&cur);
    cur.r += BLOCK_GAP;

    /* The headline rows point at the instrument table below them. */
    const uint32_t *order;
    uint32_t ni = figures_instruments(fig, INSTRUMENTS_ALL, &order);
    lxw_row_t inst_hdr = cur.r + BLOCK_ROWS(ARRAY_LEN(headlines)) + BLOCK_GAP + 1;
    st.inst_first = inst_hdr + 1;
    st.inst_last = st.inst_first + ni - 1; /* < inst_first when ni == 0 */
    st.inst_total = st.inst_first + ni;

    xlsx_block_title(&cur, "주요 실적", ARRAY_LEN(headline_cols), true);
    xlsx_table_header(&cur, headline_cols, ARRAY_LEN(headline_cols));
    for (size_t k = 0; k < ARRAY_LEN(headlines); k++)
        xlsx_table_row(&cur, headline_cols, ARRAY_LEN(headline_cols), &headlines[k]);
    cur.r += BLOCK_GAP;

    xlsx_page_break(&sh, cur.r); /* each block of 요약 starts a page */
    xlsx_block_title(&cur, "정책수단별 실적", IN_NCOLS, true);
    XLSX_CHECK(cur.r == inst_hdr, "요약: layout");
    xlsx_table_header(&cur, inst_cols, IN_NCOLS);
    uint64_t s_allocs[2] = {0, 0};
    won_t s_amount[2] = {0, 0}, s_exec[2] = {0, 0};
    for (uint32_t k = 0; k < ni; k++) {
        uint32_t i = order[k];
        xlsx_table_row(&cur, inst_cols, IN_NCOLS, &i);
        s_allocs[0] += P->instruments[i].allocs; s_allocs[1] += C->instruments[i].allocs;
        s_amount[0] += P->instruments[i].amount; s_amount[1] += C->instruments[i].amount;
        s_exec[0] += P->instruments[i].executed; s_exec[1] += C->instruments[i].executed;
    }
    XLSX_CHECK(s_allocs[0] == P->t.allocs && s_amount[0] == P->t.amount && s_exec[0] == P->t.executed,
               "요약: per-instrument sums vs period totals");
    XLSX_CHECK(s_allocs[1] == C->t.allocs && s_amount[1] == C->t.amount && s_exec[1] == C->t.executed,
               "요약: per-instrument sums vs cumulative totals");
    xlsx_table_total(&cur, inst_cols, IN_NCOLS, NULL);
    cur.r += BLOCK_GAP;

    cap_state cst;
    cur.state = &cst;
    xlsx_page_break(&sh, cur.r);
    xlsx_block_title(&cur, "수도권·비수도권 (해당 기간 참여기업)", CAP_NCOLS, true);
    xlsx_table_header(&cur, cap_cols, CAP_NCOLS);
    cst.first = cur.r;
    cst.last = cst.first + ARRAY_LEN(cap_name) - 1;
    for (int k = 0; k < (int)ARRAY_LEN(cap_name); k++)
        xlsx_table_row(&cur, cap_cols, CAP_NCOLS, &k);
    cst.total = cur.r;
    xlsx_table_total(&cur, cap_cols, CAP_NCOLS, NULL);
    write_cap_share(&cur, &cst);

    /* Bar chart of the period amount per instrument, below the tables. */
    if (ni > 0) {
        const char **labels = xcalloc(ni, sizeof *labels);
        double *values = xcalloc(ni, sizeof *values);
        for (uint32_t k = 0; k < ni; k++) {
            uint32_t i = order[k];
            labels[k] = ds->instruments[i];
            values[k] = xlsx_money_value(x, P->instruments[i].amount);
        }
        snprintf(buf, sizeof buf, "정책수단별 지원금액 %s", x->unit_note);
        xchart c = {buf, "지원금액", st.inst_first, st.inst_last, IN_NAME, IN_AMOUNT, labels, values,
                    XLSX_MONEY_FORMAT};
        xlsx_bar_chart(x, &sh, &c, cur.r + BLOCK_GAP, 0);
        free(labels);
        free(values);
    }
    worksheet_freeze_panes(sh.ws, 1, 0);
    xlsx_page_setup(x, &sh, 0, 0, false, 0);
    worksheet_activate(sh.ws);
    xlsx_sheet_close(&sh);
}


/* ---- 프로젝트별 ---- */

/* The columns of 프로젝트별 (the project × instrument matrix has its own sheet). */
enum { PJ_ID, PJ_REGION, PJ_TITLE, PJ_AGENCY, PJ_PHASE, PJ_GRADE, PJ_FIRMS, PJ_ALLOCS, PJ_AMOUNT,
       PJ_EXEC, PJ_BUDGET, PJ_RATE, PJ_NCOLS };

/* The data rows of a table sheet and the sums its total row needs beyond the figures. */
typedef struct rows_state {
    lxw_row_t first, last;
    won_t budget_sum, exec_budgeted; /* 프로젝트별: over projects with a budget */
    uint32_t nrows;                  /* 기업별: participating firms */
} rows_state;

#define ITEM_INDEX(item) (*(const uint32_t *)(item))

static const project *pj_of(const xcur *cur, const void *item)
{
    return &cur->x->ds->projects[ITEM_INDEX(item)];
}
static const project_fig *pjf_of(const xcur *cur, const void *item)
{
    return &cur->x->fig->in_period.projects[ITEM_INDEX(item)];
}
static void pj_id(xcur *cur, const xcol *col, const void *item) { (void)col; xcur_str(cur, pj_of(cur, item)->id); }
static void pj_region(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    xcur_str(cur, region_short(pj_of(cur, item)->region));
}
static void pj_title(xcur *cur, const xcol *col, const void *item) { (void)col; xcur_str(cur, pj_of(cur, item)->title); }
static void pj_agency(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    xcur_str(cur, pj_of(cur, item)->lead_agency);
}
/* 단계 ("1.0", "2.0") is a number shown as 0.0; anything else stays text. */
static void pj_phase(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    const char *s = pj_of(cur, item)->phase;
    char *end = NULL;
    errno = 0;
    double v = s && *s ? strtod(s, &end) : 0;
    if (s && *s && end && *end == '\0' && errno == 0 && isfinite(v) && strspn(s, "0123456789.") == strlen(s))
        xcur_num(cur, v);
    else {
        cur->f = cur->x->id;
        xcur_str(cur, s);
    }
}
static void pj_grade(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    xcur_str(cur, grade_name(pj_of(cur, item)->grade));
}
static void pj_firms(xcur *cur, const xcol *col, const void *item) { (void)col; xcur_num(cur, pjf_of(cur, item)->t.firms); }
static void pj_allocs(xcur *cur, const xcol *col, const void *item) { (void)col; xcur_num(cur, pjf_of(cur, item)->t.allocs); }
static void pj_amount(xcur *cur, const xcol *col, const void *item) { (void)col; xcur_money(cur, pjf_of(cur, item)->t.amount); }
static void pj_exec(xcur *cur, const xcol *col, const void *item) { (void)col; xcur_money(cur, pjf_of(cur, item)->t.executed); }
static void pj_budget(xcur *cur, const xcol *col, const void *item) { (void)col; xcur_money(cur, pjf_of(cur, item)->budget); }
static void pj_rate(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    const project_fig *pf = pjf_of(cur, item);
    xcur_ratio(cur, cur->r, PJ_EXEC, cur->r, PJ_BUDGET, false, pf->budget > 0 ? pf->exec_rate : RATE_NONE);
}
static void pj_inst(xcur *cur, const xcol *col, const void *item)
{
    xcur_money(cur, cur->x->fig->in_period.matrix[(size_t)ITEM_INDEX(item) * cur->x->ds->ninstruments + col->arg]);
}

/* Total row cells shared by the table sheets. */
static void t_label(xcur *cur, const xcol *col, const void *item)
{
    (void)col; (void)item;
    xcur_str(cur, "합계");
}
static void t_firms(xcur *cur, const xcol *col, const void *item)
{
    /* Distinct firms: not a sum of the rows (a firm can be in several projects). */
    (void)col; (void)item;
    xcur_num(cur, cur->x->fig->in_period.t.firms);
}
static void t_projects(xcur *cur, const xcol *col, const void *item)
{
    (void)col; (void)item;
    xcur_num(cur, cur->x->fig->in_period.t.projects);
}
static void t_allocs(xcur *cur, const xcol *col, const void *item)
{
    (void)col; (void)item;
    const rows_state *st = cur->state;
    xcur_sum(cur, st->first, st->last, cur->x->fig->in_period.t.allocs);
}
static void t_amount(xcur *cur, const xcol *col, const void *item)
{
    (void)col; (void)item;
    const rows_state *st = cur->state;
    xcur_money_sum(cur, st->first, st->last, cur->x->fig->in_period.t.amount);
}
static void t_exec(xcur *cur, const xcol *col, const void *item)
{
    (void)col; (void)item;
    const rows_state *st = cur->state;
    xcur_money_sum(cur, st->first, st->last, cur->x->fig->in_period.t.executed);
}
static void pj_t_budget(xcur *cur, const xcol *col, const void *item)
{
    (void)col; (void)item;
    const rows_state *st = cur->state;
    xcur_money_sum(cur, st->first, st->last, st->budget_sum);
}
static void pj_t_rate(xcur *cur, const xcol *col, const void *item)
{
    (void)col; (void)item;
    const rows_state *st = cur->state;
    if (st->budget_sum <= 0) {
        xcur_blank(cur);
        return;
    }
    /* Executed over budget, counting only projects that have a budget. */
    char rb[32], re[32], b[16], formula[160];
    lxw_rowcol_to_range(rb, st->first, PJ_BUDGET, st->last, PJ_BUDGET);
    lxw_rowcol_to_range(re, st->first, PJ_EXEC, st->last, PJ_EXEC);
    lxw_rowcol_to_cell(b, cur->r, PJ_BUDGET);
    snprintf(formula, sizeof formula, "=SUMIF(%s,\">0\",%s)/%s", rb, re, b);
    xlsx_put_formula(cur->sh, cur->r, cur->c, formula, cur->f,
                     (double)st->exec_budgeted / (double)st->budget_sum, 6);
}
static void pj_t_inst(xcur *cur, const xcol *col, const void *item)
{
    (void)item;
    const rows_state *st = cur->state;
    const figures *fig = cur->x->fig;
    uint32_t ni = cur->x->ds->ninstruments;
    won_t col_sum = 0;
    for (uint32_t p = 0; p < cur->x->ds->nprojects; p++)
        col_sum += fig->in_period.matrix[(size_t)p * ni + col->arg];
    XLSX_CHECK(col_sum == fig->in_period.instruments[col->arg].amount,
               "프로젝트별: matrix column vs instrument amount");
    xcur_money_sum(cur, st->first, st->last, fig->in_period.instruments[col->arg].amount);
}

static const xcol project_cols[PJ_NCOLS] = {
    [PJ_ID] = {"프로젝트ID", 0, XF_ID, pj_id, XF_T_TEXT, t_label, 0, 0},
    [PJ_REGION] = {"시·도", 0, XF_TEXT, pj_region, XF_T_TEXT, NULL, 0, 0},
    [PJ_TITLE] = {"프로젝트명", 0, XF_TEXT, pj_title, XF_T_TEXT, NULL, 0, 0},
    [PJ_AGENCY] = {"주관기관", 0, XF_TEXT, pj_agency, XF_T_TEXT, NULL, 0, 0},
    [PJ_PHASE] = {"단계", 0, XF_PHASE, pj_phase, XF_T_TEXT, NULL, 0, 0},
    [PJ_GRADE] = {"평가등급", 0, XF_TEXT, pj_grade, XF_T_TEXT, NULL, 0, 0},
    [PJ_FIRMS] = {"참여기업", 0, XF_COUNT, pj_firms, XF_T_COUNT, t_firms, 0, 0},
    [PJ_ALLOCS] = {"지원 건수", 0, XF_COUNT, pj_allocs, XF_T_COUNT, t_allocs, 0, 0},
    [PJ_AMOUNT] = {"지원금액", 0, XF_MONEY, pj_amount, XF_T_MONEY, t_amount, 0, 0},
    [PJ_EXEC] = {"집행금액", 0, XF_MONEY, pj_exec, XF_T_MONEY, t_exec, 0, 0},
    [PJ_BUDGET] = {"사업비", 0, XF_MONEY, pj_budget, XF_T_MONEY, pj_t_budget, 0, 0},
    [PJ_RATE] = {"집행률", 0, XF_PCT, pj_rate, XF_T_PCT, pj_t_rate, 0, 0},
};

/* A table's columns: the fixed ones `pre`, nrep repeated columns (one per
 * instrument or quarter, filled in by the caller from index npre), then the
 * fixed ones `post`. Returns a malloc'd array of *n columns. */
static xcol *columns_with(const xcol *pre, uint16_t npre, uint32_t nrep, const xcol *post, uint16_t npost,
                          uint16_t *n)
{
    xcol *cols = xcalloc((size_t)npre + nrep + npost + 1, sizeof *cols);
    memcpy(cols, pre, npre * sizeof *cols);
    if (npost)
        memcpy(cols + npre + nrep, post, npost * sizeof *cols);
    *n = (uint16_t)(npre + nrep + npost);
    return cols;
}

void xlsx_write_projects(xw *x)
{
    const figures *fig = x->fig;
    const scope_fig *P = &fig->in_period;
    uint32_t np = x->ds->nprojects;
    xsheet sh;
    if (!xlsx_sheet_open(x, &sh, "프로젝트별", PJ_NCOLS))
        return;
    rows_state st = {0};
    xcur cur = {.x = x, .sh = &sh, .state = &st};
    char buf[256];
    snprintf(buf, sizeof buf, "프로젝트별 실적 (%s)", x->period_text);
    lxw_row_t hdr = xlsx_table_top(&cur, buf, true, project_cols, PJ_NCOLS, np);
    st.first = cur.r;
    st.last = st.first + np - 1;
    for (uint32_t k = 0; k < np; k++) {
        uint32_t p = fig->project_order[k];
        const project_fig *pf = &P->projects[p];
        xlsx_table_row(&cur, project_cols, PJ_NCOLS, &p);
        if (pf->budget > 0) {
            st.budget_sum += pf->budget;
            st.exec_budgeted += pf->t.executed;
        }
    }
    xlsx_table_total(&cur, project_cols, PJ_NCOLS, NULL);
    xlsx_table_end(x, &sh, hdr, PJ_REGION, PJ_REGION, true);
}

/* ---- 프로젝트×정책수단 ---- */

/* The project × instrument matrix, on a sheet of its own so that both it and
 * 프로젝트별 print legibly: project ID and 시·도, one column per instrument
 * (from MX_INST0), then the row total. */
enum { MX_ID, MX_REGION, MX_INST0 };
enum { MX_SUM, MX_NPOST };

static void mx_sum(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    const project_fig *pf = pjf_of(cur, item);
    uint32_t p = ITEM_INDEX(item), ni = cur->x->ds->ninstruments;
    won_t row_sum = 0;
    for (uint32_t i = 0; i < ni; i++)
        row_sum += cur->x->fig->in_period.matrix[(size_t)p * ni + i];
    XLSX_CHECK(row_sum == pf->t.amount, "프로젝트×정책수단: matrix row vs project amount");
    if (ni == 0) {
        xcur_money(cur, pf->t.amount);
        return;
    }
    char range[48], formula[64];
    lxw_rowcol_to_range(range, cur->r, MX_INST0, cur->r, (lxw_col_t)(MX_INST0 + ni - 1));
    snprintf(formula, sizeof formula, "=SUM(%s)", range);
    xlsx_put_formula(cur->sh, cur->r, cur->c, formula, cur->f, xlsx_money_value(cur->x, pf->t.amount),
                     xlsx_num_width(xlsx_money_display(cur->x, pf->t.amount)));
}

static const xcol matrix_pre[MX_INST0] = {
    [MX_ID] = {"프로젝트ID", 0, XF_ID, pj_id, XF_T_TEXT, t_label, 0, 0},
    [MX_REGION] = {"시·도", 0, XF_TEXT, pj_region, XF_T_TEXT, NULL, 0, 0},
};
static const xcol matrix_post[MX_NPOST] = {
    [MX_SUM] = {"합계", 0, XF_MONEY, mx_sum, XF_T_MONEY, t_amount, 0, 0},
};

void xlsx_write_matrix(xw *x)
{
    const figures *fig = x->fig;
    const dataset *ds = x->ds;
    const uint32_t *order;
    uint32_t ni = figures_instruments(fig, INSTRUMENTS_ALL, &order), np = ds->nprojects;
    uint16_t n;
    xcol *cols = columns_with(matrix_pre, MX_INST0, ni, matrix_post, MX_NPOST, &n);
    for (uint32_t j = 0; j < ni; j++) {
        uint32_t i = order[j];
        cols[MX_INST0 + j] = (xcol){ds->instruments[i], 0, XF_MONEY, pj_inst, XF_T_MONEY, pj_t_inst, 0, i};
    }
    xsheet sh;
    if (!xlsx_sheet_open(x, &sh, "프로젝트×정책수단", n)) {
        free(cols);
        return;
    }
    rows_state st = {0};
    xcur cur = {.x = x, .sh = &sh, .state = &st};
    char buf[256];
    snprintf(buf, sizeof buf, "프로젝트×정책수단 지원금액 (%s)", x->period_text);
    lxw_row_t hdr = xlsx_table_top(&cur, buf, true, cols, n, np);
    st.first = cur.r;
    st.last = st.first + np - 1;
    for (uint32_t k = 0; k < np; k++)
        xlsx_table_row(&cur, cols, n, &fig->project_order[k]);
    xlsx_table_total(&cur, cols, n, NULL);
    free(cols);
    xlsx_table_end(x, &sh, hdr, MX_INST0, MX_INST0, true);
}

/* ---- 정책수단별 ---- */

enum { PI_NAME, PI_AGENCIES, PI_PROJECTS, PI_FIRMS, PI_ALLOCS, PI_AMOUNT, PI_SHARE, PI_NCOLS };

typedef struct inst_state {
    rows_state rows;
    lxw_row_t total;
    double share_sum;
} inst_state;

static const instrument_fig *pi_of(const xcur *cur, const void *item)
{
    return &cur->x->fig->in_period.instruments[ITEM_INDEX(item)];
}
static void pi_agencies(xcur *cur, const xcol *col, const void *item) { (void)col; xcur_num(cur, pi_of(cur, item)->agencies); }
static void pi_projects(xcur *cur, const xcol *col, const void *item) { (void)col; xcur_num(cur, pi_of(cur, item)->projects); }
static void pi_firms(xcur *cur, const xcol *col, const void *item) { (void)col; xcur_num(cur, pi_of(cur, item)->firms); }
static void pi_allocs(xcur *cur, const xcol *col, const void *item) { (void)col; xcur_num(cur, pi_of(cur, item)->allocs); }
static void pi_amount(xcur *cur, const xcol *col, const void *item) { (void)col; xcur_money(cur, pi_of(cur, item)->amount); }
static void pi_share(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    const inst_state *st = cur->state;
    xcur_ratio(cur, cur->r, PI_AMOUNT, st->total, PI_AMOUNT, true, pi_of(cur, item)->share);
}
static void pi_t_share(xcur *cur, const xcol *col, const void *item)
{
    (void)col; (void)item;
    const inst_state *st = cur->state;
    if (cur->x->fig->in_period.t.amount > 0 && cur->x->ds->ninstruments > 0)
        xlsx_put_sum(cur->sh, cur->r, cur->c, st->rows.first, st->rows.last, cur->f, st->share_sum, 1);
    else
        xcur_blank(cur);
}

static const xcol instrument_cols[PI_NCOLS] = {
    [PI_NAME] = {"정책수단", 0, XF_TEXT, inst_name, XF_T_TEXT, t_label, 0, 0},
    [PI_AGENCIES] = {"지원기관", 0, XF_COUNT, pi_agencies, XF_T_COUNT, NULL, 0, 0},
    [PI_PROJECTS] = {"프로젝트", 0, XF_COUNT, pi_projects, XF_T_COUNT, t_projects, 0, 0},
    [PI_FIRMS] = {"참여기업", 0, XF_COUNT, pi_firms, XF_T_COUNT, t_firms, 0, 0},
    [PI_ALLOCS] = {"지원 건수", 0, XF_COUNT, pi_allocs, XF_T_COUNT, t_allocs, 0, 0},
    [PI_AMOUNT] = {"지원금액", 0, XF_MONEY, pi_amount, XF_T_MONEY, t_amount, 0, 0},
    [PI_SHARE] = {"비중", 0, XF_PCT, pi_share, XF_T_PCT, pi_t_share, 0, 0},
};

void xlsx_write_instruments(xw *x)
{
    const figures *fig = x->fig;
    const dataset *ds = x->ds;
    const scope_fig *P = &fig->in_period;
    const uint32_t *order;
    uint32_t ni = figures_instruments(fig, INSTRUMENTS_ALL, &order);
    xsheet sh;
    if (!xlsx_sheet_open(x, &sh, "정책수단별", PI_NCOLS))
        return;
    inst_state st = {{0}, 0, 0};
    xcur cur = {.x = x, .sh = &sh, .state = &st};
    char buf[256];
    snprintf(buf, sizeof buf, "정책수단별 실적 (%s)", x->period_text);
    lxw_row_t hdr = xlsx_table_top(&cur, buf, true, instrument_cols, PI_NCOLS, ni);
    st.rows.first = cur.r;
    st.rows.last = st.rows.first + ni - 1;
    st.total = st.rows.first + ni;
    for (uint32_t i = 0; i < ds->ninstruments; i++)
        if (P->instruments[i].share != RATE_NONE)
            st.share_sum += P->instruments[i].share;
    for (uint32_t k = 0; k < ni; k++)
        xlsx_table_row(&cur, instrument_cols, PI_NCOLS, &order[k]);
    xlsx_table_total(&cur, instrument_cols, PI_NCOLS, NULL);
    if (ni > 0) {
        const char **labels = xcalloc(ni, sizeof *labels);
        double *values = xcalloc(ni, sizeof *values);
        for (uint32_t k = 0; k < ni; k++) {
            uint32_t i = order[k];
            labels[k] = ds->instruments[i];
            values[k] = xlsx_money_value(x, P->instruments[i].amount);
        }
        snprintf(buf, sizeof buf, "정책수단별 지원금액 %s", x->unit_note);
        xchart c = {buf, "지원금액", st.rows.first, st.rows.last, PI_NAME, PI_AMOUNT, labels, values,
                    XLSX_MONEY_FORMAT};
        xlsx_bar_chart(x, &sh, &c, cur.r + BLOCK_GAP, 0);
        free(labels);
        free(values);
    }
    xlsx_table_end(x, &sh, hdr, PI_AGENCIES, PI_AGENCIES, true);
}

/* ---- 기간별 ---- */

/* True when the period starts on a quarter's first day and ends on a
 * quarter's last day, so the in-period quarters add up to the period. */
STATIC bool period_on_quarters(const period *pe)
{
    int fm = date_month(pe->from), tm = date_month(pe->to);
    if (date_day(pe->from) != 1 || (fm - 1) % 3 != 0 || tm % 3 != 0)
        return false;
    /* Quarter-end months: March and December have 31 days, June and September 30. */
    return date_day(pe->to) == date_month_days(date_year(pe->to), tm);
}

/* 기간별: project ID and 시·도 (the title is on 프로젝트별; this sheet is
 * wide enough), one column per quarter from QT_Q0, then the period and the
 * cumulative amount. */
enum { QT_ID, QT_REGION, QT_Q0 };
enum { QT_PERIOD, QT_CUM, QT_NPOST }; /* after the quarters */

typedef struct quarter_state {
    rows_state rows;
    uint32_t nq;
    bool aligned;               /* the period column is the SUM of its quarters */
    uint32_t qp_first, qp_last; /* the quarters inside the period */
} quarter_state;

static void qt_quarter(xcur *cur, const xcol *col, const void *item)
{
    const quarter_state *st = cur->state;
    xcur_money(cur, cur->x->fig->quarter[(size_t)ITEM_INDEX(item) * st->nq + col->arg].amount);
}
/* =SUM of this row's quarters q0..q1 with the cached amount v, else the plain amount. */
static void qt_row_sum(xcur *cur, bool formula_ok, uint32_t q0, uint32_t q1, won_t v)
{
    if (!formula_ok) {
        xcur_money(cur, v);
        return;
    }
    char range[48], formula[64];
    lxw_rowcol_to_range(range, cur->r, QT_Q0 + q0, cur->r, QT_Q0 + q1);
    snprintf(formula, sizeof formula, "=SUM(%s)", range);
    xlsx_put_formula(cur->sh, cur->r, cur->c, formula, cur->f, xlsx_money_value(cur->x, v),
                     xlsx_num_width(xlsx_money_display(cur->x, v)));
}
static void qt_period(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    const quarter_state *st = cur->state;
    qt_row_sum(cur, st->aligned, st->qp_first, st->qp_last, pjf_of(cur, item)->t.amount);
}
static void qt_cum(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    const quarter_state *st = cur->state;
    uint32_t p = ITEM_INDEX(item);
    won_t cum = 0;
    for (uint32_t q = 0; q < st->nq; q++)
        cum += cur->x->fig->quarter[(size_t)p * st->nq + q].amount;
    won_t cf = cur->x->fig->cumulative.projects[p].t.amount;
    XLSX_CHECK(cum == cf, "기간별: quarter series vs cumulative project amount");
    qt_row_sum(cur, st->nq > 0, 0, st->nq ? st->nq - 1 : 0, cf);
}
static void qt_t_quarter(xcur *cur, const xcol *col, const void *item)
{
    (void)item;
    const quarter_state *st = cur->state;
    xcur_money_sum(cur, st->rows.first, st->rows.last, cur->x->fig->quarter_total[col->arg].amount);
}
static void qt_t_cum(xcur *cur, const xcol *col, const void *item)
{
    (void)col; (void)item;
    const rows_state *st = cur->state;
    xcur_money_sum(cur, st->first, st->last, cur->x->fig->cumulative.t.amount);
}

static const xcol quarter_pre[QT_Q0] = {
    [QT_ID] = {"프로젝트ID", 0, XF_ID, pj_id, XF_T_TEXT, t_label, 0, 0},
    [QT_REGION] = {"시·도", 0, XF_TEXT, pj_region, XF_T_TEXT, NULL, 0, 0},
};
static const xcol quarter_post[QT_NPOST] = {
    [QT_PERIOD] = {"해당 기간", 0, XF_MONEY, qt_period, XF_T_MONEY, t_amount, XF_HDR_MARK, 0},
    [QT_CUM] = {"누적", 0, XF_MONEY, qt_cum, XF_T_MONEY, qt_t_cum, 0, 0},
};

/* Below the table, on a page of its own: the quarterly totals as a
 * column (each pointing at the total row above) and their bar chart. */
enum { QS_NAME, QS_AMOUNT, QS_NCOLS };

static void qs_name(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    xcur_str(cur, (const char *)item);
}

static void write_quarter_totals(xw *x, xcur *cur, lxw_row_t total, const char (*qname)[32])
{
    const figures *fig = x->fig;
    uint32_t nq = fig->nquarters;
    static const xcol qs_cols[QS_NCOLS] = {
        [QS_NAME] = {"분기", 0, XF_TEXT, qs_name, 0, NULL, 0, 0},
        [QS_AMOUNT] = {"지원금액", 0, XF_MONEY, NULL, 0, NULL, 0, 0},
    };
    cur->r += BLOCK_GAP;
    xlsx_page_break(cur->sh, cur->r);
    xlsx_block_title(cur, "분기별 합계", QS_NCOLS, true);
    cur->sh->second_title = cur->r;
    xlsx_table_header(cur, qs_cols, QS_NCOLS);
    lxw_row_t first = cur->r;
    const char **labels = xcalloc(nq, sizeof *labels);
    double *values = xcalloc(nq, sizeof *values);
    for (uint32_t q = 0; q < nq; q++) {
        char a[16], formula[32];
        won_t v = fig->quarter_total[q].amount;
        labels[q] = qname[q];
        values[q] = xlsx_money_value(x, v);
        xlsx_put_str(x, cur->sh, cur->r, QS_NAME, qname[q], x->text);
        lxw_rowcol_to_cell(a, total, (lxw_col_t)(QT_Q0 + q));
        snprintf(formula, sizeof formula, "=%s", a);
        xlsx_put_formula(cur->sh, cur->r, QS_AMOUNT, formula, x->money, values[q],
                         xlsx_num_width(xlsx_money_display(x, v)));
        cur->r++;
    }
    cur->sh->second_end = cur->r;
    char title[128];
    snprintf(title, sizeof title, "분기별 지원금액 %s", x->unit_note);
    xchart c = {title, "지원금액", first, first + nq - 1, QS_NAME, QS_AMOUNT, labels, values, XLSX_MONEY_FORMAT};
    /* Beside the rows it draws, from the first quarter down: a chart that
     * reached up into the header row would be printed, cut, in that row
     * wherever it is repeated atop a page (LibreOffice). */
    xlsx_bar_chart(x, cur->sh, &c, first, QT_Q0 + 1);
    free(labels);
    free(values);
}

void xlsx_write_quarters(xw *x)
{
    const figures *fig = x->fig;
    const dataset *ds = x->ds;
    uint32_t nq = fig->nquarters, np = ds->nprojects;
    uint16_t n;
    xcol *cols = columns_with(quarter_pre, QT_Q0, nq, quarter_post, QT_NPOST, &n);
    char (*qname)[32] = xcalloc(nq ? nq : 1, sizeof *qname);
    quarter_state st = {.nq = nq, .qp_first = UINT32_MAX};
    for (uint32_t q = 0; q < nq; q++) {
        int y, qq;
        figures_quarter(fig, q, &y, &qq);
        snprintf(qname[q], sizeof qname[q], "%d년 %d분기", y, qq);
        bool in = fig->quarter_in_period[q] != 0;
        cols[QT_Q0 + q] = (xcol){qname[q], 0, XF_MONEY, qt_quarter, XF_T_MONEY, qt_t_quarter,
                                 in ? XF_HDR_MARK : XF_HDR, q};
        if (in) {
            if (st.qp_first == UINT32_MAX)
                st.qp_first = q;
            st.qp_last = q;
        }
    }
    /* The period column is a SUM of its quarters only when they add up to it. */
    st.aligned = st.qp_first != UINT32_MAX && (fig->period.all || period_on_quarters(&fig->period));
    for (uint32_t p = 0; st.aligned && p < np; p++) {
        won_t s = 0;
        for (uint32_t q = st.qp_first; q <= st.qp_last; q++)
            s += fig->quarter[(size_t)p * nq + q].amount;
        if (s != fig->in_period.projects[p].t.amount)
            st.aligned = false;
    }
    xsheet sh;
    if (!xlsx_sheet_open(x, &sh, "기간별", n)) {
        free(cols);
        free(qname);
        return;
    }
    sh.titles_first_block = true; /* the quarter totals below have their own header */
    xcur cur = {.x = x, .sh = &sh, .state = &st};
    char buf[256];
    snprintf(buf, sizeof buf, "분기별 지원금액 (%s, 누적 포함)", x->period_text);
    lxw_row_t hdr = xlsx_table_top(&cur, buf, true, cols, n, np);
    st.rows.first = cur.r;
    st.rows.last = st.rows.first + np - 1;
    for (uint32_t k = 0; k < np; k++)
        xlsx_table_row(&cur, cols, n, &fig->project_order[k]);
    lxw_row_t total = cur.r;
    xlsx_table_total(&cur, cols, n, NULL);
    free(cols);
    if (nq > 0)
        write_quarter_totals(x, &cur, total, (const char (*)[32])qname);
    free(qname);
    xlsx_table_end(x, &sh, hdr, QT_Q0, QT_Q0, true);
}

/* ---- 기업별 ---- */

enum { FM_BRN, FM_NAME, FM_REGION, FM_CITY, FM_INDUSTRY, FM_EMPLOYEES, FM_REVENUE, FM_EXPORTS,
       FM_PROJECTS, FM_INSTRUMENTS, FM_ALLOCS, FM_AMOUNT, FM_NCOLS };

static const firm *fm_of(const xcur *cur, const void *item) { return &cur->x->ds->firms[ITEM_INDEX(item)]; }
static const firm_fig *ff_of(const xcur *cur, const void *item)
{
    return &cur->x->fig->in_period.firms[ITEM_INDEX(item)];
}
static void fm_brn(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    char brn[13];
    brn_format(fm_of(cur, item)->id, brn);
    xcur_str(cur, brn);
}
static void fm_name(xcur *cur, const xcol *col, const void *item) { (void)col; xcur_str(cur, fm_of(cur, item)->name); }
static void fm_region(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    xcur_str(cur, region_short(fm_of(cur, item)->region));
}
static void fm_city(xcur *cur, const xcol *col, const void *item) { (void)col; xcur_str(cur, fm_of(cur, item)->city); }
static void fm_industry(xcur *cur, const xcol *col, const void *item) { (void)col; xcur_str(cur, fm_of(cur, item)->industry); }
static void fm_employees(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    const firm *fm = fm_of(cur, item);
    if (fm->employees >= 0)
        xcur_num(cur, (double)fm->employees);
    else
        xcur_blank(cur);
}
static void fm_revenue(xcur *cur, const xcol *col, const void *item) { (void)col; xcur_money(cur, fm_of(cur, item)->revenue); }
static void fm_exports(xcur *cur, const xcol *col, const void *item) { (void)col; xcur_money(cur, fm_of(cur, item)->exports); }
static void fm_projects(xcur *cur, const xcol *col, const void *item) { (void)col; xcur_num(cur, ff_of(cur, item)->projects); }
static void fm_instruments(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    xcur_num(cur, ff_of(cur, item)->instruments);
}
static void fm_allocs(xcur *cur, const xcol *col, const void *item) { (void)col; xcur_num(cur, ff_of(cur, item)->allocs); }
static void fm_amount(xcur *cur, const xcol *col, const void *item) { (void)col; xcur_money(cur, ff_of(cur, item)->amount); }
static void fm_t_label(xcur *cur, const xcol *col, const void *item)
{
    (void)col; (void)item;
    const rows_state *st = cur->state;
    char buf[64];
    snprintf(buf, sizeof buf, "합계 (%u개 사)", (unsigned)st->nrows);
    xcur_str(cur, buf);
}

static const xcol firm_cols[FM_NCOLS] = {
    [FM_BRN] = {"사업자등록번호", 0, XF_ID, fm_brn, XF_T_TEXT, fm_t_label, 0, 0},
    [FM_NAME] = {"기업명", 0, XF_TEXT, fm_name, XF_T_TEXT, NULL, 0, 0},
    [FM_REGION] = {"시·도", 0, XF_TEXT, fm_region, XF_T_TEXT, NULL, 0, 0},
    [FM_CITY] = {"시군구", 0, XF_TEXT, fm_city, XF_T_TEXT, NULL, 0, 0},
    [FM_INDUSTRY] = {"업종", 0, XF_TEXT, fm_industry, XF_T_TEXT, NULL, 0, 0},
    [FM_EMPLOYEES] = {"상시근로자수", 0, XF_COUNT, fm_employees, XF_T_TEXT, NULL, 0, 0},
    [FM_REVENUE] = {"매출액", 0, XF_MONEY, fm_revenue, XF_T_TEXT, NULL, 0, 0},
    [FM_EXPORTS] = {"수출액", 0, XF_MONEY, fm_exports, XF_T_TEXT, NULL, 0, 0},
    [FM_PROJECTS] = {"참여 프로젝트", 0, XF_COUNT, fm_projects, XF_T_TEXT, NULL, 0, 0},
    [FM_INSTRUMENTS] = {"정책수단", 0, XF_COUNT, fm_instruments, XF_T_TEXT, NULL, 0, 0},
    [FM_ALLOCS] = {"지원 건수", 0, XF_COUNT, fm_allocs, XF_T_COUNT, t_allocs, 0, 0},
    [FM_AMOUNT] = {"지원금액", 0, XF_MONEY, fm_amount, XF_T_MONEY, t_amount, 0, 0},
};

void xlsx_write_firms(xw *x)
{
    const figures *fig = x->fig;
    const dataset *ds = x->ds;
    const scope_fig *P = &fig->in_period;
    xsheet sh;
    if (!xlsx_sheet_open(x, &sh, "기업별", FM_NCOLS))
        return;
    rows_state st = {0};
    xcur cur = {.x = x, .sh = &sh, .state = &st};
    for (uint32_t f = 0; f < ds->nfirms; f++)
        st.nrows += P->firms[f].allocs > 0;
    char buf[256];
    snprintf(buf, sizeof buf, "참여기업별 지원 실적 (%s)", x->period_text);
    lxw_row_t hdr = xlsx_table_top(&cur, buf, true, firm_cols, FM_NCOLS, st.nrows);
    sh.direct = true; /* the data rows hold no formula (the total row goes through the library) */
    st.first = cur.r;
    st.last = st.first + st.nrows - 1;
    uint64_t allocs = 0;
    won_t amount = 0;
    for (uint32_t k = 0; k < ds->nfirms; k++) {
        uint32_t f = fig->firm_order[k];
        const firm_fig *ff = &P->firms[f];
        if (ff->allocs == 0)
            continue;
        xlsx_table_row(&cur, firm_cols, FM_NCOLS, &f);
        allocs += ff->allocs;
        amount += ff->amount;
    }
    XLSX_CHECK(allocs == P->t.allocs && amount == P->t.amount, "기업별: firm sums vs period totals");
    XLSX_CHECK(cur.r == st.last + 1, "기업별: participating firms");
    xlsx_table_total(&cur, firm_cols, FM_NCOLS, NULL);
    xlsx_table_end(x, &sh, hdr, FM_REGION, FM_REGION, true);
}

