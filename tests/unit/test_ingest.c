/* test_ingest.c — ingest_all() on small CSV files written to a mkdtemp scratch_dir.
 *
 * Every expected line:col below was counted by hand from the file text in
 * the test (columns in characters, 1-based, of the field's first character).
 * The equivalence test writes the same data twice — UTF-8 with English
 * headers and won, then CP949 with Korean headers, (천원), CRLF, shuffled
 * columns, short region names and undashed numbers — and requires identical
 * datasets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exitcodes.h"
#include "ingest.h"
#include "model.h"
#include "scratch.h"


static void put(const char *name, const char *text)
{
    scratch_write(name, text, strlen(text));
}

/* Writes text converted from UTF-8 to CP949 (and LF → CRLF when crlf). */
static void put_cp949(const char *name, const char *text, bool crlf)
{
    size_t n = strlen(text);
    char *lf = malloc(2 * n + 1), *o = lf;
    for (const char *p = text; *p; p++) {
        if (crlf && *p == '\n')
            *o++ = '\r';
        *o++ = *p;
    }
    *o = '\0';
    iconv_t cd = iconv_open("CP949", "UTF-8");
    assert_true(cd != (iconv_t)-1);
    char *out = malloc(2 * n + 16), *op = out, *ip = lf;
    size_t il = strlen(lf), ol = 2 * n + 16;
    assert_int_equal(iconv(cd, &ip, &il, &op, &ol), 0);
    iconv_close(cd);
    *op = '\0';
    put(name, out);
    free(out);
    free(lf);
}

static char *path_of(const char *name)
{
    static char paths[3][160];
    static int k;
    k = (k + 1) % 3;
    snprintf(paths[k], sizeof paths[k], "%s/%s", scratch_dir, name);
    return paths[k];
}

static int run(const char *p, const char *f, const char *a, dataset *ds, diag_list *d)
{
    ingest_options o;
    memset(&o, 0, sizeof o);
    o.paths[SRC_PROJECTS] = path_of(p);
    o.paths[SRC_FIRMS] = path_of(f);
    o.paths[SRC_ALLOCATIONS] = path_of(a);
    o.encoding = ENC_AUTO;
    o.hash = true;
    memset(ds, 0, sizeof *ds);
    memset(d, 0, sizeof *d);
    int rc = ingest_all(&o, ds, d);
    diag_sort(d);
    return rc;
}

typedef struct want {
    const char *file; /* suffix of the path */
    uint32_t line, col;
    diag_severity sev;
    const char *text; /* substring of the message */
} want;

/* The diagnostics are exactly `w` (in sorted order). */
static void expect(const diag_list *d, const want *w, size_t n)
{
    for (size_t i = 0; i < d->n && i < n; i++) {
        const diag *x = &d->v[i];
        size_t fl = strlen(x->file), wl = strlen(w[i].file);
        if (fl < wl || strcmp(x->file + fl - wl, w[i].file) != 0 || x->line != w[i].line ||
            x->col != w[i].col || x->sev != w[i].sev || !strstr(x->msg, w[i].text))
            fail_msg("diag %zu: got %s:%u:%u: [%d] %s\n  want %s:%u:%u: [%d] ...%s...", i, x->file,
                     x->line, x->col, x->sev, x->msg, w[i].file, w[i].line, w[i].col, w[i].sev,
                     w[i].text);
    }
    if (d->n != n) {
        for (size_t i = 0; i < d->n; i++)
            fprintf(stderr, "  %s:%u:%u: %s\n", d->v[i].file, d->v[i].line, d->v[i].col,
                    d->v[i].msg);
        fail_msg("%zu diagnostics, want %zu", d->n, n);
    }
}

static const char *projects_csv =
    "project_id,region,title,lead_agency,phase,start_year,end_year,budget_krw,fields,grade\n"
    "P1,부산광역시,부산 과제,부산테크노파크,1.0,2024,2026,10000000000,소재; 부품;,우수\n"
    "P2,대구광역시,\"대구, 과제\",대구테크노파크,,2024,2025,,,\n";

