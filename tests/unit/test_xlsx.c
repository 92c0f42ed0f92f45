/* test_xlsx.c — the XLSX renderer on a dataset built here: cell-text
 * cleaning, Excel dates, the workbook's file name, the quarter alignment rule
 * (tables); then whole workbooks: written through a temporary name with no
 * leftovers, byte-identical for the same creation time, 지원내역 split at
 * [limits] sheet_max_rows, read back by tests/tools/xlsx_check.py (openpyxl)
 * against figures.json built from the same figures; and failures (missing
 * directory, a file-size limit standing in for a full disk) that give
 * EXIT_OUTPUT, one message naming the file, and no partial file. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <dirent.h>
#include <dlfcn.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "aggregate.h"
#include "config.h"
#include "config_ini.h"
#include "exitcodes.h"
#include "parse.h"
#include "render.h"
#include "report_model.h"
#include "scratch.h"
#include "strbuf.h"
#include "value.h"

#include "xlsx_cells.h" /* xlsx_clean, xlsx_serial_date: private to the renderer */
#include <xlsxwriter/xmlwriter.h>

/* STATIC functions of render_xlsx.c and xlsx_summary.c (visible with -DTESTING). */
char *xlsx_file_name(const char *pattern, const char *label);
int xlsx_write(const render_ctx *ctx, const char *path, const char *shown);
int xlsx_write_file(const render_ctx *ctx, const char *dir, const char *name);
bool period_on_quarters(const period *pe);
extern bool xlsx_direct_off; /* xlsx_cells.c */

/* ---- tables ---- */

static void test_clean(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
        int width;
        bool same; /* returned without copying */
    } cases[] = {
        {"plain", "plain", 5, true},
        {"=SUM(A1:A9)", "=SUM(A1:A9)", 11, true}, /* stays text: never a formula */
        {"부산테크노파크", "부산테크노파크", 14, true},
        {"(주)엠티에이치", "(주)엠티에이치", 14, true},
        {"a\xffz", "a?z", 3, false},                   /* invalid byte */
        {"\xea\xb0", "??", 2, false},                  /* cut Hangul */
        {"bell\x07!", "bell!", 5, false},              /* control removed */
        {"two\nlines here", "two\nlines here", 10, true},
        {"tab\there", "tab\there", 8, true},
        {"\xef\xbf\xbe" "x", "x", 1, false},           /* U+FFFE is not XML */
        {"", "", 0, true},
    };
    strbuf sb = {0};
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        int w = -1;
        const char *got = xlsx_clean(&sb, cases[i].in, &w);
        assert_string_equal(got, cases[i].out);
        assert_int_equal(w, cases[i].width);
        assert_int_equal(got == cases[i].in, cases[i].same);
    }
    /* Over 32,767 bytes: cut on a character boundary. */
    size_t n = 12000;
    char *big = xmalloc(n * 3 + 1);
    for (size_t i = 0; i < n; i++)
        memcpy(big + 3 * i, "가", 3);
    big[n * 3] = '\0';
    const char *got = xlsx_clean(&sb, big, NULL);
    assert_int_equal(strlen(got), 32766); /* 10,922 syllables */
    assert_memory_equal(got, big, 32766);
    free(big);
    sb_free(&sb);
}

/* A bar chart grows with its categories up to one printed page (40 rows of
 * 22 px): 52 quarters no longer run over a page break. */
static void test_chart_height(void **state)
{
    (void)state;
    assert_int_equal(xlsx_bar_chart_rows(1), 6);   /* 96 + 24 px */
    assert_int_equal(xlsx_bar_chart_rows(11), 17); /* the sample's quarters: 360 px */
    assert_int_equal(xlsx_bar_chart_rows(31), 39);
    assert_int_equal(xlsx_bar_chart_rows(32), 40); /* 864 px, not capped yet */
    assert_int_equal(xlsx_bar_chart_rows(33), 40);
    assert_int_equal(xlsx_bar_chart_rows(52), 40);
    assert_int_equal(xlsx_bar_chart_rows(65535), 40);
}

static void test_serial_date(void **state)
{
    (void)state;
    static const struct { int32_t ymd; double serial; } cases[] = {
        {19700101, 25569}, {19000301, 61}, {20250101, 45658}, {20240229, 45351}, {20241231, 45657},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++)
        assert_true(xlsx_serial_date(cases[i].ymd) == cases[i].serial);
}

static void test_file_name(void **state)
{
    (void)state;
    static const struct { const char *pattern, *label, *want; } cases[] = {
        {"legend50-{period}.xlsx", "2025Q3", "legend50-2025Q3.xlsx"},
        {"legend50-{period}.xlsx", "2024-03..2025-06", "legend50-2024-03..2025-06.xlsx"},
        {"{period}-{period}.xlsx", "all", "all-all.xlsx"},
        {"fixed.xlsx", "2025", "fixed.xlsx"},
        {"r-{period}.xlsx", "../x/y", "r-_._x_y.xlsx"}, /* the label cannot leave the directory */
        {"보고서_{period}.xlsx", "2025H1", "보고서_2025H1.xlsx"},
        {"sub/{period}.xlsx", "2025", NULL},
        {"", "2025", NULL},
        {"..", "2025", NULL},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        char *got = xlsx_file_name(cases[i].pattern, cases[i].label);
        if (!cases[i].want) {
            assert_null(got);
            continue;
        }
        assert_non_null(got);
        assert_string_equal(got, cases[i].want);
        free(got);
    }
}

