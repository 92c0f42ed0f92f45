/* test_csv_reader.c — csv_read() with and without the fast path for plain
 * lines, and with the parser on a thread of its own (read_ahead), must
 * deliver the same records, fields and lines.
 *
 * Each input of the table is written to a file and read twice: once with
 * csv_fast_lines off (every byte through libcsv) and once on. The records
 * (line, field count, each field's bytes and length) and the final status
 * must be identical, and a few are also compared with the fields written out
 * by hand, so that both paths being wrong the same way would still fail. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv_reader.h"
#include "strbuf.h"

extern bool csv_fast_lines;
extern bool csv_locate_fast;

static char dir[64];

static const char *write_file(const char *data, size_t n)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/t.csv", dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
    return path;
}

/* Every record as "line:field|field|...\n", fields with their lengths. */
static bool dump(void *ctx, uint32_t record, uint32_t line, const csv_field *f, uint32_t nf)
{
    strbuf *b = ctx;
    sb_addf(b, "%u@%u:", record, line);
    for (uint32_t i = 0; i < nf; i++) {
        assert_int_equal(f[i].s[f[i].len], '\0');
        assert_int_equal(f[i].nul, memchr(f[i].s, '\0', f[i].len) != NULL);
        if (f[i].trimmed && f[i].len)
            assert_true(!strchr(" \t", f[i].s[0]) && !strchr(" \t", f[i].s[f[i].len - 1]));
        sb_adds(b, i ? "|[" : "[");
        for (uint32_t k = 0; k < f[i].len; k++)
            f[i].s[k] ? sb_addc(b, f[i].s[k]) : sb_adds(b, "\\0");
        sb_addc(b, ']');
    }
    sb_addc(b, '\n');
    return true;
}

static void said_restart(void *ctx) { sb_adds(ctx, "restart\n"); }

/* The result fields csv_read sets, equal both ways. */
static void same_result(const csv_read_result *a, const csv_read_result *b)
{
    assert_int_equal(a->status, b->status);
    assert_int_equal(a->encoding, b->encoding);
    assert_int_equal(a->bytes, b->bytes);
    assert_int_equal(a->records, b->records);
    assert_int_equal(a->has_sha256, b->has_sha256);
    assert_memory_equal(a->sha256, b->sha256, 32);
    assert_int_equal(a->bad_offset, b->bad_offset);
    assert_int_equal(a->bad_byte, b->bad_byte);
    assert_int_equal(a->syntax, b->syntax);
    assert_int_equal(a->text_offset, b->text_offset);
    assert_int_equal(a->bad_char, b->bad_char);
    assert_int_equal(a->limit, b->limit);
    assert_int_equal(a->limit_record, b->limit_record);
    assert_int_equal(a->limit_nul, b->limit_nul);
}

/* Reads path on this thread; with the fast path also with the parser on a
 * thread of its own (read_ahead), which must give the same records, restart
 * and result. */
static csv_read_status read_with(const char *path, bool fast, strbuf *out, csv_read_result *res)
{
    csv_fast_lines = fast;
    csv_read_options o = {.encoding = ENC_AUTO, .hash = true, .record = dump, .ctx = out,
                          .restart = said_restart};
    csv_read_status st = csv_read(path, &o, res);
    if (fast) {
        strbuf ahead = {0};
        csv_read_result ra;
        o.ctx = &ahead;
        o.read_ahead = true;
        assert_int_equal(csv_read(path, &o, &ra), st);
        same_result(res, &ra);
        assert_int_equal(ahead.len, out->len);
        if (out->len)
            assert_memory_equal(ahead.s, out->s, out->len);
        sb_free(&ahead);
    }
    csv_fast_lines = true;
    return st;
}

/* csv_locate with and without its skipping of unquoted fields: the same
 * line:col for every field of every record (and one past the last), every
 * row, every text offset up to max_off, and the open quote. */
