/* xlsx_cells.c — writing cells, formats and page setup for the XLSX
 * renderer (see xlsx_cells.h); the zip's deflate is in xlsx_zip.c.
 *
 * Text: a cell string is checked once (invalid bytes become '?', characters
 * XML cannot carry are dropped, 32,767 bytes at most) without copying in the
 * common case, and its display width is measured on the way (a Hangul
 * character is two columns) so that columns fit their content.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "common.h"
#include "date.h"
#include "diag.h"
#include "utf8.h"
#include "xlsx_cells.h"

/* The workbook's font (Korean Excel's default). libxlsxwriter 1.1.4 has no
 * call for the default font: the Normal style is the workbook's first format
 * (created by workbook_new, Calibri 11), which the library keeps in its
 * public list wb->formats; xlsx_make_formats sets the font on it and every
 * format here sets it too (a format without a font name would be Calibri). */
#define XLSX_FONT "맑은 고딕"
#define XLSX_FONT_CHARSET 129 /* HANGUL_CHARSET, as Excel writes it for 맑은 고딕 */

/* ---- text ---- */

/* Makes s safe for a cell: invalid bytes become '?', control characters that
 * XML 1.0 cannot carry (C0 other than tab and newline, U+FFFE, U+FFFF) are
 * dropped, and the text is cut at XLSX_CELL_MAX bytes on a character
 * boundary. Returns s itself when nothing needed changing (the common case),
 * else a string in `scratch`. *width receives the display width of the
 * longest line. Never NULL. (utf8.h's utf8_clean always copies and also
 * replaces characters outside the BMP, which a workbook can hold; this is
 * the zero-copy check a million detail rows need.) */
const char *xlsx_clean(strbuf *scratch, const char *s, int *width)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s);
    bool copy = false;
    int w = 0, line = 0;
    size_t i = 0;
    sb_reset(scratch);
    while (i < len) {
        uint32_t cp;
        size_t n = p[i] >= 0x20 && p[i] < 0x80 ? (cp = p[i], 1) : utf8_decode(s + i, len - i, &cp);
        bool bad = n == 0;
        bool drop = !bad && ((cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0xFFFE || cp == 0xFFFF);
        if (bad || drop || i + (bad ? 1 : n) > XLSX_CELL_MAX) {
            if (!copy) {
                sb_addn(scratch, s, i);
                copy = true;
            }
            if (!bad && !drop)
                break; /* too long: stop before this character */
            if (bad) {
                sb_addc(scratch, '?');
                line++;
            }
            i += bad ? 1 : n;
            continue;
        }
        if (copy)
            sb_addn(scratch, s + i, n);
        if (cp == '\n') {
            if (line > w)
                w = line;
            line = 0;
        } else { /* cp_width, with its two commonest answers first: Latin and Hangul syllables */
            line += cp < 0x300 ? 1 : cp >= 0xAC00 && cp <= 0xD7A3 ? 2 : cp_width(cp);
        }
        i += n;
    }
    if (line > w)
        w = line;
    if (width)
        *width = w;
    return copy ? sb_str(scratch) : s;
}

/* Width of an integer written with thousands separators. */
int xlsx_num_width(double v)
{
    double a = nearbyint(fabs(v)); /* as "%.0f" rounds: to nearest, ties to even */
    int n;
    if (a < 1e19) { /* the digits of an integer, without printf (a call per number cell) */
        n = 1;
        for (uint64_t u = (uint64_t)a; u >= 10; u /= 10)
            n++;
    } else {
        char buf[400];
        n = snprintf(buf, sizeof buf, "%.0f", fabs(v));
    }
    return n + (n - 1) / 3 + (v < 0);
}

/* ---- dates ---- */

/* Excel serial day number (1900 date system) of a yyyymmdd date. */
double xlsx_serial_date(int32_t ymd)
{
    return (double)(date_days(ymd) + 25569);
}

double xlsx_serial_time(time_t t, int32_t offset_seconds)
{
    int32_t secs;
    int32_t ymd = tz_date((int64_t)t, offset_seconds, &secs);
    return xlsx_serial_date(ymd) + secs / 86400.0;
}

/* ---- sheets and cells ---- */

bool xlsx_sheet_open(xw *x, xsheet *sh, const char *name, uint16_t ncols)
{
    memset(sh, 0, sizeof *sh);
    snprintf(sh->name, sizeof sh->name, "%s", name);
    sh->ncols = ncols;
    sh->width = xcalloc(ncols ? ncols : 1, sizeof *sh->width);
    sh->ws = workbook_add_worksheet(x->wb, name);
    if (!sh->ws) {
        if (!x->failed)
            msg_error("cannot write %s: cannot create worksheet %s (temporary file in %s: %s)", x->shown,
                      name, x->ctx->dir, errno ? strerror(errno) : "unknown error");
        x->failed = true;
        return false;
    }
    return true;
}

