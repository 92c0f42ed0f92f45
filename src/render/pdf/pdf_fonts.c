/* pdf_fonts.c — the faces of the releases: opened, checked against the
 * text, subset once per run, and per document embedded with only what the
 * document shows.
 *
 * Per run (in the parent): pdf_fonts_open() opens the four faces with
 * HarfBuzz (font_subset.c); pdf_text_prepare() cleans each document's
 * markup and replaces every code point a face lacks by a close one that all
 * faces have, or by '?' with one warning per run, recording the code points
 * used; pdf_fonts_ready() subsets each embedded face to those code points
 * (plus the layout's own characters), fills each face's width table and
 * loads a two-glyph shell of the subset into a prepared libharu document
 * (libharu's HPDF_GetFont scans all 65,536 code points of a font's map:
 * cheap for the shell, 30 M instructions for the run subset). A document
 * spends the prepared libharu document; pdf_fonts_renew() makes the next
 * one from the kept shells, the same way, so a worker process writes many
 * documents without being forked for each.
 *
 * Per document (in the child, pdf_fonts_embed()): libharu would embed the
 * font file it loaded, with a character map, metrics and CIDToGIDMap entry
 * for every code point of the *run*, and spend ~16 M instructions reading
 * it back at save. Each face instead gets its own font program — a subset
 * of the run's subset to the glyphs this document drew (glyph indices kept,
 * so CIDs and glyph indices stay those of the run) — a CIDToGIDMap with
 * only those entries (pdf_sparse_deflate), /DW and /W for those CIDs only,
 * and all faces share one ToUnicode CMap. A project release's programs
 * number the glyphs every project release draws first (pdf_fonts_share: the
 * glyphs the first, the middle and the last project release all draw, found
 * by laying those three out before the workers start): those glyphs' bytes
 * are the same in every release, deflated once per run, and only the rest of
 * a program is deflated per document (pdf_zlib_font_shared). hpdf_private.c
 * stores them in libharu's objects; this file uses libharu's public API
 * only. libharu errors are collected by one handler into f->err.
 * docs/pdf.md has the figures. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "deflate.h"
#include "diag.h"
#include "exitcodes.h"
#include "font_subset.h"
#include "hpdf_private.h"
#include "pdf_deflate.h"
#include "pdf_fonts.h"
#include "pdf_style.h"
#include "strbuf.h"
#include "utf8.h"

/* Characters the layout draws itself (pdf_style.h). */
static const char LAYOUT_CHARS[] = PDF_LAYOUT_CHARS;

/* ---------------------------------------------------------------- fonts */

static void hpdf_error(HPDF_STATUS e, HPDF_STATUS detail, void *user)
{
    pdf_fonts *f = user;
    if (!f->err) {
        f->err = e;
        f->err_detail = detail;
    }
}

int pdf_fonts_open(pdf_fonts **out, const char *const paths[PDF_NFACES])
{
    static const char *const keys[PDF_NFACES] = {"font_serif", "font_serif_bold", "font_sans",
                                                 "font_sans_bold", "font_fallback"};
    *out = NULL;
    pdf_fonts *f = xcalloc(1, sizeof *f);
    for (int i = 0; i < PDF_NFACES; i++) {
        const char *why = "is not set";
        f->path[i] = xstrdup(paths[i] ? paths[i] : "");
        f->face[i] = paths[i] && *paths[i] ? font_face_open(paths[i], &why) : NULL;
        if (!f->face[i] && i == PDF_FALLBACK) { /* optional: Hanja then print as '?' */
            if (paths[i] && *paths[i])
                msg_warn("font %s %s ([pdf] %s): characters the Nanum fonts lack print as \"?\"; "
                         "the face comes with the Debian package fonts-unfonts-core",
                         f->path[i], why, keys[i]);
            continue;
        }
        if (!f->face[i]) {
            msg_error("font %s %s ([pdf] %s); the Nanum fonts come with the Debian package "
                      "fonts-nanum (apt-get install fonts-nanum)",
                      f->path[i], why, keys[i]);
            pdf_fonts_free(f);
            return EXIT_TEMPLATE;
        }
    }
    *out = f;
    return EXIT_OK;
}

static void shared_drop(pdf_face *fc)
{
    font_shared_free(fc->shared);
    free(fc->shared_z);
    free(fc->common);
    fc->shared = NULL;
    fc->shared_z = NULL;
    fc->shared_zlen = 0;
    fc->common = NULL;
}

