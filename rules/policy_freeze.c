/* policy_freeze.c — a build-time tool, not part of pgconflint: parse each
 * built-in profile (rules/policies/NAME.yaml) with libyaml once, at build
 * time, and print the parsed document as C tables (rules/policy_frozen.inc;
 * policy_frozen.c turns them back into libyaml's nodes). Every run of
 * pgconflint loads the builtin profile and usually a second one; tokenizing
 * and parsing their YAML was about half of a single-file check.
 *
 * Usage: policy_freeze FILE.yaml... > policy_frozen.inc
 * A profile that is not one valid YAML document fails the build here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static void fail(const char *path, const char *what, const yaml_mark_t *m)
{
    fprintf(stderr, "policy_freeze: %s:%lu:%lu: %s\n", path, m ? (unsigned long)m->line + 1 : 0,
            m ? (unsigned long)m->column + 1 : 0, what);
    exit(1);
}

/* A C string literal for `len` bytes; octal escapes are always three digits
 * so a following digit cannot join them, and '?' is escaped (trigraphs). */
static void put_literal(const unsigned char *s, size_t len)
{
    putchar('"');
    for (size_t i = 0; i < len; i++) {
        unsigned char c = s[i];
        if (c == '"' || c == '\\' || c == '?')
            printf("\\%c", c);
        else if (c >= 0x20 && c < 0x7f)
            putchar(c);
        else
            printf("\\%03o", c);
    }
    putchar('"');
}

static void put_mark(const yaml_mark_t *m)
{
    printf(", %lu, %lu, %lu", (unsigned long)m->index, (unsigned long)m->line,
           (unsigned long)m->column);
}

static void ident_of(const char *name, char *out, size_t n)
{
    size_t k = 0;
    for (; name[k] && k + 1 < n; k++) {
        /* an if, not ?: — the conditional's type is int, and narrowing it
         * back to char is what clang-tidy (bugprone-narrowing-conversions) flags */
        if ((name[k] >= 'a' && name[k] <= 'z') || (name[k] >= 'A' && name[k] <= 'Z') ||
            (name[k] >= '0' && name[k] <= '9'))
            out[k] = name[k];
        else
            out[k] = '_';
    }
    out[k] = '\0';
}

/* The profile name: the file name without directory and ".yaml". */
static void name_of(const char *path, char *out, size_t n)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    size_t len = strlen(b);
    if (len > 5 && strcmp(b + len - 5, ".yaml") == 0)
        len -= 5;
    if (len >= n)
        len = n - 1;
    memcpy(out, b, len);
    out[len] = '\0';
}

static long read_file(const char *path, unsigned char **out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail(path, "cannot open", NULL);
    size_t cap = 1 << 16, len = 0;
    unsigned char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + len, 1, cap - len, f)) > 0) {
        len += got;
        if (len == cap) {
            /* keep the old block on failure (freed, then the !buf check
             * below reports it): cppcheck's memleakOnRealloc */
            unsigned char *nb = realloc(buf, cap *= 2);
            if (!nb)
                free(buf);
            buf = nb;
        }
    }
    if (!buf || ferror(f))
        fail(path, "cannot read", NULL);
    fclose(f);
    *out = buf;
    return (long)len;
}

