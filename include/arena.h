/* arena.h — one bump allocator per batch run.
 *
 * Everything ingested (strings, rows) lives until the run ends and is freed at
 * once by arena_free(). Built with -fsanitize=address the arena falls back to
 * one malloc per allocation so that ASan still sees every block. */
#ifndef SMR_ARENA_H
#define SMR_ARENA_H

#include <stddef.h>

typedef struct arena_chunk arena_chunk;
typedef struct arena {
    arena_chunk *head;
    char *cur, *end;
    size_t total; /* bytes handed out, for statistics */
} arena;

/* A zeroed arena is ready to use. */
void *arena_alloc(arena *a, size_t n);        /* aligned to 8, not zeroed */
void *arena_calloc(arena *a, size_t n);       /* zeroed */
char *arena_strndup(arena *a, const char *s, size_t n); /* NUL-terminated copy, unaligned */
char *arena_strdup(arena *a, const char *s);
/* Frees every block; the arena is then empty and reusable. NULL-safe. */
void arena_free(arena *a);

#endif