static void same_locations(const char *path, uint32_t records, uint32_t fields, uint64_t max_off)
{
    size_t n = (size_t)(records + 1) * (fields + 3) + max_off + 1, k = 0;
    csv_loc *a = calloc(n, sizeof *a), *b = calloc(n, sizeof *b);
    for (uint32_t r = 0; r <= records; r++) {
        for (uint32_t f = 0; f <= fields + 1; f++)
            a[k++] = (csv_loc){.kind = CSV_LOC_FIELD, .record = r, .field = f};
        a[k++] = (csv_loc){.kind = CSV_LOC_ROW, .record = r};
    }
    for (uint64_t o = 0; o < max_off; o++)
        a[k++] = (csv_loc){.kind = CSV_LOC_OFFSET, .offset = o};
    a[k++] = (csv_loc){.kind = CSV_LOC_OPEN};
    memcpy(b, a, k * sizeof *a);
    csv_locate_fast = false;
    bool oka = csv_locate(path, ENC_AUTO, a, k);
    csv_locate_fast = true;
    bool okb = csv_locate(path, ENC_AUTO, b, k);
    assert_int_equal(oka, okb);
    for (size_t i = 0; i < k; i++)
        if (a[i].line != b[i].line || a[i].col != b[i].col)
            fail_msg("loc %zu (kind %d record %u field %u offset %llu): %u:%u, skipping %u:%u", i,
                     a[i].kind, a[i].record, a[i].field, (unsigned long long)a[i].offset,
                     a[i].line, a[i].col, b[i].line, b[i].col);
    free(a);
    free(b);
}

static void test_sniff(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        char want;
    } t[] = {
        {"a,b,c\n", ','},        {"a\tb\tc\n", '\t'},   {"a\tb,c,d\n", ','}, {"a,b\tc\td\n", '\t'},
        {"\n\r\n  \na\tb", '\t'}, {"\t\n a,b\n", ','}, {"title\n1\t2\t3\n", ','},
        {"", ','},               {"a\tb", '\t'},        {"a\tb\tc,d\n1,2,3,4,5\n", '\t'},
    };
    for (size_t i = 0; i < ARRAY_LEN(t); i++)
        if (csv_sniff_delim(t[i].text, strlen(t[i].text)) != t[i].want)
            fail_msg("case %zu: \"%s\" is not read as '%c'", i, t[i].text, t[i].want);
}