void pdf_fonts_free(pdf_fonts *f)
{
    if (!f)
        return;
    for (int i = 0; i < PDF_NFACES; i++) {
        free(f->shell[i]);
        free(f->path[i]);
        font_face_close(f->face[i]);
        font_face_close(f->sub[i]);
    }
    if (f->doc)
        HPDF_Free(f->doc);
    for (int i = 0; i < PDF_NFACES; i++) {
        free(f->fc[i].w);
        free(f->fc[i].drawn);
        shared_drop(&f->fc[i]);
    }
    free(f);
}

/* Can every face draw cp, itself or through the fallback face? Asked for
 * every character of every document's markup and of the data: the answer
 * is kept per code point. */
static bool all_faces_have(pdf_fonts *f, uint32_t cp)
{
    if (cp_set_has(&f->have_known, cp))
        return cp_set_has(&f->have_all, cp);
    bool fb = f->face[PDF_FALLBACK] && font_face_has(f->face[PDF_FALLBACK], cp);
    bool all = true;
    for (int i = 0; i < PDF_FALLBACK && all; i++)
        if (!font_face_has(f->face[i], cp) && !fb)
            all = false;
    cp_set_add(&f->have_known, cp);
    if (all)
        cp_set_add(&f->have_all, cp);
    return all;
}

bool pdf_face_in_doc(const pdf_fonts *f, int i)
{
    return i == PDF_FALLBACK ? f->use_fallback : pdf_face_embedded[i];
}

bool pdf_cp_missing(pdf_fonts *f, uint32_t cp, bool mark)
{
    if (cp < 0x80 || all_faces_have(f, cp) || cp == 0x200B || cp == 0xFEFF)
        return false;
    uint32_t sub = pdf_glyph_substitute(cp);
    if (sub && (sub == ' ' || all_faces_have(f, sub) || sub == 0x25B6 || sub == 0x25B7))
        return false;
    if (mark)
        cp_set_add(&f->warned, cp);
    return true;
}

uint32_t pdf_glyph_substitute(uint32_t cp)
{
    static const uint32_t map[][2] = {
        {0x25AA, 0x25A0}, /* ▪ → ■ */
        {0x25FE, 0x25A0}, /* ◾ → ■ */
        {0x25FC, 0x25A0}, /* ◼ → ■ */
        {0x25AB, 0x25A1}, /* ▫ → □ */
        {0x25FD, 0x25A1}, /* ◽ → □ */
        {0x25FB, 0x25A1}, /* ◻ → □ */
        {0x2219, 0x00B7}, /* ∙ → · */
        {0x2022, 0x00B7}, /* • → · */
        {0x2027, 0x00B7}, /* ‧ → · */
        {0x30FB, 0x00B7}, /* ・ → · */
        {0x25B8, 0x25B6}, /* ▸ → ▶ */
        {0x25BA, 0x25B6}, /* ► → ▶ */
        {0x25B9, 0x25B7}, /* ▹ → ▷ */
        {0x25BB, 0x25B7}, /* ▻ → ▷ */
        {0x2012, 0x002D}, /* ‒ → - */
        {0x2010, 0x002D}, /* ‐ → - */
        {0x2011, 0x002D}, /* ‑ → - */
        {0x2212, 0x002D}, /* − → - */
        {0x2013, 0x002D}, /* – → - */
        {0x2014, 0x2015}, /* — → ― */
        {0x00A0, 0x0020}, /* no-break space */
        {0x2009, 0x0020}, /* thin space */
        {0x202F, 0x0020}, /* narrow no-break space */
        {0x200B, 0},      /* zero-width space: dropped by the caller */
        {0x2713, 0x2714}, /* ✓ → ✔ */
    };
    for (size_t i = 0; i < ARRAY_LEN(map); i++)
        if (map[i][0] == cp)
            return map[i][1];
    return 0;
}

