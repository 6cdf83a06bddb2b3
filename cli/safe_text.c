/* safe_text.c — escaping control bytes and invalid UTF-8 for display. */
#include "safe_text.h"

/* Length of the valid UTF-8 sequence at s (1..4), or 0 (RFC 3629: no
 * overlong forms, no surrogates, nothing above U+10FFFF). */
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

void safe_text_put(FILE *out, const char *text)
{
    const unsigned char *s = (const unsigned char *)text;
    while (*s) {
        /* printable ASCII runs go out in one call: most text is nothing else */
        const unsigned char *run = s;
        while (*s == '\t' || (*s >= 0x20 && *s < 0x7f))
            s++;
        if (s > run) {
            fwrite(run, 1, (size_t)(s - run), out);
            continue;
        }
        if (*s == '\n') {
            fputc(' ', out);
            s++;
        } else if (*s == '\t' || (*s >= 0x20 && *s < 0x7f)) {
            fputc(*s++, out);
        } else if (*s >= 0x80 && utf8_len(s)) {
            int n = utf8_len(s);
            fwrite(s, 1, (size_t)n, out);
            s += n;
        } else {
            fprintf(out, "\\x%02x", *s++);
        }
    }
}
