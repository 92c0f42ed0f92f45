/* pdf_style.h — the look of a release: every page measure, type size, line
 * spacing, gap, rule and shade of the PDF layout, in one named table.
 *
 * pdf_layout.c takes all its numbers from PDF_STYLE (lengths in PDF points,
 * 1/72 inch; sizes in points; leads as multiples of the type size; grays
 * from 0 black to 1 white); a number written in the layout code is a count
 * or an arithmetic constant, never a measure. The paragraph styles of the
 * bullets (□ ○ - ※ ■ and plain text) are the table `para`, indexed by
 * rdoc_pstyle. Faces are PDF_SERIF ... PDF_SANS_BOLD (pdf_layout.h); the
 * bold serif is not used (docs/pdf.md).
 *
 * Changing a value here changes the output of every release (the e2e case
 * pdf_sample checks text and figures, not positions). The table is a
 * static const object: the compiler folds it into the code as it did the
 * literals it replaces. */
#ifndef SMR_PDF_STYLE_H
#define SMR_PDF_STYLE_H

#include "../release/release_doc.h"
#include "pdf_layout.h"

/* Characters the layout draws itself (header box, page numbers, markers,
 * box titles): they are in every font subset (pdf_fonts_ready). */
#define PDF_LAYOUT_CHARS "보도자료시점배포단위붙임<>-()0123456789 :|.,□○ㅇ■※*?"

/* A paragraph style: one per bullet. */
typedef struct pdf_pstyle {
    int face;      /* PDF_SERIF ... */
    double size;   /* type size */
    double indent; /* the marker (or the text, without one) from the left edge */
    double before; /* space above the paragraph */
} pdf_pstyle;

/* A run of text: face, size and line height as a multiple of the size. */
typedef struct pdf_tstyle {
    int face;
    double size, lead;
} pdf_tstyle;

typedef struct pdf_style {
    struct {
        double w, h;                     /* A4 portrait */
        double left, right, top, bottom; /* margins */
        double content_w;                /* w - left - right */
        double avail;                    /* h - top - bottom: the height a page holds */
        double foot_y;                   /* baseline of the page number "- n -" */
        pdf_tstyle number;               /* the page number */
    } page;
    double lead;        /* line spacing of running text (paragraphs) */
    double ascent;      /* a line's baseline lies this × size below the centred text top */
    double space;       /* an empty line: this × the plain paragraph's size */
    double marker_gap;  /* at least this × size between a bullet marker and its text */
    double runt;        /* a paragraph's last line under this × size: a runt (kwrap_line) */
    double justify;     /* a justified line widens each space by at most this × size, else stays ragged */
    pdf_pstyle para[RDOC_P_ITEM + 1]; /* by rdoc_pstyle */
    struct pdf_header_style { /* the header box on the first page */
        pdf_tstyle word;                 /* "보도자료" */
        double word_pad, word_h;         /* frame: text width + word_pad, word_h high */
        double word_line;                /* its line width */
        double word_x, word_base;        /* text inset from the frame's left, baseline drop */
        pdf_tstyle ministry;             /* right-aligned beside it */
        double ministry_base;            /* its baseline drop from the box top */
        double rule_y, rule_w, rule_after; /* the rule under them: drop, width, gap below */
        double label_w, row_h;           /* 보도시점 | value | 배포 | value */
        double label_fill, row_line;
        pdf_tstyle label;                /* 보도시점, 배포 (bold) */
        pdf_tstyle value;                /* their texts (shrunk to fit) */
        double value_min, value_step;    /* smallest size and the step of shrinking */
        double value_pad;                /* room kept beside a value in its cell */
        double text_base;                /* baseline drop of labels and values in the row */
        double after;                    /* gap below the box */
    } header;
    struct {
        pdf_tstyle title, subtitle;      /* "- subtitle -" */
        double inset;                    /* from each margin */
        double before;                   /* above the first title line */
        double rule_before, rule_w, rule_after; /* the rule under the title lines */
    } title;
    struct {            /* @box */
        double pad;                      /* inside the frame, all sides */
        pdf_tstyle title;                /* "< title >", bold, centred */
        double line_w;
        double before, after;
        double space;                    /* an empty line inside the box */
    } box;
    struct {            /* tables and the contact table */
        double size, lead;               /* cell text (bold in headers, 합계 rows, labels) */
        double padx, pady;               /* cell padding */
        double slack;                    /* added to a column's natural width */
        double line_w;
        double head_fill, total_fill;    /* header row, 합계 row */
        double before, after;
        pdf_tstyle unit;                 /* "(단위: …)" above the table, right-aligned */
        double contact_label_pad;        /* added to the widest contact label */
        double contact_fill;             /* contact label cells */
        double contact_before, contact_after;
    } table;
    struct {            /* @chart: horizontal bars */
        pdf_tstyle title;                /* bold, centred */
        double title_after;
        double size, label_lead;         /* labels and shown values */
        double bar_h, gap;               /* bar height, gap between rows */
        double label_max;                /* the label column's share of the content width, at most */
        double label_slack;              /* added to the widest label (no wrap on rounding) */
        double bar_x_gap;                /* between labels and bars */
        double shown_gap;                /* between a bar and its shown value */
        double end_gap;                  /* right of the longest shown value */
        double shown_drop;               /* the shown value's baseline: this × size below mid */
        float bar_rgb[3];
        double axis_w;
        double before, after;
    } chart;
    struct pdf_attachment_style { /* @attachment: a new page's heading */
        pdf_tstyle title;                /* bold */
        double line_h;                   /* the heading's line height (and the frame's) */
        double label_size;               /* "붙임 1" in a frame */
        double label_pad, label_x;       /* frame: text width + label_pad; text inset */
        double label_gap;                /* from the frame's text to the title */
        double label_line;
        double after;
    } attachment;
    struct {            /* @group: a heading inside an attachment list */
        pdf_tstyle text;
        double before;
        double keep_rows;                /* kept on a page with this many one-line table rows */
    } group;
} pdf_style;

