/* hindex.h — the program's one hash table: an index of 64-bit slots with
 * open addressing and linear probing (hindex.c, core).
 *
 * A slot holds whatever its user packs into 64 bits, never 0 (0 is empty):
 * an index with part of its key's hash, a short key with its index, or a key
 * alone. The user hashes its keys (a 64-bit hash; the home slot is taken
 * from its high 32 bits) and compares while probing:
 *
 *     if (t->cap)
 *         for (size_t i = hindex_home(t, h); t->slot[i]; i = hindex_next(t, i))
 *             if (<slot i holds the key>) return ...;
 *
 * and adds a slot it has checked is absent with hindex_reserve + hindex_put.
 * The capacity is a power of two; hindex_reserve doubles it when one more
 * slot would pass the load the user chose, rehashing every slot through the
 * user's function (the slot alone, or the key it points to, gives the hash
 * back). A zeroed hindex is empty and ready; hindex_free releases it. */
#ifndef SMR_HINDEX_H
#define SMR_HINDEX_H

#include <stddef.h>
#include <stdint.h>

typedef struct hindex {
    uint64_t *slot; /* [cap]; 0 = empty */
    size_t cap, n;  /* cap is 0 or a power of two */
} hindex;

/* The full hash of the key a slot holds. */
typedef uint64_t (*hindex_rehash)(uint64_t slot, const void *ctx);

static inline size_t hindex_home(const hindex *t, uint64_t h) { return (size_t)(h >> 32) & (t->cap - 1); }
static inline size_t hindex_next(const hindex *t, size_t i) { return (i + 1) & (t->cap - 1); }

/* Doubles the capacity (64 slots at first), re-placing every slot. */
void hindex_grow(hindex *t, hindex_rehash rehash, const void *ctx);

/* Makes room for one more slot keeping the load at most quarters/4 (2 = half
 * full, 3 = three quarters). */
static inline void hindex_reserve(hindex *t, unsigned quarters, hindex_rehash rehash, const void *ctx)
{
    if ((t->n + 1) * 4 > t->cap * quarters)
        hindex_grow(t, rehash, ctx);
}

/* Puts v (not 0) into the first empty slot from h's home; the caller has
 * checked that its key is absent and called hindex_reserve. */
static inline void hindex_put(hindex *t, uint64_t h, uint64_t v)
{
    size_t i = hindex_home(t, h);
    while (t->slot[i])
        i = hindex_next(t, i);
    t->slot[i] = v;
    t->n++;
}

void hindex_free(hindex *t); /* NULL-safe; leaves it empty */

#endif
