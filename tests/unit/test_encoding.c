/* test_encoding.c — encoding detection and the chunked UTF-8 stream.
 *
 * Byte sequences are written out by hand (CP949 부산 = BA CE BB EA, 징 =
 * C2 A1, which is also the UTF-8 encoding of U+00A1). Files go to a mkdtemp
 * directory. The hard cases: a CP949 file that is valid UTF-8 for its first
 * megabytes (built from the 345 ambiguous syllables) and breaks only at the
 * end; characters cut by the 1 MiB chunk boundary; bytes that are neither. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "encoding.h"
#include "scratch.h"
#include "strbuf.h"



static int restarts; /* how often the last slurp was told to start over */

/* Reads the whole stream; returns next()'s last result (0 = clean end). A
 * restart (2: not UTF-8 after all, now CP949) voids what was read so far. */
static int slurp(const char *path, text_encoding enc, strbuf *out, text_stream *ts)
{
    restarts = 0;
    int rc = text_stream_open(ts, path, enc, true);
    if (rc != 0)
        return rc;
    const char *p;
    size_t n;
    while ((rc = text_stream_next(ts, &p, &n)) > 0) {
        if (rc == 2) {
            restarts++;
            sb_reset(out);
            continue;
        }
        sb_addn(out, p, n);
    }
    return rc;
}

static void test_bom(void **state)
{
    (void)state;
    static const struct {
        const char *bytes;
        size_t n;
        text_encoding want;
        size_t bom;
    } t[] = {
        {"\xEF\xBB\xBF" "a", 4, ENC_UTF8_BOM, 3}, {"\xFF\xFE" "a\0", 4, ENC_UTF16LE, 2},
        {"\xFE\xFF\0a", 4, ENC_UTF16BE, 2},       {"\xEF\xBB", 2, ENC_AUTO, 0},
        {"abc", 3, ENC_AUTO, 0},                  {"", 0, ENC_AUTO, 0},
    };
    for (size_t i = 0; i < ARRAY_LEN(t); i++) {
        size_t bom = 99;
        assert_int_equal(enc_sniff_bom((const unsigned char *)t[i].bytes, t[i].n, &bom), t[i].want);
        assert_int_equal(bom, t[i].bom);
    }
}

static void test_utf8_check(void **state)
{
    (void)state;
    static const struct {
        const char *bytes;
        bool final;
        size_t want;
        bool incomplete;
    } t[] = {
        {"plain ascii text, longer than eight", true, 35, false},
        {"\xEB\xB6\x80\xEC\x82\xB0", true, 6, false},      /* 부산 */
        {"ab\xC0\x80", true, 2, false},                    /* overlong NUL */
        {"ab\xE0\x80\x80", true, 2, false},                /* overlong */
        {"ab\xED\xA0\x80", true, 2, false},                /* surrogate */
        {"ab\xF4\x90\x80\x80", true, 2, false},            /* above U+10FFFF */
        {"ab\xF0\x9F\x98\x80", true, 6, false},            /* emoji: valid UTF-8 */
        {"ab\x80", true, 2, false},                        /* lone continuation */
        {"ab\xBA\xCE\xBB\xEA", true, 2, false},            /* CP949 부산 */
        {"ab\xC2\xA1\xC2\xA2", true, 6, false},            /* CP949 징짖, also UTF-8 */
        {"ab\xEB\xB6", false, 2, true},                    /* cut at a chunk end */
        {"ab\xEB\xB6", true, 2, false},                    /* cut at the file end */
        {"ab\xEB\x41", false, 2, false},                   /* broken, not just cut */
    };
    for (size_t i = 0; i < ARRAY_LEN(t); i++) {
        bool inc = !t[i].incomplete;
        size_t k = utf8_valid_prefix((const unsigned char *)t[i].bytes, strlen(t[i].bytes),
                                     t[i].final, &inc);
        if (k != t[i].want || inc != t[i].incomplete)
            fail_msg("utf8 case %zu: %zu %d", i, k, inc);
    }
    assert_int_equal(utf8_chars("a부산b", strlen("a부산b")), 4);
}

/* The validator's word-at-a-time and Hangul-run shortcuts against a plain
 * byte-by-byte reading of RFC 3629: random mixes of ASCII, Hangul, other
 * valid sequences and broken ones, at every alignment, cut at every length
 * (final and not). */
static size_t ref_valid_prefix(const unsigned char *p, size_t n, bool final, bool *inc)
{
    size_t i = 0;
    *inc = false;
    while (i < n) {
        unsigned c = p[i], need, lo = 0x80, hi = 0xBF;
        if (c < 0x80) { i++; continue; }
        if (c >= 0xC2 && c <= 0xDF) need = 1;
        else if (c >= 0xE0 && c <= 0xEF) { need = 2; lo = c == 0xE0 ? 0xA0 : 0x80; hi = c == 0xED ? 0x9F : 0xBF; }
        else if (c >= 0xF0 && c <= 0xF4) { need = 3; lo = c == 0xF0 ? 0x90 : 0x80; hi = c == 0xF4 ? 0x8F : 0xBF; }
        else return i;
        for (unsigned k = 1; k <= need; k++) {
            if (i + k >= n) { *inc = !final; return i; }
            unsigned b = p[i + k];
            if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) return i;
        }
        i += need + 1;
    }
    return n;
}

