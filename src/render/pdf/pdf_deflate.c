/* pdf_deflate.c — deflate for the PDF streams (pdf_deflate.h).
 *
 * pdf_zlib() hands whole streams to libdeflate (core/deflate.c) at one fixed
 * level. The CIDToGIDMap of a face is two bytes per CID up to the last code point a
 * document shows — ~110 KB of which a few hundred bytes are not zero — and
 * deflating it with a general compressor means scanning all of it per face
 * and document. pdf_sparse_deflate() writes the stream directly from the
 * non-zero bytes instead: the buffer becomes tokens (a literal byte, or a
 * run of 3..258 zeros as a match at distance 1 — the byte before is always
 * a zero: the run's first zero is a literal unless a zero came just before),
 * one dynamic-Huffman block is coded for those tokens (code lengths limited
 * to 15 bits by flattening the frequencies; fixed codes as a fallback), and
 * the Adler-32 of the whole buffer is summed from the non-zero bytes alone.
 * docs/pdf.md has the figures (as small as zlib's best, a quarter of a
 * document's instructions less). */
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "deflate.h"
#include "pdf_deflate.h"

/* Streams are deflated with libdeflate rather than libharu's zlib. Page
 * contents and the CMap at level 4 (its greedy match finder): 1.7 MB of
 * them a sample run took ~21 ms of CPU at level 6 and ~15.5 ms at level 4,
 * for +0.3 KB a release (largest 83.9 KB); level 2 saved ~1 ms more for
 * +0.2 KB again; level 8 was ~1 % smaller than 6 (docs/pdf.md). Font
 * programs (three per release, ~75 % of its bytes) at level 1: its
 * hash-table match finder takes ~35 % less time than level 4's chains on
 * glyph outlines for +2.3 KB a release (docs/pdf.md "Font streams"). The
 * room came from writing the files as PDF 1.5 (pdf_objstm.c, −4.4 KB a
 * release): the largest, the overview, is 84.4 KB (justified, at level 4),
 * under the 85 KB goal. */
#define DEFLATE_LEVEL 4
#define FONT_DEFLATE_LEVEL 1

char *pdf_zlib(const void *data, size_t len, size_t *zlen)
{
    return deflate_zlib(data, len, DEFLATE_LEVEL, zlen);
}

char *pdf_zlib_font(const void *data, size_t len, size_t *zlen)
{
    return deflate_zlib(data, len, FONT_DEFLATE_LEVEL, zlen);
}

char *pdf_zlib_font_shared(const unsigned char *prog, size_t len, size_t at, const char *block_z,
                           size_t block_zlen, size_t block_len, size_t *zlen)
{
    *zlen = 0;
    if (at > 0xFFFF || at + block_len > len)
        return NULL;
    size_t rlen = 0;
    char *rest = deflate_raw(prog + at + block_len, len - at - block_len, FONT_DEFLATE_LEVEL, &rlen);
    if (!rest)
        return NULL;
    size_t n = 2 + (at ? 5 + at : 0) + block_zlen + rlen + 4;
    char *out = xmalloc(n);
    char *o = out;
    *o++ = 0x78; /* zlib header: deflate, 32 K window, no dictionary */
    *o++ = 0x01;
    if (at) { /* a stored block, not the last: BFINAL 0, BTYPE 00, then LEN and NLEN */
        *o++ = 0x00;
        *o++ = (char)(at & 0xFF);
        *o++ = (char)(at >> 8);
        *o++ = (char)(~at & 0xFF);
        *o++ = (char)(~at >> 8 & 0xFF);
        memcpy(o, prog, at);
        o += at;
    }
    memcpy(o, block_z, block_zlen); /* blocks, none the last, ending on a byte */
    o += block_zlen;
    memcpy(o, rest, rlen); /* the rest, ending with the last block */
    o += rlen;
    free(rest);
    uint32_t adler = deflate_adler32(prog, len);
    for (int sh = 24; sh >= 0; sh -= 8)
        *o++ = (char)(adler >> sh & 0xFF);
    *zlen = n;
    return out;
}

