/* test_report_model.c — the template model: period texts, every key that
 * docs/template-model.md promises, the per-project firm lists and groups,
 * and the per-project context. The dataset is a small hand-made one:
 * 2 projects, 4 firms, 3 instruments, 7 allocations (one 취소, one outside
 * the period). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_ini.h"
#include "report_model.h"

void period_text(const period *p, strbuf *out);

static void test_period_text(void **state)
{
    (void)state;
    static const struct {
        const char *label;
        bool all;
        int32_t from, to;
        const char *want;
    } cases[] = {
        {"2025Q3", false, 20250701, 20250930, "2025년 3분기"},
        {"2025Q1", false, 20250101, 20250331, "2025년 1분기"},
        {"2025H1", false, 20250101, 20250630, "2025년 상반기"},
        {"2024H2", false, 20240701, 20241231, "2024년 하반기"},
        {"2025", false, 20250101, 20251231, "2025년"},
        {"2024-03..2025-06", false, 20240301, 20250630, "2024년 3월~2025년 6월"},
        {"2024-02..2024-02", false, 20240201, 20240229, "2024년 2월"},
        {"2025-03..2025-08", false, 20250301, 20250831, "2025년 3~8월"},
        {"2025-01-10..2025-01-10", false, 20250110, 20250110, "2025. 1. 10."},
        {"2025-01-01..2025-01-31", false, 20250101, 20250131, "2025. 1. 1.~2025. 1. 31."},
        {"2025-01..2025-12", false, 20250101, 20251231, "2025년 1~12월"},
        {"2024-03-01..2025-06-30", false, 20240301, 20250630, "2024. 3. 1.~2025. 6. 30."},
        {"2024-03-05..2024-03-20", false, 20240305, 20240320, "2024. 3. 5.~2024. 3. 20."},
        {"all", true, 20240105, 20250402, "전체 기간"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        period p = {.all = cases[k].all, .from = cases[k].from, .to = cases[k].to};
        snprintf(p.label, sizeof p.label, "%s", cases[k].label);
        strbuf b = {0};
        period_text(&p, &b);
        assert_string_equal(sb_str(&b), cases[k].want);
        sb_free(&b);
    }
}

static const char *fields0[] = {"초정밀소재부품", "실버케어테크"};
static project projects[2] = {
    {.id = "L50-DG-01", .title = "대구 과제", .lead_agency = "대구TP", .region = 2, .budget = WON_ABSENT},
    {.id = "L50-BS-01", .title = "부산 과제", .lead_agency = "부산TP", .phase = "2.0", .region = 1,
     .fields = fields0, .nfields = 2, .start_year = 2024, .end_year = 2026, .budget = 1000,
     .grade = GRADE_EXCELLENT},
};
static firm firms[4] = {
    {.id = "6028112345", .name = "다온", .region = 1, .city = "강서구", .employees = 85, .revenue = 100, .exports = 10},
    {.id = "1234567890", .name = "가람", .region = 0, .employees = -1, .revenue = WON_ABSENT, .exports = WON_ABSENT},
    {.id = "2222222222", .name = "나래", .region = 1, .industry = "밸브", .employees = 3, .revenue = 50, .exports = 5},
    {.id = "3333333333", .name = "마루", .region = 2, .employees = 0, .revenue = 70, .exports = WON_ABSENT},
};
static const char *instruments[3] = {"스마트공장", "수출바우처", "정책자금"};
static allocation allocs[7] = {
    /* P1 (부산): 다온 수출바우처 300 + 스마트공장 100; 가람 스마트공장 200; 나래 정책자금 50 */
    {.id = "a", 1, 0, 1, NO_INDEX, 300, 20250710, ALLOC_EXECUTED, 2},
    {.id = "b", 1, 0, 0, NO_INDEX, 100, 20250801, ALLOC_SELECTED, 3},
    {.id = "c", 1, 1, 0, NO_INDEX, 200, 20250901, ALLOC_EXECUTED, 4},
    {.id = "d", 1, 2, 2, NO_INDEX, 50, 20250915, ALLOC_EXECUTED, 5},
    /* P0 (대구): 마루 수출바우처 80; a cancelled row; a row before the period */
    {.id = "e", 0, 3, 1, NO_INDEX, 80, 20250702, ALLOC_EXECUTED, 6},
    {.id = "f", 0, 3, 0, NO_INDEX, 999, 20250702, ALLOC_CANCELLED, 7},
    {.id = "g", 0, 2, 0, NO_INDEX, 40, 20250320, ALLOC_EXECUTED, 8},
};

