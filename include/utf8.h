/* utf8.h — UTF-8 decoding, checking and cleaning, and display width
 * (utf8.c in core: every layer may use it). */
#ifndef SMR_UTF8_H
#define SMR_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "strbuf.h"

/* Decodes one code point; returns its byte length, or 0 if s does not start
 * with a valid, shortest-form UTF-8 sequence (len 0 also returns 0).
 * ASCII and three-byte sequences (all of Hangul, CJK and the punctuation
 * the releases use: 「」□○…) are decoded here, in the caller; the rest by
 * utf8_decode_any (utf8.c). The layout measures and
 * writes text a code point at a time: out of line, the decode was ~4 % of
 * the sample's whole job. */
size_t utf8_decode_any(const char *s, size_t len, uint32_t *cp);
static inline size_t utf8_decode(const char *s, size_t len, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (len && u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    if (len >= 3 && (u[0] & 0xF0) == 0xE0 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
        uint32_t v = (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (uint32_t)(u[2] & 0x3F);
        if (v >= 0x800 && (v < 0xD800 || v > 0xDFFF)) { /* shortest form, not a surrogate */
            *cp = v;
            return 3;
        }
        return 0;
    }
    return utf8_decode_any(s, len, cp);
}
bool utf8_valid(const char *s, size_t len);
/* Appends the code point cp (at most U+FFFF: the text here never leaves the
 * BMP once cleaned) as UTF-8. */
static inline void utf8_add_cp(strbuf *out, uint32_t cp)
{
    char b[3];
    if (cp < 0x80) {
        sb_addc(out, (char)cp);
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | cp >> 6);
        b[1] = (char)(0x80 | (cp & 0x3F));
        sb_addn(out, b, 2);
    } else {
        b[0] = (char)(0xE0 | cp >> 12);
        b[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        sb_addn(out, b, 3);
    }
}
/* Appends s with every invalid byte replaced by '?', every code point outside
 * the BMP replaced by '?', and C0 controls other than \n and \t removed. */
void utf8_clean(strbuf *out, const char *s, size_t len);
/* Hangul written as conjoining jamo (decomposed, as macOS saves text that
 * passed through a file name): if a leading consonant U+1100..U+1112 and a
 * vowel U+1161..U+1175 start s[0..n), with a trailing consonant
 * U+11A8..U+11C2 after them, or a precomposed syllable without a trailing
 * consonant and then one, returns the syllable they compose to (Unicode's
 * canonical composition, The Unicode Standard 3.12: U+AC00 + (L × 21 + V) ×
 * 28 + T) and their byte length in *len; else 0. Jamo that make no modern
 * syllable (old Hangul ᆞ) compose to nothing. */
uint32_t utf8_hangul_compose_at(const char *s, size_t n, size_t *len);
/* Can a composable sequence start with byte c: the first byte of a jamo
 * (U+1100..U+11FF) or of a syllable (U+AC00..U+D7A3)? The test callers make
 * before utf8_hangul_compose_at. */
static inline bool utf8_hangul_lead(unsigned char c)
{
    return c == 0xE1 || (c >= 0xEA && c <= 0xED);
}
/* Appends s with every composable jamo sequence composed; true if any was. */
bool utf8_hangul_compose(strbuf *out, const char *s, size_t n);
/* s[0..*n) with its jamo composed: s itself when there is nothing to compose
 * (no byte E1: the common case costs one memchr), else the composed text in
 * tmp (reset first) with *n its length. */
const char *utf8_hangul_composed(strbuf *tmp, const char *s, size_t *n);
/* Display width of one code point: Hangul, CJK and full-width forms 2,
 * combining marks and zero-width characters 0, anything else 1. */
int cp_width(uint32_t cp);
/* Terminal display width of s: the sum of cp_width; an invalid byte counts 1. */
int utf8_width(const char *s, size_t len);
/* Narrows s[0..*len) past ASCII spaces and tabs, U+00A0 and U+3000 (which
 * Excel users paste) on both sides. */
void utf8_trim(const char **s, size_t *len);

/* Builds the file name for an ID: keeps Hangul, letters, digits, '-', '_' and
 * '.', maps anything else (path separators, control characters, spaces) to
 * '_', never yields "." or ".." or a leading '.', and caps the length.
 * out must hold at least 200 bytes. */
void safe_file_name(const char *id, char *out, size_t outlen);
/* The last component of a path ("/home/kim/input/firms.csv" → "firms.csv"):
 * what the documents name an input by, so they never show where it was read. */
const char *path_file_name(const char *path);

#endif
