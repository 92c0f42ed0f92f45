/* render_xlsx.c — the XLSX workbook for the ministry (libxlsxwriter).
 *
 * One workbook per run, seven kinds of sheet in a fixed order: 요약,
 * 프로젝트별, 정책수단별, 기간별, 기업별, 지원내역 (continued on 지원내역(2),
 * (3)… past [limits] sheet_max_rows) and 검증결과. This is the only module
 * that includes <xlsxwriter.h>; it turns the library's error codes into one
 * message naming the file and returns EXIT_OUTPUT.
 *
 * Every number comes from the figures (aggregate.h). Totals and rates are
 * formulas (SUM, ratios) written with worksheet_write_formula_num and the
 * figure as the cached result, so a viewer that does not recalculate shows
 * the right value; where a cached value must equal a column sum the debug
 * build checks that it does (XLSX_CHECK).
 *
 * Amounts: the cell keeps the exact won value and the number format scales
 * the display (원 "#,##0", 천원 "#,##0,", 백만원 "#,##0,,"), so sums, filters
 * and copies stay exact and a user can switch units by changing the format.
 * 억원 (10^8) is not a power of 1000 and cannot be expressed by a scaling
 * format, so in that unit only the cell holds won / 10^8 as a number with
 * "#,##0". Every sheet with amounts says its unit ("(단위: …)").
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
#include "value.h"
#include "xlsx_cells.h"

/* A debug check that a cached formula result equals the sum it stands for:
 * a mismatch is a bug in the figures or here, never a user error. */
#ifdef NDEBUG
#define XLSX_CHECK(cond, what) ((void)0)
#else
#define XLSX_CHECK(cond, what)                                                                     \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            msg_error("internal: XLSX cached value differs from the figures (%s)", what);         \
            abort();                                                                               \
        }                                                                                          \
    } while (0)
#endif

/* ---- 요약 ---- */

static const char *const source_label[SRC_COUNT] = {"프로젝트", "참여기업", "지원내역"};