double xlsx_cpu_ms(bool this_thread)
{
    struct rusage ru;
    if (getrusage(this_thread ? RUSAGE_THREAD : RUSAGE_SELF, &ru) != 0)
        return 0;
    return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

#define XLSX_TMPFILE_BUFFER (1u << 20)

void xlsx_sheet_big_buffer(xw *x, xsheet *sh)
{
    FILE *f = sh->ws ? sh->ws->optimize_tmpfile : NULL;
    if (!f)
        return;
    char *buf = xmalloc(XLSX_TMPFILE_BUFFER);
    if (setvbuf(f, buf, _IOFBF, XLSX_TMPFILE_BUFFER) != 0) {
        free(buf);
        return;
    }
    x->tmpbufs = xrealloc(x->tmpbufs, (x->ntmpbufs + 1) * sizeof *x->tmpbufs);
    x->tmpbufs[x->ntmpbufs++] = buf;
}

void xlsx_free_tmpbufs(xw *x)
{
    for (size_t i = 0; i < x->ntmpbufs; i++)
        free(x->tmpbufs[i]);
    free(x->tmpbufs);
    x->tmpbufs = NULL;
    x->ntmpbufs = 0;
}

/* Printing. An A4 landscape page with 0.5" side margins has 271.6 mm for
 * the columns. LibreOffice lays a width unit out as 2.47 mm (measured through
 * UNO on this workbook: it measures the font it substitutes for 맑은 고딕),
 * so 110 units fit across at 100 %; Excel, with 맑은 고딕's narrower digits,
 * fits more. XLSX_PRINT_CHARS keeps 2 % in hand. A width w set here is
 * stored as about w + XLSX_COL_PAD (libxlsxwriter adds the cell padding).
 * A sheet no wider than XLSX_PRINT_CHARS * 100 / XLSX_PRINT_MIN_SCALE is
 * fitted one page wide (the viewer picks the scale, at least the minimum);
 * a sheet with page breaks between blocks gets its scale set explicitly (a
 * fit-to-width setting would override the breaks); a wider sheet prints at
 * XLSX_PRINT_MIN_SCALE in blocks of whole columns, its key columns repeated. */
#define XLSX_PRINT_CHARS 108.0
#define XLSX_COL_PAD 0.72
#define XLSX_PRINT_MARGIN_SIDE 0.5
#define XLSX_PRINT_MARGIN_TOP 0.75
#define XLSX_PAPER_SHORT 8.27 /* A4's short side in inches: a landscape page's height */
/* The header and footer 0.4" from the paper's edge, not Excel's 0.3".
 * LibreOffice 7.4 takes the space between them and the body (0.45" at
 * 0.3") as the header's height when it counts a sheet's pages, but prints
 * the body taller: a long sheet (1,346 detail rows: 41 printed a page, 40
 * counted) then ends in a blank page with no header or footer. From 0.4"
 * to 0.55" the count and the print agree (measured over a page's worth of
 * row counts; tests/e2e/xlsx_lo_long_detail). */
#define XLSX_PRINT_MARGIN_HF 0.4

static double print_budget(void)
{
    return XLSX_PRINT_CHARS * 100.0 / XLSX_PRINT_MIN_SCALE;
}

/* Whether `rows` rows fit on one page printed at `scale` % (fitted sheets:
 * at most 100), every row counted as a line of text. */
static bool rows_fit(double rows, double scale)
{
    double body = (XLSX_PAPER_SHORT - 2 * XLSX_PRINT_MARGIN_TOP) * 72.0 * 100.0 / scale;
    return rows * XLSX_LINE_HEIGHT <= body;
}

/* The rows repeated atop the pages. A sheet whose title rows head only its
 * first block (titles_first_block) repeats them when that block runs over
 * a page (the title rows counted twice: a wrapped header); when it does not,
 * the second block's header row is repeated instead if that block runs over
 * a page, and else none. LibreOffice prints a repeated row only on the pages
 * after the one it stands on. */
static void print_titles(xsheet *sh, double scale)
{
    if (sh->titles_first_block && sh->nhbreaks && sh->hbreaks[0] > sh->title_last &&
        rows_fit((double)sh->hbreaks[0] + (double)(sh->title_last + 1), scale)) {
        lxw_row_t second = sh->second_title;
        if (second > sh->hbreaks[0] && sh->second_end > second &&
            !rows_fit((double)(sh->second_end - sh->hbreaks[0]) + 1.0, scale))
            worksheet_repeat_rows(sh->ws, second, second);
        return;
    }
    worksheet_repeat_rows(sh->ws, sh->title_first, sh->title_last);
}

static void print_decide(xsheet *sh)
{
    double total = 0;
    for (uint16_t c = 0; c < sh->ncols; c++)
        total += sh->width[c] + XLSX_COL_PAD;
    if (total <= print_budget()) {
        if (sh->nhbreaks) {
            double scale = floor(100.0 * XLSX_PRINT_CHARS / total);
            if (scale > 100)
                scale = 100;
            worksheet_set_print_scale(sh->ws, (uint16_t)scale);
            worksheet_set_h_pagebreaks(sh->ws, sh->hbreaks);
            print_titles(sh, scale);
        } else {
            worksheet_fit_to_pages(sh->ws, 1, 0);
            print_titles(sh, 100);
        }
        return;
    }
    /* Column blocks: the key columns, then as many columns as fit. */
    worksheet_set_print_scale(sh->ws, XLSX_PRINT_MIN_SCALE);
    print_titles(sh, XLSX_PRINT_MIN_SCALE);
    if (sh->nhbreaks)
        worksheet_set_h_pagebreaks(sh->ws, sh->hbreaks);
    double keys = 0;
    for (uint16_t c = 0; c < sh->key_cols && c < sh->ncols; c++)
        keys += sh->width[c] + XLSX_COL_PAD;
    if (sh->key_cols)
        worksheet_repeat_columns(sh->ws, 0, (lxw_col_t)(sh->key_cols - 1));
    lxw_col_t breaks[64 + 1];
    size_t nb = 0;
    double used = keys;
    for (uint16_t c = sh->key_cols; c < sh->ncols && nb < 64; c++) {
        double w = sh->width[c] + XLSX_COL_PAD;
        if (used + w > print_budget() && used > keys) {
            breaks[nb++] = c;
            used = keys;
        }
        used += w;
    }
    breaks[nb] = 0;
    if (nb)
        worksheet_set_v_pagebreaks(sh->ws, breaks);
}

/* Sets the fitted widths, decides the print scale and frees the sheet's bookkeeping. */
void xlsx_sheet_close(xsheet *sh)
{
    if (sh->ws) {
        for (uint16_t c = 0; c < sh->ncols; c++) {
            double w = sh->width[c] * 1.1 + 2;
            if (w < XLSX_MIN_WIDTH)
                w = XLSX_MIN_WIDTH;
            if (w > XLSX_MAX_WIDTH)
                w = XLSX_MAX_WIDTH;
            sh->width[c] = w;
            worksheet_set_column(sh->ws, c, c, w, NULL);
        }
        if (sh->printed)
            print_decide(sh);
    }
    free(sh->width);
    xrow_free(&sh->row);
    sh->width = NULL;
}

void xlsx_wrap_row(xsheet *sh, lxw_row_t r, const char *text, double width)
{
    /* A width unit holds about 0.9 display columns of Hangul text (the 1.1
     * of xlsx_sheet_close); a line is counted at most that full. */
    double per_line = (width - 2) / 1.1;
    int lines = 0;
    for (const char *p = text ? text : ""; ; ) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        int w = utf8_width(p, len);
        lines += w <= per_line ? 1 : (int)ceil(w / per_line);
        if (!nl)
            break;
        p = nl + 1;
    }
    if (lines > 1)
        worksheet_set_row(sh->ws, r, XLSX_LINE_HEIGHT * lines, NULL);
}

