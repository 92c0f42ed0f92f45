/* test_hwpx.c — the HWPX writer (render/hwpx/): section XML from release
 * documents made by hand, escaping, the package bytes against a golden file,
 * reproducibility and write errors.
 *
 * The golden file tests/unit/golden/release-small.hwpx is one small release
 * (every block kind) written with a fixed time. After an intended change of
 * the writer, rewrite it with `SMR_UPDATE_GOLDEN=1 build/tests/test_hwpx`,
 * check it with tests/tools/hwpx_check.py and hwpxjs, and commit it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <minizip/unzip.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "exitcodes.h"
#include "hwpx_doc.h"
#include "release_doc.h"
#include "scratch.h"
#include "strbuf.h"

#define GOLDEN "tests/unit/golden/release-small.hwpx"

static const char SMALL[] =
    "@title 부산시, 「친환경에너지 집중육성」\n"
    "@title 참여기업 48개 사에 약 97억 원 지원\n"
    "@subtitle 6개 정책수단 연계\n"
    "\n"
    "□ 중소벤처기업부와 부산광역시는 지원했다고 밝혔다.\n"
    "○ 이 프로젝트는 추진하는 사업이다.\n"
    "- 정책수단별로는 스마트공장 약 22억 원 순이다.\n"
    "※ 취소된 지원 건은 제외\n"
    "@box 주요 내용\n"
    "■ 48개 사 지원\n"
    "@end\n"
    "@caption 정책수단별 지원 현황\n"
    "@unit (단위: 백만원)\n"
    "@table 정책수단 | 지원기업 | 지원금액\n"
    "| 스마트공장 | 18 | 2,171 |\n"
    "| 수출바우처 | 20 | 835 |\n"
    "| 합계 | 38 | 3,006 |\n"
    "@end\n"
    "@chart 정책수단별 지원금액\n"
    "| 스마트공장 | 2171000000 | 약 22억 원 |\n"
    "| 수출바우처 | 835000000 | 약 8억 원 | * |\n"
    "@end\n"
    "@contacts\n"
    "| 담당 부서 | 지역기업정책과 |\n"
    "| 책임자 | 과장 김지역 (044-204-7570) |\n"
    "@end\n"
    "@attachment 붙임 1 | 참여기업 목록\n"
    "@group 스마트공장 (2)\n"
    "@table No | 기업명\n"
    "| 1 | (주)가온 & 로보틱스 |\n"
    "| 2 | 합성 설명 행 |\n"
    "@end\n";

static const hwpx_info INFO = {"중소벤처기업부", "배포 즉시", "2025. 1. 1.(수)", "「레전드 50⁺」 보도자료", 1735689600};

static void parse(rdoc *d, const char *markup)
{
    assert_true(rdoc_parse(d, markup, strlen(markup)));
}

static char *section(const char *markup)
{
    rdoc d;
    parse(&d, markup);
    strbuf b = {0};
    hwpx_section_xml(&b, &d, &INFO);
    rdoc_free(&d);
    return sb_take(&b);
}

static size_t count(const char *s, const char *what)
{
    size_t n = 0;
    for (const char *p = strstr(s, what); p; p = strstr(p + 1, what))
        n++;
    return n;
}

/* Text is escaped: & < > " become entities, control characters vanish, a
 * no-break space is 한글's 묶음 빈칸. */
static void test_escaping(void **state)
{
    (void)state;
    char *x = section("○ a & b < c > d \"q\" e\x01" "f\x7f" "g h\xC2\xA0i\n");
    assert_non_null(strstr(x, "<hp:t>○ a &amp; b &lt; c &gt; d &quot;q&quot; efg h<hp:nbSpace/>i</hp:t>"));
    assert_null(strchr(x, '\x01'));
    free(x);
    /* In attributes and metadata too: the header box texts come from config. */
    rdoc d;
    parse(&d, "@header <지금> | \"곧\" & 나중\n");
    strbuf b = {0};
    hwpx_section_xml(&b, &d, &INFO);
    assert_non_null(strstr(sb_str(&b), "<hp:t>&lt;지금&gt;</hp:t>"));
    assert_non_null(strstr(sb_str(&b), "<hp:t>&quot;곧&quot; &amp; 나중</hp:t>"));
    sb_free(&b);
    rdoc_free(&d);
}