/* Bits of a deflate stream, least significant first (RFC 1951, 3.1.1). */
typedef struct bitout {
    strbuf *out;
    uint32_t acc;
    int nbits;
} bitout;

static void put_bits(bitout *b, uint32_t v, int n)
{
    b->acc |= v << b->nbits;
    b->nbits += n;
    while (b->nbits >= 8) {
        sb_addc(b->out, (char)(b->acc & 0xFF));
        b->acc >>= 8;
        b->nbits -= 8;
    }
}

/* code's n bits in reverse order: a Huffman code goes in most significant
 * bit first, put_bits takes the least significant first. */
static uint32_t reversed(uint32_t code, int n)
{
    uint32_t r = 0;
    for (int i = 0; i < n; i++)
        r |= (code >> i & 1) << (n - 1 - i);
    return r;
}

static void put_code(bitout *b, uint32_t code, int n)
{
    put_bits(b, reversed(code, n), n);
}

/* The sparse buffer as deflate tokens: a literal byte (< 256), or 256 + n
 * for a match of n (3..258) bytes at distance 1, which repeats a zero. */
typedef struct tokens {
    uint16_t *t;
    size_t n, cap;
} tokens;

static void tok(tokens *k, unsigned v)
{
    if (k->n == k->cap) {
        k->cap = k->cap ? 2 * k->cap : 256;
        k->t = xrealloc(k->t, k->cap * sizeof *k->t);
    }
    k->t[k->n++] = (uint16_t)v;
}

static void tok_zeros(tokens *k, size_t n, bool after_zero)
{
    if (n == 0)
        return;
    if (!after_zero) {
        tok(k, 0);
        n--;
    }
    while (n >= 3) {
        size_t m = n > 258 ? 258 : n;
        if (n > 258 && n - 258 < 3)
            m = n - 3;
        tok(k, 256 + (unsigned)m);
        n -= m;
    }
    while (n--)
        tok(k, 0);
}

static const uint16_t len_base[] = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                    31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
static const uint8_t len_extra[] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                    2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};

static unsigned len_index(unsigned n)
{
    unsigned i = ARRAY_LEN(len_base) - 1;
    while (len_base[i] > n)
        i--;
    return i;
}

typedef struct hnode {
    uint32_t freq;
    int left, right; /* children (node indices), -1 for a leaf */
    int sym;
} hnode;

static int cmp_leaf(const void *a, const void *b)
{
    const hnode *x = a, *y = b;
    if (x->freq != y->freq)
        return x->freq < y->freq ? -1 : 1;
    return x->sym - y->sym;
}

/* Huffman code lengths for freq[0..n) (0 for unused symbols); false if a
 * code would be longer than limit. Deterministic: ties go by symbol. */
static bool huff_lengths_once(const uint32_t *freq, int n, int limit, uint8_t *len)
{
    hnode *nd = xmalloc((size_t)(2 * n + 2) * sizeof *nd);
    int leaves = 0;
    for (int i = 0; i < n; i++) {
        len[i] = 0;
        if (freq[i])
            nd[leaves++] = (hnode){freq[i], -1, -1, i};
    }
    for (int i = 0; leaves < 2 && i < n; i++) /* a code needs two symbols */
        if (!freq[i])
            nd[leaves++] = (hnode){1, -1, -1, i};
    qsort(nd, (size_t)leaves, sizeof *nd, cmp_leaf);
    /* Two queues: the sorted leaves, and the merged nodes in order. */
    int total = leaves, ql = 0, qm = leaves;
    while ((leaves - ql) + (total - qm) > 1) {
        int pick[2];
        for (int j = 0; j < 2; j++) {
            if (ql < leaves && (qm >= total || nd[ql].freq <= nd[qm].freq))
                pick[j] = ql++;
            else
                pick[j] = qm++;
        }
        nd[total++] = (hnode){nd[pick[0]].freq + nd[pick[1]].freq, pick[0], pick[1], -1};
    }
    /* Depths, from the root down (parents come after their children). */
    int *depth = xcalloc((size_t)total, sizeof *depth);
    bool ok = true;
    for (int i = total - 1; i >= 0; i--) {
        if (nd[i].left >= 0) {
            depth[nd[i].left] = depth[nd[i].right] = depth[i] + 1;
        } else {
            if (depth[i] > limit)
                ok = false;
            len[nd[i].sym] = (uint8_t)depth[i];
        }
    }
    free(depth);
    free(nd);
    return ok;
}