typedef struct fixture {
    dataset ds;
    config cfg;
    figures fig;
    arena a;
    value *model;
} fixture;

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    fx->ds = (dataset){.projects = projects, .nprojects = 2, .firms = firms, .nfirms = 4, .allocs = allocs,
                       .nallocs = 7, .instruments = instruments, .ninstruments = 3};
    fx->ds.files[SRC_PROJECTS] = (source_file){.path = "input/projects.csv", .encoding = ENC_CP949, .bytes = 10, .rows = 2};
    fx->ds.files[SRC_ALLOCATIONS].has_sha256 = true;
    fx->ds.files[SRC_ALLOCATIONS].sha256[0] = 0xab;
    config_defaults(&fx->cfg);
    config_set(&fx->cfg.distributed, "");
    period p = {.from = 20250701, .to = 20250930};
    strcpy(p.label, "2025Q3");
    aggregate(&fx->ds, &p, &fx->fig);
    /* 2025-10-16 12:00 UTC, a Thursday */
    fx->model = report_model(&fx->a, &fx->cfg, &fx->ds, &fx->fig, (time_t)1760616000);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    figures_free(&fx->fig);
    config_free(&fx->cfg);
    arena_free(&fx->a);
    free(fx);
    return 0;
}

static const value *path(const value *v, const char *p)
{
    char buf[128];
    snprintf(buf, sizeof buf, "%s", p);
    for (char *tok = strtok(buf, "."); tok && v; tok = strtok(NULL, ".")) {
        if (tok[0] >= '0' && tok[0] <= '9')
            v = val_at(v, (uint32_t)atoi(tok));
        else
            v = val_get(v, tok);
    }
    return v;
}

static int64_t geti(const value *root, const char *p)
{
    const value *v = path(root, p);
    assert_non_null(v);
    assert_int_equal(v->type, VAL_INT);
    return v->u.i;
}

static const char *gets_(const value *root, const char *p)
{
    const value *v = path(root, p);
    assert_non_null(v);
    assert_int_equal(v->type, VAL_STR);
    return v->u.s;
}

