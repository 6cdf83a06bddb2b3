/* auth_print.c — `pgconflint parse` output for hba and ident documents: the
 * JSON contract (docs/parse-json.md), a readable tree dump, and each file
 * printed back from its syntax tree. */
#include <string.h>

#include "auth_ctx.h"
#include "hba_doc.h"
#include "json_writer.h"

void auth_tree_write_source(const auth_tree *t, FILE *out)
{
    const unsigned char *data = t->src->data;
    for (size_t i = 0; i < t->nodes.n; i++) {
        const auth_node *n = t->nodes.items[i];
        size_t at = n->line->off, end = n->line->off + n->line->len;
        for (size_t k = 0; k < n->tokens.n; k++) {
            const hba_token *tok = n->tokens.items[k];
            fwrite(data + at, 1, tok->off - at, out);        /* the gap before it */
            fwrite(data + tok->off, 1, tok->len, out);
            at = tok->off + tok->len;
        }
        fwrite(data + at, 1, end - at, out);
    }
}

/* The document's object up to its list of records ("rules", "mappings"),
 * opened ... */
static void write_head(json_writer *w, const source *root, const char *kind, int ver,
                       const char *list)
{
    jw_begin_object(w);
    jw_key_string(w, "file", root->path);
    jw_key_string(w, "kind", kind);
    jw_key_int(w, "pg_version", ver);
    jw_key(w, list);
    jw_begin_array(w);
}

/* ... and closed after the list with the document's errors and warnings. */
static void write_tail(json_writer *w, const ptrvec *errors, const ptrvec *warnings)
{
    jw_end_array(w);
    jw_key_diags(w, "errors", errors);
    jw_key_diags(w, "warnings", warnings);
    jw_end_object(w);
    jw_finish(w);
}

static void write_texts(json_writer *w, const char *key, const ptrvec *v)
{
    jw_key(w, key);
    jw_begin_array(w);
    for (size_t i = 0; i < v->n; i++)
        jw_string(w, ((const hba_token *)v->items[i])->text);
    jw_end_array(w);
}

static void write_quoted(json_writer *w, const char *key, const ptrvec *v)
{
    jw_key(w, key);
    jw_begin_array(w);
    for (size_t i = 0; i < v->n; i++)
        jw_bool(w, ((const hba_token *)v->items[i])->quoted);
    jw_end_array(w);
}

void hba_doc_write_json(const hba_doc *d, FILE *out)
{
    json_writer w;
    jw_init(&w, out, 1);
    write_head(&w, d->root, "hba", d->opts.pg_version, "rules");
    for (size_t i = 0; i < d->rules.n; i++) {
        const hba_rule *r = d->rules.items[i];
        jw_begin_object(&w);
        jw_key_string(&w, "file", r->src->path);
        jw_key_int(&w, "line", r->line);
        jw_key_string(&w, "type", r->type);
        write_texts(&w, "databases", &r->databases);
        write_texts(&w, "users", &r->users);
        write_quoted(&w, "databases_quoted", &r->databases);
        write_quoted(&w, "users_quoted", &r->users);
        jw_key_string(&w, "address", r->address);
        jw_key_string(&w, "netmask", r->netmask);
        jw_key_string(&w, "method", r->method);
        jw_key(&w, "options");
        jw_begin_object(&w);
        for (size_t k = 0; k < r->option_names.n; k++)
            jw_key_string(&w, r->option_names.items[k], r->option_values.items[k]);
        jw_end_object(&w);
        jw_end_object(&w);
    }
    write_tail(&w, &d->errors, &d->warnings);
}

