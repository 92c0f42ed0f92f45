/* test_par.c — par_each calls its function exactly once for every index,
 * from several threads when asked, and returns only when all calls have. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "par.h"

typedef struct calls {
    _Atomic int *count;    /* calls per index */
    pthread_t *by;         /* the thread that made it */
    _Atomic int running;   /* calls in progress */
    _Atomic int most;      /* the most in progress at once */
} calls;

static void count_one(void *arg, size_t i)
{
    calls *c = arg;
    int now = atomic_fetch_add(&c->running, 1) + 1;
    for (int m = atomic_load(&c->most); now > m && !atomic_compare_exchange_weak(&c->most, &m, now);)
        ;
    usleep(2000); /* long enough for the other threads to take items too */
    atomic_fetch_add(&c->count[i], 1);
    c->by[i] = pthread_self();
    atomic_fetch_sub(&c->running, 1);
}

static calls run(size_t n, size_t threads)
{
    calls c = {calloc(n + 1, sizeof *c.count), calloc(n + 1, sizeof *c.by), 0, 0};
    par_each(n, threads, count_one, &c);
    assert_int_equal(atomic_load(&c.running), 0);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(atomic_load(&c.count[i]), 1);
    assert_int_equal(atomic_load(&c.count[n]), 0); /* nothing past the end */
    return c;
}

static void done(calls *c)
{
    free(c->count);
    free(c->by);
}

static void test_each_index_once(void **state)
{
    (void)state;
    static const size_t ns[] = {0, 1, 2, 3, 16, 17, 100};
    static const size_t ts[] = {0, 1, 2, 4, 16, 200};
    for (size_t a = 0; a < sizeof ns / sizeof *ns; a++)
        for (size_t b = 0; b < sizeof ts / sizeof *ts; b++) {
            calls c = run(ns[a], ts[b]);
            done(&c);
        }
}

static void test_serial_in_caller(void **state)
{
    (void)state;
    calls c = run(5, 1);
    for (size_t i = 0; i < 5; i++)
        assert_true(pthread_equal(c.by[i], pthread_self()));
    assert_int_equal(atomic_load(&c.most), 1);
    done(&c);
}

static void test_concurrent(void **state)
{
    (void)state;
    calls c = run(32, 8);
    assert_true(atomic_load(&c.most) > 1);
    assert_true(atomic_load(&c.most) <= 8);
    bool other = false;
    for (size_t i = 0; i < 32; i++)
        other |= !pthread_equal(c.by[i], pthread_self());
    assert_true(other);
    done(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_index_once),
        cmocka_unit_test(test_serial_in_caller),
        cmocka_unit_test(test_concurrent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
