/* pdf_layout.c — lays out a release document (release_doc.h) on A4 pages.
 *
 * The blocks of the document — titles, paragraphs with their bullets,
 * boxes, tables, charts, the contact table, attachments — are placed one
 * after the other at a vertical cursor `y` (top of the next line box, in
 * PDF points from the bottom); every measure comes from the style table
 * pdf_style.h. Text is measured with the faces' advance widths
 * (pdf_fonts.h) and broken with kwrap_next() (between words first, between
 * syllables only for an over-long word, with the 금칙 rules), so no UTF-8
 * character is ever cut. Every block that must not break (a box, a chart
 * shorter than a page, a table row) is measured first with the same code
 * in "dry" mode and moved to a new page if it does not fit (need()); a
 * table that breaks repeats its header row (pdf_table_split). The block
 * loop (layout()) decides what comes between blocks (the rule under the
 * titles); rules that span several blocks belong there too.
 *
 * What is drawn goes to pdf_content.c (the content-stream writer); pages,
 * document information and saving use libharu's public API (hpdf_public.h).
 * pdf_write() spends the prepared document of pdf_fonts_ready(): after the
 * layout, pdf_fonts_embed() gives it its own font subsets and the streams
 * are deflated (hpdf_private.h) before it is saved. libharu errors are
 * collected by one handler into pdf_fonts.err; pdf_write() checks it, and a
 * failure names the file and the libharu code. */
#include <errno.h>
#include <stdio.h>
#include <math.h>
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
#include "pdf_objstm.h"
#include "pdf_style.h"
#include "strbuf.h"

/* Every measure comes from the style table (pdf_style.h); short names for
 * the ones used everywhere. */
#define ST PDF_STYLE
#define PAGE_W (ST.page.w)
#define M_LEFT (ST.page.left)
#define M_RIGHT (ST.page.right)
#define M_BOTTOM (ST.page.bottom)
#define CONTENT_W (ST.page.content_w)
#define PAGE_AVAIL (ST.page.avail)
#define CELL_SIZE (ST.table.size)
#define CELL_LEAD (ST.table.lead)
#define CELL_PADX (ST.table.padx)
#define CELL_PADY (ST.table.pady)

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
    const char *caption; /* pending @caption of the next table */
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
    const pdf_tstyle *ns = &ST.page.number;
    const pdf_face *font = &L->f->fc[ns->face];
    double w = pdf_text_w(font, ns->size, num, (size_t)n);
    pdfc_text(&L->pc, font, ns->size, (PAGE_W - w) / 2, ST.page.foot_y, num, (size_t)n);
    L->y = ST.page.h - ST.page.top;
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
    return y - (lh - size) / 2 - size * ST.ascent;
}

/* AL_JUSTIFY: each line but a paragraph's last (or one a hard newline ends)
 * reaches x_right, as 한글 sets the HWPX's body paragraphs (양쪽 정렬): the
 * spaces a line may break at are widened, those inside a figure ("2026. 9.
 * 30.", "약 22억 원") only when the others would need more than ST.justify ×
 * size each; a line that would need more than that at every space stays
 * ragged. */
enum { AL_LEFT, AL_CENTER, AL_RIGHT, AL_JUSTIFY };

/* Wraps s[0..n) in font/size: the first line starts at x_first, later lines
 * at x_rest, all end by x_right. Each line box is lh high. When draw is
 * false only the height is computed; when paginate is true a line that does
 * not fit goes to a new page. A last line narrower than runt (> 0) takes the
 * line before's last word (kwrap_line). Returns the height used. */