void ident_doc_write_json(const ident_doc *d, FILE *out)
{
    json_writer w;
    jw_init(&w, out, 1);
    write_head(&w, d->root, "ident", d->opts.pg_version, "mappings");
    for (size_t i = 0; i < d->maps.n; i++) {
        const ident_map *m = d->maps.items[i];
        jw_begin_object(&w);
        jw_key_string(&w, "file", m->src->path);
        jw_key_int(&w, "line", m->line);
        jw_key_string(&w, "map", m->map_name);
        jw_key_string(&w, "system_user", m->system_user);
        jw_key_string(&w, "pg_user", m->pg_user);
        jw_end_object(&w);
    }
    write_tail(&w, &d->errors, &d->warnings);
}

static void put_bytes(FILE *out, const source *s, size_t off, size_t len)
{
    fprintf(out, "[%zu+%zu] ", off, len);
    json_put_string(out, (const char *)s->data + off, len);
}

static void write_rule_summary(FILE *out, const hba_rule *r)
{
    fprintf(out, "      rule #%d: %s db=[", r->rule_number, r->type);
    for (size_t i = 0; i < r->databases.n; i++)
        fprintf(out, "%s%s", i ? "," : "", ((const hba_token *)r->databases.items[i])->text);
    fputs("] user=[", out);
    for (size_t i = 0; i < r->users.n; i++)
        fprintf(out, "%s%s", i ? "," : "", ((const hba_token *)r->users.items[i])->text);
    fputc(']', out);
    if (r->address)
        fprintf(out, " address=%s", r->address);
    if (r->netmask)
        fprintf(out, " netmask=%s", r->netmask);
    fprintf(out, " method=%s", r->method);
    for (size_t i = 0; i < r->option_names.n; i++)
        fprintf(out, " %s=%s", (const char *)r->option_names.items[i],
                (const char *)r->option_values.items[i]);
    fputc('\n', out);
}

static void write_tree(const ptrvec *sources, const void *impl, int hba, FILE *out)
{
    static const char *const kinds[] = {"empty", "record", "include", "error", "tokens"};
    for (size_t s = 0; s < sources->n; s++) {
        const source *src = sources->items[s];
        const auth_tree *t = auth_ctx_tree(impl, src);
        fprintf(out, "file %s (%zu bytes)\n", src->path, src->len);
        for (size_t i = 0; i < t->nodes.n; i++) {
            const auth_node *n = t->nodes.items[i];
            fprintf(out, "  line %d %s ", n->line->line, kinds[n->kind]);
            put_bytes(out, src, n->line->off, n->line->len);
            fputc('\n', out);
            for (size_t k = 0; k < n->tokens.n; k++) {
                const hba_token *tok = n->tokens.items[k];
                fprintf(out, "    field %d token%s%s ", tok->field, tok->quoted ? " quoted" : "",
                        (int)k == n->too_long_at ? " too-long" : "");
                put_bytes(out, src, tok->off, tok->len);
                fputs(" = ", out);
                json_put_string(out, tok->text, strlen(tok->text));
                fputc('\n', out);
            }
            if (n->kind == AUTH_NODE_ERROR)
                fprintf(out, "      error: %s\n", n->error->message);
            else if (n->kind == AUTH_NODE_INCLUDE)
                fprintf(out, "      include %s\n", n->include_path);
            else if (n->kind == AUTH_NODE_RECORD && hba)
                write_rule_summary(out, n->record);
            else if (n->kind == AUTH_NODE_RECORD) {
                const ident_map *m = n->record;
                fprintf(out, "      map %s: %s -> %s\n", m->map_name, m->system_user, m->pg_user);
            }
        }
    }
}

void hba_doc_write_tree(const hba_doc *d, FILE *out)
{
    write_tree(&d->sources, d->impl, 1, out);
}

void ident_doc_write_tree(const ident_doc *d, FILE *out)
{
    write_tree(&d->sources, d->impl, 0, out);
}

void hba_doc_write_source(const hba_doc *d, FILE *out)
{
    auth_tree_write_source(hba_doc_tree(d, d->root), out);
}

void ident_doc_write_source(const ident_doc *d, FILE *out)
{
    auth_tree_write_source(ident_doc_tree(d, d->root), out);
}
