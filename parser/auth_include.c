/* auth_include.c — @file expansion and 16+ include directives for hba/ident. */
#include "auth_include.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "confine.h"

/* CONF_FILE_MAX_DEPTH, shared by include lines and @file from 16 on. */
#define MAX_DEPTH 10
/* Before 16 @file nesting had no limit (a file naming itself recursed until
 * the server ran out of stack); we stop here instead. */
#define PRE16_AT_GUARD 64

/* OPEN_OUTSIDE: the target lies outside the checked tree and was not read
 * (confine.h); PostgreSQL would read it. */
typedef enum open_result { OPEN_OK, OPEN_FAIL, OPEN_DIR, OPEN_SKIPPED, OPEN_OUTSIDE } open_result;

/* AbsoluteConfigLocation: absolute names are used as written. */
static const char *abs_location(auth_ctx *c, const source *from, const char *name)
{
    if (name[0] == '/')
        return name;
    const char *dir = from->dir ? from->dir : ".";
    return path_canonicalize(c->a, arena_printf(c->a, "%s/%s", dir, name));
}

/* How we show an included file: joined to the including file's name as given. */
static const char *display_join(auth_ctx *c, const char *from_display, const char *name)
{
    if (name[0] == '/')
        return name;
    return path_canonicalize(
        c->a, arena_printf(c->a, "%s/%s", path_dirname(c->a, from_display), name));
}

static open_result open_file(auth_ctx *c, const char *full, const char *display,
                             const source **out, const char **why, int *err_no)
{
    *err_no = 0;
    const char *canon = path_canonicalize(c->a, full);
    const source *s = auth_ctx_find(c, canon);
    if (s) {
        *out = s;
        return OPEN_OK;
    }
    if (!c->opts->follow_includes) {
        *why = "included files are not followed";
        return OPEN_SKIPPED;
    }
    if (confine_outside(c->a, c->opts, canon))
        return OPEN_OUTSIDE;
    source *ns = NULL;
    int rc = source_read_file_in(c->a, canon, c->opts->cwd, c->opts->overlay, &ns, why);
    *err_no = rc;
    if (rc == EISDIR)
        return OPEN_DIR;   /* fopen succeeds on a directory; the first read fails */
    if (rc != 0)
        return OPEN_FAIL;
    ns->path = display;
    ns->kind = c->sources->n ? ((const source *)c->sources->items[0])->kind : KIND_UNKNOWN;
    auth_ctx_add_source(c, ns);
    *out = ns;
    return OPEN_OK;
}

