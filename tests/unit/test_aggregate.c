/* test_aggregate.c — aggregate() against figures worked out by hand.
 *
 * The dataset below is small enough to add up on paper: 3 projects, 5 firms,
 * 3 instruments, 2 agencies and 12 allocations, including two 취소 rows (one
 * inside the period, one before it), two 선정 rows, rows before the period
 * (2024Q2, 2024Q4: cumulative only) and one after it (2025-04-02: in no
 * scope of a 2025Q1 run). Every expected number in the tables is written
 * down from the hand calculation in the comments next to it, not produced by
 * the code under test. A second test cross-checks the distinct counts on a
 * random dataset against a brute-force O(n²) count. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aggregate.h"

enum { BS = 1, DG = 2, SEOUL = 0, GG = 8 };

static project projects[3] = {
    {.id = "P-3", .title = "부산 과제", .region = BS, .budget = 1000},
    {.id = "P-1", .title = "대구 과제", .region = DG, .budget = WON_ABSENT},
    {.id = "P-2", .title = "경기 과제", .region = GG, .budget = 500},
};

static firm firms[5] = {
    {.id = "3000000003", .name = "나라", .region = BS, .revenue = 1000, .exports = 100},
    {.id = "1000000001", .name = "다온", .region = BS, .revenue = 2000, .exports = WON_ABSENT},
    {.id = "2000000002", .name = "나라", .region = SEOUL, .revenue = 3000, .exports = 300},
    {.id = "4000000004", .name = "가온", .region = GG, .revenue = 4000, .exports = 400},
    {.id = "5000000005", .name = "라온", .region = DG, .revenue = 500, .exports = 50},
};

static const char *instruments[3] = {"수출바우처", "스마트공장", "정책자금"};
static const char *agencies[2] = {"중진공", "기정원"};

#define EX ALLOC_EXECUTED
#define SE ALLOC_SELECTED
#define CA ALLOC_CANCELLED
static allocation allocs[12] = {
    /*        id     proj firm inst agency  amount date      status */
    {.id = "A0", 0, 0, 0, 0, 100, 20250115, EX, 2},
    {.id = "A1", 0, 0, 1, 1, 200, 20250220, EX, 3},
    {.id = "A2", 0, 1, 0, 1, 50, 20250310, SE, 4},
    {.id = "A3", 0, 2, 2, NO_INDEX, 300, 20241105, EX, 5},
    {.id = "A4", 1, 4, 0, 0, 400, 20250301, EX, 6},
    {.id = "A5", 1, 0, 0, 0, 70, 20250331, SE, 7},
    {.id = "A6", 1, 4, 1, 0, 999, 20250201, CA, 8},
    {.id = "A7", 2, 3, 2, 1, 600, 20250105, EX, 9},
    {.id = "A8", 2, 2, 2, 1, 150, 20250402, EX, 10},
    {.id = "A9", 2, 3, 1, 0, 80, 20240630, EX, 11},
    {.id = "A10", 0, 1, 0, 0, 25, 20250131, EX, 12},
    {.id = "A11", 1, 2, 1, 1, 55, 20231231, CA, 13},
};

static dataset sample(void)
{
    dataset ds = {0};
    ds.projects = projects;
    ds.nprojects = 3;
    ds.firms = firms;
    ds.nfirms = 5;
    ds.allocs = allocs;
    ds.nallocs = 12;
    ds.instruments = instruments;
    ds.ninstruments = 3;
    ds.agencies = agencies;
    ds.nagencies = 2;
    return ds;
}

static period q1_2025(void)
{
    period p = {.all = false, .from = 20250101, .to = 20250331};
    strcpy(p.label, "2025Q1");
    return p;
}

static void check_totals(const totals *t, const totals *want)
{
    assert_int_equal(t->projects, want->projects);
    assert_int_equal(t->firms, want->firms);
    assert_int_equal(t->instruments, want->instruments);
    assert_int_equal(t->allocs, want->allocs);
    assert_int_equal(t->amount, want->amount);
    assert_int_equal(t->executed, want->executed);
    assert_int_equal(t->selected, want->selected);
}

static void check_rate(double got, double want)
{
    if (want == RATE_NONE)
        assert_true(got == RATE_NONE);
    else
        assert_true(fabs(got - want) < 1e-12);
}

