/* test_parse.c — the field parsers and the period parser, as tables of
 * input → expected result. Expected values are worked out by hand (check
 * digits with the formula of domain.md, weekdays from a calendar), never
 * produced by the code under test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "parse.h"

#define FAIL INT64_MIN /* expected: the parser refuses the input */

static void test_amount(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        int64_t scale;
        int64_t want;
    } t[] = {
        {"150000000", 1, 150000000},
        {"1,234,000", 1, 1234000},
        {"\"1,234,000\"", 1, FAIL}, /* quotes are libcsv's business, not part of a value */
        {"₩1,234,000", 1, 1234000},
        {"￦ 1,234,000", 1, 1234000},
        {"1,234,000원", 1, 1234000},
        {"1,234,000 원", 1, 1234000},
        {"  150000000  ", 1, 150000000},
        {"150", 1000, 150000},
        {"1.5", 100000000, 150000000},
        {"1.50", 10, 15},
        {"0.001", 1000, 1},
        {"2.25", 1000000, 2250000},
        {"1.5", 1, FAIL},          /* half a won */
        {"0.0001", 1000, FAIL},    /* a tenth of a won */
        {"12,3x4", 1, FAIL},
        {"12,34", 1, FAIL},        /* misplaced separator (decimal comma?) */
        {"1,2345", 1, FAIL},
        {",123", 1, FAIL},
        {"123,", 1, FAIL},
        {"1.", 1, FAIL},
        {"", 1, FAIL},
        {"   ", 1, FAIL},
        {"원", 1, FAIL},
        {"₩", 1, FAIL},
        {"-5", 1, -5},
        {"999999999999999999", 1, INT64_C(999999999999999999)}, /* 18 digits: the fast path */
        {"12345x", 1, FAIL},
        {"9223372036854775807", 1, INT64_MAX},
        {"9,223,372,036,854,775,807", 1, INT64_MAX},
        {"9223372036854775808", 1, FAIL},
        {"92233720368547759", 1000, FAIL},
        {"9,223,372,036,854,775", 1000, INT64_C(9223372036854775000)},
        {"92233720368.54775807", 100000000, INT64_MAX},
        {"92233720368.547758075", 100000000, FAIL}, /* half a won left over */
        {"92233720368.54775808", 100000000, FAIL},  /* one won too many */
        {"1e6", 1, FAIL},
        {"-", 1, 0},               /* Excel's accounting format for 0 */
        {" - ", 1000, 0},
        {"--", 1, FAIL},
        {"8억원 이내", 1, FAIL},
    };
    for (size_t i = 0; i < ARRAY_LEN(t); i++) {
        won_t v = 12345;
        const char *why = NULL;
        bool ok = parse_amount(t[i].in, strlen(t[i].in), t[i].scale, &v, &why);
        if (t[i].want == FAIL) {
            if (ok)
                fail_msg("amount %zu \"%s\" accepted as %lld", i, t[i].in, (long long)v);
            assert_non_null(why);
            assert_int_equal(v, 12345); /* untouched on failure */
        } else {
            if (!ok)
                fail_msg("amount %zu \"%s\" refused: %s", i, t[i].in, why);
            assert_int_equal(v, t[i].want);
        }
    }
}