/* @file: replace the token by every token of the file, fields flattened. */
static void tokenize_at(auth_ctx *c, auth_tok_line *tl, hba_token *at, const char *display_from,
                        int depth, ptrvec *field)
{
    const char *name = at->text + 1;
    const char *full = abs_location(c, tl->src, name);
    if (c->ver >= 16 && depth > MAX_DEPTH) {
        tl->err = auth_line_diag(c, tl, at, "include-error", NULL,
                                 "could not open file \"%s\": maximum nesting depth exceeded", full);
        return;
    }
    if (c->ver < 16 && depth > PRE16_AT_GUARD) {
        tl->err = auth_line_diag(c, tl, at, "include-error", NULL,
                                 "could not open secondary authentication file \"@%s\" as \"%s\": "
                                 "nested too deeply (PostgreSQL recurses without limit)",
                                 name, full);
        return;
    }
    const source *s = NULL;
    const char *why = NULL;
    int err_no;
    switch (open_file(c, full, display_join(c, display_from, name), &s, &why, &err_no)) {
    case OPEN_OK:
        break;
    case OPEN_FAIL:
        if (c->ver >= 16)
            tl->err = auth_line_diag(c, tl, at, "include-error", NULL,
                                     "could not open file \"%s\": %s", full, why);
        else
            tl->err = auth_line_diag(c, tl, at, "include-error", NULL,
                                     "could not open secondary authentication file \"@%s\" as "
                                     "\"%s\": %s",
                                     name, full, why);
        return;
    case OPEN_DIR:
        /* 12–13 turn the failed read into an error of the line; 14+ only log
         * it and the @file contributes no tokens */
        if (c->ver <= 13)
            tl->err = auth_line_diag(c, tl, at, "include-error", NULL,
                                     "could not read file \"%s\": %s", full, strerror(EISDIR));
        else
            auth_warn(c, tl, at, "include-warning", NULL, "could not read file \"%s\": %s", full,
                      strerror(EISDIR));
        return;
    case OPEN_SKIPPED:
        auth_warn(c, tl, at, "include-warning", NULL, "@file \"%s\" not read: %s", full, why);
        ptrvec_push(c->scratch, field, at);   /* keep it visible as a literal */
        return;
    case OPEN_OUTSIDE:
        auth_warn(c, tl, at, CONFINE_RULE, NULL, "%s",
                  confine_message(c->a, c->opts, "@file", full));
        ptrvec_push(c->scratch, field, at);
        return;
    }
    ptrvec inner = {0};
    auth_tokenize_file(c, s, depth, &inner);
    for (size_t i = 0; i < inner.n; i++) {
        const auth_tok_line *il = inner.items[i];
        if (il->err) {
            /* PostgreSQL rejects the line that used the file, with the
             * message of the first bad line inside it. */
            tl->err = auth_line_diag(c, tl, at, il->err->code, il->err->detail, "%s",
                                     il->err->message);
            return;
        }
        for (size_t f = 0; f < il->fields.n; f++) {
            const ptrvec *toks = il->fields.items[f];
            for (size_t k = 0; k < toks->n; k++) {
                if (--c->expand_budget < 0) {
                    tl->err = auth_line_diag(c, tl, at, "include-error", NULL,
                                             "@file expansion of \"%s\" produces too many tokens",
                                             full);
                    return;
                }
                hba_token *cp = arena_alloc(c->a, sizeof *cp);
                *cp = *(const hba_token *)toks->items[k];
                cp->via = at;
                cp->field = at->field;
                ptrvec_push(c->scratch, field, cp);
            }
        }
    }
}

/* A tokenized line for `out`: handed to the document as it comes, or kept
 * (an @file's lines, which the line naming the file consumes). */
static void emit(auth_ctx *c, ptrvec *out, auth_tok_line *tl)
{
    if (c->stream && out == c->stream_into)
        c->stream(c->stream_ctx, tl);
    else
        ptrvec_push(c->scratch, out, tl);
}

static int is_at_file(const hba_token *t)
{
    return !t->quoted && t->text[0] == '@' && t->text[1] != '\0';
}

/* The fields of one line, @file tokens expanded (next_field_expand). A
 * field without @file (nearly all of them) is a slice of the node's own
 * token vector rather than a copy. */
static void expand_fields(auth_ctx *c, auth_tok_line *tl, int depth, ptrvec *fv)
{
    const auth_node *n = tl->node;
    size_t nt = n->tokens.n;
    if (nt == 0)
        return;
    hba_token *const *tok = (hba_token *const *)n->tokens.items;
    for (size_t i = 0; i < nt;) {
        int f = tok[i]->field;
        size_t j = i;
        int special = 0;
        for (; j < nt && tok[j]->field == f; j++)
            if ((tok[j]->text[0] == '@' && is_at_file(tok[j])) || (int)j == n->too_long_at)
                special = 1;
        ptrvec *cur = &fv[f];
        if (!special) {
            cur->items = (void **)&n->tokens.items[i];
            cur->n = cur->cap = j - i;
        } else {
            for (size_t k = i; k < j; k++) {
                hba_token *t = tok[k];
                if ((int)k == n->too_long_at) {
                    tl->err = auth_line_diag(c, tl, t, NULL, NULL,
                                             "authentication file token too long, skipping: \"%s\"",
                                             t->text);
                    return;
                }
                if (is_at_file(t)) {
                    tokenize_at(c, tl, t, tl->src->path, depth + 1, cur);
                    if (tl->err)
                        return;
                } else {
                    ptrvec_push(c->scratch, cur, t);
                }
            }
        }
        if (cur->n)
            tl->fields.items[tl->fields.n++] = cur;
        i = j;
    }
}

