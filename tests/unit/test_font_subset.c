/* test_font_subset.c — a document's font program made directly
 * (font_face_subset_glyphs) against hb-subset's for the same glyphs, on the
 * real Nanum faces: the same tables in the same order with the same bytes,
 * but for OS/2's Unicode ranges (the run's, a superset) and head's checksum
 * adjustment; every table checksum and the font's checksum valid; kept
 * glyphs' outlines and composite components present, the others empty. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "font_subset.h"

#define NANUM "/usr/share/fonts/truetype/nanum/"

static unsigned be16(const unsigned char *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t sum_words(const unsigned char *p, size_t len)
{
    uint32_t s = 0;
    for (size_t i = 0; i < len; i += 4) {
        unsigned char w[4] = {0};
        memcpy(w, p + i, len - i < 4 ? len - i : 4);
        s += be32(w);
    }
    return s;
}

/* The table `tag` of font p: its offset and length, or false. */
static bool table(const unsigned char *p, size_t len, const char *tag, uint32_t *off, uint32_t *tlen)
{
    unsigned n = be16(p + 4);
    for (unsigned i = 0; i < n && 12 + 16 * (size_t)(i + 1) <= len; i++) {
        const unsigned char *r = p + 12 + 16 * i;
        if (!memcmp(r, tag, 4)) {
            *off = be32(r + 8);
            *tlen = be32(r + 12);
            return *off + (size_t)*tlen <= len;
        }
    }
    return false;
}

/* The run's subset of the face at path, as pdf_fonts_ready makes it, for
 * ASCII, □ ○ ※ · and every `every`-th of `span` Hangul syllables from 가;
 * the caller closes it. */
static font_face *run_subset(const char *path, uint32_t span, uint32_t every)
{
    const char *why = NULL;
    font_face *face = font_face_open(path, &why);
    assert_non_null(face);
    cp_set used = {0};
    for (uint32_t cp = 0x20; cp < 0x7F; cp++)
        cp_set_add(&used, cp);
    for (uint32_t cp = 0xAC00; cp < 0xAC00 + span; cp += every)
        cp_set_add(&used, cp);
    static const uint32_t sym[] = {0x25A1, 0x25CB, 0x203B, 0x00B7};
    for (size_t i = 0; i < sizeof sym / sizeof *sym; i++)
        cp_set_add(&used, sym[i]);
    font_face *run = font_face_subset(face, &used);
    font_face_close(face);
    assert_non_null(run);
    return run;
}

/* The direct subset (*d) and hb-subset's (*h) of the same glyphs: both
 * made, the same length, returned. */
static size_t both(const font_face *f, const uint32_t *gids, size_t n, unsigned char **d,
                   unsigned char **h)
{
    size_t dl = 0, hl = 0;
    *d = font_face_subset_glyphs(f, gids, n, &dl);
    *h = font_face_subset_glyphs_hb(f, gids, n, &hl);
    assert_non_null(*d);
    assert_non_null(*h);
    assert_int_equal(dl, hl);
    return dl;
}

/* The direct subset of a glyph list of a run subset — every `step`-th of
 * its Hangul syllables and "A1 -" — against hb-subset's. */
static void check_face(const char *path, unsigned step)
{
    font_face *run = run_subset(path, 3000, 7);

    uint32_t gids[1000];
    size_t n = 0;
    for (uint32_t cp = 0xAC00; cp < 0xAC00 + 3000 && n < 900; cp += 7 * step)
        if (font_face_glyph(run, cp))
            gids[n++] = font_face_glyph(run, cp);
    gids[n++] = font_face_glyph(run, 'A');
    gids[n++] = font_face_glyph(run, '1');
    gids[n++] = font_face_glyph(run, '-');

    unsigned char *d, *h;
    size_t dl = both(run, gids, n, &d, &h);
    assert_int_equal(be16(d + 4), be16(h + 4));
    /* The font's checksum and every table's. */
    assert_int_equal(sum_words(d, dl), 0xB1B0AFBAu);
    for (unsigned i = 0; i < be16(d + 4); i++) {
        const unsigned char *rd = d + 12 + 16 * i, *rh = h + 12 + 16 * i;
        assert_memory_equal(rd, rh, 4);                 /* tag */
        assert_int_equal(be32(rd + 8), be32(rh + 8));   /* offset */
        assert_int_equal(be32(rd + 12), be32(rh + 12)); /* length */
        uint32_t off = be32(rd + 8), len = be32(rd + 12);
        if (memcmp(rd, "head", 4))
            assert_int_equal(be32(rd + 4), sum_words(d + off, len));
        if (!memcmp(rd, "OS/2", 4)) {
            assert_memory_equal(d + off, h + off, 42); /* up to ulUnicodeRange */
            assert_memory_equal(d + off + 58, h + off + 58, len - 58);
            for (int k = 42; k < 58; k++) /* the run's ranges: a superset */
                assert_int_equal(d[off + k] & h[off + k], h[off + k]);
        } else if (!memcmp(rd, "head", 4)) {
            assert_memory_equal(d + off, h + off, 8);
            assert_memory_equal(d + off + 12, h + off + 12, len - 12);
        } else {
            assert_memory_equal(d + off, h + off, len);
        }
    }
    /* Kept glyphs have their outlines, the others none. */
    uint32_t lo_off, lo_len, hd_off, hd_len, gl_off, gl_len;
    assert_true(table(d, dl, "loca", &lo_off, &lo_len));
    assert_true(table(d, dl, "head", &hd_off, &hd_len));
    assert_true(table(d, dl, "glyf", &gl_off, &gl_len));
    bool long_loca = be16(d + hd_off + 50) != 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t g = gids[i];
        uint32_t a = long_loca ? be32(d + lo_off + 4 * g) : 2 * be16(d + lo_off + 2 * g);
        uint32_t e = long_loca ? be32(d + lo_off + 4 * g + 4) : 2 * be16(d + lo_off + 2 * g + 2);
        assert_true(e > a || g == font_face_glyph(run, ' ')); /* a space has no outline */
        assert_true(e <= gl_len);
    }
    free(d);
    free(h);
    font_face_close(run);
}

