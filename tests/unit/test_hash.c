/* test_hash.c — SHA-256 (hash.c) against the FIPS 180-2 examples: "abc",
 * the empty message, the 448-bit two-block message, and a million 'a' fed
 * in uneven pieces; sha256_fd on a file larger than its 64 KB read buffer
 * (read from the start whatever the descriptor's offset), and the hex form. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hash.h"

static void hex_of(const void *p, size_t n, char out[65])
{
    unsigned char d[32];
    sha256_ctx *c = sha256_new();
    sha256_update(c, p, n);
    sha256_final(c, d);
    sha256_hex(d, out);
}

static void test_vectors(void **state)
{
    (void)state;
    char h[65];
    hex_of("abc", 3, h);
    assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    hex_of("", 0, h);
    assert_string_equal(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    hex_of(m, strlen(m), h);
    assert_string_equal(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");

    char *a = malloc(1000000);
    memset(a, 'a', 1000000);
    sha256_ctx *c = sha256_new();
    for (size_t at = 0, step = 1; at < 1000000; at += step, step = step * 7 % 9973 + 1)
        sha256_update(c, a + at, step < 1000000 - at ? step : 1000000 - at);
    unsigned char d[32];
    sha256_final(c, d);
    sha256_hex(d, h);
    assert_string_equal(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");

    /* the same million bytes from a file, its offset moved */
    char path[] = "/tmp/smr-hash-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, a, 1000000), 1000000);
    assert_true(sha256_fd(fd, d));
    sha256_hex(d, h);
    assert_string_equal(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    assert_true(sha256_file(path, d));
    sha256_hex(d, h);
    assert_string_equal(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    close(fd);
    unlink(path);
    free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vectors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