static void write_summary(xw *x)
{
    const figures *fig = x->fig;
    const dataset *ds = x->ds;
    const scope_fig *P = &fig->in_period, *C = &fig->cumulative;
    xsheet sh;
    if (!xlsx_sheet_open(x, &sh, "요약", 8))
        return;
    lxw_row_t r = 0;
    char buf[256], a[16], b[16], formula[128];

    snprintf(buf, sizeof buf, "%s 지원 실적 (%s)", x->cfg->programme ? x->cfg->programme : "",
             x->period_text);
    xlsx_put_title(x, &sh, buf, 5, false);
    r = 2;

    /* Run information. */
    xlsx_put_str(x, &sh, r, 0, "보고 기간", x->label);
    xlsx_put_str(x, &sh, r, 1, x->period_text, x->text);
    r++;
    xlsx_put_str(x, &sh, r, 0, "기간 시작일", x->label);
    xlsx_put_date(&sh, r, 1, fig->period.from, x->date);
    r++;
    xlsx_put_str(x, &sh, r, 0, "기간 종료일", x->label);
    xlsx_put_date(&sh, r, 1, fig->period.to, x->date);
    r++;
    xlsx_put_str(x, &sh, r, 0, "생성 시각", x->label);
    worksheet_write_number(sh.ws, r, 1, xlsx_serial_time(x->ctx->created), x->datetime);
    xlsx_fit(&sh, 1, 19);
    r++;
    xlsx_put_str(x, &sh, r, 0, "금액 단위", x->label);
    xlsx_put_str(x, &sh, r, 1, unit_label(x->cfg->unit), x->text);
    r += 2;

    /* Inputs. */
    xlsx_put_str_w(x, &sh, r++, 0, "입력 파일", x->title, false);
    static const char *const in_hdr[] = {"구분", "파일", "인코딩", "행 수", "크기(바이트)", "SHA-256"};
    xlsx_put_header(x, &sh, r++, in_hdr, 6);
    for (int k = 0; k < SRC_COUNT; k++) {
        const source_file *sf = &ds->files[k];
        xlsx_put_str(x, &sh, r, 0, source_label[k], x->text);
        xlsx_put_str(x, &sh, r, 1, sf->path ? sf->path : "", x->text);
        xlsx_put_str(x, &sh, r, 2, encoding_name(sf->encoding), x->text);
        xlsx_put_num(&sh, r, 3, sf->rows, x->count);
        xlsx_put_num(&sh, r, 4, (double)sf->bytes, x->count);
        if (sf->has_sha256) {
            char hex[65];
            sha256_hex(sf->sha256, hex);
            xlsx_put_str(x, &sh, r, 5, hex, x->id);
        } else {
            xlsx_put_str(x, &sh, r, 5, "", x->id);
        }
        r++;
    }
    r++;

    /* Per-instrument totals (this table is what the headline refers to). */
    /* Layout from here: title, header, six headline rows, a blank row, the
     * instrument table's title, its header at r + 10. */
    lxw_row_t inst_hdr = r + 10;
    lxw_row_t inst_first = inst_hdr + 1;
    uint32_t ni = ds->ninstruments;
    lxw_row_t inst_last = inst_first + ni - 1; /* < inst_first when ni == 0 */
    lxw_row_t inst_total = inst_first + ni;

    /* Headline totals. */
    xlsx_put_str_w(x, &sh, r, 0, "주요 실적", x->title, false);
    xlsx_put_str_w(x, &sh, r, 2, x->unit_note, x->note, false);
    r++;
    static const char *const hl_hdr[] = {"항목", "해당 기간", "누적"};
    xlsx_put_header(x, &sh, r++, hl_hdr, 3);
    xlsx_put_str(x, &sh, r, 0, "프로젝트", x->text);
    xlsx_put_num(&sh, r, 1, P->t.projects, x->count);
    xlsx_put_num(&sh, r, 2, C->t.projects, x->count);
    r++;
    xlsx_put_str(x, &sh, r, 0, "참여기업", x->text);
    xlsx_put_num(&sh, r, 1, P->t.firms, x->count);
    xlsx_put_num(&sh, r, 2, C->t.firms, x->count);
    r++;
    xlsx_put_str(x, &sh, r, 0, "정책수단", x->text);
    xlsx_put_num(&sh, r, 1, P->t.instruments, x->count);
    xlsx_put_num(&sh, r, 2, C->t.instruments, x->count);
    r++;
    /* 지원 건수 / 지원금액 / 집행금액 point at the instrument table's total row. */
    static const struct { const char *name; lxw_col_t pcol, ccol; } hl[] = {
        {"지원 건수", 1, 4}, {"지원금액", 2, 5}, {"집행금액", 3, 6}};
    for (size_t k = 0; k < ARRAY_LEN(hl); k++) {
        xlsx_put_str(x, &sh, r, 0, hl[k].name, x->text);
        for (int s = 0; s < 2; s++) {
            const totals *t = s ? &C->t : &P->t;
            lxw_col_t src = s ? hl[k].ccol : hl[k].pcol;
            lxw_rowcol_to_cell(a, inst_total, src);
            snprintf(formula, sizeof formula, "=%s", a);
            if (k == 0)
                xlsx_put_formula(&sh, r, 1 + s, formula, x->count, t->allocs, xlsx_num_width(t->allocs));
            else {
                won_t v = k == 1 ? t->amount : t->executed;
                xlsx_put_formula(&sh, r, 1 + s, formula, x->money, xlsx_money_value(x, v), xlsx_num_width(xlsx_money_display(x, v)));
            }
        }
        r++;
    }
    r++;
    XLSX_CHECK(r == inst_hdr - 1, "요약: layout");
    xlsx_put_str_w(x, &sh, r, 0, "정책수단별 실적", x->title, false);
    xlsx_put_str_w(x, &sh, r, 7, x->unit_note, x->note, false);
    r++;
    static const char *const inst_hdr_names[] = {"정책수단", "지원 건수", "지원금액", "집행금액", "누적 지원 건수",
                                                 "누적 지원금액", "누적 집행금액", "비중(해당 기간)"};
    xlsx_put_header(x, &sh, r++, inst_hdr_names, 8);
    uint64_t s_allocs[2] = {0, 0};
    won_t s_amount[2] = {0, 0}, s_exec[2] = {0, 0};
    for (uint32_t k = 0; k < ni; k++) {
        uint32_t i = fig->instrument_order[k];
        const instrument_fig *pi = &P->instruments[i], *ci = &C->instruments[i];
        xlsx_put_str(x, &sh, r, 0, ds->instruments[i], x->text);
        xlsx_put_num(&sh, r, 1, pi->allocs, x->count);
        xlsx_put_money(x, &sh, r, 2, pi->amount, x->money);
        xlsx_put_money(x, &sh, r, 3, pi->executed, x->money);
        xlsx_put_num(&sh, r, 4, ci->allocs, x->count);
        xlsx_put_money(x, &sh, r, 5, ci->amount, x->money);
        xlsx_put_money(x, &sh, r, 6, ci->executed, x->money);
        lxw_rowcol_to_cell(a, r, 2);
        lxw_rowcol_to_cell_abs(b, inst_total, 2, true, false);
        xlsx_put_ratio(&sh, r, 7, a, b, pi->share, x->pct);
        s_allocs[0] += pi->allocs; s_allocs[1] += ci->allocs;
        s_amount[0] += pi->amount; s_amount[1] += ci->amount;
        s_exec[0] += pi->executed; s_exec[1] += ci->executed;
        r++;
    }
    XLSX_CHECK(s_allocs[0] == P->t.allocs && s_amount[0] == P->t.amount && s_exec[0] == P->t.executed,
               "요약: per-instrument sums vs period totals");
    XLSX_CHECK(s_allocs[1] == C->t.allocs && s_amount[1] == C->t.amount && s_exec[1] == C->t.executed,
               "요약: per-instrument sums vs cumulative totals");
    /* r == inst_total */
    xlsx_put_str(x, &sh, r, 0, "합계", x->t_text);
    xlsx_put_sum(&sh, r, 1, inst_first, inst_last, x->t_count, P->t.allocs, P->t.allocs);
    xlsx_put_money_sum(x, &sh, r, 2, inst_first, inst_last, P->t.amount);
    xlsx_put_money_sum(x, &sh, r, 3, inst_first, inst_last, P->t.executed);
    xlsx_put_sum(&sh, r, 4, inst_first, inst_last, x->t_count, C->t.allocs, C->t.allocs);
    xlsx_put_money_sum(x, &sh, r, 5, inst_first, inst_last, C->t.amount);
    xlsx_put_money_sum(x, &sh, r, 6, inst_first, inst_last, C->t.executed);
    if (P->t.amount > 0 && ni > 0) {
        char range[48];
        lxw_rowcol_to_range(range, inst_first, 7, inst_last, 7);
        snprintf(formula, sizeof formula, "=SUM(%s)", range);
        double ssum = 0;
        for (uint32_t i = 0; i < ni; i++)
            if (P->instruments[i].share != RATE_NONE)
                ssum += P->instruments[i].share;
        xlsx_put_formula(&sh, r, 7, formula, x->t_pct, ssum, 6);
    } else {
        worksheet_write_blank(sh.ws, r, 7, x->t_pct);
    }
    r += 2;

    /* 수도권 / 비수도권 (participating firms in the period). */
    const capital_split *cs = &P->capital;
    xlsx_put_str_w(x, &sh, r, 0, "수도권·비수도권 (해당 기간 참여기업)", x->title, false);
    xlsx_put_str_w(x, &sh, r, 3, x->unit_note, x->note, false);
    r++;
    static const char *const cap_hdr[] = {"구분", "참여기업", "매출액", "수출액"};
    xlsx_put_header(x, &sh, r++, cap_hdr, 4);
    lxw_row_t cap_first = r;
    static const char *const cap_name[2] = {"수도권", "비수도권"};
    for (int k = 0; k < 2; k++) {
        xlsx_put_str(x, &sh, r, 0, cap_name[k], x->text);
        xlsx_put_num(&sh, r, 1, cs->firms[k], x->count);
        xlsx_put_money(x, &sh, r, 2, cs->revenue[k], x->money);
        xlsx_put_money(x, &sh, r, 3, cs->exports[k], x->money);
        r++;
    }
    lxw_row_t cap_total = r;
    xlsx_put_str(x, &sh, r, 0, "합계", x->t_text);
    xlsx_put_sum(&sh, r, 1, cap_first, cap_first + 1, x->t_count, cs->firms[0] + cs->firms[1],
            cs->firms[0] + cs->firms[1]);
    xlsx_put_money_sum(x, &sh, r, 2, cap_first, cap_first + 1, cs->revenue[0] + cs->revenue[1]);
    xlsx_put_money_sum(x, &sh, r, 3, cap_first, cap_first + 1, cs->exports[0] + cs->exports[1]);
    r++;
    xlsx_put_str(x, &sh, r, 0, "비수도권 비중", x->t_text);
    uint32_t nf = cs->firms[0] + cs->firms[1];
    for (lxw_col_t c = 1; c <= 3; c++) {
        double rate = c == 1 ? (nf ? (double)cs->firms[1] / nf : RATE_NONE)
                    : c == 2 ? cs->revenue_share_noncapital
                             : cs->exports_share_noncapital;
        lxw_rowcol_to_cell(a, cap_first + 1, c);
        lxw_rowcol_to_cell(b, cap_total, c);
        xlsx_put_ratio(&sh, r, c, a, b, rate, x->t_pct);
    }
    r++;

    /* Column chart of the period amount per instrument. */
    if (ni > 0) {
        lxw_chart *ch = workbook_add_chart(x->wb, LXW_CHART_COLUMN);
        lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
        chart_series_set_categories(se, sh.name, inst_first, 0, inst_last, 0);
        chart_series_set_values(se, sh.name, inst_first, 2, inst_last, 2);
        snprintf(buf, sizeof buf, "정책수단별 지원금액 %s", x->unit_note);
        chart_series_set_name(se, "지원금액");
        chart_title_set_name(ch, buf);
        chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
        chart_axis_set_num_format(chart_axis_get(ch, LXW_CHART_AXIS_TYPE_Y), xlsx_money_format(x->cfg->unit));
        worksheet_insert_chart(sh.ws, inst_hdr - 1, 9, ch);
    }
    worksheet_freeze_panes(sh.ws, 1, 0);
    xlsx_page_setup(x, &sh, 0, 0, false);
    worksheet_activate(sh.ws);
    xlsx_sheet_close(&sh);
}

