/* xlsx_cells.h — the cell-level toolkit of the XLSX renderer, private to
 * src/render/xlsx/ (render_xlsx.c, the sheet writers of xlsx_sheets.h, and
 * xlsx_cells.c, this toolkit); nothing else includes it, so <xlsxwriter.h>
 * stays inside that folder.
 *
 * An xw is one workbook being written (its formats, display unit, scratch
 * text); an xsheet is one worksheet with the fitted width of each column.
 * The xlsx_put_* functions write one cell: strings are cleaned (valid UTF-8,
 * XML-safe) and never interpreted as formulas, amounts are in won and shown
 * in the display unit, formulas carry their cached result; each records the
 * width the cell needs. Nothing here owns figures or strings passed in. */
#ifndef SMR_XLSX_CELLS_H
#define SMR_XLSX_CELLS_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include <xlsxwriter.h>

#include "aggregate.h"
#include "config.h"
#include "render.h"
#include "strbuf.h"

#define XLSX_MAX_DATA_ROWS 1048575u /* Excel's 1,048,576 rows less the header */
#define XLSX_CELL_MAX 32767u        /* bytes kept of one string cell */
#define XLSX_MIN_WIDTH 6
#define XLSX_MAX_WIDTH 60
#define XLSX_LINE_HEIGHT 16.5 /* points per line of 맑은 고딕 11 */

#define XLSX_MAX_BREAKS 8

/* ---- rows written directly (xlsx_fastcells.c) ----
 *
 * The rows of a constant-memory sheet written straight into its temporary
 * file, byte for byte as libxlsxwriter 1.1.4 writes them (cell reference,
 * style index, inline string, number, the sheet's dimensions), without the
 * library's per-cell objects: its worksheet_write_* allocates a cell and a
 * copy of the string, puts them in the row and frees them when the row is
 * written, and each cell is a write to the file of its own. Used for
 * the table rows of sheets that hold no formula (xsheet.direct: 지원내역,
 * 기업별), plain rows: no row format or height.
 * xrow_ready flushes the row the library holds and says whether the
 * library is that version (else: write through the library). The cells of
 * a row go in column order, the rows in increasing order. */
typedef struct xrow {
    lxw_worksheet *ws;
    lxw_row_t r;
    bool open;      /* the row's start tag is in b */
    char rdig[12];  /* r + 1 in decimal */
    uint8_t rlen;
    strbuf b;       /* the row's bytes, written out at xrow_end; kept for the next row */
} xrow;

bool xrow_ready(lxw_worksheet *ws);
/* A new row of ws in xr (zeroed before its first row). */
void xrow_start(xrow *xr, lxw_worksheet *ws, lxw_row_t r);
/* Frees xr's buffer after the sheet's last row. */
void xrow_free(xrow *xr);
/* As worksheet_write_string(ws, r, c, s, f): for NULL or "" a blank with f,
 * or nothing without a format. */
void xrow_str(xrow *xr, lxw_col_t c, const char *s, lxw_format *f);
/* As worksheet_write_blank(ws, r, c, f): nothing without a format. */
void xrow_blank(xrow *xr, lxw_col_t c, lxw_format *f);
/* As worksheet_write_number(ws, r, c, v, f). */
void xrow_num(xrow *xr, lxw_col_t c, double v, lxw_format *f);
void xrow_end(xrow *xr);

typedef struct xsheet {
    lxw_worksheet *ws;
    char name[64];
    double *width;   /* fitted width per column */
    uint16_t ncols;
    /* Printing (xlsx_page_setup, xlsx_page_break; decided at xlsx_sheet_close). */
    bool printed;
    uint16_t key_cols;                    /* repeated left of every column block */
    lxw_row_t hbreaks[XLSX_MAX_BREAKS + 1]; /* page breaks before these rows, 0-terminated */
    uint16_t nhbreaks;
    lxw_row_t title_first, title_last; /* the rows printed atop every page */
    /* The title rows head only the block before the first page break (기간별:
     * the project × quarter table, before the quarter totals and their
     * chart): they are repeated only when that block runs over a page. */
    bool titles_first_block;
    /* The header row of the block after the first page break (기간별: 분기별
     * 합계's 분기 | 지원금액) and the row after that block, or 0: with
     * titles_first_block, the row repeated atop the pages when the first
     * block needs no title rows and the second runs over a page. */
    lxw_row_t second_title, second_end;
    /* Data rows written directly (xrow) where the library allows it: set by
     * a sheet whose table rows hold no formula (xlsx_table_row then writes
     * each row through `row`; total rows always go through the library). */
    bool direct;
    xrow row;
    xrow *xr; /* &row while a row is being written directly, else NULL */
} xsheet;

