/* pdf_layout.c — lays out a release document on A4 pages with libharu.
 *
 * The blocks of the document (release_doc.h: paragraphs, boxes, tables,
 * charts, contacts, attachments), parsed from the markup by release_doc.c,
 * are placed one after the other at a vertical
 * cursor `y` (top of the next line box, in PDF points from the bottom).
 * Text is measured with the faces' advance widths and broken with kwrap_next()
 * (between words first, between syllables only for an over-long word, with
 * the 금칙 rules), so no UTF-8 character is ever cut. Every block that must
 * not break (a box, a chart shorter than a page, a table row) is measured
 * first with the same code in "dry" mode and moved to a new page if it does
 * not fit; a table that breaks repeats its header row (pdf_table_split).
 *
 * Fonts (pdf_fonts.c): the text was cleaned and checked against the faces
 * before layout, and each face subset to the run's code points once; a
 * shell of each subset is loaded into one prepared document, which each
 * pdf_write() spends — the renderer forks one child per document from it.
 * Before saving, pdf_fonts_embed() gives the document its own font
 * programs (the glyphs it showed), CIDToGIDMap, widths and ToUnicode CMap.
 * Page content is written by pdf_content.c rather than libharu's
 * drawing calls, and the streams are deflated with libdeflate (docs/pdf.md
 * has the figures). What that needs of libharu's internals goes through
 * hpdf_private.h; this file uses libharu's public API only.
 *
 * Styles: body in NanumMyeongjo 13 pt with 160 % line spacing; □ lines,
 * title, headings, tables, notes and the header box in NanumGothic (regular
 * and bold). libharu errors are collected by one handler into `err`; every
 * public entry checks it, and a failure names the file and the libharu code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "common.h"
#include "diag.h"
#include "exitcodes.h"
#include "hpdf_private.h"
#include "hpdf_public.h"
#include "korean.h"
#include "pdf_content.h"
#include "pdf_fonts.h"
#include "pdf_layout.h"
#include "strbuf.h"

#define PAGE_W 595.276
#define PAGE_H 841.89
#define M_LEFT 56.0
#define M_RIGHT 56.0
#define M_TOP 50.0
#define M_BOTTOM 64.0
#define FOOT_Y 32.0
#define CONTENT_W (PAGE_W - M_LEFT - M_RIGHT)
#define PAGE_AVAIL (PAGE_H - M_TOP - M_BOTTOM)

#define BODY_SIZE 13.0
#define LEAD 1.6        /* line spacing of running text */
#define CELL_SIZE 10.0  /* table text */
#define CELL_LEAD 1.35
#define CELL_PADX 5.0
#define CELL_PADY 3.5

/* ---------------------------------------------------------------- layout state */

typedef struct lay {
    pdf_fonts *f;
    HPDF_Doc doc;
    pdf_content pc;      /* the current page's content (pc.page) */
    int pageno;
    double y;            /* top of the next line box */
    bool page_empty;     /* nothing drawn below the header since the page began */
    arena a;             /* scratch for this document */
    const char *unit;    /* pending @unit note */
    bool after_title;    /* the last block was a title or subtitle */
} lay;

typedef struct measure_ctx {
    const pdf_face *font;
    double size;
    const char *s; /* the string last measured, its length and width */
    size_t n;
    double units;
} measure_ctx;

/* kwrap_next() measures ever longer prefixes of one string: the width of
 * the last prefix is kept and only the added characters are measured. */
static double measure_cb(void *ctx, const char *s, size_t n)
{
    measure_ctx *m = ctx;
    if (s != m->s || n < m->n) {
        m->s = s;
        m->n = 0;
        m->units = 0;
    }
    m->units += pdf_text_units(m->font, s + m->n, n - m->n);
    m->n = n;
    return m->units * m->size / 1000.0;
}

static void new_page(lay *L)
{
    pdfc_end_page(&L->pc);
    HPDF_Page page = HPDF_AddPage(L->doc);
    HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    pdfc_begin_page(&L->pc, page);
    L->pageno++;
    char num[32];
    int n = snprintf(num, sizeof num, "- %d -", L->pageno);
    const pdf_face *font = &L->f->fc[PDF_SANS];
    double w = pdf_text_w(font, 10, num, (size_t)n);
    pdfc_text(&L->pc, font, 10, (PAGE_W - w) / 2, FOOT_Y, num, (size_t)n);
    L->y = PAGE_H - M_TOP;
    L->page_empty = true;
}

/* Makes room for h points: a new page if the rest of this one is too short. */
static void need(lay *L, double h)
{
    if (L->y - h < M_BOTTOM && !L->page_empty)
        new_page(L);
}

