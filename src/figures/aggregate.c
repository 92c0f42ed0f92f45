/* aggregate.c — every figure of a run, computed once from the dataset.
 *
 * The work is two passes per scope over the counted allocations (status 집행
 * or 선정; 취소 rows are only counted apart), grouped by firm. Grouping by
 * firm makes every "distinct firms per X" count a stamp comparison instead of
 * a set: while the pass is inside firm f, stamp[x] == f + 1 says "firm f was
 * already counted for x". The grouping is one counting sort of the allocation
 * indices by firm, shared by both scopes. The remaining distinct counts
 * (projects per instrument, instruments per project, active projects) are
 * read off the project × instrument matrix afterwards, and distinct agencies
 * per instrument use a bitmap of (instrument, agency) pairs, or an
 * open-addressing set when instruments × agencies is too large for one. Everything is integer won; a rate or share is one division of two
 * integer figures, done here and nowhere else.
 *
 * Conventions decided here (and documented in docs/template-model.md):
 *  - data_from/data_to span the counted allocations (cancelled rows do not
 *    stretch the data range), the whole export's when --project narrowed
 *    the dataset (dataset.export_from/to);
 *  - an `all` period becomes data_from..data_to (0..0 without data);
 *  - the cumulative scope runs from data_from (or the period's start, if the
 *    data starts later) to the period's end;
 *  - cancelled rows are counted when dated within the period (all of them
 *    for an `all` period). */
#include <stdlib.h>
#include <string.h>

#include "aggregate.h"
#include "common.h"
#include "hindex.h"

/* ---- a set of 64-bit keys: a hash index whose slot is key + 1 ---- */

typedef hindex u64set;

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= UINT64_C(0xff51afd7ed558ccd);
    x ^= x >> 33;
    return x;
}

static uint64_t u64set_rehash(uint64_t slot, const void *ctx) { return mix64(slot - 1); }

/* Inserts key; true if it was not there yet. */
STATIC bool u64set_add(u64set *s, uint64_t key)
{
    uint64_t h = mix64(key);
    if (s->cap)
        for (size_t i = hindex_home(s, h); s->slot[i]; i = hindex_next(s, i))
            if (s->slot[i] == key + 1)
                return false;
    hindex_reserve(s, 2, u64set_rehash, NULL);
    hindex_put(s, h, key + 1);
    return true;
}

/* ---- helpers ---- */

static double ratio(won_t num, won_t den)
{
    return den > 0 ? (double)num / (double)den : RATE_NONE;
}

static bool counted(const allocation *a)
{
    return a->status != ALLOC_CANCELLED;
}

/* The counted allocations grouped by firm (stable within a firm), copied
 * into compact records: the scope passes then read memory in order. Copying
 * is one sequential read of ds->allocs and scattered writes; reading the
 * allocations through an index in firm order instead costs a cache miss per
 * row (measured: 3x slower at 1M rows). */
typedef struct rec {
    won_t amount;
    uint32_t project, instrument, agency;
    uint32_t day; /* date (yyyymmdd, > 0) << 1 | 1 when executed (집행) */
} rec;
/* 24 bytes, not 32: at 10M allocations the records are 80 MB less at the
 * run's peak (they live beside ds->allocs). */
_Static_assert(sizeof(rec) == 24, "rec packs date and status into one word");

static inline int32_t rec_date(const rec *a)
{
    return (int32_t)(a->day >> 1);
}

static inline bool rec_executed(const rec *a)
{
    return a->day & 1u;
}

typedef struct by_firm {
    rec *r;        /* [n] */
    uint32_t *off; /* [nfirms + 1]: firm f's records are r[off[f] .. off[f+1]) */
    uint32_t n;
} by_firm;

