/* shim.c — an LD_PRELOAD wrapper of read(2) that changes allocations.csv
 * while smereport reads it, at a known point: right after the first read()
 * of that file returns, it overwrites the first byte of "바우처" in the file
 * with 0xFF (already read, so already checked as UTF-8 by a first pass) and
 * appends one more row (an export still being written). Once per process. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static int done;

ssize_t read(int fd, void *buf, size_t n)
{
    static ssize_t (*real_read)(int, void *, size_t);
    if (!real_read)
        real_read = (ssize_t(*)(int, void *, size_t))dlsym(RTLD_NEXT, "read");
    ssize_t r = real_read(fd, buf, n);
    if (done || r <= 0)
        return r;
    char link[64], target[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t t = readlink(link, target, sizeof target - 1);
    if (t < 0)
        return r;
    target[t] = '\0';
    size_t tl = (size_t)t, sl = strlen("/allocations.csv");
    if (tl < sl || strcmp(target + tl - sl, "/allocations.csv") != 0)
        return r;
    done = 1;
    const char *hit = memmem(buf, (size_t)r, "바우처", strlen("바우처"));
    int w = open(target, O_WRONLY);
    if (w < 0)
        return r;
    if (hit)
        pwrite(w, "\xFF", 1, (off_t)(hit - (const char *)buf));
    const char row[] = "A0000099,L50-BS-01,602-81-12349,수출바우처,중소벤처기업진흥공단,1000000,2024-07-01,집행\n";
    pwrite(w, row, sizeof row - 1, lseek(w, 0, SEEK_END));
    close(w);
    return r;
}