/* ---- 프로젝트별 ---- */

enum { PJ_ID, PJ_REGION, PJ_TITLE, PJ_AGENCY, PJ_PHASE, PJ_GRADE, PJ_FIRMS, PJ_ALLOCS, PJ_AMOUNT,
       PJ_EXEC, PJ_BUDGET, PJ_RATE, PJ_INST0 };

static void write_projects(xw *x)
{
    const figures *fig = x->fig;
    const dataset *ds = x->ds;
    const scope_fig *P = &fig->in_period;
    uint32_t ni = ds->ninstruments, np = ds->nprojects;
    xsheet sh;
    if (!xlsx_sheet_open(x, &sh, "프로젝트별", (uint16_t)(PJ_INST0 + ni)))
        return;
    char buf[256], a[16], b[16];
    snprintf(buf, sizeof buf, "프로젝트별 실적 (%s)", x->period_text);
    xlsx_put_title(x, &sh, buf, PJ_INST0 + ni > PJ_RATE + 1 ? PJ_INST0 + ni - 1 : PJ_RATE, true);
    static const char *const hdr[PJ_INST0] = {"프로젝트ID", "시·도", "프로젝트명", "주관기관", "단계", "평가등급",
                                              "참여기업", "지원 건수", "지원금액", "집행금액", "사업비", "집행률"};
    xlsx_put_header(x, &sh, 1, hdr, PJ_INST0);
    for (uint32_t k = 0; k < ni; k++)
        xlsx_put_str(x, &sh, 1, PJ_INST0 + k, ds->instruments[fig->instrument_order[k]], x->hdr);
    lxw_row_t first = 2, last = first + np - 1, total = first + np;
    xlsx_autofilter(&sh, 1, last, (lxw_col_t)(PJ_INST0 + ni - 1));
    won_t exec_budgeted = 0, budget_sum = 0;
    for (uint32_t k = 0; k < np; k++) {
        uint32_t p = fig->project_order[k];
        const project *pr = &ds->projects[p];
        const project_fig *pf = &P->projects[p];
        lxw_row_t r = first + k;
        xlsx_put_str(x, &sh, r, PJ_ID, pr->id, x->id);
        xlsx_put_str(x, &sh, r, PJ_REGION, region_short(pr->region), x->text);
        xlsx_put_str(x, &sh, r, PJ_TITLE, pr->title, x->text);
        xlsx_put_str(x, &sh, r, PJ_AGENCY, pr->lead_agency, x->text);
        xlsx_put_str(x, &sh, r, PJ_PHASE, pr->phase, x->id);
        xlsx_put_str(x, &sh, r, PJ_GRADE, grade_name(pr->grade), x->text);
        xlsx_put_num(&sh, r, PJ_FIRMS, pf->t.firms, x->count);
        xlsx_put_num(&sh, r, PJ_ALLOCS, pf->t.allocs, x->count);
        xlsx_put_money(x, &sh, r, PJ_AMOUNT, pf->t.amount, x->money);
        xlsx_put_money(x, &sh, r, PJ_EXEC, pf->t.executed, x->money);
        xlsx_put_money(x, &sh, r, PJ_BUDGET, pf->budget, x->money);
        lxw_rowcol_to_cell(a, r, PJ_EXEC);
        lxw_rowcol_to_cell(b, r, PJ_BUDGET);
        xlsx_put_ratio(&sh, r, PJ_RATE, a, b, pf->budget > 0 ? pf->exec_rate : RATE_NONE, x->pct);
        won_t row_sum = 0;
        for (uint32_t j = 0; j < ni; j++) {
            uint32_t i = fig->instrument_order[j];
            won_t v = P->matrix[(size_t)p * ni + i];
            row_sum += v;
            xlsx_put_money(x, &sh, r, PJ_INST0 + j, v, x->money);
        }
        XLSX_CHECK(row_sum == pf->t.amount, "프로젝트별: matrix row vs project amount");
        if (pf->budget > 0) {
            budget_sum += pf->budget;
            exec_budgeted += pf->t.executed;
        }
    }
    xlsx_put_str(x, &sh, total, PJ_ID, "합계", x->t_text);
    for (lxw_col_t c = PJ_REGION; c < PJ_FIRMS; c++)
        worksheet_write_blank(sh.ws, total, c, x->t_text);
    /* Distinct firms: not a sum of the rows (a firm can be in several projects). */
    xlsx_put_num(&sh, total, PJ_FIRMS, P->t.firms, x->t_count);
    xlsx_put_sum(&sh, total, PJ_ALLOCS, first, last, x->t_count, P->t.allocs, P->t.allocs);
    xlsx_put_money_sum(x, &sh, total, PJ_AMOUNT, first, last, P->t.amount);
    xlsx_put_money_sum(x, &sh, total, PJ_EXEC, first, last, P->t.executed);
    xlsx_put_money_sum(x, &sh, total, PJ_BUDGET, first, last, budget_sum);
    if (budget_sum > 0) {
        /* Executed over budget, counting only projects that have a budget. */
        char rb[32], re[32], formula[160];
        lxw_rowcol_to_range(rb, first, PJ_BUDGET, last, PJ_BUDGET);
        lxw_rowcol_to_range(re, first, PJ_EXEC, last, PJ_EXEC);
        lxw_rowcol_to_cell(b, total, PJ_BUDGET);
        snprintf(formula, sizeof formula, "=SUMIF(%s,\">0\",%s)/%s", rb, re, b);
        xlsx_put_formula(&sh, total, PJ_RATE, formula, x->t_pct, (double)exec_budgeted / (double)budget_sum, 6);
    } else {
        worksheet_write_blank(sh.ws, total, PJ_RATE, x->t_pct);
    }
    for (uint32_t j = 0; j < ni; j++) {
        uint32_t i = fig->instrument_order[j];
        won_t col_sum = 0;
        for (uint32_t p = 0; p < np; p++)
            col_sum += P->matrix[(size_t)p * ni + i];
        XLSX_CHECK(col_sum == P->instruments[i].amount, "프로젝트별: matrix column vs instrument amount");
        xlsx_put_money_sum(x, &sh, total, PJ_INST0 + j, first, last, P->instruments[i].amount);
    }
    worksheet_freeze_panes(sh.ws, 2, 1);
    xlsx_page_setup(x, &sh, 1, 1, true);
    xlsx_sheet_close(&sh);
}

