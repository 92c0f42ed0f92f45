/* test_pdf_layout.c — the PDF layout helpers: glyph substitution, text
 * preparation against the real Nanum faces, table splitting across pages,
 * and whole documents (deterministic bytes, no temp files left, the
 * prepared handle spent by one write, a missing font refused), and the
 * C library's copies standing in for libharu's byte loops. The deflate
 * of the CIDToGIDMap has its own test (test_pdf_deflate.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "exitcodes.h"
#include "pdf_layout.h"
#include "strbuf.h"

#define NANUM "/usr/share/fonts/truetype/nanum/"
static const char *const faces[PDF_NFACES] = {NANUM "NanumMyeongjo.ttf",
                                              NANUM "NanumMyeongjoBold.ttf",
                                              NANUM "NanumGothic.ttf", NANUM "NanumGothicBold.ttf"};

static void test_substitute_table(void **state)
{
    (void)state;
    static const struct {
        uint32_t in, out;
    } cases[] = {
        {0x25AA, 0x25A0}, /* ▪ → ■ */
        {0x25AB, 0x25A1}, /* ▫ → □ */
        {0x2219, 0x00B7}, /* ∙ → · */
        {0x25BA, 0x25B6}, /* ► → ▶ */
        {0x25B8, 0x25B6}, /* ▸ → ▶ */
        {0x00A0, 0x0020}, /* no-break space → space */
        {'A', 0},
        {0xAC00, 0}, /* 가: in the font, no substitute needed */
        {0x0E01, 0}, /* Thai: nothing close */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(pdf_glyph_substitute(cases[i].in), cases[i].out);
}

static void test_prepare_replaces_and_warns(void **state)
{
    (void)state;
    pdf_fonts *f = NULL;
    assert_int_equal(pdf_fonts_open(&f, faces), EXIT_OK);
    static const struct {
        const char *in, *out;
        size_t warnings;
    } cases[] = {
        {"▪ 사업명: 스마트공장", "■ 사업명: 스마트공장", 0},
        {"▫ 하위 ∙ 항목 ► 끝", "□ 하위 · 항목 ▶ 끝", 0},
        {"탭\t문자", "탭 문자", 0},
        {"이모지😀끝", "이모지?끝", 0},          /* outside the BMP: utf8_clean */
        {"잘못된\xff바이트", "잘못된?바이트", 0}, /* invalid UTF-8 */
        {"태국어 ก 와 ก", "태국어 ? 와 ?", 1},   /* missing, no substitute: one warning */
        {"다시 ก", "다시 ?", 0},                 /* reported once per run */
        {"□ ○ ※ · ‘ ’ “ ” ⁺ ■", "□ ○ ※ · ‘ ’ “ ” ⁺ ■", 0},
    };
    diag_list d = {0};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        strbuf out = {0};
        size_t before = diag_warnings(&d);
        pdf_text_prepare(f, cases[i].in, strlen(cases[i].in), &out, &d, "t.tpl");
        assert_string_equal(sb_str(&out), cases[i].out);
        assert_int_equal(diag_warnings(&d) - before, cases[i].warnings);
        sb_free(&out);
    }
    assert_non_null(strstr(d.v[0].msg, "U+0E01"));
    diag_free(&d);
    pdf_fonts_free(f);
}

/* Checks the segments returned by pdf_table_split against its contract. */
static void check_split_tail(const double *h, size_t n, double head, double tail, double first,
                             double page, const size_t *want, size_t nwant, bool want_skip)
{
    size_t seg[32];
    bool skip = !want_skip;
    pdf_table_room room = {head, tail, 0, first, page};
    size_t k = pdf_table_split(h, n, &room, seg, &skip);
    assert_int_equal(k, nwant);
    assert_int_equal(skip, want_skip);
    for (size_t i = 0; i < k; i++) {
        assert_int_equal(seg[i], want[i]);
        size_t end = i + 1 < k ? seg[i + 1] : n;
        double used = head;
        for (size_t r = seg[i]; r < end; r++)
            used += h[r];
        double avail = i == 0 && !skip ? first : page;
        if (end == n && end - seg[i] > 1)
            assert_true(used + tail <= avail + 1e-9); /* the last rows keep the tail */
        if (end - seg[i] > 1)
            assert_true(used <= avail + 1e-9);          /* a segment fits its page */
        if (end < n && i + 2 < k)
            assert_true(used + h[end] > avail - 1e-9);  /* and was filled before breaking */
        if (i == 0 && k > 1 && n >= 3 && head + h[0] + h[1] + h[2] <= page)
            assert_true(end >= 3);                      /* no orphaned header */
    }
}