#define PDF_PAGE_W 595.276
#define PDF_PAGE_H 841.89
#define PDF_BODY 13.0 /* the body text size */

static const pdf_style PDF_STYLE = {
    .page = {.w = PDF_PAGE_W, .h = PDF_PAGE_H,
             .left = 56.0, .right = 56.0, .top = 50.0, .bottom = 64.0,
             .content_w = PDF_PAGE_W - 56.0 - 56.0,
             .avail = PDF_PAGE_H - 50.0 - 64.0,
             .foot_y = 32.0,
             .number = {PDF_SANS, 10, 0}},
    .lead = 1.6,
    .ascent = 0.86,
    .space = 0.6,
    .marker_gap = 0.3,
    .runt = 3.0,
    .justify = 0.6,
    .para = {
        [RDOC_P_PLAIN] = {PDF_SERIF, PDF_BODY, 0, 0},
        [RDOC_P_L1] = {PDF_SANS_BOLD, 13.5, 0, 6},  /* □ */
        [RDOC_P_L2] = {PDF_SERIF, PDF_BODY, 14, 2}, /* ○ ㅇ */
        [RDOC_P_L3] = {PDF_SERIF, 12.5, 30, 0},     /* - */
        [RDOC_P_NOTE] = {PDF_SANS, 10.5, 30, 0},    /* ※ * */
        [RDOC_P_ITEM] = {PDF_SERIF, 12.5, 0, 1},    /* ■ */
    },
    .header = {.word = {PDF_SANS_BOLD, 24, 0}, .word_pad = 24, .word_h = 40, .word_line = 1.6,
               .word_x = 12, .word_base = 29,
               .ministry = {PDF_SANS_BOLD, 15, 0}, .ministry_base = 26,
               .rule_y = 50, .rule_w = 2.0, .rule_after = 6,
               .label_w = 62, .row_h = 24, .label_fill = 0.88, .row_line = 0.6,
               .label = {PDF_SANS_BOLD, 10.5, 0}, .value = {PDF_SANS, 10.5, 0},
               .value_min = 7, .value_step = 0.5, .value_pad = 10, .text_base = 16,
               .after = 18},
    .title = {.title = {PDF_SANS_BOLD, 20.0, 1.4}, .subtitle = {PDF_SANS, 13.0, 1.5},
              .inset = 10, .before = 4,
              .rule_before = 6, .rule_w = 0.8, .rule_after = 12},
    .box = {.pad = 10, .title = {PDF_SANS_BOLD, 12.5, 1.6}, .line_w = 0.8,
            .before = 6, .after = 8, .space = 6},
    .table = {.size = 10.0, .lead = 1.35, .padx = 5.0, .pady = 3.5, .slack = 2, .line_w = 0.5,
              .head_fill = 0.88, .total_fill = 0.95, .before = 4, .after = 10,
              .unit = {PDF_SANS, 10, 1.5},
              .contact_label_pad = 8, .contact_fill = 0.88,
              .contact_before = 10, .contact_after = 8},
    .chart = {.title = {PDF_SANS_BOLD, 11, 1.6}, .title_after = 6,
              .size = 9.5, .label_lead = 1.3, .bar_h = 13, .gap = 7,
              .label_max = 0.34, .label_slack = 1, .bar_x_gap = 10, .shown_gap = 4,
              .end_gap = 8, .shown_drop = 0.35,
              .bar_rgb = {0.22f, 0.42f, 0.69f}, .axis_w = 0.8,
              .before = 6, .after = 8},
    .attachment = {.title = {PDF_SANS_BOLD, 15, 0}, .line_h = 26, .label_size = 12,
                   .label_pad = 14, .label_x = 7, .label_gap = 24, .label_line = 1.0,
                   .after = 12},
    .group = {.text = {PDF_SANS_BOLD, 12, 1.6}, .before = 8, .keep_rows = 3},
};

#undef PDF_PAGE_W
#undef PDF_PAGE_H
#undef PDF_BODY

#endif