/* Baseline of a line of `size` text in a line box of height lh at top y. */
static double baseline(double y, double lh, double size)
{
    return y - (lh - size) / 2 - size * 0.86;
}

enum { AL_LEFT, AL_CENTER, AL_RIGHT };

/* Wraps s[0..n) in font/size: the first line starts at x_first, later lines
 * at x_rest, all end by x_right. Each line box is lh high. When draw is
 * false only the height is computed; when paginate is true a line that does
 * not fit goes to a new page. Returns the height used. */
static double flow(lay *L, const pdf_face *font, double size, double lh, double x_first, double x_rest,
                   double x_right, const char *s, size_t n, int align, bool draw, bool paginate)
{
    measure_ctx m = {font, size, NULL, 0, 0};
    double used = 0;
    size_t pos = 0;
    bool first = true;
    while (n > 0 && s[0] == ' ') {
        s++;
        n--;
    }
    if (n == 0)
        return 0;
    while (pos < n) {
        double x0 = first ? x_first : x_rest;
        double width = x_right - x0;
        size_t next = 0;
        size_t k = kwrap_next(s + pos, n - pos, width, measure_cb, &m, &next);
        if (k == 0 && next == 0)
            break;
        size_t shown = k;
        while (shown > 0 && s[pos + shown - 1] == ' ')
            shown--;
        if (draw) {
            if (paginate)
                need(L, lh);
            double w = pdf_text_w(font, size, s + pos, shown);
            double x = x0;
            if (align == AL_CENTER)
                x = x0 + (width - w) / 2;
            else if (align == AL_RIGHT)
                x = x_right - w;
            pdfc_text(&L->pc, font, size, x, baseline(L->y, lh, size), s + pos, shown);
            L->y -= lh;
            L->page_empty = false;
        }
        used += lh;
        pos += next > 0 ? next : (k > 0 ? k : 1);
        first = false;
    }
    return used;
}

/* A piece of text: the layout measures and breaks (s, n) pieces of the
 * document's strings. */
typedef struct span {
    const char *s;
    size_t n;
} span;

static span str_span(const char *s)
{
    return (span){s, strlen(s)};
}

/* ---------------------------------------------------------------- paragraphs */

typedef struct pstyle {
    int face;
    double size, indent, before;
} pstyle;

/* The bullet styles, by rdoc_pstyle: face, size, indent of the marker from
 * the left edge, space above. */
static const pstyle para_styles[] = {
    [RDOC_P_PLAIN] = {PDF_SERIF, BODY_SIZE, 0, 0},
    [RDOC_P_L1] = {PDF_SANS_BOLD, 13.5, 0, 6},
    [RDOC_P_L2] = {PDF_SERIF, BODY_SIZE, 14, 2},
    [RDOC_P_L3] = {PDF_SERIF, 12.5, 30, 0},
    [RDOC_P_NOTE] = {PDF_SANS, 10.5, 30, 0},
    [RDOC_P_ITEM] = {PDF_SERIF, 12.5, 0, 1},
};

/* One paragraph within [x_left, x_right]. */
static double para(lay *L, const rdoc_block *b, double x_left, double x_right, bool draw)
{
    pstyle st = para_styles[b->style];
    const char *marker = b->marker;
    const pdf_face *font = &L->f->fc[st.face];
    double lh = st.size * LEAD;
    double x = x_left + st.indent;
    double h = st.before;
    if (draw) {
        L->y -= st.before;
        need(L, lh);
    }
    span text = str_span(b->text);
    double xt = x;
    if (marker) {
        double mw = pdf_text_w(font, st.size, marker, strlen(marker));
        double gap = pdf_text_w(font, st.size, " ", 1);
        if (gap < st.size * 0.3)
            gap = st.size * 0.3;
        xt = x + mw + gap;
        if (draw)
            pdfc_text(&L->pc, font, st.size, x, baseline(L->y, lh, st.size), marker, strlen(marker));
    }
    h += flow(L, font, st.size, lh, xt, xt, x_right, text.s, text.n, AL_LEFT, draw, draw);
    if (text.n == 0) {
        h += lh;
        if (draw)
            L->y -= lh;
    }
    return h;
}

/* ---------------------------------------------------------------- header, titles */