static void check_split(const double *h, size_t n, double head, double first, double page,
                        const size_t *want, size_t nwant, bool want_skip)
{
    check_split_tail(h, n, head, 0, first, page, want, nwant, want_skip);
}

static void test_table_split(void **state)
{
    (void)state;
    const double ten[10] = {10, 10, 10, 10, 10, 10, 10, 10, 10, 10};
    check_split(ten, 10, 5, 40, 50, (size_t[]){0, 3, 7}, 3, false);
    check_split(ten, 10, 5, 200, 50, (size_t[]){0}, 1, false);          /* fits at once */
    check_split(ten, 10, 5, 12, 50, (size_t[]){0, 4, 7}, 3, true);      /* starts on a new page; the
                                                                           last page gets 3 rows */
    check_split(ten, 10, 5, 30, 50, (size_t[]){0, 4, 7}, 3, true);      /* 2 rows would be orphaned */
    const double five[5] = {10, 10, 10, 10, 10};
    check_split(five, 5, 5, 200, 50, (size_t[]){0}, 1, false);
    check_split(ten, 10, 5, 45, 100, (size_t[]){0, 4}, 2, false);       /* 4 | 6 */
    const double giant[3] = {10, 100, 10};
    check_split(giant, 3, 5, 50, 50, (size_t[]){0, 1, 2}, 3, false);    /* a row taller than a page */
    check_split(ten, 0, 5, 50, 50, NULL, 0, false);
    const double exact[4] = {20, 20, 20, 20};
    check_split(exact, 4, 10, 50, 50, (size_t[]){0, 2}, 2, false);      /* exactly full */
    /* A table of fewer than six rows that does not fit moves whole (two
     * rows on a side would be too few). */
    check_split(five, 5, 5, 45, 100, (size_t[]){0}, 1, true);
    /* The notes under a table (tail) stay with its last rows: a table that
     * fills its page exactly gives its last three rows to the next. */
    check_split_tail(ten, 10, 5, 8, 105, 105, (size_t[]){0, 7}, 2, false);
    check_split_tail(ten, 10, 5, 0, 105, 105, (size_t[]){0}, 1, false);  /* no notes: one page */
    check_split_tail(ten, 10, 5, 5, 110, 110, (size_t[]){0}, 1, false);  /* room for them */
    /* A short table with its notes moves whole when they do not fit under it. */
    const double three[3] = {10, 10, 10};
    check_split_tail(three, 3, 5, 10, 40, 100, (size_t[]){0}, 1, true);
    check_split_tail(three, 3, 5, 10, 45, 100, (size_t[]){0}, 1, false);
}

/* pdf_table_split on random tables: segments ascend from row 0, every
 * part of more than one row fits its page, and the last part of more than
 * one row fits with the tail (the notes kept under the table). */
