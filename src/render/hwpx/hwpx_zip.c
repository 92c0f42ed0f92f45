/* hwpx_zip.c — writes the HWPX package: minizip (libminizip, the zip library
 * Debian's libxlsxwriter already links) makes the container, never code of
 * ours; libdeflate (core/deflate.c) deflates the parts, as it does the PDF
 * streams.
 *
 * What 한글 expects of the container (checked against the files it saves,
 * docs/hwpx.md): `mimetype` first and stored, then the parts; no zip64 extra
 * fields; plain deflate. Every member carries the same DOS time (the run's
 * creation time in UTC), so SOURCE_DATE_EPOCH gives identical bytes.
 *
 * Parts are deflated by libdeflate at level 1 and handed to minizip raw, with
 * libdeflate's CRC-32: deflate is most of a release's cost (the section is
 * some 400 KB of repetitive XML), and this is about 30 % fewer instructions
 * than zlib's level 1 inside minizip for files about as small. Raw members
 * are also untouched by the level xlsx_cells.c forces on minizip's own
 * deflate (its zipOpenNewFileInZip4_64 wrapper changes only the level
 * argument, which minizip records in the header flags and nothing else). */
#include <errno.h>
#include <minizip/zip.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "common.h"
#include "deflate.h"
#include "hwpx_zip.h"

#define HWPX_DEFLATE_LEVEL 1

void hwpx_part_make(hwpx_part *p, const char *name, const char *data, size_t len, bool stored)
{
    *p = (hwpx_part){.name = name, .len = len, .stored = stored};
    p->crc = deflate_crc32(data, len);
    if (!stored) {
        p->data = deflate_raw(data, len, HWPX_DEFLATE_LEVEL, &p->size);
        if (p->data)
            return;
        p->stored = true;
    }
    p->data = xmalloc(len ? len : 1);
    memcpy(p->data, data, len);
    p->size = len;
}

void hwpx_part_free(hwpx_part *p)
{
    if (p) {
        free(p->data);
        p->data = NULL;
    }
}

struct hwpx_zip {
    zipFile zf;
    zip_fileinfo info;
    bool failed;
    int err; /* errno of the first failure, which hwpx_zip_close reports */
};

/* Notes a minizip failure (errno EIO unless the call set one). */
static bool zip_ok(hwpx_zip *z, int rc)
{
    if (rc != ZIP_OK && !z->failed) {
        if (!errno)
            errno = EIO;
        z->err = errno;
        z->failed = true;
    }
    return !z->failed;
}

hwpx_zip *hwpx_zip_open(const char *path, time_t stamp)
{
    errno = 0;
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

bool hwpx_zip_add(hwpx_zip *z, const hwpx_part *p)
{
    if (z->failed)
        return false;
    errno = 0;
    int rc = zipOpenNewFileInZip3_64(z->zf, p->name, &z->info, NULL, 0, NULL, 0, NULL, p->stored ? 0 : Z_DEFLATED,
                                     p->stored ? 0 : HWPX_DEFLATE_LEVEL, 1, -MAX_WBITS, DEF_MEM_LEVEL,
                                     Z_DEFAULT_STRATEGY, NULL, 0, 0);
    if (rc == ZIP_OK && p->size > 0)
        rc = zipWriteInFileInZip(z->zf, p->data, (unsigned)p->size);
    if (rc == ZIP_OK)
        rc = zipCloseFileInZipRaw64(z->zf, p->len, p->crc);
    return zip_ok(z, rc);
}

bool hwpx_zip_stream_open(hwpx_zip *z, const char *name)
{
    if (z->failed)
        return false;
    errno = 0;
    return zip_ok(z, zipOpenNewFileInZip3_64(z->zf, name, &z->info, NULL, 0, NULL, 0, NULL, Z_DEFLATED,
                                             HWPX_DEFLATE_LEVEL, 0, -MAX_WBITS, DEF_MEM_LEVEL,
                                             Z_DEFAULT_STRATEGY, NULL, 0, 0));
}

bool hwpx_zip_stream_write(hwpx_zip *z, const void *data, size_t len)
{
    const char *p = data;
    while (len > 0 && !z->failed) {
        unsigned n = len > (1u << 30) ? 1u << 30 : (unsigned)len;
        errno = 0;
        zip_ok(z, zipWriteInFileInZip(z->zf, p, n));
        p += n;
        len -= n;
    }
    return !z->failed;
}

bool hwpx_zip_stream_close(hwpx_zip *z)
{
    if (z->failed)
        return false;
    errno = 0;
    return zip_ok(z, zipCloseFileInZip(z->zf));
}

bool hwpx_zip_close(hwpx_zip *z)
{
    if (!z)
        return false;
    errno = 0;
    int rc = zipClose(z->zf, NULL);
    bool ok = !z->failed && rc == ZIP_OK;
    if (z->failed)
        errno = z->err; /* the first failure's cause */
    else if (!ok && !errno)
        errno = EIO;
    free(z);
    return ok;
}
