/* parse.c — the field parsers of the input contract (amounts, integers,
 * years, dates, business registration numbers, header units). Calendar
 * arithmetic and the reporting period are core (date.c).
 *
 * Every parser works on (pointer, length) of a field as libcsv hands it over:
 * not NUL-terminated, possibly with spaces around it. They allocate nothing
 * and never look at the locale. Failure leaves *out untouched and sets *why
 * to a static English fragment that completes a sentence such as
 * `지원금액 (amount_krw): "12,3x4" is not an amount` — the caller supplies
 * the column name and the quoted value, the parser only says what is wrong.
 * Arithmetic is int64 with explicit overflow checks; no floating point. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "parse.h"
#include "utf8.h"

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static bool has_prefix(const char *s, size_t len, const char *pre)
{
    size_t n = strlen(pre);
    return len >= n && memcmp(s, pre, n) == 0;
}

static bool has_suffix(const char *s, size_t len, const char *suf)
{
    size_t n = strlen(suf);
    return len >= n && memcmp(s + len - n, suf, n) == 0;
}

/* Digits with optional thousands separators, grouped correctly (1,234,567;
 * not 12,34). *ndig receives the number of digits. Fails on overflow. */
static bool parse_grouped(const char *s, size_t len, int64_t *out, size_t *ndig, const char **why)
{
    int64_t v = 0;
    if (len && len <= 18) {
        /* Up to 18 plain digits cannot overflow: the common amount. */
        size_t i = 0;
        while (i < len && is_digit(s[i]))
            v = v * 10 + (s[i++] - '0');
        if (i == len) {
            *out = v;
            *ndig = len;
            return true;
        }
        v = 0;
    }
    size_t digits = 0, group = 0;
    bool grouped = false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (is_digit(c)) {
            if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, c - '0', &v))
                RETURN_WHY("is too large");
            digits++;
            group++;
        } else if (c == ',') {
            if (digits == 0 || (grouped ? group != 3 : group > 3))
                RETURN_WHY("has misplaced thousands separators");
            grouped = true;
            group = 0;
        } else {
            RETURN_WHY("contains a character that is not a digit");
        }
    }
    if (digits == 0)
        RETURN_WHY("has no digits");
    if (grouped && group != 3)
        RETURN_WHY("has misplaced thousands separators");
    *out = v;
    *ndig = digits;
    return true;
}

/* Text in the cell beside the number ("8억원 이내", "약 3천만"): the unit
 * belongs in the header. */
static bool has_non_ascii(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80)
            return true;
    return false;
}

#define UNIT_IN_CELL                                                                               \
    "has words or a unit beside the number: put the unit in the header, e.g. 지원금액(억원), "      \
    "and only the number in the cell"

/* Excel's scientific notation (1.2E+07, 1.23457E+11): what a number in
 * 일반 format shows when its column is too narrow, and what a CSV then holds. */
static bool scientific(const char *s, size_t len)
{
    size_t i = 0, mant = 0;
    while (i < len && (is_digit(s[i]) || s[i] == '.'))
        mant += is_digit(s[i++]);
    if (!mant || i + 1 >= len || (s[i] != 'E' && s[i] != 'e'))
        return false;
    i++;
    if (s[i] == '+' || s[i] == '-')
        i++;
    if (i >= len)
        return false;
    while (i < len && is_digit(s[i]))
        i++;
    return i == len;
}

#define SCIENTIFIC                                                                                  \
    "is in Excel's scientific notation, which a number in 일반 format shows when its column is too "  \
    "narrow, and its other digits are lost: format the column as 숫자 with no decimals, widen it "    \
    "and export again"

