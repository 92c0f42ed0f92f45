/* ingest.c — the three input files into one validated dataset.
 *
 * Files are read in dependency order (projects, firms, allocations) so that
 * every allocation is checked against the other two while it streams past:
 * one pass per file, no second pass over rows. Each file's header is matched
 * against its column table below (English name, Korean name, more aliases;
 * ingest_header.c). Every row is then checked field by field here, and all
 * problems of a row are reported, not only the first (ingest_problems.c
 * collects them, groups repeats and resolves their line:col). What Excel
 * exports carry (invisible characters, full-width digits, totals rows;
 * docs/input.md) is handled off the fast path in ingest_excel.c; the state
 * these files share is in ingest_private.h.
 *
 * This file keeps the per-row path in one unit: the driver (ingest_all,
 * one csv_read per file, its outcome as diagnostics, the restart when a file
 * read as UTF-8 turns out to be CP949), the record callback, the three row
 * readers with their field checks, and the lookups.
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
#include "ingest_private.h"
#include "parse.h"
#include "strbuf.h"
#include "utf8.h"

/* ---- column tables ---- */

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

static const colspec firm_cols[F_N] = {
    [F_ID] = {"firm_id", "사업자등록번호", "사업자번호|brn", true, false},
    [F_NAME] = {"name", "기업명", "firm_name|업체명|회사명|상호|상호명", true, false},
    [F_CEO] = {"ceo", "대표자", "대표자명", false, false},
    [F_REGION] = {"region", "시도", "시·도|지역", true, false},
    [F_CITY] = {"city", "시군구", "시·군·구", false, false},
    [F_INDUSTRY] = {"industry", "업종", "", false, false},
    [F_EMP] = {"employees", "상시근로자수", "종업원수|근로자수|직원수|고용인원", false, false},
    [F_REV] = {"revenue_krw", "매출액", "revenue", false, true},
    [F_EXP] = {"export_krw", "수출액", "exports_krw|export|exports", false, true},
    [F_FOUNDED] = {"founded", "설립연도", "설립년도|설립일|설립일자", false, false},
};

static const colspec alloc_cols[A_N] = {
    [A_ID] = {"alloc_id", "지원ID", "지원번호", true, false},
    [A_PROJECT] = {"project_id", "프로젝트ID", "과제ID", true, false},
    [A_FIRM] = {"firm_id", "사업자등록번호", "사업자번호|brn", true, false},
    [A_INSTR] = {"instrument", "정책수단", "지원사업", true, false},
    [A_AGENCY] = {"agency", "지원기관", "수행기관|전담기관", false, false},
    [A_AMOUNT] = {"amount_krw", "지원금액", "amount|금액|지원액|지원금", true, true},
    [A_DATE] = {"date", "집행일", "집행일자|지원일|지원일자|집행일시|일자", true, false},
    [A_STATUS] = {"status", "상태", "집행상태|진행상태", false, false},
};

static const colspec *const tables[SRC_COUNT] = {project_cols, firm_cols, alloc_cols};
static const int table_len[SRC_COUNT] = {P_N, F_N, A_N};

/* ---- hash tables of indices ---- */

/* 8 bytes a step; the last 1..8 as one word from fixed-size loads (two
 * overlapping 4-byte ones, or the first, middle and last byte), which covers
 * every byte without a copy of variable length. */
static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = UINT64_C(0x9E3779B97F4A7C15) ^ n, w;
    const char *end = s + n;
    while (n > 8) {
        memcpy(&w, s, 8);
        h = (h ^ w) * UINT64_C(0xbf58476d1ce4e5b9);
        h ^= h >> 29;
        s += 8;
        n -= 8;
    }
    if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, end - 4, 4);
        w = (uint64_t)a << 32 | b;
    } else if (n) {
        w = (uint64_t)(unsigned char)s[0] << 16 | (uint64_t)(unsigned char)s[n / 2] << 8 |
            (unsigned char)s[n - 1];
    } else {
        w = 0;
    }
    h = (h ^ w) * UINT64_C(0xbf58476d1ce4e5b9);
    h ^= h >> 29;
    h *= UINT64_C(0x94d049bb133111eb);
    return h ^ (h >> 31);
}

/* String keys (idtab): a slot holds (index + 1) << 32 | the low 32 bits of
 * the key's hash, so most mismatches are rejected without touching the key. */

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

/* Firms (brntab) are looked up once per allocation, at random: their slot
 * holds the number itself (10 digits < 2^34) packed with the index, key << 30
 * | (index + 1), so a lookup touches one cache line instead of two. */

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

/* The keys of the four string tables. */
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
    const ingest *in = ctx;
    *len = in->instr_len[i];
    return in->ds->instruments[i];
}
static const char *agency_key(const void *ctx, uint32_t i, size_t *len)
{
    const ingest *in = ctx;
    *len = in->agency_len[i];
    return in->ds->agencies[i];
}

/* ---- values ---- */

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
    if (parse_year(s, n, out, &why))
        return true;
    if (parse_year_of_date(s, n, out)) {
        problem_grouped(fc, DIAG_NOTE, at_field(fc, (uint32_t)fi),
                        "%s (%s): \"%s\" is a date where a year is asked; its year %d is read",
                        COL(fc, c), shown(fc->in, s, n), *out);
        return true;
    }
    bad_value(fc, c, fi, s, n, "a year", why);
    return false;
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

