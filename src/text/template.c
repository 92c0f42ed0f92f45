/* template.c — the release template language (docs/templates.md).
 *
 * A template is parsed once into a tree of nodes (text, output, for, if) and
 * rendered any number of times against a value tree. Parsing happens in three
 * steps: the text is cut into tokens (plain text, {{ … }}, {% … %}, {# … #})
 * with the line and column of each; "standalone" lines — lines whose only
 * non-blank content is {% %} and {# #} tags — lose their indentation and their
 * newline, so block tags never leave blank lines behind; then the tokens are
 * nested into nodes by a small recursive-descent parser. Everything that can
 * be checked without data (tag syntax, nesting, filter names and arguments)
 * is checked at parse time; names are checked at render time, since they
 * depend on the model. Every problem is a diagnostic
 * `template:line:col: error: …` pointing at the offending token; parsing
 * continues after an error in a tag so that one run reports every mistake.
 *
 * Rendering keeps a stack of loop frames for `{% for %}` and resolves a
 * dotted path against the innermost loop variable, then `loop`, then the
 * root map. An absent key is an error ("unknown name"); a null value renders
 * as "" and is false. Each node reports at most one error per render, so a
 * mistake inside a loop over 500 firms is reported once. Filters turn the
 * value into text with the formatters of korean.h; particle filters then
 * append the agreeing 조사. Substituted text never contains a line break
 * (CR and LF become spaces), so data cannot inject markup lines. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "korean.h"
#include "template.h"

/* ------------------------------------------------------------ structures */

typedef struct seg {
    const char *s; /* points into the template's text copy */
    uint32_t n;
} seg;

typedef struct tpath {
    const char *text; /* whole dotted path, NUL-terminated, owned by the template */
    seg *segs;
    uint32_t nsegs;
} tpath;

typedef enum { OP_PATH, OP_STR, OP_INT } op_kind;

typedef struct operand {
    op_kind kind;
    tpath p;
    char *str;   /* OP_STR: unescaped literal */
    int64_t i;   /* OP_INT */
    uint32_t line, col;
} operand;

typedef enum {
    F_NUM, F_MONEY, F_APPROX, F_UNIT, F_COUNT, F_DATE, F_MD, F_FULLDATE, F_PCT, F_PCT0, F_PCT2,
    F_DEFAULT, F_JOIN, F_LENGTH, F_CELL, F_QUOTE, F_SIDO, F_JOSA, F_PARTICLE,
} filter_kind;

typedef enum { ARG_NONE, ARG_OPTIONAL_STR, ARG_STR } arg_need;

static const struct filter_def {
    const char *name;
    filter_kind kind;
    arg_need arg;
} filter_defs[] = {
    {"num", F_NUM, ARG_NONE},         {"money", F_MONEY, ARG_NONE},
    {"eok", F_APPROX, ARG_NONE},      {"approx", F_APPROX, ARG_NONE},
    {"unit", F_UNIT, ARG_NONE},       {"count", F_COUNT, ARG_STR},
    {"date", F_DATE, ARG_NONE},       {"md", F_MD, ARG_NONE},
    {"fulldate", F_FULLDATE, ARG_NONE}, {"pct", F_PCT, ARG_NONE},
    {"pct0", F_PCT0, ARG_NONE},       {"pct2", F_PCT2, ARG_NONE},
    {"default", F_DEFAULT, ARG_STR},  {"join", F_JOIN, ARG_OPTIONAL_STR},
    {"length", F_LENGTH, ARG_NONE},   {"cell", F_CELL, ARG_NONE},
    {"quote", F_QUOTE, ARG_NONE},     {"sido", F_SIDO, ARG_NONE},
    {"josa", F_JOSA, ARG_STR},
};

/* Particle filters: every form of every particle in korean.h's list. */
static const char *const particle_filters[] = {
#define PARTICLE_FILTER(cons, vowel, rieul) cons, vowel,
    KPARTICLES(PARTICLE_FILTER)
#undef PARTICLE_FILTER
};

typedef struct filter {
    filter_kind kind;
    const char *name; /* as written, for messages (static or template-owned) */
    bool has_arg;
    char *arg;        /* string argument (integer arguments are kept as text) */
    uint32_t line, col;
} filter;

typedef struct expr {
    operand op;
    filter *filters;
    uint32_t nfilters;
} expr;

typedef enum { C_TRUTHY, C_NOT, C_EQ, C_NE, C_GT, C_LT, C_GE, C_LE } cond_kind;

typedef struct cond {
    cond_kind kind;
    operand lhs, rhs;
} cond;

typedef struct node node;
typedef struct nodelist {
    node *v;
    size_t n, cap;
} nodelist;

typedef enum { N_TEXT, N_OUT, N_FOR, N_IF } node_kind;

typedef struct branch {
    cond c;
    nodelist body;
    bool is_else;
} branch;

struct node {
    node_kind kind;
    uint32_t id; /* for "report once per node" */
    uint32_t line, col;
    union {
        struct { const char *s; size_t n; } text;
        expr out;
        struct { char *var; operand list; nodelist body; } loop;
        struct { branch *b; size_t n, cap; } ifs;
    } u;
};

struct template {
    const char *name;
    char *text; /* owned copy; text nodes and segments point into it */
    size_t len;
    nodelist root;
    uint32_t nnodes;
    uint64_t max_iterations; /* per render: loop iterations in all */
    size_t max_output;       /* per render: bytes of output */
};

/* ---------------------------------------------------------------- tokens */

typedef enum { T_TEXT, T_VAR, T_BLOCK, T_COMMENT } tok_kind;

typedef struct token {
    tok_kind kind;
    size_t start, end;       /* whole token in text (delimiters included) */
    size_t istart, iend;     /* inner part for tags; for text, the part kept */
    uint32_t line, col;      /* of the token start */
    bool standalone;         /* tags: alone on their line */
} token;

typedef struct parser {
    template *t;
    diag_list *d;
    token *toks;
    size_t ntoks, cap, pos;
    bool failed;
    bool stop;      /* nesting too deep: the rest of the file is not parsed */
    unsigned depth; /* of {% for %} and {% if %} around the current token */
    /* position cache for line/col */
    size_t lc_off;
    uint32_t lc_line, lc_col;
} parser;

