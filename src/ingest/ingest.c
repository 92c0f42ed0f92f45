/* ingest.c — the three input files into one validated dataset.
 *
 * Files are read in dependency order (projects, firms, allocations) so that
 * every allocation is checked against the other two while it streams past:
 * one pass per file, no second pass over rows. Each file's header is matched
 * against a column table (English name, Korean name, more aliases; case,
 * spaces, '_' and '-' ignored, a trailing "(unit)" split off and, for amount
 * columns, turned into a scale to won). Every row is then checked field by
 * field, and all problems of a row are reported, not only the first.
 *
 * Problems are collected per file with a position that costs nothing to
 * record — (record, field), see csv_reader.h — and resolved to line:col in
 * one re-scan when the file is done; only then do they go to the diag_list.
 * The list's limit is honoured while collecting, so a million bad rows cost
 * no memory.
 *
 * What Excel exports carry (docs/input.md) is handled here, off the fast
 * path: the header is searched for among the first lines (title rows),
 * rows of empty fields are blank, totals rows (합계, 소계) are recognised by
 * their label and empty IDs, and a value that fails to parse gets one more
 * try after invisible characters, apostrophes and full-width digits are
 * normalised (an Excel serial date is read as a date). Repeated problems of
 * one kind in one column are grouped (problem_at / problem_grouped).
 *
 * Lookups (IDs, instruments, agencies) use open-addressing tables of
 * (hash, index) over strings that live in the dataset. Allocation IDs are
 * usually in increasing order; while they are, uniqueness follows from the
 * order and no table is built at all (it is built the moment an ID breaks
 * the order). Instruments and agencies remember the last hit, which is the
 * common case in exports sorted by project. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "csv_reader.h"
#include "encoding.h"
#include "exitcodes.h"
#include "hindex.h"
#include "ingest.h"
#include "parse.h"
#include "strbuf.h"

/* ---- column tables ---- */

typedef struct colspec {
    const char *en, *ko;
    const char *aliases; /* '|'-separated, matched like the names */
    bool required, amount;
} colspec;

enum { P_ID, P_REGION, P_TITLE, P_LEAD, P_PHASE, P_START, P_END, P_BUDGET, P_FIELDS, P_GRADE, P_QUOTE, P_N };
static const colspec project_cols[P_N] = {
    [P_ID] = {"project_id", "프로젝트ID", "프로젝트코드|과제ID|project", true, false},
    [P_REGION] = {"region", "시도", "시·도|지역", true, false},
    [P_TITLE] = {"title", "프로젝트명", "과제명|사업명|project_name", true, false},
    [P_LEAD] = {"lead_agency", "주관기관", "lead", true, false},
    [P_PHASE] = {"phase", "단계", "차수", false, false},
    [P_START] = {"start_year", "시작연도", "시작년도", false, false},
    [P_END] = {"end_year", "종료연도", "종료년도", false, false},
    [P_BUDGET] = {"budget_krw", "사업비", "budget|총사업비", false, true},
    [P_FIELDS] = {"fields", "특화분야", "분야", false, false},
    [P_GRADE] = {"grade", "평가등급", "등급", false, false},
    [P_QUOTE] = {"quote", "인용문", "발언|관계자 발언", false, false},
};

enum { F_ID, F_NAME, F_CEO, F_REGION, F_CITY, F_INDUSTRY, F_EMP, F_REV, F_EXP, F_FOUNDED, F_N };
static const colspec firm_cols[F_N] = {
    [F_ID] = {"firm_id", "사업자등록번호", "사업자번호|brn", true, false},
    [F_NAME] = {"name", "기업명", "firm_name|업체명|회사명", true, false},
    [F_CEO] = {"ceo", "대표자", "대표자명", false, false},
    [F_REGION] = {"region", "시도", "시·도|지역", true, false},
    [F_CITY] = {"city", "시군구", "시·군·구", false, false},
    [F_INDUSTRY] = {"industry", "업종", "", false, false},
    [F_EMP] = {"employees", "상시근로자수", "종업원수|근로자수", false, false},
    [F_REV] = {"revenue_krw", "매출액", "revenue", false, true},
    [F_EXP] = {"export_krw", "수출액", "exports_krw|export|exports", false, true},
    [F_FOUNDED] = {"founded", "설립연도", "설립년도", false, false},
};

enum { A_ID, A_PROJECT, A_FIRM, A_INSTR, A_AGENCY, A_AMOUNT, A_DATE, A_STATUS, A_N };
static const colspec alloc_cols[A_N] = {
    [A_ID] = {"alloc_id", "지원ID", "지원번호", true, false},
    [A_PROJECT] = {"project_id", "프로젝트ID", "과제ID", true, false},
    [A_FIRM] = {"firm_id", "사업자등록번호", "사업자번호|brn", true, false},
    [A_INSTR] = {"instrument", "정책수단", "지원사업", true, false},
    [A_AGENCY] = {"agency", "지원기관", "수행기관", false, false},
    [A_AMOUNT] = {"amount_krw", "지원금액", "amount|금액", true, true},
    [A_DATE] = {"date", "집행일", "집행일자|지원일|일자", true, false},
    [A_STATUS] = {"status", "상태", "", false, false},
};

/* Room for the widest table's columns (projects: P_N = 11). */
#define MAX_COLS 11
_Static_assert(P_N <= MAX_COLS && F_N <= MAX_COLS && A_N <= MAX_COLS,
               "MAX_COLS must hold every table's columns");

static const colspec *const tables[SRC_COUNT] = {project_cols, firm_cols, alloc_cols};
static const int table_len[SRC_COUNT] = {P_N, F_N, A_N};

/* ---- hash tables of indices ---- */

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = UINT64_C(0x9E3779B97F4A7C15) ^ n;
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * UINT64_C(0xbf58476d1ce4e5b9);
        h ^= h >> 29;
        s += 8;
        n -= 8;
    }
    if (n) {
        uint64_t w = 0;
        memcpy(&w, s, n);
        h = (h ^ w) * UINT64_C(0xbf58476d1ce4e5b9);
        h ^= h >> 29;
    }
    h *= UINT64_C(0x94d049bb133111eb);
    return h ^ (h >> 31);
}

/* String keys: a slot holds (index + 1) << 32 | the low 32 bits of the
 * key's hash, so most mismatches are rejected without touching the key. */
typedef hindex idtab;

/* The key of index i, for comparisons. */
typedef const char *(*key_fn)(const void *ctx, uint32_t i, size_t *len);

static uint32_t slot_index(uint64_t slot) { return (uint32_t)(slot >> 32) - 1; }

static inline __attribute__((always_inline)) uint32_t
tab_find(const idtab *t, uint64_t h, const char *k, size_t n, key_fn key, const void *ctx)
{
    if (!t->cap)
        return NO_INDEX;
    for (size_t i = hindex_home(t, h); t->slot[i]; i = hindex_next(t, i)) {
        if ((uint32_t)t->slot[i] == (uint32_t)h) {
            size_t kl;
            const char *ks = key(ctx, slot_index(t->slot[i]), &kl);
            if (kl == n && memcmp(ks, k, n) == 0)
                return slot_index(t->slot[i]);
        }
    }
    return NO_INDEX;
}

typedef struct key_src {
    key_fn key;
    const void *ctx;
} key_src;

/* Growing needs the full hash, so it is computed again from the key. */
static uint64_t key_rehash(uint64_t slot, const void *ctx)
{
    const key_src *src = ctx;
    size_t kl;
    const char *ks = src->key(src->ctx, slot_index(slot), &kl);
    return hash_bytes(ks, kl);
}

/* Adds idx under hash h (the caller checked it is absent). */
static void tab_add(idtab *t, uint64_t h, uint32_t idx, key_fn key, const void *ctx)
{
    key_src src = {key, ctx};
    hindex_reserve(t, 2, key_rehash, &src);
    hindex_put(t, h, ((uint64_t)idx + 1) << 32 | (uint32_t)h);
}

/* Firms are looked up once per allocation, at random: their slot holds the
 * number itself (10 digits < 2^34) packed with the index, key << 30 |
 * (index + 1), so a lookup touches one cache line instead of two. */
typedef hindex brntab;

static uint64_t brn_num(const char id[10])
{
    uint64_t v = 0;
    for (int i = 0; i < 10; i++)
        v = v * 10 + (uint64_t)(id[i] - '0');
    return v;
}

static uint64_t brn_hash(uint64_t key) { return key * UINT64_C(0x9E3779B97F4A7C15); }
static uint64_t brn_rehash(uint64_t slot, const void *ctx) { return brn_hash(slot >> 30); }

static uint32_t brn_find(const brntab *t, uint64_t key)
{
    if (!t->cap)
        return NO_INDEX;
    for (size_t i = hindex_home(t, brn_hash(key)); t->slot[i]; i = hindex_next(t, i))
        if (t->slot[i] >> 30 == key)
            return (uint32_t)(t->slot[i] & ((UINT64_C(1) << 30) - 1)) - 1;
    return NO_INDEX;
}

static void brn_add(brntab *t, uint64_t key, uint32_t idx)
{
    hindex_reserve(t, 3, brn_rehash, NULL);
    hindex_put(t, brn_hash(key), key << 30 | ((uint64_t)idx + 1));
}

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
    source_kind kind;
    const char *path;
    const colspec *cols;
    int ncols;
    int map[MAX_COLS];       /* column → header field, -1 = absent */
    int64_t scale[MAX_COLS]; /* amount columns: header unit */
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

