/* common.h — small shared definitions: STATIC for unit tests, array sizes,
 * printf attributes, the "no rate" value, and the checked allocators used
 * everywhere.
 *
 * The x* allocators never return NULL: on exhaustion they print one message
 * and exit with EXIT_INTERNAL, because a batch report generator has no useful
 * way to continue without memory. */
#ifndef SMR_COMMON_H
#define SMR_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/* File-local functions are visible to unit tests built with -DTESTING (and
 * to the fuzz harnesses, -DFUZZING). */
#if defined(TESTING) || defined(FUZZING)
#define STATIC
#else
#define STATIC static
#endif

/* For parsers that explain a failure through `const char **why`: sets *why
 * (when why is not NULL) and returns false. */
#define RETURN_WHY(msg)                                                                            \
    do {                                                                                           \
        if (why)                                                                                   \
            *why = (msg);                                                                          \
        return false;                                                                              \
    } while (0)

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#define NO_INDEX UINT32_MAX
/* A rate whose denominator is zero or absent (aggregate.h); printed as "-".
 * Below anything a rate can be: ratios of counts or amounts are >= 0, and a
 * change (figures_change) is >= -1, which an amount falling to 0 reaches
 * exactly (-100 %, a real 감소: -1.0 was this sentinel until 2026-12-01, so
 * such a fall read as "no earlier figure"). */
#define RATE_NONE (-2.0)

void *xmalloc(size_t n);
/* What the x* allocators do on exhaustion (also for memory a library could
 * not get): one message, exit EXIT_INTERNAL. n is the size asked for. */
_Noreturn void xoom(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grows *p (of *cap elements of size elem) to hold at least need elements. */
void xgrow(void **p, size_t *cap, size_t need, size_t elem);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Milliseconds on the monotonic clock, for the timings printed with -v. */
double now_ms(void);
/* Formatted string in a fresh malloc'd buffer; caller frees. */
char *xasprintf(const char *fmt, ...) PRINTF_LIKE(1, 2);
/* v with grouping commas, into buf: 1234567 → "1,234,567", -1234 → "-1,234".
 * Returns buf. The one digit grouping of every layer (counts in messages,
 * amounts; korean.c's kfmt_group for the documents). */
#define GROUPED_MAX 27 /* "-9,223,372,036,854,775,808" and its NUL */
const char *fmt_grouped(char buf[GROUPED_MAX], int64_t v);
/* The name among names[0..n) (NULLs skipped) that s is most likely a typo
 * of: the nearest by edit distance (a character added, dropped or changed,
 * or two neighbours swapped; characters, not bytes: 서울특별 is one from
 * 서울특별시), when that is at most max_edits (0: one edit per three
 * characters of s, at least one) and no other name is as near. A
 * name that differs only in its digits is another name ("contact7" is no
 * typo of "contact1"). NULL when none is that near, or s equals one of
 * them. For "did you mean" hints. */
const char *near_name(const char *s, const char *const *names, size_t n, size_t max_edits);
/* Edit distance with swaps of neighbours (optimal string alignment) of a
 * and b in characters (서울특별 is one from 서울특별시), up to NAME_MAX_LEN
 * characters each (longer: SIZE_MAX). near_name's measure. */
#define NAME_MAX_LEN 64
size_t edit_distance(const char *a, const char *b);
/* The code points of s (a byte that is no UTF-8 counts as one) into
 * cp[0..NAME_MAX_LEN): their number, or SIZE_MAX when s has more. */
size_t code_points(const char *s, uint32_t *cp);

#endif
