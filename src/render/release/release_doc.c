/* release_doc.c — release markup → the format-neutral block list (release_doc.h).
 *
 * One pass over the lines. Outside a block each line becomes a block at once
 * (title, subtitle, paragraph, space, attachment, group, page break) or
 * changes the document (@header, @title's metadata, a pending @unit or
 * @caption). A
 * line opening a block (@box, @table, @chart, @contacts) starts collecting:
 * the lines up to @end (or the end of the markup) are kept as spans of the
 * markup and turned into the block when it closes — box lines into child
 * paragraphs, the others into a table whose cells are unescaped copies in
 * the document's arena. What the formats must agree on is decided here:
 * cell splitting and "\|", numeric columns, total rows, chart values, which
 * table a @unit note belongs to. Blocks are gathered in a growing malloc'd
 * array and copied into the arena when the document is complete. */
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "release_doc.h"

typedef struct span {
    const char *s;
    size_t n;
} span;

static span trim(span l)
{
    while (l.n && (l.s[0] == ' ' || l.s[0] == '\t')) {
        l.s++;
        l.n--;
    }
    while (l.n && (l.s[l.n - 1] == ' ' || l.s[l.n - 1] == '\t' || l.s[l.n - 1] == '\r'))
        l.n--;
    return l;
}

static span after(span l, size_t k)
{
    return trim((span){l.s + k, l.n - k});
}

static bool starts(span l, const char *prefix)
{
    size_t k = strlen(prefix);
    return l.n >= k && memcmp(l.s, prefix, k) == 0;
}

/* A directive: "@name" followed by a space or the end of the line. */
static bool is_dir(span l, const char *name, span *arg)
{
    size_t k = strlen(name);
    if (l.n < k || memcmp(l.s, name, k) != 0 || (l.n > k && l.s[k] != ' '))
        return false;
    if (arg)
        *arg = after(l, k);
    return true;
}

/* A growing array of n elements of size elem (malloc'd). */
typedef struct vec {
    void *p;
    size_t n, cap;
} vec;

static void *vec_push(vec *v, size_t elem)
{
    if (v->n == v->cap)
        xgrow(&v->p, &v->cap, v->n + 1, elem);
    return (char *)v->p + v->n++ * elem;
}

/* Copies v's elements into the arena and frees v. */
static void *vec_settle(arena *a, vec *v, size_t elem)
{
    void *out = arena_alloc(a, (v->n ? v->n : 1) * elem);
    if (v->n)
        memcpy(out, v->p, v->n * elem);
    free(v->p);
    *v = (vec){0};
    return out;
}

/* Splits "| a | b \| c |" (or "a | b" after @table) into trimmed cells,
 * arena copies with "\|" made "|"; appends them to cells (const char *). */
static size_t split_cells(arena *a, span l, vec *cells)
{
    size_t before = cells->n;
    l = trim(l);
    if (l.n && l.s[0] == '|') {
        l.s++;
        l.n--;
    }
    if (l.n && l.s[l.n - 1] == '|' && !(l.n >= 2 && l.s[l.n - 2] == '\\'))
        l.n--;
    char *buf = arena_alloc(a, l.n + 1);
    size_t k = 0;
    for (size_t i = 0; i <= l.n; i++) {
        if (i < l.n && l.s[i] == '\\' && i + 1 < l.n && l.s[i + 1] == '|') {
            buf[k++] = '|';
            i++;
            continue;
        }
        if (i == l.n || l.s[i] == '|') {
            span c = trim((span){buf, k});
            *(const char **)vec_push(cells, sizeof(const char *)) = arena_strndup(a, c.s, c.n);
            k = 0;
            continue;
        }
        buf[k++] = l.s[i];
    }
    return cells->n - before;
}

/* Digits with grouping commas, a decimal point, a sign, %, parentheses and
 * spaces; or a lone dash. */
static bool numeric_cell(const char *s)
{
    bool digit = false;
    if (s[0] == '-' && s[1] == '\0')
        return true;
    for (; *s; s++) {
        char ch = *s;
        if (!strncmp(s, "\xE2\x96\xB3", 3)) { /* △: a decrease, as official tables write it */
            s += 2;
            continue;
        }
        if (ch >= '0' && ch <= '9')
            digit = true;
        else if (!(ch == ',' || ch == '.' || ch == '%' || ch == '-' || ch == '+' || ch == ' ' ||
                   ch == '(' || ch == ')'))
            return false;
    }
    return digit;
}

static bool total_cell(const char *s)
{
    return !strcmp(s, "계") || !strcmp(s, "합계") || !strncmp(s, "총계", strlen("총계"));
}

/* ---------------------------------------------------------------- paragraphs */

static const struct {
    const char *marker;
    bool alone; /* also counts alone on its line */
    rdoc_pstyle style;
} markers[] = {
    {"□", true, RDOC_P_L1},   {"○", false, RDOC_P_L2},   {"ㅇ", false, RDOC_P_L2},
    {"-", false, RDOC_P_L3},  {"※", false, RDOC_P_NOTE}, {"*", false, RDOC_P_NOTE},
    {"■", false, RDOC_P_ITEM},
};

