/* hpdf_private.c — the one file that reaches into libharu 2.3.0
 * (hpdf_private.h has the interface).
 *
 * libharu writes a font's dictionaries, descriptor, program and maps from
 * its own objects at save; the project gives each document its own smaller
 * ones (docs/pdf.md) and writes page content itself. That means setting
 * fields libharu's public API does not reach: a dictionary's stream, filter
 * and write hooks (HPDF_Dict), a page's content stream (HPDF_PageAttr), a
 * font's attributes and definition (HPDF_FontAttr, HPDF_FontDef,
 * HPDF_TTFontDefAttr), the cross-reference table. These structures are not
 * a stable interface, so this file refuses to build against any other
 * libharu version, and every libharu call's status is checked in order: the
 * first failure stops the change and is reported to the caller.
 *
 * A stream we deflate ourselves: libharu writes a stream's bytes as they
 * are when its filter is NONE (set from the dictionary's before-write hook,
 * after the font has set it to its own), and the /Filter entry then comes
 * from the dictionary's write hook. */
#include <stdlib.h>
#include <string.h>

#define SMR_HPDF_PRIVATE_IMPL /* the one file without HPDF_SHARED */
#include <hpdf.h>
#include <hpdf_conf.h>
#include <hpdf_encoder.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_version.h>

#if HPDF_VERSION_ID != 20300
#error "hpdf_private.c uses libharu 2.3.0's internal structures; check it against this version (docs/pdf.md)"
#endif

#include "common.h"
#include "hpdf_private.h"
#include "korean.h"
#include "pdf_deflate.h"

/* ---------------------------------------------------------------- streams */

static HPDF_STATUS raw_flate_before(HPDF_Dict d)
{
    d->filter = HPDF_STREAM_FILTER_NONE;
    return HPDF_OK;
}

