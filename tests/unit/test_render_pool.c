/* test_render_pool.c — render_pool writes every document of every batch
 * exactly once, the costliest first, in this process and (when jobs allow)
 * in workers forked from it; each batch's done gets the outcome and, on
 * success, every file's size and SHA-256 as output_seal read them back; a
 * failing document fails the pool. output_seal itself against sha256_file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"
#include "config.h"
#include "exitcodes.h"
#include "hash.h"
#include "render.h"
#include "scratch.h"

/* A batch of n documents named <tag><i>; document i costs cost[i]; the one
 * numbered fail (if < n) fails. Each write appends "<tag><i> <pid>\n" to
 * the log (one write(2) with O_APPEND, so lines from several processes do
 * not mix). */
typedef struct fake {
    const char *tag;
    size_t n, fail;
    const uint64_t *cost;
    char **path;
    int done_rc;
    bool done_called;
    output_sum sum[16];
} fake;

static char log_path[200];

static int fake_write(void *arg, size_t i)
{
    fake *F = arg;
    if (i == F->fail)
        return EXIT_OUTPUT;
    usleep(3000); /* long enough for a forked worker to take documents too */
    FILE *f = fopen(F->path[i], "wb");
    if (!f)
        return EXIT_OUTPUT;
    for (size_t k = 0; k <= i * 1000; k++) /* sizes differ */
        fprintf(f, "%s %zu\n", F->tag, k);
    if (fclose(f) != 0)
        return EXIT_OUTPUT;
    char line[64];
    int len = snprintf(line, sizeof line, "%s%zu %ld\n", F->tag, i, (long)getpid());
    int fd = open(log_path, O_WRONLY | O_APPEND | O_CREAT, 0644);
    if (fd < 0 || write(fd, line, (size_t)len) != len)
        return EXIT_INTERNAL;
    close(fd);
    return EXIT_OK;
}

static uint64_t fake_cost(void *arg, size_t i)
{
    return ((fake *)arg)->cost[i];
}

static const char *fake_path(void *arg, size_t i)
{
    return ((fake *)arg)->path[i];
}

static void fake_done(void *arg, int rc, output_list *out, const output_sum *sum)
{
    fake *F = arg;
    F->done_called = true;
    F->done_rc = rc;
    for (size_t i = 0; rc == EXIT_OK && i < F->n; i++) {
        F->sum[i] = sum[i];
        outputs_add_sum(out, strrchr(F->path[i], '/') + 1, &sum[i]);
    }
}

static void fake_init(fake *F, const char *tag, size_t n, const uint64_t *cost)
{
    *F = (fake){tag, n, SIZE_MAX, cost, calloc(n, sizeof(char *)), -1, false, {{0}}};
    for (size_t i = 0; i < n; i++)
        F->path[i] = xasprintf("%s/%s%zu", scratch_dir, tag, i);
}

static void fake_free(fake *F)
{
    for (size_t i = 0; i < F->n; i++) {
        unlink(F->path[i]);
        free(F->path[i]);
    }
    free(F->path);
}

static render_batch batch_of(fake *F, output_list *out)
{
    return (render_batch){F->tag, F->n, fake_write, fake_cost, fake_path, fake_done, F, out};
}

/* The log's lines, in order: "<tag><i>" into names, the pids counted. */
static size_t read_log(char names[][8], size_t max, size_t *pids)
{
    FILE *f = fopen(log_path, "r");
    assert_non_null(f);
    size_t n = 0;
    long seen[64];
    size_t nseen = 0;
    char name[8];
    long pid;
    while (n < max && fscanf(f, "%7s %ld", name, &pid) == 2) {
        strcpy(names[n++], name);
        bool known = false;
        for (size_t k = 0; k < nseen; k++)
            known = known || seen[k] == pid;
        if (!known && nseen < 64)
            seen[nseen++] = pid;
    }
    fclose(f);
    unlink(log_path);
    *pids = nseen;
    return n;
}

/* Two batches (the second cheaper per document), jobs processes: every
 * document written once, the costliest first when one process writes them
 * all, names in document order with the sums of the files on disk. */