static void header_box(lay *L, const char *ministry, const char *embargo, const char *distributed)
{
    const pdf_face *sb = &L->f->fc[PDF_SANS_BOLD], *s = &L->f->fc[PDF_SANS];
    double y = L->y;
    /* "보도자료" in a heavy frame on the left, the ministry on the right. */
    const char *word = "보도자료";
    double ww = pdf_text_w(sb, 24, word, strlen(word));
    pdfc_rect(&L->pc, M_LEFT, y, ww + 24, 40, -1, 1.6);
    pdfc_text(&L->pc, sb, 24, M_LEFT + 12, y - 29, word, strlen(word));
    if (ministry && *ministry) {
        double mw = pdf_text_w(sb, 15, ministry, strlen(ministry));
        pdfc_text(&L->pc, sb, 15, PAGE_W - M_RIGHT - mw, y - 26, ministry, strlen(ministry));
    }
    y -= 50;
    pdfc_line(&L->pc, M_LEFT, y, PAGE_W - M_RIGHT, y, 2.0);
    y -= 6;
    /* One row: 보도시점 | embargo | 배포 | distributed. */
    double lw = 62, rh = 24;
    double vw = (CONTENT_W - 2 * lw) / 2;
    const char *lab[2] = {"보도시점", "배포"};
    const char *val[2] = {embargo ? embargo : "", distributed ? distributed : ""};
    for (int i = 0; i < 2; i++) {
        double x = M_LEFT + i * (lw + vw);
        pdfc_rect(&L->pc, x, y, lw, rh, 0.88, 0.6);
        pdfc_rect(&L->pc, x + lw, y, vw, rh, -1, 0.6);
        double w = pdf_text_w(sb, 10.5, lab[i], strlen(lab[i]));
        pdfc_text(&L->pc, sb, 10.5, x + (lw - w) / 2, y - 16, lab[i], strlen(lab[i]));
        /* The value may be long: wrap it inside its cell at a smaller size if needed. */
        double size = 10.5;
        while (size > 7 && pdf_text_w(s, size, val[i], strlen(val[i])) > vw - 10)
            size -= 0.5;
        double tw = pdf_text_w(s, size, val[i], strlen(val[i]));
        pdfc_text(&L->pc, s, size, x + lw + (vw - tw) / 2, y - 16, val[i], strlen(val[i]));
    }
    L->y = y - rh - 18;
}

static void title_line(lay *L, span text, bool subtitle)
{
    const pdf_face *font = &L->f->fc[subtitle ? PDF_SANS : PDF_SANS_BOLD];
    double size = subtitle ? 13.0 : 20.0;
    double lh = size * (subtitle ? 1.5 : 1.4);
    if (subtitle) {
        char *t = arena_alloc(&L->a, text.n + 5);
        memcpy(t, "- ", 2);
        memcpy(t + 2, text.s, text.n);
        memcpy(t + 2 + text.n, " -", 3);
        text.s = t;
        text.n += 4;
    }
    if (!L->after_title)
        L->y -= 4;
    flow(L, font, size, lh, M_LEFT + 10, M_LEFT + 10, PAGE_W - M_RIGHT - 10, text.s, text.n,
         AL_CENTER, true, true);
    L->after_title = true;
}

/* ---------------------------------------------------------------- boxes */

static double box_inner(lay *L, const rdoc_block *lines, size_t n, double xl, double xr,
                        bool draw)
{
    double h = 0;
    for (size_t i = 0; i < n; i++) {
        if (lines[i].kind != RDOC_PARA) {
            h += 6;
            if (draw)
                L->y -= 6;
        } else {
            h += para(L, &lines[i], xl, xr, draw);
        }
    }
    return h;
}

static void box(lay *L, const rdoc_block *b)
{
    span title = str_span(b->text);
    const rdoc_block *lines = b->child;
    size_t n = b->nchild;
    const double pad = 10;
    const pdf_face *sb = &L->f->fc[PDF_SANS_BOLD];
    double tlh = 12.5 * 1.6;
    double xl = M_LEFT + pad, xr = PAGE_W - M_RIGHT - pad;
    double inner = box_inner(L, lines, n, xl, xr, false);
    double h = pad + (title.n ? tlh : 0) + inner + pad;
    L->y -= 6;
    if (h <= PAGE_AVAIL) {
        need(L, h);
        pdfc_rect(&L->pc, M_LEFT, L->y, CONTENT_W, h, -1, 0.8);
    }
    double top = L->y;
    L->y -= pad;
    if (title.n) {
        char *t = arena_alloc(&L->a, title.n + 5);
        memcpy(t, "< ", 2);
        memcpy(t + 2, title.s, title.n);
        memcpy(t + 2 + title.n, " >", 3);
        double w = pdf_text_w(sb, 12.5, t, title.n + 4);
        pdfc_text(&L->pc, sb, 12.5, M_LEFT + (CONTENT_W - w) / 2, baseline(L->y, tlh, 12.5), t,
                  title.n + 4);
        L->y -= tlh;
    }
    box_inner(L, lines, n, xl, xr, true);
    if (h <= PAGE_AVAIL)
        L->y = top - h;
    L->y -= 8;
    L->page_empty = false;
}