static void test_int_year(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        int64_t want;
    } ints[] = {
        {"85", 85}, {" 1,000 ", 1000}, {"-3", -3}, {"+7", 7}, {"0", 0}, {"3.5", FAIL},
        {"abc", FAIL}, {"", FAIL}, {"9223372036854775808", FAIL}, {"12 3", FAIL},
    };
    for (size_t i = 0; i < ARRAY_LEN(ints); i++) {
        int64_t v = 0;
        bool ok = parse_int64(ints[i].in, strlen(ints[i].in), &v, NULL);
        if (ok != (ints[i].want != FAIL))
            fail_msg("int %zu \"%s\": ok=%d", i, ints[i].in, ok);
        if (ok)
            assert_int_equal(v, ints[i].want);
    }
    static const struct {
        const char *in;
        int want; /* 0 = refused */
    } years[] = {
        {"2024", 2024}, {" 1998 ", 1998}, {"2024년", 2024}, {"1900", 1900}, {"2100", 2100},
        {"1899", 0}, {"2101", 0}, {"24", 0}, {"20x4", 0}, {"02024", 0}, {"", 0},
    };
    for (size_t i = 0; i < ARRAY_LEN(years); i++) {
        int y = 0;
        bool ok = parse_year(years[i].in, strlen(years[i].in), &y, NULL);
        if (ok != (years[i].want != 0))
            fail_msg("year %zu \"%s\": ok=%d", i, years[i].in, ok);
        if (ok)
            assert_int_equal(y, years[i].want);
    }
    /* a count of people, 명 after it allowed */
    static const struct {
        const char *in;
        int64_t want;
    } counts[] = {{"85명", 85}, {" 85 명 ", 85}, {"1,042명", 1042}, {"85", 85}, {"명", FAIL}, {"85명명", FAIL}, {"85인", FAIL}};
    for (size_t i = 0; i < ARRAY_LEN(counts); i++) {
        int64_t v = 0;
        bool ok = parse_count(counts[i].in, strlen(counts[i].in), &v, NULL);
        if (ok != (counts[i].want != FAIL) || (ok && v != counts[i].want))
            fail_msg("count %zu \"%s\": ok=%d %lld", i, counts[i].in, ok, (long long)v);
    }
    /* the year of a date in a year column */
    static const struct {
        const char *in;
        int want; /* 0 = refused */
    } dyears[] = {{"1998-03-01", 1998}, {"19980301", 1998}, {"1998. 3. 1.", 1998}, {"1998년 3월 1일", 1998},
                  {"1998-03-01 00:00:00", 1998}, {"1998-02-30", 0}, {"1998", 0}, {"1998.03", 0}, {"", 0}};
    for (size_t i = 0; i < ARRAY_LEN(dyears); i++) {
        int y = 0;
        bool ok = parse_year_of_date(dyears[i].in, strlen(dyears[i].in), &y);
        if (ok != (dyears[i].want != 0) || (ok && y != dyears[i].want))
            fail_msg("year of date %zu \"%s\": ok=%d %d", i, dyears[i].in, ok, y);
    }
}

static void test_date(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        int32_t want; /* 0 = refused */
    } t[] = {
        {"2024-05-13", 20240513},
        {"2024.05.13", 20240513},
        {"2024. 5. 13.", 20240513},
        {"2024. 5. 13", 20240513},
        {"2024/05/13", 20240513},
        {"20240513", 20240513},
        {" 2024-05-13 ", 20240513},
        {"2024-5-3", 20240503},
        {"2024-02-29", 20240229}, /* leap year */
        {"2000-02-29", 20000229}, /* divisible by 400 */
        {"2023-02-29", 0},
        {"2100-02-29", 0},        /* divisible by 100, not 400 */
        {"2024-02-30", 0},
        {"2024-04-31", 0},
        {"2024-13-01", 0},
        {"2024-00-10", 0},
        {"2024-05-00", 0},
        {"20241301", 0},
        {"2024051", 0},
        {"24-05-13", 0},
        {"2024-05-132", 0},
        {"2024.05/13", 0},        /* mixed separators */
        {"2024-05-13.", 0},
        {"2024-05", 0},
        {"", 0},
        {"2024-05-13 10:00", 0},
        /* The yyyy-mm-dd fast path: only ten digits and two dashes take it. */
        {"1899-12-31", 0},
        {"2100-12-31", 21001231},
        {"2024-0a-13", 0},
        {"2024-05-1x", 0},
        {"2024 05-13", 0},
        {"\xC2\xA0" "2024-05-13", 20240513}, /* a no-break space trimmed first */
    };
    for (size_t i = 0; i < ARRAY_LEN(t); i++) {
        int32_t d = 0;
        const char *why = NULL;
        bool ok = parse_date(t[i].in, strlen(t[i].in), &d, &why);
        if (ok != (t[i].want != 0))
            fail_msg("date %zu \"%s\": ok=%d (%s)", i, t[i].in, ok, why ? why : "");
        if (ok)
            assert_int_equal(d, t[i].want);
        else
            assert_non_null(why);
    }
}

