/* xlsx_detail.c — the 지원내역 sheets of the XLSX workbook: every counted
 * allocation of the period in file order, continued on 지원내역(2), (3)…
 * after [limits] sheet_max_rows data rows. Called by render_xlsx.c
 * (xlsx_sheets.h).
 *
 * This is the one part whose size follows the input (ten million rows and
 * more), so it is written lean: repeated strings (project IDs, firm names,
 * instruments, agencies, business numbers) are checked once per workbook
 * (ctext tables), plain text cells carry no format, amounts are whole won.
 * And it is written on every job the run gives the workbook: each sheet
 * streams to its own constant-memory temporary file, so whole sheets are
 * written by this thread and up to [limits] jobs - 1 helpers at once (beside
 * the releases a helper starts when the parent hands a job over:
 * render_job_wait). The sheets are created and finished here in order, the
 * formats' style indices are fixed before any thread starts, and a sheet's
 * rows depend on its allocations alone: the bytes never depend on the
 * threads (docs/xlsx.md, Speed). */
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aggregate.h"
#include "common.h"
#include "model.h"
#include "strbuf.h"
#include "render.h"
#include "xlsx_cells.h"
#include "xlsx_sheets.h"

/* ---- 지원내역 ---- */

/* Strings checked once and written many times, one table per kind: each
 * cleaned text (xlsx_clean) copied into one block, in index order, with its
 * display width. Packed, the names a million rows pick at random share cache
 * lines instead of each pulling in its own line of the dataset (the firm
 * name's fetch was most of what the detail loop itself cost). */
typedef struct ctext {
    size_t off; /* the text at pack + off; 0: none ("") */
    int w;
} ctext;

typedef struct ctable {
    ctext *v;
    char *pack;
} ctable;

static ctable ctext_table(xw *x, uint32_t n, const char *(*get)(const dataset *, uint32_t))
{
    ctable t = {xcalloc(n ? n : 1, sizeof *t.v), NULL};
    strbuf pack = {0};
    sb_addc(&pack, '\0');
    for (uint32_t i = 0; i < n; i++) {
        const char *raw = get(x->ds, i);
        if (!raw || !*raw)
            continue;
        const char *c = xlsx_clean(&x->clean, raw, &t.v[i].w);
        t.v[i].off = pack.len;
        sb_addn(&pack, c, strlen(c) + 1);
    }
    t.pack = sb_take(&pack);
    return t;
}

static void ctext_free(ctable *t)
{
    free(t->v);
    free(t->pack);
}

static const char *get_project_id(const dataset *ds, uint32_t i) { return ds->projects[i].id; }
static const char *get_firm_name(const dataset *ds, uint32_t i) { return ds->firms[i].name; }
static const char *get_instrument(const dataset *ds, uint32_t i) { return ds->instruments[i]; }
static const char *get_agency(const dataset *ds, uint32_t i) { return ds->agencies[i]; }

/* The repeated strings of the detail rows, checked once. */
typedef struct detail_state {
    ctable pid, fname, inst, agen;
    char (*brn)[13];
} detail_state;

/* A detail cell: a text without a format, or a number in the column's
 * format (the rows are written directly: xlsx_cells.h, xrow). */
static void dt_text(xcur *cur, const char *s)
{
    xlsx_cell_str(cur->sh, cur->r, cur->c, s, NULL);
}

static void dt_number(xcur *cur, double v)
{
    xlsx_cell_num(cur->sh, cur->r, cur->c, v, cur->f);
}

static void put_ctext(xcur *cur, const ctable *t, uint32_t i)
{
    const ctext *e = &t->v[i];
    if (e->off) {
        dt_text(cur, t->pack + e->off);
        xlsx_fit(cur->sh, cur->c, e->w);
    }
}

#define ALLOC_OF(item) ((const allocation *)(item))
#define DETAIL_STATE(cur) ((const detail_state *)(cur)->state)

static void dt_id(xcur *cur, const xcol *col, const void *item) { (void)col; xcur_str(cur, ALLOC_OF(item)->id); }
static void dt_project(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    put_ctext(cur, &DETAIL_STATE(cur)->pid, ALLOC_OF(item)->project);
}
static void dt_brn(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    dt_text(cur, DETAIL_STATE(cur)->brn[ALLOC_OF(item)->firm]);
}
static void dt_firm(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    put_ctext(cur, &DETAIL_STATE(cur)->fname, ALLOC_OF(item)->firm);
}
static void dt_instrument(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    put_ctext(cur, &DETAIL_STATE(cur)->inst, ALLOC_OF(item)->instrument);
}
static void dt_agency(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    if (ALLOC_OF(item)->agency != NO_INDEX)
        put_ctext(cur, &DETAIL_STATE(cur)->agen, ALLOC_OF(item)->agency);
}
static void dt_amount(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    dt_number(cur, (double)ALLOC_OF(item)->amount); /* whole won */
}
static void dt_date(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    dt_number(cur, xlsx_serial_date(ALLOC_OF(item)->date));
}
static void dt_status(xcur *cur, const xcol *col, const void *item)
{
    (void)col;
    dt_text(cur, alloc_status_name(ALLOC_OF(item)->status));
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
    [DT_DATE] = {"집행일", 11, XF_D_DATE, dt_date, 0, NULL, 0, 0},
    [DT_STATUS] = {"상태", 4, XF_NONE, dt_status, 0, NULL, 0, 0},
};

