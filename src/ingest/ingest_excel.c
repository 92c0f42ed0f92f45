/* ingest_excel.c — what Excel exports carry in their rows and values.
 *
 * A file saved from Excel, or typed into it, holds things the input contract
 * (docs/input.md) reads with a note rather than refuses. This file handles
 * those of the rows and values, all off the fast path: the common row never
 * gets past a one-byte test into this code.
 *
 * - Invisible characters (U+200B, a BOM inside a value, U+00A0 …) are
 *   removed, and Hangul written as conjoining jamo (decomposed, as macOS
 *   saves text that passed through a file name) is composed into syllables,
 *   so that two values that print the same compare the same: every value of
 *   projects and firms is checked (clean_fields, small files); in
 *   allocations only a value that is new (a 정책수단 not seen yet) or failed
 *   to match or parse (check_invisible, retry_value).
 * - A value that failed to parse gets one more try after that cleaning, with
 *   a leading apostrophe and full-width digits normalised (retry_value).
 * - Totals rows (합계, 소계 …) are skipped with a note, and a warning where
 *   their amount differs from the rows above (totals_row in
 *   ingest_private.h, totals_row_slow here); rows of commas only are blank.
 *
 * Title rows above the header and a double-encoded header are the header's
 * matter (ingest_header.c); Excel serial dates and "-" for 0 are read in the
 * date and amount fields themselves (ingest.c, parse.c). */
#include <string.h>

#include "ingest_private.h"
#include "parse.h"
#include "utf8.h"

/* ---- invisible characters ----
 * Characters that show nothing, or look like a space, make two values that
 * print the same compare different (an 11th 정책수단 that looks like one of
 * the ten). Anywhere in a value, the format characters U+FEFF (a BOM not at
 * the start of the file), U+200B..U+200F, U+202A..U+202E, U+2060..U+2064,
 * U+2066..U+2069 and U+00AD are removed; the no-break and ideographic spaces
 * U+00A0, U+2007, U+202F and U+3000 become a space, and spaces at the ends
 * are trimmed. The value is then read as cleaned, with one warning per
 * column (grouped).
 *
 * Decomposed Hangul: a leading consonant U+1100..U+1112 followed by a vowel
 * U+1161..U+1175, and a trailing consonant U+11A8..U+11C2 after them (or
 * after a precomposed syllable without one), are composed into syllables
 * (utf8_hangul_compose_at): "전라남도" in jamo reads as 전라남도, one of the 17
 * 시·도. Jamo that make no modern syllable (old Hangul ᆞ) stay. */

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

/* What starts at s[0..n) that clean_value replaces: an invisible character
 * (its code point in *inv, *space if it reads as one) or composable jamo
 * (their syllable in *syl); its byte length in *len; false if neither. */
static bool unclean_at(const char *s, size_t n, size_t *len, uint32_t *inv, bool *space, uint32_t *syl)
{
    unsigned char c = (unsigned char)*s;
    *inv = *syl = 0;
    if (c < 0xC2)
        return false;
    if ((*inv = invisible_at((const unsigned char *)s, n, len, space)) != 0)
        return true;
    return utf8_hangul_lead(c) && (*syl = utf8_hangul_compose_at(s, n, len)) != 0;
}

/* If the value holds an invisible character or decomposed Hangul, reports
 * it (a warning, or for jamo a note, one per column each) and points *s, *n
 * at the cleaned value (valid until the column's next cleaning). */
