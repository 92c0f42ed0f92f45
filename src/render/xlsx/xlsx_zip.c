/* xlsx_zip.c — the deflate of the workbook's zip, cheaper and on every job
 * the run gives the workbook.
 *
 * Debian's libxlsxwriter packs the workbook inside workbook_close() through
 * the system minizip (libminizip.so): zipOpenNewFileInZip4_64, then
 * zipWriteInFileInZip in 16 KiB pieces, then zipCloseFileInZip for every
 * member. This file defines those three functions — the executable's
 * definitions take precedence over the shared library's — and forwards to
 * the real ones (dlsym RTLD_NEXT):
 *
 * - every deflated member is written at level 1 instead of the library's 6
 *   (deflate was about 40 % of the time at a million rows at level 6; the
 *   file is about 12 % larger);
 * - between xlsx_zip_begin() and xlsx_zip_end() (around workbook_close) a
 *   member is opened raw and deflated here, pigz-style: its data is cut into
 *   1 MiB blocks, each deflated on its own with the 32 KiB before it as the
 *   dictionary and ended with a sync flush (the member's last block
 *   finishes the stream), the CRC-32s combined; blocks are deflated by up to
 *   `threads` threads a batch at a time and written in order. The bytes
 *   depend on the data alone, never on the number of threads or their
 *   timing, and any inflater reads them as one deflate stream.
 *
 * Outside begin/end (the HWPX zip, hwpx_zip.c, uses minizip too) the writes
 * and closes are forwarded unchanged. With a libxlsxwriter that carries its
 * own minizip these functions are simply never called by it. Only one
 * thread packs a workbook; the threads here only deflate. */
#include <dlfcn.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "common.h"
#include "par.h"
#include "xlsx_cells.h"

#define XLSX_DEFLATE_LEVEL 1
#define XLSX_ZIP_OK 0
#define XLSX_ZIP_INTERNALERROR (-104) /* minizip's ZIP_INTERNALERROR */

#define ZBLOCK (1u << 20)   /* input bytes a block */
#define ZDICT 32768u        /* deflate's window: the dictionary a block gets */
#define ZBATCH_PER_THREAD 4 /* blocks in flight per thread */
#define ZMAX_THREADS 16

/* minizip's functions, by their ABI (zip.h is not included: its prototypes
 * name its own types). */
typedef int (*zip_open4_fn)(void *file, const char *filename, const void *zipfi, const void *extra_local,
                            unsigned size_local, const void *extra_global, unsigned size_global,
                            const char *comment, int method, int level, int raw, int window_bits,
                            int mem_level, int strategy, const char *password, unsigned long crc,
                            unsigned long version_made_by, unsigned long flag_base, int zip64);
typedef int (*zip_write_fn)(void *file, const void *buf, unsigned len);
typedef int (*zip_close_fn)(void *file);
typedef int (*zip_close_raw_fn)(void *file, unsigned long long uncompressed_size, unsigned long crc);

int zipOpenNewFileInZip4_64(void *file, const char *filename, const void *zipfi, const void *extra_local,
                            unsigned size_local, const void *extra_global, unsigned size_global,
                            const char *comment, int method, int level, int raw, int window_bits,
                            int mem_level, int strategy, const char *password, unsigned long crc,
                            unsigned long version_made_by, unsigned long flag_base, int zip64);
int zipWriteInFileInZip(void *file, const void *buf, unsigned len);
int zipCloseFileInZip(void *file);

/* The real function called name, or NULL. */
static void *real_fn(const char *name)
{
    return dlsym(RTLD_NEXT, name);
}

#define REAL(type, var, name)                                                                      \
    static type var;                                                                               \
    if (!var) {                                                                                    \
        void *sym_ = real_fn(name);                                                                \
        if (!sym_)                                                                                 \
            return XLSX_ZIP_INTERNALERROR;                                                         \
        memcpy(&var, &sym_, sizeof var); /* object to function pointer without a cast warning */  \
    }

/* One block of a member: its input, its deflated bytes, its CRC-32. */
typedef struct zblock {
    z_stream zs;               /* its own stream (initialised once per workbook) */
    unsigned char *in, *out;
    size_t len, outlen;
    unsigned long crc;
    const unsigned char *dict; /* the ZDICT (or fewer) input bytes before it */
    size_t dictlen;
    bool last;                 /* finishes the member's stream */
    bool failed;
} zblock;

/* The packing in progress (one per process: minizip's callers carry no
 * context of ours). threads == 0: not packing a workbook. */
static struct {
    int threads;
    size_t outcap;
    zblock *b;
    unsigned nb, cap;      /* full blocks in the batch; b[nb] is being filled */
    void *file;            /* the zip of the member opened raw here, or NULL */
    unsigned char dict[ZDICT];
    size_t dictlen;        /* input bytes before the batch kept as the first block's dictionary */
    unsigned long long usize;
    unsigned long crc;
} zp;

/* Deflates block i of the batch (par_each: any thread). */
static void block_deflate(void *arg, size_t i)
{
    (void)arg;
    zblock *b = &zp.b[i];
    z_stream *zs = &b->zs;
    b->crc = crc32(0L, b->in, (uInt)b->len);
    b->failed = deflateReset(zs) != Z_OK ||
                (b->dictlen && deflateSetDictionary(zs, b->dict, (uInt)b->dictlen) != Z_OK);
    if (b->failed)
        return;
    zs->next_in = b->in;
    zs->avail_in = (uInt)b->len;
    zs->next_out = b->out;
    zs->avail_out = (uInt)zp.outcap;
    int rc = deflate(zs, b->last ? Z_FINISH : Z_SYNC_FLUSH);
    b->failed = b->last ? rc != Z_STREAM_END : rc != Z_OK || zs->avail_in != 0 || zs->avail_out == 0;
    b->outlen = zp.outcap - zs->avail_out;
}

