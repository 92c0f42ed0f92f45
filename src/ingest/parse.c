/* parse.c — the field parsers of the input contract (amounts, integers,
 * years, dates, business registration numbers, header units) and the
 * reporting period.
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

#define WHY(msg)                                                                                   \
    do {                                                                                           \
        if (why)                                                                                   \
            *why = (msg);                                                                          \
        return false;                                                                              \
    } while (0)

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* Drops ASCII spaces/tabs (and U+00A0 or U+3000, which Excel users paste) on both sides. */
static void trim(const char **s, size_t *len)
{
    const char *p = *s;
    size_t n = *len;
    for (;;) {
        if (n && (*p == ' ' || *p == '\t')) {
            p++, n--;
        } else if (n >= 2 && (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0) {
            p += 2, n -= 2;
        } else if (n >= 3 && memcmp(p, "\xE3\x80\x80", 3) == 0) {
            p += 3, n -= 3;
        } else {
            break;
        }
    }
    for (;;) {
        if (n && (p[n - 1] == ' ' || p[n - 1] == '\t')) {
            n--;
        } else if (n >= 2 && (unsigned char)p[n - 2] == 0xC2 && (unsigned char)p[n - 1] == 0xA0) {
            n -= 2;
        } else if (n >= 3 && memcmp(p + n - 3, "\xE3\x80\x80", 3) == 0) {
            n -= 3;
        } else {
            break;
        }
    }
    *s = p;
    *len = n;
}

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
    size_t digits = 0, group = 0;
    bool grouped = false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (is_digit(c)) {
            if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, c - '0', &v))
                WHY("is too large");
            digits++;
            group++;
        } else if (c == ',') {
            if (digits == 0 || (grouped ? group != 3 : group > 3))
                WHY("has misplaced thousands separators");
            grouped = true;
            group = 0;
        } else {
            WHY("contains a character that is not a digit");
        }
    }
    if (digits == 0)
        WHY("has no digits");
    if (grouped && group != 3)
        WHY("has misplaced thousands separators");
    *out = v;
    *ndig = digits;
    return true;
}

bool parse_amount(const char *s, size_t len, int64_t scale, won_t *out, const char **why)
{
    trim(&s, &len);
    if (len == 0)
        WHY("is empty");
    if (scale <= 0)
        scale = 1;
    bool neg = false;
    if (*s == '-') {
        neg = true;
        s++, len--;
    }
    if (has_prefix(s, len, "\xE2\x82\xA9") || has_prefix(s, len, "\xEF\xBF\xA6")) { /* ₩ ￦ */
        s += 3, len -= 3;
        trim(&s, &len);
    }
    if (!neg && len && *s == '-') {
        neg = true;
        s++, len--;
    }
    if (has_suffix(s, len, "\xEC\x9B\x90")) { /* 원 */
        len -= 3;
        trim(&s, &len);
    }
    if (len == 0)
        WHY("has no digits");
    const char *dot = memchr(s, '.', len);
    size_t ilen = dot ? (size_t)(dot - s) : len;
    int64_t ipart = 0, v;
    size_t nd;
    if (ilen == 0 && dot) {
        ipart = 0; /* ".5" */
    } else if (!parse_grouped(s, ilen, &ipart, &nd, why)) {
        return false;
    }
    if (__builtin_mul_overflow(ipart, scale, &v))
        WHY("is too large");
    if (dot) {
        const char *f = dot + 1;
        size_t flen = len - ilen - 1;
        if (flen == 0)
            WHY("has a decimal point without digits after it");
        /* Drop trailing zeros: "1.50" is "1.5". */
        while (flen && f[flen - 1] == '0')
            flen--;
        if (flen > 18)
            WHY("has more decimal places than a whole number of won allows");
        int64_t frac = 0, pow10 = 1;
        for (size_t i = 0; i < flen; i++) {
            if (!is_digit(f[i]))
                WHY("contains a character that is not a digit");
            frac = frac * 10 + (f[i] - '0');
            pow10 *= 10;
        }
        for (size_t i = flen; i < len - ilen - 1; i++)
            if (!is_digit(f[i]))
                WHY("contains a character that is not a digit");
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
            WHY("has a fraction of a won after scaling to won");
        int64_t add;
        if (__builtin_mul_overflow(num, scale / den, &add) || __builtin_add_overflow(v, add, &v))
            WHY("is too large");
    }
    *out = neg ? -v : v;
    return true;
}

