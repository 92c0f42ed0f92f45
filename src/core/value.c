/* value.c — the value tree behind figures.json and the release templates.
 *
 * Every node, key and string lives in the caller's arena (or outlives it:
 * val_str_ref, val_append's keys, the shared static nodes of null, false,
 * true and the integers 0 to 4095); nothing here is freed on its own. Lists and maps are
 * growable arrays of node pointers in one block (a map's keys follow its
 * items in the same block), so insertion order is the order of output; a
 * builder that knows its count reserves the block exactly (val_list_n,
 * val_map_n) instead of doubling. A map made like another (val_map_like)
 * points at that map's keys while its own keys are the same, in the same
 * order: the thousands of maps of one kind store their keys once. Maps are small (tens of keys), so lookup
 * is a linear scan; setting an existing key replaces its value in place and
 * keeps its position.
 *
 * The JSON writer escapes '"', '\\' and every control character below 0x20
 * (named escapes where JSON has them, \u00XX otherwise) and passes other
 * UTF-8 bytes through. Integers print exactly; reals print with the fewest
 * digits (up to 17) that read back to the same double, always with a '.' or
 * an exponent so they stay reals; NaN and infinities, which JSON lacks, print
 * as null. printf/strtod run in the C locale: this program never calls
 * setlocale, so the decimal point is always '.'. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "value.h"

/* A container's block: cap item pointers, then (maps) cap key pointers
 * unless the first nshared keys are another map's (val_map_like). */
struct val_body {
    uint32_t cap;
    uint32_t nshared;
    const char **keys; /* maps only */
    value *items[];
};

/* The shared immutable nodes (never written: every setter checks the type
 * of the container it is given, and these are not containers). */
static value null_node = {.type = VAL_NULL};
static value false_node = {.type = VAL_BOOL, .u.b = false};
static value true_node = {.type = VAL_BOOL, .u.b = true};

/* The integers 0 .. SMALL_INTS-1 (counts, years, ranks in small sets) as
 * static nodes, made by the compiler. */
#define SMALL_INTS 4096
#define I1(n) {.type = VAL_INT, .u.i = (n)}
#define I4(n) I1(n), I1((n) + 1), I1((n) + 2), I1((n) + 3)
#define I16(n) I4(n), I4((n) + 4), I4((n) + 8), I4((n) + 12)
#define I64(n) I16(n), I16((n) + 16), I16((n) + 32), I16((n) + 48)
#define I256(n) I64(n), I64((n) + 64), I64((n) + 128), I64((n) + 192)
#define I1024(n) I256(n), I256((n) + 256), I256((n) + 512), I256((n) + 768)
static value small_ints[SMALL_INTS] = {I1024(0), I1024(1024), I1024(2048), I1024(3072)};

static value *node(arena *a, val_type t)
{
    value *v = arena_calloc(a, sizeof *v);
    v->type = t;
    return v;
}

value *val_null(arena *a) { return &null_node; }

value *val_bool(arena *a, bool b) { return b ? &true_node : &false_node; }

value *val_int(arena *a, int64_t i)
{
    if (i >= 0 && i < SMALL_INTS)
        return &small_ints[i];
    value *v = node(a, VAL_INT);
    v->u.i = i;
    return v;
}

value *val_real(arena *a, double r)
{
    value *v = node(a, VAL_REAL);
    v->u.r = r;
    return v;
}

value *val_str_ref(arena *a, const char *s)
{
    if (!s)
        return val_null(a);
    value *v = node(a, VAL_STR);
    v->u.s = s;
    return v;
}

value *val_str(arena *a, const char *s)
{
    return s ? val_str_ref(a, arena_strdup(a, s)) : val_null(a);
}

/* A block for cap items of c (and keys if c is a map), holding c's items
 * and keys. */
static void reserve(arena *a, value *c, uint32_t cap)
{
    bool map = c->type == VAL_MAP;
    size_t per = map ? 2 * sizeof(void *) : sizeof(void *);
    val_body *b = arena_alloc(a, sizeof *b + (size_t)cap * per);
    b->cap = cap;
    b->nshared = 0;
    b->keys = map ? (const char **)(b->items + cap) : NULL;
    if (c->n) {
        memcpy(b->items, c->u.c->items, c->n * sizeof *b->items);
        if (map)
            memcpy(b->keys, c->u.c->keys, c->n * sizeof *b->keys);
    }
    c->u.c = b;
}

static value *container(arena *a, val_type t, uint32_t cap)
{
    value *v = node(a, t);
    if (cap)
        reserve(a, v, cap);
    return v;
}