static void pos_of(parser *p, size_t off, uint32_t *line, uint32_t *col)
{
    if (off < p->lc_off) {
        p->lc_off = 0, p->lc_line = 1, p->lc_col = 1;
    }
    const char *s = p->t->text;
    for (size_t i = p->lc_off; i < off; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n')
            p->lc_line++, p->lc_col = 1;
        else if ((c & 0xC0) != 0x80)
            p->lc_col++;
    }
    p->lc_off = off;
    *line = p->lc_line, *col = p->lc_col;
}

static void perr(parser *p, size_t off, const char *fmt, ...) PRINTF_LIKE(3, 4);
static void perr(parser *p, size_t off, const char *fmt, ...)
{
    uint32_t line, col;
    pos_of(p, off, &line, &col);
    strbuf b = {0};
    va_list ap;
    va_start(ap, fmt);
    sb_vaddf(&b, fmt, ap);
    va_end(ap);
    diag_add(p->d, DIAG_ERROR, p->t->name, line, col, "%s", sb_str(&b));
    sb_free(&b);
    p->failed = true;
}

static void add_token(parser *p, tok_kind k, size_t start, size_t end, size_t is, size_t ie)
{
    xgrow((void **)&p->toks, &p->cap, p->ntoks + 1, sizeof *p->toks);
    token *t = &p->toks[p->ntoks++];
    *t = (token){.kind = k, .start = start, .end = end, .istart = is, .iend = ie};
    pos_of(p, start, &t->line, &t->col);
}

/* Cuts the text into tokens. An unclosed tag is an error; the rest of the
 * file is then taken as text. */
static void tokenize(parser *p)
{
    const char *s = p->t->text;
    size_t len = p->t->len, i = 0, text_start = 0;
    while (i + 1 < len) {
        if (s[i] != '{' || (s[i + 1] != '{' && s[i + 1] != '%' && s[i + 1] != '#')) {
            i++;
            continue;
        }
        char open = s[i + 1];
        const char *close = open == '{' ? "}}" : open == '%' ? "%}" : "#}";
        const char *end = NULL;
        for (size_t j = i + 2; j + 1 < len; j++) {
            if (s[j] == close[0] && s[j + 1] == close[1]) {
                end = s + j;
                break;
            }
            /* A string literal may hold "}}" or "{{" (on one line). */
            if (open != '#' && s[j] == '"') {
                size_t q = j + 1;
                while (q < len && s[q] != '"' && s[q] != '\n')
                    q += s[q] == '\\' && q + 1 < len && s[q + 1] != '\n' ? 2 : 1;
                if (q < len && s[q] == '"') {
                    j = q;
                    continue;
                }
            }
            /* A tag never spans an opening of another (except in comments). */
            if (open != '#' && s[j] == '{' && (s[j + 1] == '{' || s[j + 1] == '%'))
                break;
        }
        if (!end) {
            perr(p, i, "unclosed \"{%c\": no \"%s\" after it", open, close);
            i += 2;
            continue;
        }
        if (i > text_start)
            add_token(p, T_TEXT, text_start, i, text_start, i);
        size_t e = (size_t)(end - s) + 2;
        add_token(p, open == '{' ? T_VAR : open == '%' ? T_BLOCK : T_COMMENT, i, e, i + 2, e - 2);
        i = text_start = e;
    }
    if (len > text_start)
        add_token(p, T_TEXT, text_start, len, text_start, len);
}

static bool is_blank(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return false;
    return true;
}

/* Marks and trims standalone lines: a line whose content is only block tags,
 * comments and blanks produces no output (not even its newline). */
static void trim_standalone(parser *p)
{
    const char *s = p->t->text;
    for (size_t k = 0; k < p->ntoks; k++) {
        token *t = &p->toks[k];
        if (t->kind != T_BLOCK && t->kind != T_COMMENT)
            continue;
        bool ok = true;
        for (size_t j = k; ok && j-- > 0;) { /* back to the line start */
            token *u = &p->toks[j];
            if (u->kind == T_VAR)
                ok = false;
            else if (u->kind == T_TEXT) {
                const char *nl = memrchr(s + u->start, '\n', u->end - u->start);
                size_t from = nl ? (size_t)(nl - s) + 1 : u->start;
                if (!is_blank(s, from, u->end))
                    ok = false;
                if (nl)
                    break;
            }
        }
        for (size_t j = k + 1; ok && j < p->ntoks; j++) { /* on to the line end */
            token *u = &p->toks[j];
            if (u->kind == T_VAR)
                ok = false;
            else if (u->kind == T_TEXT) {
                const char *nl = memchr(s + u->start, '\n', u->end - u->start);
                size_t to = nl ? (size_t)(nl - s) : u->end;
                if (!is_blank(s, u->start, to))
                    ok = false;
                if (nl)
                    break;
            }
        }
        t->standalone = ok;
    }
    /* Apply: trim the blank start of the line before the first tag and the
     * blank rest (with its newline) after the last. */
    for (size_t k = 0; k < p->ntoks; k++) {
        token *t = &p->toks[k];
        if ((t->kind != T_BLOCK && t->kind != T_COMMENT) || !t->standalone)
            continue;
        if (k > 0 && p->toks[k - 1].kind == T_TEXT) {
            token *u = &p->toks[k - 1];
            const char *nl = memrchr(s + u->istart, '\n', u->iend - u->istart);
            u->iend = nl ? (size_t)(nl - s) + 1 : u->istart;
        }
        if (k + 1 < p->ntoks && p->toks[k + 1].kind == T_TEXT) {
            token *u = &p->toks[k + 1];
            const char *nl = memchr(s + u->istart, '\n', u->iend - u->istart);
            u->istart = nl ? (size_t)(nl - s) + 1 : u->iend;
        }
    }
}

/* ------------------------------------------------------ expression parser */

typedef struct lexer {
    parser *p;
    const char *s;
    size_t i, end;
} lexer;

static void skip_ws(lexer *x)
{
    while (x->i < x->end && (x->s[x->i] == ' ' || x->s[x->i] == '\t' || x->s[x->i] == '\n' ||
                             x->s[x->i] == '\r'))
        x->i++;
}

static bool ident_char(unsigned char c, bool first)
{
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80 ||
           (!first && c >= '0' && c <= '9');
}

/* Reads an identifier (ASCII letters, digits, '_' or any non-ASCII text such as 은). */
static bool read_ident(lexer *x, size_t *a, size_t *b)
{
    if (x->i >= x->end || !ident_char((unsigned char)x->s[x->i], true))
        return false;
    *a = x->i;
    while (x->i < x->end && ident_char((unsigned char)x->s[x->i], false))
        x->i++;
    *b = x->i;
    return true;
}

