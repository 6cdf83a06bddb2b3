/* hash.c — multiply-xorshift over 8-byte words, finalised with murmur's fmix64. */
#include "hash.h"

#include <string.h>

#define K1 0x9e3779b97f4a7c15ULL
#define K2 0xc2b2ae3d27d4eb4fULL

static uint64_t mix(uint64_t h, uint64_t w)
{
    w *= K2;
    w ^= w >> 31;
    h ^= w;
    h = (h << 27 | h >> 37) * K1 + 0x52dce729;
    return h;
}

/* The n (at most 8) bytes at p as a little-endian number. On a
 * little-endian machine that is a plain load, which the compiler does not
 * see through the shifts (it read byte by byte, most of a hash's cost). */
static uint64_t load_le(const unsigned char *p, size_t n)
{
    uint64_t w = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    memcpy(&w, p, n);
#else
    for (size_t i = 0; i < n; i++)
        w |= (uint64_t)p[i] << (8 * i);
#endif
    return w;
}

uint64_t hash_bytes(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    h = mix(h, n);   /* "ab"+"c" and "a"+"bc" must differ */
    /* bytes are read little-endian explicitly: baseline files written on one
     * machine must match on another */
    while (n >= 8) {
        h = mix(h, load_le(p, 8));
        p += 8;
        n -= 8;
    }
    return mix(h, load_le(p, n));
}

uint64_t hash_str(uint64_t h, const char *s)
{
    return hash_bytes(h, s ? s : "", s ? strlen(s) : 0);
}

uint64_t hash_u64(uint64_t h, uint64_t v)
{
    return mix(h, v);
}

uint64_t hash_final(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}
