/* aggregate.h — every figure the reports print, computed once from a dataset.
 *
 * Pure: tables in, figures out, no I/O. Integer won throughout; a rate is
 * computed here once (as a double in [0, ∞)) from two integer figures, and
 * renderers print these numbers instead of recomputing them. Cancelled
 * (취소) allocations count in no figure; they are counted separately.
 *
 * Two time scopes are computed with the same structure:
 *   fig->period      allocations dated within the reporting period;
 *   fig->cumulative  allocations from the first data date up to the period's end.
 * Quarter and year series run from the first quarter with data (or the
 * period's start if earlier) to the period's end. */
#ifndef SMR_AGGREGATE_H
#define SMR_AGGREGATE_H

#include <stdint.h>
#include "model.h"
#include "date.h"

/* RATE_NONE (common.h): a rate whose denominator is zero or absent. */

typedef struct totals {
    uint32_t projects;     /* projects with at least one counted allocation */
    uint32_t firms;        /* distinct firms */
    uint32_t instruments;  /* distinct instruments */
    uint32_t allocs;       /* counted allocations (executed + selected) */
    won_t amount;          /* executed + selected */
    won_t executed;        /* status 집행 */
    won_t selected;        /* status 선정 */
} totals;

typedef struct project_fig {
    totals t;              /* t.projects is 1 if active, else 0 */
    won_t budget;          /* from projects.csv; WON_ABSENT if absent */
    double exec_rate;      /* executed / budget, RATE_NONE without a budget */
} project_fig;

typedef struct instrument_fig {
    uint32_t projects, firms, allocs;
    uint32_t agencies;     /* distinct agencies seen with this instrument */
    won_t amount, executed;
    double share;          /* amount / scope total amount, RATE_NONE if total is 0 */
} instrument_fig;

typedef struct region_fig { /* by the project's 시·도 */
    uint32_t projects, firms, allocs;
    won_t amount;
    double share;
} region_fig;

typedef struct firm_fig {   /* per firm, participating firms only have allocs > 0 */
    uint32_t projects, instruments, allocs;
    won_t amount;
} firm_fig;

/* K-중소기업 50⁺ indicators over participating firms (those with a counted
 * allocation in the scope), split by the firm's 시·도: [0] 수도권, [1] 비수도권. */
typedef struct capital_split {
    uint32_t firms[2];
    won_t revenue[2];      /* sum over firms that report revenue */
    won_t exports[2];      /* sum over firms that report exports */
    double revenue_share_noncapital; /* revenue[1] / (revenue[0]+revenue[1]) */
    double exports_share_noncapital;
} capital_split;

typedef struct scope_fig {
    int32_t from, to;        /* yyyymmdd, inclusive */
    totals t;
    project_fig *projects;   /* [ds->nprojects] */
    instrument_fig *instruments; /* [ds->ninstruments] */
    won_t *matrix;           /* [nprojects * ninstruments]: amount of project p, instrument i at p*ninstruments+i */
    uint32_t *matrix_firms;  /* same shape: distinct firms */
    uint32_t *matrix_allocs; /* same shape: counted allocations */
    region_fig regions[REGION_COUNT];
    firm_fig *firms;         /* [ds->nfirms] */
    capital_split capital;
} scope_fig;

typedef struct series_cell {
    uint32_t allocs;
    won_t amount;
} series_cell;

typedef struct figures {
    period period;           /* resolved: from/to always set */
    scope_fig in_period;
    scope_fig cumulative;

    /* Quarters q = 0..nquarters-1 are consecutive, starting at first_year Q first_q. */
    int first_year, first_q; /* first_q in 1..4 */
    uint32_t nquarters;
    series_cell *quarter;    /* [nprojects * nquarters], index p*nquarters+q */
    series_cell *quarter_total; /* [nquarters] */
    uint32_t *quarter_in_period; /* [nquarters]: 1 if the quarter overlaps the period */
    int first_year_y;        /* years first_year_y .. first_year_y+nyears-1 */
    uint32_t nyears;
    series_cell *year;       /* [nprojects * nyears] */
    series_cell *year_total; /* [nyears] */

    /* Orders for presentation (deterministic, ties broken by name/ID): */
    uint32_t *instrument_order; /* [ninstruments], by in-period amount descending */
    uint32_t ninstruments;      /* = the dataset's */
    uint32_t *active_order;     /* [nactive]: instrument_order less the inactive (figures_instruments) */
    uint32_t nactive;
    uint32_t *project_order;    /* [nprojects], by project ID (byte order) */
    uint32_t *firm_order;       /* [nfirms], by name without (주)/㈜/주식회사/quotes (firm_sort_key),
                                   then full name, then business number */

    /* Comparison scopes of a dated (not `all`) period, computed like the
     * period itself: the same span one year earlier (a 29 February end becomes
     * the 28th), and, when the period is one calendar quarter, the quarter
     * before it. A scope is computed only if it overlaps the data
     * (has_prev_year / has_prev_quarter); its `from`/`to` say which span. */
    bool has_prev_year, has_prev_quarter;
    scope_fig prev_year;
    scope_fig prev_quarter;

    /* Cancelled rows, reported in the run summary. */
    uint32_t cancelled_allocs;
    won_t cancelled_amount;
    int32_t data_from, data_to; /* first and last allocation date, 0 if none */
} figures;

/* Computes every figure. `per` may have all=true (then the period is the
 * whole data range). Never fails except on memory (exits). */
void aggregate(const dataset *ds, const period *per, figures *fig);
void figures_free(figures *fig); /* NULL-safe */

/* Which instruments a list or table shows, in instrument_order — the one
 * rule every renderer asks here:
 *  - INSTRUMENTS_ACTIVE: those with a counted allocation in the period or up
 *    to its end (in_period or cumulative allocs > 0). figures.json, the
 *    releases (both through the report model) and the summary tables.
 *  - INSTRUMENTS_ALL: every instrument of the data, also one whose rows are
 *    all cancelled or dated after the period. The workbook, whose 정책수단별
 *    sheet and matrix columns list the data's instruments whatever the period.
 * Returns how many; *order points into fig. */
typedef enum { INSTRUMENTS_ACTIVE, INSTRUMENTS_ALL } instrument_scope;
uint32_t figures_instruments(const figures *fig, instrument_scope scope, const uint32_t **order);

/* The change from prev to cur as a signed ratio ((cur - prev) / prev), or
 * RATE_NONE when prev is 0: the one place a period comparison is divided. */
double figures_change(int64_t cur, int64_t prev);

/* A project's cumulative 집행률 above 1.0 (executed more than its 사업비)
 * is a warning: support beyond the budget, or a unit mix-up in the export
 * (천원 read as 원). True for such a project of fig. */
bool figures_over_budget(const figures *fig, uint32_t project);

/* A firm name without its legal-form marks ((주), ㈜, 주식회사, (유), (사) …)
 * at either end and quotation marks at its start: the key of fig->firm_order
 * (name order as a reader expects). */
const char *firm_sort_key(const char *name, size_t *n);

/* Label of quarter q of the series, e.g. "2025Q3" / "2025년 3분기" style is the renderer's choice. */
void figures_quarter(const figures *fig, uint32_t q, int *year, int *quarter);

#endif
