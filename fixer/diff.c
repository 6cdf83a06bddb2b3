/* diff.c — unified diffs from a Myers shortest edit script over lines. */
#include "diff.h"

#include <stdlib.h>
#include <string.h>

#define CONTEXT 3
/* Past this many changed lines, lines are paired in order (see below). */
#define MAX_EDIT_DISTANCE 500

typedef struct line {
    const unsigned char *p;
    size_t len;   /* the terminating '\n' included, when there is one */
} line;

static line *split(arena *a, const unsigned char *d, size_t len, size_t *n)
{
    size_t k = 0;
    for (size_t i = 0; i < len; i++)
        if (d[i] == '\n')
            k++;
    if (len > 0 && d[len - 1] != '\n')
        k++;
    line *v = arena_alloc(a, (k + 1) * sizeof *v);
    size_t j = 0, s = 0;
    for (size_t i = 0; i < len; i++)
        if (d[i] == '\n') {
            v[j].p = d + s;
            v[j++].len = i + 1 - s;
            s = i + 1;
        }
    if (s < len) {
        v[j].p = d + s;
        v[j++].len = len - s;
    }
    *n = j;
    return v;
}

static int same(const line *x, const line *y)
{
    return x->len == y->len && memcmp(x->p, y->p, x->len) == 0;
}

typedef enum { OP_EQ, OP_DEL, OP_INS } op_kind;

/* Equal prefix, then the middle paired line by line (a changed pair is a
 * delete and an insert; the longer side's rest is deleted or inserted),
 * then the equal suffix. */
static op_kind *aligned_script(arena *a, const line *xa, const line *ya, size_t pre, size_t n,
                               size_t m, size_t suf, size_t *nops)
{
    size_t common = n < m ? n : m;
    op_kind *ops = arena_alloc(a, (pre + 2 * common + (n - common) + (m - common) + suf + 1) *
                                      sizeof *ops);
    size_t w = 0;
    for (size_t i = 0; i < pre; i++)
        ops[w++] = OP_EQ;
    for (size_t i = 0; i < common; i++) {
        if (same(&xa[i], &ya[i])) {
            ops[w++] = OP_EQ;
            continue;
        }
        ops[w++] = OP_DEL;
        ops[w++] = OP_INS;
    }
    for (size_t i = common; i < n; i++)
        ops[w++] = OP_DEL;
    for (size_t i = common; i < m; i++)
        ops[w++] = OP_INS;
    for (size_t i = 0; i < suf; i++)
        ops[w++] = OP_EQ;
    *nops = w;
    return ops;
}

/*
 * Myers' greedy forward search, keeping each round's frontier so the path
 * can be traced back. Work and memory grow with the number of changed lines
 * (D), not the file size squared; fixes change few lines.
 */
static op_kind *edit_script(arena *a, const line *x, size_t n, const line *y, size_t m,
                            size_t *nops)
{
    /* common prefix and suffix first: they are most of the file */
    size_t pre = 0;
    while (pre < n && pre < m && same(&x[pre], &y[pre]))
        pre++;
    size_t suf = 0;
    while (suf < n - pre && suf < m - pre && same(&x[n - 1 - suf], &y[m - 1 - suf]))
        suf++;
    const line *xa = x + pre, *ya = y + pre;
    long N = (long)(n - pre - suf), M = (long)(m - pre - suf);
    long max = N + M;
    /* 2L: the product is a long, like `max` (clang-tidy's implicit-widening check) */
    if (max > 2L * MAX_EDIT_DISTANCE)
        max = 2L * MAX_EDIT_DISTANCE;
    long off = max + 1;
    long *v = calloc((size_t)(2 * max + 3), sizeof *v);
    long **trace = calloc((size_t)(max + 1), sizeof *trace);
    long dfound = -1;
    for (long d = 0; d <= max; d++) {
        int done = 0;
        for (long k = -d; k <= d; k += 2) {
            long xx = (k == -d || (k != d && v[off + k - 1] < v[off + k + 1])) ? v[off + k + 1]
                                                                                : v[off + k - 1] + 1;
            long yy = xx - k;
            while (xx < N && yy < M && same(&xa[xx], &ya[yy])) {
                xx++;
                yy++;
            }
            v[off + k] = xx;
            if (xx >= N && yy >= M) {
                done = 1;
                break;
            }
        }
        /* keep only the diagonals -d..d this round could reach */
        trace[d] = malloc((size_t)(2 * d + 1) * sizeof(long));
        memcpy(trace[d], v + off - d, (size_t)(2 * d + 1) * sizeof(long));
        if (done) {
            dfound = d;
            break;
        }
    }
    if (dfound < 0) {
        /* Too many changes for a shortest script (its memory grows with the
         * square of their number): pair the lines in order instead. Still a
         * correct diff, only not minimal; fixes keep the line count except
         * for appended lines, so it is what a fix makes anyway. */
        for (long d = 0; d <= max && trace[d]; d++)
            free(trace[d]);
        free(trace);
        free(v);
        return aligned_script(a, xa, ya, pre, (size_t)N, (size_t)M, suf, nops);
    }
    /* trace back from (N, M), collecting operations in reverse */
    size_t cap = n + m + 1, k_ops = 0;
    op_kind *rev = arena_alloc(a, cap * sizeof *rev);
    long xx = N, yy = M;
    for (long d = dfound; d > 0; d--) {
        const long *vp = trace[d - 1] + (d - 1);   /* vp[k] for k in -(d-1)..d-1 */
        long k = xx - yy;
        long pk = (k == -d || (k != d && vp[k - 1] < vp[k + 1])) ? k + 1 : k - 1;
        long px = vp[pk], py = px - pk;
        while (xx > px && yy > py) {
            rev[k_ops++] = OP_EQ;
            xx--;
            yy--;
        }
        if (xx == px)
            rev[k_ops++] = OP_INS, yy--;
        else
            rev[k_ops++] = OP_DEL, xx--;
    }
    while (xx > 0 && yy > 0) {
        rev[k_ops++] = OP_EQ;
        xx--;
        yy--;
    }
    for (long d = 0; d <= dfound; d++)
        free(trace[d]);
    free(trace);
    free(v);
    op_kind *ops = arena_alloc(a, (pre + k_ops + suf + 1) * sizeof *ops);
    size_t w = 0;
    for (size_t i = 0; i < pre; i++)
        ops[w++] = OP_EQ;
    for (size_t i = k_ops; i-- > 0;)
        ops[w++] = rev[i];
    for (size_t i = 0; i < suf; i++)
        ops[w++] = OP_EQ;
    *nops = w;
    return ops;
}