/* Paragraph roles: markers kept in the text, each level its paraPr/style. */
static void test_paragraphs(void **state)
{
    (void)state;
    char *x = section(SMALL);
    assert_non_null(strstr(x, "<hp:t>- 6개 정책수단 연계 -</hp:t>")); /* the subtitle's dashes */
    assert_non_null(strstr(x, "<hp:t>□ 중소벤처기업부와"));
    assert_non_null(strstr(x, "<hp:t>○ 이 프로젝트는"));
    assert_non_null(strstr(x, "<hp:t>※ 취소된"));
    assert_non_null(strstr(x, "<hp:t>&lt; 주요 내용 &gt;</hp:t>"));
    /* a figure's spaces are 묶음 빈칸: 한글 breaks the lines itself */
    assert_non_null(strstr(x, "<hp:t>■ 48개<hp:nbSpace/>사 지원</hp:t>"));
    /* The caption centred above its table, before the unit note. */
    const char *cap = strstr(x, "<hp:t>&lt; 정책수단별 지원 현황 &gt;</hp:t>");
    assert_non_null(cap);
    assert_true(cap < strstr(x, "<hp:t>(단위: 백만원)</hp:t>"));
    /* The page number is a control, once; A4 with 56 pt sides. */
    assert_int_equal(count(x, "<hp:pageNum pos=\"BOTTOM_CENTER\" formatType=\"DIGIT\" sideChar=\"-\"/>"), 1);
    assert_non_null(strstr(x, "width=\"59528\" height=\"84186\""));
    assert_non_null(strstr(x, "left=\"5600\" right=\"5600\""));
    /* 붙임 starts a page: exactly one paragraph breaks the page. */
    assert_int_equal(count(x, "pageBreak=\"1\""), 1);
    char *brk = strstr(x, "pageBreak=\"1\"");
    assert_true(brk < strstr(x, "<hp:t>붙임 1</hp:t>") && brk > strstr(x, "지역기업정책과"));
    free(x);
}

/* Tables: a header row marked and repeated, the 합계 row bold and shaded,
 * numbers right-aligned, the header box, contacts and chart as tables. */
static void test_tables(void **state)
{
    (void)state;
    char *x = section(SMALL);
    /* header box + box + data table + chart + contacts + attachment label + firm table */
    assert_int_equal(count(x, "<hp:tbl "), 7);
    assert_int_equal(count(x, "repeatHeader=\"1\""), 2);
    assert_int_equal(count(x, "header=\"1\""), 3 + 2); /* the header cells of both data tables */
    const char *tot = strstr(x, "<hp:t>합계</hp:t>");
    assert_non_null(tot);
    /* The 합계 cell: the total borderFill (5) and bold cell text (charPr 7). */
    const char *tc = tot;
    while (tc > x && strncmp(tc, "<hp:tc ", 7))
        tc--;
    assert_non_null(strstr(tc, "borderFillIDRef=\"5\""));
    assert_true(strstr(tc, "borderFillIDRef=\"5\"") < tot);
    assert_true(strstr(tc, "<hp:run charPrIDRef=\"7\"><hp:t>합계") == tot - strlen("<hp:run charPrIDRef=\"7\">"));
    /* "2,171" sits in a right-aligned paragraph (paraPr 9). */
    const char *num = strstr(x, "<hp:t>2,171</hp:t>");
    assert_non_null(num);
    const char *p = num;
    while (strncmp(p, "<hp:p ", 6))
        p--;
    assert_non_null(strstr(p, "paraPrIDRef=\"9\""));
    assert_true(strstr(p, "paraPrIDRef=\"9\"") < num);
    assert_non_null(strstr(x, "<hp:t>보도자료</hp:t>"));
    assert_non_null(strstr(x, "<hp:t>2025.<hp:nbSpace/>1.<hp:nbSpace/>1.(수)</hp:t>"));
    assert_non_null(strstr(x, "<hp:t>약<hp:nbSpace/>22억<hp:nbSpace/>원</hp:t>"));
    /* The highlighted chart row (a fourth cell) is shaded like a total row. */
    const char *hl = strstr(x, "<hp:t>수출바우처</hp:t>");
    hl = strstr(hl + 1, "<hp:t>수출바우처</hp:t>"); /* the chart's, after the table's */
    assert_non_null(hl);
    const char *hc = hl;
    while (strncmp(hc, "<hp:tc ", 7))
        hc--;
    const char *f5 = strstr(hc, "borderFillIDRef=\"5\"");
    assert_non_null(f5);
    assert_true(f5 < hl);
    assert_non_null(strstr(x, "<hp:t>(주)가온 &amp; 로보틱스</hp:t>"));
    free(x);
}