typedef struct xw {
    const render_ctx *ctx;
    const config *cfg;
    const dataset *ds;
    const figures *fig;
    lxw_workbook *wb;
    double money_div; /* won per display unit: summary cells hold won / money_div */
    const char *unit_note;  /* "(단위: 백만원)" */
    char unit_note_buf[48];
    const char *shown;      /* the workbook's final path, for messages */
    bool failed;            /* a sheet could not be created (reported) */
    int jobs_held;          /* jobs beyond its own this process was handed (render_job_wait) */
    void **tmpbufs;         /* stdio buffers of sheets' temporary files: freed after workbook_close */
    size_t ntmpbufs;

    lxw_format *title, *note, *hdr, *hdr_mark, *label;
    lxw_format *text, *id, *count, *money, *pct, *date, *datetime, *phase, *wrap;
    lxw_format *t_text, *t_count, *t_money, *t_pct;
    lxw_format *d_money, *d_date; /* detail rows: no borders (see write_details) */
    strbuf clean;           /* scratch for cleaned strings */
    char period_text[96];   /* "2025년 3분기", "전체 기간", ... (report model), else the label */
} xw;

/* Makes s safe for a cell: invalid bytes become '?', control characters that
 * XML 1.0 cannot carry (C0 other than tab and newline, U+FFFE, U+FFFF) are
 * dropped, and the text is cut at XLSX_CELL_MAX bytes on a character
 * boundary. Returns s itself when nothing needed changing (the common case),
 * else a string in `scratch`. *width receives the display width of the
 * longest line. Never NULL. (utf8.h's utf8_clean always copies and also
 * replaces characters outside the BMP, which a workbook can hold; this is
 * the zero-copy check a million detail rows need.) */
const char *xlsx_clean(strbuf *scratch, const char *s, int *width);

/* Width of an integer written with thousands separators. */
int xlsx_num_width(double v);

/* Excel serial day number (1900 date system) of a yyyymmdd date. */
double xlsx_serial_date(int32_t ymd);

/* Excel serial date-time of a Unix time at offset_seconds from UTC ([report]
 * timezone; never the process's TZ). */
double xlsx_serial_time(time_t t, int32_t offset_seconds);

bool xlsx_sheet_open(xw *x, xsheet *sh, const char *name, uint16_t ncols);

/* Gives the sheet's constant-memory temporary file a large stdio buffer
 * (fewer, larger write and read system calls for a sheet of a million rows);
 * call right after xlsx_sheet_open, before any row is written. The buffer
 * lives until xlsx_free_tmpbufs, after workbook_close. */
void xlsx_sheet_big_buffer(xw *x, xsheet *sh);
void xlsx_free_tmpbufs(xw *x);

/* CPU time (user + system, ms) of the calling thread or of the whole
 * process, for the -v timings: on a shared machine the wall time of a
 * phase says little, the busiest thread's CPU time what it would take idle. */
double xlsx_cpu_ms(bool this_thread);

/* Sets the fitted widths, decides the print scale (xlsx_page_setup) and frees
 * the sheet's bookkeeping. */
void xlsx_sheet_close(xsheet *sh);

/* One cell as worksheet_write_string/_number/_blank would write it, through
 * the row being written directly when there is one (sh->xr). */
void xlsx_cell_str(xsheet *sh, lxw_row_t r, lxw_col_t c, const char *s, lxw_format *f);
void xlsx_cell_num(xsheet *sh, lxw_row_t r, lxw_col_t c, double v, lxw_format *f);
void xlsx_cell_blank(xsheet *sh, lxw_row_t r, lxw_col_t c, lxw_format *f);

/* A string cell. NULL or "" writes a blank with the format (keeps borders).
 * Strings are never interpreted: "=1+2" stays text. fitw: count its width. */
void xlsx_put_str_w(xw *x, xsheet *sh, lxw_row_t r, lxw_col_t c, const char *s, lxw_format *f,
                      bool fitw);

void xlsx_put_str(xw *x, xsheet *sh, lxw_row_t r, lxw_col_t c, const char *s, lxw_format *f);

void xlsx_put_num(xsheet *sh, lxw_row_t r, lxw_col_t c, double v, lxw_format *f);

/* A real date; blank for 0 (no data). */
void xlsx_put_date(xsheet *sh, lxw_row_t r, lxw_col_t c, int32_t ymd, lxw_format *f);

