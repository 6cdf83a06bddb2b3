/*
 * value_probe — reads NAME<TAB>VALUE lines on stdin and prints, per line,
 * what the catalog and value checker say, in pg-oracle check-value's format:
 *   ok<TAB>normalized<TAB>unit<TAB>env      or      error<TAB>message<TAB>env
 * (message with "\nDETAIL:  " / "\nHINT:  " parts; text escaped as in COPY).
 * The last column is "env" when the verdict depends on the server's machine.
 * Usage: value_probe [VERSION]   (default 15). Used by tests/oracle_values.py.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "catalog.h"

static void put_escaped(const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '\\': fputs("\\\\", stdout); break;
        case '\t': fputs("\\t", stdout); break;
        case '\n': fputs("\\n", stdout); break;
        case '\r': fputs("\\r", stdout); break;
        default: putchar(*s);
        }
    }
}

static void put_message(const guc_value_result *r)
{
    put_escaped(r->message);
    if (r->detail) {
        fputs("\\nDETAIL:  ", stdout);
        put_escaped(r->detail);
    }
    if (r->hint) {
        fputs("\\nHINT:  ", stdout);
        put_escaped(r->hint);
    }
}

static void probe(arena *a, int version, const char *name, const char *value)
{
    const guc_param *p = catalog_find(version, name);
    if (!p) {
        const char *dot = strchr(name, '.');
        if (dot && !strchr(dot + 1, '.') && dot != name && dot[1]) {
            fputs("ok\t", stdout);   /* a custom (placeholder) parameter */
            put_escaped(value);
            fputs("\t\t\n", stdout);
            return;
        }
        printf("error\tunrecognized configuration parameter \"%s\"\t\n", name);
        return;
    }
    guc_value_result r;
    guc_check_value_as(a, p, name, version, value, &r);
    if (r.ok) {
        fputs("ok\t", stdout);
        put_escaped(r.normalized);
        printf("\t%s\t%s\n", p->unit, r.env_dependent ? "env" : "");
    } else {
        fputs("error\t", stdout);
        put_message(&r);
        printf("\t%s\n", r.env_dependent ? "env" : "");
    }
}

int main(int argc, char **argv)
{
    int version = argc > 1 ? atoi(argv[1]) : 15;
    if (!catalog_has_version(version)) {
        fprintf(stderr, "value_probe: no catalog for version %d\n", version);
        return 2;
    }
    char line[65536];
    while (fgets(line, sizeof line, stdin)) {
        size_t len = strlen(line);
        if (len && line[len - 1] == '\n')
            line[--len] = '\0';
        char *tab = strchr(line, '\t');
        const char *value = "";
        if (tab) {
            *tab = '\0';
            value = tab + 1;
        }
        arena *a = arena_new();
        probe(a, version, line, value);
        arena_free(a);
    }
    return 0;
}
