/* font_subset.c — HarfBuzz behind include/font_subset.h.
 *
 * A face is opened once per run (the file is mapped read-only by HarfBuzz)
 * and its character map copied into a BMP bitmap, so "is this code point in
 * the font?" is one bit test while text is prepared. A subset is made with
 * hb-subset from a bitmap of code points: hinting is dropped (PDF viewers
 * rasterise at screen resolution anyway and Nanum's hinting is most of its
 * size), glyph IDs are renumbered, and the result stays in memory as one
 * blob (no file: on the ext4 without a journal the outputs live on, creating
 * and removing a file cost more than reading it back). A document's subset
 * of the run's subset (its glyphs at their own indices) is made directly
 * from the run subset's tables (direct_subset, below), as hb-subset would
 * make it but for OS/2's Unicode ranges, and by hb-subset for any other
 * font. A project release's subset numbers its glyphs differently: the
 * glyphs the run's releases share first (font_shared, below), so that their
 * bytes are the same in every release and deflated once per run. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <harfbuzz/hb-subset.h>
#include <harfbuzz/hb.h>

#include "common.h"
#include "font_subset.h"

struct font_face {
    hb_face_t *face;
    hb_font_t *font; /* for cmap look-ups (font_face_glyph) */
    cp_set cover;    /* code points the face's cmap maps to a glyph */
    uint16_t *gid_of; /* [65536]: the glyph of each code point of cover, made on
                         first use by direct_subset (a cache: the face itself
                         does not change) */
};

/* The face of blob (which the face references; the caller keeps its own
 * reference), or NULL with *why set: a .ttc holds several faces (face 0
 * would load here but not in libharu), a font without glyf outlines is
 * no TrueType font for the PDFs. */
static font_face *face_of_blob(hb_blob_t *blob, const char **why)
{
    static const char *const not_ttf = "is not a TrueType font (.ttf with glyf outlines)";
    if (hb_face_count(blob) != 1) {
        *why = not_ttf;
        return NULL;
    }
    hb_face_t *face = hb_face_create(blob, 0);
    hb_blob_t *glyf = hb_face_reference_table(face, HB_TAG('g', 'l', 'y', 'f'));
    unsigned glyf_len = hb_blob_get_length(glyf);
    hb_blob_destroy(glyf);
    if (glyf_len == 0 || hb_face_get_glyph_count(face) == 0) {
        hb_face_destroy(face);
        *why = not_ttf;
        return NULL;
    }
    font_face *f = xcalloc(1, sizeof *f);
    f->face = face;
    f->font = hb_font_create(face);
    hb_set_t *u = hb_set_create();
    hb_face_collect_unicodes(face, u);
    hb_codepoint_t cps[1024], last = HB_SET_VALUE_INVALID;
    for (unsigned n; (n = hb_set_next_many(u, last, cps, ARRAY_LEN(cps))) > 0;) {
        for (unsigned k = 0; k < n; k++)
            cp_set_add(&f->cover, cps[k]); /* ignores code points past the BMP */
        last = cps[n - 1];
        if (last >= 65536)
            break;
    }
    hb_set_destroy(u);
    return f;
}

font_face *font_face_open(const char *path, const char **why)
{
    static const char *const unreadable = "cannot be read";
    FILE *probe = fopen(path, "rb");
    if (!probe) {
        *why = unreadable;
        return NULL;
    }
    fclose(probe);
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
    if (!blob) {
        *why = unreadable;
        return NULL;
    }
    font_face *f = face_of_blob(blob, why);
    hb_blob_destroy(blob);
    return f;
}

bool font_face_has(const font_face *f, uint32_t cp)
{
    return f && cp_set_has(&f->cover, cp);
}

/* Subsets f's face as `in` says (hinting dropped) and destroys `in`: the
 * subset's bytes as one blob (the caller destroys it), or NULL. */
static hb_blob_t *subset_blob(const font_face *f, hb_subset_input_t *in)
{
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
    hb_face_t *sub = hb_subset_or_fail(f->face, in);
    hb_subset_input_destroy(in);
    if (!sub)
        return NULL;
    hb_blob_t *blob = hb_face_reference_blob(sub);
    hb_face_destroy(sub);
    if (hb_blob_get_length(blob) == 0) {
        hb_blob_destroy(blob);
        return NULL;
    }
    return blob;
}