/* 123-45-67891, 602-81-12349 and 111-11-11119 have valid check digits (test_parse.c). */
static const char *firms_csv =
    "firm_id,name,ceo,region,city,industry,employees,revenue_krw,export_krw,founded\n"
    "123-45-67891,가나,홍길동,부산광역시,강서구,제조,85,23400000000,5100000000,1998\n"
    "602-81-12349,다라,,대구광역시,,,,,,\n"
    "111-11-11119,\"마바 \"\"주\"\"\",,서울특별시,,,0,1000000,,\n";

static const char *allocs_csv =
    "alloc_id,project_id,firm_id,instrument,agency,amount_krw,date,status\n"
    "A1,P1,123-45-67891,수출바우처,중진공,150000000,2024-05-13,집행\n"
    "A2,P2,602-81-12349,스마트공장,,\"1,500,000\",2024.06.01,선정\n"
    "A3,P1,111-11-11119,수출바우처,기정원,₩2000000,2025. 1. 2.,취소\n"
    "A4,P2,111-11-11119,정책자금,중진공,7000원,20250303,\n";

static void check_base(const dataset *ds)
{
    assert_int_equal(ds->nprojects, 2);
    assert_string_equal(ds->projects[0].id, "P1");
    assert_int_equal(ds->projects[0].region, 1);
    assert_int_equal(ds->projects[0].budget, INT64_C(10000000000));
    assert_int_equal(ds->projects[0].nfields, 2);
    assert_string_equal(ds->projects[0].fields[1], "부품");
    assert_int_equal(ds->projects[0].grade, GRADE_EXCELLENT);
    assert_string_equal(ds->projects[1].title, "대구, 과제");
    assert_int_equal(ds->projects[1].budget, WON_ABSENT);
    assert_null(ds->projects[1].phase);
    assert_int_equal(ds->nfirms, 3);
    assert_string_equal(ds->firms[0].id, "1234567891");
    assert_string_equal(ds->firms[2].name, "마바 \"주\"");
    assert_int_equal(ds->firms[0].employees, 85);
    assert_int_equal(ds->firms[1].employees, -1);
    assert_int_equal(ds->firms[2].employees, 0);
    assert_int_equal(ds->firms[0].exports, INT64_C(5100000000));
    assert_int_equal(ds->firms[1].revenue, WON_ABSENT);
    assert_int_equal(ds->nallocs, 4);
    assert_int_equal(ds->allocs[1].amount, 1500000);
    assert_int_equal(ds->allocs[2].amount, 2000000);
    assert_int_equal(ds->allocs[3].amount, 7000);
    assert_int_equal(ds->allocs[2].date, 20250102);
    assert_int_equal(ds->allocs[2].status, ALLOC_CANCELLED);
    assert_int_equal(ds->allocs[1].status, ALLOC_SELECTED);
    assert_int_equal(ds->allocs[3].status, ALLOC_EXECUTED);
    assert_int_equal(ds->allocs[3].project, 1);
    assert_int_equal(ds->allocs[3].firm, 2);
    assert_int_equal(ds->ninstruments, 3);
    assert_string_equal(ds->instruments[2], "정책자금");
    assert_int_equal(ds->nagencies, 2);
    assert_int_equal(ds->allocs[1].agency, NO_INDEX);
    assert_int_equal(ds->allocs[3].agency, 0);
}

