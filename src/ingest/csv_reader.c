/* csv_reader.c — libcsv behind our own interface, and the re-scanner that
 * finds physical line:column positions after the fact.
 *
 * csv_read() streams decoded UTF-8 chunks (encoding.h) into libcsv in strict
 * mode. libcsv hands over each field in its own buffer, which it reuses, so
 * the fields of a record are copied once into one growing record buffer (no
 * allocation per field) and the record callback sees them all at once. A
 * syntax error stops the file: libcsv's return value plus the chunk's offset
 * is the exact offending byte. A file auto-detected as UTF-8 is checked as it
 * is read; when it turns out to be CP949 (text_stream_next returns 2) the
 * parse starts over from the first byte and the caller is told to forget the
 * records it was given (csv_read_options.restart). Most lines of a real export hold no quote at
 * all: such a line, when it starts a record, is split by plain_line() with
 * memchr instead (same fields as libcsv, which then parses only the lines
 * with quotes; test_csv_reader compares the two on every case), which more
 * than doubles the parsing speed.
 *
 * With csv_read_options.read_ahead ([limits] jobs >= 2; ingest asks for it
 * only for a file of 1 MiB or more, ingest_options.read_ahead_min: the
 * thread and its batches cost ~0.5 ms, more than a small file's parse) all of the above
 * runs on a thread of its own and the record callback on the caller's: the
 * parser copies each record (its fields, NUL-terminated, as one block) into
 * a ring of NBATCH (8) batches of about BATCH_BYTES (256 KB), and the caller
 * delivers the full ones in order while the next are parsed (a ring, not
 * two: the parser is faster and runs up to 2 MB ahead, so a moment in which
 * it does not get a core does not stop the caller). The CP949 restart and the progress
 * travel in the batches, so the callbacks are called in the same order with
 * the same arguments as without the thread; only a callback that stops the
 * read is seen late (the records parsed meanwhile are not delivered, but
 * count in res->records as those of the rest of a chunk always did; a parse
 * that reached the end meanwhile still ends CSV_READ_STOPPED).
 * Memory stays fixed: NBATCH batches, each grown at most to one record over
 * the limits. A plain line's fields are marked trimmed (csv_field), so the
 * caller need not look for spaces around them again.
 *
 * Line and column cost nothing while parsing: callers remember (record,
 * field) or a text offset, and csv_locate() resolves a batch with one pass of
 * scan_byte(), a byte-level RFC 4180 state machine that mirrors libcsv's
 * (same states: row not begun, field not begun, unquoted, quoted, quote seen;
 * spaces and tabs before a field skipped; blank lines are no records; CR, LF
 * and CRLF end a record; a physical line ends at LF). It runs only when there
 * is something to report. */
#include <csv.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "csv_reader.h"
#include "encoding.h"

typedef struct handoff handoff;

typedef struct reader {
    char *buf;          /* the current record's fields, each NUL-terminated */
    size_t len, cap;
    size_t *offs;       /* field start offsets in buf */
    csv_field *f;
    uint32_t nf;
    size_t fcap;
    uint32_t record;
    char delim;         /* the field separator: ',' or, for a tab-separated file, '\t' (csv_sniff_delim) */
    uint32_t line;      /* physical line being fed to libcsv */
    uint32_t newlines;  /* line ends crossed inside the current record */
    const csv_read_options *opt;
    uint32_t max_fields;
    bool too_many;      /* the record has more than max_fields fields (the rest not kept) */
    uint32_t limit_record; /* the record that had too many */
    bool stop;
    handoff *h;         /* parsing on a thread of its own: records go to batches */
} reader;

static void batch_record(handoff *h, const reader *r);
static bool handoff_stopped(handoff *h);

/* Room for n more fields in the record arrays. */
static void reserve_fields(reader *r, size_t n)
{
    if (r->nf + n > r->fcap) {
        size_t cap = r->fcap;
        xgrow((void **)&r->offs, &cap, r->nf + n, sizeof *r->offs);
        xgrow((void **)&r->f, &r->fcap, r->nf + n, sizeof *r->f);
    }
}

