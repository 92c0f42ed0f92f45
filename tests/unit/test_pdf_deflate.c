/* test_pdf_deflate.c — the PDF streams' deflate (pdf_deflate.c).
 *
 * Every stream pdf_sparse_deflate() makes is inflated back by zlib (an
 * independent decoder that also checks the zlib header and the Adler-32)
 * and compared with the buffer it stands for, built here byte by byte:
 * edge cases of runs (a full 258-byte match, the 259..261 splits, zeros
 * among the values), a face-like CIDToGIDMap, random sparse buffers, and a
 * skewed distribution whose optimal Huffman code is deeper than deflate's
 * 15 bits (the length limit). huff_lengths() is checked directly: limit
 * kept, a complete prefix code (Kraft sum exactly 1). pdf_zlib() round-trips
 * through zlib too. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "deflate.h"
#include "pdf_deflate.h"
#include "strbuf.h"

/* Inflates what pdf_sparse_deflate made and compares it with the buffer it
 * stands for. */
static void check_sparse(size_t len, const uint32_t *pos, const uint8_t *val, size_t n)
{
    unsigned char *want = calloc(len ? len : 1, 1);
    for (size_t i = 0; i < n; i++)
        want[pos[i]] = val[i];
    strbuf z = {0};
    pdf_sparse_deflate(len, pos, val, n, &z);
    uLongf got_len = (uLongf)len + 16;
    unsigned char *got = malloc(got_len);
    /* uncompress checks the zlib header and the Adler-32 too. */
    assert_int_equal(uncompress(got, &got_len, (const Bytef *)sb_str(&z), (uLong)z.len), Z_OK);
    assert_int_equal(got_len, len);
    assert_memory_equal(got, want, len ? len : 0);
    sb_free(&z);
    free(got);
    free(want);
}

