/* xlsx_fastcells.c — libxlsxwriter's per-cell helpers, written without
 * printf, byte for byte as the library writes them.
 *
 * Writing a row, libxlsxwriter (Debian's 1.1.4, a shared library that calls
 * even its own functions through the PLT) spends most of its time in
 * formatted output: for every cell lxw_rowcol_to_cell() makes "B7" with
 * snprintf, a number is written with fprintf("%.16G"), an inline string is
 * escaped into a calloc'd copy and written with fprintf, and a cell whose
 * format equals an earlier format (the same properties in another lxw_format,
 * e.g. the count and money formats, both "#,##0") looks its style index up
 * in the workbook's hash table by hashing the whole format. That was about
 * half of the sample's workbook (callgrind: 3,100 instructions a cell).
 *
 * This file defines those functions; the executable's definitions take
 * precedence over the shared library's (as xlsx_zip.c does for minizip):
 *
 * - lxw_rowcol_to_cell and lxw_format_get_xf_index are public API: the first
 *   is rewritten (the same name), the second forwards to the library and
 *   then keeps the index in the format, so a duplicate format is looked up
 *   once instead of at every cell (the library keeps it only for the first
 *   format of a kind; the styles are written from its own table of used
 *   formats, which this does not touch);
 * - _write_number_cell, _write_inline_string_cell and _write_row are the
 *   library's internal row writers (exported by this build). They are
 *   copies of 1.1.4's, so they are used only when the library says it is
 *   1.1.4; with any other version every call is forwarded to the library's
 *   own. A number is written as an integer when it is one below 10^15 (what
 *   "%.16G" prints for it), a decimal of up to 8 places when the 16-digit
 *   rounding is certain (put_g16), anything else through "%.16G"; a
 *   string is escaped (& < >) as it is written, without a copy; a plain row
 *   tag without the malloc'd attribute list;
 * - lxw_xml_end_tag, lxw_utf8_strlen and lxw_escape_control_characters
 *   (public) without printf, a byte at a time, and as a plain copy when
 *   there is no control character to escape.
 *
 * - xrow (xlsx_cells.h): the rows of formula-free tables (지원내역,
 *   기업별) formatted here as the library would, cell reference, style index, escape, number text and the
 *   sheet's dimensions, and written in one piece, without the library's
 *   per-cell objects.
 *
 * The output is identical (test_xlsx: test_fast_cells, test_direct_rows,
 * test_xrow_cells). Called from every thread that writes a detail sheet:
 * nothing here has state beyond what is set once (pthread_once). */
#include <dlfcn.h>
#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx_cells.h"

/* The library version the copied row writers come from. */
#define XLSX_FAST_LIB_VERSION "1.1.4"

typedef void (*cell_writer_fn)(lxw_worksheet *self, char *range, int32_t style_index, lxw_cell *cell);
typedef void (*row_writer_fn)(lxw_worksheet *self, lxw_row *row, char *spans);
typedef int32_t (*xf_index_fn)(lxw_format *self);
typedef char *(*escape_fn)(const char *string);

/* Prototypes of the library's internal functions (no header declares them). */
void _write_number_cell(lxw_worksheet *self, char *range, int32_t style_index, lxw_cell *cell);
void _write_inline_string_cell(lxw_worksheet *self, char *range, int32_t style_index, lxw_cell *cell);
void _write_row(lxw_worksheet *self, lxw_row *row, char *spans);

static struct {
    pthread_once_t once;
    bool same;                 /* the library is XLSX_FAST_LIB_VERSION: the copies below are used */
    cell_writer_fn number, inline_string;
    row_writer_fn row;
    xf_index_fn xf_index;
    escape_fn escape_control;
} lib = {.once = PTHREAD_ONCE_INIT};

static void *real_sym(const char *name)
{
    void *p = dlsym(RTLD_NEXT, name);
    return p;
}

static void lib_init(void)
{
    void *p;
    if ((p = real_sym("_write_number_cell")))
        memcpy(&lib.number, &p, sizeof p);
    if ((p = real_sym("_write_inline_string_cell")))
        memcpy(&lib.inline_string, &p, sizeof p);
    if ((p = real_sym("_write_row")))
        memcpy(&lib.row, &p, sizeof p);
    if ((p = real_sym("lxw_format_get_xf_index")))
        memcpy(&lib.xf_index, &p, sizeof p);
    if ((p = real_sym("lxw_escape_control_characters")))
        memcpy(&lib.escape_control, &p, sizeof p);
    lib.same = !strcmp(lxw_version(), XLSX_FAST_LIB_VERSION);
}