/* ---------------------------------------------------------------- tables */

size_t pdf_table_split(const double *h, size_t n, double head_h, double first_avail,
                       double page_avail, size_t *seg_start, bool *skip_first)
{
    *skip_first = false;
    if (n == 0)
        return 0;
    if (head_h + h[0] > first_avail && head_h + h[0] <= page_avail && first_avail < page_avail) {
        *skip_first = true;
        first_avail = page_avail;
    }
    size_t segs = 0;
    double avail = first_avail;
    double used = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || used + h[i] > avail) {
            if (i > 0)
                avail = page_avail;
            seg_start[segs++] = i;
            used = head_h + h[i];
        } else {
            used += h[i];
        }
    }
    return segs;
}

/* A document table as the layout measures it: cells as spans, each row
 * with the cells it has (a short row's last cell spans the rest). */
typedef struct table {
    span *head;
    size_t ncols;
    span **rows;
    const size_t *rowlen;
    size_t nrows;
    const bool *numeric;    /* per column: right-aligned (release_doc.h) */
    const bool *total;      /* per row: a 합계 row */
    const long long *value; /* charts: per row */
} table;

static table table_of(lay *L, const rdoc_table *rt)
{
    table t = {NULL, rt->ncols, NULL, rt->rowlen, rt->nrows, rt->numeric_col, rt->total_row,
               rt->value};
    if (rt->head) {
        t.head = arena_alloc(&L->a, (rt->ncols + 1) * sizeof *t.head);
        for (size_t c = 0; c < rt->ncols; c++)
            t.head[c] = str_span(rt->head[c]);
    }
    t.rows = arena_alloc(&L->a, (rt->nrows + 1) * sizeof *t.rows);
    for (size_t r = 0; r < rt->nrows; r++) {
        t.rows[r] = arena_alloc(&L->a, (rt->rowlen[r] + 1) * sizeof **t.rows);
        for (size_t c = 0; c < rt->rowlen[r]; c++)
            t.rows[r][c] = str_span(rdoc_cell(rt, r, c));
    }
    return t;
}

static size_t cell_lines(lay *L, const pdf_face *font, span c, double w)
{
    if (c.n == 0)
        return 1;
    measure_ctx m = {font, CELL_SIZE, NULL, 0, 0};
    size_t pos = 0, lines = 0;
    while (pos < c.n) {
        size_t next = 0;
        size_t k = kwrap_next(c.s + pos, c.n - pos, w, measure_cb, &m, &next);
        pos += next > 0 ? next : (k > 0 ? k : 1);
        lines++;
    }
    (void)L;
    return lines;
}

/* The widths of a row's n cells over columns of widths w[0..ncols): a
 * short row's last cell spans the remaining columns. Writes min(n, ncols)
 * widths to out and returns that count. */
static size_t cell_widths(const double *w, size_t ncols, size_t n, double *out)
{
    size_t m = n < ncols ? n : ncols;
    for (size_t c = 0; c < m; c++) {
        double cw = w[c];
        if (c + 1 == m)
            for (size_t k = c + 1; k < ncols; k++)
                cw += w[k];
        out[c] = cw;
    }
    return m;
}

/* Draws one row at L->y with the given widths; fill < 0 = none. */
static void table_row(lay *L, const span *cells, size_t ncells, const double *w, size_t ncols,
                      double rh, bool header, double fill, const bool *numeric)
{
    const pdf_face *font = &L->f->fc[header || fill >= 0 ? PDF_SANS_BOLD : PDF_SANS];
    double lh = CELL_SIZE * CELL_LEAD;
    double *cw = arena_alloc(&L->a, (ncols + 1) * sizeof *cw);
    size_t n = cell_widths(w, ncols, ncells, cw);
    /* The cells' frames (and shading) as one path, then their texts. */
    pdfc_cell_frames(&L->pc, M_LEFT, L->y, cw, n, rh, fill, 0.5);
    double x = M_LEFT;
    for (size_t c = 0; c < n; c++) {
        span t = cells[c];
        int al = header ? AL_CENTER : (numeric && numeric[c] ? AL_RIGHT : AL_LEFT);
        double save = L->y;
        L->y -= CELL_PADY;
        double nl = (double)cell_lines(L, font, t, cw[c] - 2 * CELL_PADX);
        L->y -= (rh - 2 * CELL_PADY - nl * lh) / 2; /* centre vertically */
        flow(L, font, CELL_SIZE, lh, x + CELL_PADX, x + CELL_PADX, x + cw[c] - CELL_PADX, t.s,
             t.n, al, true, false);
        L->y = save;
        x += cw[c];
    }
    L->y -= rh;
}