/* Period 2025Q1 counts A0 A1 A2 A4 A5 A7 A10 (A6 cancelled, A3 A9 A11 before, A8 after). */
static void test_period_scope(void **state)
{
    (void)state;
    dataset ds = sample();
    period per = q1_2025();
    figures fig;
    aggregate(&ds, &per, &fig);
    const scope_fig *s = &fig.in_period;

    assert_int_equal(fig.data_from, 20240630); /* A9, the earliest counted row */
    assert_int_equal(fig.data_to, 20250402);   /* A8 */
    assert_int_equal(s->from, 20250101);
    assert_int_equal(s->to, 20250331);

    /* amount 100+200+50+400+70+600+25 = 1445; executed = 1445 - (50+70) = 1325;
     * firms F0 F1 F3 F4; every instrument used. */
    check_totals(&s->t, &(totals){3, 4, 3, 7, 1445, 1325, 120});

    static const struct {
        totals t;
        double rate;
    } proj[3] = {
        /* P0: A0 A1 A2 A10 = 100+200+50+25; firms F0 F1; I0 I1; 325/1000 */
        {{1, 2, 2, 4, 375, 325, 50}, 0.325},
        /* P1: A4 A5 = 400+70; firms F4 F0; I0; no budget */
        {{1, 2, 1, 2, 470, 400, 70}, RATE_NONE},
        /* P2: A7 = 600; 600/500 */
        {{1, 1, 1, 1, 600, 600, 0}, 1.2},
    };
    for (int p = 0; p < 3; p++) {
        check_totals(&s->projects[p].t, &proj[p].t);
        check_rate(s->projects[p].exec_rate, proj[p].rate);
        assert_int_equal(s->projects[p].budget, projects[p].budget);
    }

    static const struct {
        uint32_t projects, firms, allocs, agencies;
        won_t amount, executed;
    } inst[3] = {
        /* I0: A0 A2 A4 A5 A10; P0 P1; F0 F1 F4; agencies A0 (A0,A4,A5,A10) and A1 (A2) */
        {2, 3, 5, 2, 645, 525},
        /* I1: A1 only */
        {1, 1, 1, 1, 200, 200},
        /* I2: A7 only */
        {1, 1, 1, 1, 600, 600},
    };
    for (int i = 0; i < 3; i++) {
        const instrument_fig *I = &s->instruments[i];
        assert_int_equal(I->projects, inst[i].projects);
        assert_int_equal(I->firms, inst[i].firms);
        assert_int_equal(I->allocs, inst[i].allocs);
        assert_int_equal(I->agencies, inst[i].agencies);
        assert_int_equal(I->amount, inst[i].amount);
        assert_int_equal(I->executed, inst[i].executed);
        check_rate(I->share, (double)inst[i].amount / 1445.0);
    }

    /* matrix [p][i]: P0I0 = A0+A2+A10 = 175 (F0, F1), P0I1 = 200, P1I0 = 470 (F4, F0), P2I2 = 600 */
    static const won_t mat[9] = {175, 200, 0, 470, 0, 0, 0, 0, 600};
    static const uint32_t matf[9] = {2, 1, 0, 2, 0, 0, 0, 0, 1};
    static const uint32_t mata[9] = {3, 1, 0, 2, 0, 0, 0, 0, 1};
    for (int k = 0; k < 9; k++) {
        assert_int_equal(s->matrix[k], mat[k]);
        assert_int_equal(s->matrix_firms[k], matf[k]);
        assert_int_equal(s->matrix_allocs[k], mata[k]);
    }

    /* regions by the project's 시·도; F0 is counted in both 부산 and 대구 */
    static const struct {
        int r;
        uint32_t projects, firms, allocs;
        won_t amount;
    } reg[3] = {{BS, 1, 2, 4, 375}, {DG, 1, 2, 2, 470}, {GG, 1, 1, 1, 600}};
    uint32_t seen = 0;
    for (int k = 0; k < 3; k++) {
        const region_fig *R = &s->regions[reg[k].r];
        assert_int_equal(R->projects, reg[k].projects);
        assert_int_equal(R->firms, reg[k].firms);
        assert_int_equal(R->allocs, reg[k].allocs);
        assert_int_equal(R->amount, reg[k].amount);
        check_rate(R->share, (double)reg[k].amount / 1445.0);
    }
    for (int r = 0; r < REGION_COUNT; r++)
        seen += s->regions[r].allocs;
    assert_int_equal(seen, 7);
    check_rate(s->regions[SEOUL].share, 0.0);

    static const firm_fig ff[5] = {
        {2, 2, 3, 370}, /* F0: A0 A1 A5 */
        {1, 1, 2, 75},  /* F1: A2 A10 */
        {0, 0, 0, 0},   /* F2: nothing in the period */
        {1, 1, 1, 600}, /* F3: A7 */
        {1, 1, 1, 400}, /* F4: A4 (A6 cancelled) */
    };
    for (int f = 0; f < 5; f++) {
        assert_int_equal(s->firms[f].projects, ff[f].projects);
        assert_int_equal(s->firms[f].instruments, ff[f].instruments);
        assert_int_equal(s->firms[f].allocs, ff[f].allocs);
        assert_int_equal(s->firms[f].amount, ff[f].amount);
    }

    /* 수도권: F3 (경기) only; 비수도권: F0 F1 F4. Revenue 4000 | 1000+2000+500;
     * exports 400 | 100+50 (F1 reports none). */
    const capital_split *c = &s->capital;
    assert_int_equal(c->firms[0], 1);
    assert_int_equal(c->firms[1], 3);
    assert_int_equal(c->revenue[0], 4000);
    assert_int_equal(c->revenue[1], 3500);
    assert_int_equal(c->exports[0], 400);
    assert_int_equal(c->exports[1], 150);
    check_rate(c->revenue_share_noncapital, 3500.0 / 7500.0);
    check_rate(c->exports_share_noncapital, 150.0 / 550.0);

    /* A6 (999, 2025-02-01) is the one cancelled row inside the period. */
    assert_int_equal(fig.cancelled_allocs, 1);
    assert_int_equal(fig.cancelled_amount, 999);
    figures_free(&fig);
}

