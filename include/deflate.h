/* deflate.h — deflate (RFC 1951) and its checksums, for the formats that
 * are zip or PDF containers (core/deflate.c, the only user of libdeflate). */
#ifndef SMR_DEFLATE_H
#define SMR_DEFLATE_H

#include <stddef.h>
#include <stdint.h>

/* data[0..len) deflated at level (1..12) in a zlib wrapper (PDF streams) or
 * raw (zip members). Malloc'd; *out_len its length. NULL (and *out_len 0)
 * only if libdeflate could not allocate its compressor. */
char *deflate_zlib(const void *data, size_t len, int level, size_t *out_len);
char *deflate_raw(const void *data, size_t len, int level, size_t *out_len);
/* The CRC-32 of zip members. */
uint32_t deflate_crc32(const void *data, size_t len);
/* The Adler-32 of a zlib stream's data. */
uint32_t deflate_adler32(const void *data, size_t len);
/* data[0..len) as raw deflate blocks none of which is the last, ending on a
 * byte boundary as zlib's sync flush ends (libdeflate at level 6, its last
 * block's BFINAL bit cleared, an empty stored block after it): the middle of
 * a stream assembled from pieces, which later bytes may follow. Malloc'd;
 * NULL (and *out_len 0) on failure. */
char *deflate_raw_open(const void *data, size_t len, size_t *out_len);

#endif