static bool read_path(lexer *x, tpath *out)
{
    size_t a, b, start = x->i;
    if (!read_ident(x, &a, &b))
        return false;
    seg *segs = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        xgrow((void **)&segs, &cap, n + 1, sizeof *segs);
        segs[n++] = (seg){x->s + a, (uint32_t)(b - a)};
        if (x->i + 1 < x->end && x->s[x->i] == '.' && ident_char((unsigned char)x->s[x->i + 1], false)) {
            x->i++;
            a = x->i;
            while (x->i < x->end && ident_char((unsigned char)x->s[x->i], false))
                x->i++;
            b = x->i;
            continue;
        }
        break;
    }
    out->segs = segs;
    out->nsegs = (uint32_t)n;
    out->text = xstrndup(x->s + start, x->i - start);
    return true;
}

/* "…" with \" and \\ escapes. */
static bool read_string(lexer *x, char **out)
{
    if (x->i >= x->end || x->s[x->i] != '"')
        return false;
    size_t start = x->i++;
    strbuf b = {0};
    while (x->i < x->end && x->s[x->i] != '"') {
        if (x->s[x->i] == '\\' && x->i + 1 < x->end)
            x->i++;
        sb_addc(&b, x->s[x->i++]);
    }
    if (x->i >= x->end) {
        perr(x->p, start, "unterminated string literal");
        sb_free(&b);
        return false;
    }
    x->i++;
    *out = sb_take(&b);
    return true;
}

/* 1: read an integer; 0: no integer here (nothing consumed); -1: error reported. */
static int read_int(lexer *x, int64_t *out)
{
    size_t a = x->i, i = a;
    if (i < x->end && x->s[i] == '-')
        i++;
    if (i >= x->end || x->s[i] < '0' || x->s[i] > '9')
        return 0;
    while (i < x->end && x->s[i] >= '0' && x->s[i] <= '9')
        i++;
    char buf[32];
    size_t n = i - a;
    x->i = i;
    if (n >= sizeof buf) {
        perr(x->p, a, "integer literal out of range");
        return -1;
    }
    memcpy(buf, x->s + a, n);
    buf[n] = '\0';
    errno = 0;
    long long v = strtoll(buf, NULL, 10);
    if (errno) {
        perr(x->p, a, "integer literal out of range");
        return -1;
    }
    *out = v;
    return 1;
}

static void pos_here(lexer *x, uint32_t *line, uint32_t *col) { pos_of(x->p, x->i, line, col); }

static bool read_operand(lexer *x, operand *op, const char *what)
{
    skip_ws(x);
    memset(op, 0, sizeof *op);
    pos_here(x, &op->line, &op->col);
    size_t at = x->i;
    if (x->i < x->end && x->s[x->i] == '"') {
        op->kind = OP_STR;
        return read_string(x, &op->str);
    }
    int ri = read_int(x, &op->i);
    if (ri) {
        op->kind = OP_INT;
        return ri > 0;
    }
    op->kind = OP_PATH;
    if (read_path(x, &op->p))
        return true;
    if (x->i >= x->end)
        perr(x->p, at, "expected %s", what);
    else
        perr(x->p, at, "expected %s, found \"%c\"", what, x->s[x->i]);
    return false;
}

static void operand_free(operand *op)
{
    free(op->str);
    free(op->p.segs);
    free((char *)op->p.text);
}

static const struct filter_def *find_filter(const char *name, size_t n)
{
    for (size_t i = 0; i < ARRAY_LEN(filter_defs); i++)
        if (strlen(filter_defs[i].name) == n && !memcmp(filter_defs[i].name, name, n))
            return &filter_defs[i];
    return NULL;
}

static const char *find_particle_filter(const char *name, size_t n)
{
    for (size_t i = 0; i < ARRAY_LEN(particle_filters); i++)
        if (strlen(particle_filters[i]) == n && !memcmp(particle_filters[i], name, n))
            return particle_filters[i];
    return NULL;
}

static void expr_free(expr *e)
{
    operand_free(&e->op);
    for (uint32_t i = 0; i < e->nfilters; i++)
        free(e->filters[i].arg);
    free(e->filters);
}

/* operand ( '|' filter [':' literal] )* up to the end of the tag. */
static bool parse_expr(lexer *x, expr *e)
{
    memset(e, 0, sizeof *e);
    if (!read_operand(x, &e->op, "a name or a literal"))
        return false;
    size_t cap = 0;
    for (;;) {
        skip_ws(x);
        if (x->i >= x->end)
            return true;
        if (x->s[x->i] != '|') {
            perr(x->p, x->i, "expected \"|\" or the end of the tag, found \"%c\"", x->s[x->i]);
            return false;
        }
        x->i++;
        skip_ws(x);
        filter f = {0};
        pos_here(x, &f.line, &f.col);
        size_t at = x->i, a, b;
        if (!read_ident(x, &a, &b)) {
            perr(x->p, at, "expected a filter name after \"|\"");
            return false;
        }
        const struct filter_def *def = find_filter(x->s + a, b - a);
        const char *particle = def ? NULL : find_particle_filter(x->s + a, b - a);
        if (!def && !particle) {
            perr(x->p, at, "unknown filter \"%.*s\"", (int)(b - a), x->s + a);
            return false;
        }
        f.kind = def ? def->kind : F_PARTICLE;
        f.name = def ? def->name : particle;
        skip_ws(x);
        if (x->i < x->end && x->s[x->i] == ':') {
            x->i++;
            skip_ws(x);
            size_t aat = x->i;
            int64_t iv;
            if (x->i < x->end && x->s[x->i] == '"') {
                if (!read_string(x, &f.arg))
                    return false;
            } else if (read_int(x, &iv) > 0) {
                f.arg = xasprintf("%lld", (long long)iv);
            } else {
                perr(x->p, aat, "expected a string or integer argument after \"%s:\"", f.name);
                return false;
            }
            f.has_arg = true;
            if (!def || def->arg == ARG_NONE) {
                perr(x->p, at, "filter \"%s\" takes no argument", f.name);
                free(f.arg);
                return false;
            }
        } else if (def && def->arg == ARG_STR) {
            perr(x->p, at, "filter \"%s\" needs an argument, e.g. %s:\"…\"", f.name, f.name);
            return false;
        }
        if (f.kind == F_JOSA && !kparticle("", 0, f.arg)) {
            perr(x->p, at, "josa:\"%s\" is not a known particle (e.g. josa:\"은/는\")", f.arg);
            free(f.arg);
            return false;
        }
        xgrow((void **)&e->filters, &cap, e->nfilters + 1, sizeof *e->filters);
        e->filters[e->nfilters++] = f;
    }
}

