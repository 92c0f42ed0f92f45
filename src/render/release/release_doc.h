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
 * Every string is NUL-terminated valid UTF-8 owned by the document's arena
 * (markers are static strings); the document is freed whole by rdoc_free().
 *
 * Reading rules (docs/release-markup.md has the vocabulary): each line is
 * trimmed of spaces and tabs (and a trailing CR). A directive is "@name"
 * followed by a space or the end of the line ("@titles" is a paragraph).
 * Inside @box … @end every line is a box paragraph or, when empty, a space
 * (a directive there is plain text); inside @table/@chart/@contacts … @end
 * every non-empty line is a row and empty lines are skipped. Cells are split
 * at '|' (one leading and one trailing '|' dropped), "\|" is a literal '|',
 * and each cell is trimmed. Texts outside cells (titles, paragraphs, box,
 * chart and group titles) are kept as written, "\|" included. */
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
    RDOC_TABLE,      /* table (header row if @table had cells), unit = its "(단위: …)" or NULL */
    RDOC_CHART,      /* text = chart title; table rows: label | value | shown (no header) */
    RDOC_CONTACTS,   /* table rows: 담당 부서/책임자/담당자 | … (no header row) */
    RDOC_ATTACHMENT, /* label ("붙임 1", may be "") and text (title): starts a new page */
    RDOC_GROUP,      /* text: a group heading inside an attachment */
    RDOC_PAGEBREAK,  /* @newpage */
} rdoc_kind;

/* Paragraph styles, one per bullet of the ministry layout. A marker counts
 * when a space follows it (□ also when alone on its line); the paragraph's
 * text is what follows, trimmed ("" only for a lone □). ■ is read anywhere,
 * not only in boxes; "-5%" or "○" alone are plain paragraphs. */
typedef enum rdoc_pstyle {
    RDOC_P_PLAIN, /* no marker */
    RDOC_P_L1,    /* □ */
    RDOC_P_L2,    /* ○ or ㅇ */
    RDOC_P_L3,    /* - */
    RDOC_P_NOTE,  /* ※ or * */
    RDOC_P_ITEM,  /* ■ (an item inside a box) */
} rdoc_pstyle;

typedef struct rdoc_table {
    size_t ncols;             /* the widest row (or the header), every row padded to it;
                                 0 only for an @table … @end with no header and no rows */
    size_t nrows;             /* body rows, not counting the header */
    const char *const *head;  /* ncols header cells (a short header padded with ""), or NULL:
                                 charts, contacts and an @table line without cells */
    const char *const *cells; /* nrows * ncols body cells, row-major; missing cells "" */
    const size_t *rowlen;     /* nrows: cells the row actually has (1..ncols); the rest are
                                 padding. A row shorter than ncols means its last cell spans
                                 the remaining columns (the PDF draws it so) */
    const bool *numeric_col;  /* ncols: the column has a non-empty body cell and every one is
                                 numeric-looking (digits, optionally with , . % + - ( ) △ and
                                 spaces; or a lone "-"): right-aligned */
    const bool *total_row;    /* nrows: the row's first cell is 계 or 합계, or starts with
                                 총계: a total row (bold, shaded) */
    /* For RDOC_CHART: each row's value, the leading decimal integer of the second cell
     * (as strtoll reads it); 0 when there is none or it is negative. NULL otherwise. */
    const long long *value;
    /* For RDOC_CHART: each row's fourth cell is not empty (e.g. "*"): its bar is
     * highlighted (the reporting period in a series). NULL otherwise. */
    const bool *highlight;
} rdoc_table;

/* Body cell (r, c) of t: never NULL ("" for padding). */
static inline const char *rdoc_cell(const rdoc_table *t, size_t r, size_t c)
{
    return t->cells[r * t->ncols + c];
}

typedef struct rdoc_block {
    rdoc_kind kind;
    rdoc_pstyle style;  /* RDOC_PARA only */
    const char *marker; /* RDOC_PARA: the marker as written ("□", "○", "ㅇ", "-", "※",
                           "*", "■"), NULL for RDOC_P_PLAIN */
    const char *text;   /* see rdoc_kind; without the marker; "" when none */
    const char *label;  /* RDOC_ATTACHMENT only ("" when none) */
    const char *unit;   /* RDOC_TABLE only: the last @unit note given since the previous
                           table, or NULL. A note belongs to the next @table, whatever
                           comes between (a chart does not take it); one that no table
                           follows is dropped. Inside a box "@unit" is plain text. */
    const char *caption; /* RDOC_TABLE only: the last @caption given since the previous
                            table, or NULL (same rules as unit): the table's title, shown
                            centred above it as "< TEXT >" and kept with it */
    rdoc_table table;   /* RDOC_TABLE, RDOC_CHART, RDOC_CONTACTS */
    const struct rdoc_block *child; /* RDOC_BOX */
    size_t nchild;
    unsigned line; /* 1-based markup line the block starts on, for messages */
} rdoc_block;

typedef struct rdoc {
    const char *title;       /* the @title lines joined by one space ("" if none): metadata */
    const char *embargo;     /* @header's first cell (may be ""), or NULL (then config's
                                보도시점); the last @header outside a box wins */
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