static void test_same_records(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        const char *want; /* NULL: only compare the two paths */
        size_t n;         /* 0: strlen(text) */
    } t[] = {
        {"a,b\n1\0x,2\n\"\0\",y\0\n", "0@1:[a]|[b]\n1@2:[1\\0x]|[2]\n2@3:[\\0]|[y\\0]\n", 17},
        {"a,b,c\n1,2,3\n", "0@1:[a]|[b]|[c]\n1@2:[1]|[2]|[3]\n", 0},
        {"a,b\r\n 1 , 2 \r\n", "0@1:[a]|[b]\n1@2:[1]|[2]\n", 0},
        {"a,b\n\n   \n\t\n1,2\n", "0@1:[a]|[b]\n1@5:[1]|[2]\n", 0},
        {"a,b\n,\n , \n", "0@1:[a]|[b]\n1@2:[]|[]\n2@3:[]|[]\n", 0},
        {"a,b\n1,\"x\ny\"\n2,3\n", "0@1:[a]|[b]\n1@2:[1]|[x\ny]\n2@4:[2]|[3]\n", 0},
        {"a,b\n1,2\r3,4\n", "0@1:[a]|[b]\n1@2:[1]|[2]\n2@3:[3]|[4]\n", 0}, /* a CR alone ends a line */
        {"a,b\r1,2\r\r3,4\r", "0@1:[a]|[b]\n1@2:[1]|[2]\n2@4:[3]|[4]\n", 0}, /* CR-only (old Mac Excel) */
        {"a,b\r\"x\ry\",2\r3,4", "0@1:[a]|[b]\n1@2:[x\ry]|[2]\n2@4:[3]|[4]\n", 0},
        {"a,b\n1,2", "0@1:[a]|[b]\n1@2:[1]|[2]\n", 0},
        {"a\n\t x \t\n", "0@1:[a]\n1@2:[x]\n", 0},
        {"a,b\n1,\"q\"\"r\"\n", "0@1:[a]|[b]\n1@2:[1]|[q\"r]\n", 0},
        {"부산,광역시\n 가 ,나다\n", "0@1:[부산]|[광역시]\n1@2:[가]|[나다]\n", 0},
        {"a,b\n1,2\"\n", NULL, 0},     /* stray quote */
        {"a,b\n1,\"2\"x\n", NULL, 0},  /* text after a closing quote */
        {"a,b\n1,\"2\n3\n", NULL, 0},  /* unterminated */
        {"a,,b,\n,,,\n", "0@1:[a]|[]|[b]|[]\n1@2:[]|[]|[]|[]\n", 0},
        {"\n\na\r\n\r\nb\r\n", "0@3:[a]\n1@5:[b]\n", 0},
        {"a,b\r\n\"1\",2\r\n3,4 \r\n", "0@1:[a]|[b]\n1@2:[1]|[2]\n2@3:[3]|[4]\n", 0},
        /* tab-separated (Excel's 유니코드 텍스트, its first line decides):
         * tabs separate, spaces around a field still go, commas are text */
        {"a\tb\n1\t2\n", "0@1:[a]|[b]\n1@2:[1]|[2]\n", 0},
        {"a\tb\r\n 1 \t 2 \r\n1,000\t\"x\ty\"\r\n", "0@1:[a]|[b]\n1@2:[1]|[2]\n2@3:[1,000]|[x\ty]\n", 0},
        {"a\tb\n\t\n\n1\t\n", "0@1:[a]|[b]\n1@2:[]|[]\n2@4:[1]|[]\n", 0},
        {"title\t\t\na\tb\tc\n", "0@1:[title]|[]|[]\n1@2:[a]|[b]|[c]\n", 0},
        {"\n  \na,b\tc\td\n1,2\t3\t4\n", "0@3:[a,b]|[c]|[d]\n1@4:[1,2]|[3]|[4]\n", 0},
        {"a\tb\n1\t\"2\"x\n", NULL, 0}, /* text after a closing quote */
        {"a,b\tc\n1,2\t3\n", "0@1:[a]|[b\tc]\n1@2:[1]|[2\t3]\n", 0}, /* more commas: comma-separated */
    };
    for (size_t i = 0; i < ARRAY_LEN(t); i++) {
        const char *path = write_file(t[i].text, t[i].n ? t[i].n : strlen(t[i].text));
        strbuf slow = {0}, fast = {0};
        csv_read_result rs, rf;
        csv_read_status ss = read_with(path, false, &slow, &rs);
        csv_read_status sf = read_with(path, true, &fast, &rf);
        if (strcmp(sb_str(&slow), sb_str(&fast)) != 0 || ss != sf)
            fail_msg("case %zu: libcsv gave\n%s(status %d), fast path gave\n%s(status %d)", i,
                     sb_str(&slow), ss, sb_str(&fast), sf);
        assert_int_equal(rs.records, rf.records);
        assert_int_equal(rs.text_offset, rf.text_offset);
        assert_int_equal(rs.syntax, rf.syntax);
        same_locations(path, rf.records, 5, rf.bytes + 1);
        if (t[i].want)
            assert_string_equal(sb_str(&fast), t[i].want);
        else
            assert_int_equal(sf, CSV_READ_SYNTAX);
        sb_free(&slow);
        sb_free(&fast);
    }
}

/* A long file of mixed plain and quoted lines, cut by the 1 MiB chunk
 * boundary at many places: both paths agree on every record. */
