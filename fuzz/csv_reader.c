/* fuzz/csv_reader.c — libFuzzer harness for the CSV reader (csv_reader.c over
 * encoding.c): any bytes as a file, read with encoding detection and hashing,
 * then every kind of position resolved with csv_locate().
 *
 * Invariants checked besides memory safety: records arrive numbered 0, 1, 2…
 * on non-decreasing lines ≥ 1 (again from 0 after the one restart that a
 * file auto-detected as UTF-8 may make as CP949, through the restart callback); every field is NUL-terminated at its length;
 * the count in the result equals the callbacks seen; a decoding error points
 * at the byte it names; a file read without error can be re-scanned by
 * csv_locate; a stray-quote position resolves to a line; read again with the
 * parser on a thread of its own (read_ahead), the records (a running hash of
 * every record's number, line and fields), the restarts and the result are
 * the same; csv_locate with and without its skipping of unquoted fields
 * gives the same positions. The input is a memfd opened by path, so the real
 * open/fstat/read path runs. */
#include "fuzz_common.h"

#include "csv_reader.h"

extern bool csv_locate_fast;

typedef struct fz_csv_ctx {
    uint32_t records;
    uint32_t last_line;
    uint32_t max_fields;
    uint32_t restarts;
    uint64_t hash;       /* FNV-1a over what the callbacks were given */
} fz_csv_ctx;

static void fz_csv_mix(fz_csv_ctx *c, const void *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        c->hash = (c->hash ^ ((const unsigned char *)p)[i]) * 0x100000001B3u;
}

/* A file taken for UTF-8 turned out CP949: records start again from 0. */
static void fz_csv_restart(void *ctx)
{
    fz_csv_ctx *c = ctx;
    FUZZ_CHECK(c->records > 0);
    c->records = c->last_line = c->max_fields = 0;
    c->restarts++;
    fz_csv_mix(c, "restart", 7);
}

static bool fz_csv_record(void *ctx, uint32_t record, uint32_t line, const csv_field *f,
                          uint32_t nf)
{
    fz_csv_ctx *c = ctx;
    FUZZ_CHECK(record == c->records);
    FUZZ_CHECK(line >= 1 && line >= c->last_line);
    fz_csv_mix(c, &record, sizeof record);
    fz_csv_mix(c, &line, sizeof line);
    fz_csv_mix(c, &nf, sizeof nf);
    for (uint32_t i = 0; i < nf; i++) {
        FUZZ_CHECK(f[i].s != NULL && f[i].s[f[i].len] == '\0');
        if (f[i].trimmed && f[i].len) /* then no space or tab at either end */
            FUZZ_CHECK(f[i].s[0] != ' ' && f[i].s[0] != '\t' && f[i].s[f[i].len - 1] != ' ' &&
                       f[i].s[f[i].len - 1] != '\t');
        fz_csv_mix(c, f[i].s, f[i].len + 1);
        fz_csv_mix(c, &f[i].nul, 1);
    }
    if (nf > c->max_fields)
        c->max_fields = nf;
    c->last_line = line;
    c->records++;
    return true;
}

FUZZ_ENTRY(csv_reader)
{
    char path[32];
    int fd = fuzz_memfile(data, size, path);
    if (fd < 0)
        return 0;

    /* The first byte picks the forced encoding now and then, so the forced
     * paths (CP949, UTF-16 without a BOM) are reached too. */
    text_encoding enc = ENC_AUTO;
    if (size > 0 && data[0] >= 0xF0)
        enc = (text_encoding)(data[0] % 5); /* ENC_UTF8 .. ENC_UTF16BE */

    fz_csv_ctx c = {0};
    csv_read_options opt = {.encoding = enc, .hash = true, .record = fz_csv_record, .ctx = &c,
                            .restart = fz_csv_restart};
    csv_read_result res;
    csv_read_status st = csv_read(path, &opt, &res);
    FUZZ_CHECK(st == res.status);
    /* Only auto-detection restarts, at most once, and only as CP949. */
    FUZZ_CHECK(c.restarts <= 1);
    if (c.restarts)
        FUZZ_CHECK(enc == ENC_AUTO && res.encoding == ENC_CP949);
    FUZZ_CHECK(res.bytes == size);
    FUZZ_CHECK(res.records == c.records);
    if (st == CSV_READ_OK)
        FUZZ_CHECK(res.has_sha256);
    if (st == CSV_READ_DECODE)
        FUZZ_CHECK(res.bad_offset < size && data[res.bad_offset] == res.bad_byte);

    fz_csv_ctx c2 = {0};
    csv_read_options o2 = opt;
    o2.ctx = &c2;
    o2.read_ahead = true;
    csv_read_result r2;
    FUZZ_CHECK(csv_read(path, &o2, &r2) == st);
    FUZZ_CHECK(c2.hash == c.hash && c2.records == c.records && c2.restarts == c.restarts);
    FUZZ_CHECK(r2.records == res.records && r2.encoding == res.encoding &&
               r2.has_sha256 == res.has_sha256 && r2.bad_offset == res.bad_offset &&
               r2.text_offset == res.text_offset && r2.syntax == res.syntax &&
               r2.limit == res.limit && r2.limit_record == res.limit_record);
    if (res.has_sha256)
        FUZZ_CHECK(memcmp(r2.sha256, res.sha256, 32) == 0);

    if (st == CSV_READ_OK || st == CSV_READ_SYNTAX) {
        csv_loc locs[6] = {
            {.kind = CSV_LOC_FIELD, .record = 0, .field = 0},
            {.kind = CSV_LOC_FIELD, .record = c.records ? c.records - 1 : 0, .field = c.max_fields},
            {.kind = CSV_LOC_ROW, .record = c.records / 2},
            {.kind = CSV_LOC_FIELD, .record = c.records + 3, .field = 1},
            {.kind = CSV_LOC_OFFSET, .offset = st == CSV_READ_SYNTAX ? res.text_offset : size / 2},
            {.kind = CSV_LOC_OPEN},
        };
        /* After a syntax error the rest of the file was never decoded: a CP949
         * file may hold an invalid byte further on, and then csv_locate fails
         * there (positions before it are still resolved). */
        csv_loc again[6];
        memcpy(again, locs, sizeof locs);
        bool ok = csv_locate(path, res.encoding, locs, 6);
        /* The same positions without csv_locate's skipping of unquoted fields. */
        csv_locate_fast = false;
        FUZZ_CHECK(csv_locate(path, res.encoding, again, 6) == ok);
        csv_locate_fast = true;
        for (int i = 0; i < 6; i++)
            FUZZ_CHECK(again[i].line == locs[i].line && again[i].col == locs[i].col);
        if (st == CSV_READ_OK)
            FUZZ_CHECK(ok);
        if (c.records > 0)
            FUZZ_CHECK(locs[0].line >= 1);
        if (st == CSV_READ_SYNTAX && res.syntax != CSV_SYNTAX_UNTERMINATED)
            FUZZ_CHECK(locs[4].line >= 1);
    }
    close(fd);
    return 0;
}