bool parse_amount(const char *s, size_t len, int64_t scale, won_t *out, const char **why)
{
    utf8_trim(&s, &len);
    if (len == 0)
        RETURN_WHY("is empty");
    if (len == 1 && *s == '-') { /* Excel's accounting format shows 0 as "-" */
        *out = 0;
        return true;
    }
    if (scale <= 0)
        scale = 1;
    bool neg = false;
    if (*s == '-') {
        neg = true;
        s++, len--;
    }
    if (has_prefix(s, len, "\xE2\x82\xA9") || has_prefix(s, len, "\xEF\xBF\xA6")) { /* ₩ ￦ */
        s += 3, len -= 3;
        utf8_trim(&s, &len);
    }
    if (!neg && len && *s == '-') {
        neg = true;
        s++, len--;
    }
    if (has_suffix(s, len, "\xEC\x9B\x90")) { /* 원 */
        len -= 3;
        utf8_trim(&s, &len);
    }
    if (len == 0)
        RETURN_WHY("has no digits");
    const char *dot = memchr(s, '.', len);
    size_t ilen = dot ? (size_t)(dot - s) : len;
    int64_t ipart = 0, v;
    size_t nd;
    if (ilen == 0 && dot) {
        ipart = 0; /* ".5" */
    } else if (!parse_grouped(s, ilen, &ipart, &nd, why)) {
        if (has_non_ascii(s, len))
            RETURN_WHY(UNIT_IN_CELL);
        if (scientific(s, len))
            RETURN_WHY(SCIENTIFIC);
        return false;
    }
    if (__builtin_mul_overflow(ipart, scale, &v))
        RETURN_WHY("is too large");
    if (dot) {
        const char *f = dot + 1;
        size_t flen = len - ilen - 1;
        if (flen == 0)
            RETURN_WHY("has a decimal point without digits after it");
        /* Drop trailing zeros: "1.50" is "1.5". */
        while (flen && f[flen - 1] == '0')
            flen--;
        if (flen > 18)
            RETURN_WHY("has more decimal places than a whole number of won allows");
        int64_t frac = 0, pow10 = 1;
        if (scientific(s, len))
            RETURN_WHY(SCIENTIFIC);
        for (size_t i = 0; i < flen; i++) {
            if (!is_digit(f[i]))
                RETURN_WHY("contains a character that is not a digit");
            frac = frac * 10 + (f[i] - '0');
            pow10 *= 10;
        }
        for (size_t i = flen; i < len - ilen - 1; i++)
            if (!is_digit(f[i]))
                RETURN_WHY("contains a character that is not a digit");
        /* frac/pow10 * scale must be whole: reduce by the common factor first. */
        int64_t a = frac, b = pow10;
        while (b) {
            int64_t t = a % b;
            a = b;
            b = t;
        }
        int64_t g = frac ? a : pow10;
        int64_t num = frac / g, den = pow10 / g;
        if (scale % den != 0)
            RETURN_WHY("has a fraction of a won after scaling to won");
        int64_t add;
        if (__builtin_mul_overflow(num, scale / den, &add) || __builtin_add_overflow(v, add, &v))
            RETURN_WHY("is too large");
    }
    *out = neg ? -v : v;
    return true;
}

bool parse_int64(const char *s, size_t len, int64_t *out, const char **why)
{
    utf8_trim(&s, &len);
    if (len == 0)
        RETURN_WHY("is empty");
    if (len == 1 && *s == '-') { /* "-" for 0, as in the amounts */
        *out = 0;
        return true;
    }
    bool neg = false;
    if (*s == '-' || *s == '+') {
        neg = *s == '-';
        s++, len--;
    }
    int64_t v;
    size_t nd;
    if (!parse_grouped(s, len, &v, &nd, why))
        return false;
    *out = neg ? -v : v;
    return true;
}

bool parse_count(const char *s, size_t len, int64_t *out, const char **why)
{
    utf8_trim(&s, &len);
    if (has_suffix(s, len, "\xEB\xAA\x85")) { /* 명 */
        len -= 3;
        utf8_trim(&s, &len);
    }
    return parse_int64(s, len, out, why);
}

bool parse_year_of_date(const char *s, size_t len, int *out)
{
    int32_t d;
    const char *why;
    bool with_time;
    if (!parse_date(s, len, &d, &why) && !parse_date_more(s, len, &d, &with_time))
        return false;
    *out = date_year(d);
    return true;
}

bool parse_year(const char *s, size_t len, int *out, const char **why)
{
    utf8_trim(&s, &len);
    if (len == 0)
        RETURN_WHY("is empty");
    if (has_suffix(s, len, "\xEB\x85\x84")) { /* 년 */
        len -= 3;
        utf8_trim(&s, &len);
    }
    if (len != 4 || !is_digit(s[0]) || !is_digit(s[1]) || !is_digit(s[2]) || !is_digit(s[3]))
        RETURN_WHY("does not have four digits");
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    if (y < 1900 || y > 2100)
        RETURN_WHY("is outside 1900..2100");
    *out = y;
    return true;
}

#define NOT_A_DATE "has none of the forms 2024-05-13, 2024.05.13, 2024. 5. 13., 2024/05/13, 20240513"

