/* pdf_fonts.h — the faces of the releases, as the PDF modules share them.
 *
 * pdf_fonts.c implements the font half of pdf_layout.h (open, prepare,
 * ready, free) and, per document, the fonts' own subsets. The structures
 * here are the prepared state that pdf_layout.c (measuring, the document
 * being written) and pdf_content.c (which glyphs a page shows) read: one
 * libharu document with a shell of each embedded face, each face's width
 * table and the set of code points the current document draws in it. */
#ifndef SMR_PDF_FONTS_H
#define SMR_PDF_FONTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "font_subset.h"
#include "hpdf_public.h"
#include "pdf_layout.h"
#include "strbuf.h"
#include "utf8.h"

/* A loaded face and its advance widths (1/1000 em, as libharu computes
 * them) by code point, filled by pdf_fonts_ready() for every code point of
 * the run: line breaking measures the same text many times. */
typedef struct pdf_face {
    HPDF_Font font;        /* libharu's font (a shell: font_face_shell) */
    const char *name;      /* its font definition's name in doc (kept by a renewed doc) */
    const font_face *hb;   /* the run's subset, for widths and glyphs */
    uint16_t *w;           /* [65536], WIDTH_UNKNOWN until measured */
    cp_set *drawn;         /* code points this document shows in the face */
    const struct pdf_face *fallback; /* draws the code points hb lacks (w[] holds its widths),
                                        or NULL */
    const struct pdf_face *sup;      /* draws ⁺ (U+207A) instead (w[] holds its width), or NULL */
    /* The glyphs the run's releases share (pdf_fonts_share), or NULL: their
     * numbering, and their glyf bytes deflated once (shared_z). */
    font_shared *shared;
    char *shared_z;
    size_t shared_zlen;
    cp_set *common; /* while pdf_fonts_share_note collects: drawn by every document noted */
} pdf_face;
#define WIDTH_UNKNOWN 0xFFFF

struct pdf_fonts {
    char *path[PDF_NFACES];
    font_face *face[PDF_NFACES];
    font_face *sub[PDF_NFACES]; /* the run's subsets, as loaded into doc */
    cp_set used;   /* code points of prepared text */
    cp_set warned; /* missing code points already reported */
    cp_set have_known, have_all; /* all_faces_have's answers so far */
    HPDF_Doc doc;  /* the prepared document (pdf_fonts_ready) */
    pdf_face fc[PDF_NFACES];
    bool fresh;    /* doc is prepared and not yet spent */
    bool use_fallback; /* the run shows a character only the fallback face has */
    unsigned char *shell[PDF_NFACES]; /* the shells' bytes, loaded into the first doc */
    size_t shell_len[PDF_NFACES];
    HPDF_STATUS err, err_detail; /* libharu's first error since pdf_fonts_ready */
    bool share;    /* the next document uses the shared glyphs (a project release) */
};

/* The faces the layout draws with (the bold serif is opened and checked,
 * not embedded). */
extern const bool pdf_face_embedded[PDF_NFACES];
/* pdf_face_embedded, and the fallback face when the run uses it. */
bool pdf_face_in_doc(const pdf_fonts *f, int i);

/* ff's advance of cp in 1/1000 em, capped below WIDTH_UNKNOWN. */
uint16_t pdf_face_width(const font_face *ff, uint32_t cp);

/* The width of s[0..n) in 1/1000 em: a sum of whole numbers, so sums of
 * parts equal the sum of the whole exactly. */
static inline double pdf_text_units(const pdf_face *fc, const char *s, size_t n)
{
    double w = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp = (unsigned char)s[i];
        size_t k = 1;
        if (cp >= 0x80)
            k = utf8_decode(s + i, n - i, &cp);
        if (k == 0) { /* prepared text is valid UTF-8; cannot happen */
            cp = '?';
            k = 1;
        }
        if (fc->w[cp] == WIDTH_UNKNOWN) /* not in the run's text: cannot happen */
            fc->w[cp] = pdf_face_width(fc->hb, cp);
        w += fc->w[cp];
        i += k;
    }
    return w;
}

/* The width of s[0..n) in points at size. */
static inline double pdf_text_w(const pdf_face *fc, double size, const char *s, size_t n)
{
    return pdf_text_units(fc, s, n) * size / 1000.0;
}

/* The glyphs a run's releases share. After pdf_fonts_ready, documents laid
 * out on f->doc (and not saved) are noted one by one; pdf_fonts_share then
 * gives each embedded face a glyph block of the glyphs every noted document
 * drew in it, numbered first in the font program of every document embedded
 * with f->share set and deflated once for all of them (pdf_deflate.h). Not
 * sharing (a face not of the form font_face_subset_glyphs subsets itself) is
 * not an error: those documents embed as the others. */
void pdf_fonts_share_note(pdf_fonts *f);
void pdf_fonts_share(pdf_fonts *f);

/* Before the document laid out on f->doc is saved: gives every embedded
 * face its own font program (the glyphs the document drew), CIDToGIDMap,
 * /DW and /W, and the faces one shared ToUnicode CMap. Returns EXIT_OK, or
 * EXIT_INTERNAL after a message naming path. */
int pdf_fonts_embed(pdf_fonts *f, const char *path);

#endif
