/* korean.c — Korean text as officials write it (UTF-8 decoding and display
 * width are core: utf8.c).
 *
 * Everything here is a pure function of its arguments (no locale, no global
 * state); formatters append to a caller's strbuf. The rules chosen where the
 * style guides leave room are stated once here and tested in
 * tests/unit/test_korean.c:
 *
 * Money (kfmt_money, kfmt_money_approx). A value is split into 조/억/만 units
 * of four digits. The leading unit is comma-grouped, the following ones are
 * written as plain 1–4 digit numbers, units that are zero are left out, and
 * " 원" follows: "98억 7654만 원", "4,000억 원", "1조 2345억 원".
 *   - kfmt_money is exact to 만: the remainder under 만 is ROUNDED half-up
 *     (away from zero) to the nearest 만, carrying into 억 and 조, so
 *     9,876,543,210 → "98억 7654만 원", 9,876,545,000 → "98억 7655만 원",
 *     999,995,000 → "10억 원". A value under 1만 in magnitude is written exactly
 *     as grouped won with no space: "5,000원", "0원".
 *   - kfmt_money_approx rounds half-up to 억 at or above 1억, else to 만, and
 *     writes "약 " in front only when the rounding changed the value:
 *     10,012,345,678 → "약 100억 원", exactly 1억 → "1억 원",
 *     35,000,000 → "3,500만 원", 34,996,000 → "약 3,500만 원". Under 1만 the
 *     value is exact: "5,000원".
 *   - Negative values carry a leading "-" on the number: "-98억 7654만 원",
 *     "약 -3,500만 원".
 * kfmt_in_unit divides by the display unit rounding half-up away from zero
 * (-1,500원 in 천원 → "-2") and groups the digits.
 * kfmt_percent rounds half-up on ratio×100 (a tiny epsilon absorbs binary
 * representation error, so 0.1235 at one decimal is "12.4%").
 *
 * Particles (kparticle). The last pronounceable character decides:
 *   - a Hangul syllable by its final consonant (ㄹ is vowel-like for 으로/로);
 *     a compatibility jamo by its name (ㄱ 기역 … consonant, ㅏ 아 vowel);
 *   - digits by their Korean reading of the whole trailing number: the last
 *     non-zero digit unless the number ends in zeros, in which case the place
 *     word decides (10 십, 100 백, 1000 천, 10000 만, 10^8 억, 10^12 조):
 *     "2024" → 사 (vowel), "100" → 백, "1,000" → 천 (commas ignored), "0" → 영,
 *     "12.5" → 오; 1 일, 7 칠, 8 팔 end in ㄹ;
 *   - Latin letters by the English name of the last letter: L 엘 (ㄹ), M 엠 and
 *     N 엔 (consonant), R 알 (ㄹ), every other letter ends in a vowel (A 에이,
 *     P 피, S 에스, ...); a word ending in "ng" counts as consonant (잉);
 *   - "%" reads 퍼센트 and "+" / "⁺" read 플러스 (vowel);
 *   - a trailing parenthesised gloss written right after a word is skipped:
 *     "부산테크노파크(BTP)" reads as 부산테크노파크 (크 → 는); a parenthesis
 *     that starts the word, or follows a space, is read inside instead;
 *   - closing quotes and brackets (」 』 ” ’ " ' ] 〉 》) and spaces are skipped;
 *   - if nothing pronounceable is left, the consonant-side form is returned
 *     (은, 이, 을, 과, 으로, 이다...).
 *
 * Line breaking (kwrap_next) is greedy over code points with the 금칙 rules
 * of korean.h, plus ! ? % : ; 」 』 which may not start a line either and
 * 「 『 which may not end one. A space inside a figure never breaks while
 * another space of the line can: 약 + number ("약 22억 원"), number (+ 조, 억,
 * 만, 천, 개) + counter (원, 사, 건, 명, 곳, 분야, 개, 프로젝트), the parts of
 * an amount ("98억 7654만 원") and of a date ("2026. 9. 30.", "2025년 3분기",
 * "2025년 3~8월"), a list label and
 * its item ("④ 수출바우처", "(21) 인력양성"). A hard '\n' in the text ends a line (a line
 * that is empty because the text starts with '\n' returns 0 bytes, with *next
 * past the newline, so callers still always progress). kwrap_line adds one
 * rule for paragraphs: their last line is never a runt, a word or two
 * narrower than the caller's limit ("… 취소된 119건(약 85억 원)은 | 제외"),
 * when the line before can give it its last word. */