bool parse_date(const char *s, size_t len, int32_t *out, const char **why)
{
    utf8_trim(&s, &len);
    if (len == 0)
        RETURN_WHY("is empty");
    int y, m, d;
    size_t i = 0;
    if (len == 10 && s[4] == '-' && s[7] == '-' && is_digit(s[0]) && is_digit(s[1]) &&
        is_digit(s[2]) && is_digit(s[3]) && is_digit(s[5]) && is_digit(s[6]) &&
        is_digit(s[8]) && is_digit(s[9])) {
        /* 2024-05-13, the form of nearly every row: what the general path
         * below would read from it, without its steps. */
        y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
        m = (s[5] - '0') * 10 + (s[6] - '0');
        d = (s[8] - '0') * 10 + (s[9] - '0');
        goto check;
    }
    bool compact = len == 8;
    for (size_t k = 0; compact && k < 8; k++)
        compact = is_digit(s[k]);
    if (compact) {
        y = (int)((s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0'));
        m = (s[4] - '0') * 10 + (s[5] - '0');
        d = (s[6] - '0') * 10 + (s[7] - '0');
    } else {
        if (!date_digits(s, len, &i, 4, 4, &y) || i >= len)
            RETURN_WHY(NOT_A_DATE);
        char sep = s[i];
        if (sep != '-' && sep != '.' && sep != '/')
            RETURN_WHY(NOT_A_DATE);
        i++;
        while (sep == '.' && i < len && s[i] == ' ')
            i++;
        if (!date_digits(s, len, &i, 1, 2, &m) || i >= len || s[i] != sep)
            RETURN_WHY(NOT_A_DATE);
        i++;
        while (sep == '.' && i < len && s[i] == ' ')
            i++;
        if (!date_digits(s, len, &i, 1, 2, &d))
            RETURN_WHY(NOT_A_DATE);
        if (sep == '.' && i < len && s[i] == '.')
            i++;
        if (i != len)
            RETURN_WHY(NOT_A_DATE);
    }
check:
    if (y < 1900 || y > 2100)
        RETURN_WHY("is not between the years 1900 and 2100");
    if (!date_valid(y, m, d))
        RETURN_WHY("does not exist in the calendar");
    *out = y * 10000 + m * 100 + d;
    return true;
}

/* A time of day at s[*i..len): H:MM or HH:MM, optional :SS and a fraction
 * of a second, optionally after 오전/오후 (Korean Excel's AM/PM). */
static bool time_of_day(const char *s, size_t len, size_t *i)
{
    size_t k = *i;
    if (len - k >= 6 && (memcmp(s + k, "\xEC\x98\xA4\xEC\xA0\x84", 6) == 0 ||  /* 오전 */
                         memcmp(s + k, "\xEC\x98\xA4\xED\x9B\x84", 6) == 0)) { /* 오후 */
        k += 6;
        while (k < len && s[k] == ' ')
            k++;
    }
    int h, m, sec = 0;
    if (!date_digits(s, len, &k, 1, 2, &h) || k >= len || s[k] != ':')
        return false;
    k++;
    if (!date_digits(s, len, &k, 2, 2, &m))
        return false;
    if (k < len && s[k] == ':') {
        k++;
        if (!date_digits(s, len, &k, 2, 2, &sec))
            return false;
        if (k < len && s[k] == '.') {
            k++;
            size_t f = k;
            while (k < len && is_digit(s[k]))
                k++;
            if (k == f)
                return false;
        }
    }
    if (h > 23 || m > 59 || sec > 59)
        return false;
    *i = k;
    return true;
}

/* What may follow a long date: its weekday, as Excel's 자세한 날짜 writes it
 * ("월요일") or in parentheses ("(월)"), and it must be the date's. */
static bool weekday_after(const char *s, size_t len, int32_t ymd)
{
    while (len && *s == ' ')
        s++, len--;
    const char *name = date_weekday_name(ymd); /* "월" */
    size_t nl = strlen(name);
    if (len == nl + 2 && s[0] == '(' && s[len - 1] == ')' && !memcmp(s + 1, name, nl))
        return true;
    return len == nl + 6 && !memcmp(s, name, nl) && !memcmp(s + nl, "\xEC\x9A\x94\xEC\x9D\xBC", 6); /* 요일 */
}

bool parse_date_more(const char *s, size_t len, int32_t *out, bool *with_time)
{
    utf8_trim(&s, &len);
    *with_time = false;
    size_t i = 0;
    int y, m, d;
    /* 2025년 1월 20일: Excel's Korean long date, as a CSV export writes it */
    if (date_digits(s, len, &i, 4, 4, &y) && has_prefix(s + i, len - i, "\xEB\x85\x84")) { /* 년 */
        i += 3;
        while (i < len && s[i] == ' ')
            i++;
        if (!date_digits(s, len, &i, 1, 2, &m) || !has_prefix(s + i, len - i, "\xEC\x9B\x94")) /* 월 */
            return false;
        i += 3;
        while (i < len && s[i] == ' ')
            i++;
        if (!date_digits(s, len, &i, 1, 2, &d) || !has_prefix(s + i, len - i, "\xEC\x9D\xBC")) /* 일 */
            return false;
        i += 3;
        if (y < 1900 || y > 2100 || !date_valid(y, m, d))
            return false;
        int32_t ymd = y * 10000 + m * 100 + d;
        if (i != len && !weekday_after(s + i, len - i, ymd))
            return false;
        *out = ymd;
        return true;
    }
    /* A date and a time of day: 2024-05-13 00:00:00, 2024-05-13T09:30,
     * 2024. 5. 13. 오후 2:30 (a date-time cell, a database export) */
    for (size_t cut = 8; cut < len; cut++) {
        if ((s[cut] != ' ' && s[cut] != 'T') || s[cut - 1] == ' ')
            continue;
        const char *why;
        int32_t date;
        size_t k = cut + 1;
        while (k < len && s[k] == ' ')
            k++;
        if (parse_date(s, cut, &date, &why) && time_of_day(s, len, &k) && k == len) {
            *out = date;
            *with_time = true;
            return true;
        }
    }
    return false;
}

bool parse_excel_serial(const char *s, size_t len, int32_t *out)
{
    utf8_trim(&s, &len);
    if (len != 5)
        return false;
    int64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        if (!is_digit(s[i]))
            return false;
        v = v * 10 + (s[i] - '0');
    }
    if (v < 20000 || v > 80000)
        return false;
    /* From serial 61 (1900-03-01) on, serial n is 1899-12-30 plus n days:
     * Excel's day 60 is the 1900-02-29 that never was. 25569 is 1970-01-01. */
    int32_t d = date_from_time((v - 25569) * 86400);
    if (!date_valid(date_year(d), date_month(d), date_day(d)))
        return false;
    *out = d;
    return true;
}

size_t name_fold(const char *s, size_t n, bool joiners, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || (joiners && (c == '_' || c == '-')))
            continue;
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xB7) { /* · */
            i++;
            continue;
        }
        if (k == cap)
            return cap + 1;
        out[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    return k;
}