void pdf_text_prepare(pdf_fonts *f, const char *s, size_t len, strbuf *out, diag_list *d,
                      const char *file)
{
    strbuf clean = {0};
    utf8_clean(&clean, s, len);
    const char *p = sb_str(&clean);
    size_t n = clean.len;
    /* Characters that pass unchanged are copied in runs: [from, i). */
    size_t from = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp = (unsigned char)p[i], was;
        size_t k = 1;
        if (cp >= 0x80 && (k = utf8_decode(p + i, n - i, &cp)) == 0) { /* cannot happen after utf8_clean; stay safe */
            cp = '?';
            k = 1;
            was = UINT32_MAX; /* the byte is not copied */
        } else {
            was = cp;
        }
        if (cp == '\n' || cp == ' ') {
            i += k;
            continue;
        }
        if (cp == '\t' || cp == '\r')
            cp = ' ';
        bool drop = false;
        if (cp != ' ' && !all_faces_have(f, cp)) {
            uint32_t sub = pdf_glyph_substitute(cp);
            if (cp == 0x200B || cp == 0xFEFF) {
                drop = true;
            } else {
                if (sub && sub != ' ' && !all_faces_have(f, sub) && (sub == 0x25B6 || sub == 0x25B7))
                    sub = '>';
                if (!sub || (sub != ' ' && !all_faces_have(f, sub))) {
                    if (!cp_set_has(&f->warned, cp)) {
                        cp_set_add(&f->warned, cp);
                        strbuf ch = {0};
                        utf8_add_cp(&ch, cp);
                        diag_add(d, DIAG_WARNING, file, 0, 0,
                                 "character U+%04X \"%s\" is not in the PDF fonts; printed as \"?\"",
                                 (unsigned)cp, sb_str(&ch));
                        sb_free(&ch);
                    }
                    sub = '?';
                }
                cp = sub;
            }
        }
        if (!drop)
            cp_set_add(&f->used, cp);
        if (cp != was || drop) {
            sb_addn(out, p + from, i - from);
            if (!drop)
                utf8_add_cp(out, cp);
            from = i + k;
        }
        i += k;
    }
    sb_addn(out, p + from, n - from);
    sb_free(&clean);
}

/* The faces the layout draws with. The bold serif is opened and checked
 * (a configured font must exist) but not embedded: □ headings are set in the
 * bold sans like every other heading, and each embedded face costs about
 * 12 KB and 2 ms per document (docs/pdf.md). */
const bool pdf_face_embedded[PDF_NFACES] = {true, false, true, true, false};

uint16_t pdf_face_width(const font_face *ff, uint32_t cp)
{
    unsigned w = font_face_advance(ff, cp);
    return w < WIDTH_UNKNOWN ? (uint16_t)w : WIDTH_UNKNOWN - 1;
}

/* A fresh libharu document with a shell of every embedded face loaded
 * (from memory: hpdfx_load_ttf). Every document starts from
 * the same state, so its bytes do not depend on what came before it: a
 * spent document is renewed with HPDF_NewDoc, which frees every object of
 * the document and keeps what does not belong to one — the font
 * definitions (the loaded shells, their tags and glyph marks reset) and the
 * UTF-8 encoder — so the shells are not loaded and the encoder's 256 KB of
 * tables not cleared again (~1.9 M instructions a document). */
static int doc_prepare(pdf_fonts *f)
{
    bool renew = f->doc != NULL;
    f->fresh = false;
    f->err = f->err_detail = 0;
    if (!renew)
        f->doc = HPDF_New(hpdf_error, f);
    if (!f->doc || (renew && HPDF_NewDoc(f->doc) != HPDF_OK)) {
        msg_error("cannot create a PDF document (libharu)");
        return EXIT_INTERNAL;
    }
    HPDF_SetCompressionMode(f->doc, HPDF_COMP_ALL);
    if (!renew)
        HPDF_UseUTFEncodings(f->doc);
    HPDF_SetCurrentEncoder(f->doc, "UTF-8");
    for (int i = 0; i < PDF_NFACES; i++) {
        if (!pdf_face_in_doc(f, i))
            continue;
        memset(f->fc[i].drawn, 0, sizeof *f->fc[i].drawn);
        if (!renew)
            f->fc[i].name = hpdfx_load_ttf(f->doc, f->shell[i], f->shell_len[i]);
        f->fc[i].font = f->fc[i].name ? hpdfx_get_font(f->doc, f->fc[i].name, "UTF-8") : NULL;
        if (!f->fc[i].font || f->err) {
            msg_error("libharu cannot load the font subset of %s: error 0x%04X", f->path[i],
                      (unsigned)f->err);
            return EXIT_TEMPLATE;
        }
    }
    f->fresh = true;
    return EXIT_OK;
}

int pdf_fonts_renew(pdf_fonts *f)
{
    return f->fresh ? EXIT_OK : doc_prepare(f);
}