static void same_dataset(const dataset *a, const dataset *b)
{
    assert_int_equal(a->nprojects, b->nprojects);
    for (uint32_t i = 0; i < a->nprojects; i++) {
        const project *x = &a->projects[i], *y = &b->projects[i];
        assert_string_equal(x->id, y->id);
        assert_string_equal(x->title, y->title);
        assert_string_equal(x->lead_agency, y->lead_agency);
        assert_true((x->phase == NULL) == (y->phase == NULL));
        assert_int_equal(x->region, y->region);
        assert_int_equal(x->start_year, y->start_year);
        assert_int_equal(x->end_year, y->end_year);
        assert_int_equal(x->budget, y->budget);
        assert_int_equal(x->grade, y->grade);
        assert_int_equal(x->nfields, y->nfields);
        for (uint32_t k = 0; k < x->nfields; k++)
            assert_string_equal(x->fields[k], y->fields[k]);
    }
    assert_int_equal(a->nfirms, b->nfirms);
    for (uint32_t i = 0; i < a->nfirms; i++) {
        const firm *x = &a->firms[i], *y = &b->firms[i];
        assert_string_equal(x->id, y->id);
        assert_string_equal(x->name, y->name);
        assert_int_equal(x->region, y->region);
        assert_int_equal(x->employees, y->employees);
        assert_int_equal(x->revenue, y->revenue);
        assert_int_equal(x->exports, y->exports);
        assert_int_equal(x->founded, y->founded);
        assert_true((x->ceo == NULL) == (y->ceo == NULL));
    }
    assert_int_equal(a->nallocs, b->nallocs);
    for (uint32_t i = 0; i < a->nallocs; i++) {
        const allocation *x = &a->allocs[i], *y = &b->allocs[i];
        assert_string_equal(x->id, y->id);
        assert_int_equal(x->project, y->project);
        assert_int_equal(x->firm, y->firm);
        assert_int_equal(x->instrument, y->instrument);
        assert_int_equal(x->agency, y->agency);
        assert_int_equal(x->amount, y->amount);
        assert_int_equal(x->date, y->date);
        assert_int_equal(x->status, y->status);
        assert_int_equal(x->line, y->line);
    }
    assert_int_equal(a->ninstruments, b->ninstruments);
    for (uint32_t i = 0; i < a->ninstruments; i++)
        assert_string_equal(a->instruments[i], b->instruments[i]);
    assert_int_equal(a->nagencies, b->nagencies);
    for (uint32_t i = 0; i < a->nagencies; i++)
        assert_string_equal(a->agencies[i], b->agencies[i]);
}

static void test_valid_and_equivalent(void **state)
{
    (void)state;
    put("p.csv", projects_csv);
    put("f.csv", firms_csv);
    put("a.csv", allocs_csv);
    dataset a, b;
    diag_list d;
    assert_int_equal(run("p.csv", "f.csv", "a.csv", &a, &d), EXIT_OK);
    expect(&d, NULL, 0);
    check_base(&a);
    assert_int_equal(a.files[SRC_ALLOCATIONS].rows, 4);
    assert_int_equal(a.files[SRC_ALLOCATIONS].encoding, ENC_UTF8);
    assert_true(a.files[SRC_FIRMS].has_sha256);
    assert_int_equal(a.projects[1].line, 3);
    assert_int_equal(a.allocs[3].line, 5);
    diag_free(&d);

    /* Same data: Korean headers with units, CP949, CRLF, shuffled columns,
     * short region names, no dashes, amounts in 천원 and 억원. */
    put_cp949("p2.csv",
              " 평가등급 ,프로젝트ID,시도,프로젝트명,주관기관,단계,시작연도,종료연도,사업비(억원),특화분야\n"
              "우수,P1,부산,부산 과제,부산테크노파크,1.0,2024,2026,100,소재;부품\n"
              ",P2,대구시,\"대구, 과제\",대구테크노파크,,2024,2025,,\n",
              true);
    put_cp949("f2.csv",
              "기업명,사업자등록번호,대표자,시도,시군구,업종,상시근로자수(명),매출액(백만원),수출액(백만원),설립연도\n"
              "가나,1234567891,홍길동,부산,강서구,제조,85,\"23,400\",5100,1998\n"
              "다라,6028112349,,대구,,,,,,\n"
              "\"마바 \"\"주\"\"\",1111111119,,서울,,,0,1,,\n",
              true);
    put_cp949("a2.csv",
              "지원금액(천원),지원ID,프로젝트ID,사업자등록번호,정책수단,지원기관,집행일,상태\n"
              "150000,A1,P1,1234567891,수출바우처,중진공,2024-05-13,집행\n"
              "\"1,500\",A2,P2,6028112349,스마트공장,,2024/06/01,선정\n"
              "2000,A3,P1,1111111119,수출바우처,기정원,2025-01-02,취소\n"
              "7,A4,P2,1111111119,정책자금,중진공,2025.03.03,\n",
              true);
    assert_int_equal(run("p2.csv", "f2.csv", "a2.csv", &b, &d), EXIT_OK);
    expect(&d, NULL, 0);
    assert_int_equal(b.files[SRC_ALLOCATIONS].encoding, ENC_CP949);
    same_dataset(&a, &b);
    dataset_free(&a);
    dataset_free(&b);
    diag_free(&d);
}

