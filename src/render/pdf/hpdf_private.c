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
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SMR_HPDF_PRIVATE_IMPL /* the one file without HPDF_SHARED */
#include <hpdf.h>
#include <hpdf_conf.h>
#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <hpdf_utils.h>
#include <hpdf_version.h>

#if HPDF_VERSION_ID != 20300
#error "hpdf_private.c uses libharu 2.3.0's internal structures; check it against this version (docs/pdf.md)"
#endif

#include "common.h"
#include "hpdf_private.h"
#include "korean.h"
#include "pdf_deflate.h"

/* ------------------------------------------------------- libharu's copies */

/* libharu copies and clears memory one byte at a time (HPDF_MemCpy,
 * HPDF_MemSet in hpdf_utils.c: ~6 instructions a byte). At save every
 * stream's bytes go through HPDF_MemCpy twice (read out of its memory
 * stream, written into the document's): ~190 KB a release, 25 M
 * instructions for the sample's 22, ~2 % of the whole job. libharu calls
 * both through its PLT, so these definitions — the executable's — take
 * their place, as xlsx_zip.c does for minizip, with the same results: the
 * end of what was copied or set. A copy forward onto an overlapping later
 * part keeps the byte loop's result (it repeats bytes; memmove would not). */
HPDF_BYTE *HPDF_MemCpy(HPDF_BYTE *out, const HPDF_BYTE *in, HPDF_UINT n)
{
    uintptr_t o = (uintptr_t)out, i0 = (uintptr_t)in;
    if (o > i0 && o - i0 < n) {
        for (HPDF_UINT i = 0; i < n; i++)
            out[i] = in[i];
    } else if (n) {
        memmove(out, in, n); /* an overlapping earlier part: the loop's result */
    }
    return out + n;
}

void *HPDF_MemSet(void *s, HPDF_BYTE c, HPDF_UINT n)
{
    memset(s, c, n);
    return (HPDF_BYTE *)s + n;
}

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

/* A memory stream holding z[0..n) in one buffer of its own size, filled
 * with memcpy: HPDF_Stream_Write copies byte by byte (HPDF_MemCpy), ~8
 * instructions a byte, for ~80 KB of streams a release. The stream is then
 * as HPDF_Stream_Write would leave it after writing n bytes into an empty
 * stream with buffers of n bytes: one buffer, full. */
static HPDF_Stream filled_stream(HPDF_MMgr mm, const char *z, size_t n)
{
    HPDF_Stream ms = HPDF_MemStream_New(mm, (HPDF_UINT)(n ? n : 1));
    if (!ms || n == 0)
        return ms;
    HPDF_MemStreamAttr a = (HPDF_MemStreamAttr)ms->attr;
    HPDF_BYTE *buf = HPDF_GetMem(mm, (HPDF_UINT)n);
    if (!buf || HPDF_List_Add(a->buf, buf) != HPDF_OK) {
        if (buf)
            HPDF_FreeMem(mm, buf);
        HPDF_Stream_Free(ms);
        return NULL;
    }
    memcpy(buf, z, n);
    a->w_ptr = buf + n;
    a->w_pos = (HPDF_UINT)n;
    ms->size = (HPDF_UINT)n;
    return ms;
}