/* Every key of docs/template-model.md exists. */
static void test_keys(void **state)
{
    fixture *fx = *state;
    static const char *const keys[] = {
        "run.date", "run.generated", "run.version", "period.label", "period.from", "period.to", "period.all",
        "period.text", "unit.label", "unit.divisor", "programme.name", "release.ministry", "release.embargo",
        "release.distributed", "release.department", "release.contacts", "inputs.0.kind", "inputs.0.path",
        "inputs.0.encoding", "inputs.0.bytes", "inputs.0.rows", "inputs.0.sha256", "totals.projects",
        "totals.firms", "totals.instruments", "totals.allocs", "totals.amount", "totals.executed",
        "totals.selected", "cumulative.projects", "cumulative.amount", "capital.firms_capital",
        "capital.firms_noncapital", "capital.revenue_capital", "capital.revenue_noncapital",
        "capital.exports_capital", "capital.exports_noncapital", "capital.revenue_share_noncapital",
        "capital.exports_share_noncapital", "cancelled.allocs", "cancelled.amount", "instruments.0.name",
        "instruments.0.projects", "instruments.0.firms", "instruments.0.allocs", "instruments.0.agencies",
        "instruments.0.amount", "instruments.0.executed", "instruments.0.share", "instruments.0.cum.projects",
        "instruments.0.cum.firms", "instruments.0.cum.allocs", "instruments.0.cum.amount", "regions.0.name",
        "regions.0.short", "regions.0.projects", "regions.0.firms", "regions.0.allocs", "regions.0.amount",
        "regions.0.share", "quarters.0.label", "quarters.0.year", "quarters.0.quarter", "quarters.0.allocs",
        "quarters.0.amount", "quarters.0.in_period", "years.0.year", "years.0.allocs", "years.0.amount",
        "grades.excellent", "grades.fair", "grades.poor",
    };
    static const char *const pkeys[] = {
        "id", "title", "region", "region_short", "lead_agency", "phase", "grade", "start_year", "end_year",
        "budget", "exec_rate", "fields", "nfields", "firms", "allocs", "amount", "executed", "selected",
        "cum.firms", "cum.allocs", "cum.amount", "cum.executed", "cum.selected", "instruments.0.name",
        "instruments.0.firms", "instruments.0.allocs", "instruments.0.amount", "instruments.0.share",
        "ninstruments",
    };
    /* Only in a project's release context (report_model_project), not in the programme model. */
    static const char *const ctxkeys[] = {
        "firm_list.0.no", "firm_list.0.id", "firm_list.0.name", "firm_list.0.region",
        "firm_list.0.city", "firm_list.0.industry", "firm_list.0.employees", "firm_list.0.amount",
        "firm_list.0.instruments", "firm_groups.0.name", "firm_groups.0.count", "firm_groups.0.firms.0.no",
        "firm_groups.0.firms.0.name", "firm_groups.0.firms.0.city", "firm_groups.0.firms.0.industry",
    };
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
        if (!path(fx->model, keys[k]))
            fail_msg("missing key %s", keys[k]);
    const value *projs = val_get(fx->model, "projects");
    assert_int_equal(val_len(projs), 2);
    for (uint32_t p = 0; p < 2; p++) {
        for (size_t k = 0; k < sizeof pkeys / sizeof *pkeys; k++)
            if (!path(val_at(projs, p), pkeys[k]))
                fail_msg("project %u: missing key %s", p, pkeys[k]);
        assert_null(val_get(val_at(projs, p), "firm_list"));
        assert_null(val_get(val_at(projs, p), "firm_groups"));
        const value *ctx = report_model_project(&fx->a, fx->model, &fx->ds, &fx->fig, p);
        for (size_t k = 0; k < sizeof ctxkeys / sizeof *ctxkeys; k++)
            if (!path(val_get(ctx, "project"), ctxkeys[k]))
                fail_msg("project context %u: missing key %s", p, ctxkeys[k]);
    }
}

static void test_values(void **state)
{
    fixture *fx = *state;
    const value *m = fx->model;
    assert_int_equal(geti(m, "run.date"), 20251016);
    assert_string_equal(gets_(m, "run.generated"), "2025-10-16T12:00:00Z");
    assert_string_equal(gets_(m, "release.distributed"), "2025. 10. 16.(목)");
    assert_string_equal(gets_(m, "period.text"), "2025년 3분기");
    assert_string_equal(gets_(m, "inputs.0.encoding"), "CP949");
    assert_int_equal(path(m, "inputs.1.sha256")->type, VAL_NULL);
    assert_string_equal(gets_(m, "inputs.2.sha256"),
                        "ab00000000000000000000000000000000000000000000000000000000000000");
    /* 300+100+200+50+80 = 730 in the period; + 40 (2025-03-20) cumulative */
    assert_int_equal(geti(m, "totals.amount"), 730);
    assert_int_equal(geti(m, "totals.selected"), 100);
    assert_int_equal(geti(m, "cumulative.amount"), 770);
    assert_int_equal(geti(m, "cancelled.allocs"), 1);
    assert_int_equal(geti(m, "cancelled.amount"), 999);
    /* instruments by amount: 수출바우처 380, 스마트공장 300, 정책자금 50 */
    assert_string_equal(gets_(m, "instruments.0.name"), "수출바우처");
    assert_int_equal(geti(m, "instruments.0.amount"), 380);
    assert_string_equal(gets_(m, "instruments.1.name"), "스마트공장");
    assert_int_equal(geti(m, "instruments.1.cum.amount"), 340);
    /* regions in official order: 부산 before 대구 */
    assert_string_equal(gets_(m, "regions.0.short"), "부산");
    assert_string_equal(gets_(m, "regions.1.name"), "대구광역시");
    assert_int_equal(val_len(val_get(m, "regions")), 2);
    /* projects by ID: L50-BS-01 first */
    assert_string_equal(gets_(m, "projects.0.id"), "L50-BS-01");
    assert_int_equal(path(m, "projects.1.budget")->type, VAL_NULL);
    assert_int_equal(path(m, "projects.1.exec_rate")->type, VAL_NULL);
    assert_int_equal(path(m, "projects.1.grade")->type, VAL_NULL);
    assert_int_equal(path(m, "projects.1.phase")->type, VAL_NULL);
    assert_string_equal(gets_(m, "projects.0.grade"), "우수");
    assert_int_equal(geti(m, "grades.excellent"), 1);
    /* the exec rate: 300+200+50 executed of 1000 */
    const value *rate = path(m, "projects.0.exec_rate");
    assert_int_equal(rate->type, VAL_REAL);
    assert_true(rate->u.r > 0.5499999 && rate->u.r < 0.5500001);
    /* 다온 has two instruments in 부산's project: its 지원기업 column adds up to
     * more than its firms, the programme's instrument table too; no firm is
     * in two 시·도 or two projects. */
    assert_true(path(m, "projects.0.firms_overlap")->u.b);
    assert_false(path(m, "projects.1.firms_overlap")->u.b);
    assert_true(path(m, "overlap.instruments")->u.b);
    assert_false(path(m, "overlap.regions")->u.b);
    assert_false(path(m, "overlap.projects")->u.b);
    /* quarters 2025Q1..2025Q3 */
    assert_int_equal(val_len(val_get(m, "quarters")), 3);
    assert_string_equal(gets_(m, "quarters.2.label"), "2025년 3분기");
    assert_int_equal(path(m, "quarters.0.in_period")->u.b, false);
    assert_int_equal(geti(m, "quarters.0.amount"), 40);
}