static const char *project_key(const void *ctx, uint32_t i, size_t *len)
{
    const ingest *in = ctx;
    *len = in->project_len[i];
    return in->ds->projects[i].id;
}
static const char *alloc_key(const void *ctx, uint32_t i, size_t *len)
{
    const char *s = ((const dataset *)ctx)->allocs[i].id;
    *len = strlen(s);
    return s;
}
static const char *instr_key(const void *ctx, uint32_t i, size_t *len)
{
    const char *s = ((const dataset *)ctx)->instruments[i];
    *len = strlen(s);
    return s;
}
static const char *agency_key(const void *ctx, uint32_t i, size_t *len)
{
    const char *s = ((const dataset *)ctx)->agencies[i];
    *len = strlen(s);
    return s;
}

/* ---- problems ---- */

#define COL(fc, c) (fc)->cols[c].ko, (fc)->cols[c].en

/* Appends a pending entry (msg may be NULL: a bare location). */
static size_t pend_push(filectx *fc, diag_severity sev, csv_loc loc, char *msg, int grp)
{
    if (fc->npend == fc->cap) {
        size_t cap = fc->cap;
        xgrow((void **)&fc->locs, &cap, fc->npend + 1, sizeof *fc->locs);
        xgrow((void **)&fc->pm, &fc->cap, fc->npend + 1, sizeof *fc->pm);
    }
    fc->locs[fc->npend] = loc;
    fc->pm[fc->npend] = (pend){.sev = sev, .msg = msg, .group = grp};
    if (msg || grp >= 0)
        fc->nshown++;
    return fc->npend++;
}

static group *find_group(filectx *fc, const char *fmt, csv_loc loc, diag_severity sev,
                         bool from_first)
{
    if (loc.kind != CSV_LOC_FIELD)
        return NULL;
    for (int i = 0; i < fc->ngroups; i++) {
        group *g = &fc->groups[i];
        if (g->fmt == fmt && g->field == loc.field && g->sev == sev)
            return g;
    }
    if (fc->ngroups == GROUP_MAX)
        return NULL;
    group *g = &fc->groups[fc->ngroups++];
    memset(g, 0, sizeof *g);
    g->fmt = fmt;
    g->field = loc.field;
    g->sev = sev;
    g->from_first = from_first;
    return g;
}

/* The column a header field maps to, for a group's summary. */
static const char *column_name(filectx *fc, uint32_t field)
{
    for (int c = 0; c < fc->ncols; c++)
        if (fc->map[c] == (int)field)
            return xasprintf("%s (%s)", COL(fc, c));
    return xasprintf("column %u", field + 1);
}

static void problem_add(filectx *fc, diag_severity sev, csv_loc loc, bool from_first,
                        const char *fmt, va_list ap) PRINTF_LIKE(5, 0) __attribute__((cold));
static void problem_add(filectx *fc, diag_severity sev, csv_loc loc, bool from_first,
                        const char *fmt, va_list ap)
{
    diag_list *d = fc->in->d;
    if (sev == DIAG_ERROR)
        fc->row_errors++;
    group *g = find_group(fc, fmt, loc, sev, from_first);
    if (g && ++g->seen > (g->from_first ? 1u : GROUP_SHOW)) {
        /* Folded into the group's one line; still counted as a problem. */
        if (!g->has_head) {
            g->has_head = true;
            g->column = column_name(fc, g->field);
            g->head = pend_push(fc, sev, loc, NULL, (int)(g - fc->groups));
        } else if (g->nat < GROUP_LINES) {
            g->at[g->nat++] = pend_push(fc, sev, loc, NULL, -1);
        }
        g->folded++;
        return;
    }
    if (d->limit && d->n + fc->nshown >= d->limit) {
        d->count[sev]++;
        d->dropped++;
        return;
    }
    strbuf b = {0};
    sb_vaddf(&b, fmt, ap);
    size_t i = pend_push(fc, sev, loc, sb_take(&b), -1);
    if (g && g->from_first) {
        g->has_head = true;
        g->head = i;
        g->folded = 1;
        fc->pm[i].group = (int)(g - fc->groups);
    }
}

static void problem_at(filectx *fc, diag_severity sev, csv_loc loc, const char *fmt, ...)
    PRINTF_LIKE(4, 5);
static void problem_at(filectx *fc, diag_severity sev, csv_loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    problem_add(fc, sev, loc, false, fmt, ap);
    va_end(ap);
}

/* One line for all occurrences in the column (their count and first lines). */
static void problem_grouped(filectx *fc, diag_severity sev, csv_loc loc, const char *fmt, ...)
    PRINTF_LIKE(4, 5);
static void problem_grouped(filectx *fc, diag_severity sev, csv_loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    problem_add(fc, sev, loc, true, fmt, ap);
    va_end(ap);
}

static csv_loc at_field(filectx *fc, uint32_t field)
{
    return (csv_loc){.kind = CSV_LOC_FIELD, .record = fc->record, .field = field};
}

static csv_loc at_row(filectx *fc)
{
    return (csv_loc){.kind = CSV_LOC_ROW, .record = fc->record};
}

/* Resolves the pending problems of the file and hands them to the list. */
/* "lines 4, 9, 12 and 3 more" for a group's folded occurrences. */
static void group_lines(filectx *fc, const group *g, bool with_head, strbuf *b)
{
    uint64_t listed = 0;
    sb_adds(b, g->folded == 1 ? "line " : "lines ");
    if (with_head) {
        sb_addf(b, "%u", fc->locs[g->head].line);
        listed++;
    }
    for (uint32_t k = 0; k < g->nat && listed < GROUP_LINES; k++, listed++)
        sb_addf(b, "%s%u", listed ? ", " : "", fc->locs[g->at[k]].line);
    if (g->folded > listed)
        sb_addf(b, " and %llu more", (unsigned long long)(g->folded - listed));
}

/* Drops everything pending (after an error that makes them moot). */
static void drop_problems(filectx *fc)
{
    for (size_t i = 0; i < fc->npend; i++)
        free(fc->pm[i].msg);
    for (int i = 0; i < fc->ngroups; i++)
        free((char *)fc->groups[i].column);
    free(fc->locs);
    free(fc->pm);
    fc->locs = NULL;
    fc->pm = NULL;
    fc->npend = fc->cap = fc->nshown = 0;
    fc->ngroups = 0;
}

static void flush_problems(filectx *fc, text_encoding enc)
{
    if (!fc->npend)
        return;
    csv_locate(fc->path, enc, fc->locs, fc->npend);
    diag_list *d = fc->in->d;
    for (size_t i = 0; i < fc->npend; i++) {
        pend *pm = &fc->pm[i];
        const group *g = pm->group >= 0 ? &fc->groups[pm->group] : NULL;
        if (!pm->msg && !g)
            continue; /* a location named in a summary */
        strbuf b = {0};
        if (pm->msg)
            sb_adds(&b, pm->msg);
        if (g && g->from_first && g->folded > 1) {
            sb_addf(&b, "; %llu times in this column, on ", (unsigned long long)g->folded);
            group_lines(fc, g, true, &b);
        } else if (g && !g->from_first) {
            sb_addf(&b, "%s: %llu more like the %d above, on ", g->column,
                    (unsigned long long)g->folded, GROUP_SHOW);
            group_lines(fc, g, true, &b);
        }
        size_t before = d->n;
        diag_add(d, pm->sev, fc->path, fc->locs[i].line, fc->locs[i].col, "%s", sb_str(&b));
        /* The folded occurrences are problems too: counted, not printed (and
         * not shown at all when the summary itself is past the limit). */
        if (g && g->folded > 1) {
            d->count[pm->sev] += g->folded - 1;
            if (d->n == before)
                d->dropped += g->folded - 1;
        }
        sb_free(&b);
    }
    drop_problems(fc);
}

/* A value for a message: at most 40 characters, cut at a character boundary. */
static const char *shown(ingest *in, const char *s, size_t n)
{
    sb_reset(&in->tmp);
    size_t chars = 0, i = 0;
    while (i < n && chars < 40) {
        i++;
        while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        chars++;
    }
    sb_addn(&in->tmp, s, i);
    if (i < n)
        sb_adds(&in->tmp, "…");
    return sb_str(&in->tmp);
}

/* ---- values ---- */

static void trim(const char **s, size_t *n)
{
    while (*n && (**s == ' ' || **s == '\t')) {
        (*s)++;
        (*n)--;
    }
    while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
        (*n)--;
}

/* ---- invisible characters ----
 * Characters that show nothing, or look like a space, make two values that
 * print the same compare different (an 11th 정책수단 that looks like one of
 * the ten). Anywhere in a value, the format characters U+FEFF (a BOM not at
 * the start of the file), U+200B..U+200F, U+202A..U+202E, U+2060..U+2064,
 * U+2066..U+2069 and U+00AD are removed; the no-break and ideographic spaces
 * U+00A0, U+2007, U+202F and U+3000 become a space, and spaces at the ends
 * are trimmed. The value is then read as cleaned, with one warning per
 * column (grouped). */

/* The code point of the invisible character starting at s[0..n), and its
 * byte length in *len; 0 if there is none there. *space: it reads as a space. */