static void test_sparse_deflate(void **state)
{
    (void)state;
    static const struct {
        size_t len;
        uint32_t pos[6];
        uint8_t val[6];
        size_t n;
    } cases[] = {
        {1, {0}, {0}, 0},                               /* one zero */
        {2, {1}, {7}, 1},                               /* the last byte */
        {4, {0, 1, 2, 3}, {1, 2, 143, 144}, 4},         /* all literals, both code sizes */
        {258 + 1, {0}, {255}, 1},                       /* one full match after it */
        {3 + 259, {2}, {9}, 1},                         /* 259 zeros: a match and two */
        {3 + 260, {2}, {9}, 1},
        {3 + 261, {2}, {9}, 1},
        {110000, {2, 3, 40001, 70000, 99998, 109999}, {1, 17, 200, 1, 2, 255}, 6},
        {65536 * 2, {0}, {0}, 0},                       /* all zero */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_sparse(cases[i].len, cases[i].pos, cases[i].val, cases[i].n);
    /* A map like a face's: a few hundred glyph indices among ~55,000 CIDs. */
    uint32_t pos[1200];
    uint8_t val[1200];
    uint32_t seed = 12345;
    size_t n = 0, at = 64;
    while (n + 2 <= 1200 && at < 110000) {
        seed = seed * 1103515245u + 12345u;
        uint32_t gid = 1 + (seed >> 16) % 700;
        if (gid >> 8) {
            pos[n] = (uint32_t)at;
            val[n++] = (uint8_t)(gid >> 8);
        }
        if (gid & 0xFF) {
            pos[n] = (uint32_t)at + 1;
            val[n++] = (uint8_t)gid;
        }
        at += 2 * (1 + (seed >> 8) % 300);
    }
    check_sparse(at + 2, pos, val, n);
}

/* Random sparse buffers: values (zeros among them) at random gaps, from
 * adjacent bytes to runs of several thousand. */
static void test_sparse_random(void **state)
{
    (void)state;
    uint32_t seed = 777;
    for (int round = 0; round < 60; round++) {
        size_t cap = 1 + (size_t)round * 37;
        uint32_t *pos = malloc(cap * sizeof *pos);
        uint8_t *val = malloc(cap);
        size_t n = 0, at = 0;
        while (n < cap) {
            seed = seed * 1103515245u + 12345u;
            unsigned kind = (seed >> 16) % 4;
            at += kind == 0 ? 0 : kind == 1 ? (seed >> 8) % 4 : (seed >> 4) % (kind == 2 ? 300 : 5000);
            pos[n] = (uint32_t)at;
            val[n++] = (uint8_t)((seed >> 20) % 5 == 0 ? 0 : (seed >> 12));
            at++;
        }
        seed = seed * 1103515245u + 12345u;
        check_sparse(at + (seed >> 16) % 600, pos, val, n);
        free(pos);
        free(val);
    }
}

/* Literal k (1..22) appears fib(k) times: the optimal code for these
 * frequencies is about 21 bits deep, so the 15-bit limit must flatten it. */
static void test_sparse_deep_code(void **state)
{
    (void)state;
    uint32_t freq[23] = {0, 1, 1};
    for (int k = 3; k < 23; k++)
        freq[k] = freq[k - 1] + freq[k - 2];
    size_t total = 0;
    for (int k = 1; k < 23; k++)
        total += freq[k];
    uint32_t *pos = malloc(total * sizeof *pos);
    uint8_t *val = malloc(total);
    size_t n = 0;
    uint32_t seed = 99;
    for (int k = 1; k < 23; k++)
        for (uint32_t i = 0; i < freq[k]; i++)
            val[n++] = (uint8_t)k;
    for (size_t i = n - 1; i > 0; i--) { /* shuffle, so that no runs repeat */
        seed = seed * 1103515245u + 12345u;
        size_t j = (seed >> 8) % (i + 1);
        uint8_t t = val[i];
        val[i] = val[j];
        val[j] = t;
    }
    for (size_t i = 0; i < n; i++)
        pos[i] = (uint32_t)i;
    check_sparse(n, pos, val, n);
    free(pos);
    free(val);
}

static void check_lengths(const uint32_t *freq, int n, int limit)
{
    uint8_t len[300];
    assert_true(huff_lengths(freq, n, limit, len));
    double kraft = 0;
    int used = 0;
    for (int i = 0; i < n; i++) {
        assert_true(len[i] <= limit);
        if (freq[i])
            assert_true(len[i] > 0);
        if (len[i]) {
            kraft += 1.0 / (double)(1u << len[i]);
            used++;
        }
    }
    assert_true(used >= 2);
    assert_true(kraft == 1.0);
}

static void test_huff_lengths(void **state)
{
    (void)state;
    uint32_t one[19] = {[7] = 5};              /* a single symbol still gets a 2-symbol code */
    check_lengths(one, 19, 7);
    uint32_t flat[286];
    for (int i = 0; i < 286; i++)
        flat[i] = 3;
    check_lengths(flat, 286, 15);
    uint32_t fib[40] = {1, 1};
    for (int i = 2; i < 40; i++)
        fib[i] = fib[i - 1] + fib[i - 2]; /* optimal depth 39 */
    check_lengths(fib, 40, 15);
    check_lengths(fib, 19, 7);
    /* Optimal when it fits: two equal halves of four symbols are 2 bits each. */
    uint32_t four[4] = {10, 10, 10, 10};
    uint8_t len[4];
    assert_true(huff_lengths(four, 4, 15, len));
    for (int i = 0; i < 4; i++)
        assert_int_equal(len[i], 2);
}

static void test_zlib_roundtrip(void **state)
{
    (void)state;
    static const char *const inputs[] = {"", "a", "BT /F1 10 Tf 56 780 Td <AC00AC01> Tj ET\n"};
    for (size_t i = 0; i < 2 * (sizeof inputs / sizeof inputs[0]); i++) {
        const char *in = inputs[i / 2];
        size_t len = strlen(in), zlen = 0;
        /* both levels: page contents (pdf_zlib) and font programs (pdf_zlib_font) */
        char *z = i % 2 ? pdf_zlib_font(in, len, &zlen) : pdf_zlib(in, len, &zlen);
        assert_non_null(z);
        unsigned char got[128];
        uLongf got_len = sizeof got;
        assert_int_equal(uncompress(got, &got_len, (const Bytef *)z, (uLong)zlen), Z_OK);
        assert_int_equal(got_len, len);
        assert_memory_equal(got, in, len);
        free(z);
    }
    /* A large repetitive buffer shrinks and comes back whole. */
    size_t big = 200000, zlen = 0;
    char *buf = malloc(big);
    for (size_t i = 0; i < big; i++)
        buf[i] = (char)("0123456789 re\n"[i % 14]);
    char *z = pdf_zlib(buf, big, &zlen);
    assert_non_null(z);
    assert_true(zlen < big / 50);
    unsigned char *got = malloc(big);
    uLongf got_len = (uLongf)big;
    assert_int_equal(uncompress(got, &got_len, (const Bytef *)z, (uLong)zlen), Z_OK);
    assert_int_equal(got_len, big);
    assert_memory_equal(got, buf, big);
    free(got);
    free(z);
    free(buf);
}

/* A font program in three pieces (pdf_zlib_font_shared): a stored head, a
 * block deflated once by deflate_raw_open, the rest deflated per document;
 * zlib's uncompress reads the whole program back (and checks the Adler-32),
 * for heads of 0 and 156 bytes, blocks and rests empty or not, data
 * repetitive or not (a rest that repeats the block must still stand alone). */
static void test_font_shared_pieces(void **state)
{
    (void)state;
    static const size_t heads[] = {0, 156}, blocks[] = {0, 1, 5000, 70000, 400000}, rests[] = {0, 3, 9000};
    uint64_t x = 0x2545F4914F6CDD1Dull;
    for (size_t hi = 0; hi < 2; hi++)
        for (size_t bi = 0; bi < 5; bi++)
            for (size_t ri = 0; ri < 3; ri++)
                for (int noisy = 0; noisy < 2; noisy++) {
                    size_t at = heads[hi], blen = blocks[bi], len = at + blen + rests[ri];
                    unsigned char *prog = malloc(len ? len : 1);
                    for (size_t k = 0; k < len; k++) {
                        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
                        prog[k] = noisy ? (unsigned char)x : (unsigned char)("glyf data "[k % 10] + (k / 4000));
                    }
                    size_t bzlen = 0, zlen = 0;
                    char *bz = deflate_raw_open(prog + at, blen, &bzlen);
                    assert_non_null(bz);
                    char *z = pdf_zlib_font_shared(prog, len, at, bz, bzlen, blen, &zlen);
                    assert_non_null(z);
                    uLongf got_len = (uLongf)len + 1;
                    unsigned char *got = malloc(got_len);
                    assert_int_equal(uncompress(got, &got_len, (const Bytef *)z, (uLong)zlen), Z_OK);
                    assert_int_equal(got_len, len);
                    assert_memory_equal(got, prog, len);
                    free(got);
                    free(z);
                    free(bz);
                    free(prog);
                }
    /* A head past a stored block's 65,535 bytes, or a block past the end: refused. */
    unsigned char small[16] = {0};
    size_t zlen = 1;
    assert_null(pdf_zlib_font_shared(small, sizeof small, 8, "", 0, 9, &zlen));
    assert_int_equal(zlen, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sparse_deflate),
        cmocka_unit_test(test_sparse_random),
        cmocka_unit_test(test_sparse_deep_code),
        cmocka_unit_test(test_huff_lengths),
        cmocka_unit_test(test_zlib_roundtrip),
        cmocka_unit_test(test_font_shared_pieces),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