size_t normalize_digits(const char *s, size_t len, char *buf, size_t cap)
{
    size_t k = 0, i = 0;
    bool changed = false;
    if (len && s[0] == '\'') { /* Excel's text marker */
        i = 1;
        changed = true;
    }
    for (; i < len; i++) {
        if (k + 1 >= cap)
            return 0;
        const unsigned char *u = (const unsigned char *)s + i;
        if (i + 2 < len && u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x8C && u[2] <= 0x99 &&
            u[2] != 0x8F) { /* full-width , - . and 0-9 (U+FF0C..U+FF19 but U+FF0F) */
            buf[k++] = (char)(u[2] - 0x8C + ',');
            i += 2;
            changed = true;
        } else {
            buf[k++] = s[i];
        }
    }
    return changed ? k : 0;
}

bool brn_checksum_ok(const char d[10])
{
    /* The weights 1 3 7 1 3 7 1 3 5, written out (once per allocation). */
    int sum = (d[0] - '0') + (d[1] - '0') * 3 + (d[2] - '0') * 7 + (d[3] - '0') +
              (d[4] - '0') * 3 + (d[5] - '0') * 7 + (d[6] - '0') + (d[7] - '0') * 3 +
              (d[8] - '0') * 5;
    sum += (d[8] - '0') * 5 / 10;
    return (10 - sum % 10) % 10 == d[9] - '0';
}

#define MASKED_BRN                                                                                  \
    "is masked, some digits hidden by an export's privacy setting: the number is what ties a firm "   \
    "to its allocations, so export it in full"