static uint32_t invisible_at(const unsigned char *s, size_t n, size_t *len, bool *space)
{
    *space = false;
    if (n >= 2 && s[0] == 0xC2 && (s[1] == 0xA0 || s[1] == 0xAD)) {
        *len = 2;
        *space = s[1] == 0xA0;
        return 0x80u | s[1];
    }
    if (n < 3 || (s[0] != 0xE2 && s[0] != 0xE3 && s[0] != 0xEF))
        return 0;
    uint32_t cp = (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
    *len = 3;
    if (cp == 0x3000 || cp == 0x2007 || cp == 0x202F) {
        *space = true;
        return cp;
    }
    if (cp == 0xFEFF || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
        (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x2069))
        return cp;
    return 0;
}

static const char *invisible_name(uint32_t cp)
{
    switch (cp) {
    case 0x00A0: return "no-break space";
    case 0x00AD: return "soft hyphen";
    case 0x2007: return "figure space";
    case 0x200B: return "zero width space";
    case 0x200C: return "zero width non-joiner";
    case 0x200D: return "zero width joiner";
    case 0x202F: return "narrow no-break space";
    case 0x2060: return "word joiner";
    case 0x3000: return "ideographic space";
    case 0xFEFF: return "byte order mark";
    default: return "invisible formatting character";
    }
}

/* If the value holds an invisible character, reports it (one warning per
 * column) and points *s, *n at the cleaned value (valid until the column's
 * next cleaning). */
static __attribute__((noinline, cold)) void clean_value(filectx *fc, int c, int fi,
                                                        const char **s, size_t *n)
{
    const unsigned char *p = (const unsigned char *)*s;
    size_t i = 0, len;
    bool space;
    uint32_t cp = 0;
    for (; i < *n; i++)
        if (p[i] >= 0xC2 && (cp = invisible_at(p + i, *n - i, &len, &space)) != 0)
            break;
    if (!cp)
        return;
    strbuf *b = &fc->clean[c];
    sb_reset(b);
    sb_addn(b, *s, i);
    while (i < *n) {
        uint32_t k = p[i] >= 0xC2 ? invisible_at(p + i, *n - i, &len, &space) : 0;
        if (k) {
            if (space)
                sb_addc(b, ' ');
            i += len;
        } else {
            sb_addc(b, (char)p[i++]);
        }
    }
    const char *t = sb_str(b);
    size_t tn = b->len;
    trim(&t, &tn);
    memmove(b->s, t, tn); /* trimmed and NUL-terminated, like a field */
    b->s[tn] = '\0';
    b->len = tn;
    t = b->s;
    problem_grouped(fc, DIAG_WARNING, (csv_loc){.kind = CSV_LOC_FIELD, .record = fc->record,
                                                .field = (uint32_t)fi},
                    "%s (%s): \"%s\" holds U+%04X (%s); read as \"%.*s\", so that it does not "
                    "count as a different value that looks the same",
                    COL(fc, c), shown(fc->in, *s, *n), cp, invisible_name(cp), (int)tn, t);
    *s = t;
    *n = tn;
}

/* Whether s holds a byte that starts an invisible character (C2, E2, E3,
 * EF; Hangul starts with EA..ED), 8 bytes a step: a byte equal to b makes
 * (w ^ b×8) have a zero byte. */
static bool maybe_invisible(const char *s, size_t n)
{
    const uint64_t ones = UINT64_C(0x0101010101010101), highs = ones << 7;
#define ZERO_BYTE(x) (((x) - ones) & ~(x) & highs)
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (!(w & highs))
            continue;
        uint64_t a = w ^ (ones * 0xC2), b = w ^ (ones * 0xE2), c = w ^ (ones * 0xE3),
                 d = w ^ (ones * 0xEF);
        if (ZERO_BYTE(a) | ZERO_BYTE(b) | ZERO_BYTE(c) | ZERO_BYTE(d))
            return true;
    }
#undef ZERO_BYTE
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0xC2 || c == 0xE2 || c == 0xE3 || c == 0xEF)
            return true;
    }
    return false;
}

/* Projects and firms (small files): every value of a known column is checked
 * for invisible characters, the row then read from a copy of its fields that
 * points at the cleaned values. In allocations (a million rows) only the IDs
 * and the values that failed to match or parse are (see row_alloc). */
static __attribute__((noinline)) const csv_field *clean_fields(filectx *fc, const csv_field *f,
                                                                uint32_t nf)
{
    const csv_field *out = f;
    for (int c = 0; c < fc->ncols; c++) {
        int fi = fc->map[c];
        if (fi < 0 || (uint32_t)fi >= nf || !maybe_invisible(f[fi].s, f[fi].len))
            continue;
        if (out == f) {
            xgrow((void **)&fc->fcopy, &fc->fcopy_cap, nf, sizeof *fc->fcopy);
            memcpy(fc->fcopy, f, nf * sizeof *f);
            out = fc->fcopy;
        }
        const char *s = f[fi].s;
        size_t n = f[fi].len;
        clean_value(fc, c, fi, &s, &n);
        fc->fcopy[fi].s = s;
        fc->fcopy[fi].len = (uint32_t)n;
    }
    return out;
}

/* Cleans the value of column c when it may hold an invisible character.
 * Kept out of line: the common value is plain and this is never inlined
 * into the per-row code. */
static __attribute__((noinline, cold)) void check_invisible(filectx *fc, int c, int fi,
                                                      const char **s, size_t *n)
{
    if (fi >= 0 && maybe_invisible(*s, *n))
        clean_value(fc, c, fi, s, n);
}

/* An ID of ASCII only (the rule) holds no invisible character: 8 bytes a test. */
static inline bool all_ascii(const char *s, size_t n)
{
    uint64_t acc = 0, w;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        memcpy(&w, s + i, 8);
        acc |= w;
    }
    for (; i < n; i++)
        acc |= (unsigned char)s[i];
    return !(acc & UINT64_C(0x8080808080808080));
}

/* A value that failed to parse, made ready for one more try: invisible
 * characters removed (with their warning), then a leading apostrophe and
 * full-width digits (Excel users' ways of typing numbers) normalised, which
 * needs no warning. Returns true if the value changed. */
static __attribute__((cold)) bool retry_value(filectx *fc, int c, int fi, const char **s,
                                              size_t *n)
{
    const char *s0 = *s;
    size_t n0 = *n;
    if (maybe_invisible(*s, *n))
        clean_value(fc, c, fi, s, n);
    size_t k = normalize_digits(*s, *n, fc->numbuf, sizeof fc->numbuf);
    if (k) {
        *s = fc->numbuf;
        *n = k;
    }
    return *s != s0 || *n != n0;
}

/* The trimmed value of column c in the current row; empty when the column or
 * the field is absent. Returns the field index (for positions) or -1. */
static int value(filectx *fc, int c, const char **s, size_t *n)
{
    int fi = fc->map[c];
    if (fi < 0 || (uint32_t)fi >= fc->nf) {
        *s = "";
        *n = 0;
        return -1;
    }
    *s = fc->f[fi].s;
    *n = fc->f[fi].len;
    trim(s, n);
    return fi;
}

/* Required non-empty value; reports and returns false when empty. */
static bool required(filectx *fc, int c, const char **s, size_t *n, int *fi)
{
    *fi = value(fc, c, s, n);
    if (*n)
        return true;
    if (*fi >= 0) /* a field missing from a short row is reported once per row */
        problem_at(fc, DIAG_ERROR, at_field(fc, (uint32_t)*fi),
                   "%s (%s): missing value (the column is required)", COL(fc, c));
    return false;
}

static void bad_value(filectx *fc, int c, int fi, const char *s, size_t n, const char *noun,
                      const char *why)
{
    problem_at(fc, DIAG_ERROR, at_field(fc, (uint32_t)fi), "%s (%s): \"%s\" is not %s (it %s)",
               COL(fc, c), shown(fc->in, s, n), noun, why);
}

/* Adds a parsed amount to its column's total. Every figure the reports print
 * is a sum of some of a column's values, so a column whose total fits in
 * int64 can never overflow a report sum; one whose total does not is an
 * error at the first cell that pushes it over (reported once per file). */
static void add_to_total(filectx *fc, int c, int fi, const char *s, size_t n, won_t v)
{
    if (v <= 0 || fc->sum_over[c])
        return;
    if (__builtin_add_overflow(fc->sum[c], v, &fc->sum[c])) {
        fc->sum_over[c] = true;
        problem_at(fc, DIAG_ERROR, at_field(fc, (uint32_t)fi),
                   "%s (%s): \"%s\" brings the column's total over 9223372036854775807 won, "
                   "the largest sum the reports can hold",
                   COL(fc, c), shown(fc->in, s, n));
        return;
    }
    fc->part[c] += v; /* never past sum[c], whose addition did not overflow */
    if (fc->sum[c] > ((int64_t)1 << 53) && !fc->sum_inexact[c]) {
        /* Spreadsheet numbers are doubles: past 2^53 won not every integer exists. */
        fc->sum_inexact[c] = true;
        problem_at(fc, DIAG_WARNING, at_field(fc, (uint32_t)fi),
                   "%s (%s): \"%s\" brings the column's total over 9007199254740992 won (2^53); "
                   "figures.json and the PDFs stay exact, but the workbook stores numbers as "
                   "doubles and may show such amounts and sums rounded",
                   COL(fc, c), shown(fc->in, s, n));
    }
}

