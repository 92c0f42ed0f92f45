/* hash.h — SHA-256 of files and buffers (libcrypto's SHA256_*; uses the CPU's SHA
 * extensions where present). hash.c is the only module that includes OpenSSL. */
#ifndef SMR_HASH_H
#define SMR_HASH_H

#include <stdbool.h>
#include <stddef.h>

typedef struct sha256_ctx sha256_ctx;
sha256_ctx *sha256_new(void);
void sha256_update(sha256_ctx *c, const void *p, size_t n);
void sha256_final(sha256_ctx *c, unsigned char out[32]); /* frees c */
void sha256_hex(const unsigned char digest[32], char out[65]);
/* Hashes a whole file; false with errno set on a read error. */
bool sha256_file(const char *path, unsigned char out[32]);
/* The same for an open file, read from its start (the descriptor's offset
 * is not used); fd stays open. */
bool sha256_fd(int fd, unsigned char out[32]);

#endif