static bool detail_sheet_start(xw *x, xsheet *sh, uint32_t part, lxw_row_t rows)
{
    char name[32];
    if (part == 1)
        snprintf(name, sizeof name, "지원내역");
    else
        snprintf(name, sizeof name, "지원내역(%u)", part);
    if (!xlsx_sheet_open(x, sh, name, DT_NCOLS))
        return false;
    xlsx_sheet_big_buffer(x, sh);
    xcur cur = {.x = x, .sh = sh};
    xlsx_table_top(&cur, NULL, false, detail_cols, DT_NCOLS, rows);
    return true;
}

static void detail_sheet_end(xw *x, xsheet *sh, won_t maxamt)
{
    xlsx_fit(sh, DT_AMOUNT, xlsx_num_width((double)maxamt));
    xlsx_table_end(x, sh, 0, 0, DT_PROJECT, false);
}

static bool counted(const allocation *al, const period *pe)
{
    return al->status != ALLOC_CANCELLED && al->date >= pe->from && al->date <= pe->to;
}

#define XLSX_DETAIL_MAX_THREADS 64 /* [limits] jobs is at most 64 */

/* One 지원내역 sheet: its rows are the counted allocations from ds->allocs[from]
 * on, `rows` of them; what writing it found is kept for the sheet's end and
 * the check against the figures. */
typedef struct detail_part {
    xsheet sh;
    uint32_t from;
    lxw_row_t rows;
    won_t maxamt, amount;
    uint64_t count;
} detail_part;

/* The sheets to write and who takes the next one. The rows of a sheet
 * depend on nothing but its allocations, so the workbook is the same
 * whichever thread writes which sheet. */
typedef struct detail_job {
    xw *x;
    const detail_state *st;
    detail_part *parts;
    uint32_t nparts;
    atomic_uint next;         /* the next sheet to take */
    atomic_uint_least64_t done; /* rows written by all threads, for the progress line */
    int quit[2];              /* readable once every sheet is taken: waiting helpers give up */
    atomic_int jobs;          /* jobs the helpers were handed (render_job_wait) */
    double cpu_ms[XLSX_DETAIL_MAX_THREADS]; /* CPU time of each thread that wrote sheets (-v) */
    atomic_int nthreads;
} detail_job;

#define PROGRESS_ROWS 0x10000u

/* Writes the data rows of one sheet. Its own xw copy holds the scratch text
 * (xlsx_clean), so threads share only read-only state: the figures, the
 * formats (their xf indices resolved before any thread starts) and the
 * ctext tables. Only the calling thread that owns the terminal reports
 * progress. */
static void detail_part_write(detail_job *j, detail_part *p, xw *wx, bool report)
{
    const dataset *ds = j->x->ds;
    const period *pe = &j->x->fig->period;
    uint64_t total = j->x->fig->in_period.t.allocs;
    xcur cur = {.x = wx, .sh = &p->sh, .r = 1, .state = j->st};
    p->sh.direct = true; /* no formula in a detail row */
    for (uint32_t k = p->from; k < ds->nallocs && p->count < p->rows; k++) {
        const allocation *al = &ds->allocs[k];
        if (!counted(al, pe))
            continue;
        xlsx_table_row(&cur, detail_cols, DT_NCOLS, al);
        if (al->amount > p->maxamt)
            p->maxamt = al->amount;
        p->amount += al->amount;
        if ((++p->count & (PROGRESS_ROWS - 1)) == 0) {
            uint64_t done = atomic_fetch_add(&j->done, PROGRESS_ROWS) + PROGRESS_ROWS;
            if (report)
                j->x->ctx->progress("writing workbook", done * 1000 / (total ? total : 1), 1000);
        }
    }
}

/* Takes sheets until none is left. */
static void detail_work(detail_job *j, bool report)
{
    double c0 = xlsx_cpu_ms(true);
    xw wx = *j->x;
    wx.clean = (strbuf){0};
    for (unsigned i; (i = atomic_fetch_add(&j->next, 1)) < j->nparts;)
        detail_part_write(j, &j->parts[i], &wx, report);
    sb_free(&wx.clean);
    int t = atomic_fetch_add(&j->nthreads, 1);
    if (t < XLSX_DETAIL_MAX_THREADS)
        j->cpu_ms[t] = xlsx_cpu_ms(true) - c0;
}

static void *detail_helper(void *arg)
{
    detail_job *j = arg;
    if (render_job_wait(j->quit[0], -1)) {
        atomic_fetch_add(&j->jobs, 1);
        detail_work(j, false);
    }
    return NULL;
}