static void test_firm_lists(void **state)
{
    fixture *fx = *state;
    /* L50-BS-01 is dataset index 1 (projects.0 by ID) */
    const value *p = val_get(report_model_project(&fx->a, fx->model, &fx->ds, &fx->fig, 1), "project");
    assert_string_equal(gets_(p, "id"), "L50-BS-01");
    /* this project's instruments: 수출바우처 300, 스마트공장 300 (tie: global order), 정책자금 50 */
    assert_int_equal(geti(p, "ninstruments"), 3);
    assert_string_equal(gets_(p, "instruments.0.name"), "수출바우처");
    assert_string_equal(gets_(p, "instruments.1.name"), "스마트공장");
    assert_int_equal(geti(p, "instruments.1.firms"), 2);
    assert_int_equal(geti(p, "instruments.1.allocs"), 2);
    /* firms by name: 가람, 나래, 다온 */
    static const struct {
        const char *name, *id, *instruments;
        int64_t amount;
    } want[3] = {
        {"가람", "123-45-67890", "스마트공장", 200},
        {"나래", "222-22-22222", "정책자금", 50},
        {"다온", "602-81-12345", "수출바우처, 스마트공장", 400},
    };
    const value *fl = val_get(p, "firm_list");
    assert_int_equal(val_len(fl), 3);
    for (uint32_t k = 0; k < 3; k++) {
        const value *f = val_at(fl, k);
        assert_int_equal(geti(f, "no"), k + 1);
        assert_string_equal(gets_(f, "name"), want[k].name);
        assert_string_equal(gets_(f, "id"), want[k].id);
        assert_string_equal(gets_(f, "instruments"), want[k].instruments);
        assert_int_equal(geti(f, "amount"), want[k].amount);
    }
    assert_int_equal(path(fl, "0.employees")->type, VAL_NULL);
    assert_int_equal(path(fl, "0.city")->type, VAL_NULL);
    assert_int_equal(geti(fl, "2.employees"), 85);
    /* groups per instrument, firms by name */
    const value *g = val_get(p, "firm_groups");
    assert_int_equal(val_len(g), 3);
    assert_string_equal(gets_(g, "1.name"), "스마트공장");
    assert_int_equal(geti(g, "1.count"), 2);
    assert_string_equal(gets_(g, "1.firms.0.name"), "가람");
    assert_string_equal(gets_(g, "1.firms.1.name"), "다온");
    assert_int_equal(geti(g, "1.firms.1.no"), 2);
    assert_int_equal(geti(g, "0.count"), 1);
    /* the 대구 project: only 마루 in the period (the 2025-03 row and the cancelled one are out) */
    const value *dg = val_get(report_model_project(&fx->a, fx->model, &fx->ds, &fx->fig, 0), "project");
    assert_int_equal(val_len(val_get(dg, "firm_list")), 1);
    assert_int_equal(geti(fx->model, "projects.1.cum.amount"), 120);
    /* per-project quarters: 대구 has 40 in 2025Q1 and 80 in 2025Q3 */
    assert_int_equal(val_len(path(fx->model, "projects.1.quarters")), 3);
    assert_int_equal(geti(fx->model, "projects.1.quarters.0.amount"), 40);
    assert_int_equal(geti(fx->model, "projects.1.quarters.1.amount"), 0);
    assert_int_equal(geti(fx->model, "projects.1.quarters.2.amount"), 80);
    assert_string_equal(gets_(fx->model, "projects.1.quarters.2.code"), "2025Q3");
    assert_int_equal(geti(fx->model, "projects.0.years.0.amount"), 650);
}