void xlsx_page_break(xsheet *sh, lxw_row_t r)
{
    if (sh->nhbreaks < XLSX_MAX_BREAKS && r > 0) {
        sh->hbreaks[sh->nhbreaks++] = r;
        sh->hbreaks[sh->nhbreaks] = 0;
    }
}

/* Every cell through the library, none through xrow (the unit tests
 * compare the two workbooks byte for byte). */
STATIC bool xlsx_direct_off = false;

void xlsx_cell_str(xsheet *sh, lxw_row_t r, lxw_col_t c, const char *s, lxw_format *f)
{
    if (sh->xr)
        xrow_str(sh->xr, c, s, f);
    else
        worksheet_write_string(sh->ws, r, c, s, f);
}

void xlsx_cell_num(xsheet *sh, lxw_row_t r, lxw_col_t c, double v, lxw_format *f)
{
    if (sh->xr)
        xrow_num(sh->xr, c, v, f);
    else
        worksheet_write_number(sh->ws, r, c, v, f);
}

void xlsx_cell_blank(xsheet *sh, lxw_row_t r, lxw_col_t c, lxw_format *f)
{
    if (sh->xr)
        xrow_blank(sh->xr, c, f);
    else
        worksheet_write_blank(sh->ws, r, c, f);
}

/* A cell the library must write (a formula) is never in a direct row. */
static void not_direct(const xsheet *sh)
{
    if (sh->xr) {
        msg_error("internal: a formula cell in a row of %s written directly", sh->name);
        abort();
    }
}