/* The first allocation of each sheet: per_sheet counted ones each. */
static void detail_plan(const dataset *ds, const period *pe, uint64_t total, lxw_row_t per_sheet, detail_part *parts)
{
    uint64_t n = 0;
    for (uint32_t k = 0; k < ds->nallocs; k++) {
        if (!counted(&ds->allocs[k], pe))
            continue;
        if (n % per_sheet == 0)
            parts[n / per_sheet].from = k;
        n++;
    }
    for (uint64_t i = 0; i * per_sheet < total || i == 0; i++) {
        uint64_t left = total - i * per_sheet;
        parts[i].rows = left < per_sheet ? (lxw_row_t)left : per_sheet;
    }
}

/* Every counted allocation of the period, in file order, per_sheet rows a
 * sheet. The sheets are created here in order (libxlsxwriter numbers them
 * as they are added), then their rows are written by this thread and up to
 * [limits] jobs - 1 helper threads, each taking whole sheets (each sheet
 * streams to its own temporary file); the sheets are finished here in
 * order. Returns false if a sheet could not be created. */
bool xlsx_write_details(xw *x)
{
    const dataset *ds = x->ds;
    const figures *fig = x->fig;
    int64_t max = x->cfg->sheet_max_rows;
    lxw_row_t per_sheet = max >= 1 && max < (int64_t)XLSX_MAX_DATA_ROWS ? (lxw_row_t)max : XLSX_MAX_DATA_ROWS;
    uint64_t total = fig->in_period.t.allocs;
    uint64_t nparts = total ? (total + per_sheet - 1) / per_sheet : 1;
    detail_job j = {.x = x, .parts = xcalloc((size_t)nparts, sizeof *j.parts), .nparts = (uint32_t)nparts,
                    .quit = {-1, -1}};
    detail_plan(ds, &fig->period, total, per_sheet, j.parts);
    uint32_t opened = 0;
    while (opened < j.nparts && detail_sheet_start(x, &j.parts[opened].sh, opened + 1, j.parts[opened].rows))
        opened++;
    if (opened < j.nparts) {
        for (uint32_t i = 0; i < opened; i++)
            xlsx_sheet_close(&j.parts[i].sh);
        free(j.parts[opened].sh.width);
        free(j.parts);
        return false;
    }
    detail_state st = {
        .pid = ctext_table(x, ds->nprojects, get_project_id),
        .fname = ctext_table(x, ds->nfirms, get_firm_name),
        .inst = ctext_table(x, ds->ninstruments, get_instrument),
        .agen = ctext_table(x, ds->nagencies, get_agency),
        .brn = xmalloc((ds->nfirms ? ds->nfirms : 1) * sizeof *st.brn),
    };
    for (uint32_t f = 0; f < ds->nfirms; f++)
        brn_format(ds->firms[f].id, st.brn[f]);
    j.st = &st;
    /* A format gets its style index on first use, through the workbook's
     * hash table: every format a data row uses gets it now, in the order of
     * the columns (as one thread writing the first row would). */
    for (uint16_t c = 0; c < DT_NCOLS; c++) {
        lxw_format *f = xlsx_format(x, detail_cols[c].fmt);
        if (f)
            lxw_format_get_xf_index(f);
    }

    uint32_t nhelp = (uint32_t)render_extra_jobs(x->cfg);
    if (nhelp > j.nparts - 1)
        nhelp = j.nparts - 1;
    pthread_t *helpers = nhelp ? xcalloc(nhelp, sizeof *helpers) : NULL;
    uint32_t started = 0;
    if (nhelp && pipe2(j.quit, O_CLOEXEC) == 0)
        while (started < nhelp && pthread_create(&helpers[started], NULL, detail_helper, &j) == 0)
            started++;
    detail_work(&j, x->ctx->progress != NULL);
    if (j.quit[1] >= 0) {
        close(j.quit[1]); /* helpers still waiting for a job see the end */
        for (uint32_t i = 0; i < started; i++)
            pthread_join(helpers[i], NULL);
        close(j.quit[0]);
    }
    x->jobs_held += atomic_load(&j.jobs);
    free(helpers);
    strbuf cpu = {0};
    for (int t = 0; t < atomic_load(&j.nthreads) && t < XLSX_DETAIL_MAX_THREADS; t++)
        sb_addf(&cpu, "%s%.1f", t ? ", " : "", j.cpu_ms[t] / 1e3);
    msg_debug("xlsx: %" PRIu64 " detail row%s on %u sheet%s by %d thread%s (CPU s each: %s)", total,
              total == 1 ? "" : "s", j.nparts, j.nparts == 1 ? "" : "s", atomic_load(&j.nthreads),
              atomic_load(&j.nthreads) == 1 ? "" : "s", sb_str(&cpu));
    sb_free(&cpu);

    uint64_t count = 0;
    won_t amount = 0;
    for (uint32_t i = 0; i < j.nparts; i++) {
        count += j.parts[i].count;
        amount += j.parts[i].amount;
        detail_sheet_end(x, &j.parts[i].sh, j.parts[i].maxamt);
    }
    XLSX_CHECK(count == total && amount == fig->in_period.t.amount, "지원내역: detail rows vs period totals");
    ctext_free(&st.pid);
    ctext_free(&st.fname);
    ctext_free(&st.inst);
    ctext_free(&st.agen);
    free(st.brn);
    free(j.parts);
    return true;
}
