/* hash.c — SHA-256 through libcrypto. OpenSSL uses the SHA instructions of
 * the CPU, so hashing the inputs costs far less than parsing them; a
 * hand-written SHA-256 would be several times slower.
 *
 * Its low-level SHA256_* functions, not EVP: OpenSSL 3's EVP fetches the
 * digest from a provider, and the first fetch of a process initialises the
 * provider machinery — 0.85–1.05 ms measured here, paid in the main process
 * while it reads the inputs, before anything else can run beside it (a
 * sixtieth of the sample's whole job). SHA256_Init and its kin call the same
 * SHA-NI/AVX code directly (0.014 ms the first time, the same 1.7 GB/s).
 * They are deprecated since OpenSSL 3.0 but kept in 3.x; the deprecation
 * warning is silenced for this file alone. */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <openssl/sha.h>

#include "common.h"
#include "hash.h"

struct sha256_ctx {
    SHA256_CTX sha;
};

sha256_ctx *sha256_new(void)
{
    sha256_ctx *c = xmalloc(sizeof *c);
    if (SHA256_Init(&c->sha) != 1)
        abort();
    return c;
}

void sha256_update(sha256_ctx *c, const void *p, size_t n)
{
    SHA256_Update(&c->sha, p, n);
}

void sha256_final(sha256_ctx *c, unsigned char out[32])
{
    SHA256_Final(out, &c->sha);
    free(c);
}

void sha256_hex(const unsigned char d[32], char out[65])
{
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 32; i++) {
        out[2 * i] = hex[d[i] >> 4];
        out[2 * i + 1] = hex[d[i] & 15];
    }
    out[64] = '\0';
}

bool sha256_fd(int fd, unsigned char out[32])
{
    /* On the heap, not in thread-local storage: a 64 KB TLS block is zeroed
     * for every thread the process starts (the commit's fsync threads, the
     * read-ahead thread), ~16 page faults each, whether it hashes or not. */
    enum { HASH_BUF = 1 << 16 };
    unsigned char *buf = xmalloc(HASH_BUF);
    sha256_ctx *c = sha256_new();
    for (off_t at = 0;;) {
        ssize_t n = pread(fd, buf, HASH_BUF, at);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            unsigned char junk[32];
            sha256_final(c, junk);
            free(buf);
            errno = e;
            return false;
        }
        if (n == 0)
            break;
        sha256_update(c, buf, (size_t)n);
        at += n;
    }
    free(buf);
    sha256_final(c, out);
    return true;
}

bool sha256_file(const char *path, unsigned char out[32])
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    bool ok = sha256_fd(fd, out);
    int e = errno;
    close(fd);
    errno = e;
    return ok;
}