int pdf_fonts_ready(pdf_fonts *f)
{
    /* The layout's own characters. */
    for (size_t i = 0; i < sizeof LAYOUT_CHARS - 1;) {
        uint32_t cp;
        size_t k = utf8_decode(LAYOUT_CHARS + i, sizeof LAYOUT_CHARS - 1 - i, &cp);
        if (!k)
            break;
        cp_set_add(&f->used, cp);
        i += k;
    }
    for (uint32_t c = 0x20; c < 0x7F; c++)
        cp_set_add(&f->used, c);

    f->fresh = false;
    /* The fallback face is loaded only for a run that shows a character
     * one of the other faces lacks. */
    f->use_fallback = false;
    for (uint32_t cp = 0x80; f->face[PDF_FALLBACK] && cp < 65536 && !f->use_fallback; cp++)
        if (cp_set_has(&f->used, cp))
            for (int i = 0; i < PDF_FALLBACK; i++)
                if (pdf_face_embedded[i] && !font_face_has(f->face[i], cp) &&
                    font_face_has(f->face[PDF_FALLBACK], cp))
                    f->use_fallback = true;
    int rc = EXIT_OK;
    static const int order[PDF_NFACES] = {PDF_FALLBACK, PDF_SANS, PDF_SANS_BOLD, PDF_SERIF,
                                          PDF_SERIF_BOLD};
    for (int oi = 0; oi < PDF_NFACES && rc == EXIT_OK; oi++) {
        int i = order[oi];
        f->fc[i].fallback = NULL;
        f->fc[i].sup = NULL;
        shared_drop(&f->fc[i]); /* made from the previous run subset */
        if (!pdf_face_in_doc(f, i))
            continue;
        /* The run's subset (HarfBuzz reads the documents' own subsets,
         * glyph indices and widths from it) and the shell of it that
         * libharu loads (font_subset.h), both in memory. */
        free(f->shell[i]);
        font_face_close(f->sub[i]);
        f->sub[i] = font_face_subset(f->face[i], &f->used);
        f->shell[i] = f->sub[i] ? font_face_shell(f->sub[i], &f->shell_len[i]) : NULL;
        if (!f->shell[i]) {
            msg_error("cannot subset the font %s", f->path[i]);
            rc = EXIT_INTERNAL;
        } else {
            f->fc[i].hb = f->sub[i];
            if (!f->fc[i].drawn)
                f->fc[i].drawn = xmalloc(sizeof *f->fc[i].drawn);
            /* Every width a document can need, measured here once: workers
             * only read the table (no copy-on-write of its pages). */
            if (!f->fc[i].w)
                f->fc[i].w = xmalloc(65536 * sizeof *f->fc[i].w);
            memset(f->fc[i].w, 0xFF, 65536 * sizeof *f->fc[i].w);
            const pdf_face *fb = f->use_fallback && i != PDF_FALLBACK ? &f->fc[PDF_FALLBACK] : NULL;
            f->fc[i].fallback = fb;
            for (uint32_t cp = 0; cp < 65536; cp++) {
                if (!cp_set_has(&f->used, cp))
                    continue;
                if (fb && cp >= 0x80 && !font_face_has(f->sub[i], cp) && font_face_has(fb->hb, cp))
                    f->fc[i].w[cp] = fb->w[cp];
                else
                    f->fc[i].w[cp] = pdf_face_width(f->sub[i], cp);
            }
            /* NanumMyeongjo sets ⁺ on a full-width advance (950/1000), which
             * leaves a gap before 」 in 「레전드 50⁺」: the serif takes the sans ⁺. */
            if (i == PDF_SERIF && cp_set_has(&f->used, 0x207A) && f->fc[PDF_SANS].w) {
                f->fc[i].sup = &f->fc[PDF_SANS];
                f->fc[i].w[0x207A] = f->fc[PDF_SANS].w[0x207A];
            }
        }
    }
    if (f->doc) { /* the shells changed: load them into a new document */
        HPDF_Free(f->doc);
        f->doc = NULL;
    }
    return rc == EXIT_OK ? doc_prepare(f) : rc;
}

/* ---------------------------------------------------------------- shared glyphs */

void pdf_fonts_share_note(pdf_fonts *f)
{
    for (int i = 0; i < PDF_NFACES; i++) {
        pdf_face *fc = &f->fc[i];
        if (!pdf_face_in_doc(f, i) || !fc->drawn)
            continue;
        if (!fc->common) {
            fc->common = xmalloc(sizeof *fc->common);
            *fc->common = *fc->drawn;
        } else {
            for (size_t b = 0; b < sizeof fc->common->bits; b++)
                fc->common->bits[b] &= fc->drawn->bits[b];
        }
    }
}

