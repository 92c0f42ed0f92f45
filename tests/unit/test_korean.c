/* test_korean.c — the Korean formatting rules of korean.c as tables:
 * input → expected text, one row per case, the hard cases included. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "aggregate.h"
#include "date.h"
#include "korean.h"

#define S(x) x, sizeof(x) - 1

/* ---- UTF-8 ---- */

static void test_utf8_decode(void **state)
{
    static const struct {
        const char *s;
        size_t len;
        size_t want;
        uint32_t cp;
    } cases[] = {
        {S("A"), 1, 'A'},
        {S("가"), 3, 0xAC00},
        {S("é"), 2, 0xE9},
        {S("\xF0\x9F\x98\x80"), 4, 0x1F600},
        {S("\xC0\x80"), 0, 0},          /* overlong NUL */
        {S("\xE0\x80\xAF"), 0, 0},      /* overlong '/' */
        {S("\xED\xA0\x80"), 0, 0},      /* surrogate */
        {S("\xF4\x90\x80\x80"), 0, 0},  /* beyond U+10FFFF */
        {S("\xEA\xB0"), 0, 0},          /* truncated */
        {S("\x80"), 0, 0},              /* lone continuation */
        {"", 0, 0, 0},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        uint32_t cp = 0;
        size_t n = utf8_decode(cases[i].s, cases[i].len, &cp);
        assert_int_equal(n, cases[i].want);
        if (n)
            assert_int_equal(cp, cases[i].cp);
    }
}

/* The inline decode (utf8.h: ASCII and three-byte sequences in the caller)
 * and the full one agree on every three bytes at every length 0..3 (a cut sequence,
 * a bad continuation, overlong forms, surrogates, every lead). */
static void test_utf8_decode_paths(void **state)
{
    (void)state;
    unsigned char b[4] = {0, 0, 0, 0};
    for (unsigned x = 0; x < 256; x++)
        for (unsigned y = 0; y < 256; y++)
            for (unsigned z = 0; z < 256; z++) {
                b[0] = (unsigned char)x, b[1] = (unsigned char)y, b[2] = (unsigned char)z;
                for (size_t len = z ? 3 : 0; len <= 3; len++) { /* cut short: with z == 0 */
                    uint32_t a = 0xFFFFFFFF, f = 0xFFFFFFFF;
                    size_t na = utf8_decode((const char *)b, len, &a);
                    size_t nf = utf8_decode_any((const char *)b, len, &f);
                    if (na != nf || (na && a != f))
                        fail_msg("%02X %02X %02X len %zu: %zu U+%04X against %zu U+%04X", x, y, z,
                                 len, na, (unsigned)a, nf, (unsigned)f);
                }
            }
}

static void test_utf8_clean_width(void **state)
{
    static const struct {
        const char *in;
        size_t len;
        const char *clean;
        int width;
    } cases[] = {
        {S("abc"), "abc", 3},
        {S("부산 BTP"), "부산 BTP", 8},
        {S("a\xFF" "b"), "a?b", 3},
        {S("x\xF0\x9F\x98\x80y"), "x?y", 4},
        {S("a\rb\x01\tc\n"), "ab\tc\n", 6},
        {S("\xEA\xB0"), "??", 2},
        {S("「레전드 50⁺」"), "「레전드 50⁺」", 13},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        strbuf b = {0};
        utf8_clean(&b, cases[i].in, cases[i].len);
        assert_string_equal(sb_str(&b), cases[i].clean);
        assert_true(utf8_valid(b.s, b.len));
        sb_free(&b);
    }
    assert_int_equal(utf8_width(S("가나다")), 6);
    assert_int_equal(utf8_width(S("a가")), 3);
    assert_int_equal(utf8_width(S("e\xCC\x81")), 1); /* combining acute */
    assert_false(utf8_valid(S("\xC3")));
    assert_true(utf8_valid(S("")));
}

/* utf8_clean's eight-byte ASCII steps against the byte-by-byte rule it
 * keeps (printable ASCII and DEL as they are, tab and newline kept, other
 * controls dropped, BMP characters kept, anything else '?'), on random
 * strings of those pieces at every length and alignment. */