/* Cumulative 2024-06-30..2025-03-31 adds A3 (P0 F2 I2 300) and A9 (P2 F3 I1 80). */
static void test_cumulative_scope(void **state)
{
    (void)state;
    dataset ds = sample();
    period per = q1_2025();
    figures fig;
    aggregate(&ds, &per, &fig);
    const scope_fig *s = &fig.cumulative;
    assert_int_equal(s->from, 20240630);
    assert_int_equal(s->to, 20250331);
    /* 1445 + 300 + 80 = 1825, all executed but the two 선정 rows (120) */
    check_totals(&s->t, &(totals){3, 5, 3, 9, 1825, 1705, 120});
    /* P0: + A3: 675, firms F0 F1 F2, instruments I0 I1 I2; 625/1000 */
    check_totals(&s->projects[0].t, &(totals){1, 3, 3, 5, 675, 625, 50});
    check_rate(s->projects[0].exec_rate, 0.625);
    /* P2: A7 + A9 = 680, one firm (F3), I2 and I1; 680/500 */
    check_totals(&s->projects[2].t, &(totals){1, 1, 2, 2, 680, 680, 0});
    check_rate(s->projects[2].exec_rate, 1.36);
    /* I1: A1 (P0 F0 기정원) + A9 (P2 F3 중진공) */
    assert_int_equal(s->instruments[1].projects, 2);
    assert_int_equal(s->instruments[1].firms, 2);
    assert_int_equal(s->instruments[1].agencies, 2);
    assert_int_equal(s->instruments[1].amount, 280);
    /* I2: A3 (no agency) + A7 (기정원): one agency */
    assert_int_equal(s->instruments[2].projects, 2);
    assert_int_equal(s->instruments[2].firms, 2);
    assert_int_equal(s->instruments[2].agencies, 1);
    assert_int_equal(s->instruments[2].amount, 900);
    /* capital: F2 (서울) and F3 (경기) | F0 F1 F4 */
    assert_int_equal(s->capital.firms[0], 2);
    assert_int_equal(s->capital.firms[1], 3);
    assert_int_equal(s->capital.revenue[0], 7000);
    assert_int_equal(s->capital.exports[0], 700);
    figures_free(&fig);
}