static void group_by_firm(const dataset *ds, int32_t upto, by_firm *g)
{
    g->off = xcalloc((size_t)ds->nfirms + 1, sizeof *g->off);
    uint32_t n = 0;
    for (uint32_t k = 0; k < ds->nallocs; k++) {
        const allocation *a = &ds->allocs[k];
        if (counted(a) && a->date <= upto) {
            g->off[a->firm + 1]++;
            n++;
        }
    }
    for (uint32_t f = 0; f < ds->nfirms; f++)
        g->off[f + 1] += g->off[f];
    g->r = xmalloc((size_t)(n ? n : 1) * sizeof *g->r);
    g->n = n;
    uint32_t *pos = xmalloc(((size_t)ds->nfirms + 1) * sizeof *pos);
    memcpy(pos, g->off, ((size_t)ds->nfirms + 1) * sizeof *pos);
    for (uint32_t k = 0; k < ds->nallocs; k++) {
        const allocation *a = &ds->allocs[k];
        if (counted(a) && a->date <= upto)
            g->r[pos[a->firm]++] = (rec){a->amount, a->project, a->instrument, a->agency,
                                         (uint32_t)a->date << 1 | (a->status == ALLOC_EXECUTED)};
    }
    free(pos);
}

static void scope_alloc(const dataset *ds, scope_fig *s)
{
    size_t np = ds->nprojects, ni = ds->ninstruments;
    s->projects = xcalloc(np, sizeof *s->projects);
    s->instruments = xcalloc(ni, sizeof *s->instruments);
    s->matrix = xcalloc(np * ni, sizeof *s->matrix);
    s->matrix_firms = xcalloc(np * ni, sizeof *s->matrix_firms);
    s->matrix_allocs = xcalloc(np * ni, sizeof *s->matrix_allocs);
    s->firms = xcalloc(ds->nfirms, sizeof *s->firms);
}

static void add_totals(totals *t, const rec *a)
{
    t->allocs++;
    t->amount += a->amount;
    if (rec_executed(a))
        t->executed += a->amount;
    else
        t->selected += a->amount;
}

/* Fills scope s (already allocated and zeroed) with the allocations of g
 * dated within [from, to]. */