/* ---- 정책수단별 ---- */

static void write_instruments(xw *x)
{
    const figures *fig = x->fig;
    const dataset *ds = x->ds;
    const scope_fig *P = &fig->in_period;
    uint32_t ni = ds->ninstruments;
    xsheet sh;
    if (!xlsx_sheet_open(x, &sh, "정책수단별", 7))
        return;
    char buf[256], a[16], b[16];
    snprintf(buf, sizeof buf, "정책수단별 실적 (%s)", x->period_text);
    xlsx_put_title(x, &sh, buf, 6, true);
    static const char *const hdr[] = {"정책수단", "지원기관", "프로젝트", "참여기업", "지원 건수", "지원금액", "비중"};
    xlsx_put_header(x, &sh, 1, hdr, 7);
    lxw_row_t first = 2, last = first + ni - 1, total = first + ni;
    xlsx_autofilter(&sh, 1, last, 6);
    double ssum = 0;
    for (uint32_t k = 0; k < ni; k++) {
        uint32_t i = fig->instrument_order[k];
        const instrument_fig *f = &P->instruments[i];
        lxw_row_t r = first + k;
        xlsx_put_str(x, &sh, r, 0, ds->instruments[i], x->text);
        xlsx_put_num(&sh, r, 1, f->agencies, x->count);
        xlsx_put_num(&sh, r, 2, f->projects, x->count);
        xlsx_put_num(&sh, r, 3, f->firms, x->count);
        xlsx_put_num(&sh, r, 4, f->allocs, x->count);
        xlsx_put_money(x, &sh, r, 5, f->amount, x->money);
        lxw_rowcol_to_cell(a, r, 5);
        lxw_rowcol_to_cell_abs(b, total, 5, true, false);
        xlsx_put_ratio(&sh, r, 6, a, b, f->share, x->pct);
        if (f->share != RATE_NONE)
            ssum += f->share;
    }
    xlsx_put_str(x, &sh, total, 0, "합계", x->t_text);
    worksheet_write_blank(sh.ws, total, 1, x->t_count);
    xlsx_put_num(&sh, total, 2, P->t.projects, x->t_count);
    xlsx_put_num(&sh, total, 3, P->t.firms, x->t_count);
    xlsx_put_sum(&sh, total, 4, first, last, x->t_count, P->t.allocs, P->t.allocs);
    xlsx_put_money_sum(x, &sh, total, 5, first, last, P->t.amount);
    if (P->t.amount > 0 && ni > 0)
        xlsx_put_sum(&sh, total, 6, first, last, x->t_pct, ssum, 1);
    else
        worksheet_write_blank(sh.ws, total, 6, x->t_pct);
    worksheet_freeze_panes(sh.ws, 2, 1);
    if (ni > 0) {
        lxw_chart *ch = workbook_add_chart(x->wb, LXW_CHART_BAR);
        lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
        chart_series_set_categories(se, sh.name, first, 0, last, 0);
        chart_series_set_values(se, sh.name, first, 5, last, 5);
        chart_series_set_name(se, "지원금액");
        snprintf(buf, sizeof buf, "정책수단별 지원금액 %s", x->unit_note);
        chart_title_set_name(ch, buf);
        chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
        chart_axis_set_reverse(chart_axis_get(ch, LXW_CHART_AXIS_TYPE_X));
        chart_axis_set_num_format(chart_axis_get(ch, LXW_CHART_AXIS_TYPE_Y), xlsx_money_format(x->cfg->unit));
        worksheet_insert_chart(sh.ws, 1, 8, ch);
    }
    xlsx_page_setup(x, &sh, 1, 1, true);
    xlsx_sheet_close(&sh);
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
    return date_day(pe->to) == (tm == 3 || tm == 12 ? 31 : 30);
}

