/* safe_text.c — escaping control bytes and invalid UTF-8 for display. */
#include "safe_text.h"

#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Length of the valid UTF-8 sequence at s (1..4), or 0 (RFC 3629: no
 * overlong forms, no surrogates, nothing above U+10FFFF). Reads no further
 * than a NUL, which is no continuation byte. */
static int utf8_len(const unsigned char *s)
{
    unsigned char c = s[0];
    int n;
    unsigned min;
    unsigned cp;
    if (c >= 0xc2 && c <= 0xdf) {
        n = 2, min = 0x80, cp = c & 0x1fu;
    } else if (c >= 0xe0 && c <= 0xef) {
        n = 3, min = 0x800, cp = c & 0x0fu;
    } else if (c >= 0xf0 && c <= 0xf4) {
        n = 4, min = 0x10000, cp = c & 0x07u;
    } else {
        return 0;
    }
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3fu);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    /* C1 controls (U+0080..U+009F) act on terminals even when encoded */
    if (cp < 0xa0)
        return 0;
    return n;
}

static int is_plain(unsigned char c)
{
    return c == '\t' || (c >= 0x20 && c < 0x7f);
}

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

/* How many bytes at the start of text (NUL-terminated at len) pass
 * unchanged: printable ASCII and TAB, most text being nothing else. */
static size_t safe_text_plain(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
#ifdef __SSE2__
    /* Sixteen bytes at a time: as signed bytes, everything from 0x80 up
     * is below 0x20 too, so two compares find any byte that is not plain
     * (TAB included; the loop below takes it). */
    const __m128i space = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7f);
    while (len - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
        __m128i bad = _mm_or_si128(_mm_cmplt_epi8(v, space), _mm_cmpeq_epi8(v, del));
        if (_mm_movemask_epi8(bad))
            break;
        i += 16;
    }
    /* the last bytes of a string of 16 or more, as one block that may
     * overlap the ones already seen */
    if (i < len && len - i < 16 && len >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(s + len - 16));
        __m128i bad = _mm_or_si128(_mm_cmplt_epi8(v, space), _mm_cmpeq_epi8(v, del));
        if (!_mm_movemask_epi8(bad))
            return len;
    }
#endif
    /* Eight bytes at a time while none is 0x80 or above, below 0x20 or
     * 0x7f (exact tests for "some byte is": a flagged word, or a TAB in
     * it, goes byte by byte). Reports are mostly such text. */
    while (len - i >= 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t x7f = w ^ (0x7f * ONES);
        uint64_t bad = (w & HIGHS) | ((w - 0x20 * ONES) & ~w & HIGHS) | ((x7f - ONES) & ~x7f & HIGHS);
        if (bad)
            break;
        i += 8;
    }
    while (i < len && is_plain(s[i]))
        i++;
    return i;
}

/* The safe form of the character at text[0], one safe_text_plain stopped
 * at (len > 0), into out (at most 4 bytes) with its length in *outlen;
 * returns how many bytes of text it stands for. */
static size_t safe_text_escape(const char *text, size_t len, char out[4], size_t *outlen)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *s = (const unsigned char *)text;
    (void)len;   /* the NUL at s[len] ends a UTF-8 sequence early */
    if (*s == '\n' || is_plain(*s)) {
        out[0] = (char)(*s == '\n' ? ' ' : *s);
        *outlen = 1;
        return 1;
    }
    int n = *s >= 0x80 ? utf8_len(s) : 0;
    if (n) {
        memcpy(out, s, (size_t)n);
        *outlen = (size_t)n;
        return (size_t)n;
    }
    out[0] = '\\';
    out[1] = 'x';
    out[2] = hex[*s >> 4];
    out[3] = hex[*s & 15];
    *outlen = 4;
    return 1;
}

void safe_text_each(const char *text, safe_text_sink *put, void *ctx)
{
    size_t len = strlen(text);
    while (len) {
        /* printable ASCII runs go out in one call: most text is nothing else */
        size_t run = safe_text_plain(text, len);
        if (run) {
            put(ctx, text, run);
            text += run;
            len -= run;
            continue;
        }
        char esc[4];
        size_t elen;
        size_t used = safe_text_escape(text, len, esc, &elen);
        put(ctx, esc, elen);
        text += used;
        len -= used;
    }
}

static void put_file(void *ctx, const char *bytes, size_t n)
{
    fwrite(bytes, 1, n, (FILE *)ctx);
}

void safe_text_put(FILE *out, const char *text)
{
    safe_text_each(text, put_file, out);
}