/* cp_set_next visits exactly the set's members, ascending: sets of a few
 * code points at the edges (0, 65535, word and byte boundaries) and random
 * ones from sparse to dense, against a bit-by-bit walk. */
static void test_cp_set_next(void **state)
{
    (void)state;
    static cp_set s;
    assert_int_equal(cp_set_next(&s, 0), CP_SET_END);
    static const uint32_t edges[] = {0, 7, 8, 63, 64, 65, 4095, 4096, 0xAC00, 65471, 65472, 65535};
    for (size_t i = 0; i < sizeof edges / sizeof *edges; i++)
        cp_set_add(&s, edges[i]);
    size_t k = 0;
    for (uint32_t c = cp_set_next(&s, 0); c < CP_SET_END; c = cp_set_next(&s, c + 1))
        assert_int_equal(c, edges[k++]);
    assert_int_equal(k, sizeof edges / sizeof *edges);
    assert_int_equal(cp_set_next(&s, 65535), 65535);
    assert_int_equal(cp_set_next(&s, 9), 63);
    uint64_t x = 88172645463325252u;
    for (unsigned density = 1; density <= 4096; density *= 8) {
        memset(&s, 0, sizeof s);
        for (uint32_t c = 0; c < 65536; c++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            if (x % 4096 < density)
                cp_set_add(&s, c);
        }
        uint32_t c = cp_set_next(&s, 0);
        for (uint32_t want = 0; want < 65536; want++) {
            if (!cp_set_has(&s, want))
                continue;
            assert_int_equal(c, want);
            c = cp_set_next(&s, c + 1);
        }
        assert_int_equal(c, CP_SET_END);
    }
}

static void test_direct_subset_matches_hb(void **state)
{
    (void)state;
    static const char *const paths[] = {NANUM "NanumMyeongjo.ttf", NANUM "NanumGothic.ttf",
                                        NANUM "NanumGothicBold.ttf"};
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++)
        for (unsigned step = 1; step <= 9; step += 4)
            check_face(paths[i], step);
}

/* No glyph asked for (a face the document does not draw): .notdef alone,
 * the same size as hb-subset's, a valid checksum. */
static void test_only_notdef(void **state)
{
    (void)state;
    font_face *run = run_subset(NANUM "NanumGothic.ttf", 16, 1);
    unsigned char *d, *h;
    size_t dl = both(run, NULL, 0, &d, &h);
    assert_int_equal(sum_words(d, dl), 0xB1B0AFBAu);
    free(d);
    free(h);
    font_face_close(run);
}

/* A face with a hinting program (the installed NanumGothic: fpgm, prep,
 * cvt) is not subset directly — its glyphs' instructions call the program —
 * but by hb-subset: the bytes are hb-subset's. */
static void test_hinted_face_goes_to_hb(void **state)
{
    (void)state;
    const char *why = NULL;
    font_face *face = font_face_open(NANUM "NanumGothic.ttf", &why);
    assert_non_null(face);
    uint32_t gids[] = {font_face_glyph(face, 0xAC00), font_face_glyph(face, 'A')};
    unsigned char *d, *h;
    size_t dl = both(face, gids, 2, &d, &h);
    assert_memory_equal(d, h, dl);
    free(d);
    free(h);
    font_face_close(face);
}

