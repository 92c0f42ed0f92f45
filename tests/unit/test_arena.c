/* test_arena.c — the bump allocator (arena.h): blocks aligned to 8, strings
 * packed byte by byte, large requests in a chunk of their own, every byte
 * kept until arena_free. Under AddressSanitizer the arena makes one malloc an
 * object, so the packing is checked only in the plain build. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"

#if defined(__SANITIZE_ADDRESS__)
#define PER_OBJECT 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PER_OBJECT 1
#endif
#endif
#ifndef PER_OBJECT
#define PER_OBJECT 0
#endif

static void test_strings_packed_blocks_aligned(void **state)
{
    (void)state;
    arena a = {0};
    char *s1 = arena_strdup(&a, "A0000001");
    char *s2 = arena_strndup(&a, "A0000002xyz", 8);
    char *e = arena_strndup(&a, "", 0);
    uint64_t *w = arena_alloc(&a, sizeof *w);
    char *s3 = arena_strdup(&a, "가");
    double *d = arena_calloc(&a, 3 * sizeof *d);
    assert_string_equal(s1, "A0000001");
    assert_string_equal(s2, "A0000002");
    assert_string_equal(e, "");
    assert_string_equal(s3, "가");
    assert_int_equal((uintptr_t)w % 8, 0);
    assert_int_equal((uintptr_t)d % 8, 0);
    assert_true(d[0] == 0 && d[1] == 0 && d[2] == 0);
    *w = UINT64_MAX;
    assert_string_equal(s2, "A0000002"); /* the block after the strings overlaps none */
    if (!PER_OBJECT) {
        assert_ptr_equal(s2, s1 + 9); /* 9 bytes a string, not 16 */
        assert_ptr_equal(e, s2 + 9);
        assert_true((char *)w >= e + 1 && (char *)w < e + 1 + 8);
    }
    arena_free(&a);
}

static void test_many_and_large(void **state)
{
    (void)state;
    arena a = {0};
    enum { N = 300000 }; /* several 1 MiB chunks of strings */
    static char *p[N];
    char buf[32];
    for (int i = 0; i < N; i++) {
        int n = snprintf(buf, sizeof buf, "id-%d", i);
        p[i] = arena_strndup(&a, buf, (size_t)n);
        if (i % 1000 == 0)
            assert_int_equal((uintptr_t)arena_alloc(&a, 1) % 8, 0);
    }
    char *big = arena_alloc(&a, 3u << 20); /* a chunk of its own */
    memset(big, 'x', 3u << 20);
    char *after = arena_strdup(&a, "after");
    for (int i = 0; i < N; i++) {
        snprintf(buf, sizeof buf, "id-%d", i);
        assert_string_equal(p[i], buf);
    }
    assert_string_equal(after, "after");
    assert_int_equal((uintptr_t)big % 8, 0);
    arena_free(&a);
    assert_null(a.head);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strings_packed_blocks_aligned),
        cmocka_unit_test(test_many_and_large),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