bool parse_int64(const char *s, size_t len, int64_t *out, const char **why)
{
    trim(&s, &len);
    if (len == 0)
        WHY("is empty");
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

bool parse_year(const char *s, size_t len, int *out, const char **why)
{
    trim(&s, &len);
    if (len == 0)
        WHY("is empty");
    if (has_suffix(s, len, "\xEB\x85\x84")) { /* 년 */
        len -= 3;
        trim(&s, &len);
    }
    if (len != 4 || !is_digit(s[0]) || !is_digit(s[1]) || !is_digit(s[2]) || !is_digit(s[3]))
        WHY("does not have four digits");
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    if (y < 1900 || y > 2100)
        WHY("is outside 1900..2100");
    *out = y;
    return true;
}

bool date_valid(int y, int m, int d)
{
    static const unsigned char mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1)
        return false;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= mdays[m - 1] + (m == 2 ? leap : 0);
}

/* Reads 1..max digits at *i. */
static bool take_num(const char *s, size_t len, size_t *i, int min, int max, int *out)
{
    int v = 0, n = 0;
    while (*i < len && is_digit(s[*i]) && n < max) {
        v = v * 10 + (s[*i] - '0');
        (*i)++;
        n++;
    }
    if (n < min || (*i < len && is_digit(s[*i])))
        return false;
    *out = v;
    return true;
}

#define NOT_A_DATE "has none of the forms 2024-05-13, 2024.05.13, 2024. 5. 13., 2024/05/13, 20240513"

