/* document.c — loading any kind of file and dispatching to its parser. */
#include "document.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static source *read_stdin(arena *a)
{
    strbuf b = {0};
    char buf[65536];
    ssize_t r;
    while ((r = read(0, buf, sizeof buf)) > 0)
        strbuf_put(a, &b, buf, (size_t)r);
    source *s = source_from_buffer(a, "<stdin>", b.data ? b.data : "", b.len);
    char *cwd = getcwd(NULL, 0);
    s->dir = arena_strdup(a, cwd ? cwd : "/");
    free(cwd);
    return s;
}

document *document_load(arena *a, const char *path, file_kind kind,
                        const char *auto_conf_path, const load_opts *o, const char **why)
{
    int is_stdin = strcmp(path, "-") == 0;
    if (kind == KIND_UNKNOWN && !is_stdin)
        kind = kind_from_name(path);
    if (kind == KIND_UNKNOWN) {
        *why = is_stdin ? "reading standard input needs --kind conf|hba|ident"
                        : "cannot tell the kind of file from its name; use --kind conf|hba|ident";
        return NULL;
    }
    document *d = arena_alloc(a, sizeof *d);
    d->kind = kind;
    source *s = NULL;
    if (is_stdin) {
        s = read_stdin(a);
    } else {
        const char *err = NULL;
        if (source_read_file(a, path, &s, &err) != 0) {
            diag *dg = arena_alloc(a, sizeof *dg);
            dg->path = arena_strdup(a, path);
            dg->message = arena_printf(a, "could not read file: %s", err);
            dg->code = "io-error";
            d->read_error = dg;
            return d;
        }
    }
    s->kind = kind;
    d->root = s;
    switch (kind) {
    case KIND_CONF: {
        source *auto_src = NULL;
        if (auto_conf_path && access(auto_conf_path, F_OK) == 0) {
            const char *err = NULL;
            if (source_read_file(a, auto_conf_path, &auto_src, &err) != 0)
                auto_src = NULL;
        }
        d->conf = conf_doc_load(a, s, auto_src, o);
        break;
    }
    case KIND_HBA:
        d->hba = hba_doc_load(a, s, o);
        break;
    case KIND_IDENT:
        d->ident = ident_doc_load(a, s, o);
        break;
    default:
        break;
    }
    return d;
}

const ptrvec *document_errors(const document *d)
{
    static const ptrvec none = {0};
    if (d->conf)
        return &d->conf->errors;
    if (d->hba)
        return &d->hba->errors;
    if (d->ident)
        return &d->ident->errors;
    return &none;
}

void document_write(const document *d, const char *format, FILE *out)
{
    int json = strcmp(format, "json") == 0, tree = strcmp(format, "tree") == 0;
    if (d->conf)
        json ? conf_doc_write_json(d->conf, out)
             : tree ? conf_doc_write_tree(d->conf, out) : conf_doc_write_source(d->conf, out);
    else if (d->hba)
        json ? hba_doc_write_json(d->hba, out)
             : tree ? hba_doc_write_tree(d->hba, out) : hba_doc_write_source(d->hba, out);
    else if (d->ident)
        json ? ident_doc_write_json(d->ident, out)
             : tree ? ident_doc_write_tree(d->ident, out) : ident_doc_write_source(d->ident, out);
}
