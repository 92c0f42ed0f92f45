/* deflate.c — deflate through libdeflate, the one module that uses it: the
 * PDF streams (zlib-wrapped, render/pdf/pdf_deflate.c) and the members of the
 * HWPX zip (raw, with CRC-32, render/hwpx/hwpx_zip.c). libdeflate compresses
 * a whole buffer at once, smaller than zlib at the same speed or as small in
 * less time (docs/pdf.md, docs/hwpx.md have the figures).
 *
 * A compressor is made per level on first use and kept for the process (a
 * level-8 one is a few hundred KB to set up): forked workers inherit the
 * ones their parent made, and the process exit frees them. */
#include <stdbool.h>
#include <stdlib.h>

#include <libdeflate.h>

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
