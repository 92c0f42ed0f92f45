/* hindex.c — growing the hash index (hindex.h). Lookups and inserts are
 * inline in the header: they run once per input row. Growth doubles the
 * capacity (64 slots at first) and re-places every slot by the hash its user
 * gives back, so a table never stores more than it needs per slot. */
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "hindex.h"

void hindex_grow(hindex *t, hindex_rehash rehash, const void *ctx)
{
    hindex grown = {.slot = NULL, .cap = t->cap ? t->cap * 2 : 64, .n = 0};
    grown.slot = xcalloc(grown.cap, sizeof *grown.slot);
    for (size_t i = 0; i < t->cap; i++)
        if (t->slot[i])
            hindex_put(&grown, rehash(t->slot[i], ctx), t->slot[i]);
    free(t->slot);
    *t = grown;
}

void hindex_free(hindex *t)
{
    if (!t)
        return;
    free(t->slot);
    memset(t, 0, sizeof *t);
}
