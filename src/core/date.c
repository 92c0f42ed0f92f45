/* date.c — calendar dates (int32 yyyymmdd), reporting periods and the
 * official date notation, for every layer.
 *
 * Pure functions, no locale, no time zone: a date is the integer yyyymmdd the
 * input gave (checked by date_valid: years 1900..2100, the real calendar);
 * day counts follow the proleptic Gregorian calendar (Howard Hinnant's
 * civil/days conversions), weekdays Sakamoto's method. The notation is the
 * 행정업무운영 편람's: "2024. 10. 17.", "10. 17.(목)", "2024. 10. 17.(목)"; a
 * value that is not a date prints "-". A reporting period is parsed from the
 * forms of date.h into an inclusive [from, to] with a canonical label. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "utf8.h"

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* ---- calendar ---- */

static bool ymd_split(int32_t ymd, int *y, int *m, int *d)
{
    *y = ymd / 10000, *m = ymd / 100 % 100, *d = ymd % 100;
    return ymd > 0 && *m >= 1 && *m <= 12 && *d >= 1 && *d <= 31;
}

bool date_valid(int y, int m, int d)
{
    static const unsigned char mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1)
        return false;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= mdays[m - 1] + (m == 2 ? leap : 0);
}

int date_month_days(int y, int m)
{
    for (int d = 31; d >= 28; d--)
        if (date_valid(y, m, d))
            return d;
    return 0;
}

bool date_digits(const char *s, size_t len, size_t *i, int min, int max, int *out)
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