static bool parse_cond(lexer *x, cond *c)
{
    memset(c, 0, sizeof *c);
    skip_ws(x);
    size_t save = x->i, a, b;
    if (read_ident(x, &a, &b) && b - a == 3 && !memcmp(x->s + a, "not", 3) && x->i < x->end &&
        (x->s[x->i] == ' ' || x->s[x->i] == '\t')) {
        c->kind = C_NOT;
        if (!read_operand(x, &c->lhs, "a name after \"not\""))
            return false;
        skip_ws(x);
        if (x->i < x->end) { /* e.g. "not a or b": there is no or/and */
            perr(x->p, x->i, "unexpected \"%c\" after the condition", x->s[x->i]);
            return false;
        }
        return true;
    }
    x->i = save;
    if (!read_operand(x, &c->lhs, "a condition"))
        return false;
    skip_ws(x);
    if (x->i >= x->end) {
        c->kind = C_TRUTHY;
        return true;
    }
    static const struct { const char *op; cond_kind k; } ops[] = {
        {"==", C_EQ}, {"!=", C_NE}, {">=", C_GE}, {"<=", C_LE}, {">", C_GT}, {"<", C_LT},
    };
    for (size_t i = 0; i < ARRAY_LEN(ops); i++) {
        size_t n = strlen(ops[i].op);
        if (x->end - x->i >= n && !memcmp(x->s + x->i, ops[i].op, n)) {
            x->i += n;
            c->kind = ops[i].k;
            if (!read_operand(x, &c->rhs, "a value to compare with"))
                return false;
            skip_ws(x);
            if (x->i < x->end) {
                perr(x->p, x->i, "unexpected \"%c\" after the condition", x->s[x->i]);
                return false;
            }
            return true;
        }
    }
    perr(x->p, x->i, "expected ==, !=, >, <, >=, <= or the end of the tag, found \"%c\"", x->s[x->i]);
    return false;
}

static void cond_free(cond *c)
{
    operand_free(&c->lhs);
    operand_free(&c->rhs);
}

/* ------------------------------------------------------------ tree parser */

static void nodelist_free(nodelist *l);

static void node_free(node *n)
{
    switch (n->kind) {
    case N_TEXT:
        break;
    case N_OUT:
        expr_free(&n->u.out);
        break;
    case N_FOR:
        free(n->u.loop.var);
        operand_free(&n->u.loop.list);
        nodelist_free(&n->u.loop.body);
        break;
    case N_IF:
        for (size_t i = 0; i < n->u.ifs.n; i++) {
            cond_free(&n->u.ifs.b[i].c);
            nodelist_free(&n->u.ifs.b[i].body);
        }
        free(n->u.ifs.b);
        break;
    }
}

