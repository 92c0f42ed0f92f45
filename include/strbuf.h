/* strbuf.h — a growable NUL-terminated byte string. A zeroed strbuf is empty
 * and ready; sb_free() releases it (NULL-safe) and leaves it empty. */
#ifndef SMR_STRBUF_H
#define SMR_STRBUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include "common.h"

typedef struct strbuf {
    char *s;      /* NULL until something is added; always NUL-terminated after */
    size_t len, cap;
} strbuf;

/* Makes room for need bytes in all (the NUL included): the slow path of
 * the adds below, which are inline because the writers call them per
 * token or byte. */
void sb_grow(strbuf *b, size_t need);
static inline void sb_addn(strbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap)
        sb_grow(b, b->len + n + 1);
    if (n) /* s may be NULL when n is 0 (an empty strbuf's s); memcpy must not see it */
        memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}
void sb_adds(strbuf *b, const char *s);
static inline void sb_addc(strbuf *b, char c)
{
    if (b->len + 2 > b->cap)
        sb_grow(b, b->len + 2);
    b->s[b->len++] = c;
    b->s[b->len] = '\0';
}
void sb_addf(strbuf *b, const char *fmt, ...) PRINTF_LIKE(2, 3);
void sb_vaddf(strbuf *b, const char *fmt, va_list ap) PRINTF_LIKE(2, 0);
static inline const char *sb_str(const strbuf *b) { return b->s ? b->s : ""; }
static inline void sb_reset(strbuf *b) { b->len = 0; if (b->s) b->s[0] = '\0'; }
void sb_free(strbuf *b);
/* Hands the buffer to the caller (malloc'd, never NULL); b becomes empty. */
char *sb_take(strbuf *b);

#endif
