/*
 * document — one checked unit of any kind (conf with its includes and
 * auto.conf, hba, ident) behind one interface, so commands need not switch
 * on the kind. Memory: everything lives in the arena passed to document_load.
 */
#ifndef PGCL_DOCUMENT_H
#define PGCL_DOCUMENT_H

#include <stdio.h>

#include "arena.h"
#include "conf_doc.h"
#include "hba_doc.h"
#include "load_opts.h"
#include "source.h"

typedef struct document {
    file_kind kind;
    const source *root;
    const diag *read_error;  /* the root file itself could not be read */
    conf_doc *conf;
    hba_doc *hba;
    ident_doc *ident;
} document;

/* Read `path` ("-" = stdin) as `kind` (KIND_UNKNOWN = from its name) and parse
 * it. `auto_conf_path` (conf only, may be NULL) is read after it if it exists.
 * Returns NULL only when the kind cannot be determined (*why set). */
document *document_load(arena *a, const char *path, file_kind kind,
                        const char *auto_conf_path, const load_opts *o, const char **why);

const ptrvec *document_errors(const document *d);  /* diag* */
void document_write(const document *d, const char *format, FILE *out);  /* json|tree|source */

#endif