static void on_field(void *s, size_t len, void *ctx)
{
    reader *r = ctx;
    if (r->nf >= r->max_fields) {
        r->too_many = true; /* counted, never kept: csv_read stops at this record */
        return;
    }
    reserve_fields(r, 1);
    if (r->len + len + 1 > r->cap)
        xgrow((void **)&r->buf, &r->cap, r->len + len + 1, 1);
    if (len)
        memcpy(r->buf + r->len, s, len);
    r->buf[r->len + len] = '\0';
    r->offs[r->nf] = r->len;
    r->f[r->nf].len = (uint32_t)len;
    r->f[r->nf].nul = len && memchr(s, '\0', len) != NULL;
    r->f[r->nf].trimmed = false;
    r->nf++;
    r->len += len + 1;
}

static void on_record(int c, void *ctx);

/* The field separator of a file, from the start of its text: its first line
 * that is not blank decides, a tab when it holds more tabs than commas
 * (Excel's "유니코드 텍스트" and "텍스트 (탭으로 분리)" separate fields with
 * tabs, pad a title row with them as a CSV does with commas, and leave a
 * thousands separator unquoted); else a comma. A line longer than the text
 * given is judged on what is there. */
char csv_sniff_delim(const char *p, size_t n)
{
    size_t tabs = 0, commas = 0, i = 0;
    while (i < n && (p[i] == '\n' || p[i] == '\r' || p[i] == ' ' || p[i] == '\t')) {
        if (p[i] == '\t')
            tabs++;
        if (p[i] == '\n' || p[i] == '\r')
            tabs = 0; /* a line of blanks only is no line */
        i++;
    }
    for (; i < n && p[i] != '\n' && p[i] != '\r'; i++) {
        if (p[i] == '\t')
            tabs++;
        else if (p[i] == ',')
            commas++;
    }
    return tabs > commas ? '\t' : ',';
}

/* Blanks around an unquoted field: spaces, and tabs unless they separate. */
static bool blank(char c, char delim) { return c == ' ' || (c == '\t' && delim != '\t'); }

/* libcsv's test for them in a tab-separated file (a tab is the delimiter there). */
static int space_not_tab(unsigned char c) { return c == ' '; }

/* Fast path for the common line: one complete physical line (ending in LF)
 * that starts a record and holds no quote and no CR except one before the LF.
 * libcsv would split it at commas, skip spaces and tabs before each field and
 * drop them after it, and skip the line as blank if only spaces remain; this
 * does the same with memchr over a single copy of the line. Returns false,
 * consuming nothing, for any other line (libcsv takes it). */
STATIC bool csv_fast_lines = true;

static bool plain_line(reader *r, const char *s, size_t len)
{
    if (!csv_fast_lines || len == 0 || s[len - 1] != '\n' || memchr(s, '"', len))
        return false;
    size_t n = len - 1;
    if (n && s[n - 1] == '\r')
        n--;
    if (memchr(s, '\r', n))
        return false;
    size_t i = 0;
    const char d = r->delim;
    while (i < n && blank(s[i], d))
        i++;
    if (i == n)
        return true; /* blank line: no record */
    if (n + 1 > r->cap)
        xgrow((void **)&r->buf, &r->cap, n + 1, 1);
    char *b = r->buf;
    memcpy(b, s, n);
    b[n] = '\0';
    r->nf = 0;
    bool nul = memchr(b, '\0', n) != NULL; /* rare: then checked per field */
    bool many = n >= r->max_fields; /* else it cannot have too many fields */
    for (;;) {
        while (i < n && blank(b[i], d))
            i++;
        char *comma = memchr(b + i, d, n - i);
        size_t end = comma ? (size_t)(comma - b) : n, e = end;
        while (e > i && blank(b[e - 1], d))
            e--;
        b[e] = '\0';
        if (many && r->nf >= r->max_fields) {
            r->nf = 0; /* libcsv takes the line and the limit stops it there */
            return false;
        }
        reserve_fields(r, 1);
        r->offs[r->nf] = i;
        r->f[r->nf].len = (uint32_t)(e - i);
        r->f[r->nf].nul = nul && memchr(b + i, '\0', e - i) != NULL;
        r->f[r->nf].trimmed = true;
        r->nf++;
        if (!comma)
            break;
        i = end + 1;
    }
    r->len = n + 1; /* the fields and their NULs, for a batch */
    on_record('\n', r);
    return true;
}