/* Widest run of a cell's text that cannot be broken (between spaces). */
static double widest_word(const pdf_face *fc, span cell)
{
    double most = 0;
    size_t i = 0;
    while (i < cell.n) {
        while (i < cell.n && cell.s[i] == ' ')
            i++;
        size_t j = i;
        while (j < cell.n && cell.s[j] != ' ')
            j++;
        double ww = pdf_text_w(fc, CELL_SIZE, cell.s + i, j - i);
        if (ww > most)
            most = ww;
        i = j;
    }
    return most;
}

/* Column widths the way an automatic table layout does it: every column gets
 * at least its widest unbreakable word (numbers are never broken), and the
 * room left is shared in proportion to how much more each column would like
 * (its widest cell), so a short column such as 연번 or 시·도 never wraps
 * syllable by syllable while a long title column takes the slack. */
static void column_widths(lay *L, const table *t, double *w)
{
    const pdf_face *sb = &L->f->fc[PDF_SANS_BOLD], *s = &L->f->fc[PDF_SANS];
    double *minw = arena_alloc(&L->a, t->ncols * sizeof *minw);
    double sum_max = 0, sum_min = 0;
    for (size_t c = 0; c < t->ncols; c++) {
        span head = t->head ? t->head[c] : (span){0};
        double nat = t->head ? pdf_text_w(sb, CELL_SIZE, head.s, head.n) : 0;
        double mn = t->head ? widest_word(sb, head) : 0;
        for (size_t r = 0; r < t->nrows; r++) {
            if (c >= t->rowlen[r])
                continue;
            span cell = t->rows[r][c];
            const pdf_face *fc = t->total[r] ? sb : s;
            double cw = pdf_text_w(fc, CELL_SIZE, cell.s, cell.n);
            if (cw > nat)
                nat = cw;
            double ww = widest_word(fc, cell);
            if (ww > mn)
                mn = ww;
        }
        w[c] = nat + 2 * CELL_PADX + 2;
        minw[c] = (t->numeric[c] ? nat : mn) + 2 * CELL_PADX + 2;
        sum_max += w[c];
        sum_min += minw[c];
    }
    if (sum_max <= CONTENT_W) {
        for (size_t c = 0; c < t->ncols && sum_max > 0; c++)
            w[c] *= CONTENT_W / sum_max;
    } else if (sum_min <= CONTENT_W) {
        double share = (CONTENT_W - sum_min) / (sum_max - sum_min);
        for (size_t c = 0; c < t->ncols; c++)
            w[c] = minw[c] + (w[c] - minw[c]) * share;
    } else {
        /* Even the unbreakable words do not fit: scale them (cells then break inside words). */
        for (size_t c = 0; c < t->ncols; c++)
            w[c] = minw[c] * CONTENT_W / sum_min;
    }
}

static double row_height(lay *L, const span *cells, size_t n, const double *w, size_t ncols,
                         bool bold)
{
    const pdf_face *font = &L->f->fc[bold ? PDF_SANS_BOLD : PDF_SANS];
    size_t most = 1;
    double *cw = arena_alloc(&L->a, (ncols + 1) * sizeof *cw);
    size_t m = cell_widths(w, ncols, n, cw);
    for (size_t c = 0; c < m; c++) {
        size_t k = cell_lines(L, font, cells[c], cw[c] - 2 * CELL_PADX);
        if (k > most)
            most = k;
    }
    return (double)most * CELL_SIZE * CELL_LEAD + 2 * CELL_PADY;
}

static void unit_note(lay *L)
{
    if (!L->unit)
        return;
    const pdf_face *s = &L->f->fc[PDF_SANS];
    double lh = 10 * 1.5;
    double w = pdf_text_w(s, 10, L->unit, strlen(L->unit));
    pdfc_text(&L->pc, s, 10, PAGE_W - M_RIGHT - w, baseline(L->y, lh, 10), L->unit, strlen(L->unit));
    L->y -= lh;
    L->unit = NULL;
}

