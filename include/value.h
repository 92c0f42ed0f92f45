/* value.h — a small tree of values (null, bool, integer, real, string, list,
 * map) built from the figures. It is the one data model behind both the JSON
 * output and the release templates, so a number reaches every document from
 * the same aggregation. Nodes live in an arena; maps keep insertion order.
 *
 * A node is 16 bytes: its type, a container's item count and one 8-byte
 * payload (a container's items, and a map's keys, sit in one arena block
 * behind u.c; maps of one kind can share their keys: val_map_like). Nodes
 * are never changed once made, so null, false, true and the integers 0 to
 * 4095 are shared static nodes, and a builder may share one subtree between
 * several parents. */
#ifndef SMR_VALUE_H
#define SMR_VALUE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "arena.h"
#include "strbuf.h"

typedef enum { VAL_NULL, VAL_BOOL, VAL_INT, VAL_REAL, VAL_STR, VAL_LIST, VAL_MAP } val_type;

typedef struct value value;
typedef struct val_body val_body; /* a container's items (and a map's keys) */
struct value {
    val_type type;
    uint32_t n; /* lists and maps: number of items */
    union {
        bool b;
        int64_t i;     /* integers and money in won */
        double r;      /* rates and shares (0.123 = 12.3%) */
        const char *s; /* UTF-8, arena-owned or outliving the tree (val_str_ref) */
        val_body *c;   /* lists and maps: NULL until the first item */
    } u;
};

value *val_null(arena *a);
value *val_bool(arena *a, bool b);
value *val_int(arena *a, int64_t i);
value *val_real(arena *a, double r);
value *val_str(arena *a, const char *s);   /* copies s */
/* A string node that points at s without copying it: s must outlive the
 * tree (a string literal, or text shared by many nodes of one tree). */
value *val_str_ref(arena *a, const char *s);
value *val_list(arena *a);
value *val_map(arena *a);
/* The same with room for exactly cap items: a builder that knows its count
 * wastes no space on growth (a container grows by doubling past cap, and
 * the outgrown block stays in the arena until it is freed). */
value *val_list_n(arena *a, uint32_t cap);
value *val_map_n(arena *a, uint32_t cap);
/* A map with room for cap items (at least proto's count) that shares
 * proto's keys: as long as it is given proto's keys in proto's order it
 * stores none of its own (at the first other key it copies them). proto
 * (NULL: a plain val_map_n) must keep its first keys, as every map does. */
value *val_map_like(arena *a, const value *proto, uint32_t cap);
void val_push(arena *a, value *list, value *item);
/* Sets key (copied) in map; a second set of the same key replaces the value. */
void val_set(arena *a, value *map, const char *key, value *v);
/* Appends key → v without looking for an existing key and without copying
 * key, which must outlive the tree (a string literal). For builders that set
 * each key once; faster than val_set on large trees. */
void val_append(arena *a, value *map, const char *key, value *v);
/* Convenience setters. */
void val_set_int(arena *a, value *map, const char *key, int64_t i);
void val_set_real(arena *a, value *map, const char *key, double r);
void val_set_str(arena *a, value *map, const char *key, const char *s); /* NULL → null */
void val_set_bool(arena *a, value *map, const char *key, bool b);

const value *val_get(const value *map, const char *key);              /* NULL if absent */
const value *val_getn(const value *map, const char *key, size_t len);
uint32_t val_len(const value *v);                                      /* list/map size, else 0 */
const value *val_at(const value *list, uint32_t i);                   /* item i of a list or map */
const char *val_key(const value *map, uint32_t i);                    /* key i of a map, else NULL */
bool val_truthy(const value *v); /* null, false, 0, "", empty list/map are false */

/* JSON text (UTF-8, keys in insertion order, 2-space indent, trailing newline). */
void val_to_json(const value *v, strbuf *out);
/* The same text written to f as it is made, a megabyte at a time (memory
 * does not grow with the tree's text). False when a write failed. */
bool val_to_json_file(const value *v, FILE *f);

#endif