STATIC void scope_compute(const dataset *ds, const by_firm *g, int32_t from, int32_t to, scope_fig *s)
{
    const uint32_t np = ds->nprojects, ni = ds->ninstruments, nf = ds->nfirms;
    s->from = from;
    s->to = to;
    uint32_t *pstamp = xcalloc(np, sizeof *pstamp);
    uint32_t *istamp = xcalloc(ni, sizeof *istamp);
    uint32_t *mstamp = xcalloc((size_t)np * ni, sizeof *mstamp);
    uint32_t rstamp[REGION_COUNT] = {0};
    /* distinct (instrument, agency) pairs: a bitmap while it is small, else a set */
    const uint32_t na = ds->nagencies;
    const bool use_bits = (uint64_t)ni * na <= (UINT64_C(1) << 24);
    uint64_t *bits = use_bits ? xcalloc(((size_t)ni * na + 63) / 64, sizeof *bits) : NULL;
    u64set agencies = {0};

    for (uint32_t f = 0; f < nf; f++) {
        const uint32_t stamp = f + 1;
        firm_fig *F = &s->firms[f];
        for (uint32_t k = g->off[f]; k < g->off[f + 1]; k++) {
            const rec *a = &g->r[k];
            const int32_t date = rec_date(a);
            if (date < from || date > to)
                continue;
            const uint32_t p = a->project, i = a->instrument;
            const size_t m = (size_t)p * ni + i;
            const int r = ds->projects[p].region;
            add_totals(&s->t, a);

            project_fig *P = &s->projects[p];
            add_totals(&P->t, a);
            if (pstamp[p] != stamp) {
                pstamp[p] = stamp;
                P->t.firms++;
                F->projects++;
            }

            instrument_fig *I = &s->instruments[i];
            I->allocs++;
            I->amount += a->amount;
            if (rec_executed(a))
                I->executed += a->amount;
            if (istamp[i] != stamp) {
                istamp[i] = stamp;
                I->firms++;
                F->instruments++;
            }
            if (a->agency != NO_INDEX) {
                if (use_bits) {
                    size_t bit = (size_t)i * na + a->agency;
                    uint64_t mask = UINT64_C(1) << (bit & 63);
                    if (!(bits[bit >> 6] & mask)) {
                        bits[bit >> 6] |= mask;
                        I->agencies++;
                    }
                } else if (u64set_add(&agencies, (uint64_t)i << 32 | a->agency)) {
                    I->agencies++;
                }
            }

            if (r >= 0 && r < REGION_COUNT) {
                region_fig *R = &s->regions[r];
                R->allocs++;
                R->amount += a->amount;
                if (rstamp[r] != stamp) {
                    rstamp[r] = stamp;
                    R->firms++;
                }
            }

            s->matrix[m] += a->amount;
            s->matrix_allocs[m]++;
            if (mstamp[m] != stamp) {
                mstamp[m] = stamp;
                s->matrix_firms[m]++;
            }

            F->allocs++;
            F->amount += a->amount;
        }
        if (F->allocs) {
            const firm *fm = &ds->firms[f];
            int side = region_is_capital(fm->region) ? 0 : 1;
            s->t.firms++;
            s->capital.firms[side]++;
            if (fm->revenue != WON_ABSENT)
                s->capital.revenue[side] += fm->revenue;
            if (fm->exports != WON_ABSENT)
                s->capital.exports[side] += fm->exports;
        }
    }

    /* Distinct counts read off the matrix. */
    for (uint32_t p = 0; p < np; p++) {
        project_fig *P = &s->projects[p];
        const project *pr = &ds->projects[p];
        for (uint32_t i = 0; i < ni; i++) {
            if (s->matrix_allocs[(size_t)p * ni + i]) {
                P->t.instruments++;
                s->instruments[i].projects++;
            }
        }
        P->budget = pr->budget;
        P->exec_rate = pr->budget == WON_ABSENT ? RATE_NONE : ratio(P->t.executed, pr->budget);
        if (P->t.allocs) {
            P->t.projects = 1;
            s->t.projects++;
            if (pr->region >= 0 && pr->region < REGION_COUNT)
                s->regions[pr->region].projects++;
        }
    }
    for (uint32_t i = 0; i < ni; i++) {
        if (s->instruments[i].allocs)
            s->t.instruments++;
        s->instruments[i].share = ratio(s->instruments[i].amount, s->t.amount);
    }
    for (int r = 0; r < REGION_COUNT; r++)
        s->regions[r].share = ratio(s->regions[r].amount, s->t.amount);
    capital_split *c = &s->capital;
    c->revenue_share_noncapital = ratio(c->revenue[1], c->revenue[0] + c->revenue[1]);
    c->exports_share_noncapital = ratio(c->exports[1], c->exports[0] + c->exports[1]);

    free(pstamp);
    free(istamp);
    free(mstamp);
    hindex_free(&agencies);
    free(bits);
}

/* ---- presentation orders ---- */

typedef struct sort_item {
    won_t amount, amount2; /* descending: amount, then amount2 */
    const char *k0;  /* first key of n0 bytes (firm names without 주식회사 ...), or NULL */
    size_t n0;
    const char *k1, *k2;
    uint32_t idx;
} sort_item;

