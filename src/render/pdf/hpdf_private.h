/* hpdf_private.h — the small door into libharu 2.3.0's internals.
 *
 * hpdf_private.c is the one file of the project that includes libharu's
 * private headers and touches its objects' fields. Everything the PDF
 * modules do beyond libharu's public API goes through these functions:
 * appending operators to a page's content stream, a page's name for a
 * font, giving a font the document's own font program, CIDToGIDMap, widths
 * and ToUnicode CMap, storing streams deflated by pdf_deflate.c, the
 * document's language and its bookmarks.
 *
 * The other PDF modules see libharu through hpdf_public.h (HPDF_SHARED:
 * its objects are opaque handles there), and so does this header for
 * them. */
#ifndef SMR_HPDF_PRIVATE_H
#define SMR_HPDF_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#ifdef SMR_HPDF_PRIVATE_IMPL
#include <hpdf.h>
#else
#include "hpdf_public.h"
#endif

/* Appends n bytes of content operators to the page's content stream.
 * Returns HPDF_OK or libharu's error code. */
HPDF_STATUS hpdfx_page_append(HPDF_Page page, const char *bytes, size_t n);

/* Sets *name to the page's resource name of font (adding the font to the
 * page's resources). Returns HPDF_OK, or libharu's error code. */
HPDF_STATUS hpdfx_page_font_name(HPDF_Page page, HPDF_Font font, const char **name);

/* HPDF_LoadTTFontFromFile(doc, <a file holding data[0..len)>, HPDF_TRUE)
 * without the file: the same font definition, read from a libharu memory
 * stream that holds a copy of the bytes. Returns the font's name, or NULL
 * on failure (doc's error set, as libharu's). */
const char *hpdfx_load_ttf(HPDF_Doc doc, const unsigned char *data, size_t len);

/* HPDF_GetFont(doc, name, encoding) for a TrueType font and a double-byte
 * encoder (UTF-8), without libharu's per-code-point /W and CIDToGIDMap
 * (hpdfx_font_install replaces both): the same objects, made in ~0.1 % of
 * the instructions. NULL on failure, as HPDF_GetFont. */
HPDF_Font hpdfx_get_font(HPDF_Doc doc, const char *name, const char *encoding);

/* What a document's own font holds instead of the loaded font's tables. */
typedef struct hpdfx_font_program {
    const char *prog_z;    /* the font program (FontFile2), deflated */
    size_t prog_zlen;
    size_t prog_len;       /* its length before deflate (/Length1) */
    const char *map_z;     /* the CIDToGIDMap stream, deflated */
    size_t map_zlen;
    long dw;               /* /DW: the width of a CID not in /W */
    const uint32_t *w_cid; /* /W: ascending CIDs whose width is not dw ... */
    const int *w;          /* ... and their widths */
    size_t nw;
} hpdfx_font_program;

/* The width libharu gives a CID the font lacks (1/1000 em). */
long hpdfx_font_missing_width(HPDF_Font font);

/* Gives the font (a CID font loaded with HPDF_GetFont(..., "UTF-8")) the
 * program, map and widths of p, with a font descriptor of its own, so that
 * libharu neither builds one nor copies the loaded font file at save.
 * False (font unchanged or only partly changed: do not save) if the font
 * has a descriptor already, lacks a map or descendant, or on any libharu
 * error. */
bool hpdfx_font_install(HPDF_Font font, const hpdfx_font_program *p);

/* One ToUnicode CMap for fonts[0..n), n >= 1: fonts[0]'s stream is replaced
 * by cmap_z (deflated), the other fonts refer to it and their own maps are
 * replaced by empty_z (an empty stream, deflated; they stay in the
 * cross-reference table, unreferenced). */
bool hpdfx_fonts_share_tounicode(const HPDF_Font *fonts, size_t n, const char *cmap_z,
                                 size_t cmap_zlen, const char *empty_z, size_t empty_zlen);

/* Deflates (pdf_zlib) every stream libharu would deflate when saving — the
 * page contents — and stores the result as it is. */
bool hpdfx_deflate_streams(HPDF_Doc doc);

/* After HPDF_SaveToStream: calls put with each piece of the saved document
 * in order, straight from libharu's memory stream (HPDF_ReadFromStream
 * copies it byte by byte). False if the document has no saved stream or put
 * returned false. */
bool hpdfx_doc_saved(HPDF_Doc doc, bool (*put)(void *arg, const void *p, size_t n), void *arg);
/* The saved document's size in bytes (0 before HPDF_SaveToStream). */
size_t hpdfx_doc_saved_size(HPDF_Doc doc);

/* After layout: the pages' resource dictionaries replaced by one shared,
 * indirect dictionary (/Resources N 0 R on each page), ~90 bytes a page less.
 * Done only when every page's resources are /ProcSet and /Font alone and no
 * font name stands for two fonts on different pages (the union is then each
 * page's set); otherwise, and for a single page, the pages keep their own.
 * False only when a libharu call failed. */
bool hpdfx_share_resources(HPDF_Doc doc);

/* The document's language (/Lang, e.g. "ko-KR") in the catalog, and the
 * viewer preference DisplayDocTitle (a reader's window shows the title, not
 * the file name). */
bool hpdfx_doc_lang(HPDF_Doc doc, const char *lang);

/* A top-level bookmark (outline item) titled utf8 (BMP text) that opens
 * page; the title is written as a UTF-16BE text string. */
bool hpdfx_outline(HPDF_Doc doc, HPDF_Page page, const char *utf8, size_t n);

#endif