static void test_row_faults(void **state)
{
    (void)state;
    put("p.csv", projects_csv);
    put("f.csv", firms_csv);
    put("a.csv",
        "alloc_id,project_id,firm_id,instrument,agency,amount_krw,date,status\n"   /* 1 */
        "A1,P1,123-45-67891,수출바우처,중진공,\"12,3x4\",2024-05-13,집행\n"        /* 2 */
        "A2,P9,6028112349,스마트공장,,100,2024-02-30,보류\n"                       /* 3 */
        "A3,P1,\"111-11-11119\",수출바우처,\"기정원\n"                              /* 4 */
        "부설\",0,2024-01-01,\n"                                                    /* 5 */
        "\n"                                                                         /* 6 */
        "A1,P1,602-81-12345,수출바우처,,5,20240101,\n"                              /* 7 */
        "A4,P1,1234567891,,,5,2024-01-01,집행,extra\n"                              /* 8 */
        "A5,P2,1234567891,수출바우처\n"                                             /* 9 */
        "A6,P1,1234567891,수출바우처,,5,2027-01-01,\n");                            /* 10 */
    dataset ds;
    diag_list d;
    assert_int_equal(run("p.csv", "f.csv", "a.csv", &ds, &d), EXIT_DATA);
    static const want w[] = {
        {"a.csv", 2, 30, DIAG_ERROR, "지원금액 (amount_krw): \"12,3x4\" is not an amount"},
        {"a.csv", 3, 4, DIAG_ERROR, "프로젝트ID (project_id): \"P9\" is not in"},
        {"a.csv", 3, 29, DIAG_ERROR, "집행일 (date): \"2024-02-30\" is not a date"},
        {"a.csv", 3, 40, DIAG_ERROR, "상태 (status): \"보류\" is not one of 선정, 집행, 취소"},
        {"a.csv", 5, 5, DIAG_ERROR, "지원금액 (amount_krw): \"0\" is 0, and an allocation of 0 won supports no firm: leave the row out, or enter the amount"},
        {"a.csv", 7, 1, DIAG_ERROR, "\"A1\" appears twice (first on line 2)"},
        {"a.csv", 7, 7, DIAG_ERROR, "사업자등록번호 (firm_id): \"602-81-12345\" is not a business"},
        {"a.csv", 8, 18, DIAG_ERROR, "정책수단 (instrument): missing value"},
        {"a.csv", 8, 36, DIAG_ERROR, "this row has 9 fields but the header has 8"},
        {"a.csv", 9, 23, DIAG_ERROR, "this row has 4 fields but the header has 8: 지원기관 (agency) "
                                      "and what follows it is missing here"},
        {"a.csv", 10, 27, DIAG_WARNING, "outside the project's years 2024..2026"},
    };
    expect(&d, w, ARRAY_LEN(w));
    assert_int_equal(diag_errors(&d), 10);
    dataset_free(&ds);
    diag_free(&d);
}

/* An amount written with thousands separators and not quoted: one error at
 * the amount naming both fixes, and the rest of the row still checked at its
 * real columns (the date after it); an extra field nothing explains (a
 * trailing comma) keeps the general message. */
static void test_amount_cut_by_commas(void **state)
{
    (void)state;
    put("p.csv", projects_csv);
    put("f.csv", firms_csv);
    put("a.csv",
        "alloc_id,project_id,firm_id,instrument,agency,amount_krw,date,status\n" /* 1 */
        "A1,P1,1234567891,수출바우처,중진공,1,234,567,2024-02-30,집행\n"       /* 2 */
        "A2,P1,1234567891,수출바우처,중진공,12,000원,2024-05-13,보류\n"         /* 3 */
        "A4,P1,1234567891,수출바우처,중진공,5,2024-05-13,집행,\n");             /* 4 */
    dataset ds;
    diag_list d;
    assert_int_equal(run("p.csv", "f.csv", "a.csv", &ds, &d), EXIT_DATA);
    static const want w[] = {
        {"a.csv", 2, 28, DIAG_ERROR, "지원금액 (amount_krw): 1,234,567 is cut into 3 fields by its "
                                      "thousands separators (a value with commas must be quoted): "
                                      "write it as \"1,234,567\" or as 1234567"},
        {"a.csv", 2, 38, DIAG_ERROR, "집행일 (date): \"2024-02-30\" is not a date"},
        {"a.csv", 3, 28, DIAG_ERROR, "지원금액 (amount_krw): 12,000원 is cut into 2 fields"},
        {"a.csv", 3, 47, DIAG_ERROR, "상태 (status): \"보류\" is not one of"},
        {"a.csv", 4, 44, DIAG_ERROR, "this row has 9 fields but the header has 8 (an unquoted comma"},
    };
    expect(&d, w, ARRAY_LEN(w));
    assert_int_equal(diag_errors(&d), 5);
    dataset_free(&ds);
    diag_free(&d);
}

