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
 *   finishes the stream), the CRC-32s combined; while the packing thread
 *   goes on reading the member's data, up to `threads` - 1 helper threads
 *   (and the packing thread when it is ahead) deflate the blocks handed
 *   over, which are written in order. The bytes depend on the data alone,
 *   never on the number of threads or their timing, and any inflater reads
 *   them as one deflate stream.
 *
 * Outside begin/end (the HWPX zip, hwpx_zip.c, uses minizip too) the writes
 * and closes are forwarded unchanged. With a libxlsxwriter that carries its
 * own minizip these functions are simply never called by it. Only one
 * thread packs a workbook (calls these functions); the helpers only
 * deflate. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "common.h"
#include "deflate.h"
#include "xlsx_cells.h"

#define XLSX_DEFLATE_LEVEL 1
#define XLSX_ZIP_OK 0
#define XLSX_ZIP_INTERNALERROR (-104) /* minizip's ZIP_INTERNALERROR */

#define ZBLOCK (1u << 20)   /* input bytes a block */
#define ZDICT 32768u        /* deflate's window: the dictionary a block gets */
#define ZBATCH_PER_THREAD 4 /* ring slots (blocks in flight) per thread */
#define ZMAX_THREADS 16
#define ZWHOLE (4u << 20)   /* a member up to this size is deflated whole by libdeflate */
#define ZWHOLE_LEVEL 1

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

/* One block of a member: its input and the ZDICT (or fewer) input bytes
 * before it, its deflated bytes, its CRC-32, and its own zlib stream. */
typedef struct zblock {
    z_stream zs;
    unsigned char *in, *out, *dict;
    size_t len, outlen, dictlen;
    unsigned long crc;
    bool last;   /* finishes the member's stream */
    bool failed;
    bool done;   /* deflated: out, outlen, crc and failed are set */
} zblock;

/* The packing in progress (one per process: minizip's callers carry no
 * context of ours). threads == 0: not packing a workbook.
 *
 * Blocks go round a ring of `cap` slots by sequence number: the packing
 * thread fills block `fill` (the data libxlsxwriter writes), hands it over
 * (fill + 1) and writes the deflated blocks out in order (`emit`); helper
 * threads deflate the handed-over blocks in order (`take`). While the
 * oldest block is not deflated yet, the packing thread deflates the next
 * handed-over one itself, so no thread idles while there is work, and with
 * no helper it deflates every block. A slot is filled again only after its
 * block was written out, and each block carries a copy of its dictionary,
 * so a block's deflate reads no other slot. */
static struct {
    int threads;
    size_t outcap;
    zblock *b;
    unsigned cap;
    unsigned long long fill, take, emit;
    pthread_mutex_t mu;
    pthread_cond_t work, done; /* a block handed over; a block deflated */
    pthread_t helper[ZMAX_THREADS];
    int helpers;
    bool stop;
    void *file; /* the zip of the member opened raw here, or NULL */
    unsigned long long usize;
    unsigned long crc;
    int err;    /* the member's first failure */
    unsigned char *whole; /* the member so far, while it is at most ZWHOLE bytes */
    size_t wlen;
    bool blocks;          /* the member passed ZWHOLE: deflated in blocks */
} zp;

static zblock *slot(unsigned long long seq)
{
    return &zp.b[seq % zp.cap];
}

static void block_deflate(zblock *b)
{
    z_stream *zs = &b->zs;
    b->crc = deflate_crc32(b->in, b->len);
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

/* Takes the next handed-over block and deflates it; zp.mu is held on entry
 * and on return, released while deflating. */
static void take_one(void)
{
    zblock *b = slot(zp.take++);
    pthread_mutex_unlock(&zp.mu);
    block_deflate(b);
    pthread_mutex_lock(&zp.mu);
    b->done = true;
    pthread_cond_broadcast(&zp.done);
}

static void *helper_main(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&zp.mu);
    for (;;) {
        while (!zp.stop && zp.take == zp.fill)
            pthread_cond_wait(&zp.work, &zp.mu);
        if (zp.take == zp.fill)
            break; /* stopped, and nothing left */
        take_one();
    }
    pthread_mutex_unlock(&zp.mu);
    return NULL;
}

/* Writes deflated blocks out in order until a slot is free for the next
 * block (all: until every handed-over block is written), deflating
 * handed-over blocks itself while the oldest one is not done. */
static void drain(bool all, zip_write_fn write_real)
{
    pthread_mutex_lock(&zp.mu);
    while (all ? zp.emit < zp.fill : zp.fill - zp.emit >= zp.cap) {
        zblock *e = slot(zp.emit);
        if (e->done) {
            pthread_mutex_unlock(&zp.mu);
            if (e->failed && zp.err == XLSX_ZIP_OK)
                zp.err = XLSX_ZIP_INTERNALERROR;
            if (zp.err == XLSX_ZIP_OK && e->outlen)
                zp.err = write_real(zp.file, e->out, (unsigned)e->outlen);
            zp.crc = crc32_combine(zp.crc, e->crc, (z_off_t)e->len);
            zp.usize += e->len;
            pthread_mutex_lock(&zp.mu);
            e->done = false;
            zp.emit++;
        } else if (zp.take < zp.fill) {
            take_one();
        } else {
            pthread_cond_wait(&zp.done, &zp.mu);
        }
    }
    pthread_mutex_unlock(&zp.mu);
}

/* Hands the block being filled over (last: it ends the member, and every
 * block is written out before this returns), then prepares the next one in
 * a free slot with this one's tail as its dictionary. */
