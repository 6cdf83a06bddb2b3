/* auth_dump.c — a development driver: parse an hba/ident file as
 * `pgconflint parse --format json` does, but judged against a chosen build
 * profile (--release-build: the official binaries the oracle downloads for
 * --pg NN, which lack GSSAPI, LDAP and PAM). Used to compare with pg-oracle. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hba_doc.h"

int main(int argc, char **argv)
{
    auth_env env = auth_env_default();
    load_opts o = {.pg_version = 15, .follow_includes = 1, .allow_outside = 1};
    const char *kind = "hba", *file = NULL, *format = "json";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--release-build") == 0)
            env = auth_env_release_build();
        else if (strcmp(argv[i], "--pg-version") == 0 && i + 1 < argc)
            o.pg_version = atoi(argv[++i]);
        else if (strcmp(argv[i], "--kind") == 0 && i + 1 < argc)
            kind = argv[++i];
        else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc)
            format = argv[++i];
        else
            file = argv[i];
    }
    if (!file) {
        fprintf(stderr, "usage: auth_dump [--release-build] [--pg-version N] [--kind hba|ident] "
                        "[--format json|tree|source] FILE\n");
        return 2;
    }
    arena *a = arena_new();
    source *s = NULL;
    const char *err = NULL;
    if (source_read_file(a, file, &s, &err) != 0) {
        fprintf(stderr, "%s: %s\n", file, err);
        return 2;
    }
    if (strcmp(kind, "ident") == 0) {
        ident_doc *d = ident_doc_load(a, s, &o);
        strcmp(format, "tree") == 0     ? ident_doc_write_tree(d, stdout)
        : strcmp(format, "source") == 0 ? ident_doc_write_source(d, stdout)
                                        : ident_doc_write_json(d, stdout);
    } else {
        hba_doc *d = hba_doc_load_env(a, s, &o, &env);
        strcmp(format, "tree") == 0     ? hba_doc_write_tree(d, stdout)
        : strcmp(format, "source") == 0 ? hba_doc_write_source(d, stdout)
                                        : hba_doc_write_json(d, stdout);
    }
    arena_free(a);
    return 0;
}