/* Writes the decimal digits of v (v < 10^20) at p; returns the end. */
static char *put_u64(char *p, uint64_t v)
{
    char tmp[20];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        *p++ = tmp[--n];
    return p;
}

static char *put_str(char *p, const char *s)
{
    size_t n = strlen(s);
    memcpy(p, s, n);
    return p + n;
}

#define PUT_LIT(p, lit) (memcpy((p), (lit), sizeof(lit) - 1), (p) + sizeof(lit) - 1)

/* The column's letters at p (bijective base 26: A..Z, AA..); returns the end. */
static char *put_col(char *p, lxw_col_t col)
{
    char rev[4];
    int n = 0;
    for (uint32_t c = (uint32_t)col + 1; c; c = (c - 1) / 26)
        rev[n++] = (char)('A' + (c - 1) % 26);
    while (n)
        *p++ = rev[--n];
    return p;
}

void lxw_rowcol_to_cell(char *cell_name, lxw_row_t row, lxw_col_t col)
{
    char *p = put_col(cell_name, col);
    /* The library prints the 1-based row with "%d". */
    int32_t r1 = (int32_t)(row + 1);
    if (r1 < 0) {
        *p++ = '-';
        p = put_u64(p, (uint64_t)(-(int64_t)r1));
    } else {
        p = put_u64(p, (uint64_t)r1);
    }
    *p = '\0';
}

int32_t lxw_format_get_xf_index(lxw_format *self)
{
    if (self->xf_index != LXW_PROPERTY_UNSET)
        return self->xf_index;
    pthread_once(&lib.once, lib_init);
    if (!lib.xf_index)
        return 0;
    int32_t idx = lib.xf_index(self);
    /* A format equal to an earlier one gets that one's index without
     * keeping it; keep it (the key is the same at every later call). */
    if (self->xf_index == LXW_PROPERTY_UNSET && idx > 0)
        self->xf_index = idx;
    return idx;
}

/* `<c r="B7"` and, with a style, ` s="3"`, into p. */
static char *cell_open(char *p, const char *range, int32_t style_index)
{
    p = PUT_LIT(p, "<c r=\"");
    p = put_str(p, range);
    if (style_index) {
        p = PUT_LIT(p, "\" s=\"");
        if (style_index < 0) { /* "%d" */
            *p++ = '-';
            p = put_u64(p, (uint64_t)(-(int64_t)style_index));
        } else {
            p = put_u64(p, (uint64_t)style_index);
        }
    }
    *p++ = '"';
    return p;
}

static const uint64_t pow10_u64[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
                                     1000000000, 10000000000ull, 100000000000ull, 1000000000000ull,
                                     10000000000000ull, 100000000000000ull, 1000000000000000ull,
                                     10000000000000000ull, 100000000000000000ull, 1000000000000000000ull};

static int digits_u64(uint64_t v)
{
    int d = 1;
    while (d < 19 && v >= pow10_u64[d])
        d++;
    return d;
}

/* What "%.16G" prints for a v with at most 8 decimals that is not an
 * integer, 10^-3 <= |v| < 10^15 (79.17 in 백만원, a rate), written at p;
 * NULL when v is not such a number or the rounding is not certain (the
 * caller then prints it with printf).
 *
 * The candidate D = M / 10^k is v * 10^k rounded; it is what %.16G prints
 * when v, rounded to 16 significant digits, is D: when |v - D| is below
 * half a unit of the 16th digit, 10^(X-15) / 2 where X is a's decimal
 * exponent (D's, or one less when D is 10^-k and a is below it). With v = m * 2^-s exactly (m < 2^53) that is, in integers,
 * 2 |m 10^k - M 2^s| 10^(15-X) < 2^s 10^k, computed in 128 bits. F style
 * (X >= -4, X < 16), trailing zeros removed. */