value *val_list(arena *a) { return container(a, VAL_LIST, 0); }
value *val_map(arena *a) { return container(a, VAL_MAP, 0); }
value *val_list_n(arena *a, uint32_t cap) { return container(a, VAL_LIST, cap); }
value *val_map_n(arena *a, uint32_t cap) { return container(a, VAL_MAP, cap); }

value *val_map_like(arena *a, const value *proto, uint32_t cap)
{
    if (!proto || proto->type != VAL_MAP || proto->n == 0)
        return val_map_n(a, cap);
    if (cap < proto->n)
        cap = proto->n;
    value *v = node(a, VAL_MAP);
    val_body *b = arena_alloc(a, sizeof *b + (size_t)cap * sizeof *b->items);
    b->cap = cap;
    b->nshared = proto->n;
    b->keys = proto->u.c->keys;
    v->u.c = b;
    return v;
}

/* Room for one more item; a full block is replaced by one twice its size
 * (the old block is left in the arena). */
static void grow(arena *a, value *c)
{
    uint32_t cap = c->u.c ? (uint32_t)c->u.c->cap : 0;
    if (c->n < cap)
        return;
    reserve(a, c, cap ? cap * 2 : 4);
}

void val_push(arena *a, value *list, value *item)
{
    if (!list || list->type != VAL_LIST)
        return;
    grow(a, list);
    list->u.c->items[list->n++] = item ? item : val_null(a);
}

/* Appends key → v to map (key copied into the arena if copy). A map that
 * shares its keys stores nothing while they match; at the first other key
 * it takes a copy of the keys so far. */
static void append(arena *a, value *map, const char *key, value *v, bool copy)
{
    grow(a, map);
    val_body *b = map->u.c;
    uint32_t k = map->n;
    if (k < b->nshared && (b->keys[k] == key || strcmp(b->keys[k], key) == 0)) {
        b->items[map->n++] = v ? v : val_null(a);
        return;
    }
    if (b->nshared) {
        const char **own = arena_alloc(a, (size_t)b->cap * sizeof *own);
        memcpy(own, b->keys, k * sizeof *own);
        b->keys = own;
        b->nshared = 0;
    }
    b->keys[k] = copy ? arena_strdup(a, key) : key;
    b->items[map->n++] = v ? v : val_null(a);
}

void val_set(arena *a, value *map, const char *key, value *v)
{
    if (!map || map->type != VAL_MAP)
        return;
    for (uint32_t k = 0; k < map->n; k++) {
        if (strcmp(map->u.c->keys[k], key) == 0) {
            map->u.c->items[k] = v ? v : val_null(a);
            return;
        }
    }
    append(a, map, key, v, true);
}

void val_append(arena *a, value *map, const char *key, value *v)
{
    if (!map || map->type != VAL_MAP)
        return;
    append(a, map, key, v, false);
}

void val_set_int(arena *a, value *map, const char *key, int64_t i) { val_set(a, map, key, val_int(a, i)); }
void val_set_real(arena *a, value *map, const char *key, double r) { val_set(a, map, key, val_real(a, r)); }
void val_set_str(arena *a, value *map, const char *key, const char *s) { val_set(a, map, key, val_str(a, s)); }
void val_set_bool(arena *a, value *map, const char *key, bool b) { val_set(a, map, key, val_bool(a, b)); }

const value *val_getn(const value *map, const char *key, size_t len)
{
    if (!map || map->type != VAL_MAP)
        return NULL;
    for (uint32_t k = 0; k < map->n; k++) {
        const char *mk = map->u.c->keys[k];
        if (strncmp(mk, key, len) == 0 && mk[len] == '\0')
            return map->u.c->items[k];
    }
    return NULL;
}

const value *val_get(const value *map, const char *key)
{
    return val_getn(map, key, strlen(key));
}

uint32_t val_len(const value *v)
{
    return v && (v->type == VAL_LIST || v->type == VAL_MAP) ? v->n : 0;
}

const value *val_at(const value *list, uint32_t i)
{
    return i < val_len(list) ? list->u.c->items[i] : NULL;
}

const char *val_key(const value *map, uint32_t i)
{
    return map && map->type == VAL_MAP && i < map->n ? map->u.c->keys[i] : NULL;
}

bool val_truthy(const value *v)
{
    if (!v)
        return false;
    switch (v->type) {
    case VAL_NULL: return false;
    case VAL_BOOL: return v->u.b;
    case VAL_INT: return v->u.i != 0;
    case VAL_REAL: return v->u.r != 0.0;
    case VAL_STR: return v->u.s[0] != '\0';
    case VAL_LIST:
    case VAL_MAP: return v->n != 0;
    }
    return false;
}

