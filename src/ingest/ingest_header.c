/* ingest_header.c — finding a file's header and matching its columns.
 *
 * The header is the first of the first HEADER_SEARCH_LINES physical lines
 * that names every required column: lines above it are title rows (Excel
 * exports put a report title, a date and a blank line there) and are
 * skipped with a note. Until it is found each row is a candidate, and the
 * one that names the most required columns is kept (its fields copied, as
 * the reader's buffer moves on); when no line names them all, that one is
 * read as the header so that its missing columns are named — and if it
 * looks like Korean text saved through Latin-1 (double-encoded), that is
 * said instead.
 *
 * A header cell matches a column of the file's table (ingest.c) by its
 * English or Korean name or an alias, ignoring case, spaces, '_', '-' and
 * '·'; a trailing "(unit)" is split off and, for an amount column, becomes
 * the scale to won (천원, 백만원, 억원). Unknown columns are ignored with one
 * note, a duplicate or a missing required column is an error. The cost is
 * per header, never per row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest_private.h"
#include "parse.h"
#include "utf8.h"

#define HEADER_SEARCH_LINES 20u /* the header is looked for in this many physical lines */

/* Header names compare folded (name_fold with '_' and '-' dropped), so that
 * "Project ID", "project_id" and "시·도"/"시도" are the same column. */
static bool name_is(const char *norm, size_t n, const char *name, size_t len)
{
    char buf[128];
    size_t k = name_fold(name, len, true, buf, sizeof buf);
    return k == n && k <= sizeof buf && memcmp(buf, norm, n) == 0;
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

/* The column a header cell names (or -1), and its "(unit)" if any. A cell
 * in decomposed Hangul (utf8_hangul_compose) is read composed, from tmp
 * (which *unit may then point into); *composed says so. */
static int header_cell(const filectx *fc, const csv_field *f, strbuf *tmp, bool *composed, const char **unit,
                       size_t *ulen)
{
    const char *s = f->s;
    size_t n = f->len;
    *unit = NULL;
    *ulen = 0;
    const char *raw = s;
    s = utf8_hangul_composed(tmp, s, &n);
    *composed = s != raw;
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
    size_t nn = name_fold(s, n, true, norm, sizeof norm);
    return nn && nn <= sizeof norm ? match_column(fc, norm, nn) : -1;
}

/* How many of the file's required columns the row names. */
static int required_named(const filectx *fc, const csv_field *f, uint32_t nf)
{
    bool seen[MAX_COLS] = {false}, composed;
    int got = 0;
    strbuf tmp = {0};
    for (uint32_t i = 0; i < nf; i++) {
        const char *unit;
        size_t ulen;
        int c = f[i].len ? header_cell(fc, &f[i], &tmp, &composed, &unit, &ulen) : -1;
        if (c >= 0 && fc->cols[c].required && !seen[c]) {
            seen[c] = true;
            got++;
        }
    }
    sb_free(&tmp);
    return got;
}

static int required_count(const filectx *fc)
{
    int n = 0;
    for (int c = 0; c < fc->ncols; c++)
        n += fc->cols[c].required;
    return n;
}

/* Reads the row fc->f as the header: maps its columns, names the missing
 * ones and notes the unknown ones, unless the row is garbled (double-encoded:
 * header_not_found has said so, and the names would only repeat it). */
static void read_header(filectx *fc, bool garbled)
{
    ingest *in = fc->in;
    strbuf unknown = {0}, tmp = {0};
    uint32_t composed_at = UINT32_MAX;
    fc->nheader = fc->nf;
    for (int c = 0; c < fc->ncols; c++) {
        fc->map[c] = -1;
        fc->scale[c] = 1;
        fc->has_unit[c] = false;
    }
    for (uint32_t i = 0; i < fc->nf; i++) {
        const char *unit;
        size_t ulen;
        bool composed;
        int c = header_cell(fc, &fc->f[i], &tmp, &composed, &unit, &ulen);
        if (composed && composed_at == UINT32_MAX)
            composed_at = i;
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
            fc->has_unit[c] = true;
        }
    }
    fc->header_ok = true;
    for (int c = 0; c < fc->ncols; c++)
        if (fc->cols[c].required && fc->map[c] < 0) {
            if (!garbled)
                problem_at(fc, DIAG_ERROR, at_row(fc), "missing required column %s (%s)",
                           COL(fc, c));
            fc->header_ok = false;
        }
    if (composed_at != UINT32_MAX)
        problem_at(fc, DIAG_NOTE, at_field(fc, composed_at),
                   "the header is Hangul written as separate jamo (decomposed, as macOS saves some "
                   "text); its names are read composed");
    if (unknown.len && !garbled)
        problem_at(fc, DIAG_NOTE, at_row(fc), "unknown column%s ignored: %s",
                   strchr(unknown.s, ',') ? "s" : "", unknown.s);
    sb_free(&unknown);
    sb_free(&tmp);
}