static void test_quarter_alignment(void **state)
{
    (void)state;
    static const struct { const char *p; bool aligned; } cases[] = {
        {"2025Q3", true}, {"2025H1", true}, {"2025", true}, {"2024-04..2025-06", true},
        {"2024-03..2025-06", false}, {"2025-01-01..2025-03-30", false}, {"2025-01-02..2025-03-31", false},
        {"2025-07-01..2025-09-30", true},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        period pe;
        assert_true(period_parse(cases[i].p, &pe, NULL));
        assert_int_equal(period_on_quarters(&pe), cases[i].aligned);
    }
}

/* ---- a dataset built here ---- */

typedef struct fixture {
    config cfg;
    dataset ds;
    figures fig;
    diag_list diags;
    char dir[64];
    render_ctx ctx;
} fixture;

static const char *const instruments[] = {"수출바우처", "스마트공장", "중소기업 정책자금"};
static const char *const agencies[] = {"중소벤처기업진흥공단", "부산테크노파크"};

/* 3 projects (one with a title that looks like a formula, one without a
 * budget), 4 firms, 12 allocations over 2024Q4..2025Q3, one of them 취소. */
static void build(fixture *fx, const char *per, int64_t max_rows, display_unit unit)
{
    memset(fx, 0, sizeof *fx);
    config_defaults(&fx->cfg);
    fx->cfg.sheet_max_rows = max_rows;
    fx->cfg.unit = unit;
    assert_true(period_parse(per, &fx->cfg.period, NULL));
    dataset *ds = &fx->ds;
    arena *a = &ds->arena;

    static const char *const paths[] = {"input/projects.csv", "input/firms.csv", "input/allocations.csv"};
    for (int k = 0; k < SRC_COUNT; k++) {
        ds->files[k].path = xstrdup(paths[k]);
        ds->files[k].encoding = k == 1 ? ENC_CP949 : ENC_UTF8;
        ds->files[k].rows = (uint32_t)(3 + k);
        ds->files[k].bytes = 100u * (k + 1);
        ds->files[k].has_sha256 = true;
        memset(ds->files[k].sha256, 0xA0 + k, 32);
    }

    ds->nprojects = 3;
    ds->projects = xcalloc(3, sizeof *ds->projects);
    static const struct { const char *id, *title; int region; won_t budget; project_grade g; } pj[] = {
        {"L50-BS-01", "친환경에너지 저장·공급 기자재 핵심기업 집중육성", 1, 1000000000, GRADE_EXCELLENT},
        {"L50-GB-01", "=HYPERLINK(\"http://x\")", 14, WON_ABSENT, GRADE_NONE},
        {"L50-AA-00", "@멘션 -음수 +양수", 8, 500000000, GRADE_FAIR},
    };
    for (uint32_t p = 0; p < 3; p++) {
        project *pr = &ds->projects[p];
        pr->id = arena_strdup(a, pj[p].id);
        pr->title = arena_strdup(a, pj[p].title);
        pr->lead_agency = arena_strdup(a, "테크노파크");
        pr->phase = p == 0 ? arena_strdup(a, "1.0") : NULL;
        pr->region = pj[p].region;
        pr->budget = pj[p].budget;
        pr->grade = pj[p].g;
        pr->line = p + 2;
    }

    ds->nfirms = 4;
    ds->firms = xcalloc(4, sizeof *ds->firms);
    static const struct { const char *id, *name; int region; won_t rev, exp; } fm[] = {
        {"6028112345", "(주)엠티에이치콘트롤밸브", 1, 23400000000, 5100000000},
        {"1234567891", "-마이너스상사", 0, 1000000000, WON_ABSENT},
        {"0000000000", "=1+2", 8, WON_ABSENT, WON_ABSENT},
        {"2208100000", "참여하지 않은 기업", 2, 5, 1},
    };
    for (uint32_t f = 0; f < 4; f++) {
        firm *x = &ds->firms[f];
        memcpy(x->id, fm[f].id, 11);
        x->name = arena_strdup(a, fm[f].name);
        x->region = fm[f].region;
        x->city = f == 0 ? arena_strdup(a, "강서구") : NULL;
        x->industry = f == 0 ? arena_strdup(a, "밸브 제조업") : NULL;
        x->employees = f == 0 ? 85 : -1;
        x->revenue = fm[f].rev;
        x->exports = fm[f].exp;
        x->line = f + 2;
    }

    ds->ninstruments = 3;
    ds->instruments = xcalloc(3, sizeof *ds->instruments);
    for (uint32_t i = 0; i < 3; i++)
        ds->instruments[i] = arena_strdup(a, instruments[i]);
    ds->nagencies = 2;
    ds->agencies = xcalloc(2, sizeof *ds->agencies);
    for (uint32_t i = 0; i < 2; i++)
        ds->agencies[i] = arena_strdup(a, agencies[i]);

    static const struct { uint32_t p, f, i, ag; won_t amount; int32_t date; uint8_t st; } al[] = {
        {0, 0, 0, 0, 150000000, 20241015, ALLOC_EXECUTED},
        {0, 0, 1, 1, 1234567, 20250105, ALLOC_EXECUTED},
        {0, 1, 0, 0, 99999999, 20250331, ALLOC_SELECTED},
        {1, 1, 2, NO_INDEX, 500000000, 20250401, ALLOC_EXECUTED},
        {1, 2, 2, 0, 7, 20250630, ALLOC_EXECUTED},
        {2, 2, 0, 1, 123456789, 20250701, ALLOC_EXECUTED},
        {2, 0, 1, 1, 88000000, 20250815, ALLOC_EXECUTED},
        {2, 1, 1, 1, 42000000, 20250930, ALLOC_CANCELLED},
        {0, 2, 2, 0, 1000000, 20250901, ALLOC_SELECTED},
        {1, 0, 0, 0, 250000000, 20250910, ALLOC_EXECUTED},
        {2, 2, 2, 1, 3000000, 20250102, ALLOC_EXECUTED},
        {0, 1, 1, 0, 555555, 20250220, ALLOC_EXECUTED},
    };
    ds->nallocs = ARRAY_LEN(al);
    ds->allocs = xcalloc(ds->nallocs, sizeof *ds->allocs);
    for (uint32_t k = 0; k < ds->nallocs; k++) {
        allocation *x = &ds->allocs[k];
        char id[16];
        snprintf(id, sizeof id, "A%07u", k + 1);
        x->id = arena_strdup(a, id);
        x->project = al[k].p;
        x->firm = al[k].f;
        x->instrument = al[k].i;
        x->agency = al[k].ag;
        x->amount = al[k].amount;
        x->date = al[k].date;
        x->status = al[k].st;
        x->line = k + 2;
    }
    aggregate(ds, &fx->cfg.period, &fx->fig);

    diag_add(&fx->diags, DIAG_WARNING, "input/firms.csv", 3, 9, "수출액이 매출액보다 큽니다");
    diag_add(&fx->diags, DIAG_NOTE, "input/allocations.csv", 0, 0, "=unknown column ignored");

    strcpy(fx->dir, "/tmp/smr-xlsx.XXXXXX");
    assert_non_null(mkdtemp(fx->dir));
    fx->ctx = (render_ctx){.cfg = &fx->cfg, .ds = ds, .fig = &fx->fig, .diags = &fx->diags,
                           .dir = fx->dir, .created = 1735689600};
}