static void test_firm_and_project_faults(void **state)
{
    (void)state;
    put("p.csv",
        "project_id,region,title,lead_agency,start_year,end_year,grade\r\n"
        "P1,부산,제목,기관,2026,2024,최우수\r\n"       /* end < start at col 18; grade at col 23 */
        "P1,화성,제목,,2024,2024,\r\n");              /* dup id; region; lead missing */
    put("f.csv",
        "firm_id,name,region,employees,revenue_krw,export_krw,founded\n"
        "123-45-67891,가,서울,-1,100,200,1899\n");
    put("a.csv", "alloc_id,project_id,firm_id,instrument,amount_krw,date\n");
    dataset ds;
    diag_list d;
    assert_int_equal(run("p.csv", "f.csv", "a.csv", &ds, &d), EXIT_DATA);
    /* Line 2 of f.csv: "123-45-67891," 1-13, "가," 14-15, "서울," 16-18, "-1," 19-21,
     * "100," 22-25, "200," 26-29, founded 30. */
    static const want w[] = {
        {"f.csv", 2, 19, DIAG_ERROR, "상시근로자수 (employees): -1 is negative"},
        {"f.csv", 2, 26, DIAG_WARNING, "수출액 (export_krw): 200 원 is more than the revenue 100 원"},
        {"f.csv", 2, 30, DIAG_ERROR, "설립연도 (founded): \"1899\" is not a year"},
        {"p.csv", 2, 18, DIAG_ERROR, "종료연도 (end_year): 2024 is before the start year 2026"},
        {"p.csv", 2, 23, DIAG_ERROR, "평가등급 (grade): \"최우수\" is not one of 우수, 보통, 미흡"},
        {"p.csv", 3, 1, DIAG_ERROR, "\"P1\" appears twice (first on line 2)"},
        {"p.csv", 3, 4, DIAG_ERROR, "시도 (region): \"화성\" is not one of the 17 시·도"},
        {"p.csv", 3, 10, DIAG_ERROR, "주관기관 (lead_agency): missing value"},
    };
    expect(&d, w, ARRAY_LEN(w));
    assert_int_equal(ds.files[SRC_ALLOCATIONS].rows, 0); /* header only is fine */
    dataset_free(&ds);
    diag_free(&d);
}

/* region_sigungu: the 시·도 of a 시·군·구 name, for the hint of a 시·도 column
 * that holds one. */
static void test_region_sigungu(void **state)
{
    (void)state;
    size_t rest;
#define SG(s) region_sigungu(s, strlen(s), &rest)
    assert_int_equal(SG("강릉시"), 1u << 9); /* 강원 */
    assert_int_equal(rest, 0);
    assert_int_equal(SG("강릉"), 1u << 9);   /* without 시 */
    assert_int_equal(SG("고성군"), 1u << 9 | 1u << 15);
    assert_int_equal(SG("중구"), 1u << 0 | 1u << 1 | 1u << 2 | 1u << 3 | 1u << 5 | 1u << 6);
    assert_int_equal(SG("중"), 0);           /* a stem of one syllable is no name */
    assert_int_equal(SG("군위군"), 1u << 2); /* 대구 since 2023 */
    assert_int_equal(SG("제물포구"), 1u << 3);
    assert_int_equal(SG("마산시"), 1u << 15);
    assert_int_equal(SG("울산북구"), 1u << 6);
    assert_int_equal(rest, strlen("울산"));
    assert_int_equal(SG("인천시중구"), 1u << 3);
    assert_int_equal(rest, strlen("인천시"));
    assert_int_equal(SG("인천광역시남동구"), 1u << 3);
    assert_int_equal(rest, strlen("인천광역시"));
    assert_int_equal(SG("울산남동구"), 0);   /* 남동구 is 인천's */
    assert_int_equal(SG("경상북부"), 0);
    assert_int_equal(SG(""), 0);
    /* every 시·도 has its list, and each 시 or 군 is found by its stem too */
    static const char *const some[] = {"수원시", "춘천시", "청주시", "천안시", "전주시", "목포시",
                                       "포항시", "창원시", "서귀포시", "울주군", "기장군", "유성구"};
    for (size_t i = 0; i < sizeof some / sizeof *some; i++) {
        assert_int_not_equal(SG(some[i]), 0);
        assert_int_equal(region_sigungu(some[i], strlen(some[i]) - 3, &rest), SG(some[i]));
    }
#undef SG
}