static void hand_over(bool last, zip_write_fn write_real)
{
    zblock *b = slot(zp.fill);
    b->last = last;
    pthread_mutex_lock(&zp.mu);
    zp.fill++;
    pthread_cond_signal(&zp.work);
    pthread_mutex_unlock(&zp.mu);
    drain(last, write_real);
    if (last)
        return;
    zblock *n = slot(zp.fill);
    n->len = 0;
    n->dictlen = ZDICT; /* b is full: ZBLOCK >= ZDICT bytes */
    memcpy(n->dict, b->in + b->len - ZDICT, ZDICT);
}

void xlsx_zip_begin(int threads)
{
    if (threads < 1)
        threads = 1;
    if (threads > ZMAX_THREADS)
        threads = ZMAX_THREADS;
    unsigned cap = (unsigned)threads * ZBATCH_PER_THREAD;
    zp.b = xcalloc(cap, sizeof *zp.b);
    for (; zp.cap < cap; zp.cap++)
        if (deflateInit2(&zp.b[zp.cap].zs, XLSX_DEFLATE_LEVEL, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
            break;
    if (zp.cap < 2 || pthread_mutex_init(&zp.mu, NULL) != 0) { /* the library deflates (at level 1 still) */
        for (unsigned i = 0; i < zp.cap; i++)
            deflateEnd(&zp.b[i].zs);
        free(zp.b);
        memset(&zp, 0, sizeof zp);
        return;
    }
    pthread_cond_init(&zp.work, NULL);
    pthread_cond_init(&zp.done, NULL);
    zp.outcap = deflateBound(&zp.b[0].zs, ZBLOCK) + 64; /* + the sync flush's empty block */
    for (unsigned i = 0; i < zp.cap; i++) {
        zp.b[i].in = xmalloc(ZBLOCK);
        zp.b[i].out = xmalloc(zp.outcap);
        zp.b[i].dict = xmalloc(ZDICT);
    }
    zp.threads = threads;
    while (zp.helpers < threads - 1 && pthread_create(&zp.helper[zp.helpers], NULL, helper_main, NULL) == 0)
        zp.helpers++;
}

void xlsx_zip_end(void)
{
    if (!zp.threads)
        return;
    pthread_mutex_lock(&zp.mu);
    zp.stop = true;
    pthread_cond_broadcast(&zp.work);
    pthread_mutex_unlock(&zp.mu);
    for (int t = 0; t < zp.helpers; t++)
        pthread_join(zp.helper[t], NULL);
    for (unsigned i = 0; i < zp.cap; i++) {
        deflateEnd(&zp.b[i].zs);
        free(zp.b[i].in);
        free(zp.b[i].out);
        free(zp.b[i].dict);
    }
    free(zp.b);
    free(zp.whole);
    pthread_cond_destroy(&zp.work);
    pthread_cond_destroy(&zp.done);
    pthread_mutex_destroy(&zp.mu);
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
        zp.err = XLSX_ZIP_OK;
        zp.usize = 0;
        zp.crc = crc32(0L, Z_NULL, 0);
        zp.wlen = 0;
        zp.blocks = false;
        zblock *b = slot(zp.fill); /* every earlier block is written out: free */
        b->len = 0;
        b->dictlen = 0;
    }
    return rc;
}

/* Copies the member's data into the blocks, handing each full one over. */
static void feed_blocks(const unsigned char *p, size_t len, zip_write_fn real)
{
    while (len && zp.err == XLSX_ZIP_OK) {
        zblock *b = slot(zp.fill);
        size_t k = ZBLOCK - b->len < len ? ZBLOCK - b->len : len;
        memcpy(b->in + b->len, p, k);
        b->len += k;
        p += k;
        len -= k;
        if (b->len == ZBLOCK)
            hand_over(false, real);
    }
}

int zipWriteInFileInZip(void *file, const void *buf, unsigned len)
{
    REAL(zip_write_fn, real, "zipWriteInFileInZip");
    if (!zp.file || file != zp.file)
        return real(file, buf, len);
    if (!zp.blocks && zp.wlen + len <= ZWHOLE) {
        if (!zp.whole) { /* all of it at once (pages are touched only as used): no copy as it grows */
            zp.whole = xmalloc(ZWHOLE);
        }
        memcpy(zp.whole + zp.wlen, buf, len);
        zp.wlen += len;
        return XLSX_ZIP_OK;
    }
    if (!zp.blocks) { /* past ZWHOLE: what was kept goes into the blocks first */
        zp.blocks = true;
        feed_blocks(zp.whole, zp.wlen, real);
        zp.wlen = 0;
    }
    feed_blocks(buf, len, real);
    return zp.err;
}

/* A member of at most ZWHOLE bytes: one libdeflate call, one write. */
static void write_whole(zip_write_fn real)
{
    size_t olen;
    char *out = deflate_raw(zp.whole, zp.wlen, ZWHOLE_LEVEL, &olen);
    if (!out) {
        zp.err = XLSX_ZIP_INTERNALERROR;
        return;
    }
    zp.err = real(zp.file, out, (unsigned)olen);
    free(out);
    zp.crc = deflate_crc32(zp.whole, zp.wlen);
    zp.usize = zp.wlen;
}

int zipCloseFileInZip(void *file)
{
    REAL(zip_close_fn, real, "zipCloseFileInZip");
    REAL(zip_close_raw_fn, real_raw, "zipCloseFileInZipRaw64");
    REAL(zip_write_fn, real_write, "zipWriteInFileInZip");
    if (!zp.file || file != zp.file)
        return real(file);
    if (zp.blocks) /* the block being filled holds the rest (maybe nothing): it ends the stream */
        hand_over(true, real_write);
    else
        write_whole(real_write);
    zp.file = NULL;
    int rc = real_raw(file, zp.usize, zp.crc);
    return zp.err != XLSX_ZIP_OK ? zp.err : rc;
}