static void rm_tree(const char *dir)
{
    char *cmd = xasprintf("rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    free(cmd);
}

static void teardown_fx(fixture *fx)
{
    if (!getenv("KEEP")) rm_tree(fx->dir);
    figures_free(&fx->fig);
    dataset_free(&fx->ds);
    diag_free(&fx->diags);
    config_free(&fx->cfg);
}

/* Names in dir (not . and ..), joined by '|', sorted by readdir order. */
static char *list_dir(const char *dir)
{
    strbuf b = {0};
    DIR *d = opendir(dir);
    if (!d)
        return xstrdup("<missing>");
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            sb_addf(&b, "%s|", e->d_name);
    closedir(d);
    return sb_take(&b);
}

static bool contains(const char *hay, size_t len, const char *needle)
{
    return memmem(hay, len, needle, strlen(needle)) != NULL;
}

/* Writes the JSON figures (the same value tree figures.json holds). */
static void write_figures_json(fixture *fx, const char *path)
{
    arena a = {0};
    value *m = report_model(&a, &fx->cfg, &fx->ds, &fx->fig, fx->ctx.created);
    strbuf b = {0};
    val_to_json(m, &b);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fwrite(b.s, 1, b.len, f);
    assert_int_equal(fclose(f), 0);
    sb_free(&b);
    arena_free(&a);
}

/* ---- whole workbooks ---- */

static void test_write_and_read_back(void **state)
{
    (void)state;
    static const struct { const char *period; int64_t max_rows; display_unit unit; int parts; } cases[] = {
        {"all", 1048575, UNIT_MILLION, 1},
        {"all", 4, UNIT_THOUSAND, 3},     /* 11 counted rows: 4 + 4 + 3 */
        {"2025Q3", 2, UNIT_WON, 2},       /* 4 counted rows in 2025Q3 (one 취소) */
        {"2025", 1048575, UNIT_HUNDRED_MILLION, 1},
        {"2024-12-01..2025-05-15", 100, UNIT_MILLION, 1}, /* not on quarter boundaries */
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        fixture fx;
        build(&fx, cases[i].period, cases[i].max_rows, cases[i].unit);
        assert_int_equal(xlsx_write_file(&fx.ctx, fx.dir, "wb.xlsx"), EXIT_OK);
        char *names = list_dir(fx.dir);
        assert_string_equal(names, "wb.xlsx|"); /* no temporary file left */
        free(names);

        size_t len;
        char *path = xasprintf("%s/wb.xlsx", fx.dir);
        char *bytes = scratch_read(path, &len);
        int nsheets = 8 + cases[i].parts; /* 6 before 지원내역, 검증결과 and 실행정보 after */
        char sheet[48];
        snprintf(sheet, sizeof sheet, "xl/worksheets/sheet%d.xml", nsheets);
        assert_true(contains(bytes, len, sheet));
        snprintf(sheet, sizeof sheet, "xl/worksheets/sheet%d.xml", nsheets + 1);
        assert_false(contains(bytes, len, sheet));
        free(bytes);

        char *json = xasprintf("%s/figures.json", fx.dir);
        write_figures_json(&fx, json);
        char *cmd = xasprintf("/usr/bin/python3 tests/tools/xlsx_check.py --figures '%s' --max-rows %lld "
                              "--epoch 1735689600 '%s'",
                              json, (long long)cases[i].max_rows, path);
        int rc = system(cmd);
        if (rc != 0)
            print_error("xlsx_check failed for case %zu: %s\n", i, cmd);
        assert_int_equal(rc, 0);
        free(cmd);
        free(json);
        free(path);
        teardown_fx(&fx);
    }
}

static void test_reproducible(void **state)
{
    (void)state;
    fixture fx;
    build(&fx, "all", 3, UNIT_MILLION);
    assert_int_equal(xlsx_write_file(&fx.ctx, fx.dir, "a.xlsx"), EXIT_OK);
    assert_int_equal(xlsx_write_file(&fx.ctx, fx.dir, "b.xlsx"), EXIT_OK);
    size_t la, lb;
    char *pa = xasprintf("%s/a.xlsx", fx.dir), *pb = xasprintf("%s/b.xlsx", fx.dir);
    char *a = scratch_read(pa, &la), *b = scratch_read(pb, &lb);
    assert_int_equal(la, lb);
    assert_memory_equal(a, b, la);
    free(a);
    free(b);
    /* A different creation time changes the bytes (docProps/core.xml). */
    fx.ctx.created += 86400;
    assert_int_equal(xlsx_write_file(&fx.ctx, fx.dir, "c.xlsx"), EXIT_OK);
    char *pc = xasprintf("%s/c.xlsx", fx.dir);
    size_t lc;
    char *c = scratch_read(pc, &lc);
    a = scratch_read(pa, &la);
    assert_true(la != lc || memcmp(a, c, la) != 0);
    free(a);
    free(c);
    free(pa);
    free(pb);
    free(pc);
    teardown_fx(&fx);
}

/* The rows written directly (xrow: 지원내역 and 기업별) are the bytes the
 * library writes for the same cells: a workbook written each way is byte for
 * byte the same (기업별 with blanks in a format for a missing city, industry,
 * employee count or revenue), 지원내역 on one sheet and split over several,
 * with names that need escaping (&,
 * <, >), keep their spaces (xml:space), hold a tab and a newline (and a
 * control character, which xlsx_clean drops before either), an allocation
 * ID of the longest length a cell takes, a blank agency, and amounts whose
 * text only printf gives (at or above 10^15). */
static void test_direct_rows(void **state)
{
    (void)state;
    static const int64_t max_rows[] = {0, 3};
    for (size_t m = 0; m < ARRAY_LEN(max_rows); m++) {
        fixture fx;
        build(&fx, "all", max_rows[m], UNIT_MILLION);
        arena *a = &fx.ds.arena;
        fx.ds.firms[0].name = arena_strdup(a, "R&D <연구> & \"개발\"");
        fx.ds.firms[1].name = arena_strdup(a, "  앞뒤에 빈칸  ");
        fx.ds.firms[2].name = arena_strdup(a, "탭\t과\n줄바꿈");
        fx.ds.instruments[1] = arena_strdup(a, "제어\x01문자");
        char *longid = xmalloc(XLSX_CELL_MAX + 2);
        memset(longid, 'A', XLSX_CELL_MAX + 1);
        longid[XLSX_CELL_MAX + 1] = '\0';
        fx.ds.allocs[0].id = longid;
        fx.ds.allocs[1].amount = 5000000000000000; /* 5e15: "%.16G" */
        fx.ds.allocs[2].amount = 1234567890123457;
        figures_free(&fx.fig);
        aggregate(&fx.ds, &fx.cfg.period, &fx.fig);
        xlsx_direct_off = true;
        assert_int_equal(xlsx_write_file(&fx.ctx, fx.dir, "lib.xlsx"), EXIT_OK);
        xlsx_direct_off = false;
        assert_int_equal(xlsx_write_file(&fx.ctx, fx.dir, "direct.xlsx"), EXIT_OK);
        char *pa = xasprintf("%s/lib.xlsx", fx.dir), *pb = xasprintf("%s/direct.xlsx", fx.dir);
        size_t la, lb;
        char *wa = scratch_read(pa, &la), *wb = scratch_read(pb, &lb);
        assert_int_equal(la, lb);
        assert_memory_equal(wa, wb, la);
        free(wa);
        free(wb);
        free(pa);
        free(pb);
        free(longid);
        teardown_fx(&fx);
    }
}

/* xrow cell by cell against the library: two constant-memory workbooks, the
 * same cells written by worksheet_write_* in one and by xrow in the other
 * (after a header row the library holds), are the same bytes: strings the
 * library escapes (&, <, >, a C0 control as _xHHHH_, spaces kept), empty
 * strings (no cell), a row with no cell (no row), formats, a column format,
 * and numbers printf alone writes. */
static void test_xrow_cells(void **state)
{
    (void)state;
    static const char *const strs[] = {"보통", "R&D <x>", "  빈칸 ", "제어\x01문자\x1f", "탭\t줄\n", "", NULL, "끝"};
    static const double nums[] = {0, -0.0, 7, -3, 79.17, 0.1, 1e15, 5e15, 1234567890123456.0, 1e-7, 45738};
    char dir[] = "/tmp/smr-xrow.XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *path[2];
    for (int way = 0; way < 2; way++) {
        path[way] = xasprintf("%s/%d.xlsx", dir, way);
        lxw_workbook_options o = {.constant_memory = LXW_TRUE, .tmpdir = dir};
        lxw_workbook *wb = workbook_new_opt(path[way], &o);
        assert_non_null(wb);
        lxw_worksheet *ws = workbook_add_worksheet(wb, "시트");
        lxw_format *money = workbook_add_format(wb), *col = workbook_add_format(wb);
        format_set_num_format(money, "#,##0");
        format_set_bold(col);
        worksheet_set_column(ws, 3, 3, 12, col);
        worksheet_write_string(ws, 0, 0, "머리", NULL);
        xrow xr = {0};
        bool direct = way == 1 && xrow_ready(ws);
        assert_true(way == 0 || direct);
        lxw_row_t r = 1;
        for (size_t k = 0; k < ARRAY_LEN(strs); k++, r++) { /* row 1 + k: a string in column k % 5 */
            if (direct) {
                xrow_start(&xr, ws, r);
                xrow_str(&xr, (lxw_col_t)(k % 5), strs[k], k == 6 ? money : NULL);
                xrow_num(&xr, 6, (double)k, k % 2 ? money : NULL);
                xrow_end(&xr);
            } else {
                worksheet_write_string(ws, r, (lxw_col_t)(k % 5), strs[k], k == 6 ? money : NULL);
                worksheet_write_number(ws, r, 6, (double)k, k % 2 ? money : NULL);
            }
        }
        r++; /* a row without cells */
        if (direct) {
            xrow_start(&xr, ws, r);
            xrow_str(&xr, 0, "", NULL);
            xrow_blank(&xr, 1, NULL);
            xrow_end(&xr);
        } else {
            worksheet_write_string(ws, r, 0, "", NULL);
            worksheet_write_blank(ws, r, 1, NULL);
        }
        r++;
        for (size_t k = 0; k < ARRAY_LEN(nums); k++, r++) {
            if (direct) {
                xrow_start(&xr, ws, r);
                xrow_num(&xr, 1, nums[k], money);
                xrow_str(&xr, 3, "열 서식", NULL);
                xrow_blank(&xr, 4, money);
                xrow_end(&xr);
            } else {
                worksheet_write_number(ws, r, 1, nums[k], money);
                worksheet_write_string(ws, r, 3, "열 서식", NULL);
                worksheet_write_blank(ws, r, 4, money);
            }
        }
        xrow_free(&xr);
        assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    }
    size_t la, lb;
    char *a = scratch_read(path[0], &la), *b = scratch_read(path[1], &lb);
    assert_int_equal(la, lb);
    assert_memory_equal(a, b, la);
    /* the library escaped the control characters (so the escape was used) */
    char *cmd = xasprintf("unzip -p %s xl/worksheets/sheet1.xml | grep -c '제어_x0001_문자_x001F_'", path[1]);
    FILE *f = popen(cmd, "r");
    int n = 0;
    assert_int_equal(fscanf(f, "%d", &n), 1);
    pclose(f);
    assert_int_equal(n, 1);
    free(cmd);
    free(a);
    free(b);
    for (int way = 0; way < 2; way++) {
        unlink(path[way]);
        free(path[way]);
    }
    rmdir(dir);
}

/* Runs xlsx_write_file in a child with stderr captured; returns its exit code. */
static int write_in_child(fixture *fx, const char *dir, rlim_t fsize, char **err)
{
    char errpath[] = "/tmp/smr-xlsx-err.XXXXXX";
    int efd = mkstemp(errpath);
    assert_true(efd >= 0);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(efd, 2);
        if (fsize) {
            signal(SIGXFSZ, SIG_IGN);
            struct rlimit rl = {fsize, fsize};
            setrlimit(RLIMIT_FSIZE, &rl);
        }
        fx->ctx.dir = dir;
        _exit(xlsx_write_file(&fx->ctx, dir, "wb.xlsx"));
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    close(efd);
    size_t len;
    *err = scratch_read(errpath, &len);
    unlink(errpath);
    assert_true(WIFEXITED(status));
    return WEXITSTATUS(status);
}

static void test_missing_directory(void **state)
{
    (void)state;
    fixture fx;
    build(&fx, "all", 1048575, UNIT_MILLION);
    char *dir = xasprintf("%s/does-not-exist", fx.dir);
    char *err;
    assert_int_equal(write_in_child(&fx, dir, 0, &err), EXIT_OUTPUT);
    char *want = xasprintf("smereport: error: cannot write %s/wb.xlsx: ", dir);
    if (!strstr(err, want))
        print_error("stderr was: %s\n", err);
    assert_non_null(strstr(err, want));
    free(want);
    free(err);
    char *names = list_dir(fx.dir);
    assert_string_equal(names, "");
    free(names);
    free(dir);
    teardown_fx(&fx);
}

static void test_full_disk(void **state)
{
    (void)state;
    fixture fx;
    build(&fx, "all", 1048575, UNIT_MILLION);
    char *err;
    /* A 2 KB file-size limit: the zip cannot be completed. */
    assert_int_equal(write_in_child(&fx, fx.dir, 2048, &err), EXIT_OUTPUT);
    char *want = xasprintf("smereport: error: cannot write %s/wb.xlsx: ", fx.dir);
    if (!strstr(err, want))
        print_error("stderr was: %s\n", err);
    assert_non_null(strstr(err, want));
    free(want);
    free(err);
    char *names = list_dir(fx.dir);
    assert_string_equal(names, ""); /* neither the workbook nor its temporary file */
    free(names);
    teardown_fx(&fx);
}

static void test_renderer_entry(void **state)
{
    (void)state;
    fixture fx;
    build(&fx, "2025Q3", 1048575, UNIT_MILLION);
    assert_ptr_equal(renderers[renderer_find("xlsx")], &renderer_xlsx);
    config_set(&fx.cfg.workbook_name, "보고서-{period}.xlsx");
    output_list out = {0};
    diag_list d = {0};
    assert_int_equal(renderer_xlsx.render(&fx.ctx, &out, &d), EXIT_OK);
    assert_int_equal(out.n, 1);
    assert_string_equal(out.names[0], "보고서-2025Q3.xlsx");
    char *names = list_dir(fx.dir);
    assert_string_equal(names, "보고서-2025Q3.xlsx|");
    free(names);
    outputs_free(&out);
    diag_free(&d);
    teardown_fx(&fx);
}

/* Constant-memory mode: writing 300,000 detail rows must not raise the peak
 * RSS by more than a few MB (libxlsxwriter's normal mode would keep every
 * row, about 1 KB each: 300 MB). */
static void test_memory_flat(void **state)
{
    (void)state;
#ifdef __SANITIZE_ADDRESS__
    skip(); /* ASan's quarantine keeps freed blocks: RSS is not the program's */
#endif
    const char *pre = getenv("LD_PRELOAD");
    if (pre && strstr(pre, "vgpreload"))
        skip(); /* likewise under valgrind */
    fixture fx;
    build(&fx, "all", 1048575, UNIT_MILLION);
    figures_free(&fx.fig);
    free(fx.ds.allocs);
    uint32_t n = 300000;
    fx.ds.nallocs = n;
    fx.ds.allocs = xcalloc(n, sizeof *fx.ds.allocs);
    for (uint32_t k = 0; k < n; k++) {
        allocation *x = &fx.ds.allocs[k];
        char id[16];
        snprintf(id, sizeof id, "B%07u", k);
        x->id = arena_strdup(&fx.ds.arena, id);
        x->project = k % 3;
        x->firm = k % 3;
        x->instrument = k % 3;
        x->agency = k % 2;
        x->amount = 1000 + k;
        x->date = 20250101 + (int32_t)(k % 12) * 100 + (int32_t)(k % 28);
        x->status = ALLOC_EXECUTED;
    }
    aggregate(&fx.ds, &fx.cfg.period, &fx.fig);
    struct rusage before, after;
    getrusage(RUSAGE_SELF, &before);
    assert_int_equal(xlsx_write_file(&fx.ctx, fx.dir, "big.xlsx"), EXIT_OK);
    getrusage(RUSAGE_SELF, &after);
    long grew_kb = after.ru_maxrss - before.ru_maxrss;
    print_message("peak RSS grew by %ld KB writing %u rows\n", grew_kb, n);
    assert_true(grew_kb < 32 * 1024);
    teardown_fx(&fx);
}

/* ---- xlsx_fastcells.c against the library's own functions ---- */

typedef void (*cell_writer_fn)(lxw_worksheet *self, char *range, int32_t style_index, lxw_cell *cell);
void _write_number_cell(lxw_worksheet *self, char *range, int32_t style_index, lxw_cell *cell);
void _write_inline_string_cell(lxw_worksheet *self, char *range, int32_t style_index, lxw_cell *cell);
void _write_row(lxw_worksheet *self, lxw_row *row, char *spans);

static void *lib_fn(const char *name)
{
    void *p = dlsym(RTLD_NEXT, name); /* the library's definition, after this executable's */
    assert_non_null(p);
    return p;
}

/* What a cell writer writes, as a malloc'd string. */
static char *written(cell_writer_fn w, const char *range, int32_t style, lxw_cell *cell)
{
    lxw_worksheet *ws = calloc(1, sizeof *ws);
    char *buf = NULL;
    size_t len = 0;
    ws->file = open_memstream(&buf, &len);
    assert_non_null(ws->file);
    w(ws, (char *)range, style, cell);
    fclose(ws->file);
    free(ws);
    return buf;
}

static void test_fast_cells(void **state)
{
    (void)state;
    assert_string_equal(lxw_version(), "1.1.4"); /* else the copies forward: this test checks nothing */
    void (*lib_rowcol)(char *, lxw_row_t, lxw_col_t);
    void *p = lib_fn("lxw_rowcol_to_cell");
    memcpy(&lib_rowcol, &p, sizeof p);
    static const lxw_col_t cols[] = {0, 1, 24, 25, 26, 27, 51, 52, 701, 702, 703, 18277, 16383};
    static const lxw_row_t rows[] = {0, 1, 8, 9, 98, 99, 12345, 1048574, 1048575};
    for (size_t c = 0; c < ARRAY_LEN(cols); c++)
        for (size_t r = 0; r < ARRAY_LEN(rows); r++) {
            char mine[LXW_MAX_CELL_NAME_LENGTH + 8], theirs[LXW_MAX_CELL_NAME_LENGTH + 8];
            lxw_rowcol_to_cell(mine, rows[r], cols[c]);
            lib_rowcol(theirs, rows[r], cols[c]);
            assert_string_equal(mine, theirs);
        }

    cell_writer_fn lib_num, lib_str;
    p = lib_fn("_write_number_cell");
    memcpy(&lib_num, &p, sizeof p);
    p = lib_fn("_write_inline_string_cell");
    memcpy(&lib_str, &p, sizeof p);
    static const double nums[] = {0, -0.0, 1, -1, 7, 79170000, -123456, 0.5, 79.17, 1e-7, 12.5e9,
                                  999999999999999, -999999999999999, 1e15, 1e15 + 1, 9007199254740993.0,
                                  1e16, 1e22, 123456789012345678.0, 4.5e-300, NAN, INFINITY, -INFINITY};
    static const int32_t styles[] = {0, 3, 41};
    for (size_t i = 0; i < ARRAY_LEN(nums); i++)
        for (size_t k = 0; k < ARRAY_LEN(styles); k++) {
            lxw_cell cell = {.type = NUMBER_CELL, .u.number = nums[i]};
            char *mine = written(_write_number_cell, "XFD1048576", styles[k], &cell);
            char *theirs = written(lib_num, "XFD1048576", styles[k], &cell);
            assert_string_equal(mine, theirs);
            free(mine);
            free(theirs);
        }
    /* Decimals (79.17 in 백만원, rates), near them by an ulp or two, and any double. */
    srand(14);
    for (int i = 0; i < 60000; i++) {
        double v;
        int kind = i % 4;
        if (kind < 3) {
            int k = 1 + rand() % 8;
            double den = pow(10, k);
            long long m = ((long long)rand() << 20 ^ rand()) % (long long)pow(10, 1 + rand() % 15);
            v = (double)m / den;
            if (kind == 1)
                v = nextafter(v, INFINITY);
            else if (kind == 2)
                v = nextafter(nextafter(v, -INFINITY), -INFINITY);
        } else {
            v = ldexp((double)rand() / RAND_MAX + 0.5, rand() % 70 - 20);
        }
        if (rand() % 2)
            v = -v;
        lxw_cell cell = {.type = NUMBER_CELL, .u.number = v};
        char *mine = written(_write_number_cell, "C3", 0, &cell);
        char *theirs = written(lib_num, "C3", 0, &cell);
        assert_string_equal(mine, theirs);
        free(mine);
        free(theirs);
    }
    /* xlsx_num_width counts digits without printf: as "%.0f" with separators. */
    static const double widths[] = {0, 0.4, 0.5, 1.5, 2.5, 9.4999, 9.5, 99.5, 999.5, 1234.5, 999999.5, -0.5, -9.5,
                                    -1234567, 1e15, 9.999999999999999e18, 1e19, 1e22, NAN};
    for (size_t i = 0; i < ARRAY_LEN(widths); i++) {
        char ref[400];
        int n = snprintf(ref, sizeof ref, "%.0f", fabs(widths[i]));
        assert_int_equal(xlsx_num_width(widths[i]), n + (n - 1) / 3 + (widths[i] < 0));
    }
    char *longs = malloc(5001);
    for (int i = 0; i < 5000; i++)
        longs[i] = "a&<>b "[i % 6];
    longs[5000] = '\0';
    const char *strs[] = {"plain", " lead", "trail ", "tab\t", "\nnl", "a&b<c>d", "&", "<", ">x ",
                          "부산테크노파크", "=SUM(A1:A9)", "two\nlines", "x", "\xc2\xa0nbsp", longs};
    for (size_t i = 0; i < ARRAY_LEN(strs); i++)
        for (size_t k = 0; k < ARRAY_LEN(styles); k++) {
            lxw_cell cell = {.type = INLINE_STRING_CELL, .u.string = (char *)strs[i]};
            char *mine = written(_write_inline_string_cell, "B7", styles[k], &cell);
            char *theirs = written(lib_str, "B7", styles[k], &cell);
            assert_string_equal(mine, theirs);
            free(mine);
            free(theirs);
        }
    free(longs);

    /* Rows: the plain one is written here, every other kind by the library. */
    void (*lib_row)(lxw_worksheet *, lxw_row *, char *);
    p = lib_fn("_write_row");
    memcpy(&lib_row, &p, sizeof p);
    lxw_format *fmt = calloc(1, sizeof *fmt);
    fmt->xf_index = 3;
    for (int k = 0; k < 9; k++) {
        lxw_row row = {.row_num = k == 1 ? 1048575 : 6, .data_changed = k != 2, .height_changed = k == 3,
                       .height = k == 3 ? 30 : 0, .hidden = k == 4, .level = k == 5 ? 1 : 0,
                       .collapsed = k == 6, .format = k == 7 ? fmt : NULL};
        char *out[2];
        size_t len[2];
        for (int w = 0; w < 2; w++) {
            lxw_worksheet *ws = calloc(1, sizeof *ws);
            ws->default_row_height = LXW_DEF_ROW_HEIGHT;
            ws->excel_version = k == 8 ? 2010 : 2007;
            ws->file = open_memstream(&out[w], &len[w]);
            (w ? lib_row : _write_row)(ws, &row, NULL);
            fclose(ws->file);
            free(ws);
        }
        assert_string_equal(out[0], out[1]);
        free(out[0]);
        free(out[1]);
    }
    free(fmt);

    char *(*lib_escape)(const char *);
    p = lib_fn("lxw_escape_control_characters");
    memcpy(&lib_escape, &p, sizeof p);
    size_t (*lib_strlen)(const char *);
    p = lib_fn("lxw_utf8_strlen");
    memcpy(&lib_strlen, &p, sizeof p);
    const char *texts[] = {"", "plain", "tab\tnl\n", "bell\x07", "\x1f\x01x", "부산 테크노파크", "\r\n",
                           "a longer line of text with a tab\there", "a longer line, a bell \x07 inside it",
                           "부산 테크노파크 (주)엠티에이치 연구소\x1f", "\x7f\xff\xc0\x80 bytes 0x7f and up, no controls"};
    for (size_t i = 0; i < ARRAY_LEN(texts); i++) {
        char *mine = lxw_escape_control_characters(texts[i]), *theirs = lib_escape(texts[i]);
        assert_string_equal(mine, theirs);
        free(mine);
        free(theirs);
        assert_int_equal(lxw_utf8_strlen(texts[i]), lib_strlen(texts[i]));
    }
    char *end = NULL;
    size_t end_len = 0;
    FILE *f = open_memstream(&end, &end_len);
    lxw_xml_end_tag(f, "row");
    lxw_xml_end_tag(f, "sheetData");
    fclose(f);
    assert_string_equal(end, "</row></sheetData>");
    free(end);
}

/* ---- xlsx_tmpfile.c: libxlsxwriter's temporary files in memory, then on disk ---- */

/* The same writes, seeks and reads on lxw_tmpfile's stream and on a real
 * tmpfile() give the same bytes, in memory (budget 16 MiB), spilled on the
 * first write (0) and spilled midway (200 KB), with the stream's position
 * kept across the spill. */
static void test_tmpfile(void **state)
{
    (void)state;
    static const int64_t budgets[] = {16 << 20, 0, 200000};
    char *data = malloc(700000);
    for (size_t i = 0; i < 700000; i++)
        data[i] = (char)('a' + i * 7 % 26);
    for (size_t b = 0; b < ARRAY_LEN(budgets); b++) {
        xlsx_tmpfile_reset(budgets[b]);
        FILE *f[2] = {lxw_tmpfile((char *)"."), tmpfile()};
        assert_non_null(f[0]);
        assert_non_null(f[1]);
        char *got[2];
        for (int k = 0; k < 2; k++) {
            assert_int_equal(fwrite(data, 1, 300000, f[k]), 300000);
            assert_int_equal(fseeko(f[k], 1000, SEEK_SET), 0);
            fputs("<overwritten>", f[k]);
            assert_int_equal(fseeko(f[k], 0, SEEK_END), 0);
            assert_int_equal(ftello(f[k]), 300000);
            assert_int_equal(fseeko(f[k], 70000, SEEK_CUR), 0); /* past the end: a gap of zeros */
            assert_int_equal(fwrite(data + 300000, 1, 400000, f[k]), 400000);
            fflush(f[k]);
            rewind(f[k]);
            got[k] = calloc(1, 800000);
            assert_int_equal(fread(got[k], 1, 800000, f[k]), 770000);
            assert_true(feof(f[k]) && !ferror(f[k]));
            assert_int_equal(fclose(f[k]), 0);
        }
        assert_memory_equal(got[0], got[1], 770000);
        free(got[0]);
        free(got[1]);
        assert_int_equal(xlsx_tmpfile_error(), 0);
    }
    free(data);
    xlsx_tmpfile_reset(16 << 20);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clean),
        cmocka_unit_test(test_fast_cells),
        cmocka_unit_test(test_tmpfile),
        cmocka_unit_test(test_serial_date),
        cmocka_unit_test(test_chart_height),
        cmocka_unit_test(test_file_name),
        cmocka_unit_test(test_quarter_alignment),
        cmocka_unit_test(test_renderer_entry),
        cmocka_unit_test(test_reproducible),
        cmocka_unit_test(test_direct_rows),
        cmocka_unit_test(test_xrow_cells),
        cmocka_unit_test(test_missing_directory),
        cmocka_unit_test(test_full_disk),
        cmocka_unit_test(test_write_and_read_back),
        cmocka_unit_test(test_memory_flat),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
