/* xlsx_tmpfile.c — libxlsxwriter's temporary files in memory while they are
 * small, on disk in the run's staging directory when they grow.
 *
 * libxlsxwriter makes every part of the workbook in a temporary file
 * (lxw_tmpfile: each sheet's constant-memory rows, then each sheet's XML
 * with its header, the styles, the charts, the rels…) and reads it back for
 * the zip: about 40 files for the sample, each a new inode in the staging
 * directory. On this machine's ext4 creating an inode costs 100–150 µs of
 * CPU (the allocator scans for recently deleted inodes); the creates were
 * about 9 % of the sample's whole job.
 *
 * The library calls lxw_tmpfile through the PLT, so this file's definition
 * takes precedence (as xlsx_zip.c does for minizip). It returns a stdio
 * stream (fopencookie) over memory in 64 KiB chunks (growing copies
 * nothing; freed chunks are reused by the next file). All such buffers together hold
 * at most [limits] xlsx_memory bytes (16 MiB): a write that would pass that moves the
 * file to a real temporary file in the directory the library names (the
 * staging directory; created unnamed with O_TMPFILE, else mkstemp and
 * unlink) and every later read, write and seek goes there. Memory stays
 * bounded at any size (a 10M-row sheet spills at once), and a small
 * workbook never touches the disk before its zip. The library only
 * writes, flushes, rewinds, reads and closes these streams (1.1.4: also
 * ftell in worksheet_write_rich_string); seek supports all three whences.
 *
 * The library ignores write errors on its temporary files (a sheet would be
 * cut short); a failed write here is remembered (xlsx_tmpfile_error), and
 * the workbook fails with its cause. When workbook_close fails it leaves
 * the sheets it had not packed yet open (memory, a spilled file's
 * descriptor): xlsx_tmpfile_close_all, after it, closes what is left. Streams are used by one thread each,
 * several at a time (the detail sheets): the budget is an atomic counter. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xlsx_cells.h"

#define XLSX_TMP_CHUNK (64u << 10) /* a file's memory is a list of chunks: growing copies nothing */

static atomic_size_t tmp_in_memory; /* bytes allocated by all buffers */
static size_t tmp_budget = (size_t)16 << 20; /* [limits] xlsx_memory, set before a workbook */
static atomic_int tmp_errno;        /* the first failure's errno, 0 if none */

typedef struct mtmp {
    char **chunk;   /* in memory (fd < 0): XLSX_TMP_CHUNK bytes each */
    size_t nchunks, chunkcap;
    size_t len, cap; /* bytes written; bytes of chunks (counted in tmp_in_memory) */
    off64_t pos;
    int fd;         /* spilled: the real temporary file, else -1 */
    char *dir;
    FILE *f;        /* its stream, in the list of open ones */
    struct mtmp *prev, *next;
} mtmp;

/* The streams not closed yet: the library leaves some open when
 * workbook_close fails; xlsx_tmpfile_close_all closes them after it. */
static pthread_mutex_t open_mu = PTHREAD_MUTEX_INITIALIZER;
static mtmp *open_list;

static void fail(int e)
{
    int zero = 0;
    atomic_compare_exchange_strong(&tmp_errno, &zero, e ? e : EIO);
}

/* An unnamed temporary file in dir, or -1 (errno set). */
static int real_tmp(const char *dir)
{
    int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL))
        return fd;
    size_t n = strlen(dir);
    char *path = malloc(n + 20);
    if (!path)
        return -1;
    memcpy(path, dir, n);
    memcpy(path + n, "/.xlsxtmp.XXXXXX", 17);
    fd = mkostemp(path, O_CLOEXEC);
    if (fd >= 0)
        unlink(path);
    free(path);
    return fd;
}

static bool write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

static void free_chunks(mtmp *t)
{
    for (size_t i = 0; i < t->nchunks; i++)
        free(t->chunk[i]);
    free(t->chunk);
    atomic_fetch_sub(&tmp_in_memory, t->cap);
    t->chunk = NULL;
    t->nchunks = t->chunkcap = t->cap = 0;
}

/* Moves the chunks to a real file; the position is kept. */
static bool spill(mtmp *t)
{
    int fd = real_tmp(t->dir ? t->dir : "/tmp");
    if (fd < 0)
        return false;
    bool ok = true;
    for (size_t i = 0, left = t->len; ok && left; i++, left -= left < XLSX_TMP_CHUNK ? left : XLSX_TMP_CHUNK)
        ok = write_all(fd, t->chunk[i], left < XLSX_TMP_CHUNK ? left : XLSX_TMP_CHUNK);
    if (!ok || lseek(fd, t->pos, SEEK_SET) < 0) {
        int e = errno;
        close(fd);
        errno = e;
        return false;
    }
    free_chunks(t);
    t->fd = fd;
    return true;
}

