/* parse.h — parsers for the field types of the input contract and the
 * reporting period. Pure functions over (pointer, length); no allocation.
 * Each returns true on success; on failure *why (if not NULL) points to a
 * static English+Korean message fragment suitable for a diagnostic. */
#ifndef SMR_PARSE_H
#define SMR_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "model.h"

/* Amount in won: digits with optional thousands separators, a leading ₩ or a
 * trailing 원, surrounding spaces; scaled by `scale` (1, 1000, 1000000,
 * 100000000 from the header unit). A fractional part is accepted only when
 * the scaled value is a whole number of won ("1.5" 억원). Overflow of int64 fails. */
bool parse_amount(const char *s, size_t len, int64_t scale, won_t *out, const char **why);
/* Base-10 integer with optional separators; rejects trailing garbage and overflow. */
bool parse_int64(const char *s, size_t len, int64_t *out, const char **why);
/* A four-digit year 1900..2100. */
bool parse_year(const char *s, size_t len, int *out, const char **why);
/* The five date forms: 2024-05-13, 2024.05.13, 2024. 5. 13., 2024/05/13, 20240513.
 * Checks the calendar (2024-02-30 fails). Result is yyyymmdd. */
bool parse_date(const char *s, size_t len, int32_t *out, const char **why);
/* Business registration number: 10 digits, dashes optional (3-2-5), check digit
 * valid. out receives the 10 digits and a NUL. */
bool parse_brn(const char *s, size_t len, char out[11], const char **why);
/* Check digit rule of domain.md for 10 digits. */
bool brn_checksum_ok(const char digits[10]);
/* Header unit suffix "(원)", "(천원)", "(백만원)", "(억원)" → scale; 0 if unknown. */
int64_t unit_scale(const char *unit, size_t len);

/* ---- calendar helpers over yyyymmdd ---- */
static inline int date_year(int32_t d) { return d / 10000; }
static inline int date_month(int32_t d) { return d / 100 % 100; }
static inline int date_day(int32_t d) { return d % 100; }
static inline int date_quarter(int32_t d) { return (date_month(d) - 1) / 3 + 1; }
bool date_valid(int y, int m, int d);
int date_weekday(int32_t d); /* 0 = Sunday .. 6 = Saturday */
int32_t date_from_time(int64_t unix_seconds); /* UTC date of a Unix time */

/* ---- reporting period ----
 * Accepted: "all", "2025Q3", "2025H1", "2025", "2024-03..2025-06" (months,
 * inclusive), "2024-03-01..2025-06-30" (days, inclusive). */
typedef struct period {
    bool all;          /* no restriction: from/to are filled in from the data */
    int32_t from, to;  /* yyyymmdd, inclusive */
    char label[32];    /* canonical text, e.g. "2025Q3", "2024-03..2025-06", "all" */
} period;
bool period_parse(const char *s, period *out, const char **why);

#endif