static void test_project_context(void **state)
{
    fixture *fx = *state;
    /* dataset index 0 is L50-DG-01 (second by ID) */
    value *ctx = report_model_project(&fx->a, fx->model, &fx->ds, &fx->fig, 0);
    assert_string_equal(gets_(ctx, "project.id"), "L50-DG-01");
    assert_int_equal(geti(ctx, "totals.amount"), 730);
    assert_int_equal(val_len(ctx), val_len(fx->model) + 1);
    ctx = report_model_project(&fx->a, fx->model, &fx->ds, &fx->fig, 1);
    assert_string_equal(gets_(ctx, "project.title"), "부산 과제");
    /* the programme model is untouched */
    assert_null(val_get(fx->model, "project"));
    ctx = report_model_project(&fx->a, fx->model, &fx->ds, &fx->fig, 7);
    assert_int_equal(val_get(ctx, "project")->type, VAL_NULL);
}

/* A period without support after one with it (2025Q2: nothing; 2025Q1: 40
 * won by 대구): the fall to 0 is a 100 % 감소, not "no earlier figure" — the
 * sentinel for a missing rate used to be -1.0, exactly this change, and the
 * releases then said the earlier quarter had no support. */
static void test_fall_to_zero(void **state)
{
    (void)state;
    fixture fx = {0};
    fx.ds = (dataset){.projects = projects, .nprojects = 2, .firms = firms, .nfirms = 4, .allocs = allocs,
                      .nallocs = 7, .instruments = instruments, .ninstruments = 3};
    config_defaults(&fx.cfg);
    config_set(&fx.cfg.distributed, "");
    period p = {.from = 20250401, .to = 20250630};
    strcpy(p.label, "2025Q2");
    aggregate(&fx.ds, &p, &fx.fig);
    fx.model = report_model(&fx.a, &fx.cfg, &fx.ds, &fx.fig, (time_t)1760616000);
    assert_int_equal(geti(fx.model, "totals.amount"), 0);
    assert_int_equal(geti(fx.model, "cumulative.amount"), 40);
    assert_int_equal(geti(fx.model, "compare.qoq.amount"), 40);
    assert_string_equal(gets_(fx.model, "compare.qoq.amount_dir"), "감소");
    const value *rate = path(fx.model, "compare.qoq.amount_rate");
    assert_int_equal(rate->type, VAL_REAL);
    assert_true(rate->u.r == 1.0);
    assert_string_equal(gets_(fx.model, "compare.qoq.firms_dir"), "감소");
    /* the project's own comparison too: 대구 (dataset index 0, projects.1 by ID) */
    assert_string_equal(gets_(fx.model, "projects.1.qoq.amount_dir"), "감소");
    /* and a quarter against the same quarter a year earlier is untouched:
     * there is none here (the data starts in 2025) */
    assert_int_equal(path(fx.model, "compare.yoy")->type, VAL_NULL);
    figures_free(&fx.fig);
    config_free(&fx.cfg);
    arena_free(&fx.a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_period_text),
        cmocka_unit_test_setup_teardown(test_keys, setup, teardown),
        cmocka_unit_test_setup_teardown(test_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_firm_lists, setup, teardown),
        cmocka_unit_test_setup_teardown(test_project_context, setup, teardown),
        cmocka_unit_test(test_fall_to_zero),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