static void draw_table(lay *L, const table *t)
{
    if (t->ncols == 0)
        return;
    double *w = arena_alloc(&L->a, t->ncols * sizeof *w);
    column_widths(L, t, w);
    double head_h = t->head ? row_height(L, t->head, t->ncols, w, t->ncols, true) : 0;
    double *h = arena_alloc(&L->a, (t->nrows + 1) * sizeof *h);
    size_t *seg = arena_alloc(&L->a, (t->nrows + 1) * sizeof *seg);
    for (size_t r = 0; r < t->nrows; r++)
        h[r] = row_height(L, t->rows[r], t->rowlen[r], w, t->ncols, t->total[r]);
    double unit_h = L->unit ? 15 : 0;
    L->y -= 4;
    bool skip = false;
    double first_avail = L->page_empty ? PAGE_AVAIL : L->y - M_BOTTOM - unit_h;
    size_t nseg = pdf_table_split(h, t->nrows, head_h, first_avail, PAGE_AVAIL - unit_h, seg, &skip);
    if (skip)
        new_page(L);
    unit_note(L);
    if (nseg == 0 && t->head) {
        table_row(L, t->head, t->ncols, w, t->ncols, head_h, true, 0.88, NULL);
    }
    for (size_t s = 0; s < nseg; s++) {
        size_t end = s + 1 < nseg ? seg[s + 1] : t->nrows;
        if (s > 0)
            new_page(L);
        if (t->head)
            table_row(L, t->head, t->ncols, w, t->ncols, head_h, true, 0.88, NULL);
        for (size_t r = seg[s]; r < end; r++) {
            table_row(L, t->rows[r], t->rowlen[r], w, t->ncols, h[r], false,
                      t->total[r] ? 0.95 : -1, t->numeric);
        }
    }
    L->y -= 10;
    L->page_empty = false;
}

/* The contact table: label cells (even columns) shaded and bold. */
static void draw_contacts(lay *L, const table *t)
{
    const pdf_face *sb = &L->f->fc[PDF_SANS_BOLD];
    size_t ncols = 0;
    double labw = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        if (t->rowlen[r] > ncols)
            ncols = t->rowlen[r];
        for (size_t c = 0; c < t->rowlen[r]; c += 2) {
            double lw = pdf_text_w(sb, CELL_SIZE, t->rows[r][c].s, t->rows[r][c].n) + 2 * CELL_PADX + 8;
            if (lw > labw)
                labw = lw;
        }
    }
    if (ncols == 0)
        return;
    double *w = arena_alloc(&L->a, ncols * sizeof *w);
    size_t nlab = (ncols + 1) / 2, nval = ncols / 2;
    for (size_t c = 0; c < ncols; c++)
        w[c] = c % 2 == 0 ? labw : (nval ? (CONTENT_W - (double)nlab * labw) / (double)nval : 0);
    if (nval == 0)
        w[0] = CONTENT_W;
    double total = 0;
    double *h = arena_alloc(&L->a, t->nrows * sizeof *h);
    for (size_t r = 0; r < t->nrows; r++)
        total += h[r] = row_height(L, t->rows[r], t->rowlen[r], w, ncols, false);
    L->y -= 10;
    need(L, total < PAGE_AVAIL ? total : h[0]);
    const pdf_face *s = &L->f->fc[PDF_SANS];
    double lh = CELL_SIZE * CELL_LEAD;
    double *cws = arena_alloc(&L->a, (ncols + 1) * sizeof *cws);
    for (size_t r = 0; r < t->nrows; r++) {
        need(L, h[r]);
        double x = M_LEFT;
        size_t n = cell_widths(w, ncols, t->rowlen[r], cws);
        for (size_t c = 0; c < n; c++) {
            double cw = cws[c];
            bool lab = c % 2 == 0;
            pdfc_rect(&L->pc, x, L->y, cw, h[r], lab ? 0.88 : -1, 0.5);
            span cell = t->rows[r][c];
            const pdf_face *font = lab ? sb : s;
            double save = L->y;
            double nl = (double)cell_lines(L, font, cell, cw - 2 * CELL_PADX);
            L->y -= CELL_PADY + (h[r] - 2 * CELL_PADY - nl * lh) / 2;
            flow(L, font, CELL_SIZE, lh, x + CELL_PADX, x + CELL_PADX, x + cw - CELL_PADX, cell.s,
                 cell.n, lab ? AL_CENTER : AL_LEFT, true, false);
            L->y = save;
            x += cw;
        }
        L->y -= h[r];
    }
    L->y -= 8;
    L->page_empty = false;
}

/* ---------------------------------------------------------------- charts */