/* A 시·도 column holding a whole address ("부산광역시 강서구 녹산산단로 123",
 * a registry's 소재지): its first word, when that is a 시·도 ("광주시" not
 * taken: 경기도 has one too), and its second in fc->addr_city when that
 * names a 시, 군 or 구 (the row's 시군구 if it has none). REGION_NONE if
 * it is not such an address. */
static int address_region(filectx *fc, const char *s, size_t n)
{
    const char *sp = memchr(s, ' ', n);
    if (!sp)
        return REGION_NONE;
    size_t n1 = (size_t)(sp - s);
    if (n1 == strlen("광주시") && memcmp(s, "광주시", n1) == 0)
        return REGION_NONE;
    int r = region_parse(s, n1);
    if (r == REGION_NONE)
        return r;
    const char *w = sp, *end = s + n, *we;
    size_t wn;
    for (int words = 0;; words++) {
        while (w < end && *w == ' ')
            w++;
        we = memchr(w, ' ', (size_t)(end - w));
        wn = (size_t)((we ? we : end) - w);
        while (wn && (w[wn - 1] == ',' || w[wn - 1] == '.'))
            wn--;
        /* "서울 특별시 강남구": the rest of the 시·도's name is no 시군구 */
        static const char *const rest[] = {"특별시", "광역시", "특별자치시", "특별자치도", "도"};
        bool more = false;
        for (size_t k = 0; k < ARRAY_LEN(rest); k++)
            more |= wn == strlen(rest[k]) && !memcmp(w, rest[k], wn);
        if (!more || words > 0 || !we)
            break;
        w = we;
    }
    static const char *const units[] = {"시", "군", "구"};
    for (size_t k = 0; k < ARRAY_LEN(units) && wn > 3; k++)
        if (!memcmp(w + wn - 3, units[k], 3))
            fc->addr_city = arena_strndup(&fc->in->ds->arena, w, wn);
    return r;
}

/* The error of a 시·도 column that holds no 시·도: when its first word is a
 * 시·군·구 (an export of a city's own programmes, "강릉시"), or a 시·도 with
 * one of its 시·군·구 glued on ("울산북구"), it says which 시·도 to write (and,
 * in firms.csv with no 시군구 on the row, to move the 시·군·구 there). */
static __attribute__((cold)) void not_a_region(filectx *fc, int c, int fi, const char *s, size_t n)
{
    const char *shown_s = shown(fc->in, s, n);
    size_t w = 0, rest = 0;
    while (w < n && s[w] != ' ')
        w++;
    unsigned mask = region_sigungu(s, w, &rest);
    csv_loc at = at_field(fc, (uint32_t)fi);
    if (!mask) {
        int near = region_near(s, n);
        if (near != REGION_NONE)
            problem_at(fc, DIAG_ERROR, at, "%s (%s): \"%s\" is not one of the 17 시·도; did you mean %s?",
                       COL(fc, c), shown_s, region_name(near));
        else
            problem_at(fc, DIAG_ERROR, at,
                       "%s (%s): \"%s\" is not one of the 17 시·도 (e.g. 부산광역시 or 부산)", COL(fc, c),
                       shown_s);
        return;
    }
    int r = mask & (mask - 1) ? REGION_NONE : __builtin_ctz(mask); /* a glued form has one */
    strbuf why = {0}, fix = {0};
    if (rest) {
        sb_addf(&why, " but reads as %s %.*s", region_name(r), (int)(w - rest), s + rest);
    } else {
        if (w == n)
            sb_adds(&why, " but a 시·군·구 of ");
        else
            sb_addf(&why, "; %.*s is a 시·군·구 of ", (int)w, s);
        if (r != REGION_NONE) {
            sb_adds(&why, region_name(r));
        } else {
            const char *sep = "more than one (";
            for (int k = 0; k < REGION_COUNT; k++)
                if (mask >> k & 1) {
                    sb_addf(&why, "%s%s", sep, region_short(k));
                    sep = ", ";
                }
            sb_addc(&why, ')');
        }
    }
    if (r == REGION_NONE)
        sb_adds(&fix, "its 시·도");
    else
        sb_addf(&fix, "%s (or %s)", region_name(r), region_short(r));
    const char *city;
    size_t cn = 1;
    if (fc->kind == SRC_FIRMS)
        value(fc, F_CITY, &city, &cn);
    problem_at(fc, DIAG_ERROR, at, "%s (%s): \"%s\" is not one of the 17 시·도%s: write %s here%s", COL(fc, c),
               shown_s, sb_str(&why), sb_str(&fix), cn ? "" : ", and the 시·군·구 under 시군구 (city)");
    sb_free(&why);
    sb_free(&fix);
}