static void test_brn(void **state)
{
    (void)state;
    /* 1234567891: S = 1+6+21+4+15+42+7+24+45 = 165, + ⌊9·5/10⌋ = 4 → 169,
     * (10 − 9) mod 10 = 1. 6028112349: S = 6+0+14+8+3+7+2+9+20 = 69, + 2 = 71 → 9. */
    static const struct {
        const char *in;
        const char *want; /* NULL = refused */
    } t[] = {
        {"123-45-67891", "1234567891"},
        {"1234567891", "1234567891"},
        {" 602-81-12349 ", "6028112349"},
        {"602-81-12345", NULL},  /* check digit should be 9 */
        {"1234567890", NULL},
        {"123-4567891", NULL},   /* dashes in the wrong places */
        {"12-345-67891", NULL},
        {"123--45-67891", NULL},
        {"12345678911", NULL},
        {"123-45-6789", NULL},
        {"123 45 67891", NULL},
        {"", NULL},
        {"12a-45-67891", NULL}, /* the dashed fast path falls back, refuses */
        {"602-81-1234a", NULL},
        {"602-8--12349", NULL},
    };
    for (size_t i = 0; i < ARRAY_LEN(t); i++) {
        char out[11] = "";
        const char *why = NULL;
        bool ok = parse_brn(t[i].in, strlen(t[i].in), out, &why);
        if (ok != (t[i].want != NULL))
            fail_msg("brn %zu \"%s\": ok=%d", i, t[i].in, ok);
        if (ok)
            assert_string_equal(out, t[i].want);
        else
            assert_non_null(why);
    }
    assert_true(brn_checksum_ok("6028112349"));
    for (char c = '0'; c <= '8'; c++) {
        char d[11] = "602811234";
        d[9] = c;
        assert_false(brn_checksum_ok(d));
    }
    /* masked numbers: refused, saying why */
    static const char *const masked[] = {"602-81-*****", "602-81-1****", "602**12349", "602-81-xxxxx", "602-81-XXXXX",
                                         "602-81-\xE2\x97\x8F\xE2\x97\x8F\xE2\x97\x8F\xE2\x97\x8F\xE2\x97\x8F"};
    for (size_t i = 0; i < ARRAY_LEN(masked); i++) {
        char out[11];
        const char *why = NULL;
        assert_false(parse_brn(masked[i], strlen(masked[i]), out, &why));
        if (!why || !strstr(why, "masked"))
            fail_msg("\"%s\": %s", masked[i], why ? why : "(no reason)");
    }
}

