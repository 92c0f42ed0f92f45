/* strbuf.h — a growable NUL-terminated byte string. A zeroed strbuf is empty
 * and ready; sb_free() releases it (NULL-safe) and leaves it empty. */
#ifndef SMR_STRBUF_H
#define SMR_STRBUF_H

#include <stdarg.h>
#include <stddef.h>
#include "common.h"

typedef struct strbuf {
    char *s;      /* NULL until something is added; always NUL-terminated after */
    size_t len, cap;
} strbuf;

void sb_addn(strbuf *b, const char *s, size_t n);
void sb_adds(strbuf *b, const char *s);
void sb_addc(strbuf *b, char c);
void sb_addf(strbuf *b, const char *fmt, ...) PRINTF_LIKE(2, 3);
void sb_vaddf(strbuf *b, const char *fmt, va_list ap) PRINTF_LIKE(2, 0);
static inline const char *sb_str(const strbuf *b) { return b->s ? b->s : ""; }
static inline void sb_reset(strbuf *b) { b->len = 0; if (b->s) b->s[0] = '\0'; }
void sb_free(strbuf *b);
/* Hands the buffer to the caller (malloc'd, never NULL); b becomes empty. */
char *sb_take(strbuf *b);

#endif