/* A row shorter than the table: its last cell spans the rest. */
static void test_short_row(void **state)
{
    (void)state;
    char *x = section("@table a | b | c\n| 1 | 2 | 3 |\n| 설명 |\n@end\n");
    assert_non_null(strstr(x, "<hp:cellAddr colAddr=\"0\" rowAddr=\"2\"/><hp:cellSpan colSpan=\"3\""));
    free(x);
}

/* The whole package: the golden bytes, twice the same, errors reported. */
/* The breakSetting attribute attr of the paraPr the style named name uses,
 * in header.xml h ("" when absent). */
static const char *style_break(const char *h, const char *name, const char *attr, char *out, size_t cap)
{
    char key[128];
    snprintf(key, sizeof key, "name=\"%s\"", name);
    const char *st = strstr(h, key);
    assert_non_null(st);
    const char *ref = strstr(st, "paraPrIDRef=\"");
    assert_non_null(ref);
    snprintf(key, sizeof key, "<hh:paraPr id=\"%d\"", atoi(ref + strlen("paraPrIDRef=\"")));
    const char *pp = strstr(h, key);
    assert_non_null(pp);
    const char *bs = strstr(pp, "<hh:breakSetting");
    assert_non_null(bs);
    snprintf(key, sizeof key, " %s=\"", attr);
    const char *a = strstr(bs, key);
    assert_true(a && a < strchr(bs, '>'));
    a += strlen(key);
    size_t n = strcspn(a, "\"");
    assert_true(n < cap);
    memcpy(out, a, n);
    out[n] = '\0';
    return out;
}

/* The body paragraphs ask 한글 for 외톨이줄 보호 (widowOrphan), as the PDF
 * keeps no line alone at a page's foot or top; titles and table cells do
 * not need it. */
static void test_widow_orphan(void **state)
{
    (void)state;
    strbuf h = {0};
    hwpx_header_xml(&h);
    char v[8];
    static const char *const body[] = {"바탕글", "□ 문단", "○ 문단", "- 문단", "※ 주석", "■ 항목"};
    for (size_t i = 0; i < sizeof body / sizeof *body; i++)
        assert_string_equal(style_break(sb_str(&h), body[i], "widowOrphan", v, sizeof v), "1");
    assert_string_equal(style_break(sb_str(&h), "제목", "widowOrphan", v, sizeof v), "0");
    assert_string_equal(style_break(sb_str(&h), "표 내용", "widowOrphan", v, sizeof v), "0");
    assert_string_equal(style_break(sb_str(&h), "붙임 제목", "keepWithNext", v, sizeof v), "1");
    sb_free(&h);
}

static void test_package(void **state)
{
    (void)state;
    rdoc d;
    parse(&d, SMALL);
    hwpx_writer *w = hwpx_writer_new();
    char path[128], again[128];
    snprintf(path, sizeof path, "%s/a.hwpx", scratch_dir);
    snprintf(again, sizeof again, "%s/b.hwpx", scratch_dir);
    assert_int_equal(hwpx_write(w, &d, &INFO, path), EXIT_OK);
    assert_int_equal(hwpx_write(w, &d, &INFO, again), EXIT_OK);
    size_t n1, n2, ng;
    char *a = scratch_read(path, &n1), *b = scratch_read(again, &n2);
    assert_non_null(a);
    assert_non_null(b);
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1);
    /* mimetype first and stored: the local header's name and then the bytes as they are. */
    assert_memory_equal(a + 30, "mimetypeapplication/hwp+zip", 27);
    assert_int_equal(a[8] | a[9] << 8, 0); /* compression method 0 */
    if (getenv("SMR_UPDATE_GOLDEN")) {
        FILE *f = fopen(GOLDEN, "wb");
        assert_non_null(f);
        assert_int_equal(fwrite(a, 1, n1, f), n1);
        assert_int_equal(fclose(f), 0);
    }
    char *g = scratch_read(GOLDEN, &ng);
    assert_non_null(g);
    assert_int_equal(ng, n1);
    assert_memory_equal(g, a, n1);
    free(g);
    free(a);
    free(b);
    /* A directory that does not exist: EXIT_OUTPUT, no crash, nothing left. */
    char bad[160];
    snprintf(bad, sizeof bad, "%s/missing/x.hwpx", scratch_dir);
    assert_int_equal(hwpx_write(w, &d, &INFO, bad), EXIT_OUTPUT);
    struct stat st;
    assert_int_not_equal(stat(bad, &st), 0);
    hwpx_writer_free(w);
    rdoc_free(&d);
}

