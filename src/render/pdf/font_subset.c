/* font_subset.c — HarfBuzz behind include/font_subset.h.
 *
 * A face is opened once per run (the file is mapped read-only by HarfBuzz)
 * and its character map copied into a BMP bitmap, so "is this code point in
 * the font?" is one bit test while text is prepared. A subset is made with
 * hb-subset from a bitmap of code points: hinting is dropped (PDF viewers
 * rasterise at screen resolution anyway and Nanum's hinting is most of its
 * size), glyph IDs are renumbered, and the result is written with one
 * fwrite so that a failed write is noticed at fclose. */
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
};

font_face *font_face_open(const char *path, const char **why)
{
    static const char *const unreadable = "cannot be read";
    static const char *const not_ttf = "is not a TrueType font (.ttf with glyf outlines)";
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
    /* A .ttc holds several faces: face 0 would load here but not in libharu. */
    if (hb_face_count(blob) != 1) {
        hb_blob_destroy(blob);
        *why = not_ttf;
        return NULL;
    }
    hb_face_t *face = hb_face_create(blob, 0);
    hb_blob_destroy(blob);
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

bool font_face_has(const font_face *f, uint32_t cp)
{
    return f && cp_set_has(&f->cover, cp);
}

/* Writes blob's bytes to path with one fwrite; false on failure (errno). */
static bool write_blob(hb_blob_t *blob, const char *path)
{
    unsigned len = 0;
    const char *data = hb_blob_get_data(blob, &len);
    bool ok = false;
    FILE *out = fopen(path, "wb");
    if (out) {
        ok = len > 0 && fwrite(data, 1, len, out) == len;
        int saved = errno;
        if (fclose(out) != 0)
            ok = false;
        else if (!ok)
            errno = saved;
    }
    return ok;
}

/* Subsets f's face as `in` says (hinting dropped), writes the font to path
 * and destroys `in`; false on failure (errno set for a write error). */
static bool subset_to_file(const font_face *f, hb_subset_input_t *in, const char *path)
{
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
    hb_face_t *sub = hb_subset_or_fail(f->face, in);
    hb_subset_input_destroy(in);
    if (!sub)
        return false;
    hb_blob_t *blob = hb_face_reference_blob(sub);
    bool ok = write_blob(blob, path);
    hb_blob_destroy(blob);
    hb_face_destroy(sub);
    return ok;
}

bool font_face_subset(const font_face *f, const cp_set *cps, const char *path)
{
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in)
        return false;
    hb_set_t *u = hb_subset_input_unicode_set(in);
    for (uint32_t byte = 0; byte < sizeof cps->bits; byte++) {
        if (!cps->bits[byte])
            continue;
        for (uint32_t bit = 0; bit < 8; bit++)
            if (cps->bits[byte] >> bit & 1)
                hb_set_add(u, byte * 8 + bit);
    }
    return subset_to_file(f, in, path);
}

uint32_t font_face_glyph(const font_face *f, uint32_t cp)
{
    hb_codepoint_t gid = 0;
    if (!f || !hb_font_get_nominal_glyph(f->font, cp, &gid))
        return 0;
    return gid;
}

unsigned char *font_face_subset_glyphs(const font_face *f, const uint32_t *gids, size_t n,
                                       size_t *len)
{
    /* Tables a PDF viewer does not read from an embedded CIDFontType2 whose
     * CIDToGIDMap gives the glyphs (PDF 32000-1, 9.9): the character map
     * and the OpenType layout tables (which would also pull in glyphs by
     * closure). */
    static const hb_tag_t drop[] = {
        HB_TAG('c', 'm', 'a', 'p'), HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'),
        HB_TAG('G', 'D', 'E', 'F'), HB_TAG('B', 'A', 'S', 'E'), HB_TAG('J', 'S', 'T', 'F'),
        HB_TAG('k', 'e', 'r', 'n'), HB_TAG('g', 'a', 's', 'p'), HB_TAG('h', 'd', 'm', 'x'),
        HB_TAG('V', 'D', 'M', 'X'), HB_TAG('L', 'T', 'S', 'H'), HB_TAG('D', 'S', 'I', 'G'),
        HB_TAG('v', 'h', 'e', 'a'), HB_TAG('v', 'm', 't', 'x'), HB_TAG('V', 'O', 'R', 'G'),
        HB_TAG('E', 'B', 'D', 'T'), HB_TAG('E', 'B', 'L', 'C'), HB_TAG('E', 'B', 'S', 'C'),
    };
    *len = 0;
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in)
        return NULL;
    hb_set_clear(hb_subset_input_unicode_set(in));
    hb_set_t *g = hb_subset_input_glyph_set(in);
    for (size_t i = 0; i < n; i++)
        hb_set_add(g, gids[i]);
    hb_set_t *dt = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (size_t i = 0; i < ARRAY_LEN(drop); i++)
        hb_set_add(dt, drop[i]);
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

bool font_face_write_shell(const font_face *f, const char *path)
{
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in)
        return false;
    hb_set_t *u = hb_subset_input_unicode_set(in);
    hb_set_clear(u);
    hb_set_add(u, 0x20);
    hb_set_add(u, 'x'); /* libharu takes the descriptor's /XHeight from its glyph */
    return subset_to_file(f, in, path);
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
    free(f);
}