/* tokenize_include_file: NULL, or the error for the include line. */
static const char *include_file(auth_ctx *c, const auth_tok_line *tl, const hba_token *at,
                                const char *full, const char *display, int depth, int missing_ok,
                                ptrvec *out)
{
    if (depth > MAX_DEPTH)
        return arena_printf(c->a, "could not open file \"%s\": maximum nesting depth exceeded",
                            full);
    const source *s = NULL;
    const char *why = NULL;
    int err_no;
    switch (open_file(c, full, display, &s, &why, &err_no)) {
    case OPEN_OK:
        break;
    case OPEN_FAIL:
        if (missing_ok && err_no == ENOENT) {
            auth_warn(c, tl, at, "include-warning", NULL, "skipping missing authentication file \"%s\"",
                      full);
            return NULL;
        }
        return arena_printf(c->a, "could not open file \"%s\": %s", full, why);
    case OPEN_DIR:
        auth_warn(c, tl, at, "include-warning", NULL, "could not read file \"%s\": %s", full,
                  strerror(EISDIR));
        return NULL;
    case OPEN_SKIPPED:
        auth_warn(c, tl, at, "include-warning", NULL, "included file \"%s\" not read: %s", full, why);
        return NULL;
    case OPEN_OUTSIDE:
        auth_warn(c, tl, at, CONFINE_RULE, NULL, "%s",
                  confine_message(c->a, c->opts, "included file", full));
        return NULL;
    }
    auth_tokenize_file(c, s, depth, out);
    return NULL;
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* include_dir: every *.conf in the directory, in byte order. */
static const char *include_dir(auth_ctx *c, const auth_tok_line *tl, const hba_token *at,
                               int depth, ptrvec *out)
{
    const char *name = at->text;
    if (strspn(name, " \t\r\n") == strlen(name))
        return arena_printf(c->a, "empty configuration directory name: \"%s\"", name);
    const char *dir = abs_location(c, tl->src, name);
    const char *display_dir = display_join(c, tl->src->path, name);
    if (c->opts->follow_includes && confine_outside(c->a, c->opts, dir)) {
        auth_warn(c, tl, at, CONFINE_RULE, NULL, "%s",
                  confine_message(c->a, c->opts, "included directory", dir));
        return NULL;
    }
    DIR *d = opendir(dir);
    if (!d)
        return arena_printf(c->a, "could not open configuration directory \"%s\": %s", dir,
                            strerror(errno));
    ptrvec names = {0};
    const char *err = NULL;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        size_t n = strlen(de->d_name);
        if (n < 6 || de->d_name[0] == '.' || strcmp(de->d_name + n - 5, ".conf") != 0)
            continue;
        char *file = path_canonicalize(c->a, arena_printf(c->a, "%s/%s", dir, de->d_name));
        struct stat st;
        if (stat(file, &st) != 0) {
            err = arena_printf(c->a, "could not stat file \"%s\": %s", file, strerror(errno));
            break;
        }
        if (!S_ISDIR(st.st_mode))
            ptrvec_push(c->a, &names, file);
    }
    closedir(d);
    if (err)
        return err;
    if (names.n)
        qsort(names.items, names.n, sizeof(char *), cmp_str);
    strbuf errs = {0};
    const char *last = NULL;
    for (size_t i = 0; i < names.n; i++) {
        const char *file = names.items[i];
        const char *base = strrchr(file, '/') + 1;
        const char *e = include_file(c, tl, at, file,
                                     path_canonicalize(c->a, arena_printf(c->a, "%s/%s",
                                                                          display_dir, base)),
                                     depth, 0, out);
        /* PostgreSQL never clears its error variable inside this loop, so an
         * earlier failure is reported again for each later file. */
        if (e)
            last = e;
        if (last) {
            if (errs.len)
                strbuf_putc(c->a, &errs, '\n');
            strbuf_puts(c->a, &errs, last);
        }
    }
    return errs.len ? errs.data : NULL;
}

