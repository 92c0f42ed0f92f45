/* parse.h — parsers for the field types of the input contract. Pure
 * functions over (pointer, length); no allocation. Each returns true on success; on failure *why (if not NULL) points to a
 * static English+Korean message fragment suitable for a diagnostic. Dates and
 * the reporting period are core (date.h, included here for the callers). */
#ifndef SMR_PARSE_H
#define SMR_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "date.h"
#include "model.h"

/* Amount in won: digits with optional thousands separators, a leading ₩ or a
 * trailing 원, surrounding spaces, or "-" alone for 0 (Excel's accounting format); scaled by `scale` (1, 1000, 1000000,
 * 100000000 from the header unit). A fractional part is accepted only when
 * the scaled value is a whole number of won ("1.5" 억원). Overflow of int64 fails. */
bool parse_amount(const char *s, size_t len, int64_t scale, won_t *out, const char **why);
/* Base-10 integer with optional separators; rejects trailing garbage and overflow. */
bool parse_int64(const char *s, size_t len, int64_t *out, const char **why);
/* A four-digit year 1900..2100 (년 after it allowed). */
bool parse_year(const char *s, size_t len, int *out, const char **why);
/* The year of a date in a year column (a 설립일 where 설립연도 is asked:
 * 1998-03-01 → 1998): any form parse_date or parse_date_more reads. */
bool parse_year_of_date(const char *s, size_t len, int *out);
/* A whole number of people, 명 after it allowed ("85명"). */
bool parse_count(const char *s, size_t len, int64_t *out, const char **why);
/* The five date forms: 2024-05-13, 2024.05.13, 2024. 5. 13., 2024/05/13, 20240513.
 * Checks the calendar (2024-02-30 fails). Result is yyyymmdd. */
bool parse_date(const char *s, size_t len, int32_t *out, const char **why);
/* The forms of a date that Excel and database exports write besides those:
 * Excel's Korean long date (2025년 1월 20일, spaces optional; its weekday
 * after it, 월요일 or (월), must be the date's) and one of the
 * five forms with a time of day after it (2024-05-13 00:00:00,
 * 2024-05-13T09:30, 2024. 5. 13. 오후 2:30; *with_time set). Result is
 * yyyymmdd; the time is dropped. */
bool parse_date_more(const char *s, size_t len, int32_t *out, bool *with_time);
/* An Excel serial date (a date cell saved in 일반 format): exactly five
 * digits, 20000..80000, in the 1900 date system (serial 61 = 1900-03-01;
 * Excel's 1900-02-29 is below the range). Result is yyyymmdd. */
bool parse_excel_serial(const char *s, size_t len, int32_t *out);
/* A number as Excel users type it: a leading apostrophe (the text marker)
 * dropped, full-width digits and , - . made ASCII. Writes to buf (cap bytes)
 * and returns the new length, or 0 when nothing changed (or it does not fit). */
size_t normalize_digits(const char *s, size_t len, char *buf, size_t cap);
/* Business registration number: 10 digits, dashes optional (3-2-5), check digit
 * valid. out receives the 10 digits and a NUL. */
bool parse_brn(const char *s, size_t len, char out[11], const char **why);
/* Check digit rule of domain.md for 10 digits. */
bool brn_checksum_ok(const char digits[10]);
/* Header unit suffix "(원)", "(천원)", "(백만원)", "(억원)" (also "(단위: 천원)")
 * → scale; 0 if unknown. */
int64_t unit_scale(const char *unit, size_t len);
/* The money unit a text names after "단위" ("레전드 지원내역 (단위: 천원)",
 * "[단위 : 백만원]"): its scale, and the unit word in *unit, *ulen; 0 if none. */
int64_t unit_in_text(const char *s, size_t n, const char **unit, size_t *ulen);
/* A name as it is compared with another typed differently: spaces, tabs and
 * middle dots (and with joiners also '_' and '-') dropped, ASCII letters
 * lowercased, into out (cap bytes). Returns its length, or cap + 1 when it
 * does not fit (then out holds its first cap bytes). */
size_t name_fold(const char *s, size_t n, bool joiners, char *out, size_t cap);

#endif
