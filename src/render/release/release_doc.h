/* release_doc.h — a release as a format-neutral document.
 *
 * A release template renders to markup (docs/release-markup.md). The markup is
 * parsed once, here, into a flat list of blocks; each output format lays the
 * same blocks out in its own way: the PDF layout (render/pdf/) draws them on
 * pages, the HWPX writer (render/hwpx/) writes them as OWPML paragraphs and
 * tables. Neither format reads markup itself, so the two can never disagree
 * about what a release says, in what order, with which tables.
 *
 * The model holds what the markup says, not how it looks: no font, size,
 * position or page. What both formats need to decide the same way (which
 * cells are numbers and so right-aligned, which table row is a 합계 row,
 * which @unit note belongs to which table) is decided here once.
 *
 * Every string is NUL-terminated valid UTF-8 owned by the document's arena;
 * the document is freed whole by rdoc_free(). */
#ifndef SMR_RELEASE_DOC_H
#define SMR_RELEASE_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include "arena.h"

typedef enum rdoc_kind {
    RDOC_TITLE,      /* text: one title line (a release has one or two) */
    RDOC_SUBTITLE,   /* text: a subtitle, without the "- … -" a format may add */
    RDOC_PARA,       /* text, style, marker: a paragraph (one markup line) */
    RDOC_SPACE,      /* an empty markup line: vertical space */
    RDOC_BOX,        /* text = box title; child[0..nchild) = RDOC_PARA/RDOC_SPACE */
    RDOC_TABLE,      /* table (with a header row), unit = its "(단위: …)" or NULL */
    RDOC_CHART,      /* text = chart title; table rows: label | value | shown */
    RDOC_CONTACTS,   /* table rows: 담당 부서/책임자/담당자 | … (no header row) */
    RDOC_ATTACHMENT, /* label ("붙임 1", may be "") and text (title): starts a new page */
    RDOC_GROUP,      /* text: a group heading inside an attachment */
    RDOC_PAGEBREAK,  /* @newpage */
} rdoc_kind;

/* Paragraph styles, one per bullet of the ministry layout. */
typedef enum rdoc_pstyle {
    RDOC_P_PLAIN, /* no marker */
    RDOC_P_L1,    /* □ */
    RDOC_P_L2,    /* ○ or ㅇ */
    RDOC_P_L3,    /* - */
    RDOC_P_NOTE,  /* ※ or * */
    RDOC_P_ITEM,  /* ■ (an item inside a box) */
} rdoc_pstyle;

typedef struct rdoc_table {
    size_t ncols;             /* the widest row (or the header), every row padded to it */
    size_t nrows;             /* body rows, not counting the header */
    const char *const *head;  /* ncols header cells, or NULL (charts, contacts) */
    const char *const *cells; /* nrows * ncols body cells, row-major; missing cells "" */
    const bool *numeric_col;  /* ncols: every non-empty body cell of the column looks numeric
                                 (digits with , . % + - ( ), or a lone "-"): right-aligned */
    const bool *total_row;    /* nrows: the row's first cell is 계, 합계 or 총계… (bold) */
    /* For RDOC_CHART only: each row's value (second cell) as a number, 0 if none. */
    const long long *value;
} rdoc_table;

typedef struct rdoc_block {
    rdoc_kind kind;
    rdoc_pstyle style;  /* RDOC_PARA only */
    const char *marker; /* RDOC_PARA: the marker as written ("□", "○", "ㅇ", "-", "※",
                           "*", "■"), NULL for RDOC_P_PLAIN */
    const char *text;   /* see rdoc_kind; without the marker; "" when none */
    const char *label;  /* RDOC_ATTACHMENT only ("" when none) */
    const char *unit;   /* RDOC_TABLE / RDOC_CHART: the @unit note given before it, or NULL */
    rdoc_table table;   /* RDOC_TABLE, RDOC_CHART, RDOC_CONTACTS */
    const struct rdoc_block *child; /* RDOC_BOX */
    size_t nchild;
    unsigned line; /* 1-based markup line the block starts on, for messages */
} rdoc_block;

typedef struct rdoc {
    const char *title;       /* the @title lines joined by one space ("" if none): metadata */
    const char *embargo;     /* @header's first cell, or NULL (then config's 보도시점) */
    const char *distributed; /* @header's second cell, or NULL (then config's 배포) */
    const rdoc_block *block; /* in markup order */
    size_t nblock;
    arena a; /* owns everything above */
} rdoc;

/* Parses markup s[0..len) (already cleaned to valid UTF-8) into *doc. Never
 * fails on content: unknown directives are plain paragraphs, an unterminated
 * block ends at the end of the markup, a stray @end is ignored. Returns false
 * only when memory runs out. */
bool rdoc_parse(rdoc *doc, const char *s, size_t len);

void rdoc_free(rdoc *doc); /* NULL-safe; the document is then empty */

#endif