static char *put_g16(char *p, double v)
{
    double a = fabs(v);
    if (!(a >= 1e-3 && a < 1e15) || a == floor(a))
        return NULL;
    int ex;
    double fr = frexp(a, &ex);
    uint64_t m = (uint64_t)ldexp(fr, 53);
    int s = 53 - ex; /* a = m / 2^s; 3 <= s <= 62 in this range */
    if (s < 1 || s > 62)
        return NULL;
    for (int k = 1; k <= 8; k++) {
        double t = a * (double)pow10_u64[k];
        if (t >= 1e15)
            return NULL;
        uint64_t M = (uint64_t)llround(t);
        if (M == 0 || M % 10 == 0) /* not k decimals (found at a smaller k, or none) */
            continue;
        __int128 n = (__int128)m * (__int128)pow10_u64[k] - ((__int128)M << s);
        unsigned __int128 an = (unsigned __int128)(n < 0 ? -n : n);
        unsigned __int128 rhs = (unsigned __int128)pow10_u64[k] << s;
        if (an >= rhs) /* |a - D| >= 1: not this k */
            continue;
        int X = digits_u64(M) - 1 - k;
        if (M == 1 && n < 0) /* D = 10^-k and a just below it: a's exponent is one less */
            X--;
        if (X < -3 || X > 14)
            return NULL;
        /* 2 |n| 10^(15-X) < rhs, without overflow: |n| <= (rhs - 1) / (2 10^(15-X)). */
        if (an > (rhs - 1) / (2 * (unsigned __int128)pow10_u64[15 - X]))
            continue; /* a is not D to 16 digits at this k */
        if (v < 0)
            *p++ = '-';
        uint64_t ip = M / pow10_u64[k], fp = M % pow10_u64[k];
        p = put_u64(p, ip);
        *p++ = '.';
        for (int d = k - 1; d >= 0; d--) /* fp has no trailing zero: M % 10 != 0 */
            *p++ = (char)('0' + fp / pow10_u64[d] % 10);
        return p;
    }
    return NULL;
}

/* What "%.16G" prints for v, at num (v an integer below 10^15, or what
 * put_g16 can write); the end, or NULL when only printf knows. */
static char *number_text(char *num, double v)
{
    /* "%.16G" prints an integer of at most 16 digits as its digits; -0 as "-0". */
    if (fabs(v) < 1e15 && v == floor(v) && !(v == 0 && signbit(v))) {
        char *e = num;
        if (v < 0) {
            *e++ = '-';
            v = -v;
        }
        return put_u64(e, (uint64_t)v);
    }
    return put_g16(num, v);
}

/* The <c> of a number cell into self->file, as the library writes it; false
 * when v needs the library's printf (the caller then hands it the cell). */
/* A number cell after its `<c r=… s=…`: `><v>`, the text num..e, `</v></c>`. */
#define NUMBER_BODY_MAX 60
static char *number_body(char *p, const char *num, const char *e)
{
    p = PUT_LIT(p, "><v>");
    memcpy(p, num, (size_t)(e - num));
    p += e - num;
    return PUT_LIT(p, "</v></c>");
}

static bool number_cell(lxw_worksheet *self, const char *range, int32_t style_index, double v)
{
    char num[40], *e = lib.same ? number_text(num, v) : NULL;
    if (!e)
        return false;
    char buf[LXW_MAX_CELL_NAME_LENGTH + 32 + NUMBER_BODY_MAX];
    char *p = number_body(cell_open(buf, range, style_index), num, e);
    fwrite(buf, 1, (size_t)(p - buf), self->file);
    return true;
}

void _write_number_cell(lxw_worksheet *self, char *range, int32_t style_index, lxw_cell *cell)
{
    pthread_once(&lib.once, lib_init);
    if (!number_cell(self, range, style_index, cell->u.number) && lib.number)
        lib.number(self, range, style_index, cell);
}

/* Copies s (n bytes) to p with & < > escaped as the library's
 * lxw_escape_data does; p has room for 5 * n bytes. Returns the end. */
static char *put_escaped(char *p, const char *s, size_t n)
{
    if (!strpbrk(s, "&<>")) { /* the usual cell: nothing to escape */
        memcpy(p, s, n);
        return p + n;
    }
    for (const char *e = s + n; s < e; s++) {
        switch (*s) {
        case '&': p = PUT_LIT(p, "&amp;"); break;
        case '<': p = PUT_LIT(p, "&lt;"); break;
        case '>': p = PUT_LIT(p, "&gt;"); break;
        default: *p++ = *s; break;
        }
    }
    return p;
}