static bool get_amount(filectx *fc, int c, won_t *out)
{
    const char *s, *why;
    size_t n;
    int fi = value(fc, c, &s, &n);
    if (!n)
        return false;
    if (!parse_amount(s, n, fc->scale[c], out, &why) &&
        (!retry_value(fc, c, fi, &s, &n) || !parse_amount(s, n, fc->scale[c], out, &why))) {
        bad_value(fc, c, fi, s, n, "an amount", why);
        return false;
    }
    add_to_total(fc, c, fi, s, n, *out);
    return true;
}

static bool get_year(filectx *fc, int c, int *out)
{
    const char *s, *why;
    size_t n;
    int fi = value(fc, c, &s, &n);
    if (!n)
        return false;
    if (!parse_year(s, n, out, &why)) {
        bad_value(fc, c, fi, s, n, "a year", why);
        return false;
    }
    return true;
}

/* The row's 시군구 (firms) is a 구 of 광주광역시, which settles "광주시". */
static bool gwangju_district(filectx *fc)
{
    if (fc->kind != SRC_FIRMS)
        return false;
    const char *s;
    size_t n;
    value(fc, F_CITY, &s, &n);
    static const char *const gu[] = {"동구", "서구", "남구", "북구", "광산구"};
    for (size_t k = 0; k < ARRAY_LEN(gu); k++)
        if (strlen(gu[k]) == n && memcmp(gu[k], s, n) == 0)
            return true;
    return false;
}

static int get_region(filectx *fc, int c)
{
    const char *s;
    size_t n;
    int fi;
    if (!required(fc, c, &s, &n, &fi))
        return REGION_NONE;
    int r = region_parse(s, n);
    if (r == REGION_NONE)
        problem_at(fc, DIAG_ERROR, at_field(fc, (uint32_t)fi),
                   "%s (%s): \"%s\" is not one of the 17 시·도 (e.g. 부산광역시 or 부산)", COL(fc, c),
                   shown(fc->in, s, n));
    else if (n == strlen("광주시") && memcmp(s, "광주시", n) == 0 && !gwangju_district(fc))
        /* 광주시 is also a city of 경기도: accepted as the 광역시, said once
         * (not when the row's 시군구 is one of the 광역시's five 구). */
        problem_grouped(fc, DIAG_NOTE, at_field(fc, (uint32_t)fi),
                        "%s (%s): \"광주시\" read as 광주광역시; if 경기도 광주시 is meant, write "
                        "경기도 here and 광주시 under 시군구 (city)",
                        COL(fc, c));
    return r;
}

static const char *opt_text(filectx *fc, int c)
{
    const char *s;
    size_t n;
    value(fc, c, &s, &n);
    return n ? arena_strndup(&fc->in->ds->arena, s, n) : NULL;
}

static const char *req_text(filectx *fc, int c)
{
    const char *s;
    size_t n;
    int fi;
    if (!required(fc, c, &s, &n, &fi))
        return NULL;
    return arena_strndup(&fc->in->ds->arena, s, n);
}

/* ---- header ---- */

/* Lowercases ASCII and drops spaces, '_', '-', '·' so that "Project ID",
 * "project_id" and "시·도"/"시도" compare equal. */
static size_t norm_name(const char *s, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '_' || c == '-' || c == '\t')
            continue;
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xB7) { /* · */
            i++;
            continue;
        }
        out[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    return k;
}

static bool name_is(const char *norm, size_t n, const char *name, size_t len)
{
    char buf[128];
    size_t k = norm_name(name, len, buf, sizeof buf);
    return k == n && memcmp(buf, norm, n) == 0;
}

static int match_column(const filectx *fc, const char *norm, size_t n)
{
    for (int c = 0; c < fc->ncols; c++) {
        const colspec *cs = &fc->cols[c];
        if (name_is(norm, n, cs->en, strlen(cs->en)) || name_is(norm, n, cs->ko, strlen(cs->ko)))
            return c;
        for (const char *a = cs->aliases; *a;) {
            const char *e = strchr(a, '|');
            size_t len = e ? (size_t)(e - a) : strlen(a);
            if (name_is(norm, n, a, len))
                return c;
            a += len + (e ? 1 : 0);
        }
    }
    return -1;
}

/* The column a header cell names (or -1), and its "(unit)" if any. */
static int header_cell(const filectx *fc, const csv_field *f, const char **unit, size_t *ulen)
{
    const char *s = f->s;
    size_t n = f->len;
    *unit = NULL;
    *ulen = 0;
    trim(&s, &n);
    if (n && s[n - 1] == ')') {
        const char *open = NULL;
        for (size_t k = n - 1; k-- > 0;)
            if (s[k] == '(') {
                open = s + k;
                break;
            }
        if (open && open > s) {
            *unit = open;
            *ulen = (size_t)(s + n - open);
            n = (size_t)(open - s);
            trim(&s, &n);
        }
    }
    char norm[256];
    size_t nn = norm_name(s, n, norm, sizeof norm);
    return nn ? match_column(fc, norm, nn) : -1;
}

/* How many of the file's required columns the row names. */
static int required_named(const filectx *fc, const csv_field *f, uint32_t nf)
{
    bool seen[MAX_COLS] = {false};
    int got = 0;
    for (uint32_t i = 0; i < nf; i++) {
        const char *unit;
        size_t ulen;
        int c = f[i].len ? header_cell(fc, &f[i], &unit, &ulen) : -1;
        if (c >= 0 && fc->cols[c].required && !seen[c]) {
            seen[c] = true;
            got++;
        }
    }
    return got;
}

static int required_count(const filectx *fc)
{
    int n = 0;
    for (int c = 0; c < fc->ncols; c++)
        n += fc->cols[c].required;
    return n;
}

static void read_header(filectx *fc)
{
    ingest *in = fc->in;
    strbuf unknown = {0};
    fc->nheader = fc->nf;
    for (int c = 0; c < fc->ncols; c++) {
        fc->map[c] = -1;
        fc->scale[c] = 1;
    }
    for (uint32_t i = 0; i < fc->nf; i++) {
        const char *unit;
        size_t ulen;
        int c = header_cell(fc, &fc->f[i], &unit, &ulen);
        if (c < 0) {
            if (unknown.len)
                sb_adds(&unknown, ", ");
            sb_addf(&unknown, "\"%s\"", shown(in, fc->f[i].s, fc->f[i].len));
            continue;
        }
        if (fc->map[c] >= 0) {
            problem_at(fc, DIAG_ERROR, at_field(fc, i),
                       "duplicate column %s (%s): it is also column %d", COL(fc, c), fc->map[c] + 1);
            continue;
        }
        fc->map[c] = (int)i;
        if (unit && fc->cols[c].amount) {
            int64_t sc = unit_scale(unit, ulen);
            if (!sc)
                problem_at(fc, DIAG_ERROR, at_field(fc, i),
                           "%s (%s): unknown unit \"%.*s\" (use 원, 천원, 백만원 or 억원)", COL(fc, c),
                           (int)ulen, unit);
            else
                fc->scale[c] = sc;
        }
    }
    fc->header_ok = true;
    for (int c = 0; c < fc->ncols; c++)
        if (fc->cols[c].required && fc->map[c] < 0) {
            problem_at(fc, DIAG_ERROR, at_row(fc), "missing required column %s (%s)", COL(fc, c));
            fc->header_ok = false;
        }
    if (unknown.len)
        problem_at(fc, DIAG_NOTE, at_row(fc), "unknown column%s ignored: %s",
                   strchr(unknown.s, ',') ? "s" : "", unknown.s);
    sb_free(&unknown);
}

/* ---- rows ---- */

static void row_project(filectx *fc)
{
    ingest *in = fc->in;
    dataset *ds = in->ds;
    project p;
    memset(&p, 0, sizeof p);
    p.line = 0;
    p.budget = WON_ABSENT;
    const char *s;
    size_t n;
    int fi;
    bool have_id = required(fc, P_ID, &s, &n, &fi);
    uint64_t h = 0;
    if (have_id) {
        h = hash_bytes(s, n);
        uint32_t dup = tab_find(&in->projects, h, s, n, project_key, in);
        if (dup != NO_INDEX) {
            problem_at(fc, DIAG_ERROR, at_field(fc, (uint32_t)fi),
                       "%s (%s): \"%s\" appears twice (first on line %u)", COL(fc, P_ID),
                       shown(in, s, n), ds->projects[dup].line);
            have_id = false;
        } else {
            p.id = arena_strndup(&ds->arena, s, n);
        }
    }
    p.region = get_region(fc, P_REGION);
    p.title = req_text(fc, P_TITLE);
    p.lead_agency = req_text(fc, P_LEAD);
    p.phase = opt_text(fc, P_PHASE);
    get_year(fc, P_START, &p.start_year);
    get_year(fc, P_END, &p.end_year);
    if (p.start_year && p.end_year && p.end_year < p.start_year) {
        problem_at(fc, DIAG_ERROR, at_field(fc, (uint32_t)fc->map[P_END]),
                   "%s (%s): %d is before the start year %d", COL(fc, P_END), p.end_year,
                   p.start_year);
    }
    if (get_amount(fc, P_BUDGET, &p.budget) && p.budget < 0) {
        problem_at(fc, DIAG_ERROR, at_field(fc, (uint32_t)fc->map[P_BUDGET]),
                   "%s (%s): %lld is negative", COL(fc, P_BUDGET), (long long)p.budget);
        p.budget = WON_ABSENT;
    }
    fi = value(fc, P_FIELDS, &s, &n);
    if (n) {
        uint32_t cnt = 1;
        for (size_t i = 0; i < n; i++)
            cnt += s[i] == ';';
        p.fields = arena_alloc(&ds->arena, cnt * sizeof *p.fields);
        const char *a = s, *end = s + n;
        while (a <= end) {
            const char *e = memchr(a, ';', (size_t)(end - a));
            if (!e)
                e = end;
            const char *t = a;
            size_t tl = (size_t)(e - a);
            trim(&t, &tl);
            if (tl)
                p.fields[p.nfields++] = arena_strndup(&ds->arena, t, tl);
            a = e + 1;
        }
    }
    fi = value(fc, P_GRADE, &s, &n);
    if (n) {
        static const char *const g[] = {"", "우수", "보통", "미흡"};
        for (int k = 1; k < 4; k++)
            if (strlen(g[k]) == n && memcmp(s, g[k], n) == 0)
                p.grade = (project_grade)k;
        if (p.grade == GRADE_NONE)
            problem_at(fc, DIAG_ERROR, at_field(fc, (uint32_t)fi),
                       "%s (%s): \"%s\" is not one of 우수, 보통, 미흡", COL(fc, P_GRADE),
                       shown(in, s, n));
    }
    p.quote = opt_text(fc, P_QUOTE);
    if (!have_id)
        return;
    xgrow((void **)&in->project_len, &in->plen_cap, ds->nprojects + 1, sizeof *in->project_len);
    xgrow((void **)&ds->projects, &in->projects_cap, ds->nprojects + 1, sizeof *ds->projects);
    in->project_len[ds->nprojects] = (uint32_t)strlen(p.id);
    p.line = fc->line;
    ds->projects[ds->nprojects] = p;
    tab_add(&in->projects, h, ds->nprojects, project_key, in);
    ds->nprojects++;
}

