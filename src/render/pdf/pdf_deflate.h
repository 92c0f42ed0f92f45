/* pdf_deflate.h — the deflate (zlib, RFC 1950/1951) of every PDF stream.
 *
 * Pure functions of their input: no libharu, no global state beyond a
 * lazily made libdeflate compressor per level: the PDF modules' only use of
 * libdeflate.
 *
 *   pdf_zlib()            a whole buffer, with libdeflate (page contents,
 *                         the ToUnicode CMap), level 6;
 *   pdf_zlib_font()       the same for font programs, level 1;
 *   pdf_sparse_deflate()  a buffer given by its few non-zero bytes, encoded
 *                         by hand (the CIDToGIDMap: ~110 KB, almost all
 *                         zeros, per face and document). */
#ifndef SMR_PDF_DEFLATE_H
#define SMR_PDF_DEFLATE_H

#include <stddef.h>
#include <stdint.h>
#include "strbuf.h"

/* data[0..len) as a zlib stream, in a malloc'd buffer of *zlen bytes that
 * the caller frees; NULL if libdeflate cannot make a compressor. */
char *pdf_zlib(const void *data, size_t len, size_t *zlen);
/* The same at the cheaper level used for font programs (pdf_deflate.c). */
char *pdf_zlib_font(const void *data, size_t len, size_t *zlen);
/* A font program prog[0..len) whose bytes [at, at + block_len) are a block
 * every document of the run holds, already deflated once as block_z
 * (deflate_raw_open: no last block, ending on a byte): a zlib stream of
 * prog[0..at) as a stored block, block_z as it is, and the rest deflated
 * like pdf_zlib_font's; malloc'd, NULL if at > 65,535 or out of range. */
char *pdf_zlib_font_shared(const unsigned char *prog, size_t len, size_t at, const char *block_z,
                           size_t block_zlen, size_t block_len, size_t *zlen);

/* Appends to out a zlib stream (RFC 1950, one deflate block) of a buffer of
 * len bytes that is zero except for the bytes val[i] at the ascending
 * positions pos[i] < len, i < n, without building the buffer: runs of zeros
 * become matches at distance 1, the Huffman codes are made for these
 * tokens (fixed codes if a code would exceed 15 bits), and the Adler-32 is
 * computed in closed form. val[i] may be 0. */
void pdf_sparse_deflate(size_t len, const uint32_t *pos, const uint8_t *val, size_t n,
                        strbuf *out);

#ifdef TESTING
/* Huffman code lengths (0 for unused symbols) of at most limit bits for the
 * frequencies freq[0..n): optimal when that fits, else from flattened
 * frequencies; at least two symbols get a code. False if none fits. */
bool huff_lengths(const uint32_t *freq, int n, int limit, uint8_t *len);
#endif

#endif