/* isspace() in the "C" locale, as the library tests the ends of a string. */
static bool c_space(unsigned char ch)
{
    return ch == ' ' || (ch >= '\t' && ch <= '\r');
}

/* The <c> of an inline string cell (s not empty) into self->file, as the
 * library writes it; false when there was no memory for a long one. */
/* An inline string cell after its `<c r=… s=…`, for the n bytes of s (not
 * empty): its type, the text escaped (kept spaces marked as the library
 * marks them), the end tags; room for STRING_BODY_MAX(n) bytes at p. */
#define STRING_BODY_MAX(n) (80 + 5 * (n))
static char *string_body(char *p, const char *s, size_t n)
{
    if (c_space((unsigned char)s[0]) || c_space((unsigned char)s[n - 1]))
        p = PUT_LIT(p, " t=\"inlineStr\"><is><t xml:space=\"preserve\">");
    else
        p = PUT_LIT(p, " t=\"inlineStr\"><is><t>");
    p = put_escaped(p, s, n);
    return PUT_LIT(p, "</t></is></c>");
}

static bool inline_string_cell(lxw_worksheet *self, const char *range, int32_t style_index, const char *s)
{
    size_t n = strlen(s);
    /* One write for the usual short string; a long one escaped into a heap copy. */
    char stack[1024];
    size_t cap = LXW_MAX_CELL_NAME_LENGTH + STRING_BODY_MAX(n);
    char *buf = cap <= sizeof stack ? stack : malloc(cap);
    if (!buf)
        return false;
    char *p = string_body(cell_open(buf, range, style_index), s, n);
    fwrite(buf, 1, (size_t)(p - buf), self->file);
    if (buf != stack)
        free(buf);
    return true;
}

void _write_inline_string_cell(lxw_worksheet *self, char *range, int32_t style_index, lxw_cell *cell)
{
    pthread_once(&lib.once, lib_init);
    const char *s = cell->u.string;
    if ((!lib.same || !s || !*s || !inline_string_cell(self, range, style_index, s)) && lib.inline_string)
        lib.inline_string(self, range, style_index, cell);
}

/* A row's start tag: the plain row (no format, height, outline or spans;
 * every row this program writes) as `<row r="7">`, anything else by the
 * library. */
void _write_row(lxw_worksheet *self, lxw_row *row, char *spans)
{
    pthread_once(&lib.once, lib_init);
    double height = row->height_changed ? row->height : self->default_row_height;
    if (!lib.same || spans || row->format || height != LXW_DEF_ROW_HEIGHT || row->hidden || row->level ||
        row->collapsed || self->excel_version == 2010) {
        if (lib.row)
            lib.row(self, row, spans);
        return;
    }
    char buf[32];
    char *p = PUT_LIT(buf, "<row r=\"");
    p = put_u64(p, (uint64_t)(int32_t)(row->row_num + 1)); /* "%d" of a row below 2^31 */
    p = row->data_changed ? PUT_LIT(p, "\">") : PUT_LIT(p, "\"/>");
    fwrite(buf, 1, (size_t)(p - buf), self->file);
}

void lxw_xml_end_tag(FILE *xmlfile, const char *tag)
{
    char buf[64];
    size_t n = strlen(tag);
    if (n + 3 > sizeof buf) {
        fprintf(xmlfile, "</%s>", tag);
        return;
    }
    buf[0] = '<';
    buf[1] = '/';
    memcpy(buf + 2, tag, n);
    buf[n + 2] = '>';
    fwrite(buf, 1, n + 3, xmlfile);
}

#define BYTES_80 0x8080808080808080ull
#define BYTES_01 0x0101010101010101ull

/* Eight bytes at p (any alignment). */
static uint64_t load8(const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return w;
}

