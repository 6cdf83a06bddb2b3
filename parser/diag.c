/* diag.c — building located messages. */
#include "diag.h"

#include <stdarg.h>

void diag_place(diag *d, const source *src, size_t off, size_t len)
{
    d->src = src;
    d->path = src ? src->path : NULL;
    d->off = off;
    d->len = len;
    if (src)
        source_linecol(src, off, &d->line, &d->col);
}

diag *diag_at(arena *a, const source *src, size_t off, size_t len, const char *fmt, ...)
{
    diag *d = arena_alloc(a, sizeof *d);
    diag_place(d, src, off, len);
    va_list ap;
    va_start(ap, fmt);
    d->message = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return d;
}