static rdoc_block para_block(arena *a, span l, unsigned line)
{
    rdoc_block b = {.kind = RDOC_PARA, .style = RDOC_P_PLAIN, .line = line};
    span text = l;
    for (size_t i = 0; i < ARRAY_LEN(markers); i++) {
        size_t k = strlen(markers[i].marker);
        if (starts(l, markers[i].marker) &&
            ((l.n > k && l.s[k] == ' ') || (l.n == k && markers[i].alone))) {
            b.style = markers[i].style;
            b.marker = markers[i].marker;
            text = after(l, k);
            break;
        }
    }
    b.text = arena_strndup(a, text.s, text.n);
    return b;
}

/* ---------------------------------------------------------------- tables */

/* Rows (spans) → rdoc_table; head = the @table line's cells or none. */
static rdoc_table make_table(arena *a, const span *rows, size_t nrows, const span *head,
                             bool chart)
{
    rdoc_table t = {0};
    vec cells = {0}, hcells = {0};
    size_t *rowlen = arena_alloc(a, (nrows ? nrows : 1) * sizeof *rowlen);
    for (size_t r = 0; r < nrows; r++) {
        rowlen[r] = split_cells(a, rows[r], &cells);
        if (rowlen[r] > t.ncols)
            t.ncols = rowlen[r];
    }
    size_t nh = head ? split_cells(a, *head, &hcells) : 0;
    if (nh > t.ncols)
        t.ncols = nh;
    size_t ncells = nrows * t.ncols;
    const char **flat = arena_alloc(a, (ncells ? ncells : 1) * sizeof *flat);
    const char *const *in = cells.p;
    for (size_t r = 0, at = 0; r < nrows; r++)
        for (size_t c = 0; c < t.ncols; c++)
            flat[r * t.ncols + c] = c < rowlen[r] ? in[at++] : "";
    free(cells.p);
    if (head) {
        const char **h = arena_alloc(a, (t.ncols ? t.ncols : 1) * sizeof *h);
        for (size_t c = 0; c < t.ncols; c++)
            h[c] = c < nh ? ((const char *const *)hcells.p)[c] : "";
        t.head = h;
    }
    free(hcells.p);
    bool *numeric = arena_alloc(a, (t.ncols ? t.ncols : 1) * sizeof *numeric);
    for (size_t c = 0; c < t.ncols; c++) {
        bool num = true, any = false;
        for (size_t r = 0; r < nrows; r++) {
            const char *s = flat[r * t.ncols + c];
            if (c < rowlen[r] && *s) {
                any = true;
                num = num && numeric_cell(s);
            }
        }
        numeric[c] = num && any;
    }
    bool *total = arena_alloc(a, (nrows ? nrows : 1) * sizeof *total);
    for (size_t r = 0; r < nrows; r++)
        total[r] = total_cell(flat[r * t.ncols]);
    if (chart) {
        long long *value = arena_alloc(a, (nrows ? nrows : 1) * sizeof *value);
        for (size_t r = 0; r < nrows; r++) {
            value[r] = rowlen[r] > 1 ? strtoll(flat[r * t.ncols + 1], NULL, 10) : 0;
            if (value[r] < 0)
                value[r] = 0;
        }
        t.value = value;
        bool *hl = arena_alloc(a, (nrows ? nrows : 1) * sizeof *hl);
        for (size_t r = 0; r < nrows; r++)
            hl[r] = rowlen[r] > 3 && *flat[r * t.ncols + 3];
        t.highlight = hl;
    }
    t.nrows = nrows;
    t.cells = flat;
    t.rowlen = rowlen;
    t.numeric_col = numeric;
    t.total_row = total;
    return t;
}

/* ---------------------------------------------------------------- document */

typedef struct parser {
    rdoc *doc;
    vec blocks;        /* rdoc_block */
    const char *unit;  /* pending @unit note */
    const char *caption; /* pending @caption */
    rdoc_kind open;    /* the block being collected: RDOC_BOX ... RDOC_CONTACTS */
    bool collecting;
    span arg;          /* its directive's argument */
    unsigned line;     /* its directive's line */
    vec lines;         /* span: its lines */
    vec title;         /* char: the @title lines joined */
} parser;

static void push(parser *P, rdoc_block b)
{
    *(rdoc_block *)vec_push(&P->blocks, sizeof b) = b;
}