static void test_utf8_reference(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "a", "0123456789", ",", "\n", "\xEB\xB6\x80", "\xEC\x82\xB0", "\xED\x9E\x98" /* 힘 */,
        "\xE3\x80\x80", "\xC2\xA0", "\xF0\x9F\x98\x80", "\xED\xA0\x80" /* surrogate */,
        "\xE0\x80\x80", "\xC0\x80", "\x80", "\xBA\xCE", "\xEB\x41", "\xFF", "\xEB\xB6",
        "\xF4\x90\x80\x80", "\xEA\xB0\x80\xEA\xB0\x81\xEA\xB0\x82"};
    unsigned char buf[96];
    uint64_t x = 88172645463325252u;
    for (int round = 0; round < 20000; round++) {
        size_t n = 0, off = (size_t)(round % 8);
        memset(buf, 'z', off);
        n = off;
        while (n < 64) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            /* mostly valid pieces, any piece (broken ones too) one time in ten */
            static const size_t valid[] = {0, 1, 2, 4, 5, 6, 7, 8, 9, 19};
            size_t k = x % 100 < 90 ? valid[x / 100 % ARRAY_LEN(valid)] : x / 100 % ARRAY_LEN(pieces);
            size_t l = strlen(pieces[k]);
            memcpy(buf + n, pieces[k], l);
            n += l;
        }
        for (size_t len = off; len <= n; len++) {
            for (int final = 0; final < 2; final++) {
                bool inc1, inc2;
                size_t a = utf8_valid_prefix(buf + off, len - off, final, &inc1);
                size_t b = ref_valid_prefix(buf + off, len - off, final, &inc2);
                if (a != b || inc1 != inc2)
                    fail_msg("round %d len %zu final %d: %zu/%d, reference %zu/%d", round, len,
                             final, a, inc1, b, inc2);
            }
        }
    }
}

static void test_small_files(void **state)
{
    (void)state;
    static const struct {
        const char *name, *bytes;
        size_t n;
        text_encoding force, want_enc;
        const char *want_text; /* NULL = refused */
        uint64_t bad_offset;
    } t[] = {
        {"u8.csv", "a,\xEB\xB6\x80\xEC\x82\xB0\n", 9, ENC_AUTO, ENC_UTF8, "a,부산\n", 0},
        {"bom.csv", "\xEF\xBB\xBF\"a\",b\n", 9, ENC_AUTO, ENC_UTF8_BOM, "\"a\",b\n", 0},
        {"cp.csv", "a,\xBA\xCE\xBB\xEA\n", 7, ENC_AUTO, ENC_CP949, "a,부산\n", 0},
        {"le.csv", "\xFF\xFE" "a\0,\0\x80\xBD\xB0\xC0\n\0", 12, ENC_AUTO, ENC_UTF16LE, "a,부산\n", 0},
        {"be.csv", "\xFE\xFF\0a\0,\xBD\x80\xC0\xB0\0\n", 12, ENC_AUTO, ENC_UTF16BE, "a,부산\n", 0},
        /* 0x80 is neither UTF-8 nor a CP949 lead byte: refused at its offset. */
        {"bad.csv", "abc\x80xyz\n", 8, ENC_AUTO, ENC_CP949, NULL, 3},
        /* CP949 forced on a file that only holds ASCII. */
        {"f1.csv", "a,b\n", 4, ENC_CP949, ENC_CP949, "a,b\n", 0},
        /* UTF-8 forced on CP949 bytes: refused, no fallback. */
        {"f2.csv", "a,\xBA\xCE\n", 5, ENC_UTF8, ENC_UTF8, NULL, 2},
        /* Forced UTF-8 still drops a BOM. */
        {"f3.csv", "\xEF\xBB\xBFx\n", 5, ENC_UTF8, ENC_UTF8_BOM, "x\n", 0},
        /* UTF-16 cut in the middle of a code unit. */
        {"odd.csv", "\xFF\xFE" "a\0b", 5, ENC_AUTO, ENC_UTF16LE, NULL, 4},
        {"empty.csv", "", 0, ENC_AUTO, ENC_UTF8, "", 0},
    };
    for (size_t i = 0; i < ARRAY_LEN(t); i++) {
        const char *path = scratch_write(t[i].name, t[i].bytes, t[i].n);
        text_stream ts;
        strbuf b = {0};
        int rc = slurp(path, t[i].force, &b, &ts);
        if (t[i].want_text) {
            if (rc != 0)
                fail_msg("case %s: rc %d", t[i].name, rc);
            assert_int_equal(ts.enc, t[i].want_enc);
            assert_string_equal(sb_str(&b), t[i].want_text);
        } else {
            if (rc == 0)
                fail_msg("case %s accepted", t[i].name);
            assert_int_equal(ts.err, 0);
            assert_int_equal(ts.bad_offset, t[i].bad_offset);
        }
        text_stream_close(&ts, NULL);
        sb_free(&b);
    }
}

