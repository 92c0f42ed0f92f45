/* test_pdf_objstm.c — libharu's PDF 1.3 file rewritten as PDF 1.5 with an
 * object stream and a cross-reference stream (pdf_objstm.c).
 *
 * A small classic PDF is made here in libharu's shape (a catalog, a page
 * tree, a page, a content stream whose /Length is an object of its own, an
 * info dictionary, a free entry), rewritten, and the result is read back
 * by a reader written here from the standard (ISO 32000-1, 7.5.7-7.5.8), with
 * zlib as the inflater: the header, startxref, the cross-reference stream's
 * /W fields, every entry — a stream object at its offset with its bytes
 * unchanged, every other object in the object stream with its text
 * unchanged — and the trailer's /Root and /Info in the stream's dictionary.
 * Files of any other shape (a second table section, encryption, a wrong
 * object number, a truncated table, not a PDF) are refused, and files with
 * random bytes changed or cut short never make it read outside its input
 * (the sanitizer pass runs this too). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "pdf_objstm.h"
#include "strbuf.h"

/* The objects of the test file: text between "N 0 obj\n" and "endobj". */
static const char *const BODY[] = {
    NULL,
    "<<\n/Type /Catalog\n/Pages 2 0 R\n/Lang (ko-KR)\n>>\n",
    "<<\n/Type /Pages\n/Kids [ 4 0 R ]\n/Count 1\n>>\n",
    "<<\n/Producer (test)\n/Title <FEFFC911>\n>>\n",
    "<<\n/Type /Page\n/Parent 2 0 R\n/Contents 5 0 R\n>>\n",
    "<<\n/Length 6 0 R\n>>\nstream\r\nBT (endobj) Tj ET\nendstream\n",
    "17\n",
    NULL, /* 7: free */
};
#define NOBJ 8

/* A classic file in libharu's layout; extra_trailer goes into the trailer,
 * and with bad_number object 4 says it is object 9. */
static void make_classic(strbuf *f, const char *extra_trailer, bool bad_number)
{
    size_t off[NOBJ] = {0};
    sb_adds(f, "%PDF-1.3\n%\xb7\xbe\xad\xaa\n");
    for (int i = 1; i < NOBJ; i++) {
        if (!BODY[i])
            continue;
        off[i] = f->len;
        sb_addf(f, "%d 0 obj\n%sendobj\n", bad_number && i == 4 ? 9 : i, BODY[i]);
    }
    size_t x = f->len;
    sb_addf(f, "xref\n0 %d\n", NOBJ);
    for (int i = 0; i < NOBJ; i++)
        sb_addf(f, "%010zu %05d %c\r\n", off[i], i == 0 ? 65535 : 0, BODY[i] ? 'n' : 'f');
    sb_addf(f, "trailer\n<<\n/Root 1 0 R\n/Info 3 0 R\n%s/Size %d\n>>\nstartxref\n%zu\n%%%%EOF\n",
             extra_trailer, NOBJ, x);
}

/* The stream of the object at p ("N 0 obj << ... /Length L ... >> stream"),
 * inflated; its dictionary's text in *dict. */
static unsigned char *inflate_at(const char *p, size_t *n, char **dict)
{
    const char *d = strstr(p, "<<"), *s = strstr(p, "stream\n");
    assert_non_null(d);
    assert_non_null(s);
    *dict = strndup(d, (size_t)(s - d));
    const char *l = strstr(*dict, "/Length ");
    assert_non_null(l);
    size_t zlen = strtoul(l + 8, NULL, 10);
    assert_memory_equal(s + 7 + zlen, "\nendstream\nendobj\n", 18);
    uLongf cap = 1 << 16;
    unsigned char *out = malloc(cap);
    assert_int_equal(uncompress(out, &cap, (const Bytef *)s + 7, (uLong)zlen), Z_OK);
    *n = cap;
    return out;
}

static bool put_sb(void *arg, const void *p, size_t n)
{
    sb_addn(arg, p, n);
    return true;
}

/* A put that takes 100 bytes, then fails (a full disk). */
static bool put_100(void *arg, const void *p, size_t n)
{
    (void)p;
    size_t *left = arg;
    if (n > *left)
        return false;
    *left -= n;
    return true;
}

/* needle in the whole (binary) file, NULL if absent. */
static const char *find(const strbuf *f, const char *needle)
{
    return memmem(f->s, f->len, needle, strlen(needle));
}

static uint64_t be(const unsigned char *p, int w)
{
    uint64_t v = 0;
    for (int i = 0; i < w; i++)
        v = v << 8 | p[i];
    return v;
}

