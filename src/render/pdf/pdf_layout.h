/* pdf_layout.h — a release document (release_doc.h) → an A4 보도자료 PDF:
 * the interface of the PDF modules for render_pdf.c (font functions in
 * pdf_fonts.c, pdf_write() in pdf_layout.c). A run uses it in four steps,
 * so that the costly part of libharu (HPDF_GetFont with "UTF-8" builds a
 * 65,536-entry table per face per document) is paid once per run:
 *
 *   pdf_fonts_open()     the four faces (serif, serif bold, sans, sans bold);
 *   pdf_text_prepare()   per document: clean the markup to BMP UTF-8, replace
 *                        code points the faces lack, remember the ones used;
 *   pdf_fonts_ready()    subset every face to the run's code points, load a
 *                        shell of each subset into one prepared libharu
 *                        document, measure every code point's width;
 *   pdf_write()          lay out one document (the blocks rdoc_parse() read
 *                        from prepared markup) on the prepared handle, give it
 *                        its own font subsets (the glyphs it shows), and save
 *                        it. This spends the handle; pdf_fonts_renew() makes
 *                        the next from the kept shells, so each of the
 *                        renderer's worker processes (forked once, inheriting
 *                        the prepared state) writes many documents.
 *
 * Output depends only on the markup, the info, the faces and the set of code
 * points given to pdf_text_prepare() — never on time, process or order. */
#ifndef SMR_PDF_LAYOUT_H
#define SMR_PDF_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "../release/release_doc.h"
#include "diag.h"
#include "strbuf.h"

/* PDF_FALLBACK: a face with broad CJK coverage (Hanja) that draws the
 * characters the other faces lack; optional (no path, or none needed). */
enum { PDF_SERIF = 0, PDF_SERIF_BOLD, PDF_SANS, PDF_SANS_BOLD, PDF_FALLBACK, PDF_NFACES };

typedef struct pdf_fonts pdf_fonts;

/* Opens the faces at paths[PDF_SERIF..PDF_SANS_BOLD]. On failure prints one
 * message naming the file and the Debian package (fonts-nanum) and returns
 * EXIT_TEMPLATE with *out = NULL; else EXIT_OK. Free with pdf_fonts_free(). */
int pdf_fonts_open(pdf_fonts **out, const char *const paths[PDF_NFACES]);

/* Appends to out the markup s[0..len) cleaned to valid BMP UTF-8 (utf8_clean),
 * tabs and no-break spaces made spaces, and every code point missing from a
 * face replaced by a close one that all faces have (▪ → ■, ▫ → □, ∙ → ·,
 * ► ▸ → ▶ ...). A code point with no such replacement becomes '?' and is
 * reported once per run as a warning in d against `file` (not owned; must
 * outlive d). Records the code points of the result for pdf_fonts_ready(). */
void pdf_text_prepare(pdf_fonts *f, const char *s, size_t len, strbuf *out, diag_list *d,
                      const char *file);

/* Subsets each face to the recorded code points (plus the layout's own
 * characters) and loads their shells into a fresh libharu document, all in
 * memory (no file is written). Returns EXIT_OK, or an exit code after
 * printing a message. */
int pdf_fonts_ready(pdf_fonts *f);

/* After pdf_write() spent the prepared document: prepares the next one the
 * same way pdf_fonts_ready() did (the shells loaded again, nothing subset
 * again), so the next document's bytes are those it would have had first.
 * A no-op on a fresh handle. EXIT_OK, or an exit code after a message. */
int pdf_fonts_renew(pdf_fonts *f);

/* Every string here must have been through pdf_text_prepare() too, so that
 * its characters are in the font subsets. */
typedef struct pdf_info {
    const char *ministry;    /* header box and /Author; NULL = "" */
    const char *embargo;     /* 보도시점; overridden by @header */
    const char *distributed; /* 배포; overridden by @header */
    const char *subject;     /* /Subject; NULL = none */
    time_t created;          /* /CreationDate */
} pdf_info;

/* Lays out the document (parsed from prepared markup) and saves it to path. Spends the
 * prepared document: a second call on the same pdf_fonts fails with
 * EXIT_INTERNAL until pdf_fonts_renew() (or pdf_fonts_ready()) is called. Returns EXIT_OK,
 * or EXIT_OUTPUT / EXIT_INTERNAL after printing a message naming path. */
int pdf_write(pdf_fonts *f, const rdoc *doc, const pdf_info *info, const char *path);
/* Only the layout of pdf_write, on the prepared document it spends: the
 * code points each face draws (pdf_fonts_share_note reads them); nothing is
 * embedded or saved. name is for messages. */
int pdf_lay_out_only(pdf_fonts *f, const rdoc *doc, const pdf_info *info, const char *name);

void pdf_fonts_free(pdf_fonts *f); /* NULL-safe */

/* ---- helpers exposed for unit tests ---- */
/* The replacement pdf_text_prepare() uses for a code point the faces lack,
 * or 0 if there is none (the caller then reports it). */
uint32_t pdf_glyph_substitute(uint32_t cp);

/* Would pdf_text_prepare() print cp as '?' (no face, no fallback face and no
 * substitute draws it)? If so and mark, cp is also recorded as reported, so
 * that pdf_text_prepare() does not report it again (with a template's name). */
bool pdf_cp_missing(pdf_fonts *f, uint32_t cp, bool mark);

/* The room a table is split into (pdf_table_split), in points. */
typedef struct pdf_table_room {
    double head;  /* the header row, repeated atop every part */
    double tail;  /* what must follow the last row on its page (the notes
                     under the table), 0 for nothing */
    double lead;  /* what stands above the table's first part only (its
                     caption and unit note) */
    double first; /* left for the table's first part on the current page,
                     lead taken off */
    double page;  /* a whole page */
} pdf_table_room;

/* Splits table rows of heights h[0..n) into page segments, each starting
 * with the header. The first segment has room->first points, or
 * room->page - room->lead when it starts a page; every later one
 * room->page. A segment holds at least one row even if it is taller than a
 * page. If the header and the first three rows (all rows of a table of
 * fewer than six, and the tail) do not fit in room->first but do fit a
 * fresh page, or not even the first row fits, *skip_first is set and the
 * table starts on the next page (a header never ends a page with fewer
 * than three rows under it). The last row starts a new segment when the
 * tail does not fit after it, and a last segment of one or two rows takes
 * rows from the segment before while that keeps three (no last page with
 * two rows). Writes the first row of each segment to seg_start (room for n
 * entries) and returns the number of segments (0 when n == 0). */
size_t pdf_table_split(const double *h, size_t n, const pdf_table_room *room, size_t *seg_start,
                       bool *skip_first);

#endif
