/* deflate.c — deflate through libdeflate, the one module that uses it: the
 * PDF streams (zlib-wrapped, render/pdf/pdf_deflate.c) and the members of the
 * HWPX zip (raw, with CRC-32, render/hwpx/hwpx_zip.c). libdeflate compresses
 * a whole buffer at once, smaller than zlib at the same speed or as small in
 * less time (docs/pdf.md, docs/hwpx.md have the figures).
 *
 * deflate_raw_open() also needs zlib's inflate, for what libdeflate cannot do:
 * end a stream without a last block, so that more blocks can follow.
 *
 * A compressor is made per level on first use and kept for the process (a
 * level-8 one is a few hundred KB to set up): forked workers inherit the
 * ones their parent made, and the process exit frees them. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>
#include <zlib.h>

#include "common.h"
#include "deflate.h"

#define LEVELS 13 /* libdeflate's levels 0..12 */

static struct libdeflate_compressor *compressor(int level)
{
    static struct libdeflate_compressor *c[LEVELS];
    if (level < 0 || level >= LEVELS)
        return NULL;
    if (!c[level])
        c[level] = libdeflate_alloc_compressor(level);
    return c[level];
}

static char *run(const void *data, size_t len, int level, size_t *out_len, bool zlib)
{
    struct libdeflate_compressor *c = compressor(level);
    *out_len = 0;
    if (!c)
        return NULL;
    size_t cap = zlib ? libdeflate_zlib_compress_bound(c, len) : libdeflate_deflate_compress_bound(c, len);
    char *buf = xmalloc(cap);
    size_t n = zlib ? libdeflate_zlib_compress(c, data, len, buf, cap)
                    : libdeflate_deflate_compress(c, data, len, buf, cap);
    if (n == 0) { /* cannot happen with a buffer of the bound's size */
        free(buf);
        return NULL;
    }
    *out_len = n;
    return buf;
}

char *deflate_zlib(const void *data, size_t len, int level, size_t *out_len)
{
    return run(data, len, level, out_len, true);
}

char *deflate_raw(const void *data, size_t len, int level, size_t *out_len)
{
    return run(data, len, level, out_len, false);
}

uint32_t deflate_crc32(const void *data, size_t len)
{
    return (uint32_t)libdeflate_crc32(0, data, len);
}

uint32_t deflate_adler32(const void *data, size_t len)
{
    return (uint32_t)libdeflate_adler32(1, data, len);
}

/* Where the last block of the raw deflate stream z[0..zlen) (of len bytes
 * of data) begins and the stream ends, in bits from its start; false if it
 * does not inflate to len bytes. zlib's inflate with Z_BLOCK stops at every
 * block boundary and says how many bits of the last byte it took are unused
 * (as zlib's examples/gzappend.c does to append to a gzip file). */
static bool last_block(const unsigned char *z, size_t zlen, size_t len, uint64_t *start, uint64_t *end)
{
    z_stream s = {0};
    if (inflateInit2(&s, -15) != Z_OK)
        return false;
    unsigned char *out = xmalloc(len ? len : 1);
    s.next_in = (Bytef *)(uintptr_t)z;
    s.avail_in = (uInt)zlen;
    s.next_out = out;
    s.avail_out = (uInt)(len ? len : 1);
    int rc;
    bool ended = false;
    *start = *end = 0;
    /* At each block boundary: the bits taken and not used (data_type's low
     * bits; zlib may hold more than a byte's) say where the next header
     * starts, or, after the last block (data_type & 64), where the stream
     * ends. The call after that one discards those bits and ends. */
    do {
        rc = inflate(&s, Z_BLOCK);
        if (rc == Z_OK && (s.data_type & 128)) {
            uint64_t at = (uint64_t)s.total_in * 8 - (unsigned)(s.data_type & 63);
            if (s.data_type & 64) {
                *end = at;
                ended = true;
            } else {
                *start = at;
            }
        }
    } while (rc == Z_OK);
    bool ok = rc == Z_STREAM_END && ended && s.total_out == len;
    inflateEnd(&s);
    free(out);
    return ok;
}

char *deflate_raw_open(const void *data, size_t len, size_t *out_len)
{
    size_t zlen = 0;
    unsigned char *z = (unsigned char *)deflate_raw(data, len, 6, &zlen);
    uint64_t start, end;
    *out_len = 0;
    if (!z || !last_block(z, zlen, len, &start, &end) || end > (uint64_t)zlen * 8) {
        free(z);
        return NULL;
    }
    /* The last block made not the last (its BFINAL bit cleared), then an
     * empty stored block (3 zero bits, zeros to the byte, LEN 0, NLEN
     * 0xFFFF) to end on a byte, as zlib's Z_SYNC_FLUSH ends. */
    z[start >> 3] &= (unsigned char)~(1u << (start & 7));
    if (end & 7)
        z[end >> 3] &= (unsigned char)((1u << (end & 7)) - 1);
    size_t keep = (size_t)((end + 3 + 7) / 8);
    unsigned char *out = xrealloc(z, keep + 4);
    for (size_t k = (size_t)((end + 7) / 8); k < keep; k++)
        out[k] = 0;
    memcpy(out + keep, "\x00\x00\xFF\xFF", 4);
    *out_len = keep + 4;
    return (char *)out;
}