font_face *font_face_subset(const font_face *f, const cp_set *cps)
{
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in)
        return NULL;
    hb_set_t *u = hb_subset_input_unicode_set(in);
    for (uint32_t cp = cp_set_next(cps, 0); cp < CP_SET_END; cp = cp_set_next(cps, cp + 1))
        hb_set_add(u, cp);
    hb_blob_t *blob = subset_blob(f, in);
    if (!blob)
        return NULL;
    const char *why = NULL;
    font_face *sub = face_of_blob(blob, &why);
    hb_blob_destroy(blob);
    return sub;
}

uint32_t font_face_glyph(const font_face *f, uint32_t cp)
{
    hb_codepoint_t gid = 0;
    if (!f || !hb_font_get_nominal_glyph(f->font, cp, &gid))
        return 0;
    return gid;
}

/* Tables a document's font program leaves out: a PDF viewer does not read
 * them from an embedded CIDFontType2 whose CIDToGIDMap gives the glyphs (PDF
 * 32000-1, 9.9) — the character map and the OpenType layout tables (which
 * would also pull in glyphs by closure), bitmaps, vertical metrics. */
static const hb_tag_t dropped[] = {
    HB_TAG('c', 'm', 'a', 'p'), HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'),
    HB_TAG('G', 'D', 'E', 'F'), HB_TAG('B', 'A', 'S', 'E'), HB_TAG('J', 'S', 'T', 'F'),
    HB_TAG('k', 'e', 'r', 'n'), HB_TAG('g', 'a', 's', 'p'), HB_TAG('h', 'd', 'm', 'x'),
    HB_TAG('V', 'D', 'M', 'X'), HB_TAG('L', 'T', 'S', 'H'), HB_TAG('D', 'S', 'I', 'G'),
    HB_TAG('v', 'h', 'e', 'a'), HB_TAG('v', 'm', 't', 'x'), HB_TAG('V', 'O', 'R', 'G'),
    HB_TAG('E', 'B', 'D', 'T'), HB_TAG('E', 'B', 'L', 'C'), HB_TAG('E', 'B', 'S', 'C'),
};

#ifndef TESTING
static
#endif
unsigned char *font_face_subset_glyphs_hb(const font_face *f, const uint32_t *gids, size_t n, size_t *len)
{
    *len = 0;
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in)
        return NULL;
    hb_set_clear(hb_subset_input_unicode_set(in));
    hb_set_t *g = hb_subset_input_glyph_set(in);
    for (size_t i = 0; i < n; i++)
        hb_set_add(g, gids[i]);
    hb_set_t *dt = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (size_t i = 0; i < ARRAY_LEN(dropped); i++)
        hb_set_add(dt, dropped[i]);
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_RETAIN_GIDS);
    hb_face_t *sub = hb_subset_or_fail(f->face, in);
    hb_subset_input_destroy(in);
    if (!sub)
        return NULL;
    hb_blob_t *blob = hb_face_reference_blob(sub);
    unsigned blen = 0;
    const char *data = hb_blob_get_data(blob, &blen);
    unsigned char *out = NULL;
    if (data && blen > 0) {
        out = xmalloc(blen);
        memcpy(out, data, blen);
        *len = blen;
    }
    hb_blob_destroy(blob);
    hb_face_destroy(sub);
    return out;
}

unsigned char *font_face_shell(const font_face *f, size_t *len)
{
    *len = 0;
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in)
        return NULL;
    hb_set_t *u = hb_subset_input_unicode_set(in);
    hb_set_clear(u);
    hb_set_add(u, 0x20);
    hb_set_add(u, 'x'); /* libharu takes the descriptor's /XHeight from its glyph */
    hb_blob_t *blob = subset_blob(f, in);
    if (!blob)
        return NULL;
    unsigned blen = 0;
    const char *data = hb_blob_get_data(blob, &blen);
    unsigned char *out = xmalloc(blen);
    memcpy(out, data, blen);
    *len = blen;
    hb_blob_destroy(blob);
    return out;
}

