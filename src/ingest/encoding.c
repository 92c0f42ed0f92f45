/* encoding.c — one decision per file about its text encoding, then a chunked
 * UTF-8 view of it.
 *
 * Detection follows library-facts.md: a byte order mark decides at once;
 * otherwise the file is read as strict UTF-8, checked chunk by chunk as it
 * is handed out (8 ASCII bytes at a time, runs of Hangul in a loop of their
 * own), and the first byte that is not UTF-8 restarts the stream from the
 * file's start as CP949 through iconv (text_stream_next returns 2: what was
 * handed out so far is void; a byte that is not CP949 either stops the read
 * there). So a valid UTF-8 file is read once, not checked in a pass of its
 * own first, and a CP949 file whose first megabytes happen to be valid UTF-8
 * (345 Hangul syllables are) is still CP949 as soon as one byte anywhere is
 * not UTF-8. When CP949 fails as well, the offending byte
 * reported is the one that came later of the two attempts: the encoding
 * that explained more of the file is most likely the one the user meant.
 *
 * The stream keeps two fixed buffers (raw bytes and iconv output), so
 * memory does not depend on the file size. UTF-8 input is passed through
 * without copying. A character cut at a chunk end is carried over. The
 * SHA-256 of the raw bytes is computed as they are read. */
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"
#include "encoding.h"

/* The fuzz build (make fuzz-build) sets a small RAW_SIZE: chunk boundaries get
 * exercised on small inputs, and a megabyte per open is not allocated (and
 * poisoned by ASan) thousands of times a second. */
#ifndef RAW_SIZE
#define RAW_SIZE ((size_t)1 << 20)
#endif
#define OUT_SIZE (RAW_SIZE * 3 / 2 + 64)

text_encoding enc_sniff_bom(const unsigned char *p, size_t n, size_t *bom)
{
    *bom = 0;
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
        *bom = 3;
        return ENC_UTF8_BOM;
    }
    if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
        *bom = 2;
        return ENC_UTF16LE;
    }
    if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
        *bom = 2;
        return ENC_UTF16BE;
    }
    return ENC_AUTO;
}

size_t utf8_valid_prefix(const unsigned char *p, size_t n, bool final, bool *incomplete)
{
    size_t i = 0;
    *incomplete = false;
    while (i < n) {
        /* ASCII fast path, 8 bytes at a time; a word with a high bit skips
         * straight to it (little-endian: the lowest set bit is the first byte),
         * so the ASCII between two Hangul words costs one step, not one a byte. */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            uint64_t hi = w & UINT64_C(0x8080808080808080);
            if (hi) {
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
                i += (size_t)__builtin_ctzll(hi) / 8;
#else
                while (p[i] < 0x80)
                    i++;
#endif
                break;
            }
            i += 8;
        }
        if (i >= n)
            break;
        unsigned char c = p[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        /* Three-byte fast path for E1..EC leads (all of Hangul but 힘..힣 and
         * most CJK): any two continuation bytes are valid after them. Korean
         * text is runs of them, checked in a loop of their own. */
        if (c >= 0xE1 && c <= 0xEC && i + 2 < n) {
            do {
                if (((p[i + 1] & 0xC0) ^ 0x80) | ((p[i + 2] & 0xC0) ^ 0x80))
                    return i;
                i += 3;
            } while (i + 2 < n && (unsigned)(p[i] - 0xE1) <= 0xEC - 0xE1);
            continue;
        }
        size_t need;
        unsigned char lo = 0x80, hi = 0xBF; /* range of the second byte */
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            if (c == 0xE0)
                lo = 0xA0;
            else if (c == 0xED)
                hi = 0x9F; /* no surrogates */
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F;
        } else {
            return i;
        }
        for (size_t k = 1; k <= need; k++) {
            if (i + k >= n) {
                if (!final)
                    *incomplete = true;
                return i;
            }
            unsigned char b = p[i + k];
            if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF))
                return i;
        }
        i += need + 1;
    }
    return n;
}

size_t utf8_chars(const char *p, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)p[i] & 0xC0) != 0x80;
    return c;
}

static ssize_t read_full(int fd, void *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, (char *)buf + got, n - got);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (r == 0)
            break;
        got += (size_t)r;
    }
    return (ssize_t)got;
}

/* Offset of the first CP949 character in p[0..n) (n ends on a character
 * boundary or at the bad byte) that does not convert on its own: a byte
 * below 0x80 is one character, any other starts a two-byte one. n if all
 * convert. Only called on the error path; leaves cd in its initial state. */
static size_t cp949_first_bad(void *cd, const char *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t k = (unsigned char)p[i] < 0x80 ? 1 : 2;
        if (i + k > n)
            return i;
        char one[2] = {p[i], k == 2 ? p[i + 1] : 0}, out[8];
        char *ip = one, *op = out;
        size_t il = k, ol = sizeof out;
        iconv((iconv_t)cd, NULL, NULL, NULL, NULL);
        if (iconv((iconv_t)cd, &ip, &il, &op, &ol) == (size_t)-1)
            return i;
        i += k;
    }
    iconv((iconv_t)cd, NULL, NULL, NULL, NULL);
    return n;
}