/* Exactly 10 digits among the characters (dashes ignored), check digit not checked:
 * lets a firm with a mistyped check digit still be found by its allocations. */
static bool brn_digits(const char *s, size_t n, char out[11])
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9') {
            if (k == 10)
                return false;
            out[k++] = s[i];
        } else if (s[i] != '-') {
            return false;
        }
    }
    out[k] = '\0';
    return k == 10;
}

static void row_firm(filectx *fc)
{
    ingest *in = fc->in;
    dataset *ds = in->ds;
    firm f;
    memset(&f, 0, sizeof f);
    f.employees = -1;
    f.revenue = f.exports = WON_ABSENT;
    const char *s, *why;
    size_t n;
    int fi;
    bool have_id = required(fc, F_ID, &s, &n, &fi);
    if (have_id) {
        if (!parse_brn(s, n, f.id, &why) &&
            (!retry_value(fc, F_ID, fi, &s, &n) || !parse_brn(s, n, f.id, &why))) {
            bad_value(fc, F_ID, fi, s, n, "a business registration number", why);
            have_id = brn_digits(s, n, f.id);
        }
    }
    uint64_t key = 0;
    if (have_id) {
        key = brn_num(f.id);
        uint32_t dup = brn_find(&in->firms, key);
        if (dup != NO_INDEX) {
            char fmt[13];
            brn_format(f.id, fmt);
            const char *raw = shown(in, s, n);
            bool same = strcmp(raw, fmt) == 0; /* else the normalised form follows */
            problem_at(fc, DIAG_ERROR, at_field(fc, (uint32_t)fi),
                       "%s (%s): \"%s\"%s%s%s appears twice (first on line %u)", COL(fc, F_ID),
                       raw, same ? "" : " (", same ? "" : fmt, same ? "" : ")",
                       ds->firms[dup].line);
            have_id = false;
        }
    }
    f.name = req_text(fc, F_NAME);
    f.ceo = opt_text(fc, F_CEO);
    f.region = get_region(fc, F_REGION);
    f.city = opt_text(fc, F_CITY);
    f.industry = opt_text(fc, F_INDUSTRY);
    fi = value(fc, F_EMP, &s, &n);
    if (n) {
        int64_t v;
        if (!parse_int64(s, n, &v, &why))
            bad_value(fc, F_EMP, fi, s, n, "a whole number", why);
        else if (v < 0)
            problem_at(fc, DIAG_ERROR, at_field(fc, (uint32_t)fi), "%s (%s): %lld is negative",
                       COL(fc, F_EMP), (long long)v);
        else
            f.employees = v;
    }
    if (get_amount(fc, F_REV, &f.revenue) && f.revenue < 0) {
        problem_at(fc, DIAG_ERROR, at_field(fc, (uint32_t)fc->map[F_REV]),
                   "%s (%s): %lld is negative", COL(fc, F_REV), (long long)f.revenue);
        f.revenue = WON_ABSENT;
    }
    if (get_amount(fc, F_EXP, &f.exports) && f.exports < 0) {
        problem_at(fc, DIAG_ERROR, at_field(fc, (uint32_t)fc->map[F_EXP]),
                   "%s (%s): %lld is negative", COL(fc, F_EXP), (long long)f.exports);
        f.exports = WON_ABSENT;
    }
    if (f.revenue != WON_ABSENT && f.exports != WON_ABSENT && f.exports > f.revenue)
        problem_at(fc, DIAG_WARNING, at_field(fc, (uint32_t)fc->map[F_EXP]),
                   "%s (%s): %lld is more than the revenue %lld (매출액)", COL(fc, F_EXP),
                   (long long)f.exports, (long long)f.revenue);
    get_year(fc, F_FOUNDED, &f.founded);
    if (!have_id)
        return;
    xgrow((void **)&in->firm_bad, &in->fbad_cap, ds->nfirms + 1, 1);
    xgrow((void **)&ds->firms, &in->firms_cap, ds->nfirms + 1, sizeof *ds->firms);
    in->firm_bad[ds->nfirms] = fc->row_errors > 0;
    f.line = fc->line;
    ds->firms[ds->nfirms] = f;
    brn_add(&in->firms, key, ds->nfirms);
    ds->nfirms++;
}

/* A project ID looked up again after cleaning; out of line (rare). */
static __attribute__((noinline, cold)) uint32_t find_project(const ingest *in, const char *s,
                                                             size_t n)
{
    return tab_find(&in->projects, hash_bytes(s, n), s, n, project_key, in);
}

/* Index of a name in the interned list (the last hit first), or NO_INDEX. */
static uint32_t intern_find(const ingest *in, const char *s, size_t n, const idtab *t,
                            const char **list, key_fn key, uint32_t *last)
{
    if (*last != NO_INDEX) {
        const char *l = list[*last];
        if (strncmp(l, s, n) == 0 && l[n] == '\0')
            return *last;
    }
    uint32_t i = tab_find(t, hash_bytes(s, n), s, n, key, in->ds);
    if (i != NO_INDEX)
        *last = i;
    return i;
}

/* A name not seen before: only now is it worth checking for invisible
 * characters (a clean name is never stored dirty); then it is added, unless
 * its clean form is known. Out of line: the common row never comes here. */
static __attribute__((noinline, cold)) uint32_t
intern_new(filectx *fc, int c, int fi, const char *s, size_t n, idtab *t, const char ***list,
           uint32_t *count, size_t *cap, key_fn key, uint32_t *last)
{
    ingest *in = fc->in;
    uint32_t i = NO_INDEX;
    if (!all_ascii(s, n)) {
        const char *s0 = s;
        check_invisible(fc, c, fi, &s, &n);
        if (s != s0)
            i = intern_find(in, s, n, t, *list, key, last);
    }
    if (i == NO_INDEX) {
        xgrow((void **)list, cap, *count + 1, sizeof **list);
        i = (*count)++;
        (*list)[i] = arena_strndup(&in->ds->arena, s, n);
        tab_add(t, hash_bytes(s, n), i, key, in->ds);
    }
    *last = i;
    return i;
}

/* Order on IDs used by the sorted fast path: shorter first, then bytes. */
static int id_order(const char *a, size_t an, const char *b, size_t bn)
{
    if (an != bn)
        return an < bn ? -1 : 1;
    return memcmp(a, b, an);
}

/* The alloc_status of a 상태 value, or -1. */
static inline int status_of(const char *s, size_t n)
{
    static const struct {
        const char *name;
        alloc_status st;
    } st[] = {{"집행", ALLOC_EXECUTED},    {"선정", ALLOC_SELECTED},
              {"취소", ALLOC_CANCELLED},   {"executed", ALLOC_EXECUTED},
              {"selected", ALLOC_SELECTED}, {"cancelled", ALLOC_CANCELLED},
              {"canceled", ALLOC_CANCELLED}};
    for (size_t k = 0; k < ARRAY_LEN(st); k++)
        if (strlen(st[k].name) == n &&
            (k < 3 ? memcmp(s, st[k].name, n) == 0 : strncasecmp(s, st[k].name, n) == 0))
            return (int)st[k].st;
    return -1;
}