static void freeze(const char *path, char *name, size_t name_cap)
{
    unsigned char *text;
    long len = read_file(path, &text);
    yaml_parser_t parser;
    yaml_document_t doc, extra;
    if (!yaml_parser_initialize(&parser))
        fail(path, "out of memory", NULL);
    yaml_parser_set_input_string(&parser, text, (size_t)len);
    if (!yaml_parser_load(&parser, &doc))
        fail(path, parser.problem ? parser.problem : "YAML error", &parser.problem_mark);
    if (!yaml_parser_load(&parser, &extra))
        fail(path, parser.problem ? parser.problem : "YAML error", &parser.problem_mark);
    if (yaml_document_get_root_node(&extra))
        fail(path, "a second YAML document", &yaml_document_get_root_node(&extra)->start_mark);
    yaml_document_delete(&extra);

    char id[128];
    name_of(path, name, name_cap);
    ident_of(name, id, sizeof id);
    size_t nnodes = (size_t)(doc.nodes.top - doc.nodes.start);
    /* Sequence items and mapping pairs live in one array each per profile;
     * a node names its slice by first index and count. Strings (values and
     * tags) live in one pool, named by offset. Offsets rather than pointers:
     * a pointer in a table is a relocation the loader applies at every start
     * of a position-independent binary. (An empty array is not C: +1.) */
    printf("\n/* %s */\nstatic const yaml_node_item_t frozen_items_%s[] = {", path, id);
    for (yaml_node_t *n = doc.nodes.start; n < doc.nodes.top; n++)
        if (n->type == YAML_SEQUENCE_NODE)
            for (yaml_node_item_t *it = n->data.sequence.items.start;
                 it < n->data.sequence.items.top; it++)
                printf("%d,", *it);
    printf("0};\nstatic const yaml_node_pair_t frozen_pairs_%s[] = {", id);
    for (yaml_node_t *n = doc.nodes.start; n < doc.nodes.top; n++)
        if (n->type == YAML_MAPPING_NODE)
            for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
                 p < n->data.mapping.pairs.top; p++)
                printf("{%d,%d},", p->key, p->value);
    printf("{0,0}};\nstatic const char frozen_pool_%s[] =", id);
    size_t pool = 0;
    for (yaml_node_t *n = doc.nodes.start; n < doc.nodes.top; n++) {
        size_t tl = strlen((const char *)n->tag);
        printf("\n    ");
        put_literal(n->tag, tl + 1);
        pool += tl + 1;
        if (n->type == YAML_SCALAR_NODE) {
            printf(" ");
            put_literal(n->data.scalar.value, n->data.scalar.length + 1);
            pool += n->data.scalar.length + 1;
        }
    }
    printf(";\nstatic const frozen_node frozen_nodes_%s[] = {\n", id);
    size_t at_pool = 0, at_item = 0, at_pair = 0;
    for (yaml_node_t *n = doc.nodes.start; n < doc.nodes.top; n++) {
        size_t tag = at_pool, first = 0, count = 0;
        int style = 0;
        at_pool += strlen((const char *)n->tag) + 1;
        if (n->type == YAML_SCALAR_NODE) {
            first = at_pool;
            count = n->data.scalar.length;
            style = (int)n->data.scalar.style;
            at_pool += count + 1;
        } else if (n->type == YAML_SEQUENCE_NODE) {
            first = at_item;
            count = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
            style = (int)n->data.sequence.style;
            at_item += count;
        } else {
            first = at_pair;
            count = (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
            style = (int)n->data.mapping.style;
            at_pair += count;
        }
        printf("    {%d, %d, %zu, %zu, %zu", (int)n->type, style, tag, first, count);
        put_mark(&n->start_mark);
        put_mark(&n->end_mark);
        printf("},\n");
    }
    printf("};\n");
    if (at_pool != pool)
        fail(path, "string pool miscounted", NULL);
    if (pool > 0xffffffffu || (unsigned long)len > 0xffffffffu)
        fail(path, "too large for the 32-bit offsets of policy_frozen.c", NULL);
    printf("#define FROZEN_%s {\"%s\", %ldu, frozen_nodes_%s, %zu, frozen_items_%s, "
           "frozen_pairs_%s, frozen_pool_%s}\n", id, name, len, id, nnodes, id, id, id);
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    free(text);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: policy_freeze FILE.yaml... > policy_frozen.inc\n", stderr);
        return 2;
    }
    printf("/* Generated by policy_freeze from the YAML files of rules/policies: the\n"
           " * built-in profiles as parsed YAML documents. Do not edit. */\n");
    char (*names)[64] = calloc((size_t)argc, sizeof *names);
    if (!names)
        return 1;
    for (int i = 1; i < argc; i++)
        freeze(argv[i], names[i], sizeof names[i]);
    printf("\nstatic const policy_frozen frozen_table[] = {\n");
    for (int i = 1; i < argc; i++) {
        char id[128];
        ident_of(names[i], id, sizeof id);
        printf("    FROZEN_%s,\n", id);
    }
    printf("};\n");
    free(names);
    return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
}