static void test_unit(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        int64_t want;
    } t[] = {
        {"(원)", 1}, {"원", 1}, {"(천원)", 1000}, {"( 천 원 )", 1000}, {"(백만원)", 1000000},
        {"(억원)", 100000000}, {"(KRW)", 1}, {"(달러)", 0}, {"()", 0}, {"", 0},
        {"(단위: 천원)", 1000}, {"(단위:백만원)", 1000000}, {"(단위 ： 원)", 1}, {"(단위: 달러)", 0},
    };
    for (size_t i = 0; i < ARRAY_LEN(t); i++)
        if (unit_scale(t[i].in, strlen(t[i].in)) != t[i].want)
            fail_msg("unit %zu \"%s\"", i, t[i].in);
    /* the unit a title line gives */
    static const struct {
        const char *in;
        int64_t want;
        const char *word;
    } titles[] = {
        {"레전드50+ 지원내역 (단위: 천원)", 1000, "천원"},
        {"[단위 : 백만원]", 1000000, "백만원"},
        {"(단위: 건, 천원)", 1000, "천원"},
        {"(단위: 개 사, 건, 백만원, %)", 1000000, "백만원"},
        {"(단위: 천원, 백만원)", 0, NULL},   /* two: which is which is not said */
        {"(단위: 백만원) 기준일 2025. 3. 31. 원본", 1000000, "백만원"}, /* the clause ends at ')' */
        {"(단위: 건)", 0, NULL},
        {"지원내역 원본", 0, NULL},
        {"단위", 0, NULL},
        {"", 0, NULL},
    };
    for (size_t i = 0; i < ARRAY_LEN(titles); i++) {
        const char *u = NULL;
        size_t ul = 0;
        int64_t sc = unit_in_text(titles[i].in, strlen(titles[i].in), &u, &ul);
        if (sc != titles[i].want || (sc && (ul != strlen(titles[i].word) || memcmp(u, titles[i].word, ul))))
            fail_msg("title %zu \"%s\": %lld", i, titles[i].in, (long long)sc);
    }
}

static void test_calendar(void **state)
{
    (void)state;
    assert_int_equal(date_weekday(20241017), 4); /* 목 */
    assert_int_equal(date_weekday(20000101), 6); /* Saturday */
    assert_int_equal(date_weekday(19700101), 4);
    assert_int_equal(date_weekday(20240303), 0); /* Sunday */
    assert_int_equal(date_from_time(0), 19700101);
    assert_int_equal(date_from_time(1735689600), 20250101);
    assert_int_equal(date_from_time(951782400), 20000229);
    assert_int_equal(date_from_time(-1), 19691231);
    assert_int_equal(date_from_time(4102444799), 20991231);
    assert_true(date_valid(2024, 2, 29));
    assert_false(date_valid(2023, 2, 29));
    assert_false(date_valid(2024, 6, 31));
    assert_int_equal(date_quarter(20240930), 3);
    assert_int_equal(date_quarter(20241001), 4);
}

static void test_period(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        bool all;
        int32_t from, to;
        const char *label; /* NULL = refused */
    } t[] = {
        {"all", true, 0, 0, "all"},
        {"ALL", true, 0, 0, "all"},
        {"2025Q3", false, 20250701, 20250930, "2025Q3"},
        {"2025q1", false, 20250101, 20250331, "2025Q1"},
        {" 2025Q4 ", false, 20251001, 20251231, "2025Q4"},
        {"2025H1", false, 20250101, 20250630, "2025H1"},
        {"2025h2", false, 20250701, 20251231, "2025H2"},
        {"2025", false, 20250101, 20251231, "2025"},
        {"2024-03..2025-06", false, 20240301, 20250630, "2024-03..2025-06"},
        {"2024-02..2024-02", false, 20240201, 20240229, "2024-02..2024-02"},
        {"2024-03-01..2025-06-30", false, 20240301, 20250630, "2024-03-01..2025-06-30"},
        {"2024-03-05 .. 2024-03-05", false, 20240305, 20240305, "2024-03-05..2024-03-05"},
        {"2025Q5", false, 0, 0, NULL},
        {"2025Q", false, 0, 0, NULL},
        {"2025H3", false, 0, 0, NULL},
        {"2025-06..2024-03", false, 0, 0, NULL},
        {"2025-13..2026-01", false, 0, 0, NULL},
        {"2024-02-30..2024-03-01", false, 0, 0, NULL},
        {"2024-03..2024-06-30", false, 0, 0, NULL},
        {"202", false, 0, 0, NULL},
        {"", false, 0, 0, NULL},
        {"last quarter", false, 0, 0, NULL},
    };
    for (size_t i = 0; i < ARRAY_LEN(t); i++) {
        period p;
        memset(&p, 0, sizeof p);
        const char *why = NULL;
        bool ok = period_parse(t[i].in, &p, &why);
        if (ok != (t[i].label != NULL))
            fail_msg("period %zu \"%s\": ok=%d", i, t[i].in, ok);
        if (!ok) {
            assert_non_null(why);
            continue;
        }
        assert_int_equal(p.all, t[i].all);
        assert_string_equal(p.label, t[i].label);
        if (!t[i].all) {
            assert_int_equal(p.from, t[i].from);
            assert_int_equal(p.to, t[i].to);
        }
    }
}