static void nodelist_free(nodelist *l)
{
    for (size_t i = 0; i < l->n; i++)
        node_free(&l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

static node *push_node(parser *p, nodelist *l, node_kind k, const token *t)
{
    xgrow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v);
    node *n = &l->v[l->n++];
    memset(n, 0, sizeof *n);
    n->kind = k;
    n->id = p->t->nnodes++;
    n->line = t->line, n->col = t->col;
    return n;
}

/* The tag word of a block token, and a lexer over the rest. */
static void block_word(parser *p, const token *t, lexer *x, size_t *a, size_t *b)
{
    *x = (lexer){.p = p, .s = p->t->text, .i = t->istart, .end = t->iend};
    skip_ws(x);
    if (!read_ident(x, a, b))
        *a = *b = x->i;
}

static bool word_is(const char *s, size_t a, size_t b, const char *w)
{
    return b - a == strlen(w) && !memcmp(s + a, w, b - a);
}

/* Parses tokens into l until a block tag named in `stops` (space-separated
 * words) or the end; returns the index of the stopping token, or ntoks. */
static size_t parse_list(parser *p, nodelist *l, const char *const *stops);

static void expect_end(parser *p, lexer *x, const char *tag)
{
    skip_ws(x);
    if (x->i < x->end)
        perr(p, x->i, "unexpected text after \"%s\"", tag);
}

static void parse_for(parser *p, nodelist *l, const token *t, lexer *x)
{
    node *n = push_node(p, l, N_FOR, t);
    size_t nodeidx = l->n - 1;
    size_t a, b;
    skip_ws(x);
    size_t at = x->i;
    bool ok = read_ident(x, &a, &b) && !word_is(x->s, a, b, "in");
    if (ok) {
        n->u.loop.var = xstrndup(x->s + a, b - a);
        skip_ws(x);
        size_t ia, ib, iat = x->i;
        if (!read_ident(x, &ia, &ib) || !word_is(x->s, ia, ib, "in")) {
            perr(p, iat, "expected \"in\" in \"for %s in LIST\"", n->u.loop.var);
            ok = false;
        } else if (read_operand(x, &n->u.loop.list, "a list name after \"in\"")) {
            if (n->u.loop.list.kind != OP_PATH) {
                perr(p, at, "\"for\" needs a list name after \"in\"");
                ok = false;
            } else {
                expect_end(p, x, "for");
            }
        }
    } else {
        perr(p, at, "expected a variable name after \"for\"");
    }
    (void)ok;
    static const char *const stops[] = {"endfor", NULL};
    nodelist body = {0};
    size_t k = parse_list(p, &body, stops);
    n = &l->v[nodeidx]; /* l may not move, but be safe */
    n->u.loop.body = body;
    if (k >= p->ntoks) {
        if (!p->stop)
            perr(p, t->start, "unclosed \"for\": no \"endfor\" before the end of the file");
    } else
        p->pos = k + 1;
}

static void parse_if(parser *p, nodelist *l, const token *t, lexer *x)
{
    size_t nodeidx = l->n;
    push_node(p, l, N_IF, t);
    static const char *const stops[] = {"elif", "else", "endif", NULL};
    const token *cur = t;
    bool seen_else = false;
    for (;;) {
        branch br = {0};
        if (!seen_else) {
            if (!parse_cond(x, &br.c))
                br.c.kind = C_TRUTHY; /* keep going; the template is already failed */
        } else {
            br.is_else = true;
            expect_end(p, x, "else");
        }
        size_t k = parse_list(p, &br.body, stops);
        node *n = &l->v[nodeidx];
        xgrow((void **)&n->u.ifs.b, &n->u.ifs.cap, n->u.ifs.n + 1, sizeof *n->u.ifs.b);
        n->u.ifs.b[n->u.ifs.n++] = br;
        if (k >= p->ntoks) {
            if (!p->stop)
                perr(p, t->start, "unclosed \"if\": no \"endif\" before the end of the file");
            return;
        }
        cur = &p->toks[k];
        p->pos = k + 1;
        size_t a, b;
        block_word(p, cur, x, &a, &b);
        if (word_is(x->s, a, b, "endif")) {
            expect_end(p, x, "endif");
            return;
        }
        if (seen_else) {
            perr(p, cur->start, "\"%.*s\" after \"else\" in the same \"if\"", (int)(b - a), x->s + a);
            continue;
        }
        if (word_is(x->s, a, b, "else"))
            seen_else = true;
    }
}

static size_t parse_list(parser *p, nodelist *l, const char *const *stops)
{
    while (p->pos < p->ntoks) {
        size_t k = p->pos;
        const token *t = &p->toks[k];
        switch (t->kind) {
        case T_COMMENT:
            p->pos++;
            break;
        case T_TEXT:
            if (t->iend > t->istart) {
                node *n = push_node(p, l, N_TEXT, t);
                n->u.text.s = p->t->text + t->istart;
                n->u.text.n = t->iend - t->istart;
            }
            p->pos++;
            break;
        case T_VAR: {
            lexer x = {.p = p, .s = p->t->text, .i = t->istart, .end = t->iend};
            expr e;
            p->pos++;
            if (parse_expr(&x, &e)) {
                node *n = push_node(p, l, N_OUT, t);
                n->u.out = e;
            } else {
                expr_free(&e);
            }
            break;
        }
        case T_BLOCK: {
            lexer x;
            size_t a, b;
            block_word(p, t, &x, &a, &b);
            for (const char *const *s = stops; s && *s; s++)
                if (word_is(x.s, a, b, *s))
                    return k;
            p->pos++;
            if ((word_is(x.s, a, b, "for") || word_is(x.s, a, b, "if")) && p->depth >= TPL_MAX_DEPTH) {
                /* The parser recurses per level: a bound keeps 20,000 nested tags off the stack. */
                perr(p, t->start, "\"%.*s\" nested more than %d levels deep", (int)(b - a), x.s + a,
                     TPL_MAX_DEPTH);
                p->stop = true;
                p->pos = p->ntoks;
            } else if (word_is(x.s, a, b, "for")) {
                p->depth++;
                parse_for(p, l, t, &x);
                p->depth--;
            } else if (word_is(x.s, a, b, "if")) {
                p->depth++;
                parse_if(p, l, t, &x);
                p->depth--;
            } else if (word_is(x.s, a, b, "endfor") || word_is(x.s, a, b, "endif") ||
                       word_is(x.s, a, b, "else") || word_is(x.s, a, b, "elif")) {
                const char *opener = word_is(x.s, a, b, "endfor") ? "for" : "if";
                perr(p, t->start, "\"%.*s\" without a matching \"%s\"", (int)(b - a), x.s + a, opener);
            } else if (a == b) {
                perr(p, t->start, "empty tag \"{%% %%}\"");
            } else {
                perr(p, t->start, "unknown tag \"%.*s\"", (int)(b - a), x.s + a);
            }
            break;
        }
        }
    }
    return p->ntoks;
}

template *tpl_parse(const char *name, const char *text, size_t len, diag_list *d)
{
    template *t = xcalloc(1, sizeof *t);
    t->name = name;
    t->text = xmalloc(len + 1);
    memcpy(t->text, text, len);
    t->text[len] = '\0';
    t->len = len;
    t->max_iterations = TPL_DEFAULT_MAX_ITERATIONS;
    t->max_output = TPL_DEFAULT_MAX_OUTPUT;
    parser p = {.t = t, .d = d, .lc_line = 1, .lc_col = 1};
    tokenize(&p);
    trim_standalone(&p);
    parse_list(&p, &t->root, NULL);
    free(p.toks);
    if (p.failed) {
        tpl_free(t);
        return NULL;
    }
    return t;
}

template *tpl_load(const char *path, diag_list *d)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        diag_add(d, DIAG_ERROR, path, 0, 0, "cannot open template: %s", strerror(errno));
        return NULL;
    }
    strbuf b = {0};
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        sb_addn(&b, buf, n);
    bool bad = ferror(f);
    int err = errno;
    fclose(f);
    if (bad) {
        diag_add(d, DIAG_ERROR, path, 0, 0, "cannot read template: %s", strerror(err));
        sb_free(&b);
        return NULL;
    }
    const char *s = sb_str(&b);
    size_t len = b.len;
    if (len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) /* a BOM from an editor */
        s += 3, len -= 3;
    if (!utf8_valid(s, len)) {
        size_t i = 0, line = 1, col = 1;
        uint32_t cp;
        while (i < len) {
            size_t k = (unsigned char)s[i] < 0x80 ? 1 : utf8_decode(s + i, len - i, &cp);
            if (!k)
                break;
            if (s[i] == '\n')
                line++, col = 1;
            else
                col++;
            i += k;
        }
        diag_add(d, DIAG_ERROR, path, (uint32_t)line, (uint32_t)col,
                 "template is not valid UTF-8 (save it as UTF-8)");
        sb_free(&b);
        return NULL;
    }
    /* Hangul saved as separate jamo (an editor on macOS) prints as loose
     * jamo in a PDF: composed (utf8.h), the same text. */
    strbuf composed = {0};
    s = utf8_hangul_composed(&composed, s, &len);
    template *t = tpl_parse(path, s, len, d);
    sb_free(&composed);
    sb_free(&b);
    return t;
}

void tpl_set_limits(template *t, uint64_t max_iterations, size_t max_output)
{
    t->max_iterations = max_iterations;
    t->max_output = max_output;
}

void tpl_free(template *t)
{
    if (!t)
        return;
    nodelist_free(&t->root);
    free(t->text);
    free(t);
}

/* --------------------------------------------------------------- render */

typedef struct frame {
    const char *var;
    const value *item;
    uint32_t index, length;
    value v_index, v_index0, v_first, v_last, v_length, v_revindex;
} frame;