/* ---- the per-document subset, made directly ----
 *
 * hb-subset made each document's three font programs in ~0.9 M instructions
 * a face (a plan, then every table), 17 % of a PDF worker's. The run's
 * subset already holds nothing but TrueType outlines without hinting, so a
 * document's subset is that font with the glyphs it does not draw emptied:
 * glyf and loca rebuilt for the kept glyphs (with .notdef and the
 * components of composite glyphs, at their own indices), maxp's glyph count
 * and head's loca format and checksum adjustment set, hmtx given one full
 * metric per glyph (hhea's count set to match), OS/2, name and post copied,
 * the character map and layout tables left out. A font that is not of that
 * form (a table missing, long hmtx shorter than its count) goes through
 * hb-subset as before. */

typedef struct sfnt_in {
    hb_blob_t *blob;
    const unsigned char *p;
    unsigned len;
} sfnt_in;

static unsigned be16(const unsigned char *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)(v >> 8);
    p[1] = (unsigned char)v;
}

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

static bool table_in(const font_face *f, const char tag[4], sfnt_in *t)
{
    t->blob = hb_face_reference_table(f->face, HB_TAG(tag[0], tag[1], tag[2], tag[3]));
    t->p = (const unsigned char *)hb_blob_get_data(t->blob, &t->len);
    return t->p && t->len > 0;
}

/* Glyph g's bytes in glyf: [*a, *e); false if loca is out of range. */
static bool glyph_range(const sfnt_in *loca, const sfnt_in *glyf, bool long_loca, unsigned g,
                        uint32_t *a, uint32_t *e)
{
    size_t need = long_loca ? 4 * ((size_t)g + 2) : 2 * ((size_t)g + 2);
    if (need > loca->len)
        return false;
    *a = long_loca ? be32(loca->p + 4 * g) : 2 * be16(loca->p + 2 * g);
    *e = long_loca ? be32(loca->p + 4 * g + 4) : 2 * be16(loca->p + 2 * g + 2);
    return *a <= *e && *e <= glyf->len;
}

/* Adds glyph g and, for a composite glyph, its components (recursively) to
 * keep[]; false for a malformed glyph. */
static bool keep_glyph(const sfnt_in *loca, const sfnt_in *glyf, bool long_loca, unsigned ng,
                       unsigned g, bool *keep, int depth)
{
    uint32_t a, e;
    if (g >= ng || depth > 8 || !glyph_range(loca, glyf, long_loca, g, &a, &e))
        return false;
    if (keep[g])
        return true;
    keep[g] = true;
    if (e - a < 10 || (int16_t)be16(glyf->p + a) >= 0)
        return true; /* empty or simple */
    const unsigned char *q = glyf->p + a + 10, *end = glyf->p + e;
    for (;;) {
        if (end - q < 4)
            return false;
        unsigned flags = be16(q), comp = be16(q + 2);
        q += 4 + (flags & 0x0001 ? 4 : 2);
        q += flags & 0x0008 ? 2 : flags & 0x0040 ? 4 : flags & 0x0080 ? 8 : 0;
        if (q > end || !keep_glyph(loca, glyf, long_loca, ng, comp, keep, depth + 1))
            return false;
        if (!(flags & 0x0020))
            return true;
    }
}

/* Glyph g's advance in the subset: the font's, 0 for a glyph left out. */
static unsigned advance_of(const unsigned char *hmtx, unsigned nhm, const bool *keep, unsigned g)
{
    return keep[g] ? be16(hmtx + 4 * (g < nhm ? g : nhm - 1)) : 0;
}

/* The sum of the big-endian words of p[0..len), zero-padded to a word. */
static uint32_t table_sum(const unsigned char *p, size_t len)
{
    uint32_t sum = 0;
    size_t i = 0;
    for (; i + 4 <= len; i += 4)
        sum += be32(p + i);
    if (i < len) {
        unsigned char w[4] = {0};
        memcpy(w, p + i, len - i);
        sum += be32(w);
    }
    return sum;
}