/* Excel's forms: serial dates (1900 system), apostrophes, full-width digits,
 * and the message for words beside an amount. */
static void test_excel_forms(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        int32_t want; /* 0 = not a serial date */
    } t[] = {
        {"45425", 20240513}, {"38353", 20050101}, {"43009", 20171001}, {"25569", 19700101},
        {"20000", 19541003}, {"80000", 0}, /* 2119-01-11: past 2100, refused */
        {"19999", 0},        {"80001", 0},           {"4542", 0},      {"454250", 0},
        {"45,425", 0},       {"2024", 0},            {" 45425 ", 20240513},
    };
    for (size_t i = 0; i < ARRAY_LEN(t); i++) {
        int32_t d = 7;
        bool ok = parse_excel_serial(t[i].in, strlen(t[i].in), &d);
        if (ok != (t[i].want != 0) || (ok && d != t[i].want))
            fail_msg("serial %zu \"%s\": ok %d, %d", i, t[i].in, ok, d);
    }
    char buf[32];
    size_t k = normalize_digits("'0123", 5, buf, sizeof buf);
    assert_int_equal(k, 4);
    assert_memory_equal(buf, "0123", 4);
    const char *fw = "５００，０００"; /* full-width 500,000 */
    k = normalize_digits(fw, strlen(fw), buf, sizeof buf);
    assert_int_equal(k, 7);
    assert_memory_equal(buf, "500,000", 7);
    assert_int_equal(normalize_digits("500000", 6, buf, sizeof buf), 0); /* nothing to do */
    assert_int_equal(normalize_digits(fw, strlen(fw), buf, 4), 0);       /* does not fit */
    won_t v;
    const char *why = NULL;
    assert_false(parse_amount("8억원 이내", strlen("8억원 이내"), 1, &v, &why));
    assert_non_null(strstr(why, "put the unit in the header"));
    /* Excel's scientific notation: refused, explained */
    static const char *const sci[] = {"1.2E+07", "5E+08", "1.23457E+11", "2.00000e+08", "1E-3"};
    for (size_t i = 0; i < ARRAY_LEN(sci); i++) {
        why = NULL;
        assert_false(parse_amount(sci[i], strlen(sci[i]), 1, &v, &why));
        if (!why || !strstr(why, "scientific notation"))
            fail_msg("\"%s\": %s", sci[i], why ? why : "(no reason)");
    }
    static const char *const not_sci[] = {"E+07", "12E", "12E+", "1.2E+07x", "12.5x"};
    for (size_t i = 0; i < ARRAY_LEN(not_sci); i++) {
        why = NULL;
        assert_false(parse_amount(not_sci[i], strlen(not_sci[i]), 1, &v, &why));
        assert_non_null(why);
        assert_null(strstr(why, "scientific notation"));
    }
}

/* The dates of exports besides the five forms: a time of day after a date,
 * Excel's Korean long date. */
