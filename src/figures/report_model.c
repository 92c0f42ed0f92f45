/* report_model.c — the figures as one value tree (docs/template-model.md).
 *
 * figures.json is this tree verbatim and every release template reads it,
 * so each number a document prints comes from aggregate() through here and
 * is never recomputed by a renderer. Money stays integer won; rates and
 * shares are the doubles aggregate() computed, or null where aggregate()
 * said RATE_NONE; dates are integers yyyymmdd; absent optional fields are
 * null. All nodes live in the caller's arena; strings the tree can share
 * are not copied (literals, the dataset's text, one label and code per
 * quarter for every project's series), every container whose count is
 * known is reserved at that count, and the maps built once per project (or
 * firm entry) share the keys of the first of their kind (kind_map): at
 * 100,000 projects the model is ~3.8 KB a project (12 KB with a copy of
 * every key and string and doubling arrays).
 *
 * The per-project firm lists need the period's allocations grouped by
 * project and, within a project, by firm in presentation order (name, then
 * business number). Two stable counting sorts give exactly that in O(n):
 * first by the firm's rank in fig->firm_order, then by project. Inside one
 * project the firm entries then arrive already sorted, and a firm's
 * instruments are deduplicated with a "last entry seen" stamp per
 * instrument. The grouping is done once per run (project_models) and each
 * release context then looks its project up by index: the cost of a
 * release's context is its own allocations, never the number of projects. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "hash.h"
#include "report_model.h"
#include "version.h"
#include "utf8.h"

/* Every key below is a string literal set once per map: val_append skips
 * val_set's search and key copy, which matters for big firm lists. */
static void put_int(arena *a, value *m, const char *key, int64_t i) { val_append(a, m, key, val_int(a, i)); }
static void put_real(arena *a, value *m, const char *key, double r) { val_append(a, m, key, val_real(a, r)); }
static void put_str(arena *a, value *m, const char *key, const char *s) { val_append(a, m, key, val_str(a, s)); }
static void put_bool(arena *a, value *m, const char *key, bool b) { val_append(a, m, key, val_bool(a, b)); }
/* A string the tree points at without a copy: a literal, the dataset's text
 * (the model must not outlive the dataset) or a text shared by many nodes. */
static void put_ref(arena *a, value *m, const char *key, const char *s) { val_append(a, m, key, val_str_ref(a, s)); }

/* A map of a kind built many times (a project, a quarter of its series...)
 * with room for cap keys: the first one of its kind in the arena becomes
 * *proto and the later ones share its keys (val_map_like). proto NULL: a
 * plain map. */
static value *kind_map(arena *a, const value **proto, uint32_t cap)
{
    if (!proto)
        return val_map_n(a, cap);
    value *m = val_map_like(a, *proto, cap);
    if (!*proto)
        *proto = m;
    return m;
}

static void set_rate(arena *a, value *m, const char *key, double r)
{
    if (r == RATE_NONE || r < 0)
        val_append(a, m, key, val_null(a));
    else
        put_real(a, m, key, r);
}

static void set_won(arena *a, value *m, const char *key, won_t v)
{
    if (v == WON_ABSENT)
        val_append(a, m, key, val_null(a));
    else
        put_int(a, m, key, v);
}

static void set_sb(arena *a, value *m, const char *key, strbuf *b)
{
    put_str(a, m, key, sb_str(b));
    sb_reset(b);
}

/* A config string; NULL stays null. */
static void set_cfg(arena *a, value *m, const char *key, const char *s)
{
    put_str(a, m, key, s);
}

/* ---- period comparisons and rounded shares ---- */

/* "증가", "감소" or "동일" for a signed change; null without a base. */
static void set_change(arena *a, value *m, const char *rate_key, const char *dir_key, double ch)
{
    if (ch == RATE_NONE) {
        val_append(a, m, rate_key, val_null(a));
        val_append(a, m, dir_key, val_null(a));
        return;
    }
    put_real(a, m, rate_key, ch < 0 ? -ch : ch);
    put_str(a, m, dir_key, ch > 0 ? "증가" : ch < 0 ? "감소" : "동일");
}

/* yoy_rate/yoy_dir of an amount against the same span a year earlier (none
 * when the data holds no such span). The caller reads year_before only when
 * fig->has_prev_year: without it fig->prev_year's arrays are NULL. */
static void set_yoy(arena *a, value *m, const figures *fig, won_t now, won_t year_before)
{
    set_change(a, m, "yoy_rate", "yoy_dir",
               fig->has_prev_year ? figures_change(now, year_before) : RATE_NONE);
}

/* The label ("2025년 3분기") and code ("2025Q3") of every quarter of the
 * series, made once in the arena and shared by every project's series:
 * names[2q] and names[2q + 1]. The caller frees the array. */
static const char **quarter_names(arena *a, const figures *fig)
{
    const char **names = xmalloc(((size_t)fig->nquarters + 1) * 2 * sizeof *names);
    strbuf tmp = {0};
    for (uint32_t q = 0; q < fig->nquarters; q++) {
        int y, qq;
        figures_quarter(fig, q, &y, &qq);
        sb_addf(&tmp, "%d년 %d분기", y, qq);
        names[2 * q] = arena_strdup(a, sb_str(&tmp));
        sb_reset(&tmp);
        sb_addf(&tmp, "%dQ%d", y, qq);
        names[2 * q + 1] = arena_strdup(a, sb_str(&tmp));
        sb_reset(&tmp);
    }
    sb_free(&tmp);
    return names;
}

/* One quarter of a series: label ("2025년 3분기"), code ("2025Q3"), year,
 * the quarter number when with_quarter, its allocations and amount, and
 * whether it lies in the reporting period (cap: the map's room; proto: see
 * kind_map). Used by a project's series and the programme's. */
static value *quarter_entry(arena *a, const figures *fig, uint32_t q, bool with_quarter,
                            int64_t allocs, won_t amount, const char *const *names, const value **proto,
                            uint32_t cap)
{
    int y, qq;
    figures_quarter(fig, q, &y, &qq);
    value *e = kind_map(a, proto, cap);
    put_ref(a, e, "label", names[2 * q]);
    put_ref(a, e, "code", names[2 * q + 1]);
    put_int(a, e, "year", y);
    if (with_quarter)
        put_int(a, e, "quarter", qq);
    put_int(a, e, "allocs", allocs);
    put_int(a, e, "amount", amount);
    put_bool(a, e, "in_period", fig->quarter_in_period[q] != 0);
    return e;
}