/* Money in won, shown in the display unit. */
double xlsx_money_value(const xw *x, won_t v);

double xlsx_money_display(const xw *x, won_t v);

void xlsx_put_money(xw *x, xsheet *sh, lxw_row_t r, lxw_col_t c, won_t v, lxw_format *f);

/* A formula with its cached result; disp_width is the shown value's width. */
void xlsx_put_formula(xsheet *sh, lxw_row_t r, lxw_col_t c, const char *formula, lxw_format *f,
                        double cached, double disp_width);

/* =SUM(col first..last) with a cached result. */
void xlsx_put_sum(xsheet *sh, lxw_row_t r, lxw_col_t c, lxw_row_t first, lxw_row_t last,
                    lxw_format *f, double cached, double disp);

/* A ratio num/den of two cells, cached `rate`; blank when rate is RATE_NONE. */
void xlsx_put_ratio(xsheet *sh, lxw_row_t r, lxw_col_t c, const char *num_cell,
                      const char *den_cell, double rate, lxw_format *f);

/* Title in A1 and the unit note at the right of the table. */
void xlsx_put_title(xw *x, xsheet *sh, const char *title, lxw_col_t note_col, bool with_unit);

/* The autofilter over header row hdr and the data rows up to last. In
 * constant_memory mode libxlsxwriter refuses a range that starts above the
 * row being written, so this is called right after the header row. */
void xlsx_autofilter(xsheet *sh, lxw_row_t hdr, lxw_row_t last, lxw_col_t last_col);

/* A4 landscape, header rows repeated, page numbers. key_cols columns are
 * repeated left of every block when the sheet is printed in column blocks.
 * The scale is decided when the sheet is closed, from the fitted widths:
 * one page wide when that prints at XLSX_PRINT_MIN_SCALE % or more, else at
 * that scale in blocks of whole columns (see xlsx_cells.c). */
#define XLSX_PRINT_MIN_SCALE 65
void xlsx_page_setup(xw *x, xsheet *sh, lxw_row_t hdr_first, lxw_row_t hdr_last, bool with_unit,
                     uint16_t key_cols);

/* Sets the height of row r (before its first cell) for `text` wrapped in a
 * column `width` units wide. Text that would run past its column makes the
 * printed sheet as wide as the text. */
void xlsx_wrap_row(xsheet *sh, lxw_row_t r, const char *text, double width);

/* A page break before row r (between two blocks of a sheet). */
void xlsx_page_break(xsheet *sh, lxw_row_t r);

lxw_format *xlsx_fmt(xw *x, const char *num, bool bold, bool border, lxw_color_t fill);

/* Amounts: summary sheets hold the amount in the display unit, detail rows
 * in whole won; both shown with thousands separators. */
#define XLSX_MONEY_FORMAT "#,##0"
#define XLSX_WON_FORMAT "#,##0"

/* A horizontal bar chart of one series at (row, col): categories top to
 * bottom from the cells (first..last, cat_col) of sheet sh, values from
 * (first..last, val_col) shown as `num_format` on a value axis from zero;
 * every category label drawn; each range's cache filled from labels[] and
 * values[] (equal to the cells), so viewers that never recalculate draw it. */
typedef struct xchart {
    const char *title, *series;
    lxw_row_t first, last;
    lxw_col_t cat_col, val_col;
    const char *const *labels;
    const double *values;
    const char *num_format;
} xchart;

void xlsx_bar_chart(xw *x, xsheet *sh, const xchart *c, lxw_row_t row, lxw_col_t col);

/* Rows a bar chart of n categories covers (for what follows it). */
lxw_row_t xlsx_bar_chart_rows(uint32_t n);

void xlsx_make_formats(xw *x);

/* Around workbook_close: its zip members are deflated in 1 MiB blocks by up
 * to `threads` threads (xlsx_zip.c); the bytes do not depend on threads. */
void xlsx_zip_begin(int threads);
void xlsx_zip_end(void);

/* libxlsxwriter's temporary files are in memory up to a budget, then in its
 * tmpdir (xlsx_tmpfile.c). reset before a workbook ([limits] xlsx_memory); error after
 * workbook_close: the errno of the first failed write, read or spill, or 0
 * (the library ignores such failures). */
void xlsx_tmpfile_reset(int64_t budget);
int xlsx_tmpfile_error(void);
/* Closes the temporary files the library left open (after workbook_close,
 * which frees the workbook whether it succeeds or not). */
void xlsx_tmpfile_close_all(void);