/* "지원금액 (amount_krw)" for header field i, or "column 9" if it names none. */
const char *header_name(filectx *fc, uint32_t i)
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

/* Has s[0..n) a byte outside ASCII? */
static bool has_non_ascii(const char *s, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if ((unsigned char)s[k] >= 0x80)
            return true;
    return false;
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

/* A title line above the header that gives the unit of the table ("레전드
 * 지원내역 (단위: 천원)"): the first such unit is remembered. */
static void title_unit_find(filectx *fc)
{
    strbuf tmp = {0};
    for (uint32_t i = 0; i < fc->nf && !fc->title_scale; i++) {
        const char *s = fc->f[i].s, *u;
        size_t n = fc->f[i].len, ul;
        s = utf8_hangul_composed(&tmp, s, &n); /* a title in jamo (NFD) */
        int64_t sc = unit_in_text(s, n, &u, &ul);
        if (sc && ul < sizeof fc->title_unit) {
            fc->title_scale = sc;
            memcpy(fc->title_unit, u, ul);
            fc->title_unit[ul] = '\0';
            fc->title_unit_line = fc->line;
        }
    }
    sb_free(&tmp);
}

void units_apply(filectx *fc, const int64_t *scale, bool mark, strbuf *cols)
{
    for (int c = 0; c < fc->ncols; c++)
        if (scale[c] && fc->cols[c].amount && fc->map[c] >= 0 && !fc->has_unit[c]) {
            fc->scale[c] = scale[c];
            fc->has_unit[c] = mark;
            sb_addf(cols, "%s%s", cols->len ? ", " : "", fc->cols[c].ko);
        }
}

/* The title's unit, for the amount columns whose header names none (else
 * read in 원: a table in 천원 would be a thousand times too small), with a
 * note naming them. */
static void title_unit_apply(filectx *fc)
{
    if (!fc->title_scale)
        return;
    int64_t scale[MAX_COLS];
    for (int c = 0; c < MAX_COLS; c++)
        scale[c] = fc->title_scale;
    strbuf cols = {0};
    units_apply(fc, scale, false, &cols); /* a row of units, more precise, may still say */
    if (cols.len)
        problem_at(fc, DIAG_NOTE, at_row(fc),
                   "the title on line %u gives the unit 단위: %s; %s (no unit in %s header) read in %s",
                   fc->title_unit_line, fc->title_unit, sb_str(&cols),
                   strchr(sb_str(&cols), ',') ? "their" : "its", fc->title_unit);
    sb_free(&cols);
}

/* No row of the first lines names every required column: the row that came
 * closest is read as the header, so that its missing columns are named. */
void header_not_found(filectx *fc)
{
    fc->header_seen = true;
    if (fc->best_got < 0)
        return;
    fc->record = fc->best_record;
    fc->line = fc->best_line;
    fc->f = fc->best_f;
    fc->nf = fc->best_nf;
    /* The cause first, alone: the columns it hides are not listed one by one. */
    bool garbled = looks_double_encoded(fc->f, fc->nf);
    if (garbled) {
        int all = required_count(fc), missing = all - fc->best_got;
        uint32_t shown_i = 0; /* the first name that shows the damage */
        while (shown_i + 1 < fc->nf && !has_non_ascii(fc->f[shown_i].s, fc->f[shown_i].len))
            shown_i++;
        char lost[64];
        if (missing == all)
            snprintf(lost, sizeof lost, "none of the %d required columns can", all);
        else
            snprintf(lost, sizeof lost, "%d of the %d required columns cannot", missing, all);
        problem_at(fc, DIAG_ERROR, at_row(fc),
                   "the header is double-encoded: every character in it that is not ASCII is "
                   "in U+0080..U+00FF (\"%s\"), which is what Korean text saved in CP949, "
                   "read as Latin-1 and saved again as UTF-8 looks like, so %s be found. "
                   "Export the file again from the original, or open it in Excel through "
                   "데이터 > 텍스트/CSV with 파일 원본 949: 한국어 and save it as CSV UTF-8",
                   shown(fc->in, fc->f[shown_i].s, fc->f[shown_i].len), lost);
    }
    read_header(fc, garbled);
    if (!garbled && fc->best_line != fc->first_line)
        problem_at(fc, DIAG_NOTE, at_row(fc),
                   "no line among the first %u names every required column; this one came "
                   "closest (%d of %d) and was read as the header",
                   HEADER_SEARCH_LINES, fc->best_got, required_count(fc));
}

/* A row before the header is found: the header if it names every required
 * column, else a title line (the best candidate is remembered). */
__attribute__((noinline)) void header_search(filectx *fc)
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
        read_header(fc, false);
        title_unit_apply(fc);
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
    title_unit_find(fc);
}

