/* test_policy_frozen — the built-in profiles are loaded from tables that
 * rules/policy_freeze wrote at build time (rules/policy_frozen.inc), and
 * loaded trusted: their rules are not validated again. So the tables must be
 * exactly what libyaml makes of the YAML text compiled in beside them. For
 * every profile this parses that text afresh and compares the two documents
 * node by node: type, tag, scalar value and style, sequence items, mapping
 * pairs (node indexes, so the whole shape), and the start and end marks that
 * every error message is located with. A freeze tool or reader that drifts
 * from libyaml fails here, not in a user's policy. */
#include <stdio.h>
#include <string.h>
#include <yaml.h>

#include "policy.h"
#include "policy_frozen.h"
#include "tests/tap.h"

static int mark_eq(const yaml_mark_t *a, const yaml_mark_t *b)
{
    return a->index == b->index && a->line == b->line && a->column == b->column;
}

/* NULL when node `f` (frozen) is `y` (fresh); else what differs first. */
static const char *node_diff(const yaml_node_t *f, const yaml_node_t *y)
{
    if (f->type != y->type)
        return "type";
    if (!f->tag || !y->tag || strcmp((const char *)f->tag, (const char *)y->tag) != 0)
        return "tag";
    if (!mark_eq(&f->start_mark, &y->start_mark))
        return "start mark";
    if (!mark_eq(&f->end_mark, &y->end_mark))
        return "end mark";
    switch (y->type) {
    case YAML_SCALAR_NODE:
        if (f->data.scalar.length != y->data.scalar.length ||
            memcmp(f->data.scalar.value, y->data.scalar.value, y->data.scalar.length) != 0)
            return "scalar value";
        /* the readers take the value as a C string: the table keeps the NUL */
        if (f->data.scalar.value[f->data.scalar.length] != '\0')
            return "scalar value not NUL-terminated";
        if (f->data.scalar.style != y->data.scalar.style)
            return "scalar style";
        return NULL;
    case YAML_SEQUENCE_NODE: {
        const yaml_node_item_t *fi = f->data.sequence.items.start;
        const yaml_node_item_t *yi = y->data.sequence.items.start;
        if (f->data.sequence.items.top - fi != y->data.sequence.items.top - yi)
            return "sequence length";
        for (; yi < y->data.sequence.items.top; fi++, yi++)
            if (*fi != *yi)
                return "sequence item";
        return f->data.sequence.style != y->data.sequence.style ? "sequence style" : NULL;
    }
    case YAML_MAPPING_NODE: {
        const yaml_node_pair_t *fp = f->data.mapping.pairs.start;
        const yaml_node_pair_t *yp = y->data.mapping.pairs.start;
        if (f->data.mapping.pairs.top - fp != y->data.mapping.pairs.top - yp)
            return "mapping length";
        for (; yp < y->data.mapping.pairs.top; fp++, yp++)
            if (fp->key != yp->key || fp->value != yp->value)
                return "mapping pair";
        return f->data.mapping.style != y->data.mapping.style ? "mapping style" : NULL;
    }
    default:
        return "node type unknown to the policy loader";
    }
}

/* Parse `text` as policy_load.c does (one document). 0 on a YAML error. */
static int parse_fresh(const char *text, yaml_document_t *doc)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        return 0;
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, strlen(text));
    int ok = yaml_parser_load(&parser, doc);
    yaml_parser_delete(&parser);
    return ok;
}

static void compare_profile(const policy_profile_info *pr)
{
    char name[160];
    size_t len = strlen(pr->text);
    yaml_document_t frozen, fresh;
    snprintf(name, sizeof name, "profile %s: a frozen document was built from its text", pr->name);
    if (!tap_ok(policy_frozen_doc(pr->name, len, &frozen), name))
        return;
    snprintf(name, sizeof name, "profile %s: its text parses", pr->name);
    if (!tap_ok(parse_fresh(pr->text, &fresh), name)) {
        policy_frozen_release(&frozen);
        return;
    }
    long nf = frozen.nodes.top - frozen.nodes.start, ny = fresh.nodes.top - fresh.nodes.start;
    snprintf(name, sizeof name, "profile %s: as many nodes frozen as parsed", pr->name);
    tap_int_eq(nf, ny, name);
    long bad = -1;
    const char *why = NULL;
    for (long i = 0; i < nf && i < ny && !why; i++)
        if ((why = node_diff(&frozen.nodes.start[i], &fresh.nodes.start[i])))
            bad = i + 1;   /* libyaml's node indexes start at 1 */
    snprintf(name, sizeof name, "profile %s: every node as libyaml parses it (%ld nodes)",
             pr->name, ny);
    if (!tap_ok(!why && nf == ny && ny > 0, name) && why) {
        const yaml_node_t *y = &fresh.nodes.start[bad - 1];
        printf("#   node %ld (line %lu, column %lu): %s differs\n", bad,
               (unsigned long)y->start_mark.line + 1, (unsigned long)y->start_mark.column + 1, why);
    }
    policy_frozen_release(&frozen);
    yaml_document_delete(&fresh);
}

int main(void)
{
    int n;
    const policy_profile_info *all = policy_profiles(&n);
    tap_ok(n >= 2 && policy_profile_find("builtin") != NULL, "the built-in profiles are there");
    for (int i = 0; i < n; i++)
        compare_profile(&all[i]);
    /* a text that is not the one frozen (another length) is parsed instead */
    const policy_profile_info *d = policy_profile_find("default");
    yaml_document_t doc;
    tap_ok(d && !policy_frozen_doc("default", strlen(d->text) + 1, &doc),
           "no frozen document for a text of another length");
    tap_ok(!policy_frozen_doc("no-such-profile", 0, &doc), "none for an unknown profile");
    return tap_done();
}
