/* probe.c — how fast this machine is right now, for reading `make bench`.
 *
 * The development machine is a 2-core VM whose speed moves by up to half
 * from one quarter of an hour to the next (README "Performance"): the same
 * binary on the same data took 62 ms in one sitting and 89 ms in another.
 * A benchmark figure means little without the speed it was measured at, so
 * bench/run.sh prints this probe before the first stage and after the last.
 *
 * Two figures, each the best of 9 (the least disturbed run), for the two
 * costs that dominate the whole job:
 *   - deflate: libdeflate at level 1 over the font file the releases embed
 *     (NanumGothic.ttf from fonts-nanum, or the file given): pure CPU, the
 *     same code as the releases' font programs and HWPX parts;
 *   - page faults: first touches of 32 MiB of fresh anonymous memory, one
 *     write per 4 KiB page (no huge pages): what a process pays for memory
 *     it allocates, and what a VM's host slows down first.
 * A standalone tool like gen.c: libc and libdeflate, never src/. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libdeflate.h>

#define DEFAULT_FILE "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"
#define ROUNDS 9
#define TOUCH_BYTES ((size_t)32 << 20)
#define PAGE 4096u

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static unsigned char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct stat st;
    unsigned char *buf = NULL;
    if (fstat(fileno(f), &st) == 0 && st.st_size > 0 && (buf = malloc((size_t)st.st_size)) != NULL &&
        fread(buf, 1, (size_t)st.st_size, f) != (size_t)st.st_size) {
        free(buf);
        buf = NULL;
        errno = EIO;
    }
    fclose(f);
    *len = buf ? (size_t)st.st_size : 0;
    return buf;
}

/* Best time of ROUNDS deflates of data at level 1, in ms; -1 on failure. */
static double deflate_ms(const unsigned char *data, size_t len)
{
    struct libdeflate_compressor *c = libdeflate_alloc_compressor(1);
    if (!c)
        return -1;
    size_t cap = libdeflate_deflate_compress_bound(c, len);
    unsigned char *out = malloc(cap);
    double best = -1;
    for (int r = 0; out && r < ROUNDS; r++) {
        double t0 = now_ms();
        size_t n = libdeflate_deflate_compress(c, data, len, out, cap);
        double t = now_ms() - t0;
        if (n == 0) {
            best = -1;
            break;
        }
        if (best < 0 || t < best)
            best = t;
    }
    free(out);
    libdeflate_free_compressor(c);
    return best;
}

/* Best time of ROUNDS first touches of TOUCH_BYTES, in µs per page; -1 on failure. */
static double fault_us(void)
{
    double best = -1;
    for (int r = 0; r < ROUNDS; r++) {
        volatile unsigned char *p = mmap(NULL, TOUCH_BYTES, PROT_READ | PROT_WRITE,
                                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            return -1;
        madvise((void *)p, TOUCH_BYTES, MADV_NOHUGEPAGE);
        double t0 = now_ms();
        for (size_t i = 0; i < TOUCH_BYTES; i += PAGE)
            p[i] = 1;
        double t = (now_ms() - t0) * 1e3 / (double)(TOUCH_BYTES / PAGE);
        munmap((void *)p, TOUCH_BYTES);
        if (best < 0 || t < best)
            best = t;
    }
    return best;
}

int main(int argc, char **argv)
{
    if (argc > 2 || (argc == 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")))) {
        fprintf(stderr, "usage: %s [FILE]   (default %s)\n", argv[0], DEFAULT_FILE);
        return 2;
    }
    const char *path = argc == 2 ? argv[1] : DEFAULT_FILE;
    size_t len = 0;
    unsigned char *data = read_all(path, &len);
    if (!data || len == 0) {
        fprintf(stderr, "probe: cannot read %s: %s\n", path, data ? "empty file" : strerror(errno));
        free(data);
        return 1;
    }
    double d = deflate_ms(data, len), f = fault_us();
    free(data);
    if (d < 0 || f < 0) {
        fprintf(stderr, "probe: %s failed\n", d < 0 ? "deflate" : "mmap");
        return 1;
    }
    printf("deflate %.1f MB level 1: %.2f ms (%.0f MB/s); page faults: %.2f us each\n", (double)len / 1e6, d,
           (double)len / 1e3 / d, f);
    return 0;
}
