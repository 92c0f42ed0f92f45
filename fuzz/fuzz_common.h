/* fuzz_common.h — what the libFuzzer harnesses share: an in-memory file the
 * path-taking APIs can open, an invariant check that aborts, and the entry
 * point naming that lets the same harness code be a libFuzzer target or a
 * function of the plain replay test.
 *
 * Built as a fuzzer (clang -fsanitize=fuzzer), FUZZ_ENTRY(name) becomes
 * LLVMFuzzerTestOneInput. Built with -DFUZZ_REPLAY (tests/unit/
 * test_fuzz_regress.c includes every harness), it becomes fuzz_<name>_one so
 * that the three harnesses link into one program that needs no clang. */
#ifndef SMR_FUZZ_COMMON_H
#define SMR_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#ifdef FUZZ_REPLAY
#define FUZZ_ENTRY(name) int fuzz_##name##_one(const uint8_t *data, size_t size)
#else
#define FUZZ_ENTRY(name) \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size); \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
#endif

/* An invariant of the code under test; a violation is a bug, reported the
 * same way as a crash. */
#define FUZZ_CHECK(cond)                                                                   \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond);    \
            abort();                                                                       \
        }                                                                                  \
    } while (0)

/* An anonymous in-memory file holding exactly data[0..size), reachable by
 * path as /proc/self/fd/N (written into path, which needs 32 bytes). Returns
 * the descriptor (the caller closes it), or -1 (the caller skips the input). */
static inline int fuzz_memfile(const uint8_t *data, size_t size, char path[32])
{
    int fd = memfd_create("fuzz", 0);
    if (fd < 0)
        return -1;
    size_t done = 0;
    while (done < size) {
        ssize_t w = write(fd, data + done, size - done);
        if (w <= 0) {
            close(fd);
            return -1;
        }
        done += (size_t)w;
    }
    snprintf(path, 32, "/proc/self/fd/%d", fd);
    return fd;
}

#endif
