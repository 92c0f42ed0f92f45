/* scratch.h — a scratch directory for a group of unit tests and writing
 * files into it, for the tests that read real files (encoding, CSV reader,
 * ingest) or read what they wrote. Include after <cmocka.h>; everything here
 * is static (inline: a test uses what it needs). */
#ifndef SMR_TEST_SCRATCH_H
#define SMR_TEST_SCRATCH_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "strbuf.h"

static char scratch_dir[64];

static inline int scratch_rm(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)ftw;
    return flag == FTW_DP ? rmdir(path) : unlink(path);
}

/* cmocka group set-up: a fresh /tmp/smr-test-XXXXXX. */
static inline int scratch_setup(void **state)
{
    (void)state;
    strcpy(scratch_dir, "/tmp/smr-test-XXXXXX");
    return mkdtemp(scratch_dir) ? 0 : -1;
}

/* cmocka group tear-down: removes the directory and everything in it. */
static inline int scratch_teardown(void **state)
{
    (void)state;
    return nftw(scratch_dir, scratch_rm, 8, FTW_DEPTH | FTW_PHYS);
}

/* Writes n bytes to <scratch_dir>/name and returns the path (a static
 * buffer, valid until the next call). Fails the test on any error. */
static inline const char *scratch_write(const char *name, const void *data, size_t n)
{
    static char path[160];
    snprintf(path, sizeof path, "%s/%s", scratch_dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
    return path;
}

/* The whole file at path, malloc'd and NUL-terminated; *len its length.
 * Fails the test if it cannot be read. */
static inline char *scratch_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    strbuf b = {0};
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        sb_addn(&b, buf, n);
    assert_false(ferror(f));
    fclose(f);
    *len = b.len;
    return sb_take(&b);
}

#endif