/* The "cum" map of an instrument or a region: its cumulative counts. */
static value *cum_counts(arena *a, int64_t projects, int64_t firms, int64_t allocs, won_t amount)
{
    value *cum = val_map_n(a, 4);
    put_int(a, cum, "projects", projects);
    put_int(a, cum, "firms", firms);
    put_int(a, cum, "allocs", allocs);
    put_int(a, cum, "amount", amount);
    return cum;
}

/* { from, to, amount, firms, allocs, amount_rate, amount_dir, firms_rate,
 * firms_dir } of a comparison scope against the current figures (proto:
 * see kind_map). */
static value *compare_map(arena *a, const scope_fig *prev, const totals *prev_t, const totals *cur,
                          const value **proto)
{
    value *m = kind_map(a, proto, 9);
    put_int(a, m, "from", prev->from);
    put_int(a, m, "to", prev->to);
    put_int(a, m, "amount", prev_t->amount);
    put_int(a, m, "firms", prev_t->firms);
    put_int(a, m, "allocs", prev_t->allocs);
    set_change(a, m, "amount_rate", "amount_dir", figures_change(cur->amount, prev_t->amount));
    set_change(a, m, "firms_rate", "firms_dir", figures_change(cur->firms, prev_t->firms));
    return m;
}

/* Shares of `total` rounded to 0.1 % by the largest remainder, so that the
 * shown shares add up to exactly 100.0 %: out[k] = thousandths / 1000, or
 * RATE_NONE when total is 0. Ties in the remainder go to the earlier item. */
STATIC void shares_rounded(const won_t *amount, uint32_t n, won_t total, double *out)
{
    if (total <= 0) {
        for (uint32_t k = 0; k < n; k++)
            out[k] = RATE_NONE;
        return;
    }
    int64_t *per = xmalloc(((size_t)n + 1) * sizeof *per);
    __int128 *rem = xmalloc(((size_t)n + 1) * sizeof *rem);
    int64_t given = 0;
    for (uint32_t k = 0; k < n; k++) {
        __int128 x = (__int128)amount[k] * 1000;
        per[k] = (int64_t)(x / total);
        rem[k] = x % total;
        given += per[k];
    }
    for (int64_t left = 1000 - given; left > 0; left--) {
        uint32_t best = n;
        for (uint32_t k = 0; k < n; k++)
            if (rem[k] > 0 && (best == n || rem[k] > rem[best]))
                best = k;
        if (best == n)
            break;
        per[best]++;
        rem[best] = 0;
    }
    for (uint32_t k = 0; k < n; k++)
        out[k] = (double)per[k] / 1000.0;
    free(per);
    free(rem);
}

/* The period in official Korean: "2025년 3분기", "2025년 상반기", "2025년",
 * "2025년 3~8월" and "2024년 3월~2025년 6월" (month ranges, read in a
 * sentence: "2025년 3~8월 동안"), "2024. 3. 1.~2025. 6. 30." (day range,
 * written as the ※ notes write theirs), "전체 기간". A range label ("a..b")
 * keeps its range form even if it happens to cover a whole year. */
STATIC void period_text(const period *p, strbuf *out)
{
    if (p->all) {
        sb_adds(out, "전체 기간");
        return;
    }
    int y1 = p->from / 10000, m1 = p->from / 100 % 100, d1 = p->from % 100;
    int y2 = p->to / 10000, m2 = p->to / 100 % 100, d2 = p->to % 100;
    bool month_aligned = d1 == 1 && d2 == date_month_days(y2, m2);
    if (!strstr(p->label, "..") && month_aligned && y1 == y2) {
        if (m1 == 1 && m2 == 12) {
            sb_addf(out, "%d년", y1);
            return;
        }
        if (m1 == 1 && m2 == 6) {
            sb_addf(out, "%d년 상반기", y1);
            return;
        }
        if (m1 == 7 && m2 == 12) {
            sb_addf(out, "%d년 하반기", y1);
            return;
        }
        if ((m1 - 1) % 3 == 0 && m2 == m1 + 2) {
            sb_addf(out, "%d년 %d분기", y1, (m1 - 1) / 3 + 1);
            return;
        }
    }
    /* "2024-03..2025-06" names months; "2024-03-01..2025-06-30" names days.
     * A range of one month or one day is named alone: "2024년 2월",
     * "2025. 1. 10.", not "2024. 2. ~ 2024. 2.". */
    const char *dots = strstr(p->label, "..");
    bool months = month_aligned && (!dots || dots - p->label == 7);
    if (months && y1 == y2 && m1 == m2)
        sb_addf(out, "%d년 %d월", y1, m1);
    else if (months && y1 == y2)
        sb_addf(out, "%d년 %d~%d월", y1, m1, m2);
    else if (months)
        sb_addf(out, "%d년 %d월~%d년 %d월", y1, m1, y2, m2);
    else if (p->from == p->to)
        sb_addf(out, "%d. %d. %d.", y1, m1, d1);
    else
        sb_addf(out, "%d. %d. %d.~%d. %d. %d.", y1, m1, d1, y2, m2, d2);
}

static int32_t utc_date(time_t t, struct tm *tm)
{
    gmtime_r(&t, tm);
    return (tm->tm_year + 1900) * 10000 + (tm->tm_mon + 1) * 100 + tm->tm_mday;
}

static value *totals_map(arena *a, const totals *t)
{
    value *m = val_map(a);
    put_int(a, m, "projects", t->projects);
    put_int(a, m, "firms", t->firms);
    put_int(a, m, "instruments", t->instruments);
    put_int(a, m, "allocs", t->allocs);
    put_int(a, m, "amount", t->amount);
    put_int(a, m, "executed", t->executed);
    put_int(a, m, "selected", t->selected);
    return m;
}

