/* value.h — a small tree of values (null, bool, integer, real, string, list,
 * map) built from the figures. It is the one data model behind both the JSON
 * output and the release templates, so a number reaches every document from
 * the same aggregation. Nodes live in an arena; maps keep insertion order. */
#ifndef SMR_VALUE_H
#define SMR_VALUE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "arena.h"
#include "strbuf.h"

typedef enum { VAL_NULL, VAL_BOOL, VAL_INT, VAL_REAL, VAL_STR, VAL_LIST, VAL_MAP } val_type;

typedef struct value value;
struct value {
    val_type type;
    union {
        bool b;
        int64_t i;     /* integers and money in won */
        double r;      /* rates and shares (0.123 = 12.3%) */
        const char *s; /* arena-owned UTF-8 */
        struct {
            value **items;
            const char **keys; /* maps only */
            uint32_t n, cap;
        } c;
    } u;
};

value *val_null(arena *a);
value *val_bool(arena *a, bool b);
value *val_int(arena *a, int64_t i);
value *val_real(arena *a, double r);
value *val_str(arena *a, const char *s);   /* copies s */
value *val_list(arena *a);
value *val_map(arena *a);
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
const value *val_at(const value *list, uint32_t i);
bool val_truthy(const value *v); /* null, false, 0, "", empty list/map are false */

/* JSON text (UTF-8, keys in insertion order, 2-space indent, trailing newline). */
void val_to_json(const value *v, strbuf *out);
/* The same text written to f as it is made, a megabyte at a time (memory
 * does not grow with the tree's text). False when a write failed. */
bool val_to_json_file(const value *v, FILE *f);

#endif
