/* test_write_guard.c — a write past RLIMIT_FSIZE is recorded, not fatal, and
 * turns a successful status into EXIT_OUTPUT (write_guard.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include "exitcodes.h"
#include "write_guard.h"

static void test_limit_recorded(void **state)
{
    (void)state;
    write_guard_install();
    assert_false(write_guard_tripped());
    assert_int_equal(write_guard_status(EXIT_OK), EXIT_OK);
    assert_int_equal(write_guard_status(EXIT_DATA), EXIT_DATA);

    char path[] = "/tmp/smr-write-guard-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    unlink(path);
    struct rlimit old, lim;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
    lim = old;
    lim.rlim_cur = 4096;
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
    static char buf[8192];
    ssize_t k = write(fd, buf, sizeof buf); /* short: up to the limit */
    assert_int_equal(k, 4096);
    errno = 0;
    k = write(fd, buf, 1); /* at the limit: SIGXFSZ, survived, EFBIG */
    int err = errno;
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
    close(fd);
    assert_int_equal(k, -1);
    assert_int_equal(err, EFBIG);
    assert_true(write_guard_tripped());
    assert_int_equal(write_guard_status(EXIT_OK), EXIT_OUTPUT);
    assert_int_equal(write_guard_status(EXIT_TEMPLATE), EXIT_TEMPLATE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_limit_recorded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