static value *release_map(arena *a, const config *cfg, int32_t run_date, strbuf *tmp)
{
    value *m = val_map(a);
    set_cfg(a, m, "ministry", cfg->ministry);
    set_cfg(a, m, "embargo", cfg->embargo);
    if (cfg->distributed && cfg->distributed[0]) {
        set_cfg(a, m, "distributed", cfg->distributed);
    } else {
        date_fmt_full(tmp, run_date);
        set_sb(a, m, "distributed", tmp);
    }
    set_cfg(a, m, "department", cfg->department);
    value *list = val_list(a);
    for (int k = 0; k < cfg->ncontacts && k < CONFIG_MAX_CONTACTS; k++) {
        const contact *c = &cfg->contacts[k];
        value *e = val_map(a);
        set_cfg(a, e, "role", c->role);
        set_cfg(a, e, "title", c->title);
        set_cfg(a, e, "name", c->name);
        set_cfg(a, e, "phone", c->phone);
        val_push(a, list, e);
    }
    val_append(a, m, "contacts", list);
    set_cfg(a, m, "speaker", cfg->speaker);
    put_int(a, m, "attach_firm_list_max", cfg->attach_firm_list_max);
    return m;
}

static value *inputs_list(arena *a, const dataset *ds)
{
    static const char *const kinds[SRC_COUNT] = {"projects", "firms", "allocations"};
    value *list = val_list(a);
    for (int k = 0; k < SRC_COUNT; k++) {
        const source_file *f = &ds->files[k];
        value *e = val_map(a);
        put_ref(a, e, "kind", kinds[k]);
        put_str(a, e, "path", path_file_name(f->path));
        put_ref(a, e, "encoding", encoding_name(f->encoding));
        put_int(a, e, "bytes", (int64_t)f->bytes);
        put_int(a, e, "rows", f->rows);
        if (f->has_sha256) {
            char hex[65];
            sha256_hex(f->sha256, hex);
            put_str(a, e, "sha256", hex);
        } else {
            val_append(a, e, "sha256", val_null(a));
        }
        val_push(a, list, e);
    }
    return list;
}

static value *capital_map(arena *a, const capital_split *c)
{
    value *m = val_map(a);
    put_int(a, m, "firms_capital", c->firms[0]);
    put_int(a, m, "firms_noncapital", c->firms[1]);
    put_int(a, m, "revenue_capital", c->revenue[0]);
    put_int(a, m, "revenue_noncapital", c->revenue[1]);
    put_int(a, m, "exports_capital", c->exports[0]);
    put_int(a, m, "exports_noncapital", c->exports[1]);
    set_rate(a, m, "revenue_share_noncapital", c->revenue_share_noncapital);
    set_rate(a, m, "exports_share_noncapital", c->exports_share_noncapital);
    return m;
}

static value *instruments_list(arena *a, const dataset *ds, const figures *fig)
{
    const uint32_t *order;
    uint32_t n = figures_instruments(fig, INSTRUMENTS_ACTIVE, &order);
    value *list = val_list_n(a, n);
    won_t *amt = xmalloc(((size_t)n + 1) * sizeof *amt);
    double *shr = xmalloc(((size_t)n + 1) * sizeof *shr);
    for (uint32_t k = 0; k < n; k++)
        amt[k] = fig->in_period.instruments[order[k]].amount;
    shares_rounded(amt, n, fig->in_period.t.amount, shr);
    for (uint32_t k = 0; k < n; k++) {
        uint32_t i = order[k];
        const instrument_fig *I = &fig->in_period.instruments[i];
        const instrument_fig *C = &fig->cumulative.instruments[i];
        value *e = val_map_n(a, 12);
        put_ref(a, e, "name", ds->instruments[i]);
        put_int(a, e, "projects", I->projects);
        put_int(a, e, "firms", I->firms);
        put_int(a, e, "allocs", I->allocs);
        put_int(a, e, "agencies", I->agencies);
        put_int(a, e, "amount", I->amount);
        put_int(a, e, "executed", I->executed);
        set_rate(a, e, "share", I->share);
        set_rate(a, e, "share_r", shr[k]);
        set_yoy(a, e, fig, I->amount, fig->has_prev_year ? fig->prev_year.instruments[i].amount : 0);
        val_append(a, e, "cum", cum_counts(a, C->projects, C->firms, C->allocs, C->amount));
        val_push(a, list, e);
    }
    free(amt);
    free(shr);
    return list;
}

/* Whether some firm is counted in two rows or more of the overview's
 * tables by instrument, by 시·도 and by project (their 지원기업 columns then
 * add up to more than the 합계, which counts each firm once): the note that
 * says so is printed only then. */
static value *overlap_map(arena *a, const dataset *ds, const scope_fig *S)
{
    uint64_t by_inst = 0, by_region = 0, by_project = 0;
    for (uint32_t i = 0; i < ds->ninstruments; i++)
        by_inst += S->instruments[i].firms;
    for (int r = 0; r < REGION_COUNT; r++)
        by_region += S->regions[r].firms;
    for (uint32_t p = 0; p < ds->nprojects; p++)
        by_project += S->projects[p].t.firms;
    value *m = val_map(a);
    put_bool(a, m, "instruments", by_inst > S->t.firms);
    put_bool(a, m, "regions", by_region > S->t.firms);
    put_bool(a, m, "projects", by_project > S->t.firms);
    return m;
}

static value *regions_list(arena *a, const dataset *ds, const figures *fig)
{
    uint32_t nproj[REGION_COUNT] = {0};
    for (uint32_t p = 0; p < ds->nprojects; p++)
        if (ds->projects[p].region >= 0 && ds->projects[p].region < REGION_COUNT)
            nproj[ds->projects[p].region]++;
    won_t amt[REGION_COUNT];
    double shr[REGION_COUNT];
    for (int r = 0; r < REGION_COUNT; r++)
        amt[r] = fig->in_period.regions[r].amount;
    shares_rounded(amt, REGION_COUNT, fig->in_period.t.amount, shr);
    value *list = val_list(a);
    for (int r = 0; r < REGION_COUNT; r++) {
        if (!nproj[r])
            continue;
        const region_fig *R = &fig->in_period.regions[r], *C = &fig->cumulative.regions[r];
        value *e = val_map(a);
        put_ref(a, e, "name", region_name(r));
        put_ref(a, e, "short", region_short(r));
        put_bool(a, e, "capital", region_is_capital(r));
        put_int(a, e, "projects", R->projects);
        put_int(a, e, "firms", R->firms);
        put_int(a, e, "allocs", R->allocs);
        put_int(a, e, "amount", R->amount);
        set_rate(a, e, "share", R->share);
        set_rate(a, e, "share_r", shr[r]);
        set_yoy(a, e, fig, R->amount, fig->has_prev_year ? fig->prev_year.regions[r].amount : 0);
        value *cum = cum_counts(a, C->projects, C->firms, C->allocs, C->amount);
        set_rate(a, cum, "share", C->share);
        val_append(a, e, "cum", cum);
        put_int(a, e, "nprojects", nproj[r]);
        val_push(a, list, e);
    }
    return list;
}