/* A member of the package at path, inflated by minizip's reader, or NULL. */
static char *member(const char *path, const char *name, size_t *len)
{
    unzFile uf = unzOpen64(path);
    if (!uf)
        return NULL;
    strbuf b = {0};
    bool ok = unzLocateFile(uf, name, 1) == UNZ_OK && unzOpenCurrentFile(uf) == UNZ_OK;
    char buf[65536];
    for (int n; ok && (n = unzReadCurrentFile(uf, buf, sizeof buf)) != 0;) {
        if (n < 0)
            ok = false;
        else
            sb_addn(&b, buf, (size_t)n);
    }
    ok = unzCloseCurrentFile(uf) == UNZ_OK && ok; /* UNZ_CRCERROR if the CRC is wrong */
    unzClose(uf);
    if (!ok) {
        sb_free(&b);
        return NULL;
    }
    *len = b.len;
    return sb_take(&b);
}

/* A section past the 4 MiB held whole (the overview at thousands of
 * projects) goes into the package in pieces as it is made: the member is
 * the same XML hwpx_section_xml makes whole, its CRC right, the parts in
 * their order, the preview the section's start (its first 2 KB only). */
static void test_large_section_streamed(void **state)
{
    (void)state;
    strbuf m = {0};
    sb_adds(&m, "@title 많은 프로젝트\n@table No | 프로젝트 | 지원금액\n");
    for (int i = 1; i <= 4000; i++)
        sb_addf(&m, "| %d | 「지역특화 프로젝트 %d」 & 참여기업 | %d,000 |\n", i, i, i * 7);
    sb_adds(&m, "@end\n□ 끝.\n");
    rdoc d;
    parse(&d, m.s);
    strbuf whole = {0};
    hwpx_section_xml(&whole, &d, &INFO);
    assert_true(whole.len > (size_t)4 << 20);
    hwpx_writer *w = hwpx_writer_new();
    char path[128];
    snprintf(path, sizeof path, "%s/large.hwpx", scratch_dir);
    assert_int_equal(hwpx_write(w, &d, &INFO, path), EXIT_OK);
    size_t n = 0;
    char *sec = member(path, "Contents/section0.xml", &n);
    assert_non_null(sec);
    assert_int_equal(n, whole.len);
    assert_memory_equal(sec, whole.s, n);
    char *prv = member(path, "Preview/PrvText.txt", &n);
    assert_non_null(prv);
    assert_true(n > 1000 && n <= 2048);
    prv[n - 1] = '\0';
    assert_non_null(strstr(prv, "많은 프로젝트"));
    assert_non_null(strstr(prv, "<1><「지역특화 프로젝트 1」 & 참여기업><7,000>"));
    unzFile uf = unzOpen64(path);
    assert_non_null(uf);
    static const char *const order[] = {"mimetype", "version.xml", "Contents/header.xml",
                                        "Contents/section0.xml", "Preview/PrvText.txt"};
    char name[64];
    int rc = unzGoToFirstFile(uf);
    for (size_t k = 0; k < sizeof order / sizeof *order; k++, rc = unzGoToNextFile(uf)) {
        assert_int_equal(rc, UNZ_OK);
        assert_int_equal(unzGetCurrentFileInfo64(uf, NULL, name, sizeof name, NULL, 0, NULL, 0), UNZ_OK);
        assert_string_equal(name, order[k]);
    }
    unzClose(uf);
    free(sec);
    free(prv);
    sb_free(&whole);
    sb_free(&m);
    hwpx_writer_free(w);
    rdoc_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escaping),   cmocka_unit_test(test_paragraphs), cmocka_unit_test(test_tables),
        cmocka_unit_test(test_short_row), cmocka_unit_test(test_package),
        cmocka_unit_test(test_large_section_streamed), cmocka_unit_test(test_widow_orphan),
    };
    return cmocka_run_group_tests(tests, scratch_setup, scratch_teardown);
}