typedef struct render {
    const template *t;
    display_unit unit;
    const value *root;
    diag_list *d;
    frame *frames;
    size_t nframes, cap;
    unsigned char *reported; /* per node id */
    bool failed;
    bool stop;               /* a limit was reached: render nothing more */
    uint64_t iterations;     /* loop iterations so far */
    size_t base;             /* out->len before this render */
    strbuf tmp;
} render;

static void rerr(render *r, uint32_t id, uint32_t line, uint32_t col, const char *fmt, ...)
    PRINTF_LIKE(5, 6);
static void rerr(render *r, uint32_t id, uint32_t line, uint32_t col, const char *fmt, ...)
{
    r->failed = true;
    if (r->reported[id])
        return;
    r->reported[id] = 1;
    strbuf b = {0};
    va_list ap;
    va_start(ap, fmt);
    sb_vaddf(&b, fmt, ap);
    va_end(ap);
    /* The same template rendered for 21 projects reports a mistake once. */
    bool seen = false;
    for (size_t i = 0; i < r->d->n && !seen; i++) {
        const diag *x = &r->d->v[i];
        seen = x->file == r->t->name && x->line == line && x->col == col && !strcmp(x->msg, sb_str(&b));
    }
    if (!seen)
        diag_add(r->d, DIAG_ERROR, r->t->name, line, col, "%s", sb_str(&b));
    sb_free(&b);
}

static bool seg_is(seg s, const char *w) { return s.n == strlen(w) && !memcmp(s.s, w, s.n); }

static const char *type_name(const value *v)
{
    static const char *const names[] = {"null", "boolean", "integer", "number", "text", "list", "map"};
    return v ? names[v->type] : "nothing";
}

/* Resolves a path; NULL (after an error) if some part does not exist. */
static const value *resolve(render *r, uint32_t id, const operand *op)
{
    const tpath *p = &op->p;
    const value *v = NULL;
    uint32_t k = 1;
    seg first = p->segs[0];
    for (size_t f = r->nframes; f-- > 0 && !v;) {
        frame *fr = &r->frames[f];
        if (first.n == strlen(fr->var) && !memcmp(first.s, fr->var, first.n))
            v = fr->item;
    }
    if (!v && seg_is(first, "loop") && r->nframes) {
        frame *fr = &r->frames[r->nframes - 1];
        if (p->nsegs < 2) {
            rerr(r, id, op->line, op->col, "\"loop\" needs a field: loop.index, loop.first, loop.last, loop.length");
            return NULL;
        }
        seg s = p->segs[1];
        v = seg_is(s, "index") ? &fr->v_index : seg_is(s, "index0") ? &fr->v_index0
          : seg_is(s, "first") ? &fr->v_first : seg_is(s, "last") ? &fr->v_last
          : seg_is(s, "length") ? &fr->v_length : seg_is(s, "revindex") ? &fr->v_revindex : NULL;
        if (!v) {
            rerr(r, id, op->line, op->col, "unknown name \"%s\"", p->text);
            return NULL;
        }
        k = 2;
    }
    if (!v)
        v = val_getn(r->root, first.s, first.n);
    if (!v) {
        rerr(r, id, op->line, op->col, "unknown name \"%s\"", p->text);
        return NULL;
    }
    for (; k < p->nsegs; k++) {
        seg s = p->segs[k];
        if (v->type == VAL_NULL)
            return v; /* a member of an absent optional value is absent too */
        if (v->type == VAL_LIST) {
            char *end;
            char num[16];
            if (s.n < sizeof num) {
                memcpy(num, s.s, s.n);
                num[s.n] = '\0';
                unsigned long i = strtoul(num, &end, 10);
                if (*num && !*end) {
                    const value *item = val_at(v, (uint32_t)i);
                    if (item) {
                        v = item;
                        continue;
                    }
                }
            }
            rerr(r, id, op->line, op->col, "unknown name \"%s\" (\"%.*s\" is not an index of the list)",
                 p->text, (int)s.n, s.s);
            return NULL;
        }
        const value *next = v->type == VAL_MAP ? val_getn(v, s.s, s.n) : NULL;
        if (!next) {
            rerr(r, id, op->line, op->col, "unknown name \"%s\"", p->text);
            return NULL;
        }
        v = next;
    }
    return v;
}

/* A value while filters run: either still a model value or already text. */
typedef struct tval {
    const value *v; /* NULL once it is text */
    strbuf text;
    bool null;      /* the model value was null: renders "" */
} tval;

/* Plain text of a scalar value; false for lists and maps. */
static bool scalar_text(const value *v, strbuf *out)
{
    switch (v->type) {
    case VAL_NULL: return true;
    case VAL_BOOL: sb_adds(out, v->u.b ? "true" : "false"); return true;
    case VAL_INT: sb_addf(out, "%lld", (long long)v->u.i); return true;
    case VAL_REAL: sb_addf(out, "%g", v->u.r); return true;
    case VAL_STR: sb_adds(out, v->u.s); return true;
    default: return false;
    }
}

/* Makes tv text (if it is still a value); false (after an error) for a list/map. */
static bool as_text(render *r, const node *n, const filter *f, tval *tv)
{
    if (!tv->v)
        return true;
    if (!scalar_text(tv->v, &tv->text)) {
        if (f)
            rerr(r, n->id, f->line, f->col, "filter \"%s\" expects text, got a %s", f->name, type_name(tv->v));
        else
            rerr(r, n->id, n->line, n->col, "cannot print a %s; use a filter such as join or length",
                 type_name(tv->v));
        return false;
    }
    tv->v = NULL;
    return true;
}

static bool want_int(render *r, const node *n, const filter *f, const tval *tv, int64_t *out)
{
    if (tv->v && tv->v->type == VAL_INT) {
        *out = tv->v->u.i;
        return true;
    }
    rerr(r, n->id, f->line, f->col, "filter \"%s\" expects an integer, got %s", f->name,
         tv->v ? type_name(tv->v) : "text");
    return false;
}

