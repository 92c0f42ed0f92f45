/* ingest_private.h — what the files of ingest_all() share, and no one else.
 *
 * ingest_all() is four files around one state: ingest.c reads the files and
 * their rows (the column tables, lookups, every field's checks, the driver);
 * ingest_header.c finds the header among title rows and matches its columns;
 * ingest_excel.c handles what Excel exports carry in the rows (invisible
 * characters, apostrophes and full-width digits, totals rows, empty rows);
 * ingest_problems.c collects problems as (record, field), groups repeated
 * ones and resolves them to line:col when the file is done. They share the
 * per-file context (filectx) and the run's state (ingest) declared here.
 *
 * The helpers every row goes through (value(), trim(), the positions) are
 * static inline here so that the per-field code stays inlined where it was
 * one file; what crosses files is off the fast path (problems, the header,
 * the rare rows and values). Used only inside src/ingest/ (and its tests). */
#ifndef SMR_INGEST_PRIVATE_H
#define SMR_INGEST_PRIVATE_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "csv_reader.h"
#include "hindex.h"
#include "ingest.h"
#include "strbuf.h"

/* ---- column tables (the tables themselves: ingest.c) ---- */

typedef struct colspec {
    const char *en, *ko;
    const char *aliases; /* '|'-separated, matched like the names */
    bool required, amount;
} colspec;

enum { P_ID, P_REGION, P_TITLE, P_LEAD, P_PHASE, P_START, P_END, P_BUDGET, P_FIELDS, P_GRADE, P_QUOTE, P_N };
enum { F_ID, F_NAME, F_CEO, F_REGION, F_CITY, F_INDUSTRY, F_EMP, F_REV, F_EXP, F_FOUNDED, F_N };
enum { A_ID, A_PROJECT, A_FIRM, A_INSTR, A_AGENCY, A_AMOUNT, A_DATE, A_STATUS, A_N };

/* Room for the widest table's columns (projects: P_N = 11). */
#define MAX_COLS 11
_Static_assert(P_N <= MAX_COLS && F_N <= MAX_COLS && A_N <= MAX_COLS,
               "MAX_COLS must hold every table's columns");

/* "지원금액", "amount_krw": a column's two names, for messages. */
#define COL(fc, c) (fc)->cols[c].ko, (fc)->cols[c].en

/* ---- lookup tables (ingest.c) ---- */

typedef hindex idtab;  /* string keys: (index + 1) << 32 | the hash's low 32 bits */
typedef hindex brntab; /* business numbers: number << 30 | (index + 1) */

/* ---- ingest state ---- */

/* A pending problem. msg NULL: a location kept only to be named in a
 * group's summary (group >= 0), not a diagnostic of its own. */
typedef struct pend {
    diag_severity sev;
    char *msg;
    int group;       /* index in filectx.groups of the group this entry heads, or -1 */
} pend;

/* Repeated problems of one kind (the same message template) in one column
 * are grouped, so a file with a thousand identical mistakes gets a few
 * lines, not a thousand: the first GROUP_SHOW are shown as they are, the
 * rest become one line at the next one's place with their count and the
 * first GROUP_LINES of their lines. A grouped note (problem_grouped: an
 * accepted form such as an Excel serial date) is one line from the first
 * occurrence on. */
#define GROUP_SHOW 5
#define GROUP_LINES 5
#define GROUP_MAX 64 /* kinds × columns tracked per file; past it, no grouping */

typedef struct group {
    const char *fmt;
    uint32_t field;
    diag_severity sev;
    bool from_first;
    uint32_t seen;            /* occurrences so far */
    size_t head;              /* pend index of the summary (or the first, from_first) */
    bool has_head;
    uint64_t folded;          /* occurrences folded into the head */
    size_t at[GROUP_LINES];   /* pend indices of the first folded locations */
    uint32_t nat;
    const char *column;       /* for the summary: "지원금액 (amount_krw)" */
} group;

typedef struct ingest ingest;

typedef struct filectx {
    ingest *in;
    const char *addr_city; /* the row's 시·군·구 from an address in its 시·도 column (get_region), or NULL */
    source_kind kind;
    const char *path;
    const colspec *cols;
    int ncols;
    int map[MAX_COLS];       /* column → header field, -1 = absent */
    int64_t scale[MAX_COLS]; /* amount columns: header unit */
    bool has_unit[MAX_COLS]; /* the header names the column's unit */
    int64_t title_scale;     /* a "단위: 천원" in a title line above the header (0: none) */
    char title_unit[16];     /* its unit word */
    uint32_t title_unit_line;
    bool units_row_seen;     /* the first row after the header was looked at for units (units_row) */
    won_t sum[MAX_COLS];     /* amount columns: total so far, so that no report sum overflows */
    bool sum_over[MAX_COLS]; /* the total passed INT64_MAX (reported once) */
    bool sum_inexact[MAX_COLS]; /* the total passed 2^53 (warned once) */
    uint32_t nheader;
    bool header_seen, header_ok;
    uint32_t first_line;     /* the first non-blank line (a title or the header) */
    /* The header search (title rows above the table): the row of the first
     * HEADER_SEARCH_LINES lines that has the most required columns, kept
     * (fields copied) until a row has them all. */
    int best_got;            /* -1: none yet */
    uint32_t best_record, best_line;
    strbuf best_buf;
    csv_field *best_f;
    size_t best_cap;
    uint32_t best_nf;
    won_t part[MAX_COLS];    /* amount columns: total since the last totals row (소계) */
    won_t cancelled_sum, cancelled_part; /* allocations: amounts of 취소 rows, all and since the last 소계 */
    strbuf hname;            /* header_name() */
    char numbuf[96];         /* retry_value(): a number with its digits normalised */
    bool complete;           /* read to the end without a syntax/IO error */
    uint32_t record, line;   /* current record and its first physical line */
    uint32_t row_errors;     /* errors found in the current row so far */
    const csv_field *f;
    uint32_t nf;
    csv_loc *locs;           /* pending problems, resolved when the file is done */
    pend *pm;
    size_t npend, cap;
    size_t nshown;           /* pending entries that are diagnostics (not bare locations) */
    strbuf clean[MAX_COLS];  /* values with invisible characters, cleaned (see clean_value) */
    bool clean_all;          /* check every value (projects, firms); allocations: where it matters */
    csv_field *fcopy;        /* clean_all: the row's fields with cleaned values */
    size_t fcopy_cap;
    csv_field *joined;       /* a row whose amount unquoted commas cut apart, its pieces joined */
    size_t joined_cap;
    strbuf joined_value;     /* that amount's text */
    group groups[GROUP_MAX];
    int ngroups;
} filectx;

