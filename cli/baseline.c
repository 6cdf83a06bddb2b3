/* baseline.c — reading and writing baseline files. */
#include "baseline.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define HEADER "# pgconflint baseline v1"

static int parse_hex(const char *s, size_t n, uint64_t *out)
{
    if (n != 16)
        return -1;
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (d < 0)
            return -1;
        v = v << 4 | (uint64_t)d;
    }
    *out = v;
    return 0;
}

int baseline_load(const char *path, baseline *b, const char **err)
{
    memset(b, 0, sizeof *b);
    FILE *f = fopen(path, "r");
    if (!f) {
        *err = strerror(errno);
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    int lineno = 0, rc = 0;
    while (getline(&line, &cap, f) >= 0) {
        lineno++;
        if (lineno == 1 && strncmp(line, HEADER, strlen(HEADER)) != 0) {
            *err = "not a pgconflint baseline (the first line must be \"" HEADER "\")";
            rc = -1;
            break;
        }
        if (line[0] == '#' || line[0] == '\n')
            continue;
        size_t n = strcspn(line, "\t\n");
        uint64_t v;
        if (parse_hex(line, n, &v) != 0) {
            *err = "malformed entry (expected 16 hex digits, then a tab)";
            rc = -1;
            break;
        }
        findset_add(&b->set, (findkey){v, 0});
        b->entries++;
    }
    free(line);
    fclose(f);
    if (rc != 0)
        baseline_free(b);
    return rc;
}

int baseline_take(baseline *b, const char *fingerprint)
{
    uint64_t v;
    if (parse_hex(fingerprint, strlen(fingerprint), &v) != 0)
        return 0;
    findset_entry *e = findset_get(&b->set, (findkey){v, 0});
    if (!e || e->value >= e->count)
        return 0;
    e->value++;
    return 1;
}

int baseline_stale(const baseline *b)
{
    int n = 0;
    for (size_t i = 0; i < b->set.cap; i++)
        if (b->set.slot[i].count)
            n += (int)(b->set.slot[i].count - b->set.slot[i].value);
    return n;
}

void baseline_free(baseline *b)
{
    findset_free(&b->set);
}

int baseline_writer_open(baseline_writer *w, const char *path, const char **err)
{
    memset(w, 0, sizeof *w);
    w->path = strdup(path);
    size_t n = strlen(path) + 32;
    w->tmp = malloc(n);
    if (!w->path || !w->tmp) {
        *err = strerror(ENOMEM);
        free(w->path);
        free(w->tmp);
        return -1;
    }
    snprintf(w->tmp, n, "%s.tmp.%ld", path, (long)getpid());
    w->f = fopen(w->tmp, "w");
    if (!w->f) {
        *err = strerror(errno);
        free(w->path);
        free(w->tmp);
        return -1;
    }
    fputs(HEADER "\n", w->f);
    fputs("# Findings recorded with `pgconflint check --write-baseline`; `--baseline` hides\n"
          "# them. Only the first column is matched: file, rule and the flagged line's text.\n",
          w->f);
    return 0;
}

/* Keep an entry on one line: tabs and newlines in a message become spaces. */
static void put_field(FILE *f, const char *s)
{
    for (; s && *s; s++)
        fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
}

void baseline_writer_add(baseline_writer *w, const char *fingerprint, const char *path,
                         const char *rule, const char *message)
{
    fprintf(w->f, "%s\t", fingerprint);
    put_field(w->f, path);
    fputc('\t', w->f);
    put_field(w->f, rule);
    fputc('\t', w->f);
    put_field(w->f, message);
    fputc('\n', w->f);
    w->entries++;
}

int baseline_writer_close(baseline_writer *w, const char **err)
{
    int rc = 0;
    if (fflush(w->f) != 0 || ferror(w->f) || fsync(fileno(w->f)) != 0) {
        *err = strerror(errno);
        rc = -1;
    }
    if (fclose(w->f) != 0 && rc == 0) {
        *err = strerror(errno);
        rc = -1;
    }
    if (rc == 0 && rename(w->tmp, w->path) != 0) {
        *err = strerror(errno);
        rc = -1;
    }
    if (rc != 0)
        unlink(w->tmp);
    free(w->path);
    free(w->tmp);
    return rc;
}
