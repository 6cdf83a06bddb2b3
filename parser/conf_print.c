/* conf_print.c — `pgconflint parse` output for conf documents: the JSON
 * contract (docs/parse-json.md), a readable tree dump, and the root file
 * printed back from its syntax tree. */
#include <string.h>

#include "conf_doc.h"
#include "conf_syntax.h"
#include "json_writer.h"

void conf_doc_write_json(const conf_doc *d, FILE *out)
{
    json_writer w;
    jw_init(&w, out, 1);
    jw_begin_object(&w);
    jw_key_string(&w, "file", d->root->path);
    jw_key_string(&w, "kind", "conf");
    jw_key_int(&w, "pg_version", d->opts.pg_version);
    jw_key(&w, "settings");
    jw_begin_array(&w);
    for (size_t i = 0; i < d->settings.n; i++) {
        const conf_setting *s = d->settings.items[i];
        jw_begin_object(&w);
        jw_key_string(&w, "file", s->src->path);
        jw_key_int(&w, "line", s->line);
        jw_key_string(&w, "name", s->name);
        jw_key_string(&w, "value", s->value);
        jw_key_bool(&w, "applied", s->applied);
        if (s->from_auto_conf)
            jw_key_bool(&w, "auto", 1);
        jw_end_object(&w);
    }
    jw_end_array(&w);
    jw_key_diags(&w, "errors", &d->errors);
    jw_end_object(&w);
    jw_finish(&w);
}

/* A span's bytes as a JSON-style string literal, so control bytes show. */
static void put_span(FILE *out, const source *src, conf_span s)
{
    fprintf(out, "[%zu+%zu]", s.off, s.len);
    json_put_string(out, (const char *)src->data + s.off, s.len);
}

void conf_doc_write_tree(const conf_doc *d, FILE *out)
{
    for (size_t i = 0; i < d->sources.n; i++) {
        const source *src = d->sources.items[i];
        const conf_tree *t = conf_doc_tree(d, src);
        if (!t)
            continue;
        fprintf(out, "file ");
        json_put_string(out, src->path, strlen(src->path));
        fprintf(out, " pg_path ");
        json_put_string(out, t->pg_path, strlen(t->pg_path));
        fprintf(out, " lines %zu errors %zu\n", t->n, t->nerrors);
        for (size_t k = 0; k < t->n; k++) {
            const conf_node *nd = &t->nodes[k];
            fprintf(out, "  %d %s", nd->line, conf_node_kind_name(nd->kind));
            if (nd->kind == CN_INCLUDE)
                fprintf(out, " (%s)", nd->include == CINC_DIR ? "include_dir"
                                      : nd->include == CINC_IF_EXISTS ? "include_if_exists"
                                                                      : "include");
            if (nd->kind == CN_SETTING || nd->kind == CN_INCLUDE) {
                fprintf(out, " %s", conf_tok_kind_name(nd->value_kind));
                fprintf(out, " name=");
                json_put_string(out, nd->name_text, strlen(nd->name_text));
                fprintf(out, " value=");
                json_put_string(out, nd->value_text, strlen(nd->value_text));
            }
            if (nd->kind == CN_ERROR) {
                const conf_error *e = nd->error;
                fprintf(out, " at [%zu+%zu] ", e->token.off, e->token.len);
                json_put_string(out, e->diag->message, strlen(e->diag->message));
            }
            fputc('\n', out);
            conf_span parts[8];
            const char *names[8];
            size_t np = conf_node_parts(nd, parts, names, 8);
            for (size_t j = 0; j < np; j++) {
                if (!parts[j].len)
                    continue;
                fprintf(out, "    %-8s", names[j]);
                put_span(out, src, parts[j]);
                fputc('\n', out);
            }
        }
    }
}

void conf_doc_write_source(const conf_doc *d, FILE *out)
{
    const conf_tree *t = conf_doc_tree(d, d->root);
    if (t)
        conf_tree_print(t, out);
}
