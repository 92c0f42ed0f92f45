/* pdf_content.c — content operators written straight into a page's
 * content stream (pdf_content.h).
 *
 * Text and rectangles do not go through HPDF_Page_TextOut, _Rectangle,
 * _SetLineWidth ...: without libharu's per-call state checks and its second
 * measuring of every string (TextOut advances the text position by the
 * string's width, which nothing here uses), with the font, line width and
 * fill written only when they change, coordinates to 1/100 pt (libharu
 * writes five decimals), a row's cell frames as one path, and consecutive
 * texts sharing one text object, each line placed relative to the one
 * before (Td, in whole 1/100 pt). Text is written as 4-digit hex CIDs: the
 * faces are CID fonts whose CIDs are the code points. Operators are
 * collected in a small buffer and appended to the page's stream through
 * hpdf_private.h, which also gives a font's name on the page (adding it to
 * the page's resources). These calls leave the page in libharu's "page
 * description" mode, as the calls they replace do; lines and colour bars
 * are still drawn by libharu's public API, and before such a call the
 * buffer is flushed and the remembered state forgotten (emit_libharu). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "hpdf_private.h"
#include "pdf_content.h"
#include "utf8.h"

static void fail(pdf_content *c, HPDF_STATUS st)
{
    if (st != HPDF_OK && !*c->err)
        *c->err = st;
}

static void emit_flush(pdf_content *c)
{
    if (c->nops) {
        fail(c, hpdfx_page_append(c->page, c->ops, c->nops));
        c->nops = 0;
    }
}

static void emit_str(pdf_content *c, const char *s, size_t n)
{
    if (c->nops + n > sizeof c->ops)
        emit_flush(c);
    if (n > sizeof c->ops) {
        fail(c, hpdfx_page_append(c->page, s, n));
        return;
    }
    memcpy(c->ops + c->nops, s, n);
    c->nops += n;
}

#define EMIT(c, lit) emit_str((c), (lit), sizeof(lit) - 1)

/* Ends the open text object, if any: path operators may not be inside one. */
static void emit_end_text(pdf_content *c)
{
    if (c->in_text) {
        EMIT(c, "ET\012");
        c->in_text = false;
    }
}

/* Before drawing through libharu: its operators go after ours, and it may
 * change what the state fields remember. */
static void emit_libharu(pdf_content *c)
{
    emit_end_text(c);
    emit_flush(c);
    c->st_font = NULL;
    c->st_lw = -1;
    c->st_gray = -1;
}

/* c/100 without trailing zeros ("12", "12.5", "-0.25"). */
static void emit_hundredths(pdf_content *c, long long v)
{
    char b[32], *p = b + sizeof b;
    bool neg = v < 0;
    unsigned long long u = neg ? (unsigned long long)-v : (unsigned long long)v;
    unsigned frac = (unsigned)(u % 100);
    u /= 100;
    if (frac) {
        if (frac % 10) {
            *--p = (char)('0' + frac % 10);
            *--p = (char)('0' + frac / 10);
        } else {
            *--p = (char)('0' + frac / 10);
        }
        *--p = '.';
    }
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (neg)
        *--p = '-';
    emit_str(c, p, (size_t)(b + sizeof b - p));
}

/* v rounded to 1/100 pt. */
static void emit_real(pdf_content *c, double v)
{
    emit_hundredths(c, llround(v * 100));
}

static void emit_gray(pdf_content *c, double g)
{
    if (c->st_gray != g) {
        emit_real(c, g);
        EMIT(c, " g\012");
        c->st_gray = g;
    }
}

static void emit_line_width(pdf_content *c, double w)
{
    if (c->st_lw != w) {
        emit_real(c, w);
        EMIT(c, " w\012");
        c->st_lw = w;
    }
}

/* "x y w h re": a rectangle w × h below y_top. */
static void emit_re(pdf_content *c, double x, double y_top, double w, double h)
{
    emit_real(c, x);
    EMIT(c, " ");
    emit_real(c, y_top - h);
    EMIT(c, " ");
    emit_real(c, w);
    EMIT(c, " ");
    emit_real(c, h);
    EMIT(c, " re\012");
}

void pdfc_end_page(pdf_content *c)
{
    if (c->page) {
        emit_end_text(c);
        emit_flush(c);
    }
}

void pdfc_begin_page(pdf_content *c, HPDF_Page page)
{
    c->page = page;
    c->st_font = NULL; /* a new content stream starts with the default state */
    c->st_lw = -1;
    c->st_gray = 0;
}

static void text_run(pdf_content *c, const pdf_face *font, double size, double x, double y,
                     const char *s, size_t n, long space_adj, const unsigned char *stretch);

/* The face that draws cp for font: ⁺ from the sans face where the serif's
 * is set on a full-width advance (a gap before 」), a character font lacks
 * from the fallback face, else font itself. */
static const pdf_face *face_for(const pdf_face *font, uint32_t cp)
{
    if (cp == 0x207A && font->sup)
        return font->sup;
    if (!font->fallback || cp < 0x80 || font_face_has(font->hb, cp))
        return font;
    return font->fallback;
}

void pdfc_text(pdf_content *c, const pdf_face *font, double size, double x, double y,
               const char *s, size_t n)
{
    pdfc_text_spaced(c, font, size, x, y, s, n, 0, NULL);
}

/* Spaces of s[0..n) marked in stretch[0..n). */
static size_t spaces_in(const char *s, size_t n, const unsigned char *stretch)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += s[i] == ' ' && stretch[i];
    return k;
}