/* A string cell. NULL or "" writes a blank with the format (keeps borders).
 * Strings are never interpreted: "=1+2" stays text. fitw: count its width. */
void xlsx_put_str_w(xw *x, xsheet *sh, lxw_row_t r, lxw_col_t c, const char *s, lxw_format *f,
                      bool fitw)
{
    if (!s || !*s) {
        xlsx_cell_blank(sh, r, c, f);
        return;
    }
    int w;
    const char *t = xlsx_clean(&x->clean, s, &w);
    xlsx_cell_str(sh, r, c, t, f);
    if (fitw)
        xlsx_fit(sh, c, w);
}

void xlsx_put_str(xw *x, xsheet *sh, lxw_row_t r, lxw_col_t c, const char *s, lxw_format *f)
{
    xlsx_put_str_w(x, sh, r, c, s, f, true);
}

void xlsx_put_num(xsheet *sh, lxw_row_t r, lxw_col_t c, double v, lxw_format *f)
{
    xlsx_cell_num(sh, r, c, v, f);
    xlsx_fit(sh, c, xlsx_num_width(v));
}

/* A real date; blank for 0 (no data). */
void xlsx_put_date(xsheet *sh, lxw_row_t r, lxw_col_t c, int32_t ymd, lxw_format *f)
{
    if (ymd <= 0)
        xlsx_cell_blank(sh, r, c, f);
    else
        xlsx_cell_num(sh, r, c, xlsx_serial_date(ymd), f);
    xlsx_fit(sh, c, 10);
}

/* Money in won, shown in the display unit. */
double xlsx_money_value(const xw *x, won_t v)
{
    return x->money_div == 1 ? (double)v : (double)v / x->money_div;
}

double xlsx_money_display(const xw *x, won_t v)
{
    return (double)v / (double)unit_divisor(x->cfg->unit);
}

void xlsx_put_money(xw *x, xsheet *sh, lxw_row_t r, lxw_col_t c, won_t v, lxw_format *f)
{
    if (v == WON_ABSENT) {
        xlsx_cell_blank(sh, r, c, f);
        return;
    }
    xlsx_cell_num(sh, r, c, xlsx_money_value(x, v), f);
    xlsx_fit(sh, c, xlsx_num_width(xlsx_money_display(x, v)));
}

/* A formula with its cached result; disp_width is the shown value's width. */
void xlsx_put_formula(xsheet *sh, lxw_row_t r, lxw_col_t c, const char *formula, lxw_format *f,
                        double cached, double disp_width)
{
    not_direct(sh);
    worksheet_write_formula_num(sh->ws, r, c, formula, f, cached);
    xlsx_fit(sh, c, disp_width);
}

/* =SUM(col first..last) with a cached result. */
void xlsx_put_sum(xsheet *sh, lxw_row_t r, lxw_col_t c, lxw_row_t first, lxw_row_t last,
                    lxw_format *f, double cached, double disp)
{
    char range[64], formula[80];
    if (last < first) { /* empty table: a plain zero keeps the total row honest */
        xlsx_cell_num(sh, r, c, 0, f);
        return;
    }
    lxw_rowcol_to_range(range, first, c, last, c);
    snprintf(formula, sizeof formula, "=SUM(%s)", range);
    xlsx_put_formula(sh, r, c, formula, f, cached, xlsx_num_width(disp));
}

/* A ratio num/den of two cells, cached `rate`; blank when rate is RATE_NONE. */
void xlsx_put_ratio(xsheet *sh, lxw_row_t r, lxw_col_t c, const char *num_cell,
                      const char *den_cell, double rate, lxw_format *f)
{
    if (rate == RATE_NONE || !isfinite(rate)) {
        xlsx_cell_blank(sh, r, c, f);
        return;
    }
    char formula[128];
    snprintf(formula, sizeof formula, "=%s/%s", num_cell, den_cell);
    xlsx_put_formula(sh, r, c, formula, f, rate, 6);
}