static void draw_chart(lay *L, span title, const table *t)
{
    const pdf_face *s = &L->f->fc[PDF_SANS], *sb = &L->f->fc[PDF_SANS_BOLD];
    const double size = 9.5, bar_h = 13, gap = 7, tlh = 11 * 1.6;
    double labw = 0, shownw = 0;
    long long max = 0;
    size_t n = t->nrows;
    const long long *val = t->value;
    for (size_t r = 0; r < n; r++) {
        const span *c = t->rows[r];
        size_t k = t->rowlen[r];
        double lw = k > 0 ? pdf_text_w(s, size, c[0].s, c[0].n) : 0;
        double sw = k > 2 ? pdf_text_w(s, size, c[2].s, c[2].n) : 0;
        if (val[r] > max)
            max = val[r];
        if (lw > labw)
            labw = lw;
        if (sw > shownw)
            shownw = sw;
    }
    labw += 1; /* the widest label must not wrap on rounding */
    if (labw > CONTENT_W * 0.34)
        labw = CONTENT_W * 0.34;
    double x_bar = M_LEFT + labw + 10;
    double bar_room = PAGE_W - M_RIGHT - x_bar - shownw - 8;
    /* Row heights: a label may wrap. */
    double *rh = arena_alloc(&L->a, (n + 1) * sizeof *rh);
    double total = tlh + 6;
    for (size_t r = 0; r < n; r++) {
        double lh = size * 1.3;
        double hl = t->rowlen[r] ? flow(L, s, size, lh, M_LEFT, M_LEFT, M_LEFT + labw,
                                        t->rows[r][0].s, t->rows[r][0].n, AL_RIGHT, false, false)
                                 : lh;
        rh[r] = (hl > bar_h ? hl : bar_h) + gap;
        total += rh[r];
    }
    L->y -= 6;
    need(L, total <= PAGE_AVAIL ? total : tlh + rh[0]);
    if (title.n) {
        double w = pdf_text_w(sb, 11, title.s, title.n);
        pdfc_text(&L->pc, sb, 11, M_LEFT + (CONTENT_W - w) / 2, baseline(L->y, tlh, 11), title.s,
                  title.n);
        L->y -= tlh + 6;
    }
    double axis_top = L->y;
    for (size_t r = 0; r < n; r++) {
        if (L->y - rh[r] < M_BOTTOM) {
            pdfc_line(&L->pc, x_bar, axis_top, x_bar, L->y, 0.8);
            new_page(L);
            axis_top = L->y;
        }
        double top = L->y;
        double mid = top - (rh[r] - gap) / 2;
        double lh = size * 1.3;
        if (t->rowlen[r]) {
            double hl = flow(L, s, size, lh, M_LEFT, M_LEFT, M_LEFT + labw, t->rows[r][0].s,
                             t->rows[r][0].n, AL_RIGHT, false, false);
            L->y = mid + hl / 2;
            flow(L, s, size, lh, M_LEFT, M_LEFT, M_LEFT + labw, t->rows[r][0].s, t->rows[r][0].n,
                 AL_RIGHT, true, false);
        }
        double len = max > 0 ? bar_room * (double)val[r] / (double)max : 0;
        if (len > 0) {
            static const float bar_rgb[3] = {0.22f, 0.42f, 0.69f};
            pdfc_bar(&L->pc, bar_rgb, x_bar, mid - bar_h / 2, len, bar_h);
        }
        if (t->rowlen[r] > 2)
            pdfc_text(&L->pc, s, size, x_bar + len + 4, mid - size * 0.35, t->rows[r][2].s,
                      t->rows[r][2].n);
        L->y = top - rh[r];
    }
    pdfc_line(&L->pc, x_bar, axis_top, x_bar, L->y + gap / 2, 0.8);
    L->y -= 8;
    L->page_empty = false;
}

/* ---------------------------------------------------------------- attachments */

static void attachment(lay *L, const rdoc_block *b)
{
    if (!L->page_empty || L->pageno == 1)
        new_page(L);
    const pdf_face *sb = &L->f->fc[PDF_SANS_BOLD];
    double x = M_LEFT;
    const double size = 15, lh = 26;
    span label = str_span(b->label);
    if (label.n) {
        double lw = pdf_text_w(sb, 12, label.s, label.n);
        pdfc_rect(&L->pc, x, L->y, lw + 14, lh, -1, 1.0);
        pdfc_text(&L->pc, sb, 12, x + 7, baseline(L->y, lh, 12), label.s, label.n);
        x += lw + 24;
    }
    span title = str_span(b->text);
    flow(L, sb, size, lh, x, x, PAGE_W - M_RIGHT, title.s, title.n, AL_LEFT, true, false);
    L->y -= 12;
    L->page_empty = false;
}

static void group_heading(lay *L, span text)
{
    const pdf_face *sb = &L->f->fc[PDF_SANS_BOLD];
    double lh = 12 * 1.6;
    L->y -= 8;
    need(L, lh + 3 * CELL_SIZE * CELL_LEAD + 2 * CELL_PADY); /* keep with the table below */
    flow(L, sb, 12, lh, M_LEFT, M_LEFT, PAGE_W - M_RIGHT, text.s, text.n, AL_LEFT, true, true);
}

