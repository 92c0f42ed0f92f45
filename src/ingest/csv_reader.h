/* csv_reader.h — RFC 4180 records from a file in any accepted encoding, and
 * the physical line:column of any field, found again only when needed.
 *
 * csv_reader.c is the only module that includes <csv.h> (libcsv 3.0.3, in
 * CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL). Reading is streamed in
 * chunks through encoding.h; a record's fields are handed to a callback and
 * are valid only during the call. Text goes to libcsv one physical line per
 * call, so every record knows its line for free. Columns are not tracked
 * while parsing (that would cost every field); instead a problem is remembered as
 * (record, field) or a text offset, and csv_locate() turns a batch of those
 * into line:col with one re-scan of the decoded text by a small scanner that
 * agrees with libcsv (blank lines skipped, spaces before a field skipped). */
#ifndef SMR_CSV_READER_H
#define SMR_CSV_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "model.h"

typedef struct csv_field {
    const char *s; /* NUL-terminated; quotes removed, "" undoubled */
    uint32_t len;
    bool nul;      /* the value itself holds a NUL byte (s is then cut short as a C string) */
    bool trimmed;  /* known to have no space or tab at either end (a plain line's field);
                      false: maybe */
} csv_field;

/* Called once per record (record 0 is the header; blank lines are not
 * records) with the physical line the record starts on (a line ends at LF).
 * Return false to stop reading. */
typedef bool (*csv_record_fn)(void *ctx, uint32_t record, uint32_t line, const csv_field *f,
                              uint32_t nf);

typedef enum {
    CSV_READ_OK = 0,
    CSV_READ_IO,      /* cannot open/read: err holds errno */
    CSV_READ_DECODE,  /* neither UTF-8 nor CP949 (or bad UTF-16): bad_offset, bad_byte */
    CSV_READ_SYNTAX,  /* stray or unterminated quote: syntax, text_offset */
    CSV_READ_STOPPED, /* the callback returned false */
    CSV_READ_NOT_REGULAR, /* not a regular file (FIFO, device, directory): file_mode */
    CSV_READ_CHANGED, /* the file changed while it was read (size, mtime or ctime) */
    CSV_READ_LIMIT,   /* a record over a limit: limit, text_offset (record start) */
    CSV_READ_NOMEM,   /* libcsv could not allocate */
} csv_read_status;

typedef enum {
    CSV_LIMIT_BYTES = 1, /* a record longer than record_max_bytes */
    CSV_LIMIT_FIELDS,    /* a record with more than record_max_fields fields */
} csv_limit;

/* Defaults of the limits (csv_read_options, 0 = these). A record is never
 * buffered past them, so a file without line breaks (3 GB of NULs) costs a
 * few megabytes, not its size. 16384 is Excel's column limit. */
#define CSV_RECORD_MAX_BYTES ((uint64_t)4 << 20)
#define CSV_RECORD_MAX_FIELDS 16384u

typedef enum {
    CSV_SYNTAX_STRAY_QUOTE = 1, /* a quote inside an unquoted field */
    CSV_SYNTAX_AFTER_QUOTE,     /* text after a closing quote */
    CSV_SYNTAX_UNTERMINATED,    /* a quoted field open at the end of the file */
} csv_syntax;

typedef struct csv_read_result {
    csv_read_status status;
    text_encoding encoding;
    uint64_t bytes;           /* file size */
    uint32_t records;         /* records delivered, header included */
    bool has_sha256;
    unsigned char sha256[32];
    int err;                  /* CSV_READ_IO */
    uint64_t bad_offset;      /* CSV_READ_DECODE: raw byte offset */
    unsigned char bad_byte;
    csv_syntax syntax;        /* CSV_READ_SYNTAX */
    uint64_t text_offset;     /* CSV_READ_SYNTAX: offset in the decoded text */
    char bad_char;            /* the character at text_offset */
    uint32_t file_mode;       /* CSV_READ_NOT_REGULAR: st_mode */
    csv_limit limit;          /* CSV_READ_LIMIT: which one; text_offset is where the record starts */
    uint32_t limit_record;    /* CSV_READ_LIMIT: the record's index */
    bool limit_nul;           /* CSV_READ_LIMIT: the record holds a NUL byte */
    char delim;               /* the field separator found: ',' or '\t' (csv_sniff_delim) */
} csv_read_result;

typedef struct csv_read_options {
    text_encoding encoding;   /* ENC_AUTO or forced */
    bool hash;                /* SHA-256 of the raw bytes, same pass */
    bool read_ahead;          /* decode and parse on a thread of its own (records still
                               * come on the calling thread, in order) */
    csv_record_fn record;
    void *ctx;
    void (*progress)(void *ctx, uint64_t done, uint64_t total); /* may be NULL */
    void *progress_ctx;
    uint64_t record_max_bytes;  /* 0 = CSV_RECORD_MAX_BYTES */
    uint32_t record_max_fields; /* 0 = CSV_RECORD_MAX_FIELDS */
    /* ENC_AUTO reads a file without a BOM as UTF-8 and checks it while
     * parsing; the first byte that is not UTF-8 starts the file over as
     * CP949. If records were delivered by then, restart(ctx) is called first:
     * the caller forgets them, and the records come again from record 0.
     * NULL: they simply come again. */
    void (*restart)(void *ctx);
} csv_read_options;

/* The field separator of a file whose decoded text starts with p[0..n):
 * '\t' when the first line holding a comma or a tab holds more tabs (Excel's
 * 유니코드 텍스트 and 텍스트 (탭으로 분리) exports), else ','. csv_read and
 * csv_locate decide with it from the file's first chunk. */
char csv_sniff_delim(const char *p, size_t n);

/* Reads path to its end (or the first syntax error, a record over a limit,
 * or until the callback stops it). Only a regular file is read; one that
 * changed while it was read (size, mtime, ctime, or a byte count that is not
 * its size) gives CSV_READ_CHANGED, so the bytes hashed are the bytes parsed
 * or nothing is used. Fills *res in every case; returns res->status. */
csv_read_status csv_read(const char *path, const csv_read_options *opt, csv_read_result *res);

/* ---- positions ---- */
typedef enum {
    CSV_LOC_FIELD = 0, /* first character of field `field` of record `record`
                          (a field past the record's end: where the record ends) */
    CSV_LOC_ROW,       /* the first line of record `record`, col 0 */
    CSV_LOC_OFFSET,    /* the character at decoded-text offset `offset` */
    CSV_LOC_OPEN,      /* the opening quote of the field still open at the end */
} csv_loc_kind;

typedef struct csv_loc {
    csv_loc_kind kind;
    uint32_t record, field;
    uint64_t offset;
    uint32_t line, col;   /* out: 1-based line, 1-based column in characters (0 = whole line) */
} csv_loc;

/* Resolves every loc in place with one pass over path decoded as enc (the
 * encoding csv_read found). Unresolvable ones get line 0. Returns false if
 * the file cannot be read again (locs then keep line 0). */
bool csv_locate(const char *path, text_encoding enc, csv_loc *locs, size_t n);

#endif