static void clean_ref(strbuf *out, const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp;
        if (c >= 0x20 && c < 0x80) {
            sb_addc(out, (char)c);
            i++;
        } else if (c < 0x20) {
            if (c == '\n' || c == '\t')
                sb_addc(out, (char)c);
            i++;
        } else {
            size_t n = utf8_decode_any(s + i, len - i, &cp);
            if (n && cp <= 0xFFFF)
                sb_addn(out, s + i, n);
            else
                sb_addc(out, '?');
            i += n ? n : 1;
        }
    }
}

/* Fewer than max pieces drawn at random (xorshift64 on *x) and written one
 * after the other into buf, which must hold max of the longest; their length. */
static size_t random_pieces(uint64_t *x, const char *const *piece, size_t npieces, int max, char *buf)
{
    size_t len = 0;
    *x ^= *x << 13, *x ^= *x >> 7, *x ^= *x << 17;
    int n = (int)(*x % (uint64_t)max);
    for (int k = 0; k < n; k++) {
        *x ^= *x << 13, *x ^= *x >> 7, *x ^= *x << 17;
        const char *p = piece[*x % npieces];
        size_t pl = strlen(p);
        memcpy(buf + len, p, pl);
        len += pl;
    }
    return len;
}

static void test_utf8_clean_random(void **state)
{
    (void)state;
    static const char *const piece[] = {"a", "Z", " ", "~", "\x7F", "\n", "\t", "\x01", "\x1F", "\x80", "\xFF",
                                        "가", "「", "\xEA\xB0", "\xF0\x9F\x98\x80", "abcdefgh", "0123456789"};
    uint64_t x = 88172645463325252ull;
    for (int round = 0; round < 20000; round++) {
        char buf[256];
        size_t len = random_pieces(&x, piece, ARRAY_LEN(piece), 24, buf);
        size_t off = round % 8; /* every alignment of the start */
        char in[264];
        memcpy(in + off, buf, len);
        strbuf got = {0}, want = {0};
        utf8_clean(&got, in + off, len);
        clean_ref(&want, in + off, len);
        if (got.len != want.len || memcmp(sb_str(&got), sb_str(&want), got.len) != 0)
            fail_msg("round %d: %zu bytes: utf8_clean gave %zu bytes, the rule %zu", round, len, got.len, want.len);
        sb_free(&got);
        sb_free(&want);
    }
}

/* Decomposed Hangul (conjoining jamo, as macOS saves text) composed back. */
static void put3(char *o, uint32_t cp)
{
    o[0] = (char)(0xE0 | cp >> 12);
    o[1] = (char)(0x80 | (cp >> 6 & 0x3F));
    o[2] = (char)(0x80 | (cp & 0x3F));
}

static void expect_compose(const char *in, const char *want, bool changed)
{
    strbuf got = {0};
    bool any = utf8_hangul_compose(&got, in, strlen(in));
    assert_string_equal(sb_str(&got), want);
    assert_int_equal(any, changed);
    sb_free(&got);
}

static void test_hangul_compose(void **state)
{
    (void)state;
    /* From the Unicode code charts: 한 = ᄒ ᅡ ᆫ, 글 = ᄀ ᅳ ᆯ, 가 = ᄀ ᅡ, 힣 = ᄒ ᅵ ᇂ. */
    expect_compose("\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB\xE1\x84\x80\xE1\x85\xB3\xE1\x86\xAF", "한글", true);
    expect_compose("\xE1\x84\x80\xE1\x85\xA1", "가", true);
    expect_compose("\xE1\x84\x92\xE1\x85\xB5\xE1\x87\x82", "힣", true);
    /* a precomposed LV syllable and a trailing consonant: 가 + ᆨ = 각 */
    expect_compose("가\xE1\x86\xA8", "각", true);
    /* in running text, with ASCII and precomposed syllables around */
    expect_compose("A\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB B 부산", "A한 B 부산", true);
    /* nothing to compose: old Hangul (ᄒ ᆞ ᆫ), an LVT syllable and another
     * trailing consonant, lone vowels and trailing consonants, a leading
     * consonant at the end, plain text */
    expect_compose("\xE1\x84\x92\xE1\x86\x9E\xE1\x86\xAB", "\xE1\x84\x92\xE1\x86\x9E\xE1\x86\xAB", false);
    expect_compose("각\xE1\x86\xA8", "각\xE1\x86\xA8", false);
    expect_compose("\xE1\x85\xA1\xE1\x86\xAB", "\xE1\x85\xA1\xE1\x86\xAB", false);
    expect_compose("x\xE1\x84\x92", "x\xE1\x84\x92", false);
    expect_compose("\xE1\x84\x92\xE1", "\xE1\x84\x92\xE1", false);
    expect_compose("부산광역시", "부산광역시", false);
    expect_compose("", "", false);
    /* every modern syllable, from L V (T) and from LV T */
    for (uint32_t syl = 0xAC00; syl <= 0xD7A3; syl++) {
        uint32_t k = syl - 0xAC00, l = 0x1100 + k / 588, v = 0x1161 + k % 588 / 28, t = k % 28;
        char in[12], lv[9];
        put3(in, l);
        put3(in + 3, v);
        size_t n = 6;
        if (t)
            put3(in + n, 0x11A7 + t), n += 3;
        size_t len = 0;
        assert_int_equal(utf8_hangul_compose_at(in, n, &len), syl);
        assert_int_equal(len, n);
        if (t) {
            put3(lv, syl - t);
            put3(lv + 3, 0x11A7 + t);
            assert_int_equal(utf8_hangul_compose_at(lv, 6, &len), syl);
            assert_int_equal(len, 6);
            assert_int_equal(utf8_hangul_compose_at(in, n - 3, &len), syl - t); /* L V alone */
        }
    }
}