static bool apply_filter(render *r, const node *n, const filter *f, tval *tv)
{
    int64_t i;
    if (tv->null && f->kind != F_DEFAULT)
        return true; /* null passes through every filter but default */
    strbuf *o = &r->tmp;
    sb_reset(o);
    switch (f->kind) {
    case F_NUM:
        if (tv->v && tv->v->type == VAL_REAL) {
            double x = tv->v->u.r;
            if (!(x > -9e18 && x < 9e18)) { /* NaN, infinite or past int64: no cast (UB) */
                sb_addf(o, "%g", x);
                break;
            }
            kfmt_group(o, (int64_t)(x < 0 ? x - 0.5 : x + 0.5));
            break;
        }
        if (!want_int(r, n, f, tv, &i))
            return false;
        kfmt_group(o, i);
        break;
    case F_MONEY:
    case F_APPROX:
    case F_UNIT:
    case F_DATE:
    case F_MD:
    case F_FULLDATE:
    case F_COUNT:
        if (!want_int(r, n, f, tv, &i))
            return false;
        switch (f->kind) {
        case F_MONEY: kfmt_money(o, i); break;
        case F_APPROX: kfmt_money_approx(o, i); break;
        case F_UNIT: kfmt_in_unit(o, i, r->unit); break;
        case F_DATE: date_fmt(o, (int32_t)i); break;
        case F_MD: date_fmt_md(o, (int32_t)i); break;
        case F_FULLDATE: date_fmt_full(o, (int32_t)i); break;
        default: kfmt_count(o, i, f->arg); break;
        }
        break;
    case F_PCT:
    case F_PCT0:
    case F_PCT2: {
        double x;
        if (tv->v && tv->v->type == VAL_REAL)
            x = tv->v->u.r;
        else if (tv->v && tv->v->type == VAL_INT)
            x = (double)tv->v->u.i;
        else {
            rerr(r, n->id, f->line, f->col, "filter \"%s\" expects a number, got %s", f->name,
                 tv->v ? type_name(tv->v) : "text");
            return false;
        }
        kfmt_percent(o, x, f->kind == F_PCT ? 1 : f->kind == F_PCT0 ? 0 : 2);
        break;
    }
    case F_DEFAULT:
        if (tv->null || (tv->v && tv->v->type == VAL_STR && !*tv->v->u.s) || (!tv->v && !tv->text.len)) {
            sb_adds(o, f->arg);
            tv->null = false;
            break;
        }
        return true;
    case F_JOIN:
        if (!tv->v || tv->v->type != VAL_LIST) {
            rerr(r, n->id, f->line, f->col, "filter \"join\" expects a list, got %s",
                 tv->v ? type_name(tv->v) : "text");
            return false;
        }
        for (uint32_t k = 0; k < val_len(tv->v); k++) {
            const value *item = val_at(tv->v, k);
            if (k)
                sb_adds(o, f->has_arg ? f->arg : ", ");
            if (!scalar_text(item, o)) {
                rerr(r, n->id, f->line, f->col, "filter \"join\" expects a list of texts, got a list of %ss",
                     type_name(item));
                return false;
            }
        }
        break;
    case F_LENGTH:
        if (tv->v && (tv->v->type == VAL_LIST || tv->v->type == VAL_MAP)) {
            sb_addf(o, "%u", val_len(tv->v));
        } else {
            if (!as_text(r, n, f, tv))
                return false;
            uint32_t cp;
            size_t chars = 0;
            for (size_t k = 0; k < tv->text.len;) {
                size_t m = utf8_decode(tv->text.s + k, tv->text.len - k, &cp);
                k += m ? m : 1;
                chars++;
            }
            sb_addf(o, "%zu", chars);
        }
        break;
    case F_CELL:
        if (!as_text(r, n, f, tv))
            return false;
        for (size_t k = 0; k < tv->text.len; k++) {
            if (tv->text.s[k] == '|')
                sb_addc(o, '\\');
            sb_addc(o, tv->text.s[k]);
        }
        break;
    case F_QUOTE:
        if (!as_text(r, n, f, tv))
            return false;
        sb_adds(o, "「");
        sb_addn(o, tv->text.s, tv->text.len);
        sb_adds(o, "」");
        break;
    case F_SIDO: {
        if (!as_text(r, n, f, tv))
            return false;
        int reg = region_parse(sb_str(&tv->text), tv->text.len);
        if (reg == REGION_NONE) {
            sb_addn(o, tv->text.s, tv->text.len);
            break;
        }
        /* 특별자치도 keep their full name (강원도 and 전북도 are their old
         * names): the title and the body then name them alike. */
        const char *full = region_name(reg);
        size_t fl = strlen(full);
        if (fl >= 15 && !strcmp(full + fl - 15, "특별자치도")) {
            sb_adds(o, full);
            break;
        }
        sb_adds(o, region_short(reg));
        sb_adds(o, fl >= 3 && !strcmp(full + fl - 3, "도") ? "도" : "시");
        break;
    }
    case F_JOSA:
    case F_PARTICLE:
        if (!as_text(r, n, f, tv))
            return false;
        sb_addn(o, tv->text.s, tv->text.len);
        sb_adds(o, kparticle(tv->text.s, tv->text.len, f->kind == F_JOSA ? f->arg : f->name));
        break;
    }
    sb_reset(&tv->text);
    sb_addn(&tv->text, o->s, o->len);
    tv->v = NULL;
    return true;
}

/* Appends text with line breaks turned into spaces. */
static void add_inline(strbuf *out, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n' || s[i] == '\r') {
            sb_addn(out, s + run, i - run);
            sb_addc(out, ' ');
            run = i + 1;
        }
    }
    sb_addn(out, s + run, n - run);
}

static void render_out(render *r, const node *n, strbuf *out)
{
    const expr *e = &n->u.out;
    tval tv = {0};
    value lit = {0};
    switch (e->op.kind) {
    case OP_STR:
        lit = (value){.type = VAL_STR, .u.s = e->op.str};
        tv.v = &lit;
        break;
    case OP_INT:
        lit = (value){.type = VAL_INT, .u.i = e->op.i};
        tv.v = &lit;
        break;
    case OP_PATH:
        tv.v = resolve(r, n->id, &e->op);
        if (!tv.v)
            return;
        tv.null = tv.v->type == VAL_NULL;
        break;
    }
    for (uint32_t k = 0; k < e->nfilters; k++)
        if (!apply_filter(r, n, &e->filters[k], &tv)) {
            sb_free(&tv.text);
            return;
        }
    if (!tv.null && as_text(r, n, NULL, &tv))
        add_inline(out, tv.text.s ? tv.text.s : "", tv.text.len);
    sb_free(&tv.text);
}

/* The value of an operand: a path is resolved (NULL after an error), a
 * literal is placed in *lit. Either side of a comparison may be either. */