/* Glyph g's bytes in font p (len bytes): [*a, *e) within it. */
static void glyph_at(const unsigned char *p, size_t len, uint32_t g, uint32_t *a, uint32_t *e)
{
    uint32_t lo_off, lo_len, hd_off, hd_len, gl_off, gl_len;
    assert_true(table(p, len, "loca", &lo_off, &lo_len));
    assert_true(table(p, len, "head", &hd_off, &hd_len));
    assert_true(table(p, len, "glyf", &gl_off, &gl_len));
    bool long_loca = be16(p + hd_off + 50) != 0;
    assert_true((long_loca ? 4 : 2) * ((size_t)g + 2) <= lo_len);
    *a = gl_off + (long_loca ? be32(p + lo_off + 4 * g) : 2 * be16(p + lo_off + 2 * g));
    *e = gl_off + (long_loca ? be32(p + lo_off + 4 * g + 4) : 2 * be16(p + lo_off + 2 * g + 2));
    assert_true(*a <= *e && *e <= gl_off + gl_len);
}

/* The glyphs of every k-th of the first `count` syllables the run has. */
static size_t syllables(const font_face *run, unsigned k, unsigned count, uint32_t *gids)
{
    size_t n = 0;
    for (uint32_t j = 0; j < count; j += k) {
        uint32_t g = font_face_glyph(run, 0xAC00 + 7 * j);
        if (g)
            gids[n++] = g;
    }
    return n;
}

/* A shared glyph block (font_shared_make) and two documents' programs made
 * with it: each holds the block's bytes at the same place, right after the
 * table directory; every glyph a document asked for, and every shared one,
 * has the run subset's outline under its new index, .notdef first; the
 * others are empty; the checksums are valid. */
static void test_shared_block(void **state)
{
    (void)state;
    static const char *const paths[] = {NANUM "NanumMyeongjo.ttf", NANUM "NanumGothic.ttf",
                                        NANUM "NanumGothicBold.ttf"};
    for (size_t pi = 0; pi < sizeof paths / sizeof *paths; pi++) {
        font_face *run = run_subset(paths[pi], 3000, 7);
        uint32_t common[500], doc[2][500];
        size_t nc = syllables(run, 3, 300, common), nd[2];
        nd[0] = syllables(run, 2, 400, doc[0]);
        nd[1] = syllables(run, 5, 420, doc[1]);
        doc[1][nd[1]++] = font_face_glyph(run, '-');
        font_shared *sh = font_shared_make(run, common, nc);
        assert_non_null(sh);
        size_t blen = 0;
        const unsigned char *block = font_shared_block(sh, &blen);
        assert_true(blen > 0);
        assert_int_equal(font_shared_index(sh, 0), 0); /* .notdef first */
        for (int d = 0; d < 2; d++) {
            size_t len = 0, at = 0;
            unsigned char *p = font_face_subset_glyphs_shared(run, sh, doc[d], nd[d], &len, &at);
            assert_non_null(p);
            assert_int_equal(at, 12 + 16 * (size_t)be16(p + 4)); /* glyf right after the directory */
            assert_true(at + blen <= len);
            assert_memory_equal(p + at, block, blen);
            assert_int_equal(sum_words(p, len), 0xB1B0AFBAu);
            for (unsigned t = 0; t < be16(p + 4); t++) {
                const unsigned char *r = p + 12 + 16 * t;
                if (memcmp(r, "head", 4))
                    assert_int_equal(be32(r + 4), sum_words(p + be32(r + 8), be32(r + 12)));
            }
            for (int set = 0; set < 2; set++) {
                const uint32_t *g = set ? common : doc[d];
                size_t n = set ? nc : nd[d], rpl = 0;
                /* The same glyphs in the run's own numbering: the reference outlines. */
                unsigned char *rp = font_face_subset_glyphs(run, g, n, &rpl);
                assert_non_null(rp);
                for (size_t k = 0; k < n; k++) {
                    uint32_t a, e, ra, re;
                    glyph_at(p, len, font_shared_index(sh, g[k]), &a, &e);
                    glyph_at(rp, rpl, g[k], &ra, &re);
                    assert_int_equal(e - a, re - ra);
                    if ((int16_t)be16(rp + ra) >= 0) /* a simple glyph: the same bytes */
                        assert_memory_equal(p + a, rp + ra, e - a);
                    if (set) /* shared: inside the block */
                        assert_true(a >= at && e <= at + blen);
                }
                free(rp);
            }
            /* A glyph neither asked for nor shared: empty. */
            uint32_t other = font_face_glyph(run, 0xAC00 + 7 * 1);
            bool asked = false;
            for (size_t k = 0; k < nd[d]; k++)
                asked |= doc[d][k] == other;
            for (size_t k = 0; k < nc; k++)
                asked |= common[k] == other;
            if (!asked) {
                uint32_t a, e;
                glyph_at(p, len, font_shared_index(sh, other), &a, &e);
                assert_int_equal(a, e);
            }
            free(p);
        }
        font_shared_free(sh);
        font_face_close(run);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cp_set_next),
        cmocka_unit_test(test_direct_subset_matches_hb),
        cmocka_unit_test(test_only_notdef),
        cmocka_unit_test(test_hinted_face_goes_to_hb),
        cmocka_unit_test(test_shared_block),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