/* Code lengths of at most limit bits: when the optimal code is too deep,
 * the frequencies are flattened (halved, kept non-zero) until it is not;
 * with all frequencies 1 the depth is log2 of the symbols used. */
STATIC bool huff_lengths(const uint32_t *freq, int n, int limit, uint8_t *len)
{
    uint32_t *f = xmalloc((size_t)n * sizeof *f);
    memcpy(f, freq, (size_t)n * sizeof *f);
    bool ok = false;
    for (int round = 0; round < 32 && !ok; round++) {
        ok = huff_lengths_once(f, n, limit, len);
        for (int i = 0; i < n; i++)
            if (f[i])
                f[i] = f[i] / 2 ? f[i] / 2 : 1;
    }
    free(f);
    return ok;
}

/* Canonical codes from lengths (RFC 1951, 3.2.2). */
static void huff_codes(const uint8_t *len, int n, uint16_t *code)
{
    uint16_t count[16] = {0}, next[16] = {0};
    for (int i = 0; i < n; i++)
        count[len[i]]++;
    count[0] = 0;
    uint16_t c = 0;
    for (int b = 1; b < 16; b++) {
        c = (uint16_t)((c + count[b - 1]) << 1);
        next[b] = c;
    }
    for (int i = 0; i < n; i++)
        code[i] = len[i] ? next[len[i]]++ : 0;
}

static unsigned tok_sym(unsigned t)
{
    return t < 256 ? t : 257 + len_index(t - 256);
}

/* One block with codes made for these tokens; false (nothing written) if a
 * code would be too long, and the caller uses the fixed codes instead. */
static bool put_dynamic(bitout *b, const tokens *k)
{
    uint32_t freq[286] = {0};
    uint8_t len[286 + 1];
    uint16_t code[286];
    for (size_t i = 0; i < k->n; i++)
        freq[tok_sym(k->t[i])]++;
    freq[256] = 1; /* end of block */
    if (!huff_lengths(freq, 286, 15, len))
        return false;
    int nlit = 286;
    while (nlit > 257 && len[nlit - 1] == 0)
        nlit--;
    len[nlit] = 1; /* the one distance code (0: distance 1), one bit */
    int nall = nlit + 1;
    /* The code lengths, run-length coded (17, 18: runs of zeros). */
    uint16_t cl[300];
    int ncl = 0;
    for (int i = 0; i < nall;) {
        int r = 1;
        while (len[i] == 0 && i + r < nall && len[i + r] == 0 && r < 138)
            r++;
        if (len[i] == 0 && r >= 11) {
            cl[ncl++] = (uint16_t)(18 | (r - 11) << 5);
        } else if (len[i] == 0 && r >= 3) {
            cl[ncl++] = (uint16_t)(17 | (r - 3) << 5);
        } else {
            r = 1;
            cl[ncl++] = len[i];
        }
        i += r;
    }
    uint32_t cfreq[19] = {0};
    uint8_t clen[19];
    uint16_t ccode[19];
    for (int i = 0; i < ncl; i++)
        cfreq[cl[i] & 31]++;
    if (!huff_lengths(cfreq, 19, 7, clen))
        return false;
    huff_codes(clen, 19, ccode);
    huff_codes(len, nlit, code);
    /* Reversed once here rather than at every token (put_bits below). */
    for (int i = 0; i < 19; i++)
        ccode[i] = (uint16_t)reversed(ccode[i], clen[i]);
    for (int i = 0; i < nlit; i++)
        code[i] = (uint16_t)reversed(code[i], len[i]);
    static const uint8_t order[19] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
    int nclen = 19;
    while (nclen > 4 && clen[order[nclen - 1]] == 0)
        nclen--;
    put_bits(b, 1, 1); /* last block */
    put_bits(b, 2, 2); /* dynamic Huffman codes */
    put_bits(b, (uint32_t)(nlit - 257), 5);
    put_bits(b, 0, 5); /* one distance code */
    put_bits(b, (uint32_t)(nclen - 4), 4);
    for (int i = 0; i < nclen; i++)
        put_bits(b, clen[order[i]], 3);
    for (int i = 0; i < ncl; i++) {
        unsigned sym = cl[i] & 31;
        put_bits(b, ccode[sym], clen[sym]);
        if (sym == 17)
            put_bits(b, cl[i] >> 5, 3);
        else if (sym == 18)
            put_bits(b, cl[i] >> 5, 7);
    }
    for (size_t i = 0; i < k->n; i++) {
        unsigned t = k->t[i], sym = tok_sym(t);
        put_bits(b, code[sym], len[sym]);
        if (t >= 256) {
            unsigned li = sym - 257;
            put_bits(b, t - 256 - len_base[li], len_extra[li]);
            put_bits(b, 0, 1); /* distance 1 */
        }
    }
    put_bits(b, code[256], len[256]);
    return true;
}