void pdf_fonts_share(pdf_fonts *f)
{
    for (int i = 0; i < PDF_NFACES; i++) {
        pdf_face *fc = &f->fc[i];
        if (!fc->common)
            continue;
        uint32_t *gids = xmalloc(65536 * sizeof *gids);
        size_t n = 0;
        for (uint32_t cp = cp_set_next(fc->common, 0); cp < CP_SET_END; cp = cp_set_next(fc->common, cp + 1)) {
            uint32_t g = font_face_glyph(f->sub[i], cp);
            if (g)
                gids[n++] = g;
        }
        free(fc->common);
        fc->common = NULL;
        fc->shared = n ? font_shared_make(f->sub[i], gids, n) : NULL;
        free(gids);
        size_t blen = 0;
        const unsigned char *block = font_shared_block(fc->shared, &blen);
        fc->shared_z = block ? deflate_raw_open(block, blen, &fc->shared_zlen) : NULL;
        if (!fc->shared_z) { /* nothing to share: every document embeds its own */
            font_shared_free(fc->shared);
            fc->shared = NULL;
        }
    }
}

/* ---------------------------------------------------------------- per-document fonts */

/* One /ToUnicode CMap for the document's faces, replacing libharu's, which
 * is a copy of its encoder's CID CMap ("begincidrange", that readers warn
 * about) in every face: CIDs are code points here, so the map is the
 * identity, one bfrange per 256 code points for the rows of the BMP the
 * document shows. The other faces' old maps are emptied (they stay in the
 * cross-reference table, unreferenced). */