static void on_record(int c, void *ctx)
{
    reader *r = ctx;
    (void)c;
    if (r->too_many) {
        /* Not delivered cut short: csv_read stops with CSV_READ_LIMIT. */
        if (!r->stop)
            r->limit_record = r->record;
        r->stop = true;
    } else if (r->h) {
        batch_record(r->h, r); /* the fields' places are set there */
        r->stop = r->stop || handoff_stopped(r->h);
    } else if (!r->stop) {
        for (uint32_t i = 0; i < r->nf; i++)
            r->f[i].s = r->buf + r->offs[i];
        if (!r->opt->record(r->opt->ctx, r->record, r->line - r->newlines, r->f, r->nf))
            r->stop = true;
    }
    r->newlines = 0;
    r->record++;
    r->nf = 0;
    r->len = 0;
}

static void batch_progress(handoff *h, uint64_t done, uint64_t total);
static void batch_restart(handoff *h);

static void report_progress(reader *r, uint64_t done, uint64_t total)
{
    if (r->h)
        batch_progress(r->h, done, total);
    else
        r->opt->progress(r->opt->progress_ctx, done, total);
}

enum { PARSE_DONE, PARSE_EARLY, PARSE_RESTART };

/* Feeds the whole stream to libcsv (and plain_line), filling res. Returns
 * PARSE_EARLY after a syntax error or a limit (the rest not read),
 * PARSE_RESTART when the stream restarted as CP949 (nothing in res is valid
 * then), else PARSE_DONE. */