/* ---------------------------------------------------------------- document */

static void set_info(lay *L, const rdoc *doc, const pdf_info *info)
{
    HPDF_SetInfoAttr(L->doc, HPDF_INFO_TITLE, *doc->title ? doc->title : "보도자료");
    HPDF_SetInfoAttr(L->doc, HPDF_INFO_AUTHOR, info->ministry ? info->ministry : "");
    if (info->subject)
        HPDF_SetInfoAttr(L->doc, HPDF_INFO_SUBJECT, info->subject);
    HPDF_SetInfoAttr(L->doc, HPDF_INFO_CREATOR, "smereport");
    struct tm tm;
    time_t t = info->created;
    gmtime_r(&t, &tm);
    HPDF_Date date = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                      tm.tm_sec, 'Z', 0, 0};
    HPDF_SetInfoDateAttr(L->doc, HPDF_INFO_CREATION_DATE, date);
}

/* One block of the document at L->y. */
static void block(lay *L, const rdoc_block *b)
{
    table t;
    switch (b->kind) {
    case RDOC_TITLE:
    case RDOC_SUBTITLE:
        title_line(L, str_span(b->text), b->kind == RDOC_SUBTITLE);
        break;
    case RDOC_SPACE:
        L->y -= BODY_SIZE * 0.6;
        break;
    case RDOC_PARA:
        para(L, b, M_LEFT, PAGE_W - M_RIGHT, true);
        break;
    case RDOC_BOX:
        box(L, b);
        break;
    case RDOC_TABLE:
        t = table_of(L, &b->table);
        L->unit = b->unit;
        draw_table(L, &t);
        break;
    case RDOC_CHART:
        t = table_of(L, &b->table);
        draw_chart(L, str_span(b->text), &t);
        break;
    case RDOC_CONTACTS:
        t = table_of(L, &b->table);
        draw_contacts(L, &t);
        break;
    case RDOC_ATTACHMENT:
        attachment(L, b);
        break;
    case RDOC_GROUP:
        group_heading(L, str_span(b->text));
        break;
    case RDOC_PAGEBREAK:
        if (!L->page_empty)
            new_page(L);
        break;
    }
}

static void layout(lay *L, const rdoc *doc, const pdf_info *info)
{
    set_info(L, doc, info);
    new_page(L);
    header_box(L, info->ministry, doc->embargo ? doc->embargo : info->embargo,
               doc->distributed ? doc->distributed : info->distributed);
    L->page_empty = false;
    for (size_t i = 0; i < doc->nblock; i++) {
        const rdoc_block *b = &doc->block[i];
        /* A rule under the title lines, before whatever comes next. */
        bool titleish = b->kind == RDOC_TITLE || b->kind == RDOC_SUBTITLE;
        if (L->after_title && !titleish && b->kind != RDOC_SPACE) {
            L->y -= 6;
            pdfc_line(&L->pc, M_LEFT, L->y, PAGE_W - M_RIGHT, L->y, 0.8);
            L->y -= 12;
            L->after_title = false;
        }
        block(L, b);
    }
}

int pdf_write(pdf_fonts *f, const rdoc *doc, const pdf_info *info, const char *path)
{
    if (!f->fresh || !f->doc) {
        msg_error("internal: PDF fonts not prepared for %s", path);
        return EXIT_INTERNAL;
    }
    f->fresh = false;
    lay L = {0};
    L.f = f;
    L.doc = f->doc;
    L.pc.err = &f->err;
    layout(&L, doc, info);
    pdfc_end_page(&L.pc);
    arena_free(&L.a);
    int rc = pdf_fonts_embed(f, path);
    if (rc != EXIT_OK)
        return rc;
    if (!f->err && !hpdfx_deflate_streams(f->doc)) {
        msg_error("%s: cannot compress the document's streams", path);
        return EXIT_INTERNAL;
    }
    if (f->err) {
        msg_error("%s: cannot lay out the document (libharu error 0x%04X, detail %u)", path,
                  (unsigned)f->err, (unsigned)f->err_detail);
        return EXIT_INTERNAL;
    }
    if (HPDF_SaveToFile(f->doc, path) != HPDF_OK || f->err) {
        msg_error("%s: cannot write the PDF (libharu error 0x%04X, detail %u: %s)", path,
                  (unsigned)f->err, (unsigned)f->err_detail,
                  hpdfx_is_file_error(f->err) ? strerror((int)f->err_detail)
                      : "see the libharu error list");
        return EXIT_OUTPUT;
    }
    return EXIT_OK;
}