bool parse_brn(const char *s, size_t len, char out[11], const char **why)
{
    utf8_trim(&s, &len);
    if (len == 0)
        RETURN_WHY("is empty");
    char d[10];
    size_t nd = 0;
    if (len == 12 && s[3] == '-' && s[6] == '-') {
        /* 123-45-67890, the common form: the digits straight out. */
        memcpy(d, s, 3);
        memcpy(d + 3, s + 4, 2);
        memcpy(d + 5, s + 7, 5);
        bool digits = true;
        for (int k = 0; k < 10; k++)
            digits &= is_digit(d[k]);
        if (digits)
            goto check;
    }
    bool dashed = memchr(s, '-', len) != NULL;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (is_digit(c)) {
            if (nd == 10)
                RETURN_WHY("does not have 10 digits in the form 123-45-67890 or 1234567890");
            d[nd++] = c;
        } else if (c == '-' && ((nd == 3 && i == 3) || (nd == 5 && i == 6))) {
            continue;
        } else if (c == '*' || ((c == 'x' || c == 'X') && i >= 3) || has_prefix(s + i, len - i, "\xE2\x97\x8F")) {
            RETURN_WHY(MASKED_BRN); /* 602-81-*****, 602-81-xxxxx, 602-81-●●●●● */
        } else {
            RETURN_WHY("does not have 10 digits in the form 123-45-67890 or 1234567890");
        }
    }
    if (nd != 10 || (dashed && len != 12))
        RETURN_WHY("does not have 10 digits in the form 123-45-67890 or 1234567890");
check:
    if (!brn_checksum_ok(d))
        RETURN_WHY("has a check digit that does not match its first nine digits");
    memcpy(out, d, 10);
    out[10] = '\0';
    return true;
}

/* Past "단위" and a colon (":" or "："), with the spaces around them. */
static void skip_unit_word(const char **s, size_t *n)
{
    if (!has_prefix(*s, *n, "\xEB\x8B\xA8\xEC\x9C\x84")) /* 단위 */
        return;
    *s += 6, *n -= 6;
    utf8_trim(s, n);
    if (*n && **s == ':')
        (*s)++, (*n)--;
    else if (has_prefix(*s, *n, "\xEF\xBC\x9A")) /* ： */
        *s += 3, *n -= 3;
    utf8_trim(s, n);
}

int64_t unit_scale(const char *unit, size_t len)
{
    utf8_trim(&unit, &len);
    if (len >= 2 && unit[0] == '(' && unit[len - 1] == ')') {
        unit++;
        len -= 2;
        utf8_trim(&unit, &len);
    }
    skip_unit_word(&unit, &len); /* (단위: 천원) */
    /* Accept "천 원" as well as "천원". */
    char buf[32];
    size_t n = 0;
    for (size_t i = 0; i < len && n < sizeof buf; i++)
        if (unit[i] != ' ')
            buf[n++] = unit[i];
    static const struct {
        const char *text;
        int64_t scale;
    } units[] = {
        {"원", 1}, {"KRW", 1}, {"천원", 1000}, {"만원", 10000},
        {"백만원", 1000000}, {"억원", 100000000},
    };
    for (size_t k = 0; k < ARRAY_LEN(units); k++)
        if (strlen(units[k].text) == n && strncasecmp(buf, units[k].text, n) == 0)
            return units[k].scale;
    return 0;
}

int64_t unit_in_text(const char *s, size_t n, const char **unit, size_t *ulen)
{
    static const char *const words[] = {"백만원", "천원", "만원", "억원", "원"}; /* longest first */
    const char *w = "\xEB\x8B\xA8\xEC\x9C\x84"; /* 단위 */
    for (size_t i = 0; i + 6 <= n; i++) {
        if (memcmp(s + i, w, 6) != 0)
            continue;
        /* the clause: up to a closing bracket or the end */
        const char *p = s + i + 6, *end = s + n;
        for (const char *q = p; q < end; q++)
            if (*q == ')' || *q == ']') {
                end = q;
                break;
            }
        int64_t found = 0;
        while (p < end) {
            size_t k = 0, wl = 0;
            for (; k < ARRAY_LEN(words); k++) {
                wl = strlen(words[k]);
                if ((size_t)(end - p) >= wl && !memcmp(p, words[k], wl))
                    break;
            }
            if (k == ARRAY_LEN(words)) {
                p++;
                continue;
            }
            int64_t sc = unit_scale(p, wl);
            if (found && sc != found)
                return 0; /* two money units: which column is in which is not said */
            found = sc;
            *unit = p;
            *ulen = wl;
            p += wl;
        }
        return found;
    }
    return 0;
}