static int parse_stream(text_stream *ts, struct csv_parser *p, reader *r, uint64_t max_bytes,
                        const csv_read_options *opt, csv_read_result *res)
{
    uint64_t text_off = 0;
    /* The record being read: where it started and how many bytes it has had
     * (counted per piece, so never more than one piece too many). */
    uint64_t rec_start = 0, rec_bytes = 0;
    bool rec_nul = false;
    bool cr_pending = false; /* the last chunk ended with a CR */
    const char *chunk;
    size_t n;
    for (;;) {
        int k = text_stream_next(ts, &chunk, &n);
        if (k == 2)
            return PARSE_RESTART;
        if (k < 0) {
            if (ts->err) {
                res->status = CSV_READ_IO;
                res->err = ts->err;
            } else {
                res->status = CSV_READ_DECODE;
                res->bad_offset = ts->bad_offset;
                res->bad_byte = ts->bad_byte;
            }
            return PARSE_DONE;
        }
        if (k == 0)
            break;
        if (text_off == 0 && !r->delim && n) { /* the first text decides (an empty chunk does not) */
            r->delim = csv_sniff_delim(chunk, n);
            if (r->delim == '\t') {
                csv_set_delim(p, '\t');
                csv_set_space_func(p, space_not_tab);
            }
        }
        /* One physical line per call: the callbacks then know their line. A
         * line ends at LF, CRLF, or a CR alone (old Mac Excel): such a CR is
         * looked for only on the lines libcsv takes (plain_line refuses a
         * line with a CR inside). The next LF is searched for once per
         * chunk position, not once per CR line. */
        const char *nl = NULL;
        size_t pos = 0;
        if (cr_pending && n && chunk[0] == '\n') {
            /* The CR that ended the last chunk was the first half of a CRLF:
             * that line was counted already. */
            if (csv_parse(p, chunk, 1, on_field, on_record, r) != 1) {
                res->status = CSV_READ_NOMEM;
                return PARSE_DONE;
            }
            pos = 1;
        }
        cr_pending = false;
        bool nl_known = false;
        while (pos < n) {
            if (!nl_known || (nl && nl < chunk + pos)) {
                nl = memchr(chunk + pos, '\n', n - pos);
                nl_known = true;
            }
            size_t len = nl ? (size_t)(nl - chunk) + 1 - pos : n - pos;
            /* A plain line is whole in the chunk, so never over the byte limit. */
            if (nl && p->pstate == 0 && plain_line(r, chunk + pos, len)) {
                pos += len;
                r->line++;
                continue;
            }
            bool ends = nl != NULL;
            const char *cr = memchr(chunk + pos, '\r', len);
            if (cr && cr + 1 < chunk + n && cr[1] != '\n') {
                len = (size_t)(cr - chunk) + 1 - pos; /* a CR alone ends the line */
                ends = true;
            } else if (cr && cr + 1 == chunk + n) {
                ends = cr_pending = true; /* CR at the chunk's end: LF may follow */
            }
            if (p->pstate == 0) {
                rec_start = text_off + pos;
                rec_bytes = 0;
                rec_nul = false;
            }
            size_t used = csv_parse(p, chunk + pos, len, on_field, on_record, r);
            if (used < len) {
                if (csv_error(p) == CSV_EPARSE) {
                    char c = chunk[pos + used];
                    res->status = CSV_READ_SYNTAX;
                    res->text_offset = text_off + pos + used;
                    res->bad_char = c;
                    res->syntax = c == '"' ? CSV_SYNTAX_STRAY_QUOTE : CSV_SYNTAX_AFTER_QUOTE;
                    return PARSE_EARLY;
                }
                res->status = CSV_READ_NOMEM;
                return PARSE_DONE;
            }
            rec_bytes += used;
            if (p->pstate != 0 && !rec_nul)
                rec_nul = memchr(chunk + pos, '\0', used) != NULL;
            if (r->too_many || (p->pstate != 0 && rec_bytes > max_bytes)) {
                /* Stop before buffering more: a line without end (a binary
                 * file, a quote never closed) must not take the memory of its size. */
                res->status = CSV_READ_LIMIT;
                res->limit = r->too_many ? CSV_LIMIT_FIELDS : CSV_LIMIT_BYTES;
                res->text_offset = rec_start;
                res->limit_record = r->too_many && r->stop ? r->limit_record : r->record;
                res->limit_nul = rec_nul;
                return PARSE_EARLY;
            }
            pos += len;
            if (ends) {
                r->line++;
                /* libcsv's pstate 0 is ROW_NOT_BEGUN: otherwise a quoted field
                 * goes on to the next line and the record started earlier. */
                if (p->pstate != 0)
                    r->newlines++;
            }
        }
        text_off += n;
        if (r->stop) {
            res->status = CSV_READ_STOPPED;
            return PARSE_DONE;
        }
        if (opt->progress)
            report_progress(r, ts->raw_done, ts->size);
    }
    if (csv_fini(p, on_field, on_record, r) != 0) {
        res->status = CSV_READ_SYNTAX;
        res->syntax = CSV_SYNTAX_UNTERMINATED;
        res->text_offset = text_off;
        return PARSE_DONE;
    }
    if (r->too_many) {
        res->status = CSV_READ_LIMIT;
        res->limit = CSV_LIMIT_FIELDS;
        res->text_offset = rec_start;
        res->limit_record = r->limit_record;
        return PARSE_DONE;
    }
    res->status = r->stop ? CSV_READ_STOPPED : CSV_READ_OK;
    return PARSE_DONE;
}

/* csv_read on this thread; with h, the records go to h's batches. */
static void read_file(const char *path, const csv_read_options *opt, csv_read_result *res,
                      handoff *h)
{
    memset(res, 0, sizeof *res);
    text_stream ts;
    reader r;
    memset(&r, 0, sizeof r);
    r.opt = opt;
    r.h = h;
    r.line = 1;
    struct csv_parser p;
    bool parser = false;

    r.max_fields = opt->record_max_fields ? opt->record_max_fields : CSV_RECORD_MAX_FIELDS;
    uint64_t max_bytes = opt->record_max_bytes ? opt->record_max_bytes : CSV_RECORD_MAX_BYTES;

    int rc = text_stream_open(&ts, path, opt->encoding, opt->hash);
    res->encoding = ts.enc;
    res->bytes = ts.size;
    if (rc == -1) {
        res->status = ts.not_regular ? CSV_READ_NOT_REGULAR : CSV_READ_IO;
        res->err = ts.err;
        res->file_mode = ts.mode;
        goto out;
    }
    for (;;) {
        if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
            res->status = CSV_READ_NOMEM;
            goto out;
        }
        parser = true;
        /* libcsv's buffer grows through our allocator: out of memory there ends
         * the run like anywhere else (exit 70), not as an unreadable file. */
        csv_set_realloc_func(&p, xrealloc);
        int how = parse_stream(&ts, &p, &r, max_bytes, opt, res);
        /* Stopped before the end: whether the file is UTF-8 is still decided
         * by all of it (as CP949 the error may be elsewhere, or none). */
        if (how == PARSE_EARLY) {
            int v = text_stream_settle(&ts);
            if (v == 2) {
                how = PARSE_RESTART;
            } else if (v < 0) {
                res->status = CSV_READ_IO;
                res->err = ts.err;
            }
        }
        if (how != PARSE_RESTART)
            break;
        /* Not UTF-8 after all: the file starts again as CP949. What was
         * parsed is void; records already delivered are withdrawn by the
         * caller's restart callback. */
        csv_free(&p);
        parser = false;
        if (r.record && opt->restart) {
            if (h)
                batch_restart(h);
            else
                opt->restart(opt->ctx);
        }
        memset(res, 0, sizeof *res);
        res->encoding = ts.enc;
        res->bytes = ts.size;
        r.record = r.nf = 0;
        r.len = 0;
        r.delim = 0;
        r.line = 1;
        r.newlines = 0;
        r.too_many = r.stop = false;
    }
