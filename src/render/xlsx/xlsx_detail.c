/* xlsx_detail.c — the 지원내역 sheets of the XLSX workbook: every counted
 * allocation of the period in file order, continued on 지원내역(2), (3)…
 * after [limits] sheet_max_rows data rows. Called by render_xlsx.c
 * (xlsx_sheets.h).
 *
 * This is the one part whose size follows the input (ten million rows and
 * more), so it is written lean: repeated strings (project IDs, firm names,
 * instruments, agencies, business numbers) are checked once per workbook
 * (ctext tables), plain text cells carry no format, amounts are whole won. */
#include <stdio.h>
#include <stdlib.h>

#include "aggregate.h"
#include "common.h"
#include "model.h"
#include "xlsx_cells.h"
#include "xlsx_sheets.h"

/* ---- 지원내역 ---- */

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

/* The repeated strings of the detail rows, checked once. */
typedef struct detail_state {
    ctext *pid, *fname, *inst, *agen;
    char (*brn)[13];
    won_t maxamt; /* largest amount on this sheet, for the column width */
} detail_state;

static void put_ctext(xcur *cur, const ctext *t)
{
    if (t->s && *t->s) {
        worksheet_write_string(cur->sh->ws, cur->r, cur->c, t->s, NULL);
        xlsx_fit(cur->sh, cur->c, t->w);
    }
}

#define ALLOC_OF(item) ((const allocation *)(item))
#define DETAIL_STATE(cur) ((const detail_state *)(cur)->state)

static void dt_id(xcur *cur, const xcol *col, const void *item) { (void)col; xcur_str(cur, ALLOC_OF(item)->id); }
static void dt_project(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    put_ctext(cur, &DETAIL_STATE(cur)->pid[ALLOC_OF(item)->project]);
}
static void dt_brn(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    worksheet_write_string(cur->sh->ws, cur->r, cur->c, DETAIL_STATE(cur)->brn[ALLOC_OF(item)->firm], NULL);
}
static void dt_firm(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    put_ctext(cur, &DETAIL_STATE(cur)->fname[ALLOC_OF(item)->firm]);
}
static void dt_instrument(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    put_ctext(cur, &DETAIL_STATE(cur)->inst[ALLOC_OF(item)->instrument]);
}
static void dt_agency(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    if (ALLOC_OF(item)->agency != NO_INDEX)
        put_ctext(cur, &DETAIL_STATE(cur)->agen[ALLOC_OF(item)->agency]);
}
static void dt_amount(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    worksheet_write_number(cur->sh->ws, cur->r, cur->c, (double)ALLOC_OF(item)->amount, cur->f); /* whole won */
}
static void dt_date(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    worksheet_write_number(cur->sh->ws, cur->r, cur->c, xlsx_serial_date(ALLOC_OF(item)->date), cur->f);
}
static void dt_status(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    worksheet_write_string(cur->sh->ws, cur->r, cur->c, alloc_status_name(ALLOC_OF(item)->status), NULL);
}

/* Plain text cells carry no format: a format per cell costs about 40% of the
 * time of writing a row in libxlsxwriter. Amounts are in whole won whatever
 * the display unit (a pasted or exported value means what its header says);
 * the column's width follows the largest amount on the sheet. */
enum { DT_ID, DT_PROJECT, DT_BRN, DT_FIRM, DT_INSTRUMENT, DT_AGENCY, DT_AMOUNT, DT_DATE, DT_STATUS, DT_NCOLS };
static const xcol detail_cols[DT_NCOLS] = {
    [DT_ID] = {"지원ID", 0, XF_NONE, dt_id, 0, NULL, 0, 0},
    [DT_PROJECT] = {"프로젝트ID", 0, XF_NONE, dt_project, 0, NULL, 0, 0},
    [DT_BRN] = {"사업자등록번호", 12, XF_NONE, dt_brn, 0, NULL, 0, 0},
    [DT_FIRM] = {"기업명", 0, XF_NONE, dt_firm, 0, NULL, 0, 0},
    [DT_INSTRUMENT] = {"정책수단", 0, XF_NONE, dt_instrument, 0, NULL, 0, 0},
    [DT_AGENCY] = {"지원기관", 0, XF_NONE, dt_agency, 0, NULL, 0, 0},
    [DT_AMOUNT] = {"지원금액(원)", 0, XF_D_MONEY, dt_amount, 0, NULL, 0, 0},
    [DT_DATE] = {"집행일", 10, XF_D_DATE, dt_date, 0, NULL, 0, 0},
    [DT_STATUS] = {"상태", 4, XF_NONE, dt_status, 0, NULL, 0, 0},
};