/* ---- per-project firm lists ---- */

/* The period's counted allocations grouped by project, and within a project
 * by firm in presentation order. idx[off[p] .. off[p+1]) are project p's. */
typedef struct proj_groups {
    uint32_t *idx, *off;
    uint32_t *frank;  /* [nfirms] position of each firm in fig->firm_order */
} proj_groups;

static void group_allocs(const dataset *ds, const figures *fig, proj_groups *g)
{
    const int32_t from = fig->period.from, to = fig->period.to;
    const uint32_t nf = ds->nfirms, np = ds->nprojects;
    g->frank = xmalloc(((size_t)nf + 1) * sizeof *g->frank);
    for (uint32_t k = 0; k < nf; k++)
        g->frank[fig->firm_order[k]] = k;

    /* Pass 1: by firm rank. */
    uint32_t *foff = xcalloc((size_t)nf + 1, sizeof *foff);
    uint32_t n = 0;
    for (uint32_t k = 0; k < ds->nallocs; k++) {
        const allocation *al = &ds->allocs[k];
        if (al->status != ALLOC_CANCELLED && al->date >= from && al->date <= to) {
            foff[g->frank[al->firm] + 1]++;
            n++;
        }
    }
    for (uint32_t f = 0; f < nf; f++)
        foff[f + 1] += foff[f];
    uint32_t *tmp = xmalloc(((size_t)n + 1) * sizeof *tmp);
    for (uint32_t k = 0; k < ds->nallocs; k++) {
        const allocation *al = &ds->allocs[k];
        if (al->status != ALLOC_CANCELLED && al->date >= from && al->date <= to)
            tmp[foff[g->frank[al->firm]]++] = k;
    }
    free(foff);

    /* Pass 2: stable by project. */
    g->off = xcalloc((size_t)np + 1, sizeof *g->off);
    for (uint32_t k = 0; k < n; k++)
        g->off[ds->allocs[tmp[k]].project + 1]++;
    for (uint32_t p = 0; p < np; p++)
        g->off[p + 1] += g->off[p];
    uint32_t *pos = xmalloc(((size_t)np + 1) * sizeof *pos);
    memcpy(pos, g->off, ((size_t)np + 1) * sizeof *pos);
    g->idx = xmalloc(((size_t)n + 1) * sizeof *g->idx);
    for (uint32_t k = 0; k < n; k++)
        g->idx[pos[ds->allocs[tmp[k]].project]++] = tmp[k];
    free(pos);
    free(tmp);
}

static void groups_free(proj_groups *g)
{
    free(g->idx);
    free(g->off);
    free(g->frank);
}

/* The kinds of map a model builds once per project or per firm entry. */
enum { K_PROJECT, K_CUM, K_QUARTER, K_YEAR, K_COMPARE, K_INSTRUMENT, K_FIRM, K_GROUP_FIRM, K_GROUP, K_KINDS };

typedef struct scratch {
    uint32_t *istamp;   /* [ninstruments]: entry stamp for deduplication */
    uint32_t *ilist;    /* instruments of the current firm entry */
    uint32_t *gslot;    /* [ninstruments]: group index within the project */
    value **groups;     /* [ninstruments]: firm lists of the project's groups */
    uint32_t *gcount;
    uint32_t *irank;    /* [ninstruments] position in fig->instrument_order */
    uint32_t stamp;
    uint32_t *prank;    /* [nprojects]: 1-based rank by period amount (ties: dataset order) */
    uint32_t *rno;      /* [nprojects]: 1-based position in 시·도 order, then ID */
    uint32_t *mrank;    /* [nprojects * ninstruments]: rank of the project within the instrument */
    const value *kind[K_KINDS]; /* the first map of each kind in the arena being built (kind_map) */
    value **qempty, **yempty;   /* report_model: [nquarters], [nyears] entries without allocations */
} scratch;

typedef struct rank_item {
    won_t amount;
    int region;
    const char *id;
    uint32_t idx;
} rank_item;

