/* date.h — calendar dates as int32 yyyymmdd, reporting periods, and the
 * official date notation (date.c, core: every layer may use them). */
#ifndef SMR_DATE_H
#define SMR_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "strbuf.h"

/* ---- calendar ---- */
static inline int date_year(int32_t d) { return d / 10000; }
static inline int date_month(int32_t d) { return d / 100 % 100; }
static inline int date_day(int32_t d) { return d % 100; }
static inline int date_quarter(int32_t d) { return (date_month(d) - 1) / 3 + 1; }
/* A real calendar day in the years 1900..2100 (2024-02-30 is not). */
bool date_valid(int y, int m, int d);
/* Days in month m of year y (28..31); 0 for a month outside date_valid's range. */
int date_month_days(int y, int m);
/* 0 = Sunday .. 6 = Saturday; -1 for a value with no month 1..12 or day 1..31. */
int date_weekday(int32_t d);
/* "일" .. "토"; "" where date_weekday is -1. */
const char *date_weekday_name(int32_t d);
int64_t date_days(int32_t d);                 /* days since 1970-01-01 (negative before) */
int32_t date_from_time(int64_t unix_seconds); /* UTC date of a Unix time */

/* ---- the time zone of the documents ([report] timezone) ----
 * Dates and times the documents derive from SOURCE_DATE_EPOCH (or the clock)
 * are civil times at a fixed offset from UTC, never the process's TZ, so the
 * same input gives the same bytes anywhere. Accepted: "Asia/Seoul" (UTC+9,
 * without daylight saving since 1988), "UTC", and "UTC+9", "UTC+09:00",
 * "UTC-05:30" (at most 14 hours). False (and *offset untouched) otherwise. */
#define TZ_DEFAULT_NAME "Asia/Seoul"
#define TZ_DEFAULT_OFFSET (9 * 3600)
bool tz_parse(const char *s, int32_t *offset_seconds);
/* The civil date (yyyymmdd) and the seconds since its midnight of a Unix time at an offset. */
int32_t tz_date(int64_t unix_seconds, int32_t offset_seconds, int32_t *seconds_of_day);
/* Reads min..max decimal digits at s[*i] (not followed by another digit) into
 * *out and advances *i; false if there are fewer or more. */
bool date_digits(const char *s, size_t len, size_t *i, int min, int max, int *out);

/* ---- the official notation (행정업무운영 편람); "-" for a value that is not a date ---- */
void date_fmt(strbuf *b, int32_t ymd);      /* "2024. 10. 17." */
void date_fmt_md(strbuf *b, int32_t ymd);   /* "10. 17.(목)" */
void date_fmt_full(strbuf *b, int32_t ymd); /* "2024. 10. 17.(목)" */

/* ---- reporting period ----
 * Accepted: "all", "2025Q3", "2025H1", "2025", "2024-03..2025-06" (months,
 * inclusive), "2024-03-01..2025-06-30" (days, inclusive). On failure *why (if
 * not NULL) says what is wrong, for a message `"2025Q5" is not a period (...)`. */
typedef struct period {
    bool all;          /* no restriction: from/to are filled in from the data */
    int32_t from, to;  /* yyyymmdd, inclusive */
    char label[32];    /* canonical text, e.g. "2025Q3", "2024-03..2025-06", "all" */
} period;
bool period_parse(const char *s, period *out, const char **why);

#endif