/* The same tokens with the fixed codes (RFC 1951, 3.2.6). */
static void put_fixed(bitout *b, const tokens *k)
{
    put_bits(b, 1, 1); /* last block */
    put_bits(b, 1, 2); /* fixed Huffman codes */
    for (size_t i = 0; i < k->n; i++) {
        unsigned t = k->t[i], sym = tok_sym(t);
        if (sym < 144)
            put_code(b, 0x30 + sym, 8);
        else if (sym < 256)
            put_code(b, 0x190 + (sym - 144), 9);
        else if (sym <= 279)
            put_code(b, sym - 256, 7);
        else
            put_code(b, 0xC0 + (sym - 280), 8);
        if (t >= 256) {
            unsigned li = sym - 257;
            put_bits(b, t - 256 - len_base[li], len_extra[li]);
            put_code(b, 0, 5); /* distance code 0: distance 1 */
        }
    }
    put_code(b, 0, 7); /* end of block */
}

void pdf_sparse_deflate(size_t len, const uint32_t *pos, const uint8_t *val, size_t n,
                        strbuf *out)
{
    /* Adler-32 of the whole buffer from its non-zero bytes: a = 1 + sum,
     * b = len + sum of byte * (len - position). */
    uint64_t a = 1, bsum = len % 65521;
    for (size_t i = 0; i < n; i++) {
        a += val[i];
        bsum += (uint64_t)val[i] * ((len - pos[i]) % 65521);
        bsum %= 65521;
    }
    a %= 65521;
    tokens k = {0};
    size_t at = 0;
    bool after_zero = false;
    for (size_t i = 0; i < n; i++) {
        tok_zeros(&k, pos[i] - at, after_zero);
        tok(&k, val[i]);
        after_zero = val[i] == 0;
        at = pos[i] + 1;
    }
    tok_zeros(&k, len - at, after_zero);
    sb_addc(out, 0x78); /* zlib header: deflate, 32 K window, no dictionary */
    sb_addc(out, 0x01);
    size_t mark = out->len;
    bitout b = {out, 0, 0};
    if (!put_dynamic(&b, &k)) {
        out->len = mark;
        b = (bitout){out, 0, 0};
        put_fixed(&b, &k);
    }
    if (b.nbits)
        put_bits(&b, 0, 8 - b.nbits);
    uint32_t adler = (uint32_t)(bsum << 16 | a);
    for (int sh = 24; sh >= 0; sh -= 8)
        sb_addc(out, (char)(adler >> sh & 0xFF));
    free(k.t);
}