static bool detail_sheet_start(xw *x, xsheet *sh, const xcol *cols, uint32_t part, lxw_row_t rows)
{
    char name[32];
    if (part == 1)
        snprintf(name, sizeof name, "지원내역");
    else
        snprintf(name, sizeof name, "지원내역(%u)", part);
    if (!xlsx_sheet_open(x, sh, name, DT_NCOLS))
        return false;
    xcur cur = {.x = x, .sh = sh};
    xlsx_table_top(&cur, NULL, false, cols, DT_NCOLS, rows);
    return true;
}

static void detail_sheet_end(xw *x, xsheet *sh, won_t maxamt)
{
    xlsx_fit(sh, DT_AMOUNT, xlsx_num_width((double)maxamt));
    xlsx_table_end(x, sh, 0, 0, DT_PROJECT, false);
}

/* Every counted allocation of the period, in file order. This is the one
 * part whose size follows the input (a million rows and more), so it is
 * written lean: repeated strings are checked once (ctext tables), and plain
 * text cells carry no format. Returns false if a sheet could not be
 * created. */
bool xlsx_write_details(xw *x)
{
    const dataset *ds = x->ds;
    const figures *fig = x->fig;
    int64_t max = x->cfg->sheet_max_rows;
    lxw_row_t per_sheet = max >= 1 && max < (int64_t)XLSX_MAX_DATA_ROWS ? (lxw_row_t)max : XLSX_MAX_DATA_ROWS;
    uint32_t part = 1;
    uint64_t left = fig->in_period.t.allocs; /* rows still to write */
    const xcol *cols = detail_cols;
    xsheet sh;
    if (!detail_sheet_start(x, &sh, cols, part, left < per_sheet ? (lxw_row_t)left : per_sheet))
        return false;
    detail_state st = {
        .pid = ctext_table(x, ds->nprojects, get_project_id),
        .fname = ctext_table(x, ds->nfirms, get_firm_name),
        .inst = ctext_table(x, ds->ninstruments, get_instrument),
        .agen = ctext_table(x, ds->nagencies, get_agency),
        .brn = xmalloc((ds->nfirms ? ds->nfirms : 1) * sizeof *st.brn),
    };
    for (uint32_t f = 0; f < ds->nfirms; f++)
        brn_format(ds->firms[f].id, st.brn[f]);
    xcur cur = {.x = x, .sh = &sh, .r = 1, .state = &st};
    lxw_row_t r = 0; /* data rows on this sheet */
    uint64_t count = 0;
    won_t amount = 0;
    bool ok = true;
    for (uint32_t k = 0; k < ds->nallocs; k++) {
        const allocation *al = &ds->allocs[k];
        if (al->status == ALLOC_CANCELLED || al->date < fig->period.from || al->date > fig->period.to)
            continue;
        if (r == per_sheet) {
            detail_sheet_end(x, &sh, st.maxamt);
            st.maxamt = 0;
            left -= r;
            if (!detail_sheet_start(x, &sh, cols, ++part, left < per_sheet ? (lxw_row_t)left : per_sheet)) {
                ok = false;
                break;
            }
            r = 0;
            cur.r = 1;
        }
        xlsx_table_row(&cur, cols, DT_NCOLS, al);
        if (al->amount > st.maxamt)
            st.maxamt = al->amount;
        if (x->ctx->progress && (count & 0xFFFF) == 0)
            x->ctx->progress("writing workbook", count * 1000 / (fig->in_period.t.allocs ? fig->in_period.t.allocs : 1),
                             1000);
        count++;
        amount += al->amount;
        r++;
    }
    ctext_free(st.pid, ds->nprojects);
    ctext_free(st.fname, ds->nfirms);
    ctext_free(st.inst, ds->ninstruments);
    ctext_free(st.agen, ds->nagencies);
    free(st.brn);
    if (!ok)
        return false;
    XLSX_CHECK(count == fig->in_period.t.allocs && amount == fig->in_period.t.amount,
               "지원내역: detail rows vs period totals");
    detail_sheet_end(x, &sh, st.maxamt);
    return true;
}