static __attribute__((noinline, cold)) void clean_value(filectx *fc, int c, int fi,
                                                        const char **s, size_t *n)
{
    size_t i = 0, len;
    bool space;
    uint32_t inv, syl;
    while (i < *n && !unclean_at(*s + i, *n - i, &len, &inv, &space, &syl))
        i++;
    if (i == *n)
        return;
    strbuf *b = &fc->clean[c];
    sb_reset(b);
    sb_addn(b, *s, i);
    uint32_t first_invisible = 0;
    bool composed = false;
    while (i < *n) {
        if (!unclean_at(*s + i, *n - i, &len, &inv, &space, &syl)) {
            sb_addc(b, (*s)[i++]);
            continue;
        }
        if (inv) {
            if (!first_invisible)
                first_invisible = inv;
            if (space)
                sb_addc(b, ' ');
        } else {
            utf8_add_cp(b, syl);
            composed = true;
        }
        i += len;
    }
    const char *t = sb_str(b);
    size_t tn = b->len;
    trim(&t, &tn);
    memmove(b->s, t, tn); /* trimmed and NUL-terminated, like a field */
    b->s[tn] = '\0';
    b->len = tn;
    t = b->s;
    csv_loc at = {.kind = CSV_LOC_FIELD, .record = fc->record, .field = (uint32_t)fi};
    if (first_invisible)
        problem_grouped(fc, DIAG_WARNING, at,
                        "%s (%s): \"%s\" holds U+%04X (%s); read as \"%.*s\", so that it does not "
                        "count as a different value that looks the same",
                        COL(fc, c), shown(fc->in, *s, *n), first_invisible, invisible_name(first_invisible),
                        (int)tn, t);
    if (composed) /* the same text, in Unicode's other canonical form: a note */
        problem_grouped(fc, DIAG_NOTE, at,
                        "%s (%s): \"%s\" is Hangul written as separate jamo (decomposed, as macOS saves "
                        "some text); read as \"%.*s\", composed, so that it does not count as a "
                        "different value",
                        COL(fc, c), shown(fc->in, *s, *n), (int)tn, t);
    *s = t;
    *n = tn;
}

/* Whether s holds a byte that starts an invisible character (C2, E2, E3,
 * EF) or a conjoining jamo (E1; precomposed Hangul starts with EA..ED), 8
 * bytes a step: a byte equal to b makes (w ^ b×8) have a zero byte. */
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
                 d = w ^ (ones * 0xEF), e = w ^ (ones * 0xE1);
        if (ZERO_BYTE(a) | ZERO_BYTE(b) | ZERO_BYTE(c) | ZERO_BYTE(d) | ZERO_BYTE(e))
            return true;
    }
#undef ZERO_BYTE
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3 || c == 0xEF)
            return true;
    }
    return false;
}

/* Projects and firms (small files): every value of a known column is checked
 * for invisible characters, the row then read from a copy of its fields that
 * points at the cleaned values. In allocations (a million rows) only the IDs
 * and the values that failed to match or parse are (see row_alloc). */
__attribute__((noinline)) const csv_field *clean_fields(filectx *fc, const csv_field *f,
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
        fc->fcopy[fi].trimmed = false;
    }
    return out;
}

/* Cleans the value of column c when it may hold an invisible character.
 * Kept out of line: the common value is plain and this is never inlined
 * into the per-row code. */
__attribute__((noinline, cold)) void check_invisible(filectx *fc, int c, int fi,
                                                     const char **s, size_t *n)
{
    if (fi >= 0 && maybe_invisible(*s, *n))
        clean_value(fc, c, fi, s, n);
}

/* A value that failed to parse, made ready for one more try: invisible
 * characters removed (with their warning), then a leading apostrophe and
 * full-width digits (Excel users' ways of typing numbers) normalised, which
 * needs no warning. Returns true if the value changed. */
__attribute__((cold)) bool retry_value(filectx *fc, int c, int fi, const char **s, size_t *n)
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
__attribute__((noinline)) bool totals_row_slow(filectx *fc)
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
        /* A total without the 취소 rows (a SUMIF) is as right as one with them. */
        won_t cancelled = fc->kind == SRC_ALLOCATIONS && c == A_AMOUNT
                              ? (sub ? fc->cancelled_part : fc->cancelled_sum) : 0;
        char a[GROUPED_MAX], b[GROUPED_MAX], nc[GROUPED_MAX];
        if (said != sum && said != sum - cancelled && !fc->sum_over[c])
            problem_at(fc, DIAG_WARNING, at_field(fc, (uint32_t)fi),
                       "%s (%s): the %s row says %s won but the rows above it add up to %s won%s%s%s",
                       COL(fc, c), words[w], fmt_grouped(a, said), fmt_grouped(b, sum),
                       cancelled ? " (" : "", cancelled ? fmt_grouped(nc, sum - cancelled) : "",
                       cancelled ? " won without the 취소 rows)" : "");
    }
    for (int c = 0; c < fc->ncols; c++)
        fc->part[c] = 0;
    fc->cancelled_part = 0;
    return true;
}

/* A row of empty fields only (",,,,": Excel's empty row inside the used
 * range) is a blank line. */
__attribute__((noinline)) bool row_is_empty(const csv_field *f, uint32_t nf)
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
