/* hwpx_zip.h — the HWPX package as a zip file: parts deflated once
 * (core/deflate.c), written into the container by minizip. */
#ifndef SMR_HWPX_ZIP_H
#define SMR_HWPX_ZIP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* One member, ready to be written into any number of packages (the parts
 * every release shares are compressed once per run). */
typedef struct hwpx_part {
    const char *name; /* not owned */
    char *data;       /* the member's bytes: deflated, or as given when stored */
    size_t size;      /* bytes in data */
    size_t len;       /* uncompressed length */
    uint32_t crc;     /* CRC-32 of the uncompressed bytes */
    bool stored;
} hwpx_part;

/* Fills *p from data[0..len): deflated, or kept as is when stored (or when
 * no compressor could be had: the member is then stored, still valid). */
void hwpx_part_make(hwpx_part *p, const char *name, const char *data, size_t len, bool stored);
void hwpx_part_free(hwpx_part *p); /* NULL-safe */

typedef struct hwpx_zip hwpx_zip;

/* Creates path; every member gets the time `stamp` (UTC), so that the same
 * content gives the same bytes. NULL (errno set) if the file cannot be made. */
hwpx_zip *hwpx_zip_open(const char *path, time_t stamp);
/* Adds one member. False on a write error (errno set); later adds then fail too. */
bool hwpx_zip_add(hwpx_zip *z, const hwpx_part *p);
/* A member written in pieces, for a part too large to hold whole (a section
 * of tens of MB at thousands of projects): minizip deflates it with zlib as
 * it comes, at the same level, and fills in its CRC and sizes at the end.
 * Open, write any number of times, close; false on a write error (errno
 * set), as for hwpx_zip_add. */
bool hwpx_zip_stream_open(hwpx_zip *z, const char *name);
bool hwpx_zip_stream_write(hwpx_zip *z, const void *data, size_t len);
bool hwpx_zip_stream_close(hwpx_zip *z);
/* Writes the central directory and closes; false if that or any earlier add
 * failed. Frees z in every case (NULL-safe). */
bool hwpx_zip_close(hwpx_zip *z);

#endif