#include <math.h>
#include <string.h>

#include "korean.h"

/* ------------------------------------------------------- numbers and money */

void kfmt_group(strbuf *b, int64_t v)
{
    char t[GROUPED_MAX];
    sb_adds(b, fmt_grouped(t, v));
}

/* m (a non-negative count of 만 units) as "N조 N억 N만" plus " 원". */
static void money_units(strbuf *b, bool neg, uint64_t man)
{
    uint64_t parts[3] = {man / 100000000u, (man / 10000u) % 10000u, man % 10000u};
    static const char *const names[3] = {"조", "억", "만"};
    bool first = true;
    if (neg)
        sb_addc(b, '-');
    for (int i = 0; i < 3; i++) {
        if (!parts[i])
            continue;
        if (!first)
            sb_addc(b, ' ');
        if (first)
            kfmt_group(b, (int64_t)parts[i]);
        else
            sb_addf(b, "%u", (unsigned)parts[i]);
        sb_adds(b, names[i]);
        first = false;
    }
    sb_adds(b, " 원");
}

static uint64_t mag(int64_t v) { return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v; }

/* Rounds m half-up to a multiple of unit. */
static uint64_t round_to(uint64_t m, uint64_t unit) { return (m / unit + (m % unit >= (unit + 1) / 2)) * unit; }

/* Below 1만 원 both money forms print the exact amount ("5,000원"); true if done. */
static bool money_below_man(strbuf *b, won_t v)
{
    if (mag(v) >= 10000u)
        return false;
    kfmt_group(b, v);
    sb_adds(b, "원");
    return true;
}

void kfmt_money(strbuf *b, won_t v)
{
    if (money_below_man(b, v))
        return;
    uint64_t m = mag(v);
    money_units(b, v < 0, round_to(m, 10000u) / 10000u);
}

void kfmt_money_approx(strbuf *b, won_t v)
{
    if (money_below_man(b, v))
        return;
    uint64_t m = mag(v);
    uint64_t r = round_to(m, m >= 100000000u ? 100000000u : 10000u);
    if (r != m)
        sb_adds(b, "약 ");
    money_units(b, v < 0, r / 10000u);
}

void kfmt_in_unit(strbuf *b, won_t v, display_unit u)
{
    uint64_t div = (uint64_t)unit_divisor(u);
    if (div <= 1) {
        kfmt_group(b, v);
        return;
    }
    uint64_t r = round_to(mag(v), div) / div;
    kfmt_group(b, v < 0 ? -(int64_t)r : (int64_t)r);
}

void kfmt_count(strbuf *b, int64_t v, const char *counter)
{
    kfmt_group(b, v);
    if (counter)
        sb_adds(b, counter);
}

void kfmt_percent(strbuf *b, double ratio, int decimals)
{
    if (ratio < 0 || isnan(ratio)) { /* RATE_NONE */
        sb_addc(b, '-');
        return;
    }
    if (decimals < 0)
        decimals = 0;
    if (decimals > 6)
        decimals = 6;
    int64_t scale = 1;
    for (int i = 0; i < decimals; i++)
        scale *= 10;
    double x = ratio * 100.0 * (double)scale;
    if (!(x < 9e15)) { /* absurd rate: print without grouping tricks */
        sb_addf(b, "%.*f%%", decimals, ratio * 100.0);
        return;
    }
    int64_t n = (int64_t)floor(x + 0.5 + 1e-9 * (x > 1 ? x : 1));
    kfmt_group(b, n / scale);
    if (decimals)
        sb_addf(b, ".%0*lld", decimals, (long long)(n % scale));
    sb_addc(b, '%');
}

/* -------------------------------------------------------------- particles */

/* What the word ends in, as far as a particle cares. */
enum ending { END_NONE, END_VOWEL, END_CONS, END_RIEUL };