static bool doc_tounicode(pdf_fonts *f)
{
    bool rows[256] = {false};
    HPDF_Font fonts[PDF_NFACES];
    size_t nfonts = 0;
    for (int i = 0; i < PDF_NFACES; i++) {
        if (!pdf_face_in_doc(f, i))
            continue;
        fonts[nfonts++] = f->fc[i].font;
        for (uint32_t byte = 0; byte < sizeof f->fc[i].drawn->bits; byte++)
            if (f->fc[i].drawn->bits[byte])
                rows[byte * 8 >> 8] = true;
    }
    strbuf m = {0};
    sb_adds(&m, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    int nrows = 0;
    for (int r = 0; r < 256; r++)
        nrows += rows[r] && !(r >= 0xD8 && r <= 0xDF);
    for (int r = 0, done = 0; r < 256; r++) {
        if (!rows[r] || (r >= 0xD8 && r <= 0xDF)) /* surrogates are not characters */
            continue;
        if (done % 100 == 0)
            sb_addf(&m, "%d beginbfrange\n", nrows - done < 100 ? nrows - done : 100);
        sb_addf(&m, "<%02X00> <%02XFF> <%02X00>\n", r, r, r);
        if (++done % 100 == 0 || done == nrows)
            sb_adds(&m, "endbfrange\n");
    }
    sb_adds(&m, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    size_t zlen = 0, elen = 0;
    char *z = pdf_zlib(sb_str(&m), m.len, &zlen);
    char *empty = pdf_zlib("", 0, &elen);
    bool ok = z && empty && hpdfx_fonts_share_tounicode(fonts, nfonts, z, zlen, empty, elen);
    free(z);
    free(empty);
    sb_free(&m);
    return ok;
}

/* The width a document's /W gives cp in face fc. */
static HPDF_INT doc_width(const pdf_face *fc, uint32_t cp)
{
    uint16_t cw = fc->w[cp];
    return cw != WIDTH_UNKNOWN ? cw : pdf_face_width(fc->hb, cp);
}

static bool doc_font(pdf_fonts *f, int i, const char *path)
{
    pdf_face *fc = &f->fc[i];
    const font_shared *sh = f->share ? fc->shared : NULL;
    /* The code points shown, ascending, and their glyphs in the run's subset
     * (gids, for the subset) and in the document's program (gid: the same
     * but with shared glyphs). */
    size_t ncp = 0, ng = 0;
    uint32_t *cps = xmalloc(65536 * sizeof *cps);
    uint32_t *gid = xmalloc(65536 * sizeof *gid);
    uint32_t *gids = xmalloc(65536 * sizeof *gids);
    for (uint32_t cp = cp_set_next(fc->drawn, 0); cp < CP_SET_END; cp = cp_set_next(fc->drawn, cp + 1)) {
        cps[ncp] = cp;
        gid[ncp] = font_face_glyph(f->sub[i], cp);
        if (gid[ncp])
            gids[ng++] = gid[ncp];
        gid[ncp] = font_shared_index(sh, gid[ncp]); /* the document program's numbering */
        ncp++;
    }
    hpdfx_font_program p = {0};
    size_t len = 0;
    size_t block_at = 0, block_len = 0;
    unsigned char *prog = font_face_subset_glyphs_shared(f->sub[i], sh, gids, ng, &len, &block_at);
    free(gids);
    const unsigned char *block = font_shared_block(sh, &block_len);
    /* The block deflated once stands for those bytes of the program: they
     * must be the same (font_face_subset_glyphs_shared makes them so). */
    bool shared = prog && sh && block_at + block_len <= len && !memcmp(prog + block_at, block, block_len);
    if (prog && sh && !shared) {
        msg_error("internal: %s: the shared glyphs of %s are not where the font program puts them", path,
                  f->path[i]);
        free(prog);
        prog = NULL;
    }
    char *prog_z = !prog  ? NULL
                   : shared ? pdf_zlib_font_shared(prog, len, block_at, fc->shared_z, fc->shared_zlen, block_len,
                                                   &p.prog_zlen)
                            : pdf_zlib_font(prog, len, &p.prog_zlen);
    free(prog);
    p.prog_z = prog_z;
    p.prog_len = len;
    /* CIDToGIDMap: two bytes (big-endian glyph index) per CID up to the last
     * one shown, zero elsewhere: written as a deflate stream directly from
     * the non-zero bytes instead of deflating ~110 KB of zeros. */
    uint32_t *pos = xmalloc(2 * (ncp + 1) * sizeof *pos);
    uint8_t *val = xmalloc(2 * (ncp + 1));
    size_t nz = 0;
    for (size_t k = 0; k < ncp; k++) {
        if (gid[k] >> 8) {
            pos[nz] = 2 * cps[k];
            val[nz++] = (uint8_t)(gid[k] >> 8);
        }
        if (gid[k] & 0xFF) {
            pos[nz] = 2 * cps[k] + 1;
            val[nz++] = (uint8_t)(gid[k] & 0xFF);
        }
    }
    strbuf map = {0};
    pdf_sparse_deflate(ncp ? 2 * ((size_t)cps[ncp - 1] + 1) : 2, pos, val, nz, &map);
    free(pos);
    free(val);
    p.map_z = sb_str(&map);
    p.map_zlen = map.len;
    /* /DW: the commonest width of the CIDs shown (a Hangul syllable's), and
     * /W: the widths of those that differ from it. */
    uint16_t *count = xcalloc(4096, sizeof *count);
    long dw = hpdfx_font_missing_width(fc->font);
    for (size_t k = 0; k < ncp; k++) {
        HPDF_INT wd = doc_width(fc, cps[k]);
        if (wd >= 0 && wd < 4096)
            count[wd]++;
    }
    for (long v = 0, best = 0; v < 4096; v++) {
        if (count[v] > best) {
            best = count[v];
            dw = v;
        }
    }
    free(count);
    uint32_t *w_cid = xmalloc((ncp + 1) * sizeof *w_cid);
    int *w = xmalloc((ncp + 1) * sizeof *w);
    for (size_t k = 0; k < ncp; k++) {
        HPDF_INT wd = doc_width(fc, cps[k]);
        if (wd != dw) {
            w_cid[p.nw] = cps[k];
            w[p.nw++] = wd;
        }
    }
    p.dw = dw;
    p.w_cid = w_cid;
    p.w = w;
    bool ok = prog_z && hpdfx_font_install(fc->font, &p);
    free(prog_z);
    sb_free(&map);
    free(w_cid);
    free(w);
    free(cps);
    free(gid);
    return ok;
}

int pdf_fonts_embed(pdf_fonts *f, const char *path)
{
    for (int i = 0; i < PDF_NFACES && !f->err; i++) {
        if (pdf_face_in_doc(f, i) && !doc_font(f, i, path)) {
            msg_error("%s: cannot make the document's font subset of %s", path, f->path[i]);
            return EXIT_INTERNAL;
        }
    }
    if (!f->err && !doc_tounicode(f)) {
        msg_error("%s: cannot compress the document's streams", path);
        return EXIT_INTERNAL;
    }
    return EXIT_OK;
}
