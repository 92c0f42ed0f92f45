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

#endif