static void write_quarters(xw *x)
{
    const figures *fig = x->fig;
    const dataset *ds = x->ds;
    uint32_t nq = fig->nquarters, np = ds->nprojects;
    lxw_col_t q0 = 2, cper = (lxw_col_t)(q0 + nq), ccum = (lxw_col_t)(cper + 1);
    xsheet sh;
    if (!xlsx_sheet_open(x, &sh, "기간별", (uint16_t)(ccum + 1)))
        return;
    char buf[256], range[48], formula[128];
    snprintf(buf, sizeof buf, "분기별 지원금액 (%s, 누적 포함)", x->period_text);
    xlsx_put_title(x, &sh, buf, ccum, true);
    xlsx_put_str(x, &sh, 1, 0, "프로젝트ID", x->hdr);
    xlsx_put_str(x, &sh, 1, 1, "프로젝트명", x->hdr);
    uint32_t qp_first = UINT32_MAX, qp_last = 0;
    for (uint32_t q = 0; q < nq; q++) {
        int y, qq;
        figures_quarter(fig, q, &y, &qq);
        snprintf(buf, sizeof buf, "%d년 %d분기", y, qq);
        bool in = fig->quarter_in_period[q] != 0;
        xlsx_put_str(x, &sh, 1, q0 + q, buf, in ? x->hdr_mark : x->hdr);
        if (in) {
            if (qp_first == UINT32_MAX)
                qp_first = q;
            qp_last = q;
        }
    }
    xlsx_put_str(x, &sh, 1, cper, "해당 기간", x->hdr_mark);
    xlsx_put_str(x, &sh, 1, ccum, "누적", x->hdr);

    /* The period column is a SUM of its quarters only when they add up to it. */
    bool aligned = qp_first != UINT32_MAX && (fig->period.all || period_on_quarters(&fig->period));
    for (uint32_t p = 0; aligned && p < np; p++) {
        won_t s = 0;
        for (uint32_t q = qp_first; q <= qp_last; q++)
            s += fig->quarter[(size_t)p * nq + q].amount;
        if (s != fig->in_period.projects[p].t.amount)
            aligned = false;
    }

    lxw_row_t first = 2, last = first + np - 1, total = first + np;
    xlsx_autofilter(&sh, 1, last, ccum);
    for (uint32_t k = 0; k < np; k++) {
        uint32_t p = fig->project_order[k];
        lxw_row_t r = first + k;
        xlsx_put_str(x, &sh, r, 0, ds->projects[p].id, x->id);
        xlsx_put_str(x, &sh, r, 1, ds->projects[p].title, x->text);
        won_t cum = 0;
        for (uint32_t q = 0; q < nq; q++) {
            won_t v = fig->quarter[(size_t)p * nq + q].amount;
            cum += v;
            xlsx_put_money(x, &sh, r, q0 + q, v, x->money);
        }
        won_t per = fig->in_period.projects[p].t.amount;
        if (aligned) {
            lxw_rowcol_to_range(range, r, q0 + qp_first, r, q0 + qp_last);
            snprintf(formula, sizeof formula, "=SUM(%s)", range);
            xlsx_put_formula(&sh, r, cper, formula, x->money, xlsx_money_value(x, per), xlsx_num_width(xlsx_money_display(x, per)));
        } else {
            xlsx_put_money(x, &sh, r, cper, per, x->money);
        }
        won_t cf = fig->cumulative.projects[p].t.amount;
        XLSX_CHECK(cum == cf, "기간별: quarter series vs cumulative project amount");
        if (nq > 0) {
            lxw_rowcol_to_range(range, r, q0, r, q0 + nq - 1);
            snprintf(formula, sizeof formula, "=SUM(%s)", range);
            xlsx_put_formula(&sh, r, ccum, formula, x->money, xlsx_money_value(x, cf), xlsx_num_width(xlsx_money_display(x, cf)));
        } else {
            xlsx_put_money(x, &sh, r, ccum, cf, x->money);
        }
    }
    xlsx_put_str(x, &sh, total, 0, "합계", x->t_text);
    worksheet_write_blank(sh.ws, total, 1, x->t_text);
    for (uint32_t q = 0; q < nq; q++)
        xlsx_put_money_sum(x, &sh, total, q0 + q, first, last, fig->quarter_total[q].amount);
    xlsx_put_money_sum(x, &sh, total, cper, first, last, fig->in_period.t.amount);
    xlsx_put_money_sum(x, &sh, total, ccum, first, last, fig->cumulative.t.amount);
    worksheet_freeze_panes(sh.ws, 2, 2);
    if (nq > 0) {
        lxw_chart *ch = workbook_add_chart(x->wb, LXW_CHART_COLUMN);
        lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
        chart_series_set_categories(se, sh.name, 1, q0, 1, q0 + nq - 1);
        chart_series_set_values(se, sh.name, total, q0, total, q0 + nq - 1);
        chart_series_set_name(se, "지원금액");
        snprintf(buf, sizeof buf, "분기별 지원금액 %s", x->unit_note);
        chart_title_set_name(ch, buf);
        chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
        chart_axis_set_num_format(chart_axis_get(ch, LXW_CHART_AXIS_TYPE_Y), xlsx_money_format(x->cfg->unit));
        worksheet_insert_chart(sh.ws, total + 2, 1, ch);
    }
    xlsx_page_setup(x, &sh, 1, 1, true);
    xlsx_sheet_close(&sh);
}