out:
    /* Whatever was found in a file that changed under us describes no
     * version of it: the only thing to say is that it changed. */
    if (res->status != CSV_READ_IO && res->status != CSV_READ_NOT_REGULAR &&
        res->status != CSV_READ_NOMEM && rc == 0 && text_stream_changed(&ts))
        res->status = CSV_READ_CHANGED;
    res->records = r.record;
    res->delim = r.delim ? r.delim : ',';
    res->has_sha256 = text_stream_close(&ts, res->sha256);
    if (parser)
        csv_free(&p);
    free(r.buf);
    free(r.offs);
    free(r.f);
}

/* ---- parsing on a thread of its own ---- */

/* The fuzz build makes it small: records then cross batches on small inputs. */
#ifndef BATCH_BYTES
#define BATCH_BYTES ((size_t)256 << 10)
#endif
#ifndef NBATCH
#define NBATCH 8
#endif

typedef struct batch_rec {
    uint32_t record, line;
    size_t field;        /* its first field in f */
    uint32_t nf;
} batch_rec;

typedef struct batch {
    char *text;          /* the records' fields, each NUL-terminated */
    size_t len, cap;
    csv_field *f;        /* s is an offset into text (as size_t) until the batch is full */
    size_t nf, fcap;
    batch_rec *rec;
    size_t nrec, rcap;
    bool restart;        /* after these records the file starts over (opt->restart) */
    bool progress;       /* then opt->progress(done, total) */
    uint64_t done, total;
    bool last;           /* the parse is over: res is final */
    bool full;           /* handed to the caller, not yet given back */
} batch;

struct handoff {
    pthread_mutex_t mu;
    pthread_cond_t cv;   /* a batch filled or given back */
    batch b[NBATCH];
    int fill;            /* the batch the parser writes */
    atomic_bool stopped; /* the record callback returned false */
    const char *path;
    const csv_read_options *opt;
    csv_read_result res; /* the parser's, read by the caller after the join */
};

/* Hands the batch being filled to the caller; unless it is the last, waits
 * until the caller gives the next one of the ring back and fills that one. */
static void batch_hand(handoff *h, bool last)
{
    batch *b = &h->b[h->fill];
    for (size_t i = 0; i < b->nf; i++)
        b->f[i].s = b->text + (uintptr_t)b->f[i].s;
    b->last = last;
    pthread_mutex_lock(&h->mu);
    b->full = true;
    pthread_cond_broadcast(&h->cv);
    h->fill = (h->fill + 1) % NBATCH;
    batch *next = &h->b[h->fill];
    while (!last && next->full)
        pthread_cond_wait(&h->cv, &h->mu);
    pthread_mutex_unlock(&h->mu);
    if (!last) {
        next->len = next->nf = next->nrec = 0;
        next->restart = next->progress = false;
    }
}