/* ---- JSON ---- */

STATIC void json_string(strbuf *out, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    sb_addc(out, '"');
    const char *run = s;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned char c = *p;
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        sb_addn(out, run, (size_t)((const char *)p - run));
        run = (const char *)p + 1;
        switch (c) {
        case '"': sb_adds(out, "\\\""); break;
        case '\\': sb_adds(out, "\\\\"); break;
        case '\n': sb_adds(out, "\\n"); break;
        case '\r': sb_adds(out, "\\r"); break;
        case '\t': sb_adds(out, "\\t"); break;
        case '\b': sb_adds(out, "\\b"); break;
        case '\f': sb_adds(out, "\\f"); break;
        default: {
            char e[7] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0};
            sb_adds(out, e);
        }
        }
    }
    sb_adds(out, run);
    sb_addc(out, '"');
}

/* Shortest "%.*g" (15..17 digits) that reads back to r, kept a real. */
STATIC void json_real(strbuf *out, double r)
{
    if (!isfinite(r)) {
        sb_adds(out, "null");
        return;
    }
    char buf[40];
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, r);
        if (strtod(buf, NULL) == r)
            break;
    }
    sb_adds(out, buf);
    if (!strpbrk(buf, ".eEn"))
        sb_adds(out, ".0");
}

static void indent(strbuf *out, int depth)
{
    static const char spaces[] = "                                                                ";
    size_t n = (size_t)depth * 2;
    while (n > sizeof spaces - 1) {
        sb_addn(out, spaces, sizeof spaces - 1);
        n -= sizeof spaces - 1;
    }
    sb_addn(out, spaces, n);
}

/* Exact decimal of an int64 (printf is several times slower on big trees). */
static void json_int(strbuf *out, int64_t i)
{
    char buf[24];
    char *p = buf + sizeof buf;
    uint64_t m = i < 0 ? (uint64_t)0 - (uint64_t)i : (uint64_t)i;
    do {
        *--p = (char)('0' + m % 10);
        m /= 10;
    } while (m);
    if (i < 0)
        *--p = '-';
    sb_addn(out, p, (size_t)(buf + sizeof buf - p));
}

/* Where a long text goes while it is made (val_to_json_file): every
 * JSON_FLUSH bytes written out and the buffer emptied, so a 450 MB
 * figures.json (100,000 projects) never sits in memory whole. */
#define JSON_FLUSH ((size_t)1 << 20)
typedef struct json_sink {
    FILE *f; /* NULL: everything stays in the buffer */
    bool failed;
} json_sink;

static void json_flush(strbuf *out, json_sink *sink)
{
    if (!sink->f || out->len == 0)
        return;
    if (!sink->failed && fwrite(out->s, 1, out->len, sink->f) != out->len)
        sink->failed = true;
    sb_reset(out);
}

static void to_json(const value *v, strbuf *out, int depth, json_sink *sink)
{
    if (!v) {
        sb_adds(out, "null");
        return;
    }
    switch (v->type) {
    case VAL_NULL: sb_adds(out, "null"); break;
    case VAL_BOOL: sb_adds(out, v->u.b ? "true" : "false"); break;
    case VAL_INT: json_int(out, v->u.i); break;
    case VAL_REAL: json_real(out, v->u.r); break;
    case VAL_STR: json_string(out, v->u.s); break;
    case VAL_LIST:
    case VAL_MAP: {
        bool map = v->type == VAL_MAP;
        if (v->n == 0) {
            sb_adds(out, map ? "{}" : "[]");
            break;
        }
        sb_addc(out, map ? '{' : '[');
        for (uint32_t k = 0; k < v->n; k++) {
            sb_adds(out, k ? ",\n" : "\n");
            indent(out, depth + 1);
            if (map) {
                json_string(out, v->u.c->keys[k]);
                sb_addn(out, ": ", 2);
            }
            to_json(v->u.c->items[k], out, depth + 1, sink);
            if (out->len >= JSON_FLUSH)
                json_flush(out, sink);
        }
        sb_addc(out, '\n');
        indent(out, depth);
        sb_addc(out, map ? '}' : ']');
        break;
    }
    }
}

void val_to_json(const value *v, strbuf *out)
{
    json_sink none = {NULL, false};
    to_json(v, out, 0, &none);
    sb_addc(out, '\n');
}

bool val_to_json_file(const value *v, FILE *f)
{
    strbuf b = {0};
    json_sink sink = {f, false};
    to_json(v, &b, 0, &sink);
    sb_addc(&b, '\n');
    json_flush(&b, &sink);
    sb_free(&b);
    return !sink.failed;
}