static HPDF_STATUS raw_flate_filter(HPDF_Dict d, HPDF_Stream out)
{
    (void)d;
    return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/* Replaces d's stream by the deflated bytes z[0..n). */
static bool set_deflated(HPDF_Dict d, const char *z, size_t n)
{
    HPDF_Stream ms = HPDF_MemStream_New(d->mmgr, HPDF_STREAM_BUF_SIZ);
    if (!ms || HPDF_Stream_Write(ms, (const HPDF_BYTE *)z, (HPDF_UINT)n) != HPDF_OK) {
        if (ms)
            HPDF_Stream_Free(ms);
        return false;
    }
    if (d->stream)
        HPDF_Stream_Free(d->stream);
    d->stream = ms;
    d->before_write_fn = raw_flate_before;
    d->write_fn = raw_flate_filter;
    return true;
}

/* Replaces d's stream by data[0..len) deflated. */
static bool set_compressed(HPDF_Dict d, const void *data, size_t len)
{
    size_t n = 0;
    char *buf = pdf_zlib(data, len, &n);
    bool ok = buf && set_deflated(d, buf, n);
    free(buf);
    return ok;
}

bool hpdfx_deflate_streams(HPDF_Doc doc)
{
    HPDF_List entries = doc->xref->entries;
    bool ok = true;
    for (HPDF_UINT i = 0; i < entries->count && ok; i++) {
        HPDF_XrefEntry e = HPDF_List_ItemAt(entries, i);
        HPDF_Obj_Header *h = e ? e->obj : NULL;
        if (!h || (h->obj_class & HPDF_OCLASS_ANY) != HPDF_OCLASS_DICT)
            continue;
        HPDF_Dict d = (HPDF_Dict)h;
        if (!d->stream || !(d->filter & HPDF_STREAM_FILTER_FLATE_DECODE) || d->before_write_fn ||
            d->write_fn || d->stream->type != HPDF_STREAM_MEMORY)
            continue;
        size_t len = d->stream->size, at = 0;
        unsigned char *all = xmalloc(len ? len : 1);
        for (HPDF_UINT b = 0; b < HPDF_MemStream_GetBufCount(d->stream) && at < len; b++) {
            HPDF_UINT n = 0;
            HPDF_BYTE *p = HPDF_MemStream_GetBufPtr(d->stream, b, &n);
            if (!p)
                break;
            if (n > len - at)
                n = (HPDF_UINT)(len - at);
            memcpy(all + at, p, n);
            at += n;
        }
        ok = at == len && set_compressed(d, all, len);
        free(all);
    }
    return ok;
}

/* ---------------------------------------------------------------- pages */

HPDF_STATUS hpdfx_page_append(HPDF_Page page, const char *bytes, size_t n)
{
    HPDF_PageAttr pa = (HPDF_PageAttr)page->attr;
    return HPDF_Stream_Write(pa->stream, (const HPDF_BYTE *)bytes, (HPDF_UINT)n);
}

HPDF_STATUS hpdfx_page_font_name(HPDF_Page page, HPDF_Font font, const char **name)
{
    *name = HPDF_Page_GetLocalFontName(page, font);
    return *name ? HPDF_OK : HPDF_PAGE_INVALID_FONT;
}

/* ---------------------------------------------------------------- fonts */

/* A libharu call made only while every one before it succeeded; ret keeps
 * the first failure's code. */
#define TRY(call)                                                                                  \
    do {                                                                                           \
        if (ret == HPDF_OK)                                                                        \
            ret = (call);                                                                          \
    } while (0)

/* libharu 2.3.0's CIDFontType2_New (called by HPDF_GetFont for a TrueType
 * font and a double-byte encoder) builds the descendant font's /W and
 * CIDToGIDMap from the encoder: for an encoder whose to_unicode_fn is not
 * HPDF_CMapEncoder_ToUnicode (UTF-8's) it looks all 65,536 code points up in
 * the font's character map, measures each and writes a 128 KB map, byte by
 * byte: ~8 M instructions per face and document, although hpdfx_font_install
 * replaces /W and the map before anything is written. With the encoder
 * showing it one mapped code (U+0020, CID 32) the same objects are made, in
 * the same order, from 32 entries; the encoder is put back as it was
 * before the call returns. */
static bool all_zero(const void *p, size_t n)
{
    static const unsigned char zero[4096];
    const unsigned char *b = p;
    for (size_t k; n; b += k, n -= k) {
        k = n < sizeof zero ? n : sizeof zero;
        if (memcmp(b, zero, k))
            return false;
    }
    return true;
}

HPDF_Font hpdfx_get_font(HPDF_Doc doc, const char *name, const char *encoding)
{
    HPDF_Encoder enc = HPDF_GetEncoder(doc, encoding);
    if (!enc || enc->type != HPDF_ENCODER_TYPE_DOUBLE_BYTE || !enc->attr)
        return HPDF_GetFont(doc, name, encoding);
    HPDF_CMapEncoderAttr a = (HPDF_CMapEncoderAttr)enc->attr;
    /* UTF-8's cid_map is all zero: then only one entry is set and reset. */
    HPDF_UINT16(*cid)[256] = NULL;
    if (!all_zero(a->cid_map, sizeof a->cid_map)) {
        cid = xmalloc(sizeof a->cid_map);
        memcpy(cid, a->cid_map, sizeof a->cid_map);
        memset(a->cid_map, 0, sizeof a->cid_map);
    }
    HPDF_UNICODE u = a->unicode_map[0][0x20];
    HPDF_Encoder_ToUnicode_Func to_unicode = enc->to_unicode_fn;
    a->cid_map[0][0x20] = 0x20;
    a->unicode_map[0][0x20] = 0x20;
    enc->to_unicode_fn = HPDF_CMapEncoder_ToUnicode;
    HPDF_Font font = HPDF_GetFont(doc, name, encoding);
    enc->to_unicode_fn = to_unicode;
    a->unicode_map[0][0x20] = u;
    a->cid_map[0][0x20] = 0;
    if (cid) {
        memcpy(a->cid_map, cid, sizeof a->cid_map);
        free(cid);
    }
    return font;
}

/* The font program and the descriptor pointing at it, with the entries
 * libharu would write; *out = the descriptor. */
static HPDF_STATUS add_descriptor(HPDF_Font font, const hpdfx_font_program *p, HPDF_Dict *out)
{
    HPDF_FontAttr fa = (HPDF_FontAttr)font->attr;
    HPDF_FontDef def = fa->fontdef;
    HPDF_TTFontDefAttr da = (HPDF_TTFontDefAttr)def->attr;
    HPDF_MMgr mm = font->mmgr;
    HPDF_Dict data = HPDF_DictStream_New(mm, fa->xref);
    HPDF_Dict desc = data ? HPDF_Dict_New(mm) : NULL;
    if (!desc)
        return HPDF_FAILD_TO_ALLOC_MEM;
    if (!set_deflated(data, p->prog_z, p->prog_zlen))
        return HPDF_FAILD_TO_ALLOC_MEM;
    HPDF_Array bbox = NULL;
    HPDF_STATUS ret = HPDF_Dict_AddNumber(data, "Length1", (HPDF_INT32)p->prog_len);
    TRY(HPDF_Dict_AddNumber(data, "Length2", 0));
    TRY(HPDF_Dict_AddNumber(data, "Length3", 0));
    TRY(HPDF_Xref_Add(fa->xref, desc));
    TRY(HPDF_Dict_Add(desc, "FontFile2", data));
    TRY(HPDF_Dict_AddName(desc, "Type", "FontDescriptor"));
    TRY(HPDF_Dict_AddNumber(desc, "Ascent", def->ascent));
    TRY(HPDF_Dict_AddNumber(desc, "Descent", def->descent));
    TRY(HPDF_Dict_AddNumber(desc, "Flags", def->flags));
    TRY((bbox = HPDF_Box_Array_New(mm, def->font_bbox)) ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM);
    TRY(HPDF_Dict_Add(desc, "FontBBox", bbox));
    TRY(HPDF_Dict_AddName(desc, "FontName", da->base_font));
    TRY(HPDF_Dict_AddNumber(desc, "ItalicAngle", def->italic_angle));
    TRY(HPDF_Dict_AddNumber(desc, "StemV", def->stemv));
    TRY(HPDF_Dict_AddNumber(desc, "XHeight", def->x_height));
    *out = desc;
    return ret;
}

/* /DW and /W of the descendant font: W replaced by runs of consecutive CIDs. */
static HPDF_STATUS set_widths(HPDF_Font font, const hpdfx_font_program *p)
{
    HPDF_FontAttr fa = (HPDF_FontAttr)font->attr;
    HPDF_Array w = HPDF_Dict_GetItem(fa->descendant_font, "W", HPDF_OCLASS_ARRAY);
    if (!w)
        return HPDF_OK; /* libharu wrote no /W: nothing to replace */
    HPDF_STATUS ret = HPDF_Dict_AddNumber(fa->descendant_font, "DW", (HPDF_INT32)p->dw);
    HPDF_Array_Clear(w);
    HPDF_Array run = NULL;
    uint32_t prev = 0;
    for (size_t k = 0; k < p->nw && ret == HPDF_OK; k++) {
        uint32_t cid = p->w_cid[k];
        if (!run || cid != prev + 1) {
            run = HPDF_Array_New(font->mmgr);
            TRY(run ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM);
            TRY(HPDF_Array_AddNumber(w, (HPDF_INT32)cid));
            TRY(HPDF_Array_Add(w, run));
        }
        TRY(HPDF_Array_AddNumber(run, p->w[k]));
        prev = cid;
    }
    return ret;
}
#undef TRY

long hpdfx_font_missing_width(HPDF_Font font)
{
    return ((HPDF_FontAttr)font->attr)->fontdef->missing_width;
}

bool hpdfx_font_install(HPDF_Font font, const hpdfx_font_program *p)
{
    HPDF_FontAttr fa = (HPDF_FontAttr)font->attr;
    HPDF_FontDef def = fa->fontdef;
    if (def->descriptor || !fa->map_stream || !fa->descendant_font)
        return false;
    HPDF_Dict desc = NULL;
    HPDF_STATUS ret = add_descriptor(font, p, &desc);
    if (ret == HPDF_OK && !set_deflated(fa->map_stream, p->map_z, p->map_zlen))
        ret = HPDF_FAILD_TO_ALLOC_MEM;
    if (ret == HPDF_OK)
        ret = set_widths(font, p);
    if (ret != HPDF_OK)
        return false;
    def->descriptor = desc; /* libharu now skips its own descriptor and font file copy */
    return true;
}

bool hpdfx_fonts_share_tounicode(const HPDF_Font *fonts, size_t n, const char *cmap_z,
                                 size_t cmap_zlen, const char *empty_z, size_t empty_zlen)
{
    HPDF_Dict first = NULL;
    bool ok = true;
    for (size_t i = 0; i < n && ok; i++) {
        HPDF_Dict old = HPDF_Dict_GetItem(fonts[i], "ToUnicode", HPDF_OCLASS_DICT);
        if (!old) {
            ok = false;
        } else if (!first) {
            first = old;
            ok = set_deflated(first, cmap_z, cmap_zlen);
        } else {
            ok = set_deflated(old, empty_z, empty_zlen) &&
                 HPDF_Dict_Add(fonts[i], "ToUnicode", first) == HPDF_OK;
        }
    }
    return ok;
}

bool hpdfx_doc_lang(HPDF_Doc doc, const char *lang)
{
    HPDF_Catalog cat = doc->catalog;
    HPDF_String l = HPDF_String_New(doc->mmgr, lang, NULL);
    if (!l || HPDF_Dict_Add(cat, "Lang", l) != HPDF_OK)
        return false;
    HPDF_Dict vp = HPDF_Dict_GetItem(cat, "ViewerPreferences", HPDF_OCLASS_DICT);
    if (!vp) {
        vp = HPDF_Dict_New(doc->mmgr);
        if (!vp || HPDF_Dict_Add(cat, "ViewerPreferences", vp) != HPDF_OK)
            return false;
    }
    HPDF_Boolean t = HPDF_Boolean_New(doc->mmgr, HPDF_TRUE);
    return t && HPDF_Dict_Add(vp, "DisplayDocTitle", t) == HPDF_OK;
}

bool hpdfx_outline(HPDF_Doc doc, HPDF_Page page, const char *utf8, size_t n)
{
    HPDF_Outline o = HPDF_CreateOutline(doc, NULL, "-", NULL);
    HPDF_Destination d = page ? HPDF_Page_CreateDestination(page) : NULL;
    if (!o || !d || HPDF_Outline_SetDestination(o, d) != HPDF_OK)
        return false;
    /* UTF-16BE with a byte-order mark: the PDF text string for any script */
    unsigned char *b = malloc(2 * n + 2);
    if (!b)
        return false;
    size_t k = 0;
    b[k++] = 0xFE;
    b[k++] = 0xFF;
    for (size_t i = 0; i < n;) {
        uint32_t cp = '?';
        size_t m = utf8_decode(utf8 + i, n - i, &cp);
        i += m ? m : 1;
        if (!m || cp > 0xFFFF)
            cp = '?';
        b[k++] = (unsigned char)(cp >> 8);
        b[k++] = (unsigned char)(cp & 0xFF);
    }
    HPDF_Binary t = HPDF_Binary_New(doc->mmgr, b, (HPDF_UINT)k);
    free(b);
    return t && HPDF_Dict_Add(o, "Title", t) == HPDF_OK;
}