static void test_long_mixed(void **state)
{
    (void)state;
    strbuf in = {0};
    sb_adds(&in, "id,name,amount\r\n");
    for (int i = 0; i < 40000; i++) {
        if (i % 7 == 0)
            sb_addf(&in, "A%07d,\"(주)한빛, 지점 %d\",\"1,%03d\"\r\n", i, i, i % 1000);
        else if (i % 11 == 0)
            sb_addf(&in, "A%07d ,  가나다 %d\t,%d\n\n", i, i, i);
        else
            sb_addf(&in, "A%07d,기업 %d,%d\r\n", i, i, i * 10);
    }
    const char *path = write_file(in.s, in.len);
    strbuf slow = {0}, fast = {0};
    csv_read_result rs, rf;
    assert_int_equal(read_with(path, false, &slow, &rs), CSV_READ_OK);
    assert_int_equal(read_with(path, true, &fast, &rf), CSV_READ_OK);
    assert_int_equal(rs.records, 40001);
    assert_int_equal(rf.records, 40001);
    assert_true(slow.len == fast.len && memcmp(slow.s, fast.s, slow.len) == 0);
    same_locations(path, 40001, 3, 5000);
    sb_free(&in);
    sb_free(&slow);
    sb_free(&fast);
}

/* Read ahead: a file taken for UTF-8 that is CP949 after 600 KB (more than
 * two batches delivered, then the restart and every record again, in order);
 * the progress callback; a callback that stops the read. */
static size_t progress_calls;
static uint64_t progress_last;

static void count_progress(void *ctx, uint64_t done, uint64_t total)
{
    (void)ctx;
    assert_true(done >= progress_last && done <= total);
    progress_last = done;
    progress_calls++;
}

static bool stop_at_5(void *ctx, uint32_t record, uint32_t line, const csv_field *f, uint32_t nf)
{
    dump(ctx, record, line, f, nf);
    return record < 5;
}

static void test_read_ahead(void **state)
{
    (void)state;
    strbuf in = {0};
    sb_adds(&in, "a,b\n");
    for (int i = 0; i < 100000; i++)
        sb_addf(&in, "\xC2\xA1%d,\xC2\xA1\xC2\xA1\n", i); /* 징: CP949, and UTF-8 U+00A1 */
    sb_adds(&in, "\xBA\xCE\xBB\xEA,1\n"); /* 부산 in CP949 */
    const char *path = write_file(in.s, in.len);
    strbuf out = {0};
    csv_read_result res;
    assert_int_equal(read_with(path, true, &out, &res), CSV_READ_OK);
    assert_int_equal(res.encoding, ENC_CP949);
    assert_int_equal(res.records, 100002);
    const char *again = strstr(out.s, "restart\n");
    assert_non_null(again);
    const char *head = "0@1:[a]|[b]\n1@2:[징0]|[징징]\n", *tail = "100001@100002:[부산]|[1]\n";
    assert_memory_equal(again + strlen("restart\n"), head, strlen(head));
    assert_string_equal(out.s + out.len - strlen(tail), tail);

    for (int ahead = 0; ahead < 2; ahead++) {
        progress_calls = 0;
        progress_last = 0;
        strbuf b = {0};
        csv_read_options o = {.encoding = ENC_UTF8, .record = dump, .ctx = &b,
                              .progress = count_progress, .read_ahead = ahead};
        in.len -= 7; /* without the CP949 line: UTF-8 */
        path = write_file(in.s, in.len);
        in.len += 7;
        assert_int_equal(csv_read(path, &o, &res), CSV_READ_OK);
        assert_int_equal(res.records, 100001);
        assert_true(progress_calls >= 1);
        assert_int_equal(progress_last, in.len - 7);
        sb_reset(&b);
        o.record = stop_at_5;
        o.progress = NULL;
        assert_int_equal(csv_read(path, &o, &res), CSV_READ_STOPPED);
        assert_non_null(strstr(b.s, "\n5@6:"));
        assert_null(strstr(b.s, "\n6@7:"));
        sb_free(&b);
    }
    sb_free(&in);
    sb_free(&out);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/test_csv_reader.XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sniff), cmocka_unit_test(test_same_records),
        cmocka_unit_test(test_long_mixed),
        cmocka_unit_test(test_read_ahead),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    char path[128];
    snprintf(path, sizeof path, "%s/t.csv", dir);
    unlink(path);
    rmdir(dir);
    return rc;
}