static void row_alloc(filectx *fc)
{
    ingest *in = fc->in;
    dataset *ds = in->ds;
    allocation a;
    memset(&a, 0, sizeof a);
    a.project = a.firm = a.instrument = a.agency = NO_INDEX;
    const char *s, *why;
    size_t n;
    int fi;
    bool have_id = required(fc, A_ID, &s, &n, &fi);
    if (have_id && !all_ascii(s, n)) {
        check_invisible(fc, A_ID, fi, &s, &n);
        have_id = n > 0;
    }
    if (have_id) {
        bool dup = false;
        uint64_t h = 0;
        if (in->allocs_sorted && ds->nallocs) {
            const char *prev = ds->allocs[ds->nallocs - 1].id;
            if (id_order(prev, in->last_alloc_len, s, n) >= 0) {
                /* Order broken: from now on, a table. */
                in->allocs_sorted = false;
                for (uint32_t i = 0; i < ds->nallocs; i++) {
                    const char *k = ds->allocs[i].id;
                    tab_add(&in->allocs, hash_bytes(k, strlen(k)), i, alloc_key, ds);
                }
            }
        }
        if (!in->allocs_sorted) {
            h = hash_bytes(s, n);
            uint32_t d = tab_find(&in->allocs, h, s, n, alloc_key, ds);
            if (d != NO_INDEX) {
                problem_at(fc, DIAG_ERROR, at_field(fc, (uint32_t)fi),
                           "%s (%s): \"%s\" appears twice (first on line %u)", COL(fc, A_ID),
                           shown(in, s, n), ds->allocs[d].line);
                dup = true;
                have_id = false;
            }
        }
        if (!dup) {
            a.id = arena_strndup(&ds->arena, s, n);
            in->last_alloc_len = n;
            if (!in->allocs_sorted)
                tab_add(&in->allocs, h, ds->nallocs, alloc_key, ds);
        }
    }
    if (required(fc, A_PROJECT, &s, &n, &fi)) {
        uint32_t last = in->last_project;
        if (last != NO_INDEX && in->project_len[last] == n && memcmp(ds->projects[last].id, s, n) == 0)
            a.project = last; /* exports sorted by project repeat it row after row */
        else
            a.project = tab_find(&in->projects, hash_bytes(s, n), s, n, project_key, in);
        if (a.project == NO_INDEX && retry_value(fc, A_PROJECT, fi, &s, &n))
            a.project = find_project(in, s, n);
        in->last_project = a.project;
        if (a.project == NO_INDEX && in->ref_projects)
            problem_at(fc, DIAG_ERROR, at_field(fc, (uint32_t)fi),
                       "%s (%s): \"%s\" is not in %s", COL(fc, A_PROJECT), shown(in, s, n),
                       ds->files[SRC_PROJECTS].path);
    }
    if (required(fc, A_FIRM, &s, &n, &fi)) {
        char id[11];
        bool ok = parse_brn(s, n, id, &why);
        if (!ok && retry_value(fc, A_FIRM, fi, &s, &n))
            ok = parse_brn(s, n, id, &why);
        if (ok || brn_digits(s, n, id))
            a.firm = brn_find(&in->firms, brn_num(id));
        if (!ok && a.firm != NO_INDEX && in->firm_bad[a.firm]) {
            /* The firm's own row has errors (a wrong check digit, say): say so once
             * rather than repeat them on every allocation that refers to it. */
            if (in->firm_bad[a.firm] == 1)
                problem_at(fc, DIAG_NOTE, at_field(fc, (uint32_t)fi),
                           "%s (%s): \"%s\" is on line %u of %s, which has errors (noted "
                           "once, at the first allocation that refers to it)",
                           COL(fc, A_FIRM), shown(in, s, n), ds->firms[a.firm].line,
                           ds->files[SRC_FIRMS].path);
            in->firm_bad[a.firm] = 2;
        } else if (!ok) {
            bad_value(fc, A_FIRM, fi, s, n, "a business registration number", why);
        } else if (a.firm == NO_INDEX && in->ref_firms) {
            problem_at(fc, DIAG_ERROR, at_field(fc, (uint32_t)fi),
                       "%s (%s): \"%s\" is not in %s", COL(fc, A_FIRM), shown(in, s, n),
                       ds->files[SRC_FIRMS].path);
        }
    }
    if (required(fc, A_INSTR, &s, &n, &fi)) {
        a.instrument = intern_find(in, s, n, &in->instruments, ds->instruments, instr_key,
                                   &in->last_instr);
        if (a.instrument == NO_INDEX)
            a.instrument = intern_new(fc, A_INSTR, fi, s, n, &in->instruments, &ds->instruments,
                                      &ds->ninstruments, &in->instr_cap, instr_key,
                                      &in->last_instr);
    }
    fi = value(fc, A_AGENCY, &s, &n);
    if (n) {
        a.agency = intern_find(in, s, n, &in->agencies, ds->agencies, agency_key,
                               &in->last_agency);
        if (a.agency == NO_INDEX)
            a.agency = intern_new(fc, A_AGENCY, fi, s, n, &in->agencies, &ds->agencies,
                                  &ds->nagencies, &in->agency_cap, agency_key, &in->last_agency);
    }
    if (required(fc, A_AMOUNT, &s, &n, &fi)) {
        bool ok = parse_amount(s, n, fc->scale[A_AMOUNT], &a.amount, &why);
        if (!ok && retry_value(fc, A_AMOUNT, fi, &s, &n))
            ok = parse_amount(s, n, fc->scale[A_AMOUNT], &a.amount, &why);
        if (!ok)
            bad_value(fc, A_AMOUNT, fi, s, n, "an amount", why);
        else if (a.amount == 0 && n == 1 && *s == '-')
            problem_at(fc, DIAG_ERROR, at_field(fc, (uint32_t)fi),
                       "%s (%s): \"-\" means 0 (Excel's accounting format), and an allocation "
                       "of 0 won supports no firm: leave the row out, or enter the amount",
                       COL(fc, A_AMOUNT));
        else if (a.amount <= 0)
            problem_at(fc, DIAG_ERROR, at_field(fc, (uint32_t)fi),
                       "%s (%s): \"%s\" is not more than 0", COL(fc, A_AMOUNT), shown(in, s, n));
        else
            add_to_total(fc, A_AMOUNT, fi, s, n, a.amount);
    }
    if (required(fc, A_DATE, &s, &n, &fi)) {
        bool ok = parse_date(s, n, &a.date, &why);
        if (!ok && retry_value(fc, A_DATE, fi, &s, &n))
            ok = parse_date(s, n, &a.date, &why);
        if (!ok && parse_excel_serial(s, n, &a.date)) {
            ok = true;
            problem_grouped(fc, DIAG_NOTE, at_field(fc, (uint32_t)fi),
                            "%s (%s): \"%s\" is an Excel serial date (a date cell saved in "
                            "일반 format), read as %04d-%02d-%02d",
                            COL(fc, A_DATE), shown(in, s, n), date_year(a.date),
                            date_month(a.date), date_day(a.date));
        }
        if (!ok) {
            bad_value(fc, A_DATE, fi, s, n, "a date", why);
        } else if (a.project != NO_INDEX) {
            const project *p = &ds->projects[a.project];
            int y = date_year(a.date);
            if ((p->start_year && y < p->start_year) || (p->end_year && y > p->end_year))
                problem_at(fc, DIAG_WARNING, at_field(fc, (uint32_t)fi),
                           "%s (%s): %s is outside the project's years %d..%d", COL(fc, A_DATE),
                           shown(in, s, n), p->start_year, p->end_year);
        }
    }
    fi = value(fc, A_STATUS, &s, &n);
    if (n) {
        int st = status_of(s, n);
        if (st < 0 && maybe_invisible(s, n)) {
            clean_value(fc, A_STATUS, fi, &s, &n);
            st = status_of(s, n);
        }
        if (st < 0)
            problem_at(fc, DIAG_ERROR, at_field(fc, (uint32_t)fi),
                       "%s (%s): \"%s\" is not one of 선정, 집행, 취소", COL(fc, A_STATUS),
                       shown(in, s, n));
        else
            a.status = (uint8_t)st;
    }
    if (!have_id)
        return;
    xgrow((void **)&ds->allocs, &in->allocs_cap, ds->nallocs + 1, sizeof *ds->allocs);
    a.line = fc->line;
    ds->allocs[ds->nallocs++] = a;
}

#define FIELD_MAX_BYTES 32767u /* longest value accepted (an XLSX cell's limit, in bytes) */
#define HEADER_SEARCH_LINES 20u /* the header is looked for in this many physical lines */

/* "지원금액 (amount_krw)" for header field i, or "column 9" if it names none. */
static const char *header_name(filectx *fc, uint32_t i)
{
    sb_reset(&fc->hname);
    for (int c = 0; c < fc->ncols; c++)
        if (fc->map[c] == (int)i) {
            sb_addf(&fc->hname, "%s (%s)", COL(fc, c));
            return sb_str(&fc->hname);
        }
    sb_addf(&fc->hname, "column %u", i + 1);
    return sb_str(&fc->hname);
}

/* 1234567 → "1,234,567" (for messages that compare amounts). */
static const char *grouped(char buf[32], won_t v)
{
    char t[24];
    int n = snprintf(t, sizeof t, "%lld", (long long)(v < 0 ? -v : v)), k = 0;
    if (v < 0)
        buf[k++] = '-';
    for (int i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0)
            buf[k++] = ',';
        buf[k++] = t[i];
    }
    buf[k] = '\0';
    return buf;
}

/* The columns that identify a row: a totals row has none of them (but the
 * one that holds its label). */
static bool id_column(const filectx *fc, int c)
{
    switch (fc->kind) {
    case SRC_PROJECTS: return c == P_ID;
    case SRC_FIRMS: return c == F_ID;
    case SRC_ALLOCATIONS: return c == A_ID || c == A_PROJECT || c == A_FIRM;
    case SRC_COUNT: break;
    }
    return false;
}