/* Title in A1 and the unit note at the right of the table. */
void xlsx_put_title(xw *x, xsheet *sh, const char *title, lxw_col_t note_col, bool with_unit)
{
    xlsx_put_str_w(x, sh, 0, 0, title, x->title, false);
    if (with_unit)
        xlsx_put_str_w(x, sh, 0, note_col, x->unit_note, x->note, false);
}

/* The autofilter over header row hdr and the data rows up to last. In
 * constant_memory mode libxlsxwriter refuses a range that starts above the
 * row being written, so this is called right after the header row. */
void xlsx_autofilter(xsheet *sh, lxw_row_t hdr, lxw_row_t last, lxw_col_t last_col)
{
    worksheet_autofilter(sh->ws, hdr, 0, last > hdr ? last : hdr, last_col);
}

/* A4 landscape, header rows repeated, page numbers; the scale is decided by
 * xlsx_sheet_close. */
void xlsx_page_setup(xw *x, xsheet *sh, lxw_row_t hdr_first, lxw_row_t hdr_last, bool with_unit,
                     uint16_t key_cols)
{
    lxw_worksheet *ws = sh->ws;
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_set_margins(ws, XLSX_PRINT_MARGIN_SIDE, XLSX_PRINT_MARGIN_SIDE, XLSX_PRINT_MARGIN_TOP,
                          XLSX_PRINT_MARGIN_TOP);
    sh->title_first = hdr_first;
    sh->title_last = hdr_last;
    char header[160];
    snprintf(header, sizeof header, "&L&A%s%s", with_unit ? "&R" : "", with_unit ? x->unit_note : "");
    lxw_header_footer_options hf = {.margin = XLSX_PRINT_MARGIN_HF};
    worksheet_set_header_opt(ws, header, &hf);
    worksheet_set_footer_opt(ws, "&C- &P / &N -", &hf);
    sh->printed = true;
    sh->key_cols = key_cols;
}

/* ---- charts ---- */

/* libxlsxwriter fills a chart's caches by reading the cells back, which it
 * cannot do in constant_memory mode (the rows are already on disk): it then
 * writes bare references, and categories as numRef even when they are text.
 * The cache lists are public (chart.h, lxw_series_range); filling them here,
 * with the figures the cells were written from, gives a strCache for text
 * categories and a numCache for values, and ignore_cache keeps the library
 * from touching them. The library frees each point and its string. */
static void range_cache(xw *x, lxw_series_range *range, const char *const *str, const double *num, uint16_t n)
{
    if (!range)
        return;
    if (!range->data_cache) {
        range->data_cache = xcalloc(1, sizeof *range->data_cache);
        STAILQ_INIT(range->data_cache);
    }
    range->ignore_cache = LXW_TRUE;
    range->has_string_cache = str != NULL;
    range->num_data_points = n;
    for (uint16_t i = 0; i < n; i++) {
        lxw_series_data_point *p = xcalloc(1, sizeof *p);
        if (str) {
            p->is_string = LXW_TRUE;
            p->string = xstrdup(xlsx_clean(&x->clean, str[i] ? str[i] : "", NULL));
        } else {
            p->number = num[i];
        }
        STAILQ_INSERT_TAIL(range->data_cache, p, list_pointers);
    }
}

#define CHART_WIDTH 640.0   /* pixels */
#define CHART_ROW_PX 24.0   /* per category */
#define CHART_FRAME_PX 96.0 /* title and value axis */
#define CHART_DEFAULT_W 480.0
#define CHART_DEFAULT_H 288.0
#define ROW_PX 22.0         /* a default row of 맑은 고딕 11 */
/* At most this tall: a chart taller than a printed page is cut in two by the
 * page break (13 years of quarters: 52 bars). 880 px is 40 rows, within a
 * page at the 60–65 % a wide sheet prints at; the bars of more than 32
 * categories get thinner instead (every label still drawn, 9 pt). */
#define CHART_MAX_PX 880.0

static double chart_height(uint32_t n)
{
    double h = CHART_FRAME_PX + CHART_ROW_PX * (n ? n : 1);
    return h < CHART_MAX_PX ? h : CHART_MAX_PX;
}

lxw_row_t xlsx_bar_chart_rows(uint32_t n)
{
    return (lxw_row_t)ceil(chart_height(n) / ROW_PX);
}

