/* cmd_parse.c — `pgconflint parse FILE`: PostgreSQL's view of one file. */
#include <stdio.h>
#include <string.h>

#include "cluster.h"
#include "commands.h"
#include "document.h"
#include "tree_root.h"

int cmd_parse(const cli_options *o)
{
    const char *format = o->format ? o->format : "json";
    if (strcmp(format, "json") != 0 && strcmp(format, "tree") != 0 &&
        strcmp(format, "source") != 0) {
        fprintf(stderr, "pgconflint: parse --format must be json, tree or source\n");
        return 2;
    }
    if (o->npaths != 1) {
        fprintf(stderr, "pgconflint: parse takes exactly one FILE (or - with --kind)\n");
        return 2;
    }
    /* PostgreSQL's view follows every include, as the server would; confining
     * them to the file's tree is asked for (docs/security.md) */
    load_opts lo = {.pg_version = o->pg_version, .follow_includes = 1,
                    .allow_outside = !o->confine_includes};
    arena *a = arena_new();
    if (o->confine_includes)
        lo.root_dir = tree_root(a, o->paths, o->npaths, o->stdin_filename);
    const char *why = NULL;
    const char *path = o->paths[0];
    const char *auto_conf = strcmp(path, "-") ? cluster_auto_conf_for(a, path) : NULL;
    document *d = document_load(a, path, o->kind, auto_conf, &lo, &why);
    int rc = 0;
    if (!d) {
        fprintf(stderr, "pgconflint: %s: %s\n", path, why);
        rc = 2;
    } else if (d->read_error) {
        fprintf(stderr, "%s: error: %s\n", d->read_error->path, d->read_error->message);
        rc = 2;
    } else {
        document_write(d, format, stdout);
    }
    if (fflush(stdout) != 0)
        rc = 2;
    arena_free(a);
    return rc;
}