/* A totals row (합계, 소계, 총계, 계, 누계 in its first non-empty cell, every
 * other identifying column empty) is skipped with a note; where its amount
 * disagrees with the rows above (all of them, or since the last 소계 for a
 * 소계), a warning gives both. Cheap for a data row: its first cell is an
 * ASCII ID, or not one of the words. */
static __attribute__((noinline)) bool totals_row_slow(filectx *fc)
{
    uint32_t i = 0;
    const char *s = "";
    size_t n = 0;
    for (; i < fc->nf; i++) {
        s = fc->f[i].s;
        n = fc->f[i].len;
        trim(&s, &n);
        if (n)
            break;
    }
    if (!n || (unsigned char)s[0] < 0xEA || n > 12)
        return false;
    char word[16];
    size_t k = 0;
    for (size_t j = 0; j < n && k < sizeof word - 1; j++)
        if (s[j] != ' ')
            word[k++] = s[j];
    word[k] = '\0';
    static const char *const words[] = {"합계", "소계", "총계", "계", "누계", "총합계"};
    size_t w = 0;
    while (w < ARRAY_LEN(words) && strcmp(word, words[w]) != 0)
        w++;
    if (w == ARRAY_LEN(words))
        return false;
    for (int c = 0; c < fc->ncols; c++) {
        const char *v;
        size_t vn;
        if (id_column(fc, c) && fc->map[c] != (int)i && value(fc, c, &v, &vn) >= 0 && vn)
            return false;
    }
    bool sub = w == 1;
    problem_at(fc, DIAG_NOTE, at_field(fc, i),
               "a totals row (%s): not counted, the figures are summed from the rows themselves",
               words[w]);
    for (int c = 0; c < fc->ncols; c++) {
        const char *v, *why;
        size_t vn;
        won_t said;
        int fi = value(fc, c, &v, &vn);
        if (!fc->cols[c].amount || !vn || !parse_amount(v, vn, fc->scale[c], &said, &why))
            continue;
        won_t sum = sub ? fc->part[c] : fc->sum[c];
        char a[32], b[32];
        if (said != sum && !fc->sum_over[c])
            problem_at(fc, DIAG_WARNING, at_field(fc, (uint32_t)fi),
                       "%s (%s): the %s row says %s won but the rows above it add up to %s won",
                       COL(fc, c), words[w], grouped(a, said), grouped(b, sum));
    }
    for (int c = 0; c < fc->ncols; c++)
        fc->part[c] = 0;
    return true;
}

static inline bool totals_row(filectx *fc)
{
    /* The common row starts with an ASCII ID: no totals label. */
    if (fc->nf && fc->f[0].len) {
        unsigned char c0 = (unsigned char)fc->f[0].s[0];
        if (c0 < 0x80 && c0 != ' ' && c0 != '\t')
            return false;
    }
    return totals_row_slow(fc);
}

/* A row of empty fields only (",,,,": Excel's empty row inside the used
 * range) is a blank line. */
static __attribute__((noinline)) bool row_is_empty(const csv_field *f, uint32_t nf)
{
    for (uint32_t i = 0; i < nf; i++)
        if (f[i].len) {
            const char *s = f[i].s;
            size_t n = f[i].len;
            trim(&s, &n);
            if (n)
                return false;
        }
    return true;
}

/* Keeps a copy of the current row as the best header candidate so far. */
static void keep_candidate(filectx *fc, int got)
{
    fc->best_got = got;
    fc->best_record = fc->record;
    fc->best_line = fc->line;
    sb_reset(&fc->best_buf);
    size_t *offs = xmalloc((fc->nf ? fc->nf : 1) * sizeof *offs);
    for (uint32_t i = 0; i < fc->nf; i++) {
        offs[i] = fc->best_buf.len;
        sb_addn(&fc->best_buf, fc->f[i].s, fc->f[i].len);
        sb_addc(&fc->best_buf, '\0');
    }
    xgrow((void **)&fc->best_f, &fc->best_cap, fc->nf ? fc->nf : 1, sizeof *fc->best_f);
    for (uint32_t i = 0; i < fc->nf; i++)
        fc->best_f[i] = (csv_field){.s = fc->best_buf.s + offs[i], .len = fc->f[i].len,
                                    .nul = fc->f[i].nul};
    fc->best_nf = fc->nf;
    free(offs);
}

/* Every non-ASCII character of the row is in U+0080..U+00FF (UTF-8 lead
 * bytes C2, C3), and there is one: Korean text decoded as Latin-1 and saved
 * again as UTF-8. */
static bool looks_double_encoded(const csv_field *f, uint32_t nf)
{
    bool any = false;
    for (uint32_t i = 0; i < nf; i++)
        for (uint32_t k = 0; k < f[i].len; k++) {
            unsigned char c = (unsigned char)f[i].s[k];
            if (c < 0x80 || (c & 0xC0) == 0x80)
                continue;
            if (c != 0xC2 && c != 0xC3)
                return false;
            any = true;
        }
    return any;
}

/* No row of the first lines names every required column: the row that came
 * closest is read as the header, so that its missing columns are named. */
static void header_not_found(filectx *fc)
{
    fc->header_seen = true;
    if (fc->best_got < 0)
        return;
    fc->record = fc->best_record;
    fc->line = fc->best_line;
    fc->f = fc->best_f;
    fc->nf = fc->best_nf;
    read_header(fc);
    if (looks_double_encoded(fc->f, fc->nf))
        problem_at(fc, DIAG_ERROR, at_row(fc),
                   "the header is double-encoded: every character in it that is not ASCII is "
                   "in U+0080..U+00FF (\"%s\"), which is what Korean text saved in CP949, "
                   "read as Latin-1 and saved again as UTF-8 looks like. Export the file again "
                   "from the original, or open it in Excel through 데이터 > 텍스트/CSV with 파일 "
                   "원본 949: 한국어 and save it as CSV UTF-8",
                   shown(fc->in, fc->f[0].s, fc->f[0].len));
    else if (fc->best_line != fc->first_line)
        problem_at(fc, DIAG_NOTE, at_row(fc),
                   "no line among the first %u names every required column; this one came "
                   "closest (%d of %d) and was read as the header",
                   HEADER_SEARCH_LINES, fc->best_got, required_count(fc));
}

/* A row before the header is found: the header if it names every required
 * column, else a title line (the best candidate is remembered). */
static __attribute__((noinline)) void header_search(filectx *fc)
{
    if (row_is_empty(fc->f, fc->nf))
        return;
    if (!fc->first_line)
        fc->first_line = fc->line;
    if (fc->line > HEADER_SEARCH_LINES) {
        header_not_found(fc);
        return;
    }
    int got = required_named(fc, fc->f, fc->nf);
    if (got == required_count(fc)) {
        fc->header_seen = true;
        read_header(fc);
        if (fc->line - 1 > fc->first_line)
            problem_at(fc, DIAG_NOTE, at_row(fc),
                       "header found on line %u; lines %u–%u above it skipped (a title)",
                       fc->line, fc->first_line, fc->line - 1);
        else if (fc->line > fc->first_line)
            problem_at(fc, DIAG_NOTE, at_row(fc),
                       "header found on line %u; line %u above it skipped (a title)", fc->line,
                       fc->first_line);
        return;
    }
    if (got > fc->best_got)
        keep_candidate(fc, got);
}

static bool on_record(void *ctx, uint32_t record, uint32_t line, const csv_field *f, uint32_t nf)
{
    filectx *fc = ctx;
    fc->record = record;
    fc->line = line;
    fc->row_errors = 0;
    fc->f = f;
    fc->nf = nf;
    if (!fc->header_seen) {
        header_search(fc);
        return true;
    }
    if (!fc->header_ok)
        return true;
    /* Excel's empty row inside the used range is a blank line. */
    if (nf && !f[0].len && row_is_empty(f, nf))
        return true;
    if (totals_row(fc))
        return true;
    /* A NUL byte would cut the value short wherever it is used as a C string
     * (an ID stored as "L50" but looked up as 7 bytes): refuse the row. */
    for (uint32_t i = 0; i < nf; i++) {
        if (f[i].nul) {
            problem_at(fc, DIAG_ERROR, at_field(fc, i),
                       "field %u contains a NUL byte (is this a binary file?); row skipped", i + 1);
            return true;
        }
        /* A workbook cell holds at most 32767 characters: refuse rather than cut. */
        if (f[i].len > FIELD_MAX_BYTES) {
            problem_at(fc, DIAG_ERROR, at_field(fc, i),
                       "field %u is %u bytes long; a value may have at most %u bytes (what a "
                       "workbook cell can hold); row skipped",
                       i + 1, f[i].len, FIELD_MAX_BYTES);
            return true;
        }
    }
    if (nf != fc->nheader) {
        if (nf > fc->nheader)
            problem_at(fc, DIAG_ERROR, at_field(fc, fc->nheader),
                       "this row has %u fields but the header has %u (an unquoted comma in a value?)",
                       nf, fc->nheader);
        else
            problem_at(fc, DIAG_ERROR, at_field(fc, nf),
                       "this row has %u field%s but the header has %u: %s%s is missing here",
                       nf, nf == 1 ? "" : "s", fc->nheader, header_name(fc, nf),
                       nf + 1 < fc->nheader ? " and what follows it" : "");
    }
    if (fc->clean_all)
        fc->f = clean_fields(fc, f, nf);
    switch (fc->kind) {
    case SRC_PROJECTS: row_project(fc); break;
    case SRC_FIRMS: row_firm(fc); break;
    case SRC_ALLOCATIONS: row_alloc(fc); break;
    case SRC_COUNT: break;
    }
    return true;
}

