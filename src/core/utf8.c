/* utf8.c — UTF-8 decoding, checking and cleaning, and display width.
 *
 * Pure functions of their arguments, shared by every layer: the text
 * formatters, the summary tables, the workbook's column widths and safe file
 * names all measure and decode through this one module. Display width
 * follows the East Asian Width property where it matters here: Hangul
 * syllables, CJK and full-width forms are two columns, combining marks,
 * Hangul jungseong/jongseong jamo and zero-width characters none.
 *
 * safe_file_name turns IDs from the input (which may hold "../", "/", NUL
 * bytes, newlines) into file names that cannot leave the run directory. */
#include <string.h>

#include "utf8.h"

size_t utf8_decode_any(const char *s, size_t len, uint32_t *cp)
{
    if (len == 0)
        return 0;
    const unsigned char *u = (const unsigned char *)s;
    unsigned char c = u[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t n;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2, v = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3, v = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4, v = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (len < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((u[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (u[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

bool utf8_valid(const char *s, size_t len)
{
    size_t i = 0;
    uint32_t cp;
    while (i < len) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = utf8_decode(s + i, len - i, &cp);
        if (!n)
            return false;
        i += n;
    }
    return true;
}

/* True when none of the 8 bytes at p is a control (below 0x20) or above
 * 0x7F: printable ASCII only. (w - 0x20..) & ~w has bit 7 set in the first
 * byte below 0x20, if any. */
static inline bool printable8(const char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return !((w | ((w - 0x2020202020202020ull) & ~w)) & 0x8080808080808080ull);
}

void utf8_clean(strbuf *out, const char *s, size_t len)
{
    size_t i = 0, run = 0; /* s[run..i) is clean and not yet copied */
    uint32_t cp;
    while (i < len) {
        while (i + 8 <= len && printable8(s + i)) /* markup is mostly ASCII: 8 bytes a step */
            i += 8;
        if (i >= len)
            break;
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x80) {
            i++;
            continue;
        }
        if (c < 0x20) {
            if (c == '\n' || c == '\t') {
                i++;
                continue;
            }
            sb_addn(out, s + run, i - run);
            run = ++i;
            continue;
        }
        size_t n = utf8_decode(s + i, len - i, &cp);
        if (n && cp <= 0xFFFF) {
            i += n;
            continue;
        }
        sb_addn(out, s + run, i - run);
        sb_addc(out, '?');
        i += n ? n : 1;
        run = i;
    }
    sb_addn(out, s + run, i - run);
}

int cp_width(uint32_t cp)
{
    if (cp == 0)
        return 0;
    if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1160 && cp <= 0x11FF) ||
        (cp >= 0x200B && cp <= 0x200F) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
        (cp >= 0xD7B0 && cp <= 0xD7FF))
        return 0;
    if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
        (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
        (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
        (cp >= 0xA960 && cp <= 0xA97F) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
        (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
        (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) ||
        (cp >= 0x20000 && cp <= 0x3FFFD))
        return 2;
    return 1;
}

int utf8_width(const char *s, size_t len)
{
    int w = 0;
    size_t i = 0;
    uint32_t cp;
    while (i < len) {
        size_t n = utf8_decode(s + i, len - i, &cp);
        if (!n) { /* an invalid byte shows as one replacement column */
            w++;
            i++;
            continue;
        }
        w += cp_width(cp);
        i += n;
    }
    return w;
}

void utf8_trim(const char **s, size_t *len)
{
    const char *p = *s;
    size_t n = *len;
    /* Most values neither start nor end with anything that could be trimmed:
     * a space or tab, or the first byte of U+00A0 / U+3000 at the start
     * (C2, E3), their last (A0, 80) at the end. */
    if (n) {
        unsigned char a = (unsigned char)p[0], z = (unsigned char)p[n - 1];
        if (a != ' ' && a != '\t' && a != 0xC2 && a != 0xE3 && z != ' ' && z != '\t' &&
            z != 0xA0 && z != 0x80)
            return;
    }
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

void safe_file_name(const char *id, char *out, size_t outlen)
{
    size_t cap = outlen < 200 ? outlen : 200; /* well under NAME_MAX (255 bytes) */
    size_t o = 0, len = strlen(id);
    for (size_t i = 0; i < len && o + 5 < cap;) {
        unsigned char c = (unsigned char)id[i];
        if (c < 0x80) {
            bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '-' || c == '_' || c == '.';
            out[o++] = keep ? (char)c : '_';
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = utf8_decode(id + i, len - i, &cp);
        if (n == 0 || cp < 0xA0 || (cp >= 0x2000 && cp <= 0x206F) || cp == 0xFEFF) {
            /* Invalid bytes, C1 controls, and invisible or directional marks. */
            out[o++] = '_';
            i += n ? n : 1;
            continue;
        }
        memcpy(out + o, id + i, n);
        o += n;
        i += n;
    }
    out[o] = '\0';
    if (o == 0) {
        out[0] = '_';
        out[1] = '\0';
    } else if (out[0] == '.') {
        out[0] = '_'; /* no hidden files, no "." or ".." */
    }
}

const char *path_file_name(const char *path)
{
    if (!path)
        return "";
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* ---- Hangul composition (utf8.h) ---- */

#define JAMO_L0 0x1100u   /* leading consonants: 19 */
#define JAMO_V0 0x1161u   /* vowels: 21 */
#define JAMO_T0 0x11A7u   /* trailing consonants: 27, from JAMO_T0 + 1 */
#define HANGUL_S0 0xAC00u /* 가: 19 × 21 × 28 syllables from here */

/* The code point of the three-byte sequence at s[0..n), 0 if there is none. */
static uint32_t cp3_at(const char *s, size_t n)
{
    uint32_t cp;
    return n >= 3 && (unsigned char)s[0] >= 0xE0 && utf8_decode(s, n, &cp) == 3 ? cp : 0;
}

uint32_t utf8_hangul_compose_at(const char *s, size_t n, size_t *len)
{
    uint32_t a = cp3_at(s, n), syl;
    if (a >= JAMO_L0 && a < JAMO_L0 + 19) {
        uint32_t v = cp3_at(s + 3, n - 3);
        if (v < JAMO_V0 || v >= JAMO_V0 + 21)
            return 0;
        syl = HANGUL_S0 + ((a - JAMO_L0) * 21 + (v - JAMO_V0)) * 28;
        *len = 6;
    } else if (a >= HANGUL_S0 && a < HANGUL_S0 + 19 * 21 * 28 && (a - HANGUL_S0) % 28 == 0) {
        syl = a;
        *len = 3;
    } else {
        return 0;
    }
    uint32_t t = cp3_at(s + *len, n - *len);
    if (t > JAMO_T0 && t < JAMO_T0 + 28) {
        syl += t - JAMO_T0;
        *len += 3;
    } else if (*len == 3) {
        return 0; /* a precomposed syllable with nothing to add */
    }
    return syl;
}

bool utf8_hangul_compose(strbuf *out, const char *s, size_t n)
{
    bool any = false;
    size_t i = 0, from = 0, len;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        uint32_t syl = utf8_hangul_lead(c) ? utf8_hangul_compose_at(s + i, n - i, &len) : 0;
        if (!syl) {
            i++;
            continue;
        }
        sb_addn(out, s + from, i - from);
        utf8_add_cp(out, syl);
        i += len;
        from = i;
        any = true;
    }
    sb_addn(out, s + from, n - from);
    return any;
}

const char *utf8_hangul_composed(strbuf *tmp, const char *s, size_t *n)
{
    sb_reset(tmp);
    if (!memchr(s, 0xE1, *n) || !utf8_hangul_compose(tmp, s, *n))
        return s;
    *n = tmp->len;
    return sb_str(tmp); /* NUL-terminated, for a caller that needs it */
}