/* f's glyph of every code point it covers (0 elsewhere), made once. */
static const uint16_t *glyphs_of(const font_face *f)
{
    if (!f->gid_of) {
        uint16_t *g = xcalloc(65536, sizeof *g);
        for (uint32_t cp = cp_set_next(&f->cover, 0); cp < CP_SET_END; cp = cp_set_next(&f->cover, cp + 1))
            g[cp] = (uint16_t)font_face_glyph(f, cp);
        ((font_face *)f)->gid_of = g; /* a cache of what the face maps */
    }
    return f->gid_of;
}

enum { T_OS2, T_GLYF, T_HEAD, T_HHEA, T_HMTX, T_LOCA, T_MAXP, T_NAME, T_POST, T_COUNT };
static const char tag_of[T_COUNT][5] = {"OS/2", "glyf", "head", "hhea", "hmtx",
                                        "loca", "maxp", "name", "post"}; /* sorted */


/* Does f hold only the tables direct_subset writes or leaves out (so no
 * hinting program, which its glyphs' instructions could call)? */
static bool directly_subsettable(const font_face *f)
{
    hb_tag_t tags[64];
    unsigned n = ARRAY_LEN(tags);
    unsigned total = hb_face_get_table_tags(f->face, 0, &n, tags);
    if (total > ARRAY_LEN(tags))
        return false;
    for (unsigned i = 0; i < n; i++) {
        bool known = false;
        for (int t = 0; t < T_COUNT && !known; t++)
            known = tags[i] == HB_TAG(tag_of[t][0], tag_of[t][1], tag_of[t][2], tag_of[t][3]);
        for (size_t k = 0; k < ARRAY_LEN(dropped) && !known; k++)
            known = tags[i] == dropped[k];
        if (!known)
            return false;
    }
    return true;
}

/* ---- a glyph block shared by the documents of a run ----
 *
 * Most glyphs of a release are its template's. Numbered first in every
 * document's font program (any order will do: the CIDToGIDMap names the
 * glyphs), their glyf bytes are the same in every document, so they are
 * deflated once per run (pdf_deflate.c) and only the rest per document. */
struct font_shared {
    unsigned ng;            /* glyphs of the face */
    uint32_t *index;        /* [ng]: glyph g's index in a document's program */
    uint32_t *glyph_at;     /* [ng]: the glyph at each index */
    unsigned nshared;       /* indices [0, nshared): the shared glyphs, .notdef first */
    unsigned char *block;   /* their glyf bytes, each padded to even, components renumbered */
    size_t block_len;
};

/* The glyph at p[0..len) with its composite components' glyph indices
 * renumbered by index[] (a simple glyph is left as it is). The glyph was
 * read by keep_glyph, which checked its records. */
static void renumber_components(unsigned char *p, size_t len, const uint32_t *index, unsigned ng)
{
    if (len < 10 || (int16_t)be16(p) >= 0)
        return;
    unsigned char *q = p + 10, *end = p + len;
    while (end - q >= 4) {
        unsigned flags = be16(q), comp = be16(q + 2);
        if (comp < ng)
            put16(q + 2, index[comp]);
        q += 4 + (flags & 0x0001 ? 4 : 2);
        q += flags & 0x0008 ? 2 : flags & 0x0040 ? 4 : flags & 0x0080 ? 8 : 0;
        if (!(flags & 0x0020))
            return;
    }
}

/* Glyph g of the face (read through loca and glyf) as a program holds it:
 * written to dst unless dst is NULL, its components renumbered by index
 * unless index is NULL, zero-padded to an even length (for a short loca),
 * which is returned. A document's program (direct_subset) and the shared
 * block (font_shared_make) both write glyphs with it, so that the block's
 * bytes are the program's. */
static size_t put_glyph(unsigned char *dst, const sfnt_in *loca, const sfnt_in *glyf, bool long_loca, unsigned g,
                        const uint32_t *index, unsigned ng)
{
    uint32_t a, e;
    if (!glyph_range(loca, glyf, long_loca, g, &a, &e))
        return 0;
    if (dst) {
        memcpy(dst, glyf->p + a, e - a);
        if (index)
            renumber_components(dst, e - a, index, ng);
    }
    return (e - a + 1) & ~(size_t)1;
}

