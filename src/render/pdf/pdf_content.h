/* pdf_content.h — the content-stream writer of a release's pages.
 *
 * The layout (pdf_layout.c) says what goes where; this module writes the
 * PDF operators for it into the current page's content stream: text in a
 * face at a size and position, rectangles (framed, filled or both), a
 * table row's cell frames as one path, lines and colour bars. It keeps the
 * graphics state the page has set, so that an operator is written only
 * when its value changes, and records which code points each face shows
 * (pdf_face.drawn, for the document's font subsets). Coordinates are PDF
 * points from the bottom left; y_top arguments are the top edge. */
#ifndef SMR_PDF_CONTENT_H
#define SMR_PDF_CONTENT_H

#include <stdbool.h>
#include <stddef.h>
#include "pdf_fonts.h"

typedef struct pdf_content {
    HPDF_Page page;   /* the page being written, NULL before the first */
    HPDF_STATUS *err; /* where the first libharu error goes (pdf_fonts.err) */
    char ops[1024];   /* operators being assembled */
    size_t nops;
    /* Graphics state the page's content has set: font and size (text state
     * lasts across BT/ET), line width (< 0: unknown), gray fill (< 0:
     * unknown). */
    const pdf_face *st_font;
    double st_size, st_lw, st_gray;
    bool in_text;     /* inside BT .. ET; tx, ty: its line start in 1/100 pt */
    long long tx, ty;
} pdf_content;

/* Ends the current page's content (if any): its operators are written out. */
void pdfc_end_page(pdf_content *c);
/* Starts writing on page (a new page of the document: default state). */
void pdfc_begin_page(pdf_content *c, HPDF_Page page);

/* s[0..n) in font at size, its baseline starting at (x, y); black. */
void pdfc_text(pdf_content *c, const pdf_face *font, double size, double x, double y,
               const char *s, size_t n);
/* The same with space_extra more after each space s[i] with stretch[i] set
 * (a justified line: written as one TJ array; 0 or NULL: as pdfc_text). */
void pdfc_text_spaced(pdf_content *c, const pdf_face *font, double size, double x, double y,
                      const char *s, size_t n, double space_extra, const unsigned char *stretch);

/* A rectangle w × h below y_top: framed with line_w (none if 0 with a fill)
 * and filled with gray_fill (< 0: not filled). */
void pdfc_rect(pdf_content *c, double x, double y_top, double w, double h, double gray_fill,
               double line_w);

/* A row of n cells of widths w[0..n) from x, h high below y_top, as one
 * path: framed with line_w and, when fill >= 0, filled with that gray. */
void pdfc_cell_frames(pdf_content *c, double x, double y_top, const double *w, size_t n,
                      double h, double fill, double line_w);

/* A line from (x0, y0) to (x1, y1) of width w (drawn by libharu). */
void pdfc_line(pdf_content *c, double x0, double y0, double x1, double y1, double w);

/* A rectangle filled with the colour rgb, its bottom left at (x, y) (drawn
 * by libharu; the fill is black again afterwards). */
void pdfc_bar(pdf_content *c, const float rgb[3], double x, double y, double w, double h);

#endif
