/* test_stage.c — which runs pruning keeps (stage.c), with the commit's clock
 * fixed so that every run falls in the same second.
 *
 * Each run writes a marker naming its index and commits under a label; after
 * every commit the complete runs left in runs/ must be exactly the last
 * keep_runs ones, `latest` the newest. Before the fix a run could take the
 * name freed by pruning ("<stamp>-all" again after the second's first run was
 * removed), sort before the runs it followed, and be pruned by the next run
 * while older ones stayed. Also with two labels taking turns in one second,
 * and with a run of the second left over from another label's numbering. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scratch.h"
#include "stage.h"

/* The marker of each complete run in <out>/runs, as a bit set of run indices. */
static unsigned kept_runs(const char *out)
{
    char *runs = NULL;
    if (asprintf(&runs, "%s/runs", out) < 0)
        abort();
    DIR *d = opendir(runs);
    assert_non_null(d);
    unsigned set = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char path[512];
        snprintf(path, sizeof path, "%s/%s/marker", runs, e->d_name);
        FILE *f = fopen(path, "r");
        assert_non_null(f);
        int i = -1;
        assert_int_equal(fscanf(f, "%d", &i), 1);
        fclose(f);
        set |= 1u << i;
    }
    closedir(d);
    free(runs);
    return set;
}

static int latest_marker(const char *out)
{
    char path[512];
    snprintf(path, sizeof path, "%s/latest/marker", out);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    int i = -1;
    assert_int_equal(fscanf(f, "%d", &i), 1);
    fclose(f);
    return i;
}

static void one_run(const char *out, int i, const char *label, time_t now, int keep)
{
    stage st;
    assert_int_equal(stage_open(&st, out), 0);
    char path[512];
    snprintf(path, sizeof path, "%s/marker", st.dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "%d\n", i);
    fclose(f);
    assert_int_equal(stage_commit(&st, label, now, keep), 0);
    stage_close(&st);
}

static void check_same_second(const char *sub, const char *const labels[2])
{
    char out[256];
    snprintf(out, sizeof out, "%s/%s", scratch_dir, sub);
    const time_t now = 1767225600; /* 2026-01-01T00:00:00Z */
    const int keep = 3;
    for (int i = 0; i < 9; i++) {
        one_run(out, i, labels[i % 2], now, keep);
        unsigned want = 0;
        for (int k = i; k >= 0 && k > i - keep; k--)
            want |= 1u << k;
        assert_int_equal(kept_runs(out), want);
        assert_int_equal(latest_marker(out), i);
    }
}

static void test_prune_same_second(void **state)
{
    (void)state;
    static const char *const one[2] = {"all", "all"}, *const two[2] = {"all", "2025Q3"};
    check_same_second("one-label", one);
    check_same_second("two-labels", two);
}

/* A run of the same second already numbered .5 (another label): the new
 * run comes after it (.6), not before it; a .999999 is not followed. */
static void test_seq_after_existing(void **state)
{
    (void)state;
    char out[256], dir[300];
    snprintf(out, sizeof out, "%s/after", scratch_dir);
    snprintf(dir, sizeof dir, "%s/runs", out);
    assert_int_equal(mkdir(out, 0777), 0);
    assert_int_equal(mkdir(dir, 0777), 0);
    snprintf(dir, sizeof dir, "%s/runs/20260101T000000Z.5-2025Q3", out);
    assert_int_equal(mkdir(dir, 0777), 0);
    /* the largest number the form allows (someone else's): not followed,
     * or the new run's name would leave the form and never be pruned */
    snprintf(dir, sizeof dir, "%s/runs/20260101T000000Z.999999-x", out);
    assert_int_equal(mkdir(dir, 0777), 0);
    one_run(out, 1, "all", 1767225600, 10);
    char link[256] = "";
    snprintf(dir, sizeof dir, "%s/latest", out);
    assert_true(readlink(dir, link, sizeof link - 1) > 0);
    assert_string_equal(link, "runs/20260101T000000Z.6-all");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prune_same_second),
        cmocka_unit_test(test_seq_after_existing),
    };
    return cmocka_run_group_tests(tests, scratch_setup, scratch_teardown);
}
