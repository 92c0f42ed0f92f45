/* korean.h — Korean text the way officials write it (UTF-8 itself: utf8.h).
 *
 *  - numbers, money, counts and percentages in the style of the
 *    행정업무운영 편람 (see ../shared/docs/domain.md);
 *  - particles (조사) that agree with the word before them;
 *  - line breaking for Korean text (between words first, between syllables
 *    only when a word is longer than the line, with 금칙 rules);
 * All formatters append to a strbuf. Dates in the same style: date.h. */
#ifndef SMR_KOREAN_H
#define SMR_KOREAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "config.h"
#include "model.h"
#include "strbuf.h"
#include "utf8.h"

/* ---- numbers and money ---- */
void kfmt_group(strbuf *b, int64_t v);            /* 1234567 → "1,234,567"; negative "-1,234" */
void kfmt_money(strbuf *b, won_t v);              /* exact to 만 원: "98억 7654만 원"; under 1만: "5,000원" */
void kfmt_money_approx(strbuf *b, won_t v);       /* "약 100억 원": ≥1억 rounded to 억, else to 만 ("약 3,500만 원") */
void kfmt_in_unit(strbuf *b, won_t v, display_unit u); /* table cell: rounded half-up to the unit, grouped */
void kfmt_count(strbuf *b, int64_t v, const char *counter); /* (48, "개 사") → "48개 사" */
void kfmt_percent(strbuf *b, double ratio, int decimals);  /* (0.1234, 1) → "12.3%"; RATE_NONE → "-" */

/* ---- particles ----
 * The one list of particles (조사): X(form after a consonant, form after a
 * vowel, whether a final ㄹ takes the vowel form). kparticle knows exactly
 * these; the template language offers each form as a filter ({{ x | 이면 }})
 * and by name in josa:"이면"; docs/templates.md lists them (test_template
 * checks the doc against this list). */
#define KPARTICLES(X)                                                                             \
    X("은", "는", false)                                                                          \
    X("이", "가", false)                                                                          \
    X("을", "를", false)                                                                          \
    X("과", "와", false)                                                                          \
    X("으로", "로", true)                                                                         \
    X("이다", "다", false)                                                                        \
    X("이며", "며", false)                                                                        \
    X("이고", "고", false)                                                                        \
    X("이나", "나", false)                                                                        \
    X("이라", "라", false)                                                                        \
    X("이라고", "라고", false)                                                                    \
    X("이란", "란", false)                                                                        \
    X("으로서", "로서", true)                                                                     \
    X("으로써", "로써", true)                                                                     \
    X("이면", "면", false)                                                                        \
    X("이에요", "예요", false)                                                                    \
    X("아", "야", false)

/* `form` names the particle by either of its forms: "은" or "는" or "은/는",
 * likewise 이/가, 을/를, 과/와, 으로/로, 이다/다(예: 이며/며). Returns the
 * form that agrees with the last pronounceable character of word[0..len):
 * a Hangul syllable by its final consonant (ㄹ takes 로), a digit by its
 * Korean reading (1 일, 3 삼, 10 십 ...), a Latin letter by its English name,
 * and anything closing (")", "」", quotes, spaces) skipped to the character
 * before it. Returns NULL if form is not a known particle. */
const char *kparticle(const char *word, size_t len, const char *form);

/* ---- line breaking ----
 * measure(ctx, s, n) returns the width of s[0..n) in the caller's units.
 * Returns how many bytes of s[0..len) go on a line of `width`; *next gets
 * where the next line starts (spaces at the break skipped). Breaks after the
 * last space that fits; if a single word is wider than the line, between two
 * characters; never before . , ) ’ ” · 」 』 nor after ( ‘ “ 「 『; never
 * inside a UTF-8 character. Always returns at least one character when len > 0. */
typedef double (*kwrap_measure)(void *ctx, const char *s, size_t n);
size_t kwrap_next(const char *s, size_t len, double width, kwrap_measure measure, void *ctx,
                  size_t *next);
/* kwrap_next for a paragraph's lines (width this line's, width_next the
 * later lines'): when the rest after this line would be the last line and
 * narrower than runt (a runt: "제외" alone under a full line), this line ends
 * one word earlier, at a space kwrap_next could break at, if it still fills
 * half its width and the rest then fits one line. runt <= 0: kwrap_next. */
size_t kwrap_line(const char *s, size_t len, double width, double width_next, double runt,
                  kwrap_measure measure, void *ctx, size_t *next);
/* mark[i] = 1 for each space of s[0..len) at which kwrap_next may break a
 * line (not inside a figure, no 금칙 on either side), else 0: the spaces a
 * justified line widens ("2026. 9. 30." and "약 22억 원" stay set tight). */
void kwrap_breakable_spaces(const char *s, size_t len, unsigned char *mark);
/* Appends s[0..len) to b with every space that kwrap_next keeps inside a
 * figure ("약 22억 원", "98억 7654만 원", "48개 사", "2026. 9. 30.") or a list
 * label ("④ 수출바우처") written as
 * a no-break space (U+00A0), the rest unchanged: for a document whose reader
 * breaks its lines itself (the HWPX, where it becomes 한글's 묶음 빈칸). */
void kbind_figures(strbuf *b, const char *s, size_t len);

#endif