bool parse_date(const char *s, size_t len, int32_t *out, const char **why)
{
    trim(&s, &len);
    if (len == 0)
        WHY("is empty");
    int y, m, d;
    size_t i = 0;
    bool compact = len == 8;
    for (size_t k = 0; compact && k < 8; k++)
        compact = is_digit(s[k]);
    if (compact) {
        y = (int)((s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0'));
        m = (s[4] - '0') * 10 + (s[5] - '0');
        d = (s[6] - '0') * 10 + (s[7] - '0');
    } else {
        if (!take_num(s, len, &i, 4, 4, &y) || i >= len)
            WHY(NOT_A_DATE);
        char sep = s[i];
        if (sep != '-' && sep != '.' && sep != '/')
            WHY(NOT_A_DATE);
        i++;
        while (sep == '.' && i < len && s[i] == ' ')
            i++;
        if (!take_num(s, len, &i, 1, 2, &m) || i >= len || s[i] != sep)
            WHY(NOT_A_DATE);
        i++;
        while (sep == '.' && i < len && s[i] == ' ')
            i++;
        if (!take_num(s, len, &i, 1, 2, &d))
            WHY(NOT_A_DATE);
        if (sep == '.' && i < len && s[i] == '.')
            i++;
        if (i != len)
            WHY(NOT_A_DATE);
    }
    if (y < 1900 || y > 2100)
        WHY("is not between the years 1900 and 2100");
    if (!date_valid(y, m, d))
        WHY("does not exist in the calendar");
    *out = y * 10000 + m * 100 + d;
    return true;
}

bool brn_checksum_ok(const char d[10])
{
    static const int w[9] = {1, 3, 7, 1, 3, 7, 1, 3, 5};
    int sum = 0;
    for (int i = 0; i < 9; i++)
        sum += (d[i] - '0') * w[i];
    sum += (d[8] - '0') * 5 / 10;
    return (10 - sum % 10) % 10 == d[9] - '0';
}

bool parse_brn(const char *s, size_t len, char out[11], const char **why)
{
    trim(&s, &len);
    if (len == 0)
        WHY("is empty");
    char d[10];
    size_t nd = 0;
    bool dashed = memchr(s, '-', len) != NULL;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (is_digit(c)) {
            if (nd == 10)
                WHY("does not have 10 digits in the form 123-45-67890 or 1234567890");
            d[nd++] = c;
        } else if (c == '-' && ((nd == 3 && i == 3) || (nd == 5 && i == 6))) {
            continue;
        } else {
            WHY("does not have 10 digits in the form 123-45-67890 or 1234567890");
        }
    }
    if (nd != 10 || (dashed && len != 12))
        WHY("does not have 10 digits in the form 123-45-67890 or 1234567890");
    if (!brn_checksum_ok(d))
        WHY("has a check digit that does not match its first nine digits");
    memcpy(out, d, 10);
    out[10] = '\0';
    return true;
}

int64_t unit_scale(const char *unit, size_t len)
{
    trim(&unit, &len);
    if (len >= 2 && unit[0] == '(' && unit[len - 1] == ')') {
        unit++;
        len -= 2;
        trim(&unit, &len);
    }
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

int date_weekday(int32_t dt)
{
    static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    int y = date_year(dt), m = date_month(dt), d = date_day(dt);
    if (m < 3)
        y -= 1;
    return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

int32_t date_from_time(int64_t t)
{
    int64_t z = t >= 0 ? t / 86400 : (t - 86399) / 86400; /* days since 1970-01-01 */
    /* Howard Hinnant's civil_from_days. */
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2)
        y++;
    return (int32_t)(y * 10000 + m * 100 + d);
}

/* ---- periods ---- */

static int month_days(int y, int m)
{
    for (int d = 31; d >= 28; d--)
        if (date_valid(y, m, d))
            return d;
    return 0;
}

/* "2024-03" → y, m; exactly that shape. */
static bool ym(const char *s, size_t len, int *y, int *m)
{
    size_t i = 0;
    return len == 7 && take_num(s, len, &i, 4, 4, y) && s[i++] == '-' &&
           take_num(s, len, &i, 2, 2, m) && i == len && date_valid(*y, *m, 1);
}

/* "2024-03-01" → yyyymmdd; exactly that shape. */
static bool ymd(const char *s, size_t len, int32_t *out)
{
    size_t i = 0;
    int y, m, d;
    if (len == 10 && take_num(s, len, &i, 4, 4, &y) && s[i++] == '-' &&
        take_num(s, len, &i, 2, 2, &m) && s[i++] == '-' && take_num(s, len, &i, 2, 2, &d) &&
        i == len && date_valid(y, m, d)) {
        *out = y * 10000 + m * 100 + d;
        return true;
    }
    return false;
}

#define PERIOD_FORMS "(use all, 2025, 2025Q3, 2025H1, 2024-03..2025-06 or 2024-03-01..2025-06-30)"

bool period_parse(const char *str, period *out, const char **why)
{
    if (!str)
        WHY("is empty " PERIOD_FORMS);
    const char *s = str;
    size_t len = strlen(s);
    trim(&s, &len);
    period p;
    memset(&p, 0, sizeof p);
    if (len == 0)
        WHY("is empty " PERIOD_FORMS);
    if (len == 3 && strncasecmp(s, "all", 3) == 0) {
        p.all = true;
        strcpy(p.label, "all");
        *out = p;
        return true;
    }
    const char *dots = NULL;
    for (size_t i = 0; i + 1 < len; i++)
        if (s[i] == '.' && s[i + 1] == '.') {
            dots = s + i;
            break;
        }
    int y, y2, m, m2;
    size_t i = 0;
    if (dots) {
        const char *a = s, *b = dots + 2;
        size_t alen = (size_t)(dots - s), blen = len - alen - 2;
        trim(&a, &alen);
        trim(&b, &blen);
        if (ym(a, alen, &y, &m) && ym(b, blen, &y2, &m2)) {
            p.from = y * 10000 + m * 100 + 1;
            p.to = y2 * 10000 + m2 * 100 + month_days(y2, m2);
            snprintf(p.label, sizeof p.label, "%04d-%02d..%04d-%02d", y, m, y2, m2);
        } else if (ymd(a, alen, &p.from) && ymd(b, blen, &p.to)) {
            snprintf(p.label, sizeof p.label, "%04u-%02u-%02u..%04u-%02u-%02u",
                     (unsigned)date_year(p.from) % 10000u, (unsigned)date_month(p.from) % 100u,
                     (unsigned)date_day(p.from) % 100u, (unsigned)date_year(p.to) % 10000u,
                     (unsigned)date_month(p.to) % 100u, (unsigned)date_day(p.to) % 100u);
        } else {
            WHY("is not a period " PERIOD_FORMS);
        }
        if (p.from > p.to)
            WHY("ends before it starts");
    } else if (take_num(s, len, &i, 4, 4, &y) && y >= 1900 && y <= 2100) {
        if (i == len) {
            p.from = y * 10000 + 101;
            p.to = y * 10000 + 1231;
            snprintf(p.label, sizeof p.label, "%04d", y);
        } else if (len == 6 && (s[4] == 'Q' || s[4] == 'q') && s[5] >= '1' && s[5] <= '4') {
            int q = s[5] - '0';
            p.from = y * 10000 + (3 * q - 2) * 100 + 1;
            p.to = y * 10000 + (3 * q) * 100 + month_days(y, 3 * q);
            snprintf(p.label, sizeof p.label, "%04dQ%d", y, q);
        } else if (len == 6 && (s[4] == 'H' || s[4] == 'h') && (s[5] == '1' || s[5] == '2')) {
            int h = s[5] - '0';
            p.from = y * 10000 + (h == 1 ? 101 : 701);
            p.to = y * 10000 + (h == 1 ? 630 : 1231);
            snprintf(p.label, sizeof p.label, "%04dH%d", y, h);
        } else {
            WHY("is not a period " PERIOD_FORMS);
        }
    } else {
        WHY("is not a period " PERIOD_FORMS);
    }
    *out = p;
    return true;
}
