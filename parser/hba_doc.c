/* hba_doc.c — PLACEHOLDER until the hba/ident parser lands. */
#include "hba_doc.h"

hba_doc *hba_doc_load(arena *a, const source *root, const load_opts *o)
{
    hba_doc *d = arena_alloc(a, sizeof *d);
    d->a = a; d->root = root; d->opts = *o;
    ptrvec_push(a, &d->sources, (void *)root);
    return d;
}
void hba_doc_write_json(const hba_doc *d, FILE *out) { (void)d; (void)out; }
void hba_doc_write_tree(const hba_doc *d, FILE *out) { (void)d; (void)out; }
void hba_doc_write_source(const hba_doc *d, FILE *out) { fwrite(d->root->data, 1, d->root->len, out); }

ident_doc *ident_doc_load(arena *a, const source *root, const load_opts *o)
{
    ident_doc *d = arena_alloc(a, sizeof *d);
    d->a = a; d->root = root; d->opts = *o;
    ptrvec_push(a, &d->sources, (void *)root);
    return d;
}
void ident_doc_write_json(const ident_doc *d, FILE *out) { (void)d; (void)out; }
void ident_doc_write_tree(const ident_doc *d, FILE *out) { (void)d; (void)out; }
void ident_doc_write_source(const ident_doc *d, FILE *out) { fwrite(d->root->data, 1, d->root->len, out); }