void xlsx_bar_chart(xw *x, xsheet *sh, const xchart *c, lxw_row_t row, lxw_col_t col)
{
    uint32_t n = c->last >= c->first ? c->last - c->first + 1 : 0;
    if (n == 0 || n > UINT16_MAX)
        return;
    lxw_chart *ch = workbook_add_chart(x->wb, LXW_CHART_BAR);
    lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
    chart_series_set_categories(se, sh->name, c->first, c->cat_col, c->last, c->cat_col);
    chart_series_set_values(se, sh->name, c->first, c->val_col, c->last, c->val_col);
    chart_series_set_name(se, c->series);
    range_cache(x, se->categories, c->labels, NULL, (uint16_t)n);
    range_cache(x, se->values, NULL, c->values, (uint16_t)n);

    lxw_chart_font title = {.name = XLSX_FONT, .size = 12, .bold = LXW_TRUE};
    lxw_chart_font label = {.name = XLSX_FONT, .size = 9};
    chart_title_set_name(ch, c->title);
    chart_title_set_name_font(ch, &title);
    chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
    /* A bar chart's x_axis is its value axis (libxlsxwriter swaps them). */
    lxw_chart_axis *val = chart_axis_get(ch, LXW_CHART_AXIS_TYPE_X);
    lxw_chart_axis *cat = chart_axis_get(ch, LXW_CHART_AXIS_TYPE_Y);
    chart_axis_set_num_format(val, c->num_format);
    chart_axis_set_num_font(val, &label);
    chart_axis_set_min(val, 0);
    chart_axis_set_reverse(cat);        /* the first category on top */
    chart_axis_set_crossing_max(cat);   /* and the value axis below it */
    chart_axis_set_interval_unit(cat, 1); /* every label */
    chart_axis_set_num_font(cat, &label);
    lxw_chart_options opt = {.x_scale = CHART_WIDTH / CHART_DEFAULT_W, .y_scale = chart_height(n) / CHART_DEFAULT_H};
    worksheet_insert_chart_opt(sh->ws, row, col, ch, &opt);
}

/* ---- tables ---- */

lxw_format *xlsx_format(const xw *x, xfmt f)
{
    switch (f) {
    case XF_NONE: return NULL;
    case XF_TEXT: return x->text;
    case XF_ID: return x->id;
    case XF_COUNT: return x->count;
    case XF_MONEY: return x->money;
    case XF_PCT: return x->pct;
    case XF_DATE: return x->date;
    case XF_DATETIME: return x->datetime;
    case XF_LABEL: return x->label;
    case XF_PHASE: return x->phase;
    case XF_WRAP: return x->wrap;
    case XF_T_TEXT: return x->t_text;
    case XF_T_COUNT: return x->t_count;
    case XF_T_MONEY: return x->t_money;
    case XF_T_PCT: return x->t_pct;
    case XF_D_MONEY: return x->d_money;
    case XF_D_DATE: return x->d_date;
    case XF_HDR: return x->hdr;
    case XF_HDR_MARK: return x->hdr_mark;
    }
    return NULL;
}

/* The width a wrapped header needs and the lines it then takes: each line
 * (split at '\n') longer than XLSX_HDR_WRAP is wrapped once, at a space or
 * between Hangul syllables (Excel and LibreOffice break Korean text there),
 * so it needs half its width, or its longest word of other letters. */
#define XLSX_HDR_WRAP 10

static void header_need(const char *s, int *need, int *lines)
{
    int n = 0, nl = 0, line = 0, word = 0, longest_word = 0;
    size_t len = strlen(s);
    for (size_t i = 0;; ) {
        uint32_t cp = 0;
        size_t k = i < len ? utf8_decode(s + i, len - i, &cp) : 0;
        if (i >= len || cp == '\n') {
            if (word > longest_word)
                longest_word = word;
            int half = (line + 1) / 2;
            int w = line <= XLSX_HDR_WRAP ? line : (longest_word > half ? longest_word : half);
            if (w > n)
                n = w;
            nl += line > w ? 2 : 1;
            if (i >= len)
                break;
            line = word = longest_word = 0;
            i += k;
            continue;
        }
        if (k == 0)
            k = 1;
        int cw = cp_width(cp);
        line += cw;
        if (cp == ' ' || cw == 2) { /* a break opportunity */
            if (word > longest_word)
                longest_word = word;
            word = cp == ' ' ? 0 : cw;
        } else {
            word += cw;
        }
        i += k;
    }
    *need = n;
    *lines = nl;
}

