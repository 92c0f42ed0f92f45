/* pdf_objstm.c — libharu's PDF 1.3 file as PDF 1.5 with an object stream
 * and a cross-reference stream (pdf_objstm.h).
 *
 * The input is read through its own cross-reference table: each object is
 * the text from its offset to the next object's (or to the table), and must
 * read "N 0 obj" ... "endobj". One that ends in "endstream" is a stream: it
 * stays at the top level, copied as it is (a stream cannot be in an object
 * stream; its /Length may be, and is). The others, in object-number order,
 * become the object stream's contents: a header of "number offset" pairs,
 * then each object's text. The cross-reference stream (ISO 32000-1, 7.5.8)
 * has three fields an entry: the type (0 free, 1 at a file offset, 2 in the
 * object stream), the offset or the object stream's number (as few bytes as
 * the largest needs), and the generation or the index in the object stream
 * (two bytes: object 0 is free with generation 65535). Its dictionary takes
 * the trailer's entries but /Size. Both streams are deflated like every
 * other (pdf_zlib). */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "pdf_deflate.h"
#include "pdf_objstm.h"

typedef struct pobj {
    size_t off;      /* of "N 0 obj" in the input; 0 for a free entry */
    size_t body;     /* first byte after "obj" and its end of line */
    size_t body_end; /* the "endobj" keyword */
    bool stream;
} pobj;