static void batch_record(handoff *h, const reader *r)
{
    batch *b = &h->b[h->fill];
    if (b->len + r->len > b->cap)
        xgrow((void **)&b->text, &b->cap, b->len + r->len, 1);
    if (b->nf + r->nf > b->fcap)
        xgrow((void **)&b->f, &b->fcap, b->nf + r->nf, sizeof *b->f);
    if (b->nrec + 1 > b->rcap)
        xgrow((void **)&b->rec, &b->rcap, b->nrec + 1, sizeof *b->rec);
    memcpy(b->text + b->len, r->buf, r->len);
    csv_field *f = b->f + b->nf;
    for (uint32_t i = 0; i < r->nf; i++)
        f[i] = (csv_field){(const char *)(uintptr_t)(b->len + r->offs[i]), r->f[i].len, r->f[i].nul,
                           r->f[i].trimmed};
    b->rec[b->nrec++] = (batch_rec){r->record, r->line - r->newlines, b->nf, r->nf};
    b->nf += r->nf;
    b->len += r->len;
    if (b->len >= BATCH_BYTES)
        batch_hand(h, false);
}

static bool handoff_stopped(handoff *h)
{
    return atomic_load_explicit(&h->stopped, memory_order_relaxed);
}

static void batch_progress(handoff *h, uint64_t done, uint64_t total)
{
    batch *b = &h->b[h->fill];
    b->progress = true;
    b->done = done;
    b->total = total;
}

static void batch_restart(handoff *h)
{
    h->b[h->fill].restart = true;
    batch_hand(h, false);
}

static void *parse_main(void *arg)
{
    handoff *h = arg;
    read_file(h->path, h->opt, &h->res, h);
    batch_hand(h, true);
    return NULL;
}

/* The caller's side: delivers each batch the parser hands over, in order,
 * until the last. */
static void deliver(handoff *h, const csv_read_options *opt)
{
    bool stopped = false;
    for (int k = 0;; k = (k + 1) % NBATCH) {
        batch *b = &h->b[k];
        pthread_mutex_lock(&h->mu);
        while (!b->full)
            pthread_cond_wait(&h->cv, &h->mu);
        pthread_mutex_unlock(&h->mu);
        for (size_t i = 0; i < b->nrec && !stopped; i++) {
            const batch_rec *q = &b->rec[i];
            if (!opt->record(opt->ctx, q->record, q->line, b->f + q->field, q->nf)) {
                stopped = true;
                atomic_store(&h->stopped, true);
            }
        }
        if (b->restart && !stopped)
            opt->restart(opt->ctx);
        if (b->progress)
            opt->progress(opt->progress_ctx, b->done, b->total);
        bool last = b->last;
        pthread_mutex_lock(&h->mu);
        b->full = false;
        pthread_cond_broadcast(&h->cv);
        pthread_mutex_unlock(&h->mu);
        if (last)
            return;
    }
}

/* csv_read with the parser on a thread of its own; false (nothing read) when
 * the thread cannot start. */
static bool read_beside(const char *path, const csv_read_options *opt, csv_read_result *res)
{
    handoff *h = xcalloc(1, sizeof *h);
    h->path = path;
    h->opt = opt;
    atomic_init(&h->stopped, false);
    pthread_t t;
    bool ok = pthread_mutex_init(&h->mu, NULL) == 0;
    if (ok && pthread_cond_init(&h->cv, NULL) != 0) {
        pthread_mutex_destroy(&h->mu);
        ok = false;
    }
    if (ok && pthread_create(&t, NULL, parse_main, h) != 0) {
        pthread_cond_destroy(&h->cv);
        pthread_mutex_destroy(&h->mu);
        ok = false;
    }
    if (ok) {
        deliver(h, opt);
        pthread_join(t, NULL);
        *res = h->res;
        /* The parser may have read to the end before it saw the stop. */
        if (atomic_load(&h->stopped) && res->status == CSV_READ_OK)
            res->status = CSV_READ_STOPPED;
        pthread_cond_destroy(&h->cv);
        pthread_mutex_destroy(&h->mu);
    }
    for (int k = 0; k < NBATCH; k++) {
        free(h->b[k].text);
        free(h->b[k].f);
        free(h->b[k].rec);
    }
    free(h);
    return ok;
}

csv_read_status csv_read(const char *path, const csv_read_options *opt, csv_read_result *res)
{
    if (!opt->read_ahead || !read_beside(path, opt, res))
        read_file(path, opt, res, NULL);
    return res->status;
}


/* ---- the re-scanner ---- */

enum { S_ROW, S_FIELD, S_UNQUOTED, S_QUOTED, S_QUOTE_SEEN };