static void test_date_more(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        int32_t want; /* 0 = refused */
        bool time;
    } t[] = {
        {"2024-05-13 00:00:00", 20240513, true},
        {"2024-05-13 00:00", 20240513, true},
        {"2024-05-13 9:05", 20240513, true},
        {"2024-05-13T09:30:15", 20240513, true},
        {"2024-05-13T09:30:15.250", 20240513, true},
        {"2024.05.13 23:59:59", 20240513, true},
        {"2024. 5. 13. 오후 2:30", 20240513, true},
        {"2024. 5. 13 오전 11:00:00", 20240513, true},
        {"2024/05/13  14:00", 20240513, true},
        {"20240513 14:00", 20240513, true},
        {"2024-5-3 10:00", 20240503, true},
        {" 2024-05-13 00:00:00 ", 20240513, true},
        {"2025년 1월 20일", 20250120, false},
        {"2025년1월20일", 20250120, false},
        {"2025년 01월 05일", 20250105, false},
        {"2024년 5월 13일 월요일", 20240513, false}, /* Excel's 자세한 날짜 */
        {"2024년 5월 13일 (월)", 20240513, false},
        {"2024년 5월 13일 화요일", 0, false},       /* not that date's weekday */
        {"2024년 5월 13일 월", 0, false},
        {"2024년 5월 13일 월요일 x", 0, false},
        {"2024-02-30 00:00:00", 0, false}, /* the calendar still holds */
        {"2025년 2월 30일", 0, false},
        {"2024-05-13 24:00", 0, false},
        {"2024-05-13 10:60", 0, false},
        {"2024-05-13 10:00:60", 0, false},
        {"2024-05-13 10", 0, false},
        {"2024-05-13 10:0", 0, false},
        {"2024-05-13 10:00:", 0, false},
        {"2024-05-13 10:00:00.", 0, false},
        {"2024-05-13T", 0, false},
        {"2024-05-13 오후", 0, false},
        {"2024-05-13 x", 0, false},
        {"2025년 1월", 0, false},
        {"2025년 1월 20", 0, false},
        {"25년 1월 20일", 0, false},
        {"1899년 1월 20일", 0, false},
        {"2024-05-13", 0, false}, /* parse_date's: not this function's */
        {"", 0, false},
    };
    for (size_t i = 0; i < ARRAY_LEN(t); i++) {
        int32_t d = 0;
        bool with_time = !t[i].time;
        bool ok = parse_date_more(t[i].in, strlen(t[i].in), &d, &with_time);
        if (ok != (t[i].want != 0) || (ok && (d != t[i].want || with_time != t[i].time)))
            fail_msg("date %zu \"%s\": ok %d, %d, time %d", i, t[i].in, ok, d, with_time);
    }
}

/* name_fold: how header cells meet column names (joiners dropped) and how
 * a new 정책수단 is found typed like an earlier one (joiners kept). */
static void test_name_fold(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        bool joiners;
        const char *out;
    } cases[] = {
        {"Project ID", true, "projectid"},
        {"project_id", true, "projectid"},
        {"시·도", true, "시도"},
        {"\t시 도 ", true, "시도"},
        {"기술개발(R&D)", false, "기술개발(r&d)"},
        {"수출 바우처", false, "수출바우처"},
        {"스마트-공장", false, "스마트-공장"}, /* a dash is part of a name */
        {"스마트_공장", false, "스마트_공장"},
        {"스마트-공장", true, "스마트공장"},
        {"", true, ""},
    };
    char out[64];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t k = name_fold(cases[i].in, strlen(cases[i].in), cases[i].joiners, out, sizeof out);
        assert_int_equal(k, strlen(cases[i].out));
        assert_memory_equal(out, cases[i].out, k);
    }
    /* Too long for out: cap + 1, and no byte written past it. */
    char small[5] = {0, 0, 0, 0, 0};
    assert_int_equal(name_fold("ABCD EF", 7, true, small, 4), 5);
    assert_memory_equal(small, "abcd", 4);
    assert_int_equal(small[4], 0);
    assert_int_equal(name_fold("AB CD", 5, true, small, 4), 4); /* exactly full */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_amount),   cmocka_unit_test(test_int_year),
        cmocka_unit_test(test_date),     cmocka_unit_test(test_brn),
        cmocka_unit_test(test_unit),     cmocka_unit_test(test_calendar),
        cmocka_unit_test(test_period),   cmocka_unit_test(test_excel_forms),
        cmocka_unit_test(test_date_more), cmocka_unit_test(test_name_fold),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
