/* hwpx_zip.h — the HWPX package as a zip file (the only user of minizip
 * besides libxlsxwriter). */
#ifndef SMR_HWPX_ZIP_H
#define SMR_HWPX_ZIP_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

typedef struct hwpx_zip hwpx_zip;

/* Creates path; every member gets the time `stamp` (UTC), so that the same
 * content gives the same bytes. NULL (errno set) if the file cannot be made. */
hwpx_zip *hwpx_zip_open(const char *path, time_t stamp);
/* Adds one member, stored or deflated. False on a write error (errno set). */
bool hwpx_zip_add(hwpx_zip *z, const char *name, const char *data, size_t len, bool stored);
/* Writes the central directory and closes; false if that or any earlier add
 * failed. Frees z in every case (NULL-safe). */
bool hwpx_zip_close(hwpx_zip *z);

#endif