typedef struct scanner {
    int state;
    uint32_t line, col;     /* current line; characters started on it so far */
    uint32_t record;        /* index of the current (or next) record */
    uint32_t field;         /* index of the current field */
    uint32_t rec_line;
    uint32_t fld_line, fld_col;
    uint32_t sp_line, sp_col; /* first space before the field not yet begun; sp_col 0 = none */
    uint64_t offset;
    bool after_cr;          /* the byte before was a CR */
    char delim;             /* the field separator (csv_sniff_delim, as the parse found it) */
    /* targets, sorted */
    csv_loc **byrec;
    size_t nrec, irec;
    csv_loc **byoff;
    size_t noff, ioff;
} scanner;

static int cmp_rec(const void *a, const void *b)
{
    const csv_loc *x = *(csv_loc *const *)a, *y = *(csv_loc *const *)b;
    uint32_t fx = x->kind == CSV_LOC_ROW ? 0 : x->field, fy = y->kind == CSV_LOC_ROW ? 0 : y->field;
    if (x->record != y->record)
        return x->record < y->record ? -1 : 1;
    return fx < fy ? -1 : fx > fy;
}

static int cmp_off(const void *a, const void *b)
{
    const csv_loc *x = *(csv_loc *const *)a, *y = *(csv_loc *const *)b;
    return x->offset < y->offset ? -1 : x->offset > y->offset;
}

/* A field of the current record starts at (line, col). */
static void field_starts(scanner *sc, uint32_t line, uint32_t col)
{
    sc->fld_line = line;
    sc->fld_col = col;
    while (sc->irec < sc->nrec) {
        csv_loc *l = sc->byrec[sc->irec];
        if (l->record != sc->record)
            break;
        if (l->kind == CSV_LOC_ROW) {
            l->line = sc->rec_line;
            l->col = 0;
        } else if (l->field == sc->field) {
            l->line = line;
            l->col = col;
        } else if (l->field > sc->field) {
            break;
        }
        sc->irec++;
    }
}

/* The current record ended at (line, col), its line end or the end of the
 * file: a target past its last field (a missing field) points there; a row
 * target, to the record's first line. */
static void record_ends(scanner *sc, uint32_t line, uint32_t col)
{
    while (sc->irec < sc->nrec && sc->byrec[sc->irec]->record == sc->record) {
        csv_loc *l = sc->byrec[sc->irec];
        bool row = l->kind == CSV_LOC_ROW;
        l->line = row ? sc->rec_line : line;
        l->col = row ? 0 : col;
        sc->irec++;
    }
    sc->record++;
    sc->state = S_ROW;
}

static void scan_byte(scanner *sc, unsigned char c)
{
    bool lead = (c & 0xC0) != 0x80;
    uint32_t line = sc->line, col = sc->col + (lead ? 1 : 0);
    if (!lead && col == 0)
        col = 1;
    while (sc->ioff < sc->noff && sc->byoff[sc->ioff]->offset == sc->offset) {
        sc->byoff[sc->ioff]->line = line;
        sc->byoff[sc->ioff]->col = col;
        sc->ioff++;
    }
    bool space = blank((char)c, sc->delim), term = c == '\r' || c == '\n';
    const unsigned char d = (unsigned char)sc->delim;
    switch (sc->state) {
    case S_ROW:
        if (space && !sc->sp_col)
            sc->sp_line = line, sc->sp_col = col;
        if (space || term) {
            if (term)
                sc->sp_col = 0;
            break;
        }
        sc->rec_line = sc->sp_col ? sc->sp_line : line;
        sc->field = 0;
        /* fall through */
    case S_FIELD:
        if (space) {
            if (!sc->sp_col)
                sc->sp_line = line, sc->sp_col = col;
            break;
        }
        /* A field of spaces only is empty: it starts at its first space. */
        if (sc->sp_col && (c == d || term))
            field_starts(sc, sc->sp_line, sc->sp_col);
        else
            field_starts(sc, line, col);
        sc->sp_col = 0;
        if (term) {
            record_ends(sc, line, col);
        } else if (c == '"') {
            sc->state = S_QUOTED;
        } else if (c == d) {
            sc->field++;
            sc->state = S_FIELD;
        } else {
            sc->state = S_UNQUOTED;
        }
        break;
    case S_UNQUOTED:
        if (c == d) {
            sc->field++;
            sc->state = S_FIELD;
        } else if (term) {
            record_ends(sc, line, col);
        }
        break;
    case S_QUOTED:
        if (c == '"')
            sc->state = S_QUOTE_SEEN;
        break;
    case S_QUOTE_SEEN:
        if (c == '"') {
            sc->state = S_QUOTED;
        } else if (c == d) {
            sc->field++;
            sc->state = S_FIELD;
        } else if (term) {
            record_ends(sc, line, col);
        }
        break;
    }
    /* Line accounting: a line ends at LF, CRLF or a CR alone (a CR is not a
     * character; the LF of a CRLF ends nothing more). */
    if (c == '\r' || (c == '\n' && !sc->after_cr))
        sc->line++, sc->col = 0;
    else if (lead && c != '\n')
        sc->col++;
    sc->after_cr = c == '\r';
    sc->offset++;
}