int date_weekday(int32_t dt)
{
    static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    int y, m, d;
    if (!ymd_split(dt, &y, &m, &d))
        return -1;
    if (m < 3)
        y -= 1;
    return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

int64_t date_days(int32_t ymd)
{
    /* Howard Hinnant's days_from_civil (proleptic Gregorian). */
    int y = date_year(ymd), m = date_month(ymd), d = date_day(ymd);
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
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

const char *date_weekday_name(int32_t ymd)
{
    static const char *const names[7] = {"일", "월", "화", "수", "목", "금", "토"};
    int w = date_weekday(ymd);
    return w < 0 ? "" : names[w];
}

void date_fmt(strbuf *b, int32_t ymd)
{
    int y, m, d;
    if (!ymd_split(ymd, &y, &m, &d)) {
        sb_addc(b, '-');
        return;
    }
    sb_addf(b, "%d. %d. %d.", y, m, d);
}

void date_fmt_md(strbuf *b, int32_t ymd)
{
    int y, m, d;
    if (!ymd_split(ymd, &y, &m, &d)) {
        sb_addc(b, '-');
        return;
    }
    sb_addf(b, "%d. %d.(%s)", m, d, date_weekday_name(ymd));
}

void date_fmt_full(strbuf *b, int32_t ymd)
{
    int y, m, d;
    if (!ymd_split(ymd, &y, &m, &d)) {
        sb_addc(b, '-');
        return;
    }
    sb_addf(b, "%d. %d. %d.(%s)", y, m, d, date_weekday_name(ymd));
}

/* ---- reporting periods ---- */

/* "2024-03" → y, m; exactly that shape. */
static bool ym(const char *s, size_t len, int *y, int *m)
{
    size_t i = 0;
    return len == 7 && date_digits(s, len, &i, 4, 4, y) && s[i++] == '-' &&
           date_digits(s, len, &i, 2, 2, m) && i == len && date_valid(*y, *m, 1);
}

/* "2024-03-01" → yyyymmdd; exactly that shape. */
static bool ymd(const char *s, size_t len, int32_t *out)
{
    size_t i = 0;
    int y, m, d;
    if (len == 10 && date_digits(s, len, &i, 4, 4, &y) && s[i++] == '-' &&
        date_digits(s, len, &i, 2, 2, &m) && s[i++] == '-' && date_digits(s, len, &i, 2, 2, &d) &&
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
        RETURN_WHY("is empty " PERIOD_FORMS);
    const char *s = str;
    size_t len = strlen(s);
    utf8_trim(&s, &len);
    period p;
    memset(&p, 0, sizeof p);
    if (len == 0)
        RETURN_WHY("is empty " PERIOD_FORMS);
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
        utf8_trim(&a, &alen);
        utf8_trim(&b, &blen);
        if (ym(a, alen, &y, &m) && ym(b, blen, &y2, &m2)) {
            p.from = y * 10000 + m * 100 + 1;
            p.to = y2 * 10000 + m2 * 100 + date_month_days(y2, m2);
            snprintf(p.label, sizeof p.label, "%04d-%02d..%04d-%02d", y, m, y2, m2);
        } else if (ymd(a, alen, &p.from) && ymd(b, blen, &p.to)) {
            snprintf(p.label, sizeof p.label, "%04u-%02u-%02u..%04u-%02u-%02u",
                     (unsigned)date_year(p.from) % 10000u, (unsigned)date_month(p.from) % 100u,
                     (unsigned)date_day(p.from) % 100u, (unsigned)date_year(p.to) % 10000u,
                     (unsigned)date_month(p.to) % 100u, (unsigned)date_day(p.to) % 100u);
        } else {
            RETURN_WHY("is not a period " PERIOD_FORMS);
        }
        if (p.from > p.to)
            RETURN_WHY("ends before it starts");
    } else if (date_digits(s, len, &i, 4, 4, &y) && y >= 1900 && y <= 2100) {
        if (i == len) {
            p.from = y * 10000 + 101;
            p.to = y * 10000 + 1231;
            snprintf(p.label, sizeof p.label, "%04d", y);
        } else if (len == 6 && (s[4] == 'Q' || s[4] == 'q') && s[5] >= '1' && s[5] <= '4') {
            int q = s[5] - '0';
            p.from = y * 10000 + (3 * q - 2) * 100 + 1;
            p.to = y * 10000 + (3 * q) * 100 + date_month_days(y, 3 * q);
            snprintf(p.label, sizeof p.label, "%04dQ%d", y, q);
        } else if (len == 6 && (s[4] == 'H' || s[4] == 'h') && (s[5] == '1' || s[5] == '2')) {
            int h = s[5] - '0';
            p.from = y * 10000 + (h == 1 ? 101 : 701);
            p.to = y * 10000 + (h == 1 ? 630 : 1231);
            snprintf(p.label, sizeof p.label, "%04dH%d", y, h);
        } else {
            RETURN_WHY("is not a period " PERIOD_FORMS);
        }
    } else {
        RETURN_WHY("is not a period " PERIOD_FORMS);
    }
    *out = p;
    return true;
}

/* ---- the time zone of the documents ---- */

bool tz_parse(const char *s, int32_t *offset)
{
    if (!strcmp(s, TZ_DEFAULT_NAME)) {
        *offset = TZ_DEFAULT_OFFSET;
        return true;
    }
    if (strncmp(s, "UTC", 3))
        return false;
    if (!s[3]) {
        *offset = 0;
        return true;
    }
    if (s[3] != '+' && s[3] != '-')
        return false;
    size_t i = 4, len = strlen(s);
    int h, m = 0;
    if (!date_digits(s, len, &i, 1, 2, &h))
        return false;
    if (i < len && (s[i] != ':' || (++i, !date_digits(s, len, &i, 2, 2, &m))))
        return false;
    if (i != len || h > 14 || m > 59 || (h == 14 && m))
        return false;
    *offset = (s[3] == '-' ? -1 : 1) * (h * 3600 + m * 60);
    return true;
}

int32_t tz_date(int64_t t, int32_t offset, int32_t *seconds_of_day)
{
    int64_t l = t + offset;
    int64_t sod = l % 86400;
    if (sod < 0)
        sod += 86400;
    if (seconds_of_day)
        *seconds_of_day = (int32_t)sod;
    return date_from_time(l);
}
