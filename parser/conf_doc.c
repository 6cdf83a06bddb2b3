/* conf_doc.c — PLACEHOLDER until the conf parser lands: reads nothing. */
#include "conf_doc.h"

conf_doc *conf_doc_load(arena *a, const source *root, const source *auto_conf,
                        const load_opts *o)
{
    (void)auto_conf;
    conf_doc *d = arena_alloc(a, sizeof *d);
    d->a = a;
    d->root = root;
    d->opts = *o;
    ptrvec_push(a, &d->sources, (void *)root);
    return d;
}

void conf_doc_write_json(const conf_doc *d, FILE *out) { (void)d; (void)out; }
void conf_doc_write_tree(const conf_doc *d, FILE *out) { (void)d; (void)out; }
void conf_doc_write_source(const conf_doc *d, FILE *out)
{
    fwrite(d->root->data, 1, d->root->len, out);
}