static bool iconv_open_for(text_stream *ts)
{
    const char *from = ts->enc == ENC_CP949     ? "CP949"
                       : ts->enc == ENC_UTF16LE ? "UTF-16LE"
                                                : "UTF-16BE";
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return false;
    ts->cd = cd;
    ts->out = xmalloc(OUT_SIZE);
    return true;
}

/* Moves unconsumed bytes to the front and reads more; hashes what is read. */
static int fill(text_stream *ts)
{
    size_t keep = ts->raw_len - ts->raw_pos;
    memmove(ts->raw, ts->raw + ts->raw_pos, keep);
    ts->raw_pos = 0;
    ts->raw_len = keep;
    ssize_t r = read_full(ts->fd, ts->raw + keep, RAW_SIZE - keep);
    if (r < 0) {
        ts->err = errno;
        return -1;
    }
    if (ts->sha && r > 0)
        sha256_update(ts->sha, ts->raw + keep, (size_t)r);
    ts->raw_read += (uint64_t)r;
    ts->raw_len += (size_t)r;
    if ((size_t)r < RAW_SIZE - keep)
        ts->eof = true;
    return 0;
}

int text_stream_open(text_stream *ts, const char *path, text_encoding enc, bool hash)
{
    memset(ts, 0, sizeof *ts);
    ts->path = path;
    /* O_NONBLOCK: opening a FIFO without a writer would block forever; on a
     * regular file it changes nothing. O_NOCTTY: a terminal device named as
     * input must not become the controlling terminal. */
    ts->fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (ts->fd < 0) {
        ts->err = errno;
        return -1;
    }
    struct stat st;
    if (fstat(ts->fd, &st) != 0) {
        ts->err = errno;
        return -1;
    }
    ts->mode = (uint32_t)st.st_mode;
    if (!S_ISREG(st.st_mode)) {
        ts->not_regular = true;
        ts->err = 0;
        return -1;
    }
    ts->size = (uint64_t)st.st_size;
    ts->mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
    ts->ctime_ns = (int64_t)st.st_ctim.tv_sec * 1000000000 + st.st_ctim.tv_nsec;
    ts->raw = xmalloc(RAW_SIZE);

    unsigned char head[4];
    ssize_t hn = pread(ts->fd, head, sizeof head, 0);
    if (hn < 0) {
        ts->err = errno;
        return -1;
    }
    size_t bom;
    text_encoding sniffed = enc_sniff_bom(head, (size_t)hn, &bom);
    if (enc == ENC_AUTO) {
        if (sniffed != ENC_AUTO) {
            enc = sniffed;
            /* A BOM says UTF-8 but proves nothing: check it while reading. */
            ts->validate = enc == ENC_UTF8_BOM;
        } else {
            /* UTF-8 until a byte says otherwise: checked while reading, and
             * the first bad byte restarts the file as CP949 (text_stream_next). */
            enc = ENC_UTF8;
            ts->validate = true;
            ts->tentative = true;
        }
    } else {
        ts->validate = enc == ENC_UTF8 || enc == ENC_UTF8_BOM;
        /* A forced encoding still drops its own byte order mark. */
        bool same = sniffed == enc || (sniffed == ENC_UTF8_BOM && enc == ENC_UTF8);
        if (!same)
            bom = 0;
        else if (sniffed == ENC_UTF8_BOM)
            enc = ENC_UTF8_BOM;
    }
    ts->enc = enc;
    if (enc == ENC_CP949 || enc == ENC_UTF16LE || enc == ENC_UTF16BE) {
        if (!iconv_open_for(ts)) {
            ts->err = errno;
            return -1;
        }
    }
    if (hash)
        ts->sha = sha256_new();
    if (fill(ts) < 0)
        return -1;
    if (enc == ENC_UTF8_BOM || enc == ENC_UTF16LE || enc == ENC_UTF16BE) {
        ts->raw_pos = bom <= ts->raw_len ? bom : ts->raw_len;
        ts->raw_done = ts->raw_pos;
    }
    return 0;
}

/* A file taken for UTF-8 has a byte that is not: read it again from its start
 * as CP949, remembering where UTF-8 broke (if CP949 breaks too, the one that
 * got further is reported). Returns 2 (restarted) or -1. */
static int restart_as_cp949(text_stream *ts, unsigned char byte)
{
    ts->utf8_failed = true;
    ts->utf8_bad = ts->raw_done;
    ts->utf8_byte = byte;
    ts->tentative = ts->validate = false;
    ts->enc = ENC_CP949;
    if (!iconv_open_for(ts) || lseek(ts->fd, 0, SEEK_SET) != 0) {
        ts->err = errno;
        return -1;
    }
    if (ts->sha) {
        unsigned char d[32];
        sha256_final(ts->sha, d);
        ts->sha = sha256_new();
    }
    ts->raw_len = ts->raw_pos = 0;
    ts->raw_done = ts->raw_read = 0;
    ts->eof = false;
    return fill(ts) < 0 ? -1 : 2;
}