/* ---- tables: a sheet's columns as data ----
 *
 * A table is an array of xcol, one per column, in the order of the sheet:
 * its header, the width it needs at least, the format of its data cells and
 * a function that writes one data cell from the row's item, and the same for
 * the total row. Column positions are the array's indices (each sheet names
 * them with an enum); rows are written through a cursor, so no position or
 * row count is typed twice. */

/* A column's format by name; resolved by xlsx_format against the workbook. */
typedef enum {
    XF_NONE, /* no format (plain cells of the detail rows) */
    XF_TEXT, XF_ID, XF_COUNT, XF_MONEY, XF_PCT, XF_DATE, XF_DATETIME, XF_LABEL, XF_PHASE,
    XF_WRAP, /* text wrapped in its column (the row's height: xlsx_wrap_row) */
    XF_T_TEXT, XF_T_COUNT, XF_T_MONEY, XF_T_PCT,
    XF_D_MONEY, XF_D_DATE,
    XF_HDR, XF_HDR_MARK
} xfmt;

lxw_format *xlsx_format(const xw *x, xfmt f);

/* Where the next cell goes: the row, the column and its format, and the
 * sheet's own state for the cell functions (row ranges, sums). */
typedef struct xcur {
    xw *x;
    xsheet *sh;
    lxw_row_t r;
    lxw_col_t c;
    lxw_format *f;
    const void *state;
} xcur;

struct xcol;
/* Writes the cell at (cur->r, cur->c) in cur->f for one row's item. */
typedef void (*xcell_fn)(xcur *cur, const struct xcol *col, const void *item);

typedef struct xcol {
    const char *header;
    double width;   /* at least this many characters (0: fitted to the content only) */
    xfmt fmt;       /* data cells */
    xcell_fn value; /* NULL: a blank in fmt */
    xfmt tfmt;      /* the total row's cell */
    xcell_fn total; /* NULL: a blank in tfmt */
    xfmt hfmt;      /* the header cell (XF_NONE: XF_HDR) */
    uint32_t arg;   /* which instrument, quarter, … for a repeated column */
} xcol;

/* The header row at cur->r (and the columns' least widths); advances the row. */
void xlsx_table_header(xcur *cur, const xcol *cols, uint16_t n);

/* A table sheet's top: the title in A1 (and the unit note above the last
 * column when with_unit; no title row when title is NULL), the header row,
 * and the autofilter over it and nrows data rows. Leaves cur->r at the first
 * data row; returns the header row. */
lxw_row_t xlsx_table_top(xcur *cur, const char *title, bool with_unit, const xcol *cols, uint16_t n,
                         uint32_t nrows);

/* A table sheet's end: the rows down to the header and freeze_cols columns
 * frozen, printed with the header row (and key_cols columns in column
 * blocks) repeated, the widths set; closes the sheet. */
void xlsx_table_end(xw *x, xsheet *sh, lxw_row_t hdr, uint16_t freeze_cols, uint16_t key_cols, bool with_unit);

/* One data row of item at cur->r; advances the row. */
void xlsx_table_row(xcur *cur, const xcol *cols, uint16_t n, const void *item);

/* The total row at cur->r; advances the row. */
void xlsx_table_total(xcur *cur, const xcol *cols, uint16_t n, const void *item);

/* A block title at (cur->r, 0), the unit note above the block's last column
 * when with_unit; advances the row. */
void xlsx_block_title(xcur *cur, const char *title, uint16_t ncols, bool with_unit);

/* Cells at the cursor, in its format. */
void xcur_str(xcur *cur, const char *s);
void xcur_num(xcur *cur, double v);
void xcur_money(xcur *cur, won_t v);
void xcur_date(xcur *cur, int32_t ymd);
void xcur_blank(xcur *cur);
/* =SUM over this column's rows first..last; the cached value in won for money. */
void xcur_sum(xcur *cur, lxw_row_t first, lxw_row_t last, double cached);
void xcur_money_sum(xcur *cur, lxw_row_t first, lxw_row_t last, won_t total);
/* The cell (num_row, num_col) over (den_row, den_col), the denominator's row
 * absolute when den_abs; cached rate, blank for RATE_NONE. */
void xcur_ratio(xcur *cur, lxw_row_t num_row, lxw_col_t num_col, lxw_row_t den_row, lxw_col_t den_col,
                bool den_abs, double rate);

/* Records that column col needs width w (in characters). */
static inline void xlsx_fit(xsheet *sh, lxw_col_t col, double w)
{
    if (col < sh->ncols && w > sh->width[col])
        sh->width[col] = w;
}

#endif
