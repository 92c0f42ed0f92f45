/* scratch.h — a scratch directory for a group of unit tests and writing
 * files into it, for the tests that read real files (encoding, CSV reader,
 * ingest). Include after <cmocka.h>; everything here is static. */
#ifndef SMR_TEST_SCRATCH_H
#define SMR_TEST_SCRATCH_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char scratch_dir[64];

static int scratch_rm(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)ftw;
    return flag == FTW_DP ? rmdir(path) : unlink(path);
}

/* cmocka group set-up: a fresh /tmp/smr-test-XXXXXX. */
static int scratch_setup(void **state)
{
    (void)state;
    strcpy(scratch_dir, "/tmp/smr-test-XXXXXX");
    return mkdtemp(scratch_dir) ? 0 : -1;
}

/* cmocka group tear-down: removes the directory and everything in it. */
static int scratch_teardown(void **state)
{
    (void)state;
    return nftw(scratch_dir, scratch_rm, 8, FTW_DEPTH | FTW_PHYS);
}

/* Writes n bytes to <scratch_dir>/name and returns the path (a static
 * buffer, valid until the next call). Fails the test on any error. */
static const char *scratch_write(const char *name, const void *data, size_t n)
{
    static char path[160];
    snprintf(path, sizeof path, "%s/%s", scratch_dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
    return path;
}

#endif