/* ---- 기업별 ---- */

static void write_firms(xw *x)
{
    const figures *fig = x->fig;
    const dataset *ds = x->ds;
    const scope_fig *P = &fig->in_period;
    xsheet sh;
    if (!xlsx_sheet_open(x, &sh, "기업별", 12))
        return;
    char buf[256];
    snprintf(buf, sizeof buf, "참여기업별 지원 실적 (%s)", x->period_text);
    xlsx_put_title(x, &sh, buf, 11, true);
    static const char *const hdr[] = {"사업자등록번호", "기업명", "시·도", "시군구", "업종", "상시근로자수",
                                      "매출액", "수출액", "참여 프로젝트", "정책수단", "지원 건수", "지원금액"};
    xlsx_put_header(x, &sh, 1, hdr, 12);
    lxw_row_t first = 2, r = first;
    uint32_t nparticipating = 0;
    for (uint32_t f = 0; f < ds->nfirms; f++)
        nparticipating += P->firms[f].allocs > 0;
    xlsx_autofilter(&sh, 1, first + nparticipating - 1, 11);
    uint64_t allocs = 0;
    won_t amount = 0;
    for (uint32_t k = 0; k < ds->nfirms; k++) {
        uint32_t f = fig->firm_order[k];
        const firm_fig *ff = &P->firms[f];
        if (ff->allocs == 0)
            continue;
        const firm *fm = &ds->firms[f];
        char brn[13];
        brn_format(fm->id, brn);
        xlsx_put_str(x, &sh, r, 0, brn, x->id);
        xlsx_put_str(x, &sh, r, 1, fm->name, x->text);
        xlsx_put_str(x, &sh, r, 2, region_short(fm->region), x->text);
        xlsx_put_str(x, &sh, r, 3, fm->city, x->text);
        xlsx_put_str(x, &sh, r, 4, fm->industry, x->text);
        if (fm->employees >= 0)
            xlsx_put_num(&sh, r, 5, (double)fm->employees, x->count);
        else
            worksheet_write_blank(sh.ws, r, 5, x->count);
        xlsx_put_money(x, &sh, r, 6, fm->revenue, x->money);
        xlsx_put_money(x, &sh, r, 7, fm->exports, x->money);
        xlsx_put_num(&sh, r, 8, ff->projects, x->count);
        xlsx_put_num(&sh, r, 9, ff->instruments, x->count);
        xlsx_put_num(&sh, r, 10, ff->allocs, x->count);
        xlsx_put_money(x, &sh, r, 11, ff->amount, x->money);
        allocs += ff->allocs;
        amount += ff->amount;
        r++;
    }
    XLSX_CHECK(allocs == P->t.allocs && amount == P->t.amount, "기업별: firm sums vs period totals");
    lxw_row_t last = r - 1, total = r;
    snprintf(buf, sizeof buf, "합계 (%u개 사)", (unsigned)(total - first));
    xlsx_put_str(x, &sh, total, 0, buf, x->t_text);
    for (lxw_col_t c = 1; c < 10; c++)
        worksheet_write_blank(sh.ws, total, c, x->t_text);
    xlsx_put_sum(&sh, total, 10, first, last, x->t_count, P->t.allocs, P->t.allocs);
    xlsx_put_money_sum(x, &sh, total, 11, first, last, P->t.amount);
    worksheet_freeze_panes(sh.ws, 2, 2);
    xlsx_page_setup(x, &sh, 1, 1, true);
    xlsx_sheet_close(&sh);
}

/* ---- 지원내역 ---- */

static const char *const detail_hdr_fmt[] = {"지원ID", "프로젝트ID", "사업자등록번호", "기업명", "정책수단",
                                              "지원기관", NULL /* amount */, "집행일", "상태"};
#define DETAIL_COLS 9