static void progress(void *ctx, uint64_t done, uint64_t total)
{
    ingest *in = ctx;
    (void)total;
    if (in->opt->progress)
        in->opt->progress(in->opt->progress_ctx, in->done_before + done, in->total);
}

/* csv_read's restart: a file read as UTF-8 turned out to be CP949 after some
 * of its rows were taken. Forget them and everything they added (the file's
 * problems, its rows, their lookup tables); the rows come again from the
 * header. The files are read in order (projects, firms, allocations), so all
 * rows of the file's kind are its own. Rare: a CP949 file usually breaks
 * UTF-8 in its Korean header, before any row. */
static void forget_file(void *ctx)
{
    filectx *fc = ctx;
    ingest *in = fc->in;
    dataset *ds = in->ds;
    drop_problems(fc);
    filectx keep = *fc;
    memset(fc, 0, sizeof *fc);
    fc->in = in;
    fc->kind = keep.kind;
    fc->path = keep.path;
    fc->cols = keep.cols;
    fc->ncols = keep.ncols;
    fc->clean_all = keep.clean_all;
    memcpy(fc->clean, keep.clean, sizeof fc->clean);
    fc->fcopy = keep.fcopy;
    fc->fcopy_cap = keep.fcopy_cap;
    fc->best_got = -1; /* the header search starts again; its buffers are kept */
    fc->best_buf = keep.best_buf;
    fc->best_f = keep.best_f;
    fc->best_cap = keep.best_cap;
    fc->hname = keep.hname;
    switch (fc->kind) {
    case SRC_PROJECTS:
        ds->nprojects = 0;
        hindex_free(&in->projects);
        break;
    case SRC_FIRMS:
        ds->nfirms = 0;
        hindex_free(&in->firms);
        break;
    case SRC_ALLOCATIONS:
        ds->nallocs = ds->ninstruments = ds->nagencies = 0;
        hindex_free(&in->allocs);
        hindex_free(&in->instruments);
        hindex_free(&in->agencies);
        in->allocs_sorted = true;
        in->last_alloc_len = 0;
        in->last_instr = in->last_agency = in->last_project = NO_INDEX;
        for (uint32_t f = 0; f < ds->nfirms; f++)
            if (in->firm_bad[f] == 2)
                in->firm_bad[f] = 1; /* "told once" was told in a withdrawn row */
        break;
    case SRC_COUNT:
        break;
    }
}

/* Reads one file. Returns EXIT_OK or EXIT_INPUT (unreadable/undecodable/empty). */
static int ingest_file(ingest *in, source_kind kind)
{
    dataset *ds = in->ds;
    filectx fc;
    memset(&fc, 0, sizeof fc);
    fc.in = in;
    fc.kind = kind;
    fc.path = ds->files[kind].path;
    fc.cols = tables[kind];
    fc.ncols = table_len[kind];
    fc.clean_all = kind != SRC_ALLOCATIONS;
    fc.best_got = -1;

    csv_read_options o = {.encoding = in->opt->encoding, .hash = in->opt->hash,
                          .record = on_record, .ctx = &fc, .progress = progress,
                          .progress_ctx = in, .restart = forget_file};
    csv_read_result res;
    csv_read(fc.path, &o, &res);
    source_file *sf = &ds->files[kind];
    sf->encoding = res.encoding;
    sf->bytes = res.bytes;
    sf->rows = res.records ? res.records - 1 : 0;
    sf->has_sha256 = res.has_sha256;
    if (res.has_sha256)
        memcpy(sf->sha256, res.sha256, 32);
    in->done_before += res.bytes;

    int rc = EXIT_OK;
    switch (res.status) {
    case CSV_READ_OK:
    case CSV_READ_STOPPED:
        if (!fc.header_seen && fc.best_got >= 0)
            header_not_found(&fc); /* the file ended within the header search */
        fc.complete = fc.header_ok;
        if (!fc.header_seen) {
            diag_add(in->d, DIAG_ERROR, fc.path, 0, 0, "%s",
                     res.bytes ? "no header row (the file has only blank lines)"
                               : "empty file (no header row)");
            rc = EXIT_INPUT;
        }
        break;
    case CSV_READ_IO:
        diag_add(in->d, DIAG_ERROR, fc.path, 0, 0, "cannot read: %s", strerror(res.err));
        rc = EXIT_INPUT;
        break;
    case CSV_READ_NOT_REGULAR:
        diag_add(in->d, DIAG_ERROR, fc.path, 0, 0,
                 "is %s, not a regular file; an input must be a regular file (nothing was read "
                 "from it)",
                 file_type_name(res.file_mode));
        rc = EXIT_INPUT;
        break;
    case CSV_READ_CHANGED:
        diag_add(in->d, DIAG_ERROR, fc.path, 0, 0,
                 "the file changed while it was read (size or modification time); run again "
                 "when the program writing it has finished");
        rc = EXIT_INPUT;
        break;
    case CSV_READ_NOMEM:
        xoom(0);
    case CSV_READ_LIMIT:
        if (res.limit == CSV_LIMIT_FIELDS)
            problem_at(&fc, DIAG_ERROR,
                       (csv_loc){.kind = CSV_LOC_FIELD, .record = res.limit_record,
                                 .field = CSV_RECORD_MAX_FIELDS},
                       "this row has more than %u fields (the most a worksheet has): is this a "
                       "comma-separated file? reading stopped here",
                       CSV_RECORD_MAX_FIELDS);
        else
            problem_at(&fc, DIAG_ERROR,
                       (csv_loc){.kind = CSV_LOC_OFFSET, .offset = res.text_offset},
                       "this row goes on for more than %llu MiB without ending%s; reading "
                       "stopped here",
                       (unsigned long long)(CSV_RECORD_MAX_BYTES >> 20),
                       res.limit_nul ? " and holds NUL bytes: this is not a text file"
                                     : ": a line break or a closing quote (\") is missing");
        break;
    case CSV_READ_DECODE:
        if (in->opt->encoding == ENC_AUTO && res.encoding == ENC_CP949)
            diag_add(in->d, DIAG_ERROR, fc.path, 0, 0,
                     "not UTF-8 or CP949: invalid byte 0x%02X at offset %llu", res.bad_byte,
                     (unsigned long long)res.bad_offset);
        else
            diag_add(in->d, DIAG_ERROR, fc.path, 0, 0,
                     "not valid %s%s: invalid byte 0x%02X at offset %llu",
                     encoding_name(res.encoding),
                     in->opt->encoding == ENC_AUTO ? "" : " (the encoding set in the config)",
                     res.bad_byte, (unsigned long long)res.bad_offset);
        rc = EXIT_INPUT;
        break;
    case CSV_READ_SYNTAX:
        if (res.syntax == CSV_SYNTAX_UNTERMINATED)
            problem_at(&fc, DIAG_ERROR, (csv_loc){.kind = CSV_LOC_OPEN},
                       "quoted field is never closed: its closing quote (\") is missing");
        else if (res.syntax == CSV_SYNTAX_STRAY_QUOTE)
            problem_at(&fc, DIAG_ERROR, (csv_loc){.kind = CSV_LOC_OFFSET, .offset = res.text_offset},
                       "stray quote (\") in a field: quote the whole field and double the quote "
                       "(\"\")");
        else
            problem_at(&fc, DIAG_ERROR, (csv_loc){.kind = CSV_LOC_OFFSET, .offset = res.text_offset},
                       "'%c' after the closing quote of a field: a quote inside a quoted field "
                       "must be doubled (\"\")",
                       res.bad_char);
        break;
    }
    if (rc == EXIT_OK)
        flush_problems(&fc, res.encoding);
    else
        drop_problems(&fc);
    for (int c = 0; c < MAX_COLS; c++)
        sb_free(&fc.clean[c]);
    free(fc.fcopy);
    sb_free(&fc.best_buf);
    free(fc.best_f);
    sb_free(&fc.hname);
    if (kind == SRC_PROJECTS)
        in->ref_projects = fc.complete;
    if (kind == SRC_FIRMS)
        in->ref_firms = fc.complete;
    return rc;
}

int ingest_all(const ingest_options *opt, dataset *ds, diag_list *d)
{
    ingest in;
    memset(&in, 0, sizeof in);
    in.opt = opt;
    in.ds = ds;
    in.d = d;
    in.allocs_sorted = true;
    in.last_instr = in.last_agency = in.last_project = NO_INDEX;
    size_t errors_before = diag_errors(d);
    for (int k = 0; k < SRC_COUNT; k++) {
        ds->files[k].path = xstrdup(opt->paths[k] ? opt->paths[k] : "");
        ds->files[k].encoding = opt->encoding;
        struct stat st;
        if (opt->paths[k] && stat(opt->paths[k], &st) == 0)
            in.total += (uint64_t)st.st_size;
    }
    int rc = EXIT_OK;
    for (int k = 0; k < SRC_COUNT; k++)
        if (ingest_file(&in, (source_kind)k) != EXIT_OK)
            rc = EXIT_INPUT;
    hindex_free(&in.projects);
    free(in.project_len);
    free(in.firm_bad);
    hindex_free(&in.firms);
    hindex_free(&in.allocs);
    hindex_free(&in.instruments);
    hindex_free(&in.agencies);
    sb_free(&in.tmp);
    if (rc == EXIT_OK && diag_errors(d) > errors_before)
        rc = EXIT_DATA;
    return rc;
}