/* region_near: typos of a 시·도 name, and no guess for what is not one. */
static void test_region_near(void **state)
{
    (void)state;
#define NEAR(s) region_near(s, strlen(s))
    assert_int_equal(NEAR("서울특별시시"), 0);
    assert_int_equal(NEAR("서울특별"), 0);
    assert_int_equal(NEAR("부산광여시"), 1);
    assert_int_equal(NEAR("부선"), 1);
    assert_int_equal(NEAR("전라북두"), region_parse("전북", strlen("전북"))); /* the name before 2024 */
    assert_int_equal(NEAR("경기두"), region_parse("경기", strlen("경기")));
    assert_int_equal(NEAR("제주특별자치"), region_parse("제주", strlen("제주")));
    static const char *const none[] = {"경상도", "전라도", "충청도", "대한민국", "해외", "미국", "본사",
                                       "기타", "농림축산식품부", "충북청주시", "", "가",
                                       "서울특별시서울특별시서울특별시서울특별시서울특별시"};
    for (size_t i = 0; i < sizeof none / sizeof *none; i++)
        if (NEAR(none[i]) != REGION_NONE)
            fail_msg("region_near(\"%s\") = %d, want none", none[i], NEAR(none[i]));
#undef NEAR
}

static void test_headers(void **state)
{
    (void)state;
    put("p.csv",
        "Project ID,시도,Region (부산),lead_agency,비고,budget_krw(달러)\n"
        "P1,부산,부산,기관,x,1\n");
    put("f.csv", "\xEF\xBB\xBF\"firm_id\",NAME,region\n");
    put("a.csv", "alloc_id,project_id,firm_id,instrument,amount_krw\n");
    dataset ds;
    diag_list d;
    assert_int_equal(run("p.csv", "f.csv", "a.csv", &ds, &d), EXIT_DATA);
    /* "Project ID," 1-11, "시도," 12-14, "Region (부산)" starts at 15; "lead_agency," 27-38,
     * "비고," 39-41, budget at 42. */
    static const want w[] = {
        {"a.csv", 1, 0, DIAG_ERROR, "missing required column 집행일 (date)"},
        {"p.csv", 1, 0, DIAG_ERROR, "missing required column 프로젝트명 (title)"},
        {"p.csv", 1, 0, DIAG_NOTE, "unknown column ignored: \"비고\""},
        {"p.csv", 1, 15, DIAG_ERROR, "duplicate column 시도 (region): it is also column 2"},
        {"p.csv", 1, 42, DIAG_ERROR, "사업비 (budget_krw): unknown unit \"(달러)\""},
    };
    expect(&d, w, ARRAY_LEN(w));
    assert_int_equal(ds.files[SRC_FIRMS].encoding, ENC_UTF8_BOM);
    dataset_free(&ds);
    diag_free(&d);
}

static void test_syntax(void **state)
{
    (void)state;
    put("p.csv", "project_id,region,title,lead_agency\nP1,부산,\"open title,x\n\nmore\n");
    put("f.csv", firms_csv);
    put("a.csv",
        "alloc_id,project_id,firm_id,instrument,agency,amount_krw,date,status\n"
        "A1,P1,123-45-67891,\"수출\n"
        "바우처\",중진공,5,2024-01-01,\n"
        "A2,P1,123-45-67891,수출바우처,중\"진공,5,2024-01-01,\n"
        "A3,P1,123-45-67891,\"수출\"바우처,중진공,5,2024-01-01,\n");
    dataset ds;
    diag_list d;
    assert_int_equal(run("p.csv", "f.csv", "a.csv", &ds, &d), EXIT_DATA);
    static const want w[] = {
        {"a.csv", 4, 27, DIAG_ERROR, "stray quote"},
        {"p.csv", 2, 7, DIAG_ERROR, "quoted field is never closed"},
    };
    expect(&d, w, ARRAY_LEN(w));
    dataset_free(&ds);
    diag_free(&d);

    /* Text after a closing quote. */
    put("a.csv", "alloc_id,project_id,firm_id,instrument,amount_krw,date\r\nA1,\"P1\"x\r\n");
    assert_int_equal(run("p.csv", "f.csv", "a.csv", &ds, &d), EXIT_DATA);
    static const want w2[] = {
        {"a.csv", 2, 8, DIAG_ERROR, "'x' after the closing quote"},
        {"p.csv", 2, 7, DIAG_ERROR, "quoted field is never closed"},
    };
    expect(&d, w2, ARRAY_LEN(w2));
    dataset_free(&ds);
    diag_free(&d);
}

