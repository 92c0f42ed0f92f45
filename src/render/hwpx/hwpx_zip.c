/* hwpx_zip.c — writes the HWPX package through minizip (libminizip, the zip
 * library Debian's libxlsxwriter already links), never by hand.
 *
 * What 한글 expects of the container (checked against the files it saves,
 * docs/hwpx.md): `mimetype` first and stored, then the parts; no zip64 extra
 * fields; plain deflate for the XML. Every member carries the same DOS time
 * (the run's creation time in UTC), so SOURCE_DATE_EPOCH gives identical
 * bytes. Deflate runs at level 1: the parts are small XML, and xlsx_cells.c
 * forces level 1 on every minizip member of this program anyway (its
 * zipOpenNewFileInZip4_64 wrapper), so asking for it here keeps unit tests,
 * which do not link that wrapper, byte-identical to the program. */
#include <errno.h>
#include <minizip/zip.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "common.h"
#include "hwpx_zip.h"

#define HWPX_DEFLATE_LEVEL 1

struct hwpx_zip {
    zipFile zf;
    zip_fileinfo info;
    bool failed;
};

hwpx_zip *hwpx_zip_open(const char *path, time_t stamp)
{
    zipFile zf = zipOpen64(path, APPEND_STATUS_CREATE);
    if (!zf) {
        if (!errno)
            errno = EIO;
        return NULL;
    }
    hwpx_zip *z = xcalloc(1, sizeof *z);
    z->zf = zf;
    struct tm tm;
    gmtime_r(&stamp, &tm);
    if (tm.tm_year < 80) /* DOS dates start in 1980 */
        tm = (struct tm){.tm_year = 80, .tm_mday = 1};
    z->info.tmz_date = (tm_zip){(uInt)tm.tm_sec, (uInt)tm.tm_min, (uInt)tm.tm_hour, (uInt)tm.tm_mday,
                                (uInt)tm.tm_mon, (uInt)tm.tm_year + 1900};
    return z;
}

bool hwpx_zip_add(hwpx_zip *z, const char *name, const char *data, size_t len, bool stored)
{
    if (z->failed)
        return false;
    errno = 0;
    int rc = zipOpenNewFileInZip3_64(z->zf, name, &z->info, NULL, 0, NULL, 0, NULL,
                                     stored ? 0 : Z_DEFLATED, stored ? 0 : HWPX_DEFLATE_LEVEL, 0,
                                     -MAX_WBITS, DEF_MEM_LEVEL, Z_DEFAULT_STRATEGY, NULL, 0, 0);
    if (rc == ZIP_OK && len > 0)
        rc = zipWriteInFileInZip(z->zf, data, (unsigned)len);
    if (rc == ZIP_OK)
        rc = zipCloseFileInZip(z->zf);
    if (rc != ZIP_OK) {
        if (!errno)
            errno = EIO;
        z->failed = true;
    }
    return !z->failed;
}

bool hwpx_zip_close(hwpx_zip *z)
{
    if (!z)
        return false;
    errno = 0;
    int rc = zipClose(z->zf, NULL);
    bool ok = !z->failed && rc == ZIP_OK;
    if (!ok && !errno)
        errno = EIO;
    free(z);
    return ok;
}