static void test_series_and_orders(void **state)
{
    (void)state;
    dataset ds = sample();
    period per = q1_2025();
    figures fig;
    aggregate(&ds, &per, &fig);
    /* From 2024Q2 (A9, earlier than the period) to 2025Q1: 4 quarters. */
    assert_int_equal(fig.first_year, 2024);
    assert_int_equal(fig.first_q, 2);
    assert_int_equal(fig.nquarters, 4);
    static const series_cell qt[4] = {{1, 80}, {0, 0}, {1, 300}, {7, 1445}};
    static const uint32_t inper[4] = {0, 0, 0, 1};
    for (uint32_t q = 0; q < 4; q++) {
        assert_int_equal(fig.quarter_total[q].allocs, qt[q].allocs);
        assert_int_equal(fig.quarter_total[q].amount, qt[q].amount);
        assert_int_equal(fig.quarter_in_period[q], inper[q]);
    }
    int y, qq;
    figures_quarter(&fig, 3, &y, &qq);
    assert_int_equal(y, 2025);
    assert_int_equal(qq, 1);
    /* per project: P2 has A9 in 2024Q2, P0 has A3 in 2024Q4 and 375 in 2025Q1 */
    assert_int_equal(fig.quarter[2 * 4 + 0].amount, 80);
    assert_int_equal(fig.quarter[0 * 4 + 2].amount, 300);
    assert_int_equal(fig.quarter[0 * 4 + 3].amount, 375);
    assert_int_equal(fig.quarter[1 * 4 + 3].allocs, 2);
    /* years 2024 (A3 + A9) and 2025 */
    assert_int_equal(fig.first_year_y, 2024);
    assert_int_equal(fig.nyears, 2);
    assert_int_equal(fig.year_total[0].amount, 380);
    assert_int_equal(fig.year_total[1].amount, 1445);
    assert_int_equal(fig.year[2 * 2 + 0].amount, 80);

    /* instruments by period amount: I0 645, I2 600, I1 200 */
    static const uint32_t io[3] = {0, 2, 1};
    /* projects by ID: P-1 (P1), P-2 (P2), P-3 (P0) */
    static const uint32_t po[3] = {1, 2, 0};
    /* firms by name, then number: 가온 F3, 나라 2000000002 F2, 나라 3000000003 F0, 다온 F1, 라온 F4 */
    static const uint32_t fo[5] = {3, 2, 0, 1, 4};
    for (int k = 0; k < 3; k++) {
        assert_int_equal(fig.instrument_order[k], io[k]);
        assert_int_equal(fig.project_order[k], po[k]);
    }
    for (int k = 0; k < 5; k++)
        assert_int_equal(fig.firm_order[k], fo[k]);
    figures_free(&fig);
}

/* An `all` period spans the counted data (2024-06-30..2025-04-02) and counts
 * every cancelled row (A6 999 + A11 55). */
static void test_all_period(void **state)
{
    (void)state;
    dataset ds = sample();
    period per = {.all = true};
    strcpy(per.label, "all");
    figures fig;
    aggregate(&ds, &per, &fig);
    assert_true(fig.period.all);
    assert_int_equal(fig.period.from, 20240630);
    assert_int_equal(fig.period.to, 20250402);
    /* the cumulative 1825 plus A8 (150) */
    check_totals(&fig.in_period.t, &(totals){3, 5, 3, 10, 1975, 1855, 120});
    check_totals(&fig.cumulative.t, &fig.in_period.t);
    assert_int_equal(fig.cancelled_allocs, 2);
    assert_int_equal(fig.cancelled_amount, 1054);
    assert_int_equal(fig.nquarters, 5); /* 2024Q2 .. 2025Q2 */
    assert_int_equal(fig.quarter_total[4].amount, 150);
    for (uint32_t q = 0; q < 5; q++)
        assert_int_equal(fig.quarter_in_period[q], 1);
    /* I2 now 900+150 = 1050 leads; ties none */
    assert_int_equal(fig.instrument_order[0], 2);
    figures_free(&fig);
}

/* figures_instruments: ALL is instrument_order; ACTIVE keeps, in that order,
 * exactly the instruments with a counted allocation in the period or up to
 * its end. */
static void check_instrument_scopes(const dataset *ds, const figures *fig, uint32_t want_active)
{
    const uint32_t *all, *active;
    assert_int_equal(figures_instruments(fig, INSTRUMENTS_ALL, &all), ds->ninstruments);
    assert_ptr_equal(all, fig->instrument_order);
    uint32_t n = figures_instruments(fig, INSTRUMENTS_ACTIVE, &active);
    assert_int_equal(n, want_active);
    uint32_t j = 0;
    for (uint32_t k = 0; k < ds->ninstruments; k++) {
        uint32_t i = all[k];
        bool counted = false;
        for (uint32_t a = 0; a < ds->nallocs; a++)
            counted |= ds->allocs[a].instrument == i && ds->allocs[a].status != ALLOC_CANCELLED &&
                       ds->allocs[a].date <= fig->period.to;
        if (counted) {
            assert_true(j < n);
            assert_int_equal(active[j++], i);
        }
    }
    assert_int_equal(j, n);
}

