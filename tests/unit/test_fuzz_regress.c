/* test_fuzz_regress.c — replays every fuzz input kept in the tree through the
 * same entry points the libFuzzer harnesses use, as a plain cmocka test, so
 * `make test` (and make sanitize / make valgrind) checks them without clang.
 *
 * Each harness fuzz/<target>.c is included here with FUZZ_REPLAY defined,
 * which names its entry fuzz_<target>_one instead of LLVMFuzzerTestOneInput.
 * For each target every file in fuzz/corpus/<target>/ (the seeds) and
 * fuzz/regress/<target>/ (inputs that once crashed or broke an invariant)
 * is fed in, in name order. A harness checks its invariants with abort(), so
 * a regression fails the test with the file name printed just before. The
 * test runs from the repository root (scripts/run-tests.sh does that). */
#define FUZZ_REPLAY 1

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scratch.h"
#include "../../fuzz/config.c"
#include "../../fuzz/csv_reader.c"
#include "../../fuzz/ingest.c"
#include "../../fuzz/template.c"

typedef int (*fuzz_fn)(const uint8_t *data, size_t size);

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Feeds every regular file of dir to fn; returns how many (0 if dir is absent). */
static size_t replay_dir(const char *dir, fuzz_fn fn)
{
    DIR *dp = opendir(dir);
    if (!dp) {
        assert_int_equal(errno, ENOENT);
        return 0;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        xgrow((void **)&names, &cap, n + 1, sizeof *names);
        names[n++] = xstrdup(e->d_name);
    }
    closedir(dp);
    if (n)
        qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n; i++) {
        char *path = xasprintf("%s/%s", dir, names[i]);
        size_t len;
        char *data = scratch_read(path, &len);
        /* Printed first, so the input that breaks an invariant is named. */
        fprintf(stderr, "replay %s (%zu bytes)\n", path, len);
        assert_int_equal(fn((const uint8_t *)data, len), 0);
        free(data);
        free(path);
        free(names[i]);
    }
    free(names);
    return n;
}

static void replay(const char *target, fuzz_fn fn)
{
    char *seeds = xasprintf("fuzz/corpus/%s", target);
    char *regress = xasprintf("fuzz/regress/%s", target);
    /* Every harness ships seeds: an empty or missing corpus is a broken tree. */
    assert_true(replay_dir(seeds, fn) > 0);
    replay_dir(regress, fn);
    free(seeds);
    free(regress);
}

static void test_csv_reader(void **state)
{
    (void)state;
    replay("csv_reader", fuzz_csv_reader_one);
}

static void test_config(void **state)
{
    (void)state;
    replay("config", fuzz_config_one);
}

static void test_template(void **state)
{
    (void)state;
    replay("template", fuzz_template_one);
    arena_free(&fz_tpl_arena);
    fz_tpl_root = NULL;
}

static void test_ingest(void **state)
{
    (void)state;
    replay("ingest", fuzz_ingest_one);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_reader),
        cmocka_unit_test(test_config),
        cmocka_unit_test(test_template),
        cmocka_unit_test(test_ingest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