static const struct particle {
    const char *cons, *vowel; /* after a consonant, after a vowel (or ㄹ for 으로/로) */
    bool rieul_is_vowel;      /* 으로/로: ㄹ takes the vowel form */
} particles[] = {
#define KPARTICLE_ROW(cons, vowel, rieul) {cons, vowel, rieul},
    KPARTICLES(KPARTICLE_ROW)
#undef KPARTICLE_ROW
};

STATIC const struct particle *particle_find(const char *form)
{
    if (!form)
        return NULL;
    const char *slash = strchr(form, '/');
    size_t n1 = slash ? (size_t)(slash - form) : strlen(form);
    for (size_t i = 0; i < ARRAY_LEN(particles); i++) {
        const struct particle *p = &particles[i];
        if (slash) {
            if (strlen(p->cons) == n1 && !memcmp(p->cons, form, n1) && !strcmp(p->vowel, slash + 1))
                return p;
        } else if (!strcmp(p->cons, form) || !strcmp(p->vowel, form)) {
            return p;
        }
    }
    return NULL;
}

/* Kinds of code point the particle and line-break rules ask about. */
static bool is_digit_cp(uint32_t cp) { return cp >= '0' && cp <= '9'; }
static bool is_ascii_alpha(uint32_t cp) { return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'; }
static bool is_hangul_syllable(uint32_t cp) { return cp >= 0xAC00 && cp <= 0xD7A3; }

/* Steps back over one code point ending at s[end]; returns its start. */
static size_t prev_cp(const char *s, size_t end, uint32_t *cp)
{
    size_t i = end;
    int k = 0;
    while (i > 0 && k < 4) {
        i--, k++;
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            break;
    }
    if (!utf8_decode(s + i, end - i, cp) || i + utf8_decode(s + i, end - i, cp) != end) {
        *cp = 0xFFFD;
        return end - 1;
    }
    return i;
}

static enum ending digits_ending(const char *s, size_t end)
{
    /* s[j..end) is the trailing number: digits, grouping commas, a decimal point. */
    size_t j = end;
    while (j > 0 && ((s[j - 1] >= '0' && s[j - 1] <= '9') || s[j - 1] == ',' || s[j - 1] == '.'))
        j--;
    char last = s[end - 1];
    bool fraction = memchr(s + j, '.', end - j) != NULL;
    if (!fraction && last == '0') {
        /* Read by place: the trailing zeros name the last word spoken. */
        int zeros = 0;
        size_t i = end;
        while (i > j && (s[i - 1] == '0' || s[i - 1] == ','))
            zeros += s[--i] == '0';
        if (i == j)
            return END_CONS; /* all zeros: 영 */
        if (zeros >= 12 && zeros % 4 == 0)
            return END_VOWEL; /* 조 */
        return END_CONS;      /* 십 ㅂ, 백 ㄱ, 천 ㄴ, 만 ㄴ, 억 ㄱ */
    }
    switch (last) { /* a fraction is read digit by digit: its last digit decides */
    case '2': case '4': case '5': case '9': return END_VOWEL; /* 이 사 오 구 */
    case '1': case '7': case '8': return END_RIEUL;          /* 일 칠 팔 */
    default: return END_CONS;                                 /* 삼 육 영 */
    }
}

static enum ending latin_ending(const char *s, size_t end)
{
    char c = s[end - 1];
    char lc = (char)(c | 0x20);
    if (c >= 'a' && c <= 'z' && lc == 'g' && end >= 2 && (s[end - 2] | 0x20) == 'n')
        return END_CONS; /* -ng: 잉 */
    switch (lc) {
    case 'l': case 'r': return END_RIEUL; /* 엘 알 */
    case 'm': case 'n': return END_CONS;  /* 엠 엔 */
    default: return END_VOWEL;
    }
}

/* Is cp a closing character to skip? */
static bool skip_closing(uint32_t cp)
{
    switch (cp) {
    case ' ': case '\t': case '\n': case '"': case '\'': case ']': case '}':
    case 0x2019: case 0x201D: case 0x300D: case 0x300F: case 0x3009: case 0x300B:
    case 0x3011: case 0xFF09: case 0x00A0: case '.': case ',': case 0x00B7:
        return true;
    default:
        return false;
    }
}

STATIC enum ending word_ending(const char *word, size_t len)
{
    size_t end = len;
    uint32_t cp;
    while (end > 0) {
        size_t start = prev_cp(word, end, &cp);
        if (cp == ')' || cp == 0xFF09) {
            /* A gloss right after a word: skip to its '(' if a word precedes it. */
            int depth = 0;
            size_t k = end;
            size_t open = (size_t)-1;
            while (k > 0) {
                uint32_t c2;
                size_t st = prev_cp(word, k, &c2);
                if (c2 == ')' || c2 == 0xFF09)
                    depth++;
                else if (c2 == '(' || c2 == 0xFF08) {
                    if (--depth == 0) {
                        open = st;
                        break;
                    }
                }
                k = st;
            }
            if (open != (size_t)-1 && open > 0) {
                uint32_t before;
                prev_cp(word, open, &before);
                if (before != ' ' && before != '\t') {
                    end = open;
                    continue;
                }
            }
            end = start; /* read inside the parentheses */
            continue;
        }
        if (is_hangul_syllable(cp)) {
            int jong = (int)((cp - 0xAC00) % 28);
            return jong == 0 ? END_VOWEL : jong == 8 ? END_RIEUL : END_CONS;
        }
        if (cp >= 0x3131 && cp <= 0x314E)
            return cp == 0x3139 ? END_RIEUL : END_CONS; /* ㄹ 리을 */
        if (cp >= 0x314F && cp <= 0x3163)
            return END_VOWEL;
        if (is_digit_cp(cp)) {
            /* '.' and ',' inside a number belong to it; a trailing '.' was skipped. */
            return digits_ending(word, end);
        }
        if (is_ascii_alpha(cp))
            return latin_ending(word, end);
        if (cp == '%' || cp == '+' || cp == 0x207A || cp == 0xFF05)
            return END_VOWEL; /* 퍼센트, 플러스 */
        if (skip_closing(cp)) {
            end = start;
            continue;
        }
        /* Any other symbol: look further back. */
        end = start;
    }
    return END_NONE;
}

const char *kparticle(const char *word, size_t len, const char *form)
{
    const struct particle *p = particle_find(form);
    if (!p)
        return NULL;
    switch (word ? word_ending(word, len) : END_NONE) {
    case END_VOWEL: return p->vowel;
    case END_RIEUL: return p->rieul_is_vowel ? p->vowel : p->cons;
    default: return p->cons;
    }
}

/* ----------------------------------------------------------- line breaking */

static bool no_line_start(uint32_t cp)
{
    switch (cp) {
    case '.': case ',': case ')': case '!': case '?': case '%': case ':': case ';': case ']':
    case 0x2019: case 0x201D: case 0x00B7: case 0x300D: case 0x300F: case 0xFF09:
    case 0x3001: case 0x3002: case 0x2026:
        return true;
    default:
        return false;
    }
}

static bool no_line_end(uint32_t cp)
{
    switch (cp) {
    case '(': case '[': case 0x2018: case 0x201C: case 0x300C: case 0x300E: case 0xFF08:
        return true;
    default:
        return false;
    }
}

/* Code point at s[i] (0 at the end); invalid bytes read as U+FFFD, length 1. */
static uint32_t cp_at(const char *s, size_t len, size_t i, size_t *n)
{
    uint32_t cp;
    if (i >= len) {
        *n = 0;
        return 0;
    }
    size_t k = utf8_decode(s + i, len - i, &cp);
    if (!k) {
        *n = 1;
        return 0xFFFD;
    }
    *n = k;
    return cp;
}

/* Can a line end before s[i] (i a character boundary, 0 < i < len)? */
static bool break_ok(const char *s, size_t len, size_t i)
{
    size_t n;
    uint32_t after = cp_at(s, len, i, &n), before;
    prev_cp(s, i, &before);
    return !no_line_start(after) && !no_line_end(before);
}

/* ---- groups a line may not split at a space ----
 * "약 22억 원", "98억 7654만 원", "4개 분야", "48개 사", "2026. 9. 30.": a
 * break at such a space leaves half a figure at a line's end. */

/* A counter word that follows a number and a space: 원, 사, 건, 명, 곳, 분야, 개, 프로젝트. */
static bool unit_word(const char *w, size_t n)
{
    static const char *const units[] = {"원", "사", "건", "명", "곳", "분야", "개", "프로젝트"};
    for (size_t k = 0; k < sizeof units / sizeof units[0]; k++) {
        size_t m = strlen(units[k]);
        if (n >= m && !memcmp(w, units[k], m))
            return true;
    }
    return false;
}

/* Must the space between the word ending at s[e) and the one starting at s[q]
 * stay unbroken? Words are delimited by spaces. */
static bool space_joins(const char *s, size_t len, size_t e, size_t q)
{
    size_t ws = e;
    while (ws > 0 && s[ws - 1] != ' ')
        ws--;
    size_t we = q;
    while (we < len && s[we] != ' ' && s[we] != '\n')
        we++;
    if (ws == e || we == q)
        return false;
    size_t n;
    uint32_t first = cp_at(s, len, q, &n), last, c;
    size_t b = prev_cp(s, e, &last);
    /* a list label and its item: "④ 수출바우처", "(21) 수출바우처" */
    if (b == ws && last >= 0x2460 && last <= 0x2473) /* ① … ⑳ */
        return true;
    if (s[ws] == '(' && last == ')' && b > ws + 1) {
        size_t d = ws + 1;
        while (d < b && s[d] >= '0' && s[d] <= '9')
            d++;
        if (d == b)
            return true;
    }
    /* 약 + number: "약", "(약", also after the word it follows without a
     * space ("」(약 261억 원)", "119건(약 85억 원)"), but not the end of a
     * word (계약, 절약): an opening mark before 약 starts a word. */
    if (is_digit_cp(first) && last == 0xC57D /* 약 */) {
        size_t st = b;
        while (st > ws) {
            size_t p = prev_cp(s, st, &c);
            if (!no_line_end(c))
                break;
            st = p;
        }
        if (st == ws || st < b)
            return true;
    }
    /* a date: "2026." + "9." ..., "2025년" + "3분기" / "3~8월" / "6월" */
    if (is_digit_cp(first) && (last == '.' || last == 0xB144 /* 년 */) && b > ws) {
        prev_cp(s, b, &c);
        if (is_digit_cp(c))
            return true;
    }
    /* number (+ 조/억/만/천/개) + a counter or, after 조/억/만, the rest of the amount */
    size_t t = e;
    bool big = false, counted = false;
    while (t > ws) {
        size_t p = prev_cp(s, t, &c);
        if (c == 0xC870 /* 조 */ || c == 0xC5B5 /* 억 */ || c == 0xB9CC /* 만 */ || c == 0xCC9C /* 천 */)
            big = true;
        else if (c == 0xAC1C /* 개 */)
            counted = true;
        else
            break;
        t = p;
    }
    if (t == ws)
        return false;
    if (t == e)
        return is_digit_cp(last) && unit_word(s + q, we - q);
    prev_cp(s, t, &c);
    if (!is_digit_cp(c))
        return false;
    return unit_word(s + q, we - q) || (big && !counted && is_digit_cp(first));
}

void kbind_figures(strbuf *b, const char *s, size_t len)
{
    size_t from = 0;
    for (size_t e = 1; e < len; e++) {
        if (s[e] != ' ' || s[e - 1] == ' ')
            continue;
        size_t q = e;
        while (q < len && s[q] == ' ')
            q++;
        if (q == len || !space_joins(s, len, e, q))
            continue;
        sb_addn(b, s + from, e - from);
        for (size_t k = e; k < q; k++)
            sb_adds(b, "\xC2\xA0");
        from = q;
        e = q - 1;
    }
    sb_addn(b, s + from, len - from);
}

size_t kwrap_next(const char *s, size_t len, double width, kwrap_measure measure, void *ctx,
                  size_t *next)
{
    size_t n, i = 0, fit = 0;
    /* Advance over characters while the prefix fits; stop at a hard newline. */
    while (i < len) {
        uint32_t cp = cp_at(s, len, i, &n);
        if (cp == '\n') {
            *next = i + 1;
            return i;
        }
        if (measure(ctx, s, i + n) > width)
            break;
        i += n;
        fit = i;
    }
    if (i >= len) {
        *next = len;
        return len;
    }
    if (fit == 0) { /* not even one character fits: take one anyway */
        cp_at(s, len, 0, &n);
        fit = n;
    }
    /* Last space at or before fit with something before it, outside a figure's
     * group; failing that, the last one inside a group (better than a break
     * inside a word). */
    size_t joined_e = 0, joined_q = 0;
    for (size_t p = fit < len ? fit : len - 1; p > 0; p--) {
        if (s[p] != ' ')
            continue;
        size_t e = p;
        while (e > 0 && s[e - 1] == ' ')
            e--;
        if (e == 0)
            break;
        size_t q = p;
        while (q < len && s[q] == ' ')
            q++;
        size_t k;
        uint32_t after = cp_at(s, len, q, &k), before;
        prev_cp(s, e, &before);
        if (q < len && (no_line_start(after) || no_line_end(before))) {
            p = e;
            continue;
        }
        if (q < len && space_joins(s, len, e, q)) {
            if (!joined_e)
                joined_e = e, joined_q = q;
            p = e;
            continue;
        }
        *next = q;
        return e;
    }
    if (joined_e) {
        *next = joined_q;
        return joined_e;
    }
    /* No usable space: break between characters, moving back for 금칙. */
    for (size_t b = fit; b > 0;) {
        if (break_ok(s, len, b)) {
            *next = b;
            return b;
        }
        uint32_t cp;
        b = prev_cp(s, b, &cp);
    }
    /* Nothing before fit works: go forward to the first acceptable break. */
    for (size_t b = fit; b < len;) {
        if (s[b] == ' ') {
            size_t q = b;
            while (q < len && s[q] == ' ')
                q++;
            *next = q;
            return b;
        }
        if (break_ok(s, len, b)) {
            *next = b;
            return b;
        }
        cp_at(s, len, b, &n);
        b += n;
    }
    *next = len;
    return len;
}

/* A break before s[q] after the word ending at s[e) (a run of spaces between)
 * that kwrap_next would take: no 금칙 on either side, not inside a figure. */
static bool space_break_ok(const char *s, size_t len, size_t e, size_t q)
{
    size_t k;
    uint32_t after = cp_at(s, len, q, &k), before;
    prev_cp(s, e, &before);
    return !no_line_start(after) && !no_line_end(before) && !space_joins(s, len, e, q);
}

void kwrap_breakable_spaces(const char *s, size_t len, unsigned char *mark)
{
    memset(mark, 0, len);
    for (size_t e = 0; e < len; e++) {
        if (s[e] != ' ')
            continue;
        size_t q = e;
        while (q < len && s[q] == ' ')
            q++;
        if (e > 0 && q < len && space_break_ok(s, len, e, q))
            memset(mark + e, 1, q - e);
        e = q;
    }
}

/* Is s[0..n) narrower than limit? Measured by growing prefixes (which the
 * PDF's measure adds to a character at a time) up to the first that reaches
 * limit: the rest of a long paragraph costs no more than a short one. */
static bool narrower(const char *s, size_t n, double limit, kwrap_measure measure, void *ctx)
{
    for (size_t i = 0, k; i < n; i += k) {
        cp_at(s, n, i, &k);
        if (measure(ctx, s, i + k) >= limit)
            return false;
    }
    return true;
}

size_t kwrap_line(const char *s, size_t len, double width, double width_next, double runt,
                  kwrap_measure measure, void *ctx, size_t *next)
{
    size_t k = kwrap_next(s, len, width, measure, ctx, next);
    /* Only a break at spaces, before a rest that is the paragraph's (or the
     * hard line's) last line and narrower than runt. */
    if (runt <= 0 || k == 0 || *next >= len || *next == k || s[k] != ' ')
        return k;
    const char *nl = memchr(s + *next, '\n', len - *next);
    size_t end = nl ? (size_t)(nl - s) : len;
    if (end == *next || !narrower(s + *next, end - *next, runt, measure, ctx))
        return k;
    /* The line's last word goes down to it when the line keeps half its
     * width and the two then fit on one line. */
    for (size_t p = k; p > 0; p--) {
        if (s[p - 1] != ' ' || s[p] == ' ')
            continue;
        size_t q = p, e = p - 1;
        while (e > 0 && s[e - 1] == ' ')
            e--;
        if (e == 0)
            break;
        if (!space_break_ok(s, len, e, q))
            continue;
        if (measure(ctx, s, e) < width / 2 || measure(ctx, s + q, end - q) > width_next)
            break;
        *next = q;
        return e;
    }
    return k;
}