struct ingest {
    const ingest_options *opt;
    dataset *ds;
    diag_list *d;
    size_t projects_cap, firms_cap, allocs_cap, instr_cap, agency_cap;
    size_t plen_cap, fbad_cap;
    uint32_t *project_len;   /* strlen of each project ID (lookups compare lengths first) */
    uint32_t *instr_len, *agency_len; /* the same for the interned instruments, agencies */
    size_t ilen_cap, alen_cap;
    /* Per firm: 1 = its row has errors, 2 = and an allocation whose firm_id
     * repeats its wrong number has been told so (once per firm). */
    uint8_t *firm_bad;
    idtab projects, allocs, instruments, agencies;
    brntab firms;
    bool allocs_sorted;      /* alloc IDs strictly increasing so far: no table needed */
    size_t last_alloc_len;
    uint32_t last_instr, last_agency, last_project;
    bool ref_projects, ref_firms; /* the file is complete enough to check references */
    uint64_t done_before, total;
    strbuf tmp;
};

/* ---- the current row's values ---- */

static inline csv_loc at_field(filectx *fc, uint32_t field)
{
    return (csv_loc){.kind = CSV_LOC_FIELD, .record = fc->record, .field = field};
}

static inline csv_loc at_row(filectx *fc)
{
    return (csv_loc){.kind = CSV_LOC_ROW, .record = fc->record};
}

/* Spaces and tabs off both ends. */
static inline void trim(const char **s, size_t *n)
{
    const char *p = *s;
    size_t k = *n;
    while (k && (*p == ' ' || *p == '\t'))
        p++, k--;
    while (k && (p[k - 1] == ' ' || p[k - 1] == '\t'))
        k--;
    *s = p;
    *n = k;
}

/* The trimmed value of column c in the current row; empty when the column or
 * the field is absent. Returns the field index (for positions) or -1. */
static inline int value(filectx *fc, int c, const char **s, size_t *n)
{
    int fi = fc->map[c];
    if (fi < 0 || (uint32_t)fi >= fc->nf) {
        *s = "";
        *n = 0;
        return -1;
    }
    *s = fc->f[fi].s;
    *n = fc->f[fi].len;
    if (!fc->f[fi].trimmed)
        trim(s, n);
    return fi;
}

/* ---- problems (ingest_problems.c) ---- */

void problem_at(filectx *fc, diag_severity sev, csv_loc loc, const char *fmt, ...)
    PRINTF_LIKE(4, 5);
/* One line for all occurrences in the column (their count and first lines). */
void problem_grouped(filectx *fc, diag_severity sev, csv_loc loc, const char *fmt, ...)
    PRINTF_LIKE(4, 5);
/* Resolves the pending problems of the file and hands them to the list. */
void flush_problems(filectx *fc, text_encoding enc);
/* Drops everything pending (after an error that makes them moot). */
void drop_problems(filectx *fc);
/* A value for a message: at most 40 characters, cut at a character boundary
 * (valid until the next call). */
const char *shown(ingest *in, const char *s, size_t n);

/* ---- the header (ingest_header.c) ---- */

/* A row before the header is found: the header if it names every required
 * column, else a title line (the best candidate is remembered). */
void header_search(filectx *fc);
/* No row of the first lines named every required column: the closest is
 * read as the header (nothing happens when there was no candidate). */
void header_not_found(filectx *fc);
/* The units scale[c] (0: none) for the amount columns whose header names
 * none: set (and marked as named, if mark), their Korean names appended to
 * cols. */
void units_apply(filectx *fc, const int64_t *scale, bool mark, strbuf *cols);
/* "지원금액 (amount_krw)" for header field i, or "column 9" if it names none
 * (valid until the next call). */
const char *header_name(filectx *fc, uint32_t i);

/* ---- what Excel exports carry (ingest_excel.c) ---- */

/* Projects and firms: the row's fields with invisible characters cleaned. */
const csv_field *clean_fields(filectx *fc, const csv_field *f, uint32_t nf);
/* Cleans the value of column c (field fi) when it holds an invisible character. */
void check_invisible(filectx *fc, int c, int fi, const char **s, size_t *n);
/* A value that failed to parse, made ready for one more try; true if it changed. */
bool retry_value(filectx *fc, int c, int fi, const char **s, size_t *n);
/* A row of empty fields only: a blank line. */
bool row_is_empty(const csv_field *f, uint32_t nf);
bool totals_row_slow(filectx *fc);

/* A totals row (합계, 소계, …): skipped with a note. */
static inline bool totals_row(filectx *fc)
{
    /* The common row starts with an ASCII ID: no totals label. */
    if (fc->nf && fc->f[0].len) {
        unsigned char c0 = (unsigned char)fc->f[0].s[0];
        if (c0 < 0x80 && c0 != ' ' && c0 != '	')
            return false;
    }
    return totals_row_slow(fc);
}

#endif