static int cmp_items(const void *x, const void *y)
{
    const sort_item *a = x, *b = y;
    if (a->amount != b->amount)
        return a->amount > b->amount ? -1 : 1;
    if (a->amount2 != b->amount2)
        return a->amount2 > b->amount2 ? -1 : 1;
    if (a->k0 && b->k0) {
        int c = memcmp(a->k0, b->k0, a->n0 < b->n0 ? a->n0 : b->n0);
        if (c || a->n0 != b->n0)
            return c ? c : a->n0 < b->n0 ? -1 : 1;
    }
    int c = strcmp(a->k1 ? a->k1 : "", b->k1 ? b->k1 : "");
    if (c)
        return c;
    c = strcmp(a->k2 ? a->k2 : "", b->k2 ? b->k2 : "");
    if (c)
        return c;
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* The part of a firm name that orders it: without a legal-form mark at
 * either end ((주), ㈜, 주식회사, (유), 유한회사, (사), 사단법인, (재),
 * 재단법인, (株), 株式會社), the spaces next to it, or quotation marks
 * around a word at its start ("누리" 솔루션, 「한빛」정밀), so that (주)가나
 * sorts with 가나 under ㄱ and "누리" 솔루션 under ㄴ. */
const char *firm_sort_key(const char *name, size_t *n)
{
    static const char *const marks[] = {"주식회사", "(주)", "㈜", "(유)", "유한회사", "(사)", "사단법인",
                                        "(재)",     "재단법인", "(株)", "株式會社"};
    static const char *const quotes[] = {"\"", "'", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98",
                                         "\xE2\x80\x99", "\xE3\x80\x8C", "\xE3\x80\x8D", "\xE3\x80\x8E",
                                         "\xE3\x80\x8F", "\xE3\x80\x8A", "\xE3\x80\x8B"}; /* " ' “ ” ‘ ’ 「 」 『 』 《 》 */
    size_t len = strlen(name);
    for (bool again = true; again;) {
        again = false;
        while (len && *name == ' ')
            name++, len--;
        while (len && name[len - 1] == ' ')
            len--;
        for (size_t k = 0; k < ARRAY_LEN(marks); k++) {
            size_t m = strlen(marks[k]);
            if (len > m && !memcmp(name, marks[k], m)) {
                name += m, len -= m, again = true;
            } else if (len > m && !memcmp(name + len - m, marks[k], m)) {
                len -= m, again = true;
            }
        }
        for (size_t k = 0; k < ARRAY_LEN(quotes); k++) {
            size_t m = strlen(quotes[k]);
            if (len > m && !memcmp(name, quotes[k], m)) {
                name += m, len -= m, again = true;
            }
        }
    }
    *n = len;
    return name;
}

static uint32_t *make_order(sort_item *items, uint32_t n)
{
    qsort(items, n, sizeof *items, cmp_items);
    uint32_t *order = xmalloc((size_t)(n ? n : 1) * sizeof *order);
    for (uint32_t k = 0; k < n; k++)
        order[k] = items[k].idx;
    return order;
}

static void make_orders(const dataset *ds, figures *fig)
{
    uint32_t nmax = ds->ninstruments;
    if (ds->nprojects > nmax)
        nmax = ds->nprojects;
    if (ds->nfirms > nmax)
        nmax = ds->nfirms;
    sort_item *items = xcalloc(nmax, sizeof *items);

    for (uint32_t i = 0; i < ds->ninstruments; i++)
        items[i] = (sort_item){fig->in_period.instruments[i].amount, fig->cumulative.instruments[i].amount,
                               NULL, 0, ds->instruments[i], NULL, i};
    fig->instrument_order = make_order(items, ds->ninstruments);
    fig->ninstruments = ds->ninstruments;
    fig->active_order = xmalloc(((size_t)ds->ninstruments + 1) * sizeof *fig->active_order);
    fig->nactive = 0;
    for (uint32_t k = 0; k < ds->ninstruments; k++) {
        uint32_t i = fig->instrument_order[k];
        if (fig->in_period.instruments[i].allocs || fig->cumulative.instruments[i].allocs)
            fig->active_order[fig->nactive++] = i;
    }

    for (uint32_t p = 0; p < ds->nprojects; p++)
        items[p] = (sort_item){0, 0, NULL, 0, ds->projects[p].id, NULL, p};
    fig->project_order = make_order(items, ds->nprojects);

    for (uint32_t f = 0; f < ds->nfirms; f++) {
        size_t n0;
        const char *k0 = firm_sort_key(ds->firms[f].name, &n0);
        items[f] = (sort_item){0, 0, k0, n0, ds->firms[f].name, ds->firms[f].id, f};
    }
    fig->firm_order = make_order(items, ds->nfirms);
    free(items);
}

/* ---- series ---- */

static int qindex(int32_t d)
{
    return date_year(d) * 4 + date_quarter(d) - 1;
}

static void make_series(const dataset *ds, figures *fig)
{
    const int32_t pfrom = fig->period.from, pto = fig->period.to;
    if (pfrom == 0 || pto == 0 || pto < pfrom)
        return; /* no data and no period: every series empty */
    int32_t start = pfrom;
    if (fig->data_from && fig->data_from < start)
        start = fig->data_from;
    const int q0 = qindex(start), q1 = qindex(pto);
    const uint32_t np = ds->nprojects;
    fig->first_year = q0 / 4;
    fig->first_q = q0 % 4 + 1;
    fig->nquarters = (uint32_t)(q1 - q0 + 1);
    fig->first_year_y = date_year(start);
    fig->nyears = (uint32_t)(date_year(pto) - date_year(start) + 1);
    fig->quarter = xcalloc((size_t)np * fig->nquarters, sizeof *fig->quarter);
    fig->quarter_total = xcalloc(fig->nquarters, sizeof *fig->quarter_total);
    fig->quarter_in_period = xcalloc(fig->nquarters, sizeof *fig->quarter_in_period);
    fig->year = xcalloc((size_t)np * fig->nyears, sizeof *fig->year);
    fig->year_total = xcalloc(fig->nyears, sizeof *fig->year_total);

    for (uint32_t q = 0; q < fig->nquarters; q++) {
        int qq = q0 + (int)q;
        int y = qq / 4, m1 = (qq % 4) * 3 + 1;
        int32_t qfrom = y * 10000 + m1 * 100 + 1, qto = y * 10000 + (m1 + 2) * 100 + 31;
        fig->quarter_in_period[q] = qfrom <= pto && qto >= pfrom;
    }
    for (uint32_t k = 0; k < ds->nallocs; k++) {
        const allocation *a = &ds->allocs[k];
        if (!counted(a) || a->date < start || a->date > pto)
            continue;
        uint32_t q = (uint32_t)(qindex(a->date) - q0);
        uint32_t y = (uint32_t)(date_year(a->date) - fig->first_year_y);
        series_cell *c = &fig->quarter[(size_t)a->project * fig->nquarters + q];
        c->allocs++;
        c->amount += a->amount;
        fig->quarter_total[q].allocs++;
        fig->quarter_total[q].amount += a->amount;
        c = &fig->year[(size_t)a->project * fig->nyears + y];
        c->allocs++;
        c->amount += a->amount;
        fig->year_total[y].allocs++;
        fig->year_total[y].amount += a->amount;
    }
}

/* ---- period comparisons ---- */

static int quarter_last_day(int month) /* month 3, 6, 9 or 12 */
{
    return month == 3 || month == 12 ? 31 : 30;
}

static int32_t year_earlier(int32_t d)
{
    int y = date_year(d) - 1, m = date_month(d), day = date_day(d);
    if (m == 2 && day == 29)
        day = 28;
    return y * 10000 + m * 100 + day;
}

/* Computes a comparison scope over [from, to] (both before the period's end)
 * if it overlaps the data; the grouping is redone up to `to`, which the
 * comparison spans never pass. */
static bool compare_scope(const dataset *ds, const figures *fig, int32_t from, int32_t to, scope_fig *s)
{
    if (!fig->data_from || to < fig->data_from || from > to)
        return false;
    by_firm g = {0};
    group_by_firm(ds, to, &g);
    scope_alloc(ds, s);
    scope_compute(ds, &g, from, to, s);
    free(g.r);
    free(g.off);
    return true;
}

static void make_comparisons(const dataset *ds, figures *fig)
{
    const int32_t pfrom = fig->period.from, pto = fig->period.to;
    if (fig->period.all || !pfrom || !pto)
        return;
    fig->has_prev_year = compare_scope(ds, fig, year_earlier(pfrom), year_earlier(pto), &fig->prev_year);
    int m1 = date_month(pfrom), m2 = date_month(pto);
    if (date_year(pfrom) == date_year(pto) && date_day(pfrom) == 1 && (m1 - 1) % 3 == 0 &&
        m2 == m1 + 2 && date_day(pto) == quarter_last_day(m2)) {
        int y = date_year(pfrom), q = (m1 - 1) / 3; /* 0-based quarter of the period */
        int py = q ? y : y - 1, pm2 = (q ? q : 4) * 3;
        fig->has_prev_quarter =
            compare_scope(ds, fig, py * 10000 + (pm2 - 2) * 100 + 1,
                          py * 10000 + pm2 * 100 + quarter_last_day(pm2), &fig->prev_quarter);
    }
}

double figures_change(int64_t cur, int64_t prev)
{
    return prev > 0 ? (double)(cur - prev) / (double)prev : RATE_NONE;
}

bool figures_over_budget(const figures *fig, uint32_t p)
{
    const project_fig *C = &fig->cumulative.projects[p];
    return C->exec_rate != RATE_NONE && C->budget != WON_ABSENT && C->t.executed > C->budget;
}

/* ---- entry points ---- */

void aggregate(const dataset *ds, const period *per, figures *fig)
{
    memset(fig, 0, sizeof *fig);
    fig->period = *per;

    for (uint32_t k = 0; k < ds->nallocs; k++) {
        const allocation *a = &ds->allocs[k];
        if (!counted(a))
            continue;
        if (!fig->data_from || a->date < fig->data_from)
            fig->data_from = a->date;
        if (a->date > fig->data_to)
            fig->data_to = a->date;
    }
    if (ds->export_to) { /* narrowed by --project: the whole export's span */
        fig->data_from = ds->export_from;
        fig->data_to = ds->export_to;
    }
    if (per->all) {
        fig->period.from = fig->data_from;
        fig->period.to = fig->data_to;
    }
    const int32_t pfrom = fig->period.from, pto = fig->period.to;

    for (uint32_t k = 0; k < ds->nallocs; k++) {
        const allocation *a = &ds->allocs[k];
        if (a->status == ALLOC_CANCELLED && (per->all || (a->date >= pfrom && a->date <= pto))) {
            fig->cancelled_allocs++;
            fig->cancelled_amount += a->amount;
        }
    }

    /* Cumulative: from the first data date (the period's start if the data
     * begins after the period) to the period's end. */
    const int32_t cfrom = fig->data_from && fig->data_from <= pto ? fig->data_from : pfrom;
    by_firm g = {0};
    group_by_firm(ds, pto, &g);
    scope_alloc(ds, &fig->in_period);
    scope_alloc(ds, &fig->cumulative);
    scope_compute(ds, &g, pfrom, pto, &fig->in_period);
    scope_compute(ds, &g, cfrom, pto, &fig->cumulative);
    free(g.r);
    free(g.off);

    make_orders(ds, fig);
    make_series(ds, fig);
    make_comparisons(ds, fig);
}

static void scope_free(scope_fig *s)
{
    free(s->projects);
    free(s->instruments);
    free(s->matrix);
    free(s->matrix_firms);
    free(s->matrix_allocs);
    free(s->firms);
}

void figures_free(figures *fig)
{
    if (!fig)
        return;
    scope_free(&fig->in_period);
    scope_free(&fig->cumulative);
    scope_free(&fig->prev_year);
    scope_free(&fig->prev_quarter);
    free(fig->quarter);
    free(fig->quarter_total);
    free(fig->quarter_in_period);
    free(fig->year);
    free(fig->year_total);
    free(fig->instrument_order);
    free(fig->active_order);
    free(fig->project_order);
    free(fig->firm_order);
    memset(fig, 0, sizeof *fig);
}

uint32_t figures_instruments(const figures *fig, instrument_scope scope, const uint32_t **order)
{
    if (scope == INSTRUMENTS_ALL) {
        *order = fig->instrument_order;
        return fig->ninstruments;
    }
    *order = fig->active_order;
    return fig->nactive;
}

void figures_quarter(const figures *fig, uint32_t q, int *year, int *quarter)
{
    int qq = fig->first_year * 4 + fig->first_q - 1 + (int)q;
    if (year)
        *year = qq / 4;
    if (quarter)
        *quarter = qq % 4 + 1;
}