/* Inside an unquoted field only the separator, CR or LF changes anything but the
 * column and the offset: csv_locate steps over the other bytes in a loop of
 * its own (stopping before the next offset target), as scan_byte would one
 * by one. Off in tests and the fuzzer, which compare the two. */
STATIC bool csv_locate_fast = true;

/* Bytes of p[0..n) that scan_byte would take in S_UNQUOTED without a change
 * of state, up to `room` of them; the column counted as it would. */
static size_t skip_unquoted(scanner *sc, const char *p, size_t n, uint64_t room)
{
    size_t j = 0;
    uint32_t col = sc->col;
    while (j < n && j < room && p[j] != sc->delim && p[j] != '\n' && p[j] != '\r')
        col += ((unsigned char)p[j++] & 0xC0) != 0x80;
    if (j) {
        sc->col = col;
        sc->offset += j;
        sc->after_cr = false;
    }
    return j;
}

bool csv_locate(const char *path, text_encoding enc, csv_loc *locs, size_t n)
{
    scanner sc;
    memset(&sc, 0, sizeof sc);
    sc.line = 1;
    sc.byrec = xmalloc((n ? n : 1) * sizeof *sc.byrec);
    sc.byoff = xmalloc((n ? n : 1) * sizeof *sc.byoff);
    csv_loc *open_loc = NULL;
    for (size_t i = 0; i < n; i++) {
        locs[i].line = locs[i].col = 0;
        if (locs[i].kind == CSV_LOC_OFFSET)
            sc.byoff[sc.noff++] = &locs[i];
        else if (locs[i].kind == CSV_LOC_OPEN)
            open_loc = &locs[i];
        else
            sc.byrec[sc.nrec++] = &locs[i];
    }
    qsort(sc.byrec, sc.nrec, sizeof *sc.byrec, cmp_rec);
    qsort(sc.byoff, sc.noff, sizeof *sc.byoff, cmp_off);

    text_stream ts;
    bool ok = text_stream_open(&ts, path, enc, false) == 0;
    while (ok && (sc.irec < sc.nrec || sc.ioff < sc.noff || open_loc)) {
        const char *p;
        size_t len;
        int k = text_stream_next(&ts, &p, &len);
        if (k < 0)
            ok = false;
        if (k <= 0)
            break;
        if (!sc.delim && len)
            sc.delim = csv_sniff_delim(p, len); /* as the parse did on the same first text */
        for (size_t i = 0; i < len;) {
            if (sc.state == S_UNQUOTED && csv_locate_fast) {
                uint64_t room =
                    sc.ioff < sc.noff ? sc.byoff[sc.ioff]->offset - sc.offset : UINT64_MAX;
                size_t skipped = skip_unquoted(&sc, p + i, len - i, room);
                i += skipped;
                if (skipped)
                    continue;
            }
            scan_byte(&sc, (unsigned char)p[i++]);
        }
    }
    text_stream_close(&ts, NULL);
    if (ok && open_loc && sc.state == S_QUOTED) {
        open_loc->line = sc.fld_line;
        open_loc->col = sc.fld_col;
    }
    /* A record cut off by the end of the file still ends there. */
    if (ok && sc.state != S_ROW)
        record_ends(&sc, sc.line, sc.col + 1);
    free(sc.byrec);
    free(sc.byoff);
    return ok;
}