static void put_line(arena *a, strbuf *out, char mark, const line *l)
{
    strbuf_putc(a, out, mark);
    strbuf_put(a, out, (const char *)l->p, l->len);
    if (l->len == 0 || l->p[l->len - 1] != '\n')
        strbuf_puts(a, out, "\n\\ No newline at end of file\n");
}

static void range(arena *a, strbuf *out, char sign, size_t start, size_t count)
{
    /* an empty range names the line before it */
    strbuf_printf(a, out, "%c%zu,%zu", sign, count ? start + 1 : start, count);
}

int diff_unified(arena *a, strbuf *out, const char *path, const unsigned char *old,
                 size_t old_len, const unsigned char *new_, size_t new_len)
{
    if (old_len == new_len && memcmp(old, new_, old_len) == 0)
        return 0;
    size_t n, m, nops;
    line *x = split(a, old, old_len, &n);
    line *y = split(a, new_, new_len, &m);
    op_kind *ops = edit_script(a, x, n, y, m, &nops);
    strbuf_printf(a, out, "--- a/%s\n+++ b/%s\n", path, path);
    int hunks = 0;
    size_t i = 0;
    /* positions (in x and y) at the start of op i */
    size_t *px = arena_alloc(a, (nops + 1) * sizeof *px);
    size_t *py = arena_alloc(a, (nops + 1) * sizeof *py);
    for (size_t k = 0, cx = 0, cy = 0; k <= nops; k++) {
        px[k] = cx;
        py[k] = cy;
        if (k < nops) {
            cx += ops[k] != OP_INS;
            cy += ops[k] != OP_DEL;
        }
    }
    while (i < nops) {
        while (i < nops && ops[i] == OP_EQ)
            i++;
        if (i >= nops)
            break;
        /* a hunk: from CONTEXT lines before this change to CONTEXT after the
         * last change that is at most 2*CONTEXT equal lines further on */
        size_t start = i >= CONTEXT ? i - CONTEXT : 0;
        while (start < i && ops[start] != OP_EQ)
            start++;
        size_t end = i;
        for (;;) {
            while (end < nops && ops[end] != OP_EQ)
                end++;
            size_t eq = end;
            while (eq < nops && ops[eq] == OP_EQ)
                eq++;
            if (eq < nops && eq - end <= (size_t)2 * CONTEXT) {
                end = eq;
                continue;
            }
            end = end + CONTEXT < eq ? end + CONTEXT : eq;
            break;
        }
        size_t ox = px[start], oy = py[start];
        size_t cx = px[end] - ox, cy = py[end] - oy;
        strbuf_puts(a, out, "@@ ");
        range(a, out, '-', ox, cx);
        strbuf_putc(a, out, ' ');
        range(a, out, '+', oy, cy);
        strbuf_puts(a, out, " @@\n");
        for (size_t k = start; k < end; k++) {
            if (ops[k] == OP_EQ)
                put_line(a, out, ' ', &x[px[k]]);
            else if (ops[k] == OP_DEL)
                put_line(a, out, '-', &x[px[k]]);
            else
                put_line(a, out, '+', &y[py[k]]);
        }
        hunks++;
        i = end;
    }
    return hunks;
}