void pdfc_text_spaced(pdf_content *c, const pdf_face *font, double size, double x, double y,
                      const char *s, size_t n, double space_extra, const unsigned char *stretch)
{
    /* The extra space after each space glyph, in the thousandths of the font
     * size that TJ counts (whole ones: at most 0.0005 em off each). */
    long adj = space_extra > 0 && stretch ? lround(space_extra * 1000.0 / size) : 0;
    double step = (double)adj * size / 1000.0;
    /* Runs of the face's own glyphs and of its fallback face's, each placed
     * by the widths of font (which hold the fallback's for its code points). */
    size_t start = 0;
    const pdf_face *run = font;
    for (size_t i = 0; i < n;) {
        uint32_t cp = 0;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (k == 0)
            break;
        const pdf_face *o = face_for(font, cp);
        if (i == 0)
            run = o;
        if (o != run) {
            text_run(c, run, size, x, y, s + start, i - start, adj, adj ? stretch + start : NULL);
            if (adj)
                x += step * (double)spaces_in(s + start, i - start, stretch + start);
            x += pdf_text_w(font, size, s + start, i - start);
            start = i;
            run = o;
        }
        i += k;
    }
    text_run(c, run, size, x, y, s + start, n - start, adj, adj ? stretch + start : NULL);
}

static void text_run(pdf_content *c, const pdf_face *font, double size, double x, double y,
                     const char *s, size_t n, long space_adj, const unsigned char *stretch)
{
    static const char hex[] = "0123456789ABCDEF";
    if (n == 0)
        return;
    const char *name = NULL;
    HPDF_STATUS st = hpdfx_page_font_name(c->page, font->font, &name);
    if (st != HPDF_OK) {
        fail(c, st);
        return;
    }
    emit_gray(c, 0);
    if (!c->in_text) {
        EMIT(c, "BT\012");
        c->in_text = true;
        c->tx = c->ty = 0;
    }
    if (c->st_font != font || c->st_size != size) {
        EMIT(c, "/");
        emit_str(c, name, strlen(name));
        EMIT(c, " ");
        emit_real(c, size);
        EMIT(c, " Tf\012");
        c->st_font = font;
        c->st_size = size;
    }
    long long X = llround(x * 100), Y = llround(y * 100);
    emit_hundredths(c, X - c->tx);
    EMIT(c, " ");
    emit_hundredths(c, Y - c->ty);
    /* A justified line (space_adj > 0) is one TJ array whose strings end
     * at its spaces, each followed by the extra space: [<…0020> -38 <…>] TJ. */
    bool spaced = space_adj > 0 && spaces_in(s, n, stretch) > 0;
    if (spaced)
        EMIT(c, " Td\012[<");
    else
        EMIT(c, " Td\012<");
    c->tx = X;
    c->ty = Y;
    char num[24];
    int nlen = spaced ? snprintf(num, sizeof num, "> -%ld <", space_adj) : 0;
    cp_set *drawn = font->drawn;
    for (size_t i = 0; i < n;) {
        uint32_t cp = 0;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (k == 0)
            break;
        cp_set_add(drawn, cp);
        char h[4] = {hex[cp >> 12 & 15], hex[cp >> 8 & 15], hex[cp >> 4 & 15], hex[cp & 15]};
        emit_str(c, h, 4);
        i += k;
        if (spaced && cp == ' ' && stretch[i - k] && i < n)
            emit_str(c, num, (size_t)nlen);
    }
    if (spaced)
        EMIT(c, ">] TJ\012");
    else
        EMIT(c, "> Tj\012");
}

void pdfc_rect(pdf_content *c, double x, double y_top, double w, double h, double gray_fill,
               double line_w)
{
    emit_end_text(c);
    emit_line_width(c, line_w);
    if (gray_fill >= 0)
        emit_gray(c, gray_fill);
    emit_re(c, x, y_top, w, h);
    if (gray_fill >= 0) {
        if (line_w > 0)
            EMIT(c, "B\012");
        else
            EMIT(c, "f\012");
    } else {
        EMIT(c, "S\012");
    }
}

void pdfc_cell_frames(pdf_content *c, double x, double y_top, const double *w, size_t n,
                      double h, double fill, double line_w)
{
    emit_end_text(c);
    emit_line_width(c, line_w);
    if (fill >= 0)
        emit_gray(c, fill);
    for (size_t i = 0; i < n; i++) {
        emit_re(c, x, y_top, w[i], h);
        x += w[i];
    }
    if (fill >= 0)
        EMIT(c, "B\012");
    else
        EMIT(c, "S\012");
}

void pdfc_line(pdf_content *c, double x0, double y0, double x1, double y1, double w)
{
    emit_libharu(c);
    HPDF_Page_SetLineWidth(c->page, (HPDF_REAL)w);
    HPDF_Page_MoveTo(c->page, (HPDF_REAL)x0, (HPDF_REAL)y0);
    HPDF_Page_LineTo(c->page, (HPDF_REAL)x1, (HPDF_REAL)y1);
    HPDF_Page_Stroke(c->page);
}

void pdfc_bar(pdf_content *c, const float rgb[3], double x, double y, double w, double h)
{
    emit_libharu(c);
    HPDF_Page_SetRGBFill(c->page, rgb[0], rgb[1], rgb[2]);
    HPDF_Page_Rectangle(c->page, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w, (HPDF_REAL)h);
    HPDF_Page_Fill(c->page);
    HPDF_Page_SetRGBFill(c->page, 0, 0, 0);
}