static double flow(lay *L, const pdf_face *font, double size, double lh, double x_first,
                   double x_rest, double x_right, const char *s, size_t n, int align, double runt,
                   bool draw, bool paginate)
{
    measure_ctx m = {font, size, NULL, 0, 0};
    unsigned char stretch[1024]; /* a justified line's widened spaces (kwrap_breakable_spaces) */
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
        size_t k =
            kwrap_line(s + pos, n - pos, width, x_right - x_rest, runt, measure_cb, &m, &next);
        if (k == 0 && next == 0)
            break;
        size_t shown = k;
        while (shown > 0 && s[pos + shown - 1] == ' ')
            shown--;
        if (draw) {
            if (paginate)
                need(L, lh);
            double w = pdf_text_w(font, size, s + pos, shown);
            double x = x0, extra = 0;
            if (align == AL_CENTER)
                x = x0 + (width - w) / 2;
            else if (align == AL_RIGHT)
                x = x_right - w;
            else if (align == AL_JUSTIFY && pos + next < n && s[pos + k] != '\n' && w < width &&
                     shown <= sizeof stretch) {
                kwrap_breakable_spaces(s + pos, shown, stretch);
                size_t gaps = 0, all = 0;
                for (size_t i = 0; i < shown; i++) {
                    gaps += stretch[i];
                    all += s[pos + i] == ' ';
                }
                /* too loose for the spaces between words: those inside the
                 * figures widen too; a line still too loose (a long word
                 * moved on) stays ragged */
                if (gaps && (width - w) / (double)gaps > ST.justify * size && all > gaps) {
                    for (size_t i = 0; i < shown; i++)
                        stretch[i] = s[pos + i] == ' ';
                    gaps = all;
                }
                if (gaps && (width - w) / (double)gaps <= ST.justify * size)
                    extra = (width - w) / (double)gaps;
            }
            pdfc_text_spaced(&L->pc, font, size, x, baseline(L->y, lh, size), s + pos, shown, extra,
                             extra > 0 ? stretch : NULL);
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

/* One paragraph within [x_left, x_right]. */
static double para(lay *L, const rdoc_block *b, double x_left, double x_right, bool draw)
{
    pdf_pstyle st = ST.para[b->style];
    const char *marker = b->marker;
    const pdf_face *font = &L->f->fc[st.face];
    double lh = st.size * ST.lead;
    double x = x_left + st.indent;
    double h = st.before;
    span text = str_span(b->text);
    double xt = x;
    if (marker) {
        double mw = pdf_text_w(font, st.size, marker, strlen(marker));
        double gap = pdf_text_w(font, st.size, " ", 1);
        if (gap < st.size * ST.marker_gap)
            gap = st.size * ST.marker_gap;
        xt = x + mw + gap;
    }
    if (draw) {
        L->y -= st.before;
        /* Widows and orphans: a paragraph that would leave its first line
         * alone at a page's foot, or its last line alone at the next page's
         * top (a quote's closing line), starts on the next page. */
        double th = flow(L, font, st.size, lh, xt, xt, x_right, text.s, text.n, AL_JUSTIFY,
                         st.size * ST.runt, false, false);
        int nl = (int)(th / lh + 0.5), fit = (int)((L->y - M_BOTTOM) / lh + 1e-9);
        if (nl > fit && (fit < 2 || nl - fit < 2) && th <= PAGE_AVAIL)
            need(L, th);
        else
            need(L, lh);
        if (marker)
            pdfc_text(&L->pc, font, st.size, x, baseline(L->y, lh, st.size), marker, strlen(marker));
    }
    h += flow(L, font, st.size, lh, xt, xt, x_right, text.s, text.n, AL_JUSTIFY,
              st.size * ST.runt, draw, draw);
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
    const struct pdf_header_style *hs = &ST.header;
    const pdf_face *fw = &L->f->fc[hs->word.face], *fm = &L->f->fc[hs->ministry.face];
    const pdf_face *fl = &L->f->fc[hs->label.face], *fv = &L->f->fc[hs->value.face];
    double y = L->y;
    /* "보도자료" in a heavy frame on the left, the ministry on the right. */
    const char *word = "보도자료";
    double ww = pdf_text_w(fw, hs->word.size, word, strlen(word));
    pdfc_rect(&L->pc, M_LEFT, y, ww + hs->word_pad, hs->word_h, -1, hs->word_line);
    pdfc_text(&L->pc, fw, hs->word.size, M_LEFT + hs->word_x, y - hs->word_base, word,
              strlen(word));
    if (ministry && *ministry) {
        double mw = pdf_text_w(fm, hs->ministry.size, ministry, strlen(ministry));
        pdfc_text(&L->pc, fm, hs->ministry.size, PAGE_W - M_RIGHT - mw, y - hs->ministry_base,
                  ministry, strlen(ministry));
    }
    y -= hs->rule_y;
    pdfc_line(&L->pc, M_LEFT, y, PAGE_W - M_RIGHT, y, hs->rule_w);
    y -= hs->rule_after;
    /* One row: 보도시점 | embargo | 배포 | distributed. */
    double lw = hs->label_w, rh = hs->row_h;
    double vw = (CONTENT_W - 2 * lw) / 2;
    const char *lab[2] = {"보도시점", "배포"};
    const char *val[2] = {embargo ? embargo : "", distributed ? distributed : ""};
    for (int i = 0; i < 2; i++) {
        double x = M_LEFT + i * (lw + vw);
        pdfc_rect(&L->pc, x, y, lw, rh, hs->label_fill, hs->row_line);
        pdfc_rect(&L->pc, x + lw, y, vw, rh, -1, hs->row_line);
        double w = pdf_text_w(fl, hs->label.size, lab[i], strlen(lab[i]));
        pdfc_text(&L->pc, fl, hs->label.size, x + (lw - w) / 2, y - hs->text_base, lab[i],
                  strlen(lab[i]));
        /* The value may be long: wrap it inside its cell at a smaller size if needed. */
        double size = hs->value.size;
        while (size > hs->value_min &&
               pdf_text_w(fv, size, val[i], strlen(val[i])) > vw - hs->value_pad)
            size -= hs->value_step;
        double tw = pdf_text_w(fv, size, val[i], strlen(val[i]));
        pdfc_text(&L->pc, fv, size, x + lw + (vw - tw) / 2, y - hs->text_base, val[i],
                  strlen(val[i]));
    }
    L->y = y - rh - hs->after;
}

static void title_line(lay *L, span text, bool subtitle)
{
    const pdf_tstyle *ts = subtitle ? &ST.title.subtitle : &ST.title.title;
    const pdf_face *font = &L->f->fc[ts->face];
    double size = ts->size;
    double lh = size * ts->lead;
    if (subtitle) {
        char *t = arena_alloc(&L->a, text.n + 5);
        memcpy(t, "- ", 2);
        memcpy(t + 2, text.s, text.n);
        memcpy(t + 2 + text.n, " -", 3);
        text.s = t;
        text.n += 4;
    }
    if (!L->after_title)
        L->y -= ST.title.before;
    double inset = ST.title.inset;
    /* A title line stays one line: a long one is set smaller (down to 80 %);
     * one still too long is broken once, at the space nearest its middle,
     * preferring one after a comma (a phrase boundary), never leaving a
     * single word alone on the second line. */
    const double avail = CONTENT_W - 2 * inset;
    double w = pdf_text_w(font, size, text.s, text.n);
    if (w > avail) {
        double min = size * 0.8;
        size = floor(size * avail / w * 2) / 2;
        if (size < min)
            size = min;
        lh = size * ts->lead;
        w = pdf_text_w(font, size, text.s, text.n);
    }
    size_t cut = 0;
    if (w > avail) {
        double best = 1e9;
        for (size_t i = 1; i + 1 < text.n; i++) {
            if (text.s[i] != ' ')
                continue;
            double d = fabs(pdf_text_w(font, size, text.s, i) - w / 2);
            if (text.s[i - 1] == ',')
                d *= 0.5;
            if (d < best && pdf_text_w(font, size, text.s, i) <= avail &&
                pdf_text_w(font, size, text.s + i + 1, text.n - i - 1) <= avail)
                best = d, cut = i;
        }
    }
    if (cut) {
        flow(L, font, size, lh, M_LEFT + inset, M_LEFT + inset, PAGE_W - M_RIGHT - inset, text.s,
             cut, AL_CENTER, 0, true, true);
        text.s += cut + 1;
        text.n -= cut + 1;
    }
    flow(L, font, size, lh, M_LEFT + inset, M_LEFT + inset, PAGE_W - M_RIGHT - inset, text.s,
         text.n, AL_CENTER, 0, true, true);
    L->after_title = true;
}

/* ---------------------------------------------------------------- boxes */

static double box_inner(lay *L, const rdoc_block *lines, size_t n, double xl, double xr,
                        bool draw)
{
    double h = 0;
    for (size_t i = 0; i < n; i++) {
        if (lines[i].kind != RDOC_PARA) {
            h += ST.box.space;
            if (draw)
                L->y -= ST.box.space;
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
    const double pad = ST.box.pad;
    const pdf_tstyle *ts = &ST.box.title;
    const pdf_face *sb = &L->f->fc[ts->face];
    double tlh = ts->size * ts->lead;
    double xl = M_LEFT + pad, xr = PAGE_W - M_RIGHT - pad;
    double inner = box_inner(L, lines, n, xl, xr, false);
    double h = pad + (title.n ? tlh : 0) + inner + pad;
    L->y -= ST.box.before;
    if (h <= PAGE_AVAIL) {
        need(L, h);
        pdfc_rect(&L->pc, M_LEFT, L->y, CONTENT_W, h, -1, ST.box.line_w);
    }
    double top = L->y;
    L->y -= pad;
    if (title.n) {
        char *t = arena_alloc(&L->a, title.n + 5);
        memcpy(t, "< ", 2);
        memcpy(t + 2, title.s, title.n);
        memcpy(t + 2 + title.n, " >", 3);
        double w = pdf_text_w(sb, ts->size, t, title.n + 4);
        pdfc_text(&L->pc, sb, ts->size, M_LEFT + (CONTENT_W - w) / 2,
                  baseline(L->y, tlh, ts->size), t, title.n + 4);
        L->y -= tlh;
    }
    box_inner(L, lines, n, xl, xr, true);
    if (h <= PAGE_AVAIL)
        L->y = top - h;
    L->y -= ST.box.after;
    L->page_empty = false;
}

/* ---------------------------------------------------------------- tables */

size_t pdf_table_split(const double *h, size_t n, const pdf_table_room *room, size_t *seg_start,
                       bool *skip_first)
{
    *skip_first = false;
    if (n == 0)
        return 0;
    const double head_h = room->head, tail_h = room->tail;
    double first_avail = room->first, fresh_avail = room->page - room->lead;
    /* The header with fewer than three rows at a page's foot is an orphan,
     * and a table of fewer than six rows cannot break with three on each
     * side: start on the next page instead (when those rows fit a fresh
     * one; a whole table with the notes it keeps). */
    size_t keep = n < 6 ? n : 3;
    double first_h = head_h + (keep == n ? tail_h : 0);
    for (size_t k = 0; k < keep; k++)
        first_h += h[k];
    if (first_h > first_avail && first_avail < fresh_avail &&
        (first_h <= fresh_avail || head_h + h[0] > first_avail)) {
        *skip_first = true;
        first_avail = fresh_avail;
    }
    size_t segs = 0;
    double avail = first_avail;
    double used = 0;
    for (size_t i = 0; i < n; i++) {
        double need_h = h[i] + (i + 1 == n ? tail_h : 0); /* the last row keeps the tail */
        if (i == 0 || used + need_h > avail) {
            if (i > 0)
                avail = room->page;
            seg_start[segs++] = i;
            used = head_h + h[i];
        } else {
            used += h[i];
        }
    }
    /* No last page with one or two rows: the segment before gives it rows
     * while it keeps three. */
    if (segs > 1) {
        size_t *last = &seg_start[segs - 1];
        double lused = head_h + tail_h;
        for (size_t r = *last; r < n; r++)
            lused += h[r];
        while (n - *last < 3 && *last - seg_start[segs - 2] > 3 && lused + h[*last - 1] <= room->page) {
            (*last)--;
            lused += h[*last];
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
    const bool *highlight;  /* charts: per row */
} table;

static table table_of(lay *L, const rdoc_table *rt)
{
    table t = {NULL, rt->ncols, NULL, rt->rowlen, rt->nrows, rt->numeric_col, rt->total_row,
               rt->value, rt->highlight};
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
    pdfc_cell_frames(&L->pc, M_LEFT, L->y, cw, n, rh, fill, ST.table.line_w);
    double x = M_LEFT;
    for (size_t c = 0; c < n; c++) {
        span t = cells[c];
        int al = header ? AL_CENTER : (numeric && numeric[c] ? AL_RIGHT : AL_LEFT);
        double save = L->y;
        L->y -= CELL_PADY;
        double nl = (double)cell_lines(L, font, t, cw[c] - 2 * CELL_PADX);
        L->y -= (rh - 2 * CELL_PADY - nl * lh) / 2; /* centre vertically */
        flow(L, font, CELL_SIZE, lh, x + CELL_PADX, x + CELL_PADX, x + cw[c] - CELL_PADX, t.s, t.n,
             al, 0, true, false);
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
        w[c] = nat + 2 * CELL_PADX + ST.table.slack;
        minw[c] = (t->numeric[c] ? nat : mn) + 2 * CELL_PADX + ST.table.slack;
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

/* "< 정책수단별 지원 현황 >" centred above a table (the @caption). */
#define CAPTION_SIZE 11.0
#define CAPTION_LEAD 1.6
static void caption_line(lay *L)
{
    if (!L->caption)
        return;
    const pdf_face *sb = &L->f->fc[PDF_SANS_BOLD];
    double lh = CAPTION_SIZE * CAPTION_LEAD;
    char *t = xasprintf("< %s >", L->caption);
    double w = pdf_text_w(sb, CAPTION_SIZE, t, strlen(t));
    pdfc_text(&L->pc, sb, CAPTION_SIZE, M_LEFT + (CONTENT_W - w) / 2, baseline(L->y, lh, CAPTION_SIZE), t,
              strlen(t));
    free(t);
    L->y -= lh;
    L->caption = NULL;
}

static void unit_note(lay *L)
{
    if (!L->unit)
        return;
    const pdf_tstyle *us = &ST.table.unit;
    const pdf_face *s = &L->f->fc[us->face];
    double lh = us->size * us->lead;
    double w = pdf_text_w(s, us->size, L->unit, strlen(L->unit));
    pdfc_text(&L->pc, s, us->size, PAGE_W - M_RIGHT - w, baseline(L->y, lh, us->size), L->unit,
              strlen(L->unit));
    L->y -= lh;
    L->unit = NULL;
}

static void draw_table(lay *L, const table *t, double tail_h)
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
    double unit_h = (L->unit ? ST.table.unit.size * ST.table.unit.lead : 0) +
                    (L->caption ? CAPTION_SIZE * CAPTION_LEAD : 0);
    L->y -= ST.table.before;
    bool skip = false;
    /* The caption and unit note stand above the table's first part only. */
    pdf_table_room room = {head_h, tail_h > 0 ? ST.table.after + tail_h : 0, unit_h,
                           (L->page_empty ? PAGE_AVAIL : L->y - M_BOTTOM) - unit_h, PAGE_AVAIL};
    size_t nseg = pdf_table_split(h, t->nrows, &room, seg, &skip);
    if (skip)
        new_page(L);
    caption_line(L);
    unit_note(L);
    if (nseg == 0 && t->head) {
        table_row(L, t->head, t->ncols, w, t->ncols, head_h, true, ST.table.head_fill, NULL);
    }
    for (size_t s = 0; s < nseg; s++) {
        size_t end = s + 1 < nseg ? seg[s + 1] : t->nrows;
        if (s > 0)
            new_page(L);
        if (t->head)
            table_row(L, t->head, t->ncols, w, t->ncols, head_h, true, ST.table.head_fill, NULL);
        for (size_t r = seg[s]; r < end; r++) {
            table_row(L, t->rows[r], t->rowlen[r], w, t->ncols, h[r], false,
                      t->total[r] ? ST.table.total_fill : -1, t->numeric);
        }
    }
    L->y -= ST.table.after;
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
            double lw = pdf_text_w(sb, CELL_SIZE, t->rows[r][c].s, t->rows[r][c].n) +
                        2 * CELL_PADX + ST.table.contact_label_pad;
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
    L->y -= ST.table.contact_before;
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
            pdfc_rect(&L->pc, x, L->y, cw, h[r], lab ? ST.table.contact_fill : -1,
                      ST.table.line_w);
            span cell = t->rows[r][c];
            const pdf_face *font = lab ? sb : s;
            double save = L->y;
            double nl = (double)cell_lines(L, font, cell, cw - 2 * CELL_PADX);
            L->y -= CELL_PADY + (h[r] - 2 * CELL_PADY - nl * lh) / 2;
            flow(L, font, CELL_SIZE, lh, x + CELL_PADX, x + CELL_PADX, x + cw - CELL_PADX, cell.s,
                 cell.n, lab ? AL_CENTER : AL_LEFT, 0, true, false);
            L->y = save;
            x += cw;
        }
        L->y -= h[r];
    }
    L->y -= ST.table.contact_after;
    L->page_empty = false;
}

/* ---------------------------------------------------------------- charts */

static void draw_chart(lay *L, span title, const table *t, double tail_h)
{
    const pdf_tstyle *ts = &ST.chart.title;
    const pdf_face *s = &L->f->fc[PDF_SANS], *sb = &L->f->fc[ts->face];
    const double size = ST.chart.size, bar_h = ST.chart.bar_h, gap = ST.chart.gap;
    const double tlh = ts->size * ts->lead;
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
    labw += ST.chart.label_slack; /* the widest label must not wrap on rounding */
    if (labw > CONTENT_W * ST.chart.label_max)
        labw = CONTENT_W * ST.chart.label_max;
    double x_bar = M_LEFT + labw + ST.chart.bar_x_gap;
    double bar_room = PAGE_W - M_RIGHT - x_bar - shownw - ST.chart.end_gap;
    /* Row heights: a label may wrap. */
    double *rh = arena_alloc(&L->a, (n + 1) * sizeof *rh);
    double total = tlh + ST.chart.title_after;
    for (size_t r = 0; r < n; r++) {
        double lh = size * ST.chart.label_lead;
        double hl = t->rowlen[r] ? flow(L, s, size, lh, M_LEFT, M_LEFT, M_LEFT + labw,
                                        t->rows[r][0].s, t->rows[r][0].n, AL_RIGHT, 0, false, false)
                                 : lh;
        rh[r] = (hl > bar_h ? hl : bar_h) + gap;
        total += rh[r];
    }
    L->y -= ST.chart.before;
    if (tail_h > 0 && total + ST.chart.after + tail_h <= PAGE_AVAIL)
        need(L, total + ST.chart.after + tail_h); /* with the notes under it */
    else
        need(L, total <= PAGE_AVAIL ? total : tlh + rh[0]);
    if (title.n) {
        double w = pdf_text_w(sb, ts->size, title.s, title.n);
        pdfc_text(&L->pc, sb, ts->size, M_LEFT + (CONTENT_W - w) / 2,
                  baseline(L->y, tlh, ts->size), title.s, title.n);
        L->y -= tlh + ST.chart.title_after;
    }
    double axis_top = L->y;
    for (size_t r = 0; r < n; r++) {
        if (L->y - rh[r] < M_BOTTOM) {
            pdfc_line(&L->pc, x_bar, axis_top, x_bar, L->y, ST.chart.axis_w);
            new_page(L);
            axis_top = L->y;
        }
        double top = L->y;
        double mid = top - (rh[r] - gap) / 2;
        double lh = size * ST.chart.label_lead;
        if (t->rowlen[r]) {
            double hl = flow(L, s, size, lh, M_LEFT, M_LEFT, M_LEFT + labw, t->rows[r][0].s,
                             t->rows[r][0].n, AL_RIGHT, 0, false, false);
            L->y = mid + hl / 2;
            flow(L, s, size, lh, M_LEFT, M_LEFT, M_LEFT + labw, t->rows[r][0].s, t->rows[r][0].n,
                 AL_RIGHT, 0, true, false);
        }
        double len = max > 0 ? bar_room * (double)val[r] / (double)max : 0;
        if (len > 0) {
            static const float dim_rgb[3] = {0.70f, 0.77f, 0.86f};
            bool any = false;
            for (size_t k = 0; t->highlight && k < n && !any; k++)
                any = t->highlight[k];
            /* with highlighted rows (the period), the others are drawn pale */
            pdfc_bar(&L->pc, !any || t->highlight[r] ? ST.chart.bar_rgb : dim_rgb, x_bar,
                     mid - bar_h / 2, len, bar_h);
        }
        if (t->rowlen[r] > 2)
            pdfc_text(&L->pc, s, size, x_bar + len + ST.chart.shown_gap,
                      mid - size * ST.chart.shown_drop, t->rows[r][2].s, t->rows[r][2].n);
        L->y = top - rh[r];
    }
    pdfc_line(&L->pc, x_bar, axis_top, x_bar, L->y + gap / 2, ST.chart.axis_w);
    L->y -= ST.chart.after;
    L->page_empty = false;
}

/* ---------------------------------------------------------------- attachments */

static void attachment(lay *L, const rdoc_block *b)
{
    if (!L->page_empty || L->pageno == 1)
        new_page(L);
    const struct pdf_attachment_style *as = &ST.attachment;
    const pdf_face *sb = &L->f->fc[as->title.face];
    double x = M_LEFT;
    const double size = as->title.size, lh = as->line_h, ls = as->label_size;
    span label = str_span(b->label);
    if (label.n) {
        double lw = pdf_text_w(sb, ls, label.s, label.n);
        pdfc_rect(&L->pc, x, L->y, lw + as->label_pad, lh, -1, as->label_line);
        pdfc_text(&L->pc, sb, ls, x + as->label_x, baseline(L->y, lh, ls), label.s, label.n);
        x += lw + as->label_gap;
    }
    span title = str_span(b->text);
    /* a bookmark per attachment: "붙임 1 참여기업 목록" */
    char *mark = xasprintf("%s%s%s", b->label, label.n ? " " : "", b->text);
    hpdfx_outline(L->doc, L->pc.page, mark, strlen(mark));
    free(mark);
    flow(L, sb, size, lh, x, x, PAGE_W - M_RIGHT, title.s, title.n, AL_LEFT, 0, true, false);
    L->y -= as->after;
    L->page_empty = false;
}

static void group_heading(lay *L, span text)
{
    const pdf_tstyle *gs = &ST.group.text;
    const pdf_face *sb = &L->f->fc[gs->face];
    double lh = gs->size * gs->lead;
    L->y -= ST.group.before;
    /* keep with the table below */
    need(L, lh + ST.group.keep_rows * CELL_SIZE * CELL_LEAD + 2 * CELL_PADY);
    flow(L, sb, gs->size, lh, M_LEFT, M_LEFT, PAGE_W - M_RIGHT, text.s, text.n, AL_LEFT, 0, true,
         true);
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
    hpdfx_doc_lang(L->doc, "ko-KR");
}

/* The height of the notes (※ paragraphs, and the spaces among them) right
 * after block i: they explain the table or chart above them and stay on
 * its last page. 0 when there are none, or when they are too tall to keep
 * (a third of a page). */
static double notes_after(lay *L, const rdoc *doc, size_t i)
{
    double h = 0, space = 0;
    for (size_t k = i + 1; k < doc->nblock; k++) {
        const rdoc_block *b = &doc->block[k];
        if (b->kind == RDOC_SPACE) {
            space += ST.para[RDOC_P_PLAIN].size * ST.space;
            continue;
        }
        if (b->kind != RDOC_PARA || b->style != RDOC_P_NOTE)
            break;
        h += space + para(L, b, M_LEFT, PAGE_W - M_RIGHT, false);
        space = 0;
    }
    return h <= PAGE_AVAIL / 3 ? h : 0;
}

/* One block of the document at L->y; tail_h: the notes it keeps (notes_after). */
static void block(lay *L, const rdoc_block *b, double tail_h)
{
    table t;
    switch (b->kind) {
    case RDOC_TITLE:
    case RDOC_SUBTITLE:
        title_line(L, str_span(b->text), b->kind == RDOC_SUBTITLE);
        break;
    case RDOC_SPACE:
        L->y -= ST.para[RDOC_P_PLAIN].size * ST.space;
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
        L->caption = b->caption;
        draw_table(L, &t, tail_h);
        break;
    case RDOC_CHART:
        t = table_of(L, &b->table);
        draw_chart(L, str_span(b->text), &t, tail_h);
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
            L->y -= ST.title.rule_before;
            pdfc_line(&L->pc, M_LEFT, L->y, PAGE_W - M_RIGHT, L->y, ST.title.rule_w);
            L->y -= ST.title.rule_after;
            L->after_title = false;
        }
        bool keeps = b->kind == RDOC_TABLE || b->kind == RDOC_CHART;
        block(L, b, keeps ? notes_after(L, doc, i) : 0);
    }
}

/* The file a saved document is written to, and the errno of its first
 * failed write. */
typedef struct file_put {
    FILE *f;
    int err;
} file_put;

static bool put_file(void *arg, const void *p, size_t n)
{
    file_put *fp = arg;
    if (fwrite(p, 1, n, fp->f) == n)
        return true;
    fp->err = errno ? errno : EIO;
    return false;
}

static bool put_buf(void *arg, const void *p, size_t n)
{
    sb_addn(arg, p, n);
    return true;
}

/* Lays doc out on the prepared document f->doc (which it spends): pages,
 * their contents, the code points drawn in each face. */
static int lay_out(pdf_fonts *f, const rdoc *doc, const pdf_info *info, const char *path)
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
    return EXIT_OK;
}

int pdf_lay_out_only(pdf_fonts *f, const rdoc *doc, const pdf_info *info, const char *name)
{
    int rc = lay_out(f, doc, info, name);
    if (rc == EXIT_OK && f->err) {
        msg_error("%s: cannot lay out the document (libharu error 0x%04X, detail %u)", name,
                  (unsigned)f->err, (unsigned)f->err_detail);
        rc = EXIT_INTERNAL;
    }
    return rc;
}

int pdf_write(pdf_fonts *f, const rdoc *doc, const pdf_info *info, const char *path)
{
    int lrc = lay_out(f, doc, info, path);
    if (lrc != EXIT_OK)
        return lrc;
    if (!f->err && !hpdfx_share_resources(f->doc)) {
        msg_error("%s: cannot share the pages' resources", path);
        return EXIT_INTERNAL;
    }
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
    /* Saved into libharu's memory stream and written here: a failed write
     * (a full disk) is then reported with its errno, which libharu's file
     * errors do not carry reliably ("detail 1: Operation not permitted"). */
    if (HPDF_SaveToStream(f->doc) != HPDF_OK || f->err) {
        msg_error("%s: cannot make the PDF (libharu error 0x%04X, detail %u)", path,
                  (unsigned)f->err, (unsigned)f->err_detail);
        return EXIT_INTERNAL;
    }
    /* libharu's PDF 1.3 file, then written as PDF 1.5 with its small
     * objects in an object stream (pdf_objstm.h): ~4.4 KB less a release. */
    strbuf saved = {0};
    sb_grow(&saved, hpdfx_doc_saved_size(f->doc) + 1); /* one piece, no doubling */
    if (!hpdfx_doc_saved(f->doc, put_buf, &saved)) {
        sb_free(&saved);
        msg_error("%s: cannot read the PDF back from libharu", path);
        return EXIT_INTERNAL;
    }
    file_put fp = {fopen(path, "wb"), 0};
    if (!fp.f) {
        sb_free(&saved);
        msg_error("cannot write %s: %s", path, strerror(errno));
        return EXIT_OUTPUT;
    }
    bool packed = pdf_objstm(saved.s, saved.len, put_file, &fp);
    sb_free(&saved);
    if (fclose(fp.f) != 0 && !fp.err)
        fp.err = errno ? errno : EIO;
    if (fp.err) {
        msg_error("cannot write %s: %s", path, strerror(fp.err));
        return EXIT_OUTPUT;
    }
    if (!packed) {
        msg_error("%s: internal: libharu's PDF is not in the form pdf_objstm.c rewrites", path);
        return EXIT_INTERNAL;
    }
    return EXIT_OK;
}
