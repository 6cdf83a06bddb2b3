/* policy_frozen.c — the built-in profiles' parsed YAML, compiled in (see
 * policy_frozen.h; rules/policy_frozen.inc is generated in the build
 * directory by rules/policy_freeze from the same files as policy_data.inc). */
#include "policy_frozen.h"

#include <stdlib.h>
#include <string.h>

/* One node as policy_freeze wrote it: offsets, no pointers (see there);
 * 32 bits each, as a profile is far below 4 GiB, so loading touches fewer
 * pages. */
typedef struct frozen_node {
    unsigned type, style;
    unsigned tag;         /* offset of the tag in the pool */
    unsigned first;       /* scalar: offset of the value in the pool; else first item or pair */
    unsigned count;       /* scalar: bytes; else items or pairs */
    unsigned start_index, start_line, start_col;
    unsigned end_index, end_line, end_col;
} frozen_node;

typedef struct policy_frozen {
    const char *name;
    size_t text_len;      /* bytes of the YAML it was parsed from */
    const frozen_node *nodes;
    size_t n;
    const yaml_node_item_t *items;
    const yaml_node_pair_t *pairs;
    const char *pool;
} policy_frozen;

#include "rules/policy_frozen.inc"

int policy_frozen_doc(const char *name, size_t len, yaml_document_t *doc)
{
    for (size_t i = 0; i < sizeof frozen_table / sizeof frozen_table[0]; i++) {
        const policy_frozen *f = &frozen_table[i];
        if (strcmp(f->name, name) != 0 || f->text_len != len)
            continue;
        /* malloc, not calloc: every node is written whole below, and the
         * array (120 KB for the builtin profile, loaded by every run) is
         * then written once instead of cleared and written. */
        yaml_node_t *nodes = malloc((f->n ? f->n : 1) * sizeof *nodes);
        if (!nodes)
            abort();
        /* libyaml's node type has no const; the policy readers never write. */
        yaml_node_item_t *items = (yaml_node_item_t *)f->items;
        yaml_node_pair_t *pairs = (yaml_node_pair_t *)f->pairs;
        yaml_char_t *pool = (yaml_char_t *)f->pool;
        for (size_t k = 0; k < f->n; k++) {
            const frozen_node *fn = &f->nodes[k];
            yaml_node_t n = {
                .type = (yaml_node_type_t)fn->type,
                .tag = pool + fn->tag,
                .start_mark = {fn->start_index, fn->start_line, fn->start_col},
                .end_mark = {fn->end_index, fn->end_line, fn->end_col},
            };
            if (n.type == YAML_SCALAR_NODE) {
                n.data.scalar.value = pool + fn->first;
                n.data.scalar.length = fn->count;
                n.data.scalar.style = (yaml_scalar_style_t)fn->style;
            } else if (n.type == YAML_SEQUENCE_NODE) {
                n.data.sequence.items.start = items + fn->first;
                n.data.sequence.items.end = n.data.sequence.items.top = items + fn->first + fn->count;
                n.data.sequence.style = (yaml_sequence_style_t)fn->style;
            } else {
                n.data.mapping.pairs.start = pairs + fn->first;
                n.data.mapping.pairs.end = n.data.mapping.pairs.top = pairs + fn->first + fn->count;
                n.data.mapping.style = (yaml_mapping_style_t)fn->style;
            }
            nodes[k] = n;
        }
        memset(doc, 0, sizeof *doc);
        doc->nodes.start = nodes;
        doc->nodes.top = doc->nodes.end = nodes + f->n;
        return 1;
    }
    return 0;
}

void policy_frozen_release(yaml_document_t *doc)
{
    free(doc->nodes.start);
    memset(doc, 0, sizeof *doc);
}