/* Deflates blocks 0..n-1 of the batch (each with the input before it as its
 * dictionary; the last one finishing the stream when final), writes them in
 * order through the real zipWriteInFileInZip and adds them to the member's
 * size and CRC. Keeps the batch's last ZDICT input bytes for the next one. */
static int batch_run(void *file, unsigned n, bool final, zip_write_fn write_real)
{
    for (unsigned i = 0; i < n; i++) {
        zblock *b = &zp.b[i];
        b->last = final && i == n - 1;
        if (i == 0) {
            b->dict = zp.dict;
            b->dictlen = zp.dictlen;
        } else {
            const zblock *p = &zp.b[i - 1]; /* a full block: ZBLOCK >= ZDICT bytes */
            b->dict = p->in + p->len - ZDICT;
            b->dictlen = ZDICT;
        }
    }
    par_each(n, (size_t)zp.threads, block_deflate, NULL);
    int rc = XLSX_ZIP_OK;
    for (unsigned i = 0; i < n && rc == XLSX_ZIP_OK; i++) {
        zblock *b = &zp.b[i];
        if (b->failed)
            rc = XLSX_ZIP_INTERNALERROR;
        else if (b->outlen)
            rc = write_real(file, b->out, (unsigned)b->outlen);
        zp.crc = crc32_combine(zp.crc, b->crc, (z_off_t)b->len);
        zp.usize += b->len;
    }
    if (n && !final) {
        const zblock *l = &zp.b[n - 1];
        memcpy(zp.dict, l->in + l->len - ZDICT, ZDICT);
        zp.dictlen = ZDICT;
    }
    for (unsigned i = 0; i < n; i++)
        zp.b[i].len = 0;
    zp.nb = 0;
    return rc;
}

void xlsx_zip_begin(int threads)
{
    zp.threads = threads < 1 ? 1 : threads > ZMAX_THREADS ? ZMAX_THREADS : threads;
    unsigned cap = (unsigned)zp.threads * ZBATCH_PER_THREAD;
    zp.b = xcalloc(cap, sizeof *zp.b);
    for (; zp.cap < cap; zp.cap++)
        if (deflateInit2(&zp.b[zp.cap].zs, XLSX_DEFLATE_LEVEL, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
            break;
    if (zp.cap < 2) { /* no memory for streams: the library deflates (at level 1 still) */
        xlsx_zip_end();
        return;
    }
    zp.outcap = deflateBound(&zp.b[0].zs, ZBLOCK) + 64; /* + the sync flush's empty block */
    for (unsigned i = 0; i < zp.cap; i++) {
        zp.b[i].in = xmalloc(ZBLOCK);
        zp.b[i].out = xmalloc(zp.outcap);
    }
}

void xlsx_zip_end(void)
{
    for (unsigned i = 0; zp.b && i < zp.cap; i++) {
        deflateEnd(&zp.b[i].zs);
        free(zp.b[i].in);
        free(zp.b[i].out);
    }
    free(zp.b);
    memset(&zp, 0, sizeof zp);
}

int zipOpenNewFileInZip4_64(void *file, const char *filename, const void *zipfi, const void *extra_local,
                            unsigned size_local, const void *extra_global, unsigned size_global,
                            const char *comment, int method, int level, int raw, int window_bits,
                            int mem_level, int strategy, const char *password, unsigned long crc,
                            unsigned long version_made_by, unsigned long flag_base, int zip64)
{
    REAL(zip_open4_fn, real, "zipOpenNewFileInZip4_64");
    if (level != 0 && method != 0)
        level = XLSX_DEFLATE_LEVEL;
    bool ours = zp.threads > 0 && !zp.file && method == Z_DEFLATED && level != 0 && !raw;
    int rc = real(file, filename, zipfi, extra_local, size_local, extra_global, size_global, comment, method,
                  level, ours ? 1 : raw, window_bits, mem_level, strategy, password, crc, version_made_by,
                  flag_base, zip64);
    if (rc == XLSX_ZIP_OK && ours) {
        zp.file = file;
        zp.nb = 0;
        zp.b[0].len = 0;
        zp.dictlen = 0;
        zp.usize = 0;
        zp.crc = crc32(0L, Z_NULL, 0);
    }
    return rc;
}

int zipWriteInFileInZip(void *file, const void *buf, unsigned len)
{
    REAL(zip_write_fn, real, "zipWriteInFileInZip");
    if (!zp.file || file != zp.file)
        return real(file, buf, len);
    const unsigned char *p = buf;
    while (len) {
        zblock *b = &zp.b[zp.nb];
        size_t k = ZBLOCK - b->len < len ? ZBLOCK - b->len : len;
        memcpy(b->in + b->len, p, k);
        b->len += k;
        p += k;
        len -= (unsigned)k;
        if (b->len == ZBLOCK && ++zp.nb == zp.cap) {
            int rc = batch_run(file, zp.cap, false, real);
            if (rc != XLSX_ZIP_OK)
                return rc;
        }
    }
    return XLSX_ZIP_OK;
}

int zipCloseFileInZip(void *file)
{
    REAL(zip_close_fn, real, "zipCloseFileInZip");
    REAL(zip_close_raw_fn, real_raw, "zipCloseFileInZipRaw64");
    REAL(zip_write_fn, real_write, "zipWriteInFileInZip");
    if (!zp.file || file != zp.file)
        return real(file);
    zp.file = NULL;
    /* b[nb] holds the rest (maybe nothing): the block that ends the stream. */
    int rc = batch_run(file, zp.nb + 1, true, real_write);
    int crc = real_raw(file, zp.usize, zp.crc);
    return rc != XLSX_ZIP_OK ? rc : crc;
}