static void close_block(parser *P)
{
    arena *a = &P->doc->a;
    const span *lines = P->lines.p;
    size_t n = P->lines.n;
    rdoc_block b = {.kind = P->open, .line = P->line, .text = ""};
    if (P->open == RDOC_BOX) {
        rdoc_block *child = arena_alloc(a, (n ? n : 1) * sizeof *child);
        for (size_t i = 0; i < n; i++)
            child[i] = lines[i].n ? para_block(a, lines[i], P->line + 1 + (unsigned)i)
                                  : (rdoc_block){.kind = RDOC_SPACE, .text = "",
                                                 .line = P->line + 1 + (unsigned)i};
        b.text = arena_strndup(a, P->arg.s, P->arg.n);
        b.child = child;
        b.nchild = n;
    } else if (P->open == RDOC_TABLE) {
        b.table = make_table(a, lines, n, P->arg.n ? &P->arg : NULL, false);
        b.unit = P->unit;
        b.caption = P->caption;
        P->unit = NULL;
        P->caption = NULL;
    } else {
        b.table = make_table(a, lines, n, NULL, P->open == RDOC_CHART);
        if (P->open == RDOC_CHART)
            b.text = arena_strndup(a, P->arg.s, P->arg.n);
    }
    push(P, b);
    free(P->lines.p);
    P->lines = (vec){0};
    P->collecting = false;
}

/* A line inside an open block. */
static void collect_line(parser *P, span l)
{
    if (is_dir(l, "@end", NULL))
        close_block(P);
    else if (P->open == RDOC_BOX || l.n > 0)
        *(span *)vec_push(&P->lines, sizeof l) = l;
}

static void header_line(parser *P, span arg)
{
    vec cells = {0};
    size_t n = split_cells(&P->doc->a, arg, &cells);
    const char *const *c = cells.p;
    P->doc->embargo = c[0];
    if (n > 1)
        P->doc->distributed = c[1];
    free(cells.p);
}

static void attachment_line(parser *P, span arg, unsigned line)
{
    vec cells = {0};
    size_t n = split_cells(&P->doc->a, arg, &cells);
    const char *const *c = cells.p;
    push(P, (rdoc_block){.kind = RDOC_ATTACHMENT, .label = n >= 2 ? c[0] : "",
                         .text = n >= 2 ? c[1] : c[0], .line = line});
    free(cells.p);
}

static const struct {
    const char *name;
    rdoc_kind kind;
} openers[] = {
    {"@box", RDOC_BOX},
    {"@table", RDOC_TABLE},
    {"@chart", RDOC_CHART},
    {"@contacts", RDOC_CONTACTS},
};

/* A line outside any block. */
static void top_line(parser *P, span l, unsigned line)
{
    arena *a = &P->doc->a;
    span arg;
    if (l.n == 0) {
        push(P, (rdoc_block){.kind = RDOC_SPACE, .text = "", .line = line});
        return;
    }
    for (size_t i = 0; i < ARRAY_LEN(openers); i++) {
        if (is_dir(l, openers[i].name, &arg)) {
            P->collecting = true;
            P->open = openers[i].kind;
            P->arg = arg;
            P->line = line;
            return;
        }
    }
    if (is_dir(l, "@title", &arg)) {
        if (P->title.n)
            *(char *)vec_push(&P->title, 1) = ' ';
        for (size_t i = 0; i < arg.n; i++)
            *(char *)vec_push(&P->title, 1) = arg.s[i];
        push(P, (rdoc_block){.kind = RDOC_TITLE, .text = arena_strndup(a, arg.s, arg.n),
                             .line = line});
    } else if (is_dir(l, "@subtitle", &arg)) {
        push(P, (rdoc_block){.kind = RDOC_SUBTITLE, .text = arena_strndup(a, arg.s, arg.n),
                             .line = line});
    } else if (is_dir(l, "@header", &arg)) {
        header_line(P, arg);
    } else if (is_dir(l, "@end", NULL)) {
        /* stray: ignored */
    } else if (is_dir(l, "@unit", &arg)) {
        P->unit = arena_strndup(a, arg.s, arg.n);
    } else if (is_dir(l, "@caption", &arg)) {
        P->caption = arena_strndup(a, arg.s, arg.n);
    } else if (is_dir(l, "@attachment", &arg)) {
        attachment_line(P, arg, line);
    } else if (is_dir(l, "@group", &arg)) {
        push(P, (rdoc_block){.kind = RDOC_GROUP, .text = arena_strndup(a, arg.s, arg.n),
                             .line = line});
    } else if (is_dir(l, "@newpage", NULL)) {
        push(P, (rdoc_block){.kind = RDOC_PAGEBREAK, .text = "", .line = line});
    } else {
        push(P, para_block(a, l, line));
    }
}

bool rdoc_parse(rdoc *doc, const char *s, size_t len)
{
    *doc = (rdoc){0};
    parser P = {.doc = doc};
    unsigned line = 1;
    for (size_t pos = 0; pos < len; line++) {
        const char *nl = memchr(s + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - s) : len;
        span l = trim((span){s + pos, end - pos});
        pos = end + 1;
        if (P.collecting)
            collect_line(&P, l);
        else
            top_line(&P, l, line);
    }
    if (P.collecting) /* unterminated: the block ends with the markup */
        close_block(&P);
    doc->title = arena_strndup(&doc->a, P.title.p ? P.title.p : "", P.title.n);
    free(P.title.p);
    doc->nblock = P.blocks.n;
    doc->block = vec_settle(&doc->a, &P.blocks, sizeof(rdoc_block));
    return true;
}

void rdoc_free(rdoc *doc)
{
    if (!doc)
        return;
    arena_free(&doc->a);
    *doc = (rdoc){0};
}