static int get_region(filectx *fc, int c)
{
    const char *s;
    size_t n;
    int fi;
    if (!required(fc, c, &s, &n, &fi))
        return REGION_NONE;
    int r = region_parse(s, n);
    fc->addr_city = NULL;
    if (r == REGION_NONE && (r = address_region(fc, s, n)) != REGION_NONE) {
        problem_grouped(fc, DIAG_NOTE, at_field(fc, (uint32_t)fi),
                        "%s (%s): \"%s\" is an address; its 시·도 %s is read%s", COL(fc, c),
                        shown(fc->in, s, n), region_name(r),
                        fc->addr_city ? " (and its 시·군·구, where the row has none)" : "");
        return r;
    }
    if (r == REGION_NONE)
        not_a_region(fc, c, fi, s, n);
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

/* ---- rows ---- */

/* The grade a 평가등급 value names (grade_name's spellings), or GRADE_NONE. */
static project_grade grade_of(const char *s, size_t n)
{
    for (project_grade g = GRADE_EXCELLENT; g <= GRADE_POOR; g++)
        if (strlen(grade_name(g)) == n && memcmp(s, grade_name(g), n) == 0)
            return g;
    return GRADE_NONE;
}

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
        char won[GROUPED_MAX];
        problem_at(fc, DIAG_ERROR, at_field(fc, (uint32_t)fc->map[P_BUDGET]),
                   "%s (%s): %s 원 is negative", COL(fc, P_BUDGET), fmt_grouped(won, p.budget));
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
        p.grade = grade_of(s, n);
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
    if (!f.city)
        f.city = fc->addr_city;
    f.industry = opt_text(fc, F_INDUSTRY);
    fi = value(fc, F_EMP, &s, &n);
    if (n) {
        int64_t v;
        if (!parse_count(s, n, &v, &why))
            bad_value(fc, F_EMP, fi, s, n, "a whole number", why);
        else if (v < 0) {
            char num[GROUPED_MAX];
            problem_at(fc, DIAG_ERROR, at_field(fc, (uint32_t)fi), "%s (%s): %s is negative",
                       COL(fc, F_EMP), fmt_grouped(num, v));
        }
        else
            f.employees = v;
    }
    if (get_amount(fc, F_REV, &f.revenue) && f.revenue < 0) {
        char won[GROUPED_MAX];
        problem_at(fc, DIAG_ERROR, at_field(fc, (uint32_t)fc->map[F_REV]),
                   "%s (%s): %s 원 is negative", COL(fc, F_REV), fmt_grouped(won, f.revenue));
        f.revenue = WON_ABSENT;
    }
    if (get_amount(fc, F_EXP, &f.exports) && f.exports < 0) {
        char won[GROUPED_MAX];
        problem_at(fc, DIAG_ERROR, at_field(fc, (uint32_t)fc->map[F_EXP]),
                   "%s (%s): %s 원 is negative", COL(fc, F_EXP), fmt_grouped(won, f.exports));
        f.exports = WON_ABSENT;
    }
    if (f.revenue != WON_ABSENT && f.exports != WON_ABSENT && f.exports > f.revenue) {
        char ex[GROUPED_MAX], rev[GROUPED_MAX];
        problem_at(fc, DIAG_WARNING, at_field(fc, (uint32_t)fc->map[F_EXP]),
                   "%s (%s): %s 원 is more than the revenue %s 원 (매출액)", COL(fc, F_EXP),
                   fmt_grouped(ex, f.exports), fmt_grouped(rev, f.revenue));
    }
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

/* A project ID looked up again after cleaning; out of line (rare). */
static __attribute__((noinline, cold)) uint32_t find_project(const ingest *in, const char *s,
                                                             size_t n)
{
    return tab_find(&in->projects, hash_bytes(s, n), s, n, project_key, in);
}

/* Index of a name in the interned list (the last hit first), or NO_INDEX. */
static uint32_t intern_find(const ingest *in, const char *s, size_t n, const idtab *t,
                            const char **list, const uint32_t *lens, key_fn key, uint32_t *last)
{
    if (*last != NO_INDEX && lens[*last] == n && memcmp(list[*last], s, n) == 0)
        return *last;
    uint32_t i = tab_find(t, hash_bytes(s, n), s, n, key, in);
    if (i != NO_INDEX)
        *last = i;
    return i;
}

#define TWIN_MAX_NAMES 256 /* names compared with each new one (real lists have tens) */

/* A new 정책수단 or 지원기관 name that differs from an earlier one only in
 * spaces, middle dots or the case of its letters ("수출 바우처" beside
 * "수출바우처") is most likely the same thing typed twice: it still counts
 * apart (spaces are visible; the user decides), with a warning naming both.
 * Only the first TWIN_MAX_NAMES names of a column are compared. */
static __attribute__((cold)) void near_twin(filectx *fc, int c, int fi, const char **list,
                                            const uint32_t *lens, uint32_t i)
{
    char a[256], b[256];
    size_t na = name_fold(list[i], lens[i], false, a, sizeof a);
    if (na > sizeof a || lens[i] > 2 * sizeof a || i > TWIN_MAX_NAMES)
        return;
    for (uint32_t j = 0; j < i; j++) {
        if (lens[j] > 2 * sizeof b)
            continue;
        size_t nb = name_fold(list[j], lens[j], false, b, sizeof b);
        if (nb == na && memcmp(a, b, na) == 0) { /* both under 512 bytes: shown whole */
            problem_at(fc, DIAG_WARNING, at_field(fc, (uint32_t)fi),
                       "%s (%s): \"%s\" differs from \"%s\" only in spaces, dots or letter case, and "
                       "counts as another %s: write it the same way if it is the same",
                       COL(fc, c), list[i], list[j], fc->cols[c].ko);
            return;
        }
    }
}

/* A name not seen before: only now is it worth checking for invisible
 * characters (a clean name is never stored dirty); then it is added, unless
 * its clean form is known. Out of line: the common row never comes here. */
static __attribute__((noinline, cold)) uint32_t
intern_new(filectx *fc, int c, int fi, const char *s, size_t n, idtab *t, const char ***list,
           uint32_t **lens, uint32_t *count, size_t *cap, size_t *lens_cap, key_fn key,
           uint32_t *last)
{
    ingest *in = fc->in;
    uint32_t i = NO_INDEX;
    if (!all_ascii(s, n)) {
        const char *s0 = s;
        check_invisible(fc, c, fi, &s, &n);
        if (s != s0)
            i = intern_find(in, s, n, t, *list, *lens, key, last);
    }
    if (i == NO_INDEX) {
        xgrow((void **)list, cap, *count + 1, sizeof **list);
        xgrow((void **)lens, lens_cap, *count + 1, sizeof **lens);
        i = (*count)++;
        (*list)[i] = arena_strndup(&in->ds->arena, s, n);
        (*lens)[i] = (uint32_t)n;
        tab_add(t, hash_bytes(s, n), i, key, in);
        near_twin(fc, c, fi, *list, *lens, i);
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
        a.instrument = intern_find(in, s, n, &in->instruments, ds->instruments, in->instr_len,
                                   instr_key, &in->last_instr);
        if (a.instrument == NO_INDEX)
            a.instrument = intern_new(fc, A_INSTR, fi, s, n, &in->instruments, &ds->instruments,
                                      &in->instr_len, &ds->ninstruments, &in->instr_cap,
                                      &in->ilen_cap, instr_key, &in->last_instr);
    }
    fi = value(fc, A_AGENCY, &s, &n);
    if (n) {
        a.agency = intern_find(in, s, n, &in->agencies, ds->agencies, in->agency_len,
                               agency_key, &in->last_agency);
        if (a.agency == NO_INDEX)
            a.agency = intern_new(fc, A_AGENCY, fi, s, n, &in->agencies, &ds->agencies,
                                  &in->agency_len, &ds->nagencies, &in->agency_cap,
                                  &in->alen_cap, agency_key, &in->last_agency);
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
        else if (a.amount == 0)
            problem_at(fc, DIAG_ERROR, at_field(fc, (uint32_t)fi),
                       "%s (%s): \"%s\" is 0, and an allocation of 0 won supports no firm: "
                       "leave the row out, or enter the amount",
                       COL(fc, A_AMOUNT), shown(in, s, n));
        else if (a.amount < 0)
            problem_at(fc, DIAG_ERROR, at_field(fc, (uint32_t)fi),
                       "%s (%s): \"%s\" is below 0: an allocation is never negative; a "
                       "support taken back is the allocation itself with 상태 (status) 취소, "
                       "or its amount reduced",
                       COL(fc, A_AMOUNT), shown(in, s, n));
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
        bool with_time;
        if (!ok && parse_date_more(s, n, &a.date, &with_time)) {
            ok = true;
            if (with_time)
                problem_grouped(fc, DIAG_NOTE, at_field(fc, (uint32_t)fi),
                                "%s (%s): \"%s\" has a time of day (a date-time cell, or a "
                                "database export); read as the date %04d-%02d-%02d",
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
        if (st < 0) {
            check_invisible(fc, A_STATUS, fi, &s, &n);
            st = status_of(s, n);
        }
        if (st < 0)
            problem_at(fc, DIAG_ERROR, at_field(fc, (uint32_t)fi),
                       "%s (%s): \"%s\" is not one of 선정, 집행, 취소", COL(fc, A_STATUS),
                       shown(in, s, n));
        else
            a.status = (uint8_t)st;
    }
    if (a.status == ALLOC_CANCELLED && a.amount > 0 && !fc->sum_over[A_AMOUNT]) {
        fc->cancelled_sum += a.amount; /* never past sum[A_AMOUNT], which holds it */
        fc->cancelled_part += a.amount;
    }
    if (!have_id)
        return;
    xgrow((void **)&ds->allocs, &in->allocs_cap, ds->nallocs + 1, sizeof *ds->allocs);
    a.line = fc->line;
    ds->allocs[ds->nallocs++] = a;
}

#define FIELD_MAX_BYTES 32767u /* longest value accepted (an XLSX cell's limit, in bytes) */

/* ---- a value cut apart by unquoted commas (an amount, a text) ---- */

/* The row's fields with field h and the `extra` after it as one value (the
 * pieces trimmed and joined with commas, as it would read quoted), the
 * columns after it mapped to where they really are (on_record restores the
 * map). */
static const csv_field *join_fields(filectx *fc, uint32_t h, uint32_t extra)
{
    sb_reset(&fc->joined_value);
    for (uint32_t k = 0; k <= extra; k++) {
        const char *s = fc->f[h + k].s;
        size_t n = fc->f[h + k].len;
        trim(&s, &n);
        sb_addf(&fc->joined_value, "%s%.*s", k ? "," : "", (int)n, s);
    }
    xgrow((void **)&fc->joined, &fc->joined_cap, fc->nf, sizeof *fc->joined);
    memcpy(fc->joined, fc->f, fc->nf * sizeof *fc->f);
    fc->joined[h] = (csv_field){sb_str(&fc->joined_value), (uint32_t)fc->joined_value.len, false,
                                false};
    for (int k = 0; k < fc->ncols; k++)
        if (fc->map[k] > (int)h)
            fc->map[k] += (int)extra;
    return fc->joined;
}

/* Whether f (spaces trimmed) is min..max ASCII digits, then optionally 원. */
static bool digit_group(const csv_field *f, size_t min, size_t max, bool unit)
{
    const char *s = f->s;
    size_t n = f->len, k = 0;
    trim(&s, &n);
    while (k < n && s[k] >= '0' && s[k] <= '9')
        k++;
    if (k < min || k > max)
        return false;
    return k == n || (unit && n - k == strlen("원") && memcmp(s + k, "원", n - k) == 0);
}

/* A row with `extra` fields more than the header, all of them explained by
 * one amount written with thousands separators and not quoted (61,100,000
 * read as "61", "100", "000"): that amount column, or -1 when none or more
 * than one explains them. Hand-typed CSV does this; Excel quotes such cells. */
static int cut_amount(const filectx *fc, uint32_t extra)
{
    int found = -1;
    for (int c = 0; c < fc->ncols; c++) {
        int h = fc->map[c];
        if (!fc->cols[c].amount || h < 0 || (uint64_t)h + extra >= fc->nf ||
            !digit_group(&fc->f[h], 1, 3, false))
            continue;
        bool groups = true;
        for (uint32_t k = 1; k <= extra && groups; k++)
            groups = digit_group(&fc->f[(uint32_t)h + k], 3, 3, k == extra);
        if (groups) {
            if (found >= 0)
                return -1;
            found = c;
        }
    }
    return found;
}

/* The row's fields with the pieces of column c's amount joined again, as if
 * the value had been quoted; the columns after it are mapped to the fields
 * where they really are (so every other check and location stays right).
 * One error at the amount says what happened; on_record restores the map. */
static const csv_field *join_cut_amount(filectx *fc, int c, uint32_t extra)
{
    uint32_t h = (uint32_t)fc->map[c];
    const csv_field *f = join_fields(fc, h, extra);
    strbuf plain = {0};
    for (const char *p = sb_str(&fc->joined_value); *p; p++)
        if (*p != ',')
            sb_addc(&plain, *p);
    problem_at(fc, DIAG_ERROR, at_field(fc, h),
               "%s (%s): %s is cut into %u fields by its thousands separators (a value with "
               "commas must be quoted): write it as \"%s\" or as %s",
               COL(fc, c), sb_str(&fc->joined_value), extra + 1, sb_str(&fc->joined_value),
               sb_str(&plain));
    sb_free(&plain);
    return f;
}

/* ---- a text value cut apart by an unquoted comma ---- */

/* Whether s looks like a date, possible or not ("2025-02-30" does): 6 to 8
 * digits in all, the rest . - / and spaces. A row cut by a comma is still
 * realigned when its date is wrong; the date then gets its own error. */
static bool date_shape(const char *s, size_t n)
{
    size_t digits = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9')
            digits++;
        else if (!strchr(".-/ ", s[i]))
            return false;
    }
    return digits >= 6 && digits <= 8;
}

/* Whether s could be an ID: ASCII without spaces, not empty. */
static bool id_shape(const char *s, size_t n)
{
    return n && all_ascii(s, n) && !memchr(s, ' ', n);
}

/* Whether field v has the shape column c needs: what its row function would
 * accept, without reporting anything. Text columns take anything. */
static bool shape_ok(const filectx *fc, int c, const csv_field *v)
{
    const char *s = v->s, *why;
    size_t n = v->len;
    trim(&s, &n);
    char brn[11];
    int64_t i64;
    int32_t date;
    int year;
    won_t won;
    switch (fc->kind) {
    case SRC_PROJECTS:
        switch (c) {
        case P_ID: return id_shape(s, n);
        case P_REGION: return region_parse(s, n) != REGION_NONE;
        case P_START:
        case P_END: return parse_year(s, n, &year, &why) || parse_year_of_date(s, n, &year);
        case P_BUDGET: return parse_amount(s, n, fc->scale[c], &won, &why);
        case P_GRADE: return !n || grade_of(s, n) != GRADE_NONE;
        default: return true;
        }
    case SRC_FIRMS:
        switch (c) {
        case F_ID: return brn_digits(s, n, brn);
        case F_REGION: return region_parse(s, n) != REGION_NONE;
        case F_EMP: return !n || parse_count(s, n, &i64, &why);
        case F_REV:
        case F_EXP: return !n || parse_amount(s, n, fc->scale[c], &won, &why);
        case F_FOUNDED: return !n || parse_year(s, n, &year, &why) || parse_year_of_date(s, n, &year);
        default: return true;
        }
    case SRC_ALLOCATIONS:
        switch (c) {
        case A_ID:
        case A_PROJECT: return id_shape(s, n);
        case A_FIRM: return brn_digits(s, n, brn);
        case A_AMOUNT: return parse_amount(s, n, fc->scale[c], &won, &why);
        case A_DATE: return date_shape(s, n) || parse_excel_serial(s, n, &date);
        case A_STATUS: return status_of(s, n) >= 0;
        default: return true;
        }
    case SRC_COUNT: break;
    }
    return true;
}

/* The free-text columns, where a comma belongs to the value. */
static bool text_column(source_kind kind, int c)
{
    switch (kind) {
    case SRC_PROJECTS: return c == P_TITLE || c == P_LEAD || c == P_FIELDS || c == P_QUOTE;
    case SRC_FIRMS: return c == F_NAME || c == F_CEO || c == F_CITY || c == F_INDUSTRY;
    case SRC_ALLOCATIONS: return c == A_INSTR || c == A_AGENCY;
    case SRC_COUNT: break;
    }
    return false;
}

/* Whether the row's `extra` fields too many are explained by text column c
 * holding unquoted commas: with the columns after it shifted, every typed
 * column (before it as well) has the right shape, and at least one after it
 * had the wrong shape unshifted (or none follows it). */
static bool text_cut_fits(const filectx *fc, int c, uint32_t extra)
{
    int h = fc->map[c];
    if (h < 0 || (uint64_t)h + extra >= fc->nf || !text_column(fc->kind, c))
        return false;
    bool after = false, was_wrong = false;
    for (int d = 0; d < fc->ncols; d++) {
        int m = fc->map[d];
        if (m < 0 || d == c || text_column(fc->kind, d))
            continue;
        if (!shape_ok(fc, d, &fc->f[m > h ? (uint32_t)m + extra : (uint32_t)m]))
            return false;
        if (m > h) {
            after = true;
            was_wrong |= !shape_ok(fc, d, &fc->f[m]);
        }
    }
    return was_wrong || !after;
}

/* The text column whose unquoted commas explain the row's extra fields, when
 * it is the only one that fits; else -1. *fits has a bit for every column
 * that fits (two text columns side by side both do: the spaces after a
 * comma, which would tell running text from a separator, are not part of a
 * field). */
static int cut_text(const filectx *fc, uint32_t extra, unsigned *fits)
{
    int found = -1, nfit = 0;
    *fits = 0;
    for (int c = 0; c < fc->ncols; c++)
        if (text_cut_fits(fc, c, extra)) {
            *fits |= 1u << c;
            found = c;
            nfit++;
        }
    return nfit == 1 ? found : -1;
}

/* Fields lo..hi as the message shows them: "a", "b", "c". */
static void pieces(const filectx *fc, uint32_t lo, uint32_t hi, strbuf *out)
{
    for (uint32_t k = lo; k <= hi; k++)
        sb_addf(out, "%s\"%s\"", k > lo ? ", " : "", shown(fc->in, fc->f[k].s, fc->f[k].len));
}

/* One error at the text value that holds the commas; the rest of the row is
 * then checked where it really is. The pieces are shown as read: the spaces
 * around a separator are not part of a field, so the value's own spacing
 * cannot be given back. */
static const csv_field *join_cut_text(filectx *fc, int c, uint32_t extra)
{
    uint32_t h = (uint32_t)fc->map[c];
    strbuf p = {0};
    pieces(fc, h, h + extra, &p);
    char got[GROUPED_MAX], want[GROUPED_MAX];
    problem_at(fc, DIAG_ERROR, at_field(fc, h),
               "%s (%s): a value with commas must be quoted; this one is not, so it was cut into "
               "%u fields (%s) and the row has %s fields for the header's %s: put the whole "
               "value in double quotes",
               COL(fc, c), extra + 1, sb_str(&p), fmt_grouped(got, fc->nf),
               fmt_grouped(want, fc->nheader));
    sb_free(&p);
    return join_fields(fc, h, extra);
}

/* Several text columns side by side fit, and nothing tells which holds the
 * commas (a firm's name and its CEO's): when no typed column lies between
 * them, the typed columns after them are where they would be either way, so
 * the row is realigned at the first (its text values are not kept: the row
 * is an error) and one error names the candidates and the pieces. Returns
 * the column realigned (saved_map holds the map to restore), or -1 (typed
 * columns between them: the generic field-count error). */
static int cut_text_open(filectx *fc, uint32_t extra, unsigned fits, int saved_map[MAX_COLS])
{
    int first = __builtin_ctz(fits), last = 31 - __builtin_clz(fits);
    for (int d = 0; d < fc->ncols; d++) {
        int m = fc->map[d];
        if (m > fc->map[first] && m < fc->map[last] && !text_column(fc->kind, d))
            return -1;
    }
    strbuf names = {0};
    for (int c = first; c <= last; c++)
        if (fits & 1u << c)
            sb_addf(&names, "%s%s (%s)", names.len ? " or " : "", COL(fc, c));
    uint32_t h0 = (uint32_t)fc->map[first];
    strbuf p = {0};
    pieces(fc, h0, (uint32_t)fc->map[last] + extra, &p);
    char got[GROUPED_MAX], want[GROUPED_MAX];
    problem_at(fc, DIAG_ERROR, at_field(fc, h0),
               "%s holds a comma and is not quoted, so the row has %s fields for the header's "
               "%s (%s): put the value that has the comma in double quotes",
               sb_str(&names), fmt_grouped(got, fc->nf), fmt_grouped(want, fc->nheader),
               sb_str(&p));
    sb_free(&names);
    sb_free(&p);
    memcpy(saved_map, fc->map, MAX_COLS * sizeof *saved_map);
    fc->f = join_fields(fc, h0, extra);
    return first;
}

/* A unit that is not money, as a row of units gives it under a count or a
 * ratio: (명), (개), (건), (개 사), (%), (년) — nothing to scale. */
static bool counter_unit(const char *s, size_t n)
{
    if (n >= 2 && s[0] == '(' && s[n - 1] == ')')
        s++, n -= 2;
    static const char *const words[] = {"명", "개", "건", "개사", "개 사", "사", "%", "년", "개소", "인"};
    for (size_t k = 0; k < ARRAY_LEN(words); k++)
        if (strlen(words[k]) == n && !memcmp(s, words[k], n))
            return true;
    return false;
}

/* The first row under the header, when every value in it is a unit
 * ("(천원)", "단위: 백만원", "원") and one is under an amount column: a row
 * of units, as report sheets put them under a header. Its units apply to
 * the amount columns whose header has none, with a note; the row is no
 * data. Looked at once. */
static __attribute__((noinline)) bool units_row(filectx *fc)
{
    fc->units_row_seen = true;
    int64_t sc[MAX_COLS] = {0};
    bool any = false;
    strbuf tmp = {0};
    for (uint32_t i = 0; i < fc->nf; i++) {
        const char *s = fc->f[i].s;
        size_t n = fc->f[i].len;
        trim(&s, &n);
        if (!n)
            continue;
        s = utf8_hangul_composed(&tmp, s, &n); /* a unit in jamo (NFD) */
        int64_t u = unit_scale(s, n);
        if (!u && !counter_unit(s, n)) {
            sb_free(&tmp);
            return false; /* a value that is not a unit: data */
        }
        for (int c = 0; c < fc->ncols; c++)
            if (fc->map[c] == (int)i && fc->cols[c].amount) {
                sc[c] = u;
                any = true;
            }
    }
    sb_free(&tmp);
    if (!any)
        return false;
    strbuf cols = {0};
    units_apply(fc, sc, true, &cols);
    problem_at(fc, DIAG_NOTE, at_row(fc), "a row of units under the header, not data%s%s",
               cols.len ? "; the units it gives are read for " : "", sb_str(&cols));
    sb_free(&cols);
    return true;
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
    if (!fc->units_row_seen && units_row(fc))
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
            char len[GROUPED_MAX], max[GROUPED_MAX];
            problem_at(fc, DIAG_ERROR, at_field(fc, i),
                       "field %u is %s bytes long; a value may have at most %s bytes (what a "
                       "workbook cell can hold); row skipped",
                       i + 1, fmt_grouped(len, f[i].len), fmt_grouped(max, FIELD_MAX_BYTES));
            return true;
        }
    }
    int saved_map[MAX_COLS], cut = -1;
    if (nf != fc->nheader) {
        char got[GROUPED_MAX], want[GROUPED_MAX];
        fmt_grouped(got, nf);
        fmt_grouped(want, fc->nheader);
        unsigned fits = 0;
        if (nf > fc->nheader && (cut = cut_amount(fc, nf - fc->nheader)) >= 0) {
            memcpy(saved_map, fc->map, sizeof saved_map);
            f = fc->f = join_cut_amount(fc, cut, nf - fc->nheader);
        } else if (nf > fc->nheader && (cut = cut_text(fc, nf - fc->nheader, &fits)) >= 0) {
            memcpy(saved_map, fc->map, sizeof saved_map);
            f = fc->f = join_cut_text(fc, cut, nf - fc->nheader);
        } else if (nf > fc->nheader && fits &&
                   (cut = cut_text_open(fc, nf - fc->nheader, fits, saved_map)) >= 0) {
            f = fc->f;
        } else if (nf > fc->nheader)
            problem_at(fc, DIAG_ERROR, at_field(fc, fc->nheader),
                       "this row has %s fields but the header has %s (an unquoted comma in a value?)",
                       got, want);
        else
            problem_at(fc, DIAG_ERROR, at_field(fc, nf),
                       "this row has %s field%s but the header has %s: %s%s is missing here",
                       got, nf == 1 ? "" : "s", want, header_name(fc, nf),
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
    if (cut >= 0)
        memcpy(fc->map, saved_map, sizeof saved_map);
    return true;
}

static void progress(void *ctx, uint64_t done, uint64_t total)
{
    ingest *in = ctx;
    (void)total;
    if (in->opt->progress)
        in->opt->progress(in->opt->progress_ctx, in->done_before + done, in->total);
}

/* What a file that is not text is, by its first bytes, when it is a document
 * a user may have saved under a .csv name (an Excel workbook most of all);
 * NULL otherwise. */
#define SAVE_AS_CSV "open it in Excel and save it as \"CSV UTF-8 (쉼표로 분리)\" or \"CSV (쉼표로 분리)\""
static const char *office_file(const char *path, const char **advice)
{
    static const struct {
        const char *magic;
        size_t len;
        const char *what, *advice;
    } kinds[] = {
        {"PK\x03\x04", 4, "a zip file (an Excel workbook, .xlsx, or another office document)", SAVE_AS_CSV},
        {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, "an Excel 97-2003 workbook (.xls) or another old office document",
         SAVE_AS_CSV},
        {"%PDF", 4, "a PDF document", "export the data as CSV from the system it came from"},
    };
    unsigned char head[8] = {0};
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    for (size_t i = 0; i < ARRAY_LEN(kinds); i++)
        if (n >= kinds[i].len && !memcmp(head, kinds[i].magic, kinds[i].len)) {
            *advice = kinds[i].advice;
            return kinds[i].what;
        }
    return NULL;
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
    fc->joined = keep.joined;
    fc->joined_cap = keep.joined_cap;
    fc->joined_value = keep.joined_value;
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

/* What the reader's outcome means for the file: its diagnostics, and
 * EXIT_INPUT when the file could not be read as a table at all (a row too
 * long, a quoting mistake are the file's errors like any other: rows are
 * still checked up to there). */
static int read_outcome(ingest *in, filectx *fc, const csv_read_result *res)
{
    int rc = EXIT_OK;
    switch (res->status) {
    case CSV_READ_OK:
    case CSV_READ_STOPPED:
        if (!fc->header_seen && fc->best_got >= 0)
            header_not_found(fc); /* the file ended within the header search */
        fc->complete = fc->header_ok;
        if (!fc->header_seen) {
            diag_add(in->d, DIAG_ERROR, fc->path, 0, 0, "%s",
                     res->bytes ? "no header row (the file has only blank lines)"
                                : "empty file (no header row)");
            rc = EXIT_INPUT;
        }
        break;
    case CSV_READ_IO:
        diag_add(in->d, DIAG_ERROR, fc->path, 0, 0, "cannot read: %s", strerror(res->err));
        rc = EXIT_INPUT;
        break;
    case CSV_READ_NOT_REGULAR:
        diag_add(in->d, DIAG_ERROR, fc->path, 0, 0,
                 "is %s, not a regular file; an input must be a regular file (nothing was read "
                 "from it)",
                 file_type_name(res->file_mode));
        rc = EXIT_INPUT;
        break;
    case CSV_READ_CHANGED:
        diag_add(in->d, DIAG_ERROR, fc->path, 0, 0,
                 "the file changed while it was read (size or modification time); run again "
                 "when the program writing it has finished");
        rc = EXIT_INPUT;
        break;
    case CSV_READ_NOMEM:
        xoom(0);
    case CSV_READ_LIMIT:
        if (res->limit == CSV_LIMIT_FIELDS) {
            char max[GROUPED_MAX];
            problem_at(fc, DIAG_ERROR,
                       (csv_loc){.kind = CSV_LOC_FIELD, .record = res->limit_record,
                                 .field = CSV_RECORD_MAX_FIELDS},
                       "this row has more than %s fields (the most a worksheet has): is this a "
                       "comma-separated file? reading stopped here",
                       fmt_grouped(max, CSV_RECORD_MAX_FIELDS));
        } else {
            problem_at(fc, DIAG_ERROR,
                       (csv_loc){.kind = CSV_LOC_OFFSET, .offset = res->text_offset},
                       "this row goes on for more than %llu MiB without ending%s; reading "
                       "stopped here",
                       (unsigned long long)(CSV_RECORD_MAX_BYTES >> 20),
                       res->limit_nul ? " and holds NUL bytes: this is not a text file"
                                      : ": a line break or a closing quote (\") is missing");
        }
        break;
    case CSV_READ_DECODE:
        if (in->opt->encoding == ENC_AUTO && res->encoding == ENC_CP949)
            diag_add(in->d, DIAG_ERROR, fc->path, 0, 0,
                     "not UTF-8 or CP949: invalid byte 0x%02X at offset %llu", res->bad_byte,
                     (unsigned long long)res->bad_offset);
        else
            diag_add(in->d, DIAG_ERROR, fc->path, 0, 0,
                     "not valid %s%s: invalid byte 0x%02X at offset %llu",
                     encoding_name(res->encoding),
                     in->opt->encoding == ENC_AUTO ? "" : " (the encoding set in the config)",
                     res->bad_byte, (unsigned long long)res->bad_offset);
        rc = EXIT_INPUT;
        break;
    case CSV_READ_SYNTAX:
        if (res->syntax == CSV_SYNTAX_UNTERMINATED)
            problem_at(fc, DIAG_ERROR, (csv_loc){.kind = CSV_LOC_OPEN},
                       "quoted field is never closed: its closing quote (\") is missing");
        else if (res->syntax == CSV_SYNTAX_STRAY_QUOTE)
            problem_at(fc, DIAG_ERROR, (csv_loc){.kind = CSV_LOC_OFFSET, .offset = res->text_offset},
                       "stray quote (\") in a field: quote the whole field and double the quote "
                       "(\"\")");
        else
            problem_at(fc, DIAG_ERROR, (csv_loc){.kind = CSV_LOC_OFFSET, .offset = res->text_offset},
                       "'%c' after the closing quote of a field: a quote inside a quoted field "
                       "must be doubled (\"\")",
                       res->bad_char);
        break;
    }
    return rc;
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

    struct stat st;
    bool ahead = in->opt->read_ahead &&
                 (!in->opt->read_ahead_min ||
                  (stat(fc.path, &st) == 0 && (uint64_t)st.st_size >= in->opt->read_ahead_min));
    csv_read_options o = {.encoding = in->opt->encoding, .hash = in->opt->hash,
                          .read_ahead = ahead,
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
    const char *what = NULL, *advice = NULL;
    if (res.delim == '\t' && res.records)
        diag_add(in->d, DIAG_NOTE, fc.path, 0, 0,
                 "fields separated by tabs (Excel's 유니코드 텍스트 or 텍스트 (탭으로 분리)), read as such");
    /* Not text at all: a workbook saved under a .csv name says so, and
     * nothing about the bytes that made it unreadable. */
    if ((res.status == CSV_READ_DECODE || res.status == CSV_READ_SYNTAX || res.status == CSV_READ_LIMIT) &&
        (what = office_file(fc.path, &advice)) != NULL) {
        diag_add(in->d, DIAG_ERROR, fc.path, 0, 0, "this is %s, not a CSV file: %s", what, advice);
        rc = EXIT_INPUT;
    } else {
        rc = read_outcome(in, &fc, &res);
    }
    if (rc == EXIT_OK)
        flush_problems(&fc, res.encoding);
    else
        drop_problems(&fc);
    for (int c = 0; c < MAX_COLS; c++)
        sb_free(&fc.clean[c]);
    free(fc.fcopy);
    free(fc.joined);
    sb_free(&fc.joined_value);
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
    free(in.instr_len);
    free(in.agency_len);
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