/* The document's program; with sh, its glyphs numbered by sh->index (the
 * shared ones first), glyf placed right after the table directory and
 * *block_at set to where the shared block starts in it. */
static unsigned char *direct_subset(const font_face *f, const font_shared *sh, const uint32_t *gids, size_t n,
                                    size_t *len, size_t *block_at)
{
    if (!directly_subsettable(f))
        return NULL;
    sfnt_in in[T_COUNT];
    bool ok = true;
    for (int t = 0; t < T_COUNT; t++)
        ok &= table_in(f, tag_of[t], &in[t]);
    unsigned ng = hb_face_get_glyph_count(f->face);
    bool long_loca = ok && in[T_HEAD].len >= 54 && be16(in[T_HEAD].p + 50) != 0;
    unsigned nhm = ok && in[T_HHEA].len >= 36 ? be16(in[T_HHEA].p + 34) : 0;
    ok = ok && in[T_HEAD].len >= 54 && in[T_MAXP].len >= 6 && in[T_HHEA].len >= 36 && ng > 0 &&
         nhm > 0 && nhm <= ng && in[T_HMTX].len >= 4 * (size_t)nhm + 2 * (size_t)(ng - nhm);
    bool *keep = ok ? xcalloc(ng, sizeof *keep) : NULL;
    ok = ok && keep_glyph(&in[T_LOCA], &in[T_GLYF], long_loca, ng, 0, keep, 0);
    for (size_t i = 0; ok && i < n; i++)
        ok = keep_glyph(&in[T_LOCA], &in[T_GLYF], long_loca, ng, gids[i], keep, 0);
    ok = ok && (!sh || sh->ng == ng);
    for (unsigned r = 0; ok && sh && r < sh->nshared; r++)
        keep[sh->glyph_at[r]] = true;
    /* The glyph at each index of the program: the face's order, or sh's. */
#define AT(r) (sh ? sh->glyph_at[r] : (r))
    unsigned char *out = NULL;
    if (ok) {
        unsigned nout = 0;
        size_t glen = 0;
        for (unsigned r = 0; r < ng; r++) {
            unsigned g = AT(r);
            if (!keep[g])
                continue;
            glen += put_glyph(NULL, &in[T_LOCA], &in[T_GLYF], long_loca, g, NULL, ng);
            nout = r + 1;
        }
        bool out_long = glen > 0x1FFFE;
        size_t tlen[T_COUNT];
        for (int t = 0; t < T_COUNT; t++)
            tlen[t] = in[t].len;
        tlen[T_GLYF] = glen ? glen : 1; /* a glyf table of no glyph is one zero byte */
        tlen[T_LOCA] = (out_long ? 4 : 2) * ((size_t)nout + 1);
        unsigned nl = nout;
        while (nl > 1 && advance_of(in[T_HMTX].p, nhm, keep, AT(nl - 2)) ==
                             advance_of(in[T_HMTX].p, nhm, keep, AT(nl - 1)))
            nl--;
        tlen[T_HMTX] = 4 * (size_t)nl + 2 * (size_t)(nout - nl);
        /* The tables' bytes smallest first (as hb-subset lays them out:
         * the directory stays sorted by tag). */
        int order[T_COUNT];
        for (int t = 0; t < T_COUNT; t++) {
            int k = t;
            while (k > 0 && tlen[order[k - 1]] > tlen[t])
                order[k] = order[k - 1], k--;
            order[k] = t;
        }
        if (sh) { /* glyf first: the shared block right after the directory */
            int k = 0;
            while (order[k] != T_GLYF)
                k++;
            for (; k > 0; k--)
                order[k] = order[k - 1];
            order[0] = T_GLYF;
        }
        size_t off = 12 + 16 * T_COUNT, start[T_COUNT];
        for (int k = 0; k < T_COUNT; k++) {
            start[order[k]] = off;
            off += (tlen[order[k]] + 3) & ~(size_t)3;
        }
        if (block_at)
            *block_at = start[T_GLYF];
        out = xcalloc(1, off);
        *len = off;
        unsigned char *o = out;
        put32(o, 0x00010000);
        put16(o + 4, T_COUNT);
        put16(o + 6, 128); /* searchRange: 8 tables × 16 */
        put16(o + 8, 3);
        put16(o + 10, T_COUNT * 16 - 128);
        for (int t = 0; t < T_COUNT; t++)
            if (t != T_GLYF && t != T_LOCA && t != T_HMTX)
                memcpy(o + start[t], in[t].p, in[t].len);
        /* glyf and loca */
        unsigned char *gl = o + start[T_GLYF], *lo = o + start[T_LOCA];
        size_t at = 0;
        for (unsigned r = 0; r <= nout; r++) {
            if (out_long)
                put32(lo + 4 * r, (uint32_t)at);
            else
                put16(lo + 2 * r, (unsigned)(at / 2));
            unsigned g = r < nout ? AT(r) : 0;
            if (r < nout && keep[g])
                at += put_glyph(gl + at, &in[T_LOCA], &in[T_GLYF], long_loca, g, sh ? sh->index : NULL, ng);
        }
        /* hmtx: (advance, lsb) per glyph, zero for the glyphs left out; the
         * trailing glyphs of the last advance keep only their lsb */
        unsigned char *hm = o + start[T_HMTX];
        const unsigned char *src = in[T_HMTX].p;
        unsigned nlong = nl;
        for (unsigned r = 0; r < nout; r++) {
            unsigned g = AT(r);
            if (!keep[g])
                continue;
            unsigned lsb = g < nhm ? be16(src + 4 * g + 2) : be16(src + 4 * nhm + 2 * (g - nhm));
            if (r < nlong) {
                put16(hm + 4 * r, advance_of(src, nhm, keep, g));
                put16(hm + 4 * r + 2, lsb);
            } else {
                put16(hm + 4 * nlong + 2 * (r - nlong), lsb);
            }
        }
        put16(o + start[T_HHEA] + 34, nlong);
        put16(o + start[T_MAXP] + 4, nout);
        /* OS/2's first and last character: the code points of the run's
         * character map whose glyph the document asked for, as hb-subset
         * sets them (0xFFFF for none). Its Unicode ranges stay the run's. */
        if (in[T_OS2].len >= 68) {
            bool *asked = xcalloc(ng, sizeof *asked);
            for (size_t i = 0; i < n; i++)
                if (gids[i] < ng)
                    asked[gids[i]] = true;
            unsigned lo_cp = 0xFFFF, hi_cp = 0xFFFF;
            bool any = false;
            const uint16_t *gid_of = glyphs_of(f);
            for (uint32_t cp = cp_set_next(&f->cover, 0); cp < CP_SET_END;
                 cp = cp_set_next(&f->cover, cp + 1)) {
                uint32_t g = gid_of[cp];
                if (g >= ng || !asked[g])
                    continue;
                if (!any)
                    lo_cp = cp;
                hi_cp = cp;
                any = true;
            }
            free(asked);
            put16(o + start[T_OS2] + 64, lo_cp);
            put16(o + start[T_OS2] + 66, hi_cp);
        }
        unsigned char *head = o + start[T_HEAD];
        put16(head + 50, out_long ? 1 : 0);
        put32(head + 8, 0);
        /* The font's sum is the directory's plus the tables' (each starts
         * on a word and is zero-padded to one). */
        uint32_t all = 0;
        for (int t = 0; t < T_COUNT; t++) {
            unsigned char *r = o + 12 + 16 * t;
            uint32_t sum = table_sum(o + start[t], tlen[t]);
            memcpy(r, tag_of[t], 4);
            put32(r + 4, sum);
            put32(r + 8, (uint32_t)start[t]);
            put32(r + 12, (uint32_t)tlen[t]);
            all += sum;
        }
        put32(head + 8, 0xB1B0AFBAu - (all + table_sum(o, 12 + 16 * T_COUNT)));
    }
#undef AT
    free(keep);
    for (int t = 0; t < T_COUNT; t++)
        hb_blob_destroy(in[t].blob);
    return out;
}