static void test_table_split_random(void **state)
{
    (void)state;
    uint64_t x = 0x9E3779B97F4A7C15u;
#define RND(m) (x ^= x << 13, x ^= x >> 7, x ^= x << 17, (double)(x % (uint64_t)(m)))
    double h[64];
    size_t seg[64];
    for (int round = 0; round < 20000; round++) {
        size_t n = (size_t)RND(40) + 1;
        for (size_t i = 0; i < n; i++)
            h[i] = 8 + RND(30);
        pdf_table_room room = {10 + RND(10), RND(3) ? 0 : RND(120), RND(2) ? 0 : RND(30), 0, 500 + RND(300)};
        room.first = RND(room.page - room.lead + 1);
        bool skip = false;
        size_t k = pdf_table_split(h, n, &room, seg, &skip);
        assert_true(k >= 1 && k <= n && seg[0] == 0);
        for (size_t i = 0; i < k; i++) {
            size_t end = i + 1 < k ? seg[i + 1] : n;
            assert_true(end > seg[i]);
            double used = room.head, avail = i > 0 ? room.page : skip ? room.page - room.lead : room.first;
            for (size_t r = seg[i]; r < end; r++)
                used += h[r];
            if (end - seg[i] > 1) {
                assert_true(used <= avail + 1e-9);
                if (end == n)
                    assert_true(used + room.tail <= avail + 1e-9);
            }
        }
    }
#undef RND
}

static const char markup[] =
    "@title 부산시, 핵심기업 48개 사에 약 100억 원 지원\n"
    "@subtitle 6개 분야 집중 지원\n"
    "□ 중소벤처기업부는 부산광역시와 함께 48개 사를 지원했다고 밝혔다.\n"
    "○ 두 번째 수준의 글머리표는 들여쓰기되어 이어지는 줄이 글머리표 뒤에 걸린다.\n"
    "@unit (단위: 백만원)\n"
    "@table 정책수단 | 지원기업 | 지원금액\n"
    "| 스마트공장 | 12 | 2,100 |\n"
    "| 합계 | 48 | 10,000 |\n"
    "@end\n"
    "@chart 정책수단별 지원금액\n"
    "| 스마트공장 | 2100000000 | 21억 원 |\n"
    "@end\n"
    "@attachment 붙임 1 | 참여기업 목록\n"
    "@group 스마트공장 (12)\n";

static char *write_doc(const char *dir, const char *name, long *size)
{
    pdf_fonts *f = NULL;
    assert_int_equal(pdf_fonts_open(&f, faces), EXIT_OK);
    diag_list d = {0};
    strbuf m = {0}, ministry = {0}, embargo = {0}, dist = {0};
    pdf_text_prepare(f, markup, strlen(markup), &m, &d, "t");
    pdf_text_prepare(f, "중소벤처기업부", strlen("중소벤처기업부"), &ministry, &d, "t");
    pdf_text_prepare(f, "배포 즉시", strlen("배포 즉시"), &embargo, &d, "t");
    pdf_text_prepare(f, "2025. 1. 1.(수)", strlen("2025. 1. 1.(수)"), &dist, &d, "t");
    assert_int_equal(pdf_fonts_ready(f), EXIT_OK);
    char *path = NULL;
    assert_true(asprintf(&path, "%s/%s", dir, name) > 0);
    pdf_info info = {sb_str(&ministry), sb_str(&embargo), sb_str(&dist), "주제", 1735689600};
    rdoc doc;
    assert_true(rdoc_parse(&doc, sb_str(&m), m.len));
    assert_int_equal(pdf_write(f, &doc, &info, path), EXIT_OK);
    /* The prepared document is spent by one write. */
    assert_int_equal(pdf_write(f, &doc, &info, path), EXIT_INTERNAL);
    FILE *in = fopen(path, "rb");
    assert_non_null(in);
    static char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf, in);
    fclose(in);
    assert_true(n > 1000 && memcmp(buf, "%PDF-", 5) == 0);
    *size = (long)n;
    char *copy = malloc(n);
    memcpy(copy, buf, n);
    /* Renewed (as a worker does between its documents), the handle writes
     * the same document again byte for byte. */
    assert_int_equal(pdf_fonts_renew(f), EXIT_OK);
    assert_int_equal(pdf_write(f, &doc, &info, path), EXIT_OK);
    rdoc_free(&doc);
    in = fopen(path, "rb");
    assert_non_null(in);
    assert_int_equal(fread(buf, 1, sizeof buf, in), n);
    fclose(in);
    assert_memory_equal(buf, copy, n);
    free(path);
    sb_free(&m);
    sb_free(&ministry);
    sb_free(&embargo);
    sb_free(&dist);
    diag_free(&d);
    pdf_fonts_free(f);
    return copy;
}