static void test_unreadable(void **state)
{
    (void)state;
    put("p.csv", "");
    put("f.csv", firms_csv);
    put("bad.csv", "alloc_id,project_id\nA1,\x80\n");
    dataset ds;
    diag_list d;
    assert_int_equal(run("p.csv", "nope.csv", "bad.csv", &ds, &d), EXIT_INPUT);
    static const want w[] = {
        {"bad.csv", 0, 0, DIAG_ERROR, "not UTF-8 or CP949: invalid byte 0x80 at offset 23"},
        {"nope.csv", 0, 0, DIAG_ERROR, "No such file or directory"},
        {"p.csv", 0, 0, DIAG_ERROR, "empty file (no header row)"},
    };
    expect(&d, w, ARRAY_LEN(w));
    dataset_free(&ds);
    diag_free(&d);
}

static void test_limit(void **state)
{
    (void)state;
    put("p.csv", projects_csv);
    put("f.csv", firms_csv);
    char *big = malloc(64 * 1000 + 100);
    strcpy(big, "alloc_id,project_id,firm_id,instrument,amount_krw,date\n");
    for (int i = 0; i < 1000; i++)
        sprintf(big + strlen(big), "X%d,P1,1234567891,수출바우처,-1,2024-01-01\n", i);
    put("a.csv", big);
    free(big);
    ingest_options o;
    memset(&o, 0, sizeof o);
    o.paths[0] = path_of("p.csv");
    o.paths[1] = path_of("f.csv");
    o.paths[2] = path_of("a.csv");
    dataset ds;
    memset(&ds, 0, sizeof ds);
    diag_list d;
    memset(&d, 0, sizeof d);
    /* 1000 times the same error in one column: 5 shown, then one line for
     * the other 995 (at line 7, the sixth row). */
    assert_int_equal(ingest_all(&o, &ds, &d), EXIT_DATA);
    assert_int_equal(d.n, 6);
    assert_int_equal(diag_errors(&d), 1000);
    assert_int_equal(d.dropped, 0);
    assert_int_equal(d.v[4].line, 6);
    assert_int_equal(d.v[5].line, 7);
    assert_non_null(strstr(d.v[5].msg, "지원금액 (amount_krw): 995 more like the 5 above, on lines "
                                       "7, 8, 9, 10, 11 and 990 more"));
    dataset_free(&ds);
    diag_free(&d);
    /* With a limit of 3: three shown, the other 997 counted as not shown. */
    memset(&ds, 0, sizeof ds);
    memset(&d, 0, sizeof d);
    d.limit = 3;
    assert_int_equal(ingest_all(&o, &ds, &d), EXIT_DATA);
    assert_int_equal(d.n, 3);
    assert_int_equal(diag_errors(&d), 1000);
    assert_int_equal(d.dropped, 997);
    assert_int_equal(d.v[2].line, 4);
    dataset_free(&ds);
    diag_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_and_equivalent),
        cmocka_unit_test(test_row_faults),
        cmocka_unit_test(test_amount_cut_by_commas),
        cmocka_unit_test(test_firm_and_project_faults),
        cmocka_unit_test(test_region_sigungu),
        cmocka_unit_test(test_region_near),
        cmocka_unit_test(test_headers),
        cmocka_unit_test(test_syntax),
        cmocka_unit_test(test_unreadable),
        cmocka_unit_test(test_limit),
    };
    return cmocka_run_group_tests(tests, scratch_setup, scratch_teardown);
}