static bool detail_sheet_start(xw *x, xsheet *sh, uint32_t part, lxw_row_t rows)
{
    char name[32];
    if (part == 1)
        snprintf(name, sizeof name, "지원내역");
    else
        snprintf(name, sizeof name, "지원내역(%u)", part);
    if (!xlsx_sheet_open(x, sh, name, DETAIL_COLS))
        return false;
    char amount_hdr[64];
    snprintf(amount_hdr, sizeof amount_hdr, "지원금액(%s)", unit_label(x->cfg->unit));
    for (lxw_col_t c = 0; c < DETAIL_COLS; c++)
        xlsx_put_str(x, sh, 0, c, detail_hdr_fmt[c] ? detail_hdr_fmt[c] : amount_hdr, x->hdr);
    xlsx_autofilter(sh, 0, rows, DETAIL_COLS - 1);
    return true;
}

static void detail_sheet_end(xw *x, xsheet *sh)
{
    worksheet_freeze_panes(sh->ws, 1, 0);
    xlsx_page_setup(x, sh, 0, 0, true);
    xlsx_sheet_close(sh);
}

/* A string checked once and written many times: the cleaned text (s itself,
 * or an owned copy) and its display width. */
typedef struct ctext {
    const char *s;
    char *owned;
    int w;
} ctext;

static ctext *ctext_table(xw *x, uint32_t n, const char *(*get)(const dataset *, uint32_t))
{
    ctext *t = xcalloc(n ? n : 1, sizeof *t);
    for (uint32_t i = 0; i < n; i++) {
        const char *raw = get(x->ds, i);
        if (!raw)
            continue;
        const char *c = xlsx_clean(&x->clean, raw, &t[i].w);
        if (c != raw)
            c = t[i].owned = xstrdup(c);
        t[i].s = c;
    }
    return t;
}

static void ctext_free(ctext *t, uint32_t n)
{
    for (uint32_t i = 0; t && i < n; i++)
        free(t[i].owned);
    free(t);
}

static const char *get_project_id(const dataset *ds, uint32_t i) { return ds->projects[i].id; }
static const char *get_firm_name(const dataset *ds, uint32_t i) { return ds->firms[i].name; }
static const char *get_instrument(const dataset *ds, uint32_t i) { return ds->instruments[i]; }
static const char *get_agency(const dataset *ds, uint32_t i) { return ds->agencies[i]; }

static void put_ctext(xsheet *sh, lxw_row_t r, lxw_col_t c, const ctext *t)
{
    if (t->s && *t->s) {
        worksheet_write_string(sh->ws, r, c, t->s, NULL);
        xlsx_fit(sh, c, t->w);
    }
}

/* Widths of the columns not measured per cell: business number, amount
 * (from the largest on the sheet), date, status. */
static void detail_fixed_widths(const xw *x, xsheet *sh, won_t maxamt)
{
    xlsx_fit(sh, 2, 12);
    xlsx_fit(sh, 6, xlsx_num_width(xlsx_money_display(x, maxamt)));
    xlsx_fit(sh, 7, 10);
    xlsx_fit(sh, 8, 4);
}

/* Every counted allocation of the period, in file order. This is the one
 * part whose size follows the input (a million rows and more), so it is
 * written lean: repeated strings are checked once (ctext tables), and plain
 * text cells carry no format (a format per cell costs about 40% of the time
 * of writing a row in libxlsxwriter). Returns false if a sheet could not be
 * created. */
static bool write_details(xw *x)
{
    const dataset *ds = x->ds;
    const figures *fig = x->fig;
    int64_t max = x->cfg->sheet_max_rows;
    lxw_row_t per_sheet = max >= 1 && max < (int64_t)XLSX_MAX_DATA_ROWS ? (lxw_row_t)max : XLSX_MAX_DATA_ROWS;
    uint32_t part = 1;
    uint64_t left = fig->in_period.t.allocs; /* rows still to write */
    xsheet sh;
    if (!detail_sheet_start(x, &sh, part, left < per_sheet ? (lxw_row_t)left : per_sheet))
        return false;
    ctext *pid = ctext_table(x, ds->nprojects, get_project_id);
    ctext *fname = ctext_table(x, ds->nfirms, get_firm_name);
    ctext *inst = ctext_table(x, ds->ninstruments, get_instrument);
    ctext *agen = ctext_table(x, ds->nagencies, get_agency);
    char (*brn)[13] = xmalloc((ds->nfirms ? ds->nfirms : 1) * sizeof *brn);
    for (uint32_t f = 0; f < ds->nfirms; f++)
        brn_format(ds->firms[f].id, brn[f]);
    lxw_row_t r = 0; /* data rows on this sheet */
    uint64_t count = 0;
    won_t amount = 0;
    bool ok = true;
    won_t maxamt = 0; /* largest amount on this sheet, for the column width */
    for (uint32_t k = 0; k < ds->nallocs; k++) {
        const allocation *al = &ds->allocs[k];
        if (al->status == ALLOC_CANCELLED || al->date < fig->period.from || al->date > fig->period.to)
            continue;
        if (r == per_sheet) {
            detail_fixed_widths(x, &sh, maxamt);
            maxamt = 0;
            detail_sheet_end(x, &sh);
            left -= r;
            if (!detail_sheet_start(x, &sh, ++part, left < per_sheet ? (lxw_row_t)left : per_sheet)) {
                ok = false;
                break;
            }
            r = 0;
        }
        lxw_row_t row = r + 1;
        xlsx_put_str(x, &sh, row, 0, al->id, NULL);
        put_ctext(&sh, row, 1, &pid[al->project]);
        worksheet_write_string(sh.ws, row, 2, brn[al->firm], NULL);
        put_ctext(&sh, row, 3, &fname[al->firm]);
        put_ctext(&sh, row, 4, &inst[al->instrument]);
        if (al->agency != NO_INDEX)
            put_ctext(&sh, row, 5, &agen[al->agency]);
        worksheet_write_number(sh.ws, row, 6, xlsx_money_value(x, al->amount), x->d_money);
        worksheet_write_number(sh.ws, row, 7, xlsx_serial_date(al->date), x->d_date);
        worksheet_write_string(sh.ws, row, 8, alloc_status_name(al->status), NULL);
        if (al->amount > maxamt)
            maxamt = al->amount;
        if (x->ctx->progress && (count & 0xFFFF) == 0)
            fprintf(stderr, "\rsmereport: writing workbook %3u%%",
                    (unsigned)(count * 100 / (fig->in_period.t.allocs ? fig->in_period.t.allocs : 1)));
        count++;
        amount += al->amount;
        r++;
    }
    ctext_free(pid, ds->nprojects);
    ctext_free(fname, ds->nfirms);
    ctext_free(inst, ds->ninstruments);
    ctext_free(agen, ds->nagencies);
    free(brn);
    if (!ok)
        return false;
    detail_fixed_widths(x, &sh, maxamt);
    XLSX_CHECK(count == fig->in_period.t.allocs && amount == fig->in_period.t.amount,
               "지원내역: detail rows vs period totals");
    detail_sheet_end(x, &sh);
    return true;
}

