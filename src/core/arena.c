/* arena.c — bump allocation in 1 MiB chunks (larger requests get a chunk of
 * their own). Under AddressSanitizer every allocation is its own malloc, kept
 * on a list, so out-of-bounds access between objects is still caught. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "common.h"

#if defined(__SANITIZE_ADDRESS__)
#define ARENA_PER_OBJECT 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_PER_OBJECT 1
#endif
#endif

struct arena_chunk {
    arena_chunk *next;
    max_align_t align[]; /* payload */
};

#define CHUNK_SIZE ((size_t)1 << 20)

/* n bytes at the next multiple of align (a power of two, at most 8). */
static void *bump(arena *a, size_t n, size_t align)
{
    if (n == 0)
        n = 1;
    a->total += n;
#ifdef ARENA_PER_OBJECT
    (void)align;
    arena_chunk *c = xmalloc(sizeof *c + n);
    c->next = a->head;
    a->head = c;
    return c->align;
#else
    size_t pad = (size_t)(-(uintptr_t)a->cur & (align - 1));
    if (!a->cur || (size_t)(a->end - a->cur) < pad + n) {
        size_t size = n > CHUNK_SIZE / 4 ? n : CHUNK_SIZE;
        arena_chunk *c = xmalloc(sizeof *c + size);
        if (size == n && a->head) {
            /* Big block: link it behind the current chunk, keep bumping there. */
            c->next = a->head->next;
            a->head->next = c;
            return c->align;
        }
        c->next = a->head;
        a->head = c;
        a->cur = (char *)c->align;
        a->end = a->cur + size;
        pad = 0;
    }
    void *p = a->cur + pad;
    a->cur += pad + n;
    return p;
#endif
}

void *arena_alloc(arena *a, size_t n)
{
    return bump(a, n, 8);
}

void *arena_calloc(arena *a, size_t n)
{
    void *p = arena_alloc(a, n);
    memset(p, 0, n);
    return p;
}

/* Strings are packed byte by byte: an allocation's ID ("A0000001", 9 bytes)
 * took 16 aligned, 70 MB of a 10M-allocation run's peak. */
char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *p = bump(a, n + 1, 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

void arena_free(arena *a)
{
    if (!a)
        return;
    arena_chunk *c = a->head;
    while (c) {
        arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    memset(a, 0, sizeof *a);
}