void xlsx_table_header(xcur *cur, const xcol *cols, uint16_t n)
{
    xw *x = cur->x;
    char **text = xcalloc(n ? n : 1, sizeof *text);
    int lines = 1;
    int *need = xcalloc(n ? n : 1, sizeof *need);
    for (uint16_t c = 0; c < n; c++) {
        const char *h = cols[c].header ? cols[c].header : "";
        /* An amount in the display unit says so in its header. */
        text[c] = cols[c].fmt == XF_MONEY ? xasprintf("%s\n(%s)", h, unit_label(x->cfg->unit)) : xstrdup(h);
        int nl;
        header_need(text[c], &need[c], &nl);
        if (nl > lines)
            lines = nl;
    }
    /* constant_memory: the row's height before its first cell. */
    worksheet_set_row(cur->sh->ws, cur->r, XLSX_LINE_HEIGHT * lines, NULL);
    for (uint16_t c = 0; c < n; c++) {
        xlsx_put_str_w(x, cur->sh, cur->r, c, text[c], xlsx_format(x, cols[c].hfmt ? cols[c].hfmt : XF_HDR), false);
        xlsx_fit(cur->sh, c, need[c]);
        xlsx_fit(cur->sh, c, cols[c].width);
        free(text[c]);
    }
    free(text);
    free(need);
    cur->r++;
}

lxw_row_t xlsx_table_top(xcur *cur, const char *title, bool with_unit, const xcol *cols, uint16_t n,
                         uint32_t nrows)
{
    cur->r = 0;
    if (title) {
        xlsx_put_title(cur->x, cur->sh, title, n ? (lxw_col_t)(n - 1) : 0, with_unit);
        cur->r = 1;
    }
    lxw_row_t hdr = cur->r;
    xlsx_table_header(cur, cols, n);
    xlsx_autofilter(cur->sh, hdr, hdr + nrows, n ? (lxw_col_t)(n - 1) : 0);
    return hdr;
}

void xlsx_table_end(xw *x, xsheet *sh, lxw_row_t hdr, uint16_t freeze_cols, uint16_t key_cols, bool with_unit)
{
    worksheet_freeze_panes(sh->ws, hdr + 1, freeze_cols);
    xlsx_page_setup(x, sh, hdr, hdr, with_unit, key_cols);
    xlsx_sheet_close(sh);
}

static void table_cells(xcur *cur, const xcol *cols, uint16_t n, const void *item, bool total)
{
    xsheet *sh = cur->sh;
    /* A data row of a sheet that allows it is written directly; xrow_ready
     * first hands out any row the library holds (a header, a block title). */
    bool direct = !total && sh->direct && !xlsx_direct_off && xrow_ready(sh->ws);
    if (direct) {
        xrow_start(&sh->row, sh->ws, cur->r);
        sh->xr = &sh->row;
    }
    for (uint16_t c = 0; c < n; c++) {
        const xcol *col = &cols[c];
        xcell_fn fn = total ? col->total : col->value;
        cur->c = c;
        cur->f = xlsx_format(cur->x, total ? col->tfmt : col->fmt);
        if (fn)
            fn(cur, col, item);
        else
            xcur_blank(cur);
    }
    if (direct) {
        xrow_end(&sh->row);
        sh->xr = NULL;
    }
    cur->r++;
}

void xlsx_table_row(xcur *cur, const xcol *cols, uint16_t n, const void *item)
{
    table_cells(cur, cols, n, item, false);
}

void xlsx_table_total(xcur *cur, const xcol *cols, uint16_t n, const void *item)
{
    table_cells(cur, cols, n, item, true);
}

void xlsx_block_title(xcur *cur, const char *title, uint16_t ncols, bool with_unit)
{
    xlsx_put_str_w(cur->x, cur->sh, cur->r, 0, title, cur->x->title, false);
    if (with_unit)
        xlsx_put_str_w(cur->x, cur->sh, cur->r, ncols ? ncols - 1 : 0, cur->x->unit_note, cur->x->note, false);
    cur->r++;
}

void xcur_str(xcur *cur, const char *s)
{
    xlsx_put_str(cur->x, cur->sh, cur->r, cur->c, s, cur->f);
}

void xcur_num(xcur *cur, double v)
{
    xlsx_put_num(cur->sh, cur->r, cur->c, v, cur->f);
}

void xcur_money(xcur *cur, won_t v)
{
    xlsx_put_money(cur->x, cur->sh, cur->r, cur->c, v, cur->f);
}

void xcur_date(xcur *cur, int32_t ymd)
{
    xlsx_put_date(cur->sh, cur->r, cur->c, ymd, cur->f);
}

void xcur_blank(xcur *cur)
{
    xlsx_cell_blank(cur->sh, cur->r, cur->c, cur->f);
}