/* Makes room for `need` bytes in memory within the budget; false: spill. */
static bool grow(mtmp *t, size_t need)
{
    while (t->cap < need) {
        if (atomic_fetch_add(&tmp_in_memory, XLSX_TMP_CHUNK) + XLSX_TMP_CHUNK > tmp_budget) {
            atomic_fetch_sub(&tmp_in_memory, XLSX_TMP_CHUNK);
            return false;
        }
        char *b = malloc(XLSX_TMP_CHUNK);
        if (b && t->nchunks == t->chunkcap) {
            size_t cap = t->chunkcap ? 2 * t->chunkcap : 16;
            char **v = realloc(t->chunk, cap * sizeof *v);
            if (v) {
                t->chunk = v;
                t->chunkcap = cap;
            } else {
                free(b);
                b = NULL;
            }
        }
        if (!b) {
            atomic_fetch_sub(&tmp_in_memory, XLSX_TMP_CHUNK);
            return false;
        }
        t->chunk[t->nchunks++] = b;
        t->cap += XLSX_TMP_CHUNK;
    }
    return true;
}

/* Copies n bytes between the chunks at position pos and buf (to: into the chunks). */
static void chunk_copy(mtmp *t, size_t pos, char *buf, size_t n, bool to)
{
    while (n) {
        char *c = t->chunk[pos / XLSX_TMP_CHUNK] + pos % XLSX_TMP_CHUNK;
        size_t k = XLSX_TMP_CHUNK - pos % XLSX_TMP_CHUNK;
        if (k > n)
            k = n;
        if (to)
            memcpy(c, buf, k);
        else
            memcpy(buf, c, k);
        pos += k;
        buf += k;
        n -= k;
    }
}

static ssize_t tmp_write(void *c, const char *data, size_t n)
{
    mtmp *t = c;
    if (t->fd < 0) {
        size_t end = (size_t)t->pos + n;
        if (grow(t, end)) {
            for (size_t z = t->len; z < (size_t)t->pos; z++) /* after a seek past the end: zeros */
                t->chunk[z / XLSX_TMP_CHUNK][z % XLSX_TMP_CHUNK] = 0;
            chunk_copy(t, (size_t)t->pos, (char *)data, n, true);
            t->pos = (off64_t)end;
            if (end > t->len)
                t->len = end;
            return (ssize_t)n;
        }
        if (!spill(t)) {
            fail(errno);
            return -1;
        }
    }
    if (!write_all(t->fd, data, n)) {
        fail(errno);
        return -1;
    }
    return (ssize_t)n;
}

static ssize_t tmp_read(void *c, char *buf, size_t n)
{
    mtmp *t = c;
    if (t->fd >= 0) {
        ssize_t r;
        while ((r = read(t->fd, buf, n)) < 0 && errno == EINTR)
            ;
        if (r < 0)
            fail(errno);
        return r;
    }
    if ((size_t)t->pos >= t->len)
        return 0;
    size_t k = t->len - (size_t)t->pos < n ? t->len - (size_t)t->pos : n;
    chunk_copy(t, (size_t)t->pos, buf, k, false);
    t->pos += (off64_t)k;
    return (ssize_t)k;
}

static int tmp_seek(void *c, off64_t *off, int whence)
{
    mtmp *t = c;
    if (t->fd >= 0) {
        off64_t r = lseek(t->fd, *off, whence);
        if (r < 0)
            return -1;
        *off = r;
        return 0;
    }
    off64_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? t->pos : (off64_t)t->len;
    if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END) {
        errno = EINVAL;
        return -1;
    }
    if (base + *off < 0) {
        errno = EINVAL;
        return -1;
    }
    t->pos = base + *off;
    *off = t->pos;
    return 0;
}

static int tmp_close(void *c)
{
    mtmp *t = c;
    int rc = 0;
    pthread_mutex_lock(&open_mu);
    if (t->prev)
        t->prev->next = t->next;
    else
        open_list = t->next;
    if (t->next)
        t->next->prev = t->prev;
    pthread_mutex_unlock(&open_mu);
    if (t->fd >= 0)
        rc = close(t->fd);
    free_chunks(t);
    free(t->dir);
    free(t);
    return rc;
}

FILE *lxw_tmpfile(char *tmpdir)
{
    mtmp *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->fd = -1;
    if (tmpdir && !(t->dir = strdup(tmpdir))) {
        free(t);
        return NULL;
    }
    cookie_io_functions_t io = {.read = tmp_read, .write = tmp_write, .seek = tmp_seek, .close = tmp_close};
    FILE *f = fopencookie(t, "w+", io);
    if (!f) {
        free(t->dir);
        free(t);
        return NULL;
    }
    t->f = f;
    pthread_mutex_lock(&open_mu);
    t->next = open_list;
    if (open_list)
        open_list->prev = t;
    open_list = t;
    pthread_mutex_unlock(&open_mu);
    return f;
}

void xlsx_tmpfile_close_all(void)
{
    for (;;) {
        pthread_mutex_lock(&open_mu);
        FILE *f = open_list ? open_list->f : NULL;
        pthread_mutex_unlock(&open_mu);
        if (!f)
            return;
        fclose(f); /* tmp_close takes it off the list */
    }
}

void xlsx_tmpfile_reset(int64_t budget)
{
    tmp_budget = budget > 0 ? (size_t)budget : 0;
    atomic_store(&tmp_errno, 0);
}

int xlsx_tmpfile_error(void)
{
    return atomic_load(&tmp_errno);
}