/* Replaces d's stream by the deflated bytes z[0..n). */
static bool set_deflated(HPDF_Dict d, const char *z, size_t n)
{
    HPDF_Stream ms = filled_stream(d->mmgr, z, n);
    if (!ms)
        return false;
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

size_t hpdfx_doc_saved_size(HPDF_Doc doc)
{
    HPDF_Stream st = doc->stream;
    return st && st->type == HPDF_STREAM_MEMORY ? st->size : 0;
}

bool hpdfx_doc_saved(HPDF_Doc doc, bool (*put)(void *arg, const void *p, size_t n), void *arg)
{
    HPDF_Stream st = doc->stream;
    if (!st || st->type != HPDF_STREAM_MEMORY)
        return false;
    size_t len = st->size, at = 0;
    for (HPDF_UINT b = 0; b < HPDF_MemStream_GetBufCount(st) && at < len; b++) {
        HPDF_UINT n = 0;
        HPDF_BYTE *p = HPDF_MemStream_GetBufPtr(st, b, &n);
        if (!p)
            return false;
        if (n > len - at)
            n = (HPDF_UINT)(len - at);
        if (!put(arg, p, n))
            return false;
        at += n;
    }
    return at == len;
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

/* The object a dictionary element holds (a proxy's target for an indirect one). */
static void *element_obj(const HPDF_DictElement e)
{
    HPDF_Obj_Header *h = e->value;
    return h && (h->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_PROXY ? ((HPDF_Proxy)e->value)->obj : e->value;
}

static HPDF_DictElement dict_element(HPDF_Dict d, HPDF_UINT i)
{
    return HPDF_List_ItemAt(d->list, i);
}

/* Adds the page's fonts (its resource dictionary's /Font) to the union
 * (names[], objs[], *n of cap); false when the resources hold anything but
 * /ProcSet and /Font, or a name is already there for another font. */
static bool union_fonts(HPDF_Dict page, const char **names, void **objs, size_t *n, size_t cap)
{
    HPDF_Dict res = HPDF_Dict_GetItem(page, "Resources", HPDF_OCLASS_DICT);
    if (!res)
        return false;
    for (HPDF_UINT i = 0; i < res->list->count; i++) {
        HPDF_DictElement e = dict_element(res, i);
        if (!strcmp(e->key, "ProcSet"))
            continue;
        HPDF_Obj_Header *fd = element_obj(e);
        if (strcmp(e->key, "Font") || !fd || (fd->obj_class & HPDF_OCLASS_ANY) != HPDF_OCLASS_DICT)
            return false;
        HPDF_Dict fonts = (HPDF_Dict)fd;
        for (HPDF_UINT k = 0; k < fonts->list->count; k++) {
            HPDF_DictElement f = dict_element(fonts, k);
            void *obj = element_obj(f);
            size_t j = 0;
            while (j < *n && strcmp(names[j], f->key))
                j++;
            if (j < *n) {
                if (objs[j] != obj)
                    return false;
                continue;
            }
            if (*n == cap)
                return false;
            names[*n] = f->key;
            objs[(*n)++] = obj;
        }
    }
    return true;
}

bool hpdfx_share_resources(HPDF_Doc doc)
{
    enum { MAX_FONTS = 16 };
    HPDF_List pages = doc->page_list;
    const char *names[MAX_FONTS];
    void *objs[MAX_FONTS];
    size_t n = 0;
    if (!pages || pages->count < 2)
        return true; /* one page: an object of its own would cost more than it saves */
    for (HPDF_UINT i = 0; i < pages->count; i++)
        if (!union_fonts(HPDF_List_ItemAt(pages, i), names, objs, &n, MAX_FONTS))
            return true; /* not of the layout's form: left as it is */
    /* Each object is handed to its owner as soon as it is made (the xref,
     * or a dictionary, which frees it if the hand-over fails), so a failure
     * leaks nothing. The keys in names[] are copied by HPDF_Dict_Add before
     * the pages' own dictionaries go. */
    HPDF_Dict shared = HPDF_Dict_New(doc->mmgr);
    if (!shared || HPDF_Xref_Add(doc->xref, shared) != HPDF_OK)
        return false;
    HPDF_Array procset = HPDF_Array_New(doc->mmgr);
    if (!procset || HPDF_Dict_Add(shared, "ProcSet", procset) != HPDF_OK)
        return false;
    static const char *const sets[] = {"PDF", "Text", "ImageB", "ImageC", "ImageI"};
    for (size_t i = 0; i < ARRAY_LEN(sets); i++)
        if (HPDF_Array_AddName(procset, sets[i]) != HPDF_OK)
            return false;
    HPDF_Dict fonts = HPDF_Dict_New(doc->mmgr);
    if (!fonts || HPDF_Dict_Add(shared, "Font", fonts) != HPDF_OK)
        return false;
    for (size_t i = 0; i < n; i++)
        if (HPDF_Dict_Add(fonts, names[i], objs[i]) != HPDF_OK)
            return false;
    for (HPDF_UINT i = 0; i < pages->count; i++) {
        HPDF_Page page = HPDF_List_ItemAt(pages, i);
        /* The page's own resources are freed by the replacement: libharu's
         * page state must not keep their font dictionary. */
        ((HPDF_PageAttr)page->attr)->fonts = fonts;
        if (HPDF_Dict_Add(page, "Resources", shared) != HPDF_OK)
            return false;
    }
    return true;
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

static HPDF_Font libharu_font(HPDF_Doc doc, const char *name, const char *encoding)
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

/* Even so, CIDFontType2_New clears a 128 KB table byte by byte and walks
 * all 65,536 entries of the encoder's map: ~1.1 M instructions a face and
 * document, 12 % of a PDF worker's. Once libharu has made one such font,
 * the objects are made here directly, as libharu makes them for a TrueType
 * face and the UTF-8 encoder (ordering Identity-H): the same objects, keys
 * and values, added to the cross-reference table in the same order; /W, the
 * CIDToGIDMap and the ToUnicode CMap are left empty, as hpdfx_font_install
 * and hpdfx_fonts_share_tounicode fill them for every document (a font
 * without them is never saved). What this file cannot name — libharu's
 * static write and free hooks and width functions — is taken from that
 * first font. */
static struct {
    bool ok;
    HPDF_FontType type;
    HPDF_Font_TextWidths_Func text_width_fn;
    HPDF_Font_MeasureText_Func measure_text_fn;
    HPDF_Dict_FreeFunc free_fn;
    HPDF_Dict_BeforeWriteFunc before_write_fn;
} made;

/* Registry, Ordering and Supplement of the encoder, into a new dictionary
 * added to parent as /CIDSystemInfo. */
static HPDF_STATUS add_system_info(HPDF_MMgr mm, HPDF_Dict parent, HPDF_CMapEncoderAttr ea)
{
    HPDF_Dict info = HPDF_Dict_New(mm);
    if (!info)
        return HPDF_FAILD_TO_ALLOC_MEM;
    HPDF_STATUS ret = HPDF_Dict_Add(parent, "CIDSystemInfo", info);
    HPDF_String reg = ret == HPDF_OK ? HPDF_String_New(mm, ea->registry, NULL) : NULL;
    if (ret == HPDF_OK)
        ret = reg ? HPDF_Dict_Add(info, "Registry", reg) : HPDF_FAILD_TO_ALLOC_MEM;
    HPDF_String ord = ret == HPDF_OK ? HPDF_String_New(mm, ea->ordering, NULL) : NULL;
    if (ret == HPDF_OK)
        ret = ord ? HPDF_Dict_Add(info, "Ordering", ord) : HPDF_FAILD_TO_ALLOC_MEM;
    if (ret == HPDF_OK)
        ret = HPDF_Dict_AddNumber(info, "Supplement", ea->suppliment);
    return ret;
}

static HPDF_Font direct_font(HPDF_Doc doc, HPDF_FontDef def, HPDF_Encoder enc)
{
    HPDF_MMgr mm = doc->mmgr;
    HPDF_Xref xref = doc->xref;
    HPDF_CMapEncoderAttr ea = (HPDF_CMapEncoderAttr)enc->attr;
    HPDF_TTFontDefAttr da = (HPDF_TTFontDefAttr)def->attr;
    /* The Type0 font. */
    HPDF_Font font = HPDF_Dict_New(mm);
    HPDF_FontAttr fa = font ? HPDF_GetMem(mm, sizeof *fa) : NULL;
    if (!fa) {
        if (font)
            HPDF_Dict_Free(font);
        return NULL;
    }
    memset(fa, 0, sizeof *fa);
    font->header.obj_class |= HPDF_OSUBCLASS_FONT;
    font->write_fn = NULL;
    font->free_fn = made.free_fn;
    font->attr = fa;
    fa->writing_mode = ea->writing_mode;
    fa->text_width_fn = made.text_width_fn;
    fa->measure_text_fn = made.measure_text_fn;
    fa->fontdef = def;
    fa->encoder = enc;
    fa->xref = xref;
    HPDF_STATUS ret = HPDF_Xref_Add(xref, font); /* frees font on failure */
    if (ret != HPDF_OK)
        return NULL;
    TRY(HPDF_Dict_AddName(font, "Type", "Font"));
    TRY(HPDF_Dict_AddName(font, "BaseFont", def->base_font));
    TRY(HPDF_Dict_AddName(font, "Subtype", "Type0"));
    TRY(HPDF_Dict_AddName(font, "Encoding", "Identity-H"));
    /* Its ToUnicode CMap (the stream is written per document). */
    HPDF_Dict cmap = ret == HPDF_OK ? HPDF_DictStream_New(mm, xref) : NULL;
    TRY(cmap ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM);
    TRY(HPDF_Dict_AddName(cmap, "Type", "CMap"));
    TRY(HPDF_Dict_AddName(cmap, "CMapName", enc->name));
    TRY(add_system_info(mm, cmap, ea));
    TRY(HPDF_Dict_AddNumber(cmap, "WMode", (HPDF_UINT32)ea->writing_mode));
    fa->cmap_stream = cmap;
    TRY(HPDF_Dict_Add(font, "ToUnicode", cmap));
    HPDF_Array descendants = ret == HPDF_OK ? HPDF_Array_New(mm) : NULL;
    TRY(descendants ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM);
    TRY(HPDF_Dict_Add(font, "DescendantFonts", descendants));
    /* The CIDFontType2 descendant. */
    HPDF_Dict cid = ret == HPDF_OK ? HPDF_Dict_New(mm) : NULL;
    TRY(cid ? HPDF_Xref_Add(xref, cid) : HPDF_FAILD_TO_ALLOC_MEM);
    font->before_write_fn = made.before_write_fn;
    TRY(HPDF_Dict_AddName(cid, "Type", "Font"));
    TRY(HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2"));
    TRY(HPDF_Dict_AddNumber(cid, "DW", def->missing_width));
    HPDF_Array dw2 = ret == HPDF_OK ? HPDF_Array_New(mm) : NULL;
    TRY(dw2 ? HPDF_Dict_Add(cid, "DW2", dw2) : HPDF_FAILD_TO_ALLOC_MEM);
    TRY(HPDF_Array_AddNumber(dw2, (HPDF_INT32)def->font_bbox.bottom));
    TRY(HPDF_Array_AddNumber(dw2, (HPDF_INT32)(def->font_bbox.bottom - def->font_bbox.top)));
    HPDF_Array w = ret == HPDF_OK ? HPDF_Array_New(mm) : NULL;
    TRY(w ? HPDF_Dict_Add(cid, "W", w) : HPDF_FAILD_TO_ALLOC_MEM);
    if (da->embedding) {
        HPDF_Dict map = ret == HPDF_OK ? HPDF_DictStream_New(mm, xref) : NULL;
        TRY(map ? HPDF_Dict_Add(cid, "CIDToGIDMap", map) : HPDF_FAILD_TO_ALLOC_MEM);
        fa->map_stream = map;
    }
    TRY(add_system_info(mm, cid, ea));
    fa->descendant_font = cid;
    fa->type = made.type;
    TRY(HPDF_Array_Add(descendants, cid));
    TRY(HPDF_List_Add(doc->font_mgr, font));
    if (ret != HPDF_OK)
        return NULL; /* the objects belong to the document's cross-reference table */
    if (doc->compression_mode & HPDF_COMP_METADATA)
        font->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    return font;
}

/* libharu's LoadTTFontFromStream (hpdf_doc.c, static there) with
 * embedding: the definition loaded from the stream (which it keeps, and
 * frees), added to the document's list, tagged with the next of libharu's
 * subset tags (HPDFAA, HPDFAB, ...) as a file would be. */
const char *hpdfx_load_ttf(HPDF_Doc doc, const unsigned char *data, size_t len)
{
    if (!HPDF_HasDoc(doc))
        return NULL;
    HPDF_Stream s = filled_stream(doc->mmgr, (const char *)data, len);
    HPDF_FontDef def = s ? HPDF_TTFontDef_Load(doc->mmgr, s, HPDF_TRUE) : NULL; /* frees s on failure */
    if (def && HPDF_Doc_FindFontDef(doc, def->base_font)) {
        HPDF_FontDef_Free(def);
        HPDF_SetError(&doc->error, HPDF_FONT_EXISTS, 0);
        def = NULL;
    }
    if (def && HPDF_List_Add(doc->fontdef_list, def) != HPDF_OK) {
        HPDF_FontDef_Free(def);
        def = NULL;
    }
    if (!def) {
        HPDF_CheckError(&doc->error);
        return NULL;
    }
    if (doc->ttfont_tag[0] == 0) {
        memcpy(doc->ttfont_tag, "HPDFAA", 6);
    } else {
        for (int i = 5; i >= 0; i--) {
            doc->ttfont_tag[i] += 1;
            if (doc->ttfont_tag[i] > 'Z')
                doc->ttfont_tag[i] = 'A';
            else
                break;
        }
    }
    HPDF_TTFontDef_SetTagName(def, (char *)doc->ttfont_tag);
    return def->base_font;
}

HPDF_Font hpdfx_get_font(HPDF_Doc doc, const char *name, const char *encoding)
{
    HPDF_Encoder enc = HPDF_GetEncoder(doc, encoding);
    HPDF_FontDef def = HPDF_GetFontDef(doc, name);
    bool direct = made.ok && enc && def && !HPDF_Doc_FindFont(doc, name, encoding) &&
                  enc->type == HPDF_ENCODER_TYPE_DOUBLE_BYTE && enc->attr &&
                  def->type == HPDF_FONTDEF_TYPE_TRUETYPE && def->attr &&
                  !strcmp(((HPDF_CMapEncoderAttr)enc->attr)->ordering, "Identity-H");
    if (direct)
        return direct_font(doc, def, enc);
    HPDF_Font font = libharu_font(doc, name, encoding);
    HPDF_FontAttr fa = font ? (HPDF_FontAttr)font->attr : NULL;
    if (fa && fa->type == HPDF_FONT_TYPE0_TT && fa->descendant_font && !made.ok) {
        made.type = fa->type;
        made.text_width_fn = fa->text_width_fn;
        made.measure_text_fn = fa->measure_text_fn;
        made.free_fn = font->free_fn;
        made.before_write_fn = font->before_write_fn;
        made.ok = true;
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