/* ---- numbers ---- */

static void test_money(void **state)
{
    static const struct {
        int64_t v;
        const char *exact, *approx;
    } cases[] = {
        {0, "0원", "0원"},
        {5000, "5,000원", "5,000원"},
        {9999, "9,999원", "9,999원"},
        {10000, "1만 원", "1만 원"},
        {14999, "1만 원", "약 1만 원"},
        {15000, "2만 원", "약 2만 원"},
        {35000000, "3,500만 원", "3,500만 원"},
        {34996000, "3,500만 원", "약 3,500만 원"},
        {99990000, "9,999만 원", "9,999만 원"},
        {99995000, "1억 원", "약 1억 원"},         /* 9999만 5000원 carries into 억 */
        {100000000, "1억 원", "1억 원"},           /* 1억 exactly: no 약 */
        {100010000, "1억 1만 원", "약 1억 원"},
        {9876543210, "98억 7654만 원", "약 99억 원"},
        {9876545000, "98억 7655만 원", "약 99억 원"},
        {10012345678, "100억 1235만 원", "약 100억 원"},
        {400000000000, "4,000억 원", "4,000억 원"},
        {1234567890000, "1조 2345억 6789만 원", "약 1조 2346억 원"},
        {INT64_C(9223372036854775807), "9,223,372조 368억 5478만 원", "약 9,223,372조 369억 원"},
        {-9876543210, "-98억 7654만 원", "약 -99억 원"},
        {-5000, "-5,000원", "-5,000원"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        strbuf b = {0};
        kfmt_money(&b, cases[i].v);
        assert_string_equal(sb_str(&b), cases[i].exact);
        sb_reset(&b);
        kfmt_money_approx(&b, cases[i].v);
        assert_string_equal(sb_str(&b), cases[i].approx);
        sb_free(&b);
    }
}

static void test_group_unit_count(void **state)
{
    static const struct {
        int64_t v;
        const char *want;
    } groups[] = {
        {0, "0"}, {7, "7"}, {999, "999"}, {1000, "1,000"}, {-1234, "-1,234"},
        {1234567, "1,234,567"}, {INT64_MIN, "-9,223,372,036,854,775,808"},
        {INT64_MAX, "9,223,372,036,854,775,807"},
    };
    for (size_t i = 0; i < ARRAY_LEN(groups); i++) {
        strbuf b = {0};
        kfmt_group(&b, groups[i].v);
        assert_string_equal(sb_str(&b), groups[i].want);
        sb_free(&b);
        /* The messages' grouping (core) is the same one, in a buffer just long enough. */
        char t[GROUPED_MAX];
        assert_string_equal(fmt_grouped(t, groups[i].v), groups[i].want);
    }
    static const struct {
        int64_t v;
        display_unit u;
        const char *want;
    } units[] = {
        {1234567, UNIT_WON, "1,234,567"},
        {1234567, UNIT_THOUSAND, "1,235"},
        {1234499, UNIT_THOUSAND, "1,234"},
        {1500, UNIT_THOUSAND, "2"},
        {-1500, UNIT_THOUSAND, "-2"},
        {-1499, UNIT_THOUSAND, "-1"},
        {10012345678, UNIT_MILLION, "10,012"},
        {10012345678, UNIT_HUNDRED_MILLION, "100"},
        {499999, UNIT_MILLION, "0"},
        {500000, UNIT_MILLION, "1"},
    };
    for (size_t i = 0; i < ARRAY_LEN(units); i++) {
        strbuf b = {0};
        kfmt_in_unit(&b, units[i].v, units[i].u);
        assert_string_equal(sb_str(&b), units[i].want);
        sb_free(&b);
    }
    strbuf b = {0};
    kfmt_count(&b, 48, "개 사");
    assert_string_equal(sb_str(&b), "48개 사");
    sb_reset(&b);
    kfmt_count(&b, 1200, "개 프로젝트");
    assert_string_equal(sb_str(&b), "1,200개 프로젝트");
    sb_free(&b);
}

static void test_percent(void **state)
{
    static const struct {
        double r;
        int dec;
        const char *want;
    } cases[] = {
        {0.1234, 1, "12.3%"}, {0.1235, 1, "12.4%"}, {0.5, 0, "50%"}, {0.995, 0, "100%"},
        {0, 1, "0.0%"},       {1, 2, "100.00%"},    {0.00049, 1, "0.0%"}, {0.0005, 1, "0.1%"},
        {12.345, 1, "1,234.5%"}, {RATE_NONE, 1, "-"}, {0.07, 2, "7.00%"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        strbuf b = {0};
        kfmt_percent(&b, cases[i].r, cases[i].dec);
        assert_string_equal(sb_str(&b), cases[i].want);
        sb_free(&b);
    }
}

static void test_dates(void **state)
{
    static const struct {
        int32_t ymd;
        const char *date, *md, *full, *wd;
    } cases[] = {
        {20241017, "2024. 10. 17.", "10. 17.(목)", "2024. 10. 17.(목)", "목"},
        {20250101, "2025. 1. 1.", "1. 1.(수)", "2025. 1. 1.(수)", "수"},
        {20240229, "2024. 2. 29.", "2. 29.(목)", "2024. 2. 29.(목)", "목"},
        {20000301, "2000. 3. 1.", "3. 1.(수)", "2000. 3. 1.(수)", "수"},
        {20251231, "2025. 12. 31.", "12. 31.(수)", "2025. 12. 31.(수)", "수"},
        {0, "-", "-", "-", ""},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        strbuf b = {0};
        date_fmt(&b, cases[i].ymd);
        assert_string_equal(sb_str(&b), cases[i].date);
        sb_reset(&b);
        date_fmt_md(&b, cases[i].ymd);
        assert_string_equal(sb_str(&b), cases[i].md);
        sb_reset(&b);
        date_fmt_full(&b, cases[i].ymd);
        assert_string_equal(sb_str(&b), cases[i].full);
        assert_string_equal(date_weekday_name(cases[i].ymd), cases[i].wd);
        sb_free(&b);
    }
}

/* ---- particles ---- */

static void test_particles(void **state)
{
    static const struct {
        const char *word, *form, *want;
    } cases[] = {
        /* Hangul final consonant */
        {"부산시", "은", "는"},
        {"대구광역시", "은/는", "는"},
        {"경북테크노파크", "과", "와"},
        {"부산테크노파크", "와", "와"},
        {"중소벤처기업부", "이", "가"},
        {"프로젝트", "을", "를"},
        {"기업", "을/를", "을"},
        {"지원", "이", "이"},
        {"사업", "과/와", "과"},
        /* ㄹ: 으로/로 takes 로, others the consonant form */
        {"서울", "으로", "로"},
        {"서울", "은", "은"},
        {"정책자금", "으로", "으로"},
        {"부산", "으로/로", "으로"},
        {"바우처", "으로", "로"},
        {"목표", "이다", "다"},
        {"사업", "이며", "이며"},
        {"지원", "이며/며", "이며"},
        {"스마트공장", "이며", "이며"},
        {"바우처", "이며", "며"},
        /* digits by Korean reading */
        {"2024", "는", "는"},
        {"100", "은", "은"},
        {"1,000", "은", "은"},
        {"10", "이", "이"},
        {"0", "은", "은"},
        {"3", "을", "을"},
        {"2", "을", "를"},
        {"1", "으로", "로"},
        {"7", "으로", "로"},
        {"8", "은", "은"},
        {"6", "으로", "으로"},
        {"12.5", "는", "는"},
        {"1000000000000", "는", "는"},
        {"48개 사", "는", "는"},
        {"21개 프로젝트", "이", "가"},
        {"2024. 10. 17.", "이", "이"},
        {"12.3%", "는", "는"},
        {"레전드 50⁺", "은", "는"},
        /* Latin letters by English name */
        {"TP", "는", "는"},
        {"BTP", "이", "가"},
        {"HTML", "으로", "로"},
        {"XLSX", "을", "를"},
        {"PDF", "은", "는"},
        {"CRM", "은", "은"},
        {"R", "으로", "로"},
        {"ICT", "과", "와"},
        {"Bing", "은", "은"},
        /* parentheses, quotes, brackets, spaces */
        {"부산테크노파크(BTP)", "는", "는"},
        {"경북테크노파크(경북TP)", "과", "와"},
        {"중소벤처기업진흥공단(중진공)", "은", "은"},
        {"(주)대성", "은", "은"},
        {"대성 (주)", "은", "는"},
        {"「레전드 50⁺」", "을", "를"},
        {"“혁신바우처”", "가", "가"},
        {"‘스마트공장’", "이", "이"},
        {"지역 ", "은", "은"},
        /* nothing pronounceable: consonant form */
        {"", "는", "은"},
        {"()", "와", "과"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        const char *got = kparticle(cases[i].word, strlen(cases[i].word), cases[i].form);
        if (!got || strcmp(got, cases[i].want))
            fail_msg("kparticle(\"%s\", \"%s\") = \"%s\", want \"%s\"", cases[i].word, cases[i].form,
                     got ? got : "(null)", cases[i].want);
    }
    assert_null(kparticle("부산", 6, "의"));
    assert_null(kparticle("부산", 6, "은/가"));
    assert_null(kparticle("부산", 6, NULL));
    /* Only `len` bytes count. */
    assert_string_equal(kparticle("부산시청", 9, "은"), "는");
}

/* ---- wrapping ---- */

/* Width in "columns": Hangul 2, everything else 1 (utf8_width). */
static double measure_cols(void *ctx, const char *s, size_t n)
{
    (void)ctx;
    return utf8_width(s, n);
}

/* Wraps s at width (by kwrap_line with runt > 0, else kwrap_next) and joins
 * the lines with '|'. Checks progress and UTF-8 safety. */
static char *wrap_runt(const char *s, double width, double runt)
{
    strbuf out = {0};
    size_t len = strlen(s), pos = 0;
    int guard = 0;
    while (pos < len) {
        size_t next = 0;
        size_t n = runt > 0 ? kwrap_line(s + pos, len - pos, width, width, runt, measure_cols, NULL, &next)
                            : kwrap_next(s + pos, len - pos, width, measure_cols, NULL, &next);
        assert_true(next > 0);
        assert_true(n <= next);
        assert_true(utf8_valid(s + pos, n));
        if (out.len)
            sb_addc(&out, '|');
        sb_addn(&out, s + pos, n);
        pos += next;
        assert_true(++guard < 1000);
    }
    return sb_take(&out);
}

static char *wrap_all(const char *s, double width)
{
    return wrap_runt(s, width, 0);
}

static void test_wrap(void **state)
{
    static const struct {
        const char *in;
        double width;
        const char *want;
    } cases[] = {
        {"가나 다라 마바", 10, "가나 다라|마바"},
        {"가나 다라 마바", 100, "가나 다라 마바"},
        {"가나 다라 마바", 4, "가나|다라|마바"},
        /* a word longer than the line breaks between syllables */
        {"가나다라마바사아", 6, "가나다|라마바|사아"},
        {"지원 가나다라마바사아", 6, "지원|가나다|라마바|사아"},
        /* punctuation never starts a line: the syllable before it moves down */
        {"가나다.라마", 6, "가나|다.라|마"},
        {"가나다,라마", 6, "가나|다,라|마"},
        {"가나 다라.", 8, "가나|다라."},
        {"가나다라)", 8, "가나다|라)"},
        {"12.3%", 4, "12.|3%"},
        /* an opening bracket never ends a line */
        {"가(나다라", 4, "가|(나|다라"},
        {"가나 “다라”", 8, "가나|“다라”"},
        /* spaces at the break are dropped; a newline ends a line */
        {"가나   다라", 5, "가나|다라"},
        {"가나\n다라", 100, "가나|다라"},
        /* figures stay whole: 약 + number, number + counter, amounts, dates */
        {"지원 약 22억 원 규모", 14, "지원|약 22억 원|규모"},
        {"지원 약 22억 원 규모", 10, "지원|약 22억 원|규모"},
        {"모두 4개 분야에 걸쳐", 12, "모두|4개 분야에|걸쳐"},
        {"기업 48개 사에 지원", 11, "기업|48개 사에|지원"},
        {"총 98억 7654만 원을 지원", 16, "총|98억 7654만 원을|지원"},
        {"기준일 2026. 9. 30.까지 집계", 16, "기준일|2026. 9. 30.까지|집계"},
        {"지난 2025년 3분기 동안", 14, "지난|2025년 3분기|동안"},
        {"지난 2025년 3~8월 동안", 14, "지난|2025년 3~8월|동안"},
        {"모두 2025년 상반기 동안", 10, "모두|2025년|상반기|동안"},
        {"(약 3,500만 원) 지원", 12, "(약 3,500만|원) 지원"},
        /* 약 after a closing mark of the word before it: "」(약 261억 원)" */
        {"육성 (4차)」(약 261억 원), 경기도", 22, "육성|(4차)」(약 261억 원),|경기도"},
        {"육성 “가”(약 3억 원)", 18, "육성|“가”(약 3억 원)"},
        /* and after a syllable: an opening mark before 약 starts a word */
        {"지원 기준 119건(약 85억 원)은", 22, "지원 기준|119건(약 85억 원)은"},
        /* but a word ending in 약 is a word: 계약, 절약 */
        {"신규 계약 10건 체결", 12, "신규 계약|10건 체결"},
        {"2024. 1. 1.~2026. 9. 30. 선정", 26, "2024. 1. 1.~2026. 9. 30.|선정"},
        /* a list label stays with its item */
        {"③ 혁신바우처, ④ 수출바우처", 20, "③ 혁신바우처,|④ 수출바우처"},
        {"⑳ 판로지원, (21) 인력양성", 18, "⑳ 판로지원,|(21) 인력양성"},
        {"(4차) 사업", 6, "(4차)|사업"},
        /* ordinary words still break at their spaces */
        {"2024년 사업 성과", 9, "2024년|사업 성과"},
        {"지원 사업 10개 사업을", 10, "지원 사업|10개|사업을"},
        /* tiny width: still one character per line */
        {"가나", 1, "가|나"},
        {".,", 0.5, ".,"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        char *got = wrap_all(cases[i].in, cases[i].width);
        if (strcmp(got, cases[i].want))
            fail_msg("wrap(\"%s\", %g) = \"%s\", want \"%s\"", cases[i].in, cases[i].width, got,
                     cases[i].want);
        free(got);
    }
}

/* kwrap_line: a paragraph's last line is no runt when the line before can
 * give it a word, and never at the cost of a figure or a half-empty line. */
static void test_wrap_runt(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        double width, runt;
        const char *want;
    } cases[] = {
        /* "제외" (4 columns) alone under a full line takes "건은" */
        {"가나 다라 마바 건은 제외", 19, 6, "가나 다라 마바|건은 제외"},
        /* no runt: as kwrap_next */
        {"가나 다라 마바 건은 제외", 19, 4, "가나 다라 마바 건은|제외"},
        {"가나 다라 마바 건은 제외", 19, 0, "가나 다라 마바 건은|제외"},
        {"가나 다라 마바 건은 제외", 14, 6, "가나 다라 마바|건은 제외"},
        /* the word taken is a figure's whole group */
        {"가나다 지원 기준이며 119건(약 85억 원)은 제외", 40, 6,
         "가나다 지원 기준이며|119건(약 85억 원)은 제외"},
        /* the line before would keep less than half its width: left as it is */
        {"가 나다라마바사아자차카타 제외", 28, 6, "가 나다라마바사아자차카타|제외"},
        {"가나 다라 마바사아자 하는", 20, 6, "가나 다라 마바사아자|하는"},
        /* a hard newline ends a line: the runt before it is mended, the one after it is a new paragraph's */
        {"가나 다라 마바 건은 제외\n가나", 19, 6, "가나 다라 마바|건은 제외|가나"},
        /* several lines: only the last is looked at */
        {"가나 다라 마바 사아 자차 카타 파하 건은 제외", 19, 6,
         "가나 다라 마바 사아|자차 카타 파하|건은 제외"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        char *got = wrap_runt(cases[i].in, cases[i].width, cases[i].runt);
        if (strcmp(got, cases[i].want))
            fail_msg("kwrap_line(\"%s\", %g, runt %g) = \"%s\", want \"%s\"", cases[i].in,
                     cases[i].width, cases[i].runt, got, cases[i].want);
        free(got);
    }
}

/* The lines of s[0..len) by kwrap_line (runt > 0) or kwrap_next: each
 * line's end and the next line's start into ends[]/starts[]; their count. */
static size_t line_breaks(const char *s, size_t len, double width, double runt, size_t *ends,
                          size_t *starts)
{
    size_t n = 0, pos = 0;
    while (pos < len && n < 256) {
        size_t next = 0, k = runt > 0
                                 ? kwrap_line(s + pos, len - pos, width, width, runt, measure_cols,
                                              NULL, &next)
                                 : kwrap_next(s + pos, len - pos, width, measure_cols, NULL, &next);
        assert_true(next > 0);
        ends[n] = pos + k;
        starts[n++] = pos + next;
        pos += next;
    }
    return n;
}

/* kwrap_line on random text: never more lines than kwrap_next, no line
 * wider than the width (or than kwrap_next's own overfull line), and no
 * break inside a figure that kwrap_next would not make. */
static void test_wrap_runt_random(void **state)
{
    (void)state;
    static const char *const piece[] = {
        "약", "(약",      "22",    "억", "만",   "원",    "개", "사", " ",  " ",  " ", "가나",
        "다", "라마바사", "2026.", "9.", "제외", "컸다.", "(",  ")",  "「", "」", "\n"};
    uint64_t x = 0x2545F4914F6CDD1Dull;
    int moved = 0;
    for (int round = 0; round < 20000; round++) {
        char buf[512];
        size_t len = random_pieces(&x, piece, ARRAY_LEN(piece), 30, buf);
        double width = 8 + (double)(x % 23), runt = 6;
        size_t ge[256], gs[256], le[256], ls[256];
        size_t ng = line_breaks(buf, len, width, 0, ge, gs);
        size_t nl = line_breaks(buf, len, width, runt, le, ls);
        if (nl != ng)
            fail_msg("round %d: \"%.*s\" at %g: %zu lines, kwrap_next %zu", round, (int)len, buf,
                     width, nl, ng);
        strbuf bound = {0};
        kbind_figures(&bound, buf, len); /* a bound space is 2 bytes there: map by counting */
        for (size_t i = 0; i < nl; i++) {
            size_t from = i ? ls[i - 1] : 0;
            if (measure_cols(NULL, buf + from, le[i] - from) > width &&
                measure_cols(NULL, buf + from, le[i] - from) >
                    measure_cols(NULL, buf + (i ? gs[i - 1] : 0), ge[i] - (i ? gs[i - 1] : 0)))
                fail_msg("round %d: \"%.*s\" at %g: line %zu wider than kwrap_next's", round,
                         (int)len, buf, width, i);
            if (le[i] == ge[i] || le[i] >= len || buf[le[i]] != ' ')
                continue;
            moved++;
            /* a break kwrap_next did not make: at a space it could break at */
            size_t at = 0;
            for (size_t b = 0; b < le[i]; b++)
                at += buf[b] == ' ' && (unsigned char)bound.s[at] == 0xC2 ? 2 : 1;
            if ((unsigned char)bound.s[at] == 0xC2)
                fail_msg("round %d: \"%.*s\" at %g: kwrap_line breaks a figure at %zu", round,
                         (int)len, buf, width, le[i]);
        }
        sb_free(&bound);
    }
    assert_true(moved > 50); /* the rule was exercised (103 times with this seed) */
}

/* kwrap_breakable_spaces: the spaces a justified line widens are those
 * kwrap_next may break at ('|' for them in want). */
static void test_breakable_spaces(void **state)
{
    (void)state;
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"지원 약 22억 원 규모", "지원|약 22억 원|규모"},
        {"기준일 2026. 9. 30.까지 집계", "기준일|2026. 9. 30.까지|집계"},
        {"③ 혁신바우처, ④ 수출바우처", "③ 혁신바우처,|④ 수출바우처"},
        {"가나 “ 다라 ” 마바", "가나|“ 다라 ”|마바"}, /* no break after “ or before ” */
        {" 앞 뒤 ", " 앞|뒤 "},
        {"", ""},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        const char *in = cases[i].in;
        size_t len = strlen(in);
        unsigned char mark[128];
        kwrap_breakable_spaces(in, len, mark);
        char got[128];
        for (size_t k = 0; k < len; k++)
            got[k] = mark[k] ? '|' : in[k];
        got[len] = '\0';
        if (strcmp(got, cases[i].want))
            fail_msg("kwrap_breakable_spaces(\"%s\") = \"%s\", want \"%s\"", in, got, cases[i].want);
    }
}

/* kbind_figures: the spaces kwrap_next keeps inside a figure, and only
 * those, become no-break spaces (U+00A0). */
static void test_bind_figures(void **state)
{
    (void)state;
    static const struct {
        const char *in, *want; /* '~' for U+00A0 in want */
    } cases[] = {
        {"지원 약 22억 원 규모", "지원 약~22억~원 규모"},
        {"총 98억 7654만 원을 지원", "총 98억~7654만~원을 지원"},
        {"기업 48개 사에 4개 분야", "기업 48개~사에 4개~분야"},
        {"2026. 9. 30.까지 집계", "2026.~9.~30.까지 집계"},
        {"육성 (4차)」(약 261억 원), 경기도", "육성 (4차)」(약~261억~원), 경기도"},
        {"신규 계약 10건 체결", "신규 계약 10건 체결"}, /* 계약 is a word, not 약 */
        {"취소된 119건(약 85억 원)은", "취소된 119건(약~85억~원)은"},
        {"③ 혁신바우처, (21) 인력양성", "③~혁신바우처, (21)~인력양성"},
        {"2024년 사업 성과", "2024년 사업 성과"},
        {"  앞뒤  공백 ", "  앞뒤  공백 "},
        {"", ""},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        strbuf b = {0}, want = {0};
        kbind_figures(&b, cases[i].in, strlen(cases[i].in));
        for (const char *p = cases[i].want; *p; p++)
            if (*p == '~')
                sb_adds(&want, "\xC2\xA0");
            else
                sb_addc(&want, *p);
        if (strcmp(sb_str(&b), sb_str(&want)))
            fail_msg("kbind_figures(\"%s\") = \"%s\", want \"%s\"", cases[i].in, sb_str(&b),
                     sb_str(&want));
        sb_free(&b);
        sb_free(&want);
    }
}

/* kbind_figures on random strings of a figure's pieces (under the
 * sanitizers in make test): only spaces change, each into one U+00A0. */
static void test_bind_figures_random(void **state)
{
    (void)state;
    static const char *const piece[] = {"약", "(약", "」(약", "계약", " ", "  ", "22", "1,234", "억", "만",
                                        "원", "개", "사", "분야", "2026.", "9.", "30.", "가", "a", ")", ",", "\n"};
    uint64_t x = 0x9E3779B97F4A7C15ull;
    for (int round = 0; round < 20000; round++) {
        char buf[512];
        size_t len = random_pieces(&x, piece, ARRAY_LEN(piece), 20, buf);
        strbuf got = {0}, back = {0};
        kbind_figures(&got, buf, len);
        for (size_t i = 0; i < got.len; i++) {
            if ((unsigned char)got.s[i] == 0xC2 && i + 1 < got.len && (unsigned char)got.s[i + 1] == 0xA0) {
                sb_addc(&back, ' ');
                i++;
            } else {
                sb_addc(&back, got.s[i]);
            }
        }
        if (back.len != len || memcmp(sb_str(&back), buf, len) != 0)
            fail_msg("round %d: kbind_figures changed more than spaces: \"%.*s\" -> \"%s\"", round, (int)len,
                     buf, sb_str(&got));
        sb_free(&got);
        sb_free(&back);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_decode),
        cmocka_unit_test(test_utf8_decode_paths),
        cmocka_unit_test(test_utf8_clean_width),
        cmocka_unit_test(test_utf8_clean_random),
        cmocka_unit_test(test_hangul_compose),
        cmocka_unit_test(test_money),
        cmocka_unit_test(test_group_unit_count),
        cmocka_unit_test(test_percent),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_particles),
        cmocka_unit_test(test_wrap),
        cmocka_unit_test(test_wrap_runt),
        cmocka_unit_test(test_wrap_runt_random),
        cmocka_unit_test(test_breakable_spaces),
        cmocka_unit_test(test_bind_figures),
        cmocka_unit_test(test_bind_figures_random),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