static void test_document_deterministic_and_clean(void **state)
{
    (void)state;
    char dir[] = "/tmp/test_pdf_layout.XXXXXX";
    assert_non_null(mkdtemp(dir));
    long n1 = 0, n2 = 0;
    char *a = write_doc(dir, "a.pdf", &n1);
    char *b = write_doc(dir, "b.pdf", &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, (size_t)n1);
    assert_true(n1 < 85 * 1024); /* the size goal per release */
    /* Only the two PDFs are there: the font subsets are made in memory. */
    DIR *dp = opendir(dir);
    int files = 0;
    struct dirent *e;
    while ((e = readdir(dp)))
        if (e->d_name[0] != '.' || (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")))
            files++;
    closedir(dp);
    assert_int_equal(files, 2);
    char *p = NULL;
    assert_true(asprintf(&p, "rm -rf '%s'", dir) > 0);
    assert_int_equal(system(p), 0);
    free(p);
    free(a);
    free(b);
}

static void test_missing_font(void **state)
{
    (void)state;
    const char *bad[PDF_NFACES] = {faces[0], "/nonexistent/NanumMyeongjoBold.ttf", faces[2],
                                   faces[3]};
    pdf_fonts *f = (pdf_fonts *)1;
    assert_int_equal(pdf_fonts_open(&f, bad), EXIT_TEMPLATE);
    assert_null(f);
    const char *notttf[PDF_NFACES] = {faces[0], faces[1], "/etc/hostname", faces[3]};
    assert_int_equal(pdf_fonts_open(&f, notttf), EXIT_TEMPLATE);
    assert_null(f);
}

/* hpdf_private.c's HPDF_MemCpy and HPDF_MemSet replace libharu's byte
 * loops: the same results, the end of what was copied or set; a copy onto
 * an overlapping later part repeats bytes as the loop did, an overlapping
 * earlier one moves them. Declared here by their C types (libharu's headers
 * stay in hpdf_private.c: scripts/check-wrappers.sh). */
unsigned char *HPDF_MemCpy(unsigned char *out, const unsigned char *in, unsigned n);
void *HPDF_MemSet(void *s, unsigned char c, unsigned n);

static void test_hpdf_copies(void **state)
{
    (void)state;
    unsigned char a[64], b[64];
    for (int i = 0; i < 64; i++)
        a[i] = (unsigned char)i, b[i] = 0xEE;
    assert_ptr_equal(HPDF_MemCpy(b, a, 40), b + 40);
    assert_memory_equal(b, a, 40);
    assert_int_equal(b[40], 0xEE);
    assert_ptr_equal(HPDF_MemCpy(b, a, 0), b);
    unsigned char c[16], d[16];
    for (int i = 0; i < 16; i++)
        c[i] = d[i] = (unsigned char)i;
    assert_ptr_equal(HPDF_MemCpy(c + 3, c, 10), c + 13); /* forward onto itself */
    static const unsigned char rep[16] = {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 13, 14, 15};
    assert_memory_equal(c, rep, 16);
    assert_ptr_equal(HPDF_MemCpy(d, d + 3, 10), d + 10); /* backward: a move */
    static const unsigned char mov[16] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 10, 11, 12, 13, 14, 15};
    assert_memory_equal(d, mov, 16);
    assert_ptr_equal(HPDF_MemSet(b, 7, 10), b + 10);
    assert_int_equal(b[0], 7);
    assert_int_equal(b[9], 7);
    assert_int_equal(b[10], 10);
    assert_ptr_equal(HPDF_MemSet(b, 1, 0), b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hpdf_copies),
        cmocka_unit_test(test_substitute_table),
        cmocka_unit_test(test_prepare_replaces_and_warns),
        cmocka_unit_test(test_table_split),
        cmocka_unit_test(test_table_split_random),
        cmocka_unit_test(test_document_deterministic_and_clean),
        cmocka_unit_test(test_missing_font),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