static bool is_ws(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* A decimal number at *p (< e), at most 19 digits; moves *p past it. */
static bool read_uint(const char **p, const char *e, size_t *v)
{
    const char *s = *p;
    size_t x = 0;
    int n = 0;
    while (s < e && is_digit(*s) && n < 19) {
        x = x * 10 + (size_t)(*s++ - '0');
        n++;
    }
    if (n == 0 || (s < e && is_digit(*s)))
        return false;
    *p = s;
    *v = x;
    return true;
}

static void skip_ws(const char **p, const char *e)
{
    while (*p < e && is_ws(**p))
        (*p)++;
}

/* True when [s, e) ends with the keyword kw, after trailing white space;
 * *at is then where the keyword starts. */
static bool ends_with_kw(const char *s, const char *e, const char *kw, const char **at)
{
    while (e > s && is_ws(e[-1]))
        e--;
    size_t n = strlen(kw);
    if ((size_t)(e - s) < n || memcmp(e - n, kw, n) != 0)
        return false;
    *at = e - n;
    return true;
}

/* The cross-reference table at xref: one section from object 0 of *count
 * entries; fills objs[i].off for the objects in use. Returns a pointer past
 * the table (at "trailer"), NULL when the table is not of that shape. */
static const char *read_table(const char *pdf, size_t len, size_t xref, pobj **objs, size_t *count)
{
    const char *p = pdf + xref, *e = pdf + len;
    size_t first, n;
    if ((size_t)(e - p) < 4 || memcmp(p, "xref", 4) != 0)
        return NULL;
    p += 4;
    skip_ws(&p, e);
    if (!read_uint(&p, e, &first) || first != 0)
        return NULL;
    skip_ws(&p, e);
    if (!read_uint(&p, e, &n) || n == 0 || n > (size_t)(e - p) / 20)
        return NULL;
    while (p < e && (*p == ' ' || *p == '\r' || *p == '\n'))
        p++;
    pobj *o = xcalloc(n, sizeof *o);
    for (size_t i = 0; i < n; i++, p += 20) {
        const char *q = p;
        size_t off, gen;
        if ((size_t)(e - p) < 20 || !read_uint(&q, p + 10, &off) || q != p + 10 || p[10] != ' ' ||
            (q = p + 11, !read_uint(&q, p + 16, &gen)) || q != p + 16 || p[16] != ' ' ||
            (p[17] != 'n' && p[17] != 'f')) {
            free(o);
            return NULL;
        }
        if (p[17] == 'n') {
            if (i == 0 || gen != 0 || off >= xref) {
                free(o);
                return NULL;
            }
            o[i].off = off;
        } else if (i != 0 && gen != 0) {
            free(o);
            return NULL;
        }
    }
    *objs = o;
    *count = n;
    return p;
}

static int cmp_off(const void *a, const void *b)
{
    const pobj *x = *(pobj *const *)a, *y = *(pobj *const *)b;
    return x->off < y->off ? -1 : x->off > y->off;
}

/* Each object in use: its text must be "<i> 0 obj" ... "endobj", ending
 * where the next object (by offset) or the table begins. */
static bool read_objects(const char *pdf, size_t xref, pobj *o, size_t n)
{
    pobj **by = xcalloc(n, sizeof *by);
    size_t m = 0;
    for (size_t i = 1; i < n; i++)
        if (o[i].off)
            by[m++] = &o[i];
    qsort(by, m, sizeof *by, cmp_off);
    bool ok = true;
    for (size_t k = 0; k < m && ok; k++) {
        pobj *b = by[k];
        size_t end = k + 1 < m ? by[k + 1]->off : xref;
        const char *p = pdf + b->off, *e = pdf + end;
        size_t num, gen;
        ok = k == 0 || b->off > by[k - 1]->off;
        if (ok) {
            ok = read_uint(&p, e, &num) && num == (size_t)(b - o) && p < e && *p == ' ';
            p++;
        }
        if (ok) {
            ok = read_uint(&p, e, &gen) && gen == 0 && (size_t)(e - p) > 4 && memcmp(p, " obj", 4) == 0;
            p += 4;
        }
        const char *kw = NULL, *st = NULL;
        if (ok) {
            while (p < e && (*p == '\r' || *p == '\n' || *p == ' '))
                p++;
            b->body = (size_t)(p - pdf);
            ok = ends_with_kw(p, e, "endobj", &kw);
        }
        if (ok) {
            b->body_end = (size_t)(kw - pdf);
            b->stream = ends_with_kw(p, kw, "endstream", &st);
        }
    }
    free(by);
    return ok;
}

/* Where the rewritten file goes: put() and the count of bytes put so far
 * (the offsets of the cross-reference stream); a failed put ends the
 * writing. */
typedef struct sink {
    bool (*put)(void *arg, const void *p, size_t n);
    void *arg;
    uint64_t at;
    bool ok;
} sink;

static void emit(sink *o, const void *p, size_t n)
{
    if (o->ok && n)
        o->ok = o->put(o->arg, p, n);
    o->at += n;
}

static void emit_s(sink *o, const char *s)
{
    emit(o, s, strlen(s));
}

/* Bytes that hold v, at least 1. */
static int width_of(uint64_t v)
{
    int w = 1;
    while (w < 8 && (v >> (8 * w)) != 0)
        w++;
    return w;
}

static void put_be(strbuf *b, uint64_t v, int w)
{
    for (int i = w - 1; i >= 0; i--)
        sb_addc(b, (char)(v >> (8 * i) & 0xFF));
}

/* Puts the object's head (its number and dictionary entries), the deflated
 * data with /Filter and /Length, and "endstream endobj"; false if deflate
 * fails. */
static bool put_stream(sink *out, const char *dict_head, const char *data, size_t n)
{
    size_t zn = 0;
    char *z = pdf_zlib(data, n, &zn);
    if (!z)
        return false;
    char tail[96];
    snprintf(tail, sizeof tail, "/Filter /FlateDecode\n/Length %zu\n>>\nstream\n", zn);
    emit_s(out, dict_head);
    emit_s(out, tail);
    emit(out, z, zn);
    emit_s(out, "\nendstream\nendobj\n");
    free(z);
    return true;
}

/* The trailer's entries but /Size, one per line as libharu writes them,
 * into keys; false for /Prev or /Encrypt (a file this does not handle) or
 * without /Root. */
static bool trailer_keys(const char *p, const char *e, strbuf *keys)
{
    skip_ws(&p, e);
    if ((size_t)(e - p) < 7 || memcmp(p, "trailer", 7) != 0)
        return false;
    p += 7;
    skip_ws(&p, e);
    if ((size_t)(e - p) < 2 || memcmp(p, "<<", 2) != 0)
        return false;
    p += 2;
    bool root = false;
    for (;;) {
        skip_ws(&p, e);
        if (p >= e)
            return false;
        if ((size_t)(e - p) >= 2 && memcmp(p, ">>", 2) == 0)
            break;
        if (*p != '/')
            return false;
        const char *nl = memchr(p, '\n', (size_t)(e - p));
        const char *le = nl ? nl : e;
        size_t n = (size_t)(le - p);
        while (n > 0 && is_ws(p[n - 1]))
            n--;
        if (n >= 5 && !memcmp(p, "/Prev", 5))
            return false;
        if (n >= 8 && !memcmp(p, "/Encrypt", 8))
            return false;
        if (n >= 5 && !memcmp(p, "/Root", 5))
            root = true;
        if (!(n >= 5 && !memcmp(p, "/Size", 5) && is_ws(p[5]))) {
            sb_addn(keys, p, n);
            sb_addc(keys, '\n');
        }
        p = le;
    }
    return root;
}

bool pdf_objstm(const char *pdf, size_t len, bool (*put)(void *arg, const void *p, size_t n), void *arg)
{
    sink so = {put, arg, 0, true}, *out = &so;
    /* startxref <offset> %%EOF at the end */
    size_t tail = len < 64 ? len : 64;
    const char *sx = NULL;
    for (const char *s = pdf + len - tail; s + 9 <= pdf + len; s++)
        if (!memcmp(s, "startxref", 9))
            sx = s;
    if (len < 16 || memcmp(pdf, "%PDF-", 5) != 0 || !sx)
        return false;
    const char *p = sx + 9;
    size_t xref;
    skip_ws(&p, pdf + len);
    if (!read_uint(&p, pdf + len, &xref) || xref >= len)
        return false;
    pobj *o = NULL;
    size_t n = 0;
    const char *after = read_table(pdf, len, xref, &o, &n);
    strbuf keys = {0};
    bool ok = after && read_objects(pdf, xref, o, n) && trailer_keys(after, sx, &keys);
    size_t first_obj = xref;
    for (size_t i = 1; ok && i < n; i++)
        if (o[i].off && o[i].off < first_obj)
            first_obj = o[i].off;
    const char *eol = ok ? memchr(pdf, '\n', first_obj) : NULL;
    if (!eol) {
        free(o);
        sb_free(&keys);
        return false;
    }

    /* The header, then the streams where they were, in number order. */
    uint64_t *at = xcalloc(n + 2, sizeof *at); /* type 1: offset; type 2: index */
    uint8_t *type = xcalloc(n + 2, 1);
    emit_s(out, "%PDF-1.5\n");
    emit(out, eol + 1, (size_t)(pdf + first_obj - (eol + 1))); /* the binary comment */
    size_t packed = 0;
    for (size_t i = 1; i < n; i++) {
        if (!o[i].off)
            continue;
        if (!o[i].stream) {
            type[i] = 2;
            at[i] = packed++;
            continue;
        }
        type[i] = 1;
        at[i] = out->at;
        emit(out, pdf + o[i].off, o[i].body_end - o[i].off);
        emit_s(out, "endobj\n");
    }

    /* The object stream: "number offset" pairs, then the objects. */
    size_t objstm = n, xrefstm = n + 1;
    if (packed) {
        strbuf head = {0}, bodies = {0};
        for (size_t i = 1; i < n; i++) {
            if (type[i] != 2)
                continue;
            sb_addf(&head, "%zu %zu\n", i, bodies.len);
            sb_addn(&bodies, pdf + o[i].body, o[i].body_end - o[i].body);
        }
        sb_addn(&head, bodies.s, bodies.len);
        char dict[160];
        snprintf(dict, sizeof dict, "%zu 0 obj\n<<\n/Type /ObjStm\n/N %zu\n/First %zu\n", objstm,
                 packed, head.len - bodies.len);
        type[objstm] = 1;
        at[objstm] = out->at;
        ok = put_stream(out, dict, head.s, head.len);
        sb_free(&head);
        sb_free(&bodies);
    }

    /* The cross-reference stream, then startxref. */
    if (ok) {
        uint64_t xpos = out->at;
        type[xrefstm] = 1;
        at[xrefstm] = xpos;
        int w2 = width_of(xpos > objstm ? xpos : objstm);
        int w3 = width_of(packed > 0xFFFF ? packed : 0xFFFF);
        strbuf rows = {0};
        for (size_t i = 0; i < n + 2; i++) {
            sb_addc(&rows, (char)type[i]);
            put_be(&rows, type[i] == 2 ? objstm : type[i] == 1 ? at[i] : 0, w2);
            put_be(&rows, type[i] == 2 ? at[i] : i == 0 ? 0xFFFF : 0, w3);
        }
        strbuf dict = {0};
        sb_addf(&dict, "%zu 0 obj\n<<\n/Type /XRef\n/Size %zu\n/W [ 1 %d %d ]\n", xrefstm, n + 2, w2,
                w3);
        sb_addn(&dict, keys.s, keys.len);
        ok = put_stream(out, sb_str(&dict), rows.s, rows.len);
        if (ok) {
            char end[48];
            snprintf(end, sizeof end, "startxref\n%" PRIu64 "\n%%%%EOF\n", xpos);
            emit_s(out, end);
        }
        sb_free(&rows);
        sb_free(&dict);
    }
    free(at);
    free(type);
    free(o);
    sb_free(&keys);
    return ok && so.ok;
}