/* 2 MiB of 징 (C2 A1: CP949 and valid UTF-8) and then 부산 in CP949. */
static void test_cp949_valid_utf8_prefix(void **state)
{
    (void)state;
    size_t pairs = (size_t)1 << 20;
    size_t n = pairs * 2 + 5;
    char *data = malloc(n);
    for (size_t i = 0; i < pairs; i++)
        memcpy(data + 2 * i, "\xC2\xA1", 2);
    memcpy(data + 2 * pairs, "\xBA\xCE\xBB\xEA\n", 5);
    const char *path = scratch_write("late.csv", data, n);
    text_stream ts;
    strbuf b = {0};
    assert_int_equal(slurp(path, ENC_AUTO, &b, &ts), 0);
    assert_int_equal(ts.enc, ENC_CP949);
    assert_int_equal(restarts, 1); /* read as UTF-8 for 2 MiB, then again as CP949 */
    assert_int_equal(b.len, pairs * 3 + 7); /* 징 is 3 bytes in UTF-8, 부산 6, LF 1 */
    assert_memory_equal(b.s, "\xEC\xA7\x95", 3);
    assert_string_equal(b.s + pairs * 3, "부산\n");
    text_stream_close(&ts, NULL);
    sb_free(&b);

    /* The same prefix alone is valid UTF-8 and is read as such. */
    path = scratch_write("amb.csv", data, pairs * 2);
    assert_int_equal(slurp(path, ENC_AUTO, &b, &ts), 0);
    assert_int_equal(ts.enc, ENC_UTF8);
    assert_int_equal(b.len, pairs * 2);
    text_stream_close(&ts, NULL);
    sb_free(&b);

    /* Neither: a byte invalid in both, far into the file. The later of the
     * two failures is reported: CP949 breaks at 0xFF after 2 MiB. */
    data[2 * pairs] = '\xFF';
    path = scratch_write("neither.csv", data, n);
    assert_int_equal(slurp(path, ENC_AUTO, &b, &ts), -1);
    assert_int_equal(ts.err, 0);
    assert_int_equal(ts.bad_offset, 2 * pairs);
    assert_int_equal(ts.bad_byte, 0xFF);
    text_stream_close(&ts, NULL);
    sb_free(&b);
    free(data);
}

/* A character cut by the 1 MiB read boundary, in each encoding; and the
 * SHA-256 of the stream equals that of the whole file. */
static void test_chunk_boundary(void **state)
{
    (void)state;
    size_t pad = ((size_t)1 << 20) - 1;
    static const struct {
        const char *name, *tail;
        size_t tail_n;
        const char *want_tail;
        text_encoding enc;
    } t[] = {
        {"b8.csv", "\xEB\xB6\x80\xEC\x82\xB0\n", 7, "부산\n", ENC_UTF8},
        {"b949.csv", "\xBA\xCE\xBB\xEA\n", 5, "부산\n", ENC_CP949},
    };
    for (size_t i = 0; i < ARRAY_LEN(t); i++) {
        size_t n = pad + t[i].tail_n;
        char *data = malloc(n);
        memset(data, 'a', pad);
        memcpy(data + pad, t[i].tail, t[i].tail_n);
        const char *path = scratch_write(t[i].name, data, n);
        text_stream ts;
        strbuf b = {0};
        assert_int_equal(slurp(path, ENC_AUTO, &b, &ts), 0);
        assert_int_equal(ts.enc, t[i].enc);
        assert_int_equal(b.len, pad + strlen(t[i].want_tail));
        assert_string_equal(b.s + pad, t[i].want_tail);
        unsigned char d1[32], d2[32];
        assert_true(text_stream_close(&ts, d1));
        assert_true(sha256_file(path, d2));
        assert_memory_equal(d1, d2, 32);
        sb_free(&b);
        free(data);
    }
}

static void test_missing(void **state)
{
    (void)state;
    text_stream ts;
    char path[128];
    snprintf(path, sizeof path, "%s/nope.csv", scratch_dir);
    assert_int_equal(text_stream_open(&ts, path, ENC_AUTO, false), -1);
    assert_int_not_equal(ts.err, 0);
    text_stream_close(&ts, NULL);
    assert_int_equal(text_stream_open(&ts, scratch_dir, ENC_AUTO, false), -1); /* a directory */
    text_stream_close(&ts, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_utf8_check),
        cmocka_unit_test(test_utf8_reference),
        cmocka_unit_test(test_small_files),
        cmocka_unit_test(test_cp949_valid_utf8_prefix),
        cmocka_unit_test(test_chunk_boundary),
        cmocka_unit_test(test_missing),
    };
    return cmocka_run_group_tests(tests, scratch_setup, scratch_teardown);
}
