/* pdf_objstm.h — a saved PDF written again with its small objects packed.
 *
 * libharu 2.3.0 writes PDF 1.3: every object at the top level of the file,
 * uncompressed, and a cross-reference table of 20 bytes an object. In a
 * release that is ~60 objects — the catalog, pages, fonts' dictionaries,
 * bookmarks, the streams' lengths — ~4.4 KB of dictionary text and 1.2 KB
 * of table, about 6 % of the file. pdf_objstm() rewrites such a file as
 * PDF 1.5 (ISO 32000-1, 7.5.7 and 7.5.8): the stream objects (page contents,
 * font programs, CMaps) are copied byte for byte, every other object goes
 * into one deflated object stream, and a deflated cross-reference stream
 * replaces the table and the trailer. The objects keep their numbers and
 * their text, so the document is the same one.
 *
 * Only the shape libharu writes is accepted: one cross-reference section
 * from object 0, generation 0 everywhere, no encryption, no /Prev. Anything
 * else returns false (possibly after some bytes were put).
 *
 * The file goes out through put(arg, bytes, n), in order: no second copy of
 * it is held. A false from put stops the writing and is returned. */
#ifndef SMR_PDF_OBJSTM_H
#define SMR_PDF_OBJSTM_H

#include <stdbool.h>
#include <stddef.h>

bool pdf_objstm(const char *pdf, size_t len, bool (*put)(void *arg, const void *p, size_t n), void *arg);

#endif
