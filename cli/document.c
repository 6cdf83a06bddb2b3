/* document.c — loading any kind of file and dispatching to its parser. */
#include "document.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "confine.h"

static source *read_stdin(arena *a, const load_opts *o)
{
    strbuf b = {0};
    char buf[65536];
    ssize_t r;
    while ((r = read(0, buf, sizeof buf)) > 0)
        strbuf_put(a, &b, buf, (size_t)r);
    source *s = source_from_buffer(a, "<stdin>", b.data ? b.data : "", b.len);
    s->dir = arena_strdup(a, source_cwd(a, o->cwd));
    return s;
}

/* postgresql.auto.conf is found by convention, not named by the checked
 * files; a Debian layout keeps it outside the configuration directory. It is
 * read unless a symbolic link leads it out of the checked tree. */
static int auto_conf_allowed(arena *a, const char *path, const load_opts *o)
{
    if (!confine_outside(a, o, path))
        return 1;
    const char *lexical = path_make_absolute(a, path, source_cwd(a, o->cwd));
    return strcmp(confine_resolve_opts(a, o, path), lexical) == 0;
}

/* The auto.conf, if it exists and may be read: 0 with *out set (NULL when
 * it is missing or not allowed), else the errno of reading it, *err set.
 * The callers found it on disk a moment ago, so it is read straight away
 * and asked about (access()) only when that fails: a missing auto.conf is
 * forgiven, an unreadable one is not. Bytes the fixer holds are taken only
 * for a file that exists, so that case asks first, as it always did. */
static int read_auto_conf(arena *a, const char *path, const load_opts *o, source **out,
                          const char **err)
{
    *out = NULL;
    int held = o->overlay && o->overlay->n;
    if (held && access(path, F_OK) != 0)
        return 0;
    if (!auto_conf_allowed(a, path, o))
        return 0;
    int rc = source_read_file_in(a, path, o->cwd, o->overlay, out, err);
    if (rc != 0 && !held && access(path, F_OK) != 0)
        rc = 0;   /* missing after all */
    if (rc != 0)
        *out = NULL;
    return rc;
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
    const source_overlay_file *held = is_stdin ? source_overlay_find(o->overlay, "-") : NULL;
    if (held) {
        /* the fixer's patched copy of standard input, which can be read only once */
        s = source_from_buffer(a, "<stdin>", held->data, held->len);
        s->dir = arena_strdup(a, source_cwd(a, o->cwd));
    } else if (is_stdin) {
        s = read_stdin(a, o);
    } else if (confine_outside(a, o, path)) {
        /* a walked symbolic link that leads out of the checked tree */
        diag *dg = arena_alloc(a, sizeof *dg);
        dg->path = arena_strdup(a, path);
        dg->message = confine_message(a, o, "file", path);
        dg->code = CONFINE_RULE;
        d->read_error = dg;
        return d;
    } else {
        const char *err = NULL;
        if (source_read_file_in(a, path, o->cwd, o->overlay, &s, &err) != 0) {
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
        diag *auto_err = NULL;
        if (auto_conf_path) {
            const char *err = NULL;
            if (read_auto_conf(a, auto_conf_path, o, &auto_src, &err) != 0) {
                /* PostgreSQL forgives a missing auto.conf, not an unreadable one */
                auto_err = arena_alloc(a, sizeof *auto_err);
                /* shown on the file it belongs to, as a whole-file message */
                auto_err->src = s;
                auto_err->path = s->path;
                auto_err->message = arena_printf(a, "could not open configuration file \"%s\": %s",
                                                 auto_conf_path, err);
                auto_err->code = "include-error";
                auto_src = NULL;
            }
        }
        d->conf = conf_doc_load(a, s, auto_src, o);
        if (auto_err)
            ptrvec_push(a, &d->conf->errors, auto_err);
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