void xcur_sum(xcur *cur, lxw_row_t first, lxw_row_t last, double cached)
{
    xlsx_put_sum(cur->sh, cur->r, cur->c, first, last, cur->f, cached, cached);
}

void xcur_money_sum(xcur *cur, lxw_row_t first, lxw_row_t last, won_t total)
{
    xlsx_put_sum(cur->sh, cur->r, cur->c, first, last, cur->f, xlsx_money_value(cur->x, total),
                 xlsx_money_display(cur->x, total));
}

void xcur_ratio(xcur *cur, lxw_row_t num_row, lxw_col_t num_col, lxw_row_t den_row, lxw_col_t den_col,
                bool den_abs, double rate)
{
    char a[16], b[16];
    lxw_rowcol_to_cell(a, num_row, num_col);
    if (den_abs)
        lxw_rowcol_to_cell_abs(b, den_row, den_col, true, false);
    else
        lxw_rowcol_to_cell(b, den_row, den_col);
    xlsx_put_ratio(cur->sh, cur->r, cur->c, a, b, rate, cur->f);
}

/* ---- formats ---- */


static void set_font(lxw_format *f)
{
    format_set_font_name(f, XLSX_FONT);
    format_set_font_charset(f, XLSX_FONT_CHARSET);
}

lxw_format *xlsx_fmt(xw *x, const char *num, bool bold, bool border, lxw_color_t fill)
{
    lxw_format *f = workbook_add_format(x->wb);
    set_font(f);
    if (num)
        format_set_num_format(f, num);
    if (bold)
        format_set_bold(f);
    if (border)
        format_set_border(f, LXW_BORDER_THIN);
    if (fill) {
        format_set_pattern(f, LXW_PATTERN_SOLID);
        format_set_bg_color(f, fill);
    }
    return f;
}


#define FILL_HEADER 0xDDEBF7
#define FILL_MARK 0xFCE4D6
#define FILL_TOTAL 0xF2F2F2

void xlsx_make_formats(xw *x)
{
    const char *mf = XLSX_MONEY_FORMAT;
    if (!STAILQ_EMPTY(x->wb->formats))
        set_font(STAILQ_FIRST(x->wb->formats)); /* the Normal style */
    x->title = xlsx_fmt(x, NULL, true, false, 0);
    format_set_font_size(x->title, 14);
    x->note = xlsx_fmt(x, NULL, false, false, 0);
    format_set_align(x->note, LXW_ALIGN_RIGHT);
    x->hdr = xlsx_fmt(x, NULL, true, true, FILL_HEADER);
    format_set_align(x->hdr, LXW_ALIGN_CENTER);
    format_set_align(x->hdr, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(x->hdr);
    x->hdr_mark = xlsx_fmt(x, NULL, true, true, FILL_MARK);
    format_set_align(x->hdr_mark, LXW_ALIGN_CENTER);
    format_set_align(x->hdr_mark, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(x->hdr_mark);
    x->label = xlsx_fmt(x, NULL, true, true, FILL_HEADER);
    x->text = xlsx_fmt(x, NULL, false, true, 0);
    x->id = xlsx_fmt(x, "@", false, true, 0);
    x->count = xlsx_fmt(x, "#,##0", false, true, 0);
    x->phase = xlsx_fmt(x, "0.0", false, true, 0);
    x->wrap = xlsx_fmt(x, NULL, false, true, 0);
    format_set_text_wrap(x->wrap);
    format_set_align(x->wrap, LXW_ALIGN_VERTICAL_TOP);
    x->money = xlsx_fmt(x, mf, false, true, 0);
    x->pct = xlsx_fmt(x, "0.0%", false, true, 0);
    x->date = xlsx_fmt(x, "yyyy-mm-dd", false, true, 0);
    x->datetime = xlsx_fmt(x, "yyyy-mm-dd hh:mm:ss", false, true, 0);
    x->t_text = xlsx_fmt(x, NULL, true, true, FILL_TOTAL);
    x->t_count = xlsx_fmt(x, "#,##0", true, true, FILL_TOTAL);
    x->t_money = xlsx_fmt(x, mf, true, true, FILL_TOTAL);
    x->t_pct = xlsx_fmt(x, "0.0%", true, true, FILL_TOTAL);
    x->d_money = xlsx_fmt(x, XLSX_WON_FORMAT, false, false, 0);
    x->d_date = xlsx_fmt(x, "yyyy-mm-dd", false, false, 0);
    /* Centred: right-aligned, a date ran into the 상태 text beside it in print
     * (the detail sheets have no borders). */
    format_set_align(x->d_date, LXW_ALIGN_CENTER);
}