static void run_two(int jobs, size_t *pids)
{
    static const uint64_t cost_a[] = {30, 50, 10, 40}, cost_b[] = {35, 5, 20};
    fake A, B;
    fake_init(&A, "a", 4, cost_a);
    fake_init(&B, "b", 3, cost_b);
    output_list out_a = {0}, out_b = {0};
    render_batch b[2] = {batch_of(&A, &out_a), batch_of(&B, &out_b)};
    config cfg = {0}; /* render_pool reads jobs only */
    cfg.jobs = jobs;
    assert_int_equal(render_pool(b, 2, &cfg, NULL), EXIT_OK);
    assert_true(A.done_called && B.done_called);
    assert_int_equal(A.done_rc, EXIT_OK);
    char names[16][8];
    size_t n = read_log(names, 16, pids);
    assert_int_equal(n, 7);
    if (jobs == 1) {
        static const char *const want[] = {"a1", "a3", "b0", "a0", "b2", "a2", "b1"};
        for (size_t k = 0; k < n; k++)
            assert_string_equal(names[k], want[k]);
    }
    for (size_t k = 0; k < n; k++) /* each exactly once */
        for (size_t j = k + 1; j < n; j++)
            assert_string_not_equal(names[k], names[j]);
    assert_int_equal(out_a.n, 4);
    assert_int_equal(out_b.n, 3);
    for (size_t i = 0; i < 4; i++) {
        char want[8];
        snprintf(want, sizeof want, "a%zu", i);
        assert_string_equal(out_a.names[i], want);
        unsigned char d[32];
        assert_true(sha256_file(A.path[i], d));
        assert_true(out_a.sum[i].known);
        assert_memory_equal(out_a.sum[i].sha256, d, 32);
        FILE *f = fopen(A.path[i], "rb");
        fseek(f, 0, SEEK_END);
        assert_int_equal(out_a.sum[i].bytes, ftell(f));
        fclose(f);
    }
    outputs_free(&out_a);
    outputs_free(&out_b);
    fake_free(&A);
    fake_free(&B);
}

static void test_pool_one_process(void **state)
{
    (void)state;
    size_t pids = 0;
    run_two(1, &pids);
    assert_int_equal(pids, 1);
}

static void test_pool_workers(void **state)
{
    (void)state;
    size_t pids = 0;
    run_two(3, &pids);
    assert_true(pids >= 2); /* this process and at least one worker */
}

static void test_pool_failure(void **state)
{
    (void)state;
    static const uint64_t cost[] = {1, 2, 3, 4, 5, 6};
    for (int jobs = 1; jobs <= 2; jobs++) {
        fake A, B;
        fake_init(&A, "a", 6, cost);
        fake_init(&B, "b", 2, cost);
        A.fail = 5; /* the costliest: taken first */
        output_list out_a = {0}, out_b = {0};
        render_batch b[2] = {batch_of(&A, &out_a), batch_of(&B, &out_b)};
        config cfg = {0};
        cfg.jobs = jobs;
        assert_int_equal(render_pool(b, 2, &cfg, NULL), EXIT_OUTPUT);
        assert_int_equal(A.done_rc, EXIT_OUTPUT);
        assert_int_equal(B.done_rc, EXIT_OUTPUT);
        assert_int_equal(out_a.n + out_b.n, 0);
        size_t pids;
        char names[16][8];
        if (access(log_path, F_OK) == 0) /* at most what a worker took before it heard */
            assert_true(read_log(names, 16, &pids) < 7);
        fake_free(&A);
        fake_free(&B);
        }
}

static void test_output_seal(void **state)
{
    (void)state;
    const char *path = scratch_write("sealed", "some bytes\n", 11);
    output_sum s;
    output_seal(path, &s);
    unsigned char d[32];
    assert_true(sha256_file(path, d));
    assert_true(s.known);
    assert_int_equal(s.bytes, 11);
    assert_memory_equal(s.sha256, d, 32);
    char missing[200];
    snprintf(missing, sizeof missing, "%s/none", scratch_dir);
    output_seal(missing, &s);
    assert_false(s.known);
}

static int setup(void **state)
{
    if (scratch_setup(state) != 0)
        return -1;
    snprintf(log_path, sizeof log_path, "%s/log", scratch_dir);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pool_one_process),
        cmocka_unit_test(test_pool_workers),
        cmocka_unit_test(test_pool_failure),
        cmocka_unit_test(test_output_seal),
    };
    return cmocka_run_group_tests(tests, setup, scratch_teardown);
}