static int by_amount_desc(const void *x, const void *y)
{
    const rank_item *a = x, *b = y;
    if (a->amount != b->amount)
        return a->amount > b->amount ? -1 : 1;
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static int by_region_id(const void *x, const void *y)
{
    const rank_item *a = x, *b = y;
    if (a->region != b->region)
        return a->region < b->region ? -1 : 1;
    return strcmp(a->id, b->id);
}

/* Ranks (1-based) of every project: by amount (amount[k * stride]), or in
 * 시·도 order; out[p] = rank, in O(n log n). */
static void rank_projects(const dataset *ds, const won_t *amount, size_t stride, bool regions,
                          uint32_t *out)
{
    const uint32_t n = ds->nprojects;
    rank_item *v = xmalloc(((size_t)n + 1) * sizeof *v);
    for (uint32_t k = 0; k < n; k++)
        v[k] = (rank_item){amount ? amount[k * stride] : 0, ds->projects[k].region, ds->projects[k].id, k};
    qsort(v, n, sizeof *v, regions ? by_region_id : by_amount_desc);
    for (uint32_t k = 0; k < n; k++)
        out[v[k].idx] = k + 1;
    free(v);
}

/* The ranks of every project, once per model (the per-project entries then
 * read them in O(1)). */
static void scratch_ranks(scratch *s, const dataset *ds, const figures *fig)
{
    const uint32_t np = ds->nprojects, ni = ds->ninstruments;
    won_t *amt = xmalloc(((size_t)np + 1) * sizeof *amt);
    for (uint32_t p = 0; p < np; p++)
        amt[p] = fig->in_period.projects[p].t.amount;
    s->prank = xmalloc(((size_t)np + 1) * sizeof *s->prank);
    rank_projects(ds, amt, 1, false, s->prank);
    free(amt);
    s->rno = xmalloc(((size_t)np + 1) * sizeof *s->rno);
    rank_projects(ds, NULL, 0, true, s->rno);
    s->mrank = xmalloc(((size_t)np * ni + 1) * sizeof *s->mrank);
    uint32_t *col = xmalloc(((size_t)np + 1) * sizeof *col);
    for (uint32_t i = 0; i < ni; i++) {
        rank_projects(ds, fig->in_period.matrix + i, ni, false, col);
        for (uint32_t p = 0; p < np; p++)
            s->mrank[(size_t)p * ni + i] = col[p];
    }
    free(col);
}

static void scratch_init(scratch *s, const dataset *ds, const figures *fig)
{
    const uint32_t ni = ds->ninstruments;
    memset(s, 0, sizeof *s);
    s->irank = xmalloc(((size_t)ni + 1) * sizeof *s->irank);
    for (uint32_t k = 0; k < ni; k++)
        s->irank[fig->instrument_order[k]] = k;
    s->istamp = xcalloc((size_t)ni + 1, sizeof *s->istamp);
    s->ilist = xcalloc((size_t)ni + 1, sizeof *s->ilist);
    s->gslot = xcalloc((size_t)ni + 1, sizeof *s->gslot);
    s->groups = xcalloc((size_t)ni + 1, sizeof *s->groups);
    s->gcount = xcalloc((size_t)ni + 1, sizeof *s->gcount);
    scratch_ranks(s, ds, fig);
}

static void scratch_free(scratch *s)
{
    free(s->istamp);
    free(s->ilist);
    free(s->gslot);
    free(s->groups);
    free(s->gcount);
    free(s->irank);
    free(s->prank);
    free(s->rno);
    free(s->mrank);
    free(s->qempty);
    free(s->yempty);
}

/* The mark of a project's k-th instrument (0-based) in its firm list:
 * ① … ⑳, then (21), (22) … */
static void instrument_mark(strbuf *b, uint32_t k)
{
    if (k < 20) {
        utf8_add_cp(b, 0x2460 + k); /* CIRCLED DIGIT ONE … CIRCLED NUMBER TWENTY */
    } else {
        sb_addf(b, "(%u)", k + 1);
    }
}

typedef struct pinst {
    won_t amount;
    uint32_t rank, inst;
} pinst;

static void sort_pinst(pinst *v, uint32_t n)
{
    for (uint32_t k = 1; k < n; k++) { /* insertion sort: a project has a handful */
        pinst x = v[k];
        uint32_t j = k;
        while (j > 0 && (v[j - 1].amount < x.amount ||
                         (v[j - 1].amount == x.amount && v[j - 1].rank > x.rank))) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = x;
    }
}

/* Appends "instruments" and "ninstruments" to e and, with firms, also
 * "firm_list" and "firm_groups" (g must then hold project p's allocations). */
static void project_lists(arena *a, const dataset *ds, const figures *fig, const proj_groups *g,
                          uint32_t p, value *e, scratch *s, strbuf *tmp, bool firms)
{
    const uint32_t ni = ds->ninstruments;
    const scope_fig *S = &fig->in_period;
    const project_fig *P = &S->projects[p];

    /* This project's instruments in the period, amount desc (ties: global order). */
    pinst *pi = xmalloc(((size_t)ni + 1) * sizeof *pi);
    uint32_t npi = 0;
    for (uint32_t i = 0; i < ni; i++)
        if (S->matrix_allocs[(size_t)p * ni + i])
            pi[npi++] = (pinst){S->matrix[(size_t)p * ni + i], s->irank[i], i};
    sort_pinst(pi, npi);
    value *ilist = val_list_n(a, npi);
    value *glist = val_list_n(a, npi);
    won_t *amt = xmalloc(((size_t)npi + 1) * sizeof *amt);
    double *shr = xmalloc(((size_t)npi + 1) * sizeof *shr);
    for (uint32_t k = 0; k < npi; k++)
        amt[k] = pi[k].amount;
    shares_rounded(amt, npi, P->t.amount, shr);
    for (uint32_t k = 0; k < npi; k++) {
        uint32_t i = pi[k].inst;
        size_t m = (size_t)p * ni + i;
        value *ie = kind_map(a, &s->kind[K_INSTRUMENT], 12);
        put_ref(a, ie, "name", ds->instruments[i]);
        put_int(a, ie, "firms", S->matrix_firms[m]);
        put_int(a, ie, "allocs", S->matrix_allocs[m]);
        put_int(a, ie, "amount", S->matrix[m]);
        set_rate(a, ie, "share", P->t.amount > 0 ? (double)S->matrix[m] / (double)P->t.amount : RATE_NONE);
        set_rate(a, ie, "share_r", shr[k]);
        /* this project's part of the instrument in the whole programme, and its rank there */
        set_rate(a, ie, "programme_share", S->instruments[i].share == RATE_NONE || !S->instruments[i].amount
                                               ? RATE_NONE
                                               : (double)S->matrix[m] / (double)S->instruments[i].amount);
        put_int(a, ie, "programme_rank", s->mrank[m]);
        put_int(a, ie, "programme_projects", S->instruments[i].projects);
        set_yoy(a, ie, fig, S->matrix[m], fig->has_prev_year ? fig->prev_year.matrix[m] : 0);
        instrument_mark(tmp, k);
        set_sb(a, ie, "mark", tmp);
        val_push(a, ilist, ie);
        s->gslot[i] = k;
        s->groups[k] = val_list(a);
        s->gcount[k] = 0;
    }
    free(amt);
    free(shr);
    val_append(a, e, "instruments", ilist);
    put_int(a, e, "ninstruments", npi);
    /* a firm of the project counted under two instruments or more: the
     * table's 지원기업 column then adds up to more than its 합계 */
    uint64_t fsum = 0;
    for (uint32_t k = 0; k < npi; k++)
        fsum += S->matrix_firms[(size_t)p * ni + pi[k].inst];
    put_bool(a, e, "firms_overlap", fsum > P->t.firms);
    if (!firms) {
        free(pi);
        return;
    }

    /* Firm entries, already in name order. */
    value *flist = val_list(a);
    uint32_t no = 0;
    for (uint32_t k = g->off[p]; k < g->off[p + 1];) {
        const uint32_t f = ds->allocs[g->idx[k]].firm;
        won_t amount = 0;
        uint32_t allocs = 0, nil = 0;
        s->stamp++;
        for (; k < g->off[p + 1] && ds->allocs[g->idx[k]].firm == f; k++) {
            const allocation *al = &ds->allocs[g->idx[k]];
            amount += al->amount;
            allocs++;
            if (s->istamp[al->instrument] != s->stamp) {
                s->istamp[al->instrument] = s->stamp;
                s->ilist[nil++] = al->instrument;
            }
        }
        /* the firm's instruments in the project's order */
        for (uint32_t x = 1; x < nil; x++) {
            uint32_t v = s->ilist[x], y = x;
            while (y > 0 && s->gslot[s->ilist[y - 1]] > s->gslot[v]) {
                s->ilist[y] = s->ilist[y - 1];
                y--;
            }
            s->ilist[y] = v;
        }
        const firm *fm = &ds->firms[f];
        char brn[13];
        brn_format(fm->id, brn);
        value *fe = kind_map(a, &s->kind[K_FIRM], 13);
        put_int(a, fe, "no", ++no);
        value *id = val_str(a, brn);
        val_append(a, fe, "id", id);
        put_ref(a, fe, "name", fm->name);
        put_ref(a, fe, "region", region_name(fm->region));
        put_ref(a, fe, "region_short", region_short(fm->region));
        put_ref(a, fe, "city", fm->city);
        put_ref(a, fe, "industry", fm->industry);
        if (fm->employees < 0)
            val_append(a, fe, "employees", val_null(a));
        else
            put_int(a, fe, "employees", fm->employees);
        put_int(a, fe, "amount", amount);
        put_int(a, fe, "allocs", allocs);
        for (uint32_t x = 0; x < nil; x++) {
            if (x)
                sb_adds(tmp, ", ");
            sb_adds(tmp, ds->instruments[s->ilist[x]]);
        }
        set_sb(a, fe, "instruments", tmp);
        for (uint32_t x = 0; x < nil; x++)
            instrument_mark(tmp, s->gslot[s->ilist[x]]);
        set_sb(a, fe, "marks", tmp);
        put_int(a, fe, "ninstruments", nil);
        val_push(a, flist, fe);

        for (uint32_t x = 0; x < nil; x++) {
            uint32_t gi = s->gslot[s->ilist[x]];
            value *ge = kind_map(a, &s->kind[K_GROUP_FIRM], 6);
            put_int(a, ge, "no", ++s->gcount[gi]);
            val_append(a, ge, "id", id);
            put_ref(a, ge, "name", fm->name);
            put_ref(a, ge, "region_short", region_short(fm->region));
            put_ref(a, ge, "city", fm->city);
            put_ref(a, ge, "industry", fm->industry);
            val_push(a, s->groups[gi], ge);
        }
    }
    val_append(a, e, "firm_list", flist);
    for (uint32_t k = 0; k < npi; k++) {
        value *ge = kind_map(a, &s->kind[K_GROUP], 3);
        put_ref(a, ge, "name", ds->instruments[pi[k].inst]);
        put_int(a, ge, "count", s->gcount[k]);
        val_append(a, ge, "firms", s->groups[k]);
        val_push(a, glist, ge);
    }
    val_append(a, e, "firm_groups", glist);
    free(pi);
}

/* What a release may say about a project beyond its own figures: which
 * evaluation its grade comes from (phase 2.x: 선정평가, else 수행평가), its
 * support against its budget (cumulative, as 집행률 is), its rank and share
 * among the programme's projects in the period, the period comparisons, and
 * its quote from projects.csv. */
static void project_news(arena *a, const dataset *ds, const figures *fig, uint32_t p, value *e,
                         scratch *s)
{
    const project *pr = &ds->projects[p];
    const project_fig *P = &fig->in_period.projects[p], *C = &fig->cumulative.projects[p];
    const char *eval = NULL;
    if (pr->grade != GRADE_NONE)
        eval = pr->phase && pr->phase[0] == '2' ? "선정평가" : "수행평가";
    put_ref(a, e, "evaluation", eval);
    put_bool(a, e, "over_budget", pr->budget != WON_ABSENT && C->t.amount > pr->budget);
    put_bool(a, e, "exec_over", figures_over_budget(fig, p));
    /* a release of a period before the project's first year says so, not "아직 없다" */
    put_bool(a, e, "not_started",
             pr->start_year && fig->period.to > 0 && pr->start_year > date_year(fig->period.to));
    /* ... or after its last year: it was carried out, and what follows is its results */
    put_bool(a, e, "ended", pr->end_year && fig->period.to > 0 && pr->end_year < date_year(fig->period.to));
    if (P->t.amount > 0)
        put_int(a, e, "rank", s->prank[p]);
    else
        val_append(a, e, "rank", val_null(a));
    set_rate(a, e, "share", fig->in_period.t.amount > 0
                                ? (double)P->t.amount / (double)fig->in_period.t.amount
                                : RATE_NONE);
    put_ref(a, e, "quote", pr->quote);
    put_int(a, e, "region_no", s->rno[p]); /* 시·도 order (official order, then project ID) */
    if (fig->has_prev_year)
        val_append(a, e, "yoy", compare_map(a, &fig->prev_year, &fig->prev_year.projects[p].t, &P->t,
                                            &s->kind[K_COMPARE]));
    else
        val_append(a, e, "yoy", val_null(a));
    if (fig->has_prev_quarter)
        val_append(a, e, "qoq",
                   compare_map(a, &fig->prev_quarter, &fig->prev_quarter.projects[p].t, &P->t,
                               &s->kind[K_COMPARE]));
    else
        val_append(a, e, "qoq", val_null(a));
}

/* The keys of a project's entry in the programme model (project_entry). */
#define PROJECT_KEYS 35

static value *project_entry(arena *a, const dataset *ds, const figures *fig, uint32_t p, scratch *s,
                            const char *const *qnames, strbuf *tmp)
{
    const project *pr = &ds->projects[p];
    const project_fig *P = &fig->in_period.projects[p], *C = &fig->cumulative.projects[p];
    value *e = kind_map(a, &s->kind[K_PROJECT], PROJECT_KEYS);
    put_ref(a, e, "id", pr->id);
    put_ref(a, e, "title", pr->title);
    put_ref(a, e, "region", region_name(pr->region));
    put_ref(a, e, "region_short", region_short(pr->region));
    put_ref(a, e, "lead_agency", pr->lead_agency);
    put_ref(a, e, "phase", pr->phase);
    put_ref(a, e, "grade", pr->grade == GRADE_NONE ? NULL : grade_name(pr->grade));
    if (pr->start_year)
        put_int(a, e, "start_year", pr->start_year);
    else
        val_append(a, e, "start_year", val_null(a));
    if (pr->end_year)
        put_int(a, e, "end_year", pr->end_year);
    else
        val_append(a, e, "end_year", val_null(a));
    set_won(a, e, "budget", pr->budget);
    set_rate(a, e, "exec_rate", P->exec_rate);
    value *fields = val_list_n(a, pr->nfields);
    for (uint32_t k = 0; k < pr->nfields; k++)
        val_push(a, fields, val_str_ref(a, pr->fields[k]));
    val_append(a, e, "fields", fields);
    put_int(a, e, "nfields", pr->nfields);
    put_int(a, e, "firms", P->t.firms);
    put_int(a, e, "allocs", P->t.allocs);
    put_int(a, e, "amount", P->t.amount);
    put_int(a, e, "executed", P->t.executed);
    put_int(a, e, "selected", P->t.selected);
    value *cum = kind_map(a, &s->kind[K_CUM], 7);
    put_int(a, cum, "firms", C->t.firms);
    put_int(a, cum, "allocs", C->t.allocs);
    put_int(a, cum, "amount", C->t.amount);
    put_int(a, cum, "executed", C->t.executed);
    put_int(a, cum, "selected", C->t.selected);
    set_rate(a, cum, "exec_rate", C->exec_rate);
    put_int(a, cum, "ninstruments", C->t.instruments);
    val_append(a, e, "cum", cum);
    project_news(a, ds, fig, p, e, s);
    project_lists(a, ds, fig, NULL, p, e, s, tmp, false);
    /* The entry of a quarter or year without allocations is the same for
     * every project: one node, made once, shared by all (nothing changes a
     * tree once it is built). */
    value *qs = val_list_n(a, fig->nquarters);
    for (uint32_t q = 0; q < fig->nquarters; q++) {
        const series_cell *c = &fig->quarter[(size_t)p * fig->nquarters + q];
        bool empty = !c->allocs && !c->amount;
        value *qe = empty ? s->qempty[q] : NULL;
        if (!qe)
            qe = quarter_entry(a, fig, q, false, c->allocs, c->amount, qnames, &s->kind[K_QUARTER], 6);
        if (empty)
            s->qempty[q] = qe;
        val_push(a, qs, qe);
    }
    val_append(a, e, "quarters", qs);
    value *ys = val_list_n(a, fig->nyears);
    for (uint32_t y = 0; y < fig->nyears; y++) {
        const series_cell *c = &fig->year[(size_t)p * fig->nyears + y];
        bool empty = !c->allocs && !c->amount;
        value *ye = empty ? s->yempty[y] : NULL;
        if (!ye) {
            ye = kind_map(a, &s->kind[K_YEAR], 3);
            put_int(a, ye, "year", fig->first_year_y + (int)y);
            put_int(a, ye, "allocs", c->allocs);
            put_int(a, ye, "amount", c->amount);
        }
        if (empty)
            s->yempty[y] = ye;
        val_push(a, ys, ye);
    }
    val_append(a, e, "years", ys);
    put_int(a, e, "index", p);
    return e;
}

static value *quarters_list(arena *a, const figures *fig, const char *const *qnames)
{
    value *list = val_list_n(a, fig->nquarters);
    for (uint32_t q = 0; q < fig->nquarters; q++) {
        value *e = quarter_entry(a, fig, q, true, fig->quarter_total[q].allocs,
                                 fig->quarter_total[q].amount, qnames, NULL, 9);
        /* against the same quarter a year earlier, when the series holds it */
        set_change(a, e, "yoy_rate", "yoy_dir",
                   q >= 4 ? figures_change(fig->quarter_total[q].amount, fig->quarter_total[q - 4].amount)
                          : RATE_NONE);
        val_push(a, list, e);
    }
    return list;
}

static value *years_list(arena *a, const figures *fig)
{
    value *list = val_list(a);
    for (uint32_t y = 0; y < fig->nyears; y++) {
        value *e = val_map(a);
        put_int(a, e, "year", fig->first_year_y + (int)y);
        put_int(a, e, "allocs", fig->year_total[y].allocs);
        put_int(a, e, "amount", fig->year_total[y].amount);
        val_push(a, list, e);
    }
    return list;
}

value *report_model(arena *a, const config *cfg, const dataset *ds, const figures *fig, time_t created)
{
    strbuf tmp = {0};
    value *root = val_map(a);

    struct tm tm;
    /* The generation time is recorded in UTC; the date printed on a release (배포) is the
     * calendar date in the programme's time zone ([report] timezone, Asia/Seoul by
     * default), never the process's TZ: the same SOURCE_DATE_EPOCH gives the same bytes. */
    utc_date(created, &tm);
    int32_t run_date = tz_date((int64_t)created, cfg->tz_offset, NULL);
    value *run = val_map(a);
    put_int(a, run, "date", run_date);
    sb_addf(&tmp, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
            tm.tm_hour, tm.tm_min, tm.tm_sec);
    set_sb(a, run, "generated", &tmp);
    put_str(a, run, "version", SMR_VERSION);
    val_append(a, root, "run", run);

    value *per = val_map(a);
    put_str(a, per, "label", fig->period.label);
    put_int(a, per, "from", fig->period.from);
    put_int(a, per, "to", fig->period.to);
    put_bool(a, per, "all", fig->period.all);
    period_text(&fig->period, &tmp);
    set_sb(a, per, "text", &tmp);
    put_int(a, per, "cum_from", fig->cumulative.from);
    val_append(a, root, "period", per);

    value *data = val_map(a);
    put_int(a, data, "from", fig->data_from);
    put_int(a, data, "to", fig->data_to);
    val_append(a, root, "data", data);

    value *unit = val_map(a);
    put_str(a, unit, "label", unit_label(cfg->unit));
    put_int(a, unit, "divisor", unit_divisor(cfg->unit));
    val_append(a, root, "unit", unit);

    value *prog = val_map(a);
    set_cfg(a, prog, "name", cfg->programme);
    val_append(a, root, "programme", prog);

    val_append(a, root, "release", release_map(a, cfg, run_date, &tmp));
    val_append(a, root, "inputs", inputs_list(a, ds));
    val_append(a, root, "totals", totals_map(a, &fig->in_period.t));
    val_append(a, root, "cumulative", totals_map(a, &fig->cumulative.t));
    val_append(a, root, "capital", capital_map(a, &fig->in_period.capital));
    value *canc = val_map(a);
    put_int(a, canc, "allocs", fig->cancelled_allocs);
    put_int(a, canc, "amount", fig->cancelled_amount);
    val_append(a, root, "cancelled", canc);
    value *cmp = val_map(a);
    if (fig->has_prev_year) {
        value *y = compare_map(a, &fig->prev_year, &fig->prev_year.t, &fig->in_period.t, NULL);
        period py = {.from = fig->prev_year.from, .to = fig->prev_year.to};
        snprintf(py.label, sizeof py.label, "%s", fig->period.label);
        period_text(&py, &tmp);
        set_sb(a, y, "text", &tmp);
        val_append(a, cmp, "yoy", y);
    } else {
        val_append(a, cmp, "yoy", val_null(a));
    }
    if (fig->has_prev_quarter) {
        value *q = compare_map(a, &fig->prev_quarter, &fig->prev_quarter.t, &fig->in_period.t, NULL);
        period pq = {.from = fig->prev_quarter.from, .to = fig->prev_quarter.to, .label = "Q"};
        period_text(&pq, &tmp);
        set_sb(a, q, "text", &tmp);
        val_append(a, cmp, "qoq", q);
    } else {
        val_append(a, cmp, "qoq", val_null(a));
    }
    val_append(a, root, "compare", cmp);
    val_append(a, root, "instruments", instruments_list(a, ds, fig));
    val_append(a, root, "regions", regions_list(a, ds, fig));
    val_append(a, root, "overlap", overlap_map(a, ds, &fig->in_period));

    scratch s;
    scratch_init(&s, ds, fig);
    const char **qnames = quarter_names(a, fig);
    s.qempty = xcalloc((size_t)fig->nquarters + 1, sizeof *s.qempty);
    s.yempty = xcalloc((size_t)fig->nyears + 1, sizeof *s.yempty);
    value *projects = val_list_n(a, ds->nprojects);
    for (uint32_t k = 0; k < ds->nprojects; k++)
        val_push(a, projects, project_entry(a, ds, fig, fig->project_order[k], &s, qnames, &tmp));
    val_append(a, root, "projects", projects);
    scratch_free(&s);

    val_append(a, root, "quarters", quarters_list(a, fig, qnames));
    free(qnames);
    val_append(a, root, "years", years_list(a, fig));

    uint32_t grades[4] = {0};
    for (uint32_t p = 0; p < ds->nprojects; p++)
        if (ds->projects[p].grade <= GRADE_POOR)
            grades[ds->projects[p].grade]++;
    value *gr = val_map(a);
    put_int(a, gr, "excellent", grades[GRADE_EXCELLENT]);
    put_int(a, gr, "fair", grades[GRADE_FAIR]);
    put_int(a, gr, "poor", grades[GRADE_POOR]);
    put_int(a, gr, "none", grades[GRADE_NONE]);
    val_append(a, root, "grades", gr);

    sb_free(&tmp);
    return root;
}

/* ---- per-project release contexts ---- */

struct project_models {
    const value *programme;
    const dataset *ds;
    const figures *fig;
    const value **entry; /* [nprojects] the programme's entry of each project, or NULL */
    proj_groups g;       /* the period's allocations of every project, grouped once */
    scratch s;
    strbuf tmp;
};

project_models *project_models_new(const value *programme, const dataset *ds, const figures *fig)
{
    project_models *pm = xcalloc(1, sizeof *pm);
    pm->programme = programme;
    pm->ds = ds;
    pm->fig = fig;
    pm->entry = xcalloc((size_t)ds->nprojects + 1, sizeof *pm->entry);
    const value *projects = val_get(programme, "projects");
    for (uint32_t k = 0; k < val_len(projects); k++) {
        const value *ix = val_get(val_at(projects, k), "index");
        if (ix && ix->type == VAL_INT && ix->u.i >= 0 && ix->u.i < (int64_t)ds->nprojects &&
            !pm->entry[ix->u.i])
            pm->entry[ix->u.i] = val_at(projects, k);
    }
    group_allocs(ds, fig, &pm->g);
    scratch_init(&pm->s, ds, fig);
    return pm;
}

void project_models_free(project_models *pm)
{
    if (!pm)
        return;
    free(pm->entry);
    groups_free(&pm->g);
    scratch_free(&pm->s);
    sb_free(&pm->tmp);
    free(pm);
}

value *project_model(project_models *pm, arena *a, uint32_t pindex)
{
    const value *programme = pm->programme;
    /* This context's maps are in a's arena, which may be freed after it. */
    memset(pm->s.kind, 0, sizeof pm->s.kind);
    value *ctx = val_map_n(a, val_len(programme) + 1);
    for (uint32_t k = 0; k < val_len(programme); k++)
        val_append(a, ctx, val_key(programme, k), (value *)val_at(programme, k));
    const value *found = pindex < pm->ds->nprojects ? pm->entry[pindex] : NULL;
    if (!found) {
        val_set(a, ctx, "project", val_null(a));
        return ctx;
    }
    /* The project's entry, shallow-copied, plus its firm lists. */
    value *entry = val_map_n(a, val_len(found) + 3);
    for (uint32_t k = 0; k < val_len(found); k++)
        val_append(a, entry, val_key(found, k), (value *)val_at(found, k));
    value *lists = val_map_n(a, 4);
    project_lists(a, pm->ds, pm->fig, &pm->g, pindex, lists, &pm->s, &pm->tmp, true);
    val_append(a, entry, "firm_list", (value *)val_get(lists, "firm_list"));
    put_int(a, entry, "nfirm_list", val_len(val_get(lists, "firm_list")));
    val_append(a, entry, "firm_groups", (value *)val_get(lists, "firm_groups"));
    val_set(a, ctx, "project", entry);
    return ctx;
}

value *report_model_project(arena *a, const value *programme, const dataset *ds,
                            const figures *fig, uint32_t pindex)
{
    project_models *pm = project_models_new(programme, ds, fig);
    value *ctx = project_model(pm, a, pindex);
    project_models_free(pm);
    return ctx;
}