/* 16+: a line of exactly two fields whose first token names a directive.
 * Returns 1 if the line was one (tl->err set if it failed). */
static int try_directive(auth_ctx *c, auth_tok_line *tl, int depth, ptrvec *out)
{
    if (c->ver < 16 || tl->err || tl->fields.n != 2)
        return 0;
    const hba_token *first = ((ptrvec *)tl->fields.items[0])->items[0];
    hba_token *second = ((ptrvec *)tl->fields.items[1])->items[0];
    const char *err;
    if (strcmp(first->text, "include") == 0 || strcmp(first->text, "include_if_exists") == 0) {
        int missing_ok = first->text[7] == '_';
        const char *full = abs_location(c, tl->src, second->text);
        err = include_file(c, tl, second, full, display_join(c, tl->src->path, second->text),
                           depth + 1, missing_ok, out);
    } else if (strcmp(first->text, "include_dir") == 0) {
        err = include_dir(c, tl, second, depth + 1, out);
    } else {
        return 0;
    }
    if (tl->node->kind == AUTH_NODE_UNVISITED) {
        tl->node->kind = AUTH_NODE_INCLUDE;
        tl->node->include_path = abs_location(c, tl->src, second->text);
    }
    if (err)
        tl->err = auth_line_diag(c, tl, second, "include-error", NULL, "%s", err);
    return 1;
}

/* PostgreSQL reads lines with fgets and measures them with strlen, so a NUL
 * byte hides the rest of what that fgets call read, newline included. */
static void nul_warning(auth_ctx *c, auth_node *n)
{
    n->nul_warned = 1;
    const auth_line *l = n->line;
    diag *d = diag_at(c->a, l->src, l->nul_off, 1,
                      "NUL byte: PostgreSQL ignores the bytes after it up to the end of the "
                      "line and may join the next line to this one; its line numbers after "
                      "this point differ from the file's");
    d->code = "nul-byte";
    ptrvec_push(c->a, c->warnings, d);
}

/* A tokenized line with room for its fields: the line, one vector per field
 * as written (`*fv`, cleared) and the list of the non-empty ones, in one
 * block rather than three allocations per line. */
static auth_tok_line *new_tok_line(auth_ctx *c, const source *s, auth_node *n, ptrvec **fv)
{
    size_t nt = n->line->too_long ? 0 : n->tokens.n;   /* 12-13: not tokenized */
    size_t nfields = nt ? (size_t)((const hba_token *)n->tokens.items[nt - 1])->field + 1 : 0;
    auth_tok_line *tl =
        arena_alloc(c->scratch, sizeof *tl + nfields * (sizeof(ptrvec) + sizeof(void *)));
    tl->src = s;
    tl->node = n;
    *fv = (ptrvec *)(tl + 1);
    if (nfields) {
        tl->fields.items = (void **)(*fv + nfields);
        tl->fields.cap = nfields;
    }
    return tl;
}

void auth_tokenize_file(auth_ctx *c, const source *s, int depth, ptrvec *out)
{
    const auth_tree *t = auth_ctx_add_source(c, s);
    for (size_t i = 0; i < t->nodes.n; i++) {
        auth_node *n = t->nodes.items[i];
        if (n->line->has_nul && !n->nul_warned)
            nul_warning(c, n);
        if (n->tokens.n == 0 && !n->line->too_long)
            continue;
        ptrvec *fv;
        auth_tok_line *tl = new_tok_line(c, s, n, &fv);
        if (n->line->too_long) {
            /* 12–13: the line is not tokenized; the rest of it is read as
             * the next line */
            tl->err = auth_line_diag(c, tl, NULL, NULL, NULL, "authentication file line too long");
            emit(c, out, tl);
        } else {
            expand_fields(c, tl, depth, fv);
            if (!(try_directive(c, tl, depth, out) && !tl->err) && (tl->fields.n || tl->err))
                emit(c, out, tl);
        }
        /* each line of the main file is finished here, its includes too */
        if (depth == 0 && c->stream && out == c->stream_into && c->scratch != c->a)
            arena_reset(c->scratch);
    }
}