/* Equal amounts are ordered by name. */
static void test_instrument_order_ties(void **state)
{
    (void)state;
    dataset ds = sample();
    /* Period 2024-06..2024-11 holds A9 (I1 80) and A3 (I2 300); make them equal. */
    allocation saved = allocs[3];
    allocs[3].amount = 80;
    period per = {.from = 20240601, .to = 20241130};
    strcpy(per.label, "2024-06..2024-11");
    figures fig;
    aggregate(&ds, &per, &fig);
    allocs[3] = saved;
    /* I1 스마트공장 and I2 정책자금 both 80: by name (스 < 정 in UTF-8), then I0 with 0 */
    assert_int_equal(fig.instrument_order[0], 1);
    assert_int_equal(fig.instrument_order[1], 2);
    assert_int_equal(fig.instrument_order[2], 0);
    check_instrument_scopes(&ds, &fig, 2); /* I0 has no counted row up to 2024-11 */
    assert_int_equal(fig.in_period.t.amount, 160);
    assert_int_equal(fig.cumulative.from, 20240630);
    figures_free(&fig);
}

/* figures_change: a fall to 0 is -1.0 (a 100 % 감소) and must not read as
 * RATE_NONE (no earlier figure), which it did while RATE_NONE was -1.0. */
static void test_change(void **state)
{
    (void)state;
    assert_true(figures_change(0, 5) == -1.0);
    assert_true(figures_change(0, 5) != RATE_NONE);
    assert_true(figures_change(5, 0) == RATE_NONE);
    assert_true(figures_change(0, 0) == RATE_NONE);
    assert_true(figures_change(10, 5) == 1.0);
    assert_true(figures_change(5, 5) == 0.0);
    assert_true(RATE_NONE < -1.0); /* below every change and every ratio */
}

static void test_empty(void **state)
{
    (void)state;
    dataset ds = sample();
    ds.nallocs = 0;
    period per = {.all = true};
    strcpy(per.label, "all");
    figures fig;
    aggregate(&ds, &per, &fig);
    assert_int_equal(fig.period.from, 0);
    assert_int_equal(fig.period.to, 0);
    assert_int_equal(fig.nquarters, 0);
    assert_int_equal(fig.nyears, 0);
    assert_int_equal(fig.in_period.t.allocs, 0);
    check_rate(fig.in_period.instruments[0].share, RATE_NONE);
    check_rate(fig.in_period.capital.revenue_share_noncapital, RATE_NONE);
    assert_int_equal(fig.project_order[0], 1);
    figures_free(&fig);
    figures_free(NULL);

    /* A fixed period without data still has its quarters, all zero. */
    period q = q1_2025();
    aggregate(&ds, &q, &fig);
    assert_int_equal(fig.nquarters, 1);
    assert_int_equal(fig.quarter_total[0].allocs, 0);
    assert_int_equal(fig.cumulative.from, 20250101);
    figures_free(&fig);
}

static unsigned rnd(unsigned n)
{
    static unsigned seed = 12345;
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) % n;
}