static void test_rewrite(void **state)
{
    (void)state;
    strbuf in = {0}, out = {0};
    make_classic(&in, "", false);
    assert_true(pdf_objstm(in.s, in.len, put_sb, &out));
    const char *pdf = out.s;
    assert_memory_equal(pdf, "%PDF-1.5\n%\xb7\xbe\xad\xaa\n", 14);
    assert_null(find(&out, "\nxref"));
    assert_null(find(&out, "trailer"));
    assert_null(find(&out, "/Type /Page")); /* in the object stream */

    /* startxref -> the cross-reference stream */
    const char *sx = find(&out, "startxref\n");
    assert_non_null(sx);
    size_t xpos = strtoul(sx + 10, NULL, 10);
    assert_string_equal(sx + 10 + strcspn(sx + 10, "\n"), "\n%%EOF\n");
    char head[16];
    snprintf(head, sizeof head, "%d 0 obj\n", NOBJ + 1);
    assert_memory_equal(pdf + xpos, head, strlen(head));
    size_t xn;
    char *xdict;
    unsigned char *rows = inflate_at(pdf + xpos, &xn, &xdict);
    assert_non_null(strstr(xdict, "/Type /XRef"));
    assert_non_null(strstr(xdict, "/Root 1 0 R\n"));
    assert_non_null(strstr(xdict, "/Info 3 0 R\n"));
    char size[32];
    snprintf(size, sizeof size, "/Size %d\n", NOBJ + 2);
    assert_non_null(strstr(xdict, size));
    int w1, w2, w3;
    assert_int_equal(sscanf(strstr(xdict, "/W ["), "/W [ %d %d %d ]", &w1, &w2, &w3), 3);
    assert_int_equal(w1, 1);
    int w = w1 + w2 + w3;
    assert_int_equal(xn, (size_t)(NOBJ + 2) * (size_t)w);

    /* the object stream */
    const unsigned char *r = rows + (size_t)NOBJ * (size_t)w;
    assert_int_equal(r[0], 1);
    const char *os = pdf + be(r + 1, w2);
    snprintf(head, sizeof head, "%d 0 obj\n", NOBJ);
    assert_memory_equal(os, head, strlen(head));
    size_t on;
    char *odict;
    unsigned char *objs = inflate_at(os, &on, &odict);
    assert_non_null(strstr(odict, "/Type /ObjStm"));
    int nobj = atoi(strstr(odict, "/N ") + 3), first = atoi(strstr(odict, "/First ") + 7);
    assert_int_equal(nobj, 5); /* 1, 2, 3, 4, 6 */

    /* every entry */
    assert_int_equal(rows[0], 0);
    assert_int_equal(be(rows + 1 + w2, w3), 65535);
    for (int i = 1; i < NOBJ; i++) {
        const unsigned char *e = rows + (size_t)i * (size_t)w;
        if (!BODY[i]) {
            assert_int_equal(e[0], 0);
            continue;
        }
        if (strstr(BODY[i], "stream\r\n")) {
            assert_int_equal(e[0], 1);
            char want[256];
            snprintf(want, sizeof want, "%d 0 obj\n%sendobj\n", i, BODY[i]);
            assert_memory_equal(pdf + be(e + 1, w2), want, strlen(want));
            continue;
        }
        assert_int_equal(e[0], 2);
        assert_int_equal(be(e + 1, w2), NOBJ);
        int k = (int)be(e + 1 + w2, w3);
        assert_true(k < nobj);
        /* the k-th "number offset" pair of the header */
        const char *h = (const char *)objs;
        int num = -1;
        size_t at = 0;
        for (int j = 0; j <= k; j++) {
            int used = 0;
            assert_int_equal(sscanf(h, "%d %zu%n", &num, &at, &used), 2);
            h += used;
        }
        assert_int_equal(num, i);
        assert_memory_equal(objs + first + at, BODY[i], strlen(BODY[i]));
    }
    free(rows);
    free(objs);
    free(xdict);
    free(odict);
    sb_free(&in);
    sb_free(&out);
}

static void test_refused(void **state)
{
    (void)state;
    strbuf in = {0}, out = {0};
    make_classic(&in, "/Encrypt 7 0 R\n", false);
    assert_false(pdf_objstm(in.s, in.len, put_sb, &out));
    sb_free(&in);
    make_classic(&in, "/Prev 10\n", false);
    assert_false(pdf_objstm(in.s, in.len, put_sb, &out));
    sb_free(&in);
    make_classic(&in, "", true);
    assert_false(pdf_objstm(in.s, in.len, put_sb, &out));
    sb_free(&in);

    /* the table cut short, a second section, not a PDF at all */
    make_classic(&in, "", false);
    char *t = strdup(in.s);
    char *x = strstr(t, "xref\n0 8\n");
    x[7] = '9';
    assert_false(pdf_objstm(t, in.len, put_sb, &out));
    x[5] = '3';
    x[7] = '8';
    assert_false(pdf_objstm(t, in.len, put_sb, &out));
    t[1] = 'X';
    assert_false(pdf_objstm(t, in.len, put_sb, &out));
    assert_false(pdf_objstm("%PDF-1.3\n", 9, put_sb, &out));
    /* a put that fails: the writing stops, false */
    strbuf ok = {0};
    make_classic(&ok, "", false);
    size_t left = 100;
    assert_false(pdf_objstm(ok.s, ok.len, put_100, &left));
    left = (size_t)-1;
    assert_true(pdf_objstm(ok.s, ok.len, put_100, &left)); /* the same file, room enough */
    sb_free(&ok);
    free(t);
    sb_free(&in);
    sb_free(&out);
}

/* Random damage: a few bytes changed, or the file cut short; whatever
 * pdf_objstm answers, it reads only the bytes it was given (the copy is
 * exactly as long as the damaged file, so ASan sees any overread). */
static void test_damaged(void **state)
{
    (void)state;
    strbuf in = {0};
    make_classic(&in, "", false);
    unsigned seed = 12345;
    for (int k = 0; k < 4000; k++) {
        size_t n = in.len;
        if (k % 4 == 3)
            n = (seed = seed * 1103515245u + 12345u) % in.len;
        char *t = malloc(n ? n : 1);
        memcpy(t, in.s, n);
        for (int j = 0; j < 1 + k % 3 && n; j++) {
            seed = seed * 1103515245u + 12345u;
            t[(seed >> 8) % n] = (char)(seed >> 16);
        }
        strbuf out = {0};
        (void)pdf_objstm(t, n, put_sb, &out);
        sb_free(&out);
        free(t);
    }
    sb_free(&in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rewrite),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_damaged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