size_t lxw_utf8_strlen(const char *str)
{
    const unsigned char *p = (const unsigned char *)str;
    size_t n = strlen(str), cont = 0, i = 0;
    /* A continuation byte is 10xxxxxx: bit 7 set, bit 6 (shifted up) clear. */
    for (; i + 8 <= n; i += 8) {
        uint64_t w = load8(p + i);
        cont += (size_t)__builtin_popcountll(w & ~(w << 1) & BYTES_80);
    }
    for (; i < n; i++)
        cont += (p[i] & 0xC0) == 0x80;
    return n - cont;
}

/* Whether any of the n bytes at p is below 0x20 (a C0 control). */
static bool has_c0(const unsigned char *p, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w = load8(p + i);
        if ((w - 0x20 * BYTES_01) & ~w & BYTES_80) /* some byte < 0x20 */
            return true;
    }
    for (; i < n; i++)
        if (p[i] < 0x20)
            return true;
    return false;
}

/* A copy of the string (the library escapes C0 controls other than tab and
 * newline as _xHHHH_; the cells this program writes have none, xlsx_clean
 * drops them, so such a string goes to the library's own function). */
/* Whether the library's escape would change s (n bytes): a C0 control
 * other than tab and newline. */
static bool needs_escape(const char *s, size_t n)
{
    if (has_c0((const unsigned char *)s, n)) /* maybe only a tab or newline: checked byte by byte */
        for (const unsigned char *p = (const unsigned char *)s; *p; p++)
            if (*p < 0x20 && *p != '\t' && *p != '\n')
                return true;
    return false;
}

char *lxw_escape_control_characters(const char *string)
{
    pthread_once(&lib.once, lib_init);
    size_t n = strlen(string);
    if (needs_escape(string, n))
        return lib.escape_control ? lib.escape_control(string) : NULL;
    char *copy = malloc(n + 1);
    if (copy)
        memcpy(copy, string, n + 1);
    return copy;
}

/* ---- rows written directly (xlsx_cells.h: xrow) ---- */

#define LXW_STR_MAX 32767 /* worksheet.c's longest string, in characters (no header has it) */
#define SB_LIT(b, lit) sb_addn((b), (lit), sizeof(lit) - 1)

/* b ends at p, written in its room (sb_grow): its length and NUL. */
static void sb_end_at(strbuf *b, char *p)
{
    b->len = (size_t)(p - b->s);
    *p = '\0';
}

bool xrow_ready(lxw_worksheet *ws)
{
    pthread_once(&lib.once, lib_init);
    /* Only for the plain rows _write_row above writes itself: the library's
     * own version, constant memory, the default row height. */
    if (!lib.same || !lib.number || !lib.escape_control || !ws || !ws->optimize || !ws->optimize_row ||
        ws->default_row_height != LXW_DEF_ROW_HEIGHT || ws->excel_version == 2010)
        return false;
    lxw_worksheet_write_single_row(ws); /* the row the library holds (the header) goes first */
    return true;
}

void xrow_start(xrow *xr, lxw_worksheet *ws, lxw_row_t r)
{
    xr->ws = ws;
    xr->r = r;
    xr->open = false;
    sb_reset(&xr->b);
    /* The library prints the 1-based row with "%d". */
    char *e = put_u64(xr->rdig, (uint64_t)(int32_t)(r + 1));
    xr->rlen = (uint8_t)(e - xr->rdig);
    /* Where the library would be: a later write of its own to an earlier
     * row is refused, as it would have been (rows are never rewritten). */
    if (r > ws->optimize_row->row_num)
        ws->optimize_row->row_num = r;
}

void xrow_free(xrow *xr)
{
    sb_free(&xr->b);
}

/* _check_dimensions of the library for a cell at (xr->r, c); false where it
 * refuses the cell (a row already written, or out of range). */
static bool xrow_dims(xrow *xr, lxw_col_t c)
{
    lxw_worksheet *ws = xr->ws;
    if (xr->r >= LXW_ROW_MAX || c >= LXW_COL_MAX || xr->r < ws->optimize_row->row_num)
        return false;
    if (xr->r < ws->dim_rowmin)
        ws->dim_rowmin = xr->r;
    if (xr->r > ws->dim_rowmax)
        ws->dim_rowmax = xr->r;
    if (c < ws->dim_colmin)
        ws->dim_colmin = c;
    if (c > ws->dim_colmax)
        ws->dim_colmax = c;
    return true;
}

/* The row's start tag, before its first cell (a row without cells is not
 * written: the library skips it). */