unsigned char *font_face_subset_glyphs(const font_face *f, const uint32_t *gids, size_t n,
                                       size_t *len)
{
    *len = 0;
    unsigned char *out = direct_subset(f, NULL, gids, n, len, NULL);
    return out ? out : font_face_subset_glyphs_hb(f, gids, n, len);
}

unsigned char *font_face_subset_glyphs_shared(const font_face *f, const font_shared *sh, const uint32_t *gids,
                                              size_t n, size_t *len, size_t *block_at)
{
    *len = *block_at = 0;
    return sh ? direct_subset(f, sh, gids, n, len, block_at) : font_face_subset_glyphs(f, gids, n, len);
}

font_shared *font_shared_make(const font_face *f, const uint32_t *gids, size_t n)
{
    if (!directly_subsettable(f))
        return NULL;
    sfnt_in loca, glyf, head;
    bool ok = table_in(f, "loca", &loca) & table_in(f, "glyf", &glyf) & table_in(f, "head", &head);
    unsigned ng = hb_face_get_glyph_count(f->face);
    bool long_loca = ok && head.len >= 54 && be16(head.p + 50) != 0;
    ok = ok && head.len >= 54 && ng > 0;
    bool *keep = ok ? xcalloc(ng, sizeof *keep) : NULL;
    ok = ok && keep_glyph(&loca, &glyf, long_loca, ng, 0, keep, 0);
    for (size_t i = 0; ok && i < n; i++)
        ok = keep_glyph(&loca, &glyf, long_loca, ng, gids[i], keep, 0);
    font_shared *sh = NULL;
    if (ok) {
        sh = xcalloc(1, sizeof *sh);
        sh->ng = ng;
        sh->index = xmalloc(ng * sizeof *sh->index);
        sh->glyph_at = xmalloc(ng * sizeof *sh->glyph_at);
        unsigned r = 0;
        for (int pass = 0; pass < 2; pass++) { /* the shared glyphs (with .notdef), then the others */
            for (unsigned g = 0; g < ng; g++)
                if (keep[g] == (pass == 0)) {
                    sh->index[g] = r;
                    sh->glyph_at[r++] = g;
                }
            if (pass == 0)
                sh->nshared = r;
        }
        size_t blen = 0;
        for (unsigned k = 0; k < sh->nshared; k++)
            blen += put_glyph(NULL, &loca, &glyf, long_loca, sh->glyph_at[k], NULL, ng);
        sh->block = xcalloc(1, blen ? blen : 1);
        for (unsigned k = 0; k < sh->nshared; k++)
            sh->block_len += put_glyph(sh->block + sh->block_len, &loca, &glyf, long_loca, sh->glyph_at[k],
                                       sh->index, ng);
    }
    free(keep);
    hb_blob_destroy(loca.blob);
    hb_blob_destroy(glyf.blob);
    hb_blob_destroy(head.blob);
    return sh;
}

uint32_t font_shared_index(const font_shared *sh, uint32_t gid)
{
    return sh && gid < sh->ng ? sh->index[gid] : gid;
}

const unsigned char *font_shared_block(const font_shared *sh, size_t *len)
{
    *len = sh ? sh->block_len : 0;
    return sh ? sh->block : NULL;
}

void font_shared_free(font_shared *sh)
{
    if (!sh)
        return;
    free(sh->index);
    free(sh->glyph_at);
    free(sh->block);
    free(sh);
}

unsigned font_face_advance(const font_face *f, uint32_t cp)
{
    hb_codepoint_t gid = 0;
    if (!f)
        return 0;
    hb_font_get_nominal_glyph(f->font, cp, &gid); /* none: .notdef */
    unsigned upem = hb_face_get_upem(f->face);
    hb_position_t adv = hb_font_get_glyph_h_advance(f->font, gid);
    return upem && adv > 0 ? (unsigned)adv * 1000u / upem : 0;
}

void font_face_close(font_face *f)
{
    if (!f)
        return;
    hb_font_destroy(f->font);
    hb_face_destroy(f->face);
    free(f->gid_of);
    free(f);
}