/* Distinct counts on random data against a brute-force count. */
static void test_random_distinct(void **state)
{
    (void)state;
    enum { NP = 7, NF = 60, NI = 5, NA = 4, N = 3000 };
    static project rp[NP];
    static firm rf[NF];
    static allocation ra[N];
    static const char *ri[NI] = {"a", "b", "c", "d", "e"};
    static const char *rag[NA] = {"w", "x", "y", "z"};
    static char names[NF][8];
#define RND(n) rnd(n)
    for (int p = 0; p < NP; p++)
        rp[p] = (project){.id = ri[p % NI], .region = (int)RND(REGION_COUNT), .budget = 1000};
    for (int f = 0; f < NF; f++) {
        snprintf(names[f], sizeof names[f], "f%02u", (unsigned)RND(40));
        rf[f] = (firm){.name = names[f], .region = (int)RND(REGION_COUNT), .revenue = 10, .exports = 1};
        snprintf(rf[f].id, sizeof rf[f].id, "%010u", (unsigned)f % 1000000u);
    }
    for (int k = 0; k < N; k++)
        ra[k] = (allocation){.project = RND(NP), .firm = RND(NF), .instrument = RND(NI),
                             .agency = RND(NA + 1), .amount = 1 + RND(100),
                             .date = 20240101 + (int32_t)RND(12) * 100 + (int32_t)RND(28),
                             .status = (uint8_t)RND(3)};
    for (int k = 0; k < N; k++)
        if (ra[k].agency == NA)
            ra[k].agency = NO_INDEX;
    dataset ds = {.projects = rp, .nprojects = NP, .firms = rf, .nfirms = NF, .allocs = ra, .nallocs = N,
                  .instruments = ri, .ninstruments = NI, .agencies = rag, .nagencies = NA};
    period per = {.from = 20240401, .to = 20240930};
    strcpy(per.label, "x");
    figures fig;
    aggregate(&ds, &per, &fig);
    const scope_fig *s = &fig.in_period;
#define IN(a) ((a)->status != ALLOC_CANCELLED && (a)->date >= per.from && (a)->date <= per.to)
    /* distinct (project, firm), (instrument, firm), (instrument, agency), (region, firm) */
    uint32_t pf[NP] = {0}, inf[NI] = {0}, ia[NI] = {0}, rfm[REGION_COUNT] = {0}, nfirm = 0;
    for (int k = 0; k < N; k++) {
        const allocation *a = &ra[k];
        if (!IN(a))
            continue;
        bool new_pf = true, new_if = true, new_ia = a->agency != NO_INDEX, new_rf = true, new_f = true;
        for (int j = 0; j < k; j++) {
            const allocation *b = &ra[j];
            if (!IN(b))
                continue;
            if (b->firm == a->firm) {
                new_f = false;
                if (b->project == a->project)
                    new_pf = false;
                if (b->instrument == a->instrument)
                    new_if = false;
                if (rp[b->project].region == rp[a->project].region)
                    new_rf = false;
            }
            if (b->instrument == a->instrument && b->agency == a->agency)
                new_ia = false;
        }
        pf[a->project] += new_pf;
        inf[a->instrument] += new_if;
        ia[a->instrument] += new_ia;
        rfm[rp[a->project].region] += new_rf;
        nfirm += new_f;
    }
    assert_int_equal(s->t.firms, nfirm);
    for (int p = 0; p < NP; p++)
        assert_int_equal(s->projects[p].t.firms, pf[p]);
    for (int i = 0; i < NI; i++) {
        assert_int_equal(s->instruments[i].firms, inf[i]);
        assert_int_equal(s->instruments[i].agencies, ia[i]);
    }
    for (int r = 0; r < REGION_COUNT; r++)
        assert_int_equal(s->regions[r].firms, rfm[r]);
    /* firm order: names non-decreasing, ties by number */
    for (int k = 1; k < NF; k++) {
        const firm *a = &rf[fig.firm_order[k - 1]], *b = &rf[fig.firm_order[k]];
        int c = strcmp(a->name, b->name);
        assert_true(c < 0 || (c == 0 && strcmp(a->id, b->id) < 0));
    }
    figures_free(&fig);
}

/* The key firms are listed by: legal-form marks at either end and quotes at
 * the start do not count. */
static void test_firm_sort_key(void **state)
{
    (void)state;
    static const struct {
        const char *name, *key;
    } t[] = {
        {"(주)가온로보틱스", "가온로보틱스"},   {"광명바이오(주)", "광명바이오"},
        {"주식회사 대성엔지니어링", "대성엔지니어링"}, {"㈜한빛", "한빛"},
        {"(사)한국기계산업진흥회", "한국기계산업진흥회"}, {"재단법인 부산테크노파크", "부산테크노파크"},
        {"\"누리\" 솔루션", "누리\" 솔루션"},   {"\"\"대성\"\" 테크", "대성\"\" 테크"},
        {"「한빛」정밀", "한빛」정밀"},         {"(주)\"누리\" 솔루션", "누리\" 솔루션"},
        {"가나\"다\"", "가나\"다\""},           {"\"", "\""},
        {"(주)", "(주)"},                       {"", ""},
    };
    for (size_t i = 0; i < ARRAY_LEN(t); i++) {
        size_t n;
        const char *k = firm_sort_key(t[i].name, &n);
        if (n != strlen(t[i].key) || memcmp(k, t[i].key, n) != 0)
            fail_msg("%zu \"%s\": key \"%.*s\", expected \"%s\"", i, t[i].name, (int)n, k, t[i].key);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_period_scope),
        cmocka_unit_test(test_cumulative_scope),
        cmocka_unit_test(test_series_and_orders),
        cmocka_unit_test(test_all_period),
        cmocka_unit_test(test_instrument_order_ties),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_change),
        cmocka_unit_test(test_random_distinct),
        cmocka_unit_test(test_firm_sort_key),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