/* ---- 검증결과 ---- */

static void write_checks(xw *x)
{
    xsheet sh;
    if (!xlsx_sheet_open(x, &sh, "검증결과", 5))
        return;
    xlsx_put_title(x, &sh, "검증 결과 (경고와 참고; 오류가 있으면 보고서를 만들지 않습니다)", 4, false);
    static const char *const hdr[] = {"구분", "파일", "행", "열", "내용"};
    xlsx_put_header(x, &sh, 1, hdr, 5);
    lxw_row_t r = 2;
    const diag_list *d = x->ctx->diags;
    size_t n = d ? d->n : 0;
    size_t nrows = n + (d && d->dropped ? 1 : 0);
    xlsx_autofilter(&sh, 1, (lxw_row_t)(1 + (nrows ? nrows : 1)), 4);
    for (size_t i = 0; i < n; i++) {
        const diag *g = &d->v[i];
        xlsx_put_str(x, &sh, r, 0, g->sev == DIAG_ERROR ? "오류" : g->sev == DIAG_WARNING ? "경고" : "참고", x->text);
        xlsx_put_str(x, &sh, r, 1, g->file, x->text);
        if (g->line)
            xlsx_put_num(&sh, r, 2, g->line, x->count);
        else
            worksheet_write_blank(sh.ws, r, 2, x->count);
        if (g->col)
            xlsx_put_num(&sh, r, 3, g->col, x->count);
        else
            worksheet_write_blank(sh.ws, r, 3, x->count);
        xlsx_put_str(x, &sh, r, 4, g->msg, x->text);
        r++;
    }
    if (d && d->dropped) {
        char buf[160];
        snprintf(buf, sizeof buf, "그 밖의 %zu건은 생략했습니다 ([limits] max_diagnostics = %zu)", d->dropped,
                 d->limit);
        xlsx_put_str(x, &sh, r, 0, "참고", x->text);
        for (lxw_col_t c = 1; c < 4; c++)
            worksheet_write_blank(sh.ws, r, c, x->text);
        xlsx_put_str(x, &sh, r, 4, buf, x->text);
        r++;
    }
    if (r == 2) {
        xlsx_put_str(x, &sh, r, 0, "없음", x->text);
        for (lxw_col_t c = 1; c < 4; c++)
            worksheet_write_blank(sh.ws, r, c, x->text);
        xlsx_put_str(x, &sh, r, 4, "경고가 없습니다", x->text);
        r++;
    }
    worksheet_freeze_panes(sh.ws, 2, 0);
    xlsx_page_setup(x, &sh, 1, 1, false);
    xlsx_sheet_close(&sh);
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
    x.money_div = ctx->cfg->unit == UNIT_HUNDRED_MILLION ? 1e8 : 1;
    snprintf(x.unit_note_buf, sizeof x.unit_note_buf, "(단위: %s)", unit_label(ctx->cfg->unit));
    x.unit_note = x.unit_note_buf;
    const value *pt = ctx->model ? val_get(val_get(ctx->model, "period"), "text") : NULL;
    snprintf(x.period_text, sizeof x.period_text, "%s",
             pt && pt->type == VAL_STR && pt->u.s[0] ? pt->u.s : ctx->fig->period.label);

    lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = (char *)ctx->dir};
    x.wb = workbook_new_opt(path, &opt);
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
    write_summary(&x);
    if (!x.failed)
        write_projects(&x);
    if (!x.failed)
        write_instruments(&x);
    if (!x.failed)
        write_quarters(&x);
    if (!x.failed)
        write_firms(&x);
    if (!x.failed)
        write_details(&x);
    if (!x.failed)
        write_checks(&x);

    /* A terminal sees one line while the zip is packed (seconds at a million rows). */
    if (ctx->progress)
        fputs("\rsmereport: writing workbook (packing)\033[K", stderr);
    errno = 0;
    lxw_error err = workbook_close(x.wb);
    int saved = errno;
    if (ctx->progress)
        fputs("\r\033[K", stderr);
    free(props.title);
    free(props.subject);
    free(props.author);
    free(props.company);
    free(props.comments);
    sb_free(&x.clean);
    if (x.failed)
        return EXIT_OUTPUT;
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

const renderer renderer_xlsx = {"xlsx", xlsx_render};
