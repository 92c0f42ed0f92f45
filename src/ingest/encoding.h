/* encoding.h — deciding a file's text encoding once and reading it as UTF-8
 * in bounded chunks.
 *
 * The rule (library-facts.md): UTF-8 BOM → UTF-8 without the BOM; FF FE / FE FF
 * → UTF-16LE/BE, converted; else strict UTF-8 over the whole file; else strict
 * CP949 through iconv("UTF-8", "CP949"). The UTF-8 check is made while the
 * text is handed out, and the first bad byte restarts the stream as CP949. Never per field (345 CP949 Hangul
 * syllables are also valid UTF-8 pairs), never EUC-KR, never //IGNORE.
 * encoding.c is the only module that calls iconv. */
#ifndef SMR_ENCODING_H
#define SMR_ENCODING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "hash.h"
#include "model.h"

/* Looks at the first bytes: ENC_UTF8_BOM, ENC_UTF16LE, ENC_UTF16BE (and the
 * BOM length in *bom), or ENC_AUTO when there is no byte order mark. */
text_encoding enc_sniff_bom(const unsigned char *p, size_t n, size_t *bom);

/* Strict UTF-8 check (no overlongs, no surrogates, nothing above U+10FFFF).
 * Returns the length of the longest valid prefix. When the input ends inside
 * a sequence that could still be completed and `final` is false, *incomplete
 * is set and the return value is where that sequence starts. */
size_t utf8_valid_prefix(const unsigned char *p, size_t n, bool final, bool *incomplete);

/* Number of code points in valid UTF-8 (counts the bytes that are not
 * continuation bytes, so it also works across chunk boundaries). */
size_t utf8_chars(const char *p, size_t n);

/* A file read as UTF-8, chunk by chunk. Memory: one raw buffer and one output
 * buffer of fixed size, whatever the file size. */
typedef struct text_stream {
    const char *path;
    int fd;
    text_encoding enc;      /* decided encoding (never ENC_AUTO after open) */
    bool validate;          /* UTF-8 that still needs checking while reading */
    bool tentative;         /* auto-detected UTF-8: a bad byte restarts as CP949 */
    uint64_t raw_done;      /* raw bytes consumed (decoded or passed on) */
    uint64_t size;          /* file size from fstat at open */
    uint32_t mode;          /* st_mode from fstat (the file type when not_regular) */
    bool not_regular;       /* open refused: a FIFO, device, directory, socket */
    int64_t mtime_ns, ctime_ns; /* from fstat at open: text_stream_changed() compares */
    uint64_t raw_read;      /* bytes read since the (re)start (hashed, parsed) */
    unsigned char *raw;     /* raw buffer */
    size_t raw_len, raw_pos;
    char *out;              /* decoded buffer (iconv) */
    void *cd;               /* iconv_t, or NULL */
    sha256_ctx *sha;        /* when hashing */
    bool eof;
    bool utf8_failed;       /* restarted as CP949 after UTF-8 failed at: */
    uint64_t utf8_bad;
    unsigned char utf8_byte;
    /* set when next() returns -1 */
    int err;                /* errno of a read error, 0 for a decoding error */
    uint64_t bad_offset;    /* decoding error: raw byte offset */
    unsigned char bad_byte;
} text_stream;

/* Opens path. Only a regular file is read: it is opened with O_NONBLOCK (a
 * FIFO never blocks the open) and anything else — FIFO, device (a symlink to
 * /dev/zero), directory, socket — is refused with ts->not_regular and
 * ts->mode set (err = 0) before a byte is read. enc is ENC_AUTO (decide by
 * the rule above: without a BOM the stream starts as UTF-8, ts->tentative) or
 * a forced encoding. With hash,
 * the SHA-256 of the raw bytes is computed while reading (text_stream_close
 * delivers it). Returns 0, or -1 with ts->err (errno). A file that is
 * neither UTF-8 nor CP949 is found by text_stream_next(), which then reports
 * the byte where the encoding that got further broke. ts is always safe to
 * close. */
int text_stream_open(text_stream *ts, const char *path, text_encoding enc, bool hash);
/* Next chunk of UTF-8 text (valid only until the next call): 1 with *p, *n;
 * 0 at the end; -1 on a read error (ts->err) or an undecodable byte
 * (ts->err == 0, ts->bad_offset, ts->bad_byte); 2 when a tentative UTF-8
 * stream met a byte that is not UTF-8 and restarted as CP949: every chunk
 * handed out so far is void and the next call starts again at the file's
 * first byte (ts->enc is now ENC_CP949). 2 comes at most once. */
int text_stream_next(text_stream *ts, const char **p, size_t *n);
/* Reading stops early (a syntax error): a tentative UTF-8 stream checks the
 * rest of the file without handing it out, so that the encoding is decided
 * by the whole file as before. 2 if it restarted as CP949 (as from
 * text_stream_next), 0 if the file is UTF-8 (or the encoding was never in
 * doubt), -1 on a read error. */
int text_stream_settle(text_stream *ts);
/* After the last chunk: true if the file changed while it was read — its
 * size, mtime or ctime now differ from those at open, or the bytes read
 * (hashed and parsed) are not the size it had at open. */
bool text_stream_changed(text_stream *ts);
/* "a FIFO (named pipe)", "a character device", "a directory", ... for st_mode. */
const char *file_type_name(uint32_t mode);
/* Releases everything. If digest is not NULL and hashing was on and the file
 * was read to its end, stores the SHA-256 there and returns true. NULL-safe. */
bool text_stream_close(text_stream *ts, unsigned char digest[32]);

#endif
