/* font_subset.h — TrueType faces read with HarfBuzz: which code points a face
 * covers, and true subsets of a face made as small .ttf fonts in memory.
 *
 * libharu embeds every glyph slot and the whole character map of a face it
 * loads, and builds a 65,536-entry table per face per document whose cost
 * grows with the size of that map. Loading a subset made for the code points
 * a run actually prints instead keeps both the PDFs and that table small (see
 * docs/pdf.md for the figures). Only this module includes HarfBuzz. */
#ifndef SMR_FONT_SUBSET_H
#define SMR_FONT_SUBSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* A set of BMP code points (U+0000..U+FFFF) as a bitmap; a zeroed one is empty. */
typedef struct cp_set {
    uint8_t bits[65536 / 8];
} cp_set;
static inline void cp_set_add(cp_set *s, uint32_t cp)
{
    if (cp < 65536)
        s->bits[cp >> 3] |= (uint8_t)(1u << (cp & 7));
}
static inline bool cp_set_has(const cp_set *s, uint32_t cp)
{
    return cp < 65536 && (s->bits[cp >> 3] >> (cp & 7)) & 1;
}
#define CP_SET_END 65536u
/* The least code point of s not below cp, or CP_SET_END when there is none:
 *     for (uint32_t c = cp_set_next(s, 0); c < CP_SET_END; c = cp_set_next(s, c + 1))
 * visits s in ascending order (empty stretches a zero word at a time). */
static inline uint32_t cp_set_next(const cp_set *s, uint32_t cp)
{
    while (cp < CP_SET_END) {
        unsigned bits = (unsigned)s->bits[cp >> 3] >> (cp & 7);
        if (bits)
            return cp + (uint32_t)__builtin_ctz(bits);
        cp = (cp | 7) + 1;
        for (uint64_t w = 0; cp < CP_SET_END && cp % 64 == 0; cp += 64) {
            memcpy(&w, s->bits + cp / 8, sizeof w);
            if (w)
                break;
        }
    }
    return CP_SET_END;
}

typedef struct font_face font_face;

/* Opens the TrueType font at path. Returns NULL if the file cannot be read or
 * holds no TrueType outlines (no glyf table, e.g. a .ttc or CFF font); *why
 * then points at a static English reason. The caller closes the result. */
font_face *font_face_open(const char *path, const char **why);
/* Does the face map cp to a glyph? NULL face: false. */
bool font_face_has(const font_face *f, uint32_t cp);
/* A subset of the face holding the glyphs of every code point in cps (plus
 * .notdef), without hinting, opened as a face (its bytes in memory), or
 * NULL on failure. The result is a function of the face and the set only,
 * so identical input gives identical bytes. The caller closes it. */
font_face *font_face_subset(const font_face *f, const cp_set *cps);
/* The glyph index the face's character map gives cp, or 0 (.notdef) when
 * it has none; NULL face: 0. */
uint32_t font_face_glyph(const font_face *f, uint32_t cp);
/* A subset of the face holding exactly the glyphs gids[0..n) (plus .notdef
 * and the components of composite glyphs) at their glyph indices in f
 * (the others are left empty), without hinting, character map or layout
 * tables: the font program of one PDF document whose CIDToGIDMap holds f's
 * glyph indices. Returns the bytes (the caller frees them) and sets *len,
 * or NULL on failure. Identical input gives identical bytes. A face with no
 * other tables than a run subset's (no hinting program) is subset directly:
 * the bytes are hb-subset's but for OS/2's ulUnicodeRange, which keeps the
 * run's (a superset of the document's). */
unsigned char *font_face_subset_glyphs(const font_face *f, const uint32_t *gids, size_t n,
                                       size_t *len);
/* A glyph block shared by a run's documents: the glyphs gids[0..n) (with
 * .notdef and the components of composite glyphs) numbered first, in the
 * face's order, then every other glyph of the face; NULL when the face is
 * not of the form font_face_subset_glyphs subsets itself (or on a malformed
 * glyph). The caller frees it. */
typedef struct font_shared font_shared;
font_shared *font_shared_make(const font_face *f, const uint32_t *gids, size_t n);
void font_shared_free(font_shared *sh); /* NULL-safe */
/* Glyph gid's index in a document program made with sh (NULL sh: gid). */
uint32_t font_shared_index(const font_shared *sh, uint32_t gid);
/* The shared glyphs' glyf bytes, as every document program made with sh
 * holds them at its *block_at. */
const unsigned char *font_shared_block(const font_shared *sh, size_t *len);
/* font_face_subset_glyphs with the glyphs numbered by sh (NULL sh: the same
 * as font_face_subset_glyphs, *block_at 0) and all of sh's shared glyphs
 * kept: glyf comes first after the table directory and starts with sh's
 * block, at *block_at. gids are f's glyph indices. */
unsigned char *font_face_subset_glyphs_shared(const font_face *f, const font_shared *sh, const uint32_t *gids,
                                              size_t n, size_t *len, size_t *block_at);
#ifdef TESTING
/* The same subset made by hb-subset (font_face_subset_glyphs' fallback for a
 * font not of the form it subsets itself), for the tests to compare. */
unsigned char *font_face_subset_glyphs_hb(const font_face *f, const uint32_t *gids, size_t n,
                                          size_t *len);
#endif
/* A subset of the face holding only U+0020 and "x" (whose glyph gives
 * libharu the /XHeight), its other tables (head, hhea, OS/2, post: the font
 * descriptor's values) as in f: the face libharu loads only for its
 * dictionaries. Its HPDF_GetFont looks all 65,536 code points up in the
 * character map with a linear scan, ~30 M instructions per face for a map
 * of a few hundred code points; the PDF's glyphs, widths and CID map come
 * from elsewhere (pdf_layout.c). Returns the font's bytes (the caller frees
 * them) and sets *len, or NULL on failure. */
unsigned char *font_face_shell(const font_face *f, size_t *len);
/* The advance width of cp's glyph (.notdef when the face has none) in
 * 1/1000 em, truncated as libharu computes it; NULL face: 0. */
unsigned font_face_advance(const font_face *f, uint32_t cp);
void font_face_close(font_face *f); /* NULL-safe */

#endif