int text_stream_next(text_stream *ts, const char **p, size_t *n)
{
    for (;;) {
        size_t avail = ts->raw_len - ts->raw_pos;
        if (avail == 0 && ts->eof)
            return 0;
        if (!ts->cd) {
            const unsigned char *s = ts->raw + ts->raw_pos;
            size_t k = avail;
            if (ts->validate) {
                bool inc;
                k = utf8_valid_prefix(s, avail, ts->eof, &inc);
                if (k < avail && !inc) {
                    if (k == 0 && ts->tentative)
                        return restart_as_cp949(ts, s[0]);
                    if (k == 0) {
                        ts->err = 0;
                        ts->bad_offset = ts->raw_done;
                        ts->bad_byte = s[0];
                        return -1;
                    }
                    /* Hand out the valid part; the error comes next call. */
                }
            }
            if (k == 0) {
                if (fill(ts) < 0)
                    return -1;
                continue;
            }
            *p = (const char *)s;
            *n = k;
            ts->raw_pos += k;
            ts->raw_done += k;
            return 1;
        }
        char *in = (char *)ts->raw + ts->raw_pos;
        size_t inleft = avail;
        char *o = ts->out;
        size_t oleft = OUT_SIZE;
        size_t rc = iconv((iconv_t)ts->cd, &in, &inleft, &o, &oleft);
        int e = errno;
        if (rc == (size_t)-1 && e == EILSEQ && ts->enc == ENC_CP949) {
            /* glibc's CP949 converter steps over an unassigned pair (A2 E8) before
             * failing, which dropped those bytes silently: find the real spot and
             * convert only up to it, so the next call fails there. */
            char *start = (char *)ts->raw + ts->raw_pos;
            size_t bad = cp949_first_bad(ts->cd, start, (size_t)(in - start));
            if (bad < (size_t)(in - start)) {
                in = start;
                inleft = bad;
                o = ts->out;
                oleft = OUT_SIZE;
                iconv((iconv_t)ts->cd, NULL, NULL, NULL, NULL);
                iconv((iconv_t)ts->cd, &in, &inleft, &o, &oleft); /* all valid */
                inleft = avail - bad;
            }
        }
        size_t used = avail - inleft, made = OUT_SIZE - oleft;
        ts->raw_pos += used;
        ts->raw_done += used;
        if (made) {
            *p = ts->out;
            *n = made;
            return 1;
        }
        if (rc == (size_t)-1 && (e == EILSEQ || (e == EINVAL && ts->eof))) {
            ts->err = 0;
            ts->bad_offset = ts->raw_done;
            ts->bad_byte = inleft ? (unsigned char)*in : 0;
            if (ts->utf8_failed && ts->utf8_bad > ts->bad_offset) {
                /* Neither encoding: name the byte of the one that got further. */
                ts->bad_offset = ts->utf8_bad;
                ts->bad_byte = ts->utf8_byte;
            }
            return -1;
        }
        if (ts->eof && inleft == 0)
            return 0;
        if (fill(ts) < 0)
            return -1;
    }
}

int text_stream_settle(text_stream *ts)
{
    while (ts->tentative) {
        size_t avail = ts->raw_len - ts->raw_pos;
        if (avail == 0 && ts->eof)
            return 0;
        bool inc;
        size_t k = utf8_valid_prefix(ts->raw + ts->raw_pos, avail, ts->eof, &inc);
        ts->raw_pos += k;
        ts->raw_done += k;
        if (k < avail && !inc)
            return restart_as_cp949(ts, ts->raw[ts->raw_pos]);
        if (fill(ts) < 0)
            return -1;
    }
    return 0;
}

bool text_stream_changed(text_stream *ts)
{
    struct stat st;
    if (fstat(ts->fd, &st) != 0)
        return true;
    int64_t m = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
    int64_t c = (int64_t)st.st_ctim.tv_sec * 1000000000 + st.st_ctim.tv_nsec;
    return (uint64_t)st.st_size != ts->size || m != ts->mtime_ns || c != ts->ctime_ns ||
           (ts->eof && ts->raw_read != ts->size);
}

const char *file_type_name(uint32_t mode)
{
    switch (mode & S_IFMT) {
    case S_IFIFO: return "a FIFO (named pipe)";
    case S_IFCHR: return "a character device";
    case S_IFBLK: return "a block device";
    case S_IFDIR: return "a directory";
    case S_IFSOCK: return "a socket";
    case S_IFLNK: return "a symbolic link";
    case S_IFREG: return "a regular file";
    default: return "not a regular file";
    }
}

bool text_stream_close(text_stream *ts, unsigned char digest[32])
{
    if (!ts)
        return false;
    bool done = false;
    if (ts->sha) {
        unsigned char d[32];
        sha256_final(ts->sha, d);
        ts->sha = NULL;
        if (digest && ts->eof && ts->raw_pos == ts->raw_len) {
            memcpy(digest, d, 32);
            done = true;
        }
    }
    if (ts->cd)
        iconv_close((iconv_t)ts->cd);
    if (ts->path && ts->fd >= 0)
        close(ts->fd);
    free(ts->raw);
    free(ts->out);
    memset(ts, 0, sizeof *ts);
    return done;
}
