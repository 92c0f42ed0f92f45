/* util.c — checked allocation (x*), formatted strings (with the one digit
 * grouping, fmt_grouped), the monotonic clock of the -v timings, and the
 * strbuf string builder. Allocation failure ends the
 * run with EXIT_INTERNAL: there is no partial report worth keeping, and the
 * staging directory is removed by stage.c's atexit handler. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common.h"
#include "diag.h"
#include "exitcodes.h"
#include "strbuf.h"
#include "utf8.h"

void xoom(size_t n)
{
    msg_error("out of memory (allocating %zu bytes)", n);
    exit(EXIT_INTERNAL);
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        xoom(n);
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        xoom(n * size);
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        xoom(n);
    return q;
}

void xgrow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return;
    size_t c = *cap ? *cap : 8;
    while (c < need) {
        if (c > SIZE_MAX / 2 / elem)
            xoom(SIZE_MAX);
        c *= 2;
    }
    *p = xrealloc(*p, c * elem);
    *cap = c;
}

double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *xasprintf(const char *fmt, ...)
{
    strbuf b = {0};
    va_list ap;
    va_start(ap, fmt);
    sb_vaddf(&b, fmt, ap);
    va_end(ap);
    return sb_take(&b);
}

const char *fmt_grouped(char buf[GROUPED_MAX], int64_t v)
{
    char digits[20];
    uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    int n = 0, k = 0;
    do {
        digits[n++] = (char)('0' + m % 10);
        m /= 10;
    } while (m);
    if (v < 0)
        buf[k++] = '-';
    for (int i = n - 1; i >= 0; i--) {
        buf[k++] = digits[i];
        if (i && i % 3 == 0)
            buf[k++] = ',';
    }
    buf[k] = '\0';
    return buf;
}

void sb_grow(strbuf *b, size_t need)
{
    if (need > b->cap) {
        size_t c = b->cap ? b->cap : 64;
        while (c < need)
            c *= 2;
        b->s = xrealloc(b->s, c);
        b->cap = c;
    }
}

void sb_adds(strbuf *b, const char *s)
{
    sb_addn(b, s, strlen(s));
}

void sb_vaddf(strbuf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    char tmp[256];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    if (n < 0) {
        va_end(ap2);
        return;
    }
    if ((size_t)n < sizeof tmp) {
        sb_addn(b, tmp, (size_t)n);
    } else {
        sb_grow(b, b->len + (size_t)n + 1);
        vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap2);
        b->len += (size_t)n;
    }
    va_end(ap2);
}

void sb_addf(strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sb_vaddf(b, fmt, ap);
    va_end(ap);
}

void sb_free(strbuf *b)
{
    if (!b)
        return;
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}

char *sb_take(strbuf *b)
{
    char *s = b->s ? b->s : xstrdup("");
    b->s = NULL;
    b->len = b->cap = 0;
    return s;
}

size_t code_points(const char *s, uint32_t *cp)
{
    size_t n = 0, len = strlen(s);
    for (size_t i = 0; i < len; n++) {
        if (n == NAME_MAX_LEN)
            return SIZE_MAX;
        size_t k = utf8_decode(s + i, len - i, &cp[n]);
        if (!k) {
            cp[n] = (unsigned char)s[i];
            k = 1;
        }
        i += k;
    }
    return n;
}

size_t edit_distance(const char *sa, const char *sb)
{
    uint32_t a[NAME_MAX_LEN], b[NAME_MAX_LEN];
    size_t na = code_points(sa, a), nb = code_points(sb, b);
    if (na == SIZE_MAX || nb == SIZE_MAX)
        return SIZE_MAX;
    size_t d[NAME_MAX_LEN + 1][NAME_MAX_LEN + 1];
    for (size_t i = 0; i <= na; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= nb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= na; i++)
        for (size_t j = 1; j <= nb; j++) {
            size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[na][nb];
}

/* a and b are the same but for their digits ("contact7", "contact1"). */
static bool same_but_digits(const char *a, const char *b)
{
    for (;; a++, b++) {
        while (*a >= '0' && *a <= '9')
            a++;
        while (*b >= '0' && *b <= '9')
            b++;
        if (*a != *b)
            return false;
        if (!*a)
            return true;
    }
}

const char *near_name(const char *s, const char *const *names, size_t n, size_t max_edits)
{
    uint32_t cp[NAME_MAX_LEN];
    size_t chars = code_points(s, cp);
    if (chars == SIZE_MAX)
        return NULL;
    size_t limit = max_edits ? max_edits : chars / 3 > 1 ? chars / 3 : 1, best = SIZE_MAX;
    const char *found = NULL;
    bool tie = false;
    for (size_t i = 0; i < n; i++) {
        if (!names[i] || (strcmp(s, names[i]) != 0 && same_but_digits(s, names[i])))
            continue; /* another number is another name, not a typo */
        size_t d = edit_distance(s, names[i]);
        if (d == 0)
            return NULL;
        if (d > limit || d > best)
            continue;
        tie = d == best && strcmp(found, names[i]) != 0;
        best = d;
        found = names[i];
    }
    return tie ? NULL : found;
}