static void xrow_open(xrow *xr)
{
    if (!xr->open) {
        SB_LIT(&xr->b, "<row r=\"");
        sb_addn(&xr->b, xr->rdig, xr->rlen);
        SB_LIT(&xr->b, "\">");
        xr->open = true;
    }
}

/* The cell's reference ("B7", as lxw_rowcol_to_cell) into range and its
 * style index: the cell's format's, else the column's (the row's is never
 * set), as the library's _write_cell takes it. */
static int32_t xrow_ref(const xrow *xr, lxw_col_t c, lxw_format *f, char *range)
{
    char *p = put_col(range, c);
    memcpy(p, xr->rdig, xr->rlen);
    p[xr->rlen] = '\0';
    const lxw_worksheet *ws = xr->ws;
    if (f)
        return lxw_format_get_xf_index(f);
    if (c < ws->col_formats_max && ws->col_formats[c])
        return lxw_format_get_xf_index(ws->col_formats[c]);
    return 0;
}

/* The row's start tag if needed, then `<c r="B7"` and, with a style, ` s="3"`. */
static void xrow_cell(xrow *xr, lxw_col_t c, lxw_format *f)
{
    xrow_open(xr);
    char range[LXW_MAX_CELL_NAME_LENGTH], buf[LXW_MAX_CELL_NAME_LENGTH + 32];
    int32_t style = xrow_ref(xr, c, f, range);
    char *e = cell_open(buf, range, style);
    sb_addn(&xr->b, buf, (size_t)(e - buf));
}

/* Writes out what the row holds so far (before the library writes a cell
 * of it itself). */
static void xrow_flush(xrow *xr)
{
    fwrite(xr->b.s, 1, xr->b.len, xr->ws->file);
    sb_reset(&xr->b);
}

void xrow_blank(xrow *xr, lxw_col_t c, lxw_format *f)
{
    if (!f || !xrow_dims(xr, c)) /* a blank without a format is not written */
        return;
    xrow_cell(xr, c, f);
    SB_LIT(&xr->b, "/>"); /* the library's lxw_xml_empty_tag("c") */
}

void xrow_str(xrow *xr, lxw_col_t c, const char *s, lxw_format *f)
{
    if (!s || !*s) { /* the library writes a blank with the format instead */
        xrow_blank(xr, c, f);
        return;
    }
    size_t n = strlen(s);
    if (!xrow_dims(xr, c) || (n > LXW_STR_MAX && lxw_utf8_strlen(s) > LXW_STR_MAX))
        return;
    /* 1.1.4's lxw_has_control_characters is true for every string (it
     * tests the terminating NUL), so every string goes through its escape,
     * which changes only C0 controls other than tab and newline. */
    char *esc = NULL;
    if (needs_escape(s, n)) {
        if (!(esc = lib.escape_control(s)))
            return;
        s = esc;
        n = strlen(s);
    }
    xrow_cell(xr, c, f);
    strbuf *b = &xr->b;
    sb_grow(b, b->len + STRING_BODY_MAX(n));
    sb_end_at(b, string_body(b->s + b->len, s, n));
    free(esc);
}

void xrow_num(xrow *xr, lxw_col_t c, double v, lxw_format *f)
{
    if (!xrow_dims(xr, c))
        return;
    char num[40], *e = number_text(num, v);
    if (!e) { /* printf's: the library's own writer, after what the row holds */
        xrow_open(xr);
        char range[LXW_MAX_CELL_NAME_LENGTH];
        int32_t style = xrow_ref(xr, c, f, range);
        xrow_flush(xr);
        lxw_cell cell = {.row_num = xr->r, .col_num = c, .type = NUMBER_CELL, .format = f};
        cell.u.number = v;
        lib.number(xr->ws, range, style, &cell);
        return;
    }
    xrow_cell(xr, c, f);
    sb_grow(&xr->b, xr->b.len + NUMBER_BODY_MAX);
    sb_end_at(&xr->b, number_body(xr->b.s + xr->b.len, num, e));
}

void xrow_end(xrow *xr)
{
    if (xr->open)
        SB_LIT(&xr->b, "</row>");
    if (xr->b.len)
        xrow_flush(xr);
    xr->open = false;
}