static const value *operand_value(render *r, const node *n, const operand *op, value *lit)
{
    if (op->kind == OP_PATH)
        return resolve(r, n->id, op);
    memset(lit, 0, sizeof *lit);
    if (op->kind == OP_STR) {
        lit->type = VAL_STR;
        lit->u.s = op->str;
    } else {
        lit->type = VAL_INT;
        lit->u.i = op->i;
    }
    return lit;
}

static int cmp_operand(render *r, const node *n, const cond *c, bool *ok)
{
    value llit, rlit;
    *ok = false;
    const value *l = operand_value(r, n, &c->lhs, &llit);
    if (!l)
        return 0;
    const value *rv = operand_value(r, n, &c->rhs, &rlit);
    if (!rv)
        return 0;
    bool eqop = c->kind == C_EQ || c->kind == C_NE;
    if ((l->type == VAL_INT || l->type == VAL_REAL) && (rv->type == VAL_INT || rv->type == VAL_REAL)) {
        *ok = true;
        if (l->type == VAL_INT && rv->type == VAL_INT)
            return (l->u.i > rv->u.i) - (l->u.i < rv->u.i);
        double a = l->type == VAL_INT ? (double)l->u.i : l->u.r;
        double b = rv->type == VAL_INT ? (double)rv->u.i : rv->u.r;
        return (a > b) - (a < b);
    }
    if (eqop && l->type == VAL_STR && rv->type == VAL_STR) {
        *ok = true;
        return strcmp(l->u.s, rv->u.s) != 0;
    }
    if (eqop && (l->type == VAL_NULL || rv->type == VAL_NULL)) {
        *ok = true;
        return l->type != rv->type; /* null equals only null */
    }
    if (eqop && l->type == VAL_BOOL && rv->type == VAL_BOOL) {
        *ok = true;
        return l->u.b != rv->u.b;
    }
    if (c->lhs.kind == OP_PATH)
        rerr(r, n->id, c->lhs.line, c->lhs.col, "cannot compare %s \"%s\" with %s", type_name(l),
             c->lhs.p.text, type_name(rv));
    else
        rerr(r, n->id, c->lhs.line, c->lhs.col, "cannot compare the literal %s with %s", type_name(l),
             type_name(rv));
    return 0;
}

static bool eval_cond(render *r, const node *n, const cond *c, bool *ok)
{
    *ok = true;
    if (c->kind == C_TRUTHY || c->kind == C_NOT) {
        if (c->lhs.kind != OP_PATH)
            return c->lhs.kind == OP_INT ? c->lhs.i != 0 : c->lhs.str && *c->lhs.str;
        const value *v = resolve(r, n->id, &c->lhs);
        if (!v) {
            *ok = false;
            return false;
        }
        return val_truthy(v) != (c->kind == C_NOT);
    }
    int k = cmp_operand(r, n, c, ok);
    if (!*ok)
        return false;
    switch (c->kind) {
    case C_EQ: return k == 0;
    case C_NE: return k != 0;
    case C_GT: return k > 0;
    case C_LT: return k < 0;
    case C_GE: return k >= 0;
    default: return k <= 0;
    }
}

static void render_list(render *r, const nodelist *l, strbuf *out);

static void render_for(render *r, const node *n, strbuf *out)
{
    const value *list = resolve(r, n->id, &n->u.loop.list);
    if (!list)
        return;
    if (list->type == VAL_NULL)
        return; /* an absent optional list: no iterations */
    if (list->type != VAL_LIST) {
        rerr(r, n->id, n->u.loop.list.line, n->u.loop.list.col, "\"for\" over \"%s\", which is a %s, not a list",
             n->u.loop.list.p.text, type_name(list));
        return;
    }
    uint32_t len = val_len(list);
    xgrow((void **)&r->frames, &r->cap, r->nframes + 1, sizeof *r->frames);
    size_t fi = r->nframes++;
    for (uint32_t i = 0; i < len && !r->stop; i++) {
        if (++r->iterations > r->t->max_iterations) {
            rerr(r, n->id, n->line, n->col,
                 "more than %llu loop iterations in one document ([limits] template_iterations); "
                 "is a loop nested in a loop over the same list?",
                 (unsigned long long)r->t->max_iterations);
            r->stop = true;
            break;
        }
        frame *fr = &r->frames[fi];
        fr->var = n->u.loop.var;
        fr->item = val_at(list, i);
        fr->index = i, fr->length = len;
        fr->v_index = (value){.type = VAL_INT, .u.i = i + 1};
        fr->v_index0 = (value){.type = VAL_INT, .u.i = i};
        fr->v_first = (value){.type = VAL_BOOL, .u.b = i == 0};
        fr->v_last = (value){.type = VAL_BOOL, .u.b = i + 1 == len};
        fr->v_length = (value){.type = VAL_INT, .u.i = len};
        fr->v_revindex = (value){.type = VAL_INT, .u.i = len - i};
        render_list(r, &n->u.loop.body, out);
    }
    r->nframes--;
}

static void render_list(render *r, const nodelist *l, strbuf *out)
{
    for (size_t i = 0; i < l->n && !r->stop; i++) {
        const node *n = &l->v[i];
        switch (n->kind) {
        case N_TEXT:
            sb_addn(out, n->u.text.s, n->u.text.n);
            break;
        case N_OUT:
            render_out(r, n, out);
            break;
        case N_FOR:
            render_for(r, n, out);
            break;
        case N_IF:
            for (size_t b = 0; b < n->u.ifs.n; b++) {
                const branch *br = &n->u.ifs.b[b];
                bool ok = true;
                if (br->is_else || eval_cond(r, n, &br->c, &ok)) {
                    render_list(r, &br->body, out);
                    break;
                }
                if (!ok)
                    break;
            }
            break;
        }
        if (out->len - r->base > r->t->max_output && !r->stop) {
            rerr(r, n->id, n->line, n->col,
                 "the document grew past %zu bytes here ([limits] template_output)",
                 r->t->max_output);
            r->stop = true;
        }
    }
}

bool tpl_render(const template *t, const value *root, display_unit unit, strbuf *out, diag_list *d)
{
    render r = {.t = t, .unit = unit, .root = root, .d = d};
    r.reported = xcalloc(t->nnodes + 1, 1);
    size_t before = out->len;
    r.base = before;
    render_list(&r, &t->root, out);
    free(r.reported);
    free(r.frames);
    sb_free(&r.tmp);
    if (r.failed) {
        out->len = before;
        if (out->s)
            out->s[before] = '\0';
        return false;
    }
    return true;
}
